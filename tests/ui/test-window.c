/* test-window.c — the window end to end: sign in, the lazy customer list,
 * search, the detail, and that the window is freed when closed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "anju-application.h"
#include "anju-command.h"
#include "anju-customer-list-model.h"
#include "anju-customer-table.h"
#include "anju-customers-view.h"
#include "anju-customers.h"
#include "anju-demo.h"
#include "anju-settings-view.h"
#include "anju-view-access.h"
#include "anju-views.h"
#include "anju-window.h"
#include "anju-ui-fixtures.h"

/* Customers added on top of the demo so the list spans more pages than a
 * view asks for: GTK 4.8's list views keep about 200 rows around the
 * visible ones, so pages 0–2 load and the last ones must not. */
#define EXTRA_CUSTOMERS 400

/* ---- finding widgets the way a person does: by what they say --------- */

static gboolean
is_title_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title-1") &&
         gtk_widget_is_drawable (widget);
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_get_visible (widget);
}

static gboolean
shows_error (gpointer data)
{
  return anju_ui_find_widget (data, is_error_label, NULL) != NULL;
}

/* ---- the database the window opens ------------------------------------ */

typedef struct
{
  char    *dir;
  char    *path;
  guint    n_customers;
  char    *search;          /* a name that occurs in few customers */
  guint    n_found;
  char    *first_found;     /* the first of them in list order */
} Fixture;

static void
prepare_database (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  AnjuCustomerQuery all = { NULL, NULL };
  AnjuCustomerQuery query = { NULL, NULL };

  store = anju_ui_demo_database (&fixture->dir, &fixture->path, NULL, NULL);

  for (guint i = 0; i < EXTRA_CUSTOMERS; i++)
    {
      g_autoptr(JsonObject) payload = json_object_new ();
      g_autoptr(JsonObject) answer = NULL;
      g_autofree char *name = g_strdup_printf ("测试客户%03u", i);
      g_autofree char *mobile = g_strdup_printf ("1390000%04u", i);

      json_object_set_string_member (payload, "name", name);
      json_object_set_string_member (payload, "mobile", mobile);
      answer = anju_command_run (store, anju_user_get_system (), "customer.create", payload,
                                 &error);
      g_assert_no_error (error);
      g_assert_nonnull (answer);
    }

  fixture->n_customers = (guint)anju_customers_count (store, &all, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_customers, >, 4 * ANJU_CUSTOMER_LIST_PAGE_SIZE);

  /* "测试客户01" matches 测试客户010 … 测试客户019. */
  fixture->search = g_strdup ("测试客户01");
  query.text = fixture->search;
  fixture->n_found = (guint)anju_customers_count (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_found, ==, 10);
  found = anju_customers_fetch (store, &query, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  fixture->first_found = g_strdup (((AnjuCustomerSummary *)g_ptr_array_index (found, 0))->name);
}

static void
fixture_clear (Fixture *fixture)
{
  anju_ui_clear_database (&fixture->dir, &fixture->path);
  g_free (fixture->search);
  g_free (fixture->first_found);
}

/* ---- conditions ------------------------------------------------------- */

typedef struct
{
  AnjuCustomerListModel *model;
  const char            *text;
  guint                  n_items;
} ListState;

static gboolean
row_loaded (GListModel *model,
            guint       position)
{
  g_autoptr(AnjuCustomerRow) row = g_list_model_get_item (model, position);

  return row != NULL && anju_customer_row_get_loaded (row);
}

static gboolean
list_shows (gpointer data)
{
  ListState *state = data;

  return anju_customer_list_model_get_counted (state->model) &&
         g_strcmp0 (anju_customer_list_model_get_text (state->model), state->text) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (state->model)) == state->n_items &&
         !anju_customer_list_model_get_loading (state->model) &&
         row_loaded (G_LIST_MODEL (state->model), 0);
}

static gboolean
last_row_loaded (gpointer data)
{
  GListModel *model = data;

  return row_loaded (model, g_list_model_get_n_items (model) - 1);
}

/* data: { the table, a name }: a label of the table says the name. */
static gboolean
table_shows (gpointer data)
{
  gpointer *args = data;

  return anju_ui_find_widget (args[0], anju_ui_is_label_saying, args[1]) != NULL;
}

static guint
count_row_widgets (GtkWidget *table)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (table);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "row") == 0)
      n++;
  return n;
}

/* ---- the test ---------------------------------------------------------- */

static void
test_window_customers (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *ui;
  g_autoptr(AnjuCustomerRow) first = NULL;
  g_autoptr(AnjuCustomerRow) last = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *masked_mobile = NULL;
  AnjuContext *context;
  GtkWindow *window;
  GtkWidget *sign_in_page, *view, *username, *password, *search, *table, *mobile_row;
  GtkWidget *title_label, *message;
  AnjuCustomerListModel *model;
  AnjuCustomerDetail *detail;
  ListState all, found;
  AnjuUiDetailWait shown;
  GSettings *settings;
  int width, height;
  const AnjuViewInfo *views;
  guint n_views;

  prepare_database (&fixture);

  ui = anju_ui_app_open (fixture.path, NULL);
  context = ui->context;
  window = ui->window;
  g_assert_true (anju_context_get_ready (context));
  g_assert_nonnull (anju_context_get_project (context));

  /* The first frame shows the sign-in page alone: no view is made yet. */
  g_assert_null (anju_ui_find_widget (GTK_WIDGET (window), anju_ui_is_of_type,
                                      GSIZE_TO_POINTER (ANJU_TYPE_CUSTOMERS_VIEW)));
  g_assert_null (anju_ui_find_widget (GTK_WIDGET (window), anju_ui_is_of_type,
                                      GSIZE_TO_POINTER (ANJU_TYPE_SETTINGS_VIEW)));

  /* Sign in as the consultant 李娜, as a person would, after a typo. */
  sign_in_page = anju_window_get_sign_in_page (ANJU_WINDOW (window));
  username = anju_ui_find_widget (sign_in_page, anju_ui_is_row_titled, "User name");
  password = anju_ui_find_widget (sign_in_page, anju_ui_is_row_titled, "Password");
  g_assert_nonnull (username);
  g_assert_nonnull (password);
  gtk_editable_set_text (GTK_EDITABLE (username), "lina");
  gtk_editable_set_text (GTK_EDITABLE (password), "wrong password");
  g_assert_true (gtk_widget_activate_action (sign_in_page, "sign-in.sign-in", NULL));
  anju_ui_wait_until (shows_error, sign_in_page, "the refusal");
  message = anju_ui_find_widget (sign_in_page, is_error_label, NULL);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==,
                   "The user name or the password is wrong. Check both and try again.");
  g_assert_null (anju_context_get_user (context));

  gtk_editable_set_text (GTK_EDITABLE (password), "anju-demo-1");
  g_assert_true (gtk_widget_activate_action (sign_in_page, "sign-in.sign-in", NULL));
  anju_ui_wait_until (anju_ui_signed_in, context, "signing in");
  g_assert_cmpstr (anju_context_get_user (context)->username, ==, "lina");
  g_assert_cmpint (anju_context_get_user (context)->role, ==, ANJU_ROLE_CONSULTANT);
  /* Signing in made the view it lands on, not the others. */
  g_assert_null (anju_ui_find_widget (GTK_WIDGET (window), anju_ui_is_of_type,
                                      GSIZE_TO_POINTER (ANJU_TYPE_SETTINGS_VIEW)));

  /* The views come from anju-views.c: the first one the role sees shows,
   * Ctrl+1 goes back to the first row of the sidebar. */
  views = anju_views_get (&n_views);
  while (!anju_view_visible_to (views->name, anju_context_get_user (context)))
    views++;
  g_assert_cmpstr (anju_window_get_visible_view (ANJU_WINDOW (window)), ==, views->name);
  g_assert_true (anju_window_show_view (ANJU_WINDOW (window), "settings"));
  g_assert_cmpstr (anju_window_get_visible_view (ANJU_WINDOW (window)), ==, "settings");
  g_assert_false (anju_window_show_view (ANJU_WINDOW (window), "no-such-view"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-nth-view", "u", 0));
  g_assert_cmpstr (anju_window_get_visible_view (ANJU_WINDOW (window)), ==, views->name);
  g_assert_true (anju_window_show_view (ANJU_WINDOW (window), "customers"));

  /* Every customer is counted; the rows come a page at a time. */
  view = anju_window_get_customers_view (ANJU_WINDOW (window));
  model = anju_customers_view_get_model (ANJU_CUSTOMERS_VIEW (view));
  all = (ListState) { model, NULL, fixture.n_customers };
  anju_ui_wait_until (list_shows, &all, "the customer list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, fixture.n_customers);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (anju_customer_row_get_loaded (first));
  g_assert_nonnull (anju_customer_row_get_name (first));

  /* The last page was never asked for: its rows are empty placeholders
   * until they are. */
  last = g_list_model_get_item (G_LIST_MODEL (model), fixture.n_customers - 1);
  g_assert_nonnull (last);
  g_assert_false (anju_customer_row_get_loaded (last));
  g_assert_null (anju_customer_row_get_name (last));
  anju_ui_wait_until (last_row_loaded, model, "the last page");
  g_assert_true (anju_customer_row_get_loaded (last));
  g_assert_nonnull (anju_customer_row_get_name (last));
  g_clear_object (&first);
  g_clear_object (&last);

  /* Search as you type. */
  search = anju_ui_find_widget (view, anju_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), fixture.search);
  found = (ListState) { model, fixture.search, fixture.n_found };
  anju_ui_wait_until (list_shows, &found, "the search results");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, fixture.n_found);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (anju_customer_row_get_name (first), ==, fixture.first_found);
  customer_id = g_strdup (anju_customer_row_get_id (first));
  masked_mobile = g_strdup (anju_customer_row_get_mobile_masked (first));
  g_assert_nonnull (masked_mobile);
  g_assert_nonnull (strstr (masked_mobile, "****"));

  /* The table's rows stayed in their places and show who was found. */
  table = anju_ui_find_widget (view, anju_ui_is_of_type, GSIZE_TO_POINTER (ANJU_TYPE_CUSTOMER_TABLE));
  g_assert_nonnull (table);
  anju_ui_wait_until (table_shows, (gpointer[]) { table, fixture.first_found },
                      "the first found in the table");
  g_assert_nonnull (anju_ui_find_widget (table, anju_ui_is_label_saying, masked_mobile));
  /* Typing with the table focused goes to the search; the table holds a
   * row widget per row its height shows (and two), not GTK 4.8's 200. */
  g_assert_true (gtk_search_entry_get_key_capture_widget (GTK_SEARCH_ENTRY (search)) == table);
  g_assert_cmpint (anju_customer_table_get_row_height (ANJU_CUSTOMER_TABLE (table)), >, 0);
  g_assert_cmpuint (count_row_widgets (table), <=,
                    gtk_widget_get_height (table) /
                    anju_customer_table_get_row_height (ANJU_CUSTOMER_TABLE (table)) + 2);

  /* Open the first one. */
  g_signal_emit_by_name (table, "activate", 0);
  detail = anju_customers_view_get_detail (ANJU_CUSTOMERS_VIEW (view));
  shown = (AnjuUiDetailWait) { detail, customer_id };
  anju_ui_wait_until (anju_ui_detail_shows, &shown, "the customer detail");
  title_label = anju_ui_find_widget (GTK_WIDGET (detail), is_title_label, NULL);
  g_assert_nonnull (title_label);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title_label)), ==, fixture.first_found);
  mobile_row = anju_ui_find_widget (GTK_WIDGET (detail), anju_ui_is_row_titled, "Mobile");
  g_assert_nonnull (mobile_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (mobile_row)), ==, masked_mobile);
  g_clear_object (&first);

  /* Back to everyone: again only the pages the view shows are fetched.
   * (Replacing every row in one items-changed made GTK 4.8's list view
   * look for the rows it tracks among all the new ones, fetching every
   * page of the list.) */
  g_assert_true (anju_customers_view_go_back (ANJU_CUSTOMERS_VIEW (view)));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  anju_ui_wait_until (list_shows, &all, "the whole list again");
  last = g_list_model_get_item (G_LIST_MODEL (model), fixture.n_customers - 1);
  g_assert_false (anju_customer_row_get_loaded (last));
  g_clear_object (&last);

  /* Closing saves the size and frees the window. */
  gtk_window_get_default_size (window, &width, &height);
  anju_ui_app_close_window (ui);
  settings = anju_context_get_settings (context);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, width);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, height);

  anju_ui_app_close (ui);
  fixture_clear (&fixture);
}

/* ---- the context: commands through the worker, "changed" after them --- */

typedef struct
{
  GMainLoop  *loop;
  JsonObject *answer;
  GError     *error;
  char      **tables;
  gboolean    opened;
} CommandState;

static void
on_opened_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CommandState *state = user_data;

  state->opened = anju_context_open_database_finish (ANJU_CONTEXT (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
on_changed_cb (AnjuContext        *context,
               const char * const *tables,
               CommandState       *state)
{
  g_assert_null (state->tables);
  state->tables = g_strdupv ((char **)tables);
}

static void
on_command_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CommandState *state = user_data;

  state->answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_context_commands (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(AnjuContext) context = anju_context_new (settings);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) consultant = NULL;
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) duplicate = json_object_new ();
  g_autoptr(JsonObject) project = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  CommandState state = { g_main_loop_new (NULL, FALSE), NULL, NULL, NULL, FALSE };
  g_autofree char *dir = g_dir_make_tmp ("anju-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "anju.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_no_error (error);
  store = anju_store_open (path, &error);
  g_assert_no_error (error);
  consultant = anju_user_add (store, anju_user_get_system (), "lina", "李娜",
                              ANJU_ROLE_CONSULTANT, "anju-test-1", &error);
  g_assert_no_error (error);
  /* A project of its own, so opening does not load the demo. */
  json_object_set_string_member (project, "name", "测试项目");
  g_clear_pointer (&answer, json_object_unref);
  answer = anju_command_run (store, anju_user_get_system (), "project.create", project, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  anju_context_open_database_async (context, path, NULL, on_opened_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_true (state.opened);
  g_assert_true (anju_context_get_ready (context));
  g_assert_cmpstr (anju_context_get_database_path (context), ==, path);
  g_assert_cmpstr (anju_context_get_project (context)->name, ==, "测试项目");

  g_signal_connect (context, "changed", G_CALLBACK (on_changed_cb), &state);

  /* Nobody signed in: refused before it reaches the database. */
  json_object_set_string_member (payload, "name", "赵六");
  json_object_set_string_member (payload, "mobile", "13912345678");
  anju_context_run_command_async (context, "customer.create", payload, NULL, on_command_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_AUTH);
  g_assert_null (state.answer);
  g_assert_null (state.tables);
  g_clear_error (&state.error);

  anju_context_set_user (context, consultant);
  anju_context_run_command_async (context, "customer.create", payload, NULL, on_command_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.answer);
  g_assert_cmpstr (json_object_get_string_member (state.answer, "status"), ==, "applied");
  g_assert_nonnull (state.tables);
  /* Topics, not tables: customers and customer_events are "customers". */
  g_assert_cmpstrv (state.tables, ((const char * const []) { "customers", NULL }));
  g_clear_pointer (&state.answer, json_object_unref);
  g_clear_pointer (&state.tables, g_strfreev);

  /* The same mobile again: the core's refusal, field and all; no "changed". */
  json_object_set_string_member (duplicate, "name", "赵六");
  json_object_set_string_member (duplicate, "mobile", "139 1234 5678");
  anju_context_run_command_async (context, "customer.create", duplicate, NULL, on_command_cb,
                                  &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_DUPLICATE);
  g_assert_cmpstr (anju_command_error_get_field (state.error), ==, "mobile");
  g_assert_nonnull (strstr (state.error->message, "赵六"));
  g_assert_null (state.tables);
  g_clear_error (&state.error);

  g_clear_object (&context);
  g_main_loop_unref (state.loop);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/ui/context/commands", test_context_commands);
  g_test_add_func ("/ui/window/customers", test_window_customers);

  return g_test_run ();
}
