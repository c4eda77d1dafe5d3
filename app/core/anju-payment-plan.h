/* anju-payment-plan.h — the payment plan 置业计划表 of a quote
 *
 * From the approved price of a quote: how the buyer pays (one-time,
 * commercial mortgage, provident-fund mortgage, combination loan or
 * instalments), the down payment, the loan and its schedule (anju-loan.h),
 * the taxes and fees (anju-fees.h), and every payment with its due time.
 * Pure computation (anju_payment_plan_compute()) plus a loader by quote id
 * (anju_payment_plan_load()). Nothing is written to the database.
 *
 * What a plan holds (AnjuPaymentPlan), for the subscription and finance
 * (expected payments) and for printing:
 *   - price: list_price, price (the quote's approved price, the only one
 *     that prints), discount = list_price − price;
 *   - deposit (定金, credited against the first payment), down_payment
 *     (one-time: the price; instalments: the first instalment; loans:
 *     price − loan), loan_amount, monthly_payment (the first month's for
 *     等额本金);
 *   - commercial / provident / loan: the schedules (loan is the two added
 *     for a combination, the one loan otherwise, NULL without a loan);
 *   - fees: deed tax, registration, stamp duty, maintenance fund, notary,
 *     total;
 *   - items: AnjuPlanItem*, every payment in due order — the deposit (if
 *     any), the down payment or the instalments or the one-time payment,
 *     the loan (paid by the bank), each fee — with an amount, a due event
 *     ("subscription", "signing", "handover", "loan") plus days, and a
 *     due_date (YYYY-MM-DD) wherever the event has a date (subscription:
 *     the plan's date; signing: the signing date; handover: the policy
 *     payment.handover_date when set; loan: the bank's, never dated);
 *   - totals: total_buyer = Σ items the buyer pays (price − loan + fees),
 *     total_fees, total_interest, total_cost = price + fees + interest;
 *   - warnings: sentences for the consultant (a down payment below the
 *     30–40 % the sales standard asks to confirm is affordable).
 *
 * Rules (policy "payment" and "fees" in data/policy/payment.json, per
 * project with project.set_policy):
 *   - a loan's down payment is at least the larger of the city's legal
 *     minimum for the home number (data/fees) and
 *     payment.down_payment_min_permille — refused below (field
 *     "down_payment"); below payment.affordable_permille_min it is
 *     accepted with a warning;
 *   - instalments: payment.instalments, each a permille of the price with
 *     its due event and days; each rounded half up, the last takes the
 *     rest; the deposit is credited against the first;
 *   - fee due times: payment.fee_due.<fee>; the maintenance fund from
 *     fees.maintenance_fund unless its basis is "city".
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "anju-fees.h"
#include "anju-loan.h"
#include "anju-money.h"
#include "anju-store.h"

G_BEGIN_DECLS

typedef enum
{
  ANJU_PAYMENT_ONE_TIME,       /* 一次性付款 */
  ANJU_PAYMENT_COMMERCIAL,     /* 商业贷款 */
  ANJU_PAYMENT_PROVIDENT,      /* 公积金贷款 */
  ANJU_PAYMENT_COMBINATION,    /* 组合贷款 */
  ANJU_PAYMENT_INSTALMENTS,    /* 分期付款 */
} AnjuPaymentMethod;

/* The codes subscriptions store: "one_time", "commercial", "provident",
 * "combination", "instalments" (the label: anju_payment_method_get_label()
 * in anju-subscriptions.h). from_string also takes "one-time", as
 * anjuctl's --payment spells it. */
const char *anju_payment_method_to_string   (AnjuPaymentMethod  method);
gboolean    anju_payment_method_from_string (const char        *text,
                                             AnjuPaymentMethod *method);

/* The choices of the consultant and the customer. Zero means the default
 * where one is named. */
typedef struct
{
  AnjuPaymentMethod  method;
  guint              home_number;       /* 1, 2, 3 (third and beyond); 0: 1 */
  const char        *date;              /* YYYY-MM-DD, the plan's day; NULL: today */
  const char        *signing_date;      /* NULL: date + payment.signing_days */
  AnjuFen            deposit;           /* paid at subscription; 0: none */
  AnjuFen            tax_base;          /* 0: the price */
  AnjuFen            down_payment;      /* loans; 0: payment.down_payment_permille */
  AnjuFen            provident_amount;  /* combination: the provident part (required) */
  AnjuLoanMethod     loan_method;
  AnjuRate           commercial_rate;   /* 0: the city's on @date */
  AnjuRate           provident_rate;    /* 0: the city's for the home number */
  guint              commercial_months; /* 0: payment.loan_months */
  guint              provident_months;  /* 0: payment.loan_months */
  gboolean           notarised;
  const char        *handover_date;     /* NULL: policy payment.handover_date */
} AnjuPaymentOptions;

/* The buyer's choices of a plan as JSON, the "plan" member of
 * subscription.create, kept with the subscription so its plan can be made
 * again: {home_number?, down_payment? (fen), provident_amount? (fen),
 * loan_method?: equal-installment|equal-principal, commercial_rate?,
 * provident_rate? (percent text "4.9", "3.075"), commercial_months?,
 * provident_months?, tax_base? (fen), notarised?}. Reads them into
 * @options (the method, dates and deposit are not among them); a bad one
 * is refused naming "plan.FIELD". The strings stay @choices'. */
gboolean    anju_payment_options_read       (JsonObject         *choices,
                                             AnjuPaymentOptions *options,
                                             GError            **error);

/* The label of a plan item's code ("deed_tax" → "Deed tax" (契税),
 * "instalment_2" → "Instalment 2"), translated; NULL for any other text.
 * Expected payments keep the code, so each desk shows it in its language. */
char       *anju_plan_item_code_dup_label   (const char         *code);

/* One rule of when something is due: an event and days after it. */
typedef struct
{
  char *event;          /* "subscription", "signing", "handover" */
  int   days;
} AnjuDueRule;

typedef struct
{
  guint        permille;
  AnjuDueRule  due;
} AnjuInstalmentRule;

/* The policy the plan follows, read from the effective policy. */
typedef struct
{
  guint                down_payment_permille;
  guint                down_payment_min_permille;
  guint                affordable_permille_min;
  guint                affordable_permille_max;
  guint                loan_months;
  guint                signing_days;
  char                *handover_date;       /* NULL: not known yet */
  GArray              *instalments;         /* AnjuInstalmentRule */
  AnjuDueRule          one_time_due;
  AnjuDueRule          down_payment_due;
  AnjuDueRule          fee_due[5];          /* deed tax, registration, stamp, maintenance, notary */
  char                *city;                /* fees.city; NULL: the project's city */
  gboolean             has_maintenance;     /* fees.maintenance_fund basis not "city" */
  AnjuMaintenanceFund  maintenance;
} AnjuPaymentPolicy;

void        anju_payment_policy_clear       (AnjuPaymentPolicy *policy);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnjuPaymentPolicy, anju_payment_policy_clear)

/* Reads the "payment" and "fees" sections of @effective (the defaults or
 * a project's effective policy); a bad value is refused naming its path
 * ("policy.payment.instalments"). */
gboolean    anju_payment_policy_read        (JsonObject         *effective,
                                             AnjuPaymentPolicy  *policy,
                                             GError            **error);

typedef enum
{
  ANJU_PLAN_ITEM_DEPOSIT,
  ANJU_PLAN_ITEM_ONE_TIME,
  ANJU_PLAN_ITEM_DOWN_PAYMENT,
  ANJU_PLAN_ITEM_INSTALMENT,
  ANJU_PLAN_ITEM_LOAN,          /* paid by the bank to the developer */
  ANJU_PLAN_ITEM_FEE,
} AnjuPlanItemKind;

typedef struct
{
  AnjuPlanItemKind  kind;
  char             *code;        /* stable: "deposit", "one_time", "down_payment",
                                  * "instalment_1"…, "loan_commercial", "loan_provident",
                                  * "deed_tax", "registration_fee", "stamp_duty",
                                  * "maintenance_fund", "notary_fee" */
  char             *label;       /* translated */
  AnjuFen           amount;
  char             *due_event;   /* "subscription", "signing", "handover", "loan" */
  int               due_days;
  char             *due_date;    /* YYYY-MM-DD, or NULL when the event has no date */
  char             *due_text;    /* translated: "At signing", "30 days after signing" */
  gboolean          by_bank;     /* the loan: not the buyer's to pay */
} AnjuPlanItem;

typedef struct
{
  char              *quote_id;       /* NULL when computed without a quote */
  char              *unit_id;
  char              *unit_label;
  char              *customer_id;
  char              *customer_name;
  AnjuPaymentMethod  method;
  AnjuLoanMethod     loan_method;
  char              *date;
  char              *signing_date;
  char              *handover_date;  /* NULL: not known yet */
  char              *city_code;
  char              *city_name;
  guint              home_number;
  gint64             gross_area;
  AnjuFen            list_price;
  AnjuFen            price;
  AnjuFen            discount;
  AnjuFen            tax_base;
  AnjuFen            deposit;
  AnjuFen            down_payment;
  AnjuFen            loan_amount;
  AnjuFen            monthly_payment;
  AnjuLoan          *commercial;
  AnjuLoan          *provident;
  AnjuLoan          *loan;
  AnjuFees           fees;
  GPtrArray         *items;          /* AnjuPlanItem* */
  AnjuFen            total_buyer;
  AnjuFen            total_fees;
  AnjuFen            total_interest;
  AnjuFen            total_cost;
  GPtrArray         *warnings;       /* char*, translated */
} AnjuPaymentPlan;

void        anju_payment_plan_free          (AnjuPaymentPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuPaymentPlan, anju_payment_plan_free)

/* The plan of a unit at @price (@list_price ≥ @price) of @gross_area
 * (hundredths of m²), with @options->date set. Refused
 * (ANJU_COMMAND_ERROR_INVALID_FIELD) naming the option at fault:
 * "down_payment", "provident_amount", "deposit", "rate", "provident_rate",
 * "months", "provident_months", "date", "signing_date", "home_number",
 * "tax_base". */
AnjuPaymentPlan *anju_payment_plan_compute  (const AnjuFeeRules       *rules,
                                             const AnjuPaymentPolicy  *policy,
                                             AnjuFen                   list_price,
                                             AnjuFen                   price,
                                             gint64                    gross_area,
                                             const AnjuPaymentOptions *options,
                                             GError                  **error);

/* The plan of quote @quote_id at its price (the approved one), with the
 * project's policy and the fee rules of its city (fees.city, else the
 * project's city). Refused (field "quote_id") unless the quote exists and
 * is open, approved or used. @options->date NULL: today (the store's
 * clock, office time zone). */
AnjuPaymentPlan *anju_payment_plan_load     (AnjuStore                *store,
                                             const char               *quote_id,
                                             const AnjuPaymentOptions *options,
                                             GError                  **error);

/* The plan's buyer payments due from the quote on, as JSON (amounts as
 * decimal strings "5307.27"), and the loan as JSON: the shapes anjuctl
 * --json prints (docs/money.md). @schedule_rows: how many rows of the
 * schedule to include (G_MAXUINT: all). */
JsonObject      *anju_payment_plan_to_json  (const AnjuPaymentPlan    *plan,
                                             guint                     schedule_rows);
JsonObject      *anju_loan_to_json          (const AnjuLoan           *loan,
                                             guint                     schedule_rows);
JsonObject      *anju_fees_to_json          (const AnjuFees           *fees);

G_END_DECLS
