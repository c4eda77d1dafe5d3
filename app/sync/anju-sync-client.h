/* anju-sync-client.h — a workstation's background sync, for the UI
 *
 * An AnjuSyncClient keeps one desk database in step with its office
 * server. It works on its own connection to the database, on its own
 * thread (the UI never waits on the network), and reports on the thread
 * that created it:
 *
 *   state          standalone, signed-out, syncing, synced, offline, error
 *   pending-count  commands made here that the server has not decided yet
 *   last-error     a sentence for people, or NULL
 *   ::changed      rows changed here (their change topics) — refresh what shows them
 *   ::rejected     the server refused a command made here; it has been
 *                  rolled back; tell the person who made it
 *
 * While it runs it pushes the outbox, pulls the change feed and then
 * long-polls, so a change on another desk shows here within 2 seconds.
 * A lost connection is retried with backoff (1 s doubling to 60 s).
 *
 * The UI applies ordinary commands to its own store as always and calls
 * anju_sync_client_sync_now() afterwards; commands the office decides
 * (ANJU_COMMAND_FLAG_OFFICE_DECISION) go through
 * anju_sync_client_submit_async(), which asks the server and refuses them
 * offline.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "anju-command.h"

G_BEGIN_DECLS

typedef enum
{
  ANJU_SYNC_STATE_STANDALONE,   /* this computer alone: no office server */
  ANJU_SYNC_STATE_SIGNED_OUT,   /* connected, but someone has to sign in */
  ANJU_SYNC_STATE_SYNCING,
  ANJU_SYNC_STATE_SYNCED,
  ANJU_SYNC_STATE_OFFLINE,      /* the server cannot be reached; changes wait */
  ANJU_SYNC_STATE_ERROR,        /* see last-error */
} AnjuSyncState;

#define ANJU_TYPE_SYNC_STATE (anju_sync_state_get_type ())
GType anju_sync_state_get_type (void) G_GNUC_CONST;

#define ANJU_TYPE_SYNC_CLIENT (anju_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (AnjuSyncClient, anju_sync_client, ANJU, SYNC_CLIENT, GObject)

/* A client of the desk database at @database_path (a file). */
AnjuSyncClient *anju_sync_client_new              (const char      *database_path);

AnjuSyncState   anju_sync_client_get_state        (AnjuSyncClient  *self);
guint           anju_sync_client_get_pending_count (AnjuSyncClient *self);
const char     *anju_sync_client_get_last_error   (AnjuSyncClient  *self);
/* The office server's URL, or NULL when working alone. */
const char     *anju_sync_client_get_server_url   (AnjuSyncClient  *self);

/* Starts syncing in the background (if this desk is connected). */
void            anju_sync_client_start            (AnjuSyncClient  *self);
void            anju_sync_client_stop             (AnjuSyncClient  *self);
/* Sends and receives now: after a local command, or a "retry" click. */
void            anju_sync_client_sync_now         (AnjuSyncClient  *self);

/* Signs in at @url and connects this desk to that office (preferences,
 * first start); keeps a local hash of the password so the person can
 * sign in here offline. Starts syncing on success. */
void            anju_sync_client_connect_async    (AnjuSyncClient      *self,
                                                   const char          *url,
                                                   const char          *username,
                                                   const char          *password,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        anju_sync_client_connect_finish   (AnjuSyncClient      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Trusts the PEM file @path (the office's own certificate) for the
 * office server from the next job on; NULL or "" for the system's. The
 * window passes its "ca-file" setting. */
void            anju_sync_client_set_ca_file      (AnjuSyncClient      *self,
                                                   const char          *path);
/* Ends the server session; the desk stays connected, signed out. */
void            anju_sync_client_sign_out_async   (AnjuSyncClient      *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        anju_sync_client_sign_out_finish  (AnjuSyncClient      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Back to "this computer alone"; refused while changes wait. */
void            anju_sync_client_disconnect_async (AnjuSyncClient      *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        anju_sync_client_disconnect_finish (AnjuSyncClient     *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);

/* Applies @command as @actor as this desk must (see
 * anju_sync_engine_submit()): an office decision is asked of the server
 * and fails with ANJU_COMMAND_ERROR_OFFLINE when it cannot be reached;
 * anything else is applied here and queued. Finishes with the answer. */
void            anju_sync_client_submit_async     (AnjuSyncClient      *self,
                                                   const AnjuCommand   *command,
                                                   const AnjuUser      *actor,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
JsonObject     *anju_sync_client_submit_finish    (AnjuSyncClient      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
