/* anju-test-server.c */
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>

#include "anju-sync-protocol.h"
#include "anju-test-server.h"
#include "anju-test-util.h"

static const char *
get_password_hash (void)
{
  static char *hash;

  if (g_once_init_enter (&hash))
    g_once_init_leave (&hash, anju_password_hash (ANJU_TEST_PASSWORD));
  return hash;
}

AnjuTestServer *
anju_test_server_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;
  AnjuTestServer *server = g_new0 (AnjuTestServer, 1);

  server->dir = g_dir_make_tmp ("anju-server-test-XXXXXX", &error);
  g_assert_no_error (error);
  server->db_path = g_build_filename (server->dir, "office.db", NULL);
  server->clock_file = g_build_filename (server->dir, "clock-offset", NULL);
  g_file_set_contents (server->clock_file, "0", -1, &error);
  g_assert_no_error (error);
  store = anju_store_open (server->db_path, &error);
  g_assert_no_error (error);
  return server;
}

AnjuStore *
anju_test_server_open_store (AnjuTestServer *server)
{
  g_autoptr(GError) error = NULL;
  AnjuStore *store = anju_store_open (server->db_path, &error);

  g_assert_no_error (error);
  return store;
}

AnjuStore *
anju_test_desk_new (const char *dir,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  AnjuStore *store = anju_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

AnjuStore *
anju_test_desk_sign_in (AnjuTestServer  *server,
                        const char      *name,
                        const char      *username,
                        AnjuSyncEngine **out_engine)
{
  AnjuStore *store = anju_test_desk_new (server->dir, name);
  g_autoptr(AnjuSyncEngine) engine = anju_sync_engine_new (store);
  g_autoptr(AnjuSyncReport) report = anju_sync_report_new ();
  g_autoptr(GError) error = NULL;

  anju_sync_engine_login (engine, server->url, username, ANJU_TEST_PASSWORD,
                          ANJU_SYNC_LOGIN_NONE, NULL, &error);
  g_assert_no_error (error);
  anju_sync_engine_sync (engine, report, NULL, &error);
  g_assert_no_error (error);
  if (out_engine != NULL)
    *out_engine = g_steal_pointer (&engine);
  return store;
}

AnjuTestDesk *
anju_test_desk_open (AnjuTestServer *server,
                     const char     *name,
                     const char     *username)
{
  AnjuTestDesk *desk = g_new0 (AnjuTestDesk, 1);

  desk->store = anju_test_desk_sign_in (server, name, username, &desk->engine);
  desk->user = anju_user_lookup_by_name (desk->store, username);
  g_assert_nonnull (desk->user);
  return desk;
}

void
anju_test_desk_sync (AnjuTestDesk *desk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuSyncReport) report = anju_sync_report_new ();

  anju_sync_engine_sync (desk->engine, report, NULL, &error);
  g_assert_no_error (error);
}

void
anju_test_desk_free (AnjuTestDesk *desk)
{
  anju_sync_engine_free (desk->engine);
  g_object_unref (desk->store);
  anju_user_free (desk->user);
  g_free (desk);
}

JsonObject *
anju_test_run_json (AnjuStore      *store,
                    const AnjuUser *actor,
                    const char     *type,
                    const char     *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payload = anju_test_json_object (json);
  JsonObject *answer = anju_command_run (store, actor, type, payload, &error);

  g_assert_no_error (error);
  return answer;
}

void
anju_test_start_line (GMutex *lock,
                      GCond  *cond,
                      guint  *ready,
                      guint   n)
{
  g_mutex_lock (lock);
  (*ready)++;
  g_cond_broadcast (cond);
  while (*ready < n)
    g_cond_wait (cond, lock);
  g_mutex_unlock (lock);
}

const char *
anju_test_error_code (JsonObject *reply)
{
  g_assert_nonnull (reply);
  g_assert_true (json_object_has_member (reply, "error"));
  return json_object_get_string_member (json_object_get_object_member (reply, "error"), "code");
}

const char *
anju_test_error_field (JsonObject *reply)
{
  return json_object_get_string_member_with_default (json_object_get_object_member (reply, "error"),
                                                     "field", NULL);
}

AnjuUser *
anju_test_add_user_fast (AnjuStore  *store,
                         const char *username,
                         const char *display_name,
                         AnjuRole    role)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (payload, "username", username);
  json_object_set_string_member (payload, "display_name", display_name);
  json_object_set_string_member (payload, "role", anju_role_to_string (role));
  json_object_set_string_member (payload, "password_hash", get_password_hash ());
  answer = anju_command_run (store, anju_user_get_system (), "user.create", payload, &error);
  g_assert_no_error (error);
  return anju_user_lookup (store, json_object_get_string_member (json_object_get_object_member (answer, "result"),
                                                                 "user_id"));
}

/* A server outlives no failed test: it would hold the test's output open. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn (AnjuTestServer *server,
       const char     *listen)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *bin = g_getenv ("ANJU_SERVER_BIN");
  g_autoptr(GPtrArray) argv = NULL;
  const char *start, *end;

  g_assert_nonnull (bin);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "ANJU_TEST_CLOCK_FILE", server->clock_file, TRUE);
  for (guint i = 0; server->env && server->env[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (server->env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *)bin);
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, server->db_path);
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, (char *)listen);
  for (guint i = 0; server->args && server->args[i]; i++)
    g_ptr_array_add (argv, server->args[i]);
  g_ptr_array_add (argv, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  start = strstr (line, "http://");
  if (start == NULL)
    start = strstr (line, "https://");
  g_assert_nonnull (start);
  end = strchr (start, ' ');
  g_free (server->url);
  server->url = end ? g_strndup (start, end - start) : g_strdup (start);
}

void
anju_test_server_start (AnjuTestServer *server)
{
  g_clear_object (&server->process);
  spawn (server, "127.0.0.1:0");
}

void
anju_test_server_restart (AnjuTestServer *server)
{
  g_autofree char *listen = g_strdup (strstr (server->url, "://") + 3);

  g_assert_null (server->process);
  spawn (server, listen);
}

void
anju_test_server_start_with_env (AnjuTestServer *server,
                                 const char     *key,
                                 const char     *value)
{
  const char *kv[] = { NULL, NULL };
  g_autofree char *pair = g_strconcat (key, "=", value, NULL);

  kv[0] = pair;
  g_strfreev (server->env);
  server->env = g_strdupv ((char **)kv);
  anju_test_server_start (server);
  g_clear_pointer (&server->env, g_strfreev);
}

void
anju_test_server_kill (AnjuTestServer *server)
{
  if (server->process == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGKILL);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

void
anju_test_server_stop (AnjuTestServer *server)
{
  g_autoptr(GError) error = NULL;

  if (server->process == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  /* A clean exit: a sanitizer report or a crash fails the test. */
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
  g_clear_object (&server->process);
}

int
anju_test_server_wait (AnjuTestServer *server)
{
  int status;

  g_subprocess_wait (server->process, NULL, NULL);
  status = g_subprocess_get_status (server->process);
  g_clear_object (&server->process);
  return status;
}

void
anju_test_server_set_clock_offset (AnjuTestServer *server,
                                   gint64          seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);

  g_file_set_contents (server->clock_file, text, -1, &error);
  g_assert_no_error (error);
}

void
anju_test_server_free (AnjuTestServer *server)
{
  if (server == NULL)
    return;
  anju_test_server_stop (server);
  anju_test_remove_dir (server->dir);
  g_free (server->dir);
  g_free (server->db_path);
  g_free (server->clock_file);
  g_free (server->url);
  g_strfreev (server->env);
  g_strfreev (server->args);
  g_free (server);
}

guint
anju_test_http_full (SoupSession  *session,
                     const char   *url,
                     const char   *method,
                     const char   *path,
                     const char   *token,
                     GBytes       *body,
                     JsonObject  **reply)
{
  g_autofree char *uri = g_strconcat (url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize size;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (reply != NULL)
    {
      *reply = NULL;
      data = g_bytes_get_data (answer, &size);
      if (size > 0 && json_parser_load_from_data (parser, data, size, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        *reply = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }
  return soup_message_get_status (msg);
}

guint
anju_test_http (const char  *url,
                const char  *method,
                const char  *path,
                const char  *token,
                const char  *body,
                JsonObject **reply)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;

  return anju_test_http_full (session, url, method, path, token, bytes, reply);
}

char *
anju_test_login (const char *url,
                 const char *username)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username,
                                           ANJU_TEST_PASSWORD);
  g_autoptr(JsonObject) reply = NULL;
  guint status = anju_test_http (url, "POST", "/api/v1/login", NULL, body, &reply);

  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (reply);
  return g_strdup (json_object_get_string_member (reply, "token"));
}

char *
anju_test_batch1 (const char *id,
                  const char *type,
                  const char *payload_json)
{
  return g_strdup_printf ("{\"commands\":[{\"id\":\"%s\",\"type\":\"%s\",\"payload\":%s}]}",
                          id, type, payload_json);
}

static void
dump_table (AnjuStore  *store,
            GString    *out,
            const char *sql,
            const char *skip_column)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (anju_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append_printf (out, "[%s]\n", sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const unsigned char *v = sqlite3_column_text (stmt, i);

          if (skip_column && g_str_equal (sqlite3_column_name (stmt, i), skip_column))
            continue;
          g_string_append_printf (out, "%s|", v ? (const char *)v : "∅");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

char *
anju_test_business_rows (AnjuStore *store)
{
  GString *out = g_string_new (NULL);

  dump_table (store, out, "SELECT * FROM users ORDER BY id", "password_hash");
  dump_table (store, out, "SELECT * FROM projects ORDER BY id", NULL);
  dump_table (store, out, "SELECT * FROM buildings ORDER BY id", NULL);
  dump_table (store, out, "SELECT * FROM units ORDER BY id", NULL);
  dump_table (store, out, "SELECT * FROM customers ORDER BY id", NULL);
  dump_table (store, out, "SELECT * FROM customer_events ORDER BY id", NULL);
  return g_string_free (out, FALSE);
}

/* Rows of @table as JSON, each as @reader may receive it. */
static void
dump_rows_for (AnjuStore      *store,
               GString        *out,
               const char     *table,
               const AnjuUser *reader)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s ORDER BY id", table);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (anju_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_string_append_printf (out, "[%s]\n", table);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) row = anju_store_dup_row (store, table, g_ptr_array_index (ids, i), NULL);
      g_autoptr(JsonObject) seen = anju_sync_row_for_reader (store, table, row, reader);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), seen);
      g_autofree char *text = json_to_string (node, FALSE);

      g_string_append_printf (out, "%s\n", text);
    }
}

char *
anju_test_business_rows_for (AnjuStore      *store,
                             const AnjuUser *reader)
{
  GString *out = g_string_new (NULL);

  dump_table (store, out, "SELECT * FROM users ORDER BY id", "password_hash");
  dump_table (store, out, "SELECT * FROM projects ORDER BY id", NULL);
  dump_table (store, out, "SELECT * FROM buildings ORDER BY id", NULL);
  dump_rows_for (store, out, "units", reader);
  dump_rows_for (store, out, "customers", reader);
  dump_table (store, out, "SELECT * FROM customer_events ORDER BY id", NULL);
  return g_string_free (out, FALSE);
}

char *
anju_test_fingerprint (AnjuStore *store)
{
  g_autofree char *business = anju_test_business_rows (store);
  GString *out = g_string_new (business);

  dump_table (store, out, "SELECT command_id, result FROM applied_commands ORDER BY command_id", NULL);
  dump_table (store, out, "SELECT * FROM changes ORDER BY seq", NULL);
  dump_table (store, out, "SELECT count(*) FROM audit WHERE command_id IS NOT NULL", NULL);
  return g_string_free (out, FALSE);
}

gint64
anju_test_count (AnjuStore  *store,
                 const char *sql)
{
  return anju_store_count (store, sql);
}
