/* test-projects.c — project.create, building.create, unit.create and lookups */
#include <string.h>

#include "anju-customers.h"
#include "anju-projects.h"
#include "anju-test-util.h"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *admin;
  AnjuUser      *manager;
  AnjuUser      *consultant;
  char          *project_id;
  char          *building_id;
} Fixture;

/* Runs a command, returns the id in its result @member; the clock moves a
 * second on after each (anju_test_set_step()). */
#define run_ok(f, actor, type, json, member) \
  anju_test_run_id ((f)->store, (actor), (type), (json), (member))

/* "$P" and "$B" in a payload stand for the fixture's project and building. */
#define expand(f, json) anju_test_expand_marks ((f)->store, (json))

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  anju_test_set_marks (f->store, "$P", &f->project_id, "$B", &f->building_id, NULL);
  anju_test_set_step (f->store, G_USEC_PER_SEC);
  f->admin = anju_test_add_user (f->store, "admin", "系统管理员", ANJU_ROLE_ADMIN);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  f->consultant = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->project_id = run_ok (f, f->admin, "project.create",
                          "{\"name\": \"万科·安居苑\", \"city\": \"杭州\", \"hotline\": \"0571-8888 6666\"}",
                          "project_id");
  {
    g_autofree char *payload = expand (f, "{\"project_id\": \"$P\", \"name\": \"1幢\", "
                                          "\"floors\": 18, \"units_per_floor\": 2}");
    f->building_id = run_ok (f, f->admin, "building.create", payload, "building_id");
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->admin);
  anju_user_free (f->manager);
  anju_user_free (f->consultant);
  g_free (f->project_id);
  g_free (f->building_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
test_project_create (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = anju_store_dup_row (f->store, "projects", f->project_id, &error);
  g_autofree char *subject = NULL;
  g_autofree char *second = NULL;
  g_autoptr(AnjuProject) project = NULL;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "万科·安居苑");
  g_assert_cmpstr (json_object_get_string_member (row, "city"), ==, "杭州");
  g_assert_cmpstr (json_object_get_string_member (row, "hotline"), ==, "0571-8888 6666");
  g_assert_cmpstr (json_object_get_string_member (row, "segmentation_model"), ==, "vanke");
  g_assert_true (json_object_get_null_member (row, "developer"));

  /* The change feed and the audit name the row. */
  stmt = anju_store_prepare (f->store,
      "SELECT count(*) FROM changes WHERE tbl = 'projects' AND row_id = ?", NULL);
  sqlite3_bind_text (stmt, 1, f->project_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
  subject = g_strconcat ("project:", f->project_id, NULL);
  stmt = anju_store_prepare (f->store,
      "SELECT count(*) FROM audit WHERE action = 'project.create' AND subject = ?", NULL);
  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);

  /* A chosen id and model, names trimmed. */
  second = run_ok (f, f->admin, "project.create",
                   "{\"project_id\": \"0b7d3a52-4c1e-4f6e-9a43-5b2f1d9c8e70\", \"name\": \"  万科·良渚文化村 \", "
                   "\"segmentation_model\": \"pulte\", \"developer\": \"\"}", "project_id");
  g_assert_cmpstr (second, ==, "0b7d3a52-4c1e-4f6e-9a43-5b2f1d9c8e70");
  project = anju_project_lookup (f->store, second);
  g_assert_nonnull (project);
  g_assert_cmpstr (project->name, ==, "万科·良渚文化村");
  g_assert_cmpstr (project->segmentation_model, ==, "pulte");
  g_assert_null (project->developer);
}

static void
test_lookups (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *b_id = run_ok (f, f->admin, "project.create", "{\"name\": \"B 项目\"}", "project_id");
  g_autofree char *a_id = run_ok (f, f->admin, "project.create", "{\"name\": \"A 项目\"}", "project_id");
  g_autoptr(AnjuProject) first = NULL;
  g_autoptr(AnjuProject) named = NULL;
  g_autoptr(AnjuProject) unknown = NULL;

  list = anju_projects_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((AnjuProject *)g_ptr_array_index (list, 0))->id, ==, a_id);
  g_assert_cmpstr (((AnjuProject *)g_ptr_array_index (list, 1))->id, ==, b_id);
  g_assert_cmpstr (((AnjuProject *)g_ptr_array_index (list, 2))->name, ==, "万科·安居苑");

  first = anju_project_lookup_or_first (f->store, NULL);
  g_assert_cmpstr (first->id, ==, a_id);
  g_clear_pointer (&first, anju_project_free);
  first = anju_project_lookup_or_first (f->store, "");
  g_assert_cmpstr (first->id, ==, a_id);
  g_clear_pointer (&first, anju_project_free);
  first = anju_project_lookup_or_first (f->store, "00000000-0000-4000-8000-000000000000");
  g_assert_cmpstr (first->id, ==, a_id);
  named = anju_project_lookup_or_first (f->store, f->project_id);
  g_assert_cmpstr (named->id, ==, f->project_id);
  unknown = anju_project_lookup (f->store, "00000000-0000-4000-8000-000000000000");
  g_assert_null (unknown);
  g_assert_null (anju_project_lookup (f->store, NULL));
}

static void
test_empty_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AnjuStore) store = anju_test_store_new (NULL, &dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = anju_projects_list (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_null (anju_project_lookup_or_first (store, NULL));
  g_clear_object (&store);
  anju_test_remove_dir (dir);
}

static void
test_building_and_units (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *unit_id = NULL;
  g_autofree char *by_manager = NULL;
  g_autoptr(JsonObject) row = NULL;

  row = anju_store_dup_row (f->store, "buildings", f->building_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "1幢");
  g_assert_cmpint (json_object_get_int_member (row, "floors"), ==, 18);
  g_assert_cmpint (json_object_get_int_member (row, "units_per_floor"), ==, 2);
  g_clear_pointer (&row, json_object_unref);

  payload = expand (f, "{\"building_id\": \"$B\", \"floor\": 15, \"number\": \"1502\", "
                       "\"layout\": \" 3室2厅2卫 \", \"orientation\": \"南北通透\", "
                       "\"gross_area\": 12800, \"inner_area\": 10048, \"list_price\": 426240000}");
  unit_id = run_ok (f, f->admin, "unit.create", payload, "unit_id");
  row = anju_store_dup_row (f->store, "units", unit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (row, "floor"), ==, 15);
  g_assert_cmpstr (json_object_get_string_member (row, "number"), ==, "1502");
  g_assert_cmpstr (json_object_get_string_member (row, "layout"), ==, "3室2厅2卫");
  g_assert_cmpstr (json_object_get_string_member (row, "orientation"), ==, "南北通透");
  g_assert_cmpint (json_object_get_int_member (row, "gross_area"), ==, 12800);
  g_assert_cmpint (json_object_get_int_member (row, "inner_area"), ==, 10048);
  g_assert_cmpint (json_object_get_int_member (row, "list_price"), ==, 426240000);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "available");
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM changes WHERE tbl = 'units'"), ==, 1);

  /* A manager maintains units too; inner area may equal gross area. */
  g_free (payload);
  payload = expand (f, "{\"building_id\": \"$B\", \"floor\": 15, \"number\": \"1501\", "
                       "\"layout\": \"2室2厅1卫\", \"gross_area\": 8900, \"inner_area\": 8900, "
                       "\"list_price\": 1}");
  by_manager = run_ok (f, f->manager, "unit.create", payload, "unit_id");
  g_assert_nonnull (by_manager);
  g_free (by_manager);
  g_free (payload);
  payload = expand (f, "{\"project_id\": \"$P\", \"name\": \"2幢\", \"floors\": 1, \"units_per_floor\": 1}");
  by_manager = run_ok (f, f->manager, "building.create", payload, "building_id");
  g_assert_nonnull (by_manager);
}

typedef struct
{
  const char           *type;
  const char           *payload;
  AnjuCommandErrorCode  code;
  const char           *field;
} Refusal;

static const Refusal refusals[] = {
  /* project.create */
  { "project.create", "{}", ANJU_COMMAND_ERROR_MISSING_FIELD, "name" },
  { "project.create", "{\"name\": \"   \"}", ANJU_COMMAND_ERROR_MISSING_FIELD, "name" },
  { "project.create", "{\"name\": 12}", ANJU_COMMAND_ERROR_INVALID_FIELD, "name" },
  { "project.create", "{\"name\": \"万科·安居苑\"}", ANJU_COMMAND_ERROR_DUPLICATE, "name" },
  { "project.create", "{\"name\": \"新项目\", \"segmentation_model\": \"acme\"}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "segmentation_model" },
  { "project.create", "{\"name\": \"新项目\", \"hotline\": \"call us\"}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "hotline" },
  { "project.create", "{\"name\": \"新项目\", \"hotline\": \"123\"}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "hotline" },
  { "project.create", "{\"name\": \"新项目\", \"project_id\": \"p-1\"}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "project_id" },
  { "project.create", "{\"name\": \"新项目\", \"project_id\": \"$P\"}",
    ANJU_COMMAND_ERROR_DUPLICATE, "project_id" },
  { "project.create", "{\"name\": \"新项目\", \"city\": \"abcdefghijklmnopqrstuvwxyzabcdefghij\"}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "city" },
  /* building.create */
  { "building.create", "{\"name\": \"2幢\", \"floors\": 18, \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_MISSING_FIELD, "project_id" },
  { "building.create", "{\"project_id\": \"00000000-0000-4000-8000-000000000000\", \"name\": \"2幢\", "
                       "\"floors\": 18, \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_NOT_FOUND, "project_id" },
  { "building.create", "{\"project_id\": \"$P\", \"floors\": 18, \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_MISSING_FIELD, "name" },
  { "building.create", "{\"project_id\": \"$P\", \"name\": \"1幢\", \"floors\": 18, \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_DUPLICATE, "name" },
  { "building.create", "{\"project_id\": \"$P\", \"name\": \"2幢\", \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_MISSING_FIELD, "floors" },
  { "building.create", "{\"project_id\": \"$P\", \"name\": \"2幢\", \"floors\": 0, \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "floors" },
  { "building.create", "{\"project_id\": \"$P\", \"name\": \"2幢\", \"floors\": -3, \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "floors" },
  { "building.create", "{\"project_id\": \"$P\", \"name\": \"2幢\", \"floors\": \"18\", \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "floors" },
  { "building.create", "{\"project_id\": \"$P\", \"name\": \"2幢\", \"floors\": 18.5, \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "floors" },
  { "building.create", "{\"project_id\": \"$P\", \"name\": \"2幢\", \"floors\": 1800, \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "floors" },
  { "building.create", "{\"project_id\": \"$P\", \"name\": \"2幢\", \"floors\": 18, \"units_per_floor\": 0}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "units_per_floor" },
  { "building.create", "{\"project_id\": \"$P\", \"name\": \"2幢\", \"floors\": 18}",
    ANJU_COMMAND_ERROR_MISSING_FIELD, "units_per_floor" },
  { "building.create", "{\"project_id\": \"$P\", \"building_id\": \"$B\", \"name\": \"2幢\", "
                       "\"floors\": 18, \"units_per_floor\": 4}",
    ANJU_COMMAND_ERROR_DUPLICATE, "building_id" },
  /* unit.create */
  { "unit.create", "{\"floor\": 3, \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_MISSING_FIELD, "building_id" },
  { "unit.create", "{\"building_id\": \"00000000-0000-4000-8000-000000000000\", \"floor\": 3, "
                   "\"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_NOT_FOUND, "building_id" },
  { "unit.create", "{\"building_id\": \"$B\", \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_MISSING_FIELD, "floor" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 0, \"number\": \"001\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "floor" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 19, \"number\": \"1901\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "floor" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_MISSING_FIELD, "number" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"3 01\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "number" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 5, \"number\": \"501\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_DUPLICATE, "number" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"301\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_MISSING_FIELD, "layout" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_MISSING_FIELD, "gross_area" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 0, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "gross_area" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 89.5, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "gross_area" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": -1, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "inner_area" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 8901, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "inner_area" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030}",
    ANJU_COMMAND_ERROR_MISSING_FIELD, "list_price" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 0}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "list_price" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 2500000.5}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "list_price" },
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 3, \"number\": \"301\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": \"2500000\"}",
    ANJU_COMMAND_ERROR_INVALID_FIELD, "list_price" },
  /* floor 5 holds 501 and 502 already: the building has 2 units a floor */
  { "unit.create", "{\"building_id\": \"$B\", \"floor\": 5, \"number\": \"503\", \"layout\": \"2室2厅1卫\", "
                   "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}",
    ANJU_COMMAND_ERROR_CONFLICT, "floor" },
};

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *u1 = NULL, *u2 = NULL, *p1 = NULL, *p2 = NULL;

  p1 = expand (f, "{\"building_id\": \"$B\", \"floor\": 5, \"number\": \"501\", \"layout\": \"2室2厅1卫\", "
                  "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}");
  p2 = expand (f, "{\"building_id\": \"$B\", \"floor\": 5, \"number\": \"502\", \"layout\": \"2室2厅1卫\", "
                  "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}");
  u1 = run_ok (f, f->admin, "unit.create", p1, "unit_id");
  u2 = run_ok (f, f->admin, "unit.create", p2, "unit_id");

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      const Refusal *r = &refusals[i];

      g_test_message ("%s %s", r->type, r->payload);
      ANJU_TEST_REFUSED (f->store, f->admin, r->type, r->payload, r->code, r->field);
    }
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  static const char *types[] = { "project.create", "building.create", "unit.create" };
  g_autofree char *before = anju_test_dump_database (f->store);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(JsonObject) payload = anju_test_json_object ("{\"name\": \"x\"}");
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) answer = anju_command_run (f->store, f->consultant, types[i], payload, &error);

      g_assert_null (answer);
      g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_FORBIDDEN);
    }
  {
    /* Only an administrator creates projects. */
    g_autoptr(JsonObject) payload = anju_test_json_object ("{\"name\": \"经理的项目\"}");
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) answer = anju_command_run (f->store, f->manager, "project.create", payload, &error);

    g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_FORBIDDEN);
  }
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* A project switches its segmentation model: the segments of the old
 * model are suggested again by the new one; refusals change nothing. */
static void
test_set_model (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *customer = NULL, *payload = NULL, *before = NULL, *after = NULL;
  g_autofree char *m1 = NULL, *m2 = NULL, *m3 = NULL, *same = NULL, *unknown = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(AnjuProject) project = NULL;
  g_autoptr(AnjuCustomer) loaded = NULL;

  payload = expand (f, "{\"project_id\": \"$P\", \"name\": \"王芳\", \"mobile\": \"13812345678\", "
                       "\"segment\": \"affluent\"}");
  customer = run_ok (f, f->consultant, "customer.create", payload, "customer_id");
  g_clear_pointer (&payload, g_free);

  before = anju_test_dump_database (f->store);
  payload = expand (f, "{\"project_id\": \"$P\", \"segmentation_model\": \"pulte\"}");
  m1 = anju_test_assert_refused (f->store, f->consultant, "project.set_model", payload,
                                 ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  same = expand (f, "{\"project_id\": \"$P\", \"segmentation_model\": \"vanke\"}");
  m2 = anju_test_assert_refused (f->store, f->admin, "project.set_model", same,
                                 ANJU_COMMAND_ERROR_CONFLICT, "segmentation_model");
  unknown = expand (f, "{\"project_id\": \"$P\", \"segmentation_model\": \"nosuch\"}");
  m3 = anju_test_assert_refused (f->store, f->admin, "project.set_model", unknown,
                                 ANJU_COMMAND_ERROR_INVALID_FIELD, "segmentation_model");
  g_assert_nonnull (strstr (m3, "pulte"));
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);

  result = anju_test_run_ok (f->store, f->admin, "project.set_model", payload);
  g_assert_cmpstr (json_object_get_string_member (result, "segmentation_model"), ==, "pulte");
  g_assert_cmpint (json_object_get_int_member (result, "segments_changed"), ==, 1);
  project = anju_project_lookup (f->store, f->project_id);
  g_assert_cmpstr (project->segmentation_model, ==, "pulte");
  loaded = anju_customer_load (f->store, customer, NULL);
  /* an empty profile says too little for the new model's rules */
  g_assert_null (loaded->summary.segment);
  g_assert_null (loaded->summary.segment_source);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/projects/project-create", Fixture, NULL, fixture_set_up, test_project_create, fixture_tear_down);
  g_test_add ("/projects/lookups", Fixture, NULL, fixture_set_up, test_lookups, fixture_tear_down);
  g_test_add_func ("/projects/empty-store", test_empty_store);
  g_test_add ("/projects/building-and-units", Fixture, NULL, fixture_set_up, test_building_and_units,
              fixture_tear_down);
  g_test_add ("/projects/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/projects/set-model", Fixture, NULL, fixture_set_up, test_set_model, fixture_tear_down);
  g_test_add ("/projects/roles", Fixture, NULL, fixture_set_up, test_roles, fixture_tear_down);
  return g_test_run ();
}
