/* anju-finance-view.c — 财务: payments expected, receipts, the day's totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything shown comes from core: the expected payments with their
 * status (anju_payments_list_expected: amber within the window, red when
 * overdue), the receipts with what the person may do with each
 * (anju_finance_dup_snapshot: can_void, can_refund, … and the sentence
 * why not), and the day's summary by method. The buttons run the finance
 * commands through the context, which sends them to the office server.
 */
#define G_LOG_DOMAIN "anju-finance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-finance-view.h"
#include "anju-finance.h"
#include "anju-format.h"
#include "anju-paper.h"
#include "anju-print-dialog.h"
#include "anju-ui-util.h"

struct _AnjuFinanceView
{
  AdwBin        parent_instance;

  GtkLabel     *day_label;
  GtkSpinner   *spinner;
  GtkListBox   *expected_list;
  GtkListBox   *receipts_list;
  GtkListBox   *summary_list;

  AnjuContext  *context;
  GCancellable *cancellable;
  guint         n_busy;
  gboolean      dirty;
};

G_DEFINE_FINAL_TYPE (AnjuFinanceView, anju_finance_view, ADW_TYPE_BIN)

/* ---- loading ------------------------------------------------------------ */

typedef struct
{
  GPtrArray      *expected;    /* AnjuExpectedPayment* */
  GPtrArray      *receipts;    /* AnjuReceipt*, newest first */
  GPtrArray      *snapshots;   /* JsonObject*, one per receipt */
  JsonObject     *general;     /* anju_finance_dup_snapshot without a receipt */
  AnjuDaySummary *summary;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->expected, g_ptr_array_unref);
  g_clear_pointer (&loaded->receipts, g_ptr_array_unref);
  g_clear_pointer (&loaded->snapshots, g_ptr_array_unref);
  g_clear_pointer (&loaded->general, json_object_unref);
  g_clear_pointer (&loaded->summary, anju_day_summary_free);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_finance (AnjuStore     *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  const AnjuUser *actor = data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  g_autoptr(GPtrArray) receipts = NULL;

  if (!(loaded->expected = anju_payments_list_expected (store, NULL, NULL, FALSE, error)) ||
      !(receipts = anju_receipts_list (store, NULL, NULL, NULL, error)) ||
      !(loaded->summary = anju_receipts_summarize_day (store, NULL, NULL, error)))
    return NULL;
  loaded->receipts = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_receipt_free);
  loaded->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = receipts->len; i > 0; i--)
    {
      AnjuReceipt *r = g_ptr_array_steal_index (receipts, i - 1);

      g_ptr_array_add (loaded->snapshots, anju_finance_dup_snapshot (store, actor, r));
      g_ptr_array_add (loaded->receipts, r);
    }
  loaded->general = anju_finance_dup_snapshot (store, actor, NULL);
  return g_steal_pointer (&loaded);
}

/* ---- running a command ---------------------------------------------------- */

typedef struct
{
  AnjuFinanceView *self;
  char            *done;      /* the toast on success, or NULL: the answer's */
  char            *print_id;  /* receipt.print: the receipt to print after */
} RunJob;

static void
run_job_free (RunJob *job)
{
  g_object_unref (job->self);
  g_free (job->done);
  g_free (job->print_id);
  g_free (job);
}

static void print_receipt_paper (AnjuFinanceView *self,
                                 const char      *receipt_id,
                                 gboolean         copy);

static void
on_command_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RunJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result,
                                                                  &error);
  JsonObject *res = answer && json_object_has_member (answer, "result")
                    ? json_object_get_object_member (answer, "result") : NULL;

  job->self->n_busy--;
  if (answer == NULL)
    anju_widget_show_toast (GTK_WIDGET (job->self), error->message);
  else if (job->print_id != NULL)
    print_receipt_paper (job->self, job->print_id,
                         res && json_object_get_boolean_member_with_default (res, "copy", FALSE));
  else if (res != NULL && json_object_has_member (res, "number"))
    {
      g_autofree char *number = anju_receipt_format_number (json_object_get_int_member (res, "number"));
      /* Translators: a receipt was issued; its number */
      g_autofree char *text = g_strdup_printf (_("Receipt No. %s issued"), number);

      anju_widget_show_toast (GTK_WIDGET (job->self), text);
    }
  else if (job->done != NULL)
    anju_widget_show_toast (GTK_WIDGET (job->self), job->done);
  run_job_free (job);
}

static void
run (AnjuFinanceView *self,
     const char      *type,
     JsonObject      *payload,
     const char      *done,
     const char      *print_id)
{
  RunJob *job = g_new0 (RunJob, 1);

  job->self = g_object_ref (self);
  job->done = g_strdup (done);
  job->print_id = g_strdup (print_id);
  self->n_busy++;
  anju_context_run_command_async (self->context, type, payload, NULL, on_command_done_cb, job);
}

/* ---- printing ---------------------------------------------------------------- */

typedef struct
{
  char     *receipt_id;
  gboolean  copy;
} PaperJob;

static void
paper_job_free (PaperJob *job)
{
  g_free (job->receipt_id);
  g_free (job);
}

static gpointer
load_receipt_paper (AnjuStore     *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  PaperJob *job = data;
  g_autoptr(JsonObject) model = anju_paper_dup_model (store, ANJU_PAPER_RECEIPT, job->receipt_id,
                                                      error);

  if (model == NULL)
    return NULL;
  /* this print is a copy when the office has counted one before it */
  json_object_set_boolean_member (model, "copy", job->copy);
  return anju_paper_new (ANJU_PAPER_RECEIPT, model, error);
}

static void
on_receipt_paper_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AnjuFinanceView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuPaper) paper = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  self->n_busy--;
  if (paper == NULL || !anju_print_paper (GTK_WIDGET (self), paper, &error))
    anju_widget_show_toast (GTK_WIDGET (self), error->message);
}

static void
print_receipt_paper (AnjuFinanceView *self,
                     const char      *receipt_id,
                     gboolean         copy)
{
  PaperJob *job = g_new0 (PaperJob, 1);

  job->receipt_id = g_strdup (receipt_id);
  job->copy = copy;
  self->n_busy++;
  anju_worker_run_async (anju_context_get_worker (self->context), load_receipt_paper, job,
                         (GDestroyNotify) paper_job_free, (GDestroyNotify) anju_paper_free,
                         NULL, on_receipt_paper_cb, g_object_ref (self));
}

/* ---- forms ------------------------------------------------------------------- */

/* A question with a few rows under it (AdwMessageDialog); the rows are
 * read in @response when the person says @ok. */
static AdwMessageDialog *
form_new (AnjuFinanceView *self,
          const char      *heading,
          const char      *body,
          const char      *ok,
          GtkWidget      **list_out)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         heading, body));
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "ok", ok, NULL);
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "cancel");
  *list_out = list;
  return dialog;
}

static GtkWidget *
form_add_entry (GtkWidget  *list,
                const char *title,
                const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
form_add_methods (GtkWidget *list)
{
  g_autoptr(GtkStringList) methods = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (int m = ANJU_TENDER_CASH; m <= ANJU_TENDER_LAST; m++)
    gtk_string_list_append (methods, anju_tender_get_label (m));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Paid by"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (methods));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Paid by"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* Reads an amount in yuan into @payload's "amount" (fen); FALSE with a
 * toast when it is not one. Empty: left out when @optional. */
static gboolean
read_amount (AnjuFinanceView *self,
             GtkWidget       *entry,
             gboolean         optional,
             JsonObject      *payload)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  AnjuFen fen = 0;

  if (optional && *text == '\0')
    return TRUE;
  if (!anju_money_parse (text, &fen, &error) || fen <= 0)
    {
      anju_widget_show_toast (GTK_WIDGET (self),
                              _("Give the amount in yuan, such as 50000 or 50000.00."));
      return FALSE;
    }
  json_object_set_int_member (payload, "amount", fen);
  return TRUE;
}

static void
set_text_member (JsonObject *payload,
                 const char *member,
                 GtkWidget  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (*text != '\0')
    json_object_set_string_member (payload, member, text);
}

/* record a payment ------------------------------------------------------------- */

static void
on_record_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AnjuFinanceView  *self)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  GObject *o = G_OBJECT (dialog);
  guint method = adw_combo_row_get_selected (g_object_get_data (o, "method"));

  if (!g_str_equal (response, "ok"))
    return;
  json_object_set_string_member (payload, "subscription_id", g_object_get_data (o, "subscription-id"));
  json_object_set_string_member (payload, "expected_payment_id", g_object_get_data (o, "expected-id"));
  json_object_set_string_member (payload, "purpose", g_object_get_data (o, "purpose"));
  json_object_set_string_member (payload, "method", anju_tender_to_string (method));
  set_text_member (payload, "payer", g_object_get_data (o, "payer"));
  set_text_member (payload, "reference", g_object_get_data (o, "reference"));
  if (!read_amount (self, g_object_get_data (o, "amount"), FALSE, payload))
    return;
  run (self, "payment.record", payload, NULL, NULL);
}

static void
on_record_clicked_cb (GtkButton       *button,
                      AnjuFinanceView *self)
{
  const AnjuExpectedPayment *p = g_object_get_data (G_OBJECT (button), "anju-expected");
  g_autofree char *left = anju_money_format_plain (p->amount - p->paid);
  g_autofree char *body = g_strdup_printf ("%s · %s — %s", p->unit_label,
                                           p->customer_name ? p->customer_name : "",
                                           p->label ? p->label : anju_payment_purpose_get_label (p->purpose));
  GtkWidget *list;
  AdwMessageDialog *dialog = form_new (self, _("Record a Payment"), body, _("_Issue Receipt"), &list);
  GObject *o = G_OBJECT (dialog);

  g_object_set_data_full (o, "subscription-id", g_strdup (p->subscription_id), g_free);
  g_object_set_data_full (o, "expected-id", g_strdup (p->id), g_free);
  g_object_set_data_full (o, "purpose", g_strdup (anju_payment_purpose_to_string (p->purpose)), g_free);
  g_object_set_data (o, "amount", form_add_entry (list, _("Amount (yuan)"), left));
  g_object_set_data (o, "method", form_add_methods (list));
  g_object_set_data (o, "reference", form_add_entry (list, _("Card or transfer reference"), NULL));
  g_object_set_data (o, "payer", form_add_entry (list, _("Payer (empty: the buyers)"), NULL));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_record_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* void, reissue, refund ----------------------------------------------------------- */

static void
on_receipt_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        AnjuFinanceView  *self)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  GObject *o = G_OBJECT (dialog);
  const char *type = g_object_get_data (o, "type");
  GtkWidget *amount = g_object_get_data (o, "amount");

  if (!g_str_equal (response, "ok"))
    return;
  json_object_set_string_member (payload, "receipt_id", g_object_get_data (o, "receipt-id"));
  set_text_member (payload, "reason", g_object_get_data (o, "reason"));
  if (amount != NULL && !read_amount (self, amount, TRUE, payload))
    return;
  run (self, type, payload, g_object_get_data (o, "done"), NULL);
}

static void
on_receipt_action_cb (GtkButton       *button,
                      AnjuFinanceView *self)
{
  const AnjuReceipt *r = g_object_get_data (G_OBJECT (button), "anju-receipt");
  const char *type = g_object_get_data (G_OBJECT (button), "anju-type");
  g_autofree char *number = anju_receipt_format_number (r->number);
  g_autofree char *body = NULL, *amount = NULL;
  const char *heading, *ok, *done;
  AdwMessageDialog *dialog;
  GtkWidget *list;

  if (g_str_equal (type, "receipt.print"))
    {
      g_autoptr(JsonObject) payload = json_object_new ();

      json_object_set_string_member (payload, "receipt_id", r->id);
      run (self, "receipt.print", payload, NULL, r->id);
      return;
    }
  if (g_str_equal (type, "receipt.void"))
    {
      heading = _("Void the Receipt");
      /* Translators: the receipt's number */
      body = g_strdup_printf (_("Receipt No. %s stays on file, printed 作废, with your reason."), number);
      ok = _("_Void");
      done = _("The receipt is void.");
    }
  else if (g_str_equal (type, "receipt.reissue"))
    {
      heading = _("Reissue the Receipt");
      body = g_strdup_printf (_("Receipt No. %s is voided and a new one issued with the amount below."), number);
      ok = _("_Reissue");
      done = _("The receipt is reissued.");
      amount = anju_money_format_plain (r->amount);
    }
  else
    {
      heading = _("Refund");
      body = g_strdup_printf (_("A refund receipt referring to No. %s pays back the amount below."), number);
      ok = _("_Refund");
      done = _("The refund is recorded.");
      amount = anju_money_format_plain (r->amount - r->refunded);
    }
  dialog = form_new (self, heading, body, ok, &list);
  g_object_set_data_full (G_OBJECT (dialog), "receipt-id", g_strdup (r->id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "type", g_strdup (type), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "done", g_strdup (done), g_free);
  g_object_set_data (G_OBJECT (dialog), "reason", form_add_entry (list, _("Reason"), NULL));
  if (amount != NULL)
    g_object_set_data (G_OBJECT (dialog), "amount", form_add_entry (list, _("Amount (yuan)"), amount));
  if (g_str_equal (type, "receipt.void"))
    adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_receipt_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- filling ------------------------------------------------------------------- */

static GtkWidget *
add_button (GtkWidget  *row,
            const char *label,
            const char *accessible,
            gboolean    may,
            const char *refusal)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, may);
  if (!may && refusal != NULL)
    gtk_widget_set_tooltip_text (button, refusal);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static GtkWidget *
create_expected_row (AnjuFinanceView           *self,
                     AnjuExpectedPayment       *p,
                     JsonObject                *general)
{
  GtkWidget *row = adw_action_row_new ();
  const char *what = p->label ? p->label : anju_payment_purpose_get_label (p->purpose);
  g_autofree char *title = g_strdup_printf ("%s · %s — %s", p->unit_label,
                                            p->customer_name ? p->customer_name : "", what);
  g_autofree char *subtitle = anju_expected_payment_dup_due_text (p);
  /* Translators: the accessible name of a button; the payment it records */
  g_autofree char *name = g_strdup_printf (_("Record payment: %s"), title);
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (p->status == ANJU_DUE_OVERDUE)
    gtk_widget_add_css_class (row, "task-overdue");
  else if (p->status == ANJU_DUE_SOON)
    gtk_widget_add_css_class (row, "task-due-soon");
  button = add_button (row, _("_Record Payment"), name,
                       json_object_get_boolean_member_with_default (general, "can_record_payment", FALSE),
                       json_object_get_string_member_with_default (general, "record_payment_refusal", NULL));
  g_object_set_data (G_OBJECT (button), "anju-expected", p);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_record_clicked_cb), self, 0);
  return row;
}

static GtkWidget *
create_receipt_row (AnjuFinanceView *self,
                    AnjuReceipt     *r,
                    JsonObject      *snapshot)
{
  static const struct { const char *type, *what, *label; } actions[] = {
    { "receipt.print", "print", N_("_Print") },
    { "receipt.void", "void", N_("_Void") },
    { "receipt.reissue", "reissue", N_("Re_issue") },
    { "receipt.refund", "refund", N_("Re_fund") },
  };
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *number = anju_receipt_format_number (r->number);
  g_autofree char *amount = anju_money_format (r->purpose == ANJU_PURPOSE_REFUND ? -r->amount : r->amount);
  g_autofree char *words = anju_money_to_capitals (r->amount);
  g_autofree char *title = g_strdup_printf ("No. %s · %s · %s", number, r->payer,
                                            anju_payment_purpose_get_label (r->purpose));
  g_autoptr(GString) subtitle = g_string_new (NULL);

  g_string_printf (subtitle, "%s (%s) · %s · %s", amount, words, anju_tender_get_label (r->method),
                   r->paid_on);
  if (r->unit_label != NULL)
    g_string_append_printf (subtitle, " · %s", r->unit_label);
  if (r->voided)
    /* Translators: a void receipt's reason */
    g_string_append_printf (subtitle, "\n%s", r->void_reason ? r->void_reason : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (r->voided)
    {
      GtkWidget *stamp = gtk_label_new (_("Void"));

      gtk_widget_add_css_class (stamp, "status-overdue");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), stamp);
    }
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *can = g_strconcat ("can_", actions[i].what, NULL);
      g_autofree char *why = g_strconcat (actions[i].what, "_refusal", NULL);
      g_autofree char *plain = g_strdup (_(actions[i].label));
      g_autofree char *name = NULL;
      GtkWidget *button;

      /* the button's accessible name: its label without the mnemonic, and the receipt */
      for (char *c = plain; *c; c++)
        if (*c == '_')
          memmove (c, c + 1, strlen (c));
      name = g_strdup_printf ("%s %s", plain, number);
      button = add_button (row, _(actions[i].label), name,
                           json_object_get_boolean_member_with_default (snapshot, can, FALSE),
                           json_object_get_string_member_with_default (snapshot, why, NULL));
      g_object_set_data (G_OBJECT (button), "anju-receipt", r);
      g_object_set_data (G_OBJECT (button), "anju-type", (gpointer) actions[i].type);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_receipt_action_cb), self, 0);
    }
  return row;
}

static GtkWidget *
create_summary_row (const char *title,
                    guint       count,
                    AnjuFen     received,
                    AnjuFen     refunded,
                    AnjuFen     net)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *in = anju_money_format (received);
  g_autofree char *out = anju_money_format (refunded);
  g_autofree char *sum = anju_money_format (net);
  /* Translators: a day's receipts of one method: how many, received, refunded, net */
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u receipt · received %s · refunded %s",
                                                         "%u receipts · received %s · refunded %s", count),
                                               count, in, out);
  GtkWidget *net_label = gtk_label_new (sum);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (net_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), net_label);
  return row;
}

/* Owned by the rows' buttons through the list: kept until the next fill. */
static void
fill (AnjuFinanceView *self,
      Loaded          *loaded)
{
  const AnjuDaySummary *s = loaded->summary;

  anju_ui_list_box_clear (self->expected_list);
  for (guint i = 0; i < loaded->expected->len; i++)
    gtk_list_box_append (self->expected_list,
                         create_expected_row (self, g_ptr_array_index (loaded->expected, i),
                                              loaded->general));
  anju_ui_list_box_clear (self->receipts_list);
  for (guint i = 0; i < loaded->receipts->len; i++)
    gtk_list_box_append (self->receipts_list,
                         create_receipt_row (self, g_ptr_array_index (loaded->receipts, i),
                                             g_ptr_array_index (loaded->snapshots, i)));
  anju_ui_list_box_clear (self->summary_list);
  for (int m = ANJU_TENDER_CASH; m <= ANJU_TENDER_LAST; m++)
    gtk_list_box_append (self->summary_list,
                         create_summary_row (anju_tender_get_label (m), s->methods[m].count,
                                             s->methods[m].received, s->methods[m].refunded,
                                             s->methods[m].net));
  gtk_list_box_append (self->summary_list,
                       create_summary_row (_("All methods"), s->count, s->received, s->refunded, s->net));
  {
    /* Translators: the day of the finance view's summary */
    g_autofree char *day = g_strdup_printf (_("Receipts of %s"), s->local_date);

    gtk_label_set_label (self->day_label, day);
  }
  /* the rows point into @loaded: keep it as long as they live */
  g_object_set_data_full (G_OBJECT (self), "anju-loaded", loaded, (GDestroyNotify) loaded_free);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuFinanceView) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  self->n_busy--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->spinner, self->n_busy > 0);
  if (loaded == NULL)
    {
      gtk_label_set_label (self->day_label, error->message);
      return;
    }
  fill (self, loaded);
}

void
anju_finance_view_reload (AnjuFinanceView *self)
{
  const AnjuUser *user = anju_context_get_user (self->context);

  if (user == NULL || !anju_context_get_ready (self->context))
    return;
  self->dirty = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_busy++;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  anju_worker_run_async (anju_context_get_worker (self->context), load_finance,
                         anju_user_copy (user), (GDestroyNotify) anju_user_free,
                         (GDestroyNotify) loaded_free, self->cancellable, on_loaded_cb,
                         g_object_ref (self));
}

static void
on_context_changed_cb (AnjuFinanceView    *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "finance", "subscriptions", NULL };

  if (!anju_topics_match (topics, watched))
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    anju_finance_view_reload (self);
  else
    self->dirty = TRUE;
}

gboolean
anju_finance_view_get_busy (AnjuFinanceView *self)
{
  g_return_val_if_fail (ANJU_IS_FINANCE_VIEW (self), FALSE);

  return self->n_busy > 0;
}

/* ---- GtkWidget / GObject ------------------------------------------------------ */

static void
anju_finance_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (anju_finance_view_parent_class)->map (widget);
  /* time moved on while hidden: amber and red are decided again */
  anju_finance_view_reload (ANJU_FINANCE_VIEW (widget));
}

static void
anju_finance_view_dispose (GObject *object)
{
  AnjuFinanceView *self = ANJU_FINANCE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_finance_view_parent_class)->dispose (object);
}

static void
anju_finance_view_class_init (AnjuFinanceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_finance_view_dispose;
  widget_class->map = anju_finance_view_map;
}

static GtkListBox *
add_group (GtkBox     *box,
           const char *title,
           const char *description,
           const char *placeholder)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  anju_ui_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (box, group);
  return GTK_LIST_BOX (list);
}

static void
anju_finance_view_init (AnjuFinanceView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Finance"));

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  self->day_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->day_label), "dim-label");
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->day_label));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), header);
  self->expected_list = add_group (GTK_BOX (box), _("Payments Expected"),
                                   _("By due day: amber when due soon, red when overdue."),
                                   _("No payments are expected. A subscription lists what its buyers pay."));
  self->receipts_list = add_group (GTK_BOX (box), _("Receipts"),
                                   _("Newest first. A mistake is voided and reissued; a refund refers to the receipt."),
                                   _("No receipts yet. Record a payment above to issue one."));
  self->summary_list = add_group (GTK_BOX (box), _("Today by Method"), NULL,
                                  _("No receipts today."));
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_bin_set_child (ADW_BIN (self), scroller);
}

GtkWidget *
anju_finance_view_new (AnjuContext *context)
{
  AnjuFinanceView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_FINANCE_VIEW, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
