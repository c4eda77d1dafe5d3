/* anju-subscribe-window.h — the guided subscription (认购) from a quote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From an approved quote: a co-owner, the payment method and the payment
 * plan core makes of it, the deposit and the signing day; Subscribe runs
 * subscription.create; then the papers (认购书, 置业计划表, 签约须知 and,
 * with a loan, 按揭须知) to print or export as PDF, and what is left.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"
#include "anju-money.h"

G_BEGIN_DECLS

#define ANJU_TYPE_SUBSCRIBE_WINDOW (anju_subscribe_window_get_type ())
G_DECLARE_FINAL_TYPE (AnjuSubscribeWindow, anju_subscribe_window, ANJU, SUBSCRIBE_WINDOW, AdwWindow)

GtkWidget  *anju_subscribe_window_new                 (AnjuContext         *context,
                                                       GtkWidget           *parent,
                                                       const char          *quote_id,
                                                       const char          *unit_label,
                                                       const char          *customer_name,
                                                       AnjuFen              price);
/* The subscription made, or NULL before. */
const char *anju_subscribe_window_get_subscription_id (AnjuSubscribeWindow *self);

G_END_DECLS
