/* anju-fees.c — the buyer's taxes and fees, from per-city data files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "anju-command.h"
#include "anju-fees.h"
#include "anju-format.h"
#include "anju-paths.h"
#include "anju-policy.h"

/* Every version of every rule starts with this. */
typedef struct
{
  char *from;      /* YYYY-MM-DD */
  char *source;
} Version;

typedef struct
{
  Version  v;
  gint64   area_limit;           /* hundredths of m²: up to and including */
  AnjuRate first_up, first_above;
  AnjuRate second_up, second_above;
  AnjuRate third;
} DeedTaxVersion;

typedef struct
{
  Version v;
  AnjuFen amount;
} AmountVersion;

typedef struct
{
  Version  v;
  AnjuRate rate;
} RateVersion;

typedef struct
{
  Version             v;
  AnjuMaintenanceFund fund;
} MaintenanceVersion;

typedef struct
{
  Version  v;
  AnjuRate min[3];               /* first, second, third home and beyond */
} DownPaymentVersion;

typedef struct
{
  Version       v;
  AnjuLoanRates rates;
} LoanRatesVersion;

struct _AnjuFeeRules
{
  char   *path;
  char   *code;
  GStrv   names;
  GArray *deed_tax;              /* DeedTaxVersion */
  GArray *registration_fee;      /* AmountVersion */
  GArray *stamp_duty;            /* RateVersion */
  GArray *maintenance_fund;      /* MaintenanceVersion */
  GArray *notary_fee;            /* AmountVersion */
  GArray *down_payment;          /* DownPaymentVersion */
  GArray *loan_rates;            /* LoanRatesVersion */
};

/* --- reading a file ------------------------------------------------------ */

/* Where a reader is: the file and the version being read, for errors. */
typedef struct
{
  const char  *path;
  char        *where;      /* "deed_tax[1]" */
  JsonObject  *object;
} Reader;

static void
set_invalid (GError     **error,
             const char  *path,
             const char  *field,
             const char  *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
set_invalid (GError     **error,
             const char  *path,
             const char  *field,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s: %s", path, field, message);
}

/* The text at @key (dotted) of the reader's object, or NULL with @error. */
static const char *
read_text (Reader      *r,
           const char  *key,
           GError     **error)
{
  JsonNode *node = anju_policy_lookup_path (r->object, key);
  g_autofree char *field = g_strconcat (r->where, ".", key, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_invalid (error, r->path, field,
                   _("This field is missing or is not text. Write it as text in quotes, "
                     "as in the other versions."));
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
read_rate (Reader      *r,
           const char  *key,
           AnjuRate    *rate,
           GError     **error)
{
  const char *text = read_text (r, key, error);
  g_autoptr(GError) local_error = NULL;

  if (text == NULL)
    return FALSE;
  if (!anju_rate_parse (text, key, rate, &local_error) || *rate > ANJU_RATE_MAX)
    {
      g_autofree char *field = g_strconcat (r->where, ".", key, NULL);
      set_invalid (error, r->path, field,
                   _("“%s” is not a rate. Write a percentage between 0 and 36 with at most "
                     "three decimals, for example \"1.5\"."),
                   text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_amount (Reader      *r,
             const char  *key,
             AnjuFen     *amount,
             GError     **error)
{
  const char *text = read_text (r, key, error);

  if (text == NULL)
    return FALSE;
  if (!anju_money_parse (text, amount, NULL) || *amount < 0)
    {
      g_autofree char *field = g_strconcat (r->where, ".", key, NULL);
      set_invalid (error, r->path, field,
                   _("“%s” is not an amount. Write yuan with at most two decimals, for "
                     "example \"80.00\"."),
                   text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_area (Reader      *r,
           const char  *key,
           gint64      *area,
           GError     **error)
{
  const char *text = read_text (r, key, error);

  if (text == NULL)
    return FALSE;
  if (!anju_area_parse (text, area, NULL) || *area <= 0)
    {
      g_autofree char *field = g_strconcat (r->where, ".", key, NULL);
      set_invalid (error, r->path, field,
                   _("“%s” is not an area. Write square metres with at most two decimals, "
                     "for example \"140.00\"."),
                   text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_deed_tax (Reader   *r,
               gpointer  out,
               GError  **error)
{
  DeedTaxVersion *d = out;

  return read_area (r, "area_limit_m2", &d->area_limit, error) &&
         read_rate (r, "first_home.up_to_limit", &d->first_up, error) &&
         read_rate (r, "first_home.above_limit", &d->first_above, error) &&
         read_rate (r, "second_home.up_to_limit", &d->second_up, error) &&
         read_rate (r, "second_home.above_limit", &d->second_above, error) &&
         read_rate (r, "third_home", &d->third, error);
}

static gboolean
read_per_unit (Reader   *r,
               gpointer  out,
               GError  **error)
{
  return read_amount (r, "per_unit", &((AmountVersion *) out)->amount, error);
}

static gboolean
read_per_case (Reader   *r,
               gpointer  out,
               GError  **error)
{
  return read_amount (r, "per_case", &((AmountVersion *) out)->amount, error);
}

static gboolean
read_stamp_duty (Reader   *r,
                 gpointer  out,
                 GError  **error)
{
  return read_rate (r, "rate_percent", &((RateVersion *) out)->rate, error);
}

static gboolean
read_maintenance (Reader   *r,
                  gpointer  out,
                  GError  **error)
{
  AnjuMaintenanceFund *fund = &((MaintenanceVersion *) out)->fund;
  const char *basis = read_text (r, "basis", error);

  if (basis == NULL)
    return FALSE;
  if (g_str_equal (basis, "per_m2"))
    {
      fund->basis = ANJU_MAINTENANCE_PER_M2;
      return read_amount (r, "amount_per_m2", &fund->per_m2, error);
    }
  if (g_str_equal (basis, "percent"))
    {
      fund->basis = ANJU_MAINTENANCE_PERCENT;
      return read_rate (r, "rate_percent", &fund->rate, error);
    }
  {
    g_autofree char *field = g_strconcat (r->where, ".basis", NULL);
    set_invalid (error, r->path, field,
                 _("“%s” is not a basis. Write \"per_m2\" (with amount_per_m2) or "
                   "\"percent\" (with rate_percent)."),
                 basis);
  }
  return FALSE;
}

static gboolean
read_down_payment (Reader   *r,
                   gpointer  out,
                   GError  **error)
{
  DownPaymentVersion *d = out;

  return read_rate (r, "first_home_percent", &d->min[0], error) &&
         read_rate (r, "second_home_percent", &d->min[1], error) &&
         read_rate (r, "third_home_percent", &d->min[2], error);
}

static gboolean
read_loan_rates (Reader   *r,
                 gpointer  out,
                 GError  **error)
{
  AnjuLoanRates *rates = &((LoanRatesVersion *) out)->rates;

  return read_rate (r, "commercial", &rates->commercial, error) &&
         read_rate (r, "provident_first", &rates->provident_first, error) &&
         read_rate (r, "provident_second", &rates->provident_second, error);
}

typedef gboolean (*ReadVersion) (Reader *r, gpointer out, GError **error);

static void
clear_version (gpointer data)
{
  Version *v = data;

  g_free (v->from);
  g_free (v->source);
}

/* The rule @name of @root: a list of versions, each read by @read into
 * an element of @size bytes, effective_from dates strictly increasing. */
static GArray *
read_rule (const char   *path,
           JsonObject   *root,
           const char   *name,
           gsize         size,
           ReadVersion   read,
           GError      **error)
{
  JsonNode *node = json_object_get_member (root, name);
  g_autoptr(GArray) versions = g_array_new (FALSE, TRUE, size);
  JsonArray *array;

  g_array_set_clear_func (versions, clear_version);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) == 0)
    {
      set_invalid (error, path, name,
                   _("This rule is missing or has no version. Give a list of versions, "
                     "each with its effective_from date."));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("%s[%u]", name, i);
      Reader r = { path, where, NULL };
      const char *from;
      Version *v;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          set_invalid (error, path, where, _("A version must be an object in braces."));
          return NULL;
        }
      r.object = json_node_get_object (element);
      if (!(from = read_text (&r, "effective_from", error)))
        return NULL;
      if (!anju_date_check (from, "effective_from", NULL))
        {
          g_autofree char *field = g_strconcat (where, ".effective_from", NULL);
          set_invalid (error, path, field,
                       _("“%s” is not a date. Write it as YYYY-MM-DD."), from);
          return NULL;
        }
      g_array_set_size (versions, i + 1);
      v = (Version *) (versions->data + (gsize) i * size);
      if (i > 0 && strcmp (from, ((Version *) (versions->data + (gsize) (i - 1) * size))->from) <= 0)
        {
          g_autofree char *field = g_strconcat (where, ".effective_from", NULL);
          set_invalid (error, path, field,
                       _("The versions must be in order: %s is not after the one before. "
                         "List them oldest first."),
                       from);
          return NULL;
        }
      v->from = g_strdup (from);
      v->source = g_strdup (json_object_get_string_member_with_default (r.object, "source", ""));
      if (!read (&r, v, error))
        return NULL;
    }
  return g_steal_pointer (&versions);
}

void
anju_fee_rules_free (AnjuFeeRules *rules)
{
  if (rules == NULL)
    return;
  g_free (rules->path);
  g_free (rules->code);
  g_strfreev (rules->names);
  g_clear_pointer (&rules->deed_tax, g_array_unref);
  g_clear_pointer (&rules->registration_fee, g_array_unref);
  g_clear_pointer (&rules->stamp_duty, g_array_unref);
  g_clear_pointer (&rules->maintenance_fund, g_array_unref);
  g_clear_pointer (&rules->notary_fee, g_array_unref);
  g_clear_pointer (&rules->down_payment, g_array_unref);
  g_clear_pointer (&rules->loan_rates, g_array_unref);
  g_free (rules);
}

static GStrv
read_names (const char  *path,
            JsonObject  *root,
            GError     **error)
{
  JsonNode *node = json_object_get_member (root, "names");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) == 0)
    {
      set_invalid (error, path, "names",
                   _("Give the city's names as a list of text, for example [\"杭州\"]."));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_node_get_string (json_array_get_element (array, i));

      if (name == NULL || *name == '\0')
        {
          set_invalid (error, path, "names",
                       _("Give the city's names as a list of text, for example [\"杭州\"]."));
          return NULL;
        }
      g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

AnjuFeeRules *
anju_fee_rules_load_file (const char  *path,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AnjuFeeRules) rules = g_new0 (AnjuFeeRules, 1);
  g_autofree char *base = g_path_get_basename (path);
  JsonObject *root;
  const char *city;

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      set_invalid (error, path, "/", _("The file must hold one JSON object."));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  rules->path = g_strdup (path);
  city = json_object_get_string_member_with_default (root, "city", NULL);
  if (city == NULL || !g_str_has_suffix (base, ".json") ||
      strlen (city) != strlen (base) - strlen (".json") || strncmp (city, base, strlen (city)) != 0)
    {
      set_invalid (error, path, "city",
                   _("The city code must be text equal to the file's name without .json."));
      return NULL;
    }
  rules->code = g_strdup (city);
  if (!(rules->names = read_names (path, root, error)) ||
      !(rules->deed_tax = read_rule (path, root, "deed_tax", sizeof (DeedTaxVersion),
                                     read_deed_tax, error)) ||
      !(rules->registration_fee = read_rule (path, root, "registration_fee",
                                             sizeof (AmountVersion), read_per_unit, error)) ||
      !(rules->stamp_duty = read_rule (path, root, "stamp_duty", sizeof (RateVersion),
                                       read_stamp_duty, error)) ||
      !(rules->maintenance_fund = read_rule (path, root, "maintenance_fund",
                                             sizeof (MaintenanceVersion), read_maintenance,
                                             error)) ||
      !(rules->notary_fee = read_rule (path, root, "notary_fee", sizeof (AmountVersion),
                                       read_per_case, error)) ||
      !(rules->down_payment = read_rule (path, root, "down_payment",
                                         sizeof (DownPaymentVersion), read_down_payment,
                                         error)) ||
      !(rules->loan_rates = read_rule (path, root, "loan_rates", sizeof (LoanRatesVersion),
                                       read_loan_rates, error)))
    return NULL;
  return g_steal_pointer (&rules);
}

static gboolean
rules_match (const AnjuFeeRules *rules,
             const char         *city)
{
  return g_str_equal (rules->code, city) || g_strv_contains ((const char * const *) rules->names, city);
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

AnjuFeeRules *
anju_fee_rules_load (const char  *city,
                     GError     **error)
{
  g_autofree char *folder = anju_paths_build_data_file ("fees", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AnjuFeeRules) only = NULL;
  g_autofree char *list = NULL;
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(AnjuFeeRules) rules = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (!(rules = anju_fee_rules_load_file (path, error)))
        return NULL;
      if (city != NULL && *city != '\0' && rules_match (rules, city))
        return g_steal_pointer (&rules);
      g_ptr_array_add (known, g_strdup (rules->code));
      if (only == NULL)
        only = g_steal_pointer (&rules);
    }
  /* No city named: the one city there is. */
  if ((city == NULL || *city == '\0') && known->len == 1)
    return g_steal_pointer (&only);
  g_ptr_array_sort (known, compare_codes);
  g_ptr_array_add (known, NULL);
  list = g_strjoinv (", ", (char **) known->pdata);
  if (city == NULL || *city == '\0')
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "city",
                         _("Name the city whose taxes and fees apply: one of %s."), list);
  else
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "city",
                         _("There are no fee rules for the city “%s”. Give one of: %s, or add "
                           "a file to data/fees/."),
                         city, list);
  return NULL;
}

const char *
anju_fee_rules_get_code (const AnjuFeeRules *rules)
{
  return rules->code;
}

const char *
anju_fee_rules_get_name (const AnjuFeeRules *rules)
{
  return rules->names[0];
}

/* --- computing ----------------------------------------------------------- */

/* The version of @versions in force on @date, or NULL with @error. */
static gconstpointer
find_version (const AnjuFeeRules  *rules,
              GArray              *versions,
              const char          *date,
              GError             **error)
{
  const Version *found = NULL;
  gsize size = g_array_get_element_size (versions);

  for (guint i = 0; i < versions->len; i++)
    {
      const Version *v = (const Version *) (versions->data + (gsize) i * size);

      if (strcmp (v->from, date) <= 0)
        found = v;
    }
  if (found == NULL)
    anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "date",
                         _("The fee rules of %s start on %s; there is no rule for %s. Give a "
                           "later date, or add the older rule to the city's file."),
                         anju_fee_rules_get_name (rules),
                         ((const Version *) versions->data)->from, date);
  return found;
}

gboolean
anju_date_check (const char  *date,
                 const char  *field,
                 GError     **error)
{
  gboolean valid = date != NULL && strlen (date) == 10 && date[4] == '-' && date[7] == '-';

  for (guint i = 0; valid && i < 10; i++)
    valid = i == 4 || i == 7 || g_ascii_isdigit (date[i]);
  if (valid)
    valid = g_date_valid_dmy ((GDateDay) atoi (date + 8), (GDateMonth) atoi (date + 5),
                              (GDateYear) atoi (date));
  if (!valid)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("“%s” is not a date. Give it as YYYY-MM-DD, for example 2026-12-04."),
                           date ? date : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_query (const AnjuFeeQuery  *query,
             GError             **error)
{
  if (query->price <= 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "price",
                           _("The price must be more than zero. Give the contract price."));
      return FALSE;
    }
  if (query->tax_base < 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "tax_base",
                           _("The tax base cannot be negative. Give the amount the deed tax is "
                             "charged on, usually the price."));
      return FALSE;
    }
  if (query->gross_area <= 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "area",
                           _("The area must be more than zero. Give the gross area in square "
                             "metres."));
      return FALSE;
    }
  if (query->home_number < 1 || query->home_number > 3)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "home_number",
                           _("The home number must be 1 (first home), 2 (second) or 3 (third "
                             "and beyond)."));
      return FALSE;
    }
  return anju_date_check (query->date, "date", error);
}

static AnjuRate
deed_tax_rate (const DeedTaxVersion *d,
               guint                 home_number,
               gint64                gross_area)
{
  gboolean up_to = gross_area <= d->area_limit;

  switch (home_number)
    {
    case 1: return up_to ? d->first_up : d->first_above;
    case 2: return up_to ? d->second_up : d->second_above;
    default: return d->third;
    }
}

static AnjuFen
maintenance_amount (const AnjuMaintenanceFund *fund,
                    AnjuFen                    price,
                    gint64                     gross_area)
{
  if (fund->basis == ANJU_MAINTENANCE_PERCENT)
    return anju_rate_apply (price, fund->rate);
  /* hundredths of m² × fen per m² / 100 */
  return anju_money_round_div (gross_area * fund->per_m2, 100);
}

gboolean
anju_fees_compute (const AnjuFeeRules  *rules,
                   const AnjuFeeQuery  *query,
                   AnjuFees            *fees,
                   GError             **error)
{
  const DeedTaxVersion *deed;
  const AmountVersion *registration, *notary;
  const RateVersion *stamp;
  const MaintenanceVersion *maintenance;
  const DownPaymentVersion *down;

  if (!check_query (query, error) ||
      !(deed = find_version (rules, rules->deed_tax, query->date, error)) ||
      !(registration = find_version (rules, rules->registration_fee, query->date, error)) ||
      !(stamp = find_version (rules, rules->stamp_duty, query->date, error)) ||
      !(maintenance = find_version (rules, rules->maintenance_fund, query->date, error)) ||
      !(notary = find_version (rules, rules->notary_fee, query->date, error)) ||
      !(down = find_version (rules, rules->down_payment, query->date, error)))
    return FALSE;

  memset (fees, 0, sizeof *fees);
  fees->deed_tax_rate = deed_tax_rate (deed, query->home_number, query->gross_area);
  fees->deed_tax = anju_rate_apply (query->tax_base, fees->deed_tax_rate);
  fees->registration_fee = registration->amount;
  fees->stamp_duty = anju_rate_apply (query->price, stamp->rate);
  fees->maintenance_fund = maintenance_amount (query->maintenance ? query->maintenance
                                                                  : &maintenance->fund,
                                               query->price, query->gross_area);
  fees->notary_fee = query->notarised ? notary->amount : 0;
  fees->total = fees->deed_tax + fees->registration_fee + fees->stamp_duty +
                fees->maintenance_fund + fees->notary_fee;
  fees->down_payment_min = down->min[query->home_number - 1];
  fees->deed_tax_source = g_strdup (deed->v.source);
  fees->deed_tax_effective_from = g_strdup (deed->v.from);
  return TRUE;
}

void
anju_fees_clear (AnjuFees *fees)
{
  g_clear_pointer (&fees->deed_tax_source, g_free);
  g_clear_pointer (&fees->deed_tax_effective_from, g_free);
}

gboolean
anju_fee_rules_get_loan_rates (const AnjuFeeRules  *rules,
                               const char          *date,
                               AnjuLoanRates       *rates,
                               GError             **error)
{
  const LoanRatesVersion *v;

  if (!anju_date_check (date, "date", error) ||
      !(v = find_version (rules, rules->loan_rates, date, error)))
    return FALSE;
  *rates = v->rates;
  return TRUE;
}
