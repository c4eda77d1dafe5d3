/* anju-signing-private.h — helpers shared by the signing files
 *
 * Not installed, not for the UI: loading signings with a WHERE of one's
 * own, the checks every signing command makes, and the SMS and tasks
 * made from a signing (source_type "signing", source_id its id).
 */
#pragma once

#include <sqlite3.h>

#include "anju-command.h"
#include "anju-signing.h"

G_BEGIN_DECLS

/* The signings SELECT followed by @where (aliases: g signings,
 * s subscriptions, u units, b buildings, c customers). */
sqlite3_stmt *anju_signing_prepare     (AnjuStore           *store,
                                        const char          *where,
                                        GError             **error);
/* Steps @stmt to its end; AnjuSigning* rows. */
GPtrArray    *anju_signing_collect     (AnjuStore           *store,
                                        sqlite3_stmt        *stmt,
                                        GError             **error);
/* The signing named by the payload's "subscription_id", if the actor is
 * its consultant or a manager. */
AnjuSigning  *anju_signing_read        (AnjuCommandContext  *ctx,
                                        JsonObject          *payload,
                                        GError             **error);
gboolean      anju_signing_check_actor (AnjuCommandContext  *ctx,
                                        const AnjuSigning   *g,
                                        GError             **error);
/* The subscription is active and not yet signed. */
gboolean      anju_signing_check_open  (const AnjuSigning   *g,
                                        GError             **error);
/* Subject "subscription:<id>"; result members subscription_id and
 * signing_id. */
void          anju_signing_set_subject (AnjuCommandContext  *ctx,
                                        const AnjuSigning   *g);
/* An SMS to the buyer from template @template_id, {unit} filled in
 * (and @values, if any); NULL and no error when the buyer has no mobile. */
char         *anju_signing_queue_sms   (AnjuCommandContext  *ctx,
                                        const AnjuSigning   *g,
                                        const char          *template_id,
                                        const char          *rule,
                                        gint64               at,
                                        gint64               due_at,
                                        JsonObject          *values,
                                        GError             **error);
/* A task for the deal's consultant, due inside office hours unless
 * @keep_time. */
char         *anju_signing_add_task    (AnjuCommandContext  *ctx,
                                        const AnjuSigning   *g,
                                        const char          *kind,
                                        const char          *rule,
                                        const char          *title,
                                        gint64               due_at,
                                        gboolean             keep_time,
                                        GError             **error);

/* Refuses (field "documents", the missing items named) unless
 * @checklist is complete. */
gboolean      anju_signing_require_documents (AnjuCommandContext  *ctx,
                                              const AnjuSigning   *g,
                                              const char          *checklist,
                                              GError             **error);

/* ---- the rules the handlers check, shared with the snapshot ----------------
 * (anju_signing_dup_snapshot() asks these, so what a screen enables is
 * what the handler accepts.) */

/* The actor is the deal's consultant or a manager (or an administrator). */
gboolean      anju_signing_may_act         (const AnjuUser      *actor,
                                            const AnjuSigning   *g,
                                            GError             **error);
/* A payment method other than one_time and instalments takes a loan
 * (its bank is confirmed; the mortgage papers are needed). */
gboolean      anju_signing_method_needs_loan (const char *method);
/* The kind of the change waiting for approval, or NULL (no error). */
char         *anju_signing_dup_pending_change_kind (AnjuStore   *store,
                                                    const char  *subscription_id,
                                                    GError     **error);
gboolean      anju_signing_check_no_pending_change (AnjuStore          *store,
                                                    const AnjuSigning  *g,
                                                    GError            **error);
/* change.request: open, and no other change pending. */
gboolean      anju_signing_check_may_request_change (AnjuStore          *store,
                                                     const AnjuSigning  *g,
                                                     GError            **error);
/* Refuses (field "documents", the missing items named) unless @checklist
 * is complete. */
gboolean      anju_signing_check_documents_complete (AnjuStore          *store,
                                                     const AnjuSigning  *g,
                                                     const char         *checklist,
                                                     GError            **error);
/* signing.sign: open, no change pending, data confirmed, contract papers. */
gboolean      anju_signing_check_may_sign  (AnjuStore           *store,
                                            const AnjuSigning   *g,
                                            GError             **error);
/* filing.record: a signed contract. */
gboolean      anju_filing_check_may_record (const AnjuSigning   *g,
                                            GError             **error);
/* mortgage.open: the deal stands and has no pending application. */
gboolean      anju_mortgage_check_may_open (AnjuStore           *store,
                                            const AnjuSigning   *g,
                                            GError             **error);

void          anju_signing_checks_register_commands (void);
void          anju_signing_changes_register_commands (void);
void          anju_filing_register_commands         (void);

G_END_DECLS
