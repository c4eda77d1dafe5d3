/* test-tasks.c — tasks: create, complete, reassign, due and overdue days */
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-tasks.h"
#include "anju-test-util.h"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *lina;
  AnjuUser      *wang;
  AnjuUser      *manager;
  char          *customer_id;
} Fixture;

#define run(f, actor, type, json, error) anju_test_run ((f)->store, (actor), (type), (json), (error))
#define create_task(f, actor, json) \
  anju_test_run_id ((f)->store, (actor), "task.create", (json), "task_id")
#define assert_refused(f, actor, type, json, code, field) \
  ANJU_TEST_REFUSED ((f)->store, (actor), (type), (json), (code), (field))

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;

  /* Thursday 2026-11-26, 11:00 in the office (UTC+8) */
  f->clock.now = anju_test_time ("2026-11-26T03:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->wang = anju_test_add_user (f->store, "wanglei", "王磊", ANJU_ROLE_CONSULTANT);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  result = run (f, f->lina, "customer.create", "{\"name\": \"王芳\", \"title\": \"女士\"}", NULL);
  f->customer_id = g_strdup (json_object_get_string_member (result, "customer_id"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->lina);
  anju_user_free (f->wang);
  anju_user_free (f->manager);
  g_free (f->customer_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
test_due_and_overdue (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autofree char *overdue = NULL, *later = NULL, *tomorrow = NULL;
  g_autoptr(GPtrArray) today = NULL;
  g_autoptr(GPtrArray) friday = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(AnjuTask) loaded = NULL;
  AnjuTaskCounts counts;

  json = g_strdup_printf ("{\"customer_id\": \"%s\", \"kind\": \"call\", \"title\": \"回访王女士\", "
                          "\"due_at\": \"2026-11-26T09:30:00+08:00\"}", f->customer_id);
  overdue = create_task (f, f->lina, json);
  later = create_task (f, f->lina, "{\"kind\": \"other\", \"title\": \"准备资料\", \"due_at\": \"2026-11-26T16:00:00+08:00\"}");
  tomorrow = create_task (f, f->lina, "{\"kind\": \"call\", \"title\": \"明天的电话\", \"due_at\": \"2026-11-27T10:00:00+08:00\"}");
  g_free (create_task (f, f->wang, "{\"kind\": \"call\", \"title\": \"王磊的任务\", \"due_at\": \"2026-11-26T10:00:00+08:00\"}"));

  today = anju_tasks_list_for_day (f->store, f->lina->id, "2026-11-26", FALSE, NULL);
  g_assert_cmpuint (today->len, ==, 2);
  g_assert_cmpstr (((AnjuTask *)today->pdata[0])->id, ==, overdue);
  g_assert_true (((AnjuTask *)today->pdata[0])->overdue);          /* 09:30 < 11:00 */
  g_assert_cmpstr (((AnjuTask *)today->pdata[0])->customer_name, ==, "王芳");
  g_assert_cmpstr (((AnjuTask *)today->pdata[1])->id, ==, later);
  g_assert_false (((AnjuTask *)today->pdata[1])->overdue);

  /* the next day still shows the overdue one */
  friday = anju_tasks_list_for_day (f->store, f->lina->id, "2026-11-27", FALSE, NULL);
  g_assert_cmpuint (friday->len, ==, 3);
  g_assert_cmpstr (((AnjuTask *)friday->pdata[2])->id, ==, tomorrow);
  everyone = anju_tasks_list_for_day (f->store, NULL, "2026-11-26", FALSE, NULL);
  g_assert_cmpuint (everyone->len, ==, 3);

  g_assert_true (anju_tasks_count_for_day (f->store, f->lina->id, "2026-11-26", &counts, NULL));
  g_assert_cmpuint (counts.due, ==, 2);
  g_assert_cmpuint (counts.overdue, ==, 1);
  g_assert_cmpuint (counts.done, ==, 0);

  /* the clock moves past 16:00: both are overdue */
  f->clock.now = anju_test_time ("2026-11-26T08:30:00Z");
  g_assert_true (anju_tasks_count_for_day (f->store, f->lina->id, NULL, &counts, NULL));
  g_assert_cmpuint (counts.overdue, ==, 2);

  loaded = anju_task_load (f->store, overdue, NULL);
  g_assert_cmpstr (loaded->due_at, ==, "2026-11-26T01:30:00Z");
  g_assert_cmpstr (loaded->assignee_name, ==, "李娜");
  g_assert_cmpstr (anju_task_kind_get_label ("call_back_answer"), !=, "call_back_answer");
}

static void
test_complete (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *json = g_strdup_printf ("{\"customer_id\": \"%s\", \"kind\": \"call\", \"title\": \"回访王女士\", "
                                           "\"due_at\": \"2026-11-26T09:30:00+08:00\"}", f->customer_id);
  g_autofree char *id = create_task (f, f->lina, json);
  g_autofree char *payload = g_strdup_printf ("{\"task_id\": \"%s\", \"outcome\": \"已接通，周六来访\"}", id);
  g_autofree char *no_outcome = g_strdup_printf ("{\"task_id\": \"%s\", \"outcome\": \"  \"}", id);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(AnjuTask) task = NULL;
  g_autoptr(GPtrArray) done = NULL;
  AnjuTaskCounts counts;

  /* someone else's task; no outcome */
  assert_refused (f, f->wang, "task.complete", payload, ANJU_COMMAND_ERROR_FORBIDDEN, "task_id");
  assert_refused (f, f->lina, "task.complete", no_outcome, ANJU_COMMAND_ERROR_MISSING_FIELD, "outcome");
  assert_refused (f, f->lina, "task.complete",
                  "{\"task_id\": \"00000000-0000-4000-8000-000000000000\", \"outcome\": \"x\"}",
                  ANJU_COMMAND_ERROR_NOT_FOUND, "task_id");

  result = run (f, f->lina, "task.complete", payload, &error);
  g_assert_no_error (error);
  task = anju_task_load (f->store, id, NULL);
  g_assert_cmpstr (task->state, ==, "done");
  g_assert_cmpstr (task->outcome, ==, "已接通，周六来访");
  g_assert_false (task->overdue);
  g_assert_cmpstr (task->done_at, ==, "2026-11-26T03:00:00Z");
  assert_refused (f, f->lina, "task.complete", payload, ANJU_COMMAND_ERROR_CONFLICT, "task_id");

  done = anju_tasks_list_for_day (f->store, f->lina->id, "2026-11-26", TRUE, NULL);
  g_assert_cmpuint (done->len, ==, 1);
  g_assert_true (anju_tasks_count_for_day (f->store, f->lina->id, "2026-11-26", &counts, NULL));
  g_assert_cmpuint (counts.done, ==, 1);
  g_assert_cmpuint (counts.due, ==, 0);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM customer_events WHERE kind = 'task'"), ==, 2);
}

static void
test_reassign_manager_only (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = create_task (f, f->lina, "{\"kind\": \"call\", \"title\": \"回访\", "
                                                 "\"due_at\": \"2026-11-26T15:00:00+08:00\"}");
  g_autofree char *to_wang = g_strdup_printf ("{\"task_id\": \"%s\", \"assignee_id\": \"%s\"}", id, f->wang->id);
  g_autofree char *to_manager = g_strdup_printf ("{\"task_id\": \"%s\", \"assignee_id\": \"%s\"}", id, f->manager->id);
  g_autofree char *for_wang = g_strdup_printf ("{\"assignee_id\": \"%s\", \"kind\": \"call\", \"title\": \"x\", "
                                               "\"due_at\": \"2026-11-26T15:00:00+08:00\"}", f->wang->id);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(AnjuTask) task = NULL;

  /* a consultant may neither reassign nor create for a colleague */
  assert_refused (f, f->lina, "task.reassign", to_wang, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  assert_refused (f, f->wang, "task.reassign", to_wang, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  assert_refused (f, f->lina, "task.create", for_wang, ANJU_COMMAND_ERROR_FORBIDDEN, "assignee_id");

  result = run (f, f->manager, "task.reassign", to_wang, &error);
  g_assert_no_error (error);
  task = anju_task_load (f->store, id, NULL);
  g_assert_cmpstr (task->assignee_id, ==, f->wang->id);
  assert_refused (f, f->manager, "task.reassign", to_wang, ANJU_COMMAND_ERROR_CONFLICT, "assignee_id");
  g_clear_pointer (&result, json_object_unref);
  result = run (f, f->manager, "task.reassign", to_manager, &error);
  g_assert_no_error (error);

  /* a manager may create for anyone */
  g_clear_pointer (&result, json_object_unref);
  result = run (f, f->manager, "task.create", for_wang, &error);
  g_assert_no_error (error);
}

static void
test_create_refusals (Fixture       *f,
                      gconstpointer  data)
{
  assert_refused (f, f->lina, "task.create",
                  "{\"kind\": \"dance\", \"title\": \"x\", \"due_at\": \"2026-11-26T15:00:00+08:00\"}",
                  ANJU_COMMAND_ERROR_INVALID_FIELD, "kind");
  assert_refused (f, f->lina, "task.create",
                  "{\"kind\": \"call\", \"title\": \"x\", \"due_at\": \"tomorrow\"}",
                  ANJU_COMMAND_ERROR_INVALID_FIELD, "due_at");
  assert_refused (f, f->lina, "task.create",
                  "{\"kind\": \"call\", \"title\": \"x\"}",
                  ANJU_COMMAND_ERROR_MISSING_FIELD, "due_at");
  assert_refused (f, f->lina, "task.create",
                  "{\"kind\": \"call\", \"title\": \" \", \"due_at\": \"2026-11-26T15:00:00+08:00\"}",
                  ANJU_COMMAND_ERROR_MISSING_FIELD, "title");
  assert_refused (f, f->lina, "task.create",
                  "{\"customer_id\": \"nobody\", \"kind\": \"call\", \"title\": \"x\", "
                  "\"due_at\": \"2026-11-26T15:00:00+08:00\"}",
                  ANJU_COMMAND_ERROR_NOT_FOUND, "customer_id");
  assert_refused (f, f->lina, "task.create",
                  "{\"task_id\": \"not-a-uuid\", \"kind\": \"call\", \"title\": \"x\", "
                  "\"due_at\": \"2026-11-26T15:00:00+08:00\"}",
                  ANJU_COMMAND_ERROR_INVALID_FIELD, "task_id");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  anju_format_set_time_zone ("Asia/Shanghai");
  g_test_add ("/tasks/due-and-overdue", Fixture, NULL, fixture_set_up, test_due_and_overdue, fixture_tear_down);
  g_test_add ("/tasks/complete", Fixture, NULL, fixture_set_up, test_complete, fixture_tear_down);
  g_test_add ("/tasks/reassign-manager-only", Fixture, NULL, fixture_set_up, test_reassign_manager_only,
              fixture_tear_down);
  g_test_add ("/tasks/create-refusals", Fixture, NULL, fixture_set_up, test_create_refusals, fixture_tear_down);
  return g_test_run ();
}
