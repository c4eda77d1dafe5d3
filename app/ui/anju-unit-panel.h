/* anju-unit-panel.h — one unit's details, history and actions
 *
 * The side panel of the board: layout, orientation, areas, list price and
 * price per m², the status with its holder, the unit's history, and the
 * actions the signed-in person's role allows — hold, extend, release and
 * negotiate. Holding and the rest are commands through the context; the
 * panel follows "changed" for its unit.
 *
 * Signals:
 *   negotiate (unit_id)  the person wants the negotiation desk for the unit
 *                        (it is held by them by then)
 *   close ()             the panel's close button
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_UNIT_PANEL (anju_unit_panel_get_type ())
G_DECLARE_FINAL_TYPE (AnjuUnitPanel, anju_unit_panel, ANJU, UNIT_PANEL, AdwBin)

void        anju_unit_panel_set_context  (AnjuUnitPanel *self,
                                          AnjuContext   *context);
/* Loads and shows @unit_id (NULL: nothing). */
void        anju_unit_panel_show_unit    (AnjuUnitPanel *self,
                                          const char    *unit_id);
const char *anju_unit_panel_get_unit_id  (AnjuUnitPanel *self);
/* TRUE while the unit or a command is on its way. */
gboolean    anju_unit_panel_get_loading  (AnjuUnitPanel *self);

G_END_DECLS
