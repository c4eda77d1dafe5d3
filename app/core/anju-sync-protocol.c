/* anju-sync-protocol.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-ident.h"
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

/* A new object with @row's members, so that setting one leaves @row as
 * it was (json_node_copy() would share the object). */
static JsonObject *
copy_members (JsonObject *row)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, row);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (copy, name, json_node_copy (member));
  return copy;
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
        copy = copy_members (row);
      json_object_set_string_member (copy, secret_columns[i].column, "");
    }
  return copy ? copy : json_object_ref (row);
}

gboolean
anju_sync_table_is_filtered (const char     *table,
                             const AnjuUser *reader)
{
  if (anju_sync_column_is_secret (table, "password_hash"))
    return TRUE;
  if (reader->role & ANJU_ROLE_MANAGER || reader->role & ANJU_ROLE_ADMIN)
    return FALSE;
  return g_str_equal (table, "units") || g_str_equal (table, "unit_prices") ||
         g_str_equal (table, "customers") || g_str_equal (table, "calls") ||
         g_str_equal (table, "sms_outbox");
}

static char *
dup_customer_owner (AnjuStore  *store,
                    const char *customer_id)
{
  sqlite3_stmt *stmt;
  char *owner = NULL;

  if (customer_id == NULL || !(stmt = anju_store_prepare (store, "SELECT owner_id FROM customers WHERE id = ?", NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    owner = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return owner;
}

static void
mask_member (JsonObject *row,
             const char *member)
{
  const char *value = json_object_get_string_member_with_default (row, member, NULL);
  g_autofree char *masked = value ? anju_mobile_mask (value) : NULL;

  if (masked != NULL)
    json_object_set_string_member (row, member, masked);
}

JsonObject *
anju_sync_row_for_reader (AnjuStore      *store,
                          const char     *table,
                          JsonObject     *row,
                          const AnjuUser *reader)
{
  g_autoptr(JsonObject) stripped = anju_sync_row_strip_secrets (table, row);
  JsonObject *copy;

  if (!anju_sync_table_is_filtered (table, reader) || g_str_equal (table, "users"))
    return g_steal_pointer (&stripped);
  copy = copy_members (stripped);

  if ((g_str_equal (table, "units") || g_str_equal (table, "unit_prices")) &&
      !(reader->role & ANJU_ROLES_SEE_FLOOR_PRICE) && json_object_has_member (copy, "floor_price"))
    json_object_set_null_member (copy, "floor_price");
  else if (g_str_equal (table, "customers") &&
           !anju_customer_may_see_personal (reader, json_object_get_string_member_with_default (copy, "owner_id", NULL)))
    {
      /* NULL, not masked: a masked number is not unique, and the desk's
       * table allows a mobile only once. */
      if (json_object_has_member (copy, "mobile"))
        json_object_set_null_member (copy, "mobile");
      if (json_object_has_member (copy, "id_number"))
        json_object_set_null_member (copy, "id_number");
    }
  else if (g_str_equal (table, "calls") || g_str_equal (table, "sms_outbox"))
    {
      const char *customer_id = json_object_get_string_member_with_default (copy, "customer_id", NULL);
      g_autofree char *owner = dup_customer_owner (store, customer_id);
      /* A call from a number no customer has belongs to who answered it. */
      const char *holder = customer_id ? owner
                           : json_object_get_string_member_with_default (copy, "answered_by", NULL);

      if (!anju_customer_may_see_personal (reader, holder))
        {
          mask_member (copy, "mobile");
          mask_member (copy, "to_mobile");
        }
    }
  return copy;
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
