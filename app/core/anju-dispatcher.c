/* anju-dispatcher.c — applies commands: role, transaction, audit, feed, outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-json.h"
#include "anju-ident.h"

struct _AnjuCommandContext
{
  AnjuStore         *store;
  const AnjuUser    *actor;
  const AnjuCommand *command;
  gint64             now;
  char              *now_string;
  char              *subject;
  JsonObject        *result;
  GPtrArray         *touched;   /* "table\nid" strings, in order */
  GHashTable        *touched_set;  /* the same strings, for a quick "seen?" */
  guint              n_new_ids;
  JsonObject        *audit;     /* what the handler adds to the audit entry, or NULL */
};

static GHashTable *registry;     /* type → const AnjuCommandSpec* */
static GMutex registry_lock;

void
anju_commands_register (const AnjuCommandSpec *specs,
                        guint                  n_specs)
{
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_specs; i++)
    g_hash_table_insert (registry, (gpointer)specs[i].type, (gpointer)&specs[i]);
  g_mutex_unlock (&registry_lock);

  /* Every spec says what its payload is (anju-command.h). */
  for (guint i = 0; i < n_specs; i++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!(fields = anju_command_spec_dup_fields (&specs[i], &local_error)))
        g_critical ("Command spec without valid “fields”: %s", local_error->message);
    }
}

static gint
compare_specs (gconstpointer a,
               gconstpointer b)
{
  const AnjuCommandSpec *spec_a = *(const AnjuCommandSpec * const *)a;
  const AnjuCommandSpec *spec_b = *(const AnjuCommandSpec * const *)b;

  return strcmp (spec_a->type, spec_b->type);
}

GPtrArray *
anju_commands_list (void)
{
  GPtrArray *specs = g_ptr_array_new ();

  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    {
      GHashTableIter iter;
      gpointer spec;

      g_hash_table_iter_init (&iter, registry);
      while (g_hash_table_iter_next (&iter, NULL, &spec))
        g_ptr_array_add (specs, spec);
    }
  g_mutex_unlock (&registry_lock);
  g_ptr_array_sort (specs, compare_specs);
  return specs;
}

const AnjuCommandSpec *
anju_commands_lookup (const char *type)
{
  const AnjuCommandSpec *spec;

  g_mutex_lock (&registry_lock);
  spec = registry ? g_hash_table_lookup (registry, type) : NULL;
  g_mutex_unlock (&registry_lock);
  return spec;
}

static GHashTable *topics_of_table;   /* table → GPtrArray of const char* topics */

void
anju_topic_declare (const char         *topic,
                    const char * const *tables)
{
  g_mutex_lock (&registry_lock);
  if (topics_of_table == NULL)
    topics_of_table = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      GPtrArray *topics = g_hash_table_lookup (topics_of_table, tables[i]);

      if (topics == NULL)
        {
          /* lives as long as the process, like the specs */
          topics = g_ptr_array_new ();
          g_ptr_array_add (topics, NULL);
          g_hash_table_insert (topics_of_table, (gpointer)tables[i], topics);
        }
      if (g_strv_contains ((const char * const *)topics->pdata, topic))
        continue;
      g_ptr_array_insert (topics, topics->len - 1, (gpointer)topic);
    }
  g_mutex_unlock (&registry_lock);
}

const char * const *
anju_table_get_topics (const char *table)
{
  GPtrArray *topics;

  g_mutex_lock (&registry_lock);
  topics = topics_of_table ? g_hash_table_lookup (topics_of_table, table) : NULL;
  g_mutex_unlock (&registry_lock);
  return topics ? (const char * const *)topics->pdata : NULL;
}

GStrv
anju_topics_for_tables (const char * const *tables)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; tables != NULL && tables[i] != NULL; i++)
    {
      const char * const *topics = anju_table_get_topics (tables[i]);

      for (guint j = 0; topics != NULL && topics[j] != NULL; j++)
        if (g_hash_table_add (seen, (gpointer)topics[j]))
          g_strv_builder_add (builder, topics[j]);
    }
  return g_strv_builder_end (builder);
}

GStrv
anju_command_answer_dup_topics (JsonObject *answer)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *topics = NULL;

  if (answer != NULL && json_object_has_member (answer, "topics"))
    topics = json_object_get_array_member (answer, "topics");
  for (guint i = 0; topics != NULL && i < json_array_get_length (topics); i++)
    g_strv_builder_add (builder, json_array_get_string_element (topics, i));
  return g_strv_builder_end (builder);
}

gboolean
anju_topics_match (const char * const *changed,
                   const char * const *topics)
{
  for (guint i = 0; changed != NULL && topics[i] != NULL; i++)
    if (g_strv_contains (changed, topics[i]))
      return TRUE;
  return FALSE;
}

AnjuCommandRoute
anju_command_route (const char *type,
                    gboolean    connected)
{
  const AnjuCommandSpec *spec = anju_commands_lookup (type);

  if (!connected || spec == NULL)
    return ANJU_COMMAND_ROUTE_LOCAL;
  if (spec->flags & ANJU_COMMAND_FLAG_OFFICE_DECISION)
    return ANJU_COMMAND_ROUTE_OFFICE;
  if (spec->flags & ANJU_COMMAND_FLAG_OFFICE_PREFERRED)
    return ANJU_COMMAND_ROUTE_OFFICE_PREFERRED;
  return ANJU_COMMAND_ROUTE_LOCAL;
}

AnjuStore *
anju_command_context_get_store (AnjuCommandContext *ctx)
{
  return ctx->store;
}

const AnjuUser *
anju_command_context_get_actor (AnjuCommandContext *ctx)
{
  return ctx->actor;
}

const char *
anju_command_context_get_command_id (AnjuCommandContext *ctx)
{
  return ctx->command->id;
}

gint64
anju_command_context_get_now (AnjuCommandContext *ctx)
{
  return ctx->now;
}

const char *
anju_command_context_get_now_string (AnjuCommandContext *ctx)
{
  return ctx->now_string;
}

JsonObject *
anju_command_context_get_result (AnjuCommandContext *ctx)
{
  return ctx->result;
}

void
anju_command_context_set_subject (AnjuCommandContext *ctx,
                                  const char         *subject)
{
  g_free (ctx->subject);
  ctx->subject = g_strdup (subject);
}

void
anju_command_context_add_audit (AnjuCommandContext *ctx,
                                const char         *member,
                                JsonNode           *value)
{
  g_return_if_fail (ctx != NULL);
  g_return_if_fail (member != NULL);

  if (ctx->audit == NULL)
    ctx->audit = json_object_new ();
  json_object_set_member (ctx->audit, member, value ? value : json_node_new (JSON_NODE_NULL));
}

char *
anju_command_context_new_id (AnjuCommandContext *ctx)
{
  g_autofree char *seed = g_strdup_printf ("anju-id:%s:%u", ctx->command->id, ctx->n_new_ids++);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *)seed, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x80;   /* version 8: derived, not random */
  digest[8] = (digest[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

void
anju_command_context_touch (AnjuCommandContext *ctx,
                            const char         *table,
                            const char         *id)
{
  char *key = g_strconcat (table, "\n", id, NULL);

  /* a price-list import touches thousands of rows: no linear search */
  if (g_hash_table_contains (ctx->touched_set, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_add (ctx->touched_set, key);
  g_ptr_array_add (ctx->touched, key);
}

gboolean
anju_store_get_outbox_enabled (AnjuStore *store)
{
  g_autofree char *value = anju_store_dup_meta (store, "outbox");

  return g_strcmp0 (value, "1") == 0;
}

gboolean
anju_store_set_outbox_enabled (AnjuStore  *store,
                               gboolean    enabled,
                               GError    **error)
{
  return anju_store_set_meta (store, "outbox", enabled ? "1" : "0", error);
}

/* The audit log keeps personal data masked (PIPL): the payload as written
 * but for phone numbers, ID numbers and secrets. */
static JsonNode *
mask_node (const char *name,
           JsonNode   *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *in = json_node_get_object (node);
      JsonObject *out = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (in);
      JsonNode *result = json_node_new (JSON_NODE_OBJECT);

      for (GList *l = members; l; l = l->next)
        json_object_set_member (out, l->data, mask_node (l->data, json_object_get_member (in, l->data)));
      json_node_take_object (result, out);
      return result;
    }
  if (name != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      g_autofree char *masked = NULL;

      if (g_str_has_suffix (name, "mobile") || g_str_equal (name, "phone"))
        masked = anju_mobile_mask (text);
      else if (g_str_has_suffix (name, "id_number"))
        masked = anju_id_number_mask (text);
      else if (strstr (name, "password") != NULL || g_str_equal (name, "token"))
        masked = g_strdup ("***");
      if (masked != NULL)
        return json_node_init_string (json_node_alloc (), masked);
    }
  return json_node_copy (node);
}

static char *
dup_masked_payload (JsonObject *payload)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), payload);
  g_autoptr(JsonNode) masked = mask_node (NULL, node);

  return json_to_string (masked, FALSE);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

JsonObject *
anju_command_rejection_to_json (const AnjuCommand *command,
                                const GError      *error)
{
  JsonObject *answer = json_object_new ();
  const char *field = anju_command_error_get_field (error);

  json_object_set_string_member (answer, "id", command ? command->id : "");
  json_object_set_string_member (answer, "type", command ? command->type : "");
  json_object_set_string_member (answer, "status", "rejected");
  json_object_set_string_member (answer, "code",
                                 error->domain == ANJU_COMMAND_ERROR
                                 ? anju_command_error_code_to_string (error->code) : "storage");
  if (field != NULL)
    json_object_set_string_member (answer, "field", field);
  else
    json_object_set_null_member (answer, "field");
  json_object_set_string_member (answer, "message", error->message);
  anju_refusal_to_json (error, answer);
  return answer;
}

/* A stored answer: applied answers are returned, rejections re-raised. */
static JsonObject *
answer_from_stored (const char  *stored,
                    GError     **error)
{
  g_autoptr(JsonObject) answer = parse_object (stored);

  if (answer == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL,
                           _("The stored answer of this command is damaged."));
      return NULL;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (answer, "status", ""), "rejected") == 0)
    {
      anju_command_reject_from_json (error,
                                     anju_command_error_code_from_string (json_object_get_string_member_with_default (answer, "code", "")),
                                     json_object_get_string_member_with_default (answer, "field", NULL), answer);
      return NULL;
    }
  return g_steal_pointer (&answer);
}

static gboolean
lookup_applied (AnjuStore   *store,
                const char  *id,
                char       **stored,
                GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT result FROM applied_commands WHERE command_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  *stored = sqlite3_step (stmt) == SQLITE_ROW ? anju_stmt_dup_text (stmt, 0) : NULL;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
record_applied (AnjuStore         *store,
                const AnjuCommand *command,
                const AnjuUser    *actor,
                JsonObject        *answer,
                const char        *now,
                GError           **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), answer);
  g_autofree char *text = json_to_string (node, FALSE);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO applied_commands (command_id, type, actor_id, result, applied_at) "
      "VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, command->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, command->type, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, actor->id);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  return anju_store_step_done (store, stmt, error);
}

/* Writes the new image of every touched row to the change feed and adds
 * the changes to @answer. */
static gboolean
write_changes (AnjuCommandContext  *ctx,
               JsonObject          *answer,
               GError             **error)
{
  JsonArray *changes = json_array_new ();
  JsonArray *topics = json_array_new ();
  g_autoptr(GHashTable) seen_topics = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;

  json_object_set_array_member (answer, "changes", changes);
  json_object_set_array_member (answer, "topics", topics);
  for (guint i = 0; i < ctx->touched->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (ctx->touched, i), "\n", 2);
      const char * const *row_topics = anju_table_get_topics (parts[0]);

      for (guint j = 0; row_topics != NULL && row_topics[j] != NULL; j++)
        if (g_hash_table_add (seen_topics, (gpointer)row_topics[j]))
          json_array_add_string_element (topics, row_topics[j]);
      g_autoptr(JsonObject) row = NULL;
      g_autofree char *row_json = NULL;
      JsonObject *change;

      row = anju_store_dup_row (ctx->store, parts[0], parts[1], error);
      if (row == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (row != NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), row);
          row_json = json_to_string (node, FALSE);
        }
      if (!(stmt = anju_store_prepare (ctx->store,
              "INSERT INTO changes (command_id, tbl, row_id, row_json) VALUES (?, ?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, ctx->command->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, parts[0], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, parts[1], -1, SQLITE_TRANSIENT);
      anju_stmt_bind_text_or_null (stmt, 4, row_json);
      if (!anju_store_step_done (ctx->store, stmt, error))
        return FALSE;

      change = json_object_new ();
      json_object_set_int_member (change, "seq",
                                  sqlite3_last_insert_rowid (anju_store_get_db (ctx->store)));
      json_object_set_string_member (change, "table", parts[0]);
      json_object_set_string_member (change, "row_id", parts[1]);
      if (row != NULL)
        json_object_set_object_member (change, "row", g_steal_pointer (&row));
      else
        json_object_set_null_member (change, "row");
      json_array_add_object_element (changes, change);
    }
  return TRUE;
}

/* The payload, and under "audit" what the handler added (an old value it
 * replaced, say); masked alike. */
static char *
dup_audit_detail (AnjuCommandContext *ctx)
{
  g_autoptr(JsonObject) detail = NULL;
  g_autoptr(GList) members = NULL;

  if (ctx->audit == NULL)
    return dup_masked_payload (ctx->command->payload);
  detail = json_object_new ();
  members = json_object_get_members (ctx->command->payload);
  for (GList *l = members; l; l = l->next)
    json_object_set_member (detail, l->data,
                            json_node_copy (json_object_get_member (ctx->command->payload, l->data)));
  json_object_set_object_member (detail, "audit", json_object_ref (ctx->audit));
  return dup_masked_payload (detail);
}

static gboolean
write_audit (AnjuCommandContext  *ctx,
             GError             **error)
{
  g_autofree char *detail = dup_audit_detail (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (ctx->store,
      "INSERT INTO audit (at, actor_id, command_id, action, subject, detail) "
      "VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ctx->now_string, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, ctx->actor->id);
  sqlite3_bind_text (stmt, 3, ctx->command->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ctx->command->type, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 5, ctx->subject);
  sqlite3_bind_text (stmt, 6, detail, -1, SQLITE_TRANSIENT);
  return anju_store_step_done (ctx->store, stmt, error);
}

static gboolean
write_outbox (AnjuCommandContext  *ctx,
              GError             **error)
{
  g_autofree char *json = anju_command_to_json (ctx->command);
  sqlite3_stmt *stmt = anju_store_prepare (ctx->store,
      "INSERT INTO outbox (command_id, command, actor_id, created_at) VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ctx->command->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, ctx->actor->id ? ctx->actor->id : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ctx->now_string, -1, SQLITE_TRANSIENT);
  return anju_store_step_done (ctx->store, stmt, error);
}

static void
remember_rejection (AnjuStore         *store,
                    const AnjuCommand *command,
                    const AnjuUser    *actor,
                    const GError      *rejection)
{
  g_autoptr(JsonObject) answer = anju_command_rejection_to_json (command, rejection);
  g_autofree char *now = anju_store_now_string (store);

  if (!anju_store_begin (store, NULL))
    return;
  if (record_applied (store, command, actor, answer, now, NULL))
    anju_store_commit (store, NULL);
  else
    anju_store_rollback (store);
}

/* Any failure of the database itself becomes a command error a person can
 * read, keeping command errors as they are. */
static void
wrap_storage_error (GError **error)
{
  GError *e;

  if (error == NULL || *error == NULL || (*error)->domain == ANJU_COMMAND_ERROR)
    return;
  e = *error;
  *error = NULL;
  anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL,
                       _("The database could not save this change (%s). Nothing was saved; try again."),
                       e->message);
  g_error_free (e);
}

const AnjuCommandSpec *
anju_command_admit (const AnjuCommand  *command,
                    const AnjuUser     *actor,
                    GError            **error)
{
  const AnjuCommandSpec *spec;

  if (!(spec = anju_commands_lookup (command->type)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_UNKNOWN_TYPE, "type",
                           _("“%s” is not a command Anju knows."), command->type);
      return NULL;
    }
  if (!anju_commands_allowed (command->type, actor))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, NULL,
                           _("%s (%s) may not do “%s”. Ask a colleague whose role allows it."),
                           actor->display_name, anju_role_get_label (actor->role), command->type);
      return NULL;
    }
  /* Text that would be stored broken, or that the feed could not carry,
   * never enters: the same check on a desk, the server and anjuctl. */
  {
    g_autoptr(JsonNode) payload = json_node_init_object (json_node_alloc (), command->payload);

    if (!anju_json_check_texts (payload, "payload", error))
      return NULL;
  }
  return spec;
}

gboolean
anju_commands_allowed (const char     *type,
                       const AnjuUser *actor)
{
  const AnjuCommandSpec *spec = anju_commands_lookup (type);

  return spec != NULL && actor != NULL && (actor->role & spec->roles) != 0;
}

gint64
anju_store_get_change_head (AnjuStore *store)
{
  gint64 head = anju_store_count (store, "SELECT coalesce(max(seq), 0) FROM changes");

  return MAX (head, 0);
}

JsonObject *
anju_command_apply (AnjuStore          *store,
                    const AnjuCommand  *command,
                    const AnjuUser     *actor,
                    AnjuApplyFlags      flags,
                    GError            **error)
{
  const AnjuCommandSpec *spec;
  AnjuCommandContext ctx = { 0 };
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stored = NULL;
  gboolean ok;

  g_return_val_if_fail (ANJU_IS_STORE (store), NULL);
  g_return_val_if_fail (command != NULL, NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  if (!(spec = anju_command_admit (command, actor, error)))
    return NULL;

  /* A desk connected to an office server never decides these itself: the
   * sync client sends them to the server, which answers for the office. */
  if (!(flags & (ANJU_APPLY_NO_OUTBOX | ANJU_APPLY_REPLAY)) &&
      anju_command_route (command->type, anju_store_get_outbox_enabled (store)) == ANJU_COMMAND_ROUTE_OFFICE)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_OFFLINE, NULL,
                           _("“%s” is decided by the office server. Send it through the server connection; while the server cannot be reached, try again later."),
                           command->type);
      return NULL;
    }

  if (!anju_store_begin (store, &local_error))
    goto failed;

  if (!(flags & ANJU_APPLY_REPLAY))
    {
      if (!lookup_applied (store, command->id, &stored, &local_error))
        goto rollback;
      if (stored != NULL)
        {
          anju_store_rollback (store);
          return answer_from_stored (stored, error);
        }
    }

  ctx.store = store;
  ctx.actor = actor;
  ctx.command = command;
  ctx.now = anju_store_now (store);
  ctx.now_string = anju_clock_format_utc (ctx.now);
  ctx.result = json_object_new ();
  ctx.touched = g_ptr_array_new_with_free_func (g_free);
  ctx.touched_set = g_hash_table_new (g_str_hash, g_str_equal);   /* keys owned by touched */

  ok = spec->handler (&ctx, command->payload, &local_error);
  if (ok)
    {
      answer = json_object_new ();
      json_object_set_string_member (answer, "id", command->id);
      json_object_set_string_member (answer, "type", command->type);
      json_object_set_string_member (answer, "status", "applied");
      json_object_set_object_member (answer, "result", json_object_ref (ctx.result));
      ok = write_changes (&ctx, answer, &local_error) &&
           write_audit (&ctx, &local_error) &&
           ((flags & ANJU_APPLY_NO_OUTBOX) || !anju_store_get_outbox_enabled (store) ||
            write_outbox (&ctx, &local_error)) &&
           ((flags & ANJU_APPLY_REPLAY) ||
            record_applied (store, command, actor, answer, ctx.now_string, &local_error));
      if (ok)
        ok = anju_store_commit (store, &local_error);   /* rolls back by itself on failure */
      else
        anju_store_rollback (store);
    }
  else
    anju_store_rollback (store);

  g_free (ctx.now_string);
  g_free (ctx.subject);
  g_clear_pointer (&ctx.audit, json_object_unref);
  g_clear_pointer (&ctx.result, json_object_unref);
  g_clear_pointer (&ctx.touched_set, g_hash_table_unref);
  g_clear_pointer (&ctx.touched, g_ptr_array_unref);

  if (ok)
    return g_steal_pointer (&answer);
  goto failed;

rollback:
  anju_store_rollback (store);
failed:
  wrap_storage_error (&local_error);
  if ((flags & ANJU_APPLY_REMEMBER_REJECTION) && local_error->code != ANJU_COMMAND_ERROR_STORAGE)
    remember_rejection (store, command, actor, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

JsonObject *
anju_command_run (AnjuStore       *store,
                  const AnjuUser  *actor,
                  const char      *type,
                  JsonObject      *payload,
                  GError         **error)
{
  g_autoptr(AnjuCommand) command = anju_command_new (type, payload);

  return anju_command_apply (store, command, actor, ANJU_APPLY_NONE, error);
}
