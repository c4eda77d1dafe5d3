/* anju-ui-fixtures.c — what the UI tests and the screenshot tools share */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "anju-command.h"
#include "anju-demo.h"
#include "anju-format.h"
#include "anju-ui-fixtures.h"
#include "anju-user.h"
#include "anju-worker.h"

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

void
anju_ui_wait_until_for (AnjuUiCondition condition,
                        gpointer        data,
                        guint           seconds,
                        const char     *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, on_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (timeout);
}

void
anju_ui_wait_until (AnjuUiCondition condition,
                    gpointer        data,
                    const char     *what)
{
  anju_ui_wait_until_for (condition, data, 20, what);
}

GtkWidget *
anju_ui_find_widget (GtkWidget     *root,
                     AnjuUiMatch    match,
                     gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = anju_ui_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
anju_ui_is_row_titled (GtkWidget     *widget,
                       gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

gboolean
anju_ui_is_button_for (GtkWidget     *widget,
                       gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

gboolean
anju_ui_is_named (GtkWidget     *widget,
                  gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

gboolean
anju_ui_is_label_saying (GtkWidget     *widget,
                         gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

gboolean
anju_ui_is_of_type (GtkWidget     *widget,
                    gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

gboolean
anju_ui_is_button_labelled (GtkWidget     *widget,
                            gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

void
anju_ui_click (GtkWidget  *root,
               const char *action_name)
{
  GtkWidget *button = anju_ui_find_widget (root, anju_ui_is_button_for, action_name);

  if (button == NULL)
    g_error ("No button for %s", action_name);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

GtkWidget *
anju_ui_find_row (GtkWidget  *root,
                  const char *title)
{
  return anju_ui_find_row_matching (root, anju_ui_is_row_titled, title);
}

GtkWidget *
anju_ui_find_row_matching (GtkWidget   *root,
                           AnjuUiMatch  match,
                           const char  *title)
{
  GtkWidget *row = anju_ui_find_widget (root, match, title);

  if (row == NULL)
    g_error ("No row titled “%s”", title);
  return row;
}

GtkWidget *
anju_ui_find_in_row_matching (GtkWidget   *root,
                              AnjuUiMatch  match,
                              const char  *title,
                              GType        type)
{
  GtkWidget *row = anju_ui_find_row_matching (root, match, title);
  GtkWidget *widget = anju_ui_find_widget (row, anju_ui_is_of_type, GSIZE_TO_POINTER (type));

  if (widget == NULL)
    g_error ("No %s in the row “%s”", g_type_name (type), title);
  return widget;
}

gboolean
anju_ui_context_ready (gpointer context)
{
  return anju_context_get_ready (context) || anju_context_get_database_error (context) != NULL;
}

gboolean
anju_ui_pointer_cleared (gpointer data)
{
  return *(gpointer *)data == NULL;
}

gpointer
anju_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

gboolean
anju_ui_toplevel_shown (gpointer type)
{
  return anju_ui_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

gboolean
anju_ui_detail_shows (gpointer data)
{
  AnjuUiDetailWait *wait = data;

  return g_strcmp0 (anju_customer_detail_get_customer_id (wait->detail), wait->customer_id) == 0 &&
         !anju_customer_detail_get_loading (wait->detail);
}

gboolean
anju_ui_signed_in (gpointer context)
{
  return anju_context_get_user (context) != NULL;
}

AnjuUiApp *
anju_ui_app_open (const char             *path,
                  const AnjuUiAppOptions *options)
{
  static const AnjuUiAppOptions defaults = { 0 };
  AnjuUiApp *ui = g_new0 (AnjuUiApp, 1);
  g_autoptr(GError) error = NULL;
  GList *windows;

  if (options == NULL)
    options = &defaults;
  ui->app = anju_application_new ();
  g_application_set_flags (G_APPLICATION (ui->app), G_APPLICATION_NON_UNIQUE);
  anju_application_set_database_path (ui->app, path);
  g_assert_true (g_application_register (G_APPLICATION (ui->app), NULL, &error));
  g_assert_no_error (error);
  ui->context = anju_application_get_context (ui->app);
  if (options->clock != NULL)
    anju_context_set_clock (ui->context, options->clock, options->clock_data);
  if (options->light)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_application_activate (G_APPLICATION (ui->app));

  windows = gtk_application_get_windows (GTK_APPLICATION (ui->app));
  g_assert_nonnull (windows);
  ui->window = windows->data;
  g_assert_true (ANJU_IS_WINDOW (ui->window));
  g_object_add_weak_pointer (G_OBJECT (ui->window), (gpointer *)&ui->window);
  if (options->unmaximize)
    gtk_window_unmaximize (ui->window);
  if (options->width > 0)
    gtk_window_set_default_size (ui->window, options->width, options->height);
  anju_ui_wait_until_for (anju_ui_context_ready, ui->context, options->seconds > 0 ? options->seconds : 20,
                          "the database");
  g_assert_null (anju_context_get_database_error (ui->context));
  return ui;
}

AnjuUiApp *
anju_ui_app_open_at (const char *path,
                     gint64     *now_usec)
{
  return anju_ui_app_open (path, &(AnjuUiAppOptions) { .clock = anju_ui_fixed_clock, .clock_data = now_usec });
}

void
anju_ui_app_close_window (AnjuUiApp *ui)
{
  if (ui->window != NULL)
    gtk_window_close (ui->window);
  anju_ui_wait_until (anju_ui_pointer_cleared, &ui->window, "the window to be freed");
}

void
anju_ui_app_close (AnjuUiApp *ui)
{
  anju_ui_app_close_window (ui);
  g_clear_object (&ui->app);
  g_free (ui);
}

typedef struct
{
  AnjuContext *context;
  const char  *username;
} SignInState;

static gboolean
signed_in_as (gpointer data)
{
  SignInState *state = data;
  const AnjuUser *user = anju_context_get_user (state->context);

  return user != NULL && g_strcmp0 (user->username, state->username) == 0;
}

void
anju_ui_sign_in (AnjuWindow *window,
                 const char *username,
                 const char *password)
{
  AnjuContext *context = anju_window_get_context (window);
  GtkWidget *page = anju_window_get_sign_in_page (window);
  SignInState state = { context, username };

  if (anju_context_get_user (context) != NULL)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
      g_assert_null (anju_context_get_user (context));
    }
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (page, "User name")), username);
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (page, "Password")), password);
  g_assert_true (gtk_widget_activate_action (page, "sign-in.sign-in", NULL));
  anju_ui_wait_until (signed_in_as, &state, "signing in");
}

void
anju_ui_set_user (AnjuContext *context,
                  const char  *path,
                  const char  *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);
  g_autoptr(AnjuUser) user = anju_user_lookup_by_name (store, username);

  anju_context_set_user (context, user);
}

void
anju_ui_remove_database (const char *dir,
                         const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

AnjuStore *
anju_ui_demo_database (char          **out_dir,
                       char          **out_path,
                       AnjuClockFunc   clock,
                       gpointer        clock_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;

  *out_dir = g_dir_make_tmp ("anju-ui-XXXXXX", &error);
  g_assert_no_error (error);
  *out_path = g_build_filename (*out_dir, "anju.db", NULL);
  store = anju_store_open (*out_path, &error);
  g_assert_no_error (error);
  if (clock != NULL)
    anju_store_set_clock (store, clock, clock_data);
  g_assert_true (anju_demo_load (store, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

void
anju_ui_clear_database (char **dir,
                        char **path)
{
  anju_ui_remove_database (*dir, *path);
  g_clear_pointer (dir, g_free);
  g_clear_pointer (path, g_free);
}

gint64
anju_ui_parse_time (const char *iso)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

gint64
anju_ui_fixed_clock (gpointer user_data)
{
  return *(const gint64 *)user_data;
}

void
anju_ui_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
anju_ui_save_png (GtkWidget  *widget,
                  const char *dir,
                  const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Cannot write %s", path);
  g_print ("%s (%d×%d)\n", path, width, height);
}

JsonObject *
anju_ui_run (AnjuStore      *store,
             const AnjuUser *actor,
             const char     *type,
             const char     *format,
             ...)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  va_list args;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);
  if (!json_parser_load_from_data (parser, json, -1, &error) ||
      !(answer = anju_command_run (store, actor, type, json_node_get_object (json_parser_get_root (parser)),
                                   &error)))
    g_error ("%s: %s", type, error->message);
  return json_object_ref (json_object_get_object_member (answer, "result"));
}

JsonObject *
anju_ui_run_as (AnjuStore  *store,
                const char *username,
                const char *type,
                const char *json)
{
  g_autoptr(AnjuUser) user = anju_user_lookup_by_name (store, username);

  if (user == NULL)
    g_error ("No user %s", username);
  return anju_ui_run (store, user, type, "%s", json);
}

char *
anju_ui_shoot_begin (char **out_dir)
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ANJU_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  *out_dir = g_dir_make_tmp ("anju-shots-XXXXXX", &error);
  g_assert_no_error (error);
  return g_build_filename (*out_dir, "anju.db", NULL);
}

char *
anju_ui_query_text (AnjuStore  *store,
                    const char *sql)
{
  char *text = anju_ui_query_text_or_null (store, sql);

  if (text == NULL)
    g_error ("Nothing for %s", sql);
  return text;
}

char *
anju_ui_query_text_or_null (AnjuStore  *store,
                            const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, &error);
  char *text = NULL;

  g_assert_no_error (error);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

char *
anju_ui_db_text (const char *path,
                 const char *format,
                 ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);
  g_autofree char *sql = NULL;
  va_list args;

  g_assert_no_error (error);
  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return anju_ui_query_text_or_null (store, sql);
}

static gpointer
noop_job (AnjuStore     *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return GINT_TO_POINTER (1);
}

static void
on_noop_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  *(gboolean *)user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *)data;
}

void
anju_ui_settle (AnjuContext *context)
{
  for (guint round = 0; round < 3; round++)
    {
      gboolean done = FALSE;

      anju_worker_run_async (anju_context_get_worker (context), noop_job, NULL, NULL, NULL,
                             NULL, on_noop_done_cb, &done);
      anju_ui_wait_until (flag_set, &done, "the worker");
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

void
anju_ui_approved_quote_clear (AnjuUiApprovedQuote *quote)
{
  g_clear_pointer (&quote->quote_id, g_free);
  g_clear_pointer (&quote->customer_name, g_free);
  g_clear_pointer (&quote->building_id, g_free);
}

void
anju_ui_add_approved_quote (AnjuStore           *store,
                            AnjuUiApprovedQuote *out)
{
  g_autofree char *unit = anju_ui_query_text (store, "SELECT u.id FROM units u JOIN buildings b ON b.id = u.building_id "
                                             "WHERE b.name = '2幢' AND u.number = '1502'");
  g_autofree char *customer = anju_ui_query_text (store, "SELECT c.id FROM customers c JOIN users u ON u.id = c.owner_id "
                                                 "WHERE u.username = 'lina' AND c.id_number IS NOT NULL "
                                                 "AND c.id NOT IN (SELECT customer_id FROM subscriptions) "
                                                 "ORDER BY c.name LIMIT 1");
  g_autofree char *hold = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"%s\"}", unit, customer);
  g_autofree char *asked = NULL, *request = NULL, *decide = NULL, *name_sql = NULL;
  g_autofree char *title_sql = NULL, *name = NULL, *title = NULL;
  g_autoptr(JsonObject) held = anju_ui_run_as (store, "lina", "unit.hold", hold);
  g_autoptr(JsonObject) open = anju_ui_run_as (store, "lina", "quote.create", hold);
  g_autoptr(JsonObject) quote = NULL, approval = NULL, decided = NULL;
  AnjuFen price = json_object_get_int_member (open, "price") - 1000000;

  asked = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"%s\", \"asked_price\": %lld, "
                           "\"checklist\": {\"decision_holder\": true, \"signing_date_agreed\": true, "
                           "\"down_payment_affordable\": true, \"credit_checked\": true}}",
                           unit, customer, (long long) price);
  quote = anju_ui_run_as (store, "lina", "quote.create", asked);
  request = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": %lld, \"reason\": \"当天签约\"}",
                             json_object_get_string_member (quote, "quote_id"), (long long) price);
  approval = anju_ui_run_as (store, "lina", "discount.request", request);
  decide = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\"}",
                            json_object_get_string_member (approval, "approval_id"));
  decided = anju_ui_run_as (store, "zhangwei", "approval.decide", decide);
  if (g_strcmp0 (json_object_get_string_member (decided, "status"), "approved") != 0)
    g_error ("The quote is %s, not approved", json_object_get_string_member (decided, "status"));
  name_sql = g_strdup_printf ("SELECT name FROM customers WHERE id = '%s'", customer);
  title_sql = g_strdup_printf ("SELECT coalesce (title, '') FROM customers WHERE id = '%s'", customer);
  name = anju_ui_query_text (store, name_sql);
  title = anju_ui_query_text (store, title_sql);
  out->quote_id = g_strdup (json_object_get_string_member (quote, "quote_id"));
  out->customer_name = anju_format_person (name, title);
  out->building_id = anju_ui_query_text (store, "SELECT id FROM buildings WHERE name = '2幢'");
  out->price = price;
}
