/* anju-office.c — what the office's set-up page shows (管理)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "anju-command.h"
#include "anju-office.h"
#include "anju-policy.h"
#include "anju-price-lists.h"
#include "anju-pricing.h"
#include "anju-segmentation.h"

static void
office_building_free (AnjuOfficeBuilding *b)
{
  g_free (b->id);
  g_free (b->name);
  g_free (b);
}

static void
office_project_free (AnjuOfficeProject *p)
{
  anju_project_free (p->project);
  g_free (p->model_name);
  g_clear_pointer (&p->buildings, g_ptr_array_unref);
  g_free (p->price_imported_at);
  g_free (p);
}

static void
office_chain_step_free (AnjuOfficeChainStep *s)
{
  g_free (s->title);
  g_free (s->role_label);
  g_free (s);
}

void
anju_office_setup_free (AnjuOfficeSetup *setup)
{
  if (setup == NULL)
    return;
  g_clear_pointer (&setup->projects, g_ptr_array_unref);
  g_clear_pointer (&setup->people, g_ptr_array_unref);
  g_clear_pointer (&setup->chain, g_ptr_array_unref);
  g_free (setup->chain_problem);
  g_clear_pointer (&setup->model_ids, g_ptr_array_unref);
  g_clear_pointer (&setup->model_names, g_ptr_array_unref);
  g_free (setup);
}

static const AnjuRole roles[] = {
  ANJU_ROLE_CONSULTANT, ANJU_ROLE_MANAGER, ANJU_ROLE_FINANCE, ANJU_ROLE_ADMIN, ANJU_ROLE_NONE,
};

const AnjuRole *
anju_office_get_roles (void)
{
  return roles;
}

static GPtrArray *
list_buildings (AnjuStore   *store,
                const char  *project_id,
                GError     **error)
{
  g_autoptr(GPtrArray) buildings = g_ptr_array_new_with_free_func ((GDestroyNotify)office_building_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = anju_store_prepare (store,
          "SELECT b.id, b.name, b.floors, b.units_per_floor, "
          "       (SELECT count(*) FROM units u WHERE u.building_id = b.id) "
          "FROM buildings b WHERE b.project_id = ? ORDER BY b.name, b.id", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuOfficeBuilding *b = g_new0 (AnjuOfficeBuilding, 1);

      b->id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      b->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      b->floors = sqlite3_column_int64 (stmt, 2);
      b->units_per_floor = sqlite3_column_int64 (stmt, 3);
      b->units = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (buildings, b);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&buildings);
}

static AnjuOfficeProject *
load_project (AnjuStore    *store,
              AnjuProject  *project,
              GError      **error)
{
  g_autoptr(GPtrArray) versions = NULL;
  AnjuOfficeProject *p;
  AnjuSegmentModel *model = anju_segment_model_lookup (project->segmentation_model);
  gint64 n_buildings = 0, n_units = 0;
  GPtrArray *buildings;

  if (!(buildings = list_buildings (store, project->id, error)))
    return NULL;
  if (!anju_project_count_units (store, project->id, &n_buildings, &n_units, error) ||
      !(versions = anju_price_lists_list (store, project->id, error)))
    {
      g_ptr_array_unref (buildings);
      return NULL;
    }
  p = g_new0 (AnjuOfficeProject, 1);
  p->project = project;
  p->model_name = g_strdup (model ? anju_segment_model_get_name (model) : project->segmentation_model);
  p->buildings = buildings;
  p->units = n_units;
  if (versions->len > 0)
    {
      AnjuPriceList *latest = g_ptr_array_index (versions, 0);

      p->price_version = latest->version;
      p->price_imported_at = g_strdup (latest->imported_at);
    }
  return p;
}

static gboolean
load_chain (AnjuStore        *store,
            AnjuOfficeSetup  *setup,
            GError          **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(JsonObject) effective = NULL;
  g_autoptr(GError) problem = NULL;

  setup->chain = g_ptr_array_new_with_free_func ((GDestroyNotify)office_chain_step_free);
  if (setup->projects->len == 0)
    return TRUE;
  if (!(steps = anju_approval_chain_list (store, NULL, &problem)))
    {
      setup->chain_problem = g_strdup (problem->message);
      return TRUE;
    }
  for (guint i = 0; i < steps->len; i++)
    {
      const AnjuApprovalStep *s = g_ptr_array_index (steps, i);
      AnjuRole role = anju_role_from_string (s->role);
      g_autoptr(GPtrArray) people = anju_users_list (store, role, error);
      AnjuOfficeChainStep *step;

      if (people == NULL)
        return FALSE;
      step = g_new0 (AnjuOfficeChainStep, 1);
      step->step = s->step;
      step->title = g_strdup (s->title);
      step->role_label = g_strdup (anju_role_get_label (role));
      step->n_people = people->len;
      g_ptr_array_add (setup->chain, step);
    }
  /* the same check project.set_policy makes */
  if (!(effective = anju_policy_dup_effective (store, NULL, error)))
    return FALSE;
  if (!anju_policy_check_chain_people (store, effective, &problem))
    setup->chain_problem = g_strdup (problem->message);
  return TRUE;
}

AnjuOfficeSetup *
anju_office_dup_setup (AnjuStore       *store,
                       const AnjuUser  *actor,
                       GError         **error)
{
  g_autoptr(AnjuOfficeSetup) setup = g_new0 (AnjuOfficeSetup, 1);
  g_autoptr(GPtrArray) projects = NULL;
  GPtrArray *models;

  g_return_val_if_fail (ANJU_IS_STORE (store), NULL);

  if (!(projects = anju_projects_list (store, error)))
    return NULL;
  setup->projects = g_ptr_array_new_with_free_func ((GDestroyNotify)office_project_free);
  for (guint i = 0; i < projects->len; i++)
    {
      AnjuOfficeProject *p = load_project (store, g_ptr_array_index (projects, i), error);

      if (p == NULL)
        return NULL;
      /* @p owns the project now */
      projects->pdata[i] = NULL;
      g_ptr_array_add (setup->projects, p);
    }

  setup->people = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_user_free);
  for (const AnjuRole *r = roles; *r != ANJU_ROLE_NONE; r++)
    {
      g_autoptr(GPtrArray) people = anju_users_list (store, *r, error);

      if (people == NULL)
        return NULL;
      for (guint i = 0; i < people->len; i++)
        g_ptr_array_add (setup->people, anju_user_copy (g_ptr_array_index (people, i)));
    }

  if (!load_chain (store, setup, error))
    return NULL;

  setup->model_ids = g_ptr_array_new_with_free_func (g_free);
  setup->model_names = g_ptr_array_new_with_free_func (g_free);
  models = anju_segment_models_get_all (NULL);
  for (guint i = 0; models != NULL && i < models->len; i++)
    {
      AnjuSegmentModel *model = g_ptr_array_index (models, i);

      g_ptr_array_add (setup->model_ids, g_strdup (anju_segment_model_get_id (model)));
      g_ptr_array_add (setup->model_names, g_strdup (anju_segment_model_get_name (model)));
    }

  setup->can_create_project = anju_commands_allowed ("project.create", actor);
  setup->can_set_model = anju_commands_allowed ("project.set_model", actor) && setup->model_ids->len > 1;
  setup->can_add_building = anju_commands_allowed ("building.create", actor) && setup->projects->len > 0;
  setup->can_import_prices = anju_commands_allowed ("price_list.import", actor) && setup->projects->len > 0;
  setup->can_add_user = anju_commands_allowed ("user.create", actor);
  setup->can_set_scripts = anju_commands_allowed ("script.set", actor);
  return g_steal_pointer (&setup);
}
