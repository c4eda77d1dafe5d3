/* anju-sms-outbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-sms-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-sms.h"
#include "anju-sms-outbox.h"
#include "anju-ui-time.h"
#include "anju-ui-util.h"

/* Sent messages shown with "Show Sent": the latest ones. */
#define MAX_SENT 20

struct _AnjuSmsOutbox
{
  AdwBin             parent_instance;

  /* template widgets */
  AdwPreferencesGroup *group;
  GtkToggleButton   *sent_toggle;
  GtkListBox        *list;

  /* owned */
  AnjuContext       *context;
  GCancellable      *cancellable;
  guint              n_busy;
  guint              n_queued;
};

G_DEFINE_FINAL_TYPE (AnjuSmsOutbox, anju_sms_outbox, ADW_TYPE_BIN)

typedef struct
{
  GPtrArray *queued;
  GPtrArray *sent;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->queued, g_ptr_array_unref);
  g_clear_pointer (&loaded->sent, g_ptr_array_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_outbox (AnjuStore     *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  gboolean with_sent = GPOINTER_TO_INT (data);
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  if (!(loaded->queued = anju_sms_list (store, "queued", NULL, error)))
    return NULL;
  if (with_sent)
    {
      if (!(loaded->sent = anju_sms_list (store, "sent", NULL, error)))
        return NULL;
      if (loaded->sent->len > MAX_SENT)
        g_ptr_array_set_size (loaded->sent, MAX_SENT);
    }
  return g_steal_pointer (&loaded);
}

/* ---- commands ---------------------------------------------------------- */

static void
on_marked_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuSmsOutbox) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);

  self->n_busy--;
  if (answer == NULL)
    anju_widget_show_toast (GTK_WIDGET (self), error->message);
  else
    anju_widget_show_toast (GTK_WIDGET (self), _("Marked as sent"));
}

static void
on_mark_sent_clicked_cb (GtkButton     *button,
                         AnjuSmsOutbox *self)
{
  const char *sms_id = g_object_get_data (G_OBJECT (button), "anju-sms-id");
  g_autoptr(JsonObject) payload = json_object_new ();

  json_object_set_string_member (payload, "sms_id", sms_id);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  self->n_busy++;
  anju_context_run_command_async (self->context, "sms.mark_sent", payload, NULL,
                                  on_marked_cb, g_object_ref (self));
}

static void
on_copy_clicked_cb (GtkButton     *button,
                    AnjuSmsOutbox *self)
{
  const char *text = g_object_get_data (G_OBJECT (button), "anju-sms-text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  anju_widget_show_toast (GTK_WIDGET (self), _("Text copied"));
}

/* ---- rows -------------------------------------------------------------- */

static GtkWidget *
create_row (AnjuSmsOutbox *self,
            AnjuSms       *sms,
            gint64         now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  title = g_strdup_printf ("%s · %s", sms->customer_name ? sms->customer_name : "—",
                           sms->to_mobile_masked ? sms->to_mobile_masked : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sms->text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("mail-send-symbolic"));

  if (g_strcmp0 (sms->state, "queued") == 0)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *mark = gtk_button_new_with_mnemonic (_("Mark as _Sent"));
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      g_autofree char *due = sms->due_at ? anju_ui_time_short (sms->due_at, now) : NULL;
      gint64 due_usec = anju_ui_time_parse (sms->due_at);

      if (due != NULL)
        {
          /* Translators: when a queued SMS should be sent at the latest */
          g_autofree char *by = g_strdup_printf (_("by %s"), due);
          GtkWidget *label = gtk_label_new (by);

          gtk_widget_add_css_class (label, due_usec > 0 && due_usec < now ? "task-overdue-label"
                                                                          : "dim-label");
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (mark), "anju-sms-id", g_strdup (sms->id), g_free);
      g_signal_connect_object (mark, "clicked", G_CALLBACK (on_mark_sent_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (box), mark);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, _("Copy the text"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy the text"), -1);
      g_object_set_data_full (G_OBJECT (copy), "anju-sms-text", g_strdup (sms->text), g_free);
      g_signal_connect_object (copy, "clicked", G_CALLBACK (on_copy_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
    }
  else
    {
      g_autofree char *when = anju_ui_time_short (sms->sent_at, now);
      GtkWidget *label;

      /* Translators: when an SMS was marked sent, and by whom */
      subtitle = g_strdup_printf (_("Sent %s by %s"), when,
                                  sms->sent_by_name ? sms->sent_by_name : "—");
      label = gtk_label_new (subtitle);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_widget_add_css_class (row, "task-done");
    }
  return row;
}

static void
fill (AnjuSmsOutbox *self,
      Loaded        *loaded)
{
  gint64 now = anju_context_get_now (self->context);
  g_autofree char *description = NULL;

  anju_ui_list_box_clear (self->list);
  self->n_queued = loaded->queued->len;
  for (guint i = 0; i < loaded->queued->len; i++)
    gtk_list_box_append (self->list, create_row (self, g_ptr_array_index (loaded->queued, i), now));
  for (guint i = 0; loaded->sent != NULL && i < loaded->sent->len; i++)
    gtk_list_box_append (self->list, create_row (self, g_ptr_array_index (loaded->sent, i), now));

  if (self->n_queued > 0)
    description = g_strdup_printf (ngettext ("%u message to send by hand, then mark it sent.",
                                             "%u messages to send by hand, then mark them sent.",
                                             self->n_queued),
                                   self->n_queued);
  else
    description = g_strdup (_("Nothing to send."));
  adw_preferences_group_set_description (self->group, description);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuSmsOutbox) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  self->n_busy--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (loaded == NULL)
    {
      adw_preferences_group_set_description (self->group, error->message);
      return;
    }
  fill (self, loaded);
}

static void
on_sent_toggled_cb (AnjuSmsOutbox *self)
{
  anju_sms_outbox_reload (self);
}

static void
on_context_changed_cb (AnjuSmsOutbox      *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "sms", NULL };

  if (anju_topics_match (topics, watched) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    anju_sms_outbox_reload (self);
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_sms_outbox_dispose (GObject *object)
{
  AnjuSmsOutbox *self = (AnjuSmsOutbox *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_sms_outbox_parent_class)->dispose (object);
}

static void
anju_sms_outbox_class_init (AnjuSmsOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_sms_outbox_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-sms-outbox.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuSmsOutbox, group);
  gtk_widget_class_bind_template_child (widget_class, AnjuSmsOutbox, sent_toggle);
  gtk_widget_class_bind_template_child (widget_class, AnjuSmsOutbox, list);
  gtk_widget_class_bind_template_callback (widget_class, on_sent_toggled_cb);
}

static void
anju_sms_outbox_init (AnjuSmsOutbox *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No messages waiting"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
}

void
anju_sms_outbox_set_context (AnjuSmsOutbox *self,
                             AnjuContext   *context)
{
  g_return_if_fail (ANJU_IS_SMS_OUTBOX (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
anju_sms_outbox_reload (AnjuSmsOutbox *self)
{
  g_return_if_fail (ANJU_IS_SMS_OUTBOX (self));

  if (self->context == NULL || anju_context_get_user (self->context) == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_busy++;
  anju_worker_run_async (anju_context_get_worker (self->context), load_outbox,
                         GINT_TO_POINTER (gtk_toggle_button_get_active (self->sent_toggle)), NULL,
                         (GDestroyNotify)loaded_free, self->cancellable,
                         on_loaded_cb, g_object_ref (self));
}

guint
anju_sms_outbox_get_n_queued (AnjuSmsOutbox *self)
{
  g_return_val_if_fail (ANJU_IS_SMS_OUTBOX (self), 0);

  return self->n_queued;
}

gboolean
anju_sms_outbox_get_busy (AnjuSmsOutbox *self)
{
  g_return_val_if_fail (ANJU_IS_SMS_OUTBOX (self), FALSE);

  return self->n_busy > 0;
}
