/* test-care.c — 维护 and 交接 in the window
 *
 * On the demo project, with the clock on Thursday 2026-11-26 10:00 in the
 * office: 王磊 left on Sunday and 张伟 handed his customers to 李娜, who
 * has called one of them since. 张伟 opens the care calendar, plans the
 * holidays of 2027 and sees them with their days and the SMS and calls
 * they made for every owner, adds a topping-out; then, in 交接, sees the
 * handover with the one call made and the others overdue in red. 李娜
 * sees the calendar without the manager's buttons, and no 交接.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "anju-application.h"
#include "anju-care-view.h"
#include "anju-care.h"
#include "anju-command.h"
#include "anju-demo.h"
#include "anju-handover.h"
#include "anju-handovers-view.h"
#include "anju-tasks.h"
#include "anju-window.h"
#include "anju-ui-fixtures.h"

#define PASSWORD "anju-demo-1"

static gint64 now_usec;

/* ---- the database ------------------------------------------------------ */

typedef struct
{
  char *dir;
  char *path;
  char *handover_id;
  char *called_name;      /* the customer 李娜 has called */
  guint handed;           /* customers handed over */
} Fixture;

static JsonObject *
run (AnjuStore      *store,
     const AnjuUser *actor,
     const char     *type,
     const char     *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *answer;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  answer = anju_command_run (store, actor, type, json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  return answer;
}

static void
prepare_database (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) manager = NULL, lina = NULL, wanglei = NULL;
  g_autoptr(JsonObject) answer = NULL, done = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *json = NULL, *complete = NULL;
  AnjuHandoverContact *first;

  /* Sunday 2026-11-22, 10:00 in the office */
  now_usec = anju_ui_parse_time ("2026-11-22T02:00:00Z");
  store = anju_ui_demo_database (&fixture->dir, &fixture->path, anju_ui_fixed_clock, &now_usec);
  manager = anju_user_lookup_by_name (store, "zhangwei");
  lina = anju_user_lookup_by_name (store, "lina");
  wanglei = anju_user_lookup_by_name (store, "wanglei");

  json = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"%s\", \"reason\": \"离职\"}",
                          wanglei->id, lina->id);
  answer = run (store, manager, "customer.handover", json);
  fixture->handover_id = g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "result"),
                                                                  "handover_id"));
  contacts = anju_handover_list_contacts (store, fixture->handover_id, &error);
  g_assert_no_error (error);
  fixture->handed = contacts->len;
  g_assert_cmpuint (fixture->handed, >, 1);

  /* Monday: 李娜 calls the first. */
  now_usec = anju_ui_parse_time ("2026-11-23T03:00:00Z");
  first = g_ptr_array_index (contacts, 0);
  fixture->called_name = g_strdup (first->customer_name);
  complete = g_strdup_printf ("{\"task_id\": \"%s\", \"outcome\": \"已电话自我介绍\"}", first->task_id);
  done = run (store, lina, "task.complete", complete);

  /* Thursday 10:00: the three days have passed. */
  now_usec = anju_ui_parse_time ("2026-11-26T02:00:00Z");
}

static void
fixture_clear (Fixture *fixture)
{
  anju_ui_clear_database (&fixture->dir, &fixture->path);
  g_free (fixture->handover_id);
  g_free (fixture->called_name);
}

/* ---- conditions ------------------------------------------------------- */

typedef struct
{
  AnjuCareView *view;
  guint         n_events;
} CareState;

static gboolean
calendar_shows (gpointer data)
{
  CareState *state = data;

  return !anju_care_view_get_busy (state->view) && anju_care_view_get_n_events (state->view) == state->n_events;
}

static gboolean
handovers_idle (gpointer data)
{
  return !anju_handovers_view_get_busy (data) && anju_handovers_view_get_n_handovers (data) > 0;
}

static int
count_rows (const char *path,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);

  g_assert_no_error (error);
  return (int) anju_store_count (store, sql);
}

/* ---- the test ---------------------------------------------------------- */

static void
check_calendar (AnjuWindow *window,
                Fixture    *fixture)
{
  AnjuCareView *view = ANJU_CARE_VIEW (anju_window_get_view (window, "care"));
  CareState state = { view, 0 };
  g_autoptr(GPtrArray) holidays = anju_care_holidays_for_year (2027, NULL);
  int owners = count_rows (fixture->path, "SELECT count(DISTINCT customer_id) FROM subscriptions "
                                          "WHERE status IN ('active','signed')");
  g_autofree char *counts = g_strdup_printf ("SMS 0/%d sent · calls 0/%d made", owners, owners);
  GtkWidget *row;

  g_assert_nonnull (holidays);
  g_assert_cmpint (owners, >, 0);
  g_assert_true (anju_window_show_view (window, "care"));
  /* the office's year first */
  g_assert_cmpint (anju_care_view_get_year (view), ==, 2026);
  anju_care_view_set_year (view, 2027);
  anju_ui_wait_until (calendar_shows, &state, "an empty 2027");

  anju_ui_click (GTK_WIDGET (view), "care.plan");
  state.n_events = holidays->len;
  anju_ui_wait_until (calendar_shows, &state, "the holidays of 2027");
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM care_events"), ==, (int)holidays->len);

  /* Spring Festival on its day, with what it made for every owner. */
  row = anju_ui_find_row (GTK_WIDGET (view), "Spring Festival");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "2027-02-06 · Holiday");
  g_assert_nonnull (anju_ui_find_widget (row, anju_ui_is_label_saying, counts));
  row = anju_ui_find_row (GTK_WIDGET (view), "Mid-Autumn Festival");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "2027-09-15 · Holiday");

  /* Planned again: nothing twice. */
  anju_ui_click (GTK_WIDGET (view), "care.plan");
  anju_ui_wait_until (calendar_shows, &state, "the same calendar");
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM tasks WHERE source_type = 'care_event'"), ==,
                   owners * (int)holidays->len);

  /* A milestone: the kind from core's list, a title, a day. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (anju_ui_find_row (GTK_WIDGET (view), "Kind")), 0);
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (GTK_WIDGET (view), "Title (what owners read)")), "1幢主体结构封顶");
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (GTK_WIDGET (view), "Day (YYYY-MM-DD)")), "2027-03-18");
  anju_ui_click (GTK_WIDGET (view), "care.add-milestone");
  state.n_events = holidays->len + 1;
  anju_ui_wait_until (calendar_shows, &state, "the milestone");
  row = anju_ui_find_row (GTK_WIDGET (view), "1幢主体结构封顶");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "2027-03-18 · Topping-out");
}

static void
check_handovers (AnjuWindow *window,
                 Fixture    *fixture)
{
  AnjuHandoversView *view = ANJU_HANDOVERS_VIEW (anju_window_get_view (window, "handovers"));
  GtkWidget *row, *state;

  g_assert_true (anju_window_show_view (window, "handovers"));
  anju_ui_wait_until (handovers_idle, view, "the handovers");
  g_assert_cmpuint (anju_handovers_view_get_n_handovers (view), ==, 1);
  g_assert_cmpuint (anju_handovers_view_get_n_overdue (view), ==, fixture->handed - 1);
  row = anju_ui_find_row (GTK_WIDGET (view), fixture->called_name);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "已电话自我介绍"));
  state = anju_ui_find_widget (row, anju_ui_is_label_saying, "Contacted");
  g_assert_nonnull (state);
  g_assert_true (gtk_widget_has_css_class (state, "status-done"));
  /* every other one is overdue, in red */
  state = anju_ui_find_widget (GTK_WIDGET (view), anju_ui_is_label_saying, "Overdue");
  g_assert_nonnull (state);
  g_assert_true (gtk_widget_has_css_class (state, "status-overdue"));
}

static void
check_consultant (AnjuWindow *window)
{
  AnjuCareView *view = ANJU_CARE_VIEW (anju_window_get_view (window, "care"));
  GtkWidget *plan;

  g_assert_false (anju_window_show_view (window, "handovers"));
  g_assert_true (anju_window_show_view (window, "care"));
  plan = anju_ui_find_widget (GTK_WIDGET (view), anju_ui_is_button_for, "care.plan");
  g_assert_false (gtk_widget_get_visible (plan));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (anju_ui_find_row (GTK_WIDGET (view), "Kind"),
                                                                   ADW_TYPE_PREFERENCES_GROUP)));
}

static void
test_care_calendar_and_handovers (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *ui;
  AnjuWindow *window;

  prepare_database (&fixture);
  ui = anju_ui_app_open_at (fixture.path, &now_usec);
  window = ANJU_WINDOW (ui->window);

  anju_ui_sign_in (window, "zhangwei", PASSWORD);
  check_calendar (window, &fixture);
  check_handovers (window, &fixture);
  anju_ui_sign_in (window, "lina", PASSWORD);
  check_consultant (window);

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

  g_test_add_func ("/ui/care/calendar-and-handovers", test_care_calendar_and_handovers);

  return g_test_run ();
}
