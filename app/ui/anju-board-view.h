/* anju-board-view.h — the sales board (销控)
 *
 * One building of the current project at a time, drawn as floors × units
 * (top floor at the top), each unit a button coloured by its status; the
 * building's counts by status and its sold share in the header; filters by
 * layout, area, price and status dim the units that do not match. A click
 * opens the unit's panel (details, history, hold/extend/release/negotiate).
 *
 * Only the building that shows is built, and its buttons are reused for
 * the next one. The board follows the context's "changed" (units, holds)
 * and reloads when a hold it shows runs out.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"
#include "anju-unit-button.h"
#include "anju-unit-panel.h"

G_BEGIN_DECLS

#define ANJU_TYPE_BOARD_VIEW (anju_board_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuBoardView, anju_board_view, ANJU, BOARD_VIEW, AdwBin)

GtkWidget      *anju_board_view_new                 (AnjuContext   *context);
void            anju_board_view_set_context         (AnjuBoardView *self,
                                                     AnjuContext   *context);

/* Shows the building @building_id of the current project. */
void            anju_board_view_show_building       (AnjuBoardView *self,
                                                     const char    *building_id);
/* The building the board shows, or NULL before it has loaded one. */
const char     *anju_board_view_get_building_id     (AnjuBoardView *self);
/* TRUE while the board waits for the database. */
gboolean        anju_board_view_get_loading         (AnjuBoardView *self);
/* The button of the unit labelled @label ("1幢-1502") in the building
 * showing, or NULL. */
AnjuUnitButton *anju_board_view_find_unit_button    (AnjuBoardView *self,
                                                     const char    *label);
AnjuUnitPanel  *anju_board_view_get_panel           (AnjuBoardView *self);

G_END_DECLS
