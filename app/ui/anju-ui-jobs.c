/* anju-ui-jobs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-ui"

#include "config.h"

#include "anju-customers.h"
#include "anju-demo.h"
#include "anju-reception.h"
#include "anju-ui-jobs.h"

gpointer
anju_ui_job_prepare_database (AnjuStore     *store,
                              gpointer       data,
                              GCancellable  *cancellable,
                              GError       **error)
{
  const char *project_id = data;
  g_autoptr(GPtrArray) projects = anju_projects_list (store, error);

  if (projects == NULL)
    return NULL;
  /* A first start: show the office something to work with. */
  if (projects->len == 0 && !anju_demo_load (store, error))
    return NULL;
  return anju_project_lookup_or_first (store, project_id);
}

gpointer
anju_ui_job_list_projects (AnjuStore     *store,
                           gpointer       data,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return anju_projects_list (store, error);
}

/* Whom a customer, a visitor or a task can be given to. */
gpointer
anju_ui_job_list_colleagues (AnjuStore     *store,
                             gpointer       data,
                             GCancellable  *cancellable,
                             GError       **error)
{
  return anju_users_list_receivers (store, error);
}

gpointer
anju_ui_job_find_by_mobile (AnjuStore     *store,
                            gpointer       data,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return anju_customers_find_by_mobile (store, data);
}

gpointer
anju_ui_job_find_caller (AnjuStore     *store,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return anju_reception_find_caller (store, data);
}
