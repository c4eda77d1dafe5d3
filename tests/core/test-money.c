/* test-money.c — amounts in fen: parsing, figures, capitals, rounding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "anju-money.h"

typedef struct
{
  const char *text;
  AnjuFen     fen;
} ParseCase;

typedef struct
{
  const char *text;
  int         code;
} ErrorCase;

typedef struct
{
  AnjuFen     fen;
  const char *text;
} FormatCase;

static void
test_money_parse_valid (void)
{
  static const ParseCase cases[] = {
    { "1234567.89", 123456789 },
    { "1,234,567.89", 123456789 },
    { "¥1,234,567.89", 123456789 },
    { "￥1,234,567.89", 123456789 },
    { "¥ 1,234,567.89", 123456789 },
    { "-12.5", -1250 },
    { "  100 ", 10000 },
    { "\t100\n", 10000 },
    { "0", 0 },
    { "-0", 0 },
    { "0.05", 5 },
    { "0.5", 50 },
    { ".5", 50 },
    { "12.", 1200 },
    { "+3", 300 },
    { "-¥0.05", -5 },
    { "¥-0.05", -5 },
    { "- ¥ 7", -700 },
    { "999", 99900 },
    { "1,000", 100000 },
    { "12,345", 1234500 },
    { "123,456.7", 12345670 },
    { "007.10", 710 },
    /* The limit itself is allowed: 10^15 fen. */
    { "10000000000000", G_GINT64_CONSTANT (1000000000000000) },
    { "-10,000,000,000,000.00", -G_GINT64_CONSTANT (1000000000000000) },
    { "9999999999999.99", G_GINT64_CONSTANT (999999999999999) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      AnjuFen fen = 42;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_true (anju_money_parse (cases[i].text, &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, cases[i].fen);
    }
}

static void
test_money_parse_invalid (void)
{
  static const ErrorCase cases[] = {
    { "", ANJU_MONEY_ERROR_INVALID },
    { "   ", ANJU_MONEY_ERROR_INVALID },
    { "abc", ANJU_MONEY_ERROR_INVALID },
    { "12a", ANJU_MONEY_ERROR_INVALID },
    { "12元", ANJU_MONEY_ERROR_INVALID },
    { "1e5", ANJU_MONEY_ERROR_INVALID },
    { "¥", ANJU_MONEY_ERROR_INVALID },
    { "-", ANJU_MONEY_ERROR_INVALID },
    { ".", ANJU_MONEY_ERROR_INVALID },
    { "--5", ANJU_MONEY_ERROR_INVALID },
    { "¥¥5", ANJU_MONEY_ERROR_INVALID },
    { "-¥-5", ANJU_MONEY_ERROR_INVALID },
    { "5-", ANJU_MONEY_ERROR_INVALID },
    { "1.2.3", ANJU_MONEY_ERROR_INVALID },
    { "1 000", ANJU_MONEY_ERROR_INVALID },
    { "1,23", ANJU_MONEY_ERROR_INVALID },
    { "1,5", ANJU_MONEY_ERROR_INVALID },
    { "1234,567", ANJU_MONEY_ERROR_INVALID },
    { ",123", ANJU_MONEY_ERROR_INVALID },
    { "1,,234", ANJU_MONEY_ERROR_INVALID },
    { "1,234,56", ANJU_MONEY_ERROR_INVALID },
    { "1,234,", ANJU_MONEY_ERROR_INVALID },
    { "1.5,0", ANJU_MONEY_ERROR_INVALID },
    { "1.234", ANJU_MONEY_ERROR_PRECISION },
    { "1.005", ANJU_MONEY_ERROR_PRECISION },
    { "0.001", ANJU_MONEY_ERROR_PRECISION },
    { "-12.500", ANJU_MONEY_ERROR_PRECISION },
    { "10000000000000.01", ANJU_MONEY_ERROR_RANGE },
    { "-10000000000000.01", ANJU_MONEY_ERROR_RANGE },
    { "10000000000001", ANJU_MONEY_ERROR_RANGE },
    { "99999999999999999999999999", ANJU_MONEY_ERROR_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      AnjuFen fen = 42;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_false (anju_money_parse (cases[i].text, &fen, &error));
      g_assert_error (error, ANJU_MONEY_ERROR, cases[i].code);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
      /* A refused amount leaves the output alone. */
      g_assert_cmpint (fen, ==, 42);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (anju_money_parse (NULL, NULL, &error));
    g_assert_error (error, ANJU_MONEY_ERROR, ANJU_MONEY_ERROR_INVALID);
  }

  {
    g_autoptr(GError) error = NULL;

    /* Not UTF-8. */
    g_assert_false (anju_money_parse ("12\xff", NULL, &error));
    g_assert_error (error, ANJU_MONEY_ERROR, ANJU_MONEY_ERROR_INVALID);
  }
}

static void
test_money_parse_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (anju_money_parse (" 1.234 ", NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "The amount “1.234” has more than two decimals. Enter at most two digits "
                   "after the point, down to the fen.");
  g_clear_error (&error);

  g_assert_false (anju_money_parse ("12a", NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "The amount “12a” contains “a”, which is not part of a number. Write it in "
                   "figures, for example 1,234.50.");
  g_clear_error (&error);

  g_assert_false (anju_money_parse ("12元", NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "The amount “12元” contains “元”, which is not part of a number. Write it in "
                   "figures, for example 1,234.50.");
  g_clear_error (&error);

  g_assert_false (anju_money_parse ("", NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "The amount is empty. Enter it in figures, for example 1,234.50.");
}

static void
test_money_format (void)
{
  static const FormatCase cases[] = {
    { 123456789, "¥1,234,567.89" },
    { -5, "-¥0.05" },
    { 0, "¥0.00" },
    { 5, "¥0.05" },
    { 50, "¥0.50" },
    { 100, "¥1.00" },
    { 99999, "¥999.99" },
    { 100000, "¥1,000.00" },
    { -123456789, "-¥1,234,567.89" },
    { 12345678901, "¥123,456,789.01" },
    { G_MAXINT64, "¥92,233,720,368,547,758.07" },
    { G_MININT64, "-¥92,233,720,368,547,758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = anju_money_format (cases[i].fen);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_money_format_plain (void)
{
  static const FormatCase cases[] = {
    { 123456789, "1234567.89" },
    { -5, "-0.05" },
    { 0, "0.00" },
    { 7, "0.07" },
    { 1000, "10.00" },
    { -123456789, "-1234567.89" },
    { G_MININT64, "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = anju_money_format_plain (cases[i].fen);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_money_round_trip (void)
{
  static const AnjuFen values[] = {
    0, 1, -1, 5, 99, 100, 101, 1050, 123456789, -123456789, 100000000,
    G_GINT64_CONSTANT (999999999999999), G_GINT64_CONSTANT (1000000000000000),
    -G_GINT64_CONSTANT (1000000000000000),
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *figures = anju_money_format (values[i]);
      g_autofree char *plain = anju_money_format_plain (values[i]);
      g_autoptr(GError) error = NULL;
      AnjuFen fen = 42;

      g_assert_true (anju_money_parse (figures, &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, values[i]);

      fen = 42;
      g_assert_true (anju_money_parse (plain, &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, values[i]);
    }
}

static void
test_money_capitals (void)
{
  static const FormatCase cases[] = {
    /* The examples of DOMAIN.md and the PBOC rules. */
    { 10700053, "人民币壹拾万柒仟元零伍角叁分" },
    { 100000000, "人民币壹佰万元整" },
    { 1640902, "人民币壹万陆仟肆佰零玖元零贰分" },
    { 32504, "人民币叁佰贰拾伍元零肆分" },
    { 600714, "人民币陆仟零柒元壹角肆分" },
    { 168032, "人民币壹仟陆佰捌拾元零叁角贰分" },
    /* 整 after 角 on receipts. */
    { 1050, "人民币壹拾元零伍角整" },
    { 140950, "人民币壹仟肆佰零玖元伍角整" },
    { 2000030, "人民币贰万元零叁角整" },
    { 1005, "人民币壹拾元零伍分" },
    { 1234, "人民币壹拾贰元叁角肆分" },
    /* Under one yuan: no 元, no leading 零. */
    { 0, "人民币零元整" },
    { 5, "人民币伍分" },
    { 50, "人民币伍角整" },
    { 55, "人民币伍角伍分" },
    { 1, "人民币壹分" },
    /* Whole yuan; 壹 kept before 拾. */
    { 100, "人民币壹元整" },
    { 1000, "人民币壹拾元整" },
    { 1200, "人民币壹拾贰元整" },
    { 10000, "人民币壹佰元整" },
    { 10100, "人民币壹佰零壹元整" },
    { 11000, "人民币壹佰壹拾元整" },
    { 100000, "人民币壹仟元整" },
    { 100100, "人民币壹仟零壹元整" },
    { 101000, "人民币壹仟零壹拾元整" },
    /* 万 and 亿 sections. */
    { 1000000, "人民币壹万元整" },
    { 1000100, "人民币壹万零壹元整" },
    { 1010000, "人民币壹万零壹佰元整" },
    { 1100000, "人民币壹万壹仟元整" },
    { 10070000, "人民币壹拾万零柒佰元整" },
    { 10700000, "人民币壹拾万柒仟元整" },
    { 1000100000, "人民币壹仟万零壹仟元整" },
    { 1001000000, "人民币壹仟零壹万元整" },
    { 1000000100, "人民币壹仟万零壹元整" },
    { 9999999999, "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分" },
    { G_GINT64_CONSTANT (10000000000), "人民币壹亿元整" },
    { G_GINT64_CONSTANT (10001000000), "人民币壹亿零壹万元整" },
    { G_GINT64_CONSTANT (10000100000), "人民币壹亿零壹仟元整" },
    { G_GINT64_CONSTANT (11000000000), "人民币壹亿壹仟万元整" },
    { G_GINT64_CONSTANT (101000000000), "人民币壹拾亿壹仟万元整" },
    { G_GINT64_CONSTANT (100100000000), "人民币壹拾亿零壹佰万元整" },
    { G_GINT64_CONSTANT (12345678901234),
      "人民币壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分" },
    { G_GINT64_CONSTANT (100000000000000), "人民币壹万亿元整" },
    { G_GINT64_CONSTANT (100010000000000), "人民币壹万零壹亿元整" },
    { G_GINT64_CONSTANT (1000000000000000), "人民币壹拾万亿元整" },
    /* Negative amounts. */
    { -1050, "负人民币壹拾元零伍角整" },
    { -5, "负人民币伍分" },
    /* The whole range of the type, without a crash. */
    { G_MAXINT64, "人民币玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分" },
    { G_MININT64, "负人民币玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = anju_money_to_capitals (cases[i].fen);

      g_test_message ("%" G_GINT64_FORMAT " fen", cases[i].fen);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Amounts up to 10^5 yuan (every 7th fen) end in 整 exactly when they have
 * no 分, and never have two 零 in a row or a 零 before a unit. */
static void
test_money_capitals_shape (void)
{
  for (AnjuFen fen = 1; fen < 10000000; fen += 7)
    {
      g_autofree char *text = anju_money_to_capitals (fen);

      g_assert_true (g_str_has_prefix (text, "人民币"));
      g_assert_null (strstr (text, "零零"));
      g_assert_null (strstr (text, "零元"));
      g_assert_null (strstr (text, "零万"));
      g_assert_null (strstr (text, "零亿"));
      g_assert_null (strstr (text, "零整"));
      if (fen % 10 == 0)
        g_assert_true (g_str_has_suffix (text, "整"));
      else
        g_assert_true (g_str_has_suffix (text, "分"));
    }
}

static void
test_money_round_div (void)
{
  static const struct
  {
    gint64  num;
    gint64  den;
    AnjuFen result;
  } cases[] = {
    { 5, 10, 1 },
    { -5, 10, -1 },
    { 4, 10, 0 },
    { -4, 10, 0 },
    { 6, 10, 1 },
    { -6, 10, -1 },
    { 15, 10, 2 },
    { -15, 10, -2 },
    { 14, 10, 1 },
    { -14, 10, -1 },
    { 25, 10, 3 },
    { -25, 10, -3 },
    { 0, 7, 0 },
    { 1, 3, 0 },
    { 2, 3, 1 },
    { -2, 3, -1 },
    { 7, 1, 7 },
    { -7, 1, -7 },
    { 1, 2, 1 },
    { -1, 2, -1 },
    /* 3% of ¥1,234,567.89 as rate 300/10000. */
    { G_GINT64_CONSTANT (123456789) * 300, 10000, 3703704 },
    { G_MAXINT64, 2, G_GINT64_CONSTANT (4611686018427387904) },
    { G_MININT64, 3, G_GINT64_CONSTANT (-3074457345618258603) },
    { G_MAXINT64, G_MAXINT64, 1 },
    { G_MININT64, G_MAXINT64, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, cases[i].num, cases[i].den);
      g_assert_cmpint (anju_money_round_div (cases[i].num, cases[i].den), ==, cases[i].result);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/valid", test_money_parse_valid);
  g_test_add_func ("/money/parse/invalid", test_money_parse_invalid);
  g_test_add_func ("/money/parse/messages", test_money_parse_messages);
  g_test_add_func ("/money/format", test_money_format);
  g_test_add_func ("/money/format-plain", test_money_format_plain);
  g_test_add_func ("/money/round-trip", test_money_round_trip);
  g_test_add_func ("/money/capitals", test_money_capitals);
  g_test_add_func ("/money/capitals-shape", test_money_capitals_shape);
  g_test_add_func ("/money/round-div", test_money_round_div);

  return g_test_run ();
}
