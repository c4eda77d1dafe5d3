/* test-sms.c — templates as data, rendering, project overrides, the outbox */
#include "anju-format.h"
#include "anju-sms.h"
#include "anju-test-util.h"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *lina;
  AnjuUser      *manager;
  char          *project_id;
  char          *customer_id;
} Fixture;

#define run(f, actor, type, json, error) anju_test_run ((f)->store, (actor), (type), (json), (error))
#define assert_refused(f, actor, type, json, code, field, in_message) \
  anju_test_assert_refused_saying ((f)->store, (actor), (type), (json), (code), (field), (in_message))

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) project = NULL;
  g_autoptr(JsonObject) customer = NULL;

  f->clock.now = anju_test_time ("2026-11-26T03:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  project = run (f, anju_user_get_system (), "project.create",
                 "{\"name\": \"万科·安居苑\", \"hotline\": \"0571-8888 6666\"}", NULL);
  f->project_id = g_strdup (json_object_get_string_member (project, "project_id"));
  customer = run (f, f->lina, "customer.create",
                  "{\"name\": \"王芳\", \"title\": \"女士\", \"mobile\": \"13812345678\"}", NULL);
  f->customer_id = g_strdup (json_object_get_string_member (customer, "customer_id"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->lina);
  anju_user_free (f->manager);
  g_free (f->project_id);
  g_free (f->customer_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
test_render_every_field (void)
{
  g_autoptr(JsonObject) values = anju_test_json_object (
      "{\"title\": \"女士\", \"customer_name\": \"王芳\", \"consultant\": \"李娜\", \"project\": \"万科·安居苑\", "
      "\"hotline\": \"0571-8888 6666\", \"date\": \"2026-11-27\", \"time\": \"15:00\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = anju_sms_render (
      "{customer_name}{title}您好，{consultant}在{project}恭候您{date} {time}光临，热线{hotline}。{{备注}}",
      values, &error);
  g_autofree char *empty = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "王芳女士您好，李娜在万科·安居苑恭候您2026-11-27 15:00光临，热线0571-8888 6666。{备注}");
  g_assert_cmpuint (g_strv_length ((char **)anju_sms_get_field_names ()), ==, 11);
  /* a field without a value renders empty */
  empty = anju_sms_render ("{title}您好", NULL, &error);
  g_assert_cmpstr (empty, ==, "您好");
}

static void
test_render_unknown_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = anju_sms_render ("{customer_name}您好，我是{nickname}", NULL, &error);

  g_assert_null (text);
  g_assert_error (error, ANJU_SMS_ERROR, ANJU_SMS_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "{nickname}"));
  g_clear_error (&error);
  g_assert_null (anju_sms_render ("您好{project", NULL, &error));
  g_assert_error (error, ANJU_SMS_ERROR, ANJU_SMS_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_null (anju_sms_render ("您好}", NULL, &error));
  g_assert_error (error, ANJU_SMS_ERROR, ANJU_SMS_ERROR_SYNTAX);
}

static void
test_templates_and_override (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) templates = anju_sms_list_templates (f->store, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) queued = NULL;
  g_autofree char *json = NULL, *bad = NULL, *reset = NULL, *text = NULL;
  AnjuSmsTemplate *t;

  g_assert_cmpuint (templates->len, ==, 17);
  t = templates->pdata[0];
  g_assert_cmpstr (t->id, ==, "call_thanks");
  g_assert_false (t->overridden);
  g_assert_nonnull (strstr (t->text, "{hotline}"));

  /* an unknown field is refused by name; a consultant may not edit */
  bad = g_strdup_printf ("{\"project_id\": \"%s\", \"template_id\": \"call_thanks\", "
                         "\"text\": \"{customer_name}您好，{greeting}\"}", f->project_id);
  assert_refused (f, f->manager, "sms.set_template", bad, ANJU_COMMAND_ERROR_INVALID_FIELD, "text", "{greeting}");
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"template_id\": \"call_thanks\", "
                          "\"text\": \"{customer_name}{title}您好，感谢致电{project}，我是{consultant}。\"}", f->project_id);
  assert_refused (f, f->lina, "sms.set_template", json, ANJU_COMMAND_ERROR_FORBIDDEN, NULL, NULL);
  g_clear_pointer (&bad, g_free);
  bad = g_strdup_printf ("{\"project_id\": \"%s\", \"template_id\": \"birthday\", \"text\": \"生日快乐\"}",
                         f->project_id);
  assert_refused (f, f->manager, "sms.set_template", bad, ANJU_COMMAND_ERROR_NOT_FOUND, "template_id", NULL);

  result = run (f, f->manager, "sms.set_template", json, &error);
  g_assert_no_error (error);
  text = anju_sms_dup_template (f->store, f->project_id, "call_thanks", NULL);
  g_assert_cmpstr (text, ==, "{customer_name}{title}您好，感谢致电{project}，我是{consultant}。");

  /* queued by hand from the project's text, signed by the consultant */
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"customer_id\": \"%s\", \"template_id\": \"call_thanks\"}", f->customer_id);
  queued = run (f, f->lina, "sms.queue", json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (queued, "text"), ==, "王芳女士您好，感谢致电万科·安居苑，我是李娜。");

  /* null returns to the standard wording */
  reset = g_strdup_printf ("{\"project_id\": \"%s\", \"template_id\": \"call_thanks\", \"text\": null}",
                           f->project_id);
  g_clear_pointer (&result, json_object_unref);
  result = run (f, f->manager, "sms.set_template", reset, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = anju_sms_dup_template (f->store, f->project_id, "call_thanks", NULL);
  g_assert_true (g_str_has_prefix (text, "{addressee}您好，我是{project}销售代表{consultant}"));
}

static void
test_outbox (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) queued = NULL;
  g_autoptr(JsonObject) reminder = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  g_autoptr(JsonObject) nobody = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(AnjuSms) loaded = NULL;
  g_autofree char *json = NULL, *mark = NULL, *cancel = NULL, *no_mobile = NULL, *both = NULL;
  const char *id;

  json = g_strdup_printf ("{\"customer_id\": \"%s\", \"text\": \"{customer_name}{title}您好，周六样板间开放。\"}",
                          f->customer_id);
  queued = run (f, f->lina, "sms.queue", json, &error);
  g_assert_no_error (error);
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"customer_id\": \"%s\", \"template_id\": \"appointment_reminder\", "
                          "\"at\": \"2026-11-28T14:30:00+08:00\"}", f->customer_id);
  reminder = run (f, f->lina, "sms.queue", json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json_object_get_string_member (reminder, "text"), "2026-11-28 14:30"));
  g_assert_nonnull (strstr (json_object_get_string_member (reminder, "text"), "0571-8888 6666"));

  waiting = anju_sms_list (f->store, "queued", NULL, NULL);
  g_assert_cmpuint (waiting->len, ==, 2);
  g_assert_cmpstr (((AnjuSms *)waiting->pdata[0])->to_mobile_masked, ==, "138****5678");

  id = json_object_get_string_member (queued, "sms_id");
  mark = g_strdup_printf ("{\"sms_id\": \"%s\"}", id);
  sent = run (f, f->lina, "sms.mark_sent", mark, &error);
  g_assert_no_error (error);
  loaded = anju_sms_load (f->store, id, NULL);
  g_assert_cmpstr (loaded->state, ==, "sent");
  g_assert_cmpstr (loaded->sent_by_name, ==, "李娜");
  g_assert_cmpstr (loaded->sent_at, ==, "2026-11-26T03:00:00Z");
  assert_refused (f, f->lina, "sms.mark_sent", mark, ANJU_COMMAND_ERROR_CONFLICT, "sms_id", "李娜");
  cancel = g_strdup_printf ("{\"sms_id\": \"%s\", \"reason\": \"客户已到访\"}",
                            json_object_get_string_member (reminder, "sms_id"));
  cancelled = run (f, f->lina, "sms.cancel", cancel, &error);
  g_assert_no_error (error);
  assert_refused (f, f->lina, "sms.mark_sent",
                  "{\"sms_id\": \"00000000-0000-4000-8000-000000000000\"}", ANJU_COMMAND_ERROR_NOT_FOUND, "sms_id", NULL);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM customer_events WHERE kind = 'sms'"), ==, 1);

  /* no number, or both a template and a text */
  nobody = run (f, f->lina, "customer.create", "{\"name\": \"无号码\"}", &error);
  g_assert_no_error (error);
  no_mobile = g_strdup_printf ("{\"customer_id\": \"%s\", \"template_id\": \"call_thanks\"}",
                               json_object_get_string_member (nobody, "customer_id"));
  assert_refused (f, f->lina, "sms.queue", no_mobile, ANJU_COMMAND_ERROR_CONFLICT, "customer_id", NULL);
  both = g_strdup_printf ("{\"customer_id\": \"%s\", \"template_id\": \"call_thanks\", \"text\": \"hi\"}",
                          f->customer_id);
  assert_refused (f, f->lina, "sms.queue", both, ANJU_COMMAND_ERROR_INVALID_FIELD, "template_id", NULL);
  g_clear_pointer (&both, g_free);
  both = g_strdup_printf ("{\"customer_id\": \"%s\", \"text\": \"{unknown}\"}", f->customer_id);
  assert_refused (f, f->lina, "sms.queue", both, ANJU_COMMAND_ERROR_INVALID_FIELD, "text", "{unknown}");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  anju_format_set_time_zone ("Asia/Shanghai");
  g_test_add_func ("/sms/render-every-field", test_render_every_field);
  g_test_add_func ("/sms/render-unknown-field", test_render_unknown_field);
  g_test_add ("/sms/templates-and-override", Fixture, NULL, fixture_set_up, test_templates_and_override,
              fixture_tear_down);
  g_test_add ("/sms/outbox", Fixture, NULL, fixture_set_up, test_outbox, fixture_tear_down);
  return g_test_run ();
}
