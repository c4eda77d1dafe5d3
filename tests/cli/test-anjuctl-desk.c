/* test-anjuctl-desk.c — anjuctl on a desk connected to a real anju-server
 *
 * anjuctl has one way to change anything, the desk command runner the
 * window uses (anjuctl_submit → anju_sync_engine_submit). On a connected
 * desk a local command lands in the outbox and reaches the office; an
 * office decision (price_list.import) goes to the server at once and is
 * refused while the server cannot be reached. A subcommand that applied
 * its command itself would be refused on this desk ("decided by the
 * office server") or would decide the office's price list alone.
 */
#include <gio/gio.h>

#include "anju-command.h"
#include "anju-sync-engine.h"
#include "anju-test-server.h"
#include "anjuctl-test-run.h"

/* Runs anjuctl --database @database ARGS… with @input on stdin. */
static void
anjuctl (Result     *r,
         const char *database,
         const char *input,
         ...)
{
  va_list args;

  va_start (args, input);
  anjuctl_test_runv (r, database, input, args);
  va_end (args);
  g_test_message ("anjuctl → %d\n%s%s", r->status, r->out, r->err);
}

static void
test_desk_routes_through_engine (void)
{
  g_autoptr(AnjuTestServer) server = anju_test_server_new ();
  g_autoptr(AnjuStore) office = anju_test_server_open_store (server);
  g_autoptr(AnjuUser) it = anju_test_add_user_fast (office, "it", "信息部", ANJU_ROLE_ADMIN);
  g_autoptr(AnjuStore) desk = NULL;
  g_autofree char *desk_path = g_build_filename (server->dir, "desk.db", NULL);
  g_autofree char *csv_path = g_build_filename (server->dir, "prices.csv", NULL);
  g_auto(Result) project = { 0 }, building = { 0 }, imported = { 0 }, offline = { 0 };
  const char *csv =
    "building,number,floor,layout,orientation,gross_area_m2,inner_area_m2,list_price_yuan\n"
    "1幢,101,1,2室2厅1卫,南,89.00,70.30,1800000.00\n"
    "1幢,102,1,2室2厅1卫,南,89.00,70.30,1810000.00\n"
    "1幢,201,2,3室2厅2卫,南,120.00,95.00,2500000.00\n"
    "1幢,202,2,3室2厅2卫,南,120.00,95.00,2510000.00\n";

  anju_test_server_start (server);
  /* Signed in on this desk as the window does (anjuctl sync --user signs
   * out when it ends); anjuctl then works on the same desk. */
  desk = anju_test_desk_sign_in (server, "desk.db", "it", NULL);

  /* A local command: applied on the desk, queued for the office. */
  anjuctl (&project, desk_path, NULL, "projects", "create", "安居苑", "--user", "it", NULL);
  g_assert_cmpint (project.status, ==, 0);
  anjuctl (&building, desk_path, NULL, "buildings", "create", "1幢", "--floors", "2",
           "--units-per-floor", "2", "--user", "it", NULL);
  g_assert_cmpint (building.status, ==, 0);
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM projects"), ==, 1);
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM outbox"), ==, 2);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM projects"), ==, 0);

  /* An office decision: the desk sends what it queued, then the office
   * decides the price list. */
  g_assert_true (g_file_set_contents (csv_path, csv, -1, NULL));
  anjuctl (&imported, desk_path, NULL, "units", "import", csv_path, "--user", "it", NULL);
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM projects"), ==, 1);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM buildings"), ==, 1);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM price_lists"), ==, 1);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM units"), ==, 4);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM applied_commands "
                                            "WHERE type = 'price_list.import'"), ==, 1);

  /* The office cannot be reached: the desk does not decide it alone. */
  anju_test_server_stop (server);
  anjuctl (&offline, desk_path, NULL, "units", "import", csv_path, "--user", "it", NULL);
  g_assert_cmpint (offline.status, ==, 1);
  g_assert_nonnull (strstr (offline.err, "anjuctl: "));
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM price_lists"), ==, 1);
  g_assert_cmpint (anju_test_count (desk, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM price_lists"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/anjuctl/desk/routes-through-engine", test_desk_routes_through_engine);
  return g_test_run ();
}
