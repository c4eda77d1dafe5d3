/* anju-subscriptions.h — subscriptions (认购) and the cooling-off (SPEC §6)
 *
 * A subscription is made from a quote the consultant may use (approved,
 * or open: inside the published range) for the unit they hold; it keeps
 * that price and nothing else, moves the unit to subscribed and lists what
 * the buyers are expected to pay (the deposit at once; for a one-time
 * payment the rest by the signing deadline; other payments with
 * payment.expect).
 *
 * The deposit is a 定金: at most 20% of the price (Civil Code art. 586).
 * The cooling-off (三天无理由退定) lasts policy subscription.cooling_off_hours
 * (72 by default, per project) from the moment of the subscription; it is
 * inside while now < cooling_off_ends_at. Inside it the buyer may withdraw:
 * every payment is refunded in full. After it, withdrawal needs a manager
 * and the deposit is forfeited by policy subscription.forfeit_permille
 * (1000: all of it) of the deposit, at most what was paid; other payments
 * are refunded. Either way the unit is available again and each refund is
 * a receipt referring to the original.
 *
 * Commands (payload fields snake_case; money in fen; days YYYY-MM-DD):
 *   subscription.create {subscription_id?, quote_id, payment_method:
 *       one_time|commercial|provident|combination|instalments, deposit,
 *       signing_deadline, buyers?: [{customer_id?, name?, id_number?,
 *       mobile?}…], delivery_date?, price?, deposit_due_on?, note?,
 *       plan?: {home_number?, down_payment?, provident_amount?,
 *       loan_method?, commercial_rate?, provident_rate?,
 *       commercial_months?, provident_months?, tax_base?, notarised?},
 *       expected_payments?: [{purpose, amount, due_on, label?}…]}
 *                                                      (consultant, manager)
 *       → {subscription_id, unit_id, price, deposit, cooling_off_ends_at}
 *       An office decision. The first buyer is the quote's customer (name
 *       and ID number default to the customer record); co-owners follow,
 *       each with a name and a valid ID number. A price, if sent, must be
 *       the quote's.
 *   subscription.withdraw {subscription_id, reason}
 *       → {subscription_id, kind: cooling_off|forfeit, refunded, forfeited}
 *       An office decision. Inside the cooling-off: the subscription's
 *       consultant, finance or a manager; after it: a manager.
 *   subscription.share {subscription_id, co_consultant_id?,
 *       co_share_percent?}                             (consultant, manager)
 *       → {subscription_id, consultant_id, co_consultant_id,
 *          co_share_percent, consultant_amount, co_consultant_amount}
 *       A shared deal (SPEC §3): the credit for the sale is split with a
 *       second consultant, who gets co_share_percent (1–99, default 50)
 *       of the count and of the price; without co_consultant_id the deal
 *       is the consultant's alone again. The deal's consultant or a
 *       manager; not on a withdrawn deal.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-command.h"
#include "anju-money.h"
#include "anju-payment-plan.h"
#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

/* Civil Code art. 586: a 定金 may not exceed 20% of the contract price. */
#define ANJU_DEPOSIT_MAX_PERMILLE 200
#define ANJU_SUBSCRIPTION_MAX_BUYERS 6

typedef enum
{
  ANJU_SUBSCRIPTION_ACTIVE,
  ANJU_SUBSCRIPTION_WITHDRAWN,
  ANJU_SUBSCRIPTION_SIGNED,
} AnjuSubscriptionStatus;

const char *anju_subscription_status_to_string (AnjuSubscriptionStatus status);
const char *anju_subscription_status_get_label (AnjuSubscriptionStatus status);
/* "one_time" → "One-time payment" (一次性付款), …; NULL if unknown. */
const char *anju_payment_method_get_label      (const char *method);
gboolean    anju_payment_method_is_valid       (const char *method);

typedef struct
{
  int   position;        /* 0: the buyer; then the co-owners */
  char *role;            /* "buyer" or "co_owner" */
  char *customer_id;     /* or NULL */
  char *name;
  char *id_number;
  char *mobile;
} AnjuBuyer;

void        anju_buyer_free (AnjuBuyer *buyer);

typedef struct
{
  char                   *id;
  char                   *project_id;
  char                   *unit_id;
  char                   *unit_label;
  char                   *customer_id;
  char                   *customer_name;
  char                   *quote_id;
  char                   *consultant_id;
  char                   *consultant_name;
  AnjuFen                 price;
  AnjuFen                 deposit;
  AnjuFen                 deposit_paid;     /* standing deposit receipts */
  char                   *payment_method;
  char                   *signing_deadline;
  char                   *delivery_date;
  char                   *note;
  char                   *created_at;       /* ISO UTC */
  gint64                  cooling_off_ends; /* µs UTC */
  char                   *cooling_off_ends_at;
  AnjuSubscriptionStatus  status;
  char                   *withdrawn_at;
  char                   *withdrawal_reason;
  char                   *withdrawal_kind;  /* cooling_off, forfeit or NULL */
  AnjuFen                 forfeited;
  char                   *plan;             /* the plan choices, JSON text, or NULL */
  GPtrArray              *buyers;           /* AnjuBuyer*, by position */
  char                   *co_consultant_id; /* a shared deal's second consultant, or NULL */
  char                   *co_consultant_name;
  int                     co_share_percent; /* their share of the credit, 1–99; 0 if not shared */
} AnjuSubscription;

void        anju_subscription_free (AnjuSubscription *subscription);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuSubscription, anju_subscription_free)

/* One subscription with its buyers, or NULL (@error unset if none). */
AnjuSubscription *anju_subscription_load  (AnjuStore   *store,
                                           const char  *subscription_id,
                                           GError     **error);
/* Subscriptions of @project_id (NULL: the first project), newest first;
 * only @consultant_id's unless NULL; only active ones with @active_only. */
GPtrArray  *anju_subscriptions_list       (AnjuStore   *store,
                                           const char  *project_id,
                                           const char  *consultant_id,
                                           gboolean     active_only,
                                           GError     **error);

/* The units @customer_id has subscribed (SPEC §1, the profile's
 * "subscribed units and value"): subscriptions active or signed in which
 * the customer is the buyer or a co-owner, oldest first, and in @total
 * (may be NULL) the sum of their prices in fen. Withdrawn ones count not. */
GPtrArray  *anju_subscriptions_of_customer (AnjuStore   *store,
                                            const char  *customer_id,
                                            AnjuFen     *total,
                                            GError     **error);

/* Whether the cooling-off of an active @subscription is running at @now. */
gboolean    anju_subscription_in_cooling_off   (const AnjuSubscription *subscription,
                                                gint64                  now);
/* Its time left at @now in µs; 0 when over or not active. */
gint64      anju_subscription_cooling_off_left (const AnjuSubscription *subscription,
                                                gint64                  now);
/* "2 days 5 hours left" / "5 hours 3 minutes left" / "ended". */
char       *anju_subscription_format_time_left (gint64                  left_usec);

/* Whether @actor may withdraw @subscription at @now; if not, why (a
 * command error naming "subscription_id"). */
gboolean    anju_subscription_may_withdraw     (AnjuStore              *store,
                                                const AnjuUser         *actor,
                                                const AnjuSubscription *subscription,
                                                gint64                  now,
                                                GError                **error);
/* What a withdrawal at @now keeps of the deposit (0 inside the
 * cooling-off), by the project's forfeiture policy. */
AnjuFen     anju_subscription_forfeit_at       (AnjuStore              *store,
                                                const AnjuSubscription *subscription,
                                                gint64                  now);

/* The subscription's payment plan as agreed: its quote's price, its
 * payment method and plan choices, made on its day, signed by its
 * deadline, the deposit credited; what is due at handover dated by its
 * delivery date. The plan its expected payments were made from, and the
 * one its 置业计划表 and 按揭须知 print. */
AnjuPaymentPlan *anju_subscription_load_plan   (AnjuStore               *store,
                                                const AnjuSubscription  *subscription,
                                                GError                 **error);

/* What @actor may do with @subscription at @now, for a screen, computed
 * from the predicates above: {subscription_id, status, in_cooling_off,
 * cooling_off_seconds_left, cooling_off_ends_at, can_withdraw,
 * withdraw_needs_manager, forfeit (fen a withdrawal now keeps),
 * withdraw_refusal (the sentence why not, or absent), can_share (whether
 * @actor may share the deal's credit, anju_subscription_may_share()),
 * share_refusal (why not, or absent), colleagues [{id, name}] (whom it
 * may be shared with, anju_subscription_may_share_with(); only when
 * can_share), co_consultant_id (or absent), co_consultant_name,
 * co_share_percent (0 if not shared)}. */
JsonObject *anju_subscription_dup_snapshot     (AnjuStore              *store,
                                                const AnjuUser         *actor,
                                                const AnjuSubscription *subscription,
                                                gint64                  now);

/* What printing the subscription form (认购书) needs, as JSON:
 * subscription_id, project, developer, unit {label, building, number,
 * layout, orientation, gross_area, inner_area (m² text)}, buyers [{role,
 * name, id_number, mobile}], price, price_in_words, deposit,
 * deposit_in_words, deposit_cap_permille, payment_method (label),
 * payment_method_code, signing_deadline, delivery_date, consultant,
 * created_at (local), cooling_off_hours, cooling_off_ends_at (local),
 * status, note. Amounts are "1234.56" strings; the price is the approved
 * one and no other. */
JsonObject *anju_subscription_dup_paper        (AnjuStore   *store,
                                                const char  *subscription_id,
                                                GError     **error);

/* ---- sales credit (SPEC §3) ---- */

/* Credit is counted in thousandths of a deal: a deal shared 50/50 gives
 * each consultant 500. */
#define ANJU_DEAL_PERMILLE 1000
#define ANJU_CO_SHARE_DEFAULT_PERCENT 50
/* The second consultant's share, in percent: from 1 to 99. */
#define ANJU_CO_SHARE_MIN_PERCENT 1
#define ANJU_CO_SHARE_MAX_PERCENT 99

/* Whether @actor may share the credit of @s (subscription.share): the
 * deal's consultant or a manager, on a deal not withdrawn; if not, why
 * (a command error naming "subscription_id"). */
gboolean    anju_subscription_may_share        (const AnjuUser         *actor,
                                                const AnjuSubscription *subscription,
                                                GError                **error);
/* Whether @colleague may share the credit of @s (subscription.share's
 * co_consultant_id): a consultant or manager of the office who is not the
 * deal's own consultant; if not, why (an error naming
 * "co_consultant_id"). */
gboolean    anju_subscription_may_share_with   (const AnjuUser         *colleague,
                                                const AnjuSubscription *subscription,
                                                GError                **error);
/* The part of @subscription credited to @consultant_id: the amount in fen
 * it returns and, in @deals_permille (may be NULL), the part of one deal.
 * A shared deal gives its co-consultant co_share_percent of the price,
 * rounded to the nearest fen (half up), and its consultant the rest, so
 * the two parts always add up to the price. 0 for anyone else. */
AnjuFen     anju_subscription_credit_for       (const AnjuSubscription *subscription,
                                                const char             *consultant_id,
                                                gint64                 *deals_permille);

typedef struct
{
  char    *consultant_id;
  char    *consultant_name;
  gint64   deals_permille;   /* ANJU_DEAL_PERMILLE for each whole deal */
  AnjuFen  amount;           /* fen credited */
} AnjuSalesCredit;

void        anju_sales_credit_free             (AnjuSalesCredit        *credit);

/* The sales credited to each consultant for the subscriptions of
 * @project_id (NULL: the first project), active or signed, made on the
 * local days @from to @to ("YYYY-MM-DD", either NULL: open), shared deals
 * split by anju_subscription_credit_for(); the largest amount first.
 * Every place that credits a consultant with a sale reads this. */
GPtrArray  *anju_sales_credit_list             (AnjuStore              *store,
                                                const char             *project_id,
                                                const char             *from,
                                                const char             *to,
                                                GError                **error);
/* "1 deal", "1.5 deals", "0.25 deals" (translated). */
char       *anju_sales_credit_format_deals     (gint64                  deals_permille);

void        anju_subscriptions_register_commands (void);

G_END_DECLS
