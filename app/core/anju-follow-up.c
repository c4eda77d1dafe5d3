/* anju-follow-up.c — follow-up rules as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-follow-up.h"
#include "anju-policy.h"

void
anju_planned_follow_up_free (AnjuPlannedFollowUp *planned)
{
  if (planned == NULL)
    return;
  g_free (planned->detail);
  g_free (planned);
}

gboolean
anju_follow_up_parse_time_of_day (const char *text,
                                  int        *minutes)
{
  int h, m;

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 23 || m > 59)
    return FALSE;
  *minutes = h * 60 + m;
  return TRUE;
}

static gboolean
read_time (JsonObject  *section,
           const char  *key,
           int         *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (section, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      !anju_follow_up_parse_time_of_day (json_node_get_string (node), out))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy setting “follow_up.%s” must be a time of day like “17:00”."), key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_hours (JsonObject  *section,
            const char  *key,
            int         *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (section, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > 24 * 14)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy setting “follow_up.%s” must be a number of hours from 0 to 336."), key);
      return FALSE;
    }
  *out = (int)json_node_get_int (node);
  return TRUE;
}

static gboolean
read_flag (JsonObject  *section,
           const char  *key,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (section, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy setting “follow_up.%s” must be true or false."), key);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
anju_follow_up_rules_from_json (JsonObject         *section,
                                AnjuFollowUpRules  *rules,
                                GError            **error)
{
  if (section == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy has no “follow_up” section. Reinstall Anju."));
      return FALSE;
    }
  return read_flag (section, "sms_same_day", &rules->sms_same_day, error) &&
         read_time (section, "sms_by", &rules->sms_by, error) &&
         read_time (section, "call_next_day_at", &rules->call_next_day_at, error) &&
         read_time (section, "confirm_day_before_at", &rules->confirm_day_before_at, error) &&
         read_time (section, "visit_cutoff", &rules->visit_cutoff, error) &&
         read_hours (section, "same_day_call_within_hours", &rules->same_day_call_within_hours, error) &&
         read_flag (section, "visit_sms", &rules->visit_sms, error) &&
         read_hours (section, "call_back_answer_within_hours", &rules->call_back_answer_within_hours, error);
}

gboolean
anju_follow_up_rules_load (AnjuStore          *store,
                           const char         *project_id,
                           AnjuFollowUpRules  *rules,
                           GError            **error)
{
  g_autoptr(JsonObject) policy = anju_policy_dup_effective (store, project_id, error);
  JsonNode *node;

  if (policy == NULL)
    return FALSE;
  node = anju_policy_lookup_path (policy, "follow_up");
  return anju_follow_up_rules_from_json (node && JSON_NODE_HOLDS_OBJECT (node)
                                         ? json_node_get_object (node) : NULL,
                                         rules, error);
}

static GDateTime *
dup_local (GTimeZone *zone,
           gint64     utc)
{
  gint64 seconds = utc / G_USEC_PER_SEC - (utc % G_USEC_PER_SEC < 0 ? 1 : 0);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (seconds);

  return at ? g_date_time_to_timezone (at, zone) : NULL;
}

gint64
anju_follow_up_local_time (GTimeZone *zone,
                           gint64     utc,
                           int        day_offset,
                           int        minutes)
{
  g_autoptr(GDateTime) local = dup_local (zone, utc);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) result = NULL;

  g_return_val_if_fail (local != NULL, utc);
  midnight = g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), 0, 0, 0);
  day = g_date_time_add_days (midnight, day_offset);
  /* Built from the wall clock, not by adding minutes to midnight, so a
   * zone with daylight saving still gives "10:00" on that day. */
  result = g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                            g_date_time_get_day_of_month (day), minutes / 60, minutes % 60, 0);
  return g_date_time_to_unix (result) * G_USEC_PER_SEC;
}

int
anju_follow_up_minute_of_day (GTimeZone *zone,
                              gint64     utc)
{
  g_autoptr(GDateTime) local = dup_local (zone, utc);

  return local ? g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local) : 0;
}

/* Whole days between the local days of @a and @b (b − a). */
static int
local_days_between (GTimeZone *zone,
                    gint64     a,
                    gint64     b)
{
  g_autoptr(GDateTime) la = dup_local (zone, a);
  g_autoptr(GDateTime) lb = dup_local (zone, b);
  GDate da, db;

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_set_dmy (&da, g_date_time_get_day_of_month (la), g_date_time_get_month (la),
                  g_date_time_get_year (la));
  g_date_set_dmy (&db, g_date_time_get_day_of_month (lb), g_date_time_get_month (lb),
                  g_date_time_get_year (lb));
  return g_date_days_between (&da, &db);
}

static AnjuPlannedFollowUp *
add (GPtrArray  *plan,
     const char *rule,
     const char *task_kind,
     const char *sms_template,
     gint64      due_at,
     const char *detail)
{
  AnjuPlannedFollowUp *p = g_new0 (AnjuPlannedFollowUp, 1);

  p->rule = rule;
  p->task_kind = task_kind;
  p->sms_template = sms_template;
  p->due_at = due_at;
  p->detail = g_strdup (detail);
  g_ptr_array_add (plan, p);
  return p;
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const AnjuPlannedFollowUp *pa = *(AnjuPlannedFollowUp * const *)a;
  const AnjuPlannedFollowUp *pb = *(AnjuPlannedFollowUp * const *)b;

  return (pa->due_at > pb->due_at) - (pa->due_at < pb->due_at);
}

/* The same-day SMS: by the configured time, or at once after it. */
static gint64
same_day_sms_due (const AnjuFollowUpRules *rules,
                  gint64                   ended_at,
                  GTimeZone               *zone)
{
  gint64 by = anju_follow_up_local_time (zone, ended_at, 0, rules->sms_by);

  return MAX (by, ended_at);
}

static void
plan_appointment (GPtrArray               *plan,
                  const AnjuFollowUpRules *rules,
                  gint64                   made_at,
                  gint64                   appointment_at,
                  GTimeZone               *zone)
{
  if (local_days_between (zone, made_at, appointment_at) >= 1)
    {
      gint64 confirm = anju_follow_up_local_time (zone, appointment_at, -1,
                                                  rules->confirm_day_before_at);
      add (plan, "appointment.confirm", "confirm_visit", NULL, MAX (confirm, made_at), NULL);
    }
  add (plan, "appointment.visit", "visit", NULL, appointment_at, NULL)->agreed_time = TRUE;
}

GPtrArray *
anju_follow_up_plan_appointment (const AnjuFollowUpRules *rules,
                                 gint64                   made_at,
                                 gint64                   appointment_at,
                                 GTimeZone               *zone)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_planned_follow_up_free);

  plan_appointment (plan, rules, made_at, appointment_at, zone);
  g_ptr_array_sort (plan, compare_due);
  return plan;
}

GPtrArray *
anju_follow_up_plan_call (const AnjuFollowUpRules *rules,
                          const AnjuCallFacts     *call,
                          GTimeZone               *zone)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_planned_follow_up_free);

  if (!call->has_contact)
    return plan;
  if (rules->sms_same_day && !call->thanked_today)
    add (plan, "call.thank_you_sms", "sms", "call_thanks",
         same_day_sms_due (rules, call->ended_at, zone), NULL);
  if (call->appointment_at != 0)
    plan_appointment (plan, rules, call->ended_at, call->appointment_at, zone);
  else if (call->call_again_at != 0)
    add (plan, "call.call_again", "call", NULL, MAX (call->call_again_at, call->ended_at), NULL)->agreed_time = TRUE;
  else if (call->intent)
    add (plan, "call.invite_next_day", "call", NULL,
         anju_follow_up_local_time (zone, call->ended_at, 1, rules->call_next_day_at), NULL);
  for (guint i = 0; call->unanswered != NULL && call->unanswered[i] != NULL; i++)
    add (plan, "call.answer", "call_back_answer", NULL,
         call->ended_at + (gint64)rules->call_back_answer_within_hours * 3600 * G_USEC_PER_SEC,
         call->unanswered[i]);
  g_ptr_array_sort (plan, compare_due);
  return plan;
}

GPtrArray *
anju_follow_up_plan_visit (const AnjuFollowUpRules *rules,
                           gint64                   arrived_at,
                           gint64                   ended_at,
                           gboolean                 has_contact,
                           GTimeZone               *zone)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_planned_follow_up_free);

  if (!has_contact)
    return plan;
  /* Seed p.48: 当天17:00前来访的客户，当天回访 — the arrival decides, on the
   * day of the arrival (a visit that ran past midnight is called back
   * the next morning, like a late one). */
  if (anju_follow_up_minute_of_day (zone, arrived_at) < rules->visit_cutoff &&
      anju_follow_up_local_time (zone, arrived_at, 1, 0) > ended_at)
    {
      gint64 due = ended_at + (gint64)rules->same_day_call_within_hours * 3600 * G_USEC_PER_SEC;
      gint64 last = anju_follow_up_local_time (zone, ended_at, 1, 0) - G_USEC_PER_SEC;

      add (plan, "visit.call_back", "call_back", NULL, MIN (due, last), NULL);
    }
  else
    {
      /* 次日回访: the day after the arrival, or after the end for a visit
       * that ran past that time */
      gint64 due = anju_follow_up_local_time (zone, arrived_at, 1, rules->call_next_day_at);

      if (due <= ended_at)
        due = anju_follow_up_local_time (zone, ended_at, 1, rules->call_next_day_at);
      add (plan, "visit.call_back", "call_back", NULL, due, NULL);
    }
  if (rules->visit_sms)
    add (plan, "visit.thank_you_sms", "sms", "visit_thanks",
         same_day_sms_due (rules, ended_at, zone), NULL);
  g_ptr_array_sort (plan, compare_due);
  return plan;
}
