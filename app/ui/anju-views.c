/* anju-views.c — the table of the window's views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How to add a view:
 *
 *  1. Write the view as usual (app/ui/anju-foo-view.c/.h, resources/ui/
 *     anju-foo-view.ui, both in app/ui/meson.build, anju.gresource.xml and,
 *     for the .c and .ui, po/POTFILES.in) with a constructor of the shape
 *     `GtkWidget *anju_foo_view_new (AnjuContext *context)`.
 *  2. Add ONE line to `views` below, where its sidebar row should be, and
 *     its name with the roles that see it to core's table in
 *     app/core/anju-view-access.c (a view core does not know is seen by
 *     nobody). The first entry a person sees is the view they land on
 *     after signing in; Ctrl+1 … Ctrl+9 go to the first nine rows they see.
 *  3. If it has a primary action (the header bar's button), give its label
 *     and detailed action name. The window activates that action on the
 *     view widget, so an action the view installs with
 *     gtk_widget_class_install_action() ("foo.new-thing") works, and so do
 *     the window's ("win.new-customer"). Name the command the button
 *     leads to, so only who may run it gets the button.
 *
 * The view is made once per window, the first time it is shown or
 * anju_window_get_view() asks for it — often after someone signed in: it
 * starts from the context's user as it finds it. It should load its
 * rows when it is mapped or when the context's "changed" names its tables,
 * and override GtkWidget::grab_focus to focus what a person types into
 * first (the window focuses the view it lands on after signing in).
 */
#define G_LOG_DOMAIN "anju-views"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-approvals-view.h"
#include "anju-board-view.h"
#include "anju-care-view.h"
#include "anju-customers-view.h"
#include "anju-finance-view.h"
#include "anju-handovers-view.h"
#include "anju-negotiation-view.h"
#include "anju-office-view.h"
#include "anju-reception-view.h"
#include "anju-settings-view.h"
#include "anju-signing-view.h"
#include "anju-mortgage-view.h"
#include "anju-views.h"
#include "anju-workbench-view.h"

static GtkWidget *
create_settings_view (AnjuContext *context)
{
  return GTK_WIDGET (anju_settings_view_new (context));
}

static const AnjuViewInfo views[] = {
  /* name, title, icon, create, primary action label, primary action,
   * primary action icon, the command it leads to */
  { "workbench", N_("Today"), "task-due-symbolic", anju_workbench_view_new,
    N_("Take a _Call"), "app.take-call", "call-start-symbolic", "call.log" },
  { "reception", N_("Reception"), "contact-new-symbolic", anju_reception_view_new,
    N_("_Register Walk-in"), "reception.register-walk-in", "list-add-symbolic", "visit.register" },
  { "customers", N_("Customers"), "system-users-symbolic", anju_customers_view_new,
    N_("_New Customer"), "win.new-customer", "list-add-symbolic", "customer.create" },
  { "board", N_("Sales Board"), "view-grid-symbolic", anju_board_view_new },
  { "negotiation", N_("Negotiation"), "emblem-documents-symbolic", anju_negotiation_view_new },
  { "approvals", N_("Approvals"), "emblem-ok-symbolic", anju_approvals_view_new },
  { "finance", N_("Finance"), "accessories-calculator-symbolic", anju_finance_view_new },
  { "care", N_("Care"), "x-office-calendar-symbolic", anju_care_view_new },
  { "handovers", N_("Handovers"), "system-switch-user-symbolic", anju_handovers_view_new },
  { "signing", N_("Signing"), "document-edit-symbolic", anju_signing_view_new },
  { "mortgage", N_("Mortgages"), "mail-send-receive-symbolic", anju_mortgage_view_new },
  { "office", N_("Office Setup"), "preferences-other-symbolic", anju_office_view_new },
  { "settings", N_("Settings"), "emblem-system-symbolic", create_settings_view },
};

const AnjuViewInfo *
anju_views_get (guint *n_views)
{
  g_return_val_if_fail (n_views != NULL, NULL);

  *n_views = G_N_ELEMENTS (views);
  return views;
}

const AnjuViewInfo *
anju_views_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_str_equal (views[i].name, name))
      return &views[i];
  return NULL;
}
