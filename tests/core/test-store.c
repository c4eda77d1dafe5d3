/* test-store.c — opening, migrating and transactions */
#include <glib/gstdio.h>

#include "anju-schema.h"
#include "anju-test-util.h"

static gboolean
table_exists (AnjuStore  *store,
              const char *name)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", NULL);
  gboolean found;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  found = sqlite3_column_int (stmt, 0) == 1;
  sqlite3_reset (stmt);
  return found;
}

static void
test_migrate_from_empty (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AnjuStore) store = anju_test_store_new (NULL, &dir);
  g_autofree char *mode = NULL;
  sqlite3_stmt *stmt;

  g_assert_cmpint (anju_store_get_version (store), ==, anju_store_schema_version ());
  g_assert_cmpint (anju_store_schema_version (), >=, 2);
  g_assert_true (table_exists (store, "customers"));
  g_assert_true (table_exists (store, "customer_events"));
  g_assert_true (table_exists (store, "outbox"));
  g_assert_true (table_exists (store, "applied_commands"));

  stmt = anju_store_prepare (store, "PRAGMA journal_mode", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_cmpstr (mode, ==, "wal");
  stmt = anju_store_prepare (store, "PRAGMA foreign_keys", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);

  g_clear_object (&store);
  anju_test_remove_dir (dir);
}

/* A database left at schema 1 by an older Anju keeps its rows and gains
 * what later versions add. */
static void
test_migrate_from_older (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("anju-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(AnjuStore) old = anju_store_open_at_version (path, 1, &error);
  g_autoptr(AnjuStore) store = NULL;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_cmpint (anju_store_get_version (old), ==, 1);
  g_assert_false (table_exists (old, "customer_events"));
  g_assert_true (anju_store_exec (old,
      "INSERT INTO customers (id, name, mobile, profile, created_at, updated_at) "
      "VALUES ('c1', '王芳', '13812345678', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
      &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  store = anju_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (anju_store_get_version (store), ==, anju_store_schema_version ());
  g_assert_true (table_exists (store, "customer_events"));
  stmt = anju_store_prepare (store, "SELECT name, mobile FROM customers WHERE id = 'c1'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "王芳");
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, "13812345678");
  sqlite3_reset (stmt);

  g_clear_object (&store);
  anju_test_remove_dir (dir);
}

/* A database from a newer Anju is refused, not damaged. */
static void
test_refuse_newer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(AnjuStore) store = anju_test_store_new (NULL, &dir);
  g_autofree char *path = g_strdup (anju_store_get_path (store));
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", anju_store_schema_version () + 1);
  g_autoptr(AnjuStore) again = NULL;

  g_assert_true (anju_store_exec (store, pragma, NULL));
  g_clear_object (&store);
  again = anju_store_open (path, &error);
  g_assert_null (again);
  g_assert_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  anju_test_remove_dir (dir);
}

static void
test_nested_transactions (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AnjuStore) store = anju_test_store_new (NULL, &dir);

  g_assert_true (anju_store_begin (store, NULL));
  g_assert_true (anju_store_set_meta (store, "a", "1", NULL));
  g_assert_true (anju_store_begin (store, NULL));
  g_assert_true (anju_store_set_meta (store, "b", "2", NULL));
  anju_store_rollback (store);            /* inner only */
  g_assert_true (anju_store_commit (store, NULL));
  g_assert_false (anju_store_in_transaction (store));

  {
    g_autofree char *a = anju_store_dup_meta (store, "a");
    g_assert_cmpstr (a, ==, "1");
  }
  {
    g_autofree char *b = anju_store_dup_meta (store, "b");
    g_assert_null (b);
  }
  g_clear_object (&store);
  anju_test_remove_dir (dir);
}

static void
test_put_row_checks_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(AnjuStore) store = anju_test_store_new (NULL, &dir);
  g_autoptr(JsonObject) row = anju_test_json_object ("{\"key\": \"x\", \"value\": \"y\", \"evil\": 1}");

  g_assert_false (anju_store_put_row (store, "meta", row, &error));
  g_assert_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_SQL);
  g_assert_nonnull (strstr (error->message, "evil"));
  g_clear_error (&error);
  g_assert_false (anju_store_put_row (store, "meta; DROP TABLE users", row, &error));
  g_assert_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_SQL);
  g_clear_object (&store);
  anju_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/migrate/empty", test_migrate_from_empty);
  g_test_add_func ("/store/migrate/older", test_migrate_from_older);
  g_test_add_func ("/store/migrate/refuse-newer", test_refuse_newer);
  g_test_add_func ("/store/transactions/nested", test_nested_transactions);
  g_test_add_func ("/store/put-row/columns", test_put_row_checks_columns);
  return g_test_run ();
}
