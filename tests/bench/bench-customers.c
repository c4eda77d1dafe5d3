/* bench-customers.c — customers at the scale of a large office
 *
 * Builds a database of 100,000 customers through the real commands (one
 * transaction per 1,000), then measures what a consultant waits for: the
 * count and first page of the customers view, and search as you type by
 * mobile prefix and by name. Prints each figure beside its floor:
 * the same query's cost on a bare SQLite table with the same index.
 */
#include <stdio.h>
#include <stdlib.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-paths.h"
#include "anju-user.h"

#ifndef N_CUSTOMERS
#define N_CUSTOMERS 100000
#endif
#define REPEAT 50

static const char *surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭" };
static const char *given[] = { "芳", "伟", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国" };

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
make_name (guint i, char *buf, gsize len)
{
  g_snprintf (buf, len, "%s%s%s", surnames[i % G_N_ELEMENTS (surnames)],
              given[(i / 16) % G_N_ELEMENTS (given)],
              (i / 320) % 3 == 0 ? "" : given[(i / 7) % G_N_ELEMENTS (given)]);
}

static double
median (double *v, guint n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        double t = v[j]; v[j] = v[j - 1]; v[j - 1] = t;
      }
  return v[n / 2];
}

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

static double
probe_name (AnjuStore *store, sqlite3 *bare, guint i)
{
  AnjuCustomerQuery q = { given[i % G_N_ELEMENTS (given)], NULL };
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
  const char *g = given[i % G_N_ELEMENTS (given)];
  return bare_query (bare, "SELECT count(*) FROM c WHERE instr(name, ?1) > 0", g) +
         bare_query (bare, "SELECT * FROM c WHERE instr(name, ?1) > 0 LIMIT 100", g);
}

static void
report (const char *what, AnjuStore *store, sqlite3 *bare, Probe probe, Probe floor)
{
  double a[REPEAT], b[REPEAT];

  for (guint i = 0; i < REPEAT; i++)
    {
      a[i] = probe (store, bare, i);
      b[i] = floor (store, bare, i);
    }
  printf ("%-34s median %7.2f ms   (floor, bare SQLite: %7.2f ms)\n", what, median (a, REPEAT),
          median (b, REPEAT));
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

  g_assert_no_error (error);
  lina = anju_user_add (store, anju_user_get_system (), "lina", "李娜", ANJU_ROLE_CONSULTANT,
                        "bench-password", &error);
  g_assert_no_error (error);

  t0 = now_ms ();
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_autoptr(JsonObject) payload = json_object_new ();
      g_autoptr(JsonObject) answer = NULL;

      if (i % 1000 == 0)
        g_assert (anju_store_begin (store, NULL));
      make_name (i, name, sizeof name);
      g_snprintf (mobile, sizeof mobile, "1%d%09u", 3 + (i % 7), i * 7919 % 1000000000);
      json_object_set_string_member (payload, "name", name);
      json_object_set_string_member (payload, "mobile", mobile);
      answer = anju_command_run (store, lina, "customer.create", payload, &error);
      g_assert_no_error (error);
      if (i % 1000 == 999)
        g_assert (anju_store_commit (store, NULL));
    }
  t_build = now_ms () - t0;

  g_assert (sqlite3_open (bare_path, &bare) == SQLITE_OK);
  sqlite3_exec (bare, "PRAGMA journal_mode=WAL; CREATE TABLE c (id TEXT PRIMARY KEY, name TEXT, "
                      "mobile TEXT, updated_at TEXT); CREATE INDEX c_mobile ON c (mobile); "
                      "CREATE INDEX c_updated ON c (updated_at)", NULL, NULL, NULL);
  t0 = now_ms ();
  sqlite3_exec (bare, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (bare, "INSERT INTO c VALUES (?, ?, ?, ?)", -1, &ins, NULL);
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *at = g_strdup_printf ("2026-11-26T%02u:%02u:%02uZ", i / 3600 % 24, i / 60 % 60, i % 60);
      make_name (i, name, sizeof name);
      g_snprintf (mobile, sizeof mobile, "1%d%09u", 3 + (i % 7), i * 7919 % 1000000000);
      sqlite3_bind_text (ins, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 3, mobile, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 4, at, -1, SQLITE_TRANSIENT);
      sqlite3_step (ins);
      sqlite3_reset (ins);
    }
  sqlite3_finalize (ins);
  sqlite3_exec (bare, "COMMIT", NULL, NULL, NULL);
  t_bare = now_ms () - t0;

  printf ("Anju customers benchmark, %d customers\n", N_CUSTOMERS);
  printf ("%-34s %9.0f ms   (floor, bare INSERTs in one transaction: %.0f ms)\n",
          "build via customer.create", t_build, t_bare);
  report ("customers view: count + first page", store, bare, probe_first_page, floor_first_page);
  report ("search by mobile prefix (7 digits)", store, bare, probe_mobile, floor_mobile);
  report ("search by name (substring)", store, bare, probe_name, floor_name);

  sqlite3_close (bare);
  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    (void) !system (cmd);
  }
  return 0;
}
