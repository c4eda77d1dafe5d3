/* anju-checklist.h — the negotiation checklist of SPEC §5, for people
 *
 * The items by the keys quote.create and discount.request take (see
 * anju-pricing.h), each with its title for a row. The negotiation desk
 * ticks them; the approvals view shows them to the manager.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *key;        /* "decision_holder" */
  const char *title;      /* translated */
  gboolean    required;   /* must hold before a discount request */
} AnjuChecklistItem;

/* The items in the standard's order; "unit_locked" is the first. */
const AnjuChecklistItem *anju_checklist_get_items (guint *n_items);

G_END_DECLS
