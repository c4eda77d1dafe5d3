/* test-payment-plan.c — the payment plan of an approved quote
 *
 * Unit 1幢-1502: list price ¥3,283,700.00, 115.00 m², in 杭州; the quote is
 * approved at ¥3,150,000.00 by the first step of the chain. The plan's day
 * is 2026-11-26 (the injected clock), signing 7 days later (policy).
 * Fees on 2026-11-26 for a first home of 115.00 m² (≤ 140): deed tax 1 %
 * ¥31,500.00, registration ¥80.00, stamp duty 0, maintenance fund
 * ¥128.00 × 115.00 = ¥14,720.00: total ¥46,300.00. Loan figures were worked
 * out independently with exact fractions by the rule in anju-loan.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "anju-payment-plan.h"
#include "anju-pricing.h"
#include "anju-test-fixture.h"

#define PRICE      315000000
#define LIST_PRICE 328370000
#define FEES       4630000

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *admin;
  AnjuUser      *deputy;
  AnjuUser      *lina;
  char          *project_id;
  char          *quote_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *building = NULL, *unit = NULL, *customer = NULL, *approval = NULL;
  g_autofree char *json = NULL;

  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");   /* 10:00 in Shanghai */
  f->store = anju_test_store_new (&f->clock, &f->dir);
  f->admin = anju_test_add_user (f->store, "admin", "系统管理员", ANJU_ROLE_ADMIN);
  f->deputy = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->project_id = run_id (f, f->admin, "project.create",
                          "{\"name\": \"万科·安居苑\", \"city\": \"杭州\"}", "project_id");
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"name\": \"1幢\", \"floors\": 18, "
                          "\"units_per_floor\": 2}", f->project_id);
  building = run_id (f, f->admin, "building.create", json, "building_id");
  g_free (json);
  json = g_strdup_printf ("{\"building_id\": \"%s\", \"floor\": 15, \"number\": \"1502\", "
                          "\"layout\": \"3室2厅2卫\", \"gross_area\": 11500, \"inner_area\": 9085, "
                          "\"list_price\": %d}", building, LIST_PRICE);
  unit = run_id (f, f->deputy, "unit.create", json, "unit_id");
  customer = run_id (f, f->lina, "customer.create",
                     "{\"name\": \"陈先生\", \"mobile\": \"13800138000\"}", "customer_id");
  g_free (json);
  json = g_strdup_printf ("{\"unit_id\": \"%s\", \"minutes\": 120, \"customer_id\": \"%s\"}",
                          unit, customer);
  g_free (run_id (f, f->lina, "unit.hold", json, "hold_id"));
  g_free (json);
  json = g_strdup_printf (
      "{\"unit_id\": \"%s\", \"customer_id\": \"%s\", "
      "\"discount_ids\": [\"one_time_payment\", \"opening_promotion\"], \"asked_price\": %d, "
      "\"checklist\": {\"decision_holder\": true, \"signing_date_agreed\": true, "
      "\"down_payment_affordable\": true, \"credit_checked\": true, \"hot_unit\": false, "
      "\"on_site_special\": true}}", unit, customer, PRICE);
  f->quote_id = run_id (f, f->lina, "quote.create", json, "quote_id");
  g_free (json);
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": %d, \"reason\": \"当天可签约\"}",
                          f->quote_id, PRICE);
  approval = run_id (f, f->lina, "discount.request", json, "approval_id");
  g_free (json);
  json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\", \"comment\": \"同意\"}",
                          approval);
  g_free (run_id (f, f->deputy, "approval.decide", json, "status"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->admin);
  anju_user_free (f->deputy);
  anju_user_free (f->lina);
  g_free (f->project_id);
  g_free (f->quote_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Puts the project's policy back: @policy sets overrides to null. */
static void
reset_policy (Fixture    *f,
              const char *policy)
{
  g_autofree char *json = g_strdup_printf ("{\"project_id\": \"%s\", \"policy\": %s}",
                                           f->project_id, policy);

  json_object_unref (anju_test_run_ok (f->store, f->admin, "project.set_policy", json));
}

static AnjuPaymentPlan *
plan_ok (Fixture                  *f,
         const AnjuPaymentOptions *options)
{
  g_autoptr(GError) error = NULL;
  AnjuPaymentPlan *plan = anju_payment_plan_load (f->store, f->quote_id, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static void
plan_refused (Fixture                  *f,
              const AnjuPaymentOptions *options,
              const char               *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuPaymentPlan) plan = anju_payment_plan_load (f->store, f->quote_id, options, &error);

  g_assert_null (plan);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_INVALID_FIELD);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, field);
}

/* Asserts the items' codes, amounts and due dates ("-": no date). */
typedef struct
{
  const char *code;
  AnjuFen     amount;
  const char *due_date;
} ItemCase;

static void
assert_items (const AnjuPaymentPlan *plan,
              const ItemCase        *cases,
              guint                  n)
{
  AnjuFen buyer = 0;

  g_assert_cmpuint (plan->items->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const AnjuPlanItem *item = g_ptr_array_index (plan->items, i);

      g_test_message ("item %u: %s", i, item->code);
      g_assert_cmpstr (item->code, ==, cases[i].code);
      g_assert_cmpint (item->amount, ==, cases[i].amount);
      g_assert_cmpstr (item->due_date ? item->due_date : "-", ==, cases[i].due_date);
      g_assert_nonnull (item->due_text);
      if (!item->by_bank)
        buyer += item->amount;
    }
  /* The buyer pays the price less the loan, plus the fees. */
  g_assert_cmpint (plan->total_buyer, ==, buyer);
  g_assert_cmpint (plan->total_buyer, ==, plan->price - plan->loan_amount + plan->total_fees);
}

/* The plan's totals are sums of its schedule. */
static void
assert_schedule_sums (const AnjuPaymentPlan *plan)
{
  AnjuFen interest = 0, payment = 0, principal = 0;

  for (guint i = 0; i < plan->loan->schedule->len; i++)
    {
      const AnjuLoanRow *row = &g_array_index (plan->loan->schedule, AnjuLoanRow, i);

      interest += row->interest;
      payment += row->payment;
      principal += row->principal;
    }
  g_assert_cmpint (principal, ==, plan->loan_amount);
  g_assert_cmpint (plan->loan->total_interest, ==, interest);
  g_assert_cmpint (plan->loan->total_payment, ==, payment);
  g_assert_cmpint (plan->total_interest, ==, interest);
  g_assert_cmpint (plan->total_cost, ==, plan->price + plan->total_fees + interest);
}

static void
test_commercial (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  AnjuPaymentOptions options = { .method = ANJU_PAYMENT_COMMERCIAL };
  g_autoptr(AnjuPaymentPlan) plan = plan_ok (f, &options);
  static const ItemCase items[] = {
    { "down_payment", 94500000, "2026-12-03" },
    { "deed_tax", 3150000, "2027-01-02" },
    { "registration_fee", 8000, "2027-01-02" },
    { "loan_commercial", 220500000, "-" },
    { "maintenance_fund", 1472000, "-" },
  };

  /* The approved price, nothing else. */
  g_assert_cmpint (plan->price, ==, PRICE);
  g_assert_cmpint (plan->list_price, ==, LIST_PRICE);
  g_assert_cmpint (plan->discount, ==, LIST_PRICE - PRICE);
  g_assert_cmpstr (plan->unit_label, !=, NULL);
  g_assert_cmpstr (plan->customer_name, ==, "陈先生");
  g_assert_cmpstr (plan->date, ==, "2026-11-26");
  g_assert_cmpstr (plan->signing_date, ==, "2026-12-03");
  g_assert_cmpstr (plan->city_code, ==, "hangzhou");
  /* 30 % down by policy; ¥2,205,000 at the 3.5 % of 2025-05-20 over 30 years. */
  g_assert_cmpint (plan->down_payment, ==, 94500000);
  g_assert_cmpint (plan->loan_amount, ==, 220500000);
  g_assert_cmpuint (plan->commercial->rate, ==, 3500);
  g_assert_null (plan->provident);
  g_assert_cmpint (plan->monthly_payment, ==, 990144);
  g_assert_cmpint (plan->total_interest, ==, 135951546);
  g_assert_cmpint (anju_loan_get_row (plan->loan, 12)->balance, ==, 216268320);
  g_assert_cmpint (plan->fees.total, ==, FEES);
  g_assert_cmpint (plan->total_fees, ==, FEES);
  g_assert_cmpint (plan->total_buyer, ==, 94500000 + FEES);
  g_assert_cmpuint (plan->warnings->len, ==, 0);
  assert_items (plan, items, G_N_ELEMENTS (items));
  assert_schedule_sums (plan);
}

static void
test_provident (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  AnjuPaymentOptions first = { .method = ANJU_PAYMENT_PROVIDENT };
  AnjuPaymentOptions second = { .method = ANJU_PAYMENT_PROVIDENT, .home_number = 2 };
  AnjuPaymentOptions own_rate = { .method = ANJU_PAYMENT_PROVIDENT, .provident_rate = 3075,
                                  .loan_method = ANJU_LOAN_EQUAL_PRINCIPAL,
                                  .provident_months = 240 };
  g_autoptr(AnjuPaymentPlan) a = plan_ok (f, &first);
  g_autoptr(AnjuPaymentPlan) b = plan_ok (f, &second);
  g_autoptr(AnjuPaymentPlan) c = plan_ok (f, &own_rate);

  /* First home: 2.6 % since 2025-05-08. */
  g_assert_cmpuint (a->provident->rate, ==, 2600);
  g_assert_null (a->commercial);
  g_assert_cmpint (a->monthly_payment, ==, 882749);
  g_assert_cmpint (a->total_interest, ==, 97289676);
  g_assert_cmpstr (((AnjuPlanItem *) g_ptr_array_index (a->items, 3))->code, ==, "loan_provident");
  assert_schedule_sums (a);
  /* Second home: 3.075 %; the deed tax is still 1 % at 115 m². */
  g_assert_cmpuint (b->provident->rate, ==, 3075);
  g_assert_cmpint (b->monthly_payment, ==, 938580);
  g_assert_cmpint (b->total_interest, ==, 117388630);
  g_assert_cmpint (b->fees.deed_tax, ==, 3150000);
  assert_schedule_sums (b);
  /* Equal principal over 20 years at 3.075 %: the first month is
   * 220,500,000 / 240 = 918,750 principal + 565,031.25 → 565,031 interest. */
  g_assert_cmpint (c->monthly_payment, ==, 918750 + 565031);
  assert_schedule_sums (c);
}

static void
test_combination (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  AnjuPaymentOptions same = { .method = ANJU_PAYMENT_COMBINATION, .provident_amount = 100000000 };
  AnjuPaymentOptions mixed = { .method = ANJU_PAYMENT_COMBINATION, .provident_amount = 100000000,
                               .loan_method = ANJU_LOAN_EQUAL_PRINCIPAL,
                               .commercial_months = 240 };
  g_autoptr(AnjuPaymentPlan) a = plan_ok (f, &same);
  g_autoptr(AnjuPaymentPlan) b = plan_ok (f, &mixed);
  static const ItemCase items[] = {
    { "down_payment", 94500000, "2026-12-03" },
    { "deed_tax", 3150000, "2027-01-02" },
    { "registration_fee", 8000, "2027-01-02" },
    { "loan_provident", 100000000, "-" },
    { "loan_commercial", 120500000, "-" },
    { "maintenance_fund", 1472000, "-" },
  };

  /* ¥1,000,000 provident at 2.6 % (4,003.40) + ¥1,205,000 commercial at
   * 3.5 % (5,410.99), each computed on its own and added. */
  g_assert_cmpint (a->provident->monthly_payment, ==, 400340);
  g_assert_cmpint (a->commercial->monthly_payment, ==, 541099);
  g_assert_cmpint (a->monthly_payment, ==, 400340 + 541099);
  g_assert_cmpint (a->total_interest, ==, 44122235 + 74295547);
  assert_items (a, items, G_N_ELEMENTS (items));
  assert_schedule_sums (a);

  /* Equal principal, provident over 30 years and commercial over 20: the
   * first month 4,944.45 + 8,535.41. */
  g_assert_cmpint (b->monthly_payment, ==, 494445 + 853541);
  g_assert_cmpint (b->total_interest, ==, 39108303 + 42350757);
  g_assert_cmpuint (b->loan->months, ==, 360);
  g_assert_cmpint (anju_loan_get_row (b->loan, 241)->payment, ==,
                   anju_loan_get_row (b->provident, 241)->payment);
  assert_schedule_sums (b);
}

static void
test_instalments (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  AnjuPaymentOptions options = { .method = ANJU_PAYMENT_INSTALMENTS, .deposit = 5000000 };
  g_autoptr(AnjuPaymentPlan) plan = NULL;
  g_autoptr(AnjuPaymentPlan) dated = NULL;
  static const ItemCase items[] = {
    { "deposit", 5000000, "2026-11-26" },
    { "instalment_1", 152500000, "2026-12-03" },
    { "deed_tax", 3150000, "2027-01-02" },
    { "registration_fee", 8000, "2027-01-02" },
    { "instalment_2", 94500000, "2027-03-03" },
    { "instalment_3", 63000000, "2027-06-01" },
    { "maintenance_fund", 1472000, "-" },
  };
  g_autofree char *json = g_strdup_printf (
      "{\"project_id\": \"%s\", \"policy\": {\"payment\": {\"handover_date\": \"2027-12-31\"}}}",
      f->project_id);

  /* 50 % at signing less the ¥50,000 deposit, 30 % 90 days later, the
   * rest after 180 days. */
  plan = plan_ok (f, &options);
  g_assert_null (plan->loan);
  g_assert_cmpint (plan->loan_amount, ==, 0);
  g_assert_cmpint (plan->down_payment, ==, 157500000);
  g_assert_cmpint (plan->total_buyer, ==, PRICE + FEES);
  g_assert_cmpint (plan->total_cost, ==, PRICE + FEES);
  assert_items (plan, items, G_N_ELEMENTS (items));

  /* Once the project knows its handover date, the maintenance fund has one. */
  json_object_unref (anju_test_run_ok (f->store, f->admin, "project.set_policy", json));
  dated = plan_ok (f, &options);
  g_assert_cmpstr (((AnjuPlanItem *) g_ptr_array_index (dated->items, 6))->due_date, ==,
                   "2027-12-31");
  reset_policy (f, "{\"payment\": {\"handover_date\": null}}");
}

static void
test_one_time (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  AnjuPaymentOptions options = { .method = ANJU_PAYMENT_ONE_TIME, .date = "2026-12-01",
                                 .signing_date = "2026-12-02", .notarised = TRUE };
  g_autoptr(AnjuPaymentPlan) plan = plan_ok (f, &options);
  static const ItemCase items[] = {
    { "one_time", PRICE, "2026-12-02" },
    { "notary_fee", 20000, "2026-12-02" },
    { "deed_tax", 3150000, "2027-01-01" },
    { "registration_fee", 8000, "2027-01-01" },
    { "maintenance_fund", 1472000, "-" },
  };

  g_assert_cmpint (plan->down_payment, ==, PRICE);
  g_assert_cmpint (plan->total_fees, ==, FEES + 20000);
  assert_items (plan, items, G_N_ELEMENTS (items));
}

static void
test_project_maintenance (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  AnjuPaymentOptions options = { .method = ANJU_PAYMENT_ONE_TIME };
  g_autoptr(AnjuPaymentPlan) plan = NULL;
  g_autofree char *json = g_strdup_printf (
      "{\"project_id\": \"%s\", \"policy\": {\"fees\": {\"maintenance_fund\": "
      "{\"basis\": \"percent\", \"rate_percent\": \"2\"}}}}", f->project_id);

  json_object_unref (anju_test_run_ok (f->store, f->admin, "project.set_policy", json));
  plan = plan_ok (f, &options);
  /* 2 % of ¥3,150,000.00 */
  g_assert_cmpint (plan->fees.maintenance_fund, ==, 6300000);
  reset_policy (f, "{\"fees\": {\"maintenance_fund\": null}}");
}

static void
test_down_payment (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  /* The legal floor is 15 % of ¥3,150,000.00 = ¥472,500.00. */
  AnjuPaymentOptions below = { .method = ANJU_PAYMENT_COMMERCIAL, .down_payment = 47249999 };
  AnjuPaymentOptions floor = { .method = ANJU_PAYMENT_COMMERCIAL, .down_payment = 47250000 };
  AnjuPaymentOptions whole = { .method = ANJU_PAYMENT_COMMERCIAL, .down_payment = PRICE };
  AnjuPaymentOptions thirty = { .method = ANJU_PAYMENT_COMMERCIAL, .down_payment = 94500000 };
  g_autoptr(AnjuPaymentPlan) low = NULL;
  g_autoptr(AnjuPaymentPlan) ok = NULL;

  plan_refused (f, &below, "down_payment");
  plan_refused (f, &whole, "down_payment");
  /* At the floor it is accepted, with the standard's 30–40 % warning. */
  low = plan_ok (f, &floor);
  g_assert_cmpint (low->loan_amount, ==, PRICE - 47250000);
  g_assert_cmpuint (low->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (low->warnings, 0), "945,000.00"));
  g_assert_nonnull (strstr (g_ptr_array_index (low->warnings, 0), "1,260,000.00"));
  ok = plan_ok (f, &thirty);
  g_assert_cmpuint (ok->warnings->len, ==, 0);
}

static void
test_refused (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  AnjuPaymentOptions no_part = { .method = ANJU_PAYMENT_COMBINATION };
  AnjuPaymentOptions all_part = { .method = ANJU_PAYMENT_COMBINATION, .provident_amount = 220500000 };
  AnjuPaymentOptions deposit = { .method = ANJU_PAYMENT_COMMERCIAL, .deposit = 94500001 };
  AnjuPaymentOptions signing = { .method = ANJU_PAYMENT_ONE_TIME, .date = "2026-12-01",
                                 .signing_date = "2026-11-30" };
  AnjuPaymentOptions early = { .method = ANJU_PAYMENT_COMMERCIAL, .date = "2024-01-01" };
  AnjuPaymentOptions months = { .method = ANJU_PAYMENT_PROVIDENT, .provident_months = 601 };
  AnjuPaymentOptions rate = { .method = ANJU_PAYMENT_COMMERCIAL, .commercial_rate = 36001 };
  AnjuPaymentOptions home = { .method = ANJU_PAYMENT_ONE_TIME, .home_number = 4 };
  AnjuPaymentOptions one_time = { .method = ANJU_PAYMENT_ONE_TIME };
  g_autoptr(GError) missing = NULL;

  plan_refused (f, &no_part, "provident_amount");
  plan_refused (f, &all_part, "provident_amount");
  plan_refused (f, &deposit, "deposit");
  plan_refused (f, &signing, "signing_date");
  plan_refused (f, &early, "date");
  plan_refused (f, &months, "provident_months");
  plan_refused (f, &rate, "rate");
  plan_refused (f, &home, "home_number");
  g_assert_null (anju_payment_plan_load (f->store, "no-such-quote", &one_time, &missing));
  g_assert_error (missing, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_NOT_FOUND);
  g_assert_cmpstr (anju_command_error_get_field (missing), ==, "quote_id");
}

static void
test_json (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  AnjuPaymentOptions options = { .method = ANJU_PAYMENT_COMMERCIAL };
  g_autoptr(AnjuPaymentPlan) plan = plan_ok (f, &options);
  g_autoptr(JsonObject) json = anju_payment_plan_to_json (plan, 12);
  JsonObject *loan = json_object_get_object_member (json, "loan");
  JsonArray *schedule = json_object_get_array_member (loan, "schedule");
  JsonArray *payments = json_object_get_array_member (json, "payments");

  g_assert_cmpstr (json_object_get_string_member (json, "price"), ==, "3150000.00");
  g_assert_cmpstr (json_object_get_string_member (json, "monthly_payment"), ==, "9901.44");
  g_assert_cmpstr (json_object_get_string_member (loan, "total_interest"), ==, "1359515.46");
  g_assert_cmpuint (json_array_get_length (schedule), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (schedule, 11),
                                                  "balance"), ==, "2162683.20");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json, "fees"),
                                                  "total"), ==, "46300.00");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (payments, 0),
                                                  "due_date"), ==, "2026-12-03");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json, "totals"),
                                                  "buyer"), ==, "991300.00");
}

int
main (int    argc,
      char **argv)
{
  /* One approved quote serves every test (each user's password hash
   * takes a while); tests that change the policy put it back. */
  static Fixture f;
  int status;

  g_test_init (&argc, &argv, NULL);
  fixture_set_up (&f, NULL);
#define ADD(path, func) g_test_add_data_func ("/payment-plan/" path, &f, func)
  ADD ("commercial", test_commercial);
  ADD ("provident", test_provident);
  ADD ("combination", test_combination);
  ADD ("instalments", test_instalments);
  ADD ("one-time", test_one_time);
  ADD ("project-maintenance", test_project_maintenance);
  ADD ("down-payment", test_down_payment);
  ADD ("refused", test_refused);
  ADD ("json", test_json);
#undef ADD
  status = g_test_run ();
  fixture_tear_down (&f, NULL);
  return status;
}
