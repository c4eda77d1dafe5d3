/* anju-worker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-worker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-worker.h"

struct _AnjuWorker
{
  GObject      parent_instance;

  GThreadPool *pool;
  char        *path;      /* main thread */
  AnjuStore   *store;     /* worker thread only */
  AnjuClockFunc clock;    /* worker thread only; NULL: the system clock */
  gpointer     clock_data;
};

G_DEFINE_FINAL_TYPE (AnjuWorker, anju_worker, G_TYPE_OBJECT)

typedef struct
{
  AnjuWorkerFunc  func;
  gpointer        data;
  GDestroyNotify  data_destroy;
  GDestroyNotify  result_destroy;
  char           *open_path;   /* set for the open job */
  gboolean        set_clock;   /* the clock job: func/data below */
  AnjuClockFunc   clock;
  gpointer        clock_data;
} Job;

static void
job_free (Job *job)
{
  if (job->data_destroy != NULL && job->data != NULL)
    job->data_destroy (job->data);
  g_free (job->open_path);
  g_free (job);
}

static gboolean
drop_task (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
run_func (AnjuWorker *self,
          GTask      *task,
          Job        *job)
{
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (job->open_path != NULL)
    {
      g_autoptr(AnjuStore) store = NULL;

      g_clear_object (&self->store);
      store = anju_store_open (job->open_path, &error);
      if (store == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      self->store = g_steal_pointer (&store);
      if (self->clock != NULL)
        anju_store_set_clock (self->store, self->clock, self->clock_data);
      g_task_return_pointer (task, g_strdup (job->open_path), g_free);
      return;
    }

  if (job->set_clock)
    {
      self->clock = job->clock;
      self->clock_data = job->clock_data;
      if (self->store != NULL)
        anju_store_set_clock (self->store, self->clock ? self->clock : anju_clock_system,
                              self->clock_data);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("No database is open. Choose the database file in the settings."));
      return;
    }

  result = job->func (self->store, job->data, g_task_get_cancellable (task), &error);
  if (error != NULL)
    {
      if (result != NULL && job->result_destroy != NULL)
        job->result_destroy (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, job->result_destroy);
}

/* Worker thread. */
static void
run_job (gpointer data,
         gpointer user_data)
{
  GTask *task = data;
  g_autoptr(GSource) source = NULL;

  run_func (user_data, task, g_task_get_task_data (task));
  /* The task holds the worker. Its last reference goes on the task's
   * main context, never here: a worker finalized on its own thread
   * could not join it. (g_main_context_invoke() might run it here.) */
  source = g_idle_source_new ();
  g_source_set_callback (source, drop_task, task, NULL);
  g_source_set_static_name (source, "[anju] drop worker task");
  g_source_attach (source, g_task_get_context (task));
}

static void
anju_worker_finalize (GObject *object)
{
  AnjuWorker *self = (AnjuWorker *)object;

  /* Every queued job holds a reference on the worker, so the pool is idle
   * here; waiting only joins the thread. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (anju_worker_parent_class)->finalize (object);
}

static void
anju_worker_class_init (AnjuWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = anju_worker_finalize;
}

static void
anju_worker_init (AnjuWorker *self)
{
  g_autoptr(GError) error = NULL;

  /* One exclusive thread: the store sees one caller, jobs keep their order. */
  self->pool = g_thread_pool_new (run_job, self, 1, TRUE, &error);
  if (self->pool == NULL)
    g_error ("Cannot start the database thread: %s", error->message);
}

AnjuWorker *
anju_worker_new (void)
{
  return g_object_new (ANJU_TYPE_WORKER, NULL);
}

static void
push_job (AnjuWorker          *self,
          Job                 *job,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  if (!g_thread_pool_push (self->pool, task, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
    }
}

void
anju_worker_run_async (AnjuWorker          *self,
                       AnjuWorkerFunc       func,
                       gpointer             data,
                       GDestroyNotify       data_destroy,
                       GDestroyNotify       result_destroy,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  Job *job;

  g_return_if_fail (ANJU_IS_WORKER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_destroy = data_destroy;
  job->result_destroy = result_destroy;
  push_job (self, job, anju_worker_run_async, cancellable, callback, user_data);
}

gpointer
anju_worker_run_finish (AnjuWorker    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (ANJU_IS_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == anju_worker_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_open_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AnjuWorker *self = ANJU_WORKER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);

  if (path == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_free (self->path);
  self->path = g_steal_pointer (&path);
  g_task_return_boolean (task, TRUE);
}

void
anju_worker_open_async (AnjuWorker          *self,
                        const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (ANJU_IS_WORKER (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, anju_worker_open_async);

  job = g_new0 (Job, 1);
  job->open_path = g_strdup (path);
  push_job (self, job, anju_worker_open_async, cancellable, on_open_done_cb, task);
}

gboolean
anju_worker_open_finish (AnjuWorker    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (ANJU_IS_WORKER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
anju_worker_set_clock (AnjuWorker    *self,
                       AnjuClockFunc  func,
                       gpointer       user_data)
{
  Job *job;

  g_return_if_fail (ANJU_IS_WORKER (self));

  job = g_new0 (Job, 1);
  job->set_clock = TRUE;
  job->clock = func;
  job->clock_data = user_data;
  push_job (self, job, anju_worker_run_async, NULL, NULL, NULL);
}

const char *
anju_worker_get_path (AnjuWorker *self)
{
  g_return_val_if_fail (ANJU_IS_WORKER (self), NULL);

  return self->path;
}
