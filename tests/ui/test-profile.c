/* test-profile.c — the customer profile in the window, as it is typed
 *
 * On the demo: one of 李娜's customers has subscribed 2幢-1502. She opens
 * the customer: the profile shows the unit and its value. She types a
 * number of children that cannot be and sees why beside the field at once,
 * corrects it, and changes the life stage: the suggested segment follows
 * before anything is saved, as core's segmentation says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "anju-application.h"
#include "anju-command.h"
#include "anju-customer-detail.h"
#include "anju-customers-view.h"
#include "anju-demo.h"
#include "anju-format.h"
#include "anju-pricing.h"
#include "anju-segmentation.h"
#include "anju-window.h"
#include "anju-ui-fixtures.h"

#define PASSWORD "anju-demo-1"

/* ---- finding widgets the way a person does: by what they say --------- */

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric");
}

/* The text beside @row that says what is wrong, or NULL when nothing is. */
static const char *
error_beside (GtkWidget *row)
{
  GtkWidget *label = anju_ui_find_widget (row, is_error_label, NULL);

  g_assert_nonnull (label);
  if (!gtk_widget_get_visible (label))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (label));
}

/* What the first choice of the segment row says: the live suggestion. */
static char *
dup_suggestion (GtkWidget *detail)
{
  AdwComboRow *row = ADW_COMBO_ROW (anju_ui_find_row (detail, "Segment"));
  GListModel *model = adw_combo_row_get_model (row);

  g_assert_nonnull (model);
  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), 0));
}

/* Selects the choice labelled @label in the combo row titled @title. */
static void
choose (GtkWidget  *root,
        const char *title,
        const char *label)
{
  AdwComboRow *row = ADW_COMBO_ROW (anju_ui_find_row (root, title));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("No choice “%s” in “%s”", label, title);
}

/* ---- the database ------------------------------------------------------ */

typedef struct
{
  char    *dir;
  char    *path;
  char    *customer_id;
  char    *unit_label;
  AnjuFen  price;
} Fixture;

static void
prepare_database (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) lina = NULL;
  g_autoptr(AnjuQuote) quote = NULL;
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now (anju_format_get_time_zone ());
  g_autoptr(GDateTime) deadline = g_date_time_add_days (now, 5);
  g_autofree char *deadline_text = g_date_time_format (deadline, "%Y-%m-%d");
  AnjuUiApprovedQuote approved = { 0 };

  store = anju_ui_demo_database (&fixture->dir, &fixture->path, NULL, NULL);

  /* 李娜's customer subscribes 2幢-1502 at the approved price. */
  anju_ui_add_approved_quote (store, &approved);
  quote = anju_quote_load (store, approved.quote_id, &error);
  g_assert_no_error (error);
  lina = anju_user_lookup_by_name (store, "lina");
  json_object_set_string_member (payload, "quote_id", approved.quote_id);
  json_object_set_string_member (payload, "payment_method", "one_time");
  json_object_set_int_member (payload, "deposit", 5000000);
  json_object_set_string_member (payload, "signing_deadline", deadline_text);
  answer = anju_command_run (store, lina, "subscription.create", payload, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);

  fixture->customer_id = g_strdup (quote->customer_id);
  fixture->unit_label = g_strdup (quote->unit_label);
  fixture->price = approved.price;
  anju_ui_approved_quote_clear (&approved);
}

static void
fixture_clear (Fixture *fixture)
{
  anju_ui_clear_database (&fixture->dir, &fixture->path);
  g_free (fixture->customer_id);
  g_free (fixture->unit_label);
}

/* ---- conditions ------------------------------------------------------- */

/* ---- the test ---------------------------------------------------------- */

static void
test_profile_live (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *ui;
  g_autofree char *price = NULL, *units = NULL, *suggestion = NULL, *expected = NULL;
  AnjuSegmentModel *model;
  AnjuContext *context;
  GtkWindow *window;
  GtkWidget *page, *view, *detail, *deals, *total, *children;
  AnjuUiDetailWait shown;

  prepare_database (&fixture);

  ui = anju_ui_app_open (fixture.path, NULL);
  context = ui->context;
  window = ui->window;

  page = anju_window_get_sign_in_page (ANJU_WINDOW (window));
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (page, "User name")), "lina");
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (page, "Password")), PASSWORD);
  g_assert_true (gtk_widget_activate_action (page, "sign-in.sign-in", NULL));
  anju_ui_wait_until (anju_ui_signed_in, context, "signing in");

  g_assert_true (anju_window_show_view (ANJU_WINDOW (window), "customers"));
  view = anju_window_get_customers_view (ANJU_WINDOW (window));
  detail = GTK_WIDGET (anju_customers_view_get_detail (ANJU_CUSTOMERS_VIEW (view)));
  anju_customer_detail_load (ANJU_CUSTOMER_DETAIL (detail), fixture.customer_id);
  shown = (AnjuUiDetailWait) { ANJU_CUSTOMER_DETAIL (detail), fixture.customer_id };
  anju_ui_wait_until (anju_ui_detail_shows, &shown, "the customer detail");

  /* ---- subscribed units and their value, from core ---- */
  deals = anju_ui_find_row (detail, "Subscribed units");
  price = anju_format_money (fixture.price);
  units = g_strdup_printf ("%s (%s)", fixture.unit_label, price);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (deals)), ==, units);
  total = anju_ui_find_widget (deals, is_label, NULL);
  g_assert_nonnull (total);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (total)), ==, price);

  /* ---- 子女 is checked as it is typed, beside the field ---- */
  children = anju_ui_find_row (detail, "Children");
  g_assert_true (ADW_IS_ENTRY_ROW (children));
  gtk_editable_set_text (GTK_EDITABLE (children), "25");
  g_assert_cmpstr (error_beside (children), ==, "Children must be a whole number from 0 to 20.");
  g_assert_true (gtk_widget_has_css_class (children, "error"));
  gtk_editable_set_text (GTK_EDITABLE (children), "two");
  g_assert_cmpstr (error_beside (children), ==, "Children must be a whole number from 0 to 20.");
  gtk_editable_set_text (GTK_EDITABLE (children), "2");
  g_assert_null (error_beside (children));
  g_assert_false (gtk_widget_has_css_class (children, "error"));
  gtk_editable_set_text (GTK_EDITABLE (children), "");
  g_assert_null (error_beside (children));

  /* ---- the suggestion follows the profile before it is saved ---- */
  model = anju_context_get_segment_model (context);
  g_assert_nonnull (model);
  g_assert_cmpstr (anju_segment_model_get_id (model), ==, "vanke");
  choose (detail, "Life stage", "Young single");
  suggestion = dup_suggestion (detail);
  g_assert_cmpstr (suggestion, ==, "Suggested: Young home");
  g_clear_pointer (&suggestion, g_free);
  anju_ui_find_row (detail, "Young home, suggested from the profile");

  choose (detail, "Life stage", "Retired");
  suggestion = dup_suggestion (detail);
  expected = g_strdup_printf ("Suggested: %s", anju_segment_get_name (model, "active_elder"));
  g_assert_cmpstr (suggestion, ==, expected);
  g_assert_cmpstr (suggestion, ==, "Suggested: Active elders");
  g_clear_pointer (&suggestion, g_free);

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

  g_test_add_func ("/ui/profile/live", test_profile_live);

  return g_test_run ();
}
