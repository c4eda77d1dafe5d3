/* anju-ui-time.h — times of day as the reception screens show them
 *
 * Everything in the office's time zone (anju_format_get_time_zone()); the
 * stored times are ISO 8601 UTC strings or UTC µs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* UTC µs → "2026-11-26T09:00:00Z", the form commands take. */
char      *anju_ui_time_iso          (gint64      utc_usec);
/* An ISO 8601 time → UTC µs; 0 for NULL or a bad one. */
gint64     anju_ui_time_parse        (const char *iso);
/* The office's day of @utc_usec: "2026-11-26". */
char      *anju_ui_time_local_date   (gint64      utc_usec);
/* "15:02" in office time; "" for NULL or a bad time. */
char      *anju_ui_time_hm           (const char *iso);
/* "15:02" when @iso is on the same office day as @now_usec, else
 * "11-27 15:02"; "" for NULL. */
char      *anju_ui_time_short        (const char *iso,
                                      gint64      now_usec);
/* A duration as "0:45", "12:03" or "1:02:03". */
char      *anju_ui_time_duration     (gint64      seconds);
/* The weekday of @utc_usec in office time, translated ("Friday"). */
const char *anju_ui_time_weekday     (gint64      utc_usec);
/* The day for headings: "27/11" ("11月27日"). */
char      *anju_ui_time_day          (gint64      utc_usec);
/* The office-time GDateTime of @utc_usec (never NULL). */
GDateTime *anju_ui_time_local        (gint64      utc_usec);

G_END_DECLS
