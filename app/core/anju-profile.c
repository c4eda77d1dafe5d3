/* anju-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-format.h"
#include "anju-money.h"
#include "anju-profile.h"

static const AnjuProfileChoice age_bands[] = {
  { "under_25", N_("Under 25") },
  { "25_34", N_("25–34") },
  { "35_44", N_("35–44") },
  { "45_54", N_("45–54") },
  { "55_64", N_("55–64") },
  { "65_plus", N_("65 and over") },
  { NULL, NULL },
};

static const AnjuProfileChoice education[] = {
  { "secondary", N_("Secondary school") },
  { "college", N_("College") },
  { "bachelor", N_("Bachelor") },
  { "postgraduate", N_("Postgraduate") },
  { NULL, NULL },
};

/* Household income a year, the payment-capacity axis of the Pulte model. */
static const AnjuProfileChoice income_bands[] = {
  { "low", N_("Low (under ¥200,000 a year)") },
  { "medium", N_("Medium (¥200,000–600,000 a year)") },
  { "high", N_("High (over ¥600,000 a year)") },
  { NULL, NULL },
};

static const AnjuProfileChoice life_stages[] = {
  { "single_young", N_("Young single") },
  { "single_mature", N_("Mature single") },
  { "couple_no_children", N_("Couple without children") },
  { "couple_baby", N_("Couple with a baby") },
  { "family_young_children", N_("Family with children under 12") },
  { "family_teen_children", N_("Family with teenage children") },
  { "single_parent", N_("Single parent") },
  { "three_generations", N_("Three generations") },
  { "empty_nest", N_("Empty nest") },
  { "retired", N_("Retired") },
  { NULL, NULL },
};

static const AnjuProfileChoice marital[] = {
  { "single", N_("Single") },
  { "married", N_("Married") },
  { "divorced", N_("Divorced") },
  { "widowed", N_("Widowed") },
  { NULL, NULL },
};

static const AnjuProfileChoice earners[] = {
  { "one", N_("One income") },
  { "two", N_("Two incomes") },
  { NULL, NULL },
};

static const AnjuProfileChoice housing[] = {
  { "renting", N_("Renting") },
  { "with_parents", N_("Living with parents") },
  { "own_small", N_("Owns a small home") },
  { "own_large", N_("Owns a large home") },
  { "company", N_("Company housing") },
  { NULL, NULL },
};

static const AnjuProfileChoice levels[] = {
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
  { NULL, NULL },
};

static const AnjuProfileChoice importance[] = {
  { "minor", N_("Minor") },
  { "important", N_("Important") },
  { "decisive", N_("Decisive") },
  { NULL, NULL },
};

static const AnjuProfileChoice values[] = {
  { "practical", N_("Practical, value for money") },
  { "education", N_("Children's education first") },
  { "status", N_("Status and prestige") },
  { "health", N_("Health and leisure") },
  { "career", N_("Career and convenience") },
  { NULL, NULL },
};

static const AnjuProfileDimension dimensions[] = {
  /* basic 基本状况 */
  { "family_members", ANJU_PROFILE_GROUP_BASIC, ANJU_PROFILE_KIND_COUNT, N_("Family members"), NULL },
  { "children", ANJU_PROFILE_GROUP_BASIC, ANJU_PROFILE_KIND_COUNT, N_("Children"), NULL, 20 },
  { "age_band", ANJU_PROFILE_GROUP_BASIC, ANJU_PROFILE_KIND_CHOICE, N_("Age"), age_bands },
  { "education", ANJU_PROFILE_GROUP_BASIC, ANJU_PROFILE_KIND_CHOICE, N_("Education"), education },
  { "income_band", ANJU_PROFILE_GROUP_BASIC, ANJU_PROFILE_KIND_CHOICE, N_("Household income"), income_bands },
  { "earners", ANJU_PROFILE_GROUP_BASIC, ANJU_PROFILE_KIND_CHOICE, N_("Earners"), earners },
  { "occupation", ANJU_PROFILE_GROUP_BASIC, ANJU_PROFILE_KIND_TEXT, N_("Occupation"), NULL },
  { "life_stage", ANJU_PROFILE_GROUP_BASIC, ANJU_PROFILE_KIND_CHOICE, N_("Life stage"), life_stages },
  { "marital_status", ANJU_PROFILE_GROUP_BASIC, ANJU_PROFILE_KIND_CHOICE, N_("Marital status"), marital },
  { "values", ANJU_PROFILE_GROUP_BASIC, ANJU_PROFILE_KIND_CHOICE, N_("Values"), values },
  /* behaviour 客户行为 */
  { "visit_count", ANJU_PROFILE_GROUP_BEHAVIOUR, ANJU_PROFILE_KIND_COUNT, N_("Visits"), NULL },
  { "call_count", ANJU_PROFILE_GROUP_BEHAVIOUR, ANJU_PROFILE_KIND_COUNT, N_("Calls"), NULL },
  { "layout_preference", ANJU_PROFILE_GROUP_BEHAVIOUR, ANJU_PROFILE_KIND_TEXT, N_("Layout preference"), NULL },
  { "current_housing", ANJU_PROFILE_GROUP_BEHAVIOUR, ANJU_PROFILE_KIND_CHOICE, N_("Current housing"), housing },
  /* attitude 客户态度 */
  { "price_sensitivity", ANJU_PROFILE_GROUP_ATTITUDE, ANJU_PROFILE_KIND_CHOICE, N_("Price sensitivity"), levels },
  { "promotion_sensitivity", ANJU_PROFILE_GROUP_ATTITUDE, ANJU_PROFILE_KIND_CHOICE, N_("Promotion sensitivity"), levels },
  { "brand_loyalty", ANJU_PROFILE_GROUP_ATTITUDE, ANJU_PROFILE_KIND_CHOICE, N_("Brand loyalty"), levels },
  { "satisfaction", ANJU_PROFILE_GROUP_ATTITUDE, ANJU_PROFILE_KIND_CHOICE, N_("Satisfaction"), levels },
  /* housing needs 房屋需求 */
  { "need_amenities_inside", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_CHOICE, N_("Amenities in the community"), importance },
  { "need_amenities_around", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_CHOICE, N_("Amenities around the community"), importance },
  { "need_property_management", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_CHOICE, N_("Property management"), importance },
  { "need_landscape", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_CHOICE, N_("Landscape"), importance },
  { "need_neighbours", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_CHOICE, N_("Neighbours"), importance },
  { "need_atmosphere", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_CHOICE, N_("Community atmosphere"), importance },
  { "need_reputation", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_CHOICE, N_("Reputation"), importance },
  { "location", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_TEXT, N_("Preferred location"), NULL },
  { "layout", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_TEXT, N_("Layout wanted"), NULL },
  { "area_wanted", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_AREA, N_("Area wanted"), NULL },
  { "budget_total", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_MONEY, N_("Budget, total"), NULL },
  { "budget_per_m2", ANJU_PROFILE_GROUP_NEEDS, ANJU_PROFILE_KIND_MONEY, N_("Budget per m²"), NULL },
};

/* What a count, an amount or an area may be at most when the dimension
 * sets no bound of its own. */
#define DEFAULT_MAX G_GINT64_CONSTANT (1000000000000000)

static const char *group_labels[] = {
  N_("Basic situation"),
  N_("Behaviour"),
  N_("Attitude"),
  N_("Housing needs"),
};

const AnjuProfileDimension *
anju_profile_get_dimensions (guint *n_dimensions)
{
  *n_dimensions = G_N_ELEMENTS (dimensions);
  return dimensions;
}

const AnjuProfileDimension *
anju_profile_lookup (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    if (g_strcmp0 (dimensions[i].key, key) == 0)
      return &dimensions[i];
  return NULL;
}

const char *
anju_profile_group_get_label (AnjuProfileGroup group)
{
  g_return_val_if_fail (group < ANJU_PROFILE_N_GROUPS, "");
  return _(group_labels[group]);
}

const char *
anju_profile_choice_get_label (const AnjuProfileDimension *dim,
                               const char                 *value)
{
  for (const AnjuProfileChoice *c = dim->choices; c && c->value; c++)
    if (g_strcmp0 (c->value, value) == 0)
      return _(c->label);
  return value;
}

gboolean
anju_profile_validate (JsonObject  *profile,
                       GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (profile);

  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      const AnjuProfileDimension *dim = anju_profile_lookup (key);
      JsonNode *node = json_object_get_member (profile, key);
      g_autofree char *field = g_strconcat ("profile.", key, NULL);
      gboolean found = FALSE;

      if (dim == NULL)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                               _("The profile has no dimension “%s”."), key);
          return FALSE;
        }
      if (JSON_NODE_HOLDS_NULL (node))
        continue;   /* null clears a dimension */
      switch (dim->kind)
        {
        case ANJU_PROFILE_KIND_CHOICE:
          if (json_node_get_value_type (node) == G_TYPE_STRING)
            for (const AnjuProfileChoice *c = dim->choices; c->value; c++)
              found |= g_str_equal (c->value, json_node_get_string (node));
          if (!found)
            {
              g_autoptr(GString) allowed = g_string_new (NULL);
              for (const AnjuProfileChoice *c = dim->choices; c->value; c++)
                g_string_append_printf (allowed, "%s%s", allowed->len ? ", " : "", c->value);
              anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                                   _("%s must be one of: %s."), _(dim->label), allowed->str);
              return FALSE;
            }
          break;
        case ANJU_PROFILE_KIND_COUNT:
        case ANJU_PROFILE_KIND_MONEY:
        case ANJU_PROFILE_KIND_AREA:
          if (json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0 ||
              json_node_get_int (node) > anju_profile_dimension_get_max (dim))
            {
              if (dim->max > 0)
                anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                                     /* Translators: %s is a profile field such as “Children” */
                                     _("%s must be a whole number from 0 to %lld."), _(dim->label),
                                     (long long)dim->max);
              else
                anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                                     _("%s must be a whole number, zero or more."), _(dim->label));
              return FALSE;
            }
          break;
        case ANJU_PROFILE_KIND_TEXT:
          if (json_node_get_value_type (node) != G_TYPE_STRING ||
              g_utf8_strlen (json_node_get_string (node), -1) > 200)
            {
              anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                                   _("%s must be text of at most 200 characters."), _(dim->label));
              return FALSE;
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

gint64
anju_profile_dimension_get_max (const AnjuProfileDimension *dim)
{
  g_return_val_if_fail (dim != NULL, 0);

  return dim->max > 0 ? dim->max : DEFAULT_MAX;
}

gboolean
anju_profile_parse_text (const AnjuProfileDimension  *dim,
                         const char                  *text,
                         JsonNode                   **out,
                         GError                     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *field = NULL;
  g_autoptr(JsonObject) check = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 number = 0;

  g_return_val_if_fail (dim != NULL && text != NULL && out != NULL, FALSE);

  field = g_strconcat ("profile.", dim->key, NULL);
  switch (dim->kind)
    {
    case ANJU_PROFILE_KIND_CHOICE:
    case ANJU_PROFILE_KIND_TEXT:
      node = json_node_init_string (json_node_alloc (), text);
      break;

    case ANJU_PROFILE_KIND_COUNT:
      if (!g_ascii_string_to_signed (text, 10, 0, anju_profile_dimension_get_max (dim), &number, NULL))
        {
          if (dim->max > 0)
            anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                                 _("%s must be a whole number from 0 to %lld."), _(dim->label),
                                 (long long)dim->max);
          else
            anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                                 /* Translators: %s is a profile field such as “Children” */
                                 _("%s must be a whole number such as 3."), _(dim->label));
          return FALSE;
        }
      node = json_node_init_int (json_node_alloc (), number);
      break;

    case ANJU_PROFILE_KIND_MONEY:
      if (!anju_money_parse (text, &number, &local_error) || number < 0)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                               /* Translators: %s is a profile field such as “Budget, total” */
                               _("%s must be an amount in yuan such as 1500000 or 1,500,000.00."),
                               _(dim->label));
          return FALSE;
        }
      node = json_node_init_int (json_node_alloc (), number);
      break;

    case ANJU_PROFILE_KIND_AREA:
      if (!anju_area_parse (text, &number, &local_error))
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                               /* Translators: %s is a profile field such as “Area wanted” */
                               _("%s must be an area in m² such as 89.5."), _(dim->label));
          return FALSE;
        }
      node = json_node_init_int (json_node_alloc (), number);
      break;

    default:
      g_assert_not_reached ();
    }

  /* The same checks as a saved profile gets, so typing and saving agree. */
  check = json_object_new ();
  json_object_set_member (check, dim->key, json_node_copy (node));
  if (!anju_profile_validate (check, error))
    return FALSE;
  *out = g_steal_pointer (&node);
  return TRUE;
}
