/* test-server-api.c — every endpoint of anju-server, good and bad requests
 *
 * One server for the whole program (sign-ins cost ~70 ms each); each test
 * leaves the clock where it found it.
 */
#include <libsoup/soup.h>

#include "anju-command.h"
#include "anju-test-server.h"

static AnjuTestServer *server;
static AnjuStore *office;          /* the server's database, read directly */
static char *admin_token, *manager_token, *consultant_token, *finance_token;
static AnjuUser *admin, *manager, *consultant, *finance;

#define UUID_A "aaaaaaaa-0000-4000-8000-000000000001"
#define UUID_B "aaaaaaaa-0000-4000-8000-000000000002"
#define UUID_C "aaaaaaaa-0000-4000-8000-000000000003"
#define UUID_D "aaaaaaaa-0000-4000-8000-000000000004"
#define CUSTOMER_1 "cccccccc-0000-4000-8000-000000000001"
#define CUSTOMER_2 "cccccccc-0000-4000-8000-000000000002"

/* Asserts a request gets @status with error @code, and changes nothing. */
static void
assert_refused (const char *method,
                const char *path,
                const char *token,
                const char *body,
                guint       status,
                const char *code,
                const char *field)
{
  g_autofree char *before = anju_test_fingerprint (office);
  g_autofree char *after = NULL;
  g_autoptr(JsonObject) reply = NULL;
  guint got = anju_test_http (server->url, method, path, token, body, &reply);

  if (got != status || reply == NULL || g_strcmp0 (anju_test_error_code (reply), code) != 0)
    g_test_message ("%s %s → %u %s", method, path, got,
                    reply ? json_object_get_string_member (json_object_get_object_member (reply, "error"), "message") : "(no JSON)");
  g_assert_cmpuint (got, ==, status);
  g_assert_cmpstr (anju_test_error_code (reply), ==, code);
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (reply, "error"), "message"));
  if (field != NULL)
    g_assert_cmpstr (anju_test_error_field (reply), ==, field);
  after = anju_test_fingerprint (office);
  g_assert_cmpstr (before, ==, after);
}

static void
test_health (void)
{
  g_autoptr(JsonObject) reply = NULL;

  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/health", NULL, NULL, &reply), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply, "status"), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (reply, "schema"), ==, anju_store_schema_version ());
  assert_refused ("POST", "/api/v1/health", NULL, "{}", 405, "method_not_allowed", NULL);
  assert_refused ("GET", "/api/v1/nothing-here", NULL, NULL, 404, "not_found", NULL);
  assert_refused ("GET", "/", NULL, NULL, 404, "not_found", NULL);
}

static void
test_login (void)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(AnjuStore) store = anju_test_server_open_store (server);
  g_autofree char *body = g_strdup_printf ("{\"username\":\"wang\",\"password\":\"%s\"}", ANJU_TEST_PASSWORD);
  const char *token;
  g_autofree char *hash = NULL, *expected = NULL;
  sqlite3_stmt *stmt;

  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/login", NULL, body, &reply), ==, 200);
  token = json_object_get_string_member (reply, "token");
  /* 256 random bits in base64url: at least the 128 the issue asks. */
  g_assert_cmpuint (strlen (token), >=, 43);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (reply, "user"), "role"),
                   ==, "consultant");
  g_assert_nonnull (json_object_get_string_member (reply, "expires_at"));
  g_assert_cmpint (json_object_get_int_member (reply, "idle_timeout"), ==, 12 * 3600);

  /* Kept hashed, never as given. */
  g_assert_cmpint (sqlite3_prepare_v2 (anju_store_get_db (store),
                   "SELECT token_hash FROM sessions WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, json_object_get_string_member (reply, "id"), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  hash = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (hash, !=, token);
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_assert_cmpstr (hash, ==, expected);
}

static void
test_login_refused (void)
{
  g_autoptr(JsonObject) wrong = NULL, unknown = NULL;

  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/login", NULL,
                                    "{\"username\":\"li\",\"password\":\"not-this-one\"}", &wrong), ==, 401);
  g_assert_cmpstr (anju_test_error_code (wrong), ==, "auth");
  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/login", NULL,
                                    "{\"username\":\"nobody\",\"password\":\"not-this-one\"}", &unknown), ==, 401);
  /* An unknown name and a wrong password read the same. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (wrong, "error"), "message"), ==,
                   json_object_get_string_member (json_object_get_object_member (unknown, "error"), "message"));

  assert_refused ("POST", "/api/v1/login", NULL, "username=li&password=x", 400, "malformed", NULL);
  assert_refused ("POST", "/api/v1/login", NULL, "[1,2]", 400, "malformed", NULL);
  assert_refused ("POST", "/api/v1/login", NULL, "{}", 400, "invalid_field", "username");
  assert_refused ("POST", "/api/v1/login", NULL, "{\"username\":\"li\",\"password\":5}", 400,
                  "invalid_field", "password");
  assert_refused ("POST", "/api/v1/login", NULL, "{\"username\":\"li\",\"password\":\"\\u00e9\xff\"}", 400,
                  "malformed", NULL);
  assert_refused ("GET", "/api/v1/login", NULL, NULL, 405, "method_not_allowed", NULL);
}

static void
test_login_throttled (void)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *good = g_strdup_printf ("{\"username\":\"wu\",\"password\":\"%s\"}", ANJU_TEST_PASSWORD);

  for (int i = 0; i < 10; i++)
    {
      g_autoptr(JsonObject) refused = NULL;
      g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/login", NULL,
                                        "{\"username\":\"wu\",\"password\":\"guess\"}", &refused), ==, 401);
    }
  /* Even the right password waits now. */
  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/login", NULL, good, &reply), ==, 429);
  g_assert_cmpstr (anju_test_error_code (reply), ==, "throttled");
  g_clear_pointer (&reply, json_object_unref);

  anju_test_server_set_clock_offset (server, 16 * 60);
  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/login", NULL, good, &reply), ==, 200);
  anju_test_server_set_clock_offset (server, 0);
}

typedef struct
{
  const char *method;
  const char *path;
  const char *body;
} Endpoint;

static const Endpoint guarded[] = {
  { "GET", "/api/v1/me", NULL },
  { "GET", "/api/v1/changes?after=0", NULL },
  { "POST", "/api/v1/commands",
    "{\"commands\":[{\"id\":\"" UUID_D "\",\"type\":\"customer.create\",\"payload\":{\"name\":\"Guard\"}}]}" },
  { "POST", "/api/v1/logout", "{}" },
  { "GET", "/api/v1/sessions", NULL },
  { "DELETE", "/api/v1/sessions/" UUID_A, NULL },
};

static void
test_tokens_required (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (guarded); i++)
    {
      const Endpoint *e = &guarded[i];

      assert_refused (e->method, e->path, NULL, e->body, 401, "no_token", NULL);
      assert_refused (e->method, e->path, "not-a-token-this-server-gave", e->body, 401, "bad_token", NULL);

      /* Idle for 13 hours (the limit is 12), then beyond the 7 days. */
      anju_test_server_set_clock_offset (server, 13 * 3600);
      assert_refused (e->method, e->path, admin_token, e->body, 401, "token_expired", NULL);
      anju_test_server_set_clock_offset (server, 8 * 24 * 3600);
      assert_refused (e->method, e->path, admin_token, e->body, 401, "token_expired", NULL);
      anju_test_server_set_clock_offset (server, 0);
    }
}

static void
test_wrong_role (void)
{
  g_autoptr(JsonObject) reply = NULL;

  /* Only an admin sees and ends other people's sessions. */
  assert_refused ("DELETE", "/api/v1/sessions/" UUID_A, finance_token, NULL, 404, "not_found", "id");
  /* A command the role may not do refuses the whole request. */
  assert_refused ("POST", "/api/v1/commands", finance_token,
                  "{\"commands\":[{\"id\":\"" UUID_D "\",\"type\":\"customer.create\",\"payload\":{\"name\":\"Fin\"}}]}",
                  403, "forbidden", "commands[0]");
  {
    g_autofree char *body = g_strdup_printf (
        "{\"commands\":[{\"id\":\"" UUID_C "\",\"type\":\"customer.create\",\"payload\":{\"name\":\"Ok\"}},"
        "{\"id\":\"" UUID_D "\",\"type\":\"customer.assign\",\"payload\":{\"customer_id\":\"%s\",\"owner_id\":\"%s\"}}]}",
        CUSTOMER_1, consultant->id);
    assert_refused ("POST", "/api/v1/commands", consultant_token, body, 403, "forbidden", "commands[1]");
  }
  /* Every role may read the feed and itself. */
  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/changes?after=0&limit=1", finance_token, NULL, &reply), ==, 200);
  g_clear_pointer (&reply, json_object_unref);
  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/me", consultant_token, NULL, &reply), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (reply, "user"), "username"),
                   ==, "wang");
}

static void
test_disabled_account (void)
{
  g_autofree char *token = anju_test_login (server->url, "zhou");

  g_assert_true (anju_store_exec (office, "UPDATE users SET disabled = 1 WHERE username = 'zhou'", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (guarded); i++)
    assert_refused (guarded[i].method, guarded[i].path, token, guarded[i].body, 401, "account_disabled", NULL);
  g_assert_true (anju_store_exec (office, "UPDATE users SET disabled = 0 WHERE username = 'zhou'", NULL));
}

static void
test_commands_malformed (void)
{
  static const struct
  {
    const char *body;
    const char *code;
    const char *field;
  } cases[] = {
    { "this is not JSON", "malformed", NULL },
    { "[]", "malformed", NULL },
    { "{\"commands\":{}}", "invalid_field", "commands" },
    { "{\"commands\":\"customer.create\"}", "invalid_field", "commands" },
    { "{\"commands\":[]}", "invalid_field", "commands" },
    { "{\"commands\":[42]}", "malformed", "commands[0]" },
    { "{\"commands\":[{\"type\":\"customer.create\",\"payload\":{}}]}", "malformed", "commands[0].id" },
    { "{\"commands\":[{\"id\":7,\"type\":\"customer.create\",\"payload\":{}}]}", "malformed", "commands[0].id" },
    { "{\"commands\":[{\"id\":\"not-a-uuid\",\"type\":\"customer.create\",\"payload\":{}}]}", "malformed", "commands[0].id" },
    { "{\"commands\":[{\"id\":\"" UUID_A "\",\"type\":\"Customer Create\",\"payload\":{}}]}", "malformed", "commands[0].type" },
    { "{\"commands\":[{\"id\":\"" UUID_A "\",\"type\":\"customer.create\",\"payload\":[]}]}", "malformed", "commands[0].payload" },
    { "{\"commands\":[{\"id\":\"" UUID_A "\",\"type\":\"customer.create\"}]}", "malformed", "commands[0].payload" },
    /* One bad command refuses the batch: the good one before it is not applied. */
    { "{\"commands\":[{\"id\":\"" UUID_A "\",\"type\":\"customer.create\",\"payload\":{\"name\":\"A\"}},"
      "{\"id\":\"" UUID_B "\",\"type\":\"unit.teleport\",\"payload\":{}}]}", "unknown_type", "commands[1].type" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused ("POST", "/api/v1/commands", manager_token, cases[i].body, 400, cases[i].code, cases[i].field);
  assert_refused ("GET", "/api/v1/commands", manager_token, NULL, 405, "method_not_allowed", NULL);

  /* More commands than a batch may have. */
  {
    g_autoptr(GString) body = g_string_new ("{\"commands\":[");
    for (int i = 0; i < 1001; i++)
      {
        g_autofree char *id = g_uuid_string_random ();
        g_string_append_printf (body, "%s{\"id\":\"%s\",\"type\":\"customer.note\",\"payload\":{}}",
                                i ? "," : "", id);
      }
    g_string_append (body, "]}");
    assert_refused ("POST", "/api/v1/commands", manager_token, body->str, 400, "invalid_field", "commands");
  }
}

static void
test_body_too_large (void)
{
  g_autofree char *before = anju_test_fingerprint (office);
  g_autofree char *after = NULL;
  gsize size = 9 * 1024 * 1024;
  g_autofree char *big = g_malloc (size + 1);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) reply = NULL;

  memset (big, ' ', size);
  memcpy (big, "{\"commands\":", 12);
  big[size] = '\0';
  bytes = g_bytes_new_static (big, size);
  g_assert_cmpuint (anju_test_http_full (session, server->url, "POST", "/api/v1/commands", manager_token,
                                         bytes, &reply), ==, 413);
  g_assert_cmpstr (anju_test_error_code (reply), ==, "too_large");
  g_clear_pointer (&reply, json_object_unref);

  /* The same without a length (chunked): read up to the limit only. */
  {
    g_autofree char *uri = g_strconcat (server->url, "/api/v1/commands", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (big, size, NULL);
    g_autofree char *auth = g_strconcat ("Bearer ", manager_token, NULL);
    g_autoptr(GBytes) answer = NULL;
    g_autoptr(GError) error = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    soup_message_set_request_body (msg, "application/json", stream, -1);
    answer = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
    g_assert_nonnull (strstr (g_bytes_get_data (answer, NULL), "too_large"));
  }
  after = anju_test_fingerprint (office);
  g_assert_cmpstr (before, ==, after);

  /* The server is still there. */
  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/health", NULL, NULL, NULL), ==, 200);
}

static const char *
result_status (JsonObject *reply,
               guint       index)
{
  return json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (reply, "results"),
                                                                       index), "status");
}

static char *
results_text (JsonObject *reply)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), json_object_get_array_member (reply, "results"));

  return json_to_string (node, FALSE);
}

static void
test_push_exactly_once (void)
{
  g_autofree char *body = anju_test_batch1 ("bbbbbbbb-0000-4000-8000-000000000001", "customer.create",
                                            "{\"customer_id\":\"" CUSTOMER_1 "\",\"name\":\"陈一\",\"mobile\":\"13912340001\"}");
  g_autoptr(JsonObject) first = NULL, second = NULL, twice = NULL;
  g_autofree char *first_text = NULL, *second_text = NULL, *before = NULL, *after = NULL;
  gint64 customers = anju_test_count (office, "SELECT count(*) FROM customers");
  JsonObject *answer;

  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/commands", manager_token, body, &first), ==, 200);
  g_assert_cmpstr (result_status (first, 0), ==, "applied");
  answer = json_array_get_object_element (json_object_get_array_member (first, "results"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "changes")), ==, 2);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customers"), ==, customers + 1);

  /* The same command again: the stored answer, nothing applied. */
  before = anju_test_fingerprint (office);
  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/commands", manager_token, body, &second), ==, 200);
  after = anju_test_fingerprint (office);
  g_assert_cmpstr (before, ==, after);
  first_text = results_text (first);
  second_text = results_text (second);
  g_assert_cmpstr (first_text, ==, second_text);

  /* Twice in one batch: applied once. */
  {
    g_autofree char *batch = g_strdup_printf (
        "{\"commands\":[{\"id\":\"%s\",\"type\":\"customer.note\",\"payload\":{\"customer_id\":\"%s\",\"text\":\"来电\"}},"
        "{\"id\":\"%s\",\"type\":\"customer.note\",\"payload\":{\"customer_id\":\"%s\",\"text\":\"来电\"}}]}",
        UUID_B, CUSTOMER_1, UUID_B, CUSTOMER_1);
    gint64 events = anju_test_count (office, "SELECT count(*) FROM customer_events");

    g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/commands", manager_token, batch, &twice), ==, 200);
    g_assert_cmpstr (result_status (twice, 0), ==, "applied");
    g_assert_cmpstr (result_status (twice, 1), ==, "applied");
    g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customer_events"), ==, events + 1);
  }
}

static void
test_push_rejection_is_final (void)
{
  g_autofree char *note = anju_test_batch1 ("bbbbbbbb-0000-4000-8000-000000000002", "customer.note",
                                            "{\"customer_id\":\"" CUSTOMER_2 "\",\"text\":\"hello\"}");
  g_autofree char *create = anju_test_batch1 ("bbbbbbbb-0000-4000-8000-000000000003", "customer.create",
                                              "{\"customer_id\":\"" CUSTOMER_2 "\",\"name\":\"周二\"}");
  g_autoptr(JsonObject) first = NULL, created = NULL, again = NULL, missing = NULL;
  g_autofree char *first_text = NULL, *again_text = NULL;
  JsonObject *answer;

  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/commands", manager_token, note, &first), ==, 200);
  answer = json_array_get_object_element (json_object_get_array_member (first, "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (answer, "code"), ==, "not_found");
  g_assert_cmpstr (json_object_get_string_member (answer, "field"), ==, "customer_id");
  g_assert_nonnull (json_object_get_string_member (answer, "message"));

  /* Now the customer exists, but the verdict on that command stands. */
  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/commands", manager_token, create, &created), ==, 200);
  g_assert_cmpstr (result_status (created, 0), ==, "applied");
  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/commands", manager_token, note, &again), ==, 200);
  first_text = results_text (first);
  again_text = results_text (again);
  g_assert_cmpstr (first_text, ==, again_text);

  /* A payload that breaks a rule: answered, not a 4xx, nothing written. */
  {
    g_autofree char *bad = anju_test_batch1 ("bbbbbbbb-0000-4000-8000-000000000004", "customer.create",
                                             "{\"name\":42}");
    gint64 customers = anju_test_count (office, "SELECT count(*) FROM customers");

    g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/commands", manager_token, bad, &missing), ==, 200);
    answer = json_array_get_object_element (json_object_get_array_member (missing, "results"), 0);
    g_assert_cmpstr (json_object_get_string_member (answer, "code"), ==, "invalid_field");
    g_assert_cmpstr (json_object_get_string_member (answer, "field"), ==, "name");
    g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customers"), ==, customers);
  }
}

static void
test_pull (void)
{
  g_autoptr(JsonObject) reply = NULL;
  gint64 head = anju_test_count (office, "SELECT max(seq) FROM changes");
  gint64 after = 0, seen = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?after=%" G_GINT64_FORMAT "&limit=2", after);
      JsonArray *changes;

      g_clear_pointer (&reply, json_object_unref);
      g_assert_cmpuint (anju_test_http (server->url, "GET", path, consultant_token, NULL, &reply), ==, 200);
      changes = json_object_get_array_member (reply, "changes");
      g_assert_cmpuint (json_array_get_length (changes), <=, 2);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          JsonNode *row = json_object_get_member (change, "row");

          g_assert_cmpint (json_object_get_int_member (change, "seq"), >, after);
          after = json_object_get_int_member (change, "seq");
          seen++;
          /* Password hashes never leave the server. */
          if (g_str_equal (json_object_get_string_member (change, "table"), "users"))
            g_assert_cmpstr (json_object_get_string_member (json_node_get_object (row), "password_hash"), ==, "");
        }
      g_assert_cmpint (json_object_get_int_member (reply, "last_seq"), ==, after);
      more = json_object_get_boolean_member (reply, "more");
    }
  g_assert_cmpint (after, ==, head);
  g_assert_cmpint (seen, ==, anju_test_count (office, "SELECT count(*) FROM changes"));
  g_assert_cmpint (json_object_get_int_member (reply, "head"), ==, head);

  {
    g_autofree char *ahead = g_strdup_printf ("/api/v1/changes?after=%" G_GINT64_FORMAT, head + 5);
    assert_refused ("GET", ahead, consultant_token, NULL, 409, "cursor_ahead", "after");
  }
  assert_refused ("GET", "/api/v1/changes?after=abc", consultant_token, NULL, 400, "invalid_field", "after");
  assert_refused ("GET", "/api/v1/changes?after=-1", consultant_token, NULL, 400, "invalid_field", "after");
  assert_refused ("GET", "/api/v1/changes?limit=0", consultant_token, NULL, 400, "invalid_field", "limit");
  assert_refused ("GET", "/api/v1/changes?limit=5001", consultant_token, NULL, 400, "invalid_field", "limit");
  assert_refused ("GET", "/api/v1/changes?wait=31", consultant_token, NULL, 400, "invalid_field", "wait");
  assert_refused ("POST", "/api/v1/changes", consultant_token, "{}", 405, "method_not_allowed", NULL);
}

typedef struct
{
  const char *path;
  guint       status;
  JsonObject *reply;
  gint64      returned_at;
} Poll;

static gpointer
poll_thread (gpointer data)
{
  Poll *poll = data;
  g_autoptr(SoupSession) session = soup_session_new ();

  poll->status = anju_test_http_full (session, server->url, "GET", poll->path, consultant_token, NULL, &poll->reply);
  poll->returned_at = g_get_monotonic_time ();
  return NULL;
}

static void
test_long_poll (void)
{
  gint64 head = anju_test_count (office, "SELECT max(seq) FROM changes");
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?after=%" G_GINT64_FORMAT "&wait=10", head);
  g_autofree char *body = anju_test_batch1 ("bbbbbbbb-0000-4000-8000-000000000005", "customer.note",
                                            "{\"customer_id\":\"" CUSTOMER_1 "\",\"text\":\"长轮询\"}");
  Poll poll = { path, 0, NULL, 0 };
  GThread *thread;
  gint64 pushed_at, started;
  JsonArray *changes;

  thread = g_thread_new ("poll", poll_thread, &poll);
  g_usleep (300 * 1000);
  g_assert_cmpuint (poll.status, ==, 0);     /* still waiting */
  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/commands", manager_token, body, NULL), ==, 200);
  pushed_at = g_get_monotonic_time ();
  g_thread_join (thread);
  g_assert_cmpuint (poll.status, ==, 200);
  g_assert_cmpint (poll.returned_at - pushed_at, <, 2 * G_USEC_PER_SEC);
  changes = json_object_get_array_member (poll.reply, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0), "command_id"),
                   ==, "bbbbbbbb-0000-4000-8000-000000000005");
  g_clear_pointer (&poll.reply, json_object_unref);

  /* Nothing happens: an empty page when the wait is over. */
  g_free (path);
  path = g_strdup_printf ("/api/v1/changes?after=%" G_GINT64_FORMAT "&wait=1", head + 1);
  started = g_get_monotonic_time ();
  poll.path = path;
  poll_thread (&poll);
  g_assert_cmpuint (poll.status, ==, 200);
  g_assert_cmpint (poll.returned_at - started, >=, 900 * 1000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (poll.reply, "changes")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (poll.reply, "last_seq"), ==, head + 1);
  g_clear_pointer (&poll.reply, json_object_unref);

  /* A change written by another process (anjuctl on the server's
   * database) wakes a waiting desk too. */
  {
    g_autofree char *path3 = g_strdup_printf ("/api/v1/changes?after=%" G_GINT64_FORMAT "&wait=10", head + 1);
    g_autoptr(JsonObject) payload = json_object_new ();
    Poll poll3 = { path3, 0, NULL, 0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) answer = NULL;

    json_object_set_string_member (payload, "customer_id", CUSTOMER_1);
    json_object_set_string_member (payload, "text", "从另一个进程");
    thread = g_thread_new ("poll", poll_thread, &poll3);
    g_usleep (300 * 1000);
    answer = anju_command_run (office, manager, "customer.note", payload, &error);
    g_assert_no_error (error);
    pushed_at = g_get_monotonic_time ();
    g_thread_join (thread);
    g_assert_cmpuint (poll3.status, ==, 200);
    g_assert_cmpint (poll3.returned_at - pushed_at, <, 2 * G_USEC_PER_SEC);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (poll3.reply, "changes")), ==, 1);
    g_clear_pointer (&poll3.reply, json_object_unref);
  }
}

static void
test_logout (void)
{
  g_autofree char *token = anju_test_login (server->url, "li");
  g_autoptr(JsonObject) reply = NULL;

  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/me", token, NULL, NULL), ==, 200);
  g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/logout", token, "{}", &reply), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply, "status"), ==, "signed_out");
  for (guint i = 0; i < G_N_ELEMENTS (guarded); i++)
    assert_refused (guarded[i].method, guarded[i].path, token, guarded[i].body, 401, "token_revoked", NULL);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM audit WHERE action = 'session.logout'"), >=, 1);
}

/* Everyone lists their own sessions and ends one (a lost phone); another
 * person's session is none of theirs. */
static void
test_sessions_own (void)
{
  g_autofree char *second = anju_test_login (server->url, "wang");
  g_autofree char *other = anju_test_login (server->url, "li");
  g_autoptr(JsonObject) list = NULL, me = NULL, other_me = NULL, revoked = NULL;
  g_autofree char *path = NULL, *other_path = NULL;
  JsonArray *sessions;
  gboolean found = FALSE;

  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/sessions", consultant_token, NULL, &list), ==, 200);
  sessions = json_object_get_array_member (list, "sessions");
  g_assert_cmpuint (json_array_get_length (sessions), >=, 2);
  for (guint i = 0; i < json_array_get_length (sessions); i++)
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                         json_array_get_object_element (sessions, i), "user"), "username"), ==, "wang");

  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/me", other, NULL, &other_me), ==, 200);
  other_path = g_strconcat ("/api/v1/sessions/", json_object_get_string_member (other_me, "id"), NULL);
  assert_refused ("DELETE", other_path, consultant_token, NULL, 404, "not_found", "id");
  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/me", other, NULL, NULL), ==, 200);

  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/me", second, NULL, &me), ==, 200);
  for (guint i = 0; i < json_array_get_length (sessions); i++)
    found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (sessions, i), "id"),
                          json_object_get_string_member (me, "id"));
  g_assert_true (found);
  path = g_strconcat ("/api/v1/sessions/", json_object_get_string_member (me, "id"), NULL);
  g_assert_cmpuint (anju_test_http (server->url, "DELETE", path, consultant_token, NULL, &revoked), ==, 200);
  assert_refused ("GET", "/api/v1/me", second, NULL, 401, "token_revoked", NULL);
  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/me", consultant_token, NULL, NULL), ==, 200);
}

static void
test_sessions_admin (void)
{
  g_autofree char *token = anju_test_login (server->url, "li");
  g_autoptr(JsonObject) me = NULL, list = NULL, revoked = NULL;
  g_autofree char *path = NULL;
  const char *id;
  JsonArray *sessions;
  gboolean found = FALSE;

  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/me", token, NULL, &me), ==, 200);
  id = json_object_get_string_member (me, "id");
  g_assert_cmpuint (anju_test_http (server->url, "GET", "/api/v1/sessions", admin_token, NULL, &list), ==, 200);
  sessions = json_object_get_array_member (list, "sessions");
  for (guint i = 0; i < json_array_get_length (sessions); i++)
    found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (sessions, i), "id"), id);
  g_assert_true (found);

  path = g_strconcat ("/api/v1/sessions/", id, NULL);
  g_assert_cmpuint (anju_test_http (server->url, "DELETE", path, admin_token, NULL, &revoked), ==, 200);
  assert_refused ("GET", "/api/v1/me", token, NULL, 401, "token_revoked", NULL);
  assert_refused ("DELETE", path, admin_token, NULL, 404, "not_found", "id");
  assert_refused ("DELETE", "/api/v1/sessions/not-a-session", admin_token, NULL, 404, "not_found", "id");
  assert_refused ("POST", "/api/v1/sessions", admin_token, "{}", 405, "method_not_allowed", NULL);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  server = anju_test_server_new ();
  office = anju_test_server_open_store (server);
  admin = anju_test_add_user_fast (office, "admin", "管理员", ANJU_ROLE_ADMIN);
  manager = anju_test_add_user_fast (office, "li", "李娜", ANJU_ROLE_MANAGER);
  consultant = anju_test_add_user_fast (office, "wang", "王芳", ANJU_ROLE_CONSULTANT);
  finance = anju_test_add_user_fast (office, "zhao", "赵敏", ANJU_ROLE_FINANCE);
  anju_user_free (anju_test_add_user_fast (office, "wu", "吴刚", ANJU_ROLE_CONSULTANT));
  anju_user_free (anju_test_add_user_fast (office, "zhou", "周杰", ANJU_ROLE_CONSULTANT));
  anju_test_server_start (server);
  admin_token = anju_test_login (server->url, "admin");
  manager_token = anju_test_login (server->url, "li");
  consultant_token = anju_test_login (server->url, "wang");
  finance_token = anju_test_login (server->url, "zhao");

  g_test_add_func ("/server/health", test_health);
  g_test_add_func ("/server/login", test_login);
  g_test_add_func ("/server/login/refused", test_login_refused);
  g_test_add_func ("/server/login/throttled", test_login_throttled);
  g_test_add_func ("/server/auth/tokens-required", test_tokens_required);
  g_test_add_func ("/server/auth/wrong-role", test_wrong_role);
  g_test_add_func ("/server/auth/disabled-account", test_disabled_account);
  g_test_add_func ("/server/commands/malformed", test_commands_malformed);
  g_test_add_func ("/server/commands/too-large", test_body_too_large);
  g_test_add_func ("/server/commands/exactly-once", test_push_exactly_once);
  g_test_add_func ("/server/commands/rejection-final", test_push_rejection_is_final);
  g_test_add_func ("/server/changes/pull", test_pull);
  g_test_add_func ("/server/changes/long-poll", test_long_poll);
  g_test_add_func ("/server/logout", test_logout);
  g_test_add_func ("/server/sessions", test_sessions_admin);
  g_test_add_func ("/server/sessions/own", test_sessions_own);
  status = g_test_run ();

  g_clear_object (&office);
  g_clear_pointer (&server, anju_test_server_free);
  g_free (admin_token);
  g_free (manager_token);
  g_free (consultant_token);
  g_free (finance_token);
  anju_user_free (admin);
  anju_user_free (manager);
  anju_user_free (consultant);
  anju_user_free (finance);
  return status;
}
