/* anju-view-access.h — which of the window's views a person sees
 *
 * The window's sidebar (app/ui/anju-views.c) lists its views by name; who
 * sees each one is a rule of the office, so it lives here, beside the
 * command specs, and the window asks. A view whose name is not in the
 * table is seen by nobody: a new view adds its line here first.
 */
#pragma once

#include "anju-user.h"

G_BEGIN_DECLS

/* Whether @actor sees the view @name ("workbench", "reception",
 * "customers", "board", "negotiation", "approvals", "finance",
 * "settings"). FALSE for
 * a NULL actor or an unknown name. */
gboolean  anju_view_visible_to  (const char     *name,
                                 const AnjuUser *actor);
/* The views @actor sees, in the order of the table (the first is where
 * they land after signing in); empty for a NULL actor. */
GStrv     anju_views_for_actor  (const AnjuUser *actor);

G_END_DECLS
