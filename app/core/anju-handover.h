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
#include "anju-user.h"

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

/* One customer of a handover as the manager follows it: contacted (the
 * new consultant's call task is done), pending (open, due later) or
 * overdue (open, due before the store's now). */
typedef enum
{
  ANJU_HANDOVER_CONTACT_PENDING,
  ANJU_HANDOVER_CONTACT_OVERDUE,
  ANJU_HANDOVER_CONTACT_DONE,
} AnjuHandoverContactState;

typedef struct
{
  char                     *task_id;
  char                     *customer_id;
  char                     *customer_name;  /* name and title */
  char                     *assignee_name;  /* who must call */
  char                     *due_at;         /* ISO 8601 UTC */
  gint64                    due_usec;
  char                     *done_at;        /* or NULL */
  char                     *outcome;        /* or NULL */
  AnjuHandoverContactState  state;
} AnjuHandoverContact;

void          anju_handover_contact_free (AnjuHandoverContact *contact);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuHandoverContact, anju_handover_contact_free)

/* "pending", "overdue", "contacted". */
const char   *anju_handover_contact_state_to_string (AnjuHandoverContactState state);
/* The state's name for people, translated. */
const char   *anju_handover_contact_state_get_label (AnjuHandoverContactState state);

/* The customers of @handover_id with their call task, overdue first, then
 * by due time. Element type AnjuHandoverContact*. */
GPtrArray    *anju_handover_list_contacts (AnjuStore   *store,
                                           const char  *handover_id,
                                           GError     **error);

/* customer.handover's rule for whom customers go to (a consultant). */
gboolean      anju_handover_may_receive   (const AnjuUser *to);

/* Whom a manager picks from to hand customers over. */
typedef struct
{
  char  *user_id;
  char  *name;
  guint  customers;   /* givers: the customers they own */
} AnjuHandoverPerson;

void          anju_handover_person_free   (AnjuHandoverPerson *person);
/* Everyone who owns customers, by name. AnjuHandoverPerson*. */
GPtrArray    *anju_handover_list_givers   (AnjuStore   *store,
                                           GError     **error);
/* The enabled users customers may be handed to, by name (the handler's
 * rule, anju_handover_may_receive()). AnjuHandoverPerson*. */
GPtrArray    *anju_handover_list_takers   (AnjuStore   *store,
                                           GError     **error);

void          anju_handover_register_commands (void);

G_END_DECLS
