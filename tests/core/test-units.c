/* test-units.c — the unit state machine, holds, expiry, history, the board */
#include "anju-format.h"
#include "anju-policy.h"
#include "anju-units.h"
#include "anju-test-fixture.h"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *admin;
  AnjuUser      *manager;
  AnjuUser      *lina;        /* consultant 李娜 */
  AnjuUser      *wang;        /* consultant 王芳 */
  char          *project_id;
  char          *building_id;
  char          *unit_id;     /* 1幢-1502 */
  char          *other_id;    /* 1幢-1501 */
  char          *customer_id;
  char          *customer2_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* 10:00 in Shanghai */
  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  anju_test_set_marks (f->store, "$P", &f->project_id, "$B", &f->building_id, "$U", &f->unit_id,
                       "$V", &f->other_id, "$C", &f->customer_id, "$D", &f->customer2_id, NULL);
  f->admin = anju_test_add_user (f->store, "admin", "系统管理员", ANJU_ROLE_ADMIN);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->wang = anju_test_add_user (f->store, "wangfang", "王芳", ANJU_ROLE_CONSULTANT);
  f->project_id = run_id (f, f->admin, "project.create", "{\"name\": \"万科·安居苑\"}", "project_id");
  f->building_id = run_id (f, f->admin, "building.create",
                           "{\"project_id\": \"$P\", \"name\": \"1幢\", \"floors\": 18, \"units_per_floor\": 2}",
                           "building_id");
  f->unit_id = run_id (f, f->manager, "unit.create",
                       "{\"building_id\": \"$B\", \"floor\": 15, \"number\": \"1502\", \"layout\": \"3室2厅2卫\", "
                       "\"orientation\": \"南\", \"gross_area\": 11500, \"inner_area\": 9085, "
                       "\"list_price\": 328370000}", "unit_id");
  f->other_id = run_id (f, f->manager, "unit.create",
                        "{\"building_id\": \"$B\", \"floor\": 15, \"number\": \"1501\", \"layout\": \"2室2厅1卫\", "
                        "\"gross_area\": 8900, \"inner_area\": 7030, \"list_price\": 250000000}", "unit_id");
  f->customer_id = run_id (f, f->lina, "customer.create", "{\"name\": \"陈先生\", \"mobile\": \"13800138000\"}",
                           "customer_id");
  f->customer2_id = run_id (f, f->wang, "customer.create", "{\"name\": \"赵女士\", \"mobile\": \"13900139000\"}",
                            "customer_id");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->admin);
  anju_user_free (f->manager);
  anju_user_free (f->lina);
  anju_user_free (f->wang);
  g_free (f->project_id);
  g_free (f->building_id);
  g_free (f->unit_id);
  g_free (f->other_id);
  g_free (f->customer_id);
  g_free (f->customer2_id);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

static AnjuUnitRow *
load_unit (Fixture    *f,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  AnjuUnitRow *row = anju_unit_load (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
  return row;
}

static const char *
stored_status (Fixture    *f,
               const char *id)
{
  static char status[32];
  sqlite3_stmt *stmt = anju_store_prepare (f->store, "SELECT status FROM units WHERE id = ?", NULL);

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_strlcpy (status, (const char *)sqlite3_column_text (stmt, 0), sizeof status);
  sqlite3_reset (stmt);
  return status;
}

static void
minutes_pass (Fixture *f,
              int      minutes)
{
  f->clock.now += (gint64)minutes * 60 * G_USEC_PER_SEC;
}

/* ---- the machine's edges -------------------------------------------------- */

static void
test_edges (void)
{
  /* from × to: 1 where the state machine has the edge */
  static const int allowed[5][5] = {
    /* to:  avail held subs sign nfs */
    { 0, 1, 0, 0, 1 },   /* available */
    { 1, 0, 1, 0, 0 },   /* held */
    { 1, 0, 0, 1, 0 },   /* subscribed */
    { 0, 0, 0, 0, 0 },   /* signed */
    { 1, 0, 0, 0, 0 },   /* not for sale */
  };

  for (int from = 0; from <= ANJU_UNIT_STATUS_LAST; from++)
    for (int to = 0; to <= ANJU_UNIT_STATUS_LAST; to++)
      g_assert_cmpint (anju_unit_status_can_move (from, to), ==, allowed[from][to]);
  for (int s = 0; s <= ANJU_UNIT_STATUS_LAST; s++)
    {
      g_assert_cmpint (anju_unit_status_from_string (anju_unit_status_to_string (s)), ==, s);
      g_assert_cmpstr (anju_unit_status_get_label (s), !=, "");
    }
  g_assert_cmpint (anju_unit_status_from_string ("sold"), ==, -1);

  /* The office decides holds, extensions, releases and status changes. */
  g_assert_true (anju_commands_lookup ("unit.hold")->flags & ANJU_COMMAND_FLAG_OFFICE_DECISION);
  g_assert_true (anju_commands_lookup ("unit.extend")->flags & ANJU_COMMAND_FLAG_OFFICE_DECISION);
  g_assert_true (anju_commands_lookup ("unit.release")->flags & ANJU_COMMAND_FLAG_OFFICE_DECISION);
  g_assert_true (anju_commands_lookup ("unit.set_status")->flags & ANJU_COMMAND_FLAG_OFFICE_DECISION);
  g_assert_true (anju_commands_lookup ("unit.expire_holds")->flags & ANJU_COMMAND_FLAG_OFFICE_DECISION);
}

/* ---- holds ----------------------------------------------------------------- */

static void
test_hold_default_and_max (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) policy = NULL;
  g_autoptr(AnjuUnitRow) row = NULL;
  g_autofree char *message = NULL;

  /* Policy hold.default_minutes 30, hold.max_minutes 120. */
  g_assert_cmpint (anju_policy_get_int (f->store, f->project_id, "hold.default_minutes", 0), ==, 30);
  g_assert_cmpint (anju_policy_get_int (f->store, f->project_id, "hold.max_minutes", 0), ==, 120);

  message = assert_refused (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"minutes\": 121}",
                            ANJU_COMMAND_ERROR_INVALID_FIELD, "minutes");
  g_assert_nonnull (strstr (message, "120"));
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"minutes\": 0}",
                            ANJU_COMMAND_ERROR_INVALID_FIELD, "minutes");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "unit.hold", "{\"unit_id\": \"nope\"}",
                            ANJU_COMMAND_ERROR_NOT_FOUND, "unit_id");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "unit.hold", "{}", ANJU_COMMAND_ERROR_MISSING_FIELD, "unit_id");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"customer_id\": \"nobody\"}",
                            ANJU_COMMAND_ERROR_NOT_FOUND, "customer_id");
  g_clear_pointer (&message, g_free);
  /* finance does not hold units */
  {
    g_autoptr(AnjuUser) cashier = anju_test_add_user (f->store, "cashier", "钱会计", ANJU_ROLE_FINANCE);
    message = assert_refused (f, cashier, "unit.hold", "{\"unit_id\": \"$U\"}", ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
    g_clear_pointer (&message, g_free);
  }

  result = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\"}");
  g_assert_cmpstr (json_object_get_string_member (result, "expires_at"), ==, "2026-11-26T02:30:00Z");
  g_assert_cmpstr (stored_status (f, f->unit_id), ==, "held");
  row = load_unit (f, f->unit_id);
  g_assert_cmpint (row->status, ==, ANJU_UNIT_HELD);
  g_assert_cmpstr (row->holder_id, ==, f->lina->id);
  g_assert_cmpstr (row->holder_name, ==, "李娜");
  g_assert_cmpstr (row->hold_customer_id, ==, f->customer_id);
  g_assert_cmpint (row->hold_expires_at, ==, anju_test_time ("2026-11-26T02:30:00Z"));

  /* The maximum itself is allowed, and a project's policy sets the default. */
  second = run_ok (f, f->wang, "unit.hold", "{\"unit_id\": \"$V\", \"minutes\": 120}");
  g_assert_cmpstr (json_object_get_string_member (second, "expires_at"), ==, "2026-11-26T04:00:00Z");
  run_ok (f, f->wang, "unit.release", "{\"unit_id\": \"$V\"}");
  g_clear_pointer (&second, json_object_unref);
  policy = run_ok (f, f->manager, "project.set_policy",
                   "{\"project_id\": \"$P\", \"policy\": {\"hold\": {\"default_minutes\": 10, \"max_minutes\": 45, \"rehold_pause_minutes\": 0}}}");
  second = run_ok (f, f->wang, "unit.hold", "{\"unit_id\": \"$V\"}");
  g_assert_cmpstr (json_object_get_string_member (second, "expires_at"), ==, "2026-11-26T02:10:00Z");
  message = assert_refused (f, f->wang, "unit.extend", "{\"unit_id\": \"$V\", \"minutes\": 36}",
                            ANJU_COMMAND_ERROR_INVALID_FIELD, "minutes");
  g_assert_nonnull (strstr (message, "45"));
}

static void
test_hold_conflict_message (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonObject) result = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"minutes\": 100}");
  g_autofree char *message = NULL;

  (void)result;
  /* 02:00Z + 100 min = 03:40Z = 11:40 in Shanghai */
  message = assert_refused (f, f->wang, "unit.hold", "{\"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_cmpstr (message, ==, "Unit 1幢-1502 is held by 李娜 until 2026-11-26 11:40.");
  g_clear_pointer (&message, g_free);
  /* A manager is told the same. */
  message = assert_refused (f, f->manager, "unit.hold", "{\"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_cmpstr (message, ==, "Unit 1幢-1502 is held by 李娜 until 2026-11-26 11:40.");
  g_clear_pointer (&message, g_free);
  /* The holder is told to extend instead. */
  message = assert_refused (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_nonnull (strstr (message, "You already hold unit 1幢-1502 until 2026-11-26 11:40"));
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM holds"), ==, 1);
}

static void
test_extend (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) hold = NULL;
  g_autoptr(JsonObject) ext = NULL;
  g_autofree char *message = NULL;

  message = assert_refused (f, f->lina, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 10}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);

  hold = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}");          /* until 02:30 */
  minutes_pass (f, 20);
  ext = run_ok (f, f->lina, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 60}");
  g_assert_cmpstr (json_object_get_string_member (ext, "expires_at"), ==, "2026-11-26T03:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (ext, "hold_id"), ==,
                   json_object_get_string_member (hold, "hold_id"));

  /* 90 of 120 minutes used: 31 more is too many, and says how many are left. */
  message = assert_refused (f, f->lina, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 31}",
                            ANJU_COMMAND_ERROR_INVALID_FIELD, "minutes");
  g_assert_nonnull (strstr (message, "at most 30 more minutes"));
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "unit.extend", "{\"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_MISSING_FIELD, "minutes");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": -5}",
                            ANJU_COMMAND_ERROR_INVALID_FIELD, "minutes");
  g_clear_pointer (&message, g_free);

  /* Only the holder extends — not another consultant, not a manager. */
  message = assert_refused (f, f->wang, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 5}",
                            ANJU_COMMAND_ERROR_FORBIDDEN, "unit_id");
  g_assert_nonnull (strstr (message, "held by 李娜 until 2026-11-26 11:30"));
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->manager, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 5}",
                            ANJU_COMMAND_ERROR_FORBIDDEN, "unit_id");
  g_clear_pointer (&message, g_free);

  g_clear_pointer (&ext, json_object_unref);
  ext = run_ok (f, f->lina, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 30}");
  g_assert_cmpstr (json_object_get_string_member (ext, "expires_at"), ==, "2026-11-26T04:00:00Z");
  message = assert_refused (f, f->lina, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 1}",
                            ANJU_COMMAND_ERROR_INVALID_FIELD, "minutes");
  g_assert_nonnull (strstr (message, "has reached it"));
}

static void
test_release (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonObject) hold = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}");
  g_autoptr(JsonObject) released = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) by_manager = NULL;
  g_autoptr(AnjuUnitRow) row = NULL;
  g_autofree char *message = NULL;
  sqlite3_stmt *stmt;

  message = assert_refused (f, f->wang, "unit.release", "{\"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_FORBIDDEN, "unit_id");
  g_assert_nonnull (strstr (message, "held by 李娜"));
  g_clear_pointer (&message, g_free);

  released = run_ok (f, f->lina, "unit.release", "{\"unit_id\": \"$U\"}");
  g_assert_cmpstr (stored_status (f, f->unit_id), ==, "available");
  stmt = anju_store_prepare (f->store,
      "SELECT released_at, released_by, release_reason FROM holds WHERE id = ?", NULL);
  sqlite3_bind_text (stmt, 1, json_object_get_string_member (hold, "hold_id"), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "2026-11-26T02:00:00Z");
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, f->lina->id);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 2), ==, "released");
  sqlite3_reset (stmt);

  message = assert_refused (f, f->lina, "unit.release", "{\"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);

  /* Another consultant may hold it now; a manager may release anyone's. */
  again = run_ok (f, f->wang, "unit.hold", "{\"unit_id\": \"$U\"}");
  by_manager = run_ok (f, f->manager, "unit.release", "{\"unit_id\": \"$U\"}");
  row = load_unit (f, f->unit_id);
  g_assert_cmpint (row->status, ==, ANJU_UNIT_AVAILABLE);
  g_assert_null (row->holder_id);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM holds WHERE released_at IS NULL"), ==, 0);
}

static void
test_expiry (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) hold = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}");   /* until 02:30 */
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) third = NULL;
  g_autoptr(AnjuUnitRow) row = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  AnjuUnitFilter filter = { .status = "held" };
  g_autofree char *message = NULL;
  g_autofree char *before = NULL, *after = NULL;
  AnjuUnitEvent *e;
  sqlite3_stmt *stmt;

  /* At the very minute of expiry the hold still stands. */
  minutes_pass (f, 30);
  row = load_unit (f, f->unit_id);
  g_assert_cmpint (row->status, ==, ANJU_UNIT_HELD);
  g_clear_pointer (&row, anju_unit_row_free);

  /* One second later it counts as released everywhere, before anything is written. */
  f->clock.now += G_USEC_PER_SEC;
  row = load_unit (f, f->unit_id);
  g_assert_cmpint (row->status, ==, ANJU_UNIT_AVAILABLE);
  g_assert_null (row->holder_name);
  g_assert_cmpint (row->hold_expires_at, ==, 0);
  g_assert_cmpstr (stored_status (f, f->unit_id), ==, "held");
  held = anju_units_list (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 0);
  /* …and in the board's counts: both units available, none held */
  {
    g_autoptr(GPtrArray) counts = anju_units_count_by_building (f->store, f->project_id, &error);
    AnjuBuildingCounts *c;

    g_assert_no_error (error);
    g_assert_cmpuint (counts->len, ==, 1);
    c = g_ptr_array_index (counts, 0);
    g_assert_cmpuint (c->total, ==, 2);
    g_assert_cmpuint (c->count[ANJU_UNIT_AVAILABLE], ==, 2);
    g_assert_cmpuint (c->count[ANJU_UNIT_HELD], ==, 0);
  }

  /* The former holder can neither extend nor release it. */
  message = assert_refused (f, f->lina, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 5}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "unit.release", "{\"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);

  /* Another consultant holds it: the expiry is written first, in the same command. */
  second = run_ok (f, f->wang, "unit.hold", "{\"unit_id\": \"$U\"}");
  stmt = anju_store_prepare (f->store,
      "SELECT released_at, released_by, release_reason FROM holds WHERE id = ?", NULL);
  sqlite3_bind_text (stmt, 1, json_object_get_string_member (hold, "hold_id"), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "2026-11-26T02:30:00Z");
  g_assert_null (sqlite3_column_text (stmt, 1));
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 2), ==, "expired");
  sqlite3_reset (stmt);
  /* … and goes to the change feed with the new hold. */
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM changes WHERE tbl = 'holds'"), ==, 3);

  history = anju_unit_list_history (f->store, f->unit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  e = g_ptr_array_index (history, 1);
  g_assert_cmpstr (e->reason, ==, "expired");
  g_assert_null (e->actor_id);
  g_assert_cmpstr (e->actor_name, ==, "Anju");
  g_assert_cmpint (e->from, ==, ANJU_UNIT_HELD);
  g_assert_cmpint (e->to, ==, ANJU_UNIT_AVAILABLE);

  /* anju_units_expire_holds() writes expiries nobody touched yet. */
  third = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$V\", \"minutes\": 5}");
  g_assert_cmpint (anju_units_expire_holds (f->store, &error), ==, 0);
  g_assert_no_error (error);
  minutes_pass (f, 40);   /* both holds ran out */
  g_assert_cmpint (anju_units_expire_holds (f->store, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpstr (stored_status (f, f->unit_id), ==, "available");
  g_assert_cmpstr (stored_status (f, f->other_id), ==, "available");
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM holds WHERE released_at IS NULL"), ==, 0);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM audit WHERE action = 'unit.expire_holds' AND actor_id IS NULL"), ==, 1);
  /* Nothing left: no command, no audit entry. */
  before = anju_test_dump_database (f->store);
  g_assert_cmpint (anju_units_expire_holds (f->store, &error), ==, 0);
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);

  /* A desk connected to a server leaves expiry to the server. */
  g_clear_pointer (&third, json_object_unref);
  third = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$V\", \"minutes\": 5}");
  minutes_pass (f, 6);
  g_assert_true (anju_store_set_outbox_enabled (f->store, TRUE, NULL));
  g_assert_cmpint (anju_units_expire_holds (f->store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (stored_status (f, f->other_id), ==, "held");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->wang, "unit.hold", "{\"unit_id\": \"$V\"}", ANJU_COMMAND_ERROR_OFFLINE, NULL);
}

static void
test_set_status (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) hold = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) history = NULL;
  AnjuUnitEvent *e;

  message = assert_refused (f, f->lina, "unit.set_status", "{\"unit_id\": \"$U\", \"status\": \"not_for_sale\"}",
                            ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->manager, "unit.set_status", "{\"unit_id\": \"$U\", \"status\": \"signed\"}",
                            ANJU_COMMAND_ERROR_INVALID_FIELD, "status");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->manager, "unit.set_status", "{\"unit_id\": \"$U\", \"status\": \"available\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "status");
  g_clear_pointer (&message, g_free);

  result = run_ok (f, f->manager, "unit.set_status",
                   "{\"unit_id\": \"$U\", \"status\": \"not_for_sale\", \"reason\": \"样板间\"}");
  g_assert_cmpstr (stored_status (f, f->unit_id), ==, "not_for_sale");
  message = assert_refused (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}", ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_nonnull (strstr (message, "not for sale"));
  g_clear_pointer (&message, g_free);
  g_clear_pointer (&result, json_object_unref);
  result = run_ok (f, f->admin, "unit.set_status", "{\"unit_id\": \"$U\", \"status\": \"available\"}");
  g_assert_cmpstr (stored_status (f, f->unit_id), ==, "available");

  /* A held unit is not taken off sale under its holder. */
  hold = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}");
  message = assert_refused (f, f->manager, "unit.set_status", "{\"unit_id\": \"$U\", \"status\": \"not_for_sale\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_nonnull (strstr (message, "Release the hold first"));

  history = anju_unit_list_history (f->store, f->unit_id, NULL);
  g_assert_cmpuint (history->len, ==, 3);
  e = g_ptr_array_index (history, 0);
  g_assert_cmpstr (e->reason, ==, "not_for_sale");
  g_assert_cmpstr (e->detail, ==, "样板间");
  g_assert_cmpstr (e->actor_name, ==, "张伟");
  e = g_ptr_array_index (history, 1);
  g_assert_cmpstr (e->reason, ==, "for_sale");
  g_assert_cmpstr (e->actor_name, ==, "系统管理员");
}

/* ---- the transitions later workflows use, through test commands --------- */

static gboolean
apply_test_move (AnjuCommandContext  *ctx,
                 JsonObject          *payload,
                 GError             **error)
{
  const char *what = json_object_get_string_member (payload, "what");
  const char *unit_id = json_object_get_string_member (payload, "unit_id");
  const char *customer_id = json_object_get_string_member_with_default (payload, "customer_id", NULL);

  if (g_str_equal (what, "subscribe"))
    return anju_units_subscribe (ctx, unit_id, customer_id, error);
  if (g_str_equal (what, "sign"))
    return anju_units_sign (ctx, unit_id, customer_id, error);
  return anju_units_withdraw (ctx, unit_id, customer_id, "冷静期退定", error);
}

static const AnjuCommandSpec test_commands[] = {
  { "test.move", ANJU_ROLES_ALL, ANJU_COMMAND_FLAG_NONE, apply_test_move,
    "what:string unit_id:string customer_id:string" },
};

static void
test_deal_transitions (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) r = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) history = NULL;

  anju_commands_register (test_commands, G_N_ELEMENTS (test_commands));

  /* available → subscribed, signed: refused */
  message = assert_refused (f, f->lina, "test.move", "{\"what\": \"subscribe\", \"unit_id\": \"$U\", \"customer_id\": \"$C\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_nonnull (strstr (message, "Hold it"));
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "test.move", "{\"what\": \"sign\", \"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "test.move", "{\"what\": \"withdraw\", \"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);

  r = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\"}");
  /* held → signed: refused; held → subscribed by someone else: refused */
  message = assert_refused (f, f->lina, "test.move", "{\"what\": \"sign\", \"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->wang, "test.move", "{\"what\": \"subscribe\", \"unit_id\": \"$U\", \"customer_id\": \"$D\"}",
                            ANJU_COMMAND_ERROR_FORBIDDEN, "unit_id");
  g_assert_nonnull (strstr (message, "held by 李娜"));
  g_clear_pointer (&message, g_free);

  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->lina, "test.move", "{\"what\": \"subscribe\", \"unit_id\": \"$U\", \"customer_id\": \"$C\"}");
  g_assert_cmpstr (stored_status (f, f->unit_id), ==, "subscribed");
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM holds WHERE release_reason = 'subscribed' AND released_at IS NOT NULL"), ==, 1);

  /* subscribed: never held, released, taken off sale or subscribed again */
  message = assert_refused (f, f->wang, "unit.hold", "{\"unit_id\": \"$U\"}", ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_nonnull (strstr (message, "already subscribed"));
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "unit.release", "{\"unit_id\": \"$U\"}", ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->manager, "unit.set_status", "{\"unit_id\": \"$U\", \"status\": \"not_for_sale\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "test.move", "{\"what\": \"subscribe\", \"unit_id\": \"$U\", \"customer_id\": \"$C\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);

  /* withdrawal: subscribed → available, then the buyer is kept off the unit */
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->lina, "test.move", "{\"what\": \"withdraw\", \"unit_id\": \"$U\", \"customer_id\": \"$C\"}");
  g_assert_cmpstr (stored_status (f, f->unit_id), ==, "available");
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}");
  message = assert_refused (f, f->lina, "test.move", "{\"what\": \"subscribe\", \"unit_id\": \"$U\", \"customer_id\": \"$C\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "customer_id");
  g_assert_nonnull (strstr (message, "may not subscribe it again before 2026-12-26 10:00"));
  g_clear_pointer (&message, g_free);
  /* another buyer may */
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->lina, "test.move", "{\"what\": \"subscribe\", \"unit_id\": \"$U\", \"customer_id\": \"$D\"}");
  /* subscribed → signed, and signed is final */
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->manager, "test.move", "{\"what\": \"sign\", \"unit_id\": \"$U\", \"customer_id\": \"$D\"}");
  g_assert_cmpstr (stored_status (f, f->unit_id), ==, "signed");
  message = assert_refused (f, f->lina, "test.move", "{\"what\": \"withdraw\", \"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->manager, "unit.set_status", "{\"unit_id\": \"$U\", \"status\": \"available\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_nonnull (strstr (message, "already signed"));
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}", ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_clear_pointer (&message, g_free);

  /* The block ends after withdrawal.block_days (30). */
  {
    g_autoptr(JsonObject) h = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$V\", \"customer_id\": \"$C\"}");
    g_autoptr(JsonObject) w = NULL;
    g_autoptr(JsonObject) s = run_ok (f, f->lina, "test.move",
                                      "{\"what\": \"subscribe\", \"unit_id\": \"$V\", \"customer_id\": \"$C\"}");

    w = run_ok (f, f->lina, "test.move", "{\"what\": \"withdraw\", \"unit_id\": \"$V\", \"customer_id\": \"$C\"}");
    f->clock.now += 31 * G_TIME_SPAN_DAY;
    g_clear_pointer (&h, json_object_unref);
    h = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$V\"}");
    g_clear_pointer (&s, json_object_unref);
    s = run_ok (f, f->lina, "test.move", "{\"what\": \"subscribe\", \"unit_id\": \"$V\", \"customer_id\": \"$C\"}");
  }

  history = anju_unit_list_history (f->store, f->unit_id, NULL);
  {
    static const char * const rows[][3] = {
      { "available", "held", "hold" },
      { "held", "subscribed", "subscribe" },
      { "subscribed", "available", "withdraw" },
      { "available", "held", "hold" },
      { "held", "subscribed", "subscribe" },
      { "subscribed", "signed", "sign" },
    };

    g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (rows));
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        AnjuUnitEvent *e = g_ptr_array_index (history, i);

        g_assert_cmpstr (anju_unit_status_to_string (e->from), ==, rows[i][0]);
        g_assert_cmpstr (anju_unit_status_to_string (e->to), ==, rows[i][1]);
        g_assert_cmpstr (e->reason, ==, rows[i][2]);
      }
    g_assert_cmpstr (((AnjuUnitEvent *)g_ptr_array_index (history, 2))->detail, ==, "冷静期退定");
    g_assert_cmpstr (((AnjuUnitEvent *)g_ptr_array_index (history, 2))->customer_id, ==, f->customer_id);
    g_assert_cmpstr (((AnjuUnitEvent *)g_ptr_array_index (history, 5))->actor_name, ==, "张伟");
  }
}

static void
test_history_rows (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) a = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"customer_id\": \"$C\"}");
  g_autoptr(JsonObject) b = run_ok (f, f->lina, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 15}");
  g_autoptr(JsonObject) c = run_ok (f, f->lina, "unit.release", "{\"unit_id\": \"$U\"}");
  g_autoptr(GPtrArray) history = anju_unit_list_history (f->store, f->unit_id, NULL);
  AnjuUnitEvent *e;

  g_assert_cmpuint (history->len, ==, 3);
  e = g_ptr_array_index (history, 0);
  g_assert_cmpstr (e->reason, ==, "hold");
  g_assert_cmpstr (e->actor_id, ==, f->lina->id);
  g_assert_cmpstr (e->actor_name, ==, "李娜");
  g_assert_cmpstr (e->customer_id, ==, f->customer_id);
  g_assert_cmpstr (e->detail, ==, "until 2026-11-26T02:30:00Z");
  g_assert_cmpstr (e->at, ==, "2026-11-26T02:00:00Z");
  e = g_ptr_array_index (history, 1);
  g_assert_cmpstr (e->reason, ==, "extend");
  g_assert_cmpint (e->from, ==, ANJU_UNIT_HELD);
  g_assert_cmpint (e->to, ==, ANJU_UNIT_HELD);
  g_assert_cmpstr (e->detail, ==, "until 2026-11-26T02:45:00Z");
  e = g_ptr_array_index (history, 2);
  g_assert_cmpstr (e->reason, ==, "release");

  /* Every history row is in the change feed (so it syncs). */
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM changes WHERE tbl = 'unit_history'"), ==, 3);
  g_assert_cmpint (anju_store_count (f->store,
                   "SELECT count(*) FROM changes WHERE tbl = 'units' AND command_id IN "
                   "(SELECT command_id FROM applied_commands WHERE type IN ('unit.hold', 'unit.extend', 'unit.release'))"), ==, 2);
}

/* ---- the board -------------------------------------------------------------- */

static void
test_board_queries (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) some = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(JsonObject) r = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL, *file_text = NULL;
  AnjuUnitFilter filter = { 0 };
  AnjuBuildingCounts *c;
  AnjuUnitRow *row;
  g_autofree char *label = NULL;

  all = anju_units_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  row = g_ptr_array_index (all, 0);       /* same floor: by number */
  g_assert_cmpstr (row->number, ==, "1501");
  row = g_ptr_array_index (all, 1);
  label = anju_unit_row_dup_label (row);
  g_assert_cmpstr (label, ==, "1幢-1502");
  g_assert_cmpstr (row->building_name, ==, "1幢");
  g_assert_cmpstr (row->project_id, ==, f->project_id);
  g_assert_cmpint (row->floor, ==, 15);
  g_assert_cmpstr (row->layout, ==, "3室2厅2卫");
  g_assert_cmpstr (row->orientation, ==, "南");
  g_assert_cmpint (row->gross_area, ==, 11500);
  g_assert_cmpint (row->inner_area, ==, 9085);
  g_assert_cmpint (row->list_price, ==, 328370000);
  /* 328,370,000 × 100 / 11,500 = 2,855,391.30… → 2,855,391 fen per m² */
  g_assert_cmpint (row->price_per_m2, ==, 2855391);
  g_assert_false (row->hot);
  g_assert_null (row->special_offer);
  g_assert_cmpint (row->price_version, ==, 0);

  r = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}");
  filter.status = "held";
  some = anju_units_list (f->store, &filter, &error);
  g_assert_cmpuint (some->len, ==, 1);
  g_assert_cmpstr (((AnjuUnitRow *)g_ptr_array_index (some, 0))->holder_name, ==, "李娜");
  g_clear_pointer (&some, g_ptr_array_unref);
  filter = (AnjuUnitFilter) { .layout = "2室2厅1卫" };
  some = anju_units_list (f->store, &filter, &error);
  g_assert_cmpuint (some->len, ==, 1);
  g_assert_cmpstr (((AnjuUnitRow *)g_ptr_array_index (some, 0))->number, ==, "1501");
  g_clear_pointer (&some, g_ptr_array_unref);
  filter = (AnjuUnitFilter) { .min_area = 9000, .max_price = 400000000 };
  some = anju_units_list (f->store, &filter, &error);
  g_assert_cmpuint (some->len, ==, 1);
  g_assert_cmpstr (((AnjuUnitRow *)g_ptr_array_index (some, 0))->number, ==, "1502");
  g_clear_pointer (&some, g_ptr_array_unref);
  filter = (AnjuUnitFilter) { .max_area = 8900, .min_price = 250000000, .building_id = f->building_id };
  some = anju_units_list (f->store, &filter, &error);
  g_assert_cmpuint (some->len, ==, 1);
  g_clear_pointer (&some, g_ptr_array_unref);
  filter = (AnjuUnitFilter) { .project_id = "elsewhere" };
  some = anju_units_list (f->store, &filter, &error);
  g_assert_cmpuint (some->len, ==, 0);

  /* counts: 1 held, 1 available; then one subscribed of two for sale = 50.0% */
  counts = anju_units_count_by_building (f->store, f->project_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 1);
  c = g_ptr_array_index (counts, 0);
  g_assert_cmpstr (c->building_name, ==, "1幢");
  g_assert_cmpint (c->floors, ==, 18);
  g_assert_cmpuint (c->total, ==, 2);
  g_assert_cmpuint (c->count[ANJU_UNIT_HELD], ==, 1);
  g_assert_cmpuint (c->count[ANJU_UNIT_AVAILABLE], ==, 1);
  g_assert_cmpuint (c->sold_permille, ==, 0);
  anju_commands_register (test_commands, G_N_ELEMENTS (test_commands));
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->lina, "test.move", "{\"what\": \"subscribe\", \"unit_id\": \"$U\", \"customer_id\": \"$C\"}");
  g_clear_pointer (&counts, g_ptr_array_unref);
  counts = anju_units_count_by_building (f->store, NULL, &error);
  c = g_ptr_array_index (counts, 0);
  g_assert_cmpuint (c->count[ANJU_UNIT_SUBSCRIBED], ==, 1);
  g_assert_cmpuint (c->sold_permille, ==, 500);
  /* not-for-sale units do not count: 1 of 1 for sale */
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->manager, "unit.set_status", "{\"unit_id\": \"$V\", \"status\": \"not_for_sale\"}");
  g_clear_pointer (&counts, g_ptr_array_unref);
  counts = anju_units_count_by_building (f->store, f->project_id, &error);
  c = g_ptr_array_index (counts, 0);
  g_assert_cmpuint (c->sold_permille, ==, 1000);
  g_assert_cmpuint (c->count[ANJU_UNIT_NOT_FOR_SALE], ==, 1);
  /* a building without units yet is listed, after 1幢, with nothing counted */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO buildings (id, project_id, name, floors, "
                                            "units_per_floor) VALUES ('b-empty', '%s', '2幢', 10, 2)",
                                            f->project_id);

    g_assert_true (anju_store_exec (f->store, sql, NULL));
  }
  g_clear_pointer (&counts, g_ptr_array_unref);
  counts = anju_units_count_by_building (f->store, f->project_id, &error);
  g_assert_cmpuint (counts->len, ==, 2);
  c = g_ptr_array_index (counts, 1);
  g_assert_cmpstr (c->building_name, ==, "2幢");
  g_assert_cmpuint (c->total, ==, 0);
  g_assert_cmpuint (c->count[ANJU_UNIT_AVAILABLE], ==, 0);
  g_assert_cmpuint (c->sold_permille, ==, 0);

  /* the export: bottom floor first, quoted where needed, no floor prices */
  csv = anju_units_export_csv (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==,
                   "building,number,floor,layout,orientation,gross_area_m2,inner_area_m2,list_price_yuan,"
                   "hot,special_offer,price_per_m2_yuan,status\r\n"
                   "1幢,1501,15,2室2厅1卫,,89.00,70.30,2500000.00,0,,28089.89,not_for_sale\r\n"
                   "1幢,1502,15,3室2厅2卫,南,115.00,90.85,3283700.00,0,,28553.91,subscribed\r\n");
  path = g_build_filename (f->dir, "board.csv", NULL);
  g_assert_true (anju_units_export_csv_file (f->store, f->project_id, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &file_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (file_text, "\xEF\xBB\xBF" "building,number,"));
}

/* What the unit panel shows comes from anju_commands_allowed() and the
 * hold predicates; for every role, what they allow is applied and what
 * they forbid is refused. */
static void
test_may_matches_handlers (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AnjuUser) finance = anju_test_add_user (f->store, "chen", "陈静", ANJU_ROLE_FINANCE);
  const AnjuUser *people[] = { f->lina, f->wang, f->manager, f->admin, finance };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      const AnjuUser *who = people[i];
      g_autoptr(JsonObject) held = NULL;
      g_autoptr(AnjuUnitSnapshot) snapshot = NULL;
      gboolean may_hold;

      minutes_pass (f, 60);   /* past each one's pause after the last round */
      held = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}");
      gboolean may_extend = anju_unit_may_extend (who, f->lina->id);
      gboolean may_release = anju_unit_may_release (who, f->lina->id);

      g_test_message ("%s: extend %d release %d", who->username, may_extend, may_release);
      /* only the holder extends; the holder or a manager releases */
      g_assert_cmpint (may_extend, ==, who == f->lina);
      g_assert_cmpint (may_release, ==, who == f->lina || who == f->manager || who == f->admin);

      if (may_extend)
        {
          g_autoptr(JsonObject) r = run_ok (f, who, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 5}");
        }
      else
        g_free (assert_refused (f, who, "unit.extend", "{\"unit_id\": \"$U\", \"minutes\": 5}",
                                ANJU_COMMAND_ERROR_FORBIDDEN, anju_commands_allowed ("unit.extend", who) ? "unit_id" : NULL));
      if (may_release)
        {
          g_autoptr(JsonObject) r = run_ok (f, who, "unit.release", "{\"unit_id\": \"$U\"}");
        }
      else
        {
          g_free (assert_refused (f, who, "unit.release", "{\"unit_id\": \"$U\"}",
                                  ANJU_COMMAND_ERROR_FORBIDDEN, anju_commands_allowed ("unit.release", who) ? "unit_id" : NULL));
          g_autoptr(JsonObject) r = run_ok (f, f->lina, "unit.release", "{\"unit_id\": \"$U\"}");
        }
      /* the unit is available again: holding it is the role's to do,
       * and the panel's snapshot says so with the handler's rule —
       * except 李娜, whose hold just ended (the re-hold pause) */
      snapshot = anju_unit_snapshot_load (f->store, who, f->unit_id, NULL);
      may_hold = snapshot->can_hold;
      g_assert_cmpint (may_hold, ==, who == f->wang || who == f->manager);
      g_assert_true (may_hold == (snapshot->hold_refusal == NULL));
      if (may_hold)
        {
          g_autoptr(JsonObject) r = run_ok (f, who, "unit.hold", "{\"unit_id\": \"$U\"}");
          g_autoptr(JsonObject) back = run_ok (f, who, "unit.release", "{\"unit_id\": \"$U\"}");
        }
      else
        {
          g_autofree char *message = assert_refused (f, who, "unit.hold", "{\"unit_id\": \"$U\"}",
                                                     who == f->lina ? ANJU_COMMAND_ERROR_CONFLICT
                                                                    : ANJU_COMMAND_ERROR_FORBIDDEN,
                                                     who == f->lina ? "unit_id" : NULL);
          if (who == f->lina)
            g_assert_cmpstr (message, ==, snapshot->hold_refusal);
        }
    }
}

/* Releasing and holding again at once would start a fresh maximum hold:
 * the same person waits hold.rehold_pause_minutes (30 by default) after
 * their hold ends, released or expired; others and managers do not; the
 * board's snapshot says what the handler says. */
static void
test_rehold_pause (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) hold = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}");
  g_autoptr(JsonObject) released = run_ok (f, f->lina, "unit.release", "{\"unit_id\": \"$U\"}");
  g_autoptr(JsonObject) r = NULL;
  g_autoptr(AnjuUnitSnapshot) mine = NULL;
  g_autoptr(AnjuUnitSnapshot) theirs = NULL;
  g_autofree char *message = NULL;

  g_assert_cmpint (anju_units_get_rehold_pause_minutes (f->store, f->project_id), ==, 30);
  /* 10:00 released: not again before 10:30 */
  minutes_pass (f, 29);
  message = assert_refused (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_nonnull (strstr (message, "1幢-1502"));
  g_assert_nonnull (strstr (message, "10:30"));
  mine = anju_unit_snapshot_load (f->store, f->lina, f->unit_id, NULL);
  g_assert_false (mine->can_hold);
  g_assert_cmpstr (mine->hold_refusal, ==, message);
  g_assert_cmpint (mine->unit->status, ==, ANJU_UNIT_AVAILABLE);
  /* another consultant may; the other unit is not concerned */
  theirs = anju_unit_snapshot_load (f->store, f->wang, f->unit_id, NULL);
  g_assert_true (theirs->can_hold);
  g_assert_null (theirs->hold_refusal);
  r = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$V\"}");
  g_clear_pointer (&r, json_object_unref);

  /* at 10:30 the pause is over */
  minutes_pass (f, 1);
  g_clear_pointer (&mine, anju_unit_snapshot_free);
  mine = anju_unit_snapshot_load (f->store, f->lina, f->unit_id, NULL);
  g_assert_true (mine->can_hold);
  g_clear_pointer (&hold, json_object_unref);
  hold = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\", \"minutes\": 10}");

  /* an expired hold counts as well: expired 10:40, so not before 11:10 —
   * already before the expiry is settled by a command */
  minutes_pass (f, 20);   /* 10:50 */
  g_clear_pointer (&mine, anju_unit_snapshot_free);
  mine = anju_unit_snapshot_load (f->store, f->lina, f->unit_id, NULL);
  g_assert_false (mine->can_hold);
  g_assert_nonnull (strstr (mine->hold_refusal, "11:10"));
  g_clear_pointer (&message, g_free);
  message = assert_refused (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}",
                            ANJU_COMMAND_ERROR_CONFLICT, "unit_id");
  g_assert_nonnull (strstr (message, "11:10"));

  /* a manager is not held back */
  r = run_ok (f, f->manager, "unit.hold", "{\"unit_id\": \"$U\"}");
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->manager, "unit.release", "{\"unit_id\": \"$U\"}");
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->manager, "unit.hold", "{\"unit_id\": \"$U\"}");
  g_clear_pointer (&r, json_object_unref);
  r = run_ok (f, f->manager, "unit.release", "{\"unit_id\": \"$U\"}");
  g_clear_pointer (&r, json_object_unref);

  /* policy 0: no pause */
  r = run_ok (f, f->manager, "project.set_policy",
              "{\"project_id\": \"$P\", \"policy\": {\"hold\": {\"rehold_pause_minutes\": 0}}}");
  g_clear_pointer (&r, json_object_unref);
  g_clear_pointer (&mine, anju_unit_snapshot_free);
  mine = anju_unit_snapshot_load (f->store, f->lina, f->unit_id, NULL);
  g_assert_true (mine->can_hold);
  r = run_ok (f, f->lina, "unit.hold", "{\"unit_id\": \"$U\"}");
}

/* The re-hold pause's look-up of one consultant's holds of one unit
 * goes through an index of its own, not through all their holds. */
static void
test_rehold_pause_indexed (Fixture       *f,
                           gconstpointer  data)
{
  sqlite3_stmt *stmt = anju_store_prepare (f->store,
      "EXPLAIN QUERY PLAN SELECT max(coalesce(released_at, expires_at)) FROM holds "
      "WHERE unit_id = ?1 AND holder_id = ?2", NULL);
  g_autoptr(GString) plan = g_string_new (NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);
  g_assert_nonnull (strstr (plan->str, "USING INDEX holds_unit_holder (unit_id=? AND holder_id=?)"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  anju_format_set_time_zone ("Asia/Shanghai");
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/units/edges", test_edges);
  ADD ("/units/hold-default-and-max", test_hold_default_and_max);
  ADD ("/units/hold-conflict-message", test_hold_conflict_message);
  ADD ("/units/extend", test_extend);
  ADD ("/units/release", test_release);
  ADD ("/units/rehold-pause", test_rehold_pause);
  ADD ("/units/rehold-pause-indexed", test_rehold_pause_indexed);
  ADD ("/units/may-matches-handlers", test_may_matches_handlers);
  ADD ("/units/expiry", test_expiry);
  ADD ("/units/set-status", test_set_status);
  ADD ("/units/deal-transitions", test_deal_transitions);
  ADD ("/units/history", test_history_rows);
  ADD ("/units/board", test_board_queries);
#undef ADD

  return g_test_run ();
}
