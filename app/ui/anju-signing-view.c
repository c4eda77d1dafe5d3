/* anju-signing-view.c — 签约: the steps of signing a deal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deals being signed on the left (anju_signings_dup_rows), the steps
 * of the selected one on the right, in the seed's order, as core's
 * snapshot has them (anju_signing_dup_snapshot): the appointment, changes
 * before signing, the contract's documents, the personal data check, the
 * mortgage's documents and application, the signing, the online filing
 * and the contract pickup reminder. Each step's button is enabled only
 * when the snapshot says its command would be accepted; otherwise the
 * snapshot's sentence says why. Nothing is decided here.
 */
#define G_LOG_DOMAIN "anju-signing"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-date-time-row.h"
#include "anju-format.h"
#include "anju-money.h"
#include "anju-mortgage.h"
#include "anju-signing-view.h"
#include "anju-subscriptions.h"
#include "anju-ui-util.h"
#include "anju-units.h"

/* What change.request's kind takes, in the order the combo lists them. */
static const char * const change_kinds[] = { "change_unit", "rename", "special_discount" };
/* What mortgage.open's method takes. */
static const char * const loan_methods[] = { "equal_instalment", "equal_principal" };

struct _AnjuSigningView
{
  AdwBin               parent_instance;

  GtkSpinner          *spinner;
  GtkLabel            *summary_label;
  GtkListBox          *deals_list;
  GtkStack            *detail_stack;
  GtkLabel            *title_label;
  GtkLabel            *error_label;
  GtkBox              *steps_box;

  AnjuContext         *context;
  GCancellable        *cancellable;
  guint                n_loading;
  guint                n_running;
  GPtrArray           *rows;          /* AnjuSigningRow* */
  char                *selected_id;   /* subscription id */
  AnjuSigningSnapshot *snapshot;
  char                *error;
  gboolean             filling;

  /* the forms of the selected deal, made again with each snapshot */
  AnjuDateTimeRow     *schedule_row;
  AdwComboRow         *change_kind_row;
  AdwComboRow         *change_unit_row;
  AdwEntryRow         *change_price_row;
  AdwEntryRow         *rename_name_row;
  AdwEntryRow         *rename_id_row;
  AdwEntryRow         *change_reason_row;
  GPtrArray           *contract_checks;   /* GtkCheckButton*, "item" data */
  GPtrArray           *mortgage_checks;
  GPtrArray           *address_rows;      /* AdwEntryRow*, one per buyer */
  AdwEntryRow         *down_payment_row;
  AdwEntryRow         *loan_bank_row;
  AdwEntryRow         *bank_row;
  AdwEntryRow         *bank_manager_row;
  AdwEntryRow         *bank_mobile_row;
  AdwEntryRow         *amount_row;
  AdwEntryRow         *term_row;
  AdwComboRow         *loan_method_row;
  AdwEntryRow         *contract_number_row;
  AdwEntryRow         *filing_number_row;
  AdwEntryRow         *filed_on_row;
  GPtrArray           *attachment_checks;
};

G_DEFINE_FINAL_TYPE (AnjuSigningView, anju_signing_view, ADW_TYPE_BIN)

static void reload (AnjuSigningView *self);
static void reload_snapshot (AnjuSigningView *self);

/* ---- loading ------------------------------------------------------------- */

typedef struct
{
  AnjuUser *actor;
  char     *subscription_id;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  anju_user_free (job->actor);
  g_free (job->subscription_id);
  g_free (job);
}

static LoadJob *
load_job_new (AnjuSigningView *self)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  job->actor = anju_user_copy (anju_context_get_user (self->context));
  job->subscription_id = g_strdup (self->selected_id);
  return job;
}

static gpointer
load_rows (AnjuStore     *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadJob *job = data;

  return anju_signings_dup_rows (store, job->actor, error);
}

static gpointer
load_snapshot (AnjuStore     *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  LoadJob *job = data;

  return anju_signing_dup_snapshot (store, job->actor, job->subscription_id, error);
}

static gboolean
may_load (AnjuSigningView *self)
{
  return self->context != NULL && anju_context_get_user (self->context) != NULL &&
         anju_context_get_ready (self->context);
}

static void
set_busy (AnjuSigningView *self)
{
  gtk_spinner_set_spinning (self->spinner, self->n_loading > 0 || self->n_running > 0);
}

/* ---- small widgets ---------------------------------------------------------- */

static GtkWidget *
new_entry_row (const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static GtkWidget *
new_info_row (const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *label = g_strdup_printf ("%s, %s", title, subtitle ? subtitle : "");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

static GtkWidget *
new_combo_row (const char         *title,
               const char * const *labels,
               guint               n_labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_labels; i++)
    gtk_string_list_append (model, labels[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static GtkWidget *
new_list (const char *label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return list;
}

/* A step's button, and under it why it is off when it is. */
static GtkWidget *
new_action (const char *label,
            const char *action_name,
            gboolean    can,
            const char *refusal)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_button_get_label (GTK_BUTTON (button)), -1);
  gtk_widget_set_margin_top (box, 6);
  gtk_box_append (GTK_BOX (box), button);
  if (!can && refusal != NULL && *refusal != '\0')
    {
      GtkWidget *why = gtk_label_new (refusal);

      gtk_label_set_xalign (GTK_LABEL (why), 0);
      gtk_label_set_wrap (GTK_LABEL (why), TRUE);
      gtk_widget_add_css_class (why, "dim-label");
      gtk_widget_add_css_class (why, "caption");
      gtk_box_append (GTK_BOX (box), why);
    }
  return box;
}

/* A checklist: a check per item, or per option of a one-of item. */
static GtkWidget *
new_checklist (GPtrArray  *items,
               GPtrArray  *checks,
               const char *label)
{
  GtkWidget *list = new_list (label);

  for (guint i = 0; i < items->len; i++)
    {
      AnjuSigningCheckItem *item = g_ptr_array_index (items, i);

      if (item->option_ids == NULL)
        {
          GtkWidget *check = gtk_check_button_new ();
          GtkWidget *row = new_info_row (item->name, item->checked ? _("Brought") : _("Missing"));

          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), item->checked);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, item->name, -1);
          g_object_set_data_full (G_OBJECT (check), "item", g_strdup (item->id), g_free);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          if (!item->checked)
            gtk_widget_add_css_class (row, "missing");
          g_ptr_array_add (checks, check);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          continue;
        }
      {
        GtkWidget *expander = adw_expander_row_new ();
        g_autofree char *subtitle = item->checked
          /* Translators: a one-of document and the option brought */
          ? g_strdup_printf (_("Brought: %s"), item->by_option ? item->by_option : "")
          /* Translators: a one-of document not yet brought, with its options */
          : g_strdup_printf (_("Missing (one of: %s)"), item->options ? item->options->str : "");

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), item->name);
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), !item->checked);
        gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, item->name, -1);
        for (guint j = 0; item->option_ids[j] != NULL; j++)
          {
            GtkWidget *check = gtk_check_button_new ();
            GtkWidget *row = new_info_row (item->option_names[j], NULL);

            gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                         item->checked && g_strcmp0 (item->by_option, item->option_names[j]) == 0);
            gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
            gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            item->option_names[j], -1);
            g_object_set_data_full (G_OBJECT (check), "item", g_strdup (item->option_ids[j]), g_free);
            adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
            adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
            g_ptr_array_add (checks, check);
            adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
          }
        gtk_list_box_append (GTK_LIST_BOX (list), expander);
      }
    }
  return list;
}

/* ---- the steps --------------------------------------------------------------- */

static GtkWidget *
new_step_group (const AnjuSigningStep *step)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *state = gtk_label_new (anju_signing_step_state_get_label (step->state));
  /* Translators: a signing step's number and title */
  g_autofree char *title = g_strdup_printf (_("%u. %s"), (guint)step->id + 1, step->title);
  g_autofree char *label = g_strdup_printf ("%s, %s, %s", title,
                                            anju_signing_step_state_get_label (step->state),
                                            step->detail ? step->detail : "");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), step->detail);
  if (step->urgent)
    gtk_widget_add_css_class (state, "status-overdue");
  else if (step->state == ANJU_SIGNING_STEP_DONE)
    gtk_widget_add_css_class (state, "status-done");
  else if (step->state == ANJU_SIGNING_STEP_WAITING || step->state == ANJU_SIGNING_STEP_BLOCKED)
    gtk_widget_add_css_class (state, "status-due");
  else
    gtk_widget_add_css_class (state, "dim-label");
  gtk_widget_add_css_class (state, "heading");
  gtk_widget_set_name (state, "state");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), state);
  gtk_widget_set_name (group, anju_signing_step_id_to_string (step->id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (group), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return group;
}

static void
add (GtkWidget *group,
     GtkWidget *child)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), child);
}

static void
on_change_kind_cb (AnjuSigningView *self)
{
  const char *kind = change_kinds[MIN (adw_combo_row_get_selected (self->change_kind_row),
                                       G_N_ELEMENTS (change_kinds) - 1)];

  gtk_widget_set_visible (GTK_WIDGET (self->change_unit_row), g_str_equal (kind, "change_unit"));
  gtk_widget_set_visible (GTK_WIDGET (self->change_price_row), !g_str_equal (kind, "rename"));
  gtk_widget_set_visible (GTK_WIDGET (self->rename_name_row), g_str_equal (kind, "rename"));
  gtk_widget_set_visible (GTK_WIDGET (self->rename_id_row), g_str_equal (kind, "rename"));
}

static void
on_change_unit_cb (AnjuSigningView *self)
{
  guint i = adw_combo_row_get_selected (self->change_unit_row);

  /* the new unit's list price, to start from */
  if (self->snapshot != NULL && i < self->snapshot->held_units->len)
    {
      AnjuUnitRow *u = g_ptr_array_index (self->snapshot->held_units, i);
      g_autofree char *price = anju_money_format_plain (u->list_price);

      gtk_editable_set_text (GTK_EDITABLE (self->change_price_row), price);
    }
}

static void
fill_schedule (AnjuSigningView     *self,
               const AnjuSigningStep *step,
               GtkWidget           *group)
{
  GtkWidget *list = new_list (step->title);
  GtkWidget *row = anju_date_time_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Signing time"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Signing time"), -1);
  anju_date_time_row_set_usec (ANJU_DATE_TIME_ROW (row), self->snapshot->signing->signing_usec);
  self->schedule_row = ANJU_DATE_TIME_ROW (row);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  add (group, list);
  add (group, new_action (_("_Reschedule"), "signing.schedule", step->can, step->refusal));
}

static void
fill_changes (AnjuSigningView       *self,
              const AnjuSigningStep *step,
              GtkWidget             *group)
{
  const AnjuSigningSnapshot *snap = self->snapshot;
  const char *kind_labels[G_N_ELEMENTS (change_kinds)];
  g_autoptr(GPtrArray) unit_labels = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *history, *form;

  if (snap->changes->len > 0)
    {
      history = new_list (_("Changes asked"));
      for (guint i = 0; i < snap->changes->len; i++)
        {
          AnjuChangeRequest *c = g_ptr_array_index (snap->changes, i);
          g_autofree char *when = anju_format_datetime_iso (c->requested_at);
          g_autofree char *what = NULL, *subtitle = NULL;
          const char *status = g_str_equal (c->status, "pending") ? _("waiting for approval")
                             : g_str_equal (c->status, "approved") ? _("approved")
                             : g_str_equal (c->status, "rejected") ? _("rejected") : _("lapsed");

          if (c->to_unit_label != NULL)
            /* Translators: a change of unit: from the old unit to the new */
            what = g_strdup_printf (_("%s: %s → %s"), anju_change_request_kind_get_label (c->kind),
                                    c->from_unit_label, c->to_unit_label);
          else
            what = g_strdup (anju_change_request_kind_get_label (c->kind));
          /* Translators: a change request: its status, who asked, when, why */
          subtitle = g_strdup_printf (_("%s · %s at %s · %s"), status, c->requested_by ? c->requested_by : "?",
                                      when, c->reason);
          gtk_list_box_append (GTK_LIST_BOX (history), new_info_row (what, subtitle));
        }
      add (group, history);
    }

  form = new_list (_("Ask for a change"));
  for (guint i = 0; i < G_N_ELEMENTS (change_kinds); i++)
    kind_labels[i] = anju_change_request_kind_get_label (change_kinds[i]);
  self->change_kind_row = ADW_COMBO_ROW (new_combo_row (_("Change"), kind_labels, G_N_ELEMENTS (kind_labels)));
  for (guint i = 0; i < snap->held_units->len; i++)
    g_ptr_array_add (unit_labels, anju_unit_row_dup_label (g_ptr_array_index (snap->held_units, i)));
  if (unit_labels->len == 0)
    g_ptr_array_add (unit_labels, g_strdup (_("Hold the new unit on the board first")));
  self->change_unit_row = ADW_COMBO_ROW (new_combo_row (_("New unit (held by you)"),
                                                        (const char * const *)unit_labels->pdata, unit_labels->len));
  self->change_price_row = ADW_ENTRY_ROW (new_entry_row (_("Price asked (yuan)"), NULL));
  self->rename_name_row = ADW_ENTRY_ROW (new_entry_row (_("New buyer's name"), NULL));
  self->rename_id_row = ADW_ENTRY_ROW (new_entry_row (_("New buyer's ID number"), NULL));
  self->change_reason_row = ADW_ENTRY_ROW (new_entry_row (_("Reason"), NULL));
  gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->change_kind_row));
  gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->change_unit_row));
  gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->change_price_row));
  gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->rename_name_row));
  gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->rename_id_row));
  gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->change_reason_row));
  g_signal_connect_object (self->change_kind_row, "notify::selected", G_CALLBACK (on_change_kind_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->change_unit_row, "notify::selected", G_CALLBACK (on_change_unit_cb), self,
                           G_CONNECT_SWAPPED);
  on_change_kind_cb (self);
  on_change_unit_cb (self);
  gtk_widget_set_visible (form, step->can);
  add (group, form);
  add (group, new_action (_("_Request Change"), "signing.request-change", step->can, step->refusal));
}

static void
fill_contract_documents (AnjuSigningView       *self,
                         const AnjuSigningStep *step,
                         GtkWidget             *group)
{
  add (group, new_checklist (self->snapshot->contract_items, self->contract_checks, step->title));
  add (group, new_action (_("Record _Documents"), "signing.check-contract", step->can, step->refusal));
}

static void
fill_personal_data (AnjuSigningView       *self,
                    const AnjuSigningStep *step,
                    GtkWidget             *group)
{
  const AnjuSigningSnapshot *snap = self->snapshot;
  GtkWidget *people = new_list (_("Buyers and co-owners"));
  GtkWidget *terms = new_list (_("Payment"));
  g_autofree char *down = snap->signing->down_payment > 0 ? anju_money_format_plain (snap->signing->down_payment)
                                                           : NULL;
  const char *method = snap->signing->payment_method ? snap->signing->payment_method
                                                     : snap->subscription_payment_method;

  for (guint i = 0; i < snap->buyers->len; i++)
    {
      AnjuBuyer *b = g_ptr_array_index (snap->buyers, i);
      /* Translators: a buyer's place on the contract and ID number */
      g_autofree char *subtitle = g_strdup_printf (_("%s · ID %s%s%s"),
                                                   i == 0 ? _("Buyer") : _("Co-owner"), b->id_number,
                                                   b->mobile ? " · " : "", b->mobile ? b->mobile : "");
      /* Translators: the entry for a buyer's mailing address */
      g_autofree char *title = g_strdup_printf (_("Mailing address of %s"), b->name);
      GtkWidget *address = new_entry_row (title, NULL);

      gtk_list_box_append (GTK_LIST_BOX (people), new_info_row (b->name, subtitle));
      gtk_list_box_append (GTK_LIST_BOX (people), address);
      g_ptr_array_add (self->address_rows, address);
    }
  gtk_list_box_append (GTK_LIST_BOX (terms), new_info_row (_("Payment method"), anju_payment_method_get_label (method)));
  self->down_payment_row = ADW_ENTRY_ROW (new_entry_row (_("Down payment (yuan)"), down));
  self->loan_bank_row = ADW_ENTRY_ROW (new_entry_row (_("Loan bank"), snap->signing->loan_bank));
  gtk_widget_set_visible (GTK_WIDGET (self->loan_bank_row), snap->needs_loan);
  gtk_list_box_append (GTK_LIST_BOX (terms), GTK_WIDGET (self->down_payment_row));
  gtk_list_box_append (GTK_LIST_BOX (terms), GTK_WIDGET (self->loan_bank_row));
  add (group, people);
  add (group, terms);
  add (group, new_action (_("_Confirm Data"), "signing.confirm-data", step->can, step->refusal));
}

static const char *
loan_method_label (const char *method)
{
  if (g_strcmp0 (method, "equal_principal") == 0)
    return _("Equal principal (等额本金)");
  return _("Equal instalments (等额本息)");
}

static void
fill_mortgage (AnjuSigningView       *self,
               const AnjuSigningStep *step,
               GtkWidget             *group)
{
  const AnjuSigningSnapshot *snap = self->snapshot;
  const AnjuMortgage *m = snap->mortgage;

  if (!snap->needs_loan)
    return;
  add (group, new_checklist (snap->mortgage_items, self->mortgage_checks, step->title));
  add (group, new_action (_("Record Mortgage _Documents"), "signing.check-mortgage", step->can, step->refusal));
  if (m != NULL && g_strcmp0 (m->status, "cancelled") != 0 && g_strcmp0 (m->status, "rejected") != 0)
    {
      GtkWidget *list = new_list (_("Mortgage application"));
      g_autofree char *amount = anju_format_money (m->amount);
      /* Translators: a mortgage: bank, bank manager, amount, term, method */
      g_autofree char *title = g_strdup_printf (_("%s (%s): %s over %lld months, %s"), m->bank, m->bank_manager,
                                                amount, (long long)m->term_months, loan_method_label (m->method));
      g_autofree char *label = NULL;

      gtk_list_box_append (GTK_LIST_BOX (list), new_info_row (title, anju_mortgage_status_get_label (m->status)));
      add (group, list);
      if (snap->mortgage_next_status != NULL)
        {
          /* Translators: the button that moves a mortgage application on */
          label = g_strdup_printf (_("Mark as “%s”"), anju_mortgage_status_get_label (snap->mortgage_next_status));
          add (group, new_action (label, "signing.advance-mortgage", snap->can_advance_mortgage,
                                  snap->advance_mortgage_refusal));
        }
      return;
    }
  {
    GtkWidget *form = new_list (_("Mortgage application"));
    const char *method_labels[G_N_ELEMENTS (loan_methods)];

    for (guint i = 0; i < G_N_ELEMENTS (loan_methods); i++)
      method_labels[i] = loan_method_label (loan_methods[i]);
    self->bank_row = ADW_ENTRY_ROW (new_entry_row (_("Bank"), snap->signing->loan_bank));
    self->bank_manager_row = ADW_ENTRY_ROW (new_entry_row (_("Bank's on-site manager"), NULL));
    self->bank_mobile_row = ADW_ENTRY_ROW (new_entry_row (_("Manager's mobile"), NULL));
    self->amount_row = ADW_ENTRY_ROW (new_entry_row (_("Loan amount (yuan)"), NULL));
    self->term_row = ADW_ENTRY_ROW (new_entry_row (_("Term (months)"), "360"));
    self->loan_method_row = ADW_COMBO_ROW (new_combo_row (_("Repayment method"), method_labels,
                                                          G_N_ELEMENTS (method_labels)));
    gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->bank_row));
    gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->bank_manager_row));
    gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->bank_mobile_row));
    gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->amount_row));
    gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->term_row));
    gtk_list_box_append (GTK_LIST_BOX (form), GTK_WIDGET (self->loan_method_row));
    gtk_widget_set_visible (form, snap->can_open_mortgage);
    add (group, form);
    add (group, new_action (_("_Open Mortgage Application"), "signing.open-mortgage", snap->can_open_mortgage,
                            snap->open_mortgage_refusal));
  }
}

static void
fill_sign (AnjuSigningView       *self,
           const AnjuSigningStep *step,
           GtkWidget             *group)
{
  GtkWidget *list = new_list (step->title);

  if (step->state == ANJU_SIGNING_STEP_DONE)
    return;
  self->contract_number_row = ADW_ENTRY_ROW (new_entry_row (_("Contract number"), NULL));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->contract_number_row));
  add (group, list);
  add (group, new_action (_("_Sign the Contract"), "signing.sign", step->can, step->refusal));
}

static void
fill_filing (AnjuSigningView       *self,
             const AnjuSigningStep *step,
             GtkWidget             *group)
{
  const AnjuSigningSnapshot *snap = self->snapshot;
  GtkWidget *list, *attachments;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;

  if (step->state != ANJU_SIGNING_STEP_TO_DO)
    return;
  now = g_date_time_new_from_unix_utc (anju_context_get_now (self->context) / G_USEC_PER_SEC);
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (now, anju_format_get_time_zone ());

    today = g_date_time_format (local, "%Y-%m-%d");
  }
  list = new_list (step->title);
  self->filing_number_row = ADW_ENTRY_ROW (new_entry_row (_("Filing number"), NULL));
  self->filed_on_row = ADW_ENTRY_ROW (new_entry_row (_("Filed on (YYYY-MM-DD)"), today));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->filing_number_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->filed_on_row));
  add (group, list);
  attachments = new_checklist (snap->attachments, self->attachment_checks, _("Attachments"));
  add (group, attachments);
  add (group, new_action (_("Record _Filing"), "signing.record-filing", step->can, step->refusal));
}

static void
clear_forms (AnjuSigningView *self)
{
  self->schedule_row = NULL;
  self->change_kind_row = self->change_unit_row = self->loan_method_row = NULL;
  self->change_price_row = self->rename_name_row = self->rename_id_row = self->change_reason_row = NULL;
  self->down_payment_row = self->loan_bank_row = self->bank_row = self->bank_manager_row = NULL;
  self->bank_mobile_row = self->amount_row = self->term_row = NULL;
  self->contract_number_row = self->filing_number_row = self->filed_on_row = NULL;
  g_ptr_array_set_size (self->contract_checks, 0);
  g_ptr_array_set_size (self->mortgage_checks, 0);
  g_ptr_array_set_size (self->address_rows, 0);
  g_ptr_array_set_size (self->attachment_checks, 0);
}

static void
update_actions (AnjuSigningView *self)
{
  const AnjuSigningSnapshot *snap = self->snapshot;
  gboolean idle = self->n_running == 0 && snap != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "signing.schedule",
                                 idle && snap->steps[ANJU_SIGNING_STEP_SCHEDULE].can);
  gtk_widget_action_set_enabled (widget, "signing.request-change",
                                 idle && snap->steps[ANJU_SIGNING_STEP_CHANGES].can);
  gtk_widget_action_set_enabled (widget, "signing.check-contract",
                                 idle && snap->steps[ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS].can);
  gtk_widget_action_set_enabled (widget, "signing.confirm-data",
                                 idle && snap->steps[ANJU_SIGNING_STEP_PERSONAL_DATA].can);
  gtk_widget_action_set_enabled (widget, "signing.check-mortgage",
                                 idle && snap->steps[ANJU_SIGNING_STEP_MORTGAGE_DOCUMENTS].can);
  gtk_widget_action_set_enabled (widget, "signing.sign", idle && snap->steps[ANJU_SIGNING_STEP_SIGN].can);
  gtk_widget_action_set_enabled (widget, "signing.record-filing",
                                 idle && snap->steps[ANJU_SIGNING_STEP_FILING].can);
  gtk_widget_action_set_enabled (widget, "signing.open-mortgage", idle && snap->can_open_mortgage);
  gtk_widget_action_set_enabled (widget, "signing.advance-mortgage", idle && snap->can_advance_mortgage);
}

static void
fill_detail (AnjuSigningView *self)
{
  const AnjuSigningSnapshot *snap = self->snapshot;
  GtkWidget *child;
  g_autofree char *title = NULL, *price = NULL;

  clear_forms (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box))) != NULL)
    gtk_box_remove (self->steps_box, child);
  if (snap == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      update_actions (self);
      return;
    }
  price = anju_format_money (snap->price);
  /* Translators: the deal signed: unit, buyer, price */
  title = g_strdup_printf (_("%s · %s · %s"), snap->signing->unit_label, snap->signing->customer_name, price);
  gtk_label_set_label (self->title_label, title);
  for (guint i = 0; i < ANJU_SIGNING_N_STEPS; i++)
    {
      const AnjuSigningStep *step = &snap->steps[i];
      GtkWidget *group = new_step_group (step);

      switch (step->id)
        {
        case ANJU_SIGNING_STEP_SCHEDULE:           fill_schedule (self, step, group); break;
        case ANJU_SIGNING_STEP_CHANGES:            fill_changes (self, step, group); break;
        case ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS: fill_contract_documents (self, step, group); break;
        case ANJU_SIGNING_STEP_PERSONAL_DATA:      fill_personal_data (self, step, group); break;
        case ANJU_SIGNING_STEP_MORTGAGE_DOCUMENTS: fill_mortgage (self, step, group); break;
        case ANJU_SIGNING_STEP_SIGN:               fill_sign (self, step, group); break;
        case ANJU_SIGNING_STEP_FILING:             fill_filing (self, step, group); break;
        case ANJU_SIGNING_STEP_PICKUP:
        case ANJU_SIGNING_N_STEPS:
        default:
          break;
        }
      gtk_box_append (self->steps_box, group);
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "deal");
  update_actions (self);
}

/* ---- the list --------------------------------------------------------------- */

static GtkWidget *
create_deal_row (const AnjuSigningRow *r)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (anju_signing_step_state_get_label (r->next_state));
  /* Translators: a deal in the signing list: unit and buyer */
  g_autofree char *title = g_strdup_printf (_("%s · %s"), r->signing->unit_label, r->signing->customer_name);
  g_autofree char *when = anju_format_datetime (r->signing->signing_usec);
  g_autofree char *subtitle = NULL, *label = NULL;

  if (g_strcmp0 (r->signing->status, "signed") == 0 && r->signing->filing_due_on != NULL &&
      r->signing->filing_number == NULL)
    /* Translators: a signed deal: its next step and the filing's due day */
    subtitle = g_strdup_printf (_("Next: %s · filing due %s"), r->next_title, r->signing->filing_due_on);
  else if (g_strcmp0 (r->signing->status, "signed") == 0)
    subtitle = g_strdup_printf (_("Next: %s"), r->next_title);
  else
    /* Translators: a deal to sign: its next step and the signing time */
    subtitle = g_strdup_printf (_("Next: %s · signing %s"), r->next_title, when);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (state, r->urgent ? "status-overdue" : "dim-label");
  if (r->urgent)
    gtk_widget_add_css_class (row, "urgent");
  gtk_widget_add_css_class (state, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  gtk_widget_set_name (row, r->signing->subscription_id);
  label = g_strdup_printf ("%s, %s", title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

static void
fill_list (AnjuSigningView *self)
{
  GtkListBoxRow *selected = NULL;
  guint urgent = 0;
  g_autofree char *summary = NULL;

  self->filling = TRUE;
  anju_ui_list_box_clear (self->deals_list);
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      AnjuSigningRow *r = g_ptr_array_index (self->rows, i);
      GtkWidget *row = create_deal_row (r);

      gtk_list_box_append (self->deals_list, row);
      urgent += r->urgent;
      if (g_strcmp0 (self->selected_id, r->signing->subscription_id) == 0)
        selected = GTK_LIST_BOX_ROW (row);
    }
  gtk_list_box_select_row (self->deals_list, selected);
  self->filling = FALSE;
  /* Translators: the signing list in a line */
  summary = g_strdup_printf (ngettext ("%u deal · %u filing urgent or overdue",
                                       "%u deals · %u filings urgent or overdue",
                                       self->rows ? self->rows->len : 0),
                             self->rows ? self->rows->len : 0, urgent);
  gtk_label_set_label (self->summary_label, summary);
  anju_ui_label_set_urgent (self->summary_label, urgent);
}

static void
on_rows_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AnjuSigningView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  self->n_loading--;
  set_busy (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (rows == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;
  fill_list (self);
}

static void
on_snapshot_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AnjuSigningView) self = user_data;
  g_autoptr(GError) error = NULL;
  AnjuSigningSnapshot *snap = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  self->n_loading--;
  set_busy (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->snapshot, anju_signing_snapshot_free);
  self->snapshot = snap;
  if (snap == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  fill_detail (self);
}

static void
reload_snapshot (AnjuSigningView *self)
{
  if (!may_load (self) || self->selected_id == NULL)
    {
      g_clear_pointer (&self->snapshot, anju_signing_snapshot_free);
      fill_detail (self);
      return;
    }
  self->n_loading++;
  set_busy (self);
  anju_worker_run_async (anju_context_get_worker (self->context), load_snapshot, load_job_new (self),
                         (GDestroyNotify) load_job_free, (GDestroyNotify) anju_signing_snapshot_free,
                         self->cancellable, on_snapshot_loaded_cb, g_object_ref (self));
}

static void
reload (AnjuSigningView *self)
{
  if (!may_load (self))
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_loading++;
  set_busy (self);
  anju_worker_run_async (anju_context_get_worker (self->context), load_rows, load_job_new (self),
                         (GDestroyNotify) load_job_free, (GDestroyNotify) g_ptr_array_unref,
                         self->cancellable, on_rows_loaded_cb, g_object_ref (self));
  reload_snapshot (self);
}

static void
on_row_selected_cb (AnjuSigningView *self,
                    GtkListBoxRow   *row)
{
  const char *id = row ? gtk_widget_get_name (GTK_WIDGET (row)) : NULL;

  if (self->filling || id == NULL || g_strcmp0 (id, self->selected_id) == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  g_clear_pointer (&self->error, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  reload_snapshot (self);
}

/* ---- the commands -------------------------------------------------------------- */

static void
show_error (AnjuSigningView *self,
            const char      *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_command_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AnjuSigningView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result, &error);

  self->n_running--;
  set_busy (self);
  show_error (self, answer == NULL ? error->message : NULL);
  /* the context's "changed" reloads on success; a refusal changes nothing */
  update_actions (self);
}

/* Takes @payload. */
static void
run (AnjuSigningView *self,
     const char      *type,
     JsonObject      *payload)
{
  g_autoptr(JsonObject) owned = payload;

  json_object_set_string_member (payload, "subscription_id", self->snapshot->signing->subscription_id);
  self->n_running++;
  set_busy (self);
  update_actions (self);
  anju_context_run_command_async (self->context, type, payload, NULL, on_command_done_cb, g_object_ref (self));
}

static const char *
text_of (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  while (*text == ' ')
    text++;
  return *text != '\0' ? text : NULL;
}

/* Yuan typed in @row into fen; a person's error when it is not money. */
static gboolean
read_money (AnjuSigningView *self,
            AdwEntryRow     *row,
            gint64          *fen)
{
  g_autoptr(GError) error = NULL;

  if (text_of (row) != NULL && anju_money_parse (text_of (row), fen, &error))
    return TRUE;
  {
    /* Translators: a money entry that is not an amount: its title */
    g_autofree char *message = g_strdup_printf (_("%s: enter an amount in yuan, such as 1280000.00."),
                                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

    show_error (self, message);
  }
  return FALSE;
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (widget);
  JsonObject *payload = json_object_new ();
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (anju_date_time_row_get_usec (self->schedule_row) / G_USEC_PER_SEC);
  g_autofree char *iso = g_date_time_format_iso8601 (at);

  json_object_set_string_member (payload, "signing_at", iso);
  run (self, "signing.schedule", payload);
}

static void
request_change_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (widget);
  const char *kind = change_kinds[MIN (adw_combo_row_get_selected (self->change_kind_row),
                                       G_N_ELEMENTS (change_kinds) - 1)];
  g_autoptr(JsonObject) payload = json_object_new ();
  gint64 price = 0;

  json_object_set_string_member (payload, "kind", kind);
  json_object_set_string_member (payload, "reason", text_of (self->change_reason_row) ? text_of (self->change_reason_row) : "");
  if (!g_str_equal (kind, "rename"))
    {
      if (!read_money (self, self->change_price_row, &price))
        return;
      json_object_set_int_member (payload, "price", price);
    }
  if (g_str_equal (kind, "change_unit"))
    {
      guint i = adw_combo_row_get_selected (self->change_unit_row);

      if (i < self->snapshot->held_units->len)
        json_object_set_string_member (payload, "unit_id",
                                       ((AnjuUnitRow *)g_ptr_array_index (self->snapshot->held_units, i))->id);
    }
  if (g_str_equal (kind, "rename"))
    {
      JsonArray *buyers = json_array_new ();
      JsonObject *buyer = json_object_new ();

      json_object_set_string_member (buyer, "name", text_of (self->rename_name_row) ? text_of (self->rename_name_row) : "");
      json_object_set_string_member (buyer, "id_number", text_of (self->rename_id_row) ? text_of (self->rename_id_row) : "");
      json_array_add_object_element (buyers, buyer);
      json_object_set_array_member (payload, "buyers", buyers);
    }
  run (self, "change.request", g_steal_pointer (&payload));
}

static void
check_documents (AnjuSigningView *self,
                 const char      *checklist,
                 GPtrArray       *checks)
{
  JsonObject *payload = json_object_new ();
  JsonArray *items = json_array_new ();

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      json_array_add_string_element (items, g_object_get_data (g_ptr_array_index (checks, i), "item"));
  json_object_set_string_member (payload, "checklist", checklist);
  json_object_set_array_member (payload, "items", items);
  run (self, "signing.check_documents", payload);
}

static void
check_contract_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (widget);

  check_documents (self, "contract", self->contract_checks);
}

static void
check_mortgage_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (widget);

  check_documents (self, "mortgage", self->mortgage_checks);
}

static void
confirm_data_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (widget);
  const AnjuSigningSnapshot *snap = self->snapshot;
  g_autoptr(JsonObject) payload = json_object_new ();
  JsonArray *people = json_array_new ();
  gint64 down = 0;

  json_object_set_array_member (payload, "people", people);
  for (guint i = 0; i < snap->buyers->len && i < self->address_rows->len; i++)
    {
      AnjuBuyer *b = g_ptr_array_index (snap->buyers, i);
      AdwEntryRow *address = g_ptr_array_index (self->address_rows, i);
      JsonObject *person = json_object_new ();

      json_object_set_string_member (person, "role", b->role ? b->role : (i == 0 ? "buyer" : "co_owner"));
      json_object_set_string_member (person, "name", b->name);
      json_object_set_string_member (person, "id_number", b->id_number ? b->id_number : "");
      if (b->mobile != NULL)
        json_object_set_string_member (person, "mobile", b->mobile);
      json_object_set_string_member (person, "address", text_of (address) ? text_of (address) : "");
      json_array_add_object_element (people, person);
    }
  if (!read_money (self, self->down_payment_row, &down))
    return;
  json_object_set_string_member (payload, "payment_method",
                                 snap->signing->payment_method ? snap->signing->payment_method
                                                               : snap->subscription_payment_method);
  json_object_set_int_member (payload, "down_payment", down);
  if (snap->needs_loan && text_of (self->loan_bank_row) != NULL)
    json_object_set_string_member (payload, "loan_bank", text_of (self->loan_bank_row));
  run (self, "signing.confirm_data", g_steal_pointer (&payload));
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (widget);
  JsonObject *payload = json_object_new ();

  if (self->contract_number_row != NULL && text_of (self->contract_number_row) != NULL)
    json_object_set_string_member (payload, "contract_number", text_of (self->contract_number_row));
  run (self, "signing.sign", payload);
}

static void
record_filing_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (widget);
  JsonObject *payload = json_object_new ();
  JsonArray *attachments = json_array_new ();

  for (guint i = 0; i < self->attachment_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->attachment_checks, i)))
      json_array_add_string_element (attachments, g_object_get_data (g_ptr_array_index (self->attachment_checks, i),
                                                                     "item"));
  json_object_set_string_member (payload, "filing_number",
                                 text_of (self->filing_number_row) ? text_of (self->filing_number_row) : "");
  json_object_set_string_member (payload, "filed_on", text_of (self->filed_on_row) ? text_of (self->filed_on_row) : "");
  json_object_set_array_member (payload, "attachments", attachments);
  run (self, "filing.record", payload);
}

static void
open_mortgage_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (widget);
  g_autoptr(JsonObject) payload = json_object_new ();
  gint64 amount = 0, term = 0;
  const char *term_text = text_of (self->term_row);

  if (!read_money (self, self->amount_row, &amount))
    return;
  if (term_text == NULL || !g_ascii_string_to_signed (term_text, 10, 1, G_MAXINT, &term, NULL))
    {
      show_error (self, _("Term (months): enter a whole number of months, such as 360."));
      return;
    }
  json_object_set_string_member (payload, "bank", text_of (self->bank_row) ? text_of (self->bank_row) : "");
  json_object_set_string_member (payload, "bank_manager",
                                 text_of (self->bank_manager_row) ? text_of (self->bank_manager_row) : "");
  if (text_of (self->bank_mobile_row) != NULL)
    json_object_set_string_member (payload, "bank_manager_mobile", text_of (self->bank_mobile_row));
  json_object_set_int_member (payload, "amount", amount);
  json_object_set_int_member (payload, "term_months", term);
  json_object_set_string_member (payload, "method",
                                 loan_methods[MIN (adw_combo_row_get_selected (self->loan_method_row),
                                                   G_N_ELEMENTS (loan_methods) - 1)]);
  run (self, "mortgage.open", g_steal_pointer (&payload));
}

static void
advance_mortgage_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (widget);
  const AnjuMortgage *m = self->snapshot->mortgage;
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "mortgage_id", m->id);
  json_object_set_string_member (payload, "status", self->snapshot->mortgage_next_status);
  run (self, "mortgage.advance", payload);
}

/* ---- context ------------------------------------------------------------------- */

static void
on_context_changed_cb (AnjuSigningView    *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "signing", "subscriptions", "approvals", "units", "finance", NULL };

  if (anju_topics_match (topics, watched) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

static void
on_user_changed_cb (AnjuSigningView *self)
{
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->snapshot, anju_signing_snapshot_free);
  g_clear_pointer (&self->selected_id, g_free);
  show_error (self, NULL);
  fill_list (self);
  fill_detail (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

/* ---- GtkWidget / GObject ------------------------------------------------------- */

static void
anju_signing_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (anju_signing_view_parent_class)->map (widget);
  /* the filing deadlines move with the day */
  reload (ANJU_SIGNING_VIEW (widget));
}

static void
anju_signing_view_dispose (GObject *object)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  clear_forms (self);

  G_OBJECT_CLASS (anju_signing_view_parent_class)->dispose (object);
}

static void
anju_signing_view_finalize (GObject *object)
{
  AnjuSigningView *self = ANJU_SIGNING_VIEW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->snapshot, anju_signing_snapshot_free);
  g_free (self->selected_id);
  g_free (self->error);
  g_ptr_array_unref (self->contract_checks);
  g_ptr_array_unref (self->mortgage_checks);
  g_ptr_array_unref (self->address_rows);
  g_ptr_array_unref (self->attachment_checks);

  G_OBJECT_CLASS (anju_signing_view_parent_class)->finalize (object);
}

static void
anju_signing_view_class_init (AnjuSigningViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_signing_view_dispose;
  object_class->finalize = anju_signing_view_finalize;
  widget_class->map = anju_signing_view_map;

  gtk_widget_class_install_action (widget_class, "signing.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "signing.request-change", NULL, request_change_action);
  gtk_widget_class_install_action (widget_class, "signing.check-contract", NULL, check_contract_action);
  gtk_widget_class_install_action (widget_class, "signing.confirm-data", NULL, confirm_data_action);
  gtk_widget_class_install_action (widget_class, "signing.check-mortgage", NULL, check_mortgage_action);
  gtk_widget_class_install_action (widget_class, "signing.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "signing.record-filing", NULL, record_filing_action);
  gtk_widget_class_install_action (widget_class, "signing.open-mortgage", NULL, open_mortgage_action);
  gtk_widget_class_install_action (widget_class, "signing.advance-mortgage", NULL, advance_mortgage_action);
}

static void
anju_signing_view_init (AnjuSigningView *self)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Signing"));
  GtkWidget *list_scroller = gtk_scrolled_window_new ();
  GtkWidget *detail_scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *none = adw_status_page_new ();
  GtkWidget *deals = gtk_list_box_new ();

  self->cancellable = g_cancellable_new ();
  self->contract_checks = g_ptr_array_new ();
  self->mortgage_checks = g_ptr_array_new ();
  self->address_rows = g_ptr_array_new ();
  self->attachment_checks = g_ptr_array_new ();

  /* the deals */
  gtk_widget_set_margin_top (side, 18);
  gtk_widget_set_margin_bottom (side, 12);
  gtk_widget_set_margin_start (side, 12);
  gtk_widget_set_margin_end (side, 12);
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (side), header);
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->summary_label));
  self->deals_list = GTK_LIST_BOX (deals);
  gtk_list_box_set_selection_mode (self->deals_list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (deals, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (deals), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Deals to sign"), -1);
  anju_ui_list_box_set_placeholder (self->deals_list, _("No deal to sign. A subscription brings its signing here."));
  g_signal_connect_object (deals, "row-selected", G_CALLBACK (on_row_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_valign (deals, GTK_ALIGN_START);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scroller), deals);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (list_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (list_scroller, TRUE);
  gtk_box_append (GTK_BOX (side), list_scroller);
  gtk_widget_set_size_request (side, 300, -1);

  /* the steps of the selected deal */
  self->detail_stack = GTK_STACK (gtk_stack_new ());
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (none), "emblem-documents-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (none), _("Pick a Deal"));
  adw_status_page_set_description (ADW_STATUS_PAGE (none),
                                   _("Its signing steps show here, in order, with what is missing."));
  gtk_stack_add_named (self->detail_stack, none, "none");
  gtk_widget_set_margin_top (detail, 18);
  gtk_widget_set_margin_bottom (detail, 24);
  gtk_widget_set_margin_start (detail, 12);
  gtk_widget_set_margin_end (detail, 12);
  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-2");
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->title_label));
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "status-overdue");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Why the last step was refused"), -1);
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->error_label));
  self->steps_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->steps_box));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), detail);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (detail_scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (detail_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_stack_add_named (self->detail_stack, detail_scroller, "deal");
  gtk_stack_set_visible_child_name (self->detail_stack, "none");

  gtk_paned_set_start_child (GTK_PANED (paned), side);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->detail_stack));
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 340);
  adw_bin_set_child (ADW_BIN (self), paned);
  update_actions (self);
}

GtkWidget *
anju_signing_view_new (AnjuContext *context)
{
  AnjuSigningView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_SIGNING_VIEW, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user", G_CALLBACK (on_user_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

gboolean
anju_signing_view_get_busy (AnjuSigningView *self)
{
  g_return_val_if_fail (ANJU_IS_SIGNING_VIEW (self), FALSE);

  return self->n_loading > 0 || self->n_running > 0;
}

guint
anju_signing_view_get_n_deals (AnjuSigningView *self)
{
  g_return_val_if_fail (ANJU_IS_SIGNING_VIEW (self), 0);

  return self->rows ? self->rows->len : 0;
}

gboolean
anju_signing_view_select (AnjuSigningView *self,
                          const char      *subscription_id)
{
  g_return_val_if_fail (ANJU_IS_SIGNING_VIEW (self), FALSE);
  g_return_val_if_fail (subscription_id != NULL, FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->deals_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), subscription_id) == 0)
      {
        gtk_list_box_select_row (self->deals_list, GTK_LIST_BOX_ROW (row));
        return TRUE;
      }
  return FALSE;
}

const AnjuSigningSnapshot *
anju_signing_view_get_snapshot (AnjuSigningView *self)
{
  g_return_val_if_fail (ANJU_IS_SIGNING_VIEW (self), NULL);

  return self->snapshot;
}

const char *
anju_signing_view_get_error (AnjuSigningView *self)
{
  g_return_val_if_fail (ANJU_IS_SIGNING_VIEW (self), NULL);

  return self->error;
}
