/* anju-ui-fixtures.h — what the UI tests and the screenshot tools share */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "anju-application.h"
#include "anju-clock.h"
#include "anju-context.h"
#include "anju-customer-detail.h"
#include "anju-money.h"
#include "anju-window.h"
#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

typedef gboolean (*AnjuUiCondition) (gpointer data);
typedef gboolean (*AnjuUiMatch)     (GtkWidget *widget, gconstpointer data);

/* Runs the main loop until @condition holds; fails the test (naming
 * @what) after @seconds, or 20 s. */
void       anju_ui_wait_until_for  (AnjuUiCondition condition,
                                    gpointer        data,
                                    guint           seconds,
                                    const char     *what);
void       anju_ui_wait_until      (AnjuUiCondition condition,
                                    gpointer        data,
                                    const char     *what);
/* The first widget under @root (itself included, depth first) that
 * @match accepts, or NULL. */
GtkWidget *anju_ui_find_widget     (GtkWidget      *root,
                                    AnjuUiMatch     match,
                                    gconstpointer   data);
/* Matches for anju_ui_find_widget(). */
gboolean   anju_ui_is_row_titled   (GtkWidget *widget, gconstpointer title);
gboolean   anju_ui_is_button_for   (GtkWidget *widget, gconstpointer action_name);
gboolean   anju_ui_is_named        (GtkWidget *widget, gconstpointer name);
gboolean   anju_ui_is_label_saying (GtkWidget *widget, gconstpointer text);
/* @data is a GType (GSIZE_TO_POINTER); @widget is one. */
gboolean   anju_ui_is_of_type      (GtkWidget *widget, gconstpointer type);
/* A visible button whose label is @label. */
gboolean   anju_ui_is_button_labelled (GtkWidget *widget, gconstpointer label);

/* Clicks the button of @action_name inside @root, as a person does; it
 * must be there, show and be enabled, or the test fails. */
void       anju_ui_click           (GtkWidget  *root,
                                    const char *action_name);

/* The control in the row titled @title; fails the test when there is none. */
GtkWidget *anju_ui_find_row        (GtkWidget  *root,
                                    const char *title);
/* The first row under @root that @match accepts for @title (a test's own
 * idea of a row's title); fails the test when there is none. */
GtkWidget *anju_ui_find_row_matching    (GtkWidget   *root,
                                         AnjuUiMatch  match,
                                         const char  *title);
/* The first @type inside that row; fails the test when there is none. */
GtkWidget *anju_ui_find_in_row_matching (GtkWidget   *root,
                                         AnjuUiMatch  match,
                                         const char  *title,
                                         GType        type);

/* Conditions for anju_ui_wait_until(): the context opened its database
 * (or failed to); the pointer @data points to was cleared (a weak pointer
 * to a window or dialog that closed). */
gboolean   anju_ui_context_ready   (gpointer context);
gboolean   anju_ui_pointer_cleared (gpointer data);
/* The context (@context) has a person signed in. */
gboolean   anju_ui_signed_in       (gpointer context);

/* Lets @context's worker finish what the widgets asked of it, and the
 * widgets show it: three rounds of a job that does nothing, each followed
 * by the main loop running dry. */
void       anju_ui_settle          (AnjuContext *context);

/* A visible toplevel of @type (GType; dialogs are not the application's
 * windows), or NULL; and the same as a condition (@type in a pointer). */
gpointer   anju_ui_find_toplevel   (GType    type);
gboolean   anju_ui_toplevel_shown  (gpointer type);

/* For anju_ui_detail_shows(): @detail has loaded @customer_id. */
typedef struct
{
  AnjuCustomerDetail *detail;
  const char         *customer_id;
} AnjuUiDetailWait;

gboolean   anju_ui_detail_shows    (gpointer wait);

/* The application as `anju` starts it, for a test. */
typedef struct
{
  AnjuApplication *app;
  AnjuContext     *context;   /* the application's */
  GtkWindow       *window;    /* its window; a weak pointer, NULL once freed */
} AnjuUiApp;

typedef struct
{
  AnjuClockFunc clock;        /* the context's clock; NULL: the real one */
  gpointer      clock_data;
  int           width;        /* > 0: the window's default size */
  int           height;
  gboolean      unmaximize;   /* the window not maximized (screenshots) */
  gboolean      light;        /* the light style, whatever the desktop's (screenshots) */
  guint         seconds;      /* how long the database may take to open; 0: 20 s */
} AnjuUiAppOptions;

/* Starts the application on the database at @path as `anju` does (not
 * unique, registered, activated), with what @options (may be NULL) asks,
 * and waits until the context has opened the database; fails the test if
 * it could not. Free with anju_ui_app_close(). */
AnjuUiApp *anju_ui_app_open        (const char             *path,
                                    const AnjuUiAppOptions *options);
/* anju_ui_app_open() on the fixed clock reading *@now_usec
 * (anju_ui_fixed_clock()). */
AnjuUiApp *anju_ui_app_open_at     (const char *path,
                                    gint64     *now_usec);
/* Closes the window and waits until it is freed (fails the test if it is
 * not); the application stays. */
void       anju_ui_app_close_window (AnjuUiApp *ui);
/* Closes the window as anju_ui_app_close_window() does (if it is still
 * open) and drops the application. */
void       anju_ui_app_close       (AnjuUiApp *ui);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuUiApp, anju_ui_app_close)

/* The password of every demo user. */
#define ANJU_UI_DEMO_PASSWORD "anju-demo-1"

/* Signs @username in on @window's sign-in page, as a person does (signing
 * the person before out first), and waits until they are. */
void       anju_ui_sign_in         (AnjuWindow *window,
                                    const char *username,
                                    const char *password);
/* Makes @username of the database at @path the context's person, without
 * the sign-in page (for the screenshot tools). */
void       anju_ui_set_user        (AnjuContext *context,
                                    const char  *path,
                                    const char  *username);
/* The demo project in a new database anju.db in a new temporary folder
 * (its path and the folder's in @out_path and @out_dir, for
 * anju_ui_clear_database()), on @clock (NULL: the real one) from before
 * the demo loads; asserts each step. Returns the test's own connection. */
AnjuStore *anju_ui_demo_database   (char          **out_dir,
                                    char          **out_path,
                                    AnjuClockFunc   clock,
                                    gpointer        clock_data);
/* Removes a test database at @path (with its WAL files) and its folder. */
void       anju_ui_remove_database (const char *dir,
                                    const char *path);
/* The same, then frees both strings and clears the pointers. */
void       anju_ui_clear_database  (char **dir,
                                    char **path);

/* An ISO 8601 time as microseconds since the epoch; asserts it reads. */
gint64     anju_ui_parse_time      (const char *iso);
/* An AnjuClockFunc reading the gint64 (µs) @user_data points to. */
gint64     anju_ui_fixed_clock     (gpointer user_data);

/* Runs the main loop for @ms milliseconds. */
void  anju_ui_spin               (guint       ms);
/* Saves what @widget shows as @dir/@name (PNG). */
void  anju_ui_save_png           (GtkWidget  *widget,
                                  const char *dir,
                                  const char *name);

/* Runs @type as @actor on @store with the payload @format makes, as a
 * desk would, and returns the answer's "result"; aborts if it is
 * refused. */
JsonObject *anju_ui_run        (AnjuStore      *store,
                                const AnjuUser *actor,
                                const char     *type,
                                const char     *format,
                                ...) G_GNUC_PRINTF (4, 5);
/* The same as @username with the payload @json. */
JsonObject *anju_ui_run_as     (AnjuStore  *store,
                                const char *username,
                                const char *type,
                                const char *json);
/* For the screenshot programs: the UI in the environment's language with
 * the build tree's translations; returns the path of a new database in a
 * new temporary folder (@out_dir). */
char       *anju_ui_shoot_begin (char **out_dir);
/* The first column of @sql's first row; aborts if there is none. */
char       *anju_ui_query_text (AnjuStore  *store,
                                const char *sql);

/* The first column of @sql's first row, or NULL when there is no row or
 * it is NULL; fails the test if @sql does not prepare. */
char       *anju_ui_query_text_or_null (AnjuStore  *store,
                                        const char *sql);
/* The same on the database at @path, with the SQL @format makes. */
char       *anju_ui_db_text    (const char *path,
                                const char *format,
                                ...) G_GNUC_PRINTF (2, 3);

typedef struct
{
  char    *quote_id;
  char    *customer_name;
  char    *building_id;     /* 2幢 */
  AnjuFen  price;
} AnjuUiApprovedQuote;

void  anju_ui_approved_quote_clear (AnjuUiApprovedQuote *quote);

/* On the demo in @store: 李娜 holds 2幢-1502 for one of her customers with
 * an ID number and no deal yet, asks ¥10,000 below the published range,
 * and 张伟 approves: a quote the window can subscribe. */
void  anju_ui_add_approved_quote (AnjuStore           *store,
                                  AnjuUiApprovedQuote *out);

G_END_DECLS
