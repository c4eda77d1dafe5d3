/* shoot-sale.c — the subscription and finance screenshots of data/screenshots/
 *
 * Not a test: loads the demo, has 张伟 approve a quote ¥10,000 below the
 * range for one of 李娜's customers on 2幢-1502, then saves the 财务 view
 * as 陈静, the subscription window as 李娜 before and after
 * subscribing, and 管理 (office.png) as the administrator. Run from the build tree, under Xvfb, in Chinese:
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
#include "anju-ui-fixtures.h"
#include "anju-window.h"

static void
prepare (const char          *path,
         AnjuUiApprovedQuote *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);

  if (store == NULL || !anju_demo_load (store, &error))
    g_error ("%s", error->message);
  anju_ui_add_approved_quote (store, out);
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
  AnjuUiApp *ui;
  g_autoptr(GError) error = NULL;
  const char *out = argc > 1 ? argv[1] : ".";
  AnjuUiApprovedQuote quote = { 0 };
  AnjuContext *context;
  GtkWindow *window;
  GtkWidget *sub;

  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  path = anju_ui_shoot_begin (&dir);
  prepare (path, &quote);

  ui = anju_ui_app_open (path, &(AnjuUiAppOptions) { .width = 1210, .height = 770, .unmaximize = TRUE, .light = TRUE });
  context = ui->context;
  window = ui->window;

  anju_ui_set_user (context, path, "lina");
  anju_ui_spin (1000);
  sub = anju_subscribe_window_new (context, GTK_WIDGET (window), quote.quote_id, "2幢-1502",
                                   quote.customer_name, quote.price);
  gtk_window_set_default_size (GTK_WINDOW (sub), 700, 900);
  gtk_window_present (GTK_WINDOW (sub));
  anju_ui_spin (2000);
  anju_ui_save_png (sub, out, "subscribe-plan.png");
  g_signal_emit_by_name (find_button (sub, _("_Subscribe")), "clicked");
  anju_ui_spin (2500);
  anju_ui_save_png (sub, out, "subscribe-papers.png");
  gtk_window_destroy (GTK_WINDOW (sub));

  anju_ui_set_user (context, path, "chenjing");
  anju_ui_spin (1000);
  anju_window_show_view (ANJU_WINDOW (window), "finance");
  anju_ui_spin (2000);
  anju_ui_save_png (GTK_WIDGET (window), out, "finance.png");

  anju_ui_set_user (context, path, "admin");
  anju_ui_spin (1000);
  anju_window_show_view (ANJU_WINDOW (window), "office");
  anju_ui_spin (2000);
  anju_ui_save_png (GTK_WIDGET (window), out, "office.png");

  anju_ui_app_close (ui);
  anju_ui_approved_quote_clear (&quote);
  return 0;
}
