/* anju-store.h — the one narrow interface to the database
 *
 * An AnjuStore owns one SQLite connection. It is not thread-safe: the UI
 * runs every call on its database worker thread (AnjuWorker); the server
 * and the CLI use it from one thread. Opening migrates the schema to the
 * current version inside a transaction, so a database is either at the old
 * version or at the new one, never in between.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "anju-clock.h"

G_BEGIN_DECLS

#define ANJU_STORE_ERROR (anju_store_error_quark ())

typedef enum
{
  ANJU_STORE_ERROR_OPEN,
  ANJU_STORE_ERROR_SQL,
  ANJU_STORE_ERROR_BUSY,
  ANJU_STORE_ERROR_CONSTRAINT,
  ANJU_STORE_ERROR_TOO_NEW,
} AnjuStoreError;

GQuark anju_store_error_quark (void);

#define ANJU_TYPE_STORE (anju_store_get_type ())
G_DECLARE_FINAL_TYPE (AnjuStore, anju_store, ANJU, STORE, GObject)

/* The schema version this build writes; anju_store_open() migrates older
 * databases up to it and refuses newer ones (ANJU_STORE_ERROR_TOO_NEW). */
#define ANJU_SCHEMA_VERSION anju_store_schema_version ()

/* A desk's SQLite page cache, as the cache_size pragma's value (negative:
 * KiB). 4 MB: the customer queries at 1,000,000 rows read no faster with
 * 16 MB (bench-customers), the operating system caches the file anyway,
 * and the window keeps 12 MB less resident (bench-window). */
#define ANJU_STORE_CACHE_SIZE "-4000"
int           anju_store_schema_version     (void);

/* Opens (creating if needed) the database at @path and migrates it.
 * @path may be ":memory:". */
AnjuStore    *anju_store_open               (const char    *path,
                                             GError       **error);
/* Opens without migrating beyond @version (tests of migrations). */
AnjuStore    *anju_store_open_at_version    (const char    *path,
                                             int            version,
                                             GError       **error);
gboolean      anju_store_migrate            (AnjuStore     *self,
                                             GError       **error);

const char   *anju_store_get_path           (AnjuStore     *self);
sqlite3      *anju_store_get_db             (AnjuStore     *self);
int           anju_store_get_version        (AnjuStore     *self);

void          anju_store_set_clock          (AnjuStore     *self,
                                             AnjuClockFunc  func,
                                             gpointer       user_data);
/* The clock set with anju_store_set_clock() (to wrap it for a while). */
void          anju_store_get_clock          (AnjuStore     *self,
                                             AnjuClockFunc *func,
                                             gpointer      *user_data);
/* Now, in µs since the epoch (UTC), from the injected clock. */
gint64        anju_store_now                (AnjuStore     *self);
/* Now as an ISO 8601 UTC string, newly allocated. */
char         *anju_store_now_string         (AnjuStore     *self);

gboolean      anju_store_exec               (AnjuStore     *self,
                                             const char    *sql,
                                             GError       **error);
/* Returns a cached, reset statement for @sql; owned by the store. */
sqlite3_stmt *anju_store_prepare            (AnjuStore     *self,
                                             const char    *sql,
                                             GError       **error);
/* Steps a statement that returns no rows; resets it afterwards. */
gboolean      anju_store_step_done          (AnjuStore     *self,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
/* Sets @error from the connection's last error. */
void          anju_store_set_error          (AnjuStore     *self,
                                             GError       **error);

/* Transactions nest: the outermost is BEGIN IMMEDIATE, inner ones are
 * savepoints. Every begin is matched by exactly one commit or rollback. */
gboolean      anju_store_begin              (AnjuStore     *self,
                                             GError       **error);
gboolean      anju_store_commit             (AnjuStore     *self,
                                             GError       **error);
void          anju_store_rollback           (AnjuStore     *self);
gboolean      anju_store_in_transaction     (AnjuStore     *self);

/* Meta values (key/value strings kept in the database). */
char         *anju_store_dup_meta           (AnjuStore     *self,
                                             const char    *key);
gboolean      anju_store_set_meta           (AnjuStore     *self,
                                             const char    *key,
                                             const char    *value,
                                             GError       **error);

/* One row of @table with primary key @id as a JSON object of its columns
 * (integers as integers, text as strings, NULL as null), or NULL if absent. */
JsonObject   *anju_store_dup_row            (AnjuStore     *self,
                                             const char    *table,
                                             const char    *id,
                                             GError       **error);
/* Inserts or replaces a row from a JSON object of its columns. Column
 * names are checked against the table, so the object is never trusted.
 * An existing row with the same "id" is updated in place; a clash on any
 * other unique column fails with ANJU_STORE_ERROR_CONSTRAINT. */
gboolean      anju_store_put_row            (AnjuStore     *self,
                                             const char    *table,
                                             JsonObject    *row,
                                             GError       **error);
gboolean      anju_store_delete_row         (AnjuStore     *self,
                                             const char    *table,
                                             const char    *id,
                                             GError       **error);

/* Count of rows for a simple "SELECT count(*) ..." query with no bindings. */
gint64        anju_store_count              (AnjuStore     *self,
                                             const char    *sql);

/* Convenience: a statement's text column as a newly allocated string. */
char         *anju_stmt_dup_text            (sqlite3_stmt  *stmt,
                                             int            col);
/* The person in the columns @name_col and @title_col as lists name them,
 * "赵建国 (赵先生)" (anju_format_person()); a NULL name reads as "". */
char         *anju_stmt_dup_person          (sqlite3_stmt  *stmt,
                                             int            name_col,
                                             int            title_col);
/* Binds a string, or NULL when @text is NULL or empty. */
void          anju_stmt_bind_text_or_null   (sqlite3_stmt  *stmt,
                                             int            col,
                                             const char    *text);

G_END_DECLS
