/* anju-loan.h — mortgage schedules, exact to the fen
 *
 * Two repayment methods, any term in months, an annual rate in percent with
 * up to three decimals (3.075 %), held as an integer count of thousandths
 * of a percent (AnjuRate: 4.9 % = 4900, 3.075 % = 3075).
 *
 * The rounding rule (docs/money.md). The monthly rate r is the annual rate
 * / 12, exact: r = rate / 1,200,000 as a fraction, never rounded. Every
 * amount is rounded half up to the fen (anju_money_round_div()), at the
 * step named here and nowhere else:
 *
 *   等额本息 (equal instalment): the payment
 *       M = P·r·(1+r)ⁿ / ((1+r)ⁿ − 1)            computed exactly, rounded once;
 *     each month  interest  = balance × r        rounded;
 *                 principal = M − interest;
 *     the last month pays the whole remaining balance plus its interest.
 *     With a rate of 0, M = P / n rounded.
 *   等额本金 (equal principal): each month
 *                 principal = P / n              rounded (never more than
 *                                                the balance left);
 *                 interest  = balance × r        rounded;
 *     the last month's principal is the whole remaining balance.
 *
 *   balance is what is owed before the month's payment; a row's balance is
 *   what is owed after it. Totals are sums of the schedule's rows, so
 *   total_payment = principal + total_interest exactly.
 *
 * Arithmetic is GMP integers (mpz): no binary floating point anywhere.
 *
 * Published figures this reproduces: ¥1,000,000 at 4.9 % over 360 months,
 * 等额本息 ¥5,307.27 a month; 等额本金 first month ¥6,861.11.
 *
 * A combination loan (组合贷款) is its provident-fund part and its
 * commercial part computed each on its own (anju_loan_compute() twice) and
 * added month by month (anju_loan_combine()).
 */
#pragma once

#include <glib.h>

#include "anju-money.h"

G_BEGIN_DECLS

/* An annual rate in thousandths of a percent: 4.9 % = 4900. */
typedef guint AnjuRate;

/* The highest annual rate a loan or a fee rule may state: 36 %. */
#define ANJU_RATE_MAX ((AnjuRate) 36000)
/* The longest term: 50 years. */
#define ANJU_LOAN_MAX_MONTHS 600

typedef enum
{
  ANJU_LOAN_EQUAL_INSTALLMENT,   /* 等额本息 */
  ANJU_LOAN_EQUAL_PRINCIPAL,     /* 等额本金 */
} AnjuLoanMethod;

/* "equal-installment" / "equal-principal" and back; FALSE if unknown. */
const char *anju_loan_method_to_string   (AnjuLoanMethod  method);
gboolean    anju_loan_method_from_string (const char     *text,
                                          AnjuLoanMethod *method);
/* 等额本息 / 等额本金 (in the language of the messages). */
const char *anju_loan_method_get_label   (AnjuLoanMethod  method);

/* Parses a percentage "4.9", "4.90", "3.075", "3.075%" (spaces allowed)
 * into thousandths of a percent. More than three decimals, a sign, or
 * anything but digits is refused (ANJU_COMMAND_ERROR_INVALID_FIELD, field
 * @field). No upper limit here: the caller checks its own. */
gboolean    anju_rate_parse              (const char  *text,
                                          const char  *field,
                                          AnjuRate    *rate,
                                          GError     **error);
/* 4900 → "4.90", 3075 → "3.075", 15000 → "15.00": at least two decimals,
 * three when the third is not 0. */
char       *anju_rate_format             (AnjuRate     rate);

/* round_half_up (@amount × @rate / 100,000): a percentage of an amount. */
AnjuFen     anju_rate_apply              (AnjuFen      amount,
                                          AnjuRate     rate);

typedef struct
{
  guint    period;      /* 1 … months */
  AnjuFen  payment;     /* principal + interest */
  AnjuFen  principal;
  AnjuFen  interest;
  AnjuFen  balance;     /* owed after this payment; 0 after the last */
} AnjuLoanRow;

typedef struct
{
  AnjuLoanMethod  method;
  AnjuFen         principal;
  AnjuRate        rate;            /* annual; a combined loan: 0 */
  guint           months;
  AnjuFen         monthly_payment; /* 等额本息: M; 等额本金: the first month's payment */
  AnjuFen         total_interest;  /* Σ schedule interest */
  AnjuFen         total_payment;   /* Σ schedule payment */
  GArray         *schedule;        /* AnjuLoanRow, months rows */
} AnjuLoan;

void        anju_loan_free               (AnjuLoan *loan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuLoan, anju_loan_free)

/* The schedule of a loan of @principal fen (> 0) at @rate (0 …
 * ANJU_RATE_MAX) over @months (1 … ANJU_LOAN_MAX_MONTHS). Refused with
 * ANJU_COMMAND_ERROR_INVALID_FIELD naming "principal", "rate" or
 * "months". */
AnjuLoan   *anju_loan_compute            (AnjuLoanMethod  method,
                                          AnjuFen         principal,
                                          AnjuRate        rate,
                                          guint           months,
                                          GError        **error);

/* The loans @a and @b paid side by side: row k adds the two rows k (a
 * shorter loan adds nothing after its end), principal, monthly payment and
 * totals are sums. The method is @a's; the rate 0 (there is no one rate). */
AnjuLoan   *anju_loan_combine            (const AnjuLoan *a,
                                          const AnjuLoan *b);

/* Row @period (1-based) or NULL past the end. */
const AnjuLoanRow *anju_loan_get_row     (const AnjuLoan *loan,
                                          guint           period);

G_END_DECLS
