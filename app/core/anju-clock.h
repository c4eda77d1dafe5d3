/* anju-clock.h — the one source of "now" for core, so tests can inject time
 *
 * Every rule that depends on time (due dates, expiries, audit stamps) asks
 * the clock of its store, never g_get_real_time() directly.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the current time as microseconds since the Unix epoch (UTC). */
typedef gint64 (*AnjuClockFunc) (gpointer user_data);

gint64     anju_clock_system       (gpointer user_data);

/* Formats a UTC timestamp (µs since epoch) as ISO 8601 "2026-11-26T09:00:00Z". */
char      *anju_clock_format_utc   (gint64 usec);

/* Parses what anju_clock_format_utc() produces (or any ISO 8601 with zone).
 * Returns FALSE on malformed input. */
gboolean   anju_clock_parse_utc    (const char *text,
                                    gint64     *usec);

G_END_DECLS
