/* anju-customer-row.h — one row of the customer list, as an object
 *
 * The list model hands these out at once, empty, and fills them when
 * their page arrives from the database; the list's labels are bound to
 * the properties and follow.
 */
#pragma once

#include <glib-object.h>

#include "anju-customers.h"
#include "anju-segmentation.h"

G_BEGIN_DECLS

#define ANJU_TYPE_CUSTOMER_ROW (anju_customer_row_get_type ())
G_DECLARE_FINAL_TYPE (AnjuCustomerRow, anju_customer_row, ANJU, CUSTOMER_ROW, GObject)

AnjuCustomerRow *anju_customer_row_new                  (void);

/* Fills the row from @summary; segment names come from @model (may be NULL). */
void             anju_customer_row_update               (AnjuCustomerRow           *self,
                                                         const AnjuCustomerSummary *summary,
                                                         AnjuSegmentModel          *model);
/* Empties the row (a placeholder again). */
void             anju_customer_row_clear                (AnjuCustomerRow           *self);

gboolean         anju_customer_row_get_loaded           (AnjuCustomerRow           *self);
const char      *anju_customer_row_get_id               (AnjuCustomerRow           *self);
const char      *anju_customer_row_get_name             (AnjuCustomerRow           *self);
const char      *anju_customer_row_get_title            (AnjuCustomerRow           *self);
const char      *anju_customer_row_get_mobile_masked    (AnjuCustomerRow           *self);
const char      *anju_customer_row_get_id_number_masked (AnjuCustomerRow           *self);
const char      *anju_customer_row_get_owner_id         (AnjuCustomerRow           *self);
const char      *anju_customer_row_get_owner_name       (AnjuCustomerRow           *self);
const char      *anju_customer_row_get_segment_name     (AnjuCustomerRow           *self);
const char      *anju_customer_row_get_updated          (AnjuCustomerRow           *self);

G_END_DECLS
