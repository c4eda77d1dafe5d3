/* test-unit-race.c — twenty workstations hold the same unit at once
 *
 * Twenty consultants, each signed in on their own connection, send
 * unit.hold for the same unit at the same moment through
 * POST /api/v1/commands. The server decides: exactly one hold exists
 * afterwards, and each of the nineteen others is told who holds the unit
 * and until when. A manager then releases it and the race runs again,
 * five times. In the last round the server is stopped while the twenty
 * requests are sent, so that they reach it together and are decided in
 * one group commit: the answers stay exact, and the server's figures show
 * fewer commits than batches.
 */
#include <signal.h>

#include "anju-command.h"
#include "anju-format.h"
#include "anju-test-server.h"

#define N_CLIENTS 20
#define N_ROUNDS  5
#define PROJECT   "dddddddd-0000-4000-8000-000000000001"
#define BUILDING  "dddddddd-0000-4000-8000-000000000002"
#define UNIT      "dddddddd-0000-4000-8000-000000000003"

typedef struct
{
  const char *url;
  const char *token;
  GMutex     *lock;
  GCond      *cond;
  guint      *ready;
  guint       round;
  guint       status;
  JsonObject *answer;
} Client;

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf (
      "{\"commands\":[{\"id\":\"%s\",\"type\":\"unit.hold\",\"payload\":{\"unit_id\":\"%s\",\"minutes\":30}}]}",
      id, UNIT);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(JsonObject) reply = NULL;

  /* Everyone ready, then all at once. */
  anju_test_start_line (client->lock, client->cond, client->ready, N_CLIENTS * (client->round + 1));

  client->status = anju_test_http_full (session, client->url, "POST", "/api/v1/commands", client->token,
                                        bytes, &reply);
  if (reply != NULL && json_object_has_member (reply, "results"))
    client->answer = json_object_ref (json_array_get_object_element (json_object_get_array_member (reply, "results"), 0));
  return NULL;
}

static void
test_hold_race (void)
{
  g_autoptr(AnjuTestServer) server = anju_test_server_new ();
  g_autoptr(AnjuStore) office = anju_test_server_open_store (server);
  g_autoptr(AnjuUser) manager = anju_test_add_user_fast (office, "boss", "张经理", ANJU_ROLE_MANAGER);
  g_autoptr(AnjuUser) admin = anju_test_add_user_fast (office, "it", "信息部", ANJU_ROLE_ADMIN);
  g_autoptr(JsonObject) stats = NULL;
  g_autofree char *admin_token = NULL;
  GPid pid;
  g_autoptr(GPtrArray) consultants = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_user_free);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *manager_token = NULL;
  Client clients[N_CLIENTS] = { 0 };
  GThread *threads[N_CLIENTS];
  GMutex lock;
  GCond cond;
  guint ready = 0;

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%02u", i);
      g_autofree char *display = g_strdup_printf ("顾问%02u号", i);

      g_ptr_array_add (consultants, anju_test_add_user_fast (office, name, display, ANJU_ROLE_CONSULTANT));
    }
  json_object_unref (anju_test_run_json (office, anju_user_get_system (), "project.create",
                                         "{\"project_id\": \"" PROJECT "\", \"name\": \"万科·安居苑\"}"));
  /* The rounds are about the race, not about who may hold again: without
   * this a round's winner could not take part in the next one. */
  json_object_unref (anju_test_run_json (office, manager, "project.set_policy",
                                         "{\"project_id\": \"" PROJECT "\", \"policy\": {\"hold\": {\"rehold_pause_minutes\": 0}}}"));
  json_object_unref (anju_test_run_json (office, anju_user_get_system (), "building.create",
                                         "{\"building_id\": \"" BUILDING "\", \"project_id\": \"" PROJECT "\", \"name\": \"1幢\", "
                                         "\"floors\": 18, \"units_per_floor\": 4}"));
  json_object_unref (anju_test_run_json (office, anju_user_get_system (), "unit.create",
                                         "{\"unit_id\": \"" UNIT "\", \"building_id\": \"" BUILDING "\", \"floor\": 15, \"number\": \"1502\", "
                                         "\"layout\": \"3室2厅2卫\", \"gross_area\": 11500, \"inner_area\": 9085, \"list_price\": 328370000}"));
  anju_test_server_start (server);

  for (guint i = 0; i < N_CLIENTS; i++)
    g_ptr_array_add (tokens, anju_test_login (server->url, ((AnjuUser *)g_ptr_array_index (consultants, i))->username));
  manager_token = anju_test_login (server->url, manager->username);
  admin_token = anju_test_login (server->url, admin->username);
  pid = (GPid)g_ascii_strtoll (g_subprocess_get_identifier (server->process), NULL, 10);

  g_mutex_init (&lock);
  g_cond_init (&cond);
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      const char *winner_name = NULL, *expires_at = NULL;
      g_autofree char *until = NULL, *expected = NULL;
      guint winners = 0;
      gboolean grouped = round == N_ROUNDS - 1;

      if (grouped)
        g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
      for (guint i = 0; i < N_CLIENTS; i++)
        {
          clients[i] = (Client) {
            .url = server->url, .token = g_ptr_array_index (tokens, i),
            .lock = &lock, .cond = &cond, .ready = &ready, .round = round,
          };
          threads[i] = g_thread_new ("desk", client_thread, &clients[i]);
        }
      if (grouped)
        {
          /* Every request waits in the kernel for the stopped server. */
          g_usleep (G_USEC_PER_SEC);
          g_assert_cmpint (kill (pid, SIGCONT), ==, 0);
        }
      for (guint i = 0; i < N_CLIENTS; i++)
        g_thread_join (threads[i]);

      for (guint i = 0; i < N_CLIENTS; i++)
        {
          g_assert_cmpuint (clients[i].status, ==, 200);
          g_assert_nonnull (clients[i].answer);
          if (g_str_equal (json_object_get_string_member (clients[i].answer, "status"), "applied"))
            {
              winners++;
              winner_name = ((AnjuUser *)g_ptr_array_index (consultants, i))->display_name;
              expires_at = json_object_get_string_member (json_object_get_object_member (clients[i].answer, "result"),
                                                          "expires_at");
            }
        }
      g_assert_cmpuint (winners, ==, 1);

      /* The losers learn who holds the unit and until when (office time). */
      until = anju_format_datetime_iso (expires_at);
      expected = g_strdup_printf ("Unit 1幢-1502 is held by %s until %s.", winner_name, until);
      for (guint i = 0; i < N_CLIENTS; i++)
        {
          JsonObject *answer = clients[i].answer;

          if (!g_str_equal (json_object_get_string_member (answer, "status"), "applied"))
            {
              g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "rejected");
              g_assert_cmpstr (json_object_get_string_member (answer, "code"), ==, "conflict");
              g_assert_cmpstr (json_object_get_string_member (answer, "field"), ==, "unit_id");
              g_assert_cmpstr (json_object_get_string_member (answer, "message"), ==, expected);
            }
          json_object_unref (answer);
        }

      /* Exactly one hold exists, and the unit is held. */
      g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM holds WHERE released_at IS NULL"), ==, 1);
      g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM holds"), ==, round + 1);
      g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM units WHERE status = 'held'"), ==, 1);
      g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM applied_commands WHERE type = 'unit.hold' "
                                        "AND result LIKE '%\"rejected\"%'"), ==, (round + 1) * (N_CLIENTS - 1));

      /* A manager releases it for the next round. */
      {
        g_autofree char *command_id = g_uuid_string_random ();
        g_autofree char *body = anju_test_batch1 (command_id, "unit.release", "{\"unit_id\":\"" UNIT "\"}");
        g_autoptr(JsonObject) reply = NULL;
        JsonObject *result;

        g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/commands", manager_token, body, &reply),
                          ==, 200);
        result = json_array_get_object_element (json_object_get_array_member (reply, "results"), 0);
        g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
      }
    }
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM holds WHERE released_at IS NULL"), ==, 0);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM unit_history"), ==, 2 * N_ROUNDS);

  /* Every batch answered, in fewer commits than batches: the stopped
   * round's twenty were decided together. */
  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/stats", admin_token, NULL, &stats), ==, 200);
  g_assert_cmpint (json_object_get_int_member (stats, "batches"), ==, N_ROUNDS * (N_CLIENTS + 1));
  g_assert_cmpint (json_object_get_int_member (stats, "commands"), ==, N_ROUNDS * (N_CLIENTS + 1));
  g_assert_cmpint (json_object_get_int_member (stats, "commits"), <=,
                   N_ROUNDS * (N_CLIENTS + 1) - N_CLIENTS / 2);
  g_clear_pointer (&stats, json_object_unref);
  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/stats", manager_token, NULL, &stats), ==, 403);

  g_mutex_clear (&lock);
  g_cond_clear (&cond);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/units/race/hold", test_hold_race);
  return g_test_run ();
}
