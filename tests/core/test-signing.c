/* test-signing.c — signing reminders, changes, checklists, filing, mortgage */
#include "anju-customers.h"
#include "anju-policy.h"
#include "anju-signing.h"
#include "anju-sms.h"
#include "anju-subscriptions.h"
#include "anju-tasks.h"
#include "anju-units.h"
#include "anju-workbench.h"
#include "anju-test-util.h"

#define ID_CHEN       "11010519491231002X"
#define ID_WIFE       "330106199803148449"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *admin;
  AnjuUser      *manager;     /* 张伟 */
  AnjuUser      *manager2;    /* 刘洋 */
  AnjuUser      *lina;        /* consultant 李娜 */
  AnjuUser      *wang;        /* consultant 王芳 */
  AnjuUser      *cashier;     /* finance 陈静 */
  char          *project_id;
  char          *building_id;
  char          *unit_id;     /* 1幢-1502 */
  char          *unit2_id;    /* 1幢-1602 */
  char          *customer_id;
  char          *subscription_id;
} Fixture;

static char *
expand (Fixture    *f,
        const char *json)
{
  const AnjuTestMark marks[] = {
    { "$P", f->project_id }, { "$B", f->building_id }, { "$U2", f->unit2_id }, { "$U", f->unit_id },
    { "$C", f->customer_id }, { "$S", f->subscription_id },
  };

  return anju_test_expand (json, marks, G_N_ELEMENTS (marks));
}

static JsonObject *
run_ok (Fixture        *f,
        const AnjuUser *actor,
        const char     *type,
        const char     *json_payload)
{
  g_autofree char *text = expand (f, json_payload);

  return anju_test_run_ok (f->store, actor, type, text);
}

static char *
run_id (Fixture        *f,
        const AnjuUser *actor,
        const char     *type,
        const char     *json_payload,
        const char     *member)
{
  g_autoptr(JsonObject) result = run_ok (f, actor, type, json_payload);

  return g_strdup (json_object_get_string_member (result, member));
}

static char *
refused (Fixture              *f,
         const AnjuUser       *actor,
         const char           *type,
         const char           *json_payload,
         AnjuCommandErrorCode  code,
         const char           *field)
{
  g_autofree char *text = expand (f, json_payload);

  return anju_test_assert_refused (f->store, actor, type, text, code, field);
}

#define REFUSED(f, actor, type, json, code, field) \
  g_free (refused ((f), (actor), (type), (json), (code), (field)))

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");   /* Thursday 10:00 in Shanghai */
  f->store = anju_test_store_new (&f->clock, &f->dir);
  f->admin = anju_test_add_user (f->store, "admin", "系统管理员", ANJU_ROLE_ADMIN);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  f->manager2 = anju_test_add_user (f->store, "liuyang", "刘洋", ANJU_ROLE_MANAGER);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->wang = anju_test_add_user (f->store, "wangfang", "王芳", ANJU_ROLE_CONSULTANT);
  f->cashier = anju_test_add_user (f->store, "chenjing", "陈静", ANJU_ROLE_FINANCE);
  f->project_id = run_id (f, f->admin, "project.create", "{\"name\": \"万科·安居苑\", \"developer\": \"安居置业\", \"city\": \"杭州\"}",
                          "project_id");
  f->building_id = run_id (f, f->admin, "building.create",
                           "{\"project_id\": \"$P\", \"name\": \"1幢\", \"floors\": 18, \"units_per_floor\": 2}",
                           "building_id");
  f->unit_id = run_id (f, f->manager, "unit.create",
                       "{\"building_id\": \"$B\", \"floor\": 15, \"number\": \"1502\", \"layout\": \"3室2厅2卫\", "
                       "\"gross_area\": 11500, \"inner_area\": 9085, \"list_price\": 328370000}", "unit_id");
  f->unit2_id = run_id (f, f->manager, "unit.create",
                        "{\"building_id\": \"$B\", \"floor\": 16, \"number\": \"1602\", \"layout\": \"3室2厅2卫\", "
                        "\"gross_area\": 11500, \"inner_area\": 9085, \"list_price\": 330000000}", "unit_id");
  f->customer_id = run_id (f, f->lina, "customer.create",
                           "{\"name\": \"陈建国\", \"title\": \"先生\", \"mobile\": \"13800138000\", "
                           "\"id_number\": \"" ID_CHEN "\"}", "customer_id");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->admin);
  anju_user_free (f->manager);
  anju_user_free (f->manager2);
  anju_user_free (f->lina);
  anju_user_free (f->wang);
  anju_user_free (f->cashier);
  g_free (f->project_id);
  g_free (f->building_id);
  g_free (f->unit_id);
  g_free (f->unit2_id);
  g_free (f->customer_id);
  g_free (f->subscription_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Holds 1幢-1502, quotes it at the list price and subscribes it at the
 * clock's time with a ¥50,000 deposit and a co-owner. */
static void
subscribe (Fixture    *f,
           const char *signing_deadline)
{
  g_autofree char *quote_id = NULL, *json = NULL;

  g_free (run_id (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"minutes\": 120, \"customer_id\": \"$C\"}",
                  "hold_id"));
  quote_id = run_id (f, f->lina, "quote.create", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\"}", "quote_id");
  json = g_strdup_printf ("{\"quote_id\": \"%s\", \"payment_method\": \"commercial\", \"deposit\": 5000000, "
                          "\"signing_deadline\": \"%s\", \"buyers\": [{}, {\"name\": \"周子涵\", "
                          "\"id_number\": \"" ID_WIFE "\", \"mobile\": \"13796830958\"}]}",
                          quote_id, signing_deadline);
  g_clear_pointer (&f->subscription_id, g_free);
  f->subscription_id = run_id (f, f->lina, "subscription.create", json, "subscription_id");
}

/* The due time (ISO UTC) of the one queued SMS of @template_id, or NULL. */
static char *
sms_due (Fixture    *f,
         const char *template_id,
         char      **text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = anju_sms_list (f->store, "queued", f->customer_id, &error);
  char *due = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      AnjuSms *sms = g_ptr_array_index (list, i);

      if (g_strcmp0 (sms->template_id, template_id) != 0)
        continue;
      g_assert_null (due);
      due = g_strdup (sms->due_at);
      if (text != NULL)
        *text = g_strdup (sms->text);
    }
  return due;
}

/* The due time of the one open task of @kind about the customer, or NULL. */
static char *
task_due (Fixture    *f,
          const char *kind,
          char      **assignee)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = anju_tasks_list_for_customer (f->store, f->customer_id, &error);
  char *due = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      AnjuTask *t = g_ptr_array_index (list, i);

      if (g_strcmp0 (t->kind, kind) != 0 || g_strcmp0 (t->state, "open") != 0)
        continue;
      g_assert_null (due);
      due = g_strdup (t->due_at);
      if (assignee != NULL)
        *assignee = g_strdup (t->assignee_id);
    }
  return due;
}

static void
assert_due (char       *due,
            const char *expected)
{
  g_assert_cmpstr (due, ==, expected);
  g_free (due);
}

/* ---- 1. reminders ---------------------------------------------------------- */

static void
test_reminders_after_subscription (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *text = NULL, *congrats = NULL, *assignee = NULL;
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(GError) error = NULL;

  subscribe (f, "2026-12-03");
  g = anju_signing_load (f->store, f->subscription_id, &error);
  g_assert_no_error (error);
  /* The signing deadline's day at 10:00 local. */
  g_assert_cmpstr (g->signing_at, ==, "2026-12-03T02:00:00Z");
  g_assert_cmpstr (g->status, ==, "scheduled");

  /* At once: 恭喜您成为……的业主. */
  assert_due (sms_due (f, "signing_congratulations", &congrats), "2026-11-26T02:00:00Z");
  g_assert_nonnull (strstr (congrats, "恭喜您成为万科·安居苑的业主"));
  g_assert_nonnull (strstr (congrats, "陈先生"));
  /* Two days before, at the signing's time of day: time and documents. */
  assert_due (sms_due (f, "signing_reminder", &text), "2026-12-01T02:00:00Z");
  g_assert_nonnull (strstr (text, "2026-12-03 10:00"));
  g_assert_nonnull (strstr (text, "1幢-1502"));
  g_assert_nonnull (strstr (text, "身份证原件、商品房认购书、定金收据"));
  /* One day before: the call and the contract, for the consultant. */
  assert_due (task_due (f, "confirm_signing", &assignee), "2026-12-02T02:00:00Z");
  g_assert_cmpstr (assignee, ==, f->lina->id);
  assert_due (task_due (f, "prepare_contract", NULL), "2026-12-02T02:00:00Z");
}

static void
test_reminders_in_office_hours (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;

  subscribe (f, "2026-12-04");
  /* At 08:30 on 12-04: each reminder's time is before opening (09:00,
   * policy office_hours), so 09:00. */
  result = run_ok (f, f->lina, "signing.schedule",
                   "{\"subscription_id\": \"$S\", \"signing_at\": \"2026-12-04T08:30:00+08:00\"}");
  g_assert_cmpstr (json_object_get_string_member (result, "signing_at"), ==, "2026-12-04T00:30:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "task_ids")), ==, 2);
  assert_due (sms_due (f, "signing_reminder", NULL), "2026-12-02T01:00:00Z");
  assert_due (task_due (f, "confirm_signing", NULL), "2026-12-03T01:00:00Z");
  assert_due (task_due (f, "prepare_contract", NULL), "2026-12-03T01:00:00Z");
  /* The congratulation stays; the old reminders are gone (one of each). */
  assert_due (sms_due (f, "signing_congratulations", NULL), "2026-11-26T02:00:00Z");
}

static void
test_reminders_late_subscription (Fixture       *f,
                                  gconstpointer  data)
{
  /* Subscribed 12-02 at 21:30 local (closed) for a signing 12-03 10:00:
   * everything passed is due when the office opens, 09:00 the next day. */
  f->clock.now = anju_test_time ("2026-12-02T13:30:00Z");
  subscribe (f, "2026-12-03");
  assert_due (sms_due (f, "signing_congratulations", NULL), "2026-12-03T01:00:00Z");
  assert_due (sms_due (f, "signing_reminder", NULL), "2026-12-03T01:00:00Z");
  assert_due (task_due (f, "confirm_signing", NULL), "2026-12-03T01:00:00Z");
  /* One day before has passed: at the latest one hour before, 09:00. */
  assert_due (task_due (f, "prepare_contract", NULL), "2026-12-03T01:00:00Z");

  /* Moved to 09:30: one hour before is 08:30, before opening — the
   * contract is still ready by 08:30, never later. */
  f->clock.now = anju_test_time ("2026-12-02T13:40:00Z");
  g_autoptr(JsonObject) result = run_ok (f, f->lina, "signing.schedule",
                                         "{\"subscription_id\": \"$S\", \"signing_at\": \"2026-12-03T09:30:00+08:00\"}");
  assert_due (task_due (f, "prepare_contract", NULL), "2026-12-03T00:30:00Z");
  assert_due (task_due (f, "confirm_signing", NULL), "2026-12-03T01:00:00Z");
  /* From the policy: one-day preparation turned into two hours. */
  g_free (run_id (f, f->admin, "project.set_policy",
                  "{\"project_id\": \"$P\", \"policy\": {\"signing\": {\"prepare_latest_hours_before\": 2}}}",
                  "project_id"));
  g_clear_pointer (&result, json_object_unref);
  result = run_ok (f, f->lina, "signing.schedule",
                   "{\"subscription_id\": \"$S\", \"signing_at\": \"2026-12-03T15:00:00+08:00\"}");
  assert_due (task_due (f, "prepare_contract", NULL), "2026-12-03T05:00:00Z");
}

static void
test_schedule_refused (Fixture       *f,
                       gconstpointer  data)
{
  subscribe (f, "2026-12-03");
  REFUSED (f, f->lina, "signing.schedule", "{\"subscription_id\": \"$S\", \"signing_at\": \"2026-11-26T09:00:00+08:00\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "signing_at");
  REFUSED (f, f->wang, "signing.schedule", "{\"subscription_id\": \"$S\", \"signing_at\": \"2026-12-03T09:00:00+08:00\"}",
           ANJU_COMMAND_ERROR_FORBIDDEN, "subscription_id");
  REFUSED (f, f->lina, "signing.schedule", "{\"subscription_id\": \"nope\", \"signing_at\": \"2026-12-03T09:00:00+08:00\"}",
           ANJU_COMMAND_ERROR_NOT_FOUND, "subscription_id");
}

/* ---- 3. checklists, the data check, the signing ---------------------------- */

#define PEOPLE_OK \
  "\"people\": [{\"role\": \"buyer\", \"name\": \"陈建国\", \"id_number\": \"" ID_CHEN "\", " \
  "\"mobile\": \"13800138000\", \"address\": \"杭州市西湖区文三路90号\"}, " \
  "{\"role\": \"co_owner\", \"name\": \"周子涵\", \"id_number\": \"" ID_WIFE "\", " \
  "\"address\": \"杭州市西湖区文三路90号\"}], \"payment_method\": \"commercial\", " \
  "\"down_payment\": 98511000, \"loan_bank\": \"中国建设银行\""

static void
confirm_and_check (Fixture *f)
{
  g_autoptr(JsonObject) data = run_ok (f, f->lina, "signing.confirm_data", "{\"subscription_id\": \"$S\", " PEOPLE_OK "}");
  g_autoptr(JsonObject) docs = run_ok (f, f->lina, "signing.check_documents",
      "{\"subscription_id\": \"$S\", \"checklist\": \"contract\", "
      "\"items\": [\"id_card\", \"subscription_form\", \"deposit_receipt\"]}");

  g_assert_true (json_object_get_boolean_member (docs, "complete"));
}

static char *
status_of_unit (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuSubscription) s = anju_subscription_load (f->store, f->subscription_id, &error);

  g_assert_no_error (error);
  return g_strdup (anju_subscription_status_to_string (s->status));
}

static void
test_sign_checks (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) docs = NULL;
  g_autoptr(JsonObject) signed_result = NULL;
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL, *status = NULL;

  subscribe (f, "2026-12-03");
  /* Nothing confirmed: the data check comes first. */
  REFUSED (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}", ANJU_COMMAND_ERROR_CONFLICT, "people");
  /* Every buyer and co-owner, with valid ID numbers and an address. */
  message = refused (f, f->lina, "signing.confirm_data",
                     "{\"subscription_id\": \"$S\", \"people\": [{\"role\": \"buyer\", \"name\": \"陈建国\", "
                     "\"id_number\": \"" ID_CHEN "\", \"address\": \"杭州\"}], \"payment_method\": \"commercial\", "
                     "\"down_payment\": 98511000, \"loan_bank\": \"中国建设银行\"}",
                     ANJU_COMMAND_ERROR_MISSING_FIELD, "people");
  g_assert_nonnull (strstr (message, "周子涵"));
  REFUSED (f, f->lina, "signing.confirm_data",
           "{\"subscription_id\": \"$S\", \"people\": [{\"role\": \"buyer\", \"name\": \"陈建国\", "
           "\"id_number\": \"110105194912310021\", \"address\": \"杭州\"}], \"payment_method\": \"commercial\", "
           "\"down_payment\": 98511000, \"loan_bank\": \"中国建设银行\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "people.0.id_number");
  REFUSED (f, f->lina, "signing.confirm_data",
           "{\"subscription_id\": \"$S\", \"people\": [{\"role\": \"buyer\", \"name\": \"陈建国\", "
           "\"id_number\": \"" ID_CHEN "\"}], \"payment_method\": \"one_time\", \"down_payment\": 98511000}",
           ANJU_COMMAND_ERROR_MISSING_FIELD, "people.0.address");
  REFUSED (f, f->lina, "signing.confirm_data",
           "{\"subscription_id\": \"$S\", " PEOPLE_OK ", \"loan_bank\": null}",
           ANJU_COMMAND_ERROR_MISSING_FIELD, "loan_bank");
  json_object_unref (run_ok (f, f->lina, "signing.confirm_data", "{\"subscription_id\": \"$S\", " PEOPLE_OK "}"));
  g = anju_signing_load (f->store, f->subscription_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g->data_confirmed_by, ==, "李娜");
  g_assert_cmpint (g->down_payment, ==, 98511000);
  g_assert_cmpstr (g->loan_bank, ==, "中国建设银行");

  /* The contract's papers: each missing one is named. */
  g_clear_pointer (&message, g_free);
  message = refused (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}", ANJU_COMMAND_ERROR_CONFLICT,
                     "documents");
  g_assert_cmpstr (message, ==, "The documents for the contract are not complete. Missing: ID card; Subscription form; Deposit receipt.");
  docs = run_ok (f, f->lina, "signing.check_documents",
                 "{\"subscription_id\": \"$S\", \"checklist\": \"contract\", \"items\": [\"id_card\", \"subscription_form\"]}");
  g_assert_cmpstr (json_object_get_string_member (docs, "missing"), ==, "Deposit receipt");
  g_clear_pointer (&message, g_free);
  message = refused (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}", ANJU_COMMAND_ERROR_CONFLICT,
                     "documents");
  g_assert_cmpstr (message, ==, "The documents for the contract are not complete. Missing: Deposit receipt.");
  REFUSED (f, f->lina, "signing.check_documents",
           "{\"subscription_id\": \"$S\", \"checklist\": \"contract\", \"items\": [\"passport\"]}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "items.0");
  REFUSED (f, f->lina, "signing.check_documents",
           "{\"subscription_id\": \"$S\", \"checklist\": \"lease\", \"items\": [\"id_card\"]}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "checklist");
  REFUSED (f, f->wang, "signing.check_documents",
           "{\"subscription_id\": \"$S\", \"checklist\": \"contract\", \"items\": [\"deposit_receipt\"]}",
           ANJU_COMMAND_ERROR_FORBIDDEN, "subscription_id");

  /* The mortgage list of SPEC §8, one-of items satisfied by any option. */
  g_clear_pointer (&docs, json_object_unref);
  docs = run_ok (f, f->lina, "signing.check_documents",
                 "{\"subscription_id\": \"$S\", \"checklist\": \"mortgage\", \"items\": [\"id_card\", "
                 "\"household_register\", \"household_pages\", \"marriage_proof\", \"income_proof\", "
                 "\"down_payment_receipt\"]}");
  g_assert_cmpstr (json_object_get_string_member (docs, "missing"), ==,
                   "Proof of assets (one of: Fixed deposit, Bank statement, Property certificate, Vehicle licence, Business licence); "
                   "Repayment passbook (current account)");
  g_clear_pointer (&docs, json_object_unref);
  docs = run_ok (f, f->lina, "signing.check_documents",
                 "{\"subscription_id\": \"$S\", \"checklist\": \"mortgage\", \"items\": [\"vehicle_licence\", "
                 "\"repayment_passbook\"]}");
  g_assert_true (json_object_get_boolean_member (docs, "complete"));
  /* Un-ticking an item makes it missing again. */
  g_clear_pointer (&docs, json_object_unref);
  docs = run_ok (f, f->lina, "signing.check_documents",
                 "{\"subscription_id\": \"$S\", \"checklist\": \"mortgage\", \"items\": [\"vehicle_licence\"], "
                 "\"checked\": false}");
  g_assert_false (json_object_get_boolean_member (docs, "complete"));

  g_clear_pointer (&docs, json_object_unref);
  docs = run_ok (f, f->lina, "signing.check_documents",
                 "{\"subscription_id\": \"$S\", \"checklist\": \"contract\", \"items\": [\"deposit_receipt\"]}");
  signed_result = run_ok (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\", \"contract_number\": \"HZ-2026-1502\"}");
  g_assert_cmpstr (json_object_get_string_member (signed_result, "filing_due_on"), ==, "2026-12-26");
  status = status_of_unit (f);
  g_assert_cmpstr (status, ==, "signed");
  g_assert_null (task_due (f, "confirm_signing", NULL));
  g_assert_null (task_due (f, "prepare_contract", NULL));
  REFUSED (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}", ANJU_COMMAND_ERROR_CONFLICT, "subscription_id");
}

/* ---- 4. online filing --------------------------------------------------------- */

static void
sign_deal (Fixture *f)
{
  subscribe (f, "2026-12-03");
  confirm_and_check (f);
  json_object_unref (run_ok (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}"));
}

static const char *
filing_state (Fixture    *f,
              const char *iso_now,
              int        *days_left)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuSigning) g = NULL;

  f->clock.now = anju_test_time (iso_now);
  g = anju_signing_load (f->store, f->subscription_id, &error);
  g_assert_no_error (error);
  return anju_filing_state_to_string (anju_filing_state_at (f->store, g, f->clock.now, days_left));
}

/* The rows of the workbench section "filings" of @user now. */
static guint
workbench_filings (Fixture        *f,
                   const AnjuUser *user,
                   guint          *urgent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuWorkbench) w = anju_workbench_load (f->store, user->id, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < w->sections->len; i++)
    {
      AnjuWorkbenchSection *section = g_ptr_array_index (w->sections, i);

      if (g_strcmp0 (section->id, "filings") != 0)
        continue;
      if (urgent != NULL)
        *urgent = section->urgent;
      return json_array_get_length (section->items);
    }
  if (urgent != NULL)
    *urgent = 0;
  return 0;
}

static void
test_filing_deadline (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *message = NULL;
  guint urgent = 0;
  int left = 0;

  /* Signed Thursday 2026-11-26: the filing is due by 2026-12-26. */
  sign_deal (f);
  g_assert_cmpstr (filing_state (f, "2026-12-18T02:00:00Z", &left), ==, "on_time");
  g_assert_cmpint (left, ==, 8);
  g_assert_cmpuint (workbench_filings (f, f->lina, NULL), ==, 0);
  /* Warned at 7 days (amber) … */
  g_assert_cmpstr (filing_state (f, "2026-12-18T16:00:00Z", &left), ==, "due_soon");
  g_assert_cmpint (left, ==, 7);
  g_assert_cmpuint (workbench_filings (f, f->lina, &urgent), ==, 1);
  g_assert_cmpuint (urgent, ==, 0);
  g_assert_cmpuint (workbench_filings (f, f->manager, NULL), ==, 1);
  g_assert_cmpuint (workbench_filings (f, f->wang, NULL), ==, 0);
  g_assert_cmpstr (filing_state (f, "2026-12-22T15:59:59Z", &left), ==, "due_soon");
  g_assert_cmpint (left, ==, 4);
  /* … and at 3 (red), to the end of the due day, */
  g_assert_cmpstr (filing_state (f, "2026-12-22T16:00:00Z", &left), ==, "urgent");
  g_assert_cmpint (left, ==, 3);
  g_assert_cmpuint (workbench_filings (f, f->lina, &urgent), ==, 1);
  g_assert_cmpuint (urgent, ==, 1);
  g_assert_cmpstr (filing_state (f, "2026-12-26T15:59:59Z", &left), ==, "urgent");
  g_assert_cmpint (left, ==, 0);
  /* then overdue, on the consultant's and the manager's lists. */
  g_assert_cmpstr (filing_state (f, "2026-12-26T16:00:00Z", &left), ==, "overdue");
  g_assert_cmpint (left, ==, -1);
  g_assert_cmpuint (workbench_filings (f, f->manager, &urgent), ==, 1);
  g_assert_cmpuint (urgent, ==, 1);
  due = anju_filings_list_due (f->store, f->project_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);

  /* Recording it: every attachment, named when missing. */
  message = refused (f, f->lina, "filing.record",
                     "{\"subscription_id\": \"$S\", \"filing_number\": \"YS2026120001\", \"filed_on\": \"2026-12-26\", "
                     "\"attachments\": [\"floor_plan\", \"layout_plan\", \"payment_terms\"]}",
                     ANJU_COMMAND_ERROR_MISSING_FIELD, "attachments");
  g_assert_cmpstr (message, ==, "The filed contract needs its attachments. Missing: Fit-out standard.");
  REFUSED (f, f->lina, "filing.record",
           "{\"subscription_id\": \"$S\", \"filing_number\": \"YS2026120001\", \"filed_on\": \"2026-12-28\", "
           "\"attachments\": [\"floor_plan\", \"layout_plan\", \"payment_terms\", \"fit_out_standard\"]}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "filed_on");
  json_object_unref (run_ok (f, f->lina, "filing.record",
                          "{\"subscription_id\": \"$S\", \"filing_number\": \"YS2026120001\", \"filed_on\": \"2026-12-26\", "
                          "\"attachments\": [\"floor_plan\", \"layout_plan\", \"payment_terms\", \"fit_out_standard\"]}"));
  g_assert_cmpstr (filing_state (f, "2026-12-27T02:00:00Z", NULL), ==, "filed");
  g_assert_cmpuint (workbench_filings (f, f->manager, NULL), ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = anju_filings_list_due (f->store, f->project_id, NULL, &error);
  g_assert_cmpuint (due->len, ==, 0);
}

static void
test_filing_before_signing (Fixture       *f,
                            gconstpointer  data)
{
  subscribe (f, "2026-12-03");
  REFUSED (f, f->lina, "filing.record",
           "{\"subscription_id\": \"$S\", \"filing_number\": \"YS1\", \"filed_on\": \"2026-11-26\", "
           "\"attachments\": [\"floor_plan\", \"layout_plan\", \"payment_terms\", \"fit_out_standard\"]}",
           ANJU_COMMAND_ERROR_CONFLICT, "subscription_id");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  anju_commands_init ();

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/signing/reminders", test_reminders_after_subscription);
  ADD ("/signing/reminders-office-hours", test_reminders_in_office_hours);
  ADD ("/signing/reminders-late", test_reminders_late_subscription);
  ADD ("/signing/schedule-refused", test_schedule_refused);
  ADD ("/signing/sign-checks", test_sign_checks);
  ADD ("/signing/filing-deadline", test_filing_deadline);
  ADD ("/signing/filing-before-signing", test_filing_before_signing);
  return g_test_run ();
}
