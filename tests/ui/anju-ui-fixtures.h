/* anju-ui-fixtures.h — what the UI tests and the screenshot tools share */
#pragma once

#include <gtk/gtk.h>

#include "anju-money.h"
#include "anju-store.h"

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds. */
void  anju_ui_spin               (guint       ms);
/* Saves what @widget shows as @dir/@name (PNG). */
void  anju_ui_save_png           (GtkWidget  *widget,
                                  const char *dir,
                                  const char *name);

typedef struct
{
  char    *quote_id;
  char    *customer_name;
  char    *building_id;     /* 2幢 */
  AnjuFen  price;
} AnjuUiApprovedQuote;

void  anju_ui_approved_quote_clear (AnjuUiApprovedQuote *quote);

/* On the demo in @store: 李娜 holds 2幢-1502 for one of her customers with
 * an ID number and no deal yet, asks ¥10,000 below the published range,
 * and 张伟 approves: a quote the window can subscribe. */
void  anju_ui_add_approved_quote (AnjuStore           *store,
                                  AnjuUiApprovedQuote *out);

G_END_DECLS
