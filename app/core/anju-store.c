/* anju-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-format.h"
#include "anju-schema.h"
#include "anju-search.h"
#include "anju-store.h"

struct _AnjuStore
{
  GObject        parent_instance;

  /* owned */
  char          *path;
  sqlite3       *db;
  GHashTable    *statements;   /* sql → sqlite3_stmt* */
  GHashTable    *columns;      /* table → its column names (a set), read once */
  GHashTable    *puts;         /* "table\nmember\n…" → its upsert (in statements) */

  AnjuClockFunc  clock;
  gpointer       clock_data;
  guint          depth;
};

G_DEFINE_TYPE (AnjuStore, anju_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (anju-store-error-quark, anju_store_error)

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
anju_store_finalize (GObject *object)
{
  AnjuStore *self = (AnjuStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_hash_table_unref);
  g_clear_pointer (&self->puts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (anju_store_parent_class)->finalize (object);
}

static void
anju_store_class_init (AnjuStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = anju_store_finalize;
}

static void
anju_store_init (AnjuStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_hash_table_unref);
  self->puts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->clock = anju_clock_system;
}

int
anju_store_schema_version (void)
{
  guint n;
  const AnjuMigration *m = anju_schema_get_migrations (&n);

  return m[n - 1].version;
}

void
anju_store_set_error (AnjuStore  *self,
                      GError    **error)
{
  int code = sqlite3_errcode (self->db);
  AnjuStoreError e = ANJU_STORE_ERROR_SQL;

  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    e = ANJU_STORE_ERROR_BUSY;
  else if (code == SQLITE_CONSTRAINT)
    e = ANJU_STORE_ERROR_CONSTRAINT;
  g_set_error (error, ANJU_STORE_ERROR, e, "%s", sqlite3_errmsg (self->db));
}

gboolean
anju_store_exec (AnjuStore   *self,
                 const char  *sql,
                 GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_SQL, "%s", msg ? msg : "SQL error");
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
anju_store_prepare (AnjuStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      anju_store_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
anju_store_step_done (AnjuStore     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      anju_store_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Transaction statements run thousands of times in a sync: prepared
 * once each (per savepoint depth), not parsed again at every command. */
static gboolean
run_cached (AnjuStore   *self,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (self, sql, error);

  return stmt != NULL && anju_store_step_done (self, stmt, error);
}

gboolean
anju_store_begin (AnjuStore  *self,
                  GError    **error)
{
  g_autofree char *sql = NULL;

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT anju_%u", self->depth);
  if (!run_cached (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
anju_store_commit (AnjuStore  *self,
                   GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE anju_%u", self->depth - 1);
  if (!run_cached (self, sql, error))
    {
      anju_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

void
anju_store_rollback (AnjuStore *self)
{
  g_autofree char *to = NULL, *release = NULL;

  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    run_cached (self, "ROLLBACK", NULL);
  else
    {
      to = g_strdup_printf ("ROLLBACK TO anju_%u", self->depth - 1);
      release = g_strdup_printf ("RELEASE anju_%u", self->depth - 1);
      run_cached (self, to, NULL);
      run_cached (self, release, NULL);
    }
  self->depth--;
}

gboolean
anju_store_in_transaction (AnjuStore *self)
{
  return self->depth > 0;
}

static int
read_user_version (AnjuStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

int
anju_store_get_version (AnjuStore *self)
{
  return read_user_version (self);
}

static gboolean
migrate_to (AnjuStore  *self,
            int         target,
            GError    **error)
{
  guint n;
  const AnjuMigration *migrations = anju_schema_get_migrations (&n);
  int current = read_user_version (self);

  if (current > anju_store_schema_version ())
    {
      g_set_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_TOO_NEW,
                   _("The database %s was written by a newer version of Anju (schema %d, this one knows %d). Update Anju on this computer."),
                   self->path, current, anju_store_schema_version ());
      return FALSE;
    }
  if (current >= target)
    return TRUE;

  if (!anju_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *pragma = NULL;

      if (migrations[i].version <= current || migrations[i].version > target)
        continue;
      if (!anju_store_exec (self, migrations[i].sql, error))
        {
          g_prefix_error (error, "Migration to schema %d failed: ", migrations[i].version);
          anju_store_rollback (self);
          return FALSE;
        }
      g_hash_table_remove_all (self->columns);
      g_hash_table_remove_all (self->puts);
      pragma = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);
      if (!anju_store_exec (self, pragma, error))
        {
          anju_store_rollback (self);
          return FALSE;
        }
    }
  return anju_store_commit (self, error);
}

gboolean
anju_store_migrate (AnjuStore  *self,
                    GError    **error)
{
  return migrate_to (self, anju_store_schema_version (), error);
}

AnjuStore *
anju_store_open_at_version (const char  *path,
                            int          version,
                            GError     **error)
{
  g_autoptr(AnjuStore) self = g_object_new (ANJU_TYPE_STORE, NULL);
  int rc;

  self->path = g_strdup (path);
  if (g_strcmp0 (path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_mkdir_with_parents (dir, 0700);
    }
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_OPEN,
                   _("Cannot open the database %s: %s. Check that the folder exists and is writable."),
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  /* Before the migrations: the customer search's triggers call them. */
  anju_search_register (self->db);
  /* WAL lets readers go on while a writer works; FULL because money,
   * receipts and the outbox live here and NORMAL can lose a commit. */
  if (!anju_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !anju_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !anju_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      /* savepoint journals and sorts in memory, not in temporary files */
      !anju_store_exec (self, "PRAGMA temp_store = MEMORY", error) ||
      !anju_store_exec (self, "PRAGMA cache_size = " ANJU_STORE_CACHE_SIZE, error))
    return NULL;
  if (!migrate_to (self, version, error))
    return NULL;
  return g_steal_pointer (&self);
}

AnjuStore *
anju_store_open (const char  *path,
                 GError     **error)
{
  return anju_store_open_at_version (path, anju_store_schema_version (), error);
}

const char *
anju_store_get_path (AnjuStore *self)
{
  return self->path;
}

sqlite3 *
anju_store_get_db (AnjuStore *self)
{
  return self->db;
}

void
anju_store_set_clock (AnjuStore     *self,
                      AnjuClockFunc  func,
                      gpointer       user_data)
{
  self->clock = func ? func : anju_clock_system;
  self->clock_data = user_data;
}

void
anju_store_get_clock (AnjuStore     *self,
                      AnjuClockFunc *func,
                      gpointer      *user_data)
{
  *func = self->clock;
  *user_data = self->clock_data;
}

gint64
anju_store_now (AnjuStore *self)
{
  return self->clock (self->clock_data);
}

char *
anju_store_now_string (AnjuStore *self)
{
  return anju_clock_format_utc (anju_store_now (self));
}

char *
anju_store_dup_meta (AnjuStore  *self,
                     const char *key)
{
  sqlite3_stmt *stmt = anju_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
anju_store_set_meta (AnjuStore   *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (self,
      "INSERT INTO meta (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return anju_store_step_done (self, stmt, error);
}

static gboolean
is_identifier (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isalnum (*s) && *s != '_')
      return FALSE;
  return TRUE;
}

/* Column names of @table, for validating row objects from outside; read
 * from the schema once per table (a migration forgets them). */
static GHashTable *
lookup_columns (AnjuStore   *self,
                const char  *table,
                GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GHashTable *columns;

  if ((columns = g_hash_table_lookup (self->columns, table)) != NULL)
    return columns;
  if (!is_identifier (table))
    {
      g_set_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_SQL, "Bad table name “%s”", table);
      return NULL;
    }
  sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s')", table);
  if (!(stmt = anju_store_prepare (self, sql, error)))
    return NULL;
  columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, anju_stmt_dup_text (stmt, 0));
  sqlite3_reset (stmt);
  if (g_hash_table_size (columns) == 0)
    {
      g_set_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_SQL, "No table “%s”", table);
      g_hash_table_unref (columns);
      return NULL;
    }
  g_hash_table_insert (self->columns, g_strdup (table), columns);
  return columns;
}

JsonObject *
anju_store_dup_row (AnjuStore   *self,
                    const char  *table,
                    const char  *id,
                    GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  JsonObject *row = NULL;

  if (!is_identifier (table))
    {
      g_set_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_SQL, "Bad table name “%s”", table);
      return NULL;
    }
  sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?", table);
  if (!(stmt = anju_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row = json_object_new ();
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *name = sqlite3_column_name (stmt, i);

          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_INTEGER:
              json_object_set_int_member (row, name, sqlite3_column_int64 (stmt, i));
              break;
            case SQLITE_FLOAT:
              json_object_set_double_member (row, name, sqlite3_column_double (stmt, i));
              break;
            case SQLITE_NULL:
              json_object_set_null_member (row, name);
              break;
            default:
              json_object_set_string_member (row, name, (const char *)sqlite3_column_text (stmt, i));
              break;
            }
        }
    }
  sqlite3_reset (stmt);
  return row;
}

/* The upsert of @members (@n of them) into @table, checked against its
 * columns; prepared once per table and list of members. */
static sqlite3_stmt *
prepare_put (AnjuStore   *self,
             const char  *table,
             const char  *key,
             const char **members,
             guint        n,
             GError     **error)
{
  GHashTable *columns = lookup_columns (self, table, error);
  g_autoptr(GString) sql = NULL;
  gboolean any_update = FALSE;
  sqlite3_stmt *stmt;

  if (columns == NULL)
    return NULL;
  sql = g_string_new ("INSERT INTO ");
  g_string_append (sql, table);
  g_string_append (sql, " (");
  for (guint i = 0; i < n; i++)
    {
      if (!g_hash_table_contains (columns, members[i]))
        {
          g_set_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_SQL,
                       "Table %s has no column “%s”", table, members[i]);
          return NULL;
        }
      if (i > 0)
        g_string_append (sql, ", ");
      g_string_append (sql, members[i]);
    }
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  /* An upsert on the primary key rather than INSERT OR REPLACE: REPLACE
   * would silently delete any other row that shares a unique value
   * (a mobile number) and delete-then-insert a parent row. */
  g_string_append (sql, ") ON CONFLICT (id) DO ");
  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (members[i], "id"))
        continue;
      g_string_append (sql, any_update ? ", " : "UPDATE SET ");
      g_string_append_printf (sql, "%s = excluded.%s", members[i], members[i]);
      any_update = TRUE;
    }
  if (!any_update)
    g_string_append (sql, "NOTHING");
  if (!(stmt = anju_store_prepare (self, sql->str, error)))
    return NULL;
  g_hash_table_insert (self->puts, g_strdup (key), stmt);
  return stmt;
}

gboolean
anju_store_put_row (AnjuStore   *self,
                    const char  *table,
                    JsonObject  *row,
                    GError     **error)
{
  guint n = json_object_get_size (row);
  g_autofree const char **members = g_new (const char *, n + 1);
  g_autofree JsonNode **nodes = g_new (JsonNode *, n + 1);
  g_autoptr(GString) key = g_string_new (table);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  sqlite3_stmt *stmt;
  guint count = 0;

  /* Sync stores thousands of rows of the same few shapes: the statement
   * is found by the table and the members' names, in order. */
  json_object_iter_init_ordered (&iter, row);
  while (json_object_iter_next_ordered (&iter, &name, &node) && count < n)
    {
      /* (no column is named otherwise, and the key stays unambiguous) */
      if (!is_identifier (name))
        {
          g_set_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_SQL,
                       "Table %s has no column “%s”", table, name);
          return FALSE;
        }
      g_string_append_c (key, '\n');
      g_string_append (key, name);
      members[count] = name;
      nodes[count++] = node;
    }
  if ((stmt = g_hash_table_lookup (self->puts, key->str)) != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  else if (!(stmt = prepare_put (self, table, key->str, members, count, error)))
    return FALSE;
  for (guint i = 0; i < count; i++)
    {
      int col = i + 1;

      node = nodes[i];
      if (JSON_NODE_HOLDS_NULL (node))
        sqlite3_bind_null (stmt, col);
      else if (JSON_NODE_HOLDS_VALUE (node))
        {
          switch (json_node_get_value_type (node))
            {
            case G_TYPE_INT64:
              sqlite3_bind_int64 (stmt, col, json_node_get_int (node));
              break;
            case G_TYPE_DOUBLE:
              sqlite3_bind_double (stmt, col, json_node_get_double (node));
              break;
            case G_TYPE_BOOLEAN:
              sqlite3_bind_int (stmt, col, json_node_get_boolean (node));
              break;
            default:
              sqlite3_bind_text (stmt, col, json_node_get_string (node), -1, SQLITE_TRANSIENT);
              break;
            }
        }
      else
        {
          g_autofree char *text = json_to_string (node, FALSE);
          sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
        }
    }
  return anju_store_step_done (self, stmt, error);
}

gboolean
anju_store_delete_row (AnjuStore   *self,
                       const char  *table,
                       const char  *id,
                       GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (!is_identifier (table))
    {
      g_set_error (error, ANJU_STORE_ERROR, ANJU_STORE_ERROR_SQL, "Bad table name “%s”", table);
      return FALSE;
    }
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
  if (!(stmt = anju_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return anju_store_step_done (self, stmt, error);
}

gint64
anju_store_count (AnjuStore  *self,
                  const char *sql)
{
  sqlite3_stmt *stmt = anju_store_prepare (self, sql, NULL);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

char *
anju_stmt_dup_text (sqlite3_stmt *stmt,
                    int           col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text ? g_strdup ((const char *)text) : NULL;
}

char *
anju_stmt_dup_person (sqlite3_stmt *stmt,
                      int           name_col,
                      int           title_col)
{
  const char *name = (const char *) sqlite3_column_text (stmt, name_col);

  return anju_format_person (name ? name : "", (const char *) sqlite3_column_text (stmt, title_col));
}

void
anju_stmt_bind_text_or_null (sqlite3_stmt *stmt,
                             int           col,
                             const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, col);
  else
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
}
