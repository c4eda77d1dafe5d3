/* test-customer-table.c — AnjuCustomerTable makes only the rows it shows
 *
 * A model of 1,000,000 customers made up on demand (each position's row
 * filled at once, as the list model fills a page; times shown in the
 * office's +08:00), shown by the table in
 * a 800×400 window (issue 13):
 *
 * - /ui/customer-table/rows: it holds at most the rows its height shows
 *   plus two, however long the model; the rows and the table have roles
 *   and accessible labels (the row's: its visible cells);
 * - /ui/customer-table/scroll-end: scrolled to the end, the last customers
 *   are shown, and still no more row widgets;
 * - /ui/customer-table/shrink: the model going from 1,000,000 to 2 (a
 *   search) leaves exactly 2 rows shown, with their labels, the scroll
 *   value back at 0 and the adjustment 2 rows long;
 * - /ui/customer-table/keys: Down moves the focus row (and the selection),
 *   End goes to the last and scrolls to it, Enter activates the focused
 *   row with its position; a double-click activates too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "anju-command.h"
#include "anju-customer-row.h"
#include "anju-customer-table.h"
#include "anju-ui-fixtures.h"

#define MANY 1000000

/* ---- a model of made-up customers --------------------------------------- */

#define TEST_TYPE_CUSTOMERS (test_customers_get_type ())
G_DECLARE_FINAL_TYPE (TestCustomers, test_customers, TEST, CUSTOMERS, GObject)

struct _TestCustomers
{
  GObject parent_instance;
  guint   n_items;
  guint   n_get_item;     /* get_item() calls, all told */
};

static GType
test_customers_get_item_type (GListModel *model)
{
  return ANJU_TYPE_CUSTOMER_ROW;
}

static guint
test_customers_get_n_items (GListModel *model)
{
  return TEST_CUSTOMERS (model)->n_items;
}

static char *
customer_name (guint position)
{
  return g_strdup_printf ("Customer %u", position);
}

static gpointer
test_customers_get_item (GListModel *model,
                         guint       position)
{
  TestCustomers *self = TEST_CUSTOMERS (model);
  AnjuCustomerRow *row;
  g_autofree char *id = NULL, *name = NULL, *mobile = NULL;

  if (position >= self->n_items)
    return NULL;
  self->n_get_item++;
  id = g_strdup_printf ("c%u", position);
  name = customer_name (position);
  mobile = g_strdup_printf ("138****%04u", position % 10000);
  row = anju_customer_row_new ();
  anju_customer_row_update (row,
                            &(AnjuCustomerSummary) {
                              .id = id, .name = name, .title = "(Ms)",
                              .mobile_masked = mobile,
                              .id_number_masked = "110************123",
                              .owner_id = "u1", .owner_name = "Li Na",
                              .segment = "Warm",
                              .updated_at = "2026-11-26T10:00:00Z" },
                            NULL);
  return row;
}

static void
test_customers_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = test_customers_get_item_type;
  iface->get_n_items = test_customers_get_n_items;
  iface->get_item = test_customers_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCustomers, test_customers, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, test_customers_iface_init))

static void
test_customers_class_init (TestCustomersClass *klass)
{
}

static void
test_customers_init (TestCustomers *self)
{
}

/* As AnjuCustomerListModel does: the positions both lengths share stay. */
static void
test_customers_set_n_items (TestCustomers *self,
                            guint          n_items)
{
  guint old = self->n_items;

  self->n_items = n_items;
  if (n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
  else if (n_items < old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old - n_items, 0);
}

/* ---- the window --------------------------------------------------------- */

typedef struct
{
  GtkWindow         *window;
  AnjuCustomerTable *table;
  TestCustomers     *model;
  GtkAdjustment     *vadjustment;
} Fixture;

static gboolean
table_laid_out (gpointer data)
{
  AnjuCustomerTable *table = data;

  return gtk_widget_get_mapped (GTK_WIDGET (table)) &&
         anju_customer_table_get_row_height (table) > 0 &&
         gtk_adjustment_get_page_size (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (table))) > 0;
}

static void
fixture_open (Fixture *fixture,
              guint    n_items)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->model = g_object_new (TEST_TYPE_CUSTOMERS, NULL);
  fixture->model->n_items = n_items;
  fixture->table = ANJU_CUSTOMER_TABLE (anju_customer_table_new ());
  anju_customer_table_set_model (fixture->table, G_LIST_MODEL (fixture->model));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->table));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 400);
  gtk_window_set_child (fixture->window, scrolled);
  gtk_window_present (fixture->window);
  fixture->vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->table));
  anju_ui_wait_until (table_laid_out, fixture->table, "the table laid out");
  anju_ui_spin (50);
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  anju_ui_spin (20);
  g_clear_object (&fixture->model);
}

static gboolean
is_row (GtkWidget *widget)
{
  return g_strcmp0 (gtk_widget_get_css_name (widget), "row") == 0;
}

static gboolean
is_shown (GtkWidget *row)
{
  return gtk_widget_get_child_visible (row) && gtk_widget_get_mapped (row);
}

static guint
count_rows (Fixture  *fixture,
            gboolean  shown_only)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->table));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (is_row (child) && (!shown_only || is_shown (child)))
      n++;
  return n;
}

static GtkWidget *
header (Fixture *fixture)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->table));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "header") == 0)
      return child;
  g_assert_not_reached ();
}

/* The rows the table's height shows, a part-row counted as one. */
static guint
visible_rows (Fixture *fixture)
{
  int row_height = anju_customer_table_get_row_height (fixture->table);
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->table)) -
               gtk_widget_get_height (header (fixture));

  g_assert_cmpint (row_height, >, 0);
  g_assert_cmpint (height, >, row_height);
  return (guint)((height + row_height - 1) / row_height);
}

/* The name label of the shown row whose name is @name, or NULL. */
static GtkWidget *
shown_row_named (Fixture    *fixture,
                 const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->table));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (is_row (child) && is_shown (child) &&
        anju_ui_find_widget (child, anju_ui_is_label_saying, name) != NULL)
      return child;
  return NULL;
}

/* A shown row is where the table's top says it is. */
static void
assert_row_in_view (Fixture *fixture,
                    guint    position)
{
  g_autofree char *name = customer_name (position);
  GtkWidget *row = shown_row_named (fixture, name);
  graphene_point_t top;
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->table));

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_point (row, GTK_WIDGET (fixture->table),
                                           &GRAPHENE_POINT_INIT (0, 0), &top));
  g_assert_cmpfloat (top.y, >=, gtk_widget_get_height (header (fixture)));
  g_assert_cmpfloat (top.y + gtk_widget_get_height (row), <=, height);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_rows (void)
{
  Fixture fixture = { 0 };
  GtkWidget *row;
  guint n_visible;

  fixture_open (&fixture, MANY);
  n_visible = visible_rows (&fixture);
  g_test_message ("%u rows visible, %u row widgets", n_visible, count_rows (&fixture, FALSE));
  g_assert_cmpuint (n_visible, >=, 5);
  g_assert_cmpuint (count_rows (&fixture, FALSE), <=, n_visible + 2);
  g_assert_cmpuint (count_rows (&fixture, TRUE), <=, n_visible + 1);
  /* A handful of get_item() calls, not hundreds. */
  g_assert_cmpuint (fixture.model->n_get_item, <=, 3 * (n_visible + 2));
  g_assert_cmpfloat (gtk_adjustment_get_upper (fixture.vadjustment), ==,
                     (double)MANY * anju_customer_table_get_row_height (fixture.table));

  g_assert_nonnull (anju_ui_find_widget (header (&fixture), anju_ui_is_label_saying, "Name"));
  g_assert_nonnull (anju_ui_find_widget (header (&fixture), anju_ui_is_label_saying, "Updated"));
  assert_row_in_view (&fixture, 0);
  row = shown_row_named (&fixture, "Customer 0");
  g_assert_nonnull (anju_ui_find_widget (row, anju_ui_is_label_saying, "(Ms)"));
  g_assert_nonnull (anju_ui_find_widget (row, anju_ui_is_label_saying, "138****0000"));

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (fixture.table), GTK_ACCESSIBLE_ROLE_GRID);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_ROW);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Customer 0 (Ms), 138****0000, 110************123, "
                                       "Li Na, Warm, 2026-11-26 18:00");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (header (&fixture)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Name, Mobile, ID Number, Consultant, Segment, Updated");
  fixture_close (&fixture);
}

static void
test_scroll_end (void)
{
  Fixture fixture = { 0 };
  guint n_visible;

  fixture_open (&fixture, MANY);
  n_visible = visible_rows (&fixture);
  gtk_adjustment_set_value (fixture.vadjustment,
                            gtk_adjustment_get_upper (fixture.vadjustment) -
                            gtk_adjustment_get_page_size (fixture.vadjustment));
  anju_ui_spin (100);

  assert_row_in_view (&fixture, MANY - 1);
  assert_row_in_view (&fixture, MANY - 2);
  g_assert_null (shown_row_named (&fixture, "Customer 0"));
  g_assert_cmpuint (count_rows (&fixture, FALSE), <=, n_visible + 2);

  /* Half-way: a row in the middle, found by its label. */
  gtk_adjustment_set_value (fixture.vadjustment,
                            (double)(MANY / 2) *
                            anju_customer_table_get_row_height (fixture.table));
  anju_ui_spin (100);
  assert_row_in_view (&fixture, MANY / 2);
  g_assert_cmpuint (count_rows (&fixture, FALSE), <=, n_visible + 2);
  fixture_close (&fixture);
}

static void
test_shrink (void)
{
  Fixture fixture = { 0 };
  int row_height;

  fixture_open (&fixture, MANY);
  row_height = anju_customer_table_get_row_height (fixture.table);
  gtk_adjustment_set_value (fixture.vadjustment, 5000.0 * row_height);
  anju_ui_spin (50);
  g_assert_nonnull (shown_row_named (&fixture, "Customer 5000"));

  test_customers_set_n_items (fixture.model, 2);
  anju_ui_spin (100);

  g_assert_cmpuint (count_rows (&fixture, TRUE), ==, 2);
  assert_row_in_view (&fixture, 0);
  assert_row_in_view (&fixture, 1);
  g_assert_null (shown_row_named (&fixture, "Customer 5000"));
  g_assert_null (anju_ui_find_widget (GTK_WIDGET (fixture.table), anju_ui_is_label_saying,
                                      "Customer 2"));
  g_assert_cmpfloat (gtk_adjustment_get_value (fixture.vadjustment), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (fixture.vadjustment), ==, 2.0 * row_height);

  /* And back: the rows fill the height again. */
  test_customers_set_n_items (fixture.model, MANY);
  anju_ui_spin (100);
  g_assert_cmpuint (count_rows (&fixture, TRUE), >=, visible_rows (&fixture));
  g_assert_cmpfloat (gtk_adjustment_get_upper (fixture.vadjustment), ==,
                     (double)MANY * row_height);
  fixture_close (&fixture);
}

typedef struct
{
  guint n_activated;
  guint position;
} Activated;

static void
on_activate_cb (AnjuCustomerTable *table,
                guint              position,
                Activated         *activated)
{
  activated->n_activated++;
  activated->position = position;
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;
    }
  return NULL;
}

static gboolean
press (GtkEventController *keys,
       guint               keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
  anju_ui_spin (30);
  return handled;
}

static void
test_keys (void)
{
  Fixture fixture = { 0 };
  Activated activated = { 0 };
  GtkEventController *keys;
  GtkGesture *click = NULL;
  g_autoptr(GListModel) controllers = NULL;
  int row_height;

  fixture_open (&fixture, 100);
  g_signal_connect (fixture.table, "activate", G_CALLBACK (on_activate_cb), &activated);
  keys = find_controller (GTK_WIDGET (fixture.table), "anju-customer-table-keys");
  g_assert_nonnull (keys);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (fixture.table)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture.table)));
  anju_ui_spin (30);
  g_assert_cmpuint (anju_customer_table_get_cursor (fixture.table), ==, 0);

  g_assert_true (press (keys, GDK_KEY_Down));
  g_assert_cmpuint (anju_customer_table_get_cursor (fixture.table), ==, 1);
  g_assert_true (press (keys, GDK_KEY_Down));
  g_assert_cmpuint (anju_customer_table_get_cursor (fixture.table), ==, 2);
  g_assert_cmpuint (anju_customer_table_get_selected (fixture.table), ==, 2);
  g_assert_true (gtk_widget_get_state_flags (shown_row_named (&fixture, "Customer 2")) &
                 GTK_STATE_FLAG_SELECTED);
  g_assert_false (gtk_widget_get_state_flags (shown_row_named (&fixture, "Customer 1")) &
                  GTK_STATE_FLAG_SELECTED);
  g_assert_true (press (keys, GDK_KEY_Up));
  g_assert_cmpuint (anju_customer_table_get_cursor (fixture.table), ==, 1);
  g_assert_cmpuint (activated.n_activated, ==, 0);

  g_assert_true (press (keys, GDK_KEY_Return));
  g_assert_cmpuint (activated.n_activated, ==, 1);
  g_assert_cmpuint (activated.position, ==, 1);

  /* End goes to the last row and scrolls it into view; Page Up a page back. */
  g_assert_true (press (keys, GDK_KEY_End));
  g_assert_cmpuint (anju_customer_table_get_cursor (fixture.table), ==, 99);
  assert_row_in_view (&fixture, 99);
  g_assert_true (press (keys, GDK_KEY_Page_Up));
  g_assert_cmpuint (anju_customer_table_get_cursor (fixture.table), <, 99);
  assert_row_in_view (&fixture, anju_customer_table_get_cursor (fixture.table));
  g_assert_true (press (keys, GDK_KEY_Home));
  g_assert_cmpuint (anju_customer_table_get_cursor (fixture.table), ==, 0);
  assert_row_in_view (&fixture, 0);
  g_assert_true (press (keys, GDK_KEY_KP_Enter));
  g_assert_cmpuint (activated.n_activated, ==, 2);
  g_assert_cmpuint (activated.position, ==, 0);

  /* A double-click on the fourth row activates it. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture.table));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);
  row_height = anju_customer_table_get_row_height (fixture.table);
  g_signal_emit_by_name (click, "pressed", 1, 10.0,
                         (double)gtk_widget_get_height (header (&fixture)) + 3.5 * row_height);
  g_assert_cmpuint (anju_customer_table_get_selected (fixture.table), ==, 3);
  g_assert_cmpuint (activated.n_activated, ==, 2);
  g_signal_emit_by_name (click, "pressed", 2, 10.0,
                         (double)gtk_widget_get_height (header (&fixture)) + 3.5 * row_height);
  g_assert_cmpuint (activated.n_activated, ==, 3);
  g_assert_cmpuint (activated.position, ==, 3);
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  /* The test AT context keeps the roles and labels to check (no bus). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/ui/customer-table/rows", test_rows);
  g_test_add_func ("/ui/customer-table/scroll-end", test_scroll_end);
  g_test_add_func ("/ui/customer-table/shrink", test_shrink);
  g_test_add_func ("/ui/customer-table/keys", test_keys);

  return g_test_run ();
}
