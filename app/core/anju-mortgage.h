/* anju-mortgage.h — a deal's mortgage application (按揭, SPEC §8) and the
 * weekly progress SMS after signing
 *
 * One application at a time per deal, with the bank, the bank's on-site
 * manager, amount, term and repayment method, moving
 *
 *   collecting → submitted → approved → disbursed
 *                         ↘ rejected
 *
 * each step with its day. Submitting needs the mortgage checklist complete
 * (anju-signing.h; the missing documents are named). Withdrawing the deal
 * (subscription.withdraw) cancels a pending application (collecting,
 * submitted, approved) and gives the consultant a "tell_bank_manager"
 * task, due at once (inside office hours).
 *
 * After signing, a progress SMS (template signing_progress, {progress}:
 * the filing and the mortgage as they stand) is due every
 * signing.progress_every_days (7) days from the signing until the filing
 * is recorded and the mortgage disbursed (or none is needed: one-time
 * payment or instalments with no application).
 *
 * Commands (payload fields snake_case; money in fen; days YYYY-MM-DD):
 *   mortgage.open {mortgage_id?, subscription_id, bank, bank_manager,
 *       bank_manager_mobile?, amount, term_months, method:
 *       equal_instalment|equal_principal}              (consultant, manager)
 *       → {mortgage_id, status: collecting}
 *       Refused for a withdrawn deal, while another application is
 *       pending, for an amount not below the price or a term not in
 *       1..360 months.
 *   mortgage.advance {mortgage_id, status: submitted|approved|disbursed|
 *       rejected, on?: day (default today, not in the future), reason?}
 *                                                      (consultant, manager)
 *       Along the arrows only; rejected needs a reason.
 *   signing.send_progress {subscription_id?}           (consultant, manager)
 *       Queues the progress SMS of one deal (when due), or of every deal
 *       of the actor that is due (a manager: every deal). → {sms_ids}
 */
#pragma once

#include "anju-command.h"
#include "anju-signing.h"
#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  char   *subscription_id;
  char   *project_id;
  char   *unit_label;
  char   *customer_name;
  char   *consultant_id;
  char   *bank;
  char   *bank_manager;
  char   *bank_manager_mobile;
  gint64  amount;
  gint64  term_months;
  char   *method;
  char   *status;          /* collecting … cancelled */
  char   *collecting_on;
  char   *submitted_on;
  char   *approved_on;
  char   *disbursed_on;
  char   *rejected_on;
  char   *cancelled_on;
  char   *reason;
} AnjuMortgage;

void          anju_mortgage_free        (AnjuMortgage *mortgage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuMortgage, anju_mortgage_free)

/* "submitted" → "Submitted to the bank", …; NULL if unknown. */
const char   *anju_mortgage_status_get_label (const char *status);

AnjuMortgage *anju_mortgage_load        (AnjuStore   *store,
                                         const char  *mortgage_id,
                                         GError     **error);
/* The pipeline: applications of @project_id (NULL: all) in @status (NULL:
 * all but cancelled), by status then oldest first. AnjuMortgage*. */
GPtrArray    *anju_mortgages_list       (AnjuStore   *store,
                                         const char  *project_id,
                                         const char  *status,
                                         GError     **error);
/* The latest application of a deal, or NULL (no error) if none. */
AnjuMortgage *anju_mortgage_load_for_deal (AnjuStore   *store,
                                           const char  *subscription_id,
                                           GError     **error);

/* For subscription.withdraw, inside its handler: cancels the deal's
 * pending application and tasks the consultant to tell the bank manager. */
gboolean      anju_mortgage_cancel_for_deal (AnjuCommandContext  *ctx,
                                             const char          *subscription_id,
                                             const char          *reason,
                                             GError             **error);

/* Signed deals (of @consultant_id unless NULL) whose progress SMS is due
 * at @now. Element type AnjuSigning*. */
GPtrArray    *anju_signing_list_progress_due (AnjuStore   *store,
                                              const char  *consultant_id,
                                              gint64       now,
                                              GError     **error);

/* The status an application in @status moves on to ("collecting" →
 * "submitted" → "approved" → "disbursed"), or NULL at the end. */
const char   *anju_mortgage_get_next_status  (const char *status);
/* mortgage.advance's rule (the handler's own check): may @m of deal @g
 * become @status? Refuses with the handler's sentence. */
gboolean      anju_mortgage_check_may_advance (AnjuStore           *store,
                                               const AnjuSigning   *g,
                                               const AnjuMortgage  *m,
                                               const char          *status,
                                               GError             **error);

/* ---- the pipeline screen (anju-signing-snapshot.c) ---------------------------- */

typedef struct
{
  AnjuMortgage *mortgage;
  const char   *next_status;      /* or NULL at the end of the arrows */
  char         *next_label;       /* its label, or NULL */
  gboolean      can_advance;      /* to next_status, for this actor */
  char         *advance_refusal;  /* why not, or NULL */
  gboolean      can_reject;       /* a submitted application, for this actor */
  char         *reject_refusal;
} AnjuMortgageRow;

typedef struct
{
  AnjuSigning  *signing;
  AnjuFilingState state;
  int           days_left;
  gboolean      urgent;           /* urgent or overdue: red */
  char         *due_text;         /* "Due by … : n days left" / "Overdue since …" */
} AnjuFilingRow;

typedef struct
{
  GPtrArray *rows;      /* AnjuMortgageRow*, as anju_mortgages_list() orders them */
  GPtrArray *filings;   /* AnjuFilingRow*: signed, not filed, soonest due first */
} AnjuMortgagePipeline;

void          anju_mortgage_pipeline_free (AnjuMortgagePipeline *pipeline);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuMortgagePipeline, anju_mortgage_pipeline_free)

/* Every application of @project_id (NULL: all, but not cancelled) with
 * what @actor may do to it, and the filings due (of @actor's deals for a
 * consultant), at the store's now. */
AnjuMortgagePipeline *anju_mortgages_dup_pipeline (AnjuStore       *store,
                                                   const AnjuUser  *actor,
                                                   const char      *project_id,
                                                   GError         **error);

void          anju_mortgage_register_commands (void);

G_END_DECLS
