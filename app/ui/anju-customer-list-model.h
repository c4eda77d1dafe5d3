/* anju-customer-list-model.h — the customer list, loaded a page at a time
 *
 * A GListModel of AnjuCustomerRow whose length comes from a count query
 * and whose rows are fetched in pages of ANJU_CUSTOMER_LIST_PAGE_SIZE on
 * the worker thread, only when a view asks for them. get_item() answers
 * at once with an empty row and fills it when its page arrives, so the
 * window never loads the whole table.
 */
#pragma once

#include <gio/gio.h>

#include "anju-context.h"
#include "anju-customer-row.h"

G_BEGIN_DECLS

#define ANJU_CUSTOMER_LIST_PAGE_SIZE 100

#define ANJU_TYPE_CUSTOMER_LIST_MODEL (anju_customer_list_model_get_type ())
G_DECLARE_FINAL_TYPE (AnjuCustomerListModel, anju_customer_list_model,
                      ANJU, CUSTOMER_LIST_MODEL, GObject)

AnjuCustomerListModel *anju_customer_list_model_new         (AnjuContext           *context);

/* Shows the customers matching @text (name, mobile or ID prefix), only
 * those of @owner_id when it is not NULL. Starts over from the count. */
void                   anju_customer_list_model_set_query   (AnjuCustomerListModel *self,
                                                             const char            *text,
                                                             const char            *owner_id);
const char            *anju_customer_list_model_get_text    (AnjuCustomerListModel *self);
const char            *anju_customer_list_model_get_owner_id (AnjuCustomerListModel *self);

/* Counts again and reloads the pages in use in place (after a change),
 * keeping the row objects, so nothing flickers. */
void                   anju_customer_list_model_refresh     (AnjuCustomerListModel *self);

/* TRUE while the count or a page is on its way. */
gboolean               anju_customer_list_model_get_loading (AnjuCustomerListModel *self);
/* TRUE once the count of the current query is known. */
gboolean               anju_customer_list_model_get_counted (AnjuCustomerListModel *self);

G_END_DECLS
