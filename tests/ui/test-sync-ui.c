/* test-sync-ui.c — a desk connected to a real anju-server through the UI:
 * connecting from the preferences before signing in (a new desk with the
 * demo project: the office gets a database of its own), the header's sync
 * state, a customer made in the window reaching another desk, a refusal
 * by the server shown and read, and changes waiting while the server is
 * gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "anju-application.h"
#include "anju-command.h"
#include "anju-customers-view.h"
#include "anju-new-customer-window.h"
#include "anju-rejections-dialog.h"
#include "anju-settings-view.h"
#include "anju-customers.h"
#include "anju-sync-engine.h"
#include "anju-sync-indicator.h"
#include "anju-test-server.h"
#include "anju-window.h"
#include "anju-ui-fixtures.h"

/* Lets the main loop run for @msec. */
static void
run_for (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
    }
}

/* ---- finding widgets the way a person does ----------------------------- */

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static void
set_row_text (GtkWidget  *root,
              const char *title,
              const char *text)
{
  GtkWidget *row = anju_ui_find_widget (root, anju_ui_is_row_titled, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* ---- conditions -------------------------------------------------------- */

typedef struct
{
  AnjuSyncIndicator *indicator;
  const char        *text;
} IndicatorState;

static gboolean
indicator_shows (gpointer data)
{
  IndicatorState *state = data;

  return g_strcmp0 (anju_sync_indicator_get_text (state->indicator), state->text) == 0;
}

static gboolean
rejections_loaded (gpointer data)
{
  return anju_rejections_dialog_get_rejections (data) != NULL;
}

typedef struct
{
  char *command_id;
  char *type;
  char *message;
} Rejected;

static void
on_rejected_cb (AnjuContext *context,
                const char  *command_id,
                const char  *type,
                const char  *message,
                Rejected    *rejected)
{
  g_assert_null (rejected->command_id);
  rejected->command_id = g_strdup (command_id);
  rejected->type = g_strdup (type);
  rejected->message = g_strdup (message);
}

static gboolean
was_rejected (gpointer data)
{
  return ((Rejected *)data)->command_id != NULL;
}

typedef struct
{
  JsonObject *answer;
  GError     *error;
  gboolean    done;
} Command;

static void
on_command_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Command *command = user_data;

  command->answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result,
                                                     &command->error);
  command->done = TRUE;
}

static gboolean
command_done (gpointer data)
{
  return ((Command *)data)->done;
}

/* Runs a command through the context that must be refused; returns why. */
static GError *
run_refused_command (AnjuContext *context,
                     const char  *type,
                     JsonObject  *payload)
{
  Command command = { NULL, NULL, FALSE };

  anju_context_run_command_async (context, type, payload, NULL, on_command_cb, &command);
  anju_ui_wait_until (command_done, &command, type);
  g_assert_null (command.answer);
  g_assert_nonnull (command.error);
  return command.error;
}

/* The position of the item of @row's model that starts with @prefix. */
static guint
find_combo_item (AdwComboRow *row,
                 const char  *prefix)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), prefix))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
combo_offers_wang (gpointer data)
{
  return gtk_widget_get_visible (data) &&
         find_combo_item (data, "王芳") != GTK_INVALID_LIST_POSITION;
}

/* Runs a command through the context, as the views do; returns its answer. */
static JsonObject *
run_command (AnjuContext *context,
             const char  *type,
             JsonObject  *payload)
{
  Command command = { NULL, NULL, FALSE };

  anju_context_run_command_async (context, type, payload, NULL, on_command_cb, &command);
  anju_ui_wait_until (command_done, &command, type);
  g_assert_no_error (command.error);
  return command.answer;
}

static JsonObject *
new_customer_payload (const char *name,
                      const char *mobile)
{
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "name", name);
  json_object_set_string_member (payload, "mobile", mobile);
  return payload;
}

static const char *
answer_customer_id (JsonObject *answer)
{
  return json_object_get_string_member (json_object_get_object_member (answer, "result"),
                                        "customer_id");
}

static gboolean
row_says_offline (gpointer data)
{
  return g_str_has_prefix (adw_action_row_get_subtitle (data), "Offline, 1 change waiting\n");
}

/* The radio is answered and back on "connected". */
static gboolean
check_back_off (gpointer data)
{
  return gtk_widget_get_sensitive (data) && !gtk_check_button_get_active (data);
}

/* ---- the other desk: the sync engine, as `anjuctl sync` runs it -------- */

static gint64
count_customers_named (AnjuStore  *store,
                       const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customers WHERE name = '%s'", name);

  return anju_test_count (store, sql);
}

/* What must stay as it was in the database used alone. */
static char *
database_snapshot (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);
  g_autofree char *server_id = NULL;

  g_assert_no_error (error);
  server_id = anju_store_dup_meta (store, "sync.server_id");
  g_assert_null (server_id);
  return g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                          "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d",
                          anju_test_count (store, "SELECT count(*) FROM projects"),
                          anju_test_count (store, "SELECT count(*) FROM customers"),
                          anju_test_count (store, "SELECT count(*) FROM units"),
                          anju_test_count (store, "SELECT count(*) FROM users"),
                          anju_test_count (store, "SELECT count(*) FROM outbox"),
                          anju_test_count (store, "SELECT count(*) FROM meta"),
                          anju_store_get_outbox_enabled (store));
}

/* The database the office gets beside @alone_path: office-HOST-PORT.db. */
static char *
expected_office_path (const char *alone_path,
                      const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *dir = g_path_get_dirname (alone_path);
  g_autofree char *name = NULL;

  g_assert_nonnull (uri);
  name = g_strdup_printf ("office-%s-%d.db", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_build_filename (dir, name, NULL);
}

/* ---- the test ---------------------------------------------------------- */

static gboolean
is_shown_status_page (GtkWidget     *widget,
                      gconstpointer  data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_is_drawable (widget);
}

static void
test_sync_ui (void)
{
  g_autoptr(AnjuTestServer) server = anju_test_server_new ();
  g_autoptr(AnjuStore) office = anju_test_server_open_store (server);
  g_autoptr(AnjuUser) li = anju_test_add_user_fast (office, "li", "李娜", ANJU_ROLE_MANAGER);
  g_autoptr(AnjuUser) wang = anju_test_add_user_fast (office, "wang", "王芳",
                                                      ANJU_ROLE_CONSULTANT);
  g_autofree char *desk_path = g_build_filename (server->dir, "desk-a.db", NULL);
  AnjuUiApp *ui;
  g_autoptr(AnjuTestDesk) desk_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) waiting = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(AnjuStore) desk_a = NULL;
  Rejected rejected = { NULL, NULL, NULL };
  IndicatorState shows;
  AnjuContext *context;
  AnjuSyncClient *client;
  AnjuSyncIndicator *indicator;
  GtkWindow *window;
  GtkWidget *preferences, *settings_page, *dialog, *toast_label, *alone_row, *alone_check;
  GPtrArray *rejections;
  g_autofree char *chen_id = NULL;
  g_autofree char *alone_before = NULL;
  g_autofree char *office_path = NULL;
  gint64 started, arrived;

  /* The office already knows a customer. */
  {
    g_autoptr(JsonObject) known = new_customer_payload ("老客户", "13900000009");
    g_autoptr(JsonObject) answer = anju_command_run (office, li, "customer.create", known, &error);

    g_assert_no_error (error);
  }
  anju_test_server_start (server);

  ui = anju_ui_app_open (desk_path, NULL);
  context = ui->context;
  window = ui->window;
  g_assert_null (anju_context_get_sync_client (context));
  /* A new desk: the demo project, made on this computer alone. */
  g_assert_nonnull (anju_context_get_project (context));
  alone_before = database_snapshot (desk_path);
  indicator = ANJU_SYNC_INDICATOR (anju_ui_find_widget (GTK_WIDGET (window), anju_ui_is_of_type,
                                                GSIZE_TO_POINTER (ANJU_TYPE_SYNC_INDICATOR)));
  g_assert_nonnull (indicator);
  g_assert_null (anju_sync_indicator_get_text (indicator));   /* alone: hidden */

  /* First start: Preferences → Connected to an office server, before
   * anybody is signed in here. */
  g_action_group_activate_action (G_ACTION_GROUP (ui->app), "preferences", NULL);
  anju_ui_wait_until (anju_ui_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_WINDOW), "the preferences");
  preferences = anju_ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *)&preferences);
  settings_page = anju_ui_find_widget (preferences, anju_ui_is_of_type, GSIZE_TO_POINTER (ANJU_TYPE_SETTINGS_VIEW));
  g_assert_nonnull (settings_page);
  g_assert_false (gtk_widget_get_visible (anju_ui_find_widget (settings_page, anju_ui_is_row_titled,
                                                       "User name at the server")));
  adw_action_row_activate (ADW_ACTION_ROW (anju_ui_find_widget (settings_page, anju_ui_is_row_titled,
                                                        "Connected to an office server")));
  g_assert_true (gtk_widget_get_visible (anju_ui_find_widget (settings_page, anju_ui_is_row_titled,
                                                      "User name at the server")));
  set_row_text (settings_page, "Server address, e.g. http://192.168.1.10:8470", server->url);
  set_row_text (settings_page, "User name at the server", "li");
  set_row_text (settings_page, "Password", ANJU_TEST_PASSWORD);
  g_assert_true (gtk_widget_activate_action (settings_page, "settings.connect", NULL));
  anju_ui_wait_until (anju_ui_signed_in, context, "signing in at the server");
  g_assert_cmpstr (anju_context_get_user (context)->username, ==, "li");
  g_assert_cmpstr (anju_context_get_user (context)->id, ==, li->id);
  anju_ui_wait_until (anju_ui_pointer_cleared, &preferences, "the preferences to close");
  client = anju_context_get_sync_client (context);
  g_assert_nonnull (client);
  g_assert_cmpstr (anju_context_get_server_url (context), ==, server->url);
  {
    g_autofree char *mode = g_settings_get_string (anju_context_get_settings (context),
                                                   "sync-mode");
    g_assert_cmpstr (mode, ==, "server");
  }
  /* The demo stays in the database used alone: the office got a new one
   * beside it, named after the server, which the next start opens. */
  office_path = expected_office_path (desk_path, server->url);
  g_assert_cmpstr (anju_context_get_database_path (context), ==, office_path);
  {
    g_autofree char *configured = g_settings_get_string (anju_context_get_settings (context),
                                                         "database-path");
    g_autofree char *alone_after = database_snapshot (desk_path);

    g_assert_cmpstr (configured, ==, office_path);
    g_assert_cmpstr (alone_after, ==, alone_before);
  }
  toast_label = anju_ui_find_widget (GTK_WIDGET (window), is_label_containing,
                             "This computer now uses the office database at ");
  g_assert_nonnull (toast_label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (toast_label)), office_path));
  desk_a = anju_store_open (office_path, &error);
  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  while (count_customers_named (desk_a, "老客户") == 0)
    {
      g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
      run_for (50);
    }
  g_assert_cmpint (anju_test_count (desk_a, "SELECT count(*) FROM projects"), ==, 0);
  g_assert_null (anju_context_get_project (context));
  /* Meanwhile the board says why it is empty instead of showing nothing. */
  g_assert_true (anju_window_show_view (ANJU_WINDOW (window), "board"));
  run_for (50);
  {
    GtkWidget *page = anju_ui_find_widget (anju_window_get_view (ANJU_WINDOW (window), "board"),
                                   is_shown_status_page, NULL);

    g_assert_nonnull (page);
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Project Yet");
    g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)),
                              "next sync"));
  }

  /* When the office's project arrives, the window takes it as current. */
  {
    g_autoptr(JsonObject) project = json_object_new ();
    g_autoptr(JsonObject) answer = NULL;

    json_object_set_string_member (project, "name", "安居二期");
    json_object_set_string_member (project, "segmentation_model", "vanke");
    answer = anju_command_run (office, anju_user_get_system (), "project.create", project, &error);
    g_assert_no_error (error);
    anju_context_sync_now (context);
    started = g_get_monotonic_time ();
    while (anju_context_get_project (context) == NULL)
      {
        g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
        run_for (50);
      }
    g_assert_cmpstr (anju_context_get_project (context)->name, ==, "安居二期");
  }

  shows = (IndicatorState) { indicator, "Synced" };
  anju_ui_wait_until (indicator_shows, &shows, "the header to say synced");
  g_assert_cmpint (anju_sync_client_get_state (client), ==, ANJU_SYNC_STATE_SYNCED);

  /* A customer made in the window reaches desk B within seconds. */
  desk_b = anju_test_desk_open (server, "desk-b.db", "wang");
  g_assert_true (anju_window_show_view (ANJU_WINDOW (window), "customers"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL));
  anju_ui_wait_until (anju_ui_toplevel_shown, GSIZE_TO_POINTER (ANJU_TYPE_NEW_CUSTOMER_WINDOW), "the new customer");
  dialog = anju_ui_find_toplevel (ANJU_TYPE_NEW_CUSTOMER_WINDOW);
  set_row_text (dialog, "Name", "陈一");
  set_row_text (dialog, "Mobile", "13900000001");
  started = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (dialog, "new-customer.create", NULL));
  while (count_customers_named (desk_b->store, "陈一") == 0)
    {
      g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
      run_for (50);
      anju_test_desk_sync (desk_b);
    }
  arrived = g_get_monotonic_time ();
  g_test_message ("The customer reached desk B after %.2f s",
                  (arrived - started) / (double)G_USEC_PER_SEC);
  anju_ui_wait_until (indicator_shows, &shows, "synced after the new customer");
  g_assert_cmpuint (anju_sync_client_get_pending_count (client), ==, 0);

  /* Handing 陈一 over from the detail is an office decision: it goes to the
   * server at once, against the owner the detail shows (li, who made it). */
  {
    g_autoptr(GPtrArray) found = NULL;
    AnjuCustomerQuery query = { "陈一", NULL };
    AnjuCustomerDetail *detail;
    AnjuUiDetailWait detail_state;
    GtkWidget *assign_row;
    g_autoptr(JsonObject) row = NULL;
    g_autoptr(JsonObject) stale = json_object_new ();
    g_autoptr(GError) conflict = NULL;

    found = anju_customers_fetch (desk_a, &query, 0, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    chen_id = g_strdup (((AnjuCustomerSummary *)found->pdata[0])->id);
    row = anju_store_dup_row (desk_a, "customers", chen_id, NULL);
    g_assert_cmpstr (json_object_get_string_member (row, "owner_id"), ==, li->id);

    anju_window_open_customer (ANJU_WINDOW (window), chen_id);
    detail = anju_customers_view_get_detail (
      ANJU_CUSTOMERS_VIEW (anju_window_get_customers_view (ANJU_WINDOW (window))));
    detail_state = (AnjuUiDetailWait) { detail, chen_id };
    anju_ui_wait_until (anju_ui_detail_shows, &detail_state, "陈一's detail");
    assign_row = anju_ui_find_widget (GTK_WIDGET (detail), anju_ui_is_row_titled, "Assign to…");
    g_assert_nonnull (assign_row);
    anju_ui_wait_until (combo_offers_wang, assign_row, "the colleagues");
    adw_combo_row_set_selected (ADW_COMBO_ROW (assign_row),
                                find_combo_item (ADW_COMBO_ROW (assign_row), "王芳"));
    started = g_get_monotonic_time ();
    for (;;)
      {
        g_autoptr(JsonObject) on_b = NULL;

        anju_test_desk_sync (desk_b);
        on_b = anju_store_dup_row (desk_b->store, "customers", chen_id, NULL);
        if (g_strcmp0 (json_object_get_string_member_with_default (on_b, "owner_id", NULL),
                       wang->id) == 0)
          break;
        g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
        run_for (50);
      }
    /* The server decided it: nothing of it waits here. */
    g_assert_cmpint (anju_test_count (desk_a, "SELECT count(*) FROM outbox"), ==, 0);

    /* A decision against an owner that is no longer so is refused, naming
     * the one who has the customer now. */
    json_object_set_string_member (stale, "customer_id", chen_id);
    json_object_set_string_member (stale, "owner_id", li->id);
    json_object_set_string_member (stale, "expected_owner_id", li->id);
    conflict = run_refused_command (context, "customer.assign", stale);
    g_assert_error (conflict, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_CONFLICT);
    g_assert_nonnull (strstr (conflict->message, "王芳"));
    g_assert_true (anju_customers_view_go_back (
      ANJU_CUSTOMERS_VIEW (anju_window_get_customers_view (ANJU_WINDOW (window)))));
  }

  /* Desk B takes a mobile number first while desk A is not listening;
   * desk A then uses it too: the server refuses A's customer, A rolls it
   * back and tells li, who can read why and mark it read. */
  anju_sync_client_stop (client);
  run_for (300);
  {
    g_autoptr(JsonObject) first = new_customer_payload ("周二", "13900000002");
    g_autoptr(JsonObject) answer = anju_command_run (desk_b->store, desk_b->user,
                                                     "customer.create", first, &error);
    g_assert_no_error (error);
    anju_test_desk_sync (desk_b);
  }
  g_signal_connect (context, "rejected", G_CALLBACK (on_rejected_cb), &rejected);
  payload = new_customer_payload ("周二", "139 0000 0002");
  refused = run_command (context, "customer.create", payload);
  anju_ui_wait_until_for (was_rejected, &rejected, 10, "the server's refusal");
  g_assert_cmpstr (rejected.command_id, ==, json_object_get_string_member (refused, "id"));
  g_assert_cmpstr (rejected.type, ==, "customer.create");
  g_assert_cmpstr (rejected.message, !=, "");
  toast_label = anju_ui_find_widget (GTK_WIDGET (window), is_label_containing,
                             "New customer was refused by the office server: ");
  g_assert_nonnull (toast_label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (toast_label)), rejected.message));
  {
    g_autoptr(JsonObject) row = anju_store_dup_row (desk_a, "customers",
                                                    answer_customer_id (refused), NULL);
    g_assert_null (row);    /* rolled back */
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-rejections", NULL));
  dialog = anju_ui_find_toplevel (ANJU_TYPE_REJECTIONS_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  anju_ui_wait_until (rejections_loaded, dialog, "the refusals");
  rejections = anju_rejections_dialog_get_rejections (ANJU_REJECTIONS_DIALOG (dialog));
  g_assert_cmpuint (rejections->len, ==, 1);
  g_assert_cmpstr (((AnjuSyncRejection *)rejections->pdata[0])->type, ==, "customer.create");
  g_assert_cmpstr (((AnjuSyncRejection *)rejections->pdata[0])->message, ==, rejected.message);
  g_assert_nonnull (anju_ui_find_widget (dialog, anju_ui_is_row_titled, "New customer"));
  g_assert_true (gtk_widget_activate_action (dialog, "rejections.mark-seen", NULL));
  anju_ui_wait_until (anju_ui_pointer_cleared, &dialog, "the refusals to close");
  {
    g_autoptr(GPtrArray) unseen = anju_sync_list_rejections (desk_a, li->id, TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (unseen->len, ==, 0);
  }

  anju_sync_client_start (client);
  anju_ui_wait_until (indicator_shows, &shows, "synced again");

  /* Signing in at the connected desk: 王芳 never signed in here, so the
   * office server vouches for her; li again is checked here and renews the
   * server session in her name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  g_assert_null (anju_context_get_user (context));
  anju_ui_sign_in (ANJU_WINDOW (window), "wang", ANJU_TEST_PASSWORD);
  g_assert_cmpstr (anju_context_get_user (context)->id, ==, wang->id);
  anju_ui_wait_until (indicator_shows, &shows, "synced as 王芳");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  anju_ui_sign_in (ANJU_WINDOW (window), "li", ANJU_TEST_PASSWORD);
  g_assert_cmpstr (anju_context_get_user (context)->id, ==, li->id);
  anju_ui_wait_until (indicator_shows, &shows, "synced as 李娜 again");

  /* The server goes away: a change made now waits, and the header says so. */
  anju_test_server_kill (server);
  g_clear_pointer (&payload, json_object_unref);
  payload = new_customer_payload ("吴三", "13900000003");
  waiting = run_command (context, "customer.create", payload);
  shows = (IndicatorState) { indicator, "Offline, 1 change waiting" };
  anju_ui_wait_until (indicator_shows, &shows, "the header to say offline");
  g_assert_cmpint (anju_sync_client_get_state (client), ==, ANJU_SYNC_STATE_OFFLINE);
  g_assert_cmpuint (anju_sync_client_get_pending_count (client), ==, 1);
  g_assert_nonnull (anju_sync_client_get_last_error (client));

  /* What the office decides is refused while it cannot be asked. */
  {
    g_autoptr(JsonObject) assign = json_object_new ();
    g_autoptr(GError) offline = NULL;

    json_object_set_string_member (assign, "customer_id", chen_id);
    json_object_set_string_member (assign, "owner_id", li->id);
    json_object_set_string_member (assign, "expected_owner_id", wang->id);
    offline = run_refused_command (context, "customer.assign", assign);
    g_assert_error (offline, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_OFFLINE);
  }
  g_assert_cmpuint (anju_sync_client_get_pending_count (client), ==, 1);

  /* Back to "this computer alone" is refused while a change waits. */
  g_assert_true (anju_window_show_view (ANJU_WINDOW (window), "settings"));
  settings_page = anju_window_get_view (ANJU_WINDOW (window), "settings");
  alone_row = anju_ui_find_widget (settings_page, anju_ui_is_row_titled, "This computer alone");
  adw_action_row_activate (ADW_ACTION_ROW (alone_row));
  alone_check = anju_ui_find_widget (alone_row, anju_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON));
  g_assert_false (gtk_widget_get_sensitive (alone_check));   /* asking */
  anju_ui_wait_until (check_back_off, alone_check, "the refusal to work alone");
  g_assert_true (anju_context_get_sync_client (context) == client);
  {
    g_autofree char *status = g_strdup_printf ("Connected to %s", server->url);
    GtkWidget *status_row = anju_ui_find_widget (settings_page, anju_ui_is_row_titled, status);

    g_assert_nonnull (status_row);
    g_assert_true (gtk_widget_get_visible (status_row));
    anju_ui_wait_until (row_says_offline, status_row, "the settings to say offline");
  }

  /* Closing frees the window. */
  anju_ui_app_close_window (ui);
  g_signal_handlers_disconnect_by_func (context, on_rejected_cb, &rejected);
  anju_ui_app_close (ui);
  g_clear_object (&desk_a);
  g_free (rejected.command_id);
  g_free (rejected.type);
  g_free (rejected.message);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/ui/sync/connected-desk", test_sync_ui);

  return g_test_run ();
}
