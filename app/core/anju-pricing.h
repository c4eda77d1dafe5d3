/* anju-pricing.h — discounts, quotes and the approval chain (议价, 审批)
 *
 * The rounding rule. A price after discounts is
 *
 *     list price × r₁/1000 × r₂/1000 × … × rₙ/1000
 *
 * where each rᵢ is a rate in permille (980 is 98折): the published
 * discounts the customer qualifies for, then the consultant's discretion.
 * The product is computed exactly as one fraction and rounded to the fen
 * ONCE, at the end, half up (anju_money_round_div()); no intermediate
 * price is rounded. The price per m² is the rounded total price × 100 /
 * the gross area in hundredths of m², rounded the same way. Example:
 * ¥3,283,700.00 × 98折 × 99折 = 328,370,000 × 980 × 990 / 1,000,000 fen
 * = 318,584,574 fen exactly = ¥3,185,845.74.
 *
 * Commands (payload fields snake_case; money in fen):
 *   quote.create {unit_id, customer_id, discount_ids?: [id…],
 *                 discretion_permille?: 1..1000 (default 1000),
 *                 asked_price?, checklist?: {unit_locked, decision_holder,
 *                 signing_date_agreed, down_payment_affordable, credit_checked,
 *                 hot_unit, on_site_special: bool}, note?,
 *                 negotiation_started_at?: ISO time}       (consultant, manager)
 *       → {quote_id, price, computed_price, range_floor, price_per_m2,
 *          price_version, needs_approval, wait_flagged}
 *       The unit must be held by the actor. The quote keeps the unit's
 *       price-list version and list price. It needs approval when the
 *       discretion is below policy discounts.consultant_discretion_permille_min,
 *       when asked_price is below the computed price, or when the price is
 *       below the unit's floor price (底价).
 *   discount.request {quote_id, asked_price, reason, checklist?}
 *                                                      (the quote's maker)
 *       → {approval_id, current_step, steps, expires_at}
 *       Routes the request along policy approval.chain. Refused unless the
 *       customer holds the decision, the signing date is agreed, the down
 *       payment is affordable and credit is checked (field "checklist"),
 *       and refused (CONFLICT, field "quote_id") while a discount request
 *       for the same unit and customer is still pending, whichever quote
 *       it came from.
 *   approval.decide {approval_id, decision: "approve"|"reject", comment?}
 *                                                      (manager, admin)
 *       → {approval_id, quote_id, status, current_step, steps}
 *       An office decision. Only the role of the waiting step; never the
 *       requester; never someone who decided an earlier step. A comment is
 *       required to reject. Rejection ends the chain. An approval ends the
 *       chain when it is the last step, or when the step's
 *       approves_down_to_permille covers the asked price and the price is
 *       not below the floor price — a floor price is only ever crossed by
 *       the last step. The approved quote is locked at the asked price.
 *       An approval expires at the end of the local day (office time zone)
 *       it was requested on, unless the quote was used for the deal.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-command.h"
#include "anju-money.h"
#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

#define ANJU_PRICING_MAX_RATES 8

/* @list_price × Π @rates_permille / 1000ⁿ, rounded once, half up. Rates
 * are 1..1000; at most ANJU_PRICING_MAX_RATES of them. */
AnjuFen     anju_pricing_apply        (AnjuFen       list_price,
                                       const guint  *rates_permille,
                                       guint         n_rates);
/* Price per m² in fen: @price × 100 / @gross_area (hundredths of m²),
 * half up; 0 if the area is not positive. */
AnjuFen     anju_pricing_per_m2       (AnjuFen       price,
                                       gint64        gross_area);
/* @price as permille of @list, half up (970200 ‰ of a million is 970). */
guint       anju_pricing_permille_of  (AnjuFen       price,
                                       AnjuFen       list);
/* A rate in permille for people: 980 → "98% of the price" (Chinese:
 * "98折"), 985 → "98.5% of the price" ("98.5折"). */
char       *anju_pricing_format_rate  (guint         permille);

typedef struct
{
  char  *id;
  char  *name_en;
  char  *name_zh;
  guint  rate_permille;
} AnjuDiscount;

void        anju_discount_free        (AnjuDiscount *discount);
/* The name in the language of the messages. */
const char *anju_discount_get_name    (const AnjuDiscount *discount);

/* The published discounts of @project_id (NULL: the first project) from
 * policy discounts.published; element type AnjuDiscount*. */
GPtrArray  *anju_pricing_dup_published (AnjuStore  *store,
                                        const char *project_id);
/* policy discounts.consultant_discretion_permille_min (default 1000). */
guint       anju_pricing_get_discretion_min (AnjuStore  *store,
                                             const char *project_id);
/* Whether a consultant's discretion of @discretion_permille needs an
 * approval: it is below @discretion_min (the value above). quote.create
 * and the negotiation view ask the same. */
gboolean    anju_pricing_discretion_needs_approval (guint discretion_permille,
                                                    guint discretion_min);
/* @list_price through @discounts (AnjuDiscount*, those the customer
 * qualifies for, in their order) and then @discretion_permille: the order
 * core multiplies rates in, rounded once. */
AnjuFen     anju_pricing_price_with     (AnjuFen     list_price,
                                         GPtrArray  *discounts,
                                         guint       discretion_permille);

/* What a negotiation shows before a project's policy is read. */
#define ANJU_PRICING_DEFAULT_WAIT_FLAG_MINUTES 5
/* policy negotiation.wait_flag_minutes: a customer kept waiting longer
 * than this for a quote is flagged on it. */
gint64      anju_pricing_get_wait_flag_minutes (AnjuStore  *store,
                                                const char *project_id);

typedef enum
{
  ANJU_QUOTE_OPEN,            /* within the published range: may be used */
  ANJU_QUOTE_NEEDS_APPROVAL,  /* beyond the range, not yet asked for */
  ANJU_QUOTE_PENDING,         /* an approval is on its way */
  ANJU_QUOTE_APPROVED,        /* approved and locked */
  ANJU_QUOTE_REJECTED,
  ANJU_QUOTE_USED,            /* the deal was made with it */
  ANJU_QUOTE_EXPIRED,         /* its approval ran out (effective, never stored) */
} AnjuQuoteStatus;

const char *anju_quote_status_to_string (AnjuQuoteStatus status);
const char *anju_quote_status_get_label (AnjuQuoteStatus status);

typedef struct
{
  int    step;
  char  *role;
  char  *title;          /* in the language of the messages */
  char  *decider_id;     /* NULL while undecided */
  char  *decider_name;
  char  *decision;       /* "approve", "reject" or NULL */
  char  *comment;
  char  *decided_at;
} AnjuApprovalStep;

void        anju_approval_step_free   (AnjuApprovalStep *step);

typedef struct
{
  char            *id;
  char            *project_id;
  char            *unit_id;
  char            *unit_label;
  char            *customer_id;
  char            *customer_name;
  char            *consultant_id;
  char            *consultant_name;
  gint64           price_version;
  AnjuFen          list_price;
  gint64           gross_area;
  GPtrArray       *discounts;           /* AnjuDiscount*, as applied */
  guint            discretion_permille;
  AnjuFen          computed_price;
  AnjuFen          range_floor;         /* lowest price without approval */
  AnjuFen          asked_price;         /* 0: none */
  AnjuFen          price;               /* what the quote offers; approved: what prints */
  AnjuFen          price_per_m2;
  gboolean         below_floor_price;
  AnjuQuoteStatus  status;              /* effective: EXPIRED when its approval ran out */
  gboolean         locked;
  JsonObject      *checklist;
  char            *note;
  gint64           wait_seconds;        /* -1: not recorded */
  gboolean         wait_flagged;
  char            *created_at;
  /* the latest approval request, if any */
  char            *approval_id;
  char            *approval_status;     /* pending, approved, rejected, expired */
  int              approval_step;
  int              approval_steps;
  char            *approval_comment;    /* the latest decision's comment */
  char            *approval_expires_at;
  /* While the approval is pending (anju_quotes_list_for_consultant): the
   * waiting step's title (代理公司副经理) and who may decide it, by display
   * name joined with "、"; "" when nobody in this office can. */
  char            *approval_step_title;
  char            *approval_deciders;
  /* Every decided step of the latest approval, in step order
   * (AnjuApprovalStep*: who, their title, the decision and the comment),
   * so each approver's comment reaches the consultant as soon as it is
   * made, not only the last one's. Empty when nothing is decided yet. */
  GPtrArray       *approval_decisions;
} AnjuQuote;

void        anju_quote_free           (AnjuQuote *quote);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuQuote, anju_quote_free)

/* One quote, or NULL (with @error unset when there is none). */
AnjuQuote  *anju_quote_load           (AnjuStore   *store,
                                       const char  *quote_id,
                                       GError     **error);
/* A consultant's quotes, newest first, with their decisions. */
GPtrArray  *anju_quotes_list_for_consultant (AnjuStore   *store,
                                             const char  *consultant_id,
                                             GError     **error);

typedef struct
{
  char       *id;
  char       *quote_id;
  char       *unit_id;
  char       *unit_label;
  char       *customer_id;
  char       *customer_name;
  char       *requested_by;
  char       *requester_name;
  char       *requested_at;
  char       *reason;
  AnjuFen     list_price;
  AnjuFen     computed_price;
  AnjuFen     range_floor;
  AnjuFen     asked_price;
  guint       asked_permille;       /* asked price per thousand of the list price */
  GPtrArray  *discounts;            /* AnjuDiscount* of the quote */
  guint       discretion_permille;
  JsonObject *checklist;
  char       *note;                 /* the consultant's note on the quote */
  gboolean    below_floor_price;    /* only the last step may finish it */
  char       *status;               /* pending, approved, rejected, expired */
  int         current_step;
  int         steps_total;
  char       *step_title;           /* of the step waiting (or last decided) */
  char       *expires_at;
  gboolean    wait_flagged;         /* pending longer than negotiation.wait_flag_minutes */
  GPtrArray  *steps;                /* AnjuApprovalStep*, every step of the chain */
  char       *kind;                 /* "discount", or a change to a deal: "rename",
                                     * "special_discount", "change_unit" */
} AnjuApproval;

void          anju_approval_free      (AnjuApproval *approval);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuApproval, anju_approval_free)

AnjuApproval *anju_approval_load      (AnjuStore      *store,
                                       const char     *approval_id,
                                       GError        **error);
/* Whether @actor may decide the waiting step of @approval: it is pending
 * and unexpired, @actor has the step's role, did not make the request and
 * decided no earlier step of it. approval.decide refuses exactly when this
 * is FALSE; the approvals view offers 批准 / 驳回 from it. */
gboolean      anju_approval_may_decide (const AnjuUser     *actor,
                                        const AnjuApproval *approval);
/* Pending, unexpired requests whose waiting step @user may decide
 * (anju_approval_may_decide()). Oldest first. */
GPtrArray    *anju_approvals_list_waiting (AnjuStore      *store,
                                           const AnjuUser *user,
                                           GError        **error);

/* The approval chain of @project_id (NULL: the first project) as policy
 * sets it: AnjuApprovalStep* with only step, role and title filled. */
GPtrArray    *anju_approval_chain_list (AnjuStore           *store,
                                        const char          *project_id,
                                        GError             **error);

/* Who may decide the waiting step of @approval: enabled users of the
 * step's role, neither the requester nor anyone who decided an earlier
 * step; by name; element type AnjuUser*. Empty when the request is not
 * pending, or when nobody in this office can decide it. */
GPtrArray    *anju_approval_dup_next_deciders (AnjuStore           *store,
                                               const AnjuApproval  *approval,
                                               GError             **error);

/* For the subscription workflow, inside its command handler: marks the
 * quote used for the deal and returns its price (exactly the approved
 * one). Refused unless the quote is open or approved (and not expired),
 * for @unit_id, and made by the actor (or the actor is a manager). */
gboolean      anju_quote_use          (AnjuCommandContext *ctx,
                                       const char         *quote_id,
                                       const char         *unit_id,
                                       AnjuFen            *price,
                                       GError            **error);

/* A request along the same approval chain as discounts, for a change to
 * a deal (anju-signing.h): @kind is not "discount"; @final_step > 0
 * finishes it at that step (clamped to the chain), 0 by the steps'
 * approves_down_to_permille like a discount. approval.decide calls
 * anju_change_request_decided() once it is approved or rejected. */
typedef struct
{
  const char *kind;
  const char *quote_id;
  const char *project_id;
  const char *unit_id;
  const char *customer_id;
  AnjuFen     asked_price;
  const char *reason;
  gboolean    needs_top;
  const char *expires_at;
  int         final_step;
} AnjuApprovalRequest;

/* Inserts the request (current step 1, pending) inside a command handler
 * and returns its id. */
char         *anju_approval_request_change (AnjuCommandContext         *ctx,
                                            const AnjuApprovalRequest  *request,
                                            GError                    **error);

/* The end of the local day (office time zone) that @utc_usec falls in,
 * as µs UTC: the first instant of the next local day. */
gint64        anju_pricing_end_of_day (gint64          utc_usec);

void          anju_pricing_register_commands (void);

G_END_DECLS
