/* anju-subscribe-window.c — the guided subscription (认购) from a quote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window, top to bottom as the sale goes: the deal (unit, buyer, the
 * approved price: the only one), a co-owner, the payment method and the
 * payment plan core makes of it (anju_payment_plan_load: every payment
 * with its due day, the monthly payment, the warnings), the deposit and
 * the signing day; Subscribe runs subscription.create through the
 * context (an office decision); then the papers to print or export, and
 * what is left: the deposit at finance, its receipt, the signing.
 */
#define G_LOG_DOMAIN "anju-subscribe"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-format.h"
#include "anju-paper.h"
#include "anju-payment-plan.h"
#include "anju-print-dialog.h"
#include "anju-subscribe-window.h"
#include "anju-subscriptions.h"
#include "anju-ui-util.h"

static const char * const methods[] = {
  "one_time", "commercial", "provident", "combination", "instalments",
};

struct _AnjuSubscribeWindow
{
  AdwWindow          parent_instance;

  AnjuContext       *context;
  char              *quote_id;
  char              *unit_label;
  AnjuFen            price;
  char              *subscription_id;
  gboolean           has_loan;
  gboolean           busy;

  GtkWidget         *toasts;
  GtkWidget         *form_box;
  GtkWidget         *papers_box;
  AdwEntryRow       *co_owner_name;
  AdwEntryRow       *co_owner_id;
  AdwComboRow       *method_row;
  AdwEntryRow       *provident_row;
  AdwEntryRow       *down_row;
  AdwEntryRow       *deposit_row;
  AdwEntryRow       *signing_row;
  GtkListBox        *plan_list;
  GtkLabel          *plan_note;
  GtkWidget         *subscribe_button;
  GtkListBox        *papers_list;
  GtkListBox        *left_list;
};

G_DEFINE_FINAL_TYPE (AnjuSubscribeWindow, anju_subscribe_window, ADW_TYPE_WINDOW)

static void
toast (AnjuSubscribeWindow *self,
       const char          *text)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (text));
}

static const char *
get_method (AnjuSubscribeWindow *self)
{
  guint i = adw_combo_row_get_selected (self->method_row);

  return methods[MIN (i, G_N_ELEMENTS (methods) - 1)];
}

/* An amount in yuan from @row; 0 when empty; -1 when it is no amount. */
static AnjuFen
get_amount (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  AnjuFen fen = 0;

  if (*text == '\0')
    return 0;
  return anju_money_parse (text, &fen, NULL) && fen > 0 ? fen : -1;
}

/* ---- the plan ------------------------------------------------------------ */

typedef struct
{
  char               *quote_id;
  AnjuPaymentOptions  options;
  char               *signing_date;
  guint               serial;
} PlanJob;

static void
plan_job_free (PlanJob *job)
{
  g_free (job->quote_id);
  g_free (job->signing_date);
  g_free (job);
}

static gpointer
load_plan (AnjuStore     *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  PlanJob *job = data;

  job->options.signing_date = job->signing_date;
  return anju_payment_plan_load (store, job->quote_id, &job->options, error);
}

static GtkWidget *
plain_row (const char *title,
           const char *subtitle,
           const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static void
fill_plan (AnjuSubscribeWindow   *self,
           const AnjuPaymentPlan *plan)
{
  g_autoptr(GString) note = g_string_new (NULL);

  anju_ui_list_box_clear (self->plan_list);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const AnjuPlanItem *item = g_ptr_array_index (plan->items, i);
      g_autofree char *amount = anju_format_money (item->amount);
      g_autofree char *due = item->due_date ? g_strdup_printf ("%s (%s)", item->due_text, item->due_date)
                                            : g_strdup (item->due_text);

      gtk_list_box_append (self->plan_list, plain_row (item->label, due, amount));
    }
  if (plan->loan != NULL)
    {
      g_autofree char *monthly = anju_format_money (plan->monthly_payment);

      gtk_list_box_append (self->plan_list, plain_row (_("Monthly payment (first month)"), NULL, monthly));
    }
  {
    g_autofree char *total = anju_format_money (plan->total_buyer);

    gtk_list_box_append (self->plan_list, plain_row (_("The buyer pays in all"), NULL, total));
  }
  for (guint i = 0; i < plan->warnings->len; i++)
    g_string_append_printf (note, "%s%s", note->len ? "\n" : "",
                            (const char *) g_ptr_array_index (plan->warnings, i));
  gtk_label_set_label (self->plan_note, note->str);
  gtk_widget_remove_css_class (GTK_WIDGET (self->plan_note), "error");
  self->has_loan = plan->loan != NULL;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->signing_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->signing_row), plan->signing_date);
}

static void
on_plan_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AnjuSubscribeWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuPaymentPlan) plan = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (plan == NULL)
    {
      anju_ui_list_box_clear (self->plan_list);
      gtk_label_set_label (self->plan_note, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->plan_note), "error");
      self->has_loan = FALSE;
      return;
    }
  fill_plan (self, plan);
}

/* The plan of what the form says now (core decides and refuses). */
static void
update_plan (AnjuSubscribeWindow *self)
{
  PlanJob *job;
  AnjuFen deposit = get_amount (self->deposit_row);
  AnjuFen provident = get_amount (self->provident_row);
  AnjuFen down = get_amount (self->down_row);
  const char *signing = gtk_editable_get_text (GTK_EDITABLE (self->signing_row));

  gtk_widget_set_visible (GTK_WIDGET (self->provident_row), g_str_equal (get_method (self), "combination"));
  if (deposit < 0 || provident < 0 || down < 0)
    {
      gtk_label_set_label (self->plan_note, _("Give amounts in yuan, such as 50000 or 50000.00."));
      gtk_widget_add_css_class (GTK_WIDGET (self->plan_note), "error");
      return;
    }
  job = g_new0 (PlanJob, 1);
  job->quote_id = g_strdup (self->quote_id);
  anju_payment_method_from_string (get_method (self), &job->options.method);
  job->options.deposit = deposit;
  job->options.provident_amount = provident;
  job->options.down_payment = down;
  job->signing_date = *signing ? g_strdup (signing) : NULL;
  anju_worker_run_async (anju_context_get_worker (self->context), load_plan, job,
                         (GDestroyNotify) plan_job_free, (GDestroyNotify) anju_payment_plan_free,
                         NULL, on_plan_cb, g_object_ref (self));
}

static void
on_form_changed_cb (AnjuSubscribeWindow *self)
{
  update_plan (self);
}

/* ---- the papers ------------------------------------------------------------ */

typedef struct
{
  char          *subscription_id;
  AnjuPaperKind  kind;
} PaperJob;

static void
paper_job_free (PaperJob *job)
{
  g_free (job->subscription_id);
  g_free (job);
}

static gpointer
load_paper (AnjuStore     *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  PaperJob *job = data;

  return anju_paper_new_from_store (store, job->kind, job->subscription_id, error);
}

static void
on_paper_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GtkWidget *button = user_data;
  AnjuSubscribeWindow *self = ANJU_SUBSCRIBE_WINDOW (gtk_widget_get_root (button));
  g_autoptr(GError) error = NULL;
  AnjuPaper *paper = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  gboolean export = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "anju-export"));

  gtk_widget_set_sensitive (button, TRUE);
  if (paper == NULL)
    toast (self, error->message);
  else if (export)
    {
      g_autofree char *name = g_strconcat (anju_paper_get_title (paper), ".pdf", NULL);

      anju_export_paper_pdf (button, paper, name);   /* takes the paper */
    }
  else
    {
      if (!anju_print_paper (button, paper, &error))
        toast (self, error->message);
      anju_paper_free (paper);
    }
  g_object_unref (button);
}

static void
on_paper_clicked_cb (GtkButton           *button,
                     AnjuSubscribeWindow *self)
{
  PaperJob *job = g_new0 (PaperJob, 1);

  job->subscription_id = g_strdup (self->subscription_id);
  job->kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "anju-kind"));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  anju_worker_run_async (anju_context_get_worker (self->context), load_paper, job,
                         (GDestroyNotify) paper_job_free, (GDestroyNotify) anju_paper_free,
                         NULL, on_paper_cb, g_object_ref (button));
}

static void
add_paper_row (AnjuSubscribeWindow *self,
               AnjuPaperKind        kind,
               const char          *title)
{
  GtkWidget *row = plain_row (title, NULL, NULL);

  for (int export = 0; export <= 1; export++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (export ? _("_Export PDF") : _("_Print"));
      /* Translators: the accessible name of a button: Print or Export PDF, and the paper */
      g_autofree char *name = g_strdup_printf ("%s %s", export ? _("Export PDF") : _("Print"), title);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (button), "anju-kind", GINT_TO_POINTER (kind));
      g_object_set_data (G_OBJECT (button), "anju-export", GINT_TO_POINTER (export));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_paper_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  gtk_list_box_append (self->papers_list, row);
}

static void
show_papers (AnjuSubscribeWindow *self,
             JsonObject          *result)
{
  g_autofree char *deposit = anju_format_money (json_object_get_int_member (result, "deposit"));
  g_autofree char *cooling = anju_format_datetime_iso (json_object_get_string_member (result, "cooling_off_ends_at"));
  g_autofree char *pay = g_strdup_printf (_("The buyer pays the deposit of %s at finance"), deposit);
  g_autofree char *sign = g_strdup_printf (_("Sign the contract by %s"),
                                           gtk_editable_get_text (GTK_EDITABLE (self->signing_row)));
  g_autofree char *withdraw = g_strdup_printf (_("The buyer may withdraw without reason until %s"), cooling);

  add_paper_row (self, ANJU_PAPER_SUBSCRIPTION, _("Subscription form (认购书)"));
  add_paper_row (self, ANJU_PAPER_PAYMENT_PLAN, _("Payment plan (置业计划表)"));
  add_paper_row (self, ANJU_PAPER_SIGNING_NOTICE, _("Signing notice (签约须知)"));
  if (self->has_loan)
    add_paper_row (self, ANJU_PAPER_MORTGAGE_NOTICE, _("Mortgage notice (按揭须知)"));
  gtk_list_box_append (self->left_list, plain_row (pay, _("Finance issues the receipt (收据) for the bag"), NULL));
  gtk_list_box_append (self->left_list, plain_row (withdraw, NULL, NULL));
  gtk_list_box_append (self->left_list, plain_row (sign, NULL, NULL));
  gtk_list_box_append (self->left_list,
                       plain_row (_("Hand over the bag"),
                                  _("Subscription form, receipt, signing notice, mortgage notice, sunshine declaration leaflet"), NULL));
  gtk_widget_set_visible (self->form_box, FALSE);
  gtk_widget_set_visible (self->papers_box, TRUE);
}

/* ---- subscribing --------------------------------------------------------------- */

static void
on_subscribed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AnjuSubscribeWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result, &error);
  JsonObject *res;

  self->busy = FALSE;
  gtk_widget_set_sensitive (self->subscribe_button, TRUE);
  if (answer == NULL)
    {
      g_debug ("subscription.create refused: %s", error->message);
      toast (self, error->message);
      return;
    }
  res = json_object_get_object_member (answer, "result");
  self->subscription_id = g_strdup (json_object_get_string_member (res, "subscription_id"));
  show_papers (self, res);
}

static void
on_subscribe_clicked_cb (AnjuSubscribeWindow *self)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  JsonObject *plan = json_object_new ();
  AnjuFen deposit = get_amount (self->deposit_row);
  AnjuFen provident = get_amount (self->provident_row);
  AnjuFen down = get_amount (self->down_row);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->co_owner_name));
  const char *id_number = gtk_editable_get_text (GTK_EDITABLE (self->co_owner_id));

  if (self->busy)
    return;
  if (deposit <= 0 || provident < 0 || down < 0)
    {
      toast (self, _("Give the deposit and amounts in yuan, such as 50000 or 50000.00."));
      json_object_unref (plan);
      return;
    }
  json_object_set_string_member (payload, "quote_id", self->quote_id);
  json_object_set_string_member (payload, "payment_method", get_method (self));
  json_object_set_int_member (payload, "deposit", deposit);
  json_object_set_string_member (payload, "signing_deadline",
                                 gtk_editable_get_text (GTK_EDITABLE (self->signing_row)));
  if (*name != '\0' || *id_number != '\0')
    {
      JsonArray *buyers = json_array_new ();
      JsonObject *co_owner = json_object_new ();

      json_object_set_string_member (co_owner, "name", name);
      json_object_set_string_member (co_owner, "id_number", id_number);
      json_array_add_object_element (buyers, json_object_new ());
      json_array_add_object_element (buyers, co_owner);
      json_object_set_array_member (payload, "buyers", buyers);
    }
  if (provident > 0 && g_str_equal (get_method (self), "combination"))
    json_object_set_int_member (plan, "provident_amount", provident);
  if (down > 0)
    json_object_set_int_member (plan, "down_payment", down);
  json_object_set_object_member (payload, "plan", plan);
  self->busy = TRUE;
  gtk_widget_set_sensitive (self->subscribe_button, FALSE);
  anju_context_run_command_async (self->context, "subscription.create", payload, NULL,
                                  on_subscribed_cb, g_object_ref (self));
}

/* ---- building ------------------------------------------------------------------- */

static GtkListBox *
add_group (GtkWidget  *box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (GTK_BOX (box), group);
  return GTK_LIST_BOX (list);
}

static AdwEntryRow *
add_entry (GtkListBox          *list,
           const char          *title,
           const char          *text,
           AnjuSubscribeWindow *self)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (list, row);
  if (self != NULL)
    g_signal_connect_object (row, "changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  return ADW_ENTRY_ROW (row);
}

static void
anju_subscribe_window_dispose (GObject *object)
{
  AnjuSubscribeWindow *self = ANJU_SUBSCRIBE_WINDOW (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->quote_id, g_free);
  g_clear_pointer (&self->unit_label, g_free);
  g_clear_pointer (&self->subscription_id, g_free);

  G_OBJECT_CLASS (anju_subscribe_window_parent_class)->dispose (object);
}

static void
anju_subscribe_window_class_init (AnjuSubscribeWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = anju_subscribe_window_dispose;
}

static void
anju_subscribe_window_init (AnjuSubscribeWindow *self)
{
}

static void
build (AnjuSubscribeWindow *self,
       const char          *customer_name)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *price = anju_format_money (self->price);
  g_autofree char *cap = anju_format_money (self->price * ANJU_DEPOSIT_MAX_PERMILLE / 1000);
  /* Translators: the deposit's cap */
  g_autofree char *deposit_note = g_strdup_printf (_("A deposit (定金) is at most 20%% of the price: %s."), cap);
  GtkListBox *deal, *buyers, *payment, *terms;

  gtk_window_set_title (GTK_WINDOW (self), _("Subscription"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 760);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_box_append (GTK_BOX (outer), adw_header_bar_new ());
  self->toasts = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (self->toasts, TRUE);
  gtk_box_append (GTK_BOX (outer), self->toasts);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toasts), scroller);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_window_set_content (ADW_WINDOW (self), outer);

  deal = add_group (box, _("1. The Deal"), _("The approved price is the only price the papers print."));
  gtk_list_box_append (deal, plain_row (_("Unit"), NULL, self->unit_label));
  gtk_list_box_append (deal, plain_row (_("Buyer"), NULL, customer_name));
  gtk_list_box_append (deal, plain_row (_("Approved price"), NULL, price));

  self->form_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (GTK_BOX (box), self->form_box);
  buyers = add_group (self->form_box, _("2. Co-owner"),
                      _("Leave empty when the buyer buys alone. Every co-owner signs with a valid ID."));
  self->co_owner_name = add_entry (buyers, _("Co-owner’s name"), NULL, NULL);
  self->co_owner_id = add_entry (buyers, _("Co-owner’s ID number"), NULL, NULL);

  payment = add_group (self->form_box, _("3. Payment Method"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    gtk_string_list_append (labels, anju_payment_method_get_label (methods[i]));
  self->method_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->method_row), _("Payment method"));
  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->method_row, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->method_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Payment method"), -1);
  gtk_list_box_append (payment, GTK_WIDGET (self->method_row));
  g_signal_connect_object (self->method_row, "notify::selected", G_CALLBACK (on_form_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->down_row = add_entry (payment, _("Down payment in yuan (empty: the usual)"), NULL, self);
  self->provident_row = add_entry (payment, _("Provident-fund part in yuan"), NULL, self);

  self->plan_list = add_group (self->form_box, _("4. The Payment Plan (置业计划表)"),
                               _("Go through it with the customer: what is due when."));
  anju_ui_list_box_set_placeholder (self->plan_list, _("The plan appears when the terms are complete."));
  self->plan_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->plan_note, TRUE);
  gtk_label_set_xalign (self->plan_note, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->plan_note), "warning");
  gtk_box_append (GTK_BOX (self->form_box), GTK_WIDGET (self->plan_note));

  terms = add_group (self->form_box, _("5. Deposit and Signing"), deposit_note);
  self->deposit_row = add_entry (terms, _("Deposit in yuan"), "50000", self);
  self->signing_row = add_entry (terms, _("Sign by (YYYY-MM-DD)"), NULL, self);

  self->subscribe_button = gtk_button_new_with_mnemonic (_("_Subscribe"));
  gtk_widget_add_css_class (self->subscribe_button, "suggested-action");
  gtk_widget_add_css_class (self->subscribe_button, "pill");
  gtk_widget_set_halign (self->subscribe_button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->subscribe_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Subscribe"), -1);
  g_signal_connect_object (self->subscribe_button, "clicked", G_CALLBACK (on_subscribe_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->form_box), self->subscribe_button);

  self->papers_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_visible (self->papers_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->papers_box);
  self->papers_list = add_group (self->papers_box, _("6. The Papers"),
                                 _("Subscribed. Print the papers for the buyer to sign, or save them as PDF."));
  self->left_list = add_group (self->papers_box, _("What Is Left"), NULL);
}

GtkWidget *
anju_subscribe_window_new (AnjuContext *context,
                           GtkWidget   *parent,
                           const char  *quote_id,
                           const char  *unit_label,
                           const char  *customer_name,
                           AnjuFen      price)
{
  AnjuSubscribeWindow *self;
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_SUBSCRIBE_WINDOW, NULL);
  self->context = g_object_ref (context);
  self->quote_id = g_strdup (quote_id);
  self->unit_label = g_strdup (unit_label);
  self->price = price;
  build (self, customer_name);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  update_plan (self);
  return GTK_WIDGET (self);
}

const char *
anju_subscribe_window_get_subscription_id (AnjuSubscribeWindow *self)
{
  g_return_val_if_fail (ANJU_IS_SUBSCRIBE_WINDOW (self), NULL);

  return self->subscription_id;
}
