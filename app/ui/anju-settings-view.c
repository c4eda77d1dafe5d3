/* anju-settings-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-settings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-script-editor.h"
#include "anju-settings-view.h"
#include "anju-sync-indicator.h"
#include "anju-ui-jobs.h"
#include "anju-ui-util.h"

struct _AnjuSettingsView
{
  AdwPreferencesPage  parent_instance;

  /* template widgets */
  GtkWidget          *account_group;
  AdwActionRow       *account_row;
  GtkWidget          *scripts_group;
  AdwComboRow        *project_row;
  AdwActionRow       *database_row;
  AdwComboRow        *style_row;
  GtkCheckButton     *alone_check;
  GtkCheckButton     *server_check;
  AdwEntryRow        *url_row;
  AdwEntryRow        *ca_file_row;
  AdwEntryRow        *server_username_row;
  AdwEntryRow        *server_password_row;
  AdwActionRow       *connect_row;
  GtkSpinner         *connect_spinner;
  AdwActionRow       *status_row;
  GtkImage           *status_image;

  /* owned */
  AnjuContext        *context;
  AnjuSyncClient     *client;       /* the context's, watched for the status row */
  GCancellable       *cancellable;
  GPtrArray          *projects;     /* AnjuProject* in project_row's order */
  char               *connect_error;
  char               *connect_from;  /* the database a connection started on */
  gboolean            filling;
  gboolean            want_server;  /* "connected" chosen, not connected yet */
  gboolean            busy;         /* connecting or disconnecting */
};

G_DEFINE_FINAL_TYPE (AnjuSettingsView, anju_settings_view, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of style_row's items. */
static const char *color_schemes[] = { "default", "light", "dark" };

static void
update_account (AnjuSettingsView *self)
{
  const AnjuUser *user = anju_context_get_user (self->context);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->scripts_group, anju_context_may (self->context, "script.set"));
  gtk_widget_set_visible (self->account_group, user != NULL);
  if (user == NULL)
    return;
  subtitle = g_strdup_printf ("%s · %s", anju_role_get_label (user->role), user->username);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), user->display_name);
  adw_action_row_set_subtitle (self->account_row, subtitle);
}

static void
update_database (AnjuSettingsView *self)
{
  const char *path = anju_context_get_database_path (self->context);

  adw_action_row_set_subtitle (self->database_row, path ? path : _("None open"));
}

static void
update_style (AnjuSettingsView *self)
{
  g_autofree char *scheme = g_settings_get_string (anju_context_get_settings (self->context),
                                                   "color-scheme");

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (scheme, color_schemes[i]))
      adw_combo_row_set_selected (self->style_row, i);
  self->filling = FALSE;
}

static void
on_style_selected_cb (AnjuSettingsView *self)
{
  guint selected = adw_combo_row_get_selected (self->style_row);

  if (self->filling || self->context == NULL || selected >= G_N_ELEMENTS (color_schemes))
    return;
  g_settings_set_string (anju_context_get_settings (self->context), "color-scheme",
                         color_schemes[selected]);
}

static void
select_current_project (AnjuSettingsView *self)
{
  const AnjuProject *current = anju_context_get_project (self->context);

  self->filling = TRUE;
  adw_combo_row_set_selected (self->project_row, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; self->projects != NULL && i < self->projects->len; i++)
    {
      AnjuProject *project = g_ptr_array_index (self->projects, i);

      if (current != NULL && g_strcmp0 (project->id, current->id) == 0)
        adw_combo_row_set_selected (self->project_row, i);
    }
  self->filling = FALSE;
}

static void
on_projects_listed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AnjuSettingsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (projects == NULL)
    {
      g_message ("Cannot list the projects: %s", error->message);
      return;
    }
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  self->projects = g_steal_pointer (&projects);
  for (guint i = 0; i < self->projects->len; i++)
    gtk_string_list_append (names, ((AnjuProject *)g_ptr_array_index (self->projects, i))->name);
  self->filling = TRUE;
  adw_combo_row_set_model (self->project_row, G_LIST_MODEL (names));
  self->filling = FALSE;
  select_current_project (self);
}

static void
list_projects (AnjuSettingsView *self)
{
  if (!anju_context_get_ready (self->context))
    return;
  anju_worker_run_async (anju_context_get_worker (self->context),
                         anju_ui_job_list_projects, NULL, NULL,
                         (GDestroyNotify)g_ptr_array_unref,
                         self->cancellable,
                         on_projects_listed_cb, g_object_ref (self));
}

static void
on_project_selected_cb (AnjuSettingsView *self)
{
  guint selected = adw_combo_row_get_selected (self->project_row);
  AnjuProject *project;

  if (self->filling || self->projects == NULL || selected >= self->projects->len)
    return;
  project = g_ptr_array_index (self->projects, selected);
  if (anju_context_get_project (self->context) != NULL &&
      g_strcmp0 (anju_context_get_project (self->context)->id, project->id) == 0)
    return;
  g_settings_set_string (anju_context_get_settings (self->context), "project-id", project->id);
  anju_context_set_project (self->context, project);
}

static void
on_database_opened_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AnjuSettingsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!anju_context_open_database_finish (ANJU_CONTEXT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        anju_widget_show_toast (GTK_WIDGET (self), anju_context_get_database_error (self->context));
      return;
    }
  anju_widget_show_toast (GTK_WIDGET (self), _("Database opened. Sign in again."));
}

static void
on_file_chosen_cb (AnjuSettingsView     *self,
                   int                   response,
                   GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      g_settings_set_string (anju_context_get_settings (self->context), "database-path", path);
      anju_context_open_database_async (self->context, path, NULL,
                                        on_database_opened_cb, g_object_ref (self));
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
choose_database_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AnjuSettingsView *self = ANJU_SETTINGS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) everything = gtk_file_filter_new ();
  const char *current = anju_context_get_database_path (self->context);

  chooser = gtk_file_chooser_native_new (_("Choose the Database"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (databases, _("Anju databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_add_pattern (databases, "*.sqlite");
  gtk_file_filter_add_pattern (databases, "*.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), databases);
  gtk_file_filter_set_name (everything, _("All files"));
  gtk_file_filter_add_pattern (everything, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), everything);
  if (current != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_file_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the office server ------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return copy[0] == '\0';
}

static void
update_connect_action (AnjuSettingsView *self)
{
  gtk_widget_action_set_enabled (
    GTK_WIDGET (self), "settings.connect",
    !self->busy && anju_context_get_ready (self->context) &&
    !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->url_row))) &&
    !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->server_username_row))) &&
    gtk_editable_get_text (GTK_EDITABLE (self->server_password_row))[0] != '\0');
}

static void
update_server (AnjuSettingsView *self)
{
  AnjuSyncClient *client = self->client;
  AnjuSyncState state = client ? anju_sync_client_get_state (client) : ANJU_SYNC_STATE_STANDALONE;
  gboolean connected = client != NULL;
  gboolean form = (!connected && self->want_server) ||
                  (connected && state == ANJU_SYNC_STATE_SIGNED_OUT);

  self->filling = TRUE;
  gtk_check_button_set_active (connected || self->want_server ? self->server_check
                                                              : self->alone_check,
                               TRUE);
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->alone_check), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_check), !self->busy);

  gtk_widget_set_visible (GTK_WIDGET (self->url_row), form);
  gtk_widget_set_visible (GTK_WIDGET (self->ca_file_row), form);
  gtk_widget_set_visible (GTK_WIDGET (self->server_username_row), form);
  gtk_widget_set_visible (GTK_WIDGET (self->server_password_row), form);
  gtk_widget_set_visible (GTK_WIDGET (self->connect_row), form);
  gtk_editable_set_editable (GTK_EDITABLE (self->url_row), !connected);
  gtk_spinner_set_spinning (self->connect_spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->connect_spinner), self->busy);
  {
    g_autofree char *escaped = g_markup_escape_text (self->connect_error ? self->connect_error : "",
                                                     -1);

    adw_action_row_set_subtitle (self->connect_row, escaped);
  }
  if (self->connect_error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->connect_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->connect_row), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->status_row), connected);
  if (connected)
    {
      const char *error = anju_sync_client_get_last_error (client);
      const char *url = anju_context_get_server_url (self->context);
      guint pending = anju_sync_client_get_pending_count (client);
      g_autofree char *text = anju_sync_state_dup_text (state, pending);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: %s is the office server's address */
      title = g_markup_printf_escaped (_("Connected to %s"), url ? url : "");
      if (anju_context_get_user (self->context) == NULL)
        subtitle = g_markup_escape_text (_("Syncs while someone is signed in here"), -1);
      else if (error != NULL && state != ANJU_SYNC_STATE_SYNCED &&
               state != ANJU_SYNC_STATE_SYNCING)
        subtitle = g_markup_printf_escaped ("%s\n%s", text, error);
      else
        subtitle = g_markup_escape_text (text, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
      adw_action_row_set_subtitle (self->status_row, subtitle);
      gtk_image_set_from_icon_name (self->status_image, anju_sync_state_get_icon_name (state));
    }
  update_connect_action (self);
}

static void
on_sync_client_changed_cb (AnjuSettingsView *self)
{
  AnjuSyncClient *client = anju_context_get_sync_client (self->context);

  if (client != self->client)
    {
      if (self->client != NULL)
        g_signal_handlers_disconnect_by_data (self->client, self);
      g_set_object (&self->client, client);
      if (client != NULL)
        {
          g_signal_connect_object (client, "notify::state", G_CALLBACK (update_server), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (client, "notify::pending-count", G_CALLBACK (update_server),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (client, "notify::last-error", G_CALLBACK (update_server),
                                   self, G_CONNECT_SWAPPED);
        }
    }
  update_server (self);
}

static void
fill_server_form (AnjuSettingsView *self)
{
  GSettings *settings = anju_context_get_settings (self->context);
  const AnjuUser *user = anju_context_get_user (self->context);

  if (is_blank (gtk_editable_get_text (GTK_EDITABLE (self->ca_file_row))))
    {
      g_autofree char *ca_file = g_settings_get_string (settings, "ca-file");

      gtk_editable_set_text (GTK_EDITABLE (self->ca_file_row), ca_file);
    }
  if (is_blank (gtk_editable_get_text (GTK_EDITABLE (self->url_row))))
    {
      g_autofree char *url = g_settings_get_string (settings, "server-url");

      gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
    }
  if (is_blank (gtk_editable_get_text (GTK_EDITABLE (self->server_username_row))))
    {
      g_autofree char *last = g_settings_get_string (settings, "last-username");

      gtk_editable_set_text (GTK_EDITABLE (self->server_username_row),
                             user != NULL ? user->username : last);
    }
}

static void
on_disconnected_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AnjuSettingsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!anju_context_disconnect_finish (ANJU_CONTEXT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  anju_widget_show_toast (GTK_WIDGET (self),
                          error ? error->message
                                : _("This computer now works alone. Its changes stay here."));
  update_server (self);
}

static void
on_mode_toggled_cb (AnjuSettingsView *self,
                    GtkCheckButton   *button)
{
  if (self->filling || self->context == NULL || !gtk_check_button_get_active (button))
    return;

  g_clear_pointer (&self->connect_error, g_free);
  if (button == self->server_check)
    {
      self->want_server = TRUE;
      fill_server_form (self);
      update_server (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  self->want_server = FALSE;
  if (self->client != NULL && !self->busy)
    {
      self->busy = TRUE;
      anju_context_disconnect_async (self->context, self->cancellable,
                                     on_disconnected_cb, g_object_ref (self));
    }
  update_server (self);
}

static void
on_server_entry_changed_cb (AnjuSettingsView *self)
{
  update_connect_action (self);
}

static void
on_server_entry_activated_cb (AnjuSettingsView *self,
                              AdwEntryRow      *row)
{
  if (row == self->url_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->server_username_row));
  else if (row == self->server_username_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->server_password_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "settings.connect", NULL);
}

static void
on_connected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AnjuSettingsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *path;
  GtkRoot *root;

  if (!anju_context_connect_finish (ANJU_CONTEXT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (error != NULL)
    {
      self->connect_error = g_strdup (error->message);
      update_server (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->server_password_row));
      return;
    }

  self->want_server = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->server_password_row), "");
  update_server (self);
  path = anju_context_get_database_path (self->context);
  if (path != NULL && g_strcmp0 (path, self->connect_from) != 0)
    /* TRANSLATORS: %s is the office server's address, then a file's path */
    message = g_strdup_printf (_("Connected to the office server at %s. This computer now uses the office database at %s"),
                               anju_context_get_server_url (self->context), path);
  else
    /* TRANSLATORS: %s is the office server's address */
    message = g_strdup_printf (_("Connected to the office server at %s"),
                               anju_context_get_server_url (self->context));
  anju_widget_show_toast (GTK_WIDGET (self), message);
  /* Before signing in this page is in a preferences window: the person is
   * signed in now, and the main window is what they want. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (ADW_IS_PREFERENCES_WINDOW (root))
    gtk_window_close (GTK_WINDOW (root));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AnjuSettingsView *self = ANJU_SETTINGS_VIEW (widget);
  g_autofree char *url = NULL;
  g_autofree char *username = NULL;

  if (self->busy)
    return;
  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  username = g_strstrip (g_strdup (gtk_editable_get_text (
                                     GTK_EDITABLE (self->server_username_row))));
  g_clear_pointer (&self->connect_error, g_free);
  g_free (self->connect_from);
  self->connect_from = g_strdup (anju_context_get_database_path (self->context));
  /* The office's own certificate, if it has one: kept for this desk. */
  {
    g_autofree char *ca_file = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ca_file_row))));

    g_settings_set_string (anju_context_get_settings (self->context), "ca-file", ca_file);
  }
  self->busy = TRUE;
  update_server (self);
  anju_context_connect_async (self->context, url, username,
                              gtk_editable_get_text (GTK_EDITABLE (self->server_password_row)),
                              self->cancellable, on_connected_cb, g_object_ref (self));
}

static void
edit_script_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AnjuSettingsView *self = ANJU_SETTINGS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AnjuScriptEditor *editor;

  editor = anju_script_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context,
                                   g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  anju_context_sync_now (ANJU_SETTINGS_VIEW (widget)->context);
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_settings_view_dispose (GObject *object)
{
  AnjuSettingsView *self = (AnjuSettingsView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (anju_settings_view_parent_class)->dispose (object);
}

static void
anju_settings_view_finalize (GObject *object)
{
  AnjuSettingsView *self = (AnjuSettingsView *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_clear_pointer (&self->connect_error, g_free);
  g_clear_pointer (&self->connect_from, g_free);

  G_OBJECT_CLASS (anju_settings_view_parent_class)->finalize (object);
}

static void
anju_settings_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AnjuSettingsView *self = ANJU_SETTINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_settings_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AnjuSettingsView *self = ANJU_SETTINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      if (g_value_get_object (value) != NULL)
        anju_settings_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_settings_view_class_init (AnjuSettingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_settings_view_dispose;
  object_class->finalize = anju_settings_view_finalize;
  object_class->get_property = anju_settings_view_get_property;
  object_class->set_property = anju_settings_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ANJU_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-settings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, account_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, account_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, scripts_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, project_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, database_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, style_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, alone_check);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, server_check);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, url_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, ca_file_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, server_username_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, server_password_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, connect_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, status_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSettingsView, status_image);
  gtk_widget_class_bind_template_callback (widget_class, on_style_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_project_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "settings.choose-database", NULL,
                                   choose_database_action);
  gtk_widget_class_install_action (widget_class, "settings.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "settings.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "settings.edit-script", "s", edit_script_action);
}

static void
anju_settings_view_init (AnjuSettingsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

AnjuSettingsView *
anju_settings_view_new (AnjuContext *context)
{
  return g_object_new (ANJU_TYPE_SETTINGS_VIEW,
                       "context", context,
                       NULL);
}

void
anju_settings_view_set_context (AnjuSettingsView *self,
                                AnjuContext      *context)
{
  g_return_if_fail (ANJU_IS_SETTINGS_VIEW (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::user",
                           G_CALLBACK (update_account), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::database-path",
                           G_CALLBACK (update_database), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::ready",
                           G_CALLBACK (list_projects), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::project-name",
                           G_CALLBACK (select_current_project), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (anju_context_get_settings (context), "changed::color-scheme",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::sync-client",
                           G_CALLBACK (on_sync_client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::ready",
                           G_CALLBACK (update_server), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user",
                           G_CALLBACK (update_server), self, G_CONNECT_SWAPPED);
  on_sync_client_changed_cb (self);
  update_account (self);
  update_database (self);
  update_style (self);
  list_projects (self);
}
