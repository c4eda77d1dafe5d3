/* test-signing.c — signing reminders, changes, checklists, filing, mortgage */
#include "anju-customers.h"
#include "anju-finance.h"
#include "anju-pricing.h"
#include "anju-mortgage.h"
#include "anju-policy.h"
#include "anju-signing.h"
#include "anju-sms.h"
#include "anju-subscriptions.h"
#include "anju-tasks.h"
#include "anju-units.h"
#include "anju-workbench.h"
#include "anju-test-fixture.h"

#define ID_CHEN       "11010519491231002X"
#define ID_WIFE       "330106199803148449"

#define PEOPLE_OK \
  "\"people\": [{\"role\": \"buyer\", \"name\": \"陈建国\", \"id_number\": \"" ID_CHEN "\", " \
  "\"mobile\": \"13800138000\", \"address\": \"杭州市西湖区文三路90号\"}, " \
  "{\"role\": \"co_owner\", \"name\": \"周子涵\", \"id_number\": \"" ID_WIFE "\", " \
  "\"address\": \"杭州市西湖区文三路90号\"}], \"payment_method\": \"commercial\", " \
  "\"down_payment\": 98511000, \"loan_bank\": \"中国建设银行\""


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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");   /* Thursday 10:00 in Shanghai */
  f->store = anju_test_store_new (&f->clock, &f->dir);
  anju_test_set_marks (f->store, "$P", &f->project_id, "$B", &f->building_id, "$U2", &f->unit2_id,
                       "$U", &f->unit_id, "$C", &f->customer_id, "$S", &f->subscription_id, NULL);
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
#define sms_due(f, template_id, text) \
  anju_test_sms_due ((f)->store, "queued", (f)->customer_id, (template_id), (text))

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
  /* the buyer and how he is addressed, not "陈建国先生" */
  g_assert_cmpstr (g->customer_name, ==, "陈建国 (陈先生)");

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

/* ---- 2. changes before signing -------------------------------------------------- */

static char *
decide (Fixture        *f,
        const AnjuUser *manager,
        const char     *approval_id,
        const char     *decision,
        const char     *expected_status)
{
  g_autofree char *json = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"%s\"%s}", approval_id, decision,
                                           g_str_equal (decision, "reject") ? ", \"comment\": \"不符合政策\"" : "");
  g_autoptr(JsonObject) result = run_ok (f, manager, "approval.decide", json);

  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, expected_status);
  return g_strdup (expected_status);
}

static char *
unit_status (Fixture    *f,
             const char *unit_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = anju_units_list (f->store, NULL, &error);

  for (guint i = 0; i < units->len; i++)
    {
      AnjuUnitRow *u = g_ptr_array_index (units, i);

      if (g_str_equal (u->id, unit_id))
        return g_strdup (anju_unit_status_to_string (u->status));
    }
  return NULL;
}

static void
test_change_unit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuSubscription) s = NULL;
  g_autoptr(AnjuReceipt) receipt = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *receipt_id = NULL, *json = NULL, *approval_id = NULL, *status = NULL, *message = NULL;

  subscribe (f, "2026-12-03");
  json = g_strdup_printf ("{\"subscription_id\": \"%s\", \"purpose\": \"deposit\", \"method\": \"cash\", "
                          "\"amount\": 5000000}", f->subscription_id);
  receipt_id = run_id (f, f->cashier, "payment.record", json, "receipt_id");

  /* The new unit must be held for the buyer first. */
  REFUSED (f, f->lina, "change.request",
           "{\"subscription_id\": \"$S\", \"kind\": \"change_unit\", \"unit_id\": \"$U2\", \"price\": 330000000, "
           "\"reason\": \"客户想要高一层\"}", ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  REFUSED (f, f->lina, "change.request",
           "{\"subscription_id\": \"$S\", \"kind\": \"swap\", \"reason\": \"?\"}", ANJU_COMMAND_ERROR_INVALID_FIELD, "kind");
  g_free (run_id (f, f->lina, "unit.hold", "{\"unit_id\": \"$U2\", \"minutes\": 120, \"customer_id\": \"$C\"}", "hold_id"));
  result = run_ok (f, f->lina, "change.request",
                   "{\"subscription_id\": \"$S\", \"kind\": \"change_unit\", \"unit_id\": \"$U2\", \"price\": 330000000, "
                   "\"reason\": \"客户想要高一层\"}");
  approval_id = g_strdup (json_object_get_string_member (result, "approval_id"));
  /* One change at a time; the signing waits for the decision. */
  REFUSED (f, f->lina, "change.request",
           "{\"subscription_id\": \"$S\", \"kind\": \"special_discount\", \"price\": 320000000, \"reason\": \"老客户\"}",
           ANJU_COMMAND_ERROR_CONFLICT, "subscription_id");
  json_object_unref (run_ok (f, f->lina, "signing.confirm_data", "{\"subscription_id\": \"$S\", " PEOPLE_OK "}"));
  json_object_unref (run_ok (f, f->lina, "signing.check_documents",
                             "{\"subscription_id\": \"$S\", \"checklist\": \"contract\", "
                             "\"items\": [\"id_card\", \"subscription_form\", \"deposit_receipt\"]}"));
  message = assert_refused (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}", ANJU_COMMAND_ERROR_CONFLICT,
                            "subscription_id");
  g_assert_nonnull (strstr (message, "waiting for approval"));

  /* On the approvals list like a discount; two steps for a change of unit. */
  waiting = anju_approvals_list_waiting (f->store, f->manager, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 1);
  g_assert_cmpstr (((AnjuApproval *)waiting->pdata[0])->kind, ==, "change_unit");
  status = decide (f, f->manager, approval_id, "approve", "pending");
  g_assert_cmpstr (status, ==, "pending");
  g_clear_pointer (&status, g_free);
  status = unit_status (f, f->unit_id);
  g_assert_cmpstr (status, ==, "subscribed");
  g_clear_pointer (&status, g_free);
  g_free (decide (f, f->manager2, approval_id, "approve", "approved"));

  /* The subscription, its deposit and its receipt are on 1602; 1502 is free. */
  s = anju_subscription_load (f->store, f->subscription_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->unit_id, ==, f->unit2_id);
  g_assert_cmpstr (s->unit_label, ==, "1幢-1602");
  g_assert_cmpint (s->price, ==, 330000000);
  g_assert_cmpint (s->deposit_paid, ==, 5000000);
  receipt = anju_receipt_load (f->store, receipt_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (receipt->unit_label, ==, "1幢-1602");
  status = unit_status (f, f->unit_id);
  g_assert_cmpstr (status, ==, "available");
  g_clear_pointer (&status, g_free);
  status = unit_status (f, f->unit2_id);
  g_assert_cmpstr (status, ==, "subscribed");
  g_clear_pointer (&status, g_free);
  /* Decided: the signing goes on. */
  json_object_unref (run_ok (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}"));
  status = unit_status (f, f->unit2_id);
  g_assert_cmpstr (status, ==, "signed");
  g_clear_pointer (&status, g_free);
}

static void
test_rename_and_discount (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuSubscription) s = NULL;
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(JsonObject) rename = NULL;
  g_autoptr(JsonObject) discount = NULL;
  g_autoptr(JsonObject) rejected = NULL;
  const char *approval_id;

  subscribe (f, "2026-12-03");
  json_object_unref (run_ok (f, f->lina, "signing.confirm_data", "{\"subscription_id\": \"$S\", " PEOPLE_OK "}"));
  REFUSED (f, f->lina, "change.request",
           "{\"subscription_id\": \"$S\", \"kind\": \"rename\", \"reason\": \"加名\", "
           "\"buyers\": [{\"name\": \"陈建国\", \"id_number\": \"110105194912310021\"}]}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "buyers.0");
  /* 更名: one step (policy), the buyers replaced, the data checked again. */
  rename = run_ok (f, f->lina, "change.request",
                   "{\"subscription_id\": \"$S\", \"kind\": \"rename\", \"reason\": \"去掉共有人\", "
                   "\"buyers\": [{\"name\": \"陈建国\", \"id_number\": \"" ID_CHEN "\"}]}");
  g_free (decide (f, f->manager, json_object_get_string_member (rename, "approval_id"), "approve", "approved"));
  s = anju_subscription_load (f->store, f->subscription_id, &error);
  g_assert_cmpuint (s->buyers->len, ==, 1);
  g_assert_cmpstr (((AnjuBuyer *)s->buyers->pdata[0])->name, ==, "陈建国");
  g = anju_signing_load (f->store, f->subscription_id, &error);
  g_assert_null (g->data_confirmed_at);

  /* A special discount the first step covers (99折 of the range): one step. */
  discount = run_ok (f, f->lina, "change.request",
                     "{\"subscription_id\": \"$S\", \"kind\": \"special_discount\", \"price\": 326000000, "
                     "\"reason\": \"老带新\"}");
  approval_id = json_object_get_string_member (discount, "approval_id");
  g_free (decide (f, f->manager, approval_id, "approve", "approved"));
  g_clear_pointer (&s, anju_subscription_free);
  s = anju_subscription_load (f->store, f->subscription_id, &error);
  g_assert_cmpint (s->price, ==, 326000000);
  /* A rejected one changes nothing and lets the signing go on. */
  rejected = run_ok (f, f->lina, "change.request",
                     "{\"subscription_id\": \"$S\", \"kind\": \"special_discount\", \"price\": 300000000, "
                     "\"reason\": \"再让一点\"}");
  g_free (decide (f, f->manager, json_object_get_string_member (rejected, "approval_id"), "reject", "rejected"));
  g_clear_pointer (&s, anju_subscription_free);
  s = anju_subscription_load (f->store, f->subscription_id, &error);
  g_assert_cmpint (s->price, ==, 326000000);
  REFUSED (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}", ANJU_COMMAND_ERROR_CONFLICT, "people");
}

/* ---- 3. checklists, the data check, the signing ---------------------------- */

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
  message = assert_refused (f, f->lina, "signing.confirm_data",
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
  message = assert_refused (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}", ANJU_COMMAND_ERROR_CONFLICT,
                            "documents");
  g_assert_cmpstr (message, ==, "The documents for the contract are not complete. Missing: ID card; Subscription form; Deposit receipt.");
  docs = run_ok (f, f->lina, "signing.check_documents",
                 "{\"subscription_id\": \"$S\", \"checklist\": \"contract\", \"items\": [\"id_card\", \"subscription_form\"]}");
  g_assert_cmpstr (json_object_get_string_member (docs, "missing"), ==, "Deposit receipt");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}", ANJU_COMMAND_ERROR_CONFLICT,
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
  message = assert_refused (f, f->lina, "filing.record",
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

/* ---- 5. the mortgage and the progress SMS ------------------------------------- */

#define MORTGAGE_OPEN \
  "{\"subscription_id\": \"$S\", \"bank\": \"中国建设银行\", \"bank_manager\": \"赵敏\", " \
  "\"bank_manager_mobile\": \"13912345678\", \"amount\": 229859000, \"term_months\": 360, " \
  "\"method\": \"equal_instalment\"}"

#define MORTGAGE_DOCS \
  "{\"subscription_id\": \"$S\", \"checklist\": \"mortgage\", \"items\": [\"id_card\", \"spouse_id_card\", " \
  "\"household_pages\", \"marriage_proof\", \"income_proof\", \"bank_statement\", \"down_payment_receipt\", " \
  "\"repayment_passbook\"]}"

static char *
advance_json (const char *mortgage_id,
              const char *status,
              const char *extra)
{
  return g_strdup_printf ("{\"mortgage_id\": \"%s\", \"status\": \"%s\"%s}", mortgage_id, status, extra ? extra : "");
}

static void
advance (Fixture    *f,
         const char *mortgage_id,
         const char *status,
         const char *extra)
{
  g_autofree char *json = advance_json (mortgage_id, status, extra);
  g_autoptr(JsonObject) result = run_ok (f, f->lina, "mortgage.advance", json);

  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, status);
}

static void
test_mortgage_pipeline (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuMortgage) m = NULL;
  g_autoptr(GPtrArray) pipeline = NULL;
  g_autofree char *mortgage_id = NULL, *json = NULL, *message = NULL;

  sign_deal (f);
  REFUSED (f, f->lina, "mortgage.open",
           "{\"subscription_id\": \"$S\", \"bank\": \"中国建设银行\", \"bank_manager\": \"赵敏\", "
           "\"amount\": 328370000, \"term_months\": 360, \"method\": \"equal_instalment\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "amount");
  REFUSED (f, f->lina, "mortgage.open",
           "{\"subscription_id\": \"$S\", \"bank\": \"中国建设银行\", \"bank_manager\": \"赵敏\", "
           "\"amount\": 229859000, \"term_months\": 361, \"method\": \"equal_instalment\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "term_months");
  REFUSED (f, f->lina, "mortgage.open",
           "{\"subscription_id\": \"$S\", \"bank\": \"中国建设银行\", \"bank_manager\": \"赵敏\", "
           "\"amount\": 229859000, \"term_months\": 360, \"method\": \"balloon\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "method");
  mortgage_id = run_id (f, f->lina, "mortgage.open", MORTGAGE_OPEN, "mortgage_id");
  REFUSED (f, f->lina, "mortgage.open", MORTGAGE_OPEN, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id");

  /* Along the arrows only, and submitted with the documents complete. */
  json = advance_json (mortgage_id, "approved", NULL);
  REFUSED (f, f->lina, "mortgage.advance", json, ANJU_COMMAND_ERROR_CONFLICT, "status");
  g_free (json);
  json = advance_json (mortgage_id, "submitted", NULL);
  message = assert_refused (f, f->lina, "mortgage.advance", json, ANJU_COMMAND_ERROR_CONFLICT, "documents");
  g_assert_cmpstr (message, ==, "The documents for the mortgage are not complete. Missing: ID card (original); "
                   "Spouse's ID or household register (one of: Spouse's ID card, Household register); "
                   "Household register: head's page and own page; Marriage proof; Income proof with company seal; "
                   "Proof of assets (one of: Fixed deposit, Bank statement, Property certificate, Vehicle licence, "
                   "Business licence); Down-payment receipt (original); Repayment passbook (current account).");
  REFUSED (f, f->wang, "mortgage.advance", json, ANJU_COMMAND_ERROR_FORBIDDEN, "subscription_id");
  json_object_unref (run_ok (f, f->lina, "signing.check_documents", MORTGAGE_DOCS));
  advance (f, mortgage_id, "submitted", ", \"on\": \"2026-11-25\"");
  f->clock.now = anju_test_time ("2026-12-01T03:00:00Z");
  g_free (json);
  json = advance_json (mortgage_id, "rejected", NULL);
  REFUSED (f, f->lina, "mortgage.advance", json, ANJU_COMMAND_ERROR_MISSING_FIELD, "reason");
  g_free (json);
  json = advance_json (mortgage_id, "approved", ", \"on\": \"2026-12-02\"");
  REFUSED (f, f->lina, "mortgage.advance", json, ANJU_COMMAND_ERROR_INVALID_FIELD, "on");
  advance (f, mortgage_id, "approved", NULL);
  f->clock.now = anju_test_time ("2026-12-08T03:00:00Z");
  advance (f, mortgage_id, "disbursed", NULL);

  m = anju_mortgage_load (f->store, mortgage_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->status, ==, "disbursed");
  g_assert_cmpstr (m->customer_name, ==, "陈建国 (陈先生)");
  g_assert_cmpstr (m->collecting_on, ==, "2026-11-26");
  g_assert_cmpstr (m->submitted_on, ==, "2026-11-25");
  g_assert_cmpstr (m->approved_on, ==, "2026-12-01");
  g_assert_cmpstr (m->disbursed_on, ==, "2026-12-08");
  g_assert_cmpint (m->amount, ==, 229859000);
  g_assert_cmpstr (m->bank_manager, ==, "赵敏");
  pipeline = anju_mortgages_list (f->store, f->project_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pipeline->len, ==, 1);
}

static void
test_mortgage_cancelled_with_deal (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuMortgage) m = NULL;
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *mortgage_id = NULL, *assignee = NULL;
  guint tell = 0;

  subscribe (f, "2026-12-03");
  mortgage_id = run_id (f, f->lina, "mortgage.open", MORTGAGE_OPEN, "mortgage_id");
  f->clock.now = anju_test_time ("2026-11-27T06:00:00Z");
  json_object_unref (run_ok (f, f->lina, "subscription.withdraw", "{\"subscription_id\": \"$S\", \"reason\": \"家庭原因\"}"));

  m = anju_mortgage_load (f->store, mortgage_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->status, ==, "cancelled");
  g_assert_cmpstr (m->cancelled_on, ==, "2026-11-27");
  /* The consultant tells the bank manager, at once. */
  assert_due (task_due (f, "tell_bank_manager", &assignee), "2026-11-27T06:00:00Z");
  g_assert_cmpstr (assignee, ==, f->lina->id);
  tasks = anju_tasks_list_for_customer (f->store, f->customer_id, &error);
  for (guint i = 0; i < tasks->len; i++)
    {
      AnjuTask *t = g_ptr_array_index (tasks, i);

      if (g_str_equal (t->kind, "tell_bank_manager"))
        {
          tell++;
          g_assert_nonnull (strstr (t->title, "赵敏"));
          g_assert_nonnull (strstr (t->title, "13912345678"));
        }
    }
  g_assert_cmpuint (tell, ==, 1);
  /* The signing and its reminders go with the deal. */
  g = anju_signing_load (f->store, f->subscription_id, &error);
  g_assert_cmpstr (g->status, ==, "cancelled");
  g_assert_null (sms_due (f, "signing_reminder", NULL));
  g_assert_null (task_due (f, "confirm_signing", NULL));
  g_assert_null (task_due (f, "prepare_contract", NULL));
}

static guint
progress_due (Fixture    *f,
              const char *iso_now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;

  f->clock.now = anju_test_time (iso_now);
  due = anju_signing_list_progress_due (f->store, f->lina->id, f->clock.now, &error);
  g_assert_no_error (error);
  return due->len;
}

static void
test_progress_sms (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *mortgage_id = NULL, *text = NULL;

  sign_deal (f);   /* 2026-11-26T02:00:00Z */
  g_assert_cmpuint (progress_due (f, "2026-12-03T01:59:59Z"), ==, 0);
  g_assert_cmpuint (progress_due (f, "2026-12-03T02:00:00Z"), ==, 1);
  result = run_ok (f, f->lina, "signing.send_progress", "{}");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "sms_ids")), ==, 1);
  g_free (sms_due (f, "signing_progress", &text));
  g_assert_nonnull (strstr (text, "1幢-1502"));
  g_assert_nonnull (strstr (text, "online filing in progress; mortgage not yet applied for"));
  /* Weekly: none again before 12-10. */
  REFUSED (f, f->lina, "signing.send_progress", "{\"subscription_id\": \"$S\"}", ANJU_COMMAND_ERROR_CONFLICT,
           "subscription_id");
  g_assert_cmpuint (progress_due (f, "2026-12-10T01:59:59Z"), ==, 0);
  g_assert_cmpuint (progress_due (f, "2026-12-10T02:00:00Z"), ==, 1);

  /* Until the filing is recorded and the loan disbursed. */
  json_object_unref (run_ok (f, f->lina, "filing.record",
                             "{\"subscription_id\": \"$S\", \"filing_number\": \"YS2026120001\", \"filed_on\": \"2026-12-10\", "
                             "\"attachments\": [\"floor_plan\", \"layout_plan\", \"payment_terms\", \"fit_out_standard\"]}"));
  g_assert_cmpuint (progress_due (f, "2026-12-10T02:00:00Z"), ==, 1);
  mortgage_id = run_id (f, f->lina, "mortgage.open", MORTGAGE_OPEN, "mortgage_id");
  json_object_unref (run_ok (f, f->lina, "signing.check_documents", MORTGAGE_DOCS));
  advance (f, mortgage_id, "submitted", NULL);
  advance (f, mortgage_id, "approved", NULL);
  g_assert_cmpuint (progress_due (f, "2026-12-10T02:00:00Z"), ==, 1);
  advance (f, mortgage_id, "disbursed", NULL);
  g_assert_cmpuint (progress_due (f, "2026-12-10T02:00:00Z"), ==, 0);
  g_assert_cmpuint (progress_due (f, "2027-01-10T02:00:00Z"), ==, 0);
}

/* ---- 7. the screens' snapshot: what it allows is applied ----------------------- */

/* Applies @type as @actor and rolls it back: NULL when it was applied,
 * else the refusal's message. */
static char *
try_command (Fixture        *f,
             const AnjuUser *actor,
             const char     *type,
             const char     *json)
{
  g_autofree char *text = expand (f, json);
  g_autoptr(JsonObject) payload = anju_test_json_object (text);
  g_autoptr(AnjuCommand) command = anju_command_new (type, payload);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (anju_store_begin (f->store, NULL));
  answer = anju_command_apply (f->store, command, actor, ANJU_APPLY_NONE, &error);
  anju_store_rollback (f->store);
  if (answer != NULL)
    return NULL;
  g_assert_error (error, ANJU_COMMAND_ERROR, error->code);
  return g_strdup (error->message);
}

static void
assert_same_answer (Fixture        *f,
                    const AnjuUser *who,
                    const char     *type,
                    const char     *json,
                    gboolean        can,
                    const char     *refusal)
{
  g_autofree char *message = try_command (f, who, type, json);

  g_test_message ("%s %s: snapshot %s, handler %s", who->username, type, can ? "allows" : refusal,
                  message ? message : "applied");
  g_assert_cmpint (message == NULL, ==, can);
  if (!can)
    g_assert_cmpstr (message, ==, refusal);
}

/* For every person: each action the snapshot allows is applied, each it
 * forbids is refused with the snapshot's sentence. */
static void
assert_snapshot_matches (Fixture    *f,
                         const char *mortgage_id)
{
  const AnjuUser *people[] = { f->lina, f->wang, f->manager, f->admin, f->cashier };
  const struct
  {
    AnjuSigningStepId  step;
    const char        *type;
    const char        *json;
  } tries[] = {
    { ANJU_SIGNING_STEP_SCHEDULE, "signing.schedule",
      "{\"subscription_id\": \"$S\", \"signing_at\": \"2026-12-02T02:00:00Z\"}" },
    { ANJU_SIGNING_STEP_CHANGES, "change.request",
      "{\"subscription_id\": \"$S\", \"kind\": \"special_discount\", \"price\": 325000000, \"reason\": \"老客户\"}" },
    { ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS, "signing.check_documents",
      "{\"subscription_id\": \"$S\", \"checklist\": \"contract\", \"items\": [\"id_card\"]}" },
    { ANJU_SIGNING_STEP_PERSONAL_DATA, "signing.confirm_data", "{\"subscription_id\": \"$S\", " PEOPLE_OK "}" },
    { ANJU_SIGNING_STEP_MORTGAGE_DOCUMENTS, "signing.check_documents",
      "{\"subscription_id\": \"$S\", \"checklist\": \"mortgage\", \"items\": [\"id_card\"]}" },
    { ANJU_SIGNING_STEP_SIGN, "signing.sign", "{\"subscription_id\": \"$S\", \"contract_number\": \"HZ-2026-1502\"}" },
    { ANJU_SIGNING_STEP_FILING, "filing.record",
      "{\"subscription_id\": \"$S\", \"filing_number\": \"YS2026110001\", \"filed_on\": \"2026-11-26\", "
      "\"attachments\": [\"floor_plan\", \"layout_plan\", \"payment_terms\", \"fit_out_standard\"]}" },
  };

  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    {
      const AnjuUser *who = people[p];
      g_autoptr(GError) error = NULL;
      g_autoptr(AnjuSigningSnapshot) snap = anju_signing_dup_snapshot (f->store, who, f->subscription_id, &error);
      g_autofree char *advance = NULL;

      if (snap == NULL)
        {
          /* not theirs to see: nothing is theirs to do */
          g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_FORBIDDEN);
          for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
            {
              g_autofree char *message = try_command (f, who, tries[i].type, tries[i].json);

              g_assert_nonnull (message);
            }
          continue;
        }
      g_assert_true (who == f->lina || who == f->manager || who == f->admin);
      for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
        assert_same_answer (f, who, tries[i].type, tries[i].json, snap->steps[tries[i].step].can,
                            snap->steps[tries[i].step].refusal);
      g_assert_false (snap->steps[ANJU_SIGNING_STEP_PICKUP].can);
      assert_same_answer (f, who, "mortgage.open", MORTGAGE_OPEN, snap->can_open_mortgage,
                          snap->open_mortgage_refusal);
      if (mortgage_id != NULL)
        {
          g_assert_nonnull (snap->mortgage_next_status);
          advance = advance_json (mortgage_id, snap->mortgage_next_status, NULL);
          assert_same_answer (f, who, "mortgage.advance", advance, snap->can_advance_mortgage,
                              snap->advance_mortgage_refusal);
        }
    }
}

static AnjuSigningSnapshot *
snapshot_of (Fixture        *f,
             const AnjuUser *who)
{
  g_autoptr(GError) error = NULL;
  AnjuSigningSnapshot *snap = anju_signing_dup_snapshot (f->store, who, f->subscription_id, &error);

  g_assert_no_error (error);
  return snap;
}

#define STATE(snap, step) anju_signing_step_state_to_string ((snap)->steps[(step)].state)

static void
test_snapshot_matches_handlers (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(AnjuSigningSnapshot) snap = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) asked = NULL;
  g_autofree char *mortgage_id = NULL, *approval_id = NULL;
  AnjuChangeRequest *change;

  subscribe (f, "2026-12-03");
  snap = snapshot_of (f, f->lina);
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_SCHEDULE), ==, "to_do");
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_SCHEDULE].detail, ==, "Signing at 2026-12-03 10:00.");
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_CHANGES), ==, "not_needed");
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS), ==, "to_do");
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS].detail, ==,
                   "Missing: ID card; Subscription form; Deposit receipt.");
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_PERSONAL_DATA), ==, "to_do");
  g_assert_true (snap->needs_loan);
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_MORTGAGE_DOCUMENTS), ==, "to_do");
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_SIGN), ==, "blocked");
  g_assert_false (snap->steps[ANJU_SIGNING_STEP_SIGN].can);
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_SIGN].refusal, ==,
                   "The buyers' personal data is not confirmed. Check names, ID numbers, phones and addresses with the buyer first.");
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_FILING), ==, "later");
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_PICKUP), ==, "later");
  g_assert_cmpuint (snap->buyers->len, ==, 2);
  g_assert_cmpuint (snap->attachments->len, ==, 4);
  g_assert_cmpint (snap->price, ==, 328370000);
  assert_snapshot_matches (f, NULL);

  /* A change waits for approval: no other change, no signing. */
  asked = run_ok (f, f->lina, "change.request",
                  "{\"subscription_id\": \"$S\", \"kind\": \"special_discount\", \"price\": 320000000, "
                  "\"reason\": \"老客户介绍\"}");
  approval_id = g_strdup (json_object_get_string_member (asked, "approval_id"));
  g_clear_pointer (&snap, anju_signing_snapshot_free);
  snap = snapshot_of (f, f->lina);
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_CHANGES), ==, "waiting");
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_CHANGES].detail, ==,
                   "Special discount to ¥3,200,000.00 is waiting for approval (老客户介绍).");
  g_assert_nonnull (snap->pending_change);
  g_assert_false (snap->steps[ANJU_SIGNING_STEP_CHANGES].can);
  assert_snapshot_matches (f, NULL);
  changes = anju_change_requests_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->kind, ==, "special_discount");
  g_assert_cmpstr (change->status, ==, "pending");
  g_assert_cmpstr (change->requested_by, ==, "李娜");
  g_assert_cmpint (change->old_price, ==, 328370000);
  g_assert_cmpint (change->new_price, ==, 320000000);
  g_assert_cmpstr (anju_change_request_kind_get_label (change->kind), ==, "Special discount");
  g_assert_null (anju_change_request_kind_get_label ("discount"));

  /* Rejected: the deal stands and goes on. */
  g_free (decide (f, f->manager, approval_id, "reject", "rejected"));
  g_clear_pointer (&snap, anju_signing_snapshot_free);
  snap = snapshot_of (f, f->lina);
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_CHANGES), ==, "done");
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_CHANGES].detail, ==,
                   "Special discount to ¥3,200,000.00 was rejected; the deal stands as it was.");
  assert_snapshot_matches (f, NULL);

  /* Data confirmed and the contract's papers there: ready to sign. */
  confirm_and_check (f);
  g_clear_pointer (&snap, anju_signing_snapshot_free);
  snap = snapshot_of (f, f->lina);
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS), ==, "done");
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_PERSONAL_DATA), ==, "done");
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_PERSONAL_DATA].detail, ==, "Confirmed by 李娜 at 2026-11-26 10:00.");
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_SIGN), ==, "to_do");
  g_assert_true (snap->steps[ANJU_SIGNING_STEP_SIGN].can);
  assert_snapshot_matches (f, NULL);

  /* Signed: the filing falls due; nothing before the signing is open. */
  json_object_unref (run_ok (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\", \"contract_number\": \"HZ-2026-1502\"}"));
  g_clear_pointer (&snap, anju_signing_snapshot_free);
  snap = snapshot_of (f, f->manager);
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_SIGN), ==, "done");
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_SIGN].detail, ==, "Signed at 2026-11-26 10:00, contract HZ-2026-1502.");
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_FILING), ==, "to_do");
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_FILING].detail, ==, "Due by 2026-12-26: 30 days left");
  g_assert_false (snap->steps[ANJU_SIGNING_STEP_FILING].urgent);
  g_assert_false (snap->steps[ANJU_SIGNING_STEP_PERSONAL_DATA].can);
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_PERSONAL_DATA].refusal, ==,
                   "The contract of unit 1幢-1502 is already signed.");
  assert_snapshot_matches (f, NULL);

  /* The mortgage: submitted once its papers are there. */
  mortgage_id = run_id (f, f->lina, "mortgage.open", MORTGAGE_OPEN, "mortgage_id");
  g_clear_pointer (&snap, anju_signing_snapshot_free);
  snap = snapshot_of (f, f->lina);
  g_assert_cmpstr (snap->mortgage_next_status, ==, "submitted");
  g_assert_false (snap->can_advance_mortgage);
  g_assert_true (g_str_has_prefix (snap->advance_mortgage_refusal, "The documents for the mortgage are not complete."));
  g_assert_false (snap->can_open_mortgage);
  assert_snapshot_matches (f, mortgage_id);
  json_object_unref (run_ok (f, f->lina, "signing.check_documents", MORTGAGE_DOCS));
  g_clear_pointer (&snap, anju_signing_snapshot_free);
  snap = snapshot_of (f, f->lina);
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_MORTGAGE_DOCUMENTS), ==, "done");
  g_assert_true (snap->can_advance_mortgage);
  assert_snapshot_matches (f, mortgage_id);

  /* Filed: the pickup reminder is what is left. */
  json_object_unref (run_ok (f, f->lina, "filing.record",
                             "{\"subscription_id\": \"$S\", \"filing_number\": \"YS2026110001\", \"filed_on\": \"2026-11-26\", "
                             "\"attachments\": [\"floor_plan\", \"layout_plan\", \"payment_terms\", \"fit_out_standard\"]}"));
  g_clear_pointer (&snap, anju_signing_snapshot_free);
  snap = snapshot_of (f, f->lina);
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_FILING), ==, "done");
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_FILING].detail, ==, "Filing number YS2026110001, filed on 2026-11-26.");
  g_assert_cmpstr (STATE (snap, ANJU_SIGNING_STEP_PICKUP), ==, "to_do");
  assert_snapshot_matches (f, mortgage_id);
}

/* The list of deals, the filing warnings at 7 and 3 days and overdue, and
 * the mortgage pipeline, at exact times. */
static void
test_signing_rows_and_pipeline (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(AnjuMortgagePipeline) pipeline = NULL;
  g_autoptr(AnjuSigningSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mortgage_id = NULL, *json = NULL;
  AnjuSigningRow *row;
  AnjuMortgageRow *mrow;
  AnjuFilingRow *frow;

  subscribe (f, "2026-12-03");
  rows = anju_signings_dup_rows (f->store, f->lina, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->signing->unit_label, ==, "1幢-1502");
  g_assert_cmpint (row->next_step, ==, ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS);
  g_assert_cmpstr (row->next_title, ==, "Documents for the contract");
  g_clear_pointer (&rows, g_ptr_array_unref);
  /* another consultant's deal is not on Wang's list; a manager sees it */
  rows = anju_signings_dup_rows (f->store, f->wang, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = anju_signings_dup_rows (f->store, f->manager, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  confirm_and_check (f);
  json_object_unref (run_ok (f, f->lina, "signing.sign", "{\"subscription_id\": \"$S\"}"));
  mortgage_id = run_id (f, f->lina, "mortgage.open", MORTGAGE_OPEN, "mortgage_id");
  rows = anju_signings_dup_rows (f->store, f->lina, &error);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->next_step, ==, ANJU_SIGNING_STEP_MORTGAGE_DOCUMENTS);
  g_assert_false (row->urgent);
  g_clear_pointer (&rows, g_ptr_array_unref);

  pipeline = anju_mortgages_dup_pipeline (f->store, f->lina, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pipeline->rows->len, ==, 1);
  mrow = g_ptr_array_index (pipeline->rows, 0);
  g_assert_cmpstr (mrow->mortgage->bank, ==, "中国建设银行");
  g_assert_cmpstr (mrow->mortgage->bank_manager, ==, "赵敏");
  g_assert_cmpint (mrow->mortgage->amount, ==, 229859000);
  g_assert_cmpint (mrow->mortgage->term_months, ==, 360);
  g_assert_cmpstr (mrow->mortgage->status, ==, "collecting");
  g_assert_cmpstr (mrow->mortgage->collecting_on, ==, "2026-11-26");
  g_assert_cmpstr (mrow->next_status, ==, "submitted");
  g_assert_false (mrow->can_advance);
  g_assert_true (g_str_has_prefix (mrow->advance_refusal, "The documents for the mortgage are not complete."));
  g_assert_false (mrow->can_reject);
  g_assert_cmpuint (pipeline->filings->len, ==, 1);
  frow = g_ptr_array_index (pipeline->filings, 0);
  g_assert_cmpstr (frow->due_text, ==, "Due by 2026-12-26: 30 days left");
  g_assert_false (frow->urgent);
  g_clear_pointer (&pipeline, anju_mortgage_pipeline_free);
  /* Wang sees the pipeline but may not move it, nor sees the filing */
  pipeline = anju_mortgages_dup_pipeline (f->store, f->wang, NULL, &error);
  mrow = g_ptr_array_index (pipeline->rows, 0);
  g_assert_false (mrow->can_advance);
  g_assert_cmpstr (mrow->advance_refusal, ==, "This deal is another consultant's. Only its consultant or a manager can do this.");
  g_assert_cmpuint (pipeline->filings->len, ==, 0);
  g_clear_pointer (&pipeline, anju_mortgage_pipeline_free);

  json_object_unref (run_ok (f, f->lina, "signing.check_documents", MORTGAGE_DOCS));
  advance (f, mortgage_id, "submitted", NULL);
  pipeline = anju_mortgages_dup_pipeline (f->store, f->manager, NULL, &error);
  mrow = g_ptr_array_index (pipeline->rows, 0);
  g_assert_cmpstr (mrow->mortgage->submitted_on, ==, "2026-11-26");
  g_assert_cmpstr (mrow->next_status, ==, "approved");
  g_assert_true (mrow->can_advance);
  g_assert_true (mrow->can_reject);
  g_clear_pointer (&pipeline, anju_mortgage_pipeline_free);

  /* 7 days before the due day: amber; 3 days: red; after it: overdue. */
  f->clock.now = anju_test_time ("2026-12-18T16:00:00Z");
  snap = snapshot_of (f, f->lina);
  g_assert_cmpint (snap->filing_state, ==, ANJU_FILING_DUE_SOON);
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_FILING].detail, ==, "Due by 2026-12-26: 7 days left");
  g_assert_false (snap->steps[ANJU_SIGNING_STEP_FILING].urgent);
  g_clear_pointer (&snap, anju_signing_snapshot_free);
  f->clock.now = anju_test_time ("2026-12-22T16:00:00Z");
  snap = snapshot_of (f, f->lina);
  g_assert_cmpint (snap->filing_state, ==, ANJU_FILING_URGENT);
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_FILING].detail, ==, "Due by 2026-12-26: 3 days left");
  g_assert_true (snap->steps[ANJU_SIGNING_STEP_FILING].urgent);
  g_clear_pointer (&snap, anju_signing_snapshot_free);
  f->clock.now = anju_test_time ("2026-12-26T16:00:00Z");
  snap = snapshot_of (f, f->lina);
  g_assert_cmpint (snap->filing_state, ==, ANJU_FILING_OVERDUE);
  g_assert_cmpstr (snap->steps[ANJU_SIGNING_STEP_FILING].detail, ==, "Overdue since 2026-12-26");
  g_assert_true (snap->steps[ANJU_SIGNING_STEP_FILING].urgent);
  rows = anju_signings_dup_rows (f->store, f->manager, &error);
  row = g_ptr_array_index (rows, 0);
  g_assert_true (row->urgent);
  g_assert_cmpint (row->filing_state, ==, ANJU_FILING_OVERDUE);
  pipeline = anju_mortgages_dup_pipeline (f->store, f->manager, NULL, &error);
  frow = g_ptr_array_index (pipeline->filings, 0);
  g_assert_true (frow->urgent);
  g_assert_cmpstr (frow->due_text, ==, "Overdue since 2026-12-26");
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
  ADD ("/signing/change-unit", test_change_unit);
  ADD ("/signing/rename-and-discount", test_rename_and_discount);
  ADD ("/signing/sign-checks", test_sign_checks);
  ADD ("/signing/filing-deadline", test_filing_deadline);
  ADD ("/signing/filing-before-signing", test_filing_before_signing);
  ADD ("/signing/mortgage-pipeline", test_mortgage_pipeline);
  ADD ("/signing/mortgage-cancelled-with-deal", test_mortgage_cancelled_with_deal);
  ADD ("/signing/progress-sms", test_progress_sms);
  ADD ("/signing/snapshot-matches-handlers", test_snapshot_matches_handlers);
  ADD ("/signing/rows-and-pipeline", test_signing_rows_and_pipeline);
  return g_test_run ();
}
