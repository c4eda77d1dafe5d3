/* test-demo.c — the demo project loads whole, exactly, once */
#include <gio/gio.h>

#include "anju-demo.h"
#include "anju-finance.h"
#include "anju-format.h"
#include "anju-reception-private.h"
#include "anju-pricing.h"
#include "anju-subscriptions.h"
#include "anju-ident.h"
#include "anju-segmentation.h"
#include "anju-test-util.h"

/* data/demo/: 3 buildings of 18, 20 and 18 floors, 4 units a floor. */
#define DEMO_UNITS      ((18 + 20 + 18) * 4)
#define DEMO_USERS      7
#define DEMO_CUSTOMERS  38
/* data/demo/deals.json: 5 deals of 3 commands (hold, quote, subscribe),
 * 4 payments, 1 reissue, 1 withdrawal. Units change on every hold and
 * subscription, and once more for the withdrawal. */
#define DEMO_DEAL_COMMANDS  (5 * 3 + 4 + 1 + 1)
#define DEMO_UNIT_CHANGES   (5 * 2 + 1)

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now = anju_test_time ("2026-01-26T02:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gint64
count_text (AnjuStore  *store,
            const char *sql,
            const char *value)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

typedef struct
{
  const char *building;
  const char *number;
  gint64      floor;
  const char *layout;
  const char *orientation;
  gint64      gross_area;
  gint64      inner_area;
  gint64      list_price;
} ExpectedUnit;

/* Worked by hand from project.json:
 * price per m² = base + (floor − 1) × increment + orientation premium. */
static const ExpectedUnit expected_units[] = {
  /* 1幢 101: D143 东南, 28,500 + 0 + 600 = ¥29,100/m² × 143 m² */
  { "1幢", "101", 1, "4室2厅2卫", "东南", 14300, 11297, 416130000 },
  /* 1幢 1804: C128 西南, 28,500 + 17 × 150 + 400 = ¥31,450/m² × 128 m² */
  { "1幢", "1804", 18, "3室2厅2卫", "西南", 12800, 10048, 402560000 },
  /* 2幢 1502: B115 南, 29,500 + 14 × 200 = ¥32,300/m² × 115 m² */
  { "2幢", "1502", 15, "3室2厅2卫", "南", 11500, 9085, 371450000 },
  /* 2幢 2001: C128 南北通透, 29,500 + 19 × 200 + 1,000 = ¥34,300/m² × 128 m² */
  { "2幢", "2001", 20, "3室2厅2卫", "南北通透", 12800, 10048, 439040000 },
  /* 3幢 1802: A89 南, 28,000 + 17 × 150 = ¥30,550/m² × 89 m² */
  { "3幢", "1802", 18, "2室2厅1卫", "南", 8900, 7030, 271895000 },
  /* 3幢 101: B115 南北通透, 28,000 + 1,000 = ¥29,000/m² × 115 m² */
  { "3幢", "101", 1, "3室2厅2卫", "南北通透", 11500, 9085, 333500000 },
};

static void
check_unit (AnjuStore          *store,
            const ExpectedUnit *expected)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT u.floor, u.layout, u.orientation, u.gross_area, u.inner_area, u.list_price, u.status "
      "FROM units u JOIN buildings b ON b.id = u.building_id WHERE b.name = ? AND u.number = ?", NULL);

  g_test_message ("unit %s %s", expected->building, expected->number);
  sqlite3_bind_text (stmt, 1, expected->building, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, expected->number, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, expected->floor);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, expected->layout);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 2), ==, expected->orientation);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, expected->gross_area);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, expected->inner_area);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, expected->list_price);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 6), ==, "available");
  sqlite3_reset (stmt);
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AnjuSegmentModel *vanke = anju_segment_model_lookup ("vanke");
  sqlite3_stmt *stmt;
  gint64 ids = 0;

  g_assert_true (anju_demo_load (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (anju_store_in_transaction (f->store));

  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM projects"), ==, 1);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM projects WHERE name = '万科·安居苑' AND city = '杭州' "
                   "AND segmentation_model = 'vanke' AND hotline IS NOT NULL"), ==, 1);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM buildings"), ==, 3);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM buildings WHERE units_per_floor = 4"), ==, 3);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM units"), ==, DEMO_UNITS);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM users"), ==, DEMO_USERS);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM customers"), ==, DEMO_CUSTOMERS);

  /* One user of each role. */
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(DISTINCT role) FROM users"), ==, 4);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM users WHERE role = 'consultant'"), ==, 2);

  /* Every unit is fully in its building and the board: floors × 4 units. */
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM units u JOIN buildings b ON b.id = u.building_id "
                   "WHERE u.floor BETWEEN 1 AND b.floors"), ==, DEMO_UNITS);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM (SELECT building_id, floor FROM units "
                   "GROUP BY building_id, floor HAVING count(*) = 4)"), ==, 18 + 20 + 18);
  /* Inner area 78–80% of gross; ¥28,000–36,000 per m². */
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM units WHERE inner_area * 100 < gross_area * 78 "
                   "OR inner_area * 100 > gross_area * 80"), ==, 0);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM units WHERE list_price * 100 < gross_area * 2800000 "
                   "OR list_price * 100 > gross_area * 3600000"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected_units); i++)
    check_unit (f->store, &expected_units[i]);

  /* The consultant owns the customers they created; the demo keeps them
   * split between the two. */
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM customers c JOIN users u ON u.id = c.owner_id "
                   "WHERE u.role = 'consultant' AND c.created_by = c.owner_id"), ==, DEMO_CUSTOMERS);
  g_assert_cmpint (count_text (f->store,
                   "SELECT count(*) FROM customers c JOIN users u ON u.id = c.owner_id "
                   "WHERE u.username = ?", "lina"), ==, DEMO_CUSTOMERS / 2);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM customers WHERE project_id = (SELECT id FROM projects)"),
                   ==, DEMO_CUSTOMERS);

  /* Every segment of the project's model has customers; only the two
   * first-call leads say too little for a suggestion. */
  g_assert_nonnull (vanke);
  for (guint i = 0; i < anju_segment_model_get_n_segments (vanke); i++)
    {
      const char *segment = anju_segment_model_get_segment_id (vanke, i);

      g_test_message ("segment %s", segment);
      g_assert_cmpint (count_text (f->store,
                       "SELECT count(*) FROM customers WHERE segment = ? AND segment_source = 'suggested'",
                       segment), >=, 1);
    }
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM customers WHERE segment IS NULL"), ==, 2);

  /* Personal data is valid: distinct mainland mobiles, ID numbers that
   * pass GB 11643 (check character, region, birth date). */
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(DISTINCT mobile) FROM customers"), ==, DEMO_CUSTOMERS);
  stmt = anju_store_prepare (f->store, "SELECT id_number FROM customers WHERE id_number IS NOT NULL", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      g_autoptr(GError) id_error = NULL;
      g_autofree char *normal = anju_id_number_normalize (id, f->clock.now, &id_error);

      g_assert_no_error (id_error);
      g_assert_cmpstr (normal, ==, id);
      ids++;
    }
  sqlite3_reset (stmt);
  g_assert_cmpint (ids, >=, 12);

  /* Everything went through commands: audited and in the change feed.
   * The units arrive as one price list, the office's first import. */
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM audit"), ==,
                   DEMO_USERS + 1 + 3 + 1 + DEMO_CUSTOMERS + DEMO_DEAL_COMMANDS);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM changes WHERE tbl = 'units'"), ==, DEMO_UNITS + DEMO_UNIT_CHANGES);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM audit WHERE action = 'customer.create' "
                   "AND actor_id IN (SELECT id FROM users WHERE role = 'consultant')"), ==, DEMO_CUSTOMERS);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM audit WHERE action IN ('project.create', 'building.create', 'price_list.import') "
                   "AND actor_id = (SELECT id FROM users WHERE username = 'admin')"), ==, 1 + 3 + 1);

  /* The price list brings the board's marks: 7 hot units, 5 special
   * offers, and floor prices at 96% of the list price, to the fen. */
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM price_lists"), ==, 1);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM units WHERE price_version = 1"), ==, DEMO_UNITS);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM units WHERE hot = 1"), ==, 7);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM units WHERE special_offer IS NOT NULL"), ==, 5);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM units WHERE floor_price != (list_price * 960 + 500) / 1000"), ==, 0);
}

static void
test_users_sign_in (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *username; const char *name; AnjuRole role; } users[] = {
    { "admin", "系统管理员", ANJU_ROLE_ADMIN },
    { "zhangwei", "张伟", ANJU_ROLE_MANAGER },
    { "huangmin", "黄敏", ANJU_ROLE_MANAGER },
    { "xutao", "徐涛", ANJU_ROLE_MANAGER },
    { "lina", "李娜", ANJU_ROLE_CONSULTANT },
    { "wanglei", "王磊", ANJU_ROLE_CONSULTANT },
    { "chenjing", "陈静", ANJU_ROLE_FINANCE },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (anju_demo_load (f->store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(AnjuUser) user = anju_user_authenticate (f->store, users[i].username, "anju-demo-1", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (user->display_name, ==, users[i].name);
      g_assert_cmpint (user->role, ==, users[i].role);
    }
}

static void
test_twice_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (anju_demo_load (f->store, &error));
  g_assert_no_error (error);
  before = anju_test_dump_database (f->store);

  g_assert_false (anju_demo_load (f->store, &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_CONFLICT);
  g_assert_false (anju_store_in_transaction (f->store));
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* A failure half-way (a demo customer's mobile is already on file) leaves
 * no user, project, unit or customer of the demo behind. */
static void
test_failure_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(AnjuUser) other = anju_test_add_user (f->store, "zhoujie", "周杰", ANJU_ROLE_CONSULTANT);
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* The last demo customer's number: the failure comes after everything else. */
  payload = anju_test_json_object ("{\"name\": \"另一位客户\", \"mobile\": \"18821760550\"}");
  answer = anju_command_run (f->store, other, "customer.create", payload, &error);
  g_assert_no_error (error);
  before = anju_test_dump_database (f->store);

  g_assert_false (anju_demo_load (f->store, &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_DUPLICATE);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "mobile");
  g_assert_nonnull (strstr (error->message, "customers.json"));
  g_assert_false (anju_store_in_transaction (f->store));
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* An office that made its administrator first keeps it. */
static void
test_existing_admin_kept (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(AnjuUser) admin = anju_test_add_user (f->store, "admin", "IT 部", ANJU_ROLE_ADMIN);
  g_autoptr(AnjuUser) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (anju_demo_load (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM users"), ==, DEMO_USERS);
  signed_in = anju_user_authenticate (f->store, "admin", "secret-admin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signed_in->id, ==, admin->id);
  g_assert_cmpstr (signed_in->display_name, ==, "IT 部");
}

static void
test_conflicting_user_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(AnjuUser) lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_FINANCE);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = anju_test_dump_database (f->store);
  g_autofree char *after = NULL;

  g_assert_false (anju_demo_load (f->store, &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "lina"));
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* Finance has work on first start: a deal in each state. */
static void
test_deals (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subs = NULL;
  g_autoptr(GPtrArray) due = NULL;
  gint64 now = f->clock.now;
  guint cooling = 0, overdue = 0, soon = 0;

  g_assert_true (anju_demo_load (f->store, &error));
  g_assert_no_error (error);
  /* the loader gave the clock back */
  g_assert_cmpint (anju_store_now (f->store), ==, now);

  subs = anju_subscriptions_list (f->store, NULL, NULL, FALSE, &error);
  g_assert_cmpuint (subs->len, ==, 5);
  for (guint i = 0; i < subs->len; i++)
    cooling += anju_subscription_in_cooling_off (g_ptr_array_index (subs, i), now);
  g_assert_cmpuint (cooling, ==, 2);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM subscriptions WHERE status = 'withdrawn' "
                                     "AND withdrawal_kind = 'cooling_off'"), ==, 1);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM units WHERE status = 'subscribed'"), ==, 4);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM units WHERE status = 'held'"), ==, 0);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM subscription_buyers"), ==, 6);

  /* receipts 1 … 6 without a gap: a voided one, its reissue, a refund */
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM receipts"), ==, 6);
  g_assert_cmpint (anju_store_count (f->store, "SELECT max(number) FROM receipts"), ==, 6);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM receipts WHERE voided_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM receipts WHERE reissue_of IS NOT NULL"), ==, 1);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM receipts WHERE purpose = 'refund' "
                                     "AND refund_of IS NOT NULL"), ==, 1);
  /* numbers follow the time */
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM receipts a JOIN receipts b "
                                     "ON a.number < b.number AND a.issued_at > b.issued_at"), ==, 0);

  due = anju_payments_list_expected (f->store, NULL, NULL, FALSE, &error);
  for (guint i = 0; i < due->len; i++)
    {
      AnjuExpectedPayment *p = g_ptr_array_index (due, i);

      overdue += p->status == ANJU_DUE_OVERDUE;
      soon += p->status == ANJU_DUE_SOON;
    }
  g_assert_cmpuint (overdue, >=, 1);
  g_assert_cmpuint (soon, >=, 2);
}

static char *
query_text (AnjuStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  g_assert_nonnull (text);
  return text;
}

/* Asserts what lina's pending quote says of its waiting step. */
static void
assert_quote_waits_on (AnjuStore      *store,
                       const AnjuUser *consultant,
                       const char     *title,
                       const char     *deciders)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) quotes = anju_quotes_list_for_consultant (store, consultant->id, &error);
  guint pending = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < quotes->len; i++)
    {
      AnjuQuote *q = g_ptr_array_index (quotes, i);

      if (q->status != ANJU_QUOTE_PENDING)
        {
          g_assert_null (q->approval_deciders);
          continue;
        }
      pending++;
      g_assert_cmpstr (q->approval_step_title, ==, title);
      g_assert_cmpstr (q->approval_deciders, ==, deciders);
    }
  g_assert_cmpuint (pending, ==, 1);
}

/* Asserts the waiting step of @approval_id can be decided by exactly
 * @expected (a user name), and nobody else. */
static void
assert_next_decider (AnjuStore  *store,
                     const char *approval_id,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuApproval) approval = anju_approval_load (store, approval_id, &error);
  g_autoptr(GPtrArray) deciders = NULL;

  g_assert_no_error (error);
  deciders = anju_approval_dup_next_deciders (store, approval, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deciders->len, >=, 1);
  for (guint i = 0; i < deciders->len; i++)
    if (g_str_equal (((AnjuUser *)g_ptr_array_index (deciders, i))->username, expected))
      return;
  g_error ("%s may not decide the waiting step", expected);
}

/* The demo office holds the people its approval chain needs: a discount
 * below every step's limit (and below the floor price) goes through all
 * three steps, each decided by a different demo manager, and ends
 * approved. */
static void
test_chain_completes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuUser) lina = NULL, zhangwei = NULL, huangmin = NULL, xutao = NULL;
  g_autoptr(JsonObject) held = NULL, open = NULL, quote = NULL, approval = NULL;
  g_autoptr(JsonObject) first = NULL, second = NULL, third = NULL;
  g_autofree char *unit = NULL, *customer = NULL, *hold = NULL, *asked = NULL, *request = NULL;
  g_autofree char *decide = NULL;
  const char *approval_id;
  gint64 price;

  g_assert_true (anju_demo_load (f->store, &error));
  g_assert_no_error (error);
  lina = anju_user_lookup_by_name (f->store, "lina");
  zhangwei = anju_user_lookup_by_name (f->store, "zhangwei");
  huangmin = anju_user_lookup_by_name (f->store, "huangmin");
  xutao = anju_user_lookup_by_name (f->store, "xutao");
  unit = query_text (f->store, "SELECT u.id FROM units u JOIN buildings b ON b.id = u.building_id "
                               "WHERE b.name = '1幢' AND u.number = '1201'");
  customer = query_text (f->store, "SELECT c.id FROM customers c JOIN users u ON u.id = c.owner_id "
                                   "WHERE u.username = 'lina' AND c.id_number IS NOT NULL "
                                   "AND c.id NOT IN (SELECT customer_id FROM subscriptions) "
                                   "ORDER BY c.name LIMIT 1");
  hold = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"%s\"}", unit, customer);
  held = anju_test_run_ok (f->store, lina, "unit.hold", hold);
  open = anju_test_run_ok (f->store, lina, "quote.create", hold);
  /* 95 % of the list price: below every step's limit and the floor price */
  price = json_object_get_int_member (open, "price") * 95 / 100;
  asked = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"%s\", \"asked_price\": %lld, "
                           "\"checklist\": {\"decision_holder\": true, \"signing_date_agreed\": true, "
                           "\"down_payment_affordable\": true, \"credit_checked\": true}}",
                           unit, customer, (long long) price);
  quote = anju_test_run_ok (f->store, lina, "quote.create", asked);
  request = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": %lld, \"reason\": \"当天签约\"}",
                             json_object_get_string_member (quote, "quote_id"), (long long) price);
  approval = anju_test_run_ok (f->store, lina, "discount.request", request);
  approval_id = json_object_get_string_member (approval, "approval_id");
  decide = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\"}", approval_id);

  assert_next_decider (f->store, approval_id, "zhangwei");
  assert_quote_waits_on (f->store, lina, "Agency deputy manager", "张伟、徐涛、黄敏");
  first = anju_test_run_ok (f->store, zhangwei, "approval.decide", decide);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "pending");
  assert_next_decider (f->store, approval_id, "huangmin");
  assert_quote_waits_on (f->store, lina, "Developer's project manager", "徐涛、黄敏");
  second = anju_test_run_ok (f->store, huangmin, "approval.decide", decide);
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "pending");
  assert_next_decider (f->store, approval_id, "xutao");
  third = anju_test_run_ok (f->store, xutao, "approval.decide", decide);
  g_assert_cmpstr (json_object_get_string_member (third, "status"), ==, "approved");
}

/* Loaded at 23:30 office time, the demo's deals still happen in the
 * office's day (10:00–17:00 before now): each receipt is issued on the
 * day it says it was paid — a reissue 15 minutes after the original does
 * not cross midnight — so the cashier's day summaries add up to the
 * receipts' net, and the demo's cooling-off deals are the same two. */
static void
test_loaded_at_night (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GPtrArray) subs = NULL;
  g_autoptr(GHashTable) days = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer day;
  AnjuFen listed_net = 0, summed_net = 0;
  guint cooling = 0;

  /* 23:30:20 on Saturday 2026-12-05 in the office (UTC+8) */
  f->clock.now = anju_test_time ("2026-12-05T15:30:20Z");
  g_assert_true (anju_demo_load (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anju_store_now (f->store), ==, f->clock.now);

  receipts = anju_receipts_list (f->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receipts->len, ==, 6);
  for (guint i = 0; i < receipts->len; i++)
    {
      AnjuReceipt *r = g_ptr_array_index (receipts, i);
      gint64 issued = 0;
      g_autofree char *issued_day = NULL;

      g_assert_true (anju_clock_parse_utc (r->issued_at, &issued));
      issued_day = anju_recep_local_date_of (issued, anju_format_get_time_zone ());
      g_assert_cmpstr (issued_day, ==, r->paid_on);
      g_assert_cmpint (issued, <=, f->clock.now);
      listed_net += r->voided ? 0 : anju_receipt_get_net (r);
      g_hash_table_add (days, r->paid_on);
    }
  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, &day, NULL))
    {
      g_autoptr(AnjuDaySummary) summary = anju_receipts_summarize_day (f->store, NULL, day, &error);

      g_assert_no_error (error);
      summed_net += summary->net;
    }
  /* ¥100,000 (reissued) + ¥50,000 + ¥50,000 − ¥50,000 refunded + ¥20,000 */
  g_assert_cmpint (listed_net, ==, 17000000);
  g_assert_cmpint (summed_net, ==, listed_net);

  subs = anju_subscriptions_list (f->store, NULL, NULL, FALSE, &error);
  for (guint i = 0; i < subs->len; i++)
    cooling += anju_subscription_in_cooling_off (g_ptr_array_index (subs, i), f->clock.now);
  g_assert_cmpuint (cooling, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo/load", Fixture, NULL, fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/demo/deals", Fixture, NULL, fixture_set_up, test_deals, fixture_tear_down);
  g_test_add ("/demo/loaded-at-night", Fixture, NULL, fixture_set_up, test_loaded_at_night, fixture_tear_down);
  g_test_add ("/demo/chain-completes", Fixture, NULL, fixture_set_up, test_chain_completes, fixture_tear_down);
  g_test_add ("/demo/users-sign-in", Fixture, NULL, fixture_set_up, test_users_sign_in, fixture_tear_down);
  g_test_add ("/demo/twice-refused", Fixture, NULL, fixture_set_up, test_twice_refused, fixture_tear_down);
  g_test_add ("/demo/failure-leaves-nothing", Fixture, NULL, fixture_set_up, test_failure_leaves_nothing,
              fixture_tear_down);
  g_test_add ("/demo/existing-admin-kept", Fixture, NULL, fixture_set_up, test_existing_admin_kept,
              fixture_tear_down);
  g_test_add ("/demo/conflicting-user-refused", Fixture, NULL, fixture_set_up, test_conflicting_user_refused,
              fixture_tear_down);
  return g_test_run ();
}
