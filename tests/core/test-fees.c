/* test-fees.c — taxes and fees from the city files: boundaries, dates, refusals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "anju-command.h"
#include "anju-fees.h"
#include "anju-test-util.h"

static AnjuFeeRules *
load_hangzhou (void)
{
  g_autoptr(GError) error = NULL;
  AnjuFeeRules *rules = anju_fee_rules_load ("hangzhou", &error);

  g_assert_no_error (error);
  g_assert_nonnull (rules);
  return rules;
}

typedef struct
{
  const char *date;
  guint       home;
  gint64      area;
  AnjuRate    rate;
  AnjuFen     deed_tax;
  AnjuFen     maintenance;
} DeedCase;

/* ¥3,000,000.00, tax base the price. */
static const DeedCase deed_cases[] = {
  /* From 2024-12-01: 140.00 m² is "up to 140", 140.01 is above. */
  { "2024-12-01", 1, 14000, 1000, 3000000, 1792000 },
  { "2024-12-01", 1, 14001, 1500, 4500000, 1792128 },
  { "2024-12-01", 2, 14000, 1000, 3000000, 1792000 },
  { "2024-12-01", 2, 14001, 2000, 6000000, 1792128 },
  { "2024-12-01", 3, 14000, 3000, 9000000, 1792000 },
  { "2024-12-01", 3, 8900, 3000, 9000000, 1139200 },
  { "2026-12-04", 1, 12800, 1000, 3000000, 1638400 },
  /* The day before, the 2016 rule: its limit was 90 m². */
  { "2024-11-30", 1, 9000, 1000, 3000000, 1152000 },
  { "2024-11-30", 1, 9001, 1500, 4500000, 1152128 },
  { "2024-11-30", 1, 14000, 1500, 4500000, 1792000 },
  { "2024-11-30", 2, 14000, 2000, 6000000, 1792000 },
  { "2017-01-01", 2, 9000, 1000, 3000000, 1152000 },
};

static void
test_fees_deed_tax (void)
{
  g_autoptr(AnjuFeeRules) rules = load_hangzhou ();

  g_assert_cmpstr (anju_fee_rules_get_code (rules), ==, "hangzhou");
  g_assert_cmpstr (anju_fee_rules_get_name (rules), ==, "杭州");
  for (guint i = 0; i < G_N_ELEMENTS (deed_cases); i++)
    {
      const DeedCase *c = &deed_cases[i];
      AnjuFeeQuery query = {
        .price = 300000000, .tax_base = 300000000, .gross_area = c->area,
        .home_number = c->home, .date = c->date,
      };
      g_auto(AnjuFees) fees = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_true (anju_fees_compute (rules, &query, &fees, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (fees.deed_tax_rate, ==, c->rate);
      g_assert_cmpint (fees.deed_tax, ==, c->deed_tax);
      g_assert_cmpint (fees.registration_fee, ==, 8000);
      g_assert_cmpint (fees.stamp_duty, ==, 0);
      g_assert_cmpint (fees.maintenance_fund, ==, c->maintenance);
      g_assert_cmpint (fees.notary_fee, ==, 0);
      g_assert_cmpint (fees.total, ==, fees.deed_tax + 8000 + c->maintenance);
    }
}

static void
test_fees_inputs (void)
{
  g_autoptr(AnjuFeeRules) rules = load_hangzhou ();
  AnjuMaintenanceFund percent = { ANJU_MAINTENANCE_PERCENT, 0, 2000 };
  AnjuMaintenanceFund per_m2 = { ANJU_MAINTENANCE_PER_M2, 9050, 0 };
  AnjuFeeQuery query = {
    .price = 318584574, .tax_base = 292279426, .gross_area = 12800,
    .home_number = 1, .date = "2026-12-04", .maintenance = &percent, .notarised = TRUE,
  };
  g_auto(AnjuFees) fees = { 0 };
  g_auto(AnjuFees) other = { 0 };

  /* The tax base is its own input (here the price without 9 % VAT):
   * 1 % of ¥2,922,794.26 is ¥29,227.94 (29,227.9426). The maintenance
   * fund at the project's 2 % of ¥3,185,845.74 is ¥63,716.91 (.9148). */
  g_assert_true (anju_fees_compute (rules, &query, &fees, NULL));
  g_assert_cmpint (fees.deed_tax, ==, 2922794);
  g_assert_cmpint (fees.maintenance_fund, ==, 6371691);
  g_assert_cmpint (fees.notary_fee, ==, 20000);
  g_assert_cmpint (fees.total, ==, 2922794 + 8000 + 0 + 6371691 + 20000);
  g_assert_cmpstr (fees.deed_tax_effective_from, ==, "2024-12-01");
  g_assert_cmpuint (fees.down_payment_min, ==, 15000);

  /* ¥90.50 per m² of 128.00 m² is ¥11,584.00. */
  query.maintenance = &per_m2;
  query.notarised = FALSE;
  g_assert_true (anju_fees_compute (rules, &query, &other, NULL));
  g_assert_cmpint (other.maintenance_fund, ==, 1158400);
  g_assert_cmpint (other.notary_fee, ==, 0);
}

static void
test_fees_down_payment_and_rates (void)
{
  g_autoptr(AnjuFeeRules) rules = load_hangzhou ();
  static const struct { const char *date; guint home; AnjuRate min; } cases[] = {
    { "2024-09-23", 2, 25000 },
    { "2024-09-24", 2, 15000 },
    { "2024-05-16", 1, 25000 },
    { "2024-05-17", 1, 15000 },
  };
  AnjuLoanRates rates;
  g_autoptr(GError) early = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AnjuFeeQuery query = {
        .price = 100000000, .tax_base = 100000000, .gross_area = 9000,
        .home_number = cases[i].home, .date = cases[i].date,
      };
      g_auto(AnjuFees) fees = { 0 };

      g_assert_true (anju_fees_compute (rules, &query, &fees, NULL));
      g_assert_cmpuint (fees.down_payment_min, ==, cases[i].min);
    }

  g_assert_true (anju_fee_rules_get_loan_rates (rules, "2026-12-04", &rates, NULL));
  g_assert_cmpuint (rates.commercial, ==, 3500);
  g_assert_cmpuint (rates.provident_first, ==, 2600);
  g_assert_cmpuint (rates.provident_second, ==, 3075);
  g_assert_true (anju_fee_rules_get_loan_rates (rules, "2025-05-19", &rates, NULL));
  g_assert_cmpuint (rates.commercial, ==, 3600);
  g_assert_cmpuint (rates.provident_first, ==, 2600);
  g_assert_false (anju_fee_rules_get_loan_rates (rules, "2024-05-17", &rates, &early));
  g_assert_cmpstr (anju_command_error_get_field (early), ==, "date");
}

static void
test_fees_refused (void)
{
  g_autoptr(AnjuFeeRules) rules = load_hangzhou ();
  static const struct { AnjuFen price; AnjuFen base; gint64 area; guint home; const char *date;
                        const char *field; } cases[] = {
    { 0, 0, 9000, 1, "2026-12-04", "price" },
    { 100, -1, 9000, 1, "2026-12-04", "tax_base" },
    { 100, 100, 0, 1, "2026-12-04", "area" },
    { 100, 100, 9000, 0, "2026-12-04", "home_number" },
    { 100, 100, 9000, 4, "2026-12-04", "home_number" },
    { 100, 100, 9000, 1, "2026-02-30", "date" },
    { 100, 100, 9000, 1, "04.12.2026", "date" },
    /* Before the oldest deed tax rule in the file: refused, never guessed. */
    { 100, 100, 9000, 1, "2016-02-21", "date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AnjuFeeQuery query = {
        .price = cases[i].price, .tax_base = cases[i].base, .gross_area = cases[i].area,
        .home_number = cases[i].home, .date = cases[i].date,
      };
      g_auto(AnjuFees) fees = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (anju_fees_compute (rules, &query, &fees, &error));
      g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_INVALID_FIELD);
      g_assert_cmpstr (anju_command_error_get_field (error), ==, cases[i].field);
    }
}

static void
test_fees_city_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuFeeRules) by_name = anju_fee_rules_load ("杭州", NULL);
  g_autoptr(AnjuFeeRules) unknown = anju_fee_rules_load ("atlantis", &error);

  g_autoptr(AnjuFeeRules) only = anju_fee_rules_load (NULL, NULL);

  g_assert_nonnull (by_name);
  g_assert_cmpstr (anju_fee_rules_get_code (by_name), ==, "hangzhou");
  /* No city named: the one city there is. */
  g_assert_nonnull (only);
  g_assert_cmpstr (anju_fee_rules_get_code (only), ==, "hangzhou");
  g_assert_null (unknown);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_NOT_FOUND);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "city");
  g_assert_nonnull (strstr (error->message, "hangzhou"));
}

/* A copy of hangzhou.json with @from replaced by @to, as city "testcity". */
static char *
write_variant (const char *dir,
               const char *from,
               const char *to)
{
  g_autofree char *source = g_build_filename (g_getenv ("ANJU_DATA_DIR"), "fees", "hangzhou.json",
                                              NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) changed = NULL;
  char *path = g_build_filename (dir, "testcity.json", NULL);

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  changed = g_string_new (text);
  g_assert_cmpuint (g_string_replace (changed, "\"city\": \"hangzhou\"", "\"city\": \"testcity\"", 1),
                    ==, 1);
  g_assert_cmpuint (g_string_replace (changed, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, changed->str, -1, NULL));
  return path;
}

static void
test_fees_malformed (void)
{
  static const struct { const char *from; const char *to; const char *field; } cases[] = {
    { "\"third_home\": \"3\"\n    },\n    {", "\"third_home\": \"three\"\n    },\n    {",
      "deed_tax[0].third_home" },
    { "\"above_limit\": \"1.5\"", "\"above_limit\": 1.5", "deed_tax[0].first_home.above_limit" },
    { "\"area_limit_m2\": \"140.00\"", "\"area_limit_m2\": \"-140\"", "deed_tax[1].area_limit_m2" },
    { "\"effective_from\": \"2024-12-01\"", "\"effective_from\": \"2015-12-01\"",
      "deed_tax[1].effective_from" },
    { "\"effective_from\": \"2016-12-06\"", "\"effective_from\": \"2016-13-06\"",
      "registration_fee[0].effective_from" },
    { "\"per_unit\": \"80.00\"", "\"per_unit\": \"80.001\"", "registration_fee[0].per_unit" },
    { "\"basis\": \"per_m2\"", "\"basis\": \"per_unit\"", "maintenance_fund[0].basis" },
    { "\"commercial\": \"3.5\"", "\"commercial\": \"350\"", "loan_rates[4].commercial" },
    { "\"stamp_duty\": [", "\"stamp_tax\": [", "stamp_duty" },
    { "\"names\": [\"杭州\", \"杭州市\", \"Hangzhou\"]", "\"names\": []", "names" },
  };
  g_autofree char *dir = g_dir_make_tmp ("anju-fees-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_variant (dir, cases[i].from, cases[i].to);
      g_autofree char *prefix = g_strdup_printf ("%s: %s: ", path, cases[i].field);
      g_autoptr(GError) error = NULL;
      g_autoptr(AnjuFeeRules) rules = anju_fee_rules_load_file (path, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "accepted");
      g_assert_null (rules);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_unlink (path);
    }

  /* The file's name must be its city code. */
  {
    g_autofree char *path = write_variant (dir, "\"province\"", "\"province_name\"");
    g_autofree char *renamed = g_build_filename (dir, "elsewhere.json", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(AnjuFeeRules) ok = anju_fee_rules_load_file (path, NULL);

    g_assert_nonnull (ok);
    g_assert_cmpint (g_rename (path, renamed), ==, 0);
    g_assert_null (anju_fee_rules_load_file (renamed, &error));
    g_assert_nonnull (strstr (error->message, ": city: "));
    g_unlink (renamed);
  }
  anju_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fees/deed-tax", test_fees_deed_tax);
  g_test_add_func ("/fees/inputs", test_fees_inputs);
  g_test_add_func ("/fees/down-payment-and-rates", test_fees_down_payment_and_rates);
  g_test_add_func ("/fees/refused", test_fees_refused);
  g_test_add_func ("/fees/city-names", test_fees_city_names);
  g_test_add_func ("/fees/malformed", test_fees_malformed);
  return g_test_run ();
}
