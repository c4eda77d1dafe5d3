/* anju-finance-view.h — 财务: payments expected, receipts, the day's totals
 *
 * For finance (and managers): every deal's expected payments by due day,
 * amber when due within policy finance.due_soon_days and red when overdue,
 * each with Record Payment (payment.record issues a receipt); the receipts,
 * newest first, with Print (receipt.print, then the system print dialog;
 * a reprint is stamped 副本), Void, Reissue and Refund as core's snapshot
 * allows, each refused one saying why in its tooltip; today's totals by
 * method. Reloads on the "finance" and "subscriptions" topics.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_FINANCE_VIEW (anju_finance_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuFinanceView, anju_finance_view, ANJU, FINANCE_VIEW, AdwBin)

GtkWidget *anju_finance_view_new      (AnjuContext     *context);
void       anju_finance_view_reload   (AnjuFinanceView *self);
/* TRUE while the view waits for the database, a command or a paper. */
gboolean   anju_finance_view_get_busy (AnjuFinanceView *self);

G_END_DECLS
