/* test-price-lists.c — CSV price lists: good files, every kind of bad line, versions */
#include <glib/gstdio.h>

#include "anju-format.h"
#include "anju-price-lists.h"
#include "anju-pricing.h"
#include "anju-units.h"
#include "anju-test-fixture.h"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *admin;
  AnjuUser      *manager;
  AnjuUser      *lina;
  char          *project_id;
  char          *customer_id;
} Fixture;

#define HEADER "building,number,floor,layout,orientation,gross_area_m2,inner_area_m2,list_price_yuan," \
               "hot,special_offer,floor_price_yuan\r\n"

/* Version 1 of 1幢 (18 floors × 2) and 2幢 (20 floors × 4). */
static const char good_csv[] =
  "\xEF\xBB\xBF" HEADER
  "1幢,1501,15,2室2厅1卫,南,89.00,70.30,\"2,500,000.00\",0,,\r\n"
  "1幢,1502,15,3室2厅2卫,南北通透,115.00,90.85,3283700.00,1,\"开盘特惠, 送车位\",3150000.00\r\n"
  "\r\n"
  "2幢,0301,3,3室2厅2卫,东南,128.00,100.48,3600000,yes,,\r\n"
  "2幢,0302,3,2室2厅1卫,,89.5,70.3,2399999.99,,一口价,\r\n"
  ",,,,,,,,,,\r\n";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) r = NULL;

  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  anju_test_set_marks (f->store, "$P", &f->project_id, "$C", &f->customer_id, NULL);
  f->admin = anju_test_add_user (f->store, "admin", "系统管理员", ANJU_ROLE_ADMIN);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  r = run_ok (f, f->admin, "project.create", "{\"name\": \"万科·安居苑\"}");
  f->project_id = g_strdup (json_object_get_string_member (r, "project_id"));
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->admin, "building.create",
              "{\"project_id\": \"$P\", \"name\": \"1幢\", \"floors\": 18, \"units_per_floor\": 2}");
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->admin, "building.create",
              "{\"project_id\": \"$P\", \"name\": \"2幢\", \"floors\": 20, \"units_per_floor\": 4}");
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->lina, "customer.create", "{\"name\": \"陈先生\"}");
  f->customer_id = g_strdup (json_object_get_string_member (r, "customer_id"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->admin);
  anju_user_free (f->manager);
  anju_user_free (f->lina);
  g_free (f->project_id);
  g_free (f->customer_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

static gint64
import_ok (Fixture    *f,
           const char *csv,
           const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = write_file (f, "prices.csv", csv, -1);
  gint64 version = anju_price_list_import_file (f->store, f->manager, f->project_id, path, note,
                                                &problems, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  return version;
}

/* Imports @csv, asserts it is refused with nothing imported, returns the
 * problems. */
static GPtrArray *
import_refused (Fixture    *f,
                const char *csv,
                gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "bad.csv", csv, length);
  g_autofree char *before = anju_test_dump_database (f->store);
  g_autofree char *after = NULL;
  GPtrArray *problems = NULL;
  gint64 version = anju_price_list_import_file (f->store, f->manager, f->project_id, path, NULL,
                                                &problems, &error);

  g_assert_cmpint (version, ==, 0);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_INVALID_FIELD);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "rows");
  g_assert_true (g_str_has_prefix (error->message, "The price list has "));
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);
  /* the message lists every problem, one per line */
  {
    g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, problems->len + 1);
  }
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);
  return problems;
}

static void
assert_problem (GPtrArray  *problems,
                guint       index,
                guint       line,
                const char *column,
                const char *fragment)
{
  AnjuImportProblem *p;

  g_assert_cmpuint (index, <, problems->len);
  p = g_ptr_array_index (problems, index);
  if (p->line != line || g_strcmp0 (p->column, column) != 0 || strstr (p->message, fragment) == NULL)
    g_test_message ("problem %u: line %u, %s: %s", index, p->line, p->column, p->message);
  g_assert_cmpuint (p->line, ==, line);
  g_assert_cmpstr (p->column, ==, column);
  g_assert_nonnull (strstr (p->message, fragment));
}

static AnjuUnitRow *
find_unit (Fixture    *f,
           const char *building,
           const char *number)
{
  g_autoptr(GPtrArray) rows = anju_units_list (f->store, NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      AnjuUnitRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->building_name, building) && g_str_equal (row->number, number))
        return g_ptr_array_steal_index (rows, i);
    }
  g_assert_not_reached ();
}

static gint64
floor_price_of (Fixture    *f,
                const char *unit_id)
{
  sqlite3_stmt *stmt = anju_store_prepare (f->store, "SELECT floor_price FROM units WHERE id = ?", NULL);
  gint64 value;

  sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* ---- good files ------------------------------------------------------------ */

static void
test_good_import_and_versions (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(AnjuUnitRow) u1502 = NULL;
  g_autoptr(AnjuUnitRow) u0302 = NULL;
  g_autoptr(JsonObject) hold = NULL;
  g_autoptr(JsonObject) quote = NULL;
  g_autoptr(AnjuQuote) q = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) prices = NULL;
  g_autofree char *quote_json = NULL;
  g_autofree char *exported = NULL;
  AnjuPriceList *pl;
  static const char v2[] =
    "building,number,floor,layout,orientation,gross_area_m2,inner_area_m2,list_price_yuan\n"
    "1幢,1502,15,3室2厅2卫,南北通透,115.00,90.85,3350000.00\n";

  g_assert_cmpint (import_ok (f, good_csv, "首次开盘"), ==, 1);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM units"), ==, 4);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM unit_prices"), ==, 4);

  u1502 = find_unit (f, "1幢", "1502");
  g_assert_cmpint (u1502->floor, ==, 15);
  g_assert_cmpstr (u1502->layout, ==, "3室2厅2卫");
  g_assert_cmpstr (u1502->orientation, ==, "南北通透");
  g_assert_cmpint (u1502->gross_area, ==, 11500);
  g_assert_cmpint (u1502->inner_area, ==, 9085);
  g_assert_cmpint (u1502->list_price, ==, 328370000);
  g_assert_cmpint (u1502->price_version, ==, 1);
  g_assert_true (u1502->hot);
  g_assert_cmpstr (u1502->special_offer, ==, "开盘特惠, 送车位");
  g_assert_cmpint (floor_price_of (f, u1502->id), ==, 315000000);
  g_assert_cmpint (u1502->floor_price, ==, 315000000);
  u0302 = find_unit (f, "2幢", "0302");
  g_assert_cmpint (u0302->gross_area, ==, 8950);
  g_assert_cmpint (u0302->list_price, ==, 239999999);
  g_assert_null (u0302->orientation);
  g_assert_false (u0302->hot);
  g_assert_cmpstr (u0302->special_offer, ==, "一口价");
  g_assert_cmpint (floor_price_of (f, u0302->id), ==, 0);

  /* A quote made now keeps version 1 … */
  {
    g_autofree char *json = g_strdup_printf ("{\"unit_id\": \"%s\", \"minutes\": 120}", u1502->id);
    hold = run_ok (f, f->lina, "unit.hold", json);
  }
  quote_json = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"$C\", \"discount_ids\": [\"one_time_payment\"]}",
                                u1502->id);
  quote = run_ok (f, f->lina, "quote.create", quote_json);
  g_assert_cmpint (json_object_get_int_member (quote, "price_version"), ==, 1);

  /* … while version 2 changes the unit's price (and only what it lists). */
  f->clock.now += G_TIME_SPAN_HOUR;
  g_assert_cmpint (import_ok (f, v2, "调价"), ==, 2);
  g_clear_pointer (&u1502, anju_unit_row_free);
  u1502 = find_unit (f, "1幢", "1502");
  g_assert_cmpint (u1502->list_price, ==, 335000000);
  g_assert_cmpint (u1502->price_version, ==, 2);
  g_assert_true (u1502->hot);                                 /* no column: kept */
  g_assert_cmpstr (u1502->special_offer, ==, "开盘特惠, 送车位");
  g_assert_cmpint (floor_price_of (f, u1502->id), ==, 315000000);
  g_assert_cmpint (u1502->status, ==, ANJU_UNIT_HELD);        /* a price change leaves the hold */
  {
    g_autoptr(AnjuUnitRow) u1501 = find_unit (f, "1幢", "1501");
    g_assert_cmpint (u1501->price_version, ==, 1);
    g_assert_cmpint (u1501->list_price, ==, 250000000);
  }

  q = anju_quote_load (f->store, json_object_get_string_member (quote, "quote_id"), NULL);
  g_assert_cmpint (q->price_version, ==, 1);
  g_assert_cmpint (q->list_price, ==, 328370000);
  g_assert_cmpint (q->price, ==, 321802600);   /* 328,370,000 × 0.98 */

  versions = anju_price_lists_list (f->store, f->project_id, NULL);
  g_assert_cmpuint (versions->len, ==, 2);
  pl = g_ptr_array_index (versions, 0);
  g_assert_cmpint (pl->version, ==, 2);
  g_assert_cmpstr (pl->note, ==, "调价");
  g_assert_cmpstr (pl->actor_name, ==, "张伟");
  g_assert_cmpuint (pl->unit_count, ==, 1);
  g_assert_cmpstr (pl->imported_at, ==, "2026-11-26T03:00:00Z");
  pl = g_ptr_array_index (versions, 1);
  g_assert_cmpint (pl->version, ==, 1);
  g_assert_cmpuint (pl->unit_count, ==, 4);

  prices = anju_unit_list_prices (f->store, u1502->id, NULL);
  g_assert_cmpuint (prices->len, ==, 2);
  g_assert_cmpint (((AnjuUnitPrice *)g_ptr_array_index (prices, 0))->list_price, ==, 335000000);
  g_assert_cmpint (((AnjuUnitPrice *)g_ptr_array_index (prices, 1))->list_price, ==, 328370000);
  g_assert_true (((AnjuUnitPrice *)g_ptr_array_index (prices, 1))->hot);

  /* What the board exports imports again, as version 3 with nothing changed. */
  exported = anju_units_export_csv (f->store, f->project_id, NULL);
  {
    g_autoptr(AnjuUnitRow) again = NULL;

    g_assert_cmpint (import_ok (f, exported, NULL), ==, 3);
    again = find_unit (f, "1幢", "1502");
    g_assert_cmpint (again->list_price, ==, 335000000);
    g_assert_cmpstr (again->special_offer, ==, "开盘特惠, 送车位");
    g_assert_true (again->hot);
    g_assert_cmpint (floor_price_of (f, again->id), ==, 315000000);
  }

  /* The import went to the change feed, so it reaches every desk. */
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM changes WHERE tbl = 'price_lists'"), ==, 3);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM changes WHERE tbl = 'unit_prices'"), ==, 9);
}

static void
test_chinese_header (Fixture       *f,
                     gconstpointer  data)
{
  static const char csv[] =
    "楼栋,房号,楼层,户型,朝向,建筑面积,套内面积,总价,热销,特价,底价,单价\n"
    "1幢,101,1,2室2厅1卫,南,89.00,70.30,1800000.00,是,,1700000,20224.72\n";
  g_autoptr(AnjuUnitRow) u = NULL;

  g_assert_cmpint (import_ok (f, csv, NULL), ==, 1);
  u = find_unit (f, "1幢", "101");
  g_assert_true (u->hot);
  g_assert_cmpint (u->list_price, ==, 180000000);
  g_assert_cmpint (floor_price_of (f, u->id), ==, 170000000);
}

/* ---- bad files ---------------------------------------------------------------- */

static void
test_bad_number (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) p = import_refused (f,
      HEADER
      "1幢,1501,15,2室2厅1卫,南,89.00,70.30,2500000.00,0,,\n"
      "1幢,1502,15,3室2厅2卫,南,115.00,90.85,3283700.0x,0,,\n"
      "1幢,1401,十四,3室2厅2卫,南,115.00,90.85,3283700.00,0,,\n"
      "1幢,1402,14,3室2厅2卫,南,115.005,90.85,3283700.00,maybe,,\n", -1);

  g_assert_cmpuint (p->len, ==, 4);
  assert_problem (p, 0, 3, "list_price_yuan", "“3283700.0x” is not an amount");
  assert_problem (p, 1, 4, "floor", "“十四” is not a whole number");
  assert_problem (p, 2, 5, "gross_area_m2", "“115.005” is not an area");
  assert_problem (p, 3, 5, "hot", "not yes or no");
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM units"), ==, 0);
}

static void
test_unknown_building (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) p = import_refused (f,
      HEADER
      "9幢,1501,15,2室2厅1卫,南,89.00,70.30,2500000.00,0,,\n"
      "1幢,1502,15,3室2厅2卫,南,115.00,90.85,3283700.00,0,,\n"
      "1幢,1902,19,3室2厅2卫,南,115.00,90.85,3283700.00,0,,\n", -1);

  g_assert_cmpuint (p->len, ==, 2);
  assert_problem (p, 0, 2, "building", "There is no building “9幢” in 万科·安居苑");
  assert_problem (p, 1, 4, "floor", "Building 1幢 has floors 1 to 18; there is no floor 19");
}

static void
test_duplicate_unit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) p = import_refused (f,
      HEADER
      "1幢,1501,15,2室2厅1卫,南,89.00,70.30,2500000.00,0,,\n"
      "1幢,1502,15,3室2厅2卫,南,115.00,90.85,3283700.00,0,,\n"
      "1幢,1501,15,2室2厅1卫,南,89.00,70.30,2600000.00,0,,\n"
      "2幢,0101,1,A,,80,60,1000000,0,,\n"
      "2幢,0102,1,A,,80,60,1000000,0,,\n"
      "2幢,0103,1,A,,80,60,1000000,0,,\n"
      "2幢,0104,1,A,,80,60,1000000,0,,\n"
      "2幢,0105,1,A,,80,60,1000000,0,,\n"
      "1幢,15 02,15,A,,80,60,1000000,0,,\n", -1);

  g_assert_cmpuint (p->len, ==, 7);
  assert_problem (p, 0, 4, "number", "Unit 1幢-1501 is listed already on line 2");
  /* five units on a floor of four: every unit placed there is named */
  for (guint i = 1; i <= 5; i++)
    assert_problem (p, i, 4 + i, "floor", "Floor 1 of building 2幢 would have 5 units; it has room for 4");
  assert_problem (p, 6, 10, "number", "“15 02” cannot be a unit number");
}

static void
test_missing_column (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) p = import_refused (f,
      "building,number,floor,layout,gross_area_m2,list_price_yuan,colour\n"
      "1幢,1501,15,2室2厅1卫,89.00,2500000.00,red\n"
      "3幢,1502,15,3室2厅2卫,115.00,3283700.00,blue\n", -1);

  /* Each missing column once, not once per line; other faults still listed. */
  g_assert_cmpuint (p->len, ==, 3);
  assert_problem (p, 0, 1, "colour", "“colour” is not a price-list column");
  assert_problem (p, 1, 1, "inner_area_m2", "The column “inner_area_m2” is missing from the header");
  assert_problem (p, 2, 3, "building", "There is no building “3幢”");
}

static void
test_bad_encoding (Fixture       *f,
                   gconstpointer  data)
{
  /* Lines 3 and 5 saved in GBK: 中 is D6 D0, 南 is C4 CF. */
  static const char csv[] =
    HEADER
    "1幢,1501,15,2室2厅1卫,南,89.00,70.30,2500000.00,0,,\n"
    "1\xB4\xB1,1502,15,3\xCA\xD2,\xC4\xCF,115.00,90.85,3283700.00,0,,\n"
    "1幢,1401,14,3室2厅2卫,南,115.00,90.85,3283700.00,0,,\n"
    "1幢,1402,14,3室2厅2卫,\xD6\xD0,115.00,90.85,3283700.00,0,,\n";
  g_autoptr(GPtrArray) p = import_refused (f, csv, -1);
  g_autoptr(GPtrArray) q = NULL;

  g_assert_cmpuint (p->len, ==, 2);
  assert_problem (p, 0, 3, NULL, "not UTF-8");
  assert_problem (p, 1, 5, NULL, "not UTF-8");

  /* A whole file in GBK fails at its header. */
  q = import_refused (f, "\xC2\xA5\xB6\xB0,\xB7\xBF\xBA\xC5\n1,2\n", -1);
  g_assert_cmpuint (q->len, ==, 1);
  assert_problem (q, 0, 1, NULL, "The header is not UTF-8");
}

/* A NUL byte in a cell is refused, naming the column, not read as the
 * text before it. */
static void
test_nul_in_cell (Fixture       *f,
                  gconstpointer  data)
{
  static const char csv[] =
    HEADER
    "1幢,1501,15,2室2厅1卫,南,89.00,70.30,2500000.00,0,,\n"
    "1幢,1502,15,3室2厅2卫,南\0北,115.00,90.85,3283700.00,0,,\n";
  g_autoptr(GPtrArray) p = import_refused (f, csv, sizeof csv - 1);

  g_assert_cmpuint (p->len, ==, 1);
  assert_problem (p, 0, 3, "orientation", "NUL character");
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM units"), ==, 0);
}

/* Text that a spreadsheet would run as a formula leaves with an
 * apostrophe before it, and comes back in without. */
static void
test_export_guards_formulas (Fixture       *f,
                             gconstpointer  data)
{
  static const char csv[] =
    HEADER
    "1幢,1501,15,=HYPERLINK(\"http://x\"),+南,89.00,70.30,2500000.00,0,@SUM(A1),\n"
    "1幢,1502,15,-3室,南,115.00,90.85,3283700.00,0,,\n";
  g_autofree char *exported = NULL;
  g_autoptr(AnjuUnitRow) again = NULL;

  g_assert_cmpint (import_ok (f, csv, NULL), ==, 1);
  exported = anju_units_export_csv (f->store, f->project_id, NULL);
  g_assert_nonnull (strstr (exported, ",\"'=HYPERLINK(\"\"http://x\"\")\",'+南,"));
  g_assert_nonnull (strstr (exported, ",'@SUM(A1),"));
  g_assert_nonnull (strstr (exported, ",'-3室,"));
  for (const char *line = strchr (exported, '\n'); line != NULL; line = strchr (line + 1, '\n'))
    for (const char *cell = line + 1; *cell && *cell != '\r'; cell++)
      if (cell[-1] == ',' || cell[-1] == '\n')
        g_assert_null (strchr ("=+@", *cell));

  g_assert_cmpint (import_ok (f, exported, NULL), ==, 2);
  again = find_unit (f, "1幢", "1501");
  g_assert_cmpstr (again->layout, ==, "=HYPERLINK(\"http://x\")");
  g_assert_cmpstr (again->orientation, ==, "+南");
  g_assert_cmpstr (again->special_offer, ==, "@SUM(A1)");
}

static void
test_negative_and_inner_area (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) p = import_refused (f,
      HEADER
      "1幢,1501,15,2室2厅1卫,南,-89.00,70.30,2500000.00,0,,\n"
      "1幢,1502,15,3室2厅2卫,南,115.00,120.85,3283700.00,0,,\n"
      "1幢,1401,14,3室2厅2卫,南,115.00,90.85,-5,0,,\n"
      "1幢,1402,14,3室2厅2卫,南,115.00,90.85,3283700.00,0,,3300000\n"
      "1幢,1301,13,3室2厅2卫,南,0,0,3283700.00,0,,\n", -1);

  g_assert_cmpuint (p->len, ==, 6);
  assert_problem (p, 0, 2, "gross_area_m2", "The area “-89.00” is negative");
  assert_problem (p, 1, 3, "inner_area_m2", "The inner area (120.85 m²) is larger than the gross area (115.00 m²)");
  assert_problem (p, 2, 4, "list_price_yuan", "must be more than 0");
  assert_problem (p, 3, 5, "floor_price_yuan", "above the list price");
  assert_problem (p, 4, 6, "gross_area_m2", "more than 0");
  assert_problem (p, 5, 6, "inner_area_m2", "more than 0");
}

static void
test_shapeless_files (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) empty = import_refused (f, "", 0);
  g_autoptr(GPtrArray) header_only = import_refused (f, "\xEF\xBB\xBF" HEADER, -1);
  g_autoptr(GPtrArray) shapes = import_refused (f,
      HEADER
      "1幢,1501,15,2室2厅1卫,南,89.00,70.30,2500000.00,0,,,extra\n"
      "1幢,1502,15,,南,115.00,90.85,3283700.00,0,\"unclosed\n", -1);

  assert_problem (empty, 0, 0, NULL, "The file is empty");
  assert_problem (header_only, 0, 0, NULL, "lists no units");
  g_assert_cmpuint (shapes->len, ==, 3);
  assert_problem (shapes, 0, 2, NULL, "12 values but the header names 11 columns");
  assert_problem (shapes, 1, 3, NULL, "never closed");
  assert_problem (shapes, 2, 3, "layout", "missing");
}

/* ---- the command itself ------------------------------------------------------ */

static void
assert_command_refused (Fixture              *f,
                        const AnjuUser       *actor,
                        const char           *json,
                        AnjuCommandErrorCode  code,
                        const char           *field,
                        const char           *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new (json);
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *before = anju_test_dump_database (f->store);
  g_autofree char *after = NULL;

  g_string_replace (s, "$P", f->project_id, 0);
  payload = anju_test_json_object (s->str);
  answer = anju_command_run (f->store, actor, "price_list.import", payload, &error);
  g_assert_null (answer);
  g_assert_error (error, ANJU_COMMAND_ERROR, (int)code);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, field);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” not in “%s”", fragment, error->message);
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_command_checks_again (Fixture       *f,
                           gconstpointer  data)
{
  g_assert_true (anju_commands_lookup ("price_list.import")->flags & ANJU_COMMAND_FLAG_OFFICE_DECISION);

  assert_command_refused (f, f->lina, "{\"rows\": []}", ANJU_COMMAND_ERROR_FORBIDDEN, NULL, NULL);
  assert_command_refused (f, f->manager, "{}", ANJU_COMMAND_ERROR_MISSING_FIELD, "rows", NULL);
  assert_command_refused (f, f->manager, "{\"rows\": []}", ANJU_COMMAND_ERROR_INVALID_FIELD, "rows", NULL);
  assert_command_refused (f, f->manager, "{\"project_id\": \"nope\", \"rows\": [{}]}",
                          ANJU_COMMAND_ERROR_NOT_FOUND, "project_id", NULL);
  /* Rows sent straight to the command are checked as a file's would be. */
  assert_command_refused (f, f->manager,
                          "{\"project_id\": \"$P\", \"rows\": ["
                          "{\"building\": \"1幢\", \"number\": \"1501\", \"floor\": 15, \"layout\": \"A\", "
                          "\"gross_area\": 8900, \"inner_area\": 9000, \"list_price\": 250000000},"
                          "{\"building\": \"1幢\", \"number\": \"1502\", \"floor\": 15, \"layout\": \"A\", "
                          "\"gross_area\": 8900, \"inner_area\": 7000, \"list_price\": \"lots\"},"
                          "\"junk\"]}",
                          ANJU_COMMAND_ERROR_INVALID_FIELD, "rows",
                          "The price list has 3 problems; nothing was imported. Correct them and import the file again:\n"
                          "line 1, inner_area_m2: The inner area (90.00 m²) is larger than the gross area (89.00 m²). Check both figures.\n"
                          "line 2, list_price_yuan: The list price is more than 0 and at most ¥10,000,000,000.00.\n"
                          "line 3: Each row is an object with the unit's columns.");

  /* Offline: a connected desk sends the import to the server. */
  g_assert_true (anju_store_set_outbox_enabled (f->store, TRUE, NULL));
  assert_command_refused (f, f->manager,
                          "{\"rows\": [{\"building\": \"1幢\", \"number\": \"1501\", \"floor\": 15, \"layout\": \"A\", "
                          "\"gross_area\": 8900, \"inner_area\": 7000, \"list_price\": 250000000}]}",
                          ANJU_COMMAND_ERROR_OFFLINE, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  anju_format_set_time_zone ("Asia/Shanghai");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/price-lists/good-import-and-versions", test_good_import_and_versions);
  ADD ("/price-lists/chinese-header", test_chinese_header);
  ADD ("/price-lists/bad-number", test_bad_number);
  ADD ("/price-lists/unknown-building", test_unknown_building);
  ADD ("/price-lists/duplicate-unit", test_duplicate_unit);
  ADD ("/price-lists/missing-column", test_missing_column);
  ADD ("/price-lists/bad-encoding", test_bad_encoding);
  ADD ("/price-lists/nul-in-cell", test_nul_in_cell);
  ADD ("/price-lists/export-guards-formulas", test_export_guards_formulas);
  ADD ("/price-lists/negative-and-inner-area", test_negative_and_inner_area);
  ADD ("/price-lists/shapeless-files", test_shapeless_files);
  ADD ("/price-lists/command-checks-again", test_command_checks_again);
#undef ADD

  return g_test_run ();
}
