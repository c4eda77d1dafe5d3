/* anju-care.c — care before handover (维护): the care calendar, owners'
 * visits and requests, referrals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "anju-care.h"
#include "anju-clock.h"
#include "anju-command.h"
#include "anju-customers.h"
#include "anju-follow-up.h"
#include "anju-format.h"
#include "anju-paths.h"
#include "anju-policy.h"
#include "anju-projects.h"
#include "anju-reception-private.h"
#include "anju-sms.h"
#include "anju-tasks.h"
#include "anju-user.h"

#define DEFAULT_SMS_DAYS_BEFORE   0
#define DEFAULT_SMS_TIME          (9 * 60 + 30)
#define DEFAULT_CALL_DAYS_BEFORE  1
#define DEFAULT_CALL_TIME         (10 * 60)
#define MAX_TITLE_CHARS           100
#define MAX_NOTE_CHARS            1000

/* ---- the data ------------------------------------------------------------ */

static JsonObject *care_data;    /* data/care/holidays.json */
static GError *care_data_error;

static JsonObject *
load_data (GError **error)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autofree char *path = anju_paths_build_data_file ("care", "holidays.json", NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (!json_parser_load_from_file (parser, path, &care_data_error))
        g_prefix_error (&care_data_error, "care/holidays.json: ");
      else if (!JSON_NODE_HOLDS_OBJECT ((root = json_parser_get_root (parser))) ||
               json_object_get_array_member (json_node_get_object (root), "holidays") == NULL ||
               json_object_get_array_member (json_node_get_object (root), "milestones") == NULL)
        g_set_error (&care_data_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "care/holidays.json: no “holidays” and “milestones” lists");
      else
        care_data = json_object_ref (json_node_get_object (root));
      g_once_init_leave (&done, 1);
    }
  if (care_data == NULL && error != NULL)
    *error = g_error_copy (care_data_error);
  return care_data;
}

static JsonArray *
data_list (const char *member)
{
  JsonObject *data = load_data (NULL);

  return data ? json_object_get_array_member (data, member) : NULL;
}

static const char *
member_text (JsonObject *object,
             const char *member)
{
  return json_object_get_string_member_with_default (object, member, NULL);
}

/* The holiday or milestone kind @topic, or NULL. */
static JsonObject *
find_topic (const char *list,
            const char *topic)
{
  JsonArray *array = data_list (list);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (o != NULL && g_strcmp0 (member_text (o, "id"), topic) == 0)
        return o;
    }
  return NULL;
}

const char *
anju_care_topic_get_label (const char *topic)
{
  JsonObject *o = find_topic ("holidays", topic);

  if (o == NULL)
    o = find_topic ("milestones", topic);
  if (o == NULL)
    return topic;
  return anju_recep_pick_name (member_text (o, "name_en"), member_text (o, "name_zh"));
}

const char * const *
anju_care_get_milestone_kinds (void)
{
  static gsize done;
  static char **kinds;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      JsonArray *array = data_list ("milestones");

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonObject *o = json_array_get_object_element (array, i);

          if (o != NULL && member_text (o, "id") != NULL)
            g_strv_builder_add (builder, member_text (o, "id"));
        }
      kinds = g_strv_builder_end (builder);
      g_once_init_leave (&done, 1);
    }
  return (const char * const *)kinds;
}

void
anju_care_holiday_free (AnjuCareHoliday *holiday)
{
  if (holiday == NULL)
    return;
  g_free (holiday->id);
  g_free (holiday->name);
  g_free (holiday->date);
  g_free (holiday->sms_template);
  g_free (holiday);
}

gboolean
anju_care_get_years (int *first,
                     int *last)
{
  JsonArray *array = data_list ("holidays");
  int low = G_MAXINT, high = G_MININT;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      JsonObject *dates = o ? json_object_get_object_member (o, "dates") : NULL;
      g_autoptr(GList) years = dates ? json_object_get_members (dates) : NULL;

      for (GList *l = years; l != NULL; l = l->next)
        {
          int year = atoi (l->data);

          low = MIN (low, year);
          high = MAX (high, year);
        }
    }
  if (low > high)
    return FALSE;
  *first = low;
  *last = high;
  return TRUE;
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  const AnjuCareHoliday *x = *(AnjuCareHoliday * const *)a;
  const AnjuCareHoliday *y = *(AnjuCareHoliday * const *)b;

  return strcmp (x->date, y->date);
}

GPtrArray *
anju_care_holidays_for_year (int      year,
                             GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_care_holiday_free);
  g_autofree char *key = g_strdup_printf ("%d", year);
  g_autofree char *prefix = g_strdup_printf ("%d-", year);
  g_autoptr(GError) local_error = NULL;
  JsonArray *array;
  int first = 0, last = 0;

  if (load_data (&local_error) == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL, "%s", local_error->message);
      return NULL;
    }
  array = data_list ("holidays");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      JsonObject *dates = o ? json_object_get_object_member (o, "dates") : NULL;
      const char *date = dates ? member_text (dates, key) : NULL;
      AnjuCareHoliday *h;

      /* a date of another year, or not a day, is a mistake in the data */
      if (date == NULL || !g_str_has_prefix (date, prefix) || !anju_recep_local_date_is_valid (date))
        continue;
      h = g_new0 (AnjuCareHoliday, 1);
      h->id = g_strdup (member_text (o, "id"));
      h->name = g_strdup (anju_recep_pick_name (member_text (o, "name_en"), member_text (o, "name_zh")));
      h->date = g_strdup (date);
      h->sms_template = g_strdup (member_text (o, "sms_template"));
      g_ptr_array_add (rows, h);
    }
  if (rows->len == 0)
    {
      if (anju_care_get_years (&first, &last))
        anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "year",
                             _("There are no holiday dates for %d. Pick a year from %d to %d, or add its dates to data/care/holidays.json."),
                             year, first, last);
      else
        anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "year",
                             _("There are no holiday dates for %d. Add them to data/care/holidays.json."), year);
      return NULL;
    }
  g_ptr_array_sort (rows, compare_holidays);
  return g_steal_pointer (&rows);
}

/* ---- owners --------------------------------------------------------------- */

void
anju_care_owner_free (AnjuCareOwner *owner)
{
  if (owner == NULL)
    return;
  g_free (owner->customer_id);
  g_free (owner->name);
  g_free (owner->consultant_id);
  g_free (owner);
}

/* Buyers and co-owners on file of the project's live subscriptions; their
 * own consultant calls them, else the deal's. */
#define OWNERS_SQL \
  "SELECT c.id, c.name, c.title, coalesce (c.owner_id, min (s.consultant_id)) " \
  "FROM customers c JOIN (" \
  "  SELECT s.customer_id AS customer_id, s.consultant_id AS consultant_id FROM subscriptions s " \
  "    WHERE s.project_id = ?1 AND s.status IN ('active','signed') " \
  "  UNION ALL SELECT b.customer_id, s.consultant_id FROM subscription_buyers b " \
  "    JOIN subscriptions s ON s.id = b.subscription_id " \
  "    WHERE s.project_id = ?1 AND s.status IN ('active','signed') AND b.customer_id IS NOT NULL" \
  ") s ON s.customer_id = c.id " \
  "GROUP BY c.id ORDER BY c.created_at, c.id"

GPtrArray *
anju_care_list_owners (AnjuStore   *store,
                       const char  *project_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_care_owner_free);
  sqlite3_stmt *stmt = anju_store_prepare (store, OWNERS_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuCareOwner *o = g_new0 (AnjuCareOwner, 1);

      o->customer_id = anju_stmt_dup_text (stmt, 0);
      o->name = anju_stmt_dup_person (stmt, 1, 2);
      o->consultant_id = anju_stmt_dup_text (stmt, 3);
      g_ptr_array_add (rows, o);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
anju_care_is_owner (AnjuStore  *store,
                    const char *customer_id)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT 1 FROM subscriptions s WHERE s.status IN ('active','signed') AND (s.customer_id = ?1 "
      "OR EXISTS (SELECT 1 FROM subscription_buyers b WHERE b.subscription_id = s.id AND b.customer_id = ?1)) "
      "LIMIT 1", NULL);
  gboolean owner;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  owner = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return owner;
}

/* ---- the calendar ----------------------------------------------------------- */

void
anju_care_event_free (AnjuCareEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->id);
  g_free (event->project_id);
  g_free (event->kind);
  g_free (event->topic);
  g_free (event->title);
  g_free (event->date);
  g_free (event->sms_template);
  g_free (event);
}

#define EVENT_SELECT \
  "SELECT e.id, e.project_id, e.kind, e.topic, e.title, e.day, e.sms_template, " \
  "  (SELECT COUNT(*) FROM sms_outbox o WHERE o.source_type = 'care_event' AND o.source_id = e.id " \
  "     AND o.state <> 'cancelled'), " \
  "  (SELECT COUNT(*) FROM sms_outbox o WHERE o.source_type = 'care_event' AND o.source_id = e.id " \
  "     AND o.state = 'sent'), " \
  "  (SELECT COUNT(*) FROM tasks t WHERE t.source_type = 'care_event' AND t.source_id = e.id " \
  "     AND t.kind = 'call'), " \
  "  (SELECT COUNT(*) FROM tasks t WHERE t.source_type = 'care_event' AND t.source_id = e.id " \
  "     AND t.kind = 'call' AND t.state = 'done') " \
  "FROM care_events e "

static GPtrArray *
collect_events (AnjuStore     *store,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_care_event_free);
  g_autofree char *today = anju_recep_local_date_of (anju_store_now (store), anju_format_get_time_zone ());
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuCareEvent *e = g_new0 (AnjuCareEvent, 1);

      e->id = anju_stmt_dup_text (stmt, 0);
      e->project_id = anju_stmt_dup_text (stmt, 1);
      e->kind = anju_stmt_dup_text (stmt, 2);
      e->topic = anju_stmt_dup_text (stmt, 3);
      e->title = anju_stmt_dup_text (stmt, 4);
      e->date = anju_stmt_dup_text (stmt, 5);
      e->sms_template = anju_stmt_dup_text (stmt, 6);
      e->sms_total = sqlite3_column_int (stmt, 7);
      e->sms_sent = sqlite3_column_int (stmt, 8);
      e->calls_total = sqlite3_column_int (stmt, 9);
      e->calls_done = sqlite3_column_int (stmt, 10);
      e->past = strcmp (e->date, today) < 0;
      e->done = e->sms_total + e->calls_total > 0 &&
                e->sms_sent == e->sms_total && e->calls_done == e->calls_total;
      if (g_str_equal (e->kind, "holiday"))
        {
          g_free (e->title);
          e->title = g_strdup (anju_care_topic_get_label (e->topic));
        }
      g_ptr_array_add (rows, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
anju_care_list_events (AnjuStore   *store,
                       const char  *project_id,
                       int          year,
                       GError     **error)
{
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  g_autofree char *first = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", year);
  sqlite3_stmt *stmt;

  if (project == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) anju_care_event_free);
  stmt = anju_store_prepare (store, EVENT_SELECT
                             "WHERE e.project_id = ?1 AND e.day BETWEEN ?2 AND ?3 ORDER BY e.day, e.kind, e.topic",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, project->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, last, -1, SQLITE_TRANSIENT);
  return collect_events (store, stmt, error);
}

static AnjuCareEvent *
load_event (AnjuStore   *store,
            const char  *event_id,
            GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, EVENT_SELECT "WHERE e.id = ?1", error);
  g_autoptr(GPtrArray) rows = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_TRANSIENT);
  if (!(rows = collect_events (store, stmt, error)))
    return NULL;
  if (rows->len == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "event_id",
                           _("There is no such care event. Refresh the calendar."));
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

/* ---- making an event's SMS and calls --------------------------------------- */

typedef struct
{
  gint64   sms_at;     /* 0: the event's day has passed */
  gint64   call_at;
  gint64   day_start;  /* local midnight of the event's day */
} CareTimes;

static int
policy_time_of_day (AnjuStore  *store,
                    const char *project_id,
                    const char *path,
                    int         fallback)
{
  g_autofree char *text = anju_policy_dup_string (store, project_id, path, NULL);
  int minutes = fallback;

  if (text == NULL || !anju_follow_up_parse_time_of_day (text, &minutes))
    return fallback;
  return minutes;
}

/* When an event on @date sends its SMS and wants its call: the policy's
 * day and time before it, at once when that has passed, moved into
 * office hours; nothing once the day itself has passed. */
static gboolean
plan_times (AnjuStore   *store,
            const char  *project_id,
            const char  *date,
            gint64       now,
            CareTimes   *times)
{
  GTimeZone *zone = anju_format_get_time_zone ();
  gint64 start = 0, end = 0, sms, call;
  gint64 sms_days = anju_policy_get_int (store, project_id, "care.sms_days_before", DEFAULT_SMS_DAYS_BEFORE);
  gint64 call_days = anju_policy_get_int (store, project_id, "care.call_days_before", DEFAULT_CALL_DAYS_BEFORE);
  int sms_time = policy_time_of_day (store, project_id, "care.sms_time", DEFAULT_SMS_TIME);
  int call_time = policy_time_of_day (store, project_id, "care.call_time", DEFAULT_CALL_TIME);

  memset (times, 0, sizeof *times);
  if (!anju_recep_local_day_range (date, zone, &start, &end))
    return FALSE;
  times->day_start = start;
  if (now >= end)
    return TRUE;
  sms = anju_follow_up_local_time (zone, start, -(int)sms_days, sms_time);
  call = anju_follow_up_local_time (zone, start, -(int)call_days, call_time);
  times->sms_at = anju_policy_next_opening_usec (store, project_id, MAX (sms, now));
  times->call_at = anju_policy_next_opening_usec (store, project_id, MAX (call, now));
  return TRUE;
}

static gboolean
exists (AnjuStore   *store,
        const char  *sql,
        const char  *event_id,
        const char  *customer_id,
        gboolean    *found,
        GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, customer_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  return TRUE;
}

/* The SMS and the call of @event for @owner, each unless it was made
 * before (planning again makes nothing twice). */
static gboolean
make_owner_tasks (AnjuCommandContext   *ctx,
                  const AnjuCareEvent  *event,
                  const char           *title,
                  const AnjuCareOwner  *owner,
                  const CareTimes      *times,
                  JsonArray            *sms_ids,
                  JsonArray            *task_ids,
                  GError              **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *consultant = owner->consultant_id ? owner->consultant_id
                           : anju_command_context_get_actor (ctx)->id;
  gboolean has_sms = FALSE, has_call = FALSE;

  if (!exists (store, "SELECT 1 FROM sms_outbox WHERE source_type = 'care_event' AND source_id = ?1 "
                      "AND customer_id = ?2", event->id, owner->customer_id, &has_sms, error) ||
      !exists (store, "SELECT 1 FROM tasks WHERE source_type = 'care_event' AND source_id = ?1 "
                      "AND customer_id = ?2 AND kind = 'call'", event->id, owner->customer_id, &has_call, error))
    return FALSE;

  if (!has_sms)
    {
      g_autoptr(JsonObject) values = json_object_new ();
      g_autoptr(GError) local_error = NULL;
      g_autofree char *sms_id = NULL, *task_id = NULL, *sms_title = NULL;
      AnjuSmsSpec sms = { 0 };
      AnjuTaskSpec task = { 0 };

      json_object_set_string_member (values, "event", title);
      sms.project_id = event->project_id;
      sms.customer_id = owner->customer_id;
      sms.consultant_id = consultant;
      sms.template_id = event->sms_template;
      sms.at = times->day_start;
      sms.due_at = times->sms_at;
      sms.rule = "care.sms_days_before";
      sms.source_type = "care_event";
      sms.source_id = event->id;
      sms.values = values;
      sms_id = anju_sms_queue_from_rule (ctx, &sms, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (sms_id != NULL)   /* none for an owner without a mobile number */
        {
          /* Translators: the first %s is a care event (春节, 主体封顶), the second a customer */
          sms_title = g_strdup_printf (_("Send the %s SMS to %s"), title, owner->name);
          task.project_id = event->project_id;
          task.customer_id = owner->customer_id;
          task.assignee_id = consultant;
          task.kind = "sms";
          task.title = sms_title;
          task.due_at = times->sms_at;
          task.rule = "care.sms_days_before";
          task.source_type = "sms";
          task.source_id = sms_id;
          if (!(task_id = anju_task_insert (ctx, &task, error)))
            return FALSE;
          json_array_add_string_element (sms_ids, sms_id);
          json_array_add_string_element (task_ids, task_id);
        }
    }

  if (!has_call)
    {
      g_autofree char *task_id = NULL, *call_title = NULL;
      AnjuTaskSpec task = { 0 };

      /* Translators: the first %s is a customer, the second a care event (春节, 主体封顶) */
      call_title = g_strdup_printf (_("Call %s: %s greetings and news of the new home"), owner->name, title);
      task.project_id = event->project_id;
      task.customer_id = owner->customer_id;
      task.assignee_id = consultant;
      task.kind = "call";
      task.title = call_title;
      task.due_at = times->call_at;
      task.rule = "care.call_days_before";
      task.source_type = "care_event";
      task.source_id = event->id;
      if (!(task_id = anju_task_insert (ctx, &task, error)))
        return FALSE;
      json_array_add_string_element (task_ids, task_id);
    }
  return TRUE;
}

/* What @event_id makes for every owner of its project that it has not
 * made yet. */
static gboolean
make_event_tasks (AnjuCommandContext  *ctx,
                  const char          *event_id,
                  GPtrArray           *owners,
                  JsonArray           *sms_ids,
                  JsonArray           *task_ids,
                  GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuCareEvent) event = load_event (store, event_id, error);
  CareTimes times;

  if (event == NULL)
    return FALSE;
  if (!plan_times (store, event->project_id, event->date, anju_command_context_get_now (ctx), &times))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, "date", "%s", event->date);
      return FALSE;
    }
  if (times.sms_at == 0)
    return TRUE;   /* its day has passed */
  for (guint i = 0; i < owners->len; i++)
    if (!make_owner_tasks (ctx, event, event->title, g_ptr_array_index (owners, i), &times,
                           sms_ids, task_ids, error))
      return FALSE;
  return TRUE;
}

/* The event of @topic on @date, or NULL. */
static char *
find_event (AnjuStore   *store,
            const char  *project_id,
            const char  *topic,
            const char  *date)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT id FROM care_events WHERE project_id = ? AND topic = ? AND day = ?", NULL);
  char *id = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, topic, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

typedef struct
{
  const char *id;
  const char *project_id;
  const char *kind;
  const char *topic;
  const char *title;
  const char *date;
  const char *sms_template;
} EventRow;

static gboolean
insert_event (AnjuCommandContext  *ctx,
              const EventRow      *row,
              GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO care_events (id, project_id, kind, topic, title, day, sms_template, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, row->topic, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, row->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, row->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, row->sms_template, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, anju_command_context_get_actor (ctx)->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "care_events", row->id);
  return TRUE;
}

static void
set_subject (AnjuCommandContext *ctx,
             const char         *kind,
             const char         *id)
{
  g_autofree char *subject = g_strconcat (kind, ":", id, NULL);

  anju_command_context_set_subject (ctx, subject);
}

/* ---- care.plan_year ------------------------------------------------------ */

static gboolean
apply_calendar_plan (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autoptr(GPtrArray) holidays = NULL, owners = NULL;
  g_autofree char *project_id = NULL;
  JsonArray *event_ids, *sms_ids, *task_ids;
  gint64 year = 0, created = 0;

  if (!anju_payload_get_int (payload, "year", TRUE, &year, error) ||
      !anju_recep_resolve_project (store, payload, NULL, &project_id, error))
    return FALSE;
  if (year < 1900 || year > 9999)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "year",
                           _("“year” must be a year such as 2027."));
      return FALSE;
    }
  if (!(holidays = anju_care_holidays_for_year ((int)year, error)) ||
      !(owners = anju_care_list_owners (store, project_id, error)))
    return FALSE;
  /* Every holiday's template must render before anything is written. */
  for (guint i = 0; i < holidays->len; i++)
    {
      AnjuCareHoliday *h = g_ptr_array_index (holidays, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *text = anju_sms_dup_template (store, project_id, h->sms_template, &local_error);

      if (text == NULL)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, "year", "%s", local_error->message);
          return FALSE;
        }
    }

  event_ids = json_array_new ();
  sms_ids = json_array_new ();
  task_ids = json_array_new ();
  json_object_set_array_member (result, "event_ids", event_ids);
  json_object_set_array_member (result, "sms_ids", sms_ids);
  json_object_set_array_member (result, "task_ids", task_ids);
  for (guint i = 0; i < holidays->len; i++)
    {
      AnjuCareHoliday *h = g_ptr_array_index (holidays, i);
      g_autofree char *id = find_event (store, project_id, h->id, h->date);

      if (id == NULL)
        {
          JsonObject *data = find_topic ("holidays", h->id);
          EventRow row = { 0 };

          id = anju_command_context_new_id (ctx);
          row.id = id;
          row.project_id = project_id;
          row.kind = "holiday";
          row.topic = h->id;
          /* kept in English; a holiday's name is shown from the data */
          row.title = member_text (data, "name_en");
          row.date = h->date;
          row.sms_template = h->sms_template;
          if (!insert_event (ctx, &row, error))
            return FALSE;
          created++;
        }
      json_array_add_string_element (event_ids, id);
      if (!make_event_tasks (ctx, id, owners, sms_ids, task_ids, error))
        return FALSE;
    }
  set_subject (ctx, "project", project_id);
  json_object_set_int_member (result, "created", created);
  json_object_set_int_member (result, "owners", owners->len);
  return TRUE;
}

/* ---- care.add_milestone ------------------------------------------------------------ */

static gboolean
apply_event_add (AnjuCommandContext  *ctx,
                 JsonObject          *payload,
                 GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autoptr(GPtrArray) owners = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *project_id = NULL, *id = NULL, *existing = NULL, *today = NULL, *text = NULL;
  g_autofree char *kinds = NULL;
  const char *kind, *title, *date;
  JsonObject *data;
  JsonArray *sms_ids, *task_ids;
  EventRow row = { 0 };

  if (!anju_payload_get_string (payload, "kind", TRUE, &kind, error) ||
      !anju_payload_get_text (payload, "title", TRUE, MAX_TITLE_CHARS, &title, error) ||
      !anju_recep_get_local_date (payload, "date", TRUE, &date, error) ||
      !anju_recep_resolve_project (store, payload, NULL, &project_id, error))
    return FALSE;
  if (!(data = find_topic ("milestones", kind)))
    {
      kinds = g_strjoinv (", ", (char **)anju_care_get_milestone_kinds ());
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "kind",
                           _("“kind” must be one of: %s."), kinds);
      return FALSE;
    }
  today = anju_recep_local_date_of (anju_command_context_get_now (ctx), anju_format_get_time_zone ());
  if (strcmp (date, today) < 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "date",
                           _("%s has passed. Owners hear of a milestone on its day or before: pick today or a later day."),
                           date);
      return FALSE;
    }
  if ((existing = find_event (store, project_id, kind, date)) != NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_DUPLICATE, "date",
                           _("The calendar already has a %s on %s. Pick another day, or another kind."),
                           anju_care_topic_get_label (kind), date);
      return FALSE;
    }
  if (!(text = anju_sms_dup_template (store, project_id, member_text (data, "sms_template"), &local_error)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, "kind", "%s", local_error->message);
      return FALSE;
    }
  if (!(owners = anju_care_list_owners (store, project_id, error)) ||
      !anju_command_context_take_new_id (ctx, payload, "event_id", "care_events", &id, error))
    return FALSE;

  row.id = id;
  row.project_id = project_id;
  row.kind = "milestone";
  row.topic = kind;
  row.title = title;
  row.date = date;
  row.sms_template = member_text (data, "sms_template");
  if (!insert_event (ctx, &row, error))
    return FALSE;
  sms_ids = json_array_new ();
  task_ids = json_array_new ();
  json_object_set_array_member (result, "sms_ids", sms_ids);
  json_object_set_array_member (result, "task_ids", task_ids);
  if (!make_event_tasks (ctx, id, owners, sms_ids, task_ids, error))
    return FALSE;
  set_subject (ctx, "care_event", id);
  json_object_set_string_member (result, "event_id", id);
  json_object_set_int_member (result, "owners", owners->len);
  return TRUE;
}

/* ---- reactive care ------------------------------------------------------------ */

void
anju_care_contact_free (AnjuCareContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->id);
  g_free (contact->customer_id);
  g_free (contact->customer_name);
  g_free (contact->kind);
  g_free (contact->at);
  g_free (contact->request);
  g_free (contact->response);
  g_free (contact->friend_customer_id);
  g_free (contact->friend_name);
  g_free (contact->logged_by_name);
  g_free (contact);
}

GPtrArray *
anju_care_list_contacts (AnjuStore   *store,
                         const char  *project_id,
                         const char  *customer_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_care_contact_free);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT k.id, k.customer_id, c.name, c.title, k.kind, k.at, k.request, k.response, "
      "k.friend_customer_id, f.name, f.title, u.display_name FROM care_contacts k "
      "JOIN customers c ON c.id = k.customer_id LEFT JOIN customers f ON f.id = k.friend_customer_id "
      "LEFT JOIN users u ON u.id = k.logged_by "
      "WHERE (?1 IS NULL OR k.project_id = ?1) AND (?2 IS NULL OR k.customer_id = ?2) "
      "ORDER BY k.at DESC, k.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, project_id);
  anju_stmt_bind_text_or_null (stmt, 2, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuCareContact *k = g_new0 (AnjuCareContact, 1);

      k->id = anju_stmt_dup_text (stmt, 0);
      k->customer_id = anju_stmt_dup_text (stmt, 1);
      k->customer_name = anju_stmt_dup_person (stmt, 2, 3);
      k->kind = anju_stmt_dup_text (stmt, 4);
      k->at = anju_stmt_dup_text (stmt, 5);
      k->request = anju_stmt_dup_text (stmt, 6);
      k->response = anju_stmt_dup_text (stmt, 7);
      k->friend_customer_id = anju_stmt_dup_text (stmt, 8);
      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        k->friend_name = anju_stmt_dup_person (stmt, 9, 10);
      k->logged_by_name = anju_stmt_dup_text (stmt, 11);
      g_ptr_array_add (rows, k);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The friend an owner brought goes through reception as a referral, in
 * this transaction; visit.register's answer goes under "friend". */
static gboolean
register_friend (AnjuCommandContext  *ctx,
                 const char          *project_id,
                 const char          *owner_id,
                 gint64               at,
                 JsonObject          *friend,
                 char               **visit_id,
                 char               **friend_id,
                 GError             **error)
{
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autoptr(JsonObject) visit = json_object_new ();
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (friend);
  g_autoptr(GList) answered = NULL;
  g_autofree char *arrived = anju_clock_format_utc (at);
  static const char * const own[] = { "arrived_at", "first_time", "visit_type", "referred_by", "project_id", NULL };

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (own, l->data))
      json_object_set_member (visit, l->data, json_node_copy (json_object_get_member (friend, l->data)));
  json_object_set_string_member (visit, "project_id", project_id);
  json_object_set_string_member (visit, "arrived_at", arrived);
  json_object_set_boolean_member (visit, "first_time", TRUE);
  json_object_set_string_member (visit, "visit_type", "referral");
  json_object_set_string_member (visit, "referred_by", owner_id);
  if (!anju_recep_run_nested (ctx, "visit.register", visit, "friend", error))
    return FALSE;
  /* visit.register answered into our result: move it under "friend" */
  answered = json_object_get_members (result);
  for (GList *l = answered; l != NULL; l = l->next)
    {
      json_object_set_member (answer, l->data, json_node_copy (json_object_get_member (result, l->data)));
      json_object_remove_member (result, l->data);
    }
  *visit_id = g_strdup (json_object_get_string_member_with_default (answer, "visit_id", NULL));
  *friend_id = g_strdup (json_object_get_string_member_with_default (answer, "customer_id", NULL));
  json_object_set_object_member (result, "friend", g_steal_pointer (&answer));
  return TRUE;
}

/* The thank-you SMS to an owner who brought a friend, and the task to
 * send it. */
static gboolean
thank_owner (AnjuCommandContext        *ctx,
             const char                *project_id,
             const AnjuRecepCustomer   *owner,
             const char                *contact_id,
             gint64                     at,
             char                     **sms_id_out,
             JsonArray                 *task_ids,
             GError                   **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *consultant = owner->owner_id ? owner->owner_id : anju_command_context_get_actor (ctx)->id;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sms_id = NULL, *task_id = NULL, *title = NULL, *who = NULL;
  gint64 due = anju_policy_next_opening_usec (store, project_id, MAX (at, anju_command_context_get_now (ctx)));
  AnjuSmsSpec sms = { 0 };
  AnjuTaskSpec task = { 0 };

  sms.project_id = project_id;
  sms.customer_id = owner->id;
  sms.consultant_id = consultant;
  sms.template_id = "care_referral_thanks";
  sms.due_at = due;
  sms.rule = "care.referral_thanks";
  sms.source_type = "care_contact";
  sms.source_id = contact_id;
  sms_id = anju_sms_queue_from_rule (ctx, &sms, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (sms_id == NULL)
    return TRUE;   /* no number to send to */
  who = anju_format_person (owner->name, owner->title);
  title = g_strdup_printf (_("Send %s the thank-you for bringing a friend"), who);
  task.project_id = project_id;
  task.customer_id = owner->id;
  task.assignee_id = consultant;
  task.kind = "sms";
  task.title = title;
  task.due_at = due;
  task.rule = "care.referral_thanks";
  task.source_type = "sms";
  task.source_id = sms_id;
  if (!(task_id = anju_task_insert (ctx, &task, error)))
    return FALSE;
  json_array_add_string_element (task_ids, task_id);
  *sms_id_out = g_steal_pointer (&sms_id);
  return TRUE;
}

static gboolean
apply_contact_log (AnjuCommandContext  *ctx,
                   JsonObject          *payload,
                   GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  JsonObject *result = anju_command_context_get_result (ctx);
  g_auto(AnjuRecepCustomer) owner = { 0 };
  g_autoptr(AnjuProject) project = NULL;
  g_autofree char *id = NULL, *at_text = NULL, *visit_id = NULL, *friend_id = NULL;
  g_autofree char *sms_id = NULL, *summary = NULL, *who = NULL;
  const char *customer_id, *kind, *request, *response;
  JsonObject *friend = NULL;
  g_autoptr(JsonArray) task_ids = json_array_new ();
  gint64 at = anju_command_context_get_now (ctx);
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "customer_id", TRUE, &customer_id, error) ||
      !anju_payload_get_string (payload, "kind", TRUE, &kind, error) ||
      !anju_payload_get_time (payload, "at", FALSE, &at, error) ||
      !anju_payload_get_text (payload, "request", TRUE, MAX_NOTE_CHARS, &request, error) ||
      !anju_payload_get_text (payload, "response", TRUE, MAX_NOTE_CHARS, &response, error) ||
      !anju_payload_get_object (payload, "friend", FALSE, &friend, error))
    return FALSE;
  if (!g_str_equal (kind, "visit") && !g_str_equal (kind, "call"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "kind",
                           _("“kind” must be “visit” (the owner came to the office) or “call” (they phoned)."));
      return FALSE;
    }
  if (at > anju_command_context_get_now (ctx))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "at",
                           _("A contact is logged once it has happened: “at” is in the future."));
      return FALSE;
    }
  if (friend != NULL && !g_str_equal (kind, "visit"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "friend",
                           _("Only an owner who came to the office brings a friend: log the contact as a visit."));
      return FALSE;
    }
  if (!anju_recep_load_customer (store, "customer_id", customer_id, &owner, error))
    return FALSE;
  if (!anju_care_is_owner (store, owner.id))
    {
      who = anju_format_person (owner.name, owner.title);
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "customer_id",
                           _("%s owns no unit yet. Log their visit or call through reception instead."), who);
      return FALSE;
    }
  project = anju_project_lookup_or_first (store, owner.project_id);
  if (project == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "customer_id",
                           _("The customer's project is not on file. Refresh and try again."));
      return FALSE;
    }
  if (!anju_command_context_take_new_id (ctx, payload, "contact_id", "care_contacts", &id, error))
    return FALSE;

  /* The friend first: a refusal of theirs changes nothing either. */
  if (friend != NULL &&
      (!register_friend (ctx, project->id, owner.id, at, friend, &visit_id, &friend_id, error) ||
       !thank_owner (ctx, project->id, &owner, id, at, &sms_id, task_ids, error)))
    return FALSE;

  at_text = anju_clock_format_utc (at);
  stmt = anju_store_prepare (store,
      "INSERT INTO care_contacts (id, project_id, customer_id, kind, at, request, response, "
      "friend_visit_id, friend_customer_id, thanks_sms_id, logged_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, project->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, owner.id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, at_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, request, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, response, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 8, visit_id);
  anju_stmt_bind_text_or_null (stmt, 9, friend_id);
  anju_stmt_bind_text_or_null (stmt, 10, sms_id);
  sqlite3_bind_text (stmt, 11, anju_command_context_get_actor (ctx)->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "care_contacts", id);

  summary = g_str_equal (kind, "visit")
            /* Translators: %s is what the owner asked or reported */
            ? g_strdup_printf (_("Owner's visit: %s"), request)
            /* Translators: %s is what the owner asked or reported */
            : g_strdup_printf (_("Owner's call: %s"), request);
  if (!anju_customer_add_event (ctx, owner.id, "care", summary, response, error))
    return FALSE;

  set_subject (ctx, "care_contact", id);
  json_object_set_string_member (result, "contact_id", id);
  if (sms_id != NULL)
    json_object_set_string_member (result, "thanks_sms_id", sms_id);
  else
    json_object_set_null_member (result, "thanks_sms_id");
  json_object_set_array_member (result, "task_ids", g_steal_pointer (&task_ids));
  return TRUE;
}

/* ---- registration ----------------------------------------------------------------- */

static const AnjuCommandSpec care_commands[] = {
  { "care.plan_year", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_calendar_plan,
    "project_id:string? year:integer" },
  { "care.add_milestone", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_event_add,
    "event_id:string? project_id:string? kind:string title:string date:string" },
  { "care.log_contact", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_contact_log,
    "contact_id:string? customer_id:string kind:string at:string? request:string response:string "
    "friend:object?" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const care_topic_tables[] = { "care_events", "care_contacts", NULL };

void
anju_care_register_commands (void)
{
  anju_topic_declare ("care", care_topic_tables);
  anju_commands_register (care_commands, G_N_ELEMENTS (care_commands));
}
