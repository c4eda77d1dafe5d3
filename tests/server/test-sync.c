/* test-sync.c — workstations synchronising through a real anju-server
 *
 * Each test starts its own server and drives two or more desk databases
 * through it with the sync engine (as `anjuctl sync` does) or with the
 * background AnjuSyncClient (as the UI will).
 */
#define _GNU_SOURCE
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "anju-command.h"
#include "anju-demo.h"
#include "anju-price-lists.h"
#include "anju-sync-client.h"
#include "anju-sync-engine.h"
#include "anju-sync-protocol.h"
#include "anju-test-server.h"

typedef struct
{
  AnjuTestServer *server;
  AnjuStore      *office;
  AnjuUser       *li;       /* manager */
  AnjuUser       *zhang;    /* manager */
  AnjuUser       *wang;     /* consultant */
  AnjuUser       *zhao;     /* consultant */
} Fixture;

typedef struct
{
  AnjuStore      *store;
  AnjuSyncEngine *engine;
  AnjuUser       *user;
} Desk;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = anju_test_server_new ();
  f->office = anju_test_server_open_store (f->server);
  f->li = anju_test_add_user_fast (f->office, "li", "李娜", ANJU_ROLE_MANAGER);
  f->zhang = anju_test_add_user_fast (f->office, "zhang", "张伟", ANJU_ROLE_MANAGER);
  f->wang = anju_test_add_user_fast (f->office, "wang", "王芳", ANJU_ROLE_CONSULTANT);
  f->zhao = anju_test_add_user_fast (f->office, "zhao", "赵敏", ANJU_ROLE_CONSULTANT);
  anju_test_server_start (f->server);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->office);
  anju_user_free (f->li);
  anju_user_free (f->zhang);
  anju_user_free (f->wang);
  anju_user_free (f->zhao);
  anju_test_server_free (f->server);
}

static AnjuSyncReport *
desk_sync (Desk *desk)
{
  g_autoptr(GError) error = NULL;
  AnjuSyncReport *report = anju_sync_report_new ();

  anju_sync_engine_sync (desk->engine, report, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static Desk *
desk_new (Fixture    *f,
          const char *name,
          const char *username)
{
  Desk *desk = g_new0 (Desk, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuSyncReport) report = NULL;

  desk->store = anju_test_desk_new (f->server->dir, name);
  desk->engine = anju_sync_engine_new (desk->store);
  anju_sync_engine_login (desk->engine, f->server->url, username, ANJU_TEST_PASSWORD,
                          ANJU_SYNC_LOGIN_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (anju_store_get_outbox_enabled (desk->store));
  report = desk_sync (desk);
  desk->user = anju_user_lookup_by_name (desk->store, username);
  g_assert_nonnull (desk->user);
  return desk;
}

static void
desk_free (Desk *desk)
{
  anju_sync_engine_free (desk->engine);
  g_object_unref (desk->store);
  anju_user_free (desk->user);
  g_free (desk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

/* Applies a command on the desk as its user (queued for the server). */
static JsonObject *
desk_run (Desk       *desk,
          const char *type,
          const char *payload_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *answer;

  json_parser_load_from_data (parser, payload_json, -1, &error);
  g_assert_no_error (error);
  answer = anju_command_run (desk->store, desk->user, type,
                             json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  return answer;
}

static char *
desk_create_customer (Desk       *desk,
                      const char *payload_json)
{
  g_autoptr(JsonObject) answer = desk_run (desk, "customer.create", payload_json);

  return g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "result"),
                                                  "customer_id"));
}

static gint64
pending (Desk *desk)
{
  return anju_test_count (desk->store, "SELECT count(*) FROM outbox");
}

static char *
customer_field (AnjuStore  *store,
                const char *id,
                const char *field)
{
  g_autoptr(JsonObject) row = anju_store_dup_row (store, "customers", id, NULL);

  if (row == NULL)
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (row, field, NULL));
}

static gboolean
has_customer (AnjuStore  *store,
              const char *id)
{
  g_autoptr(JsonObject) row = anju_store_dup_row (store, "customers", id, NULL);

  return row != NULL;
}

/* Desk @a holds what the office @b sends to @reader, the desk's person. */
static void
assert_same_rows (AnjuStore      *a,
                  AnjuStore      *b,
                  const AnjuUser *reader)
{
  g_autofree char *rows_a = anju_test_business_rows_for (a, reader);
  g_autofree char *rows_b = anju_test_business_rows_for (b, reader);

  g_assert_cmpstr (rows_a, ==, rows_b);
}

/* Concurrent offline edits on two desks end in the same rows everywhere. */
static void
test_converge (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Desk) a = desk_new (f, "a.db", "wang");
  g_autoptr(Desk) b = desk_new (f, "b.db", "li");
  g_autofree char *x = NULL, *y = NULL, *z = NULL, *sql = NULL;
  g_autoptr(AnjuSyncReport) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autofree char *name = NULL, *title = NULL;

  x = desk_create_customer (a, "{\"name\":\"陈一\",\"mobile\":\"13900000001\"}");
  r1 = desk_sync (a);
  g_assert_cmpuint (r1->n_applied, ==, 1);
  r2 = desk_sync (b);
  g_assert_true (has_customer (b->store, x));

  /* Both offline: each works on its own copy. */
  {
    g_autofree char *p1 = g_strdup_printf ("{\"customer_id\":\"%s\",\"title\":\"先生\"}", x);
    g_autofree char *p2 = g_strdup_printf ("{\"customer_id\":\"%s\",\"text\":\"A 的备注\"}", x);
    g_autofree char *p3 = g_strdup_printf ("{\"customer_id\":\"%s\",\"name\":\"陈一一\"}", x);
    g_autofree char *p4 = g_strdup_printf ("{\"customer_id\":\"%s\",\"text\":\"B 的备注\"}", x);
    g_autoptr(JsonObject) o1 = desk_run (a, "customer.update", p1);
    g_autoptr(JsonObject) o2 = desk_run (a, "customer.note", p2);
    g_autoptr(JsonObject) o3 = desk_run (b, "customer.update", p3);
    g_autoptr(JsonObject) o4 = desk_run (b, "customer.note", p4);
    g_autofree char *p5 = NULL;
    g_autoptr(JsonObject) o5 = NULL;

    y = desk_create_customer (a, "{\"name\":\"陈二\"}");
    /* A command on a row made offline finds it on the server too. */
    p5 = g_strdup_printf ("{\"customer_id\":\"%s\",\"text\":\"新客户的备注\"}", y);
    o5 = desk_run (a, "customer.note", p5);
    z = desk_create_customer (b, "{\"name\":\"刘三\",\"mobile\":\"13900000003\"}");
  }
  g_assert_cmpint (pending (a), ==, 4);
  g_assert_cmpint (pending (b), ==, 3);

  r3 = desk_sync (a);
  g_assert_cmpuint (r3->n_applied, ==, 4);
  g_assert_cmpuint (r3->n_rejected, ==, 0);
  r4 = desk_sync (b);
  g_assert_cmpuint (r4->n_applied, ==, 3);
  g_clear_pointer (&r1, anju_sync_report_free);
  r1 = desk_sync (a);

  assert_same_rows (a->store, f->office, a->user);
  assert_same_rows (b->store, f->office, b->user);
  g_assert_cmpint (pending (a), ==, 0);
  g_assert_cmpint (pending (b), ==, 0);
  name = customer_field (f->office, x, "name");
  title = customer_field (f->office, x, "title");
  g_assert_cmpstr (name, ==, "陈一一");
  g_assert_cmpstr (title, ==, "先生");
  sql = g_strdup_printf ("SELECT count(*) FROM customer_events WHERE customer_id = '%s'", x);
  /* created, two updates, two notes */
  g_assert_cmpint (anju_test_count (f->office, sql), ==, 5);
  g_assert_cmpint (anju_test_count (f->office, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_cmpint (anju_test_count (f->office, "SELECT count(*) FROM applied_commands "
                                    "WHERE type LIKE 'customer.%'"), ==, 8);
}

/* The answer to a push is lost; the desk sends again and nothing doubles. */
static void
test_exactly_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Desk) a = desk_new (f, "a.db", "wang");
  g_autofree char *x = NULL, *token = NULL, *before = NULL, *after = NULL;
  g_autoptr(GString) body = g_string_new ("{\"commands\":[");
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(AnjuSyncReport) report = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 commands;

  x = desk_create_customer (a, "{\"name\":\"孙七\",\"mobile\":\"13900000007\"}");
  {
    g_autofree char *p = g_strdup_printf ("{\"customer_id\":\"%s\",\"text\":\"到访\"}", x);
    g_autoptr(JsonObject) o = desk_run (a, "customer.note", p);
  }

  /* The push reaches the server, the answer never reaches the desk. */
  g_assert_cmpint (sqlite3_prepare_v2 (anju_store_get_db (a->store),
                   "SELECT command FROM outbox ORDER BY seq", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; sqlite3_step (stmt) == SQLITE_ROW; i++)
    g_string_append_printf (body, "%s%s", i ? "," : "", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_string_append (body, "]}");
  token = anju_store_dup_meta (a->store, "sync.token");
  g_assert_cmpuint (anju_test_http (f->server->url, "POST", "/api/v1/commands", token, body->str, &reply), ==, 200);
  g_assert_cmpint (anju_test_count (f->office, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (pending (a), ==, 2);

  /* The desk sends the same commands again: the stored answers come back. */
  before = anju_test_fingerprint (f->office);
  report = desk_sync (a);
  after = anju_test_fingerprint (f->office);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (report->n_applied, ==, 2);
  g_assert_cmpint (pending (a), ==, 0);
  g_assert_cmpint (anju_test_count (f->office, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (anju_test_count (f->office, "SELECT count(*) FROM customer_events"), ==, 2);
  assert_same_rows (a->store, f->office, a->user);
  g_assert_cmpint (anju_test_count (a->store, "SELECT count(*) FROM customer_events"), ==, 2);

  /* And a third time, by hand: still nothing new. */
  commands = anju_test_count (f->office, "SELECT count(*) FROM applied_commands");
  g_clear_pointer (&reply, json_object_unref);
  g_assert_cmpuint (anju_test_http (f->server->url, "POST", "/api/v1/commands", token, body->str, &reply), ==, 200);
  g_clear_pointer (&after, g_free);
  after = anju_test_fingerprint (f->office);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (anju_test_count (f->office, "SELECT count(*) FROM applied_commands"), ==, commands);
}

/* The row text of @id in @store's customers. */
static char *
customer_json (AnjuStore  *store,
               const char *id)
{
  g_autoptr(JsonObject) row = anju_store_dup_row (store, "customers", id, NULL);
  g_autoptr(JsonNode) node = NULL;

  g_assert_nonnull (row);
  node = json_node_init_object (json_node_alloc (), row);
  return json_to_string (node, FALSE);
}

static void
desk_push (Desk *desk)
{
  g_autoptr(AnjuSyncReport) report = anju_sync_report_new ();
  g_autoptr(GError) error = NULL;

  anju_sync_engine_push (desk->engine, report, NULL, &error);
  g_assert_no_error (error);
}

static void
desk_pull (Desk *desk)
{
  g_autoptr(AnjuSyncReport) report = anju_sync_report_new ();
  g_autoptr(GError) error = NULL;

  anju_sync_engine_pull (desk->engine, 0, report, NULL, &error);
  g_assert_no_error (error);
}

/* How the row @id stands in @desk's change feed: its server images and
 * its local ones. */
static void
assert_row_feed (Desk       *desk,
                 const char *table,
                 const char *id,
                 gint64      server_images,
                 gint64      local_images)
{
  g_autofree char *server = g_strdup_printf ("SELECT count(*) FROM changes WHERE tbl = '%s' AND row_id = '%s' "
                                             "AND server_seq IS NOT NULL", table, id);
  g_autofree char *local = g_strdup_printf ("SELECT count(*) FROM changes WHERE tbl = '%s' AND row_id = '%s' "
                                            "AND server_seq IS NULL", table, id);

  g_assert_cmpint (anju_test_count (desk->store, server), ==, server_images);
  g_assert_cmpint (anju_test_count (desk->store, local), ==, local_images);
}

static gint64
puts_of (Desk       *desk,
         const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM temp.puts WHERE id = '%s'", id);

  return anju_test_count (desk->store, sql);
}

/* The answer to a push carries back the rows the desk wrote itself. One
 * the server wrote differently (its clock sets updated_at) is stored;
 * one exactly as the desk wrote it is left as it is, but recorded with
 * its place in the feed, so that a later pull does not take it again. */
static void
test_own_images (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Desk) a = desk_new (f, "a.db", "li");
  g_autoptr(GError) error = NULL;
  g_autofree char *x = NULL, *x_desk = NULL, *x_office = NULL;
  gboolean equal_seen = FALSE;

  /* Every write of a customer row on the desk, by id. */
  anju_store_exec (a->store,
                   "CREATE TEMP TABLE puts (id TEXT);"
                   "CREATE TEMP TRIGGER puts_insert AFTER INSERT ON main.customers "
                   "BEGIN INSERT INTO puts VALUES (new.id); END;"
                   "CREATE TEMP TRIGGER puts_update AFTER UPDATE ON main.customers "
                   "BEGIN INSERT INTO puts VALUES (new.id); END;", &error);
  g_assert_no_error (error);

  /* The office's clock is an hour ahead: its image differs. */
  anju_test_server_set_clock_offset (f->server, 3600);
  x = desk_create_customer (a, "{\"name\":\"周一\",\"mobile\":\"13900000101\"}");
  x_desk = customer_json (a->store, x);
  g_assert_cmpint (puts_of (a, x), ==, 1);
  desk_push (a);
  x_office = customer_json (f->office, x);
  g_assert_cmpstr (x_office, !=, x_desk);
  g_assert_cmpint (puts_of (a, x), ==, 2);
  {
    g_autofree char *now_here = customer_json (a->store, x);
    g_assert_cmpstr (now_here, ==, x_office);
  }
  assert_row_feed (a, "customers", x, 1, 0);
  desk_pull (a);
  g_assert_cmpint (puts_of (a, x), ==, 2);
  assert_row_feed (a, "customers", x, 1, 0);
  anju_test_server_set_clock_offset (f->server, 0);

  /* Both clocks agree: the office's image is the desk's. The command and
   * its push start at the beginning of a second; should they still cross
   * into the next one, the images differ and it is tried again. */
  for (guint attempt = 0; attempt < 5 && !equal_seen; attempt++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"name\":\"吴%u\",\"mobile\":\"1390000020%u\"}",
                                                  attempt, attempt);
      g_autofree char *y = NULL, *y_desk = NULL, *y_office = NULL, *y_here = NULL;

      g_usleep (G_USEC_PER_SEC - g_get_real_time () % G_USEC_PER_SEC + 10000);
      y = desk_create_customer (a, payload);
      y_desk = customer_json (a->store, y);
      desk_push (a);
      y_office = customer_json (f->office, y);
      y_here = customer_json (a->store, y);
      g_assert_cmpstr (y_here, ==, y_office);
      assert_row_feed (a, "customers", y, 1, 0);
      if (!g_str_equal (y_office, y_desk))
        {
          g_assert_cmpint (puts_of (a, y), ==, 2);
          continue;
        }
      equal_seen = TRUE;
      g_assert_cmpint (puts_of (a, y), ==, 1);
      desk_pull (a);
      g_assert_cmpint (puts_of (a, y), ==, 1);
      assert_row_feed (a, "customers", y, 1, 0);
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM changes c JOIN customer_events e "
                                                "ON e.id = c.row_id WHERE e.customer_id = '%s' "
                                                "AND c.server_seq IS NOT NULL", y);
        g_assert_cmpint (anju_test_count (a->store, sql), ==, 1);
      }
    }
  g_assert_true (equal_seen);
  assert_same_rows (a->store, f->office, a->user);
}

/* More commands than one push carries: the next batch travels while the
 * desk takes the answers to the last, and a refusal among them still
 * rolls back only its own; then more changes than one page. */
static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Desk) a = desk_new (f, "a.db", "li");
  g_autoptr(Desk) b = desk_new (f, "b.db", "zhang");
  g_autoptr(AnjuSyncReport) pushed = anju_sync_report_new ();
  g_autoptr(AnjuSyncReport) pulled = anju_sync_report_new ();
  g_autoptr(AnjuSyncReport) rb = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *taken = NULL, *refused = NULL;
  const guint n = 2700;
  gint64 office_changes;

  /* The office already has the number command 1,100 will ask for. */
  taken = desk_create_customer (b, "{\"name\":\"先来\",\"mobile\":\"13800001100\"}");
  rb = desk_sync (b);

  g_assert_true (anju_store_begin (a->store, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"name\":\"客户%u\",\"mobile\":\"1380000%04u\"}", i, i);
      g_autofree char *id = desk_create_customer (a, payload);

      if (i == 1100)
        refused = g_steal_pointer (&id);
      /* In the next batch, a note on the customer the office refuses. */
      if (i == 2050)
        {
          g_autofree char *note = g_strdup_printf ("{\"customer_id\":\"%s\",\"text\":\"备注\"}", refused);
          g_autoptr(JsonObject) o = desk_run (a, "customer.note", note);
        }
    }
  g_assert_true (anju_store_commit (a->store, NULL));

  anju_sync_engine_push (a->engine, pushed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pushed->n_applied, ==, n - 1);
  g_assert_cmpuint (pushed->n_rejected, ==, 2);
  g_assert_cmpint (pending (a), ==, 0);
  g_assert_false (has_customer (a->store, refused));
  g_assert_cmpint (anju_test_count (f->office, "SELECT count(*) FROM customers"), ==, n);
  g_assert_cmpint (anju_test_count (a->store, "SELECT count(*) FROM changes WHERE server_seq IS NULL"), ==, 0);
  desk_pull (a);
  assert_same_rows (a->store, f->office, a->user);

  /* A desk that knows nothing takes the whole feed, page after page. */
  office_changes = anju_test_count (f->office, "SELECT count(*) FROM changes");
  g_assert_cmpint (office_changes, >, ANJU_API_MAX_PAGE);
  {
    g_autoptr(AnjuStore) fresh = anju_test_desk_new (f->server->dir, "fresh.db");
    g_autoptr(AnjuSyncEngine) engine = anju_sync_engine_new (fresh);

    anju_sync_engine_login (engine, f->server->url, "li", ANJU_TEST_PASSWORD, ANJU_SYNC_LOGIN_NONE, NULL, &error);
    g_assert_no_error (error);
    anju_sync_engine_pull (engine, 0, pulled, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pulled->n_received, >, ANJU_API_MAX_PAGE);
    g_assert_cmpint (pulled->cursor, ==, anju_store_get_change_head (f->office));
    assert_same_rows (fresh, f->office, a->user);
    assert_same_rows (fresh, a->store, a->user);
  }
}

/* A command the server rejects disappears from the desk that made it. */
static void
test_rollback_create (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Desk) a = desk_new (f, "a.db", "wang");
  g_autoptr(Desk) b = desk_new (f, "b.db", "zhao");
  g_autofree char *mine = NULL, *theirs = NULL, *other = NULL, *sql = NULL;
  g_autoptr(AnjuSyncReport) ra = NULL, rb = NULL;

  mine = desk_create_customer (a, "{\"name\":\"甲\",\"mobile\":\"13900000009\"}");
  theirs = desk_create_customer (b, "{\"name\":\"乙\",\"mobile\":\"13900000009\"}");
  {
    g_autofree char *p = g_strdup_printf ("{\"customer_id\":\"%s\",\"text\":\"乙的备注\"}", theirs);
    g_autoptr(JsonObject) o = desk_run (b, "customer.note", p);
  }
  other = desk_create_customer (b, "{\"name\":\"丙\"}");
  g_assert_true (has_customer (b->store, theirs));

  ra = desk_sync (a);
  g_assert_cmpuint (ra->n_applied, ==, 1);
  rb = desk_sync (b);
  /* The create is refused (the number is 甲's), and the note on the
   * customer that now never existed with it; 丙 goes through. */
  g_assert_cmpuint (rb->n_applied, ==, 1);
  g_assert_cmpuint (rb->n_rejected, ==, 2);
  g_assert_false (has_customer (b->store, theirs));
  sql = g_strdup_printf ("SELECT count(*) FROM customer_events WHERE customer_id = '%s'", theirs);
  g_assert_cmpint (anju_test_count (b->store, sql), ==, 0);
  g_assert_true (has_customer (b->store, mine));
  g_assert_true (has_customer (b->store, other));
  g_assert_cmpint (pending (b), ==, 0);
  assert_same_rows (b->store, f->office, b->user);

  /* The person is told why, and it waits until they have read it. */
  g_assert_cmpint (anju_test_count (b->store, "SELECT count(*) FROM sync_rejections WHERE code = 'duplicate' "
                                    "AND type = 'customer.create' AND message LIKE '%甲%'"), ==, 1);
  g_assert_cmpint (anju_test_count (b->store, "SELECT count(*) FROM sync_rejections WHERE code = 'not_found' "
                                    "AND type = 'customer.note'"), ==, 1);
  {
    g_autoptr(GPtrArray) unseen = anju_sync_list_rejections (b->store, b->user->id, TRUE, NULL);
    g_autoptr(GPtrArray) others = anju_sync_list_rejections (b->store, a->user->id, TRUE, NULL);
    g_autofree char *first = NULL;

    g_assert_cmpuint (unseen->len, ==, 2);
    g_assert_cmpuint (others->len, ==, 0);
    first = g_strdup (((AnjuSyncRejection *)g_ptr_array_index (unseen, 0))->command_id);
    g_assert_true (anju_sync_mark_rejection_seen (b->store, first, NULL));
    g_clear_pointer (&unseen, g_ptr_array_unref);
    unseen = anju_sync_list_rejections (b->store, b->user->id, TRUE, NULL);
    g_assert_cmpuint (unseen->len, ==, 1);
    g_assert_cmpstr (((AnjuSyncRejection *)g_ptr_array_index (unseen, 0))->command_id, !=, first);
  }
  /* No audit entry claims they happened. */
  g_assert_cmpint (anju_test_count (b->store, "SELECT count(*) FROM audit WHERE command_id IN "
                                    "(SELECT command_id FROM sync_rejections)"), ==, 0);
}

/* A rejected update puts the server's version of the row back. */
static void
test_rollback_update (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Desk) a = desk_new (f, "a.db", "wang");
  g_autoptr(Desk) b = desk_new (f, "b.db", "li");
  g_autofree char *k = NULL, *name = NULL, *owner = NULL, *payload = NULL;
  g_autoptr(AnjuSyncReport) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(AnjuCommand) assign = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  k = desk_create_customer (a, "{\"name\":\"钱八\",\"mobile\":\"13900000008\"}");
  r1 = desk_sync (a);
  r2 = desk_sync (b);

  /* Offline, the consultant renames the customer and leaves a note… */
  {
    g_autofree char *p1 = g_strdup_printf ("{\"customer_id\":\"%s\",\"name\":\"钱八八\"}", k);
    g_autofree char *p2 = g_strdup_printf ("{\"customer_id\":\"%s\",\"text\":\"改了名字\"}", k);
    g_autoptr(JsonObject) o1 = desk_run (a, "customer.update", p1);
    g_autoptr(JsonObject) o2 = desk_run (a, "customer.note", p2);
  }
  name = customer_field (a->store, k, "name");
  g_assert_cmpstr (name, ==, "钱八八");

  /* …while the manager hands the customer to a colleague. */
  payload = g_strdup_printf ("{\"customer_id\":\"%s\",\"owner_id\":\"%s\",\"expected_owner_id\":\"%s\"}",
                             k, f->zhao->id, f->wang->id);
  {
    g_autofree char *json = g_strdup_printf ("{\"id\":\"%s\",\"type\":\"customer.assign\",\"payload\":%s}",
                                             "dddddddd-0000-4000-8000-000000000001", payload);
    assign = anju_command_new_from_json (json, &error);
  }
  g_assert_no_error (error);
  answer = anju_sync_engine_submit (b->engine, assign, b->user, NULL, NULL, &error);
  g_assert_no_error (error);

  r3 = desk_sync (a);
  g_assert_cmpuint (r3->n_rejected, ==, 2);
  g_assert_cmpuint (r3->n_applied, ==, 0);
  g_clear_pointer (&name, g_free);
  name = customer_field (a->store, k, "name");
  owner = customer_field (a->store, k, "owner_id");
  g_assert_cmpstr (name, ==, "钱八");
  g_assert_cmpstr (owner, ==, f->zhao->id);
  assert_same_rows (a->store, f->office, a->user);
}

/* Pulling with commands pending: the server's state, with them on top. */
static void
test_rebase (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Desk) a = desk_new (f, "a.db", "wang");
  g_autoptr(Desk) b = desk_new (f, "b.db", "li");
  g_autofree char *k = NULL, *name = NULL, *title = NULL;
  g_autoptr(AnjuSyncReport) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(GError) error = NULL;

  k = desk_create_customer (a, "{\"name\":\"郑九\"}");
  r1 = desk_sync (a);
  r2 = desk_sync (b);
  {
    g_autofree char *p1 = g_strdup_printf ("{\"customer_id\":\"%s\",\"title\":\"女士\"}", k);
    g_autofree char *p2 = g_strdup_printf ("{\"customer_id\":\"%s\",\"name\":\"郑久\"}", k);
    g_autoptr(JsonObject) o1 = desk_run (a, "customer.update", p1);
    g_autoptr(JsonObject) o2 = desk_run (b, "customer.update", p2);
  }
  r3 = desk_sync (b);

  r4 = anju_sync_report_new ();
  anju_sync_engine_pull (a->engine, 0, r4, NULL, &error);
  g_assert_no_error (error);
  name = customer_field (a->store, k, "name");
  title = customer_field (a->store, k, "title");
  g_assert_cmpstr (name, ==, "郑久");      /* from the server */
  g_assert_cmpstr (title, ==, "女士");     /* still pending here */
  g_assert_cmpint (pending (a), ==, 1);

  g_clear_pointer (&r1, anju_sync_report_free);
  r1 = desk_sync (a);
  g_clear_pointer (&r2, anju_sync_report_free);
  r2 = desk_sync (b);
  assert_same_rows (a->store, f->office, a->user);
  assert_same_rows (b->store, f->office, b->user);
  g_clear_pointer (&title, g_free);
  title = customer_field (f->office, k, "title");
  g_assert_cmpstr (title, ==, "女士");
}

static AnjuCommand *
assign_command (const char *customer_id,
                const char *owner_id,
                const char *expected_owner_id)
{
  g_autoptr(JsonObject) payload = json_object_new ();

  json_object_set_string_member (payload, "customer_id", customer_id);
  json_object_set_string_member (payload, "owner_id", owner_id);
  json_object_set_string_member (payload, "expected_owner_id", expected_owner_id);
  return anju_command_new ("customer.assign", payload);
}

/* Ownership is decided by the server, at once, and never offline. */
static void
test_office_decision (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Desk) c = desk_new (f, "c.db", "wang");
  g_autoptr(Desk) a = NULL;
  g_autofree char *k = NULL, *owner = NULL;
  g_autoptr(AnjuSyncReport) r1 = NULL, r2 = NULL;
  g_autoptr(AnjuCommand) first = NULL, second = NULL;
  g_autoptr(JsonObject) answer = NULL, refused = NULL;
  g_autoptr(GError) error = NULL;

  k = desk_create_customer (c, "{\"name\":\"冯十\"}");
  r1 = desk_sync (c);
  a = desk_new (f, "a.db", "li");

  /* Not decided on the desk while it is connected… */
  first = assign_command (k, f->zhao->id, f->wang->id);
  refused = anju_command_apply (a->store, first, a->user, ANJU_APPLY_NONE, &error);
  g_assert_null (refused);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_OFFLINE);
  g_clear_error (&error);

  /* …but by the server, answered at once. */
  answer = anju_sync_engine_submit (a->engine, first, a->user, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "applied");
  owner = customer_field (a->store, k, "owner_id");
  g_assert_cmpstr (owner, ==, f->zhao->id);
  g_clear_pointer (&owner, g_free);
  owner = customer_field (f->office, k, "owner_id");
  g_assert_cmpstr (owner, ==, f->zhao->id);
  g_assert_cmpint (pending (a), ==, 0);

  /* The server is gone: refused with a sentence, nothing changed. */
  anju_test_server_kill (f->server);
  second = assign_command (k, f->wang->id, f->zhao->id);
  g_clear_pointer (&answer, json_object_unref);
  answer = anju_sync_engine_submit (a->engine, second, a->user, NULL, NULL, &error);
  g_assert_null (answer);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "office server"));
  g_clear_error (&error);
  g_clear_pointer (&owner, g_free);
  owner = customer_field (a->store, k, "owner_id");
  g_assert_cmpstr (owner, ==, f->zhao->id);
  g_assert_cmpint (pending (a), ==, 0);

  /* Ordinary work goes on offline and waits. */
  {
    g_autofree char *p = g_strdup_printf ("{\"customer_id\":\"%s\",\"text\":\"断网时的备注\"}", k);
    g_autoptr(JsonObject) o = desk_run (a, "customer.note", p);
  }
  g_assert_cmpint (pending (a), ==, 1);
  anju_test_server_restart (f->server);
  r2 = desk_sync (a);
  g_assert_cmpint (pending (a), ==, 0);
  assert_same_rows (a->store, f->office, a->user);
}

/* `anjuctl apply` on a connected desk runs each command the way the window
 * does (the desk command runner): an office decision goes to the server
 * at once, and is refused while the server is away. */
static int
anjuctl_apply (Desk        *desk,
               const char  *line,
               char       **out)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = anju_store_get_path (desk->store);
  g_autofree char *input = g_strconcat (line, "\n", NULL);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              g_getenv ("ANJUCTL_BIN"), "--database", path, "apply", "-",
                              "--user", desk->user->username, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_anjuctl_apply (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Desk) c = desk_new (f, "c.db", "wang");
  g_autoptr(Desk) a = NULL;
  g_autoptr(AnjuSyncReport) r1 = NULL;
  g_autoptr(AnjuCommand) first = NULL, second = NULL;
  g_autofree char *k = NULL, *owner = NULL, *line = NULL, *out = NULL;

  k = desk_create_customer (c, "{\"name\":\"冯十\"}");
  r1 = desk_sync (c);
  a = desk_new (f, "a.db", "li");

  first = assign_command (k, f->zhao->id, f->wang->id);
  line = anju_command_to_json (first);
  g_assert_cmpint (anjuctl_apply (a, line, &out), ==, 0);
  g_assert_nonnull (strstr (out, "\"status\":\"applied\""));
  owner = customer_field (f->office, k, "owner_id");
  g_assert_cmpstr (owner, ==, f->zhao->id);
  g_clear_pointer (&owner, g_free);
  owner = customer_field (a->store, k, "owner_id");
  g_assert_cmpstr (owner, ==, f->zhao->id);
  g_assert_cmpint (pending (a), ==, 0);

  anju_test_server_kill (f->server);
  second = assign_command (k, f->wang->id, f->zhao->id);
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&out, g_free);
  line = anju_command_to_json (second);
  g_assert_cmpint (anjuctl_apply (a, line, &out), ==, 1);
  g_assert_nonnull (strstr (out, "\"code\":\"offline\""));
  g_clear_pointer (&owner, g_free);
  owner = customer_field (a->store, k, "owner_id");
  g_assert_cmpstr (owner, ==, f->zhao->id);
  g_assert_cmpint (pending (a), ==, 0);
}

/* ------------------------------------------ refusals in the desk's language */

/* The desk in Chinese, as a desk started with LANGUAGE=zh_CN is. */
static void
speak_chinese (gboolean on)
{
  static char *saved;

  if (on)
    {
      saved = g_strdup (g_getenv ("LANGUAGE"));
      bindtextdomain (GETTEXT_PACKAGE, ANJU_BUILD_LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      return;
    }
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_clear_pointer (&saved, g_free);
}

/* `anjuctl apply` of @line on @desk with LANGUAGE=zh_CN; its output. */
static char *
anjuctl_apply_in_chinese (Desk       *desk,
                          const char *line)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strconcat (line, "\n", NULL);
  char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "zh_CN", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ANJUCTL_BIN"),
                                         "--database", anju_store_get_path (desk->store), "apply", "-",
                                         "--user", desk->user->username, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  return out;
}

/* The office server refuses in English with the sentence's template and
 * arguments; a Chinese desk shows the Chinese sentence with the argument
 * filled in, and the server's text where it does not know the sentence. */
static void
test_refusal_language (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Desk) c = desk_new (f, "c.db", "wang");
  g_autoptr(Desk) a = NULL;
  g_autoptr(AnjuSyncReport) r1 = NULL;
  g_autoptr(AnjuCommand) again = NULL, by_anjuctl = NULL;
  g_autoptr(JsonObject) answer = NULL, reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *k = NULL, *batch = NULL, *payload = NULL, *line = NULL, *out = NULL;
  g_autofree char *unknown = NULL, *known = NULL;
  JsonObject *refusal;
  JsonArray *args;

  k = desk_create_customer (c, "{\"name\":\"冯十\"}");
  r1 = desk_sync (c);
  a = desk_new (f, "a.db", "li");

  /* On the wire: the code, the field, the English text, its template and
   * its argument. */
  payload = g_strdup_printf ("{\"customer_id\":\"%s\",\"owner_id\":\"%s\",\"expected_owner_id\":\"%s\"}",
                             k, f->wang->id, f->wang->id);
  batch = anju_test_batch1 ("eeeeeeee-0000-4000-8000-000000000009", "customer.assign", payload);
  {
    g_autofree char *token = anju_test_login (f->server->url, "li");
    g_assert_cmpuint (anju_test_http (f->server->url, "POST", "/api/v1/commands", token, batch, &reply), ==, 200);
  }
  refusal = json_array_get_object_element (json_object_get_array_member (reply, "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (refusal, "code"), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (refusal, "field"), ==, "owner_id");
  g_assert_cmpstr (json_object_get_string_member (refusal, "message"), ==, "The customer already belongs to 王芳.");
  g_assert_cmpstr (json_object_get_string_member (refusal, "template"), ==, "The customer already belongs to %s.");
  args = json_object_get_array_member (refusal, "args");
  g_assert_cmpuint (json_array_get_length (args), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (args, 0), ==, "王芳");

  speak_chinese (TRUE);
  /* The window's way (the desk command runner). */
  again = assign_command (k, f->wang->id, f->wang->id);
  answer = anju_sync_engine_submit (a->engine, again, a->user, NULL, NULL, &error);
  g_assert_null (answer);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "该客户已归属 王芳。");
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "owner_id");

  /* A sentence this desk does not know: the server's text as it came. */
  known = anju_refusal_dup_message (refusal);
  g_assert_cmpstr (known, ==, "该客户已归属 王芳。");
  json_object_set_string_member (refusal, "template", "A sentence from a newer server about %s.");
  unknown = anju_refusal_dup_message (refusal);
  g_assert_cmpstr (unknown, ==, "The customer already belongs to 王芳.");
  speak_chinese (FALSE);

  /* anjuctl on the same desk, started in Chinese. */
  by_anjuctl = assign_command (k, f->wang->id, f->wang->id);
  line = anju_command_to_json (by_anjuctl);
  out = anjuctl_apply_in_chinese (a, line);
  g_test_message ("anjuctl: %s", out);
  g_assert_nonnull (strstr (out, "\"message\":\"该客户已归属 王芳。\""));
}

/* ------------------------------------------- another person at the desk */

/* Whether the desk's database file (and its log) holds @text anywhere,
 * deleted pages included. */
static gboolean
file_holds (AnjuStore  *store,
            const char *text)
{
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (anju_store_get_path (store), suffixes[i], NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &data, &length, NULL) &&
          memmem (data, length, text, strlen (text)) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Consultant A syncs and signs out (what waited leaves first, and the
 * token dies on the server); consultant B signs in at the same database:
 * nothing of A's customers' numbers stays in it, B gets what B may see. */
static void
test_next_person (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Desk) desk = desk_new (f, "shared.db", "wang");
  g_autoptr(AnjuSyncReport) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autofree char *token = NULL, *late = NULL, *zhaos = NULL, *mobile = NULL;
  g_autofree char *wangs = desk_create_customer (desk, "{\"name\": \"王的客户\", \"mobile\": \"13911110001\", "
                                                       "\"id_number\": \"110105198001011238\"}");

  r1 = desk_sync (desk);
  g_assert_true (has_customer (f->office, wangs));
  g_assert_true (file_holds (desk->store, "13911110001"));
  token = anju_store_dup_meta (desk->store, "sync.token");
  g_assert_nonnull (token);

  /* Made after the last sync: the sign-out sends it first. */
  late = desk_create_customer (desk, "{\"name\": \"王的新客户\", \"mobile\": \"13911110003\"}");
  g_assert_cmpint (pending (desk), ==, 1);
  g_assert_true (anju_sync_engine_logout (desk->engine, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pending (desk), ==, 0);
  g_assert_true (has_customer (f->office, late));
  /* The token is revoked on the server. */
  g_assert_cmpuint (anju_test_http (f->server->url, "GET", "/api/v1/me", token, NULL, &me), ==, 401);

  /* B's own customer, made at the office. */
  {
    g_autofree char *payload = g_strdup_printf ("{\"name\": \"赵的客户\", \"mobile\": \"13922220002\", "
                                                "\"owner_id\": \"%s\"}", f->zhao->id);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonObject) made = NULL;

    json_parser_load_from_data (parser, payload, -1, NULL);
    made = anju_command_run (f->office, f->li, "customer.create",
                             json_node_get_object (json_parser_get_root (parser)), &error);
    g_assert_no_error (error);
    zhaos = g_strdup (json_object_get_string_member (json_object_get_object_member (made, "result"), "customer_id"));
  }

  anju_sync_engine_login (desk->engine, f->server->url, "zhao", ANJU_TEST_PASSWORD,
                          ANJU_SYNC_LOGIN_NONE, NULL, &error);
  g_assert_no_error (error);
  r2 = desk_sync (desk);
  anju_user_free (desk->user);
  desk->user = anju_user_lookup_by_name (desk->store, "zhao");

  /* Nothing of A's customers' numbers, not even in deleted pages. */
  g_assert_false (file_holds (desk->store, "13911110001"));
  g_assert_false (file_holds (desk->store, "110105198001011238"));
  g_assert_false (file_holds (desk->store, "13911110003"));
  g_assert_cmpint (anju_test_count (desk->store, "SELECT count(*) FROM customers WHERE mobile IS NOT NULL AND owner_id <> "
                                    "(SELECT value FROM meta WHERE key = 'sync.user_id')"), ==, 0);
  /* What B may see: A's customers by name, B's own with the number. */
  g_assert_true (has_customer (desk->store, wangs));
  mobile = customer_field (desk->store, zhaos, "mobile");
  g_assert_cmpstr (mobile, ==, "13922220002");
  assert_same_rows (desk->store, f->office, desk->user);

  /* B's work goes on from here. */
  {
    g_autofree char *own = desk_create_customer (desk, "{\"name\": \"赵的新客户\"}");
    r3 = desk_sync (desk);
    g_assert_true (has_customer (f->office, own));
  }
}

/* ---------------------------------------------- the office's own certificate */

/* Runs `anjuctl --database DB sync ARGS…` with the test password on
 * standard input; its exit status, and its standard error in @err. */
static int
anjuctl_sync (const char  *db,
              char       **err,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (char *)g_getenv ("ANJUCTL_BIN"));
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, (char *)db);
  g_ptr_array_add (argv, "sync");
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, ANJU_TEST_PASSWORD "\n", NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* An office server with a self-signed certificate made now: refused with
 * a clear sentence until the desk is given the CA file, then it syncs —
 * the engine (the window's) and anjuctl alike. */
static void
test_ca_file (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *cert = g_build_filename (f->server->dir, "office.pem", NULL);
  g_autofree char *key = g_build_filename (f->server->dir, "office.key", NULL);
  g_autofree char *fresh = NULL, *trusted = NULL, *err = NULL;
  const char *tls_args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  g_autoptr(GSubprocess) openssl = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuSyncEngine) engine = NULL;
  g_autoptr(AnjuSyncReport) report = anju_sync_report_new ();
  g_autofree char *customer = NULL;

  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                              "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                              "-addext", "subjectAltName=IP:127.0.0.1", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (openssl, NULL, &error));
  g_assert_no_error (error);
  anju_test_server_stop (f->server);
  f->server->args = g_strdupv ((char **)tls_args);
#ifdef __SANITIZE_ADDRESS__
  /* LeakSanitizer's tracer crashes at the exit of a TLS server (GnuTLS
   * threads); leaks of the server are checked by every other test. */
  g_setenv ("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1", TRUE);
#endif
  anju_test_server_start (f->server);
  g_assert_true (g_str_has_prefix (f->server->url, "https://"));

  /* Without the CA file: refused, saying what to do; nothing written. */
  store = anju_test_desk_new (f->server->dir, "tls-desk.db");
  engine = anju_sync_engine_new (store);
  g_assert_false (anju_sync_engine_login (engine, f->server->url, "wang", ANJU_TEST_PASSWORD,
                                          ANJU_SYNC_LOGIN_NONE, NULL, &error));
  g_assert_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "does not trust the certificate"));
  g_assert_nonnull (strstr (error->message, "--ca-file"));
  g_assert_false (anju_store_get_outbox_enabled (store));
  g_clear_error (&error);

  /* A file that is not there is refused at once. */
  {
    g_autofree char *missing = g_build_filename (f->server->dir, "missing.pem", NULL);

    g_assert_false (anju_sync_engine_set_ca_file (engine, missing, &error));
    g_assert_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER);
    g_clear_error (&error);
  }

  /* With it: signed in, and a command goes through. */
  g_assert_true (anju_sync_engine_set_ca_file (engine, cert, &error));
  g_assert_no_error (error);
  g_assert_true (anju_sync_engine_login (engine, f->server->url, "wang", ANJU_TEST_PASSWORD,
                                         ANJU_SYNC_LOGIN_NONE, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AnjuUser) wang = anju_user_lookup_by_name (store, "wang");
    g_autoptr(JsonObject) payload = json_object_new ();
    g_autoptr(JsonObject) answer = NULL;

    g_assert_true (anju_sync_engine_sync (engine, report, NULL, &error));
    g_assert_no_error (error);
    if (wang == NULL)
      wang = anju_user_lookup_by_name (store, "wang");
    json_object_set_string_member (payload, "name", "证书客户");
    answer = anju_command_run (store, wang, "customer.create", payload, &error);
    g_assert_no_error (error);
    customer = g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "result"),
                                                        "customer_id"));
  }
  g_assert_true (anju_sync_engine_sync (engine, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (has_customer (f->office, customer));

  /* anjuctl: refused without, works with --ca-file (and keeps it). */
  fresh = g_build_filename (f->server->dir, "tls-cli-a.db", NULL);
  trusted = g_build_filename (f->server->dir, "tls-cli-b.db", NULL);
  g_object_unref (anju_test_desk_new (f->server->dir, "tls-cli-a.db"));
  g_object_unref (anju_test_desk_new (f->server->dir, "tls-cli-b.db"));
  g_assert_cmpint (anjuctl_sync (fresh, &err, "--server", f->server->url, "--user", "zhao", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "does not trust the certificate"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (anjuctl_sync (trusted, &err, "--server", f->server->url, "--user", "zhao",
                                 "--ca-file", cert, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (anjuctl_sync (trusted, &err, "--user", "zhao", NULL), ==, 0);
  {
    g_autoptr(AnjuStore) cli = anju_store_open (trusted, &error);

    g_assert_no_error (error);
    g_assert_true (has_customer (cli, customer));
  }
}

/* ---------------------------------------------------- AnjuSyncClient */

typedef struct
{
  gboolean    done;
  gboolean    ok;
  GError     *error;
  JsonObject *answer;
} Wait;

/* What a refused connection must leave as it was: the meta rows, whether
 * the outbox is on, and the rows of the tables that matter. */
static char *
snapshot (AnjuStore *store)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = anju_store_prepare (store,
                                           "SELECT (SELECT group_concat (key || '=' || value, ';') "
                                           "        FROM (SELECT key, value FROM meta ORDER BY key)), "
                                           "(SELECT count(*) FROM projects), (SELECT count(*) FROM customers), "
                                           "(SELECT count(*) FROM units), (SELECT count(*) FROM users), "
                                           "(SELECT count(*) FROM outbox), (SELECT count(*) FROM changes)",
                                           &error);
  char *text;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup_printf ("%s|%lld|%lld|%lld|%lld|%lld|%lld|%d",
                          (const char *)sqlite3_column_text (stmt, 0),
                          (long long)sqlite3_column_int64 (stmt, 1),
                          (long long)sqlite3_column_int64 (stmt, 2),
                          (long long)sqlite3_column_int64 (stmt, 3),
                          (long long)sqlite3_column_int64 (stmt, 4),
                          (long long)sqlite3_column_int64 (stmt, 5),
                          (long long)sqlite3_column_int64 (stmt, 6),
                          anju_store_get_outbox_enabled (store));
  sqlite3_reset (stmt);
  return text;
}

/* A database that holds what was made here alone (the demo) is not
 * connected: its rows never were in the outbox and would mix with the
 * office's. An empty one is, and so is one that was connected before. */
static void
test_local_data (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AnjuStore) alone = anju_test_desk_new (f->server->dir, "alone.db");
  g_autoptr(AnjuSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *server = NULL;

  g_assert_true (anju_demo_load (alone, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anju_test_count (alone, "SELECT count(*) FROM projects"), >, 0);
  before = snapshot (alone);
  engine = anju_sync_engine_new (alone);
  g_assert_false (anju_sync_engine_login (engine, f->server->url, "wang", ANJU_TEST_PASSWORD,
                                          ANJU_SYNC_LOGIN_REMEMBER_LOCALLY, NULL, &error));
  g_assert_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_LOCAL_DATA);
  g_assert_nonnull (strstr (error->message, "--database"));
  g_clear_error (&error);
  after = snapshot (alone);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (anju_sync_engine_is_connected (engine));
  server = anju_store_dup_meta (alone, "sync.server_id");
  g_assert_null (server);

  /* A database with nothing but its tables connects. */
  {
    g_autoptr(Desk) fresh = desk_new (f, "fresh.db", "wang");
    g_autofree char *customer = desk_create_customer (fresh, "{\"name\":\"陈一\",\"mobile\":\"13900000001\"}");
    g_autoptr(AnjuSyncReport) report = desk_sync (fresh);

    g_assert_cmpuint (report->n_applied, ==, 1);
    /* Back alone and connected again: the same office's database, its
     * records came from (or went to) the server, so it connects. */
    g_assert_true (anju_sync_engine_disconnect (fresh->engine, &error));
    g_assert_no_error (error);
    g_assert_false (anju_sync_engine_is_connected (fresh->engine));
    g_assert_true (anju_sync_engine_login (fresh->engine, f->server->url, "wang",
                                           ANJU_TEST_PASSWORD, ANJU_SYNC_LOGIN_NONE, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (anju_sync_engine_is_connected (fresh->engine));
  }
}

/* An office server that is not there: the message says changes wait
 * only when some do. */
static void
test_absent_server (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) fresh = anju_test_desk_new (f->server->dir, "first.db");
  g_autoptr(AnjuSyncEngine) engine = anju_sync_engine_new (fresh);
  g_autoptr(Desk) desk = desk_new (f, "connected.db", "wang");
  g_autoptr(AnjuSyncReport) report = anju_sync_report_new ();
  g_autofree char *customer = NULL;
  g_autofree char *url = g_strdup (f->server->url);

  anju_test_server_stop (f->server);

  /* A first connection: nothing was ever made here to wait. */
  g_assert_false (anju_sync_engine_login (engine, url, "wang", ANJU_TEST_PASSWORD,
                                          ANJU_SYNC_LOGIN_NONE, NULL, &error));
  g_assert_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_assert_null (strstr (error->message, "wait"));
  g_assert_nonnull (strstr (error->message, "Check the address"));
  g_clear_error (&error);

  /* A connected desk with a change made while the server is away. */
  customer = desk_create_customer (desk, "{\"name\":\"陈二\",\"mobile\":\"13900000002\"}");
  g_assert_cmpuint (anju_sync_engine_count_pending (desk->engine), ==, 1);
  anju_sync_engine_push (desk->engine, report, NULL, &error);
  g_assert_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "Changes wait on this computer"));
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @flag is set, at most @ms milliseconds. */
static gboolean
iterate_until (gboolean *flag,
               guint     ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, on_timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag;
}

typedef struct
{
  AnjuStore  *store;
  const char *id;
  gboolean    found;
} RowWait;

static gboolean
on_poll_row_cb (gpointer data)
{
  RowWait *wait = data;

  wait->found = has_customer (wait->store, wait->id);
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @store has customer @id. */
static gboolean
wait_for_customer (AnjuStore  *store,
                   const char *id,
                   guint       ms)
{
  RowWait wait = { store, id, has_customer (store, id) };
  guint source = g_timeout_add (20, on_poll_row_cb, &wait);

  iterate_until (&wait.found, ms);
  g_source_remove (source);
  return wait.found;
}

typedef struct
{
  AnjuSyncClient *client;
  AnjuSyncState   state;
  guint           pending;
  gboolean        reached;
} StateWait;

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              StateWait  *wait)
{
  wait->reached = anju_sync_client_get_state (wait->client) == wait->state &&
                  anju_sync_client_get_pending_count (wait->client) == wait->pending;
}

static gboolean
wait_for_state (AnjuSyncClient *client,
                AnjuSyncState   state,
                guint           pending,
                guint           ms)
{
  StateWait wait = { client, state, pending, FALSE };
  gulong id = g_signal_connect (client, "notify", G_CALLBACK (on_notify_cb), &wait);

  on_notify_cb (G_OBJECT (client), NULL, &wait);
  iterate_until (&wait.reached, ms);
  g_signal_handler_disconnect (client, id);
  return wait.reached;
}

static void
on_connected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  Wait *wait = data;

  wait->ok = anju_sync_client_connect_finish (ANJU_SYNC_CLIENT (object), result, &wait->error);
  wait->done = TRUE;
}

typedef struct
{
  gboolean  customers_changed;
  gint64    changed_at;
  gboolean  rejected;
  char     *rejected_type;
  char     *rejected_message;
} Seen;

static void
on_changed_cb (AnjuSyncClient *client,
               GStrv           tables,
               Seen           *seen)
{
  if (g_strv_contains ((const char * const *)tables, "customers") && !seen->customers_changed)
    {
      seen->customers_changed = TRUE;
      seen->changed_at = g_get_monotonic_time ();
    }
}

static void
on_rejected_cb (AnjuSyncClient *client,
                const char     *command_id,
                const char     *type,
                const char     *message,
                Seen           *seen)
{
  g_free (seen->rejected_type);
  g_free (seen->rejected_message);
  seen->rejected_type = g_strdup (type);
  seen->rejected_message = g_strdup (message);
  seen->rejected = TRUE;
}

static void
test_client (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Desk) a = desk_new (f, "a.db", "li");
  g_autofree char *path = g_build_filename (f->server->dir, "b.db", NULL);
  g_autoptr(AnjuStore) ui_store = anju_test_desk_new (f->server->dir, "b.db");
  g_autoptr(AnjuSyncClient) client = anju_sync_client_new (path);
  g_autoptr(AnjuUser) me = NULL, offline_me = NULL;
  g_autoptr(AnjuSyncReport) r1 = NULL, r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *x = NULL, *local = NULL;
  Wait connect = { 0 };
  Seen seen = { 0 };
  gint64 pushed_at;

  g_assert_true (wait_for_state (client, ANJU_SYNC_STATE_STANDALONE, 0, 5000));
  g_signal_connect (client, "changed", G_CALLBACK (on_changed_cb), &seen);
  g_signal_connect (client, "rejected", G_CALLBACK (on_rejected_cb), &seen);

  anju_sync_client_connect_async (client, f->server->url, "wang", ANJU_TEST_PASSWORD, NULL,
                                  on_connected_cb, &connect);
  g_assert_true (iterate_until (&connect.done, 10000));
  g_assert_no_error (connect.error);
  g_assert_true (connect.ok);
  g_assert_true (wait_for_state (client, ANJU_SYNC_STATE_SYNCED, 0, 10000));
  g_assert_cmpstr (anju_sync_client_get_server_url (client), ==, f->server->url);

  /* The person who signed in can sign in here without the server; the
   * password hashes of the others never came. */
  offline_me = anju_user_authenticate (ui_store, "wang", ANJU_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (offline_me);
  g_assert_null (anju_user_authenticate (ui_store, "li", ANJU_TEST_PASSWORD, NULL));
  me = anju_user_lookup_by_name (ui_store, "wang");

  /* Another desk's change shows here within 2 seconds. */
  g_usleep (200 * 1000);
  seen.customers_changed = FALSE;
  x = desk_create_customer (a, "{\"name\":\"褚十一\",\"mobile\":\"13900000011\"}");
  r1 = desk_sync (a);
  pushed_at = g_get_monotonic_time ();
  g_assert_true (iterate_until (&seen.customers_changed, 5000));
  g_assert_cmpint (seen.changed_at - pushed_at, <, 2 * G_USEC_PER_SEC);
  g_assert_true (has_customer (ui_store, x));

  /* A command made here goes out when asked to. */
  {
    g_autoptr(JsonObject) payload = json_object_new ();
    g_autoptr(JsonObject) answer = NULL;

    json_object_set_string_member (payload, "name", "卫十二");
    answer = anju_command_run (ui_store, me, "customer.create", payload, &error);
    g_assert_no_error (error);
    local = g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "result"), "customer_id"));
  }
  anju_sync_client_sync_now (client);
  g_assert_true (wait_for_customer (f->office, local, 5000));
  g_assert_true (wait_for_state (client, ANJU_SYNC_STATE_SYNCED, 0, 5000));

  /* A command the server refuses: rolled back and reported. The desk has
   * not seen 褚十一's twin yet when its own is made. */
  {
    g_autoptr(JsonObject) payload = json_object_new ();
    g_autoptr(JsonObject) answer = NULL;
    g_autofree char *twin = NULL;

    json_object_set_string_member (payload, "name", "蒋十三");
    json_object_set_string_member (payload, "mobile", "13900000013");
    answer = anju_command_run (ui_store, me, "customer.create", payload, &error);
    g_assert_no_error (error);
    twin = g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "result"), "customer_id"));
    g_clear_pointer (&x, g_free);
    x = desk_create_customer (a, "{\"name\":\"沈十四\",\"mobile\":\"13900000013\"}");
    g_clear_pointer (&r1, anju_sync_report_free);
    r1 = desk_sync (a);

    anju_sync_client_sync_now (client);
    g_assert_true (iterate_until (&seen.rejected, 5000));
    g_assert_cmpstr (seen.rejected_type, ==, "customer.create");
    g_assert_nonnull (strstr (seen.rejected_message, "沈十四"));
    g_assert_true (wait_for_state (client, ANJU_SYNC_STATE_SYNCED, 0, 5000));
    g_assert_false (has_customer (ui_store, twin));
    g_assert_true (has_customer (ui_store, x));
  }

  /* The server goes away: offline, with the count of what waits… */
  anju_test_server_kill (f->server);
  {
    g_autofree char *p = g_strdup_printf ("{\"customer_id\":\"%s\",\"text\":\"服务器不在\"}", local);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonObject) answer = NULL;

    json_parser_load_from_data (parser, p, -1, NULL);
    answer = anju_command_run (ui_store, me, "customer.note", json_node_get_object (json_parser_get_root (parser)), &error);
    g_assert_no_error (error);
  }
  anju_sync_client_sync_now (client);
  g_assert_true (wait_for_state (client, ANJU_SYNC_STATE_OFFLINE, 1, 5000));
  g_assert_nonnull (anju_sync_client_get_last_error (client));

  /* …and back by itself when it returns. */
  anju_test_server_restart (f->server);
  g_assert_true (wait_for_state (client, ANJU_SYNC_STATE_SYNCED, 0, 10000));
  g_assert_null (anju_sync_client_get_last_error (client));
  r2 = desk_sync (a);
  assert_same_rows (ui_store, f->office, me);
  assert_same_rows (a->store, f->office, a->user);

  anju_sync_client_stop (client);
  g_assert_finalize_object (g_steal_pointer (&client));
  g_free (seen.rejected_type);
  g_free (seen.rejected_message);
}

/* The whole desk database as `sqlite3 DESK.db .dump` prints it. */
static char *
dump_desk (Fixture    *f,
           const char *name)
{
  g_autofree char *path = g_build_filename (f->server->dir, name, NULL);
  const char *argv[] = { "sqlite3", path, ".dump", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (strstr (out, "CREATE TABLE customers") != NULL);
  return out;
}

/* Issue 11, item 5: each desk receives what its person may see. */
static void
test_least_privilege (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AnjuUser) admin = anju_test_add_user_fast (f->office, "admin", "管理员", ANJU_ROLE_ADMIN);
  g_autoptr(JsonObject) project = anju_test_run_json (f->office, admin, "project.create", "{\"name\": \"安居苑\"}");
  const char *project_id = json_object_get_string_member (json_object_get_object_member (project, "result"),
                                                          "project_id");
  g_autofree char *building = g_strdup_printf ("{\"project_id\": \"%s\", \"name\": \"1幢\", \"floors\": 2, "
                                               "\"units_per_floor\": 2}", project_id);
  g_autoptr(JsonObject) built = anju_test_run_json (f->office, admin, "building.create", building);
  g_autofree char *unit_id = NULL;
  g_autofree char *floor = NULL;
  g_autofree char *wangs = g_strdup_printf ("{\"name\": \"王的客户\", \"mobile\": \"13911110001\", "
                                            "\"id_number\": \"110105198001011238\", \"owner_id\": \"%s\"}", f->wang->id);
  g_autofree char *zhaos = g_strdup_printf ("{\"name\": \"赵的客户\", \"mobile\": \"13922220002\", "
                                            "\"id_number\": \"110105199002024561\", \"owner_id\": \"%s\"}", f->zhao->id);
  g_autoptr(JsonObject) a = anju_test_run_json (f->office, f->li, "customer.create", wangs);
  g_autoptr(JsonObject) b = anju_test_run_json (f->office, f->li, "customer.create", zhaos);
  const char *zhaos_id = json_object_get_string_member (json_object_get_object_member (b, "result"), "customer_id");
  const char *wangs_id = json_object_get_string_member (json_object_get_object_member (a, "result"), "customer_id");
  g_autoptr(AnjuUser) finance = anju_test_add_user_fast (f->office, "qian", "钱会计", ANJU_ROLE_FINANCE);

  {
    static const char csv[] =
      "building,number,floor,layout,gross_area_m2,inner_area_m2,list_price_yuan,floor_price_yuan\n"
      "1幢,101,1,2室,89.00,70.30,9999999.00,9876543.21\n"
      "1幢,102,1,2室,89.00,70.30,9999999.00,9876543.21\n"
      "1幢,201,2,2室,89.00,70.30,9999999.00,9876543.21\n"
      "1幢,202,2,2室,89.00,70.30,9999999.00,\n";
    g_autofree char *path = g_build_filename (f->server->dir, "prices.csv", NULL);
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (path, csv, -1, NULL));
    g_assert_cmpint (anju_price_list_import_file (f->office, admin, project_id, path, NULL, &problems, &error), ==, 1);
    g_assert_no_error (error);
    {
      sqlite3_stmt *stmt = anju_store_prepare (f->office, "SELECT id FROM units WHERE number = '202'", NULL);

      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      unit_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  }
  floor = g_strdup_printf ("{\"unit_id\": \"%s\", \"floor_price\": 987654321}", unit_id);
  g_clear_pointer (&project, json_object_unref);
  project = anju_test_run_json (f->office, admin, "unit.set_floor_price", floor);
  g_assert_cmpint (anju_test_count (f->office, "SELECT count(*) FROM units WHERE floor_price = 987654321"), ==, 4);

  {
    g_autoptr(Desk) wang = desk_new (f, "wang.db", "wang");
    g_autoptr(Desk) qian = desk_new (f, "qian.db", "qian");
    g_autoptr(Desk) li = desk_new (f, "li.db", "li");
    g_autofree char *wang_dump = dump_desk (f, "wang.db");
    g_autofree char *qian_dump = dump_desk (f, "qian.db");
    g_autofree char *li_dump = dump_desk (f, "li.db");
    g_autofree char *mine = customer_field (wang->store, wangs_id, "mobile");
    g_autofree char *theirs = customer_field (wang->store, zhaos_id, "mobile");

    /* The consultant: their own customer whole, the other's without
     * numbers, no floor price anywhere. */
    g_assert_null (strstr (wang_dump, "987654321"));
    g_assert_null (strstr (wang_dump, "13922220002"));
    g_assert_null (strstr (wang_dump, "110105199002024561"));
    g_assert_nonnull (strstr (wang_dump, "赵的客户"));
    g_assert_cmpstr (mine, ==, "13911110001");
    g_assert_null (theirs);
    g_assert_cmpint (anju_test_count (wang->store, "SELECT count(*) FROM units WHERE floor_price IS NOT NULL"), ==, 0);
    g_assert_cmpint (anju_test_count (wang->store, "SELECT count(*) FROM units"), ==, 4);
    /* Finance: the customers and units, no numbers, no floor price. */
    g_assert_null (strstr (qian_dump, "987654321"));
    g_assert_null (strstr (qian_dump, "13911110001"));
    g_assert_null (strstr (qian_dump, "13922220002"));
    g_assert_null (strstr (qian_dump, "110105198001011238"));
    g_assert_cmpint (anju_test_count (qian->store, "SELECT count(*) FROM customers"), ==, 2);
    /* A manager: everything. */
    g_assert_nonnull (strstr (li_dump, "987654321"));
    g_assert_nonnull (strstr (li_dump, "13922220002"));
    g_assert_nonnull (strstr (li_dump, "110105199002024561"));
  }

  /* Reveals are the server's: finance is refused, as the message says,
   * and so is another consultant; the owner's is audited there. */
  {
    g_autofree char *qian_token = anju_test_login (f->server->url, "qian");
    g_autofree char *wang_token = anju_test_login (f->server->url, "wang");
    g_autofree char *reveal_zhao = g_strdup_printf ("{\"customer_id\":\"%s\",\"field\":\"mobile\"}", zhaos_id);
    g_autofree char *reveal_wang = g_strdup_printf ("{\"customer_id\":\"%s\",\"field\":\"id_number\"}", wangs_id);
    g_autofree char *by_qian = anju_test_batch1 ("eeeeeeee-0000-4000-8000-000000000001", "customer.reveal", reveal_zhao);
    g_autofree char *by_wang = anju_test_batch1 ("eeeeeeee-0000-4000-8000-000000000002", "customer.reveal", reveal_zhao);
    g_autofree char *own = anju_test_batch1 ("eeeeeeee-0000-4000-8000-000000000003", "customer.reveal", reveal_wang);
    g_autoptr(JsonObject) r1 = NULL, r2 = NULL, r3 = NULL;

    g_assert_cmpuint (anju_test_http (f->server->url, "POST", "/api/v1/commands", qian_token, by_qian, &r1), ==, 200);
    g_assert_cmpuint (anju_test_http (f->server->url, "POST", "/api/v1/commands", wang_token, by_wang, &r2), ==, 200);
    g_assert_cmpuint (anju_test_http (f->server->url, "POST", "/api/v1/commands", wang_token, own, &r3), ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                         json_object_get_array_member (r1, "results"), 0), "code"), ==, "forbidden");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                         json_object_get_array_member (r2, "results"), 0), "code"), ==, "forbidden");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                         json_object_get_array_member (r3, "results"), 0), "status"), ==, "applied");
    g_assert_cmpint (anju_test_count (f->office, "SELECT count(*) FROM audit WHERE action = 'customer.reveal'"), ==, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync/converge", test_converge);
  ADD ("/sync/least-privilege", test_least_privilege);
  ADD ("/sync/exactly-once", test_exactly_once);
  ADD ("/sync/own-images", test_own_images);
  ADD ("/sync/many", test_many);
  ADD ("/sync/rollback/create", test_rollback_create);
  ADD ("/sync/rollback/update", test_rollback_update);
  ADD ("/sync/rebase", test_rebase);
  ADD ("/sync/office-decision", test_office_decision);
  ADD ("/sync/anjuctl-apply", test_anjuctl_apply);
  ADD ("/sync/refusal-language", test_refusal_language);
  ADD ("/sync/next-person", test_next_person);
  ADD ("/sync/ca-file", test_ca_file);
  ADD ("/sync/client", test_client);
  ADD ("/sync/local-data", test_local_data);
  ADD ("/sync/absent-server", test_absent_server);
#undef ADD
  return g_test_run ();
}
