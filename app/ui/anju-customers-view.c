/* anju-customers-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-customers"

#include "config.h"

#include <glib/gi18n-lib.h>

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
  GtkColumnView         *column_view;
  GtkColumnViewColumn   *name_column;
  GtkColumnViewColumn   *mobile_column;
  GtkColumnViewColumn   *id_number_column;
  GtkColumnViewColumn   *owner_column;
  GtkColumnViewColumn   *segment_column;
  GtkColumnViewColumn   *updated_column;
  AdwStatusPage         *empty_page;
  GtkSpinner            *spinner;
  GtkLabel              *count_label;
  AnjuCustomerDetail    *detail;

  /* owned */
  AnjuContext           *context;
  AnjuCustomerListModel *model;
};

G_DEFINE_FINAL_TYPE (AnjuCustomersView, anju_customers_view, ADW_TYPE_BIN)

/* ---- the list's cells -------------------------------------------------- */

/* A cell shows a property of AnjuCustomerRow in a label; the name's cell
 * shows the title beside it, dimmed. The list view keeps some 200 rows of
 * these and makes or drops many of them when a search changes the
 * length: labels made in code, bound with GBinding, cost a fraction of a
 * builder template's parse and expressions per cell. */
typedef struct
{
  const char *property;
  const char *css_class;
  const char *beside;     /* a second property, dimmed, or NULL */
} CellKind;

static const CellKind name_cell = { "name", "customer-name", "title" };
static const CellKind mobile_cell = { "mobile-masked", "masked", NULL };
static const CellKind id_number_cell = { "id-number-masked", "masked", NULL };
static const CellKind owner_cell = { "owner-name", NULL, NULL };
static const CellKind segment_cell = { "segment-name", NULL, NULL };
static const CellKind updated_cell = { "updated", "numeric", NULL };

static GtkWidget *
new_cell_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  const CellKind           *kind)
{
  GtkWidget *box;

  if (kind->beside == NULL)
    {
      gtk_list_item_set_child (item, new_cell_label (kind->css_class));
      return;
    }
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (box), new_cell_label (kind->css_class));
  gtk_box_append (GTK_BOX (box), new_cell_label ("dim-label"));
  gtk_list_item_set_child (item, box);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 const CellKind           *kind)
{
  GObject *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *label = kind->beside != NULL ? gtk_widget_get_first_child (child) : child;

  g_object_set_data (G_OBJECT (item), "anju-binding",
                     g_object_bind_property (row, kind->property, label, "label",
                                             G_BINDING_SYNC_CREATE));
  if (kind->beside != NULL)
    g_object_set_data (G_OBJECT (item), "anju-binding-beside",
                       g_object_bind_property (row, kind->beside,
                                               gtk_widget_get_next_sibling (label), "label",
                                               G_BINDING_SYNC_CREATE));
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   const CellKind           *kind)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (item), "anju-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  binding = g_object_steal_data (G_OBJECT (item), "anju-binding-beside");
  if (binding != NULL)
    g_binding_unbind (binding);
}

static void
set_cell_factory (GtkColumnViewColumn *column,
                  const CellKind      *kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), (gpointer)kind);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), (gpointer)kind);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), (gpointer)kind);
  gtk_column_view_column_set_factory (column, factory);
}

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
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  /* The rows keep their places and are filled with the new customers:
   * what was selected is not, and the list starts from its top. */
  gtk_selection_model_unselect_all (gtk_column_view_get_model (self->column_view));
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
on_column_view_activate_cb (AnjuCustomersView *self,
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

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-customers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, mine_box);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, mine_switch);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, column_view);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, name_column);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, mobile_column);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, id_number_column);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, owner_column);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, segment_column);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, updated_column);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomersView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mine_switched_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "customers.go-back", NULL, go_back_action);
}

static void
anju_customers_view_init (AnjuCustomersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_cell_factory (self->name_column, &name_cell);
  set_cell_factory (self->mobile_column, &mobile_cell);
  set_cell_factory (self->id_number_column, &id_number_cell);
  set_cell_factory (self->owner_column, &owner_cell);
  set_cell_factory (self->segment_column, &segment_cell);
  set_cell_factory (self->updated_column, &updated_cell);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
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
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_return_if_fail (ANJU_IS_CUSTOMERS_VIEW (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->model = anju_customer_list_model_new (context);
  anju_customer_detail_set_context (self->detail, context);

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

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
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  return TRUE;
}

void
anju_customers_view_focus_search (AnjuCustomersView *self)
{
  g_return_if_fail (ANJU_IS_CUSTOMERS_VIEW (self));

  anju_customers_view_go_back (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
