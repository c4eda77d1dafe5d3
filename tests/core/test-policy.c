/* test-policy.c — defaults from data files, project overrides by command */
#include <string.h>

#include "anju-follow-up.h"
#include "anju-policy.h"
#include "anju-projects.h"
#include "anju-test-util.h"

static void
test_defaults_and_overrides (void)
{
  AnjuTestClock clock = { anju_test_time ("2026-11-26T02:00:00Z") };
  g_autofree char *dir = NULL;
  g_autoptr(AnjuStore) store = anju_test_store_new (&clock, &dir);
  g_autoptr(AnjuUser) manager = anju_test_add_user (store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  g_autoptr(AnjuUser) consultant = anju_test_add_user (store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  g_autoptr(JsonObject) project = anju_test_json_object ("{\"name\": \"安居苑\", \"segmentation_model\": \"vanke\"}");
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tz = NULL, *before = NULL, *after = NULL, *json = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *project_id = NULL;

  g_assert_nonnull (anju_policy_get_defaults (&error));
  g_assert_no_error (error);
  answer = anju_command_run (store, anju_user_get_system (), "project.create", project, &error);
  g_assert_no_error (error);
  project_id = g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "result"), "project_id"));

  tz = anju_policy_dup_string (store, project_id, "office.time_zone", NULL);
  g_assert_cmpstr (tz, ==, "Asia/Shanghai");
  g_assert_cmpint (anju_policy_get_int (store, project_id, "no.such.key", 42), ==, 42);

  /* a consultant may not change policy; a wrong type or an unknown key is
   * refused naming the setting; nothing changes */
  before = anju_test_dump_database (store);
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"policy\": {\"office\": {\"time_zone\": \"Asia/Urumqi\"}}}", project_id);
  payload = anju_test_json_object (json);
  g_assert_null (anju_command_run (store, consultant, "project.set_policy", payload, &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_clear_pointer (&payload, json_object_unref);
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"policy\": {\"office\": {\"time_zone\": 8}}}", project_id);
  payload = anju_test_json_object (json);
  g_assert_null (anju_command_run (store, manager, "project.set_policy", payload, &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_INVALID_FIELD);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "policy.office.time_zone");
  g_clear_error (&error);
  g_clear_pointer (&payload, json_object_unref);
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"policy\": {\"office\": {\"colour\": \"red\"}}}", project_id);
  payload = anju_test_json_object (json);
  g_assert_null (anju_command_run (store, manager, "project.set_policy", payload, &error));
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "policy.office.colour");
  g_clear_error (&error);
  after = anju_test_dump_database (store);
  g_assert_cmpstr (before, ==, after);

  /* the manager overrides; null returns to the default */
  g_clear_pointer (&payload, json_object_unref);
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"policy\": {\"office\": {\"time_zone\": \"Asia/Urumqi\"}}}", project_id);
  payload = anju_test_json_object (json);
  g_clear_pointer (&answer, json_object_unref);
  answer = anju_command_run (store, manager, "project.set_policy", payload, &error);
  g_assert_no_error (error);
  g_clear_pointer (&tz, g_free);
  tz = anju_policy_dup_string (store, project_id, "office.time_zone", NULL);
  g_assert_cmpstr (tz, ==, "Asia/Urumqi");
  g_clear_pointer (&payload, json_object_unref);
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"policy\": {\"office\": {\"time_zone\": null}}}", project_id);
  payload = anju_test_json_object (json);
  g_clear_pointer (&answer, json_object_unref);
  answer = anju_command_run (store, manager, "project.set_policy", payload, &error);
  g_assert_no_error (error);
  g_clear_pointer (&tz, g_free);
  tz = anju_policy_dup_string (store, project_id, "office.time_zone", NULL);
  g_assert_cmpstr (tz, ==, "Asia/Shanghai");

  g_clear_object (&store);
  anju_test_remove_dir (dir);
}

/* anju_policy_next_opening(): the defaults open 09:00–21:00 every day. */
static void
test_next_opening (void)
{
  g_autoptr(GError) error = NULL;
  JsonObject *defaults = anju_policy_get_defaults (&error);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) night = g_date_time_new (zone, 2026, 11, 26, 1, 38, 0);
  g_autoptr(GDateTime) noon = g_date_time_new (zone, 2026, 11, 26, 12, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new (zone, 2026, 11, 26, 21, 1, 0);
  g_autoptr(GDateTime) a = NULL;
  g_autoptr(GDateTime) b = NULL;
  g_autoptr(GDateTime) c = NULL;
  g_autofree char *at = NULL, *bt = NULL, *ct = NULL;

  g_assert_no_error (error);
  a = anju_policy_next_opening (defaults, night);
  b = anju_policy_next_opening (defaults, noon);
  c = anju_policy_next_opening (defaults, late);
  at = g_date_time_format_iso8601 (a);
  bt = g_date_time_format_iso8601 (b);
  ct = g_date_time_format_iso8601 (c);
  g_assert_cmpstr (at, ==, "2026-11-26T09:00:00+08");
  g_assert_cmpstr (bt, ==, "2026-11-26T12:00:00+08");
  g_assert_cmpstr (ct, ==, "2026-11-27T09:00:00+08");
}

static guint policy_warnings;

/* Warnings about a stored policy are expected; count them. */
static GLogWriterOutput
count_policy_warnings (GLogLevelFlags   level,
                       const GLogField *fields,
                       gsize            n_fields,
                       gpointer         user_data)
{
  for (gsize i = 0; (level & G_LOG_LEVEL_WARNING) && i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") &&
        strstr (fields[i].value, "stored policy setting") != NULL)
      {
        policy_warnings++;
        return G_LOG_WRITER_HANDLED;
      }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

typedef struct
{
  AnjuTestClock clock;
  char         *dir;
  AnjuStore    *store;
  AnjuUser     *manager;
  char         *project_id;
} PolicyFixture;

static void
policy_fixture_set_up (PolicyFixture *f,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;

  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  result = anju_test_run_ok (f->store, anju_user_get_system (), "project.create",
                             "{\"name\": \"安居苑\", \"segmentation_model\": \"vanke\"}");
  f->project_id = g_strdup (json_object_get_string_member (result, "project_id"));
}

static void
policy_fixture_tear_down (PolicyFixture *f,
                          gconstpointer  data)
{
  anju_user_free (f->manager);
  g_free (f->project_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Sets @policy_json as the project's policy; refused naming @field. */
static void
set_refused (PolicyFixture *f,
             const char    *policy_json,
             const char    *field)
{
  g_autofree char *json = g_strdup_printf ("{\"project_id\": \"%s\", \"policy\": %s}", f->project_id, policy_json);
  g_autofree char *message = anju_test_assert_refused (f->store, f->manager, "project.set_policy", json,
                                                       ANJU_COMMAND_ERROR_INVALID_FIELD, field);

  g_test_message ("%s → %s", policy_json, message);
}

/* Values the office cannot work with are refused when set, naming the
 * setting: formats, ranges and relations. */
static void
test_set_checks_values (PolicyFixture *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) effective = NULL;
  g_autoptr(JsonObject) ok = NULL;
  g_autofree char *json = NULL;

  /* the shipped defaults pass */
  effective = anju_policy_dup_effective (f->store, f->project_id, &error);
  g_assert_true (anju_policy_check (effective, NULL, &error));
  g_assert_no_error (error);

  set_refused (f, "{\"follow_up\": {\"visit_cutoff\": \"6pm\"}}", "policy.follow_up.visit_cutoff");
  set_refused (f, "{\"follow_up\": {\"sms_by\": \"24:00\"}}", "policy.follow_up.sms_by");
  set_refused (f, "{\"hold\": {\"max_minutes\": 0}}", "policy.hold.max_minutes");
  set_refused (f, "{\"hold\": {\"default_minutes\": -5}}", "policy.hold.default_minutes");
  set_refused (f, "{\"discounts\": {\"consultant_discretion_permille_min\": 2000}}",
               "policy.discounts.consultant_discretion_permille_min");
  set_refused (f, "{\"negotiation\": {\"wait_flag_minutes\": 0}}", "policy.negotiation.wait_flag_minutes");
  set_refused (f, "{\"office\": {\"time_zone\": \"Mars/Olympus\"}}", "policy.office.time_zone");
  set_refused (f, "{\"privacy\": {\"reveal_roles\": [\"everyone\"]}}", "policy.privacy.reveal_roles");
  set_refused (f, "{\"office_hours\": {\"monday\": {\"open\": \"09:00\", \"close\": \"08:00\"}}}",
               "policy.office_hours.monday.close");
  set_refused (f, "{\"discounts\": {\"published\": [{\"id\": \"vip\", \"name_en\": \"VIP\", \"name_zh\": \"贵宾\", "
               "\"rate_permille\": 1200}]}}", "policy.discounts.published[0].rate_permille");
  set_refused (f, "{\"subscription\": {\"forfeit_permille\": 1001}}", "policy.subscription.forfeit_permille");
  set_refused (f, "{\"payment\": {\"loan_months\": 0}}", "policy.payment.loan_months");
  set_refused (f, "{\"hold\": {\"rehold_pause_minutes\": -1}}", "policy.hold.rehold_pause_minutes");
  set_refused (f, "{\"hold\": {\"rehold_pause_minutes\": 100000}}", "policy.hold.rehold_pause_minutes");
  set_refused (f, "{\"hold\": {\"rehold_pause_minutes\": \"30\"}}", "policy.hold.rehold_pause_minutes");
  /* relations: the value being set is named */
  set_refused (f, "{\"hold\": {\"default_minutes\": 200}}", "policy.hold.default_minutes");
  set_refused (f, "{\"hold\": {\"max_minutes\": 20}}", "policy.hold.max_minutes");
  set_refused (f, "{\"payment\": {\"down_payment_min_permille\": 400}}", "policy.payment.down_payment_min_permille");
  set_refused (f, "{\"approval\": {\"chain\": [{\"step\": 1, \"role\": \"manager\", \"title_en\": \"A\", \"title_zh\": \"甲\", "
               "\"approves_down_to_permille\": 950}, {\"step\": 2, \"role\": \"manager\", \"title_en\": \"B\", "
               "\"title_zh\": \"乙\", \"approves_down_to_permille\": 970}, {\"step\": 3, \"role\": \"manager\", "
               "\"title_en\": \"C\", \"title_zh\": \"丙\"}]}}", "policy.approval.chain[1].approves_down_to_permille");

  /* both together are fine */
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"policy\": {\"hold\": {\"default_minutes\": 150, "
                          "\"max_minutes\": 180}, \"follow_up\": {\"visit_cutoff\": \"18:00\"}}}", f->project_id);
  ok = anju_test_run_ok (f->store, f->manager, "project.set_policy", json);
  g_assert_cmpint (anju_policy_get_int (f->store, f->project_id, "hold.default_minutes", 0), ==, 150);
}

/* A bad value stored before the checks (or by hand) never stops the
 * office: the default applies, with one warning. */
static void
test_stored_bad_value (PolicyFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL, *cutoff = NULL, *zone = NULL;
  AnjuFollowUpRules rules;
  guint before = policy_warnings;

  sql = g_strdup_printf ("UPDATE projects SET policy = '{\"follow_up\": {\"visit_cutoff\": \"6pm\"}, "
                         "\"hold\": {\"max_minutes\": 0, \"default_minutes\": 45}, "
                         "\"office\": {\"time_zone\": \"Asia/Urumqi\"}}' WHERE id = '%s'", f->project_id);
  g_assert_true (anju_store_exec (f->store, sql, &error));
  g_assert_no_error (error);

  g_assert_true (anju_follow_up_rules_load (f->store, f->project_id, &rules, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rules.visit_cutoff, ==, 17 * 60);
  cutoff = anju_policy_dup_string (f->store, f->project_id, "follow_up.visit_cutoff", NULL);
  g_assert_cmpstr (cutoff, ==, "17:00");
  g_assert_cmpint (anju_policy_get_int (f->store, f->project_id, "hold.max_minutes", 0), ==, 120);
  /* the good overrides stay */
  g_assert_cmpint (anju_policy_get_int (f->store, f->project_id, "hold.default_minutes", 0), ==, 45);
  zone = anju_policy_dup_string (f->store, f->project_id, "office.time_zone", NULL);
  g_assert_cmpstr (zone, ==, "Asia/Urumqi");
  /* one warning per setting, not one per read */
  g_assert_cmpuint (policy_warnings - before, ==, 2);
}

/* A chain this office cannot complete is refused when set: each step
 * needs a different person. */
static void
test_chain_people (PolicyFixture *f,
                   gconstpointer  data)
{
  g_autofree char *json = NULL, *message = NULL;
  g_autoptr(AnjuUser) second = NULL;
  g_autoptr(AnjuUser) third = NULL;
  g_autoptr(JsonObject) ok = NULL;
  const char *chain =
    "{\"approval\": {\"chain\": [{\"step\": 1, \"role\": \"manager\", \"title_en\": \"Deputy\", \"title_zh\": \"副经理\", "
    "\"approves_down_to_permille\": 990}, {\"step\": 2, \"role\": \"manager\", \"title_en\": \"Manager\", "
    "\"title_zh\": \"项目经理\", \"approves_down_to_permille\": 970}, {\"step\": 3, \"role\": \"manager\", "
    "\"title_en\": \"Head\", \"title_zh\": \"营销负责人\"}]}}";

  json = g_strdup_printf ("{\"project_id\": \"%s\", \"policy\": %s}", f->project_id, chain);
  message = anju_test_assert_refused (f->store, f->manager, "project.set_policy", json,
                                      ANJU_COMMAND_ERROR_INVALID_FIELD, "policy.approval.chain");
  g_assert_nonnull (strstr (message, "3"));
  g_assert_nonnull (strstr (message, "1"));

  second = anju_test_add_user (f->store, "liuyang", "刘洋", ANJU_ROLE_MANAGER);
  g_clear_pointer (&message, g_free);
  message = anju_test_assert_refused (f->store, f->manager, "project.set_policy", json,
                                      ANJU_COMMAND_ERROR_INVALID_FIELD, "policy.approval.chain");
  third = anju_test_add_user (f->store, "chenjing", "陈静", ANJU_ROLE_MANAGER);
  ok = anju_test_run_ok (f->store, f->manager, "project.set_policy", json);
}

/* Values are read from a kept effective policy: a change of the stored
 * overrides, by command or behind the process's back (another process on
 * the file, a sync), shows at the next read; each project keeps its own;
 * what a caller gets shares nothing with what is kept. */
static void
test_kept_values_follow_the_store (PolicyFixture *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(JsonNode) hold = NULL;
  g_autofree char *sql = NULL, *json = NULL;
  g_autoptr(JsonObject) ok = NULL;
  const char *other_id;

  g_assert_cmpint (anju_policy_get_int (f->store, f->project_id, "hold.default_minutes", 0), ==, 30);
  json = g_strdup_printf ("{\"project_id\": \"%s\", \"policy\": {\"hold\": {\"default_minutes\": 40}}}",
                          f->project_id);
  ok = anju_test_run_ok (f->store, f->manager, "project.set_policy", json);
  g_assert_cmpint (anju_policy_get_int (f->store, f->project_id, "hold.default_minutes", 0), ==, 40);

  sql = g_strdup_printf ("UPDATE projects SET policy = '{\"hold\": {\"default_minutes\": 50}}' WHERE id = '%s'",
                         f->project_id);
  g_assert_true (anju_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anju_policy_get_int (f->store, f->project_id, "hold.default_minutes", 0), ==, 50);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE projects SET policy = '{}' WHERE id = '%s'", f->project_id);
  g_assert_true (anju_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anju_policy_get_int (f->store, f->project_id, "hold.default_minutes", 0), ==, 30);

  /* another project with the same overrides text keeps its own values
   * once the first one's change */
  other = anju_test_run_ok (f->store, anju_user_get_system (), "project.create",
                            "{\"name\": \"安居二期\", \"segmentation_model\": \"vanke\"}");
  other_id = json_object_get_string_member (other, "project_id");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE projects SET policy = '{\"hold\": {\"default_minutes\": 60}}' WHERE id = '%s'",
                         other_id);
  g_assert_true (anju_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anju_policy_get_int (f->store, other_id, "hold.default_minutes", 0), ==, 60);
  g_assert_cmpint (anju_policy_get_int (f->store, f->project_id, "hold.default_minutes", 0), ==, 30);

  /* a section handed out is the caller's to change */
  hold = anju_policy_dup_value (f->store, other_id, "hold");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (hold));
  json_object_set_int_member (json_node_get_object (hold), "default_minutes", 1);
  json_object_remove_member (json_node_get_object (hold), "max_minutes");
  g_assert_cmpint (anju_policy_get_int (f->store, other_id, "hold.default_minutes", 0), ==, 60);
  g_assert_cmpint (anju_policy_get_int (f->store, other_id, "hold.max_minutes", 0), ==, 120);
}

int
main (int argc, char **argv)
{
  g_log_set_writer_func (count_policy_warnings, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/policy/defaults-and-overrides", test_defaults_and_overrides);
  g_test_add_func ("/policy/next-opening", test_next_opening);
  g_test_add ("/policy/set-checks-values", PolicyFixture, NULL, policy_fixture_set_up,
              test_set_checks_values, policy_fixture_tear_down);
  g_test_add ("/policy/stored-bad-value", PolicyFixture, NULL, policy_fixture_set_up,
              test_stored_bad_value, policy_fixture_tear_down);
  g_test_add ("/policy/kept-values-follow-the-store", PolicyFixture, NULL, policy_fixture_set_up,
              test_kept_values_follow_the_store, policy_fixture_tear_down);
  g_test_add ("/policy/chain-people", PolicyFixture, NULL, policy_fixture_set_up,
              test_chain_people, policy_fixture_tear_down);
  return g_test_run ();
}
