/* anju-walk-in-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signals: "registered" (visit_id, mobile typed or NULL) once the visitor
 * is on the queue, so the visit can be completed with what the door typed.
 */
#define G_LOG_DOMAIN "anju-walk-in"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-ident.h"
#include "anju-reception.h"
#include "anju-ui-jobs.h"
#include "anju-ui-time.h"
#include "anju-walk-in-window.h"
#include "anju-ui-util.h"

#define LOOKUP_DELAY_MS 250
#define MAX_OWNERS 6

struct _AnjuWalkInWindow
{
  AdwWindow        parent_instance;

  /* template widgets */
  GtkToggleButton *first_button;
  GtkToggleButton *return_button;
  AdwComboRow     *type_row;
  AdwEntryRow     *mobile_row;
  AdwActionRow    *found_row;
  GtkImage        *found_icon;
  AdwEntryRow     *name_row;
  AdwEntryRow     *title_row;
  GtkSpinButton   *party_spin;
  AdwEntryRow     *car_plate_row;
  AdwComboRow     *asked_for_row;
  GtkWidget       *referral_group;
  AdwEntryRow     *referrer_row;
  GtkListBox      *referrer_list;
  GtkLabel        *problem_label;

  /* owned */
  AnjuContext     *context;
  GCancellable    *cancellable;
  GCancellable    *lookup_cancellable;
  GCancellable    *owners_cancellable;
  AnjuCaller      *found;            /* the customer the mobile found */
  char            *looked_up;
  char            *referrer_id;
  GPtrArray       *colleagues;       /* AnjuUser*: row i+1 of asked_for_row */
  gint64           arrived_at;
  guint            lookup_id;
  guint            owners_id;
  guint            n_busy;
  gboolean         looking_up;
  gboolean         registering;
};

G_DEFINE_FINAL_TYPE (AnjuWalkInWindow, anju_walk_in_window, ADW_TYPE_WINDOW)

enum {
  REGISTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of type_row. */
static const char * const visit_types[] = { "first", "return", "owner", "referral" };

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static const char *
selected_type (AnjuWalkInWindow *self)
{
  guint i = adw_combo_row_get_selected (self->type_row);

  return i < G_N_ELEMENTS (visit_types) ? visit_types[i] : visit_types[0];
}

static gboolean
answered (AnjuWalkInWindow *self)
{
  return gtk_toggle_button_get_active (self->first_button) ||
         gtk_toggle_button_get_active (self->return_button);
}

static void
update_actions (AnjuWalkInWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "walk-in.register",
                                 !self->registering && answered (self));
}

static void
show_problem (AnjuWalkInWindow *self,
              const char       *message)
{
  gtk_label_set_label (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static void
on_answer_toggled_cb (AnjuWalkInWindow *self)
{
  const char *type = selected_type (self);

  /* The answer decides the type, unless an owner or a referral was chosen. */
  if (g_str_equal (type, "first") || g_str_equal (type, "return"))
    adw_combo_row_set_selected (self->type_row,
                                gtk_toggle_button_get_active (self->first_button) ? 0 : 1);
  show_problem (self, NULL);
  update_actions (self);
}

static void
on_type_selected_cb (AnjuWalkInWindow *self)
{
  gboolean referral = g_str_equal (selected_type (self), "referral");

  gtk_widget_set_visible (self->referral_group, referral);
  show_problem (self, NULL);
}

static void
on_field_changed_cb (AnjuWalkInWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  show_problem (self, NULL);
}

/* ---- the returning customer ------------------------------------------- */

static void
show_found (AnjuWalkInWindow *self)
{
  AnjuCaller *found = self->found;

  gtk_widget_set_visible (GTK_WIDGET (self->found_row), found != NULL || self->looked_up != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), found == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->title_row), found == NULL);
  if (found != NULL)
    {
      g_autofree char *title = anju_format_person (found->name, found->title);
      g_autofree char *subtitle = NULL;

      if (found->owner_name != NULL)
        /* Translators: %s is the consultant a returning customer is handed to */
        subtitle = g_strdup_printf (_("On file: goes to their consultant %s"), found->owner_name);
      else
        subtitle = g_strdup (_("On file, without a consultant: the rotation’s next one "
                               "receives them"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->found_row), title);
      adw_action_row_set_subtitle (self->found_row, subtitle);
      gtk_image_set_from_icon_name (self->found_icon, "avatar-default-symbolic");
      /* A number on file means they have been here or called before. */
      if (gtk_toggle_button_get_active (self->first_button))
        show_problem (self, _("This number is on file: the visitor has called or visited before. "
                              "Check the answer."));
    }
  else if (self->looked_up != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->found_row), _("Not on file"));
      adw_action_row_set_subtitle (self->found_row,
                                   _("With a name the record is made now; without one it is "
                                     "completed when the visit ends."));
      gtk_image_set_from_icon_name (self->found_icon, "contact-new-symbolic");
    }
}

typedef struct
{
  AnjuWalkInWindow *self;
  char             *mobile;
} Lookup;

static void
on_found_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Lookup *lookup = user_data;
  AnjuWalkInWindow *self = lookup->self;
  g_autoptr(GError) error = NULL;
  AnjuCaller *found = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  self->n_busy--;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->looking_up = FALSE;
      g_clear_pointer (&self->found, anju_caller_free);
      self->found = found;
      g_free (self->looked_up);
      self->looked_up = g_steal_pointer (&lookup->mobile);
      show_found (self);
    }
  else
    g_clear_pointer (&found, anju_caller_free);
  g_object_unref (lookup->self);
  g_free (lookup->mobile);
  g_free (lookup);
}

static gboolean
lookup_mobile (gpointer data)
{
  AnjuWalkInWindow *self = data;
  g_autofree char *mobile = anju_mobile_normalize (row_text (self->mobile_row), NULL);
  Lookup *lookup;

  self->lookup_id = 0;
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->looking_up = FALSE;
  if (mobile == NULL)
    {
      g_clear_pointer (&self->found, anju_caller_free);
      g_clear_pointer (&self->looked_up, g_free);
      show_found (self);
      return G_SOURCE_REMOVE;
    }
  self->lookup_cancellable = g_cancellable_new ();
  self->looking_up = TRUE;
  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->mobile = g_strdup (mobile);
  self->n_busy++;
  anju_worker_run_async (anju_context_get_worker (self->context),
                         anju_ui_job_find_caller,
                         g_steal_pointer (&mobile), g_free, (GDestroyNotify)anju_caller_free,
                         self->lookup_cancellable, on_found_cb, lookup);
  return G_SOURCE_REMOVE;
}

static void
on_mobile_changed_cb (AnjuWalkInWindow *self)
{
  g_autofree char *mobile = anju_mobile_normalize (row_text (self->mobile_row), NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->mobile_row), "error");
  show_problem (self, NULL);
  g_clear_handle_id (&self->lookup_id, g_source_remove);
  if (mobile == NULL)
    lookup_mobile (self);
  else
    self->lookup_id = g_timeout_add (LOOKUP_DELAY_MS, lookup_mobile, self);
}

/* ---- the referring owner ---------------------------------------------- */

static gpointer
find_owners (AnjuStore     *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  AnjuCustomerQuery query = { data, NULL };

  return anju_customers_fetch (store, &query, 0, MAX_OWNERS, error);
}

static void
on_owners_found_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AnjuWalkInWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) owners = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  GtkWidget *child;

  self->n_busy--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->referrer_list))) != NULL)
    gtk_list_box_remove (self->referrer_list, child);
  g_clear_pointer (&self->referrer_id, g_free);
  for (guint i = 0; owners != NULL && i < owners->len; i++)
    {
      AnjuCustomerSummary *owner = g_ptr_array_index (owners, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = anju_format_person (owner->name, owner->title);
      g_autofree char *subtitle = NULL;

      subtitle = g_strdup_printf ("%s · %s", owner->mobile_masked ? owner->mobile_masked : "—",
                                  owner->owner_name ? owner->owner_name : "—");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data_full (G_OBJECT (row), "anju-customer-id", g_strdup (owner->id), g_free);
      gtk_list_box_append (self->referrer_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->referrer_list), owners != NULL && owners->len > 0);
}

static gboolean
search_owners (gpointer data)
{
  AnjuWalkInWindow *self = data;
  g_autofree char *text = g_strstrip (g_strdup (row_text (self->referrer_row)));

  self->owners_id = 0;
  g_cancellable_cancel (self->owners_cancellable);
  g_clear_object (&self->owners_cancellable);
  if (*text == '\0')
    return G_SOURCE_REMOVE;
  self->owners_cancellable = g_cancellable_new ();
  self->n_busy++;
  anju_worker_run_async (anju_context_get_worker (self->context), find_owners,
                         g_steal_pointer (&text), g_free, (GDestroyNotify)g_ptr_array_unref,
                         self->owners_cancellable, on_owners_found_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_referrer_changed_cb (AnjuWalkInWindow *self)
{
  g_clear_handle_id (&self->owners_id, g_source_remove);
  self->owners_id = g_timeout_add (LOOKUP_DELAY_MS, search_owners, self);
}

static void
on_referrer_selected_cb (AnjuWalkInWindow *self,
                         GtkListBoxRow    *row)
{
  g_free (self->referrer_id);
  self->referrer_id = row ? g_strdup (g_object_get_data (G_OBJECT (row),
                                                         "anju-customer-id")) : NULL;
  show_problem (self, NULL);
}

/* ---- colleagues for "Asked for" --------------------------------------- */

static void
on_colleagues_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AnjuWalkInWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) colleagues = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  g_autoptr(GtkStringList) names = NULL;

  self->n_busy--;
  if (colleagues == NULL)
    return;
  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("Nobody: the rotation decides"));
  for (guint i = 0; i < colleagues->len; i++)
    gtk_string_list_append (names, ((AnjuUser *)g_ptr_array_index (colleagues, i))->display_name);
  g_clear_pointer (&self->colleagues, g_ptr_array_unref);
  self->colleagues = g_steal_pointer (&colleagues);
  adw_combo_row_set_model (self->asked_for_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->asked_for_row, 0);
}

static const char *
colleague_name (AnjuWalkInWindow *self,
                const char       *id)
{
  for (guint i = 0; id != NULL && self->colleagues != NULL && i < self->colleagues->len; i++)
    {
      AnjuUser *user = g_ptr_array_index (self->colleagues, i);

      if (g_str_equal (user->id, id))
        return user->display_name;
    }
  return NULL;
}

/* ---- registering ------------------------------------------------------- */

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
  return _("assigned");
}

static void
on_registered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AnjuWalkInWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);
  g_autofree char *message = NULL;
  g_autofree char *mobile = NULL;
  JsonObject *done;
  const char *consultant_id, *route;

  self->registering = FALSE;
  self->n_busy--;
  update_actions (self);
  if (answer == NULL)
    {
      const char *field = error->domain == ANJU_COMMAND_ERROR
                          ? anju_command_error_get_field (error) : NULL;
      GtkWidget *row = NULL;

      if (g_strcmp0 (field, "mobile") == 0 || g_strcmp0 (field, "new_customer.mobile") == 0)
        row = GTK_WIDGET (self->mobile_row);
      else if (g_strcmp0 (field, "new_customer.name") == 0)
        row = GTK_WIDGET (self->name_row);
      else if (g_strcmp0 (field, "referred_by") == 0)
        row = GTK_WIDGET (self->referrer_row);
      if (row != NULL)
        {
          gtk_widget_add_css_class (row, "error");
          gtk_widget_grab_focus (row);
        }
      show_problem (self, error->message);
      return;
    }

  done = json_object_get_object_member (answer, "result");
  consultant_id = json_object_get_string_member_with_default (done, "consultant_id", NULL);
  route = json_object_get_string_member_with_default (done, "route", NULL);
  if (consultant_id != NULL)
    /* Translators: who receives a walk-in, and why ("next in the rotation") */
    message = g_strdup_printf (_("%s receives the visitor (%s)"),
                               colleague_name (self, consultant_id)
                               ? colleague_name (self, consultant_id) : "—",
                               route_label (route));
  else
    message = g_strdup (_("Nobody is free: the visitor waits for a consultant"));
  anju_widget_show_toast (GTK_WIDGET (self), message);
  mobile = anju_mobile_normalize (row_text (self->mobile_row), NULL);
  g_signal_emit (self, signals[REGISTERED], 0,
                 json_object_get_string_member (done, "visit_id"), mobile);
  gtk_window_close (GTK_WINDOW (self));
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AnjuWalkInWindow *self = ANJU_WALK_IN_WINDOW (widget);
  const AnjuProject *project = anju_context_get_project (self->context);
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *arrived = anju_ui_time_iso (self->arrived_at);
  g_autofree char *mobile = g_strstrip (g_strdup (row_text (self->mobile_row)));
  g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));
  g_autofree char *title = g_strstrip (g_strdup (row_text (self->title_row)));
  g_autofree char *plate = g_strstrip (g_strdup (row_text (self->car_plate_row)));
  const char *type = selected_type (self);
  guint asked = adw_combo_row_get_selected (self->asked_for_row);

  if (self->registering || !answered (self))
    return;
  /* The number typed a moment ago decides who the visitor is. */
  if (self->lookup_id != 0)
    {
      g_clear_handle_id (&self->lookup_id, g_source_remove);
      lookup_mobile (self);
    }
  if (self->looking_up)
    {
      show_problem (self, _("Still looking up the number. Try again in a moment."));
      return;
    }
  if (g_str_equal (type, "referral") && self->referrer_id == NULL)
    {
      show_problem (self, _("Pick the owner who brought the friend."));
      gtk_widget_grab_focus (GTK_WIDGET (self->referrer_row));
      return;
    }

  if (project != NULL)
    json_object_set_string_member (payload, "project_id", project->id);
  json_object_set_string_member (payload, "arrived_at", arrived);
  json_object_set_boolean_member (payload, "first_time",
                                  gtk_toggle_button_get_active (self->first_button));
  json_object_set_string_member (payload, "visit_type", type);
  if (self->found != NULL && !g_str_equal (type, "referral"))
    json_object_set_string_member (payload, "customer_id", self->found->customer_id);
  else if (*mobile != '\0')
    json_object_set_string_member (payload, "mobile", mobile);
  if (self->found == NULL && *name != '\0')
    {
      JsonObject *person = json_object_new ();

      json_object_set_string_member (person, "name", name);
      if (*title != '\0')
        json_object_set_string_member (person, "title", title);
      json_object_set_object_member (payload, "new_customer", person);
    }
  if (g_str_equal (type, "referral"))
    json_object_set_string_member (payload, "referred_by", self->referrer_id);
  json_object_set_int_member (payload, "party_size",
                              gtk_spin_button_get_value_as_int (self->party_spin));
  if (*plate != '\0')
    json_object_set_string_member (payload, "car_plate", plate);
  if (asked > 0 && self->colleagues != NULL && asked - 1 < self->colleagues->len)
    json_object_set_string_member (payload, "consultant_id",
                                   ((AnjuUser *)g_ptr_array_index (self->colleagues,
                                                                   asked - 1))->id);

  self->registering = TRUE;
  self->n_busy++;
  update_actions (self);
  show_problem (self, NULL);
  anju_context_run_command_async (self->context, "visit.register", payload, NULL,
                                  on_registered_cb, g_object_ref (self));
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_walk_in_window_dispose (GObject *object)
{
  AnjuWalkInWindow *self = (AnjuWalkInWindow *)object;

  g_clear_handle_id (&self->lookup_id, g_source_remove);
  g_clear_handle_id (&self->owners_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup_cancellable);
  g_cancellable_cancel (self->owners_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->owners_cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_walk_in_window_parent_class)->dispose (object);
}

static void
anju_walk_in_window_finalize (GObject *object)
{
  AnjuWalkInWindow *self = (AnjuWalkInWindow *)object;

  g_clear_pointer (&self->found, anju_caller_free);
  g_clear_pointer (&self->colleagues, g_ptr_array_unref);
  g_free (self->looked_up);
  g_free (self->referrer_id);

  G_OBJECT_CLASS (anju_walk_in_window_parent_class)->finalize (object);
}

static void
anju_walk_in_window_class_init (AnjuWalkInWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_walk_in_window_dispose;
  object_class->finalize = anju_walk_in_window_finalize;

  /**
   * AnjuWalkInWindow::registered:
   * @visit_id: the new visit
   * @mobile: the number the door typed (normalized), or %NULL
   */
  signals[REGISTERED] =
    g_signal_new ("registered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-walk-in-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, first_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, return_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, type_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, mobile_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, found_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, found_icon);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, party_spin);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, car_plate_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, asked_for_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, referral_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, referrer_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, referrer_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuWalkInWindow, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mobile_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_referrer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_referrer_selected_cb);

  gtk_widget_class_install_action (widget_class, "walk-in.register", NULL, register_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "walk-in.register", NULL);
}

static void
anju_walk_in_window_init (AnjuWalkInWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->referrer_list), FALSE);
  update_actions (self);
}

AnjuWalkInWindow *
anju_walk_in_window_new (GtkWindow   *parent,
                         AnjuContext *context)
{
  AnjuWalkInWindow *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_WALK_IN_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->context = g_object_ref (context);
  /* The wait is timed from the moment the door starts registering. */
  self->arrived_at = anju_context_get_now (context);
  self->n_busy++;
  anju_worker_run_async (anju_context_get_worker (context), anju_ui_job_list_colleagues,
                         NULL, NULL, (GDestroyNotify)g_ptr_array_unref, self->cancellable,
                         on_colleagues_cb, g_object_ref (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->first_button));
  return self;
}

gboolean
anju_walk_in_window_get_busy (AnjuWalkInWindow *self)
{
  g_return_val_if_fail (ANJU_IS_WALK_IN_WINDOW (self), FALSE);

  return self->n_busy > 0 || self->lookup_id != 0 || self->owners_id != 0;
}
