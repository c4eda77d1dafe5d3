/* anju-reception.c — phone calls, appointments, scripts, the reception
 * plan and the sales-credit rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-follow-up.h"
#include "anju-format.h"
#include "anju-ident.h"
#include "anju-paths.h"
#include "anju-policy.h"
#include "anju-projects.h"
#include "anju-reception-private.h"
#include "anju-reception.h"
#include "anju-sms.h"
#include "anju-tasks.h"

#define MAX_SCRIPT_CHARS 5000

/* ---- scripts ---------------------------------------------------------- */

static const char * const script_kinds[] = { "greeting", "introduction", "disclosure", NULL };

gboolean
anju_script_kind_is_valid (const char *kind)
{
  return kind != NULL && g_strv_contains (script_kinds, kind);
}

static JsonObject *standard_scripts;
static GError *standard_scripts_error;

static JsonObject *
load_standard_scripts (GError **error)
{
  g_autofree char *path = anju_paths_build_data_file ("reception", "scripts.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_file (parser, path, error))
    {
      g_prefix_error (error, "reception/scripts.json: ");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "reception/scripts.json: the file must hold one JSON object");
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; script_kinds[i] != NULL; i++)
    if (json_object_get_string_member_with_default (object, script_kinds[i], NULL) == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "reception/scripts.json: no text for “%s”", script_kinds[i]);
        return NULL;
      }
  return json_object_ref (object);
}

static const char *
get_standard_script (const char *kind)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      standard_scripts = load_standard_scripts (&standard_scripts_error);
      if (standard_scripts == NULL)
        g_warning ("%s", standard_scripts_error->message);
      g_once_init_leave (&done, 1);
    }
  if (standard_scripts == NULL)
    return "";
  return json_object_get_string_member_with_default (standard_scripts, kind, "");
}

void
anju_script_free (AnjuScript *script)
{
  if (script == NULL)
    return;
  g_free (script->kind);
  g_free (script->text);
  g_free (script->rendered);
  g_free (script->created_at);
  g_free (script->created_by_name);
  g_free (script);
}

static char *
render_script (AnjuStore  *store,
               const char *project_id,
               const char *text)
{
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  g_autoptr(JsonObject) values = json_object_new ();
  char *rendered;

  json_object_set_string_member (values, "project", project ? project->name : "");
  json_object_set_string_member (values, "hotline", project && project->hotline ? project->hotline : "");
  rendered = anju_sms_render (text, values, NULL);
  return rendered ? rendered : g_strdup (text);
}

static char *
resolve_project_id (AnjuStore  *store,
                    const char *project_id)
{
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);

  return project ? g_strdup (project->id) : NULL;
}

GPtrArray *
anju_reception_list_script_versions (AnjuStore   *store,
                                     const char  *project_id,
                                     const char  *kind,
                                     GError     **error)
{
  g_autofree char *resolved = resolve_project_id (store, project_id);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_script_free);
  sqlite3_stmt *stmt;
  AnjuScript *standard;

  if (!anju_script_kind_is_valid (kind))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "kind",
                           _("“kind” must be “greeting”, “introduction” or “disclosure”."));
      return NULL;
    }
  stmt = anju_store_prepare (store,
      "SELECT s.version, s.text, s.created_at, u.display_name FROM scripts s "
      "LEFT JOIN users u ON u.id = s.created_by "
      "WHERE s.project_id = ? AND s.kind = ? ORDER BY s.version DESC", error);
  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, resolved);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AnjuScript *s = g_new0 (AnjuScript, 1);

      s->kind = g_strdup (kind);
      s->version = sqlite3_column_int (stmt, 0);
      s->text = anju_stmt_dup_text (stmt, 1);
      s->created_at = anju_stmt_dup_text (stmt, 2);
      s->created_by_name = anju_stmt_dup_text (stmt, 3);
      g_ptr_array_add (list, s);
    }
  sqlite3_reset (stmt);
  standard = g_new0 (AnjuScript, 1);
  standard->kind = g_strdup (kind);
  standard->text = g_strdup (get_standard_script (kind));
  g_ptr_array_add (list, standard);
  for (guint i = 0; i < list->len; i++)
    {
      AnjuScript *s = g_ptr_array_index (list, i);
      s->rendered = render_script (store, resolved, s->text);
    }
  return g_steal_pointer (&list);
}

AnjuScript *
anju_reception_dup_script (AnjuStore   *store,
                           const char  *project_id,
                           const char  *kind,
                           GError     **error)
{
  g_autoptr(GPtrArray) versions = anju_reception_list_script_versions (store, project_id, kind, error);

  if (versions == NULL)
    return NULL;
  return g_ptr_array_steal_index (versions, 0);
}

char *
anju_reception_greeting (AnjuStore  *store,
                         const char *project_id)
{
  g_autoptr(AnjuScript) script = anju_reception_dup_script (store, project_id, "greeting", NULL);

  return script ? g_steal_pointer (&script->rendered) : g_strdup ("");
}

void
anju_reception_get_default_phone_standard (AnjuPhoneStandard *standard)
{
  standard->answer_rings = 3;
  standard->backup_after_rings = 6;
  standard->long_call_minutes = 10;
}

void
anju_reception_get_phone_standard (AnjuStore         *store,
                                   const char        *project_id,
                                   AnjuPhoneStandard *standard)
{
  AnjuPhoneStandard fallback;

  anju_reception_get_default_phone_standard (&fallback);
  standard->answer_rings = anju_policy_get_int (store, project_id, "phone.answer_rings",
                                                fallback.answer_rings);
  standard->backup_after_rings = anju_policy_get_int (store, project_id, "phone.backup_after_rings",
                                                      fallback.backup_after_rings);
  standard->long_call_minutes = anju_policy_get_int (store, project_id, "phone.long_call_minutes",
                                                     fallback.long_call_minutes);
}

int
anju_reception_get_disclosure_version (AnjuStore  *store,
                                       const char *project_id)
{
  g_autofree char *resolved = resolve_project_id (store, project_id);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT max(version) FROM scripts WHERE project_id = ? AND kind = 'disclosure'", NULL);
  int version = 0;

  if (stmt == NULL)
    return 0;
  anju_stmt_bind_text_or_null (stmt, 1, resolved);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

static gboolean
apply_script_set (AnjuCommandContext  *ctx,
                  JsonObject          *payload,
                  GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuProject) project = NULL;
  g_autoptr(GError) render_error = NULL;
  g_autofree char *id = NULL, *rendered = NULL, *subject = NULL;
  const char *project_id, *kind, *text;
  sqlite3_stmt *stmt;
  int version = 0;

  if (!anju_payload_get_string (payload, "project_id", TRUE, &project_id, error) ||
      !anju_payload_get_string (payload, "kind", TRUE, &kind, error) ||
      !anju_payload_get_text (payload, "text", TRUE, MAX_SCRIPT_CHARS, &text, error))
    return FALSE;
  if ((project = anju_project_lookup (store, project_id)) == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "project_id",
                           _("There is no project with this id."));
      return FALSE;
    }
  if (!anju_script_kind_is_valid (kind))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "kind",
                           _("“kind” must be “greeting”, “introduction” or “disclosure”."));
      return FALSE;
    }
  if (text == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "text",
                           _("The text cannot be empty."));
      return FALSE;
    }
  if (!(rendered = anju_sms_render (text, NULL, &render_error)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "text", "%s", render_error->message);
      return FALSE;
    }
  stmt = anju_store_prepare (store,
      "SELECT coalesce(max(version), 0) FROM scripts WHERE project_id = ? AND kind = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  version++;

  id = anju_command_context_new_id (ctx);
  stmt = anju_store_prepare (store,
      "INSERT INTO scripts (id, project_id, kind, version, text, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, version);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 6, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 7, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "scripts", id);
  subject = g_strdup_printf ("script:%s", id);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (anju_command_context_get_result (ctx), "script_id", id);
  json_object_set_int_member (anju_command_context_get_result (ctx), "version", version);
  return TRUE;
}

/* ---- follow-ups written by commands ------------------------------------- */

/* "王芳（王女士）": how tasks name a customer, the name and how they are
 * addressed, never the two run together ("王芳女士"). */
static char *
dup_customer_label (const AnjuRecepCustomer *customer)
{
  return anju_format_person (customer->name ? customer->name : "", customer->title);
}

static char *
dup_task_title (const AnjuPlannedFollowUp *p,
                const char                *who,
                gint64                     appointment_at)
{
  g_autofree char *when = appointment_at ? anju_format_datetime (appointment_at) : g_strdup ("");

  if (g_str_equal (p->rule, "call.thank_you_sms"))
    return g_strdup_printf (_("Send %s the thank-you SMS for the call"), who);
  if (g_str_equal (p->rule, "visit.thank_you_sms"))
    return g_strdup_printf (_("Send %s the thank-you SMS for the visit"), who);
  if (g_str_equal (p->rule, "call.invite_next_day"))
    return g_strdup_printf (_("Call %s to invite them to visit"), who);
  if (g_str_equal (p->rule, "call.call_again"))
    return g_strdup_printf (_("Call %s again, as agreed"), who);
  if (g_str_equal (p->rule, "call.answer"))
    return g_strdup_printf (_("Call %s back with the answer"), who);
  if (g_str_equal (p->rule, "appointment.confirm"))
    return g_strdup_printf (_("Confirm the visit of %s (%s)"), who, when);
  if (g_str_equal (p->rule, "appointment.visit"))
    return g_strdup_printf (_("Meet %s at the door (appointment %s)"), who, when);
  if (g_str_equal (p->rule, "visit.call_back"))
    return g_strdup_printf (_("Call %s back after the visit"), who);
  return g_strdup_printf (_("Follow up with %s"), who);
}

gboolean
anju_recep_write_follow_ups (AnjuCommandContext       *ctx,
                             GPtrArray                *plan,
                             AnjuRecepFollowUpTarget  *target,
                             GError                  **error)
{
  g_autofree char *who = dup_customer_label (target->customer);

  for (guint i = 0; i < plan->len; i++)
    {
      AnjuPlannedFollowUp *p = g_ptr_array_index (plan, i);
      g_autofree char *title = dup_task_title (p, who, target->appointment_at);
      g_autofree char *sms_id = NULL, *task_id = NULL;
      AnjuTaskSpec task = { 0 };

      task.project_id = target->project_id;
      task.customer_id = target->customer->id;
      task.assignee_id = target->assignee_id;
      task.kind = p->task_kind;
      task.title = title;
      task.detail = p->detail;
      task.due_at = p->due_at;
      task.rule = p->rule;
      task.agreed_time = p->agreed_time;
      if (g_str_has_prefix (p->rule, "appointment."))
        {
          task.source_type = "appointment";
          task.source_id = target->appointment_id;
        }
      else
        {
          task.source_type = target->source_type;
          task.source_id = target->source_id;
        }
      if (p->sms_template != NULL)
        {
          AnjuSmsSpec sms = { 0 };
          g_autoptr(GError) local_error = NULL;

          sms.project_id = target->project_id;
          sms.customer_id = target->customer->id;
          sms.consultant_id = target->assignee_id;
          sms.template_id = p->sms_template;
          sms.at = target->appointment_at;
          sms.due_at = p->due_at;
          sms.rule = p->rule;
          sms.source_type = target->source_type;
          sms.source_id = target->source_id;
          sms_id = anju_sms_queue_from_rule (ctx, &sms, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (sms_id == NULL)
            continue;   /* no number to send to */
          json_array_add_string_element (target->sms_ids, sms_id);
          task.source_type = "sms";
          task.source_id = sms_id;
        }
      if (!(task_id = anju_task_insert (ctx, &task, error)))
        return FALSE;
      json_array_add_string_element (target->task_ids, task_id);
    }
  return TRUE;
}

/* ---- appointments --------------------------------------------------------- */

typedef struct
{
  const char *id;
  const char *project_id;
  const char *customer_id;
  const char *consultant_id;
  gint64      at;
  const char *car_plate;
  gint64      party_size;
  const char *note;
  const char *source_type;
  const char *source_id;
} AppointmentRow;

static gboolean
insert_appointment (AnjuCommandContext    *ctx,
                    const AppointmentRow  *row,
                    GError               **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  g_autofree char *at = anju_clock_format_utc (row->at);
  g_autofree char *when = anju_format_datetime (row->at);
  g_autofree char *consultant = anju_recep_dup_user_name (store, row->consultant_id);
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO appointments (id, project_id, customer_id, consultant_id, at, car_plate, "
      "party_size, note, state, source_type, source_id, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, row->project_id);
  sqlite3_bind_text (stmt, 3, row->customer_id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 4, row->consultant_id);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 6, row->car_plate);
  if (row->party_size > 0)
    sqlite3_bind_int64 (stmt, 7, row->party_size);
  else
    sqlite3_bind_null (stmt, 7);
  anju_stmt_bind_text_or_null (stmt, 8, row->note);
  anju_stmt_bind_text_or_null (stmt, 9, row->source_type);
  anju_stmt_bind_text_or_null (stmt, 10, row->source_id);
  anju_stmt_bind_text_or_null (stmt, 11, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, now, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "appointments", row->id);
  summary = g_strdup_printf (_("Appointment to visit on %s, with %s"), when, consultant ? consultant : "-");
  return anju_customer_add_event (ctx, row->customer_id, "appointment", summary, NULL, error);
}

gboolean
anju_recep_read_party (JsonObject   *payload,
                       const char  **car_plate,
                       gint64       *party_size,
                       GError      **error)
{
  if (!anju_payload_get_text (payload, "car_plate", FALSE, 20, car_plate, error) ||
      !anju_payload_get_int (payload, "party_size", FALSE, party_size, error))
    return FALSE;
  if (*party_size < 0 || *party_size > 99)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "party_size",
                           _("“party_size” must be a number of people from 1 to 99."));
      return FALSE;
    }
  return TRUE;
}

gboolean
anju_recep_normalize_mobile (const char  *text,
                             char       **out,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *out = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (!(*out = anju_mobile_normalize (text, &local_error)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "mobile", "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
anju_recep_find_customer (AnjuStore          *store,
                          const char         *customer_id,
                          const char         *mobile,
                          AnjuRecepCustomer  *out,
                          gboolean           *known,
                          GError            **error)
{
  g_autofree char *found = NULL;

  *known = FALSE;
  if (customer_id != NULL)
    {
      if (!anju_recep_load_customer (store, "customer_id", customer_id, out, error))
        return FALSE;
    }
  else if (mobile != NULL && (found = anju_customers_find_by_mobile (store, mobile)) != NULL)
    {
      if (!anju_recep_load_customer (store, "mobile", found, out, error))
        return FALSE;
    }
  else
    return TRUE;
  *known = TRUE;
  return TRUE;
}

static gboolean
apply_appointment_create (AnjuCommandContext  *ctx,
                          JsonObject          *payload,
                          GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_auto(AnjuRecepCustomer) customer = { 0 };
  g_autoptr(AnjuUser) consultant = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GError) policy_error = NULL;
  g_autofree char *id = NULL, *project_id = NULL, *subject = NULL;
  const char *customer_id, *consultant_id = NULL, *car_plate = NULL, *note = NULL;
  gint64 at = 0, party_size = 0;
  AnjuFollowUpRules rules;
  AppointmentRow row = { 0 };
  AnjuRecepFollowUpTarget target = { 0 };
  JsonObject *result = anju_command_context_get_result (ctx);

  if (!anju_command_context_take_new_id (ctx, payload, "appointment_id", "appointments", &id, error) ||
      !anju_payload_get_string (payload, "customer_id", TRUE, &customer_id, error) ||
      !anju_payload_get_time (payload, "at", TRUE, &at, error) ||
      !anju_payload_get_string (payload, "consultant_id", FALSE, &consultant_id, error) ||
      !anju_payload_get_text (payload, "note", FALSE, 500, &note, error) ||
      !anju_recep_read_party (payload, &car_plate, &party_size, error) ||
      !anju_recep_load_customer (store, "customer_id", customer_id, &customer, error) ||
      !anju_recep_resolve_project (store, payload, customer.project_id, &project_id, error))
    return FALSE;
  if (at <= anju_command_context_get_now (ctx))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "at",
                           _("The appointment is in the past. Give the time the customer will come."));
      return FALSE;
    }
  if (consultant_id == NULL)
    consultant_id = customer.owner_id ? customer.owner_id : actor->id;
  if (!(consultant = anju_recep_lookup_staff (store, "consultant_id", consultant_id, error)))
    return FALSE;
  if (!anju_follow_up_rules_load (store, project_id, &rules, &policy_error))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL, "%s", policy_error->message);
      return FALSE;
    }
  row.id = id;
  row.project_id = project_id;
  row.customer_id = customer_id;
  row.consultant_id = consultant->id;
  row.at = at;
  row.car_plate = car_plate;
  row.party_size = party_size;
  row.note = note;
  row.source_type = "manual";
  if (!insert_appointment (ctx, &row, error))
    return FALSE;

  plan = anju_follow_up_plan_appointment (&rules, anju_command_context_get_now (ctx), at,
                                          anju_format_get_time_zone ());
  target.project_id = project_id;
  target.customer = &customer;
  target.assignee_id = consultant->id;
  target.source_type = "appointment";
  target.source_id = id;
  target.appointment_id = id;
  target.appointment_at = at;
  target.task_ids = json_array_new ();
  target.sms_ids = json_array_new ();
  json_object_set_array_member (result, "task_ids", target.task_ids);
  json_object_set_array_member (result, "sms_ids", target.sms_ids);
  if (!anju_recep_write_follow_ups (ctx, plan, &target, error))
    return FALSE;
  subject = g_strdup_printf ("appointment:%s", id);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (result, "appointment_id", id);
  return TRUE;
}

static gboolean
apply_appointment_cancel (AnjuCommandContext  *ctx,
                          JsonObject          *payload,
                          GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *outcome = NULL, *summary = NULL, *subject = NULL;
  const char *id, *reason = NULL, *state;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "appointment_id", TRUE, &id, error) ||
      !anju_payload_get_text (payload, "reason", FALSE, 200, &reason, error))
    return FALSE;
  if (!(row = anju_store_dup_row (store, "appointments", id, NULL)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "appointment_id",
                           _("There is no appointment with this id. Refresh the plan."));
      return FALSE;
    }
  state = json_object_get_string_member (row, "state");
  if (!g_str_equal (state, "planned"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "appointment_id",
                           g_str_equal (state, "arrived")
                           ? _("The customer has already arrived for this appointment.")
                           : _("This appointment was already cancelled."));
      return FALSE;
    }
  stmt = anju_store_prepare (store,
      "UPDATE appointments SET state = 'cancelled', note = coalesce(?, note), updated_at = ? WHERE id = ?",
      error);
  if (stmt == NULL)
    return FALSE;
  anju_stmt_bind_text_or_null (stmt, 1, reason);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "appointments", id);
  outcome = reason ? g_strdup_printf (_("appointment cancelled: %s"), reason)
                   : g_strdup (_("appointment cancelled"));
  if (!anju_tasks_close_for_source (ctx, "appointment", id, NULL, outcome, error))
    return FALSE;
  summary = reason ? g_strdup_printf (_("Appointment cancelled: %s"), reason)
                   : g_strdup (_("Appointment cancelled"));
  if (!anju_customer_add_event (ctx, json_object_get_string_member (row, "customer_id"),
                                "appointment", summary, NULL, error))
    return FALSE;
  subject = g_strdup_printf ("appointment:%s", id);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (anju_command_context_get_result (ctx), "appointment_id", id);
  return TRUE;
}

/* ---- calls ------------------------------------------------------------ */

/* Whether a call's thank-you SMS went (or waits to go) to @customer_id
 * already on the local day of @at: one a day is enough. */
static gboolean
thanked_on_day (AnjuStore  *store,
                const char *customer_id,
                gint64      at)
{
  GTimeZone *zone = anju_format_get_time_zone ();
  g_autofree char *start = anju_clock_format_utc (anju_follow_up_local_time (zone, at, 0, 0));
  g_autofree char *end = anju_clock_format_utc (anju_follow_up_local_time (zone, at, 1, 0));
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT 1 FROM sms_outbox WHERE customer_id = ? AND rule = 'call.thank_you_sms' "
      "AND state <> 'cancelled' AND queued_at >= ? AND queued_at < ? LIMIT 1", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, end, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Checks the questions: [{text, answered}], and collects the unanswered. */
static gboolean
read_questions (JsonObject   *payload,
                JsonArray   **questions,
                GPtrArray    *unanswered,
                GError      **error)
{
  JsonArray *array = NULL;

  if (!anju_payload_get_array (payload, "questions", FALSE, &array, error))
    return FALSE;
  *questions = json_array_new ();
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *q = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *text = q ? json_object_get_member (q, "text") : NULL;
      JsonNode *answered = q ? json_object_get_member (q, "answered") : NULL;
      JsonObject *copy;

      if (text == NULL || json_node_get_value_type (text) != G_TYPE_STRING ||
          anju_text_is_blank (json_node_get_string (text)) ||
          g_utf8_strlen (json_node_get_string (text), -1) > 500 ||
          (answered != NULL && !JSON_NODE_HOLDS_NULL (answered) &&
           json_node_get_value_type (answered) != G_TYPE_BOOLEAN))
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "questions",
                               _("Question %u must have a “text” (up to 500 characters) and “answered”: true or false."),
                               i + 1);
          json_array_unref (*questions);
          *questions = NULL;
          return FALSE;
        }
      copy = json_object_new ();
      json_object_set_string_member (copy, "text", json_node_get_string (text));
      json_object_set_boolean_member (copy, "answered",
                                      answered && !JSON_NODE_HOLDS_NULL (answered) && json_node_get_boolean (answered));
      if (!json_object_get_boolean_member (copy, "answered"))
        g_ptr_array_add (unanswered, (gpointer)json_node_get_string (text));
      json_array_add_object_element (*questions, copy);
    }
  g_ptr_array_add (unanswered, NULL);
  return TRUE;
}

/* Whether @new_customer carries a mobile that is not blank. */
static gboolean
new_customer_has_mobile (JsonObject *new_customer)
{
  JsonNode *node = json_object_get_member (new_customer, "mobile");

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING &&
         !anju_text_is_blank (json_node_get_string (node));
}

/* call.log, step by step: what the payload says, whether it holds
 * together, who is calling, the call's measures, then the rows. */
typedef struct
{
  /* read from the payload */
  char              *id;
  const char        *given_customer;
  const char        *mobile_text;
  JsonObject        *new_customer;
  const char        *answered_by;
  gboolean           backup;
  gint64             rings;
  gint64             started_at;
  gint64             ended_at;
  const char        *reason;
  JsonArray         *questions;
  GPtrArray         *unanswered;   /* the questions' texts, NULL-terminated */
  gboolean           invited;
  gboolean           refused;
  const char        *refusal_note;
  gint64             appointment_at;
  gint64             call_again_at;
  gboolean           intent;
  const char        *car_plate;
  gint64             party_size;
  /* checked and decided */
  AnjuUser          *answerer;
  char              *mobile;
  AnjuRecepCustomer  customer;
  gboolean           repeat;
  gboolean           created;
  char              *project_id;
  AnjuFollowUpRules  rules;
  gint64             duration;
  gboolean           long_call;
  gboolean           slow;
  char              *appointment_id;
} CallLog;

static void
call_log_clear (CallLog *call)
{
  g_free (call->id);
  g_clear_pointer (&call->questions, json_array_unref);
  g_clear_pointer (&call->unanswered, g_ptr_array_unref);
  g_clear_pointer (&call->answerer, anju_user_free);
  g_free (call->mobile);
  anju_recep_customer_clear (&call->customer);
  g_free (call->project_id);
  g_free (call->appointment_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CallLog, call_log_clear)

static gboolean
read_call_log (AnjuCommandContext  *ctx,
               JsonObject          *payload,
               CallLog             *call,
               GError             **error)
{
  call->unanswered = g_ptr_array_new ();
  return anju_command_context_take_new_id (ctx, payload, "call_id", "calls", &call->id, error) &&
         anju_payload_get_string (payload, "customer_id", FALSE, &call->given_customer, error) &&
         anju_payload_get_string (payload, "mobile", FALSE, &call->mobile_text, error) &&
         anju_payload_get_object (payload, "new_customer", FALSE, &call->new_customer, error) &&
         anju_payload_get_string (payload, "answered_by", TRUE, &call->answered_by, error) &&
         anju_payload_get_bool (payload, "backup", FALSE, &call->backup, error) &&
         anju_payload_get_int (payload, "rings", TRUE, &call->rings, error) &&
         anju_payload_get_time (payload, "started_at", TRUE, &call->started_at, error) &&
         anju_payload_get_time (payload, "ended_at", TRUE, &call->ended_at, error) &&
         anju_payload_get_text (payload, "reason", FALSE, 500, &call->reason, error) &&
         read_questions (payload, &call->questions, call->unanswered, error) &&
         anju_payload_get_bool (payload, "invited", FALSE, &call->invited, error) &&
         anju_payload_get_bool (payload, "contact_refused", FALSE, &call->refused, error) &&
         anju_payload_get_text (payload, "refusal_note", FALSE, 500, &call->refusal_note, error) &&
         anju_payload_get_time (payload, "appointment_at", FALSE, &call->appointment_at, error) &&
         anju_payload_get_time (payload, "call_again_at", FALSE, &call->call_again_at, error) &&
         anju_payload_get_bool (payload, "intent", FALSE, &call->intent, error) &&
         anju_recep_read_party (payload, &call->car_plate, &call->party_size, error);
}

/* The answerer, the rings, the times in order, the mobile, and a number
 * (or its refusal) from a new caller. */
static gboolean
check_call_log (AnjuStore  *store,
                CallLog    *call,
                GError    **error)
{
  if (!(call->answerer = anju_recep_lookup_staff (store, "answered_by", call->answered_by, error)))
    return FALSE;
  if (call->rings < 0 || call->rings > 100)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "rings",
                           _("“rings” must be the number of rings before the answer, 0 to 100."));
      return FALSE;
    }
  if (call->ended_at < call->started_at)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "ended_at",
                           _("The call ends before it starts. Check the two times."));
      return FALSE;
    }
  if (call->appointment_at != 0 && call->appointment_at <= call->ended_at)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "appointment_at",
                           _("The appointment must be after the call. Give the time the caller will come."));
      return FALSE;
    }
  if (call->call_again_at != 0 && call->call_again_at <= call->ended_at)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "call_again_at",
                           _("The time to call again must be after the call."));
      return FALSE;
    }
  if (!anju_recep_normalize_mobile (call->mobile_text, &call->mobile, error))
    return FALSE;
  /* Seed p.31 要点四: a new caller leaves a number, or the refusal is
   * recorded; a name alone makes a customer nobody can call. */
  if (call->given_customer == NULL && call->mobile == NULL && call->new_customer != NULL &&
      !call->refused && !new_customer_has_mobile (call->new_customer))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "mobile",
                           _("Ask the caller for their mobile number, or tick “Declined to leave contact details”."));
      return FALSE;
    }
  return TRUE;
}

/* A new caller becomes a customer the answerer owns. */
static gboolean
create_caller (AnjuCommandContext  *ctx,
               JsonObject          *payload,
               CallLog             *call,
               GError             **error)
{
  static const char * const allowed[] = { "name", "title", "mobile", "id_number", "profile", NULL };
  g_autoptr(JsonObject) create = json_object_new ();
  const char *new_id;

  for (guint i = 0; allowed[i] != NULL; i++)
    if (json_object_has_member (call->new_customer, allowed[i]))
      json_object_set_member (create, allowed[i],
                              json_node_copy (json_object_get_member (call->new_customer, allowed[i])));
  /* The number the call came from is the caller's; one who declined
   * to leave contact details keeps it to themself. */
  if (call->mobile != NULL)
    json_object_set_string_member (create, "mobile", call->mobile);
  if (call->refused)
    json_object_remove_member (create, "mobile");
  if (json_object_has_member (payload, "project_id"))
    json_object_set_member (create, "project_id",
                            json_node_copy (json_object_get_member (payload, "project_id")));
  if (!anju_recep_run_nested (ctx, "customer.create", create, "new_customer", error))
    return FALSE;
  new_id = json_object_get_string_member (anju_command_context_get_result (ctx), "customer_id");
  if (!anju_recep_set_owner (ctx, new_id, call->answerer->id, error) ||
      !anju_recep_load_customer (anju_command_context_get_store (ctx), "new_customer", new_id,
                                 &call->customer, error))
    return FALSE;
  call->created = TRUE;
  return TRUE;
}

/* Who is calling: a customer named, a known number, or a new caller;
 * then what the call must record for them. */
static gboolean
identify_caller (AnjuCommandContext  *ctx,
                 JsonObject          *payload,
                 CallLog             *call,
                 GError             **error)
{
  if (!anju_recep_find_customer (anju_command_context_get_store (ctx), call->given_customer, call->mobile,
                                 &call->customer, &call->repeat, error))
    return FALSE;
  if (!call->repeat && call->new_customer != NULL)
    {
      if (!create_caller (ctx, payload, call, error))
        return FALSE;
    }
  else if (!call->repeat && !call->refused)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "new_customer.name",
                           _("This caller is not on file. Ask for their name, or record that they declined to leave their details."));
      return FALSE;
    }
  if (call->appointment_at != 0 && call->customer.id == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "new_customer.name",
                           _("An appointment needs the caller's name, so that the door can greet them."));
      return FALSE;
    }
  /* Seed p.31, 要点五: without an agreed time to visit, note when to call
   * again — for every caller who can be called. */
  if (call->customer.id != NULL && call->customer.mobile != NULL && !call->refused &&
      call->appointment_at == 0 && call->call_again_at == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "call_again_at",
                           _("No time to visit was agreed: note when to call the caller again."));
      return FALSE;
    }
  return TRUE;
}

/* The project, its follow-up rules and phone standard, and the call's
 * measures against them. */
static gboolean
measure_call (AnjuCommandContext  *ctx,
              JsonObject          *payload,
              CallLog             *call,
              GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(GError) policy_error = NULL;
  AnjuPhoneStandard phone;

  if (!anju_recep_resolve_project (store, payload, call->customer.project_id, &call->project_id, error))
    return FALSE;
  if (!anju_follow_up_rules_load (store, call->project_id, &call->rules, &policy_error))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL, "%s", policy_error->message);
      return FALSE;
    }
  call->duration = (call->ended_at - call->started_at) / G_USEC_PER_SEC;
  anju_reception_get_phone_standard (store, call->project_id, &phone);
  call->long_call = call->duration > (gint64)phone.long_call_minutes * 60;
  call->slow = call->rings > phone.answer_rings;
  if (call->appointment_at != 0)
    call->appointment_id = anju_command_context_new_id (ctx);
  return TRUE;
}

static gboolean
insert_call (AnjuCommandContext  *ctx,
             const CallLog       *call,
             GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), call->questions);
  g_autofree char *questions_text = json_to_string (node, FALSE);
  g_autofree char *started_text = anju_clock_format_utc (call->started_at);
  g_autofree char *ended_text = anju_clock_format_utc (call->ended_at);
  g_autofree char *again_text = call->call_again_at ? anju_clock_format_utc (call->call_again_at) : NULL;
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO calls (id, project_id, customer_id, mobile, answered_by, backup, rings, "
      "started_at, ended_at, duration_seconds, repeat_caller, reason, questions, invited, "
      "contact_refused, refusal_note, intent, appointment_id, call_again_at, slow_answer, "
      "long_call, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, call->id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, call->project_id);
  anju_stmt_bind_text_or_null (stmt, 3, call->customer.id);
  anju_stmt_bind_text_or_null (stmt, 4, call->refused ? NULL : call->mobile);
  sqlite3_bind_text (stmt, 5, call->answerer->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, call->backup);
  sqlite3_bind_int64 (stmt, 7, call->rings);
  sqlite3_bind_text (stmt, 8, started_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, ended_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, call->duration);
  sqlite3_bind_int (stmt, 11, call->repeat);
  anju_stmt_bind_text_or_null (stmt, 12, call->reason);
  sqlite3_bind_text (stmt, 13, questions_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 14, call->invited);
  sqlite3_bind_int (stmt, 15, call->refused);
  anju_stmt_bind_text_or_null (stmt, 16, call->refusal_note);
  sqlite3_bind_int (stmt, 17, call->intent);
  anju_stmt_bind_text_or_null (stmt, 18, call->appointment_id);
  anju_stmt_bind_text_or_null (stmt, 19, again_text);
  sqlite3_bind_int (stmt, 20, call->slow);
  sqlite3_bind_int (stmt, 21, call->long_call);
  anju_stmt_bind_text_or_null (stmt, 22, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 23, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "calls", call->id);
  return TRUE;
}

/* The caller's timeline line, who answered them (sales credit) and the
 * appointment they agreed to. */
static gboolean
record_caller (AnjuCommandContext  *ctx,
               const CallLog       *call,
               GError             **error)
{
  g_autofree char *flags = NULL, *summary = NULL;
  AppointmentRow row = { 0 };

  flags = g_strconcat (call->long_call ? _(" · over the time limit") : "",
                       call->slow ? _(" · answered late") : "",
                       call->backup ? _(" · backup receptionist") : "", NULL);
  summary = g_strdup_printf (_("Call answered by %s, %lld min %lld s%s"), call->answerer->display_name,
                             (long long)(call->duration / 60), (long long)(call->duration % 60), flags);
  if (!anju_customer_add_event (ctx, call->customer.id, "call", summary, call->reason, error) ||
      !anju_recep_add_registration (ctx, call->customer.id, call->answerer->id, call->started_at,
                                    "call", call->id, error))
    return FALSE;
  if (call->appointment_id == NULL)
    return TRUE;
  row.id = call->appointment_id;
  row.project_id = call->project_id;
  row.customer_id = call->customer.id;
  row.consultant_id = call->customer.owner_id ? call->customer.owner_id : call->answerer->id;
  row.at = call->appointment_at;
  row.car_plate = call->car_plate;
  row.party_size = call->party_size;
  row.source_type = "call";
  row.source_id = call->id;
  return insert_appointment (ctx, &row, error);
}

/* The call-backs, thank-you SMS and reminders the follow-up rules plan. */
static gboolean
plan_call_follow_ups (AnjuCommandContext  *ctx,
                      CallLog             *call,
                      AnjuRecepFollowUpTarget  *target,
                      GError             **error)
{
  g_autoptr(GPtrArray) plan = NULL;
  AnjuCallFacts facts = { 0 };

  facts.ended_at = call->ended_at;
  facts.has_contact = call->customer.mobile != NULL && !call->refused;
  facts.intent = call->intent;
  facts.appointment_at = call->appointment_at;
  facts.call_again_at = call->call_again_at;
  facts.thanked_today = thanked_on_day (anju_command_context_get_store (ctx), call->customer.id, call->ended_at);
  facts.unanswered = (const char * const *)call->unanswered->pdata;
  plan = anju_follow_up_plan_call (&call->rules, &facts, anju_format_get_time_zone ());
  target->project_id = call->project_id;
  target->customer = &call->customer;
  target->assignee_id = call->customer.owner_id ? call->customer.owner_id : call->answerer->id;
  target->source_type = "call";
  target->source_id = call->id;
  target->appointment_id = call->appointment_id;
  target->appointment_at = call->appointment_at;
  return anju_recep_write_follow_ups (ctx, plan, target, error);
}

static gboolean
apply_call_log (AnjuCommandContext  *ctx,
                JsonObject          *payload,
                GError             **error)
{
  JsonObject *result = anju_command_context_get_result (ctx);
  g_auto(CallLog) call = { 0 };
  g_autofree char *subject = NULL;
  AnjuRecepFollowUpTarget target = { 0 };

  if (!read_call_log (ctx, payload, &call, error) ||
      !check_call_log (anju_command_context_get_store (ctx), &call, error) ||
      !identify_caller (ctx, payload, &call, error) ||
      !measure_call (ctx, payload, &call, error) ||
      !insert_call (ctx, &call, error))
    return FALSE;

  target.task_ids = json_array_new ();
  target.sms_ids = json_array_new ();
  json_object_set_array_member (result, "task_ids", target.task_ids);
  json_object_set_array_member (result, "sms_ids", target.sms_ids);
  if (call.customer.id != NULL &&
      (!record_caller (ctx, &call, error) ||
       !plan_call_follow_ups (ctx, &call, &target, error)))
    return FALSE;

  subject = g_strdup_printf ("call:%s", call.id);
  anju_command_context_set_subject (ctx, subject);
  /* The answer; a member with no value is null. */
  json_object_set_string_member (result, "call_id", call.id);
  json_object_set_string_member (result, "customer_id", call.customer.id);
  json_object_set_boolean_member (result, "created_customer", call.created);
  json_object_set_boolean_member (result, "repeat_caller", call.repeat);
  json_object_set_boolean_member (result, "slow_answer", call.slow);
  json_object_set_boolean_member (result, "long_call", call.long_call);
  json_object_set_string_member (result, "appointment_id", call.appointment_id);
  json_object_remove_member (result, "segment");
  json_object_remove_member (result, "segment_source");
  return TRUE;
}

void
anju_call_free (AnjuCall *call)
{
  if (call == NULL)
    return;
  g_free (call->id);
  g_free (call->project_id);
  g_free (call->customer_id);
  g_free (call->customer_name);
  g_free (call->mobile_masked);
  g_free (call->answered_by);
  g_free (call->answered_by_name);
  g_free (call->started_at);
  g_free (call->ended_at);
  g_free (call->reason);
  g_clear_pointer (&call->questions, json_array_unref);
  g_free (call->refusal_note);
  g_free (call->appointment_id);
  g_free (call->call_again_at);
  g_free (call);
}

#define CALL_SELECT \
  "SELECT k.id, k.project_id, k.customer_id, c.name, k.mobile, k.answered_by, u.display_name, " \
  "k.backup, k.rings, k.started_at, k.ended_at, k.duration_seconds, k.repeat_caller, k.reason, " \
  "k.questions, k.invited, k.contact_refused, k.refusal_note, k.intent, k.appointment_id, " \
  "k.call_again_at, k.slow_answer, k.long_call FROM calls k " \
  "LEFT JOIN customers c ON c.id = k.customer_id LEFT JOIN users u ON u.id = k.answered_by "

static AnjuCall *
call_from_stmt (sqlite3_stmt *stmt)
{
  AnjuCall *call = g_new0 (AnjuCall, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *mobile = (const char *)sqlite3_column_text (stmt, 4);
  const char *questions = (const char *)sqlite3_column_text (stmt, 14);

  call->id = anju_stmt_dup_text (stmt, 0);
  call->project_id = anju_stmt_dup_text (stmt, 1);
  call->customer_id = anju_stmt_dup_text (stmt, 2);
  call->customer_name = anju_stmt_dup_text (stmt, 3);
  call->mobile_masked = mobile ? anju_mobile_mask (mobile) : NULL;
  call->answered_by = anju_stmt_dup_text (stmt, 5);
  call->answered_by_name = anju_stmt_dup_text (stmt, 6);
  call->backup = sqlite3_column_int (stmt, 7);
  call->rings = sqlite3_column_int (stmt, 8);
  call->started_at = anju_stmt_dup_text (stmt, 9);
  call->ended_at = anju_stmt_dup_text (stmt, 10);
  call->duration_seconds = sqlite3_column_int64 (stmt, 11);
  call->repeat_caller = sqlite3_column_int (stmt, 12);
  call->reason = anju_stmt_dup_text (stmt, 13);
  if (questions && json_parser_load_from_data (parser, questions, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    call->questions = json_array_ref (json_node_get_array (json_parser_get_root (parser)));
  else
    call->questions = json_array_new ();
  call->invited = sqlite3_column_int (stmt, 15);
  call->contact_refused = sqlite3_column_int (stmt, 16);
  call->refusal_note = anju_stmt_dup_text (stmt, 17);
  call->intent = sqlite3_column_int (stmt, 18);
  call->appointment_id = anju_stmt_dup_text (stmt, 19);
  call->call_again_at = anju_stmt_dup_text (stmt, 20);
  call->slow_answer = sqlite3_column_int (stmt, 21);
  call->long_call = sqlite3_column_int (stmt, 22);
  return call;
}

AnjuCall *
anju_call_load (AnjuStore   *store,
                const char  *call_id,
                GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, CALL_SELECT "WHERE k.id = ?", error);
  AnjuCall *call = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    call = call_from_stmt (stmt);
  sqlite3_reset (stmt);
  if (call == NULL)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "call_id",
                         _("There is no call with this id."));
  return call;
}

GPtrArray *
anju_calls_list_for_day (AnjuStore   *store,
                         const char  *project_id,
                         const char  *local_date,
                         GError     **error)
{
  g_autofree char *start = NULL, *end = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  sqlite3_stmt *stmt;

  if (!anju_recep_get_day_bounds (store, local_date, &start, &end, error))
    return NULL;
  stmt = anju_store_prepare (store, CALL_SELECT
      "WHERE k.started_at >= ?1 AND k.started_at < ?2 AND (?3 IS NULL OR k.project_id = ?3) "
      "ORDER BY k.started_at DESC, k.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, project_id);
  calls = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_call_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (calls, call_from_stmt (stmt));
  sqlite3_reset (stmt);
  return g_steal_pointer (&calls);
}

/* ---- the caller ------------------------------------------------------- */

void
anju_caller_free (AnjuCaller *caller)
{
  if (caller == NULL)
    return;
  g_free (caller->customer_id);
  g_free (caller->name);
  g_free (caller->title);
  g_free (caller->mobile_masked);
  g_free (caller->owner_id);
  g_free (caller->owner_name);
  g_free (caller->last_call_at);
  g_free (caller->last_visit_at);
  g_clear_pointer (&caller->recent_events, g_ptr_array_unref);
  g_clear_pointer (&caller->open_tasks, g_ptr_array_unref);
  g_free (caller);
}

static void
count_and_last (AnjuStore   *store,
                const char  *sql,
                const char  *customer_id,
                guint       *count,
                char       **last)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *count = sqlite3_column_int (stmt, 0);
      *last = anju_stmt_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
}

AnjuCaller *
anju_reception_find_caller (AnjuStore  *store,
                            const char *mobile)
{
  g_autofree char *customer_id = anju_customers_find_by_mobile (store, mobile);
  g_autoptr(AnjuCustomer) customer = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  AnjuCaller *caller;

  if (customer_id == NULL || !(customer = anju_customer_load (store, customer_id, NULL)))
    return NULL;
  caller = g_new0 (AnjuCaller, 1);
  caller->customer_id = g_strdup (customer_id);
  caller->name = g_strdup (customer->summary.name);
  caller->title = g_strdup (customer->summary.title);
  caller->mobile_masked = g_strdup (customer->summary.mobile_masked);
  caller->owner_id = g_strdup (customer->summary.owner_id);
  caller->owner_name = g_strdup (customer->summary.owner_name);
  count_and_last (store, "SELECT count(*), max(started_at) FROM calls WHERE customer_id = ?",
                  customer_id, &caller->n_calls, &caller->last_call_at);
  count_and_last (store, "SELECT count(*), max(arrived_at) FROM visits WHERE customer_id = ?",
                  customer_id, &caller->n_visits, &caller->last_visit_at);
  events = anju_customer_list_events (store, customer_id, NULL);
  if (events != NULL && events->len > 5)
    g_ptr_array_set_size (events, 5);
  caller->recent_events = events ? g_steal_pointer (&events)
                                 : g_ptr_array_new_with_free_func ((GDestroyNotify)anju_customer_event_free);
  caller->open_tasks = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_task_free);
  tasks = anju_tasks_list_for_customer (store, customer_id, NULL);
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      AnjuTask *t = g_ptr_array_index (tasks, i);
      if (g_str_equal (t->state, "open"))
        g_ptr_array_add (caller->open_tasks, g_ptr_array_steal_index (tasks, i--));
    }
  return caller;
}

/* ---- the reception plan ----------------------------------------------- */

void
anju_plan_entry_free (AnjuPlanEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->appointment_id);
  g_free (e->at);
  g_free (e->customer_id);
  g_free (e->customer_name);
  g_free (e->customer_title);
  g_free (e->consultant_id);
  g_free (e->consultant_name);
  g_free (e->car_plate);
  g_free (e->note);
  g_free (e->state);
  g_free (e->visit_id);
  g_free (e);
}

GPtrArray *
anju_reception_plan_for_day (AnjuStore   *store,
                             const char  *project_id,
                             const char  *local_date,
                             GError     **error)
{
  g_autofree char *start = NULL, *end = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  sqlite3_stmt *stmt;

  if (!anju_recep_get_day_bounds (store, local_date, &start, &end, error))
    return NULL;
  stmt = anju_store_prepare (store,
      "SELECT a.id, a.at, a.customer_id, c.name, c.title, a.consultant_id, u.display_name, "
      "a.car_plate, a.party_size, a.note, a.state, a.visit_id FROM appointments a "
      "LEFT JOIN customers c ON c.id = a.customer_id LEFT JOIN users u ON u.id = a.consultant_id "
      "WHERE a.at >= ?1 AND a.at < ?2 AND (?3 IS NULL OR a.project_id = ?3) "
      "ORDER BY a.at, a.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, project_id);
  plan = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_plan_entry_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AnjuPlanEntry *e = g_new0 (AnjuPlanEntry, 1);

      e->appointment_id = anju_stmt_dup_text (stmt, 0);
      e->at = anju_stmt_dup_text (stmt, 1);
      e->customer_id = anju_stmt_dup_text (stmt, 2);
      e->customer_name = anju_stmt_dup_text (stmt, 3);
      e->customer_title = anju_stmt_dup_text (stmt, 4);
      e->consultant_id = anju_stmt_dup_text (stmt, 5);
      e->consultant_name = anju_stmt_dup_text (stmt, 6);
      e->car_plate = anju_stmt_dup_text (stmt, 7);
      e->party_size = sqlite3_column_int (stmt, 8);
      e->note = anju_stmt_dup_text (stmt, 9);
      e->state = anju_stmt_dup_text (stmt, 10);
      e->visit_id = anju_stmt_dup_text (stmt, 11);
      g_ptr_array_add (plan, e);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&plan);
}

/* ---- sales credit ----------------------------------------------------- */

char *
anju_reception_credit_consultant (AnjuStore  *store,
                                  const char *customer_id,
                                  gint64      at)
{
  g_auto(AnjuRecepCustomer) customer = { 0 };
  g_autofree char *at_text = anju_clock_format_utc (at);
  g_autofree char *holder = NULL;
  gint64 validity, valid_until = 0;
  gboolean renew;
  sqlite3_stmt *stmt;

  if (!anju_recep_load_customer (store, "customer_id", customer_id, &customer, NULL))
    return NULL;
  validity = anju_policy_get_int (store, customer.project_id, "walk_in.registration_validity_days", 15)
             * G_USEC_PER_SEC * 24 * 3600;
  renew = anju_policy_get_bool (store, customer.project_id, "walk_in.registration_renewed_by_contact", TRUE);
  stmt = anju_store_prepare (store,
      "SELECT consultant_id, at FROM registrations WHERE customer_id = ? AND at <= ? "
      "ORDER BY at, rowid", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, at_text, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *consultant = (const char *)sqlite3_column_text (stmt, 0);
      gint64 when = 0;

      if (!anju_clock_parse_utc ((const char *)sqlite3_column_text (stmt, 1), &when))
        continue;
      if (holder == NULL || (g_strcmp0 (holder, consultant) != 0 && when > valid_until))
        {
          g_free (holder);
          holder = g_strdup (consultant);
          valid_until = when + validity;
        }
      else if (g_strcmp0 (holder, consultant) == 0 && renew)
        valid_until = MAX (valid_until, when + validity);
    }
  sqlite3_reset (stmt);
  if (holder != NULL)
    return g_steal_pointer (&holder);
  return g_steal_pointer (&customer.owner_id);
}

/* ---- registration ----------------------------------------------------- */

static const AnjuCommandSpec reception_commands[] = {
  { "call.log", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_call_log,
    "call_id:string? customer_id:string? mobile:string? new_customer:object? "
    "answered_by:string backup:boolean? rings:integer started_at:string "
    "ended_at:string reason:string? questions:array? invited:boolean? "
    "contact_refused:boolean? refusal_note:string? appointment_at:string? "
    "call_again_at:string? intent:boolean? car_plate:string? party_size:integer? "
    "project_id:string?" },
  { "appointment.create", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_appointment_create,
    "appointment_id:string? customer_id:string at:string consultant_id:string? "
    "note:string? car_plate:string? party_size:integer? project_id:string?" },
  { "appointment.cancel", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_appointment_cancel,
    "appointment_id:string reason:string?" },
  { "script.set", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_script_set,
    "project_id:string kind:string text:string" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const reception_topic_tables[] = { "calls", "appointments", "registrations", NULL };
static const char * const scripts_topic_tables[] = { "scripts", NULL };

void
anju_reception_register_commands (void)
{
  anju_topic_declare ("reception", reception_topic_tables);
  anju_topic_declare ("scripts", scripts_topic_tables);
  anju_commands_register (reception_commands, G_N_ELEMENTS (reception_commands));
  anju_visits_register_commands ();
  anju_rotation_register_commands ();
  anju_tasks_register_commands ();
  anju_sms_register_commands ();
}
