/* anju-loan.c — mortgage schedules, exact to the fen
 *
 * The rounding rule is stated in anju-loan.h; every step below names the
 * part of it that it does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmp.h>

#include "anju-command.h"
#include "anju-loan.h"

/* r = rate / RATE_DENOMINATOR: thousandths of a percent a year, 12 months. */
#define RATE_DENOMINATOR 1200000
/* A percentage in thousandths of a percent: 100 % = 100,000. */
#define PERCENT_DENOMINATOR 100000

const char *
anju_loan_method_to_string (AnjuLoanMethod method)
{
  return method == ANJU_LOAN_EQUAL_PRINCIPAL ? "equal-principal" : "equal-installment";
}

gboolean
anju_loan_method_from_string (const char     *text,
                              AnjuLoanMethod *method)
{
  if (g_strcmp0 (text, "equal-installment") == 0)
    *method = ANJU_LOAN_EQUAL_INSTALLMENT;
  else if (g_strcmp0 (text, "equal-principal") == 0)
    *method = ANJU_LOAN_EQUAL_PRINCIPAL;
  else
    return FALSE;
  return TRUE;
}

const char *
anju_loan_method_get_label (AnjuLoanMethod method)
{
  return method == ANJU_LOAN_EQUAL_PRINCIPAL ? _("Equal principal") : _("Equal instalment");
}

gboolean
anju_rate_parse (const char  *text,
                 const char  *field,
                 AnjuRate    *rate,
                 GError     **error)
{
  g_autofree char *shown = g_strstrip (g_strdup (text ? text : ""));
  const char *p = shown;
  guint64 value = 0;
  guint decimals = 0;
  gboolean seen_digit = FALSE;
  gboolean seen_point = FALSE;

  for (; *p != '\0' && *p != '%' && !g_ascii_isspace (*p); p++)
    {
      if (*p == '.' && !seen_point)
        seen_point = TRUE;
      else if (g_ascii_isdigit (*p))
        {
          if (seen_point && ++decimals > 3)
            {
              anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                                   _("The rate “%s” has more than three decimals. Give it in "
                                     "percent with at most three, for example 3.075."),
                                   shown);
              return FALSE;
            }
          value = value * 10 + (guint64) (*p - '0');
          seen_digit = TRUE;
          if (value > G_MAXUINT / 1000)
            goto invalid;
        }
      else
        goto invalid;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '%')
    p++;
  while (g_ascii_isspace (*p))
    p++;
  if (!seen_digit || *p != '\0')
    goto invalid;
  for (; decimals < 3; decimals++)
    value *= 10;
  *rate = (AnjuRate) value;
  return TRUE;

invalid:
  anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                       _("The rate “%s” is not a percentage. Give it in percent as a plain "
                         "number, for example 4.9 or 3.075."),
                       shown);
  return FALSE;
}

char *
anju_rate_format (AnjuRate rate)
{
  if (rate % 10 != 0)
    return g_strdup_printf ("%u.%03u", rate / 1000, rate % 1000);
  return g_strdup_printf ("%u.%02u", rate / 1000, rate % 1000 / 10);
}

/* round_half_up (@num / @den) for @num ≥ 0, @den > 0, into a fen. */
static AnjuFen
mpz_round_half_up (const mpz_t num,
                   const mpz_t den)
{
  mpz_t twice, q;
  AnjuFen result;

  /* ⌊(2·num + den) / (2·den)⌋ */
  mpz_inits (twice, q, NULL);
  mpz_mul_2exp (twice, num, 1);
  mpz_add (twice, twice, den);
  mpz_mul_2exp (q, den, 1);
  mpz_fdiv_q (q, twice, q);
  result = (AnjuFen) mpz_get_si (q);
  mpz_clears (twice, q, NULL);
  return result;
}

/* round_half_up (@amount × @mul / @den), exactly, for @amount ≥ 0. */
static AnjuFen
mul_div_round (AnjuFen amount,
               gulong  mul,
               gulong  den)
{
  mpz_t num, d;
  AnjuFen result;

  mpz_init_set_si (num, amount);
  mpz_mul_ui (num, num, mul);
  mpz_init_set_ui (d, den);
  result = mpz_round_half_up (num, d);
  mpz_clears (num, d, NULL);
  return result;
}

AnjuFen
anju_rate_apply (AnjuFen  amount,
                 AnjuRate rate)
{
  if (amount < 0)
    return -mul_div_round (-amount, rate, PERCENT_DENOMINATOR);
  return mul_div_round (amount, rate, PERCENT_DENOMINATOR);
}

/* 等额本息 M = P·r·(1+r)ⁿ / ((1+r)ⁿ − 1), with r = a / q:
 *   = P·a·(q+a)ⁿ / (q·((q+a)ⁿ − qⁿ)), one fraction of integers, rounded
 * once. With a = 0 it is P / n. */
static AnjuFen
equal_installment_payment (AnjuFen  principal,
                           AnjuRate rate,
                           guint    months)
{
  mpz_t grown, base, num, den;
  AnjuFen payment;

  if (rate == 0)
    return anju_money_round_div (principal, months);

  mpz_inits (grown, base, num, den, NULL);
  mpz_ui_pow_ui (grown, RATE_DENOMINATOR + rate, months);   /* (q+a)ⁿ */
  mpz_ui_pow_ui (base, RATE_DENOMINATOR, months);           /* qⁿ */
  mpz_set_si (num, principal);
  mpz_mul_ui (num, num, rate);
  mpz_mul (num, num, grown);                                /* P·a·(q+a)ⁿ */
  mpz_sub (den, grown, base);
  mpz_mul_ui (den, den, RATE_DENOMINATOR);                  /* q·((q+a)ⁿ − qⁿ) */
  payment = mpz_round_half_up (num, den);
  mpz_clears (grown, base, num, den, NULL);
  return payment;
}

static gboolean
check_terms (AnjuFen    principal,
             AnjuRate   rate,
             guint      months,
             GError   **error)
{
  g_autofree char *max_rate = anju_rate_format (ANJU_RATE_MAX);

  if (principal <= 0 || principal > G_GINT64_CONSTANT (1000000000000000))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "principal",
                           _("The loan amount must be more than zero. Enter the amount "
                             "borrowed, for example 1,000,000.00."));
      return FALSE;
    }
  if (rate > ANJU_RATE_MAX)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "rate",
                           _("The annual rate must be between 0 and %s percent. Enter the "
                             "bank's annual rate in percent, for example 4.9."),
                           max_rate);
      return FALSE;
    }
  if (months < 1 || months > ANJU_LOAN_MAX_MONTHS)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "months",
                           _("The term must be between 1 and %d months. Enter it in "
                             "months, for example 360 for 30 years."),
                           ANJU_LOAN_MAX_MONTHS);
      return FALSE;
    }
  return TRUE;
}

static void
add_row (AnjuLoan *loan,
         guint     period,
         AnjuFen   principal,
         AnjuFen   interest,
         AnjuFen   balance)
{
  AnjuLoanRow row = {
    .period = period,
    .payment = principal + interest,
    .principal = principal,
    .interest = interest,
    .balance = balance,
  };

  g_array_append_val (loan->schedule, row);
  loan->total_interest += interest;
  loan->total_payment += row.payment;
}

AnjuLoan *
anju_loan_compute (AnjuLoanMethod   method,
                   AnjuFen          principal,
                   AnjuRate         rate,
                   guint            months,
                   GError         **error)
{
  g_autoptr(AnjuLoan) loan = NULL;
  AnjuFen balance = principal;
  AnjuFen payment = 0;
  AnjuFen share = 0;

  if (!check_terms (principal, rate, months, error))
    return NULL;

  loan = g_new0 (AnjuLoan, 1);
  loan->method = method;
  loan->principal = principal;
  loan->rate = rate;
  loan->months = months;
  loan->schedule = g_array_sized_new (FALSE, TRUE, sizeof (AnjuLoanRow), months);

  if (method == ANJU_LOAN_EQUAL_INSTALLMENT)
    payment = equal_installment_payment (principal, rate, months);
  else
    share = anju_money_round_div (principal, months);

  for (guint period = 1; period <= months; period++)
    {
      /* interest = balance × r, rounded */
      AnjuFen interest = mul_div_round (balance, rate, RATE_DENOMINATOR);
      AnjuFen paid;

      if (period == months)
        paid = balance;                   /* the last month: the whole balance */
      else if (method == ANJU_LOAN_EQUAL_INSTALLMENT)
        paid = CLAMP (payment - interest, 0, balance);   /* principal = M − interest */
      else
        paid = MIN (share, balance);      /* principal = P / n, rounded */
      balance -= paid;
      add_row (loan, period, paid, interest, balance);
    }

  if (method == ANJU_LOAN_EQUAL_INSTALLMENT && months > 1)
    loan->monthly_payment = payment;
  else
    loan->monthly_payment = g_array_index (loan->schedule, AnjuLoanRow, 0).payment;

  return g_steal_pointer (&loan);
}

AnjuLoan *
anju_loan_combine (const AnjuLoan *a,
                   const AnjuLoan *b)
{
  AnjuLoan *sum = g_new0 (AnjuLoan, 1);
  guint months = MAX (a->months, b->months);

  sum->method = a->method;
  sum->principal = a->principal + b->principal;
  sum->rate = 0;
  sum->months = months;
  sum->monthly_payment = a->monthly_payment + b->monthly_payment;
  sum->schedule = g_array_sized_new (FALSE, TRUE, sizeof (AnjuLoanRow), months);
  for (guint period = 1; period <= months; period++)
    {
      const AnjuLoanRow *ra = anju_loan_get_row (a, period);
      const AnjuLoanRow *rb = anju_loan_get_row (b, period);
      AnjuFen principal = (ra ? ra->principal : 0) + (rb ? rb->principal : 0);
      AnjuFen interest = (ra ? ra->interest : 0) + (rb ? rb->interest : 0);
      AnjuFen balance = (ra ? ra->balance : 0) + (rb ? rb->balance : 0);

      add_row (sum, period, principal, interest, balance);
    }
  return sum;
}

const AnjuLoanRow *
anju_loan_get_row (const AnjuLoan *loan,
                   guint           period)
{
  if (loan == NULL || period < 1 || period > loan->schedule->len)
    return NULL;
  return &g_array_index (loan->schedule, AnjuLoanRow, period - 1);
}

void
anju_loan_free (AnjuLoan *loan)
{
  if (loan == NULL)
    return;
  if (loan->schedule)
    g_array_unref (loan->schedule);
  g_free (loan);
}
