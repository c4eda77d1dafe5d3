/* test-customer-detail.c — the customer detail as each role finds it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the demo: another consultant's customer shows read-only (no field to
 * type in, no Save, no Show), the own customer is editable; finance never
 * gets a Show button; a manager edits and reveals anybody's. What the
 * page offers comes from core's anju_customer_may_edit() and
 * anju_customer_may_reveal(), the predicates the commands use.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "anju-command.h"
#include "anju-context.h"
#include "anju-customer-detail.h"
#include "anju-customers.h"
#include "anju-ident.h"
#include "anju-profile-editor.h"
#include "anju-ui-fixtures.h"

typedef struct
{
  const char *action;
  const char *target;
} ButtonFor;

static gboolean
is_button_with_target (GtkWidget     *widget,
                       gconstpointer  data)
{
  const ButtonFor *want = data;
  GVariant *target;

  if (!anju_ui_is_button_for (widget, want->action))
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
         g_strcmp0 (g_variant_get_string (target, NULL), want->target) == 0;
}

/* Visible as a person sees it: the widget and all its parents. */
static gboolean
shows (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_is_visible (widget);
}

typedef struct
{
  char                *dir;
  char                *path;
  AnjuStore           *store;
  AnjuContext         *context;
  GtkWidget           *window;
  AnjuCustomerDetail  *detail;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.anju.Anju");

  f->dir = g_dir_make_tmp ("anju-ui-detail-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "anju.db", NULL);
  f->context = anju_context_new (settings);
  anju_context_open_database_async (f->context, f->path, NULL, NULL, NULL);
  anju_ui_wait_until (anju_ui_context_ready, f->context, "the database");
  g_assert_null (anju_context_get_database_error (f->context));
  f->store = anju_store_open (f->path, &error);
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  f->detail = g_object_new (ANJU_TYPE_CUSTOMER_DETAIL, NULL);
  anju_customer_detail_set_context (f->detail, f->context);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->detail));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture *f)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (f->window));
  anju_ui_spin (50);
  g_clear_object (&f->store);
  g_clear_object (&f->context);
  anju_ui_spin (50);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Signs @username in and opens the customer whose mobile is @mobile. */
static char *
open_as (Fixture    *f,
         const char *username,
         const char *mobile)
{
  g_autoptr(AnjuUser) user = anju_user_lookup_by_name (f->store, username);
  char *customer_id = anju_customers_find_by_mobile (f->store, mobile);
  AnjuUiDetailWait shown = { f->detail, customer_id };

  g_assert_nonnull (user);
  g_assert_nonnull (customer_id);
  anju_customer_detail_clear (f->detail);
  anju_context_set_user (f->context, user);
  anju_customer_detail_load (f->detail, customer_id);
  anju_ui_wait_until (anju_ui_detail_shows, &shown, "the customer");
  return customer_id;
}

typedef struct
{
  gboolean edit;
  gboolean reveal;
} Offers;

static void
assert_offers (Fixture      *f,
               const Offers *want)
{
  GtkWidget *root = GTK_WIDGET (f->detail);
  GtkWidget *name = anju_ui_find_widget (root, anju_ui_is_row_titled, "Name");
  GtkWidget *title = anju_ui_find_widget (root, anju_ui_is_row_titled, "Form of address");
  GtkWidget *save = anju_ui_find_widget (root, anju_ui_is_button_for, "detail.save");
  GtkWidget *show_mobile = anju_ui_find_widget (root, is_button_with_target,
                                        &(ButtonFor) { "detail.reveal", "mobile" });
  GtkWidget *correct_mobile = anju_ui_find_widget (root, is_button_with_target,
                                           &(ButtonFor) { "detail.correct", "mobile" });
  GtkWidget *correct_id = anju_ui_find_widget (root, is_button_with_target,
                                       &(ButtonFor) { "detail.correct", "id_number" });
  GtkWidget *profile = anju_ui_find_widget (root, anju_ui_is_of_type, GSIZE_TO_POINTER (ANJU_TYPE_PROFILE_EDITOR));

  g_assert_nonnull (name);
  g_assert_nonnull (title);
  g_assert_cmpint (gtk_editable_get_editable (GTK_EDITABLE (name)), ==, want->edit);
  g_assert_cmpint (gtk_editable_get_editable (GTK_EDITABLE (title)), ==, want->edit);
  g_assert_cmpint (shows (save), ==, want->edit);
  g_assert_nonnull (profile);
  g_assert_cmpint (gtk_widget_is_sensitive (profile), ==, want->edit);
  g_assert_cmpint (shows (show_mobile), ==, want->reveal);
  g_assert_cmpint (shows (correct_mobile), ==, want->edit);
  g_assert_cmpint (shows (correct_id), ==, want->edit);
  /* Typing into a read-only record changes nothing: nothing to save. */
  gtk_editable_set_text (GTK_EDITABLE (title), "测试");
  g_assert_cmpint (gtk_widget_is_sensitive (save) && shows (save), ==, want->edit);
}

static void
test_detail_read_only (void)
{
  Fixture f = { 0 };
  g_autofree char *lina_customer = NULL;
  g_autofree char *wang_customer = NULL;
  static const Offers all = { TRUE, TRUE };
  static const Offers read_only = { FALSE, FALSE };

  fixture_set_up (&f);

  /* 李娜 opens 王磊's customer 吴昊: read-only, no Show. */
  wang_customer = open_as (&f, "lina", "13777313788");
  assert_offers (&f, &read_only);
  /* … and her own 周子涵: everything. */
  lina_customer = open_as (&f, "lina", "13796830958");
  assert_offers (&f, &all);

  /* Finance (陈静) reads, never reveals. */
  g_free (open_as (&f, "chenjing", "13796830958"));
  assert_offers (&f, &read_only);

  /* A manager edits and reveals anybody's customer. */
  g_free (open_as (&f, "zhangwei", "13777313788"));
  assert_offers (&f, &all);

  fixture_tear_down (&f);
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
dialog_shows (gpointer data)
{
  return find_message_dialog () != NULL;
}

typedef struct
{
  AnjuStore  *store;
  const char *customer_id;
  const char *mobile;
} MobileIs;

static gboolean
mobile_is (gpointer data)
{
  MobileIs *want = data;
  g_autofree char *mobile = anju_customer_dup_secret (want->store, want->customer_id, "mobile");

  return g_strcmp0 (mobile, want->mobile) == 0;
}

typedef struct
{
  GtkWidget  *row;
  const char *subtitle;
} RowSays;

static gboolean
row_says (gpointer data)
{
  RowSays *want = data;

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (want->row)), want->subtitle) == 0;
}

/* 更正: 李娜 corrects her customer's mobile through the dialog; the record
 * has the new number and the row shows it masked. */
static void
test_detail_correct (void)
{
  Fixture f = { 0 };
  g_autofree char *customer_id = NULL;
  g_autofree char *masked = anju_mobile_mask ("13000000001");
  GtkWidget *dialog, *entry, *row;
  MobileIs corrected;
  RowSays shown;

  fixture_set_up (&f);
  customer_id = open_as (&f, "lina", "13796830958");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.detail), "detail.correct", "s", "mobile"));
  anju_ui_wait_until (dialog_shows, NULL, "the correction dialog");
  dialog = find_message_dialog ();
  entry = anju_ui_find_widget (dialog, anju_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_ENTRY));
  g_assert_nonnull (entry);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "correct"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "130 0000 0001");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "correct"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "correct");

  corrected = (MobileIs) { f.store, customer_id, "13000000001" };
  anju_ui_wait_until (mobile_is, &corrected, "the corrected mobile in the record");
  row = anju_ui_find_widget (GTK_WIDGET (f.detail), anju_ui_is_row_titled, "Mobile");
  shown = (RowSays) { row, masked };
  anju_ui_wait_until (row_says, &shown, "the corrected mobile, masked, in the detail");
  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/ui/customer-detail/read-only", test_detail_read_only);
  g_test_add_func ("/ui/customer-detail/correct", test_detail_correct);

  return g_test_run ();
}
