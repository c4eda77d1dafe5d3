/* anju-columns.h — columns side by side when there is room, else stacked
 *
 * The workbench and the reception show their groups in two columns on a
 * wide window and one under the other on a narrow one (a folded window is
 * 360 px wide). GtkFlowBox decides from the children's natural widths,
 * which long wrapped texts make as wide as the screen; this decides from
 * a column width instead.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ANJU_TYPE_COLUMNS (anju_columns_get_type ())
G_DECLARE_FINAL_TYPE (AnjuColumns, anju_columns, ANJU, COLUMNS, GtkWidget)

GtkWidget *anju_columns_new            (void);
/* Appends a column (a child widget). */
void       anju_columns_append         (AnjuColumns *self,
                                        GtkWidget   *child);
/* TRUE when the last allocation put the columns side by side. */
gboolean   anju_columns_get_side_by_side (AnjuColumns *self);

G_END_DECLS
