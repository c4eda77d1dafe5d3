/* anju-sync-protocol.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-json.h"
#include "anju-sync-protocol.h"

static const char * const private_tables[] = {
  "meta", "outbox", "applied_commands", "changes", "audit",
  "sessions", "login_failures", "sync_rejections",
};

static const struct
{
  const char *table;
  const char *column;
} secret_columns[] = {
  { "users", "password_hash" },
};

gboolean
anju_sync_table_is_private (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (private_tables); i++)
    if (g_strcmp0 (private_tables[i], table) == 0)
      return TRUE;
  return g_str_has_prefix (table, "sqlite_");
}

gboolean
anju_sync_column_is_secret (const char *table,
                            const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (secret_columns); i++)
    if (g_strcmp0 (secret_columns[i].table, table) == 0 &&
        g_strcmp0 (secret_columns[i].column, column) == 0)
      return TRUE;
  return FALSE;
}

JsonObject *
anju_sync_row_strip_secrets (const char *table,
                             JsonObject *row)
{
  JsonObject *copy = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (secret_columns); i++)
    {
      if (!g_str_equal (secret_columns[i].table, table) ||
          !json_object_has_member (row, secret_columns[i].column))
        continue;
      if (copy == NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), row);
          g_autoptr(JsonNode) dup = json_node_copy (node);

          copy = json_object_ref (json_node_get_object (dup));
        }
      json_object_set_string_member (copy, secret_columns[i].column, "");
    }
  return copy ? copy : json_object_ref (row);
}

JsonNode *
anju_sync_error_body_new (const char *code,
                          const char *message,
                          const char *field)
{
  JsonObject *root = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  if (field != NULL)
    json_object_set_string_member (error, "field", field);
  else
    json_object_set_null_member (error, "field");
  json_object_set_object_member (root, "error", error);
  return json_node_init_object (json_node_alloc (), root);
}

JsonObject *
anju_sync_parse_object (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(JsonNode) root = anju_json_parse (data, length, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, NULL,
                           _("The JSON text must be an object ({…})."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}
