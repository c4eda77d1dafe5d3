/* anju-pricing.c — discount arithmetic, quotes and the approval chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-policy.h"
#include "anju-pricing.h"
#include "anju-signing.h"
#include "anju-units.h"

#define MAX_NOTE_CHARS 500

/* ---- arithmetic --------------------------------------------------------- */

AnjuFen
anju_pricing_apply (AnjuFen      list_price,
                    const guint *rates_permille,
                    guint        n_rates)
{
  unsigned __int128 num;
  unsigned __int128 den = 1;
  unsigned __int128 quotient, remainder;

  g_return_val_if_fail (list_price >= 0, 0);
  g_return_val_if_fail (n_rates <= ANJU_PRICING_MAX_RATES, 0);

  /* 10^12 fen × 1000^8 < 2^128: the product is exact. */
  num = (unsigned __int128)list_price;
  for (guint i = 0; i < n_rates; i++)
    {
      g_return_val_if_fail (rates_permille[i] >= 1 && rates_permille[i] <= 1000, 0);
      num *= rates_permille[i];
      den *= 1000;
    }
  if (num <= G_MAXINT64 && den <= G_MAXINT64)
    return anju_money_round_div ((gint64)num, (gint64)den);

  /* Beyond 64 bits (many rates on a large price): the whole fen exactly,
   * then the remainder rounded by the same rule. den is 1000ⁿ, so den / 2
   * is a multiple of 1000 for n ≥ 2 and dividing remainder and den by 1000
   * keeps "half or more" exactly while bringing them into range. */
  quotient = num / den;
  remainder = num % den;
  while (den > G_MAXINT64)
    {
      remainder /= 1000;
      den /= 1000;
    }
  return (AnjuFen)quotient + anju_money_round_div ((gint64)remainder, (gint64)den);
}

AnjuFen
anju_pricing_per_m2 (AnjuFen price,
                     gint64  gross_area)
{
  if (gross_area <= 0)
    return 0;
  return anju_money_round_div (price * 100, gross_area);
}

guint
anju_pricing_permille_of (AnjuFen price,
                          AnjuFen list)
{
  if (list <= 0)
    return 0;
  return (guint)anju_money_round_div (price * 1000, list);
}

char *
anju_pricing_format_rate (guint permille)
{
  g_autofree char *number = NULL;

  /* As people say it: 98折, 98.5折, 9折 (not 90折), and no 100折. */
  if (permille >= 1000)
    /* Translators: a "discount" of nothing; in Chinese 原价 */
    return g_strdup (_("the full price"));
  if (permille % 100 == 0)
    /* Translators: a discount rate of whole tens of percent, "90% of the
     * price"; %u is the tens (9). In Chinese 9折 ("%u折"), never 90折 */
    return g_strdup_printf (_("%u0%% of the price"), permille / 100);
  number = permille % 10 ? g_strdup_printf ("%u.%u", permille / 10, permille % 10)
                         : g_strdup_printf ("%u", permille / 10);

  /* Translators: a discount rate as the share of the price that is paid,
   * "98% of the price"; in Chinese the usual 98折 ("%s折") */
  return g_strdup_printf (_("%s%% of the price"), number);
}

/* ---- policy ------------------------------------------------------------- */

void
anju_discount_free (AnjuDiscount *discount)
{
  if (discount == NULL)
    return;
  g_free (discount->id);
  g_free (discount->name_en);
  g_free (discount->name_zh);
  g_free (discount);
}

static gboolean
messages_are_chinese (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

const char *
anju_discount_get_name (const AnjuDiscount *discount)
{
  if (messages_are_chinese () && discount->name_zh != NULL)
    return discount->name_zh;
  return discount->name_en ? discount->name_en : discount->id;
}

static AnjuDiscount *
discount_copy (const AnjuDiscount *d)
{
  AnjuDiscount *copy = g_new0 (AnjuDiscount, 1);

  copy->id = g_strdup (d->id);
  copy->name_en = g_strdup (d->name_en);
  copy->name_zh = g_strdup (d->name_zh);
  copy->rate_permille = d->rate_permille;
  return copy;
}

static AnjuDiscount *
discount_from_object (JsonObject *object)
{
  AnjuDiscount *d;
  gint64 rate = json_object_get_int_member_with_default (object, "rate_permille", 0);

  if (json_object_get_string_member_with_default (object, "id", NULL) == NULL || rate < 1 ||
      rate > 1000)
    return NULL;
  d = g_new0 (AnjuDiscount, 1);
  d->id = g_strdup (json_object_get_string_member (object, "id"));
  d->name_en = g_strdup (json_object_get_string_member_with_default (object, "name_en", d->id));
  d->name_zh = g_strdup (json_object_get_string_member_with_default (object, "name_zh",
                                                                     d->name_en));
  d->rate_permille = (guint)rate;
  return d;
}

static GPtrArray *
discounts_from_array (JsonArray *array)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_discount_free);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      AnjuDiscount *d;

      if (JSON_NODE_HOLDS_OBJECT (node) && (d = discount_from_object (json_node_get_object (node))))
        g_ptr_array_add (list, d);
    }
  return list;
}

GPtrArray *
anju_pricing_dup_published (AnjuStore  *store,
                            const char *project_id)
{
  g_autoptr(JsonNode) node = anju_policy_dup_value (store, project_id, "discounts.published");
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  return discounts_from_array (array);
}

guint
anju_pricing_get_discretion_min (AnjuStore  *store,
                                 const char *project_id)
{
  gint64 min = anju_policy_get_int (store, project_id,
                                    "discounts.consultant_discretion_permille_min", 1000);

  return (guint)CLAMP (min, 1, 1000);
}

gboolean
anju_pricing_discretion_needs_approval (guint discretion_permille,
                                        guint discretion_min)
{
  return discretion_permille < discretion_min;
}

gint64
anju_pricing_get_wait_flag_minutes (AnjuStore  *store,
                                    const char *project_id)
{
  return anju_policy_get_int (store, project_id, "negotiation.wait_flag_minutes",
                              ANJU_PRICING_DEFAULT_WAIT_FLAG_MINUTES);
}

gint64
anju_pricing_end_of_day (gint64 utc_usec)
{
  GTimeZone *zone = anju_format_get_time_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autoptr(GDateTime) midnight = g_date_time_new (zone, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

  return g_date_time_to_unix (next) * G_USEC_PER_SEC;
}

/* One step of a chain as the policy gives it. */
typedef struct
{
  int     step;
  char   *role;
  char   *title_en;
  char   *title_zh;
  gint64  approves_down_to;   /* permille; 0: no limit of its own */
} ChainStep;

static void
chain_step_free (ChainStep *s)
{
  g_free (s->role);
  g_free (s->title_en);
  g_free (s->title_zh);
  g_free (s);
}

static const char *
chain_step_title (const ChainStep *s)
{
  return messages_are_chinese () ? s->title_zh : s->title_en;
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const ChainStep *x = *(ChainStep * const *)a;
  const ChainStep *y = *(ChainStep * const *)b;

  return (x->step > y->step) - (x->step < y->step);
}

/* The chain from a JSON array; NULL if any step is unusable. */
static GPtrArray *
chain_from_array (JsonArray *array)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify)chain_step_free);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *o;
      ChainStep *s;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      o = json_node_get_object (node);
      /* Only managers and admins decide; a chain naming anyone else is
       * a mistake in the policy, not a way around the rule. */
      if ((anju_role_from_string (json_object_get_string_member_with_default (o, "role", NULL)) &
           (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) == 0)
        return NULL;
      s = g_new0 (ChainStep, 1);
      s->step = (int)json_object_get_int_member_with_default (o, "step", i + 1);
      s->role = g_strdup (json_object_get_string_member (o, "role"));
      s->title_en = g_strdup (json_object_get_string_member_with_default (o, "title_en", s->role));
      s->title_zh = g_strdup (json_object_get_string_member_with_default (o, "title_zh",
                                                                          s->title_en));
      s->approves_down_to = json_object_get_int_member_with_default (o,
                                                                     "approves_down_to_permille", 0);
      g_ptr_array_add (chain, s);
    }
  if (chain->len == 0)
    return NULL;
  g_ptr_array_sort (chain, compare_steps);
  /* Renumber 1..n: the step numbers people see are the order. */
  for (guint i = 0; i < chain->len; i++)
    ((ChainStep *)g_ptr_array_index (chain, i))->step = i + 1;
  return g_steal_pointer (&chain);
}

static JsonArray *
chain_to_array (GPtrArray *chain)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < chain->len; i++)
    {
      ChainStep *s = g_ptr_array_index (chain, i);
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "step", s->step);
      json_object_set_string_member (o, "role", s->role);
      json_object_set_string_member (o, "title_en", s->title_en);
      json_object_set_string_member (o, "title_zh", s->title_zh);
      if (s->approves_down_to > 0)
        json_object_set_int_member (o, "approves_down_to_permille", s->approves_down_to);
      json_array_add_object_element (array, o);
    }
  return array;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static GPtrArray *
chain_from_text (const char *text)
{
  g_autoptr(JsonNode) node = parse_json (text);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? chain_from_array (json_node_get_array (node)) : NULL;
}

static GPtrArray *
discounts_from_text (const char *text)
{
  g_autoptr(JsonNode) node = parse_json (text);
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  return discounts_from_array (array);
}

static JsonObject *
object_from_text (const char *text)
{
  g_autoptr(JsonNode) node = parse_json (text);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_object_ref (json_node_get_object (node));
  return json_object_new ();
}

static char *
node_to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* ---- statuses ----------------------------------------------------------- */

static const struct
{
  const char *name;
  const char *label;
} quote_statuses[] = {
  [ANJU_QUOTE_OPEN] = { "open", N_("Within the published range") },
  [ANJU_QUOTE_NEEDS_APPROVAL] = { "needs_approval", N_("Needs approval") },
  [ANJU_QUOTE_PENDING] = { "pending", N_("Waiting for approval") },
  [ANJU_QUOTE_APPROVED] = { "approved", N_("Approved") },
  [ANJU_QUOTE_REJECTED] = { "rejected", N_("Rejected") },
  [ANJU_QUOTE_USED] = { "used", N_("Used for the deal") },
  [ANJU_QUOTE_EXPIRED] = { "expired", N_("Expired") },
};

const char *
anju_quote_status_to_string (AnjuQuoteStatus status)
{
  g_return_val_if_fail (status <= ANJU_QUOTE_EXPIRED, "open");
  return quote_statuses[status].name;
}

const char *
anju_quote_status_get_label (AnjuQuoteStatus status)
{
  g_return_val_if_fail (status <= ANJU_QUOTE_EXPIRED, "");
  return _(quote_statuses[status].label);
}

static AnjuQuoteStatus
quote_status_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (quote_statuses); i++)
    if (g_strcmp0 (quote_statuses[i].name, name) == 0)
      return i;
  return ANJU_QUOTE_OPEN;
}

/* ---- queries ------------------------------------------------------------ */

void
anju_approval_step_free (AnjuApprovalStep *step)
{
  if (step == NULL)
    return;
  g_free (step->role);
  g_free (step->title);
  g_free (step->decider_id);
  g_free (step->decider_name);
  g_free (step->decision);
  g_free (step->comment);
  g_free (step->decided_at);
  g_free (step);
}

void
anju_quote_free (AnjuQuote *q)
{
  if (q == NULL)
    return;
  g_free (q->id);
  g_free (q->project_id);
  g_free (q->unit_id);
  g_free (q->unit_label);
  g_free (q->customer_id);
  g_free (q->customer_name);
  g_free (q->consultant_id);
  g_free (q->consultant_name);
  g_clear_pointer (&q->discounts, g_ptr_array_unref);
  g_clear_pointer (&q->checklist, json_object_unref);
  g_free (q->note);
  g_free (q->created_at);
  g_free (q->approval_id);
  g_free (q->approval_status);
  g_free (q->approval_comment);
  g_free (q->approval_step_title);
  g_free (q->approval_deciders);
  g_free (q->approval_expires_at);
  g_clear_pointer (&q->approval_decisions, g_ptr_array_unref);
  g_free (q);
}

void
anju_approval_free (AnjuApproval *a)
{
  if (a == NULL)
    return;
  g_free (a->id);
  g_free (a->quote_id);
  g_free (a->unit_id);
  g_free (a->unit_label);
  g_free (a->customer_id);
  g_free (a->customer_name);
  g_free (a->requested_by);
  g_free (a->requester_name);
  g_free (a->requested_at);
  g_free (a->reason);
  g_clear_pointer (&a->discounts, g_ptr_array_unref);
  g_clear_pointer (&a->checklist, json_object_unref);
  g_free (a->note);
  g_free (a->status);
  g_free (a->step_title);
  g_free (a->expires_at);
  g_free (a->kind);
  g_clear_pointer (&a->steps, g_ptr_array_unref);
  g_free (a);
}

static gboolean
has_passed (const char *deadline,
            const char *now)
{
  return deadline != NULL && strcmp (now, deadline) >= 0;
}

#define QUOTE_COLUMNS \
  "q.id, q.project_id, q.unit_id, b.name || '-' || u.number, q.customer_id, c.name, " \
  "q.consultant_id, cu.display_name, q.price_version, q.list_price, q.gross_area, q.discounts, " \
  "q.discretion_permille, q.computed_price, q.range_floor, q.asked_price, q.price, q.price_per_m2, " \
  "q.below_floor_price, q.status, q.locked, q.checklist, q.note, q.wait_seconds, q.wait_flagged, " \
  "q.created_at, a.id, a.status, a.current_step, a.steps, a.expires_at, " \
  "(SELECT s.comment FROM approval_steps s WHERE s.approval_id = a.id ORDER BY s.step DESC LIMIT 1) "

#define QUOTE_FROM \
  "FROM quotes q JOIN units u ON u.id = q.unit_id JOIN buildings b ON b.id = u.building_id " \
  "LEFT JOIN customers c ON c.id = q.customer_id LEFT JOIN users cu ON cu.id = q.consultant_id " \
  "LEFT JOIN approvals a ON a.id = (SELECT a2.id FROM approvals a2 WHERE a2.quote_id = q.id " \
  "AND a2.kind = 'discount' ORDER BY a2.requested_at DESC, a2.rowid DESC LIMIT 1) "

static AnjuQuote *
quote_from_stmt (sqlite3_stmt *stmt,
                 const char   *now)
{
  AnjuQuote *q = g_new0 (AnjuQuote, 1);

  q->id = anju_stmt_dup_text (stmt, 0);
  q->project_id = anju_stmt_dup_text (stmt, 1);
  q->unit_id = anju_stmt_dup_text (stmt, 2);
  q->unit_label = anju_stmt_dup_text (stmt, 3);
  q->customer_id = anju_stmt_dup_text (stmt, 4);
  q->customer_name = anju_stmt_dup_text (stmt, 5);
  q->consultant_id = anju_stmt_dup_text (stmt, 6);
  q->consultant_name = anju_stmt_dup_text (stmt, 7);
  q->price_version = sqlite3_column_int64 (stmt, 8);
  q->list_price = sqlite3_column_int64 (stmt, 9);
  q->gross_area = sqlite3_column_int64 (stmt, 10);
  q->discounts = discounts_from_text ((const char *)sqlite3_column_text (stmt, 11));
  q->discretion_permille = sqlite3_column_int (stmt, 12);
  q->computed_price = sqlite3_column_int64 (stmt, 13);
  q->range_floor = sqlite3_column_int64 (stmt, 14);
  q->asked_price = sqlite3_column_int64 (stmt, 15);
  q->price = sqlite3_column_int64 (stmt, 16);
  q->price_per_m2 = sqlite3_column_int64 (stmt, 17);
  q->below_floor_price = sqlite3_column_int (stmt, 18) != 0;
  q->status = quote_status_from_string ((const char *)sqlite3_column_text (stmt, 19));
  q->locked = sqlite3_column_int (stmt, 20) != 0;
  q->checklist = object_from_text ((const char *)sqlite3_column_text (stmt, 21));
  q->note = anju_stmt_dup_text (stmt, 22);
  q->wait_seconds = sqlite3_column_type (stmt, 23) == SQLITE_NULL
                    ? -1 : sqlite3_column_int64 (stmt, 23);
  q->wait_flagged = sqlite3_column_int (stmt, 24) != 0;
  q->created_at = anju_stmt_dup_text (stmt, 25);
  q->approval_id = anju_stmt_dup_text (stmt, 26);
  q->approval_status = anju_stmt_dup_text (stmt, 27);
  q->approval_step = sqlite3_column_int (stmt, 28);
  q->approval_steps = sqlite3_column_int (stmt, 29);
  q->approval_expires_at = anju_stmt_dup_text (stmt, 30);
  q->approval_comment = anju_stmt_dup_text (stmt, 31);
  q->approval_decisions = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_approval_step_free);

  /* An approval runs out at the end of its day unless the deal was made. */
  if ((q->status == ANJU_QUOTE_PENDING || q->status == ANJU_QUOTE_APPROVED) &&
      has_passed (q->approval_expires_at, now))
    {
      q->status = ANJU_QUOTE_EXPIRED;
      g_free (q->approval_status);
      q->approval_status = g_strdup ("expired");
    }
  return q;
}

/* The decided steps of @quote's latest approval, with who decided them. */
static gboolean
fill_decisions (AnjuStore  *store,
                AnjuQuote  *quote,
                GError    **error)
{
  gboolean chinese = messages_are_chinese ();
  sqlite3_stmt *stmt;
  int rc;

  if (quote->approval_id == NULL)
    return TRUE;
  if (!(stmt = anju_store_prepare (store,
          "SELECT s.step, s.role, s.title_en, s.title_zh, s.decider_id, u.display_name, "
          "s.decision, s.comment, s.decided_at FROM approval_steps s "
          "LEFT JOIN users u ON u.id = s.decider_id WHERE s.approval_id = ? ORDER BY s.step", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, quote->approval_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuApprovalStep *s = g_new0 (AnjuApprovalStep, 1);
      const char *title_en = (const char *)sqlite3_column_text (stmt, 2);
      const char *title_zh = (const char *)sqlite3_column_text (stmt, 3);

      s->step = sqlite3_column_int (stmt, 0);
      s->role = anju_stmt_dup_text (stmt, 1);
      s->title = g_strdup (chinese && title_zh != NULL ? title_zh : title_en);
      s->decider_id = anju_stmt_dup_text (stmt, 4);
      s->decider_name = anju_stmt_dup_text (stmt, 5);
      s->decision = anju_stmt_dup_text (stmt, 6);
      s->comment = anju_stmt_dup_text (stmt, 7);
      s->decided_at = anju_stmt_dup_text (stmt, 8);
      g_ptr_array_add (quote->approval_decisions, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

AnjuQuote *
anju_quote_load (AnjuStore   *store,
                 const char  *quote_id,
                 GError     **error)
{
  g_autofree char *now = anju_store_now_string (store);
  AnjuQuote *quote = NULL;
  sqlite3_stmt *stmt;

  if (quote_id == NULL ||
      !(stmt = anju_store_prepare (store, "SELECT " QUOTE_COLUMNS QUOTE_FROM "WHERE q.id = ?",
                                   error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, quote_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    quote = quote_from_stmt (stmt, now);
  sqlite3_reset (stmt);
  if (quote != NULL && !fill_decisions (store, quote, error))
    g_clear_pointer (&quote, anju_quote_free);
  return quote;
}

/* The waiting step's title and who may decide it, for a pending quote. */
static gboolean
fill_next_deciders (AnjuStore  *store,
                    AnjuQuote  *quote,
                    GError    **error)
{
  g_autoptr(AnjuApproval) approval = NULL;
  g_autoptr(GPtrArray) deciders = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  if (quote->approval_id == NULL || g_strcmp0 (quote->approval_status, "pending") != 0)
    return TRUE;
  if (!(approval = anju_approval_load (store, quote->approval_id, error)) ||
      !(deciders = anju_approval_dup_next_deciders (store, approval, error)))
    return FALSE;
  for (guint i = 0; approval->steps != NULL && i < approval->steps->len; i++)
    {
      const AnjuApprovalStep *s = g_ptr_array_index (approval->steps, i);

      if (s->step == approval->current_step)
        quote->approval_step_title = g_strdup (s->title);
    }
  for (guint i = 0; i < deciders->len; i++)
    {
      if (i > 0)
        g_string_append (names, "、");
      g_string_append (names, ((AnjuUser *)g_ptr_array_index (deciders, i))->display_name);
    }
  quote->approval_deciders = g_string_free (g_steal_pointer (&names), FALSE);
  return TRUE;
}

GPtrArray *
anju_quotes_list_for_consultant (AnjuStore   *store,
                                 const char  *consultant_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_quote_free);
  g_autofree char *now = anju_store_now_string (store);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = anju_store_prepare (store,
          "SELECT " QUOTE_COLUMNS QUOTE_FROM "WHERE q.consultant_id = ? "
          "ORDER BY q.created_at DESC, q.rowid DESC", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, consultant_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, quote_from_stmt (stmt, now));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!fill_next_deciders (store, g_ptr_array_index (list, i), error) ||
        !fill_decisions (store, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

static GPtrArray *
load_steps (AnjuStore   *store,
            const char  *approval_id,
            GPtrArray   *chain,
            GError     **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_approval_step_free);
  sqlite3_stmt *stmt;

  for (guint i = 0; chain != NULL && i < chain->len; i++)
    {
      ChainStep *c = g_ptr_array_index (chain, i);
      AnjuApprovalStep *s = g_new0 (AnjuApprovalStep, 1);

      s->step = c->step;
      s->role = g_strdup (c->role);
      s->title = g_strdup (chain_step_title (c));
      g_ptr_array_add (steps, s);
    }
  if (!(stmt = anju_store_prepare (store,
          "SELECT s.step, s.decider_id, u.display_name, s.decision, s.comment, s.decided_at "
          "FROM approval_steps s LEFT JOIN users u ON u.id = s.decider_id "
          "WHERE s.approval_id = ? ORDER BY s.step", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, approval_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int n = sqlite3_column_int (stmt, 0);
      AnjuApprovalStep *s;

      if (n < 1 || (guint)n > steps->len)
        continue;
      s = g_ptr_array_index (steps, n - 1);
      s->decider_id = anju_stmt_dup_text (stmt, 1);
      s->decider_name = anju_stmt_dup_text (stmt, 2);
      s->decision = anju_stmt_dup_text (stmt, 3);
      s->comment = anju_stmt_dup_text (stmt, 4);
      s->decided_at = anju_stmt_dup_text (stmt, 5);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&steps);
}

AnjuApproval *
anju_approval_load (AnjuStore   *store,
                    const char  *approval_id,
                    GError     **error)
{
  g_autofree char *now = anju_store_now_string (store);
  g_autofree char *chain_text = NULL, *quote_status = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(AnjuApproval) a = NULL;
  sqlite3_stmt *stmt;
  gint64 flag_minutes;
  gboolean found;

  if (approval_id == NULL ||
      !(stmt = anju_store_prepare (store,
          "SELECT a.id, a.quote_id, a.unit_id, b.name || '-' || u.number, a.customer_id, c.name, "
          "a.requested_by, ru.display_name, a.requested_at, a.reason, q.list_price, q.computed_price, "
          "q.range_floor, a.asked_price, q.discounts, q.discretion_permille, q.checklist, q.note, "
          "a.needs_top, a.status, a.current_step, a.steps, a.expires_at, a.chain, q.status, a.project_id, a.kind "
          "FROM approvals a JOIN quotes q ON q.id = a.quote_id JOIN units u ON u.id = a.unit_id "
          "JOIN buildings b ON b.id = u.building_id LEFT JOIN customers c ON c.id = a.customer_id "
          "LEFT JOIN users ru ON ru.id = a.requested_by WHERE a.id = ?", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, approval_id, -1, SQLITE_TRANSIENT);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    {
      a = g_new0 (AnjuApproval, 1);
      a->id = anju_stmt_dup_text (stmt, 0);
      a->quote_id = anju_stmt_dup_text (stmt, 1);
      a->unit_id = anju_stmt_dup_text (stmt, 2);
      a->unit_label = anju_stmt_dup_text (stmt, 3);
      a->customer_id = anju_stmt_dup_text (stmt, 4);
      a->customer_name = anju_stmt_dup_text (stmt, 5);
      a->requested_by = anju_stmt_dup_text (stmt, 6);
      a->requester_name = anju_stmt_dup_text (stmt, 7);
      a->requested_at = anju_stmt_dup_text (stmt, 8);
      a->reason = anju_stmt_dup_text (stmt, 9);
      a->list_price = sqlite3_column_int64 (stmt, 10);
      a->computed_price = sqlite3_column_int64 (stmt, 11);
      a->range_floor = sqlite3_column_int64 (stmt, 12);
      a->asked_price = sqlite3_column_int64 (stmt, 13);
      a->asked_permille = anju_pricing_permille_of (a->asked_price, a->list_price);
      a->discounts = discounts_from_text ((const char *)sqlite3_column_text (stmt, 14));
      a->discretion_permille = sqlite3_column_int (stmt, 15);
      a->checklist = object_from_text ((const char *)sqlite3_column_text (stmt, 16));
      a->note = anju_stmt_dup_text (stmt, 17);
      a->below_floor_price = sqlite3_column_int (stmt, 18) != 0;
      a->status = anju_stmt_dup_text (stmt, 19);
      a->current_step = sqlite3_column_int (stmt, 20);
      a->steps_total = sqlite3_column_int (stmt, 21);
      a->expires_at = anju_stmt_dup_text (stmt, 22);
      chain_text = anju_stmt_dup_text (stmt, 23);
      quote_status = anju_stmt_dup_text (stmt, 24);
      flag_minutes = anju_pricing_get_wait_flag_minutes (store,
                                                         (const char *)sqlite3_column_text (stmt, 25));
      a->kind = anju_stmt_dup_text (stmt, 26);
    }
  sqlite3_reset (stmt);
  if (!found)
    return NULL;

  if ((g_str_equal (a->status, "pending") ||
       (g_str_equal (a->status, "approved") && g_strcmp0 (quote_status, "used") != 0)) &&
      has_passed (a->expires_at, now))
    {
      g_free (a->status);
      a->status = g_strdup ("expired");
    }
  if (g_str_equal (a->status, "pending"))
    {
      gint64 requested = 0, current = 0;

      if (anju_clock_parse_utc (a->requested_at, &requested) &&
          anju_clock_parse_utc (now, &current))
        a->wait_flagged = current - requested > flag_minutes * 60 * G_USEC_PER_SEC;
    }
  chain = chain_from_text (chain_text);
  if (!(a->steps = load_steps (store, a->id, chain, error)))
    return NULL;
  if (a->current_step >= 1 && (guint)a->current_step <= a->steps->len)
    {
      AnjuApprovalStep *waiting = g_ptr_array_index (a->steps, a->current_step - 1);
      a->step_title = g_strdup (waiting->title);
    }
  return g_steal_pointer (&a);
}

GPtrArray *
anju_approvals_list_waiting (AnjuStore      *store,
                             const AnjuUser *user,
                             GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_approval_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *now = anju_store_now_string (store);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = anju_store_prepare (store,
          "SELECT a.id FROM approvals a WHERE a.status = 'pending' AND a.expires_at > ?1 "
          "AND (a.requested_by IS NULL OR ?2 IS NULL OR a.requested_by <> ?2) "
          "AND NOT EXISTS (SELECT 1 FROM approval_steps s WHERE s.approval_id = a.id "
          "                AND s.decider_id = ?2) "
          "ORDER BY a.requested_at, a.rowid", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, user->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, anju_stmt_dup_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AnjuApproval) a = anju_approval_load (store, g_ptr_array_index (ids, i), error);

      if (a == NULL)
        {
          if (error != NULL && *error != NULL)
            return NULL;
          continue;
        }
      if (anju_approval_may_decide (user, a))
        g_ptr_array_add (list, g_steal_pointer (&a));
    }
  return g_steal_pointer (&list);
}

/* ---- command helpers ---------------------------------------------------- */

static void
set_subject (AnjuCommandContext *ctx,
             const char         *kind,
             const char         *id)
{
  g_autofree char *subject = g_strconcat (kind, ":", id, NULL);

  anju_command_context_set_subject (ctx, subject);
}

static gboolean
get_note (JsonObject  *payload,
          const char  *field,
          gboolean     required,
          char       **out,
          GError     **error)
{
  const char *text = NULL;

  if (!anju_payload_get_string (payload, field, required, &text, error))
    return FALSE;
  if (anju_text_is_blank (text))
    {
      if (required)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, field,
                               _("Write a few words for “%s”."), field);
          return FALSE;
        }
      return TRUE;
    }
  *out = g_strstrip (g_strdup (text));
  if (g_utf8_strlen (*out, -1) > MAX_NOTE_CHARS)
    {
      g_clear_pointer (out, g_free);
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("Write “%s” in at most %d characters."), field, MAX_NOTE_CHARS);
      return FALSE;
    }
  return TRUE;
}

static const struct
{
  const char *key;
  const char *label;
  gboolean    required_for_request;
} checklist_items[] = {
  { "unit_locked", N_("the unit is held for the customer"), TRUE },
  { "decision_holder", N_("the customer holds the purchase decision"), TRUE },
  { "signing_date_agreed", N_("the signing date is agreed"), TRUE },
  /* xgettext:no-c-format */
  { "down_payment_affordable", N_("a down payment of 30–40% is affordable"), TRUE },
  { "credit_checked", N_("the mortgage credit is checked"), TRUE },
  { "hot_unit", N_("the unit is a hot one"), FALSE },
  { "on_site_special", N_("an on-site special is running"), FALSE },
};

/* Merges the booleans of payload member "checklist" into @into. */
static gboolean
read_checklist (JsonObject  *payload,
                JsonObject  *into,
                GError     **error)
{
  JsonObject *given = NULL;
  g_autoptr(GList) members = NULL;

  if (!anju_payload_get_object (payload, "checklist", FALSE, &given, error))
    return FALSE;
  if (given == NULL)
    return TRUE;
  members = json_object_get_members (given);
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (given, l->data);
      g_autofree char *field = g_strconcat ("checklist.", (const char *)l->data, NULL);
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (checklist_items); i++)
        known |= g_str_equal (checklist_items[i].key, l->data);
      if (!known)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                               _("“%s” is not an item of the negotiation checklist."),
                               (const char *)l->data);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                               _("Each checklist item is true or false."));
          return FALSE;
        }
      json_object_set_boolean_member (into, l->data, json_node_get_boolean (node));
    }
  return TRUE;
}

static JsonObject *
new_checklist (void)
{
  JsonObject *checklist = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (checklist_items); i++)
    json_object_set_boolean_member (checklist, checklist_items[i].key, FALSE);
  return checklist;
}

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return node_to_text (node);
}

/* The unit as a quote needs it. */
typedef struct
{
  char    *project_id;
  char    *label;
  AnjuFen  list_price;
  AnjuFen  floor_price;
  gint64   gross_area;
  gint64   price_version;
} QuoteUnit;

static void
quote_unit_clear (QuoteUnit *u)
{
  g_free (u->project_id);
  g_free (u->label);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QuoteUnit, quote_unit_clear)

static gboolean
load_quote_unit (AnjuStore   *store,
                 const char  *unit_id,
                 QuoteUnit   *out,
                 GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT b.project_id, b.name || '-' || u.number, u.list_price, u.floor_price, u.gross_area, "
      "u.price_version FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    {
      out->project_id = anju_stmt_dup_text (stmt, 0);
      out->label = anju_stmt_dup_text (stmt, 1);
      out->list_price = sqlite3_column_int64 (stmt, 2);
      out->floor_price = sqlite3_column_int64 (stmt, 3);
      out->gross_area = sqlite3_column_int64 (stmt, 4);
      out->price_version = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (!found)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "unit_id",
                         _("There is no unit with this id. Choose the unit on the board."));
  return found;
}

/* The unit must be held, unexpired, by the actor. */
static gboolean
check_held_by_actor (AnjuCommandContext  *ctx,
                     const char          *unit_id,
                     const char          *label,
                     const char          *field,
                     char               **hold_id,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_autofree char *holder = NULL;
  g_autoptr(AnjuUnitRow) row = NULL;

  if (!anju_units_get_active_hold (store, unit_id, anju_command_context_get_now_string (ctx),
                                   hold_id, &holder, error))
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, field,
                           _("Unit %s is not held for you. Hold it before you negotiate its price."),
                           label);
      return FALSE;
    }
  if (actor->id != NULL && g_strcmp0 (holder, actor->id) == 0)
    return TRUE;
  row = anju_unit_load (store, unit_id, NULL);
  {
    g_autofree char *until = anju_format_datetime (row ? row->hold_expires_at : 0);

    anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, field,
                         _("Unit %s is held by %s until %s."), label,
                         row && row->holder_name ? row->holder_name : "?", until);
  }
  if (hold_id != NULL)
    g_clear_pointer (hold_id, g_free);
  return FALSE;
}

static gboolean
load_customer_name (AnjuStore   *store,
                    const char  *customer_id,
                    char       **name,
                    GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, "SELECT name FROM customers WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    *name = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (!found)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "customer_id",
                         _("There is no customer with this id. Search for the customer again."));
  return found;
}

/* The published discounts named in payload member "discount_ids", in the
 * order given. */
static GPtrArray *
read_discounts (AnjuStore   *store,
                const char  *project_id,
                JsonObject  *payload,
                GError     **error)
{
  g_autoptr(GPtrArray) published = anju_pricing_dup_published (store, project_id);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_discount_free);
  JsonNode *node = json_object_get_member (payload, "discount_ids");
  JsonArray *ids;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&chosen);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "discount_ids",
                           _("“discount_ids” is a list of discount ids."));
      return NULL;
    }
  ids = json_node_get_array (node);
  if (json_array_get_length (ids) > ANJU_PRICING_MAX_RATES - 1)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "discount_ids",
                           _("At most %d discounts combine on one quote."), ANJU_PRICING_MAX_RATES - 1);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonNode *element = json_array_get_element (ids, i);
      const char *id = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
                       ? json_node_get_string (element) : NULL;
      AnjuDiscount *found = NULL;

      for (guint j = 0; id != NULL && j < published->len; j++)
        if (g_str_equal (((AnjuDiscount *)g_ptr_array_index (published, j))->id, id))
          found = g_ptr_array_index (published, j);
      if (found == NULL)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint j = 0; j < published->len; j++)
            g_string_append_printf (names, "%s%s", names->len ? ", " : "",
                                    ((AnjuDiscount *)g_ptr_array_index (published, j))->id);
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "discount_ids",
                               _("“%s” is not a published discount of this project. The published ones are: %s."),
                               id ? id : "?", names->len ? names->str : _("none"));
          return NULL;
        }
      for (guint j = 0; j < chosen->len; j++)
        if (g_str_equal (((AnjuDiscount *)g_ptr_array_index (chosen, j))->id, id))
          {
            anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "discount_ids",
                                 _("The discount “%s” is listed twice; each applies once."),
                                 anju_discount_get_name (found));
            return NULL;
          }
      g_ptr_array_add (chosen, discount_copy (found));
    }
  return g_steal_pointer (&chosen);
}

static JsonArray *
discounts_to_array (GPtrArray *discounts)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < discounts->len; i++)
    {
      AnjuDiscount *d = g_ptr_array_index (discounts, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "id", d->id);
      json_object_set_string_member (o, "name_en", d->name_en);
      json_object_set_string_member (o, "name_zh", d->name_zh);
      json_object_set_int_member (o, "rate_permille", d->rate_permille);
      json_array_add_object_element (array, o);
    }
  return array;
}

/* list × the discounts × @last (the discretion, or its minimum). */
AnjuFen
anju_pricing_price_with (AnjuFen    list,
                         GPtrArray *discounts,
                         guint      last)
{
  guint rates[ANJU_PRICING_MAX_RATES];
  guint n = 0;

  for (guint i = 0; i < discounts->len && n < ANJU_PRICING_MAX_RATES - 1; i++)
    rates[n++] = ((AnjuDiscount *)g_ptr_array_index (discounts, i))->rate_permille;
  rates[n++] = last;
  return anju_pricing_apply (list, rates, n);
}

/* ---- quote.create ------------------------------------------------------- */

static gboolean
apply_quote_create (AnjuCommandContext  *ctx,
                    JsonObject          *payload,
                    GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  const char *unit_id, *customer_id, *started_text = NULL;
  g_auto(QuoteUnit) unit = { 0 };
  g_autoptr(GPtrArray) discounts = NULL;
  g_autoptr(JsonObject) checklist = new_checklist ();
  g_autoptr(JsonNode) discounts_node = NULL;
  g_autofree char *customer_name = NULL, *hold_id = NULL, *note = NULL, *id = NULL;
  g_autofree char *discounts_text = NULL, *checklist_text = NULL, *summary = NULL;
  g_autofree char *price_text = NULL, *list_text = NULL;
  gint64 discretion = 1000, asked = 0, wait_seconds = -1;
  AnjuFen computed, range_floor, price, per_m2;
  gboolean below_floor, needs_approval, wait_flagged = FALSE;
  guint discretion_min;
  sqlite3_stmt *stmt;
  JsonObject *result;

  if (!anju_payload_get_string (payload, "unit_id", TRUE, &unit_id, error) ||
      !anju_payload_get_string (payload, "customer_id", TRUE, &customer_id, error) ||
      !anju_payload_get_int (payload, "discretion_permille", FALSE, &discretion, error) ||
      !anju_payload_get_int (payload, "asked_price", FALSE, &asked, error) ||
      !anju_payload_get_string (payload, "negotiation_started_at", FALSE, &started_text, error) ||
      !get_note (payload, "note", FALSE, &note, error) ||
      !read_checklist (payload, checklist, error))
    return FALSE;
  if (!load_quote_unit (store, unit_id, &unit, error))
    return FALSE;
  if (!(discounts = read_discounts (store, unit.project_id, payload, error)))
    return FALSE;
  if (discretion < 1 || discretion > 1000)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "discretion_permille",
                           _("The discretion is a rate in permille from 1 to 1000 (990 is 99折)."));
      return FALSE;
    }
  if (json_object_has_member (payload, "asked_price") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (payload, "asked_price")) &&
      (asked <= 0 || asked > unit.list_price))
    {
      list_text = anju_format_money (unit.list_price);
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "asked_price",
                           _("The asked price is a whole number of fen, more than 0 and at most the list price (%s)."),
                           list_text);
      return FALSE;
    }
  if (!load_customer_name (store, customer_id, &customer_name, error) ||
      !check_held_by_actor (ctx, unit_id, unit.label, "unit_id", &hold_id, error))
    return FALSE;

  if (started_text != NULL)
    {
      gint64 started = 0;

      if (!anju_clock_parse_utc (started_text, &started) ||
          started > anju_command_context_get_now (ctx))
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "negotiation_started_at",
                               _("The negotiation start is a time in ISO 8601 (2026-11-26T06:30:00Z), not in the future."));
          return FALSE;
        }
      wait_seconds = (anju_command_context_get_now (ctx) - started) / G_USEC_PER_SEC;
      wait_flagged = wait_seconds > 60 * anju_pricing_get_wait_flag_minutes (store, unit.project_id);
    }

  /* The unit is locked by construction: the hold was checked above. */
  json_object_set_boolean_member (checklist, "unit_locked", TRUE);

  discretion_min = anju_pricing_get_discretion_min (store, unit.project_id);
  computed = anju_pricing_price_with (unit.list_price, discounts, (guint)discretion);
  range_floor = anju_pricing_price_with (unit.list_price, discounts, discretion_min);
  price = asked > 0 ? asked : computed;
  per_m2 = anju_pricing_per_m2 (price, unit.gross_area);
  below_floor = unit.floor_price > 0 && price < unit.floor_price;
  needs_approval = anju_pricing_discretion_needs_approval ((guint)discretion, discretion_min) ||
                   (asked > 0 && asked < computed) ||
                   below_floor;

  discounts_node = json_node_init_array (json_node_alloc (), discounts_to_array (discounts));
  discounts_text = node_to_text (discounts_node);
  checklist_text = object_to_text (checklist);
  id = anju_command_context_new_id (ctx);
  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO quotes (id, project_id, unit_id, customer_id, consultant_id, hold_id, "
          "price_version, list_price, gross_area, discounts, discretion_permille, computed_price, "
          "range_floor, asked_price, price, price_per_m2, below_floor_price, status, locked, checklist, "
          "note, negotiation_started_at, wait_seconds, wait_flagged, created_at, updated_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, 0, "
          "?19, ?20, ?21, ?22, ?23, ?24, ?24)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, unit.project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, unit_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, customer_id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 5, actor->id);
  sqlite3_bind_text (stmt, 6, hold_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, unit.price_version);
  sqlite3_bind_int64 (stmt, 8, unit.list_price);
  sqlite3_bind_int64 (stmt, 9, unit.gross_area);
  sqlite3_bind_text (stmt, 10, discounts_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, discretion);
  sqlite3_bind_int64 (stmt, 12, computed);
  sqlite3_bind_int64 (stmt, 13, range_floor);
  if (asked > 0)
    sqlite3_bind_int64 (stmt, 14, asked);
  else
    sqlite3_bind_null (stmt, 14);
  sqlite3_bind_int64 (stmt, 15, price);
  sqlite3_bind_int64 (stmt, 16, per_m2);
  sqlite3_bind_int (stmt, 17, below_floor);
  sqlite3_bind_text (stmt, 18, needs_approval ? "needs_approval" : "open", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 19, checklist_text, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 20, note);
  anju_stmt_bind_text_or_null (stmt, 21, started_text);
  if (wait_seconds >= 0)
    sqlite3_bind_int64 (stmt, 22, wait_seconds);
  else
    sqlite3_bind_null (stmt, 22);
  sqlite3_bind_int (stmt, 23, wait_flagged);
  sqlite3_bind_text (stmt, 24, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "quotes", id);

  price_text = anju_format_money (price);
  list_text = anju_format_money (unit.list_price);
  summary = needs_approval
            ? g_strdup_printf (_("Quote for unit %s: %s (list price %s), needs approval"),
                               unit.label, price_text, list_text)
            : g_strdup_printf (_("Quote for unit %s: %s (list price %s)"), unit.label, price_text, list_text);
  if (!anju_customer_add_event (ctx, customer_id, "quote", summary, note, error))
    return FALSE;

  set_subject (ctx, "quote", id);
  result = anju_command_context_get_result (ctx);
  json_object_set_string_member (result, "quote_id", id);
  json_object_set_int_member (result, "price", price);
  json_object_set_int_member (result, "computed_price", computed);
  json_object_set_int_member (result, "range_floor", range_floor);
  json_object_set_int_member (result, "price_per_m2", per_m2);
  json_object_set_int_member (result, "price_version", unit.price_version);
  json_object_set_boolean_member (result, "needs_approval", needs_approval);
  json_object_set_boolean_member (result, "wait_flagged", wait_flagged);
  return TRUE;
}

/* ---- discount.request --------------------------------------------------- */

/* The project's approval.chain, checked, and as stored text. */
static gboolean
load_chain (AnjuStore   *store,
            const char  *project_id,
            GPtrArray  **chain_out,
            char       **text_out,
            GError     **error)
{
  g_autoptr(JsonNode) policy = anju_policy_dup_value (store, project_id, "approval.chain");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) chain = NULL;

  if (policy == NULL || !JSON_NODE_HOLDS_ARRAY (policy) ||
      !(chain = chain_from_array (json_node_get_array (policy))))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, NULL,
                           _("This project has no usable approval chain (policy approval.chain). Ask the administrator to set it."));
      return FALSE;
    }
  node = json_node_init_array (json_node_alloc (), chain_to_array (chain));
  *text_out = node_to_text (node);
  *chain_out = g_steal_pointer (&chain);
  return TRUE;
}

static gboolean
insert_approval (AnjuCommandContext         *ctx,
                 const char                 *id,
                 const AnjuApprovalRequest  *r,
                 GPtrArray                  *chain,
                 const char                 *chain_text,
                 GError                    **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO approvals (id, quote_id, project_id, unit_id, customer_id, requested_by, "
      "requested_at, asked_price, reason, needs_top, chain, steps, current_step, status, expires_at, "
      "kind, final_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'pending', ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, r->quote_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, r->project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, r->unit_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, r->customer_id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 6, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 7, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, r->asked_price);
  sqlite3_bind_text (stmt, 9, r->reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, r->needs_top);
  sqlite3_bind_text (stmt, 11, chain_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 12, chain->len);
  sqlite3_bind_text (stmt, 13, r->expires_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, r->kind, -1, SQLITE_TRANSIENT);
  if (r->final_step > 0)
    sqlite3_bind_int (stmt, 15, MIN ((guint)r->final_step, chain->len));
  else
    sqlite3_bind_null (stmt, 15);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "approvals", id);
  return TRUE;
}

char *
anju_approval_request_change (AnjuCommandContext         *ctx,
                              const AnjuApprovalRequest  *request,
                              GError                    **error)
{
  g_autoptr(GPtrArray) chain = NULL;
  g_autofree char *chain_text = NULL;
  g_autofree char *id = NULL;

  if (!load_chain (anju_command_context_get_store (ctx), request->project_id, &chain, &chain_text, error))
    return NULL;
  id = anju_command_context_new_id (ctx);
  if (!insert_approval (ctx, id, request, chain, chain_text, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* discount.request, step by step: read the payload, check the quote, the
 * asked price, that no request for the unit and customer is pending and
 * the checklist, then mark the quote pending and route the request. */

typedef struct
{
  const char *quote_id;
  AnjuFen     asked;
  char       *reason;
} DiscountPayload;

static void
discount_payload_clear (DiscountPayload *p)
{
  g_free (p->reason);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DiscountPayload, discount_payload_clear)

static gboolean
read_discount_payload (JsonObject       *payload,
                       DiscountPayload  *out,
                       GError          **error)
{
  return anju_payload_get_string (payload, "quote_id", TRUE, &out->quote_id, error) &&
         anju_payload_get_int (payload, "asked_price", TRUE, &out->asked, error) &&
         get_note (payload, "reason", TRUE, &out->reason, error);
}

/* The quote, made by the actor and still open to a request. */
static AnjuQuote *
load_requestable_quote (AnjuCommandContext  *ctx,
                        const char          *quote_id,
                        GError             **error)
{
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_autoptr(AnjuQuote) quote = anju_quote_load (anju_command_context_get_store (ctx), quote_id, error);

  if (quote == NULL)
    {
      if (error == NULL || *error == NULL)
        anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "quote_id",
                             _("There is no quote with this id. Make the quote first."));
      return NULL;
    }
  if (actor->id == NULL || g_strcmp0 (quote->consultant_id, actor->id) != 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "quote_id",
                           _("This quote is %s's. Only the consultant who made it can ask for its discount."),
                           quote->consultant_name ? quote->consultant_name : "?");
      return NULL;
    }
  switch (quote->status)
    {
    case ANJU_QUOTE_OPEN:
    case ANJU_QUOTE_NEEDS_APPROVAL:
      return g_steal_pointer (&quote);
    case ANJU_QUOTE_PENDING:
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "quote_id",
                           _("An approval for this quote is already waiting at step %d of %d. Wait for the decision."),
                           quote->approval_step, quote->approval_steps);
      return NULL;
    case ANJU_QUOTE_APPROVED:
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "quote_id",
                           _("This quote is approved and locked; its price cannot change. Make a new quote for another price."));
      return NULL;
    case ANJU_QUOTE_REJECTED:
    case ANJU_QUOTE_EXPIRED:
    case ANJU_QUOTE_USED:
    default:
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "quote_id",
                           _("This quote is closed (%s). Make a new quote."),
                           anju_quote_status_get_label (quote->status));
      return NULL;
    }
}

/* The asked price is beyond the range (else it needs no approval); sets
 * whether it is below the unit's floor price, which only the last step
 * may cross. */
static gboolean
check_asked_price (AnjuStore        *store,
                   const AnjuQuote  *quote,
                   AnjuFen           asked,
                   gboolean         *needs_top,
                   GError          **error)
{
  AnjuFen floor_price = 0;
  sqlite3_stmt *stmt;

  if (asked <= 0 || asked > quote->list_price)
    {
      g_autofree char *list_text = anju_format_money (quote->list_price);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "asked_price",
                           _("The asked price is a whole number of fen, more than 0 and at most the list price (%s)."),
                           list_text);
      return FALSE;
    }
  if (!(stmt = anju_store_prepare (store, "SELECT floor_price FROM units WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, quote->unit_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    floor_price = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  *needs_top = floor_price > 0 && asked < floor_price;
  if (asked >= quote->range_floor && asked >= quote->computed_price && !*needs_top)
    {
      g_autofree char *asked_text = anju_format_money (asked);

      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "asked_price",
                           _("%s is within the published range for unit %s; it needs no approval. Make the quote at this price."),
                           asked_text, quote->unit_label);
      return FALSE;
    }
  return TRUE;
}

/* One discount request at a time for a unit and a customer: a second one,
 * from this quote or another, would only be decided twice. */
static gboolean
check_no_pending_request (AnjuCommandContext  *ctx,
                          const AnjuQuote     *quote,
                          GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT a.current_step, a.steps, ru.display_name FROM approvals a "
      "LEFT JOIN users ru ON ru.id = a.requested_by "
      "WHERE a.kind = 'discount' AND a.status = 'pending' AND a.expires_at > ? "
      "AND a.unit_id = ? AND a.customer_id = ? ORDER BY a.requested_at LIMIT 1", error);
  gboolean pending;
  int step = 0, steps = 0;
  g_autofree char *requester = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, quote->unit_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, quote->customer_id, -1, SQLITE_TRANSIENT);
  if ((pending = sqlite3_step (stmt) == SQLITE_ROW))
    {
      step = sqlite3_column_int (stmt, 0);
      steps = sqlite3_column_int (stmt, 1);
      requester = anju_stmt_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (!pending)
    return TRUE;
  anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "quote_id",
                       _("A discount request for unit %s and %s is already waiting at step %d of %d (asked by %s). Wait for that decision before asking again."),
                       quote->unit_label, quote->customer_name ? quote->customer_name : "?",
                       step, steps, requester ? requester : "?");
  return FALSE;
}

/* The standard's checklist before asking: all must hold. Returns the
 * quote's checklist with the payload's answers merged in. */
static JsonObject *
complete_checklist (JsonObject       *payload,
                    const AnjuQuote  *quote,
                    GError          **error)
{
  g_autoptr(JsonObject) checklist = json_object_ref (quote->checklist);
  g_autoptr(GString) missing = g_string_new (NULL);

  if (!read_checklist (payload, checklist, error))
    return NULL;
  json_object_set_boolean_member (checklist, "unit_locked", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (checklist_items); i++)
    if (checklist_items[i].required_for_request &&
        !json_object_get_boolean_member_with_default (checklist, checklist_items[i].key, FALSE))
      g_string_append_printf (missing, "%s%s", missing->len ? _("; ") : "", _(checklist_items[i].label));
  if (missing->len > 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "checklist",
                           _("Before asking for a discount, make sure that %s."), missing->str);
      return NULL;
    }
  return g_steal_pointer (&checklist);
}

/* policy approval.expires: "end_of_day" is the one rule there is. */
static char *
dup_request_expiry (AnjuCommandContext *ctx,
                    const char         *project_id)
{
  g_autofree char *policy_expiry = anju_policy_dup_string (anju_command_context_get_store (ctx),
                                                           project_id, "approval.expires",
                                                           "end_of_day");

  if (!g_str_equal (policy_expiry, "end_of_day"))
    g_debug ("Unknown approval.expires “%s”; using end_of_day", policy_expiry);
  return anju_clock_format_utc (anju_pricing_end_of_day (anju_command_context_get_now (ctx)));
}

static gboolean
mark_quote_pending (AnjuCommandContext  *ctx,
                    const AnjuQuote     *quote,
                    AnjuFen              asked,
                    JsonObject          *checklist,
                    GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *checklist_text = object_to_text (checklist);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE quotes SET status = 'pending', asked_price = ?, checklist = ?, updated_at = ? "
      "WHERE id = ? AND locked = 0", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, asked);
  sqlite3_bind_text (stmt, 2, checklist_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, quote->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "quotes", quote->id);
  return TRUE;
}

static gboolean
add_request_event (AnjuCommandContext  *ctx,
                   const AnjuQuote     *quote,
                   AnjuFen              asked,
                   const char          *reason,
                   GError             **error)
{
  g_autofree char *asked_text = anju_format_money (asked);
  g_autofree char *list_text = anju_format_money (quote->list_price);
  g_autofree char *summary = g_strdup_printf (_("Discount approval requested for unit %s: %s (list price %s)"),
                                              quote->unit_label, asked_text, list_text);

  return anju_customer_add_event (ctx, quote->customer_id, "approval", summary, reason, error);
}

static gboolean
apply_discount_request (AnjuCommandContext  *ctx,
                        JsonObject          *payload,
                        GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_auto(DiscountPayload) p = { 0 };
  g_autoptr(AnjuQuote) quote = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(JsonObject) checklist = NULL;
  g_autofree char *id = NULL, *chain_text = NULL, *expires_at = NULL;
  gboolean needs_top = FALSE;
  JsonObject *result;

  if (!read_discount_payload (payload, &p, error) ||
      !(quote = load_requestable_quote (ctx, p.quote_id, error)) ||
      !check_asked_price (store, quote, p.asked, &needs_top, error) ||
      !check_no_pending_request (ctx, quote, error) ||
      !(checklist = complete_checklist (payload, quote, error)) ||
      !check_held_by_actor (ctx, quote->unit_id, quote->unit_label, "quote_id", NULL, error) ||
      !load_chain (store, quote->project_id, &chain, &chain_text, error))
    return FALSE;

  expires_at = dup_request_expiry (ctx, quote->project_id);
  id = anju_command_context_new_id (ctx);
  if (!mark_quote_pending (ctx, quote, p.asked, checklist, error))
    return FALSE;
  {
    AnjuApprovalRequest request = {
      .kind = "discount", .quote_id = quote->id, .project_id = quote->project_id,
      .unit_id = quote->unit_id, .customer_id = quote->customer_id, .asked_price = p.asked,
      .reason = p.reason, .needs_top = needs_top, .expires_at = expires_at,
    };

    if (!insert_approval (ctx, id, &request, chain, chain_text, error))
      return FALSE;
  }
  if (!add_request_event (ctx, quote, p.asked, p.reason, error))
    return FALSE;

  set_subject (ctx, "approval", id);
  result = anju_command_context_get_result (ctx);
  json_object_set_string_member (result, "approval_id", id);
  json_object_set_string_member (result, "quote_id", quote->id);
  json_object_set_int_member (result, "current_step", 1);
  json_object_set_int_member (result, "steps", chain->len);
  json_object_set_string_member (result, "expires_at", expires_at);
  return TRUE;
}

/* ---- approval.decide ---------------------------------------------------- */

typedef struct
{
  char    *quote_id;
  char    *customer_id;
  char    *unit_label;
  char    *requested_by;
  char    *status;
  char    *expires_at;
  char    *chain_text;
  AnjuFen  asked_price;
  AnjuFen  range_floor;
  gint64   gross_area;
  gboolean needs_top;
  int      current_step;
  int      steps;
  char    *kind;
  int      final_step;        /* 0: by the steps' limits */
} StoredApproval;

static void
stored_approval_clear (StoredApproval *a)
{
  g_free (a->quote_id);
  g_free (a->customer_id);
  g_free (a->unit_label);
  g_free (a->requested_by);
  g_free (a->status);
  g_free (a->expires_at);
  g_free (a->chain_text);
  g_free (a->kind);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredApproval, stored_approval_clear)

static gboolean
load_stored_approval (AnjuStore       *store,
                      const char      *id,
                      StoredApproval  *out,
                      GError         **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT a.quote_id, a.customer_id, b.name || '-' || u.number, a.requested_by, a.status, "
      "a.expires_at, a.chain, a.asked_price, q.range_floor, q.gross_area, a.needs_top, "
      "a.current_step, a.steps, a.kind, coalesce (a.final_step, 0) FROM approvals a "
      "JOIN quotes q ON q.id = a.quote_id "
      "JOIN units u ON u.id = a.unit_id JOIN buildings b ON b.id = u.building_id WHERE a.id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    {
      out->quote_id = anju_stmt_dup_text (stmt, 0);
      out->customer_id = anju_stmt_dup_text (stmt, 1);
      out->unit_label = anju_stmt_dup_text (stmt, 2);
      out->requested_by = anju_stmt_dup_text (stmt, 3);
      out->status = anju_stmt_dup_text (stmt, 4);
      out->expires_at = anju_stmt_dup_text (stmt, 5);
      out->chain_text = anju_stmt_dup_text (stmt, 6);
      out->asked_price = sqlite3_column_int64 (stmt, 7);
      out->range_floor = sqlite3_column_int64 (stmt, 8);
      out->gross_area = sqlite3_column_int64 (stmt, 9);
      out->needs_top = sqlite3_column_int (stmt, 10) != 0;
      out->current_step = sqlite3_column_int (stmt, 11);
      out->steps = sqlite3_column_int (stmt, 12);
      out->kind = anju_stmt_dup_text (stmt, 13);
      out->final_step = sqlite3_column_int (stmt, 14);
    }
  sqlite3_reset (stmt);
  if (!found)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "approval_id",
                         _("There is no approval request with this id. Refresh the approvals list."));
  return found;
}

/* Why @actor may not decide the waiting step @current_step of a request
 * in @status made by @requested_by, whose steps are @steps
 * (AnjuApprovalStep*, decided ones with their decider): the one rule
 * approval.decide and anju_approval_may_decide() share. @expires_at and
 * @now NULL: the status already says whether it ran out. */
static gboolean
check_may_decide (const AnjuUser  *actor,
                  const char      *status,
                  const char      *expires_at,
                  const char      *now,
                  const char      *requested_by,
                  GPtrArray       *steps,
                  int              current_step,
                  GError         **error)
{
  const AnjuApprovalStep *waiting;
  AnjuRole role;

  if (g_strcmp0 (status, "pending") != 0)
    {
      if (g_strcmp0 (status, "approved") == 0)
        anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "approval_id",
                             _("This request is already approved. There is nothing left to decide."));
      else if (g_strcmp0 (status, "expired") == 0)
        anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "approval_id",
                             _("This request expired at the end of the day it was made. The consultant can ask again."));
      else
        anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "approval_id",
                             _("This request was already rejected. The consultant can make a new quote."));
      return FALSE;
    }
  if (now != NULL && has_passed (expires_at, now))
    {
      gint64 end = 0;
      g_autofree char *day = NULL;

      /* The last instant of the day it was made names the day. */
      anju_clock_parse_utc (expires_at, &end);
      day = anju_format_date (end - 1);
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "approval_id",
                           _("This request expired at the end of %s, the day it was made. The consultant can ask again."),
                           day);
      return FALSE;
    }
  if (actor->id != NULL && g_strcmp0 (requested_by, actor->id) == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "approval_id",
                           _("You made this request; someone else must decide it."));
      return FALSE;
    }
  if (steps == NULL || current_step < 1 || (guint)current_step > steps->len)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "approval_id",
                           _("This request's approval chain is damaged. Ask the consultant to request again."));
      return FALSE;
    }
  waiting = g_ptr_array_index (steps, current_step - 1);
  for (guint i = 0; actor->id != NULL && i < steps->len; i++)
    {
      const AnjuApprovalStep *s = g_ptr_array_index (steps, i);

      if (s->decider_id != NULL && g_str_equal (s->decider_id, actor->id))
        {
          g_autofree char *earlier = g_strdup_printf ("%d", s->step);

          anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "approval_id",
                               _("You decided step %s of this request; step %d (%s) must be decided by someone else."),
                               earlier, waiting->step, waiting->title);
          return FALSE;
        }
    }
  role = anju_role_from_string (waiting->role);
  if (role != actor->role)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "approval_id",
                           _("Step %d (%s) is decided by a %s."), waiting->step, waiting->title,
                           anju_role_get_label (role));
      return FALSE;
    }
  return TRUE;
}

gboolean
anju_approval_may_decide (const AnjuUser     *actor,
                          const AnjuApproval *approval)
{
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (approval != NULL, FALSE);

  return check_may_decide (actor, approval->status, NULL, NULL, approval->requested_by,
                           approval->steps, approval->current_step, NULL);
}

/* approval.decide, step by step: read the decision, load the request and
 * its steps, check that the actor may decide, work out where the request
 * goes, write the step, apply the outcome, tell the customer's timeline. */

typedef struct
{
  const char *approval_id;
  const char *decision;     /* "approve" or "reject" */
  gboolean    approve;
  char       *comment;
} DecidePayload;

static void
decide_payload_clear (DecidePayload *p)
{
  g_free (p->comment);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DecidePayload, decide_payload_clear)

static gboolean
read_decide_payload (JsonObject     *payload,
                     DecidePayload  *out,
                     GError        **error)
{
  if (!anju_payload_get_string (payload, "approval_id", TRUE, &out->approval_id, error) ||
      !anju_payload_get_string (payload, "decision", TRUE, &out->decision, error))
    return FALSE;
  if (!g_str_equal (out->decision, "approve") && !g_str_equal (out->decision, "reject"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "decision",
                           _("The decision is “approve” or “reject”."));
      return FALSE;
    }
  out->approve = g_str_equal (out->decision, "approve");
  /* A rejection says why. */
  return get_note (payload, "comment", !out->approve, &out->comment, error);
}

/* Where the request goes after this step: "approved", "rejected" or still
 * "pending" at the next step. A step with a limit of its own finishes a
 * request it covers; a floor price is crossed only by the last step. */
static const char *
decide_outcome (const StoredApproval *a,
                const ChainStep      *step,
                guint                 n_steps,
                gboolean              approve,
                int                  *next_step)
{
  AnjuFen covered;
  gboolean final;

  *next_step = a->current_step;
  if (!approve)
    return "rejected";
  covered = step->approves_down_to > 0
            ? anju_money_round_div (a->range_floor * step->approves_down_to, 1000)
            : G_MAXINT64;
  final = a->current_step == (int)n_steps ||
          (a->final_step > 0 ? a->current_step >= a->final_step
                             : !a->needs_top && step->approves_down_to > 0 && a->asked_price >= covered);
  if (final)
    return "approved";
  *next_step = a->current_step + 1;
  return "pending";
}

static gboolean
write_decision (AnjuCommandContext    *ctx,
                const char            *approval_id,
                const StoredApproval  *a,
                const ChainStep       *step,
                const DecidePayload   *p,
                const char            *new_status,
                int                    next_step,
                GError               **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *now = anju_command_context_get_now_string (ctx);
  g_autofree char *step_id = anju_command_context_new_id (ctx);
  sqlite3_stmt *stmt;

  if (!(stmt = anju_store_prepare (store,
          "UPDATE approvals SET status = ?, current_step = ?, decided_at = ? "
          "WHERE id = ? AND status = 'pending' AND current_step = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, new_status, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, next_step);
  if (g_str_equal (new_status, "pending"))
    sqlite3_bind_null (stmt, 3);
  else
    sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, approval_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, a->current_step);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "approvals", approval_id);

  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO approval_steps (id, approval_id, step, role, title_en, title_zh, decider_id, "
          "decision, comment, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, step_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, approval_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, step->step);
  sqlite3_bind_text (stmt, 4, step->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, step->title_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, step->title_zh, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 7, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 8, p->decision, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 9, p->comment);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "approval_steps", step_id);
  return TRUE;
}

/* Once decided: a discount locks (or closes) its quote at exactly the
 * asked price; a change to a deal (更名, special discount, 换房) is applied
 * by its domain. */
static gboolean
apply_outcome (AnjuCommandContext    *ctx,
               const char            *approval_id,
               const StoredApproval  *a,
               const char            *new_status,
               GError               **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  gboolean approved = g_str_equal (new_status, "approved");
  sqlite3_stmt *stmt;

  if (g_str_equal (new_status, "pending"))
    return TRUE;
  if (!g_str_equal (a->kind, "discount"))
    return anju_change_request_decided (ctx, approval_id, approved, error);

  if (!(stmt = anju_store_prepare (store,
          "UPDATE quotes SET status = ?, locked = ?, price = CASE WHEN ? THEN ? ELSE price END, "
          "price_per_m2 = CASE WHEN ? THEN ? ELSE price_per_m2 END, updated_at = ? "
          "WHERE id = ? AND status = 'pending'", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, new_status, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, approved);
  sqlite3_bind_int (stmt, 3, approved);
  sqlite3_bind_int64 (stmt, 4, a->asked_price);
  sqlite3_bind_int (stmt, 5, approved);
  sqlite3_bind_int64 (stmt, 6, anju_pricing_per_m2 (a->asked_price, a->gross_area));
  sqlite3_bind_text (stmt, 7, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, a->quote_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "quotes", a->quote_id);
  return TRUE;
}

static gboolean
add_decision_event (AnjuCommandContext    *ctx,
                    const StoredApproval  *a,
                    const ChainStep       *step,
                    const char            *new_status,
                    int                    next_step,
                    const char            *comment,
                    GError               **error)
{
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_autofree char *asked_text = anju_format_money (a->asked_price);
  g_autofree char *summary = NULL;

  if (!g_str_equal (a->kind, "discount"))
    summary = g_strdup_printf (_("Step %d of the change request for unit %s decided by %s (%s): %s"),
                               step->step, a->unit_label, actor->display_name, chain_step_title (step),
                               g_str_equal (new_status, "pending") ? _("approved, waiting for the next step")
                               : g_str_equal (new_status, "approved") ? _("approved") : _("rejected"));
  else if (g_str_equal (new_status, "approved"))
    summary = g_strdup_printf (_("Discount approved for unit %s at %s by %s (%s)"),
                               a->unit_label, asked_text, actor->display_name, chain_step_title (step));
  else if (g_str_equal (new_status, "rejected"))
    summary = g_strdup_printf (_("Discount rejected for unit %s at %s by %s (%s)"),
                               a->unit_label, asked_text, actor->display_name, chain_step_title (step));
  else
    summary = g_strdup_printf (_("Step %d of the discount approval for unit %s approved by %s (%s); waiting for step %d"),
                               step->step, a->unit_label, actor->display_name, chain_step_title (step),
                               next_step);
  return anju_customer_add_event (ctx, a->customer_id, "approval", summary, comment, error);
}

static gboolean
apply_approval_decide (AnjuCommandContext  *ctx,
                       JsonObject          *payload,
                       GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_auto(DecidePayload) p = { 0 };
  g_auto(StoredApproval) a = { 0 };
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  const char *new_status;
  ChainStep *step;
  JsonObject *result;
  int next_step;

  if (!read_decide_payload (payload, &p, error) ||
      !load_stored_approval (store, p.approval_id, &a, error))
    return FALSE;
  chain = chain_from_text (a.chain_text);
  if (chain != NULL && !(steps = load_steps (store, p.approval_id, chain, error)))
    return FALSE;
  if (!check_may_decide (anju_command_context_get_actor (ctx), a.status, a.expires_at,
                         anju_command_context_get_now_string (ctx), a.requested_by,
                         steps, a.current_step, error))
    return FALSE;
  step = g_ptr_array_index (chain, a.current_step - 1);

  new_status = decide_outcome (&a, step, chain->len, p.approve, &next_step);
  if (!write_decision (ctx, p.approval_id, &a, step, &p, new_status, next_step, error) ||
      !apply_outcome (ctx, p.approval_id, &a, new_status, error) ||
      !add_decision_event (ctx, &a, step, new_status, next_step, p.comment, error))
    return FALSE;

  set_subject (ctx, "approval", p.approval_id);
  result = anju_command_context_get_result (ctx);
  json_object_set_string_member (result, "approval_id", p.approval_id);
  json_object_set_string_member (result, "quote_id", a.quote_id);
  json_object_set_string_member (result, "status", new_status);
  json_object_set_int_member (result, "current_step", next_step);
  json_object_set_int_member (result, "steps", chain->len);
  return TRUE;
}

/* ---- who decides next ---------------------------------------------------- */

GPtrArray *
anju_approval_dup_next_deciders (AnjuStore           *store,
                                 const AnjuApproval  *approval,
                                 GError             **error)
{
  g_autoptr(GPtrArray) deciders = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_user_free);
  g_autoptr(GPtrArray) users = NULL;
  const AnjuApprovalStep *waiting = NULL;

  g_return_val_if_fail (approval != NULL, NULL);

  if (g_strcmp0 (approval->status, "pending") != 0)
    return g_steal_pointer (&deciders);
  for (guint i = 0; approval->steps != NULL && i < approval->steps->len; i++)
    {
      const AnjuApprovalStep *s = g_ptr_array_index (approval->steps, i);

      if (s->step == approval->current_step)
        waiting = s;
    }
  if (waiting == NULL)
    return g_steal_pointer (&deciders);
  if (!(users = anju_users_list (store, anju_role_from_string (waiting->role), error)))
    return NULL;
  for (guint i = 0; i < users->len; i++)
    {
      AnjuUser *user = g_ptr_array_index (users, i);
      gboolean decided = g_strcmp0 (user->id, approval->requested_by) == 0;

      for (guint j = 0; !decided && j < approval->steps->len; j++)
        {
          const AnjuApprovalStep *s = g_ptr_array_index (approval->steps, j);

          decided = s->decider_id != NULL && g_str_equal (s->decider_id, user->id);
        }
      if (!decided)
        g_ptr_array_add (deciders, anju_user_copy (user));
    }
  return g_steal_pointer (&deciders);
}

/* ---- the chain as policy sets it ------------------------------------------ */

GPtrArray *
anju_approval_chain_list (AnjuStore   *store,
                          const char  *project_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_approval_step_free);
  g_autofree char *text = NULL;

  if (!load_chain (store, project_id, &chain, &text, error))
    return NULL;
  for (guint i = 0; i < chain->len; i++)
    {
      ChainStep *c = g_ptr_array_index (chain, i);
      AnjuApprovalStep *s = g_new0 (AnjuApprovalStep, 1);

      s->step = c->step;
      s->role = g_strdup (c->role);
      s->title = g_strdup (chain_step_title (c));
      g_ptr_array_add (steps, s);
    }
  return g_steal_pointer (&steps);
}

/* ---- for the subscription workflow -------------------------------------- */

gboolean
anju_quote_use (AnjuCommandContext  *ctx,
                const char          *quote_id,
                const char          *unit_id,
                AnjuFen             *price,
                GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_autoptr(AnjuQuote) quote = anju_quote_load (store, quote_id, error);
  sqlite3_stmt *stmt;

  if (quote == NULL)
    {
      if (error == NULL || *error == NULL)
        anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "quote_id",
                             _("There is no quote with this id. Make the quote first."));
      return FALSE;
    }
  /* The loaded status was computed at the store's clock; the command's
   * own now decides whether the approval has run out. */
  if (quote->status == ANJU_QUOTE_APPROVED || quote->status == ANJU_QUOTE_EXPIRED)
    {
      g_autofree char *stored = NULL;

      if (!(stmt = anju_store_prepare (store, "SELECT status FROM quotes WHERE id = ?", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, quote->id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        stored = anju_stmt_dup_text (stmt, 0);
      sqlite3_reset (stmt);
      quote->status = quote_status_from_string (stored);
      if ((quote->status == ANJU_QUOTE_APPROVED || quote->status == ANJU_QUOTE_PENDING) &&
          has_passed (quote->approval_expires_at, anju_command_context_get_now_string (ctx)))
        quote->status = ANJU_QUOTE_EXPIRED;
    }
  if (g_strcmp0 (quote->unit_id, unit_id) != 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "quote_id",
                           _("This quote is for unit %s, not for this one."), quote->unit_label);
      return FALSE;
    }
  if ((actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) == 0 &&
      (actor->id == NULL || g_strcmp0 (quote->consultant_id, actor->id) != 0))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "quote_id",
                           _("This quote is %s's. Only the consultant who made it, or a manager, can use it."),
                           quote->consultant_name ? quote->consultant_name : "?");
      return FALSE;
    }
  if (quote->status != ANJU_QUOTE_OPEN && quote->status != ANJU_QUOTE_APPROVED)
    {
      if (quote->status == ANJU_QUOTE_EXPIRED)
        anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "quote_id",
                             _("The approval of this quote ran out at the end of its day. Ask for the discount again."));
      else
        anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "quote_id",
                             _("This quote cannot be used for a deal (%s). Make a new quote."),
                             anju_quote_status_get_label (quote->status));
      return FALSE;
    }
  if (!(stmt = anju_store_prepare (store,
          "UPDATE quotes SET status = 'used', locked = 1, updated_at = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, quote->id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "quotes", quote->id);
  *price = quote->price;
  return TRUE;
}

static const AnjuCommandSpec pricing_commands[] = {
  { "quote.create", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE, apply_quote_create,
    "unit_id:string customer_id:string discount_ids:array? "
    "discretion_permille:integer? asked_price:integer? negotiation_started_at:string? "
    "note:string? checklist:object?" },
  { "discount.request", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_NONE,
    apply_discount_request,
    "quote_id:string asked_price:integer reason:string checklist:object?" },
  { "approval.decide", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN, ANJU_COMMAND_FLAG_OFFICE_DECISION,
    apply_approval_decide,
    "approval_id:string decision:string comment:string?" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const approvals_topic_tables[] = { "quotes", "approvals", "approval_steps", NULL };

void
anju_pricing_register_commands (void)
{
  anju_topic_declare ("approvals", approvals_topic_tables);
  anju_commands_register (pricing_commands, G_N_ELEMENTS (pricing_commands));
}
