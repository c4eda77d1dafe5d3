/* anju-format.c — one formatter each for dates, money and areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-format.h"

#define DEFAULT_TIME_ZONE "Asia/Shanghai"

/* Ten billion square metres, in hundredths: far above any building, far
 * below an overflow. */
#define MAX_CENTI_M2 G_GINT64_CONSTANT (1000000000000)

G_DEFINE_QUARK (anju-format-error-quark, anju_format_error)

/* Zones are kept for the life of the process, one per identifier, so that
 * anju_format_get_time_zone() can hand out a borrowed pointer that a later
 * anju_format_set_time_zone() does not free under its holder. */
G_LOCK_DEFINE_STATIC (zones);
static GHashTable *zones;
static GTimeZone *office_zone;

/* Called with the lock held. NULL if @identifier is not a zone. */
static GTimeZone *
lookup_zone_locked (const char *identifier)
{
  GTimeZone *zone;

  if (zones == NULL)
    zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_time_zone_unref);

  zone = g_hash_table_lookup (zones, identifier);
  if (zone != NULL)
    return zone;

  zone = g_time_zone_new_identifier (identifier);
  if (zone == NULL && g_str_equal (identifier, DEFAULT_TIME_ZONE))
    {
      /* No tzdata (a minimal container): China has kept UTC+8 without
       * daylight saving since 1991, which covers every date Anju shows. */
      g_debug ("No time zone data for %s; using +08:00", identifier);
      zone = g_time_zone_new_identifier ("+08:00");
    }
  if (zone == NULL)
    return NULL;

  g_hash_table_insert (zones, g_strdup (identifier), zone);
  return zone;
}

void
anju_format_set_time_zone (const char *tz_identifier)
{
  GTimeZone *zone = NULL;

  G_LOCK (zones);
  if (tz_identifier != NULL && *tz_identifier != '\0')
    {
      zone = lookup_zone_locked (tz_identifier);
      if (zone == NULL)
        g_warning ("Unknown time zone “%s”; showing times in %s",
                   tz_identifier, DEFAULT_TIME_ZONE);
    }
  if (zone == NULL)
    zone = lookup_zone_locked (DEFAULT_TIME_ZONE);
  office_zone = zone;
  G_UNLOCK (zones);
}

GTimeZone *
anju_format_get_time_zone (void)
{
  GTimeZone *zone;

  G_LOCK (zones);
  if (office_zone == NULL)
    office_zone = lookup_zone_locked (DEFAULT_TIME_ZONE);
  zone = office_zone;
  G_UNLOCK (zones);

  return zone;
}

/* @utc_usec in the office's zone, or NULL if out of GDateTime's range. */
static GDateTime *
dup_office_date_time (gint64 utc_usec)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 seconds = utc_usec / G_USEC_PER_SEC;

  /* Floor, not truncate: a moment before 1970 still shows its own minute. */
  if (utc_usec % G_USEC_PER_SEC < 0)
    seconds--;

  utc = g_date_time_new_from_unix_utc (seconds);
  if (utc == NULL)
    return NULL;
  return g_date_time_to_timezone (utc, anju_format_get_time_zone ());
}

char *
anju_format_datetime (gint64 utc_usec)
{
  g_autoptr(GDateTime) local = dup_office_date_time (utc_usec);

  if (local == NULL)
    return g_strdup ("");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
anju_format_date (gint64 utc_usec)
{
  g_autoptr(GDateTime) local = dup_office_date_time (utc_usec);

  if (local == NULL)
    return g_strdup ("");
  return g_date_time_format (local, "%Y-%m-%d");
}

char *
anju_format_datetime_iso (const char *iso_utc)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso_utc == NULL || *iso_utc == '\0')
    return g_strdup ("");

  /* Stored times carry "Z"; one without a zone is taken as UTC too. */
  parsed = g_date_time_new_from_iso8601 (iso_utc, utc);
  if (parsed == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (parsed, anju_format_get_time_zone ());
  if (local == NULL)
    return g_strdup ("");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
anju_format_money (AnjuFen fen)
{
  return anju_money_format (fen);
}

char *
anju_format_area (gint64 centi_m2)
{
  guint64 magnitude = centi_m2 >= 0 ? (guint64) centi_m2 : (guint64) (-(centi_m2 + 1)) + 1;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u m²",
                          centi_m2 < 0 ? "-" : "",
                          magnitude / 100,
                          (guint) (magnitude % 100));
}

/* Removes a unit from the end of @text (already stripped), and the spaces
 * before it. */
static void
strip_area_unit (char *text)
{
  static const char * const units[] = { "m²", "㎡", "m2", "M2", "M²", "平方米", "平米" };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (g_str_has_suffix (text, units[i]))
        {
          text[strlen (text) - strlen (units[i])] = '\0';
          g_strchomp (text);
          return;
        }
    }
}

gboolean
anju_area_parse (const char *text,
                 gint64     *centi_m2,
                 GError    **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *number = NULL;
  gboolean seen_digit = FALSE;
  guint decimals = 0;
  gboolean in_decimals = FALSE;
  gint64 whole = 0;
  gint64 hundredths = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, ANJU_FORMAT_ERROR, ANJU_FORMAT_ERROR_INVALID,
                           _("The area is not readable text. Type it again in square metres, "
                             "for example 89.50."));
      return FALSE;
    }

  shown = g_strstrip (g_strdup (text));
  number = g_strdup (shown);
  strip_area_unit (number);

  if (*number == '\0')
    {
      g_set_error_literal (error, ANJU_FORMAT_ERROR, ANJU_FORMAT_ERROR_INVALID,
                           _("The area is empty. Enter it in square metres, for example 89.50."));
      return FALSE;
    }

  if (*number == '-')
    {
      g_set_error (error, ANJU_FORMAT_ERROR, ANJU_FORMAT_ERROR_RANGE,
                   _("The area “%s” is negative. Enter the area in square metres without a "
                     "minus sign."),
                   shown);
      return FALSE;
    }

  for (const char *p = number; *p != '\0'; p++)
    {
      if (*p == '.' && !in_decimals)
        {
          in_decimals = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        {
          g_set_error (error, ANJU_FORMAT_ERROR, ANJU_FORMAT_ERROR_INVALID,
                       _("The area “%s” is not a number of square metres. Enter digits with "
                         "at most two decimals, for example 89.50."),
                       shown);
          return FALSE;
        }

      seen_digit = TRUE;
      if (in_decimals)
        {
          if (++decimals > 2)
            {
              g_set_error (error, ANJU_FORMAT_ERROR, ANJU_FORMAT_ERROR_PRECISION,
                           _("The area “%s” has more than two decimals. Enter it to the "
                             "hundredth of a square metre, for example 89.50."),
                           shown);
              return FALSE;
            }
          hundredths = hundredths * 10 + (*p - '0');
        }
      else
        {
          whole = whole * 10 + (*p - '0');
          if (whole > MAX_CENTI_M2 / 100)
            goto too_large;
        }
    }

  if (!seen_digit)
    {
      g_set_error (error, ANJU_FORMAT_ERROR, ANJU_FORMAT_ERROR_INVALID,
                   _("The area “%s” has no digits. Enter it in square metres, for example "
                     "89.50."),
                   shown);
      return FALSE;
    }

  if (decimals == 1)
    hundredths *= 10;

  if (centi_m2 != NULL)
    *centi_m2 = whole * 100 + hundredths;
  return TRUE;

too_large:
  g_set_error (error, ANJU_FORMAT_ERROR, ANJU_FORMAT_ERROR_RANGE,
               _("The area “%s” is too large. Check the number of digits."),
               shown);
  return FALSE;
}

const char *
anju_format_list_separator (void)
{
  /* Translators: between the items of a list, e.g. "Name, Mobile" */
  return C_("list separator", ", ");
}

char *
anju_format_join_list (const char * const *items)
{
  return g_strjoinv (anju_format_list_separator (), (char **)items);
}

char *
anju_format_join_sentences (const char *first,
                            const char *second)
{
  if (first == NULL || *first == '\0')
    return g_strdup (second ? second : "");
  if (second == NULL || *second == '\0')
    return g_strdup (first);
  /* Translators: joins two sentences of a message; Chinese needs no space */
  return g_strdup_printf (C_("two sentences", "%s %s"), first, second);
}

/* The two-character surnames common enough to meet at a sales office. */
static const char * const compound_surnames[] = {
  "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
  "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "申屠",
  NULL,
};

char *
anju_format_surname (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; compound_surnames[i] != NULL; i++)
    if (g_str_has_prefix (name, compound_surnames[i]) &&
        strlen (name) > strlen (compound_surnames[i]))
      return g_strdup (compound_surnames[i]);
  if (*name == '\0')
    return g_strdup ("");
  return g_strndup (name, g_utf8_next_char (name) - name);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

char *
anju_format_addressee (const char *name,
                       const char *title)
{
  g_autofree char *surname = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (is_blank (title))
    return g_strdup (name);
  trimmed = g_strstrip (g_strdup (title));
  surname = anju_format_surname (name);
  /* A name in Latin letters: "Ms Sun" would need the family name, which
   * Anju does not know; the title and the whole name then. */
  if (*surname == '\0' || g_utf8_get_char (name) < 0x2e80)
    return g_strdup_printf ("%s %s", trimmed, name);
  if (g_str_has_prefix (trimmed, surname))
    return g_steal_pointer (&trimmed);
  return g_strconcat (surname, trimmed, NULL);
}

char *
anju_format_person (const char *name,
                    const char *title)
{
  g_autofree char *addressee = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (is_blank (title))
    return g_strdup (name);
  addressee = anju_format_addressee (name, title);
  /* Translators: a person's name and how they are addressed,
   * "赵建国 (赵先生)"; in Chinese with full-width brackets */
  return g_strdup_printf (C_("person", "%s (%s)"), name, addressee);
}
