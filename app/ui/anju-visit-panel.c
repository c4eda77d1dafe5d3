/* anju-visit-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-visit-panel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-command.h"
#include "anju-reception.h"
#include "anju-script-editor.h"
#include "anju-tasks.h"
#include "anju-ui-time.h"
#include "anju-ui-util.h"
#include "anju-visit-panel.h"

struct _AnjuVisitPanel
{
  AdwBin               parent_instance;

  /* template widgets */
  GtkLabel            *header_label;
  GtkSpinner          *spinner;
  GtkScrolledWindow   *scroller;
  GtkLabel            *name_label;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *stations_group;
  GtkSwitch           *club_switch;
  AdwPreferencesGroup *disclosure_group;
  GtkWidget           *edit_disclosure_button;
  GtkLabel            *disclosure_label;
  AdwActionRow        *acknowledged_row;
  GtkWidget           *acknowledge_button;
  AdwPreferencesGroup *record_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *title_row;
  AdwEntryRow         *mobile_row;
  AdwActionRow        *record_state_row;
  GtkImage            *record_state_icon;
  GtkLabel            *problem_label;
  GtkWidget           *close_button;

  /* owned */
  AnjuContext         *context;
  GCancellable        *cancellable;
  char                *visit_id;
  char                *mobile_hint;
  AnjuVisit           *visit;
  GPtrArray           *station_rows;   /* AdwActionRow*, borrowed */
  GStrv                missing;        /* must-have fields still empty */
  guint                n_busy;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (AnjuVisitPanel, anju_visit_panel, ADW_TYPE_BIN)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (AnjuVisitPanel *self);

static const struct
{
  const char *id;
  const char *title;
  const char *hint;
} stations[] = {
  { "pre_reception", N_("Pre-reception"),
    N_("Welcome at the door, introduce yourself with your card, ask how to address them") },
  { "model", N_("At the model"),
    N_("The project’s overall plan") },
  { "area_map", N_("At the area map"),
    N_("Location, transport and amenities around the site") },
  { "negotiation_area", N_("Negotiation area"),
    N_("Budget, layouts, prices, purchase steps, loans and the monthly payment; the 万客会 club") },
  { "show_flat", N_("Show flat and community"),
    N_("Let them feel the home and the neighbourhood") },
  { "farewell", N_("Farewell"),
    N_("Review, record the visit, see them off at the door or the car park") },
};

/* The must-have field's name for people. */
static const char *
field_label (const char *field)
{
  if (g_strcmp0 (field, "name") == 0)
    return _("Name");
  if (g_strcmp0 (field, "title") == 0)
    return C_("customer", "Title");
  if (g_strcmp0 (field, "mobile") == 0)
    return _("Mobile");
  return field;
}

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_open (AnjuVisitPanel *self)
{
  return self->visit != NULL && g_strcmp0 (self->visit->state, "open") == 0;
}

static void
update_actions (AnjuVisitPanel *self)
{
  gboolean open = is_open (self) && self->n_busy == 0;
  gboolean acknowledged = self->visit != NULL &&
                          self->visit->disclosure_version ==
                          self->visit->current_disclosure_version;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.close", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.acknowledge", open && !acknowledged);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.edit-disclosure",
                                 self->context != NULL &&
                                 anju_context_may (self->context, "script.set"));
}

static void
show_problem (AnjuVisitPanel *self,
              const char     *message)
{
  gtk_label_set_label (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static void
count_busy (AnjuVisitPanel *self,
            int             delta)
{
  self->n_busy += delta;
  gtk_spinner_set_spinning (self->spinner, self->n_busy > 0);
  update_actions (self);
}

/* ---- commands ---------------------------------------------------------- */

typedef struct
{
  AnjuVisitPanel *self;
  char           *message;
  gboolean        closing;
  JsonObject     *customer;      /* visit.close: the fields sent */
} Call;

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_free (call->message);
  g_clear_pointer (&call->customer, json_object_unref);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

typedef struct
{
  char       *visit_id;
  JsonObject *customer;
} MissingJob;

static void
missing_job_free (MissingJob *job)
{
  g_free (job->visit_id);
  g_clear_pointer (&job->customer, json_object_unref);
  g_free (job);
}

static gpointer
find_missing (AnjuStore     *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  MissingJob *job = data;

  return anju_visit_dup_missing_fields (store, job->visit_id, job->customer, error);
}

static void
mark_missing (AnjuVisitPanel     *self,
              const char * const *missing)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *message = NULL;

  for (guint i = 0; missing != NULL && missing[i] != NULL; i++)
    {
      GtkWidget *row = NULL;

      if (g_str_equal (missing[i], "name"))
        row = GTK_WIDGET (self->name_row);
      else if (g_str_equal (missing[i], "title"))
        row = GTK_WIDGET (self->title_row);
      else if (g_str_equal (missing[i], "mobile"))
        row = GTK_WIDGET (self->mobile_row);
      if (row != NULL)
        {
          gtk_widget_set_visible (row, TRUE);
          gtk_widget_add_css_class (row, "error");
        }
      if (list->len > 0)
        g_string_append (list, _(", "));
      g_string_append (list, field_label (missing[i]));
    }
  /* Translators: %s lists the customer's fields still empty: "Title, Mobile" */
  message = g_strdup_printf (_("Complete the customer’s record before ending the visit. "
                               "Missing: %s."),
                             list->str);
  show_problem (self, message);
  if (missing != NULL && missing[0] != NULL)
    {
      if (g_str_equal (missing[0], "name"))
        gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      else if (g_str_equal (missing[0], "title"))
        gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      else if (g_str_equal (missing[0], "mobile"))
        gtk_widget_grab_focus (GTK_WIDGET (self->mobile_row));
    }
}

static void
on_missing_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AnjuVisitPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  count_busy (self, -1);
  if (missing != NULL)
    mark_missing (self, (const char * const *)missing);
}

typedef struct
{
  AnjuVisitPanel *self;
  GPtrArray      *tasks;
} Closed;

static gpointer
load_tasks (AnjuStore     *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  GStrv ids = data;
  GPtrArray *tasks = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_task_free);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      AnjuTask *task = anju_task_load (store, ids[i], NULL);

      if (task != NULL)
        g_ptr_array_add (tasks, task);
    }
  return tasks;
}

static void
on_follow_ups_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AnjuVisitPanel) self = user_data;
  g_autoptr(GPtrArray) tasks = anju_worker_run_finish (ANJU_WORKER (object), result, NULL);
  g_autoptr(GString) message = g_string_new (_("Visit closed."));

  count_busy (self, -1);
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      AnjuTask *task = g_ptr_array_index (tasks, i);
      g_autofree char *due = anju_ui_time_short (task->due_at,
                                                 anju_context_get_now (self->context));

      g_string_append_c (message, ' ');
      /* Translators: a follow-up of a visit and when it is due:
       * "Call back after the visit: 18:05." */
      g_string_append_printf (message, _("%s: %s."), anju_task_kind_get_label (task->kind), due);
    }
  anju_widget_show_toast (GTK_WIDGET (self), message->str);
  g_signal_emit (self, signals[BACK], 0);
}

static GStrv
dup_ids (JsonObject *result,
         const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *ids = json_object_has_member (result, member)
                   ? json_object_get_array_member (result, member) : NULL;

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    g_strv_builder_add (builder, json_array_get_string_element (ids, i));
  return g_strv_builder_end (builder);
}

static void
on_command_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  AnjuVisitPanel *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);

  count_busy (self, -1);
  if (answer == NULL)
    {
      const char *field = error->domain == ANJU_COMMAND_ERROR
                          ? anju_command_error_get_field (error) : NULL;

      if (call->closing && g_error_matches (error, ANJU_COMMAND_ERROR,
                                            ANJU_COMMAND_ERROR_MISSING_FIELD) &&
          field != NULL && g_str_has_prefix (field, "customer."))
        {
          /* The core names the first; ask it for all of them. */
          MissingJob *job = g_new0 (MissingJob, 1);

          job->visit_id = g_strdup (self->visit_id);
          job->customer = call->customer ? json_object_ref (call->customer) : NULL;
          count_busy (self, 1);
          anju_worker_run_async (anju_context_get_worker (self->context), find_missing, job,
                                 (GDestroyNotify)missing_job_free, (GDestroyNotify)g_strfreev,
                                 self->cancellable, on_missing_cb, g_object_ref (self));
          return;
        }
      show_problem (self, error->message);
      if (g_strcmp0 (field, "disclosure") == 0)
        gtk_widget_grab_focus (self->acknowledge_button);
      /* A refused tick must not stay ticked. */
      reload (self);
      return;
    }
  show_problem (self, NULL);
  if (call->closing)
    {
      g_auto(GStrv) task_ids = dup_ids (json_object_get_object_member (answer, "result"),
                                        "task_ids");

      count_busy (self, 1);
      anju_worker_run_async (anju_context_get_worker (self->context), load_tasks,
                             g_steal_pointer (&task_ids), (GDestroyNotify)g_strfreev,
                             (GDestroyNotify)g_ptr_array_unref, NULL,
                             on_follow_ups_cb, g_object_ref (self));
      return;
    }
  if (call->message != NULL)
    anju_widget_show_toast (GTK_WIDGET (self), call->message);
}

static void
run_command (AnjuVisitPanel *self,
             const char     *type,
             JsonObject     *payload,
             const char     *message,
             gboolean        closing,
             JsonObject     *customer)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->message = g_strdup (message);
  call->closing = closing;
  call->customer = customer ? json_object_ref (customer) : NULL;
  count_busy (self, 1);
  anju_context_run_command_async (self->context, type, payload, NULL, on_command_done_cb, call);
}

static JsonObject *
new_payload (AnjuVisitPanel *self)
{
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "visit_id", self->visit_id);
  return payload;
}

static void
on_station_toggled_cb (GtkCheckButton *check,
                       AnjuVisitPanel *self)
{
  const char *station = g_object_get_data (G_OBJECT (check), "anju-station");
  g_autoptr(JsonObject) payload = NULL;

  if (self->filling || self->visit_id == NULL)
    return;
  payload = new_payload (self);
  json_object_set_string_member (payload, "station", station);
  json_object_set_boolean_member (payload, "done", gtk_check_button_get_active (check));
  run_command (self, "visit.station", payload, NULL, FALSE, NULL);
}

static void
on_club_switched_cb (AnjuVisitPanel *self)
{
  g_autoptr(JsonObject) payload = NULL;

  if (self->filling || self->visit_id == NULL)
    return;
  payload = new_payload (self);
  json_object_set_boolean_member (payload, "joined", gtk_switch_get_active (self->club_switch));
  run_command (self, "visit.club", payload,
               gtk_switch_get_active (self->club_switch) ? _("Welcome to the 万客会 club") : NULL,
               FALSE, NULL);
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AnjuVisitPanel *self = ANJU_VISIT_PANEL (widget);
  g_autoptr(JsonObject) payload = NULL;

  if (self->visit == NULL)
    return;
  payload = new_payload (self);
  json_object_set_int_member (payload, "disclosure_version",
                              self->visit->current_disclosure_version);
  run_command (self, "visit.disclose", payload, _("Risk disclosure acknowledged"), FALSE, NULL);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AnjuVisitPanel *self = ANJU_VISIT_PANEL (widget);
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) customer = json_object_new ();
  g_autofree char *ended = NULL;
  struct { AdwEntryRow *row; const char *field; } fields[] = {
    { self->name_row, "name" }, { self->title_row, "title" }, { self->mobile_row, "mobile" },
  };

  if (!is_open (self))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (row_text (fields[i].row)));

      if (gtk_widget_get_visible (GTK_WIDGET (fields[i].row)) && *text != '\0')
        json_object_set_string_member (customer, fields[i].field, text);
    }
  payload = new_payload (self);
  ended = anju_ui_time_iso (anju_context_get_now (self->context));
  json_object_set_string_member (payload, "ended_at", ended);
  if (json_object_get_size (customer) > 0)
    json_object_set_object_member (payload, "customer", json_object_ref (customer));
  show_problem (self, NULL);
  run_command (self, "visit.close", payload, NULL, TRUE,
               json_object_get_size (customer) > 0 ? customer : NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
edit_disclosure_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AnjuVisitPanel *self = ANJU_VISIT_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  AnjuScriptEditor *editor = anju_script_editor_new (parent, self->context, "disclosure");

  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_record_changed_cb (AnjuVisitPanel *self,
                      GtkWidget      *row)
{
  if (self->filling)
    return;
  gtk_widget_remove_css_class (row, "error");
  show_problem (self, NULL);
}

/* ---- loading ----------------------------------------------------------- */

typedef struct
{
  AnjuVisit  *visit;
  GStrv       stations;
  AnjuScript *disclosure;
  GStrv       missing;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->visit, anju_visit_free);
  g_clear_pointer (&loaded->stations, g_strfreev);
  g_clear_pointer (&loaded->disclosure, anju_script_free);
  g_clear_pointer (&loaded->missing, g_strfreev);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_visit (AnjuStore     *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  if (!(loaded->visit = anju_visit_load (store, data, error)))
    return NULL;
  loaded->stations = anju_visit_dup_stations (store, loaded->visit->project_id);
  if (!(loaded->disclosure = anju_reception_dup_script (store, loaded->visit->project_id,
                                                        "disclosure", error)))
    return NULL;
  if (!(loaded->missing = anju_visit_dup_missing_fields (store, loaded->visit->id, NULL, error)))
    return NULL;
  return g_steal_pointer (&loaded);
}

static const char *
visit_type_label (const char *type)
{
  if (g_strcmp0 (type, "first") == 0)
    return _("First visit");
  if (g_strcmp0 (type, "return") == 0)
    return _("Return visit");
  if (g_strcmp0 (type, "owner") == 0)
    return _("Owner visit");
  if (g_strcmp0 (type, "referral") == 0)
    return _("Referral visit");
  return type;
}

static void
fill_stations (AnjuVisitPanel *self,
               Loaded         *loaded)
{
  gint64 now = anju_context_get_now (self->context);

  for (guint i = 0; i < self->station_rows->len; i++)
    adw_preferences_group_remove (self->stations_group, g_ptr_array_index (self->station_rows, i));
  g_ptr_array_set_size (self->station_rows, 0);

  for (guint i = 0; loaded->stations != NULL && loaded->stations[i] != NULL; i++)
    {
      const char *id = loaded->stations[i];
      const char *title = id, *hint = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *ticked = NULL;
      g_autofree char *numbered = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (stations); j++)
        if (g_str_equal (stations[j].id, id))
          {
            title = _(stations[j].title);
            hint = _(stations[j].hint);
          }
      if (json_object_has_member (self->visit->stations, id))
        ticked = json_object_get_string_member (self->visit->stations, id);
      /* Translators: a station's number and name: "1. Pre-reception" */
      numbered = g_strdup_printf (_("%u. %s"), i + 1, title);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), numbered);
      if (ticked != NULL)
        {
          g_autofree char *when = anju_ui_time_short (ticked, now);
          /* Translators: a station of the visit done at a time, then its hint */
          g_autofree char *subtitle = g_strdup_printf (_("Done %s · %s"), when, hint ? hint : "");

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hint ? hint : "");
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), ticked != NULL);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (check, is_open (self));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      g_object_set_data_full (G_OBJECT (check), "anju-station", g_strdup (id), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_station_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->stations_group, row);
      g_ptr_array_add (self->station_rows, row);
    }
}

static void
fill_record (AnjuVisitPanel *self,
             gboolean        same_visit)
{
  gboolean need_name = g_strv_contains ((const char * const *)self->missing, "name");
  gboolean need_title = g_strv_contains ((const char * const *)self->missing, "title");
  gboolean need_mobile = g_strv_contains ((const char * const *)self->missing, "mobile");
  guint n_other = 0;

  if (!same_visit)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->mobile_row),
                             need_mobile && self->mobile_hint ? self->mobile_hint : "");
    }
  /* Once typed, a field stays until the visit closes. */
  if (!same_visit || need_name)
    gtk_widget_set_visible (GTK_WIDGET (self->name_row), need_name);
  if (!same_visit || need_title)
    gtk_widget_set_visible (GTK_WIDGET (self->title_row), need_title);
  if (!same_visit || need_mobile)
    gtk_widget_set_visible (GTK_WIDGET (self->mobile_row), need_mobile);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row),
                          is_open (self) && gtk_widget_get_visible (GTK_WIDGET (self->name_row)));
  gtk_widget_set_visible (GTK_WIDGET (self->title_row),
                          is_open (self) && gtk_widget_get_visible (GTK_WIDGET (self->title_row)));
  gtk_widget_set_visible (GTK_WIDGET (self->mobile_row),
                          is_open (self) && gtk_widget_get_visible (GTK_WIDGET (self->mobile_row)));

  for (guint i = 0; self->missing[i] != NULL; i++)
    if (!g_str_equal (self->missing[i], "name") && !g_str_equal (self->missing[i], "title") &&
        !g_str_equal (self->missing[i], "mobile"))
      n_other++;
  if (self->missing[0] == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->record_state_row),
                                     _("The record has every must-have field"));
      gtk_image_set_from_icon_name (self->record_state_icon, "emblem-ok-symbolic");
    }
  else if (n_other > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; self->missing[i] != NULL; i++)
        if (g_str_has_prefix (self->missing[i], "profile."))
          {
            if (list->len > 0)
              g_string_append (list, _(", "));
            g_string_append (list, self->missing[i] + strlen ("profile."));
          }
      {
        /* Translators: %s lists profile dimensions still empty */
        g_autofree char *title = g_strdup_printf (_("Complete in the customer’s record: %s"),
                                                  list->str);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->record_state_row), title);
      }
      gtk_image_set_from_icon_name (self->record_state_icon, "dialog-warning-symbolic");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->record_state_row),
                                     _("Ask for what is missing before the visitor leaves"));
      gtk_image_set_from_icon_name (self->record_state_icon, "document-edit-symbolic");
    }
}

static void
fill (AnjuVisitPanel *self,
      Loaded         *loaded)
{
  gint64 now = anju_context_get_now (self->context);
  gboolean same_visit = self->visit != NULL && g_strcmp0 (self->visit->id, loaded->visit->id) == 0;
  AnjuVisit *v;
  g_autofree char *title = NULL;
  g_autofree char *arrived = NULL;
  g_autofree char *waited = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *version = NULL;
  g_autofree char *state = NULL;
  gboolean acknowledged;

  g_clear_pointer (&self->visit, anju_visit_free);
  g_clear_pointer (&self->missing, g_strfreev);
  self->visit = g_steal_pointer (&loaded->visit);
  self->missing = g_steal_pointer (&loaded->missing);
  v = self->visit;

  self->filling = TRUE;
  title = anju_ui_visitor_name (v->customer_name, v->customer_title, v->first_time);
  gtk_label_set_label (self->name_label, title);
  gtk_label_set_label (self->header_label, title);
  arrived = anju_ui_time_short (v->arrived_at, now);
  if (v->wait_seconds >= 0)
    {
      waited = anju_ui_time_duration (v->wait_seconds);
      /* Translators: visit type · consultant · arrival time · wait until greeted */
      summary = g_strdup_printf (_("%s · %s · arrived %s · waited %s"),
                                 visit_type_label (v->visit_type),
                                 v->consultant_name ? v->consultant_name : _("no consultant yet"),
                                 arrived, waited);
    }
  else
    /* Translators: visit type · consultant · arrival time; the visit ended
     * without the greeting being recorded, so no wait is known */
    summary = g_strdup_printf (_("%s · %s · arrived %s · no greeting recorded"),
                               visit_type_label (v->visit_type),
                               v->consultant_name ? v->consultant_name : _("no consultant yet"),
                               arrived);
  if (g_strcmp0 (v->state, "closed") == 0)
    {
      g_autofree char *ended = anju_ui_time_short (v->ended_at, now);
      /* Translators: %s is when the visit ended */
      g_autofree char *closed = g_strdup_printf (_("closed %s"), ended);
      g_autofree char *both = g_strdup_printf ("%s · %s", summary, closed);

      g_free (summary);
      summary = g_steal_pointer (&both);
    }
  gtk_label_set_label (self->summary_label, summary);
  if (v->long_wait)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "wait-long");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "wait-long");

  fill_stations (self, loaded);
  gtk_switch_set_active (self->club_switch, v->club_joined);
  gtk_widget_set_sensitive (GTK_WIDGET (self->club_switch), is_open (self));

  gtk_label_set_label (self->disclosure_label, loaded->disclosure->rendered);
  /* Version 0 is the standard text, which no one calls "第 0 版". */
  if (v->current_disclosure_version == 0)
    version = g_strdup (_("The standard text. Present it, then record that the customer "
                          "acknowledged it."));
  else
    /* Translators: the version of the risk disclosure text shown */
    version = g_strdup_printf (_("Version %d of the project’s text. Present it, then record "
                                 "that the customer acknowledged it."),
                               v->current_disclosure_version);
  adw_preferences_group_set_description (self->disclosure_group, version);
  acknowledged = v->disclosure_version == v->current_disclosure_version;
  if (acknowledged)
    {
      g_autofree char *when = anju_ui_time_short (v->disclosed_at, now);

      /* Translators: %s is when the customer acknowledged the risk disclosure */
      state = g_strdup_printf (_("Acknowledged %s"), when);
    }
  else if (v->disclosure_version == 0)
    state = g_strdup (_("The text changed since the standard text was acknowledged: present it "
                        "again"));
  else if (v->disclosure_version > 0)
    state = g_strdup_printf (_("The text changed since version %d was acknowledged: "
                               "present it again"),
                             v->disclosure_version);
  else
    state = g_strdup (_("Not yet: the visit cannot close without it"));
  adw_action_row_set_subtitle (self->acknowledged_row, state);
  gtk_widget_set_visible (self->acknowledge_button, !acknowledged);
  if (acknowledged)
    gtk_widget_add_css_class (GTK_WIDGET (self->acknowledged_row), "acknowledged");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->acknowledged_row), "acknowledged");

  fill_record (self, same_visit);
  gtk_widget_set_visible (self->close_button, is_open (self));
  self->filling = FALSE;
  update_actions (self);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuVisitPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  count_busy (self, -1);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (loaded == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  if (g_strcmp0 (loaded->visit->id, self->visit_id) != 0)
    return;
  fill (self, loaded);
}

static void
reload (AnjuVisitPanel *self)
{
  if (self->visit_id == NULL || self->context == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  count_busy (self, 1);
  anju_worker_run_async (anju_context_get_worker (self->context), load_visit,
                         g_strdup (self->visit_id), g_free, (GDestroyNotify)loaded_free,
                         self->cancellable, on_loaded_cb, g_object_ref (self));
}

static void
on_context_changed_cb (AnjuVisitPanel     *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "reception", "scripts", "customers", NULL };

  if (self->visit_id != NULL && anju_topics_match (topics, watched))
    reload (self);
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_visit_panel_dispose (GObject *object)
{
  AnjuVisitPanel *self = (AnjuVisitPanel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_visit_panel_parent_class)->dispose (object);
}

static void
anju_visit_panel_finalize (GObject *object)
{
  AnjuVisitPanel *self = (AnjuVisitPanel *)object;

  g_clear_pointer (&self->visit, anju_visit_free);
  g_clear_pointer (&self->missing, g_strfreev);
  g_clear_pointer (&self->station_rows, g_ptr_array_unref);
  g_free (self->visit_id);
  g_free (self->mobile_hint);

  G_OBJECT_CLASS (anju_visit_panel_parent_class)->finalize (object);
}

static void
anju_visit_panel_class_init (AnjuVisitPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_visit_panel_dispose;
  object_class->finalize = anju_visit_panel_finalize;

  /**
   * AnjuVisitPanel::back:
   *
   * The person goes back to the queue (or the visit was closed).
   */
  signals[BACK] =
    g_signal_new ("back",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-visit-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, header_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, name_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, stations_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, club_switch);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, disclosure_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, edit_disclosure_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, disclosure_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, acknowledged_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, acknowledge_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, record_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, name_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, title_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, mobile_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, record_state_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, record_state_icon);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, problem_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuVisitPanel, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_club_switched_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_record_changed_cb);

  gtk_widget_class_install_action (widget_class, "visit.acknowledge", NULL, acknowledge_action);
  gtk_widget_class_install_action (widget_class, "visit.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "visit.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "visit.edit-disclosure", NULL,
                                   edit_disclosure_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "visit.back",
                                       NULL);
}

static void
anju_visit_panel_init (AnjuVisitPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->station_rows = g_ptr_array_new ();
  self->missing = g_new0 (char *, 1);
  update_actions (self);
}

void
anju_visit_panel_set_context (AnjuVisitPanel *self,
                              AnjuContext    *context)
{
  g_return_if_fail (ANJU_IS_VISIT_PANEL (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

void
anju_visit_panel_load (AnjuVisitPanel *self,
                       const char     *visit_id,
                       const char     *mobile_hint)
{
  g_return_if_fail (ANJU_IS_VISIT_PANEL (self));
  g_return_if_fail (visit_id != NULL);

  if (g_strcmp0 (self->visit_id, visit_id) != 0)
    {
      g_clear_pointer (&self->visit, anju_visit_free);
      show_problem (self, NULL);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  g_free (self->visit_id);
  self->visit_id = g_strdup (visit_id);
  g_free (self->mobile_hint);
  self->mobile_hint = g_strdup (mobile_hint);
  gtk_widget_set_visible (self->edit_disclosure_button,
                          anju_context_may (self->context, "script.set"));
  reload (self);
}

const char *
anju_visit_panel_get_visit_id (AnjuVisitPanel *self)
{
  g_return_val_if_fail (ANJU_IS_VISIT_PANEL (self), NULL);

  return self->visit_id;
}

gboolean
anju_visit_panel_get_busy (AnjuVisitPanel *self)
{
  g_return_val_if_fail (ANJU_IS_VISIT_PANEL (self), FALSE);

  return self->n_busy > 0;
}

const char *
anju_visit_panel_get_state (AnjuVisitPanel *self)
{
  g_return_val_if_fail (ANJU_IS_VISIT_PANEL (self), NULL);

  return self->visit ? self->visit->state : NULL;
}
