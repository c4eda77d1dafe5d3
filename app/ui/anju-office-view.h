/* anju-office-view.h — 管理: how the office is set up
 *
 * For administrators (and managers, who keep the board): the projects
 * with their buildings, price-list version and customer segmentation
 * model (New Project, Add Building, Import Price List, switch the model),
 * the people by role (Add Person), the approval chain with how many people
 * each step has — and, in red, why this office cannot complete it — and a
 * way to the reception scripts in Settings. What shows and what is enabled
 * come from anju_office_dup_setup(). Reloads on "projects", "units" and
 * "users".
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_OFFICE_VIEW (anju_office_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuOfficeView, anju_office_view, ANJU, OFFICE_VIEW, AdwBin)

GtkWidget *anju_office_view_new      (AnjuContext    *context);
void       anju_office_view_reload   (AnjuOfficeView *self);
/* TRUE while the view waits for the database or a command. */
gboolean   anju_office_view_get_busy (AnjuOfficeView *self);
/* Reads the CSV at @path on the worker and imports it as @project_id's
 * next price list; a refused file shows every problem in a dialog. (The
 * Import Price List button calls it with the file chosen.) */
void       anju_office_view_import_price_list (AnjuOfficeView *self,
                                               const char     *project_id,
                                               const char     *path);

G_END_DECLS
