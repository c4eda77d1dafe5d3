/* anju-care-view.c — 维护: the project's care calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A year of the current project's care calendar as core lists it
 * (anju_care_list_events): the holidays and the construction milestones
 * with their days, how many SMS and calls each made and how many are
 * done. Who may plan the year (care.plan_year) gets the button; who
 * may add a milestone (care.add_milestone) gets the form, whose kinds come
 * from core. The commands go through the context, which asks the office
 * server on a connected desk.
 */
#define G_LOG_DOMAIN "anju-care"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-care-view.h"
#include "anju-care.h"
#include "anju-command.h"
#include "anju-format.h"
#include "anju-ui-time.h"
#include "anju-ui-util.h"

struct _AnjuCareView
{
  AdwBin         parent_instance;

  GtkSpinButton *year_spin;
  GtkWidget     *plan_button;
  GtkSpinner    *spinner;
  GtkLabel      *summary_label;
  GtkListBox    *events_list;
  GtkWidget     *milestone_group;
  AdwComboRow   *kind_row;
  AdwEntryRow   *title_row;
  AdwEntryRow   *date_row;

  AnjuContext   *context;
  GCancellable  *cancellable;
  guint          n_loading;
  gboolean       running;
  gboolean       dirty;
  guint          n_events;
};

G_DEFINE_FINAL_TYPE (AnjuCareView, anju_care_view, ADW_TYPE_BIN)

static void reload (AnjuCareView *self);

/* ---- what the person may do ------------------------------------------------ */

static void
update_actions (AnjuCareView *self)
{
  gboolean may_plan = self->context != NULL && anju_context_may (self->context, "care.plan_year");
  gboolean may_add = self->context != NULL && anju_context_may (self->context, "care.add_milestone");

  gtk_widget_set_visible (self->plan_button, may_plan);
  gtk_widget_set_visible (self->milestone_group, may_add);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "care.plan", may_plan && !self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "care.add-milestone", may_add && !self->running);
}

static const char *
project_id (AnjuCareView *self)
{
  const AnjuProject *project = anju_context_get_project (self->context);

  return project ? project->id : NULL;
}

/* ---- the calendar --------------------------------------------------------- */

static GtkWidget *
create_event_row (const AnjuCareEvent *e)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *counts;
  const char *kind = g_str_equal (e->kind, "holiday") ? _("Holiday") : anju_care_topic_get_label (e->topic);
  g_autofree char *subtitle = NULL, *counts_text = NULL, *label = NULL;

  if (e->past)
    /* Translators: a care event's day and kind, and that its day has passed */
    subtitle = g_strdup_printf (_("%s · %s · passed"), e->date, kind);
  else
    /* Translators: a care event's day and kind ("2027-02-06 · Holiday") */
    subtitle = g_strdup_printf (_("%s · %s"), e->date, kind);
  /* Translators: what a care event made: SMS sent of made, calls made of planned */
  counts_text = g_strdup_printf (_("SMS %u/%u sent · calls %u/%u made"),
                                 e->sms_sent, e->sms_total, e->calls_done, e->calls_total);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  counts = gtk_label_new (counts_text);
  gtk_widget_add_css_class (counts, "numeric");
  gtk_widget_add_css_class (counts, e->done ? "status-done" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), counts);
  if (e->done)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, "status-done");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  if (e->past && !e->done)
    gtk_widget_add_css_class (row, "dim-label");
  gtk_widget_set_name (row, e->id);
  /* Translators: a care event for screen readers: its title, day and what it made */
  label = g_strdup_printf (_("%s, %s, %s"), e->title, subtitle, counts_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

static void
fill (AnjuCareView *self,
      GPtrArray    *events)
{
  guint sms = 0, sent = 0, calls = 0, made = 0;
  g_autofree char *summary = NULL;

  anju_ui_list_box_clear (self->events_list);
  for (guint i = 0; i < events->len; i++)
    {
      AnjuCareEvent *e = g_ptr_array_index (events, i);

      gtk_list_box_append (self->events_list, create_event_row (e));
      sms += e->sms_total;
      sent += e->sms_sent;
      calls += e->calls_total;
      made += e->calls_done;
    }
  self->n_events = events->len;
  /* Translators: the year's care calendar in one line */
  summary = g_strdup_printf (ngettext ("%u event · SMS %u/%u sent · calls %u/%u made",
                                       "%u events · SMS %u/%u sent · calls %u/%u made", events->len),
                             events->len, sent, sms, made, calls);
  gtk_label_set_label (self->summary_label, summary);
}

typedef struct
{
  char *project_id;
  int   year;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->project_id);
  g_free (job);
}

static gpointer
load_events (AnjuStore     *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;

  return anju_care_list_events (store, job->project_id, job->year, error);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuCareView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  self->n_loading--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->spinner, self->n_loading > 0 || self->running);
  if (events == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  fill (self, events);
}

static void
reload (AnjuCareView *self)
{
  LoadJob *job;

  if (self->context == NULL || anju_context_get_user (self->context) == NULL ||
      !anju_context_get_ready (self->context))
    return;
  self->dirty = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_loading++;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  job = g_new0 (LoadJob, 1);
  job->project_id = g_strdup (project_id (self));
  job->year = gtk_spin_button_get_value_as_int (self->year_spin);
  anju_worker_run_async (anju_context_get_worker (self->context), load_events, job,
                         (GDestroyNotify) load_job_free, (GDestroyNotify) g_ptr_array_unref,
                         self->cancellable, on_loaded_cb, g_object_ref (self));
}

/* ---- planning and adding ---------------------------------------------------- */

static void
set_running (AnjuCareView *self,
             gboolean      running)
{
  self->running = running;
  gtk_spinner_set_spinning (self->spinner, running || self->n_loading > 0);
  update_actions (self);
}

static void
on_planned_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AnjuCareView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result, &error);
  g_autofree char *message = NULL;
  JsonObject *reply;
  guint events, sms, tasks, owners;

  set_running (self, FALSE);
  if (answer == NULL)
    {
      anju_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  reply = json_object_get_object_member (answer, "result");
  events = json_array_get_length (json_object_get_array_member (reply, "event_ids"));
  sms = json_array_get_length (json_object_get_array_member (reply, "sms_ids"));
  tasks = json_array_get_length (json_object_get_array_member (reply, "task_ids"));
  owners = (guint) json_object_get_int_member (reply, "owners");
  /* Translators: after planning a year: holidays, then SMS, tasks and owners */
  message = g_strdup_printf (_("%u holidays on the calendar; %u SMS and %u tasks made for %u owners."),
                             events, sms, tasks, owners);
  anju_widget_show_toast (GTK_WIDGET (self), message);
  reload (self);
}

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnjuCareView *self = ANJU_CARE_VIEW (widget);
  g_autoptr(JsonObject) payload = json_object_new ();

  if (self->running)
    return;
  if (project_id (self) != NULL)
    json_object_set_string_member (payload, "project_id", project_id (self));
  json_object_set_int_member (payload, "year", gtk_spin_button_get_value_as_int (self->year_spin));
  set_running (self, TRUE);
  anju_context_run_command_async (self->context, "care.plan_year", payload, NULL,
                                  on_planned_cb, g_object_ref (self));
}

static GtkWidget *
field_widget (AnjuCareView *self,
              const char   *field)
{
  if (g_strcmp0 (field, "kind") == 0)
    return GTK_WIDGET (self->kind_row);
  if (g_strcmp0 (field, "title") == 0)
    return GTK_WIDGET (self->title_row);
  if (g_strcmp0 (field, "date") == 0)
    return GTK_WIDGET (self->date_row);
  return NULL;
}

static void
clear_field_errors (AnjuCareView *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->kind_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
}

static void
on_milestone_added_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AnjuCareView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result, &error);
  g_autofree char *message = NULL;
  JsonObject *reply;
  GtkWidget *field;

  set_running (self, FALSE);
  if (answer == NULL)
    {
      field = field_widget (self, anju_command_error_get_field (error));
      if (field != NULL)
        {
          gtk_widget_add_css_class (field, "error");
          gtk_widget_grab_focus (field);
        }
      anju_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  reply = json_object_get_object_member (answer, "result");
  /* Translators: after adding a milestone: how many owners hear of it */
  message = g_strdup_printf (ngettext ("Milestone added: %u owner will hear of it.",
                                       "Milestone added: %u owners will hear of it.",
                                       (gulong) json_object_get_int_member (reply, "owners")),
                             (guint) json_object_get_int_member (reply, "owners"));
  anju_widget_show_toast (GTK_WIDGET (self), message);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), "");
  reload (self);
}

static void
add_milestone_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AnjuCareView *self = ANJU_CARE_VIEW (widget);
  const char * const *kinds = anju_care_get_milestone_kinds ();
  guint selected = adw_combo_row_get_selected (self->kind_row);
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));

  if (self->running)
    return;
  clear_field_errors (self);
  if (project_id (self) != NULL)
    json_object_set_string_member (payload, "project_id", project_id (self));
  if (selected < g_strv_length ((char **) kinds))
    json_object_set_string_member (payload, "kind", kinds[selected]);
  json_object_set_string_member (payload, "title", title);
  json_object_set_string_member (payload, "date", date);
  set_running (self, TRUE);
  anju_context_run_command_async (self->context, "care.add_milestone", payload, NULL,
                                  on_milestone_added_cb, g_object_ref (self));
}

/* ---- signals -------------------------------------------------------------------- */

static void
on_context_changed_cb (AnjuCareView       *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "care", "sms", "tasks", NULL };

  if (!anju_topics_match (topics, watched))
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->dirty = TRUE;
}

static void
on_user_changed_cb (AnjuCareView *self)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  clear_field_errors (self);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), "");
  fill (self, none);
  update_actions (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->dirty = TRUE;
}

static void
on_year_changed_cb (AnjuCareView *self)
{
  reload (self);
}

static void
on_field_changed_cb (GtkWidget *field)
{
  gtk_widget_remove_css_class (field, "error");
}

/* ---- GtkWidget / GObject ------------------------------------------------------------ */

static void
anju_care_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (anju_care_view_parent_class)->map (widget);
  /* the day may have passed while hidden */
  reload (ANJU_CARE_VIEW (widget));
}

static void
anju_care_view_dispose (GObject *object)
{
  AnjuCareView *self = ANJU_CARE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_care_view_parent_class)->dispose (object);
}

static void
anju_care_view_class_init (AnjuCareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_care_view_dispose;
  widget_class->map = anju_care_view_map;

  gtk_widget_class_install_action (widget_class, "care.plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "care.add-milestone", NULL, add_milestone_action);
}

static GtkWidget *
build_milestone_form (AnjuCareView *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add Milestone"));
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const char * const *ids = anju_care_get_milestone_kinds ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Add a Construction Milestone"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Every owner gets the news by SMS, and their consultant a call to make."));
  for (guint i = 0; ids[i] != NULL; i++)
    gtk_string_list_append (kinds, anju_care_topic_get_label (ids[i]));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Kind"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title (what owners read)"));
  self->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("Day (YYYY-MM-DD)"));
  g_signal_connect (self->title_row, "changed", G_CALLBACK (on_field_changed_cb), NULL);
  g_signal_connect (self->date_row, "changed", G_CALLBACK (on_field_changed_cb), NULL);
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (on_field_changed_cb), NULL);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add a Construction Milestone"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->kind_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->title_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->date_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "care.add-milestone");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_add_css_class (button, "suggested-action");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
  return group;
}

static void
anju_care_view_init (AnjuCareView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Care Calendar"));
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *year_label = gtk_label_new_with_mnemonic (_("_Year"));
  g_autoptr(GDateTime) now = g_date_time_new_now (anju_format_get_time_zone ());
  int first = 2000, last = 2100;

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);

  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  anju_care_get_years (&first, &last);
  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (first, last, 1));
  gtk_spin_button_set_value (self->year_spin, CLAMP (g_date_time_get_year (now), first, last));
  gtk_label_set_mnemonic_widget (GTK_LABEL (year_label), GTK_WIDGET (self->year_spin));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Year"), -1);
  self->plan_button = gtk_button_new_with_mnemonic (_("_Plan the Year's Holidays"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->plan_button), "care.plan");
  gtk_widget_add_css_class (self->plan_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->plan_button,
                               _("Puts the year's traditional holidays on the calendar, with an SMS and a call for every owner. Planning again adds nothing twice."));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (header), year_label);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->year_spin));
  gtk_box_append (GTK_BOX (header), self->plan_button);
  gtk_box_append (GTK_BOX (box), header);

  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary_label));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Holidays and Milestones"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each sends every owner an SMS and gives their consultant a call to make."));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Care events"), -1);
  anju_ui_list_box_set_placeholder (GTK_LIST_BOX (list),
                                    _("Nothing on the calendar for this year yet. A manager plans the year's holidays; milestones are added as the building goes up."));
  self->events_list = GTK_LIST_BOX (list);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (GTK_BOX (box), group);

  self->milestone_group = build_milestone_form (self);
  gtk_box_append (GTK_BOX (box), self->milestone_group);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_bin_set_child (ADW_BIN (self), scroller);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (on_year_changed_cb), self);
  update_actions (self);
}

GtkWidget *
anju_care_view_new (AnjuContext *context)
{
  AnjuCareView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_CARE_VIEW, NULL);
  self->context = g_object_ref (context);
  {
    /* the office's year, on the context's clock */
    g_autoptr(GDateTime) now = anju_ui_time_local (anju_context_get_now (context));

    gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
  }
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user", G_CALLBACK (on_user_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::project", G_CALLBACK (on_user_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  return GTK_WIDGET (self);
}

void
anju_care_view_set_year (AnjuCareView *self,
                         int           year)
{
  g_return_if_fail (ANJU_IS_CARE_VIEW (self));

  gtk_spin_button_set_value (self->year_spin, year);
}

int
anju_care_view_get_year (AnjuCareView *self)
{
  g_return_val_if_fail (ANJU_IS_CARE_VIEW (self), 0);

  return gtk_spin_button_get_value_as_int (self->year_spin);
}

gboolean
anju_care_view_get_busy (AnjuCareView *self)
{
  g_return_val_if_fail (ANJU_IS_CARE_VIEW (self), FALSE);

  return self->n_loading > 0 || self->running;
}

guint
anju_care_view_get_n_events (AnjuCareView *self)
{
  g_return_val_if_fail (ANJU_IS_CARE_VIEW (self), 0);

  return self->n_events;
}
