/* anju-rotation.c — the day's rotation of consultants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-format.h"
#include "anju-policy.h"
#include "anju-projects.h"
#include "anju-reception-private.h"
#include "anju-rotation.h"

void
anju_absence_reason_free (AnjuAbsenceReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->id);
  g_free (reason->name);
  g_free (reason);
}

GPtrArray *
anju_rotation_list_absence_reasons (AnjuStore   *store,
                                    const char  *project_id,
                                    GError     **error)
{
  g_autoptr(JsonNode) node = anju_policy_dup_value (store, project_id, "rotation.absence_reasons");
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_absence_reason_free);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy setting “rotation.absence_reasons” must be a list."));
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      AnjuAbsenceReason *reason;
      const char *id = o ? json_object_get_string_member_with_default (o, "id", NULL) : NULL;

      if (id == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Absence reason %u of the policy has no “id”."), i + 1);
          return NULL;
        }
      reason = g_new0 (AnjuAbsenceReason, 1);
      reason->id = g_strdup (id);
      reason->name = g_strdup (anju_recep_pick_name (json_object_get_string_member_with_default (o, "name_en", NULL),
                                                     json_object_get_string_member_with_default (o, "name_zh", NULL)));
      if (reason->name == NULL)
        reason->name = g_strdup (id);
      reason->keeps_turn = json_object_get_boolean_member_with_default (o, "keeps_turn", TRUE);
      reason->make_up = json_object_get_boolean_member_with_default (o, "make_up", FALSE);
      g_ptr_array_add (reasons, reason);
    }
  return g_steal_pointer (&reasons);
}

static AnjuAbsenceReason *
find_reason (GPtrArray  *reasons,
             const char *id)
{
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      AnjuAbsenceReason *r = g_ptr_array_index (reasons, i);
      if (g_strcmp0 (r->id, id) == 0)
        return r;
    }
  return NULL;
}

static void
entry_free (AnjuRotationEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->consultant_id);
  g_free (e->consultant_name);
  g_free (e->state);
  g_free (e->absence_reason);
  g_free (e->absence_reason_name);
  g_free (e);
}

void
anju_rotation_day_free (AnjuRotationDay *day)
{
  if (day == NULL)
    return;
  g_free (day->project_id);
  g_free (day->local_date);
  g_free (day->day_id);
  g_clear_pointer (&day->entries, g_ptr_array_unref);
  g_free (day->next_consultant_id);
  g_free (day->next_consultant_name);
  g_free (day);
}

/* The id @sql selects with its two parameters bound to @key and @other;
 * NULL when there is none or @key is NULL. */
static char *
lookup_id (AnjuStore  *store,
           const char *sql,
           const char *key,
           const char *other)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, NULL);
  char *id = NULL;

  if (stmt == NULL || key == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, other, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static char *
lookup_day_id (AnjuStore  *store,
               const char *project_id,
               const char *local_date)
{
  return lookup_id (store, "SELECT id FROM rotation_days WHERE project_id = ? AND local_date = ?",
                    project_id, local_date);
}

static char *
lookup_entry_id (AnjuStore  *store,
                 const char *day_id,
                 const char *consultant_id)
{
  return lookup_id (store, "SELECT id FROM rotation_entries WHERE day_id = ? AND consultant_id = ?",
                    day_id, consultant_id);
}

/* The entries of a day with what is computed from visits and policy. */
static GPtrArray *
load_entries (AnjuStore   *store,
              const char  *project_id,
              const char  *day_id,
              const char  *local_date,
              GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  g_autoptr(GPtrArray) reasons = anju_rotation_list_absence_reasons (store, project_id, NULL);
  gboolean skip_busy = anju_policy_get_bool (store, project_id, "rotation.skip_busy", TRUE);
  g_autofree char *start = NULL, *end = NULL;
  gint64 start_usec, end_usec;
  sqlite3_stmt *stmt;
  int rc;

  if (!anju_recep_local_day_range (local_date, anju_format_get_time_zone (), &start_usec, &end_usec))
    return NULL;
  start = anju_clock_format_utc (start_usec);
  end = anju_clock_format_utc (end_usec);
  stmt = anju_store_prepare (store,
      "SELECT e.consultant_id, u.display_name, e.position, e.state, e.absence_reason, "
      "e.turns_taken, e.make_up_owed, "
      "EXISTS (SELECT 1 FROM visits v WHERE v.consultant_id = e.consultant_id AND v.state = 'open' "
      "        AND v.arrived_at >= ?2 AND v.arrived_at < ?3 AND (v.project_id IS ?4 OR v.project_id IS NULL)) "
      "FROM rotation_entries e LEFT JOIN users u ON u.id = e.consultant_id "
      "WHERE e.day_id = ?1 ORDER BY e.position, e.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, end, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 4, project_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuRotationEntry *e = g_new0 (AnjuRotationEntry, 1);
      AnjuAbsenceReason *reason;

      e->consultant_id = anju_stmt_dup_text (stmt, 0);
      e->consultant_name = anju_stmt_dup_text (stmt, 1);
      e->position = sqlite3_column_int (stmt, 2);
      e->state = anju_stmt_dup_text (stmt, 3);
      e->absence_reason = anju_stmt_dup_text (stmt, 4);
      e->turns_taken = sqlite3_column_int (stmt, 5);
      e->make_up_owed = sqlite3_column_int (stmt, 6);
      e->serving = sqlite3_column_int (stmt, 7) != 0;
      reason = find_reason (reasons, e->absence_reason);
      e->absence_reason_name = g_strdup (reason ? reason->name : e->absence_reason);
      if (g_str_equal (e->state, "absent"))
        e->available = FALSE;
      else if (g_str_equal (e->state, "busy") || e->serving)
        e->available = !skip_busy;
      else
        e->available = TRUE;
      g_ptr_array_add (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Who takes the next walk-in: an available consultant owed a make-up turn
 * (first in order), else the first available in order. */
static AnjuRotationEntry *
pick_next (GPtrArray *entries,
           gboolean  *make_up)
{
  for (guint i = 0; i < entries->len; i++)
    {
      AnjuRotationEntry *e = g_ptr_array_index (entries, i);
      if (e->available && e->make_up_owed > 0)
        {
          *make_up = TRUE;
          return e;
        }
    }
  for (guint i = 0; i < entries->len; i++)
    {
      AnjuRotationEntry *e = g_ptr_array_index (entries, i);
      if (e->available)
        {
          *make_up = FALSE;
          return e;
        }
    }
  return NULL;
}

static char *
resolve_project (AnjuStore  *store,
                 const char *project_id)
{
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);

  return project ? g_strdup (project->id) : NULL;
}

AnjuRotationDay *
anju_rotation_load_day (AnjuStore   *store,
                        const char  *project_id,
                        const char  *local_date,
                        GError     **error)
{
  g_autoptr(AnjuRotationDay) day = g_new0 (AnjuRotationDay, 1);
  AnjuRotationEntry *next;

  day->project_id = resolve_project (store, project_id);
  day->local_date = local_date ? g_strdup (local_date)
                               : anju_recep_local_date_of (anju_store_now (store), anju_format_get_time_zone ());
  if (!anju_recep_local_date_is_valid (day->local_date))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "local_date",
                           _("“%s” is not a day written YYYY-MM-DD."), day->local_date);
      return NULL;
    }
  day->day_id = lookup_day_id (store, day->project_id, day->local_date);
  if (day->day_id == NULL)
    {
      day->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
      return g_steal_pointer (&day);
    }
  if (!(day->entries = load_entries (store, day->project_id, day->day_id, day->local_date, error)))
    return NULL;
  if ((next = pick_next (day->entries, &day->next_is_make_up)) != NULL)
    {
      day->next_consultant_id = g_strdup (next->consultant_id);
      day->next_consultant_name = g_strdup (next->consultant_name);
    }
  return g_steal_pointer (&day);
}

gboolean
anju_rotation_is_absent (AnjuStore  *store,
                         const char *project_id,
                         const char *local_date,
                         const char *consultant_id)
{
  g_autofree char *resolved = resolve_project (store, project_id);
  g_autofree char *day_id = lookup_day_id (store, resolved, local_date);
  sqlite3_stmt *stmt;
  gboolean absent = FALSE;

  if (day_id == NULL)
    return FALSE;
  stmt = anju_store_prepare (store,
      "SELECT state FROM rotation_entries WHERE day_id = ? AND consultant_id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, consultant_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    absent = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "absent") == 0;
  sqlite3_reset (stmt);
  return absent;
}

static gboolean
save_entry (AnjuCommandContext  *ctx,
            const char          *day_id,
            AnjuRotationEntry   *e,
            GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *id = lookup_entry_id (store, day_id, e->consultant_id);
  sqlite3_stmt *stmt;

  if (id == NULL)
    return TRUE;
  stmt = anju_store_prepare (store,
      "UPDATE rotation_entries SET position = ?, turns_taken = ?, make_up_owed = ?, updated_at = ? "
      "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, e->position);
  sqlite3_bind_int (stmt, 2, e->turns_taken);
  sqlite3_bind_int (stmt, 3, e->make_up_owed);
  sqlite3_bind_text (stmt, 4, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "rotation_entries", id);
  return TRUE;
}

gboolean
anju_rotation_take_turn (gpointer     ctx_pointer,
                         const char  *project_id,
                         const char  *local_date,
                         char       **consultant_id,
                         gboolean    *make_up,
                         GError     **error)
{
  AnjuCommandContext *ctx = ctx_pointer;
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *resolved = resolve_project (store, project_id);
  g_autofree char *day_id = lookup_day_id (store, resolved, local_date);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GPtrArray) losers = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  AnjuRotationEntry *taker = NULL;
  int last = 0;

  *consultant_id = NULL;
  *make_up = FALSE;
  if (day_id == NULL)
    return TRUE;
  if (!(entries = load_entries (store, resolved, day_id, local_date, error)))
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    last = MAX (last, ((AnjuRotationEntry *)g_ptr_array_index (entries, i))->position);

  taker = pick_next (entries, make_up);
  if (taker == NULL)
    return TRUE;
  taker->turns_taken++;
  if (*make_up)
    {
      taker->make_up_owed--;
      *consultant_id = g_strdup (taker->consultant_id);
      return save_entry (ctx, day_id, taker, error);
    }

  /* The cards passed over before the taker: absent ones whose reason
   * loses the turn go to the end behind the taker, owed a make-up turn
   * when the reason grants one. */
  reasons = anju_rotation_list_absence_reasons (store, resolved, NULL);
  losers = g_ptr_array_new ();
  changed = g_ptr_array_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      AnjuRotationEntry *e = g_ptr_array_index (entries, i);
      AnjuAbsenceReason *reason;

      if (e == taker)
        break;
      if (!g_str_equal (e->state, "absent"))
        continue;
      reason = find_reason (reasons, e->absence_reason);
      if (reason == NULL || reason->keeps_turn)
        continue;
      if (reason->make_up)
        e->make_up_owed++;
      g_ptr_array_add (losers, e);
    }
  taker->position = ++last;
  g_ptr_array_add (changed, taker);
  for (guint i = 0; i < losers->len; i++)
    {
      AnjuRotationEntry *e = g_ptr_array_index (losers, i);
      e->position = ++last;
      g_ptr_array_add (changed, e);
    }
  for (guint i = 0; i < changed->len; i++)
    if (!save_entry (ctx, day_id, g_ptr_array_index (changed, i), error))
      return FALSE;
  *consultant_id = g_strdup (taker->consultant_id);
  return TRUE;
}

/* ---- commands --------------------------------------------------------- */

/* The day's row, created when @create and absent. */
static gboolean
ensure_day (AnjuCommandContext  *ctx,
            const char          *project_id,
            const char          *local_date,
            char               **day_id,
            GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  sqlite3_stmt *stmt;

  *day_id = lookup_day_id (store, project_id, local_date);
  if (*day_id != NULL)
    {
      stmt = anju_store_prepare (store, "UPDATE rotation_days SET updated_at = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, *day_id, -1, SQLITE_TRANSIENT);
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "rotation_days", *day_id);
      return TRUE;
    }
  *day_id = anju_command_context_new_id (ctx);
  stmt = anju_store_prepare (store,
      "INSERT INTO rotation_days (id, project_id, local_date, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, *day_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, local_date, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 4, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "rotation_days", *day_id);
  return TRUE;
}

static gboolean
require_project (AnjuStore   *store,
                 JsonObject  *payload,
                 char       **project_id,
                 GError     **error)
{
  if (!anju_recep_resolve_project (store, payload, NULL, project_id, error))
    return FALSE;
  if (*project_id == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "project_id",
                           _("There is no project yet. Create the project first."));
      return FALSE;
    }
  return TRUE;
}

/* Puts @consultant_id on the rotation of @day_id at @position, on duty;
 * returns the new entry's id. */
static char *
insert_entry (AnjuCommandContext  *ctx,
              const char          *day_id,
              const char          *consultant_id,
              int                  position,
              GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *entry_id = anju_command_context_new_id (ctx);
  sqlite3_stmt *stmt;

  stmt = anju_store_prepare (store,
      "INSERT INTO rotation_entries (id, day_id, consultant_id, position, state, updated_at) "
      "VALUES (?, ?, ?, ?, 'on_duty', ?)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entry_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, day_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, consultant_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, position);
  sqlite3_bind_text (stmt, 5, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return NULL;
  return g_steal_pointer (&entry_id);
}

/* A consultant who comes on duty and is not on the day's rotation (the
 * day not set yet, or set without them) joins it at the end. */
static char *
join_day (AnjuCommandContext  *ctx,
          const char          *project_id,
          const char          *local_date,
          const char          *consultant_id,
          char               **day_id,
          GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuUser) user = NULL;
  sqlite3_stmt *stmt;
  int last;

  if (!(user = anju_recep_lookup_staff (store, "consultant_id", consultant_id, error)))
    return NULL;
  g_clear_pointer (day_id, g_free);
  if (!ensure_day (ctx, project_id, local_date, day_id, error))
    return NULL;
  stmt = anju_store_prepare (store,
      "SELECT coalesce(max(position), 0) FROM rotation_entries WHERE day_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, *day_id, -1, SQLITE_TRANSIENT);
  last = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return insert_entry (ctx, *day_id, consultant_id, last + 1, error);
}

static gboolean
apply_rotation_set_day (AnjuCommandContext  *ctx,
                        JsonObject          *payload,
                        GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  g_autofree char *project_id = NULL, *day_id = NULL, *subject = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  const char *local_date;
  JsonArray *consultants = NULL;
  sqlite3_stmt *stmt;

  if (!require_project (store, payload, &project_id, error) ||
      !anju_recep_get_local_date (payload, "local_date", TRUE, &local_date, error) ||
      !anju_payload_get_array (payload, "consultants", TRUE, &consultants, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (consultants); i++)
    {
      JsonNode *node = json_array_get_element (consultants, i);
      g_autoptr(AnjuUser) user = NULL;
      const char *id;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "consultants",
                               _("“consultants” must list user ids."));
          return FALSE;
        }
      id = json_node_get_string (node);
      if (!(user = anju_recep_lookup_staff (store, "consultants", id, error)))
        return FALSE;
      for (guint j = 0; j < ids->len; j++)
        if (g_str_equal (g_ptr_array_index (ids, j), id))
          {
            anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "consultants",
                                 _("%s is in the list twice. Give each consultant one place."),
                                 user->display_name);
            return FALSE;
          }
      g_ptr_array_add (ids, (gpointer)id);
    }
  if (!ensure_day (ctx, project_id, local_date, &day_id, error))
    return FALSE;

  /* Those no longer on duty that day leave the rotation. */
  stmt = anju_store_prepare (store, "SELECT id, consultant_id FROM rotation_entries WHERE day_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean kept = FALSE;
      for (guint j = 0; j < ids->len; j++)
        kept |= g_strcmp0 (g_ptr_array_index (ids, j), (const char *)sqlite3_column_text (stmt, 1)) == 0;
      if (!kept)
        g_ptr_array_add (removed, anju_stmt_dup_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < removed->len; i++)
    {
      if (!anju_store_delete_row (store, "rotation_entries", g_ptr_array_index (removed, i), error))
        return FALSE;
      anju_command_context_touch (ctx, "rotation_entries", g_ptr_array_index (removed, i));
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *entry_id = lookup_entry_id (store, day_id, g_ptr_array_index (ids, i));

      if (entry_id != NULL)
        {
          stmt = anju_store_prepare (store,
              "UPDATE rotation_entries SET position = ?, updated_at = ? WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int (stmt, 1, i + 1);
          sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, entry_id, -1, SQLITE_TRANSIENT);
          if (!anju_store_step_done (store, stmt, error))
            return FALSE;
        }
      if (entry_id == NULL &&
          !(entry_id = insert_entry (ctx, day_id, g_ptr_array_index (ids, i), i + 1, error)))
        return FALSE;
      anju_command_context_touch (ctx, "rotation_entries", entry_id);
    }
  subject = g_strdup_printf ("rotation:%s", day_id);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (anju_command_context_get_result (ctx), "day_id", day_id);
  return TRUE;
}

gboolean
anju_rotation_may_mark (const AnjuUser *actor,
                        const char     *consultant_id)
{
  return anju_commands_allowed ("rotation.mark", actor) &&
         ((actor->id != NULL && g_strcmp0 (consultant_id, actor->id) == 0) ||
          anju_commands_allowed ("rotation.set_day", actor));
}

gboolean
anju_rotation_proposes_on_duty (const AnjuUser *colleague)
{
  return colleague != NULL && colleague->role == ANJU_ROLE_CONSULTANT;
}

static gboolean
apply_rotation_mark (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_autofree char *project_id = NULL, *day_id = NULL, *entry_id = NULL, *subject = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GError) policy_error = NULL;
  const char *local_date, *consultant_id, *state, *reason = NULL;
  sqlite3_stmt *stmt;

  if (!require_project (store, payload, &project_id, error) ||
      !anju_recep_get_local_date (payload, "local_date", TRUE, &local_date, error) ||
      !anju_payload_get_string (payload, "consultant_id", TRUE, &consultant_id, error) ||
      !anju_payload_get_string (payload, "state", TRUE, &state, error) ||
      !anju_payload_get_string (payload, "reason", FALSE, &reason, error))
    return FALSE;
  if (!anju_rotation_may_mark (actor, consultant_id))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "consultant_id",
                           _("You can mark only yourself. Ask a manager to mark a colleague."));
      return FALSE;
    }
  if (!g_str_equal (state, "on_duty") && !g_str_equal (state, "busy") && !g_str_equal (state, "absent"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "state",
                           _("“state” must be “on_duty”, “busy” or “absent”."));
      return FALSE;
    }
  if (g_str_equal (state, "absent"))
    {
      if (!(reasons = anju_rotation_list_absence_reasons (store, project_id, &policy_error)))
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL, "%s", policy_error->message);
          return FALSE;
        }
      if (reason == NULL || find_reason (reasons, reason) == NULL)
        {
          g_autofree const char **names = g_new0 (const char *, reasons->len + 1);
          g_autofree char *known = NULL;

          for (guint i = 0; i < reasons->len; i++)
            names[i] = ((AnjuAbsenceReason *)g_ptr_array_index (reasons, i))->name;
          known = anju_format_join_list (names);
          anju_command_reject (error, reason ? ANJU_COMMAND_ERROR_INVALID_FIELD : ANJU_COMMAND_ERROR_MISSING_FIELD,
                               "reason", _("Say why the consultant is away: one of %s."), known);
          return FALSE;
        }
    }
  else
    reason = NULL;

  day_id = lookup_day_id (store, project_id, local_date);
  entry_id = lookup_entry_id (store, day_id, consultant_id);
  if (entry_id == NULL && g_str_equal (state, "on_duty") &&
      !(entry_id = join_day (ctx, project_id, local_date, consultant_id, &day_id, error)))
    return FALSE;
  if (entry_id == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "consultant_id",
                           _("This consultant is not on the rotation of %s. A manager sets the day's rotation first."),
                           local_date);
      return FALSE;
    }
  stmt = anju_store_prepare (store,
      "UPDATE rotation_entries SET state = ?, absence_reason = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, reason);
  sqlite3_bind_text (stmt, 3, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, entry_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "rotation_entries", entry_id);
  subject = g_strdup_printf ("rotation:%s", day_id);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (anju_command_context_get_result (ctx), "day_id", day_id);
  return TRUE;
}

static const AnjuCommandSpec rotation_commands[] = {
  { "rotation.set_day", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_rotation_set_day,
    "project_id:string? local_date:string consultants:array" },
  { "rotation.mark", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_rotation_mark,
    "project_id:string? local_date:string consultant_id:string state:string reason:string?" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const reception_topic_tables[] = { "rotation_days", "rotation_entries", NULL };

void
anju_rotation_register_commands (void)
{
  anju_topic_declare ("reception", reception_topic_tables);
  anju_commands_register (rotation_commands, G_N_ELEMENTS (rotation_commands));
}
