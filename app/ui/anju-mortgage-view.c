/* anju-mortgage-view.c — 按揭: the mortgage pipeline and the filings due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every mortgage application of the office as core lists it
 * (anju_mortgages_dup_pipeline): the deal, the bank and its on-site
 * manager, amount, term and method, the status with the day of each step,
 * and a button to move it on that is enabled only when core says the
 * person may. Under it the online filings not yet made, soonest due
 * first, urgent and overdue ones in red.
 */
#define G_LOG_DOMAIN "anju-mortgage"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-format.h"
#include "anju-mortgage.h"
#include "anju-mortgage-view.h"
#include "anju-ui-util.h"

struct _AnjuMortgageView
{
  AdwBin        parent_instance;

  GtkSpinner   *spinner;
  GtkLabel     *summary_label;
  GtkLabel     *error_label;
  GtkListBox   *mortgages_list;
  GtkListBox   *filings_list;

  AnjuContext  *context;
  GCancellable *cancellable;
  guint         n_loading;
  guint         n_running;
  guint         n_mortgages;
  guint         n_filings;
  guint         n_urgent;
};

G_DEFINE_FINAL_TYPE (AnjuMortgageView, anju_mortgage_view, ADW_TYPE_BIN)

/* ---- loading --------------------------------------------------------------- */

static gpointer
load_pipeline (AnjuStore     *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return anju_mortgages_dup_pipeline (store, data, NULL, error);
}

static const char *
method_label (const char *method)
{
  if (g_strcmp0 (method, "equal_principal") == 0)
    return _("Equal principal (等额本金)");
  return _("Equal instalments (等额本息)");
}

/* "Collecting documents 2026-11-26 → Submitted to the bank 2026-11-27" */
static char *
dup_steps (const AnjuMortgage *m)
{
  const struct { const char *status; const char *day; } steps[] = {
    { "collecting", m->collecting_on }, { "submitted", m->submitted_on }, { "approved", m->approved_on },
    { "disbursed", m->disbursed_on }, { "rejected", m->rejected_on }, { "cancelled", m->cancelled_on },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i].day != NULL)
      g_string_append_printf (text, "%s%s %s", text->len ? " → " : "",
                              anju_mortgage_status_get_label (steps[i].status), steps[i].day);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
create_mortgage_row (const AnjuMortgageRow *r)
{
  const AnjuMortgage *m = r->mortgage;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (anju_mortgage_status_get_label (m->status));
  g_autofree char *amount = anju_format_money (m->amount);
  g_autofree char *steps = dup_steps (m);
  /* Translators: a mortgage application's deal: unit and buyer */
  g_autofree char *title = g_strdup_printf (_("%s · %s"), m->unit_label, m->customer_name);
  /* Translators: bank, the bank's manager, amount, term, method; then each step with its day */
  g_autofree char *subtitle = g_strdup_printf (_("%s (%s) · %s · %lld months · %s\n%s"), m->bank, m->bank_manager,
                                               amount, (long long)m->term_months, method_label (m->method), steps);
  g_autofree char *label = g_strdup_printf ("%s, %s, %s", title, anju_mortgage_status_get_label (m->status),
                                            subtitle);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (status, g_strcmp0 (m->status, "disbursed") == 0 ? "status-done"
                                    : g_strcmp0 (m->status, "rejected") == 0 ? "status-overdue" : "dim-label");
  gtk_widget_set_name (status, "status");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  if (r->next_status != NULL)
    {
      /* Translators: the button that moves a mortgage application on */
      g_autofree char *button_label = g_strdup_printf (_("Mark as “%s”"), r->next_label);
      GtkWidget *button = gtk_button_new_with_label (button_label);
      g_autofree char *button_name = g_strdup_printf ("%s: %s", button_label, title);

      /* an action's button is as sensitive as the action: only the allowed get one */
      if (r->can_advance)
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "mortgage.advance");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", m->id, r->next_status);
        }
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, r->can_advance);
      if (!r->can_advance && r->advance_refusal != NULL)
        gtk_widget_set_tooltip_text (button, r->advance_refusal);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  gtk_widget_set_name (row, m->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

static GtkWidget *
create_filing_row (const AnjuFilingRow *r)
{
  GtkWidget *row = adw_action_row_new ();
  const char *state_text = r->state == ANJU_FILING_OVERDUE ? _("Overdue")
                         : r->state == ANJU_FILING_URGENT ? _("Urgent")
                         : r->state == ANJU_FILING_DUE_SOON ? _("Due soon") : _("On time");
  GtkWidget *state = gtk_label_new (state_text);
  /* Translators: a filing due: unit and buyer */
  g_autofree char *title = g_strdup_printf (_("%s · %s"), r->signing->unit_label, r->signing->customer_name);
  g_autofree char *label = g_strdup_printf ("%s, %s, %s", title, state_text, r->due_text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->due_text);
  gtk_widget_add_css_class (state, r->urgent ? "status-overdue"
                                   : r->state == ANJU_FILING_DUE_SOON ? "status-due" : "dim-label");
  gtk_widget_add_css_class (state, "heading");
  gtk_widget_set_name (state, "state");
  if (r->urgent)
    gtk_widget_add_css_class (row, "urgent");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  gtk_widget_set_name (row, r->signing->subscription_id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

static void
fill (AnjuMortgageView           *self,
      const AnjuMortgagePipeline *pipeline)
{
  g_autofree char *summary = NULL;

  anju_ui_list_box_clear (self->mortgages_list);
  anju_ui_list_box_clear (self->filings_list);
  self->n_mortgages = self->n_filings = self->n_urgent = 0;
  for (guint i = 0; pipeline != NULL && i < pipeline->rows->len; i++)
    gtk_list_box_append (self->mortgages_list, create_mortgage_row (g_ptr_array_index (pipeline->rows, i)));
  for (guint i = 0; pipeline != NULL && i < pipeline->filings->len; i++)
    {
      AnjuFilingRow *r = g_ptr_array_index (pipeline->filings, i);

      gtk_list_box_append (self->filings_list, create_filing_row (r));
      self->n_urgent += r->urgent;
    }
  self->n_mortgages = pipeline ? pipeline->rows->len : 0;
  self->n_filings = pipeline ? pipeline->filings->len : 0;
  /* Translators: the mortgage view in a line */
  summary = g_strdup_printf (ngettext ("%u application · %u filings due, %u urgent or overdue",
                                       "%u applications · %u filings due, %u urgent or overdue", self->n_mortgages),
                             self->n_mortgages, self->n_filings, self->n_urgent);
  gtk_label_set_label (self->summary_label, summary);
  anju_ui_label_set_urgent (self->summary_label, self->n_urgent);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuMortgageView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuMortgagePipeline) pipeline = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  self->n_loading--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->spinner, self->n_loading > 0);
  if (pipeline == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  fill (self, pipeline);
}

static void
reload (AnjuMortgageView *self)
{
  const AnjuUser *user;

  if (self->context == NULL || (user = anju_context_get_user (self->context)) == NULL ||
      !anju_context_get_ready (self->context))
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_loading++;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  anju_worker_run_async (anju_context_get_worker (self->context), load_pipeline, anju_user_copy (user),
                         (GDestroyNotify) anju_user_free, (GDestroyNotify) anju_mortgage_pipeline_free,
                         self->cancellable, on_loaded_cb, g_object_ref (self));
}

/* ---- moving an application on ------------------------------------------------- */

static void
on_advanced_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AnjuMortgageView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result, &error);

  self->n_running--;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mortgage.advance", self->n_running == 0);
  gtk_label_set_label (self->error_label, answer ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), answer == NULL);
}

static void
advance_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AnjuMortgageView *self = ANJU_MORTGAGE_VIEW (widget);
  g_autoptr(JsonObject) payload = json_object_new ();
  const char *id, *status;

  g_variant_get (parameter, "(&s&s)", &id, &status);
  json_object_set_string_member (payload, "mortgage_id", id);
  json_object_set_string_member (payload, "status", status);
  /* one step at a time: a second click would move the application twice */
  self->n_running++;
  gtk_widget_action_set_enabled (widget, "mortgage.advance", FALSE);
  anju_context_run_command_async (self->context, "mortgage.advance", payload, NULL, on_advanced_cb,
                                  g_object_ref (self));
}

/* ---- context ---------------------------------------------------------------- */

static void
on_context_changed_cb (AnjuMortgageView   *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "signing", "subscriptions", NULL };

  if (anju_topics_match (topics, watched) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

static void
on_user_changed_cb (AnjuMortgageView *self)
{
  fill (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

/* ---- GtkWidget / GObject ---------------------------------------------------- */

static void
anju_mortgage_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (anju_mortgage_view_parent_class)->map (widget);
  /* the filing deadlines move with the day */
  reload (ANJU_MORTGAGE_VIEW (widget));
}

static void
anju_mortgage_view_dispose (GObject *object)
{
  AnjuMortgageView *self = ANJU_MORTGAGE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_mortgage_view_parent_class)->dispose (object);
}

static void
anju_mortgage_view_class_init (AnjuMortgageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_mortgage_view_dispose;
  widget_class->map = anju_mortgage_view_map;
  gtk_widget_class_install_action (widget_class, "mortgage.advance", "(ss)", advance_action);
}

static GtkWidget *
new_group (const char  *title,
           const char  *placeholder,
           GtkListBox **list_out)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  anju_ui_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  *list_out = GTK_LIST_BOX (list);
  return group;
}

static void
anju_mortgage_view_init (AnjuMortgageView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Mortgages"));

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 960);
  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), header);
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary_label));
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "status-overdue");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (box),
                  new_group (_("Mortgage applications"),
                             _("No mortgage application yet. The consultant opens one in 签约 when the buyer takes a loan."),
                             &self->mortgages_list));
  gtk_box_append (GTK_BOX (box),
                  new_group (_("Online filings due"), _("Every signed contract is filed."), &self->filings_list));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_bin_set_child (ADW_BIN (self), scroller);
}

GtkWidget *
anju_mortgage_view_new (AnjuContext *context)
{
  AnjuMortgageView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_MORTGAGE_VIEW, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user", G_CALLBACK (on_user_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

gboolean
anju_mortgage_view_get_busy (AnjuMortgageView *self)
{
  g_return_val_if_fail (ANJU_IS_MORTGAGE_VIEW (self), FALSE);

  return self->n_loading > 0 || self->n_running > 0;
}

guint
anju_mortgage_view_get_n_mortgages (AnjuMortgageView *self)
{
  g_return_val_if_fail (ANJU_IS_MORTGAGE_VIEW (self), 0);

  return self->n_mortgages;
}

guint
anju_mortgage_view_get_n_filings (AnjuMortgageView *self)
{
  g_return_val_if_fail (ANJU_IS_MORTGAGE_VIEW (self), 0);

  return self->n_filings;
}

guint
anju_mortgage_view_get_n_urgent (AnjuMortgageView *self)
{
  g_return_val_if_fail (ANJU_IS_MORTGAGE_VIEW (self), 0);

  return self->n_urgent;
}
