/* anju-new-customer-window.h — a new customer record: name, form of address, numbers */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_NEW_CUSTOMER_WINDOW (anju_new_customer_window_get_type ())
G_DECLARE_FINAL_TYPE (AnjuNewCustomerWindow, anju_new_customer_window,
                      ANJU, NEW_CUSTOMER_WINDOW, AdwWindow)

/* Emits "open-customer" (customer id) with the customer created, or with
 * the customer who already has the mobile number, then closes. */
AnjuNewCustomerWindow *anju_new_customer_window_new (GtkWindow   *parent,
                                                     AnjuContext *context);

G_END_DECLS
