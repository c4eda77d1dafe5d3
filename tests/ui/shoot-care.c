/* shoot-care.c — the 维护 and 交接 screenshots of data/screenshots/
 *
 * Not a test: loads the demo with the clock on 2026-11-22, has 张伟 hand
 * 王磊's customers to 李娜 (who calls two the next day) and, on Tuesday,
 * 赵敏's to 刘洋; plans the holidays of 2027, adds a topping-out and has
 * the New Year greetings sent and called. Then, as 张伟, saves the care
 * calendar of 2027 as it stands on 2027-01-06, and the handover list on
 * Thursday 2026-11-26. Run from the build tree, under Xvfb, in Chinese:
 *
 *   ninja -C BUILD tests/ui/shoot-care
 *   LANGUAGE=zh_CN LANG=C.UTF-8 GSETTINGS_BACKEND=memory \
 *     GSETTINGS_SCHEMA_DIR=BUILD/data ANJU_DATA_DIR=data GSK_RENDERER=cairo \
 *     xvfb-run -a BUILD/tests/ui/shoot-care data/screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "anju-application.h"
#include "anju-care-view.h"
#include "anju-command.h"
#include "anju-demo.h"
#include "anju-handover.h"
#include "anju-tasks.h"
#include "anju-ui-fixtures.h"
#include "anju-window.h"

static gint64 now_usec;

static void
prepare (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);
  g_autoptr(AnjuUser) manager = NULL, lina = NULL, wanglei = NULL;
  g_autoptr(JsonObject) handover = NULL, plan = NULL, milestone = NULL;
  g_autoptr(GPtrArray) contacts = NULL, calls = NULL;
  g_autofree char *json = NULL;
  JsonArray *events, *sms_ids;

  now_usec = anju_ui_parse_time ("2026-11-22T02:00:00Z");
  anju_store_set_clock (store, anju_ui_fixed_clock, &now_usec);
  if (store == NULL || !anju_demo_load (store, &error))
    g_error ("%s", error->message);
  manager = anju_user_lookup_by_name (store, "zhangwei");
  lina = anju_user_lookup_by_name (store, "lina");
  wanglei = anju_user_lookup_by_name (store, "wanglei");

  json = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"%s\", \"reason\": \"离职\"}",
                          wanglei->id, lina->id);
  handover = anju_ui_run (store, manager, "customer.handover", "%s", json);
  contacts = anju_handover_list_contacts (store, json_object_get_string_member (handover, "handover_id"), &error);
  now_usec = anju_ui_parse_time ("2026-11-23T03:00:00Z");
  for (guint i = 0; i < 2 && i < contacts->len; i++)
    {
      g_autofree char *done = g_strdup_printf ("{\"task_id\": \"%s\", \"outcome\": \"已电话自我介绍\"}",
                                               ((AnjuHandoverContact *)g_ptr_array_index (contacts, i))->task_id);
      g_autoptr(JsonObject) r = anju_ui_run (store, lina, "task.complete", "%s", done);
    }

  /* Tuesday: 赵敏 moves to another project; 刘洋, new at the desk, takes
   * her two customers over. */
  {
    g_autoptr(AnjuUser) zhaomin = anju_user_add (store, anju_user_get_system (), "zhaomin", "赵敏",
                                                 ANJU_ROLE_CONSULTANT, "anju-demo-1", &error);
    g_autoptr(AnjuUser) liuyang = anju_user_add (store, anju_user_get_system (), "liuyang", "刘洋",
                                                 ANJU_ROLE_CONSULTANT, "anju-demo-1", &error);
    g_autoptr(JsonObject) a = NULL, b = NULL, moved = NULL;
    g_autofree char *move = NULL;

    g_assert_no_error (error);
    a = anju_ui_run (store, zhaomin, "customer.create", "{\"name\": \"许文博\", \"title\": \"先生\", \"mobile\": \"13857110021\"}");
    b = anju_ui_run (store, zhaomin, "customer.create", "{\"name\": \"沈佳怡\", \"title\": \"女士\", \"mobile\": \"13857110022\"}");
    now_usec = anju_ui_parse_time ("2026-11-24T03:00:00Z");
    move = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"%s\", \"reason\": \"调往二期项目\"}",
                            zhaomin->id, liuyang->id);
    moved = anju_ui_run (store, manager, "customer.handover", "%s", move);
  }

  plan = anju_ui_run (store, manager, "care.plan_year", "{\"year\": 2027}");
  milestone = anju_ui_run (store, manager, "care.add_milestone",
                   "{\"kind\": \"topping_out\", \"title\": \"1幢主体结构封顶\", \"date\": \"2027-03-18\"}");

  /* New Year's greetings: sent and called. */
  now_usec = anju_ui_parse_time ("2026-12-31T02:00:00Z");
  events = json_object_get_array_member (plan, "event_ids");
  sms_ids = json_object_get_array_member (plan, "sms_ids");
  calls = anju_tasks_list_for_source (store, "care_event", json_array_get_string_element (events, 0), &error);
  for (guint i = 0; i < json_array_get_length (sms_ids); i++)
    {
      g_autoptr(GPtrArray) tasks = anju_tasks_list_for_source (store, "sms", json_array_get_string_element (sms_ids, i),
                                                               &error);
      g_autoptr(JsonObject) sms = NULL;
      g_autofree char *sent = NULL;

      /* the first event's SMS only (their tasks are due on New Year's Day) */
      if (tasks->len == 0 || !g_str_has_prefix (((AnjuTask *)g_ptr_array_index (tasks, 0))->due_at, "2027-01-01"))
        continue;
      sent = g_strdup_printf ("{\"sms_id\": \"%s\"}", json_array_get_string_element (sms_ids, i));
      sms = anju_ui_run (store, lina, "sms.mark_sent", "%s", sent);
    }
  for (guint i = 0; i < calls->len; i++)
    {
      g_autofree char *done = g_strdup_printf ("{\"task_id\": \"%s\", \"outcome\": \"已致电问候\"}",
                                               ((AnjuTask *)g_ptr_array_index (calls, i))->id);
      g_autoptr(JsonObject) r = anju_ui_run (store, lina, "task.complete", "%s", done);
    }
  now_usec = anju_ui_parse_time ("2027-01-06T02:00:00Z");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL, *path = NULL;
  AnjuUiApp *ui;
  g_autoptr(GError) error = NULL;
  const char *out = argc > 1 ? argv[1] : ".";
  AnjuContext *context;
  GtkWindow *window;

  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  path = anju_ui_shoot_begin (&dir);
  prepare (path);

  ui = anju_ui_app_open (path, &(AnjuUiAppOptions) { .clock = anju_ui_fixed_clock, .clock_data = &now_usec, .width = 1210, .height = 770, .unmaximize = TRUE, .light = TRUE });
  context = ui->context;
  window = ui->window;

  anju_ui_set_user (context, path, "zhangwei");
  anju_ui_spin (1000);
  anju_window_show_view (ANJU_WINDOW (window), "care");
  anju_care_view_set_year (ANJU_CARE_VIEW (anju_window_get_view (ANJU_WINDOW (window), "care")), 2027);
  anju_ui_spin (2000);
  anju_ui_save_png (GTK_WIDGET (window), out, "care-calendar.png");

  /* Thursday 2026-11-26, 10:00: 王磊's customers are overdue, 赵敏's not yet */
  now_usec = anju_ui_parse_time ("2026-11-26T02:00:00Z");
  anju_window_show_view (ANJU_WINDOW (window), "handovers");
  anju_ui_spin (2000);
  anju_ui_save_png (GTK_WIDGET (window), out, "handover.png");

  anju_ui_app_close (ui);
  return 0;
}
