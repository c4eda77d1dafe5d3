/* anju-ui-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-clock.h"
#include "anju-format.h"
#include "anju-ui-time.h"

char *
anju_ui_time_iso (gint64 utc_usec)
{
  return anju_clock_format_utc (utc_usec);
}

gint64
anju_ui_time_parse (const char *iso)
{
  gint64 usec = 0;

  if (iso == NULL || !anju_clock_parse_utc (iso, &usec))
    return 0;
  return usec;
}

GDateTime *
anju_ui_time_local (gint64 utc_usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_usec / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, anju_format_get_time_zone ());
}

char *
anju_ui_time_local_date (gint64 utc_usec)
{
  g_autoptr(GDateTime) local = anju_ui_time_local (utc_usec);

  return g_date_time_format (local, "%Y-%m-%d");
}

char *
anju_ui_time_hm (const char *iso)
{
  gint64 usec = anju_ui_time_parse (iso);
  g_autoptr(GDateTime) local = NULL;

  if (usec == 0)
    return g_strdup ("");
  local = anju_ui_time_local (usec);
  return g_date_time_format (local, "%H:%M");
}

char *
anju_ui_time_short (const char *iso,
                    gint64      now_usec)
{
  gint64 usec = anju_ui_time_parse (iso);
  g_autofree char *day = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (usec == 0)
    return g_strdup ("");
  day = anju_ui_time_local_date (usec);
  today = anju_ui_time_local_date (now_usec);
  local = anju_ui_time_local (usec);
  return g_date_time_format (local, g_str_equal (day, today) ? "%H:%M" : "%m-%d %H:%M");
}

char *
anju_ui_time_duration (gint64 seconds)
{
  if (seconds < 0)
    seconds = 0;
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int)(seconds / 60 % 60), (int)(seconds % 60));
  return g_strdup_printf ("%d:%02d", (int)(seconds / 60), (int)(seconds % 60));
}

const char *
anju_ui_time_weekday (gint64 utc_usec)
{
  static const char * const names[] = {
    NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
    NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
    NC_("weekday", "Sunday"),
  };
  g_autoptr(GDateTime) local = anju_ui_time_local (utc_usec);

  /* Not strftime's %A: the names follow the translation, not LC_TIME. */
  return g_dpgettext2 (GETTEXT_PACKAGE, "weekday",
                       names[g_date_time_get_day_of_week (local) - 1]);
}

char *
anju_ui_time_day (gint64 utc_usec)
{
  g_autoptr(GDateTime) local = anju_ui_time_local (utc_usec);

  /* Translators: a day in the screens' headings, a strftime format with
   * numbers only (the month's name would follow LC_TIME), unambiguous in
   * every country: "2026-11-26" → "11月26日" */
  return g_date_time_format (local, C_("day heading", "%Y-%m-%d"));
}
