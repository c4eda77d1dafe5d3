/* test-office.c — the office set-up page's snapshot (管理) */
#include <string.h>

#include "anju-demo.h"
#include "anju-office.h"
#include "anju-test-util.h"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

static AnjuOfficeSetup *
setup_for (Fixture        *f,
           const AnjuUser *actor)
{
  g_autoptr(GError) error = NULL;
  AnjuOfficeSetup *setup = anju_office_dup_setup (f->store, actor, &error);

  g_assert_no_error (error);
  g_assert_nonnull (setup);
  return setup;
}

/* An office with no project yet: nothing to list, and only what an
 * administrator may start with. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AnjuUser) admin = anju_test_add_user (f->store, "it", "信息部", ANJU_ROLE_ADMIN);
  g_autoptr(AnjuOfficeSetup) setup = setup_for (f, admin);

  g_assert_cmpuint (setup->projects->len, ==, 0);
  g_assert_cmpuint (setup->people->len, ==, 1);
  g_assert_cmpuint (setup->chain->len, ==, 0);
  g_assert_null (setup->chain_problem);
  g_assert_true (setup->can_create_project);
  g_assert_true (setup->can_add_user);
  /* nothing to add a building to or import prices into */
  g_assert_false (setup->can_add_building);
  g_assert_false (setup->can_import_prices);
  g_assert_cmpuint (setup->model_ids->len, ==, 2);
}

/* The demo office: its project, buildings, price list, people and a chain
 * its three managers complete. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuUser) admin = NULL;
  g_autoptr(AnjuOfficeSetup) setup = NULL;
  AnjuOfficeProject *p;
  static const gint64 units[] = { 72, 80, 72 };

  g_assert_true (anju_demo_load (f->store, &error));
  admin = anju_user_lookup_by_name (f->store, "admin");
  setup = setup_for (f, admin);

  g_assert_cmpuint (setup->projects->len, ==, 1);
  p = g_ptr_array_index (setup->projects, 0);
  g_assert_cmpstr (p->project->name, ==, "万科·安居苑");
  g_assert_cmpstr (p->project->segmentation_model, ==, "vanke");
  g_assert_cmpint (p->units, ==, 224);
  g_assert_cmpint (p->price_version, ==, 1);
  g_assert_nonnull (p->price_imported_at);
  g_assert_cmpuint (p->buildings->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      AnjuOfficeBuilding *b = g_ptr_array_index (p->buildings, i);

      g_assert_cmpint (b->units, ==, units[i]);
      g_assert_cmpint (b->floors * b->units_per_floor, ==, units[i]);
    }

  /* consultants first, then managers, finance, administrators */
  g_assert_cmpuint (setup->people->len, ==, 7);
  g_assert_cmpint (((AnjuUser *)g_ptr_array_index (setup->people, 0))->role, ==, ANJU_ROLE_CONSULTANT);
  g_assert_cmpint (((AnjuUser *)g_ptr_array_index (setup->people, 6))->role, ==, ANJU_ROLE_ADMIN);

  g_assert_cmpuint (setup->chain->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      AnjuOfficeChainStep *s = g_ptr_array_index (setup->chain, i);

      g_assert_cmpint (s->step, ==, (int)i + 1);
      g_assert_cmpuint (s->n_people, ==, 3);
      g_assert_cmpstr (s->role_label, ==, "Manager");
    }
  g_assert_cmpstr (((AnjuOfficeChainStep *)g_ptr_array_index (setup->chain, 0))->title, ==,
                   "Agency deputy manager");
  g_assert_null (setup->chain_problem);
}

/* An office with one manager cannot complete a three-step chain, and the
 * page says so with the sentence project.set_policy refuses with. */
static void
test_chain_problem (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AnjuUser) admin = anju_test_add_user (f->store, "it", "信息部", ANJU_ROLE_ADMIN);
  g_autoptr(AnjuUser) manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  g_autoptr(JsonObject) created = anju_test_run_ok (f->store, admin, "project.create", "{\"name\": \"安居苑\"}");
  g_autoptr(AnjuOfficeSetup) setup = setup_for (f, admin);

  g_assert_cmpuint (setup->chain->len, ==, 3);
  g_assert_cmpuint (((AnjuOfficeChainStep *)g_ptr_array_index (setup->chain, 0))->n_people, ==, 1);
  g_assert_nonnull (setup->chain_problem);
  g_assert_nonnull (strstr (setup->chain_problem, "3 steps"));
  g_assert_nonnull (strstr (setup->chain_problem, "has 1 such"));
}

/* For every role: what the snapshot allows is applied, what it forbids is
 * refused. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const AnjuRole *roles = anju_office_get_roles ();
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(AnjuUser) admin = NULL;
  const char *project_id;

  g_assert_true (anju_demo_load (f->store, &error));
  admin = anju_user_lookup_by_name (f->store, "admin");
  first = anju_test_run_ok (f->store, admin, "project.create", "{\"name\": \"二期\"}");
  project_id = json_object_get_string_member (first, "project_id");
  for (guint i = 0; roles[i] != ANJU_ROLE_NONE; i++)
    {
      g_autofree char *username = g_strdup_printf ("person%u", i);
      g_autoptr(AnjuUser) who = anju_test_add_user (f->store, username, username, roles[i]);
      g_autoptr(AnjuOfficeSetup) setup = setup_for (f, who);
      struct { gboolean may; const char *type; char *json; } tries[] = {
        { setup->can_create_project, "project.create", g_strdup_printf ("{\"name\": \"项目%u\"}", i) },
        { setup->can_add_building, "building.create",
          g_strdup_printf ("{\"project_id\": \"%s\", \"name\": \"%u幢\", \"floors\": 2, \"units_per_floor\": 2}",
                           project_id, i) },
        { setup->can_set_model, "project.set_model",
          /* only the administrator may, and does once */
          g_strdup_printf ("{\"project_id\": \"%s\", \"segmentation_model\": \"pulte\"}", project_id) },
      };
      g_autoptr(JsonObject) user = NULL;
      g_autofree char *newcomer = g_strdup_printf ("new%u", i);

      g_assert_cmpint (setup->can_create_project, ==, roles[i] == ANJU_ROLE_ADMIN);
      g_assert_cmpint (setup->can_add_user, ==, roles[i] == ANJU_ROLE_ADMIN);
      g_assert_cmpint (setup->can_add_building, ==, roles[i] == ANJU_ROLE_ADMIN || roles[i] == ANJU_ROLE_MANAGER);
      for (guint t = 0; t < G_N_ELEMENTS (tries); t++)
        {
          g_autoptr(JsonObject) payload = anju_test_json_object (tries[t].json);
          g_autoptr(GError) refused = NULL;
          g_autoptr(JsonObject) answer = anju_command_run (f->store, who, tries[t].type, payload, &refused);

          if (tries[t].may)
            g_assert_no_error (refused);
          else
            g_assert_error (refused, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_FORBIDDEN);
          g_free (tries[t].json);
        }
      {
        g_autoptr(JsonObject) payload = anju_user_dup_create_payload (newcomer, "新人", ANJU_ROLE_CONSULTANT,
                                                                      "a-long-password", &error);
        g_autoptr(GError) refused = NULL;

        g_assert_no_error (error);
        user = anju_command_run (f->store, who, "user.create", payload, &refused);
        g_assert_cmpint (user != NULL, ==, setup->can_add_user);
      }
    }
}

/* The password is checked before anything leaves the desk, and only its
 * hash is in the payload. */
static void
test_new_user_payload (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) short_one = anju_user_dup_create_payload ("li", "李", ANJU_ROLE_FINANCE, "short", &error);
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *text = NULL;

  g_assert_null (short_one);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_INVALID_FIELD);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "password");
  payload = anju_user_dup_create_payload ("li", "", ANJU_ROLE_FINANCE, "a-long-password", NULL);
  g_assert_cmpstr (json_object_get_string_member (payload, "display_name"), ==, "li");
  g_assert_cmpstr (json_object_get_string_member (payload, "role"), ==, "finance");
  g_assert_false (json_object_has_member (payload, "password"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (payload, "password_hash"), "$argon2id$"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/office/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/office/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/office/chain-problem", Fixture, NULL, fixture_set_up, test_chain_problem, fixture_tear_down);
  g_test_add ("/office/roles", Fixture, NULL, fixture_set_up, test_roles, fixture_tear_down);
  g_test_add_func ("/office/new-user-payload", test_new_user_payload);
  return g_test_run ();
}
