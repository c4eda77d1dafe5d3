/* anju-rotation-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-rotation-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-rotation.h"
#include "anju-rotation-editor.h"
#include "anju-ui-jobs.h"
#include "anju-ui-time.h"
#include "anju-ui-util.h"

struct _AnjuRotationEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkListBox     *list;
  GtkLabel       *problem_label;

  /* owned */
  AnjuContext    *context;
  GCancellable   *cancellable;
  char           *local_date;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (AnjuRotationEditor, anju_rotation_editor, ADW_TYPE_WINDOW)

static void
show_problem (AnjuRotationEditor *self,
              const char         *message)
{
  gtk_label_set_label (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

/* ---- moving the cards -------------------------------------------------- */

static void
number_rows (AnjuRotationEditor *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "anju-check");
      g_autofree char *subtitle = NULL;

      if (check == NULL)
        continue;
      if (gtk_check_button_get_active (check))
        /* Translators: the place of a consultant's card in the day's rotation */
        subtitle = g_strdup_printf (_("Card %u"), ++n);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : _("Not on duty"));
    }
}

static void
on_move_clicked_cb (GtkButton          *button,
                    AnjuRotationEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "anju-delta"));
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  int n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  if (index + delta < 0 || index + delta >= n)
    return;
  g_object_ref (row);
  gtk_list_box_remove (self->list, row);
  gtk_list_box_insert (self->list, row, index + delta);
  g_object_unref (row);
  gtk_widget_grab_focus (GTK_WIDGET (button));
  number_rows (self);
}

static void
add_row (AnjuRotationEditor *self,
         AnjuUser           *user,
         gboolean            on_duty)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *up = gtk_button_new_from_icon_name ("go-up-symbolic");
  GtkWidget *down = gtk_button_new_from_icon_name ("go-down-symbolic");
  g_autofree char *up_label = g_strdup_printf (_("Move %s up"), user->display_name);
  g_autofree char *down_label = g_strdup_printf (_("Move %s down"), user->display_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->display_name);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on_duty);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  user->display_name, -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (number_rows), self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = i == 0 ? up : down;

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, i == 0 ? up_label : down_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      i == 0 ? up_label : down_label, -1);
      g_object_set_data (G_OBJECT (button), "anju-delta", GINT_TO_POINTER (i == 0 ? -1 : 1));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_move_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  g_object_set_data (G_OBJECT (row), "anju-check", check);
  g_object_set_data_full (G_OBJECT (row), "anju-user-id", g_strdup (user->id), g_free);
  gtk_list_box_append (self->list, row);
}

/* ---- loading ----------------------------------------------------------- */

typedef struct
{
  GPtrArray       *colleagues;
  AnjuRotationDay *day;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->colleagues, g_ptr_array_unref);
  g_clear_pointer (&loaded->day, anju_rotation_day_free);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_rotation (AnjuStore     *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  if (!(loaded->colleagues = anju_ui_job_list_colleagues (store, NULL, cancellable, error)))
    return NULL;
  if (!(loaded->day = anju_rotation_load_day (store, NULL, data, error)))
    return NULL;
  return g_steal_pointer (&loaded);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuRotationEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  g_autoptr(GHashTable) placed = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (loaded == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  placed = g_hash_table_new (g_str_hash, g_str_equal);
  /* Today's cards first, in their order; then everyone else, off duty. */
  for (guint i = 0; i < loaded->day->entries->len; i++)
    {
      AnjuRotationEntry *entry = g_ptr_array_index (loaded->day->entries, i);

      for (guint j = 0; j < loaded->colleagues->len; j++)
        {
          AnjuUser *user = g_ptr_array_index (loaded->colleagues, j);

          if (g_str_equal (user->id, entry->consultant_id))
            {
              add_row (self, user, TRUE);
              g_hash_table_add (placed, user->id);
            }
        }
    }
  for (guint j = 0; j < loaded->colleagues->len; j++)
    {
      AnjuUser *user = g_ptr_array_index (loaded->colleagues, j);

      if (!g_hash_table_contains (placed, user->id))
        add_row (self, user, loaded->day->day_id == NULL && anju_rotation_proposes_on_duty (user));
    }
  number_rows (self);
}

/* ---- saving ------------------------------------------------------------ */

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AnjuRotationEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);

  self->busy = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rotation.save", TRUE);
  if (answer == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  anju_widget_show_toast (GTK_WIDGET (self), _("Today’s rotation is set"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnjuRotationEditor *self = ANJU_ROTATION_EDITOR (widget);
  const AnjuProject *project = anju_context_get_project (self->context);
  g_autoptr(JsonObject) payload = json_object_new ();
  JsonArray *consultants = json_array_new ();

  if (self->busy)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "anju-check");

      if (check != NULL && gtk_check_button_get_active (check))
        json_array_add_string_element (consultants, g_object_get_data (G_OBJECT (row),
                                                                       "anju-user-id"));
    }
  if (project != NULL)
    json_object_set_string_member (payload, "project_id", project->id);
  json_object_set_string_member (payload, "local_date", self->local_date);
  json_object_set_array_member (payload, "consultants", consultants);
  self->busy = TRUE;
  gtk_widget_action_set_enabled (widget, "rotation.save", FALSE);
  anju_context_run_command_async (self->context, "rotation.set_day", payload, NULL,
                                  on_saved_cb, g_object_ref (self));
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_rotation_editor_dispose (GObject *object)
{
  AnjuRotationEditor *self = (AnjuRotationEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_rotation_editor_parent_class)->dispose (object);
}

static void
anju_rotation_editor_finalize (GObject *object)
{
  AnjuRotationEditor *self = (AnjuRotationEditor *)object;

  g_free (self->local_date);

  G_OBJECT_CLASS (anju_rotation_editor_parent_class)->finalize (object);
}

static void
anju_rotation_editor_class_init (AnjuRotationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_rotation_editor_dispose;
  object_class->finalize = anju_rotation_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-rotation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuRotationEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AnjuRotationEditor, list);
  gtk_widget_class_bind_template_child (widget_class, AnjuRotationEditor, problem_label);

  gtk_widget_class_install_action (widget_class, "rotation.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
anju_rotation_editor_init (AnjuRotationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

AnjuRotationEditor *
anju_rotation_editor_new (GtkWindow   *parent,
                          AnjuContext *context)
{
  AnjuRotationEditor *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_ROTATION_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);
  self->local_date = anju_ui_time_local_date (anju_context_get_now (context));
  adw_window_title_set_subtitle (self->window_title, self->local_date);
  anju_worker_run_async (anju_context_get_worker (context), load_rotation,
                         g_strdup (self->local_date), g_free, (GDestroyNotify)loaded_free,
                         self->cancellable, on_loaded_cb, g_object_ref (self));
  return self;
}
