/* anju-visit-panel.h — one visit from greeting to farewell (SPEC §3)
 *
 * The six stations of the standard as a checklist (visit.station), the
 * 万客会 club (visit.club), the project's current risk disclosure
 * (阳光宣言) with "Acknowledged" (visit.disclose), and the customer's
 * must-have fields, completed before "Close Visit" (visit.close) ends it;
 * a refusal lists what is still missing. Emits "back" when the person
 * goes back to the queue, and after the visit is closed.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_VISIT_PANEL (anju_visit_panel_get_type ())
G_DECLARE_FINAL_TYPE (AnjuVisitPanel, anju_visit_panel, ANJU, VISIT_PANEL, AdwBin)

void        anju_visit_panel_set_context  (AnjuVisitPanel *self,
                                           AnjuContext    *context);
/* Shows @visit_id; @mobile_hint (may be NULL) prefills the mobile field of
 * a visitor whose record is not made yet (the number the door typed). */
void        anju_visit_panel_load         (AnjuVisitPanel *self,
                                           const char     *visit_id,
                                           const char     *mobile_hint);
const char *anju_visit_panel_get_visit_id (AnjuVisitPanel *self);
/* TRUE while it loads or a command of it is on its way (tests wait). */
gboolean    anju_visit_panel_get_busy     (AnjuVisitPanel *self);
/* The state of the visit shown: "open", "closed" or NULL. */
const char *anju_visit_panel_get_state    (AnjuVisitPanel *self);

G_END_DECLS
