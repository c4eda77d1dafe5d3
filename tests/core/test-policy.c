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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/policy/defaults-and-overrides", test_defaults_and_overrides);
  return g_test_run ();
}
