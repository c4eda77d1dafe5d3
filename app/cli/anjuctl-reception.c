/* anjuctl-reception.c — a person's tasks and the day's reception plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "anju-format.h"
#include "anju-policy.h"
#include "anju-reception.h"
#include "anju-tasks.h"
#include "anju-user.h"
#include "anjuctl.h"

/* Days and times are the office's: its zone comes from the policy. */
void
anjuctl_use_office_time_zone (AnjuStore *store)
{
  g_autofree char *zone = anju_policy_dup_string (store, NULL, "office.time_zone", NULL);

  anju_format_set_time_zone (zone);
}

static gboolean
is_day (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *iso = NULL;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  iso = g_strconcat (text, "T00:00:00Z", NULL);
  parsed = g_date_time_new_from_iso8601 (iso, NULL);
  return parsed != NULL;
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "-";
}

int
anjuctl_tasks_run (int    argc,
                   char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) user = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  const char *username = NULL, *date = NULL;
  gboolean done = FALSE;
  guint overdue = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--user") && i + 1 < argc)
        username = argv[++i];
      else if (g_str_equal (argv[i], "--date") && i + 1 < argc)
        date = argv[++i];
      else if (g_str_equal (argv[i], "--done"))
        done = TRUE;
      else
        {
          g_printerr (_("Usage: anjuctl tasks [--user NAME] [--date YYYY-MM-DD] [--done]\n"));
          return 2;
        }
    }
  if (date != NULL && !is_day (date))
    {
      g_printerr (_("anjuctl: date: “%s” is not a day written YYYY-MM-DD.\n"), date);
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  anjuctl_use_office_time_zone (store);
  if (username != NULL && !(user = anju_user_lookup_by_name (store, username)))
    {
      g_printerr (_("anjuctl: user: there is no user “%s”.\n"), username);
      return 1;
    }
  tasks = anju_tasks_list_for_day (store, user ? user->id : NULL, date, done, &error);
  if (tasks == NULL)
    {
      g_printerr ("anjuctl: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < tasks->len; i++)
    {
      AnjuTask *t = g_ptr_array_index (tasks, i);
      g_autofree char *due = anju_format_datetime (t->due_usec);
      g_autofree char *who = t->customer_name
                             ? g_strconcat (t->customer_name, t->customer_title ? t->customer_title : "", NULL)
                             : NULL;
      const char *state;

      /* TRANSLATORS: task states in anjuctl's list; keep them short */
      if (t->overdue)
        state = _("OVERDUE");
      else if (g_str_equal (t->state, "done"))
        state = _("done");
      else
        state = _("due");
      overdue += t->overdue;
      g_print ("%s\t%s\t%s\t%s\t%s\t%s%s%s%s%s%s\n", due, state, anju_task_kind_get_label (t->kind),
               or_dash (t->assignee_name), or_dash (who), t->title,
               t->detail ? " [" : "", t->detail ? t->detail : "", t->detail ? "]" : "",
               t->outcome ? " — " : "", t->outcome ? t->outcome : "");
    }
  if (tasks->len == 0)
    g_printerr (_("No tasks.\n"));
  else
    g_printerr (ngettext ("%u task, %u overdue.\n", "%u tasks, %u overdue.\n", tasks->len),
                tasks->len, overdue);
  return 0;
}

int
anjuctl_plan_run (int    argc,
                  char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GError) error = NULL;
  const char *date = NULL, *project = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--date") && i + 1 < argc)
        date = argv[++i];
      else if (g_str_equal (argv[i], "--project") && i + 1 < argc)
        project = argv[++i];
      else
        {
          g_printerr (_("Usage: anjuctl plan [--date YYYY-MM-DD] [--project ID]\n"));
          return 2;
        }
    }
  if (date != NULL && !is_day (date))
    {
      g_printerr (_("anjuctl: date: “%s” is not a day written YYYY-MM-DD.\n"), date);
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  anjuctl_use_office_time_zone (store);
  plan = anju_reception_plan_for_day (store, project, date, &error);
  if (plan == NULL)
    {
      g_printerr ("anjuctl: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < plan->len; i++)
    {
      AnjuPlanEntry *e = g_ptr_array_index (plan, i);
      g_autofree char *when = anju_format_datetime_iso (e->at);
      g_autofree char *who = g_strconcat (or_dash (e->customer_name), e->customer_title ? e->customer_title : "", NULL);
      g_autofree char *party = e->party_size > 0 ? g_strdup_printf ("%d", e->party_size) : g_strdup ("-");
      const char *state;

      /* TRANSLATORS: the state of an expected visitor in anjuctl plan */
      if (g_str_equal (e->state, "arrived"))
        state = _("arrived");
      else if (g_str_equal (e->state, "cancelled"))
        state = _("cancelled");
      else
        state = _("expected");
      /* the time of day only: the day is the one asked for */
      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", strlen (when) > 11 ? when + 11 : when, who,
               or_dash (e->consultant_name), or_dash (e->car_plate), party, state);
    }
  if (plan->len == 0)
    g_printerr (_("No visitors expected.\n"));
  return 0;
}
