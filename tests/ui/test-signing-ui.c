/* test-signing-ui.c — 签约 and 按揭 in the window
 *
 * On the demo project, Thursday 2026-11-26 10:00 in the office: 李娜's
 * buyer 徐明 subscribed 3幢-901 two hours ago (a combination loan, with
 * 梁红 as co-owner) and wants a higher floor; 李娜 holds the new unit.
 * Through the widgets of 签约 she asks for the change of unit, the
 * managers approve it in 审批 (where it reads as a change of unit, not a
 * discount), she ticks the contract's documents, confirms the buyers'
 * data, ticks the mortgage's documents, signs, records the online filing,
 * opens the mortgage application and marks it submitted; 按揭 lists it.
 * After each step the database says what the step did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "anju-application.h"
#include "anju-approvals-view.h"
#include "anju-command.h"
#include "anju-demo.h"
#include "anju-handovers-view.h"
#include "anju-mortgage.h"
#include "anju-mortgage-view.h"
#include "anju-signing-view.h"
#include "anju-window.h"
#include "anju-ui-fixtures.h"

#define PASSWORD "anju-demo-1"

static gint64 now_usec;

static void
type_into (GtkWidget  *root,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (root, title)), text);
}

static void
tick_all (GtkWidget *root)
{
  if (GTK_IS_CHECK_BUTTON (root))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (root), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    tick_all (child);
}

/* ---- the database ------------------------------------------------------ */

typedef struct
{
  char *dir;
  char *path;
  char *subscription_id;
  char *old_unit_id;
  char *new_unit_id;
  char *new_unit_label;
  gint64 new_price;
} Fixture;

#define ASSERT_DB(fixture, expected, ...) \
  G_STMT_START { \
    g_autofree char *_value = anju_ui_db_text ((fixture)->path, __VA_ARGS__); \
    g_assert_cmpstr (_value, ==, (expected)); \
  } G_STMT_END

static void
prepare_database (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) lina = NULL;
  g_autoptr(JsonObject) held = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *customer_id = NULL, *price = NULL;

  /* Thursday 2026-11-26, 10:00 in the office */
  now_usec = anju_ui_parse_time ("2026-11-26T02:00:00Z");
  store = anju_ui_demo_database (&fixture->dir, &fixture->path, anju_ui_fixed_clock, &now_usec);
  lina = anju_user_lookup_by_name (store, "lina");

  fixture->subscription_id = anju_ui_query_text_or_null (store,
      "SELECT s.id FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE c.name = '徐明' "
      "AND s.status = 'active'");
  g_assert_nonnull (fixture->subscription_id);
  fixture->old_unit_id = anju_ui_query_text_or_null (store, "SELECT unit_id FROM subscriptions s JOIN customers c ON c.id = s.customer_id "
                                            "WHERE c.name = '徐明' AND s.status = 'active'");
  customer_id = anju_ui_query_text_or_null (store, "SELECT id FROM customers WHERE name = '徐明'");
  /* a free unit higher up in 3幢, held for the buyer */
  fixture->new_unit_id = anju_ui_query_text_or_null (store,
      "SELECT u.id FROM units u JOIN buildings b ON b.id = u.building_id WHERE b.name = '3幢' AND u.number = '1501' "
      "AND u.status = 'available'");
  g_assert_nonnull (fixture->new_unit_id);
  fixture->new_unit_label = g_strdup ("3幢-1501");
  price = anju_ui_query_text_or_null (store, "SELECT list_price FROM units u JOIN buildings b ON b.id = u.building_id "
                             "WHERE b.name = '3幢' AND u.number = '1501'");
  fixture->new_price = g_ascii_strtoll (price, NULL, 10);
  payload = json_object_new ();
  json_object_set_string_member (payload, "unit_id", fixture->new_unit_id);
  json_object_set_string_member (payload, "customer_id", customer_id);
  json_object_set_int_member (payload, "minutes", 120);
  held = anju_command_run (store, lina, "unit.hold", payload, &error);
  g_assert_no_error (error);
}

static void
fixture_clear (Fixture *fixture)
{
  anju_ui_clear_database (&fixture->dir, &fixture->path);
  g_free (fixture->subscription_id);
  g_free (fixture->old_unit_id);
  g_free (fixture->new_unit_id);
  g_free (fixture->new_unit_label);
}

/* ---- conditions ------------------------------------------------------- */

typedef struct
{
  AnjuSigningView       *view;
  const char            *subscription_id;
  AnjuSigningStepId      step;
  AnjuSigningStepState   state;
} StepState;

static gboolean
step_reached (gpointer data)
{
  StepState *s = data;
  const AnjuSigningSnapshot *snap;

  if (anju_signing_view_get_busy (s->view))
    return FALSE;
  if (anju_signing_view_get_error (s->view) != NULL)
    g_error ("Refused: %s", anju_signing_view_get_error (s->view));
  snap = anju_signing_view_get_snapshot (s->view);
  return snap != NULL && g_strcmp0 (snap->signing->subscription_id, s->subscription_id) == 0 &&
         snap->steps[s->step].state == s->state;
}

static void
wait_for_step (AnjuSigningView      *view,
               Fixture              *fixture,
               AnjuSigningStepId     step,
               AnjuSigningStepState  state)
{
  StepState s = { view, fixture->subscription_id, step, state };
  g_autofree char *what = g_strdup_printf ("step %s to be %s", anju_signing_step_id_to_string (step),
                                           anju_signing_step_state_to_string (state));

  anju_ui_wait_until (step_reached, &s, what);
}

typedef struct
{
  AnjuSigningView *view;
  const char      *status;
} MortgageState;

static gboolean
mortgage_reached (gpointer data)
{
  MortgageState *s = data;
  const AnjuSigningSnapshot *snap = anju_signing_view_get_snapshot (s->view);

  if (anju_signing_view_get_busy (s->view))
    return FALSE;
  if (anju_signing_view_get_error (s->view) != NULL)
    g_error ("Refused: %s", anju_signing_view_get_error (s->view));
  return snap != NULL && snap->mortgage != NULL &&
         g_strcmp0 (((AnjuMortgage *)snap->mortgage)->status, s->status) == 0;
}

static gboolean
signing_listed (gpointer data)
{
  return !anju_signing_view_get_busy (data) && anju_signing_view_get_n_deals (data) > 0;
}

static gboolean
approvals_loaded (gpointer data)
{
  return !anju_approvals_view_get_loading (data);
}

static gboolean
mortgage_view_loaded (gpointer data)
{
  return !anju_mortgage_view_get_busy (data) && anju_mortgage_view_get_n_mortgages (data) > 0;
}

static gboolean
mortgage_view_approved (gpointer data)
{
  return !anju_mortgage_view_get_busy (data) &&
         anju_ui_find_widget (GTK_WIDGET (data), anju_ui_is_label_saying, "Approved by the bank") != NULL;
}

/* ---- the steps ---------------------------------------------------------- */

static AnjuSigningView *
open_deal (AnjuWindow *window,
           Fixture    *fixture,
           AnjuSigningStepId     step,
           AnjuSigningStepState  state)
{
  AnjuSigningView *view = ANJU_SIGNING_VIEW (anju_window_get_view (window, "signing"));

  g_assert_true (anju_window_show_view (window, "signing"));
  anju_ui_wait_until (signing_listed, view, "the deals to sign");
  g_assert_true (anju_signing_view_select (view, fixture->subscription_id));
  wait_for_step (view, fixture, step, state);
  return view;
}

static void
request_change_of_unit (AnjuWindow *window,
                        Fixture    *fixture)
{
  AnjuSigningView *view = open_deal (window, fixture, ANJU_SIGNING_STEP_CHANGES, ANJU_SIGNING_STEP_NOT_NEEDED);
  GtkWidget *changes = anju_ui_find_widget (GTK_WIDGET (view), anju_ui_is_named, "changes");
  g_autofree char *price = NULL;

  /* a change of unit, to the unit she holds, at its list price */
  g_assert_nonnull (changes);
  adw_combo_row_set_selected (ADW_COMBO_ROW (anju_ui_find_row (changes, "Change")), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (anju_ui_find_row (changes, "New unit (held by you)")), 0);
  price = g_strdup_printf ("%lld.%02lld", (long long)(fixture->new_price / 100), (long long)(fixture->new_price % 100));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (anju_ui_find_row (changes, "Price asked (yuan)"))), ==, price);
  type_into (changes, "Reason", "客户想换到高楼层");
  anju_ui_click (GTK_WIDGET (view), "signing.request-change");
  wait_for_step (view, fixture, ANJU_SIGNING_STEP_CHANGES, ANJU_SIGNING_STEP_WAITING);
  ASSERT_DB (fixture, "change_unit", "SELECT kind FROM change_requests WHERE subscription_id = '%s' AND status = 'pending'",
             fixture->subscription_id);
  ASSERT_DB (fixture, fixture->new_unit_id, "SELECT to_unit_id FROM change_requests WHERE subscription_id = '%s'",
             fixture->subscription_id);
  /* nothing is signed while it waits */
  g_assert_false (anju_signing_view_get_snapshot (view)->steps[ANJU_SIGNING_STEP_SIGN].can);
}

/* Every manager whose step it is approves, in 审批. */
static void
approve_change (AnjuWindow *window,
                Fixture    *fixture)
{
  static const char * const managers[] = { "zhangwei", "huangmin", "xutao" };
  g_autofree char *approval_id = anju_ui_db_text (fixture->path, "SELECT approval_id FROM change_requests WHERE subscription_id = '%s'",
                                          fixture->subscription_id);

  for (guint i = 0; i < G_N_ELEMENTS (managers); i++)
    {
      AnjuApprovalsView *view;
      g_autofree char *status = NULL;
      guint waiting;

      anju_ui_sign_in (window, managers[i], PASSWORD);
      view = ANJU_APPROVALS_VIEW (anju_window_get_view (window, "approvals"));
      g_assert_true (anju_window_show_view (window, "approvals"));
      anju_ui_wait_until (approvals_loaded, view, "the approvals");
      if (!anju_approvals_view_select (view, approval_id))
        continue;
      /* a change of unit, not a discount */
      g_assert_nonnull (anju_ui_find_widget (GTK_WIDGET (view), anju_ui_is_label_saying, "Change of unit"));
      waiting = anju_approvals_view_get_n_waiting (view);
      anju_ui_click (GTK_WIDGET (view), "approvals.approve");
      while (anju_approvals_view_get_loading (view) || anju_approvals_view_get_n_waiting (view) == waiting)
        g_main_context_iteration (NULL, TRUE);
      status = anju_ui_db_text (fixture->path, "SELECT status FROM change_requests WHERE subscription_id = '%s'", fixture->subscription_id);
      if (g_str_equal (status, "approved"))
        break;
    }
  ASSERT_DB (fixture, "approved", "SELECT status FROM change_requests WHERE subscription_id = '%s'",
             fixture->subscription_id);
  /* the subscription moved with its price; the old unit is free */
  ASSERT_DB (fixture, fixture->new_unit_id, "SELECT unit_id FROM subscriptions WHERE id = '%s'", fixture->subscription_id);
  ASSERT_DB (fixture, "subscribed", "SELECT status FROM units WHERE id = '%s'", fixture->new_unit_id);
  ASSERT_DB (fixture, "available", "SELECT status FROM units WHERE id = '%s'", fixture->old_unit_id);
  {
    g_autofree char *price = g_strdup_printf ("%lld", (long long)fixture->new_price);

    ASSERT_DB (fixture, price, "SELECT price FROM subscriptions WHERE id = '%s'", fixture->subscription_id);
  }
}

static void
sign_the_deal (AnjuWindow *window,
               Fixture    *fixture)
{
  AnjuSigningView *view;
  GtkWidget *group;
  const AnjuSigningSnapshot *snap;

  anju_ui_sign_in (window, "lina", PASSWORD);
  view = open_deal (window, fixture, ANJU_SIGNING_STEP_CHANGES, ANJU_SIGNING_STEP_DONE);
  snap = anju_signing_view_get_snapshot (view);
  g_assert_cmpstr (snap->signing->unit_label, ==, fixture->new_unit_label);
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS].detail, ==,
                   "Missing: ID card; Subscription form; Deposit receipt.");

  /* the contract's documents */
  group = anju_ui_find_widget (GTK_WIDGET (view), anju_ui_is_named, "contract_documents");
  tick_all (group);
  anju_ui_click (GTK_WIDGET (view), "signing.check-contract");
  wait_for_step (view, fixture, ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS, ANJU_SIGNING_STEP_DONE);
  ASSERT_DB (fixture, "3", "SELECT count(*) FROM signing_checks WHERE subscription_id = '%s' AND checklist = 'contract' "
                           "AND checked = 1", fixture->subscription_id);

  /* the buyers' data */
  group = anju_ui_find_widget (GTK_WIDGET (view), anju_ui_is_named, "personal_data");
  type_into (group, "Mailing address of 徐明", "杭州市西湖区文三路90号");
  type_into (group, "Mailing address of 梁红", "杭州市西湖区文三路90号");
  type_into (group, "Down payment (yuan)", "900000");
  type_into (group, "Loan bank", "中国工商银行");
  anju_ui_click (GTK_WIDGET (view), "signing.confirm-data");
  wait_for_step (view, fixture, ANJU_SIGNING_STEP_PERSONAL_DATA, ANJU_SIGNING_STEP_DONE);
  ASSERT_DB (fixture, "90000000", "SELECT down_payment FROM signings WHERE subscription_id = '%s'", fixture->subscription_id);
  ASSERT_DB (fixture, "中国工商银行", "SELECT loan_bank FROM signings WHERE subscription_id = '%s'", fixture->subscription_id);
  ASSERT_DB (fixture, "2", "SELECT count(*) FROM signing_parties WHERE subscription_id = '%s' AND address <> ''",
             fixture->subscription_id);

  /* the mortgage's documents */
  group = anju_ui_find_widget (GTK_WIDGET (view), anju_ui_is_named, "mortgage_documents");
  tick_all (group);
  anju_ui_click (GTK_WIDGET (view), "signing.check-mortgage");
  wait_for_step (view, fixture, ANJU_SIGNING_STEP_MORTGAGE_DOCUMENTS, ANJU_SIGNING_STEP_DONE);

  /* signed */
  g_assert_true (anju_signing_view_get_snapshot (view)->steps[ANJU_SIGNING_STEP_SIGN].can);
  type_into (GTK_WIDGET (view), "Contract number", "HZ-2026-1501");
  anju_ui_click (GTK_WIDGET (view), "signing.sign");
  wait_for_step (view, fixture, ANJU_SIGNING_STEP_SIGN, ANJU_SIGNING_STEP_DONE);
  ASSERT_DB (fixture, "signed", "SELECT status FROM subscriptions WHERE id = '%s'", fixture->subscription_id);
  ASSERT_DB (fixture, "signed", "SELECT status FROM units WHERE id = '%s'", fixture->new_unit_id);
  ASSERT_DB (fixture, "HZ-2026-1501", "SELECT contract_number FROM signings WHERE subscription_id = '%s'",
             fixture->subscription_id);
  ASSERT_DB (fixture, "2026-12-26", "SELECT filing_due_on FROM signings WHERE subscription_id = '%s'",
             fixture->subscription_id);
  g_assert_cmpstr (anju_signing_view_get_snapshot (view)->steps[ANJU_SIGNING_STEP_FILING].detail, ==,
                   "Due by 2026-12-26: 30 days left");

  /* filed online */
  group = anju_ui_find_widget (GTK_WIDGET (view), anju_ui_is_named, "filing");
  type_into (group, "Filing number", "YS2026113001");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (anju_ui_find_row (group, "Filed on (YYYY-MM-DD)"))), ==, "2026-11-26");
  tick_all (group);
  anju_ui_click (GTK_WIDGET (view), "signing.record-filing");
  wait_for_step (view, fixture, ANJU_SIGNING_STEP_FILING, ANJU_SIGNING_STEP_DONE);
  ASSERT_DB (fixture, "YS2026113001", "SELECT filing_number FROM signings WHERE subscription_id = '%s'",
             fixture->subscription_id);
  ASSERT_DB (fixture, "2026-11-26", "SELECT filed_on FROM signings WHERE subscription_id = '%s'", fixture->subscription_id);
  g_assert_cmpint (anju_signing_view_get_snapshot (view)->steps[ANJU_SIGNING_STEP_PICKUP].state, ==,
                   ANJU_SIGNING_STEP_TO_DO);

  /* the mortgage: opened, then submitted to the bank */
  group = anju_ui_find_widget (GTK_WIDGET (view), anju_ui_is_named, "mortgage_documents");
  type_into (group, "Bank", "中国工商银行");
  type_into (group, "Bank's on-site manager", "周敏");
  type_into (group, "Manager's mobile", "13912345678");
  type_into (group, "Loan amount (yuan)", "1500000");
  type_into (group, "Term (months)", "300");
  anju_ui_click (GTK_WIDGET (view), "signing.open-mortgage");
  {
    MortgageState s = { view, "collecting" };

    anju_ui_wait_until (mortgage_reached, &s, "the mortgage application");
  }
  ASSERT_DB (fixture, "150000000", "SELECT amount FROM mortgages WHERE subscription_id = '%s'", fixture->subscription_id);
  ASSERT_DB (fixture, "300", "SELECT term_months FROM mortgages WHERE subscription_id = '%s'", fixture->subscription_id);
  ASSERT_DB (fixture, "周敏", "SELECT bank_manager FROM mortgages WHERE subscription_id = '%s'", fixture->subscription_id);
  anju_ui_click (GTK_WIDGET (view), "signing.advance-mortgage");
  {
    MortgageState s = { view, "submitted" };

    anju_ui_wait_until (mortgage_reached, &s, "the mortgage submitted");
  }
  ASSERT_DB (fixture, "submitted", "SELECT status FROM mortgages WHERE subscription_id = '%s'", fixture->subscription_id);
  ASSERT_DB (fixture, "2026-11-26", "SELECT submitted_on FROM mortgages WHERE subscription_id = '%s'",
             fixture->subscription_id);
}

static void
check_mortgage_view (AnjuWindow *window,
                     Fixture    *fixture)
{
  AnjuMortgageView *view = ANJU_MORTGAGE_VIEW (anju_window_get_view (window, "mortgage"));
  g_autofree char *title = g_strdup_printf ("%s · 徐明 (徐先生)", fixture->new_unit_label);
  GtkWidget *row;

  g_assert_true (anju_window_show_view (window, "mortgage"));
  anju_ui_wait_until (mortgage_view_loaded, view, "the mortgage pipeline");
  g_assert_cmpuint (anju_mortgage_view_get_n_mortgages (view), ==, 1);
  row = anju_ui_find_row (GTK_WIDGET (view), title);
  g_assert_nonnull (anju_ui_find_widget (row, anju_ui_is_label_saying, "Submitted to the bank"));
  /* the filing is made: nothing due */
  g_assert_cmpuint (anju_mortgage_view_get_n_filings (view), ==, 0);

  /* the bank approves: moved on from the pipeline */
  anju_ui_click (row, "mortgage.advance");
  /* while the bank's answer is recorded, a second click cannot move it twice */
  g_assert_true (anju_mortgage_view_get_busy (view));
  g_assert_false (gtk_widget_is_sensitive (anju_ui_find_widget (row, anju_ui_is_button_for, "mortgage.advance")));
  anju_ui_wait_until (mortgage_view_approved, view, "the mortgage approved");
  ASSERT_DB (fixture, "approved", "SELECT status FROM mortgages WHERE subscription_id = '%s'", fixture->subscription_id);
  ASSERT_DB (fixture, "2026-11-26", "SELECT approved_on FROM mortgages WHERE subscription_id = '%s'",
             fixture->subscription_id);
}

static void
test_sign_a_deal (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *ui;
  AnjuWindow *window;

  prepare_database (&fixture);
  ui = anju_ui_app_open_at (fixture.path, &now_usec);
  window = ANJU_WINDOW (ui->window);

  anju_ui_sign_in (window, "lina", PASSWORD);
  request_change_of_unit (window, &fixture);
  approve_change (window, &fixture);
  sign_the_deal (window, &fixture);
  check_mortgage_view (window, &fixture);

  anju_ui_app_close (ui);
  fixture_clear (&fixture);
}

/* ---- 交接: a manager hands a consultant's customers over ------------------- */

static void
select_starting (AdwComboRow *row,
                 const char  *prefix)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), prefix))
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("No “%s” to pick", prefix);
}

typedef struct
{
  AnjuHandoversView *view;
  guint              n_handovers;
} HandoverState;

static gboolean
handovers_shown (gpointer data)
{
  HandoverState *s = data;

  return !anju_handovers_view_get_busy (s->view) && anju_handovers_view_get_n_handovers (s->view) == s->n_handovers &&
         adw_combo_row_get_model (ADW_COMBO_ROW (anju_ui_find_row (GTK_WIDGET (s->view), "Customers of"))) != NULL &&
         g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (anju_ui_find_row (GTK_WIDGET (s->view),
                                                                                  "Customers of")))) > 0;
}

static void
test_hand_over (void)
{
  Fixture fixture = { 0 };
  g_autofree char *owned = NULL;
  AnjuUiApp *ui;
  AnjuWindow *window;
  HandoverState state = { NULL, 0 };

  prepare_database (&fixture);
  owned = anju_ui_db_text (fixture.path, "SELECT count(*) FROM customers c JOIN users u ON u.id = c.owner_id WHERE u.username = 'wanglei'");
  ui = anju_ui_app_open_at (fixture.path, &now_usec);
  window = ANJU_WINDOW (ui->window);

  anju_ui_sign_in (window, "zhangwei", PASSWORD);
  state.view = ANJU_HANDOVERS_VIEW (anju_window_get_view (window, "handovers"));
  g_assert_true (anju_window_show_view (window, "handovers"));
  anju_ui_wait_until (handovers_shown, &state, "the handovers");
  select_starting (ADW_COMBO_ROW (anju_ui_find_row (GTK_WIDGET (state.view), "Customers of")), "王磊");
  select_starting (ADW_COMBO_ROW (anju_ui_find_row (GTK_WIDGET (state.view), "To")), "李娜");
  type_into (GTK_WIDGET (state.view), "Reason", "离职");
  anju_ui_click (GTK_WIDGET (state.view), "handovers.hand-over");
  state.n_handovers = 1;
  anju_ui_wait_until (handovers_shown, &state, "the handover");
  ASSERT_DB (&fixture, "离职", "SELECT reason FROM handovers");
  ASSERT_DB (&fixture, "0", "SELECT count(*) FROM customers c JOIN users u ON u.id = c.owner_id WHERE u.username = 'wanglei'");
  ASSERT_DB (&fixture, owned, "SELECT count(*) FROM tasks WHERE kind = 'contact_after_handover'");

  anju_ui_app_close (ui);
  fixture_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/ui/signing/sign-a-deal", test_sign_a_deal);
  g_test_add_func ("/ui/handovers/hand-over", test_hand_over);

  return g_test_run ();
}
