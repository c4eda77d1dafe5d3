/* anju-care-view.h — 维护: the project's care calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_CARE_VIEW (anju_care_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuCareView, anju_care_view, ANJU, CARE_VIEW, AdwBin)

GtkWidget *anju_care_view_new          (AnjuContext  *context);
/* The year shown; a year the holiday data does not cover is clamped. */
void       anju_care_view_set_year     (AnjuCareView *self,
                                        int           year);
int        anju_care_view_get_year     (AnjuCareView *self);
/* Loading or running a command. */
gboolean   anju_care_view_get_busy     (AnjuCareView *self);
/* Events the calendar shows. */
guint      anju_care_view_get_n_events (AnjuCareView *self);

G_END_DECLS
