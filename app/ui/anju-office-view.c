/* anju-office-view.c — 管理: the office's projects, price lists, people,
 * approval chain and call scripts, for whoever sets the office up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything shown and every button's presence come from core's snapshot
 * (anju_office_dup_setup): the projects with their buildings and price-list
 * version, the people, the chain with how many people each step has and
 * why this office cannot complete it, and can_* for the person looking.
 * The buttons run project.create, project.set_model, building.create,
 * price_list.import and user.create through the context, as any command.
 */
#define G_LOG_DOMAIN "anju-office"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-format.h"
#include "anju-office-view.h"
#include "anju-office.h"
#include "anju-price-lists.h"
#include "anju-ui-util.h"
#include "anju-window.h"

struct _AnjuOfficeView
{
  AdwBin           parent_instance;

  GtkSpinner      *spinner;
  GtkLabel        *status_label;
  GtkWidget       *new_project_button;
  GtkWidget       *add_person_button;
  GtkListBox      *projects_list;
  GtkListBox      *people_list;
  GtkListBox      *chain_list;
  GtkWidget       *scripts_group;

  AnjuContext     *context;
  GCancellable    *cancellable;
  AnjuOfficeSetup *setup;
  guint            n_busy;
  gboolean         filling;
  gpointer         import_job;   /* the price list being read, or NULL */
};

G_DEFINE_FINAL_TYPE (AnjuOfficeView, anju_office_view, ADW_TYPE_BIN)

/* ---- loading ------------------------------------------------------------ */

static gpointer
load_setup (AnjuStore     *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return anju_office_dup_setup (store, data, error);
}

static void fill (AnjuOfficeView *self);

static void
set_busy (AnjuOfficeView *self,
          int             delta)
{
  self->n_busy += delta;
  gtk_spinner_set_spinning (self->spinner, self->n_busy > 0);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuOfficeView) self = user_data;
  g_autoptr(GError) error = NULL;
  AnjuOfficeSetup *setup = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, -1);
  if (setup == NULL)
    {
      gtk_label_set_label (self->status_label, error->message);
      return;
    }
  g_clear_pointer (&self->setup, anju_office_setup_free);
  self->setup = setup;
  fill (self);
}

void
anju_office_view_reload (AnjuOfficeView *self)
{
  const AnjuUser *user = anju_context_get_user (self->context);

  if (user == NULL || !anju_context_get_ready (self->context))
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, +1);
  anju_worker_run_async (anju_context_get_worker (self->context), load_setup,
                         anju_user_copy (user), (GDestroyNotify) anju_user_free,
                         (GDestroyNotify) anju_office_setup_free, self->cancellable, on_loaded_cb,
                         g_object_ref (self));
}

gboolean
anju_office_view_get_busy (AnjuOfficeView *self)
{
  g_return_val_if_fail (ANJU_IS_OFFICE_VIEW (self), FALSE);

  return self->n_busy > 0;
}

/* ---- running a command -------------------------------------------------- */

typedef struct
{
  AnjuOfficeView *self;
  char           *done;   /* the toast on success */
} RunJob;

static void
on_command_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RunJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result, &error);

  set_busy (job->self, -1);
  anju_widget_show_toast (GTK_WIDGET (job->self), answer ? job->done : error->message);
  anju_office_view_reload (job->self);
  g_object_unref (job->self);
  g_free (job->done);
  g_free (job);
}

static void
run_command (AnjuOfficeView *self,
             const char     *type,
             JsonObject     *payload,
             const char     *done)
{
  RunJob *job = g_new0 (RunJob, 1);

  job->self = g_object_ref (self);
  job->done = g_strdup (done);
  set_busy (self, +1);
  anju_context_run_command_async (self->context, type, payload, NULL, on_command_done_cb, job);
}

/* ---- a form in a dialog ------------------------------------------------- */

static GtkWidget *
add_entry (GtkListBox *list,
           const char *title,
           const char *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_name (row, name);
  gtk_list_box_append (list, row);
  return row;
}

static GtkWidget *
add_spin (GtkListBox *list,
          const char *title,
          const char *name,
          double      value,
          double      upper)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, upper, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  gtk_list_box_append (list, row);
  return spin;
}

static GtkWidget *
add_combo (GtkListBox  *list,
           const char  *title,
           const char  *name,
           GtkStringList *labels,
           guint        selected)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_name (row, name);
  gtk_list_box_append (list, row);
  return row;
}

/* A dialog over the window with a form and Cancel / @action; the form's
 * list is returned through @form. */
static AdwMessageDialog *
form_dialog_new (AnjuOfficeView  *self,
                 const char      *heading,
                 const char      *body,
                 const char      *action,
                 GtkListBox     **form)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "ok", action, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  *form = GTK_LIST_BOX (list);
  return ADW_MESSAGE_DIALOG (dialog);
}

static const char *
entry_text (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_text_member (JsonObject *payload,
                 const char *member,
                 const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped != '\0')
    json_object_set_string_member (payload, member, stripped);
}

/* ---- new project -------------------------------------------------------- */

static void
on_new_project_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            AnjuOfficeView   *self)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  GtkWidget *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkWidget *city = g_object_get_data (G_OBJECT (dialog), "city");
  GtkWidget *model = g_object_get_data (G_OBJECT (dialog), "model");
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (model));
  g_autofree char *done = NULL;

  if (!g_str_equal (response, "ok") || self->setup == NULL)
    return;
  /* an empty name goes to core, which says what to write */
  json_object_set_string_member (payload, "name", entry_text (name));
  set_text_member (payload, "city", entry_text (city));
  if (selected < self->setup->model_ids->len)
    json_object_set_string_member (payload, "segmentation_model",
                                   g_ptr_array_index (self->setup->model_ids, selected));
  /* Translators: a project was created; its name */
  done = g_strdup_printf (_("Project “%s” created. Add its buildings, then import its price list."),
                          entry_text (name));
  run_command (self, "project.create", payload, done);
}

static GtkStringList *
model_labels (AnjuOfficeSetup *setup)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < setup->model_names->len; i++)
    gtk_string_list_append (labels, g_ptr_array_index (setup->model_names, i));
  return labels;
}

static void
new_project (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnjuOfficeView *self = ANJU_OFFICE_VIEW (widget);
  g_autoptr(GtkStringList) labels = NULL;
  AdwMessageDialog *dialog;
  GtkListBox *form;

  if (self->setup == NULL || !self->setup->can_create_project)
    return;
  dialog = form_dialog_new (self, _("New Project"),
                            _("The project’s name as buyers know it. Its buildings and price list come next."),
                            _("C_reate"), &form);
  labels = model_labels (self->setup);
  g_object_set_data (G_OBJECT (dialog), "name", add_entry (form, _("Project name"), "project-name"));
  g_object_set_data (G_OBJECT (dialog), "city", add_entry (form, _("City"), "project-city"));
  g_object_set_data (G_OBJECT (dialog), "model",
                     add_combo (form, _("Customer segmentation model"), "project-model", labels, 0));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_project_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a project's model -------------------------------------------------- */

static void
on_model_selected_cb (AdwComboRow    *row,
                      GParamSpec     *pspec,
                      AnjuOfficeView *self)
{
  AnjuOfficeProject *p = g_object_get_data (G_OBJECT (row), "anju-project");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(JsonObject) payload = json_object_new ();
  const char *model_id;
  g_autofree char *done = NULL;

  if (self->filling || self->setup == NULL || selected >= self->setup->model_ids->len)
    return;
  model_id = g_ptr_array_index (self->setup->model_ids, selected);
  if (g_strcmp0 (model_id, p->project->segmentation_model) == 0)
    return;
  json_object_set_string_member (payload, "project_id", p->project->id);
  json_object_set_string_member (payload, "segmentation_model", model_id);
  /* Translators: a project, and the customer segmentation model it now uses */
  done = g_strdup_printf (_("%s now segments its customers with %s."), p->project->name,
                          (const char *) g_ptr_array_index (self->setup->model_names, selected));
  run_command (self, "project.set_model", payload, done);
}

/* ---- add a building ----------------------------------------------------- */

static void
on_add_building_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             AnjuOfficeView   *self)
{
  const char *project_id = g_object_get_data (G_OBJECT (dialog), "project-id");
  GtkWidget *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkWidget *floors = g_object_get_data (G_OBJECT (dialog), "floors");
  GtkWidget *per_floor = g_object_get_data (G_OBJECT (dialog), "per-floor");
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *done = NULL;

  if (!g_str_equal (response, "ok"))
    return;
  json_object_set_string_member (payload, "project_id", project_id);
  json_object_set_string_member (payload, "name", entry_text (name));
  json_object_set_int_member (payload, "floors", gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (floors)));
  json_object_set_int_member (payload, "units_per_floor",
                              gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (per_floor)));
  /* Translators: a building was added; its name */
  done = g_strdup_printf (_("Building %s added. Import the price list to put its units on the board."),
                          entry_text (name));
  run_command (self, "building.create", payload, done);
}

static void
on_add_building_clicked_cb (GtkButton      *button,
                            AnjuOfficeView *self)
{
  AnjuOfficeProject *p = g_object_get_data (G_OBJECT (button), "anju-project");
  AdwMessageDialog *dialog;
  GtkListBox *form;
  /* Translators: the dialog adding a building to a project */
  g_autofree char *body = g_strdup_printf (_("A building of %s, with its floors above ground."),
                                           p->project->name);

  dialog = form_dialog_new (self, _("Add Building"), body, _("_Add"), &form);
  g_object_set_data_full (G_OBJECT (dialog), "project-id", g_strdup (p->project->id), g_free);
  g_object_set_data (G_OBJECT (dialog), "name", add_entry (form, _("Building name, such as 1幢"), "building-name"));
  g_object_set_data (G_OBJECT (dialog), "floors", add_spin (form, _("Floors"), "building-floors", 18, 200));
  g_object_set_data (G_OBJECT (dialog), "per-floor",
                     add_spin (form, _("Units per floor"), "building-units-per-floor", 4, 99));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_building_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- import a price list ------------------------------------------------ */

typedef struct
{
  char      *project_id;
  char      *path;
  GPtrArray *problems;   /* filled by the job when the file is at fault */
} ReadJob;

static void read_job_free (ReadJob *job);

static void
read_job_free (ReadJob *job)
{
  g_free (job->project_id);
  g_free (job->path);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_free (job);
}

/* On the worker: the file read and checked against the store; the
 * price_list.import payload, or NULL with every problem in job->problems. */
static gpointer
read_price_list (AnjuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  ReadJob *job = data;
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;
  gsize length = 0;

  if (!g_file_get_contents (job->path, &text, &length, error))
    return NULL;
  note = g_path_get_basename (job->path);
  return anju_price_list_read_csv (store, job->project_id, text, length, note, &job->problems, error);
}

static void
show_problems (AnjuOfficeView *self,
               const char     *file,
               GPtrArray      *problems,
               const char     *message)
{
  g_autofree char *text = problems && problems->len ? anju_import_problems_to_string (problems) : NULL;
  /* Translators: a price list file that was refused whole */
  g_autofree char *heading = g_strdup_printf (_("%s Was Not Imported"), file);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, text ? text : message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_price_list_read_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AnjuOfficeView) self = user_data;
  ReadJob *job = self->import_job;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payload = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  g_autofree char *file = NULL;

  set_busy (self, -1);
  self->import_job = NULL;
  if (payload == NULL)
    {
      file = g_path_get_basename (job->path);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problems (self, file, job->problems, error->message);
      read_job_free (job);
      return;
    }
  read_job_free (job);
  run_command (self, "price_list.import", payload, _("Price list imported; the board shows the new prices."));
}

static void
on_price_list_chosen_cb (GtkNativeDialog *chooser,
                         int              response,
                         AnjuOfficeView  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) &&
      (path = g_file_get_path (file)))
    anju_office_view_import_price_list (self, g_object_get_data (G_OBJECT (chooser), "project-id"), path);
  g_object_unref (chooser);
}

void
anju_office_view_import_price_list (AnjuOfficeView *self,
                                    const char     *project_id,
                                    const char     *path)
{
  ReadJob *job;

  g_return_if_fail (ANJU_IS_OFFICE_VIEW (self));

  /* one file at a time */
  if (self->import_job != NULL)
    return;
  job = g_new0 (ReadJob, 1);
  job->project_id = g_strdup (project_id);
  job->path = g_strdup (path);
  set_busy (self, +1);
  /* the view keeps the job until the answer: its problems are read after
   * the worker is done with it */
  self->import_job = job;
  anju_worker_run_async (anju_context_get_worker (self->context), read_price_list, job, NULL,
                         (GDestroyNotify) json_object_unref, NULL, on_price_list_read_cb,
                         g_object_ref (self));
}

static void
on_import_clicked_cb (GtkButton      *button,
                      AnjuOfficeView *self)
{
  AnjuOfficeProject *p = g_object_get_data (G_OBJECT (button), "anju-project");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose the Price List"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("Price lists (CSV UTF-8)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  g_object_set_data_full (G_OBJECT (chooser), "project-id", g_strdup (p->project->id), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_price_list_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- add a person ------------------------------------------------------- */

static void
on_add_person_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           AnjuOfficeView   *self)
{
  GtkWidget *username = g_object_get_data (G_OBJECT (dialog), "username");
  GtkWidget *display = g_object_get_data (G_OBJECT (dialog), "display");
  GtkWidget *role = g_object_get_data (G_OBJECT (dialog), "role");
  GtkWidget *password = g_object_get_data (G_OBJECT (dialog), "password");
  const AnjuRole *roles = anju_office_get_roles ();
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!g_str_equal (response, "ok"))
    return;
  payload = anju_user_dup_create_payload (entry_text (username), entry_text (display),
                                          roles[adw_combo_row_get_selected (ADW_COMBO_ROW (role))],
                                          entry_text (password), &error);
  if (payload == NULL)
    {
      anju_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  /* Translators: a person was added; their user name */
  done = g_strdup_printf (_("%s can sign in now."), entry_text (username));
  run_command (self, "user.create", payload, done);
}

static void
add_person (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AnjuOfficeView *self = ANJU_OFFICE_VIEW (widget);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;
  GtkListBox *form;
  GtkWidget *password;

  if (self->setup == NULL || !self->setup->can_add_user)
    return;
  for (const AnjuRole *r = anju_office_get_roles (); *r != 0; r++)
    gtk_string_list_append (labels, anju_role_get_label (*r));
  dialog = form_dialog_new (self, _("Add Person"),
                            _("They sign in with this user name and password, at any desk of the office."),
                            _("_Add"), &form);
  g_object_set_data (G_OBJECT (dialog), "username", add_entry (form, _("User name"), "person-username"));
  g_object_set_data (G_OBJECT (dialog), "display", add_entry (form, _("Name as shown"), "person-display-name"));
  g_object_set_data (G_OBJECT (dialog), "role", add_combo (form, _("Role"), "person-role", labels, 0));
  password = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (password), _("Password (at least 8 characters)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (password), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  gtk_widget_set_name (password, "person-password");
  gtk_list_box_append (form, password);
  g_object_set_data (G_OBJECT (dialog), "password", password);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_person_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- filling ------------------------------------------------------------ */

static GtkWidget *
flat_button (const char *label,
             const char *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, name);
  return button;
}

static GtkWidget *
create_project_row (AnjuOfficeView    *self,
                    AnjuOfficeProject *p)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *prices = NULL;

  if (p->price_version > 0)
    {
      g_autofree char *when = anju_format_datetime_iso (p->price_imported_at);

      /* Translators: the latest price list's version and when it came */
      prices = g_strdup_printf (_("price list version %lld of %s"), (long long) p->price_version, when);
    }
  else
    prices = g_strdup (_("no price list yet"));
  /* Translators: a project's city, buildings, units on the board and price list */
  subtitle = g_strdup_printf (_("%s · %u buildings · %lld units · %s"),
                              p->project->city ? p->project->city : "—", p->buildings->len,
                              (long long) p->units, prices);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->project->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, p->project->name, -1);
  gtk_widget_set_name (row, p->project->id);

  for (guint i = 0; i < p->buildings->len; i++)
    {
      AnjuOfficeBuilding *b = g_ptr_array_index (p->buildings, i);
      GtkWidget *child = adw_action_row_new ();
      /* Translators: a building's floors, units per floor and units on the board */
      g_autofree char *text = g_strdup_printf (_("%lld floors × %lld units a floor · %lld units on the board"),
                                               (long long) b->floors, (long long) b->units_per_floor,
                                               (long long) b->units);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child), b->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (child), text);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
    }
  if (p->buildings->len == 0)
    {
      GtkWidget *child = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child), _("No buildings yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (child),
                                   _("Add the buildings, then import the price list: it puts the units on the board."));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
    }

  {
    g_autoptr(GtkStringList) labels = model_labels (self->setup);
    GtkWidget *model = adw_combo_row_new ();
    guint current = 0;

    for (guint i = 0; i < self->setup->model_ids->len; i++)
      if (g_strcmp0 (g_ptr_array_index (self->setup->model_ids, i), p->project->segmentation_model) == 0)
        current = i;
    adw_combo_row_set_model (ADW_COMBO_ROW (model), G_LIST_MODEL (labels));
    adw_combo_row_set_selected (ADW_COMBO_ROW (model), current);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (model), _("Customer segmentation model"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (model), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Customer segmentation model"), -1);
    gtk_widget_set_name (model, "project-model");
    gtk_widget_set_sensitive (model, self->setup->can_set_model);
    g_object_set_data (G_OBJECT (model), "anju-project", p);
    g_signal_connect_object (model, "notify::selected", G_CALLBACK (on_model_selected_cb), self, 0);
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), model);
  }

  if (self->setup->can_add_building || self->setup->can_import_prices)
    {
      GtkWidget *actions = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (actions), _("Buildings and prices"));
      if (self->setup->can_add_building)
        {
          GtkWidget *button = flat_button (_("Add _Building…"), "add-building");

          g_object_set_data (G_OBJECT (button), "anju-project", p);
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_add_building_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (actions), button);
        }
      if (self->setup->can_import_prices)
        {
          GtkWidget *button = flat_button (_("_Import Price List…"), "import-price-list");

          g_object_set_data (G_OBJECT (button), "anju-project", p);
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_import_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (actions), button);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions);
    }
  return row;
}

static void
fill (AnjuOfficeView *self)
{
  AnjuOfficeSetup *s = self->setup;

  self->filling = TRUE;
  gtk_label_set_label (self->status_label, "");
  gtk_widget_set_visible (self->new_project_button, s->can_create_project);
  gtk_widget_set_visible (self->add_person_button, s->can_add_user);
  gtk_widget_set_visible (self->scripts_group, s->can_set_scripts);

  anju_ui_list_box_clear (self->projects_list);
  for (guint i = 0; i < s->projects->len; i++)
    gtk_list_box_append (self->projects_list, create_project_row (self, g_ptr_array_index (s->projects, i)));

  anju_ui_list_box_clear (self->people_list);
  for (guint i = 0; i < s->people->len; i++)
    {
      const AnjuUser *u = g_ptr_array_index (s->people, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a person's role and user name */
      g_autofree char *subtitle = g_strdup_printf (_("%s · signs in as %s"), anju_role_get_label (u->role),
                                                   u->username);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), u->display_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->people_list, row);
    }

  anju_ui_list_box_clear (self->chain_list);
  for (guint i = 0; i < s->chain->len; i++)
    {
      const AnjuOfficeChainStep *step = g_ptr_array_index (s->chain, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%d. %s", step->step, step->title ? step->title : "");
      /* Translators: the role deciding a chain step, and how many such people the office has */
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u person in this office",
                                                                "%s · %u people in this office", step->n_people),
                                                   step->role_label, step->n_people);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->chain_list, row);
    }
  if (s->chain_problem != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("This office cannot complete the chain"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s->chain_problem);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_name (row, "chain-problem");
      gtk_list_box_append (self->chain_list, row);
    }
  self->filling = FALSE;
}

static void
on_open_scripts_clicked_cb (GtkButton      *button,
                            AnjuOfficeView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ANJU_IS_WINDOW (root))
    anju_window_show_view (ANJU_WINDOW (root), "settings");
}

static void
on_context_changed_cb (AnjuOfficeView     *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "projects", "units", "users", NULL };

  if (anju_topics_match (topics, watched) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    anju_office_view_reload (self);
}

/* ---- GtkWidget / GObject ------------------------------------------------ */

static void
anju_office_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (anju_office_view_parent_class)->map (widget);
  anju_office_view_reload (ANJU_OFFICE_VIEW (widget));
}

static void
anju_office_view_dispose (GObject *object)
{
  AnjuOfficeView *self = ANJU_OFFICE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->setup, anju_office_setup_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_office_view_parent_class)->dispose (object);
}

static void
anju_office_view_class_init (AnjuOfficeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_office_view_dispose;
  widget_class->map = anju_office_view_map;
  gtk_widget_class_install_action (widget_class, "office.new-project", NULL, new_project);
  gtk_widget_class_install_action (widget_class, "office.add-person", NULL, add_person);
}

static GtkListBox *
add_group (GtkBox      *box,
           const char  *title,
           const char  *description,
           const char  *placeholder,
           GtkWidget   *suffix,
           GtkWidget  **group_out)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (suffix != NULL)
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  anju_ui_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (box, group);
  if (group_out != NULL)
    *group_out = group;
  return GTK_LIST_BOX (list);
}

static void
anju_office_view_init (AnjuOfficeView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Office Setup"));
  GtkWidget *scripts_row = adw_action_row_new ();
  GtkWidget *scripts_button = flat_button (_("_Open"), "open-scripts");
  GtkListBox *scripts_list;

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), header);

  self->new_project_button = flat_button (_("_New Project…"), "new-project");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_project_button), "office.new-project");
  self->projects_list = add_group (GTK_BOX (box), _("Projects"),
                                   _("Each project’s buildings, price list and customer segmentation model."),
                                   _("No project yet. Create the project, add its buildings, then import its price list."),
                                   self->new_project_button, NULL);
  self->add_person_button = flat_button (_("_Add Person…"), "add-person");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_person_button), "office.add-person");
  self->people_list = add_group (GTK_BOX (box), _("People"),
                                 _("Everyone who signs in at the office’s desks, by role."),
                                 _("Nobody can sign in yet."), self->add_person_button, NULL);
  self->chain_list = add_group (GTK_BOX (box), _("Approval Chain"),
                                _("Who decides a discount beyond a consultant’s range, step by step. Each step is decided by a different person."),
                                _("No project, so no chain yet."), NULL, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (scripts_row), _("Reception scripts"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (scripts_row),
                               _("The greeting, the phone script and the risk notice, in Settings."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (scripts_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open the reception scripts"), -1);
  g_signal_connect_object (scripts_button, "clicked", G_CALLBACK (on_open_scripts_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (scripts_row), scripts_button);
  scripts_list = add_group (GTK_BOX (box), _("Call Scripts"), NULL, NULL, NULL, &self->scripts_group);
  gtk_list_box_append (scripts_list, scripts_row);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_bin_set_child (ADW_BIN (self), scroller);
}

GtkWidget *
anju_office_view_new (AnjuContext *context)
{
  AnjuOfficeView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_OFFICE_VIEW, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
