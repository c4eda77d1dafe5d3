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
#include "anju-subscriptions.h"

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

/* ---- changes before signing (anju-signing-changes.c) ---------------------
 *
 *   change.request {change_id?, subscription_id, kind: rename|
 *       special_discount|change_unit, reason, price?, unit_id?, buyers?}
 *                                                     (consultant, manager)
 *       Before signing, through the same approval chain as discounts
 *       (policy approval.chain; decided with approval.decide, listed with
 *       the approvals waiting). rename: buyers [{name, id_number,
 *       mobile?}…] as they will be, finished at policy
 *       change_requests.rename_final_step; special_discount: price below
 *       the deal's, finished like a discount by the step whose limit
 *       covers it; change_unit: unit_id (held by the actor) and its price,
 *       finished at change_requests.change_unit_final_step. One pending
 *       change per deal; it lapses at the end of the signing day. Signing
 *       is refused while one is pending. Approved: a rename replaces the
 *       buyers (and the data check must be made again), a special
 *       discount sets the price, a change of unit moves the subscription —
 *       with its deposit and receipts — to the new unit (subscribed) and
 *       frees the old one. → {change_id, approval_id}
 */

/* For approval.decide: applies (approved) or closes the change request of
 * @approval_id, if there is one. */
gboolean     anju_change_request_decided (AnjuCommandContext  *ctx,
                                          const char          *approval_id,
                                          gboolean             approved,
                                          GError             **error);

/* Every signing (of @consultant_id's deals unless NULL), by signing time.
 * Element type AnjuSigning*. */
GPtrArray   *anju_signings_list  (AnjuStore   *store,
                                  const char  *consultant_id,
                                  GError     **error);

/* For subscription.create, inside its handler: makes the signing of the
 * new subscription with its SMS and tasks. */
gboolean     anju_signing_open   (AnjuCommandContext  *ctx,
                                  const char          *subscription_id,
                                  GError             **error);

/* ---- checklists and the signing (anju-signing-checks.c) ----------------
 *
 * The document checklists are policy data (checklists.contract,
 * checklists.mortgage); an item with options is satisfied by any one.
 *
 *   signing.check_documents {subscription_id, checklist: contract|mortgage,
 *       items: [id…], checked?: true}                 (consultant, manager)
 *       Records each item as brought (or not, with checked false) with who
 *       confirmed it. → {missing: "names; …" (empty when complete), complete}
 *   signing.confirm_data {subscription_id, people: [{role: buyer|co_owner|
 *       spouse, name, id_number, mobile?, address}…], payment_method,
 *       down_payment, loan_bank?}                     (consultant, manager)
 *       The personal data check (核对客户个人信息): every buyer and co-owner
 *       of the subscription (by ID number, GB 11643 checked) with a mailing
 *       address; a loan needs its bank. Replaces an earlier check; records
 *       who confirmed it.
 *   signing.sign {subscription_id, contract_number?}  (consultant, manager)
 *       An office decision. Refused while a change request is pending
 *       (field subscription_id), before the data check (field people) or
 *       with contract documents missing (field documents, the missing
 *       items named). The subscription and the unit become signed, the
 *       reminder tasks are closed and the online filing falls due
 *       filing.due_days (30) local days later. → {filing_due_on}
 */
typedef struct
{
  char     *id;
  char     *name;         /* in the user's language */
  GString  *options;      /* "A, B, C" for a one-of item, or NULL */
  gboolean  checked;
  char     *by_option;    /* the option that satisfied it */
  GStrv     option_ids;   /* a one-of item's options, what is ticked; or NULL */
  GStrv     option_names; /* their names, in the same order */
} AnjuSigningCheckItem;

void         anju_signing_check_item_free (AnjuSigningCheckItem *item);

/* The items of @checklist ("contract", "mortgage") for the deal, with
 * what is checked. Element type AnjuSigningCheckItem*. */
GPtrArray   *anju_signing_dup_checklist   (AnjuStore   *store,
                                           const char  *subscription_id,
                                           const char  *checklist,
                                           GError     **error);
/* The names of the missing items, "; "-separated; "" when complete. */
char        *anju_signing_dup_missing     (AnjuStore   *store,
                                           const char  *subscription_id,
                                           const char  *checklist,
                                           GError     **error);

/* ---- online filing (anju-filing.c) ---------------------------------------
 *
 *   filing.record {subscription_id, filing_number, filed_on: YYYY-MM-DD,
 *       attachments: [id…]}                           (consultant, manager)
 *       A signed contract only; every attachment of policy
 *       filing.attachments (floor plan, layout plan, payment terms, fit-out
 *       standard) must be listed — the missing ones are named.
 *
 * The filing is due on filing_due_on (local day). With policy
 * filing.warn_days [7, 3]: more than 7 days left is on time, 7 down to 4
 * due soon (amber), 3 down to 0 urgent (red), after the day overdue (red).
 * The workbench section "filings" lists the due-soon, urgent and overdue
 * ones: a consultant's own, every one for a manager.
 */
/* The attachments a filing lists (policy filing.attachments), as
 * unchecked AnjuSigningCheckItem*. */
GPtrArray      *anju_filing_dup_attachments (AnjuStore   *store,
                                             const char  *project_id);

typedef enum
{
  ANJU_FILING_FILED,
  ANJU_FILING_ON_TIME,
  ANJU_FILING_DUE_SOON,
  ANJU_FILING_URGENT,
  ANJU_FILING_OVERDUE,
} AnjuFilingState;

const char     *anju_filing_state_to_string (AnjuFilingState state);
/* The filing of a signed @signing at @now; @days_left (may be NULL) gets
 * the whole local days to its due day (negative once overdue). */
AnjuFilingState anju_filing_state_at        (AnjuStore          *store,
                                             const AnjuSigning  *signing,
                                             gint64              now,
                                             int                *days_left);
/* Signed, not yet filed, soonest due first; of @project_id and
 * @consultant_id unless NULL. Element type AnjuSigning*. */
GPtrArray      *anju_filings_list_due       (AnjuStore   *store,
                                             const char  *project_id,
                                             const char  *consultant_id,
                                             GError     **error);

/* For subscription.withdraw, inside its handler: the signing is cancelled
 * with its queued SMS and open tasks, and a pending mortgage application
 * too (anju_mortgage_cancel_for_deal()). */
gboolean     anju_signing_cancel  (AnjuCommandContext  *ctx,
                                   const char          *subscription_id,
                                   const char          *reason,
                                   GError             **error);

/* ---- what the screens show (anju-signing-snapshot.c) ----------------------
 *
 * The signing of one deal as the 签约 screen walks it, step by step in the
 * seed's order, with what the actor may do at each step. "May" is the
 * handlers' own rules: the role check of anju_command_admit() and the
 * predicates each handler calls, so a step the snapshot allows is applied
 * and one it forbids is refused with the same sentence.
 */
typedef enum
{
  ANJU_SIGNING_STEP_SCHEDULE,            /* signing.schedule */
  ANJU_SIGNING_STEP_CHANGES,             /* change.request (更名/特殊折扣/换房) */
  ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS,  /* signing.check_documents contract */
  ANJU_SIGNING_STEP_PERSONAL_DATA,       /* signing.confirm_data */
  ANJU_SIGNING_STEP_MORTGAGE_DOCUMENTS,  /* signing.check_documents mortgage */
  ANJU_SIGNING_STEP_SIGN,                /* signing.sign */
  ANJU_SIGNING_STEP_FILING,              /* filing.record (网签) */
  ANJU_SIGNING_STEP_PICKUP,              /* remind the buyer to pick the contract up */
  ANJU_SIGNING_N_STEPS
} AnjuSigningStepId;

typedef enum
{
  ANJU_SIGNING_STEP_TO_DO,        /* to do now */
  ANJU_SIGNING_STEP_DONE,
  ANJU_SIGNING_STEP_WAITING,      /* a change waits for approval */
  ANJU_SIGNING_STEP_BLOCKED,      /* cannot be done yet (see refusal) */
  ANJU_SIGNING_STEP_NOT_NEEDED,   /* no change asked; no loan */
  ANJU_SIGNING_STEP_LATER,        /* after the signing */
} AnjuSigningStepState;

/* "schedule", "changes", …; "to_do", "done", … */
const char  *anju_signing_step_id_to_string    (AnjuSigningStepId    id);
const char  *anju_signing_step_state_to_string (AnjuSigningStepState state);
/* The state's name for people, translated. */
const char  *anju_signing_step_state_get_label (AnjuSigningStepState state);

typedef struct
{
  AnjuSigningStepId     id;
  char                 *title;     /* translated */
  AnjuSigningStepState  state;
  char                 *detail;    /* what stands: times, who, the missing items */
  gboolean              urgent;    /* red: filing urgent or overdue */
  gboolean              can;       /* the step's command, for this actor now */
  char                 *refusal;   /* the handler's sentence when !can, else NULL */
} AnjuSigningStep;

/* A change request (change.request), as the screens list it. */
typedef struct
{
  char    *id;
  char    *subscription_id;
  char    *approval_id;
  char    *kind;            /* rename, special_discount, change_unit */
  char    *status;          /* pending, approved, rejected, lapsed */
  char    *from_unit_label;
  char    *to_unit_label;   /* change_unit, else NULL */
  gint64   old_price;
  gint64   new_price;
  char    *buyers;          /* a rename's new buyers, "name, name" */
  char    *reason;
  char    *requested_by;    /* name */
  char    *requested_at;    /* ISO UTC */
  char    *decided_at;
} AnjuChangeRequest;

void         anju_change_request_free (AnjuChangeRequest *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuChangeRequest, anju_change_request_free)

/* "Rename", "Special discount", "Change of unit" (translated); NULL for
 * any other approval kind (a discount). */
const char  *anju_change_request_kind_get_label (const char *kind);

/* The change requests of @subscription_id (NULL: all), newest first.
 * Element type AnjuChangeRequest*. A pending one whose approval expired
 * is "lapsed". */
GPtrArray   *anju_change_requests_list (AnjuStore   *store,
                                        const char  *subscription_id,
                                        GError     **error);

typedef struct
{
  AnjuSigning        *signing;
  gint64              price;              /* the deal's price, fen */
  char               *subscription_payment_method;
  GPtrArray          *buyers;             /* AnjuBuyer*: who the data check names */
  AnjuSigningStep     steps[ANJU_SIGNING_N_STEPS];
  GPtrArray          *contract_items;     /* AnjuSigningCheckItem* */
  GPtrArray          *mortgage_items;
  char               *contract_missing;   /* "; "-separated names, "" when complete */
  char               *mortgage_missing;
  gboolean            needs_loan;         /* the payment method takes a loan */
  GPtrArray          *attachments;        /* AnjuSigningCheckItem*: filing attachments */
  GPtrArray          *changes;            /* AnjuChangeRequest*, newest first */
  GPtrArray          *held_units;         /* AnjuUnitRow*: units of the project the actor
                                           * holds, the ones a change of unit may go to */
  AnjuChangeRequest  *pending_change;     /* borrowed from changes, or NULL */
  AnjuFilingState     filing_state;
  int                 filing_days_left;
  gpointer            mortgage;           /* AnjuMortgage*, the latest, or NULL */
  gboolean            can_open_mortgage;
  char               *open_mortgage_refusal;
  const char         *mortgage_next_status;
  gboolean            can_advance_mortgage;
  char               *advance_mortgage_refusal;
} AnjuSigningSnapshot;

void         anju_signing_snapshot_free (AnjuSigningSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuSigningSnapshot, anju_signing_snapshot_free)

/* The signing of @subscription_id as @actor sees it at the store's now;
 * NULL with the handler's error if @actor may not see it. */
AnjuSigningSnapshot *anju_signing_dup_snapshot (AnjuStore       *store,
                                                const AnjuUser  *actor,
                                                const char      *subscription_id,
                                                GError         **error);

/* One deal of the 签约 list. */
typedef struct
{
  AnjuSigning          *signing;
  AnjuSigningStepId     next_step;     /* the first step to do or waiting */
  AnjuSigningStepState  next_state;
  char                 *next_title;    /* that step's title */
  AnjuFilingState       filing_state;  /* once signed */
  gboolean              urgent;        /* the filing is urgent or overdue */
} AnjuSigningRow;

void         anju_signing_row_free (AnjuSigningRow *row);

/* The deals @actor signs or follows (a consultant's own, every one for a
 * manager): being signed first by signing time, then signed and not yet
 * filed, soonest due first. Withdrawn deals are left out. Element type
 * AnjuSigningRow*. */
GPtrArray   *anju_signings_dup_rows (AnjuStore       *store,
                                     const AnjuUser  *actor,
                                     GError         **error);

void         anju_signing_register_commands (void);

G_END_DECLS
