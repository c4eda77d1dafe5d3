/* test-sales.c — sales control and negotiation end to end, in the window
 *
 * On the demo project: the consultant 李娜 opens the board, holds unit
 * 1幢-1502 from its panel, negotiates it with 周子涵 at a discount beyond
 * the published range and asks for approval. The managers then decide
 * the chain in the approvals view, and 李娜 sees her quote approved at
 * exactly the asked price.
 *
 * The chain. The demo keeps the default chain of data/policy/sales.json:
 * three manager steps, and nobody may decide two steps of one request.
 * The asked price (一次性付款 98折 × discretion 95折 = 93.1% of the list
 * price) is below step 2's limit and below the unit's floor price (96%), so
 * it needs all three steps. The demo has one manager (张伟); the fixture
 * adds two more, 刘洋 and 赵敏, and each signs in and decides one step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "anju-application.h"
#include "anju-approvals-view.h"
#include "anju-board-view.h"
#include "anju-command.h"
#include "anju-customers.h"
#include "anju-demo.h"
#include "anju-format.h"
#include "anju-negotiation-view.h"
#include "anju-pricing.h"
#include "anju-units.h"
#include "anju-window.h"
#include "anju-ui-fixtures.h"

#define PASSWORD "anju-demo-1"
#define UNIT_LABEL "1幢-1502"
#define CUSTOMER_NAME "周子涵"
#define DISCRETION 950

/* ---- finding widgets the way a person does: by what they say --------- */

/* A row's title as a person reads it: without the mnemonic's underline. */
static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  g_autofree char *shown = NULL;

  if (!ADW_IS_PREFERENCES_ROW (widget))
    return FALSE;
  shown = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (shown != NULL && adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (widget)))
    {
      char *out = shown;

      for (const char *p = shown; *p; p++)
        if (*p != '_')
          *out++ = *p;
      *out = '\0';
    }
  return g_strcmp0 (shown, title) == 0;
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return anju_ui_find_row_matching (root, is_row_titled, title);
}

/* The control inside the row titled @title. */
static GtkWidget *
find_in_row (GtkWidget  *root,
             const char *title,
             GType       type)
{
  return anju_ui_find_in_row_matching (root, is_row_titled, title, type);
}

/* ---- the database ------------------------------------------------------ */

typedef struct
{
  char      *dir;
  char      *path;
  AnjuStore *store;          /* the test's own connection, for reading */
  char      *customer_id;
} Fixture;

static void
prepare_database (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(AnjuUser) liuyang = NULL;
  g_autoptr(AnjuUser) zhaomin = NULL;
  AnjuCustomerQuery query = { CUSTOMER_NAME, NULL };

  fixture->store = anju_ui_demo_database (&fixture->dir, &fixture->path, NULL, NULL);

  /* Two more managers, one for each step of the chain after 张伟's. */
  liuyang = anju_user_add (fixture->store, anju_user_get_system (), "liuyang", "刘洋",
                           ANJU_ROLE_MANAGER, PASSWORD, &error);
  g_assert_no_error (error);
  zhaomin = anju_user_add (fixture->store, anju_user_get_system (), "zhaomin", "赵敏",
                           ANJU_ROLE_MANAGER, PASSWORD, &error);
  g_assert_no_error (error);

  found = anju_customers_fetch (fixture->store, &query, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  fixture->customer_id = g_strdup (((AnjuCustomerSummary *)g_ptr_array_index (found, 0))->id);
}

static void
fixture_clear (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_clear_object (&fixture->store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->customer_id);
}

static AnjuBuildingCounts *
dup_counts (AnjuStore  *store,
            const char *building_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) buildings = anju_units_count_by_building (store, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < buildings->len; i++)
    {
      AnjuBuildingCounts *counts = g_ptr_array_index (buildings, i);

      if (g_str_equal (counts->building_id, building_id))
        return g_ptr_array_steal_index (buildings, i);
    }
  g_error ("No building %s", building_id);
}

/* ---- conditions ------------------------------------------------------- */

static gboolean
board_ready (gpointer data)
{
  return anju_board_view_get_building_id (data) != NULL && !anju_board_view_get_loading (data);
}

typedef struct
{
  AnjuBoardView *board;
  const char    *label;
  const char    *css_class;
} CellState;

static gboolean
cell_shows (gpointer data)
{
  CellState *state = data;
  AnjuUnitButton *button = anju_board_view_find_unit_button (state->board, state->label);

  return button != NULL && !anju_board_view_get_loading (state->board) &&
         gtk_widget_has_css_class (GTK_WIDGET (button), state->css_class);
}

typedef struct
{
  AnjuUnitPanel *panel;
  const char    *unit_id;
} PanelState;

static gboolean
panel_shows (gpointer data)
{
  PanelState *state = data;

  return g_strcmp0 (anju_unit_panel_get_unit_id (state->panel), state->unit_id) == 0 &&
         !anju_unit_panel_get_loading (state->panel);
}

typedef struct
{
  AnjuWindow          *window;
  AnjuNegotiationView *desk;
  const char          *unit_id;
} DeskState;

static gboolean
desk_shows_unit (gpointer data)
{
  DeskState *state = data;

  return g_strcmp0 (anju_window_get_visible_view (state->window), "negotiation") == 0 &&
         g_strcmp0 (anju_negotiation_view_get_unit_id (state->desk), state->unit_id) == 0 &&
         !anju_negotiation_view_get_loading (state->desk);
}

static gboolean
desk_idle (gpointer data)
{
  return !anju_negotiation_view_get_loading (data);
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
} RowState;

static gboolean
row_present (gpointer data)
{
  RowState *state = data;
  GtkWidget *row = anju_ui_find_widget (state->root, is_row_titled, state->title);

  return row != NULL && gtk_widget_get_mapped (row);
}

typedef struct
{
  AnjuStore       *store;
  const char      *consultant_id;
  AnjuQuoteStatus  status;
  int              step;
} QuoteState;

static AnjuQuote *
dup_only_quote (AnjuStore  *store,
                const char *consultant_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) quotes = anju_quotes_list_for_consultant (store, consultant_id, &error);

  AnjuQuote *found = NULL;

  g_assert_no_error (error);
  /* the demo's deals have quotes of their own: only this unit's count */
  for (guint i = 0; i < quotes->len; i++)
    {
      AnjuQuote *quote = g_ptr_array_index (quotes, i);

      if (g_strcmp0 (quote->unit_label, UNIT_LABEL) != 0)
        continue;
      if (found != NULL)
        return NULL;
      found = quote;
    }
  if (found == NULL)
    return NULL;
  g_ptr_array_set_free_func (quotes, NULL);
  for (guint i = 0; i < quotes->len; i++)
    if (g_ptr_array_index (quotes, i) != found)
      anju_quote_free (g_ptr_array_index (quotes, i));
  return found;
}

static gboolean
quote_is (gpointer data)
{
  QuoteState *state = data;
  g_autoptr(AnjuQuote) quote = dup_only_quote (state->store, state->consultant_id);

  return quote != NULL && quote->status == state->status &&
         (state->step == 0 || quote->approval_step == state->step);
}

typedef struct
{
  AnjuApprovalsView *view;
  guint              n_waiting;
} ApprovalsState;

static gboolean
approvals_show (gpointer data)
{
  ApprovalsState *state = data;

  return !anju_approvals_view_get_loading (state->view) &&
         anju_approvals_view_get_n_waiting (state->view) == state->n_waiting;
}

/* ---- steps ------------------------------------------------------------- */

/* As a manager: open the approvals view, approve the one request waiting
 * and check it went on to @next_step (0: approved). */
static void
approve_step (AnjuWindow *window,
              Fixture    *fixture,
              const char *manager,
              const char *consultant_id,
              int         next_step)
{
  AnjuApprovalsView *view;
  ApprovalsState one, none;
  QuoteState decided = { fixture->store, consultant_id,
                         next_step ? ANJU_QUOTE_PENDING : ANJU_QUOTE_APPROVED, next_step };
  g_autoptr(AnjuQuote) quote = NULL;
  GtkWidget *title;
  g_autofree char *expected_title = NULL;

  anju_ui_sign_in (window, manager, PASSWORD);
  g_assert_true (anju_window_show_view (window, "approvals"));
  view = ANJU_APPROVALS_VIEW (anju_window_get_view (window, "approvals"));
  one = (ApprovalsState) { view, 1 };
  anju_ui_wait_until (approvals_show, &one, "the request waiting for the manager");

  quote = dup_only_quote (fixture->store, consultant_id);
  g_assert_nonnull (quote);
  g_assert_true (anju_approvals_view_select (view, quote->approval_id));
  g_assert_cmpstr (anju_approvals_view_get_selected_id (view), ==, quote->approval_id);
  /* The request as the manager sees it. */
  title = anju_ui_find_widget (GTK_WIDGET (view), has_css_class, "title-2");
  expected_title = g_strdup_printf ("%s · %s", UNIT_LABEL, CUSTOMER_NAME);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, expected_title);

  anju_ui_click (GTK_WIDGET (view), "approvals.approve");
  anju_ui_wait_until (quote_is, &decided, "the decision");
  /* Decided by this manager: it waits for someone else now. */
  none = (ApprovalsState) { view, 0 };
  anju_ui_wait_until (approvals_show, &none, "the request to leave the manager's list");
}

/* ---- the test ---------------------------------------------------------- */

static void
test_sales_flow (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *ui;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuUnitRow) unit = NULL;
  g_autoptr(AnjuUnitRow) held = NULL;
  g_autoptr(AnjuQuote) quote = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *unit_id = NULL;
  g_autofree char *lina_id = NULL;
  g_autofree char *asked_text = NULL;
  g_autofree char *quote_title = NULL;
  AnjuBuildingCounts *counts;
  AnjuContext *context;
  GtkWindow *window;
  AnjuBoardView *board;
  AnjuUnitPanel *panel;
  AnjuUnitButton *button;
  AnjuNegotiationView *desk;
  GtkWidget *total_label, *entry, *spin, *row, *status, *price_label, *locked, *ask;
  CellState held_cell;
  PanelState panel_state;
  DeskState desk_state;
  RowState result_row;
  QuoteState pending;
  guint rates[2] = { 980, DISCRETION };
  AnjuFen asked;
  const char *subtitle;

  prepare_database (&fixture);

  ui = anju_ui_app_open (fixture.path, &(AnjuUiAppOptions) { .width = 1200, .height = 760 });
  context = ui->context;
  window = ui->window;

  /* ---- 李娜 at the board ---- */
  anju_ui_sign_in (ANJU_WINDOW (window), "lina", PASSWORD);
  lina_id = g_strdup (anju_context_get_user (context)->id);
  g_assert_true (anju_window_show_view (ANJU_WINDOW (window), "board"));
  board = ANJU_BOARD_VIEW (anju_window_get_view (ANJU_WINDOW (window), "board"));
  anju_ui_wait_until (board_ready, board, "the board");

  /* The header counts what core counts for the building showing. */
  counts = dup_counts (fixture.store, anju_board_view_get_building_id (board));
  g_assert_cmpstr (counts->building_name, ==, "1幢");
  total_label = anju_ui_find_widget (GTK_WIDGET (board), has_css_class, "board-total");
  g_assert_nonnull (total_label);
  total_text = g_strdup_printf ("%u units", counts->total);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (total_label)), ==, total_text);
  g_assert_cmpuint (counts->total, ==, 72);
  anju_building_counts_free (counts);

  /* The unit's button, found by its accessible name. */
  button = anju_board_view_find_unit_button (board, UNIT_LABEL);
  g_assert_nonnull (button);
  g_assert_cmpint (anju_unit_button_get_status (button), ==, ANJU_UNIT_AVAILABLE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (button), "unit-available"));
  unit_id = g_strdup (anju_unit_button_get_unit_id (button));
  g_signal_emit_by_name (button, "clicked");
  panel = anju_board_view_get_panel (board);
  panel_state = (PanelState) { panel, unit_id };
  anju_ui_wait_until (panel_shows, &panel_state, "the unit's panel");

  /* Hold it: the unit is held in the database and its button turns. */
  anju_ui_click (GTK_WIDGET (panel), "unit-panel.hold");
  held_cell = (CellState) { board, UNIT_LABEL, "unit-held" };
  anju_ui_wait_until (cell_shows, &held_cell, "the held unit on the board");
  button = anju_board_view_find_unit_button (board, UNIT_LABEL);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (button), "unit-available"));
  held = anju_unit_load (fixture.store, unit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (held->status, ==, ANJU_UNIT_HELD);
  g_assert_cmpstr (held->holder_id, ==, lina_id);
  anju_ui_wait_until (panel_shows, &panel_state, "the panel after the hold");

  /* ---- the negotiation desk ---- */
  anju_ui_click (GTK_WIDGET (panel), "unit-panel.negotiate");
  desk = ANJU_NEGOTIATION_VIEW (anju_window_get_view (ANJU_WINDOW (window), "negotiation"));
  desk_state = (DeskState) { ANJU_WINDOW (window), desk, unit_id };
  anju_ui_wait_until (desk_shows_unit, &desk_state, "the desk with the unit");

  entry = find_row (GTK_WIDGET (desk), "Search by name or mobile");
  gtk_editable_set_text (GTK_EDITABLE (entry), CUSTOMER_NAME);
  result_row = (RowState) { GTK_WIDGET (desk), CUSTOMER_NAME };
  anju_ui_wait_until (row_present, &result_row, "the customer found");
  anju_ui_wait_until (desk_idle, desk, "the search");
  /* Nobody is chosen yet, so the only row with the name is the result. */
  row = anju_ui_find_widget (GTK_WIDGET (desk), is_row_titled, CUSTOMER_NAME);
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpstr (anju_negotiation_view_get_customer_id (desk), ==, fixture.customer_id);

  /* One-time payment 98% and a discretion of 95%: beyond the range. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_in_row (GTK_WIDGET (desk), "One-time payment",
                                                              GTK_TYPE_CHECK_BUTTON)), TRUE);
  spin = find_in_row (GTK_WIDGET (desk), "Your discretion", GTK_TYPE_SPIN_BUTTON);
  /* In percent, as people say it (95折), not per mille. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 100.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), DISCRETION / 10.0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (desk),
                                                                          "Your discretion"))),
                   ==, "95% of the price · without approval down to 99% of the price");
  unit = anju_unit_load (fixture.store, unit_id, &error);
  g_assert_no_error (error);
  asked = anju_pricing_apply (unit->list_price, rates, G_N_ELEMENTS (rates));
  asked_text = anju_format_money (asked);
  /* The price as core computes it, one rounding at the end. */
  price_label = anju_ui_find_widget (find_row (GTK_WIDGET (desk), "Price after discounts"), has_css_class,
                             "title-3");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (price_label)), ==, asked_text);
  g_assert_true (gtk_widget_get_visible (find_row (GTK_WIDGET (desk),
                                                   "Beyond the published range")));
  g_assert_false (gtk_widget_get_visible (anju_ui_find_widget (GTK_WIDGET (desk), anju_ui_is_button_for,
                                                       "negotiation.create-quote")));

  gtk_switch_set_active (GTK_SWITCH (find_in_row (GTK_WIDGET (desk),
                                                  "The customer holds the purchase decision",
                                                  GTK_TYPE_SWITCH)), TRUE);
  gtk_switch_set_active (GTK_SWITCH (find_in_row (GTK_WIDGET (desk), "The signing date is agreed",
                                                  GTK_TYPE_SWITCH)), TRUE);
  gtk_switch_set_active (GTK_SWITCH (find_in_row (GTK_WIDGET (desk),
                                                  "A down payment of 30–40% is affordable",
                                                  GTK_TYPE_SWITCH)), TRUE);
  gtk_switch_set_active (GTK_SWITCH (find_in_row (GTK_WIDGET (desk),
                                                  "The mortgage credit is checked",
                                                  GTK_TYPE_SWITCH)), TRUE);
  /* The hold ticks the lock by itself. */
  locked = find_in_row (GTK_WIDGET (desk), "The unit is held for the customer", GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (locked)));
  g_assert_false (gtk_widget_is_sensitive (locked));
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (desk),
                                                 "Reason and note for the approver")),
                         "客户一次性付款，今天可签约");

  anju_ui_click (GTK_WIDGET (desk), "negotiation.ask-approval");
  /* While the request runs, and after it went, asking again is not
   * offered: a second click made a second request. */
  ask = anju_ui_find_widget (GTK_WIDGET (desk), anju_ui_is_button_for, "negotiation.ask-approval");
  g_assert_false (gtk_widget_is_sensitive (ask));
  pending = (QuoteState) { fixture.store, lina_id, ANJU_QUOTE_PENDING, 1 };
  anju_ui_wait_until (quote_is, &pending, "the request to be on its way");
  anju_ui_wait_until (desk_idle, desk, "the desk after asking");
  g_assert_false (gtk_widget_is_sensitive (ask));
  gtk_widget_activate_action (GTK_WIDGET (desk), "negotiation.ask-approval", NULL);
  anju_ui_wait_until (desk_idle, desk, "the desk after asking again");
  quote = dup_only_quote (fixture.store, lina_id);
  g_assert_cmpint (quote->price, ==, asked);
  g_assert_cmpint (quote->approval_steps, ==, 3);
  status = anju_ui_find_widget (anju_ui_find_widget (GTK_WIDGET (desk), anju_ui_is_named, quote->id), has_css_class,
                        "quote-status");
  g_assert_nonnull (status);
  /* the pill says the step; the row says who decides it: every manager
   * but none other (a list of names does not fit in the pill) */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (status)), ==, "Waiting for approval · step 1 of 3");
  {
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (anju_ui_find_widget (GTK_WIDGET (desk),
                                                                                             anju_ui_is_named,
                                                                                             quote->id)));

    g_assert_nonnull (strstr (subtitle, "\nAgency deputy manager decides: "));
    g_assert_nonnull (strstr (subtitle, "张伟"));
    g_assert_nonnull (strstr (subtitle, "黄敏"));
    g_assert_null (strstr (subtitle, "李娜"));
  }
  g_clear_pointer (&quote, anju_quote_free);

  /* ---- the chain: three managers, one step each ---- */
  approve_step (ANJU_WINDOW (window), &fixture, "zhangwei", lina_id, 2);
  approve_step (ANJU_WINDOW (window), &fixture, "liuyang", lina_id, 3);
  approve_step (ANJU_WINDOW (window), &fixture, "zhaomin", lina_id, 0);

  quote = dup_only_quote (fixture.store, lina_id);
  g_assert_cmpint (quote->status, ==, ANJU_QUOTE_APPROVED);
  g_assert_true (quote->locked);
  g_assert_cmpint (quote->price, ==, asked);

  /* ---- 李娜 sees it approved, at exactly the asked price ---- */
  anju_ui_sign_in (ANJU_WINDOW (window), "lina", PASSWORD);
  g_assert_true (anju_window_show_view (ANJU_WINDOW (window), "negotiation"));
  anju_ui_wait_until (desk_idle, desk, "李娜's desk");
  row = anju_ui_find_widget (GTK_WIDGET (desk), anju_ui_is_named, quote->id);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  quote_title = g_strdup_printf ("%s · %s", UNIT_LABEL, CUSTOMER_NAME);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, quote_title);
  status = anju_ui_find_widget (row, has_css_class, "quote-status");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (status)), ==, "Approved");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_true (g_str_has_prefix (subtitle, asked_text));
  g_assert_true (subtitle[strlen (asked_text)] == ' ');

  /* Closing frees the window. */
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

  g_test_add_func ("/ui/sales/hold-negotiate-approve", test_sales_flow);

  return g_test_run ();
}
