/* anju-visits.c — walk-in visits: registration at the door, the handover,
 * the six stations, the risk disclosure and the end of the visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-follow-up.h"
#include "anju-format.h"
#include "anju-ident.h"
#include "anju-policy.h"
#include "anju-profile.h"
#include "anju-reception-private.h"
#include "anju-reception.h"
#include "anju-rotation.h"
#include "anju-sms.h"
#include "anju-tasks.h"

static const char * const visit_types[] = { "first", "return", "owner", "referral", NULL };

/* The visit type's name for people. */
static const char *
visit_type_label (const char *type)
{
  if (g_strcmp0 (type, "first") == 0)
    return _("First visit");
  if (g_strcmp0 (type, "return") == 0)
    return _("Return visit");
  if (g_strcmp0 (type, "owner") == 0)
    return _("Owner visit");
  if (g_strcmp0 (type, "referral") == 0)
    return _("Referral visit");
  return type;
}

/* A must-have field ("name", "profile.age_band", …) named for people. */
static const char *
missing_field_label (const char *field)
{
  if (g_str_has_prefix (field, "profile."))
    {
      const AnjuProfileDimension *dim = anju_profile_lookup (field + strlen ("profile."));

      return dim != NULL ? _(dim->label) : field;
    }
  if (g_strcmp0 (field, "name") == 0)
    return _("Name");
  if (g_strcmp0 (field, "title") == 0)
    return C_("customer", "Title");
  if (g_strcmp0 (field, "mobile") == 0)
    return _("Mobile");
  if (g_strcmp0 (field, "id_number") == 0)
    return _("ID number");
  return field;
}

/* ---- queries ---------------------------------------------------------- */

void
anju_visit_free (AnjuVisit *v)
{
  if (v == NULL)
    return;
  g_free (v->id);
  g_free (v->project_id);
  g_free (v->customer_id);
  g_free (v->customer_name);
  g_free (v->customer_title);
  g_free (v->visit_type);
  g_free (v->referred_by);
  g_free (v->referred_by_name);
  g_free (v->car_plate);
  g_free (v->arrived_at);
  g_free (v->registered_by);
  g_free (v->registered_by_name);
  g_free (v->consultant_id);
  g_free (v->consultant_name);
  g_free (v->route);
  g_free (v->appointment_id);
  g_free (v->greeted_at);
  g_free (v->handover_confirmed_at);
  g_clear_pointer (&v->stations, json_object_unref);
  g_free (v->disclosed_at);
  g_free (v->ended_at);
  g_free (v->state);
  g_free (v);
}

#define VISIT_SELECT \
  "SELECT v.id, v.project_id, v.customer_id, c.name, c.title, v.visit_type, v.first_time, " \
  "v.referred_by, r.name, v.party_size, v.car_plate, v.arrived_at, v.registered_by, " \
  "ru.display_name, v.consultant_id, cu.display_name, v.route, v.appointment_id, v.greeted_at, " \
  "v.wait_seconds, v.long_wait, v.handover_required, v.handover_confirmed_at, v.stations, " \
  "v.club_joined, v.disclosure_version, v.disclosed_at, v.ended_at, v.state FROM visits v " \
  "LEFT JOIN customers c ON c.id = v.customer_id " \
  "LEFT JOIN customers r ON r.id = v.referred_by " \
  "LEFT JOIN users ru ON ru.id = v.registered_by " \
  "LEFT JOIN users cu ON cu.id = v.consultant_id "

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return json_object_new ();
}

static AnjuVisit *
visit_from_stmt (AnjuStore    *store,
                 sqlite3_stmt *stmt)
{
  AnjuVisit *v = g_new0 (AnjuVisit, 1);
  gint64 arrived = 0;

  v->id = anju_stmt_dup_text (stmt, 0);
  v->project_id = anju_stmt_dup_text (stmt, 1);
  v->customer_id = anju_stmt_dup_text (stmt, 2);
  v->customer_name = anju_stmt_dup_text (stmt, 3);
  v->customer_title = anju_stmt_dup_text (stmt, 4);
  v->visit_type = anju_stmt_dup_text (stmt, 5);
  v->first_time = sqlite3_column_int (stmt, 6);
  v->referred_by = anju_stmt_dup_text (stmt, 7);
  v->referred_by_name = anju_stmt_dup_text (stmt, 8);
  v->party_size = sqlite3_column_int (stmt, 9);
  v->car_plate = anju_stmt_dup_text (stmt, 10);
  v->arrived_at = anju_stmt_dup_text (stmt, 11);
  v->registered_by = anju_stmt_dup_text (stmt, 12);
  v->registered_by_name = anju_stmt_dup_text (stmt, 13);
  v->consultant_id = anju_stmt_dup_text (stmt, 14);
  v->consultant_name = anju_stmt_dup_text (stmt, 15);
  v->route = anju_stmt_dup_text (stmt, 16);
  v->appointment_id = anju_stmt_dup_text (stmt, 17);
  v->greeted_at = anju_stmt_dup_text (stmt, 18);
  v->handover_required = sqlite3_column_int (stmt, 21);
  v->handover_confirmed_at = anju_stmt_dup_text (stmt, 22);
  v->stations = parse_object ((const char *)sqlite3_column_text (stmt, 23));
  v->club_joined = sqlite3_column_int (stmt, 24);
  v->disclosure_version = sqlite3_column_type (stmt, 25) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 25);
  v->disclosed_at = anju_stmt_dup_text (stmt, 26);
  v->ended_at = anju_stmt_dup_text (stmt, 27);
  v->state = anju_stmt_dup_text (stmt, 28);
  v->current_disclosure_version = anju_reception_get_disclosure_version (store, v->project_id);
  v->greet_within_seconds = anju_policy_get_int (store, v->project_id, "walk_in.greet_within_seconds", 60);
  if (v->greeted_at != NULL)
    {
      v->wait_seconds = sqlite3_column_int64 (stmt, 19);
      v->long_wait = sqlite3_column_int (stmt, 20);
    }
  else if (g_str_equal (v->state, "open") && anju_clock_parse_utc (v->arrived_at, &arrived))
    {
      v->wait_seconds = MAX (0, (anju_store_now (store) - arrived) / G_USEC_PER_SEC);
      v->long_wait = v->wait_seconds > v->greet_within_seconds;
    }
  else
    v->wait_seconds = -1;   /* ended without a greeting: no wait was recorded */
  return v;
}

AnjuVisit *
anju_visit_load (AnjuStore   *store,
                 const char  *visit_id,
                 GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, VISIT_SELECT "WHERE v.id = ?", error);
  AnjuVisit *v = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, visit_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = visit_from_stmt (store, stmt);
  sqlite3_reset (stmt);
  if (v == NULL)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "visit_id",
                         _("There is no visit with this id. Refresh the queue."));
  return v;
}

static GPtrArray *
list_visits (AnjuStore   *store,
             const char  *project_id,
             const char  *local_date,
             const char  *order,
             GError     **error)
{
  GTimeZone *zone = anju_format_get_time_zone ();
  g_autofree char *today = NULL, *start_text = NULL, *end_text = NULL, *sql = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  gint64 start, end;
  sqlite3_stmt *stmt;

  if (local_date == NULL)
    local_date = today = anju_recep_local_date_of (anju_store_now (store), zone);
  if (!anju_recep_local_day_range (local_date, zone, &start, &end))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "local_date",
                           _("“%s” is not a day written YYYY-MM-DD."), local_date);
      return NULL;
    }
  start_text = anju_clock_format_utc (start);
  end_text = anju_clock_format_utc (end);
  sql = g_strconcat (VISIT_SELECT,
                     "WHERE v.arrived_at >= ?1 AND v.arrived_at < ?2 AND (?3 IS NULL OR v.project_id = ?3) ",
                     order, NULL);
  if (!(stmt = anju_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, start_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end_text, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, project_id);
  visits = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_visit_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (visits, visit_from_stmt (store, stmt));
  sqlite3_reset (stmt);
  return g_steal_pointer (&visits);
}

GPtrArray *
anju_visits_list_for_day (AnjuStore   *store,
                          const char  *project_id,
                          const char  *local_date,
                          GError     **error)
{
  return list_visits (store, project_id, local_date, "ORDER BY v.arrived_at DESC, v.id", error);
}

void
anju_walk_in_queue_free (AnjuWalkInQueue *queue)
{
  if (queue == NULL)
    return;
  g_clear_pointer (&queue->waiting, g_ptr_array_unref);
  g_clear_pointer (&queue->in_progress, g_ptr_array_unref);
  g_clear_pointer (&queue->rotation, anju_rotation_day_free);
  g_free (queue);
}

/* The average recorded wait of the greeted visits in @visits, half up;
 * visits without a recorded wait (never greeted) are skipped. */
static void
average_wait (GPtrArray *visits,
              guint     *n_greeted,
              gint64    *average)
{
  gint64 sum = 0;
  guint n = 0;

  for (guint i = 0; i < visits->len; i++)
    {
      AnjuVisit *v = g_ptr_array_index (visits, i);

      if (v->greeted_at == NULL || v->wait_seconds < 0)
        continue;
      sum += v->wait_seconds;
      n++;
    }
  *n_greeted = n;
  *average = n > 0 ? (sum + n / 2) / n : -1;
}

AnjuWalkInQueue *
anju_reception_load_queue (AnjuStore   *store,
                           const char  *project_id,
                           const char  *local_date,
                           GError     **error)
{
  g_autoptr(AnjuWalkInQueue) queue = g_new0 (AnjuWalkInQueue, 1);
  g_autoptr(GPtrArray) visits = NULL;

  if (!(queue->rotation = anju_rotation_load_day (store, project_id, local_date, error)))
    return NULL;
  visits = list_visits (store, queue->rotation->project_id, queue->rotation->local_date,
                        "ORDER BY v.arrived_at, v.id", error);
  if (visits == NULL)
    return NULL;
  queue->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_visit_free);
  queue->in_progress = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_visit_free);
  average_wait (visits, &queue->n_greeted, &queue->average_wait_seconds);
  for (guint i = 0; i < visits->len; i++)
    {
      AnjuVisit *v = g_ptr_array_index (visits, i);

      if (!g_str_equal (v->state, "open"))
        continue;
      if (v->greeted_at == NULL || (v->handover_required && v->handover_confirmed_at == NULL))
        g_ptr_array_add (queue->waiting, g_ptr_array_steal_index (visits, i--));
      else
        g_ptr_array_add (queue->in_progress, g_ptr_array_steal_index (visits, i--));
    }
  return g_steal_pointer (&queue);
}

static GStrv
dup_policy_strv (AnjuStore  *store,
                 const char *project_id,
                 const char *path)
{
  g_autoptr(JsonNode) node = anju_policy_dup_value (store, project_id, path);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          if (json_node_get_value_type (item) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (item));
        }
    }
  return g_strv_builder_end (builder);
}

GStrv
anju_visit_dup_stations (AnjuStore  *store,
                         const char *project_id)
{
  return dup_policy_strv (store, project_id, "walk_in.stations");
}

/* Whether @field ("name", "mobile", "profile.budget_total") has a value in
 * @row (the customer's columns, profile parsed) or in @overlay. */
static gboolean
field_is_filled (JsonObject *row,
                 JsonObject *profile,
                 JsonObject *overlay,
                 const char *field)
{
  JsonObject *overlay_profile = NULL;
  JsonNode *node;

  if (g_str_has_prefix (field, "profile."))
    {
      const char *key = field + strlen ("profile.");

      if (overlay != NULL && json_object_has_member (overlay, "profile") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (overlay, "profile")))
        overlay_profile = json_object_get_object_member (overlay, "profile");
      if (overlay_profile != NULL && json_object_has_member (overlay_profile, key))
        return !JSON_NODE_HOLDS_NULL (json_object_get_member (overlay_profile, key));
      return profile != NULL && json_object_has_member (profile, key) &&
             !JSON_NODE_HOLDS_NULL (json_object_get_member (profile, key));
    }
  if (overlay != NULL && json_object_has_member (overlay, field))
    node = json_object_get_member (overlay, field);
  else
    node = row ? json_object_get_member (row, field) : NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return !anju_text_is_blank (json_node_get_string (node));
  return TRUE;
}

static GStrv
dup_missing (AnjuStore  *store,
             const char *project_id,
             const char *customer_id,
             JsonObject *overlay)
{
  g_auto(GStrv) must = dup_policy_strv (store, project_id, "walk_in.must_have_fields");
  g_autoptr(JsonObject) row = customer_id ? anju_store_dup_row (store, "customers", customer_id, NULL) : NULL;
  g_autoptr(JsonObject) profile = NULL;
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();

  if (row != NULL && json_object_has_member (row, "profile") &&
      json_node_get_value_type (json_object_get_member (row, "profile")) == G_TYPE_STRING)
    profile = parse_object (json_object_get_string_member (row, "profile"));
  for (guint i = 0; must[i] != NULL; i++)
    if (!field_is_filled (row, profile, overlay, must[i]))
      g_strv_builder_add (missing, must[i]);
  return g_strv_builder_end (missing);
}

GStrv
anju_visit_dup_missing_fields (AnjuStore   *store,
                               const char  *visit_id,
                               JsonObject  *customer,
                               GError     **error)
{
  g_autoptr(AnjuVisit) visit = anju_visit_load (store, visit_id, error);

  if (visit == NULL)
    return NULL;
  return dup_missing (store, visit->project_id, visit->customer_id, customer);
}

/* ---- commands --------------------------------------------------------- */

static gboolean
load_open_visit (AnjuStore   *store,
                 JsonObject  *payload,
                 AnjuVisit  **out,
                 GError     **error)
{
  g_autoptr(AnjuVisit) visit = NULL;
  const char *id;

  if (!anju_payload_get_string (payload, "visit_id", TRUE, &id, error) ||
      !(visit = anju_visit_load (store, id, error)))
    return FALSE;
  if (!g_str_equal (visit->state, "open"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
                           _("This visit has already ended. Register a new visit if the customer came back."));
      return FALSE;
    }
  *out = g_steal_pointer (&visit);
  return TRUE;
}

static void
set_visit_subject (AnjuCommandContext *ctx,
                   const char         *id)
{
  g_autofree char *subject = g_strconcat ("visit:", id, NULL);

  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (anju_command_context_get_result (ctx), "visit_id", id);
}

/* Runs one UPDATE of the visit with text/int parameters bound in order. */
static gboolean
update_visit (AnjuCommandContext  *ctx,
              const char          *id,
              const char          *assignments,
              const char * const  *texts,
              guint                n_texts,
              GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *sql = g_strdup_printf ("UPDATE visits SET %s, updated_at = ?%u WHERE id = ?%u",
                                          assignments, n_texts + 1, n_texts + 2);
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_texts; i++)
    anju_stmt_bind_text_or_null (stmt, i + 1, texts[i]);
  sqlite3_bind_text (stmt, n_texts + 1, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, n_texts + 2, id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "visits", id);
  return TRUE;
}

/* The planned appointment of @customer_id on the local day of @arrived_at. */
static char *
find_todays_appointment (AnjuStore  *store,
                         const char *customer_id,
                         gint64      arrived_at)
{
  GTimeZone *zone = anju_format_get_time_zone ();
  g_autofree char *day = anju_recep_local_date_of (arrived_at, zone);
  g_autofree char *start_text = NULL, *end_text = NULL;
  gint64 start, end;
  sqlite3_stmt *stmt;
  char *id = NULL;

  if (customer_id == NULL || !anju_recep_local_day_range (day, zone, &start, &end))
    return NULL;
  start_text = anju_clock_format_utc (start);
  end_text = anju_clock_format_utc (end);
  stmt = anju_store_prepare (store,
      "SELECT id FROM appointments WHERE customer_id = ? AND state = 'planned' AND at >= ? AND at < ? "
      "ORDER BY at LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, start_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, end_text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
mark_arrived (AnjuCommandContext  *ctx,
              const char          *appointment_id,
              const char          *visit_id,
              GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE appointments SET state = 'arrived', visit_id = ?, updated_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, visit_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, appointment_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "appointments", appointment_id);
  return anju_tasks_close_for_source (ctx, "appointment", appointment_id, NULL, _("arrived"), error);
}

/* Creates the customer described by @fields ({name, title, mobile, …}) in
 * this command, reporting refusals under @prefix. */
static gboolean
create_customer (AnjuCommandContext  *ctx,
                 JsonObject          *fields,
                 const char          *project_id,
                 const char          *prefix,
                 AnjuRecepCustomer   *out,
                 GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autoptr(JsonObject) create = json_object_new ();
  static const char * const allowed[] = { "name", "title", "mobile", "id_number", "profile", NULL };
  g_autofree char *customer_id = NULL;

  for (guint i = 0; allowed[i] != NULL; i++)
    if (json_object_has_member (fields, allowed[i]))
      json_object_set_member (create, allowed[i], json_node_copy (json_object_get_member (fields, allowed[i])));
  if (project_id != NULL)
    json_object_set_string_member (create, "project_id", project_id);
  if (!anju_recep_run_nested (ctx, "customer.create", create, prefix, error))
    return FALSE;
  customer_id = g_strdup (json_object_get_string_member (result, "customer_id"));
  json_object_remove_member (result, "segment");
  json_object_remove_member (result, "segment_source");
  return anju_recep_load_customer (store, prefix, customer_id, out, error);
}

static gboolean
read_required_bool (JsonObject  *payload,
                    const char  *field,
                    gboolean    *out,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (payload, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, field,
                           _("“%s” is required: true or false."), field);
      return FALSE;
    }
  return anju_payload_get_bool (payload, field, FALSE, out, error);
}

/* The mobile in @fields or @mobile_text, normalized, refusing a customer
 * already on file (a referred friend must be new). */
static gboolean
check_new_friend (AnjuStore   *store,
                  const char  *mobile,
                  const char  *field,
                  GError     **error)
{
  g_autofree char *existing = mobile ? anju_customers_find_by_mobile (store, mobile) : NULL;
  g_auto(AnjuRecepCustomer) known = { 0 };
  g_autofree char *owner = NULL;

  if (existing == NULL)
    return TRUE;
  anju_recep_load_customer (store, field, existing, &known, NULL);
  owner = anju_recep_dup_user_name (store, known.owner_id);
  anju_command_reject (error, ANJU_COMMAND_ERROR_DUPLICATE, field,
                       _("%s is already a customer (consultant: %s). Register this as their return visit instead of a referral."),
                       known.name, owner ? owner : _("none"));
  return FALSE;
}

static gboolean
assign_consultant (AnjuCommandContext  *ctx,
                   const char          *project_id,
                   gint64               arrived_at,
                   char               **consultant_id,
                   const char         **route,
                   GError             **error)
{
  g_autofree char *day = anju_recep_local_date_of (arrived_at, anju_format_get_time_zone ());
  gboolean make_up = FALSE;

  if (!anju_rotation_take_turn (ctx, project_id, day, consultant_id, &make_up, error))
    return FALSE;
  *route = *consultant_id == NULL ? NULL : make_up ? "make_up" : "rotation";
  return TRUE;
}

/* The open visit of @project_id's day of @arrived_at that still waits
 * for a consultant and came before (@arrived_at, @visit_id): the one
 * waiting longest. NULL if none. @visit_id NULL: any arrival up to
 * @arrived_at. */
static AnjuVisit *
load_earlier_unassigned (AnjuStore  *store,
                         const char *project_id,
                         gint64      arrived_at,
                         const char *visit_id)
{
  GTimeZone *zone = anju_format_get_time_zone ();
  g_autofree char *day = anju_recep_local_date_of (arrived_at, zone);
  g_autofree char *start_text = NULL, *arrived_text = anju_clock_format_utc (arrived_at);
  sqlite3_stmt *stmt;
  AnjuVisit *visit = NULL;
  gint64 start, end;

  if (!anju_recep_local_day_range (day, zone, &start, &end))
    return NULL;
  start_text = anju_clock_format_utc (start);
  stmt = anju_store_prepare (store, VISIT_SELECT
      "WHERE v.state = 'open' AND v.consultant_id IS NULL AND v.project_id IS ?1 "
      "AND v.arrived_at >= ?2 AND (v.arrived_at < ?3 OR (v.arrived_at = ?3 AND "
      "(?4 IS NULL OR v.id < ?4))) ORDER BY v.arrived_at, v.id LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, project_id);
  sqlite3_bind_text (stmt, 2, start_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, arrived_text, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 4, visit_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    visit = visit_from_stmt (store, stmt);
  sqlite3_reset (stmt);
  return visit;
}

/* visit.register, step by step: what the payload says, who the people
 * are, who the visitor is, who receives them, the appointment they came
 * for, then the rows. */
typedef struct
{
  /* read from the payload */
  char              *id;
  gint64             arrived_at;
  gint64             party_size;
  gboolean           first_time;
  const char        *visit_type;
  const char        *given_customer;
  const char        *mobile_text;
  const char        *referred_by;
  const char        *registered_by;
  const char        *wanted;
  const char        *car_plate;
  const char        *given_appointment;
  JsonObject        *new_customer;
  /* checked and decided */
  AnjuUser          *registrar;
  AnjuUser          *named;
  char              *mobile;
  char              *project_id;
  AnjuRecepCustomer  customer;
  AnjuRecepCustomer  referrer;
  gboolean           created;
  char              *consultant_id;
  const char        *route;
  gboolean           handover;
  char              *appointment;
} VisitRegistration;

static void
visit_registration_clear (VisitRegistration *reg)
{
  g_free (reg->id);
  g_clear_pointer (&reg->registrar, anju_user_free);
  g_clear_pointer (&reg->named, anju_user_free);
  g_free (reg->mobile);
  g_free (reg->project_id);
  anju_recep_customer_clear (&reg->customer);
  anju_recep_customer_clear (&reg->referrer);
  g_free (reg->consultant_id);
  g_free (reg->appointment);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VisitRegistration, visit_registration_clear)

static gboolean
read_visit_registration (AnjuCommandContext  *ctx,
                         JsonObject          *payload,
                         VisitRegistration   *reg,
                         GError             **error)
{
  if (!anju_command_context_take_new_id (ctx, payload, "visit_id", "visits", &reg->id, error) ||
      !anju_payload_get_time (payload, "arrived_at", TRUE, &reg->arrived_at, error) ||
      !read_required_bool (payload, "first_time", &reg->first_time, error) ||
      !anju_payload_get_string (payload, "visit_type", FALSE, &reg->visit_type, error) ||
      !anju_payload_get_string (payload, "customer_id", FALSE, &reg->given_customer, error) ||
      !anju_payload_get_string (payload, "mobile", FALSE, &reg->mobile_text, error) ||
      !anju_payload_get_object (payload, "new_customer", FALSE, &reg->new_customer, error) ||
      !anju_payload_get_string (payload, "referred_by", FALSE, &reg->referred_by, error) ||
      !anju_recep_read_party (payload, &reg->car_plate, &reg->party_size, error) ||
      !anju_payload_get_string (payload, "registered_by", FALSE, &reg->registered_by, error) ||
      !anju_payload_get_string (payload, "consultant_id", FALSE, &reg->wanted, error) ||
      !anju_payload_get_string (payload, "appointment_id", FALSE, &reg->given_appointment, error))
    return FALSE;
  if (reg->visit_type != NULL && !g_strv_contains (visit_types, reg->visit_type))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "visit_type",
                           _("“visit_type” must be “first”, “return”, “owner” or “referral”."));
      return FALSE;
    }
  if (reg->visit_type == NULL)
    reg->visit_type = reg->referred_by != NULL ? "referral" : reg->first_time ? "first" : "return";
  if (reg->registered_by == NULL)
    reg->registered_by = anju_command_context_get_actor (ctx)->id;
  return TRUE;
}

/* A referral names its owner and brings a friend who is not on file yet;
 * only a referral names a referring owner. */
static gboolean
check_referral (AnjuStore          *store,
                VisitRegistration  *reg,
                GError            **error)
{
  if (!g_str_equal (reg->visit_type, "referral"))
    {
      if (reg->referred_by == NULL)
        return TRUE;
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "referred_by",
                           _("Only a referral visit names a referring owner."));
      return FALSE;
    }
  if (reg->referred_by == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "referred_by",
                           _("Say which owner brought the friend."));
      return FALSE;
    }
  if (!anju_recep_load_customer (store, "referred_by", reg->referred_by, &reg->referrer, error))
    return FALSE;
  if (reg->new_customer == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "new_customer.name",
                           _("A referred friend becomes a new customer: ask for their name."));
      return FALSE;
    }
  if (reg->given_customer != NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "customer_id",
                           _("A referred friend is a new customer. Leave out “customer_id”, or register a return visit."));
      return FALSE;
    }
  if (!check_new_friend (store, reg->mobile, "mobile", error))
    return FALSE;
  if (json_object_has_member (reg->new_customer, "mobile") &&
      json_node_get_value_type (json_object_get_member (reg->new_customer, "mobile")) == G_TYPE_STRING)
    {
      g_autofree char *normal = anju_mobile_normalize (json_object_get_string_member (reg->new_customer, "mobile"), NULL);

      if (normal != NULL && !check_new_friend (store, normal, "new_customer.mobile", error))
        return FALSE;
    }
  return TRUE;
}

/* The registrar, the consultant asked for, the mobile and the referral. */
static gboolean
check_visit_registration (AnjuStore          *store,
                          VisitRegistration  *reg,
                          GError            **error)
{
  if (!(reg->registrar = anju_recep_lookup_staff (store, "registered_by", reg->registered_by, error)))
    return FALSE;
  if (reg->wanted != NULL && !(reg->named = anju_recep_lookup_staff (store, "consultant_id", reg->wanted, error)))
    return FALSE;
  return anju_recep_normalize_mobile (reg->mobile_text, &reg->mobile, error) &&
         check_referral (store, reg, error);
}

/* Who it is: a customer named, a known number, a new customer, or not
 * yet known (the record is completed when the visit ends). */
static gboolean
identify_visitor (AnjuCommandContext  *ctx,
                  JsonObject          *payload,
                  VisitRegistration   *reg,
                  GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  gboolean known;

  if (!anju_recep_find_customer (store, reg->given_customer, reg->mobile, &reg->customer, &known, error))
    return FALSE;
  if (!anju_recep_resolve_project (store, payload, reg->customer.project_id, &reg->project_id, error))
    return FALSE;
  if (reg->customer.id == NULL && reg->new_customer != NULL)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (reg->new_customer);

      for (GList *l = members; l; l = l->next)
        json_object_set_member (fields, l->data, json_node_copy (json_object_get_member (reg->new_customer, l->data)));
      if (reg->mobile != NULL && !json_object_has_member (fields, "mobile"))
        json_object_set_string_member (fields, "mobile", reg->mobile);
      if (!create_customer (ctx, fields, reg->project_id, "new_customer", &reg->customer, error))
        return FALSE;
      reg->created = TRUE;
    }
  return TRUE;
}

/* Who receives them: the consultant asked for, the customer's own when
 * present, else the rotation; a new record belongs to whoever does. */
static gboolean
choose_consultant (AnjuCommandContext  *ctx,
                   VisitRegistration   *reg,
                   GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);

  if (reg->named != NULL)
    {
      reg->consultant_id = g_strdup (reg->named->id);
      reg->route = "named";
    }
  else if (reg->customer.owner_id != NULL && !reg->created)
    {
      g_autofree char *day = anju_recep_local_date_of (reg->arrived_at, anju_format_get_time_zone ());

      if (!anju_rotation_is_absent (store, reg->project_id, day, reg->customer.owner_id))
        {
          reg->consultant_id = g_strdup (reg->customer.owner_id);
          reg->route = "own_consultant";
        }
    }
  /* The rotation's next free consultant goes to whoever has waited
   * longest: while an earlier walk-in still waits, this one queues too. */
  if (reg->consultant_id == NULL)
    {
      g_autoptr(AnjuVisit) earlier = load_earlier_unassigned (store, reg->project_id, reg->arrived_at, NULL);

      if (earlier == NULL &&
          !assign_consultant (ctx, reg->project_id, reg->arrived_at, &reg->consultant_id, &reg->route, error))
        return FALSE;
    }
  /* A new record belongs to whoever receives it (nobody while all are
   * busy: visit.assign gives it its consultant). */
  if ((reg->created || (reg->customer.id != NULL && reg->customer.owner_id == NULL && reg->consultant_id != NULL)) &&
      !anju_recep_set_owner (ctx, reg->customer.id, reg->consultant_id, error))
    return FALSE;
  if (reg->created)
    {
      g_free (reg->customer.owner_id);
      reg->customer.owner_id = g_strdup (reg->consultant_id);
    }
  reg->handover = reg->consultant_id != NULL && g_strcmp0 (reg->consultant_id, reg->registrar->id) != 0;
  return TRUE;
}

/* The appointment they came for: the one named, which must still be
 * expected, or today's for this customer. */
static gboolean
check_visit_appointment (AnjuStore          *store,
                         VisitRegistration  *reg,
                         GError            **error)
{
  g_autoptr(JsonObject) row = NULL;

  if (reg->given_appointment == NULL)
    {
      reg->appointment = find_todays_appointment (store, reg->customer.id, reg->arrived_at);
      return TRUE;
    }
  if (!(row = anju_store_dup_row (store, "appointments", reg->given_appointment, NULL)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "appointment_id",
                           _("There is no appointment with this id. Refresh the plan."));
      return FALSE;
    }
  if (!g_str_equal (json_object_get_string_member (row, "state"), "planned"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "appointment_id",
                           _("This appointment is no longer expected (arrived or cancelled)."));
      return FALSE;
    }
  reg->appointment = g_strdup (reg->given_appointment);
  return TRUE;
}

/* The visit's row, and its appointment marked arrived. */
static gboolean
insert_visit (AnjuCommandContext       *ctx,
              const VisitRegistration  *reg,
              GError                  **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *arrived_text = anju_clock_format_utc (reg->arrived_at);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO visits (id, project_id, customer_id, visit_type, first_time, referred_by, "
      "party_size, car_plate, arrived_at, registered_by, consultant_id, route, appointment_id, "
      "handover_required, state, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reg->id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, reg->project_id);
  anju_stmt_bind_text_or_null (stmt, 3, reg->customer.id);
  sqlite3_bind_text (stmt, 4, reg->visit_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, reg->first_time);
  anju_stmt_bind_text_or_null (stmt, 6, reg->referrer.id);
  if (reg->party_size > 0)
    sqlite3_bind_int64 (stmt, 7, reg->party_size);
  else
    sqlite3_bind_null (stmt, 7);
  anju_stmt_bind_text_or_null (stmt, 8, reg->car_plate);
  sqlite3_bind_text (stmt, 9, arrived_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, reg->registrar->id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 11, reg->consultant_id);
  anju_stmt_bind_text_or_null (stmt, 12, reg->route);
  anju_stmt_bind_text_or_null (stmt, 13, reg->appointment);
  sqlite3_bind_int (stmt, 14, reg->handover);
  sqlite3_bind_text (stmt, 15, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 16, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "visits", reg->id);
  return reg->appointment == NULL || mark_arrived (ctx, reg->appointment, reg->id, error);
}

/* The visitor's timeline line, and who received them (sales credit). */
static gboolean
record_visitor (AnjuCommandContext       *ctx,
                const VisitRegistration  *reg,
                GError                  **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *consultant_name = NULL, *summary = NULL;

  if (reg->customer.id == NULL)
    return TRUE;
  consultant_name = reg->consultant_id ? anju_recep_dup_user_name (store, reg->consultant_id) : NULL;
  /* Translators: the first %s is the kind of visit ("First visit", …), the second a consultant */
  summary = consultant_name ? g_strdup_printf (_("%s, received by %s"), visit_type_label (reg->visit_type), consultant_name)
                            /* Translators: %s is the kind of visit ("First visit", …) */
                            : g_strdup_printf (_("%s, waiting for a consultant"), visit_type_label (reg->visit_type));
  if (!anju_customer_add_event (ctx, reg->customer.id, "visit", summary, NULL, error))
    return FALSE;
  return reg->consultant_id == NULL ||
         anju_recep_add_registration (ctx, reg->customer.id, reg->consultant_id, reg->arrived_at, "visit", reg->id, error);
}

/* A referred friend: recorded on the friend, a thank-you task for the
 * owner's consultant and a line on the owner's timeline. */
static gboolean
thank_referrer (AnjuCommandContext       *ctx,
                const VisitRegistration  *reg,
                JsonArray                *task_ids,
                GError                  **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *thanks = NULL, *event = NULL, *friend_label = NULL, *owner_label = NULL;
  g_autofree char *task_id = NULL;
  AnjuTaskSpec task = { 0 };
  AnjuFollowUpRules rules;
  g_autoptr(GError) policy_error = NULL;
  sqlite3_stmt *stmt;

  if (reg->referrer.id == NULL)
    return TRUE;
  stmt = anju_store_prepare (store, "UPDATE customers SET referred_by = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reg->referrer.id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, reg->customer.id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "customers", reg->customer.id);
  if (!anju_follow_up_rules_load (store, reg->project_id, &rules, &policy_error))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL, "%s", policy_error->message);
      return FALSE;
    }
  friend_label = anju_format_person (reg->customer.name, reg->customer.title);
  owner_label = anju_format_person (reg->referrer.name, reg->referrer.title);
  thanks = g_strdup_printf (_("Thank %s for bringing %s"), owner_label, friend_label);
  task.project_id = reg->project_id;
  task.customer_id = reg->referrer.id;
  task.assignee_id = reg->referrer.owner_id ? reg->referrer.owner_id
                     : reg->consultant_id ? reg->consultant_id : reg->registrar->id;
  task.kind = "thank_referrer";
  task.title = thanks;
  task.due_at = reg->arrived_at + (gint64)rules.same_day_call_within_hours * 3600 * G_USEC_PER_SEC;
  task.rule = "visit.thank_referrer";
  task.source_type = "visit";
  task.source_id = reg->id;
  if (!(task_id = anju_task_insert (ctx, &task, error)))
    return FALSE;
  json_array_add_string_element (task_ids, task_id);
  event = g_strdup_printf (_("Brought a friend: %s"), friend_label);
  return anju_customer_add_event (ctx, reg->referrer.id, "referral", event, NULL, error);
}

/* The answer; a member with no value is null. */
static void
set_register_result (JsonObject               *result,
                     const VisitRegistration  *reg)
{
  json_object_set_string_member (result, "customer_id", reg->customer.id);
  json_object_set_string_member (result, "consultant_id", reg->consultant_id);
  json_object_set_string_member (result, "route", reg->route);
  json_object_set_string_member (result, "visit_type", reg->visit_type);
  json_object_set_boolean_member (result, "created_customer", reg->created);
  json_object_set_boolean_member (result, "handover_required", reg->handover);
  json_object_set_string_member (result, "appointment_id", reg->appointment);
}

static gboolean
apply_visit_register (AnjuCommandContext  *ctx,
                      JsonObject          *payload,
                      GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  JsonObject *result = anju_command_context_get_result (ctx);
  g_auto(VisitRegistration) reg = { 0 };
  JsonArray *task_ids;

  if (!read_visit_registration (ctx, payload, &reg, error) ||
      !check_visit_registration (store, &reg, error) ||
      !identify_visitor (ctx, payload, &reg, error) ||
      !choose_consultant (ctx, &reg, error) ||
      !check_visit_appointment (store, &reg, error) ||
      !insert_visit (ctx, &reg, error))
    return FALSE;
  task_ids = json_array_new ();
  json_object_set_array_member (result, "task_ids", task_ids);
  if (!record_visitor (ctx, &reg, error) ||
      !thank_referrer (ctx, &reg, task_ids, error))
    return FALSE;
  set_visit_subject (ctx, reg.id);
  set_register_result (result, &reg);
  return TRUE;
}

static gboolean
apply_visit_assign (AnjuCommandContext  *ctx,
                    JsonObject          *payload,
                    GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_autoptr(AnjuVisit) visit = NULL;
  g_autoptr(AnjuUser) named = NULL;
  g_autoptr(JsonObject) customer_row = NULL;
  g_autofree char *consultant_id = NULL, *name = NULL, *summary = NULL;
  const char *wanted = NULL, *route = NULL, *texts[3];
  gint64 arrived = 0;

  if (!load_open_visit (store, payload, &visit, error) ||
      !anju_payload_get_string (payload, "consultant_id", FALSE, &wanted, error))
    return FALSE;
  if (visit->consultant_id != NULL && !(actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "visit_id",
                           _("%s already receives this visitor. Only a manager can change that."),
                           visit->consultant_name);
      return FALSE;
    }
  if (wanted != NULL)
    {
      if (!(named = anju_recep_lookup_staff (store, "consultant_id", wanted, error)))
        return FALSE;
      if (g_strcmp0 (wanted, visit->consultant_id) == 0)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "consultant_id",
                               _("%s already receives this visitor."), named->display_name);
          return FALSE;
        }
      consultant_id = g_strdup (wanted);
      route = "assigned";
    }
  else
    {
      g_autoptr(AnjuVisit) earlier = NULL;

      anju_clock_parse_utc (visit->arrived_at, &arrived);
      if (visit->consultant_id == NULL &&
          (earlier = load_earlier_unassigned (store, visit->project_id, arrived, visit->id)) != NULL)
        {
          g_autofree char *who = earlier->customer_name
                                 ? anju_format_person (earlier->customer_name, earlier->customer_title)
                                 : NULL;
          g_autofree char *full = anju_format_datetime_iso (earlier->arrived_at);
          const char *at = strlen (full) > 11 ? full + 11 : full;   /* "17:05" */

          if (who != NULL)
            /* Translators: a visitor, and when they arrived */
            anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
                                 _("%s has waited longer (since %s). The next free consultant receives them first."),
                                 who, at);
          else
            /* Translators: %s is when the earlier visitor arrived */
            anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
                                 _("A visitor who arrived at %s has waited longer. The next free consultant receives them first."),
                                 at);
          return FALSE;
        }
      if (!assign_consultant (ctx, visit->project_id, arrived, &consultant_id, &route, error))
        return FALSE;
      if (consultant_id == NULL)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "consultant_id",
                               _("Nobody on the day's rotation is free. Name a consultant, or ask a colleague to mark themself on duty."));
          return FALSE;
        }
    }
  texts[0] = consultant_id;
  texts[1] = route;
  texts[2] = g_strcmp0 (consultant_id, visit->registered_by) != 0 ? "1" : "0";
  if (!update_visit (ctx, visit->id, "consultant_id = ?1, route = ?2, handover_required = ?3",
                     texts, 3, error))
    return FALSE;
  if (visit->customer_id != NULL)
    {
      anju_clock_parse_utc (visit->arrived_at, &arrived);
      customer_row = anju_store_dup_row (store, "customers", visit->customer_id, NULL);
      if (customer_row != NULL && json_object_get_null_member (customer_row, "owner_id") &&
          !anju_recep_set_owner (ctx, visit->customer_id, consultant_id, error))
        return FALSE;
      name = anju_recep_dup_user_name (store, consultant_id);
      summary = g_strdup_printf (_("Visitor handed to %s"), name);
      if (!anju_recep_add_registration (ctx, visit->customer_id, consultant_id, arrived, "visit",
                                        visit->id, error) ||
          !anju_customer_add_event (ctx, visit->customer_id, "visit", summary, NULL, error))
        return FALSE;
    }
  set_visit_subject (ctx, visit->id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "consultant_id", consultant_id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "route", route);
  return TRUE;
}

gboolean
anju_visit_may_greet (const AnjuUser  *actor,
                      const AnjuVisit *visit)
{
  return anju_commands_allowed ("visit.greet", actor) && g_strcmp0 (visit->state, "open") == 0 &&
         visit->consultant_id != NULL && visit->greeted_at == NULL;
}

static gboolean
apply_visit_greet (AnjuCommandContext  *ctx,
                   JsonObject          *payload,
                   GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuVisit) visit = NULL;
  g_autofree char *greeted_text = NULL, *wait_text = NULL;
  const char *texts[4];
  gint64 greeted_at = 0, arrived = 0, wait;
  gboolean long_wait;

  if (!load_open_visit (store, payload, &visit, error) ||
      !anju_payload_get_time (payload, "greeted_at", TRUE, &greeted_at, error))
    return FALSE;
  if (!anju_visit_may_greet (anju_command_context_get_actor (ctx), visit))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "visit_id", "%s",
                           visit->greeted_at != NULL
                             ? _("This visitor was already greeted.")
                             : _("This visitor has no consultant yet. Assign one from the rotation first."));
      return FALSE;
    }
  anju_clock_parse_utc (visit->arrived_at, &arrived);
  if (greeted_at < arrived)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "greeted_at",
                           _("The greeting is before the arrival. Check the time."));
      return FALSE;
    }
  wait = (greeted_at - arrived) / G_USEC_PER_SEC;
  long_wait = wait > visit->greet_within_seconds;
  greeted_text = anju_clock_format_utc (greeted_at);
  wait_text = g_strdup_printf ("%lld", (long long)wait);
  texts[0] = greeted_text;
  texts[1] = anju_command_context_get_actor (ctx)->id;
  texts[2] = wait_text;
  texts[3] = long_wait ? "1" : "0";
  if (!update_visit (ctx, visit->id,
                     "greeted_at = ?1, greeted_by = ?2, wait_seconds = CAST(?3 AS INTEGER), "
                     "long_wait = CAST(?4 AS INTEGER)", texts, 4, error))
    return FALSE;
  set_visit_subject (ctx, visit->id);
  json_object_set_int_member (anju_command_context_get_result (ctx), "wait_seconds", wait);
  json_object_set_boolean_member (anju_command_context_get_result (ctx), "long_wait", long_wait);
  return TRUE;
}

static gboolean
apply_visit_handover_confirm (AnjuCommandContext  *ctx,
                              JsonObject          *payload,
                              GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuVisit) visit = NULL;
  const char *texts[1];

  if (!load_open_visit (store, payload, &visit, error))
    return FALSE;
  if (visit->consultant_id == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
                           _("This visitor has no consultant yet to hand over to."));
      return FALSE;
    }
  if (visit->handover_confirmed_at != NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
                           _("The handover of this visitor was already confirmed."));
      return FALSE;
    }
  texts[0] = anju_command_context_get_now_string (ctx);
  if (!update_visit (ctx, visit->id, "handover_confirmed_at = ?1", texts, 1, error))
    return FALSE;
  set_visit_subject (ctx, visit->id);
  return TRUE;
}

static gboolean
apply_visit_station (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuVisit) visit = NULL;
  g_auto(GStrv) stations = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  const char *station, *texts[1];
  gboolean done;

  if (!load_open_visit (store, payload, &visit, error) ||
      !anju_payload_get_string (payload, "station", TRUE, &station, error) ||
      !read_required_bool (payload, "done", &done, error))
    return FALSE;
  stations = anju_visit_dup_stations (store, visit->project_id);
  if (!g_strv_contains ((const char * const *)stations, station))
    {
      g_autofree char *known = g_strjoinv (", ", stations);
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "station",
                           _("“%s” is not a station of the visit. The stations are: %s."), station, known);
      return FALSE;
    }
  if (done)
    json_object_set_string_member (visit->stations, station, anju_command_context_get_now_string (ctx));
  else if (json_object_has_member (visit->stations, station))
    json_object_remove_member (visit->stations, station);
  node = json_node_init_object (json_node_alloc (), visit->stations);
  text = json_to_string (node, FALSE);
  texts[0] = text;
  if (!update_visit (ctx, visit->id, "stations = ?1", texts, 1, error))
    return FALSE;
  set_visit_subject (ctx, visit->id);
  return TRUE;
}

static gboolean
apply_visit_club (AnjuCommandContext  *ctx,
                  JsonObject          *payload,
                  GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuVisit) visit = NULL;
  const char *texts[1];
  gboolean joined;
  sqlite3_stmt *stmt;

  if (!load_open_visit (store, payload, &visit, error) ||
      !read_required_bool (payload, "joined", &joined, error))
    return FALSE;
  texts[0] = joined ? "1" : "0";
  if (!update_visit (ctx, visit->id, "club_joined = CAST(?1 AS INTEGER)", texts, 1, error))
    return FALSE;
  if (joined && visit->customer_id != NULL)
    {
      stmt = anju_store_prepare (store, "UPDATE customers SET club_member = 1, updated_at = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, visit->customer_id, -1, SQLITE_TRANSIENT);
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "customers", visit->customer_id);
      if (!anju_customer_add_event (ctx, visit->customer_id, "club", _("Joined the 万客会 club"), NULL, error))
        return FALSE;
    }
  set_visit_subject (ctx, visit->id);
  return TRUE;
}

static gboolean
apply_visit_disclose (AnjuCommandContext  *ctx,
                      JsonObject          *payload,
                      GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuVisit) visit = NULL;
  g_autofree char *version_text = NULL;
  const char *texts[2];
  gint64 version = -1;

  if (!load_open_visit (store, payload, &visit, error) ||
      !anju_payload_get_int (payload, "disclosure_version", TRUE, &version, error))
    return FALSE;
  if (version != visit->current_disclosure_version)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "disclosure_version",
                           _("The risk disclosure of this project is now version %d, not %lld. Present the current text and record that one."),
                           visit->current_disclosure_version, (long long)version);
      return FALSE;
    }
  version_text = g_strdup_printf ("%lld", (long long)version);
  texts[0] = version_text;
  texts[1] = anju_command_context_get_now_string (ctx);
  if (!update_visit (ctx, visit->id, "disclosure_version = CAST(?1 AS INTEGER), disclosed_at = ?2",
                     texts, 2, error))
    return FALSE;
  if (visit->customer_id != NULL &&
      !anju_customer_add_event (ctx, visit->customer_id, "disclosure",
                                _("Risk disclosure (阳光宣言) presented and acknowledged"), NULL, error))
    return FALSE;
  set_visit_subject (ctx, visit->id);
  json_object_set_int_member (anju_command_context_get_result (ctx), "disclosure_version", version);
  return TRUE;
}

/* visit.close, step by step: the visit may end (a consultant, the
 * current risk disclosure acknowledged), the record is completed and
 * must be whole, then the rows and the follow-ups. */
static gboolean
check_visit_may_close (const AnjuVisit  *visit,
                       gint64            arrived,
                       gint64            ended_at,
                       GError          **error)
{
  if (ended_at < arrived)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "ended_at",
                           _("The visit ends before it began. Check the time."));
      return FALSE;
    }
  if (visit->consultant_id == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "visit_id",
                           _("This visitor has no consultant yet. Assign one before ending the visit."));
      return FALSE;
    }
  if (visit->disclosure_version < 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "disclosure",
                           _("The risk disclosure (阳光宣言) has not been acknowledged in this visit. Present it and record the acknowledgement first."));
      return FALSE;
    }
  if (visit->disclosure_version != visit->current_disclosure_version)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "disclosure",
                           _("The customer acknowledged version %d of the risk disclosure, but the project's current text is version %d. Present the current text and record it again."),
                           visit->disclosure_version, visit->current_disclosure_version);
      return FALSE;
    }
  return TRUE;
}

/* The record is completed at the end of the visit: @fields update the
 * visitor's record, or create it for a visitor not yet on file. */
static gboolean
complete_visitor_record (AnjuCommandContext  *ctx,
                         AnjuVisit           *visit,
                         JsonObject          *fields,
                         gint64               arrived,
                         GError             **error)
{
  g_auto(AnjuRecepCustomer) customer = { 0 };
  const char *texts[1];

  if (fields == NULL)
    return TRUE;
  if (visit->customer_id != NULL)
    {
      g_autoptr(JsonObject) update = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (fields);

      for (GList *l = members; l; l = l->next)
        json_object_set_member (update, l->data, json_node_copy (json_object_get_member (fields, l->data)));
      json_object_set_string_member (update, "customer_id", visit->customer_id);
      if (!anju_recep_run_nested (ctx, "customer.update", update, "customer", error))
        return FALSE;
      json_object_remove_member (anju_command_context_get_result (ctx), "segment");
      return TRUE;
    }
  if (!create_customer (ctx, fields, visit->project_id, "customer", &customer, error) ||
      !anju_recep_set_owner (ctx, customer.id, visit->consultant_id, error) ||
      !anju_recep_add_registration (ctx, customer.id, visit->consultant_id, arrived, "visit",
                                    visit->id, error))
    return FALSE;
  texts[0] = customer.id;
  if (!update_visit (ctx, visit->id, "customer_id = ?1", texts, 1, error))
    return FALSE;
  g_free (visit->customer_id);
  visit->customer_id = g_strdup (customer.id);
  return TRUE;
}

/* Refuses a record that still misses what the project requires, naming
 * the first missing field and listing them all. */
static gboolean
check_record_whole (AnjuStore        *store,
                    const AnjuVisit  *visit,
                    GError          **error)
{
  g_auto(GStrv) missing = dup_missing (store, visit->project_id, visit->customer_id, NULL);
  g_autofree const char **labels = NULL;
  g_autofree char *list = NULL, *field = NULL;

  if (missing[0] == NULL)
    return TRUE;
  labels = g_new0 (const char *, g_strv_length (missing) + 1);
  for (guint i = 0; missing[i] != NULL; i++)
    labels[i] = missing_field_label (missing[i]);
  list = anju_format_join_list (labels);
  field = g_strconcat ("customer.", missing[0], NULL);
  anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, field,
                       _("Complete the customer's record before ending the visit. Missing: %s."), list);
  return FALSE;
}

/* The call-backs and thank-you SMS the follow-up rules plan after a
 * visit, as tasks for its consultant (written as a call's are). */
static gboolean
plan_visit_follow_ups (AnjuCommandContext        *ctx,
                       const AnjuVisit           *visit,
                       const AnjuRecepCustomer   *customer,
                       gint64                     arrived,
                       gint64                     ended_at,
                       GError                   **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GError) policy_error = NULL;
  AnjuRecepFollowUpTarget target = { 0 };
  AnjuFollowUpRules rules;

  if (!anju_follow_up_rules_load (store, visit->project_id, &rules, &policy_error))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL, "%s", policy_error->message);
      return FALSE;
    }
  plan = anju_follow_up_plan_visit (&rules, arrived, ended_at, customer->mobile != NULL, anju_format_get_time_zone ());
  target.project_id = visit->project_id;
  target.customer = customer;
  target.assignee_id = visit->consultant_id;
  target.source_type = "visit";
  target.source_id = visit->id;
  target.task_ids = json_array_new ();
  target.sms_ids = json_array_new ();
  json_object_set_array_member (anju_command_context_get_result (ctx), "task_ids", target.task_ids);
  json_object_set_array_member (anju_command_context_get_result (ctx), "sms_ids", target.sms_ids);
  return anju_recep_write_follow_ups (ctx, plan, &target, error);
}

static gboolean
apply_visit_close (AnjuCommandContext  *ctx,
                   JsonObject          *payload,
                   GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuVisit) visit = NULL;
  g_auto(AnjuRecepCustomer) customer = { 0 };
  g_auto(GStrv) stations = NULL;
  g_autofree char *ended_text = NULL, *summary = NULL;
  JsonObject *fields = NULL;
  const char *texts[2];
  gint64 ended_at = 0, arrived = 0;
  guint n_done = 0;

  if (!load_open_visit (store, payload, &visit, error) ||
      !anju_payload_get_time (payload, "ended_at", TRUE, &ended_at, error) ||
      !anju_payload_get_object (payload, "customer", FALSE, &fields, error))
    return FALSE;
  anju_clock_parse_utc (visit->arrived_at, &arrived);
  if (!check_visit_may_close (visit, arrived, ended_at, error) ||
      !complete_visitor_record (ctx, visit, fields, arrived, error) ||
      !check_record_whole (store, visit, error) ||
      !anju_recep_load_customer (store, "visit_id", visit->customer_id, &customer, error))
    return FALSE;

  ended_text = anju_clock_format_utc (ended_at);
  texts[0] = ended_text;
  texts[1] = "closed";
  if (!update_visit (ctx, visit->id, "ended_at = ?1, state = ?2", texts, 2, error) ||
      !plan_visit_follow_ups (ctx, visit, &customer, arrived, ended_at, error))
    return FALSE;

  stations = anju_visit_dup_stations (store, visit->project_id);
  for (guint i = 0; stations[i] != NULL; i++)
    n_done += json_object_has_member (visit->stations, stations[i]);
  summary = g_strdup_printf (_("Visit ended after %lld min, %u of %u stations"),
                             (long long)((ended_at - arrived) / G_USEC_PER_SEC / 60), n_done,
                             g_strv_length (stations));
  if (!anju_customer_add_event (ctx, customer.id, "visit", summary, NULL, error))
    return FALSE;
  set_visit_subject (ctx, visit->id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "customer_id", customer.id);
  return TRUE;
}

static const AnjuCommandSpec visit_commands[] = {
  /* The rotation's turn is the office's to give when it can: two desks
   * registering walk-ins at once must not give the same consultant. */
  { "visit.register", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_OFFICE_PREFERRED, apply_visit_register,
    "visit_id:string? arrived_at:string first_time:boolean visit_type:string? "
    "customer_id:string? mobile:string? new_customer:object? referred_by:string? "
    "party_size:integer? car_plate:string? registered_by:string? "
    "consultant_id:string? appointment_id:string? project_id:string?" },
  { "visit.assign", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_visit_assign,
    "visit_id:string consultant_id:string?" },
  { "visit.greet", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_visit_greet,
    "visit_id:string greeted_at:string" },
  { "visit.handover_confirm", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_visit_handover_confirm,
    "visit_id:string" },
  { "visit.station", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_visit_station,
    "visit_id:string station:string done:boolean" },
  { "visit.club", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_visit_club,
    "visit_id:string joined:boolean" },
  { "visit.disclose", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_visit_disclose,
    "visit_id:string disclosure_version:integer" },
  { "visit.close", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_visit_close,
    "visit_id:string ended_at:string customer:object?" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const reception_topic_tables[] = { "visits", NULL };

void
anju_visits_register_commands (void)
{
  anju_topic_declare ("reception", reception_topic_tables);
  anju_commands_register (visit_commands, G_N_ELEMENTS (visit_commands));
}
