/* anju-fees.h — the buyer's taxes and fees, from per-city data files
 *
 * Every rate and amount comes from a file data/fees/CITY.json (format in
 * docs/money.md and data/fees/README.md); nothing here is a constant of
 * the law. Each rule is a list of versions with an "effective_from" date;
 * the version in force on the query's date applies. A date before a
 * rule's first version is refused (field "date").
 *
 * What is computed, each amount rounded half up to the fen once:
 *   deed tax 契税        = tax base × the rate for the home number and the
 *                          gross area: up to and including the area limit
 *                          (140.00 m² from 2024-12-01: exactly 140.00 is
 *                          "up to") or above it; third home and beyond one
 *                          rate. The tax base is an explicit input.
 *   registration fee     = the per-unit amount (80.00 for a home)
 *   stamp duty           = price × rate (0 for individuals buying a home)
 *   maintenance fund     = gross area × amount per m², or price × rate:
 *                          the project's setting, else the city's
 *   notary fee           = the per-case amount, only when notarised
 *   total                = the sum of the five
 * The file also gives the legal minimum down payment per home number.
 */
#pragma once

#include <glib.h>

#include "anju-loan.h"
#include "anju-money.h"

G_BEGIN_DECLS

typedef enum
{
  ANJU_MAINTENANCE_PER_M2,     /* fen per m² of gross area */
  ANJU_MAINTENANCE_PERCENT,    /* a rate of the price */
} AnjuMaintenanceBasis;

typedef struct
{
  AnjuMaintenanceBasis basis;
  AnjuFen              per_m2;   /* PER_M2 */
  AnjuRate             rate;     /* PERCENT */
} AnjuMaintenanceFund;

typedef struct _AnjuFeeRules AnjuFeeRules;

/* Reads and checks one file. A malformed file is refused
 * (G_IO_ERROR_INVALID_DATA) with a message that starts with the file's
 * path and names the field: "…/hangzhou.json: deed_tax[1].third_home: …". */
AnjuFeeRules *anju_fee_rules_load_file   (const char   *path,
                                          GError      **error);
/* The rules of @city: a file's code ("hangzhou", its name without .json)
 * or one of its "names" ("杭州") in data/fees/; NULL or "": the only city
 * there is. Unknown (or NULL with several cities): ANJU_COMMAND_ERROR_NOT_FOUND,
 * field "city", naming the cities there are. */
AnjuFeeRules *anju_fee_rules_load        (const char   *city,
                                          GError      **error);
void          anju_fee_rules_free        (AnjuFeeRules *rules);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuFeeRules, anju_fee_rules_free)

const char   *anju_fee_rules_get_code    (const AnjuFeeRules *rules);
/* The city's first name ("杭州"). */
const char   *anju_fee_rules_get_name    (const AnjuFeeRules *rules);

typedef struct
{
  AnjuFen                    price;        /* the contract (approved) price, > 0 */
  AnjuFen                    tax_base;     /* the deed tax base, ≥ 0: explicit */
  gint64                     gross_area;   /* hundredths of m², > 0 */
  guint                      home_number;  /* 1, 2, or 3 for the third and beyond */
  const char                *date;         /* YYYY-MM-DD: the rules in force that day */
  const AnjuMaintenanceFund *maintenance;  /* NULL: the city's */
  gboolean                   notarised;    /* the lender or the deal needs a notary */
} AnjuFeeQuery;

typedef struct
{
  AnjuRate  deed_tax_rate;
  AnjuFen   deed_tax;
  AnjuFen   registration_fee;
  AnjuFen   stamp_duty;
  AnjuFen   maintenance_fund;
  AnjuFen   notary_fee;
  AnjuFen   total;
  AnjuRate  down_payment_min;      /* the legal minimum share of the price */
  char     *deed_tax_source;       /* the notice the deed tax rate comes from */
  char     *deed_tax_effective_from;
} AnjuFees;

void          anju_fees_clear            (AnjuFees *fees);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnjuFees, anju_fees_clear)

/* Refused (ANJU_COMMAND_ERROR_INVALID_FIELD) naming "price", "tax_base",
 * "area", "home_number" or "date". */
gboolean      anju_fees_compute          (const AnjuFeeRules  *rules,
                                          const AnjuFeeQuery  *query,
                                          AnjuFees            *fees,
                                          GError             **error);

typedef struct
{
  AnjuRate commercial;          /* a usual commercial mortgage rate (LPR + spread) */
  AnjuRate provident_first;     /* provident fund, first home, over 5 years */
  AnjuRate provident_second;    /* provident fund, second home */
} AnjuLoanRates;

/* The default loan rates in force on @date (YYYY-MM-DD) from the file's
 * "loan_rates"; refused (field "date") before the first version. */
gboolean      anju_fee_rules_get_loan_rates (const AnjuFeeRules  *rules,
                                             const char          *date,
                                             AnjuLoanRates       *rates,
                                             GError             **error);

/* Checks "YYYY-MM-DD" is a real date; refused naming @field. */
gboolean      anju_date_check            (const char  *date,
                                          const char  *field,
                                          GError     **error);

G_END_DECLS
