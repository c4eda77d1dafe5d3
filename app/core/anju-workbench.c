/* anju-workbench.c — the day's workbench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-format.h"
#include "anju-reception-private.h"
#include "anju-reception.h"
#include "anju-workbench.h"

typedef struct
{
  char                     *id;
  AnjuWorkbenchSectionFunc  func;
} Provider;

static GPtrArray *providers;   /* Provider*, in registration order */
static GMutex providers_lock;

static void
provider_free (Provider *p)
{
  g_free (p->id);
  g_free (p);
}

void
anju_workbench_register_section (const char               *id,
                                 AnjuWorkbenchSectionFunc  func)
{
  Provider *p;

  g_return_if_fail (id != NULL && func != NULL);
  g_mutex_lock (&providers_lock);
  if (providers == NULL)
    providers = g_ptr_array_new_with_free_func ((GDestroyNotify)provider_free);
  for (guint i = 0; i < providers->len; i++)
    {
      p = g_ptr_array_index (providers, i);
      if (g_str_equal (p->id, id))
        {
          p->func = func;
          g_mutex_unlock (&providers_lock);
          return;
        }
    }
  p = g_new0 (Provider, 1);
  p->id = g_strdup (id);
  p->func = func;
  g_ptr_array_add (providers, p);
  g_mutex_unlock (&providers_lock);
}

void
anju_workbench_section_free (AnjuWorkbenchSection *section)
{
  if (section == NULL)
    return;
  g_free (section->id);
  g_free (section->title);
  g_free (section->description);
  g_clear_pointer (&section->items, json_array_unref);
  g_free (section);
}

void
anju_workbench_free (AnjuWorkbench *w)
{
  if (w == NULL)
    return;
  g_free (w->user_id);
  g_free (w->local_date);
  g_clear_pointer (&w->tasks, g_ptr_array_unref);
  g_clear_pointer (&w->appointments, g_ptr_array_unref);
  g_clear_pointer (&w->waiting, g_ptr_array_unref);
  g_clear_pointer (&w->sections, g_ptr_array_unref);
  g_clear_pointer (&w->colleagues, g_ptr_array_unref);
  g_free (w);
}

static int
compare_open_first (gconstpointer a,
                    gconstpointer b)
{
  const AnjuTask *ta = *(AnjuTask * const *)a;
  const AnjuTask *tb = *(AnjuTask * const *)b;
  int open_a = g_str_equal (ta->state, "open") ? 0 : 1;
  int open_b = g_str_equal (tb->state, "open") ? 0 : 1;

  if (open_a != open_b)
    return open_a - open_b;
  if (ta->due_usec != tb->due_usec)
    return ta->due_usec < tb->due_usec ? -1 : 1;
  return g_strcmp0 (ta->id, tb->id);
}

AnjuWorkbench *
anju_workbench_load (AnjuStore   *store,
                     const char  *user_id,
                     const char  *local_date,
                     GError     **error)
{
  g_autoptr(AnjuWorkbench) w = g_new0 (AnjuWorkbench, 1);
  g_autoptr(AnjuUser) user = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(AnjuWalkInQueue) queue = NULL;
  g_autoptr(GPtrArray) snapshot = NULL;
  gboolean everyone;

  g_return_val_if_fail (user_id != NULL, NULL);
  if (!(user = anju_user_lookup (store, user_id)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "user_id",
                           _("There is no user with this id. Sign in again."));
      return NULL;
    }
  everyone = w->everyone = (user->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) != 0;
  w->user_id = g_strdup (user_id);
  if (anju_commands_allowed ("task.reassign", user) &&
      !(w->colleagues = anju_users_list_receivers (store, error)))
    return NULL;
  w->local_date = local_date ? g_strdup (local_date)
                             : anju_recep_local_date_of (anju_store_now (store), anju_format_get_time_zone ());
  if (!(w->tasks = anju_tasks_list_for_day (store, user_id, w->local_date, TRUE, error)))
    return NULL;
  g_ptr_array_sort (w->tasks, compare_open_first);
  for (guint i = 0; i < w->tasks->len; i++)
    {
      AnjuTask *t = g_ptr_array_index (w->tasks, i);

      if (g_str_equal (t->state, "done"))
        w->counts.done++;
      else
        w->counts.due++;
      if (t->overdue)
        w->counts.overdue++;
    }

  if (!(plan = anju_reception_plan_for_day (store, NULL, w->local_date, error)))
    return NULL;
  w->appointments = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_plan_entry_free);
  for (guint i = 0; i < plan->len; i++)
    {
      AnjuPlanEntry *e = g_ptr_array_index (plan, i);

      if (everyone || g_strcmp0 (e->consultant_id, user_id) == 0)
        g_ptr_array_add (w->appointments, g_ptr_array_steal_index (plan, i--));
    }

  if (!(queue = anju_reception_load_queue (store, NULL, w->local_date, error)))
    return NULL;
  w->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_visit_free);
  for (guint i = 0; i < queue->waiting->len; i++)
    {
      AnjuVisit *v = g_ptr_array_index (queue->waiting, i);

      if (v->greeted_at != NULL && !everyone && g_strcmp0 (v->registered_by, user_id) != 0)
        continue;   /* greeted, waiting only for the door's handover */
      if (everyone || v->consultant_id == NULL || g_strcmp0 (v->consultant_id, user_id) == 0 ||
          g_strcmp0 (v->registered_by, user_id) == 0)
        g_ptr_array_add (w->waiting, g_ptr_array_steal_index (queue->waiting, i--));
    }

  /* Later workflows' sections: run outside the lock, on a snapshot. */
  w->sections = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_workbench_section_free);
  g_mutex_lock (&providers_lock);
  snapshot = g_ptr_array_new_with_free_func ((GDestroyNotify)provider_free);
  for (guint i = 0; providers != NULL && i < providers->len; i++)
    {
      Provider *p = g_ptr_array_index (providers, i);
      Provider *copy = g_new0 (Provider, 1);

      copy->id = g_strdup (p->id);
      copy->func = p->func;
      g_ptr_array_add (snapshot, copy);
    }
  g_mutex_unlock (&providers_lock);
  for (guint i = 0; i < snapshot->len; i++)
    {
      Provider *p = g_ptr_array_index (snapshot, i);
      AnjuWorkbenchSection *section = g_new0 (AnjuWorkbenchSection, 1);

      section->id = g_strdup (p->id);
      section->items = json_array_new ();
      if (!p->func (store, user_id, w->local_date, section, error))
        {
          anju_workbench_section_free (section);
          return NULL;
        }
      g_ptr_array_add (w->sections, section);
    }
  return g_steal_pointer (&w);
}

gboolean
anju_workbench_offers_greet (const AnjuWorkbench *workbench,
                             const AnjuUser      *actor,
                             const AnjuVisit     *visit)
{
  g_return_val_if_fail (workbench != NULL && visit != NULL, FALSE);

  return actor != NULL && anju_visit_may_greet (actor, visit) &&
         (workbench->everyone || g_strcmp0 (visit->consultant_id, actor->id) == 0);
}
