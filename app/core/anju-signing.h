/* anju-signing.h — the contract signing (签约) of a subscription (SPEC §8)
 *
 * Every subscription has one signing, made with it by subscription.create.
 * The signing is at the subscription's signing deadline at policy
 * signing.default_time (local), or when signing.schedule says. Made with
 * it, in the standard's order (seed p. 58–59):
 *   - at once, the congratulation SMS (template signing_congratulations,
 *     成为……的业主);
 *   - signing.reminder_sms_days_before (2) days before the signing, an SMS
 *     with its time and the documents to bring (template signing_reminder);
 *   - signing.call_days_before (1) day before, a call to confirm (task
 *     kind "confirm_signing");
 *   - a "prepare_contract" task due signing.prepare_hours_before (24)
 *     hours before, or — when that has passed — at the latest
 *     signing.prepare_latest_hours_before (1) hour before.
 * All go to the subscription's consultant. A reminder whose time has
 * passed is due at once; one that would come after the signing is not
 * made. Due times fall inside office hours (anju_policy_next_opening()),
 * except that the contract is never prepared later than its latest time.
 *
 * Commands (payload fields snake_case; times ISO 8601 with a zone):
 *   signing.schedule {subscription_id, signing_at}    (consultant, manager)
 *       Moves the signing of an active subscription to @signing_at (not in
 *       the past): the queued reminder SMS are cancelled, the open
 *       reminder tasks closed ("rescheduled") and new ones made.
 *       → {signing_id, signing_at, task_ids, sms_ids}
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-command.h"
#include "anju-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  char   *subscription_id;
  char   *project_id;
  char   *unit_id;
  char   *unit_label;
  char   *customer_id;
  char   *customer_name;
  char   *consultant_id;
  char   *subscription_status;   /* active, withdrawn, signed */
  char   *signing_at;            /* ISO 8601 UTC */
  gint64  signing_usec;
  char   *status;                /* scheduled, signed, cancelled */
  char   *signed_at;
  char   *contract_number;
  char   *payment_method;        /* as confirmed at the data check */
  gint64  down_payment;          /* fen; -1: not confirmed */
  char   *loan_bank;
  char   *data_confirmed_by;     /* name */
  char   *data_confirmed_at;
  char   *filing_due_on;         /* local day, once signed */
  char   *filing_number;
  char   *filed_on;
  char   *filing_attachments;    /* JSON array of ids */
  char   *progress_sms_at;
} AnjuSigning;

void         anju_signing_free   (AnjuSigning *signing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuSigning, anju_signing_free)

/* The signing of @subscription_id; NULL with a NOT_FOUND command error
 * naming "subscription_id" when there is none. */
AnjuSigning *anju_signing_load   (AnjuStore   *store,
                                  const char  *subscription_id,
                                  GError     **error);

/* For subscription.create, inside its handler: makes the signing of the
 * new subscription with its SMS and tasks. */
gboolean     anju_signing_open   (AnjuCommandContext  *ctx,
                                  const char          *subscription_id,
                                  GError             **error);

void         anju_signing_register_commands (void);

G_END_DECLS
