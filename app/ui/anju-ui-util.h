/* anju-ui-util.h — small widget chores several views share
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Makes @overlay the place toasts of widgets in @window go
 * (anju_widget_show_toast()); the main window sets its own. */
void  anju_ui_window_set_toast_overlay (GtkWindow       *window,
                                        AdwToastOverlay *overlay);
/* Shows @title as a toast in the window that holds @widget, or in the
 * window a dialog holding it belongs to (confirmations and refusals).
 * Does nothing if no such window has a toast overlay. Views call this;
 * it knows no window type, so views need not include anju-window.h. */
void  anju_widget_show_toast          (GtkWidget       *widget,
                                       const char      *title);

/* Removes every row of @list; its placeholder stays. */
void anju_ui_list_box_clear           (GtkListBox *list);
/* Gives @list a dim, wrapping placeholder label saying @text. */
void anju_ui_list_box_set_placeholder (GtkListBox *list,
                                       const char *text);

/* Shows @label in red ("status-overdue") when @urgent, else dimmed. */
void anju_ui_label_set_urgent (GtkLabel *label,
                               gboolean  urgent);

/* Scrolls @scroller so that @widget, somewhere inside it, shows whole
 * (or its top, when it is taller than the view). */
void  anju_ui_scroll_to               (GtkScrolledWindow *scroller,
                                       GtkWidget         *widget);

/* The errors of a form's fields, all shown at once: each faulty field
 * wears the "error" style and its sentence is listed in @summary; a
 * field that changes drops its own error, not the others'. */
typedef struct _AnjuFieldErrors AnjuFieldErrors;

AnjuFieldErrors *anju_field_errors_new      (GtkLabel          *summary,
                                             GtkScrolledWindow *scroller);
void             anju_field_errors_free     (AnjuFieldErrors   *self);
/* Sets (or, @message NULL, clears) the error of @field; @field NULL is
 * the form as a whole. */
void             anju_field_errors_set      (AnjuFieldErrors   *self,
                                             GtkWidget         *field,
                                             const char        *message);
void             anju_field_errors_clear    (AnjuFieldErrors   *self);
guint            anju_field_errors_count    (AnjuFieldErrors   *self);
/* Scrolls the topmost faulty field into view and focuses it. */
void             anju_field_errors_reveal   (AnjuFieldErrors   *self);

/* Lets @editable take only what a mobile number is written with: digits,
 * a "+" in front (+86), spaces and hyphens; anything else rings the bell. */
void  anju_ui_editable_accept_phone   (GtkEditable       *editable);
/* Called with core's sentence that names the field ("The mobile number
 * contains “a”. …") when @editable refused what was typed. */
typedef void (*AnjuPhoneRefusedFunc) (GtkEditable *editable,
                                      const char  *message,
                                      gpointer     user_data);
/* The same, and @refused (may be NULL) says why a refusal happened. */
void  anju_ui_editable_accept_phone_full (GtkEditable          *editable,
                                          AnjuPhoneRefusedFunc  refused,
                                          gpointer              user_data);

/* A visitor as the lists show them: name and form of address ("孙丽（孙女士）"),
 * or "First-time visitor" / "Returning visitor" while the name is unknown. */
char *anju_ui_visitor_name            (const char *name,
                                       const char *title,
                                       gboolean    first_time);

G_END_DECLS
