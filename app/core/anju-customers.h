/* anju-customers.h — customer records (SPEC §1)
 *
 * Commands (payload fields snake_case):
 *   customer.create {customer_id?, project_id?, name, title?, mobile?, id_number?,
 *                    owner_id?, profile?, segment?}
 *       → {customer_id, segment, segment_source}
 *       A consultant owns the customers they create; a manager may name an owner.
 *       A mobile number already on file is refused (DUPLICATE, field "mobile")
 *       naming the customer who has it.
 *   customer.update {customer_id, name?, title?, mobile?, id_number?, profile?, segment?}
 *       Profile members merge into the stored profile (null removes one).
 *       "segment": a segment id overrides the suggestion; null returns to it.
 *       The owner consultant, a manager or an admin may update.
 *   customer.assign {customer_id, owner_id, expected_owner_id?} (manager, admin)
 *       An office decision. With "expected_owner_id" (null: no owner) it is
 *       refused (CONFLICT, naming the present owner) unless the customer
 *       still belongs to that consultant.
 *   customer.reveal {customer_id, field: "mobile"|"id_number"}
 *       Writes the reveal to the audit log; the caller then reads the value
 *       with anju_customer_dup_secret(). The customer's own consultant, a
 *       manager or an admin (anju_customer_may_see_personal()). An office
 *       decision: a connected desk has the server decide and audit it.
 *   customer.note   {customer_id, text}
 *       A note on the timeline.
 *   customer.correct_identity {customer_id, mobile?, id_number?, reason?}
 *       Corrects a mobile or ID number entered wrongly: the owner, a
 *       manager or an admin (anju_customer_may_edit()); checked like a new
 *       one (mobile format and not another customer's, GB 11643); the
 *       audit entry keeps the old and the new value masked, the timeline
 *       says "Mobile corrected: 138****5678 → 139****1234".
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

/* One row of a customer list: personal data already masked. */
typedef struct
{
  char *id;
  char *name;
  char *title;
  char *mobile_masked;
  char *id_number_masked;
  char *owner_id;
  char *owner_name;
  char *segment;           /* segment id or NULL */
  char *segment_source;    /* "suggested", "manual" or NULL */
  char *updated_at;        /* ISO 8601 UTC */
} AnjuCustomerSummary;

void                 anju_customer_summary_free (AnjuCustomerSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuCustomerSummary, anju_customer_summary_free)

/* The whole record for the detail view; personal data masked too — the
 * whole values only through customer.reveal + anju_customer_dup_secret(). */
typedef struct
{
  AnjuCustomerSummary  summary;
  char                *project_id;
  char                *created_at;
  char                *created_by_name;
  JsonObject          *profile;
  gboolean             has_mobile;
  gboolean             has_id_number;
} AnjuCustomer;

void                 anju_customer_free         (AnjuCustomer *customer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuCustomer, anju_customer_free)

/* What a customer list shows: free text (name part, mobile or ID prefix),
 * optionally only one owner's customers. */
typedef struct
{
  const char *text;
  const char *owner_id;
} AnjuCustomerQuery;

gint64      anju_customers_count      (AnjuStore               *store,
                                       const AnjuCustomerQuery *query,
                                       GError                 **error);
/* Rows @offset .. @offset+@limit-1 in list order (most recently updated
 * first); element type AnjuCustomerSummary*. */
GPtrArray  *anju_customers_fetch      (AnjuStore               *store,
                                       const AnjuCustomerQuery *query,
                                       guint                    offset,
                                       guint                    limit,
                                       GError                 **error);
AnjuCustomer *anju_customer_load      (AnjuStore               *store,
                                       const char              *id,
                                       GError                 **error);
/* The customer who has @mobile (any accepted spelling), or NULL. */
char       *anju_customers_find_by_mobile (AnjuStore           *store,
                                           const char          *mobile);
/* Whether @actor may change a customer owned by @owner_id (NULL: nobody):
 * the owning consultant, a manager or an admin — not finance, not another
 * consultant. customer.update, customer.note and customer.correct_identity
 * refuse exactly when this is FALSE; the customer detail shows the record
 * read-only then. */
gboolean    anju_customer_may_edit         (const AnjuUser *actor,
                                            const char     *owner_id);
/* Whether @actor may see the whole mobile and ID number of a customer
 * owned by @owner_id: the owning consultant, a manager or an admin — never
 * finance, not another consultant. customer.reveal, the server's feed and
 * the customer detail all ask this. */
gboolean    anju_customer_may_reveal       (const AnjuUser *actor,
                                            const char     *owner_id);
/* The same as anju_customer_may_reveal() (the feed's name for it). */
gboolean    anju_customer_may_see_personal (const AnjuUser *reader,
                                            const char     *owner_id);

/* The unmasked "mobile" or "id_number"; call only after customer.reveal. */
char       *anju_customer_dup_secret  (AnjuStore               *store,
                                       const char              *id,
                                       const char              *field);

typedef struct
{
  char *at;        /* ISO 8601 UTC */
  char *kind;      /* "created", "updated", "assigned", "note", … */
  char *actor_name;
  char *summary;
} AnjuCustomerEvent;

void        anju_customer_event_free  (AnjuCustomerEvent *event);
/* The timeline, newest first; element type AnjuCustomerEvent*. */
GPtrArray  *anju_customer_list_events (AnjuStore   *store,
                                       const char  *customer_id,
                                       GError     **error);

/* Adds a timeline event from inside a command handler (later workflows
 * call this for calls, visits, deals). */
gboolean    anju_customer_add_event   (gpointer     ctx,   /* AnjuCommandContext* */
                                       const char  *customer_id,
                                       const char  *kind,
                                       const char  *summary,
                                       const char  *detail,
                                       GError     **error);

void        anju_customers_register_commands (void);

G_END_DECLS
