/* test-pricing.c — discount arithmetic, quotes, the approval chain, expiry */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "anju-customers.h"
#include "anju-format.h"
#include "anju-pricing.h"
#include "anju-units.h"
#include "anju-test-fixture.h"

/* 1幢-1502: list price ¥3,283,700.00, 115.00 m² gross. With both published
 * discounts (98折, 99折) and the consultant's minimum discretion (99折) the
 * lowest price without approval is
 *   328,370,000 × 980 × 990 × 990 / 10⁹ = 315,398,728.26… → 315,398,728 fen.
 * Step 1 of the default chain finishes requests down to 990 ‰ of that
 * (312,244,740.72 → 312,244,741 fen), step 2 down to 970 ‰
 * (305,936,766.16 → 305,936,766 fen); below, only step 3 (K2). */
#define LIST_PRICE   328370000
#define RANGE_FLOOR  315398728
#define STEP1_COVERS 312244741
#define STEP2_COVERS 305936766

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *admin;
  AnjuUser      *deputy;      /* 张伟: agency deputy manager */
  AnjuUser      *pm;          /* 刘强: developer's project manager */
  AnjuUser      *head;        /* 陈总: marketing head */
  AnjuUser      *lina;        /* consultant 李娜 */
  AnjuUser      *wang;        /* consultant 王芳 */
  char          *project_id;
  char          *building_id;
  char          *unit_id;
  char          *customer_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");   /* 10:00 in Shanghai */
  f->store = anju_test_store_new (&f->clock, &f->dir);
  anju_test_set_marks (f->store, "$P", &f->project_id, "$B", &f->building_id, "$U", &f->unit_id,
                       "$C", &f->customer_id, NULL);
  f->admin = anju_test_add_user (f->store, "admin", "系统管理员", ANJU_ROLE_ADMIN);
  f->deputy = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  f->pm = anju_test_add_user (f->store, "liuqiang", "刘强", ANJU_ROLE_MANAGER);
  f->head = anju_test_add_user (f->store, "chenzong", "陈总", ANJU_ROLE_MANAGER);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->wang = anju_test_add_user (f->store, "wangfang", "王芳", ANJU_ROLE_CONSULTANT);
  f->project_id = run_id (f, f->admin, "project.create", "{\"name\": \"万科·安居苑\"}", "project_id");
  f->building_id = run_id (f, f->admin, "building.create",
                           "{\"project_id\": \"$P\", \"name\": \"1幢\", \"floors\": 18, \"units_per_floor\": 2}",
                           "building_id");
  f->unit_id = run_id (f, f->deputy, "unit.create",
                       "{\"building_id\": \"$B\", \"floor\": 15, \"number\": \"1502\", \"layout\": \"3室2厅2卫\", "
                       "\"gross_area\": 11500, \"inner_area\": 9085, \"list_price\": 328370000}", "unit_id");
  f->customer_id = run_id (f, f->lina, "customer.create", "{\"name\": \"陈先生\", \"mobile\": \"13800138000\"}",
                           "customer_id");
  g_free (run_id (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"minutes\": 120, \"customer_id\": \"$C\"}",
                  "hold_id"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->admin);
  anju_user_free (f->deputy);
  anju_user_free (f->pm);
  anju_user_free (f->head);
  anju_user_free (f->lina);
  anju_user_free (f->wang);
  g_free (f->project_id);
  g_free (f->building_id);
  g_free (f->unit_id);
  g_free (f->customer_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

#define FULL_CHECKLIST \
  "\"checklist\": {\"decision_holder\": true, \"signing_date_agreed\": true, " \
  "\"down_payment_affordable\": true, \"credit_checked\": true, \"hot_unit\": false, \"on_site_special\": true}"

/* A quote by 李娜 with both published discounts asking @asked fen; its id. */
static char *
quote_asking (Fixture *f,
              gint64   asked)
{
  g_autofree char *json = g_strdup_printf (
      "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"discount_ids\": [\"one_time_payment\", \"opening_promotion\"], "
      "\"asked_price\": %lld, \"note\": \"客户一次性付款，诚意高\", " FULL_CHECKLIST "}", (long long)asked);
  g_autoptr(JsonObject) result = run_ok (f, f->lina, "quote.create", json);

  g_assert_true (json_object_get_boolean_member (result, "needs_approval"));
  return g_strdup (json_object_get_string_member (result, "quote_id"));
}

static char *
request (Fixture    *f,
         const char *quote_id,
         gint64      asked)
{
  g_autofree char *json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": %lld, "
                                           "\"reason\": \"老客户介绍，当天可签约\"}",
                                           quote_id, (long long)asked);
  g_autoptr(JsonObject) result = run_ok (f, f->lina, "discount.request", json);

  g_assert_cmpint (json_object_get_int_member (result, "current_step"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (result, "steps"), ==, 3);
  return g_strdup (json_object_get_string_member (result, "approval_id"));
}

static JsonObject *
decide (Fixture        *f,
        const AnjuUser *who,
        const char     *approval_id,
        const char     *decision,
        const char     *comment)
{
  g_autofree char *json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"%s\", \"comment\": \"%s\"}",
                                           approval_id, decision, comment);

  return run_ok (f, who, "approval.decide", json);
}

static AnjuQuote *
load_quote (Fixture    *f,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  AnjuQuote *q = anju_quote_load (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  return q;
}

/* ---- arithmetic ----------------------------------------------------------- */

static void
test_arithmetic (void)
{
  const guint d98_99[] = { 980, 990 };
  const guint d98_99_995[] = { 980, 990, 995 };
  const guint d99[] = { 990 };
  const guint many[] = { 999, 999, 999, 999, 999, 999, 999, 999 };

  /* ¥3,283,700.00 × 98折 × 99折:
   *   328,370,000 × 980 × 990 = 318,584,574,000,000; / 1,000,000 = 318,584,574 fen
   *   exactly = ¥3,185,845.74. */
  g_assert_cmpint (anju_pricing_apply (328370000, d98_99, 2), ==, 318584574);
  /* × 99.5折 more: 318,584,574 × 995 / 1000 = 316,991,651.13 → 316,991,651 (down) */
  g_assert_cmpint (anju_pricing_apply (328370000, d98_99_995, 3), ==, 316991651);
  /* Half up: 50 × 990 / 1000 = 49.5 → 50; 150 × 0.99 = 148.5 → 149; 151 × 0.99 = 149.49 → 149 */
  g_assert_cmpint (anju_pricing_apply (50, d99, 1), ==, 50);
  g_assert_cmpint (anju_pricing_apply (150, d99, 1), ==, 149);
  g_assert_cmpint (anju_pricing_apply (151, d99, 1), ==, 149);
  /* Rounded once, not per discount: ¥1,000.17 × 98折 × 99折
   *   once:      100,017 × 980 × 990 / 10⁶ = 97,036.49… → 97,036 fen
   *   stepwise:  100,017 × 0.98 = 98,016.66 → 98,017; × 0.99 = 97,036.83 → 97,037 (not used) */
  g_assert_cmpint (anju_pricing_apply (100017, d98_99, 2), ==, 97036);
  /* No discount is the list price; beyond 64 bits stays exact:
   * 10¹² × 0.999⁸ = 992,027,944,069.94… → 992,027,944,070 */
  g_assert_cmpint (anju_pricing_apply (328370000, NULL, 0), ==, 328370000);
  g_assert_cmpint (anju_pricing_apply (G_GINT64_CONSTANT (1000000000000), many, 8), ==,
                   G_GINT64_CONSTANT (992027944070));

  /* Per m²: the rounded total × 100 / hundredths of m², half up.
   * 318,584,574 × 100 / 11,500 = 2,770,300.64 → 2,770,301 fen (¥27,703.01)
   * 328,370,000 × 100 / 11,500 = 2,855,391.30 → 2,855,391
   * 1 fen over 2 m² (200) = 0.5 → 1 */
  g_assert_cmpint (anju_pricing_per_m2 (318584574, 11500), ==, 2770301);
  g_assert_cmpint (anju_pricing_per_m2 (328370000, 11500), ==, 2855391);
  g_assert_cmpint (anju_pricing_per_m2 (1, 200), ==, 1);
  g_assert_cmpint (anju_pricing_per_m2 (100, 0), ==, 0);

  g_assert_cmpuint (anju_pricing_permille_of (318584574, 328370000), ==, 970);
  g_assert_cmpuint (anju_pricing_permille_of (0, 0), ==, 0);

  /* Rates for people (the messages here are in English) */
  {
    g_autofree char *r980 = anju_pricing_format_rate (980);
    g_autofree char *r985 = anju_pricing_format_rate (985);
    g_autofree char *r1000 = anju_pricing_format_rate (1000);

    g_assert_cmpstr (r980, ==, "98% of the price");
    g_assert_cmpstr (r985, ==, "98.5% of the price");
    g_assert_cmpstr (r1000, ==, "the full price");
  }

  /* The end of the local day in Shanghai (UTC+8) */
  g_assert_cmpint (anju_pricing_end_of_day (anju_test_time ("2026-11-26T15:59:00Z")), ==,
                   anju_test_time ("2026-11-26T16:00:00Z"));
  g_assert_cmpint (anju_pricing_end_of_day (anju_test_time ("2026-11-26T16:00:00Z")), ==,
                   anju_test_time ("2026-11-27T16:00:00Z"));
  g_assert_cmpint (anju_pricing_end_of_day (anju_test_time ("2026-11-26T00:30:00Z")), ==,
                   anju_test_time ("2026-11-26T16:00:00Z"));
}

/* ---- quotes ------------------------------------------------------------- */

static void
test_quote_within_range (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(AnjuQuote) q = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) published = anju_pricing_dup_published (f->store, f->project_id);
  g_autoptr(GPtrArray) mine = NULL;
  AnjuCustomerEvent *e;

  g_assert_cmpuint (published->len, ==, 2);
  g_assert_cmpstr (((AnjuDiscount *)g_ptr_array_index (published, 0))->id, ==, "one_time_payment");
  g_assert_cmpuint (((AnjuDiscount *)g_ptr_array_index (published, 0))->rate_permille, ==, 980);
  g_assert_cmpstr (anju_discount_get_name (g_ptr_array_index (published, 1)), ==, "Opening promotion");
  g_assert_cmpuint (anju_pricing_get_discretion_min (f->store, f->project_id), ==, 990);

  /* 98折 × 99折 × the consultant's 99.5折 = 316,991,651 fen (see test_arithmetic) */
  f->clock.now += 4 * 60 * G_USEC_PER_SEC;   /* the customer sat down at 10:00, now 10:04 */
  result = run_ok (f, f->lina, "quote.create",
                   "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", "
                   "\"discount_ids\": [\"one_time_payment\", \"opening_promotion\"], \"discretion_permille\": 995, "
                   "\"negotiation_started_at\": \"2026-11-26T02:00:00Z\", \"note\": \"首付四成\", "
                   "\"checklist\": {\"decision_holder\": true, \"unit_locked\": false}}");
  g_assert_cmpint (json_object_get_int_member (result, "price"), ==, 316991651);
  g_assert_cmpint (json_object_get_int_member (result, "computed_price"), ==, 316991651);
  g_assert_cmpint (json_object_get_int_member (result, "range_floor"), ==, RANGE_FLOOR);
  /* 316,991,651 × 100 / 11,500 = 2,756,449.14 → 2,756,449 */
  g_assert_cmpint (json_object_get_int_member (result, "price_per_m2"), ==, 2756449);
  g_assert_cmpint (json_object_get_int_member (result, "price_version"), ==, 0);
  g_assert_false (json_object_get_boolean_member (result, "needs_approval"));
  g_assert_false (json_object_get_boolean_member (result, "wait_flagged"));

  q = load_quote (f, json_object_get_string_member (result, "quote_id"));
  g_assert_cmpint (q->status, ==, ANJU_QUOTE_OPEN);
  g_assert_false (q->locked);
  g_assert_cmpstr (q->unit_label, ==, "1幢-1502");
  g_assert_cmpstr (q->customer_name, ==, "陈先生");
  g_assert_cmpstr (q->consultant_name, ==, "李娜");
  g_assert_cmpint (q->list_price, ==, LIST_PRICE);
  g_assert_cmpuint (q->discounts->len, ==, 2);
  g_assert_cmpuint (q->discretion_permille, ==, 995);
  g_assert_cmpint (q->asked_price, ==, 0);
  g_assert_cmpint (q->wait_seconds, ==, 240);
  g_assert_cmpstr (q->note, ==, "首付四成");
  /* the unit is locked by the hold, whatever the desk said */
  g_assert_true (json_object_get_boolean_member (q->checklist, "unit_locked"));
  g_assert_true (json_object_get_boolean_member (q->checklist, "decision_holder"));
  g_assert_false (json_object_get_boolean_member (q->checklist, "credit_checked"));
  g_assert_null (q->approval_id);

  /* The customer's timeline has the quote. */
  events = anju_customer_list_events (f->store, f->customer_id, NULL);
  e = g_ptr_array_index (events, 0);
  g_assert_cmpstr (e->kind, ==, "quote");
  g_assert_cmpstr (e->summary, ==, "Quote for unit 1幢-1502: ¥3,169,916.51 (list price ¥3,283,700.00)");

  /* Over 5 minutes of waiting is flagged. */
  g_clear_pointer (&result, json_object_unref);
  f->clock.now += 2 * 60 * G_USEC_PER_SEC;   /* 10:06 */
  result = run_ok (f, f->lina, "quote.create",
                   "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"negotiation_started_at\": \"2026-11-26T02:00:00Z\"}");
  g_assert_true (json_object_get_boolean_member (result, "wait_flagged"));
  g_assert_cmpint (json_object_get_int_member (result, "price"), ==, LIST_PRICE);
  g_assert_cmpint (json_object_get_int_member (result, "range_floor"), ==, 325086300);   /* × 99折 */

  mine = anju_quotes_list_for_consultant (f->store, f->lina->id, NULL);
  g_assert_cmpuint (mine->len, ==, 2);
  g_assert_true (((AnjuQuote *)g_ptr_array_index (mine, 0))->wait_flagged);
}

static void
test_quote_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AnjuUser) cashier = anju_test_add_user (f->store, "cashier", "钱会计", ANJU_ROLE_FINANCE);
  g_autofree char *message = NULL;

  message = assert_refused (f, f->wang, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_cmpstr (message, ==, "Unit 1幢-1502 is held by 李娜 until 2026-11-26 12:00.");
  REFUSED (f, cashier, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\"}",
           ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  REFUSED (f, f->lina, "quote.create", "{\"customer_id\": \"$C\"}", ANJU_COMMAND_ERROR_MISSING_FIELD, "unit_id");
  REFUSED (f, f->lina, "quote.create", "{\"unit_id\": \"x\", \"customer_id\": \"$C\"}",
           ANJU_COMMAND_ERROR_NOT_FOUND, "unit_id");
  REFUSED (f, f->lina, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"x\"}",
           ANJU_COMMAND_ERROR_NOT_FOUND, "customer_id");
  g_free (message);
  message = assert_refused (f, f->lina, "quote.create",
                            "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"discount_ids\": [\"vip\"]}",
                            ANJU_COMMAND_ERROR_INVALID_FIELD, "discount_ids");
  g_assert_nonnull (strstr (message, "one_time_payment, opening_promotion"));
  REFUSED (f, f->lina, "quote.create",
           "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"discount_ids\": [\"one_time_payment\", \"one_time_payment\"]}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "discount_ids");
  REFUSED (f, f->lina, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"discount_ids\": \"all\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "discount_ids");
  REFUSED (f, f->lina, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"discretion_permille\": 0}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "discretion_permille");
  REFUSED (f, f->lina, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"discretion_permille\": 1001}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "discretion_permille");
  REFUSED (f, f->lina, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"asked_price\": 328370001}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "asked_price");
  REFUSED (f, f->lina, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"asked_price\": 0}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "asked_price");
  REFUSED (f, f->lina, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"checklist\": {\"vip\": true}}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "checklist.vip");
  REFUSED (f, f->lina, "quote.create",
           "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"checklist\": {\"credit_checked\": \"yes\"}}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "checklist.credit_checked");
  REFUSED (f, f->lina, "quote.create",
           "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"negotiation_started_at\": \"2026-11-26T03:00:00Z\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "negotiation_started_at");
  REFUSED (f, f->lina, "quote.create",
           "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"negotiation_started_at\": \"yesterday\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "negotiation_started_at");

  /* After the hold runs out, the unit is not locked for anyone. */
  f->clock.now += (gint64)121 * 60 * G_USEC_PER_SEC;
  g_free (message);
  message = assert_refused (f, f->lina, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_nonnull (strstr (message, "not held for you"));
}

/* ---- locked and used -------------------------------------------------------- */

static gboolean
apply_test_use (AnjuCommandContext  *ctx,
                JsonObject          *payload,
                GError             **error)
{
  AnjuFen price = 0;

  if (!anju_quote_use (ctx, json_object_get_string_member (payload, "quote_id"),
                       json_object_get_string_member (payload, "unit_id"), &price, error))
    return FALSE;
  json_object_set_int_member (anju_command_context_get_result (ctx), "price", price);
  return TRUE;
}

static const AnjuCommandSpec test_commands[] = {
  { "test.use_quote", ANJU_ROLES_ALL, ANJU_COMMAND_FLAG_NONE, apply_test_use,
    "quote_id:string unit_id:string" },
};

/* ---- the chain -------------------------------------------------------------- */

static void
test_three_step_chain (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *quote_id = quote_asking (f, 300000000);   /* below step 2's reach */
  g_autofree char *approval_id = NULL;
  g_autoptr(JsonObject) r = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(AnjuApproval) a = NULL;
  g_autoptr(AnjuQuote) q = NULL;
  AnjuApproval *w;
  AnjuApprovalStep *s;
  g_autofree char *json = NULL;

  q = load_quote (f, quote_id);
  g_assert_cmpint (q->status, ==, ANJU_QUOTE_NEEDS_APPROVAL);
  g_assert_cmpint (q->computed_price, ==, 318584574);
  g_assert_cmpint (q->price, ==, 300000000);
  g_clear_pointer (&q, anju_quote_free);

  /* Only the maker asks; not for a price that needs no approval. */
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": 300000000, \"reason\": \"x\"}", quote_id);
  REFUSED (f, f->wang, "discount.request", json, ANJU_COMMAND_ERROR_FORBIDDEN, "quote_id");
  g_free (json);
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": 318584574, \"reason\": \"x\"}", quote_id);
  REFUSED (f, f->lina, "discount.request", json, ANJU_COMMAND_ERROR_CONFLICT, "asked_price");
  g_free (json);
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": 300000000}", quote_id);
  REFUSED (f, f->lina, "discount.request", json, ANJU_COMMAND_ERROR_MISSING_FIELD, "reason");
  g_free (json);
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": 300000000, \"reason\": \"x\", "
                          "\"checklist\": {\"credit_checked\": false}}", quote_id);
  {
    g_autofree char *message = assert_refused (f, f->lina, "discount.request", json,
                                               ANJU_COMMAND_ERROR_CONFLICT, "checklist");
    g_assert_cmpstr (message, ==, "Before asking for a discount, make sure that the mortgage credit is checked.");
  }
  REFUSED (f, f->lina, "discount.request", "{\"quote_id\": \"nope\", \"asked_price\": 1, \"reason\": \"x\"}",
           ANJU_COMMAND_ERROR_NOT_FOUND, "quote_id");

  approval_id = request (f, quote_id, 300000000);
  q = load_quote (f, quote_id);
  g_assert_cmpint (q->status, ==, ANJU_QUOTE_PENDING);
  g_assert_cmpint (q->approval_step, ==, 1);
  g_clear_pointer (&q, anju_quote_free);
  /* A second request for the same quote waits for the first. */
  g_free (json);
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": 300000000, \"reason\": \"x\"}", quote_id);
  REFUSED (f, f->lina, "discount.request", json, ANJU_COMMAND_ERROR_CONFLICT, "quote_id");

  /* What the approvals view shows. */
  waiting = anju_approvals_list_waiting (f->store, f->deputy, NULL);
  g_assert_cmpuint (waiting->len, ==, 1);
  w = g_ptr_array_index (waiting, 0);
  g_assert_cmpstr (w->id, ==, approval_id);
  g_assert_cmpstr (w->unit_label, ==, "1幢-1502");
  g_assert_cmpstr (w->customer_name, ==, "陈先生");
  g_assert_cmpstr (w->requester_name, ==, "李娜");
  g_assert_cmpint (w->list_price, ==, LIST_PRICE);
  g_assert_cmpint (w->computed_price, ==, 318584574);
  g_assert_cmpint (w->asked_price, ==, 300000000);
  g_assert_cmpuint (w->asked_permille, ==, 914);   /* 300,000,000 / 328,370,000 = 91.36 % */
  g_assert_cmpuint (w->discounts->len, ==, 2);
  g_assert_cmpstr (w->note, ==, "客户一次性付款，诚意高");
  g_assert_cmpstr (w->reason, ==, "老客户介绍，当天可签约");
  g_assert_true (json_object_get_boolean_member (w->checklist, "credit_checked"));
  g_assert_true (json_object_get_boolean_member (w->checklist, "on_site_special"));
  g_assert_cmpint (w->current_step, ==, 1);
  g_assert_cmpint (w->steps_total, ==, 3);
  g_assert_cmpstr (w->step_title, ==, "Agency deputy manager");
  g_assert_cmpstr (w->status, ==, "pending");
  g_assert_cmpstr (w->expires_at, ==, "2026-11-26T16:00:00Z");
  g_assert_false (w->below_floor_price);
  g_clear_pointer (&waiting, g_ptr_array_unref);
  waiting = anju_approvals_list_waiting (f->store, f->lina, NULL);
  g_assert_cmpuint (waiting->len, ==, 0);
  g_clear_pointer (&waiting, g_ptr_array_unref);

  /* Waiting over 5 minutes for the answer is flagged. */
  f->clock.now += 6 * 60 * G_USEC_PER_SEC;
  a = anju_approval_load (f->store, approval_id, NULL);
  g_assert_true (a->wait_flagged);
  g_clear_pointer (&a, anju_approval_free);

  r = decide (f, f->deputy, approval_id, "approve", "同意，请刘经理审批");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "pending");
  g_assert_cmpint (json_object_get_int_member (r, "current_step"), ==, 2);
  /* the same person never decides two steps */
  g_free (json);
  json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\"}", approval_id);
  {
    g_autofree char *message = assert_refused (f, f->deputy, "approval.decide", json,
                                               ANJU_COMMAND_ERROR_FORBIDDEN, "approval_id");
    g_assert_nonnull (strstr (message, "You decided step 1"));
  }
  waiting = anju_approvals_list_waiting (f->store, f->deputy, NULL);
  g_assert_cmpuint (waiting->len, ==, 0);
  g_clear_pointer (&waiting, g_ptr_array_unref);
  waiting = anju_approvals_list_waiting (f->store, f->pm, NULL);
  g_assert_cmpuint (waiting->len, ==, 1);
  g_assert_cmpstr (((AnjuApproval *)g_ptr_array_index (waiting, 0))->step_title, ==, "Developer's project manager");

  g_clear_pointer (&r, json_object_unref);
  r = decide (f, f->pm, approval_id, "approve", "");
  g_assert_cmpint (json_object_get_int_member (r, "current_step"), ==, 3);
  q = load_quote (f, quote_id);
  g_assert_cmpint (q->status, ==, ANJU_QUOTE_PENDING);
  g_assert_false (q->locked);
  g_clear_pointer (&q, anju_quote_free);

  g_clear_pointer (&r, json_object_unref);
  r = decide (f, f->head, approval_id, "approve", "K2特批");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "approved");
  g_assert_cmpint (json_object_get_int_member (r, "current_step"), ==, 3);

  q = load_quote (f, quote_id);
  g_assert_cmpint (q->status, ==, ANJU_QUOTE_APPROVED);
  g_assert_true (q->locked);
  g_assert_cmpint (q->price, ==, 300000000);
  g_assert_cmpint (q->price_per_m2, ==, 2608696);   /* 300,000,000 × 100 / 11,500 = 2,608,695.65… */
  g_assert_cmpstr (q->approval_status, ==, "approved");
  g_assert_cmpstr (q->approval_comment, ==, "K2特批");

  a = anju_approval_load (f->store, approval_id, NULL);
  g_assert_cmpstr (a->status, ==, "approved");
  g_assert_cmpuint (a->steps->len, ==, 3);
  s = g_ptr_array_index (a->steps, 0);
  g_assert_cmpstr (s->decider_name, ==, "张伟");
  g_assert_cmpstr (s->decision, ==, "approve");
  g_assert_cmpstr (s->comment, ==, "同意，请刘经理审批");
  s = g_ptr_array_index (a->steps, 1);
  g_assert_cmpstr (s->decider_name, ==, "刘强");
  g_assert_null (s->comment);
  s = g_ptr_array_index (a->steps, 2);
  g_assert_cmpstr (s->decider_name, ==, "陈总");
  g_assert_cmpstr (s->title, ==, "Marketing head (K2 special case)");

  /* Decided: nothing left to decide. */
  g_free (json);
  json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"reject\", \"comment\": \"x\"}", approval_id);
  REFUSED (f, f->admin, "approval.decide", json, ANJU_COMMAND_ERROR_CONFLICT, "approval_id");

  /* The consultant sees the decision. */
  mine = anju_quotes_list_for_consultant (f->store, f->lina->id, NULL);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpint (((AnjuQuote *)g_ptr_array_index (mine, 0))->status, ==, ANJU_QUOTE_APPROVED);

  /* The timeline: quote, request, three decisions — newest first. */
  events = anju_customer_list_events (f->store, f->customer_id, NULL);
  g_assert_cmpstr (((AnjuCustomerEvent *)g_ptr_array_index (events, 0))->summary, ==,
                   "Discount approved for unit 1幢-1502 at ¥3,000,000.00 by 陈总 (Marketing head (K2 special case))");
  g_assert_cmpstr (((AnjuCustomerEvent *)g_ptr_array_index (events, 3))->summary, ==,
                   "Discount approval requested for unit 1幢-1502: ¥3,000,000.00 (list price ¥3,283,700.00)");
  g_assert_cmpstr (((AnjuCustomerEvent *)g_ptr_array_index (events, 4))->kind, ==, "quote");
}

static void
test_chain_ends_early (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *q1 = quote_asking (f, STEP1_COVERS);       /* within step 1's reach */
  g_autofree char *a1 = request (f, q1, STEP1_COVERS);
  g_autofree char *q2 = NULL, *a2 = NULL;
  g_autoptr(JsonObject) r = decide (f, f->deputy, a1, "approve", "可以");

  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "approved");
  g_assert_cmpint (json_object_get_int_member (r, "current_step"), ==, 1);

  /* One fen below step 1's reach goes on to step 2, which finishes it. */
  q2 = quote_asking (f, STEP1_COVERS - 1);
  a2 = request (f, q2, STEP1_COVERS - 1);
  g_clear_pointer (&r, json_object_unref);
  r = decide (f, f->deputy, a2, "approve", "");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "pending");
  g_clear_pointer (&r, json_object_unref);
  r = decide (f, f->pm, a2, "approve", "");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "approved");
  g_assert_cmpint (json_object_get_int_member (r, "current_step"), ==, 2);

  /* One fen below step 2's reach needs the third step. */
  {
    g_autofree char *q3 = quote_asking (f, STEP2_COVERS - 1);
    g_autofree char *a3 = request (f, q3, STEP2_COVERS - 1);
    g_autoptr(JsonObject) d1 = decide (f, f->pm, a3, "approve", "");
    g_autoptr(JsonObject) d2 = decide (f, f->deputy, a3, "approve", "");

    g_assert_cmpstr (json_object_get_string_member (d2, "status"), ==, "pending");
    g_assert_cmpint (json_object_get_int_member (d2, "current_step"), ==, 3);
  }
}

static void
test_reject_at_step_two (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *quote_id = quote_asking (f, 300000000);
  g_autofree char *approval_id = request (f, quote_id, 300000000);
  g_autoptr(JsonObject) r = decide (f, f->deputy, approval_id, "approve", "");
  g_autoptr(AnjuQuote) q = NULL;
  g_autoptr(AnjuApproval) a = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autofree char *json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"reject\"}", approval_id);

  /* A rejection says why. */
  REFUSED (f, f->pm, "approval.decide", json, ANJU_COMMAND_ERROR_MISSING_FIELD, "comment");
  g_free (json);
  json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"maybe\"}", approval_id);
  REFUSED (f, f->pm, "approval.decide", json, ANJU_COMMAND_ERROR_INVALID_FIELD, "decision");
  REFUSED (f, f->pm, "approval.decide", "{\"approval_id\": \"nope\", \"decision\": \"approve\"}",
           ANJU_COMMAND_ERROR_NOT_FOUND, "approval_id");

  g_clear_pointer (&r, json_object_unref);
  r = decide (f, f->pm, approval_id, "reject", "低于项目底线，不批");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "rejected");
  g_assert_cmpint (json_object_get_int_member (r, "current_step"), ==, 2);

  q = load_quote (f, quote_id);
  g_assert_cmpint (q->status, ==, ANJU_QUOTE_REJECTED);
  g_assert_false (q->locked);
  g_assert_cmpstr (q->approval_comment, ==, "低于项目底线，不批");
  a = anju_approval_load (f->store, approval_id, NULL);
  g_assert_cmpstr (a->status, ==, "rejected");
  g_assert_null (((AnjuApprovalStep *)g_ptr_array_index (a->steps, 2))->decision);

  /* The chain stopped: step 3 never sees it, and nobody decides it again. */
  waiting = anju_approvals_list_waiting (f->store, f->head, NULL);
  g_assert_cmpuint (waiting->len, ==, 0);
  g_free (json);
  json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\"}", approval_id);
  REFUSED (f, f->head, "approval.decide", json, ANJU_COMMAND_ERROR_CONFLICT, "approval_id");
  /* The rejected quote is closed. */
  g_free (json);
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": 310000000, \"reason\": \"再试\"}", quote_id);
  REFUSED (f, f->lina, "discount.request", json, ANJU_COMMAND_ERROR_CONFLICT, "quote_id");
}

static void
test_who_may_decide (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *quote_id = quote_asking (f, 300000000);
  g_autofree char *approval_id = request (f, quote_id, 300000000);
  g_autofree char *json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\"}", approval_id);
  g_autofree char *message = NULL;

  /* A consultant never approves — not even another's request. */
  REFUSED (f, f->wang, "approval.decide", json, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  REFUSED (f, f->lina, "approval.decide", json, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);

  /* An admin is not a step of the default chain. */
  message = assert_refused (f, f->admin, "approval.decide", json, ANJU_COMMAND_ERROR_FORBIDDEN, "approval_id");
  g_assert_cmpstr (message, ==, "Step 1 (Agency deputy manager) is decided by a Manager.");

  /* A manager's own request: someone else decides it. */
  {
    g_autoptr(JsonObject) r = run_ok (f, f->lina, "unit.release", "{\"unit_id\": \"$U\"}");
    g_autoptr(JsonObject) h = run_ok (f, f->deputy, "unit.hold", "{\"unit_id\": \"$U\"}");
    /* Another customer: 李娜's request for 陈先生 and this unit is pending. */
    g_autofree char *other = run_id (f, f->deputy, "customer.create",
                                     "{\"name\": \"周女士\", \"mobile\": \"13900139000\"}", "customer_id");
    g_autofree char *quote_json = g_strdup_printf ("{\"unit_id\": \"$U\", \"customer_id\": \"%s\", "
                                                   "\"discretion_permille\": 950, " FULL_CHECKLIST "}", other);
    g_autoptr(JsonObject) q = run_ok (f, f->deputy, "quote.create", quote_json);
    g_autofree char *req = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": 302655345, \"reason\": \"内部\"}",
                                            json_object_get_string_member (q, "quote_id"));
    g_autoptr(JsonObject) ar = run_ok (f, f->deputy, "discount.request", req);
    g_autofree char *own = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\"}",
                                            json_object_get_string_member (ar, "approval_id"));
    g_autoptr(GPtrArray) waiting = NULL;

    /* 98折 below the 99折 minimum: 328,370,000 × 950 / 1000 = 311,951,500 */
    g_assert_true (json_object_get_boolean_member (q, "needs_approval"));
    g_assert_cmpint (json_object_get_int_member (q, "price"), ==, 311951500);
    g_free (message);
    message = assert_refused (f, f->deputy, "approval.decide", own, ANJU_COMMAND_ERROR_FORBIDDEN, "approval_id");
    g_assert_nonnull (strstr (message, "You made this request"));
    waiting = anju_approvals_list_waiting (f->store, f->deputy, NULL);
    g_assert_cmpuint (waiting->len, ==, 1);    /* 李娜's, not his own */
    g_assert_cmpstr (((AnjuApproval *)g_ptr_array_index (waiting, 0))->requester_name, ==, "李娜");
  }

  /* A chain whose first step belongs to another role. */
  {
    g_autoptr(JsonObject) p = run_ok (f, f->admin, "project.set_policy",
        "{\"project_id\": \"$P\", \"policy\": {\"approval\": {\"chain\": ["
        "{\"step\": 1, \"role\": \"admin\", \"title_en\": \"Office admin\", \"title_zh\": \"行政\"}]}}}");
    g_autoptr(JsonObject) h = NULL;
    g_autoptr(JsonObject) q = NULL;
    g_autoptr(JsonObject) ar = NULL;
    g_autoptr(JsonObject) d = NULL;
    g_autofree char *req = NULL, *dec = NULL, *other = NULL, *quote_json = NULL;

    h = run_ok (f, f->deputy, "unit.release", "{\"unit_id\": \"$U\"}");
    g_clear_pointer (&h, json_object_unref);
    h = run_ok (f, f->wang, "unit.hold", "{\"unit_id\": \"$U\"}");
    other = run_id (f, f->wang, "customer.create", "{\"name\": \"吴先生\", \"mobile\": \"13700137000\"}",
                    "customer_id");
    quote_json = g_strdup_printf ("{\"unit_id\": \"$U\", \"customer_id\": \"%s\", \"asked_price\": 300000000, "
                                  FULL_CHECKLIST "}", other);
    q = run_ok (f, f->wang, "quote.create", quote_json);
    req = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": 300000000, \"reason\": \"试\"}",
                           json_object_get_string_member (q, "quote_id"));
    ar = run_ok (f, f->wang, "discount.request", req);
    g_assert_cmpint (json_object_get_int_member (ar, "steps"), ==, 1);
    dec = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\"}",
                           json_object_get_string_member (ar, "approval_id"));
    REFUSED (f, f->pm, "approval.decide", dec, ANJU_COMMAND_ERROR_FORBIDDEN, "approval_id");
    d = run_ok (f, f->admin, "approval.decide", dec);
    g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "approved");
  }

  /* A chain that names consultants as deciders is refused when it is set,
   * naming the step; the chain in force stays. */
  g_free (message);
  message = assert_refused (f, f->admin, "project.set_policy",
                            "{\"project_id\": \"$P\", \"policy\": {\"approval\": {\"chain\": ["
                            "{\"step\": 1, \"role\": \"consultant\", \"title_en\": \"Colleague\", \"title_zh\": \"同事\"}]}}}",
                            ANJU_COMMAND_ERROR_INVALID_FIELD, "policy.approval.chain[0].role");
  g_assert_nonnull (strstr (message, "manager"));
}

static void
test_floor_price (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) r = NULL;
  g_autoptr(JsonObject) q = NULL;
  g_autofree char *quote_id = NULL, *approval_id = NULL;
  g_autoptr(AnjuQuote) quote = NULL;
  g_autoptr(GPtrArray) waiting = NULL;

  REFUSED (f, f->lina, "unit.set_floor_price", "{\"unit_id\": \"$U\", \"floor_price\": 314000000}",
           ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  REFUSED (f, f->deputy, "unit.set_floor_price", "{\"unit_id\": \"$U\", \"floor_price\": 328370001}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "floor_price");
  REFUSED (f, f->deputy, "unit.set_floor_price", "{\"unit_id\": \"$U\"}",
           ANJU_COMMAND_ERROR_MISSING_FIELD, "floor_price");
  r = run_ok (f, f->deputy, "unit.set_floor_price", "{\"unit_id\": \"$U\", \"floor_price\": 316000000}");

  /* The published range itself may fall under the floor: approval needed. */
  q = run_ok (f, f->lina, "quote.create",
              "{\"unit_id\": \"$U\", \"customer_id\": \"$C\", \"discount_ids\": [\"one_time_payment\", \"opening_promotion\"], "
              "\"discretion_permille\": 990}");
  g_assert_cmpint (json_object_get_int_member (q, "price"), ==, RANGE_FLOOR);
  g_assert_true (json_object_get_boolean_member (q, "needs_approval"));
  quote = load_quote (f, json_object_get_string_member (q, "quote_id"));
  g_assert_true (quote->below_floor_price);
  g_clear_pointer (&quote, anju_quote_free);

  /* Within step 1's reach of the range, but under the floor: only step 3 finishes it. */
  quote_id = quote_asking (f, 313000000);
  approval_id = request (f, quote_id, 313000000);
  waiting = anju_approvals_list_waiting (f->store, f->deputy, NULL);
  g_assert_true (((AnjuApproval *)g_ptr_array_index (waiting, 0))->below_floor_price);
  g_clear_pointer (&r, json_object_unref);
  r = decide (f, f->deputy, approval_id, "approve", "");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "pending");
  g_clear_pointer (&r, json_object_unref);
  r = decide (f, f->pm, approval_id, "approve", "");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "pending");
  g_assert_cmpint (json_object_get_int_member (r, "current_step"), ==, 3);
  quote = load_quote (f, quote_id);
  g_assert_cmpint (quote->status, ==, ANJU_QUOTE_PENDING);
  g_assert_false (quote->locked);
  g_clear_pointer (&quote, anju_quote_free);
  /* Without the top step there is no deal at this price. */
  anju_commands_register (test_commands, G_N_ELEMENTS (test_commands));
  {
    g_autofree char *use = g_strdup_printf ("{\"quote_id\": \"%s\", \"unit_id\": \"%s\"}", quote_id, f->unit_id);
    REFUSED (f, f->lina, "test.use_quote", use, ANJU_COMMAND_ERROR_CONFLICT, "quote_id");
  }
  g_clear_pointer (&r, json_object_unref);
  r = decide (f, f->head, approval_id, "approve", "K2");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "approved");

  /* Without a floor, the same request ends at step 1. */
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->deputy, "unit.set_floor_price", "{\"unit_id\": \"$U\", \"floor_price\": null}");
  {
    g_autofree char *q2 = quote_asking (f, 313000000);
    g_autofree char *a2 = request (f, q2, 313000000);
    g_autoptr(JsonObject) d = decide (f, f->deputy, a2, "approve", "");

    g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "approved");
  }
}

static void
test_approved_locked (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *quote_id = quote_asking (f, STEP1_COVERS);
  g_autofree char *approval_id = request (f, quote_id, STEP1_COVERS);
  g_autoptr(JsonObject) r = decide (f, f->deputy, approval_id, "approve", "");
  g_autoptr(JsonObject) used = NULL;
  g_autoptr(JsonObject) imported = NULL;
  g_autoptr(AnjuQuote) q = NULL;
  g_autofree char *json = NULL;

  anju_commands_register (test_commands, G_N_ELEMENTS (test_commands));

  /* Locked: no new price for this quote. */
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": 300000000, \"reason\": \"再低一点\"}", quote_id);
  {
    g_autofree char *message = assert_refused (f, f->lina, "discount.request", json,
                                               ANJU_COMMAND_ERROR_CONFLICT, "quote_id");
    g_assert_nonnull (strstr (message, "locked"));
  }

  /* A new price list changes the unit, not the quote. */
  imported = run_ok (f, f->deputy, "price_list.import",
                     "{\"project_id\": \"$P\", \"rows\": [{\"building\": \"1幢\", \"number\": \"1502\", \"floor\": 15, "
                     "\"layout\": \"3室2厅2卫\", \"gross_area\": 11500, \"inner_area\": 9085, \"list_price\": 340000000}]}");
  g_assert_cmpint (json_object_get_int_member (imported, "version"), ==, 1);
  q = load_quote (f, quote_id);
  g_assert_cmpint (q->price, ==, STEP1_COVERS);
  g_assert_cmpint (q->list_price, ==, LIST_PRICE);
  g_assert_cmpint (q->price_version, ==, 0);
  g_clear_pointer (&q, anju_quote_free);

  /* The deal takes exactly the approved price — once; and only for its unit. */
  g_free (json);
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"unit_id\": \"other\"}", quote_id);
  REFUSED (f, f->lina, "test.use_quote", json, ANJU_COMMAND_ERROR_CONFLICT, "quote_id");
  g_free (json);
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"unit_id\": \"%s\"}", quote_id, f->unit_id);
  REFUSED (f, f->wang, "test.use_quote", json, ANJU_COMMAND_ERROR_FORBIDDEN, "quote_id");
  used = run_ok (f, f->lina, "test.use_quote", json);
  g_assert_cmpint (json_object_get_int_member (used, "price"), ==, STEP1_COVERS);
  q = load_quote (f, quote_id);
  g_assert_cmpint (q->status, ==, ANJU_QUOTE_USED);
  g_assert_true (q->locked);
  REFUSED (f, f->lina, "test.use_quote", json, ANJU_COMMAND_ERROR_CONFLICT, "quote_id");

  /* A used approval does not expire afterwards. */
  f->clock.now += G_TIME_SPAN_DAY;
  {
    g_autoptr(AnjuApproval) a = anju_approval_load (f->store, approval_id, NULL);
    g_assert_cmpstr (a->status, ==, "approved");
  }
}

/* ---- expiry at the end of the local day ----------------------------------- */

static void
test_expires_end_of_day (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *quote_id = NULL, *approval_id = NULL, *json = NULL;
  g_autoptr(JsonObject) r = NULL;
  g_autoptr(AnjuApproval) a = NULL;
  g_autoptr(AnjuQuote) q = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autofree char *message = NULL;

  anju_commands_register (test_commands, G_N_ELEMENTS (test_commands));

  /* 23:50 in Shanghai (15:50 UTC): the morning's hold is long gone; hold again. */
  f->clock.now = anju_test_time ("2026-11-26T15:50:00Z");
  r = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"minutes\": 120}");

  /* 23:59: the request lives one more minute. */
  f->clock.now = anju_test_time ("2026-11-26T15:59:00Z");
  quote_id = quote_asking (f, STEP1_COVERS);
  approval_id = request (f, quote_id, STEP1_COVERS);
  a = anju_approval_load (f->store, approval_id, NULL);
  g_assert_cmpstr (a->expires_at, ==, "2026-11-26T16:00:00Z");
  g_clear_pointer (&a, anju_approval_free);
  f->clock.now = anju_test_time ("2026-11-26T15:59:59Z");
  waiting = anju_approvals_list_waiting (f->store, f->deputy, NULL);
  g_assert_cmpuint (waiting->len, ==, 1);
  g_clear_pointer (&waiting, g_ptr_array_unref);

  /* 00:01 the next day: expired everywhere, and no longer decidable. */
  f->clock.now = anju_test_time ("2026-11-26T16:01:00Z");
  waiting = anju_approvals_list_waiting (f->store, f->deputy, NULL);
  g_assert_cmpuint (waiting->len, ==, 0);
  g_clear_pointer (&waiting, g_ptr_array_unref);
  a = anju_approval_load (f->store, approval_id, NULL);
  g_assert_cmpstr (a->status, ==, "expired");
  g_clear_pointer (&a, anju_approval_free);
  q = load_quote (f, quote_id);
  g_assert_cmpint (q->status, ==, ANJU_QUOTE_EXPIRED);
  g_clear_pointer (&q, anju_quote_free);
  json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\"}", approval_id);
  message = assert_refused (f, f->deputy, "approval.decide", json, ANJU_COMMAND_ERROR_CONFLICT, "approval_id");
  g_assert_cmpstr (message, ==, "This request expired at the end of 2026-11-26, the day it was made. "
                                "The consultant can ask again.");
  g_free (json);
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": %d, \"reason\": \"再申请\"}",
                          quote_id, STEP1_COVERS);
  REFUSED (f, f->lina, "discount.request", json, ANJU_COMMAND_ERROR_CONFLICT, "quote_id");

  /* Asked at 00:01, a request lasts the whole new day … */
  g_clear_pointer (&quote_id, g_free);
  g_clear_pointer (&approval_id, g_free);
  quote_id = quote_asking (f, STEP1_COVERS);
  approval_id = request (f, quote_id, STEP1_COVERS);
  a = anju_approval_load (f->store, approval_id, NULL);
  g_assert_cmpstr (a->expires_at, ==, "2026-11-27T16:00:00Z");
  g_clear_pointer (&a, anju_approval_free);
  f->clock.now = anju_test_time ("2026-11-27T15:59:00Z");
  g_clear_pointer (&r, json_object_unref);
  r = decide (f, f->deputy, approval_id, "approve", "今天内签");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "approved");

  /* … and an approved quote not used by the end of its day runs out too. */
  f->clock.now = anju_test_time ("2026-11-27T16:00:00Z");
  q = load_quote (f, quote_id);
  g_assert_cmpint (q->status, ==, ANJU_QUOTE_EXPIRED);
  g_assert_cmpstr (q->approval_status, ==, "expired");
  g_free (json);
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"unit_id\": \"%s\"}", quote_id, f->unit_id);
  g_free (message);
  message = assert_refused (f, f->lina, "test.use_quote", json, ANJU_COMMAND_ERROR_CONFLICT, "quote_id");
  g_assert_nonnull (strstr (message, "ran out"));
}

static void
assert_deciders (Fixture    *f,
                 const char *approval_id,
                 const char *names)
{
  g_autoptr(AnjuApproval) a = anju_approval_load (f->store, approval_id, NULL);
  g_autoptr(GPtrArray) deciders = anju_approval_dup_next_deciders (f->store, a, NULL);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < deciders->len; i++)
    g_string_append_printf (got, "%s%s", i ? "," : "",
                            ((AnjuUser *)g_ptr_array_index (deciders, i))->display_name);
  g_assert_cmpstr (got->str, ==, names);
}

/* Who decides next: the step's role, never someone who decided before. */
static void
test_next_deciders (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *quote_id = quote_asking (f, 300000000);
  g_autofree char *approval_id = request (f, quote_id, 300000000);
  g_autoptr(JsonObject) r1 = NULL;
  g_autoptr(JsonObject) r2 = NULL;
  g_autoptr(JsonObject) r3 = NULL;

  assert_deciders (f, approval_id, "刘强,张伟,陈总");
  r1 = decide (f, f->deputy, approval_id, "approve", "同意");
  assert_deciders (f, approval_id, "刘强,陈总");
  r2 = decide (f, f->pm, approval_id, "approve", "同意");
  assert_deciders (f, approval_id, "陈总");
  r3 = decide (f, f->head, approval_id, "approve", "特批");
  g_assert_cmpstr (json_object_get_string_member (r3, "status"), ==, "approved");
  assert_deciders (f, approval_id, "");
}

/* The rate as Chinese speakers say it: 98折, 98.5折, 9折 — never 90折
 * nor 100折. */
static void
test_rate_in_chinese (void)
{
  static const struct { guint permille; const char *text; } rates[] = {
    { 990, "99折" }, { 985, "98.5折" }, { 950, "95折" }, { 900, "9折" },
    { 850, "85折" }, { 800, "8折" }, { 1000, "原价" },
  };
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  bindtextdomain (GETTEXT_PACKAGE, ANJU_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autofree char *text = anju_pricing_format_rate (rates[i].permille);

      g_assert_cmpstr (text, ==, rates[i].text);
    }
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* One discount request at a time for a unit and a customer: a second
 * quote for them cannot ask while the first request is pending. */
static void
test_duplicate_request (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *first = quote_asking (f, 300000000);
  g_autofree char *approval_id = request (f, first, 300000000);
  g_autofree char *second = quote_asking (f, 301000000);
  g_autofree char *json = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": 301000000, "
                                           "\"reason\": \"再申请一次\"}", second);
  g_autofree char *message = assert_refused (f, f->lina, "discount.request", json,
                                             ANJU_COMMAND_ERROR_CONFLICT, "quote_id");
  g_autoptr(JsonObject) d = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpstr (message, ==, "A discount request for unit 1幢-1502 and 陈先生 is already waiting "
                                "at step 1 of 3 (asked by 李娜). Wait for that decision before asking again.");
  /* Once the first is decided, the customer may ask again. */
  d = decide (f, f->deputy, approval_id, "reject", "价格太低");
  g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "rejected");
  again = request (f, second, 301000000);
  g_assert_nonnull (again);
}

/* Each approver's comment reaches the consultant when it is made: the
 * quote carries every decided step, who decided it and what they said. */
static void
test_every_comment_reaches (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *quote_id = quote_asking (f, 300000000);
  g_autofree char *approval_id = request (f, quote_id, 300000000);
  g_autoptr(JsonObject) d1 = decide (f, f->deputy, approval_id, "approve", "老客户，同意");
  g_autoptr(JsonObject) d2 = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(AnjuQuote) q = NULL;
  const AnjuApprovalStep *s;

  /* After step 1, still pending: 张伟's comment is on the quote already. */
  mine = anju_quotes_list_for_consultant (f->store, f->lina->id, NULL);
  g_assert_cmpuint (mine->len, ==, 1);
  q = g_ptr_array_steal_index (mine, 0);
  g_assert_cmpint (q->status, ==, ANJU_QUOTE_PENDING);
  g_assert_cmpuint (q->approval_decisions->len, ==, 1);
  s = g_ptr_array_index (q->approval_decisions, 0);
  g_assert_cmpint (s->step, ==, 1);
  g_assert_cmpstr (s->decider_name, ==, "张伟");
  g_assert_cmpstr (s->decision, ==, "approve");
  g_assert_cmpstr (s->comment, ==, "老客户，同意");
  g_assert_cmpstr (s->title, ==, "Agency deputy manager");
  g_clear_pointer (&q, anju_quote_free);

  /* After step 2 both comments, in order, on either way of loading. */
  d2 = decide (f, f->pm, approval_id, "approve", "可以，报营销总");
  q = load_quote (f, quote_id);
  g_assert_cmpuint (q->approval_decisions->len, ==, 2);
  g_assert_cmpstr (((AnjuApprovalStep *)g_ptr_array_index (q->approval_decisions, 0))->comment, ==,
                   "老客户，同意");
  s = g_ptr_array_index (q->approval_decisions, 1);
  g_assert_cmpstr (s->decider_name, ==, "刘强");
  g_assert_cmpstr (s->comment, ==, "可以，报营销总");
}

/* What anju_approval_may_decide() allows is applied; what it forbids is
 * refused and changes nothing — for every person, at every step. */
static void
test_may_decide_matches_handler (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(AnjuUser) finance = anju_test_add_user (f->store, "chenjing", "陈静", ANJU_ROLE_FINANCE);
  g_autofree char *quote_id = quote_asking (f, 300000000);
  g_autofree char *approval_id = request (f, quote_id, 300000000);
  const AnjuUser *people[] = { f->lina, f->wang, finance, f->admin, f->deputy, f->pm, f->head };
  g_autofree char *json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\", "
                                           "\"comment\": \"可\"}", approval_id);

  for (int round = 0; round < 3; round++)
    {
      const AnjuUser *decider = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (people); i++)
        {
          g_autoptr(AnjuApproval) a = anju_approval_load (f->store, approval_id, NULL);
          gboolean may = anju_approval_may_decide (people[i], a);

          g_test_message ("step %d, %s: %d", a->current_step, people[i]->username, may);
          if (!may)
            {
              g_autoptr(GError) error = NULL;
              g_autofree char *before = anju_test_dump_database (f->store);
              g_autoptr(JsonObject) payload = anju_test_json_object (json);
              g_autoptr(JsonObject) answer = anju_command_run (f->store, people[i], "approval.decide",
                                                              payload, &error);
              g_autofree char *after = anju_test_dump_database (f->store);

              g_assert_null (answer);
              g_assert_nonnull (error);
              g_assert_cmpstr (before, ==, after);
            }
          else if (decider == NULL)
            decider = people[i];
        }
      /* The first who may decide does; the others are asked again. */
      g_assert_nonnull (decider);
      g_free (run_id (f, decider, "approval.decide", json, "status"));
    }
  /* Approved: nobody may decide any more. */
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(AnjuApproval) a = anju_approval_load (f->store, approval_id, NULL);

      g_assert_false (anju_approval_may_decide (people[i], a));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  anju_format_set_time_zone ("Asia/Shanghai");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/pricing/arithmetic", test_arithmetic);
  g_test_add_func ("/pricing/rate-in-chinese", test_rate_in_chinese);
  ADD ("/pricing/quote-within-range", test_quote_within_range);
  ADD ("/pricing/quote-refused", test_quote_refused);
  ADD ("/pricing/three-step-chain", test_three_step_chain);
  ADD ("/pricing/chain-ends-early", test_chain_ends_early);
  ADD ("/pricing/reject-at-step-two", test_reject_at_step_two);
  ADD ("/pricing/who-may-decide", test_who_may_decide);
  ADD ("/pricing/floor-price", test_floor_price);
  ADD ("/pricing/approved-locked", test_approved_locked);
  ADD ("/pricing/expires-end-of-day", test_expires_end_of_day);
  ADD ("/pricing/next-deciders", test_next_deciders);
  ADD ("/pricing/duplicate-request", test_duplicate_request);
  ADD ("/pricing/every-comment-reaches", test_every_comment_reaches);
  ADD ("/pricing/may-decide-matches-handler", test_may_decide_matches_handler);
#undef ADD

  return g_test_run ();
}
