/* bench-customers.c — customers at the scale of a large office
 *
 * Fills a database with 1,000,000 customers straight into its tables
 * (bench_fill_customers()), then measures what a consultant waits for:
 * the count and first page of the customers view, and search as you type
 * by mobile prefix and by name. Prints each figure beside its floor: the
 * same query's cost on a bare SQLite table with the same index.
 */
#include <stdio.h>
#include <stdlib.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-paths.h"
#include "anju-user.h"
#include "bench-util.h"

#ifndef N_CUSTOMERS
#define N_CUSTOMERS 1000000
#endif
#define REPEAT 30

#define now_ms bench_now_ms
#define make_name bench_make_name
#define given bench_given

typedef double (*Probe) (AnjuStore *store, sqlite3 *bare, guint i);

static double
probe_first_page (AnjuStore *store, sqlite3 *bare, guint i)
{
  AnjuCustomerQuery q = { NULL, NULL };
  double t0 = now_ms ();
  gint64 n = anju_customers_count (store, &q, NULL);
  g_autoptr(GPtrArray) rows = anju_customers_fetch (store, &q, 0, 100, NULL);
  g_assert (n == N_CUSTOMERS && rows->len == 100);
  return now_ms () - t0;
}

static double
probe_mobile (AnjuStore *store, sqlite3 *bare, guint i)
{
  char prefix[16];
  AnjuCustomerQuery q = { prefix, NULL };
  double t0;
  g_autoptr(GPtrArray) rows = NULL;

  g_snprintf (prefix, sizeof prefix, "139%04u", (i * 37) % 10000);
  t0 = now_ms ();
  anju_customers_count (store, &q, NULL);
  rows = anju_customers_fetch (store, &q, 0, 100, NULL);
  return now_ms () - t0;
}

/* A given name alone ("伟": one in 20) or surname + given ("张伟": one in
 * 320), a different one each time. */
static char *
name_query (guint i)
{
  if (i % 2 == 0)
    return g_strdup (given[(i / 2) % G_N_ELEMENTS (bench_given)]);
  return g_strconcat (bench_surnames[i % G_N_ELEMENTS (bench_surnames)],
                      given[(i * 3) % G_N_ELEMENTS (bench_given)], NULL);
}

static double
probe_name (AnjuStore *store, sqlite3 *bare, guint i)
{
  g_autofree char *text = name_query (i);
  AnjuCustomerQuery q = { text, NULL };
  double t0 = now_ms ();
  g_autoptr(GPtrArray) rows = NULL;

  anju_customers_count (store, &q, NULL);
  rows = anju_customers_fetch (store, &q, 0, 100, NULL);
  return now_ms () - t0;
}

static double
bare_query (sqlite3 *bare, const char *sql, const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  double t0 = now_ms ();

  sqlite3_prepare_v2 (bare, sql, -1, &stmt, NULL);
  if (arg)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  return now_ms () - t0;
}

static double
floor_first_page (AnjuStore *store, sqlite3 *bare, guint i)
{
  return bare_query (bare, "SELECT count(*) FROM c", NULL) +
         bare_query (bare, "SELECT * FROM c ORDER BY updated_at DESC LIMIT 100", NULL);
}

static double
floor_mobile (AnjuStore *store, sqlite3 *bare, guint i)
{
  char prefix[16];
  g_snprintf (prefix, sizeof prefix, "139%04u", (i * 37) % 10000);
  return bare_query (bare, "SELECT count(*) FROM c WHERE mobile >= ?1 AND mobile < ?1 || ':'", prefix) +
         bare_query (bare, "SELECT * FROM c WHERE mobile >= ?1 AND mobile < ?1 || ':' LIMIT 100", prefix);
}

static double
floor_name (AnjuStore *store, sqlite3 *bare, guint i)
{
  g_autofree char *g = name_query (i);
  return bare_query (bare, "SELECT count(*) FROM c WHERE instr(name, ?1) > 0", g) +
         bare_query (bare, "SELECT * FROM c WHERE instr(name, ?1) > 0 LIMIT 100", g);
}

static void
report (const char *name, AnjuStore *store, sqlite3 *bare, Probe probe, Probe floor)
{
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < REPEAT; i++)
    {
      double ms = probe (store, bare, i);

      g_array_append_val (a, ms);
      ms = floor (store, bare, i);
      g_array_append_val (b, ms);
    }
  /* The core beside a bare table with the same index: at most twice. */
  bench_line (name, bench_median (a), "ms", bench_median (b), BENCH_AT_MOST, 2);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("anju-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *bare_path = g_build_filename (dir, "bare.db", NULL);
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);
  g_autoptr(AnjuUser) lina = NULL;
  sqlite3 *bare = NULL;
  sqlite3_stmt *ins = NULL;
  double t0, t_build, t_bare;
  char name[64], mobile[16];

  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_assert_no_error (error);
  lina = anju_user_add (store, anju_user_get_system (), "lina", "李娜", ANJU_ROLE_CONSULTANT,
                        "bench-password", &error);
  g_assert_no_error (error);

  t0 = now_ms ();
  g_assert_true (bench_fill_customers (store, N_CUSTOMERS, lina->id, &error));
  g_assert_no_error (error);
  t_build = now_ms () - t0;

  g_assert (sqlite3_open (bare_path, &bare) == SQLITE_OK);
  sqlite3_exec (bare, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
                      "CREATE TABLE c (id TEXT PRIMARY KEY, name TEXT, "
                      "mobile TEXT, updated_at TEXT); CREATE INDEX c_mobile ON c (mobile); "
                      "CREATE INDEX c_updated ON c (updated_at)", NULL, NULL, NULL);
  t0 = now_ms ();
  sqlite3_exec (bare, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (bare, "INSERT INTO c VALUES (?, ?, ?, ?)", -1, &ins, NULL);
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      char id[37];
      g_autofree char *at = g_strdup_printf ("2026-11-26T%02u:%02u:%02uZ", i / 3600 % 24, i / 60 % 60, i % 60);

      g_snprintf (id, sizeof id, "%08x-0000-4000-8000-%012x", 0x5eedu, i);
      make_name (i, name, sizeof name);
      bench_make_mobile (i, mobile, sizeof mobile);
      sqlite3_bind_text (ins, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 3, mobile, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 4, at, -1, SQLITE_TRANSIENT);
      sqlite3_step (ins);
      sqlite3_reset (ins);
    }
  sqlite3_finalize (ins);
  sqlite3_exec (bare, "COMMIT; PRAGMA cache_size = " ANJU_STORE_CACHE_SIZE, NULL, NULL, NULL);
  t_bare = now_ms () - t0;

  printf ("# Anju customers benchmark, %d customers (core queries beside a bare SQLite table)\n",
          N_CUSTOMERS);
  printf ("# filled straight into the tables in %.0f ms (bare table: %.0f ms)\n", t_build, t_bare);
  report ("core_first_page", store, bare, probe_first_page, floor_first_page);
  report ("core_search_mobile", store, bare, probe_mobile, floor_mobile);
  report ("core_search_name", store, bare, probe_name, floor_name);

  sqlite3_close (bare);
  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    (void) !system (cmd);
  }
  return 0;
}
