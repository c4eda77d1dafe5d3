/* anju-mortgage.c — the mortgage application (按揭) and progress SMS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-clock.h"
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-ident.h"
#include "anju-mortgage.h"
#include "anju-policy.h"
#include "anju-reception-private.h"
#include "anju-signing.h"
#include "anju-signing-private.h"
#include "anju-subscriptions.h"

#define MAX_TEXT_CHARS       100
#define MAX_TERM_MONTHS      360
#define DEFAULT_EVERY_DAYS   7
#define PENDING_STATUSES     "('collecting','submitted','approved')"

/* ---- reading ---------------------------------------------------------------- */

void
anju_mortgage_free (AnjuMortgage *m)
{
  if (m == NULL)
    return;
  g_free (m->id);
  g_free (m->subscription_id);
  g_free (m->project_id);
  g_free (m->unit_label);
  g_free (m->customer_name);
  g_free (m->consultant_id);
  g_free (m->bank);
  g_free (m->bank_manager);
  g_free (m->bank_manager_mobile);
  g_free (m->method);
  g_free (m->status);
  g_free (m->collecting_on);
  g_free (m->submitted_on);
  g_free (m->approved_on);
  g_free (m->disbursed_on);
  g_free (m->rejected_on);
  g_free (m->cancelled_on);
  g_free (m->reason);
  g_free (m);
}

const char *
anju_mortgage_status_get_label (const char *status)
{
  if (g_strcmp0 (status, "collecting") == 0)
    return _("Collecting documents");
  if (g_strcmp0 (status, "submitted") == 0)
    return _("Submitted to the bank");
  if (g_strcmp0 (status, "approved") == 0)
    return _("Approved by the bank");
  if (g_strcmp0 (status, "disbursed") == 0)
    return _("Loan disbursed");
  if (g_strcmp0 (status, "rejected") == 0)
    return _("Rejected by the bank");
  if (g_strcmp0 (status, "cancelled") == 0)
    return _("Cancelled");
  return NULL;
}

#define MORTGAGE_SELECT \
  "SELECT m.id, m.subscription_id, m.project_id, b.name || '-' || u.number, " \
  "coalesce (c.name, ''), s.consultant_id, m.bank, m.bank_manager, " \
  "m.bank_manager_mobile, m.amount, m.term_months, m.method, m.status, m.collecting_on, m.submitted_on, " \
  "m.approved_on, m.disbursed_on, m.rejected_on, m.cancelled_on, m.reason, c.title " \
  "FROM mortgages m JOIN subscriptions s ON s.id = m.subscription_id JOIN units u ON u.id = s.unit_id " \
  "JOIN buildings b ON b.id = u.building_id LEFT JOIN customers c ON c.id = s.customer_id "

static GPtrArray *
collect (AnjuStore     *store,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_mortgage_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuMortgage *m = g_new0 (AnjuMortgage, 1);

      m->id = anju_stmt_dup_text (stmt, 0);
      m->subscription_id = anju_stmt_dup_text (stmt, 1);
      m->project_id = anju_stmt_dup_text (stmt, 2);
      m->unit_label = anju_stmt_dup_text (stmt, 3);
      m->customer_name = anju_stmt_dup_person (stmt, 4, 20);
      m->consultant_id = anju_stmt_dup_text (stmt, 5);
      m->bank = anju_stmt_dup_text (stmt, 6);
      m->bank_manager = anju_stmt_dup_text (stmt, 7);
      m->bank_manager_mobile = anju_stmt_dup_text (stmt, 8);
      m->amount = sqlite3_column_int64 (stmt, 9);
      m->term_months = sqlite3_column_int64 (stmt, 10);
      m->method = anju_stmt_dup_text (stmt, 11);
      m->status = anju_stmt_dup_text (stmt, 12);
      m->collecting_on = anju_stmt_dup_text (stmt, 13);
      m->submitted_on = anju_stmt_dup_text (stmt, 14);
      m->approved_on = anju_stmt_dup_text (stmt, 15);
      m->disbursed_on = anju_stmt_dup_text (stmt, 16);
      m->rejected_on = anju_stmt_dup_text (stmt, 17);
      m->cancelled_on = anju_stmt_dup_text (stmt, 18);
      m->reason = anju_stmt_dup_text (stmt, 19);
      g_ptr_array_add (list, m);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static AnjuMortgage *
load_one (AnjuStore   *store,
          const char  *where,
          const char  *value,
          GError     **error)
{
  g_autofree char *sql = g_strconcat (MORTGAGE_SELECT, where, NULL);
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, error);
  g_autoptr(GPtrArray) list = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (!(list = collect (store, stmt, error)) || list->len == 0)
    return NULL;
  return g_ptr_array_steal_index (list, 0);
}

AnjuMortgage *
anju_mortgage_load (AnjuStore   *store,
                    const char  *mortgage_id,
                    GError     **error)
{
  GError *local_error = NULL;
  AnjuMortgage *m = load_one (store, "WHERE m.id = ?", mortgage_id, &local_error);

  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (m == NULL)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "mortgage_id",
                         _("There is no mortgage application with this id. Look the deal up again."));
  return m;
}

AnjuMortgage *
anju_mortgage_load_for_deal (AnjuStore   *store,
                             const char  *subscription_id,
                             GError     **error)
{
  return load_one (store, "WHERE m.subscription_id = ? ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1",
                   subscription_id, error);
}

GPtrArray *
anju_mortgages_list (AnjuStore   *store,
                     const char  *project_id,
                     const char  *status,
                     GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, MORTGAGE_SELECT
      "WHERE (?1 IS NULL OR m.project_id = ?1) AND (?2 IS NULL AND m.status <> 'cancelled' OR m.status = ?2) "
      "ORDER BY CASE m.status WHEN 'collecting' THEN 0 WHEN 'submitted' THEN 1 WHEN 'approved' THEN 2 "
      "WHEN 'rejected' THEN 3 WHEN 'disbursed' THEN 4 ELSE 5 END, m.created_at, m.id", error);

  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, project_id);
  anju_stmt_bind_text_or_null (stmt, 2, status);
  return collect (store, stmt, error);
}

/* ---- mortgage.open ------------------------------------------------------------ */

static gboolean
check_no_pending (AnjuStore   *store,
                  const char  *subscription_id,
                  GError     **error)
{
  g_autoptr(AnjuMortgage) m = anju_mortgage_load_for_deal (store, subscription_id, error);

  if (m == NULL || strstr (PENDING_STATUSES, m->status) == NULL)
    return error == NULL || *error == NULL;
  anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                       _("This deal already has a mortgage application with %s (%s). Follow that one."),
                       m->bank, anju_mortgage_status_get_label (m->status));
  return FALSE;
}

/* Not for a withdrawn deal, nor while another application is pending. */
gboolean
anju_mortgage_check_may_open (AnjuStore          *store,
                              const AnjuSigning  *g,
                              GError            **error)
{
  if (g_strcmp0 (g->subscription_status, "withdrawn") == 0 || g_strcmp0 (g->status, "cancelled") == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                           _("The subscription of unit %s was withdrawn; it needs no mortgage."), g->unit_label);
      return FALSE;
    }
  return check_no_pending (store, g->subscription_id, error);
}

typedef struct
{
  const char *bank;
  const char *manager;
  const char *mobile;
  gint64      amount;
  gint64      term;
  const char *method;
} OpenInput;

static gboolean
read_open (JsonObject  *payload,
           OpenInput   *in,
           GError     **error)
{
  if (!anju_payload_get_text (payload, "bank", TRUE, MAX_TEXT_CHARS, &in->bank, error) ||
      !anju_payload_get_text (payload, "bank_manager", TRUE, MAX_TEXT_CHARS, &in->manager, error) ||
      !anju_payload_get_text (payload, "bank_manager_mobile", FALSE, 32, &in->mobile, error) ||
      !anju_payload_get_int (payload, "amount", TRUE, &in->amount, error) ||
      !anju_payload_get_int (payload, "term_months", TRUE, &in->term, error) ||
      !anju_payload_get_string (payload, "method", TRUE, &in->method, error))
    return FALSE;
  if (!g_str_equal (in->method, "equal_instalment") && !g_str_equal (in->method, "equal_principal"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "method",
                           _("The repayment method is equal_instalment (等额本息) or equal_principal (等额本金)."));
      return FALSE;
    }
  if (in->term < 1 || in->term > MAX_TERM_MONTHS)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "term_months",
                           _("The term is 1 to 360 months."));
      return FALSE;
    }
  return TRUE;
}

/* mortgage.open {mortgage_id?, subscription_id, bank, bank_manager,
 *                bank_manager_mobile?, amount, term_months, method} */
static gboolean
apply_mortgage_open (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(AnjuSubscription) s = NULL;
  g_autofree char *id = NULL, *today = NULL, *mobile = NULL, *summary = NULL, *amount_text = NULL;
  g_autoptr(GError) local_error = NULL;
  OpenInput in = { 0 };
  sqlite3_stmt *stmt;

  /* read and check */
  if (!(g = anju_signing_read (ctx, payload, error)) ||
      !read_open (payload, &in, error) ||
      !(s = anju_subscription_load (store, g->subscription_id, error)))
    return FALSE;
  if (!anju_mortgage_check_may_open (store, g, error))
    return FALSE;
  if (in.amount <= 0 || in.amount >= s->price)
    {
      g_autofree char *price = anju_format_money (s->price);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "amount",
                           _("The loan is more than 0 and less than the price, %s (in fen)."), price);
      return FALSE;
    }
  if (in.mobile != NULL && !(mobile = anju_mobile_normalize (in.mobile, &local_error)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "bank_manager_mobile", "%s",
                           local_error->message);
      return FALSE;
    }
  if (!anju_command_context_take_new_id (ctx, payload, "mortgage_id", "mortgages", &id, error))
    return FALSE;

  /* write */
  today = anju_recep_local_date_of (anju_command_context_get_now (ctx), anju_format_get_time_zone ());
  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO mortgages (id, subscription_id, project_id, bank, bank_manager, bank_manager_mobile, "
          "amount, term_months, method, status, collecting_on, created_by, created_at, updated_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'collecting', ?10, ?11, ?12, ?12)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g->subscription_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, g->project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, in.bank, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, in.manager, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 6, mobile);
  sqlite3_bind_int64 (stmt, 7, in.amount);
  sqlite3_bind_int64 (stmt, 8, in.term);
  sqlite3_bind_text (stmt, 9, in.method, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, today, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 11, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 12, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "mortgages", id);
  amount_text = anju_format_money (in.amount);
  summary = g_strdup_printf (_("Mortgage application with %s (%s): %s over %lld months"), in.bank, in.manager,
                             amount_text, (long long)in.term);
  if (!anju_customer_add_event (ctx, g->customer_id, "mortgage", summary, NULL, error))
    return FALSE;
  anju_signing_set_subject (ctx, g);
  json_object_set_string_member (anju_command_context_get_result (ctx), "mortgage_id", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "status", "collecting");
  return TRUE;
}

/* ---- mortgage.advance ------------------------------------------------------------ */

/* The one status each may follow. */
static const char *
previous_status (const char *status)
{
  if (g_strcmp0 (status, "submitted") == 0)
    return "collecting";
  if (g_strcmp0 (status, "approved") == 0 || g_strcmp0 (status, "rejected") == 0)
    return "submitted";
  if (g_strcmp0 (status, "disbursed") == 0)
    return "approved";
  return NULL;
}

const char *
anju_mortgage_get_next_status (const char *status)
{
  if (g_strcmp0 (status, "collecting") == 0)
    return "submitted";
  if (g_strcmp0 (status, "submitted") == 0)
    return "approved";
  if (g_strcmp0 (status, "approved") == 0)
    return "disbursed";
  return NULL;
}

/* Along the arrows only; submitting needs the mortgage papers. */
gboolean
anju_mortgage_check_may_advance (AnjuStore           *store,
                                 const AnjuSigning   *g,
                                 const AnjuMortgage  *m,
                                 const char          *status,
                                 GError             **error)
{
  const char *before = previous_status (status);

  if (before == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "status",
                           _("The status is submitted, approved, disbursed or rejected."));
      return FALSE;
    }
  if (!g_str_equal (before, m->status))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "status",
                           _("The application is “%s”; it cannot become “%s” from there."),
                           anju_mortgage_status_get_label (m->status), anju_mortgage_status_get_label (status));
      return FALSE;
    }
  if (g_str_equal (status, "submitted"))
    return anju_signing_check_documents_complete (store, g, "mortgage", error);
  return TRUE;
}

/* mortgage.advance {mortgage_id, status, on?, reason?} */
static gboolean
apply_mortgage_advance (AnjuCommandContext  *ctx,
                        JsonObject          *payload,
                        GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuMortgage) m = NULL;
  g_autoptr(AnjuSigning) g = NULL;
  g_autofree char *today = NULL, *sql = NULL, *summary = NULL;
  const char *id, *status, *on = NULL, *reason = NULL, *before;
  sqlite3_stmt *stmt;

  /* read and check */
  if (!anju_payload_get_string (payload, "mortgage_id", TRUE, &id, error) ||
      !anju_payload_get_string (payload, "status", TRUE, &status, error) ||
      !anju_recep_get_local_date (payload, "on", FALSE, &on, error) ||
      !anju_payload_get_text (payload, "reason", FALSE, 500, &reason, error) ||
      !(m = anju_mortgage_load (store, id, error)) ||
      !(g = anju_signing_load (store, m->subscription_id, error)) ||
      !anju_signing_check_actor (ctx, g, error))
    return FALSE;
  if (!anju_mortgage_check_may_advance (store, g, m, status, error))
    return FALSE;
  before = previous_status (status);
  if (g_str_equal (status, "rejected") && reason == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "reason",
                           _("Say why the bank rejected the application."));
      return FALSE;
    }
  today = anju_recep_local_date_of (anju_command_context_get_now (ctx), anju_format_get_time_zone ());
  if (on != NULL && strcmp (on, today) > 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "on",
                           _("The day is in the future. Enter the day it happened, today (%s) at the latest."), today);
      return FALSE;
    }

  /* write */
  sql = g_strdup_printf ("UPDATE mortgages SET status = ?1, %s_on = ?2, reason = coalesce (?3, reason), "
                         "updated_at = ?4 WHERE id = ?5 AND status = ?6", status);
  if (!(stmt = anju_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, on ? on : today, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, reason);
  sqlite3_bind_text (stmt, 4, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, m->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, before, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "mortgages", m->id);
  summary = g_strdup_printf (_("Mortgage with %s: %s"), m->bank, anju_mortgage_status_get_label (status));
  if (!anju_customer_add_event (ctx, g->customer_id, "mortgage", summary, reason, error))
    return FALSE;
  anju_signing_set_subject (ctx, g);
  json_object_set_string_member (anju_command_context_get_result (ctx), "mortgage_id", m->id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "status", status);
  return TRUE;
}

/* ---- cancelling with the deal ------------------------------------------------------ */

gboolean
anju_mortgage_cancel_for_deal (AnjuCommandContext  *ctx,
                               const char          *subscription_id,
                               const char          *reason,
                               GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuMortgage) m = anju_mortgage_load_for_deal (store, subscription_id, error);
  g_autoptr(AnjuSigning) g = NULL;
  g_autofree char *today = NULL, *title = NULL, *task_id = NULL;
  sqlite3_stmt *stmt;

  if (m == NULL)
    return error == NULL || *error == NULL;
  if (strstr (PENDING_STATUSES, m->status) == NULL)
    return TRUE;
  if (!(g = anju_signing_load (store, subscription_id, error)))
    return FALSE;
  today = anju_recep_local_date_of (anju_command_context_get_now (ctx), anju_format_get_time_zone ());
  if (!(stmt = anju_store_prepare (store,
          "UPDATE mortgages SET status = 'cancelled', cancelled_on = ?, reason = ?, updated_at = ? WHERE id = ?",
          error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, reason);
  sqlite3_bind_text (stmt, 3, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, m->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "mortgages", m->id);
  title = g_strdup_printf (_("Tell %s of %s%s%s that the mortgage application for unit %s is cancelled"),
                           m->bank_manager, m->bank, m->bank_manager_mobile ? " " : "",
                           m->bank_manager_mobile ? m->bank_manager_mobile : "", m->unit_label);
  task_id = anju_signing_add_task (ctx, g, "tell_bank_manager", "mortgage.cancel_with_deal", title,
                                   anju_command_context_get_now (ctx), FALSE, error);
  return task_id != NULL;
}

/* ---- the weekly progress SMS ----------------------------------------------------------- */

/* What the SMS says of the filing and the mortgage; *@done when both are. */
static char *
dup_progress (AnjuStore          *store,
              const AnjuSigning  *g,
              gboolean           *done)
{
  g_autoptr(AnjuMortgage) m = anju_mortgage_load_for_deal (store, g->subscription_id, NULL);
  g_autofree char *filing = NULL, *mortgage = NULL;
  gboolean loan = g->payment_method == NULL || anju_signing_method_needs_loan (g->payment_method);
  gboolean mortgage_done = m ? g_str_equal (m->status, "disbursed") : !loan;

  if (g->filing_number != NULL)
    filing = g_strdup_printf (_("online filing done (number %s)"), g->filing_number);
  else
    filing = g_strdup (_("online filing in progress"));
  if (m != NULL && !g_str_equal (m->status, "cancelled"))
    mortgage = g_strdup_printf (_("mortgage with %s: %s"), m->bank, anju_mortgage_status_get_label (m->status));
  else
    mortgage = g_strdup (loan ? _("mortgage not yet applied for") : _("no mortgage"));
  *done = g->filing_number != NULL && mortgage_done;
  return g_strdup_printf (_("%s; %s"), filing, mortgage);
}

GPtrArray *
anju_signing_list_progress_due (AnjuStore   *store,
                                const char  *consultant_id,
                                gint64       now,
                                GError     **error)
{
  sqlite3_stmt *stmt = anju_signing_prepare (store,
      "WHERE g.status = 'signed' AND (?1 IS NULL OR s.consultant_id = ?1) ORDER BY g.signed_at, g.id", error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_signing_free);

  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, consultant_id);
  if (!(list = anju_signing_collect (store, stmt, error)))
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      AnjuSigning *g = g_ptr_array_index (list, i);
      gint64 every = anju_policy_get_int (store, g->project_id, "signing.progress_every_days", DEFAULT_EVERY_DAYS);
      gint64 last = 0;
      gboolean done;
      g_autofree char *progress = dup_progress (store, g, &done);

      if (done || !anju_clock_parse_utc (g->progress_sms_at, &last) || now < last + every * G_TIME_SPAN_DAY)
        continue;
      g_ptr_array_add (due, g_ptr_array_steal_index (list, i--));
    }
  return g_steal_pointer (&due);
}

static gboolean
send_progress (AnjuCommandContext  *ctx,
               const AnjuSigning   *g,
               JsonArray           *sms_ids,
               GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *progress = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean done;
  char *id;

  progress = dup_progress (store, g, &done);
  json_object_set_string_member (values, "progress", progress);
  id = anju_signing_queue_sms (ctx, g, "signing_progress", "signing.progress_every_days", 0,
                               anju_command_context_get_now (ctx), values, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (id != NULL)
    json_array_add_string_element (sms_ids, id);
  g_free (id);
  if (!(stmt = anju_store_prepare (store, "UPDATE signings SET progress_sms_at = ?1, updated_at = ?1 WHERE id = ?2",
                                   error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "signings", g->id);
  return TRUE;
}

/* signing.send_progress {subscription_id?} */
static gboolean
apply_send_progress (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  gboolean everyone = (actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) != 0;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(JsonArray) sms_ids = json_array_new ();
  const char *subscription_id = NULL;
  guint sent = 0;

  if (!anju_payload_get_string (payload, "subscription_id", FALSE, &subscription_id, error))
    return FALSE;
  if (subscription_id != NULL)
    {
      g_autoptr(AnjuSigning) g = anju_signing_read (ctx, payload, error);

      if (g == NULL)
        return FALSE;
    }
  if (!(due = anju_signing_list_progress_due (store, everyone ? NULL : actor->id,
                                              anju_command_context_get_now (ctx), error)))
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    {
      AnjuSigning *g = g_ptr_array_index (due, i);

      if (subscription_id != NULL && !g_str_equal (subscription_id, g->subscription_id))
        continue;
      if (!send_progress (ctx, g, sms_ids, error))
        return FALSE;
      sent++;
    }
  if (subscription_id != NULL && sent == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                           _("No progress SMS is due for this deal: it is not signed, its last one is less than a week old, or the filing and the mortgage are done."));
      return FALSE;
    }
  anju_command_context_set_subject (ctx, "signing:progress");
  json_object_set_array_member (anju_command_context_get_result (ctx), "sms_ids", json_array_ref (sms_ids));
  return TRUE;
}

static const AnjuCommandSpec mortgage_commands[] = {
  { "mortgage.open", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE, apply_mortgage_open,
    "mortgage_id:string? subscription_id:string bank:string bank_manager:string "
    "bank_manager_mobile:string? amount:integer term_months:integer method:string" },
  { "mortgage.advance", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE,
    apply_mortgage_advance,
    "mortgage_id:string status:string on:string? reason:string?" },
  { "signing.send_progress", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE,
    apply_send_progress,
    "subscription_id:string?" },
};

void
anju_mortgage_register_commands (void)
{
  anju_commands_register (mortgage_commands, G_N_ELEMENTS (mortgage_commands));
}
