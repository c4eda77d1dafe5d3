/* anju-signing-view.h — 签约: the steps of signing a deal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"
#include "anju-signing.h"

G_BEGIN_DECLS

#define ANJU_TYPE_SIGNING_VIEW (anju_signing_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuSigningView, anju_signing_view, ANJU, SIGNING_VIEW, AdwBin)

GtkWidget                 *anju_signing_view_new          (AnjuContext     *context);
/* Loading the list or the selected deal, or running a command. */
gboolean                   anju_signing_view_get_busy     (AnjuSigningView *self);
guint                      anju_signing_view_get_n_deals  (AnjuSigningView *self);
/* Selects the deal of @subscription_id if it is listed. */
gboolean                   anju_signing_view_select       (AnjuSigningView *self,
                                                           const char      *subscription_id);
/* The selected deal as last loaded, or NULL. */
const AnjuSigningSnapshot *anju_signing_view_get_snapshot (AnjuSigningView *self);
/* The sentence of the last refused command, or NULL. */
const char                *anju_signing_view_get_error    (AnjuSigningView *self);

G_END_DECLS
