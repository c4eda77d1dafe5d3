/* anju-context.h — the services the widgets of one window share
 *
 * The context hands every widget what it needs instead of globals: the
 * database (behind the worker thread), the settings, the person signed in
 * and the current project. Commands go through it so that, once one is
 * applied, "changed" tells every list which tables to reload.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "anju-projects.h"
#include "anju-segmentation.h"
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
/* Whether someone is signed in with a role in @roles. */
gboolean           anju_context_has_role             (AnjuContext         *self,
                                                      guint                roles);

/* The current project, or NULL while none is loaded. Notifies "project". */
const AnjuProject *anju_context_get_project          (AnjuContext         *self);
void               anju_context_set_project          (AnjuContext         *self,
                                                      const AnjuProject   *project);
/* The segmentation model of the current project, or NULL. */
AnjuSegmentModel  *anju_context_get_segment_model    (AnjuContext         *self);

/* Opens @path on the worker, loads the demo project into an empty
 * database, selects the project named in the settings (or the first) and
 * signs the current person out. */
void               anju_context_open_database_async  (AnjuContext         *self,
                                                      const char          *path,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           anju_context_open_database_finish (AnjuContext         *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Runs command @type with @payload as the signed-in person. On success
 * emits "changed" with the tables the command wrote, then completes. */
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

G_END_DECLS
