/* anju-customer-detail.h — one customer: record, owner, segment, profile, timeline */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_CUSTOMER_DETAIL (anju_customer_detail_get_type ())
G_DECLARE_FINAL_TYPE (AnjuCustomerDetail, anju_customer_detail, ANJU, CUSTOMER_DETAIL, AdwBin)

void        anju_customer_detail_set_context     (AnjuCustomerDetail *self,
                                                  AnjuContext        *context);
/* Loads and shows the customer @customer_id. */
void        anju_customer_detail_load            (AnjuCustomerDetail *self,
                                                  const char         *customer_id);
/* Forgets the customer shown (signing out). */
void        anju_customer_detail_clear           (AnjuCustomerDetail *self);
/* The customer shown, or NULL. */
const char *anju_customer_detail_get_customer_id (AnjuCustomerDetail *self);
/* TRUE while the customer is on its way from the database. */
gboolean    anju_customer_detail_get_loading     (AnjuCustomerDetail *self);

G_END_DECLS
