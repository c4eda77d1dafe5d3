/* anju-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-context"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-context.h"
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
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
anju_context_dispose (GObject *object)
{
  AnjuContext *self = (AnjuContext *)object;

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnjuContext::changed:
   * @tables: the names of the tables an applied command wrote
   *
   * Emitted on the main thread after every applied command.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
}

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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

gboolean
anju_context_has_role (AnjuContext *self,
                       guint        roles)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (self), FALSE);

  return self->user != NULL && (self->user->role & roles) != 0;
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

/* Worker thread: the demo on a first start, the project, and the models
 * read into core's cache so the main thread never reads them from disk. */
static gpointer
prepare_database (AnjuStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AnjuProject) project = anju_ui_job_prepare_database (store, data, cancellable,
                                                                 &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (anju_segment_models_get_all (&local_error) == NULL && local_error != NULL)
    g_warning ("Segmentation models: %s", local_error->message);
  return g_steal_pointer (&project);
}

static void
on_database_prepared_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AnjuContext *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuProject) project = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (error != NULL)
    {
      set_database_state (self, FALSE, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  anju_context_set_project (self, project);
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
  g_autoptr(GError) error = NULL;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
  if (!anju_worker_open_finish (ANJU_WORKER (object), result, &error))
    {
      g_autofree char *message =
        g_strdup_printf ("%s %s", error->message,
                         _("Choose another database file in Preferences (Ctrl+,)."));

      set_database_state (self, FALSE, message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  anju_worker_run_async (self->worker,
                         prepare_database,
                         g_settings_get_string (self->settings, "project-id"), g_free,
                         (GDestroyNotify)anju_project_free,
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
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ANJU_IS_CONTEXT (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, anju_context_open_database_async);

  set_database_state (self, FALSE, NULL);
  /* Another database has other people: nobody stays signed in. */
  anju_context_set_user (self, NULL);
  anju_context_set_project (self, NULL);
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

static char **
dup_changed_tables (JsonObject *answer)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *changes = NULL;

  if (json_object_has_member (answer, "changes"))
    changes = json_object_get_array_member (answer, "changes");
  for (guint i = 0; changes != NULL && i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      const char *table = NULL;

      if (change != NULL)
        table = json_object_get_string_member_with_default (change, "table", NULL);

      if (table != NULL && g_hash_table_add (seen, (gpointer)table))
        g_strv_builder_add (builder, table);
    }
  return g_strv_builder_end (builder);
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
  g_auto(GStrv) tables = NULL;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  tables = dup_changed_tables (answer);
  if (tables[0] != NULL)
    g_signal_emit (self, signals[CHANGED], 0, tables);
  g_task_return_pointer (task, g_steal_pointer (&answer), (GDestroyNotify)json_object_unref);
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
