/* anju-script-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-script-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-reception.h"
#include "anju-script-editor.h"
#include "anju-ui-time.h"
#include "anju-ui-util.h"

struct _AnjuScriptEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkDropDown    *kind_dropdown;
  GtkTextView    *text_view;
  GtkLabel       *version_label;
  GtkLabel       *problem_label;

  /* owned */
  AnjuContext    *context;
  GCancellable   *cancellable;
  char           *loaded_text;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (AnjuScriptEditor, anju_script_editor, ADW_TYPE_WINDOW)

/* In the order of the drop-down. */
static const char * const kinds[] = { "greeting", "introduction", "disclosure" };

static const char *
selected_kind (AnjuScriptEditor *self)
{
  guint i = gtk_drop_down_get_selected (self->kind_dropdown);

  return i < G_N_ELEMENTS (kinds) ? kinds[i] : kinds[0];
}

static char *
dup_text (AnjuScriptEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_actions (AnjuScriptEditor *self)
{
  g_autofree char *text = dup_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "script.save",
                                 !self->busy && self->loaded_text != NULL &&
                                 !anju_text_is_blank (text) &&
                                 g_strcmp0 (text, self->loaded_text) != 0);
}

static void
show_problem (AnjuScriptEditor *self,
              const char       *message)
{
  gtk_label_set_label (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

/* ---- loading ----------------------------------------------------------- */

typedef struct
{
  char *project_id;
  char *kind;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->project_id);
  g_free (job->kind);
  g_free (job);
}

static gpointer
load_script (AnjuStore     *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;

  return anju_reception_dup_script (store, job->project_id, job->kind, error);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuScriptEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuScript) script = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  g_autofree char *version = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (script == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  g_free (self->loaded_text);
  self->loaded_text = g_strdup (script->text);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), script->text, -1);
  if (script->version == 0)
    version = g_strdup (_("The standard text. Saving makes version 1 of this project."));
  else
    {
      g_autofree char *when = anju_ui_time_short (script->created_at, 0);

      /* Translators: version number, the person who saved it, when */
      version = g_strdup_printf (_("Version %d, saved by %s on %s. Saving makes version %d."),
                                 script->version,
                                 script->created_by_name ? script->created_by_name : "—",
                                 when, script->version + 1);
    }
  gtk_label_set_label (self->version_label, version);
  update_actions (self);
}

static void
reload (AnjuScriptEditor *self)
{
  const AnjuProject *project = anju_context_get_project (self->context);
  LoadJob *job = g_new0 (LoadJob, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->loaded_text, g_free);
  show_problem (self, NULL);
  update_actions (self);

  job->project_id = g_strdup (project ? project->id : NULL);
  job->kind = g_strdup (selected_kind (self));
  anju_worker_run_async (anju_context_get_worker (self->context), load_script,
                         job, (GDestroyNotify)load_job_free, (GDestroyNotify)anju_script_free,
                         self->cancellable, on_loaded_cb, g_object_ref (self));
}

static void
on_kind_selected_cb (AnjuScriptEditor *self)
{
  if (self->context != NULL)
    reload (self);
}

static void
on_text_changed_cb (AnjuScriptEditor *self)
{
  show_problem (self, NULL);
  update_actions (self);
}

/* ---- saving ------------------------------------------------------------ */

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AnjuScriptEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);
  g_autofree char *message = NULL;
  JsonObject *saved;

  self->busy = FALSE;
  update_actions (self);
  if (answer == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  saved = json_object_get_object_member (answer, "result");
  /* Translators: %d is the new version number of a reception text */
  message = g_strdup_printf (_("Saved as version %d"),
                             (int)json_object_get_int_member_with_default (saved, "version", 0));
  anju_widget_show_toast (GTK_WIDGET (self), message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnjuScriptEditor *self = ANJU_SCRIPT_EDITOR (widget);
  const AnjuProject *project = anju_context_get_project (self->context);
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *text = dup_text (self);

  if (project == NULL)
    return;
  json_object_set_string_member (payload, "project_id", project->id);
  json_object_set_string_member (payload, "kind", selected_kind (self));
  json_object_set_string_member (payload, "text", text);
  self->busy = TRUE;
  update_actions (self);
  anju_context_run_command_async (self->context, "script.set", payload, NULL,
                                  on_saved_cb, g_object_ref (self));
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_script_editor_dispose (GObject *object)
{
  AnjuScriptEditor *self = (AnjuScriptEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_script_editor_parent_class)->dispose (object);
}

static void
anju_script_editor_finalize (GObject *object)
{
  AnjuScriptEditor *self = (AnjuScriptEditor *)object;

  g_free (self->loaded_text);

  G_OBJECT_CLASS (anju_script_editor_parent_class)->finalize (object);
}

static void
anju_script_editor_class_init (AnjuScriptEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_script_editor_dispose;
  object_class->finalize = anju_script_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-script-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuScriptEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AnjuScriptEditor, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AnjuScriptEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, AnjuScriptEditor, version_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuScriptEditor, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed_cb);

  gtk_widget_class_install_action (widget_class, "script.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "script.save", NULL);
}

static void
anju_script_editor_init (AnjuScriptEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

AnjuScriptEditor *
anju_script_editor_new (GtkWindow   *parent,
                        AnjuContext *context,
                        const char  *kind)
{
  AnjuScriptEditor *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_SCRIPT_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kind, kinds[i]))
      gtk_drop_down_set_selected (self->kind_dropdown, i);
  reload (self);
  return self;
}
