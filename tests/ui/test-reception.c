/* test-reception.c — reception end to end through the window: a phone call
 * from a new caller, then a walk-in from the door to the end of the visit,
 * and the workbench listing what they left to do; then a manager sets the
 * rotation, hands a task on and changes the phone greeting.
 *
 * The desk runs on a clock the test controls (today, 14:00 in the office's
 * zone, moving on in real time), so the follow-up rules — the confirmation
 * call the day before, the call-back after a visit ending before 17:00 —
 * have one right answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "anju-application.h"
#include "anju-call-window.h"
#include "anju-command.h"
#include "anju-customers.h"
#include "anju-date-time-row.h"
#include "anju-demo.h"
#include "anju-follow-up.h"
#include "anju-format.h"
#include "anju-reception.h"
#include "anju-reception-view.h"
#include "anju-rotation-editor.h"
#include "anju-script-editor.h"
#include "anju-sms.h"
#include "anju-tasks.h"
#include "anju-visit-panel.h"
#include "anju-walk-in-window.h"
#include "anju-window.h"
#include "anju-workbench-view.h"
#include "anju-ui-fixtures.h"

#define CALLER_MOBILE  "13766660001"
#define VISITOR_MOBILE "13766660002"
/* The desk's clock starts today at this time of day, office time. */
#define START_HOUR 14

/* ---- the clock --------------------------------------------------------- */

static gint64 clock_base;       /* UTC µs of today 14:00, office time */
static gint64 clock_started;    /* monotonic µs when the clock was set */

static gint64
test_clock (gpointer user_data)
{
  return clock_base + (g_get_monotonic_time () - clock_started);
}

static void
set_up_clock (void)
{
  GTimeZone *zone = anju_format_get_time_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) start = g_date_time_new (zone, g_date_time_get_year (now),
                                                g_date_time_get_month (now),
                                                g_date_time_get_day_of_month (now),
                                                START_HOUR, 0, 0);

  clock_base = g_date_time_to_unix (start) * G_USEC_PER_SEC;
  clock_started = g_get_monotonic_time ();
}

static char *
local_date (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, anju_format_get_time_zone ());

  return g_date_time_format (local, "%Y-%m-%d");
}

/* ---- waiting ----------------------------------------------------------- */

/* Lets queued idles and jobs run (no condition to wait for). */
static void
settle (void)
{
  anju_ui_spin (50);
}

static gboolean
call_idle (gpointer data)
{
  return !anju_call_window_get_busy (data);
}

static gboolean
walk_in_idle (gpointer data)
{
  return !anju_walk_in_window_get_busy (data);
}

static gboolean
reception_idle (gpointer data)
{
  return !anju_reception_view_get_busy (data);
}

static gboolean
workbench_idle (gpointer data)
{
  return !anju_workbench_view_get_busy (data);
}

/* ---- finding widgets the way a person does: by what they say --------- */

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_group_described (GtkWidget     *widget,
                    gconstpointer  description)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)),
                    description) == 0;
}

static char *
dup_without_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; p != NULL && *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (text, *p);
  return g_string_free (text, FALSE);
}

/* A button showing @label (mnemonic underscores aside), visible. */
static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  g_autofree char *shown = NULL;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_get_visible (widget))
    return FALSE;
  shown = dup_without_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));
  return g_strcmp0 (shown, label) == 0;
}

static gboolean
is_title_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title-1");
}

/* A visible row titled @title; fails the test when there is none. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return anju_ui_find_row_matching (root, is_row_titled, title);
}

static GtkWidget *
find_in_row (GtkWidget  *root,
             const char *title,
             GType       type)
{
  return anju_ui_find_in_row_matching (root, is_row_titled, title, type);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *button = anju_ui_find_widget (root, is_button_labelled, label);

  if (button == NULL)
    g_error ("No button “%s”", label);
  return button;
}

static void
type_into_row (GtkWidget  *root,
               const char *title,
               const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (root, title)), text);
}

static gpointer
find_window_of_type (GtkApplication *app,
                     GType           type)
{
  for (GList *l = gtk_application_get_windows (app); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

static guint
count_windows_of_type (GtkApplication *app,
                       GType           type)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (app); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      n++;
  return n;
}

typedef struct
{
  GtkWidget  *root;
  const char *label;
} ButtonWait;

static gboolean
button_shows (gpointer data)
{
  ButtonWait *wait = data;

  return anju_ui_find_widget (wait->root, is_button_labelled, wait->label) != NULL;
}

/* ---- the database ------------------------------------------------------ */

typedef struct
{
  char     *dir;
  char     *path;
  char     *today;
  char     *tomorrow;
  AnjuUser *lina;
  AnjuUser *wanglei;
} Fixture;

static void
prepare_database (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *order = json_array_new ();

  store = anju_ui_demo_database (&fixture->dir, &fixture->path, test_clock, NULL);

  fixture->lina = anju_user_lookup_by_name (store, "lina");
  fixture->wanglei = anju_user_lookup_by_name (store, "wanglei");
  g_assert_nonnull (fixture->lina);
  g_assert_nonnull (fixture->wanglei);
  fixture->today = local_date (test_clock (NULL));
  fixture->tomorrow = local_date (test_clock (NULL) + G_TIME_SPAN_DAY);

  /* Today's cards: 王磊 first, so a walk-in registered by 李娜 at the door
   * goes to him and she stays until the handover. */
  json_object_set_string_member (payload, "local_date", fixture->today);
  json_array_add_string_element (order, fixture->wanglei->id);
  json_array_add_string_element (order, fixture->lina->id);
  json_object_set_array_member (payload, "consultants", order);
  answer = anju_command_run (store, anju_user_get_system (), "rotation.set_day", payload, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);

  g_assert_null (anju_customers_find_by_mobile (store, CALLER_MOBILE));
  g_assert_null (anju_customers_find_by_mobile (store, VISITOR_MOBILE));
}

static void
fixture_clear (Fixture *fixture)
{
  anju_ui_clear_database (&fixture->dir, &fixture->path);
  g_free (fixture->today);
  g_free (fixture->tomorrow);
  anju_user_free (fixture->lina);
  anju_user_free (fixture->wanglei);
}

static AnjuStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  AnjuStore *store = anju_store_open (fixture->path, &error);

  g_assert_no_error (error);
  anju_store_set_clock (store, test_clock, NULL);
  return store;
}

static AnjuTask *
find_task (GPtrArray  *tasks,
           const char *kind)
{
  for (guint i = 0; i < tasks->len; i++)
    {
      AnjuTask *task = g_ptr_array_index (tasks, i);

      if (g_str_equal (task->kind, kind))
        return task;
    }
  return NULL;
}

static char *
local_date_of_iso (const char *iso)
{
  gint64 usec = 0;

  g_assert_true (anju_clock_parse_utc (iso, &usec));
  return local_date (usec);
}

/* ---- signing in -------------------------------------------------------- */

/* ---- the phone call ---------------------------------------------------- */

static gboolean
has_accel (GStrv            accels,
           guint            key,
           GdkModifierType  mods)
{
  for (guint i = 0; accels != NULL && accels[i] != NULL; i++)
    {
      guint k;
      GdkModifierType m;

      if (gtk_accelerator_parse (accels[i], &k, &m) && k == key && m == mods)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_shown_error_label (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

/* Whether @widget shows whole within the scrolled window around it. */
static gboolean
shows_in_scroller (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_viewport_get_child (
    GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller))));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t top;

  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &top));
  return top.y >= gtk_adjustment_get_value (adjustment) &&
         top.y + gtk_widget_get_height (widget) <=
         gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);
}

/* On the call form as filled in: letters never enter the mobile; two
 * faults (a short number, a visit before the call) show at once, the
 * first scrolled into view; correcting one clears only its own. */
static void
check_call_form_errors (AnjuCallWindow *call,
                        Fixture        *fixture)
{
  GtkWidget *root = GTK_WIDGET (call);
  GtkWidget *mobile = find_row (root, "Mobile");
  GtkWidget *visit_at = find_row (root, "Visit at");
  GtkAdjustment *adjustment;
  g_autofree char *number = g_strdup (gtk_editable_get_text (GTK_EDITABLE (mobile)));
  gint64 visit = anju_date_time_row_get_usec (ANJU_DATE_TIME_ROW (visit_at));
  GtkWidget *problem;
  g_auto(GStrv) lines = NULL;

  gtk_editable_set_text (GTK_EDITABLE (mobile), "137abc");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mobile)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (mobile), "+86 137 6666");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mobile)), ==, "+86 137 6666");
  anju_date_time_row_set_usec (ANJU_DATE_TIME_ROW (visit_at), test_clock (NULL) - G_TIME_SPAN_DAY);

  /* Scrolled to the bottom, where the save button's reader ends up. */
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (mobile, GTK_TYPE_SCROLLED_WINDOW)));
  anju_ui_wait_until (call_idle, call, "the number lookup");
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_false (shows_in_scroller (mobile));

  g_assert_true (gtk_widget_activate_action (root, "call.save", NULL));
  anju_ui_wait_until (call_idle, call, "the refusal");
  g_assert_nonnull (call);
  g_assert_true (gtk_widget_has_css_class (mobile, "error"));
  g_assert_true (gtk_widget_has_css_class (visit_at, "error"));
  problem = anju_ui_find_widget (root, is_shown_error_label, NULL);
  g_assert_nonnull (problem);
  lines = g_strsplit (gtk_label_get_label (GTK_LABEL (problem)), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (shows_in_scroller (mobile));
  /* The sentences sit above the form, never below the fold. */
  g_assert_false (gtk_widget_is_ancestor (problem, gtk_widget_get_ancestor (mobile,
                                                                          GTK_TYPE_SCROLLED_WINDOW)));

  /* The number corrected: its error goes, the visit's stays. */
  gtk_editable_set_text (GTK_EDITABLE (mobile), number);
  g_assert_false (gtk_widget_has_css_class (mobile, "error"));
  g_assert_true (gtk_widget_has_css_class (visit_at, "error"));
  g_assert_nonnull (anju_ui_find_widget (root, is_shown_error_label, NULL));
  anju_date_time_row_set_usec (ANJU_DATE_TIME_ROW (visit_at), visit);
  g_assert_false (gtk_widget_has_css_class (visit_at, "error"));
  g_assert_null (anju_ui_find_widget (root, is_shown_error_label, NULL));
  anju_ui_wait_until (call_idle, call, "the number lookup again");
}

static void
take_call (AnjuApplication *app,
           Fixture         *fixture)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "app.take-call");
  AnjuCallWindow *call;
  GtkWidget *root, *question, *answered, *row, *calendar, *spins[2] = { NULL, NULL }, *child;
  g_autoptr(GDateTime) tomorrow = NULL;
  gint64 tomorrow_usec;

  /* One keystroke opens it. */
  g_assert_true (has_accel (accels, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_true (has_accel (accels, GDK_KEY_F2, 0));
  g_action_group_activate_action (G_ACTION_GROUP (app), "take-call", NULL);
  call = find_window_of_type (GTK_APPLICATION (app), ANJU_TYPE_CALL_WINDOW);
  g_assert_nonnull (call);
  g_object_add_weak_pointer (G_OBJECT (call), (gpointer *)&call);
  /* A second ring while the call is on brings the same window back. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "take-call", NULL);
  g_assert_true (find_window_of_type (GTK_APPLICATION (app),
                                      ANJU_TYPE_CALL_WINDOW) == (gpointer)call);
  root = GTK_WIDGET (call);
  anju_ui_wait_until (call_idle, call, "the call screen");

  /* The greeting with the project's name, said first. */
  {
    GtkWidget *greeting = anju_ui_find_widget (root, is_title_label, NULL);
    const AnjuProject *project = anju_context_get_project (anju_application_get_context (app));

    g_assert_nonnull (greeting);
    g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (greeting)), "您好！"));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (greeting)), project->name));
  }

  /* A new number: not on file, so the name is asked. */
  type_into_row (root, "Mobile", "137 6666 0001");
  anju_ui_wait_until (call_idle, call, "the number lookup");
  g_assert_null (anju_call_window_get_caller_id (call));
  g_assert_nonnull (anju_ui_find_widget (root, is_row_titled, "New caller"));
  type_into_row (root, "Name", "周杰");
  type_into_row (root, "Title (先生, 女士…)", "先生");
  type_into_row (root, "Reason for the call", "了解户型和价格");

  /* Two questions; the parking price could not be answered. */
  question = find_row (root, "Add a question the caller asked");
  gtk_editable_set_text (GTK_EDITABLE (question), "车位多少钱？");
  g_signal_emit_by_name (question, "apply");
  gtk_editable_set_text (GTK_EDITABLE (question), "学区是哪所学校？");
  g_signal_emit_by_name (question, "apply");
  answered = find_in_row (root, "车位多少钱？", GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (answered)));
  gtk_switch_set_active (GTK_SWITCH (answered), FALSE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (find_in_row (root, "学区是哪所学校？",
                                                                 GTK_TYPE_SWITCH))));

  gtk_switch_set_active (GTK_SWITCH (find_in_row (root, "Invited to visit", GTK_TYPE_SWITCH)),
                         TRUE);

  /* Tomorrow at 15:00, by car. */
  row = find_row (root, "Appointment");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (find_in_row (root, "Wants to visit",
                                                                 GTK_TYPE_SWITCH))));
  row = find_row (root, "Visit at");
  calendar = anju_ui_find_widget (row, anju_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_CALENDAR));
  g_assert_nonnull (calendar);
  tomorrow_usec = test_clock (NULL) + G_TIME_SPAN_DAY;
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (tomorrow_usec / G_USEC_PER_SEC);
    g_autoptr(GDateTime) office = g_date_time_to_timezone (utc, anju_format_get_time_zone ());

    tomorrow = g_date_time_new_local (g_date_time_get_year (office), g_date_time_get_month (office),
                                      g_date_time_get_day_of_month (office), 12, 0, 0);
  }
  gtk_calendar_select_day (GTK_CALENDAR (calendar), tomorrow);
  for (child = anju_ui_find_widget (row, anju_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SPIN_BUTTON (child))
      spins[spins[0] == NULL ? 0 : 1] = child;
  g_assert_nonnull (spins[0]);
  g_assert_nonnull (spins[1]);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spins[0]), 15);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spins[1]), 0);
  type_into_row (root, "Car plate (for the guard)", "浙A·12345");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_in_row (root, "Rings before answering",
                                                           GTK_TYPE_SPIN_BUTTON)), 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (root, "Answered by"))),
                   ==, fixture->lina->display_name);

  check_call_form_errors (call, fixture);

  /* Save: the call is recorded and the window closes. */
  g_assert_true (gtk_widget_activate_action (root, "call.save", NULL));
  anju_ui_wait_until (anju_ui_pointer_cleared, &call, "the call screen to close after saving");
}

static void
check_call (Fixture *fixture)
{
  g_autoptr(AnjuStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = anju_customers_find_by_mobile (store, CALLER_MOBILE);
  g_autoptr(AnjuCustomer) customer = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) sms = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *confirm_day = NULL;
  AnjuCall *call = NULL;
  AnjuTask *task;
  AnjuPlanEntry *entry = NULL;

  /* The new customer, owned by who answered. */
  g_assert_nonnull (customer_id);
  customer = anju_customer_load (store, customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer->summary.name, ==, "周杰");
  g_assert_cmpstr (customer->summary.title, ==, "先生");
  g_assert_cmpstr (customer->summary.owner_id, ==, fixture->lina->id);

  /* The call. */
  calls = anju_calls_list_for_day (store, NULL, fixture->today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < calls->len; i++)
    if (g_strcmp0 (((AnjuCall *)g_ptr_array_index (calls, i))->customer_id, customer_id) == 0)
      call = g_ptr_array_index (calls, i);
  g_assert_nonnull (call);
  g_assert_cmpstr (call->answered_by, ==, fixture->lina->id);
  g_assert_false (call->backup);
  g_assert_cmpint (call->rings, ==, 2);
  g_assert_false (call->slow_answer);
  g_assert_false (call->repeat_caller);
  g_assert_false (call->long_call);
  g_assert_true (call->invited);
  g_assert_true (call->intent);
  g_assert_cmpstr (call->reason, ==, "了解户型和价格");
  g_assert_cmpuint (json_array_get_length (call->questions), ==, 2);
  g_assert_nonnull (call->appointment_id);

  /* The question left unanswered: a call back with the answer, for 李娜. */
  tasks = anju_tasks_list_for_customer (store, customer_id, &error);
  g_assert_no_error (error);
  task = find_task (tasks, "call_back_answer");
  g_assert_nonnull (task);
  g_assert_cmpstr (task->detail, ==, "车位多少钱？");
  g_assert_cmpstr (task->assignee_id, ==, fixture->lina->id);
  g_assert_cmpstr (task->state, ==, "open");

  /* The confirmation call the day before the appointment: today. */
  task = find_task (tasks, "confirm_visit");
  g_assert_nonnull (task);
  confirm_day = local_date_of_iso (task->due_at);
  g_assert_cmpstr (confirm_day, ==, fixture->today);
  g_assert_cmpstr (task->assignee_id, ==, fixture->lina->id);

  /* The thank-you SMS, queued. */
  sms = anju_sms_list (store, "queued", customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sms->len, ==, 1);
  g_assert_cmpstr (((AnjuSms *)g_ptr_array_index (sms, 0))->template_id, ==, "call_thanks");
  g_assert_nonnull (find_task (tasks, "sms"));

  /* Tomorrow's reception plan expects him at 15:00, with his car. */
  plan = anju_reception_plan_for_day (store, NULL, fixture->tomorrow, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < plan->len; i++)
    if (g_strcmp0 (((AnjuPlanEntry *)g_ptr_array_index (plan, i))->customer_id, customer_id) == 0)
      entry = g_ptr_array_index (plan, i);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->state, ==, "planned");
  g_assert_cmpstr (entry->car_plate, ==, "浙A·12345");
  g_assert_cmpstr (entry->consultant_id, ==, fixture->lina->id);
  {
    gint64 at = 0;
    g_autoptr(GDateTime) utc = NULL;
    g_autoptr(GDateTime) local = NULL;

    g_assert_true (anju_clock_parse_utc (entry->at, &at));
    utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
    local = g_date_time_to_timezone (utc, anju_format_get_time_zone ());
    g_assert_cmpint (g_date_time_get_hour (local), ==, 15);
    g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
  }
}

/* ---- the workbench ----------------------------------------------------- */

typedef struct
{
  AnjuWorkbenchView *view;
  const char        *title;
} TitleWait;

static gboolean
workbench_lists (gpointer data)
{
  TitleWait *wait = data;
  g_auto(GStrv) titles = NULL;

  if (anju_workbench_view_get_busy (wait->view))
    return FALSE;
  titles = anju_workbench_view_dup_task_titles (wait->view);
  return g_strv_contains ((const char * const *)titles, wait->title);
}

typedef struct
{
  Fixture    *fixture;
  const char *task_id;
} TaskDoneWait;

static gboolean
task_done (gpointer data)
{
  TaskDoneWait *wait = data;
  g_autoptr(AnjuStore) store = open_store (wait->fixture);
  g_autoptr(AnjuTask) task = anju_task_load (store, wait->task_id, NULL);

  return task != NULL && g_strcmp0 (task->state, "done") == 0;
}

static void
check_workbench (AnjuWindow *window,
                 Fixture    *fixture)
{
  AnjuWorkbenchView *view = ANJU_WORKBENCH_VIEW (anju_window_get_view (window, "workbench"));
  g_autoptr(AnjuStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = anju_customers_find_by_mobile (store, CALLER_MOBILE);
  g_autoptr(GPtrArray) tasks = anju_tasks_list_for_customer (store, customer_id, &error);
  guint n_today = 0;

  g_assert_no_error (error);
  g_assert_true (anju_window_show_view (window, "workbench"));
  /* Every task of the call due today is on 李娜's workbench. */
  for (guint i = 0; i < tasks->len; i++)
    {
      AnjuTask *task = g_ptr_array_index (tasks, i);
      g_autofree char *day = local_date_of_iso (task->due_at);
      TitleWait wait = { view, task->title };

      if (!g_str_equal (day, fixture->today))
        continue;
      n_today++;
      anju_ui_wait_until (workbench_lists, &wait, task->title);
    }
  /* The thank-you SMS, the call back with the answer, the confirmation. */
  g_assert_cmpuint (n_today, ==, 3);

  /* The confirmation call is made: "Done" asks what came of it. */
  {
    AnjuTask *confirm = find_task (tasks, "confirm_visit");
    GtkWidget *dialog;
    g_autoptr(AnjuTask) done = NULL;
    TaskDoneWait wait = { fixture, confirm->id };

    g_signal_emit_by_name (find_button (find_row (GTK_WIDGET (view), confirm->title), "Done…"),
                           "clicked");
    dialog = anju_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_widget (dialog, anju_ui_is_of_type,
                                                      GSIZE_TO_POINTER (GTK_TYPE_ENTRY))),
                           "已确认，明天15点两人开车来");
    g_signal_emit_by_name (find_button (dialog, "Done"), "clicked");
    anju_ui_wait_until (task_done, &wait, "the confirmation call to be done");
    done = anju_task_load (store, confirm->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (done->outcome, ==, "已确认，明天15点两人开车来");
  }
}

/* ---- the walk-in ------------------------------------------------------- */

static AnjuVisit *
load_latest_visit (Fixture *fixture)
{
  g_autoptr(AnjuStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = anju_visits_list_for_day (store, NULL, fixture->today, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (visits->len, >=, 1);
  return anju_visit_load (store, ((AnjuVisit *)g_ptr_array_index (visits, 0))->id, &error);
}

static void
register_walk_in (AnjuApplication *app,
                  AnjuWindow      *window,
                  Fixture         *fixture)
{
  GtkWidget *view = anju_window_get_view (window, "reception");
  AnjuWalkInWindow *dialog;
  g_autoptr(AnjuVisit) visit = NULL;

  g_assert_true (anju_window_show_view (window, "reception"));
  anju_ui_wait_until (reception_idle, view, "the reception view");
  /* The header's primary action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.primary-action", NULL));
  dialog = find_window_of_type (GTK_APPLICATION (app), ANJU_TYPE_WALK_IN_WINDOW);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  anju_ui_wait_until (walk_in_idle, dialog, "the walk-in dialog");
  /* A second click brings the same dialog forward, never a second one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.primary-action", NULL));
  g_assert_cmpuint (count_windows_of_type (GTK_APPLICATION (app), ANJU_TYPE_WALK_IN_WINDOW), ==, 1);
  g_assert_true (find_window_of_type (GTK_APPLICATION (app), ANJU_TYPE_WALK_IN_WINDOW) ==
                 (gpointer)dialog);

  /* 请问您是第一次来吗？ — “Yes”: nothing can be registered before the answer. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "walk-in.register", NULL);
  settle ();
  g_assert_nonnull (dialog);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_button (GTK_WIDGET (dialog),
                                                                "Yes, First Visit")),
                                TRUE);
  type_into_row (GTK_WIDGET (dialog), "Mobile", VISITOR_MOBILE);
  anju_ui_wait_until (walk_in_idle, dialog, "the number lookup");
  g_assert_nonnull (anju_ui_find_widget (GTK_WIDGET (dialog), is_row_titled, "Not on file"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "walk-in.register", NULL));
  anju_ui_wait_until (anju_ui_pointer_cleared, &dialog, "the walk-in dialog to close");

  /* The rotation's next consultant receives the visitor; 李娜 at the door
   * stays until the handover. */
  visit = load_latest_visit (fixture);
  g_assert_cmpstr (visit->state, ==, "open");
  g_assert_true (visit->first_time);
  g_assert_cmpstr (visit->visit_type, ==, "first");
  g_assert_cmpstr (visit->consultant_id, ==, fixture->wanglei->id);
  g_assert_cmpstr (visit->route, ==, "rotation");
  g_assert_cmpstr (visit->registered_by, ==, fixture->lina->id);
  g_assert_true (visit->handover_required);
  g_assert_null (visit->greeted_at);
  g_assert_null (visit->customer_id);
}

static void
greet_and_hand_over (AnjuWindow *window,
                     Fixture    *fixture)
{
  GtkWidget *view = anju_window_get_view (window, "reception");
  ButtonWait greeted = { view, "Greeted" };
  ButtonWait handover = { view, "Handover Confirmed" };
  g_autoptr(AnjuVisit) visit = NULL;

  anju_ui_wait_until (button_shows, &greeted, "the visitor at the door");
  g_signal_emit_by_name (find_button (view, "Greeted"), "clicked");
  anju_ui_wait_until (button_shows, &handover, "the handover to confirm");
  g_signal_emit_by_name (find_button (view, "Handover Confirmed"), "clicked");
  anju_ui_wait_until (reception_idle, view, "the handover");

  visit = load_latest_visit (fixture);
  g_assert_nonnull (visit->greeted_at);
  g_assert_false (visit->long_wait);
  g_assert_nonnull (visit->handover_confirmed_at);
}

typedef struct
{
  AnjuVisitPanel *panel;
  const char     *visit_id;
} PanelWait;

static gboolean
panel_shows (gpointer data)
{
  PanelWait *wait = data;

  return !anju_visit_panel_get_busy (wait->panel) &&
         g_strcmp0 (anju_visit_panel_get_visit_id (wait->panel), wait->visit_id) == 0 &&
         anju_visit_panel_get_state (wait->panel) != NULL;
}

static gboolean
panel_idle (gpointer data)
{
  return !anju_visit_panel_get_busy (data);
}

static gboolean
is_visible_error_label (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_get_visible (widget);
}

static const char *
problem_shown (GtkWidget *root)
{
  GtkWidget *label = anju_ui_find_widget (root, is_visible_error_label, NULL);

  return label ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
is_check_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

static void
walk_through_visit (AnjuWindow *window,
                    Fixture    *fixture)
{
  AnjuReceptionView *view = ANJU_RECEPTION_VIEW (anju_window_get_view (window, "reception"));
  AnjuVisitPanel *panel = anju_reception_view_get_visit_panel (view);
  GtkWidget *root = GTK_WIDGET (panel);
  g_autoptr(AnjuVisit) visit = load_latest_visit (fixture);
  g_autoptr(AnjuVisit) closed = NULL;
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(AnjuCustomer) customer = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *due_day = NULL;
  GtkWidget *row, *stations;
  PanelWait shown = { panel, visit->id };
  AnjuFollowUpRules rules;
  AnjuTask *call_back;
  gint64 ended = 0, due = 0, expected;
  guint n_checks = 0;

  /* The visit, now with its consultant, opens from the list. */
  anju_ui_wait_until (reception_idle, view, "the queue");
  row = find_row (GTK_WIDGET (view), "First-time visitor");
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  anju_ui_wait_until (panel_shows, &shown, "the visit panel");
  g_assert_cmpstr (anju_visit_panel_get_state (panel), ==, "open");

  /* The six stations, ticked one by one. */
  stations = anju_ui_find_widget (root, is_row_titled, "1. Pre-reception");
  g_assert_nonnull (stations);
  for (guint i = 0; i < 6; i++)
    {
      static const char * const titles[] = {
        "1. Pre-reception", "2. At the model", "3. At the area map",
        "4. Negotiation area", "5. Show flat and community", "6. Farewell",
      };
      GtkWidget *check = anju_ui_find_widget (find_row (root, titles[i]), is_check_button, NULL);

      g_assert_nonnull (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      anju_ui_wait_until (panel_idle, panel, titles[i]);
      n_checks++;
    }
  g_assert_cmpuint (n_checks, ==, 6);

  /* The demo project shows the standard risk text: no "version 0". */
  g_assert_nonnull (anju_ui_find_widget (root, is_group_described,
                                 "The standard text. Present it, then record that the "
                                 "customer acknowledged it."));

  /* Closing before the risk disclosure is acknowledged is refused. */
  g_assert_true (gtk_widget_activate_action (root, "visit.close", NULL));
  anju_ui_wait_until (panel_idle, panel, "the refusal");
  g_assert_nonnull (problem_shown (root));
  g_assert_nonnull (strstr (problem_shown (root), "risk disclosure"));
  g_assert_cmpstr (anju_visit_panel_get_state (panel), ==, "open");

  g_signal_emit_by_name (find_button (root, "Acknowledged"), "clicked");
  anju_ui_wait_until (panel_idle, panel, "the acknowledgement");
  anju_ui_wait_until (panel_shows, &shown, "the visit again");

  /* The record is completed at the end: the number typed at the door is
   * already there; without the title the core refuses and the panel says
   * what is missing. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (root, "Mobile"))), ==,
                   VISITOR_MOBILE);
  type_into_row (root, "Name", "吴磊");
  g_assert_true (gtk_widget_activate_action (root, "visit.close", NULL));
  anju_ui_wait_until (panel_idle, panel, "the refusal");
  g_assert_nonnull (problem_shown (root));
  g_assert_nonnull (strstr (problem_shown (root), "Missing: Title."));
  g_assert_true (gtk_widget_has_css_class (find_row (root, "Title (先生, 女士…)"), "error"));
  g_assert_cmpstr (anju_visit_panel_get_state (panel), ==, "open");

  type_into_row (root, "Title (先生, 女士…)", "先生");
  g_assert_true (gtk_widget_activate_action (root, "visit.close", NULL));
  anju_ui_wait_until (panel_idle, panel, "closing the visit");
  anju_ui_wait_until (reception_idle, view, "the queue after the visit");

  /* Closed; the record is complete and 王磊's; the call-back is due by the
   * 17:00 rule: before the cut-off, the same day within the hours set. */
  store = open_store (fixture);
  closed = anju_visit_load (store, visit->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (closed->state, ==, "closed");
  g_assert_nonnull (closed->ended_at);
  g_assert_cmpint (json_object_get_size (closed->stations), ==, 6);
  g_assert_cmpint (closed->disclosure_version, ==, closed->current_disclosure_version);
  customer_id = anju_customers_find_by_mobile (store, VISITOR_MOBILE);
  g_assert_nonnull (customer_id);
  g_assert_cmpstr (closed->customer_id, ==, customer_id);
  customer = anju_customer_load (store, customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer->summary.name, ==, "吴磊");
  g_assert_cmpstr (customer->summary.title, ==, "先生");
  g_assert_cmpstr (customer->summary.owner_id, ==, fixture->wanglei->id);

  tasks = anju_tasks_list_for_customer (store, customer_id, &error);
  g_assert_no_error (error);
  call_back = find_task (tasks, "call_back");
  g_assert_nonnull (call_back);
  g_assert_cmpstr (call_back->rule, ==, "visit.call_back");
  g_assert_cmpstr (call_back->assignee_id, ==, fixture->wanglei->id);
  g_assert_nonnull (find_task (tasks, "sms"));

  g_assert_true (anju_follow_up_rules_load (store, NULL, &rules, &error));
  g_assert_no_error (error);
  g_assert_true (anju_clock_parse_utc (closed->ended_at, &ended));
  g_assert_true (anju_clock_parse_utc (call_back->due_at, &due));
  g_assert_cmpint (anju_follow_up_minute_of_day (anju_format_get_time_zone (), ended), <,
                   rules.visit_cutoff);
  expected = MIN (ended + (gint64)rules.same_day_call_within_hours * G_TIME_SPAN_HOUR,
                  anju_follow_up_local_time (anju_format_get_time_zone (), ended, 1, 0));
  g_assert_cmpint (due / G_USEC_PER_SEC, ==, expected / G_USEC_PER_SEC);
  due_day = local_date (due);
  g_assert_cmpstr (due_day, ==, fixture->today);
}

/* ---- the test ---------------------------------------------------------- */

static void
test_reception_call_and_walk_in (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *ui;
  AnjuApplication *app;
  GtkWindow *window;

  set_up_clock ();
  prepare_database (&fixture);

  ui = anju_ui_app_open (fixture.path, &(AnjuUiAppOptions) { .clock = test_clock });
  app = ui->app;
  window = ui->window;

  anju_ui_sign_in (ANJU_WINDOW (window), "lina", ANJU_UI_DEMO_PASSWORD);
  /* The app opens on the workbench. */
  g_assert_cmpstr (anju_window_get_visible_view (ANJU_WINDOW (window)), ==, "workbench");
  anju_ui_wait_until (workbench_idle, anju_window_get_view (ANJU_WINDOW (window), "workbench"),
              "the workbench");

  take_call (app, &fixture);
  check_call (&fixture);
  check_workbench (ANJU_WINDOW (window), &fixture);

  register_walk_in (app, ANJU_WINDOW (window), &fixture);
  greet_and_hand_over (ANJU_WINDOW (window), &fixture);
  walk_through_visit (ANJU_WINDOW (window), &fixture);

  /* Everything closes and is freed. */
  settle ();
  anju_ui_app_close (ui);
  fixture_clear (&fixture);
}

/* ---- a manager: the rotation, a reassigned task, the greeting --------- */

static gboolean
is_greeting_label (GtkWidget     *widget,
                   gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title-1") &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
call_greets (gpointer data)
{
  return anju_ui_find_widget (data, is_greeting_label, "您好！万科·安居苑欢迎您，请问贵姓？") != NULL;
}

typedef struct
{
  Fixture    *fixture;
  const char *task_id;
  const char *assignee_id;
} AssigneeWait;

static gboolean
task_assigned (gpointer data)
{
  AssigneeWait *wait = data;
  g_autoptr(AnjuStore) store = open_store (wait->fixture);
  g_autoptr(AnjuTask) task = anju_task_load (store, wait->task_id, NULL);

  return task != NULL && g_strcmp0 (task->assignee_id, wait->assignee_id) == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
} RowWait;

static gboolean
row_shows (gpointer data)
{
  RowWait *wait = data;

  return anju_ui_find_widget (wait->root, is_row_titled, wait->title) != NULL;
}

static gboolean
is_tooltip (GtkWidget     *widget,
            gconstpointer  text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
text_loaded (gpointer data)
{
  return gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (data)) > 0;
}

static void
test_reception_manager (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *ui;
  AnjuApplication *app;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuUser) manager = NULL;
  g_autofree char *task_id = NULL;
  GtkWindow *window;
  GtkWidget *view, *workbench, *editor, *dialog, *dropdown, *text_view;
  AnjuCallWindow *call;
  AssigneeWait reassigned;
  guint lina_index = G_MAXUINT;

  set_up_clock ();
  prepare_database (&fixture);
  {
    g_autoptr(AnjuStore) store = open_store (&fixture);
    g_autoptr(JsonObject) payload = json_object_new ();
    g_autoptr(JsonObject) answer = NULL;
    g_autofree char *due = anju_clock_format_utc (test_clock (NULL) + G_TIME_SPAN_HOUR);

    manager = anju_user_lookup_by_name (store, "zhangwei");
    json_object_set_string_member (payload, "assignee_id", manager->id);
    json_object_set_string_member (payload, "kind", "call");
    json_object_set_string_member (payload, "title", "回访老业主张先生");
    json_object_set_string_member (payload, "due_at", due);
    answer = anju_command_run (store, anju_user_get_system (), "task.create", payload, &error);
    g_assert_no_error (error);
    task_id = g_strdup (json_object_get_string_member (json_object_get_object_member (answer,
                                                                                      "result"),
                                                       "task_id"));
  }

  ui = anju_ui_app_open (fixture.path, &(AnjuUiAppOptions) { .clock = test_clock });
  app = ui->app;
  window = ui->window;
  anju_ui_sign_in (ANJU_WINDOW (window), "zhangwei", ANJU_UI_DEMO_PASSWORD);
  g_assert_cmpstr (anju_window_get_visible_view (ANJU_WINDOW (window)), ==, "workbench");

  /* A manager hands a task of theirs to 李娜. */
  workbench = anju_window_get_view (ANJU_WINDOW (window), "workbench");
  {
    TitleWait wait = { ANJU_WORKBENCH_VIEW (workbench), "回访老业主张先生" };

    anju_ui_wait_until (workbench_lists, &wait, "the manager's task");
  }
  g_signal_emit_by_name (anju_ui_find_widget (find_row (workbench, "回访老业主张先生"), anju_ui_is_of_type,
                                      GSIZE_TO_POINTER (GTK_TYPE_BUTTON)), "clicked");
  {
    /* The first button is "Done…"; the reassign one comes after it. */
    GtkWidget *row = find_row (workbench, "回访老业主张先生");
    GtkWidget *done_dialog = anju_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    GtkWidget *buttons[2] = { NULL, NULL };
    guint n = 0;

    g_assert_nonnull (done_dialog);
    /* Done asks what came of it: not now. */
    g_object_add_weak_pointer (G_OBJECT (done_dialog), (gpointer *)&done_dialog);
    g_signal_emit_by_name (find_button (done_dialog, "Cancel"), "clicked");
    anju_ui_wait_until (anju_ui_pointer_cleared, &done_dialog, "the outcome dialog to close");
    for (GtkWidget *w = anju_ui_find_widget (row, anju_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_BUTTON));
         w != NULL && n < 2;
         w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_BUTTON (w))
        buttons[n++] = w;
    g_assert_nonnull (buttons[1]);
    g_signal_emit_by_name (buttons[1], "clicked");
  }
  dialog = anju_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  dropdown = anju_ui_find_widget (dialog, anju_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  {
    GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i),
                     fixture.lina->display_name) == 0)
        lina_index = i;
  }
  g_assert_cmpuint (lina_index, !=, G_MAXUINT);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), lina_index);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_signal_emit_by_name (find_button (dialog, "Reassign"), "clicked");
  anju_ui_wait_until (anju_ui_pointer_cleared, &dialog, "the reassign dialog to close");
  reassigned = (AssigneeWait) { &fixture, task_id, fixture.lina->id };
  anju_ui_wait_until (task_assigned, &reassigned, "the task to be 李娜's");

  /* Today's rotation, from the reception view: on duty, in order. */
  g_assert_true (anju_window_show_view (ANJU_WINDOW (window), "reception"));
  view = anju_window_get_view (ANJU_WINDOW (window), "reception");
  anju_ui_wait_until (reception_idle, view, "the reception view");
  g_assert_true (gtk_widget_activate_action (view, "reception.set-rotation", NULL));
  anju_ui_wait_until (anju_ui_toplevel_shown, GSIZE_TO_POINTER (ANJU_TYPE_ROTATION_EDITOR), "the rotation editor");
  editor = anju_ui_find_toplevel (ANJU_TYPE_ROTATION_EDITOR);
  {
    RowWait rows = { editor, "张伟" };

    anju_ui_wait_until (row_shows, &rows, "the colleagues in the rotation editor");
  }
  /* 张伟 joins; 李娜 moves up to the first card. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_in_row (editor, "张伟", GTK_TYPE_CHECK_BUTTON)),
                               TRUE);
  g_signal_emit_by_name (anju_ui_find_widget (find_row (editor, "李娜"), is_tooltip, "Move 李娜 up"),
                         "clicked");
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  g_assert_true (gtk_widget_activate_action (editor, "rotation.save", NULL));
  anju_ui_wait_until (anju_ui_pointer_cleared, &editor, "the rotation editor to close");
  {
    g_autoptr(AnjuStore) store = open_store (&fixture);
    g_autoptr(AnjuRotationDay) day = anju_rotation_load_day (store, NULL, fixture.today, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (day->entries->len, ==, 3);
    g_assert_cmpstr (((AnjuRotationEntry *)g_ptr_array_index (day->entries, 0))->consultant_id, ==,
                     fixture.lina->id);
    g_assert_cmpstr (((AnjuRotationEntry *)g_ptr_array_index (day->entries, 1))->consultant_id, ==,
                     fixture.wanglei->id);
    g_assert_cmpstr (((AnjuRotationEntry *)g_ptr_array_index (day->entries, 2))->consultant_id, ==,
                     manager->id);
  }

  /* The greeting is the project's text: a manager edits it from the call
   * screen, and the screen says the new one at once. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "take-call", NULL);
  call = find_window_of_type (GTK_APPLICATION (app), ANJU_TYPE_CALL_WINDOW);
  g_assert_nonnull (call);
  g_object_add_weak_pointer (G_OBJECT (call), (gpointer *)&call);
  anju_ui_wait_until (call_idle, call, "the call screen");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (call), "call.edit-scripts", NULL));
  anju_ui_wait_until (anju_ui_toplevel_shown, GSIZE_TO_POINTER (ANJU_TYPE_SCRIPT_EDITOR), "the script editor");
  editor = anju_ui_find_toplevel (ANJU_TYPE_SCRIPT_EDITOR);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  text_view = anju_ui_find_widget (editor, anju_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (text_view);
  anju_ui_wait_until (text_loaded, text_view, "the greeting's text");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            "您好！{project}欢迎您，请问贵姓？", -1);
  g_assert_true (gtk_widget_activate_action (editor, "script.save", NULL));
  anju_ui_wait_until (anju_ui_pointer_cleared, &editor, "the script editor to close");
  anju_ui_wait_until (call_greets, call, "the new greeting");
  gtk_window_close (GTK_WINDOW (call));
  anju_ui_wait_until (anju_ui_pointer_cleared, &call, "the call screen to close");

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

  g_test_add_func ("/ui/reception/call-and-walk-in", test_reception_call_and_walk_in);
  g_test_add_func ("/ui/reception/manager", test_reception_manager);

  return g_test_run ();
}
