/* anju-window.h — the main window: sign-in, then the views */
#pragma once

#include <adwaita.h>

#include "anju-application.h"
#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_WINDOW (anju_window_get_type ())
G_DECLARE_FINAL_TYPE (AnjuWindow, anju_window, ANJU, WINDOW, AdwApplicationWindow)

AnjuWindow  *anju_window_new               (AnjuApplication *application,
                                            AnjuContext     *context);

AnjuContext *anju_window_get_context       (AnjuWindow      *self);
/* The sign-in page and the customers view (tests drive them). */
GtkWidget   *anju_window_get_sign_in_page  (AnjuWindow      *self);
GtkWidget   *anju_window_get_customers_view (AnjuWindow     *self);

/* The widget of the view @name of anju-views.c, or NULL if there is none.
 * A view is made the first time it is shown or asked for here. */
GtkWidget   *anju_window_get_view          (AnjuWindow      *self,
                                            const char      *name);
/* The name of the view showing, or NULL while nobody is signed in. */
const char  *anju_window_get_visible_view  (AnjuWindow      *self);
/* Shows the view @name; FALSE if there is no such view or the signed-in
 * person's role does not see it. */
gboolean     anju_window_show_view         (AnjuWindow      *self,
                                            const char      *name);

/* Shows the settings: the settings view once signed in, else a
 * preferences window (to choose the database before signing in). */
void         anju_window_show_preferences  (AnjuWindow      *self);
/* Shows the customers view with the customer @customer_id open. */
void         anju_window_open_customer     (AnjuWindow      *self,
                                            const char      *customer_id);

G_END_DECLS
