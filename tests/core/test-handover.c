/* test-handover.c — a consultant's customers handed to another (交接) */
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-handover.h"
#include "anju-tasks.h"
#include "anju-test-util.h"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *lina;
  AnjuUser      *wang;
  AnjuUser      *chen;
  AnjuUser      *manager;
  char          *customer_ids[3];
} Fixture;

#define run(f, actor, type, json, error) anju_test_run ((f)->store, (actor), (type), (json), (error))
#define assert_refused(f, actor, json, code, field) \
  ANJU_TEST_REFUSED ((f)->store, (actor), "customer.handover", (json), (code), (field))

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char * const names[] = { "王芳", "赵强", "刘洋" };

  /* Thursday 2026-11-26, 11:00 in the office (UTC+8) */
  f->clock.now = anju_test_time ("2026-11-26T03:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->wang = anju_test_add_user (f->store, "wanglei", "王磊", ANJU_ROLE_CONSULTANT);
  f->chen = anju_test_add_user (f->store, "chen", "陈静", ANJU_ROLE_CONSULTANT);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      /* 王芳 has a title: the task names her as people address her. */
      g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\"%s}", names[i],
                                               i == 0 ? ", \"title\": \"女士\"" : "");
      g_autoptr(GError) error = NULL;
      /* The first two are Li Na's, the third Chen Jing's. */
      g_autoptr(JsonObject) result = run (f, i < 2 ? f->lina : f->chen, "customer.create", json, &error);

      g_assert_no_error (error);
      f->customer_ids[i] = g_strdup (json_object_get_string_member (result, "customer_id"));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->lina);
  anju_user_free (f->wang);
  anju_user_free (f->chen);
  anju_user_free (f->manager);
  for (guint i = 0; i < G_N_ELEMENTS (f->customer_ids); i++)
    g_free (f->customer_ids[i]);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
hand_over (Fixture    *f,
           const char *from_id,
           const char *to_id)
{
  g_autofree char *json = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"%s\", "
                                           "\"reason\": \"离职\"}", from_id, to_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = run (f, f->manager, "customer.handover", json, &error);

  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (result, "customers"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "task_ids")), ==, 2);
  return g_strdup (json_object_get_string_member (result, "handover_id"));
}

static void
assert_progress (Fixture    *f,
                 const char *id,
                 guint       contacted,
                 guint       pending,
                 guint       overdue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuHandover) h = anju_handover_load (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (h->customers, ==, 2);
  g_assert_cmpuint (h->contacted, ==, contacted);
  g_assert_cmpuint (h->pending, ==, pending);
  g_assert_cmpuint (h->overdue, ==, overdue);
}

static void
test_tasks_due_in_three_days (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *id = hand_over (f, f->lina->id, f->wang->id);
  g_autoptr(GPtrArray) tasks = anju_tasks_list_for_source (f->store, "handover", id, NULL);
  g_autoptr(GPtrArray) handovers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autofree char *json = NULL;

  /* Both of Li Na's customers are Wang Lei's now; Chen Jing's is not touched. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AnjuCustomer) c = anju_customer_load (f->store, f->customer_ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (c->summary.owner_id, ==, i < 2 ? f->wang->id : f->chen->id);
    }
  g_assert_cmpuint (tasks->len, ==, 2);
  for (guint i = 0; i < tasks->len; i++)
    {
      AnjuTask *t = g_ptr_array_index (tasks, i);

      g_assert_cmpstr (t->kind, ==, "contact_after_handover");
      g_assert_cmpstr (t->assignee_id, ==, f->wang->id);
      g_assert_cmpstr (t->due_at, ==, "2026-11-29T03:00:00Z");
      if (g_str_equal (t->customer_id, f->customer_ids[0]))
        g_assert_cmpstr (t->title, ==, "Introduce yourself to 王芳 (王女士), taken over from 李娜");
      else
        g_assert_cmpstr (t->title, ==, "Introduce yourself to 赵强, taken over from 李娜");
    }
  assert_progress (f, id, 0, 2, 0);

  /* One is called on day two; exactly at the due time nothing is late yet. */
  f->clock.now = anju_test_time ("2026-11-28T02:00:00Z");
  json = g_strdup_printf ("{\"task_id\": \"%s\", \"outcome\": \"已联系\"}",
                          ((AnjuTask *) g_ptr_array_index (tasks, 0))->id);
  done = run (f, f->wang, "task.complete", json, &error);
  g_assert_no_error (error);
  f->clock.now = anju_test_time ("2026-11-29T03:00:00Z");
  assert_progress (f, id, 1, 1, 0);
  f->clock.now = anju_test_time ("2026-11-29T03:00:01Z");
  assert_progress (f, id, 1, 0, 1);

  handovers = anju_handovers_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (handovers->len, ==, 1);
  g_assert_cmpstr (((AnjuHandover *) g_ptr_array_index (handovers, 0))->to_name, ==, "王磊");
  g_assert_cmpstr (((AnjuHandover *) g_ptr_array_index (handovers, 0))->from_name, ==, "李娜");
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *same = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"%s\", \"reason\": \"调岗\"}",
                                           f->lina->id, f->lina->id);
  g_autofree char *unknown = g_strdup_printf ("{\"from_user_id\": \"nobody\", \"to_user_id\": \"%s\", \"reason\": \"调岗\"}",
                                              f->wang->id);
  g_autofree char *unknown_to = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"nobody\", \"reason\": \"调岗\"}",
                                                 f->lina->id);
  g_autofree char *to_manager = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"%s\", \"reason\": \"调岗\"}",
                                                 f->lina->id, f->manager->id);
  g_autofree char *no_reason = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"%s\"}",
                                                f->lina->id, f->wang->id);
  g_autofree char *nobody_left = g_strdup_printf ("{\"from_user_id\": \"%s\", \"to_user_id\": \"%s\", \"reason\": \"调岗\"}",
                                                  f->wang->id, f->lina->id);

  assert_refused (f, f->lina, nobody_left, ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  assert_refused (f, f->manager, same, ANJU_COMMAND_ERROR_INVALID_FIELD, "to_user_id");
  assert_refused (f, f->manager, unknown, ANJU_COMMAND_ERROR_NOT_FOUND, "from_user_id");
  assert_refused (f, f->manager, unknown_to, ANJU_COMMAND_ERROR_NOT_FOUND, "to_user_id");
  assert_refused (f, f->manager, to_manager, ANJU_COMMAND_ERROR_INVALID_FIELD, "to_user_id");
  assert_refused (f, f->manager, no_reason, ANJU_COMMAND_ERROR_MISSING_FIELD, "reason");
  /* Wang Lei has no customers yet. */
  assert_refused (f, f->manager, nobody_left, ANJU_COMMAND_ERROR_CONFLICT, "from_user_id");
}

/* The form's lists: who owns customers, and whom the handler accepts. */
static void
test_people (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) givers = anju_handover_list_givers (f->store, &error);
  g_autoptr(GPtrArray) takers = NULL;
  AnjuHandoverPerson *p;

  g_assert_no_error (error);
  g_assert_cmpuint (givers->len, ==, 2);
  p = g_ptr_array_index (givers, 0);
  g_assert_cmpstr (p->name, ==, "李娜");
  g_assert_cmpuint (p->customers, ==, 2);
  p = g_ptr_array_index (givers, 1);
  g_assert_cmpstr (p->name, ==, "陈静");
  g_assert_cmpuint (p->customers, ==, 1);
  takers = anju_handover_list_takers (f->store, &error);
  g_assert_no_error (error);
  /* the consultants, not the manager (the handler refuses him) */
  g_assert_cmpuint (takers->len, ==, 3);
  for (guint i = 0; i < takers->len; i++)
    g_assert_cmpstr (((AnjuHandoverPerson *)g_ptr_array_index (takers, i))->user_id, !=, f->manager->id);
  g_assert_true (anju_handover_may_receive (f->wang));
  g_assert_false (anju_handover_may_receive (f->manager));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  anju_format_set_time_zone ("Asia/Shanghai");
  g_test_add ("/handover/tasks-due-in-three-days", Fixture, NULL,
              fixture_set_up, test_tasks_due_in_three_days, fixture_tear_down);
  g_test_add ("/handover/refused", Fixture, NULL,
              fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/handover/people", Fixture, NULL, fixture_set_up, test_people, fixture_tear_down);
  return g_test_run ();
}
