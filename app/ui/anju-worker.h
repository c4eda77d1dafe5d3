/* anju-worker.h — the database thread of the window
 *
 * AnjuStore is not thread-safe and the UI thread must never wait on disk,
 * so the window owns one dedicated thread that holds the store and runs
 * closures against it one at a time, in the order they were queued.
 * Results come back through GTask on the main context of the caller.
 */
#pragma once

#include <gio/gio.h>

#include "anju-store.h"

G_BEGIN_DECLS

#define ANJU_TYPE_WORKER (anju_worker_get_type ())
G_DECLARE_FINAL_TYPE (AnjuWorker, anju_worker, ANJU, WORKER, GObject)

/* Runs on the worker thread with the open store. Returns the result (may
 * be NULL) or NULL with @error set. @data belongs to the job. */
typedef gpointer (*AnjuWorkerFunc) (AnjuStore     *store,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

AnjuWorker *anju_worker_new          (void);

/* Queues @func. @data_destroy frees @data after the job (on any thread);
 * @result_destroy frees a result that nobody collected. */
void        anju_worker_run_async    (AnjuWorker          *self,
                                      AnjuWorkerFunc       func,
                                      gpointer             data,
                                      GDestroyNotify       data_destroy,
                                      GDestroyNotify       result_destroy,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* The result of the job (owned by the caller), or NULL; NULL with @error
 * set when the job failed or was cancelled before it ran. */
gpointer    anju_worker_run_finish   (AnjuWorker          *self,
                                      GAsyncResult        *result,
                                      GError             **error);

/* Closes the open store, if any, and opens (creating, migrating) @path. */
void        anju_worker_open_async   (AnjuWorker          *self,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean    anju_worker_open_finish  (AnjuWorker          *self,
                                      GAsyncResult        *result,
                                      GError             **error);

/* Gives the store (the open one and every one opened later) @func as its
 * clock, after the jobs already queued; NULL: the system clock. @func
 * runs on the database thread. */
void        anju_worker_set_clock    (AnjuWorker          *self,
                                      AnjuClockFunc        func,
                                      gpointer             user_data);

/* The path of the open database, or NULL (main thread). */
const char *anju_worker_get_path     (AnjuWorker          *self);

G_END_DECLS
