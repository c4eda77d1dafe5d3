/* anjuctl-care.c — the care calendar and the handovers' progress (维护)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * anjuctl care calendar|plan|milestone and anjuctl handover list: SPEC §9
 * for the terminal. plan and milestone run care.plan_year and
 * care.add_milestone through the desk's command runner (anjuctl_submit),
 * like anjuctl apply.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "anju-care.h"
#include "anju-command.h"
#include "anju-format.h"
#include "anju-handover.h"
#include "anju-projects.h"
#include "anju-store.h"
#include "anju-user.h"
#include "anjuctl.h"

#define CARE_USAGE \
  N_("Usage: anjuctl care calendar --year YEAR [--project ID]\n" \
     "       anjuctl care plan --year YEAR --user MANAGER [--project ID]\n" \
     "       anjuctl care milestone --kind KIND --title TEXT --date YYYY-MM-DD --user MANAGER [--project ID]\n")

typedef struct
{
  const char *year;
  const char *project;
  const char *user;
  const char *kind;
  const char *title;
  const char *date;
} CareArgs;

/* FALSE on an unknown option or one without its value. */
static gboolean
parse_args (int       argc,
            char    **argv,
            CareArgs *args)
{
  for (int i = 2; i < argc; i++)
    {
      const char **slot = NULL;

      if (g_str_equal (argv[i], "--year"))
        slot = &args->year;
      else if (g_str_equal (argv[i], "--project"))
        slot = &args->project;
      else if (g_str_equal (argv[i], "--user"))
        slot = &args->user;
      else if (g_str_equal (argv[i], "--kind"))
        slot = &args->kind;
      else if (g_str_equal (argv[i], "--title"))
        slot = &args->title;
      else if (g_str_equal (argv[i], "--date"))
        slot = &args->date;
      if (slot == NULL || i + 1 >= argc)
        return FALSE;
      *slot = argv[++i];
    }
  return TRUE;
}

static gboolean
parse_year (const char *text,
            int        *year)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1900, 9999, &value, NULL))
    {
      g_printerr (_("anjuctl: year: “%s” is not a year such as 2027.\n"), text ? text : "");
      return FALSE;
    }
  *year = (int)value;
  return TRUE;
}

static void
print_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  g_print ("%s\n", text);
}

/* Runs @type as the user named @username: the answer on standard output,
 * 0 if applied, 1 if refused. */
static int
submit (AnjuStore   *store,
        const char  *username,
        const char  *type,
        JsonObject  *payload)
{
  g_autoptr(AnjuUser) actor = anju_user_lookup_by_name (store, username);
  g_autoptr(AnjuCommand) command = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) rejection = NULL;

  if (actor == NULL)
    {
      g_printerr (_("anjuctl: user: there is no user “%s”.\n"), username);
      return 1;
    }
  command = anju_command_new (type, payload);
  answer = anjuctl_submit (store, command, actor, &rejection);
  if (answer == NULL)
    {
      g_autoptr(JsonObject) refused = anju_command_rejection_to_json (command, rejection);

      print_json (refused);
      return 1;
    }
  if (json_object_has_member (answer, "changes"))
    json_object_remove_member (answer, "changes");
  print_json (answer);
  return 0;
}

static int
care_calendar (AnjuStore      *store,
               const CareArgs *args)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int year;

  if (!parse_year (args->year, &year))
    return 2;
  if (!(rows = anju_care_list_events (store, args->project, year, &error)))
    {
      anjuctl_print_error (error);
      return 1;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      AnjuCareEvent *e = g_ptr_array_index (rows, i);
      const char *kind = g_str_equal (e->kind, "holiday") ? _("holiday")
                         : anju_care_topic_get_label (e->topic);

      /* TRANSLATORS: one care event in anjuctl's calendar: day, kind,
       * title, SMS sent of made, calls done of made, and "passed" or "" */
      g_print (_("%s\t%s\t%s\tSMS %u/%u sent\tcalls %u/%u done\t%s\n"), e->date, kind, e->title,
               e->sms_sent, e->sms_total, e->calls_done, e->calls_total, e->past ? _("passed") : "");
    }
  if (rows->len == 0)
    g_printerr (_("No care events in %d. Plan the year with anjuctl care plan --year %d.\n"), year, year);
  return 0;
}

static int
care_plan (AnjuStore      *store,
           const CareArgs *args)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  int year;

  if (!parse_year (args->year, &year))
    return 2;
  json_object_set_int_member (payload, "year", year);
  if (args->project != NULL)
    json_object_set_string_member (payload, "project_id", args->project);
  return submit (store, args->user, "care.plan_year", payload);
}

static int
care_milestone (AnjuStore      *store,
                const CareArgs *args)
{
  g_autoptr(JsonObject) payload = json_object_new ();

  json_object_set_string_member (payload, "kind", args->kind);
  json_object_set_string_member (payload, "title", args->title);
  json_object_set_string_member (payload, "date", args->date);
  if (args->project != NULL)
    json_object_set_string_member (payload, "project_id", args->project);
  return submit (store, args->user, "care.add_milestone", payload);
}

int
anjuctl_care_run (int    argc,
                  char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  CareArgs args = { 0 };
  const char *what = argc >= 2 ? argv[1] : "";
  gboolean ok;

  ok = parse_args (argc, argv, &args);
  if (g_str_equal (what, "calendar"))
    ok = ok && args.year != NULL;
  else if (g_str_equal (what, "plan"))
    ok = ok && args.year != NULL && args.user != NULL;
  else if (g_str_equal (what, "milestone"))
    ok = ok && args.kind != NULL && args.title != NULL && args.date != NULL && args.user != NULL;
  else
    ok = FALSE;
  if (!ok)
    {
      g_printerr ("%s", _(CARE_USAGE));
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  anjuctl_use_office_time_zone (store);
  if (g_str_equal (what, "calendar"))
    return care_calendar (store, &args);
  if (g_str_equal (what, "plan"))
    return care_plan (store, &args);
  return care_milestone (store, &args);
}

/* ---- anjuctl handover list ------------------------------------------------ */

static gboolean
print_handover (AnjuStore          *store,
                const AnjuHandover *h,
                GError            **error)
{
  g_autoptr(GPtrArray) contacts = anju_handover_list_contacts (store, h->id, error);
  g_autofree char *when = anju_format_datetime_iso (h->created_at);

  if (contacts == NULL)
    return FALSE;
  /* TRANSLATORS: a handover's header in anjuctl handover list */
  g_print (_("%s\t%s → %s\t%u customers: %u contacted, %u pending, %u overdue\t%s\t%s\n"),
           when, h->from_name ? h->from_name : "-", h->to_name ? h->to_name : "-",
           h->customers, h->contacted, h->pending, h->overdue, h->reason, h->id);
  for (guint i = 0; i < contacts->len; i++)
    {
      AnjuHandoverContact *c = g_ptr_array_index (contacts, i);
      g_autofree char *due = anju_format_datetime (c->due_usec);
      g_autofree char *done = c->done_at ? anju_format_datetime_iso (c->done_at) : NULL;

      /* TRANSLATORS: one customer of a handover: state, name, who calls,
       * the call's due time */
      g_print (_("  %s\t%s\t%s\tdue %s"), anju_handover_contact_state_to_string (c->state),
               c->customer_name, c->assignee_name ? c->assignee_name : "-", due);
      if (done != NULL)
        /* TRANSLATORS: when the handover call was made, and its outcome */
        g_print (_("\tcalled %s: %s"), done, c->outcome ? c->outcome : "");
      g_print ("\n");
    }
  return TRUE;
}

int
anjuctl_handover_list_run (int    argc,
                           char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = NULL;

  if (argc == 3 && g_str_equal (argv[1], "--id"))
    id = argv[2];
  else if (argc != 1)
    {
      g_printerr (_("Usage: anjuctl handover list [--id HANDOVER_ID]\n"));
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  anjuctl_use_office_time_zone (store);
  if (id != NULL)
    {
      g_autoptr(AnjuHandover) h = anju_handover_load (store, id, &error);

      if (h == NULL || !print_handover (store, h, &error))
        {
          anjuctl_print_error (error);
          return 1;
        }
      return 0;
    }
  if (!(rows = anju_handovers_list (store, &error)))
    {
      anjuctl_print_error (error);
      return 1;
    }
  for (guint i = 0; i < rows->len; i++)
    if (!print_handover (store, g_ptr_array_index (rows, i), &error))
      {
        anjuctl_print_error (error);
        return 1;
      }
  if (rows->len == 0)
    g_printerr (_("No handovers.\n"));
  return 0;
}
