/* test-deals.c — subscriptions, the cooling-off, payments and receipts */
#include "anju-customers.h"
#include "anju-finance.h"
#include "anju-format.h"
#include "anju-pricing.h"
#include "anju-subscriptions.h"
#include "anju-units.h"
#include "anju-workbench.h"
#include "anju-test-fixture.h"

/* 1幢-1502: list price ¥3,283,700.00, 115.00 m². A quote without discounts
 * offers the list price; 20% of it is ¥656,740.00 exactly. With both
 * published discounts the range ends at 315,398,728 fen (see
 * test-pricing.c); asking ¥3,143,987.28 needs the first step only. */
#define LIST_PRICE    328370000
#define DEPOSIT_CAP    65674000
#define ASKED         314398728

#define ID_CHEN       "11010519491231002X"
#define ID_WIFE       "330106199803148449"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *admin;
  AnjuUser      *manager;     /* 张伟 */
  AnjuUser      *lina;        /* consultant 李娜 */
  AnjuUser      *wang;        /* consultant 王芳 */
  AnjuUser      *cashier;     /* finance 陈静 */
  char          *project_id;
  char          *building_id;
  char          *unit_id;
  char          *customer_id;
} Fixture;

/* A user whose password hash is made once for the whole program (the
 * hashing is deliberately slow, and these tests never sign in). */
static AnjuUser *
add_user (AnjuStore  *store,
          const char *username,
          const char *display_name,
          AnjuRole    role)
{
  static char *hash;
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (hash == NULL)
    hash = anju_password_hash ("secret");
  json_object_set_string_member (payload, "username", username);
  json_object_set_string_member (payload, "display_name", display_name);
  json_object_set_string_member (payload, "role", anju_role_to_string (role));
  json_object_set_string_member (payload, "password_hash", hash);
  answer = anju_command_run (store, anju_user_get_system (), "user.create", payload, &error);
  g_assert_no_error (error);
  return anju_user_lookup (store, json_object_get_string_member (json_object_get_object_member (answer, "result"),
                                                                 "user_id"));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");   /* Thursday 10:00 in Shanghai */
  f->store = anju_test_store_new (&f->clock, &f->dir);
  anju_test_set_marks (f->store, "$P", &f->project_id, "$B", &f->building_id, "$U", &f->unit_id,
                       "$C", &f->customer_id, NULL);
  f->admin = add_user (f->store, "admin", "系统管理员", ANJU_ROLE_ADMIN);
  f->manager = add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  f->lina = add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->wang = add_user (f->store, "wangfang", "王芳", ANJU_ROLE_CONSULTANT);
  f->cashier = add_user (f->store, "chenjing", "陈静", ANJU_ROLE_FINANCE);
  f->project_id = run_id (f, f->admin, "project.create", "{\"name\": \"万科·安居苑\", \"developer\": \"安居置业\", \"city\": \"杭州\"}",
                          "project_id");
  f->building_id = run_id (f, f->admin, "building.create",
                           "{\"project_id\": \"$P\", \"name\": \"1幢\", \"floors\": 18, \"units_per_floor\": 2}",
                           "building_id");
  f->unit_id = run_id (f, f->manager, "unit.create",
                       "{\"building_id\": \"$B\", \"floor\": 15, \"number\": \"1502\", \"layout\": \"3室2厅2卫\", "
                       "\"gross_area\": 11500, \"inner_area\": 9085, \"list_price\": 328370000}", "unit_id");
  f->customer_id = run_id (f, f->lina, "customer.create",
                           "{\"name\": \"陈建国\", \"title\": \"先生\", \"mobile\": \"13800138000\", "
                           "\"id_number\": \"" ID_CHEN "\"}", "customer_id");
  g_free (run_id (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"minutes\": 120, \"customer_id\": \"$C\"}",
                  "hold_id"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->admin);
  anju_user_free (f->manager);
  anju_user_free (f->lina);
  anju_user_free (f->wang);
  anju_user_free (f->cashier);
  g_free (f->project_id);
  g_free (f->building_id);
  g_free (f->unit_id);
  g_free (f->customer_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* A quote at the list price (inside the published range: usable as is). */
static char *
open_quote (Fixture *f)
{
  return run_id (f, f->lina, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\"}", "quote_id");
}

/* A quote below the range, approved by the first step at ASKED. */
static char *
approved_quote (Fixture *f)
{
  g_autofree char *quote_id = run_id (f, f->lina, "quote.create",
      "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"discount_ids\": [\"one_time_payment\", \"opening_promotion\"], "
      "\"asked_price\": 314398728, \"checklist\": {\"decision_holder\": true, \"signing_date_agreed\": true, "
      "\"down_payment_affordable\": true, \"credit_checked\": true}}", "quote_id");
  g_autofree char *json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": %d, \"reason\": \"当天签约\"}",
                                           quote_id, ASKED);
  g_autofree char *approval_id = run_id (f, f->lina, "discount.request", json, "approval_id");
  g_autofree char *decision = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\"}", approval_id);
  g_autoptr(JsonObject) decided = run_ok (f, f->manager, "approval.decide", decision);

  g_assert_cmpstr (json_object_get_string_member (decided, "status"), ==, "approved");
  return g_steal_pointer (&quote_id);
}

static char *
subscribe_json (const char *quote_id,
                gint64      deposit,
                const char *extra)
{
  return g_strdup_printf ("{\"quote_id\": \"%s\", \"payment_method\": \"commercial\", \"deposit\": %lld, "
                          "\"signing_deadline\": \"2026-12-03\"%s%s}",
                          quote_id, (long long)deposit, extra ? ", " : "", extra ? extra : "");
}

/* Subscribes @quote_id with a deposit of ¥50,000 and a co-owner. */
static char *
subscribe (Fixture    *f,
           const char *quote_id)
{
  g_autofree char *json = subscribe_json (quote_id, 5000000,
      "\"buyers\": [{}, {\"name\": \"周子涵\", \"id_number\": \"" ID_WIFE "\", \"mobile\": \"13796830958\"}]");

  return run_id (f, f->lina, "subscription.create", json, "subscription_id");
}

static char *
unit_status (Fixture *f)
{
  sqlite3_stmt *stmt = anju_store_prepare (f->store, "SELECT status FROM units WHERE id = ?", NULL);
  char *status;

  sqlite3_bind_text (stmt, 1, f->unit_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  status = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return status;
}

static AnjuSubscription *
load_subscription (Fixture    *f,
                   const char *id)
{
  g_autoptr(GError) error = NULL;
  AnjuSubscription *s = anju_subscription_load (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static AnjuReceipt *
load_receipt (Fixture    *f,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  AnjuReceipt *r = anju_receipt_load (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

/* payment.record of a deposit of @amount fen in cash; the receipt's id. */
static char *
pay_deposit (Fixture    *f,
             const char *subscription_id,
             gint64      amount)
{
  g_autofree char *json = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"deposit\", "
                                           "\"method\": \"cash\", \"amount\": %lld}",
                                           subscription_id, (long long)amount);

  return run_id (f, f->cashier, "payment.record", json, "receipt_id");
}

/* Expected payment @i of @list is of @purpose, @label (NULL: none), @amount
 * due @due_on with @status. */
static void
assert_expected (GPtrArray          *list,
                 guint               i,
                 AnjuPaymentPurpose  purpose,
                 const char         *label,
                 AnjuFen             amount,
                 const char         *due_on,
                 AnjuDueStatus       status)
{
  AnjuExpectedPayment *p = g_ptr_array_index (list, i);

  g_assert_cmpint (p->purpose, ==, purpose);
  g_assert_cmpstr (p->label, ==, label);
  g_assert_cmpint (p->amount, ==, amount);
  g_assert_cmpstr (p->due_on, ==, due_on);
  g_assert_cmpint (p->status, ==, status);
}

/* ---- subscription.create -------------------------------------------------- */

static void
test_create_from_approved_quote (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *quote_id = approved_quote (f);
  g_autofree char *json = subscribe_json (quote_id, 5000000,
      "\"buyers\": [{}, {\"name\": \"周子涵\", \"id_number\": \"330106199803148449\"}], \"note\": \"按揭三成首付\"");
  g_autoptr(JsonObject) result = run_ok (f, f->lina, "subscription.create", json);
  const char *id = json_object_get_string_member (result, "subscription_id");
  g_autoptr(AnjuSubscription) s = load_subscription (f, id);
  g_autoptr(AnjuQuote) quote = anju_quote_load (f->store, quote_id, NULL);
  g_autoptr(GPtrArray) events = anju_customer_list_events (f->store, f->customer_id, NULL);
  g_autoptr(GPtrArray) expected = anju_payments_list_expected (f->store, NULL, NULL, TRUE, NULL);
  g_autofree char *status = unit_status (f);
  AnjuBuyer *buyer, *co_owner;

  /* The approved price and nothing else; the unit is subscribed. */
  g_assert_cmpint (json_object_get_int_member (result, "price"), ==, ASKED);
  g_assert_cmpint (json_object_get_int_member (result, "deposit"), ==, 5000000);
  g_assert_cmpstr (json_object_get_string_member (result, "cooling_off_ends_at"), ==, "2026-11-29T02:00:00Z");
  g_assert_cmpstr (status, ==, "subscribed");
  g_assert_cmpint (quote->status, ==, ANJU_QUOTE_USED);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM holds WHERE released_at IS NULL"), ==, 0);

  g_assert_cmpint (s->price, ==, ASKED);
  g_assert_cmpint (s->deposit, ==, 5000000);
  g_assert_cmpint (s->deposit_paid, ==, 0);
  g_assert_cmpstr (s->unit_label, ==, "1幢-1502");
  /* The name and how he is addressed, not run together ("陈建国先生"). */
  g_assert_cmpstr (s->customer_name, ==, "陈建国 (陈先生)");
  g_assert_cmpstr (s->consultant_name, ==, "李娜");
  g_assert_cmpstr (s->payment_method, ==, "commercial");
  g_assert_cmpstr (s->signing_deadline, ==, "2026-12-03");
  g_assert_cmpint (s->status, ==, ANJU_SUBSCRIPTION_ACTIVE);
  g_assert_cmpuint (s->buyers->len, ==, 2);
  buyer = g_ptr_array_index (s->buyers, 0);
  co_owner = g_ptr_array_index (s->buyers, 1);
  /* the first buyer comes from the customer record */
  g_assert_cmpstr (buyer->role, ==, "buyer");
  g_assert_cmpstr (buyer->name, ==, "陈建国");
  g_assert_cmpstr (buyer->id_number, ==, ID_CHEN);
  g_assert_cmpstr (buyer->customer_id, ==, f->customer_id);
  g_assert_cmpstr (co_owner->role, ==, "co_owner");
  g_assert_cmpstr (co_owner->name, ==, "周子涵");
  g_assert_cmpstr (co_owner->id_number, ==, ID_WIFE);

  /* What the buyers pay comes from the payment plan (a commercial loan,
   * 30 % down, first home of 115.00 m² in 杭州): the deposit today; the
   * down payment less the deposit at signing; the deed tax (1 % of the
   * price) and the registration fee 30 days after it. The loan is the
   * bank's, and the maintenance fund waits for a handover day. */
  g_assert_cmpuint (expected->len, ==, 4);
  assert_expected (expected, 0, ANJU_PURPOSE_DEPOSIT, NULL, 5000000, "2026-11-26", ANJU_DUE_SOON);
  /* 30 % of 314,398,728 is 94,319,618.4 → 94,319,618; less 5,000,000 */
  assert_expected (expected, 1, ANJU_PURPOSE_DOWN_PAYMENT, "Down payment", 89319618, "2026-12-03", ANJU_DUE_SOON);
  /* 1 % of 314,398,728 is 3,143,987.28 → 3,143,987 */
  assert_expected (expected, 2, ANJU_PURPOSE_FEE, "Deed tax", 3143987, "2027-01-02", ANJU_DUE_SCHEDULED);
  assert_expected (expected, 3, ANJU_PURPOSE_FEE, "Registration fee", 8000, "2027-01-02", ANJU_DUE_SCHEDULED);
  g_assert_cmpstr (s->plan, ==, NULL);

  g_assert_cmpstr (((AnjuCustomerEvent *)g_ptr_array_index (events, 0))->summary, ==,
                   "Subscribed unit 1幢-1502 at ¥3,143,987.28");
}

static void
test_create_one_time_expects_the_rest (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *json = g_strdup_printf ("{\"quote_id\": \"%s\", \"payment_method\": \"one_time\", "
                                           "\"deposit\": 10000000, \"signing_deadline\": \"2026-12-20\", "
                                           "\"plan\": {\"home_number\": 2, \"notarised\": true}, "
                                           "\"expected_payments\": [{\"purpose\": \"fee\", \"amount\": 120000, "
                                           "\"due_on\": \"2026-12-25\", \"label\": \"物业费\"}]}", quote_id);
  g_autoptr(JsonObject) result = run_ok (f, f->lina, "subscription.create", json);
  g_autoptr(GPtrArray) expected = anju_payments_list_expected (f->store, NULL, f->lina->id, FALSE, NULL);
  g_autoptr(AnjuSubscription) s = load_subscription (f, json_object_get_string_member (result, "subscription_id"));
  g_autoptr(AnjuPaymentPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  AnjuExpectedPayment *rest;

  g_assert_cmpint (json_object_get_int_member (result, "price"), ==, LIST_PRICE);
  /* deposit, the rest at signing, deed tax, registration, notary; then
   * the one the payload adds */
  g_assert_cmpuint (expected->len, ==, 6);
  assert_expected (expected, 0, ANJU_PURPOSE_DEPOSIT, NULL, 10000000, "2026-11-26", ANJU_DUE_SOON);
  /* 328,370,000 − 10,000,000 by the signing deadline, 24 days away */
  assert_expected (expected, 1, ANJU_PURPOSE_DOWN_PAYMENT, "Full price", 318370000, "2026-12-20",
                   ANJU_DUE_SCHEDULED);
  rest = g_ptr_array_index (expected, 1);
  g_assert_cmpint (rest->days_left, ==, 24);
  g_assert_cmpstr (rest->unit_label, ==, "1幢-1502");
  g_assert_cmpstr (rest->consultant_name, ==, "李娜");
  assert_expected (expected, 3, ANJU_PURPOSE_FEE, "物业费", 120000, "2026-12-25", ANJU_DUE_SCHEDULED);
  /* a second home of 115.00 m²: deed tax 1 % */
  assert_expected (expected, 4, ANJU_PURPOSE_FEE, "Deed tax", 3283700, "2027-01-19", ANJU_DUE_SCHEDULED);
  assert_expected (expected, 5, ANJU_PURPOSE_FEE, "Registration fee", 8000, "2027-01-19", ANJU_DUE_SCHEDULED);

  /* The choices stay with the subscription: its plan is made again the same. */
  g_assert_cmpstr (s->plan, ==, "{\"home_number\":2,\"notarised\":true}");
  plan = anju_subscription_load_plan (f->store, s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->price, ==, LIST_PRICE);
  g_assert_cmpint (plan->deposit, ==, 10000000);
  g_assert_cmpstr (plan->date, ==, "2026-11-26");
  g_assert_cmpstr (plan->signing_date, ==, "2026-12-20");
  g_assert_cmpuint (plan->home_number, ==, 2);
}

/* A combination loan's plan: the provident part as the buyer chose, and
 * every expected payment adds up to what the buyer pays. A plan the rules
 * refuse refuses the subscription and writes nothing. */
static void
test_create_expected_from_plan (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *no_part = g_strdup_printf ("{\"quote_id\": \"%s\", \"payment_method\": \"combination\", "
                                              "\"deposit\": 5000000, \"signing_deadline\": \"2026-12-03\"}",
                                              quote_id);
  g_autofree char *low_down = subscribe_json (quote_id, 5000000, "\"plan\": {\"down_payment\": 10000000}");
  g_autofree char *bad_rate = subscribe_json (quote_id, 5000000, "\"plan\": {\"commercial_rate\": \"abc\"}");
  g_autofree char *instalments = g_strdup_printf ("{\"quote_id\": \"%s\", \"payment_method\": \"instalments\", "
                                                  "\"deposit\": 5000000, \"signing_deadline\": \"2026-12-03\", "
                                                  "\"delivery_date\": \"2028-06-30\"}", quote_id);
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(AnjuSubscription) s = NULL;
  g_autoptr(AnjuPaymentPlan) plan = NULL;
  AnjuFen sum = 0;

  REFUSED (f, f->lina, "subscription.create", no_part, ANJU_COMMAND_ERROR_INVALID_FIELD, "plan.provident_amount");
  REFUSED (f, f->lina, "subscription.create", low_down, ANJU_COMMAND_ERROR_INVALID_FIELD, "plan.down_payment");
  REFUSED (f, f->lina, "subscription.create", bad_rate, ANJU_COMMAND_ERROR_INVALID_FIELD, "plan.commercial_rate");

  /* instalments: 50 % at signing (less the deposit), 30 % 90 days after,
   * 20 % 180 days after; then the fees, the maintenance fund at the
   * handover (the delivery date) */
  result = run_ok (f, f->lina, "subscription.create", instalments);
  expected = anju_payments_list_expected (f->store, NULL, NULL, FALSE, NULL);
  s = load_subscription (f, json_object_get_string_member (result, "subscription_id"));
  g_assert_cmpuint (expected->len, ==, 7);
  assert_expected (expected, 0, ANJU_PURPOSE_DEPOSIT, NULL, 5000000, "2026-11-26", ANJU_DUE_SOON);
  assert_expected (expected, 1, ANJU_PURPOSE_INSTALMENT, "Instalment 1", 164185000 - 5000000, "2026-12-03",
                   ANJU_DUE_SOON);
  assert_expected (expected, 2, ANJU_PURPOSE_FEE, "Deed tax", 3283700, "2027-01-02", ANJU_DUE_SCHEDULED);
  assert_expected (expected, 3, ANJU_PURPOSE_FEE, "Registration fee", 8000, "2027-01-02", ANJU_DUE_SCHEDULED);
  assert_expected (expected, 4, ANJU_PURPOSE_INSTALMENT, "Instalment 2", 98511000, "2027-03-03", ANJU_DUE_SCHEDULED);
  assert_expected (expected, 5, ANJU_PURPOSE_INSTALMENT, "Instalment 3", 65674000, "2027-06-01", ANJU_DUE_SCHEDULED);
  assert_expected (expected, 6, ANJU_PURPOSE_FEE, "Maintenance fund", 1472000, "2028-06-30", ANJU_DUE_SCHEDULED);
  for (guint i = 0; i < expected->len; i++)
    sum += ((AnjuExpectedPayment *) g_ptr_array_index (expected, i))->amount;
  plan = anju_subscription_load_plan (f->store, s, NULL);
  g_assert_cmpint (sum, ==, plan->total_buyer);
  g_assert_cmpint (sum, ==, LIST_PRICE + 3283700 + 8000 + 1472000);
}

static void
test_create_deposit_cap (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *over = subscribe_json (quote_id, DEPOSIT_CAP + 1, NULL);
  g_autofree char *at_cap = subscribe_json (quote_id, DEPOSIT_CAP, NULL);
  g_autofree char *zero = subscribe_json (quote_id, 0, NULL);
  g_autofree char *message = NULL;
  g_autoptr(JsonObject) result = NULL;

  /* 20% of ¥3,283,700.00 is ¥656,740.00: one fen more is refused. */
  message = assert_refused (f, f->lina, "subscription.create", over, ANJU_COMMAND_ERROR_INVALID_FIELD, "deposit");
  g_assert_cmpstr (message, ==,
                   "A deposit may be at most 20% of the price: ¥656,740.00 here (Civil Code art. 586). Lower the deposit.");
  REFUSED (f, f->lina, "subscription.create", zero, ANJU_COMMAND_ERROR_INVALID_FIELD, "deposit");
  result = run_ok (f, f->lina, "subscription.create", at_cap);
  g_assert_cmpint (json_object_get_int_member (result, "deposit"), ==, DEPOSIT_CAP);
}

static void
test_create_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *other_price = subscribe_json (quote_id, 5000000, "\"price\": 300000000");
  g_autofree char *same_price = subscribe_json (quote_id, 5000000, "\"price\": 328370000");
  g_autofree char *bad_id = subscribe_json (quote_id, 5000000,
      "\"buyers\": [{}, {\"name\": \"周子涵\", \"id_number\": \"330106199803148440\"}]");
  g_autofree char *no_id = subscribe_json (quote_id, 5000000, "\"buyers\": [{}, {\"name\": \"周子涵\"}]");
  g_autofree char *twice = subscribe_json (quote_id, 5000000,
      "\"buyers\": [{}, {\"name\": \"陈建国\", \"id_number\": \"" ID_CHEN "\"}]");
  g_autofree char *other_buyer = subscribe_json (quote_id, 5000000, "\"buyers\": [{\"customer_id\": \"nobody\"}]");
  g_autofree char *bad_method = g_strdup_printf ("{\"quote_id\": \"%s\", \"payment_method\": \"cash\", "
                                                 "\"deposit\": 5000000, \"signing_deadline\": \"2026-12-03\"}",
                                                 quote_id);
  g_autofree char *past = g_strdup_printf ("{\"quote_id\": \"%s\", \"payment_method\": \"one_time\", "
                                           "\"deposit\": 5000000, \"signing_deadline\": \"2026-11-25\"}", quote_id);
  g_autofree char *message = NULL;
  g_autoptr(JsonObject) result = NULL;

  message = assert_refused (f, f->lina, "subscription.create", other_price, ANJU_COMMAND_ERROR_INVALID_FIELD, "price");
  g_assert_cmpstr (message, ==,
                   "A subscription takes the quote's price, ¥3,283,700.00, and no other. Leave the price out, or make a new quote.");
  REFUSED (f, f->lina, "subscription.create", bad_id, ANJU_COMMAND_ERROR_INVALID_FIELD, "buyers.1.id_number");
  REFUSED (f, f->lina, "subscription.create", no_id, ANJU_COMMAND_ERROR_MISSING_FIELD, "buyers.1.id_number");
  REFUSED (f, f->lina, "subscription.create", twice, ANJU_COMMAND_ERROR_DUPLICATE, "buyers.1.id_number");
  REFUSED (f, f->lina, "subscription.create", other_buyer, ANJU_COMMAND_ERROR_INVALID_FIELD, "buyers.0.customer_id");
  REFUSED (f, f->lina, "subscription.create", bad_method, ANJU_COMMAND_ERROR_INVALID_FIELD, "payment_method");
  REFUSED (f, f->lina, "subscription.create", past, ANJU_COMMAND_ERROR_INVALID_FIELD, "signing_deadline");
  REFUSED (f, f->lina, "subscription.create", "{\"quote_id\": \"none\", \"payment_method\": \"one_time\", "
           "\"deposit\": 5000000, \"signing_deadline\": \"2026-12-03\"}", ANJU_COMMAND_ERROR_NOT_FOUND, "quote_id");
  /* Another consultant cannot use 李娜's quote; finance makes no subscriptions. */
  REFUSED (f, f->wang, "subscription.create", same_price, ANJU_COMMAND_ERROR_FORBIDDEN, "quote_id");
  REFUSED (f, f->cashier, "subscription.create", same_price, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);

  /* The unit must still be held: once the hold has run out it is refused. */
  f->clock.now += 121 * G_TIME_SPAN_MINUTE;
  g_free (message);
  message = assert_refused (f, f->lina, "subscription.create", same_price, ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_cmpstr (message, ==, "Unit 1幢-1502 is not held. Hold it for the customer before the subscription.");

  /* Held again (after the re-hold pause, hold.rehold_pause_minutes), the
   * same price (sent or not) is accepted once. */
  f->clock.now += 30 * G_TIME_SPAN_MINUTE;
  g_free (run_id (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\"}", "hold_id"));
  result = run_ok (f, f->lina, "subscription.create", same_price);
  g_assert_cmpint (json_object_get_int_member (result, "price"), ==, LIST_PRICE);
  REFUSED (f, f->lina, "subscription.create", same_price, ANJU_COMMAND_ERROR_CONFLICT, "quote_id");
}

/* ---- the cooling-off ------------------------------------------------------- */

static void
test_cooling_off_time_left (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autoptr(AnjuSubscription) s = load_subscription (f, id);
  gint64 start = f->clock.now;
  g_autofree char *left_start = NULL, *left_late = NULL, *left_end = NULL;

  g_assert_cmpint (s->cooling_off_ends, ==, start + 72 * G_TIME_SPAN_HOUR);
  g_assert_true (anju_subscription_in_cooling_off (s, start));
  g_assert_cmpint (anju_subscription_cooling_off_left (s, start), ==, 72 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (anju_subscription_cooling_off_left (s, start + 72 * G_TIME_SPAN_HOUR - 1), ==, 1);
  g_assert_false (anju_subscription_in_cooling_off (s, start + 72 * G_TIME_SPAN_HOUR));
  g_assert_cmpint (anju_subscription_cooling_off_left (s, start + 72 * G_TIME_SPAN_HOUR), ==, 0);

  left_start = anju_subscription_format_time_left (72 * G_TIME_SPAN_HOUR);
  left_late = anju_subscription_format_time_left (5 * G_TIME_SPAN_HOUR + 2 * G_TIME_SPAN_MINUTE + 1);
  left_end = anju_subscription_format_time_left (0);
  g_assert_cmpstr (left_start, ==, "3 d 0 h left");
  g_assert_cmpstr (left_late, ==, "5 h 3 min left");
  g_assert_cmpstr (left_end, ==, "ended");
}

static void
test_cooling_off_per_project (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = NULL;
  g_autoptr(AnjuSubscription) s = NULL;

  g_autoptr(JsonObject) set = run_ok (f, f->admin, "project.set_policy",
                                      "{\"project_id\": \"$P\", \"policy\": {\"subscription\": {\"cooling_off_hours\": 48}}}");
  id = subscribe (f, quote_id);
  s = load_subscription (f, id);
  g_assert_cmpint (s->cooling_off_ends, ==, f->clock.now + 48 * G_TIME_SPAN_HOUR);
}

static void
test_withdraw_just_before_72h (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autofree char *deposit_id = pay_deposit (f, id, 5000000);
  g_autofree char *json = g_strdup_printf ("{\"subscription_id\": \"%s\", \"reason\": \"家人不同意\"}", id);
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(AnjuSubscription) s = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *status = NULL;
  AnjuReceipt *refund;

  /* 71:59:59 after the subscription: still inside. The consultant may. */
  f->clock.now += 72 * G_TIME_SPAN_HOUR - G_USEC_PER_SEC;
  result = run_ok (f, f->lina, "subscription.withdraw", json);
  g_assert_cmpstr (json_object_get_string_member (result, "kind"), ==, "cooling_off");
  g_assert_cmpint (json_object_get_int_member (result, "refunded"), ==, 5000000);
  g_assert_cmpint (json_object_get_int_member (result, "forfeited"), ==, 0);

  s = load_subscription (f, id);
  g_assert_cmpint (s->status, ==, ANJU_SUBSCRIPTION_WITHDRAWN);
  g_assert_cmpstr (s->withdrawal_kind, ==, "cooling_off");
  g_assert_cmpstr (s->withdrawal_reason, ==, "家人不同意");
  g_assert_cmpint (s->deposit_paid, ==, 0);
  status = unit_status (f);
  g_assert_cmpstr (status, ==, "available");

  /* The refund is its own receipt, number 2, referring to receipt 1. */
  receipts = anju_receipts_list (f->store, NULL, NULL, id, NULL);
  g_assert_cmpuint (receipts->len, ==, 2);
  refund = g_ptr_array_index (receipts, 1);
  g_assert_cmpint (refund->number, ==, 2);
  g_assert_cmpint (refund->purpose, ==, ANJU_PURPOSE_REFUND);
  g_assert_cmpint (refund->amount, ==, 5000000);
  g_assert_cmpstr (refund->refund_of, ==, deposit_id);
  g_assert_cmpint (refund->refund_of_number, ==, 1);
  g_assert_cmpstr (refund->payer, ==, "陈建国、周子涵");
  g_assert_cmpint (anju_receipt_get_net (refund), ==, -5000000);
  g_assert_cmpint (((AnjuReceipt *)g_ptr_array_index (receipts, 0))->refunded, ==, 5000000);

  /* Nothing more is expected of it; it takes no more payments. */
  expected = anju_payments_list_expected (f->store, NULL, NULL, TRUE, NULL);
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (expected, 0))->status, ==, ANJU_DUE_CANCELLED);
  {
    g_autofree char *pay = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"fee\", "
                                            "\"method\": \"cash\", \"amount\": 100}", id);

    REFUSED (f, f->cashier, "payment.record", pay, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id");
    REFUSED (f, f->lina, "subscription.withdraw", json, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id");
  }
}

static void
test_withdraw_just_after_72h (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autofree char *deposit_id = pay_deposit (f, id, 5000000);
  g_autofree char *json = g_strdup_printf ("{\"subscription_id\": \"%s\", \"reason\": \"改买别的楼盘\"}", id);
  g_autofree char *fee = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"fee\", \"method\": \"transfer\", "
                                          "\"reference\": \"TX-0001\", \"amount\": 80000}", id);
  g_autofree char *message = NULL, *status = NULL;
  g_autoptr(JsonObject) paid = run_ok (f, f->cashier, "payment.record", fee);
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(AnjuSubscription) s = NULL;
  g_autoptr(GPtrArray) receipts = NULL;

  /* 72:00:00 after: the cooling-off is over; a consultant cannot, nor finance. */
  f->clock.now += 72 * G_TIME_SPAN_HOUR;
  message = assert_refused (f, f->lina, "subscription.withdraw", json, ANJU_COMMAND_ERROR_FORBIDDEN, "subscription_id");
  g_assert_cmpstr (message, ==,
                   "The cooling-off of this subscription ended at 2026-11-29 10:00. After it, a withdrawal follows the "
                   "project's forfeiture policy and needs a manager.");
  REFUSED (f, f->cashier, "subscription.withdraw", json, ANJU_COMMAND_ERROR_FORBIDDEN, "subscription_id");

  /* A manager may: the deposit is forfeited, the fee paid back. */
  result = run_ok (f, f->manager, "subscription.withdraw", json);
  g_assert_cmpstr (json_object_get_string_member (result, "kind"), ==, "forfeit");
  g_assert_cmpint (json_object_get_int_member (result, "forfeited"), ==, 5000000);
  g_assert_cmpint (json_object_get_int_member (result, "refunded"), ==, 80000);
  s = load_subscription (f, id);
  g_assert_cmpint (s->forfeited, ==, 5000000);
  status = unit_status (f);
  g_assert_cmpstr (status, ==, "available");
  receipts = anju_receipts_list (f->store, NULL, NULL, id, NULL);
  g_assert_cmpuint (receipts->len, ==, 3);
  g_assert_cmpstr (((AnjuReceipt *)g_ptr_array_index (receipts, 2))->refund_of, ==,
                   json_object_get_string_member (paid, "receipt_id"));
  g_assert_cmpint (((AnjuReceipt *)g_ptr_array_index (receipts, 2))->method, ==, ANJU_TENDER_TRANSFER);
  g_assert_cmpstr (((AnjuReceipt *)g_ptr_array_index (receipts, 2))->approved_by_name, ==, "张伟");
  g_assert_cmpint (((AnjuReceipt *)g_ptr_array_index (receipts, 0))->refunded, ==, 0);
  (void)deposit_id;
}

/* What a screen asks: the same answers as the commands give. */
static void
test_snapshots (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autofree char *paid = pay_deposit (f, id, 5000000);
  g_autoptr(AnjuSubscription) s = load_subscription (f, id);
  g_autoptr(AnjuReceipt) r = load_receipt (f, paid);
  g_autoptr(JsonObject) lina_now = anju_subscription_dup_snapshot (f->store, f->lina, s, f->clock.now);
  g_autoptr(JsonObject) wang_now = anju_subscription_dup_snapshot (f->store, f->wang, s, f->clock.now);
  g_autoptr(JsonObject) lina_late = anju_subscription_dup_snapshot (f->store, f->lina, s,
                                                                   f->clock.now + 72 * G_TIME_SPAN_HOUR);
  g_autoptr(JsonObject) boss_late = anju_subscription_dup_snapshot (f->store, f->manager, s,
                                                                   f->clock.now + 72 * G_TIME_SPAN_HOUR);
  g_autoptr(JsonObject) cashier = anju_finance_dup_snapshot (f->store, f->cashier, r);
  g_autoptr(JsonObject) boss = anju_finance_dup_snapshot (f->store, f->manager, r);
  g_autoptr(JsonObject) consultant = anju_finance_dup_snapshot (f->store, f->lina, NULL);

  g_assert_true (json_object_get_boolean_member (lina_now, "can_withdraw"));
  g_assert_true (json_object_get_boolean_member (lina_now, "in_cooling_off"));
  g_assert_cmpint (json_object_get_int_member (lina_now, "cooling_off_seconds_left"), ==, 72 * 3600);
  g_assert_cmpint (json_object_get_int_member (lina_now, "forfeit"), ==, 0);
  g_assert_false (json_object_get_boolean_member (wang_now, "can_withdraw"));
  g_assert_true (json_object_has_member (wang_now, "withdraw_refusal"));
  g_assert_false (json_object_get_boolean_member (lina_late, "can_withdraw"));
  g_assert_true (json_object_get_boolean_member (lina_late, "withdraw_needs_manager"));
  g_assert_true (json_object_get_boolean_member (boss_late, "can_withdraw"));
  g_assert_cmpint (json_object_get_int_member (boss_late, "forfeit"), ==, 5000000);

  g_assert_true (json_object_get_boolean_member (cashier, "can_record_payment"));
  g_assert_true (json_object_get_boolean_member (cashier, "can_void"));
  g_assert_true (json_object_get_boolean_member (cashier, "can_reissue"));
  g_assert_false (json_object_get_boolean_member (cashier, "can_refund"));
  g_assert_cmpstr (json_object_get_string_member (cashier, "refund_refusal"), ==,
                   "A refund needs a manager's approval. Ask a manager to record it.");
  g_assert_true (json_object_get_boolean_member (cashier, "can_print"));
  g_assert_false (json_object_get_boolean_member (cashier, "copy_next"));
  g_assert_cmpint (json_object_get_int_member (cashier, "refundable"), ==, 5000000);
  g_assert_true (json_object_get_boolean_member (boss, "can_refund"));
  g_assert_false (json_object_get_boolean_member (consultant, "can_record_payment"));
}

static void
test_withdraw_forfeit_policy (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autofree char *json = g_strdup_printf ("{\"subscription_id\": \"%s\", \"reason\": \"协商退定\"}", id);
  g_autoptr(JsonObject) set = run_ok (f, f->admin, "project.set_policy",
                                      "{\"project_id\": \"$P\", \"policy\": {\"subscription\": {\"forfeit_permille\": 300}}}");
  g_autoptr(JsonObject) result = NULL;

  /* Half the deposit paid; 30% of ¥50,000 is kept, the rest returned. */
  g_free (pay_deposit (f, id, 2500000));
  f->clock.now += 80 * G_TIME_SPAN_HOUR;
  result = run_ok (f, f->manager, "subscription.withdraw", json);
  g_assert_cmpint (json_object_get_int_member (result, "forfeited"), ==, 1500000);
  g_assert_cmpint (json_object_get_int_member (result, "refunded"), ==, 1000000);
}

/* ---- payments and receipts -------------------------------------------------- */

static void
test_payment_record (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autofree char *card = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"deposit\", \"method\": \"card\", "
                                           "\"reference\": \"POS 883201\", \"amount\": 3000000, "
                                           "\"payer\": \"陈建国\", \"note\": \"定金（部分）\"}", id);
  g_autofree char *no_ref = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"deposit\", \"method\": \"card\", "
                                             "\"amount\": 100}", id);
  g_autofree char *too_much = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"deposit\", \"method\": \"cash\", "
                                               "\"amount\": 2000001}", id);
  g_autofree char *future = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"deposit\", \"method\": \"cash\", "
                                             "\"amount\": 100, \"paid_on\": \"2026-11-27\"}", id);
  g_autofree char *message = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(AnjuReceipt) r = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *second = NULL;

  REFUSED (f, f->lina, "payment.record", card, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  REFUSED (f, f->cashier, "payment.record", no_ref, ANJU_COMMAND_ERROR_MISSING_FIELD, "reference");
  REFUSED (f, f->cashier, "payment.record", future, ANJU_COMMAND_ERROR_INVALID_FIELD, "paid_on");
  REFUSED (f, f->cashier, "payment.record", "{\"purpose\": \"deposit\", \"method\": \"cash\", \"amount\": 100}",
           ANJU_COMMAND_ERROR_MISSING_FIELD, "subscription_id");
  REFUSED (f, f->cashier, "payment.record", "{\"purpose\": \"refund\", \"method\": \"cash\", \"amount\": 100, \"payer\": \"x\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "purpose");

  first = run_ok (f, f->cashier, "payment.record", card);
  g_assert_cmpint (json_object_get_int_member (first, "number"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "amount_in_words"), ==, "人民币叁万元整");
  r = load_receipt (f, json_object_get_string_member (first, "receipt_id"));
  g_assert_cmpstr (r->payer, ==, "陈建国");
  g_assert_cmpint (r->purpose, ==, ANJU_PURPOSE_DEPOSIT);
  g_assert_cmpint (r->method, ==, ANJU_TENDER_CARD);
  g_assert_cmpstr (r->reference, ==, "POS 883201");
  g_assert_cmpstr (r->paid_on, ==, "2026-11-26");
  g_assert_cmpstr (r->issuer_name, ==, "陈静");
  g_assert_cmpstr (r->unit_label, ==, "1幢-1502");
  g_assert_nonnull (r->expected_payment_id);

  /* ¥30,000 of ¥50,000 paid: ¥20,000.01 more as deposit is refused. */
  message = assert_refused (f, f->cashier, "payment.record", too_much, ANJU_COMMAND_ERROR_INVALID_FIELD, "amount");
  g_assert_cmpstr (message, ==,
                   "The deposit of unit 1幢-1502 is ¥50,000.00 and ¥20,000.00 of it is left to pay. Record at most that "
                   "as deposit, and anything more as a down payment.");

  second = pay_deposit (f, id, 2000000);
  g_assert_cmpint (anju_store_count (f->store, "SELECT max(number) FROM receipts"), ==, 2);
  expected = anju_payments_list_expected (f->store, NULL, NULL, TRUE, NULL);
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (expected, 0))->paid, ==, 5000000);
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (expected, 0))->status, ==, ANJU_DUE_PAID);
  events = anju_customer_list_events (f->store, f->customer_id, NULL);
  g_assert_cmpstr (((AnjuCustomerEvent *)g_ptr_array_index (events, 0))->summary, ==,
                   "Receipt 0000002, Deposit: ¥20,000.00");

  /* A payment without a subscription names its payer and project. */
  {
    g_autoptr(JsonObject) other = run_ok (f, f->cashier, "payment.record",
        "{\"project_id\": \"$P\", \"payer\": \"王女士\", \"purpose\": \"fee\", \"method\": \"cash\", \"amount\": 8000}");

    g_assert_cmpint (json_object_get_int_member (other, "number"), ==, 3);
  }
}

static void
test_receipt_void_and_reissue (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autofree char *wrong = pay_deposit (f, id, 500000);
  g_autofree char *void_json = g_strdup_printf ("{\"receipt_id\": \"%s\", \"reason\": \"金额写错\"}", wrong);
  g_autofree char *reissue_json = g_strdup_printf ("{\"receipt_id\": \"%s\", \"reason\": \"金额写错\", \"amount\": 5000000}",
                                                   wrong);
  g_autoptr(JsonObject) reissued = NULL;
  g_autoptr(AnjuReceipt) old = NULL;
  g_autoptr(AnjuReceipt) fresh = NULL;
  g_autofree char *message = NULL;

  REFUSED (f, f->lina, "receipt.void", void_json, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  REFUSED (f, f->cashier, "receipt.void", "{\"receipt_id\": \"none\", \"reason\": \"x\"}",
           ANJU_COMMAND_ERROR_NOT_FOUND, "receipt_id");
  {
    g_autofree char *no_reason = g_strdup_printf ("{\"receipt_id\": \"%s\"}", wrong);

    REFUSED (f, f->cashier, "receipt.void", no_reason, ANJU_COMMAND_ERROR_MISSING_FIELD, "reason");
  }

  /* Reissue: the wrong one is voided and kept, the new one is number 2. */
  reissued = run_ok (f, f->cashier, "receipt.reissue", reissue_json);
  g_assert_cmpint (json_object_get_int_member (reissued, "number"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (reissued, "voided_receipt_id"), ==, wrong);
  old = load_receipt (f, wrong);
  g_assert_true (old->voided);
  g_assert_cmpstr (old->void_reason, ==, "金额写错");
  g_assert_cmpstr (old->voided_by_name, ==, "陈静");
  g_assert_cmpint (anju_receipt_get_net (old), ==, 0);
  fresh = load_receipt (f, json_object_get_string_member (reissued, "receipt_id"));
  g_assert_cmpint (fresh->amount, ==, 5000000);
  g_assert_cmpint (fresh->reissue_of_number, ==, 1);
  g_assert_cmpstr (fresh->expected_payment_id, ==, old->expected_payment_id);

  message = assert_refused (f, f->cashier, "receipt.void", void_json, ANJU_COMMAND_ERROR_CONFLICT, "receipt_id");
  g_assert_cmpstr (message, ==, "Receipt 0000001 is void already. Issue a new receipt if one is needed.");
  message = (g_free (message), assert_refused (f, f->cashier, "receipt.reissue", reissue_json,
                                               ANJU_COMMAND_ERROR_CONFLICT, "receipt_id"));
  g_assert_cmpstr (message, ==, "Receipt 0000001 was reissued already as receipt 0000002.");
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM receipts"), ==, 2);

  /* A plain void. */
  {
    g_autofree char *again = g_strdup_printf ("{\"receipt_id\": \"%s\", \"reason\": \"重复收款\"}", fresh->id);
    g_autoptr(JsonObject) voided = run_ok (f, f->manager, "receipt.void", again);
    g_autoptr(AnjuSubscription) s = load_subscription (f, id);

    g_assert_cmpint (s->deposit_paid, ==, 0);
  }
}

static void
test_receipt_refund (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autofree char *paid = pay_deposit (f, id, 5000000);
  g_autofree char *part = g_strdup_printf ("{\"receipt_id\": \"%s\", \"reason\": \"多收退回\", \"amount\": 1000000, "
                                           "\"method\": \"transfer\", \"reference\": \"退款 TX-9\"}", paid);
  g_autofree char *rest = g_strdup_printf ("{\"receipt_id\": \"%s\", \"reason\": \"全部退回\"}", paid);
  g_autofree char *too_much = g_strdup_printf ("{\"receipt_id\": \"%s\", \"reason\": \"x\", \"amount\": 4000001}", paid);
  g_autofree char *void_paid = g_strdup_printf ("{\"receipt_id\": \"%s\", \"reason\": \"x\"}", paid);
  g_autofree char *message = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(AnjuReceipt) refund = NULL;

  /* A refund needs a manager. */
  message = assert_refused (f, f->cashier, "receipt.refund", part, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  g_free (message);
  first = run_ok (f, f->manager, "receipt.refund", part);
  g_assert_cmpint (json_object_get_int_member (first, "number"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (first, "amount"), ==, 1000000);
  refund = load_receipt (f, json_object_get_string_member (first, "receipt_id"));
  g_assert_cmpint (refund->purpose, ==, ANJU_PURPOSE_REFUND);
  g_assert_cmpstr (refund->refund_of, ==, paid);
  g_assert_cmpstr (refund->reference, ==, "退款 TX-9");
  g_assert_cmpstr (refund->note, ==, "多收退回");

  message = assert_refused (f, f->manager, "receipt.refund", too_much, ANJU_COMMAND_ERROR_INVALID_FIELD, "amount");
  g_assert_cmpstr (message, ==, "At most ¥40,000.00 of receipt 0000001 is left to refund. Lower the amount.");
  message = (g_free (message), assert_refused (f, f->cashier, "receipt.void", void_paid,
                                               ANJU_COMMAND_ERROR_CONFLICT, "receipt_id"));
  g_assert_cmpstr (message, ==, "Receipt 0000001 has refunds recorded against it. Void the refund receipts first.");
  {
    g_autofree char *of_refund = g_strdup_printf ("{\"receipt_id\": \"%s\", \"reason\": \"x\"}", refund->id);

    REFUSED (f, f->manager, "receipt.refund", of_refund, ANJU_COMMAND_ERROR_CONFLICT, "receipt_id");
  }

  second = run_ok (f, f->manager, "receipt.refund", rest);
  g_assert_cmpint (json_object_get_int_member (second, "amount"), ==, 4000000);
  REFUSED (f, f->manager, "receipt.refund", rest, ANJU_COMMAND_ERROR_CONFLICT, "receipt_id");
}

static void
test_receipt_print_and_paper (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autofree char *paid = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"deposit\", \"method\": \"transfer\", "
                                           "\"reference\": \"BK20261126001\", \"amount\": 5000053}", id);
  g_autoptr(JsonObject) receipt = NULL;
  g_autoptr(JsonObject) print1 = NULL;
  g_autoptr(JsonObject) print2 = NULL;
  g_autoptr(JsonObject) paper = NULL;
  g_autoptr(JsonObject) form = NULL;
  g_autofree char *print_json = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *buyers;

  /* the deposit is ¥50,000; 53 fen over is refused, so pay it as a down payment */
  REFUSED (f, f->cashier, "payment.record", paid, ANJU_COMMAND_ERROR_INVALID_FIELD, "amount");
  g_free (paid);
  paid = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"down_payment\", \"method\": \"transfer\", "
                          "\"reference\": \"BK20261126001\", \"amount\": 10700053}", id);
  receipt = run_ok (f, f->cashier, "payment.record", paid);
  print_json = g_strdup_printf ("{\"receipt_id\": \"%s\"}", json_object_get_string_member (receipt, "receipt_id"));
  REFUSED (f, f->lina, "receipt.print", print_json, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  print1 = run_ok (f, f->cashier, "receipt.print", print_json);
  g_assert_false (json_object_get_boolean_member (print1, "copy"));
  print2 = run_ok (f, f->cashier, "receipt.print", print_json);
  g_assert_true (json_object_get_boolean_member (print2, "copy"));
  g_assert_cmpint (json_object_get_int_member (print2, "print_count"), ==, 2);

  paper = anju_receipt_dup_paper (f->store, json_object_get_string_member (receipt, "receipt_id"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (paper, "number_text"), ==, "0000001");
  g_assert_cmpstr (json_object_get_string_member (paper, "amount"), ==, "107000.53");
  g_assert_cmpstr (json_object_get_string_member (paper, "amount_in_words"), ==, "人民币壹拾万柒仟元零伍角叁分");
  g_assert_cmpstr (json_object_get_string_member (paper, "payer"), ==, "陈建国、周子涵");
  g_assert_cmpstr (json_object_get_string_member (paper, "purpose_code"), ==, "down_payment");
  g_assert_cmpstr (json_object_get_string_member (paper, "method_code"), ==, "transfer");
  g_assert_cmpstr (json_object_get_string_member (paper, "reference"), ==, "BK20261126001");
  g_assert_cmpstr (json_object_get_string_member (paper, "issuer"), ==, "陈静");
  g_assert_cmpstr (json_object_get_string_member (paper, "unit"), ==, "1幢-1502");
  g_assert_cmpstr (json_object_get_string_member (paper, "project"), ==, "万科·安居苑");
  g_assert_true (json_object_get_boolean_member (paper, "copy"));
  g_assert_false (json_object_get_boolean_member (paper, "void"));

  form = anju_subscription_dup_paper (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (form, "price"), ==, "3283700.00");
  g_assert_cmpstr (json_object_get_string_member (form, "price_in_words"), ==, "人民币叁佰贰拾捌万叁仟柒佰元整");
  g_assert_cmpstr (json_object_get_string_member (form, "deposit"), ==, "50000.00");
  g_assert_cmpstr (json_object_get_string_member (form, "deposit_in_words"), ==, "人民币伍万元整");
  g_assert_cmpstr (json_object_get_string_member (form, "payment_method_code"), ==, "commercial");
  g_assert_cmpstr (json_object_get_string_member (form, "signing_deadline"), ==, "2026-12-03");
  g_assert_cmpstr (json_object_get_string_member (form, "consultant"), ==, "李娜");
  g_assert_cmpstr (json_object_get_string_member (form, "developer"), ==, "安居置业");
  g_assert_cmpint (json_object_get_int_member (form, "cooling_off_hours"), ==, 72);
  g_assert_cmpstr (json_object_get_string_member (form, "cooling_off_ends_at"), ==, "2026-11-29 10:00");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (form, "unit"), "label"), ==, "1幢-1502");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (form, "unit"), "layout"), ==, "3室2厅2卫");
  buyers = json_object_get_array_member (form, "buyers");
  g_assert_cmpuint (json_array_get_length (buyers), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (buyers, 1), "id_number"), ==, ID_WIFE);
  g_assert_null (anju_subscription_dup_paper (f->store, "none", &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_NOT_FOUND);
}

static void
test_due_status (void)
{
  /* paid, then overdue / amber / scheduled around a 14-day window */
  g_assert_cmpint (anju_due_status_compute (100, 100, FALSE, "2026-11-01", "2026-11-26", 14), ==, ANJU_DUE_PAID);
  g_assert_cmpint (anju_due_status_compute (100, 0, TRUE, "2026-11-01", "2026-11-26", 14), ==, ANJU_DUE_CANCELLED);
  g_assert_cmpint (anju_due_status_compute (100, 99, FALSE, "2026-11-25", "2026-11-26", 14), ==, ANJU_DUE_OVERDUE);
  g_assert_cmpint (anju_due_status_compute (100, 0, FALSE, "2026-11-26", "2026-11-26", 14), ==, ANJU_DUE_SOON);
  g_assert_cmpint (anju_due_status_compute (100, 0, FALSE, "2026-12-10", "2026-11-26", 14), ==, ANJU_DUE_SOON);
  g_assert_cmpint (anju_due_status_compute (100, 0, FALSE, "2026-12-11", "2026-11-26", 14), ==, ANJU_DUE_SCHEDULED);
  g_assert_cmpint (anju_due_status_compute (100, 0, FALSE, "2026-12-11", "2026-11-26", 15), ==, ANJU_DUE_SOON);
}

static void
test_expected_payments_over_time (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autofree char *expect = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"down_payment\", "
                                             "\"amount\": 93511000, \"due_on\": \"2026-12-11\", \"label\": \"首付款\"}", id);
  g_autoptr(JsonObject) added = run_ok (f, f->lina, "payment.expect", expect);
  g_autoptr(GPtrArray) now = anju_payments_list_expected (f->store, NULL, NULL, FALSE, NULL);
  g_autoptr(GPtrArray) day_later = NULL;
  g_autoptr(GPtrArray) weeks_later = NULL;
  g_autoptr(GPtrArray) others = anju_payments_list_expected (f->store, NULL, f->wang->id, FALSE, NULL);

  g_assert_nonnull (json_object_get_string_member (added, "expected_payment_id"));
  g_assert_cmpuint (others->len, ==, 0);
  /* today: the plan's deposit due today (amber), its down payment at
   * signing in 7 days (amber), the payment added due in 15 days, the
   * plan's deed tax and registration fee after signing */
  g_assert_cmpuint (now->len, ==, 5);
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (now, 0))->status, ==, ANJU_DUE_SOON);
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (now, 1))->status, ==, ANJU_DUE_SOON);
  g_assert_cmpstr (((AnjuExpectedPayment *)g_ptr_array_index (now, 2))->label, ==, "首付款");
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (now, 2))->status, ==, ANJU_DUE_SCHEDULED);
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (now, 2))->days_left, ==, 15);

  /* a day later: the deposit is overdue (red), the added payment amber */
  f->clock.now += G_TIME_SPAN_DAY;
  day_later = anju_payments_list_expected (f->store, NULL, NULL, FALSE, NULL);
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (day_later, 0))->status, ==, ANJU_DUE_OVERDUE);
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (day_later, 0))->days_left, ==, -1);
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (day_later, 2))->status, ==, ANJU_DUE_SOON);

  /* paid, the deposit leaves the list */
  g_free (pay_deposit (f, id, 5000000));
  weeks_later = anju_payments_list_expected (f->store, NULL, NULL, FALSE, NULL);
  g_assert_cmpuint (weeks_later->len, ==, 4);
  g_assert_cmpint (((AnjuExpectedPayment *)g_ptr_array_index (weeks_later, 0))->purpose, ==, ANJU_PURPOSE_DOWN_PAYMENT);
}

/* The workbench's "Payments due": a consultant sees their own deals'
 * expected payments, amber and red as finance sees them; another
 * consultant sees none of them; finance sees them all. */
static AnjuWorkbenchSection *
find_section (AnjuWorkbench *wb,
              const char    *id)
{
  for (guint i = 0; i < wb->sections->len; i++)
    if (g_str_equal (((AnjuWorkbenchSection *) g_ptr_array_index (wb->sections, i))->id, id))
      return g_ptr_array_index (wb->sections, i);
  return NULL;
}

static void
test_workbench_payments (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuWorkbench) lina = NULL, wang = NULL, cashier = NULL, later = NULL;
  AnjuWorkbenchSection *section;
  JsonObject *first, *second;

  lina = anju_workbench_load (f->store, f->lina->id, NULL, &error);
  g_assert_no_error (error);
  section = find_section (lina, "finance");
  g_assert_nonnull (section);
  g_assert_cmpstr (section->title, ==, "Payments due");
  /* deposit today and down payment at signing (both amber), deed tax and
   * registration after it */
  g_assert_cmpuint (section->count, ==, 4);
  g_assert_cmpuint (section->urgent, ==, 0);
  first = json_array_get_object_element (section->items, 0);
  second = json_array_get_object_element (section->items, 2);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "1幢-1502 · 陈建国 (陈先生) — Deposit");
  g_assert_cmpstr (json_object_get_string_member (first, "subtitle"), ==, "¥50,000.00 due today");
  g_assert_true (json_object_get_boolean_member (first, "soon"));
  g_assert_false (json_object_get_boolean_member (first, "urgent"));
  g_assert_false (json_object_get_boolean_member (second, "soon"));

  wang = anju_workbench_load (f->store, f->wang->id, NULL, &error);
  g_assert_cmpuint (find_section (wang, "finance")->count, ==, 0);
  cashier = anju_workbench_load (f->store, f->cashier->id, NULL, &error);
  g_assert_cmpuint (find_section (cashier, "finance")->count, ==, 4);

  /* two days on, the unpaid deposit is red */
  f->clock.now += 2 * G_TIME_SPAN_DAY;
  later = anju_workbench_load (f->store, f->lina->id, NULL, &error);
  section = find_section (later, "finance");
  g_assert_cmpuint (section->urgent, ==, 1);
  first = json_array_get_object_element (section->items, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "subtitle"), ==,
                   "¥50,000.00 due 2026-11-26, 2 days overdue");
  g_assert_true (json_object_get_boolean_member (first, "urgent"));
}

static void
test_daily_summary (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *quote_id = open_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  g_autofree char *cash = pay_deposit (f, id, 2000000);
  g_autofree char *card = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"deposit\", \"method\": \"card\", "
                                           "\"reference\": \"POS 1\", \"amount\": 3000000}", id);
  g_autofree char *fee = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"fee\", \"method\": \"transfer\", "
                                          "\"reference\": \"TX 1\", \"amount\": 8000}", id);
  g_autofree char *void_fee = NULL, *refund = NULL;
  g_autoptr(JsonObject) card_r = run_ok (f, f->cashier, "payment.record", card);
  g_autoptr(JsonObject) fee_r = run_ok (f, f->cashier, "payment.record", fee);
  g_autoptr(AnjuDaySummary) today = NULL;
  g_autoptr(AnjuDaySummary) tomorrow = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;

  void_fee = g_strdup_printf ("{\"receipt_id\": \"%s\", \"reason\": \"收错项目\"}",
                              json_object_get_string_member (fee_r, "receipt_id"));
  json_object_unref (run_ok (f, f->cashier, "receipt.void", void_fee));
  refund = g_strdup_printf ("{\"receipt_id\": \"%s\", \"reason\": \"退回部分现金\", \"amount\": 500000}", cash);
  json_object_unref (run_ok (f, f->manager, "receipt.refund", refund));

  today = anju_receipts_summarize_day (f->store, NULL, "2026-11-26", &error);
  g_assert_no_error (error);
  /* cash: 20,000 in, 5,000 out; card: 30,000; the voided transfer counts nothing */
  g_assert_cmpuint (today->methods[ANJU_TENDER_CASH].count, ==, 2);
  g_assert_cmpint (today->methods[ANJU_TENDER_CASH].received, ==, 2000000);
  g_assert_cmpint (today->methods[ANJU_TENDER_CASH].refunded, ==, 500000);
  g_assert_cmpint (today->methods[ANJU_TENDER_CASH].net, ==, 1500000);
  g_assert_cmpint (today->methods[ANJU_TENDER_CARD].net, ==, 3000000);
  g_assert_cmpuint (today->methods[ANJU_TENDER_TRANSFER].count, ==, 0);
  g_assert_cmpint (today->methods[ANJU_TENDER_TRANSFER].net, ==, 0);
  g_assert_cmpuint (today->voided, ==, 1);
  g_assert_cmpuint (today->count, ==, 3);
  g_assert_cmpint (today->received, ==, 5000000);
  g_assert_cmpint (today->net, ==, 4500000);
  g_assert_cmpint (today->first_number, ==, 1);
  g_assert_cmpint (today->last_number, ==, 4);
  json = anju_day_summary_to_json (today);
  g_assert_cmpstr (json_object_get_string_member (json, "net"), ==, "45000.00");
  g_assert_cmpstr (json_object_get_string_member (json, "net_in_words"), ==, "人民币肆万伍仟元整");

  tomorrow = anju_receipts_summarize_day (f->store, NULL, "2026-11-27", &error);
  g_assert_cmpuint (tomorrow->count, ==, 0);
  g_assert_cmpint (tomorrow->net, ==, 0);
  (void)card_r;
}

/* SPEC §1: the profile's "subscribed units and value". */
static void
test_customer_subscriptions (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *quote_id = approved_quote (f);
  g_autofree char *first = subscribe (f, quote_id);
  g_autofree char *second_unit = NULL, *second_quote = NULL, *second = NULL, *json = NULL;
  g_autofree char *withdraw = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  AnjuFen total = -1;

  list = anju_subscriptions_of_customer (f->store, f->customer_id, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((AnjuSubscription *)g_ptr_array_index (list, 0))->unit_label, ==, "1幢-1502");
  g_assert_cmpint (total, ==, 314398728);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* An hour later, a second unit at its list price, ¥3,301,234.56. */
  f->clock.now += G_TIME_SPAN_HOUR;
  second_unit = run_id (f, f->manager, "unit.create",
                        "{\"building_id\": \"$B\", \"floor\": 16, \"number\": \"1602\", \"layout\": \"3室2厅2卫\", "
                        "\"gross_area\": 11500, \"inner_area\": 9085, \"list_price\": 330123456}", "unit_id");
  json = g_strdup_printf ("{\"unit_id\": \"%s\", \"minutes\": 120, \"customer_id\": \"$C\"}", second_unit);
  g_free (run_id (f, f->lina, "unit.hold", json, "hold_id"));
  g_free (json);
  json = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"$C\"}", second_unit);
  second_quote = run_id (f, f->lina, "quote.create", json, "quote_id");
  second = subscribe (f, second_quote);

  list = anju_subscriptions_of_customer (f->store, f->customer_id, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((AnjuSubscription *)g_ptr_array_index (list, 0))->id, ==, first);
  g_assert_cmpstr (((AnjuSubscription *)g_ptr_array_index (list, 1))->unit_label, ==, "1幢-1602");
  g_assert_cmpint (total, ==, 314398728 + 330123456);
  g_assert_cmpint (total, ==, 644522184);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A withdrawn subscription is no longer the customer's. */
  withdraw = g_strdup_printf ("{\"subscription_id\": \"%s\", \"reason\": \"家人不同意\"}", first);
  json_object_unref (run_ok (f, f->lina, "subscription.withdraw", withdraw));
  list = anju_subscriptions_of_customer (f->store, f->customer_id, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((AnjuSubscription *)g_ptr_array_index (list, 0))->id, ==, second);
  g_assert_cmpint (total, ==, 330123456);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Another customer has none. */
  list = anju_subscriptions_of_customer (f->store, "no-such-customer", &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpint (total, ==, 0);
}

static const AnjuSalesCredit *
credit_of (GPtrArray      *credits,
           const AnjuUser *user)
{
  for (guint i = 0; i < credits->len; i++)
    {
      const AnjuSalesCredit *c = g_ptr_array_index (credits, i);

      if (g_strcmp0 (c->consultant_id, user->id) == 0)
        return c;
    }
  return NULL;
}

static void
assert_credit (Fixture        *f,
               const AnjuUser *user,
               gint64          deals_permille,
               AnjuFen         amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) credits = anju_sales_credit_list (f->store, NULL, NULL, NULL, &error);
  const AnjuSalesCredit *c;

  g_assert_no_error (error);
  c = credit_of (credits, user);
  if (deals_permille == 0)
    {
      g_assert_null (c);
      return;
    }
  g_assert_nonnull (c);
  g_assert_cmpint (c->deals_permille, ==, deals_permille);
  g_assert_cmpint (c->amount, ==, amount);
}

/* SPEC §3: a shared deal splits the credit between two consultants. */
static void
test_shared_deal_credit (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *quote_id = approved_quote (f);
  g_autofree char *id = subscribe (f, quote_id);
  char *json = NULL, *share = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuWorkbench) lina = NULL, wang = NULL, manager = NULL, december = NULL;
  g_autoptr(AnjuSubscription) s = NULL;
  AnjuWorkbenchSection *section;
  JsonObject *item;

#define SHARE(extra) g_strdup_printf ("{\"subscription_id\": \"%s\"%s}", id, (extra))

  /* Not shared: the whole deal is 李娜's. */
  assert_credit (f, f->lina, 1000, ASKED);
  assert_credit (f, f->wang, 0, 0);

  /* Who may share it, with whom, and by how much. */
  json = g_strdup_printf (", \"co_consultant_id\": \"%s\"", f->wang->id);
  share = SHARE (json);
  REFUSED (f, f->wang, "subscription.share", share, ANJU_COMMAND_ERROR_FORBIDDEN, "subscription_id");
  REFUSED (f, f->cashier, "subscription.share", share, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  g_free (share);
  g_free (json);
  json = g_strdup_printf (", \"co_consultant_id\": \"%s\"", f->lina->id);
  share = SHARE (json);
  REFUSED (f, f->lina, "subscription.share", share, ANJU_COMMAND_ERROR_INVALID_FIELD, "co_consultant_id");
  g_free (share);
  g_free (json);
  json = g_strdup_printf (", \"co_consultant_id\": \"%s\"", f->cashier->id);
  share = SHARE (json);
  REFUSED (f, f->lina, "subscription.share", share, ANJU_COMMAND_ERROR_INVALID_FIELD, "co_consultant_id");
  g_free (share);
  for (int i = 0; i < 3; i++)
    {
      const int bad[] = { 0, 100, -5 };

      g_free (json);
      json = g_strdup_printf (", \"co_consultant_id\": \"%s\", \"co_share_percent\": %d", f->wang->id, bad[i]);
      share = SHARE (json);
      REFUSED (f, f->lina, "subscription.share", share, ANJU_COMMAND_ERROR_INVALID_FIELD, "co_share_percent");
      g_free (share);
    }
  share = SHARE (", \"co_share_percent\": 40");
  REFUSED (f, f->lina, "subscription.share", share, ANJU_COMMAND_ERROR_MISSING_FIELD, "co_consultant_id");
  g_free (share);
  assert_credit (f, f->lina, 1000, ASKED);

  /* 50/50 by default: 314,398,728 fen is 157,199,364 each. */
  g_free (json);
  json = g_strdup_printf (", \"co_consultant_id\": \"%s\"", f->wang->id);
  share = SHARE (json);
  result = run_ok (f, f->lina, "subscription.share", share);
  g_free (share);
  g_assert_cmpint (json_object_get_int_member (result, "co_share_percent"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (result, "consultant_amount"), ==, 157199364);
  g_assert_cmpint (json_object_get_int_member (result, "co_consultant_amount"), ==, 157199364);
  g_clear_pointer (&result, json_object_unref);
  assert_credit (f, f->lina, 500, 157199364);
  assert_credit (f, f->wang, 500, 157199364);
  s = load_subscription (f, id);
  g_assert_cmpstr (s->co_consultant_id, ==, f->wang->id);
  g_assert_cmpstr (s->co_consultant_name, ==, "王芳");
  g_assert_cmpint (s->co_share_percent, ==, 50);

  /* A manager makes it 70/30: 30 % of 314,398,728 is 94,319,618.4 →
   * 94,319,618 for 王芳, and 李娜 keeps the rest, 220,079,110. */
  g_free (json);
  json = g_strdup_printf (", \"co_consultant_id\": \"%s\", \"co_share_percent\": 30", f->wang->id);
  share = SHARE (json);
  result = run_ok (f, f->manager, "subscription.share", share);
  g_free (share);
  g_assert_cmpint (json_object_get_int_member (result, "consultant_amount"), ==, 220079110);
  g_assert_cmpint (json_object_get_int_member (result, "co_consultant_amount"), ==, 94319618);
  g_clear_pointer (&result, json_object_unref);
  assert_credit (f, f->lina, 700, 220079110);
  assert_credit (f, f->wang, 300, 94319618);
  g_assert_cmpint (anju_subscription_credit_for (s, f->manager->id, NULL), ==, 0);

  /* The workbench credits each with their part. */
  lina = anju_workbench_load (f->store, f->lina->id, "2026-11-26", &error);
  g_assert_no_error (error);
  section = find_section (lina, "sales");
  g_assert_cmpstr (section->title, ==, "Sales this month");
  g_assert_cmpstr (section->description, ==, "0.7 deals · ¥2,200,791.10");
  g_assert_cmpuint (section->count, ==, 1);
  item = json_array_get_object_element (section->items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "1幢-1502 · 陈建国 (陈先生)");
  g_assert_cmpstr (json_object_get_string_member (item, "subtitle"), ==,
                   "¥2,200,791.10 of ¥3,143,987.28 · shared with 王芳 (30%)");
  wang = anju_workbench_load (f->store, f->wang->id, "2026-11-26", &error);
  section = find_section (wang, "sales");
  g_assert_cmpstr (section->description, ==, "0.3 deals · ¥943,196.18");
  item = json_array_get_object_element (section->items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "subtitle"), ==,
                   "¥943,196.18 of ¥3,143,987.28 · shared with 李娜 (70%)");
  manager = anju_workbench_load (f->store, f->manager->id, "2026-11-26", &error);
  section = find_section (manager, "sales");
  g_assert_cmpstr (section->description, ==, "1 deal · ¥3,143,987.28");
  g_assert_cmpuint (section->count, ==, 2);
  item = json_array_get_object_element (section->items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "李娜");
  g_assert_cmpstr (json_object_get_string_member (item, "subtitle"), ==, "0.7 deals · ¥2,200,791.10");
  item = json_array_get_object_element (section->items, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "王芳");
  g_assert_cmpstr (json_object_get_string_member (item, "subtitle"), ==, "0.3 deals · ¥943,196.18");
  /* … in the month of the deal only */
  december = anju_workbench_load (f->store, f->lina->id, "2026-12-01", &error);
  g_assert_cmpuint (find_section (december, "sales")->count, ==, 0);

  /* Without a co-consultant the deal is 李娜's alone again. */
  share = SHARE ("");
  json_object_unref (run_ok (f, f->lina, "subscription.share", share));
  g_free (share);
  assert_credit (f, f->lina, 1000, ASKED);
  assert_credit (f, f->wang, 0, 0);

  /* A withdrawn deal credits nobody and cannot be shared. */
  share = SHARE (", \"reason\": \"家人不同意\"");
  json_object_unref (run_ok (f, f->lina, "subscription.withdraw", share));
  g_free (share);
  assert_credit (f, f->lina, 0, 0);
  share = SHARE (json);
  REFUSED (f, f->manager, "subscription.share", share, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id");
  g_free (share);
  g_free (json);
#undef SHARE
}

static void
test_format_deals (void)
{
  const struct { gint64 permille; const char *text; } cases[] = {
    { 0, "0 deals" }, { 1000, "1 deal" }, { 2000, "2 deals" }, { 500, "0.5 deals" },
    { 1500, "1.5 deals" }, { 250, "0.25 deals" }, { 10, "0.01 deals" }, { 3700, "3.7 deals" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = anju_sales_credit_format_deals (cases[i].permille);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_numbers_per_project (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *other = run_id (f, f->admin, "project.create", "{\"name\": \"安居·二期\"}", "project_id");
  g_autofree char *json = g_strdup_printf ("{\"project_id\": \"%s\", \"payer\": \"李四\", \"purpose\": \"fee\", "
                                           "\"method\": \"cash\", \"amount\": 100}", other);

  for (int i = 1; i <= 3; i++)
    {
      g_autoptr(JsonObject) a = run_ok (f, f->cashier, "payment.record",
          "{\"project_id\": \"$P\", \"payer\": \"张三\", \"purpose\": \"fee\", \"method\": \"cash\", \"amount\": 100}");
      g_autoptr(JsonObject) b = run_ok (f, f->cashier, "payment.record", json);

      g_assert_cmpint (json_object_get_int_member (a, "number"), ==, i);
      g_assert_cmpint (json_object_get_int_member (b, "number"), ==, i);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  anju_format_set_time_zone ("Asia/Shanghai");

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/subscriptions/create/approved-quote", test_create_from_approved_quote);
  ADD ("/subscriptions/create/one-time", test_create_one_time_expects_the_rest);
  ADD ("/subscriptions/create/expected-from-plan", test_create_expected_from_plan);
  ADD ("/finance/workbench-payments", test_workbench_payments);
  ADD ("/subscriptions/create/deposit-cap", test_create_deposit_cap);
  ADD ("/subscriptions/create/refused", test_create_refused);
  ADD ("/subscriptions/cooling-off/time-left", test_cooling_off_time_left);
  ADD ("/subscriptions/cooling-off/per-project", test_cooling_off_per_project);
  ADD ("/subscriptions/withdraw/just-before-72h", test_withdraw_just_before_72h);
  ADD ("/subscriptions/withdraw/just-after-72h", test_withdraw_just_after_72h);
  ADD ("/subscriptions/withdraw/forfeit-policy", test_withdraw_forfeit_policy);
  ADD ("/subscriptions/snapshots", test_snapshots);
  ADD ("/finance/payment-record", test_payment_record);
  ADD ("/finance/void-and-reissue", test_receipt_void_and_reissue);
  ADD ("/finance/refund", test_receipt_refund);
  ADD ("/finance/print-and-paper", test_receipt_print_and_paper);
  g_test_add_func ("/finance/due-status", test_due_status);
  ADD ("/finance/expected-over-time", test_expected_payments_over_time);
  ADD ("/finance/daily-summary", test_daily_summary);
  ADD ("/finance/numbers-per-project", test_numbers_per_project);
  ADD ("/subscriptions/of-customer", test_customer_subscriptions);
  ADD ("/subscriptions/shared-credit", test_shared_deal_credit);
  g_test_add_func ("/subscriptions/format-deals", test_format_deals);
  return g_test_run ();
}
