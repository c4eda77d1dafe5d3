/* bench-util.h — what every benchmark shares: clocks, figures, data
 *
 * Every figure is printed as one line
 *
 *   BENCH <name> <value> <unit> floor <value> ratio <r> goal <g> met|MISSED
 *
 * where the ratio is value / floor and the goal is on the ratio
 * ("<=1.3", ">=0.3") or, for memory, on the difference ("<=+60").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "anju-store.h"

G_BEGIN_DECLS

typedef enum
{
  BENCH_AT_MOST,       /* ratio ≤ goal */
  BENCH_AT_LEAST,      /* ratio ≥ goal */
  BENCH_PLUS_AT_MOST,  /* value − floor ≤ goal */
} BenchGoal;

double      bench_now_ms          (void);
/* The median of @values (sorts them). */
double      bench_median          (GArray      *values);
double      bench_maximum         (GArray      *values);
/* The 99th percentile of @values (sorts them). */
double      bench_p99             (GArray      *values);

/* Prints one BENCH line; returns whether the goal is met. */
gboolean    bench_line            (const char  *name,
                                   double       value,
                                   const char  *unit,
                                   double       floor,
                                   BenchGoal    kind,
                                   double       goal);

/* The process's resident memory now (VmRSS), in MiB. */
double      bench_rss_mib         (void);

/* The synthetic customers: names like 张伟 / 李秀英芳, unique mobiles. */
extern const char *const bench_surnames[16];
extern const char *const bench_given[20];
void        bench_make_name       (guint        i,
                                   char        *buf,
                                   gsize        len);
void        bench_make_mobile     (guint        i,
                                   char        *buf,
                                   gsize        len);

/* @n customers owned by @owner_id written straight into @store's tables
 * in one transaction (as customer.create would leave them, less their
 * timeline and change feed): the data for a large office in seconds,
 * not through a million commands. Customer i was updated i seconds after
 * 2026-01-01T00:00:00Z. */
gboolean    bench_fill_customers  (AnjuStore   *store,
                                   guint        n,
                                   const char  *owner_id,
                                   GError     **error);

/* A project of @n_buildings buildings of @n_floors × @n_per_floor units,
 * priced, through the real commands (project.create, building.create,
 * price_list.import); returns the project's id. */
char       *bench_build_project   (AnjuStore   *store,
                                   guint        n_buildings,
                                   guint        n_floors,
                                   guint        n_per_floor,
                                   GError     **error);

/* Profiling one timed part. With ANJU_BENCH_PERF=DIR in the environment,
 * bench_perf_attach() starts `perf record -F 499 --call-graph dwarf,16384`
 * on process @pid (the threads it has then; 0: every process, `-a`)
 * with its events off, writing DIR/@name.data; bench_perf_enable() turns them on
 * and off (returning once perf has), bench_perf_finish() ends perf. So a
 * profile holds only the part between the two enables, not the set-up
 * before it. Without ANJU_BENCH_PERF every call does nothing. */
typedef struct _BenchPerf BenchPerf;

BenchPerf  *bench_perf_attach     (const char  *name,
                                   GPid         pid);
void        bench_perf_enable     (BenchPerf   *perf,
                                   gboolean     on);
void        bench_perf_finish     (BenchPerf   *perf);

G_END_DECLS
