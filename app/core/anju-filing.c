/* anju-filing.c — the contract's online filing (网签备案) and its deadline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "anju-customers.h"
#include "anju-format.h"
#include "anju-policy.h"
#include "anju-reception-private.h"
#include "anju-signing.h"
#include "anju-signing-private.h"
#include "anju-user.h"
#include "anju-workbench.h"

#define DEFAULT_WARN_FIRST   7
#define DEFAULT_WARN_SECOND  3

/* ---- the deadline ---------------------------------------------------------- */

const char *
anju_filing_state_to_string (AnjuFilingState state)
{
  static const char * const names[] = { "filed", "on_time", "due_soon", "urgent", "overdue" };

  g_return_val_if_fail (state <= ANJU_FILING_OVERDUE, NULL);
  return names[state];
}

/* Whole days from local day @today to @due_on (negative: past). */
static int
days_between (const char *today,
              const char *due_on)
{
  unsigned y1, m1, d1, y2, m2, d2;
  g_autoptr(GDate) a = NULL;
  g_autoptr(GDate) b = NULL;

  if (sscanf (today, "%4u-%2u-%2u", &y1, &m1, &d1) != 3 ||
      sscanf (due_on, "%4u-%2u-%2u", &y2, &m2, &d2) != 3 ||
      !g_date_valid_dmy (d1, m1, y1) || !g_date_valid_dmy (d2, m2, y2))
    return 0;
  a = g_date_new_dmy (d1, m1, y1);
  b = g_date_new_dmy (d2, m2, y2);
  return g_date_days_between (a, b);
}

static void
warn_days (AnjuStore  *store,
           const char *project_id,
           int        *first,
           int        *second)
{
  g_autoptr(JsonNode) node = anju_policy_dup_value (store, project_id, "filing.warn_days");
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  *first = DEFAULT_WARN_FIRST;
  *second = DEFAULT_WARN_SECOND;
  if (array != NULL && json_array_get_length (array) >= 1)
    *first = (int)json_array_get_int_element (array, 0);
  if (array != NULL && json_array_get_length (array) >= 2)
    *second = (int)json_array_get_int_element (array, 1);
}

AnjuFilingState
anju_filing_state_at (AnjuStore          *store,
                      const AnjuSigning  *g,
                      gint64              now,
                      int                *days_left)
{
  g_autofree char *today = anju_recep_local_date_of (now, anju_format_get_time_zone ());
  int first, second, left;

  if (g->filing_number != NULL)
    return ANJU_FILING_FILED;
  left = g->filing_due_on ? days_between (today, g->filing_due_on) : 0;
  if (days_left != NULL)
    *days_left = left;
  warn_days (store, g->project_id, &first, &second);
  if (left < 0)
    return ANJU_FILING_OVERDUE;
  if (left <= second)
    return ANJU_FILING_URGENT;
  if (left <= first)
    return ANJU_FILING_DUE_SOON;
  return ANJU_FILING_ON_TIME;
}

GPtrArray *
anju_filings_list_due (AnjuStore   *store,
                       const char  *project_id,
                       const char  *consultant_id,
                       GError     **error)
{
  sqlite3_stmt *stmt = anju_signing_prepare (store,
      "WHERE g.status = 'signed' AND g.filing_number IS NULL AND (?1 IS NULL OR g.project_id = ?1) "
      "AND (?2 IS NULL OR s.consultant_id = ?2) ORDER BY g.filing_due_on, g.id", error);

  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, project_id);
  anju_stmt_bind_text_or_null (stmt, 2, consultant_id);
  return anju_signing_collect (store, stmt, error);
}

GPtrArray *
anju_filing_dup_attachments (AnjuStore  *store,
                             const char *project_id)
{
  g_autoptr(JsonNode) node = anju_policy_dup_value (store, project_id, "filing.attachments");
  JsonArray *wanted = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_signing_check_item_free);

  for (guint j = 0; wanted && j < json_array_get_length (wanted); j++)
    {
      JsonObject *entry = json_array_get_object_element (wanted, j);
      AnjuSigningCheckItem *row = g_new0 (AnjuSigningCheckItem, 1);
      const char *id = json_object_get_string_member_with_default (entry, "id", "");

      row->id = g_strdup (id);
      row->name = g_strdup (anju_recep_pick_name (json_object_get_string_member_with_default (entry, "name_en", id),
                                                  json_object_get_string_member_with_default (entry, "name_zh", id)));
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* ---- the workbench's rows ------------------------------------------------------ */

static gboolean
fill_filings_section (AnjuStore             *store,
                      const char            *user_id,
                      const char            *local_date,
                      AnjuWorkbenchSection  *section,
                      GError               **error)
{
  g_autoptr(AnjuUser) user = user_id ? anju_user_lookup (store, user_id) : NULL;
  gboolean everyone = user != NULL && (user->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) != 0;
  g_autoptr(GPtrArray) list = NULL;
  gint64 now = anju_store_now (store);

  if (user == NULL || (!everyone && user->role != ANJU_ROLE_CONSULTANT))
    return TRUE;
  if (!(list = anju_filings_list_due (store, NULL, everyone ? NULL : user_id, error)))
    return FALSE;
  section->title = g_strdup (_("Online filing due"));
  for (guint i = 0; i < list->len; i++)
    {
      AnjuSigning *g = g_ptr_array_index (list, i);
      int left = 0;
      AnjuFilingState state = anju_filing_state_at (store, g, now, &left);
      JsonObject *row;
      g_autofree char *title = NULL, *subtitle = NULL, *target = NULL;

      if (state == ANJU_FILING_ON_TIME)
        continue;
      row = json_object_new ();
      title = g_strdup_printf (_("File the contract of unit %s (%s)"), g->unit_label, g->customer_name);
      if (state == ANJU_FILING_OVERDUE)
        subtitle = g_strdup_printf (_("Overdue since %s"), g->filing_due_on);
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due by %s: %d day left",
                                                 "Due by %s: %d days left", left),
                                    g->filing_due_on, left);
      target = g_strconcat ("subscription:", g->subscription_id, NULL);
      json_object_set_string_member (row, "title", title);
      json_object_set_string_member (row, "subtitle", subtitle);
      json_object_set_string_member (row, "state", anju_filing_state_to_string (state));
      json_object_set_boolean_member (row, "urgent", state >= ANJU_FILING_URGENT);
      json_object_set_string_member (row, "target", target);
      json_array_add_object_element (section->items, row);
      section->count++;
      if (state >= ANJU_FILING_URGENT)
        section->urgent++;
    }
  return TRUE;
}

/* ---- filing.record --------------------------------------------------------------- */

/* Each attachment of policy filing.attachments must be in @attachments;
 * the missing ones are named. */
static gboolean
check_attachments (AnjuStore    *store,
                   const char   *project_id,
                   JsonArray    *attachments,
                   GError      **error)
{
  g_autoptr(JsonNode) node = anju_policy_dup_value (store, project_id, "filing.attachments");
  JsonArray *wanted = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (attachments); i++)
    {
      JsonNode *element = json_array_get_element (attachments, i);
      gboolean known = FALSE;

      for (guint j = 0; wanted && !known && j < json_array_get_length (wanted); j++)
        known = JSON_NODE_HOLDS_VALUE (element) &&
                g_strcmp0 (json_node_get_string (element),
                           json_object_get_string_member_with_default (json_array_get_object_element (wanted, j),
                                                                       "id", NULL)) == 0;
      if (!known)
        {
          g_autofree char *field = g_strdup_printf ("attachments.%u", i);

          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                               _("This is not an attachment of the filing. Pick one of the list."));
          return FALSE;
        }
    }
  for (guint j = 0; wanted && j < json_array_get_length (wanted); j++)
    {
      JsonObject *entry = json_array_get_object_element (wanted, j);
      const char *id = json_object_get_string_member_with_default (entry, "id", "");
      gboolean found = FALSE;

      for (guint i = 0; !found && i < json_array_get_length (attachments); i++)
        found = g_strcmp0 (json_array_get_string_element (attachments, i), id) == 0;
      if (!found)
        g_string_append_printf (missing, "%s%s", missing->len ? _("; ") : "",
                                anju_recep_pick_name (json_object_get_string_member_with_default (entry, "name_en", id),
                                                      json_object_get_string_member_with_default (entry, "name_zh", id)));
    }
  if (missing->len == 0)
    return TRUE;
  anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "attachments",
                       _("The filed contract needs its attachments. Missing: %s."), missing->str);
  return FALSE;
}

gboolean
anju_filing_check_may_record (const AnjuSigning  *g,
                              GError            **error)
{
  if (g_strcmp0 (g->status, "signed") == 0)
    return TRUE;
  anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                       _("The contract of unit %s is not signed yet. Sign it before filing it."), g->unit_label);
  return FALSE;
}

/* filing.record {subscription_id, filing_number, filed_on, attachments: [id…]} */
static gboolean
apply_filing_record (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(JsonNode) attachments_node = NULL;
  g_autofree char *today = NULL, *attachments_text = NULL, *summary = NULL;
  const char *number, *filed_on;
  JsonArray *attachments;
  sqlite3_stmt *stmt;

  /* read and check */
  if (!(g = anju_signing_read (ctx, payload, error)) ||
      !anju_payload_get_text (payload, "filing_number", TRUE, 64, &number, error) ||
      !anju_recep_get_local_date (payload, "filed_on", TRUE, &filed_on, error) ||
      !anju_payload_get_array (payload, "attachments", TRUE, &attachments, error))
    return FALSE;
  if (!anju_filing_check_may_record (g, error))
    return FALSE;
  today = anju_recep_local_date_of (anju_command_context_get_now (ctx), anju_format_get_time_zone ());
  if (strcmp (filed_on, today) > 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "filed_on",
                           _("The filing day is in the future. Enter the day the contract was filed, today (%s) at the latest."),
                           today);
      return FALSE;
    }
  if (!check_attachments (store, g->project_id, attachments, error))
    return FALSE;

  /* write */
  attachments_node = json_node_init_array (json_node_alloc (), attachments);
  attachments_text = json_to_string (attachments_node, FALSE);
  if (!(stmt = anju_store_prepare (store,
          "UPDATE signings SET filing_number = ?1, filed_on = ?2, filing_attachments = ?3, "
          "filing_recorded_by = ?4, filing_recorded_at = ?5, updated_at = ?5 WHERE id = ?6", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, filed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, attachments_text, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 4, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, g->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "signings", g->id);
  summary = g_strdup_printf (_("Contract of unit %s filed online on %s, number %s"), g->unit_label, filed_on,
                             number);
  if (!anju_customer_add_event (ctx, g->customer_id, "signing", summary, NULL, error))
    return FALSE;
  anju_signing_set_subject (ctx, g);
  return TRUE;
}

static const AnjuCommandSpec filing_commands[] = {
  { "filing.record", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE, apply_filing_record,
    "subscription_id:string filing_number:string filed_on:string attachments:array" },
};

void
anju_filing_register_commands (void)
{
  anju_workbench_register_section ("filings", fill_filings_section);
  anju_commands_register (filing_commands, G_N_ELEMENTS (filing_commands));
}
