/* anju-money.c — money as integer fen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-money.h"

/* The largest magnitude Anju accepts: 10^15 fen, ten trillion yuan. It keeps
 * every sum of a few amounts far from overflowing a gint64. */
#define MAX_FEN G_GINT64_CONSTANT (1000000000000000)

G_DEFINE_QUARK (anju-money-error-quark, anju_money_error)

static const char * const capital_digits[] = {
  "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖",
};

/* Units within a four-digit section, indexed by the digit's place. */
static const char * const capital_places[] = { "", "拾", "佰", "仟" };

/* The magnitude of @fen as unsigned, so that G_MININT64 has one too. */
static guint64
get_magnitude (AnjuFen fen)
{
  if (fen >= 0)
    return (guint64) fen;
  return (guint64) (-(fen + 1)) + 1;
}

static const char *
skip_currency_sign (const char *p)
{
  if (g_str_has_prefix (p, "¥"))
    return p + strlen ("¥");
  if (g_str_has_prefix (p, "￥"))
    return p + strlen ("￥");
  return p;
}

static const char *
skip_spaces (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

static void
set_invalid_character_error (GError     **error,
                             const char  *text,
                             const char  *p)
{
  char buf[8] = { 0 };

  /* @text has been validated as UTF-8. */
  g_unichar_to_utf8 (g_utf8_get_char (p), buf);
  g_set_error (error, ANJU_MONEY_ERROR, ANJU_MONEY_ERROR_INVALID,
               /* Translators: the first %s is the amount as typed, the second the character
                * that does not belong in it */
               _("The amount “%s” contains “%s”, which is not part of a number. Write it in "
                 "figures, for example 1,234.50."),
               text, buf);
}

gboolean
anju_money_parse (const char  *text,
                  AnjuFen     *fen,
                  GError     **error)
{
  g_autofree char *shown = NULL;
  const char *p;
  gboolean negative = FALSE;
  gboolean seen_sign = FALSE;
  gboolean seen_currency = FALSE;
  gboolean seen_digit = FALSE;
  guint64 yuan = 0;
  guint64 cents = 0;
  guint group_len = 0;
  gboolean grouped = FALSE;
  guint64 value;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";
  shown = g_strstrip (g_strdup (text));

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, ANJU_MONEY_ERROR, ANJU_MONEY_ERROR_INVALID,
                           _("The amount is not readable text. Type it again in figures, "
                             "for example 1,234.50."));
      return FALSE;
    }

  if (*shown == '\0')
    {
      g_set_error_literal (error, ANJU_MONEY_ERROR, ANJU_MONEY_ERROR_INVALID,
                           _("The amount is empty. Enter it in figures, for example 1,234.50."));
      return FALSE;
    }

  /* A sign and a currency sign in either order: "-¥5", "¥-5", "¥ 5". */
  p = shown;
  for (guint i = 0; i < 2; i++)
    {
      const char *after = skip_currency_sign (p);

      if (!seen_currency && after != p)
        {
          seen_currency = TRUE;
          p = skip_spaces (after);
        }
      else if (!seen_sign && (*p == '-' || *p == '+'))
        {
          negative = (*p == '-');
          seen_sign = TRUE;
          p = skip_spaces (p + 1);
        }
    }

  /* Whole yuan, optionally grouped by three with commas. The grouping is
   * checked, because "1,50" is more likely a decimal comma than 150 yuan. */
  for (; *p != '\0' && *p != '.'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          yuan = yuan * 10 + (guint64) (*p - '0');
          seen_digit = TRUE;
          group_len++;
          /* Stop long before the accumulator can overflow. */
          if (yuan > (guint64) MAX_FEN)
            {
              g_set_error (error, ANJU_MONEY_ERROR, ANJU_MONEY_ERROR_RANGE,
                           _("The amount “%s” is too large. Check the number of digits."),
                           shown);
              return FALSE;
            }
        }
      else if (*p == ',')
        {
          if (!seen_digit || (grouped && group_len != 3) || (!grouped && group_len > 3))
            goto bad_grouping;
          grouped = TRUE;
          group_len = 0;
        }
      else
        {
          set_invalid_character_error (error, shown, p);
          return FALSE;
        }
    }

  if (grouped && group_len != 3)
    goto bad_grouping;

  if (*p == '.')
    {
      guint decimals = 0;

      for (p++; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            {
              set_invalid_character_error (error, shown, p);
              return FALSE;
            }
          decimals++;
          seen_digit = TRUE;
          if (decimals > 2)
            {
              g_set_error (error, ANJU_MONEY_ERROR, ANJU_MONEY_ERROR_PRECISION,
                           _("The amount “%s” has more than two decimals. Enter at most two "
                             "digits after the point, down to the fen."),
                           shown);
              return FALSE;
            }
          cents = cents * 10 + (guint64) (*p - '0');
        }
      if (decimals == 1)
        cents *= 10;
    }

  if (!seen_digit)
    {
      g_set_error (error, ANJU_MONEY_ERROR, ANJU_MONEY_ERROR_INVALID,
                   _("The amount “%s” has no digits. Enter it in figures, for example 1,234.50."),
                   shown);
      return FALSE;
    }

  value = yuan * 100 + cents;
  if (value > (guint64) MAX_FEN)
    {
      g_set_error (error, ANJU_MONEY_ERROR, ANJU_MONEY_ERROR_RANGE,
                   _("The amount “%s” is too large. Check the number of digits."),
                   shown);
      return FALSE;
    }

  if (fen != NULL)
    *fen = negative ? -(AnjuFen) value : (AnjuFen) value;
  return TRUE;

bad_grouping:
  g_set_error (error, ANJU_MONEY_ERROR, ANJU_MONEY_ERROR_INVALID,
               /* Translators: %s is the amount as typed. Chinese amounts are grouped by
                * thousands like English ones */
               _("The commas in the amount “%s” are not in thousands. Use a point for the "
                 "decimals and commas only between groups of three digits, for example "
                 "1,234.50."),
               shown);
  return FALSE;
}

char *
anju_money_format (AnjuFen fen)
{
  guint64 magnitude = get_magnitude (fen);
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  if (fen < 0)
    g_string_append_c (out, '-');
  g_string_append (out, "¥");
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, ".%02u", (guint) (magnitude % 100));

  return g_string_free (out, FALSE);
}

char *
anju_money_format_plain (AnjuFen fen)
{
  guint64 magnitude = get_magnitude (fen);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          fen < 0 ? "-" : "",
                          magnitude / 100,
                          (guint) (magnitude % 100));
}

/* Appends @n < 10000 in capitals: 拾佰仟 after their digits, one 零 for a
 * run of zeros between two non-zero digits, nothing for zeros at either end
 * (the caller writes the 零 that joins two sections). */
static void
append_capital_section (GString *out,
                        guint    n)
{
  static const guint divisors[] = { 1000, 100, 10, 1 };
  gboolean started = FALSE;
  gboolean pending_zero = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (divisors); i++)
    {
      guint digit = n / divisors[i] % 10;

      if (digit == 0)
        {
          pending_zero = started;
          continue;
        }
      if (pending_zero)
        g_string_append (out, capital_digits[0]);
      g_string_append (out, capital_digits[digit]);
      g_string_append (out, capital_places[G_N_ELEMENTS (divisors) - 1 - i]);
      started = TRUE;
      pending_zero = FALSE;
    }
}

/* Whether a 零 joins the upper part of a number to its non-zero lower part
 * at a section boundary with @unit (10^4 for 万, 10^8 for 亿).
 *
 * One 零 stands for a run of zeros between two non-zero digits, so it is
 * written when the lower part starts with a zero (壹万零壹) or when the upper
 * part ends with two or more (10001000 → 壹仟万零壹仟). When the only zero is
 * the upper part's last digit, the unit stands in its place and no 零 is
 * written (107000 → 壹拾万柒仟): the PBOC rules allow either form there,
 * and this is the one of their example. */
static gboolean
needs_joining_zero (guint64 n,
                    guint64 unit)
{
  guint64 below = n / (unit / 10) % 10;
  guint64 last = n / unit % 10;
  guint64 before_last = n / (unit * 10) % 10;

  return below == 0 || (last == 0 && before_last == 0);
}

/* Appends whole yuan @n > 0 in capitals, in sections of four digits joined by
 * 万 and 亿 (亿 again above 亿). Trailing zeros are dropped and 壹 is kept
 * before 拾, as on receipts. */
static void
append_capital_yuan (GString *out,
                     guint64  n)
{
  const guint64 yi = G_GUINT64_CONSTANT (100000000);
  guint64 low;

  if (n >= yi)
    {
      append_capital_yuan (out, n / yi);
      g_string_append (out, "亿");
      low = n % yi;
      if (low == 0)
        return;
      if (needs_joining_zero (n, yi))
        g_string_append (out, capital_digits[0]);
      append_capital_yuan (out, low);
      return;
    }

  if (n >= 10000)
    {
      append_capital_section (out, (guint) (n / 10000));
      g_string_append (out, "万");
      low = n % 10000;
      if (low == 0)
        return;
      if (needs_joining_zero (n, 10000))
        g_string_append (out, capital_digits[0]);
      append_capital_section (out, (guint) low);
      return;
    }

  append_capital_section (out, (guint) n);
}

char *
anju_money_to_capitals (AnjuFen fen)
{
  guint64 magnitude = get_magnitude (fen);
  guint64 yuan = magnitude / 100;
  guint jiao = (guint) (magnitude / 10 % 10);
  guint fen_digit = (guint) (magnitude % 10);
  GString *out = g_string_new (NULL);

  if (fen < 0)
    g_string_append (out, "负");
  g_string_append (out, "人民币");

  if (magnitude == 0)
    {
      g_string_append (out, "零元整");
      return g_string_free (out, FALSE);
    }

  if (yuan > 0)
    {
      append_capital_yuan (out, yuan);
      g_string_append (out, "元");

      if (jiao == 0 && fen_digit == 0)
        {
          g_string_append (out, "整");
          return g_string_free (out, FALSE);
        }

      /* 零 after 元 when the 元 digit is zero (optional, written as receipts
       * do) or when 角 is zero before a 分 (required). */
      if (yuan % 10 == 0 || jiao == 0)
        g_string_append (out, capital_digits[0]);
    }

  /* Under one yuan there is no 元 and no leading 零: "人民币伍分". */
  if (jiao > 0)
    {
      g_string_append (out, capital_digits[jiao]);
      g_string_append (out, "角");
    }
  if (fen_digit > 0)
    {
      g_string_append (out, capital_digits[fen_digit]);
      g_string_append (out, "分");
    }
  else
    g_string_append (out, "整");

  return g_string_free (out, FALSE);
}

AnjuFen
anju_money_round_div (gint64 num,
                      gint64 den)
{
  gint64 quotient;
  gint64 remainder;
  gint64 abs_remainder;

  g_return_val_if_fail (den > 0, 0);

  quotient = num / den;
  remainder = num % den;
  abs_remainder = remainder < 0 ? -remainder : remainder;

  /* Half or more of @den away from zero, written so as not to overflow. */
  if (abs_remainder >= den - abs_remainder)
    quotient += num < 0 ? -1 : 1;

  return quotient;
}
