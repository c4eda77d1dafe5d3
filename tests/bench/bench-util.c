/* bench-util.c — what every benchmark shares: clocks, figures, data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-util.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "anju-command.h"
#include "anju-search.h"
#include "anju-user.h"

const char *const bench_surnames[16] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭" };
const char *const bench_given[20] = { "芳", "伟", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国" };

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

double
bench_median (GArray *values)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

double
bench_maximum (GArray *values)
{
  double max = 0;

  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  return max;
}

double
bench_p99 (GArray *values)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint)ceil (values->len * 0.99) - 1));
}

gboolean
bench_line (const char *name,
            double      value,
            const char *unit,
            double      floor,
            BenchGoal   kind,
            double      goal)
{
  double ratio = floor > 0 ? value / floor : 0;
  gboolean met = FALSE;
  g_autofree char *goal_text = NULL;

  switch (kind)
    {
    case BENCH_AT_MOST:
      met = ratio <= goal;
      goal_text = g_strdup_printf ("<=%g", goal);
      break;
    case BENCH_AT_LEAST:
      met = ratio >= goal;
      goal_text = g_strdup_printf (">=%g", goal);
      break;
    case BENCH_PLUS_AT_MOST:
      met = value - floor <= goal;
      goal_text = g_strdup_printf ("<=+%g", goal);
      break;
    default:
      g_assert_not_reached ();
    }
  printf ("BENCH %s %.2f %s floor %.2f ratio %.2f goal %s %s\n", name, value, unit, floor, ratio,
          goal_text, met ? "met" : "MISSED");
  fflush (stdout);
  return met;
}

double
bench_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

void
bench_make_name (guint  i,
                 char  *buf,
                 gsize  len)
{
  g_snprintf (buf, len, "%s%s%s", bench_surnames[i % G_N_ELEMENTS (bench_surnames)],
              bench_given[(i / 16) % G_N_ELEMENTS (bench_given)],
              (i / 320) % 3 == 0 ? "" : bench_given[(i / 7) % G_N_ELEMENTS (bench_given)]);
}

void
bench_make_mobile (guint  i,
                   char  *buf,
                   gsize  len)
{
  g_snprintf (buf, len, "1%d%09u", 3 + (i % 7), i * 7919 % 1000000000);
}

/* The triggers on customers, to be made again: CREATE TRIGGER … each. */
static GPtrArray *
drop_triggers (AnjuStore  *store,
               GError    **error)
{
  g_autoptr(GPtrArray) sql = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'customers'", error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup_printf ("DROP TRIGGER %s", sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (sql, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < names->len; i++)
    if (!anju_store_exec (store, names->pdata[i], error))
      return NULL;
  return g_steal_pointer (&sql);
}

gboolean
bench_fill_customers (AnjuStore   *store,
                      guint        n,
                      const char  *owner_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) triggers = NULL;
  sqlite3_stmt *insert;
  /* 2026-01-01T00:00:00Z */
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  char name[64], mobile[16], at[32];
  guint32 run = g_random_int ();

  if (!anju_store_exec (store, "PRAGMA synchronous = OFF", error) ||
      !anju_store_exec (store, "PRAGMA cache_size = -262144", error) ||
      !anju_store_begin (store, error))
    return FALSE;
  /* The search index is filled once at the end, in its order, rather than
   * row by row by its trigger. */
  if ((triggers = drop_triggers (store, error)) == NULL)
    {
      anju_store_rollback (store);
      return FALSE;
    }
  insert = anju_store_prepare (store,
      "INSERT INTO customers (id, name, mobile, owner_id, profile, created_by, created_at, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, '{}', ?4, ?5, ?5)", error);
  if (insert == NULL)
    {
      anju_store_rollback (store);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      char id[37];
      gint64 t = g_date_time_to_unix (base) + i;
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (t);
      g_autofree char *when_text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");

      /* A UUID-shaped id, unique and cheap, in insertion order (the
       * primary key's index grows at its end). */
      g_snprintf (id, sizeof id, "%08x-0000-4000-8000-%012x", run, i);
      bench_make_name (i, name, sizeof name);
      bench_make_mobile (i, mobile, sizeof mobile);
      g_strlcpy (at, when_text, sizeof at);
      sqlite3_bind_text (insert, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 3, mobile, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 4, owner_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 5, at, -1, SQLITE_TRANSIENT);
      if (!anju_store_step_done (store, insert, error))
        {
          anju_store_rollback (store);
          return FALSE;
        }
    }
  for (guint i = 0; i < triggers->len; i++)
    if (!anju_store_exec (store, triggers->pdata[i], error))
      {
        anju_store_rollback (store);
        return FALSE;
      }
  if (!anju_store_exec (store, "DELETE FROM customer_search; " ANJU_SEARCH_FILL_SQL, error))
    {
      anju_store_rollback (store);
      return FALSE;
    }
  return anju_store_commit (store, error) &&
         anju_store_exec (store, "PRAGMA synchronous = FULL; PRAGMA cache_size = " ANJU_STORE_CACHE_SIZE, error);
}

static gboolean
run_command (AnjuStore    *store,
             const char   *type,
             JsonObject   *payload,
             JsonObject  **answer,
             GError      **error)
{
  g_autoptr(JsonObject) reply = anju_command_run (store, anju_user_get_system (), type, payload,
                                                  error);

  json_object_unref (payload);
  if (answer != NULL)
    *answer = g_steal_pointer (&reply);
  return *error == NULL;
}

char *
bench_build_project (AnjuStore  *store,
                     guint       n_buildings,
                     guint       n_floors,
                     guint       n_per_floor,
                     GError    **error)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *project_id = NULL;
  g_autoptr(JsonArray) rows = json_array_new ();
  JsonObject *payload;
  static const char *layouts[] = { "2室2厅1卫", "3室2厅2卫", "4室2厅2卫" };

  payload = json_object_new ();
  json_object_set_string_member (payload, "name", "大型项目");
  if (!run_command (store, "project.create", payload, &answer, error))
    return NULL;
  project_id = g_strdup (json_object_get_string_member (
      json_object_get_object_member (answer, "result"), "project_id"));
  for (guint b = 1; b <= n_buildings; b++)
    {
      g_autofree char *name = g_strdup_printf ("%u幢", b);

      payload = json_object_new ();
      json_object_set_string_member (payload, "project_id", project_id);
      json_object_set_string_member (payload, "name", name);
      json_object_set_int_member (payload, "floors", n_floors);
      json_object_set_int_member (payload, "units_per_floor", n_per_floor);
      if (!run_command (store, "building.create", payload, NULL, error))
        return NULL;
      for (guint f = 1; f <= n_floors; f++)
        for (guint p = 1; p <= n_per_floor; p++)
          {
            JsonObject *row = json_object_new ();
            g_autofree char *number = g_strdup_printf ("%u%02u", f, p);
            gint64 area = 8900 + (p % 3) * 2600;

            json_object_set_string_member (row, "building", name);
            json_object_set_string_member (row, "number", number);
            json_object_set_int_member (row, "floor", f);
            json_object_set_string_member (row, "layout", layouts[p % 3]);
            json_object_set_int_member (row, "gross_area", area);
            json_object_set_int_member (row, "inner_area", area * 79 / 100);
            json_object_set_int_member (row, "list_price", area * (2800000 + f * 15000) / 100);
            json_object_set_boolean_member (row, "hot", (f * p) % 17 == 0);
            json_array_add_object_element (rows, row);
          }
    }
  payload = json_object_new ();
  json_object_set_string_member (payload, "project_id", project_id);
  json_object_set_array_member (payload, "rows", json_array_ref (rows));
  if (!run_command (store, "price_list.import", payload, NULL, error))
    return NULL;
  return g_steal_pointer (&project_id);
}

struct _BenchPerf
{
  GSubprocess *process;
  char        *name;
  int          ctl;
  int          ack;
};

BenchPerf *
bench_perf_attach (const char *name,
                   GPid        pid)
{
  const char *dir = g_getenv ("ANJU_BENCH_PERF");
  g_autofree char *ctl = NULL, *ack = NULL, *data = NULL, *control = NULL, *target = NULL;
  g_autoptr(GError) error = NULL;
  BenchPerf *perf;

  if (dir == NULL || *dir == '\0')
    return NULL;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  ctl = g_strdup_printf ("%s/%s.ctl", dir, name);
  ack = g_strdup_printf ("%s/%s.ack", dir, name);
  data = g_strdup_printf ("%s/%s.data", dir, name);
  g_unlink (ctl);
  g_unlink (ack);
  g_assert_cmpint (mkfifo (ctl, 0600), ==, 0);
  g_assert_cmpint (mkfifo (ack, 0600), ==, 0);
  control = g_strdup_printf ("fifo:%s,%s", ctl, ack);
  target = pid > 0 ? g_strdup_printf ("%d", (int)pid) : NULL;
  perf = g_new0 (BenchPerf, 1);
  perf->name = g_strdup (name);
  perf->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                    "perf", "record", "-F", "499", "--call-graph", "dwarf,16384",
                                    "-D", "-1", "--control", control, "-o", data,
                                    target ? "-p" : "-a", target, NULL);
  g_assert_no_error (error);
  /* perf opens the control fifo first, then the acknowledgement one. */
  perf->ctl = open (ctl, O_WRONLY | O_CLOEXEC);
  perf->ack = open (ack, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (perf->ctl, >=, 0);
  g_assert_cmpint (perf->ack, >=, 0);
  printf ("# perf: recording %s (%s %s) into %s, events off\n", name, target ? "pid" : "all",
          target ? target : "processes", data);
  return perf;
}

void
bench_perf_enable (BenchPerf *perf,
                   gboolean   on)
{
  const char *command = on ? "enable\n" : "disable\n";
  char answer[8] = { 0 };

  if (perf == NULL)
    return;
  g_assert_cmpint (write (perf->ctl, command, strlen (command)), ==, (gssize)strlen (command));
  g_assert_cmpint (read (perf->ack, answer, sizeof answer - 1), >, 0);
  printf ("# perf: %s %s at %.1f ms\n", perf->name, on ? "on" : "off", bench_now_ms ());
}

void
bench_perf_finish (BenchPerf *perf)
{
  if (perf == NULL)
    return;
  g_subprocess_send_signal (perf->process, SIGINT);
  g_subprocess_wait (perf->process, NULL, NULL);
  close (perf->ctl);
  close (perf->ack);
  g_object_unref (perf->process);
  g_free (perf->name);
  g_free (perf);
}
