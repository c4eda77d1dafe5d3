/* test-format.c — dates in the office's zone, money and areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <locale.h>

#include "anju-format.h"

static gint64
make_time (const char *iso_utc)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso_utc, utc);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static void
test_format_time_zone_default (void)
{
  GTimeZone *zone;
  const char *identifier;

  anju_format_set_time_zone (NULL);
  zone = anju_format_get_time_zone ();
  g_assert_nonnull (zone);
  identifier = g_time_zone_get_identifier (zone);
  /* Asia/Shanghai, or its fixed offset where the system lacks tzdata. */
  g_assert_true (g_str_equal (identifier, "Asia/Shanghai") ||
                 g_str_equal (identifier, "+08:00"));
  {
    g_autoptr(GDateTime) now = g_date_time_new (zone, 2026, 11, 26, 17, 5, 0);

    g_assert_cmpint (g_date_time_get_utc_offset (now), ==, 8 * G_TIME_SPAN_HOUR);
  }

  /* The same borrowed zone every time. */
  g_assert_true (anju_format_get_time_zone () == zone);
  anju_format_set_time_zone ("Asia/Shanghai");
  g_assert_true (anju_format_get_time_zone () == zone);
}

static void
test_format_datetime (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autofree char *f = NULL;
  g_autofree char *epoch = NULL;
  g_autofree char *before_epoch = NULL;

  anju_format_set_time_zone (NULL);

  /* 1795683900 s is 2026-11-26T09:05:00Z, worked out apart from GLib. */
  g_assert_cmpint (make_time ("2026-11-26T09:05:00Z"), ==,
                   G_GINT64_CONSTANT (1795683900) * G_USEC_PER_SEC);

  a = anju_format_datetime (make_time ("2026-11-26T09:05:00Z"));
  g_assert_cmpstr (a, ==, "2026-11-26 17:05");
  b = anju_format_date (make_time ("2026-11-26T09:05:00Z"));
  g_assert_cmpstr (b, ==, "2026-11-26");

  /* After 16:00 UTC the office is already on the next day. */
  c = anju_format_datetime (make_time ("2026-11-26T16:30:00Z"));
  g_assert_cmpstr (c, ==, "2026-11-27 00:30");
  d = anju_format_date (make_time ("2026-11-26T16:30:00Z"));
  g_assert_cmpstr (d, ==, "2026-11-27");
  e = anju_format_date (make_time ("2026-11-26T15:59:59Z"));
  g_assert_cmpstr (e, ==, "2026-11-26");

  /* Seconds and microseconds are cut, not rounded up. */
  f = anju_format_datetime (make_time ("2026-11-26T09:05:59.999999Z"));
  g_assert_cmpstr (f, ==, "2026-11-26 17:05");

  epoch = anju_format_datetime (0);
  g_assert_cmpstr (epoch, ==, "1970-01-01 08:00");
  before_epoch = anju_format_datetime (-1);
  g_assert_cmpstr (before_epoch, ==, "1970-01-01 07:59");
}

static void
test_format_datetime_out_of_range (void)
{
  g_autofree char *huge = anju_format_datetime (G_MAXINT64);
  g_autofree char *tiny = anju_format_date (G_MININT64);

  g_assert_cmpstr (huge, ==, "");
  g_assert_cmpstr (tiny, ==, "");
}

static void
test_format_datetime_iso (void)
{
  static const struct
  {
    const char *iso;
    const char *shown;
  } cases[] = {
    { "2026-11-26T09:05:00Z", "2026-11-26 17:05" },
    { "2026-11-26T09:05:42.123456Z", "2026-11-26 17:05" },
    { "2026-11-26T16:00:00Z", "2026-11-27 00:00" },
    { "2026-12-31T23:59:00Z", "2027-01-01 07:59" },
    { "2024-02-28T20:00:00Z", "2024-02-29 04:00" },
    /* An explicit offset is honoured; no offset is taken as UTC. */
    { "2026-11-26T17:05:00+08:00", "2026-11-26 17:05" },
    { "2026-11-26T09:05:00", "2026-11-26 17:05" },
    { "", "" },
    { "yesterday", "" },
    { "2026-13-01T00:00:00Z", "" },
    { "2026-02-30T00:00:00Z", "" },
  };

  anju_format_set_time_zone (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = anju_format_datetime_iso (cases[i].iso);

      g_test_message ("“%s”", cases[i].iso);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }

  {
    g_autofree char *shown = anju_format_datetime_iso (NULL);

    g_assert_cmpstr (shown, ==, "");
  }
}

static void
test_format_other_time_zone (void)
{
  g_autofree char *utc_text = NULL;
  g_autofree char *tokyo_text = NULL;
  g_autofree char *back = NULL;
  gint64 t = make_time ("2026-11-26T09:05:00Z");

  anju_format_set_time_zone ("UTC");
  utc_text = anju_format_datetime (t);
  g_assert_cmpstr (utc_text, ==, "2026-11-26 09:05");

  anju_format_set_time_zone ("+09:00");
  tokyo_text = anju_format_datetime (t);
  g_assert_cmpstr (tokyo_text, ==, "2026-11-26 18:05");

  anju_format_set_time_zone (NULL);
  back = anju_format_datetime (t);
  g_assert_cmpstr (back, ==, "2026-11-26 17:05");
}

static void
test_format_unknown_time_zone (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *text = NULL;

      anju_format_set_time_zone ("Mars/Olympus_Mons");
      text = anju_format_datetime (make_time ("2026-11-26T09:05:00Z"));
      g_assert_cmpstr (text, ==, "2026-11-26 17:05");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_stderr ("*Unknown time zone*Mars/Olympus_Mons*");
}

static void
test_format_money (void)
{
  g_autofree char *a = anju_format_money (123456789);
  g_autofree char *b = anju_format_money (-5);
  g_autofree char *c = anju_format_money (0);

  g_assert_cmpstr (a, ==, "¥1,234,567.89");
  g_assert_cmpstr (b, ==, "-¥0.05");
  g_assert_cmpstr (c, ==, "¥0.00");
}

static void
test_format_area (void)
{
  static const struct
  {
    gint64      centi;
    const char *text;
  } cases[] = {
    { 8950, "89.50 m²" },
    { 0, "0.00 m²" },
    { 1, "0.01 m²" },
    { 10, "0.10 m²" },
    { 12345678, "123456.78 m²" },
    { -250, "-2.50 m²" },
    { G_MININT64, "-92233720368547758.08 m²" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = anju_format_area (cases[i].centi);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_area_parse_valid (void)
{
  static const struct
  {
    const char *text;
    gint64      centi;
  } cases[] = {
    { "89.5", 8950 },
    { "89.50", 8950 },
    { "89.50 m²", 8950 },
    { "89.50m²", 8950 },
    { "89.50㎡", 8950 },
    { "89.50 ㎡", 8950 },
    { "89.50 m2", 8950 },
    { "89.50平方米", 8950 },
    { "89.50 平米", 8950 },
    { " 89.50 m² ", 8950 },
    { "89", 8900 },
    { "89.", 8900 },
    { ".5", 50 },
    { "0", 0 },
    { "0.01", 1 },
    { "123456.78", 12345678 },
    { "0089.05", 8905 },
    { "10000000000", G_GINT64_CONSTANT (1000000000000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 centi = 42;

      g_test_message ("“%s”", cases[i].text);
      g_assert_true (anju_area_parse (cases[i].text, &centi, &error));
      g_assert_no_error (error);
      g_assert_cmpint (centi, ==, cases[i].centi);
    }

  /* What the formatter writes, the parser reads. */
  for (gint64 centi = 0; centi < 100000; centi += 37)
    {
      g_autofree char *text = anju_format_area (centi);
      g_autoptr(GError) error = NULL;
      gint64 parsed = -1;

      g_assert_true (anju_area_parse (text, &parsed, &error));
      g_assert_no_error (error);
      g_assert_cmpint (parsed, ==, centi);
    }
}

static void
test_area_parse_invalid (void)
{
  static const struct
  {
    const char *text;
    int         code;
  } cases[] = {
    { "", ANJU_FORMAT_ERROR_INVALID },
    { "   ", ANJU_FORMAT_ERROR_INVALID },
    { "m²", ANJU_FORMAT_ERROR_INVALID },
    { "abc", ANJU_FORMAT_ERROR_INVALID },
    { "89.5a", ANJU_FORMAT_ERROR_INVALID },
    { "89,50", ANJU_FORMAT_ERROR_INVALID },
    { "1,089.50", ANJU_FORMAT_ERROR_INVALID },
    { "89.5.0", ANJU_FORMAT_ERROR_INVALID },
    { "89 50", ANJU_FORMAT_ERROR_INVALID },
    { "+89.5", ANJU_FORMAT_ERROR_INVALID },
    { ".", ANJU_FORMAT_ERROR_INVALID },
    { "89.50 ft²", ANJU_FORMAT_ERROR_INVALID },
    { "89.50 m² m²", ANJU_FORMAT_ERROR_INVALID },
    { "89.505", ANJU_FORMAT_ERROR_PRECISION },
    { "89.500", ANJU_FORMAT_ERROR_PRECISION },
    { "89.505 m²", ANJU_FORMAT_ERROR_PRECISION },
    { "-89.5", ANJU_FORMAT_ERROR_RANGE },
    { "-0", ANJU_FORMAT_ERROR_RANGE },
    { "10000000001", ANJU_FORMAT_ERROR_RANGE },
    { "99999999999999999999999", ANJU_FORMAT_ERROR_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 centi = 42;

      g_test_message ("“%s”", cases[i].text);
      g_assert_false (anju_area_parse (cases[i].text, &centi, &error));
      g_assert_error (error, ANJU_FORMAT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (centi, ==, 42);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (anju_area_parse (NULL, NULL, &error));
    g_assert_error (error, ANJU_FORMAT_ERROR, ANJU_FORMAT_ERROR_INVALID);
    g_clear_error (&error);

    g_assert_false (anju_area_parse ("89.5\xff", NULL, &error));
    g_assert_error (error, ANJU_FORMAT_ERROR, ANJU_FORMAT_ERROR_INVALID);
    g_clear_error (&error);

    g_assert_false (anju_area_parse ("89.505 m²", NULL, &error));
    g_assert_cmpstr (error->message, ==,
                     "The area “89.505 m²” has more than two decimals. Enter it to the "
                     "hundredth of a square metre, for example 89.50.");
    g_clear_error (&error);

    g_assert_false (anju_area_parse ("-89.5", NULL, &error));
    g_assert_cmpstr (error->message, ==,
                     "The area “-89.5” is negative. Enter the area in square metres without a "
                     "minus sign.");
  }
}

/* People are addressed by surname and title: 孙女士, not 孙丽孙女士. */
static void
test_addressee (void)
{
  static const struct { const char *name, *title, *addressee, *person; } people[] = {
    { "孙丽", "女士", "孙女士", "孙丽 (孙女士)" },
    { "赵建国", "先生", "赵先生", "赵建国 (赵先生)" },
    /* Typed whole in the title field: kept, not doubled. */
    { "孙丽", "孙女士", "孙女士", "孙丽 (孙女士)" },
    { "欧阳娜娜", "女士", "欧阳女士", "欧阳娜娜 (欧阳女士)" },
    { "王芳", NULL, "王芳", "王芳" },
    { "王芳", " ", "王芳", "王芳" },
    { "Anna Schmidt", "Ms", "Ms Anna Schmidt", "Anna Schmidt (Ms Anna Schmidt)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *addressee = anju_format_addressee (people[i].name, people[i].title);
      g_autofree char *person = anju_format_person (people[i].name, people[i].title);

      g_assert_cmpstr (addressee, ==, people[i].addressee);
      g_assert_cmpstr (person, ==, people[i].person);
    }
  {
    g_autofree char *single = anju_format_surname ("欧阳");   /* a one-character given name is not a compound */
    g_autofree char *surname = anju_format_surname ("司马光");

    g_assert_cmpstr (single, ==, "欧");
    g_assert_cmpstr (surname, ==, "司马");
  }
}

/* Sentences joined as each language writes them: no space after "。". */
static void
test_join_sentences (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *english = anju_format_join_sentences ("It failed.", "Try again.");
  g_autofree char *one = anju_format_join_sentences (NULL, "Try again.");
  g_autofree char *chinese = NULL;
  g_autofree char *person = NULL;

  g_assert_cmpstr (english, ==, "It failed. Try again.");
  g_assert_cmpstr (one, ==, "Try again.");

  bindtextdomain (GETTEXT_PACKAGE, ANJU_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  chinese = anju_format_join_sentences ("无法连接。", "请稍后再试。");
  person = anju_format_person ("孙丽", "女士");
  g_assert_cmpstr (chinese, ==, "无法连接。请稍后再试。");
  g_assert_cmpstr (person, ==, "孙丽（孙女士）");
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/time-zone/default", test_format_time_zone_default);
  g_test_add_func ("/format/time-zone/other", test_format_other_time_zone);
  g_test_add_func ("/format/time-zone/unknown", test_format_unknown_time_zone);
  g_test_add_func ("/format/datetime", test_format_datetime);
  g_test_add_func ("/format/datetime/out-of-range", test_format_datetime_out_of_range);
  g_test_add_func ("/format/datetime-iso", test_format_datetime_iso);
  g_test_add_func ("/format/money", test_format_money);
  g_test_add_func ("/format/area", test_format_area);
  g_test_add_func ("/format/area-parse/valid", test_area_parse_valid);
  g_test_add_func ("/format/area-parse/invalid", test_area_parse_invalid);
  g_test_add_func ("/format/addressee", test_addressee);
  g_test_add_func ("/format/join-sentences", test_join_sentences);

  return g_test_run ();
}
