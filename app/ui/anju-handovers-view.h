/* anju-handovers-view.h — 交接: each handover's customers and their calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_HANDOVERS_VIEW (anju_handovers_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuHandoversView, anju_handovers_view, ANJU, HANDOVERS_VIEW, AdwBin)

GtkWidget *anju_handovers_view_new            (AnjuContext       *context);
gboolean   anju_handovers_view_get_busy       (AnjuHandoversView *self);
/* Handovers shown, and how many of their customers are overdue. */
guint      anju_handovers_view_get_n_handovers (AnjuHandoversView *self);
guint      anju_handovers_view_get_n_overdue   (AnjuHandoversView *self);

G_END_DECLS
