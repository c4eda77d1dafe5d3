/* anju-ui-jobs.h — database closures several parts of the window share
 *
 * Each function here is an AnjuWorkerFunc: it runs on the worker thread
 * with the store and returns a newly allocated result. The data each one
 * takes is documented with it.
 */
#pragma once

#include "anju-projects.h"
#include "anju-user.h"
#include "anju-worker.h"

G_BEGIN_DECLS

/* A colleague who can own customers, for "Assign to…". */
/* data: the wanted project id (char*, may be NULL or "").
 * Loads the demo project when the database holds no project yet, then
 * returns the wanted project or the first one (AnjuProject*), or NULL
 * when there is none. */
gpointer     anju_ui_job_prepare_database    (AnjuStore     *store,
                                              gpointer       data,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* data: none. Returns the projects (GPtrArray of AnjuProject*). */
gpointer     anju_ui_job_list_projects       (AnjuStore     *store,
                                              gpointer       data,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* data: none. Returns the users who can own customers — consultants and
 * managers, enabled, by name (GPtrArray of AnjuUser*). */
gpointer     anju_ui_job_list_colleagues     (AnjuStore     *store,
                                              gpointer       data,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* data: the mobile number (char*). Returns the id of the customer who has
 * it (char*), or NULL without an error when nobody does. */
gpointer     anju_ui_job_find_by_mobile      (AnjuStore     *store,
                                              gpointer       data,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* data: the mobile number (char*). Returns who has it (AnjuCaller*: the
 * customer and their open visit), or NULL without an error when nobody
 * does. */
gpointer     anju_ui_job_find_caller         (AnjuStore     *store,
                                              gpointer       data,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_END_DECLS
