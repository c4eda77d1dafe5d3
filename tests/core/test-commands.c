/* test-commands.c — the dispatcher: refusals change nothing, ids apply once */
#include "anju-customers.h"
#include "anju-sync-protocol.h"
#include "anju-test-util.h"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *consultant;
  AnjuUser      *finance;
  AnjuUser      *manager;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  f->consultant = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->finance = anju_test_add_user (f->store, "chenjing", "陈静", ANJU_ROLE_FINANCE);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->consultant);
  anju_user_free (f->finance);
  anju_user_free (f->manager);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Applies @json as @actor and asserts it is refused with @code naming
 * @field, and that no table changed. */
static void
assert_refused (Fixture              *f,
                const AnjuUser       *actor,
                const char           *json,
                AnjuCommandErrorCode  code,
                const char           *field)
{
  g_autofree char *before = anju_test_dump_database (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuCommand) command = anju_command_new_from_json (json, &error);
  g_autoptr(JsonObject) answer = NULL;

  if (command != NULL)
    answer = anju_command_apply (f->store, command, actor, ANJU_APPLY_NONE, &error);
  g_assert_null (answer);
  g_assert_error (error, ANJU_COMMAND_ERROR, (int)code);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, field);
  g_assert_cmpuint (strlen (error->message), >, 10);
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);
}

#define ID1 "\"id\": \"5b0e3c1e-6a3f-4f7c-9a53-0f1d7e2a9c01\""

static void
test_refused_paths (Fixture       *f,
                    gconstpointer  data)
{
  assert_refused (f, f->consultant, "{\"id\": ", ANJU_COMMAND_ERROR_MALFORMED, NULL);
  assert_refused (f, f->consultant, "[1, 2]", ANJU_COMMAND_ERROR_MALFORMED, NULL);
  assert_refused (f, f->consultant,
                  "{\"id\": \"not-a-uuid\", \"type\": \"customer.create\", \"payload\": {\"name\": \"王芳\"}}",
                  ANJU_COMMAND_ERROR_MALFORMED, "id");
  assert_refused (f, f->consultant, "{" ID1 ", \"type\": \"customer.create\"}",
                  ANJU_COMMAND_ERROR_MALFORMED, "payload");
  assert_refused (f, f->consultant, "{" ID1 ", \"type\": \"Customer-Create\", \"payload\": {}}",
                  ANJU_COMMAND_ERROR_MALFORMED, "type");
  assert_refused (f, f->consultant, "{" ID1 ", \"type\": \"customer.fly\", \"payload\": {}}",
                  ANJU_COMMAND_ERROR_UNKNOWN_TYPE, "type");
  /* missing field */
  assert_refused (f, f->consultant, "{" ID1 ", \"type\": \"customer.create\", \"payload\": {}}",
                  ANJU_COMMAND_ERROR_MISSING_FIELD, "name");
  assert_refused (f, f->consultant,
                  "{" ID1 ", \"type\": \"customer.create\", \"payload\": {\"name\": \"   \"}}",
                  ANJU_COMMAND_ERROR_MISSING_FIELD, "name");
  /* wrong JSON type */
  assert_refused (f, f->consultant,
                  "{" ID1 ", \"type\": \"customer.create\", \"payload\": {\"name\": 42}}",
                  ANJU_COMMAND_ERROR_INVALID_FIELD, "name");
  /* bad ID number: the check character of 11010519491231002X changed */
  assert_refused (f, f->consultant,
                  "{" ID1 ", \"type\": \"customer.create\", \"payload\": {\"name\": \"王芳\", "
                  "\"id_number\": \"110105194912310021\"}}",
                  ANJU_COMMAND_ERROR_INVALID_FIELD, "id_number");
  /* birth date in the future of the injected clock */
  assert_refused (f, f->consultant,
                  "{" ID1 ", \"type\": \"customer.create\", \"payload\": {\"name\": \"王芳\", "
                  "\"id_number\": \"110105202712310014\"}}",
                  ANJU_COMMAND_ERROR_INVALID_FIELD, "id_number");
  assert_refused (f, f->consultant,
                  "{" ID1 ", \"type\": \"customer.create\", \"payload\": {\"name\": \"王芳\", "
                  "\"mobile\": \"12345\"}}",
                  ANJU_COMMAND_ERROR_INVALID_FIELD, "mobile");
  assert_refused (f, f->consultant,
                  "{" ID1 ", \"type\": \"customer.create\", \"payload\": {\"name\": \"王芳\", "
                  "\"profile\": {\"life_stage\": \"astronaut\"}}}",
                  ANJU_COMMAND_ERROR_INVALID_FIELD, "profile.life_stage");
  /* wrong role: finance does not keep customer records */
  assert_refused (f, f->finance,
                  "{" ID1 ", \"type\": \"customer.create\", \"payload\": {\"name\": \"王芳\"}}",
                  ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
  /* a consultant cannot create users */
  assert_refused (f, f->consultant,
                  "{" ID1 ", \"type\": \"user.create\", \"payload\": {\"username\": \"x1\", "
                  "\"display_name\": \"X\", \"role\": \"admin\", \"password_hash\": \"$argon2id$v\"}}",
                  ANJU_COMMAND_ERROR_FORBIDDEN, NULL);
}

static JsonObject *
create_customer (Fixture        *f,
                 const AnjuUser *actor,
                 const char     *name,
                 const char     *mobile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payload = json_object_new ();
  JsonObject *answer;

  json_object_set_string_member (payload, "name", name);
  if (mobile)
    json_object_set_string_member (payload, "mobile", mobile);
  answer = anju_command_run (f->store, actor, "customer.create", payload, &error);
  g_assert_no_error (error);
  return answer;
}

static void
test_applied_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuCommand) command = anju_command_new_from_json (
      "{" ID1 ", \"type\": \"customer.create\", \"payload\": {\"name\": \"王芳\", \"mobile\": \"13812345678\"}}",
      &error);
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_no_error (error);
  first = anju_command_apply (f->store, command, f->consultant, ANJU_APPLY_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "applied");
  before = anju_test_dump_database (f->store);
  second = anju_command_apply (f->store, command, f->consultant, ANJU_APPLY_NONE, &error);
  g_assert_no_error (error);
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "result"), "customer_id"),
                   ==,
                   json_object_get_string_member (json_object_get_object_member (second, "result"), "customer_id"));
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM audit WHERE action = 'customer.create'"), ==, 1);
}

static void
test_audit_and_feed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) answer = create_customer (f, f->consultant, "王芳", "+86 138 1234 5678");
  JsonArray *changes = json_object_get_array_member (answer, "changes");
  sqlite3_stmt *stmt;
  g_autofree char *detail = NULL, *actor = NULL, *at = NULL;

  /* the customer row and its "created" timeline event */
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0), "table"),
                   ==, "customers");
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM changes"), >=, 2);

  stmt = anju_store_prepare (f->store,
      "SELECT detail, actor_id, at FROM audit WHERE action = 'customer.create'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  detail = anju_stmt_dup_text (stmt, 0);
  actor = anju_stmt_dup_text (stmt, 1);
  at = anju_stmt_dup_text (stmt, 2);
  sqlite3_reset (stmt);
  /* personal data masked in the audit log, time from the injected clock */
  g_assert_null (strstr (detail, "1234 5678"));
  g_assert_nonnull (strstr (detail, "****"));
  g_assert_cmpstr (actor, ==, f->consultant->id);
  g_assert_cmpstr (at, ==, "2026-11-26T02:00:00Z");
}

/* Every table a command can write belongs to a change topic some domain
 * declared, so a screen can subscribe to it; an answer names its topics. */
static void
test_topics (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) answer = create_customer (f, f->consultant, "王芳", NULL);
  g_auto(GStrv) topics = anju_command_answer_dup_topics (answer);
  sqlite3_stmt *stmt;

  /* customers and customer_events are both "customers", named once */
  g_assert_cmpstrv (topics, ((const char * const []) { "customers", NULL }));
  g_assert_true (anju_topics_match ((const char * const *)topics,
                                    (const char * const []) { "units", "customers", NULL }));
  g_assert_false (anju_topics_match ((const char * const *)topics,
                                     (const char * const []) { "units", NULL }));

  stmt = anju_store_prepare (f->store,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *)sqlite3_column_text (stmt, 0);
      const char * const *declared = anju_table_get_topics (table);

      if (anju_sync_table_is_private (table))
        continue;
      if (declared == NULL || declared[0] == NULL)
        g_error ("Table “%s” belongs to no change topic: declare it with anju_topic_declare() "
                 "where its domain registers its commands (docs/HACKING.md).", table);
    }
  sqlite3_reset (stmt);
}

static void
test_outbox (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) a = create_customer (f, f->consultant, "王芳", NULL);
  g_autoptr(JsonObject) b = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;

  /* alone on this computer: nothing queued */
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_true (anju_store_set_outbox_enabled (f->store, TRUE, NULL));
  b = create_customer (f, f->consultant, "赵敏", NULL);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM outbox"), ==, 1);
  stmt = anju_store_prepare (f->store, "SELECT command FROM outbox", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  json = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AnjuCommand) queued = anju_command_new_from_json (json, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (queued->type, ==, "customer.create");
    g_assert_cmpstr (json_object_get_string_member (queued->payload, "name"), ==, "赵敏");
    g_assert_cmpstr (queued->id, ==, json_object_get_string_member (b, "id"));
  }
}

static void
test_remembered_rejection (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuCommand) command = anju_command_new_from_json (
      "{" ID1 ", \"type\": \"customer.create\", \"payload\": {}}", &error);
  g_autoptr(JsonObject) answer = NULL;

  answer = anju_command_apply (f->store, command, f->consultant, ANJU_APPLY_REMEMBER_REJECTION, &error);
  g_assert_null (answer);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM applied_commands WHERE result LIKE '%rejected%'"), ==, 1);
  /* the same id again gets the same final answer, even with a fixed payload */
  json_object_set_string_member (command->payload, "name", "王芳");
  answer = anju_command_apply (f->store, command, f->consultant, ANJU_APPLY_NONE, &error);
  g_assert_null (answer);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_MISSING_FIELD);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "name");
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM customers"), ==, 0);
}

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuUser) user = anju_user_authenticate (f->store, "lina", "secret-lina", &error);
  g_autoptr(AnjuUser) bad = NULL;
  g_autoptr(AnjuUser) dup = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_cmpstr (user->display_name, ==, "李娜");
  g_assert_cmpint (user->role, ==, ANJU_ROLE_CONSULTANT);
  bad = anju_user_authenticate (f->store, "lina", "wrong-password", &error);
  g_assert_null (bad);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_AUTH);
  g_clear_error (&error);
  bad = anju_user_authenticate (f->store, "nobody", "secret-lina", &error);
  g_assert_null (bad);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_AUTH);
  g_clear_error (&error);

  stmt = anju_store_prepare (f->store, "SELECT password_hash FROM users WHERE username = 'lina'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  hash = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "secret"));

  dup = anju_user_add (f->store, anju_user_get_system (), "lina", "Another", ANJU_ROLE_CONSULTANT,
                       "long-enough-password", &error);
  g_assert_null (dup);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_DUPLICATE);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "username");
}

/* A refusal keeps its format and each argument as text; filled into a
 * translation (which may reorder them) it reads whole, and anything the
 * reader cannot fill leaves the sentence as sent. */
static void
test_refusal_template (void)
{
  g_autoptr(GError) error = NULL;
  const char * const *args;
  const char * const reordered[] = { "3-1201", "王芳", NULL };
  g_autofree char *filled = NULL, *swapped = NULL, *percent = NULL;
  g_autofree char *missing = NULL, *starred = NULL, *fallback = NULL;

  anju_command_reject (&error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                       "Unit %s: %d of %lld, %zu bytes, %.1f%%, %u, %c, %5s.",
                       "3-1201", -4, (long long)9000000000, (size_t)17, 2.25, 7u, 'x', "ab");
  g_assert_cmpstr (error->message, ==, "Unit 3-1201: -4 of 9000000000, 17 bytes, 2.2%, 7, x,    ab.");
  g_assert_cmpstr (anju_command_error_get_template (error), ==, "Unit %s: %d of %lld, %zu bytes, %.1f%%, %u, %c, %5s.");
  args = anju_command_error_get_args (error);
  g_assert_cmpuint (g_strv_length ((char **)args), ==, 8);
  g_assert_cmpstr (args[0], ==, "3-1201");
  g_assert_cmpstr (args[2], ==, "9000000000");
  g_assert_cmpstr (args[4], ==, "2.2");
  g_assert_cmpstr (args[7], ==, "   ab");
  filled = anju_refusal_fill (anju_command_error_get_template (error), args);
  g_assert_cmpstr (filled, ==, error->message);

  swapped = anju_refusal_fill ("%2$s 保留了 %1$s。", reordered);
  g_assert_cmpstr (swapped, ==, "王芳 保留了 3-1201。");
  percent = anju_refusal_fill ("100%% %s", reordered);
  g_assert_cmpstr (percent, ==, "100% 3-1201");
  missing = anju_refusal_fill ("%s %s %s", reordered);
  g_assert_null (missing);
  starred = anju_refusal_fill ("%*d", reordered);
  g_assert_null (starred);
  /* Not in the catalogue (this test runs in English): the sentence sent. */
  fallback = anju_refusal_render ("Unit %s is gone.", reordered, "Unit 3-1201 is gone.");
  g_assert_cmpstr (fallback, ==, "Unit 3-1201 is gone.");

  /* A sentence passed whole has no template; numbered arguments are not
   * carried either. */
  g_clear_error (&error);
  anju_command_reject (&error, ANJU_COMMAND_ERROR_CONFLICT, NULL, "%s", "made elsewhere");
  g_assert_null (anju_command_error_get_template (error));
  g_clear_error (&error);
  anju_command_reject (&error, ANJU_COMMAND_ERROR_CONFLICT, NULL, "%1$s", "numbered");
  g_assert_null (anju_command_error_get_template (error));
  g_assert_cmpstr (error->message, ==, "numbered");
}

/* Every registered command declares its payload, and the declaration
 * parses; a spec without it is a critical warning at registration. */
static void
test_fields_declared (void)
{
  g_autoptr(GPtrArray) specs = (anju_commands_init (), anju_commands_list ());
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(JsonObject) hold = NULL;
  g_autoptr(GError) error = NULL;
  const AnjuCommandField *field;
  JsonArray *list;

  g_assert_cmpuint (specs->len, >=, 59);
  for (guint i = 0; i < specs->len; i++)
    {
      const AnjuCommandSpec *spec = specs->pdata[i];
      g_autoptr(GPtrArray) parsed = NULL;

      if (i > 0)
        g_assert_cmpstr (((const AnjuCommandSpec *)specs->pdata[i - 1])->type, <, spec->type);
      g_assert_nonnull (spec->fields);
      parsed = anju_command_spec_dup_fields (spec, &error);
      g_assert_no_error (error);
      g_assert_nonnull (parsed);
      g_assert_true (anju_commands_lookup (spec->type) == spec);
    }

  /* A declaration as the header describes it. */
  fields = anju_command_fields_parse ("unit_id:string minutes:integer? done:boolean", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 3);
  field = fields->pdata[1];
  g_assert_cmpstr (field->name, ==, "minutes");
  g_assert_cmpstr (field->type, ==, "integer");
  g_assert_false (field->required);
  field = fields->pdata[2];
  g_assert_cmpstr (field->type, ==, "boolean");
  g_assert_true (field->required);
  g_clear_pointer (&fields, g_ptr_array_unref);
  fields = anju_command_fields_parse ("", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 0);

  /* What is refused. */
  {
    const char * const bad[] = {
      "unit_id", "unit_id:text", "unit_id:string  minutes:integer", ":string",
      "Unit:string", "unit_id:string unit_id:integer?", "unit_id:string?? ", NULL,
    };

    for (guint i = 0; bad[i] != NULL; i++)
      {
        g_autoptr(GPtrArray) none = anju_command_fields_parse (bad[i], &error);

        g_assert_null (none);
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
        g_clear_error (&error);
      }
    g_assert_null (anju_command_fields_parse (NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
  }

  /* The spec as tools see it. */
  hold = anju_command_spec_to_json (anju_commands_lookup ("unit.hold"));
  g_assert_cmpstr (json_object_get_string_member (hold, "type"), ==, "unit.hold");
  g_assert_true (json_object_get_boolean_member (hold, "office_decision"));
  g_assert_false (json_object_get_boolean_member (hold, "office_preferred"));
  {
    /* the walk-in rotation: the office's when connected, the desk's offline */
    g_autoptr(JsonObject) walk_in = anju_command_spec_to_json (anju_commands_lookup ("visit.register"));

    g_assert_false (json_object_get_boolean_member (walk_in, "office_decision"));
    g_assert_true (json_object_get_boolean_member (walk_in, "office_preferred"));
    g_assert_cmpint (anju_command_route ("visit.register", TRUE), ==, ANJU_COMMAND_ROUTE_OFFICE_PREFERRED);
    g_assert_cmpint (anju_command_route ("visit.register", FALSE), ==, ANJU_COMMAND_ROUTE_LOCAL);
    g_assert_cmpint (anju_command_route ("unit.hold", TRUE), ==, ANJU_COMMAND_ROUTE_OFFICE);
    g_assert_cmpint (anju_command_route ("call.log", TRUE), ==, ANJU_COMMAND_ROUTE_LOCAL);
  }
  list = json_object_get_array_member (hold, "roles");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (list, 0), ==, "consultant");
  g_assert_cmpstr (json_array_get_string_element (list, 1), ==, "manager");
  list = json_object_get_array_member (hold, "fields");
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "name"),
                   ==, "unit_id");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list, 0), "required"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (list, 2), "required"));
}

static gboolean
apply_nothing (AnjuCommandContext  *ctx,
               JsonObject          *payload,
               GError             **error)
{
  return TRUE;
}

static void
test_fields_required (void)
{
  if (g_test_subprocess ())
    {
      static const AnjuCommandSpec forgotten[] = {
        { "test.forgotten", ANJU_ROLES_ALL, ANJU_COMMAND_FLAG_NONE, apply_nothing },
      };

      anju_commands_register (forgotten, G_N_ELEMENTS (forgotten));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*test.forgotten: no fields declared*");
}

/* The dispatcher does not register the domains (they are built on it):
 * until a program calls anju_commands_init() no command is known. */
static void
test_registered_from_above (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GPtrArray) none = anju_commands_list ();
      g_autoptr(GPtrArray) all = NULL;

      g_assert_cmpuint (none->len, ==, 0);
      g_assert_null (anju_commands_lookup ("customer.create"));
      g_assert_null (anju_table_get_topics ("customers"));
      anju_commands_init ();
      all = anju_commands_list ();
      g_assert_cmpuint (all->len, >, 0);
      g_assert_nonnull (anju_commands_lookup ("customer.create"));
      g_assert_nonnull (anju_table_get_topics ("customers"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/commands/refused-paths-change-nothing", test_refused_paths);
  ADD ("/commands/applied-once", test_applied_once);
  ADD ("/commands/audit-and-feed", test_audit_and_feed);
  ADD ("/commands/outbox", test_outbox);
  ADD ("/commands/topics", test_topics);
  ADD ("/commands/remembered-rejection", test_remembered_rejection);
  ADD ("/commands/sign-in", test_sign_in);
  g_test_add_func ("/commands/refusal-template", test_refusal_template);
  g_test_add_func ("/commands/fields-declared", test_fields_declared);
  g_test_add_func ("/commands/fields-required", test_fields_required);
  g_test_add_func ("/commands/registered-from-above", test_registered_from_above);
  return g_test_run ();
}
