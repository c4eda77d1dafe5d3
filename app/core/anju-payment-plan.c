/* anju-payment-plan.c — the payment plan 置业计划表 of a quote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "anju-command.h"
#include "anju-format.h"
#include "anju-payment-plan.h"
#include "anju-policy.h"
#include "anju-pricing.h"
#include "anju-projects.h"

/* As subscriptions store them (anju-subscriptions.h). */
static const char * const method_names[] = {
  "one_time", "commercial", "provident", "combination", "instalments",
};

/* The fees in AnjuPaymentPolicy.fee_due order. */
static const char * const fee_codes[] = {
  "deed_tax", "registration_fee", "stamp_duty", "maintenance_fund", "notary_fee",
};

const char *
anju_payment_method_to_string (AnjuPaymentMethod method)
{
  g_return_val_if_fail (method < G_N_ELEMENTS (method_names), NULL);
  return method_names[method];
}

gboolean
anju_payment_method_from_string (const char        *text,
                                 AnjuPaymentMethod *method)
{
  g_autofree char *code = g_strdelimit (g_strdup (text ? text : ""), "-", '_');

  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    if (g_str_equal (code, method_names[i]))
      {
        *method = (AnjuPaymentMethod) i;
        return TRUE;
      }
  return FALSE;
}

static const char *
fee_label (guint fee)
{
  switch (fee)
    {
    case 0: return _("Deed tax");
    case 1: return _("Registration fee");
    case 2: return _("Stamp duty");
    case 3: return _("Maintenance fund");
    case 4: default: return _("Notary fee");
    }
}

/* --- the policy ---------------------------------------------------------- */

static void
reject_policy (GError     **error,
               const char  *path)
{
  g_autofree char *field = g_strconcat ("policy.", path, NULL);

  anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                       _("The policy setting “%s” is missing or out of range. Set it as in "
                         "data/policy/payment.json."),
                       path);
}

static gboolean
read_uint (JsonObject  *object,
           const char  *path,
           guint        max,
           guint       *out,
           GError     **error)
{
  JsonNode *node = anju_policy_lookup_path (object, path);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      (value = json_node_get_int (node)) < 0 || value > max)
    {
      reject_policy (error, path);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static const char *
read_string (JsonObject  *object,
             const char  *path,
             GError     **error)
{
  JsonNode *node = anju_policy_lookup_path (object, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      reject_policy (error, path);
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
is_due_event (const char *event)
{
  return g_strcmp0 (event, "subscription") == 0 || g_strcmp0 (event, "signing") == 0 ||
         g_strcmp0 (event, "handover") == 0;
}

/* {"event": …, "days": …} at @path of @object. */
static gboolean
read_due (JsonObject   *object,
          const char   *path,
          AnjuDueRule  *due,
          GError      **error)
{
  g_autofree char *event_path = *path ? g_strconcat (path, ".event", NULL) : g_strdup ("event");
  g_autofree char *days_path = *path ? g_strconcat (path, ".days", NULL) : g_strdup ("days");
  const char *event = read_string (object, event_path, error);
  guint days;

  if (event == NULL || !read_uint (object, days_path, 3650, &days, error))
    return FALSE;
  if (!is_due_event (event))
    {
      reject_policy (error, event_path);
      return FALSE;
    }
  g_free (due->event);
  due->event = g_strdup (event);
  due->days = (int) days;
  return TRUE;
}

static gboolean
read_instalments (JsonObject         *object,
                  AnjuPaymentPolicy  *policy,
                  GError            **error)
{
  JsonNode *node = anju_policy_lookup_path (object, "payment.instalments");
  JsonArray *array;
  guint sum = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) == 0)
    {
      reject_policy (error, "payment.instalments");
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("payment.instalments[%u]", i);
      AnjuInstalmentRule rule = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          reject_policy (error, path);
          return FALSE;
        }
      /* Paths inside one element: read it as its own object. */
      {
        JsonObject *one = json_node_get_object (element);

        if (!read_uint (one, "permille", 1000, &rule.permille, NULL) || rule.permille == 0 ||
            !read_due (one, "", &rule.due, NULL))
          {
            g_free (rule.due.event);
            reject_policy (error, path);
            return FALSE;
          }
      }
      sum += rule.permille;
      g_array_append_val (policy->instalments, rule);
    }
  if (sum != 1000)
    {
      reject_policy (error, "payment.instalments");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_maintenance (JsonObject         *object,
                  AnjuPaymentPolicy  *policy,
                  GError            **error)
{
  const char *basis = read_string (object, "fees.maintenance_fund.basis", error);
  const char *text;

  if (basis == NULL)
    return FALSE;
  policy->has_maintenance = !g_str_equal (basis, "city");
  if (g_str_equal (basis, "per_m2"))
    {
      policy->maintenance.basis = ANJU_MAINTENANCE_PER_M2;
      if (!(text = read_string (object, "fees.maintenance_fund.amount_per_m2", error)))
        return FALSE;
      if (!anju_money_parse (text, &policy->maintenance.per_m2, NULL) ||
          policy->maintenance.per_m2 < 0)
        {
          reject_policy (error, "fees.maintenance_fund.amount_per_m2");
          return FALSE;
        }
    }
  else if (g_str_equal (basis, "percent"))
    {
      policy->maintenance.basis = ANJU_MAINTENANCE_PERCENT;
      if (!(text = read_string (object, "fees.maintenance_fund.rate_percent", error)))
        return FALSE;
      if (!anju_rate_parse (text, "policy.fees.maintenance_fund.rate_percent",
                            &policy->maintenance.rate, error))
        return FALSE;
    }
  else if (policy->has_maintenance)
    {
      reject_policy (error, "fees.maintenance_fund.basis");
      return FALSE;
    }
  return TRUE;
}

gboolean
anju_payment_policy_read (JsonObject         *effective,
                          AnjuPaymentPolicy  *policy,
                          GError            **error)
{
  const char *handover, *city;

  memset (policy, 0, sizeof *policy);
  policy->instalments = g_array_new (FALSE, TRUE, sizeof (AnjuInstalmentRule));
  if (!read_uint (effective, "payment.down_payment_permille", 1000,
                  &policy->down_payment_permille, error) ||
      !read_uint (effective, "payment.down_payment_min_permille", 1000,
                  &policy->down_payment_min_permille, error) ||
      !read_uint (effective, "payment.affordable_permille_min", 1000,
                  &policy->affordable_permille_min, error) ||
      !read_uint (effective, "payment.affordable_permille_max", 1000,
                  &policy->affordable_permille_max, error) ||
      !read_uint (effective, "payment.loan_months", ANJU_LOAN_MAX_MONTHS,
                  &policy->loan_months, error) ||
      !read_uint (effective, "payment.signing_days", 3650, &policy->signing_days, error) ||
      !(handover = read_string (effective, "payment.handover_date", error)) ||
      !read_instalments (effective, policy, error) ||
      !read_due (effective, "payment.one_time_due", &policy->one_time_due, error) ||
      !read_due (effective, "payment.down_payment_due", &policy->down_payment_due, error) ||
      !(city = read_string (effective, "fees.city", error)) ||
      !read_maintenance (effective, policy, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fee_codes); i++)
    {
      g_autofree char *path = g_strconcat ("payment.fee_due.", fee_codes[i], NULL);

      if (!read_due (effective, path, &policy->fee_due[i], error))
        return FALSE;
    }
  if (*handover != '\0' && !anju_date_check (handover, "policy.payment.handover_date", error))
    return FALSE;
  policy->handover_date = *handover != '\0' ? g_strdup (handover) : NULL;
  policy->city = *city != '\0' ? g_strdup (city) : NULL;
  return TRUE;
}

void
anju_payment_policy_clear (AnjuPaymentPolicy *policy)
{
  if (policy->instalments)
    {
      for (guint i = 0; i < policy->instalments->len; i++)
        g_free (g_array_index (policy->instalments, AnjuInstalmentRule, i).due.event);
      g_clear_pointer (&policy->instalments, g_array_unref);
    }
  g_clear_pointer (&policy->one_time_due.event, g_free);
  g_clear_pointer (&policy->down_payment_due.event, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (policy->fee_due); i++)
    g_clear_pointer (&policy->fee_due[i].event, g_free);
  g_clear_pointer (&policy->handover_date, g_free);
  g_clear_pointer (&policy->city, g_free);
}

/* --- the plan ------------------------------------------------------------ */

static void
plan_item_free (AnjuPlanItem *item)
{
  g_free (item->code);
  g_free (item->label);
  g_free (item->due_event);
  g_free (item->due_date);
  g_free (item->due_text);
  g_free (item);
}

void
anju_payment_plan_free (AnjuPaymentPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->quote_id);
  g_free (plan->unit_id);
  g_free (plan->unit_label);
  g_free (plan->customer_id);
  g_free (plan->customer_name);
  g_free (plan->date);
  g_free (plan->signing_date);
  g_free (plan->handover_date);
  g_free (plan->city_code);
  g_free (plan->city_name);
  anju_loan_free (plan->commercial);
  anju_loan_free (plan->provident);
  anju_loan_free (plan->loan);
  anju_fees_clear (&plan->fees);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_clear_pointer (&plan->warnings, g_ptr_array_unref);
  g_free (plan);
}

/* @date + @days, both YYYY-MM-DD (checked). */
static char *
add_days (const char *date,
          int         days)
{
  GDate d;
  char buf[16];

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, (GDateDay) atoi (date + 8), (GDateMonth) atoi (date + 5),
                  (GDateYear) atoi (date));
  g_date_add_days (&d, (guint) days);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &d);
  return g_strdup (buf);
}

static char *
describe_due (const char *event,
              int         days)
{
  if (g_str_equal (event, "loan"))
    return g_strdup (_("Paid by the bank when the loan is granted"));
  if (g_str_equal (event, "subscription"))
    return days == 0 ? g_strdup (_("At subscription"))
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after subscription",
                                                     "%d days after subscription", days), days);
  if (g_str_equal (event, "handover"))
    return days == 0 ? g_strdup (_("Before handover"))
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after handover",
                                                     "%d days after handover", days), days);
  return days == 0 ? g_strdup (_("At signing"))
                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after signing",
                                                   "%d days after signing", days), days);
}

static void
add_item (AnjuPaymentPlan  *plan,
          AnjuPlanItemKind  kind,
          const char       *code,
          const char       *label,
          AnjuFen           amount,
          const char       *event,
          int               days)
{
  AnjuPlanItem *item = g_new0 (AnjuPlanItem, 1);
  const char *base = NULL;

  item->kind = kind;
  item->code = g_strdup (code);
  item->label = g_strdup (label);
  item->amount = amount;
  item->due_event = g_strdup (event);
  item->due_days = days;
  item->by_bank = kind == ANJU_PLAN_ITEM_LOAN;
  if (g_str_equal (event, "subscription"))
    base = plan->date;
  else if (g_str_equal (event, "signing"))
    base = plan->signing_date;
  else if (g_str_equal (event, "handover"))
    base = plan->handover_date;
  item->due_date = base ? add_days (base, days) : NULL;
  item->due_text = describe_due (event, days);
  g_ptr_array_add (plan->items, item);
}

static void
add_fee_items (AnjuPaymentPlan         *plan,
               const AnjuPaymentPolicy *policy)
{
  const AnjuFen amounts[] = {
    plan->fees.deed_tax, plan->fees.registration_fee, plan->fees.stamp_duty,
    plan->fees.maintenance_fund, plan->fees.notary_fee,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fee_codes); i++)
    if (amounts[i] > 0)
      add_item (plan, ANJU_PLAN_ITEM_FEE, fee_codes[i], fee_label (i), amounts[i],
                policy->fee_due[i].event, policy->fee_due[i].days);
}

static int
event_rank (const char *event)
{
  if (g_str_equal (event, "subscription"))
    return 0;
  if (g_str_equal (event, "signing"))
    return 1;
  if (g_str_equal (event, "loan"))
    return 2;
  return 3;
}

/* Dated items by date; undated ones after, by event then days; ties keep
 * the order they were added in. */
static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      order)
{
  const AnjuPlanItem *x = *(AnjuPlanItem * const *) a;
  const AnjuPlanItem *y = *(AnjuPlanItem * const *) b;
  GHashTable *index = order;
  int c;

  if (x->due_date && y->due_date && (c = strcmp (x->due_date, y->due_date)) != 0)
    return c;
  if ((x->due_date != NULL) != (y->due_date != NULL))
    return x->due_date ? -1 : 1;
  if ((c = event_rank (x->due_event) - event_rank (y->due_event)) != 0)
    return c;
  if (x->due_days != y->due_days)
    return x->due_days < y->due_days ? -1 : 1;
  return GPOINTER_TO_INT (g_hash_table_lookup (index, x)) -
         GPOINTER_TO_INT (g_hash_table_lookup (index, y));
}

static void
sort_items (AnjuPaymentPlan *plan)
{
  g_autoptr(GHashTable) order = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < plan->items->len; i++)
    g_hash_table_insert (order, g_ptr_array_index (plan->items, i), GINT_TO_POINTER (i));
  g_ptr_array_sort_with_data (plan->items, compare_items, order);
}

static gboolean
check_options (const AnjuPaymentOptions  *options,
               AnjuFen                    price,
               GError                   **error)
{
  if (options->home_number > 3)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "home_number",
                           _("The home number must be 1 (first home), 2 (second) or 3 (third "
                             "and beyond)."));
      return FALSE;
    }
  if (!anju_date_check (options->date, "date", error))
    return FALSE;
  if (options->signing_date != NULL &&
      (!anju_date_check (options->signing_date, "signing_date", error)))
    return FALSE;
  if (options->signing_date != NULL && strcmp (options->signing_date, options->date) < 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "signing_date",
                           _("The signing date is before the plan's date. Give a signing date "
                             "on or after %s."),
                           options->date);
      return FALSE;
    }
  if (options->deposit < 0 || options->deposit > price)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "deposit",
                           _("The deposit must be between zero and the price."));
      return FALSE;
    }
  return TRUE;
}

/* The deposit is credited against the first payment, @first. */
static gboolean
check_deposit_fits (const AnjuPaymentPlan  *plan,
                    AnjuFen                 first,
                    GError                **error)
{
  if (first >= plan->deposit)
    return TRUE;
  anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "deposit",
                       _("The deposit is more than the first payment it is credited "
                         "against. Give a smaller deposit."));
  return FALSE;
}

/* The down payment of a loan: given or the policy share, never below the
 * city's legal minimum nor the policy's, never the whole price. */
static gboolean
settle_down_payment (AnjuPaymentPlan           *plan,
                     const AnjuPaymentPolicy   *policy,
                     const AnjuPaymentOptions  *options,
                     GError                   **error)
{
  AnjuRate min_rate = MAX (plan->fees.down_payment_min, policy->down_payment_min_permille * 100);
  AnjuFen minimum = anju_rate_apply (plan->price, min_rate);
  AnjuFen affordable = anju_rate_apply (plan->price, policy->affordable_permille_min * 100);

  plan->down_payment = options->down_payment > 0
                         ? options->down_payment
                         : anju_rate_apply (plan->price, policy->down_payment_permille * 100);
  if (plan->down_payment < minimum)
    {
      g_autofree char *rate = anju_rate_format (min_rate);
      g_autofree char *amount = anju_money_format (minimum);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "down_payment",
                           _("The down payment must be at least %s %% of the price (%s) for "
                             "this home. Give a larger down payment."),
                           rate, amount);
      return FALSE;
    }
  if (plan->down_payment >= plan->price)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "down_payment",
                           _("The down payment covers the whole price, so there is no loan. "
                             "Choose one-time payment, or give a smaller down payment."));
      return FALSE;
    }
  if (!check_deposit_fits (plan, plan->down_payment, error))
    return FALSE;
  if (plan->down_payment < affordable)
    {
      g_autofree char *low = anju_money_format (affordable);
      g_autofree char *high = anju_money_format (anju_rate_apply (plan->price,
                                                                  policy->affordable_permille_max * 100));

      g_ptr_array_add (plan->warnings,
                       g_strdup_printf (_("The down payment is below %u %% of the price. The "
                                          "sales standard asks you to confirm the customer "
                                          "can afford %u–%u %% (%s–%s)."),
                                        policy->affordable_permille_min / 10,
                                        policy->affordable_permille_min / 10,
                                        policy->affordable_permille_max / 10, low, high));
    }
  plan->loan_amount = plan->price - plan->down_payment;
  return TRUE;
}

static gboolean
compute_loans (AnjuPaymentPlan           *plan,
               const AnjuFeeRules        *rules,
               const AnjuPaymentPolicy   *policy,
               const AnjuPaymentOptions  *options,
               GError                   **error)
{
  AnjuLoanRates defaults;
  AnjuFen provident_part = 0;
  g_autoptr(GError) local_error = NULL;

  if (!anju_fee_rules_get_loan_rates (rules, plan->date, &defaults, error))
    return FALSE;
  if (plan->method == ANJU_PAYMENT_PROVIDENT)
    provident_part = plan->loan_amount;
  else if (plan->method == ANJU_PAYMENT_COMBINATION)
    {
      provident_part = options->provident_amount;
      if (provident_part <= 0 || provident_part >= plan->loan_amount)
        {
          g_autofree char *loan = anju_money_format (plan->loan_amount);

          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "provident_amount",
                               _("A combination loan needs its provident-fund part: more than "
                                 "zero and less than the whole loan of %s."),
                               loan);
          return FALSE;
        }
    }

  if (provident_part > 0)
    {
      AnjuRate rate = options->provident_rate ? options->provident_rate
                        : plan->home_number >= 2 ? defaults.provident_second
                                                 : defaults.provident_first;
      guint months = options->provident_months ? options->provident_months : policy->loan_months;

      plan->provident = anju_loan_compute (plan->loan_method, provident_part, rate, months,
                                           &local_error);
      if (plan->provident == NULL)
        {
          const char *field = anju_command_error_get_field (local_error);

          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD,
                               g_strcmp0 (field, "rate") == 0 ? "provident_rate"
                               : g_strcmp0 (field, "months") == 0 ? "provident_months"
                               : "provident_amount",
                               "%s", local_error->message);
          return FALSE;
        }
    }
  if (plan->loan_amount - provident_part > 0)
    {
      AnjuRate rate = options->commercial_rate ? options->commercial_rate : defaults.commercial;
      guint months = options->commercial_months ? options->commercial_months : policy->loan_months;

      if (!(plan->commercial = anju_loan_compute (plan->loan_method,
                                                  plan->loan_amount - provident_part, rate,
                                                  months, error)))
        return FALSE;
    }

  if (plan->commercial && plan->provident)
    plan->loan = anju_loan_combine (plan->provident, plan->commercial);
  else
    {
      const AnjuLoan *one = plan->commercial ? plan->commercial : plan->provident;

      plan->loan = anju_loan_compute (one->method, one->principal, one->rate, one->months, NULL);
    }
  plan->monthly_payment = plan->loan->monthly_payment;
  plan->total_interest = plan->loan->total_interest;
  return TRUE;
}

static gboolean
add_instalments (AnjuPaymentPlan          *plan,
                 const AnjuPaymentPolicy  *policy,
                 GError                  **error)
{
  AnjuFen left = plan->price;

  for (guint i = 0; i < policy->instalments->len; i++)
    {
      const AnjuInstalmentRule *rule = &g_array_index (policy->instalments, AnjuInstalmentRule, i);
      gboolean last = i + 1 == policy->instalments->len;
      AnjuFen amount = last ? left : MIN (anju_rate_apply (plan->price, rule->permille * 100), left);
      g_autofree char *code = g_strdup_printf ("instalment_%u", i + 1);
      g_autofree char *label = NULL;

      left -= amount;
      if (i == 0)
        {
          plan->down_payment = amount;
          if (!check_deposit_fits (plan, amount, error))
            return FALSE;
          amount -= plan->deposit;
        }
      label = i == 0 && plan->deposit > 0
                ? g_strdup_printf (_("Instalment %u (less the deposit)"), i + 1)
                : g_strdup_printf (_("Instalment %u"), i + 1);
      add_item (plan, ANJU_PLAN_ITEM_INSTALMENT, code, label, amount, rule->due.event,
                rule->due.days);
    }
  return TRUE;
}

static gboolean
add_payments (AnjuPaymentPlan           *plan,
              const AnjuFeeRules        *rules,
              const AnjuPaymentPolicy   *policy,
              const AnjuPaymentOptions  *options,
              GError                   **error)
{
  if (plan->deposit > 0)
    add_item (plan, ANJU_PLAN_ITEM_DEPOSIT, "deposit", _("Deposit"), plan->deposit,
              "subscription", 0);

  switch (plan->method)
    {
    case ANJU_PAYMENT_ONE_TIME:
      plan->down_payment = plan->price;
      add_item (plan, ANJU_PLAN_ITEM_ONE_TIME, "one_time",
                plan->deposit > 0 ? _("Full price (less the deposit)") : _("Full price"),
                plan->price - plan->deposit, policy->one_time_due.event, policy->one_time_due.days);
      return TRUE;
    case ANJU_PAYMENT_INSTALMENTS:
      return add_instalments (plan, policy, error);
    case ANJU_PAYMENT_COMMERCIAL:
    case ANJU_PAYMENT_PROVIDENT:
    case ANJU_PAYMENT_COMBINATION:
    default:
      break;
    }

  if (!settle_down_payment (plan, policy, options, error) ||
      !compute_loans (plan, rules, policy, options, error))
    return FALSE;
  add_item (plan, ANJU_PLAN_ITEM_DOWN_PAYMENT, "down_payment",
            plan->deposit > 0 ? _("Down payment (less the deposit)") : _("Down payment"),
            plan->down_payment - plan->deposit, policy->down_payment_due.event,
            policy->down_payment_due.days);
  if (plan->provident)
    add_item (plan, ANJU_PLAN_ITEM_LOAN, "loan_provident", _("Provident-fund loan"),
              plan->provident->principal, "loan", 0);
  if (plan->commercial)
    add_item (plan, ANJU_PLAN_ITEM_LOAN, "loan_commercial", _("Commercial loan"),
              plan->commercial->principal, "loan", 0);
  return TRUE;
}

AnjuPaymentPlan *
anju_payment_plan_compute (const AnjuFeeRules       *rules,
                           const AnjuPaymentPolicy  *policy,
                           AnjuFen                   list_price,
                           AnjuFen                   price,
                           gint64                    gross_area,
                           const AnjuPaymentOptions *options,
                           GError                  **error)
{
  g_autoptr(AnjuPaymentPlan) plan = g_new0 (AnjuPaymentPlan, 1);
  AnjuFeeQuery query = { 0 };

  if (!check_options (options, price, error))
    return NULL;

  plan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_item_free);
  plan->warnings = g_ptr_array_new_with_free_func (g_free);
  plan->method = options->method;
  plan->loan_method = options->loan_method;
  plan->date = g_strdup (options->date);
  plan->signing_date = options->signing_date ? g_strdup (options->signing_date)
                                             : add_days (options->date, (int) policy->signing_days);
  plan->handover_date = g_strdup (options->handover_date ? options->handover_date
                                                         : policy->handover_date);
  plan->city_code = g_strdup (anju_fee_rules_get_code (rules));
  plan->city_name = g_strdup (anju_fee_rules_get_name (rules));
  plan->home_number = options->home_number ? options->home_number : 1;
  plan->gross_area = gross_area;
  plan->list_price = MAX (list_price, price);
  plan->price = price;
  plan->discount = plan->list_price - price;
  plan->tax_base = options->tax_base ? options->tax_base : price;
  plan->deposit = options->deposit;

  query.price = price;
  query.tax_base = plan->tax_base;
  query.gross_area = gross_area;
  query.home_number = plan->home_number;
  query.date = plan->date;
  query.maintenance = policy->has_maintenance ? &policy->maintenance : NULL;
  query.notarised = options->notarised;
  if (!anju_fees_compute (rules, &query, &plan->fees, error) ||
      !add_payments (plan, rules, policy, options, error))
    return NULL;
  add_fee_items (plan, policy);
  sort_items (plan);

  plan->total_fees = plan->fees.total;
  for (guint i = 0; i < plan->items->len; i++)
    {
      const AnjuPlanItem *item = g_ptr_array_index (plan->items, i);

      if (!item->by_bank)
        plan->total_buyer += item->amount;
    }
  plan->total_cost = price + plan->total_fees + plan->total_interest;
  return g_steal_pointer (&plan);
}

/* --- the buyer's choices -------------------------------------------------- */

static gboolean
read_choice_rate (JsonObject  *choices,
                  const char  *member,
                  AnjuRate    *rate,
                  GError     **error)
{
  g_autofree char *field = g_strconcat ("plan.", member, NULL);
  const char *text = NULL;

  if (!anju_payload_get_string (choices, member, FALSE, &text, error))
    return FALSE;
  return text == NULL || anju_rate_parse (text, field, rate, error);
}

static gboolean
read_choice_count (JsonObject  *choices,
                   const char  *member,
                   gint64       max,
                   guint       *out,
                   GError     **error)
{
  gint64 value = 0;

  if (!anju_payload_get_int (choices, member, FALSE, &value, error))
    return FALSE;
  if (value < 0 || value > max)
    {
      g_autofree char *field = g_strconcat ("plan.", member, NULL);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("Give a whole number from 1 to %lld, or leave it out for the usual."),
                           (long long) max);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_choice_fen (JsonObject  *choices,
                 const char  *member,
                 AnjuFen     *out,
                 GError     **error)
{
  if (!anju_payload_get_int (choices, member, FALSE, out, error))
    return FALSE;
  if (*out < 0)
    {
      g_autofree char *field = g_strconcat ("plan.", member, NULL);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("Give the amount in fen, 0 or more."));
      return FALSE;
    }
  return TRUE;
}

gboolean
anju_payment_options_read (JsonObject         *choices,
                           AnjuPaymentOptions *options,
                           GError            **error)
{
  const char *loan_method = NULL;

  if (choices == NULL)
    return TRUE;
  if (!read_choice_count (choices, "home_number", 3, &options->home_number, error) ||
      !read_choice_fen (choices, "down_payment", &options->down_payment, error) ||
      !read_choice_fen (choices, "provident_amount", &options->provident_amount, error) ||
      !read_choice_fen (choices, "tax_base", &options->tax_base, error) ||
      !read_choice_rate (choices, "commercial_rate", &options->commercial_rate, error) ||
      !read_choice_rate (choices, "provident_rate", &options->provident_rate, error) ||
      !read_choice_count (choices, "commercial_months", ANJU_LOAN_MAX_MONTHS,
                          &options->commercial_months, error) ||
      !read_choice_count (choices, "provident_months", ANJU_LOAN_MAX_MONTHS,
                          &options->provident_months, error) ||
      !anju_payload_get_bool (choices, "notarised", FALSE, &options->notarised, error) ||
      !anju_payload_get_string (choices, "loan_method", FALSE, &loan_method, error))
    return FALSE;
  if (loan_method != NULL && !anju_loan_method_from_string (loan_method, &options->loan_method))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "plan.loan_method",
                           _("“%s” is not a repayment method. Give equal-installment (等额本息) "
                             "or equal-principal (等额本金)."),
                           loan_method);
      return FALSE;
    }
  return TRUE;
}

char *
anju_plan_item_code_dup_label (const char *code)
{
  const char *number;
  guint64 n;

  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fee_codes); i++)
    if (g_str_equal (code, fee_codes[i]))
      return g_strdup (fee_label (i));
  if (g_str_equal (code, "one_time"))
    return g_strdup (_("Full price"));
  if (g_str_equal (code, "down_payment"))
    return g_strdup (_("Down payment"));
  if (g_str_has_prefix (code, "instalment_") &&
      g_ascii_string_to_unsigned (number = code + strlen ("instalment_"), 10, 1, 99, &n, NULL))
    return g_strdup_printf (_("Instalment %u"), (guint) n);
  return NULL;
}

/* --- from a quote ---------------------------------------------------------- */

static AnjuFeeRules *
load_rules_for (AnjuStore                *store,
                const char               *project_id,
                const AnjuPaymentPolicy  *policy,
                GError                  **error)
{
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  const char *city = policy->city ? policy->city : project ? project->city : NULL;

  if (city == NULL || *city == '\0')
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "city",
                           _("The project has no city, so its taxes and fees are unknown. Set "
                             "the project's city or the policy fees.city."));
      return NULL;
    }
  return anju_fee_rules_load (city, error);
}

AnjuPaymentPlan *
anju_payment_plan_load (AnjuStore                *store,
                        const char               *quote_id,
                        const AnjuPaymentOptions *options,
                        GError                  **error)
{
  g_autoptr(AnjuQuote) quote = NULL;
  g_autoptr(JsonObject) effective = NULL;
  g_autoptr(AnjuFeeRules) rules = NULL;
  g_auto(AnjuPaymentPolicy) policy = { 0 };
  g_autofree char *today = NULL;
  AnjuPaymentOptions resolved = *options;
  AnjuPaymentPlan *plan;

  if (!(quote = anju_quote_load (store, quote_id, error)))
    {
      if (error == NULL || *error == NULL)
        anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "quote_id",
                             _("There is no quote with this id. Make the quote first."));
      return NULL;
    }
  if (quote->status != ANJU_QUOTE_OPEN && quote->status != ANJU_QUOTE_APPROVED &&
      quote->status != ANJU_QUOTE_USED)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "quote_id",
                           _("This quote has no price to plan with (%s). Use an open or "
                             "approved quote."),
                           anju_quote_status_get_label (quote->status));
      return NULL;
    }
  if (!(effective = anju_policy_dup_effective (store, quote->project_id, error)) ||
      !anju_payment_policy_read (effective, &policy, error) ||
      !(rules = load_rules_for (store, quote->project_id, &policy, error)))
    return NULL;
  if (resolved.date == NULL)
    resolved.date = today = anju_format_date (anju_store_now (store));

  if (!(plan = anju_payment_plan_compute (rules, &policy, quote->list_price, quote->price,
                                          quote->gross_area, &resolved, error)))
    return NULL;
  plan->quote_id = g_strdup (quote->id);
  plan->unit_id = g_strdup (quote->unit_id);
  plan->unit_label = g_strdup (quote->unit_label);
  plan->customer_id = g_strdup (quote->customer_id);
  plan->customer_name = g_strdup (quote->customer_name);
  return plan;
}

/* --- JSON ---------------------------------------------------------------- */

static void
set_money (JsonObject *object,
           const char *member,
           AnjuFen     fen)
{
  g_autofree char *text = anju_money_format_plain (fen);

  json_object_set_string_member (object, member, text);
}

static void
set_optional_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

JsonObject *
anju_loan_to_json (const AnjuLoan *loan,
                   guint           schedule_rows)
{
  JsonObject *object = json_object_new ();
  JsonArray *schedule = json_array_new ();
  g_autofree char *rate = loan->rate ? anju_rate_format (loan->rate) : NULL;

  json_object_set_string_member (object, "method", anju_loan_method_to_string (loan->method));
  set_money (object, "principal", loan->principal);
  set_optional_string (object, "rate", rate);
  json_object_set_int_member (object, "months", loan->months);
  set_money (object, "monthly_payment", loan->monthly_payment);
  set_money (object, "total_interest", loan->total_interest);
  set_money (object, "total_payment", loan->total_payment);
  for (guint i = 0; i < loan->schedule->len && i < schedule_rows; i++)
    {
      const AnjuLoanRow *row = &g_array_index (loan->schedule, AnjuLoanRow, i);
      JsonObject *r = json_object_new ();

      json_object_set_int_member (r, "period", row->period);
      set_money (r, "payment", row->payment);
      set_money (r, "principal", row->principal);
      set_money (r, "interest", row->interest);
      set_money (r, "balance", row->balance);
      json_array_add_object_element (schedule, r);
    }
  json_object_set_array_member (object, "schedule", schedule);
  return object;
}

JsonObject *
anju_fees_to_json (const AnjuFees *fees)
{
  JsonObject *object = json_object_new ();
  g_autofree char *rate = anju_rate_format (fees->deed_tax_rate);

  set_money (object, "deed_tax", fees->deed_tax);
  json_object_set_string_member (object, "deed_tax_rate", rate);
  set_money (object, "registration_fee", fees->registration_fee);
  set_money (object, "stamp_duty", fees->stamp_duty);
  set_money (object, "maintenance_fund", fees->maintenance_fund);
  set_money (object, "notary_fee", fees->notary_fee);
  set_money (object, "total", fees->total);
  return object;
}

static void
set_loan (JsonObject     *object,
          const char     *member,
          const AnjuLoan *loan,
          guint           schedule_rows)
{
  if (loan != NULL)
    json_object_set_object_member (object, member, anju_loan_to_json (loan, schedule_rows));
  else
    json_object_set_null_member (object, member);
}

JsonObject *
anju_payment_plan_to_json (const AnjuPaymentPlan *plan,
                           guint                  schedule_rows)
{
  JsonObject *object = json_object_new ();
  JsonObject *totals = json_object_new ();
  JsonArray *payments = json_array_new ();
  JsonArray *warnings = json_array_new ();

  set_optional_string (object, "quote_id", plan->quote_id);
  set_optional_string (object, "unit", plan->unit_label);
  set_optional_string (object, "customer", plan->customer_name);
  json_object_set_string_member (object, "payment", anju_payment_method_to_string (plan->method));
  json_object_set_string_member (object, "date", plan->date);
  json_object_set_string_member (object, "signing_date", plan->signing_date);
  set_optional_string (object, "handover_date", plan->handover_date);
  json_object_set_string_member (object, "city", plan->city_code);
  json_object_set_int_member (object, "home_number", plan->home_number);
  set_money (object, "list_price", plan->list_price);
  set_money (object, "price", plan->price);
  set_money (object, "discount", plan->discount);
  set_money (object, "tax_base", plan->tax_base);
  set_money (object, "deposit", plan->deposit);
  set_money (object, "down_payment", plan->down_payment);
  set_money (object, "loan_amount", plan->loan_amount);
  set_money (object, "monthly_payment", plan->monthly_payment);
  set_loan (object, "loan", plan->loan, schedule_rows);
  set_loan (object, "provident_loan", plan->provident, schedule_rows);
  set_loan (object, "commercial_loan", plan->commercial, schedule_rows);
  json_object_set_object_member (object, "fees", anju_fees_to_json (&plan->fees));
  for (guint i = 0; i < plan->items->len; i++)
    {
      const AnjuPlanItem *item = g_ptr_array_index (plan->items, i);
      JsonObject *p = json_object_new ();

      json_object_set_string_member (p, "code", item->code);
      json_object_set_string_member (p, "label", item->label);
      set_money (p, "amount", item->amount);
      json_object_set_string_member (p, "due_event", item->due_event);
      json_object_set_int_member (p, "due_days", item->due_days);
      set_optional_string (p, "due_date", item->due_date);
      json_object_set_string_member (p, "due", item->due_text);
      json_object_set_boolean_member (p, "by_bank", item->by_bank);
      json_array_add_object_element (payments, p);
    }
  json_object_set_array_member (object, "payments", payments);
  set_money (totals, "buyer", plan->total_buyer);
  set_money (totals, "fees", plan->total_fees);
  set_money (totals, "interest", plan->total_interest);
  set_money (totals, "cost", plan->total_cost);
  json_object_set_object_member (object, "totals", totals);
  for (guint i = 0; i < plan->warnings->len; i++)
    json_array_add_string_element (warnings, g_ptr_array_index (plan->warnings, i));
  json_object_set_array_member (object, "warnings", warnings);
  return object;
}
