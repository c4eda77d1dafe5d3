/* anju-schema.h — the schema as a list of migrations
 *
 * Migration N takes a database from version N-1 to N. They are only ever
 * appended: a shipped migration is never edited. SQL stays within what
 * PostgreSQL also accepts where it can (TEXT, INTEGER, CHECK, REFERENCES).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int         version;
  const char *sql;
} AnjuMigration;

const AnjuMigration *anju_schema_get_migrations (guint *n_migrations);

G_END_DECLS
