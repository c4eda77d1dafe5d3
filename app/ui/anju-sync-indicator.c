/* anju-sync-indicator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-sync-indicator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-format.h"
#include "anju-sync-indicator.h"

struct _AnjuSyncIndicator
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkButton      *button;
  GtkImage       *image;
  GtkLabel       *label;

  /* owned */
  AnjuContext    *context;
  AnjuSyncClient *client;
  gboolean        compact;
};

G_DEFINE_FINAL_TYPE (AnjuSyncIndicator, anju_sync_indicator, ADW_TYPE_BIN)

const char *
anju_sync_state_get_icon_name (AnjuSyncState state)
{
  switch (state)
    {
    case ANJU_SYNC_STATE_SYNCED:
      return "emblem-ok-symbolic";
    case ANJU_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case ANJU_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case ANJU_SYNC_STATE_SIGNED_OUT:
      return "dialog-password-symbolic";
    case ANJU_SYNC_STATE_ERROR:
      return "dialog-warning-symbolic";
    case ANJU_SYNC_STATE_STANDALONE:
    default:
      return "computer-symbolic";
    }
}

char *
anju_sync_state_dup_text (AnjuSyncState state,
                          guint         pending)
{
  switch (state)
    {
    case ANJU_SYNC_STATE_SYNCED:
      /* TRANSLATORS: the sync state: everything is on the office server */
      return g_strdup (C_("sync state", "Synced"));
    case ANJU_SYNC_STATE_SYNCING:
      return g_strdup (C_("sync state", "Syncing…"));
    case ANJU_SYNC_STATE_OFFLINE:
      if (pending == 0)
        return g_strdup (C_("sync state", "Offline"));
      /* TRANSLATORS: the sync state; %u changes made here wait for the server */
      return g_strdup_printf (ngettext ("Offline, %u change waiting",
                                        "Offline, %u changes waiting", pending),
                              pending);
    case ANJU_SYNC_STATE_SIGNED_OUT:
      return g_strdup (C_("sync state", "Not signed in to the server"));
    case ANJU_SYNC_STATE_ERROR:
      return g_strdup (C_("sync state", "Sync error"));
    case ANJU_SYNC_STATE_STANDALONE:
    default:
      return g_strdup (C_("sync state", "This computer alone"));
    }
}

static char *
dup_tooltip (AnjuSyncIndicator *self,
             AnjuSyncState      state)
{
  const char *error = anju_sync_client_get_last_error (self->client);
  const char *url = anju_context_get_server_url (self->context);

  if (state == ANJU_SYNC_STATE_SIGNED_OUT)
    return anju_format_join_sentences (error, _("Click to sign in to the office server again."));
  if (error != NULL && (state == ANJU_SYNC_STATE_OFFLINE || state == ANJU_SYNC_STATE_ERROR))
    return anju_format_join_sentences (error, _("Click to try again now."));
  /* TRANSLATORS: %s is the office server's address */
  return g_strdup_printf (_("Kept in step with the office server at %s. Click to sync now."),
                          url ? url : "");
}

static void
update (AnjuSyncIndicator *self)
{
  AnjuSyncState state;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;

  if (self->client == NULL ||
      (state = anju_sync_client_get_state (self->client)) == ANJU_SYNC_STATE_STANDALONE)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  text = anju_sync_state_dup_text (state, anju_sync_client_get_pending_count (self->client));
  tooltip = g_strstrip (dup_tooltip (self, state));
  /* TRANSLATORS: the accessible name of the header's sync button; %s is its state */
  accessible = g_strdup_printf (_("Sync state: %s"), text);

  gtk_image_set_from_icon_name (self->image, anju_sync_state_get_icon_name (state));
  gtk_label_set_label (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->label), !self->compact);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
  if (state == ANJU_SYNC_STATE_ERROR || state == ANJU_SYNC_STATE_SIGNED_OUT)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
on_sync_client_changed_cb (AnjuSyncIndicator *self)
{
  AnjuSyncClient *client = anju_context_get_sync_client (self->context);

  if (client == self->client)
    return;
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    {
      g_signal_connect_object (client, "notify::state", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::pending-count", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::last-error", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
    }
  update (self);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AnjuSyncIndicator *self = ANJU_SYNC_INDICATOR (widget);

  if (self->client == NULL)
    return;
  if (anju_sync_client_get_state (self->client) == ANJU_SYNC_STATE_SIGNED_OUT)
    gtk_widget_activate_action (widget, "app.preferences", NULL);
  else
    anju_context_sync_now (self->context);
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_sync_indicator_dispose (GObject *object)
{
  AnjuSyncIndicator *self = (AnjuSyncIndicator *)object;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_sync_indicator_parent_class)->dispose (object);
}

static void
anju_sync_indicator_class_init (AnjuSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_sync_indicator_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, AnjuSyncIndicator, image);
  gtk_widget_class_bind_template_child (widget_class, AnjuSyncIndicator, label);

  gtk_widget_class_install_action (widget_class, "sync.activate", NULL, activate_action);
}

static void
anju_sync_indicator_init (AnjuSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
anju_sync_indicator_set_context (AnjuSyncIndicator *self,
                                 AnjuContext       *context)
{
  g_return_if_fail (ANJU_IS_SYNC_INDICATOR (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::sync-client",
                           G_CALLBACK (on_sync_client_changed_cb), self, G_CONNECT_SWAPPED);
  on_sync_client_changed_cb (self);
  update (self);
}

void
anju_sync_indicator_set_compact (AnjuSyncIndicator *self,
                                 gboolean           compact)
{
  g_return_if_fail (ANJU_IS_SYNC_INDICATOR (self));

  self->compact = !!compact;
  gtk_widget_set_visible (GTK_WIDGET (self->label), !self->compact);
}

const char *
anju_sync_indicator_get_text (AnjuSyncIndicator *self)
{
  g_return_val_if_fail (ANJU_IS_SYNC_INDICATOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return NULL;
  return gtk_label_get_label (self->label);
}
