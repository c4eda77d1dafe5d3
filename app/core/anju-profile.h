/* anju-profile.h — the customer profile dimensions of the standard (SPEC §1)
 *
 * A profile is a JSON object of optional members, entered progressively.
 * This table says which members exist, their group, kind and — for
 * choices — the allowed values. Segmentation rules, the customer form and
 * validation all read it, so a dimension is defined once.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  ANJU_PROFILE_GROUP_BASIC,      /* 基本状况 */
  ANJU_PROFILE_GROUP_BEHAVIOUR,  /* 客户行为 */
  ANJU_PROFILE_GROUP_ATTITUDE,   /* 客户态度 */
  ANJU_PROFILE_GROUP_NEEDS,      /* 房屋需求 */
  ANJU_PROFILE_N_GROUPS,
} AnjuProfileGroup;

typedef enum
{
  ANJU_PROFILE_KIND_CHOICE,      /* one of the listed values */
  ANJU_PROFILE_KIND_COUNT,       /* whole number ≥ 0 */
  ANJU_PROFILE_KIND_TEXT,
  ANJU_PROFILE_KIND_MONEY,       /* fen */
  ANJU_PROFILE_KIND_AREA,        /* hundredths of m² */
} AnjuProfileKind;

typedef struct
{
  const char *value;
  const char *label;             /* N_() — translate with _() */
} AnjuProfileChoice;

typedef struct
{
  const char              *key;
  AnjuProfileGroup         group;
  AnjuProfileKind          kind;
  const char              *label;     /* N_() */
  const AnjuProfileChoice *choices;   /* NULL-terminated, for CHOICE */
  gint64                   max;       /* COUNT: the largest value; 0: no bound of its own */
} AnjuProfileDimension;

const AnjuProfileDimension *anju_profile_get_dimensions (guint      *n_dimensions);
const AnjuProfileDimension *anju_profile_lookup         (const char *key);
const char                 *anju_profile_group_get_label (AnjuProfileGroup group);
/* The translated label of @value in @dim, or @value itself. */
const char                 *anju_profile_choice_get_label (const AnjuProfileDimension *dim,
                                                           const char                 *value);

/* Checks every member of @profile against the table. On error names the
 * field as "profile.<key>". */
gboolean                    anju_profile_validate       (JsonObject  *profile,
                                                         GError     **error);

/* The largest value @dim (a count, money or area) accepts. */
gint64                      anju_profile_dimension_get_max (const AnjuProfileDimension *dim);

/* Reads @text as typed for @dim — a count ("3"), yuan ("1,500,000.00"),
 * an area in m² ("89.5") or text — into the JSON value the profile keeps,
 * checked as anju_profile_validate() checks it. On error names the field
 * as "profile.<key>" in a sentence that names the dimension. Screens call
 * it as the person types. */
gboolean                    anju_profile_parse_text     (const AnjuProfileDimension  *dim,
                                                         const char                  *text,
                                                         JsonNode                   **out,
                                                         GError                     **error);

G_END_DECLS
