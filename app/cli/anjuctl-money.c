/* anjuctl-money.c — anjuctl loan | fees | payment-plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "anju-command.h"
#include "anju-fees.h"
#include "anju-format.h"
#include "anju-loan.h"
#include "anju-money.h"
#include "anju-payment-plan.h"
#include "anju-subscriptions.h"
#include "anjuctl.h"

/* Exit status for input that cannot be used: the option is named. */
#define EXIT_BAD_INPUT 2

/* Payload fields of core refusals and the options that give them. */
static const struct
{
  const char *field;
  const char *option;
} field_options[] = {
  { "principal", "--principal" },
  { "rate", "--rate" },
  { "months", "--months" },
  { "provident_rate", "--provident-rate" },
  { "provident_months", "--provident-months" },
  { "provident_amount", "--provident-amount" },
  { "down_payment", "--down-payment" },
  { "deposit", "--deposit" },
  { "price", "--price" },
  { "tax_base", "--tax-base" },
  { "area", "--area" },
  { "home_number", "--home-number" },
  { "date", "--date" },
  { "signing_date", "--signing-date" },
  { "city", "--city" },
  { "quote_id", "--quote" },
};

/* Prints a refusal naming the option at fault; returns the exit status:
 * 2 for input the person can correct, 1 otherwise. */
static int
report (const GError *error)
{
  const char *field = anju_command_error_get_field (error);

  for (guint i = 0; field && i < G_N_ELEMENTS (field_options); i++)
    if (g_str_equal (field, field_options[i].field))
      {
        g_printerr ("anjuctl: %s: %s\n", field_options[i].option, error->message);
        return EXIT_BAD_INPUT;
      }
  anjuctl_print_error (error);
  return 1;
}

/* The next argument of @option, or NULL after saying it is missing. */
static const char *
take_value (int    argc,
            char **argv,
            int   *i)
{
  if (*i + 1 >= argc)
    {
      g_printerr (_("anjuctl: %s: this option needs a value.\n"), argv[*i]);
      return NULL;
    }
  return argv[++*i];
}

static gboolean
parse_amount (const char *option,
              const char *text,
              AnjuFen    *fen)
{
  g_autoptr(GError) error = NULL;

  if (!anju_money_parse (text, fen, &error) || *fen < 0)
    {
      g_printerr ("anjuctl: %s: %s\n", option,
                  error ? error->message : _("The amount cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_rate (const char *option,
            const char *text,
            AnjuRate   *rate)
{
  g_autoptr(GError) error = NULL;

  if (!anju_rate_parse (text, option, rate, &error))
    {
      g_printerr ("anjuctl: %s: %s\n", option, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_count (const char *option,
             const char *text,
             guint       max,
             guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &value, NULL))
    {
      g_printerr (_("anjuctl: %s: “%s” is not a whole number from 1 to %u. Give one, for "
                    "example %s 360.\n"),
                  option, text, max, option);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
parse_loan_method (const char     *text,
                   AnjuLoanMethod *method)
{
  if (anju_loan_method_from_string (text, method))
    return TRUE;
  g_printerr (_("anjuctl: --method: “%s” is not a repayment method. Give equal-installment "
                "(等额本息) or equal-principal (等额本金).\n"),
              text);
  return FALSE;
}

static char *
money (AnjuFen fen)
{
  return anju_money_format_plain (fen);
}

static void
print_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

static void
print_schedule (const AnjuLoan *loan,
                guint           rows)
{
  g_print ("%6s %12s %12s %12s %14s\n", _("Month"), _("Payment"), _("Principal"), _("Interest"),
           _("Balance"));
  for (guint i = 0; i < loan->schedule->len && i < rows; i++)
    {
      const AnjuLoanRow *row = &g_array_index (loan->schedule, AnjuLoanRow, i);
      g_autofree char *payment = money (row->payment);
      g_autofree char *principal = money (row->principal);
      g_autofree char *interest = money (row->interest);
      g_autofree char *balance = money (row->balance);

      g_print ("%6u %12s %12s %12s %14s\n", row->period, payment, principal, interest, balance);
    }
}

static void
print_loan_summary (const AnjuLoan *loan)
{
  g_autofree char *monthly = money (loan->monthly_payment);
  g_autofree char *interest = money (loan->total_interest);
  g_autofree char *total = money (loan->total_payment);

  g_print (loan->method == ANJU_LOAN_EQUAL_PRINCIPAL ? _("First month's payment: %s\n")
                                                     : _("Monthly payment: %s\n"), monthly);
  g_print (_("Total interest: %s\n"), interest);
  g_print (_("Total payment: %s\n"), total);
}

/* --- anjuctl loan -------------------------------------------------------- */

static int
loan_usage (void)
{
  g_printerr (_("Usage: anjuctl loan --principal AMOUNT --rate PERCENT --months N "
                "--method equal-installment|equal-principal [--json]\n"));
  return EXIT_BAD_INPUT;
}

int
anjuctl_loan_run (int    argc,
                  char **argv)
{
  g_autoptr(AnjuLoan) loan = NULL;
  g_autoptr(GError) error = NULL;
  AnjuLoanMethod method = ANJU_LOAN_EQUAL_INSTALLMENT;
  AnjuFen principal = 0;
  AnjuRate rate = 0;
  guint months = 0;
  gboolean json = FALSE, has_rate = FALSE, has_method = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i], *value = NULL;

      if (g_str_equal (arg, "--json"))
        json = TRUE;
      else if (!g_str_has_prefix (arg, "--"))
        {
          g_printerr (_("anjuctl loan: unexpected “%s”\n"), arg);
          return loan_usage ();
        }
      else if (!(value = take_value (argc, argv, &i)))
        return EXIT_BAD_INPUT;
      else if (g_str_equal (arg, "--principal"))
        {
          if (!parse_amount (arg, value, &principal))
            return EXIT_BAD_INPUT;
        }
      else if (g_str_equal (arg, "--rate"))
        {
          if (!parse_rate (arg, value, &rate))
            return EXIT_BAD_INPUT;
          has_rate = TRUE;
        }
      else if (g_str_equal (arg, "--months"))
        {
          if (!parse_count (arg, value, ANJU_LOAN_MAX_MONTHS, &months))
            return EXIT_BAD_INPUT;
        }
      else if (g_str_equal (arg, "--method"))
        {
          if (!parse_loan_method (value, &method))
            return EXIT_BAD_INPUT;
          has_method = TRUE;
        }
      else
        {
          g_printerr (_("anjuctl loan: unknown option “%s”\n"), arg);
          return loan_usage ();
        }
    }
  if (principal == 0 || !has_rate || months == 0 || !has_method)
    {
      g_printerr (_("anjuctl loan: give --principal, --rate, --months and --method.\n"));
      return loan_usage ();
    }
  if (!(loan = anju_loan_compute (method, principal, rate, months, &error)))
    return report (error);

  if (json)
    {
      g_autoptr(JsonObject) object = anju_loan_to_json (loan, G_MAXUINT);
      print_json (object);
      return 0;
    }
  {
    g_autofree char *amount = money (principal);
    g_autofree char *shown_rate = anju_rate_format (rate);

    g_print (_("%s, %s at %s %% a year over %u months\n"), anju_loan_method_get_label (method),
             amount, shown_rate, months);
  }
  print_loan_summary (loan);
  print_schedule (loan, G_MAXUINT);
  return 0;
}

/* --- anjuctl fees -------------------------------------------------------- */

static int
fees_usage (void)
{
  g_printerr (_("Usage: anjuctl fees --price AMOUNT --area M2 --home-number 1|2|3 [--city CODE] "
                "[--date YYYY-MM-DD] [--tax-base AMOUNT] [--notarised] [--json]\n"));
  return EXIT_BAD_INPUT;
}

static char *
today (void)
{
  return anju_format_date (g_get_real_time ());
}

static void
print_fees_text (const AnjuFeeRules *rules,
                 const AnjuFees     *fees,
                 const char         *date)
{
  const struct { const char *label; AnjuFen amount; } lines[] = {
    { N_("Deed tax"), fees->deed_tax },
    { N_("Registration fee"), fees->registration_fee },
    { N_("Stamp duty"), fees->stamp_duty },
    { N_("Maintenance fund"), fees->maintenance_fund },
    { N_("Notary fee"), fees->notary_fee },
    { N_("Total"), fees->total },
  };
  g_autofree char *rate = anju_rate_format (fees->deed_tax_rate);

  g_print (_("Taxes and fees in %s on %s (deed tax %s %%, %s)\n"), anju_fee_rules_get_name (rules),
           date, rate, fees->deed_tax_source);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *amount = money (lines[i].amount);
      g_print ("  %-20s %14s\n", _(lines[i].label), amount);
    }
}

int
anjuctl_fees_run (int    argc,
                  char **argv)
{
  g_autoptr(AnjuFeeRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(AnjuFees) fees = { 0 };
  g_autofree char *date = NULL;
  AnjuFeeQuery query = { 0 };
  const char *city = NULL;
  gboolean json = FALSE, has_base = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i], *value = NULL;

      if (g_str_equal (arg, "--json"))
        json = TRUE;
      else if (g_str_equal (arg, "--notarised"))
        query.notarised = TRUE;
      else if (!g_str_has_prefix (arg, "--"))
        {
          g_printerr (_("anjuctl fees: unexpected “%s”\n"), arg);
          return fees_usage ();
        }
      else if (!(value = take_value (argc, argv, &i)))
        return EXIT_BAD_INPUT;
      else if (g_str_equal (arg, "--price"))
        {
          if (!parse_amount (arg, value, &query.price))
            return EXIT_BAD_INPUT;
        }
      else if (g_str_equal (arg, "--tax-base"))
        {
          if (!parse_amount (arg, value, &query.tax_base))
            return EXIT_BAD_INPUT;
          has_base = TRUE;
        }
      else if (g_str_equal (arg, "--area"))
        {
          if (!anju_area_parse (value, &query.gross_area, &error))
            {
              g_printerr ("anjuctl: --area: %s\n", error->message);
              return EXIT_BAD_INPUT;
            }
        }
      else if (g_str_equal (arg, "--home-number"))
        {
          if (!parse_count (arg, value, 3, &query.home_number))
            return EXIT_BAD_INPUT;
        }
      else if (g_str_equal (arg, "--city"))
        city = value;
      else if (g_str_equal (arg, "--date"))
        date = g_strdup (value);
      else
        {
          g_printerr (_("anjuctl fees: unknown option “%s”\n"), arg);
          return fees_usage ();
        }
    }
  if (query.price == 0 || query.gross_area == 0 || query.home_number == 0)
    {
      g_printerr (_("anjuctl fees: give --price, --area and --home-number.\n"));
      return fees_usage ();
    }
  if (date == NULL)
    date = today ();
  query.date = date;
  if (!has_base)
    query.tax_base = query.price;
  if (!(rules = anju_fee_rules_load (city, &error)) ||
      !anju_fees_compute (rules, &query, &fees, &error))
    return report (error);

  if (json)
    {
      g_autoptr(JsonObject) object = anju_fees_to_json (&fees);

      json_object_set_string_member (object, "city", anju_fee_rules_get_code (rules));
      json_object_set_string_member (object, "date", date);
      print_json (object);
    }
  else
    print_fees_text (rules, &fees, date);
  return 0;
}

/* --- anjuctl payment-plan ------------------------------------------------ */

static int
plan_usage (void)
{
  g_printerr (_("Usage: anjuctl payment-plan --quote ID --payment one-time|commercial|provident|"
                "combination|instalments [--down-payment AMOUNT] [--provident-amount AMOUNT] "
                "[--rate PERCENT] [--provident-rate PERCENT] [--months N] [--provident-months N] "
                "[--method equal-installment|equal-principal] [--home-number 1|2|3] "
                "[--deposit AMOUNT] [--tax-base AMOUNT] [--date YYYY-MM-DD] "
                "[--signing-date YYYY-MM-DD] [--notarised] [--json]\n"));
  return EXIT_BAD_INPUT;
}

/* One option of payment-plan with its value; FALSE when it is unknown or
 * its value is bad (already said). */
static gboolean
parse_plan_option (const char         *arg,
                   const char         *value,
                   AnjuPaymentOptions *options,
                   gboolean           *has_method)
{
  if (g_str_equal (arg, "--payment"))
    {
      if (anju_payment_method_from_string (value, &options->method))
        return (*has_method = TRUE);
      g_printerr (_("anjuctl: --payment: “%s” is not a payment method. Give one-time, "
                    "commercial, provident, combination or instalments.\n"),
                  value);
      return FALSE;
    }
  if (g_str_equal (arg, "--down-payment"))
    return parse_amount (arg, value, &options->down_payment);
  if (g_str_equal (arg, "--provident-amount"))
    return parse_amount (arg, value, &options->provident_amount);
  if (g_str_equal (arg, "--deposit"))
    return parse_amount (arg, value, &options->deposit);
  if (g_str_equal (arg, "--tax-base"))
    return parse_amount (arg, value, &options->tax_base);
  if (g_str_equal (arg, "--rate"))
    return parse_rate (arg, value, &options->commercial_rate);
  if (g_str_equal (arg, "--provident-rate"))
    return parse_rate (arg, value, &options->provident_rate);
  if (g_str_equal (arg, "--months"))
    return parse_count (arg, value, ANJU_LOAN_MAX_MONTHS, &options->commercial_months);
  if (g_str_equal (arg, "--provident-months"))
    return parse_count (arg, value, ANJU_LOAN_MAX_MONTHS, &options->provident_months);
  if (g_str_equal (arg, "--method"))
    return parse_loan_method (value, &options->loan_method);
  if (g_str_equal (arg, "--home-number"))
    return parse_count (arg, value, 3, &options->home_number);
  if (g_str_equal (arg, "--date"))
    return (options->date = value) != NULL;
  if (g_str_equal (arg, "--signing-date"))
    return (options->signing_date = value) != NULL;
  g_printerr (_("anjuctl payment-plan: unknown option “%s”\n"), arg);
  plan_usage ();
  return FALSE;
}

static void
print_plan_text (const AnjuPaymentPlan *plan)
{
  g_autofree char *list_price = money (plan->list_price);
  g_autofree char *price = money (plan->price);
  g_autofree char *discount = money (plan->discount);
  g_autofree char *down = money (plan->down_payment);
  g_autofree char *loan = money (plan->loan_amount);
  g_autofree char *buyer = money (plan->total_buyer);
  g_autofree char *fees = money (plan->total_fees);
  g_autofree char *interest = money (plan->total_interest);
  g_autofree char *cost = money (plan->total_cost);

  g_print (_("Payment plan for %s (%s), %s\n"), plan->unit_label ? plan->unit_label : "-",
           plan->customer_name ? plan->customer_name : "-",
           anju_payment_method_get_label (anju_payment_method_to_string (plan->method)));
  g_print (_("List price %s, discount %s, price %s\n"), list_price, discount, price);
  g_print (_("Down payment %s, loan %s\n"), down, loan);
  if (plan->loan)
    print_loan_summary (plan->loan);
  g_print (_("Payments:\n"));
  for (guint i = 0; i < plan->items->len; i++)
    {
      const AnjuPlanItem *item = g_ptr_array_index (plan->items, i);
      g_autofree char *amount = money (item->amount);

      g_print ("  %-32s %14s  %s%s%s%s\n", item->label, amount, item->due_text,
               item->due_date ? " (" : "", item->due_date ? item->due_date : "",
               item->due_date ? ")" : "");
    }
  g_print (_("Total paid by the buyer %s (fees %s); interest %s; total cost %s\n"), buyer, fees,
           interest, cost);
  if (plan->loan)
    {
      g_print (_("The first year of the schedule:\n"));
      print_schedule (plan->loan, 12);
    }
  for (guint i = 0; i < plan->warnings->len; i++)
    g_print (_("Warning: %s\n"), (const char *) g_ptr_array_index (plan->warnings, i));
}

int
anjuctl_payment_plan_run (int    argc,
                          char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuPaymentPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  AnjuPaymentOptions options = { 0 };
  const char *quote_id = NULL;
  gboolean json = FALSE, has_method = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i], *value;

      if (g_str_equal (arg, "--json"))
        json = TRUE;
      else if (g_str_equal (arg, "--notarised"))
        options.notarised = TRUE;
      else if (!g_str_has_prefix (arg, "--"))
        {
          g_printerr (_("anjuctl payment-plan: unexpected “%s”\n"), arg);
          return plan_usage ();
        }
      else if (!(value = take_value (argc, argv, &i)))
        return EXIT_BAD_INPUT;
      else if (g_str_equal (arg, "--quote"))
        quote_id = value;
      else if (!parse_plan_option (arg, value, &options, &has_method))
        return EXIT_BAD_INPUT;
    }
  if (quote_id == NULL || !has_method)
    {
      g_printerr (_("anjuctl payment-plan: give --quote and --payment.\n"));
      return plan_usage ();
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  if (!(plan = anju_payment_plan_load (store, quote_id, &options, &error)))
    return report (error);
  if (json)
    {
      g_autoptr(JsonObject) object = anju_payment_plan_to_json (plan, G_MAXUINT);
      print_json (object);
    }
  else
    print_plan_text (plan);
  return 0;
}
