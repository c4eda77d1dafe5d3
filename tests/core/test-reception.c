/* test-reception.c — calls, appointments, walk-ins, rotation, credit, workbench
 *
 * The clock is injected; the office is in Asia/Shanghai (UTC+8), so
 * 10:00 local is 02:00Z. 2026-11-25 is a Wednesday.
 */
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-policy.h"
#include "anju-reception.h"
#include "anju-rotation.h"
#include "anju-sms.h"
#include "anju-tasks.h"
#include "anju-test-util.h"
#include "anju-workbench.h"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *lina;      /* consultants */
  AnjuUser      *wang;
  AnjuUser      *zhao;
  AnjuUser      *door;      /* the consultant at the reception desk */
  AnjuUser      *manager;
  AnjuUser      *finance;
  char          *project_id;
} Fixture;

#define run_ok(f, actor, type, ...) anju_test_run_okf ((f)->store, (actor), (type), __VA_ARGS__)
/* Asserts that the command is refused with @code naming @field, with a
 * sentence, and that no table changed. */
#define refused(f, actor, type, code, field, ...) \
  g_free (anju_test_assert_refusedf ((f)->store, (actor), (type), (code), (field), __VA_ARGS__))

static char *
dup_member (JsonObject *object,
            const char *member)
{
  return g_strdup (json_object_get_string_member (object, member));
}

static gint64
count (Fixture    *f,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static gint64
count (Fixture    *f,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return anju_store_count (f->store, sql);
}

/* One text column of the first row of a query, or NULL. */
static char *
query_text (Fixture    *f,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static char *
query_text (Fixture    *f,
            const char *format,
            ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (anju_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;

  f->clock.now = anju_test_time ("2026-11-25T02:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->wang = anju_test_add_user (f->store, "wanglei", "王磊", ANJU_ROLE_CONSULTANT);
  f->zhao = anju_test_add_user (f->store, "zhaomin", "赵敏", ANJU_ROLE_CONSULTANT);
  f->door = anju_test_add_user (f->store, "sunli", "孙丽", ANJU_ROLE_CONSULTANT);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  f->finance = anju_test_add_user (f->store, "chenjing", "陈静", ANJU_ROLE_FINANCE);
  result = run_ok (f, anju_user_get_system (), "project.create",
                   "{\"name\": \"万科·安居苑\", \"hotline\": \"0571-8888 6666\"}");
  f->project_id = dup_member (result, "project_id");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->lina);
  anju_user_free (f->wang);
  anju_user_free (f->zhao);
  anju_user_free (f->door);
  anju_user_free (f->manager);
  anju_user_free (f->finance);
  g_free (f->project_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
add_customer (Fixture        *f,
              const AnjuUser *owner,
              const char     *name,
              const char     *title,
              const char     *mobile)
{
  g_autoptr(JsonObject) result = NULL;

  if (mobile != NULL)
    result = run_ok (f, owner, "customer.create", "{\"name\": \"%s\", \"title\": \"%s\", \"mobile\": \"%s\"}",
                     name, title, mobile);
  else
    result = run_ok (f, owner, "customer.create", "{\"name\": \"%s\", \"title\": \"%s\"}", name, title);
  return dup_member (result, "customer_id");
}

/* The due time of the task made by @rule for @customer_id, or NULL. */
static char *
task_due (Fixture    *f,
          const char *customer_id,
          const char *rule)
{
  return query_text (f, "SELECT due_at FROM tasks WHERE customer_id = '%s' AND rule = '%s'",
                     customer_id, rule);
}

/* ---- calls ------------------------------------------------------------ */

static void
test_call_known_number (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *wang_fang = add_customer (f, f->lina, "王芳", "女士", "13812345678");
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(AnjuCaller) caller = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *assignee = NULL;

  /* Answered by a colleague, typed with +86 and dashes; the name the
   * colleague typed is not used: the number decides. */
  first = run_ok (f, f->wang, "call.log",
                  "{\"mobile\": \"+86 138-1234-5678\", \"new_customer\": {\"name\": \"王芳二\"}, "
                  "\"answered_by\": \"%s\", \"rings\": 2, \"started_at\": \"2026-11-25T10:00:00+08:00\", "
                  "\"ended_at\": \"2026-11-25T10:04:00+08:00\", \"reason\": \"问价格\", "
                  "\"call_again_at\": \"2026-11-26T10:00:00+08:00\"}", f->wang->id);
  g_assert_cmpstr (json_object_get_string_member (first, "customer_id"), ==, wang_fang);
  g_assert_true (json_object_get_boolean_member (first, "repeat_caller"));
  g_assert_false (json_object_get_boolean_member (first, "created_customer"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM calls WHERE customer_id = '%s'", wang_fang), ==, 1);

  /* 0086 with spaces is the same number */
  second = run_ok (f, f->lina, "call.log",
                   "{\"mobile\": \"0086 138 1234 5678\", \"answered_by\": \"%s\", \"rings\": 1, "
                   "\"started_at\": \"2026-11-25T11:00:00+08:00\", \"ended_at\": \"2026-11-25T11:02:00+08:00\", "
                   "\"call_again_at\": \"2026-11-26T10:00:00+08:00\"}",
                   f->lina->id);
  g_assert_cmpstr (json_object_get_string_member (second, "customer_id"), ==, wang_fang);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 1);

  /* the call screen finds the repeat caller with their last contacts */
  caller = anju_reception_find_caller (f->store, "+86 13812345678");
  g_assert_nonnull (caller);
  g_assert_cmpstr (caller->customer_id, ==, wang_fang);
  g_assert_cmpstr (caller->owner_name, ==, "李娜");
  g_assert_cmpstr (caller->mobile_masked, ==, "138****5678");
  g_assert_cmpuint (caller->n_calls, ==, 2);
  g_assert_cmpstr (caller->last_call_at, ==, "2026-11-25T03:00:00Z");
  g_assert_cmpuint (caller->recent_events->len, >, 0);
  g_assert_null (anju_reception_find_caller (f->store, "13900000000"));

  /* the timeline has the calls; the follow-ups go to the customer's own consultant */
  events = anju_customer_list_events (f->store, wang_fang, NULL);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customer_events WHERE customer_id = '%s' AND kind = 'call'",
                          wang_fang), ==, 2);
  assignee = query_text (f, "SELECT assignee_id FROM tasks WHERE customer_id = '%s' LIMIT 1", wang_fang);
  g_assert_cmpstr (assignee, ==, f->lina->id);
  g_assert_cmpint (count (f, "SELECT count(*) FROM registrations WHERE customer_id = '%s'", wang_fang), ==, 2);
}

static void
test_call_same_day_sms_next_day_call (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) today = NULL;
  g_autoptr(GPtrArray) tomorrow = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *customer = NULL, *sms_due = NULL, *call_due = NULL, *owner = NULL;
  g_autofree char *sms_task_source = NULL, *recipient = NULL, *sms_task_title = NULL;
  AnjuSms *sms;

  /* Thursday 10:00 local, a new caller who wants to come, no time agreed:
   * seed p.31 要点五, the time to call again must be noted */
  f->clock.now = anju_test_time ("2026-11-26T02:05:00Z");
  refused (f, f->lina, "call.log", ANJU_COMMAND_ERROR_MISSING_FIELD, "call_again_at",
           "{\"mobile\": \"13900001111\", \"new_customer\": {\"name\": \"陈明\", \"title\": \"先生\"}, "
           "\"answered_by\": \"%s\", \"rings\": 2, \"started_at\": \"2026-11-26T02:00:00Z\", "
           "\"ended_at\": \"2026-11-26T02:05:00Z\", \"reason\": \"了解户型\", \"invited\": true, "
           "\"intent\": true}", f->lina->id);
  result = run_ok (f, f->lina, "call.log",
                   "{\"mobile\": \"13900001111\", \"new_customer\": {\"name\": \"陈明\", \"title\": \"先生\"}, "
                   "\"answered_by\": \"%s\", \"rings\": 2, \"started_at\": \"2026-11-26T02:00:00Z\", "
                   "\"ended_at\": \"2026-11-26T02:05:00Z\", \"reason\": \"了解户型\", \"invited\": true, "
                   "\"intent\": true, \"call_again_at\": \"2026-11-27T10:00:00+08:00\"}", f->lina->id);
  g_assert_true (json_object_get_boolean_member (result, "created_customer"));
  g_assert_false (json_object_get_boolean_member (result, "repeat_caller"));
  customer = dup_member (result, "customer_id");
  owner = query_text (f, "SELECT owner_id FROM customers WHERE id = '%s'", customer);
  g_assert_cmpstr (owner, ==, f->lina->id);

  /* the same-day thank-you SMS, due by 21:00 local, in the outbox */
  sms_due = task_due (f, customer, "call.thank_you_sms");
  g_assert_cmpstr (sms_due, ==, "2026-11-26T13:00:00Z");
  outbox = anju_sms_list (f->store, "queued", customer, NULL);
  g_assert_cmpuint (outbox->len, ==, 1);
  sms = outbox->pdata[0];
  g_assert_cmpstr (sms->template_id, ==, "call_thanks");
  g_assert_cmpstr (sms->to_mobile_masked, ==, "139****1111");
  g_assert_cmpstr (sms->due_at, ==, "2026-11-26T13:00:00Z");
  /* Surname and title, as people are greeted: 陈先生, not 陈明先生. */
  g_assert_true (g_str_has_prefix (sms->text, "陈先生您好，我是万科·安居苑销售代表李娜"));
  g_assert_nonnull (strstr (sms->text, "0571-8888 6666"));
  recipient = anju_sms_dup_recipient (f->store, sms->id);
  g_assert_cmpstr (recipient, ==, "13900001111");
  sms_task_source = query_text (f, "SELECT source_id FROM tasks WHERE rule = 'call.thank_you_sms'");
  g_assert_cmpstr (sms_task_source, ==, sms->id);
  /* the task names the caller and how he is addressed, not "陈明先生" */
  sms_task_title = query_text (f, "SELECT title FROM tasks WHERE rule = 'call.thank_you_sms'");
  g_assert_cmpstr (sms_task_title, ==, "Send 陈明 (陈先生) the thank-you SMS for the call");

  /* the call again the next day at 10:00 local, as noted */
  call_due = task_due (f, customer, "call.call_again");
  g_assert_cmpstr (call_due, ==, "2026-11-27T02:00:00Z");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (result, "task_ids")), ==, 2);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (result, "sms_ids")), ==, 1);

  /* the person's day lists them */
  today = anju_tasks_list_for_day (f->store, f->lina->id, "2026-11-26", FALSE, NULL);
  g_assert_cmpuint (today->len, ==, 1);
  g_assert_cmpstr (((AnjuTask *)today->pdata[0])->kind, ==, "sms");
  tomorrow = anju_tasks_list_for_day (f->store, f->lina->id, "2026-11-27", FALSE, NULL);
  g_assert_cmpuint (tomorrow->len, ==, 2);   /* tomorrow's call and today's SMS, still open */

  /* the SMS marked sent by hand closes its task */
  g_clear_pointer (&result, json_object_unref);
  result = run_ok (f, f->lina, "sms.mark_sent", "{\"sms_id\": \"%s\"}", sms->id);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE rule = 'call.thank_you_sms' AND state = 'done'"),
                   ==, 1);
  refused (f, f->lina, "sms.mark_sent", ANJU_COMMAND_ERROR_CONFLICT, "sms_id", "{\"sms_id\": \"%s\"}", sms->id);

  /* he calls again that afternoon: one thank-you SMS a day is enough */
  g_clear_pointer (&result, json_object_unref);
  f->clock.now = anju_test_time ("2026-11-26T07:05:00Z");
  result = run_ok (f, f->lina, "call.log",
                   "{\"customer_id\": \"%s\", \"answered_by\": \"%s\", \"rings\": 1, "
                   "\"started_at\": \"2026-11-26T07:00:00Z\", \"ended_at\": \"2026-11-26T07:05:00Z\", "
                   "\"call_again_at\": \"2026-11-27T10:00:00+08:00\"}", customer, f->lina->id);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (result, "sms_ids")), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sms_outbox WHERE customer_id = '%s' "
                             "AND rule = 'call.thank_you_sms'", customer), ==, 1);
  /* and the next day: a new day, a new SMS */
  g_clear_pointer (&result, json_object_unref);
  f->clock.now = anju_test_time ("2026-11-27T03:05:00Z");
  result = run_ok (f, f->lina, "call.log",
                   "{\"customer_id\": \"%s\", \"answered_by\": \"%s\", \"rings\": 1, "
                   "\"started_at\": \"2026-11-27T03:00:00Z\", \"ended_at\": \"2026-11-27T03:05:00Z\", "
                   "\"call_again_at\": \"2026-11-28T10:00:00+08:00\"}", customer, f->lina->id);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (result, "sms_ids")), ==, 1);
}

static void
test_call_appointment_friday (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) visit = NULL;
  g_autoptr(GPtrArray) friday = NULL;
  g_autoptr(GPtrArray) thursday = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *customer = NULL, *confirm = NULL, *meet = NULL, *appointment = NULL;
  AnjuPlanEntry *entry;

  /* Wednesday 10:05: the caller books Friday 15:00 */
  f->clock.now = anju_test_time ("2026-11-25T02:05:00Z");
  result = run_ok (f, f->lina, "call.log",
                   "{\"mobile\": \"13900002222\", \"new_customer\": {\"name\": \"周杰\", \"title\": \"先生\"}, "
                   "\"answered_by\": \"%s\", \"rings\": 1, \"started_at\": \"2026-11-25T02:00:00Z\", "
                   "\"ended_at\": \"2026-11-25T02:05:00Z\", \"invited\": true, \"intent\": true, "
                   "\"appointment_at\": \"2026-11-27T15:00:00+08:00\", \"car_plate\": \"浙A·12345\", "
                   "\"party_size\": 2}", f->lina->id);
  customer = dup_member (result, "customer_id");
  appointment = dup_member (result, "appointment_id");

  /* Thursday 10:00 local: the confirmation call; no next-day invitation */
  confirm = task_due (f, customer, "appointment.confirm");
  g_assert_cmpstr (confirm, ==, "2026-11-26T02:00:00Z");
  meet = task_due (f, customer, "appointment.visit");
  g_assert_cmpstr (meet, ==, "2026-11-27T07:00:00Z");
  g_assert_null (task_due (f, customer, "call.invite_next_day"));

  /* the visit is on Friday's reception plan, with the consultant and the plate */
  friday = anju_reception_plan_for_day (f->store, NULL, "2026-11-27", NULL);
  g_assert_cmpuint (friday->len, ==, 1);
  entry = friday->pdata[0];
  g_assert_cmpstr (entry->appointment_id, ==, appointment);
  g_assert_cmpstr (entry->customer_name, ==, "周杰");
  g_assert_cmpstr (entry->customer_title, ==, "先生");
  g_assert_cmpstr (entry->consultant_name, ==, "李娜");
  g_assert_cmpstr (entry->car_plate, ==, "浙A·12345");
  g_assert_cmpint (entry->party_size, ==, 2);
  g_assert_cmpstr (entry->at, ==, "2026-11-27T07:00:00Z");
  g_assert_cmpstr (entry->state, ==, "planned");
  thursday = anju_reception_plan_for_day (f->store, NULL, "2026-11-26", NULL);
  g_assert_cmpuint (thursday->len, ==, 0);

  /* Friday at the door: the appointment is met, its tasks closed */
  f->clock.now = anju_test_time ("2026-11-27T06:55:00Z");
  visit = run_ok (f, f->door, "visit.register",
                  "{\"arrived_at\": \"2026-11-27T06:55:00Z\", \"first_time\": true, \"mobile\": \"13900002222\", "
                  "\"car_plate\": \"浙A·12345\"}");
  g_assert_cmpstr (json_object_get_string_member (visit, "consultant_id"), ==, f->lina->id);
  g_assert_cmpstr (json_object_get_string_member (visit, "route"), ==, "own_consultant");
  g_assert_cmpstr (json_object_get_string_member (visit, "appointment_id"), ==, appointment);
  after = anju_reception_plan_for_day (f->store, NULL, "2026-11-27", NULL);
  g_assert_cmpstr (((AnjuPlanEntry *)after->pdata[0])->state, ==, "arrived");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE source_type = 'appointment' AND state = 'open'"),
                   ==, 0);

  /* an appointment before the call ends is refused */
  refused (f, f->lina, "call.log", ANJU_COMMAND_ERROR_INVALID_FIELD, "appointment_at",
           "{\"customer_id\": \"%s\", \"answered_by\": \"%s\", \"rings\": 1, "
           "\"started_at\": \"2026-11-27T07:00:00Z\", \"ended_at\": \"2026-11-27T07:01:00Z\", "
           "\"appointment_at\": \"2026-11-27T06:00:00Z\"}", customer, f->lina->id);
}

/* A call at 21:38: nothing falls due at night. The call-back with an
 * answer (4 hours after the call: 01:38) and the thank-you SMS (by 21:00,
 * so at once) wait for the next opening, 09:00; nothing is overdue. */
static void
test_call_at_night_office_hours (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *customer = NULL, *answer_due = NULL, *sms_due = NULL, *again_due = NULL;
  AnjuTaskCounts counts;

  f->clock.now = anju_test_time ("2026-11-26T13:38:00Z");   /* Thursday 21:38 */
  result = run_ok (f, f->lina, "call.log",
                   "{\"mobile\": \"13900005555\", \"new_customer\": {\"name\": \"钱进\", \"title\": \"先生\"}, "
                   "\"answered_by\": \"%s\", \"rings\": 1, \"started_at\": \"2026-11-26T13:30:00Z\", "
                   "\"ended_at\": \"2026-11-26T13:38:00Z\", \"intent\": true, "
                   "\"call_again_at\": \"2026-11-26T22:00:00+08:00\", "
                   "\"questions\": [{\"text\": \"车位多少钱？\", \"answered\": false}]}", f->lina->id);
  customer = dup_member (result, "customer_id");

  answer_due = task_due (f, customer, "call.answer");
  g_assert_cmpstr (answer_due, ==, "2026-11-27T01:00:00Z");   /* Friday 09:00, not 01:38 */
  sms_due = task_due (f, customer, "call.thank_you_sms");
  g_assert_cmpstr (sms_due, ==, "2026-11-27T01:00:00Z");
  outbox = anju_sms_list (f->store, "queued", customer, NULL);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (((AnjuSms *)outbox->pdata[0])->due_at, ==, "2026-11-27T01:00:00Z");
  /* the time agreed with the caller is kept, late as it is */
  again_due = task_due (f, customer, "call.call_again");
  g_assert_cmpstr (again_due, ==, "2026-11-26T14:00:00Z");

  g_assert_true (anju_tasks_count_for_day (f->store, f->lina->id, "2026-11-26", &counts, NULL));
  g_assert_cmpuint (counts.overdue, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sms_outbox WHERE due_at < '2026-11-26T13:38:00Z'"), ==, 0);

  /* a Saturday closed by policy: Friday 21:30 waits for Sunday's opening */
  g_clear_pointer (&result, json_object_unref);
  result = run_ok (f, f->manager, "project.set_policy",
                   "{\"project_id\": \"%s\", \"policy\": {\"office_hours\": "
                   "{\"saturday\": {\"open\": \"\", \"close\": \"\"}, "
                   "\"sunday\": {\"open\": \"10:00\", \"close\": \"17:00\"}}}}", f->project_id);
  g_assert_cmpint (anju_policy_next_opening_usec (f->store, f->project_id,
                                                  anju_test_time ("2026-11-27T13:30:00Z")),
                   ==, anju_test_time ("2026-11-29T02:00:00Z"));
  /* inside the hours, the closing minute included: kept */
  g_assert_cmpint (anju_policy_next_opening_usec (f->store, f->project_id,
                                                  anju_test_time ("2026-11-29T09:00:30Z")),
                   ==, anju_test_time ("2026-11-29T09:00:30Z"));
}

static void
test_call_flags_and_questions (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(JsonObject) long_call = NULL;
  g_autoptr(JsonObject) ten = NULL;
  g_autoptr(JsonObject) anonymous = NULL;
  g_autoptr(AnjuCall) call = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *customer = NULL;
  AnjuTask *task;

  /* 11 minutes, 5 rings, answered by the backup: flagged */
  long_call = run_ok (f, f->wang, "call.log",
                      "{\"mobile\": \"13900003333\", \"new_customer\": {\"name\": \"吴倩\", \"title\": \"女士\"}, "
                      "\"answered_by\": \"%s\", \"backup\": true, \"rings\": 7, "
                      "\"started_at\": \"2026-11-25T02:00:00Z\", \"ended_at\": \"2026-11-25T02:11:00Z\", \"call_again_at\": \"2026-11-26T02:00:00Z\", "
                      "\"questions\": [{\"text\": \"车位多少钱？\", \"answered\": false}, "
                      "{\"text\": \"有几种户型？\", \"answered\": true}]}", f->wang->id);
  g_assert_true (json_object_get_boolean_member (long_call, "long_call"));
  g_assert_true (json_object_get_boolean_member (long_call, "slow_answer"));
  customer = dup_member (long_call, "customer_id");
  call = anju_call_load (f->store, json_object_get_string_member (long_call, "call_id"), NULL);
  g_assert_true (call->long_call);
  g_assert_true (call->backup);
  g_assert_cmpint (call->rings, ==, 7);
  g_assert_cmpint (call->duration_seconds, ==, 660);
  g_assert_cmpuint (json_array_get_length (call->questions), ==, 2);
  g_assert_cmpstr (call->mobile_masked, ==, "139****3333");

  /* the unanswered question: a "call back with the answer" task */
  tasks = anju_tasks_list_for_customer (f->store, customer, NULL);
  task = NULL;
  for (guint i = 0; i < tasks->len; i++)
    if (g_str_equal (((AnjuTask *)tasks->pdata[i])->kind, "call_back_answer"))
      {
        g_assert_null (task);
        task = tasks->pdata[i];
      }
  g_assert_nonnull (task);
  g_assert_cmpstr (task->detail, ==, "车位多少钱？");
  g_assert_cmpstr (task->due_at, ==, "2026-11-25T06:11:00Z");
  g_assert_cmpstr (task->assignee_id, ==, f->wang->id);

  /* exactly 10 minutes is within the limit */
  ten = run_ok (f, f->wang, "call.log",
                "{\"customer_id\": \"%s\", \"answered_by\": \"%s\", \"rings\": 3, "
                "\"started_at\": \"2026-11-25T03:00:00Z\", \"ended_at\": \"2026-11-25T03:10:00Z\", "
                "\"call_again_at\": \"2026-11-26T02:00:00Z\"}",
                customer, f->wang->id);
  g_assert_false (json_object_get_boolean_member (ten, "long_call"));
  g_assert_false (json_object_get_boolean_member (ten, "slow_answer"));

  /* a caller who declines to leave details: recorded, not skipped */
  anonymous = run_ok (f, f->lina, "call.log",
                      "{\"mobile\": \"13900004444\", \"answered_by\": \"%s\", \"rings\": 1, "
                      "\"started_at\": \"2026-11-25T04:00:00Z\", \"ended_at\": \"2026-11-25T04:03:00Z\", "
                      "\"contact_refused\": true, \"refusal_note\": \"只想先了解价格\", \"intent\": true}",
                      f->lina->id);
  g_assert_true (json_object_get_null_member (anonymous, "customer_id"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM calls WHERE customer_id IS NULL AND mobile IS NULL "
                             "AND contact_refused = 1 AND refusal_note = '只想先了解价格'"), ==, 1);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (anonymous, "task_ids")), ==, 0);

  /* a name but no number and no refusal ticked: the mobile is asked for
   * (issue #12), nothing is created */
  refused (f, f->lina, "call.log", ANJU_COMMAND_ERROR_MISSING_FIELD, "mobile",
           "{\"new_customer\": {\"name\": \"郑爽\", \"title\": \"女士\"}, \"answered_by\": \"%s\", "
           "\"rings\": 1, \"started_at\": \"2026-11-25T05:00:00Z\", \"ended_at\": \"2026-11-25T05:01:00Z\", "
           "\"call_again_at\": \"2026-11-26T02:00:00Z\"}", f->lina->id);
  refused (f, f->lina, "call.log", ANJU_COMMAND_ERROR_MISSING_FIELD, "mobile",
           "{\"mobile\": \"\", \"new_customer\": {\"name\": \"郑爽\", \"mobile\": \" \"}, "
           "\"answered_by\": \"%s\", \"rings\": 1, \"started_at\": \"2026-11-25T05:00:00Z\", "
           "\"ended_at\": \"2026-11-25T05:01:00Z\", \"contact_refused\": false}", f->lina->id);

  /* an unknown caller with neither a name nor a refusal */
  refused (f, f->lina, "call.log", ANJU_COMMAND_ERROR_MISSING_FIELD, "new_customer.name",
           "{\"mobile\": \"13900005555\", \"answered_by\": \"%s\", \"rings\": 1, "
           "\"started_at\": \"2026-11-25T05:00:00Z\", \"ended_at\": \"2026-11-25T05:01:00Z\"}", f->lina->id);
  refused (f, f->lina, "call.log", ANJU_COMMAND_ERROR_INVALID_FIELD, "mobile",
           "{\"mobile\": \"12345\", \"answered_by\": \"%s\", \"rings\": 1, "
           "\"started_at\": \"2026-11-25T05:00:00Z\", \"ended_at\": \"2026-11-25T05:01:00Z\"}", f->lina->id);
  refused (f, f->lina, "call.log", ANJU_COMMAND_ERROR_INVALID_FIELD, "ended_at",
           "{\"customer_id\": \"%s\", \"answered_by\": \"%s\", \"rings\": 1, "
           "\"started_at\": \"2026-11-25T05:00:00Z\", \"ended_at\": \"2026-11-25T04:59:00Z\"}",
           customer, f->lina->id);
  refused (f, f->lina, "call.log", ANJU_COMMAND_ERROR_INVALID_FIELD, "started_at",
           "{\"customer_id\": \"%s\", \"answered_by\": \"%s\", \"rings\": 1, "
           "\"started_at\": \"2026-11-25 05:00\", \"ended_at\": \"2026-11-25T05:01:00Z\"}",
           customer, f->lina->id);
  refused (f, f->lina, "call.log", ANJU_COMMAND_ERROR_INVALID_FIELD, "answered_by",
           "{\"customer_id\": \"%s\", \"answered_by\": \"%s\", \"rings\": 1, "
           "\"started_at\": \"2026-11-25T05:00:00Z\", \"ended_at\": \"2026-11-25T05:01:00Z\"}",
           customer, f->finance->id);
  refused (f, f->finance, "call.log", ANJU_COMMAND_ERROR_FORBIDDEN, NULL,
           "{\"customer_id\": \"%s\", \"answered_by\": \"%s\", \"rings\": 1, "
           "\"started_at\": \"2026-11-25T05:00:00Z\", \"ended_at\": \"2026-11-25T05:01:00Z\"}",
           customer, f->lina->id);
  refused (f, f->lina, "call.log", ANJU_COMMAND_ERROR_INVALID_FIELD, "new_customer.title",
           "{\"mobile\": \"13900005555\", \"new_customer\": {\"name\": \"某某\", \"title\": 5}, "
           "\"answered_by\": \"%s\", \"rings\": 1, "
           "\"started_at\": \"2026-11-25T05:00:00Z\", \"ended_at\": \"2026-11-25T05:01:00Z\"}", f->lina->id);
}

/* ---- scripts ---------------------------------------------------------- */

static void
test_scripts (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *greeting = anju_reception_greeting (f->store, NULL);
  g_autofree char *changed = NULL;
  g_autoptr(AnjuScript) intro = anju_reception_dup_script (f->store, f->project_id, "introduction", NULL);
  g_autoptr(JsonObject) v1 = NULL;
  g_autoptr(JsonObject) v2 = NULL;
  g_autoptr(GPtrArray) versions = NULL;

  g_assert_cmpstr (greeting, ==, "您好！万科·安居苑，请问有什么可以帮到您的？");
  g_assert_cmpint (intro->version, ==, 0);
  g_assert_nonnull (strstr (intro->rendered, "0571-8888 6666"));
  g_assert_cmpint (anju_reception_get_disclosure_version (f->store, f->project_id), ==, 0);

  refused (f, f->lina, "script.set", ANJU_COMMAND_ERROR_FORBIDDEN, NULL,
           "{\"project_id\": \"%s\", \"kind\": \"greeting\", \"text\": \"喂\"}", f->project_id);
  refused (f, f->manager, "script.set", ANJU_COMMAND_ERROR_INVALID_FIELD, "text",
           "{\"project_id\": \"%s\", \"kind\": \"greeting\", \"text\": \"您好！{projet}\"}", f->project_id);
  refused (f, f->manager, "script.set", ANJU_COMMAND_ERROR_INVALID_FIELD, "kind",
           "{\"project_id\": \"%s\", \"kind\": \"farewell\", \"text\": \"再见\"}", f->project_id);

  v1 = run_ok (f, f->manager, "script.set",
               "{\"project_id\": \"%s\", \"kind\": \"greeting\", \"text\": \"您好！{project}售楼中心，请问有什么可以帮到您的？\"}",
               f->project_id);
  g_assert_cmpint (json_object_get_int_member (v1, "version"), ==, 1);
  changed = anju_reception_greeting (f->store, f->project_id);
  g_assert_cmpstr (changed, ==, "您好！万科·安居苑售楼中心，请问有什么可以帮到您的？");

  /* the disclosure is versioned: each set is a new version */
  g_clear_pointer (&v1, json_object_unref);
  v1 = run_ok (f, f->manager, "script.set",
               "{\"project_id\": \"%s\", \"kind\": \"disclosure\", \"text\": \"阳光宣言：北侧规划高压线。\"}",
               f->project_id);
  v2 = run_ok (f, f->manager, "script.set",
               "{\"project_id\": \"%s\", \"kind\": \"disclosure\", \"text\": \"阳光宣言：北侧规划高压线，东侧垃圾站。\"}",
               f->project_id);
  g_assert_cmpint (json_object_get_int_member (v1, "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (v2, "version"), ==, 2);
  g_assert_cmpint (anju_reception_get_disclosure_version (f->store, f->project_id), ==, 2);
  versions = anju_reception_list_script_versions (f->store, f->project_id, "disclosure", NULL);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpint (((AnjuScript *)versions->pdata[0])->version, ==, 2);
  g_assert_cmpstr (((AnjuScript *)versions->pdata[0])->created_by_name, ==, "张伟");
  g_assert_cmpint (((AnjuScript *)versions->pdata[2])->version, ==, 0);
}

/* ---- walk-ins --------------------------------------------------------- */

static void
set_rotation (Fixture    *f,
              const char *local_date,
              const char *ids_json)
{
  g_autoptr(JsonObject) result = run_ok (f, f->manager, "rotation.set_day",
                                         "{\"local_date\": \"%s\", \"consultants\": %s}",
                                         local_date, ids_json);
  g_assert_true (json_object_has_member (result, "day_id"));
}

/* Registers a new walk-in (not yet named) and returns the result. */
static JsonObject *
walk_in (Fixture    *f,
         const char *arrived_at)
{
  return run_ok (f, f->door, "visit.register", "{\"arrived_at\": \"%s\", \"first_time\": true}", arrived_at);
}

static char *
walk_in_consultant (Fixture    *f,
                    const char *arrived_at,
                    char      **route)
{
  g_autoptr(JsonObject) result = walk_in (f, arrived_at);

  if (route != NULL)
    *route = json_object_get_null_member (result, "route") ? NULL : dup_member (result, "route");
  return json_object_get_null_member (result, "consultant_id") ? NULL : dup_member (result, "consultant_id");
}

/* Greets, discloses and closes a visit with a complete record. */
static JsonObject *
finish_visit (Fixture        *f,
              const AnjuUser *consultant,
              const char     *visit_id,
              const char     *ended_at,
              const char     *mobile)
{
  g_autoptr(JsonObject) greeted = NULL;
  g_autoptr(JsonObject) disclosed = NULL;
  g_autoptr(AnjuVisit) visit = anju_visit_load (f->store, visit_id, NULL);

  if (visit->greeted_at == NULL)
    greeted = run_ok (f, consultant, "visit.greet", "{\"visit_id\": \"%s\", \"greeted_at\": \"%s\"}",
                      visit_id, visit->arrived_at);
  disclosed = run_ok (f, consultant, "visit.disclose", "{\"visit_id\": \"%s\", \"disclosure_version\": %d}",
                      visit_id, visit->current_disclosure_version);
  if (visit->customer_id == NULL)
    return run_ok (f, consultant, "visit.close",
                   "{\"visit_id\": \"%s\", \"ended_at\": \"%s\", "
                   "\"customer\": {\"name\": \"访客\", \"title\": \"先生\", \"mobile\": \"%s\"}}",
                   visit_id, ended_at, mobile);
  return run_ok (f, consultant, "visit.close", "{\"visit_id\": \"%s\", \"ended_at\": \"%s\"}",
                 visit_id, ended_at);
}

static void
test_visit_cutoff (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) early = NULL;
  g_autoptr(JsonObject) late = NULL;
  g_autoptr(JsonObject) closed_early = NULL;
  g_autoptr(JsonObject) closed_late = NULL;
  g_autofree char *ids = g_strdup_printf ("[\"%s\", \"%s\"]", f->lina->id, f->wang->id);
  g_autofree char *early_id = NULL, *late_id = NULL, *early_due = NULL, *late_due = NULL;
  g_autofree char *early_customer = NULL, *late_customer = NULL, *early_sms = NULL;

  f->clock.now = anju_test_time ("2026-11-26T07:00:00Z");
  set_rotation (f, "2026-11-26", ids);
  early = walk_in (f, "2026-11-26T07:00:00Z");   /* 15:00 local */
  late = walk_in (f, "2026-11-26T09:05:00Z");    /* 17:05 local */
  early_id = dup_member (early, "visit_id");
  late_id = dup_member (late, "visit_id");
  g_assert_cmpstr (json_object_get_string_member (early, "consultant_id"), ==, f->lina->id);
  g_assert_cmpstr (json_object_get_string_member (late, "consultant_id"), ==, f->wang->id);

  /* seed p.48: arrived before 17:00 (来访), so called back the same day,
   * although the visit ended at 17:30 — 2 hours after the end */
  f->clock.now = anju_test_time ("2026-11-26T09:35:00Z");
  closed_early = finish_visit (f, f->lina, early_id, "2026-11-26T17:30:00+08:00", "13700000001");
  early_customer = dup_member (closed_early, "customer_id");
  early_due = task_due (f, early_customer, "visit.call_back");
  g_assert_cmpstr (early_due, ==, "2026-11-26T11:30:00Z");
  early_sms = task_due (f, early_customer, "visit.thank_you_sms");
  g_assert_cmpstr (early_sms, ==, "2026-11-26T13:00:00Z");

  /* arrived 17:05, ended 17:40 local: call back the next day at 10:00 */
  closed_late = finish_visit (f, f->wang, late_id, "2026-11-26T17:40:00+08:00", "13700000002");
  late_customer = dup_member (closed_late, "customer_id");
  late_due = task_due (f, late_customer, "visit.call_back");
  g_assert_cmpstr (late_due, ==, "2026-11-27T02:00:00Z");

  /* the record made at the end belongs to the consultant who received them */
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers WHERE id = '%s' AND owner_id = '%s'",
                          late_customer, f->wang->id), ==, 1);
  /* a closed visit stays closed */
  refused (f, f->wang, "visit.close", ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
           "{\"visit_id\": \"%s\", \"ended_at\": \"2026-11-26T17:30:00+08:00\"}", late_id);
}

static void
test_visit_disclosure_required (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *customer = add_customer (f, f->lina, "王芳", "女士", NULL);
  g_autoptr(JsonObject) visit = NULL;
  g_autoptr(JsonObject) greeted = NULL;
  g_autoptr(JsonObject) disclosed = NULL;
  g_autoptr(JsonObject) script = NULL;
  g_autoptr(JsonObject) closed = NULL;
  g_autoptr(AnjuVisit) loaded = NULL;
  g_auto(GStrv) missing = NULL;
  g_autofree char *id = NULL;

  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");
  visit = run_ok (f, f->door, "visit.register",
                  "{\"arrived_at\": \"2026-11-26T02:00:00Z\", \"first_time\": false, \"customer_id\": \"%s\"}",
                  customer);
  id = dup_member (visit, "visit_id");
  greeted = run_ok (f, f->lina, "visit.greet",
                    "{\"visit_id\": \"%s\", \"greeted_at\": \"2026-11-26T02:00:30Z\"}", id);

  /* no acknowledgement: refused, nothing changes */
  refused (f, f->lina, "visit.close", ANJU_COMMAND_ERROR_CONFLICT, "disclosure",
           "{\"visit_id\": \"%s\", \"ended_at\": \"2026-11-26T03:00:00Z\", \"customer\": {\"mobile\": \"13600000001\"}}",
           id);

  /* acknowledged, then the manager publishes a new version: the old
   * acknowledgement no longer counts */
  disclosed = run_ok (f, f->lina, "visit.disclose", "{\"visit_id\": \"%s\", \"disclosure_version\": 0}", id);
  script = run_ok (f, f->manager, "script.set",
                   "{\"project_id\": \"%s\", \"kind\": \"disclosure\", \"text\": \"阳光宣言：南侧规划道路。\"}",
                   f->project_id);
  g_assert_cmpint (json_object_get_int_member (script, "version"), ==, 1);
  refused (f, f->lina, "visit.close", ANJU_COMMAND_ERROR_CONFLICT, "disclosure",
           "{\"visit_id\": \"%s\", \"ended_at\": \"2026-11-26T03:00:00Z\", \"customer\": {\"mobile\": \"13600000001\"}}",
           id);
  refused (f, f->lina, "visit.disclose", ANJU_COMMAND_ERROR_CONFLICT, "disclosure_version",
           "{\"visit_id\": \"%s\", \"disclosure_version\": 0}", id);
  g_clear_pointer (&disclosed, json_object_unref);
  disclosed = run_ok (f, f->lina, "visit.disclose", "{\"visit_id\": \"%s\", \"disclosure_version\": 1}", id);

  /* the must-have fields: the mobile is missing, and said so */
  missing = anju_visit_dup_missing_fields (f->store, id, NULL, NULL);
  g_assert_cmpuint (g_strv_length (missing), ==, 1);
  g_assert_cmpstr (missing[0], ==, "mobile");
  refused (f, f->lina, "visit.close", ANJU_COMMAND_ERROR_MISSING_FIELD, "customer.mobile",
           "{\"visit_id\": \"%s\", \"ended_at\": \"2026-11-26T03:00:00Z\"}", id);
  refused (f, f->lina, "visit.close", ANJU_COMMAND_ERROR_INVALID_FIELD, "customer.mobile",
           "{\"visit_id\": \"%s\", \"ended_at\": \"2026-11-26T03:00:00Z\", \"customer\": {\"mobile\": \"123\"}}", id);

  /* the six stations and the club on the way */
  g_clear_pointer (&greeted, json_object_unref);
  greeted = run_ok (f, f->lina, "visit.station", "{\"visit_id\": \"%s\", \"station\": \"model\", \"done\": true}", id);
  g_clear_pointer (&greeted, json_object_unref);
  greeted = run_ok (f, f->lina, "visit.station", "{\"visit_id\": \"%s\", \"station\": \"show_flat\", \"done\": true}", id);
  g_clear_pointer (&greeted, json_object_unref);
  greeted = run_ok (f, f->lina, "visit.club", "{\"visit_id\": \"%s\", \"joined\": true}", id);
  refused (f, f->lina, "visit.station", ANJU_COMMAND_ERROR_INVALID_FIELD, "station",
           "{\"visit_id\": \"%s\", \"station\": \"coffee\", \"done\": true}", id);

  closed = run_ok (f, f->lina, "visit.close",
                   "{\"visit_id\": \"%s\", \"ended_at\": \"2026-11-26T03:00:00Z\", \"customer\": {\"mobile\": \"13600000001\"}}",
                   id);
  loaded = anju_visit_load (f->store, id, NULL);
  g_assert_cmpstr (loaded->state, ==, "closed");
  g_assert_cmpint (loaded->disclosure_version, ==, 1);
  g_assert_true (loaded->club_joined);
  g_assert_true (json_object_has_member (loaded->stations, "model"));
  g_assert_true (json_object_has_member (loaded->stations, "show_flat"));
  g_assert_false (json_object_has_member (loaded->stations, "farewell"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers WHERE id = '%s' AND club_member = 1 "
                             "AND mobile = '13600000001'", customer), ==, 1);
}

static void
test_returning_customer (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *customer = add_customer (f, f->lina, "王芳", "女士", "13812345678");
  g_autofree char *ids = g_strdup_printf ("[\"%s\", \"%s\"]", f->wang->id, f->zhao->id);
  g_autoptr(JsonObject) visit = NULL;
  g_autoptr(JsonObject) greeted = NULL;
  g_autoptr(JsonObject) confirmed = NULL;
  g_autoptr(AnjuWalkInQueue) waiting = NULL;
  g_autoptr(AnjuWalkInQueue) still = NULL;
  g_autoptr(AnjuWalkInQueue) handed = NULL;
  g_autoptr(AnjuRotationDay) day = NULL;
  g_autofree char *id = NULL;
  AnjuVisit *v;

  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");
  set_rotation (f, "2026-11-26", ids);
  /* 请问您是第一次来吗？ — "no, I'm here for 李娜" */
  visit = run_ok (f, f->door, "visit.register",
                  "{\"arrived_at\": \"2026-11-26T02:00:00Z\", \"first_time\": false, "
                  "\"mobile\": \"138 1234 5678\", \"party_size\": 3}");
  id = dup_member (visit, "visit_id");
  g_assert_cmpstr (json_object_get_string_member (visit, "customer_id"), ==, customer);
  g_assert_cmpstr (json_object_get_string_member (visit, "consultant_id"), ==, f->lina->id);
  g_assert_cmpstr (json_object_get_string_member (visit, "route"), ==, "own_consultant");
  g_assert_cmpstr (json_object_get_string_member (visit, "visit_type"), ==, "return");
  g_assert_true (json_object_get_boolean_member (visit, "handover_required"));

  /* no rotation turn was used */
  day = anju_rotation_load_day (f->store, NULL, "2026-11-26", NULL);
  g_assert_cmpint (((AnjuRotationEntry *)day->entries->pdata[0])->turns_taken, ==, 0);
  g_assert_cmpint (((AnjuRotationEntry *)day->entries->pdata[1])->turns_taken, ==, 0);
  g_assert_cmpstr (day->next_consultant_id, ==, f->wang->id);

  /* at the door, waiting; 75 s later 李娜 greets: over the minute */
  f->clock.now = anju_test_time ("2026-11-26T02:00:40Z");
  waiting = anju_reception_load_queue (f->store, NULL, "2026-11-26", NULL);
  g_assert_cmpuint (waiting->waiting->len, ==, 1);
  v = waiting->waiting->pdata[0];
  g_assert_cmpint (v->wait_seconds, ==, 40);
  g_assert_false (v->long_wait);
  g_assert_cmpstr (v->consultant_name, ==, "李娜");
  g_assert_cmpstr (v->registered_by_name, ==, "孙丽");
  g_assert_cmpint (v->party_size, ==, 3);

  f->clock.now = anju_test_time ("2026-11-26T02:01:15Z");
  greeted = run_ok (f, f->lina, "visit.greet", "{\"visit_id\": \"%s\", \"greeted_at\": \"2026-11-26T02:01:15Z\"}", id);
  g_assert_cmpint (json_object_get_int_member (greeted, "wait_seconds"), ==, 75);
  g_assert_true (json_object_get_boolean_member (greeted, "long_wait"));
  refused (f, f->lina, "visit.greet", ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
           "{\"visit_id\": \"%s\", \"greeted_at\": \"2026-11-26T02:01:20Z\"}", id);

  /* the person at the door stays until the handover is confirmed */
  still = anju_reception_load_queue (f->store, NULL, "2026-11-26", NULL);
  g_assert_cmpuint (still->waiting->len, ==, 1);
  confirmed = run_ok (f, f->door, "visit.handover_confirm", "{\"visit_id\": \"%s\"}", id);
  handed = anju_reception_load_queue (f->store, NULL, "2026-11-26", NULL);
  g_assert_cmpuint (handed->waiting->len, ==, 0);
  g_assert_cmpuint (handed->in_progress->len, ==, 1);
  refused (f, f->door, "visit.handover_confirm", ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
           "{\"visit_id\": \"%s\"}", id);
}

static void
test_rotation_make_up (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *ids = g_strdup_printf ("[\"%s\", \"%s\", \"%s\"]", f->lina->id, f->wang->id, f->zhao->id);
  g_autoptr(JsonObject) policy = NULL;
  g_autoptr(JsonObject) marked = NULL;
  g_autoptr(AnjuRotationDay) day = NULL;
  const char *expected[] = { NULL, NULL, NULL, NULL, NULL, NULL };
  g_autofree char *route = NULL;

  /* Visits stay open in this test: busy consultants are not skipped here. */
  policy = run_ok (f, f->manager, "project.set_policy",
                   "{\"project_id\": \"%s\", \"policy\": {\"rotation\": {\"skip_busy\": false}}}", f->project_id);
  f->clock.now = anju_test_time ("2026-11-26T01:00:00Z");
  set_rotation (f, "2026-11-26", ids);

  {
    g_autofree char *c = walk_in_consultant (f, "2026-11-26T01:00:00Z", NULL);
    g_assert_cmpstr (c, ==, f->lina->id);
  }
  /* 王磊 is called away on company business: the policy grants a make-up turn */
  marked = run_ok (f, f->manager, "rotation.mark",
                   "{\"local_date\": \"2026-11-26\", \"consultant_id\": \"%s\", \"state\": \"absent\", "
                   "\"reason\": \"company_business\"}", f->wang->id);
  {
    g_autofree char *c = walk_in_consultant (f, "2026-11-26T01:10:00Z", NULL);
    g_assert_cmpstr (c, ==, f->zhao->id);   /* 王磊 skipped */
  }
  day = anju_rotation_load_day (f->store, NULL, "2026-11-26", NULL);
  for (guint i = 0; i < day->entries->len; i++)
    {
      AnjuRotationEntry *e = day->entries->pdata[i];
      if (g_str_equal (e->consultant_id, f->wang->id))
        {
          g_assert_cmpint (e->make_up_owed, ==, 1);
          g_assert_cmpstr (e->state, ==, "absent");
          g_assert_cmpstr (e->absence_reason, ==, "company_business");
          g_assert_false (e->available);
        }
    }
  g_assert_cmpstr (day->next_consultant_id, ==, f->lina->id);
  g_clear_pointer (&day, anju_rotation_day_free);

  /* back: he marks himself on duty and takes the make-up turn first */
  g_clear_pointer (&marked, json_object_unref);
  marked = run_ok (f, f->wang, "rotation.mark",
                   "{\"local_date\": \"2026-11-26\", \"consultant_id\": \"%s\", \"state\": \"on_duty\"}", f->wang->id);
  day = anju_rotation_load_day (f->store, NULL, "2026-11-26", NULL);
  g_assert_cmpstr (day->next_consultant_id, ==, f->wang->id);
  g_assert_true (day->next_is_make_up);
  g_clear_pointer (&day, anju_rotation_day_free);
  {
    g_autofree char *c = walk_in_consultant (f, "2026-11-26T01:20:00Z", &route);
    g_assert_cmpstr (c, ==, f->wang->id);
    g_assert_cmpstr (route, ==, "make_up");
  }
  /* then the order resumes, and after six walk-ins everyone has had two */
  expected[3] = f->lina->id;
  expected[4] = f->zhao->id;
  expected[5] = f->wang->id;
  for (guint i = 3; i < 6; i++)
    {
      g_autofree char *at = g_strdup_printf ("2026-11-26T01:%02u:00Z", 20 + i * 5);
      g_autofree char *c = walk_in_consultant (f, at, NULL);
      g_assert_cmpstr (c, ==, expected[i]);
    }
  day = anju_rotation_load_day (f->store, NULL, "2026-11-26", NULL);
  for (guint i = 0; i < day->entries->len; i++)
    {
      AnjuRotationEntry *e = day->entries->pdata[i];
      g_assert_cmpint (e->turns_taken, ==, 2);
      g_assert_cmpint (e->make_up_owed, ==, 0);
    }

  /* a consultant marks only themself; a reason must be one of the policy's */
  refused (f, f->lina, "rotation.mark", ANJU_COMMAND_ERROR_FORBIDDEN, "consultant_id",
           "{\"local_date\": \"2026-11-26\", \"consultant_id\": \"%s\", \"state\": \"absent\", "
           "\"reason\": \"meal_break\"}", f->zhao->id);
  refused (f, f->zhao, "rotation.mark", ANJU_COMMAND_ERROR_INVALID_FIELD, "reason",
           "{\"local_date\": \"2026-11-26\", \"consultant_id\": \"%s\", \"state\": \"absent\", "
           "\"reason\": \"shopping\"}", f->zhao->id);
  refused (f, f->zhao, "rotation.mark", ANJU_COMMAND_ERROR_MISSING_FIELD, "reason",
           "{\"local_date\": \"2026-11-26\", \"consultant_id\": \"%s\", \"state\": \"absent\"}", f->zhao->id);
  refused (f, f->door, "rotation.mark", ANJU_COMMAND_ERROR_NOT_FOUND, "consultant_id",
           "{\"local_date\": \"2026-11-26\", \"consultant_id\": \"%s\", \"state\": \"busy\"}", f->door->id);
  /* …but one who comes on duty joins the day's rotation at the end. */
  {
    g_autoptr(JsonObject) joined = run_ok (f, f->door, "rotation.mark",
        "{\"local_date\": \"2026-11-26\", \"consultant_id\": \"%s\", \"state\": \"on_duty\"}",
        f->door->id);
    AnjuRotationDay *joined_day = anju_rotation_load_day (f->store, NULL, "2026-11-26", NULL);
    AnjuRotationEntry *last = joined_day->entries->pdata[joined_day->entries->len - 1];

    g_assert_cmpstr (last->consultant_id, ==, f->door->id);
    g_assert_cmpstr (last->state, ==, "on_duty");
    g_assert_cmpint (last->position, >,
                     ((AnjuRotationEntry *)joined_day->entries->pdata[joined_day->entries->len - 2])->position);
    anju_rotation_day_free (joined_day);
  }
  /* A day nobody set yet starts with whoever comes on duty first. */
  {
    g_autoptr(JsonObject) first = run_ok (f, f->door, "rotation.mark",
        "{\"local_date\": \"2026-11-30\", \"consultant_id\": \"%s\", \"state\": \"on_duty\"}",
        f->door->id);
    AnjuRotationDay *new_day = anju_rotation_load_day (f->store, NULL, "2026-11-30", NULL);

    g_assert_nonnull (new_day);
    g_assert_cmpuint (new_day->entries->len, ==, 1);
    g_assert_cmpstr (((AnjuRotationEntry *)new_day->entries->pdata[0])->consultant_id, ==,
                     f->door->id);
    anju_rotation_day_free (new_day);
  }
  refused (f, f->lina, "rotation.set_day", ANJU_COMMAND_ERROR_FORBIDDEN, NULL,
           "{\"local_date\": \"2026-11-26\", \"consultants\": []}");
  refused (f, f->manager, "rotation.set_day", ANJU_COMMAND_ERROR_INVALID_FIELD, "consultants",
           "{\"local_date\": \"2026-11-26\", \"consultants\": [\"%s\", \"%s\"]}", f->lina->id, f->lina->id);
  refused (f, f->manager, "rotation.set_day", ANJU_COMMAND_ERROR_INVALID_FIELD, "local_date",
           "{\"local_date\": \"2026-02-30\", \"consultants\": []}");
}

static void
test_rotation_lost_turn (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *ids = g_strdup_printf ("[\"%s\", \"%s\", \"%s\"]", f->lina->id, f->wang->id, f->zhao->id);
  g_autoptr(JsonObject) policy = NULL;
  g_autoptr(JsonObject) marked = NULL;
  g_autoptr(AnjuRotationDay) day = NULL;
  g_autofree char *route = NULL;

  policy = run_ok (f, f->manager, "project.set_policy",
                   "{\"project_id\": \"%s\", \"policy\": {\"rotation\": {\"skip_busy\": false}}}", f->project_id);
  f->clock.now = anju_test_time ("2026-11-27T01:00:00Z");
  set_rotation (f, "2026-11-27", ids);
  {
    g_autofree char *c = walk_in_consultant (f, "2026-11-27T01:00:00Z", NULL);
    g_assert_cmpstr (c, ==, f->lina->id);
  }
  /* a personal errand loses the turn and earns no make-up */
  marked = run_ok (f, f->wang, "rotation.mark",
                   "{\"local_date\": \"2026-11-27\", \"consultant_id\": \"%s\", \"state\": \"absent\", "
                   "\"reason\": \"personal\"}", f->wang->id);
  {
    g_autofree char *c = walk_in_consultant (f, "2026-11-27T01:10:00Z", NULL);
    g_assert_cmpstr (c, ==, f->zhao->id);
  }
  g_clear_pointer (&marked, json_object_unref);
  marked = run_ok (f, f->wang, "rotation.mark",
                   "{\"local_date\": \"2026-11-27\", \"consultant_id\": \"%s\", \"state\": \"on_duty\"}", f->wang->id);
  day = anju_rotation_load_day (f->store, NULL, "2026-11-27", NULL);
  for (guint i = 0; i < day->entries->len; i++)
    g_assert_cmpint (((AnjuRotationEntry *)day->entries->pdata[i])->make_up_owed, ==, 0);
  /* his card went to the end: 李娜 is next, then 赵敏, then him */
  g_assert_cmpstr (day->next_consultant_id, ==, f->lina->id);
  g_assert_false (day->next_is_make_up);
  {
    g_autofree char *c = walk_in_consultant (f, "2026-11-27T01:20:00Z", &route);
    g_assert_cmpstr (c, ==, f->lina->id);
    g_assert_cmpstr (route, ==, "rotation");
  }
  {
    g_autofree char *c = walk_in_consultant (f, "2026-11-27T01:30:00Z", NULL);
    g_assert_cmpstr (c, ==, f->zhao->id);
  }
  {
    g_autofree char *c = walk_in_consultant (f, "2026-11-27T01:40:00Z", NULL);
    g_assert_cmpstr (c, ==, f->wang->id);
  }

  /* a meal break keeps the place: skipped now, first once back */
  g_clear_pointer (&marked, json_object_unref);
  marked = run_ok (f, f->lina, "rotation.mark",
                   "{\"local_date\": \"2026-11-27\", \"consultant_id\": \"%s\", \"state\": \"absent\", "
                   "\"reason\": \"meal_break\"}", f->lina->id);
  {
    g_autofree char *c = walk_in_consultant (f, "2026-11-27T04:00:00Z", NULL);
    g_assert_cmpstr (c, ==, f->zhao->id);
  }
  g_clear_pointer (&marked, json_object_unref);
  marked = run_ok (f, f->lina, "rotation.mark",
                   "{\"local_date\": \"2026-11-27\", \"consultant_id\": \"%s\", \"state\": \"on_duty\"}", f->lina->id);
  {
    g_autofree char *c = walk_in_consultant (f, "2026-11-27T04:30:00Z", NULL);
    g_assert_cmpstr (c, ==, f->lina->id);
  }
}

static void
test_rotation_busy_skipped (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *ids = g_strdup_printf ("[\"%s\", \"%s\"]", f->lina->id, f->wang->id);
  g_autoptr(JsonObject) marked = NULL;
  g_autoptr(JsonObject) third = NULL;
  g_autoptr(JsonObject) closed = NULL;
  g_autoptr(JsonObject) assigned = NULL;
  g_autoptr(AnjuRotationDay) day = NULL;
  g_autofree char *first_visit = NULL, *third_id = NULL, *fourth_id = NULL, *fifth_id = NULL;
  g_autofree char *second_id = NULL;
  g_autoptr(JsonObject) fourth = NULL;
  g_autoptr(JsonObject) fifth = NULL;
  g_autoptr(AnjuVisit) third_visit = NULL;
  g_autoptr(AnjuWalkInQueue) queue = NULL;

  f->clock.now = anju_test_time ("2026-11-26T01:00:00Z");
  set_rotation (f, "2026-11-26", ids);
  /* 李娜 is busy: skipped, she keeps her place */
  marked = run_ok (f, f->lina, "rotation.mark",
                   "{\"local_date\": \"2026-11-26\", \"consultant_id\": \"%s\", \"state\": \"busy\"}", f->lina->id);
  {
    g_autoptr(JsonObject) first = walk_in (f, "2026-11-26T01:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (first, "consultant_id"), ==, f->wang->id);
    first_visit = dup_member (first, "visit_id");
  }
  g_clear_pointer (&marked, json_object_unref);
  marked = run_ok (f, f->lina, "rotation.mark",
                   "{\"local_date\": \"2026-11-26\", \"consultant_id\": \"%s\", \"state\": \"on_duty\"}", f->lina->id);
  {
    g_autoptr(JsonObject) second = walk_in (f, "2026-11-26T01:05:00Z");
    g_assert_cmpstr (json_object_get_string_member (second, "consultant_id"), ==, f->lina->id);
    second_id = dup_member (second, "visit_id");
  }
  /* both now serve an open visit: the next walk-in waits for a free one */
  day = anju_rotation_load_day (f->store, NULL, "2026-11-26", NULL);
  g_assert_null (day->next_consultant_id);
  g_assert_true (((AnjuRotationEntry *)day->entries->pdata[0])->serving);
  third = walk_in (f, "2026-11-26T01:10:00Z");
  g_assert_true (json_object_get_null_member (third, "consultant_id"));
  third_id = dup_member (third, "visit_id");
  refused (f, f->door, "visit.assign", ANJU_COMMAND_ERROR_CONFLICT, "consultant_id",
           "{\"visit_id\": \"%s\"}", third_id);
  refused (f, f->door, "visit.greet", ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
           "{\"visit_id\": \"%s\", \"greeted_at\": \"2026-11-26T01:11:00Z\"}", third_id);

  /* a fourth comes while the third still waits */
  f->clock.now = anju_test_time ("2026-11-26T01:20:00Z");
  fourth = walk_in (f, "2026-11-26T01:20:00Z");
  g_assert_true (json_object_get_null_member (fourth, "consultant_id"));
  fourth_id = dup_member (fourth, "visit_id");

  /* 王磊's visit ends: he is free, and the one waiting longest is served
   * first — not a newer walk-in, not the fourth */
  f->clock.now = anju_test_time ("2026-11-26T01:30:00Z");
  closed = finish_visit (f, f->wang, first_visit, "2026-11-26T01:30:00Z", "13700000003");
  fifth = walk_in (f, "2026-11-26T01:31:00Z");
  g_assert_true (json_object_get_null_member (fifth, "consultant_id"));
  g_assert_true (json_object_get_null_member (fifth, "route"));
  refused (f, f->door, "visit.assign", ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
           "{\"visit_id\": \"%s\"}", fourth_id);
  assigned = run_ok (f, f->door, "visit.assign", "{\"visit_id\": \"%s\"}", third_id);
  g_assert_cmpstr (json_object_get_string_member (assigned, "consultant_id"), ==, f->wang->id);
  g_assert_cmpstr (json_object_get_string_member (assigned, "route"), ==, "rotation");
  /* a manager may still name a consultant for anyone */
  g_clear_pointer (&assigned, json_object_unref);
  fifth_id = dup_member (fifth, "visit_id");
  assigned = run_ok (f, f->manager, "visit.assign", "{\"visit_id\": \"%s\", \"consultant_id\": \"%s\"}",
                     fifth_id, f->zhao->id);
  g_assert_cmpstr (json_object_get_string_member (assigned, "route"), ==, "assigned");

  /* 李娜 greets her visitor after 2 minutes; 王磊 ends the third visit
   * without ever recording a greeting: no wait is recorded for it (NULL,
   * not a figure made up from the clock), and the day's average skips it */
  g_clear_pointer (&assigned, json_object_unref);
  assigned = run_ok (f, f->lina, "visit.greet", "{\"visit_id\": \"%s\", \"greeted_at\": \"2026-11-26T01:07:00Z\"}",
                     second_id);
  g_clear_pointer (&assigned, json_object_unref);
  assigned = run_ok (f, f->wang, "visit.disclose", "{\"visit_id\": \"%s\", \"disclosure_version\": 0}",
                     third_id);
  f->clock.now = anju_test_time ("2026-11-26T02:30:00Z");
  g_clear_pointer (&closed, json_object_unref);
  closed = run_ok (f, f->wang, "visit.close",
                   "{\"visit_id\": \"%s\", \"ended_at\": \"2026-11-26T02:30:00Z\", "
                   "\"customer\": {\"name\": \"访客\", \"title\": \"女士\", \"mobile\": \"13700000004\"}}",
                   third_id);
  g_assert_cmpint (count (f, "SELECT count(*) FROM visits WHERE id = '%s' AND wait_seconds IS NULL "
                             "AND greeted_at IS NULL AND long_wait = 0", third_id), ==, 1);
  third_visit = anju_visit_load (f->store, third_id, NULL);
  g_assert_cmpint (third_visit->wait_seconds, ==, -1);
  g_assert_false (third_visit->long_wait);
  queue = anju_reception_load_queue (f->store, NULL, "2026-11-26", NULL);
  g_assert_cmpuint (queue->n_greeted, ==, 2);             /* the first (0 s) and the second (120 s) */
  g_assert_cmpint (queue->average_wait_seconds, ==, 60);
}

static void
test_referral (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *owner = add_customer (f, f->lina, "张伟国", "先生", "13812340000");
  g_autofree char *ids = g_strdup_printf ("[\"%s\"]", f->wang->id);
  g_autoptr(JsonObject) visit = NULL;
  g_autoptr(GPtrArray) owner_tasks = NULL;
  g_autofree char *friend = NULL, *referred_by = NULL, *friend_owner = NULL;
  AnjuTask *thanks;

  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");
  set_rotation (f, "2026-11-26", ids);
  visit = run_ok (f, f->door, "visit.register",
                  "{\"arrived_at\": \"2026-11-26T02:00:00Z\", \"first_time\": true, \"visit_type\": \"referral\", "
                  "\"referred_by\": \"%s\", \"new_customer\": {\"name\": \"李雷\", \"title\": \"先生\", "
                  "\"mobile\": \"13700001111\"}}", owner);
  g_assert_cmpstr (json_object_get_string_member (visit, "visit_type"), ==, "referral");
  g_assert_true (json_object_get_boolean_member (visit, "created_customer"));
  friend = dup_member (visit, "customer_id");
  /* the friend is a new customer linked to the owner who brought them */
  referred_by = query_text (f, "SELECT referred_by FROM customers WHERE id = '%s'", friend);
  g_assert_cmpstr (referred_by, ==, owner);
  friend_owner = query_text (f, "SELECT owner_id FROM customers WHERE id = '%s'", friend);
  g_assert_cmpstr (friend_owner, ==, f->wang->id);
  /* the owner is thanked by their own consultant */
  owner_tasks = anju_tasks_list_for_customer (f->store, owner, NULL);
  g_assert_cmpuint (owner_tasks->len, ==, 1);
  thanks = owner_tasks->pdata[0];
  g_assert_cmpstr (thanks->kind, ==, "thank_referrer");
  g_assert_cmpstr (thanks->assignee_id, ==, f->lina->id);
  g_assert_nonnull (strstr (thanks->title, "李雷"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM customer_events WHERE customer_id = '%s' AND kind = 'referral'",
                          owner), ==, 1);

  /* a friend who is already a customer is not a new referral */
  refused (f, f->door, "visit.register", ANJU_COMMAND_ERROR_DUPLICATE, "new_customer.mobile",
           "{\"arrived_at\": \"2026-11-26T03:00:00Z\", \"first_time\": true, \"referred_by\": \"%s\", "
           "\"new_customer\": {\"name\": \"李雷\", \"mobile\": \"+86 137 0000 1111\"}}", owner);
  refused (f, f->door, "visit.register", ANJU_COMMAND_ERROR_MISSING_FIELD, "referred_by",
           "{\"arrived_at\": \"2026-11-26T03:00:00Z\", \"first_time\": true, \"visit_type\": \"referral\", "
           "\"new_customer\": {\"name\": \"韩梅梅\"}}");
  refused (f, f->door, "visit.register", ANJU_COMMAND_ERROR_MISSING_FIELD, "first_time",
           "{\"arrived_at\": \"2026-11-26T03:00:00Z\"}");
}

static void
test_credit (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) third = NULL;
  g_autofree char *customer = NULL, *at_start = NULL, *within = NULL, *lapsed = NULL, *taken = NULL;
  g_autofree char *renewed = NULL;

  /* 李娜 takes the first call on 1 November */
  f->clock.now = anju_test_time ("2026-11-01T02:00:00Z");
  call = run_ok (f, f->lina, "call.log",
                 "{\"mobile\": \"13700002222\", \"new_customer\": {\"name\": \"钱进\", \"title\": \"先生\"}, "
                 "\"answered_by\": \"%s\", \"rings\": 1, \"started_at\": \"2026-11-01T02:00:00Z\", "
                 "\"ended_at\": \"2026-11-01T02:03:00Z\", \"call_again_at\": \"2026-11-02T02:00:00Z\"}", f->lina->id);
  customer = dup_member (call, "customer_id");
  at_start = anju_reception_credit_consultant (f->store, customer, anju_test_time ("2026-11-02T00:00:00Z"));
  g_assert_cmpstr (at_start, ==, f->lina->id);

  /* on 10 November, within the 15 days, 王磊 receives him: credit stays */
  f->clock.now = anju_test_time ("2026-11-10T02:00:00Z");
  second = run_ok (f, f->door, "visit.register",
                   "{\"arrived_at\": \"2026-11-10T02:00:00Z\", \"first_time\": false, \"customer_id\": \"%s\", "
                   "\"consultant_id\": \"%s\"}", customer, f->wang->id);
  g_assert_cmpstr (json_object_get_string_member (second, "route"), ==, "named");
  within = anju_reception_credit_consultant (f->store, customer, anju_test_time ("2026-11-12T00:00:00Z"));
  g_assert_cmpstr (within, ==, f->lina->id);

  /* after 16 November the registration has lapsed; nobody else came: still 李娜 */
  lapsed = anju_reception_credit_consultant (f->store, customer, anju_test_time ("2026-11-20T00:00:00Z"));
  g_assert_cmpstr (lapsed, ==, f->lina->id);

  /* on 30 November 王磊 registers him again, after the lapse: the credit is his */
  f->clock.now = anju_test_time ("2026-11-30T02:00:00Z");
  third = run_ok (f, f->door, "visit.register",
                  "{\"arrived_at\": \"2026-11-30T02:00:00Z\", \"first_time\": false, \"customer_id\": \"%s\", "
                  "\"consultant_id\": \"%s\"}", customer, f->wang->id);
  taken = anju_reception_credit_consultant (f->store, customer, anju_test_time ("2026-12-01T00:00:00Z"));
  g_assert_cmpstr (taken, ==, f->wang->id);
  /* asked about a moment before that visit, the answer is still 李娜 */
  renewed = anju_reception_credit_consultant (f->store, customer, anju_test_time ("2026-11-29T00:00:00Z"));
  g_assert_cmpstr (renewed, ==, f->lina->id);
}

static void
test_credit_renewed_by_contact (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autofree char *customer = NULL, *credit = NULL, *never = NULL;
  g_autofree char *plain = add_customer (f, f->zhao, "孙红", "女士", NULL);

  f->clock.now = anju_test_time ("2026-11-01T02:00:00Z");
  call = run_ok (f, f->lina, "call.log",
                 "{\"mobile\": \"13700003333\", \"new_customer\": {\"name\": \"冯涛\"}, "
                 "\"answered_by\": \"%s\", \"rings\": 1, \"started_at\": \"2026-11-01T02:00:00Z\", "
                 "\"ended_at\": \"2026-11-01T02:03:00Z\", \"call_again_at\": \"2026-11-02T02:00:00Z\"}", f->lina->id);
  customer = dup_member (call, "customer_id");
  /* her own follow-up call on 14 November renews the registration to 29 November */
  again = run_ok (f, f->lina, "call.log",
                  "{\"customer_id\": \"%s\", \"answered_by\": \"%s\", \"rings\": 1, "
                  "\"started_at\": \"2026-11-14T02:00:00Z\", \"ended_at\": \"2026-11-14T02:03:00Z\", "
                  "\"call_again_at\": \"2026-11-15T02:00:00Z\"}",
                  customer, f->lina->id);
  f->clock.now = anju_test_time ("2026-11-20T02:00:00Z");
  other = run_ok (f, f->door, "visit.register",
                  "{\"arrived_at\": \"2026-11-20T02:00:00Z\", \"first_time\": false, \"customer_id\": \"%s\", "
                  "\"consultant_id\": \"%s\"}", customer, f->wang->id);
  credit = anju_reception_credit_consultant (f->store, customer, anju_test_time ("2026-11-21T00:00:00Z"));
  g_assert_cmpstr (credit, ==, f->lina->id);
  /* a customer never received through reception: their owner */
  never = anju_reception_credit_consultant (f->store, plain, anju_test_time ("2026-11-21T00:00:00Z"));
  g_assert_cmpstr (never, ==, f->zhao->id);
}

/* ---- appointments and the workbench ----------------------------------- */

static gboolean
provide_payments (AnjuStore             *store,
                  const char            *user_id,
                  const char            *local_date,
                  AnjuWorkbenchSection  *section,
                  GError               **error)
{
  JsonObject *item = json_object_new ();

  section->title = g_strdup ("Payments expected");
  json_object_set_string_member (item, "title", local_date);
  json_array_add_object_element (section->items, item);
  section->count = 1;
  return TRUE;
}

static void
test_workbench (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *customer = add_customer (f, f->lina, "王芳", "女士", "13812345678");
  g_autofree char *ids = g_strdup_printf ("[\"%s\"]", f->lina->id);
  g_autoptr(JsonObject) yesterday = NULL;
  g_autoptr(JsonObject) today = NULL;
  g_autoptr(JsonObject) done_task = NULL;
  g_autoptr(JsonObject) completed = NULL;
  g_autoptr(JsonObject) appointment = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  g_autoptr(JsonObject) walked = NULL;
  g_autoptr(AnjuWorkbench) bench = NULL;
  g_autoptr(AnjuWorkbench) other = NULL;
  AnjuTaskCounts counts;
  AnjuWorkbenchSection *section = NULL;

  /* Thursday 11:00 local */
  f->clock.now = anju_test_time ("2026-11-26T03:00:00Z");
  yesterday = run_ok (f, f->lina, "task.create",
                      "{\"customer_id\": \"%s\", \"kind\": \"call\", \"title\": \"回访王女士\", "
                      "\"due_at\": \"2026-11-25T16:00:00+08:00\"}", customer);
  today = run_ok (f, f->lina, "task.create",
                  "{\"customer_id\": \"%s\", \"kind\": \"call\", \"title\": \"确认周六来访\", "
                  "\"due_at\": \"2026-11-26T15:00:00+08:00\"}", customer);
  done_task = run_ok (f, f->lina, "task.create",
                      "{\"kind\": \"other\", \"title\": \"整理客户资料\", \"due_at\": \"2026-11-26T09:00:00+08:00\"}");
  completed = run_ok (f, f->lina, "task.complete", "{\"task_id\": \"%s\", \"outcome\": \"done\"}",
                      json_object_get_string_member (done_task, "task_id"));
  appointment = run_ok (f, f->lina, "appointment.create",
                        "{\"customer_id\": \"%s\", \"at\": \"2026-11-26T16:00:00+08:00\", \"car_plate\": \"浙A88888\"}",
                        customer);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (appointment, "task_ids")), ==, 1);
  set_rotation (f, "2026-11-26", ids);
  walked = walk_in (f, "2026-11-26T02:58:00Z");

  anju_workbench_register_section ("payments", provide_payments);
  bench = anju_workbench_load (f->store, f->lina->id, "2026-11-26", NULL);
  g_assert_nonnull (bench);
  /* open first by due time: yesterday's (overdue, red), today's, the appointment's
   * visit task; then the done one */
  g_assert_cmpuint (bench->tasks->len, ==, 4);
  g_assert_true (((AnjuTask *)bench->tasks->pdata[0])->overdue);
  g_assert_cmpstr (((AnjuTask *)bench->tasks->pdata[0])->title, ==, "回访王女士");
  g_assert_false (((AnjuTask *)bench->tasks->pdata[1])->overdue);
  g_assert_cmpstr (((AnjuTask *)bench->tasks->pdata[3])->state, ==, "done");
  g_assert_cmpuint (bench->counts.due, ==, 3);
  g_assert_cmpuint (bench->counts.overdue, ==, 1);
  g_assert_cmpuint (bench->counts.done, ==, 1);
  g_assert_true (anju_tasks_count_for_day (f->store, f->lina->id, "2026-11-26", &counts, NULL));
  g_assert_cmpuint (counts.due, ==, 3);
  g_assert_cmpuint (counts.overdue, ==, 1);
  /* today's appointments and the visitor at the door, waiting two minutes */
  g_assert_cmpuint (bench->appointments->len, ==, 1);
  g_assert_cmpstr (((AnjuPlanEntry *)bench->appointments->pdata[0])->car_plate, ==, "浙A88888");
  g_assert_cmpuint (bench->waiting->len, ==, 1);
  g_assert_cmpint (((AnjuVisit *)bench->waiting->pdata[0])->wait_seconds, ==, 120);
  g_assert_true (((AnjuVisit *)bench->waiting->pdata[0])->long_wait);
  /* a later workflow's section */
  for (guint i = 0; i < bench->sections->len; i++)
    if (g_str_equal (((AnjuWorkbenchSection *)bench->sections->pdata[i])->id, "payments"))
      section = bench->sections->pdata[i];
  g_assert_nonnull (section);
  g_assert_cmpuint (section->count, ==, 1);

  /* another consultant sees none of it */
  other = anju_workbench_load (f->store, f->wang->id, "2026-11-26", NULL);
  g_assert_cmpuint (other->tasks->len, ==, 0);
  g_assert_cmpuint (other->appointments->len, ==, 0);
  g_assert_cmpuint (other->waiting->len, ==, 0);

  /* a cancelled appointment closes its tasks */
  cancelled = run_ok (f, f->lina, "appointment.cancel",
                      "{\"appointment_id\": \"%s\", \"reason\": \"客户改期\"}",
                      json_object_get_string_member (appointment, "appointment_id"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE source_type = 'appointment' AND state = 'open'"),
                   ==, 0);
  refused (f, f->lina, "appointment.cancel", ANJU_COMMAND_ERROR_CONFLICT, "appointment_id",
           "{\"appointment_id\": \"%s\"}", json_object_get_string_member (appointment, "appointment_id"));
  refused (f, f->lina, "appointment.create", ANJU_COMMAND_ERROR_INVALID_FIELD, "at",
           "{\"customer_id\": \"%s\", \"at\": \"2026-11-26T08:00:00+08:00\"}", customer);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  anju_format_set_time_zone ("Asia/Shanghai");
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reception/call/known-number", test_call_known_number);
  ADD ("/reception/call/same-day-sms-next-day-call", test_call_same_day_sms_next_day_call);
  ADD ("/reception/call/appointment-friday", test_call_appointment_friday);
  ADD ("/reception/call/flags-and-questions", test_call_flags_and_questions);
  ADD ("/reception/call/at-night-office-hours", test_call_at_night_office_hours);
  ADD ("/reception/scripts", test_scripts);
  ADD ("/reception/visit/cutoff", test_visit_cutoff);
  ADD ("/reception/visit/disclosure-required", test_visit_disclosure_required);
  ADD ("/reception/visit/returning-customer", test_returning_customer);
  ADD ("/reception/visit/referral", test_referral);
  ADD ("/reception/rotation/make-up", test_rotation_make_up);
  ADD ("/reception/rotation/lost-turn", test_rotation_lost_turn);
  ADD ("/reception/rotation/busy-skipped", test_rotation_busy_skipped);
  ADD ("/reception/credit/first-registrant", test_credit);
  ADD ("/reception/credit/renewed-by-contact", test_credit_renewed_by_contact);
  ADD ("/reception/workbench", test_workbench);
#undef ADD
  return g_test_run ();
}
