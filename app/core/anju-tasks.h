/* anju-tasks.h — tasks with a due time for a person (SPEC §10)
 *
 * Every rule that says "call", "SMS" or "remind" creates a task; people
 * create their own too. A task is open until done with an outcome;
 * overdue means open with its due time before now (the store's clock).
 * Days are local days of the office (anju_format_get_time_zone()).
 *
 * Commands (payload fields snake_case; times ISO 8601 with a zone):
 *   task.create   {task_id?, project_id?, customer_id?, assignee_id?, kind, title,
 *                  detail?, due_at}                 (consultant, manager, admin)
 *       A consultant creates tasks for themself; a manager for anyone.
 *       → {task_id}
 *   task.complete {task_id, outcome}                (consultant, manager, admin)
 *       The assignee, a manager or an admin. A done task is refused
 *       (CONFLICT). The customer's timeline gets the outcome.
 *   task.reassign {task_id, assignee_id}            (manager, admin)
 *       Open tasks only; to another consultant or manager.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-store.h"

G_BEGIN_DECLS

/* Kinds: "call", "sms", "call_back_answer", "confirm_visit", "visit",
 * "call_back", "thank_referrer", "contact_after_handover", "confirm_signing",
 * "prepare_contract", "tell_bank_manager", "other". */
gboolean     anju_task_kind_is_valid    (const char *kind);
/* The kind's name for people, translated. */
const char  *anju_task_kind_get_label   (const char *kind);
/* NULL-terminated, static. */
const char * const *anju_task_get_kinds (void);

typedef struct
{
  char     *id;
  char     *project_id;
  char     *customer_id;
  char     *customer_name;     /* NULL without a customer */
  char     *customer_title;
  char     *assignee_id;
  char     *assignee_name;
  char     *kind;
  char     *title;
  char     *detail;
  char     *due_at;            /* ISO 8601 UTC */
  gint64    due_usec;
  char     *state;             /* "open" or "done" */
  char     *outcome;
  char     *done_at;
  char     *rule;              /* the follow-up rule that made it, or NULL */
  char     *source_type;       /* "call", "visit", "sms", "appointment", … */
  char     *source_id;
  gboolean  overdue;           /* open and due before now */
} AnjuTask;

void         anju_task_free             (AnjuTask *task);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuTask, anju_task_free)

AnjuTask    *anju_task_load             (AnjuStore   *store,
                                         const char  *task_id,
                                         GError     **error);

/* A person's day: the tasks due on @local_date ("YYYY-MM-DD"; NULL: today)
 * and every open task due before that day (overdue ones carried along),
 * in due order. Done tasks of the day only with @include_done.
 * @assignee_id NULL lists everyone's. Element type AnjuTask*. */
GPtrArray   *anju_tasks_list_for_day    (AnjuStore   *store,
                                         const char  *assignee_id,
                                         const char  *local_date,
                                         gboolean     include_done,
                                         GError     **error);

typedef struct
{
  guint due;        /* open, due on the day (overdue ones included) */
  guint overdue;    /* open and due before now */
  guint done;       /* done, due on the day */
} AnjuTaskCounts;

gboolean     anju_tasks_count_for_day   (AnjuStore      *store,
                                         const char     *assignee_id,
                                         const char     *local_date,
                                         AnjuTaskCounts *counts,
                                         GError        **error);

/* All tasks about a customer, newest due first. */
GPtrArray   *anju_tasks_list_for_customer (AnjuStore  *store,
                                           const char *customer_id,
                                           GError    **error);
/* Open tasks made from one record (the follow-ups of a call). */
GPtrArray   *anju_tasks_list_for_source (AnjuStore   *store,
                                         const char  *source_type,
                                         const char  *source_id,
                                         GError     **error);

/* ---- for other domains' command handlers ---------------------------- */

typedef struct
{
  const char *project_id;
  const char *customer_id;
  const char *assignee_id;
  const char *kind;
  const char *title;
  const char *detail;
  gint64      due_at;
  const char *rule;
  const char *source_type;
  const char *source_id;
  gboolean    agreed_time;   /* due at a time agreed with the customer */
} AnjuTaskSpec;

/* Inserts an open task from inside a command handler (@ctx is an
 * AnjuCommandContext*) and returns its id. A due time outside the
 * project's office hours moves to the next opening
 * (anju_policy_next_opening_usec()) unless @spec->agreed_time. */
char        *anju_task_insert           (gpointer             ctx,
                                         const AnjuTaskSpec  *spec,
                                         GError             **error);
/* Marks done, with @outcome, every open task made from @source_type /
 * @source_id (of @kind, or any kind when NULL). */
gboolean     anju_tasks_close_for_source (gpointer     ctx,
                                          const char  *source_type,
                                          const char  *source_id,
                                          const char  *kind,
                                          const char  *outcome,
                                          GError     **error);

G_END_DECLS
