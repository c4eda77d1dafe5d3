/* test-walk-in-rotation.c — two desks register walk-ins at the same moment
 *
 * The day's rotation gives each walk-in the next free consultant. Two
 * reception desks, each with its own database and signed in to a real
 * anju-server on 127.0.0.1, register a walk-in at the same moment through
 * the desk command runner (anju_sync_engine_submit(), as the window and
 * `anjuctl apply` do). visit.register is decided by the office when the
 * desk is connected (ANJU_COMMAND_FLAG_OFFICE_PREFERRED), so the two
 * visitors get different consultants. With the server gone, a desk still
 * registers walk-ins: it decides the turn itself and queues the command.
 */
#include "config.h"

#include <string.h>

#include "anju-format.h"
#include "anju-sync-engine.h"
#include "anju-test-server.h"

#define PROJECT "77777777-0000-4000-8000-000000000001"

typedef struct
{
  AnjuTestDesk   *base;
  /* the race */
  GMutex         *lock;
  GCond          *cond;
  guint          *ready;
  char           *arrived_at;
  JsonObject     *answer;
  GError         *error;
} Desk;

static Desk *
desk_new (AnjuTestServer *server,
          const char     *name,
          const char     *username)
{
  Desk *desk = g_new0 (Desk, 1);

  desk->base = anju_test_desk_open (server, name, username);
  return desk;
}

static void
desk_free (Desk *desk)
{
  anju_test_desk_free (desk->base);
  g_free (desk->arrived_at);
  g_clear_pointer (&desk->answer, json_object_unref);
  g_clear_error (&desk->error);
  g_free (desk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

static AnjuCommand *
walk_in_command (const char *arrived_at)
{
  g_autoptr(JsonObject) payload = json_object_new ();

  json_object_set_string_member (payload, "project_id", PROJECT);
  json_object_set_string_member (payload, "arrived_at", arrived_at);
  json_object_set_boolean_member (payload, "first_time", TRUE);
  return anju_command_new ("visit.register", payload);
}

static gpointer
desk_thread (gpointer data)
{
  Desk *desk = data;
  g_autoptr(AnjuCommand) command = walk_in_command (desk->arrived_at);

  /* Both desks ready, then both at once. */
  anju_test_start_line (desk->lock, desk->cond, desk->ready, 2);

  desk->answer = anju_sync_engine_submit (desk->base->engine, command, desk->base->user, NULL, NULL, &desk->error);
  return NULL;
}

static const char *
answer_consultant (JsonObject *answer)
{
  JsonObject *result;

  g_assert_nonnull (answer);
  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "applied");
  result = json_object_get_object_member (answer, "result");
  return json_object_get_null_member (result, "consultant_id")
         ? NULL : json_object_get_string_member (result, "consultant_id");
}

static void
test_walk_in_rotation (void)
{
  g_autoptr(AnjuTestServer) server = anju_test_server_new ();
  g_autoptr(AnjuStore) office = anju_test_server_open_store (server);
  g_autoptr(AnjuUser) boss = anju_test_add_user_fast (office, "boss", "张伟", ANJU_ROLE_MANAGER);
  g_autoptr(AnjuUser) lina = anju_test_add_user_fast (office, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  g_autoptr(AnjuUser) wang = anju_test_add_user_fast (office, "wang", "王磊", ANJU_ROLE_CONSULTANT);
  g_autoptr(AnjuUser) zhao = anju_test_add_user_fast (office, "zhao", "赵敏", ANJU_ROLE_CONSULTANT);
  g_autoptr(AnjuUser) door1 = anju_test_add_user_fast (office, "door1", "孙丽", ANJU_ROLE_CONSULTANT);
  g_autoptr(AnjuUser) door2 = anju_test_add_user_fast (office, "door2", "周敏", ANJU_ROLE_CONSULTANT);
  g_autoptr(Desk) a = NULL;
  g_autoptr(Desk) b = NULL;
  g_autoptr(AnjuCommand) offline = NULL;
  g_autoptr(JsonObject) queued = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now (anju_format_get_time_zone ());
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *arrived_at = NULL, *later = NULL, *json = NULL;
  const char *first, *second, *third;
  GThread *threads[2];
  GMutex lock;
  GCond cond;
  guint ready = 0;

  /* The office: one project, and the day's rotation 李娜, 王磊, 赵敏. */
  json_object_unref (anju_test_run_json (office, anju_user_get_system (), "project.create",
                                         "{\"project_id\": \"" PROJECT "\", \"name\": \"万科·安居苑\"}"));
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"local_date\": \"%s\", \"consultants\": [\"%s\", \"%s\", \"%s\"]}",
                          PROJECT, today, lina->id, wang->id, zhao->id);
  json_object_unref (anju_test_run_json (office, boss, "rotation.set_day", json));
  anju_test_server_start (server);

  /* Two reception desks with the same rotation on them. */
  a = desk_new (server, "door-a.db", door1->username);
  b = desk_new (server, "door-b.db", door2->username);
  g_assert_cmpint (anju_test_count (a->base->store, "SELECT count(*) FROM rotation_entries"), ==, 3);
  g_assert_cmpint (anju_test_count (b->base->store, "SELECT count(*) FROM rotation_entries"), ==, 3);

  /* Both register a walk-in at the same moment. */
  arrived_at = g_date_time_format_iso8601 (now);
  g_mutex_init (&lock);
  g_cond_init (&cond);
  a->lock = b->lock = &lock;
  a->cond = b->cond = &cond;
  a->ready = b->ready = &ready;
  a->arrived_at = g_strdup (arrived_at);
  b->arrived_at = g_strdup (arrived_at);
  threads[0] = g_thread_new ("desk-a", desk_thread, a);
  threads[1] = g_thread_new ("desk-b", desk_thread, b);
  g_thread_join (threads[0]);
  g_thread_join (threads[1]);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
  g_assert_no_error (a->error);
  g_assert_no_error (b->error);

  /* The office gave the turns: two consultants, not the same one twice,
   * the first two of the rotation. */
  first = answer_consultant (a->answer);
  second = answer_consultant (b->answer);
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpstr (first, !=, second);
  g_assert_true (g_strcmp0 (first, lina->id) == 0 || g_strcmp0 (first, wang->id) == 0);
  g_assert_true (g_strcmp0 (second, lina->id) == 0 || g_strcmp0 (second, wang->id) == 0);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM visits"), ==, 2);
  g_assert_cmpint (anju_test_count (office, "SELECT count(DISTINCT consultant_id) FROM visits"), ==, 2);
  /* decided there, nothing of it waits in the desks' outboxes */
  g_assert_cmpuint (anju_sync_engine_count_pending (a->base->engine), ==, 0);
  g_assert_cmpuint (anju_sync_engine_count_pending (b->base->engine), ==, 0);
  /* and each desk holds the visit it registered, as the office decided */
  g_assert_cmpint (anju_test_count (a->base->store, "SELECT count(*) FROM visits"), >=, 1);

  /* The server is gone: the door still registers walk-ins. The desk
   * decides the turn itself (赵敏, the next on its rotation) and queues
   * the command for the office. */
  {
    g_autoptr(AnjuSyncReport) report = anju_sync_report_new ();

    anju_sync_engine_sync (a->base->engine, report, NULL, &error);
    g_assert_no_error (error);
  }
  anju_test_server_kill (server);
  {
    g_autoptr(GDateTime) a_bit_later = g_date_time_add_seconds (now, 60);

    later = g_date_time_format_iso8601 (a_bit_later);
  }
  offline = walk_in_command (later);
  queued = anju_sync_engine_submit (a->base->engine, offline, a->base->user, NULL, NULL, &error);
  g_assert_no_error (error);
  third = answer_consultant (queued);
  g_assert_cmpstr (third, ==, zhao->id);
  g_assert_cmpuint (anju_sync_engine_count_pending (a->base->engine), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();
  anju_format_set_time_zone ("Asia/Shanghai");

  g_test_add_func ("/sync/walk-in-rotation", test_walk_in_rotation);
  return g_test_run ();
}
