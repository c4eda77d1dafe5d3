/* anju-handovers-view.c — 交接: each handover's customers and their calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a manager follows after a consultant leaves or changes post: every
 * handover, newest first, with each customer as core lists them
 * (anju_handover_list_contacts): who must call, by when, and whether the
 * call is made, not yet due, or overdue (red). Nothing is decided here.
 */
#define G_LOG_DOMAIN "anju-handovers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-format.h"
#include "anju-handover.h"
#include "anju-handovers-view.h"
#include "anju-ui-util.h"

struct _AnjuHandoversView
{
  AdwBin        parent_instance;

  GtkSpinner   *spinner;
  GtkLabel     *summary_label;
  GtkBox       *groups_box;
  GtkListBox   *empty_list;
  GtkWidget    *form_group;
  AdwComboRow  *from_row;
  AdwComboRow  *to_row;
  AdwEntryRow  *reason_row;
  GtkLabel     *error_label;
  GPtrArray    *givers;      /* AnjuHandoverPerson* */
  GPtrArray    *takers;
  guint         n_running;

  AnjuContext  *context;
  GCancellable *cancellable;
  guint         n_loading;
  guint         n_handovers;
  guint         n_overdue;
};

G_DEFINE_FINAL_TYPE (AnjuHandoversView, anju_handovers_view, ADW_TYPE_BIN)

/* ---- loading --------------------------------------------------------------- */

typedef struct
{
  GPtrArray *handovers;   /* AnjuHandover*, newest first */
  GPtrArray *contacts;    /* GPtrArray* of AnjuHandoverContact*, one per handover */
  GPtrArray *givers;      /* AnjuHandoverPerson*: who owns customers */
  GPtrArray *takers;      /* whom they may go to */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->handovers, g_ptr_array_unref);
  g_clear_pointer (&loaded->contacts, g_ptr_array_unref);
  g_clear_pointer (&loaded->givers, g_ptr_array_unref);
  g_clear_pointer (&loaded->takers, g_ptr_array_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_handovers (AnjuStore     *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  if (!(loaded->handovers = anju_handovers_list (store, error)) ||
      !(loaded->givers = anju_handover_list_givers (store, error)) ||
      !(loaded->takers = anju_handover_list_takers (store, error)))
    return NULL;
  loaded->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < loaded->handovers->len; i++)
    {
      AnjuHandover *h = g_ptr_array_index (loaded->handovers, i);
      GPtrArray *contacts = anju_handover_list_contacts (store, h->id, error);

      if (contacts == NULL)
        return NULL;
      g_ptr_array_add (loaded->contacts, contacts);
    }
  return g_steal_pointer (&loaded);
}

/* ---- the rows ----------------------------------------------------------------- */

static GtkWidget *
create_contact_row (const AnjuHandoverContact *c)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (anju_handover_contact_state_get_label (c->state));
  g_autofree char *due = anju_format_datetime (c->due_usec);
  g_autofree char *subtitle = NULL, *label = NULL;

  if (c->state == ANJU_HANDOVER_CONTACT_DONE)
    {
      g_autofree char *done = anju_format_datetime_iso (c->done_at);

      /* Translators: who called a customer after a handover, when, and the outcome */
      subtitle = g_strdup_printf (_("%s called at %s: %s"), c->assignee_name ? c->assignee_name : "?",
                                  done, c->outcome ? c->outcome : "");
    }
  else
    /* Translators: who must call a customer after a handover, and by when */
    subtitle = g_strdup_printf (_("%s to call by %s"), c->assignee_name ? c->assignee_name : "?", due);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->customer_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (state, c->state == ANJU_HANDOVER_CONTACT_OVERDUE ? "status-overdue"
                                   : c->state == ANJU_HANDOVER_CONTACT_DONE ? "status-done" : "dim-label");
  if (c->state == ANJU_HANDOVER_CONTACT_OVERDUE)
    gtk_widget_add_css_class (state, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  gtk_widget_set_name (row, c->task_id);
  /* Translators: a handed-over customer for screen readers: name, state, and the call */
  label = g_strdup_printf (_("%s, %s, %s"), c->customer_name,
                           anju_handover_contact_state_get_label (c->state), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

static GtkWidget *
create_group (const AnjuHandover *h,
              GPtrArray          *contacts)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *title = NULL, *description = NULL, *when = anju_format_datetime_iso (h->created_at);

  /* Translators: a handover: from one consultant to another */
  title = g_strdup_printf (_("%s → %s"), h->from_name ? h->from_name : "?", h->to_name ? h->to_name : "?");
  /* Translators: a handover's day, reason and progress */
  description = g_strdup_printf (ngettext ("%s · %s · %u customer: %u contacted, %u not yet, %u overdue",
                                           "%s · %s · %u customers: %u contacted, %u not yet, %u overdue",
                                           h->customers),
                                 when, h->reason, h->customers, h->contacted, h->pending, h->overdue);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  anju_ui_list_box_set_placeholder (GTK_LIST_BOX (list), _("No customers were handed over."));
  for (guint i = 0; i < contacts->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), create_contact_row (g_ptr_array_index (contacts, i)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_widget_set_name (group, h->id);
  return group;
}

static void
update_form (AnjuHandoversView *self)
{
  gboolean may = self->context != NULL && anju_context_may (self->context, "customer.handover");

  gtk_widget_set_visible (self->form_group, may);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handovers.hand-over",
                                 may && self->n_running == 0 && self->givers != NULL && self->givers->len > 0 &&
                                 self->takers != NULL && self->takers->len > 0);
}

static void
fill_people (AnjuHandoversView *self,
             Loaded            *loaded)
{
  g_autoptr(GtkStringList) from = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) to = gtk_string_list_new (NULL);

  g_clear_pointer (&self->givers, g_ptr_array_unref);
  g_clear_pointer (&self->takers, g_ptr_array_unref);
  self->givers = loaded->givers ? g_ptr_array_ref (loaded->givers) : NULL;
  self->takers = loaded->takers ? g_ptr_array_ref (loaded->takers) : NULL;
  for (guint i = 0; self->givers != NULL && i < self->givers->len; i++)
    {
      AnjuHandoverPerson *p = g_ptr_array_index (self->givers, i);
      /* Translators: a consultant and how many customers they own */
      g_autofree char *label = g_strdup_printf (ngettext ("%s (%u customer)", "%s (%u customers)", p->customers),
                                                p->name, p->customers);

      gtk_string_list_append (from, label);
    }
  for (guint i = 0; self->takers != NULL && i < self->takers->len; i++)
    gtk_string_list_append (to, ((AnjuHandoverPerson *)g_ptr_array_index (self->takers, i))->name);
  adw_combo_row_set_model (self->from_row, G_LIST_MODEL (from));
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (to));
  update_form (self);
}

static void
fill (AnjuHandoversView *self,
      Loaded            *loaded)
{
  GtkWidget *child;
  guint overdue = 0, pending = 0;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  for (guint i = 0; loaded->handovers != NULL && i < loaded->handovers->len; i++)
    {
      AnjuHandover *h = g_ptr_array_index (loaded->handovers, i);

      gtk_box_append (self->groups_box, create_group (h, g_ptr_array_index (loaded->contacts, i)));
      overdue += h->overdue;
      pending += h->pending;
    }
  self->n_handovers = loaded->handovers ? loaded->handovers->len : 0;
  self->n_overdue = overdue;
  gtk_widget_set_visible (GTK_WIDGET (self->empty_list), self->n_handovers == 0);
  /* Translators: all handovers in one line */
  summary = g_strdup_printf (ngettext ("%u handover · %u calls overdue · %u not yet due",
                                       "%u handovers · %u calls overdue · %u not yet due", self->n_handovers),
                             self->n_handovers, overdue, pending);
  gtk_label_set_label (self->summary_label, summary);
  anju_ui_label_set_urgent (self->summary_label, overdue > 0);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuHandoversView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  self->n_loading--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->spinner, self->n_loading > 0);
  if (loaded == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  fill (self, loaded);
  fill_people (self, loaded);
}

static void
reload (AnjuHandoversView *self)
{
  if (self->context == NULL || anju_context_get_user (self->context) == NULL ||
      !anju_context_get_ready (self->context))
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_loading++;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  anju_worker_run_async (anju_context_get_worker (self->context), load_handovers, NULL, NULL,
                         (GDestroyNotify) loaded_free, self->cancellable, on_loaded_cb,
                         g_object_ref (self));
}

static void
on_context_changed_cb (AnjuHandoversView  *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "handovers", "tasks", "customers", NULL };

  if (anju_topics_match (topics, watched) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

static void
on_user_changed_cb (AnjuHandoversView *self)
{
  Loaded none = { 0 };

  fill (self, &none);
  fill_people (self, &none);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

/* ---- handing customers over ----------------------------------------------------- */

static void
on_handed_over_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AnjuHandoversView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result, &error);

  self->n_running--;
  gtk_label_set_label (self->error_label, answer ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), answer == NULL);
  if (answer != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  update_form (self);
}

static void
hand_over_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AnjuHandoversView *self = ANJU_HANDOVERS_VIEW (widget);
  guint from = adw_combo_row_get_selected (self->from_row);
  guint to = adw_combo_row_get_selected (self->to_row);
  g_autoptr(JsonObject) payload = json_object_new ();

  if (self->givers == NULL || self->takers == NULL || from >= self->givers->len || to >= self->takers->len)
    return;
  json_object_set_string_member (payload, "from_user_id",
                                 ((AnjuHandoverPerson *)g_ptr_array_index (self->givers, from))->user_id);
  json_object_set_string_member (payload, "to_user_id",
                                 ((AnjuHandoverPerson *)g_ptr_array_index (self->takers, to))->user_id);
  json_object_set_string_member (payload, "reason", gtk_editable_get_text (GTK_EDITABLE (self->reason_row)));
  self->n_running++;
  update_form (self);
  anju_context_run_command_async (self->context, "customer.handover", payload, NULL, on_handed_over_cb,
                                  g_object_ref (self));
}

/* ---- GtkWidget / GObject ------------------------------------------------------- */

static void
anju_handovers_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (anju_handovers_view_parent_class)->map (widget);
  /* time moved on while hidden: overdue is decided again */
  reload (ANJU_HANDOVERS_VIEW (widget));
}

static void
anju_handovers_view_dispose (GObject *object)
{
  AnjuHandoversView *self = ANJU_HANDOVERS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->givers, g_ptr_array_unref);
  g_clear_pointer (&self->takers, g_ptr_array_unref);

  G_OBJECT_CLASS (anju_handovers_view_parent_class)->dispose (object);
}

static void
anju_handovers_view_class_init (AnjuHandoversViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_handovers_view_dispose;
  widget_class->map = anju_handovers_view_map;
  gtk_widget_class_install_action (widget_class, "handovers.hand-over", NULL, hand_over_action);
}

static void
anju_handovers_view_init (AnjuHandoversView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Handovers"));
  GtkWidget *intro = gtk_label_new (_("When a consultant leaves or changes post, the one who takes over calls each customer within the days the office allows. Overdue calls are red."));
  GtkWidget *empty = gtk_list_box_new ();

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_add_css_class (title, "title-1");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handovers.hand-over", FALSE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), header);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_box_append (GTK_BOX (box), intro);
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary_label));

  /* the manager's form: whose customers, to whom, why */
  {
    GtkWidget *group = adw_preferences_group_new ();
    GtkWidget *list = gtk_list_box_new ();
    GtkWidget *button = gtk_button_new_with_mnemonic (_("_Hand Over"));

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Hand customers over"));
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("Every customer of the one who leaves goes to the one who takes over, with a call to make."));
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list, "boxed-list");
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hand customers over"), -1);
    self->from_row = ADW_COMBO_ROW (adw_combo_row_new ());
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("Customers of"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->from_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Customers of"), -1);
    self->to_row = ADW_COMBO_ROW (adw_combo_row_new ());
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("To"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->to_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("To"), -1);
    self->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->reason_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
    gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->from_row));
    gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->to_row));
    gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->reason_row));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "handovers.hand-over");
    gtk_widget_set_halign (button, GTK_ALIGN_START);
    gtk_widget_set_margin_top (button, 6);
    gtk_widget_add_css_class (button, "suggested-action");
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hand Over"), -1);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
    self->error_label = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_xalign (self->error_label, 0);
    gtk_label_set_wrap (self->error_label, TRUE);
    gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "status-overdue");
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->error_label));
    self->form_group = group;
    gtk_widget_set_visible (group, FALSE);
    gtk_box_append (GTK_BOX (box), group);
  }

  /* an empty list that says so while there is no handover */
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (empty), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (empty, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (empty), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Handovers"), -1);
  anju_ui_list_box_set_placeholder (GTK_LIST_BOX (empty),
                                    _("No handovers yet. When a consultant leaves, hand their customers to another above."));
  self->empty_list = GTK_LIST_BOX (empty);
  gtk_box_append (GTK_BOX (box), empty);
  self->groups_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->groups_box));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_bin_set_child (ADW_BIN (self), scroller);
}

GtkWidget *
anju_handovers_view_new (AnjuContext *context)
{
  AnjuHandoversView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_HANDOVERS_VIEW, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user", G_CALLBACK (on_user_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

gboolean
anju_handovers_view_get_busy (AnjuHandoversView *self)
{
  g_return_val_if_fail (ANJU_IS_HANDOVERS_VIEW (self), FALSE);

  return self->n_loading > 0;
}

guint
anju_handovers_view_get_n_handovers (AnjuHandoversView *self)
{
  g_return_val_if_fail (ANJU_IS_HANDOVERS_VIEW (self), 0);

  return self->n_handovers;
}

guint
anju_handovers_view_get_n_overdue (AnjuHandoversView *self)
{
  g_return_val_if_fail (ANJU_IS_HANDOVERS_VIEW (self), 0);

  return self->n_overdue;
}
