/* anju-customer-table.h — the customers as a table that makes only the rows it shows
 *
 * A GtkScrollable for a GtkScrolledWindow: a header with the six column
 * titles, then rows of a fixed height. It makes as many row widgets as
 * fit its height (plus two) and binds them to the AnjuCustomerRow items
 * of its model as they scroll into view, however long the model is.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ANJU_TYPE_CUSTOMER_TABLE (anju_customer_table_get_type ())
G_DECLARE_FINAL_TYPE (AnjuCustomerTable, anju_customer_table, ANJU, CUSTOMER_TABLE, GtkWidget)

GtkWidget  *anju_customer_table_new           (void);

/* @model holds AnjuCustomerRow items. */
void        anju_customer_table_set_model     (AnjuCustomerTable *self,
                                               GListModel        *model);
GListModel *anju_customer_table_get_model     (AnjuCustomerTable *self);

/* The selected position, or GTK_INVALID_LIST_POSITION. */
guint       anju_customer_table_get_selected  (AnjuCustomerTable *self);
void        anju_customer_table_unselect_all  (AnjuCustomerTable *self);

/* The row keyboard focus is on (GTK_INVALID_LIST_POSITION when empty);
 * setting it selects the row and scrolls it into view. */
guint       anju_customer_table_get_cursor    (AnjuCustomerTable *self);
void        anju_customer_table_set_cursor    (AnjuCustomerTable *self,
                                               guint              position);

/* Scrolls so that @position is in view. */
void        anju_customer_table_scroll_to     (AnjuCustomerTable *self,
                                               guint              position);

/* The height of every row, once measured (0 before). */
int         anju_customer_table_get_row_height (AnjuCustomerTable *self);

G_END_DECLS
