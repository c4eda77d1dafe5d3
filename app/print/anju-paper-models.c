/* anju-paper-models.c — the papers' models, filled from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Maps what core knows of a subscription, its payment plan and a receipt
 * onto the models of docs/papers.md. Amounts become decimal strings of yuan
 * with two places; codes take the spelling of the templates' labels
 * (data/templates/common.json). The only price a model carries is the
 * subscription's, which is its approved quote's: no list price goes in.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-clock.h"
#include "anju-finance.h"
#include "anju-format.h"
#include "anju-paper.h"
#include "anju-payment-plan.h"
#include "anju-pricing.h"
#include "anju-projects.h"
#include "anju-subscriptions.h"
#include "anju-units.h"

/* "one_time" → "one-time", "co_owner" → "co-owner": the templates' codes. */
static void
set_code (JsonObject *object,
          const char *member,
          const char *code)
{
  g_autofree char *text = g_strdelimit (g_strdup (code ? code : ""), "_", '-');

  json_object_set_string_member (object, member, text);
}

static void
set_money (JsonObject *object,
           const char *member,
           AnjuFen     fen)
{
  g_autofree char *text = anju_money_format_plain (fen);

  json_object_set_string_member (object, member, text);
}

/* Hundredths of m² → "128.00", as the template's area filter takes it. */
static void
set_area (JsonObject *object,
          const char *member,
          gint64      centi_m2)
{
  g_autofree char *text = g_strdup_printf ("%lld.%02lld", (long long) (centi_m2 / 100),
                                           (long long) (centi_m2 % 100));

  json_object_set_string_member (object, member, text);
}

static void
set_optional (JsonObject *object,
              const char *member,
              const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

static JsonObject *
project_model (AnjuStore  *store,
               const char *project_id)
{
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  JsonObject *model = json_object_new ();

  json_object_set_string_member (model, "name", project ? project->name : "");
  json_object_set_string_member (model, "developer",
                                 project && project->developer ? project->developer : "");
  json_object_set_string_member (model, "address", project && project->address ? project->address : "");
  json_object_set_string_member (model, "hotline", project && project->hotline ? project->hotline : "");
  json_object_set_string_member (model, "city", project && project->city ? project->city : "");
  return model;
}

static JsonObject *
unit_model (AnjuStore  *store,
            const char *unit_id,
            const char *label)
{
  g_autoptr(AnjuUnitRow) unit = anju_unit_load (store, unit_id, NULL);
  JsonObject *model = json_object_new ();

  json_object_set_string_member (model, "label", label ? label : "");
  if (unit == NULL)
    return model;
  json_object_set_string_member (model, "building", unit->building_name);
  json_object_set_string_member (model, "number", unit->number);
  set_optional (model, "layout", unit->layout);
  set_optional (model, "orientation", unit->orientation);
  set_area (model, "gross_area", unit->gross_area);
  if (unit->inner_area > 0)
    set_area (model, "inner_area", unit->inner_area);
  return model;
}

static JsonArray *
buyers_model (const AnjuSubscription *s)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < s->buyers->len; i++)
    {
      const AnjuBuyer *b = g_ptr_array_index (s->buyers, i);
      JsonObject *row = json_object_new ();

      set_code (row, "role", b->role);
      json_object_set_string_member (row, "name", b->name);
      set_optional (row, "id_number", b->id_number);
      set_optional (row, "mobile", b->mobile);
      json_array_add_object_element (array, row);
    }
  return array;
}

/* The number the subscription form prints: RG-YYYYMMDD-first 8 of its id. */
static char *
subscription_number (const AnjuSubscription *s)
{
  g_autofree char *head = g_ascii_strup (s->id, MIN (strlen (s->id), 8));

  return g_strdup_printf ("RG-%.4s%.2s%.2s-%s", s->created_at, s->created_at + 5,
                          s->created_at + 8, head);
}

static JsonObject *
subscription_member (const AnjuSubscription *s)
{
  JsonObject *model = json_object_new ();
  g_autofree char *number = subscription_number (s);
  gint64 created = 0;

  anju_clock_parse_utc (s->created_at, &created);
  json_object_set_string_member (model, "id", s->id);
  json_object_set_string_member (model, "number", number);
  json_object_set_string_member (model, "created_at", s->created_at);
  json_object_set_string_member (model, "signing_deadline", s->signing_deadline);
  json_object_set_int_member (model, "cooling_off_hours",
                              (s->cooling_off_ends - created + G_TIME_SPAN_MINUTE) / G_TIME_SPAN_HOUR);
  json_object_set_string_member (model, "cooling_off_until", s->cooling_off_ends_at);
  set_code (model, "payment_method", s->payment_method);
  json_object_set_string_member (model, "delivery", s->delivery_date ? "completed" : "off-plan");
  set_optional (model, "delivery_date", s->delivery_date);
  return model;
}

/* The shared members and the subscription's: project, unit, buyers,
 * consultant, subscription, price (the approved one), deposit. */
static JsonObject *
subscription_model (AnjuStore               *store,
                    const AnjuSubscription  *s)
{
  JsonObject *model = json_object_new ();
  JsonObject *consultant = json_object_new ();

  json_object_set_object_member (model, "project", project_model (store, s->project_id));
  json_object_set_object_member (model, "unit", unit_model (store, s->unit_id, s->unit_label));
  json_object_set_array_member (model, "buyers", buyers_model (s));
  json_object_set_string_member (consultant, "name", s->consultant_name ? s->consultant_name : "");
  json_object_set_object_member (model, "consultant", consultant);
  json_object_set_object_member (model, "subscription", subscription_member (s));
  set_money (model, "price", s->price);
  set_money (model, "deposit", s->deposit);
  json_object_set_boolean_member (model, "copy", FALSE);
  return model;
}

/* --- the plan ------------------------------------------------------------ */

static JsonObject *
loan_model (const AnjuLoan *loan,
            const char     *kind)
{
  JsonObject *model = anju_loan_to_json (loan, 12);

  json_object_set_string_member (model, "kind", kind);
  return model;
}

static JsonArray *
discounts_model (AnjuStore  *store,
                 const char *quote_id)
{
  g_autoptr(AnjuQuote) quote = anju_quote_load (store, quote_id, NULL);
  JsonArray *array = json_array_new ();

  for (guint i = 0; quote && quote->discounts && i < quote->discounts->len; i++)
    {
      JsonObject *row = json_object_new ();

      const AnjuDiscount *discount = g_ptr_array_index (quote->discounts, i);

      /* the papers are Chinese, whatever the desk's language */
      json_object_set_string_member (row, "name", discount->name_zh ? discount->name_zh
                                                  : anju_discount_get_name (discount));
      json_array_add_object_element (array, row);
    }
  return array;
}

/* The plan's payments: the down payment's due day, the instalments and
 * the fees with their due times. */
static void
add_plan_items (JsonObject             *model,
                const AnjuPaymentPlan  *plan)
{
  JsonArray *instalments = json_array_new ();
  JsonArray *fees = json_array_new ();
  const char *down_due = plan->signing_date;

  for (guint i = 0; i < plan->items->len; i++)
    {
      const AnjuPlanItem *item = g_ptr_array_index (plan->items, i);
      g_autofree char *label = NULL;
      JsonObject *row;

      switch (item->kind)
        {
        case ANJU_PLAN_ITEM_ONE_TIME:
        case ANJU_PLAN_ITEM_DOWN_PAYMENT:
          down_due = item->due_date ? item->due_date : down_due;
          break;
        case ANJU_PLAN_ITEM_INSTALMENT:
          row = json_object_new ();
          /* "instalment_2" → 第2期房款: the papers are Chinese */
          label = g_strdup_printf ("第%s期房款", item->code + strlen ("instalment_"));
          json_object_set_string_member (row, "label", label);
          g_clear_pointer (&label, g_free);
          set_money (row, "amount", item->amount);
          set_optional (row, "due", item->due_date);
          json_array_add_object_element (instalments, row);
          break;
        case ANJU_PLAN_ITEM_FEE:
          row = json_object_new ();
          json_object_set_string_member (row, "kind", item->code);
          set_money (row, "amount", item->amount);
          json_object_set_string_member (row, "due_event", item->due_event);
          set_optional (row, "due", item->due_date);
          json_array_add_object_element (fees, row);
          break;
        case ANJU_PLAN_ITEM_DEPOSIT:
        case ANJU_PLAN_ITEM_LOAN:
        default:
          break;
        }
    }
  json_object_set_string_member (model, "down_payment_due", down_due);
  if (json_array_get_length (instalments) > 0)
    json_object_set_array_member (model, "instalments", instalments);
  else
    json_array_unref (instalments);
  json_object_set_array_member (model, "fees", fees);
}

static JsonObject *
plan_model (AnjuStore               *store,
            const AnjuSubscription  *s,
            const AnjuPaymentPlan   *plan)
{
  JsonObject *model = json_object_new ();
  JsonArray *discounts = discounts_model (store, s->quote_id);

  json_object_set_string_member (model, "created_at", s->created_at);
  set_code (model, "payment_method", s->payment_method);
  if (json_array_get_length (discounts) > 0)
    json_object_set_array_member (model, "discounts", discounts);
  else
    json_array_unref (discounts);
  set_money (model, "down_payment", plan->down_payment);
  set_money (model, "loan_amount", plan->loan_amount);
  set_money (model, "monthly_payment", plan->monthly_payment);
  if (plan->loan != NULL)
    {
      JsonArray *loans = json_array_new ();

      if (plan->provident != NULL)
        json_array_add_object_element (loans, loan_model (plan->provident, "provident"));
      if (plan->commercial != NULL)
        json_array_add_object_element (loans, loan_model (plan->commercial, "commercial"));
      json_object_set_array_member (model, "loans", loans);
      set_money (model, "loan_total_payment", plan->loan->total_payment);
    }
  add_plan_items (model, plan);
  set_money (model, "fees_total", plan->total_fees);
  set_money (model, "total", plan->total_cost);
  return model;
}

/* --- the receipt ---------------------------------------------------------- */

static JsonObject *
receipt_model (AnjuStore         *store,
               const AnjuReceipt *r)
{
  JsonObject *model = json_object_new ();
  JsonObject *receipt = json_object_new ();
  g_autofree char *number = anju_receipt_format_number (r->number);
  g_autofree char *refers_to = NULL;
  gint64 refers = r->refund_of_number ? r->refund_of_number : r->reissue_of_number;

  json_object_set_object_member (model, "project", project_model (store, r->project_id));
  if (r->unit_label != NULL)
    {
      JsonObject *unit = json_object_new ();

      json_object_set_string_member (unit, "label", r->unit_label);
      json_object_set_object_member (model, "unit", unit);
    }
  json_object_set_boolean_member (model, "copy", r->print_count > 0);
  json_object_set_string_member (receipt, "number", number);
  json_object_set_string_member (receipt, "issued_at", r->issued_at);
  json_object_set_string_member (receipt, "payer", r->payer);
  json_object_set_string_member (receipt, "purpose", anju_payment_purpose_to_string (r->purpose));
  set_optional (receipt, "description", r->note);
  json_object_set_string_member (receipt, "method", anju_tender_to_string (r->method));
  set_money (receipt, "amount", r->amount);
  json_object_set_string_member (receipt, "issuer", r->issuer_name ? r->issuer_name : "");
  json_object_set_string_member (receipt, "status", r->voided ? "void" : "valid");
  if (r->voided)
    {
      json_object_set_string_member (receipt, "void_reason", r->void_reason ? r->void_reason : "");
      json_object_set_string_member (receipt, "voided_at", r->voided_at ? r->voided_at : "");
    }
  if (refers > 0)
    {
      refers_to = anju_receipt_format_number (refers);
      json_object_set_string_member (receipt, "refers_to", refers_to);
    }
  json_object_set_object_member (model, "receipt", receipt);
  return model;
}

/* --- loading --------------------------------------------------------------- */

/* @local_error, or "there is none": @message. */
static void
set_not_found (GError     **error,
               GError      *local_error,
               char        *message)
{
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else
    g_set_error_literal (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_NOT_FOUND, message);
  g_free (message);
}

JsonObject *
anju_paper_dup_model (AnjuStore      *store,
                      AnjuPaperKind   kind,
                      const char     *id,
                      GError        **error)
{
  g_autoptr(AnjuSubscription) s = NULL;
  g_autoptr(AnjuPaymentPlan) plan = NULL;
  GError *local_error = NULL;
  JsonObject *model;

  if (kind == ANJU_PAPER_RECEIPT)
    {
      g_autoptr(AnjuReceipt) r = anju_receipt_load (store, id, &local_error);

      if (r == NULL)
        {
          set_not_found (error, local_error,
                         g_strdup_printf (_("There is no receipt with the id “%s”. List them with anjuctl receipts."), id));
          return NULL;
        }
      return receipt_model (store, r);
    }
  if (!(s = anju_subscription_load (store, id, &local_error)))
    {
      set_not_found (error, local_error,
                     g_strdup_printf (_("There is no subscription with the id “%s”. List them with anjuctl subscriptions."), id));
      return NULL;
    }
  model = subscription_model (store, s);
  if (kind == ANJU_PAPER_PAYMENT_PLAN || kind == ANJU_PAPER_MORTGAGE_NOTICE)
    {
      if (!(plan = anju_subscription_load_plan (store, s, error)))
        {
          json_object_unref (model);
          return NULL;
        }
      json_object_set_object_member (model, "plan", plan_model (store, s, plan));
    }
  return model;
}

AnjuPaper *
anju_paper_new_from_store (AnjuStore      *store,
                           AnjuPaperKind   kind,
                           const char     *id,
                           GError        **error)
{
  g_autoptr(JsonObject) model = anju_paper_dup_model (store, kind, id, error);

  return model ? anju_paper_new (kind, model, error) : NULL;
}
