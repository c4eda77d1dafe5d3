/* anju-tasks.c — tasks: commands and queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-policy.h"
#include "anju-reception-private.h"
#include "anju-tasks.h"

static const struct
{
  const char *kind;
  const char *label;
} task_kinds[] = {
  { "call", N_("Call") },
  { "sms", N_("Send SMS") },
  { "call_back_answer", N_("Call back with the answer") },
  { "confirm_visit", N_("Confirm the visit") },
  { "visit", N_("Meet the visitor") },
  { "call_back", N_("Call back after the visit") },
  { "thank_referrer", N_("Thank the referrer") },
  { "contact_after_handover", N_("Contact after handover") },
  { "confirm_signing", N_("Confirm the signing") },
  { "prepare_contract", N_("Prepare the contract") },
  { "tell_bank_manager", N_("Tell the bank manager") },
  { "other", N_("Other") },
};

static const char * const kind_names[] = {
  "call", "sms", "call_back_answer", "confirm_visit", "visit", "call_back",
  "thank_referrer", "contact_after_handover", "confirm_signing", "prepare_contract",
  "tell_bank_manager", "other", NULL,
};

const char * const *
anju_task_get_kinds (void)
{
  return kind_names;
}

gboolean
anju_task_kind_is_valid (const char *kind)
{
  return kind != NULL && g_strv_contains (kind_names, kind);
}

const char *
anju_task_kind_get_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (task_kinds); i++)
    if (g_strcmp0 (task_kinds[i].kind, kind) == 0)
      return _(task_kinds[i].label);
  return kind;
}

void
anju_task_free (AnjuTask *t)
{
  if (t == NULL)
    return;
  g_free (t->id);
  g_free (t->project_id);
  g_free (t->customer_id);
  g_free (t->customer_name);
  g_free (t->customer_title);
  g_free (t->assignee_id);
  g_free (t->assignee_name);
  g_free (t->kind);
  g_free (t->title);
  g_free (t->detail);
  g_free (t->due_at);
  g_free (t->state);
  g_free (t->outcome);
  g_free (t->done_at);
  g_free (t->rule);
  g_free (t->source_type);
  g_free (t->source_id);
  g_free (t);
}

/* ---- queries ---------------------------------------------------------- */

#define TASK_SELECT \
  "SELECT t.id, t.project_id, t.customer_id, c.name, c.title, t.assignee_id, u.display_name, " \
  "t.kind, t.title, t.detail, t.due_at, t.state, t.outcome, t.done_at, t.rule, " \
  "t.source_type, t.source_id FROM tasks t " \
  "LEFT JOIN customers c ON c.id = t.customer_id " \
  "LEFT JOIN users u ON u.id = t.assignee_id "

static AnjuTask *
task_from_stmt (sqlite3_stmt *stmt,
                gint64        now)
{
  AnjuTask *t = g_new0 (AnjuTask, 1);

  t->id = anju_stmt_dup_text (stmt, 0);
  t->project_id = anju_stmt_dup_text (stmt, 1);
  t->customer_id = anju_stmt_dup_text (stmt, 2);
  t->customer_name = anju_stmt_dup_text (stmt, 3);
  t->customer_title = anju_stmt_dup_text (stmt, 4);
  t->assignee_id = anju_stmt_dup_text (stmt, 5);
  t->assignee_name = anju_stmt_dup_text (stmt, 6);
  t->kind = anju_stmt_dup_text (stmt, 7);
  t->title = anju_stmt_dup_text (stmt, 8);
  t->detail = anju_stmt_dup_text (stmt, 9);
  t->due_at = anju_stmt_dup_text (stmt, 10);
  t->state = anju_stmt_dup_text (stmt, 11);
  t->outcome = anju_stmt_dup_text (stmt, 12);
  t->done_at = anju_stmt_dup_text (stmt, 13);
  t->rule = anju_stmt_dup_text (stmt, 14);
  t->source_type = anju_stmt_dup_text (stmt, 15);
  t->source_id = anju_stmt_dup_text (stmt, 16);
  if (!anju_clock_parse_utc (t->due_at, &t->due_usec))
    t->due_usec = 0;
  t->overdue = g_strcmp0 (t->state, "open") == 0 && t->due_usec < now;
  return t;
}

/* Runs a prepared, bound task query into a list. */
static GPtrArray *
collect (AnjuStore     *store,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_task_free);
  gint64 now = anju_store_now (store);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tasks, task_from_stmt (stmt, now));
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&tasks);
}

AnjuTask *
anju_task_load (AnjuStore   *store,
                const char  *task_id,
                GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, TASK_SELECT "WHERE t.id = ?", error);
  g_autoptr(GPtrArray) tasks = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, task_id, -1, SQLITE_TRANSIENT);
  if (!(tasks = collect (store, stmt, error)))
    return NULL;
  if (tasks->len == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "task_id",
                           _("There is no task with this id. Refresh the list."));
      return NULL;
    }
  return g_ptr_array_steal_index (tasks, 0);
}

GPtrArray *
anju_tasks_list_for_day (AnjuStore   *store,
                         const char  *assignee_id,
                         const char  *local_date,
                         gboolean     include_done,
                         GError     **error)
{
  g_autofree char *start = NULL, *end = NULL;
  sqlite3_stmt *stmt;

  if (!anju_recep_get_day_bounds (store, local_date, &start, &end, error))
    return NULL;
  stmt = anju_store_prepare (store, TASK_SELECT
      "WHERE (?1 IS NULL OR t.assignee_id = ?1) AND t.due_at < ?3 "
      "AND ((t.state = 'open') OR (?4 AND t.due_at >= ?2)) "
      "ORDER BY t.due_at, t.id", error);
  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, assignee_id);
  sqlite3_bind_text (stmt, 2, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, end, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, include_done);
  return collect (store, stmt, error);
}

gboolean
anju_tasks_count_for_day (AnjuStore       *store,
                          const char      *assignee_id,
                          const char      *local_date,
                          AnjuTaskCounts  *counts,
                          GError         **error)
{
  g_autoptr(GPtrArray) tasks = anju_tasks_list_for_day (store, assignee_id, local_date, TRUE, error);

  if (tasks == NULL)
    return FALSE;
  memset (counts, 0, sizeof *counts);
  for (guint i = 0; i < tasks->len; i++)
    {
      AnjuTask *t = g_ptr_array_index (tasks, i);

      if (g_str_equal (t->state, "done"))
        counts->done++;
      else
        counts->due++;
      if (t->overdue)
        counts->overdue++;
    }
  return TRUE;
}

GPtrArray *
anju_tasks_list_for_customer (AnjuStore   *store,
                              const char  *customer_id,
                              GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, TASK_SELECT
      "WHERE t.customer_id = ? ORDER BY t.due_at DESC, t.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  return collect (store, stmt, error);
}

GPtrArray *
anju_tasks_list_for_source (AnjuStore   *store,
                            const char  *source_type,
                            const char  *source_id,
                            GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, TASK_SELECT
      "WHERE t.source_type = ? AND t.source_id = ? ORDER BY t.due_at, t.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, source_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source_id, -1, SQLITE_TRANSIENT);
  return collect (store, stmt, error);
}

/* ---- for other handlers ----------------------------------------------- */

static gboolean
insert_task (AnjuCommandContext  *ctx,
             const char          *id,
             const AnjuTaskSpec  *spec,
             GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  g_autofree char *due = anju_clock_format_utc (spec->due_at);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (anju_task_kind_is_valid (spec->kind), FALSE);
  stmt = anju_store_prepare (store,
      "INSERT INTO tasks (id, project_id, customer_id, assignee_id, kind, title, detail, due_at, "
      "state, rule, source_type, source_id, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, spec->project_id);
  anju_stmt_bind_text_or_null (stmt, 3, spec->customer_id);
  sqlite3_bind_text (stmt, 4, spec->assignee_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, spec->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, spec->title, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 7, spec->detail);
  sqlite3_bind_text (stmt, 8, due, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 9, spec->rule);
  anju_stmt_bind_text_or_null (stmt, 10, spec->source_type);
  anju_stmt_bind_text_or_null (stmt, 11, spec->source_id);
  anju_stmt_bind_text_or_null (stmt, 12, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 13, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, now, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "tasks", id);
  return TRUE;
}

char *
anju_task_insert (gpointer             ctx_pointer,
                  const AnjuTaskSpec  *spec,
                  GError             **error)
{
  AnjuCommandContext *ctx = ctx_pointer;
  g_autofree char *id = anju_command_context_new_id (ctx);
  AnjuTaskSpec planned = *spec;

  if (!spec->agreed_time)
    planned.due_at = anju_policy_next_opening_usec (anju_command_context_get_store (ctx),
                                                    spec->project_id, spec->due_at);
  if (!insert_task (ctx, id, &planned, error))
    return NULL;
  return g_steal_pointer (&id);
}

static gboolean
mark_done (AnjuCommandContext  *ctx,
           const char          *id,
           const char          *outcome,
           GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE tasks SET state = 'done', outcome = ?, done_at = ?, done_by = ?, updated_at = ? "
      "WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, outcome, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "tasks", id);
  return TRUE;
}

gboolean
anju_tasks_close_for_source (gpointer     ctx_pointer,
                             const char  *source_type,
                             const char  *source_id,
                             const char  *kind,
                             const char  *outcome,
                             GError     **error)
{
  AnjuCommandContext *ctx = ctx_pointer;
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT id FROM tasks WHERE source_type = ? AND source_id = ? AND state = 'open' "
      "AND (?3 IS NULL OR kind = ?3) ORDER BY id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source_id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, kind);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, anju_stmt_dup_text (stmt, 0));
  sqlite3_reset (stmt);
  for (guint i = 0; i < ids->len; i++)
    if (!mark_done (ctx, g_ptr_array_index (ids, i), outcome, error))
      return FALSE;
  return TRUE;
}

/* ---- commands --------------------------------------------------------- */

static void
set_subject (AnjuCommandContext *ctx,
             const char         *id)
{
  g_autofree char *subject = g_strconcat ("task:", id, NULL);

  anju_command_context_set_subject (ctx, subject);
}

static gboolean
apply_task_create (AnjuCommandContext  *ctx,
                   JsonObject          *payload,
                   GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_auto(AnjuRecepCustomer) customer = { 0 };
  g_autoptr(AnjuUser) assignee = NULL;
  g_autofree char *id = NULL, *project_id = NULL, *summary = NULL;
  const char *customer_id = NULL, *assignee_id = NULL, *kind, *title, *detail = NULL;
  AnjuTaskSpec spec = { 0 };
  gint64 due_at = 0;

  if (!anju_command_context_take_new_id (ctx, payload, "task_id", "tasks", &id, error) ||
      !anju_payload_get_string (payload, "customer_id", FALSE, &customer_id, error) ||
      !anju_payload_get_string (payload, "assignee_id", FALSE, &assignee_id, error) ||
      !anju_payload_get_string (payload, "kind", TRUE, &kind, error) ||
      !anju_payload_get_text (payload, "title", TRUE, 200, &title, error) ||
      !anju_payload_get_text (payload, "detail", FALSE, 2000, &detail, error) ||
      !anju_payload_get_time (payload, "due_at", TRUE, &due_at, error))
    return FALSE;
  if (!anju_task_kind_is_valid (kind))
    {
      g_autofree char *known = g_strjoinv (", ", (char **)kind_names);
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "kind",
                           _("“%s” is not a kind of task. Use one of: %s."), kind, known);
      return FALSE;
    }
  if (title == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "title",
                           _("Say in a few words what is to be done."));
      return FALSE;
    }
  if (customer_id != NULL && !anju_recep_load_customer (store, "customer_id", customer_id, &customer, error))
    return FALSE;
  if (assignee_id == NULL)
    assignee_id = actor->id;
  if (assignee_id == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "assignee_id",
                           _("Say who is to do this task."));
      return FALSE;
    }
  if (g_strcmp0 (assignee_id, actor->id) != 0 && !(actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "assignee_id",
                           _("Only a manager can give a task to someone else. Create it for yourself."));
      return FALSE;
    }
  if (!(assignee = anju_recep_lookup_staff (store, "assignee_id", assignee_id, error)))
    return FALSE;
  if (!anju_recep_resolve_project (store, payload, customer.project_id, &project_id, error))
    return FALSE;

  spec.project_id = project_id;
  spec.customer_id = customer_id;
  spec.assignee_id = assignee->id;
  spec.kind = kind;
  spec.title = title;
  spec.detail = detail;
  spec.due_at = due_at;
  if (!insert_task (ctx, id, &spec, error))
    return FALSE;
  if (customer_id != NULL)
    {
      summary = g_strdup_printf (_("Task for %s: %s"), assignee->display_name, title);
      if (!anju_customer_add_event (ctx, customer_id, "task", summary, NULL, error))
        return FALSE;
    }
  set_subject (ctx, id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "task_id", id);
  return TRUE;
}

static gboolean
apply_task_complete (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_autoptr(AnjuTask) task = NULL;
  g_autofree char *summary = NULL;
  const char *id, *outcome;

  if (!anju_payload_get_string (payload, "task_id", TRUE, &id, error) ||
      !(task = anju_task_load (store, id, error)) ||
      !anju_payload_get_text (payload, "outcome", TRUE, 1000, &outcome, error))
    return FALSE;
  if (outcome == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "outcome",
                           _("Write what came of it (“reached, visit on Saturday”, “no answer”)."));
      return FALSE;
    }
  if (g_strcmp0 (task->assignee_id, actor->id) != 0 &&
      !(actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "task_id",
                           _("This task is %s's. Only they or a manager can mark it done."),
                           task->assignee_name ? task->assignee_name : "?");
      return FALSE;
    }
  if (g_str_equal (task->state, "done"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "task_id",
                           _("This task was already done (%s). Refresh the list."),
                           task->outcome ? task->outcome : "");
      return FALSE;
    }
  if (!mark_done (ctx, id, outcome, error))
    return FALSE;
  if (task->customer_id != NULL)
    {
      summary = g_strdup_printf (_("%s — done: %s"), task->title, outcome);
      if (!anju_customer_add_event (ctx, task->customer_id, "task", summary, NULL, error))
        return FALSE;
    }
  set_subject (ctx, id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "task_id", id);
  return TRUE;
}

static gboolean
apply_task_reassign (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuTask) task = NULL;
  g_autoptr(AnjuUser) assignee = NULL;
  g_autofree char *summary = NULL;
  const char *id, *assignee_id;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "task_id", TRUE, &id, error) ||
      !anju_payload_get_string (payload, "assignee_id", TRUE, &assignee_id, error) ||
      !(task = anju_task_load (store, id, error)) ||
      !(assignee = anju_recep_lookup_staff (store, "assignee_id", assignee_id, error)))
    return FALSE;
  if (g_str_equal (task->state, "done"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "task_id",
                           _("This task is already done and cannot be handed on."));
      return FALSE;
    }
  if (g_strcmp0 (task->assignee_id, assignee_id) == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "assignee_id",
                           _("The task is already %s's."), assignee->display_name);
      return FALSE;
    }
  stmt = anju_store_prepare (store, "UPDATE tasks SET assignee_id = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, assignee_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "tasks", id);
  if (task->customer_id != NULL)
    {
      summary = g_strdup_printf (_("Task “%s” handed to %s"), task->title, assignee->display_name);
      if (!anju_customer_add_event (ctx, task->customer_id, "task", summary, NULL, error))
        return FALSE;
    }
  set_subject (ctx, id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "task_id", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "assignee_id", assignee_id);
  return TRUE;
}

static const AnjuCommandSpec task_commands[] = {
  { "task.create", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_task_create,
    "task_id:string? customer_id:string? assignee_id:string? kind:string title:string "
    "detail:string? due_at:string project_id:string?" },
  { "task.complete", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_task_complete,
    "task_id:string outcome:string" },
  { "task.reassign", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_task_reassign,
    "task_id:string assignee_id:string" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const tasks_topic_tables[] = { "tasks", NULL };

void
anju_tasks_register_commands (void)
{
  anju_topic_declare ("tasks", tasks_topic_tables);
  anju_commands_register (task_commands, G_N_ELEMENTS (task_commands));
}
