/* test-anjuctl.c — anjuctl end to end on a real database file */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static char *dir;
static char *db;

/* Runs anjuctl --database DB ARGS… with @input on stdin. */
static void
anjuctl (Result     *r,
         const char *input,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer)g_getenv ("ANJUCTL"));
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, db);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (proc);
}

static void
test_version (void)
{
  g_auto(Result) r = { 0 };

  anjuctl (&r, NULL, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "anjuctl "));
}

static void
test_check_id (void)
{
  g_auto(Result) ok = { 0 };
  g_auto(Result) bad = { 0 };
  g_auto(Result) legacy = { 0 };

  anjuctl (&ok, NULL, "check-id", "11010519491231002x", NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "11010519491231002X"));
  g_assert_nonnull (strstr (ok.out, "1949-12-31"));
  anjuctl (&bad, NULL, "check-id", "110105194912310021", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_true (g_str_has_prefix (bad.out, "invalid: "));
  /* 15 digits become 18: 110105491231002 → 11010519491231002X */
  anjuctl (&legacy, NULL, "check-id", "110105491231002", NULL);
  g_assert_cmpint (legacy.status, ==, 0);
  g_assert_nonnull (strstr (legacy.out, "11010519491231002X"));
}

static void
test_amount_words (void)
{
  g_auto(Result) a = { 0 };
  g_auto(Result) b = { 0 };
  g_auto(Result) c = { 0 };
  g_auto(Result) bad = { 0 };

  anjuctl (&a, NULL, "amount-words", "107000.53", NULL);
  g_assert_cmpstr (a.out, ==, "人民币壹拾万柒仟元零伍角叁分\n");
  anjuctl (&b, NULL, "amount-words", "1000000", NULL);
  g_assert_cmpstr (b.out, ==, "人民币壹佰万元整\n");
  anjuctl (&c, NULL, "amount-words", "16409.02", NULL);
  g_assert_cmpstr (c.out, ==, "人民币壹万陆仟肆佰零玖元零贰分\n");
  anjuctl (&bad, NULL, "amount-words", "12.345", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "amount"));
}

static int
count_rows (const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return n;
}

static void
test_init_users_apply_find (void)
{
  g_auto(Result) init = { 0 };
  g_auto(Result) add = { 0 };
  g_auto(Result) weak = { 0 };
  g_auto(Result) apply = { 0 };
  g_auto(Result) find = { 0 };
  g_auto(Result) none = { 0 };
  g_auto(Result) unknown = { 0 };
  g_auto(GStrv) lines = NULL;
  const char *commands =
    "{\"id\": \"8f14e45f-ceea-467f-a8f0-6a1c3e2b9d01\", \"type\": \"customer.create\", "
    "\"payload\": {\"name\": \"王芳\", \"mobile\": \"13812345678\"}}\n"
    "\n"
    "{\"id\": \"8f14e45f-ceea-467f-a8f0-6a1c3e2b9d02\", \"type\": \"customer.create\", "
    "\"payload\": {\"name\": \"赵敏\", \"id_number\": \"110105194912310021\"}}\n"
    "not json at all\n"
    "{\"id\": \"8f14e45f-ceea-467f-a8f0-6a1c3e2b9d03\", \"type\": \"customer.create\", "
    "\"payload\": {\"name\": \"孙丽\", \"mobile\": \"13900001111\"}}\n";

  anjuctl (&init, NULL, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  anjuctl (&add, "a-long-password\n", "users", "add", "lina", "--role", "consultant",
           "--display-name", "李娜", NULL);
  g_assert_cmpint (add.status, ==, 0);
  anjuctl (&weak, "short\n", "users", "add", "wang", "--role", "consultant", NULL);
  g_assert_cmpint (weak.status, ==, 1);
  g_assert_nonnull (strstr (weak.err, "password"));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM users"), ==, 1);

  anjuctl (&apply, commands, "apply", "-", "--user", "lina", NULL);
  g_assert_cmpint (apply.status, ==, 1);              /* two lines were refused */
  lines = g_strsplit (g_strstrip (apply.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_nonnull (strstr (lines[0], "\"status\":\"applied\""));
  g_assert_nonnull (strstr (lines[1], "\"status\":\"rejected\""));
  g_assert_nonnull (strstr (lines[1], "\"field\":\"id_number\""));
  g_assert_nonnull (strstr (lines[2], "\"code\":\"malformed\""));
  g_assert_nonnull (strstr (lines[2], "\"line\":4"));
  g_assert_nonnull (strstr (lines[3], "\"status\":\"applied\""));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM customers"), ==, 2);

  anjuctl (&find, NULL, "customers", "find", "138123", NULL);
  g_assert_cmpint (find.status, ==, 0);
  g_assert_nonnull (strstr (find.out, "王芳"));
  g_assert_nonnull (strstr (find.out, "138****5678"));
  g_assert_null (strstr (find.out, "13812345678"));
  anjuctl (&none, NULL, "customers", "find", "nobody", NULL);
  g_assert_cmpint (none.status, ==, 1);

  anjuctl (&unknown, "", "apply", "-", "--user", "ghost", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "ghost"));
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("anjuctl-test-XXXXXX", NULL);
  db = g_build_filename (dir, "office.db", NULL);
  g_test_add_func ("/anjuctl/version", test_version);
  g_test_add_func ("/anjuctl/check-id", test_check_id);
  g_test_add_func ("/anjuctl/amount-words", test_amount_words);
  g_test_add_func ("/anjuctl/init-users-apply-find", test_init_users_apply_find);
  rc = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    (void) !system (cmd);
  }
  g_free (db);
  g_free (dir);
  return rc;
}
