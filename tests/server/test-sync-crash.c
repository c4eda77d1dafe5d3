/* test-sync-crash.c — processes killed at the worst moments lose nothing
 * and apply nothing twice
 */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "anju-command.h"
#include "anju-sync-engine.h"
#include "anju-test-server.h"

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Runs anjuctl on @database; returns its wait status. */
static int
run_anjuctl (const char  *database,
             const char  *env_key,
             char       **out)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("ANJUCTL_BIN");

  g_assert_nonnull (bin);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (env_key != NULL)
    g_subprocess_launcher_setenv (launcher, env_key, "1", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, bin, "--database", database, "sync", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_status (process);
}

static AnjuStore *
desk_connect (AnjuTestServer *server,
              const char     *name,
              const char     *username)
{
  return anju_test_desk_sign_in (server, name, username, NULL);
}

static void
run_local (AnjuStore  *store,
           const char *username,
           const char *type,
           JsonObject *payload)
{
  g_autoptr(AnjuUser) user = anju_user_lookup_by_name (store, username);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = anju_command_run (store, user, type, payload, &error);
  g_assert_no_error (error);
}

static void
create_customers (AnjuStore  *store,
                  const char *username,
                  guint       n,
                  const char *prefix)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) payload = json_object_new ();
      g_autoptr(JsonObject) note = json_object_new ();
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *name = g_strdup_printf ("%s%u", prefix, i);

      json_object_set_string_member (payload, "customer_id", id);
      json_object_set_string_member (payload, "name", name);
      run_local (store, username, "customer.create", payload);
      json_object_set_string_member (note, "customer_id", id);
      json_object_set_string_member (note, "text", "到访");
      run_local (store, username, "customer.note", note);
    }
}

static void
assert_same_rows (AnjuStore *a,
                  AnjuStore *b)
{
  g_autofree char *rows_a = anju_test_business_rows (a);
  g_autofree char *rows_b = anju_test_business_rows (b);

  g_assert_cmpstr (rows_a, ==, rows_b);
}

/* `anjuctl sync` dies (SIGKILL) after the server answered its push and
 * before it took the answer; the next run sends again, nothing doubles. */
static void
test_client_killed (void)
{
  g_autoptr(AnjuTestServer) server = anju_test_server_new ();
  g_autoptr(AnjuStore) office = anju_test_server_open_store (server);
  g_autoptr(AnjuUser) wang = anju_test_add_user_fast (office, "wang", "王芳", ANJU_ROLE_CONSULTANT);
  g_autoptr(AnjuStore) desk = NULL;
  g_autofree char *path = NULL, *out = NULL, *out2 = NULL;
  int status;

  anju_test_server_start (server);
  desk = desk_connect (server, "d.db", "wang");
  path = g_build_filename (server->dir, "d.db", NULL);
  create_customers (desk, "wang", 3, "客户");
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM outbox"), ==, 6);

  status = run_anjuctl (path, "ANJU_SYNC_TEST_DIE_AFTER_PUSH", &out);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  /* Applied on the server, still waiting on the desk. */
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customer_events"), ==, 6);
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM outbox"), ==, 6);

  status = run_anjuctl (path, NULL, &out2);
  g_test_message ("%s", out2);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_nonnull (strstr (out2, "Sent 6 commands"));
  g_assert_nonnull (strstr (out2, "6 applied, 0 rejected"));
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customer_events"), ==, 6);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM applied_commands WHERE type LIKE 'customer.%'"), ==, 6);
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM customer_events"), ==, 6);
  assert_same_rows (desk, office);
}

/* The server dies (SIGKILL) in the middle of applying a batch: the batch
 * is not half there, what it had acknowledged is, and the desk's next
 * push applies the rest once. */
static void
test_server_killed_mid_batch (void)
{
  g_autoptr(AnjuTestServer) server = anju_test_server_new ();
  g_autoptr(AnjuStore) office = anju_test_server_open_store (server);
  g_autoptr(AnjuUser) wang = anju_test_add_user_fast (office, "wang", "王芳", ANJU_ROLE_CONSULTANT);
  g_autoptr(AnjuStore) desk = NULL;
  g_autoptr(AnjuSyncEngine) engine = NULL;
  g_autoptr(AnjuSyncReport) first = anju_sync_report_new ();
  g_autoptr(AnjuSyncReport) second = anju_sync_report_new ();
  g_autoptr(AnjuSyncReport) third = anju_sync_report_new ();
  g_autoptr(GError) error = NULL;
  int status;

  /* user.create of wang is command 1; the crash comes at the 3rd
   * customer command of the second push. */
  anju_test_server_start_with_env (server, "ANJU_SERVER_TEST_CRASH_AFTER", "5");
  desk = desk_connect (server, "d.db", "wang");
  engine = anju_sync_engine_new (desk);

  create_customers (desk, "wang", 1, "先到");
  anju_sync_engine_push (engine, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_applied, ==, 2);

  create_customers (desk, "wang", 3, "后到");
  anju_sync_engine_push (engine, second, NULL, &error);
  g_assert_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_OFFLINE);
  g_clear_error (&error);
  status = anju_test_server_wait (server);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  /* Acknowledged: there. The batch in the middle: not at all. */
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM applied_commands WHERE type LIKE 'customer.%'"), ==, 2);
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM outbox"), ==, 6);

  anju_test_server_restart (server);
  anju_sync_engine_sync (engine, third, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->n_applied, ==, 6);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customers"), ==, 4);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customer_events"), ==, 8);
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM outbox"), ==, 0);
  assert_same_rows (desk, office);
}

typedef struct
{
  const char *url;
  char       *token;
  GMutex      lock;
  GPtrArray  *batches;        /* char* bodies sent, in order */
  GPtrArray  *acknowledged;   /* char* command ids answered "applied" */
  gboolean    stop;
} Load;

static gpointer
load_thread (gpointer data)
{
  Load *load = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (load->url, "/api/v1/commands", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", load->token, NULL);

  for (guint b = 0; b < 500 && !load->stop; b++)
    {
      g_autoptr(GString) body = g_string_new ("{\"commands\":[");
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr(GBytes) bytes = NULL, answer = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      for (guint i = 0; i < 100; i++)
        {
          char *id = g_uuid_string_random ();

          g_string_append_printf (body, "%s{\"id\":\"%s\",\"type\":\"customer.create\",\"payload\":"
                                  "{\"customer_id\":\"%s\",\"name\":\"负载%u-%u\"}}",
                                  i ? "," : "", id, id, b, i);
          g_ptr_array_add (ids, id);
        }
      g_string_append (body, "]}");
      g_mutex_lock (&load->lock);
      g_ptr_array_add (load->batches, g_strdup (body->str));
      g_mutex_unlock (&load->lock);

      length = body->len;
      bytes = g_bytes_new_take (g_string_free (g_steal_pointer (&body), FALSE), length);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      answer = soup_session_send_and_read (session, msg, NULL, &error);
      if (answer == NULL || soup_message_get_status (msg) != 200)
        break;     /* the server is gone */
      g_mutex_lock (&load->lock);
      for (guint i = 0; i < ids->len; i++)
        g_ptr_array_add (load->acknowledged, g_strdup (g_ptr_array_index (ids, i)));
      g_mutex_unlock (&load->lock);
    }
  return NULL;
}

/* SIGKILL at a moment nobody chose, under a stream of pushes. */
static void
test_server_killed_under_load (void)
{
  g_autoptr(AnjuTestServer) server = anju_test_server_new ();
  g_autoptr(AnjuStore) office = anju_test_server_open_store (server);
  g_autoptr(AnjuUser) li = anju_test_add_user_fast (office, "li", "李娜", ANJU_ROLE_MANAGER);
  Load load = { 0 };
  GThread *thread;
  gint64 total;

  anju_test_server_start (server);
  load.url = server->url;
  load.token = anju_test_login (server->url, "li");
  g_mutex_init (&load.lock);
  load.batches = g_ptr_array_new_with_free_func (g_free);
  load.acknowledged = g_ptr_array_new_with_free_func (g_free);

  thread = g_thread_new ("load", load_thread, &load);
  /* On a busy machine the first answer can take seconds: kill only once
   * something was acknowledged, at a random moment after that. */
  for (guint waited = 0; waited < 600; waited++)
    {
      gboolean any;

      g_mutex_lock (&load.lock);
      any = load.acknowledged->len > 0;
      g_mutex_unlock (&load.lock);
      if (any)
        break;
      g_usleep (100 * 1000);
    }
  g_usleep (g_test_rand_int_range (0, 400) * 1000);
  anju_test_server_kill (server);
  load.stop = TRUE;
  g_thread_join (thread);
  g_test_message ("killed after %u batches, %u commands acknowledged",
                  load.batches->len, load.acknowledged->len);
  g_assert_cmpuint (load.acknowledged->len, >, 0);

  /* Every acknowledged command is there after the restart. */
  anju_test_server_restart (server);
  for (guint i = 0; i < load.acknowledged->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customers WHERE id = '%s'",
                                              (char *)g_ptr_array_index (load.acknowledged, i));
      g_assert_cmpint (anju_test_count (office, sql), ==, 1);
    }

  /* The desk that sent them sends every batch again: each command once. */
  for (guint b = 0; b < load.batches->len; b++)
    {
      g_autoptr(JsonObject) reply = NULL;
      JsonArray *results;

      g_assert_cmpuint (anju_test_http (server->url, "POST", "/api/v1/commands", load.token,
                                        g_ptr_array_index (load.batches, b), &reply), ==, 200);
      results = json_object_get_array_member (reply, "results");
      for (guint i = 0; i < json_array_get_length (results); i++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, i), "status"),
                         ==, "applied");
    }
  total = load.batches->len * 100;
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customers"), ==, total);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customer_events"), ==, total);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM applied_commands WHERE type = 'customer.create'"),
                   ==, total);

  g_ptr_array_unref (load.batches);
  g_ptr_array_unref (load.acknowledged);
  g_mutex_clear (&load.lock);
  g_free (load.token);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/sync/crash/client-killed-after-push", test_client_killed);
  g_test_add_func ("/sync/crash/server-killed-mid-batch", test_server_killed_mid_batch);
  g_test_add_func ("/sync/crash/server-killed-under-load", test_server_killed_under_load);
  return g_test_run ();
}
