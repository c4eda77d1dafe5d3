/* anju-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "anju-clock.h"

gint64
anju_clock_system (gpointer user_data)
{
  return g_get_real_time ();
}

char *
anju_clock_format_utc (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
anju_clock_parse_utc (const char *text,
                      gint64     *usec)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || *text == '\0')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}
