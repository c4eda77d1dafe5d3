/* shoot-desk.c — the desk's screenshots of data/screenshots/
 *
 * Not a test: loads the demo; 李娜 holds 2幢-1502 with a quote 张伟
 * approved, holds 1幢-1203 for 周子涵 and asks for a discount beyond the
 * range on it (waiting for 张伟). Then saves, as 李娜, the customers list
 * (customers.png), 王磊's customer 吴昊 as she may see but not change it
 * (customer-detail.png), 1幢 on the board (board.png) and 议价 on 1幢-1203
 * at 98.5折 (negotiation.png); as 张伟, the approvals waiting for him
 * (approvals.png). Run from the build tree, under Xvfb, in Chinese:
 *
 *   ninja -C BUILD tests/ui/shoot-desk
 *   LANGUAGE=zh_CN LANG=C.UTF-8 GSETTINGS_BACKEND=memory \
 *     GSETTINGS_SCHEMA_DIR=BUILD/data ANJU_DATA_DIR=data GSK_RENDERER=cairo \
 *     xvfb-run -a BUILD/tests/ui/shoot-desk data/screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "anju-application.h"
#include "anju-board-view.h"
#include "anju-command.h"
#include "anju-customers-view.h"
#include "anju-demo.h"
#include "anju-negotiation-view.h"
#include "anju-ui-fixtures.h"
#include "anju-window.h"

typedef struct
{
  char *unit_id;        /* 1幢-1203, negotiated */
  char *customer_id;    /* 周子涵 */
  char *other_customer; /* 吴昊, 王磊's */
  char *building_id;    /* 1幢 */
} Desk;

static void
desk_clear (Desk *desk)
{
  g_free (desk->unit_id);
  g_free (desk->customer_id);
  g_free (desk->other_customer);
  g_free (desk->building_id);
}

/* 李娜 asks ¥60,000 off 1幢-1203 for 周子涵: beyond the range, waiting for
 * the manager. */
static void
ask_for_discount (AnjuStore *store,
                  Desk      *desk)
{
  g_autofree char *hold = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"%s\"}",
                                           desk->unit_id, desk->customer_id);
  g_autoptr(JsonObject) held = anju_ui_run_as (store, "lina", "unit.hold", hold);
  g_autoptr(JsonObject) open = anju_ui_run_as (store, "lina", "quote.create", hold);
  AnjuFen price = json_object_get_int_member (open, "price") - 6000000;
  g_autofree char *asked = g_strdup_printf ("{\"unit_id\": \"%s\", \"customer_id\": \"%s\", \"asked_price\": %lld, "
                                            "\"checklist\": {\"decision_holder\": true, \"signing_date_agreed\": true, "
                                            "\"down_payment_affordable\": true, \"credit_checked\": true}}",
                                            desk->unit_id, desk->customer_id, (long long) price);
  g_autoptr(JsonObject) quote = anju_ui_run_as (store, "lina", "quote.create", asked);
  g_autofree char *request = g_strdup_printf ("{\"quote_id\": \"%s\", \"asked_price\": %lld, "
                                              "\"reason\": \"客户一次性付款，今天可签约\"}",
                                              json_object_get_string_member (quote, "quote_id"), (long long) price);
  g_autoptr(JsonObject) approval = anju_ui_run_as (store, "lina", "discount.request", request);
}

static void
prepare (const char *path,
         Desk       *desk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);
  AnjuUiApprovedQuote quote = { 0 };

  if (store == NULL || !anju_demo_load (store, &error))
    g_error ("%s", error->message);
  anju_ui_add_approved_quote (store, &quote);
  desk->building_id = anju_ui_query_text (store, "SELECT id FROM buildings WHERE name = '1幢'");
  desk->unit_id = anju_ui_query_text (store, "SELECT u.id FROM units u JOIN buildings b ON b.id = u.building_id "
                                             "WHERE b.name = '1幢' AND u.number = '1203'");
  desk->customer_id = anju_ui_query_text (store, "SELECT id FROM customers WHERE name = '周子涵'");
  desk->other_customer = anju_ui_query_text (store, "SELECT id FROM customers WHERE name = '吴昊'");
  ask_for_discount (store, desk);
  anju_ui_approved_quote_clear (&quote);
}

static gboolean
is_spin_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL, *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *out = argc > 1 ? argv[1] : ".";
  Desk desk = { 0 };
  AnjuUiApp *ui;
  AnjuWindow *window;
  GtkWidget *customers, *board, *negotiation, *spin;

  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  path = anju_ui_shoot_begin (&dir);
  prepare (path, &desk);

  ui = anju_ui_app_open (path, &(AnjuUiAppOptions) { .width = 1210, .height = 770, .unmaximize = TRUE, .light = TRUE });
  window = ANJU_WINDOW (ui->window);

  anju_ui_set_user (ui->context, path, "lina");
  anju_ui_spin (1000);
  anju_window_show_view (window, "customers");
  anju_ui_spin (2000);
  anju_ui_save_png (GTK_WIDGET (window), out, "customers.png");

  customers = anju_window_get_view (window, "customers");
  anju_customers_view_open_customer (ANJU_CUSTOMERS_VIEW (customers), desk.other_customer);
  anju_ui_spin (2000);
  anju_ui_save_png (GTK_WIDGET (window), out, "customer-detail.png");
  anju_customers_view_go_back (ANJU_CUSTOMERS_VIEW (customers));

  anju_window_show_view (window, "board");
  board = anju_window_get_view (window, "board");
  anju_board_view_show_building (ANJU_BOARD_VIEW (board), desk.building_id);
  anju_ui_spin (2000);
  anju_ui_save_png (GTK_WIDGET (window), out, "board.png");

  anju_window_show_view (window, "negotiation");
  negotiation = anju_window_get_view (window, "negotiation");
  anju_negotiation_view_set_unit (ANJU_NEGOTIATION_VIEW (negotiation), desk.unit_id);
  anju_negotiation_view_set_customer (ANJU_NEGOTIATION_VIEW (negotiation), desk.customer_id, "周子涵");
  anju_ui_spin (1500);
  spin = anju_ui_find_widget (negotiation, is_spin_button, NULL);
  if (spin == NULL)
    g_error ("No discretion in 议价");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 98.5);
  anju_ui_spin (1000);
  anju_ui_save_png (GTK_WIDGET (window), out, "negotiation.png");

  anju_ui_set_user (ui->context, path, "zhangwei");
  anju_ui_spin (1000);
  anju_window_show_view (window, "approvals");
  anju_ui_spin (2000);
  anju_ui_save_png (GTK_WIDGET (window), out, "approvals.png");

  anju_ui_app_close (ui);
  anju_ui_remove_database (dir, path);
  desk_clear (&desk);
  return 0;
}
