/* test-receipt-numbers.c — two cashiers issue receipts at the same time
 *
 * Two finance workstations, each signed in on its own connection, record
 * 200 payments each as fast as the server answers, both at once, through
 * POST /api/v1/commands. The office server numbers the receipts: 1 … 400,
 * no gap, none twice, each workstation told the number it got. A refused
 * payment in between takes no number. Then the server is killed and
 * started again, and the next round goes on from 401 without a gap.
 */
#include "anju-command.h"
#include "anju-test-server.h"

#define N_DESKS      2
#define PER_DESK     200
#define AFTER_KILL   50
#define PROJECT      "ffffffff-0000-4000-8000-000000000001"

typedef struct
{
  const char *url;
  const char *token;
  guint       count;
  GMutex     *lock;
  GCond      *cond;
  guint      *ready;
  guint       round;
  GArray     *numbers;    /* gint64, what the server answered */
  guint       failures;
} Desk;

static gpointer
desk_thread (gpointer data)
{
  Desk *desk = data;
  g_autoptr(SoupSession) session = soup_session_new ();

  /* Both desks ready, then all at once. */
  anju_test_start_line (desk->lock, desk->cond, desk->ready, N_DESKS * (desk->round + 1));

  for (guint i = 0; i < desk->count; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *body = g_strdup_printf (
          "{\"commands\":[{\"id\":\"%s\",\"type\":\"payment.record\",\"payload\":{\"project_id\":\"%s\","
          "\"payer\":\"客户%u\",\"purpose\":\"fee\",\"method\":\"cash\",\"amount\":%u}}]}",
          id, PROJECT, i, 8000 + i);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autoptr(JsonObject) reply = NULL;
      JsonObject *answer, *result;
      guint status;

      status = anju_test_http_full (session, desk->url, "POST", "/api/v1/commands", desk->token, bytes, &reply);
      if (status != 200 || reply == NULL)
        {
          desk->failures++;
          continue;
        }
      answer = json_array_get_object_element (json_object_get_array_member (reply, "results"), 0);
      if (g_strcmp0 (json_object_get_string_member (answer, "status"), "applied") != 0)
        {
          desk->failures++;
          continue;
        }
      result = json_object_get_object_member (answer, "result");
      {
        gint64 number = json_object_get_int_member (result, "number");

        g_array_append_val (desk->numbers, number);
      }
    }
  return NULL;
}

/* Both desks record @count payments each at once; their numbers go into
 * @seen (number → 1), asserting none is given twice. */
static void
run_round (const char  *url,
           char       **tokens,
           guint        count,
           guint        round,
           guint       *ready,
           GHashTable  *seen)
{
  Desk desks[N_DESKS] = { 0 };
  GThread *threads[N_DESKS];
  GMutex lock;
  GCond cond;

  g_mutex_init (&lock);
  g_cond_init (&cond);
  *ready = N_DESKS * round;
  for (guint d = 0; d < N_DESKS; d++)
    {
      desks[d] = (Desk) {
        .url = url, .token = tokens[d], .count = count, .lock = &lock, .cond = &cond, .ready = ready,
        .round = round, .numbers = g_array_new (FALSE, FALSE, sizeof (gint64)),
      };
      threads[d] = g_thread_new ("cashier", desk_thread, &desks[d]);
    }
  for (guint d = 0; d < N_DESKS; d++)
    g_thread_join (threads[d]);
  for (guint d = 0; d < N_DESKS; d++)
    {
      g_assert_cmpuint (desks[d].failures, ==, 0);
      g_assert_cmpuint (desks[d].numbers->len, ==, count);
      for (guint i = 0; i < desks[d].numbers->len; i++)
        {
          gint64 number = g_array_index (desks[d].numbers, gint64, i);

          /* each desk sees its own numbers rise */
          if (i > 0)
            g_assert_cmpint (number, >, g_array_index (desks[d].numbers, gint64, i - 1));
          g_assert_false (g_hash_table_contains (seen, GINT_TO_POINTER ((int)number)));
          g_hash_table_add (seen, GINT_TO_POINTER ((int)number));
        }
      g_array_unref (desks[d].numbers);
    }
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
}

static void
assert_one_to (GHashTable *seen,
               guint       last)
{
  g_assert_cmpuint (g_hash_table_size (seen), ==, last);
  for (guint n = 1; n <= last; n++)
    g_assert_true (g_hash_table_contains (seen, GINT_TO_POINTER ((int)n)));
}

/* One payment the server refuses (no payer): it takes no number. */
static void
refused_payment (const char *url,
                 const char *token)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = anju_test_batch1 (id, "payment.record",
      "{\"project_id\":\"" PROJECT "\",\"purpose\":\"fee\",\"method\":\"cash\",\"amount\":100}");
  g_autoptr(JsonObject) reply = NULL;
  JsonObject *answer;

  g_assert_cmpuint (anju_test_http (url, "POST", "/api/v1/commands", token, body, &reply), ==, 200);
  answer = json_array_get_object_element (json_object_get_array_member (reply, "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (answer, "field"), ==, "payer");
}

static void
test_two_cashiers (void)
{
  g_autoptr(AnjuTestServer) server = anju_test_server_new ();
  g_autoptr(AnjuStore) office = anju_test_server_open_store (server);
  g_autoptr(AnjuUser) first = anju_test_add_user_fast (office, "chenjing", "陈静", ANJU_ROLE_FINANCE);
  g_autoptr(AnjuUser) second = anju_test_add_user_fast (office, "liuna", "刘娜", ANJU_ROLE_FINANCE);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  char *tokens[N_DESKS];
  guint ready = 0;

  json_object_set_string_member (payload, "project_id", PROJECT);
  json_object_set_string_member (payload, "name", "万科·安居苑");
  answer = anju_command_run (office, anju_user_get_system (), "project.create", payload, &error);
  g_assert_no_error (error);
  anju_test_server_start (server);
  tokens[0] = anju_test_login (server->url, first->username);
  tokens[1] = anju_test_login (server->url, second->username);

  /* 2 × 200 at once: 1 … 400. */
  run_round (server->url, tokens, PER_DESK, 0, &ready, seen);
  assert_one_to (seen, N_DESKS * PER_DESK);
  refused_payment (server->url, tokens[0]);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM receipts"), ==, N_DESKS * PER_DESK);
  g_assert_cmpint (anju_test_count (office, "SELECT max(number) FROM receipts"), ==, N_DESKS * PER_DESK);
  g_assert_cmpint (anju_test_count (office, "SELECT count(DISTINCT number) FROM receipts"), ==, N_DESKS * PER_DESK);
  g_assert_cmpint (anju_test_count (office, "SELECT count(DISTINCT issued_by) FROM receipts"), ==, 2);

  /* Killed and started again: the sequence goes on from 401. */
  anju_test_server_kill (server);
  anju_test_server_restart (server);
  g_free (tokens[0]);
  g_free (tokens[1]);
  tokens[0] = anju_test_login (server->url, first->username);
  tokens[1] = anju_test_login (server->url, second->username);
  run_round (server->url, tokens, AFTER_KILL, 0, &ready, seen);
  assert_one_to (seen, N_DESKS * (PER_DESK + AFTER_KILL));
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM receipts"), ==, N_DESKS * (PER_DESK + AFTER_KILL));
  g_assert_cmpint (anju_test_count (office, "SELECT max(number) FROM receipts"), ==, N_DESKS * (PER_DESK + AFTER_KILL));

  g_free (tokens[0]);
  g_free (tokens[1]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/receipts/numbers/two-cashiers", test_two_cashiers);
  return g_test_run ();
}
