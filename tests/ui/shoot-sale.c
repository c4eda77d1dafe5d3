/* shoot-sale.c — the subscription and finance screenshots of data/screenshots/
 *
 * Not a test: loads the demo, has 张伟 approve a quote ¥10,000 below the
 * range for one of 李娜's customers on 2幢-1502, then saves the 财务 view
 * as 陈静, and the subscription window as 李娜 before and after
 * subscribing. Run from the build tree, under Xvfb, in Chinese:
 *
 *   ninja -C BUILD tests/ui/shoot-sale
 *   LANGUAGE=zh_CN LANG=C.UTF-8 GSETTINGS_BACKEND=memory \
 *     GSETTINGS_SCHEMA_DIR=BUILD/data ANJU_DATA_DIR=data GSK_RENDERER=cairo \
 *     xvfb-run -a BUILD/tests/ui/shoot-sale data/screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "anju-application.h"
#include "anju-command.h"
#include "anju-demo.h"
#include "anju-subscribe-window.h"
#include "anju-window.h"

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
save_png (GtkWidget  *widget,
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

static JsonObject *
run_as (AnjuStore  *store,
        const char *username,
        const char *type,
        const char *json)
{
  g_autoptr(AnjuUser) user = anju_user_lookup_by_name (store, username);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, json, -1, &error) ||
      !(answer = anju_command_run (store, user, type, json_node_get_object (json_parser_get_root (parser)),
                                   &error)))
    g_error ("%s: %s", type, error->message);
  return json_object_ref (json_object_get_object_member (answer, "result"));
}

static char *
query_text (AnjuStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, NULL);
  char *text = NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

typedef struct
{
  char    *quote_id;
  char    *customer_name;
  AnjuFen  price;
} Quote;

static void
prepare (const char *path,
         Quote      *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);
  g_autofree char *unit = NULL, *customer = NULL, *hold = NULL, *asked = NULL, *request = NULL, *decide = NULL;
  g_autoptr(JsonObject) held = NULL, open = NULL, quote = NULL, approval = NULL, decided = NULL;
  AnjuFen price;

  if (store == NULL || !anju_demo_load (store, &error))
    g_error ("%s", error->message);
  unit = query_text (store, "SELECT u.id FROM units u JOIN buildings b ON b.id = u.building_id "
                            "WHERE b.name = '2幢' AND u.number = '1502'");
  customer = query_text (store, "SELECT c.id FROM customers c JOIN users u ON u.id = c.owner_id "
                                "WHERE u.username = 'lina' AND c.id_number IS NOT NULL "
                                "AND c.id NOT IN (SELECT customer_id FROM subscriptions) ORDER BY c.name LIMIT 1");
  hold = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"%s\"}", unit, customer);
  held = run_as (store, "lina", "unit.hold", hold);
  open = run_as (store, "lina", "quote.create", hold);
  price = json_object_get_int_member (open, "price") - 1000000;
  asked = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"%s\", \"asked_price\": %lld, "
                           "\"checklist\": {\"decision_holder\": true, \"signing_date_agreed\": true, "
                           "\"down_payment_affordable\": true, \"credit_checked\": true}}",
                           unit, customer, (long long) price);
  quote = run_as (store, "lina", "quote.create", asked);
  request = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": %lld, \"reason\": \"当天签约\"}",
                             json_object_get_string_member (quote, "quote_id"), (long long) price);
  approval = run_as (store, "lina", "discount.request", request);
  decide = g_strdup_printf ("{\"approval_id\": \"%s\", \"decision\": \"approve\"}",
                            json_object_get_string_member (approval, "approval_id"));
  decided = run_as (store, "zhangwei", "approval.decide", decide);
  out->quote_id = g_strdup (json_object_get_string_member (quote, "quote_id"));
  out->price = price;
  {
    g_autofree char *sql = g_strdup_printf ("SELECT name || coalesce (title, '') FROM customers WHERE id = '%s'",
                                            customer);

    out->customer_name = query_text (store, sql);
  }
}

static void
sign_in (AnjuContext *context,
         const char  *path,
         const char  *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);
  g_autoptr(AnjuUser) user = anju_user_lookup_by_name (store, username);

  anju_context_set_user (context, user);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL, *path = NULL;
  g_autoptr(AnjuApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  const char *out = argc > 1 ? argv[1] : ".";
  Quote quote = { 0 };
  AnjuContext *context;
  GtkWindow *window;
  GtkWidget *sub;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ANJU_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  dir = g_dir_make_tmp ("anju-shots-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "anju.db", NULL);
  prepare (path, &quote);

  app = anju_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  anju_application_set_database_path (app, path);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  context = anju_application_get_context (app);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  gtk_window_unmaximize (window);
  gtk_window_set_default_size (window, 1210, 770);
  while (!anju_context_get_ready (context))
    g_main_context_iteration (NULL, TRUE);

  sign_in (context, path, "lina");
  spin (1000);
  sub = anju_subscribe_window_new (context, GTK_WIDGET (window), quote.quote_id, "2幢-1502",
                                   quote.customer_name, quote.price);
  gtk_window_set_default_size (GTK_WINDOW (sub), 700, 900);
  gtk_window_present (GTK_WINDOW (sub));
  spin (2000);
  save_png (sub, out, "subscribe-plan.png");
  g_signal_emit_by_name (find_button (sub, _("_Subscribe")), "clicked");
  spin (2500);
  save_png (sub, out, "subscribe-papers.png");
  gtk_window_destroy (GTK_WINDOW (sub));

  sign_in (context, path, "chenjing");
  spin (1000);
  anju_window_show_view (ANJU_WINDOW (window), "finance");
  spin (2000);
  save_png (GTK_WIDGET (window), out, "finance.png");

  gtk_window_destroy (window);
  spin (200);
  g_clear_object (&app);
  return 0;
}
