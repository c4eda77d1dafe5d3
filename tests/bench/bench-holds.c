/* bench-holds.c — launch day: fifty desks hold units at once
 *
 *   meson test -C BUILDDIR --benchmark --suite bench bench-holds -v
 *
 * A project of 10,000 units on a real anju-server over loopback. Fifty
 * consultants, each signed in with a connection of their own, send
 * unit.hold one after another (each its own POST /api/v1/commands, each
 * for a unit nobody else asks for), all fifty at the same time. Measured:
 * decisions per second over all desks, each request's time from sending
 * to its answer (99th percentile), and the requests that did not come
 * back as an applied hold (errors).
 *
 * The floor: single-row commits per second on a database on the same
 * disk with the office's settings (WAL, synchronous = FULL) — what one
 * decision per transaction can reach at most.
 *
 * To profile the timed part only (not the sign-ins' password checks
 * before it): ANJU_BENCH_PERF=DIR records the whole machine into
 * DIR/all.data while the holds run, and the bench prints the server's and
 * its own pid; tests/bench/perf-summary.py splits a `perf script` of it
 * by process, thread, function and what a request is doing. ANJU_BENCH_HOLDS=N
 * has each desk send N holds instead of 20, for a longer profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <stdio.h>
#include <unistd.h>

#include "anju-command.h"
#include "anju-units.h"
#include "../server/anju-test-server.h"
#include "bench-util.h"

#define N_DESKS 50
#define N_HOLDS 20          /* per desk, by default */
#define N_FLOOR_COMMITS 2000

/* One request; the answer's first result, or NULL on any failure (a
 * reset connection counts as an error, it does not stop the bench). */
static JsonObject *
post_command (SoupSession *session,
              const char  *url,
              const char  *token,
              const char  *body)
{
  g_autofree char *uri = g_strconcat (url, "/api/v1/commands", NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  const char *data;
  gsize size;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  answer = soup_session_send_and_read (session, msg, NULL, NULL);
  if (answer == NULL || soup_message_get_status (msg) != 200)
    return NULL;
  data = g_bytes_get_data (answer, &size);
  if (!json_parser_load_from_data (parser, data, size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)) ||
      !json_object_has_member (json_node_get_object (root), "results"))
    return NULL;
  return json_object_ref (json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (root), "results"), 0));
}

typedef struct
{
  const char *url;
  const char *token;
  GPtrArray  *unit_ids;     /* borrowed; this desk's are i, i + N_DESKS, … */
  guint       index;
  GMutex     *lock;
  GCond      *cond;
  guint      *ready;
  gboolean   *go;
  guint       n_holds;
  GArray     *latencies;    /* ms */
  guint       errors;
} Desk;

static gpointer
desk_thread (gpointer data)
{
  Desk *desk = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonObject) me = NULL;

  /* A desk at opening time has been talking to the office already: its
   * connection's first request (the session's proxy look-up, 0.4–0.6 s
   * for fifty threads starting at once) is not part of the figure. */
  g_assert_cmpuint (anju_test_http_full (session, desk->url, "GET", "/api/v1/me", desk->token, NULL, &me),
                    ==, SOUP_STATUS_OK);

  /* Everyone signed in, then all at once. */
  g_mutex_lock (desk->lock);
  (*desk->ready)++;
  g_cond_broadcast (desk->cond);
  while (!*desk->go)
    g_cond_wait (desk->cond, desk->lock);
  g_mutex_unlock (desk->lock);

  for (guint k = 0; k < desk->n_holds; k++)
    {
      const char *unit_id = g_ptr_array_index (desk->unit_ids, desk->index + k * N_DESKS);
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *payload = g_strdup_printf ("{\"unit_id\":\"%s\",\"minutes\":30}", unit_id);
      g_autofree char *body = anju_test_batch1 (id, "unit.hold", payload);
      double t0 = bench_now_ms (), ms;
      g_autoptr(JsonObject) answer = post_command (session, desk->url, desk->token, body);

      ms = bench_now_ms () - t0;
      g_array_append_val (desk->latencies, ms);
      if (answer == NULL ||
          g_strcmp0 (json_object_get_string_member (answer, "status"), "applied") != 0)
        desk->errors++;
    }
  return NULL;
}

/* Single-row transactions, each committed, as fast as the disk takes them. */
static double
floor_commits_per_s (const char *dir)
{
  g_autoptr(AnjuStore) store = anju_test_desk_new (dir, "floor.db");
  sqlite3_stmt *insert;
  double t0;

  g_assert_true (anju_store_exec (store, "CREATE TABLE t (id TEXT PRIMARY KEY, at TEXT)", NULL));
  insert = anju_store_prepare (store, "INSERT INTO t VALUES (?, ?)", NULL);
  t0 = bench_now_ms ();
  for (guint i = 0; i < N_FLOOR_COMMITS; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *now = anju_store_now_string (store);

      g_assert_true (anju_store_begin (store, NULL));
      sqlite3_bind_text (insert, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, now, -1, SQLITE_TRANSIENT);
      g_assert_true (anju_store_step_done (store, insert, NULL));
      g_assert_true (anju_store_commit (store, NULL));
    }
  return N_FLOOR_COMMITS / ((bench_now_ms () - t0) / 1000.0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuTestServer) server = NULL;
  g_autoptr(AnjuStore) office = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_user_free);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) unit_ids = g_ptr_array_new ();
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *project_id = NULL;
  Desk desks[N_DESKS];
  GThread *threads[N_DESKS];
  GMutex lock;
  GCond cond;
  guint ready = 0, errors = 0;
  gboolean go = FALSE;
  double floor, t0, seconds;
  guint n_holds = N_HOLDS;
  BenchPerf *perf;

  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();
  server = anju_test_server_new ();
  office = anju_test_server_open_store (server);
  project_id = bench_build_project (office, 50, 20, 10, &error);
  g_assert_no_error (error);
  units = anju_units_list (office, NULL, &error);
  g_assert_no_error (error);
  if (g_getenv ("ANJU_BENCH_HOLDS") != NULL)
    n_holds = CLAMP (g_ascii_strtoull (g_getenv ("ANJU_BENCH_HOLDS"), NULL, 10), 1, units->len / N_DESKS);
  g_assert_cmpuint (units->len, >=, N_DESKS * n_holds);
  for (guint i = 0; i < units->len; i++)
    g_ptr_array_add (unit_ids, ((AnjuUnitRow *)g_ptr_array_index (units, i))->id);
  for (guint i = 0; i < N_DESKS; i++)
    {
      g_autofree char *name = g_strdup_printf ("desk%02u", i);
      g_autofree char *display = g_strdup_printf ("顾问%02u号", i);

      g_ptr_array_add (users, anju_test_add_user_fast (office, name, display,
                                                       ANJU_ROLE_CONSULTANT));
    }
  floor = floor_commits_per_s (server->dir);
  anju_test_server_start (server);
  for (guint i = 0; i < N_DESKS; i++)
    g_ptr_array_add (tokens, anju_test_login (server->url,
                                              ((AnjuUser *)g_ptr_array_index (users, i))->username));

  g_mutex_init (&lock);
  g_cond_init (&cond);
  for (guint i = 0; i < N_DESKS; i++)
    {
      desks[i] = (Desk) {
        .url = server->url, .token = g_ptr_array_index (tokens, i),
        .unit_ids = unit_ids, .index = i, .lock = &lock, .cond = &cond, .ready = &ready,
        .go = &go, .n_holds = n_holds, .latencies = g_array_new (FALSE, FALSE, sizeof (double)),
      };
      threads[i] = g_thread_new ("desk", desk_thread, &desks[i]);
    }
  g_mutex_lock (&lock);
  while (ready < N_DESKS)
    g_cond_wait (&cond, &lock);
  g_mutex_unlock (&lock);
  /* The whole machine: the desks share its two cores with the server,
   * and perf -p on fifty threads costs perf most of a core of its own. */
  perf = bench_perf_attach ("all", 0);
  if (perf != NULL)
    printf ("# perf: server pid %s, bench pid %d\n", g_subprocess_get_identifier (server->process),
            (int)getpid ());
  bench_perf_enable (perf, TRUE);
  g_mutex_lock (&lock);
  go = TRUE;
  t0 = bench_now_ms ();
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);
  for (guint i = 0; i < N_DESKS; i++)
    {
      g_thread_join (threads[i]);
      g_array_append_vals (latencies, desks[i].latencies->data, desks[i].latencies->len);
      g_array_unref (desks[i].latencies);
      errors += desks[i].errors;
    }
  seconds = (bench_now_ms () - t0) / 1000.0;
  bench_perf_enable (perf, FALSE);
  bench_perf_finish (perf);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);

  /* Every decision exact: one hold per unit asked for, no more. */
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM holds WHERE released_at IS NULL"),
                   ==, N_DESKS * n_holds - errors);

  printf ("# Anju hold decisions: %d desks × %u unit.hold over loopback, %u units\n", N_DESKS,
           n_holds, units->len);
  bench_line ("hold_decisions", N_DESKS * n_holds / seconds, "holds/s", floor, BENCH_AT_LEAST, 0.3);
  bench_line ("hold_p99", bench_p99 (latencies), "ms", 50, BENCH_AT_MOST, 1);
  bench_line ("hold_errors", errors, "requests", 0, BENCH_PLUS_AT_MOST, 0);
  return 0;
}
