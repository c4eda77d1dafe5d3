/* anju-reception-view.h — the walk-in side of reception (接待, SPEC §3)
 *
 * The day at the door: visitors waiting with their live wait (over a
 * minute flagged), "Greeted" and "Handover Confirmed", the visits in
 * progress, the day's reception plan (expected visitors with their
 * consultant and car plate), and the rotation of consultants on duty
 * (order, next, busy, absent with a reason, make-up turns; rotation.mark
 * for oneself or, for a manager, anyone). "Register Walk-in" opens
 * AnjuWalkInWindow; a visit opens in AnjuVisitPanel.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"
#include "anju-visit-panel.h"

G_BEGIN_DECLS

#define ANJU_TYPE_RECEPTION_VIEW (anju_reception_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuReceptionView, anju_reception_view, ANJU, RECEPTION_VIEW, AdwBin)

GtkWidget      *anju_reception_view_new             (AnjuContext       *context);
void            anju_reception_view_reload          (AnjuReceptionView *self);
/* Opens the visit's panel. */
void            anju_reception_view_open_visit      (AnjuReceptionView *self,
                                                     const char        *visit_id);
/* Back from a visit to the queue; FALSE if the queue already shows. */
gboolean        anju_reception_view_go_back         (AnjuReceptionView *self);
AnjuVisitPanel *anju_reception_view_get_visit_panel (AnjuReceptionView *self);
/* TRUE while it loads or a command of it is on its way (tests wait). */
gboolean        anju_reception_view_get_busy        (AnjuReceptionView *self);

G_END_DECLS
