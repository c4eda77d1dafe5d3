/* anju-customers-view.h — search the customers, open one */
#pragma once

#include <adwaita.h>

#include "anju-context.h"
#include "anju-customer-detail.h"
#include "anju-customer-list-model.h"

G_BEGIN_DECLS

#define ANJU_TYPE_CUSTOMERS_VIEW (anju_customers_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuCustomersView, anju_customers_view, ANJU, CUSTOMERS_VIEW, AdwBin)

GtkWidget             *anju_customers_view_new           (AnjuContext       *context);
void                   anju_customers_view_set_context   (AnjuCustomersView *self,
                                                          AnjuContext       *context);
AnjuCustomerListModel *anju_customers_view_get_model     (AnjuCustomersView *self);
AnjuCustomerDetail    *anju_customers_view_get_detail    (AnjuCustomersView *self);

void                   anju_customers_view_open_customer (AnjuCustomersView *self,
                                                          const char        *customer_id);
/* Back from the detail to the list; FALSE if the list already shows. */
gboolean               anju_customers_view_go_back       (AnjuCustomersView *self);
void                   anju_customers_view_focus_search  (AnjuCustomersView *self);

G_END_DECLS
