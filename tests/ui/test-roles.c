/* test-roles.c — every demo role signs in and opens every view it may see
 *
 * For each person of data/demo/users.json: sign in, check that the main
 * menu offers Sign Out, open every view of the sidebar and check that no
 * list shows as a bare empty frame (an empty list says why it is empty),
 * then sign out through the main menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "anju-application.h"
#include "anju-board-view.h"
#include "anju-command.h"
#include "anju-demo.h"
#include "anju-office-view.h"
#include "anju-script-editor.h"
#include "anju-subscribe-window.h"
#include "anju-ui-fixtures.h"
#include "anju-unit-button.h"
#include "anju-ui-time.h"
#include "anju-view-access.h"
#include "anju-views.h"
#include "anju-window.h"

#define PASSWORD "anju-demo-1"

/* Text as a person reads it: without the mnemonic's underline. */
static char *
strip_underline (const char *text)
{
  GString *shown = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p; p++)
    if (*p != '_')
      g_string_append_c (shown, *p);
  return g_string_free (shown, FALSE);
}

/* A menu item (GtkModelButton, private to GTK) that says @text. */
static gboolean
is_menu_item (GtkWidget     *widget,
              gconstpointer  text)
{
  g_autofree char *label = NULL;
  g_autofree char *shown = NULL;

  if (!g_type_is_a (G_OBJECT_TYPE (widget), g_type_from_name ("GtkModelButton")))
    return FALSE;
  g_object_get (widget, "text", &label, NULL);
  shown = strip_underline (label);
  return g_strcmp0 (shown, text) == 0;
}

static gboolean
is_main_menu_button (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Main Menu") == 0;
}

static void
collect_widgets (GtkWidget *root,
                 gboolean (*match) (GtkWidget *widget, gconstpointer data),
                 gconstpointer data,
                 GPtrArray *found)
{
  if (match (root, data))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, match, data, found);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         *gtk_label_get_label (GTK_LABEL (widget)) != '\0';
}

/* A list box on screen with no row and nothing saying why: the bare
 * line of an empty boxed list. */
static gboolean
is_bare_empty_list (GtkWidget     *widget,
                    gconstpointer  data)
{
  if (!GTK_IS_LIST_BOX (widget) || !gtk_widget_is_drawable (widget))
    return FALSE;
  if (gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0) != NULL)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_visible (child) &&
        anju_ui_find_widget (child, is_label_with_text, NULL) != NULL)
      return FALSE;
  return TRUE;
}

/* Pops up @button's menu and returns its item that says @text and
 * shows, or NULL. */
static GtkWidget *
find_menu_item (GtkWidget  *button,
                const char *text)
{
  GtkWidget *popover;
  GtkWidget *item;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  item = anju_ui_find_widget (popover, is_menu_item, text);
  return item != NULL && gtk_widget_get_visible (item) ? item : NULL;
}

/* Checks that every main menu of @window (the sign-in page's and the
 * main page's: F10 opens either) offers Sign Out exactly when someone is
 * signed in; returns the main page's. */
static GtkWidget *
check_main_menus (AnjuWindow *window,
                  gboolean    signed_in)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *sign_in_box = gtk_widget_get_parent (anju_window_get_sign_in_page (window));
  GtkWidget *shown = NULL;

  collect_widgets (GTK_WIDGET (window), is_main_menu_button, NULL, buttons);
  g_assert_cmpuint (buttons->len, >=, 1);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GtkWidget *item = find_menu_item (button, "Sign Out");

      if (signed_in)
        {
          g_assert_nonnull (item);
          g_assert_true (gtk_widget_is_sensitive (item));
        }
      else
        g_assert_null (item);
      gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
      if (!gtk_widget_is_ancestor (button, sign_in_box))
        shown = button;
    }
  return shown;
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
  const char *subtitle;
} RowWait;

static gboolean
row_says (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *row = anju_ui_find_widget (wait->root, anju_ui_is_row_titled, wait->title);

  return row != NULL && ADW_IS_ACTION_ROW (row) &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), wait->subtitle) == 0;
}

static gboolean
is_menu_button_labelled (GtkWidget     *widget,
                         gconstpointer  label)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0;
}

/* The walk-in screen asks consultants to mark themselves on duty: the
 * reception view offers it to the one signed in, who joins the day's
 * rotation (the demo sets none) and may step away again. */
static void
come_on_duty (AnjuWindow *window)
{
  GtkWidget *view = anju_window_get_view (window, "reception");
  const AnjuUser *user = anju_context_get_user (anju_window_get_context (window));
  RowWait off = { view, "You", "Not on today’s rotation" };
  RowWait on = { view, "You", "On duty" };
  RowWait listed = { view, user->display_name, NULL };
  GtkWidget *button;

  g_assert_true (anju_window_show_view (window, "reception"));
  anju_ui_wait_until (row_says, &off, "the duty row");
  button = anju_ui_find_widget (view, anju_ui_is_button_labelled, "Come _On Duty");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  anju_ui_wait_until (row_says, &on, "being on duty");
  g_assert_null (anju_ui_find_widget (view, anju_ui_is_button_labelled, "Come _On Duty"));
  g_assert_nonnull (anju_ui_find_widget (view, is_menu_button_labelled, "Step _Away"));
  /* On the rotation itself, free for the next walk-in. */
  listed.subtitle = "Free · 0 walk-ins";
  anju_ui_wait_until (row_says, &listed, "the rotation row");
}

static gboolean
is_shown_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return anju_ui_is_row_titled (widget, title) && gtk_widget_is_drawable (widget);
}

/* 设置 › 接待话术, where the standard introduction tells people to write
 * theirs: there for whoever core lets set the texts (script.set), and it
 * opens the editor. */
static void
check_reception_texts (AnjuWindow *window,
                       AnjuRole    role)
{
  GtkWidget *settings = anju_window_get_view (window, "settings");
  gboolean may = (anju_commands_lookup ("script.set")->roles & role) != 0;
  GtkWidget *row;

  g_assert_true (anju_window_show_view (window, "settings"));
  anju_ui_settle (anju_window_get_context (window));
  row = anju_ui_find_widget (settings, is_shown_row_titled, "Introduction");
  if (!may)
    {
      g_assert_null (row);
      return;
    }
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==,
                   "settings.edit-script");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (
                     GTK_ACTIONABLE (row)), NULL), ==, "introduction");
  g_assert_true (gtk_widget_activate_action_variant (
    row, "settings.edit-script", gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row))));
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l; l = l->next)
      if (ANJU_IS_SCRIPT_EDITOR (l->data))
        {
          gtk_window_destroy (l->data);
          return;
        }
  }
  g_error ("Settings › Reception Texts › Introduction opened no editor");
}

/* ---- 认购 ------------------------------------------------------------------ */

static AnjuUiApprovedQuote approved;

static gboolean
is_subscribe_window (gpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ANJU_IS_SUBSCRIBE_WINDOW (l->data))
      *(gpointer *) data = l->data;
  g_list_free (toplevels);
  return *(gpointer *) data != NULL;
}

static gboolean
subscribed (gpointer data)
{
  return anju_subscribe_window_get_subscription_id (data) != NULL;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = NULL;
  GString *packed = g_string_new (NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                               NULL, NULL, NULL));
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (packed, *p);
  return g_string_free (packed, FALSE);
}

/* From the approved quote in the negotiation view: the subscription
 * window shows the plan, subscribes, and prints every paper; the
 * subscription form holds the buyer's unit and the approved price. */
static void
subscribe_approved_quote (AnjuWindow *window)
{
  GtkWidget *view = anju_window_get_view (window, "negotiation");
  AnjuContext *context = anju_window_get_context (window);
  g_autofree char *dir = g_dir_make_tmp ("anju-papers-XXXXXX", NULL);
  g_autofree char *form = g_build_filename (dir, "商品房认购书.pdf", NULL);
  g_autofree char *plan = g_build_filename (dir, "置业计划表.pdf", NULL);
  g_autofree char *text = NULL;
  AnjuSubscribeWindow *sub = NULL;
  GtkWidget *button;

  g_assert_true (anju_window_show_view (window, "negotiation"));
  anju_ui_settle (context);
  button = anju_ui_find_widget (view, anju_ui_is_button_labelled, "_Subscribe…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  anju_ui_wait_until (is_subscribe_window, &sub, "the subscription window");
  anju_ui_settle (context);
  /* the plan is there before anything is typed: a commercial loan */
  g_assert_nonnull (anju_ui_find_widget (GTK_WIDGET (sub), anju_ui_is_row_titled, "Monthly payment (first month)"));
  g_signal_emit_by_name (anju_ui_find_widget (GTK_WIDGET (sub), anju_ui_is_button_labelled, "_Subscribe"), "clicked");
  anju_ui_wait_until (subscribed, sub, "the subscription");
  anju_ui_settle (context);

  g_setenv ("ANJU_PRINT_TO", dir, TRUE);
  for (GtkWidget *print; (print = anju_ui_find_widget (GTK_WIDGET (sub), anju_ui_is_button_labelled, "_Print")) != NULL;)
    {
      g_signal_emit_by_name (print, "clicked");
      anju_ui_settle (context);
      gtk_widget_set_visible (print, FALSE);
    }
  g_unsetenv ("ANJU_PRINT_TO");
  text = pdf_text (form);
  g_assert_nonnull (strstr (text, "2幢-1502"));
  g_assert_nonnull (strstr (text, "人民币伍万元整"));
  g_assert_nonnull (strstr (text, "商品房认购书"));
  g_free (text);
  text = pdf_text (plan);
  g_assert_nonnull (strstr (text, "置业计划表"));
  g_assert_nonnull (strstr (text, "月供"));
  gtk_window_destroy (GTK_WINDOW (sub));
  g_unlink (form);
  g_unlink (plan);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

/* ---- 财务 ------------------------------------------------------------------ */

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  name)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_has_css_class (widget, name);
}

static gboolean
is_row_title_prefixed (GtkWidget     *widget,
                       gconstpointer  prefix)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), prefix);
}

typedef struct
{
  GtkWidget  *root;
  const char *prefix;
} PrefixWait;

static gboolean
row_appears (gpointer data)
{
  PrefixWait *wait = data;

  return anju_ui_find_widget (wait->root, is_row_title_prefixed, wait->prefix) != NULL;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Finance sees the demo's expected payments amber and red, records one
 * (a receipt is issued with the next number) and prints it: the paper,
 * drawn by the print helper, holds its number and the amount in capitals. */
static void
check_finance (AnjuWindow *window)
{
  GtkWidget *view = anju_window_get_view (window, "finance");
  g_autofree char *dir = g_dir_make_tmp ("anju-print-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "收据.pdf", NULL);
  g_autofree char *text = NULL;
  PrefixWait issued = { view, "No. 0000007 · " };
  GtkWidget *record, *receipt, *print;
  GList *toplevels;
  AdwMessageDialog *dialog = NULL;
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };

  g_assert_true (anju_window_show_view (window, "finance"));
  anju_ui_settle (anju_window_get_context (window));
  g_assert_nonnull (anju_ui_find_widget (view, has_css_class, "task-overdue"));
  g_assert_nonnull (anju_ui_find_widget (view, has_css_class, "task-due-soon"));
  g_assert_null (anju_ui_find_widget (view, is_row_title_prefixed, "No. 0000007 · "));

  /* the deposit of the deal 李娜 just subscribed, due today */
  record = anju_ui_find_widget (anju_ui_find_widget (view, is_row_title_prefixed, "2幢-1502 · "), anju_ui_is_button_labelled,
                        "_Record Payment");
  g_assert_nonnull (record);
  g_assert_true (gtk_widget_is_sensitive (record));
  g_signal_emit_by_name (record, "clicked");
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        !adw_message_dialog_has_response (l->data, "withdraw"))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "ok");
  anju_ui_wait_until (row_appears, &issued, "receipt No. 0000007");

  g_setenv ("ANJU_PRINT_TO", dir, TRUE);
  receipt = anju_ui_find_widget (view, is_row_title_prefixed, "No. 0000007 · ");
  print = anju_ui_find_widget (receipt, anju_ui_is_button_labelled, "_Print");
  g_assert_nonnull (print);
  g_signal_emit_by_name (print, "clicked");
  anju_ui_wait_until (file_exists, pdf, "the printed receipt");
  anju_ui_settle (anju_window_get_context (window));
  g_unsetenv ("ANJU_PRINT_TO");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                               NULL, NULL, NULL));
  g_assert_nonnull (strstr (text, "0000007"));
  g_assert_nonnull (strstr (text, "人民币"));
  g_assert_null (strstr (text, "副本"));     /* the first print is no copy */
  g_unlink (pdf);
  g_rmdir (dir);
}

/* ---- 退定 ------------------------------------------------------------------ */

static gint64 clock_offset;

static gint64
offset_clock (gpointer user_data)
{
  return g_get_real_time () + clock_offset;
}

static gboolean
is_unit_button (GtkWidget     *widget,
                gconstpointer  label)
{
  return ANJU_IS_UNIT_BUTTON (widget) &&
         g_strcmp0 (anju_unit_button_get_unit_label (ANJU_UNIT_BUTTON (widget)), label) == 0;
}

static gboolean
is_subscription_row (GtkWidget     *widget,
                     gconstpointer  prefix)
{
  return is_row_title_prefixed (widget, prefix) &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), "cooling-off: ") != NULL;
}

typedef struct
{
  GtkWidget  *board;
  AnjuUnitStatus status;
} BoardWait;

static gboolean
unit_shows (gpointer data)
{
  BoardWait *wait = data;
  GtkWidget *button = anju_ui_find_widget (wait->board, is_unit_button, "2幢-1502");

  return button != NULL && anju_unit_button_get_status (ANJU_UNIT_BUTTON (button)) == wait->status;
}

/* 71 hours later (an injected clock), still inside the 72-hour
 * cooling-off, 李娜 withdraws the subscription: the deposit comes back and
 * the board shows 2幢-1502 available again. */
static void
withdraw_in_cooling_off (AnjuWindow *window)
{
  AnjuContext *context = anju_window_get_context (window);
  GtkWidget *view = anju_window_get_view (window, "negotiation");
  BoardWait subscribed = { anju_window_get_view (window, "board"), ANJU_UNIT_SUBSCRIBED };
  BoardWait available = { subscribed.board, ANJU_UNIT_AVAILABLE };
  AdwMessageDialog *dialog = NULL;
  GtkWidget *row, *button;
  GList *toplevels;

  g_assert_true (anju_window_show_view (window, "board"));
  anju_board_view_show_building (ANJU_BOARD_VIEW (subscribed.board), approved.building_id);
  anju_ui_wait_until (unit_shows, &subscribed, "2幢-1502 subscribed on the board");

  clock_offset = 71 * G_TIME_SPAN_HOUR;
  anju_context_set_clock (context, offset_clock, NULL);
  g_assert_true (anju_window_show_view (window, "negotiation"));
  anju_ui_settle (context);
  /* the subscription's row (its quote's is titled alike): an hour left */
  row = anju_ui_find_widget (view, is_subscription_row, "2幢-1502 · ");
  g_assert_nonnull (row);
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "ended"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "left"));
  button = anju_ui_find_widget (row, anju_ui_is_button_labelled, "_Withdraw…");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        adw_message_dialog_has_response (l->data, "withdraw"))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_widget (GTK_WIDGET (dialog), anju_ui_is_row_titled, "Reason")),
                         "家人不同意，三天内无理由退定");
  adw_message_dialog_response (dialog, "withdraw");
  anju_ui_settle (context);

  g_assert_true (anju_window_show_view (window, "board"));
  anju_ui_wait_until (unit_shows, &available, "2幢-1502 available again on the board");
  anju_context_set_clock (context, NULL, NULL);
  anju_ui_approved_quote_clear (&approved);
}

/* ---- 管理 ------------------------------------------------------------------ */

static gboolean
is_dialog_with_heading (gpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();
  const char *heading = ((gpointer *) data)[0];

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      ((gpointer *) data)[1] = l->data;
  g_list_free (toplevels);
  return ((gpointer *) data)[1] != NULL;
}

static AdwMessageDialog *
wait_for_dialog (const char *heading)
{
  gpointer found[2] = { (gpointer) heading, NULL };

  anju_ui_wait_until (is_dialog_with_heading, found, heading);
  return found[1];
}

static gboolean
row_subtitle_has (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *row = anju_ui_find_widget (wait->root, anju_ui_is_row_titled, wait->title);
  const char *subtitle = NULL;

  if (row != NULL && ADW_IS_EXPANDER_ROW (row))
    subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  else if (row != NULL && ADW_IS_ACTION_ROW (row))
    subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  return subtitle != NULL && strstr (subtitle, wait->subtitle) != NULL;
}

/* 管理: what the office holds, and for the administrator a new project
 * and a price list refused whole, then imported. */
static void
check_office (AnjuWindow *window,
              AnjuRole    role)
{
  AnjuContext *context = anju_window_get_context (window);
  GtkWidget *view = anju_window_get_view (window, "office");
  RowWait project = { view, "万科·安居苑", "224 units" };
  RowWait step = { view, "1. Agency deputy manager", "Manager · 3 people in this office" };
  RowWait second = { view, "万科·安居苑二期", "no price list yet" };
  RowWait imported = { view, "万科·安居苑", "price list version 2 of " };
  g_autofree char *dir = NULL, *bad = NULL, *good = NULL, *example = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  g_assert_true (anju_window_show_view (window, "office"));
  anju_ui_wait_until (row_subtitle_has, &project, "the project row");
  anju_ui_wait_until (row_subtitle_has, &step, "the chain's first step");
  g_assert_null (anju_ui_find_widget (view, anju_ui_is_row_titled, "This office cannot complete the chain"));
  g_assert_nonnull (anju_ui_find_widget (view, anju_ui_is_row_titled, "黄敏"));
  g_assert_nonnull (anju_ui_find_widget (view, anju_ui_is_button_labelled, "Add _Building…"));
  g_assert_nonnull (anju_ui_find_widget (view, anju_ui_is_button_labelled, "_Import Price List…"));
  if (role != ANJU_ROLE_ADMIN)
    {
      /* a manager keeps the board, and adds no project and no person */
      g_assert_null (anju_ui_find_widget (view, anju_ui_is_button_labelled, "_New Project…"));
      g_assert_null (anju_ui_find_widget (view, anju_ui_is_button_labelled, "_Add Person…"));
      return;
    }

  g_assert_true (gtk_widget_activate_action (view, "office.new-project", NULL));
  dialog = wait_for_dialog ("New Project");
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_widget (GTK_WIDGET (dialog), anju_ui_is_row_titled, "Project name")),
                         "万科·安居苑二期");
  gtk_editable_set_text (GTK_EDITABLE (anju_ui_find_widget (GTK_WIDGET (dialog), anju_ui_is_row_titled, "City")), "杭州");
  /* a click on the button would also close it */
  adw_message_dialog_response (dialog, "ok");
  gtk_window_destroy (GTK_WINDOW (dialog));
  anju_ui_wait_until (row_subtitle_has, &second, "the new project");

  /* a file with a bad line is refused whole, every problem listed */
  row = anju_ui_find_widget (view, anju_ui_is_row_titled, "万科·安居苑");
  dir = g_dir_make_tmp ("anju-prices-XXXXXX", NULL);
  bad = g_build_filename (dir, "bad.csv", NULL);
  g_assert_true (g_file_set_contents (bad,
    "building,number,floor,layout,gross_area_m2,inner_area_m2,list_price_yuan\n"
    "1幢,101,1,2室2厅1卫,89.00,70.30,1e5\n"
    "9幢,101,1,2室2厅1卫,89.00,70.30,2500000.00\n", -1, NULL));
  anju_office_view_import_price_list (ANJU_OFFICE_VIEW (view), gtk_widget_get_name (row), bad);
  dialog = wait_for_dialog ("bad.csv Was Not Imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "list_price_yuan"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "9幢"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  anju_ui_settle (context);
  g_assert_nonnull (anju_ui_find_widget (view, anju_ui_is_row_titled, "万科·安居苑"));
  g_assert_true (row_subtitle_has (&project));
  g_assert_null (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "version 2"));

  /* the example price list of 1幢 is the project's version 2 */
  example = g_build_filename (g_getenv ("ANJU_DATA_DIR"), "price-lists", "example.csv", NULL);
  anju_office_view_import_price_list (ANJU_OFFICE_VIEW (view), gtk_widget_get_name (row), example);
  anju_ui_wait_until (row_subtitle_has, &imported, "price list version 2");
  g_unlink (bad);
  g_rmdir (dir);
}

/* ---- the test ---------------------------------------------------------- */

static const struct
{
  const char *username;
  AnjuRole    role;
} people[] = {
  { "admin", ANJU_ROLE_ADMIN },
  { "zhangwei", ANJU_ROLE_MANAGER },
  { "lina", ANJU_ROLE_CONSULTANT },
  { "chenjing", ANJU_ROLE_FINANCE },
};

static void
test_every_role_every_view (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("anju-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "anju.db", NULL);
  AnjuUiApp *ui;
  AnjuContext *context;
  AnjuWindow *window;
  const AnjuViewInfo *views;
  guint n_views;

  g_assert_no_error (error);
  store = anju_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (anju_demo_load (store, &error));
  g_assert_no_error (error);
  anju_ui_add_approved_quote (store, &approved);
  g_clear_object (&store);

  ui = anju_ui_app_open (path, NULL);
  context = ui->context;
  window = ANJU_WINDOW (ui->window);

  check_main_menus (window, FALSE);
  views = anju_views_get (&n_views);
  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    {
      GtkWidget *sign_out, *button;

      g_test_message ("Signing in as %s", people[p].username);
      anju_ui_sign_in (window, people[p].username, PASSWORD);
      g_assert_cmpint (anju_context_get_user (context)->role, ==, people[p].role);

      for (guint v = 0; v < n_views; v++)
        {
          GtkWidget *bare;

          if (!anju_view_visible_to (views[v].name, anju_context_get_user (context)))
            {
              g_assert_false (anju_window_show_view (window, views[v].name));
              continue;
            }
          g_assert_true (anju_window_show_view (window, views[v].name));
          anju_ui_settle (context);
          bare = anju_ui_find_widget (GTK_WIDGET (window), is_bare_empty_list, NULL);
          if (bare != NULL)
            g_error ("%s, view %s: an empty list (%s) says nothing", people[p].username,
                     views[v].name, gtk_widget_get_name (bare));
        }

      if (people[p].role == ANJU_ROLE_CONSULTANT)
        {
          come_on_duty (window);
          subscribe_approved_quote (window);
        }
      if (people[p].role == ANJU_ROLE_FINANCE)
        check_finance (window);
      check_reception_texts (window, people[p].role);
      if (anju_view_visible_to ("office", anju_context_get_user (context)))
        check_office (window, people[p].role);

      /* Sign Out is in the main menu, and works from there. */
      button = check_main_menus (window, TRUE);
      g_assert_nonnull (button);
      sign_out = find_menu_item (button, "Sign Out");
      g_signal_emit_by_name (sign_out, "clicked");
      gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
      g_assert_null (anju_context_get_user (context));
      check_main_menus (window, FALSE);
    }

  anju_ui_sign_in (window, "lina", PASSWORD);
  withdraw_in_cooling_off (window);

  anju_ui_app_close (ui);
  anju_ui_remove_database (dir, path);
}

/* The day in the headings of 今日 and 接待: "Friday 4/12" was 4 December
 * to some readers and 12 April to others. */
static void
test_day_heading (void)
{
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 12, 4, 2, 0, 0);
  gint64 friday = g_date_time_to_unix (at) * G_USEC_PER_SEC;
  g_autofree char *day = anju_ui_time_day (friday);

  g_assert_cmpstr (anju_ui_time_weekday (friday), ==, "Friday");
  g_assert_cmpstr (day, ==, "2026-12-04");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/ui/roles/every-view", test_every_role_every_view);
  g_test_add_func ("/ui/text/day-heading", test_day_heading);

  return g_test_run ();
}
