/* anju-test-util.c */
#include <string.h>

#include <glib/gstdio.h>

#include "anju-sms.h"
#include "anju-test-util.h"

/* What a test store carries for the helpers: its clock, the step the run
 * helpers move it on by, the registered marks. */
typedef struct
{
  AnjuTestClock *clock;
  gint64         step;
  GArray        *marks;   /* of MarkPlace */
} TestState;

typedef struct
{
  char  *mark;
  char **value;
} MarkPlace;

static void
mark_place_clear (gpointer data)
{
  g_free (((MarkPlace *)data)->mark);
}

static void
test_state_free (gpointer data)
{
  TestState *state = data;

  g_clear_pointer (&state->marks, g_array_unref);
  g_free (state);
}

static TestState *
test_state_of (AnjuStore *store)
{
  TestState *state = g_object_get_data (G_OBJECT (store), "anju-test-state");

  if (state == NULL)
    {
      state = g_new0 (TestState, 1);
      state->marks = g_array_new (FALSE, FALSE, sizeof (MarkPlace));
      g_array_set_clear_func (state->marks, mark_place_clear);
      g_object_set_data_full (G_OBJECT (store), "anju-test-state", state, test_state_free);
    }
  return state;
}

gint64
anju_test_clock_func (gpointer user_data)
{
  return ((AnjuTestClock *)user_data)->now;
}

gint64
anju_test_time (const char *iso_utc)
{
  gint64 usec = 0;

  g_assert_true (anju_clock_parse_utc (iso_utc, &usec));
  return usec;
}

AnjuStore *
anju_test_store_new (AnjuTestClock  *clock,
                     char          **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("anju-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  AnjuStore *store;

  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();
  g_assert_no_error (error);
  path = g_build_filename (dir, "anju.db", NULL);
  store = anju_store_open (path, &error);
  g_assert_no_error (error);
  if (clock != NULL)
    anju_store_set_clock (store, anju_test_clock_func, clock);
  test_state_of (store)->clock = clock;
  if (out_dir != NULL)
    *out_dir = g_steal_pointer (&dir);
  return store;
}

void
anju_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    return;
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        anju_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

AnjuUser *
anju_test_add_user (AnjuStore  *store,
                    const char *username,
                    const char *display_name,
                    AnjuRole    role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = g_strdup_printf ("secret-%s", username);
  AnjuUser *user = anju_user_add (store, anju_user_get_system (), username, display_name,
                                  role, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (user);
  return user;
}

char *
anju_test_dump_database (AnjuStore *store)
{
  sqlite3 *db = anju_store_get_db (store);
  sqlite3_stmt *tables = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                   -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", name);
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "[%s]\n", name);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            {
              const unsigned char *v = sqlite3_column_text (rows, i);
              g_string_append_printf (out, "%s|", v ? (const char *)v : "∅");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  return g_string_free (out, FALSE);
}

JsonObject *
anju_test_json_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

char *
anju_test_expand (const char         *json,
                  const AnjuTestMark *marks,
                  guint               n_marks)
{
  g_autoptr(GString) out = g_string_new (json);

  for (guint i = 0; i < n_marks; i++)
    if (marks[i].value != NULL)
      g_string_replace (out, marks[i].mark, marks[i].value, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
anju_test_set_marks (AnjuStore   *store,
                     const char  *mark,
                     char       **value,
                     ...)
{
  TestState *state = test_state_of (store);
  va_list args;

  va_start (args, value);
  while (mark != NULL)
    {
      MarkPlace place = { g_strdup (mark), value };

      g_assert_nonnull (value);
      g_array_append_val (state->marks, place);
      mark = va_arg (args, const char *);
      if (mark != NULL)
        value = va_arg (args, char **);
    }
  va_end (args);
}

char *
anju_test_expand_marks (AnjuStore  *store,
                        const char *json)
{
  GArray *places = test_state_of (store)->marks;
  g_autofree AnjuTestMark *marks = g_new0 (AnjuTestMark, places->len + 1);

  for (guint i = 0; i < places->len; i++)
    {
      const MarkPlace *place = &g_array_index (places, MarkPlace, i);

      marks[i].mark = place->mark;
      marks[i].value = *place->value;
    }
  return anju_test_expand (json, marks, places->len);
}

void
anju_test_set_step (AnjuStore *store,
                    gint64     step)
{
  TestState *state = test_state_of (store);

  g_assert_nonnull (state->clock);
  state->step = step;
}

/* Runs @type with @json expanded, without moving the clock. */
static JsonObject *
run_command (AnjuStore       *store,
             const AnjuUser  *actor,
             const char      *type,
             const char      *json,
             GError         **error)
{
  g_autofree char *text = anju_test_expand_marks (store, json);
  g_autoptr(JsonObject) payload = anju_test_json_object (text);
  g_autoptr(JsonObject) answer = anju_command_run (store, actor, type, payload, error);

  if (answer == NULL)
    return NULL;
  return json_object_ref (json_object_get_object_member (answer, "result"));
}

JsonObject *
anju_test_run (AnjuStore       *store,
               const AnjuUser  *actor,
               const char      *type,
               const char      *json,
               GError         **error)
{
  TestState *state = test_state_of (store);
  JsonObject *result = run_command (store, actor, type, json, error);

  if (state->step != 0)
    state->clock->now += state->step;
  return result;
}

gboolean
anju_test_run_applied (AnjuStore       *store,
                       const AnjuUser  *actor,
                       const char      *type,
                       const char      *json,
                       GError         **error)
{
  g_autoptr(JsonObject) result = anju_test_run (store, actor, type, json, error);

  return result != NULL;
}

JsonObject *
anju_test_run_ok (AnjuStore      *store,
                  const AnjuUser *actor,
                  const char     *type,
                  const char     *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *result = anju_test_run (store, actor, type, json, &error);

  if (error != NULL)
    g_test_message ("%s refused: %s (%s)", type, error->message,
                    anju_command_error_get_field (error) ? anju_command_error_get_field (error) : "-");
  g_assert_no_error (error);
  return result;
}

JsonObject *
anju_test_run_okf (AnjuStore      *store,
                   const AnjuUser *actor,
                   const char     *type,
                   const char     *format,
                   ...)
{
  g_autofree char *json = NULL;
  va_list args;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);
  return anju_test_run_ok (store, actor, type, json);
}

char *
anju_test_run_id (AnjuStore      *store,
                  const AnjuUser *actor,
                  const char     *type,
                  const char     *json,
                  const char     *member)
{
  g_autoptr(JsonObject) result = anju_test_run_ok (store, actor, type, json);

  return g_strdup (json_object_get_string_member (result, member));
}

char *
anju_test_assert_refused (AnjuStore            *store,
                          const AnjuUser       *actor,
                          const char           *type,
                          const char           *json,
                          AnjuCommandErrorCode  code,
                          const char           *field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = anju_test_dump_database (store);
  g_autofree char *after = NULL;
  g_autoptr(JsonObject) result = run_command (store, actor, type, json, &error);

  if (result != NULL)
    g_test_message ("%s %s was applied", type, json);
  g_assert_null (result);
  g_assert_error (error, ANJU_COMMAND_ERROR, (int)code);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, field);
  /* A sentence, not a code. */
  g_assert_cmpuint (strlen (error->message), >, 15);
  after = anju_test_dump_database (store);
  g_assert_cmpstr (before, ==, after);
  return g_strdup (error->message);
}

void
anju_test_assert_refused_saying (AnjuStore            *store,
                                 const AnjuUser       *actor,
                                 const char           *type,
                                 const char           *json,
                                 AnjuCommandErrorCode  code,
                                 const char           *field,
                                 const char           *in_message)
{
  g_autofree char *message = anju_test_assert_refused (store, actor, type, json, code, field);

  if (in_message != NULL)
    g_assert_nonnull (strstr (message, in_message));
}

char *
anju_test_assert_refusedv (AnjuStore            *store,
                           const AnjuUser       *actor,
                           const char           *type,
                           AnjuCommandErrorCode  code,
                           const char           *field,
                           const char           *format,
                           va_list               args)
{
  g_autofree char *json = g_strdup_vprintf (format, args);

  return anju_test_assert_refused (store, actor, type, json, code, field);
}

char *
anju_test_assert_refusedf (AnjuStore            *store,
                           const AnjuUser       *actor,
                           const char           *type,
                           AnjuCommandErrorCode  code,
                           const char           *field,
                           const char           *format,
                           ...)
{
  char *message;
  va_list args;

  va_start (args, format);
  message = anju_test_assert_refusedv (store, actor, type, code, field, format, args);
  va_end (args);
  return message;
}

char *
anju_test_sms_due (AnjuStore   *store,
                   const char  *state,
                   const char  *customer_id,
                   const char  *template_id,
                   char       **text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = anju_sms_list (store, state, customer_id, &error);
  char *due = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      AnjuSms *sms = g_ptr_array_index (list, i);

      if (g_strcmp0 (sms->template_id, template_id) != 0)
        continue;
      g_assert_null (due);
      due = g_strdup (sms->due_at);
      if (text != NULL)
        *text = g_strdup (sms->text);
    }
  return due;
}
