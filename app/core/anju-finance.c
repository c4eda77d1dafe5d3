/* anju-finance.c — payments, receipts and expected payments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-customers.h"
#include "anju-finance.h"
#include "anju-format.h"
#include "anju-payment-plan.h"
#include "anju-policy.h"
#include "anju-projects.h"
#include "anju-reception-private.h"
#include "anju-workbench.h"

#define MAX_TEXT_CHARS      200
#define MAX_NOTE_CHARS      500
#define DEFAULT_SOON_DAYS   14
#define PAYER_SEPARATOR     "、"

/* ---- names ------------------------------------------------------------- */

static const char * const purpose_names[] = {
  "deposit", "down_payment", "fee", "instalment", "refund",
};

static const char * const tender_names[] = { "cash", "card", "transfer" };

static const char * const due_names[] = { "scheduled", "due_soon", "overdue", "paid", "cancelled" };

static int
lookup_name (const char * const *names,
             guint               n_names,
             const char         *name)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    if (g_str_equal (names[i], name))
      return (int)i;
  return -1;
}

const char *
anju_payment_purpose_to_string (AnjuPaymentPurpose purpose)
{
  g_return_val_if_fail (purpose <= ANJU_PURPOSE_REFUND, NULL);
  return purpose_names[purpose];
}

int
anju_payment_purpose_from_string (const char *name)
{
  return lookup_name (purpose_names, G_N_ELEMENTS (purpose_names), name);
}

const char *
anju_payment_purpose_get_label (AnjuPaymentPurpose purpose)
{
  switch (purpose)
    {
    /* TRANSLATORS: what a payment is for, as a receipt says it: 定金 */
    case ANJU_PURPOSE_DEPOSIT: return _("Deposit");
    case ANJU_PURPOSE_DOWN_PAYMENT: return _("Down payment");
    case ANJU_PURPOSE_FEE: return _("Fees and taxes");
    case ANJU_PURPOSE_INSTALMENT: return _("Instalment");
    case ANJU_PURPOSE_REFUND: return _("Refund");
    default: return "";
    }
}

const char *
anju_tender_to_string (AnjuTender tender)
{
  g_return_val_if_fail (tender <= ANJU_TENDER_LAST, NULL);
  return tender_names[tender];
}

int
anju_tender_from_string (const char *name)
{
  return lookup_name (tender_names, G_N_ELEMENTS (tender_names), name);
}

const char *
anju_tender_get_label (AnjuTender tender)
{
  switch (tender)
    {
    case ANJU_TENDER_CASH: return _("Cash");
    case ANJU_TENDER_CARD: return _("Card");
    case ANJU_TENDER_TRANSFER: return _("Bank transfer");
    default: return "";
    }
}

const char *
anju_due_status_to_string (AnjuDueStatus status)
{
  g_return_val_if_fail (status <= ANJU_DUE_CANCELLED, NULL);
  return due_names[status];
}

const char *
anju_due_status_get_label (AnjuDueStatus status)
{
  switch (status)
    {
    case ANJU_DUE_SCHEDULED: return _("Scheduled");
    case ANJU_DUE_SOON: return _("Due soon");
    case ANJU_DUE_OVERDUE: return _("Overdue");
    case ANJU_DUE_PAID: return _("Paid");
    case ANJU_DUE_CANCELLED: return _("Cancelled");
    default: return "";
    }
}

/* ---- days ---------------------------------------------------------------- */

char *
anju_finance_dup_today (AnjuStore *store)
{
  return anju_recep_local_date_of (anju_store_now (store), anju_format_get_time_zone ());
}

static char *
dup_today_of (AnjuCommandContext *ctx)
{
  return anju_recep_local_date_of (anju_command_context_get_now (ctx), anju_format_get_time_zone ());
}

/* Days from @from to @to ("YYYY-MM-DD"), negative when @to is earlier. */
static gint64
days_between (const char *from,
              const char *to)
{
  g_autoptr(GDateTime) a = NULL;
  g_autoptr(GDateTime) b = NULL;
  g_autofree char *a_iso = g_strconcat (from, "T00:00:00Z", NULL);
  g_autofree char *b_iso = g_strconcat (to, "T00:00:00Z", NULL);

  a = g_date_time_new_from_iso8601 (a_iso, NULL);
  b = g_date_time_new_from_iso8601 (b_iso, NULL);
  if (a == NULL || b == NULL)
    return 0;
  return g_date_time_difference (b, a) / G_TIME_SPAN_DAY;
}

AnjuDueStatus
anju_due_status_compute (AnjuFen     amount,
                         AnjuFen     paid,
                         gboolean    cancelled,
                         const char *due_on,
                         const char *today,
                         gint64      soon_days)
{
  gint64 left;

  if (cancelled)
    return ANJU_DUE_CANCELLED;
  if (paid >= amount)
    return ANJU_DUE_PAID;
  left = days_between (today, due_on);
  if (left < 0)
    return ANJU_DUE_OVERDUE;
  if (left <= soon_days)
    return ANJU_DUE_SOON;
  return ANJU_DUE_SCHEDULED;
}

/* ---- receipts: reading ---------------------------------------------------- */

#define RECEIPT_SELECT \
  "SELECT r.id, r.project_id, r.number, r.subscription_id, r.expected_payment_id, r.customer_id, " \
  "(SELECT b.name || '-' || u.number FROM subscriptions s JOIN units u ON u.id = s.unit_id " \
  "  JOIN buildings b ON b.id = u.building_id WHERE s.id = r.subscription_id), " \
  "r.payer, r.purpose, r.method, r.reference, r.amount, r.paid_on, r.issued_at, r.issued_by, " \
  "iu.display_name, r.refund_of, (SELECT o.number FROM receipts o WHERE o.id = r.refund_of), " \
  "r.reissue_of, (SELECT o.number FROM receipts o WHERE o.id = r.reissue_of), au.display_name, " \
  "r.note, r.voided_at, vu.display_name, r.void_reason, r.print_count, " \
  "(SELECT coalesce (sum (f.amount), 0) FROM receipts f WHERE f.refund_of = r.id AND f.voided_at IS NULL) " \
  "FROM receipts r LEFT JOIN users iu ON iu.id = r.issued_by " \
  "LEFT JOIN users au ON au.id = r.approved_by LEFT JOIN users vu ON vu.id = r.voided_by "

void
anju_receipt_free (AnjuReceipt *r)
{
  if (r == NULL)
    return;
  g_free (r->id);
  g_free (r->project_id);
  g_free (r->subscription_id);
  g_free (r->expected_payment_id);
  g_free (r->customer_id);
  g_free (r->unit_label);
  g_free (r->payer);
  g_free (r->reference);
  g_free (r->paid_on);
  g_free (r->issued_at);
  g_free (r->issuer_id);
  g_free (r->issuer_name);
  g_free (r->refund_of);
  g_free (r->reissue_of);
  g_free (r->approved_by_name);
  g_free (r->note);
  g_free (r->voided_at);
  g_free (r->voided_by_name);
  g_free (r->void_reason);
  g_free (r);
}

static AnjuReceipt *
receipt_from_row (sqlite3_stmt *stmt)
{
  AnjuReceipt *r = g_new0 (AnjuReceipt, 1);
  int purpose = anju_payment_purpose_from_string ((const char *)sqlite3_column_text (stmt, 8));
  int method = anju_tender_from_string ((const char *)sqlite3_column_text (stmt, 9));

  r->id = anju_stmt_dup_text (stmt, 0);
  r->project_id = anju_stmt_dup_text (stmt, 1);
  r->number = sqlite3_column_int64 (stmt, 2);
  r->subscription_id = anju_stmt_dup_text (stmt, 3);
  r->expected_payment_id = anju_stmt_dup_text (stmt, 4);
  r->customer_id = anju_stmt_dup_text (stmt, 5);
  r->unit_label = anju_stmt_dup_text (stmt, 6);
  r->payer = anju_stmt_dup_text (stmt, 7);
  r->purpose = purpose < 0 ? ANJU_PURPOSE_DEPOSIT : (AnjuPaymentPurpose)purpose;
  r->method = method < 0 ? ANJU_TENDER_CASH : (AnjuTender)method;
  r->reference = anju_stmt_dup_text (stmt, 10);
  r->amount = sqlite3_column_int64 (stmt, 11);
  r->paid_on = anju_stmt_dup_text (stmt, 12);
  r->issued_at = anju_stmt_dup_text (stmt, 13);
  r->issuer_id = anju_stmt_dup_text (stmt, 14);
  r->issuer_name = anju_stmt_dup_text (stmt, 15);
  r->refund_of = anju_stmt_dup_text (stmt, 16);
  r->refund_of_number = sqlite3_column_int64 (stmt, 17);
  r->reissue_of = anju_stmt_dup_text (stmt, 18);
  r->reissue_of_number = sqlite3_column_int64 (stmt, 19);
  r->approved_by_name = anju_stmt_dup_text (stmt, 20);
  r->note = anju_stmt_dup_text (stmt, 21);
  r->voided_at = anju_stmt_dup_text (stmt, 22);
  r->voided = r->voided_at != NULL;
  r->voided_by_name = anju_stmt_dup_text (stmt, 23);
  r->void_reason = anju_stmt_dup_text (stmt, 24);
  r->print_count = sqlite3_column_int64 (stmt, 25);
  r->refunded = sqlite3_column_int64 (stmt, 26);
  return r;
}

/* Runs @stmt (bound) and collects its receipts. */
static GPtrArray *
collect_receipts (AnjuStore     *store,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_receipt_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, receipt_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

AnjuReceipt *
anju_receipt_load (AnjuStore   *store,
                   const char  *receipt_id,
                   GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, RECEIPT_SELECT "WHERE r.id = ?", error);
  g_autoptr(GPtrArray) list = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, receipt_id, -1, SQLITE_TRANSIENT);
  if (!(list = collect_receipts (store, stmt, error)) || list->len == 0)
    return NULL;
  return g_ptr_array_steal_index (list, 0);
}

GPtrArray *
anju_receipts_list (AnjuStore   *store,
                    const char  *project_id,
                    const char  *local_date,
                    const char  *subscription_id,
                    GError     **error)
{
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  g_autofree char *start = NULL, *end = NULL;
  sqlite3_stmt *stmt;

  if (project == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify)anju_receipt_free);
  if (local_date != NULL && !anju_recep_get_day_bounds (store, local_date, &start, &end, error))
    return NULL;
  if (!(stmt = anju_store_prepare (store, RECEIPT_SELECT
          "WHERE r.project_id = ?1 AND (?2 IS NULL OR (r.issued_at >= ?2 AND r.issued_at < ?3)) "
          "AND (?4 IS NULL OR r.subscription_id = ?4) ORDER BY r.number", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, project->id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, start);
  anju_stmt_bind_text_or_null (stmt, 3, end);
  anju_stmt_bind_text_or_null (stmt, 4, subscription_id);
  return collect_receipts (store, stmt, error);
}

char *
anju_receipt_format_number (gint64 number)
{
  return g_strdup_printf ("%07lld", (long long)number);
}

AnjuFen
anju_receipt_get_net (const AnjuReceipt *receipt)
{
  if (receipt->voided)
    return 0;
  return receipt->purpose == ANJU_PURPOSE_REFUND ? -receipt->amount : receipt->amount;
}

/* ---- predicates ------------------------------------------------------------ */

static gboolean
is_manager (const AnjuUser *actor)
{
  return (actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) != 0;
}

static gboolean
is_cashier (const AnjuUser *actor)
{
  return (actor->role & (ANJU_ROLE_FINANCE | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) != 0;
}

gboolean
anju_finance_may_record_payment (const AnjuUser  *actor,
                                 GError         **error)
{
  if (!is_cashier (actor))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, NULL,
                           _("Only finance or a manager takes payments and issues receipts. Send the buyer to the cashier."));
      return FALSE;
    }
  return TRUE;
}

gboolean
anju_receipt_may_void (AnjuStore          *store,
                       const AnjuUser     *actor,
                       const AnjuReceipt  *receipt,
                       GError            **error)
{
  g_autofree char *number = anju_receipt_format_number (receipt->number);

  if (!is_cashier (actor))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "receipt_id",
                           _("Only finance or a manager can void a receipt."));
      return FALSE;
    }
  if (receipt->voided)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "receipt_id",
                           _("Receipt %s is void already. Issue a new receipt if one is needed."), number);
      return FALSE;
    }
  if (receipt->refunded > 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "receipt_id",
                           _("Receipt %s has refunds recorded against it. Void the refund receipts first."),
                           number);
      return FALSE;
    }
  return TRUE;
}

gboolean
anju_receipt_may_refund (AnjuStore          *store,
                         const AnjuUser     *actor,
                         const AnjuReceipt  *receipt,
                         AnjuFen             amount,
                         GError            **error)
{
  g_autofree char *number = anju_receipt_format_number (receipt->number);
  AnjuFen left = receipt->amount - receipt->refunded;

  if (!is_manager (actor))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "receipt_id",
                           _("A refund needs a manager's approval. Ask a manager to record it."));
      return FALSE;
    }
  if (receipt->voided)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "receipt_id",
                           _("Receipt %s is void: nothing was received on it to refund."), number);
      return FALSE;
    }
  if (receipt->purpose == ANJU_PURPOSE_REFUND)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "receipt_id",
                           _("Receipt %s is itself a refund. Choose the receipt of the payment."), number);
      return FALSE;
    }
  if (left <= 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "receipt_id",
                           _("Receipt %s is refunded in full already."), number);
      return FALSE;
    }
  if (amount > left)
    {
      g_autofree char *left_text = anju_format_money (left);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "amount",
                           _("At most %s of receipt %s is left to refund. Lower the amount."),
                           left_text, number);
      return FALSE;
    }
  return TRUE;
}

gboolean
anju_receipt_may_print (const AnjuUser     *actor,
                        const AnjuReceipt  *receipt,
                        GError            **error)
{
  if (!is_cashier (actor))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "receipt_id",
                           _("Only finance or a manager prints receipts."));
      return FALSE;
    }
  return TRUE;
}

/* Sets can_@what and, when refused, @what_refusal. */
static void
set_answer (JsonObject *snapshot,
            const char *what,
            gboolean    can,
            GError     *refusal)
{
  g_autofree char *can_member = g_strconcat ("can_", what, NULL);
  g_autofree char *why_member = g_strconcat (what, "_refusal", NULL);

  json_object_set_boolean_member (snapshot, can_member, can);
  if (!can && refusal != NULL)
    json_object_set_string_member (snapshot, why_member, refusal->message);
}

JsonObject *
anju_finance_dup_snapshot (AnjuStore          *store,
                           const AnjuUser     *actor,
                           const AnjuReceipt  *receipt)
{
  JsonObject *snapshot = json_object_new ();
  g_autoptr(GError) record = NULL;
  g_autoptr(GError) void_why = NULL;
  g_autoptr(GError) refund_why = NULL;
  g_autoptr(GError) print_why = NULL;
  gboolean can_record = anju_finance_may_record_payment (actor, &record);
  gboolean can_void, can_refund, can_print;

  /* each answer first: the refusal is read after it is made */
  set_answer (snapshot, "record_payment", can_record, record);
  if (receipt == NULL)
    return snapshot;
  can_void = anju_receipt_may_void (store, actor, receipt, &void_why);
  can_refund = anju_receipt_may_refund (store, actor, receipt, 0, &refund_why);
  can_print = anju_receipt_may_print (actor, receipt, &print_why);
  json_object_set_string_member (snapshot, "receipt_id", receipt->id);
  json_object_set_int_member (snapshot, "number", receipt->number);
  json_object_set_boolean_member (snapshot, "void", receipt->voided);
  json_object_set_boolean_member (snapshot, "copy_next", receipt->print_count >= 1);
  json_object_set_int_member (snapshot, "refundable",
                              receipt->voided || receipt->purpose == ANJU_PURPOSE_REFUND
                              ? 0 : receipt->amount - receipt->refunded);
  set_answer (snapshot, "void", can_void, void_why);
  /* a reissue voids first (unless void already) and never a refund */
  set_answer (snapshot, "reissue", (can_void || (receipt->voided && is_cashier (actor))) &&
                                   receipt->purpose != ANJU_PURPOSE_REFUND, void_why);
  set_answer (snapshot, "refund", can_refund, refund_why);
  set_answer (snapshot, "print", can_print, print_why);
  return snapshot;
}

/* ---- subscriptions as finance sees them ----------------------------------- */

typedef struct
{
  char    *id;
  char    *project_id;
  char    *customer_id;
  char    *status;
  char    *unit_label;
  AnjuFen  deposit;
  char    *buyers;     /* names joined with 、 */
} Deal;

static void
deal_clear (Deal *d)
{
  g_free (d->id);
  g_free (d->project_id);
  g_free (d->customer_id);
  g_free (d->status);
  g_free (d->unit_label);
  g_free (d->buyers);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Deal, deal_clear)

/* The buyers' names in order, joined as a receipt names its payer. */
static char *
dup_buyer_names (AnjuStore   *store,
                 const char  *subscription_id,
                 GError     **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT name FROM subscription_buyers WHERE subscription_id = ? ORDER BY position", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, subscription_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (names->len > 0)
        g_string_append (names, PAYER_SEPARATOR);
      g_string_append (names, (const char *)sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
load_deal (AnjuStore   *store,
           const char  *subscription_id,
           Deal        *out,
           GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT s.id, s.project_id, s.customer_id, s.status, b.name || '-' || u.number, s.deposit "
      "FROM subscriptions s JOIN units u ON u.id = s.unit_id JOIN buildings b ON b.id = u.building_id "
      "WHERE s.id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, subscription_id, -1, SQLITE_TRANSIENT);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    {
      out->id = anju_stmt_dup_text (stmt, 0);
      out->project_id = anju_stmt_dup_text (stmt, 1);
      out->customer_id = anju_stmt_dup_text (stmt, 2);
      out->status = anju_stmt_dup_text (stmt, 3);
      out->unit_label = anju_stmt_dup_text (stmt, 4);
      out->deposit = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "subscription_id",
                           _("There is no subscription with this id. Look the deal up again."));
      return FALSE;
    }
  return (out->buyers = dup_buyer_names (store, subscription_id, error)) != NULL;
}

static AnjuFen
sum_fen (AnjuStore  *store,
         const char *sql,
         const char *id)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, NULL);
  AnjuFen total = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return total;
}

AnjuFen
anju_finance_deposit_paid (AnjuStore  *store,
                           const char *subscription_id)
{
  return sum_fen (store,
      "SELECT coalesce (sum (r.amount), 0) - coalesce (sum ((SELECT coalesce (sum (f.amount), 0) "
      "  FROM receipts f WHERE f.refund_of = r.id AND f.voided_at IS NULL)), 0) "
      "FROM receipts r WHERE r.subscription_id = ? AND r.purpose = 'deposit' AND r.voided_at IS NULL",
      subscription_id);
}

/* A deposit may bring what is paid as deposit up to the agreed deposit. */
static gboolean
check_deposit_cap (AnjuStore   *store,
                   const Deal  *deal,
                   AnjuFen      amount,
                   GError     **error)
{
  AnjuFen paid = anju_finance_deposit_paid (store, deal->id);

  if (paid + amount > deal->deposit)
    {
      g_autofree char *deposit = anju_format_money (deal->deposit);
      g_autofree char *left = anju_format_money (MAX (deal->deposit - paid, 0));

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "amount",
                           _("The deposit of unit %s is %s and %s of it is left to pay. Record at most that as deposit, and anything more as a down payment."),
                           deal->unit_label, deposit, left);
      return FALSE;
    }
  return TRUE;
}

/* ---- receipts: writing ----------------------------------------------------- */

static gint64
next_number (AnjuStore   *store,
             const char  *project_id,
             GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT coalesce (max (number), 0) + 1 FROM receipts WHERE project_id = ?", error);
  gint64 number = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    number = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (number <= 0)
    anju_store_set_error (store, error);
  return number;
}

static gboolean
add_receipt_event (AnjuCommandContext  *ctx,
                   const char          *customer_id,
                   gint64               number,
                   const char          *what,
                   AnjuFen              amount,
                   const char          *detail,
                   GError             **error)
{
  g_autofree char *number_text = anju_receipt_format_number (number);
  g_autofree char *amount_text = anju_format_money (amount);
  g_autofree char *summary = NULL;

  if (customer_id == NULL)
    return TRUE;
  /* TRANSLATORS: a timeline line: "Receipt 0000042, Deposit: ¥50,000.00" */
  summary = g_strdup_printf (_("Receipt %s, %s: %s"), number_text, what, amount_text);
  return anju_customer_add_event (ctx, customer_id, "receipt", summary, detail, error);
}

gboolean
anju_finance_issue_receipt (AnjuCommandContext      *ctx,
                            const AnjuReceiptDraft  *d,
                            char                   **receipt_id,
                            gint64                  *number_out,
                            GError                 **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_autofree char *id = anju_command_context_new_id (ctx);
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;
  gint64 number;

  if ((number = next_number (store, d->project_id, error)) <= 0)
    return FALSE;
  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO receipts (id, project_id, number, subscription_id, expected_payment_id, "
          "customer_id, payer, purpose, method, reference, amount, paid_on, issued_at, issued_by, "
          "refund_of, reissue_of, approved_by, note) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  if (d->paid_on == NULL)
    today = dup_today_of (ctx);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, d->project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, number);
  anju_stmt_bind_text_or_null (stmt, 4, d->subscription_id);
  anju_stmt_bind_text_or_null (stmt, 5, d->expected_payment_id);
  anju_stmt_bind_text_or_null (stmt, 6, d->customer_id);
  sqlite3_bind_text (stmt, 7, d->payer, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, anju_payment_purpose_to_string (d->purpose), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, anju_tender_to_string (d->method), -1, SQLITE_STATIC);
  anju_stmt_bind_text_or_null (stmt, 10, d->reference);
  sqlite3_bind_int64 (stmt, 11, d->amount);
  sqlite3_bind_text (stmt, 12, d->paid_on ? d->paid_on : today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 14, actor->id);
  anju_stmt_bind_text_or_null (stmt, 15, d->refund_of);
  anju_stmt_bind_text_or_null (stmt, 16, d->reissue_of);
  anju_stmt_bind_text_or_null (stmt, 17, d->approved_by);
  anju_stmt_bind_text_or_null (stmt, 18, d->note);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "receipts", id);
  if (!add_receipt_event (ctx, d->customer_id, number, anju_payment_purpose_get_label (d->purpose),
                          d->amount, d->note, error))
    return FALSE;
  if (receipt_id != NULL)
    *receipt_id = g_steal_pointer (&id);
  if (number_out != NULL)
    *number_out = number;
  return TRUE;
}

/* Sets @member to @value and frees it. */
static void
take_string_member (JsonObject *object,
                    const char *member,
                    char       *value)
{
  json_object_set_string_member (object, member, value);
  g_free (value);
}

static void
set_receipt_result (AnjuCommandContext *ctx,
                    const char         *receipt_id,
                    gint64              number,
                    AnjuFen             amount)
{
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autofree char *subject = g_strconcat ("receipt:", receipt_id, NULL);

  json_object_set_string_member (result, "receipt_id", receipt_id);
  json_object_set_int_member (result, "number", number);
  json_object_set_int_member (result, "amount", amount);
  take_string_member (result, "amount_in_words", anju_money_to_capitals (amount));
  anju_command_context_set_subject (ctx, subject);
}

/* ---- expected payments: writing --------------------------------------------- */

gboolean
anju_finance_add_expected (AnjuCommandContext  *ctx,
                           const char          *project_id,
                           const char          *subscription_id,
                           AnjuPaymentPurpose   purpose,
                           const char          *label,
                           AnjuFen              amount,
                           const char          *due_on,
                           GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  g_autofree char *id = anju_command_context_new_id (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO expected_payments (id, project_id, subscription_id, purpose, label, amount, due_on, "
      "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, subscription_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, anju_payment_purpose_to_string (purpose), -1, SQLITE_STATIC);
  anju_stmt_bind_text_or_null (stmt, 5, label);
  sqlite3_bind_int64 (stmt, 6, amount);
  sqlite3_bind_text (stmt, 7, due_on, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 8, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "expected_payments", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "expected_payment_id", id);
  return TRUE;
}

/* The ids of rows @sql selects with @id bound to ?1. */
static GPtrArray *
select_ids (AnjuStore   *store,
            const char  *sql,
            const char  *id,
            GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, anju_stmt_dup_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
anju_finance_cancel_expected (AnjuCommandContext  *ctx,
                              const char          *subscription_id,
                              GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  g_autoptr(GPtrArray) ids = select_ids (store,
      "SELECT id FROM expected_payments WHERE subscription_id = ? AND cancelled_at IS NULL ORDER BY id",
      subscription_id, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_stmt *stmt = anju_store_prepare (store,
          "UPDATE expected_payments SET cancelled_at = ?1, updated_at = ?1 WHERE id = ?2", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (ids, i), -1, SQLITE_TRANSIENT);
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "expected_payments", g_ptr_array_index (ids, i));
    }
  return TRUE;
}

/* A refund receipt of @amount against @original, approved by the actor. */
static gboolean
issue_refund (AnjuCommandContext  *ctx,
              const AnjuReceipt   *original,
              AnjuFen              amount,
              AnjuTender           method,
              const char          *reference,
              const char          *reason,
              char               **receipt_id,
              gint64              *number,
              GError             **error)
{
  AnjuReceiptDraft draft = {
    .project_id = original->project_id,
    .subscription_id = original->subscription_id,
    .customer_id = original->customer_id,
    .payer = original->payer,
    .purpose = ANJU_PURPOSE_REFUND,
    .method = method,
    .reference = reference,
    .amount = amount,
    .refund_of = original->id,
    .approved_by = anju_command_context_get_actor (ctx)->id,
    .note = reason,
  };

  return anju_finance_issue_receipt (ctx, &draft, receipt_id, number, error);
}

gboolean
anju_finance_refund_subscription (AnjuCommandContext  *ctx,
                                  const char          *subscription_id,
                                  AnjuFen              forfeit,
                                  const char          *reason,
                                  AnjuFen             *refunded,
                                  GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(GPtrArray) receipts = NULL;
  sqlite3_stmt *stmt;
  AnjuFen total = 0;

  if (!(stmt = anju_store_prepare (store, RECEIPT_SELECT
          "WHERE r.subscription_id = ? AND r.voided_at IS NULL AND r.purpose <> 'refund' "
          "ORDER BY r.number", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, subscription_id, -1, SQLITE_TRANSIENT);
  if (!(receipts = collect_receipts (store, stmt, error)))
    return FALSE;
  for (guint i = 0; i < receipts->len; i++)
    {
      AnjuReceipt *r = g_ptr_array_index (receipts, i);
      AnjuFen left = r->amount - r->refunded;
      AnjuFen kept = 0;

      if (r->purpose == ANJU_PURPOSE_DEPOSIT)
        {
          kept = MIN (forfeit, left);
          forfeit -= kept;
        }
      if (left - kept <= 0)
        continue;
      if (!issue_refund (ctx, r, left - kept, r->method, NULL, reason, NULL, NULL, error))
        return FALSE;
      total += left - kept;
    }
  if (refunded != NULL)
    *refunded = total;
  return TRUE;
}

/* ---- payment.record ------------------------------------------------------------ */

typedef struct
{
  const char         *subscription_id;
  const char         *expected_payment_id;
  const char         *payer;
  AnjuPaymentPurpose  purpose;
  AnjuTender          method;
  const char         *reference;
  AnjuFen             amount;
  const char         *paid_on;
  const char         *note;
} PaymentInput;

static gboolean
get_enum (JsonObject          *payload,
          const char          *field,
          gboolean             required,
          const char * const  *names,
          guint                n_names,
          int                 *out,
          GError             **error)
{
  const char *text = NULL;
  int value;

  if (!anju_payload_get_string (payload, field, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if ((value = lookup_name (names, n_names, text)) < 0)
    {
      g_autofree char *choices = g_strjoinv (", ", (char **)names);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("“%s” is not one of: %s. Choose one of them."), text, choices);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
get_purpose (JsonObject          *payload,
             gboolean             required,
             AnjuPaymentPurpose  *out,
             GError             **error)
{
  static const char * const payable[] = { "deposit", "down_payment", "fee", "instalment", NULL };
  int value = *out;

  if (!get_enum (payload, "purpose", required, payable, G_N_ELEMENTS (payable) - 1, &value, error))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
get_tender (JsonObject   *payload,
            gboolean      required,
            AnjuTender   *out,
            GError      **error)
{
  static const char * const names[] = { "cash", "card", "transfer", NULL };
  int value = *out;

  if (!get_enum (payload, "method", required, names, G_N_ELEMENTS (names) - 1, &value, error))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
get_amount (JsonObject  *payload,
            gboolean     required,
            AnjuFen     *out,
            GError     **error)
{
  gint64 amount = *out;

  if (!anju_payload_get_int (payload, "amount", required, &amount, error))
    return FALSE;
  if (amount <= 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "amount",
                           _("The amount must be more than 0 (in fen: 100 is ¥1.00)."));
      return FALSE;
    }
  *out = amount;
  return TRUE;
}

/* A day that has come: a receipt is not dated in the future. */
static gboolean
get_paid_on (AnjuCommandContext  *ctx,
             JsonObject          *payload,
             const char         **out,
             GError             **error)
{
  g_autofree char *today = dup_today_of (ctx);

  if (!anju_recep_get_local_date (payload, "paid_on", FALSE, out, error))
    return FALSE;
  if (*out != NULL && strcmp (*out, today) > 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "paid_on",
                           _("A payment is recorded when it is received: the day cannot be after today (%s)."),
                           today);
      return FALSE;
    }
  return TRUE;
}

/* A card or transfer is traced by its reference (voucher, bank serial). */
static gboolean
check_reference (AnjuTender    method,
                 const char   *reference,
                 GError      **error)
{
  if (method != ANJU_TENDER_CASH && reference == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "reference",
                           _("A card or transfer payment needs its reference (the voucher or bank serial number). Enter it."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_payment (AnjuCommandContext  *ctx,
              JsonObject          *payload,
              PaymentInput        *in,
              GError             **error)
{
  return anju_payload_get_string (payload, "subscription_id", FALSE, &in->subscription_id, error) &&
         anju_payload_get_string (payload, "expected_payment_id", FALSE, &in->expected_payment_id, error) &&
         anju_payload_get_text (payload, "payer", FALSE, MAX_TEXT_CHARS, &in->payer, error) &&
         get_purpose (payload, TRUE, &in->purpose, error) &&
         get_tender (payload, TRUE, &in->method, error) &&
         anju_payload_get_text (payload, "reference", FALSE, MAX_TEXT_CHARS, &in->reference, error) &&
         get_amount (payload, TRUE, &in->amount, error) &&
         get_paid_on (ctx, payload, &in->paid_on, error) &&
         anju_payload_get_text (payload, "note", FALSE, MAX_NOTE_CHARS, &in->note, error) &&
         check_reference (in->method, in->reference, error);
}

/* The expected payment a receipt settles: the one named (it must be the
 * subscription's, of the same purpose, not cancelled) or the earliest open
 * one of the same purpose. *out NULL when there is none. */
static gboolean
match_expected (AnjuStore           *store,
                const char          *subscription_id,
                const char          *named_id,
                AnjuPaymentPurpose   purpose,
                char               **out,
                GError             **error)
{
  sqlite3_stmt *stmt;

  if (named_id != NULL)
    {
      gboolean ok;

      if (!(stmt = anju_store_prepare (store,
              "SELECT id FROM expected_payments WHERE id = ? AND subscription_id = ? AND purpose = ? "
              "AND cancelled_at IS NULL", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, named_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, subscription_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, anju_payment_purpose_to_string (purpose), -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!ok)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "expected_payment_id",
                               _("This subscription expects no open payment with this id for %s. Choose the payment from the subscription's list."),
                               anju_payment_purpose_get_label (purpose));
          return FALSE;
        }
      *out = g_strdup (named_id);
      return TRUE;
    }
  if (!(stmt = anju_store_prepare (store,
          "SELECT e.id FROM expected_payments e WHERE e.subscription_id = ? AND e.purpose = ? "
          "AND e.cancelled_at IS NULL AND e.amount > (SELECT coalesce (sum (r.amount), 0) "
          "  FROM receipts r WHERE r.expected_payment_id = e.id AND r.voided_at IS NULL) "
          "ORDER BY e.due_on, e.id LIMIT 1", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, subscription_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, anju_payment_purpose_to_string (purpose), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *out = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Payments are taken for a subscription that stands. */
static gboolean
check_deal_open (const Deal  *deal,
                 GError     **error)
{
  if (g_strcmp0 (deal->status, "withdrawn") == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                           _("The subscription of unit %s was withdrawn: it takes no more payments."),
                           deal->unit_label);
      return FALSE;
    }
  return TRUE;
}

/* Fills the draft's project, customer, payer and expected payment from the
 * subscription (when there is one) and checks the deposit cap. */
static gboolean
resolve_payment (AnjuCommandContext  *ctx,
                 JsonObject          *payload,
                 const PaymentInput  *in,
                 Deal                *deal,
                 AnjuReceiptDraft    *draft,
                 char               **project_id,
                 char               **expected_id,
                 GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);

  if (in->subscription_id == NULL)
    {
      if (in->purpose == ANJU_PURPOSE_DEPOSIT || in->expected_payment_id != NULL)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "subscription_id",
                               _("A deposit or an expected payment belongs to a subscription. Choose the subscription."));
          return FALSE;
        }
      if (in->payer == NULL)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "payer",
                               _("Write who paid: the receipt names the payer."));
          return FALSE;
        }
      if (!anju_recep_resolve_project (store, payload, NULL, project_id, error))
        return FALSE;
      if (*project_id == NULL)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "project_id",
                               _("There is no project to issue the receipt for. Create the project first."));
          return FALSE;
        }
      draft->project_id = *project_id;
      draft->payer = in->payer;
      return TRUE;
    }
  if (!load_deal (store, in->subscription_id, deal, error) ||
      !check_deal_open (deal, error) ||
      (in->purpose == ANJU_PURPOSE_DEPOSIT && !check_deposit_cap (store, deal, in->amount, error)) ||
      !match_expected (store, deal->id, in->expected_payment_id, in->purpose, expected_id, error))
    return FALSE;
  draft->project_id = deal->project_id;
  draft->subscription_id = deal->id;
  draft->customer_id = deal->customer_id;
  draft->payer = in->payer ? in->payer : deal->buyers;
  draft->expected_payment_id = *expected_id;
  return TRUE;
}

/* payment.record {subscription_id?|project_id?, expected_payment_id?, payer?,
 *                 purpose, method, reference?, amount, paid_on?, note?} */
static gboolean
apply_payment_record (AnjuCommandContext  *ctx,
                      JsonObject          *payload,
                      GError             **error)
{
  PaymentInput in = { 0 };
  g_auto(Deal) deal = { 0 };
  AnjuReceiptDraft draft = { 0 };
  g_autofree char *project_id = NULL, *expected_id = NULL, *receipt_id = NULL;
  gint64 number;

  if (!anju_finance_may_record_payment (anju_command_context_get_actor (ctx), error) ||
      !read_payment (ctx, payload, &in, error) ||
      !resolve_payment (ctx, payload, &in, &deal, &draft, &project_id, &expected_id, error))
    return FALSE;

  draft.purpose = in.purpose;
  draft.method = in.method;
  draft.reference = in.reference;
  draft.amount = in.amount;
  draft.paid_on = in.paid_on;
  draft.note = in.note;
  if (!anju_finance_issue_receipt (ctx, &draft, &receipt_id, &number, error))
    return FALSE;
  set_receipt_result (ctx, receipt_id, number, in.amount);
  return TRUE;
}

/* ---- payment.expect -------------------------------------------------------------- */

/* payment.expect {subscription_id, purpose, amount, due_on, label?} */
static gboolean
apply_payment_expect (AnjuCommandContext  *ctx,
                      JsonObject          *payload,
                      GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_auto(Deal) deal = { 0 };
  const char *subscription_id, *due_on = NULL, *label = NULL;
  AnjuPaymentPurpose purpose = ANJU_PURPOSE_DOWN_PAYMENT;
  AnjuFen amount = 0;
  g_autofree char *subject = NULL;

  if (!anju_payload_get_string (payload, "subscription_id", TRUE, &subscription_id, error) ||
      !get_purpose (payload, TRUE, &purpose, error) ||
      !get_amount (payload, TRUE, &amount, error) ||
      !anju_recep_get_local_date (payload, "due_on", TRUE, &due_on, error) ||
      !anju_payload_get_text (payload, "label", FALSE, MAX_TEXT_CHARS, &label, error) ||
      !load_deal (store, subscription_id, &deal, error) ||
      !check_deal_open (&deal, error))
    return FALSE;
  if (!anju_finance_add_expected (ctx, deal.project_id, deal.id, purpose, label, amount, due_on, error))
    return FALSE;
  subject = g_strconcat ("subscription:", deal.id, NULL);
  anju_command_context_set_subject (ctx, subject);
  return TRUE;
}

/* ---- receipt.void, receipt.reissue ----------------------------------------------- */

static AnjuReceipt *
load_named_receipt (AnjuStore   *store,
                    JsonObject  *payload,
                    GError     **error)
{
  const char *receipt_id;
  AnjuReceipt *receipt;
  GError *local_error = NULL;

  if (!anju_payload_get_string (payload, "receipt_id", TRUE, &receipt_id, error))
    return NULL;
  if (!(receipt = anju_receipt_load (store, receipt_id, &local_error)))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "receipt_id",
                             _("There is no receipt with this id. Look the receipt up by its number."));
    }
  return receipt;
}

static gboolean
void_receipt (AnjuCommandContext  *ctx,
              const AnjuReceipt   *receipt,
              const char          *reason,
              GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE receipts SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL",
      error);
  g_autofree char *what = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, receipt->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "receipts", receipt->id);
  /* TRANSLATORS: a timeline line: "Receipt 0000042, void: ¥50,000.00" */
  what = g_strdup (_("void"));
  return add_receipt_event (ctx, receipt->customer_id, receipt->number, what, receipt->amount, reason,
                            error);
}

/* receipt.void {receipt_id, reason} */
static gboolean
apply_receipt_void (AnjuCommandContext  *ctx,
                    JsonObject          *payload,
                    GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuReceipt) receipt = NULL;
  g_autofree char *subject = NULL;
  const char *reason;

  if (!(receipt = load_named_receipt (store, payload, error)) ||
      !anju_payload_get_text (payload, "reason", TRUE, MAX_NOTE_CHARS, &reason, error) ||
      !anju_receipt_may_void (store, anju_command_context_get_actor (ctx), receipt, error) ||
      !void_receipt (ctx, receipt, reason, error))
    return FALSE;
  subject = g_strconcat ("receipt:", receipt->id, NULL);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (anju_command_context_get_result (ctx), "receipt_id", receipt->id);
  return TRUE;
}

/* A receipt reissued already has its successor; it is not reissued twice. */
static gboolean
check_not_reissued (AnjuStore          *store,
                    const AnjuReceipt  *receipt,
                    GError            **error)
{
  g_autoptr(GPtrArray) ids = select_ids (store, "SELECT number FROM receipts WHERE reissue_of = ?",
                                         receipt->id, error);
  g_autofree char *number = anju_receipt_format_number (receipt->number);

  if (ids == NULL)
    return FALSE;
  if (receipt->purpose == ANJU_PURPOSE_REFUND)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "receipt_id",
                           _("Receipt %s is a refund: void it and record the refund again."), number);
      return FALSE;
    }
  if (ids->len > 0)
    {
      g_autofree char *successor = anju_receipt_format_number (g_ascii_strtoll (g_ptr_array_index (ids, 0),
                                                                                NULL, 10));

      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "receipt_id",
                           _("Receipt %s was reissued already as receipt %s."), number, successor);
      return FALSE;
    }
  return TRUE;
}

/* Optional text that replaces *out only when the payload has it. */
static gboolean
get_correction (JsonObject   *payload,
                const char   *field,
                const char  **out,
                GError      **error)
{
  const char *text = NULL;

  if (!anju_payload_get_text (payload, field, FALSE, MAX_TEXT_CHARS, &text, error))
    return FALSE;
  if (text != NULL)
    *out = text;
  return TRUE;
}

/* The original's data with the corrections of @payload. */
static gboolean
read_corrections (AnjuCommandContext  *ctx,
                  JsonObject          *payload,
                  const AnjuReceipt   *original,
                  AnjuReceiptDraft    *draft,
                  GError             **error)
{
  *draft = (AnjuReceiptDraft) {
    .project_id = original->project_id,
    .subscription_id = original->subscription_id,
    .expected_payment_id = original->expected_payment_id,
    .customer_id = original->customer_id,
    .payer = original->payer,
    .purpose = original->purpose,
    .method = original->method,
    .reference = original->reference,
    .amount = original->amount,
    .paid_on = original->paid_on,
    .reissue_of = original->id,
    .note = original->note,
  };
  return get_correction (payload, "payer", &draft->payer, error) &&
         get_tender (payload, FALSE, &draft->method, error) &&
         get_correction (payload, "reference", &draft->reference, error) &&
         get_amount (payload, FALSE, &draft->amount, error) &&
         get_paid_on (ctx, payload, &draft->paid_on, error) &&
         check_reference (draft->method, draft->reference, error);
}

/* receipt.reissue {receipt_id, reason, payer?, method?, reference?, amount?, paid_on?} */
static gboolean
apply_receipt_reissue (AnjuCommandContext  *ctx,
                       JsonObject          *payload,
                       GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_autoptr(AnjuReceipt) original = NULL;
  g_auto(Deal) deal = { 0 };
  AnjuReceiptDraft draft;
  g_autofree char *receipt_id = NULL;
  const char *reason;
  gint64 number;

  if (!anju_finance_may_record_payment (actor, error) ||
      !(original = load_named_receipt (store, payload, error)) ||
      !anju_payload_get_text (payload, "reason", TRUE, MAX_NOTE_CHARS, &reason, error) ||
      !check_not_reissued (store, original, error) ||
      !read_corrections (ctx, payload, original, &draft, error))
    return FALSE;
  if (!original->voided &&
      (!anju_receipt_may_void (store, actor, original, error) ||
       !void_receipt (ctx, original, reason, error)))
    return FALSE;
  if (original->subscription_id != NULL &&
      (!load_deal (store, original->subscription_id, &deal, error) ||
       (draft.purpose == ANJU_PURPOSE_DEPOSIT && !check_deposit_cap (store, &deal, draft.amount, error))))
    return FALSE;
  if (!anju_finance_issue_receipt (ctx, &draft, &receipt_id, &number, error))
    return FALSE;
  set_receipt_result (ctx, receipt_id, number, draft.amount);
  json_object_set_string_member (anju_command_context_get_result (ctx), "voided_receipt_id", original->id);
  return TRUE;
}

/* ---- receipt.refund, receipt.print ------------------------------------------------- */

/* receipt.refund {receipt_id, reason, amount?, method?, reference?} */
static gboolean
apply_receipt_refund (AnjuCommandContext  *ctx,
                      JsonObject          *payload,
                      GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuReceipt) original = NULL;
  g_autofree char *receipt_id = NULL;
  const char *reason, *reference = NULL;
  AnjuFen amount = 0;
  AnjuTender method;
  gint64 number;

  if (!(original = load_named_receipt (store, payload, error)))
    return FALSE;
  method = original->method;
  if (!anju_payload_get_text (payload, "reason", TRUE, MAX_NOTE_CHARS, &reason, error) ||
      (json_object_has_member (payload, "amount") && !get_amount (payload, FALSE, &amount, error)) ||
      !get_tender (payload, FALSE, &method, error) ||
      !anju_payload_get_text (payload, "reference", FALSE, MAX_TEXT_CHARS, &reference, error) ||
      !anju_receipt_may_refund (store, anju_command_context_get_actor (ctx), original, amount, error))
    return FALSE;
  if (amount == 0)
    amount = original->amount - original->refunded;
  if (!issue_refund (ctx, original, amount, method, reference, reason, &receipt_id, &number, error))
    return FALSE;
  set_receipt_result (ctx, receipt_id, number, amount);
  return TRUE;
}

/* receipt.print {receipt_id} */
static gboolean
apply_receipt_print (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuReceipt) receipt = NULL;
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autofree char *subject = NULL;
  sqlite3_stmt *stmt;

  if (!(receipt = load_named_receipt (store, payload, error)) ||
      !anju_receipt_may_print (anju_command_context_get_actor (ctx), receipt, error))
    return FALSE;
  if (!(stmt = anju_store_prepare (store,
          "UPDATE receipts SET print_count = print_count + 1, printed_at = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, receipt->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "receipts", receipt->id);
  subject = g_strconcat ("receipt:", receipt->id, NULL);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (result, "receipt_id", receipt->id);
  json_object_set_int_member (result, "print_count", receipt->print_count + 1);
  json_object_set_boolean_member (result, "copy", receipt->print_count + 1 > 1);
  return TRUE;
}

/* ---- the day's summary -------------------------------------------------------------- */

void
anju_day_summary_free (AnjuDaySummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->project_id);
  g_free (summary->local_date);
  g_free (summary);
}

AnjuDaySummary *
anju_receipts_summarize_day (AnjuStore   *store,
                             const char  *project_id,
                             const char  *local_date,
                             GError     **error)
{
  g_autoptr(AnjuDaySummary) s = g_new0 (AnjuDaySummary, 1);
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  g_autoptr(GPtrArray) receipts = NULL;

  s->local_date = local_date ? g_strdup (local_date) : anju_finance_dup_today (store);
  s->project_id = project ? g_strdup (project->id) : NULL;
  for (guint m = 0; m <= ANJU_TENDER_LAST; m++)
    s->methods[m].method = m;
  if (!(receipts = anju_receipts_list (store, s->project_id, s->local_date, NULL, error)))
    return NULL;
  for (guint i = 0; i < receipts->len; i++)
    {
      AnjuReceipt *r = g_ptr_array_index (receipts, i);
      AnjuTenderTotal *t = &s->methods[r->method];

      if (s->first_number == 0)
        s->first_number = r->number;
      s->last_number = r->number;
      if (r->voided)
        {
          s->voided++;
          continue;
        }
      t->count++;
      s->count++;
      if (r->purpose == ANJU_PURPOSE_REFUND)
        t->refunded += r->amount;
      else
        t->received += r->amount;
      t->net += anju_receipt_get_net (r);
    }
  for (guint m = 0; m <= ANJU_TENDER_LAST; m++)
    {
      s->received += s->methods[m].received;
      s->refunded += s->methods[m].refunded;
      s->net += s->methods[m].net;
    }
  return g_steal_pointer (&s);
}

static void
set_money_member (JsonObject *object,
                  const char *member,
                  AnjuFen     fen)
{
  take_string_member (object, member, anju_money_format_plain (fen));
}

JsonObject *
anju_day_summary_to_json (const AnjuDaySummary *s)
{
  JsonObject *object = json_object_new ();
  JsonArray *methods = json_array_new ();

  json_object_set_string_member (object, "date", s->local_date);
  for (guint m = 0; m <= ANJU_TENDER_LAST; m++)
    {
      const AnjuTenderTotal *t = &s->methods[m];
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "method", anju_tender_to_string (t->method));
      json_object_set_string_member (row, "label", anju_tender_get_label (t->method));
      json_object_set_int_member (row, "count", t->count);
      set_money_member (row, "received", t->received);
      set_money_member (row, "refunded", t->refunded);
      set_money_member (row, "net", t->net);
      json_array_add_object_element (methods, row);
    }
  json_object_set_array_member (object, "methods", methods);
  json_object_set_int_member (object, "count", s->count);
  json_object_set_int_member (object, "voided", s->voided);
  set_money_member (object, "received", s->received);
  set_money_member (object, "refunded", s->refunded);
  set_money_member (object, "net", s->net);
  take_string_member (object, "net_in_words", anju_money_to_capitals (ABS (s->net)));
  json_object_set_int_member (object, "first_number", s->first_number);
  json_object_set_int_member (object, "last_number", s->last_number);
  return object;
}

/* ---- expected payments: reading ------------------------------------------------------ */

void
anju_expected_payment_free (AnjuExpectedPayment *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->project_id);
  g_free (p->subscription_id);
  g_free (p->unit_label);
  g_free (p->customer_id);
  g_free (p->customer_name);
  g_free (p->consultant_id);
  g_free (p->consultant_name);
  g_free (p->label);
  g_free (p->due_on);
  g_free (p);
}

GPtrArray *
anju_payments_list_expected (AnjuStore   *store,
                             const char  *project_id,
                             const char  *consultant_id,
                             gboolean     include_settled,
                             GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_expected_payment_free);
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  g_autofree char *today = anju_finance_dup_today (store);
  gint64 soon_days;
  sqlite3_stmt *stmt;
  int rc;

  if (project == NULL)
    return g_steal_pointer (&list);
  soon_days = anju_policy_get_int (store, project->id, "finance.due_soon_days", DEFAULT_SOON_DAYS);
  if (!(stmt = anju_store_prepare (store,
          "SELECT e.id, e.project_id, e.subscription_id, b.name || '-' || u.number, s.customer_id, "
          "coalesce (c.name, ''), s.consultant_id, cu.display_name, e.purpose, "
          "e.label, e.amount, e.due_on, e.cancelled_at IS NOT NULL, "
          "(SELECT coalesce (sum (r.amount), 0) FROM receipts r WHERE r.expected_payment_id = e.id "
          "   AND r.voided_at IS NULL) - "
          "(SELECT coalesce (sum (f.amount), 0) FROM receipts f JOIN receipts o ON o.id = f.refund_of "
          "   WHERE o.expected_payment_id = e.id AND o.voided_at IS NULL AND f.voided_at IS NULL), c.title "
          "FROM expected_payments e JOIN subscriptions s ON s.id = e.subscription_id "
          "JOIN units u ON u.id = s.unit_id JOIN buildings b ON b.id = u.building_id "
          "LEFT JOIN customers c ON c.id = s.customer_id LEFT JOIN users cu ON cu.id = s.consultant_id "
          "WHERE e.project_id = ?1 AND (?2 IS NULL OR s.consultant_id = ?2) ORDER BY e.due_on, e.created_at, e.rowid", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, project->id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, consultant_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuExpectedPayment *p = g_new0 (AnjuExpectedPayment, 1);
      int purpose = anju_payment_purpose_from_string ((const char *)sqlite3_column_text (stmt, 8));
      char *code_label;

      p->id = anju_stmt_dup_text (stmt, 0);
      p->project_id = anju_stmt_dup_text (stmt, 1);
      p->subscription_id = anju_stmt_dup_text (stmt, 2);
      p->unit_label = anju_stmt_dup_text (stmt, 3);
      p->customer_id = anju_stmt_dup_text (stmt, 4);
      /* the name and how the customer is addressed, not run together */
      p->customer_name = anju_stmt_dup_person (stmt, 5, 14);
      p->consultant_id = anju_stmt_dup_text (stmt, 6);
      p->consultant_name = anju_stmt_dup_text (stmt, 7);
      p->purpose = purpose < 0 ? ANJU_PURPOSE_DOWN_PAYMENT : (AnjuPaymentPurpose)purpose;
      p->label = anju_stmt_dup_text (stmt, 9);
      if ((code_label = anju_plan_item_code_dup_label (p->label)) != NULL)
        {
          g_free (p->label);   /* a plan's code: said in this desk's language */
          p->label = code_label;
        }
      p->amount = sqlite3_column_int64 (stmt, 10);
      p->due_on = anju_stmt_dup_text (stmt, 11);
      p->paid = sqlite3_column_int64 (stmt, 13);
      p->status = anju_due_status_compute (p->amount, p->paid, sqlite3_column_int (stmt, 12), p->due_on,
                                           today, soon_days);
      p->days_left = days_between (today, p->due_on);
      if (!include_settled && (p->status == ANJU_DUE_PAID || p->status == ANJU_DUE_CANCELLED))
        anju_expected_payment_free (p);
      else
        g_ptr_array_add (list, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ---- the receipt as printed ------------------------------------------------------------ */

JsonObject *
anju_receipt_dup_paper (AnjuStore   *store,
                        const char  *receipt_id,
                        GError     **error)
{
  g_autoptr(AnjuReceipt) r = NULL;
  g_autoptr(AnjuProject) project = NULL;
  GError *local_error = NULL;
  JsonObject *paper;

  if (!(r = anju_receipt_load (store, receipt_id, &local_error)))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "receipt_id",
                             _("There is no receipt with this id. Look the receipt up by its number."));
      return NULL;
    }
  project = anju_project_lookup (store, r->project_id);
  paper = json_object_new ();
  json_object_set_string_member (paper, "receipt_id", r->id);
  json_object_set_int_member (paper, "number", r->number);
  take_string_member (paper, "number_text", anju_receipt_format_number (r->number));
  json_object_set_string_member (paper, "project", project ? project->name : "");
  json_object_set_string_member (paper, "developer", project && project->developer ? project->developer : "");
  json_object_set_string_member (paper, "payer", r->payer);
  json_object_set_string_member (paper, "paid_on", r->paid_on);
  json_object_set_string_member (paper, "issued_at", r->issued_at);
  json_object_set_string_member (paper, "purpose_code", anju_payment_purpose_to_string (r->purpose));
  json_object_set_string_member (paper, "purpose", anju_payment_purpose_get_label (r->purpose));
  json_object_set_string_member (paper, "method_code", anju_tender_to_string (r->method));
  json_object_set_string_member (paper, "method", anju_tender_get_label (r->method));
  json_object_set_string_member (paper, "reference", r->reference ? r->reference : "");
  set_money_member (paper, "amount", r->amount);
  json_object_set_int_member (paper, "amount_fen", r->amount);
  take_string_member (paper, "amount_in_words", anju_money_to_capitals (r->amount));
  json_object_set_string_member (paper, "issuer", r->issuer_name ? r->issuer_name : "");
  json_object_set_string_member (paper, "unit", r->unit_label ? r->unit_label : "");
  json_object_set_string_member (paper, "subscription_id", r->subscription_id ? r->subscription_id : "");
  json_object_set_int_member (paper, "refund_of_number", r->refund_of_number);
  json_object_set_int_member (paper, "reissue_of_number", r->reissue_of_number);
  json_object_set_string_member (paper, "approved_by", r->approved_by_name ? r->approved_by_name : "");
  json_object_set_boolean_member (paper, "void", r->voided);
  json_object_set_string_member (paper, "void_reason", r->void_reason ? r->void_reason : "");
  json_object_set_int_member (paper, "print_count", r->print_count);
  json_object_set_boolean_member (paper, "copy", r->print_count > 1);
  json_object_set_string_member (paper, "note", r->note ? r->note : "");
  return paper;
}

/* ---- registration -------------------------------------------------------------------- */

#define CASHIERS (ANJU_ROLE_FINANCE | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)

static const AnjuCommandSpec finance_commands[] = {
  { "payment.record", CASHIERS, ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_payment_record,
    "subscription_id:string? expected_payment_id:string? payer:string? purpose:string "
    "method:string reference:string? amount:integer paid_on:string? note:string? "
    "project_id:string?" },
  { "payment.expect", ANJU_ROLES_ALL, ANJU_COMMAND_FLAG_NONE, apply_payment_expect,
    "subscription_id:string purpose:string amount:integer due_on:string label:string?" },
  { "receipt.void", CASHIERS, ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_receipt_void,
    "receipt_id:string reason:string" },
  { "receipt.reissue", CASHIERS, ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_receipt_reissue,
    "receipt_id:string reason:string payer:string? method:string? reference:string? "
    "amount:integer? paid_on:string?" },
  { "receipt.refund", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN, ANJU_COMMAND_FLAG_OFFICE_DECISION,
    apply_receipt_refund,
    "receipt_id:string reason:string amount:integer? method:string? reference:string?" },
  { "receipt.print", CASHIERS, ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_receipt_print,
    "receipt_id:string" },
};

/* ---- the workbench --------------------------------------------------------------------- */

char *
anju_expected_payment_dup_due_text (const AnjuExpectedPayment *p)
{
  g_autofree char *left = anju_format_money (p->amount - p->paid);

  if (p->status == ANJU_DUE_OVERDUE)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s due %s, %lld day overdue",
                                         "%s due %s, %lld days overdue", -p->days_left),
                            left, p->due_on, (long long) -p->days_left);
  if (p->days_left == 0)
    return g_strdup_printf (_("%s due today"), left);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s due %s, in %lld day",
                                       "%s due %s, in %lld days", p->days_left),
                          left, p->due_on, (long long) p->days_left);
}

/* "Payments due" on the workbench: what the deals still expect, by due
 * day, amber within finance.due_soon_days and red when overdue; a
 * consultant sees their own deals, finance and managers every deal. */
static gboolean
fill_payments_section (AnjuStore             *store,
                       const char            *user_id,
                       const char            *local_date,
                       AnjuWorkbenchSection  *section,
                       GError               **error)
{
  g_autoptr(AnjuUser) user = anju_user_lookup (store, user_id);
  g_autoptr(GPtrArray) list = NULL;

  if (user == NULL)
    return TRUE;
  if (!(list = anju_payments_list_expected (store, NULL,
                                            user->role == ANJU_ROLE_CONSULTANT ? user->id : NULL,
                                            FALSE, error)))
    return FALSE;
  section->title = g_strdup (_("Payments due"));
  for (guint i = 0; i < list->len; i++)
    {
      const AnjuExpectedPayment *p = g_ptr_array_index (list, i);
      JsonObject *item = json_object_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s — %s", p->unit_label,
                                                p->customer_name ? p->customer_name : "",
                                                p->label ? p->label
                                                         : anju_payment_purpose_get_label (p->purpose));
      g_autofree char *subtitle = anju_expected_payment_dup_due_text (p);
      g_autofree char *target = g_strconcat ("subscription:", p->subscription_id, NULL);

      json_object_set_string_member (item, "title", title);
      json_object_set_string_member (item, "subtitle", subtitle);
      json_object_set_string_member (item, "target", target);
      json_object_set_boolean_member (item, "urgent", p->status == ANJU_DUE_OVERDUE);
      json_object_set_boolean_member (item, "soon", p->status == ANJU_DUE_SOON);
      json_array_add_object_element (section->items, item);
      section->count++;
      section->urgent += p->status == ANJU_DUE_OVERDUE;
    }
  return TRUE;
}

/* What screens subscribe to (anju_topic_declare()). */
static const char * const finance_topic_tables[] = { "expected_payments", "receipts", NULL };

void
anju_finance_register_commands (void)
{
  anju_topic_declare ("finance", finance_topic_tables);
  anju_commands_register (finance_commands, G_N_ELEMENTS (finance_commands));
  anju_workbench_register_section ("finance", fill_payments_section);
}
