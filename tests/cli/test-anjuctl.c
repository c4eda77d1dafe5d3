/* test-anjuctl.c — anjuctl end to end on a real database file */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <json-glib/json-glib.h>

#include "anju-care.h"
#include "anjuctl-test-run.h"

static char *dir;
static char *db;

/* Runs anjuctl --database DB ARGS… with @input on stdin. */
static void
anjuctl (Result     *r,
         const char *input,
         ...)
{
  va_list args;

  va_start (args, input);
  anjuctl_test_runv (r, db, input, args);
  va_end (args);
}

static void
test_version (void)
{
  g_auto(Result) r = { 0 };

  anjuctl (&r, NULL, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "anjuctl "));
}

static void
test_check_id (void)
{
  g_auto(Result) ok = { 0 };
  g_auto(Result) bad = { 0 };
  g_auto(Result) legacy = { 0 };

  anjuctl (&ok, NULL, "check-id", "11010519491231002x", NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "11010519491231002X"));
  g_assert_nonnull (strstr (ok.out, "1949-12-31"));
  anjuctl (&bad, NULL, "check-id", "110105194912310021", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_true (g_str_has_prefix (bad.out, "invalid: "));
  /* 15 digits become 18: 110105491231002 → 11010519491231002X */
  anjuctl (&legacy, NULL, "check-id", "110105491231002", NULL);
  g_assert_cmpint (legacy.status, ==, 0);
  g_assert_nonnull (strstr (legacy.out, "11010519491231002X"));
}

static void
test_amount_words (void)
{
  g_auto(Result) a = { 0 };
  g_auto(Result) b = { 0 };
  g_auto(Result) c = { 0 };
  g_auto(Result) bad = { 0 };

  anjuctl (&a, NULL, "amount-words", "107000.53", NULL);
  g_assert_cmpstr (a.out, ==, "人民币壹拾万柒仟元零伍角叁分\n");
  anjuctl (&b, NULL, "amount-words", "1000000", NULL);
  g_assert_cmpstr (b.out, ==, "人民币壹佰万元整\n");
  anjuctl (&c, NULL, "amount-words", "16409.02", NULL);
  g_assert_cmpstr (c.out, ==, "人民币壹万陆仟肆佰零玖元零贰分\n");
  anjuctl (&bad, NULL, "amount-words", "12.345", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "amount"));
}

static int
count_rows (const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return n;
}

static void
test_init_users_apply_find (void)
{
  g_auto(Result) init = { 0 };
  g_auto(Result) add = { 0 };
  g_auto(Result) weak = { 0 };
  g_auto(Result) apply = { 0 };
  g_auto(Result) find = { 0 };
  g_auto(Result) none = { 0 };
  g_auto(Result) unknown = { 0 };
  g_auto(GStrv) lines = NULL;
  const char *commands =
    "{\"id\": \"8f14e45f-ceea-467f-a8f0-6a1c3e2b9d01\", \"type\": \"customer.create\", "
    "\"payload\": {\"name\": \"王芳\", \"mobile\": \"13812345678\"}}\n"
    "\n"
    "{\"id\": \"8f14e45f-ceea-467f-a8f0-6a1c3e2b9d02\", \"type\": \"customer.create\", "
    "\"payload\": {\"name\": \"赵敏\", \"id_number\": \"110105194912310021\"}}\n"
    "not json at all\n"
    "{\"id\": \"8f14e45f-ceea-467f-a8f0-6a1c3e2b9d03\", \"type\": \"customer.create\", "
    "\"payload\": {\"name\": \"孙丽\", \"mobile\": \"13900001111\"}}\n";

  anjuctl (&init, NULL, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  anjuctl (&add, "a-long-password\n", "users", "add", "lina", "--role", "consultant",
           "--display-name", "李娜", NULL);
  g_assert_cmpint (add.status, ==, 0);
  anjuctl (&weak, "short\n", "users", "add", "wang", "--role", "consultant", NULL);
  g_assert_cmpint (weak.status, ==, 1);
  g_assert_nonnull (strstr (weak.err, "password"));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM users"), ==, 1);

  anjuctl (&apply, commands, "apply", "-", "--user", "lina", NULL);
  g_assert_cmpint (apply.status, ==, 1);              /* two lines were refused */
  lines = g_strsplit (g_strstrip (apply.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_nonnull (strstr (lines[0], "\"status\":\"applied\""));
  g_assert_nonnull (strstr (lines[1], "\"status\":\"rejected\""));
  g_assert_nonnull (strstr (lines[1], "\"field\":\"id_number\""));
  g_assert_nonnull (strstr (lines[2], "\"code\":\"malformed\""));
  g_assert_nonnull (strstr (lines[2], "\"line\":4"));
  g_assert_nonnull (strstr (lines[3], "\"status\":\"applied\""));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM customers"), ==, 2);

  anjuctl (&find, NULL, "customers", "find", "138123", NULL);
  g_assert_cmpint (find.status, ==, 0);
  g_assert_nonnull (strstr (find.out, "王芳"));
  g_assert_nonnull (strstr (find.out, "138****5678"));
  g_assert_null (strstr (find.out, "13812345678"));
  anjuctl (&none, NULL, "customers", "find", "nobody", NULL);
  g_assert_cmpint (none.status, ==, 1);

  anjuctl (&unknown, "", "apply", "-", "--user", "ghost", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "ghost"));
}

/* IT sets up an office without a project: projects create, buildings
 * create; each refusal names its field and leaves nothing behind. */
static void
test_projects (void)
{
  g_auto(Result) init = { 0 }, add = { 0 }, early = { 0 }, consultant = { 0 }, created = { 0 };
  g_auto(Result) twice = { 0 }, model = { 0 }, floors = { 0 }, building = { 0 }, list = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *office = g_build_filename (dir, "projects.db", NULL);
  char *saved = db;
  JsonArray *rows;
  JsonObject *row;

  db = office;
  anjuctl (&init, NULL, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  anjuctl (&add, "a-long-password\n", "users", "add", "lina", "--role", "consultant", NULL);
  g_assert_cmpstr (add.err, ==, "");
  g_assert_cmpint (add.status, ==, 0);

  anjuctl (&early, NULL, "buildings", "create", "1幢", "--floors", "18", "--units-per-floor", "4", NULL);
  g_assert_cmpint (early.status, ==, 1);
  g_assert_nonnull (strstr (early.err, "anjuctl projects create"));

  anjuctl (&consultant, NULL, "projects", "create", "安居苑", "--user", "lina", NULL);
  g_assert_cmpint (consultant.status, ==, 1);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM projects"), ==, 0);

  anjuctl (&created, NULL, "projects", "create", "安居苑", "--city", "杭州", "--model", "vanke", NULL);
  g_assert_cmpint (created.status, ==, 0);
  g_assert_nonnull (strstr (created.out, "安居苑"));
  anjuctl (&twice, NULL, "projects", "create", "安居苑", NULL);
  g_assert_cmpint (twice.status, ==, 1);
  g_assert_nonnull (strstr (twice.err, "anjuctl: name: "));
  anjuctl (&model, NULL, "projects", "create", "二期", "--model", "nosuch", NULL);
  g_assert_cmpint (model.status, ==, 1);
  g_assert_nonnull (strstr (model.err, "anjuctl: segmentation_model: "));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM projects"), ==, 1);

  anjuctl (&floors, NULL, "buildings", "create", "1幢", "--floors", "0", "--units-per-floor", "4", NULL);
  g_assert_cmpint (floors.status, ==, 2);
  g_assert_nonnull (strstr (floors.err, "floors"));
  anjuctl (&building, NULL, "buildings", "create", "1幢", "--floors", "18", "--units-per-floor", "4", NULL);
  g_assert_cmpint (building.status, ==, 0);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM buildings WHERE floors = 18 AND units_per_floor = 4"), ==, 1);

  anjuctl (&list, NULL, "projects", "list", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, list.out, -1, &error));
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "安居苑");
  g_assert_cmpstr (json_object_get_string_member (row, "city"), ==, "杭州");
  g_assert_cmpint (json_object_get_int_member (row, "buildings"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (row, "units"), ==, 0);
  db = saved;
}

/* A second database with the demo project, for the units and reception
 * commands. */
static char *demo_db;

static void
anjuctl_demo (Result     *r,
              const char *input,
              ...)
{
  va_list args;

  va_start (args, input);
  anjuctl_test_runv (r, demo_db, input, args);
  va_end (args);
}

static int
count_demo (const char *sql)
{
  char *saved = db;
  int n;

  db = demo_db;
  n = count_rows (sql);
  db = saved;
  return n;
}

static void
test_units (void)
{
  g_auto(Result) init = { 0 };
  g_auto(Result) list = { 0 };
  g_auto(Result) held = { 0 };
  g_auto(Result) exported = { 0 };
  g_auto(Result) bad = { 0 };
  g_auto(Result) good = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (dir, "board.csv", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *good_path = g_build_filename (dir, "good.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *bad_csv = NULL;
  g_autoptr(GString) good_csv = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *rows;
  JsonObject *first;

  anjuctl_demo (&init, NULL, "init", "--demo", NULL);
  g_assert_cmpint (init.status, ==, 0);

  anjuctl_demo (&list, NULL, "units", "list", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  json_parser_load_from_data (parser, list.out, -1, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 224);
  first = json_array_get_object_element (rows, 0);
  g_assert_true (json_object_has_member (first, "id"));
  g_assert_true (json_object_has_member (first, "building"));
  g_assert_true (json_object_has_member (first, "floor"));
  g_assert_true (json_object_has_member (first, "number"));
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "available");
  g_assert_cmpint (json_object_get_int_member (first, "list_price"), >, 0);

  anjuctl_demo (&held, NULL, "units", "list", "--status", "held", NULL);
  g_assert_cmpint (held.status, ==, 0);
  g_assert_cmpstr (held.out, ==, "");

  /* export: a header and one line per unit */
  anjuctl_demo (&exported, NULL, "units", "export", csv_path, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  lines = g_strsplit (g_strstrip (csv), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 225);
  g_assert_nonnull (strstr (lines[0], "building,number,floor"));

  /* one bad line refuses the whole file and names line and column */
  bad_csv = g_strdup_printf ("building,number,floor,layout,orientation,gross_area_m2,inner_area_m2,list_price_yuan\n"
                             "1幢,1801,18,4室2厅2卫,东南,143.00,112.97,4400000.00\n"
                             "1幢,1802,18,2室2厅1卫,南,89.00,70.30,abc\n");
  g_assert_true (g_file_set_contents (bad_path, bad_csv, -1, NULL));
  anjuctl_demo (&bad, NULL, "units", "import", bad_path, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, ":3:"));
  g_assert_nonnull (strstr (bad.err, "list_price_yuan"));
  g_assert_cmpint (count_demo ("SELECT count(*) FROM price_lists"), ==, 1);
  g_assert_cmpint (count_demo ("SELECT list_price FROM units u JOIN buildings b ON b.id = u.building_id "
                               "WHERE b.name = '1幢' AND u.number = '1801'"), ==, 452595000);

  /* a good file is the next version */
  good_csv = g_string_new ("building,number,floor,layout,orientation,gross_area_m2,inner_area_m2,list_price_yuan\n"
                           "1幢,1801,18,4室2厅2卫,东南,143.00,112.97,4400000.00\n");
  g_assert_true (g_file_set_contents (good_path, good_csv->str, -1, NULL));
  anjuctl_demo (&good, NULL, "units", "import", good_path, NULL);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_cmpint (count_demo ("SELECT count(*) FROM price_lists"), ==, 2);
  g_assert_cmpint (count_demo ("SELECT list_price FROM units u JOIN buildings b ON b.id = u.building_id "
                               "WHERE b.name = '1幢' AND u.number = '1801'"), ==, 440000000);
}

static void
test_tasks_and_plan (void)
{
  g_auto(Result) none = { 0 };
  g_auto(Result) applied = { 0 };
  g_auto(Result) tasks = { 0 };
  g_auto(Result) plan = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) local = g_date_time_to_timezone (tomorrow, shanghai ? shanghai : g_time_zone_new_utc ());
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *appointment = g_strdup_printf ("%sT15:00:00+08:00", day);
  g_autofree char *started = g_date_time_format_iso8601 (now);
  g_autofree char *lina_id = NULL;
  g_autofree char *command = NULL;

  /* the demo is loaded by test_units, which runs first */
  anjuctl_demo (&none, NULL, "tasks", "--user", "lina", NULL);
  g_assert_cmpint (none.status, ==, 0);

  {
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_open (demo_db, &handle), ==, SQLITE_OK);
    sqlite3_prepare_v2 (handle, "SELECT id FROM users WHERE username = 'lina'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    lina_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    sqlite3_close (handle);
  }
  command = g_strdup_printf ("{\"id\": \"0b8e7a52-3f0d-4c55-9a3e-2c1f6b7d8e01\", \"type\": \"call.log\", "
                             "\"payload\": {\"mobile\": \"13700001234\", \"new_customer\": {\"name\": \"钱多多\", \"title\": \"先生\"}, "
                             "\"answered_by\": \"%s\", \"backup\": false, \"rings\": 2, "
                             "\"started_at\": \"%s\", \"ended_at\": \"%s\", \"reason\": \"价格咨询\", "
                             "\"questions\": [], \"invited\": true, \"contact_refused\": false, "
                             "\"intent\": true, \"appointment_at\": \"%s\", \"car_plate\": \"浙A12345\"}}\n",
                             lina_id, started, started, appointment);
  anjuctl_demo (&applied, command, "apply", "-", "--user", "lina", NULL);
  g_assert_cmpint (applied.status, ==, 0);

  /* the visit is on tomorrow's reception plan, with the car plate */
  anjuctl_demo (&plan, NULL, "plan", "--date", day, NULL);
  g_assert_cmpint (plan.status, ==, 0);
  g_assert_nonnull (strstr (plan.out, "钱多多"));
  g_assert_nonnull (strstr (plan.out, "15:00"));

  /* and lina has her follow-ups */
  anjuctl_demo (&tasks, NULL, "tasks", "--user", "lina", "--date", day, NULL);
  g_assert_cmpint (tasks.status, ==, 0);
  g_assert_nonnull (strstr (tasks.out, "钱多多"));
}

/* --- loans, fees and payment plans ------------------------------------- */

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_loan (void)
{
  g_auto(Result) text = { 0 };
  g_auto(Result) json = { 0 };
  g_auto(Result) principal = { 0 };
  g_auto(Result) rate = { 0 };
  g_auto(Result) months = { 0 };
  g_auto(Result) method = { 0 };
  g_auto(Result) missing = { 0 };
  g_autoptr(JsonObject) loan = NULL;
  JsonArray *schedule;
  gint64 sum_payment = 0, sum_interest = 0;

  /* The published figures: ¥1,000,000 at 4.9 % over 30 years. */
  anjuctl (&text, NULL, "loan", "--principal", "1000000", "--rate", "4.9", "--months", "360",
           "--method", "equal-installment", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Monthly payment: 5307.27\n"));
  g_assert_nonnull (strstr (text.out, "   360      5305.19      5283.62        21.57           0.00\n"));

  anjuctl (&json, NULL, "loan", "--principal", "1,000,000.00", "--rate", "4.90%", "--months", "360",
           "--method", "equal-principal", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  loan = parse_object (json.out);
  g_assert_cmpstr (json_object_get_string_member (loan, "monthly_payment"), ==, "6861.11");
  g_assert_cmpstr (json_object_get_string_member (loan, "total_interest"), ==, "737041.08");
  g_assert_cmpstr (json_object_get_string_member (loan, "total_payment"), ==, "1737041.08");
  schedule = json_object_get_array_member (loan, "schedule");
  g_assert_cmpuint (json_array_get_length (schedule), ==, 360);
  /* Totals are the sums of the schedule. */
  for (guint i = 0; i < json_array_get_length (schedule); i++)
    {
      JsonObject *row = json_array_get_object_element (schedule, i);
      gint64 payment, interest;

      g_assert_cmpint (json_object_get_int_member (row, "period"), ==, i + 1);
      payment = g_ascii_strtoll (json_object_get_string_member (row, "payment"), NULL, 10) * 100 +
                atoi (strchr (json_object_get_string_member (row, "payment"), '.') + 1);
      interest = g_ascii_strtoll (json_object_get_string_member (row, "interest"), NULL, 10) * 100 +
                 atoi (strchr (json_object_get_string_member (row, "interest"), '.') + 1);
      sum_payment += payment;
      sum_interest += interest;
    }
  g_assert_cmpint (sum_payment, ==, 173704108);
  g_assert_cmpint (sum_interest, ==, 73704108);

  /* Bad input: exit 2 and a sentence naming the option. */
  anjuctl (&principal, NULL, "loan", "--principal", "0", "--rate", "4.9", "--months", "360",
           "--method", "equal-installment", NULL);
  g_assert_cmpint (principal.status, ==, 2);
  anjuctl (&rate, NULL, "loan", "--principal", "100", "--rate", "3.0751", "--months", "12",
           "--method", "equal-installment", NULL);
  g_assert_cmpint (rate.status, ==, 2);
  g_assert_true (g_str_has_prefix (rate.err, "anjuctl: --rate: "));
  anjuctl (&months, NULL, "loan", "--principal", "100", "--rate", "3.075", "--months", "601",
           "--method", "equal-installment", NULL);
  g_assert_cmpint (months.status, ==, 2);
  g_assert_true (g_str_has_prefix (months.err, "anjuctl: --months: "));
  anjuctl (&method, NULL, "loan", "--principal", "100", "--rate", "3.075", "--months", "12",
           "--method", "balloon", NULL);
  g_assert_cmpint (method.status, ==, 2);
  g_assert_true (g_str_has_prefix (method.err, "anjuctl: --method: "));
  anjuctl (&missing, NULL, "loan", "--principal", "100", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "Usage: anjuctl loan"));
}

static void
test_fees (void)
{
  g_auto(Result) at = { 0 };
  g_auto(Result) above = { 0 };
  g_auto(Result) before = { 0 };
  g_auto(Result) early = { 0 };
  g_auto(Result) city = { 0 };
  g_auto(Result) home = { 0 };
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autoptr(JsonObject) c = NULL;

  /* 140.00 m² is "up to 140": 1 %; 140.01 m² is above: 1.5 % (first home). */
  anjuctl (&at, NULL, "fees", "--price", "3000000", "--area", "140.00", "--home-number", "1",
           "--city", "hangzhou", "--date", "2026-12-04", "--json", NULL);
  g_assert_cmpint (at.status, ==, 0);
  a = parse_object (at.out);
  g_assert_cmpstr (json_object_get_string_member (a, "deed_tax"), ==, "30000.00");
  g_assert_cmpstr (json_object_get_string_member (a, "registration_fee"), ==, "80.00");
  g_assert_cmpstr (json_object_get_string_member (a, "stamp_duty"), ==, "0.00");
  g_assert_cmpstr (json_object_get_string_member (a, "maintenance_fund"), ==, "17920.00");
  g_assert_cmpstr (json_object_get_string_member (a, "notary_fee"), ==, "0.00");
  g_assert_cmpstr (json_object_get_string_member (a, "total"), ==, "48000.00");
  anjuctl (&above, NULL, "fees", "--price", "3000000", "--area", "140.01", "--home-number", "1",
           "--city", "杭州", "--date", "2026-12-04", "--json", NULL);
  b = parse_object (above.out);
  g_assert_cmpstr (json_object_get_string_member (b, "deed_tax"), ==, "45000.00");
  g_assert_cmpstr (json_object_get_string_member (b, "total"), ==, "63001.28");

  /* The day before 2024-12-01 the 2016 rule applies (limit 90 m²). */
  anjuctl (&before, NULL, "fees", "--price", "3000000", "--area", "140.00", "--home-number", "2",
           "--date", "2024-11-30", "--json", NULL);
  g_assert_cmpint (before.status, ==, 0);
  c = parse_object (before.out);
  g_assert_cmpstr (json_object_get_string_member (c, "deed_tax"), ==, "60000.00");

  /* Before the oldest rule: refused, naming --date. */
  anjuctl (&early, NULL, "fees", "--price", "3000000", "--area", "90", "--home-number", "1",
           "--date", "2010-01-01", NULL);
  g_assert_cmpint (early.status, ==, 2);
  g_assert_true (g_str_has_prefix (early.err, "anjuctl: --date: "));
  anjuctl (&city, NULL, "fees", "--price", "3000000", "--area", "90", "--home-number", "1",
           "--city", "atlantis", NULL);
  g_assert_cmpint (city.status, ==, 2);
  g_assert_true (g_str_has_prefix (city.err, "anjuctl: --city: "));
  g_assert_nonnull (strstr (city.err, "hangzhou"));
  anjuctl (&home, NULL, "fees", "--price", "3000000", "--area", "90", "--home-number", "4", NULL);
  g_assert_cmpint (home.status, ==, 2);
  g_assert_true (g_str_has_prefix (home.err, "anjuctl: --home-number: "));
}

/* One column of the first row of @sql in the demo database. */
static char *
demo_text (const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open (demo_db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return text;
}

static void
test_payment_plan (void)
{
  g_auto(Result) applied = { 0 };
  g_auto(Result) combination = { 0 };
  g_auto(Result) text = { 0 };
  g_auto(Result) no_part = { 0 };
  g_auto(Result) low = { 0 };
  g_auto(Result) unknown = { 0 };
  g_autoptr(JsonObject) plan = NULL;
  g_autofree char *unit = demo_text ("SELECT u.id FROM units u JOIN buildings b ON b.id = u.building_id "
                                     "WHERE b.name = '1幢' AND u.number = '1502'");
  g_autofree char *customer = demo_text ("SELECT c.id FROM customers c JOIN users u ON u.id = c.owner_id "
                                         "WHERE u.username = 'lina' ORDER BY c.name LIMIT 1");
  g_autofree char *commands = g_strdup_printf (
      "{\"id\": \"0b8e7a52-3f0d-4c55-9a3e-2c1f6b7d8e11\", \"type\": \"unit.hold\", "
      "\"payload\": {\"unit_id\": \"%s\", \"customer_id\": \"%s\"}}\n"
      "{\"id\": \"0b8e7a52-3f0d-4c55-9a3e-2c1f6b7d8e12\", \"type\": \"quote.create\", "
      "\"payload\": {\"unit_id\": \"%s\", \"customer_id\": \"%s\"}}\n",
      unit, customer, unit, customer);
  g_autofree char *quote = NULL;
  JsonArray *payments;

  /* The demo is loaded by test_units, which runs first. 1幢-1502 is 89.00 m²
   * at ¥2,723,400.00; 李娜 holds it and quotes the list price. */
  anjuctl_demo (&applied, commands, "apply", "-", "--user", "lina", NULL);
  g_assert_cmpint (applied.status, ==, 0);
  quote = demo_text ("SELECT id FROM quotes ORDER BY created_at DESC LIMIT 1");

  /* Combination: 30 % down (¥817,020.00), ¥1,000,000 provident at 2.6 %
   * (4,003.40 a month) and ¥906,380 commercial at 3.5 % (4,070.05). */
  anjuctl_demo (&combination, NULL, "payment-plan", "--quote", quote, "--payment", "combination",
                "--provident-amount", "1000000", "--date", "2026-12-04", "--json", NULL);
  g_assert_cmpint (combination.status, ==, 0);
  plan = parse_object (combination.out);
  g_assert_cmpstr (json_object_get_string_member (plan, "price"), ==, "2723400.00");
  g_assert_cmpstr (json_object_get_string_member (plan, "down_payment"), ==, "817020.00");
  g_assert_cmpstr (json_object_get_string_member (plan, "loan_amount"), ==, "1906380.00");
  g_assert_cmpstr (json_object_get_string_member (plan, "monthly_payment"), ==, "8073.45");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (plan, "provident_loan"),
                                                  "monthly_payment"), ==, "4003.40");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (plan, "loan"),
                                                  "total_interest"), ==, "1000060.95");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (plan, "fees"),
                                                  "total"), ==, "38706.00");
  payments = json_object_get_array_member (plan, "payments");
  g_assert_cmpuint (json_array_get_length (payments), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (payments, 0), "code"),
                   ==, "down_payment");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (payments, 0), "due_date"),
                   ==, "2026-12-11");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (plan, "totals"),
                                                  "buyer"), ==, "855726.00");

  anjuctl_demo (&text, NULL, "payment-plan", "--quote", quote, "--payment", "instalments",
                "--deposit", "50000", "--date", "2026-12-04", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Instalment 1 (less the deposit)"));
  g_assert_nonnull (strstr (text.out, "1311700.00"));

  anjuctl_demo (&no_part, NULL, "payment-plan", "--quote", quote, "--payment", "combination", NULL);
  g_assert_cmpint (no_part.status, ==, 2);
  g_assert_true (g_str_has_prefix (no_part.err, "anjuctl: --provident-amount: "));
  anjuctl_demo (&low, NULL, "payment-plan", "--quote", quote, "--payment", "commercial",
                "--down-payment", "400000", NULL);
  g_assert_cmpint (low.status, ==, 2);
  g_assert_true (g_str_has_prefix (low.err, "anjuctl: --down-payment: "));
  anjuctl_demo (&unknown, NULL, "payment-plan", "--quote", "nope", "--payment", "one-time", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_true (g_str_has_prefix (unknown.err, "anjuctl: --quote: "));
}

/* anjuctl render: a paper's model to a real PDF; a model without the
 * price, or an unknown kind, is refused and writes nothing. */
static void
test_render (void)
{
  g_autofree char *model = g_test_build_filename (G_TEST_DIST, "print", "fixtures", "receipt.json", NULL);
  g_autofree char *pdf = g_build_filename (dir, "receipt.pdf", NULL);
  g_autofree char *bad_model = g_build_filename (dir, "no-amount.json", NULL);
  g_autofree char *bad_pdf = g_build_filename (dir, "no-amount.pdf", NULL);
  g_autofree char *contents = NULL;
  g_auto(Result) ok = { 0 };
  g_auto(Result) missing = { 0 };
  g_auto(Result) kind = { 0 };
  gsize length = 0;

  anjuctl (&ok, NULL, "render", "receipt", "--model", model, "--output", pdf, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "pages: 1"));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* the same receipt without its amount */
  {
    g_autoptr(GString) text = g_string_new (NULL);
    g_autofree char *fixture = NULL;

    g_assert_true (g_file_get_contents (model, &fixture, NULL, NULL));
    g_string_assign (text, fixture);
    g_assert_cmpuint (g_string_replace (text, "\"amount\"", "\"sum\"", 0), ==, 1);
    g_assert_true (g_file_set_contents (bad_model, text->str, -1, NULL));
  }
  anjuctl (&missing, NULL, "render", "receipt", "--model", bad_model, "--output", bad_pdf, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "receipt.amount"));
  g_assert_false (g_file_test (bad_pdf, G_FILE_TEST_EXISTS));

  anjuctl (&kind, NULL, "render", "contract", "--model", model, "--output", bad_pdf, NULL);
  g_assert_cmpint (kind.status, ==, 2);
  g_assert_nonnull (strstr (kind.err, "contract"));
}

static void
test_handover (void)
{
  g_auto(Result) refused = { 0 };
  g_auto(Result) moved = { 0 };
  g_auto(Result) status = { 0 };
  int wanglei = count_demo ("SELECT count(*) FROM customers c JOIN users u ON u.id = c.owner_id "
                            "WHERE u.username = 'wanglei'");

  g_assert_cmpint (wanglei, >, 0);
  /* a consultant may not hand over, and nothing moves */
  anjuctl_demo (&refused, NULL, "handover", "--from", "wanglei", "--to", "lina",
                "--reason", "离职", "--user", "lina", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.out, "\"forbidden\""));
  g_assert_cmpint (count_demo ("SELECT count(*) FROM handovers"), ==, 0);

  anjuctl_demo (&moved, NULL, "handover", "--from", "wanglei", "--to", "lina",
                "--reason", "离职", "--user", "zhangwei", NULL);
  g_assert_cmpint (moved.status, ==, 0);
  g_assert_nonnull (strstr (moved.out, "\"applied\""));
  g_assert_cmpint (count_demo ("SELECT count(*) FROM customers c JOIN users u ON u.id = c.owner_id "
                               "WHERE u.username = 'wanglei'"), ==, 0);
  /* due three days on, moved to the next opening (09:00–21:00 local)
   * when that falls at night */
  g_assert_cmpint (count_demo ("SELECT count(*) FROM tasks WHERE kind = 'contact_after_handover' "
                               "AND julianday(due_at) - julianday(created_at) BETWEEN 3 AND 3.5 "
                               "AND time(due_at, '+8 hours') BETWEEN '09:00:00' AND '21:00:59'"), ==, wanglei);

  anjuctl_demo (&status, NULL, "handover", "status", NULL);
  g_assert_cmpint (status.status, ==, 0);
  g_assert_nonnull (strstr (status.out, "王磊 → 李娜"));
  g_assert_nonnull (strstr (status.out, "离职"));
}

static JsonNode *
parse_out (const Result *r)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (r->status, ==, 0);
  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The demo's deals: receipts, the day's totals, payments due, deals. */
static void
test_deals (void)
{
  g_auto(Result) list = { 0 };
  g_auto(Result) text = { 0 };
  g_auto(Result) empty_day = { 0 };
  g_auto(Result) due = { 0 };
  g_auto(Result) lina_due = { 0 };
  g_auto(Result) subs = { 0 };
  g_auto(Result) all_subs = { 0 };
  g_auto(Result) bad = { 0 };
  g_auto(Result) bad_date = { 0 };
  g_autoptr(JsonNode) receipts = NULL;
  g_autoptr(JsonNode) due_rows = NULL;
  g_autoptr(JsonNode) lina_rows = NULL;
  g_autoptr(GHashTable) days = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 listed_net = 0, summed_net = 0;
  guint overdue = 0, soon = 0;
  GHashTableIter iter;
  gpointer day;
  JsonArray *rows;

  /* the demo is loaded by test_units, which runs first */
  anjuctl_demo (&list, NULL, "receipts", "list", "--json", NULL);
  receipts = parse_out (&list);
  rows = json_node_get_array (receipts);
  g_assert_cmpuint (json_array_get_length (rows), ==, 6);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *r = json_array_get_object_element (rows, i);
      gint64 fen = (gint64)(g_ascii_strtod (json_object_get_string_member (r, "amount"), NULL) * 100 + 0.5);

      g_assert_cmpint (json_object_get_int_member (r, "number"), ==, i + 1);
      if (!json_object_get_boolean_member (r, "void"))
        listed_net += g_str_equal (json_object_get_string_member (r, "purpose"), "refund") ? -fen : fen;
      g_hash_table_add (days, (gpointer)json_object_get_string_member (r, "paid_on"));
    }
  /* ¥100,000 (reissued) + ¥50,000 + ¥50,000 − ¥50,000 refunded + ¥20,000 */
  g_assert_cmpint (listed_net, ==, 17000000);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "amount_in_words"), ==,
                   "人民币壹万元整");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (rows, 0), "void"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 1), "reissue_of_number"), ==, 1);

  /* the days' summaries by method add up to the same */
  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, &day, NULL))
    {
      g_auto(Result) summary = { 0 };
      g_autoptr(JsonNode) node = NULL;
      JsonArray *methods;
      gint64 by_method = 0, net;

      anjuctl_demo (&summary, NULL, "receipts", "summary", "--date", (const char *)day, "--json", NULL);
      node = parse_out (&summary);
      net = (gint64)(g_ascii_strtod (json_object_get_string_member (json_node_get_object (node), "net"), NULL) * 100
                     + (g_str_has_prefix (json_object_get_string_member (json_node_get_object (node), "net"), "-")
                        ? -0.5 : 0.5));
      methods = json_object_get_array_member (json_node_get_object (node), "methods");
      g_assert_cmpuint (json_array_get_length (methods), ==, 3);
      for (guint m = 0; m < 3; m++)
        {
          const char *value = json_object_get_string_member (json_array_get_object_element (methods, m), "net");

          by_method += (gint64)(g_ascii_strtod (value, NULL) * 100 + (value[0] == '-' ? -0.5 : 0.5));
        }
      g_assert_cmpint (by_method, ==, net);
      summed_net += net;
    }
  g_assert_cmpint (summed_net, ==, listed_net);
  anjuctl_demo (&empty_day, NULL, "receipts", "summary", "--date", "2001-01-01", NULL);
  g_assert_cmpint (empty_day.status, ==, 0);
  g_assert_nonnull (strstr (empty_day.out, "Receipts of 2001-01-01"));
  g_assert_nonnull (strstr (empty_day.out, "Cash\t0\t¥0.00"));
  anjuctl_demo (&text, NULL, "receipts", "list", NULL);
  g_assert_nonnull (strstr (text.out, "0000001\t"));
  g_assert_nonnull (strstr (text.out, "VOID"));
  g_assert_nonnull (strstr (text.out, "refund of 0000004"));

  /* payments due: red and amber, and only a consultant's own */
  anjuctl_demo (&due, NULL, "payments", "due", "--json", NULL);
  due_rows = parse_out (&due);
  rows = json_node_get_array (due_rows);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      const char *status = json_object_get_string_member (json_array_get_object_element (rows, i), "status");

      overdue += g_str_equal (status, "overdue");
      soon += g_str_equal (status, "due_soon");
      g_assert_cmpstr (status, !=, "paid");
      g_assert_cmpstr (status, !=, "cancelled");
    }
  g_assert_cmpuint (overdue, >=, 1);
  g_assert_cmpuint (soon, >=, 2);
  anjuctl_demo (&lina_due, NULL, "payments", "due", "--user", "lina", "--json", NULL);
  lina_rows = parse_out (&lina_due);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (lina_rows)), <, json_array_get_length (rows));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (lina_rows)); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (lina_rows), i),
                                                    "consultant"), ==, "李娜");

  /* deals: four stand, one was withdrawn in its cooling-off */
  anjuctl_demo (&subs, NULL, "subscriptions", "list", NULL);
  g_assert_cmpint (subs.status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (g_strstrip (subs.out), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 4);
  }
  g_assert_nonnull (strstr (subs.out, " left"));
  anjuctl_demo (&all_subs, NULL, "subscriptions", "list", "--all", "--json", NULL);
  {
    g_autoptr(JsonNode) node = parse_out (&all_subs);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 5);
  }

  anjuctl_demo (&bad, NULL, "receipts", "print", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  anjuctl_demo (&bad_date, NULL, "receipts", "summary", "--date", "2026-13-01", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
}

/* "4302592.00" → "¥4,302,592.00", as the papers print amounts. */
static char *
yuan (const char *plain)
{
  const char *dot = strchr (plain, '.');
  GString *out = g_string_new ("¥");
  gsize digits = dot - plain;

  for (gsize i = 0; i < digits; i++)
    {
      if (i > 0 && (digits - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, plain[i]);
    }
  g_string_append (out, dot);
  return g_string_free (out, FALSE);
}

/* anjuctl render KIND --id ID into @pdf; the PDF's text without white space. */
static char *
render_id (const char *kind,
           const char *id,
           const char *name)
{
  g_autofree char *pdf = g_build_filename (dir, name, NULL);
  g_auto(Result) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GString *packed = g_string_new (NULL);
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
  int status = 0;

  anjuctl_demo (&r, NULL, "render", kind, "--id", id, "--output", pdf, NULL);
  if (r.status != 0)
    g_error ("render %s: %s", kind, r.err);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL,
                               &status, &error));
  g_assert_no_error (error);
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (packed, *p);
  return g_string_free (packed, FALSE);
}

static void
assert_in (const char *text,
           const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the paper: %s", needle, text);
}

static JsonObject *
find_row (JsonArray  *rows,
          const char *member,
          const char *value)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (rows, i), member), value) == 0)
      return json_array_get_object_element (rows, i);
  g_error ("no row with %s %s", member, value);
}

/* Every paper of the demo's provident-fund deal (朱俊杰, 2幢-1602, with the
 * opening promotion: below the list price) and a receipt, from the database: each holds the buyer, the unit, the
 * approved price, the deposit, the monthly payment (as the payment plan
 * of the same terms says), the receipt number and the amount in Chinese
 * capitals; none holds the unit's list price. */
static void
test_render_from_store (void)
{
  static const char * const kinds[] = { "subscription", "payment-plan", "signing-notice", "mortgage-notice" };
  g_auto(Result) subs = { 0 };
  g_auto(Result) units = { 0 };
  g_auto(Result) plan_r = { 0 };
  g_auto(Result) receipts = { 0 };
  g_auto(Result) missing = { 0 };
  g_autoptr(JsonNode) sub_rows = NULL, unit_rows = NULL, plan_node = NULL, receipt_rows = NULL;
  char *texts[G_N_ELEMENTS (kinds)] = { NULL };
  g_autofree char *price = NULL, *deposit = NULL, *monthly = NULL, *list_price = NULL, *list_plain = NULL;
  g_autofree char *receipt_text = NULL, *receipt_amount = NULL;
  JsonObject *deal, *unit = NULL, *receipt;

  anjuctl_demo (&subs, NULL, "subscriptions", "list", "--all", "--json", NULL);
  sub_rows = parse_out (&subs);
  deal = find_row (json_node_get_array (sub_rows), "customer", "朱俊杰 (朱先生)");
  anjuctl_demo (&units, NULL, "units", "list", "--json", NULL);
  unit_rows = parse_out (&units);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (unit_rows)); i++)
    {
      JsonObject *row = json_array_get_object_element (json_node_get_array (unit_rows), i);

      if (g_str_equal (json_object_get_string_member (row, "building"), "2幢") &&
          g_str_equal (json_object_get_string_member (row, "number"), "1602"))
        unit = row;
    }
  g_assert_nonnull (unit);
  anjuctl_demo (&plan_r, NULL, "payment-plan", "--quote", json_object_get_string_member (deal, "quote_id"),
                "--payment", "provident", "--deposit", "50000", "--json", NULL);
  g_assert_cmpint (plan_r.status, ==, 0);
  plan_node = parse_out (&plan_r);

  price = yuan (json_object_get_string_member (deal, "price"));
  deposit = yuan (json_object_get_string_member (deal, "deposit"));
  monthly = yuan (json_object_get_string_member (json_node_get_object (plan_node), "monthly_payment"));
  list_plain = g_strdup_printf ("%lld.%02lld", (long long) json_object_get_int_member (unit, "list_price") / 100,
                                (long long) json_object_get_int_member (unit, "list_price") % 100);
  list_price = yuan (list_plain);
  g_assert_cmpstr (price, !=, list_price);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], "-from-store.pdf", NULL);

      texts[i] = render_id (kinds[i], json_object_get_string_member (deal, "subscription_id"), name);
      assert_in (texts[i], "朱俊杰");
      assert_in (texts[i], "2幢-1602");
      /* nothing prints a price other than the approved one */
      g_assert_null (strstr (texts[i], list_price));
      g_assert_null (strstr (texts[i], list_plain));
    }
  assert_in (texts[0], "商品房认购书");
  assert_in (texts[0], price);
  assert_in (texts[0], deposit);
  assert_in (texts[0], "人民币伍万元整");
  assert_in (texts[1], "置业计划表");
  assert_in (texts[1], price);
  assert_in (texts[1], monthly);
  assert_in (texts[1], "公积金贷款：贷款金额");
  assert_in (texts[1], "开盘优惠");
  assert_in (texts[2], "签约须知");
  assert_in (texts[3], "按揭须知");
  assert_in (texts[3], monthly);

  /* the reissued receipt of ¥100,000 (No. 0000002, replacing No. 0000001) */
  anjuctl_demo (&receipts, NULL, "receipts", "list", "--json", NULL);
  receipt_rows = parse_out (&receipts);
  receipt = json_array_get_object_element (json_node_get_array (receipt_rows), 1);
  g_assert_cmpint (json_object_get_int_member (receipt, "number"), ==, 2);
  receipt_text = render_id ("receipt", json_object_get_string_member (receipt, "receipt_id"), "receipt-2.pdf");
  receipt_amount = yuan (json_object_get_string_member (receipt, "amount"));
  assert_in (receipt_text, "No.0000002");
  assert_in (receipt_text, "黄磊");
  assert_in (receipt_text, "2幢-1203");
  assert_in (receipt_text, "¥100,000.00");
  assert_in (receipt_text, "人民币壹拾万元整");
  assert_in (receipt_text, "No.0000001");     /* the receipt it replaces */

  /* an unknown id is refused and writes nothing */
  anjuctl_demo (&missing, NULL, "render", "receipt", "--id", "nope", "--output", "/nonexistent/x.pdf", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "nope"));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_free (texts[i]);
}

/* The first column of the first row of @sql on the demo database. */
static char *
text_demo (const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open (demo_db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return text;
}

static void
test_signing (void)
{
  g_auto(Result) list = { 0 };
  g_auto(Result) missing = { 0 };
  g_auto(Result) apply = { 0 };
  g_auto(Result) complete = { 0 };
  g_auto(Result) filing = { 0 };
  g_auto(Result) mortgage = { 0 };
  g_auto(Result) bad = { 0 };
  g_autofree char *deal = text_demo ("SELECT s.id FROM subscriptions s JOIN users u ON u.id = s.consultant_id "
                                     "WHERE s.status = 'active' AND u.username = 'lina' ORDER BY s.created_at LIMIT 1");
  g_autofree char *commands = NULL;

  /* Every demo deal has its signing, made by subscription.create. */
  g_assert_nonnull (deal);
  g_assert_cmpint (count_demo ("SELECT count(*) FROM signings"), ==, count_demo ("SELECT count(*) FROM subscriptions"));
  anjuctl_demo (&list, NULL, "signing", "list", "--user", "lina", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "scheduled"));
  g_assert_nonnull (strstr (list.out, "data not confirmed"));

  anjuctl_demo (&missing, NULL, "checklist", deal, "contract", NULL);
  g_assert_cmpint (missing.status, ==, 3);
  g_assert_nonnull (strstr (missing.out, "[ ] ID card\n"));
  g_assert_nonnull (strstr (missing.err, "3 items missing"));

  commands = g_strdup_printf ("{\"id\": \"5d0c0f9e-3c1a-4f7e-9b7e-2f1c8e1d0a01\", \"type\": \"signing.check_documents\", "
                              "\"payload\": {\"subscription_id\": \"%s\", \"checklist\": \"contract\", "
                              "\"items\": [\"id_card\", \"subscription_form\", \"deposit_receipt\"]}}\n"
                              "{\"id\": \"5d0c0f9e-3c1a-4f7e-9b7e-2f1c8e1d0a02\", \"type\": \"mortgage.open\", "
                              "\"payload\": {\"subscription_id\": \"%s\", \"bank\": \"中国建设银行\", "
                              "\"bank_manager\": \"赵敏\", \"amount\": 100000000, \"term_months\": 240, "
                              "\"method\": \"equal_principal\"}}\n", deal, deal);
  anjuctl_demo (&apply, commands, "apply", "-", "--user", "lina", NULL);
  g_assert_cmpint (apply.status, ==, 0);
  anjuctl_demo (&complete, NULL, "checklist", deal, "contract", NULL);
  g_assert_cmpint (complete.status, ==, 0);
  g_assert_nonnull (strstr (complete.out, "[x] Deposit receipt\n"));

  anjuctl_demo (&mortgage, NULL, "mortgage", "list", "--status", "collecting", NULL);
  g_assert_cmpint (mortgage.status, ==, 0);
  g_assert_nonnull (strstr (mortgage.out, "Collecting documents"));
  g_assert_nonnull (strstr (mortgage.out, "中国建设银行 (赵敏)"));
  g_assert_nonnull (strstr (mortgage.out, "240 months"));

  /* Nothing signed in the demo: nothing to file. */
  anjuctl_demo (&filing, NULL, "filing", "due", NULL);
  g_assert_cmpint (filing.status, ==, 0);
  g_assert_nonnull (strstr (filing.err, "No contracts waiting for online filing."));

  anjuctl_demo (&bad, NULL, "filing", "list", NULL);
  g_assert_cmpint (bad.status, ==, 2);
}

/* The command types a "### " heading of docs/commands.md documents: the
 * heading's comma-separated words that look like "noun.verb". */
static GHashTable *
documented_commands (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "commands.md", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) type = g_regex_new ("^[a-z_]+\\.[a-z_0-9]+$", 0, 0, NULL);
  g_autoptr(GError) error = NULL;
  GHashTable *documented = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      if (!g_str_has_prefix (lines[i], "### "))
        continue;
      words = g_strsplit (lines[i] + 4, ",", -1);
      for (guint j = 0; words[j] != NULL; j++)
        {
          char *word = g_strstrip (g_strdelimit (words[j], "`", ' '));

          if (g_regex_match (type, word, 0, NULL))
            g_hash_table_add (documented, g_strdup (word));
        }
    }
  return documented;
}

/* anjuctl commands --json lists every command; docs/commands.md has a
 * section for each, and none for a command that does not exist. */
static void
test_commands_documented (void)
{
  g_auto(Result) json = { 0 };
  g_auto(Result) table = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) documented = documented_commands ();
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) undocumented = g_string_new (NULL);
  g_autoptr(GString) unknown = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) table_lines = NULL;
  GHashTableIter iter;
  gpointer key;
  JsonArray *commands;

  anjuctl (&json, NULL, "commands", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  commands = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (commands), >=, 59);
  for (guint i = 0; i < json_array_get_length (commands); i++)
    {
      JsonObject *command = json_array_get_object_element (commands, i);
      const char *type = json_object_get_string_member (command, "type");

      g_assert_true (json_object_has_member (command, "roles"));
      g_assert_true (json_object_has_member (command, "office_decision"));
      g_assert_true (json_object_has_member (command, "fields"));
      g_hash_table_add (listed, (gpointer)type);
      if (!g_hash_table_contains (documented, type))
        g_string_append_printf (undocumented, " %s", type);
      if (g_str_equal (type, "unit.hold"))
        {
          JsonArray *fields = json_object_get_array_member (command, "fields");
          JsonObject *minutes = json_array_get_object_element (fields, 2);

          g_assert_true (json_object_get_boolean_member (command, "office_decision"));
          g_assert_cmpstr (json_object_get_string_member (minutes, "name"), ==, "minutes");
          g_assert_cmpstr (json_object_get_string_member (minutes, "type"), ==, "integer");
          g_assert_false (json_object_get_boolean_member (minutes, "required"));
        }
    }
  g_hash_table_iter_init (&iter, documented);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (listed, key))
      g_string_append_printf (unknown, " %s", (char *)key);
  /* Named in the message, so a failure says what to write. */
  g_assert_cmpstr (undocumented->str, ==, "");
  g_assert_cmpstr (unknown->str, ==, "");

  /* The table for people: one line a command, under a heading. */
  anjuctl (&table, NULL, "commands", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_true (g_str_has_prefix (table.out, "TYPE"));
  g_assert_nonnull (strstr (table.out, "\nunit.hold "));
  g_assert_nonnull (strstr (table.out, "unit_id:string customer_id:string? minutes:integer?"));
  table_lines = g_strsplit (table.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (table_lines), ==, json_array_get_length (commands) + 2);
}

/* The route anjuctl commands shows is the desk command runner's
 * (anju_command_route): an office decision, a command the office decides
 * when it can (visit.register, the walk-in rotation), or a local one. */
static void
test_commands_route (void)
{
  g_auto(Result) json = { 0 };
  g_auto(Result) table = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  static const struct { const char *type, *route, *label; } expected[] = {
    { "unit.hold", "office_decision", "office decision" },
    { "visit.register", "office_preferred", "office preferred" },
    { "customer.create", "local", "local" },
  };
  JsonArray *commands;
  guint seen = 0;

  anjuctl (&json, NULL, "commands", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  commands = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (commands); i++)
    {
      JsonObject *command = json_array_get_object_element (commands, i);
      const char *route = json_object_get_string_member (command, "route");

      /* The route follows the spec's flags, and nothing else. */
      if (json_object_get_boolean_member (command, "office_decision"))
        g_assert_cmpstr (route, ==, "office_decision");
      else if (json_object_get_boolean_member (command, "office_preferred"))
        g_assert_cmpstr (route, ==, "office_preferred");
      else
        g_assert_cmpstr (route, ==, "local");
      for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
        if (g_str_equal (json_object_get_string_member (command, "type"), expected[e].type))
          {
            g_assert_cmpstr (route, ==, expected[e].route);
            seen++;
          }
    }
  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (expected));

  anjuctl (&table, NULL, "commands", NULL);
  g_assert_cmpint (table.status, ==, 0);
  lines = g_strsplit (table.out, "\n", -1);
  seen = 0;
  for (guint i = 1; lines[i] != NULL; i++)
    {
      for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
        if (g_str_has_prefix (lines[i], expected[e].type) && lines[i][strlen (expected[e].type)] == ' ')
          {
            g_autofree char *cell = g_strdup_printf (" %-16s ", expected[e].label);

            g_test_message ("%s", lines[i]);
            g_assert_nonnull (strstr (lines[i], cell));
            seen++;
          }
    }
  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (expected));
}

static void
test_care (void)
{
  g_auto(Result) plan = { 0 };
  g_auto(Result) again = { 0 };
  g_auto(Result) calendar = { 0 };
  g_auto(Result) forbidden = { 0 };
  g_auto(Result) bad_year = { 0 };
  g_auto(Result) milestone = { 0 };
  g_auto(Result) list = { 0 };
  g_auto(Result) usage = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) holidays = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *year = NULL, *day = NULL, *line = NULL;
  int owners, tasks;
  int first = 0, last = 0;

  /* next year, while the data has dates for it */
  g_assert_true (anju_care_get_years (&first, &last));
  year = g_strdup_printf ("%d", MIN (g_date_time_get_year (now) + 1, last));
  holidays = anju_care_holidays_for_year (atoi (year), &error);
  g_assert_no_error (error);
  owners = count_demo ("SELECT count(DISTINCT customer_id) FROM subscriptions WHERE status IN ('active','signed')");
  g_assert_cmpint (owners, >, 0);

  anjuctl_demo (&forbidden, NULL, "care", "plan", "--year", year, "--user", "lina", NULL);
  g_assert_cmpint (forbidden.status, ==, 1);
  g_assert_nonnull (strstr (forbidden.out, "\"forbidden\""));
  g_assert_cmpint (count_demo ("SELECT count(*) FROM care_events"), ==, 0);

  anjuctl_demo (&plan, NULL, "care", "plan", "--year", year, "--user", "zhangwei", NULL);
  g_assert_cmpint (plan.status, ==, 0);
  g_assert_nonnull (strstr (plan.out, "\"applied\""));
  g_assert_cmpint (count_demo ("SELECT count(*) FROM care_events"), ==, (int)holidays->len);
  tasks = count_demo ("SELECT count(*) FROM tasks WHERE source_type = 'care_event'");
  g_assert_cmpint (tasks, ==, owners * (int)holidays->len);

  /* planned twice: nothing new */
  anjuctl_demo (&again, NULL, "care", "plan", "--year", year, "--user", "zhangwei", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "\"created\":0"));
  g_assert_cmpint (count_demo ("SELECT count(*) FROM tasks WHERE source_type = 'care_event'"), ==, tasks);

  anjuctl_demo (&calendar, NULL, "care", "calendar", "--year", year, NULL);
  g_assert_cmpint (calendar.status, ==, 0);
  day = g_strdup (((AnjuCareHoliday *)g_ptr_array_index (holidays, 1))->date);
  line = g_strdup_printf ("%s\tholiday\t%s\tSMS 0/", day, ((AnjuCareHoliday *)g_ptr_array_index (holidays, 1))->name);
  g_assert_nonnull (strstr (calendar.out, line));
  g_assert_nonnull (strstr (calendar.out, "Spring Festival"));

  anjuctl_demo (&bad_year, NULL, "care", "plan", "--year", "2040", "--user", "zhangwei", NULL);
  g_assert_cmpint (bad_year.status, ==, 1);
  g_assert_nonnull (strstr (bad_year.out, "\"field\":\"year\""));

  g_clear_pointer (&day, g_free);
  day = g_strdup_printf ("%s-03-18", year);
  anjuctl_demo (&milestone, NULL, "care", "milestone", "--kind", "topping_out", "--title", "1幢主体结构封顶",
                "--date", day, "--user", "zhangwei", NULL);
  g_assert_cmpint (milestone.status, ==, 0);
  g_assert_cmpint (count_demo ("SELECT count(*) FROM care_events WHERE kind = 'milestone'"), ==, 1);

  /* the handover made earlier, each customer with their call */
  anjuctl_demo (&list, NULL, "handover", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "王磊 → 李娜"));
  g_assert_nonnull (strstr (list.out, "  pending\t"));
  g_assert_nonnull (strstr (list.out, "\t李娜\tdue "));

  anjuctl_demo (&usage, NULL, "care", "plan", "--year", year, NULL);
  g_assert_cmpint (usage.status, ==, 2);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("anjuctl-test-XXXXXX", NULL);
  db = g_build_filename (dir, "office.db", NULL);
  demo_db = g_build_filename (dir, "demo.db", NULL);
  g_test_add_func ("/anjuctl/version", test_version);
  g_test_add_func ("/anjuctl/commands-documented", test_commands_documented);
  g_test_add_func ("/anjuctl/commands-route", test_commands_route);
  g_test_add_func ("/anjuctl/check-id", test_check_id);
  g_test_add_func ("/anjuctl/amount-words", test_amount_words);
  g_test_add_func ("/anjuctl/init-users-apply-find", test_init_users_apply_find);
  g_test_add_func ("/anjuctl/projects", test_projects);
  g_test_add_func ("/anjuctl/units", test_units);
  g_test_add_func ("/anjuctl/tasks-and-plan", test_tasks_and_plan);
  g_test_add_func ("/anjuctl/deals", test_deals);
  g_test_add_func ("/anjuctl/loan", test_loan);
  g_test_add_func ("/anjuctl/fees", test_fees);
  g_test_add_func ("/anjuctl/payment-plan", test_payment_plan);
  g_test_add_func ("/anjuctl/render", test_render);
  g_test_add_func ("/anjuctl/render-from-store", test_render_from_store);
  g_test_add_func ("/anjuctl/handover", test_handover);
  g_test_add_func ("/anjuctl/signing", test_signing);
  g_test_add_func ("/anjuctl/care", test_care);
  rc = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    (void) !system (cmd);
  }
  g_free (db);
  g_free (demo_db);
  g_free (dir);
  return rc;
}
