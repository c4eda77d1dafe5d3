/* anju-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-sign-in"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-sign-in-page.h"

struct _AnjuSignInPage
{
  AdwBin        parent_instance;

  /* template widgets */
  AdwStatusPage *status_page;
  AdwEntryRow   *username_row;
  AdwEntryRow   *password_row;
  GtkLabel      *message_label;
  GtkStack      *button_stack;
  GtkSpinner    *spinner;
  GtkLabel      *busy_label;
  GtkWidget     *connect_button;

  /* owned */
  AnjuContext   *context;
  GCancellable  *cancellable;
  gboolean       signing_in;
};

G_DEFINE_FINAL_TYPE (AnjuSignInPage, anju_sign_in_page, ADW_TYPE_BIN)

static void
show_message (AnjuSignInPage *self,
              const char     *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_state (AnjuSignInPage *self)
{
  gboolean ready = self->context != NULL && anju_context_get_ready (self->context);
  const char *database_error = NULL;
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  gboolean busy;

  if (self->context != NULL)
    database_error = anju_context_get_database_error (self->context);
  busy = self->signing_in || (!ready && database_error == NULL);

  if (self->signing_in)
    gtk_label_set_label (self->busy_label, _("Signing in…"));
  else if (busy)
    gtk_label_set_label (self->busy_label, _("Opening the database…"));
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "busy" : "button");
  if (database_error != NULL)
    show_message (self, database_error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in",
                                 ready && !self->signing_in &&
                                 !anju_text_is_blank (username) && password[0] != '\0');
}

static void
on_entry_changed_cb (AnjuSignInPage *self)
{
  update_state (self);
}

static void
on_username_activated_cb (AnjuSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_password_activated_cb (AnjuSignInPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.sign-in", NULL);
}

static void
on_context_state_cb (AnjuSignInPage *self)
{
  if (self->context != NULL && anju_context_get_database_error (self->context) == NULL)
    show_message (self, NULL);
  update_state (self);
}

static void
on_user_changed_cb (AnjuSignInPage *self)
{
  g_autofree char *last = NULL;

  if (anju_context_get_user (self->context) != NULL)
    return;
  /* Signed out: nothing of the last person's password stays behind. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  last = g_settings_get_string (anju_context_get_settings (self->context), "last-username");
  if (last[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->username_row), last);
  update_state (self);
}

/* ---- signing in -------------------------------------------------------- */

static void
on_signed_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AnjuSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!anju_context_sign_in_finish (ANJU_CONTEXT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->signing_in = FALSE;
  if (error != NULL)
    {
      show_message (self, error->message);
      update_state (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  show_message (self, NULL);
  g_settings_set_string (anju_context_get_settings (self->context), "last-username",
                         anju_context_get_user (self->context)->username);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  update_state (self);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AnjuSignInPage *self = ANJU_SIGN_IN_PAGE (widget);
  g_autofree char *username = NULL;

  if (self->context == NULL || self->signing_in)
    return;

  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  self->signing_in = TRUE;
  show_message (self, NULL);
  update_state (self);

  anju_context_sign_in_async (self->context, username,
                              gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                              self->cancellable,
                              on_signed_in_cb, g_object_ref (self));
}

/* Where the people who may sign in come from. */
static void
on_sync_client_changed_cb (AnjuSignInPage *self)
{
  const char *url = anju_context_get_server_url (self->context);
  g_autofree char *description = NULL;

  if (url != NULL)
    /* TRANSLATORS: %s is the office server's address, e.g. http://192.168.1.10:8470 */
    description = g_strdup_printf (_("Sign in with the user name and password your office gave you. This computer is connected to the office server at %s."),
                                   url);
  else
    description = g_strdup (_("Sign in with the user name and password your office gave you."));
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->connect_button, url == NULL);
}

/* ---- GtkWidget --------------------------------------------------------- */

static gboolean
anju_sign_in_page_grab_focus (GtkWidget *widget)
{
  AnjuSignInPage *self = ANJU_SIGN_IN_PAGE (widget);
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));

  if (username[0] != '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  return gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_sign_in_page_dispose (GObject *object)
{
  AnjuSignInPage *self = (AnjuSignInPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_sign_in_page_parent_class)->dispose (object);
}

static void
anju_sign_in_page_finalize (GObject *object)
{
  AnjuSignInPage *self = (AnjuSignInPage *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (anju_sign_in_page_parent_class)->finalize (object);
}

static void
anju_sign_in_page_class_init (AnjuSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_sign_in_page_dispose;
  object_class->finalize = anju_sign_in_page_finalize;

  widget_class->grab_focus = anju_sign_in_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuSignInPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, AnjuSignInPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuSignInPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuSignInPage, button_stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuSignInPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuSignInPage, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_username_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated_cb);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
}

static void
anju_sign_in_page_init (AnjuSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in", FALSE);
}

void
anju_sign_in_page_set_context (AnjuSignInPage *self,
                               AnjuContext    *context)
{
  g_return_if_fail (ANJU_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::ready",
                           G_CALLBACK (on_context_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::database-error",
                           G_CALLBACK (on_context_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user",
                           G_CALLBACK (on_user_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::sync-client",
                           G_CALLBACK (on_sync_client_changed_cb), self, G_CONNECT_SWAPPED);
  on_user_changed_cb (self);
  on_sync_client_changed_cb (self);
  on_context_state_cb (self);
}
