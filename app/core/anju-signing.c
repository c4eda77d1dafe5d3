/* anju-signing.c — the signing of a subscription and its reminders (签约)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-clock.h"
#include "anju-customers.h"
#include "anju-follow-up.h"
#include "anju-format.h"
#include "anju-mortgage.h"
#include "anju-policy.h"
#include "anju-reception-private.h"
#include "anju-signing.h"
#include "anju-signing-private.h"
#include "anju-sms.h"
#include "anju-subscriptions.h"
#include "anju-tasks.h"

#define DEFAULT_SIGNING_TIME    (10 * 60)
#define DEFAULT_SMS_DAYS        2
#define DEFAULT_CALL_DAYS       1
#define DEFAULT_PREPARE_HOURS   24
#define DEFAULT_LATEST_HOURS    1

/* ---- reading ------------------------------------------------------------ */

void
anju_signing_free (AnjuSigning *g)
{
  if (g == NULL)
    return;
  g_free (g->id);
  g_free (g->subscription_id);
  g_free (g->project_id);
  g_free (g->unit_id);
  g_free (g->unit_label);
  g_free (g->customer_id);
  g_free (g->customer_name);
  g_free (g->consultant_id);
  g_free (g->subscription_status);
  g_free (g->signing_at);
  g_free (g->status);
  g_free (g->signed_at);
  g_free (g->contract_number);
  g_free (g->payment_method);
  g_free (g->loan_bank);
  g_free (g->data_confirmed_by);
  g_free (g->data_confirmed_at);
  g_free (g->filing_due_on);
  g_free (g->filing_number);
  g_free (g->filed_on);
  g_free (g->filing_attachments);
  g_free (g->progress_sms_at);
  g_free (g);
}

#define SIGNING_SELECT \
  "SELECT g.id, g.subscription_id, g.project_id, s.unit_id, b.name || '-' || u.number, s.customer_id, " \
  "coalesce (c.name, ''), s.consultant_id, s.status, g.signing_at, g.status, " \
  "g.signed_at, g.contract_number, g.payment_method, g.down_payment, g.loan_bank, du.display_name, " \
  "g.data_confirmed_at, g.filing_due_on, g.filing_number, g.filed_on, g.filing_attachments, " \
  "g.progress_sms_at, c.title " \
  "FROM signings g JOIN subscriptions s ON s.id = g.subscription_id JOIN units u ON u.id = s.unit_id " \
  "JOIN buildings b ON b.id = u.building_id LEFT JOIN customers c ON c.id = s.customer_id " \
  "LEFT JOIN users du ON du.id = g.data_confirmed_by "

static AnjuSigning *
signing_from_row (sqlite3_stmt *stmt)
{
  AnjuSigning *g = g_new0 (AnjuSigning, 1);

  g->id = anju_stmt_dup_text (stmt, 0);
  g->subscription_id = anju_stmt_dup_text (stmt, 1);
  g->project_id = anju_stmt_dup_text (stmt, 2);
  g->unit_id = anju_stmt_dup_text (stmt, 3);
  g->unit_label = anju_stmt_dup_text (stmt, 4);
  g->customer_id = anju_stmt_dup_text (stmt, 5);
  g->customer_name = anju_stmt_dup_person (stmt, 6, 23);
  g->consultant_id = anju_stmt_dup_text (stmt, 7);
  g->subscription_status = anju_stmt_dup_text (stmt, 8);
  g->signing_at = anju_stmt_dup_text (stmt, 9);
  if (!anju_clock_parse_utc (g->signing_at, &g->signing_usec))
    g->signing_usec = 0;
  g->status = anju_stmt_dup_text (stmt, 10);
  g->signed_at = anju_stmt_dup_text (stmt, 11);
  g->contract_number = anju_stmt_dup_text (stmt, 12);
  g->payment_method = anju_stmt_dup_text (stmt, 13);
  g->down_payment = sqlite3_column_type (stmt, 14) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 14);
  g->loan_bank = anju_stmt_dup_text (stmt, 15);
  g->data_confirmed_by = anju_stmt_dup_text (stmt, 16);
  g->data_confirmed_at = anju_stmt_dup_text (stmt, 17);
  g->filing_due_on = anju_stmt_dup_text (stmt, 18);
  g->filing_number = anju_stmt_dup_text (stmt, 19);
  g->filed_on = anju_stmt_dup_text (stmt, 20);
  g->filing_attachments = anju_stmt_dup_text (stmt, 21);
  g->progress_sms_at = anju_stmt_dup_text (stmt, 22);
  return g;
}

GPtrArray *
anju_signing_collect (AnjuStore     *store,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_signing_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, signing_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

sqlite3_stmt *
anju_signing_prepare (AnjuStore   *store,
                      const char  *where,
                      GError     **error)
{
  g_autofree char *sql = g_strconcat (SIGNING_SELECT, where, NULL);

  return anju_store_prepare (store, sql, error);
}

AnjuSigning *
anju_signing_load (AnjuStore   *store,
                   const char  *subscription_id,
                   GError     **error)
{
  sqlite3_stmt *stmt = anju_signing_prepare (store, "WHERE g.subscription_id = ?", error);
  g_autoptr(GPtrArray) list = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, subscription_id, -1, SQLITE_TRANSIENT);
  if (!(list = anju_signing_collect (store, stmt, error)))
    return NULL;
  if (list->len == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "subscription_id",
                           _("There is no subscription with this id. Look the deal up again."));
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

GPtrArray *
anju_signings_list (AnjuStore   *store,
                    const char  *consultant_id,
                    GError     **error)
{
  sqlite3_stmt *stmt = anju_signing_prepare (store,
      "WHERE (?1 IS NULL OR s.consultant_id = ?1) ORDER BY g.signing_at, g.id", error);

  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, consultant_id);
  return anju_signing_collect (store, stmt, error);
}

/* ---- the reminders -------------------------------------------------------- */

typedef struct
{
  gint64   sms_at;       /* 0: none */
  gint64   call_at;
  gint64   prepare_at;
  gboolean prepare_kept; /* its latest time, kept even outside office hours */
} Reminders;

/* A reminder wanted at @wanted: at once when that has passed, inside
 * office hours, and none when it would come at or after the signing. */
static gint64
reminder_time (AnjuStore  *store,
               const char *project_id,
               gint64      now,
               gint64      signing_at,
               gint64      wanted)
{
  gint64 at = anju_policy_next_opening_usec (store, project_id, MAX (wanted, now));

  return at < signing_at ? at : 0;
}

static void
plan_reminders (AnjuStore  *store,
                const char *project_id,
                gint64      now,
                gint64      signing_at,
                Reminders  *r)
{
  gint64 sms_days = anju_policy_get_int (store, project_id, "signing.reminder_sms_days_before",
                                         DEFAULT_SMS_DAYS);
  gint64 call_days = anju_policy_get_int (store, project_id, "signing.call_days_before",
                                          DEFAULT_CALL_DAYS);
  gint64 hours = anju_policy_get_int (store, project_id, "signing.prepare_hours_before",
                                      DEFAULT_PREPARE_HOURS);
  gint64 latest_hours = anju_policy_get_int (store, project_id, "signing.prepare_latest_hours_before",
                                             DEFAULT_LATEST_HOURS);
  gint64 latest = signing_at - latest_hours * G_TIME_SPAN_HOUR;
  gint64 prepare = signing_at - hours * G_TIME_SPAN_HOUR;

  r->sms_at = reminder_time (store, project_id, now, signing_at, signing_at - sms_days * G_TIME_SPAN_DAY);
  r->call_at = reminder_time (store, project_id, now, signing_at, signing_at - call_days * G_TIME_SPAN_DAY);
  /* One day before; when that has passed, the latest time; never later. */
  if (prepare < now)
    prepare = latest;
  prepare = anju_policy_next_opening_usec (store, project_id, MAX (prepare, now));
  r->prepare_kept = prepare > latest;
  if (prepare > latest)
    prepare = MAX (latest, now);
  r->prepare_at = prepare < signing_at ? prepare : 0;
}

static JsonObject *
unit_values (const AnjuSigning *g)
{
  JsonObject *values = json_object_new ();

  json_object_set_string_member (values, "unit", g->unit_label);
  return values;
}

char *
anju_signing_queue_sms (AnjuCommandContext  *ctx,
                        const AnjuSigning   *g,
                        const char          *template_id,
                        const char          *rule,
                        gint64               at,
                        gint64               due_at,
                        JsonObject          *values,
                        GError             **error)
{
  g_autoptr(JsonObject) unit = values ? json_object_ref (values) : unit_values (g);
  AnjuSmsSpec spec = { 0 };

  if (!json_object_has_member (unit, "unit"))
    json_object_set_string_member (unit, "unit", g->unit_label);
  spec.project_id = g->project_id;
  spec.customer_id = g->customer_id;
  spec.consultant_id = g->consultant_id;
  spec.template_id = template_id;
  spec.at = at;
  spec.due_at = due_at;
  spec.rule = rule;
  spec.source_type = "signing";
  spec.source_id = g->id;
  spec.values = unit;
  return anju_sms_queue_from_rule (ctx, &spec, error);
}

char *
anju_signing_add_task (AnjuCommandContext  *ctx,
                       const AnjuSigning   *g,
                       const char          *kind,
                       const char          *rule,
                       const char          *title,
                       gint64               due_at,
                       gboolean             keep_time,
                       GError             **error)
{
  AnjuTaskSpec task = { 0 };

  task.project_id = g->project_id;
  task.customer_id = g->customer_id;
  task.assignee_id = g->consultant_id;
  task.kind = kind;
  task.title = title;
  task.due_at = due_at;
  task.rule = rule;
  task.source_type = "signing";
  task.source_id = g->id;
  task.agreed_time = keep_time;
  return anju_task_insert (ctx, &task, error);
}

static gboolean
add_id (JsonArray *ids,
        char      *id)
{
  if (id != NULL)
    json_array_add_string_element (ids, id);
  g_free (id);
  return TRUE;
}

/* The reminders of @g counted back from its signing time. */
static gboolean
make_reminders (AnjuCommandContext  *ctx,
                const AnjuSigning   *g,
                JsonArray           *task_ids,
                JsonArray           *sms_ids,
                GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *when = anju_format_datetime (g->signing_usec);
  g_autofree char *call_title = NULL, *prepare_title = NULL;
  GError *local_error = NULL;
  Reminders r;
  char *id;

  plan_reminders (store, g->project_id, anju_command_context_get_now (ctx), g->signing_usec, &r);
  if (r.sms_at != 0)
    {
      id = anju_signing_queue_sms (ctx, g, "signing_reminder", "signing.reminder_sms_days_before",
                                   g->signing_usec, r.sms_at, NULL, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      add_id (sms_ids, id);
    }
  if (r.call_at != 0)
    {
      call_title = g_strdup_printf (_("Call %s to confirm the signing of unit %s at %s and the documents to bring"),
                                    g->customer_name, g->unit_label, when);
      if (!(id = anju_signing_add_task (ctx, g, "confirm_signing", "signing.call_days_before",
                                        call_title, r.call_at, FALSE, error)))
        return FALSE;
      add_id (task_ids, id);
    }
  if (r.prepare_at != 0)
    {
      prepare_title = g_strdup_printf (_("Prepare the contract of unit %s for %s, signing at %s"),
                                       g->unit_label, g->customer_name, when);
      if (!(id = anju_signing_add_task (ctx, g, "prepare_contract", "signing.prepare_hours_before",
                                        prepare_title, r.prepare_at, r.prepare_kept, error)))
        return FALSE;
      add_id (task_ids, id);
    }
  return TRUE;
}

/* ---- opening the signing with the subscription ----------------------------- */

/* The signing deadline's day at policy signing.default_time. */
static gint64
default_signing_time (AnjuStore  *store,
                      const char *project_id,
                      const char *local_date)
{
  GTimeZone *zone = anju_format_get_time_zone ();
  g_autofree char *text = anju_policy_dup_string (store, project_id, "signing.default_time", NULL);
  int minutes = DEFAULT_SIGNING_TIME;
  gint64 start = 0, end = 0;

  if (!anju_follow_up_parse_time_of_day (text, &minutes))
    minutes = DEFAULT_SIGNING_TIME;
  anju_recep_local_day_range (local_date, zone, &start, &end);
  return anju_follow_up_local_time (zone, start, 0, minutes);
}

gboolean
anju_signing_open (AnjuCommandContext  *ctx,
                   const char          *subscription_id,
                   GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  g_autoptr(AnjuSubscription) s = anju_subscription_load (store, subscription_id, error);
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(JsonArray) task_ids = json_array_new ();
  g_autoptr(JsonArray) sms_ids = json_array_new ();
  g_autofree char *id = NULL, *signing_at = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  char *sms_id;

  if (s == NULL)
    return FALSE;
  id = anju_command_context_new_id (ctx);
  signing_at = anju_clock_format_utc (default_signing_time (store, s->project_id, s->signing_deadline));
  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO signings (id, subscription_id, project_id, signing_at, created_at, updated_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?5)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, s->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, s->project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, signing_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "signings", id);
  if (!(g = anju_signing_load (store, s->id, error)))
    return FALSE;

  /* 成交后，短信恭喜客户成为……的业主 */
  sms_id = anju_signing_queue_sms (ctx, g, "signing_congratulations", "signing.congratulations", 0,
                                   anju_policy_next_opening_usec (store, g->project_id,
                                                             anju_command_context_get_now (ctx)),
                                   NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  add_id (sms_ids, sms_id);
  if (!make_reminders (ctx, g, task_ids, sms_ids, error))
    return FALSE;
  json_object_set_string_member (anju_command_context_get_result (ctx), "signing_id", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "signing_at", signing_at);
  return TRUE;
}

/* ---- cancelling with the deal ------------------------------------------------ */

gboolean
anju_signing_cancel (AnjuCommandContext  *ctx,
                     const char          *subscription_id,
                     const char          *reason,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AnjuSigning) g = anju_signing_load (store, subscription_id, &local_error);
  const char *outcome = _("deal withdrawn");
  sqlite3_stmt *stmt;

  /* A subscription made before signings existed has none to cancel. */
  if (g == NULL)
    {
      if (g_error_matches (local_error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!(stmt = anju_store_prepare (store,
          "UPDATE signings SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'scheduled'", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "signings", g->id);
  return anju_sms_cancel_for_source (ctx, "signing", g->id, NULL, outcome, error) &&
         anju_tasks_close_for_source (ctx, "signing", g->id, NULL, outcome, error) &&
         anju_mortgage_cancel_for_deal (ctx, subscription_id, reason, error);
}

/* ---- shared checks ------------------------------------------------------------ */

gboolean
anju_signing_check_actor (AnjuCommandContext  *ctx,
                          const AnjuSigning   *g,
                          GError             **error)
{
  return anju_signing_may_act (anju_command_context_get_actor (ctx), g, error);
}

gboolean
anju_signing_may_act (const AnjuUser     *actor,
                      const AnjuSigning  *g,
                      GError            **error)
{
  if (actor != NULL && ((actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) != 0 ||
                        (actor->id != NULL && g_strcmp0 (actor->id, g->consultant_id) == 0)))
    return TRUE;
  anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "subscription_id",
                       _("This deal is another consultant's. Only its consultant or a manager can do this."));
  return FALSE;
}

gboolean
anju_signing_check_open (const AnjuSigning  *g,
                         GError            **error)
{
  if (g_strcmp0 (g->subscription_status, "active") == 0 && g_strcmp0 (g->status, "scheduled") == 0)
    return TRUE;
  if (g_strcmp0 (g->status, "signed") == 0)
    anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                         _("The contract of unit %s is already signed."), g->unit_label);
  else
    anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                         _("The subscription of unit %s was withdrawn; there is nothing to sign."),
                         g->unit_label);
  return FALSE;
}

AnjuSigning *
anju_signing_read (AnjuCommandContext  *ctx,
                   JsonObject          *payload,
                   GError             **error)
{
  const char *subscription_id;
  g_autoptr(AnjuSigning) g = NULL;

  if (!anju_payload_get_string (payload, "subscription_id", TRUE, &subscription_id, error) ||
      !(g = anju_signing_load (anju_command_context_get_store (ctx), subscription_id, error)) ||
      !anju_signing_check_actor (ctx, g, error))
    return NULL;
  return g_steal_pointer (&g);
}

void
anju_signing_set_subject (AnjuCommandContext *ctx,
                          const AnjuSigning  *g)
{
  g_autofree char *subject = g_strconcat ("subscription:", g->subscription_id, NULL);
  JsonObject *result = anju_command_context_get_result (ctx);

  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (result, "subscription_id", g->subscription_id);
  json_object_set_string_member (result, "signing_id", g->id);
}

/* ---- signing.schedule ------------------------------------------------------------ */

/* signing.schedule {subscription_id, signing_at} */
static gboolean
apply_signing_schedule (AnjuCommandContext  *ctx,
                        JsonObject          *payload,
                        GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(JsonArray) task_ids = json_array_new ();
  g_autoptr(JsonArray) sms_ids = json_array_new ();
  g_autofree char *signing_at = NULL, *summary = NULL, *when = NULL;
  const char *outcome = _("rescheduled");
  sqlite3_stmt *stmt;
  gint64 at;

  /* read and check */
  if (!(g = anju_signing_read (ctx, payload, error)) ||
      !anju_signing_check_open (g, error) ||
      !anju_payload_get_time (payload, "signing_at", TRUE, &at, error))
    return FALSE;
  if (at <= anju_command_context_get_now (ctx))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "signing_at",
                           _("The signing time has passed. Agree a time from now on."));
      return FALSE;
    }

  /* write: the old reminders go, new ones count back from the new time */
  signing_at = anju_clock_format_utc (at);
  if (!(stmt = anju_store_prepare (store,
          "UPDATE signings SET signing_at = ?, updated_at = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, signing_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, g->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "signings", g->id);
  g_free (g->signing_at);
  g->signing_at = g_strdup (signing_at);
  g->signing_usec = at;
  if (!anju_sms_cancel_for_source (ctx, "signing", g->id, "signing_reminder", outcome, error) ||
      !anju_tasks_close_for_source (ctx, "signing", g->id, "confirm_signing", outcome, error) ||
      !anju_tasks_close_for_source (ctx, "signing", g->id, "prepare_contract", outcome, error) ||
      !make_reminders (ctx, g, task_ids, sms_ids, error))
    return FALSE;
  when = anju_format_datetime (at);
  summary = g_strdup_printf (_("Signing of unit %s set for %s"), g->unit_label, when);
  if (!anju_customer_add_event (ctx, g->customer_id, "signing", summary, NULL, error))
    return FALSE;

  anju_signing_set_subject (ctx, g);
  json_object_set_string_member (result, "signing_at", signing_at);
  json_object_set_array_member (result, "task_ids", json_array_ref (task_ids));
  json_object_set_array_member (result, "sms_ids", json_array_ref (sms_ids));
  return TRUE;
}

/* ---- registration ------------------------------------------------------------------ */

static const AnjuCommandSpec signing_commands[] = {
  { "signing.schedule", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE,
    apply_signing_schedule,
    "subscription_id:string signing_at:string" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const signing_topic_tables[] = {
  "signings", "signing_checks", "signing_parties", "change_requests", "mortgages", NULL,
};

void
anju_signing_register_commands (void)
{
  anju_topic_declare ("signing", signing_topic_tables);
  anju_commands_register (signing_commands, G_N_ELEMENTS (signing_commands));
  anju_signing_checks_register_commands ();
  anju_signing_changes_register_commands ();
  anju_filing_register_commands ();
  anju_mortgage_register_commands ();
}
