/* anju-walk-in-window.h — registering a visitor at the door (SPEC §3)
 *
 * First the question of the standard, 请问您是第一次来吗？, then the
 * visitor: a returning customer found by mobile (they go to their own
 * consultant), a new one (name optional: the record is completed when the
 * visit ends), an owner, or an owner's friend (referral, with the owner
 * picked). visit.register gives the visitor the rotation's next
 * consultant; the toast says who.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_WALK_IN_WINDOW (anju_walk_in_window_get_type ())
G_DECLARE_FINAL_TYPE (AnjuWalkInWindow, anju_walk_in_window, ANJU, WALK_IN_WINDOW, AdwWindow)

AnjuWalkInWindow *anju_walk_in_window_new      (GtkWindow        *parent,
                                                AnjuContext      *context);
/* TRUE while a lookup or the registration is on its way (tests wait). */
gboolean          anju_walk_in_window_get_busy (AnjuWalkInWindow *self);

G_END_DECLS
