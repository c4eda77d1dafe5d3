/* anju-approvals-view.h — discount requests waiting for a manager (审批)
 *
 * The requests whose waiting step the signed-in person may decide (core's
 * anju_approvals_list_waiting()), oldest first; for the one chosen: unit,
 * customer, list and asked price, the discounts, the checklist, the
 * consultant's reason and note, and the chain with the steps already
 * decided. Approve or reject (a rejection needs a comment) runs
 * approval.decide; the list follows the context's "changed".
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_APPROVALS_VIEW (anju_approvals_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuApprovalsView, anju_approvals_view, ANJU, APPROVALS_VIEW, AdwBin)

GtkWidget  *anju_approvals_view_new               (AnjuContext       *context);
void        anju_approvals_view_set_context       (AnjuApprovalsView *self,
                                                   AnjuContext       *context);

/* How many requests wait, as last loaded. */
guint       anju_approvals_view_get_n_waiting     (AnjuApprovalsView *self);
/* Shows the request @approval_id if it is waiting; FALSE if not. */
gboolean    anju_approvals_view_select            (AnjuApprovalsView *self,
                                                   const char        *approval_id);
/* The request showing, or NULL. */
const char *anju_approvals_view_get_selected_id   (AnjuApprovalsView *self);
/* TRUE while the view waits for the database or a decision. */
gboolean    anju_approvals_view_get_loading       (AnjuApprovalsView *self);

G_END_DECLS
