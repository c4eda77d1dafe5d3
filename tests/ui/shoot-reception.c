/* shoot-reception.c — the reception screenshots of data/screenshots/
 *
 * Not a test: builds a day at the sales office on the demo database (calls
 * yesterday and today, visitors at the door, a rotation with an absence),
 * signs in as 李娜 and saves the call screen, the walk-in queue and the
 * workbench as PNG files. Run from the build tree, under Xvfb, in Chinese:
 *
 *   ninja -C BUILD tests/ui/shoot-reception
 *   LANGUAGE=zh_CN LANG=C.UTF-8 GSETTINGS_BACKEND=memory \
 *     GSETTINGS_SCHEMA_DIR=BUILD/data ANJU_DATA_DIR=data GSK_RENDERER=cairo \
 *     xvfb-run -a BUILD/tests/ui/shoot-reception data/screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "anju-application.h"
#include "anju-call-window.h"
#include "anju-command.h"
#include "anju-customers.h"
#include "anju-demo.h"
#include "anju-format.h"
#include "anju-reception.h"
#include "anju-reception-view.h"
#include "anju-sms.h"
#include "anju-tasks.h"
#include "anju-ui-fixtures.h"
#include "anju-window.h"
#include "anju-workbench-view.h"

#define WIDTH  1200
#define HEIGHT 760

/* The day on screen: today at 15:20 in the office. */
static gint64 clock_base;
static gint64 clock_started;

static gint64
shot_clock (gpointer user_data)
{
  return clock_base + (g_get_monotonic_time () - clock_started);
}

/* A clock fixed at @usec, for the history made before the day on screen. */
static gint64
fixed_clock (gpointer user_data)
{
  return *(gint64 *)user_data;
}

static gint64
today_at (int day_offset,
          int hour,
          int minute)
{
  GTimeZone *zone = anju_format_get_time_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, day_offset);
  g_autoptr(GDateTime) at = g_date_time_new (zone, g_date_time_get_year (day),
                                             g_date_time_get_month (day),
                                             g_date_time_get_day_of_month (day), hour, minute, 0);

  return g_date_time_to_unix (at) * G_USEC_PER_SEC;
}

static char *
iso (gint64 usec)
{
  return anju_clock_format_utc (usec);
}

static char *
local_date (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, anju_format_get_time_zone ());

  return g_date_time_format (local, "%Y-%m-%d");
}

/* ---- the day's history ------------------------------------------------- */

typedef struct
{
  AnjuStore *store;
  gint64     now;
} Desk;

static JsonObject *
run (Desk           *desk,
     gint64          at,
     const AnjuUser *actor,
     const char     *type,
     JsonObject     *payload)
{
  g_autoptr(GError) error = NULL;
  JsonObject *answer;

  desk->now = at;
  anju_store_set_clock (desk->store, fixed_clock, &desk->now);
  answer = anju_command_run (desk->store, actor, type, payload, &error);
  if (answer == NULL)
    g_error ("%s: %s", type, error->message);
  json_object_unref (payload);
  return answer;
}

static const char *
result_string (JsonObject *answer,
               const char *member)
{
  return json_object_get_string_member (json_object_get_object_member (answer, "result"), member);
}

static JsonObject *
call_payload (const AnjuUser *by,
              gint64          started,
              int             minutes,
              const char     *mobile,
              const char     *name,
              const char     *title,
              const char     *reason)
{
  JsonObject *payload = json_object_new ();
  JsonObject *person = json_object_new ();
  g_autofree char *start = iso (started);
  g_autofree char *end = iso (started + minutes * G_TIME_SPAN_MINUTE);

  json_object_set_string_member (payload, "mobile", mobile);
  json_object_set_string_member (person, "name", name);
  json_object_set_string_member (person, "title", title);
  json_object_set_object_member (payload, "new_customer", person);
  json_object_set_string_member (payload, "answered_by", by->id);
  json_object_set_int_member (payload, "rings", 2);
  json_object_set_string_member (payload, "started_at", start);
  json_object_set_string_member (payload, "ended_at", end);
  json_object_set_string_member (payload, "reason", reason);
  json_object_set_boolean_member (payload, "invited", TRUE);
  return payload;
}

static void
add_question (JsonObject *payload,
              const char *text,
              gboolean    answered)
{
  JsonArray *questions;
  JsonObject *question = json_object_new ();

  if (!json_object_has_member (payload, "questions"))
    json_object_set_array_member (payload, "questions", json_array_new ());
  questions = json_object_get_array_member (payload, "questions");
  json_object_set_string_member (question, "text", text);
  json_object_set_boolean_member (question, "answered", answered);
  json_array_add_object_element (questions, question);
}

static void
prepare_day (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);
  g_autoptr(AnjuUser) lina = NULL;
  g_autoptr(AnjuUser) wanglei = NULL;
  g_autoptr(AnjuUser) zhangwei = NULL;
  g_autofree char *today = NULL;
  Desk desk = { NULL, 0 };
  JsonObject *payload;
  JsonArray *order;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *liu_id = NULL;
  g_autofree char *visit_id = NULL;

  if (store == NULL)
    g_error ("%s", error->message);
  desk.store = store;
  desk.now = today_at (-1, 9, 0);
  anju_store_set_clock (store, fixed_clock, &desk.now);
  if (!anju_demo_load (store, &error))
    g_error ("%s", error->message);
  lina = anju_user_lookup_by_name (store, "lina");
  wanglei = anju_user_lookup_by_name (store, "wanglei");
  zhangwei = anju_user_lookup_by_name (store, "zhangwei");
  today = local_date (today_at (0, 12, 0));

  /* Yesterday: 陈明 calls and agrees to come today at 16:30 with his wife;
   * 刘芳 wants to come but names no time. */
  payload = call_payload (lina, today_at (-1, 10, 40), 6, "13900007777", "陈明", "先生",
                          "了解三居室户型和价格");
  add_question (payload, "首付比例是多少？", TRUE);
  json_object_set_boolean_member (payload, "intent", TRUE);
  {
    g_autofree char *at = iso (today_at (0, 16, 30));

    json_object_set_string_member (payload, "appointment_at", at);
  }
  json_object_set_string_member (payload, "car_plate", "浙A·88888");
  json_object_set_int_member (payload, "party_size", 2);
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (-1, 10, 46), lina, "call.log", payload);

  payload = call_payload (lina, today_at (-1, 16, 5), 4, "13900008888", "刘芳", "女士",
                          "周末带家人看样板房");
  json_object_set_boolean_member (payload, "intent", TRUE);
  {
    g_autofree char *at = iso (today_at (0, 10, 0));

    json_object_set_string_member (payload, "call_again_at", at);
  }
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (-1, 16, 9), lina, "call.log", payload);
  liu_id = g_strdup (result_string (answer, "customer_id"));

  /* 王磊's caller of yesterday comes today at 17:00. */
  payload = call_payload (wanglei, today_at (-1, 11, 20), 5, "13900006666", "周强", "先生",
                          "咨询学区和交房时间");
  json_object_set_boolean_member (payload, "intent", TRUE);
  {
    g_autofree char *at = iso (today_at (0, 17, 0));

    json_object_set_string_member (payload, "appointment_at", at);
  }
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (-1, 11, 25), wanglei, "call.log", payload);

  /* This morning: the SMS of yesterday went out; 刘芳 was called back. */
  {
    g_autoptr(GPtrArray) sms = anju_sms_list (store, "queued", NULL, &error);

    for (guint i = 0; sms != NULL && i < sms->len; i++)
      {
        AnjuSms *message = g_ptr_array_index (sms, i);

        if (g_strcmp0 (message->customer_name, "陈明") != 0)
          continue;
        payload = json_object_new ();
        json_object_set_string_member (payload, "sms_id", message->id);
        g_clear_pointer (&answer, json_object_unref);
        answer = run (&desk, today_at (0, 9, 10), lina, "sms.mark_sent", payload);
      }
  }
  {
    g_autoptr(GPtrArray) tasks = anju_tasks_list_for_customer (store, liu_id, &error);

    for (guint i = 0; tasks != NULL && i < tasks->len; i++)
      {
        AnjuTask *task = g_ptr_array_index (tasks, i);

        if (!g_str_equal (task->kind, "call") || !g_str_equal (task->state, "open"))
          continue;
        payload = json_object_new ();
        json_object_set_string_member (payload, "task_id", task->id);
        json_object_set_string_member (payload, "outcome", "已接通，今天下午过来看样板房");
        g_clear_pointer (&answer, json_object_unref);
        answer = run (&desk, today_at (0, 10, 12), lina, "task.complete", payload);
      }
  }

  /* Today's rotation: 张伟 (away on company business), 李娜, 王磊. */
  payload = json_object_new ();
  order = json_array_new ();
  json_object_set_string_member (payload, "local_date", today);
  json_array_add_string_element (order, zhangwei->id);
  json_array_add_string_element (order, lina->id);
  json_array_add_string_element (order, wanglei->id);
  json_object_set_array_member (payload, "consultants", order);
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (0, 8, 50), zhangwei, "rotation.set_day", payload);
  payload = json_object_new ();
  json_object_set_string_member (payload, "local_date", today);
  json_object_set_string_member (payload, "consultant_id", zhangwei->id);
  json_object_set_string_member (payload, "state", "absent");
  json_object_set_string_member (payload, "reason", "company_business");
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (0, 8, 55), zhangwei, "rotation.mark", payload);

  /* 11:05: a caller whose question could not be answered. */
  payload = call_payload (lina, today_at (0, 11, 0), 8, "13900009999", "孙丽", "女士",
                          "询问车位和物业费");
  add_question (payload, "地下车位的价格？", FALSE);
  add_question (payload, "物业费每平米多少？", TRUE);
  json_object_set_boolean_member (payload, "intent", TRUE);
  {
    g_autofree char *at = iso (today_at (1, 10, 0));

    json_object_set_string_member (payload, "call_again_at", at);
  }
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (0, 11, 8), lina, "call.log", payload);

  /* 14:40: a first-time couple at the door; 张伟 is away, so 李娜 takes
   * the turn (he is owed a make-up turn) and 王磊 hands them over. */
  payload = json_object_new ();
  {
    g_autofree char *at = iso (today_at (0, 14, 40));
    JsonObject *person = json_object_new ();

    json_object_set_string_member (payload, "arrived_at", at);
    json_object_set_boolean_member (payload, "first_time", TRUE);
    json_object_set_int_member (payload, "party_size", 2);
    json_object_set_string_member (person, "name", "何伟");
    json_object_set_string_member (person, "title", "先生");
    json_object_set_string_member (person, "mobile", "13900005555");
    json_object_set_object_member (payload, "new_customer", person);
  }
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (0, 14, 40), wanglei, "visit.register", payload);
  visit_id = g_strdup (result_string (answer, "visit_id"));
  payload = json_object_new ();
  json_object_set_string_member (payload, "visit_id", visit_id);
  {
    g_autofree char *at = iso (today_at (0, 14, 40) + 35 * G_USEC_PER_SEC);

    json_object_set_string_member (payload, "greeted_at", at);
  }
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (0, 14, 41), lina, "visit.greet", payload);
  payload = json_object_new ();
  json_object_set_string_member (payload, "visit_id", visit_id);
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (0, 14, 42), wanglei, "visit.handover_confirm", payload);
  {
    static const char * const done[] = { "pre_reception", "model", "area_map", NULL };

    for (guint i = 0; done[i] != NULL; i++)
      {
        payload = json_object_new ();
        json_object_set_string_member (payload, "visit_id", visit_id);
        json_object_set_string_member (payload, "station", done[i]);
        json_object_set_boolean_member (payload, "done", TRUE);
        g_clear_pointer (&answer, json_object_unref);
        answer = run (&desk, today_at (0, 14, 45 + 5 * i), lina, "visit.station", payload);
      }
  }
  payload = json_object_new ();
  json_object_set_string_member (payload, "visit_id", visit_id);
  json_object_set_int_member (payload, "disclosure_version",
                              anju_reception_get_disclosure_version (store, NULL));
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (0, 14, 50), lina, "visit.disclose", payload);

  /* 15:17: 刘芳 is back, for her own consultant 李娜, who is still with
   * 何伟: she waits, and the screen says for how long. */
  payload = json_object_new ();
  {
    g_autofree char *at = iso (today_at (0, 15, 17) + 50 * G_USEC_PER_SEC);

    json_object_set_string_member (payload, "arrived_at", at);
    json_object_set_boolean_member (payload, "first_time", FALSE);
    json_object_set_string_member (payload, "mobile", "13900008888");
    json_object_set_int_member (payload, "party_size", 3);
    json_object_set_string_member (payload, "car_plate", "浙A·3J521");
  }
  g_clear_pointer (&answer, json_object_unref);
  answer = run (&desk, today_at (0, 15, 18), wanglei, "visit.register", payload);
}

/* ---- shooting ---------------------------------------------------------- */

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (is_row_titled (root, title))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_scroller (GtkWidget *root)
{
  if (GTK_IS_SCROLLED_WINDOW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_scroller (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_spin (GtkWidget *root)
{
  if (GTK_IS_SPIN_BUTTON (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_spin (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
first_open_visit (const char *path)
{
  g_autoptr(AnjuStore) store = anju_store_open (path, NULL);
  g_autoptr(AnjuWalkInQueue) queue = anju_reception_load_queue (store, NULL, NULL, NULL);

  return g_strdup (((AnjuVisit *)g_ptr_array_index (queue->in_progress, 0))->id);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  AnjuUiApp *ui;
  AnjuApplication *app;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuUser) lina = NULL;
  const char *out = argc > 1 ? argv[1] : ".";
  AnjuContext *context;
  GtkWindow *window;
  GtkWindow *call;
  GtkWidget *row, *scroller;

  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  clock_base = today_at (0, 15, 20);
  clock_started = g_get_monotonic_time ();

  path = anju_ui_shoot_begin (&dir);
  prepare_day (path);

  ui = anju_ui_app_open (path, &(AnjuUiAppOptions) { .clock = shot_clock, .width = WIDTH + 10, .height = HEIGHT + 10, .unmaximize = TRUE, .light = TRUE });
  app = ui->app;
  context = ui->context;
  window = ui->window;

  {
    g_autoptr(AnjuStore) store = anju_store_open (path, &error);

    lina = anju_user_lookup_by_name (store, "lina");
  }
  anju_context_set_user (context, lina);
  anju_ui_spin (1500);
  anju_window_show_view (ANJU_WINDOW (window), "workbench");
  anju_ui_spin (1500);
  anju_ui_save_png (GTK_WIDGET (window), out, "workbench.png");

  anju_window_show_view (ANJU_WINDOW (window), "reception");
  anju_ui_spin (1500);
  anju_ui_save_png (GTK_WIDGET (window), out, "walk-in.png");

  /* A repeat caller: 陈明 rings again. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "take-call", NULL);
  call = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (ANJU_IS_CALL_WINDOW (l->data))
      call = l->data;
  g_assert_nonnull (call);
  gtk_window_set_default_size (call, 910, HEIGHT + 10);
  anju_ui_spin (500);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (call), _("Mobile"))), "139 0000 7777");
  anju_ui_spin (1200);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (call), _("Reason for the call"))),
                         "确认今天下午来访，想再问停车");
  row = find_row (GTK_WIDGET (call), _("Add a question the caller asked"));
  gtk_editable_set_text (GTK_EDITABLE (row), "访客车位是否免费？");
  g_signal_emit_by_name (row, "apply");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_spin (find_row (GTK_WIDGET (call),
                                                                 _("Rings before answering")))), 2);
  anju_ui_spin (1500);
  /* The top of the call: greeting, caller, last contacts. */
  gtk_window_set_focus (call, NULL);
  scroller = find_scroller (GTK_WIDGET (call));
  gtk_adjustment_set_value (
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
  anju_ui_spin (1000);
  anju_ui_save_png (GTK_WIDGET (call), out, "call.png");

  gtk_window_destroy (call);

  /* With a second argument, the dialogs too (to look at, not shipped). */
  if (argc > 2)
    {
      GtkWidget *view = anju_window_get_view (ANJU_WINDOW (window), "reception");
      GtkWindow *dialog = NULL;
      g_autofree char *visit_id = first_open_visit (path);

      anju_reception_view_open_visit (ANJU_RECEPTION_VIEW (view), visit_id);
      anju_ui_spin (1500);
      anju_ui_save_png (GTK_WIDGET (window), argv[2], "visit.png");
      anju_reception_view_go_back (ANJU_RECEPTION_VIEW (view));
      gtk_widget_activate_action (view, "reception.register-walk-in", NULL);
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
        if (!ANJU_IS_WINDOW (l->data))
          dialog = l->data;
      anju_ui_spin (1000);
      anju_ui_save_png (GTK_WIDGET (dialog), argv[2], "walk-in-dialog.png");
      gtk_window_destroy (dialog);
    }
  anju_ui_app_close (ui);
  return 0;
}
