/* anju-sync-engine.h — one workstation's exchange with the office server
 *
 * The engine works synchronously on one AnjuStore from one thread at a
 * time: AnjuSyncClient runs it on its worker thread, `anjuctl sync` and
 * the tests call it directly.
 *
 * The model (Replicache-like): a desk applies its own commands at once
 * and keeps them in the outbox until the server has decided them. The
 * desk's change feed (the changes table) holds every row image it has
 * seen; images that came from the server carry their server_seq, local
 * ones do not. A row's *base* is its latest image that no pending command
 * wrote. Each answer or pulled page is taken in one transaction:
 *
 *  - the commands the server decided leave the outbox; their local
 *    images give way to the server's;
 *  - when nothing else pending touched those rows, that is all (the usual
 *    case, cheap for thousands of commands);
 *  - otherwise — and always after a rejection — every row a pending
 *    command touched goes back to its base, the server's images are
 *    applied, and the commands still pending are applied again on top.
 *
 * So a rejected command disappears from the desk (its rows back to the
 * server's version, rows it created deleted), nothing is applied twice,
 * and the pulled cursor moves in the same transaction as the rows.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "anju-command.h"
#include "anju-store.h"

G_BEGIN_DECLS

#define ANJU_SYNC_ERROR (anju_sync_error_quark ())

typedef enum
{
  ANJU_SYNC_ERROR_NOT_CONNECTED,   /* this desk works alone: no office server */
  ANJU_SYNC_ERROR_OFFLINE,         /* the server cannot be reached now */
  ANJU_SYNC_ERROR_SIGNED_OUT,      /* no token, or it expired or was revoked */
  ANJU_SYNC_ERROR_AUTH,            /* wrong user name or password */
  ANJU_SYNC_ERROR_THROTTLED,       /* too many failed sign-ins */
  ANJU_SYNC_ERROR_WRONG_SERVER,    /* the desk belongs to another office database */
  ANJU_SYNC_ERROR_SERVER,          /* the server failed or does not understand */
  ANJU_SYNC_ERROR_PENDING,         /* commands still wait to be sent */
  ANJU_SYNC_ERROR_LOCAL_DATA,      /* a first connection of a database that
                                    * already holds records made alone */
} AnjuSyncError;

GQuark anju_sync_error_quark (void);

/* What one exchange did, for people (anjuctl sync) and the UI. */
typedef struct
{
  GPtrArray  *answers;      /* JsonObject*: the server's answer to each command sent */
  guint       n_applied;
  guint       n_rejected;
  guint       n_received;   /* changes pulled and taken */
  GHashTable *tables;       /* tables whose rows changed here: name → count */
  gint64      cursor;       /* the server sequence the desk has caught up to */
  guint       n_pending;    /* commands still in the outbox */
  guint       n_waiting;    /* pending commands that could not be re-applied */
  gboolean    blocked;      /* the next command belongs to another user */
} AnjuSyncReport;

AnjuSyncReport *anju_sync_report_new   (void);
void            anju_sync_report_free  (AnjuSyncReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuSyncReport, anju_sync_report_free)

typedef struct _AnjuSyncEngine AnjuSyncEngine;

/* The engine keeps a reference to @store. */
AnjuSyncEngine *anju_sync_engine_new          (AnjuStore       *store);
void            anju_sync_engine_free         (AnjuSyncEngine  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuSyncEngine, anju_sync_engine_free)

AnjuStore      *anju_sync_engine_get_store    (AnjuSyncEngine  *self);
/* Whether this desk is set up for an office server (sign-in may be due). */
gboolean        anju_sync_engine_is_connected (AnjuSyncEngine  *self);
gboolean        anju_sync_engine_is_signed_in (AnjuSyncEngine  *self);
char           *anju_sync_engine_dup_server_url (AnjuSyncEngine *self);
/* The id of the user the server knows this desk as, or NULL. */
char           *anju_sync_engine_dup_user_id  (AnjuSyncEngine  *self);
guint           anju_sync_engine_count_pending (AnjuSyncEngine *self);

typedef enum
{
  ANJU_SYNC_LOGIN_NONE            = 0,
  /* Keep a local Argon2id hash of the password, so the person can sign in
   * at this desk while the server is unreachable. */
  ANJU_SYNC_LOGIN_REMEMBER_LOCALLY = 1 << 0,
} AnjuSyncLoginFlags;

/* Signs in at @url (e.g. "http://192.168.1.10:8470") and connects this
 * desk to that office: from now on local commands go to the outbox.
 * Refuses (WRONG_SERVER) a desk that belongs to another office database,
 * and (LOCAL_DATA) the first connection of a database that already holds
 * projects, customers or units made on this computer alone — they were
 * never sent and would mix with the office's rows; connect a new, empty
 * database instead. Nothing is written when refused.
 * When a different person than the last signs in, every row taken from
 * the office is deleted (overwritten in the file) and pulled again from
 * the start, filtered for the new person; refused (PENDING) while the
 * last person's commands still wait in the outbox. */
gboolean        anju_sync_engine_login        (AnjuSyncEngine     *self,
                                               const char         *url,
                                               const char         *username,
                                               const char         *password,
                                               AnjuSyncLoginFlags  flags,
                                               GCancellable       *cancellable,
                                               GError            **error);
/* Trusts the certificates in the PEM file @path (the office's own CA or
 * its self-signed certificate) for the office server, instead of the
 * system's; NULL or "" for the system's. Kept in the desk's database, so
 * every engine on this desk uses it. Fails (SERVER) if @path cannot be
 * read as PEM certificates. */
gboolean        anju_sync_engine_set_ca_file  (AnjuSyncEngine     *self,
                                               const char         *path,
                                               GError            **error);
char           *anju_sync_engine_dup_ca_file  (AnjuSyncEngine     *self);
/* Sends what waits in the outbox (best effort), ends the session on the
 * server — the token is revoked there — and forgets the token. */
gboolean        anju_sync_engine_logout       (AnjuSyncEngine     *self,
                                               GCancellable       *cancellable,
                                               GError            **error);
/* Back to "this computer alone"; refused (PENDING) while commands wait. */
gboolean        anju_sync_engine_disconnect   (AnjuSyncEngine     *self,
                                               GError            **error);

/* Sends the outbox in order, in batches, and takes the answers. */
gboolean        anju_sync_engine_push         (AnjuSyncEngine     *self,
                                               AnjuSyncReport     *report,
                                               GCancellable       *cancellable,
                                               GError            **error);
/* Pulls the change feed until caught up. With @wait > 0 the first request
 * is a long-poll of up to @wait seconds; cancelling @cancellable ends that
 * wait early without an error. */
gboolean        anju_sync_engine_pull         (AnjuSyncEngine     *self,
                                               guint               wait,
                                               AnjuSyncReport     *report,
                                               GCancellable       *cancellable,
                                               GError            **error);
/* Push, then pull: one round. */
gboolean        anju_sync_engine_sync         (AnjuSyncEngine     *self,
                                               AnjuSyncReport     *report,
                                               GCancellable       *cancellable,
                                               GError            **error);

/* Applies @command as @actor the way this desk must: alone, locally;
 * connected, a command the office decides (ANJU_COMMAND_FLAG_OFFICE_DECISION)
 * goes to the server now — after the outbox — and its answer is taken, or
 * it fails with ANJU_COMMAND_ERROR_OFFLINE when the server cannot be
 * reached; a command the office decides when it can
 * (ANJU_COMMAND_FLAG_OFFICE_PREFERRED, the walk-in rotation) goes to the
 * server the same way, but is applied locally and queued when the server
 * cannot be reached (or this person is not signed in to it); any other
 * command is applied locally and queued. anju_command_route() decides
 * which, from the command's spec. Returns the
 * answer or NULL with an ANJU_COMMAND_ERROR. */
JsonObject     *anju_sync_engine_submit       (AnjuSyncEngine     *self,
                                               const AnjuCommand  *command,
                                               const AnjuUser     *actor,
                                               AnjuSyncReport     *report,
                                               GCancellable       *cancellable,
                                               GError            **error);

/* A command the server refused, kept on the desk until the person who
 * made it has read why (the UI's toast, and a list to open later). */
typedef struct
{
  char *command_id;
  char *type;
  char *actor_id;
  char *code;
  char *field;
  char *message;
  char *at;                /* ISO 8601 UTC, when the verdict arrived */
} AnjuSyncRejection;

void        anju_sync_rejection_free        (AnjuSyncRejection *rejection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuSyncRejection, anju_sync_rejection_free)

/* Rejections of @actor_id's commands (all when NULL), newest first, only
 * those not yet marked seen when @unseen_only; element type
 * AnjuSyncRejection*. */
GPtrArray  *anju_sync_list_rejections       (AnjuStore   *store,
                                             const char  *actor_id,
                                             gboolean     unseen_only,
                                             GError     **error);
gboolean    anju_sync_mark_rejection_seen   (AnjuStore   *store,
                                             const char  *command_id,
                                             GError     **error);

G_END_DECLS
