/* anjuctl.h — what anjuctl's subcommands share */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-command.h"
#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *summary;   /* N_() */
  int       (*run) (int argc, char **argv);
} AnjuctlCommand;

/* Subcommands from other parts (sync), NULL-terminated; defined in
 * anjuctl-extra.c so core-only builds link without them. */
extern const AnjuctlCommand anjuctl_extra_commands[];

/* Opens the database named by --database (or this computer's default),
 * printing the reason on failure. */
AnjuStore *anjuctl_open_store    (void);
char      *anjuctl_read_password (void);
/* Days and times shown in the office's zone (policy office.time_zone). */
void       anjuctl_use_office_time_zone (AnjuStore *store);
/* "anjuctl: FIELD: message" on standard error. */
void       anjuctl_print_error   (const GError *error);

/* The desk command runner, the only way anjuctl changes anything: the
 * same anju_sync_engine_submit() the window uses, so an office decision
 * goes to the office server when this desk is connected to one (and is
 * refused offline), the rest is applied here and queued in the outbox.
 * Returns the answer, or NULL and the refusal. */
JsonObject *anjuctl_submit       (AnjuStore          *store,
                                  const AnjuCommand  *command,
                                  const AnjuUser     *actor,
                                  GError            **error);
/* Runs @type with @payload through anjuctl_submit() as the user named
 * @username (the system user when NULL); prints the refusal ("anjuctl:
 * FIELD: message", or that there is no such user) and returns NULL. */
JsonObject *anjuctl_run          (AnjuStore          *store,
                                  const char         *username,
                                  const char         *type,
                                  JsonObject         *payload);

/* anjuctl units list|import|export (anjuctl-units.c) */
int        anjuctl_units_run     (int    argc,
                                  char **argv);

/* anjuctl tasks / anjuctl plan (anjuctl-reception.c) */
int        anjuctl_tasks_run     (int    argc,
                                  char **argv);
int        anjuctl_plan_run      (int    argc,
                                  char **argv);

/* anjuctl loan / fees / payment-plan (anjuctl-money.c) */
int        anjuctl_loan_run          (int    argc,
                                      char **argv);
int        anjuctl_fees_run          (int    argc,
                                      char **argv);
int        anjuctl_payment_plan_run  (int    argc,
                                      char **argv);

/* anjuctl render KIND … (anjuctl-render.c) */
int        anjuctl_render_run    (int    argc,
                                  char **argv);

/* anjuctl receipts / payments / subscriptions (anjuctl-deals.c) */
int        anjuctl_receipts_run      (int    argc,
                                      char **argv);
int        anjuctl_payments_run      (int    argc,
                                      char **argv);
int        anjuctl_signing_run       (int    argc,
                                      char **argv);
int        anjuctl_checklist_run     (int    argc,
                                      char **argv);
int        anjuctl_filing_run        (int    argc,
                                      char **argv);
int        anjuctl_mortgage_run      (int    argc,
                                      char **argv);
int        anjuctl_subscriptions_run (int    argc,
                                      char **argv);

/* anjuctl projects create|list, anjuctl buildings create (anjuctl-projects.c) */
int        anjuctl_projects_run      (int    argc,
                                      char **argv);
int        anjuctl_buildings_run     (int    argc,
                                      char **argv);

/* anjuctl care calendar|plan|milestone, anjuctl handover list
 * (anjuctl-care.c) */
int        anjuctl_care_run          (int    argc,
                                      char **argv);
int        anjuctl_handover_list_run (int    argc,
                                      char **argv);

G_END_DECLS
