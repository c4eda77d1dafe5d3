/* anju-reception-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-reception-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-columns.h"
#include "anju-reception.h"
#include "anju-reception-view.h"
#include "anju-rotation.h"
#include "anju-rotation-editor.h"
#include "anju-ui-time.h"
#include "anju-ui-util.h"
#include "anju-wait-label.h"
#include "anju-walk-in-window.h"

struct _AnjuReceptionView
{
  AdwBin               parent_instance;

  /* template widgets */
  AdwLeaflet          *leaflet;
  GtkLabel            *day_label;
  GtkLabel            *summary_label;
  GtkSpinner          *spinner;
  GtkWidget           *take_call_button;
  AdwPreferencesGroup *waiting_group;
  GtkListBox          *waiting_list;
  AdwPreferencesGroup *progress_group;
  GtkListBox          *progress_list;
  AdwPreferencesGroup *plan_group;
  GtkListBox          *plan_list;
  AdwPreferencesGroup *rotation_group;
  GtkWidget           *set_rotation_button;
  GtkListBox          *rotation_list;
  GtkWidget           *duty_list;
  AdwActionRow        *duty_row;
  GtkWidget           *duty_on_button;
  GtkMenuButton       *duty_away_button;
  AnjuVisitPanel      *visit_panel;

  /* owned */
  AnjuContext         *context;
  GCancellable        *cancellable;
  GHashTable          *mobile_hints;   /* visit id → the number the door typed */
  GtkWindow           *walk_in_window; /* the open 登记来访 dialog (weak), or NULL */
  guint                tick_id;
  guint                n_busy;
};

G_DEFINE_FINAL_TYPE (AnjuReceptionView, anju_reception_view, ADW_TYPE_BIN)

static void
toast (AnjuReceptionView *self,
       const char        *text)
{
  anju_widget_show_toast (GTK_WIDGET (self), text);
}

static GtkWindow *
get_window (AnjuReceptionView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
new_suffix_button (const char *mnemonic,
                   const char *description,
                   gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  return button;
}

/* ---- commands ---------------------------------------------------------- */

typedef struct
{
  AnjuReceptionView *self;
  char              *message;
} Call;

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
  if (answer == NULL)
    toast (call->self, error->message);
  else if (call->message != NULL)
    toast (call->self, call->message);
  g_object_unref (call->self);
  g_free (call->message);
  g_free (call);
}

static void
run_command (AnjuReceptionView *self,
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

static void
on_visit_button_clicked_cb (GtkButton         *button,
                            AnjuReceptionView *self)
{
  const char *type = g_object_get_data (G_OBJECT (button), "anju-command");
  const char *visit_id = g_object_get_data (G_OBJECT (button), "anju-visit-id");
  g_autoptr(JsonObject) payload = json_object_new ();
  const char *message = NULL;

  json_object_set_string_member (payload, "visit_id", visit_id);
  if (g_str_equal (type, "visit.greet"))
    {
      g_autofree char *now = anju_ui_time_iso (anju_context_get_now (self->context));

      json_object_set_string_member (payload, "greeted_at", now);
      message = _("Greeting recorded");
    }
  else if (g_str_equal (type, "visit.handover_confirm"))
    message = _("Handover confirmed: the door is free again");
  else if (g_str_equal (type, "visit.assign"))
    message = _("The rotation’s next consultant receives the visitor");
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  run_command (self, type, payload, message);
}

static void
on_registered_cb (AnjuReceptionView *self,
                  const char        *visit_id,
                  const char        *mobile)
{
  if (mobile != NULL)
    g_hash_table_replace (self->mobile_hints, g_strdup (visit_id), g_strdup (mobile));
}

static void
register_walk_in_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AnjuReceptionView *self = ANJU_RECEPTION_VIEW (widget);
  AnjuWalkInWindow *dialog;

  /* One visitor at a time: a second click brings the open dialog forward. */
  if (self->walk_in_window == NULL)
    {
      dialog = anju_walk_in_window_new (get_window (self), self->context);
      g_signal_connect_object (dialog, "registered", G_CALLBACK (on_registered_cb), self,
                               G_CONNECT_SWAPPED);
      g_set_weak_pointer (&self->walk_in_window, GTK_WINDOW (dialog));
    }
  gtk_window_present (self->walk_in_window);
}

static void
set_rotation_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AnjuReceptionView *self = ANJU_RECEPTION_VIEW (widget);

  gtk_window_present (GTK_WINDOW (anju_rotation_editor_new (get_window (self), self->context)));
}

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnjuReceptionView *self = ANJU_RECEPTION_VIEW (widget);
  const AnjuProject *project = anju_context_get_project (self->context);
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *today = anju_ui_time_local_date (anju_context_get_now (self->context));
  const char *consultant_id, *state, *reason;

  g_variant_get (parameter, "(&s&s&s)", &consultant_id, &state, &reason);
  if (project != NULL)
    json_object_set_string_member (payload, "project_id", project->id);
  json_object_set_string_member (payload, "local_date", today);
  json_object_set_string_member (payload, "consultant_id", consultant_id);
  json_object_set_string_member (payload, "state", state);
  if (*reason != '\0')
    json_object_set_string_member (payload, "reason", reason);
  run_command (self, "rotation.mark", payload, NULL);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  anju_reception_view_go_back (ANJU_RECEPTION_VIEW (widget));
}

/* ---- rows -------------------------------------------------------------- */

static char *
dup_visitor_name (AnjuVisit *visit)
{
  return anju_ui_visitor_name (visit->customer_name, visit->customer_title, visit->first_time);
}

static const char *
route_label (const char *route)
{
  if (g_strcmp0 (route, "own_consultant") == 0)
    return _("their own consultant");
  if (g_strcmp0 (route, "named") == 0)
    return _("asked for");
  if (g_strcmp0 (route, "make_up") == 0)
    return _("a make-up turn");
  if (g_strcmp0 (route, "rotation") == 0)
    return _("next in the rotation");
  return NULL;
}

static GtkWidget *
create_waiting_row (AnjuReceptionView *self,
                    AnjuVisit         *visit,
                    gint64             now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = dup_visitor_name (visit);
  g_autofree char *arrived = anju_ui_time_hm (visit->arrived_at);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *wait = anju_wait_label_new (visit, now);
  const char *route = route_label (visit->route);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  g_string_append_printf (subtitle, _("Arrived %s"), arrived);
  if (visit->consultant_name != NULL && route != NULL)
    /* Translators: the consultant who receives a visitor, and why */
    g_string_append_printf (subtitle, _(" · %s (%s)"), visit->consultant_name, route);
  else if (visit->consultant_name != NULL)
    g_string_append_printf (subtitle, " · %s", visit->consultant_name);
  else
    g_string_append_printf (subtitle, " · %s", _("waiting for a free consultant"));
  if (visit->party_size > 1)
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, ngettext ("%d person", "%d people", visit->party_size),
                              visit->party_size);
    }
  if (visit->car_plate != NULL)
    g_string_append_printf (subtitle, " · %s", visit->car_plate);
  if (visit->handover_required && visit->handover_confirmed_at == NULL && visit->registered_by_name)
    {
      g_string_append (subtitle, "\n");
      /* Translators: %s is the person at the door who must stay with the visitor */
      g_string_append_printf (subtitle, _("%s stays with the visitor until the handover"),
                              visit->registered_by_name);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (visit->first_time
                                                           ? "contact-new-symbolic"
                                                           : "avatar-default-symbolic"));

  anju_wait_label_add_to_row (row, wait);

  {
    const char *command = NULL, *label = NULL;
    gboolean suggested = TRUE;

    if (visit->consultant_id == NULL)
      {
        command = "visit.assign";
        label = _("_Assign Next");
      }
    else if (anju_visit_may_greet (anju_context_get_user (self->context), visit))
      {
        command = "visit.greet";
        label = _("_Greeted");
      }
    else if (visit->handover_required && visit->handover_confirmed_at == NULL)
      {
        command = "visit.handover_confirm";
        label = _("_Handover Confirmed");
        suggested = FALSE;
      }
    if (command != NULL)
      {
        GtkWidget *button = new_suffix_button (label, name, suggested);

        g_object_set_data (G_OBJECT (button), "anju-command", (gpointer)command);
        g_object_set_data_full (G_OBJECT (button), "anju-visit-id", g_strdup (visit->id), g_free);
        g_signal_connect_object (button, "clicked", G_CALLBACK (on_visit_button_clicked_cb), self,
                                 0);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      }
  }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "anju-visit-id", g_strdup (visit->id), g_free);
  return row;
}

static GtkWidget *
create_progress_row (AnjuReceptionView *self,
                     AnjuVisit         *visit,
                     guint              n_stations,
                     gint64             now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = dup_visitor_name (visit);
  g_autofree char *since = anju_ui_time_hm (visit->arrived_at);
  g_autofree char *subtitle = NULL;
  guint n_done = visit->stations ? json_object_get_size (visit->stations) : 0;
  gboolean acknowledged = visit->disclosure_version == visit->current_disclosure_version;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  /* Translators: consultant · arrival · stations done of all · disclosure state */
  subtitle = g_strdup_printf (_("%s · since %s · %u of %u stations · %s"),
                              visit->consultant_name ? visit->consultant_name : "—", since,
                              MIN (n_done, n_stations), n_stations,
                              acknowledged ? _("disclosure acknowledged")
                                           : _("disclosure not yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "anju-visit-id", g_strdup (visit->id), g_free);
  return row;
}

static GtkWidget *
create_plan_row (AnjuPlanEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *at = anju_ui_time_hm (entry->at);
  g_autofree char *title = g_strdup_printf ("%s  %s%s", at,
                                            entry->customer_name ? entry->customer_name : "—",
                                            entry->customer_title ? entry->customer_title : "");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *state_text;
  GtkWidget *state;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_string_append (subtitle, entry->consultant_name ? entry->consultant_name : "—");
  if (entry->car_plate != NULL)
    g_string_append_printf (subtitle, " · %s", entry->car_plate);
  if (entry->party_size > 0)
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, ngettext ("%d person", "%d people", entry->party_size),
                              entry->party_size);
    }
  if (entry->note != NULL && *entry->note != '\0')
    g_string_append_printf (subtitle, "\n%s", entry->note);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (entry->car_plate
                                                           ? "mark-location-symbolic"
                                                           : "x-office-calendar-symbolic"));
  if (g_strcmp0 (entry->state, "arrived") == 0)
    state_text = C_("appointment", "Arrived");
  else if (g_strcmp0 (entry->state, "cancelled") == 0)
    state_text = C_("appointment", "Cancelled");
  else
    state_text = C_("appointment", "Expected");
  state = gtk_label_new (state_text);
  gtk_widget_add_css_class (state, g_strcmp0 (entry->state, "arrived") == 0 ? "success"
                            : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  if (g_strcmp0 (entry->state, "cancelled") == 0)
    gtk_widget_add_css_class (row, "task-done");
  return row;
}

static GMenuModel *
create_mark_menu (AnjuRotationEntry *entry,
                  GPtrArray         *reasons)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) absent = g_menu_new ();
  g_autoptr(GMenu) states = g_menu_new ();
  g_autoptr(GMenuItem) on_duty = g_menu_item_new (_("On duty"), NULL);
  g_autoptr(GMenuItem) busy = g_menu_item_new (_("Busy with a customer"), NULL);

  g_menu_item_set_action_and_target_value (on_duty, "reception.mark",
                                           g_variant_new ("(sss)", entry->consultant_id, "on_duty",
                                                          ""));
  g_menu_item_set_action_and_target_value (busy, "reception.mark",
                                           g_variant_new ("(sss)", entry->consultant_id, "busy",
                                                          ""));
  g_menu_append_item (states, on_duty);
  g_menu_append_item (states, busy);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (states));
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      AnjuAbsenceReason *reason = g_ptr_array_index (reasons, i);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      /* Translators: an absence reason in the rotation's menu: "Absent: Meal break" */
      label = g_strdup_printf (_("Absent: %s"), reason->name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "reception.mark",
                                               g_variant_new ("(sss)", entry->consultant_id,
                                                              "absent", reason->id));
      g_menu_append_item (absent, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (absent));
  return G_MENU_MODEL (menu);
}

/* The signed-in person's own place on today's rotation: come on duty
 * (joining the rotation if need be) or step away, at one click. */
static void
fill_duty (AnjuReceptionView *self,
           AnjuRotationDay   *day,
           GPtrArray         *reasons)
{
  const AnjuUser *user = anju_context_get_user (self->context);
  AnjuRotationEntry *mine = NULL;
  g_autofree char *subtitle = NULL;
  gboolean on;

  gtk_widget_set_visible (self->duty_list, user != NULL);
  if (user == NULL)
    return;
  for (guint i = 0; i < day->entries->len; i++)
    if (g_strcmp0 (((AnjuRotationEntry *)g_ptr_array_index (day->entries, i))->consultant_id,
                   user->id) == 0)
      mine = g_ptr_array_index (day->entries, i);
  on = mine != NULL && g_strcmp0 (mine->state, "absent") != 0;
  if (mine == NULL)
    subtitle = g_strdup (_("Not on today’s rotation"));
  else if (!on)
    /* Translators: the person signed in is away from the rotation, and why */
    subtitle = g_strdup_printf (_("Absent: %s"),
                                mine->absence_reason_name ? mine->absence_reason_name : "—");
  else if (g_strcmp0 (mine->state, "busy") == 0)
    subtitle = g_strdup (_("Busy"));
  else
    subtitle = g_strdup (_("On duty"));
  adw_action_row_set_subtitle (self->duty_row, subtitle);
  /* The target first: the action takes one. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->duty_on_button),
                                          g_variant_new ("(sss)", user->id, "on_duty", ""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->duty_on_button), "reception.mark");
  gtk_widget_set_visible (self->duty_on_button, !on || g_strcmp0 (mine->state, "busy") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->duty_away_button), on);
  if (on)
    {
      g_autoptr(GMenuModel) menu = create_mark_menu (mine, reasons);

      gtk_menu_button_set_menu_model (self->duty_away_button, menu);
    }
}

static GtkWidget *
create_rotation_row (AnjuReceptionView *self,
                     AnjuRotationDay   *day,
                     AnjuRotationEntry *entry,
                     GPtrArray         *reasons,
                     guint              index)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  GtkWidget *badge = gtk_label_new (number);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const AnjuUser *user = anju_context_get_user (self->context);
  gboolean next = g_strcmp0 (day->next_consultant_id, entry->consultant_id) == 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->consultant_name);
  gtk_widget_add_css_class (badge, "rotation-card");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);

  if (g_strcmp0 (entry->state, "absent") == 0)
    {
      /* Translators: a consultant absent from the rotation, and why */
      g_string_append_printf (subtitle, _("Absent: %s"),
                              entry->absence_reason_name ? entry->absence_reason_name : "—");
      gtk_widget_add_css_class (row, "rotation-absent");
    }
  else if (g_strcmp0 (entry->state, "busy") == 0)
    g_string_append (subtitle, _("Busy"));
  else if (entry->serving)
    g_string_append (subtitle, _("With a visitor"));
  else
    g_string_append (subtitle, _("Free"));
  g_string_append (subtitle, " · ");
  g_string_append_printf (subtitle, ngettext ("%d walk-in", "%d walk-ins", entry->turns_taken),
                          entry->turns_taken);
  if (entry->make_up_owed > 0)
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, ngettext ("owed %d make-up turn", "owed %d make-up turns",
                                                  entry->make_up_owed),
                              entry->make_up_owed);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  if (next)
    {
      GtkWidget *label = gtk_label_new (day->next_is_make_up ? _("Next (make-up)") : _("Next"));

      gtk_widget_add_css_class (label, "rotation-next");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_widget_add_css_class (row, "rotation-next-row");
    }
  if (anju_rotation_may_mark (user, entry->consultant_id))
    {
      GtkWidget *button = gtk_menu_button_new ();
      g_autoptr(GMenuModel) menu = create_mark_menu (entry, reasons);
      g_autofree char *label = g_strdup_printf (_("Mark %s"), entry->consultant_name);

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
on_visit_activated_cb (AnjuReceptionView *self,
                       GtkListBoxRow     *row)
{
  const char *visit_id = g_object_get_data (G_OBJECT (row), "anju-visit-id");

  if (visit_id != NULL)
    anju_reception_view_open_visit (self, visit_id);
}

static void
on_visit_back_cb (AnjuReceptionView *self)
{
  anju_reception_view_go_back (self);
}

/* ---- loading ----------------------------------------------------------- */

typedef struct
{
  AnjuWalkInQueue *queue;
  GPtrArray       *plan;
  GPtrArray       *reasons;
  guint            n_stations;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->queue, anju_walk_in_queue_free);
  g_clear_pointer (&loaded->plan, g_ptr_array_unref);
  g_clear_pointer (&loaded->reasons, g_ptr_array_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_reception (AnjuStore     *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  const char *project_id = data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  g_auto(GStrv) stations = NULL;

  if (!(loaded->queue = anju_reception_load_queue (store, project_id, NULL, error)))
    return NULL;
  if (!(loaded->plan = anju_reception_plan_for_day (store, project_id, NULL, error)))
    return NULL;
  if (!(loaded->reasons = anju_rotation_list_absence_reasons (store, project_id, error)))
    return NULL;
  stations = anju_visit_dup_stations (store, project_id);
  loaded->n_stations = stations ? g_strv_length (stations) : 0;
  return g_steal_pointer (&loaded);
}

static void
fill (AnjuReceptionView *self,
      Loaded            *loaded)
{
  AnjuWalkInQueue *queue = loaded->queue;
  AnjuRotationDay *day = queue->rotation;
  gint64 now = anju_context_get_now (self->context);
  g_autofree char *date = anju_ui_time_day (now);
  /* Translators: the reception view's heading: the weekday, then the day */
  g_autofree char *heading = g_strdup_printf (_("Reception, %s %s"), anju_ui_time_weekday (now),
                                              date);
  g_autofree char *waiting = g_strdup_printf (ngettext ("%u at the door", "%u at the door",
                                                        queue->waiting->len), queue->waiting->len);
  g_autofree char *progress = g_strdup_printf (ngettext ("%u with a consultant",
                                                         "%u with a consultant",
                                                         queue->in_progress->len),
                                               queue->in_progress->len);
  g_autofree char *expected = NULL;
  g_autofree char *next = NULL;
  g_autofree char *summary = NULL;
  guint n_expected = 0;

  for (guint i = 0; i < loaded->plan->len; i++)
    n_expected += g_strcmp0 (((AnjuPlanEntry *)g_ptr_array_index (loaded->plan, i))->state,
                             "planned") == 0;
  expected = g_strdup_printf (ngettext ("%u more expected", "%u more expected", n_expected),
                              n_expected);
  if (day->next_consultant_name != NULL)
    /* Translators: who takes the next new walk-in */
    next = g_strdup_printf (_("next walk-in: %s"), day->next_consultant_name);
  else if (day->day_id == NULL)
    next = g_strdup (_("no rotation set for today"));
  else
    next = g_strdup (_("nobody on the rotation is free"));
  summary = g_strjoin (" · ", waiting, progress, expected, next, NULL);
  gtk_label_set_label (self->day_label, heading);
  gtk_label_set_label (self->summary_label, summary);

  anju_ui_list_box_clear (self->waiting_list);
  for (guint i = 0; i < queue->waiting->len; i++)
    gtk_list_box_append (self->waiting_list,
                         create_waiting_row (self, g_ptr_array_index (queue->waiting, i), now));
  anju_ui_list_box_clear (self->progress_list);
  for (guint i = 0; i < queue->in_progress->len; i++)
    gtk_list_box_append (self->progress_list,
                         create_progress_row (self, g_ptr_array_index (queue->in_progress, i),
                                              loaded->n_stations, now));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), queue->in_progress->len > 0);
  anju_ui_list_box_clear (self->plan_list);
  for (guint i = 0; i < loaded->plan->len; i++)
    gtk_list_box_append (self->plan_list, create_plan_row (g_ptr_array_index (loaded->plan, i)));

  fill_duty (self, day, loaded->reasons);
  anju_ui_list_box_clear (self->rotation_list);
  for (guint i = 0; i < day->entries->len; i++)
    gtk_list_box_append (self->rotation_list,
                         create_rotation_row (self, day, g_ptr_array_index (day->entries, i),
                                              loaded->reasons, i));
  if (day->next_consultant_name != NULL)
    {
      g_autofree char *description = g_strdup_printf (_("Next walk-in: %s"),
                                                      day->next_consultant_name);

      adw_preferences_group_set_description (self->rotation_group, description);
    }
  else if (day->day_id == NULL)
    adw_preferences_group_set_description (self->rotation_group,
                                           _("No rotation is set for today: walk-ins wait for "
                                             "a consultant."));
  else
    adw_preferences_group_set_description (self->rotation_group,
                                           _("Nobody on the rotation is free: walk-ins wait."));
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuReceptionView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

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
anju_reception_view_reload (AnjuReceptionView *self)
{
  const AnjuProject *project;

  g_return_if_fail (ANJU_IS_RECEPTION_VIEW (self));

  if (anju_context_get_user (self->context) == NULL || !anju_context_get_ready (self->context))
    return;
  project = anju_context_get_project (self->context);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_busy++;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  anju_worker_run_async (anju_context_get_worker (self->context), load_reception,
                         g_strdup (project ? project->id : NULL), g_free,
                         (GDestroyNotify)loaded_free, self->cancellable,
                         on_loaded_cb, g_object_ref (self));
}

static void
on_context_changed_cb (AnjuReceptionView  *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "reception", "customers", "scripts", NULL };

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && anju_topics_match (topics, watched))
    anju_reception_view_reload (self);
}

static void
update_actions (AnjuReceptionView *self)
{
  gboolean may_register = anju_context_may (self->context, "visit.register");
  gboolean may_set_rotation = anju_context_may (self->context, "rotation.set_day");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reception.register-walk-in", may_register);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reception.set-rotation", may_set_rotation);
  gtk_widget_set_visible (self->set_rotation_button, may_set_rotation);
}

static void
on_user_changed_cb (AnjuReceptionView *self)
{
  update_actions (self);
  anju_reception_view_go_back (self);
  g_hash_table_remove_all (self->mobile_hints);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    anju_reception_view_reload (self);
}

static gboolean
tick (gpointer data)
{
  AnjuReceptionView *self = data;

  anju_wait_label_tick_rows (GTK_WIDGET (self->waiting_list),
                             anju_context_get_now (self->context));
  return G_SOURCE_CONTINUE;
}

/* ---- GtkWidget --------------------------------------------------------- */

static void
anju_reception_view_map (GtkWidget *widget)
{
  AnjuReceptionView *self = ANJU_RECEPTION_VIEW (widget);

  GTK_WIDGET_CLASS (anju_reception_view_parent_class)->map (widget);

  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick, self);
  anju_reception_view_reload (self);
}

static void
anju_reception_view_unmap (GtkWidget *widget)
{
  AnjuReceptionView *self = ANJU_RECEPTION_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (anju_reception_view_parent_class)->unmap (widget);
}

static gboolean
anju_reception_view_grab_focus (GtkWidget *widget)
{
  AnjuReceptionView *self = ANJU_RECEPTION_VIEW (widget);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "visit") == 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->visit_panel), GTK_DIR_TAB_FORWARD);
  return gtk_widget_child_focus (GTK_WIDGET (self->waiting_list), GTK_DIR_TAB_FORWARD) ||
         gtk_widget_grab_focus (self->take_call_button);
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_reception_view_dispose (GObject *object)
{
  AnjuReceptionView *self = (AnjuReceptionView *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_weak_pointer (&self->walk_in_window);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_reception_view_parent_class)->dispose (object);
}

static void
anju_reception_view_finalize (GObject *object)
{
  AnjuReceptionView *self = (AnjuReceptionView *)object;

  g_clear_pointer (&self->mobile_hints, g_hash_table_unref);

  G_OBJECT_CLASS (anju_reception_view_parent_class)->finalize (object);
}

static void
anju_reception_view_class_init (AnjuReceptionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_reception_view_dispose;
  object_class->finalize = anju_reception_view_finalize;

  widget_class->map = anju_reception_view_map;
  widget_class->unmap = anju_reception_view_unmap;
  widget_class->grab_focus = anju_reception_view_grab_focus;

  g_type_ensure (ANJU_TYPE_COLUMNS);
  g_type_ensure (ANJU_TYPE_VISIT_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-reception-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, day_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, take_call_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, waiting_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, progress_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, progress_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, plan_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, plan_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, rotation_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, set_rotation_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, rotation_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, duty_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, duty_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, duty_on_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, duty_away_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuReceptionView, visit_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_visit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visit_back_cb);

  gtk_widget_class_install_action (widget_class, "reception.register-walk-in", NULL,
                                   register_walk_in_action);
  gtk_widget_class_install_action (widget_class, "reception.set-rotation", NULL,
                                   set_rotation_action);
  gtk_widget_class_install_action (widget_class, "reception.mark", "(sss)", mark_action);
  gtk_widget_class_install_action (widget_class, "reception.go-back", NULL, go_back_action);
}

static void
anju_reception_view_init (AnjuReceptionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mobile_hints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  anju_ui_list_box_set_placeholder (self->waiting_list,
                                    _("Nobody is waiting. Register each visitor as they come in."));
  anju_ui_list_box_set_placeholder (self->progress_list, _("No visits in progress."));
  anju_ui_list_box_set_placeholder (self->plan_list, _("Nobody has an appointment today."));
  anju_ui_list_box_set_placeholder (self->rotation_list, _("No rotation for today yet."));
}

GtkWidget *
anju_reception_view_new (AnjuContext *context)
{
  AnjuReceptionView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_RECEPTION_VIEW, NULL);
  self->context = g_object_ref (context);
  anju_visit_panel_set_context (self->visit_panel, context);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user", G_CALLBACK (on_user_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  return GTK_WIDGET (self);
}

void
anju_reception_view_open_visit (AnjuReceptionView *self,
                                const char        *visit_id)
{
  g_return_if_fail (ANJU_IS_RECEPTION_VIEW (self));
  g_return_if_fail (visit_id != NULL);

  anju_visit_panel_load (self->visit_panel, visit_id,
                         g_hash_table_lookup (self->mobile_hints, visit_id));
  adw_leaflet_set_visible_child_name (self->leaflet, "visit");
}

gboolean
anju_reception_view_go_back (AnjuReceptionView *self)
{
  g_return_val_if_fail (ANJU_IS_RECEPTION_VIEW (self), FALSE);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "visit") != 0)
    return FALSE;
  adw_leaflet_set_visible_child_name (self->leaflet, "queue");
  anju_reception_view_reload (self);
  return TRUE;
}

AnjuVisitPanel *
anju_reception_view_get_visit_panel (AnjuReceptionView *self)
{
  g_return_val_if_fail (ANJU_IS_RECEPTION_VIEW (self), NULL);

  return self->visit_panel;
}

gboolean
anju_reception_view_get_busy (AnjuReceptionView *self)
{
  g_return_val_if_fail (ANJU_IS_RECEPTION_VIEW (self), FALSE);

  return self->n_busy > 0 || anju_visit_panel_get_busy (self->visit_panel);
}
