/* anju-projects.c — projects, buildings and units: commands and queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-format.h"
#include "anju-json.h"
#include "anju-projects.h"
#include "anju-segmentation.h"

/* Bounds that catch a slip of the keyboard (an area typed in mm², a price
 * in fen typed twice), far beyond any real residential project. */
#define MAX_FLOORS           200
#define MAX_UNITS_PER_FLOOR  64
#define MAX_AREA             10000000                          /* 100,000.00 m² */
#define MAX_PRICE            G_GINT64_CONSTANT (1000000000000)  /* ¥10,000,000,000.00 */

void
anju_project_free (AnjuProject *project)
{
  if (project == NULL)
    return;
  g_free (project->id);
  g_free (project->name);
  g_free (project->city);
  g_free (project->developer);
  g_free (project->address);
  g_free (project->hotline);
  g_free (project->segmentation_model);
  g_free (project);
}

#define PROJECT_COLUMNS "id, name, city, developer, address, hotline, segmentation_model"

static AnjuProject *
project_from_stmt (sqlite3_stmt *stmt)
{
  AnjuProject *project = g_new0 (AnjuProject, 1);

  project->id = anju_stmt_dup_text (stmt, 0);
  project->name = anju_stmt_dup_text (stmt, 1);
  project->city = anju_stmt_dup_text (stmt, 2);
  project->developer = anju_stmt_dup_text (stmt, 3);
  project->address = anju_stmt_dup_text (stmt, 4);
  project->hotline = anju_stmt_dup_text (stmt, 5);
  project->segmentation_model = anju_stmt_dup_text (stmt, 6);
  return project;
}

GPtrArray *
anju_projects_list (AnjuStore  *store,
                    GError    **error)
{
  g_autoptr(GPtrArray) projects =
    g_ptr_array_new_with_free_func ((GDestroyNotify)anju_project_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ANJU_IS_STORE (store), NULL);

  if (!(stmt = anju_store_prepare (store,
          "SELECT " PROJECT_COLUMNS " FROM projects ORDER BY name, id", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (projects, project_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&projects);
}

gboolean
anju_project_count_units (AnjuStore   *store,
                          const char  *id,
                          gint64      *n_buildings,
                          gint64      *n_units,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ANJU_IS_STORE (store), FALSE);

  if (!(stmt = anju_store_prepare (store,
          "SELECT (SELECT count(*) FROM buildings WHERE project_id = ?1), "
          "       (SELECT count(*) FROM units u JOIN buildings b ON b.id = u.building_id "
          "         WHERE b.project_id = ?1)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      anju_store_set_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *n_buildings = sqlite3_column_int64 (stmt, 0);
  *n_units = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

AnjuProject *
anju_project_lookup (AnjuStore  *store,
                     const char *id)
{
  sqlite3_stmt *stmt;
  AnjuProject *project = NULL;

  g_return_val_if_fail (ANJU_IS_STORE (store), NULL);

  if (id == NULL ||
      !(stmt = anju_store_prepare (store,
          "SELECT " PROJECT_COLUMNS " FROM projects WHERE id = ?", NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    project = project_from_stmt (stmt);
  sqlite3_reset (stmt);
  return project;
}

AnjuProject *
anju_project_lookup_or_first (AnjuStore  *store,
                              const char *id)
{
  sqlite3_stmt *stmt;
  AnjuProject *project = NULL;

  g_return_val_if_fail (ANJU_IS_STORE (store), NULL);

  if (id != NULL && *id != '\0' && (project = anju_project_lookup (store, id)) != NULL)
    return project;
  if (!(stmt = anju_store_prepare (store,
          "SELECT " PROJECT_COLUMNS " FROM projects ORDER BY name, id LIMIT 1", NULL)))
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    project = project_from_stmt (stmt);
  sqlite3_reset (stmt);
  return project;
}

/* --- shared checks ------------------------------------------------------ */

static void
set_subject (AnjuCommandContext *ctx,
             const char         *kind,
             const char         *id)
{
  g_autofree char *subject = g_strconcat (kind, ":", id, NULL);

  anju_command_context_set_subject (ctx, subject);
}

/* Reads a text member, trimmed, as a new string; "" counts as absent. */
static gboolean
get_text (JsonObject  *payload,
          const char  *field,
          gboolean     required,
          glong        max_chars,
          const char  *label,
          char       **out,
          GError     **error)
{
  const char *value = NULL;
  g_autofree char *trimmed = NULL;

  if (!anju_payload_get_string (payload, field, required, &value, error))
    return FALSE;
  if (value != NULL)
    trimmed = g_strstrip (g_strdup (value));
  if (trimmed != NULL && trimmed[0] == '\0')
    g_clear_pointer (&trimmed, g_free);
  if (trimmed != NULL && g_utf8_strlen (trimmed, -1) > max_chars)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("%s is longer than %ld characters. Shorten it."), label, max_chars);
      return FALSE;
    }
  *out = g_steal_pointer (&trimmed);
  return TRUE;
}

/* A whole number in [min, max]; @sentence says what is wrong with it. */
static gboolean
get_int_in_range (JsonObject  *payload,
                  const char  *field,
                  gint64       min,
                  gint64       max,
                  gint64      *out,
                  const char  *sentence,
                  GError     **error)
{
  if (!anju_payload_get_int (payload, field, TRUE, out, error))
    return FALSE;
  if (*out < min || *out > max)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field, "%s", sentence);
      return FALSE;
    }
  return TRUE;
}

/* A hotline as people write it: digits with spaces, dashes, a leading + or
 * brackets ("0571-8888 6666", "400-820-1234", "+86 571 8888 6666"). */
static gboolean
is_phone_number (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')' && !(*p == '+' && p == text))
        return FALSE;
    }
  return digits >= 5 && digits <= 15;
}

/* --- project.create ----------------------------------------------------- */

/* A segmentation model Anju has, or a refusal naming the ones it has. */
static gboolean
check_model (const char  *model_id,
             GError     **error)
{
  g_autoptr(GString) known = NULL;
  GPtrArray *models;

  if (anju_segment_model_lookup (model_id) != NULL)
    return TRUE;
  known = g_string_new (NULL);
  models = anju_segment_models_get_all (NULL);
  for (guint i = 0; models != NULL && i < models->len; i++)
    g_string_append_printf (known, "%s%s", known->len ? ", " : "",
                            anju_segment_model_get_id (g_ptr_array_index (models, i)));
  anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "segmentation_model",
                       _("“%s” is not a segmentation model Anju has. Choose one of: %s."),
                       model_id, known->len ? known->str : _("none installed"));
  return FALSE;
}

static gboolean
apply_project_create (AnjuCommandContext  *ctx,
                      JsonObject          *payload,
                      GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *name = NULL, *city = NULL, *developer = NULL, *address = NULL;
  g_autofree char *hotline = NULL, *model_id = NULL, *id = NULL;
  sqlite3_stmt *stmt;
  gboolean taken;

  if (!get_text (payload, "name", TRUE, 60, _("The project name"), &name, error) ||
      !get_text (payload, "city", FALSE, 30, _("The city"), &city, error) ||
      !get_text (payload, "developer", FALSE, 100, _("The developer"), &developer, error) ||
      !get_text (payload, "address", FALSE, 200, _("The address"), &address, error) ||
      !get_text (payload, "hotline", FALSE, 30, _("The hotline"), &hotline, error) ||
      !get_text (payload, "segmentation_model", FALSE, 40, _("The segmentation model"),
                 &model_id, error))
    return FALSE;
  if (model_id == NULL)
    model_id = g_strdup ("vanke");

  if (hotline != NULL && !is_phone_number (hotline))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "hotline",
                           _("“%s” is not a telephone number. Write it with digits, spaces and dashes, such as 0571-8888 6666."),
                           hotline);
      return FALSE;
    }
  if (!check_model (model_id, error))
    return FALSE;

  if (!(stmt = anju_store_prepare (store, "SELECT 1 FROM projects WHERE name = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (taken)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_DUPLICATE, "name",
                           _("There is already a project named “%s”. Choose another name."), name);
      return FALSE;
    }
  if (!anju_command_context_take_new_id (ctx, payload, "project_id", "projects", &id, error))
    return FALSE;

  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO projects (id, name, city, developer, address, hotline, segmentation_model, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, city);
  anju_stmt_bind_text_or_null (stmt, 4, developer);
  anju_stmt_bind_text_or_null (stmt, 5, address);
  anju_stmt_bind_text_or_null (stmt, 6, hotline);
  sqlite3_bind_text (stmt, 7, model_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;

  anju_command_context_touch (ctx, "projects", id);
  set_subject (ctx, "project", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "project_id", id);
  return TRUE;
}

/* --- project.set_model ---------------------------------------------------- */

/* A project changes its segmentation model (万科 ↔ Pulte …). The segments
 * recorded on its customers name segments of the old model: a segment the
 * new model also has stays; every other one is replaced by what the new
 * model's rules suggest from the customer's profile (none when the profile
 * says too little), and a consultant chooses again where they disagree. */
typedef struct
{
  char       *id;
  const char *segment;   /* owned by the model */
} Resegment;

static void
resegment_free (gpointer data)
{
  Resegment *r = data;

  g_free (r->id);
  g_free (r);
}

static gboolean
apply_project_set_model (AnjuCommandContext  *ctx,
                         JsonObject          *payload,
                         GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuProject) project = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (resegment_free);
  g_autoptr(AnjuProject) first = NULL;
  g_autofree char *model_id = NULL;
  const char *project_id;
  AnjuSegmentModel *model;
  sqlite3_stmt *stmt;
  int rc;

  if (!anju_payload_get_string (payload, "project_id", TRUE, &project_id, error) ||
      !get_text (payload, "segmentation_model", TRUE, 40, _("The segmentation model"), &model_id, error) ||
      !check_model (model_id, error))
    return FALSE;
  if (!(project = anju_project_lookup (store, project_id)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "project_id",
                           _("There is no project with this id. Choose the project from the list."));
      return FALSE;
    }
  if (g_strcmp0 (project->segmentation_model, model_id) == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "segmentation_model",
                           _("%s already uses this segmentation model."), project->name);
      return FALSE;
    }
  model = anju_segment_model_lookup (model_id);
  first = anju_project_lookup_or_first (store, NULL);

  /* Customers without a project belong to the first one. */
  if (!(stmt = anju_store_prepare (store,
          "SELECT id, segment, profile FROM customers "
          "WHERE segment IS NOT NULL AND (project_id = ?1 OR (project_id IS NULL AND ?2))", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, project->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, first != NULL && g_str_equal (first->id, project->id));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *segment = (const char *) sqlite3_column_text (stmt, 1);
      const char *profile_text = (const char *) sqlite3_column_text (stmt, 2);
      g_autoptr(JsonNode) profile = NULL;
      Resegment *r;

      if (anju_segment_model_has_segment (model, segment))
        continue;
      r = g_new0 (Resegment, 1);
      r->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      profile = profile_text ? anju_json_parse (profile_text, strlen (profile_text), NULL) : NULL;
      if (profile != NULL && JSON_NODE_HOLDS_OBJECT (profile))
        r->segment = anju_segment_model_suggest (model, json_node_get_object (profile));
      g_ptr_array_add (changed, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return FALSE;
    }
  for (guint i = 0; i < changed->len; i++)
    {
      Resegment *r = g_ptr_array_index (changed, i);

      if (!(stmt = anju_store_prepare (store,
              "UPDATE customers SET segment = ?, segment_source = ? WHERE id = ?", error)))
        return FALSE;
      anju_stmt_bind_text_or_null (stmt, 1, r->segment);
      anju_stmt_bind_text_or_null (stmt, 2, r->segment ? "suggested" : NULL);
      sqlite3_bind_text (stmt, 3, r->id, -1, SQLITE_TRANSIENT);
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "customers", r->id);
    }

  if (!(stmt = anju_store_prepare (store,
          "UPDATE projects SET segmentation_model = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, model_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, project->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "projects", project->id);
  set_subject (ctx, "project", project->id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "segmentation_model", model_id);
  json_object_set_int_member (anju_command_context_get_result (ctx), "segments_changed", changed->len);
  return TRUE;
}

/* --- building.create ---------------------------------------------------- */

static gboolean
apply_building_create (AnjuCommandContext  *ctx,
                       JsonObject          *payload,
                       GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *project_id;
  gint64 floors, units_per_floor;
  g_autoptr(AnjuProject) project = NULL;
  g_autofree char *id = NULL, *name = NULL;
  g_autofree char *floors_sentence = NULL, *units_sentence = NULL;
  sqlite3_stmt *stmt;
  gboolean taken;

  floors_sentence = g_strdup_printf (_("A building has from 1 to %d floors above ground. Check the number of floors."),
                                     MAX_FLOORS);
  units_sentence = g_strdup_printf (_("A floor has from 1 to %d units. Check the units per floor."),
                                    MAX_UNITS_PER_FLOOR);
  if (!anju_payload_get_string (payload, "project_id", TRUE, &project_id, error) ||
      !get_text (payload, "name", TRUE, 20, _("The building name"), &name, error) ||
      !get_int_in_range (payload, "floors", 1, MAX_FLOORS, &floors, floors_sentence, error) ||
      !get_int_in_range (payload, "units_per_floor", 1, MAX_UNITS_PER_FLOOR, &units_per_floor,
                         units_sentence, error))
    return FALSE;

  if (!(project = anju_project_lookup (store, project_id)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "project_id",
                           _("There is no project with this id. Choose the project from the list."));
      return FALSE;
    }

  if (!(stmt = anju_store_prepare (store,
          "SELECT 1 FROM buildings WHERE project_id = ? AND name = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, project->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (taken)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_DUPLICATE, "name",
                           _("%s already has a building named “%s”. Choose another name."),
                           project->name, name);
      return FALSE;
    }
  if (!anju_command_context_take_new_id (ctx, payload, "building_id", "buildings", &id, error))
    return FALSE;

  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO buildings (id, project_id, name, floors, units_per_floor) "
          "VALUES (?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, project->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, floors);
  sqlite3_bind_int64 (stmt, 5, units_per_floor);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;

  anju_command_context_touch (ctx, "buildings", id);
  set_subject (ctx, "building", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "building_id", id);
  return TRUE;
}

/* --- unit.create -------------------------------------------------------- */

typedef struct
{
  char   *name;
  gint64  floors;
  gint64  units_per_floor;
} BuildingInfo;

static gboolean
load_building (AnjuStore    *store,
               const char   *id,
               BuildingInfo *out,
               GError      **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT name, floors, units_per_floor FROM buildings WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    {
      out->name = anju_stmt_dup_text (stmt, 0);
      out->floors = sqlite3_column_int64 (stmt, 1);
      out->units_per_floor = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (!found)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "building_id",
                         _("There is no building with this id. Choose the building from the list."));
  return found;
}

/* Unit numbers as printed on the board: "1502", "A-301", "12B". */
static gboolean
is_unit_number (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > 12)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
apply_unit_create (AnjuCommandContext  *ctx,
                   JsonObject          *payload,
                   GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *building_id;
  g_autofree char *number = NULL, *layout = NULL, *orientation = NULL;
  gint64 floor, gross_area, inner_area, list_price, on_floor;
  BuildingInfo building = { NULL, 0, 0 };
  g_autofree char *id = NULL;
  g_autofree char *area_sentence = NULL, *price_sentence = NULL, *max_price = NULL;
  sqlite3_stmt *stmt;
  gboolean taken, ok = FALSE;

  area_sentence = g_strdup_printf (_("Areas are whole hundredths of a square metre, more than 0 and at most %d (8950 is 89.50 m²)."),
                                   MAX_AREA);
  max_price = anju_format_money (MAX_PRICE);
  price_sentence = g_strdup_printf (_("The list price is a whole number of fen, more than 0 and at most %s."),
                                    max_price);
  if (!anju_payload_get_string (payload, "building_id", TRUE, &building_id, error) ||
      !anju_payload_get_int (payload, "floor", TRUE, &floor, error) ||
      !get_text (payload, "number", TRUE, 12, _("The unit number"), &number, error) ||
      !get_text (payload, "layout", TRUE, 40, _("The layout"), &layout, error) ||
      !get_text (payload, "orientation", FALSE, 20, _("The orientation"), &orientation, error) ||
      !get_int_in_range (payload, "gross_area", 1, MAX_AREA, &gross_area, area_sentence, error) ||
      !get_int_in_range (payload, "inner_area", 1, MAX_AREA, &inner_area, area_sentence, error) ||
      !get_int_in_range (payload, "list_price", 1, MAX_PRICE, &list_price, price_sentence, error))
    return FALSE;

  if (!is_unit_number (number))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "number",
                           _("“%s” cannot be a unit number: use up to 12 letters, digits or dashes, such as 1502."),
                           number);
      return FALSE;
    }
  if (inner_area > gross_area)
    {
      g_autofree char *inner = anju_format_area (inner_area);
      g_autofree char *gross = anju_format_area (gross_area);

      /* Gross area is the inner area plus a share of the common parts. */
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "inner_area",
                           _("The inner area (%s) cannot be larger than the gross area (%s). Check both figures."),
                           inner, gross);
      return FALSE;
    }
  if (!load_building (store, building_id, &building, error))
    return FALSE;

  if (floor < 1 || floor > building.floors)
    {
      g_autofree char *asked = g_strdup_printf ("%" G_GINT64_FORMAT, floor);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "floor",
                           _("Building %s has floors 1 to %d; there is no floor %s."),
                           building.name, (int)building.floors, asked);
      goto out;
    }

  if (!(stmt = anju_store_prepare (store,
          "SELECT 1 FROM units WHERE building_id = ? AND number = ?", error)))
    goto out;
  sqlite3_bind_text (stmt, 1, building_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (taken)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_DUPLICATE, "number",
                           _("Building %s already has a unit %s. Check the unit number."),
                           building.name, number);
      goto out;
    }

  /* The sales board draws floors × units per floor; more would not fit. */
  if (!(stmt = anju_store_prepare (store,
          "SELECT count(*) FROM units WHERE building_id = ? AND floor = ?", error)))
    goto out;
  sqlite3_bind_text (stmt, 1, building_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, floor);
  on_floor = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (on_floor >= building.units_per_floor)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "floor",
                           _("Floor %d of building %s already has its %d units. Check the floor, or change the building's units per floor."),
                           (int)floor, building.name, (int)building.units_per_floor);
      goto out;
    }

  if (!anju_command_context_take_new_id (ctx, payload, "unit_id", "units", &id, error))
    goto out;
  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO units (id, building_id, floor, number, layout, orientation, "
          "gross_area, inner_area, list_price) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    goto out;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, building_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, floor);
  sqlite3_bind_text (stmt, 4, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, layout, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 6, orientation);
  sqlite3_bind_int64 (stmt, 7, gross_area);
  sqlite3_bind_int64 (stmt, 8, inner_area);
  sqlite3_bind_int64 (stmt, 9, list_price);
  if (!anju_store_step_done (store, stmt, error))
    goto out;

  anju_command_context_touch (ctx, "units", id);
  set_subject (ctx, "unit", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "unit_id", id);
  ok = TRUE;

out:
  g_free (building.name);
  return ok;
}

static const AnjuCommandSpec project_commands[] = {
  { "project.create", ANJU_ROLE_ADMIN, ANJU_COMMAND_FLAG_NONE, apply_project_create,
    "project_id:string? name:string city:string? developer:string? address:string? "
    "hotline:string? segmentation_model:string?" },
  { "project.set_model", ANJU_ROLE_ADMIN, ANJU_COMMAND_FLAG_NONE, apply_project_set_model,
    "project_id:string segmentation_model:string" },
  { "building.create", ANJU_ROLE_ADMIN | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE, apply_building_create,
    "building_id:string? project_id:string name:string floors:integer units_per_floor:integer" },
  { "unit.create", ANJU_ROLE_ADMIN | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE, apply_unit_create,
    "unit_id:string? building_id:string floor:integer number:string layout:string "
    "orientation:string? gross_area:integer inner_area:integer list_price:integer" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const projects_topic_tables[] = { "projects", "buildings", NULL };

void
anju_projects_register_commands (void)
{
  anju_topic_declare ("projects", projects_topic_tables);
  anju_commands_register (project_commands, G_N_ELEMENTS (project_commands));
}
