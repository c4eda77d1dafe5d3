/* anju-finance.h — payments, receipts and expected payments (财务, SPEC §7)
 *
 * Every payment gets a receipt numbered from one gapless sequence per
 * project. The number is an office decision: a connected desk sends the
 * command to the office server, which numbers receipts one after the
 * other in its own transaction (the next number is the project's highest
 * + 1), so two cashiers issuing at the same moment get consecutive
 * numbers and none is skipped or used twice, also across a restart.
 * A receipt is never deleted: a mistake is voided with a reason (the
 * receipt stays, printed 作废) and reissued under a new number; a refund
 * is a receipt of its own (purpose "refund") that refers to the original
 * and needs a manager. A print after the first is a copy (副本).
 *
 * Expected payments are what a subscription still has to pay — deposit,
 * down payment, fees, instalments — with a due day (local, YYYY-MM-DD).
 * What is paid of one is the sum of its receipts less their refunds; its
 * status is computed here: paid, due within policy finance.due_soon_days
 * (14: amber), overdue (red), scheduled, or cancelled (its subscription
 * was withdrawn).
 *
 * The workbench gets a section "finance" ("Payments due"): a consultant's
 * own deals' expected payments, every deal's for finance and managers,
 * each item "urgent" when overdue (red) and "soon" when due within the
 * window (amber).
 *
 * Commands (payload fields snake_case; money in fen; days YYYY-MM-DD in
 * the office's time zone):
 *   payment.record {subscription_id? | project_id?, expected_payment_id?,
 *                   payer?, purpose: deposit|down_payment|fee|instalment,
 *                   method: cash|card|transfer, reference?, amount,
 *                   paid_on?, note?}                 (finance, manager, admin)
 *       → {receipt_id, number, amount, amount_in_words}
 *       An office decision. The payer defaults to the subscription's
 *       buyers; paid_on to today. A card or transfer needs its reference.
 *       A deposit never brings what is paid as deposit above the
 *       subscription's deposit. Without expected_payment_id the receipt
 *       settles the subscription's earliest open expected payment of the
 *       same purpose.
 *   payment.expect {subscription_id, purpose, amount, due_on, label?}
 *                                          (consultant, finance, manager, admin)
 *       → {expected_payment_id}
 *   receipt.void {receipt_id, reason}                (finance, manager, admin)
 *       An office decision. Refused for a receipt already void or one that
 *       has refunds standing against it (void those first).
 *   receipt.reissue {receipt_id, reason, payer?, method?, reference?,
 *                    amount?, paid_on?}              (finance, manager, admin)
 *       → {receipt_id, number, voided_receipt_id}
 *       An office decision: voids the receipt (if not void yet) and issues
 *       a new one with the corrections, referring to it.
 *   receipt.refund {receipt_id, reason, amount?, method?, reference?}
 *                                                    (manager, admin)
 *       → {receipt_id, number, amount}
 *       An office decision. Pays back at most what the receipt brought in
 *       less earlier refunds; amount defaults to all of that.
 *   receipt.print {receipt_id}                       (finance, manager, admin)
 *       → {receipt_id, print_count, copy}
 *       An office decision (the count is the office's). Records a print;
 *       every print after the first is a copy (副本).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-command.h"
#include "anju-money.h"
#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

typedef enum
{
  ANJU_PURPOSE_DEPOSIT,
  ANJU_PURPOSE_DOWN_PAYMENT,
  ANJU_PURPOSE_FEE,
  ANJU_PURPOSE_INSTALMENT,
  ANJU_PURPOSE_REFUND,
} AnjuPaymentPurpose;

/* "deposit", … as stored; -1 from _from_string if unknown. */
const char *anju_payment_purpose_to_string   (AnjuPaymentPurpose purpose);
int         anju_payment_purpose_from_string (const char        *name);
/* For people, translated: "Deposit" (定金), "Down payment" (首付款), … */
const char *anju_payment_purpose_get_label   (AnjuPaymentPurpose purpose);

typedef enum
{
  ANJU_TENDER_CASH,
  ANJU_TENDER_CARD,
  ANJU_TENDER_TRANSFER,
} AnjuTender;

#define ANJU_TENDER_LAST ANJU_TENDER_TRANSFER

const char *anju_tender_to_string            (AnjuTender   tender);
int         anju_tender_from_string          (const char  *name);
/* "Cash" (现金), "Card" (刷卡), "Bank transfer" (转账). */
const char *anju_tender_get_label            (AnjuTender   tender);

typedef struct
{
  char               *id;
  char               *project_id;
  gint64              number;
  char               *subscription_id;
  char               *expected_payment_id;
  char               *customer_id;
  char               *unit_label;          /* of the subscription, or NULL */
  char               *payer;
  AnjuPaymentPurpose  purpose;
  AnjuTender          method;
  char               *reference;
  AnjuFen             amount;
  char               *paid_on;             /* local day */
  char               *issued_at;           /* ISO UTC */
  char               *issuer_id;
  char               *issuer_name;
  char               *refund_of;           /* a refund: the original receipt */
  gint64              refund_of_number;
  char               *reissue_of;          /* a reissue: the voided receipt */
  gint64              reissue_of_number;
  char               *approved_by_name;    /* a refund: the manager */
  char               *note;
  gboolean            voided;
  char               *voided_at;
  char               *voided_by_name;
  char               *void_reason;
  gint64              print_count;
  AnjuFen             refunded;            /* standing refunds against it */
} AnjuReceipt;

void         anju_receipt_free               (AnjuReceipt *receipt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuReceipt, anju_receipt_free)

/* One receipt, or NULL (with @error unset when there is none). */
AnjuReceipt *anju_receipt_load               (AnjuStore   *store,
                                              const char  *receipt_id,
                                              GError     **error);
/* Receipts of @project_id (NULL: the first project) by number; only
 * those issued on @local_date (NULL: every day) and/or of
 * @subscription_id (NULL: any). */
GPtrArray   *anju_receipts_list              (AnjuStore   *store,
                                              const char  *project_id,
                                              const char  *local_date,
                                              const char  *subscription_id,
                                              GError     **error);
/* The receipt's number as printed: "0000042". */
char        *anju_receipt_format_number      (gint64       number);

/* What a receipt brings in, signed: a refund counts negative, a void
 * receipt 0. */
AnjuFen      anju_receipt_get_net            (const AnjuReceipt *receipt);

/* Whether @actor may void @receipt now; if not, why (a command error
 * naming "receipt_id"). */
gboolean     anju_receipt_may_void           (AnjuStore         *store,
                                              const AnjuUser    *actor,
                                              const AnjuReceipt *receipt,
                                              GError           **error);
/* Whether @actor may refund @amount (0: all that is left) of @receipt. */
gboolean     anju_receipt_may_refund         (AnjuStore         *store,
                                              const AnjuUser    *actor,
                                              const AnjuReceipt *receipt,
                                              AnjuFen            amount,
                                              GError           **error);
/* Whether @actor may take payments and issue receipts. */
gboolean     anju_finance_may_record_payment (const AnjuUser    *actor,
                                              GError           **error);
/* Whether @actor may print @receipt (a void one prints 作废). */
gboolean     anju_receipt_may_print          (const AnjuUser    *actor,
                                              const AnjuReceipt *receipt,
                                              GError           **error);

/* What @actor may do with @receipt (NULL: with finance in general), for a
 * screen, computed from the predicates above: {can_record_payment,
 * and with a receipt: receipt_id, number, void, copy_next (a print now is
 * a 副本), can_void, can_reissue, can_refund, can_print, refundable (fen
 * left to refund), and a *_refusal sentence for each "no"}. */
JsonObject  *anju_finance_dup_snapshot       (AnjuStore         *store,
                                              const AnjuUser    *actor,
                                              const AnjuReceipt *receipt);

/* A day's receipts by method, for the cashier's daily summary. */
typedef struct
{
  AnjuTender  method;
  guint       count;        /* receipts that are not void, refunds included */
  AnjuFen     received;
  AnjuFen     refunded;
  AnjuFen     net;
} AnjuTenderTotal;

typedef struct
{
  char            *project_id;
  char            *local_date;
  AnjuTenderTotal  methods[ANJU_TENDER_LAST + 1];
  guint            count;
  guint            voided;
  AnjuFen          received;
  AnjuFen          refunded;
  AnjuFen          net;
  gint64           first_number;   /* 0: none that day */
  gint64           last_number;
} AnjuDaySummary;

void            anju_day_summary_free        (AnjuDaySummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuDaySummary, anju_day_summary_free)

/* The summary of @local_date (NULL: today, office time). */
AnjuDaySummary *anju_receipts_summarize_day  (AnjuStore   *store,
                                              const char  *project_id,
                                              const char  *local_date,
                                              GError     **error);
/* The same as JSON (amounts as "1234.56" strings) for anjuctl and print. */
JsonObject     *anju_day_summary_to_json     (const AnjuDaySummary *summary);

typedef enum
{
  ANJU_DUE_SCHEDULED,   /* due later than the amber window */
  ANJU_DUE_SOON,        /* due within policy finance.due_soon_days: amber */
  ANJU_DUE_OVERDUE,     /* its day has passed, not paid: red */
  ANJU_DUE_PAID,
  ANJU_DUE_CANCELLED,   /* the subscription was withdrawn */
} AnjuDueStatus;

const char     *anju_due_status_to_string    (AnjuDueStatus status);
const char     *anju_due_status_get_label    (AnjuDueStatus status);
/* The rule: paid when @paid reaches @amount; else overdue when @due_on
 * is before @today; due soon when it is at most @soon_days after @today;
 * else scheduled. Days are "YYYY-MM-DD". */
AnjuDueStatus   anju_due_status_compute      (AnjuFen      amount,
                                              AnjuFen      paid,
                                              gboolean     cancelled,
                                              const char  *due_on,
                                              const char  *today,
                                              gint64       soon_days);

typedef struct
{
  char               *id;
  char               *project_id;
  char               *subscription_id;
  char               *unit_label;
  char               *customer_id;
  char               *customer_name;
  char               *consultant_id;
  char               *consultant_name;
  AnjuPaymentPurpose  purpose;
  char               *label;          /* or NULL: the purpose says it */
  AnjuFen             amount;
  AnjuFen             paid;
  char               *due_on;
  AnjuDueStatus       status;
  gint64              days_left;      /* negative: days overdue */
} AnjuExpectedPayment;

void         anju_expected_payment_free      (AnjuExpectedPayment *payment);
/* "¥1,234.00 due 2026-12-03, in 7 days" / "… 2 days overdue" / "… due
 * today": what is left of @payment and when, for a screen. */
char        *anju_expected_payment_dup_due_text (const AnjuExpectedPayment *payment);

/* Expected payments of @project_id (NULL: the first project), by due
 * day; only @consultant_id's deals unless NULL (the workbench); paid and
 * cancelled ones only with @include_settled. Status at the store's now. */
GPtrArray   *anju_payments_list_expected     (AnjuStore   *store,
                                              const char  *project_id,
                                              const char  *consultant_id,
                                              gboolean     include_settled,
                                              GError     **error);

/* What printing a receipt needs, as JSON: number, number_text, payer,
 * paid_on, purpose (label), purpose_code, method (label), method_code,
 * reference, amount ("1234.56"), amount_fen, amount_in_words (人民币…),
 * issuer, unit, subscription_id, refund_of_number, reissue_of_number,
 * void (bool), void_reason, copy (bool: printed before, so this print is
 * a 副本), print_count, note, project (name), developer. */
JsonObject  *anju_receipt_dup_paper          (AnjuStore   *store,
                                              const char  *receipt_id,
                                              GError     **error);

/* For the subscription workflow, inside its command handler. */
typedef struct
{
  const char         *project_id;
  const char         *subscription_id;
  const char         *expected_payment_id;
  const char         *customer_id;
  const char         *payer;
  AnjuPaymentPurpose  purpose;
  AnjuTender          method;
  const char         *reference;
  AnjuFen             amount;
  const char         *paid_on;       /* NULL: today */
  const char         *refund_of;
  const char         *reissue_of;
  const char         *approved_by;
  const char         *note;
} AnjuReceiptDraft;

/* Writes the receipt with the project's next number. */
gboolean     anju_finance_issue_receipt      (AnjuCommandContext     *ctx,
                                              const AnjuReceiptDraft *draft,
                                              char                  **receipt_id,
                                              gint64                 *number,
                                              GError                **error);
/* Adds an expected payment of a subscription. */
gboolean     anju_finance_add_expected       (AnjuCommandContext  *ctx,
                                              const char          *project_id,
                                              const char          *subscription_id,
                                              AnjuPaymentPurpose   purpose,
                                              const char          *label,
                                              AnjuFen              amount,
                                              const char          *due_on,
                                              GError             **error);
/* Cancels what @subscription_id still expects (a withdrawal). */
gboolean     anju_finance_cancel_expected    (AnjuCommandContext  *ctx,
                                              const char          *subscription_id,
                                              GError             **error);
/* Refunds what the standing receipts of @subscription_id brought in:
 * deposits less @forfeit (taken from the deposits in number order), every
 * other purpose in full; one refund receipt per original. Returns the
 * refunded total in @refunded. */
gboolean     anju_finance_refund_subscription (AnjuCommandContext *ctx,
                                               const char         *subscription_id,
                                               AnjuFen             forfeit,
                                               const char         *reason,
                                               AnjuFen            *refunded,
                                               GError            **error);
/* What the standing deposit receipts of @subscription_id bring in. */
AnjuFen      anju_finance_deposit_paid       (AnjuStore   *store,
                                              const char  *subscription_id);

/* Today in the office's time zone at @store's now: "YYYY-MM-DD". */
char        *anju_finance_dup_today          (AnjuStore   *store);

void         anju_finance_register_commands  (void);

G_END_DECLS
