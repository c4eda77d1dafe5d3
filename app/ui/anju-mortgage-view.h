/* anju-mortgage-view.h — 按揭: the mortgage pipeline and the filings due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_MORTGAGE_VIEW (anju_mortgage_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuMortgageView, anju_mortgage_view, ANJU, MORTGAGE_VIEW, AdwBin)

GtkWidget *anju_mortgage_view_new             (AnjuContext      *context);
gboolean   anju_mortgage_view_get_busy        (AnjuMortgageView *self);
/* Applications in the pipeline, filings due, and how many of those are
 * urgent or overdue (red). */
guint      anju_mortgage_view_get_n_mortgages (AnjuMortgageView *self);
guint      anju_mortgage_view_get_n_filings   (AnjuMortgageView *self);
guint      anju_mortgage_view_get_n_urgent    (AnjuMortgageView *self);

G_END_DECLS
