/* anju-handover.c — a consultant's customers handed to another (交接)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "anju-clock.h"
#include "anju-command.h"
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-handover.h"
#include "anju-json.h"
#include "anju-policy.h"
#include "anju-tasks.h"
#include "anju-user.h"

#define DEFAULT_CONTACT_WITHIN_DAYS 3

void
anju_handover_free (AnjuHandover *handover)
{
  if (handover == NULL)
    return;
  g_free (handover->id);
  g_free (handover->from_user_id);
  g_free (handover->from_name);
  g_free (handover->to_user_id);
  g_free (handover->to_name);
  g_free (handover->reason);
  g_free (handover->created_at);
  g_free (handover);
}

/* ---- progress ----------------------------------------------------------- */

#define HANDOVER_SELECT \
  "SELECT h.id, h.from_user_id, fu.display_name, h.to_user_id, tu.display_name, h.reason, h.created_at, " \
  "  (SELECT COUNT(*) FROM tasks t WHERE t.source_type = 'handover' AND t.source_id = h.id), " \
  "  (SELECT COUNT(*) FROM tasks t WHERE t.source_type = 'handover' AND t.source_id = h.id AND t.state = 'done'), " \
  "  (SELECT COUNT(*) FROM tasks t WHERE t.source_type = 'handover' AND t.source_id = h.id AND t.state = 'open' AND t.due_at >= ?1), " \
  "  (SELECT COUNT(*) FROM tasks t WHERE t.source_type = 'handover' AND t.source_id = h.id AND t.state = 'open' AND t.due_at < ?1) " \
  "FROM handovers h LEFT JOIN users fu ON fu.id = h.from_user_id LEFT JOIN users tu ON tu.id = h.to_user_id "

static GPtrArray *
fetch_handovers (AnjuStore   *store,
                 const char  *handover_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_handover_free);
  g_autofree char *now = anju_store_now_string (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = anju_store_prepare (store, handover_id != NULL
                                    ? HANDOVER_SELECT "WHERE h.id = ?2"
                                    : HANDOVER_SELECT "ORDER BY h.created_at DESC, h.id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  if (handover_id != NULL)
    sqlite3_bind_text (stmt, 2, handover_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuHandover *h = g_new0 (AnjuHandover, 1);

      h->id = anju_stmt_dup_text (stmt, 0);
      h->from_user_id = anju_stmt_dup_text (stmt, 1);
      h->from_name = anju_stmt_dup_text (stmt, 2);
      h->to_user_id = anju_stmt_dup_text (stmt, 3);
      h->to_name = anju_stmt_dup_text (stmt, 4);
      h->reason = anju_stmt_dup_text (stmt, 5);
      h->created_at = anju_stmt_dup_text (stmt, 6);
      h->customers = sqlite3_column_int (stmt, 7);
      h->contacted = sqlite3_column_int (stmt, 8);
      h->pending = sqlite3_column_int (stmt, 9);
      h->overdue = sqlite3_column_int (stmt, 10);
      g_ptr_array_add (rows, h);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

AnjuHandover *
anju_handover_load (AnjuStore   *store,
                    const char  *handover_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) rows = fetch_handovers (store, handover_id, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "handover_id",
                           _("There is no such handover. Pick one from the list of handovers."));
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

GPtrArray *
anju_handovers_list (AnjuStore   *store,
                     GError     **error)
{
  return fetch_handovers (store, NULL, error);
}

/* ---- each customer's contact ------------------------------------------ */

void
anju_handover_contact_free (AnjuHandoverContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->task_id);
  g_free (contact->customer_id);
  g_free (contact->customer_name);
  g_free (contact->assignee_name);
  g_free (contact->due_at);
  g_free (contact->done_at);
  g_free (contact->outcome);
  g_free (contact);
}

const char *
anju_handover_contact_state_to_string (AnjuHandoverContactState state)
{
  switch (state)
    {
    case ANJU_HANDOVER_CONTACT_OVERDUE:
      return "overdue";
    case ANJU_HANDOVER_CONTACT_DONE:
      return "contacted";
    case ANJU_HANDOVER_CONTACT_PENDING:
    default:
      return "pending";
    }
}

const char *
anju_handover_contact_state_get_label (AnjuHandoverContactState state)
{
  switch (state)
    {
    case ANJU_HANDOVER_CONTACT_OVERDUE:
      return _("Overdue");
    case ANJU_HANDOVER_CONTACT_DONE:
      return _("Contacted");
    case ANJU_HANDOVER_CONTACT_PENDING:
    default:
      return _("Not yet contacted");
    }
}

GPtrArray *
anju_handover_list_contacts (AnjuStore   *store,
                             const char  *handover_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_handover_contact_free);
  g_autofree char *now = anju_store_now_string (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = anju_store_prepare (store,
      "SELECT t.id, t.customer_id, c.name, c.title, u.display_name, t.due_at, t.done_at, t.outcome, "
      "  CASE WHEN t.state = 'done' THEN 2 WHEN t.due_at < ?2 THEN 1 ELSE 0 END AS st "
      "FROM tasks t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = t.assignee_id "
      "WHERE t.source_type = 'handover' AND t.source_id = ?1 "
      "ORDER BY CASE st WHEN 1 THEN 0 WHEN 0 THEN 1 ELSE 2 END, t.due_at, c.name, t.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, handover_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuHandoverContact *c = g_new0 (AnjuHandoverContact, 1);

      c->task_id = anju_stmt_dup_text (stmt, 0);
      c->customer_id = anju_stmt_dup_text (stmt, 1);
      c->customer_name = anju_stmt_dup_person (stmt, 2, 3);
      c->assignee_name = anju_stmt_dup_text (stmt, 4);
      c->due_at = anju_stmt_dup_text (stmt, 5);
      anju_clock_parse_utc (c->due_at, &c->due_usec);
      c->done_at = anju_stmt_dup_text (stmt, 6);
      c->outcome = anju_stmt_dup_text (stmt, 7);
      c->state = (AnjuHandoverContactState) sqlite3_column_int (stmt, 8);
      g_ptr_array_add (rows, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* ---- customer.handover -------------------------------------------------- */

typedef struct
{
  char *id;
  char *project_id;
  char *label;       /* name and title */
} HandedCustomer;

static void
handed_customer_free (HandedCustomer *c)
{
  g_free (c->id);
  g_free (c->project_id);
  g_free (c->label);
  g_free (c);
}

static GPtrArray *
list_customers_of (AnjuStore   *store,
                   const char  *owner_id,
                   GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) handed_customer_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = anju_store_prepare (store,
      "SELECT id, project_id, name, title FROM customers "
      "WHERE owner_id = ? ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HandedCustomer *c = g_new0 (HandedCustomer, 1);

      c->id = anju_stmt_dup_text (stmt, 0);
      c->project_id = anju_stmt_dup_text (stmt, 1);
      c->label = anju_stmt_dup_person (stmt, 2, 3);
      g_ptr_array_add (rows, c);
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
anju_handover_may_receive (const AnjuUser *to)
{
  return to != NULL && to->role == ANJU_ROLE_CONSULTANT;
}

void
anju_handover_person_free (AnjuHandoverPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->user_id);
  g_free (person->name);
  g_free (person);
}

GPtrArray *
anju_handover_list_givers (AnjuStore   *store,
                           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_handover_person_free);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT u.id, u.display_name, count (c.id) FROM users u JOIN customers c ON c.owner_id = u.id "
      "GROUP BY u.id ORDER BY u.display_name, u.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuHandoverPerson *p = g_new0 (AnjuHandoverPerson, 1);

      p->user_id = anju_stmt_dup_text (stmt, 0);
      p->name = anju_stmt_dup_text (stmt, 1);
      p->customers = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (rows, p);
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
anju_handover_list_takers (AnjuStore   *store,
                           GError     **error)
{
  g_autoptr(GPtrArray) users = anju_users_list (store, ANJU_ROLES_ALL, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_handover_person_free);

  if (users == NULL)
    return NULL;
  for (guint i = 0; i < users->len; i++)
    {
      AnjuUser *u = g_ptr_array_index (users, i);
      AnjuHandoverPerson *p;

      if (!anju_handover_may_receive (u))
        continue;
      p = g_new0 (AnjuHandoverPerson, 1);
      p->user_id = g_strdup (u->id);
      p->name = g_strdup (u->display_name);
      g_ptr_array_add (rows, p);
    }
  return g_steal_pointer (&rows);
}

/* Reads and checks the two people; refuses before anything is written. */
static gboolean
check_people (AnjuStore   *store,
              const char  *from_id,
              const char  *to_id,
              AnjuUser   **from_out,
              AnjuUser   **to_out,
              GError     **error)
{
  g_autoptr(AnjuUser) from = NULL;
  g_autoptr(AnjuUser) to = NULL;

  if (g_strcmp0 (from_id, to_id) == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "to_user_id",
                           _("A consultant cannot hand customers over to themself. Pick another consultant."));
      return FALSE;
    }
  if (!(from = anju_user_lookup (store, from_id)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "from_user_id",
                           _("There is no such user. Pick the consultant who leaves from the list of users."));
      return FALSE;
    }
  if (!(to = anju_user_lookup (store, to_id)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "to_user_id",
                           _("There is no such user. Pick the consultant who takes over from the list of users."));
      return FALSE;
    }
  if (!anju_handover_may_receive (to))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "to_user_id",
                           _("%s is not a consultant. Customers can only be handed to a consultant."),
                           to->display_name);
      return FALSE;
    }
  *from_out = g_steal_pointer (&from);
  *to_out = g_steal_pointer (&to);
  return TRUE;
}

/* Moves one customer and gives the new consultant the call to make. */
static char *
hand_over_customer (AnjuCommandContext   *ctx,
                    const char           *handover_id,
                    const HandedCustomer *customer,
                    const AnjuUser       *from,
                    const AnjuUser       *to,
                    GError              **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  AnjuTaskSpec task = { 0 };
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;
  gint64 days;
  sqlite3_stmt *stmt;

  stmt = anju_store_prepare (store,
      "UPDATE customers SET owner_id = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, to->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, customer->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return NULL;
  anju_command_context_touch (ctx, "customers", customer->id);
  summary = g_strdup_printf (_("Handed over from %s to %s"), from->display_name, to->display_name);
  if (!anju_customer_add_event (ctx, customer->id, "assigned", summary, NULL, error))
    return NULL;

  days = anju_policy_get_int (store, customer->project_id, "handover.contact_within_days",
                              DEFAULT_CONTACT_WITHIN_DAYS);
  title = g_strdup_printf (_("Introduce yourself to %s, taken over from %s"),
                           customer->label, from->display_name);
  task.project_id = customer->project_id;
  task.customer_id = customer->id;
  task.assignee_id = to->id;
  task.kind = "contact_after_handover";
  task.title = title;
  task.due_at = anju_command_context_get_now (ctx) + days * G_TIME_SPAN_DAY;
  task.rule = "handover.contact_within_days";
  task.source_type = "handover";
  task.source_id = handover_id;
  return anju_task_insert (ctx, &task, error);
}

static gboolean
insert_handover (AnjuCommandContext  *ctx,
                 const char          *id,
                 const AnjuUser      *from,
                 const AnjuUser      *to,
                 const char          *reason,
                 GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt;

  stmt = anju_store_prepare (store,
      "INSERT INTO handovers (id, from_user_id, to_user_id, reason, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, anju_command_context_get_actor (ctx)->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "handovers", id);
  return TRUE;
}

static gboolean
apply_customer_handover (AnjuCommandContext  *ctx,
                         JsonObject          *payload,
                         GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autoptr(AnjuUser) from = NULL;
  g_autoptr(AnjuUser) to = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autofree char *id = NULL;
  g_autofree char *subject = NULL;
  JsonArray *task_ids;
  const char *from_id, *to_id, *reason;

  /* Read and check. */
  if (!anju_payload_get_string (payload, "from_user_id", TRUE, &from_id, error) ||
      !anju_payload_get_string (payload, "to_user_id", TRUE, &to_id, error) ||
      !anju_payload_get_text (payload, "reason", TRUE, 500, &reason, error) ||
      !check_people (store, from_id, to_id, &from, &to, error) ||
      !(customers = list_customers_of (store, from->id, error)))
    return FALSE;
  if (customers->len == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "from_user_id",
                           _("%s has no customers to hand over."), from->display_name);
      return FALSE;
    }
  if (!anju_command_context_take_new_id (ctx, payload, "handover_id", "handovers", &id, error))
    return FALSE;

  /* Write. */
  if (!insert_handover (ctx, id, from, to, reason, error))
    return FALSE;
  task_ids = json_array_new ();
  json_object_set_array_member (result, "task_ids", task_ids);
  for (guint i = 0; i < customers->len; i++)
    {
      g_autofree char *task_id = hand_over_customer (ctx, id, g_ptr_array_index (customers, i),
                                                     from, to, error);
      if (task_id == NULL)
        return FALSE;
      json_array_add_string_element (task_ids, task_id);
    }
  subject = g_strconcat ("handover:", id, NULL);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (result, "handover_id", id);
  json_object_set_int_member (result, "customers", customers->len);
  return TRUE;
}

static const AnjuCommandSpec handover_commands[] = {
  { "customer.handover", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_customer_handover,
    "handover_id:string? from_user_id:string to_user_id:string reason:string" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const handovers_topic_tables[] = { "handovers", NULL };

void
anju_handover_register_commands (void)
{
  anju_topic_declare ("handovers", handovers_topic_tables);
  anju_commands_register (handover_commands, G_N_ELEMENTS (handover_commands));
}
