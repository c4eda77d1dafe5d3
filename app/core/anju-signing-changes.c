/* anju-signing-changes.c — changes to a deal before signing: rename (更名),
 * special discount, change of unit (换房), through the approval chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-clock.h"
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-ident.h"
#include "anju-policy.h"
#include "anju-pricing.h"
#include "anju-signing.h"
#include "anju-signing-private.h"
#include "anju-subscriptions.h"
#include "anju-units.h"

#define MAX_NOTE_CHARS  500
#define MAX_TEXT_CHARS  100

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "rename") == 0)
    return _("Rename");
  if (g_strcmp0 (kind, "special_discount") == 0)
    return _("Special discount");
  if (g_strcmp0 (kind, "change_unit") == 0)
    return _("Change of unit");
  return NULL;
}

/* ---- change.request -------------------------------------------------------- */

typedef struct
{
  char   *label;
  AnjuFen floor_price;
  char   *holder_id;     /* active hold, or NULL */
} UnitInfo;

static void
unit_info_clear (UnitInfo *u)
{
  g_free (u->label);
  g_free (u->holder_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UnitInfo, unit_info_clear)

static gboolean
load_unit (AnjuCommandContext  *ctx,
           const char          *unit_id,
           const char          *project_id,
           UnitInfo            *u,
           GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *hold_id = NULL;
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT b.name || '-' || u.number, u.floor_price FROM units u JOIN buildings b ON b.id = u.building_id "
      "WHERE u.id = ? AND b.project_id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, project_id, -1, SQLITE_TRANSIENT);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    {
      u->label = anju_stmt_dup_text (stmt, 0);
      u->floor_price = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "unit_id",
                           _("There is no such unit in this project. Pick the new unit on the board."));
      return FALSE;
    }
  return anju_units_get_active_hold (store, unit_id, anju_command_context_get_now_string (ctx), &hold_id,
                                     &u->holder_id, error) || error == NULL || *error == NULL;
}

/* The new buyers of a rename: JSON text of [{name, id_number, mobile?}…]. */
static char *
read_new_buyers (AnjuCommandContext  *ctx,
                 JsonArray           *buyers,
                 GError             **error)
{
  g_autoptr(JsonArray) out = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  if (buyers == NULL || json_array_get_length (buyers) == 0 ||
      json_array_get_length (buyers) > ANJU_SUBSCRIPTION_MAX_BUYERS)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "buyers",
                           _("A rename lists the buyers as they will be: the buyer first, then the co-owners (at most 6)."));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (buyers); i++)
    {
      JsonNode *element = json_array_get_element (buyers, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *field = NULL, *id_number = NULL, *mobile_normal = NULL;
      const char *name = NULL, *id_text = NULL, *mobile = NULL;
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonObject *row;

      if (entry == NULL ||
          !anju_payload_get_text (entry, "name", TRUE, MAX_TEXT_CHARS, &name, &local_error) ||
          !anju_payload_get_text (entry, "id_number", TRUE, 32, &id_text, &local_error) ||
          !anju_payload_get_text (entry, "mobile", FALSE, 32, &mobile, &local_error) ||
          !(id_number = anju_id_number_normalize (id_text, anju_command_context_get_now (ctx), &local_error)) ||
          (mobile != NULL && !(mobile_normal = anju_mobile_normalize (mobile, &local_error))))
        {
          field = g_strdup_printf ("buyers.%u", i);
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field, "%s",
                               local_error ? local_error->message : _("Each buyer is an object."));
          return NULL;
        }
      row = json_object_new ();
      json_object_set_string_member (row, "name", name);
      json_object_set_string_member (row, "id_number", id_number);
      if (mobile_normal != NULL)
        json_object_set_string_member (row, "mobile", mobile_normal);
      json_array_add_object_element (out, row);
    }
  node = json_node_init_array (json_node_alloc (), out);
  return json_to_string (node, FALSE);
}

char *
anju_signing_dup_pending_change_kind (AnjuStore   *store,
                                      const char  *subscription_id,
                                      GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT cr.kind FROM change_requests cr JOIN approvals a ON a.id = cr.approval_id "
      "WHERE cr.subscription_id = ? AND cr.status = 'pending' AND a.expires_at > ?", error);
  g_autofree char *now = anju_store_now_string (store);
  char *kind = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, subscription_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    kind = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return kind;
}

gboolean
anju_signing_check_no_pending_change (AnjuStore          *store,
                                      const AnjuSigning  *g,
                                      GError            **error)
{
  GError *local_error = NULL;
  g_autofree char *kind = anju_signing_dup_pending_change_kind (store, g->subscription_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (kind == NULL)
    return TRUE;
  anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                       _("A change to this deal (%s) is already waiting for approval. Wait for the decision."),
                       kind_label (kind));
  return FALSE;
}

gboolean
anju_signing_check_may_request_change (AnjuStore          *store,
                                       const AnjuSigning  *g,
                                       GError            **error)
{
  return anju_signing_check_open (g, error) && anju_signing_check_no_pending_change (store, g, error);
}

const char *
anju_change_request_kind_get_label (const char *kind)
{
  return kind_label (kind);
}

typedef struct
{
  const char *kind;
  const char *reason;
  gint64      price;       /* -1: not sent */
  const char *unit_id;
  JsonArray  *buyers;
} ChangeInput;

static gboolean
read_change (JsonObject   *payload,
             ChangeInput  *in,
             GError      **error)
{
  in->price = -1;
  if (!anju_payload_get_string (payload, "kind", TRUE, &in->kind, error) ||
      !anju_payload_get_text (payload, "reason", TRUE, MAX_NOTE_CHARS, &in->reason, error) ||
      !anju_payload_get_int (payload, "price", FALSE, &in->price, error) ||
      !anju_payload_get_string (payload, "unit_id", FALSE, &in->unit_id, error) ||
      !anju_payload_get_array (payload, "buyers", FALSE, &in->buyers, error))
    return FALSE;
  if (kind_label (in->kind) == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "kind",
                           _("“%s” is not a change. Choose rename, special_discount or change_unit."), in->kind);
      return FALSE;
    }
  if (!g_str_equal (in->kind, "rename") && in->price <= 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "price",
                           _("Give the price asked for, in fen."));
      return FALSE;
    }
  if (g_str_equal (in->kind, "change_unit") && in->unit_id == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "unit_id",
                           _("Give the unit the buyer changes to."));
      return FALSE;
    }
  return TRUE;
}

/* What the change asks: the new price, the new unit (held by the actor),
 * whether it crosses a floor price; the new buyers of a rename. */
static gboolean
check_change (AnjuCommandContext      *ctx,
              const AnjuSigning       *g,
              const AnjuSubscription  *s,
              const ChangeInput       *in,
              AnjuFen                 *new_price,
              gboolean                *needs_top,
              char                   **buyers_text,
              GError                 **error)
{
  g_auto(UnitInfo) unit = { 0 };
  const AnjuUser *actor = anju_command_context_get_actor (ctx);

  *new_price = s->price;
  if (g_str_equal (in->kind, "rename"))
    return (*buyers_text = read_new_buyers (ctx, in->buyers, error)) != NULL;
  *new_price = in->price;
  if (g_str_equal (in->kind, "special_discount"))
    {
      if (in->price >= s->price)
        {
          g_autofree char *price = anju_format_money (s->price);

          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "price",
                               _("A special discount asks less than the deal's price, %s."), price);
          return FALSE;
        }
      if (!load_unit (ctx, g->unit_id, g->project_id, &unit, error))
        return FALSE;
      *needs_top = unit.floor_price > 0 && in->price < unit.floor_price;
      return TRUE;
    }
  if (g_str_equal (in->unit_id, g->unit_id))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "unit_id",
                           _("This is the deal's unit already. Pick the unit the buyer changes to."));
      return FALSE;
    }
  if (!load_unit (ctx, in->unit_id, g->project_id, &unit, error))
    return FALSE;
  if (unit.holder_id == NULL || g_strcmp0 (unit.holder_id, actor->id) != 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Hold unit %s for the buyer before asking to change to it."), unit.label);
      return FALSE;
    }
  *needs_top = unit.floor_price > 0 && in->price < unit.floor_price;
  return TRUE;
}

static gboolean
insert_change (AnjuCommandContext      *ctx,
               const char              *id,
               const char              *approval_id,
               const AnjuSigning       *g,
               const AnjuSubscription  *s,
               const ChangeInput       *in,
               AnjuFen                  new_price,
               const char              *buyers_text,
               GError                 **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO change_requests (id, subscription_id, project_id, approval_id, kind, from_unit_id, to_unit_id, "
      "old_price, new_price, buyers, reason, requested_by, requested_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g->subscription_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, g->project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, approval_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, in->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, g->unit_id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 7, g_str_equal (in->kind, "change_unit") ? in->unit_id : NULL);
  sqlite3_bind_int64 (stmt, 8, s->price);
  sqlite3_bind_int64 (stmt, 9, new_price);
  anju_stmt_bind_text_or_null (stmt, 10, buyers_text);
  sqlite3_bind_text (stmt, 11, in->reason, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 12, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 13, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "change_requests", id);
  return TRUE;
}

/* change.request {change_id?, subscription_id, kind, reason, price?,
 *                 unit_id?, buyers?} */
static gboolean
apply_change_request (AnjuCommandContext  *ctx,
                      JsonObject          *payload,
                      GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuSigning) g = NULL;
  g_autoptr(AnjuSubscription) s = NULL;
  g_autofree char *id = NULL, *approval_id = NULL, *buyers_text = NULL, *expires_at = NULL, *summary = NULL;
  g_autofree char *reason = NULL;
  AnjuApprovalRequest request = { 0 };
  ChangeInput in = { 0 };
  AnjuFen new_price = 0;
  gboolean needs_top = FALSE;
  gint64 now = anju_command_context_get_now (ctx);

  /* read and check */
  if (!(g = anju_signing_read (ctx, payload, error)) ||
      !anju_signing_check_may_request_change (store, g, error) ||
      !read_change (payload, &in, error) ||
      !(s = anju_subscription_load (store, g->subscription_id, error)) ||
      !check_change (ctx, g, s, &in, &new_price, &needs_top, &buyers_text, error) ||
      !anju_command_context_take_new_id (ctx, payload, "change_id", "change_requests", &id, error))
    return FALSE;

  /* the same chain as discounts; decided by the day of the signing */
  reason = g_strdup_printf ("%s: %s", kind_label (in.kind), in.reason);
  expires_at = anju_clock_format_utc (anju_pricing_end_of_day (MAX (now, g->signing_usec)));
  request.kind = in.kind;
  request.quote_id = s->quote_id;
  request.project_id = g->project_id;
  request.unit_id = g->unit_id;
  request.customer_id = g->customer_id;
  request.asked_price = new_price;
  request.reason = reason;
  request.needs_top = needs_top;
  request.expires_at = expires_at;
  if (g_str_equal (in.kind, "rename"))
    request.final_step = MAX (1, anju_policy_get_int (store, g->project_id, "change_requests.rename_final_step", 1));
  else if (g_str_equal (in.kind, "change_unit"))
    request.final_step = MAX (1, anju_policy_get_int (store, g->project_id,
                                                      "change_requests.change_unit_final_step", 2));
  if (!(approval_id = anju_approval_request_change (ctx, &request, error)) ||
      !insert_change (ctx, id, approval_id, g, s, &in, new_price, buyers_text, error))
    return FALSE;
  summary = g_strdup_printf (_("%s requested for unit %s"), kind_label (in.kind), g->unit_label);
  if (!anju_customer_add_event (ctx, g->customer_id, "approval", summary, in.reason, error))
    return FALSE;
  anju_signing_set_subject (ctx, g);
  json_object_set_string_member (anju_command_context_get_result (ctx), "change_id", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "approval_id", approval_id);
  return TRUE;
}

/* ---- applying a decided change ------------------------------------------------ */

typedef struct
{
  char    *id;
  char    *subscription_id;
  char    *kind;
  char    *to_unit_id;
  AnjuFen  new_price;
  char    *buyers;
} StoredChange;

static void
stored_change_clear (StoredChange *c)
{
  g_free (c->id);
  g_free (c->subscription_id);
  g_free (c->kind);
  g_free (c->to_unit_id);
  g_free (c->buyers);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredChange, stored_change_clear)

static gboolean
replace_buyers (AnjuCommandContext  *ctx,
                const AnjuSigning   *g,
                const char          *buyers_text,
                GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *buyers;
  sqlite3_stmt *stmt;

  if (!json_parser_load_from_data (parser, buyers_text, -1, error))
    return FALSE;
  buyers = json_node_get_array (json_parser_get_root (parser));
  if (!(stmt = anju_store_prepare (store, "SELECT id FROM subscription_buyers WHERE subscription_id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, g->subscription_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    anju_command_context_touch (ctx, "subscription_buyers", (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (!(stmt = anju_store_prepare (store, "DELETE FROM subscription_buyers WHERE subscription_id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, g->subscription_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (buyers); i++)
    {
      JsonObject *b = json_array_get_object_element (buyers, i);
      g_autofree char *id = anju_command_context_new_id (ctx);

      if (!(stmt = anju_store_prepare (store,
              "INSERT INTO subscription_buyers (id, subscription_id, position, role, customer_id, name, "
              "id_number, mobile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g->subscription_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, i == 0 ? "buyer" : "co_owner", -1, SQLITE_STATIC);
      anju_stmt_bind_text_or_null (stmt, 5, i == 0 ? g->customer_id : NULL);
      sqlite3_bind_text (stmt, 6, json_object_get_string_member (b, "name"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, json_object_get_string_member (b, "id_number"), -1, SQLITE_TRANSIENT);
      anju_stmt_bind_text_or_null (stmt, 8, json_object_get_string_member_with_default (b, "mobile", NULL));
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "subscription_buyers", id);
    }
  /* The people changed: their data is checked again before signing. */
  if (!(stmt = anju_store_prepare (store,
          "UPDATE signings SET data_confirmed_by = NULL, data_confirmed_at = NULL WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, g->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "signings", g->id);
  return TRUE;
}

/* The subscription, with its deposit and receipts (they follow the
 * subscription), moves to the new unit; the old one is free again. */
static gboolean
move_to_unit (AnjuCommandContext  *ctx,
              const AnjuSigning   *g,
              const char          *to_unit_id,
              AnjuFen              price,
              GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt;

  if (!anju_units_withdraw (ctx, g->unit_id, g->customer_id, _("change of unit"), error) ||
      !anju_units_subscribe (ctx, to_unit_id, g->customer_id, error) ||
      !(stmt = anju_store_prepare (store,
          "UPDATE subscriptions SET unit_id = ?, price = ?, updated_at = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, to_unit_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, price);
  sqlite3_bind_text (stmt, 3, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, g->subscription_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "subscriptions", g->subscription_id);
  return TRUE;
}

static gboolean
set_price (AnjuCommandContext  *ctx,
           const AnjuSigning   *g,
           AnjuFen              price,
           GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE subscriptions SET price = ?, updated_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, price);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, g->subscription_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "subscriptions", g->subscription_id);
  return TRUE;
}

gboolean
anju_change_request_decided (AnjuCommandContext  *ctx,
                             const char          *approval_id,
                             gboolean             approved,
                             GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_auto(StoredChange) c = { 0 };
  g_autoptr(AnjuSigning) g = NULL;
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT id, subscription_id, kind, to_unit_id, new_price, buyers FROM change_requests WHERE approval_id = ?",
      error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, approval_id, -1, SQLITE_TRANSIENT);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    {
      c.id = anju_stmt_dup_text (stmt, 0);
      c.subscription_id = anju_stmt_dup_text (stmt, 1);
      c.kind = anju_stmt_dup_text (stmt, 2);
      c.to_unit_id = anju_stmt_dup_text (stmt, 3);
      c.new_price = sqlite3_column_int64 (stmt, 4);
      c.buyers = anju_stmt_dup_text (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (!found)
    return TRUE;
  if (!(g = anju_signing_load (store, c.subscription_id, error)))
    return FALSE;
  if (approved)
    {
      if (!anju_signing_check_open (g, error))
        return FALSE;
      if (g_str_equal (c.kind, "rename") && !replace_buyers (ctx, g, c.buyers, error))
        return FALSE;
      if (g_str_equal (c.kind, "special_discount") && !set_price (ctx, g, c.new_price, error))
        return FALSE;
      if (g_str_equal (c.kind, "change_unit") && !move_to_unit (ctx, g, c.to_unit_id, c.new_price, error))
        return FALSE;
    }
  if (!(stmt = anju_store_prepare (store,
          "UPDATE change_requests SET status = ?, decided_at = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, approved ? "approved" : "rejected", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, c.id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "change_requests", c.id);
  return TRUE;
}

static const AnjuCommandSpec change_commands[] = {
  { "change.request", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE, apply_change_request,
    "change_id:string? subscription_id:string kind:string reason:string "
    "price:integer? unit_id:string? buyers:array?" },
};

void
anju_signing_changes_register_commands (void)
{
  anju_commands_register (change_commands, G_N_ELEMENTS (change_commands));
}
