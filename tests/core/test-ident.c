/* test-ident.c — resident ID numbers and mobile numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "anju-format.h"
#include "anju-ident.h"

/* The known-valid number of the GB 11643-1999 example. */
#define KNOWN_ID "11010519491231002X"

static gint64
make_time (const char *iso_utc)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso_utc, utc);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* 2026-11-26 10:00 in Beijing. */
static gint64
get_today (void)
{
  return make_time ("2026-11-26T02:00:00Z");
}

/* The check character computed independently of the code under test, by
 * ISO 7064 MOD 11-2 as the standard defines it: weight 2^(17-i) mod 11,
 * check value (12 - sum mod 11) mod 11, 10 written X. */
static char
compute_check (const char *id17)
{
  guint sum = 0;
  guint value;

  g_assert_cmpuint (strlen (id17), >=, 17);
  for (guint i = 0; i < 17; i++)
    sum += (guint) (id17[i] - '0') * ((1u << (17 - i)) % 11);
  value = (12 - sum % 11) % 11;
  return value == 10 ? 'X' : (char) ('0' + value);
}

/* A valid 18-character number from its first 17 digits. */
static char *
make_id (const char *id17)
{
  return g_strdup_printf ("%.17s%c", id17, compute_check (id17));
}

/* The same number with a wrong check character. */
static char *
make_bad_id (const char *id17)
{
  static const char alphabet[] = "0123456789X";
  char good = compute_check (id17);
  const char *p = strchr (alphabet, good);

  return g_strdup_printf ("%.17s%c", id17, p[1] != '\0' ? p[1] : alphabet[0]);
}

static void
assert_valid (const char *text,
              gint64      today,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_test_message ("valid: “%s”", text);
  id = anju_id_number_normalize (text, today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, expected);
}

static void
assert_invalid (const char *text,
                gint64      today,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *shown = g_utf8_make_valid (text ? text : "(null)", -1);

  g_test_message ("invalid: “%s”", shown);
  id = anju_id_number_normalize (text, today, &error);
  g_assert_null (id);
  g_assert_error (error, ANJU_IDENT_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_id_check_char (void)
{
  g_assert_cmpint (compute_check ("11010519491231002"), ==, 'X');
  g_assert_cmpint (anju_id_number_check_char ("11010519491231002"), ==, 'X');
  /* Only the first 17 characters count. */
  g_assert_cmpint (anju_id_number_check_char (KNOWN_ID), ==, 'X');

  g_assert_cmpint (anju_id_number_check_char (NULL), ==, '\0');
  g_assert_cmpint (anju_id_number_check_char (""), ==, '\0');
  g_assert_cmpint (anju_id_number_check_char ("1101051949123100"), ==, '\0');
  g_assert_cmpint (anju_id_number_check_char ("1101051949123100X"), ==, '\0');
  g_assert_cmpint (anju_id_number_check_char ("11010519491231 02"), ==, '\0');

  /* Every check value, against the independent computation. */
  for (guint seq = 0; seq < 1000; seq++)
    {
      g_autofree char *id17 = g_strdup_printf ("32010219850615%03u", seq);

      g_assert_cmpint (anju_id_number_check_char (id17), ==, compute_check (id17));
    }
}

static void
test_id_normalize_valid (void)
{
  gint64 today = get_today ();
  g_autofree char *a = make_id ("11010519900101123");
  g_autofree char *b = make_id ("44030620000229001");
  g_autofree char *c = make_id ("32010219000101000");
  g_autofree char *spaced = NULL;

  assert_valid (KNOWN_ID, today, KNOWN_ID);
  assert_valid ("11010519491231002x", today, KNOWN_ID);
  assert_valid ("110105 19491231 002X", today, KNOWN_ID);
  assert_valid ("  110105\t19491231\u3000002x ", today, KNOWN_ID);
  /* Full-width digits and X, as a Chinese input method types them. */
  assert_valid ("１１０１０５１９４９１２３１００２Ｘ", today, KNOWN_ID);
  assert_valid ("１１０１０５１９４９１２３１００２ｘ", today, KNOWN_ID);
  assert_valid (a, today, a);
  /* 29 February of a leap year. */
  assert_valid (b, today, b);
  /* The earliest accepted birth date. */
  assert_valid (c, today, c);

  spaced = g_strdup_printf ("%.6s %.8s %.4s", a, a + 6, a + 14);
  assert_valid (spaced, today, a);
}

static void
test_id_normalize_legacy (void)
{
  gint64 today = get_today ();
  g_autofree char *expected = make_id ("44030619850615123");

  /* The 15-digit form of the known number. */
  assert_valid ("110105491231002", today, KNOWN_ID);
  assert_valid ("110105 491231 002", today, KNOWN_ID);
  assert_valid ("440306850615123", today, expected);

  /* No check character, so no X in a legacy number. */
  assert_invalid ("11010549123100X", today, ANJU_IDENT_ERROR_CHARACTERS);
  /* 1900s only: 29 February 1900 did not exist. */
  assert_invalid ("110105000229002", today, ANJU_IDENT_ERROR_BIRTH_DATE);
  assert_valid ("110105040229002", today, "110105190402290024");
  g_assert_cmpint (compute_check ("11010519040229002"), ==, '4');
  assert_invalid ("990105491231002", today, ANJU_IDENT_ERROR_REGION);
}

static void
test_id_normalize_length (void)
{
  gint64 today = get_today ();

  assert_invalid ("", today, ANJU_IDENT_ERROR_LENGTH);
  assert_invalid ("   ", today, ANJU_IDENT_ERROR_LENGTH);
  assert_invalid (NULL, today, ANJU_IDENT_ERROR_LENGTH);
  assert_invalid ("11010519491231002", today, ANJU_IDENT_ERROR_LENGTH);
  assert_invalid ("11010519491231002XX", today, ANJU_IDENT_ERROR_LENGTH);
  assert_invalid ("1101051949123100211", today, ANJU_IDENT_ERROR_LENGTH);
  assert_invalid ("11010549123100", today, ANJU_IDENT_ERROR_LENGTH);
  assert_invalid ("1101054912310021", today, ANJU_IDENT_ERROR_LENGTH);

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (anju_id_number_normalize ("11010519491231002", today, &error));
    g_assert_cmpstr (error->message, ==,
                     "The ID number has 17 characters, but it should have 18 (15 on an old "
                     "card). Check for a missing or an extra digit.");
  }
}

static void
test_id_normalize_characters (void)
{
  gint64 today = get_today ();

  assert_invalid ("abc", today, ANJU_IDENT_ERROR_CHARACTERS);
  assert_invalid ("11010519491231002Y", today, ANJU_IDENT_ERROR_CHARACTERS);
  assert_invalid ("110105-19491231-002X", today, ANJU_IDENT_ERROR_CHARACTERS);
  assert_invalid ("110105１９４９１２３１００２Ｙ", today, ANJU_IDENT_ERROR_CHARACTERS);
  assert_invalid ("1101051949123100X2", today, ANJU_IDENT_ERROR_CHARACTERS);
  assert_invalid ("X10105194912310022", today, ANJU_IDENT_ERROR_CHARACTERS);
  assert_invalid ("11010519491231002\xff", today, ANJU_IDENT_ERROR_CHARACTERS);

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (anju_id_number_normalize ("110105身49123100", today, &error));
    g_assert_cmpstr (error->message, ==,
                     "The ID number contains “身”. Type only the digits, and an X if the card "
                     "ends with one.");
  }
}

static gboolean
is_province (guint code)
{
  static const guint provinces[] = {
    11, 12, 13, 14, 15,
    21, 22, 23,
    31, 32, 33, 34, 35, 36, 37,
    41, 42, 43, 44, 45, 46,
    50, 51, 52, 53, 54,
    61, 62, 63, 64, 65,
    71,
    81, 82,
  };

  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    {
      if (provinces[i] == code)
        return TRUE;
    }
  return FALSE;
}

static void
test_id_normalize_region (void)
{
  gint64 today = get_today ();

  for (guint code = 0; code < 100; code++)
    {
      g_autofree char *id17 = g_strdup_printf ("%02u010519800101001", code);
      g_autofree char *id = make_id (id17);

      if (is_province (code))
        assert_valid (id, today, id);
      else
        assert_invalid (id, today, ANJU_IDENT_ERROR_REGION);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = make_id ("99010519800101001");

    g_assert_null (anju_id_number_normalize (id, today, &error));
    g_assert_cmpstr (error->message, ==,
                     "The ID number starts with 99, which is not a province code. Check the "
                     "first two digits.");
  }
}

static void
test_id_normalize_birth_date (void)
{
  static const char * const bad_dates[] = {
    "19000229", /* 1900 is not a leap year */
    "20230229",
    "21000229",
    "19901301",
    "19900001",
    "19900100",
    "19900132",
    "19900431",
    "19900631",
    "19900931",
    "19901131",
    "00000000",
  };
  static const char * const good_dates[] = {
    "19000101",
    "18991231", /* GB 11643-1999 sets no earliest year */
    "18800101",
    "19040229",
    "19960229",
    "20000229", /* 2000 is a leap year */
    "19900131",
    "19900430",
    "19901231",
    "20261126", /* today, in Beijing */
  };
  gint64 today = get_today ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autofree char *id17 = g_strdup_printf ("110105%s001", bad_dates[i]);
      g_autofree char *id = make_id (id17);

      assert_invalid (id, today, ANJU_IDENT_ERROR_BIRTH_DATE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (good_dates); i++)
    {
      g_autofree char *id17 = g_strdup_printf ("110105%s001", good_dates[i]);
      g_autofree char *id = make_id (id17);

      assert_valid (id, today, id);
    }

  {
    g_autofree char *tomorrow = make_id ("11010520261127001");
    g_autofree char *next_year = make_id ("11010520270101001");
    g_autoptr(GError) error = NULL;

    assert_invalid (tomorrow, today, ANJU_IDENT_ERROR_BIRTH_DATE);
    assert_invalid (next_year, today, ANJU_IDENT_ERROR_BIRTH_DATE);

    /* 16:30 UTC on the 26th is already the 27th in the office. */
    assert_valid (tomorrow, make_time ("2026-11-26T16:30:00Z"), tomorrow);
    assert_invalid (tomorrow, make_time ("2026-11-26T15:59:59Z"), ANJU_IDENT_ERROR_BIRTH_DATE);

    g_assert_null (anju_id_number_normalize (tomorrow, today, &error));
    g_assert_cmpstr (error->message, ==,
                     "The birth date in the ID number, 2026-11-27, is in the future. Check the "
                     "digits of the birth date (7th to 14th).");
  }

  {
    g_autofree char *id = make_id ("11010520230229001");
    g_autoptr(GError) error = NULL;

    g_assert_null (anju_id_number_normalize (id, today, &error));
    g_assert_cmpstr (error->message, ==,
                     "The birth date in the ID number, 2023-02-29, does not exist. Check the "
                     "digits of the birth date (7th to 14th).");
  }

  {
    /* Valid by the standard; only implausible, which warns. */
    g_autofree char *id = make_id ("11010518991231001");
    g_autofree char *warning = anju_id_number_dup_age_warning (id, today);
    g_autofree char *young = make_id ("11010519800101001");

    assert_valid (id, today, id);
    g_assert_cmpstr (warning, ==,
                     "By this ID number the customer is 126 years old. Check the birth date "
                     "on the card.");
    g_assert_null (anju_id_number_dup_age_warning (young, today));
  }
}

static void
test_id_normalize_checksum (void)
{
  gint64 today = get_today ();

  for (guint seq = 0; seq < 200; seq++)
    {
      g_autofree char *id17 = g_strdup_printf ("51010719770707%03u", seq);
      g_autofree char *good = make_id (id17);
      g_autofree char *bad = make_bad_id (id17);
      g_autofree char *lower = g_ascii_strdown (good, -1);

      assert_valid (good, today, good);
      assert_valid (lower, today, good);
      assert_invalid (bad, today, ANJU_IDENT_ERROR_CHECKSUM);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (anju_id_number_normalize ("110105194912310023", today, &error));
    g_assert_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_CHECKSUM);
    g_assert_cmpstr (error->message, ==,
                     "The ID number's check character should be X, not 3. Check the number on "
                     "the card.");
  }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *good = make_id ("11010519900101123");
    g_autofree char *bad = g_strdup (good);
    g_autofree char *expected = NULL;

    bad[17] = good[17] == '3' ? '4' : '3';
    expected = g_strdup_printf ("The ID number's check character should be %c, not %c. Check "
                                "the number on the card.",
                                good[17], bad[17]);
    g_assert_null (anju_id_number_normalize (bad, today, &error));
    g_assert_cmpstr (error->message, ==, expected);
  }

  /* A transposition of two digits changes the check character. */
  assert_invalid ("11010519491213002X", today, ANJU_IDENT_ERROR_CHECKSUM);
}

static void
test_id_birth_date_and_mask (void)
{
  g_autofree char *birth = anju_id_number_dup_birth_date (KNOWN_ID);
  g_autofree char *short_birth = anju_id_number_dup_birth_date ("1101051949");
  g_autofree char *mask = anju_id_number_mask ("110105199001011234");
  g_autofree char *mask_known = anju_id_number_mask (KNOWN_ID);
  g_autofree char *mask_legacy = anju_id_number_mask ("110105491231002");
  g_autofree char *mask_short = anju_id_number_mask ("123456");
  g_autofree char *mask_empty = anju_id_number_mask ("");
  g_autofree char *mask_null = anju_id_number_mask (NULL);

  g_assert_cmpstr (birth, ==, "1949-12-31");
  g_assert_null (short_birth);
  g_assert_cmpstr (mask, ==, "110105********1234");
  g_assert_cmpstr (mask_known, ==, "110105********002X");
  g_assert_cmpstr (mask_legacy, ==, "110105*****1002");
  g_assert_cmpstr (mask_short, ==, "****56");
  g_assert_cmpstr (mask_empty, ==, "");
  g_assert_cmpstr (mask_null, ==, "");
}

static void
test_mobile_normalize (void)
{
  static const char * const valid[] = {
    "13812345678",
    "138 1234 5678",
    "138-1234-5678",
    "  13812345678 ",
    "+86 138 1234 5678",
    "+8613812345678",
    "+86-138-1234-5678",
    "0086-13812345678",
    "0086 138 1234 5678",
    "86-13812345678",
    "8613812345678",
    "138\u30001234\u30005678",
    "１３８１２３４５６７８",
    "＋８６　１３８－１２３４－５６７８",
  };
  static const char * const invalid[] = {
    "",
    "   ",
    "abc",
    "1381234567",
    "138123456789",
    "12812345678",
    "11812345678",
    "10812345678",
    "23812345678",
    "03812345678",
    "+1 415 555 2671",
    "+86 1381234567",
    "0086 2381234567",
    "138.1234.5678",
    "(138) 1234 5678",
    "138+12345678",
    "1381234567\xff",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *mobile = NULL;

      g_test_message ("valid: “%s”", valid[i]);
      mobile = anju_mobile_normalize (valid[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (mobile, ==, "13812345678");
    }

  for (char second = '3'; second <= '9'; second++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("1%c012345678", second);
      g_autofree char *mobile = anju_mobile_normalize (text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (mobile, ==, text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *mobile = NULL;
      g_autofree char *shown = g_utf8_make_valid (invalid[i], -1);

      g_test_message ("invalid: “%s”", shown);
      mobile = anju_mobile_normalize (invalid[i], &error);
      g_assert_null (mobile);
      g_assert_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_MOBILE);
      g_assert_cmpstr (error->message, !=, "");
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (anju_mobile_normalize (NULL, &error));
    g_assert_error (error, ANJU_IDENT_ERROR, ANJU_IDENT_ERROR_MOBILE);
  }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (anju_mobile_normalize ("138 1234 567", &error));
    g_assert_cmpstr (error->message, ==,
                     "The mobile number has 10 digits, but a mainland mobile number has 11. "
                     "Check for a missing or an extra digit.");
    g_clear_error (&error);

    g_assert_null (anju_mobile_normalize ("128 1234 5678", &error));
    g_assert_cmpstr (error->message, ==,
                     "The mobile number starts with 12, but mainland mobile numbers start with "
                     "13 to 19. Check the first digits.");
    g_clear_error (&error);

    g_assert_null (anju_mobile_normalize ("138/1234/5678", &error));
    g_assert_cmpstr (error->message, ==,
                     "The mobile number contains “/”. Type only its 11 digits, for example "
                     "138 1234 5678.");
  }
}

static void
test_mobile_mask (void)
{
  static const struct
  {
    const char *text;
    const char *masked;
  } cases[] = {
    { "13812345678", "138****5678" },
    { "19900001111", "199****1111" },
    { "1381234567", "********67" },
    { "12345", "***45" },
    { "123", "*23" },
    { "12", "**" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = anju_mobile_mask (cases[i].text);

      g_assert_cmpstr (masked, ==, cases[i].masked);
    }

  {
    g_autofree char *masked = anju_mobile_mask (NULL);

    g_assert_cmpstr (masked, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Birth dates are checked against the day in the office. */
  anju_format_set_time_zone ("Asia/Shanghai");

  g_test_add_func ("/ident/id/check-char", test_id_check_char);
  g_test_add_func ("/ident/id/valid", test_id_normalize_valid);
  g_test_add_func ("/ident/id/legacy", test_id_normalize_legacy);
  g_test_add_func ("/ident/id/length", test_id_normalize_length);
  g_test_add_func ("/ident/id/characters", test_id_normalize_characters);
  g_test_add_func ("/ident/id/region", test_id_normalize_region);
  g_test_add_func ("/ident/id/birth-date", test_id_normalize_birth_date);
  g_test_add_func ("/ident/id/checksum", test_id_normalize_checksum);
  g_test_add_func ("/ident/id/birth-date-and-mask", test_id_birth_date_and_mask);
  g_test_add_func ("/ident/mobile/normalize", test_mobile_normalize);
  g_test_add_func ("/ident/mobile/mask", test_mobile_mask);

  return g_test_run ();
}
