/* test-defects12.c — issue 12's window defects, each through the widgets
 *
 * On the demo project, Thursday 2026-11-26 10:00 in the office (an
 * injected clock):
 *
 * - /ui/defects12/shared-deal (SPEC §3): 李娜 shares 徐明's 3幢-901 with
 *   王磊 at 30 % from 洽谈's subscription list; the workbench's "Sales this
 *   month" then shows, to the fen, 李娜's 1.7 deals and 王磊's 2.3 deals,
 *   and the manager's list per consultant the same figures.
 * - /ui/defects12/absent-server: a first connection to an office server
 *   that is not there (a closed port on 127.0.0.1) says it cannot be
 *   reached and what to check, and does not claim changes wait: nothing
 *   does.
 * - /ui/defects12/call-mobile-letters: the call window's mobile refuses a
 *   letter as it is typed and says why, naming the field; letters that
 *   reach it another way are refused on save, the field marked and
 *   named, and no customer is made.
 * - /ui/defects12/names-days-once: after a call from 孙丽 (女士), 今日
 *   heads the day "Today, Thursday 2026-11-26" (not 11/26), names her
 *   "孙丽 (孙女士)" and never "孙丽孙女士", the call window greets her number
 *   the same way, and Mark as Sent on her thank-you SMS is off from the
 *   click until it is done: it is marked once.
 * - /ui/defects12/zh-discount: in Chinese, 洽谈's discretion reads as people
 *   say it: 原价 at the start, then 98.5折, with 99折 as the lowest without
 *   approval; never 100折 or per mille.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "anju-application.h"
#include "anju-call-window.h"
#include "anju-command.h"
#include "anju-demo.h"
#include "anju-format.h"
#include "anju-settings-view.h"
#include "anju-subscriptions.h"
#include "anju-window.h"
#include "anju-worker.h"
#include "anju-ui-fixtures.h"

static gint64 now_usec;

/* ---- the database ------------------------------------------------------ */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
prepare_database (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;

  /* Thursday 2026-11-26, 10:00 in the office */
  now_usec = anju_ui_parse_time ("2026-11-26T02:00:00Z");
  store = anju_ui_demo_database (&fixture->dir, &fixture->path, anju_ui_fixed_clock, &now_usec);
}

static void
fixture_clear (Fixture *fixture)
{
  anju_ui_clear_database (&fixture->dir, &fixture->path);
}

/* ---- waiting and finding ----------------------------------------------- */

static gboolean
is_row_title_prefixed (GtkWidget     *widget,
                       gconstpointer  prefix)
{
  const char *title;

  if (!ADW_IS_PREFERENCES_ROW (widget))
    return FALSE;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return title != NULL && g_str_has_prefix (title, prefix);
}

/* A subscription's row in 洽谈 (a quote's row is titled alike). */
static gboolean
is_subscription_row (GtkWidget     *widget,
                     gconstpointer  prefix)
{
  return is_row_title_prefixed (widget, prefix) && ADW_IS_ACTION_ROW (widget) &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), "cooling-off: ") != NULL;
}

static gboolean
is_group_titled (GtkWidget     *widget,
                 gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

/* The visible message dialog that has @response, or NULL. */
static AdwMessageDialog *
find_dialog_with (const char *response)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        adw_message_dialog_has_response (l->data, response))
      dialog = l->data;
  g_list_free (toplevels);
  return dialog;
}

static void
select_item (AdwComboRow *row,
             const char  *item)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("No “%s” to pick", item);
}

/* ---- /ui/defects12/shared-deal ------------------------------------------ */

/* The workbench's "Sales this month" as @username sees it: its
 * description, and the subtitle of the row titled @row_title (NULL:
 * none). */
static void
sales_as (AnjuUiApp   *app,
          const char  *username,
          const char  *row_title,
          char       **description,
          char       **row_subtitle)
{
  GtkWidget *view, *group, *row;

  anju_ui_sign_in (ANJU_WINDOW (app->window), username, ANJU_UI_DEMO_PASSWORD);
  g_assert_true (anju_window_show_view (ANJU_WINDOW (app->window), "workbench"));
  view = anju_window_get_view (ANJU_WINDOW (app->window), "workbench");
  anju_ui_settle (app->context);
  group = anju_ui_find_widget (view, is_group_titled, "Sales this month");
  g_assert_nonnull (group);
  *description = g_strdup (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)));
  if (row_title == NULL)
    return;
  row = anju_ui_find_widget (group, is_row_title_prefixed, row_title);
  g_assert_nonnull (row);
  *row_subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
}

static AnjuFen
db_fen (Fixture    *fixture,
        const char *sql)
{
  g_autofree char *text = anju_ui_db_text (fixture->path, "%s", sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static char *
money (AnjuFen fen)
{
  return anju_format_money (fen);
}

static void
test_shared_deal (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *app;
  GtkWidget *view, *row, *button;
  AdwMessageDialog *dialog;
  AnjuFen xu_price, huang_price, wang_prices, share;
  g_autofree char *lina_desc = NULL, *lina_row = NULL, *wang_desc = NULL, *wang_row = NULL;
  g_autofree char *boss_desc = NULL, *boss_lina = NULL, *boss_wang = NULL, *ignored = NULL;
  g_autofree char *expect = NULL, *a = NULL, *b = NULL, *c = NULL;

  prepare_database (&fixture);
  /* The demo's prices of this month's deals, in fen. */
  xu_price = db_fen (&fixture, "SELECT s.price FROM subscriptions s JOIN customers c ON c.id = s.customer_id "
                               "WHERE c.name = '徐明' AND s.status = 'active'");
  huang_price = db_fen (&fixture, "SELECT s.price FROM subscriptions s JOIN customers c ON c.id = s.customer_id "
                                  "WHERE c.name = '黄磊' AND s.status <> 'withdrawn'");
  wang_prices = db_fen (&fixture, "SELECT sum (s.price) FROM subscriptions s JOIN users u ON u.id = s.consultant_id "
                                  "WHERE u.username = 'wanglei' AND s.status <> 'withdrawn'");
  g_assert_cmpint (xu_price, >, 0);
  /* 30 % of 徐明's price, to the nearest fen, half up */
  share = (xu_price * 30 + 50) / 100;

  app = anju_ui_app_open_at (fixture.path, &now_usec);
  anju_ui_sign_in (ANJU_WINDOW (app->window), "lina", ANJU_UI_DEMO_PASSWORD);
  g_assert_true (anju_window_show_view (ANJU_WINDOW (app->window), "negotiation"));
  view = anju_window_get_view (ANJU_WINDOW (app->window), "negotiation");
  anju_ui_settle (app->context);
  row = anju_ui_find_widget (view, is_subscription_row, "3幢-901 · ");
  g_assert_nonnull (row);
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "shared with"));
  button = anju_ui_find_widget (row, anju_ui_is_button_labelled, "S_hare…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  dialog = find_dialog_with ("share");
  g_assert_nonnull (dialog);

  /* Only colleagues core allows: not 李娜 herself, not finance or IT. */
  {
    AdwComboRow *who = ADW_COMBO_ROW (anju_ui_find_row (GTK_WIDGET (dialog), "Shared with"));
    GListModel *model = adw_combo_row_get_model (who);
    GtkWidget *percent_row = anju_ui_find_row (GTK_WIDGET (dialog), "Colleague’s share (%)");
    GtkSpinButton *percent = GTK_SPIN_BUTTON (anju_ui_find_widget (percent_row, anju_ui_is_of_type,
                                                                   GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON)));

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        const char *name = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

        g_assert_cmpstr (name, !=, "李娜");
        g_assert_cmpstr (name, !=, "陈静");
        g_assert_cmpstr (name, !=, "系统管理员");
      }
    g_assert_false (gtk_widget_is_sensitive (percent_row));
    g_assert_cmpint (gtk_spin_button_get_value_as_int (percent), ==, ANJU_CO_SHARE_DEFAULT_PERCENT);
    select_item (who, "王磊");
    g_assert_true (gtk_widget_is_sensitive (percent_row));
    gtk_spin_button_set_value (percent, 30);
  }
  adw_message_dialog_response (dialog, "share");
  anju_ui_settle (app->context);
  {
    g_autofree char *co = anju_ui_db_text (fixture.path, "SELECT u.username || ' ' || s.co_share_percent FROM subscriptions s "
                                             "JOIN users u ON u.id = s.co_consultant_id JOIN customers c "
                                             "ON c.id = s.customer_id WHERE c.name = '徐明'");

    g_assert_cmpstr (co, ==, "wanglei 30");
  }
  row = anju_ui_find_widget (view, is_subscription_row, "3幢-901 · ");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "shared with 王磊 (30%)"));

  /* 李娜: 黄磊's deal whole, 70 % of 徐明's */
  sales_as (app, "lina", "3幢-901 · ", &lina_desc, &lina_row);
  a = money (huang_price + xu_price - share);
  expect = g_strdup_printf ("1.7 deals · %s", a);
  g_assert_cmpstr (lina_desc, ==, expect);
  g_clear_pointer (&expect, g_free);
  b = money (xu_price - share);
  c = money (xu_price);
  expect = g_strdup_printf ("%s of %s · shared with 王磊 (30%%)", b, c);
  g_assert_true (g_str_has_prefix (lina_row, expect));
  g_clear_pointer (&expect, g_free);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  /* 王磊: his two deals whole, 30 % of 徐明's */
  sales_as (app, "wanglei", "3幢-901 · ", &wang_desc, &wang_row);
  a = money (wang_prices + share);
  expect = g_strdup_printf ("2.3 deals · %s", a);
  g_assert_cmpstr (wang_desc, ==, expect);
  g_clear_pointer (&expect, g_free);
  b = money (share);
  expect = g_strdup_printf ("%s of %s · shared with 李娜 (70%%)", b, c);
  g_assert_true (g_str_has_prefix (wang_row, expect));
  g_clear_pointer (&expect, g_free);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  /* the manager: each consultant's figures, and the office's */
  sales_as (app, "zhangwei", "李娜", &boss_desc, &boss_lina);
  a = money (huang_price + xu_price - share);
  expect = g_strdup_printf ("1.7 deals · %s", a);
  g_assert_cmpstr (boss_lina, ==, expect);
  g_clear_pointer (&expect, g_free);
  g_clear_pointer (&a, g_free);
  g_free (boss_desc);
  sales_as (app, "zhangwei", "王磊", &boss_desc, &boss_wang);
  a = money (wang_prices + share);
  expect = g_strdup_printf ("2.3 deals · %s", a);
  g_assert_cmpstr (boss_wang, ==, expect);
  g_clear_pointer (&expect, g_free);
  g_clear_pointer (&a, g_free);
  a = money (huang_price + xu_price + wang_prices);
  expect = g_strdup_printf ("4 deals · %s", a);
  g_assert_cmpstr (boss_desc, ==, expect);

  /* The same figures written out, from the demo's prices: 徐明 3幢-901
   * ¥3,473,000.00, 黄磊 ¥3,572,590.00, 王磊's two ¥7,253,625.00; 30 % of
   * 徐明's is ¥1,041,900.00. */
  g_assert_cmpint (xu_price, ==, 347300000);
  g_assert_cmpint (share, ==, 104190000);
  g_assert_cmpstr (lina_desc, ==, "1.7 deals · ¥6,003,690.00");
  g_assert_cmpstr (wang_desc, ==, "2.3 deals · ¥8,295,525.00");
  g_assert_true (g_str_has_prefix (lina_row, "¥2,431,100.00 of ¥3,473,000.00 · shared with 王磊 (30%)"));
  g_assert_true (g_str_has_prefix (wang_row, "¥1,041,900.00 of ¥3,473,000.00 · shared with 李娜 (70%)"));

  anju_ui_app_close (app);
  fixture_clear (&fixture);
}


/* ---- /ui/defects12/absent-server ---------------------------------------- */

/* A port on 127.0.0.1 where nothing listens: bound, then closed. */
static guint16
closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_assert_true (g_socket_close (socket, &error));
  return port;
}

static gboolean
row_has_subtitle (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return subtitle != NULL && *subtitle != '\0';
}

static void
test_absent_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("anju-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  AnjuUiApp *app;
  GtkWidget *preferences, *page, *connect_row;
  const char *said;

  g_assert_no_error (error);
  now_usec = anju_ui_parse_time ("2026-11-26T02:00:00Z");
  app = anju_ui_app_open_at (path, &now_usec);
  g_action_group_activate_action (G_ACTION_GROUP (app->app), "preferences", NULL);
  anju_ui_wait_until (anju_ui_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_WINDOW), "the preferences");
  preferences = anju_ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  page = anju_ui_find_widget (preferences, anju_ui_is_of_type, GSIZE_TO_POINTER (ANJU_TYPE_SETTINGS_VIEW));
  g_assert_nonnull (page);
  adw_action_row_activate (ADW_ACTION_ROW (anju_ui_find_row (page, "Connected to an office server")));
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (page, "Server address, e.g. http://192.168.1.10:8470")),
                         url);
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (page, "User name at the server")), "lina");
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (page, "Password")), ANJU_UI_DEMO_PASSWORD);
  g_assert_true (gtk_widget_activate_action (page, "settings.connect", NULL));
  connect_row = anju_ui_find_widget (page, anju_ui_is_button_for, "settings.connect");
  g_assert_nonnull (connect_row);
  connect_row = gtk_widget_get_ancestor (connect_row, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (connect_row);
  anju_ui_wait_until (row_has_subtitle, connect_row, "the connection to fail");

  said = adw_action_row_get_subtitle (ADW_ACTION_ROW (connect_row));
  g_assert_nonnull (strstr (said, url));
  g_assert_nonnull (strstr (said, "cannot be reached"));
  g_assert_nonnull (strstr (said, "Check the address and that the server is running."));
  /* nothing was ever made here to wait */
  g_assert_null (strstr (said, "wait"));
  g_assert_null (strstr (said, "sent when"));
  g_assert_null (anju_context_get_sync_client (app->context));

  gtk_window_destroy (GTK_WINDOW (preferences));
  anju_ui_app_close (app);
  anju_ui_remove_database (dir, path);
}

/* ---- /ui/defects12/call-mobile-letters ---------------------------------- */

static gboolean
call_idle (gpointer data)
{
  return !anju_call_window_get_busy (data);
}

static gboolean
is_shown_error_label (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

static void
test_call_mobile_letters (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *app;
  AnjuCallWindow *call = NULL;
  GtkWidget *mobile, *problem;
  GtkEditable *text;
  g_autofree char *customers_before = NULL, *customers_after = NULL;

  prepare_database (&fixture);
  customers_before = anju_ui_db_text (fixture.path, "SELECT count(*) FROM customers");
  app = anju_ui_app_open_at (fixture.path, &now_usec);
  anju_ui_sign_in (ANJU_WINDOW (app->window), "lina", ANJU_UI_DEMO_PASSWORD);
  g_action_group_activate_action (G_ACTION_GROUP (app->app), "take-call", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app->app)); l; l = l->next)
    if (ANJU_IS_CALL_WINDOW (l->data))
      call = l->data;
  g_assert_nonnull (call);
  g_object_add_weak_pointer (G_OBJECT (call), (gpointer *)&call);
  anju_ui_wait_until (call_idle, call, "the call screen");
  mobile = anju_ui_find_row (GTK_WIDGET (call), "Mobile");
  g_assert_false (gtk_widget_has_css_class (mobile, "error"));

  /* Live: the letter never enters, and the field says why. */
  gtk_editable_set_text (GTK_EDITABLE (mobile), "1380013");
  gtk_editable_set_position (GTK_EDITABLE (mobile), -1);
  {
    int position = 7;

    gtk_editable_insert_text (GTK_EDITABLE (mobile), "8a", -1, &position);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mobile)), ==, "1380013");
  g_assert_true (gtk_widget_has_css_class (mobile, "error"));
  problem = anju_ui_find_widget (GTK_WIDGET (call), is_shown_error_label, NULL);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (problem)), "The mobile number contains “a”"));
  gtk_editable_set_text (GTK_EDITABLE (mobile), "138abc");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mobile)), ==, "");
  g_assert_true (gtk_widget_has_css_class (mobile, "error"));
  /* A digit typed next: the error goes. */
  gtk_editable_set_text (GTK_EDITABLE (mobile), "138");
  g_assert_false (gtk_widget_has_css_class (mobile, "error"));
  g_assert_null (anju_ui_find_widget (GTK_WIDGET (call), is_shown_error_label, NULL));

  /* On save: letters that got in past the keyboard (straight into the
   * text's buffer) are refused, the field marked and named. */
  text = gtk_editable_get_delegate (GTK_EDITABLE (mobile));
  g_assert_true (GTK_IS_TEXT (text));
  gtk_entry_buffer_set_text (gtk_text_get_buffer (GTK_TEXT (text)), "138oo138ooo", -1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mobile)), ==, "138oo138ooo");
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (GTK_WIDGET (call), "Name")), "周先生");
  anju_ui_wait_until (call_idle, call, "the number lookup");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (call), "call.save", NULL));
  anju_ui_wait_until (call_idle, call, "the refusal");
  g_assert_nonnull (call);
  g_assert_true (gtk_widget_has_css_class (mobile, "error"));
  problem = anju_ui_find_widget (GTK_WIDGET (call), is_shown_error_label, NULL);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (problem)), "The mobile number contains “o”"));
  customers_after = anju_ui_db_text (fixture.path, "SELECT count(*) FROM customers");
  g_assert_cmpstr (customers_after, ==, customers_before);

  gtk_window_destroy (GTK_WINDOW (call));
  anju_ui_wait_until (anju_ui_pointer_cleared, &call, "the call window to be freed");
  anju_ui_app_close (app);
  fixture_clear (&fixture);
}

/* ---- /ui/defects12/names-days-once -------------------------------------- */

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_row_containing (GtkWidget     *widget,
                   gconstpointer  text)
{
  const char *title;

  if (!ADW_IS_PREFERENCES_ROW (widget) || !gtk_widget_get_visible (widget))
    return FALSE;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return title != NULL && strstr (title, text) != NULL;
}

static gboolean
is_action_row_subtitled (GtkWidget     *widget,
                         gconstpointer  text)
{
  const char *subtitle;

  if (!ADW_IS_ACTION_ROW (widget) || !gtk_widget_get_visible (widget))
    return FALSE;
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  return subtitle != NULL && strstr (subtitle, text) != NULL;
}

static void
log_call_from_sun_li (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (fixture->path, &error);
  g_autoptr(AnjuUser) lina = anju_user_lookup_by_name (store, "lina");
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *person = json_object_new ();

  g_assert_no_error (error);
  anju_store_set_clock (store, anju_ui_fixed_clock, &now_usec);
  json_object_set_string_member (payload, "mobile", "13900001111");
  json_object_set_string_member (person, "name", "孙丽");
  json_object_set_string_member (person, "title", "女士");
  json_object_set_object_member (payload, "new_customer", person);
  json_object_set_string_member (payload, "answered_by", lina->id);
  json_object_set_int_member (payload, "rings", 2);
  json_object_set_string_member (payload, "started_at", "2026-11-26T01:50:00Z");
  json_object_set_string_member (payload, "ended_at", "2026-11-26T01:55:00Z");
  json_object_set_string_member (payload, "reason", "了解三居室户型");
  json_object_set_boolean_member (payload, "invited", TRUE);
  json_object_set_string_member (payload, "call_again_at", "2026-11-27T02:00:00Z");
  answer = anju_command_run (store, lina, "call.log", payload, &error);
  g_assert_no_error (error);
}

static void
test_names_days_once (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *app;
  AnjuCallWindow *call = NULL;
  GtkWidget *view, *row, *button;

  prepare_database (&fixture);
  log_call_from_sun_li (&fixture);
  app = anju_ui_app_open_at (fixture.path, &now_usec);
  anju_ui_sign_in (ANJU_WINDOW (app->window), "lina", ANJU_UI_DEMO_PASSWORD);
  g_assert_true (anju_window_show_view (ANJU_WINDOW (app->window), "workbench"));
  view = anju_window_get_view (ANJU_WINDOW (app->window), "workbench");
  anju_ui_settle (app->context);

  /* The day as nobody misreads it. */
  g_assert_nonnull (anju_ui_find_widget (view, anju_ui_is_label_saying, "Today, Thursday 2026-11-26"));
  g_assert_null (anju_ui_find_widget (view, is_label_containing, "11/26"));
  g_assert_null (anju_ui_find_widget (view, is_label_containing, "26/11"));

  /* Her name and form of address, never run together. */
  g_assert_null (anju_ui_find_widget (view, is_row_containing, "孙丽孙女士"));
  g_assert_null (anju_ui_find_widget (view, is_action_row_subtitled, "孙丽孙女士"));
  row = anju_ui_find_widget (view, is_row_containing, "thank-you SMS");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "孙"));

  /* Mark as Sent: off from the click, and marked once. */
  button = anju_ui_find_widget (row, anju_ui_is_button_labelled, "Mark as _Sent");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_object_add_weak_pointer (G_OBJECT (button), (gpointer *)&button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_is_sensitive (button));
  anju_ui_settle (app->context);
  {
    g_autofree char *sent = anju_ui_db_text (fixture.path, "SELECT count(*) FROM sms_outbox s JOIN customers c "
                                               "ON c.id = s.customer_id WHERE c.name = '孙丽' AND s.state = 'sent'");

    g_assert_cmpstr (sent, ==, "1");
  }
  if (button != NULL)
    g_object_remove_weak_pointer (G_OBJECT (button), (gpointer *)&button);

  /* The call window greets her number by name and form of address. */
  g_action_group_activate_action (G_ACTION_GROUP (app->app), "take-call", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app->app)); l; l = l->next)
    if (ANJU_IS_CALL_WINDOW (l->data))
      call = l->data;
  g_assert_nonnull (call);
  g_object_add_weak_pointer (G_OBJECT (call), (gpointer *)&call);
  anju_ui_wait_until (call_idle, call, "the call screen");
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_row (GTK_WIDGET (call), "Mobile")), "13900001111");
  anju_ui_spin (800);
  anju_ui_wait_until (call_idle, call, "the number lookup");
  g_assert_nonnull (anju_ui_find_widget (GTK_WIDGET (call), is_row_containing, "孙丽 (孙女士)"));
  g_assert_null (anju_ui_find_widget (GTK_WIDGET (call), is_row_containing, "孙丽孙女士"));
  g_assert_null (anju_ui_find_widget (GTK_WIDGET (call), is_label_containing, "孙丽孙女士"));

  gtk_window_destroy (GTK_WINDOW (call));
  anju_ui_wait_until (anju_ui_pointer_cleared, &call, "the call window to be freed");
  anju_ui_app_close (app);
  fixture_clear (&fixture);
}

/* ---- /ui/defects12/zh-discount ------------------------------------------- */

/* Runs what follows in Chinese, from the build tree's catalogue. */
static void
speak (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ANJU_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
test_zh_discount (void)
{
  Fixture fixture = { 0 };
  AnjuUiApp *app;
  GtkWidget *view, *row;
  GtkSpinButton *spin;
  const char *said;

  prepare_database (&fixture);
  speak ("zh_CN");
  app = anju_ui_app_open_at (fixture.path, &now_usec);
  anju_ui_set_user (app->context, fixture.path, "lina");
  g_assert_true (anju_window_show_view (ANJU_WINDOW (app->window), "negotiation"));
  view = anju_window_get_view (ANJU_WINDOW (app->window), "negotiation");
  anju_ui_settle (app->context);
  row = anju_ui_find_widget (view, is_action_row_subtitled, "无需审批最低可至");
  g_assert_nonnull (row);
  said = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_cmpstr (said, ==, "原价 · 无需审批最低可至 99折");
  spin = GTK_SPIN_BUTTON (anju_ui_find_widget (row, anju_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON)));
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 100.0);
  gtk_spin_button_set_value (spin, 98.5);
  said = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_cmpstr (said, ==, "98.5折 · 无需审批最低可至 99折");
  g_assert_null (strstr (said, "‰"));
  g_assert_null (strstr (said, "100折"));

  anju_ui_app_close (app);
  speak ("C");
  fixture_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/ui/defects12/shared-deal", test_shared_deal);
  g_test_add_func ("/ui/defects12/absent-server", test_absent_server);
  g_test_add_func ("/ui/defects12/call-mobile-letters", test_call_mobile_letters);
  g_test_add_func ("/ui/defects12/names-days-once", test_names_days_once);
  /* Last: it changes the language. */
  g_test_add_func ("/ui/defects12/zh-discount", test_zh_discount);

  return g_test_run ();
}
