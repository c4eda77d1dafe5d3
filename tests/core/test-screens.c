/* test-screens.c — what the screens offer is what the handlers do
 *
 * The window shows and enables from core's answers (the view table, the
 * "may I?" predicates and the domains' snapshots). For every demo role,
 * each action an answer allows is applied by its handler, and each one it
 * forbids is refused.
 */
#include <gio/gio.h>

#include "anju-clock.h"
#include "anju-demo.h"
#include "anju-pricing.h"
#include "anju-reception.h"
#include "anju-rotation.h"
#include "anju-test-util.h"
#include "anju-units.h"
#include "anju-view-access.h"
#include "anju-workbench.h"

/* data/demo/users.json */
static const char * const demo_people[] = { "admin", "zhangwei", "lina", "wanglei", "chenjing" };

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *people[G_N_ELEMENTS (demo_people)];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->clock.now = anju_test_time ("2026-01-26T02:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  g_assert_true (anju_demo_load (f->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
    g_assert_nonnull ((f->people[i] = anju_user_lookup_by_name (f->store, demo_people[i])));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->people); i++)
    g_clear_pointer (&f->people[i], anju_user_free);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

enum { ADMIN, MANAGER, LINA, WANGLEI, FINANCE };

#define run_ok(f, actor, type, ...) anju_test_run_okf ((f)->store, (actor), (type), __VA_ARGS__)

/* Asserts @type is refused for @actor and changes nothing: FORBIDDEN
 * without a field when the role may not run it at all, else @code on
 * @field (the handler's own check). */
static void
refused (Fixture              *f,
         const AnjuUser       *actor,
         const char           *type,
         AnjuCommandErrorCode  code,
         const char           *field,
         const char           *format,
         ...) G_GNUC_PRINTF (6, 7);

static void
refused (Fixture              *f,
         const AnjuUser       *actor,
         const char           *type,
         AnjuCommandErrorCode  code,
         const char           *field,
         const char           *format,
         ...)
{
  gboolean role_may = anju_commands_allowed (type, actor);
  va_list args;

  va_start (args, format);
  g_free (anju_test_assert_refusedv (f->store, actor, type,
                                     role_may ? code : ANJU_COMMAND_ERROR_FORBIDDEN,
                                     role_may ? field : NULL, format, args));
  va_end (args);
}

/* ---- the window's views ------------------------------------------------ */

static void
test_views (Fixture       *f,
            gconstpointer  data)
{
  /* in the order of demo_people */
  static const char * const expected[] = {
    "workbench reception customers board approvals finance care handovers office settings",
    "workbench reception customers board negotiation approvals finance care handovers signing mortgage office settings",
    "workbench reception customers board negotiation care signing mortgage settings",
    "workbench reception customers board negotiation care signing mortgage settings",
    "workbench customers finance settings",
  };
  g_auto(GStrv) none = anju_views_for_actor (NULL);

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_false (anju_view_visible_to ("workbench", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
    {
      const AnjuUser *who = f->people[i];
      g_auto(GStrv) views = anju_views_for_actor (who);
      g_autofree char *joined = g_strjoinv (" ", views);

      g_test_message ("%s: %s", who->username, joined);
      g_assert_cmpstr (joined, ==, expected[i]);
      for (guint v = 0; views[v] != NULL; v++)
        g_assert_true (anju_view_visible_to (views[v], who));
      g_assert_false (anju_view_visible_to ("no-such-view", who));

      /* a view whose work is a command is seen by whoever may run it */
      g_assert_cmpint (anju_view_visible_to ("reception", who), ==,
                       anju_commands_allowed ("visit.register", who));
      g_assert_cmpint (anju_view_visible_to ("negotiation", who), ==,
                       anju_commands_allowed ("quote.create", who));
      g_assert_cmpint (anju_view_visible_to ("approvals", who), ==,
                       anju_commands_allowed ("approval.decide", who));
      /* the care calendar: who may log an owner's visit; the handovers: who hands over */
      g_assert_cmpint (anju_view_visible_to ("care", who), ==,
                       anju_commands_allowed ("care.log_contact", who));
      g_assert_cmpint (anju_view_visible_to ("handovers", who), ==,
                       anju_commands_allowed ("customer.handover", who));
      /* signing and the mortgage pipeline: who signs and moves a mortgage on */
      g_assert_cmpint (anju_view_visible_to ("signing", who), ==, anju_commands_allowed ("signing.sign", who));
      g_assert_cmpint (anju_view_visible_to ("mortgage", who), ==, anju_commands_allowed ("mortgage.advance", who));
    }
}

/* ---- reception: the rotation's rows, visitors, the workbench ---------- */

/* Who may mark whom on the day's rotation: the reception view's row menu
 * comes from anju_rotation_may_mark(). */
static void
test_rotation_mark (Fixture       *f,
                    gconstpointer  data)
{
  /* [who][whom]: whom among admin, manager, lina, wanglei, finance */
  static const gboolean expected[][5] = {
    [ADMIN]   = { 0, 1, 1, 1, 0 },
    [MANAGER] = { 0, 1, 1, 1, 0 },
    [LINA]    = { 0, 0, 1, 0, 0 },
    [WANGLEI] = { 0, 0, 0, 1, 0 },
    [FINANCE] = { 0, 0, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
    for (guint j = 0; j < G_N_ELEMENTS (demo_people); j++)
      {
        const AnjuUser *who = f->people[i], *whom = f->people[j];
        gboolean may = anju_rotation_may_mark (who, whom->id);

        if (!anju_user_receives_customers (whom))
          continue;   /* nobody stands in the rotation who does not receive */
        g_test_message ("%s marks %s: %d", who->username, whom->username, may);
        g_assert_cmpint (may, ==, expected[i][j]);
        if (may)
          {
            /* joins the day, is busy a while, is back */
            static const char * const states[] = { "on_duty", "busy", "on_duty" };

            for (guint s = 0; s < G_N_ELEMENTS (states); s++)
              {
                g_autoptr(JsonObject) r = run_ok (f, who, "rotation.mark",
                                                  "{\"local_date\": \"2026-01-26\", \"consultant_id\": \"%s\", "
                                                  "\"state\": \"%s\"}", whom->id, states[s]);
              }
          }
        else
          refused (f, who, "rotation.mark", ANJU_COMMAND_ERROR_FORBIDDEN, "consultant_id",
                   "{\"local_date\": \"2026-01-26\", \"consultant_id\": \"%s\", \"state\": \"on_duty\"}",
                   whom->id);
      }
  /* a new day proposes the consultants, not the manager */
  g_assert_true (anju_rotation_proposes_on_duty (f->people[LINA]));
  g_assert_true (anju_rotation_proposes_on_duty (f->people[WANGLEI]));
  g_assert_false (anju_rotation_proposes_on_duty (f->people[MANAGER]));
}

/* A visitor registered by @registrar for @consultant (NULL: the rotation,
 * which is not set, so nobody), arrived a minute ago; its id. */
static char *
register_visit (Fixture        *f,
                const AnjuUser *registrar,
                const AnjuUser *consultant)
{
  g_autofree char *arrived = NULL;
  g_autofree char *named = NULL;
  g_autoptr(JsonObject) r = NULL;

  f->clock.now += 90 * G_USEC_PER_SEC;
  arrived = anju_clock_format_utc (f->clock.now - 60 * G_USEC_PER_SEC);
  named = consultant ? g_strdup_printf (", \"consultant_id\": \"%s\"", consultant->id) : g_strdup ("");
  r = run_ok (f, registrar, "visit.register", "{\"arrived_at\": \"%s\", \"first_time\": true%s}",
              arrived, named);
  return g_strdup (json_object_get_string_member (r, "visit_id"));
}

static void
greet (Fixture        *f,
       const AnjuUser *who,
       const char     *visit_id,
       gboolean        may)
{
  g_autofree char *now = anju_clock_format_utc (f->clock.now);

  if (may)
    {
      g_autoptr(JsonObject) r = run_ok (f, who, "visit.greet", "{\"visit_id\": \"%s\", \"greeted_at\": \"%s\"}",
                                        visit_id, now);
      /* past the visit's greet_within_seconds (60) the wait is long */
      g_assert_cmpint (json_object_get_boolean_member (r, "long_wait"), ==,
                       json_object_get_int_member (r, "wait_seconds") > 60);
    }
  else
    refused (f, who, "visit.greet", ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
             "{\"visit_id\": \"%s\", \"greeted_at\": \"%s\"}", visit_id, now);
}

/* The Greeted buttons of the reception view (anju_visit_may_greet()) and
 * of the workbench (anju_workbench_offers_greet()), and the workbench's
 * colleagues to reassign a task to. */
static void
test_visit_greet (Fixture       *f,
                  gconstpointer  data)
{
  /* the workbench offers [who]: the visitor lina receives, the one
   * wanglei receives (lina registered it), the one nobody has yet */
  static const gboolean offers[][3] = {
    [ADMIN]   = { 1, 1, 0 },
    [MANAGER] = { 1, 1, 0 },
    [LINA]    = { 1, 0, 0 },
    [WANGLEI] = { 0, 1, 0 },
    [FINANCE] = { 0, 0, 0 },
  };
  const AnjuUser *manager = f->people[MANAGER], *lina = f->people[LINA];

  for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
    {
      const AnjuUser *who = f->people[i];
      char *id[3] = {
        register_visit (f, manager, lina),
        register_visit (f, lina, f->people[WANGLEI]),
        register_visit (f, manager, NULL),
      };
      g_autoptr(AnjuWorkbench) wb = anju_workbench_load (f->store, who->id, NULL, NULL);
      gboolean offered[3] = { FALSE, FALSE, FALSE };
      g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_visit_free);

      g_assert_nonnull (wb);
      for (guint w = 0; w < wb->waiting->len; w++)
        for (guint v = 0; v < 3; v++)
          if (g_str_equal (((AnjuVisit *)g_ptr_array_index (wb->waiting, w))->id, id[v]))
            offered[v] = anju_workbench_offers_greet (wb, who, g_ptr_array_index (wb->waiting, w));
      for (guint v = 0; v < 3; v++)
        {
          g_test_message ("%s, visitor %u: workbench offers greet %d", who->username, v, offered[v]);
          g_assert_cmpint (offered[v], ==, offers[i][v]);
          g_ptr_array_add (visits, anju_visit_load (f->store, id[v], NULL));
          g_assert_cmpint (((AnjuVisit *)visits->pdata[v])->greet_within_seconds, ==, 60);
        }

      /* what the workbench offers is applied; the reception view's rule
       * (anju_visit_may_greet) is the handler's: staff greet a visitor
       * with a consultant, once */
      for (guint v = 0; v < 3; v++)
        {
          gboolean may = anju_visit_may_greet (who, visits->pdata[v]);

          g_assert_cmpint (may, ==, i != FINANCE && v != 2);
          if (offered[v])
            g_assert_true (may);
          greet (f, who, id[v], may);
        }
      for (guint v = 0; v < 2; v++)
        {
          g_autoptr(AnjuVisit) again = anju_visit_load (f->store, id[v], NULL);

          g_assert_cmpint (anju_visit_may_greet (manager, again), ==, i == FINANCE);
          greet (f, manager, id[v], i == FINANCE);
        }

      /* colleagues to reassign a task to: only for who may reassign */
      g_assert_cmpint (wb->colleagues != NULL, ==, anju_commands_allowed ("task.reassign", who));
      if (wb->colleagues != NULL)
        {
          g_autoptr(JsonObject) task = run_ok (f, manager, "task.create",
                                               "{\"kind\": \"call\", \"title\": \"回访\", "
                                               "\"due_at\": \"2026-01-27T02:00:00Z\"}");
          const char *task_id = json_object_get_string_member (task, "task_id");

          /* 李娜, 王磊 and the chain's managers 张伟, 黄敏, 徐涛 */
          g_assert_cmpuint (wb->colleagues->len, ==, 5);
          for (guint c = 0; c < wb->colleagues->len; c++)
            {
              const AnjuUser *to = g_ptr_array_index (wb->colleagues, c);
              g_autoptr(JsonObject) r = NULL;

              g_assert_true (anju_user_receives_customers (to));
              if (g_strcmp0 (to->id, manager->id) == 0)
                continue;   /* already theirs */
              r = run_ok (f, who, "task.reassign", "{\"task_id\": \"%s\", \"assignee_id\": \"%s\"}",
                          task_id, to->id);
            }
        }
      else
        refused (f, who, "task.reassign", ANJU_COMMAND_ERROR_FORBIDDEN, NULL,
                 "{\"task_id\": \"nope\", \"assignee_id\": \"%s\"}", lina->id);
      for (guint v = 0; v < 3; v++)
        g_free (id[v]);
    }
}

/* ---- policy values the screens show ------------------------------------ */

static char *
dup_first (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = anju_store_prepare (f->store, sql, NULL);
  char *text;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

/* The call window, the unit panel and the negotiation view show the
 * values core reads from the policy, and the handlers apply the same. */
static void
test_policy_answers (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *project_id = dup_first (f, "SELECT id FROM projects");
  g_autofree char *unit_id = dup_first (f, "SELECT id FROM units WHERE status = 'available' ORDER BY id");
  g_autofree char *other_id = dup_first (f, "SELECT id FROM units WHERE status = 'available' ORDER BY id DESC");
  g_autofree char *expected_until = NULL;
  g_autoptr(JsonObject) set = NULL, held = NULL;
  AnjuPhoneStandard phone, fallback;
  gint64 default_minutes = 0, max_minutes = 0;

  /* data/policy: hold 30 of at most 120 minutes, 3 rings, a colleague
   * from the 6th, long calls over 10 minutes, waits flagged after 5 */
  anju_units_get_hold_minutes (f->store, project_id, &default_minutes, &max_minutes);
  g_assert_cmpint (default_minutes, ==, 30);
  g_assert_cmpint (max_minutes, ==, 120);
  anju_reception_get_phone_standard (f->store, project_id, &phone);
  anju_reception_get_default_phone_standard (&fallback);
  g_assert_cmpint (phone.answer_rings, ==, 3);
  g_assert_cmpint (phone.backup_after_rings, ==, 6);
  g_assert_cmpint (phone.long_call_minutes, ==, 10);
  g_assert_cmpmem (&phone, sizeof phone, &fallback, sizeof fallback);
  g_assert_cmpint (anju_pricing_get_wait_flag_minutes (f->store, project_id), ==, 5);
  /* a consultant gives down to 99折 alone */
  g_assert_cmpuint (anju_pricing_get_discretion_min (f->store, project_id), ==, 990);
  g_assert_false (anju_pricing_discretion_needs_approval (990, 990));
  g_assert_true (anju_pricing_discretion_needs_approval (985, 990));

  set = run_ok (f, f->people[ADMIN], "project.set_policy",
                "{\"project_id\": \"%s\", \"policy\": {\"hold\": {\"default_minutes\": 20, "
                "\"max_minutes\": 45}, \"phone\": {\"answer_rings\": 4}, "
                "\"negotiation\": {\"wait_flag_minutes\": 7}}}", project_id);
  anju_units_get_hold_minutes (f->store, project_id, &default_minutes, &max_minutes);
  g_assert_cmpint (default_minutes, ==, 20);
  g_assert_cmpint (max_minutes, ==, 45);
  anju_reception_get_phone_standard (f->store, project_id, &phone);
  g_assert_cmpint (phone.answer_rings, ==, 4);
  g_assert_cmpint (phone.backup_after_rings, ==, 6);
  g_assert_cmpint (anju_pricing_get_wait_flag_minutes (f->store, project_id), ==, 7);

  /* unit.hold takes the panel's default and refuses past its maximum */
  held = run_ok (f, f->people[LINA], "unit.hold", "{\"unit_id\": \"%s\"}", unit_id);
  expected_until = anju_clock_format_utc (f->clock.now + 20 * G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (json_object_get_string_member (held, "expires_at"), ==, expected_until);
  refused (f, f->people[LINA], "unit.hold", ANJU_COMMAND_ERROR_INVALID_FIELD, "minutes",
           "{\"unit_id\": \"%s\", \"minutes\": 46}", other_id);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/screens/views", test_views);
  ADD ("/screens/rotation-mark", test_rotation_mark);
  ADD ("/screens/visit-greet", test_visit_greet);
  ADD ("/screens/policy-answers", test_policy_answers);
#undef ADD

  return g_test_run ();
}
