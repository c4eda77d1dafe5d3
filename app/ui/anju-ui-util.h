/* anju-ui-util.h — small widget chores several views share
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Removes every row of @list; its placeholder stays. */
void anju_ui_list_box_clear           (GtkListBox *list);
/* Gives @list a dim, wrapping placeholder label saying @text. */
void anju_ui_list_box_set_placeholder (GtkListBox *list,
                                       const char *text);

/* A visitor as the lists show them: name and form of address ("孙丽（孙女士）"),
 * or "First-time visitor" / "Returning visitor" while the name is unknown. */
char *anju_ui_visitor_name            (const char *name,
                                       const char *title,
                                       gboolean    first_time);

G_END_DECLS
