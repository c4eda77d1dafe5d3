/* bench-sync.c — push and pull throughput over loopback, beside the floor
 *
 *   meson test -C BUILDDIR --benchmark --suite bench -v
 *
 * N commands (ANJU_BENCH_N, default 20,000) of customer.create, each
 * writing one customer and one timeline event:
 *
 *   floor  the same 2·N rows inserted straight into SQLite, one transaction
 *   push   a desk's outbox of N commands sent to anju-server and confirmed
 *          (the server applies each with its id record, audit and change
 *          feed; the desk takes every answer)
 *   pull   a new desk takes the whole change feed (2·N changes) and writes
 *          the rows
 *   wire   the same feed read over HTTP only, parsed, not stored
 *
 * Not a pass/fail test: it prints the figures.
 */
#include <libsoup/soup.h>

#include "anju-command.h"
#include "anju-sync-engine.h"
#include "../server/anju-test-server.h"
#include "bench-util.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

static char *
mobile_for (guint i)
{
  return g_strdup_printf ("13%09u", i);
}

/* The floor: the rows a customer.create writes, inserted directly. */
static double
bench_floor (const char *dir,
             guint       n)
{
  g_autoptr(AnjuStore) store = anju_test_desk_new (dir, "floor.db");
  sqlite3_stmt *customer, *event;
  gint64 start;

  anju_store_exec (store, "INSERT INTO users (id, username, display_name, role, password_hash, created_at) "
                          "VALUES ('u1', 'bench', 'Bench', 'manager', '', '2026-01-01T00:00:00Z')", NULL);
  customer = anju_store_prepare (store,
      "INSERT INTO customers (id, project_id, name, title, mobile, id_number, owner_id, segment, "
      "segment_source, profile, created_by, created_at, updated_at) "
      "VALUES (?, NULL, ?, NULL, ?, NULL, 'u1', NULL, NULL, '{}', 'u1', ?, ?)", NULL);
  event = anju_store_prepare (store,
      "INSERT INTO customer_events (id, customer_id, at, kind, actor_id, summary, detail) "
      "VALUES (?, ?, ?, 'created', 'u1', 'Customer record created', NULL)", NULL);
  start = g_get_monotonic_time ();
  g_assert_true (anju_store_begin (store, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *event_id = g_uuid_string_random ();
      g_autofree char *name = g_strdup_printf ("客户%u", i);
      g_autofree char *mobile = mobile_for (i);
      g_autofree char *now = anju_store_now_string (store);

      sqlite3_bind_text (customer, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (customer, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (customer, 3, mobile, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (customer, 4, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (customer, 5, now, -1, SQLITE_TRANSIENT);
      g_assert_true (anju_store_step_done (store, customer, NULL));
      sqlite3_bind_text (event, 1, event_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (event, 2, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (event, 3, now, -1, SQLITE_TRANSIENT);
      g_assert_true (anju_store_step_done (store, event, NULL));
    }
  g_assert_true (anju_store_commit (store, NULL));
  return seconds_since (start);
}

static AnjuSyncEngine *
connect_desk (AnjuStore      *store,
              AnjuTestServer *server)
{
  AnjuSyncEngine *engine = anju_sync_engine_new (store);
  g_autoptr(GError) error = NULL;

  anju_sync_engine_login (engine, server->url, "bench", ANJU_TEST_PASSWORD, ANJU_SYNC_LOGIN_NONE, NULL, &error);
  g_assert_no_error (error);
  return engine;
}

static double
bench_wire (AnjuTestServer *server,
            const char     *token,
            guint          *n_changes)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  gint64 after = 0, start = g_get_monotonic_time ();
  gboolean more = TRUE;

  *n_changes = 0;
  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?after=%" G_GINT64_FORMAT "&limit=5000", after);
      g_autoptr(JsonObject) reply = NULL;

      g_assert_cmpuint (anju_test_http_full (session, server->url, "GET", path, token, NULL, &reply), ==, 200);
      *n_changes += json_array_get_length (json_object_get_array_member (reply, "changes"));
      after = json_object_get_int_member (reply, "last_seq");
      more = json_object_get_boolean_member (reply, "more");
    }
  return seconds_since (start);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuTestServer) server = NULL;
  g_autoptr(AnjuStore) office = NULL, desk = NULL, fresh = NULL;
  g_autoptr(AnjuUser) user = NULL, local_user = NULL;
  g_autoptr(AnjuSyncEngine) engine = NULL, fresh_engine = NULL;
  g_autoptr(AnjuSyncReport) pushed = anju_sync_report_new ();
  g_autoptr(AnjuSyncReport) pulled = anju_sync_report_new ();
  g_autoptr(AnjuSyncReport) first = anju_sync_report_new ();
  g_autofree char *token = NULL;
  const char *n_text = g_getenv ("ANJU_BENCH_N");
  guint n = n_text ? (guint)g_ascii_strtoull (n_text, NULL, 10) : 20000;
  double floor_s, apply_s, push_s, pull_s, wire_s;
  guint wire_changes;
  gint64 start;

  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();
  server = anju_test_server_new ();
  office = anju_test_server_open_store (server);
  user = anju_test_add_user_fast (office, "bench", "Bench", ANJU_ROLE_MANAGER);
  anju_test_server_start (server);

  floor_s = bench_floor (server->dir, n);

  /* A desk makes N commands (in one transaction: we measure sync, not
   * the desk's disk), then sends them. */
  desk = anju_test_desk_new (server->dir, "desk.db");
  engine = connect_desk (desk, server);
  anju_sync_engine_pull (engine, 0, first, NULL, &error);
  g_assert_no_error (error);
  local_user = anju_user_lookup_by_name (desk, "bench");
  start = g_get_monotonic_time ();
  g_assert_true (anju_store_begin (desk, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) payload = json_object_new ();
      g_autoptr(JsonObject) answer = NULL;
      g_autofree char *name = g_strdup_printf ("客户%u", i);
      g_autofree char *mobile = mobile_for (i);

      json_object_set_string_member (payload, "name", name);
      json_object_set_string_member (payload, "mobile", mobile);
      answer = anju_command_run (desk, local_user, "customer.create", payload, &error);
      g_assert_no_error (error);
    }
  g_assert_true (anju_store_commit (desk, NULL));
  apply_s = seconds_since (start);

  start = g_get_monotonic_time ();
  anju_sync_engine_push (engine, pushed, NULL, &error);
  g_assert_no_error (error);
  push_s = seconds_since (start);
  g_assert_cmpuint (pushed->n_applied, ==, n);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customers"), ==, n);

  /* A new desk takes the whole feed. */
  fresh = anju_test_desk_new (server->dir, "fresh.db");
  fresh_engine = connect_desk (fresh, server);
  start = g_get_monotonic_time ();
  anju_sync_engine_pull (fresh_engine, 0, pulled, NULL, &error);
  g_assert_no_error (error);
  pull_s = seconds_since (start);
  g_assert_cmpint (anju_test_count (fresh, "SELECT count(*) FROM customers"), ==, n);

  token = anju_test_login (server->url, "bench");
  wire_s = bench_wire (server, token, &wire_changes);

  g_print ("# Anju sync throughput, %u customer.create commands (%u rows) over loopback\n", n, 2 * n);
  g_print ("floor   %8.2f s  %9.0f rows/s      (rows straight into SQLite, one transaction)\n",
           floor_s, 2 * n / floor_s);
  g_print ("desk    %8.2f s  %9.0f commands/s  (applied on the desk, one transaction; not sync)\n",
           apply_s, n / apply_s);
  g_print ("push    %8.2f s  %9.0f commands/s  (%.0f rows/s; outbox to server, answers taken)\n",
           push_s, n / push_s, 2 * n / push_s);
  g_print ("pull    %8.2f s  %9.0f changes/s   (%u changes taken by a new desk)\n",
           pull_s, pulled->n_received / pull_s, pulled->n_received);
  g_print ("wire    %8.2f s  %9.0f changes/s   (%u changes read over HTTP only)\n",
           wire_s, wire_changes / wire_s, wire_changes);
  g_print ("push takes %.1fx the floor, pull %.1fx\n", push_s / floor_s, pull_s / floor_s);
  bench_line ("sync_push", 2 * n / push_s, "rows/s", 2 * n / floor_s, BENCH_AT_LEAST, 0.3);
  bench_line ("sync_pull", pulled->n_received / pull_s, "changes/s", wire_changes / wire_s,
              BENCH_AT_LEAST, 0.5);
  bench_line ("desk_apply", 2 * n / apply_s, "rows/s", 2 * n / floor_s, BENCH_AT_LEAST, 0.3);
  return 0;
}
