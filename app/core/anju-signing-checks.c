/* anju-signing-checks.c — document checklists, the personal data check
 * and the signing itself (签约, SPEC §8, seed p. 60–62)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-customers.h"
#include "anju-format.h"
#include "anju-ident.h"
#include "anju-policy.h"
#include "anju-reception-private.h"
#include "anju-signing.h"
#include "anju-signing-private.h"
#include "anju-subscriptions.h"
#include "anju-tasks.h"
#include "anju-units.h"

#define MAX_TEXT_CHARS     100
#define MAX_ADDRESS_CHARS  200
#define DEFAULT_DUE_DAYS   30

gboolean
anju_signing_method_needs_loan (const char *method)
{
  return g_strcmp0 (method, "one_time") != 0 && g_strcmp0 (method, "instalments") != 0;
}

/* ---- checklists as data ------------------------------------------------- */

static gboolean
checklist_is_known (const char *checklist)
{
  return g_strcmp0 (checklist, "contract") == 0 || g_strcmp0 (checklist, "mortgage") == 0;
}

/* policy checklists.@checklist: [{id, name_en, name_zh, options?}…] */
static JsonArray *
dup_checklist (AnjuStore  *store,
               const char *project_id,
               const char *checklist)
{
  g_autofree char *path = g_strconcat ("checklists.", checklist, NULL);
  g_autoptr(JsonNode) node = anju_policy_dup_value (store, project_id, path);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return json_array_new ();
  return json_array_ref (json_node_get_array (node));
}

static const char *
entry_name (JsonObject *entry)
{
  return anju_recep_pick_name (json_object_get_string_member_with_default (entry, "name_en", ""),
                               json_object_get_string_member_with_default (entry, "name_zh", ""));
}

static JsonArray *
entry_options (JsonObject *entry)
{
  JsonNode *node = json_object_get_member (entry, "options");

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The ids a person ticks: items without options and every option. */
static gboolean
checklist_has_id (JsonArray  *items,
                  const char *id)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *entry = json_array_get_object_element (items, i);
      JsonArray *options = entry_options (entry);

      if (options == NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "id", NULL), id) == 0)
        return TRUE;
      for (guint j = 0; options != NULL && j < json_array_get_length (options); j++)
        if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (options, j),
                                                                   "id", NULL), id) == 0)
          return TRUE;
    }
  return FALSE;
}

static GHashTable *
load_checked (AnjuStore   *store,
              const char  *subscription_id,
              const char  *checklist,
              GError     **error)
{
  g_autoptr(GHashTable) checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT item FROM signing_checks WHERE subscription_id = ? AND checklist = ? AND checked = 1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, subscription_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, checklist, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (checked, anju_stmt_dup_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_steal_pointer (&checked);
}

GPtrArray *
anju_signing_dup_checklist (AnjuStore   *store,
                            const char  *subscription_id,
                            const char  *checklist,
                            GError     **error)
{
  g_autoptr(AnjuSigning) g = anju_signing_load (store, subscription_id, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_signing_check_item_free);
  g_autoptr(GHashTable) checked = NULL;
  g_autoptr(JsonArray) items = NULL;

  if (g == NULL || !(checked = load_checked (store, subscription_id, checklist, error)))
    return NULL;
  items = dup_checklist (store, g->project_id, checklist);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *entry = json_array_get_object_element (items, i);
      JsonArray *options = entry_options (entry);
      AnjuSigningCheckItem *row = g_new0 (AnjuSigningCheckItem, 1);

      row->id = g_strdup (json_object_get_string_member_with_default (entry, "id", ""));
      row->name = g_strdup (entry_name (entry));
      row->checked = options == NULL && g_hash_table_contains (checked, row->id);
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      for (guint j = 0; options != NULL && j < json_array_get_length (options); j++)
        {
          JsonObject *option = json_array_get_object_element (options, j);
          const char *option_id = json_object_get_string_member_with_default (option, "id", "");

          g_strv_builder_add (ids, option_id);
          g_strv_builder_add (names, entry_name (option));

          if (row->options == NULL)
            row->options = g_string_new (NULL);
          g_string_append_printf (row->options, "%s%s", row->options->len ? _(", ") : "", entry_name (option));
          if (!row->checked && g_hash_table_contains (checked, option_id))
            {
              row->checked = TRUE;
              row->by_option = g_strdup (entry_name (option));
            }
        }
      if (options != NULL)
        {
          row->option_ids = g_strv_builder_end (ids);
          row->option_names = g_strv_builder_end (names);
        }
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

void
anju_signing_check_item_free (AnjuSigningCheckItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->name);
  g_free (item->by_option);
  g_strfreev (item->option_ids);
  g_strfreev (item->option_names);
  if (item->options != NULL)
    g_string_free (item->options, TRUE);
  g_free (item);
}

char *
anju_signing_dup_missing (AnjuStore   *store,
                          const char  *subscription_id,
                          const char  *checklist,
                          GError     **error)
{
  g_autoptr(GPtrArray) rows = anju_signing_dup_checklist (store, subscription_id, checklist, error);
  g_autoptr(GString) missing = g_string_new (NULL);

  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      AnjuSigningCheckItem *row = g_ptr_array_index (rows, i);

      if (row->checked)
        continue;
      g_string_append_printf (missing, "%s%s", missing->len ? _("; ") : "", row->name);
      if (row->options != NULL)
        g_string_append_printf (missing, _(" (one of: %s)"), row->options->str);
    }
  return g_string_free (g_steal_pointer (&missing), FALSE);
}

gboolean
anju_signing_check_documents_complete (AnjuStore          *store,
                                       const AnjuSigning  *g,
                                       const char         *checklist,
                                       GError            **error)
{
  g_autofree char *missing = anju_signing_dup_missing (store, g->subscription_id, checklist, error);

  if (missing == NULL)
    return FALSE;
  if (*missing == '\0')
    return TRUE;
  if (g_str_equal (checklist, "contract"))
    anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "documents",
                         _("The documents for the contract are not complete. Missing: %s."), missing);
  else
    anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "documents",
                         _("The documents for the mortgage are not complete. Missing: %s."), missing);
  return FALSE;
}

gboolean
anju_signing_require_documents (AnjuCommandContext  *ctx,
                                const AnjuSigning   *g,
                                const char          *checklist,
                                GError             **error)
{
  return anju_signing_check_documents_complete (anju_command_context_get_store (ctx), g, checklist, error);
}

/* ---- signing.check_documents --------------------------------------------- */

static gboolean
write_check (AnjuCommandContext  *ctx,
             const AnjuSigning   *g,
             const char          *checklist,
             const char          *item,
             gboolean             checked,
             GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT id FROM signing_checks WHERE subscription_id = ? AND checklist = ? AND item = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, g->subscription_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, checklist, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, item, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (id == NULL)
    id = anju_command_context_new_id (ctx);
  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO signing_checks (id, subscription_id, checklist, item, checked, confirmed_by, confirmed_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET checked = ?5, "
          "confirmed_by = ?6, confirmed_at = ?7", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g->subscription_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, checklist, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, item, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, checked);
  anju_stmt_bind_text_or_null (stmt, 6, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 7, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "signing_checks", id);
  return TRUE;
}

/* signing.check_documents {subscription_id, checklist, items: [id…], checked?} */
static gboolean
apply_check_documents (AnjuCommandContext  *ctx,
                       JsonObject          *payload,
                       GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(JsonArray) known = NULL;
  g_autofree char *missing = NULL;
  const char *checklist;
  JsonArray *items;
  gboolean checked;

  /* read and check */
  if (!(g = anju_signing_read (ctx, payload, error)) ||
      !anju_payload_get_string (payload, "checklist", TRUE, &checklist, error) ||
      !anju_payload_get_array (payload, "items", TRUE, &items, error) ||
      !anju_payload_get_bool (payload, "checked", TRUE, &checked, error))
    return FALSE;
  if (!checklist_is_known (checklist))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "checklist",
                           _("“%s” is not a checklist. Choose contract or mortgage."), checklist);
      return FALSE;
    }
  known = dup_checklist (store, g->project_id, checklist);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      const char *item = JSON_NODE_HOLDS_VALUE (json_array_get_element (items, i))
                         ? json_array_get_string_element (items, i) : NULL;

      if (item == NULL || !checklist_has_id (known, item))
        {
          g_autofree char *field = g_strdup_printf ("items.%u", i);

          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                               _("“%s” is not on the %s checklist. Pick an item of the list."),
                               item ? item : "?", checklist);
          return FALSE;
        }
    }

  /* write */
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (!write_check (ctx, g, checklist, json_array_get_string_element (items, i), checked, error))
      return FALSE;
  if (!(missing = anju_signing_dup_missing (store, g->subscription_id, checklist, error)))
    return FALSE;
  anju_signing_set_subject (ctx, g);
  json_object_set_string_member (anju_command_context_get_result (ctx), "missing", missing);
  json_object_set_boolean_member (anju_command_context_get_result (ctx), "complete", *missing == '\0');
  return TRUE;
}

/* ---- signing.confirm_data -------------------------------------------------- */

typedef struct
{
  const char *role;
  const char *name;
  char       *id_number;
  char       *mobile;
  const char *address;
} Party;

static void
party_clear (Party *p)
{
  g_free (p->id_number);
  g_free (p->mobile);
}

static void
reject_party (GError     **error,
              AnjuCommandErrorCode code,
              guint        index,
              const char  *field,
              const char  *message)
{
  g_autofree char *path = g_strdup_printf ("people.%u.%s", index, field);

  anju_command_reject (error, code, path, "%s", message);
}

static gboolean
read_party (AnjuCommandContext  *ctx,
            JsonObject          *entry,
            guint                index,
            Party               *p,
            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *id_number = NULL, *mobile = NULL;

  if (!anju_payload_get_string (entry, "role", TRUE, &p->role, &local_error) ||
      !anju_payload_get_text (entry, "name", TRUE, MAX_TEXT_CHARS, &p->name, &local_error) ||
      !anju_payload_get_text (entry, "id_number", TRUE, 32, &id_number, &local_error) ||
      !anju_payload_get_text (entry, "mobile", FALSE, 32, &mobile, &local_error) ||
      !anju_payload_get_text (entry, "address", TRUE, MAX_ADDRESS_CHARS, &p->address, &local_error))
    {
      reject_party (error, local_error->code, index, anju_command_error_get_field (local_error),
                    local_error->message);
      return FALSE;
    }
  if (!g_str_equal (p->role, "buyer") && !g_str_equal (p->role, "co_owner") && !g_str_equal (p->role, "spouse"))
    {
      reject_party (error, ANJU_COMMAND_ERROR_INVALID_FIELD, index, "role",
                    _("A person is a buyer, a co_owner or a spouse."));
      return FALSE;
    }
  if (!(p->id_number = anju_id_number_normalize (id_number, anju_command_context_get_now (ctx), &local_error)))
    {
      reject_party (error, ANJU_COMMAND_ERROR_INVALID_FIELD, index, "id_number", local_error->message);
      return FALSE;
    }
  if (mobile != NULL && !(p->mobile = anju_mobile_normalize (mobile, &local_error)))
    {
      reject_party (error, ANJU_COMMAND_ERROR_INVALID_FIELD, index, "mobile", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Every buyer and co-owner of the subscription is among @parties. */
static gboolean
check_everyone_named (AnjuStore    *store,
                      const char   *subscription_id,
                      GArray       *parties,
                      GError      **error)
{
  g_autoptr(AnjuSubscription) s = anju_subscription_load (store, subscription_id, error);

  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < s->buyers->len; i++)
    {
      AnjuBuyer *b = g_ptr_array_index (s->buyers, i);
      gboolean found = FALSE;

      for (guint j = 0; !found && j < parties->len; j++)
        found = g_strcmp0 (g_array_index (parties, Party, j).id_number, b->id_number) == 0;
      if (!found)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "people",
                               _("%s is on the subscription but not in the check. Confirm the data of every buyer and co-owner."),
                               b->name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_parties (AnjuCommandContext  *ctx,
               const AnjuSigning   *g,
               GArray              *parties,
               GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  sqlite3_stmt *stmt;

  if (!(stmt = anju_store_prepare (store, "SELECT id FROM signing_parties WHERE subscription_id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, g->subscription_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    anju_command_context_touch (ctx, "signing_parties", (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (!(stmt = anju_store_prepare (store, "DELETE FROM signing_parties WHERE subscription_id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, g->subscription_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  for (guint i = 0; i < parties->len; i++)
    {
      Party *p = &g_array_index (parties, Party, i);
      g_autofree char *id = anju_command_context_new_id (ctx);

      if (!(stmt = anju_store_prepare (store,
              "INSERT INTO signing_parties (id, subscription_id, position, role, name, id_number, mobile, "
              "address, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g->subscription_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, p->role, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, p->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, p->id_number, -1, SQLITE_TRANSIENT);
      anju_stmt_bind_text_or_null (stmt, 7, p->mobile);
      sqlite3_bind_text (stmt, 8, p->address, -1, SQLITE_TRANSIENT);
      anju_stmt_bind_text_or_null (stmt, 9, anju_command_context_get_actor (ctx)->id);
      sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "signing_parties", id);
    }
  return TRUE;
}

static gboolean
read_terms (JsonObject   *payload,
            const char  **method,
            gint64       *down_payment,
            const char  **bank,
            GError      **error)
{
  if (!anju_payload_get_string (payload, "payment_method", TRUE, method, error) ||
      !anju_payload_get_int (payload, "down_payment", TRUE, down_payment, error) ||
      !anju_payload_get_text (payload, "loan_bank", FALSE, MAX_TEXT_CHARS, bank, error))
    return FALSE;
  if (!anju_payment_method_is_valid (*method))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "payment_method",
                           _("“%s” is not a payment method. Choose one_time, commercial, provident, combination or instalments."),
                           *method);
      return FALSE;
    }
  if (*down_payment <= 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "down_payment",
                           _("The down payment must be more than 0 (in fen: 100 is ¥1.00)."));
      return FALSE;
    }
  if (*bank == NULL && anju_signing_method_needs_loan (*method))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "loan_bank",
                           _("A loan needs its bank. Confirm the loan bank with the buyer."));
      return FALSE;
    }
  return TRUE;
}

/* signing.confirm_data {subscription_id, people: [{role, name, id_number,
 *                       mobile?, address}…], payment_method, down_payment,
 *                       loan_bank?} */
static gboolean
apply_confirm_data (AnjuCommandContext  *ctx,
                    JsonObject          *payload,
                    GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(GArray) parties = g_array_new (FALSE, TRUE, sizeof (Party));
  const char *method, *bank = NULL;
  gint64 down_payment;
  JsonArray *people;
  sqlite3_stmt *stmt;

  g_array_set_clear_func (parties, (GDestroyNotify)party_clear);
  /* read and check */
  if (!(g = anju_signing_read (ctx, payload, error)) ||
      !anju_signing_check_open (g, error) ||
      !anju_payload_get_array (payload, "people", TRUE, &people, error) ||
      !read_terms (payload, &method, &down_payment, &bank, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonNode *node = json_array_get_element (people, i);
      Party p = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          reject_party (error, ANJU_COMMAND_ERROR_INVALID_FIELD, i, "name", _("Each person is an object."));
          return FALSE;
        }
      if (!read_party (ctx, json_node_get_object (node), i, &p, error))
        {
          party_clear (&p);
          return FALSE;
        }
      g_array_append_val (parties, p);
    }
  if (!check_everyone_named (store, g->subscription_id, parties, error))
    return FALSE;

  /* write, with who confirmed it */
  if (!write_parties (ctx, g, parties, error) ||
      !(stmt = anju_store_prepare (store,
          "UPDATE signings SET payment_method = ?1, down_payment = ?2, loan_bank = ?3, data_confirmed_by = ?4, "
          "data_confirmed_at = ?5, updated_at = ?5 WHERE id = ?6", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, method, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, down_payment);
  anju_stmt_bind_text_or_null (stmt, 3, bank);
  anju_stmt_bind_text_or_null (stmt, 4, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 5, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, g->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "signings", g->id);
  anju_signing_set_subject (ctx, g);
  json_object_set_int_member (anju_command_context_get_result (ctx), "people", parties->len);
  return TRUE;
}

/* ---- signing.sign ------------------------------------------------------------ */

/* No change waiting, the data confirmed, the contract's papers there. */
gboolean
anju_signing_check_may_sign (AnjuStore          *store,
                             const AnjuSigning  *g,
                             GError            **error)
{
  GError *local_error = NULL;
  g_autofree char *kind = NULL;

  if (!anju_signing_check_open (g, error))
    return FALSE;
  kind = anju_signing_dup_pending_change_kind (store, g->subscription_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (kind != NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                           _("A change to this deal is waiting for approval. The contract is signed once it is decided."));
      return FALSE;
    }
  if (g->data_confirmed_at == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "people",
                           _("The buyers' personal data is not confirmed. Check names, ID numbers, phones and addresses with the buyer first."));
      return FALSE;
    }
  return anju_signing_check_documents_complete (store, g, "contract", error);
}

/* signing.sign {subscription_id, contract_number?} */
static gboolean
apply_signing_sign (AnjuCommandContext  *ctx,
                    JsonObject          *payload,
                    GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  g_autoptr(AnjuSigning) g = NULL;
  g_autofree char *today = NULL, *due_on = NULL, *summary = NULL;
  const char *contract_number = NULL;
  sqlite3_stmt *stmt;
  gint64 start = 0, end = 0, days;

  /* read and check: no change waiting, the data confirmed, the papers there */
  if (!(g = anju_signing_read (ctx, payload, error)) ||
      !anju_payload_get_text (payload, "contract_number", FALSE, 64, &contract_number, error) ||
      !anju_signing_check_may_sign (store, g, error))
    return FALSE;

  /* write: signed; the filing is due policy filing.due_days later */
  today = anju_recep_local_date_of (anju_command_context_get_now (ctx), anju_format_get_time_zone ());
  days = anju_policy_get_int (store, g->project_id, "filing.due_days", DEFAULT_DUE_DAYS);
  anju_recep_local_day_range (today, anju_format_get_time_zone (), &start, &end);
  due_on = anju_recep_local_date_of (start + MAX (days, 0) * G_TIME_SPAN_DAY + 12 * G_TIME_SPAN_HOUR,
                                     anju_format_get_time_zone ());
  if (!(stmt = anju_store_prepare (store,
          "UPDATE signings SET status = 'signed', signed_at = ?1, signed_by = ?2, contract_number = ?3, "
          "filing_due_on = ?4, progress_sms_at = ?1, updated_at = ?1 WHERE id = ?5", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, anju_command_context_get_actor (ctx)->id);
  anju_stmt_bind_text_or_null (stmt, 3, contract_number);
  sqlite3_bind_text (stmt, 4, due_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, g->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "signings", g->id);
  if (!(stmt = anju_store_prepare (store,
          "UPDATE subscriptions SET status = 'signed', updated_at = ? WHERE id = ? AND status = 'active'", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g->subscription_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "subscriptions", g->subscription_id);
  if (!anju_units_sign (ctx, g->unit_id, g->customer_id, error) ||
      !anju_tasks_close_for_source (ctx, "signing", g->id, "confirm_signing", _("signed"), error) ||
      !anju_tasks_close_for_source (ctx, "signing", g->id, "prepare_contract", _("signed"), error))
    return FALSE;
  summary = g_strdup_printf (_("Signed the contract of unit %s; online filing due by %s"), g->unit_label, due_on);
  if (!anju_customer_add_event (ctx, g->customer_id, "signing", summary, contract_number, error))
    return FALSE;
  anju_signing_set_subject (ctx, g);
  json_object_set_string_member (anju_command_context_get_result (ctx), "filing_due_on", due_on);
  return TRUE;
}

static const AnjuCommandSpec check_commands[] = {
  { "signing.check_documents", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE,
    apply_check_documents,
    "subscription_id:string checklist:string items:array checked:boolean?" },
  { "signing.confirm_data", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE,
    apply_confirm_data,
    "subscription_id:string people:array payment_method:string down_payment:integer "
    "loan_bank:string?" },
  { "signing.sign", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_OFFICE_DECISION,
    apply_signing_sign,
    "subscription_id:string contract_number:string?" },
};

void
anju_signing_checks_register_commands (void)
{
  anju_commands_register (check_commands, G_N_ELEMENTS (check_commands));
}
