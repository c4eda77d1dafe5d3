/* anju-sms.c — SMS templates, rendering and the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-ident.h"
#include "anju-paths.h"
#include "anju-policy.h"
#include "anju-projects.h"
#include "anju-reception-private.h"
#include "anju-sms.h"
#include "anju-tasks.h"

#define MAX_TEXT_CHARS 500

G_DEFINE_QUARK (anju-sms-error-quark, anju_sms_error)

static const char * const field_names[] = {
  "title", "customer_name", "addressee", "consultant", "project", "hotline", "date", "time",
  "unit", "progress", "event", NULL,
};

const char * const *
anju_sms_get_field_names (void)
{
  return field_names;
}

/* ---- rendering -------------------------------------------------------- */

char *
anju_sms_render (const char  *template_text,
                 JsonObject  *values,
                 GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = template_text;

  g_return_val_if_fail (template_text != NULL, NULL);
  while (*p != '\0')
    {
      if (p[0] == '{' && p[1] == '{')
        {
          g_string_append_c (out, '{');
          p += 2;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          g_string_append_c (out, '}');
          p += 2;
        }
      else if (*p == '{')
        {
          const char *close = strchr (p + 1, '}');
          g_autofree char *name = NULL;

          if (close == NULL)
            {
              g_set_error (error, ANJU_SMS_ERROR, ANJU_SMS_ERROR_SYNTAX,
                           _("A “{” in the template is not closed. Write a field like {project}, or “{{” for a brace."));
              return NULL;
            }
          name = g_strndup (p + 1, close - p - 1);
          if (!g_strv_contains (field_names, name))
            {
              g_autofree char *known = g_strjoinv ("} {", (char **)field_names);
              g_set_error (error, ANJU_SMS_ERROR, ANJU_SMS_ERROR_UNKNOWN_FIELD,
                           _("The template uses {%s}, which is not a field. The fields are {%s}."),
                           name, known);
              return NULL;
            }
          if (values != NULL && json_object_has_member (values, name) &&
              json_node_get_value_type (json_object_get_member (values, name)) == G_TYPE_STRING)
            g_string_append (out, json_object_get_string_member (values, name));
          p = close + 1;
        }
      else if (*p == '}')
        {
          g_set_error (error, ANJU_SMS_ERROR, ANJU_SMS_ERROR_SYNTAX,
                       _("A “}” in the template closes no field. Write “}}” for a brace."));
          return NULL;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- templates -------------------------------------------------------- */

static JsonObject *defaults;     /* template id → {name_en, name_zh, text} */
static GError *defaults_error;

static JsonObject *
load_defaults (GError **error)
{
  g_autofree char *path = anju_paths_build_data_file ("sms", "templates.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root, *templates;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_file (parser, path, error))
    {
      g_prefix_error (error, "sms/templates.json: ");
      return NULL;
    }
  root = json_parser_get_root (parser);
  templates = JSON_NODE_HOLDS_OBJECT (root)
              ? json_object_get_member (json_node_get_object (root), "templates") : NULL;
  if (templates == NULL || !JSON_NODE_HOLDS_OBJECT (templates))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "sms/templates.json: no “templates” object");
      return NULL;
    }
  members = json_object_get_members (json_node_get_object (templates));
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *t = json_object_get_member (json_node_get_object (templates), l->data);
      g_autoptr(GError) render_error = NULL;
      g_autofree char *rendered = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (t) ||
          !json_object_has_member (json_node_get_object (t), "text") ||
          json_node_get_value_type (json_object_get_member (json_node_get_object (t), "text")) != G_TYPE_STRING)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "sms/templates.json: template “%s” has no text", (const char *)l->data);
          return NULL;
        }
      rendered = anju_sms_render (json_object_get_string_member (json_node_get_object (t), "text"),
                                  NULL, &render_error);
      if (rendered == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "sms/templates.json: template “%s”: %s", (const char *)l->data,
                       render_error->message);
          return NULL;
        }
    }
  return json_object_ref (json_node_get_object (templates));
}

static JsonObject *
get_defaults (GError **error)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      defaults = load_defaults (&defaults_error);
      g_once_init_leave (&done, 1);
    }
  if (defaults == NULL && error != NULL)
    *error = g_error_copy (defaults_error);
  return defaults;
}

void
anju_sms_template_free (AnjuSmsTemplate *t)
{
  if (t == NULL)
    return;
  g_free (t->id);
  g_free (t->name);
  g_free (t->text);
  g_free (t);
}

static char *
dup_override (AnjuStore  *store,
              const char *project_id,
              const char *template_id)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT text FROM sms_templates WHERE project_id = ? AND template_id = ?", NULL);
  char *text = NULL;

  if (stmt == NULL || project_id == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, template_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return text;
}

static char *
resolve_project_id (AnjuStore  *store,
                    const char *project_id)
{
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);

  return project ? g_strdup (project->id) : NULL;
}

GPtrArray *
anju_sms_list_templates (AnjuStore   *store,
                         const char  *project_id,
                         GError     **error)
{
  JsonObject *templates = get_defaults (error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *resolved = NULL;

  if (templates == NULL)
    return NULL;
  resolved = resolve_project_id (store, project_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_sms_template_free);
  members = json_object_get_members (templates);
  for (GList *l = members; l; l = l->next)
    {
      JsonObject *t = json_object_get_object_member (templates, l->data);
      AnjuSmsTemplate *item = g_new0 (AnjuSmsTemplate, 1);

      item->id = g_strdup (l->data);
      item->name = g_strdup (anju_recep_pick_name (json_object_get_string_member_with_default (t, "name_en", NULL),
                                                   json_object_get_string_member_with_default (t, "name_zh", NULL)));
      if (item->name == NULL)
        item->name = g_strdup (l->data);
      item->text = dup_override (store, resolved, l->data);
      item->overridden = item->text != NULL;
      if (item->text == NULL)
        item->text = g_strdup (json_object_get_string_member (t, "text"));
      g_ptr_array_add (list, item);
    }
  return g_steal_pointer (&list);
}

char *
anju_sms_dup_template (AnjuStore   *store,
                       const char  *project_id,
                       const char  *template_id,
                       GError     **error)
{
  JsonObject *templates = get_defaults (error);
  g_autofree char *resolved = NULL;
  char *text;

  if (templates == NULL)
    return NULL;
  if (template_id == NULL || !json_object_has_member (templates, template_id))
    {
      g_set_error (error, ANJU_SMS_ERROR, ANJU_SMS_ERROR_UNKNOWN_TEMPLATE,
                   _("There is no SMS template “%s”."), template_id ? template_id : "");
      return NULL;
    }
  resolved = resolve_project_id (store, project_id);
  text = dup_override (store, resolved, template_id);
  if (text == NULL)
    text = g_strdup (json_object_get_string_member (json_object_get_object_member (templates, template_id),
                                                    "text"));
  return text;
}

JsonObject *
anju_sms_dup_values (AnjuStore  *store,
                     const char *project_id,
                     const char *customer_id,
                     const char *consultant_id,
                     gint64      at)
{
  JsonObject *values = json_object_new ();
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  g_auto(AnjuRecepCustomer) customer = { 0 };
  g_autofree char *consultant = consultant_id ? anju_recep_dup_user_name (store, consultant_id) : NULL;

  if (customer_id != NULL && anju_recep_load_customer (store, "customer_id", customer_id, &customer, NULL))
    {
      json_object_set_string_member (values, "customer_name", customer.name);
      g_autofree char *addressee = anju_format_addressee (customer.name, customer.title);

      json_object_set_string_member (values, "title", customer.title ? customer.title : "");
      json_object_set_string_member (values, "addressee", addressee);
    }
  if (consultant != NULL)
    json_object_set_string_member (values, "consultant", consultant);
  if (project != NULL)
    {
      json_object_set_string_member (values, "project", project->name);
      json_object_set_string_member (values, "hotline", project->hotline ? project->hotline : "");
    }
  if (at != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, anju_format_get_time_zone ());
      g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
      g_autofree char *time = g_date_time_format (local, "%H:%M");

      json_object_set_string_member (values, "date", date);
      json_object_set_string_member (values, "time", time);
    }
  return values;
}

/* ---- the outbox ------------------------------------------------------- */

void
anju_sms_free (AnjuSms *s)
{
  if (s == NULL)
    return;
  g_free (s->id);
  g_free (s->customer_id);
  g_free (s->customer_name);
  g_free (s->to_mobile_masked);
  g_free (s->template_id);
  g_free (s->text);
  g_free (s->state);
  g_free (s->due_at);
  g_free (s->queued_at);
  g_free (s->queued_by_name);
  g_free (s->sent_at);
  g_free (s->sent_by_name);
  g_free (s);
}

#define SMS_SELECT \
  "SELECT s.id, s.customer_id, c.name, s.to_mobile, s.template_id, s.text, s.state, s.due_at, " \
  "s.queued_at, qu.display_name, s.sent_at, su.display_name FROM sms_outbox s " \
  "LEFT JOIN customers c ON c.id = s.customer_id " \
  "LEFT JOIN users qu ON qu.id = s.queued_by " \
  "LEFT JOIN users su ON su.id = s.sent_by "

static AnjuSms *
sms_from_stmt (sqlite3_stmt *stmt)
{
  AnjuSms *s = g_new0 (AnjuSms, 1);

  s->id = anju_stmt_dup_text (stmt, 0);
  s->customer_id = anju_stmt_dup_text (stmt, 1);
  s->customer_name = anju_stmt_dup_text (stmt, 2);
  s->to_mobile_masked = anju_mobile_mask ((const char *)sqlite3_column_text (stmt, 3));
  s->template_id = anju_stmt_dup_text (stmt, 4);
  s->text = anju_stmt_dup_text (stmt, 5);
  s->state = anju_stmt_dup_text (stmt, 6);
  s->due_at = anju_stmt_dup_text (stmt, 7);
  s->queued_at = anju_stmt_dup_text (stmt, 8);
  s->queued_by_name = anju_stmt_dup_text (stmt, 9);
  s->sent_at = anju_stmt_dup_text (stmt, 10);
  s->sent_by_name = anju_stmt_dup_text (stmt, 11);
  return s;
}

GPtrArray *
anju_sms_list (AnjuStore   *store,
               const char  *state,
               const char  *customer_id,
               GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, SMS_SELECT
      "WHERE (?1 IS NULL OR s.state = ?1) AND (?2 IS NULL OR s.customer_id = ?2) "
      "ORDER BY CASE s.state WHEN 'queued' THEN 0 ELSE 1 END, "
      "CASE s.state WHEN 'queued' THEN coalesce(s.due_at, s.queued_at) END, "
      "s.queued_at DESC, s.id", error);
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, state);
  anju_stmt_bind_text_or_null (stmt, 2, customer_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_sms_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, sms_from_stmt (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

AnjuSms *
anju_sms_load (AnjuStore   *store,
               const char  *sms_id,
               GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, SMS_SELECT "WHERE s.id = ?", error);
  AnjuSms *s = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sms_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    s = sms_from_stmt (stmt);
  sqlite3_reset (stmt);
  if (s == NULL)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "sms_id",
                         _("There is no SMS with this id in the outbox. Refresh the list."));
  return s;
}

char *
anju_sms_dup_recipient (AnjuStore  *store,
                        const char *sms_id)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, "SELECT to_mobile FROM sms_outbox WHERE id = ?", NULL);
  char *mobile = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sms_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    mobile = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return mobile;
}

typedef struct
{
  const char *id;
  const char *project_id;
  const char *customer_id;
  const char *to_mobile;
  const char *template_id;
  const char *text;
  gint64      due_at;
  const char *rule;
  const char *source_type;
  const char *source_id;
} OutboxRow;

static gboolean
insert_outbox (AnjuCommandContext  *ctx,
               const OutboxRow     *row,
               GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *due = row->due_at ? anju_clock_format_utc (row->due_at) : NULL;
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO sms_outbox (id, project_id, customer_id, to_mobile, template_id, text, state, "
      "due_at, rule, source_type, source_id, queued_by, queued_at) "
      "VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, row->project_id);
  anju_stmt_bind_text_or_null (stmt, 3, row->customer_id);
  sqlite3_bind_text (stmt, 4, row->to_mobile, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 5, row->template_id);
  sqlite3_bind_text (stmt, 6, row->text, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 7, due);
  anju_stmt_bind_text_or_null (stmt, 8, row->rule);
  anju_stmt_bind_text_or_null (stmt, 9, row->source_type);
  anju_stmt_bind_text_or_null (stmt, 10, row->source_id);
  anju_stmt_bind_text_or_null (stmt, 11, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 12, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "sms_outbox", row->id);
  return TRUE;
}

/* A rendering failure inside a command: the template of the project is
 * broken, which only a manager can fix. */
static void
reject_render (GError       **error,
               const char    *field,
               const GError  *render_error)
{
  anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field, "%s", render_error->message);
}

char *
anju_sms_queue_from_rule (gpointer            ctx_pointer,
                          const AnjuSmsSpec  *spec,
                          GError            **error)
{
  AnjuCommandContext *ctx = ctx_pointer;
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_auto(AnjuRecepCustomer) customer = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autofree char *template_text = NULL, *text = NULL, *id = NULL;
  OutboxRow row = { 0 };

  if (!anju_recep_load_customer (store, "customer_id", spec->customer_id, &customer, error))
    return NULL;
  if (customer.mobile == NULL)
    return NULL;
  template_text = anju_sms_dup_template (store, spec->project_id, spec->template_id, &local_error);
  if (template_text == NULL)
    {
      reject_render (error, NULL, local_error);
      return NULL;
    }
  values = anju_sms_dup_values (store, spec->project_id, spec->customer_id, spec->consultant_id, spec->at);
  if (spec->values != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (spec->values);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (values, l->data,
                                json_node_copy (json_object_get_member (spec->values, l->data)));
    }
  if (!(text = anju_sms_render (template_text, values, &local_error)))
    {
      reject_render (error, NULL, local_error);
      return NULL;
    }
  id = anju_command_context_new_id (ctx);
  row.id = id;
  row.project_id = spec->project_id;
  row.customer_id = spec->customer_id;
  row.to_mobile = customer.mobile;
  row.template_id = spec->template_id;
  row.text = text;
  row.due_at = spec->due_at ? anju_policy_next_opening_usec (store, spec->project_id, spec->due_at) : 0;
  row.rule = spec->rule;
  row.source_type = spec->source_type;
  row.source_id = spec->source_id;
  if (!insert_outbox (ctx, &row, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* ---- commands --------------------------------------------------------- */

static void
set_subject (AnjuCommandContext *ctx,
             const char         *kind,
             const char         *id)
{
  g_autofree char *subject = g_strconcat (kind, ":", id, NULL);

  anju_command_context_set_subject (ctx, subject);
}

static gboolean
apply_sms_set_template (AnjuCommandContext  *ctx,
                        JsonObject          *payload,
                        GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuProject) project = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *standard = NULL, *rendered = NULL, *existing_id = NULL, *subject = NULL;
  const char *project_id, *template_id, *text = NULL;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "project_id", TRUE, &project_id, error) ||
      !anju_payload_get_string (payload, "template_id", TRUE, &template_id, error) ||
      !anju_payload_get_string (payload, "text", FALSE, &text, error))
    return FALSE;
  if (!json_object_has_member (payload, "text"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "text",
                           _("Give the new text, or null to return to the standard wording."));
      return FALSE;
    }
  if ((project = anju_project_lookup (store, project_id)) == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "project_id",
                           _("There is no project with this id."));
      return FALSE;
    }
  if (!(standard = anju_sms_dup_template (store, project_id, template_id, &local_error)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "template_id", "%s", local_error->message);
      return FALSE;
    }
  if (text != NULL)
    {
      if (anju_text_is_blank (text))
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "text",
                               _("The text cannot be empty. Send null to return to the standard wording."));
          return FALSE;
        }
      if (g_utf8_strlen (text, -1) > MAX_TEXT_CHARS)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "text",
                               _("An SMS template can have at most %d characters."), MAX_TEXT_CHARS);
          return FALSE;
        }
      if (!(rendered = anju_sms_render (text, NULL, &local_error)))
        {
          reject_render (error, "text", local_error);
          return FALSE;
        }
    }

  stmt = anju_store_prepare (store,
      "SELECT id FROM sms_templates WHERE project_id = ? AND template_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, template_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    existing_id = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  if (text == NULL)
    {
      if (existing_id != NULL)
        {
          if (!anju_store_delete_row (store, "sms_templates", existing_id, error))
            return FALSE;
          anju_command_context_touch (ctx, "sms_templates", existing_id);
        }
    }
  else if (existing_id != NULL)
    {
      stmt = anju_store_prepare (store,
          "UPDATE sms_templates SET text = ?, updated_by = ?, updated_at = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
      anju_stmt_bind_text_or_null (stmt, 2, anju_command_context_get_actor (ctx)->id);
      sqlite3_bind_text (stmt, 3, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, existing_id, -1, SQLITE_TRANSIENT);
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "sms_templates", existing_id);
    }
  else
    {
      g_autofree char *id = anju_command_context_new_id (ctx);

      stmt = anju_store_prepare (store,
          "INSERT INTO sms_templates (id, project_id, template_id, text, updated_by, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, project_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, template_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
      anju_stmt_bind_text_or_null (stmt, 5, anju_command_context_get_actor (ctx)->id);
      sqlite3_bind_text (stmt, 6, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "sms_templates", id);
    }
  subject = g_strconcat (project_id, ":", template_id, NULL);
  set_subject (ctx, "sms_template", subject);
  json_object_set_string_member (anju_command_context_get_result (ctx), "template_id", template_id);
  return TRUE;
}

static gboolean
apply_sms_queue (AnjuCommandContext  *ctx,
                 JsonObject          *payload,
                 GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_auto(AnjuRecepCustomer) customer = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autofree char *id = NULL, *template_text = NULL, *text = NULL, *project_id = NULL;
  const char *customer_id, *template_id = NULL, *free_text = NULL;
  gint64 at = 0, due_at = 0;
  OutboxRow row = { 0 };

  if (!anju_command_context_take_new_id (ctx, payload, "sms_id", "sms_outbox", &id, error) ||
      !anju_payload_get_string (payload, "customer_id", TRUE, &customer_id, error) ||
      !anju_payload_get_string (payload, "template_id", FALSE, &template_id, error) ||
      !anju_payload_get_text (payload, "text", FALSE, MAX_TEXT_CHARS, &free_text, error) ||
      !anju_payload_get_time (payload, "at", FALSE, &at, error) ||
      !anju_payload_get_time (payload, "due_at", FALSE, &due_at, error) ||
      !anju_recep_load_customer (store, "customer_id", customer_id, &customer, error) ||
      !anju_recep_resolve_project (store, payload, customer.project_id, &project_id, error))
    return FALSE;
  if ((template_id == NULL) == (free_text == NULL))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "template_id",
                           _("Give either a template or a text of your own, not both."));
      return FALSE;
    }
  if (customer.mobile == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "customer_id",
                           _("%s has no mobile number on file. Add one to the record first."),
                           customer.name);
      return FALSE;
    }
  if (template_id != NULL)
    {
      template_text = anju_sms_dup_template (store, project_id, template_id, &local_error);
      if (template_text == NULL)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "template_id", "%s",
                               local_error->message);
          return FALSE;
        }
    }
  else
    template_text = g_strdup (free_text);
  values = anju_sms_dup_values (store, project_id, customer_id,
                                actor->id ? actor->id : customer.owner_id, at);
  if (!(text = anju_sms_render (template_text, values, &local_error)))
    {
      reject_render (error, template_id ? "template_id" : "text", local_error);
      return FALSE;
    }
  row.id = id;
  row.project_id = project_id;
  row.customer_id = customer_id;
  row.to_mobile = customer.mobile;
  row.template_id = template_id;
  row.text = text;
  row.due_at = due_at;
  if (!insert_outbox (ctx, &row, error))
    return FALSE;
  set_subject (ctx, "sms", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "sms_id", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "text", text);
  return TRUE;
}

/* Loads a queued SMS for mark_sent / cancel. */
static AnjuSms *
load_queued (AnjuStore   *store,
             JsonObject  *payload,
             GError     **error)
{
  g_autoptr(AnjuSms) sms = NULL;
  const char *id;

  if (!anju_payload_get_string (payload, "sms_id", TRUE, &id, error) ||
      !(sms = anju_sms_load (store, id, error)))
    return NULL;
  if (!g_str_equal (sms->state, "queued"))
    {
      if (g_str_equal (sms->state, "sent"))
        anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "sms_id",
                             _("This SMS was already sent by %s. Refresh the outbox."),
                             sms->sent_by_name ? sms->sent_by_name : "?");
      else
        anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "sms_id",
                             _("This SMS was cancelled. Queue a new one if it is still wanted."));
      return NULL;
    }
  return g_steal_pointer (&sms);
}

static gboolean
apply_sms_mark_sent (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuSms) sms = NULL;
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;

  if (!(sms = load_queued (store, payload, error)))
    return FALSE;
  stmt = anju_store_prepare (store,
      "UPDATE sms_outbox SET state = 'sent', sent_by = ?, sent_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  anju_stmt_bind_text_or_null (stmt, 1, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sms->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "sms_outbox", sms->id);
  if (!anju_tasks_close_for_source (ctx, "sms", sms->id, NULL, _("sent"), error))
    return FALSE;
  if (sms->customer_id != NULL)
    {
      summary = g_strdup_printf (_("SMS sent: %s"), sms->text);
      if (!anju_customer_add_event (ctx, sms->customer_id, "sms", summary, NULL, error))
        return FALSE;
    }
  set_subject (ctx, "sms", sms->id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "sms_id", sms->id);
  return TRUE;
}

static gboolean
cancel_queued (AnjuCommandContext  *ctx,
               const char          *sms_id,
               const char          *reason,
               GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *outcome = NULL;
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE sms_outbox SET state = 'cancelled', sent_by = ?, sent_at = ?, note = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  anju_stmt_bind_text_or_null (stmt, 1, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, reason);
  sqlite3_bind_text (stmt, 4, sms_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "sms_outbox", sms_id);
  outcome = reason ? g_strdup_printf (_("not sent: %s"), reason) : g_strdup (_("not sent"));
  return anju_tasks_close_for_source (ctx, "sms", sms_id, NULL, outcome, error);
}

gboolean
anju_sms_cancel_for_source (gpointer     ctx_pointer,
                            const char  *source_type,
                            const char  *source_id,
                            const char  *template_id,
                            const char  *reason,
                            GError     **error)
{
  AnjuCommandContext *ctx = ctx_pointer;
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT id FROM sms_outbox WHERE source_type = ? AND source_id = ? AND state = 'queued' "
      "AND (?3 IS NULL OR template_id = ?3) ORDER BY id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source_id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, template_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, anju_stmt_dup_text (stmt, 0));
  sqlite3_reset (stmt);
  for (guint i = 0; i < ids->len; i++)
    if (!cancel_queued (ctx, g_ptr_array_index (ids, i), reason, error))
      return FALSE;
  return TRUE;
}

static gboolean
apply_sms_cancel (AnjuCommandContext  *ctx,
                  JsonObject          *payload,
                  GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuSms) sms = NULL;
  const char *reason = NULL;

  if (!anju_payload_get_text (payload, "reason", FALSE, 200, &reason, error) ||
      !(sms = load_queued (store, payload, error)))
    return FALSE;
  if (!cancel_queued (ctx, sms->id, reason, error))
    return FALSE;
  set_subject (ctx, "sms", sms->id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "sms_id", sms->id);
  return TRUE;
}

static const AnjuCommandSpec sms_commands[] = {
  { "sms.set_template", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_sms_set_template,
    "project_id:string template_id:string text:string?" },
  { "sms.queue", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_sms_queue,
    "sms_id:string? customer_id:string template_id:string? text:string? at:string? "
    "due_at:string? project_id:string?" },
  { "sms.mark_sent", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_sms_mark_sent,
    "sms_id:string" },
  { "sms.cancel", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_sms_cancel,
    "sms_id:string reason:string?" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const sms_topic_tables[] = { "sms_outbox", "sms_templates", NULL };

void
anju_sms_register_commands (void)
{
  anju_topic_declare ("sms", sms_topic_tables);
  anju_commands_register (sms_commands, G_N_ELEMENTS (sms_commands));
}
