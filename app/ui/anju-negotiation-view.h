/* anju-negotiation-view.h — the negotiation desk (议价)
 *
 * The unit the consultant holds, the customer, the project's published
 * discounts and the consultant's discretion; the price after them, in
 * total and per m², computed by core (anju_pricing_apply()); the SPEC §5
 * checklist; the negotiation's waiting time, flagged past the policy's
 * minutes. "Create Quote" runs quote.create; a price beyond the published
 * range is "Ask for Approval" (quote.create, then discount.request). The
 * consultant's quotes, with their approvals, follow the context's
 * "changed"; a decision made while the consultant is signed in is a toast.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_NEGOTIATION_VIEW (anju_negotiation_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuNegotiationView, anju_negotiation_view, ANJU, NEGOTIATION_VIEW, AdwBin)

GtkWidget  *anju_negotiation_view_new         (AnjuContext         *context);
void        anju_negotiation_view_set_context (AnjuNegotiationView *self,
                                               AnjuContext         *context);

/* Negotiates @unit_id (one the consultant holds). */
void        anju_negotiation_view_set_unit    (AnjuNegotiationView *self,
                                               const char          *unit_id);
const char *anju_negotiation_view_get_unit_id (AnjuNegotiationView *self);
/* Negotiates with the customer @customer_id, shown as @name. */
void        anju_negotiation_view_set_customer (AnjuNegotiationView *self,
                                                const char          *customer_id,
                                                const char          *name);
const char *anju_negotiation_view_get_customer_id (AnjuNegotiationView *self);
/* TRUE while the desk waits for the database or a command. */
gboolean    anju_negotiation_view_get_loading (AnjuNegotiationView *self);

G_END_DECLS
