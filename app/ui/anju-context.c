/* anju-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-context"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "anju-command.h"
#include "anju-context.h"
#include "anju-format.h"
#include "anju-sync-engine.h"
#include "anju-ui-jobs.h"

struct _AnjuContext
{
  GObject           parent_instance;

  GSettings        *settings;
  AnjuWorker       *worker;
  AnjuUser         *user;
  AnjuProject      *project;
  AnjuSegmentModel *segment_model;   /* owned by core's model cache */
  char             *database_error;
  gboolean          ready;
  AnjuClockFunc     clock;           /* NULL: the system clock */
  gpointer          clock_data;
  AnjuSyncClient   *sync_client;     /* NULL: this computer works alone */
  char             *server_url;      /* the office server's, while connected */
};

G_DEFINE_FINAL_TYPE (AnjuContext, anju_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_USER,
  PROP_PROJECT_NAME,
  PROP_DATABASE_PATH,
  PROP_READY,
  PROP_DATABASE_ERROR,
  PROP_SYNC_CLIENT,
  N_PROPS
};

enum {
  CHANGED,
  REJECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void set_sync_client (AnjuContext    *self,
                             AnjuSyncClient *client);

static void
anju_context_dispose (GObject *object)
{
  AnjuContext *self = (AnjuContext *)object;

  set_sync_client (self, NULL);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (anju_context_parent_class)->dispose (object);
}

static void
anju_context_finalize (GObject *object)
{
  AnjuContext *self = (AnjuContext *)object;

  g_clear_pointer (&self->user, anju_user_free);
  g_clear_pointer (&self->project, anju_project_free);
  g_clear_pointer (&self->database_error, g_free);
  g_clear_pointer (&self->server_url, g_free);

  G_OBJECT_CLASS (anju_context_parent_class)->finalize (object);
}

static void
anju_context_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AnjuContext *self = ANJU_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_USER:
      g_value_set_boxed (value, self->user);
      break;

    case PROP_PROJECT_NAME:
      g_value_set_string (value, self->project ? self->project->name : NULL);
      break;

    case PROP_DATABASE_PATH:
      g_value_set_string (value, anju_context_get_database_path (self));
      break;

    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    case PROP_DATABASE_ERROR:
      g_value_set_string (value, self->database_error);
      break;

    case PROP_SYNC_CLIENT:
      g_value_set_object (value, self->sync_client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_context_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AnjuContext *self = ANJU_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_USER:
      anju_context_set_user (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_context_class_init (AnjuContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = anju_context_dispose;
  object_class->finalize = anju_context_finalize;
  object_class->get_property = anju_context_get_property;
  object_class->set_property = anju_context_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_USER] =
    g_param_spec_boxed ("user", NULL, NULL,
                        ANJU_TYPE_USER,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROJECT_NAME] =
    g_param_spec_string ("project-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATABASE_ERROR] =
    g_param_spec_string ("database-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SYNC_CLIENT] =
    g_param_spec_object ("sync-client", NULL, NULL,
                         ANJU_TYPE_SYNC_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnjuContext::changed:
   * @topics: the change topics of the rows an applied command wrote
   *   ("units", "customers", … as the domains declare them with
   *   anju_topic_declare()); subscribe with anju_topics_match()
   *
   * Emitted on the main thread after every applied command, here or
   * pulled from the office.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);

  /**
   * AnjuContext::rejected:
   * @command_id: the command the office server refused
   * @type: its type, e.g. "customer.create"
   * @message: why, a sentence for the person who made it
   *
   * Emitted when the office server refused a command made on this desk;
   * the command has been rolled back here (see AnjuSyncClient::rejected).
   */
  signals[REJECTED] =
    g_signal_new ("rejected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

/* The domains' commands are registered by the program's main
 * (anju_commands_init()), above core's dispatcher and above this. */
static void
anju_context_init (AnjuContext *self)
{
  self->worker = anju_worker_new ();
}

AnjuContext *
anju_context_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ANJU_TYPE_CONTEXT,
                       "settings", settings,
                       NULL);
}

AnjuWorker *
anju_context_get_worker (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), NULL);

  return self->worker;
}

GSettings *
anju_context_get_settings (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), NULL);

  return self->settings;
}

const char *
anju_context_get_database_path (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), NULL);

  return self->worker ? anju_worker_get_path (self->worker) : NULL;
}

const AnjuUser *
anju_context_get_user (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), NULL);

  return self->user;
}

void
anju_context_set_user (AnjuContext    *self,
                       const AnjuUser *user)
{
  g_return_if_fail (ANJU_IS_CONTEXT (self));

  if (user == NULL && self->user == NULL)
    return;
  g_clear_pointer (&self->user, anju_user_free);
  if (user != NULL)
    self->user = anju_user_copy (user);
  /* A connected desk syncs while someone works at it. */
  if (self->sync_client != NULL && user != NULL)
    anju_sync_client_start (self->sync_client);
  else if (self->sync_client != NULL)
    anju_sync_client_stop (self->sync_client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

gboolean
anju_context_may (AnjuContext *self,
                  const char  *type)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), FALSE);

  return anju_commands_allowed (type, self->user);
}

static AnjuProject *
copy_project (const AnjuProject *project)
{
  AnjuProject *copy = g_new0 (AnjuProject, 1);

  copy->id = g_strdup (project->id);
  copy->name = g_strdup (project->name);
  copy->city = g_strdup (project->city);
  copy->developer = g_strdup (project->developer);
  copy->address = g_strdup (project->address);
  copy->hotline = g_strdup (project->hotline);
  copy->segmentation_model = g_strdup (project->segmentation_model);
  return copy;
}

const AnjuProject *
anju_context_get_project (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), NULL);

  return self->project;
}

/* The model must already be in core's cache (the worker looked it up),
 * so this lookup reads no file on the main thread. */
void
anju_context_set_project (AnjuContext       *self,
                          const AnjuProject *project)
{
  g_return_if_fail (ANJU_IS_CONTEXT (self));

  g_clear_pointer (&self->project, anju_project_free);
  self->segment_model = NULL;
  if (project != NULL)
    {
      self->project = copy_project (project);
      self->segment_model = anju_segment_model_lookup (project->segmentation_model
                                                       ? project->segmentation_model
                                                       : "vanke");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_NAME]);
}

AnjuSegmentModel *
anju_context_get_segment_model (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), NULL);

  return self->segment_model;
}

gboolean
anju_context_get_ready (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), FALSE);

  return self->ready;
}

const char *
anju_context_get_database_error (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), NULL);

  return self->database_error;
}

void
anju_context_set_clock (AnjuContext   *self,
                        AnjuClockFunc  func,
                        gpointer       user_data)
{
  g_return_if_fail (ANJU_IS_CONTEXT (self));

  self->clock = func;
  self->clock_data = user_data;
  anju_worker_set_clock (self->worker, func, user_data);
}

gint64
anju_context_get_now (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), 0);

  return self->clock ? self->clock (self->clock_data) : g_get_real_time ();
}

/* ---- opening a database ------------------------------------------------ */

static void
set_database_state (AnjuContext *self,
                    gboolean     ready,
                    const char  *error)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->ready != ready)
    {
      self->ready = ready;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
  if (g_strcmp0 (self->database_error, error) != 0)
    {
      g_free (self->database_error);
      self->database_error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_ERROR]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

typedef struct
{
  AnjuProject *project;
  char        *server_url;   /* NULL: the desk works alone */
} Prepared;

static void
prepared_free (Prepared *prepared)
{
  g_clear_pointer (&prepared->project, anju_project_free);
  g_free (prepared->server_url);
  g_free (prepared);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

typedef struct
{
  char     *project_id;
  gboolean  load_demo;
} PrepareJob;

static void
prepare_job_free (PrepareJob *job)
{
  g_free (job->project_id);
  g_free (job);
}

/* Worker thread: the demo on a first start, the project, the models read
 * into core's cache so the main thread never reads them from disk, and
 * whether the desk is connected to an office server. A connected desk's
 * projects come from the server: it never gets the demo. */
/* A sync client for @path trusting the office certificate the "ca-file"
 * setting names (empty: the system's). */
static AnjuSyncClient *
new_sync_client (AnjuContext *self,
                 const char  *path)
{
  AnjuSyncClient *client = anju_sync_client_new (path);
  g_autofree char *ca_file = g_settings_get_string (self->settings, "ca-file");

  if (*ca_file != '\0')
    anju_sync_client_set_ca_file (client, ca_file);
  return client;
}

static gpointer
prepare_database (AnjuStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  PrepareJob *job = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(Prepared) prepared = g_new0 (Prepared, 1);
  g_autoptr(AnjuSyncEngine) engine = anju_sync_engine_new (store);
  gboolean connected = anju_sync_engine_is_connected (engine);

  if (job->load_demo && !connected)
    prepared->project = anju_ui_job_prepare_database (store, job->project_id, cancellable,
                                                      &local_error);
  else
    prepared->project = anju_project_lookup_or_first (store, job->project_id);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (anju_segment_models_get_all (&local_error) == NULL && local_error != NULL)
    g_warning ("Segmentation models: %s", local_error->message);
  if (connected)
    prepared->server_url = anju_sync_engine_dup_server_url (engine);
  return g_steal_pointer (&prepared);
}

static void
on_database_prepared_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AnjuContext *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(Prepared) prepared = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (error != NULL)
    {
      set_database_state (self, FALSE, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  anju_context_set_project (self, prepared->project);
  if (prepared->server_url != NULL)
    {
      const char *path = anju_context_get_database_path (self);
      g_autoptr(AnjuSyncClient) client = new_sync_client (self, path);

      g_free (self->server_url);
      self->server_url = g_strdup (prepared->server_url);
      set_sync_client (self, client);
    }
  set_database_state (self, TRUE, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
on_database_opened_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AnjuContext *self = g_task_get_source_object (task);
  AnjuContextOpenFlags flags = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  PrepareJob *job;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
  if (!anju_worker_open_finish (ANJU_WORKER (object), result, &error))
    {
      g_autofree char *message =
        anju_format_join_sentences (error->message,
                                    _("Choose another database file in Preferences (Ctrl+,)."));

      set_database_state (self, FALSE, message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job = g_new0 (PrepareJob, 1);
  job->project_id = g_settings_get_string (self->settings, "project-id");
  job->load_demo = (flags & ANJU_CONTEXT_OPEN_NO_DEMO) == 0;
  anju_worker_run_async (self->worker,
                         prepare_database,
                         job, (GDestroyNotify)prepare_job_free,
                         (GDestroyNotify)prepared_free,
                         g_task_get_cancellable (task),
                         on_database_prepared_cb,
                         g_object_ref (task));
}

void
anju_context_open_database_async (AnjuContext         *self,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  anju_context_open_database_full_async (self, path, ANJU_CONTEXT_OPEN_NONE,
                                         cancellable, callback, user_data);
}

void
anju_context_open_database_full_async (AnjuContext          *self,
                                       const char           *path,
                                       AnjuContextOpenFlags  flags,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ANJU_IS_CONTEXT (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, anju_context_open_database_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (flags), NULL);

  set_database_state (self, FALSE, NULL);
  /* Another database has other people: nobody stays signed in. */
  anju_context_set_user (self, NULL);
  anju_context_set_project (self, NULL);
  set_sync_client (self, NULL);
  anju_worker_open_async (self->worker, path, cancellable,
                          on_database_opened_cb, g_steal_pointer (&task));
}

gboolean
anju_context_open_database_finish (AnjuContext   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- commands ---------------------------------------------------------- */

typedef struct
{
  char       *type;
  JsonObject *payload;
  AnjuUser   *actor;
} CommandJob;

static void
command_job_free (CommandJob *job)
{
  g_free (job->type);
  g_clear_pointer (&job->payload, json_object_unref);
  g_clear_pointer (&job->actor, anju_user_free);
  g_free (job);
}

static gpointer
run_command (AnjuStore     *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  CommandJob *job = data;

  return anju_command_run (store, job->actor, job->type, job->payload, error);
}

static void
on_command_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AnjuContext *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  g_auto(GStrv) topics = NULL;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  topics = anju_command_answer_dup_topics (answer);
  if (topics[0] != NULL)
    g_signal_emit (self, signals[CHANGED], 0, topics);
  /* Queued in the outbox: send it now rather than at the next round. */
  if (self->sync_client != NULL)
    anju_sync_client_sync_now (self->sync_client);
  g_task_return_pointer (task, g_steal_pointer (&answer), (GDestroyNotify)json_object_unref);
}

/* The client has emitted ::changed for what the decision wrote here. */
static void
on_submitted_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *answer = anju_sync_client_submit_finish (ANJU_SYNC_CLIENT (object), result, &error);

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, answer, (GDestroyNotify)json_object_unref);
}

void
anju_context_run_command_async (AnjuContext         *self,
                                const char          *type,
                                JsonObject          *payload,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CommandJob *job;

  g_return_if_fail (ANJU_IS_CONTEXT (self));
  g_return_if_fail (type != NULL);
  g_return_if_fail (payload != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, anju_context_run_command_async);

  if (self->user == NULL)
    {
      g_task_return_new_error (task, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_AUTH,
                               _("Nobody is signed in. Sign in first."));
      return;
    }

  /* What the office decides goes to the desk command runner on the sync
   * client's thread (it asks the server; offline it refuses an office
   * decision and applies an office-preferred command here). */
  if (anju_command_route (type, self->sync_client != NULL) != ANJU_COMMAND_ROUTE_LOCAL)
    {
      g_autoptr(AnjuCommand) command = anju_command_new (type, payload);

      anju_sync_client_submit_async (self->sync_client, command, self->user, NULL,
                                     on_submitted_cb, g_steal_pointer (&task));
      return;
    }

  job = g_new0 (CommandJob, 1);
  job->type = g_strdup (type);
  job->payload = json_object_ref (payload);
  job->actor = anju_user_copy (self->user);
  /* Not cancellable once queued: a command that ran must still announce
   * its changes, even when the widget that asked is gone. */
  anju_worker_run_async (self->worker, run_command, job, (GDestroyNotify)command_job_free,
                         (GDestroyNotify)json_object_unref, NULL,
                         on_command_done_cb, g_steal_pointer (&task));
}

JsonObject *
anju_context_run_command_finish (AnjuContext   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the office server ------------------------------------------------- */

static gpointer
lookup_first_project (AnjuStore     *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  AnjuProject *project = anju_project_lookup_or_first (store, NULL);

  /* warm core's model cache here, so set_project reads no file */
  if (project != NULL)
    anju_segment_model_lookup (project->segmentation_model ? project->segmentation_model : "vanke");
  return project;
}

static void
on_first_project_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AnjuContext) self = user_data;
  g_autoptr(AnjuProject) project = anju_worker_run_finish (ANJU_WORKER (object), result, NULL);

  if (project != NULL && self->project == NULL)
    anju_context_set_project (self, project);
}

static void
on_sync_client_changed_cb (AnjuContext        *self,
                           const char * const *topics,
                           AnjuSyncClient     *client)
{
  static const char * const watched[] = { "projects", NULL };

  /* A desk that just joined an office has no project until the office's
   * projects arrive: take the first one then. */
  if (self->project == NULL && anju_topics_match (topics, watched))
    anju_worker_run_async (self->worker, lookup_first_project, NULL, NULL,
                           (GDestroyNotify)anju_project_free, NULL,
                           on_first_project_cb, g_object_ref (self));
  g_signal_emit (self, signals[CHANGED], 0, topics);
}

static void
on_sync_client_rejected_cb (AnjuContext    *self,
                            const char     *command_id,
                            const char     *type,
                            const char     *message,
                            AnjuSyncClient *client)
{
  g_signal_emit (self, signals[REJECTED], 0, command_id, type, message);
}

static void
set_sync_client (AnjuContext    *self,
                 AnjuSyncClient *client)
{
  if (self->sync_client == client)
    return;
  if (self->sync_client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync_client, self);
      anju_sync_client_stop (self->sync_client);
      g_clear_object (&self->sync_client);
    }
  if (client != NULL)
    {
      self->sync_client = g_object_ref (client);
      g_signal_connect_object (client, "changed",
                               G_CALLBACK (on_sync_client_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "rejected",
                               G_CALLBACK (on_sync_client_rejected_cb), self,
                               G_CONNECT_SWAPPED);
      if (self->user != NULL)
        anju_sync_client_start (client);
    }
  else
    g_clear_pointer (&self->server_url, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_CLIENT]);
}

AnjuSyncClient *
anju_context_get_sync_client (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), NULL);

  return self->sync_client;
}

const char *
anju_context_get_server_url (AnjuContext *self)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), NULL);

  return self->sync_client != NULL ? self->server_url : NULL;
}

void
anju_context_sync_now (AnjuContext *self)
{
  g_return_if_fail (ANJU_IS_CONTEXT (self));

  if (self->sync_client != NULL)
    anju_sync_client_sync_now (self->sync_client);
}

typedef struct
{
  char           *username;
  char           *password;
  char           *url;
  AnjuSyncClient *client;
  GError         *local_error;   /* signing in here failed; the server may know better */
  char           *office_path;   /* a new database for the office, beside the one used alone */
  gboolean        office_opened; /* … now open in the window */
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_free (sign_in->username);
  if (sign_in->password != NULL)
    {
      memset (sign_in->password, 0, strlen (sign_in->password));
      g_free (sign_in->password);
    }
  g_free (sign_in->url);
  g_free (sign_in->office_path);
  g_clear_object (&sign_in->client);
  g_clear_error (&sign_in->local_error);
  g_free (sign_in);
}

static gpointer
authenticate (AnjuStore     *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SignIn *sign_in = data;

  return anju_user_authenticate (store, sign_in->username, sign_in->password, error);
}

static gpointer
lookup_user (AnjuStore     *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  AnjuUser *user = anju_user_lookup_by_name (store, data);

  if (user == NULL)
    g_set_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_NOT_FOUND,
                 _("The office server signed in “%s”, but this computer does not know that user yet. Try again in a moment."),
                 (const char *)data);
  return user;
}

/* Signs @user in here; the same person again keeps the window as it is. */
static void
take_user (AnjuContext    *self,
           const AnjuUser *user)
{
  if (self->user != NULL && g_strcmp0 (self->user->id, user->id) == 0)
    {
      if (self->sync_client != NULL)
        anju_sync_client_start (self->sync_client);
      return;
    }
  anju_context_set_user (self, user);
}

static void
on_server_user_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AnjuContext *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuUser) user = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (user == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  take_user (self, user);
  g_task_return_boolean (task, TRUE);
}

/* Where a desk that worked alone keeps the office's database: beside the
 * database it used alone, named after the server (office-HOST-PORT.db). */
static char *
dup_office_path (const char *database_path,
                 const char *url)
{
  g_autofree char *with_scheme = strstr (url, "://") != NULL ? g_strdup (url)
                                                             : g_strconcat ("http://", url, NULL);
  g_autoptr(GUri) uri = g_uri_parse (g_strstrip (with_scheme), G_URI_FLAGS_NONE, NULL);
  g_autofree char *dir = g_path_get_dirname (database_path);
  g_autofree char *host = NULL;
  g_autofree char *name = NULL;
  int port = uri != NULL ? g_uri_get_port (uri) : -1;

  if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0')
    host = g_ascii_strdown (g_uri_get_host (uri), -1);
  else
    host = g_strdup ("server");
  for (char *c = host; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '.' && *c != '-')
      *c = '-';
  if (port > 0)
    name = g_strdup_printf ("office-%s-%d.db", host, port);
  else
    name = g_strdup_printf ("office-%s.db", host);
  return g_build_filename (dir, name, NULL);
}

/* The server said yes (and the office's database is open): this desk is
 * connected; sign the person in here. */
static void
finish_connect (GTask *task)
{
  AnjuContext *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  const char *url = anju_sync_client_get_server_url (sign_in->client);

  g_free (self->server_url);
  self->server_url = g_strdup (url ? url : sign_in->url);
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "sync-mode", "server");
  g_settings_set_string (self->settings, "server-url", self->server_url);
  /* The next start opens the office's database, not the one used alone. */
  if (sign_in->office_path != NULL)
    g_settings_set_string (self->settings, "database-path", sign_in->office_path);
  g_settings_apply (self->settings);
  set_sync_client (self, sign_in->client);

  anju_worker_run_async (self->worker, lookup_user, g_strdup (sign_in->username), g_free,
                         (GDestroyNotify)anju_user_free, g_task_get_cancellable (task),
                         on_server_user_cb, task);
}

static void
on_office_opened_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!anju_context_open_database_finish (ANJU_CONTEXT (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sign_in->office_opened = TRUE;
  finish_connect (g_steal_pointer (&task));
}

static void
on_connected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AnjuContext *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  AnjuSyncClient *client = ANJU_SYNC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (!anju_sync_client_connect_finish (client, result, &error))
    {
      /* This database holds what was made here alone (the demo, say): the
       * office gets a new database of its own beside it — or the one made
       * for that server before — and the one used alone stays as it is. */
      if (g_error_matches (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_LOCAL_DATA) &&
          sign_in->office_path == NULL && sign_in->password != NULL &&
          self->sync_client == NULL)
        {
          sign_in->office_path = dup_office_path (anju_context_get_database_path (self),
                                                  sign_in->url);
          g_clear_object (&sign_in->client);
          sign_in->client = new_sync_client (self, sign_in->office_path);
          anju_sync_client_connect_async (sign_in->client, sign_in->url, sign_in->username,
                                          sign_in->password, cancellable,
                                          on_connected_cb, g_steal_pointer (&task));
          return;
        }
      /* Signing in at a connected desk while the server is away: what the
       * desk itself said is the better answer. */
      if (sign_in->local_error != NULL &&
          g_error_matches (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_OFFLINE))
        g_task_return_error (task, g_steal_pointer (&sign_in->local_error));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (sign_in->office_path != NULL && !sign_in->office_opened)
    {
      anju_context_open_database_full_async (self, sign_in->office_path,
                                             ANJU_CONTEXT_OPEN_NO_DEMO, cancellable,
                                             on_office_opened_cb, g_steal_pointer (&task));
      return;
    }
  finish_connect (g_steal_pointer (&task));
}

void
anju_context_connect_async (AnjuContext         *self,
                            const char          *url,
                            const char          *username,
                            const char          *password,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *sign_in;

  g_return_if_fail (ANJU_IS_CONTEXT (self));
  g_return_if_fail (url != NULL && username != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, anju_context_connect_async);
  if (!self->ready)
    {
      g_task_return_new_error (task, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_NOT_CONNECTED,
                               _("The database is not open yet. Wait a moment and try again."));
      return;
    }

  sign_in = g_new0 (SignIn, 1);
  sign_in->url = g_strdup (url);
  sign_in->username = g_strdup (username);
  /* Kept in case the office needs a database of its own (see above). */
  sign_in->password = g_strdup (password);
  /* A desk that worked alone gets its client only once the server said yes. */
  sign_in->client = self->sync_client != NULL
                    ? g_object_ref (self->sync_client)
                    : new_sync_client (self, anju_context_get_database_path (self));
  g_task_set_task_data (task, sign_in, (GDestroyNotify)sign_in_free);
  {
    g_autofree char *ca_file = g_settings_get_string (self->settings, "ca-file");

    anju_sync_client_set_ca_file (sign_in->client, ca_file);
  }
  anju_sync_client_connect_async (sign_in->client, url, username, password, cancellable,
                                  on_connected_cb, g_steal_pointer (&task));
}

gboolean
anju_context_connect_finish (AnjuContext   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_disconnected_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AnjuContext *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!anju_sync_client_disconnect_finish (ANJU_SYNC_CLIENT (object), result, &error))
    {
      /* Refused, still connected: the client now says "syncing" until a
       * round says more, so have one. */
      anju_sync_client_sync_now (ANJU_SYNC_CLIENT (object));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->sync_client == ANJU_SYNC_CLIENT (object))
    set_sync_client (self, NULL);
  g_settings_set_string (self->settings, "sync-mode", "standalone");
  g_task_return_boolean (task, TRUE);
}

void
anju_context_disconnect_async (AnjuContext         *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ANJU_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, anju_context_disconnect_async);
  if (self->sync_client == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  anju_sync_client_disconnect_async (self->sync_client, cancellable, on_disconnected_cb,
                                     g_steal_pointer (&task));
}

gboolean
anju_context_disconnect_finish (AnjuContext   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- signing in -------------------------------------------------------- */

static void
on_session_renewed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The header's sync state tells the person; this is for the log. */
  if (!anju_sync_client_connect_finish (ANJU_SYNC_CLIENT (object), result, &error))
    g_debug ("Renewing the office server session: %s", error->message);
}

static void
on_authenticated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AnjuContext *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuUser) user = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  GCancellable *cancellable;

  if (user != NULL)
    {
      /* The server session is this person's too, so that what they do
       * here goes to the server in their name; offline it waits. */
      if (self->sync_client != NULL && self->server_url != NULL)
        anju_sync_client_connect_async (self->sync_client, self->server_url,
                                        sign_in->username, sign_in->password, NULL,
                                        on_session_renewed_cb, NULL);
      take_user (self, user);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->sync_client == NULL || self->server_url == NULL ||
      !g_error_matches (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_AUTH))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Someone the office server knows who never signed in at this desk, or
   * whose password changed there: ask the server. */
  sign_in->local_error = g_steal_pointer (&error);
  sign_in->url = g_strdup (self->server_url);
  sign_in->client = g_object_ref (self->sync_client);
  cancellable = g_task_get_cancellable (task);
  anju_sync_client_connect_async (sign_in->client, sign_in->url, sign_in->username,
                                  sign_in->password, cancellable,
                                  on_connected_cb, g_steal_pointer (&task));
}

void
anju_context_sign_in_async (AnjuContext         *self,
                            const char          *username,
                            const char          *password,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *sign_in;

  g_return_if_fail (ANJU_IS_CONTEXT (self));
  g_return_if_fail (username != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, anju_context_sign_in_async);
  sign_in = g_new0 (SignIn, 1);
  sign_in->username = g_strdup (username);
  sign_in->password = g_strdup (password);
  g_task_set_task_data (task, sign_in, (GDestroyNotify)sign_in_free);

  /* The job only borrows @sign_in: the task keeps it for what follows. */
  anju_worker_run_async (self->worker, authenticate, sign_in, NULL,
                         (GDestroyNotify)anju_user_free, cancellable,
                         on_authenticated_cb, g_steal_pointer (&task));
}

gboolean
anju_context_sign_in_finish (AnjuContext   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
