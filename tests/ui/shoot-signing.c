/* shoot-signing.c — the 签约 and 按揭 screenshots of data/screenshots/
 *
 * Not a test: loads the demo with the clock on Thursday 2026-11-26 and
 * plays the signings a month would bring: 王磊 signs 孙浩然's 2幢-803 on
 * 11-20 (its filing forgotten), and 朱俊杰's 2幢-1602 on 12-01; 李娜 signs
 * 黄磊's 2幢-1203 and files it; 孙浩然's loan is submitted and approved,
 * 朱俊杰's is collecting documents. 李娜's 徐明 (3幢-901) is half-way:
 * two of the contract's documents there, a special discount waiting for
 * approval, the signing moved to 12-28. Then, as 张伟 on Thursday
 * 2026-12-24, saves the signing view with 徐明's deal selected and the
 * mortgage pipeline. Run from the build tree, under Xvfb, in Chinese:
 *
 *   ninja -C BUILD tests/ui/shoot-signing
 *   LANGUAGE=zh_CN LANG=C.UTF-8 GSETTINGS_BACKEND=memory \
 *     GSETTINGS_SCHEMA_DIR=BUILD/data ANJU_DATA_DIR=data GSK_RENDERER=cairo \
 *     xvfb-run -a BUILD/tests/ui/shoot-signing data/screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "anju-application.h"
#include "anju-command.h"
#include "anju-demo.h"
#include "anju-signing-view.h"
#include "anju-ui-fixtures.h"
#include "anju-window.h"

static gint64 now_usec;

#define RUN(...) json_object_unref (anju_ui_run (__VA_ARGS__))

static char *
subscription_of (AnjuStore  *store,
                 const char *customer)
{
  g_autofree char *sql = g_strdup_printf ("SELECT s.id FROM subscriptions s JOIN customers c ON c.id = s.customer_id "
                                          "WHERE c.name = '%s' AND s.status = 'active'", customer);
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, NULL);
  char *id = NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (id == NULL)
    g_error ("No deal of %s", customer);
  return id;
}

/* The data check with one address for everyone, and the contract's papers. */
static void
ready_to_sign (AnjuStore      *store,
               const AnjuUser *who,
               const char     *subscription_id,
               const char     *people,
               const char     *terms)
{
  RUN (store, who, "signing.confirm_data", "{\"subscription_id\": \"%s\", \"people\": [%s], %s}",
       subscription_id, people, terms);
  RUN (store, who, "signing.check_documents", "{\"subscription_id\": \"%s\", \"checklist\": \"contract\", "
       "\"items\": [\"id_card\", \"subscription_form\", \"deposit_receipt\"]}", subscription_id);
}

static const char *
mortgage_papers (void)
{
  return "[\"id_card\", \"spouse_id_card\", \"household_pages\", \"marriage_proof\", \"income_proof\", "
         "\"bank_statement\", \"down_payment_receipt\", \"repayment_passbook\"]";
}

static char *
prepare (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = anju_store_open (path, &error);
  g_autoptr(AnjuUser) lina = NULL, wanglei = NULL;
  g_autoptr(JsonObject) mortgage = NULL, mortgage2 = NULL;
  g_autofree char *sun = NULL, *zhu = NULL, *huang = NULL, *xu = NULL;
  g_autofree char *sun_id_number = NULL, *zhu_id_number = NULL, *huang_id_number = NULL;

  now_usec = anju_ui_parse_time ("2026-11-26T02:00:00Z");
  anju_store_set_clock (store, anju_ui_fixed_clock, &now_usec);
  if (store == NULL || !anju_demo_load (store, &error))
    g_error ("%s", error->message);
  lina = anju_user_lookup_by_name (store, "lina");
  wanglei = anju_user_lookup_by_name (store, "wanglei");
  sun = subscription_of (store, "孙浩然");
  zhu = subscription_of (store, "朱俊杰");
  huang = subscription_of (store, "黄磊");
  xu = subscription_of (store, "徐明");

#define ID_OF(var, customer) \
  G_STMT_START { \
    sqlite3_stmt *_s = anju_store_prepare (store, "SELECT id_number FROM subscription_buyers b JOIN subscriptions s " \
                                                  "ON s.id = b.subscription_id WHERE s.id = ? AND b.position = 0", NULL); \
    sqlite3_bind_text (_s, 1, (customer), -1, SQLITE_TRANSIENT); \
    if (sqlite3_step (_s) == SQLITE_ROW && sqlite3_column_text (_s, 0)) \
      var = g_strdup ((const char *)sqlite3_column_text (_s, 0)); \
    sqlite3_reset (_s); \
  } G_STMT_END
  ID_OF (sun_id_number, sun);
  ID_OF (zhu_id_number, zhu);
  ID_OF (huang_id_number, huang);

  /* 11-26: 孙浩然 signed (as on 11-20: its filing is late), then his loan */
  {
    g_autofree char *people = g_strdup_printf ("{\"role\": \"buyer\", \"name\": \"孙浩然\", \"id_number\": \"%s\", "
                                               "\"address\": \"杭州市拱墅区湖墅南路186号\"}", sun_id_number);

    now_usec = anju_ui_parse_time ("2026-11-20T02:00:00Z");
    ready_to_sign (store, wanglei, sun, people,
                   "\"payment_method\": \"commercial\", \"down_payment\": 90000000, \"loan_bank\": \"中国建设银行\"");
    RUN (store, wanglei, "signing.sign", "{\"subscription_id\": \"%s\", \"contract_number\": \"HZ-2026-0803\"}", sun);
    mortgage = anju_ui_run (store, wanglei, "mortgage.open", "{\"subscription_id\": \"%s\", \"bank\": \"中国建设银行\", "
                    "\"bank_manager\": \"赵敏\", \"bank_manager_mobile\": \"13912345678\", \"amount\": 150000000, "
                    "\"term_months\": 360, \"method\": \"equal_instalment\"}", sun);
    RUN (store, wanglei, "signing.check_documents", "{\"subscription_id\": \"%s\", \"checklist\": \"mortgage\", "
         "\"items\": %s}", sun, mortgage_papers ());
    now_usec = anju_ui_parse_time ("2026-11-21T03:00:00Z");
    RUN (store, wanglei, "mortgage.advance", "{\"mortgage_id\": \"%s\", \"status\": \"submitted\"}",
         json_object_get_string_member (mortgage, "mortgage_id"));
  }

  /* 11-26: 黄磊 signed and filed at once (one payment: no loan) */
  {
    g_autofree char *people = g_strdup_printf ("{\"role\": \"buyer\", \"name\": \"黄磊\", \"id_number\": \"%s\", "
                                               "\"address\": \"杭州市西湖区文三路90号\"}", huang_id_number);

    now_usec = anju_ui_parse_time ("2026-11-26T02:00:00Z");
    ready_to_sign (store, lina, huang, people, "\"payment_method\": \"one_time\", \"down_payment\": 100000000");
    RUN (store, lina, "signing.sign", "{\"subscription_id\": \"%s\", \"contract_number\": \"HZ-2026-1203\"}", huang);
    RUN (store, lina, "filing.record", "{\"subscription_id\": \"%s\", \"filing_number\": \"YS2026112601\", "
         "\"filed_on\": \"2026-11-26\", \"attachments\": [\"floor_plan\", \"layout_plan\", \"payment_terms\", "
         "\"fit_out_standard\"]}", huang);
  }

  /* 12-01: 朱俊杰 signed; the bank approves 孙浩然's loan; 徐明's signing moves */
  {
    g_autofree char *people = g_strdup_printf ("{\"role\": \"buyer\", \"name\": \"朱俊杰\", \"id_number\": \"%s\", "
                                               "\"address\": \"杭州市上城区解放路22号\"}", zhu_id_number);

    now_usec = anju_ui_parse_time ("2026-12-01T02:00:00Z");
    ready_to_sign (store, wanglei, zhu, people,
                   "\"payment_method\": \"provident\", \"down_payment\": 80000000, \"loan_bank\": \"杭州住房公积金中心\"");
    RUN (store, wanglei, "signing.sign", "{\"subscription_id\": \"%s\", \"contract_number\": \"HZ-2026-1602\"}", zhu);
    mortgage2 = anju_ui_run (store, wanglei, "mortgage.open", "{\"subscription_id\": \"%s\", \"bank\": \"中国工商银行\", "
                     "\"bank_manager\": \"钱丽\", \"amount\": 120000000, \"term_months\": 300, "
                     "\"method\": \"equal_principal\"}", zhu);
    RUN (store, wanglei, "mortgage.advance", "{\"mortgage_id\": \"%s\", \"status\": \"approved\"}",
         json_object_get_string_member (mortgage, "mortgage_id"));
    RUN (store, lina, "signing.schedule", "{\"subscription_id\": \"%s\", \"signing_at\": \"2026-12-28T02:00:00Z\"}", xu);
  }

  /* 12-24: 徐明 brought two papers; a special discount waits */
  now_usec = anju_ui_parse_time ("2026-12-24T02:00:00Z");
  RUN (store, lina, "signing.check_documents", "{\"subscription_id\": \"%s\", \"checklist\": \"contract\", "
       "\"items\": [\"id_card\", \"subscription_form\"]}", xu);
  {
    sqlite3_stmt *stmt = anju_store_prepare (store, "SELECT price FROM subscriptions WHERE id = ?", NULL);
    gint64 price = 0;

    sqlite3_bind_text (stmt, 1, xu, -1, SQLITE_TRANSIENT);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      price = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    /* 1% off, in whole yuan */
    RUN (store, lina, "change.request", "{\"subscription_id\": \"%s\", \"kind\": \"special_discount\", "
         "\"price\": %lld, \"reason\": \"老业主介绍，申请特殊折扣\"}", xu, (long long)(price * 99 / 100 / 100 * 100));
  }
  now_usec = anju_ui_parse_time ("2026-12-24T02:30:00Z");
  return g_steal_pointer (&xu);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL, *path = NULL, *xu = NULL;
  AnjuUiApp *ui;
  g_autoptr(GError) error = NULL;
  const char *out = argc > 1 ? argv[1] : ".";
  AnjuContext *context;
  GtkWindow *window;
  AnjuSigningView *view;

  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  path = anju_ui_shoot_begin (&dir);
  xu = prepare (path);

  ui = anju_ui_app_open (path, &(AnjuUiAppOptions) { .clock = anju_ui_fixed_clock, .clock_data = &now_usec, .width = 1210, .height = 770, .unmaximize = TRUE, .light = TRUE });
  context = ui->context;
  window = ui->window;

  anju_ui_set_user (context, path, "zhangwei");
  anju_ui_spin (1000);
  anju_window_show_view (ANJU_WINDOW (window), "signing");
  anju_ui_spin (1500);
  view = ANJU_SIGNING_VIEW (anju_window_get_view (ANJU_WINDOW (window), "signing"));
  if (!anju_signing_view_select (view, xu))
    g_warning ("徐明's deal is not listed");
  anju_ui_spin (2000);
  anju_ui_save_png (GTK_WIDGET (window), out, "signing.png");

  anju_window_show_view (ANJU_WINDOW (window), "mortgage");
  anju_ui_spin (2000);
  anju_ui_save_png (GTK_WIDGET (window), out, "mortgage.png");

  anju_ui_app_close (ui);
  return 0;
}
