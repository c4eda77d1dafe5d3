/* anju-projects.h — projects, buildings and units as data
 *
 * Commands:
 *   project.create  {project_id?, name, city?, developer?, address?, hotline?,
 *                    segmentation_model?}                        (admin)
 *   project.set_model {project_id, segmentation_model}            (admin)
 *       A recorded segment the new model does not have becomes what its
 *       rules suggest → {segmentation_model, segments_changed}
 *   building.create {building_id?, project_id, name, floors, units_per_floor}
 *                                                                (admin, manager)
 *   unit.create     {unit_id?, building_id, floor, number, layout, orientation?,
 *                    gross_area, inner_area, list_price}          (admin, manager)
 * Areas are hundredths of m², prices fen. The unit state machine and price
 * lists come with the sales-control workflow.
 */
#pragma once

#include "anju-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *name;
  char *city;
  char *developer;
  char *address;
  char *hotline;
  char *segmentation_model;
} AnjuProject;

void          anju_project_free               (AnjuProject *project);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuProject, anju_project_free)

/* Projects ordered by name; element type AnjuProject*. */
GPtrArray    *anju_projects_list              (AnjuStore   *store,
                                               GError     **error);
AnjuProject  *anju_project_lookup             (AnjuStore   *store,
                                               const char  *id);
/* The project with @id, or the first one when @id is NULL, empty or unknown. */
AnjuProject  *anju_project_lookup_or_first    (AnjuStore   *store,
                                               const char  *id);

/* How many buildings and units project @id has (0 and 0 for an unknown id). */
gboolean      anju_project_count_units        (AnjuStore   *store,
                                               const char  *id,
                                               gint64      *n_buildings,
                                               gint64      *n_units,
                                               GError     **error);

void          anju_projects_register_commands (void);

G_END_DECLS
