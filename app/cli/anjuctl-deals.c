/* anjuctl-deals.c — subscriptions, receipts and expected payments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "anju-finance.h"
#include "anju-format.h"
#include "anju-money.h"
#include "anju-policy.h"
#include "anju-subscriptions.h"
#include "anju-user.h"
#include "anjuctl.h"

typedef struct
{
  const char *date;
  const char *project;
  const char *username;
  gboolean    json;
  gboolean    all;
} Options;

/* Reads --date, --project, --user, --json, --all from @argv[@first…]. */
static gboolean
parse_options (int       argc,
               char    **argv,
               int       first,
               Options  *o)
{
  for (int i = first; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--date") && i + 1 < argc)
        o->date = argv[++i];
      else if (g_str_equal (argv[i], "--project") && i + 1 < argc)
        o->project = argv[++i];
      else if (g_str_equal (argv[i], "--user") && i + 1 < argc)
        o->username = argv[++i];
      else if (g_str_equal (argv[i], "--json"))
        o->json = TRUE;
      else if (g_str_equal (argv[i], "--all"))
        o->all = TRUE;
      else
        return FALSE;
    }
  if (o->date != NULL)
    {
      g_autofree char *iso = g_strconcat (o->date, "T00:00:00Z", NULL);
      g_autoptr(GDateTime) parsed = strlen (o->date) == 10 ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

      if (parsed == NULL)
        {
          g_printerr (_("anjuctl: date: “%s” is not a day written YYYY-MM-DD.\n"), o->date);
          return FALSE;
        }
    }
  return TRUE;
}

/* The store with the office's time zone, and the user of --user (or
 * NULL); FALSE after printing why not. */
static gboolean
open_with_user (const Options  *o,
                AnjuStore     **store,
                AnjuUser      **user)
{
  g_autofree char *zone = NULL;

  if (!(*store = anjuctl_open_store ()))
    return FALSE;
  zone = anju_policy_dup_string (*store, o->project, "office.time_zone", NULL);
  anju_format_set_time_zone (zone);
  if (o->username != NULL && !(*user = anju_user_lookup_by_name (*store, o->username)))
    {
      g_printerr (_("anjuctl: user: there is no user “%s”.\n"), o->username);
      return FALSE;
    }
  return TRUE;
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_json_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  print_json (node);
}

static void
print_json_array (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, array);
  print_json (node);
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "-";
}

/* ---- receipts ------------------------------------------------------------ */

static JsonObject *
receipt_to_json (const AnjuReceipt *r)
{
  JsonObject *o = json_object_new ();
  g_autofree char *amount = anju_money_format_plain (r->amount);
  g_autofree char *words = anju_money_to_capitals (r->amount);

  json_object_set_int_member (o, "number", r->number);
  json_object_set_string_member (o, "receipt_id", r->id);
  json_object_set_string_member (o, "paid_on", r->paid_on);
  json_object_set_string_member (o, "issued_at", r->issued_at);
  json_object_set_string_member (o, "payer", r->payer);
  json_object_set_string_member (o, "purpose", anju_payment_purpose_to_string (r->purpose));
  json_object_set_string_member (o, "method", anju_tender_to_string (r->method));
  json_object_set_string_member (o, "reference", r->reference ? r->reference : "");
  json_object_set_string_member (o, "amount", amount);
  json_object_set_string_member (o, "amount_in_words", words);
  json_object_set_string_member (o, "unit", r->unit_label ? r->unit_label : "");
  json_object_set_string_member (o, "issuer", r->issuer_name ? r->issuer_name : "");
  json_object_set_boolean_member (o, "void", r->voided);
  json_object_set_string_member (o, "void_reason", r->void_reason ? r->void_reason : "");
  json_object_set_int_member (o, "refund_of_number", r->refund_of_number);
  json_object_set_int_member (o, "reissue_of_number", r->reissue_of_number);
  json_object_set_int_member (o, "print_count", r->print_count);
  return o;
}

static void
print_receipt_line (const AnjuReceipt *r)
{
  g_autofree char *number = anju_receipt_format_number (r->number);
  g_autofree char *amount = anju_format_money (anju_receipt_get_net (r) == 0 && r->voided
                                               ? r->amount
                                               : ABS (anju_receipt_get_net (r)));
  g_autofree char *of = NULL;
  const char *state = "";

  /* TRANSLATORS: marks in anjuctl receipts list; 作废 and 退款 on paper */
  if (r->voided)
    state = _("VOID");
  if (r->refund_of_number > 0)
    {
      g_autofree char *original = anju_receipt_format_number (r->refund_of_number);

      /* TRANSLATORS: "refund of 0000012" */
      of = g_strdup_printf (_("refund of %s"), original);
    }
  else if (r->reissue_of_number > 0)
    {
      g_autofree char *original = anju_receipt_format_number (r->reissue_of_number);

      /* TRANSLATORS: "reissue of 0000012" */
      of = g_strdup_printf (_("reissue of %s"), original);
    }
  g_print ("%s\t%s\t%s\t%s\t%s\t%s%s\t%s\t%s\t%s\t%s\n", number, r->paid_on, or_dash (r->unit_label), r->payer,
           anju_payment_purpose_get_label (r->purpose), r->purpose == ANJU_PURPOSE_REFUND ? "-" : "", amount,
           anju_tender_get_label (r->method), or_dash (r->reference), or_dash (r->issuer_name),
           *state ? state : or_dash (of));
}

static int
receipts_list (const Options *o)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) user = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GError) error = NULL;

  if (!open_with_user (o, &store, &user))
    return 1;
  if (!(receipts = anju_receipts_list (store, o->project, o->date, NULL, &error)))
    {
      g_printerr ("anjuctl: %s\n", error->message);
      return 1;
    }
  if (o->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < receipts->len; i++)
        json_array_add_object_element (array, receipt_to_json (g_ptr_array_index (receipts, i)));
      print_json_array (array);
      json_array_unref (array);
      return 0;
    }
  for (guint i = 0; i < receipts->len; i++)
    print_receipt_line (g_ptr_array_index (receipts, i));
  if (receipts->len == 0)
    g_printerr (_("No receipts.\n"));
  return 0;
}

static int
receipts_summary (const Options *o)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) user = NULL;
  g_autoptr(AnjuDaySummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  if (!open_with_user (o, &store, &user))
    return 1;
  if (!(summary = anju_receipts_summarize_day (store, o->project, o->date, &error)))
    {
      g_printerr ("anjuctl: %s\n", error->message);
      return 1;
    }
  if (o->json)
    {
      g_autoptr(JsonObject) json = anju_day_summary_to_json (summary);

      print_json_object (json);
      return 0;
    }
  /* TRANSLATORS: the heading of the cashier's daily summary */
  g_print (_("Receipts of %s\n"), summary->local_date);
  for (guint m = 0; m <= ANJU_TENDER_LAST; m++)
    {
      const AnjuTenderTotal *t = &summary->methods[m];
      g_autofree char *received = anju_format_money (t->received);
      g_autofree char *refunded = anju_format_money (t->refunded);
      g_autofree char *net = anju_format_money (t->net);

      g_print ("%s\t%u\t%s\t-%s\t%s\n", anju_tender_get_label (t->method), t->count, received, refunded, net);
    }
  {
    g_autofree char *received = anju_format_money (summary->received);
    g_autofree char *refunded = anju_format_money (summary->refunded);
    g_autofree char *net = anju_format_money (summary->net);

    /* TRANSLATORS: the total line of the daily summary */
    g_print ("%s\t%u\t%s\t-%s\t%s\n", _("Total"), summary->count, received, refunded, net);
    g_print (ngettext ("%u receipt voided.\n", "%u receipts voided.\n", summary->voided), summary->voided);
  }
  return 0;
}

int
anjuctl_receipts_run (int    argc,
                      char **argv)
{
  Options o = { 0 };

  if (argc < 2 || !parse_options (argc, argv, 2, &o) ||
      (!g_str_equal (argv[1], "list") && !g_str_equal (argv[1], "summary")))
    {
      g_printerr (_("Usage: anjuctl receipts list|summary [--date YYYY-MM-DD] [--project ID] [--json]\n"));
      return 2;
    }
  return g_str_equal (argv[1], "list") ? receipts_list (&o) : receipts_summary (&o);
}

/* ---- expected payments ---------------------------------------------------- */

static JsonObject *
expected_to_json (const AnjuExpectedPayment *p)
{
  JsonObject *o = json_object_new ();
  g_autofree char *amount = anju_money_format_plain (p->amount);
  g_autofree char *paid = anju_money_format_plain (p->paid);

  json_object_set_string_member (o, "expected_payment_id", p->id);
  json_object_set_string_member (o, "subscription_id", p->subscription_id);
  json_object_set_string_member (o, "unit", p->unit_label);
  json_object_set_string_member (o, "customer", p->customer_name ? p->customer_name : "");
  json_object_set_string_member (o, "consultant", p->consultant_name ? p->consultant_name : "");
  json_object_set_string_member (o, "purpose", anju_payment_purpose_to_string (p->purpose));
  json_object_set_string_member (o, "label", p->label ? p->label : "");
  json_object_set_string_member (o, "amount", amount);
  json_object_set_string_member (o, "paid", paid);
  json_object_set_string_member (o, "due_on", p->due_on);
  json_object_set_string_member (o, "status", anju_due_status_to_string (p->status));
  json_object_set_int_member (o, "days_left", p->days_left);
  return o;
}

static int
payments_due (const Options *o)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) user = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  if (!open_with_user (o, &store, &user))
    return 1;
  if (!(list = anju_payments_list_expected (store, o->project, user ? user->id : NULL, o->all, &error)))
    {
      g_printerr ("anjuctl: %s\n", error->message);
      return 1;
    }
  if (o->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < list->len; i++)
        json_array_add_object_element (array, expected_to_json (g_ptr_array_index (list, i)));
      print_json_array (array);
      json_array_unref (array);
      return 0;
    }
  for (guint i = 0; i < list->len; i++)
    {
      AnjuExpectedPayment *p = g_ptr_array_index (list, i);
      g_autofree char *amount = anju_format_money (p->amount - p->paid);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p->due_on, anju_due_status_get_label (p->status), p->unit_label,
               or_dash (p->customer_name), p->label ? p->label : anju_payment_purpose_get_label (p->purpose),
               amount, or_dash (p->consultant_name));
    }
  if (list->len == 0)
    g_printerr (_("No payments expected.\n"));
  return 0;
}

int
anjuctl_payments_run (int    argc,
                      char **argv)
{
  Options o = { 0 };

  if (argc < 2 || !g_str_equal (argv[1], "due") || !parse_options (argc, argv, 2, &o) || o.date != NULL)
    {
      g_printerr (_("Usage: anjuctl payments due [--user NAME] [--all] [--project ID] [--json]\n"));
      return 2;
    }
  return payments_due (&o);
}

/* ---- subscriptions --------------------------------------------------------- */

int
anjuctl_subscriptions_run (int    argc,
                           char **argv)
{
  Options o = { 0 };
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) user = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array = NULL;
  gint64 now;

  if (argc < 2 || !g_str_equal (argv[1], "list") || !parse_options (argc, argv, 2, &o) || o.date != NULL)
    {
      g_printerr (_("Usage: anjuctl subscriptions list [--user NAME] [--all] [--project ID] [--json]\n"));
      return 2;
    }
  if (!open_with_user (&o, &store, &user))
    return 1;
  if (!(list = anju_subscriptions_list (store, o.project, user ? user->id : NULL, !o.all, &error)))
    {
      g_printerr ("anjuctl: %s\n", error->message);
      return 1;
    }
  now = anju_store_now (store);
  if (o.json)
    array = json_array_new ();
  for (guint i = 0; i < list->len; i++)
    {
      AnjuSubscription *s = g_ptr_array_index (list, i);
      gint64 left = anju_subscription_cooling_off_left (s, now);
      g_autofree char *price = anju_money_format_plain (s->price);
      g_autofree char *deposit = anju_money_format_plain (s->deposit);
      g_autofree char *paid = anju_money_format_plain (s->deposit_paid);
      g_autofree char *left_text = anju_subscription_format_time_left (left);

      if (array != NULL)
        {
          JsonObject *row = json_object_new ();

          json_object_set_string_member (row, "subscription_id", s->id);
          json_object_set_string_member (row, "quote_id", s->quote_id);
          json_object_set_string_member (row, "unit", s->unit_label);
          json_object_set_string_member (row, "customer", s->customer_name);
          json_object_set_string_member (row, "consultant", s->consultant_name ? s->consultant_name : "");
          json_object_set_string_member (row, "status", anju_subscription_status_to_string (s->status));
          json_object_set_string_member (row, "price", price);
          json_object_set_string_member (row, "deposit", deposit);
          json_object_set_string_member (row, "deposit_paid", paid);
          json_object_set_string_member (row, "payment_method", s->payment_method);
          json_object_set_string_member (row, "signing_deadline", s->signing_deadline);
          json_object_set_string_member (row, "cooling_off_ends_at", s->cooling_off_ends_at);
          json_object_set_int_member (row, "cooling_off_seconds_left", left / G_USEC_PER_SEC);
          json_array_add_object_element (array, row);
          continue;
        }
      g_print ("%s\t%s\t%s\t%s\t%s\t%s/%s\t%s\t%s\n", s->unit_label, s->customer_name,
               anju_subscription_status_get_label (s->status), price, anju_payment_method_get_label (s->payment_method),
               paid, deposit, s->signing_deadline,
               s->status == ANJU_SUBSCRIPTION_ACTIVE ? left_text : "-");
    }
  if (array != NULL)
    {
      print_json_array (array);
      json_array_unref (array);
    }
  else if (list->len == 0)
    g_printerr (_("No subscriptions.\n"));
  return 0;
}
