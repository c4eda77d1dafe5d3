/* anju-unit-button.h — one unit on the sales board (销控)
 *
 * A small button coloured by the unit's status (CSS classes unit-available,
 * unit-held, unit-subscribed, unit-signed, unit-not-for-sale), with the
 * unit's number, area and list price and badges for hot units and special
 * offers. Its accessible name is the unit's label ("1幢-1502"). The board
 * keeps a pool of these and refills them when the building changes.
 */
#pragma once

#include <gtk/gtk.h>

#include "anju-units.h"

G_BEGIN_DECLS

#define ANJU_TYPE_UNIT_BUTTON (anju_unit_button_get_type ())
G_DECLARE_FINAL_TYPE (AnjuUnitButton, anju_unit_button, ANJU, UNIT_BUTTON, GtkButton)

GtkWidget      *anju_unit_button_new            (void);

/* Shows @row; does nothing when the button already shows the same. */
void            anju_unit_button_set_unit       (AnjuUnitButton    *self,
                                                 const AnjuUnitRow *row);
const char     *anju_unit_button_get_unit_id    (AnjuUnitButton    *self);
/* "1幢-1502", the button's accessible name. */
const char     *anju_unit_button_get_unit_label (AnjuUnitButton    *self);
AnjuUnitStatus  anju_unit_button_get_status     (AnjuUnitButton    *self);

/* A unit that the board's filters leave out is dimmed, not hidden, so the
 * building keeps its shape. */
void            anju_unit_button_set_matches    (AnjuUnitButton    *self,
                                                 gboolean           matches);
gboolean        anju_unit_button_get_matches    (AnjuUnitButton    *self);

/* The CSS class of @status: "unit-available", "unit-not-for-sale", … */
const char     *anju_unit_status_get_css_class  (AnjuUnitStatus     status);

G_END_DECLS
