/* anju-call-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-call-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-call-window.h"
#include "anju-command.h"
#include "anju-customers.h"
#include "anju-date-time-row.h"
#include "anju-format.h"
#include "anju-ident.h"
#include "anju-reception.h"
#include "anju-script-editor.h"
#include "anju-tasks.h"
#include "anju-ui-jobs.h"
#include "anju-ui-time.h"
#include "anju-ui-util.h"
#include "anju-window.h"

/* How long typing may pause before the number is looked up. */
#define LOOKUP_DELAY_MS 250

struct _AnjuCallWindow
{
  AdwWindow          parent_instance;

  /* template widgets */
  AdwWindowTitle    *window_title;
  GtkWidget         *edit_scripts_button;
  GtkLabel          *greeting_label;
  GtkLabel          *rings_hint_label;
  AdwEntryRow       *mobile_row;
  AdwActionRow      *caller_row;
  GtkImage          *caller_icon;
  GtkWidget         *open_record_button;
  AdwEntryRow       *name_row;
  AdwEntryRow       *title_row;
  AdwExpanderRow    *refused_row;
  AdwEntryRow       *refusal_note_row;
  GtkWidget         *contacts_group;
  GtkListBox        *contacts_list;
  AdwEntryRow       *reason_row;
  GtkLabel          *introduction_label;
  AdwPreferencesGroup *questions_group;
  AdwEntryRow       *question_row;
  GtkSwitch         *invited_switch;
  GtkSwitch         *intent_switch;
  AdwExpanderRow    *appointment_row;
  AnjuDateTimeRow   *appointment_time_row;
  AdwEntryRow       *car_plate_row;
  GtkSpinButton     *party_spin;
  AdwExpanderRow    *call_again_row;
  AnjuDateTimeRow   *call_again_time_row;
  AdwActionRow      *answered_by_row;
  GtkSwitch         *backup_switch;
  AdwActionRow      *rings_row;
  GtkSpinButton     *rings_spin;
  AdwActionRow      *length_row;
  GtkLabel          *length_label;
  GtkLabel          *problem_label;
  GtkScrolledWindow *scroller;

  /* owned */
  AnjuFieldErrors   *errors;
  AnjuContext       *context;
  GCancellable      *cancellable;
  GCancellable      *lookup_cancellable;
  AnjuCaller        *caller;
  GPtrArray         *question_rows;    /* AdwActionRow*, borrowed from the group */
  char              *looked_up;        /* the normalized number last looked up */
  gint64             started_at;
  guint              tick_id;
  gboolean           looking_up;
  gboolean           save_after_lookup;
  guint              lookup_id;
  guint              n_busy;
  AnjuPhoneStandard  phone;
  gboolean           saving;
};

G_DEFINE_FINAL_TYPE (AnjuCallWindow, anju_call_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
count_busy (AnjuCallWindow *self,
            int             delta)
{
  gboolean was_busy = self->n_busy > 0;

  self->n_busy += delta;
  if (was_busy != (self->n_busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_actions (AnjuCallWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.save", !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.open-record", self->caller != NULL);
}

/* A problem of the whole form (NULL: none). */
static void
show_problem (AnjuCallWindow *self,
              const char     *message)
{
  anju_field_errors_set (self->errors, NULL, message);
}

/* ---- the clock --------------------------------------------------------- */

static gboolean
tick (gpointer data)
{
  AnjuCallWindow *self = data;
  gint64 seconds = (anju_context_get_now (self->context) - self->started_at) / G_USEC_PER_SEC;
  gboolean long_call = seconds > (gint64)self->phone.long_call_minutes * 60;
  g_autofree char *text = anju_ui_time_duration (seconds);

  gtk_label_set_label (self->length_label, text);
  adw_window_title_set_subtitle (self->window_title, text);
  if (long_call != gtk_widget_has_css_class (GTK_WIDGET (self->length_label), "error"))
    {
      g_autofree char *hint = NULL;

      if (long_call)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->length_label), "error");
          hint = g_strdup_printf (ngettext ("Over %d minute: invite the caller to visit and "
                                            "explain there.",
                                            "Over %d minutes: invite the caller to visit and "
                                            "explain there.",
                                            self->phone.long_call_minutes),
                                  self->phone.long_call_minutes);
        }
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->length_label), "error");
      adw_action_row_set_subtitle (self->length_row, hint ? hint : "");
    }
  return G_SOURCE_CONTINUE;
}

static void
show_rings_rules (AnjuCallWindow *self)
{
  g_autofree char *hint = NULL;
  g_autofree char *rings_limit = NULL;
  int rings = gtk_spin_button_get_value_as_int (self->rings_spin);

  hint = g_strdup_printf (_("Answer within %d rings; after %d rings the call goes to the backup "
                            "receptionist. Never pass the call on to someone else."),
                          self->phone.answer_rings, self->phone.backup_after_rings);
  gtk_label_set_label (self->rings_hint_label, hint);
  if (rings > self->phone.answer_rings)
    {
      rings_limit = g_strdup_printf (ngettext ("Over %d ring: recorded as a slow answer",
                                               "Over %d rings: recorded as a slow answer",
                                               self->phone.answer_rings),
                                     self->phone.answer_rings);
      gtk_widget_add_css_class (GTK_WIDGET (self->rings_spin), "warning");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->rings_spin), "warning");
  adw_action_row_set_subtitle (self->rings_row, rings_limit ? rings_limit : "");
}

static void
on_rings_changed_cb (AnjuCallWindow *self)
{
  int rings = gtk_spin_button_get_value_as_int (self->rings_spin);

  /* The phone system hands the call over after that many rings. */
  if (rings >= self->phone.backup_after_rings && self->phone.backup_after_rings > 0)
    gtk_switch_set_active (self->backup_switch, TRUE);
  show_rings_rules (self);
}

/* ---- texts and rules of the project ----------------------------------- */

typedef struct
{
  char *greeting;
  char *introduction;
  AnjuPhoneStandard phone;
} Texts;

static void
texts_free (Texts *texts)
{
  g_free (texts->greeting);
  g_free (texts->introduction);
  g_free (texts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Texts, texts_free)

static gpointer
load_texts (AnjuStore     *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  const char *project_id = data;
  g_autoptr(Texts) texts = g_new0 (Texts, 1);
  g_autoptr(AnjuScript) introduction = NULL;

  texts->greeting = anju_reception_greeting (store, project_id);
  if (!(introduction = anju_reception_dup_script (store, project_id, "introduction", error)))
    return NULL;
  texts->introduction = g_steal_pointer (&introduction->rendered);
  anju_reception_get_phone_standard (store, project_id, &texts->phone);
  return g_steal_pointer (&texts);
}

static void
on_texts_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AnjuCallWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Texts) texts = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  count_busy (self, -1);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texts == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  gtk_label_set_label (self->greeting_label, texts->greeting);
  gtk_label_set_label (self->introduction_label, texts->introduction);
  self->phone = texts->phone;
  show_rings_rules (self);
  tick (self);
}

static void
reload_texts (AnjuCallWindow *self)
{
  const AnjuProject *project = anju_context_get_project (self->context);

  count_busy (self, 1);
  anju_worker_run_async (anju_context_get_worker (self->context), load_texts,
                         g_strdup (project ? project->id : NULL), g_free,
                         (GDestroyNotify)texts_free, self->cancellable,
                         on_texts_loaded_cb, g_object_ref (self));
}

static void
on_context_changed_cb (AnjuCallWindow     *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "scripts", "projects", NULL };

  if (anju_topics_match (topics, watched))
    reload_texts (self);
}

/* ---- the caller -------------------------------------------------------- */

static void
clear_contacts (AnjuCallWindow *self)
{
  anju_ui_list_box_clear (self->contacts_list);
  gtk_widget_set_visible (self->contacts_group, FALSE);
}

static void
add_contact_row (AnjuCallWindow *self,
                 const char     *title,
                 const char     *subtitle,
                 const char     *icon_name,
                 gboolean        urgent)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (urgent)
    gtk_widget_add_css_class (row, "task-overdue");
  gtk_list_box_append (self->contacts_list, row);
}

static void
show_caller (AnjuCallWindow *self)
{
  AnjuCaller *caller = self->caller;
  gboolean known = caller != NULL;
  gboolean typed = self->looked_up != NULL;
  gint64 now = anju_context_get_now (self->context);
  GtkWidget *child;

  gtk_widget_set_visible (GTK_WIDGET (self->caller_row), known || typed);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), !known);
  gtk_widget_set_visible (GTK_WIDGET (self->title_row), !known);
  gtk_widget_set_visible (self->open_record_button, known);
  clear_contacts (self);

  if (known)
    {
      g_autofree char *title = NULL;
      g_autofree char *calls = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *last = NULL;

      g_autofree char *person = anju_format_person (caller->name, caller->title);

      /* Translators: a customer (name and form of address), then that
       * they called before */
      title = g_strdup_printf (_("%s — repeat caller"), person);
      {
        g_autofree char *n_calls = NULL, *n_visits = NULL;

        /* Translators: how often a caller called before, in "2 calls, 1 visit before" */
        n_calls = g_strdup_printf (ngettext ("%u call", "%u calls", caller->n_calls), caller->n_calls);
        /* Translators: how often a caller visited before, in "2 calls, 1 visit before" */
        n_visits = g_strdup_printf (ngettext ("%u visit", "%u visits", caller->n_visits), caller->n_visits);
        /* Translators: the earlier calls and visits of a caller, e.g. "2 calls, 1 visit before" */
        calls = g_strdup_printf (_("%s, %s before"), n_calls, n_visits);
      }
      if (caller->last_call_at != NULL)
        {
          g_autofree char *when = anju_ui_time_short (caller->last_call_at, now);

          /* Translators: %s is when the caller last called */
          last = g_strdup_printf (_("last call %s"), when);
        }
      subtitle = g_strdup_printf ("%s%s · %s%s%s",
                                  _("Consultant: "),
                                  caller->owner_name ? caller->owner_name : _("nobody yet"),
                                  calls,
                                  last ? " · " : "", last ? last : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->caller_row), title);
      adw_action_row_set_subtitle (self->caller_row, subtitle);
      gtk_image_set_from_icon_name (self->caller_icon, "avatar-default-symbolic");

      for (guint i = 0; caller->open_tasks != NULL && i < caller->open_tasks->len; i++)
        {
          AnjuTask *task = g_ptr_array_index (caller->open_tasks, i);
          g_autofree char *due = anju_ui_time_short (task->due_at, now);
          g_autofree char *line = g_strdup_printf (_("Open task for %s, due %s"),
                                                   task->assignee_name ? task->assignee_name : "—",
                                                   due);

          add_contact_row (self, task->title, line, "task-due-symbolic", task->overdue);
        }
      for (guint i = 0; caller->recent_events != NULL && i < caller->recent_events->len; i++)
        {
          AnjuCustomerEvent *event = g_ptr_array_index (caller->recent_events, i);
          g_autofree char *when = anju_ui_time_short (event->at, now);
          g_autofree char *line = event->actor_name
                                  ? g_strdup_printf ("%s · %s", when, event->actor_name)
                                  : g_strdup (when);

          add_contact_row (self, event->summary, line,
                           g_strcmp0 (event->kind, "call") == 0 ? "call-start-symbolic"
                                                                : "document-open-recent-symbolic",
                           FALSE);
        }
      child = gtk_widget_get_first_child (GTK_WIDGET (self->contacts_list));
      gtk_widget_set_visible (self->contacts_group, child != NULL);
    }
  else if (typed)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->caller_row), _("New caller"));
      adw_action_row_set_subtitle (self->caller_row,
                                   _("Not on file. Ask how to address them: 请问怎么称呼您？"));
      gtk_image_set_from_icon_name (self->caller_icon, "contact-new-symbolic");
    }
  update_actions (self);
}

typedef struct
{
  AnjuCallWindow *self;
  char           *mobile;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_object_unref (lookup->self);
  g_free (lookup->mobile);
  g_free (lookup);
}

static void
on_caller_found_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Lookup *lookup = user_data;
  AnjuCallWindow *self = lookup->self;
  g_autoptr(GError) error = NULL;
  AnjuCaller *caller = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  count_busy (self, -1);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->looking_up = FALSE;
      g_clear_pointer (&self->caller, anju_caller_free);
      self->caller = caller;
      g_free (self->looked_up);
      self->looked_up = g_steal_pointer (&lookup->mobile);
      show_caller (self);
      if (self->save_after_lookup)
        {
          self->save_after_lookup = FALSE;
          gtk_widget_activate_action (GTK_WIDGET (self), "call.save", NULL);
        }
    }
  else
    g_clear_pointer (&caller, anju_caller_free);
  lookup_free (lookup);
}

static gboolean
lookup_number (gpointer data)
{
  AnjuCallWindow *self = data;
  g_autofree char *mobile = anju_mobile_normalize (row_text (self->mobile_row), NULL);
  Lookup *lookup;

  self->lookup_id = 0;
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->looking_up = FALSE;
  if (mobile == NULL)
    {
      /* Not (yet) a whole number: nobody to show. */
      g_clear_pointer (&self->caller, anju_caller_free);
      g_clear_pointer (&self->looked_up, g_free);
      show_caller (self);
      return G_SOURCE_REMOVE;
    }
  if (g_strcmp0 (mobile, self->looked_up) == 0)
    return G_SOURCE_REMOVE;

  self->lookup_cancellable = g_cancellable_new ();
  self->looking_up = TRUE;
  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->mobile = g_strdup (mobile);
  count_busy (self, 1);
  anju_worker_run_async (anju_context_get_worker (self->context),
                         anju_ui_job_find_caller,
                         g_steal_pointer (&mobile), g_free, (GDestroyNotify)anju_caller_free,
                         self->lookup_cancellable, on_caller_found_cb, lookup);
  return G_SOURCE_REMOVE;
}

static void
on_mobile_changed_cb (AnjuCallWindow *self)
{
  g_autofree char *mobile = anju_mobile_normalize (row_text (self->mobile_row), NULL);

  /* Corrected: its own error goes, the others stay. */
  anju_field_errors_set (self->errors, GTK_WIDGET (self->mobile_row), NULL);
  show_problem (self, NULL);
  g_clear_handle_id (&self->lookup_id, g_source_remove);
  /* Not a whole number (yet): nobody to show, at once. A number waits
   * for a pause in the typing (a pasted one is looked up just as soon). */
  if (mobile == NULL)
    lookup_number (self);
  else
    self->lookup_id = g_timeout_add (LOOKUP_DELAY_MS, lookup_number, self);
}

/* A letter typed into the number: refused as it is typed, and the field
 * says why (core's sentence names it). */
static void
on_mobile_refused_cb (GtkEditable *editable,
                      const char  *message,
                      gpointer     user_data)
{
  AnjuCallWindow *self = user_data;

  anju_field_errors_set (self->errors, GTK_WIDGET (editable), message);
}

/* A corrected field drops its own error. */
static void
on_row_changed_cb (GtkWidget      *row,
                   AnjuCallWindow *self)
{
  anju_field_errors_set (self->errors, row, NULL);
}

static void
on_time_changed_cb (GtkWidget      *row,
                    GParamSpec     *pspec,
                    AnjuCallWindow *self)
{
  on_row_changed_cb (row, self);
}

static void
on_field_changed_cb (AnjuCallWindow *self,
                     ...)
{
  /* Which field changed is not passed to a swapped handler of both
   * "changed" and "notify": the rows of the caller's record clear. */
  anju_field_errors_set (self->errors, GTK_WIDGET (self->name_row), NULL);
  anju_field_errors_set (self->errors, GTK_WIDGET (self->title_row), NULL);
  show_problem (self, NULL);
}

/* ---- questions --------------------------------------------------------- */

static void
show_question_state (AdwActionRow *row,
                     GtkSwitch    *answered)
{
  if (gtk_switch_get_active (answered))
    {
      adw_action_row_set_subtitle (row, _("Answered"));
      gtk_widget_remove_css_class (GTK_WIDGET (row), "question-open");
    }
  else
    {
      adw_action_row_set_subtitle (row, _("Not answered: a task to call back with the answer "
                                          "will be made"));
      gtk_widget_add_css_class (GTK_WIDGET (row), "question-open");
    }
}

static void
on_question_answered_cb (GtkSwitch  *answered,
                         GParamSpec *pspec,
                         AdwActionRow *row)
{
  show_question_state (row, answered);
}

static void
on_question_remove_cb (GtkButton      *button,
                       AnjuCallWindow *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);

  if (row == NULL)
    return;
  g_ptr_array_remove (self->question_rows, row);
  adw_preferences_group_remove (self->questions_group, row);
}

static void
add_question (AnjuCallWindow *self,
              const char     *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *answered = gtk_switch_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *label = gtk_label_new (_("Answered"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (row, "question");

  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_switch_set_active (GTK_SWITCH (answered), TRUE);
  gtk_widget_set_valign (answered, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (answered),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Answered"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), answered);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), answered);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove the question"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the question"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_signal_connect_object (answered, "notify::active",
                           G_CALLBACK (on_question_answered_cb), row, 0);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_question_remove_cb), self, 0);
  show_question_state (ADW_ACTION_ROW (row), GTK_SWITCH (answered));

  g_object_set_data (G_OBJECT (row), "anju-answered", answered);
  g_ptr_array_add (self->question_rows, row);
  adw_preferences_group_add (self->questions_group, row);
}

static void
on_question_apply_cb (AnjuCallWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (row_text (self->question_row)));

  if (*text == '\0')
    return;
  add_question (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->question_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->question_row));
}

/* ---- appointment or call again ---------------------------------------- */

/* Tomorrow at @hour:00, office time. */
static gint64
tomorrow_at (AnjuCallWindow *self,
             int             hour)
{
  g_autoptr(GDateTime) now = anju_ui_time_local (anju_context_get_now (self->context));
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) at = g_date_time_new (g_date_time_get_timezone (now),
                                             g_date_time_get_year (tomorrow),
                                             g_date_time_get_month (tomorrow),
                                             g_date_time_get_day_of_month (tomorrow),
                                             hour, 0, 0);

  return g_date_time_to_unix (at) * G_USEC_PER_SEC;
}

static void
on_appointment_enabled_cb (AnjuCallWindow *self)
{
  /* Seed p.31, 要点五: without a time to visit, a time to call again. */
  if (!adw_expander_row_get_enable_expansion (self->appointment_row))
    {
      adw_expander_row_set_enable_expansion (self->call_again_row, TRUE);
      return;
    }
  /* One or the other: a time to visit, or a time to call again. */
  adw_expander_row_set_enable_expansion (self->call_again_row, FALSE);
  gtk_switch_set_active (self->invited_switch, TRUE);
  gtk_switch_set_active (self->intent_switch, TRUE);
}

static void
on_call_again_enabled_cb (AnjuCallWindow *self)
{
  if (adw_expander_row_get_enable_expansion (self->call_again_row))
    adw_expander_row_set_enable_expansion (self->appointment_row, FALSE);
}

/* ---- saving ------------------------------------------------------------ */

typedef struct
{
  GPtrArray *tasks;    /* AnjuTask* */
} Created;

static void
created_free (Created *created)
{
  g_clear_pointer (&created->tasks, g_ptr_array_unref);
  g_free (created);
}

static gpointer
load_created (AnjuStore     *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  GStrv ids = data;
  Created *created = g_new0 (Created, 1);

  created->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_task_free);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      AnjuTask *task = anju_task_load (store, ids[i], NULL);

      if (task != NULL)
        g_ptr_array_add (created->tasks, task);
    }
  return created;
}

typedef struct
{
  AnjuCallWindow *self;
  guint           n_sms;
  gboolean        created_customer;
  gboolean        long_call;
} Saved;

static void
saved_free (Saved *saved)
{
  g_object_unref (saved->self);
  g_free (saved);
}

/* Appends @sentence to the message *@message, after its last sentence. */
static void
add_sentence (char       **message,
              const char  *sentence)
{
  char *joined = anju_format_join_sentences (*message, sentence);

  g_free (*message);
  *message = joined;
}

static void
on_created_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Saved *saved = user_data;
  AnjuCallWindow *self = saved->self;
  g_autoptr(GError) error = NULL;
  Created *created = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  g_autofree char *message = g_strdup (_("Call saved."));

  count_busy (self, -1);
  if (saved->created_customer)
    add_sentence (&message, _("New customer recorded."));
  if (created != NULL && created->tasks->len > 0)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL;
      g_autofree char *sentence = NULL;

      for (guint i = 0; i < created->tasks->len; i++)
        {
          AnjuTask *task = g_ptr_array_index (created->tasks, i);
          g_autofree char *due = anju_ui_time_short (task->due_at,
                                                     anju_context_get_now (self->context));

          /* Translators: a task's kind and when it is due, in the list after a call */
          g_ptr_array_add (items, g_strdup_printf (_("%s (%s)"), anju_task_kind_get_label (task->kind),
                                                   due));
        }
      g_ptr_array_add (items, NULL);
      list = anju_format_join_list ((const char * const *)items->pdata);
      /* Translators: %s lists the follow-up tasks a call created */
      sentence = g_strdup_printf (_("Follow-ups: %s."), list);
      add_sentence (&message, sentence);
    }
  if (saved->n_sms > 0)
    {
      g_autofree char *sentence = g_strdup_printf (ngettext ("%u SMS waits in the outbox.",
                                                             "%u SMS wait in the outbox.",
                                                             saved->n_sms),
                                                   saved->n_sms);

      add_sentence (&message, sentence);
    }
  if (saved->long_call)
    add_sentence (&message, _("The call was flagged as too long."));
  anju_widget_show_toast (GTK_WIDGET (self), message);
  g_clear_pointer (&created, created_free);
  saved_free (saved);
  gtk_window_close (GTK_WINDOW (self));
}

static GStrv
dup_string_array (JsonObject *object,
                  const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = NULL;

  if (object != NULL && json_object_has_member (object, member))
    array = json_object_get_array_member (object, member);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

/* The refusal's field → the row to mark. */
static GtkWidget *
row_of_field (AnjuCallWindow *self,
              const char     *field)
{
  if (field == NULL)
    return NULL;
  if (g_str_equal (field, "mobile"))
    return GTK_WIDGET (self->mobile_row);
  if (g_str_has_prefix (field, "new_customer.name"))
    return GTK_WIDGET (self->name_row);
  if (g_str_has_prefix (field, "new_customer.title"))
    return GTK_WIDGET (self->title_row);
  if (g_str_has_prefix (field, "new_customer.mobile"))
    return GTK_WIDGET (self->mobile_row);
  if (g_str_equal (field, "appointment_at") || g_str_equal (field, "party_size"))
    return GTK_WIDGET (self->appointment_time_row);
  if (g_str_equal (field, "car_plate"))
    return GTK_WIDGET (self->car_plate_row);
  if (g_str_equal (field, "call_again_at"))
    return GTK_WIDGET (self->call_again_time_row);
  if (g_str_equal (field, "reason"))
    return GTK_WIDGET (self->reason_row);
  return NULL;
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AnjuCallWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);
  JsonObject *done;
  g_auto(GStrv) task_ids = NULL;
  g_auto(GStrv) sms_ids = NULL;
  Saved *saved;

  if (answer == NULL)
    {
      const char *field = error->domain == ANJU_COMMAND_ERROR
                          ? anju_command_error_get_field (error) : NULL;
      GtkWidget *row = row_of_field (self, field);

      count_busy (self, -1);
      self->saving = FALSE;
      update_actions (self);
      anju_field_errors_set (self->errors, row, error->message);
      anju_field_errors_reveal (self->errors);
      return;
    }

  /* The call is on record: the clock stops, the follow-ups are listed. */
  g_clear_handle_id (&self->tick_id, g_source_remove);
  done = json_object_get_object_member (answer, "result");
  task_ids = dup_string_array (done, "task_ids");
  sms_ids = dup_string_array (done, "sms_ids");
  saved = g_new0 (Saved, 1);
  saved->self = g_object_ref (self);
  saved->n_sms = g_strv_length (sms_ids);
  saved->created_customer = json_object_get_boolean_member_with_default (done, "created_customer",
                                                                          FALSE);
  saved->long_call = json_object_get_boolean_member_with_default (done, "long_call", FALSE);
  /* Still busy: the window closes once the follow-ups are read. */
  anju_worker_run_async (anju_context_get_worker (self->context), load_created,
                         g_steal_pointer (&task_ids), (GDestroyNotify)g_strfreev,
                         (GDestroyNotify)created_free, NULL,
                         on_created_loaded_cb, saved);
}

/* Checks each field's own format with core's readers (not the rules of
 * the call, which are core's to apply); marks every faulty field. */
static void
check_fields (AnjuCallWindow *self)
{
  g_autofree char *mobile = g_strstrip (g_strdup (row_text (self->mobile_row)));
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  if (*mobile != '\0' && !(normalized = anju_mobile_normalize (mobile, &error)))
    anju_field_errors_set (self->errors, GTK_WIDGET (self->mobile_row), error->message);
}

static JsonObject *
build_payload (AnjuCallWindow *self)
{
  const AnjuUser *user = anju_context_get_user (self->context);
  const AnjuProject *project = anju_context_get_project (self->context);
  JsonObject *payload = json_object_new ();
  g_autoptr(JsonArray) questions = json_array_new ();
  g_autofree char *started = anju_ui_time_iso (self->started_at);
  g_autofree char *ended = anju_ui_time_iso (anju_context_get_now (self->context));
  g_autofree char *mobile = g_strstrip (g_strdup (row_text (self->mobile_row)));
  g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));
  g_autofree char *title = g_strstrip (g_strdup (row_text (self->title_row)));
  g_autofree char *reason = g_strstrip (g_strdup (row_text (self->reason_row)));
  g_autofree char *note = g_strstrip (g_strdup (row_text (self->refusal_note_row)));
  g_autofree char *plate = g_strstrip (g_strdup (row_text (self->car_plate_row)));
  gboolean refused = adw_expander_row_get_enable_expansion (self->refused_row);
  gboolean appointment = adw_expander_row_get_enable_expansion (self->appointment_row);
  gboolean call_again = adw_expander_row_get_enable_expansion (self->call_again_row);

  if (project != NULL)
    json_object_set_string_member (payload, "project_id", project->id);
  if (self->caller != NULL)
    json_object_set_string_member (payload, "customer_id", self->caller->customer_id);
  if (*mobile != '\0')
    json_object_set_string_member (payload, "mobile", mobile);
  if (self->caller == NULL && *name != '\0')
    {
      JsonObject *person = json_object_new ();

      json_object_set_string_member (person, "name", name);
      if (*title != '\0')
        json_object_set_string_member (person, "title", title);
      json_object_set_object_member (payload, "new_customer", person);
    }
  json_object_set_string_member (payload, "answered_by", user->id);
  json_object_set_boolean_member (payload, "backup", gtk_switch_get_active (self->backup_switch));
  json_object_set_int_member (payload, "rings",
                              gtk_spin_button_get_value_as_int (self->rings_spin));
  json_object_set_string_member (payload, "started_at", started);
  json_object_set_string_member (payload, "ended_at", ended);
  if (*reason != '\0')
    json_object_set_string_member (payload, "reason", reason);
  for (guint i = 0; i < self->question_rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (self->question_rows, i);
      GtkSwitch *answered = g_object_get_data (G_OBJECT (row), "anju-answered");
      JsonObject *question = json_object_new ();

      json_object_set_string_member (question, "text", adw_preferences_row_get_title (row));
      json_object_set_boolean_member (question, "answered", gtk_switch_get_active (answered));
      json_array_add_object_element (questions, question);
    }
  if (json_array_get_length (questions) > 0)
    json_object_set_array_member (payload, "questions", g_steal_pointer (&questions));
  json_object_set_boolean_member (payload, "invited", gtk_switch_get_active (self->invited_switch));
  json_object_set_boolean_member (payload, "intent",
                                  gtk_switch_get_active (self->intent_switch) || appointment);
  json_object_set_boolean_member (payload, "contact_refused", refused);
  if (refused && *note != '\0')
    json_object_set_string_member (payload, "refusal_note", note);
  if (appointment)
    {
      gint64 usec = anju_date_time_row_get_usec (self->appointment_time_row);
      g_autofree char *at = anju_ui_time_iso (usec);

      json_object_set_string_member (payload, "appointment_at", at);
      if (*plate != '\0')
        json_object_set_string_member (payload, "car_plate", plate);
      json_object_set_int_member (payload, "party_size",
                                  gtk_spin_button_get_value_as_int (self->party_spin));
    }
  else if (call_again)
    {
      gint64 usec = anju_date_time_row_get_usec (self->call_again_time_row);
      g_autofree char *at = anju_ui_time_iso (usec);

      json_object_set_string_member (payload, "call_again_at", at);
    }
  return payload;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnjuCallWindow *self = ANJU_CALL_WINDOW (widget);
  g_autoptr(JsonObject) payload = NULL;

  if (self->saving || anju_context_get_user (self->context) == NULL)
    return;
  /* A number typed a moment ago is looked up first: a repeat caller must
   * not become a second record. */
  if (self->lookup_id != 0)
    {
      g_clear_handle_id (&self->lookup_id, g_source_remove);
      lookup_number (self);
    }
  if (self->looking_up)
    {
      self->save_after_lookup = TRUE;
      return;
    }
  /* A question typed but not added yet still counts. */
  on_question_apply_cb (self);
  /* What a field's own format says is wrong shows with what core
   * refuses (core checks the times before the number, and never takes a
   * bad number): all at once. */
  check_fields (self);
  payload = build_payload (self);
  self->saving = TRUE;
  count_busy (self, 1);
  update_actions (self);
  show_problem (self, NULL);
  anju_context_run_command_async (self->context, "call.log", payload, NULL,
                                  on_saved_cb, g_object_ref (self));
}

static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AnjuCallWindow *self = ANJU_CALL_WINDOW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->caller != NULL && ANJU_IS_WINDOW (parent))
    anju_window_open_customer (ANJU_WINDOW (parent), self->caller->customer_id);
}

static void
edit_scripts_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AnjuCallWindow *self = ANJU_CALL_WINDOW (widget);
  AnjuScriptEditor *editor = anju_script_editor_new (GTK_WINDOW (self), self->context, "greeting");

  gtk_window_present (GTK_WINDOW (editor));
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_call_window_dispose (GObject *object)
{
  AnjuCallWindow *self = (AnjuCallWindow *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->lookup_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_call_window_parent_class)->dispose (object);
}

static void
anju_call_window_finalize (GObject *object)
{
  AnjuCallWindow *self = (AnjuCallWindow *)object;

  g_clear_pointer (&self->caller, anju_caller_free);
  g_clear_pointer (&self->question_rows, g_ptr_array_unref);
  g_clear_pointer (&self->errors, anju_field_errors_free);
  g_free (self->looked_up);

  G_OBJECT_CLASS (anju_call_window_parent_class)->finalize (object);
}

static void
anju_call_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AnjuCallWindow *self = ANJU_CALL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, anju_call_window_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_call_window_class_init (AnjuCallWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_call_window_dispose;
  object_class->finalize = anju_call_window_finalize;
  object_class->get_property = anju_call_window_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANJU_TYPE_DATE_TIME_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-call-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, edit_scripts_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, greeting_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, rings_hint_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, mobile_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, caller_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, caller_icon);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, open_record_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, refused_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, refusal_note_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, reason_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, introduction_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, questions_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, question_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, invited_switch);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, intent_switch);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, appointment_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, appointment_time_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, car_plate_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, party_spin);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, call_again_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, call_again_time_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, answered_by_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, backup_switch);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, rings_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, rings_spin);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, length_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, length_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCallWindow, scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_mobile_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_question_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_appointment_enabled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_call_again_enabled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rings_changed_cb);

  gtk_widget_class_install_action (widget_class, "call.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "call.open-record", NULL, open_record_action);
  gtk_widget_class_install_action (widget_class, "call.edit-scripts", NULL, edit_scripts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "call.save",
                                       NULL);
}

static void
anju_call_window_init (AnjuCallWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->question_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->errors = anju_field_errors_new (self->problem_label, self->scroller);
  anju_ui_editable_accept_phone_full (GTK_EDITABLE (self->mobile_row), on_mobile_refused_cb, self);
  g_signal_connect (self->appointment_time_row, "notify::usec",
                    G_CALLBACK (on_time_changed_cb), self);
  g_signal_connect (self->call_again_time_row, "notify::usec",
                    G_CALLBACK (on_time_changed_cb), self);
  g_signal_connect (self->car_plate_row, "changed", G_CALLBACK (on_row_changed_cb), self);
  g_signal_connect (self->reason_row, "changed", G_CALLBACK (on_row_changed_cb), self);
  /* until the project's standard is read */
  anju_reception_get_default_phone_standard (&self->phone);
  update_actions (self);
}

AnjuCallWindow *
anju_call_window_new (GtkWindow   *parent,
                      AnjuContext *context)
{
  AnjuCallWindow *self;
  const AnjuUser *user;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_CALL_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->context = g_object_ref (context);
  self->started_at = anju_context_get_now (context);
  user = anju_context_get_user (context);
  adw_action_row_set_subtitle (self->answered_by_row, user ? user->display_name : "");
  gtk_widget_set_visible (self->edit_scripts_button,
                          anju_context_may (context, "script.set"));
  anju_date_time_row_set_usec (self->appointment_time_row, tomorrow_at (self, 10));
  anju_date_time_row_set_usec (self->call_again_time_row, tomorrow_at (self, 10));
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload_texts (self);
  tick (self);
  self->tick_id = g_timeout_add_seconds (1, tick, self);
  gtk_widget_grab_focus (GTK_WIDGET (self->mobile_row));
  return self;
}

gint64
anju_call_window_get_started (AnjuCallWindow *self)
{
  g_return_val_if_fail (ANJU_IS_CALL_WINDOW (self), 0);

  return self->started_at;
}

gboolean
anju_call_window_get_busy (AnjuCallWindow *self)
{
  g_return_val_if_fail (ANJU_IS_CALL_WINDOW (self), FALSE);

  return self->n_busy > 0 || self->lookup_id != 0 || self->looking_up;
}

const char *
anju_call_window_get_caller_id (AnjuCallWindow *self)
{
  g_return_val_if_fail (ANJU_IS_CALL_WINDOW (self), NULL);

  return self->caller ? self->caller->customer_id : NULL;
}
