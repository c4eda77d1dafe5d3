/* test-screens.c — what the screens offer is what the handlers do
 *
 * The window shows and enables from core's answers (the view table, the
 * "may I?" predicates and the domains' snapshots). For every demo role,
 * each action an answer allows is applied by its handler, and each one it
 * forbids is refused.
 */
#include <gio/gio.h>

#include "anju-demo.h"
#include "anju-test-util.h"
#include "anju-view-access.h"

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

/* ---- the window's views ------------------------------------------------ */

static void
test_views (Fixture       *f,
            gconstpointer  data)
{
  /* in the order of demo_people */
  static const char * const expected[] = {
    "workbench reception customers board approvals finance settings",
    "workbench reception customers board negotiation approvals finance settings",
    "workbench reception customers board negotiation settings",
    "workbench reception customers board negotiation settings",
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
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/screens/views", test_views);
#undef ADD

  return g_test_run ();
}
