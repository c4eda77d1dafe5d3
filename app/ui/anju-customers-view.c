/* anju-customers-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-customers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-customer-table.h"
#include "anju-customers-view.h"

struct _AnjuCustomersView
{
  AdwBin                 parent_instance;

  /* template widgets */
  AdwLeaflet            *leaflet;
  GtkSearchEntry        *search_entry;
  GtkWidget             *mine_box;
  GtkSwitch             *mine_switch;
  GtkStack              *list_stack;
  AnjuCustomerTable     *table;
  AdwStatusPage         *empty_page;
  GtkSpinner            *spinner;
  GtkLabel              *count_label;
  AnjuCustomerDetail    *detail;

  /* owned */
  AnjuContext           *context;
  AnjuCustomerListModel *model;
};

G_DEFINE_FINAL_TYPE (AnjuCustomersView, anju_customers_view, ADW_TYPE_BIN)

/* ---- the view ---------------------------------------------------------- */

static void
update_list_state (AnjuCustomersView *self)
{
  guint n_items;
  const char *text;

  if (self->model == NULL)
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  text = anju_customer_list_model_get_text (self->model);

  if (!anju_customer_list_model_get_counted (self->model) && n_items == 0)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
      gtk_label_set_label (self->count_label, "");
      return;
    }
  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (n_items == 0)
    {
      g_autofree char *description = NULL;

      if (text != NULL)
        /* Translators: %s is what the person searched for */
        description = g_strdup_printf (_("Nobody matches “%s”. Search by a part of the name, "
                                         "or by the first digits of the mobile or ID number."),
                                       text);
      else if (anju_customer_list_model_get_owner_id (self->model) != NULL)
        description = g_strdup (_("You have no customers of your own yet. Turn off "
                                  "“My customers” to see everyone’s."));
      else
        description = g_strdup (_("Customers you receive by phone or at the door appear "
                                  "here. Add one with “New Customer”."));
      adw_status_page_set_title (self->empty_page,
                                 text ? _("No Customers Found") : _("No Customers Yet"));
      adw_status_page_set_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n_items > 0);
  if (n_items > 0)
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u customer", "%u customers", n_items),
                                                n_items);
      gtk_label_set_label (self->count_label, count);
    }
}

static void
apply_query (AnjuCustomersView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const AnjuUser *user = anju_context_get_user (self->context);
  gboolean mine = gtk_switch_get_active (self->mine_switch) && user != NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->table));

  /* The rows keep their places and are filled with the new customers:
   * what was selected is not, and the list starts from its top. */
  anju_customer_table_unselect_all (self->table);
  if (vadjustment != NULL)
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
  anju_customer_list_model_set_query (self->model, trimmed, mine ? user->id : NULL);
  update_list_state (self);
}

static void
on_search_changed_cb (AnjuCustomersView *self)
{
  if (self->model != NULL)
    apply_query (self);
}

static void
on_stop_search_cb (AnjuCustomersView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_mine_switched_cb (AnjuCustomersView *self)
{
  if (self->model != NULL)
    apply_query (self);
}

static void
on_leaflet_child_cb (AnjuCustomersView *self)
{
  const char *name = adw_leaflet_get_visible_child_name (self->leaflet);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.go-back",
                                 g_strcmp0 (name, "detail") == 0);
}

static void
on_table_activate_cb (AnjuCustomersView *self,
                      guint              position)
{
  g_autoptr(AnjuCustomerRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  /* A row still on its way has no id yet: nothing to open. */
  if (row != NULL && anju_customer_row_get_id (row) != NULL)
    anju_customers_view_open_customer (self, anju_customer_row_get_id (row));
}

static void
on_user_changed_cb (AnjuCustomersView *self)
{
  const AnjuUser *user = anju_context_get_user (self->context);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  if (user == NULL)
    {
      anju_customer_detail_clear (self->detail);
      return;
    }
  /* Everyone sees the list masked; "mine" is for who owns customers. */
  gtk_widget_set_visible (self->mine_box, anju_user_receives_customers (user));
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
  g_signal_handlers_block_by_func (self->mine_switch, on_mine_switched_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_switch_set_active (self->mine_switch, FALSE);
  g_signal_handlers_unblock_by_func (self->mine_switch, on_mine_switched_cb, self);
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
  apply_query (self);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  anju_customers_view_go_back (ANJU_CUSTOMERS_VIEW (widget));
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_customers_view_dispose (GObject *object)
{
  AnjuCustomersView *self = (AnjuCustomersView *)object;

  if (self->table != NULL)
    anju_customer_table_set_model (self->table, NULL);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_customers_view_parent_class)->dispose (object);
}

/* Landing on the view puts the cursor where a person types a name. */
static gboolean
anju_customers_view_grab_focus (GtkWidget *widget)
{
  AnjuCustomersView *self = ANJU_CUSTOMERS_VIEW (widget);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->detail), GTK_DIR_TAB_FORWARD);
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
anju_customers_view_class_init (AnjuCustomersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_customers_view_dispose;

  widget_class->grab_focus = anju_customers_view_grab_focus;

  g_type_ensure (ANJU_TYPE_CUSTOMER_ROW);
  g_type_ensure (ANJU_TYPE_CUSTOMER_DETAIL);
  g_type_ensure (ANJU_TYPE_CUSTOMER_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-customers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, mine_box);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, mine_switch);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, table);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mine_switched_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate_cb);

  gtk_widget_class_install_action (widget_class, "customers.go-back", NULL, go_back_action);
}

static void
anju_customers_view_init (AnjuCustomersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->table));
  on_leaflet_child_cb (self);
}

GtkWidget *
anju_customers_view_new (AnjuContext *context)
{
  AnjuCustomersView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_CUSTOMERS_VIEW, NULL);
  anju_customers_view_set_context (self, context);
  return GTK_WIDGET (self);
}

void
anju_customers_view_set_context (AnjuCustomersView *self,
                                 AnjuContext       *context)
{
  g_return_if_fail (ANJU_IS_CUSTOMERS_VIEW (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->model = anju_customer_list_model_new (context);
  anju_customer_detail_set_context (self->detail, context);

  anju_customer_table_set_model (self->table, G_LIST_MODEL (self->model));

  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (update_list_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::counted",
                           G_CALLBACK (update_list_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user",
                           G_CALLBACK (on_user_changed_cb), self, G_CONNECT_SWAPPED);
  if (anju_context_get_user (context) != NULL)
    on_user_changed_cb (self);
}

AnjuCustomerListModel *
anju_customers_view_get_model (AnjuCustomersView *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMERS_VIEW (self), NULL);

  return self->model;
}

AnjuCustomerDetail *
anju_customers_view_get_detail (AnjuCustomersView *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMERS_VIEW (self), NULL);

  return self->detail;
}

void
anju_customers_view_open_customer (AnjuCustomersView *self,
                                   const char        *customer_id)
{
  g_return_if_fail (ANJU_IS_CUSTOMERS_VIEW (self));
  g_return_if_fail (customer_id != NULL);

  anju_customer_detail_load (self->detail, customer_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

gboolean
anju_customers_view_go_back (AnjuCustomersView *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMERS_VIEW (self), FALSE);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") != 0)
    return FALSE;
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->table));
  return TRUE;
}

void
anju_customers_view_focus_search (AnjuCustomersView *self)
{
  g_return_if_fail (ANJU_IS_CUSTOMERS_VIEW (self));

  anju_customers_view_go_back (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
