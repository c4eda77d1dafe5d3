/* anju-context.h — the services the widgets of one window share
 *
 * The context hands every widget what it needs instead of globals: the
 * database (behind the worker thread), the settings, the person signed in
 * and the current project. Commands go through it so that, once one is
 * applied, "changed" tells every list which change topics to reload.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "anju-projects.h"
#include "anju-segmentation.h"
#include "anju-sync-client.h"
#include "anju-user.h"
#include "anju-worker.h"

G_BEGIN_DECLS

#define ANJU_TYPE_CONTEXT (anju_context_get_type ())
G_DECLARE_FINAL_TYPE (AnjuContext, anju_context, ANJU, CONTEXT, GObject)

AnjuContext       *anju_context_new                  (GSettings           *settings);

AnjuWorker        *anju_context_get_worker           (AnjuContext         *self);
GSettings         *anju_context_get_settings         (AnjuContext         *self);
/* The open database file, or NULL before anju_context_open_database_async(). */
const char        *anju_context_get_database_path    (AnjuContext         *self);

/* TRUE once a database is open and prepared; until then jobs queue up. */
gboolean           anju_context_get_ready            (AnjuContext         *self);
/* Why the last database could not be opened, or NULL. */
const char        *anju_context_get_database_error   (AnjuContext         *self);

/* The person signed in, or NULL. Setting it notifies "user". */
const AnjuUser    *anju_context_get_user             (AnjuContext         *self);
void               anju_context_set_user             (AnjuContext         *self,
                                                      const AnjuUser      *user);
/* Whether the signed-in person's role may do commands of @type
 * (anju_commands_allowed()): what a widget asks before it shows or
 * enables an action, instead of naming roles. */
gboolean           anju_context_may                  (AnjuContext         *self,
                                                      const char          *type);

/* The current project, or NULL while none is loaded. Notifies "project". */
const AnjuProject *anju_context_get_project          (AnjuContext         *self);
void               anju_context_set_project          (AnjuContext         *self,
                                                      const AnjuProject   *project);
/* The segmentation model of the current project, or NULL. */
AnjuSegmentModel  *anju_context_get_segment_model    (AnjuContext         *self);

/* "Now" for the widgets and for the database (UTC µs): the system clock
 * unless a test sets another. @func must be callable from any thread. */
void               anju_context_set_clock            (AnjuContext         *self,
                                                      AnjuClockFunc        func,
                                                      gpointer             user_data);
gint64             anju_context_get_now              (AnjuContext         *self);

/* Opens @path on the worker, loads the demo project into an empty
 * database, selects the project named in the settings (or the first) and
 * signs the current person out. */
void               anju_context_open_database_async  (AnjuContext         *self,
                                                      const char          *path,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
typedef enum
{
  ANJU_CONTEXT_OPEN_NONE    = 0,
  /* An office database: its projects come from the server, never the demo. */
  ANJU_CONTEXT_OPEN_NO_DEMO = 1 << 0,
} AnjuContextOpenFlags;

/* The same with @flags; finish with anju_context_open_database_finish(). */
void               anju_context_open_database_full_async (AnjuContext         *self,
                                                          const char          *path,
                                                          AnjuContextOpenFlags flags,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean           anju_context_open_database_finish (AnjuContext         *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Runs command @type with @payload as the signed-in person. On success
 * emits "changed" with the topics of the rows the command wrote, then completes. On a
 * connected desk an office decision is asked of the server (and refused
 * with ANJU_COMMAND_ERROR_OFFLINE when it cannot be reached). */
void               anju_context_run_command_async    (AnjuContext         *self,
                                                      const char          *type,
                                                      JsonObject          *payload,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* The answer {"id", "type", "status", "result", "changes"} or NULL with
 * an error in ANJU_COMMAND_ERROR whose message a person can act on. */
JsonObject        *anju_context_run_command_finish   (AnjuContext         *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* ---- the office server ----
 *
 * A desk works alone or connected to an office server (anju-server). While
 * connected the context owns an AnjuSyncClient ("sync-client", else NULL),
 * which syncs while someone is signed in; anju_context_run_command_async()
 * sends what the office decides (ANJU_COMMAND_FLAG_OFFICE_DECISION) to the
 * server and has everything else sent right after it is applied here; the
 * client's changes come out of "changed", its refusals out of "rejected". */
AnjuSyncClient    *anju_context_get_sync_client      (AnjuContext         *self);
/* The office server's address while connected, else NULL. */
const char        *anju_context_get_server_url       (AnjuContext         *self);
/* Sends and receives now (a click on the sync state); nothing when alone. */
void               anju_context_sync_now             (AnjuContext         *self);

/* Signs @username in at the server at @url and connects this desk to it
 * (first start, preferences); then that person is the one signed in here
 * and the desk syncs. Fails in ANJU_SYNC_ERROR with a sentence.
 *
 * A database that holds records made here alone (the demo project, say)
 * is not connected: the context opens a new database beside it, named
 * after the server (office-HOST-PORT.db, reused when it belongs to that
 * server already), connects that one and remembers it in the settings
 * ("database-path"); the database used alone stays as it was. */
void               anju_context_connect_async        (AnjuContext         *self,
                                                      const char          *url,
                                                      const char          *username,
                                                      const char          *password,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           anju_context_connect_finish       (AnjuContext         *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Back to "this computer alone"; refused (ANJU_SYNC_ERROR_PENDING) while
 * changes wait to be sent. */
void               anju_context_disconnect_async     (AnjuContext         *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           anju_context_disconnect_finish    (AnjuContext         *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Checks the password here and signs the person in. On a connected desk it
 * also renews the server session in their name, and asks the server about
 * someone this desk does not know (yet). */
void               anju_context_sign_in_async        (AnjuContext         *self,
                                                      const char          *username,
                                                      const char          *password,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           anju_context_sign_in_finish       (AnjuContext         *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
