/* anju-subscriptions.c — subscriptions (认购), the cooling-off, withdrawal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-customers.h"
#include "anju-finance.h"
#include "anju-format.h"
#include "anju-ident.h"
#include "anju-json.h"
#include "anju-payment-plan.h"
#include "anju-policy.h"
#include "anju-pricing.h"
#include "anju-projects.h"
#include "anju-reception-private.h"
#include "anju-signing.h"
#include "anju-subscriptions.h"
#include "anju-units.h"
#include "anju-workbench.h"

#define MAX_TEXT_CHARS         100
#define MAX_NOTE_CHARS         500
#define DEFAULT_COOLING_HOURS  72
#define DEFAULT_FORFEIT        1000

/* ---- names ------------------------------------------------------------- */

static const char * const status_names[] = { "active", "withdrawn", "signed" };

const char *
anju_subscription_status_to_string (AnjuSubscriptionStatus status)
{
  g_return_val_if_fail (status <= ANJU_SUBSCRIPTION_SIGNED, NULL);
  return status_names[status];
}

static AnjuSubscriptionStatus
status_from_string (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (status_names[i], name))
      return i;
  return ANJU_SUBSCRIPTION_ACTIVE;
}

const char *
anju_subscription_status_get_label (AnjuSubscriptionStatus status)
{
  switch (status)
    {
    /* TRANSLATORS: the state of a subscription (认购) */
    case ANJU_SUBSCRIPTION_ACTIVE: return _("Subscribed");
    case ANJU_SUBSCRIPTION_WITHDRAWN: return _("Withdrawn");
    case ANJU_SUBSCRIPTION_SIGNED: return _("Signed");
    default: return "";
    }
}

gboolean
anju_payment_method_is_valid (const char *method)
{
  return anju_payment_method_get_label (method) != NULL;
}

const char *
anju_payment_method_get_label (const char *method)
{
  if (g_strcmp0 (method, "one_time") == 0)
    return _("One-time payment");
  if (g_strcmp0 (method, "commercial") == 0)
    return _("Commercial mortgage");
  if (g_strcmp0 (method, "provident") == 0)
    return _("Provident-fund mortgage");
  if (g_strcmp0 (method, "combination") == 0)
    return _("Combination loan");
  if (g_strcmp0 (method, "instalments") == 0)
    return _("Instalments");
  return NULL;
}

/* ---- reading ------------------------------------------------------------ */

void
anju_buyer_free (AnjuBuyer *b)
{
  if (b == NULL)
    return;
  g_free (b->role);
  g_free (b->customer_id);
  g_free (b->name);
  g_free (b->id_number);
  g_free (b->mobile);
  g_free (b);
}

void
anju_subscription_free (AnjuSubscription *s)
{
  if (s == NULL)
    return;
  g_free (s->id);
  g_free (s->project_id);
  g_free (s->unit_id);
  g_free (s->unit_label);
  g_free (s->customer_id);
  g_free (s->customer_name);
  g_free (s->quote_id);
  g_free (s->consultant_id);
  g_free (s->consultant_name);
  g_free (s->payment_method);
  g_free (s->signing_deadline);
  g_free (s->delivery_date);
  g_free (s->note);
  g_free (s->created_at);
  g_free (s->cooling_off_ends_at);
  g_free (s->withdrawn_at);
  g_free (s->withdrawal_reason);
  g_free (s->withdrawal_kind);
  g_free (s->plan);
  g_clear_pointer (&s->buyers, g_ptr_array_unref);
  g_free (s->co_consultant_id);
  g_free (s->co_consultant_name);
  g_free (s);
}

#define SUBSCRIPTION_SELECT \
  "SELECT s.id, s.project_id, s.unit_id, b.name || '-' || u.number, s.customer_id, " \
  "coalesce (c.name, ''), s.quote_id, s.consultant_id, cu.display_name, " \
  "s.price, s.deposit, s.payment_method, s.signing_deadline, s.delivery_date, s.note, s.created_at, " \
  "s.cooling_off_ends_at, s.status, s.withdrawn_at, s.withdrawal_reason, s.withdrawal_kind, s.forfeited, " \
  "s.plan, c.title, s.co_consultant_id, cc.display_name, s.co_share_percent " \
  "FROM subscriptions s JOIN units u ON u.id = s.unit_id JOIN buildings b ON b.id = u.building_id " \
  "LEFT JOIN customers c ON c.id = s.customer_id LEFT JOIN users cu ON cu.id = s.consultant_id " \
  "LEFT JOIN users cc ON cc.id = s.co_consultant_id "

static AnjuSubscription *
subscription_from_row (sqlite3_stmt *stmt)
{
  AnjuSubscription *s = g_new0 (AnjuSubscription, 1);

  s->id = anju_stmt_dup_text (stmt, 0);
  s->project_id = anju_stmt_dup_text (stmt, 1);
  s->unit_id = anju_stmt_dup_text (stmt, 2);
  s->unit_label = anju_stmt_dup_text (stmt, 3);
  s->customer_id = anju_stmt_dup_text (stmt, 4);
  /* "孙丽 (孙女士)": the name and how the customer is addressed, never
   * the two run together ("孙丽孙女士"). */
  s->customer_name = anju_stmt_dup_person (stmt, 5, 23);
  s->quote_id = anju_stmt_dup_text (stmt, 6);
  s->consultant_id = anju_stmt_dup_text (stmt, 7);
  s->consultant_name = anju_stmt_dup_text (stmt, 8);
  s->price = sqlite3_column_int64 (stmt, 9);
  s->deposit = sqlite3_column_int64 (stmt, 10);
  s->payment_method = anju_stmt_dup_text (stmt, 11);
  s->signing_deadline = anju_stmt_dup_text (stmt, 12);
  s->delivery_date = anju_stmt_dup_text (stmt, 13);
  s->note = anju_stmt_dup_text (stmt, 14);
  s->created_at = anju_stmt_dup_text (stmt, 15);
  s->cooling_off_ends_at = anju_stmt_dup_text (stmt, 16);
  if (!anju_clock_parse_utc (s->cooling_off_ends_at, &s->cooling_off_ends))
    s->cooling_off_ends = 0;
  s->status = status_from_string ((const char *)sqlite3_column_text (stmt, 17));
  s->withdrawn_at = anju_stmt_dup_text (stmt, 18);
  s->withdrawal_reason = anju_stmt_dup_text (stmt, 19);
  s->withdrawal_kind = anju_stmt_dup_text (stmt, 20);
  s->forfeited = sqlite3_column_int64 (stmt, 21);
  s->plan = anju_stmt_dup_text (stmt, 22);
  s->co_consultant_id = anju_stmt_dup_text (stmt, 24);
  s->co_consultant_name = anju_stmt_dup_text (stmt, 25);
  s->co_share_percent = s->co_consultant_id ? sqlite3_column_int (stmt, 26) : 0;
  return s;
}

static gboolean
load_buyers (AnjuStore         *store,
             AnjuSubscription  *s,
             GError           **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT position, role, customer_id, name, id_number, mobile FROM subscription_buyers "
      "WHERE subscription_id = ? ORDER BY position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  s->buyers = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_buyer_free);
  sqlite3_bind_text (stmt, 1, s->id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuBuyer *b = g_new0 (AnjuBuyer, 1);

      b->position = sqlite3_column_int (stmt, 0);
      b->role = anju_stmt_dup_text (stmt, 1);
      b->customer_id = anju_stmt_dup_text (stmt, 2);
      b->name = anju_stmt_dup_text (stmt, 3);
      b->id_number = anju_stmt_dup_text (stmt, 4);
      b->mobile = anju_stmt_dup_text (stmt, 5);
      g_ptr_array_add (s->buyers, b);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return FALSE;
    }
  s->deposit_paid = anju_finance_deposit_paid (store, s->id);
  return TRUE;
}

static GPtrArray *
collect (AnjuStore     *store,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_subscription_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, subscription_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_buyers (store, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

AnjuSubscription *
anju_subscription_load (AnjuStore   *store,
                        const char  *subscription_id,
                        GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, SUBSCRIPTION_SELECT "WHERE s.id = ?", error);
  g_autoptr(GPtrArray) list = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, subscription_id, -1, SQLITE_TRANSIENT);
  if (!(list = collect (store, stmt, error)) || list->len == 0)
    return NULL;
  return g_ptr_array_steal_index (list, 0);
}

GPtrArray *
anju_subscriptions_list (AnjuStore   *store,
                         const char  *project_id,
                         const char  *consultant_id,
                         gboolean     active_only,
                         GError     **error)
{
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  sqlite3_stmt *stmt;

  if (project == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify)anju_subscription_free);
  if (!(stmt = anju_store_prepare (store, SUBSCRIPTION_SELECT
          "WHERE s.project_id = ?1 AND (?2 IS NULL OR s.consultant_id = ?2) "
          "AND (?3 = 0 OR s.status = 'active') ORDER BY s.created_at DESC, s.id", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, project->id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, consultant_id);
  sqlite3_bind_int (stmt, 3, active_only);
  return collect (store, stmt, error);
}

GPtrArray *
anju_subscriptions_of_customer (AnjuStore   *store,
                                const char  *customer_id,
                                AnjuFen     *total,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *list;
  AnjuFen sum = 0;

  g_return_val_if_fail (customer_id != NULL, NULL);

  if (!(stmt = anju_store_prepare (store, SUBSCRIPTION_SELECT
          "WHERE s.status IN ('active', 'signed') AND (s.customer_id = ?1 OR EXISTS "
          "(SELECT 1 FROM subscription_buyers sb WHERE sb.subscription_id = s.id AND sb.customer_id = ?1)) "
          "ORDER BY s.created_at, s.id", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  if (!(list = collect (store, stmt, error)))
    return NULL;
  for (guint i = 0; i < list->len; i++)
    sum += ((AnjuSubscription *)g_ptr_array_index (list, i))->price;
  if (total != NULL)
    *total = sum;
  return list;
}

/* ---- the cooling-off -------------------------------------------------------- */

gboolean
anju_subscription_in_cooling_off (const AnjuSubscription *s,
                                  gint64                  now)
{
  return s->status == ANJU_SUBSCRIPTION_ACTIVE && now < s->cooling_off_ends;
}

gint64
anju_subscription_cooling_off_left (const AnjuSubscription *s,
                                    gint64                  now)
{
  return anju_subscription_in_cooling_off (s, now) ? s->cooling_off_ends - now : 0;
}

char *
anju_subscription_format_time_left (gint64 left_usec)
{
  gint64 minutes = (left_usec + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE;
  int days = minutes / (24 * 60), hours = (minutes / 60) % 24, mins = minutes % 60;

  if (left_usec <= 0)
    /* TRANSLATORS: the cooling-off of a subscription is over */
    return g_strdup (_("ended"));
  if (days > 0)
    /* TRANSLATORS: the time left of a cooling-off, e.g. "2 d 5 h left" */
    return g_strdup_printf (_("%d d %d h left"), days, hours);
  return g_strdup_printf (_("%d h %d min left"), hours, mins);
}

static gboolean
is_manager (const AnjuUser *actor)
{
  return (actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) != 0;
}

gboolean
anju_subscription_may_withdraw (AnjuStore               *store,
                                const AnjuUser          *actor,
                                const AnjuSubscription  *s,
                                gint64                   now,
                                GError                 **error)
{
  if (s->status != ANJU_SUBSCRIPTION_ACTIVE)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                           _("The subscription of unit %s is %s: there is nothing to withdraw."),
                           s->unit_label, anju_subscription_status_get_label (s->status));
      return FALSE;
    }
  if (is_manager (actor))
    return TRUE;
  if (!anju_subscription_in_cooling_off (s, now))
    {
      g_autofree char *ended = anju_format_datetime (s->cooling_off_ends);

      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "subscription_id",
                           _("The cooling-off of this subscription ended at %s. After it, a withdrawal follows the project's forfeiture policy and needs a manager."),
                           ended);
      return FALSE;
    }
  if (actor->role == ANJU_ROLE_FINANCE ||
      (actor->id != NULL && g_strcmp0 (actor->id, s->consultant_id) == 0))
    return TRUE;
  anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "subscription_id",
                       _("This subscription is %s's. Only that consultant, finance or a manager can withdraw it."),
                       s->consultant_name ? s->consultant_name : "?");
  return FALSE;
}

AnjuFen
anju_subscription_forfeit_at (AnjuStore              *store,
                              const AnjuSubscription *s,
                              gint64                  now)
{
  gint64 permille;

  if (anju_subscription_in_cooling_off (s, now))
    return 0;
  permille = anju_policy_get_int (store, s->project_id, "subscription.forfeit_permille", DEFAULT_FORFEIT);
  permille = CLAMP (permille, 0, 1000);
  return MIN (s->deposit_paid, anju_money_round_div (s->deposit * permille, 1000));
}

JsonObject *
anju_subscription_dup_snapshot (AnjuStore              *store,
                                const AnjuUser         *actor,
                                const AnjuSubscription *s,
                                gint64                  now)
{
  JsonObject *snapshot = json_object_new ();
  g_autoptr(GError) refusal = NULL;
  gboolean inside = anju_subscription_in_cooling_off (s, now);
  gboolean can = anju_subscription_may_withdraw (store, actor, s, now, &refusal);

  json_object_set_string_member (snapshot, "subscription_id", s->id);
  json_object_set_string_member (snapshot, "status", anju_subscription_status_to_string (s->status));
  json_object_set_boolean_member (snapshot, "in_cooling_off", inside);
  json_object_set_int_member (snapshot, "cooling_off_seconds_left",
                              anju_subscription_cooling_off_left (s, now) / G_USEC_PER_SEC);
  json_object_set_string_member (snapshot, "cooling_off_ends_at", s->cooling_off_ends_at);
  json_object_set_boolean_member (snapshot, "can_withdraw", can);
  json_object_set_boolean_member (snapshot, "withdraw_needs_manager",
                                  s->status == ANJU_SUBSCRIPTION_ACTIVE && !inside);
  json_object_set_int_member (snapshot, "forfeit", anju_subscription_forfeit_at (store, s, now));
  if (refusal != NULL)
    json_object_set_string_member (snapshot, "withdraw_refusal", refusal->message);
  g_clear_error (&refusal);

  can = anju_subscription_may_share (actor, s, &refusal);
  json_object_set_boolean_member (snapshot, "can_share", can);
  if (refusal != NULL)
    json_object_set_string_member (snapshot, "share_refusal", refusal->message);
  if (can)
    {
      g_autoptr(GPtrArray) users = anju_users_list_receivers (store, NULL);
      JsonArray *colleagues = json_array_new ();

      for (guint i = 0; users != NULL && i < users->len; i++)
        {
          const AnjuUser *user = g_ptr_array_index (users, i);
          JsonObject *colleague;

          if (!anju_subscription_may_share_with (user, s, NULL))
            continue;
          colleague = json_object_new ();
          json_object_set_string_member (colleague, "id", user->id);
          json_object_set_string_member (colleague, "name", user->display_name);
          json_array_add_object_element (colleagues, colleague);
        }
      json_object_set_array_member (snapshot, "colleagues", colleagues);
    }
  if (s->co_consultant_id != NULL)
    {
      json_object_set_string_member (snapshot, "co_consultant_id", s->co_consultant_id);
      json_object_set_string_member (snapshot, "co_consultant_name",
                                     s->co_consultant_name ? s->co_consultant_name : "");
    }
  json_object_set_int_member (snapshot, "co_share_percent",
                              s->co_consultant_id != NULL ? s->co_share_percent : 0);
  return snapshot;
}

/* ---- subscription.create ------------------------------------------------------- */

typedef struct
{
  const char *quote_id;
  const char *payment_method;
  AnjuFen     deposit;
  AnjuFen     price;             /* -1: not sent */
  const char *signing_deadline;
  const char *delivery_date;
  const char *deposit_due_on;
  const char *note;
  JsonArray  *buyers;
  JsonArray  *expected;
  JsonObject *plan;
} CreateInput;

static gboolean
read_create (JsonObject   *payload,
             CreateInput  *in,
             GError      **error)
{
  in->price = -1;
  if (!anju_payload_get_string (payload, "quote_id", TRUE, &in->quote_id, error) ||
      !anju_payload_get_string (payload, "payment_method", TRUE, &in->payment_method, error) ||
      !anju_payload_get_int (payload, "deposit", TRUE, &in->deposit, error) ||
      !anju_payload_get_int (payload, "price", FALSE, &in->price, error) ||
      !anju_recep_get_local_date (payload, "signing_deadline", TRUE, &in->signing_deadline, error) ||
      !anju_recep_get_local_date (payload, "delivery_date", FALSE, &in->delivery_date, error) ||
      !anju_recep_get_local_date (payload, "deposit_due_on", FALSE, &in->deposit_due_on, error) ||
      !anju_payload_get_text (payload, "note", FALSE, MAX_NOTE_CHARS, &in->note, error) ||
      !anju_payload_get_array (payload, "buyers", FALSE, &in->buyers, error) ||
      !anju_payload_get_array (payload, "expected_payments", FALSE, &in->expected, error) ||
      !anju_payload_get_object (payload, "plan", FALSE, &in->plan, error))
    return FALSE;
  if (!anju_payment_method_is_valid (in->payment_method))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "payment_method",
                           _("“%s” is not a payment method. Choose one_time, commercial, provident, combination or instalments."),
                           in->payment_method);
      return FALSE;
    }
  return TRUE;
}

/* The price is the quote's and nothing else; the deposit a 定金 within
 * its cap; the signing deadline still ahead. */
static gboolean
check_terms (AnjuCommandContext  *ctx,
             const CreateInput   *in,
             const AnjuQuote     *quote,
             GError             **error)
{
  g_autofree char *today = anju_recep_local_date_of (anju_command_context_get_now (ctx),
                                                     anju_format_get_time_zone ());
  AnjuFen cap = quote->price * ANJU_DEPOSIT_MAX_PERMILLE / 1000;

  if (in->price >= 0 && in->price != quote->price)
    {
      g_autofree char *approved = anju_format_money (quote->price);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "price",
                           _("A subscription takes the quote's price, %s, and no other. Leave the price out, or make a new quote."),
                           approved);
      return FALSE;
    }
  if (in->deposit <= 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "deposit",
                           _("The deposit must be more than 0 (in fen: 100 is ¥1.00)."));
      return FALSE;
    }
  if (in->deposit > cap)
    {
      g_autofree char *cap_text = anju_format_money (cap);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "deposit",
                           _("A deposit may be at most 20%% of the price: %s here (Civil Code art. 586). Lower the deposit."),
                           cap_text);
      return FALSE;
    }
  if (strcmp (in->signing_deadline, today) < 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "signing_deadline",
                           _("The signing deadline has passed. Agree a day from today (%s) on."), today);
      return FALSE;
    }
  if (in->deposit_due_on != NULL && strcmp (in->deposit_due_on, in->signing_deadline) > 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "deposit_due_on",
                           _("The deposit is paid before the signing: choose a day no later than the signing deadline."));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char *customer_id;
  char *name;
  char *id_number;
  char *mobile;
} BuyerInput;

static void
buyer_input_free (BuyerInput *b)
{
  g_free (b->customer_id);
  g_free (b->name);
  g_free (b->id_number);
  g_free (b->mobile);
  g_free (b);
}

/* A refusal naming "buyers.@index.@field". */
static void
reject_buyer (GError     **error,
              AnjuCommandErrorCode code,
              guint        index,
              const char  *field,
              const char  *message)
{
  g_autofree char *path = g_strdup_printf ("buyers.%u.%s", index, field);

  anju_command_reject (error, code, path, "%s", message);
}

/* The record of @customer_id: its name, ID number and mobile. */
static gboolean
fill_from_customer (AnjuStore   *store,
                    const char  *customer_id,
                    BuyerInput  *b)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT name, id_number, mobile FROM customers WHERE id = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    {
      if (b->name == NULL)
        b->name = anju_stmt_dup_text (stmt, 0);
      if (b->id_number == NULL)
        b->id_number = anju_stmt_dup_text (stmt, 1);
      if (b->mobile == NULL)
        b->mobile = anju_stmt_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  return found;
}

/* One buyer of the payload: the first is the quote's customer. */
static BuyerInput *
read_buyer (AnjuCommandContext  *ctx,
            JsonObject          *entry,
            guint                index,
            const char          *customer_id,
            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  BuyerInput *b = g_new0 (BuyerInput, 1);
  const char *named = NULL, *name = NULL, *id_number = NULL, *mobile = NULL;

  if (entry != NULL &&
      (!anju_payload_get_string (entry, "customer_id", FALSE, &named, &local_error) ||
       !anju_payload_get_text (entry, "name", FALSE, MAX_TEXT_CHARS, &name, &local_error) ||
       !anju_payload_get_text (entry, "id_number", FALSE, 32, &id_number, &local_error) ||
       !anju_payload_get_text (entry, "mobile", FALSE, 32, &mobile, &local_error)))
    {
      reject_buyer (error, local_error->code, index, anju_command_error_get_field (local_error),
                    local_error->message);
      g_clear_pointer (&b, buyer_input_free);
      return NULL;
    }
  if (index == 0 && named != NULL && g_strcmp0 (named, customer_id) != 0)
    {
      reject_buyer (error, ANJU_COMMAND_ERROR_INVALID_FIELD, index, "customer_id",
                    _("The first buyer is the customer of the quote. List other people as co-owners after them."));
      buyer_input_free (b);
      return NULL;
    }
  b->name = g_strdup (name);
  if (id_number != NULL)
    {
      b->id_number = anju_id_number_normalize (id_number, anju_command_context_get_now (ctx), &local_error);
      if (b->id_number == NULL)
        {
          reject_buyer (error, ANJU_COMMAND_ERROR_INVALID_FIELD, index, "id_number", local_error->message);
          buyer_input_free (b);
          return NULL;
        }
    }
  if (mobile != NULL && !(b->mobile = anju_mobile_normalize (mobile, &local_error)))
    {
      reject_buyer (error, ANJU_COMMAND_ERROR_INVALID_FIELD, index, "mobile", local_error->message);
      buyer_input_free (b);
      return NULL;
    }
  b->customer_id = g_strdup (index == 0 ? customer_id : named);
  if (b->customer_id != NULL &&
      !fill_from_customer (anju_command_context_get_store (ctx), b->customer_id, b))
    {
      reject_buyer (error, ANJU_COMMAND_ERROR_NOT_FOUND, index, "customer_id",
                    _("There is no customer with this id. Search for the customer again."));
      buyer_input_free (b);
      return NULL;
    }
  if (b->name == NULL)
    {
      reject_buyer (error, ANJU_COMMAND_ERROR_MISSING_FIELD, index, "name",
                    _("Each buyer needs a name as on their ID card. Enter it."));
      buyer_input_free (b);
      return NULL;
    }
  if (b->id_number == NULL)
    {
      reject_buyer (error, ANJU_COMMAND_ERROR_MISSING_FIELD, index, "id_number",
                    _("Each buyer needs a resident ID number: the subscription form is made out to it. Enter it."));
      buyer_input_free (b);
      return NULL;
    }
  return b;
}

static GPtrArray *
read_buyers (AnjuCommandContext  *ctx,
             JsonArray           *array,
             const char          *customer_id,
             GError             **error)
{
  g_autoptr(GPtrArray) buyers = g_ptr_array_new_with_free_func ((GDestroyNotify)buyer_input_free);
  guint n = array ? json_array_get_length (array) : 1;

  if (n == 0 || n > ANJU_SUBSCRIPTION_MAX_BUYERS)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "buyers",
                           _("A subscription has from 1 to %d buyers (the buyer and the co-owners)."),
                           ANJU_SUBSCRIPTION_MAX_BUYERS);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = array ? json_array_get_element (array, i) : NULL;
      BuyerInput *b;

      if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "buyers",
                               _("Each buyer must be an object with a name and an ID number."));
          return NULL;
        }
      if (!(b = read_buyer (ctx, node ? json_node_get_object (node) : NULL, i, customer_id, error)))
        return NULL;
      for (guint k = 0; k < buyers->len; k++)
        if (g_str_equal (((BuyerInput *)g_ptr_array_index (buyers, k))->id_number, b->id_number))
          {
            reject_buyer (error, ANJU_COMMAND_ERROR_DUPLICATE, i, "id_number",
                          _("This ID number is listed twice. Each buyer is listed once."));
            buyer_input_free (b);
            return NULL;
          }
      g_ptr_array_add (buyers, b);
    }
  return g_steal_pointer (&buyers);
}

typedef struct
{
  AnjuPaymentPurpose  purpose;
  AnjuFen             amount;
  const char         *due_on;
  const char         *label;
} ExpectedInput;

/* The payload's expected payments (beyond the deposit). */
static GArray *
read_expected (JsonArray  *array,
               GError    **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (ExpectedInput));

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(GError) local_error = NULL;
      const char *purpose = NULL;
      ExpectedInput e = { 0 };
      int value;

      if (entry == NULL ||
          !anju_payload_get_string (entry, "purpose", TRUE, &purpose, &local_error) ||
          !anju_payload_get_int (entry, "amount", TRUE, &e.amount, &local_error) ||
          !anju_recep_get_local_date (entry, "due_on", TRUE, &e.due_on, &local_error) ||
          !anju_payload_get_text (entry, "label", FALSE, MAX_TEXT_CHARS, &e.label, &local_error) ||
          (value = anju_payment_purpose_from_string (purpose)) < 0 || value == ANJU_PURPOSE_REFUND ||
          e.amount <= 0)
        {
          g_autofree char *field = g_strdup_printf ("expected_payments.%u", i);

          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                               _("Each expected payment needs a purpose (deposit, down_payment, fee or instalment), an amount in fen above 0 and a due day YYYY-MM-DD."));
          return NULL;
        }
      e.purpose = value;
      g_array_append_val (list, e);
    }
  return g_steal_pointer (&list);
}

/* ---- the plan ------------------------------------------------------------- */

/* The plan's refusal, naming the payload's field: the buyer's choices sit
 * under "plan", the signing day is the signing deadline. */
static void
reject_plan (GError **error,
             GError  *plan_error)
{
  const char *field = anju_command_error_get_field (plan_error);
  g_autofree char *named = NULL;

  if (plan_error->domain != ANJU_COMMAND_ERROR || field == NULL ||
      g_str_has_prefix (field, "plan.") || g_str_equal (field, "deposit") ||
      g_str_equal (field, "quote_id") || g_str_equal (field, "city"))
    {
      g_propagate_error (error, plan_error);
      return;
    }
  if (g_str_equal (field, "signing_date"))
    named = g_strdup ("signing_deadline");
  else if (g_str_equal (field, "rate") || g_str_equal (field, "months"))
    named = g_strconcat ("plan.commercial_", field, NULL);
  else
    named = g_strconcat ("plan.", field, NULL);
  anju_command_reject (error, plan_error->code, named, "%s", plan_error->message);
  g_error_free (plan_error);
}

/* The payment plan of a subscription: its quote's price paid by @method
 * with the buyer's @choices, made on @date, signed by @signing_deadline,
 * the deposit credited, what is due at handover dated @handover_date (the
 * delivery date; NULL: the policy's). */
static AnjuPaymentPlan *
make_plan (AnjuStore   *store,
           const char  *quote_id,
           const char  *method,
           JsonObject  *choices,
           const char  *date,
           const char  *signing_deadline,
           AnjuFen      deposit,
           const char  *handover_date,
           GError     **error)
{
  AnjuPaymentOptions options = { 0 };
  GError *plan_error = NULL;
  AnjuPaymentPlan *plan;

  if (!anju_payment_options_read (choices, &options, error))
    return NULL;
  if (!anju_payment_method_from_string (method, &options.method))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "payment_method",
                           _("“%s” is not a payment method. Choose one_time, commercial, provident, combination or instalments."),
                           method);
      return NULL;
    }
  options.date = date;
  options.signing_date = signing_deadline;
  options.deposit = deposit;
  options.handover_date = handover_date;
  if (!(plan = anju_payment_plan_load (store, quote_id, &options, &plan_error)))
    reject_plan (error, plan_error);
  return plan;
}

AnjuPaymentPlan *
anju_subscription_load_plan (AnjuStore               *store,
                             const AnjuSubscription  *subscription,
                             GError                 **error)
{
  g_autoptr(JsonNode) choices = NULL;
  g_autofree char *date = NULL;
  gint64 created = 0;

  if (subscription->plan != NULL &&
      !(choices = anju_json_parse (subscription->plan, strlen (subscription->plan), error)))
    return NULL;
  anju_clock_parse_utc (subscription->created_at, &created);
  date = anju_recep_local_date_of (created, anju_format_get_time_zone ());
  return make_plan (store, subscription->quote_id, subscription->payment_method,
                    choices && JSON_NODE_HOLDS_OBJECT (choices) ? json_node_get_object (choices) : NULL,
                    date, subscription->signing_deadline, subscription->deposit,
                    subscription->delivery_date, error);
}

static gboolean
insert_subscription (AnjuCommandContext  *ctx,
                     const char          *id,
                     const AnjuQuote     *quote,
                     const CreateInput   *in,
                     const char          *cooling_off_ends_at,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO subscriptions (id, project_id, unit_id, customer_id, quote_id, consultant_id, price, "
      "deposit, payment_method, signing_deadline, delivery_date, cooling_off_ends_at, note, created_by, "
      "created_at, updated_at, plan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  g_autofree char *plan = NULL;

  if (stmt == NULL)
    return FALSE;
  if (in->plan != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), in->plan);

      plan = json_to_string (node, FALSE);
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, quote->project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, quote->unit_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, quote->customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, quote->id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 6, quote->consultant_id);
  sqlite3_bind_int64 (stmt, 7, quote->price);
  sqlite3_bind_int64 (stmt, 8, in->deposit);
  sqlite3_bind_text (stmt, 9, in->payment_method, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, in->signing_deadline, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 11, in->delivery_date);
  sqlite3_bind_text (stmt, 12, cooling_off_ends_at, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 13, in->note);
  anju_stmt_bind_text_or_null (stmt, 14, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 15, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 16, now, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 17, plan);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "subscriptions", id);
  return TRUE;
}

static gboolean
insert_buyers (AnjuCommandContext  *ctx,
               const char          *subscription_id,
               GPtrArray           *buyers,
               GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);

  for (guint i = 0; i < buyers->len; i++)
    {
      BuyerInput *b = g_ptr_array_index (buyers, i);
      g_autofree char *id = anju_command_context_new_id (ctx);
      sqlite3_stmt *stmt = anju_store_prepare (store,
          "INSERT INTO subscription_buyers (id, subscription_id, position, role, customer_id, name, "
          "id_number, mobile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, subscription_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, i == 0 ? "buyer" : "co_owner", -1, SQLITE_STATIC);
      anju_stmt_bind_text_or_null (stmt, 5, b->customer_id);
      sqlite3_bind_text (stmt, 6, b->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, b->id_number, -1, SQLITE_TRANSIENT);
      anju_stmt_bind_text_or_null (stmt, 8, b->mobile);
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "subscription_buyers", id);
    }
  return TRUE;
}

/* What the buyer pays by the plan, each with its due day: the deposit
 * (by deposit_due_on, else at once), the full price or the down payment
 * or the instalments (less the deposit), each fee; not the loan (the bank
 * pays it). Labels are the plan's codes, said in each desk's language
 * (anju_plan_item_code_dup_label()). What is due at a handover whose day
 * is not known yet is expected once it is (payment.expect). Then what the
 * payload lists besides. */
static gboolean
insert_expected (AnjuCommandContext     *ctx,
                 const char             *id,
                 const AnjuQuote        *quote,
                 const CreateInput      *in,
                 const AnjuPaymentPlan  *plan,
                 GArray                 *expected,
                 GError                **error)
{
  JsonObject *result = anju_command_context_get_result (ctx);

  for (guint i = 0; i < plan->items->len; i++)
    {
      const AnjuPlanItem *item = g_ptr_array_index (plan->items, i);
      const char *due = item->due_date;
      AnjuPaymentPurpose purpose;

      switch (item->kind)
        {
        case ANJU_PLAN_ITEM_DEPOSIT:
          purpose = ANJU_PURPOSE_DEPOSIT;
          due = in->deposit_due_on ? in->deposit_due_on : due;
          break;
        case ANJU_PLAN_ITEM_ONE_TIME:
        case ANJU_PLAN_ITEM_DOWN_PAYMENT:
          purpose = ANJU_PURPOSE_DOWN_PAYMENT;
          break;
        case ANJU_PLAN_ITEM_INSTALMENT:
          purpose = ANJU_PURPOSE_INSTALMENT;
          break;
        case ANJU_PLAN_ITEM_FEE:
          purpose = ANJU_PURPOSE_FEE;
          break;
        case ANJU_PLAN_ITEM_LOAN:
        default:
          continue;
        }
      if (item->amount <= 0 || due == NULL)
        continue;
      if (!anju_finance_add_expected (ctx, quote->project_id, id, purpose,
                                      purpose == ANJU_PURPOSE_DEPOSIT ? NULL : item->code,
                                      item->amount, due, error))
        return FALSE;
    }
  for (guint i = 0; i < expected->len; i++)
    {
      ExpectedInput *e = &g_array_index (expected, ExpectedInput, i);

      if (!anju_finance_add_expected (ctx, quote->project_id, id, e->purpose, e->label, e->amount,
                                      e->due_on, error))
        return FALSE;
    }
  json_object_remove_member (result, "expected_payment_id");
  return TRUE;
}

static AnjuQuote *
load_quote (AnjuStore   *store,
            const char  *quote_id,
            GError     **error)
{
  GError *local_error = NULL;
  AnjuQuote *quote = anju_quote_load (store, quote_id, &local_error);

  if (quote == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "quote_id",
                             _("There is no quote with this id. Make the quote first."));
    }
  return quote;
}

static void
set_create_result (AnjuCommandContext *ctx,
                   const char         *id,
                   const AnjuQuote    *quote,
                   AnjuFen             deposit,
                   const char         *cooling_off_ends_at)
{
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autofree char *subject = g_strconcat ("subscription:", id, NULL);

  json_object_set_string_member (result, "subscription_id", id);
  json_object_set_string_member (result, "unit_id", quote->unit_id);
  json_object_set_int_member (result, "price", quote->price);
  json_object_set_int_member (result, "deposit", deposit);
  json_object_set_string_member (result, "cooling_off_ends_at", cooling_off_ends_at);
  anju_command_context_set_subject (ctx, subject);
}

/* subscription.create {subscription_id?, quote_id, payment_method, deposit,
 *                      signing_deadline, buyers?, delivery_date?, price?,
 *                      deposit_due_on?, note?, plan?, expected_payments?} */
static gboolean
apply_subscription_create (AnjuCommandContext  *ctx,
                           JsonObject          *payload,
                           GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  CreateInput in = { 0 };
  g_autoptr(AnjuQuote) quote = NULL;
  g_autoptr(GPtrArray) buyers = NULL;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(AnjuPaymentPlan) plan = NULL;
  g_autofree char *id = NULL, *ends_at = NULL, *summary = NULL, *price_text = NULL, *today = NULL;
  AnjuFen price;
  gint64 hours;

  /* read and check */
  if (!read_create (payload, &in, error) ||
      !(quote = load_quote (store, in.quote_id, error)) ||
      !check_terms (ctx, &in, quote, error) ||
      !(buyers = read_buyers (ctx, in.buyers, quote->customer_id, error)) ||
      !(expected = read_expected (in.expected, error)))
    return FALSE;
  today = anju_recep_local_date_of (anju_command_context_get_now (ctx), anju_format_get_time_zone ());
  if (!(plan = make_plan (store, quote->id, in.payment_method, in.plan, today, in.signing_deadline,
                          in.deposit, in.delivery_date, error)) ||
      !anju_command_context_take_new_id (ctx, payload, "subscription_id", "subscriptions", &id, error))
    return FALSE;

  /* the quote and the unit decide (each refuses in its own words) */
  if (!anju_quote_use (ctx, quote->id, quote->unit_id, &price, error) ||
      !anju_units_subscribe (ctx, quote->unit_id, quote->customer_id, error))
    return FALSE;
  g_assert (price == quote->price);

  /* write */
  hours = anju_policy_get_int (store, quote->project_id, "subscription.cooling_off_hours",
                               DEFAULT_COOLING_HOURS);
  ends_at = anju_clock_format_utc (anju_command_context_get_now (ctx) + MAX (hours, 0) * G_TIME_SPAN_HOUR);
  if (!insert_subscription (ctx, id, quote, &in, ends_at, error) ||
      !insert_buyers (ctx, id, buyers, error) ||
      !insert_expected (ctx, id, quote, &in, plan, expected, error) ||
      !anju_signing_open (ctx, id, error))
    return FALSE;
  price_text = anju_format_money (quote->price);
  summary = g_strdup_printf (_("Subscribed unit %s at %s"), quote->unit_label, price_text);
  if (!anju_customer_add_event (ctx, quote->customer_id, "subscription", summary, in.note, error))
    return FALSE;
  set_create_result (ctx, id, quote, in.deposit, ends_at);
  return TRUE;
}

/* ---- subscription.withdraw -------------------------------------------------------- */

static gboolean
mark_withdrawn (AnjuCommandContext      *ctx,
                const AnjuSubscription  *s,
                const char              *kind,
                AnjuFen                  forfeited,
                const char              *reason,
                GError                 **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE subscriptions SET status = 'withdrawn', withdrawn_at = ?1, withdrawn_by = ?2, "
      "withdrawal_reason = ?3, withdrawal_kind = ?4, forfeited = ?5, updated_at = ?1 "
      "WHERE id = ?6 AND status = 'active'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, forfeited);
  sqlite3_bind_text (stmt, 6, s->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "subscriptions", s->id);
  return TRUE;
}

/* subscription.withdraw {subscription_id, reason} */

/* The subscription a command names, or a refusal naming the field. */
static AnjuSubscription *
load_or_reject (AnjuStore   *store,
                const char  *subscription_id,
                GError     **error)
{
  GError *local_error = NULL;
  AnjuSubscription *s = anju_subscription_load (store, subscription_id, &local_error);

  if (s == NULL && local_error != NULL)
    g_propagate_error (error, local_error);
  else if (s == NULL)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "subscription_id",
                         _("There is no subscription with this id. Look the deal up again."));
  return s;
}

static gboolean
apply_subscription_withdraw (AnjuCommandContext  *ctx,
                             JsonObject          *payload,
                             GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  gint64 now = anju_command_context_get_now (ctx);
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autoptr(AnjuSubscription) s = NULL;
  g_autofree char *subject = NULL, *summary = NULL, *refunded_text = NULL;
  const char *subscription_id, *reason, *kind;
  AnjuFen forfeit, refunded = 0;

  if (!anju_payload_get_string (payload, "subscription_id", TRUE, &subscription_id, error) ||
      !anju_payload_get_text (payload, "reason", TRUE, MAX_NOTE_CHARS, &reason, error))
    return FALSE;
  if (!(s = load_or_reject (store, subscription_id, error)))
    return FALSE;
  if (!anju_subscription_may_withdraw (store, anju_command_context_get_actor (ctx), s, now, error))
    return FALSE;

  kind = anju_subscription_in_cooling_off (s, now) ? "cooling_off" : "forfeit";
  forfeit = anju_subscription_forfeit_at (store, s, now);
  if (!anju_finance_refund_subscription (ctx, s->id, forfeit, reason, &refunded, error) ||
      !anju_finance_cancel_expected (ctx, s->id, error) ||
      !anju_units_withdraw (ctx, s->unit_id, s->customer_id, reason, error) ||
      !anju_signing_cancel (ctx, s->id, reason, error) ||
      !mark_withdrawn (ctx, s, kind, forfeit, reason, error))
    return FALSE;

  refunded_text = anju_format_money (refunded);
  summary = g_strdup_printf (_("Withdrew the subscription of unit %s; refunded %s"), s->unit_label,
                             refunded_text);
  if (!anju_customer_add_event (ctx, s->customer_id, "subscription", summary, reason, error))
    return FALSE;
  subject = g_strconcat ("subscription:", s->id, NULL);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (result, "subscription_id", s->id);
  json_object_set_string_member (result, "kind", kind);
  json_object_set_int_member (result, "refunded", refunded);
  json_object_set_int_member (result, "forfeited", forfeit);
  return TRUE;
}

/* ---- the subscription form as printed ------------------------------------------------ */

static void
take_string_member (JsonObject *object,
                    const char *member,
                    char       *value)
{
  json_object_set_string_member (object, member, value ? value : "");
  g_free (value);
}

static JsonObject *
dup_unit_paper (AnjuStore  *store,
                const char *unit_id)
{
  JsonObject *unit = json_object_new ();
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT b.name || '-' || u.number, b.name, u.number, u.floor, u.layout, u.orientation, "
      "u.gross_area, u.inner_area FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id = ?",
      NULL);

  if (stmt == NULL)
    return unit;
  sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      take_string_member (unit, "label", anju_stmt_dup_text (stmt, 0));
      take_string_member (unit, "building", anju_stmt_dup_text (stmt, 1));
      take_string_member (unit, "number", anju_stmt_dup_text (stmt, 2));
      json_object_set_int_member (unit, "floor", sqlite3_column_int64 (stmt, 3));
      take_string_member (unit, "layout", anju_stmt_dup_text (stmt, 4));
      take_string_member (unit, "orientation", anju_stmt_dup_text (stmt, 5));
      take_string_member (unit, "gross_area", anju_format_area (sqlite3_column_int64 (stmt, 6)));
      take_string_member (unit, "inner_area", anju_format_area (sqlite3_column_int64 (stmt, 7)));
    }
  sqlite3_reset (stmt);
  return unit;
}

static JsonArray *
dup_buyers_paper (const AnjuSubscription *s)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < s->buyers->len; i++)
    {
      AnjuBuyer *b = g_ptr_array_index (s->buyers, i);
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "role", b->role);
      json_object_set_string_member (row, "name", b->name);
      json_object_set_string_member (row, "id_number", b->id_number);
      json_object_set_string_member (row, "mobile", b->mobile ? b->mobile : "");
      json_array_add_object_element (array, row);
    }
  return array;
}

JsonObject *
anju_subscription_dup_paper (AnjuStore   *store,
                             const char  *subscription_id,
                             GError     **error)
{
  g_autoptr(AnjuSubscription) s = NULL;
  g_autoptr(AnjuProject) project = NULL;
  JsonObject *paper;
  gint64 created = 0;

  if (!(s = load_or_reject (store, subscription_id, error)))
    return NULL;
  project = anju_project_lookup (store, s->project_id);
  anju_clock_parse_utc (s->created_at, &created);
  paper = json_object_new ();
  json_object_set_string_member (paper, "subscription_id", s->id);
  json_object_set_string_member (paper, "project", project ? project->name : "");
  json_object_set_string_member (paper, "developer", project && project->developer ? project->developer : "");
  json_object_set_object_member (paper, "unit", dup_unit_paper (store, s->unit_id));
  json_object_set_array_member (paper, "buyers", dup_buyers_paper (s));
  take_string_member (paper, "price", anju_money_format_plain (s->price));
  take_string_member (paper, "price_in_words", anju_money_to_capitals (s->price));
  take_string_member (paper, "deposit", anju_money_format_plain (s->deposit));
  take_string_member (paper, "deposit_in_words", anju_money_to_capitals (s->deposit));
  json_object_set_int_member (paper, "deposit_cap_permille", ANJU_DEPOSIT_MAX_PERMILLE);
  json_object_set_string_member (paper, "payment_method_code", s->payment_method);
  json_object_set_string_member (paper, "payment_method", anju_payment_method_get_label (s->payment_method));
  json_object_set_string_member (paper, "signing_deadline", s->signing_deadline);
  json_object_set_string_member (paper, "delivery_date", s->delivery_date ? s->delivery_date : "");
  json_object_set_string_member (paper, "consultant", s->consultant_name ? s->consultant_name : "");
  take_string_member (paper, "created_at", anju_format_datetime (created));
  json_object_set_int_member (paper, "cooling_off_hours",
                              (s->cooling_off_ends - created + G_TIME_SPAN_MINUTE) / G_TIME_SPAN_HOUR);
  take_string_member (paper, "cooling_off_ends_at", anju_format_datetime (s->cooling_off_ends));
  json_object_set_string_member (paper, "status", anju_subscription_status_to_string (s->status));
  json_object_set_string_member (paper, "note", s->note ? s->note : "");
  return paper;
}

/* ---- registration ---------------------------------------------------------------------- */

/* ---- shared deals and sales credit (SPEC §3) ------------------------------------ */

gboolean
anju_subscription_may_share (const AnjuUser          *actor,
                             const AnjuSubscription  *s,
                             GError                 **error)
{
  if (s->status == ANJU_SUBSCRIPTION_WITHDRAWN)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "subscription_id",
                           _("The subscription of unit %s was withdrawn: there is no sale to credit."),
                           s->unit_label);
      return FALSE;
    }
  if (is_manager (actor) ||
      (actor->id != NULL && g_strcmp0 (actor->id, s->consultant_id) == 0))
    return TRUE;
  anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "subscription_id",
                       _("This deal is %s's. Only that consultant or a manager can share its credit."),
                       s->consultant_name ? s->consultant_name : "?");
  return FALSE;
}

gboolean
anju_subscription_may_share_with (const AnjuUser          *colleague,
                                  const AnjuSubscription  *s,
                                  GError                 **error)
{
  if (!anju_user_receives_customers (colleague))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "co_consultant_id",
                           _("Choose a consultant or manager of the office to share the deal with."));
      return FALSE;
    }
  if (g_strcmp0 (colleague->id, s->consultant_id) == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "co_consultant_id",
                           _("The deal is %s's already. Choose the colleague who shares it."),
                           colleague->display_name);
      return FALSE;
    }
  return TRUE;
}

/* The co-consultant's part of @price at @percent, to the nearest fen. */
static AnjuFen
co_share_of (AnjuFen price,
             int     percent)
{
  return (price * percent + 50) / 100;
}

AnjuFen
anju_subscription_credit_for (const AnjuSubscription *s,
                              const char             *consultant_id,
                              gint64                 *deals_permille)
{
  int percent = s->co_consultant_id != NULL ? s->co_share_percent : 0;
  gint64 deals = 0;
  AnjuFen amount = 0;

  if (consultant_id != NULL && g_strcmp0 (consultant_id, s->consultant_id) == 0)
    {
      deals += ANJU_DEAL_PERMILLE - percent * ANJU_DEAL_PERMILLE / 100;
      amount += s->price - co_share_of (s->price, percent);
    }
  if (consultant_id != NULL && percent > 0 && g_strcmp0 (consultant_id, s->co_consultant_id) == 0)
    {
      deals += percent * ANJU_DEAL_PERMILLE / 100;
      amount += co_share_of (s->price, percent);
    }
  if (deals_permille != NULL)
    *deals_permille = deals;
  return amount;
}

void
anju_sales_credit_free (AnjuSalesCredit *credit)
{
  if (credit == NULL)
    return;
  g_free (credit->consultant_id);
  g_free (credit->consultant_name);
  g_free (credit);
}

static void
add_credit (GHashTable             *by_id,
            GPtrArray              *list,
            const AnjuSubscription *s,
            const char             *consultant_id,
            const char             *consultant_name)
{
  AnjuSalesCredit *credit;
  gint64 deals = 0;
  AnjuFen amount;

  if (consultant_id == NULL)
    return;
  amount = anju_subscription_credit_for (s, consultant_id, &deals);
  if (!(credit = g_hash_table_lookup (by_id, consultant_id)))
    {
      credit = g_new0 (AnjuSalesCredit, 1);
      credit->consultant_id = g_strdup (consultant_id);
      credit->consultant_name = g_strdup (consultant_name ? consultant_name : consultant_id);
      g_hash_table_insert (by_id, credit->consultant_id, credit);
      g_ptr_array_add (list, credit);
    }
  credit->deals_permille += deals;
  credit->amount += amount;
}

static int
compare_credit (gconstpointer a,
                gconstpointer b)
{
  const AnjuSalesCredit *ca = *(AnjuSalesCredit * const *)a;
  const AnjuSalesCredit *cb = *(AnjuSalesCredit * const *)b;

  if (ca->amount != cb->amount)
    return ca->amount > cb->amount ? -1 : 1;
  return g_strcmp0 (ca->consultant_name, cb->consultant_name);
}

/* Whether @s was made on a local day from @from to @to. */
static gboolean
made_between (const AnjuSubscription *s,
              const char             *from,
              const char             *to)
{
  g_autofree char *day = NULL;
  gint64 at;

  if (from == NULL && to == NULL)
    return TRUE;
  if (!anju_clock_parse_utc (s->created_at, &at))
    return FALSE;
  day = anju_format_date (at);
  return (from == NULL || g_strcmp0 (day, from) >= 0) && (to == NULL || g_strcmp0 (day, to) <= 0);
}

GPtrArray *
anju_sales_credit_list (AnjuStore   *store,
                        const char  *project_id,
                        const char  *from,
                        const char  *to,
                        GError     **error)
{
  g_autoptr(GPtrArray) subscriptions = anju_subscriptions_list (store, project_id, NULL, FALSE, error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_sales_credit_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  if (subscriptions == NULL)
    return NULL;
  for (guint i = 0; i < subscriptions->len; i++)
    {
      const AnjuSubscription *s = g_ptr_array_index (subscriptions, i);

      if (s->status == ANJU_SUBSCRIPTION_WITHDRAWN || !made_between (s, from, to))
        continue;
      add_credit (by_id, list, s, s->consultant_id, s->consultant_name);
      if (s->co_share_percent > 0)
        add_credit (by_id, list, s, s->co_consultant_id, s->co_consultant_name);
    }
  g_ptr_array_sort (list, compare_credit);
  return g_steal_pointer (&list);
}

char *
anju_sales_credit_format_deals (gint64 deals_permille)
{
  g_autoptr(GString) number = NULL;

  if (deals_permille % ANJU_DEAL_PERMILLE == 0)
    {
      gint64 n = deals_permille / ANJU_DEAL_PERMILLE;

      /* Translators: sales credited to a consultant, in whole deals */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld deal", "%lld deals", (gulong)n),
                              (long long)n);
    }
  number = g_string_new (NULL);
  g_string_printf (number, "%lld.%03lld", (long long)(deals_permille / ANJU_DEAL_PERMILLE),
                   (long long)(deals_permille % ANJU_DEAL_PERMILLE));
  while (number->str[number->len - 1] == '0')
    g_string_truncate (number, number->len - 1);
  /* Translators: sales credited to a consultant with a part of a shared
   * deal; %s is a number such as 1.5 */
  return g_strdup_printf (_("%s deals"), number->str);
}

/* subscription.share {subscription_id, co_consultant_id?, co_share_percent?} */
static gboolean
apply_subscription_share (AnjuCommandContext  *ctx,
                          JsonObject          *payload,
                          GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  JsonObject *result = anju_command_context_get_result (ctx);
  g_autoptr(AnjuSubscription) s = NULL;
  g_autoptr(AnjuUser) co = NULL;
  g_autofree char *subject = NULL, *summary = NULL;
  const char *subscription_id, *co_id = NULL;
  gint64 percent = -1;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "subscription_id", TRUE, &subscription_id, error) ||
      !anju_payload_get_string (payload, "co_consultant_id", FALSE, &co_id, error) ||
      !anju_payload_get_int (payload, "co_share_percent", FALSE, &percent, error))
    return FALSE;
  if (!(s = load_or_reject (store, subscription_id, error)))
    return FALSE;
  if (!anju_subscription_may_share (anju_command_context_get_actor (ctx), s, error))
    return FALSE;

  if (co_id == NULL)
    {
      if (percent != -1)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "co_consultant_id",
                               _("Choose the consultant who shares the deal; the share is theirs."));
          return FALSE;
        }
      percent = 0;
    }
  else
    {
      if (percent == -1)
        percent = ANJU_CO_SHARE_DEFAULT_PERCENT;
      co = anju_user_lookup (store, co_id);
      if (!anju_subscription_may_share_with (co, s, error))
        return FALSE;
      if (percent < ANJU_CO_SHARE_MIN_PERCENT || percent > ANJU_CO_SHARE_MAX_PERCENT)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "co_share_percent",
                               _("The share of the second consultant must be from 1 to 99 percent; 50 splits the deal equally."));
          return FALSE;
        }
    }

  stmt = anju_store_prepare (store,
      "UPDATE subscriptions SET co_consultant_id = ?1, co_share_percent = ?2, updated_at = ?3 "
      "WHERE id = ?4", error);
  if (stmt == NULL)
    return FALSE;
  anju_stmt_bind_text_or_null (stmt, 1, co ? co->id : NULL);
  sqlite3_bind_int (stmt, 2, (int)percent);
  sqlite3_bind_text (stmt, 3, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, s->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "subscriptions", s->id);

  g_free (s->co_consultant_id);
  s->co_consultant_id = co ? g_strdup (co->id) : NULL;
  s->co_share_percent = (int)percent;
  if (co != NULL)
    /* Translators: a shared deal on the customer's timeline: unit, colleague, percent */
    summary = g_strdup_printf (_("Shared the sale of unit %s with %s (%d%%)"), s->unit_label,
                               co->display_name, (int)percent);
  else
    summary = g_strdup_printf (_("The sale of unit %s is credited to %s alone"), s->unit_label,
                               s->consultant_name ? s->consultant_name : "?");
  if (!anju_customer_add_event (ctx, s->customer_id, "subscription", summary, NULL, error))
    return FALSE;
  subject = g_strconcat ("subscription:", s->id, NULL);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (result, "subscription_id", s->id);
  if (s->consultant_id != NULL)
    json_object_set_string_member (result, "consultant_id", s->consultant_id);
  else
    json_object_set_null_member (result, "consultant_id");
  if (co != NULL)
    json_object_set_string_member (result, "co_consultant_id", co->id);
  else
    json_object_set_null_member (result, "co_consultant_id");
  json_object_set_int_member (result, "co_share_percent", percent);
  json_object_set_int_member (result, "consultant_amount",
                              anju_subscription_credit_for (s, s->consultant_id, NULL));
  json_object_set_int_member (result, "co_consultant_amount",
                              co ? anju_subscription_credit_for (s, co->id, NULL) : 0);
  return TRUE;
}

/* The workbench's sales of the month: a consultant's own credited deals;
 * for a manager every consultant's credit. */
static gboolean
fill_sales_section (AnjuStore             *store,
                    const char            *user_id,
                    const char            *local_date,
                    AnjuWorkbenchSection  *section,
                    GError               **error)
{
  g_autoptr(AnjuUser) user = anju_user_lookup (store, user_id);
  g_autofree char *from = NULL;
  gboolean everyone;
  gint64 deals = 0;
  AnjuFen amount = 0;

  if (user == NULL || local_date == NULL || strlen (local_date) < 8)
    return TRUE;
  everyone = (user->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) != 0;
  if (!everyone && user->role != ANJU_ROLE_CONSULTANT)
    return TRUE;
  from = g_strdup_printf ("%.8s01", local_date);

  if (everyone)
    {
      g_autoptr(GPtrArray) credits = anju_sales_credit_list (store, NULL, from, local_date, error);

      if (credits == NULL)
        return FALSE;
      for (guint i = 0; i < credits->len; i++)
        {
          const AnjuSalesCredit *c = g_ptr_array_index (credits, i);
          JsonObject *item = json_object_new ();
          g_autofree char *count = anju_sales_credit_format_deals (c->deals_permille);
          g_autofree char *money = anju_format_money (c->amount);
          g_autofree char *subtitle = g_strdup_printf ("%s · %s", count, money);

          json_object_set_string_member (item, "title", c->consultant_name);
          json_object_set_string_member (item, "subtitle", subtitle);
          json_array_add_object_element (section->items, item);
          deals += c->deals_permille;
          amount += c->amount;
        }
    }
  else
    {
      g_autoptr(GPtrArray) list = anju_subscriptions_list (store, NULL, NULL, FALSE, error);

      if (list == NULL)
        return FALSE;
      for (guint i = 0; i < list->len; i++)
        {
          const AnjuSubscription *s = g_ptr_array_index (list, i);
          JsonObject *item;
          g_autofree char *title = NULL, *subtitle = NULL, *credited = NULL, *price = NULL;
          gint64 part = 0;
          AnjuFen share;

          if (s->status == ANJU_SUBSCRIPTION_WITHDRAWN || !made_between (s, from, local_date))
            continue;
          share = anju_subscription_credit_for (s, user->id, &part);
          if (part == 0)
            continue;
          credited = anju_format_money (share);
          price = anju_format_money (s->price);
          title = g_strdup_printf ("%s · %s", s->unit_label, s->customer_name ? s->customer_name : "");
          if (s->co_share_percent > 0)
            {
              gboolean own = g_strcmp0 (s->consultant_id, user->id) == 0;

              /* Translators: a shared deal on the workbench: credited amount, price,
               * the colleague who shares it and the colleague's share in percent */
              subtitle = g_strdup_printf (_("%s of %s · shared with %s (%d%%)"), credited, price,
                                          own ? s->co_consultant_name : s->consultant_name,
                                          own ? s->co_share_percent : 100 - s->co_share_percent);
            }
          else
            subtitle = g_strdup (credited);
          item = json_object_new ();
          json_object_set_string_member (item, "title", title);
          json_object_set_string_member (item, "subtitle", subtitle);
          json_object_set_string_member (item, "at", s->created_at);
          json_array_add_object_element (section->items, item);
          deals += part;
          amount += share;
        }
    }
  if (json_array_get_length (section->items) > 0)
    {
      g_autofree char *count = anju_sales_credit_format_deals (deals);
      g_autofree char *money = anju_format_money (amount);

      section->title = g_strdup (_("Sales this month"));
      section->count = json_array_get_length (section->items);
      /* Translators: the sales of the month on the workbench: "1.5 deals · ¥3,000,000.00" */
      section->description = g_strdup_printf (_("%s · %s"), count, money);
    }
  return TRUE;
}

static const AnjuCommandSpec subscription_commands[] = {
  { "subscription.create", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_OFFICE_DECISION,
    apply_subscription_create,
    "subscription_id:string? quote_id:string payment_method:string deposit:integer "
    "price:integer? signing_deadline:string delivery_date:string? "
    "deposit_due_on:string? note:string? buyers:array? expected_payments:array? "
    "plan:object?" },
  { "subscription.withdraw", ANJU_ROLES_ALL, ANJU_COMMAND_FLAG_OFFICE_DECISION,
    apply_subscription_withdraw,
    "subscription_id:string reason:string" },
  { "subscription.share", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_OFFICE_DECISION,
    apply_subscription_share,
    "subscription_id:string co_consultant_id:string? co_share_percent:integer?" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const subscriptions_topic_tables[] = { "subscriptions", "subscription_buyers", NULL };

void
anju_subscriptions_register_commands (void)
{
  anju_topic_declare ("subscriptions", subscriptions_topic_tables);
  anju_commands_register (subscription_commands, G_N_ELEMENTS (subscription_commands));
  anju_workbench_register_section ("sales", fill_sales_section);
}
