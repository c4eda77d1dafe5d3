/* test-policy.c — defaults from data files, project overrides by command */
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/policy/defaults-and-overrides", test_defaults_and_overrides);
  g_test_add_func ("/policy/next-opening", test_next_opening);
  return g_test_run ();
}
