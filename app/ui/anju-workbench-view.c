/* anju-workbench-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-workbench"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-columns.h"
#include "anju-reception.h"
#include "anju-sms-outbox.h"
#include "anju-tasks.h"
#include "anju-ui-jobs.h"
#include "anju-ui-time.h"
#include "anju-ui-util.h"
#include "anju-wait-label.h"
#include "anju-window.h"
#include "anju-workbench.h"
#include "anju-workbench-view.h"

struct _AnjuWorkbenchView
{
  AdwBin               parent_instance;

  /* template widgets */
  GtkLabel            *day_label;
  GtkLabel            *summary_label;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *tasks_group;
  GtkListBox          *tasks_list;
  AnjuSmsOutbox       *sms_outbox;
  AdwPreferencesGroup *waiting_group;
  GtkListBox          *waiting_list;
  AdwPreferencesGroup *appointments_group;
  GtkListBox          *appointments_list;
  GtkBox              *sections_box;

  /* owned */
  AnjuContext         *context;
  GCancellable        *cancellable;
  GPtrArray           *colleagues;      /* AnjuUser*, for a manager's "Reassign" */
  GPtrArray           *task_titles;     /* char*, the rows shown */
  guint                tick_id;
  guint                n_busy;
  gboolean             dirty;           /* changed while hidden */
};

G_DEFINE_FINAL_TYPE (AnjuWorkbenchView, anju_workbench_view, ADW_TYPE_BIN)

static void
toast (AnjuWorkbenchView *self,
       const char        *text)
{
  anju_widget_show_toast (GTK_WIDGET (self), text);
}

static GtkWindow *
get_window (AnjuWorkbenchView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- commands ---------------------------------------------------------- */

typedef struct
{
  AnjuWorkbenchView *self;
  char              *message;
} Call;

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_free (call->message);
  g_free (call);
}

static void
on_command_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);

  call->self->n_busy--;
  toast (call->self, answer ? call->message : error->message);
  call_free (call);
}

static void
run_command (AnjuWorkbenchView *self,
             const char        *type,
             JsonObject        *payload,
             const char        *message)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->message = g_strdup (message);
  self->n_busy++;
  anju_context_run_command_async (self->context, type, payload, NULL, on_command_done_cb, call);
}

/* ---- "Done", "Reassign", "Greeted" ------------------------------------- */

static void
on_outcome_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "done",
                                           !anju_text_is_blank (gtk_editable_get_text (entry)));
}

static void
on_outcome_activate_cb (GtkEntry         *entry,
                        AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "done"))
    adw_message_dialog_response (dialog, "done");
}

static void
on_done_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     AnjuWorkbenchView *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "anju-outcome");
  const char *task_id = g_object_get_data (G_OBJECT (dialog), "anju-task-id");
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *outcome = NULL;

  if (!g_str_equal (response, "done"))
    return;
  outcome = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  payload = json_object_new ();
  json_object_set_string_member (payload, "task_id", task_id);
  json_object_set_string_member (payload, "outcome", outcome);
  run_command (self, "task.complete", payload, _("Task done"));
}

static void
on_done_clicked_cb (GtkButton         *button,
                    AnjuWorkbenchView *self)
{
  AnjuTask *task = g_object_get_data (G_OBJECT (button), "anju-task");
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (get_window (self), task->title,
                                   _("What came of it? The customer’s record keeps the outcome."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "done", _("_Done"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "done",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "done", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "done");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. 已接通，周六上午来访"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outcome"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "anju-outcome", entry);
  g_object_set_data_full (G_OBJECT (dialog), "anju-task-id", g_strdup (task->id), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_outcome_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_outcome_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_done_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_sent_clicked_cb (GtkButton         *button,
                    AnjuWorkbenchView *self)
{
  AnjuTask *task = g_object_get_data (G_OBJECT (button), "anju-task");
  g_autoptr(JsonObject) payload = json_object_new ();

  json_object_set_string_member (payload, "sms_id", task->source_id);
  /* Once: a second click while it runs would mark it again. */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  run_command (self, "sms.mark_sent", payload, _("Marked as sent"));
}

static void
on_reassign_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         AnjuWorkbenchView *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "anju-dropdown");
  const char *task_id = g_object_get_data (G_OBJECT (dialog), "anju-task-id");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(JsonObject) payload = NULL;
  AnjuUser *user;

  if (!g_str_equal (response, "reassign") || self->colleagues == NULL ||
      selected >= self->colleagues->len)
    return;
  user = g_ptr_array_index (self->colleagues, selected);
  payload = json_object_new ();
  json_object_set_string_member (payload, "task_id", task_id);
  json_object_set_string_member (payload, "assignee_id", user->id);
  {
    /* Translators: %s is the colleague who now has the task */
    g_autofree char *message = g_strdup_printf (_("The task is now %s’s"), user->display_name);

    run_command (self, "task.reassign", payload, message);
  }
}

static void
on_reassign_clicked_cb (GtkButton         *button,
                        AnjuWorkbenchView *self)
{
  AnjuTask *task = g_object_get_data (G_OBJECT (button), "anju-task");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *dropdown;

  for (guint i = 0; self->colleagues != NULL && i < self->colleagues->len; i++)
    {
      AnjuUser *colleague = g_ptr_array_index (self->colleagues, i);

      gtk_string_list_append (names, colleague->display_name);
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New assignee"), -1);
  for (guint i = 0; self->colleagues != NULL && i < self->colleagues->len; i++)
    if (g_strcmp0 (((AnjuUser *)g_ptr_array_index (self->colleagues, i))->id,
                   task->assignee_id) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);

  dialog = adw_message_dialog_new (get_window (self), _("Reassign the Task"), task->title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reassign", _("_Reassign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reassign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reassign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  g_object_set_data (G_OBJECT (dialog), "anju-dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "anju-task-id", g_strdup (task->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reassign_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_greeted_clicked_cb (GtkButton         *button,
                       AnjuWorkbenchView *self)
{
  const char *visit_id = g_object_get_data (G_OBJECT (button), "anju-visit-id");
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *now = anju_ui_time_iso (anju_context_get_now (self->context));

  json_object_set_string_member (payload, "visit_id", visit_id);
  json_object_set_string_member (payload, "greeted_at", now);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  run_command (self, "visit.greet", payload, _("Greeting recorded"));
}

/* ---- rows -------------------------------------------------------------- */

static const char *
task_icon (const char *kind)
{
  if (g_strcmp0 (kind, "sms") == 0)
    return "mail-send-symbolic";
  if (g_strcmp0 (kind, "visit") == 0)
    return "avatar-default-symbolic";
  if (g_strcmp0 (kind, "thank_referrer") == 0)
    return "emblem-favorite-symbolic";
  if (g_strcmp0 (kind, "other") == 0 || g_strcmp0 (kind, "contact_after_handover") == 0)
    return "task-due-symbolic";
  return "call-start-symbolic";
}

static GtkWidget *
create_task_row (AnjuWorkbenchView *self,
                 AnjuTask          *task,
                 gint64             now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *due = anju_ui_time_short (task->due_at, now);
  gboolean open = g_strcmp0 (task->state, "open") == 0;
  const AnjuUser *user = anju_context_get_user (self->context);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), task->title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (task_icon (task->kind)));

  if (!open)
    /* Translators: a task done, and what came of it */
    g_string_append_printf (subtitle, _("Done: %s"), task->outcome ? task->outcome : "");
  else if (task->overdue)
    /* Translators: %s is when the task was due */
    g_string_append_printf (subtitle, _("Overdue since %s"), due);
  else
    /* Translators: %s is when the task is due */
    g_string_append_printf (subtitle, _("Due %s"), due);
  g_string_append_printf (subtitle, " · %s", anju_task_kind_get_label (task->kind));
  if (user != NULL && g_strcmp0 (task->assignee_id, user->id) != 0 && task->assignee_name != NULL)
    g_string_append_printf (subtitle, " · %s", task->assignee_name);
  if (task->detail != NULL && *task->detail != '\0')
    g_string_append_printf (subtitle, "\n%s", task->detail);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  if (!open)
    gtk_widget_add_css_class (row, "task-done");
  else if (task->overdue)
    gtk_widget_add_css_class (row, "task-overdue");

  if (open)
    {
      GtkWidget *button;

      if (g_strcmp0 (task->kind, "sms") == 0 && g_strcmp0 (task->source_type, "sms") == 0)
        {
          button = gtk_button_new_with_mnemonic (_("Mark as _Sent"));
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_sent_clicked_cb), self, 0);
        }
      else
        {
          button = gtk_button_new_with_mnemonic (_("_Done…"));
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_done_clicked_cb), self, 0);
        }
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, task->title, -1);
      g_object_set_data (G_OBJECT (button), "anju-task", task);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      if (anju_context_may (self->context, "task.reassign"))
        {
          GtkWidget *reassign = gtk_button_new_from_icon_name ("system-users-symbolic");

          gtk_widget_set_valign (reassign, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (reassign, "flat");
          gtk_widget_set_tooltip_text (reassign, _("Reassign the task"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (reassign),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reassign"),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, task->title, -1);
          g_object_set_data (G_OBJECT (reassign), "anju-task", task);
          g_signal_connect_object (reassign, "clicked", G_CALLBACK (on_reassign_clicked_cb), self,
                                   0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), reassign);
        }
    }
  if (task->customer_id != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "anju-customer-id", g_strdup (task->customer_id),
                              g_free);
    }
  /* The row's buttons find their task here. */
  g_object_set_data_full (G_OBJECT (row), "anju-task-owned", task, (GDestroyNotify)anju_task_free);
  return row;
}

static GtkWidget *
create_waiting_row (AnjuWorkbenchView *self,
                    AnjuWorkbench     *wb,
                    AnjuVisit         *visit,
                    gint64             now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *arrived = anju_ui_time_hm (visit->arrived_at);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  const AnjuUser *user = anju_context_get_user (self->context);
  GtkWidget *wait = anju_wait_label_new (visit, now);

  title = anju_ui_visitor_name (visit->customer_name, visit->customer_title, visit->first_time);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Translators: %s is the time a visitor arrived */
  g_string_append_printf (subtitle, _("Arrived %s"), arrived);
  g_string_append_printf (subtitle, " · %s",
                          visit->consultant_name ? visit->consultant_name
                                                 : _("waiting for a consultant"));
  if (visit->car_plate != NULL)
    g_string_append_printf (subtitle, " · %s", visit->car_plate);
  if (visit->greeted_at != NULL && visit->handover_required && visit->handover_confirmed_at == NULL)
    g_string_append_printf (subtitle, " · %s", _("greeted, handover to confirm"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("avatar-default-symbolic"));

  anju_wait_label_add_to_row (row, wait);

  if (anju_workbench_offers_greet (wb, user, visit))
    {
      GtkWidget *greeted = gtk_button_new_with_mnemonic (_("_Greeted"));

      gtk_widget_set_valign (greeted, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (greeted, "suggested-action");
      gtk_accessible_update_property (GTK_ACCESSIBLE (greeted),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
      g_object_set_data_full (G_OBJECT (greeted), "anju-visit-id", g_strdup (visit->id), g_free);
      g_signal_connect_object (greeted, "clicked", G_CALLBACK (on_greeted_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), greeted);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "anju-view", g_strdup ("reception"), g_free);
  return row;
}

static GtkWidget *
create_appointment_row (AnjuWorkbenchView *self,
                        AnjuPlanEntry     *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *at = anju_ui_time_hm (entry->at);
  g_autofree char *title = g_strdup_printf ("%s  %s%s", at,
                                            entry->customer_name ? entry->customer_name : "—",
                                            entry->customer_title ? entry->customer_title : "");
  g_autoptr(GString) subtitle = g_string_new (entry->consultant_name ? entry->consultant_name : "");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (entry->car_plate != NULL)
    g_string_append_printf (subtitle, " · %s", entry->car_plate);
  if (entry->party_size > 0)
    {
      g_string_append (subtitle, " · ");
      /* Translators: the number of people coming to an appointment */
      g_string_append_printf (subtitle, ngettext ("%d person", "%d people", entry->party_size),
                              entry->party_size);
    }
  if (entry->note != NULL && *entry->note != '\0')
    g_string_append_printf (subtitle, "\n%s", entry->note);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("x-office-calendar-symbolic"));
  if (g_strcmp0 (entry->state, "planned") != 0)
    {
      gboolean arrived = g_strcmp0 (entry->state, "arrived") == 0;
      GtkWidget *state = gtk_label_new (arrived ? C_("appointment", "Arrived")
                                                : C_("appointment", "Cancelled"));

      gtk_widget_add_css_class (state, arrived ? "success" : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
      if (g_strcmp0 (entry->state, "cancelled") == 0)
        gtk_widget_add_css_class (row, "task-done");
    }
  if (entry->customer_id != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "anju-customer-id", g_strdup (entry->customer_id),
                              g_free);
    }
  return row;
}

static void on_row_activated_cb (AnjuWorkbenchView *self,
                                 GtkListBoxRow     *row);

static GtkWidget *
create_section_group (AnjuWorkbenchView    *self,
                      AnjuWorkbenchSection *section,
                      gint64                now)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *description = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   section->title ? section->title : section->id);
  if (section->description != NULL)
    description = g_strdup (section->description);
  else if (section->urgent > 0)
    /* Translators: items of a workbench section, and how many of them are overdue */
    description = g_strdup_printf (_("%u waiting, %u overdue"), section->count, section->urgent);
  else
    description = g_strdup_printf (_("%u waiting"), section->count);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  section->title ? section->title : section->id, -1);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; section->items != NULL && i < json_array_get_length (section->items); i++)
    {
      JsonObject *item = json_array_get_object_element (section->items, i);
      GtkWidget *row;
      const char *at, *subtitle;
      g_autofree char *when = NULL;
      g_autofree char *line = NULL;

      if (item == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     json_object_get_string_member_with_default (item, "title",
                                                                                 ""));
      subtitle = json_object_get_string_member_with_default (item, "subtitle", NULL);
      at = json_object_get_string_member_with_default (item, "at", NULL);
      when = at ? anju_ui_time_short (at, now) : NULL;
      if (subtitle != NULL && when != NULL)
        line = g_strdup_printf ("%s · %s", subtitle, when);
      else
        line = g_strdup (subtitle ? subtitle : when ? when : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
      if (json_object_get_boolean_member_with_default (item, "urgent", FALSE))
        gtk_widget_add_css_class (row, "task-overdue");
      else if (json_object_get_boolean_member_with_default (item, "soon", FALSE))
        gtk_widget_add_css_class (row, "task-due-soon");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "anju-view", g_strdup (section->id), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  return group;
}

static void
on_row_activated_cb (AnjuWorkbenchView *self,
                     GtkListBoxRow     *row)
{
  const char *customer_id = g_object_get_data (G_OBJECT (row), "anju-customer-id");
  const char *view = g_object_get_data (G_OBJECT (row), "anju-view");
  GtkWindow *window = get_window (self);

  if (!ANJU_IS_WINDOW (window))
    return;
  if (customer_id != NULL)
    anju_window_open_customer (ANJU_WINDOW (window), customer_id);
  else if (view != NULL)
    anju_window_show_view (ANJU_WINDOW (window), view);
}

/* ---- loading ----------------------------------------------------------- */

static gpointer
load_workbench (AnjuStore     *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return anju_workbench_load (store, data, NULL, error);
}

static void
fill_header (AnjuWorkbenchView *self,
             AnjuWorkbench     *wb,
             gint64             now)
{
  g_autofree char *date = anju_ui_time_day (now);
  /* Translators: the workbench's heading: the weekday, then the day */
  g_autofree char *day = g_strdup_printf (_("Today, %s %s"), anju_ui_time_weekday (now), date);
  g_autofree char *due = g_strdup_printf (ngettext ("%u task to do", "%u tasks to do",
                                                    wb->counts.due),
                                          wb->counts.due);
  g_autofree char *overdue = g_strdup_printf (ngettext ("%u overdue", "%u overdue",
                                                        wb->counts.overdue),
                                              wb->counts.overdue);
  g_autofree char *done = g_strdup_printf (ngettext ("%u done", "%u done", wb->counts.done),
                                           wb->counts.done);
  g_autofree char *waiting = g_strdup_printf (ngettext ("%u visitor at the door",
                                                        "%u visitors at the door",
                                                        wb->waiting->len),
                                              wb->waiting->len);
  g_autofree char *summary = g_strjoin (" · ", due, overdue, done, waiting, NULL);

  gtk_label_set_label (self->day_label, day);
  gtk_label_set_label (self->summary_label, summary);
}

static void
fill (AnjuWorkbenchView *self,
      AnjuWorkbench     *wb)
{
  gint64 now = anju_context_get_now (self->context);
  GtkWidget *child;

  g_clear_pointer (&self->colleagues, g_ptr_array_unref);
  self->colleagues = g_steal_pointer (&wb->colleagues);
  fill_header (self, wb, now);

  anju_ui_list_box_clear (self->tasks_list);
  g_ptr_array_set_size (self->task_titles, 0);
  /* Each row owns its task, which its buttons read. */
  g_ptr_array_set_free_func (wb->tasks, NULL);
  for (guint i = 0; i < wb->tasks->len; i++)
    {
      AnjuTask *task = g_ptr_array_index (wb->tasks, i);

      g_ptr_array_add (self->task_titles, g_strdup (task->title));
      gtk_list_box_append (self->tasks_list, create_task_row (self, task, now));
    }
  {
    g_autofree char *description = NULL;

    if (wb->counts.overdue > 0)
      description = g_strdup_printf (ngettext ("%u is overdue: do it first.",
                                               "%u are overdue: do them first.",
                                               wb->counts.overdue),
                                     wb->counts.overdue);
    adw_preferences_group_set_description (self->tasks_group, description);
  }

  anju_ui_list_box_clear (self->waiting_list);
  for (guint i = 0; i < wb->waiting->len; i++)
    gtk_list_box_append (self->waiting_list,
                         create_waiting_row (self, wb, g_ptr_array_index (wb->waiting, i), now));

  anju_ui_list_box_clear (self->appointments_list);
  for (guint i = 0; i < wb->appointments->len; i++)
    gtk_list_box_append (self->appointments_list,
                         create_appointment_row (self, g_ptr_array_index (wb->appointments, i)));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
  for (guint i = 0; i < wb->sections->len; i++)
    {
      AnjuWorkbenchSection *section = g_ptr_array_index (wb->sections, i);

      if (section->count == 0 && (section->items == NULL
                                  || json_array_get_length (section->items) == 0))
        continue;
      gtk_box_append (self->sections_box, create_section_group (self, section, now));
    }
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuWorkbenchView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuWorkbench) loaded = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  self->n_busy--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (loaded == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  fill (self, loaded);
}

void
anju_workbench_view_reload (AnjuWorkbenchView *self)
{
  const AnjuUser *user;

  g_return_if_fail (ANJU_IS_WORKBENCH_VIEW (self));

  user = anju_context_get_user (self->context);
  if (user == NULL || !anju_context_get_ready (self->context))
    return;
  self->dirty = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->n_busy++;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  anju_worker_run_async (anju_context_get_worker (self->context), load_workbench,
                         g_strdup (user->id), g_free, (GDestroyNotify)anju_workbench_free,
                         self->cancellable, on_loaded_cb, g_object_ref (self));
  if (gtk_widget_get_visible (GTK_WIDGET (self->sms_outbox)))
    anju_sms_outbox_reload (self->sms_outbox);
}

static void
on_context_changed_cb (AnjuWorkbenchView  *self,
                       const char * const *topics)
{
  /* Everything on the workbench may follow from any command: tasks,
   * visits, appointments, and the sections of later workflows. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    anju_workbench_view_reload (self);
  else
    self->dirty = TRUE;
}

/* Finance has no visitors or SMS to deal with; its part of the day comes
 * as a section (payments expected). */
static void
show_parts_for_role (AnjuWorkbenchView *self)
{
  /* Visitors, appointments and SMS belong to whoever receives visitors. */
  gboolean staff = anju_context_may (self->context, "visit.register");

  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), staff);
  gtk_widget_set_visible (GTK_WIDGET (self->appointments_group), staff);
  gtk_widget_set_visible (GTK_WIDGET (self->sms_outbox), staff);
}

static void
on_user_changed_cb (AnjuWorkbenchView *self)
{
  show_parts_for_role (self);
  anju_ui_list_box_clear (self->tasks_list);
  anju_ui_list_box_clear (self->waiting_list);
  anju_ui_list_box_clear (self->appointments_list);
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    anju_workbench_view_reload (self);
}

static gboolean
tick (gpointer data)
{
  AnjuWorkbenchView *self = data;

  anju_wait_label_tick_rows (GTK_WIDGET (self->waiting_list),
                             anju_context_get_now (self->context));
  return G_SOURCE_CONTINUE;
}

/* ---- GtkWidget --------------------------------------------------------- */

static void
anju_workbench_view_map (GtkWidget *widget)
{
  AnjuWorkbenchView *self = ANJU_WORKBENCH_VIEW (widget);

  GTK_WIDGET_CLASS (anju_workbench_view_parent_class)->map (widget);

  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick, self);
  /* Time moved on while hidden: due and overdue are decided again. */
  anju_workbench_view_reload (self);
}

static void
anju_workbench_view_unmap (GtkWidget *widget)
{
  AnjuWorkbenchView *self = ANJU_WORKBENCH_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (anju_workbench_view_parent_class)->unmap (widget);
}

static gboolean
anju_workbench_view_grab_focus (GtkWidget *widget)
{
  AnjuWorkbenchView *self = ANJU_WORKBENCH_VIEW (widget);

  return gtk_widget_child_focus (GTK_WIDGET (self->tasks_list), GTK_DIR_TAB_FORWARD) ||
         GTK_WIDGET_CLASS (anju_workbench_view_parent_class)->grab_focus (widget);
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_workbench_view_dispose (GObject *object)
{
  AnjuWorkbenchView *self = (AnjuWorkbenchView *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->colleagues, g_ptr_array_unref);

  G_OBJECT_CLASS (anju_workbench_view_parent_class)->dispose (object);
}

static void
anju_workbench_view_finalize (GObject *object)
{
  AnjuWorkbenchView *self = (AnjuWorkbenchView *)object;

  g_clear_pointer (&self->task_titles, g_ptr_array_unref);

  G_OBJECT_CLASS (anju_workbench_view_parent_class)->finalize (object);
}

static void
anju_workbench_view_class_init (AnjuWorkbenchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_workbench_view_dispose;
  object_class->finalize = anju_workbench_view_finalize;

  widget_class->map = anju_workbench_view_map;
  widget_class->unmap = anju_workbench_view_unmap;
  widget_class->grab_focus = anju_workbench_view_grab_focus;

  g_type_ensure (ANJU_TYPE_COLUMNS);
  g_type_ensure (ANJU_TYPE_SMS_OUTBOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-workbench-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, day_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, tasks_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, tasks_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, sms_outbox);
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, waiting_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, appointments_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, appointments_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuWorkbenchView, sections_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
anju_workbench_view_init (AnjuWorkbenchView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->task_titles = g_ptr_array_new_with_free_func (g_free);
  anju_ui_list_box_set_placeholder (self->tasks_list,
                                    _("Nothing due today. Calls and visits you record make "
                                      "their follow-ups here."));
  anju_ui_list_box_set_placeholder (self->waiting_list, _("Nobody is waiting at the door."));
  anju_ui_list_box_set_placeholder (self->appointments_list, _("No visitors expected today."));
}

GtkWidget *
anju_workbench_view_new (AnjuContext *context)
{
  AnjuWorkbenchView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_WORKBENCH_VIEW, NULL);
  self->context = g_object_ref (context);
  anju_sms_outbox_set_context (self->sms_outbox, context);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user", G_CALLBACK (on_user_changed_cb), self,
                           G_CONNECT_SWAPPED);
  show_parts_for_role (self);
  return GTK_WIDGET (self);
}

gboolean
anju_workbench_view_get_busy (AnjuWorkbenchView *self)
{
  g_return_val_if_fail (ANJU_IS_WORKBENCH_VIEW (self), FALSE);

  return self->n_busy > 0 || anju_sms_outbox_get_busy (self->sms_outbox);
}

GStrv
anju_workbench_view_dup_task_titles (AnjuWorkbenchView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ANJU_IS_WORKBENCH_VIEW (self), NULL);

  for (guint i = 0; i < self->task_titles->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->task_titles, i));
  return g_strv_builder_end (builder);
}
