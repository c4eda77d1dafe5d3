/* anju-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-application.h"
#include "anju-call-window.h"
#include "anju-format.h"
#include "anju-paths.h"
#include "anju-ui-util.h"
#include "anju-window.h"

struct _AnjuApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  AnjuContext    *context;
  char           *database_path;   /* from the command line */
};

G_DEFINE_FINAL_TYPE (AnjuApplication, anju_application, ADW_TYPE_APPLICATION)

static char *
dup_database_path (AnjuApplication *self)
{
  g_autofree char *configured = NULL;

  if (self->database_path != NULL)
    return g_strdup (self->database_path);
  configured = g_settings_get_string (self->settings, "database-path");
  if (configured[0] != '\0')
    return g_steal_pointer (&configured);
  return anju_paths_default_database ();
}

static void
apply_color_scheme (AnjuApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static void
apply_time_zone (AnjuApplication *self)
{
  g_autofree char *zone = g_settings_get_string (self->settings, "time-zone");

  anju_format_set_time_zone (zone[0] != '\0' ? zone : NULL);
}

static void
on_settings_changed_cb (AnjuApplication *self,
                        const char      *key,
                        GSettings       *settings)
{
  if (g_str_equal (key, "color-scheme"))
    apply_color_scheme (self);
  else if (g_str_equal (key, "time-zone"))
    apply_time_zone (self);
}

static void
on_database_opened_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The sign-in page shows the context's database error to the person. */
  if (!anju_context_open_database_finish (ANJU_CONTEXT (object), result, &error))
    g_message ("%s", error->message);
}

/* ---- actions ----------------------------------------------------------- */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AnjuApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing, not destroying: each window saves its size on the way. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AnjuApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (ANJU_IS_WINDOW (window))
    anju_window_show_preferences (ANJU_WINDOW (window));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AnjuApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AnjuApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Anju developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "application-icon", APP_ID,
                        "application-name", _("Anju"),
                        "developer-name", _("The Anju developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Customer service for the sales office of a residential "
                                      "developer: customer records, segmentation and the "
                                      "service standard, step by step."),
                        "website", "https://github.com/anju-app/anju",
                        "issue-url", "https://github.com/anju-app/anju/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The phone rings: the call screen in one keystroke, from any view. One
 * call at a time: a call screen already open comes to the front. */
static void
take_call_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AnjuApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AnjuCallWindow *call;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (ANJU_IS_CALL_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }
  while (parent != NULL && !ANJU_IS_WINDOW (parent))
    parent = gtk_window_get_transient_for (parent);
  if (!anju_context_may (self->context, "call.log"))
    {
      if (parent != NULL)
        anju_widget_show_toast (GTK_WIDGET (parent),
                                _("Sign in as a consultant or a manager to take a call."));
      return;
    }
  call = anju_call_window_new (parent, self->context);
  gtk_window_present (GTK_WINDOW (call));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "take-call", take_call_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
};

/* ---- GApplication ------------------------------------------------------ */

static gint
anju_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  AnjuApplication *self = ANJU_APPLICATION (application);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &path) && path[0] != '\0')
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      anju_application_set_database_path (self, absolute);
    }
  if (g_variant_dict_lookup (options, "ca-file", "^&ay", &path))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *absolute = path[0] != '\0' ? g_canonicalize_filename (path, NULL) : g_strdup ("");

      g_settings_set_string (settings, "ca-file", absolute);
    }
  return -1;
}

static void
anju_application_startup (GApplication *application)
{
  AnjuApplication *self = ANJU_APPLICATION (application);
  static const char *no_accels[] = { NULL };
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "app.take-call", { "<Control><Shift>c", "F2", NULL } },
    { "win.new-customer", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.go-back", { "<Alt>Left", NULL } },
  };
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (anju_application_parent_class)->startup (application);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
  /* app.shortcuts owns Ctrl+? so it works before any window has focus. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "win.show-help-overlay", no_accels);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);
  apply_time_zone (self);

  self->context = anju_context_new (self->settings);
  path = dup_database_path (self);
  anju_context_open_database_async (self->context, path, NULL, on_database_opened_cb, NULL);
}

static void
anju_application_activate (GApplication *application)
{
  AnjuApplication *self = ANJU_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (anju_window_new (self, self->context));
  gtk_window_present (window);
}

static void
anju_application_dispose (GObject *object)
{
  AnjuApplication *self = (AnjuApplication *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (anju_application_parent_class)->dispose (object);
}

static void
anju_application_finalize (GObject *object)
{
  AnjuApplication *self = (AnjuApplication *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (anju_application_parent_class)->finalize (object);
}

static void
anju_application_class_init (AnjuApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = anju_application_dispose;
  object_class->finalize = anju_application_finalize;

  app_class->handle_local_options = anju_application_handle_local_options;
  app_class->startup = anju_application_startup;
  app_class->activate = anju_application_activate;
}

static void
anju_application_init (AnjuApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database in FILE instead of the one in the settings"), N_("FILE") },
    { "ca-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Trust the office server's own certificate in the PEM file FILE (kept in the settings)"), N_("FILE") },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
}

AnjuApplication *
anju_application_new (void)
{
  return g_object_new (ANJU_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/anju/Anju",
                       NULL);
}

void
anju_application_set_database_path (AnjuApplication *self,
                                    const char      *path)
{
  g_return_if_fail (ANJU_IS_APPLICATION (self));

  g_free (self->database_path);
  self->database_path = g_strdup (path);
}

AnjuContext *
anju_application_get_context (AnjuApplication *self)
{
  g_return_val_if_fail (ANJU_IS_APPLICATION (self), NULL);

  return self->context;
}
