/* anju-sync-client.c — background sync on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker thread owns the engine (its own database connection and
 * HTTP session) and takes jobs from a queue, one at a time. What it
 * learns comes back to the client's thread as Updates; the client keeps
 * the properties and the schedule (next round, backoff) there.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-sync-client.h"
#include "anju-sync-engine.h"

/* Seconds a round waits for news from the server once it is caught up. */
#define LONG_POLL_WAIT 25
#define MAX_BACKOFF    60

G_DEFINE_ENUM_TYPE (AnjuSyncState, anju_sync_state,
  G_DEFINE_ENUM_VALUE (ANJU_SYNC_STATE_STANDALONE, "standalone"),
  G_DEFINE_ENUM_VALUE (ANJU_SYNC_STATE_SIGNED_OUT, "signed-out"),
  G_DEFINE_ENUM_VALUE (ANJU_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (ANJU_SYNC_STATE_SYNCED, "synced"),
  G_DEFINE_ENUM_VALUE (ANJU_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (ANJU_SYNC_STATE_ERROR, "error"))

typedef enum
{
  JOB_ROUND,
  JOB_CONNECT,
  JOB_SIGN_OUT,
  JOB_DISCONNECT,
  JOB_SUBMIT,
  JOB_STOP,
} JobKind;

typedef struct
{
  JobKind      kind;
  GTask       *task;
  char        *url;
  char        *username;
  char        *password;
  AnjuCommand *command;
  AnjuUser    *actor;
  guint        wait;
} Job;

typedef struct
{
  gatomicrefcount  ref;
  GMainContext    *context;
  GWeakRef         client;
  char            *db_path;
  GAsyncQueue     *jobs;
  GCancellable    *cancellable;    /* all work; cancelled when the client goes */
  GMutex           lock;
  GCancellable    *poll;           /* the long-poll under way, under @lock */
  gboolean         interrupted;    /* under @lock: no long-poll this round */
  char            *ca_file;        /* under @lock: to give the engine */
  gboolean         ca_changed;     /* under @lock */
} Worker;

typedef struct
{
  Worker        *worker;
  gboolean       round_done;
  gboolean       kick;            /* sync soon: something was queued */
  gboolean       has_state;
  AnjuSyncState  state;
  gboolean       has_status;      /* pending and server url are known */
  guint          pending;
  char          *server_url;
  gboolean       has_error;
  char          *error;           /* NULL clears last-error */
  gboolean       retry;           /* a failed round worth retrying */
  GStrv          topics;         /* change topics, for ::changed */
  GPtrArray     *rejections;      /* JsonObject* answers */
  /* A job's task is completed on the client's thread, where it was made,
   * so that its last reference (and the client's) never drops here. */
  GTask         *task;
  GError        *task_error;
  JsonObject    *task_answer;
} Update;

struct _AnjuSyncClient
{
  GObject        parent_instance;

  /* owned */
  Worker        *worker;
  GThread       *thread;
  char          *last_error;
  char          *server_url;

  AnjuSyncState  state;
  guint          pending_count;
  gboolean       running;
  gboolean       round_busy;
  gboolean       again;
  guint          retry_id;
  guint          backoff;
};

G_DEFINE_FINAL_TYPE (AnjuSyncClient, anju_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_PENDING_COUNT,
  PROP_LAST_ERROR,
  PROP_SERVER_URL,
  N_PROPS
};

enum {
  CHANGED,
  REJECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* -------------------------------------------------------------- worker */

static Worker *
worker_ref (Worker *worker)
{
  g_atomic_ref_count_inc (&worker->ref);
  return worker;
}

static void
worker_unref (Worker *worker)
{
  if (!g_atomic_ref_count_dec (&worker->ref))
    return;
  g_main_context_unref (worker->context);
  g_weak_ref_clear (&worker->client);
  g_free (worker->db_path);
  g_async_queue_unref (worker->jobs);
  g_object_unref (worker->cancellable);
  g_clear_object (&worker->poll);
  g_free (worker->ca_file);
  g_mutex_clear (&worker->lock);
  g_free (worker);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job->url);
  g_free (job->username);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_clear_pointer (&job->command, anju_command_free);
  g_clear_pointer (&job->actor, anju_user_free);
  g_free (job);
}

static void
update_free (Update *update)
{
  worker_unref (update->worker);
  g_free (update->server_url);
  g_free (update->error);
  g_strfreev (update->topics);
  g_clear_pointer (&update->rejections, g_ptr_array_unref);
  g_clear_object (&update->task);
  g_clear_error (&update->task_error);
  g_clear_pointer (&update->task_answer, json_object_unref);
  g_free (update);
}

static Update *
update_new (Worker *worker)
{
  Update *update = g_new0 (Update, 1);

  update->worker = worker_ref (worker);
  return update;
}

static gboolean deliver_update (gpointer data);

static void
post (Update *update)
{
  g_main_context_invoke_full (update->worker->context, G_PRIORITY_DEFAULT, deliver_update, update,
                              (GDestroyNotify)update_free);
}

/* The desk's standing: standalone, signed out, or able to sync (shown
 * as syncing until a round says more). Returns whether it can sync. */
static gboolean
add_status (Update         *update,
            AnjuSyncEngine *engine)
{
  update->has_status = TRUE;
  update->has_state = TRUE;
  update->pending = anju_sync_engine_count_pending (engine);
  g_clear_pointer (&update->server_url, g_free);
  if (anju_sync_engine_is_connected (engine))
    update->server_url = anju_sync_engine_dup_server_url (engine);
  if (!anju_sync_engine_is_connected (engine))
    update->state = ANJU_SYNC_STATE_STANDALONE;
  else if (!anju_sync_engine_is_signed_in (engine))
    update->state = ANJU_SYNC_STATE_SIGNED_OUT;
  else
    update->state = ANJU_SYNC_STATE_SYNCING;
  return update->state == ANJU_SYNC_STATE_SYNCING;
}

static void
add_report (Update         *update,
            AnjuSyncReport *report)
{
  g_autofree const char **tables = (const char **)g_hash_table_get_keys_as_array (report->tables, NULL);
  g_auto(GStrv) topics = anju_topics_for_tables (tables);

  if (topics[0] != NULL)
    update->topics = g_steal_pointer (&topics);
  for (guint i = 0; i < report->answers->len; i++)
    {
      JsonObject *answer = g_ptr_array_index (report->answers, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (answer, "status", ""), "rejected") != 0)
        continue;
      if (update->rejections == NULL)
        update->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
      g_ptr_array_add (update->rejections, json_object_ref (answer));
    }
}

static void
add_error (Update       *update,
           const GError *error)
{
  update->has_error = TRUE;
  update->error = g_strdup (error->message);
  update->has_state = TRUE;
  update->retry = TRUE;
  if (error->domain == ANJU_SYNC_ERROR)
    switch ((AnjuSyncError)error->code)
      {
      case ANJU_SYNC_ERROR_OFFLINE:
        update->state = ANJU_SYNC_STATE_OFFLINE;
        return;
      case ANJU_SYNC_ERROR_SIGNED_OUT:
      case ANJU_SYNC_ERROR_AUTH:
        update->state = ANJU_SYNC_STATE_SIGNED_OUT;
        update->retry = FALSE;
        return;
      case ANJU_SYNC_ERROR_NOT_CONNECTED:
        update->state = ANJU_SYNC_STATE_STANDALONE;
        update->retry = FALSE;
        return;
      case ANJU_SYNC_ERROR_WRONG_SERVER:
        update->state = ANJU_SYNC_STATE_ERROR;
        update->retry = FALSE;
        return;
      default:
        break;
      }
  update->state = ANJU_SYNC_STATE_ERROR;
}

static void
run_round (Worker         *worker,
           AnjuSyncEngine *engine,
           Job            *job)
{
  g_autoptr(AnjuSyncReport) report = anju_sync_report_new ();
  g_autoptr(GError) error = NULL;
  Update *update = update_new (worker);
  gboolean ok;

  update->round_done = TRUE;
  /* Whatever asked for a round before this point is taken by it. */
  g_mutex_lock (&worker->lock);
  worker->interrupted = FALSE;
  g_mutex_unlock (&worker->lock);
  if (!add_status (update, engine))     /* standalone or signed out */
    {
      post (update);
      return;
    }
  if (update->pending > 0)
    {
      Update *progress = update_new (worker);

      progress->has_state = TRUE;
      progress->state = ANJU_SYNC_STATE_SYNCING;
      post (progress);
    }

  ok = anju_sync_engine_push (engine, report, worker->cancellable, &error) &&
       anju_sync_engine_pull (engine, 0, report, worker->cancellable, &error);
  if (ok && job->wait > 0 && g_async_queue_length (worker->jobs) == 0)
    {
      /* Caught up: say so, then wait for news. */
      g_autoptr(GCancellable) poll = g_cancellable_new ();
      Update *caught_up = update_new (worker);

      add_status (caught_up, engine);
      add_report (caught_up, report);
      caught_up->has_state = TRUE;
      caught_up->state = ANJU_SYNC_STATE_SYNCED;
      caught_up->has_error = TRUE;
      post (caught_up);
      g_clear_pointer (&report, anju_sync_report_free);
      report = anju_sync_report_new ();

      /* Asked to sync again meanwhile (a local command): no waiting. */
      g_mutex_lock (&worker->lock);
      if (worker->interrupted)
        g_cancellable_cancel (poll);
      g_set_object (&worker->poll, poll);
      g_mutex_unlock (&worker->lock);
      if (!g_cancellable_is_cancelled (worker->cancellable) && !g_cancellable_is_cancelled (poll))
        ok = anju_sync_engine_pull (engine, job->wait, report, poll, &error);
      g_mutex_lock (&worker->lock);
      g_clear_object (&worker->poll);
      g_mutex_unlock (&worker->lock);
    }

  add_status (update, engine);
  add_report (update, report);
  if (!ok)
    add_error (update, error);
  else
    {
      update->has_state = TRUE;
      update->state = ANJU_SYNC_STATE_SYNCED;
      update->has_error = TRUE;   /* clears it */
    }
  post (update);
}

/* Hands the job's task to the update, with its outcome. */
static void
set_task_result (Update     *update,
                 Job        *job,
                 gboolean    ok,
                 JsonObject *answer,
                 GError     *error)
{
  update->task = g_steal_pointer (&job->task);
  update->task_answer = answer;
  if (!ok)
    update->task_error = error;
}

static void
run_job (Worker         *worker,
         AnjuSyncEngine *engine,
         Job            *job)
{
  g_autoptr(AnjuSyncReport) report = NULL;
  GCancellable *cancellable = job->task ? g_task_get_cancellable (job->task) : NULL;
  GError *error = NULL;
  Update *update;
  gboolean ok;

  switch (job->kind)
    {
    case JOB_ROUND:
      run_round (worker, engine, job);
      return;

    case JOB_CONNECT:
      ok = anju_sync_engine_login (engine, job->url, job->username, job->password,
                                   ANJU_SYNC_LOGIN_REMEMBER_LOCALLY, cancellable, &error);
      update = update_new (worker);
      set_task_result (update, job, ok, NULL, error);
      add_status (update, engine);
      if (ok)
        {
          update->has_error = TRUE;   /* clears it */
          update->kick = TRUE;
        }
      post (update);
      return;

    case JOB_SIGN_OUT:
    case JOB_DISCONNECT:
      ok = job->kind == JOB_SIGN_OUT ? anju_sync_engine_logout (engine, cancellable, &error)
                                     : anju_sync_engine_disconnect (engine, &error);
      update = update_new (worker);
      set_task_result (update, job, ok, NULL, error);
      add_status (update, engine);
      post (update);
      return;

    case JOB_SUBMIT:
      {
        JsonObject *answer;

        report = anju_sync_report_new ();
        answer = anju_sync_engine_submit (engine, job->command, job->actor, report, cancellable, &error);
        update = update_new (worker);
        add_status (update, engine);
        add_report (update, report);
        if (answer != NULL && update->topics == NULL)
          {
            /* Applied here: its topics changed too. */
            g_auto(GStrv) topics = anju_command_answer_dup_topics (answer);

            if (topics[0] != NULL)
              update->topics = g_steal_pointer (&topics);
          }
        set_task_result (update, job, answer != NULL, answer, error);
        update->kick = TRUE;
        post (update);
      }
      return;

    case JOB_STOP:
    default:
      return;
    }
}

/* The CA file the window set, given to the engine (which keeps it in the
 * desk's database) before the next job. */
static void
take_ca_file (Worker         *worker,
              AnjuSyncEngine *engine)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed;

  g_mutex_lock (&worker->lock);
  changed = worker->ca_changed;
  worker->ca_changed = FALSE;
  path = g_strdup (worker->ca_file);
  g_mutex_unlock (&worker->lock);
  if (changed && !anju_sync_engine_set_ca_file (engine, path, &error))
    {
      Update *update = update_new (worker);

      add_error (update, error);
      post (update);
    }
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  g_main_context_push_thread_default (context);
  store = anju_store_open (worker->db_path, &error);
  if (store != NULL)
    {
      Update *update = update_new (worker);

      engine = anju_sync_engine_new (store);
      add_status (update, engine);
      post (update);
    }
  else
    {
      Update *update = update_new (worker);

      add_error (update, error);
      update->retry = FALSE;
      post (update);
    }

  while ((job = g_async_queue_pop (worker->jobs))->kind != JOB_STOP)
    {
      if (engine != NULL)
        {
          take_ca_file (worker, engine);
          run_job (worker, engine, job);
        }
      else if (job->task != NULL)
        {
          Update *update = update_new (worker);

          set_task_result (update, job, FALSE, NULL,
                           g_error_new (ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_NOT_CONNECTED, "%s", error->message));
          post (update);
        }
      job_free (job);
    }
  job_free (job);
  g_clear_pointer (&engine, anju_sync_engine_free);
  g_clear_object (&store);
  g_main_context_pop_thread_default (context);
  worker_unref (worker);
  return NULL;
}

/* ---------------------------------------------------- the client thread */

static void
set_state (AnjuSyncClient *self,
           AnjuSyncState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
push_job (AnjuSyncClient *self,
          Job            *job)
{
  g_async_queue_push (self->worker->jobs, job);
}

/* Ends a long-poll early so the worker takes the next job. */
static void
interrupt_poll (AnjuSyncClient *self)
{
  g_mutex_lock (&self->worker->lock);
  self->worker->interrupted = TRUE;
  if (self->worker->poll != NULL)
    g_cancellable_cancel (self->worker->poll);
  g_mutex_unlock (&self->worker->lock);
}

static void
queue_round (AnjuSyncClient *self)
{
  Job *job;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->round_busy)
    {
      self->again = TRUE;
      interrupt_poll (self);
      return;
    }
  job = g_new0 (Job, 1);
  job->kind = JOB_ROUND;
  job->wait = self->running ? LONG_POLL_WAIT : 0;
  self->round_busy = TRUE;
  self->again = FALSE;
  push_job (self, job);
}

static gboolean
on_retry_cb (gpointer data)
{
  AnjuSyncClient *self = data;

  self->retry_id = 0;
  queue_round (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (AnjuSyncClient *self)
{
  guint delay;

  self->backoff = self->backoff == 0 ? 1 : MIN (self->backoff * 2, MAX_BACKOFF);
  /* ±20 % so that desks that lost the server together do not return
   * together. */
  delay = self->backoff * 1000 * g_random_double_range (0.8, 1.2);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add (delay, on_retry_cb, self);
}

static gboolean
deliver_update (gpointer data)
{
  Update *update = data;
  g_autoptr(AnjuSyncClient) self = g_weak_ref_get (&update->worker->client);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_object_freeze_notify (G_OBJECT (self));
  if (update->has_status)
    {
      if (self->pending_count != update->pending)
        {
          self->pending_count = update->pending;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_COUNT]);
        }
      if (g_strcmp0 (self->server_url, update->server_url) != 0)
        {
          g_free (self->server_url);
          self->server_url = g_strdup (update->server_url);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
        }
    }
  if (update->has_error && g_strcmp0 (self->last_error, update->error) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (update->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
    }
  if (update->has_state)
    set_state (self, update->state);
  g_object_thaw_notify (G_OBJECT (self));

  for (guint i = 0; update->rejections && i < update->rejections->len; i++)
    {
      JsonObject *answer = g_ptr_array_index (update->rejections, i);

      g_signal_emit (self, signals[REJECTED], 0,
                     json_object_get_string_member_with_default (answer, "id", ""),
                     json_object_get_string_member_with_default (answer, "type", ""),
                     json_object_get_string_member_with_default (answer, "message", ""));
    }
  if (update->topics != NULL)
    g_signal_emit (self, signals[CHANGED], 0, update->topics);

  if (update->task != NULL)
    {
      if (update->task_error != NULL)
        g_task_return_error (update->task, g_steal_pointer (&update->task_error));
      else if (update->task_answer != NULL)
        g_task_return_pointer (update->task, g_steal_pointer (&update->task_answer),
                               (GDestroyNotify)json_object_unref);
      else
        g_task_return_boolean (update->task, TRUE);
    }

  if (update->round_done)
    {
      self->round_busy = FALSE;
      if (self->again)
        {
          self->backoff = 0;
          queue_round (self);
        }
      else if (update->has_error && update->error != NULL)
        {
          if (self->running && update->retry)
            schedule_retry (self);
        }
      else
        {
          self->backoff = 0;
          if (self->running && self->state == ANJU_SYNC_STATE_SYNCED)
            queue_round (self);
        }
    }
  if (update->kick && self->state == ANJU_SYNC_STATE_SYNCING)
    {
      self->running = TRUE;
      self->backoff = 0;
      queue_round (self);
    }
  return G_SOURCE_REMOVE;
}

static void
anju_sync_client_dispose (GObject *object)
{
  AnjuSyncClient *self = (AnjuSyncClient *)object;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->thread != NULL)
    {
      Job *stop = g_new0 (Job, 1);

      stop->kind = JOB_STOP;
      g_cancellable_cancel (self->worker->cancellable);
      interrupt_poll (self);
      /* Jobs waiting behind are dropped: the thread ends at STOP. */
      g_async_queue_push_front (self->worker->jobs, stop);
      g_thread_join (g_steal_pointer (&self->thread));
    }
  G_OBJECT_CLASS (anju_sync_client_parent_class)->dispose (object);
}

static void
anju_sync_client_finalize (GObject *object)
{
  AnjuSyncClient *self = (AnjuSyncClient *)object;
  Job *job;

  if (self->worker != NULL)
    {
      while ((job = g_async_queue_try_pop (self->worker->jobs)) != NULL)
        job_free (job);
      worker_unref (self->worker);
    }
  g_free (self->last_error);
  g_free (self->server_url);
  G_OBJECT_CLASS (anju_sync_client_parent_class)->finalize (object);
}

static void
anju_sync_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AnjuSyncClient *self = ANJU_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PENDING_COUNT:
      g_value_set_uint (value, self->pending_count);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_sync_client_class_init (AnjuSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = anju_sync_client_dispose;
  object_class->finalize = anju_sync_client_finalize;
  object_class->get_property = anju_sync_client_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ANJU_TYPE_SYNC_STATE, ANJU_SYNC_STATE_STANDALONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING_COUNT] =
    g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnjuSyncClient::changed:
   * @topics: the change topics (anju_topic_declare()) whose rows changed
   *   on this desk
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
  /**
   * AnjuSyncClient::rejected:
   * @command_id: the command the server refused (rolled back here)
   * @type: its type, e.g. "customer.create"
   * @message: why, a sentence for the person who made it
   */
  signals[REJECTED] =
    g_signal_new ("rejected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
anju_sync_client_init (AnjuSyncClient *self)
{
  self->state = ANJU_SYNC_STATE_STANDALONE;
}

AnjuSyncClient *
anju_sync_client_new (const char *database_path)
{
  AnjuSyncClient *self;
  Worker *worker;

  g_return_val_if_fail (database_path != NULL, NULL);

  self = g_object_new (ANJU_TYPE_SYNC_CLIENT, NULL);
  worker = g_new0 (Worker, 1);
  g_atomic_ref_count_init (&worker->ref);
  worker->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&worker->client, self);
  worker->db_path = g_strdup (database_path);
  worker->jobs = g_async_queue_new ();
  worker->cancellable = g_cancellable_new ();
  g_mutex_init (&worker->lock);
  self->worker = worker;
  self->thread = g_thread_new ("anju-sync", worker_main, worker_ref (worker));
  return self;
}

AnjuSyncState
anju_sync_client_get_state (AnjuSyncClient *self)
{
  g_return_val_if_fail (ANJU_IS_SYNC_CLIENT (self), ANJU_SYNC_STATE_STANDALONE);
  return self->state;
}

guint
anju_sync_client_get_pending_count (AnjuSyncClient *self)
{
  g_return_val_if_fail (ANJU_IS_SYNC_CLIENT (self), 0);
  return self->pending_count;
}

const char *
anju_sync_client_get_last_error (AnjuSyncClient *self)
{
  g_return_val_if_fail (ANJU_IS_SYNC_CLIENT (self), NULL);
  return self->last_error;
}

const char *
anju_sync_client_get_server_url (AnjuSyncClient *self)
{
  g_return_val_if_fail (ANJU_IS_SYNC_CLIENT (self), NULL);
  return self->server_url;
}

void
anju_sync_client_start (AnjuSyncClient *self)
{
  g_return_if_fail (ANJU_IS_SYNC_CLIENT (self));
  self->running = TRUE;
  self->backoff = 0;
  queue_round (self);
}

void
anju_sync_client_stop (AnjuSyncClient *self)
{
  g_return_if_fail (ANJU_IS_SYNC_CLIENT (self));
  self->running = FALSE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  interrupt_poll (self);
}

void
anju_sync_client_sync_now (AnjuSyncClient *self)
{
  g_return_if_fail (ANJU_IS_SYNC_CLIENT (self));
  self->backoff = 0;
  queue_round (self);
}

static void
push_task_job (AnjuSyncClient *self,
               Job            *job)
{
  /* The worker may be waiting on a long-poll: let it go. */
  interrupt_poll (self);
  push_job (self, job);
}

/* A job that completes a GTask for one of the public *_async calls. */
static Job *
new_task_job (AnjuSyncClient      *self,
              JobKind              kind,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  return job;
}

void
anju_sync_client_connect_async (AnjuSyncClient      *self,
                                const char          *url,
                                const char          *username,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Job *job;

  g_return_if_fail (ANJU_IS_SYNC_CLIENT (self));
  job = new_task_job (self, JOB_CONNECT, anju_sync_client_connect_async,
                      cancellable, callback, user_data);
  job->url = g_strdup (url);
  job->username = g_strdup (username);
  job->password = g_strdup (password);
  push_task_job (self, job);
}

gboolean
anju_sync_client_connect_finish (AnjuSyncClient  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
anju_sync_client_set_ca_file (AnjuSyncClient *self,
                              const char     *path)
{
  g_return_if_fail (ANJU_IS_SYNC_CLIENT (self));

  g_mutex_lock (&self->worker->lock);
  g_free (self->worker->ca_file);
  self->worker->ca_file = g_strdup (path);
  self->worker->ca_changed = TRUE;
  g_mutex_unlock (&self->worker->lock);
}

void
anju_sync_client_sign_out_async (AnjuSyncClient      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Job *job;

  g_return_if_fail (ANJU_IS_SYNC_CLIENT (self));
  job = new_task_job (self, JOB_SIGN_OUT, anju_sync_client_sign_out_async,
                      cancellable, callback, user_data);
  push_task_job (self, job);
}

gboolean
anju_sync_client_sign_out_finish (AnjuSyncClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
anju_sync_client_disconnect_async (AnjuSyncClient      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Job *job;

  g_return_if_fail (ANJU_IS_SYNC_CLIENT (self));
  job = new_task_job (self, JOB_DISCONNECT, anju_sync_client_disconnect_async,
                      cancellable, callback, user_data);
  push_task_job (self, job);
}

gboolean
anju_sync_client_disconnect_finish (AnjuSyncClient  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
anju_sync_client_submit_async (AnjuSyncClient      *self,
                               const AnjuCommand   *command,
                               const AnjuUser      *actor,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (ANJU_IS_SYNC_CLIENT (self));
  g_return_if_fail (command != NULL && actor != NULL);
  job = new_task_job (self, JOB_SUBMIT, anju_sync_client_submit_async,
                      cancellable, callback, user_data);
  job->command = anju_command_copy (command);
  job->actor = anju_user_copy (actor);
  push_task_job (self, job);
}

JsonObject *
anju_sync_client_submit_finish (AnjuSyncClient  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
