/* anju-rejections-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-rejections"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-format.h"
#include "anju-rejections-dialog.h"
#include "anju-sync-engine.h"
#include "anju-ui-util.h"

struct _AnjuRejectionsDialog
{
  AdwWindow     parent_instance;

  /* template widgets */
  GtkStack     *stack;
  GtkListBox   *list_box;

  /* owned */
  AnjuContext  *context;
  GCancellable *cancellable;
  GPtrArray    *rejections;    /* AnjuSyncRejection*, NULL while loading */
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (AnjuRejectionsDialog, anju_rejections_dialog, ADW_TYPE_WINDOW)

static const struct
{
  const char *type;
  const char *label;
} type_labels[] = {
  { "appointment.cancel", N_("Cancelling an appointment") },
  { "appointment.create", N_("New appointment") },
  { "approval.decide", N_("Approval decision") },
  { "call.log", N_("Call record") },
  { "customer.assign", N_("Handing a customer over") },
  { "customer.create", N_("New customer") },
  { "customer.note", N_("Note on a customer") },
  { "customer.update", N_("Change to a customer") },
  { "discount.request", N_("Discount request") },
  { "task.complete", N_("Completing a task") },
  { "task.create", N_("New task") },
  { "unit.hold", N_("Holding a unit") },
  { "unit.release", N_("Releasing a unit") },
  { "visit.register", N_("Walk-in visit") },
};

const char *
anju_rejections_dialog_describe_type (const char *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (type_labels); i++)
    if (g_str_equal (type_labels[i].type, type))
      return _(type_labels[i].label);
  return type;
}

static GtkWidget *
create_row (AnjuSyncRejection *rejection)
{
  g_autofree char *when = anju_format_datetime_iso (rejection->at);
  g_autofree char *title = g_markup_escape_text (
    anju_rejections_dialog_describe_type (rejection->type), -1);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* TRANSLATORS: a refused change: when the server refused it, then why */
  subtitle = g_markup_printf_escaped (_("%s — %s"), when, rejection->message);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
  return row;
}

typedef struct
{
  char      *actor_id;
  GPtrArray *command_ids;
} Job;

static void
job_free (Job *job)
{
  g_free (job->actor_id);
  g_clear_pointer (&job->command_ids, g_ptr_array_unref);
  g_free (job);
}

static gpointer
list_rejections (AnjuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Job *job = data;

  return anju_sync_list_rejections (store, job->actor_id, TRUE, error);
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuRejectionsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (rejections == NULL)
    {
      anju_widget_show_toast (GTK_WIDGET (self), error->message);
      rejections = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_sync_rejection_free);
    }
  self->rejections = g_steal_pointer (&rejections);
  for (guint i = 0; i < self->rejections->len; i++)
    gtk_list_box_append (self->list_box, create_row (g_ptr_array_index (self->rejections, i)));
  gtk_stack_set_visible_child_name (self->stack, self->rejections->len > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rejections.mark-seen",
                                 self->rejections->len > 0);
}

static gpointer
mark_seen (AnjuStore     *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Job *job = data;

  for (guint i = 0; i < job->command_ids->len; i++)
    if (!anju_sync_mark_rejection_seen (store, g_ptr_array_index (job->command_ids, i), error))
      return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
on_marked_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuRejectionsDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (anju_worker_run_finish (ANJU_WORKER (object), result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->busy = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "rejections.mark-seen", TRUE);
      anju_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
mark_seen_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AnjuRejectionsDialog *self = ANJU_REJECTIONS_DIALOG (widget);
  Job *job;

  if (self->rejections == NULL || self->busy)
    return;
  self->busy = TRUE;
  gtk_widget_action_set_enabled (widget, "rejections.mark-seen", FALSE);
  job = g_new0 (Job, 1);
  job->command_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->rejections->len; i++)
    {
      AnjuSyncRejection *rejection = g_ptr_array_index (self->rejections, i);

      g_ptr_array_add (job->command_ids, g_strdup (rejection->command_id));
    }
  anju_worker_run_async (anju_context_get_worker (self->context),
                         mark_seen, job, (GDestroyNotify)job_free, NULL,
                         self->cancellable, on_marked_cb, g_object_ref (self));
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_rejections_dialog_dispose (GObject *object)
{
  AnjuRejectionsDialog *self = (AnjuRejectionsDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ANJU_TYPE_REJECTIONS_DIALOG);

  G_OBJECT_CLASS (anju_rejections_dialog_parent_class)->dispose (object);
}

static void
anju_rejections_dialog_finalize (GObject *object)
{
  AnjuRejectionsDialog *self = (AnjuRejectionsDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rejections, g_ptr_array_unref);

  G_OBJECT_CLASS (anju_rejections_dialog_parent_class)->finalize (object);
}

static void
anju_rejections_dialog_class_init (AnjuRejectionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_rejections_dialog_dispose;
  object_class->finalize = anju_rejections_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-rejections-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuRejectionsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuRejectionsDialog, list_box);

  gtk_widget_class_install_action (widget_class, "rejections.mark-seen", NULL, mark_seen_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
anju_rejections_dialog_init (AnjuRejectionsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rejections.mark-seen", FALSE);
}

AnjuRejectionsDialog *
anju_rejections_dialog_new (GtkWindow   *parent,
                            AnjuContext *context)
{
  AnjuRejectionsDialog *self;
  const AnjuUser *user;
  Job *job;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_REJECTIONS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);

  user = anju_context_get_user (context);
  job = g_new0 (Job, 1);
  job->actor_id = user ? g_strdup (user->id) : NULL;
  anju_worker_run_async (anju_context_get_worker (context),
                         list_rejections, job, (GDestroyNotify)job_free,
                         (GDestroyNotify)g_ptr_array_unref,
                         self->cancellable, on_listed_cb, g_object_ref (self));
  return self;
}

GPtrArray *
anju_rejections_dialog_get_rejections (AnjuRejectionsDialog *self)
{
  g_return_val_if_fail (ANJU_IS_REJECTIONS_DIALOG (self), NULL);

  return self->rejections;
}
