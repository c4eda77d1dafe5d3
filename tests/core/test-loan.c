/* test-loan.c — loan schedules: the published figures and the rounding rule
 *
 * The expected figures were worked out independently with exact fractions
 * (Python's fractions.Fraction) following the rule in anju-loan.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "anju-command.h"
#include "anju-loan.h"

typedef struct
{
  AnjuLoanMethod method;
  AnjuFen        principal;
  AnjuRate       rate;
  guint          months;
  AnjuFen        monthly;
  AnjuLoanRow    first;
  AnjuLoanRow    last;
  AnjuFen        total_interest;
} LoanCase;

static const LoanCase loan_cases[] = {
  /* The published figures: ¥1,000,000 at 4.9 % over 30 years. */
  { ANJU_LOAN_EQUAL_INSTALLMENT, 100000000, 4900, 360, 530727,
    { 1, 530727, 122394, 408333, 99877606 }, { 360, 530519, 528362, 2157, 0 }, 91061512 },
  { ANJU_LOAN_EQUAL_PRINCIPAL, 100000000, 4900, 360, 686111,
    { 1, 686111, 277778, 408333, 99722222 }, { 360, 278832, 277698, 1134, 0 }, 73704108 },
  /* Provident fund, second home: 3.075 %, ¥500,000 over 20 years. */
  { ANJU_LOAN_EQUAL_INSTALLMENT, 50000000, 3075, 240, 279180,
    { 1, 279180, 151055, 128125, 49848945 }, { 240, 279122, 278409, 713, 0 }, 17003142 },
  { ANJU_LOAN_EQUAL_PRINCIPAL, 50000000, 3075, 240, 336458,
    { 1, 336458, 208333, 128125, 49791667 }, { 240, 208947, 208413, 534, 0 }, 15439086 },
  /* Provident fund, first home: 2.6 %, ¥600,000 over 30 years. */
  { ANJU_LOAN_EQUAL_INSTALLMENT, 60000000, 2600, 360, 240204,
    { 1, 240204, 110204, 130000, 59889796 }, { 360, 240111, 239592, 519, 0 }, 26473347 },
  /* No interest: ¥1,000 over 7 months, the last month takes the rest. */
  { ANJU_LOAN_EQUAL_INSTALLMENT, 100000, 0, 7, 14286,
    { 1, 14286, 14286, 0, 85714 }, { 7, 14284, 14284, 0, 0 }, 0 },
};

static void
assert_row (const AnjuLoanRow *got,
            const AnjuLoanRow *want)
{
  g_assert_nonnull (got);
  g_assert_cmpuint (got->period, ==, want->period);
  g_assert_cmpint (got->payment, ==, want->payment);
  g_assert_cmpint (got->principal, ==, want->principal);
  g_assert_cmpint (got->interest, ==, want->interest);
  g_assert_cmpint (got->balance, ==, want->balance);
}

static void
test_loan_figures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (loan_cases); i++)
    {
      const LoanCase *c = &loan_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(AnjuLoan) loan = anju_loan_compute (c->method, c->principal, c->rate, c->months,
                                                    &error);

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      g_assert_cmpint (loan->monthly_payment, ==, c->monthly);
      g_assert_cmpuint (loan->schedule->len, ==, c->months);
      assert_row (anju_loan_get_row (loan, 1), &c->first);
      assert_row (anju_loan_get_row (loan, c->months), &c->last);
      g_assert_null (anju_loan_get_row (loan, c->months + 1));
      g_assert_cmpint (loan->total_interest, ==, c->total_interest);
      g_assert_cmpint (loan->total_payment, ==, c->principal + c->total_interest);
    }
}

/* half up of @num / @den, with 128-bit integers: a second, independent
 * way to the same rounding. */
static AnjuFen
round128 (__int128 num,
          __int128 den)
{
  return (AnjuFen) ((2 * num + den) / (2 * den));
}

/* Every row of many loans against the rule, restated here. */
static void
test_loan_rule (void)
{
  static const AnjuFen principals[] = { 1, 99, 100000, 123456789, 100000000, 987654321 };
  static const AnjuRate rates[] = { 0, 1, 2100, 2600, 3075, 3500, 4900, 36000 };
  static const guint terms[] = { 1, 2, 12, 59, 360 };

  for (guint m = 0; m < 2; m++)
    for (guint i = 0; i < G_N_ELEMENTS (principals); i++)
      for (guint j = 0; j < G_N_ELEMENTS (rates); j++)
        for (guint k = 0; k < G_N_ELEMENTS (terms); k++)
          {
            AnjuLoanMethod method = m ? ANJU_LOAN_EQUAL_PRINCIPAL : ANJU_LOAN_EQUAL_INSTALLMENT;
            AnjuFen p = principals[i];
            AnjuRate a = rates[j];
            guint n = terms[k];
            g_autoptr(AnjuLoan) loan = anju_loan_compute (method, p, a, n, NULL);
            AnjuFen balance = p, sum_payment = 0, sum_interest = 0, sum_principal = 0;

            g_assert_nonnull (loan);
            for (guint period = 1; period <= n; period++)
              {
                const AnjuLoanRow *row = anju_loan_get_row (loan, period);
                AnjuFen interest = round128 ((__int128) balance * a, 1200000);

                g_assert_cmpint (row->interest, ==, interest);
                g_assert_cmpint (row->payment, ==, row->principal + row->interest);
                if (period == n)
                  g_assert_cmpint (row->principal, ==, balance);
                else if (method == ANJU_LOAN_EQUAL_PRINCIPAL)
                  g_assert_cmpint (row->principal, ==, MIN (round128 (p, n), balance));
                else if (interest <= loan->monthly_payment &&
                         loan->monthly_payment - interest <= balance)
                  g_assert_cmpint (row->payment, ==, loan->monthly_payment);
                g_assert_cmpint (row->principal, >=, 0);
                balance -= row->principal;
                g_assert_cmpint (row->balance, ==, balance);
                sum_payment += row->payment;
                sum_interest += row->interest;
                sum_principal += row->principal;
              }
            /* Totals are sums of the schedule; the principal is repaid exactly. */
            g_assert_cmpint (balance, ==, 0);
            g_assert_cmpint (sum_principal, ==, p);
            g_assert_cmpint (loan->total_payment, ==, sum_payment);
            g_assert_cmpint (loan->total_interest, ==, sum_interest);
          }
}

static void
test_loan_combine (void)
{
  /* ¥600,000 provident at 2.6 % and ¥400,000 commercial at 3.5 %, each
   * over 30 years, each computed on its own and added. */
  g_autoptr(AnjuLoan) provident = anju_loan_compute (ANJU_LOAN_EQUAL_INSTALLMENT, 60000000,
                                                     2600, 360, NULL);
  g_autoptr(AnjuLoan) commercial = anju_loan_compute (ANJU_LOAN_EQUAL_INSTALLMENT, 40000000,
                                                      3500, 360, NULL);
  g_autoptr(AnjuLoan) both = anju_loan_combine (provident, commercial);
  g_autoptr(AnjuLoan) shorter = anju_loan_compute (ANJU_LOAN_EQUAL_PRINCIPAL, 40000000, 3500,
                                                   240, NULL);
  g_autoptr(AnjuLoan) mixed = anju_loan_combine (provident, shorter);

  g_assert_cmpint (provident->monthly_payment, ==, 240204);
  g_assert_cmpint (commercial->monthly_payment, ==, 179618);
  g_assert_cmpint (both->monthly_payment, ==, 240204 + 179618);
  g_assert_cmpint (both->principal, ==, 100000000);
  g_assert_cmpint (both->total_interest, ==, 26473347 + 24662406);
  g_assert_cmpint (both->total_payment, ==, 100000000 + 26473347 + 24662406);
  g_assert_cmpint (anju_loan_get_row (both, 1)->payment, ==, 419822);
  g_assert_cmpint (anju_loan_get_row (both, 1)->interest, ==, 130000 + 116667);
  g_assert_cmpint (anju_loan_get_row (both, 360)->payment, ==, 240111 + 179544);
  g_assert_cmpint (anju_loan_get_row (both, 360)->balance, ==, 0);

  /* Terms may differ: after month 240 only the provident part is paid. */
  g_assert_cmpuint (mixed->months, ==, 360);
  g_assert_cmpint (anju_loan_get_row (mixed, 240)->balance, ==,
                   anju_loan_get_row (provident, 240)->balance);
  g_assert_cmpint (anju_loan_get_row (mixed, 241)->payment, ==,
                   anju_loan_get_row (provident, 241)->payment);
  g_assert_cmpint (mixed->total_payment, ==, provident->total_payment + shorter->total_payment);
}

static void
test_loan_refused (void)
{
  g_autoptr(GError) principal = NULL;
  g_autoptr(GError) months = NULL;
  g_autoptr(GError) long_term = NULL;
  g_autoptr(GError) rate = NULL;

  g_assert_null (anju_loan_compute (ANJU_LOAN_EQUAL_INSTALLMENT, 0, 4900, 360, &principal));
  g_assert_error (principal, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_INVALID_FIELD);
  g_assert_cmpstr (anju_command_error_get_field (principal), ==, "principal");
  g_assert_null (anju_loan_compute (ANJU_LOAN_EQUAL_INSTALLMENT, 100, 4900, 0, &months));
  g_assert_cmpstr (anju_command_error_get_field (months), ==, "months");
  g_assert_null (anju_loan_compute (ANJU_LOAN_EQUAL_INSTALLMENT, 100, 4900,
                                    ANJU_LOAN_MAX_MONTHS + 1, &long_term));
  g_assert_cmpstr (anju_command_error_get_field (long_term), ==, "months");
  g_assert_null (anju_loan_compute (ANJU_LOAN_EQUAL_PRINCIPAL, 100, ANJU_RATE_MAX + 1, 12, &rate));
  g_assert_cmpstr (anju_command_error_get_field (rate), ==, "rate");
}

static void
test_rate_parse (void)
{
  static const struct { const char *text; AnjuRate rate; const char *shown; } ok[] = {
    { "4.9", 4900, "4.90" },
    { "4.90", 4900, "4.90" },
    { "3.075", 3075, "3.075" },
    { "3.075%", 3075, "3.075" },
    { " 2.6 % ", 2600, "2.60" },
    { "15", 15000, "15.00" },
    { "0", 0, "0.00" },
    { ".5", 500, "0.50" },
  };
  static const char * const bad[] = { "", "abc", "-1", "3.0755", "4,9", "4.9.1", "%", "1e2" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = NULL;
      AnjuRate rate = 1;

      g_assert_true (anju_rate_parse (ok[i].text, "rate", &rate, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rate, ==, ok[i].rate);
      shown = anju_rate_format (rate);
      g_assert_cmpstr (shown, ==, ok[i].shown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      AnjuRate rate = 7;

      g_assert_false (anju_rate_parse (bad[i], "rate", &rate, &error));
      g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_INVALID_FIELD);
      g_assert_cmpstr (anju_command_error_get_field (error), ==, "rate");
      g_assert_cmpuint (rate, ==, 7);
    }

  /* A percentage of an amount, half up: 1 % of ¥2,000,000.50 is ¥20,000.01
   * (20,000.005 rounds up), 1.5 % of ¥0.33 is ¥0.00 (0.495 fen). */
  g_assert_cmpint (anju_rate_apply (200000050, 1000), ==, 2000001);
  g_assert_cmpint (anju_rate_apply (33, 1500), ==, 0);
  g_assert_cmpint (anju_rate_apply (34, 1500), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loan/figures", test_loan_figures);
  g_test_add_func ("/loan/rule", test_loan_rule);
  g_test_add_func ("/loan/combine", test_loan_combine);
  g_test_add_func ("/loan/refused", test_loan_refused);
  g_test_add_func ("/rate/parse", test_rate_parse);
  return g_test_run ();
}
