/* anju-handover.h — a consultant's customers handed to another (交接, SPEC §9)
 *
 * When a consultant leaves or changes post, a manager moves all their
 * customers to another consultant in one command. The new consultant gets
 * a "contact_after_handover" task per customer, due
 * handover.contact_within_days (policy, default 3) days after the
 * handover; the manager follows the handover's progress.
 *
 * Commands:
 *   customer.handover {handover_id?, from_user_id, to_user_id, reason}
 *                                                   (manager, admin)
 *       Refused for the same person, an unknown user, a target who is not
 *       a consultant, or a consultant without customers.
 *       → {handover_id, customers, task_ids}
 */
#pragma once

#include "anju-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  char   *from_user_id;
  char   *from_name;
  char   *to_user_id;
  char   *to_name;
  char   *reason;
  char   *created_at;     /* ISO 8601 UTC */
  guint   customers;      /* tasks made, one per customer */
  guint   contacted;      /* their task done */
  guint   pending;        /* open, not yet due */
  guint   overdue;        /* open, due before now */
} AnjuHandover;

void          anju_handover_free     (AnjuHandover *handover);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuHandover, anju_handover_free)

/* One handover with its progress at the store's now. */
AnjuHandover *anju_handover_load     (AnjuStore   *store,
                                      const char  *handover_id,
                                      GError     **error);
/* All handovers, newest first, with their progress. Element type
 * AnjuHandover*. */
GPtrArray    *anju_handovers_list    (AnjuStore   *store,
                                      GError     **error);

void          anju_handover_register_commands (void);

G_END_DECLS
