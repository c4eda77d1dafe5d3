/* anju-ident.c — resident ID numbers and mobile numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-format.h"
#include "anju-ident.h"

G_DEFINE_QUARK (anju-ident-error-quark, anju_ident_error)

static const guint id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char id_check_chars[] = "10X98765432";

/* GB 11643-1999 / GB/T 2260 province-level codes. */
static gboolean
is_province_code (guint code)
{
  return (code >= 11 && code <= 15) ||
         (code >= 21 && code <= 23) ||
         (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) ||
         (code >= 50 && code <= 54) ||
         (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82;
}

static guint
parse_digits (const char *p,
              guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint) (p[i] - '0');
  return value;
}

/* The character at @p for an error message, or NULL if it is not UTF-8. */
static char *
dup_char_at (const char *p)
{
  gunichar c = g_utf8_get_char_validated (p, -1);
  char buf[8] = { 0 };

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return NULL;
  g_unichar_to_utf8 (c, buf);
  return g_strdup (buf);
}

/* The character at @p as ASCII, and its length in bytes in @len. Chinese
 * input methods in full-width mode type U+FF01…U+FF5E for the ASCII
 * characters and U+3000 for a space; those count as what they stand for.
 * Anything else non-ASCII is returned as 0x7f, which no caller accepts. */
static char
get_ascii_char (const char *p,
                gsize      *len)
{
  gunichar c;

  if ((guchar) *p < 0x80)
    {
      *len = 1;
      return *p;
    }

  c = g_utf8_get_char_validated (p, -1);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *len = 1;
      return 0x7f;
    }

  *len = (gsize) (g_utf8_next_char (p) - p);
  if (c == 0x3000)
    return ' ';
  if (c >= 0xff01 && c <= 0xff5e)
    return (char) (c - 0xfee0);
  return 0x7f;
}

char
anju_id_number_check_char (const char *id17)
{
  guint sum = 0;

  if (id17 == NULL)
    return '\0';

  for (guint i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (id17[i]))
        return '\0';
      sum += (guint) (id17[i] - '0') * id_weights[i];
    }

  return id_check_chars[sum % 11];
}

char *
anju_id_number_normalize (const char  *text,
                          gint64       today_utc_usec,
                          GError     **error)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  g_autoptr(GDateTime) now_utc = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  char id18[19] = { 0 };
  guint year, month, day;
  char check;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";

  for (const char *p = text; *p != '\0'; )
    {
      gsize len;
      char c = get_ascii_char (p, &len);

      if (g_ascii_isdigit (c))
        g_string_append_c (compact, c);
      else if (c == 'x' || c == 'X')
        g_string_append_c (compact, 'X');
      else if (!g_ascii_isspace (c))
        {
          g_autofree char *shown = dup_char_at (p);

          if (shown == NULL)
            g_set_error_literal (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_CHARACTERS,
                                 _("The ID number is not readable text. Type it again: "
                                   "digits, and perhaps an X at the end."));
          else
            g_set_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_CHARACTERS,
                         _("The ID number contains “%s”. Type only the digits, and an X if the "
                           "card ends with one."),
                         shown);
          return NULL;
        }
      p += len;
    }

  if (compact->len == 0)
    {
      g_set_error_literal (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_LENGTH,
                           _("The ID number is empty. Enter the 18 characters on the card."));
      return NULL;
    }

  if (compact->len != 18 && compact->len != 15)
    {
      g_set_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The ID number has %u character, but it should have 18 (15 on "
                                "an old card). Check for a missing or an extra digit.",
                                "The ID number has %u characters, but it should have 18 (15 on "
                                "an old card). Check for a missing or an extra digit.",
                                compact->len),
                   (guint) compact->len);
      return NULL;
    }

  {
    const char *x = strchr (compact->str, 'X');

    if (x != NULL && compact->len == 15)
      {
        g_set_error_literal (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_CHARACTERS,
                             _("The ID number has 15 characters, as on an old card, but old "
                               "numbers have no X. Check the number on the card."));
        return NULL;
      }
    if (x != NULL && x != compact->str + 17)
      {
        g_set_error_literal (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_CHARACTERS,
                             _("The ID number has an X before the end. X can only be the last "
                               "character; check the number on the card."));
        return NULL;
      }
  }

  if (compact->len == 15)
    {
      /* Legacy numbers have a two-digit year, all of them 19xx, and no check
       * character. */
      memcpy (id18, compact->str, 6);
      memcpy (id18 + 6, "19", 2);
      memcpy (id18 + 8, compact->str + 6, 9);
      id18[17] = anju_id_number_check_char (id18);
    }
  else
    memcpy (id18, compact->str, 18);

  if (!is_province_code (parse_digits (id18, 2)))
    {
      g_set_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_REGION,
                   /* Translators: %.2s is the two-digit province code at the start of a
                    * resident ID number */
                   _("The ID number starts with %.2s, which is not a province code. Check the "
                     "first two digits."),
                   id18);
      return NULL;
    }

  year = parse_digits (id18 + 6, 4);
  month = parse_digits (id18 + 10, 2);
  day = parse_digits (id18 + 12, 2);

  /* GB 11643-1999 sets no earliest year of birth: only a date that does
   * not exist, or lies in the future, is refused. */
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_BIRTH_DATE,
                   /* Translators: the placeholders are the year, month and day of the birth
                    * date in the ID number; keep the ISO order */
                   _("The birth date in the ID number, %.4s-%.2s-%.2s, does not exist. Check "
                     "the digits of the birth date (7th to 14th)."),
                   id18 + 6, id18 + 10, id18 + 12);
      return NULL;
    }

  /* "Today" is the office's calendar day, so that a baby born just after
   * midnight in Beijing is not yet in the future in UTC. */
  now_utc = g_date_time_new_from_unix_utc (today_utc_usec / G_USEC_PER_SEC);
  if (now_utc != NULL)
    now_local = g_date_time_to_timezone (now_utc, anju_format_get_time_zone ());
  if (now_local != NULL)
    {
      guint birth = year * 10000 + month * 100 + day;
      guint today = (guint) g_date_time_get_year (now_local) * 10000 +
                    (guint) g_date_time_get_month (now_local) * 100 +
                    (guint) g_date_time_get_day_of_month (now_local);

      if (birth > today)
        {
          g_set_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_BIRTH_DATE,
                       _("The birth date in the ID number, %.4s-%.2s-%.2s, is in the future. "
                         "Check the digits of the birth date (7th to 14th)."),
                       id18 + 6, id18 + 10, id18 + 12);
          return NULL;
        }
    }

  check = anju_id_number_check_char (id18);
  if (check != id18[17])
    {
      g_set_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_CHECKSUM,
                   /* Translators: the first %c is the check character the number should end
                    * with, the second the one typed ("X" or a digit) */
                   _("The ID number's check character should be %c, not %c. Check the number "
                     "on the card."),
                   check, id18[17]);
      return NULL;
    }

  return g_strdup (id18);
}

char *
anju_id_number_dup_birth_date (const char *id18)
{
  g_return_val_if_fail (id18 != NULL, NULL);

  if (strlen (id18) < 14)
    return NULL;
  for (guint i = 6; i < 14; i++)
    {
      if (!g_ascii_isdigit (id18[i]))
        return NULL;
    }

  return g_strdup_printf ("%.4s-%.2s-%.2s", id18 + 6, id18 + 10, id18 + 12);
}

#define ANJU_IDENT_PLAUSIBLE_AGE 120

char *
anju_id_number_dup_age_warning (const char *id18,
                                gint64      today_utc_usec)
{
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (today_utc_usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now_local = NULL;
  int year, month, day, age;

  g_return_val_if_fail (id18 != NULL, NULL);

  if (strlen (id18) < 14 || now_utc == NULL)
    return NULL;
  for (guint i = 6; i < 14; i++)
    if (!g_ascii_isdigit (id18[i]))
      return NULL;
  year = (int) parse_digits (id18 + 6, 4);
  month = (int) parse_digits (id18 + 10, 2);
  day = (int) parse_digits (id18 + 12, 2);
  now_local = g_date_time_to_timezone (now_utc, anju_format_get_time_zone ());
  age = g_date_time_get_year (now_local) - year;
  if (g_date_time_get_month (now_local) * 100 + g_date_time_get_day_of_month (now_local) <
      month * 100 + day)
    age--;
  if (age <= ANJU_IDENT_PLAUSIBLE_AGE)
    return NULL;
  return g_strdup_printf (_("By this ID number the customer is %d years old. Check the birth "
                            "date on the card."), age);
}

/* Keeps the first @head and last @tail characters of @text and stars the
 * rest; text shorter than @full_len is starred but for its last 2
 * characters, so that a fragment does not show most of a number. */
static char *
mask_middle (const char *text,
             guint       head,
             guint       tail,
             guint       full_len)
{
  GString *out = g_string_new (NULL);
  glong len;
  glong i = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_string_free (out, FALSE);

  len = g_utf8_strlen (text, -1);
  if (len < (glong) full_len)
    {
      head = 0;
      tail = len > 2 ? 2 : 0;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      if (i < (glong) head || i >= len - (glong) tail)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else
        g_string_append_c (out, '*');
    }

  return g_string_free (out, FALSE);
}

char *
anju_id_number_mask (const char *id18)
{
  return mask_middle (id18, 6, 4, 15);
}

char *
anju_mobile_normalize (const char  *text,
                       GError     **error)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  const char *digits;
  gsize n_digits;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";

  for (const char *p = text; *p != '\0'; )
    {
      gsize len;
      char c = get_ascii_char (p, &len);

      if (g_ascii_isdigit (c) || (c == '+' && compact->len == 0))
        g_string_append_c (compact, c);
      else if (c != '-' && !g_ascii_isspace (c))
        {
          g_autofree char *shown = dup_char_at (p);

          if (shown == NULL)
            g_set_error_literal (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_MOBILE,
                                 _("The mobile number is not readable text. Type its 11 digits "
                                   "again."));
          else
            g_set_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_MOBILE,
                         _("The mobile number contains “%s”. Type only its 11 digits, for "
                           "example 138 1234 5678."),
                         shown);
          return NULL;
        }
      p += len;
    }

  if (compact->len == 0)
    {
      g_set_error_literal (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_MOBILE,
                           _("The mobile number is empty. Enter its 11 digits."));
      return NULL;
    }

  /* The country code for mainland China, in its three written forms. */
  digits = compact->str;
  if (g_str_has_prefix (digits, "+86"))
    digits += 3;
  else if (g_str_has_prefix (digits, "0086"))
    digits += 4;
  else if (g_str_has_prefix (digits, "86") && compact->len == 13)
    digits += 2;
  else if (*digits == '+')
    {
      g_set_error_literal (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_MOBILE,
                           _("The mobile number has a country code other than +86. Enter a "
                             "mainland mobile number of 11 digits."));
      return NULL;
    }

  n_digits = strlen (digits);
  if (n_digits != 11)
    {
      g_set_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_MOBILE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The mobile number has %u digit, but a mainland mobile number "
                                "has 11. Check for a missing or an extra digit.",
                                "The mobile number has %u digits, but a mainland mobile number "
                                "has 11. Check for a missing or an extra digit.",
                                n_digits),
                   (guint) n_digits);
      return NULL;
    }

  if (digits[0] != '1' || digits[1] < '3')
    {
      g_set_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_MOBILE,
                   /* Translators: %.2s is the first two digits of the mobile number as typed */
                   _("The mobile number starts with %.2s, but mainland mobile numbers start "
                     "with 13 to 19. Check the first digits."),
                   digits);
      return NULL;
    }

  return g_strdup (digits);
}

char *
anju_mobile_mask (const char *mobile)
{
  return mask_middle (mobile, 3, 4, 11);
}
