/* test-care.c — care before handover (维护): the holiday calendar,
 * milestones, owners' visits and referrals, the handover's progress */
#include <sqlite3.h>

#include "anju-care.h"
#include "anju-customers.h"
#include "anju-handover.h"
#include "anju-sms.h"
#include "anju-tasks.h"
#include "anju-test-fixture.h"

#define ID_CHEN  "11010519491231002X"
#define ID_WIFE  "330106199803148449"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *admin;
  AnjuUser      *manager;     /* 张伟 */
  AnjuUser      *lina;        /* consultant 李娜 */
  AnjuUser      *wang;        /* consultant 王芳 */
  char          *project_id;
  char          *building_id;
  char          *unit_ids[3];
  char          *chen_id;     /* owner, 李娜's, with a co-owner on file: 周子涵 */
  char          *zhou_id;     /* co-owner */
  char          *zhao_id;     /* a prospect, 李娜's: no unit */
  char          *sun_id;      /* owner, 王芳's, subscribed later in some tests */
} Fixture;

/* Holds unit @i for @customer_id, quotes it at the list price and
 * subscribes it as @consultant; @buyers the subscription's buyers. */
static char *
subscribe (Fixture        *f,
           const AnjuUser *consultant,
           guint           i,
           const char     *customer_id,
           const char     *buyers)
{
  g_autofree char *hold = NULL, *quote = NULL, *sub = NULL, *quote_id = NULL;

  hold = g_strdup_printf ("{\"unit_id\": \"%s\", \"minutes\": 120, \"customer_id\": \"%s\"}",
                          f->unit_ids[i], customer_id);
  g_free (run_id (f, consultant, "unit.hold", hold, "hold_id"));
  quote = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"%s\"}", f->unit_ids[i], customer_id);
  quote_id = run_id (f, consultant, "quote.create", quote, "quote_id");
  sub = g_strdup_printf ("{\"quote_id\": \"%s\", \"payment_method\": \"commercial\", \"deposit\": 5000000, "
                         "\"signing_deadline\": \"2026-12-20\", \"buyers\": %s}", quote_id, buyers);
  return run_id (f, consultant, "subscription.create", sub, "subscription_id");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");   /* Thursday 10:00 in Shanghai */
  f->store = anju_test_store_new (&f->clock, &f->dir);
  anju_test_set_marks (f->store, "$P", &f->project_id, "$B", &f->building_id, "$CHEN", &f->chen_id,
                       "$ZHOU", &f->zhou_id, "$ZHAO", &f->zhao_id, "$SUN", &f->sun_id, NULL);
  f->admin = anju_test_add_user (f->store, "admin", "系统管理员", ANJU_ROLE_ADMIN);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->wang = anju_test_add_user (f->store, "wangfang", "王芳", ANJU_ROLE_CONSULTANT);
  f->project_id = run_id (f, f->admin, "project.create",
                          "{\"name\": \"万科·安居苑\", \"developer\": \"安居置业\", \"city\": \"杭州\", "
                          "\"hotline\": \"0571-88886666\"}", "project_id");
  f->building_id = run_id (f, f->admin, "building.create",
                           "{\"project_id\": \"$P\", \"name\": \"1幢\", \"floors\": 18, \"units_per_floor\": 2}",
                           "building_id");
  for (guint i = 0; i < G_N_ELEMENTS (f->unit_ids); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"building_id\": \"$B\", \"floor\": %u, \"number\": \"%u02\", "
                                               "\"layout\": \"3室2厅2卫\", \"gross_area\": 11500, "
                                               "\"inner_area\": 9085, \"list_price\": 328370000}",
                                               15 + i, 15 + i);

      f->unit_ids[i] = run_id (f, f->manager, "unit.create", json, "unit_id");
    }
  f->chen_id = run_id (f, f->lina, "customer.create",
                       "{\"name\": \"陈建国\", \"title\": \"先生\", \"mobile\": \"13800138000\", "
                       "\"id_number\": \"" ID_CHEN "\"}", "customer_id");
  f->zhou_id = run_id (f, f->lina, "customer.create",
                       "{\"name\": \"周子涵\", \"title\": \"女士\", \"mobile\": \"13796830958\", "
                       "\"id_number\": \"" ID_WIFE "\"}", "customer_id");
  f->zhao_id = run_id (f, f->lina, "customer.create",
                       "{\"name\": \"赵强\", \"title\": \"先生\", \"mobile\": \"13911112222\"}", "customer_id");
  f->sun_id = run_id (f, f->wang, "customer.create",
                      "{\"name\": \"孙丽\", \"title\": \"女士\", \"mobile\": \"13922223333\", "
                      "\"id_number\": \"110105198001010040\"}", "customer_id");
  /* 陈建国 buys 1502 with his wife 周子涵 as co-owner. */
  g_free (subscribe (f, f->lina, 0, f->chen_id,
                     "[{}, {\"customer_id\": \"$ZHOU\", \"name\": \"周子涵\", \"id_number\": \"" ID_WIFE "\"}]"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->admin);
  anju_user_free (f->manager);
  anju_user_free (f->lina);
  anju_user_free (f->wang);
  g_free (f->project_id);
  g_free (f->building_id);
  for (guint i = 0; i < G_N_ELEMENTS (f->unit_ids); i++)
    g_free (f->unit_ids[i]);
  g_free (f->chen_id);
  g_free (f->zhou_id);
  g_free (f->zhao_id);
  g_free (f->sun_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
events_of (Fixture *f,
           int      year)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = anju_care_list_events (f->store, f->project_id, year, &error);

  g_assert_no_error (error);
  return events;
}

static AnjuCareEvent *
event_of (GPtrArray  *events,
          const char *topic)
{
  for (guint i = 0; i < events->len; i++)
    {
      AnjuCareEvent *e = g_ptr_array_index (events, i);

      if (g_str_equal (e->topic, topic))
        return e;
    }
  g_assert_not_reached ();
}

/* The one SMS of @template_id to @customer_id (any state): its due time
 * and text. */
#define sms_of(f, customer_id, template_id, text) \
  anju_test_sms_due ((f)->store, NULL, (customer_id), (template_id), (text))

/* The SMS of @event_id to @customer_id: its due time and text. */
static char *
event_sms_of (Fixture    *f,
              const char *event_id,
              const char *customer_id,
              char      **text)
{
  sqlite3_stmt *stmt = anju_store_prepare (f->store,
      "SELECT due_at, text FROM sms_outbox WHERE source_type = 'care_event' AND source_id = ? "
      "AND customer_id = ?", NULL);
  char *due = NULL;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, customer_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      due = anju_stmt_dup_text (stmt, 0);
      if (text != NULL)
        *text = anju_stmt_dup_text (stmt, 1);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_reset (stmt);
  return due;
}

/* The call task of @event_id for @customer_id: its due time, assignee. */
static char *
call_of (Fixture    *f,
         const char *event_id,
         const char *customer_id,
         char      **assignee)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = anju_tasks_list_for_source (f->store, "care_event", event_id, &error);
  char *due = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      AnjuTask *t = g_ptr_array_index (list, i);

      if (g_strcmp0 (t->customer_id, customer_id) != 0)
        continue;
      g_assert_null (due);
      g_assert_cmpstr (t->kind, ==, "call");
      due = g_strdup (t->due_at);
      if (assignee != NULL)
        *assignee = g_strdup (t->assignee_id);
    }
  return due;
}

/* The open SMS task made with the SMS of @template_id to @customer_id. */
static AnjuTask *
sms_task_of (Fixture    *f,
             const char *customer_id,
             const char *rule)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = anju_tasks_list_for_customer (f->store, customer_id, &error);
  AnjuTask *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      AnjuTask *t = g_ptr_array_index (list, i);

      if (g_strcmp0 (t->kind, "sms") != 0 || g_strcmp0 (t->rule, rule) != 0)
        continue;
      g_assert_null (found);
      found = g_ptr_array_steal_index (list, i--);
    }
  return found;
}

static guint
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return (guint) anju_store_count (f->store, sql);
}

/* ---- the data ----------------------------------------------------------------- */

static void
test_holiday_dates (Fixture       *f,
                    gconstpointer  data)
{
  /* The lunar festivals move every year: each date checked by hand. */
  static const struct
  {
    int         year;
    const char *spring, *lantern, *qingming, *dragon_boat, *mid_autumn;
  } known[] = {
    { 2025, "2025-01-29", "2025-02-12", "2025-04-04", "2025-05-31", "2025-10-06" },
    { 2026, "2026-02-17", "2026-03-03", "2026-04-05", "2026-06-19", "2026-09-25" },
    { 2027, "2027-02-06", "2027-02-20", "2027-04-05", "2027-06-09", "2027-09-15" },
    { 2028, "2028-01-26", "2028-02-09", "2028-04-04", "2028-05-28", "2028-10-03" },
    { 2029, "2029-02-13", "2029-02-27", "2029-04-04", "2029-06-16", "2029-09-22" },
    { 2030, "2030-02-03", "2030-02-17", "2030-04-05", "2030-06-05", "2030-09-12" },
    { 2031, "2031-01-23", "2031-02-06", "2031-04-05", "2031-06-24", "2031-10-01" },
    { 2032, "2032-02-11", "2032-02-25", "2032-04-04", "2032-06-12", "2032-09-19" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  int first = 0, last = 0;

  g_assert_true (anju_care_get_years (&first, &last));
  g_assert_cmpint (first, ==, 2025);
  g_assert_cmpint (last, ==, 2032);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autoptr(GPtrArray) days = anju_care_holidays_for_year (known[i].year, &error);
      g_autofree char *new_year = g_strdup_printf ("%d-01-01", known[i].year);
      g_autofree char *labour = g_strdup_printf ("%d-05-01", known[i].year);
      g_autofree char *national = g_strdup_printf ("%d-10-01", known[i].year);
      const struct { const char *id, *date; } expected[] = {
        { "new_year", new_year }, { "spring_festival", known[i].spring }, { "lantern", known[i].lantern },
        { "qingming", known[i].qingming }, { "labour_day", labour }, { "dragon_boat", known[i].dragon_boat },
        { "mid_autumn", known[i].mid_autumn }, { "national_day", national },
      };

      g_assert_no_error (error);
      g_assert_cmpuint (days->len, ==, G_N_ELEMENTS (expected));
      for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
        {
          gboolean seen = FALSE;

          for (guint k = 0; k < days->len; k++)
            {
              AnjuCareHoliday *h = g_ptr_array_index (days, k);

              if (!g_str_equal (h->id, expected[j].id))
                continue;
              g_assert_cmpstr (h->date, ==, expected[j].date);
              g_assert_nonnull (h->sms_template);
              seen = TRUE;
            }
          g_assert_true (seen);
        }
      /* in date order */
      for (guint k = 1; k < days->len; k++)
        g_assert_cmpstr (((AnjuCareHoliday *)g_ptr_array_index (days, k - 1))->date, <=,
                         ((AnjuCareHoliday *)g_ptr_array_index (days, k))->date);
    }
  none = anju_care_holidays_for_year (2040, &error);
  g_assert_null (none);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_INVALID_FIELD);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "year");
  g_assert_nonnull (strstr (error->message, "2025 to 2032"));
}

/* ---- planning a year ---------------------------------------------------------- */

static void
test_plan_year (Fixture       *f,
                gconstpointer  data)
{
  static const struct { const char *topic, *title, *date, *sms_template, *sms_due, *call_due; } expected[] = {
    /* the SMS on the day at 09:30, the call the day before at 10:00 (UTC+8) */
    { "new_year", "New Year's Day", "2027-01-01", "care_new_year",
      "2027-01-01T01:30:00Z", "2026-12-31T02:00:00Z" },
    { "spring_festival", "Spring Festival", "2027-02-06", "care_spring_festival",
      "2027-02-06T01:30:00Z", "2027-02-05T02:00:00Z" },
    { "lantern", "Lantern Festival", "2027-02-20", "care_lantern",
      "2027-02-20T01:30:00Z", "2027-02-19T02:00:00Z" },
    { "qingming", "Qingming Festival", "2027-04-05", "care_qingming",
      "2027-04-05T01:30:00Z", "2027-04-04T02:00:00Z" },
    { "labour_day", "Labour Day", "2027-05-01", "care_labour_day",
      "2027-05-01T01:30:00Z", "2027-04-30T02:00:00Z" },
    { "dragon_boat", "Dragon Boat Festival", "2027-06-09", "care_dragon_boat",
      "2027-06-09T01:30:00Z", "2027-06-08T02:00:00Z" },
    { "mid_autumn", "Mid-Autumn Festival", "2027-09-15", "care_mid_autumn",
      "2027-09-15T01:30:00Z", "2027-09-14T02:00:00Z" },
    { "national_day", "National Day", "2027-10-01", "care_national_day",
      "2027-10-01T01:30:00Z", "2027-09-30T02:00:00Z" },
  };
  const char *owners[] = { f->chen_id, f->zhou_id };
  g_autoptr(JsonObject) result = run_ok (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2027}");
  g_autoptr(GPtrArray) events = events_of (f, 2027);
  g_autofree char *text = NULL;

  /* Two owners (the buyer and the co-owner on file); 赵强 has no unit. */
  g_assert_cmpint (json_object_get_int_member (result, "created"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (result, "owners"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "event_ids")), ==, 8);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "sms_ids")), ==, 16);
  /* an SMS task and a call for each owner and event */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "task_ids")), ==, 32);

  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < events->len; i++)
    {
      AnjuCareEvent *e = g_ptr_array_index (events, i);

      g_assert_cmpstr (e->topic, ==, expected[i].topic);
      g_assert_cmpstr (e->kind, ==, "holiday");
      g_assert_cmpstr (e->title, ==, expected[i].title);
      g_assert_cmpstr (e->date, ==, expected[i].date);
      g_assert_cmpuint (e->sms_total, ==, 2);
      g_assert_cmpuint (e->sms_sent, ==, 0);
      g_assert_cmpuint (e->calls_total, ==, 2);
      g_assert_cmpuint (e->calls_done, ==, 0);
      g_assert_false (e->past);
      g_assert_false (e->done);
      for (guint j = 0; j < G_N_ELEMENTS (owners); j++)
        {
          g_autofree char *assignee = NULL;

          assert_due (sms_of (f, owners[j], expected[i].sms_template, NULL), expected[i].sms_due);
          assert_due (call_of (f, e->id, owners[j], &assignee), expected[i].call_due);
          /* 李娜 is their consultant */
          g_assert_cmpstr (assignee, ==, f->lina->id);
        }
    }
  g_assert_null (sms_of (f, f->zhao_id, "care_spring_festival", NULL));
  g_free (sms_of (f, f->chen_id, "care_spring_festival", &text));
  g_assert_cmpstr (text, ==, "陈先生您好，值此新春佳节，万科·安居苑恭祝您和家人新春快乐、阖家幸福、万事如意！"
                             "置业顾问李娜敬上。");
}

static void
test_plan_twice (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) first = run_ok (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2027}");
  g_autoptr(JsonObject) second = NULL, third = NULL;
  g_autoptr(GPtrArray) events = NULL;
  guint sms = count_rows (f, "sms_outbox"), tasks = count_rows (f, "tasks");
  g_autofree char *assignee = NULL;

  /* Again: the same events, nothing new. */
  second = run_ok (f, f->admin, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2027}");
  g_assert_cmpint (json_object_get_int_member (second, "created"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (second, "sms_ids")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (second, "task_ids")), ==, 0);
  g_assert_cmpuint (count_rows (f, "sms_outbox"), ==, sms);
  g_assert_cmpuint (count_rows (f, "tasks"), ==, tasks);
  g_assert_cmpuint (count_rows (f, "care_events"), ==, 8);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first, "event_ids"), i), ==,
                     json_array_get_string_element (json_object_get_array_member (second, "event_ids"), i));

  /* A new owner since: only what is missing, for her alone, by her own consultant. */
  g_free (subscribe (f, f->wang, 1, f->sun_id, "[{}]"));
  third = run_ok (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2027}");
  g_assert_cmpint (json_object_get_int_member (third, "created"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (third, "owners"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (third, "sms_ids")), ==, 8);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (third, "task_ids")), ==, 16);
  events = events_of (f, 2027);
  g_assert_cmpuint (event_of (events, "mid_autumn")->sms_total, ==, 3);
  g_assert_cmpuint (event_of (events, "mid_autumn")->calls_total, ==, 3);
  assert_due (call_of (f, event_of (events, "mid_autumn")->id, f->sun_id, &assignee), "2027-09-14T02:00:00Z");
  g_assert_cmpstr (assignee, ==, f->wang->id);
}

static void
test_withdrawn_not_owner (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *sub = subscribe (f, f->wang, 1, f->sun_id, "[{}]");
  g_autofree char *withdraw = g_strdup_printf ("{\"subscription_id\": \"%s\", \"reason\": \"冷静期内退订\"}", sub);
  g_autoptr(JsonObject) done = run_ok (f, f->wang, "subscription.withdraw", withdraw);
  g_autoptr(JsonObject) plan = run_ok (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2027}");
  g_autoptr(GPtrArray) owners = anju_care_list_owners (f->store, f->project_id, NULL);

  /* 孙女士 withdrew within the cooling-off: no longer an owner. */
  g_assert_cmpint (json_object_get_int_member (plan, "owners"), ==, 2);
  g_assert_cmpuint (owners->len, ==, 2);
  for (guint i = 0; i < owners->len; i++)
    {
      AnjuCareOwner *o = g_ptr_array_index (owners, i);

      g_assert_true (g_str_equal (o->customer_id, f->chen_id) || g_str_equal (o->customer_id, f->zhou_id));
      g_assert_cmpstr (o->consultant_id, ==, f->lina->id);
    }
  g_assert_null (sms_of (f, f->sun_id, "care_spring_festival", NULL));
  g_assert_false (anju_care_is_owner (f->store, f->sun_id));
  g_assert_true (anju_care_is_owner (f->store, f->zhou_id));
  REFUSED (f, f->wang, "care.log_contact",
           "{\"customer_id\": \"$SUN\", \"kind\": \"call\", \"request\": \"退订后咨询\", \"response\": \"转接待\"}",
           ANJU_COMMAND_ERROR_CONFLICT, "customer_id");
}

static void
test_plan_office_hours (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;

  /* Open 10:00–20:00, closed on Fridays. */
  g_autoptr(JsonObject) set = run_ok (f, f->manager, "project.set_policy",
      "{\"project_id\": \"$P\", \"policy\": {\"office_hours\": {"
      "\"monday\": {\"open\": \"10:00\", \"close\": \"20:00\"}, \"tuesday\": {\"open\": \"10:00\", \"close\": \"20:00\"}, "
      "\"wednesday\": {\"open\": \"10:00\", \"close\": \"20:00\"}, \"thursday\": {\"open\": \"10:00\", \"close\": \"20:00\"}, "
      "\"friday\": {\"open\": \"\", \"close\": \"\"}, \"saturday\": {\"open\": \"10:00\", \"close\": \"20:00\"}, "
      "\"sunday\": {\"open\": \"10:00\", \"close\": \"20:00\"}}}}");

  g_clear_pointer (&set, json_object_unref);
  set = run_ok (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2027}");
  events = events_of (f, 2027);
  /* Spring Festival, Saturday 2027-02-06: the SMS waits from 09:30 to the
   * opening at 10:00; the call wanted on Friday waits for Saturday 10:00. */
  assert_due (sms_of (f, f->chen_id, "care_spring_festival", NULL), "2027-02-06T02:00:00Z");
  assert_due (call_of (f, event_of (events, "spring_festival")->id, f->chen_id, NULL), "2027-02-06T02:00:00Z");
  /* Mid-Autumn, Wednesday 2027-09-15: the call on Tuesday at 10:00 is inside. */
  assert_due (sms_of (f, f->chen_id, "care_mid_autumn", NULL), "2027-09-15T02:00:00Z");
  assert_due (call_of (f, event_of (events, "mid_autumn")->id, f->chen_id, NULL), "2027-09-14T02:00:00Z");
  /* Times from policy: the SMS at 11:00 two days before, the call at 15:00 the day before. */
  g_clear_pointer (&set, json_object_unref);
  set = run_ok (f, f->manager, "project.set_policy",
                "{\"project_id\": \"$P\", \"policy\": {\"care\": {\"sms_days_before\": 2, \"sms_time\": \"11:00\", "
                "\"call_time\": \"15:00\"}}}");
  g_clear_pointer (&set, json_object_unref);
  set = run_ok (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2028}");
  g_clear_pointer (&events, g_ptr_array_unref);
  events = events_of (f, 2028);
  /* Spring Festival 2028 is Wednesday 01-26: SMS Monday 01-24 11:00, call Tuesday 01-25 15:00. */
  assert_due (event_sms_of (f, event_of (events, "spring_festival")->id, f->chen_id, NULL), "2028-01-24T03:00:00Z");
  assert_due (call_of (f, event_of (events, "spring_festival")->id, f->chen_id, NULL), "2028-01-25T07:00:00Z");
}

static void
test_plan_late (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) events = NULL, past = NULL;

  /* This year's holidays have all passed: on the calendar, nothing to do. */
  result = run_ok (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2026}");
  g_assert_cmpint (json_object_get_int_member (result, "created"), ==, 8);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "task_ids")), ==, 0);
  past = events_of (f, 2026);
  g_assert_cmpuint (past->len, ==, 8);
  g_assert_cmpstr (event_of (past, "spring_festival")->date, ==, "2026-02-17");
  g_assert_cmpstr (event_of (past, "mid_autumn")->date, ==, "2026-09-25");
  g_assert_cmpstr (event_of (past, "dragon_boat")->date, ==, "2026-06-19");
  g_assert_cmpstr (event_of (past, "qingming")->date, ==, "2026-04-05");
  for (guint i = 0; i < past->len; i++)
    {
      g_assert_true (((AnjuCareEvent *)g_ptr_array_index (past, i))->past);
      g_assert_cmpuint (((AnjuCareEvent *)g_ptr_array_index (past, i))->calls_total, ==, 0);
    }

  /* New Year's Eve at 21:30, after closing: the call wanted this morning
   * is due at the next opening, 09:00 on New Year's Day; the SMS keeps 09:30. */
  f->clock.now = anju_test_time ("2026-12-31T13:30:00Z");
  g_clear_pointer (&result, json_object_unref);
  result = run_ok (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2027}");
  events = events_of (f, 2027);
  assert_due (call_of (f, event_of (events, "new_year")->id, f->chen_id, NULL), "2027-01-01T01:00:00Z");
  assert_due (sms_of (f, f->chen_id, "care_new_year", NULL), "2027-01-01T01:30:00Z");
}

static void
test_plan_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *message = NULL;

  message = assert_refused (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2040}",
                            ANJU_COMMAND_ERROR_INVALID_FIELD, "year");
  g_assert_nonnull (strstr (message, "2025 to 2032"));
  REFUSED (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\"}", ANJU_COMMAND_ERROR_MISSING_FIELD, "year");
  REFUSED (f, f->manager, "care.plan_year", "{\"project_id\": \"$P\", \"year\": \"2027\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "year");
  REFUSED (f, f->manager, "care.plan_year", "{\"project_id\": \"nope\", \"year\": 2027}",
           ANJU_COMMAND_ERROR_NOT_FOUND, "project_id");
  /* a consultant plans nothing */
  REFUSED (f, f->lina, "care.plan_year", "{\"project_id\": \"$P\", \"year\": 2027}",
           ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
}

/* ---- milestones ------------------------------------------------------------------ */

static void
test_milestone (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) result = run_ok (f, f->manager, "care.add_milestone",
      "{\"project_id\": \"$P\", \"kind\": \"topping_out\", \"title\": \"1幢主体结构封顶\", \"date\": \"2026-12-18\"}");
  const char *id = json_object_get_string_member (result, "event_id");
  g_autoptr(GPtrArray) events = events_of (f, 2026);
  g_autofree char *text = NULL, *assignee = NULL;
  g_autoptr(AnjuTask) sms_task = NULL;
  AnjuCareEvent *e;

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "sms_ids")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "task_ids")), ==, 4);
  g_assert_cmpuint (events->len, ==, 1);
  e = g_ptr_array_index (events, 0);
  g_assert_cmpstr (e->id, ==, id);
  g_assert_cmpstr (e->kind, ==, "milestone");
  g_assert_cmpstr (e->topic, ==, "topping_out");
  g_assert_cmpstr (e->title, ==, "1幢主体结构封顶");
  g_assert_cmpstr (e->date, ==, "2026-12-18");
  /* Friday 2026-12-18: the SMS that morning, the call on Thursday. */
  assert_due (sms_of (f, f->chen_id, "care_milestone", &text), "2026-12-18T01:30:00Z");
  g_assert_cmpstr (text, ==, "陈先生您好，万科·安居苑工程进度喜讯：1幢主体结构封顶（2026-12-18）。"
                             "您的新家又近了一步，如有疑问请联系置业顾问李娜或拨打热线0571-88886666。");
  assert_due (call_of (f, id, f->zhou_id, &assignee), "2026-12-17T02:00:00Z");
  g_assert_cmpstr (assignee, ==, f->lina->id);
  sms_task = sms_task_of (f, f->chen_id, "care.sms_days_before");
  g_assert_nonnull (sms_task);
  g_assert_cmpstr (sms_task->due_at, ==, "2026-12-18T01:30:00Z");
  g_assert_cmpstr (sms_task->assignee_id, ==, f->lina->id);

  /* Done: the SMS sent (its task with it) and one call made. */
  {
    g_autoptr(GPtrArray) calls = anju_tasks_list_for_source (f->store, "care_event", id, NULL);
    g_autofree char *sent = g_strdup_printf ("{\"sms_id\": \"%s\"}", sms_task->source_id);
    g_autofree char *done = g_strdup_printf ("{\"task_id\": \"%s\", \"outcome\": \"已致电\"}",
                                             ((AnjuTask *)g_ptr_array_index (calls, 0))->id);
    g_autoptr(JsonObject) r1 = run_ok (f, f->lina, "sms.mark_sent", sent);
    g_autoptr(JsonObject) r2 = run_ok (f, f->lina, "task.complete", done);
    g_autoptr(GPtrArray) after = events_of (f, 2026);
    g_autoptr(AnjuTask) closed = anju_task_load (f->store, sms_task->id, NULL);

    e = g_ptr_array_index (after, 0);
    g_assert_cmpuint (e->sms_total, ==, 2);
    g_assert_cmpuint (e->sms_sent, ==, 1);
    g_assert_cmpuint (e->calls_total, ==, 2);
    g_assert_cmpuint (e->calls_done, ==, 1);
    g_assert_false (e->done);
    g_assert_cmpstr (closed->state, ==, "done");

    /* and the rest: the event is done */
    {
      g_autoptr(AnjuTask) zhou_sms = sms_task_of (f, f->zhou_id, "care.sms_days_before");
      g_autofree char *sent2 = g_strdup_printf ("{\"sms_id\": \"%s\"}", zhou_sms->source_id);
      g_autofree char *done2 = g_strdup_printf ("{\"task_id\": \"%s\", \"outcome\": \"已致电\"}",
                                                ((AnjuTask *)g_ptr_array_index (calls, 1))->id);
      g_autoptr(JsonObject) r3 = run_ok (f, f->lina, "sms.mark_sent", sent2);
      g_autoptr(JsonObject) r4 = run_ok (f, f->lina, "task.complete", done2);
      g_autoptr(GPtrArray) all = events_of (f, 2026);

      e = g_ptr_array_index (all, 0);
      g_assert_cmpuint (e->sms_sent, ==, 2);
      g_assert_cmpuint (e->calls_done, ==, 2);
      g_assert_true (e->done);
    }
  }

  /* Delivery has its own wording. */
  g_clear_pointer (&result, json_object_unref);
  g_clear_pointer (&text, g_free);
  result = run_ok (f, f->admin, "care.add_milestone",
      "{\"project_id\": \"$P\", \"kind\": \"delivery\", \"title\": \"一期交付\", \"date\": \"2027-06-30\"}");
  g_free (sms_of (f, f->chen_id, "care_delivery", &text));
  g_assert_cmpstr (text, ==, "陈先生您好，万科·安居苑一期交付定于2027-06-30，届时欢迎您回家！"
                             "具体事项请联系置业顾问李娜或拨打热线0571-88886666。");
}

static void
test_milestone_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) first = run_ok (f, f->manager, "care.add_milestone",
      "{\"project_id\": \"$P\", \"kind\": \"topping_out\", \"title\": \"1幢封顶\", \"date\": \"2026-12-18\"}");

  /* the same kind on the same day */
  REFUSED (f, f->manager, "care.add_milestone",
           "{\"project_id\": \"$P\", \"kind\": \"topping_out\", \"title\": \"2幢封顶\", \"date\": \"2026-12-18\"}",
           ANJU_COMMAND_ERROR_DUPLICATE, "date");
  /* a day that has passed (yesterday) */
  REFUSED (f, f->manager, "care.add_milestone",
           "{\"project_id\": \"$P\", \"kind\": \"progress\", \"title\": \"样板区开放\", \"date\": \"2026-11-25\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "date");
  REFUSED (f, f->manager, "care.add_milestone",
           "{\"project_id\": \"$P\", \"kind\": \"progress\", \"title\": \"样板区开放\", \"date\": \"2026-02-30\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "date");
  REFUSED (f, f->manager, "care.add_milestone",
           "{\"project_id\": \"$P\", \"kind\": \"party\", \"title\": \"业主答谢会\", \"date\": \"2026-12-20\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "kind");
  REFUSED (f, f->manager, "care.add_milestone",
           "{\"project_id\": \"$P\", \"kind\": \"progress\", \"title\": \"  \", \"date\": \"2026-12-20\"}",
           ANJU_COMMAND_ERROR_MISSING_FIELD, "title");
  REFUSED (f, f->lina, "care.add_milestone",
           "{\"project_id\": \"$P\", \"kind\": \"progress\", \"title\": \"样板区开放\", \"date\": \"2026-12-20\"}",
           ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  /* today is still in time: the call wanted yesterday is due now */
  {
    g_autoptr(JsonObject) today = run_ok (f, f->manager, "care.add_milestone",
        "{\"project_id\": \"$P\", \"kind\": \"progress\", \"title\": \"样板区开放\", \"date\": \"2026-11-26\"}");

    assert_due (call_of (f, json_object_get_string_member (today, "event_id"), f->chen_id, NULL),
                "2026-11-26T02:00:00Z");
  }
}

/* ---- reactive care ------------------------------------------------------------------ */

static void
test_contact_log (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  AnjuCareContact *k;

  f->clock.now = anju_test_time ("2026-11-28T06:00:00Z");
  result = run_ok (f, f->lina, "care.log_contact",
                   "{\"customer_id\": \"$CHEN\", \"kind\": \"call\", \"at\": \"2026-11-28T13:50:00+08:00\", "
                   "\"request\": \"问交房时间\", \"response\": \"告知预计2027年6月交付，届时短信通知\"}");
  g_assert_nonnull (json_object_get_string_member (result, "contact_id"));
  g_assert_true (json_object_get_null_member (result, "thanks_sms_id"));
  contacts = anju_care_list_contacts (f->store, f->project_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  k = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (k->customer_id, ==, f->chen_id);
  g_assert_cmpstr (k->customer_name, ==, "陈建国 (陈先生)");
  g_assert_cmpstr (k->kind, ==, "call");
  g_assert_cmpstr (k->at, ==, "2026-11-28T05:50:00Z");
  g_assert_cmpstr (k->request, ==, "问交房时间");
  g_assert_cmpstr (k->response, ==, "告知预计2027年6月交付，届时短信通知");
  g_assert_null (k->friend_name);
  g_assert_cmpstr (k->logged_by_name, ==, "李娜");

  /* The timeline has it, with the response. */
  {
    g_autoptr(GPtrArray) events = anju_customer_list_events (f->store, f->chen_id, &error);
    gboolean seen = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < events->len; i++)
      if (g_strcmp0 (((AnjuCustomerEvent *)g_ptr_array_index (events, i))->summary,
                     "Owner's call: 问交房时间") == 0)
        seen = TRUE;
    g_assert_true (seen);
  }

  /* Only owners: 赵强 has no unit. */
  REFUSED (f, f->lina, "care.log_contact",
           "{\"customer_id\": \"$ZHAO\", \"kind\": \"visit\", \"request\": \"看看\", \"response\": \"介绍\"}",
           ANJU_COMMAND_ERROR_CONFLICT, "customer_id");
  REFUSED (f, f->lina, "care.log_contact",
           "{\"customer_id\": \"$CHEN\", \"kind\": \"letter\", \"request\": \"看看\", \"response\": \"介绍\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "kind");
  REFUSED (f, f->lina, "care.log_contact",
           "{\"customer_id\": \"$CHEN\", \"kind\": \"visit\", \"request\": \"看看\"}",
           ANJU_COMMAND_ERROR_MISSING_FIELD, "response");
  REFUSED (f, f->lina, "care.log_contact",
           "{\"customer_id\": \"$CHEN\", \"kind\": \"visit\", \"at\": \"2026-11-29T10:00:00+08:00\", "
           "\"request\": \"看看\", \"response\": \"介绍\"}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "at");
  REFUSED (f, f->lina, "care.log_contact",
           "{\"customer_id\": \"$CHEN\", \"kind\": \"call\", \"request\": \"看看\", \"response\": \"介绍\", "
           "\"friend\": {\"new_customer\": {\"name\": \"刘洋\"}}}",
           ANJU_COMMAND_ERROR_INVALID_FIELD, "friend");
  REFUSED (f, f->lina, "care.log_contact",
           "{\"customer_id\": \"nope\", \"kind\": \"call\", \"request\": \"看看\", \"response\": \"介绍\"}",
           ANJU_COMMAND_ERROR_NOT_FOUND, "customer_id");
}

static void
test_referral (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(AnjuTask) thanks = NULL;
  g_autoptr(AnjuCustomer) friend = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *visit;
  const char *friend_id;

  /* Saturday 14:00: 陈先生 comes with a friend. */
  f->clock.now = anju_test_time ("2026-11-28T06:00:00Z");
  result = run_ok (f, f->wang, "care.log_contact",
                   "{\"customer_id\": \"$CHEN\", \"kind\": \"visit\", \"request\": \"带朋友看房\", "
                   "\"response\": \"感谢，朋友由接待登记\", \"friend\": {\"new_customer\": "
                   "{\"name\": \"刘洋\", \"title\": \"先生\", \"mobile\": \"139 1234 5678\"}, \"party_size\": 2}}");
  /* The friend went through reception: a referral visit, a new customer
   * linked to the owner, and the owner's consultant's call to thank. */
  visit = json_object_get_object_member (result, "friend");
  g_assert_nonnull (visit);
  g_assert_cmpstr (json_object_get_string_member (visit, "visit_type"), ==, "referral");
  g_assert_true (json_object_get_boolean_member (visit, "created_customer"));
  friend_id = json_object_get_string_member (visit, "customer_id");
  friend = anju_customer_load (f->store, friend_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (friend->summary.name, ==, "刘洋");
  {
    g_autoptr(JsonObject) row = anju_store_dup_row (f->store, "customers", friend_id, NULL);
    g_autoptr(JsonObject) visit_row = anju_store_dup_row (f->store, "visits",
                                                          json_object_get_string_member (visit, "visit_id"), NULL);

    g_assert_cmpstr (json_object_get_string_member (row, "referred_by"), ==, f->chen_id);
    g_assert_cmpstr (json_object_get_string_member (visit_row, "referred_by"), ==, f->chen_id);
    g_assert_cmpstr (json_object_get_string_member (visit_row, "visit_type"), ==, "referral");
    g_assert_cmpstr (json_object_get_string_member (visit_row, "arrived_at"), ==, "2026-11-28T06:00:00Z");
  }
  /* The owner is thanked by SMS, sent by his consultant 李娜 at once. */
  g_assert_nonnull (json_object_get_string_member (result, "thanks_sms_id"));
  assert_due (sms_of (f, f->chen_id, "care_referral_thanks", &text), "2026-11-28T06:00:00Z");
  g_assert_cmpstr (text, ==, "陈先生您好，感谢您带朋友来万科·安居苑参观，您的信任是对我们最大的鼓励，"
                             "我们会用心接待您的朋友！置业顾问李娜敬上。");
  thanks = sms_task_of (f, f->chen_id, "care.referral_thanks");
  g_assert_nonnull (thanks);
  g_assert_cmpstr (thanks->assignee_id, ==, f->lina->id);
  g_assert_cmpstr (thanks->due_at, ==, "2026-11-28T06:00:00Z");
  contacts = anju_care_list_contacts (f->store, NULL, f->chen_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (((AnjuCareContact *)g_ptr_array_index (contacts, 0))->friend_name, ==, "刘洋 (刘先生)");

  /* A friend already on file is not a referral: refused whole, the
   * field named under "friend". */
  REFUSED (f, f->wang, "care.log_contact",
           "{\"customer_id\": \"$ZHOU\", \"kind\": \"visit\", \"request\": \"带朋友看房\", "
           "\"response\": \"感谢\", \"friend\": {\"new_customer\": {\"name\": \"赵强\"}, \"mobile\": \"13911112222\"}}",
           ANJU_COMMAND_ERROR_DUPLICATE, "friend.mobile");
  REFUSED (f, f->wang, "care.log_contact",
           "{\"customer_id\": \"$ZHOU\", \"kind\": \"visit\", \"request\": \"带朋友看房\", "
           "\"response\": \"感谢\", \"friend\": {\"party_size\": 2}}",
           ANJU_COMMAND_ERROR_MISSING_FIELD, "friend.new_customer.name");
}

/* ---- the handover's progress ------------------------------------------------------- */

static void
test_handover_progress (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) first = NULL, second = NULL, done = NULL;
  g_autoptr(GPtrArray) contacts = NULL, later = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *json2 = NULL;
  AnjuHandoverContact *c;

  /* Thursday 10:00: 李娜 leaves; her three customers go to 王芳. */
  json = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"%s\", \"reason\": \"离职\"}",
                          f->lina->id, f->wang->id);
  first = run_ok (f, f->manager, "customer.handover", json);
  g_assert_cmpint (json_object_get_int_member (first, "customers"), ==, 3);
  contacts = anju_handover_list_contacts (f->store, json_object_get_string_member (first, "handover_id"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 3);
  for (guint i = 0; i < contacts->len; i++)
    {
      c = g_ptr_array_index (contacts, i);
      g_assert_cmpint (c->state, ==, ANJU_HANDOVER_CONTACT_PENDING);
      /* three days to call */
      g_assert_cmpstr (c->due_at, ==, "2026-11-29T02:00:00Z");
      g_assert_cmpstr (c->assignee_name, ==, "王芳");
    }

  /* Friday: 王芳 calls 陈先生. */
  f->clock.now = anju_test_time ("2026-11-27T03:00:00Z");
  for (guint i = 0; i < contacts->len; i++)
    {
      c = g_ptr_array_index (contacts, i);
      if (g_str_equal (c->customer_id, f->chen_id))
        {
          g_autofree char *complete = g_strdup_printf ("{\"task_id\": \"%s\", \"outcome\": \"已电话告知\"}", c->task_id);

          done = run_ok (f, f->wang, "task.complete", complete);
        }
    }
  /* Saturday: 王芳 hands her own customer to 李娜, back in another post. */
  f->clock.now = anju_test_time ("2026-11-28T02:00:00Z");
  json2 = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"%s\", \"reason\": \"调岗\"}",
                           f->wang->id, f->lina->id);
  /* (王芳 now holds four: all four go) */
  second = run_ok (f, f->manager, "customer.handover", json2);

  /* Sunday 10:01: the first handover's deadline has passed. */
  f->clock.now = anju_test_time ("2026-11-29T02:01:00Z");
  later = anju_handover_list_contacts (f->store, json_object_get_string_member (first, "handover_id"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->len, ==, 3);
  /* overdue first, then pending, then contacted */
  for (guint i = 0; i < later->len; i++)
    {
      c = g_ptr_array_index (later, i);
      if (g_str_equal (c->customer_id, f->chen_id))
        {
          g_assert_cmpint (c->state, ==, ANJU_HANDOVER_CONTACT_DONE);
          g_assert_cmpuint (i, ==, 2);
          g_assert_cmpstr (c->done_at, ==, "2026-11-27T03:00:00Z");
          g_assert_cmpstr (c->outcome, ==, "已电话告知");
          g_assert_cmpstr (anju_handover_contact_state_to_string (c->state), ==, "contacted");
        }
      else
        {
          g_assert_cmpint (c->state, ==, ANJU_HANDOVER_CONTACT_OVERDUE);
          g_assert_cmpstr (anju_handover_contact_state_to_string (c->state), ==, "overdue");
        }
    }
  g_clear_pointer (&later, g_ptr_array_unref);
  later = anju_handover_list_contacts (f->store, json_object_get_string_member (second, "handover_id"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->len, ==, 4);
  for (guint i = 0; i < later->len; i++)
    {
      c = g_ptr_array_index (later, i);
      g_assert_cmpint (c->state, ==, ANJU_HANDOVER_CONTACT_PENDING);
      g_assert_cmpstr (c->due_at, ==, "2026-12-01T02:00:00Z");
      g_assert_cmpint (c->due_usec, ==, anju_test_time ("2026-12-01T02:00:00Z"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  anju_commands_init ();

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/care/holiday-dates", test_holiday_dates);
  ADD ("/care/plan-year", test_plan_year);
  ADD ("/care/plan-twice", test_plan_twice);
  ADD ("/care/withdrawn-not-owner", test_withdrawn_not_owner);
  ADD ("/care/plan-office-hours", test_plan_office_hours);
  ADD ("/care/plan-late", test_plan_late);
  ADD ("/care/plan-refused", test_plan_refused);
  ADD ("/care/milestone", test_milestone);
  ADD ("/care/milestone-refused", test_milestone_refused);
  ADD ("/care/contact-log", test_contact_log);
  ADD ("/care/referral", test_referral);
  ADD ("/care/handover-progress", test_handover_progress);
  return g_test_run ();
}
