/* anju-customer-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-customer-detail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-command.h"
#include "anju-customer-detail.h"
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-profile-editor.h"
#include "anju-subscriptions.h"
#include "anju-ui-jobs.h"
#include "anju-ui-util.h"

struct _AnjuCustomerDetail
{
  AdwBin              parent_instance;

  /* template widgets */
  GtkLabel           *header_label;
  GtkWidget          *save_button;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkScrolledWindow  *scroller;
  GtkLabel           *name_label;
  GtkLabel           *summary_label;
  GtkLabel           *read_only_label;
  AdwEntryRow        *name_row;
  AdwEntryRow        *title_row;
  AdwActionRow       *mobile_row;
  AdwActionRow       *id_number_row;
  GtkWidget          *show_mobile_button;
  GtkWidget          *show_id_number_button;
  GtkWidget          *correct_mobile_button;
  GtkWidget          *correct_id_number_button;
  AdwActionRow       *owner_row;
  AdwComboRow        *assign_row;
  GtkWidget          *segment_group;
  AdwComboRow        *segment_row;
  AdwActionRow       *segment_info_row;
  AdwExpanderRow     *advice_row;
  AnjuProfileEditor  *profile_editor;
  GtkListBox         *timeline_list;

  /* owned */
  AnjuContext        *context;
  GCancellable       *cancellable;   /* the customer's jobs; cancelled on another */
  char               *customer_id;
  AnjuCustomer       *customer;
  char               *suggested;     /* segment the rules suggest, or NULL */
  GPtrArray          *colleagues;    /* AnjuUser*, for "Assign to…" */
  GPtrArray          *segment_ids;   /* row i+1 of segment_row; row 0 = suggestion */
  GPtrArray          *advice_rows;   /* rows added to advice_row */
  guint               n_loads;       /* loads on their way */
  gboolean            filling;
  gboolean            busy;          /* a command of this page is on its way */
  gboolean            may_edit;      /* core's anju_customer_may_edit() for this person */
  gboolean            may_reveal;    /* core's anju_customer_may_reveal() */
};

G_DEFINE_FINAL_TYPE (AnjuCustomerDetail, anju_customer_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (AnjuCustomerDetail *self);

static const char *
nonnull (const char *text)
{
  return text ? text : "";
}

static gboolean
record_is_dirty (AnjuCustomerDetail *self)
{
  const char *name, *title;

  if (self->customer == NULL)
    return FALSE;
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  return g_strcmp0 (name, nonnull (self->customer->summary.name)) != 0 ||
         g_strcmp0 (title, nonnull (self->customer->summary.title)) != 0 ||
         anju_profile_editor_get_dirty (self->profile_editor);
}

static void
update_actions (AnjuCustomerDetail *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.save",
                                 !self->busy && self->may_edit && record_is_dirty (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.reveal",
                                 !self->busy && self->customer != NULL && self->may_reveal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.correct",
                                 !self->busy && self->customer != NULL && self->may_edit);
}

/* What this person may do with this customer, as core's predicates
 * answer (the same the commands ask): another consultant's customer is
 * shown read-only, not refused on save. */
static void
apply_permissions (AnjuCustomerDetail *self)
{
  const AnjuUser *user = self->context ? anju_context_get_user (self->context) : NULL;
  const char *owner_id = self->customer ? self->customer->summary.owner_id : NULL;

  self->may_edit = user != NULL && self->customer != NULL &&
                   anju_customer_may_edit (user, owner_id);
  self->may_reveal = user != NULL && self->customer != NULL &&
                     anju_customer_may_reveal (user, owner_id);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), self->may_edit);
  gtk_editable_set_editable (GTK_EDITABLE (self->title_row), self->may_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_editor), self->may_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->segment_row), self->may_edit);
  gtk_widget_set_visible (self->save_button, self->may_edit);
  gtk_widget_set_visible (self->correct_mobile_button, self->may_edit);
  gtk_widget_set_visible (self->correct_id_number_button, self->may_edit);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label),
                          self->customer != NULL && !self->may_edit);
  if (self->customer != NULL && !self->may_edit)
    {
      const char *owner = self->customer->summary.owner_name;
      g_autofree char *text = owner != NULL
        /* Translators: %s is the consultant who owns the customer */
        ? g_strdup_printf (_("%s's customer: you can read this record but not change it."), owner)
        : g_strdup (_("You can read this record but not change it."));

      gtk_label_set_label (self->read_only_label, text);
    }
}

static void
count_load (AnjuCustomerDetail *self,
            int                 delta)
{
  gboolean was_loading = self->n_loads > 0;

  self->n_loads += delta;
  if (was_loading != (self->n_loads > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
toast (AnjuCustomerDetail *self,
       const char         *text)
{
  anju_widget_show_toast (GTK_WIDGET (self), text);
}

/* ---- loading ----------------------------------------------------------- */

typedef struct
{
  char             *id;
  AnjuSegmentModel *model;         /* borrowed from core's cache */
  gboolean          colleagues;
} LoadJob;

typedef struct
{
  AnjuCustomer *customer;
  GPtrArray    *events;
  char         *suggested;
  GPtrArray    *colleagues;
  GPtrArray    *deals;         /* AnjuSubscription*: the units subscribed */
  AnjuFen       deals_total;
} Loaded;

static void
load_job_free (LoadJob *job)
{
  g_free (job->id);
  g_free (job);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->customer, anju_customer_free);
  g_clear_pointer (&loaded->events, g_ptr_array_unref);
  g_clear_pointer (&loaded->colleagues, g_ptr_array_unref);
  g_clear_pointer (&loaded->deals, g_ptr_array_unref);
  g_free (loaded->suggested);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_customer (AnjuStore     *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  LoadJob *job = data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  if (!(loaded->customer = anju_customer_load (store, job->id, error)))
    return NULL;
  if (!(loaded->events = anju_customer_list_events (store, job->id, error)))
    return NULL;
  if (!(loaded->deals = anju_subscriptions_of_customer (store, job->id, &loaded->deals_total, error)))
    return NULL;
  if (job->model != NULL)
    loaded->suggested = g_strdup (anju_segment_model_suggest (job->model,
                                                              loaded->customer->profile));
  if (job->colleagues &&
      !(loaded->colleagues = anju_ui_job_list_colleagues (store, NULL, cancellable, error)))
    return NULL;
  return g_steal_pointer (&loaded);
}

static const char *
segment_name (AnjuCustomerDetail *self,
              const char         *segment)
{
  AnjuSegmentModel *model = anju_context_get_segment_model (self->context);
  const char *name = model && segment ? anju_segment_get_name (model, segment) : NULL;

  return name ? name : segment;
}

static void
fill_header (AnjuCustomerDetail *self)
{
  AnjuCustomerSummary *s = &self->customer->summary;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *created = self->customer->created_at
                             ? anju_format_datetime_iso (self->customer->created_at) : NULL;

  gtk_label_set_label (self->header_label, s->name);
  gtk_label_set_label (self->name_label, s->name);
  if (s->title != NULL)
    g_string_append (summary, s->title);
  if (s->segment != NULL)
    g_string_append_printf (summary, "%s%s", summary->len ? " · " : "",
                            segment_name (self, s->segment));
  if (created != NULL && self->customer->created_by_name != NULL)
    {
      /* Translators: when and by whom a customer record was created */
      g_autofree char *text = g_strdup_printf (_("Created %s by %s"), created,
                                               self->customer->created_by_name);
      g_string_append_printf (summary, "%s%s", summary->len ? " · " : "", text);
    }
  else if (created != NULL)
    g_string_append_printf (summary, "%s%s", summary->len ? " · " : "", created);
  gtk_label_set_label (self->summary_label, summary->str);
}

static void
fill_secret_row (AdwActionRow *row,
                 GtkWidget    *button,
                 gboolean      on_file,
                 gboolean      may_reveal,
                 const char   *masked)
{
  adw_action_row_set_subtitle (row, on_file ? masked : _("Not on file"));
  gtk_widget_remove_css_class (GTK_WIDGET (row), "revealed");
  gtk_widget_set_visible (button, on_file && may_reveal);
}

static void
fill_owner (AnjuCustomerDetail *self)
{
  AnjuCustomerSummary *s = &self->customer->summary;
  gboolean may_assign = anju_context_may (self->context, "customer.assign");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  adw_action_row_set_subtitle (self->owner_row, s->owner_name ? s->owner_name : _("Nobody yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->assign_row), may_assign && self->colleagues != NULL);
  if (!may_assign || self->colleagues == NULL)
    return;
  for (guint i = 0; i < self->colleagues->len; i++)
    {
      AnjuUser *colleague = g_ptr_array_index (self->colleagues, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", colleague->display_name,
                                                anju_role_get_label (colleague->role));

      gtk_string_list_append (names, label);
      if (g_strcmp0 (colleague->id, s->owner_id) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->assign_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->assign_row, selected);
}

static void
fill_segment (AnjuCustomerDetail *self)
{
  AnjuSegmentModel *model = anju_context_get_segment_model (self->context);
  AnjuCustomerSummary *s = &self->customer->summary;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *first = NULL;
  gboolean manual = g_strcmp0 (s->segment_source, "manual") == 0;
  /* Following the rules, the segment is what they suggest now, live. */
  const char *effective = manual ? s->segment : self->suggested;
  const char * const *advice;
  guint selected = 0;

  gtk_widget_set_visible (self->segment_group, model != NULL);
  if (model == NULL)
    return;

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->segment_group),
                                         anju_segment_model_get_name (model));

  if (self->suggested != NULL)
    /* Translators: the choice that follows the rules; %s is the segment they suggest */
    first = g_strdup_printf (_("Suggested: %s"), segment_name (self, self->suggested));
  else
    first = g_strdup (_("Suggested: none yet"));
  gtk_string_list_append (names, first);
  g_ptr_array_set_size (self->segment_ids, 0);
  for (guint i = 0; i < anju_segment_model_get_n_segments (model); i++)
    {
      const char *id = anju_segment_model_get_segment_id (model, i);
      g_autofree char *label = g_strdup_printf ("%s · %s", anju_segment_get_group_name (model, id),
                                                anju_segment_get_name (model, id));

      gtk_string_list_append (names, label);
      g_ptr_array_add (self->segment_ids, g_strdup (id));
      if (manual && g_strcmp0 (id, s->segment) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->segment_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->segment_row, selected);

  if (effective == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->segment_info_row),
                                     _("No segment yet"));
      adw_action_row_set_subtitle (self->segment_info_row,
                                   _("Record life stage, household income and family in the "
                                     "profile below; the segment is suggested from them."));
    }
  else
    {
      g_autofree char *title = NULL;
      const char *description = anju_segment_get_description (model, effective);

      if (manual)
        /* Translators: a segment chosen by hand, then the suggested one */
        title = g_strdup_printf (_("%s, chosen by hand (suggested: %s)"),
                                 segment_name (self, effective),
                                 self->suggested ? segment_name (self, self->suggested)
                                                 : _("none"));
      else
        /* Translators: %s is the suggested segment */
        title = g_strdup_printf (_("%s, suggested from the profile"),
                                 segment_name (self, effective));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->segment_info_row), title);
      adw_action_row_set_subtitle (self->segment_info_row, description ? description : "");
    }

  for (guint i = 0; i < self->advice_rows->len; i++)
    adw_expander_row_remove (self->advice_row, g_ptr_array_index (self->advice_rows, i));
  g_ptr_array_set_size (self->advice_rows, 0);
  advice = effective ? anju_segment_get_suggestions (model, effective) : NULL;
  for (guint i = 0; advice != NULL && advice[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), advice[i]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_expander_row_add_row (self->advice_row, row);
      g_ptr_array_add (self->advice_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->advice_row), self->advice_rows->len > 0);
}

/* The profile being edited: the suggestion follows it as the person types. */
static void
on_profile_changed_cb (AnjuCustomerDetail *self)
{
  AnjuSegmentModel *model = anju_context_get_segment_model (self->context);
  g_autoptr(JsonObject) profile = NULL;

  if (self->customer == NULL || model == NULL)
    return;
  profile = anju_profile_editor_dup_profile (self->profile_editor);
  g_free (self->suggested);
  self->suggested = g_strdup (anju_segment_model_suggest (model, profile));
  self->filling = TRUE;
  fill_segment (self);
  self->filling = FALSE;
}

static void
fill_timeline (AnjuCustomerDetail *self,
               GPtrArray          *events)
{
  anju_ui_list_box_clear (self->timeline_list);

  for (guint i = 0; i < events->len; i++)
    {
      AnjuCustomerEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = anju_format_datetime_iso (event->at);
      g_autofree char *subtitle = event->actor_name
                                  ? g_strdup_printf ("%s · %s", when, event->actor_name)
                                  : g_strdup (when);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), event->summary);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->timeline_list, row);
    }
  if (events->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing recorded yet"));
      gtk_list_box_append (self->timeline_list, row);
    }
}

static void
fill (AnjuCustomerDetail *self,
      Loaded             *loaded,
      gboolean            same_customer)
{
  AnjuCustomerSummary *s;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  /* A change from elsewhere must not wipe what the person is typing. */
  gboolean keep_name = same_customer && g_strcmp0 (name, self->customer->summary.name) != 0;
  gboolean keep_title = same_customer &&
                        g_strcmp0 (title, nonnull (self->customer->summary.title)) != 0;
  gboolean keep_profile = same_customer && anju_profile_editor_get_dirty (self->profile_editor);
  /* A corrected number shows at once, masked again. */
  gboolean secrets_changed = !same_customer ||
    g_strcmp0 (self->customer->summary.mobile_masked, loaded->customer->summary.mobile_masked) != 0 ||
    g_strcmp0 (self->customer->summary.id_number_masked, loaded->customer->summary.id_number_masked) != 0;

  g_clear_pointer (&self->customer, anju_customer_free);
  g_clear_pointer (&self->suggested, g_free);
  g_clear_pointer (&self->colleagues, g_ptr_array_unref);
  self->customer = g_steal_pointer (&loaded->customer);
  self->suggested = g_steal_pointer (&loaded->suggested);
  self->colleagues = g_steal_pointer (&loaded->colleagues);
  s = &self->customer->summary;

  self->filling = TRUE;
  apply_permissions (self);
  fill_header (self);
  if (!keep_name)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), s->name ? s->name : "");
  if (!keep_title)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), s->title ? s->title : "");
  if (!keep_profile)
    anju_profile_editor_set_profile (self->profile_editor, self->customer->profile);
  anju_profile_editor_set_deals (self->profile_editor, loaded->deals, loaded->deals_total);
  if (secrets_changed)
    {
      fill_secret_row (self->mobile_row, self->show_mobile_button,
                       self->customer->has_mobile, self->may_reveal, s->mobile_masked);
      fill_secret_row (self->id_number_row, self->show_id_number_button,
                       self->customer->has_id_number, self->may_reveal, s->id_number_masked);
    }
  fill_owner (self);
  fill_segment (self);
  fill_timeline (self, loaded->events);
  self->filling = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "customer");
  update_actions (self);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuCustomerDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  gboolean same_customer;

  count_load (self, -1);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (loaded == NULL)
    {
      g_clear_pointer (&self->customer, anju_customer_free);
      gtk_label_set_label (self->header_label, "");
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_actions (self);
      return;
    }
  same_customer = self->customer != NULL &&
                  g_strcmp0 (self->customer->summary.id, loaded->customer->summary.id) == 0;
  fill (self, loaded, same_customer);
  if (!same_customer)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
reload (AnjuCustomerDetail *self)
{
  LoadJob *job;

  if (self->customer_id == NULL || self->context == NULL)
    return;

  job = g_new0 (LoadJob, 1);
  job->id = g_strdup (self->customer_id);
  job->model = anju_context_get_segment_model (self->context);
  job->colleagues = anju_context_may (self->context, "customer.assign");
  count_load (self, 1);
  anju_worker_run_async (anju_context_get_worker (self->context),
                         load_customer, job, (GDestroyNotify)load_job_free,
                         (GDestroyNotify)loaded_free,
                         self->cancellable,
                         on_loaded_cb, g_object_ref (self));
}

static void
on_context_changed_cb (AnjuCustomerDetail *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "customers", NULL };

  if (self->customer_id != NULL && anju_topics_match (topics, watched))
    reload (self);
}

static void
on_record_changed_cb (AnjuCustomerDetail *self)
{
  if (self->filling)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  update_actions (self);
}

/* ---- commands ---------------------------------------------------------- */

typedef struct
{
  AnjuCustomerDetail *self;
  char               *field;       /* reveal: "mobile" / "id_number" */
  char               *message;     /* toast on success */
  gboolean            saving;      /* customer.update from Save */
} Call;

static Call *
call_new (AnjuCustomerDetail *self,
          const char         *field,
          const char         *message)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->field = g_strdup (field);
  call->message = g_strdup (message);
  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_free (call->field);
  g_free (call->message);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static JsonObject *
new_payload (AnjuCustomerDetail *self)
{
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "customer_id", self->customer_id);
  return payload;
}

/* Shows a refusal; the row of the field at fault is marked. */
static void
show_refusal (AnjuCustomerDetail *self,
              const GError       *error)
{
  const char *field = NULL;

  if (error->domain == ANJU_COMMAND_ERROR)
    field = anju_command_error_get_field (error);

  if (field != NULL && g_str_has_prefix (field, "profile."))
    anju_profile_editor_mark_error (self->profile_editor, field + strlen ("profile."));
  else if (g_strcmp0 (field, "name") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  toast (self, error->message);
}

static void
on_command_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  AnjuCustomerDetail *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (answer == NULL)
    {
      show_refusal (self, error);
      /* The combos must show what is stored, not what was refused. */
      reload (self);
    }
  else
    {
      /* Before the reload the command queued arrives, so it fills the rows. */
      if (call->saving)
        anju_profile_editor_commit (self->profile_editor);
      if (call->message != NULL)
        toast (self, call->message);
    }
  update_actions (self);
}

static void
run_command (AnjuCustomerDetail *self,
             const char         *type,
             JsonObject         *payload,
             const char         *message,
             gboolean            saving)
{
  Call *call = call_new (self, NULL, message);

  call->saving = saving;
  self->busy = TRUE;
  update_actions (self);
  anju_context_run_command_async (self->context, type, payload, self->cancellable,
                                  on_command_done_cb, call);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnjuCustomerDetail *self = ANJU_CUSTOMER_DETAIL (widget);
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *title;

  if (self->customer == NULL || self->busy || !self->may_edit)
    return;

  changes = anju_profile_editor_dup_changes (self->profile_editor, &error);
  if (changes == NULL)
    {
      show_refusal (self, error);
      return;
    }

  payload = new_payload (self);
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  if (g_strcmp0 (name, self->customer->summary.name) != 0)
    json_object_set_string_member (payload, "name", name);
  if (g_strcmp0 (title, self->customer->summary.title ? self->customer->summary.title : "") != 0)
    json_object_set_string_member (payload, "title", title);
  if (json_object_get_size (changes) > 0)
    json_object_set_object_member (payload, "profile", g_steal_pointer (&changes));

  run_command (self, "customer.update", payload, _("Customer saved"), TRUE);
}

static void
on_secret_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  AnjuCustomerDetail *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  gboolean mobile = g_str_equal (call->field, "mobile");
  AdwActionRow *row = mobile ? self->mobile_row : self->id_number_row;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  update_actions (self);
  if (value == NULL)
    {
      toast (self, error ? error->message : _("The number is no longer on file."));
      return;
    }
  adw_action_row_set_subtitle (row, value);
  gtk_widget_add_css_class (GTK_WIDGET (row), "revealed");
  gtk_widget_set_visible (mobile ? self->show_mobile_button : self->show_id_number_button, FALSE);
}

typedef struct
{
  char *id;
  char *field;
} SecretJob;

static void
secret_job_free (SecretJob *job)
{
  g_free (job->id);
  g_free (job->field);
  g_free (job);
}

static gpointer
read_secret (AnjuStore     *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SecretJob *job = data;

  return anju_customer_dup_secret (store, job->id, job->field);
}

static void
on_revealed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  AnjuCustomerDetail *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);
  SecretJob *job;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer == NULL)
    {
      self->busy = FALSE;
      update_actions (self);
      toast (self, error->message);
      return;
    }
  /* The reveal is in the audit log; now the value may be read. */
  job = g_new0 (SecretJob, 1);
  job->id = g_strdup (self->customer_id);
  job->field = g_strdup (call->field);
  anju_worker_run_async (anju_context_get_worker (self->context),
                         read_secret, job, (GDestroyNotify)secret_job_free, g_free,
                         self->cancellable,
                         on_secret_cb, g_steal_pointer (&call));
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AnjuCustomerDetail *self = ANJU_CUSTOMER_DETAIL (widget);
  const char *field = g_variant_get_string (parameter, NULL);
  g_autoptr(JsonObject) payload = NULL;

  if (self->customer == NULL || self->busy)
    return;

  payload = new_payload (self);
  json_object_set_string_member (payload, "field", field);
  self->busy = TRUE;
  update_actions (self);
  anju_context_run_command_async (self->context, "customer.reveal", payload, self->cancellable,
                                  on_revealed_cb, call_new (self, field, NULL));
}

/* ---- 更正: correcting a mobile or ID number ------------------------------ */

typedef struct
{
  AnjuCustomerDetail *self;
  char               *field;       /* "mobile" or "id_number" */
  GtkEditable        *value;
  GtkEditable        *reason;
} Correction;

static void
correction_free (gpointer data,
                 GClosure *closure)
{
  Correction *c = data;

  g_object_unref (c->self);
  g_free (c->field);
  g_free (c);
}

static void
on_correction_value_changed_cb (GtkEditable      *editable,
                                AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "correct", *text != '\0');
}

static void
on_correction_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           Correction       *c)
{
  AnjuCustomerDetail *self = c->self;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *value = NULL, *reason = NULL;

  if (!g_str_equal (response, "correct") || self->customer == NULL || self->busy || !self->may_edit)
    return;
  value = g_strstrip (g_strdup (gtk_editable_get_text (c->value)));
  reason = g_strstrip (g_strdup (gtk_editable_get_text (c->reason)));
  payload = new_payload (self);
  json_object_set_string_member (payload, c->field, value);
  if (*reason != '\0')
    json_object_set_string_member (payload, "reason", reason);
  run_command (self, "customer.correct_identity", payload,
               g_str_equal (c->field, "mobile") ? _("Mobile number corrected")
                                                : _("ID number corrected"),
               FALSE);
}

static GtkWidget *
new_correction_entry (const char *placeholder,
                      const char *name)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return entry;
}

static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AnjuCustomerDetail *self = ANJU_CUSTOMER_DETAIL (widget);
  const char *field = g_variant_get_string (parameter, NULL);
  gboolean mobile = g_str_equal (field, "mobile");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *box, *value, *reason;
  Correction *c;

  if (self->customer == NULL || self->busy || !self->may_edit)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   mobile ? _("Correct the Mobile Number")
                                          : _("Correct the ID Number"),
                                   _("The record gets the number you enter now. The old and the new "
                                     "number are written to the audit log, masked."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  value = new_correction_entry (mobile ? _("Correct mobile number") : _("Correct ID number"),
                                mobile ? _("Correct mobile number") : _("Correct ID number"));
  if (mobile)
    anju_ui_editable_accept_phone (GTK_EDITABLE (value));
  reason = new_correction_entry (_("Why (optional)"), _("Reason for the correction"));
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), reason);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "correct", _("_Correct"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "correct",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "correct", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "correct");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  c = g_new0 (Correction, 1);
  c->self = g_object_ref (self);
  c->field = g_strdup (field);
  c->value = GTK_EDITABLE (value);
  c->reason = GTK_EDITABLE (reason);
  g_signal_connect (value, "changed", G_CALLBACK (on_correction_value_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_correction_response_cb), c,
                         correction_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (value);
}

static void
on_assign_selected_cb (AnjuCustomerDetail *self)
{
  guint selected = adw_combo_row_get_selected (self->assign_row);
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *message = NULL;
  AnjuUser *colleague;

  if (self->filling || self->customer == NULL || self->colleagues == NULL ||
      selected >= self->colleagues->len)
    return;
  colleague = g_ptr_array_index (self->colleagues, selected);
  if (g_strcmp0 (colleague->id, self->customer->summary.owner_id) == 0)
    return;

  payload = new_payload (self);
  json_object_set_string_member (payload, "owner_id", colleague->id);
  /* Decided against the owner shown here: if a colleague handed the
   * customer over meanwhile, the office server refuses and says to whom. */
  if (self->customer->summary.owner_id != NULL)
    json_object_set_string_member (payload, "expected_owner_id", self->customer->summary.owner_id);
  else
    json_object_set_null_member (payload, "expected_owner_id");
  /* Translators: %s is the consultant who now owns the customer */
  message = g_strdup_printf (_("Handed over to %s"), colleague->display_name);
  run_command (self, "customer.assign", payload, message, FALSE);
}

static void
on_segment_selected_cb (AnjuCustomerDetail *self)
{
  guint selected = adw_combo_row_get_selected (self->segment_row);
  gboolean manual;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *message = NULL;

  if (self->filling || self->customer == NULL || selected == GTK_INVALID_LIST_POSITION ||
      !self->may_edit)
    return;
  manual = g_strcmp0 (self->customer->summary.segment_source, "manual") == 0;
  if (selected == 0 && !manual)
    return;
  if (selected > 0 && manual &&
      g_strcmp0 (g_ptr_array_index (self->segment_ids, selected - 1),
                 self->customer->summary.segment) == 0)
    return;

  payload = new_payload (self);
  if (selected == 0)
    {
      json_object_set_null_member (payload, "segment");
      message = g_strdup (_("The segment follows the suggestion again"));
    }
  else
    {
      const char *id = g_ptr_array_index (self->segment_ids, selected - 1);

      json_object_set_string_member (payload, "segment", id);
      /* Translators: %s is a customer segment */
      message = g_strdup_printf (_("Segment set to %s"), segment_name (self, id));
    }
  run_command (self, "customer.update", payload, message, FALSE);
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_customer_detail_dispose (GObject *object)
{
  AnjuCustomerDetail *self = (AnjuCustomerDetail *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_customer_detail_parent_class)->dispose (object);
}

static void
anju_customer_detail_finalize (GObject *object)
{
  AnjuCustomerDetail *self = (AnjuCustomerDetail *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->customer, anju_customer_free);
  g_clear_pointer (&self->suggested, g_free);
  g_clear_pointer (&self->colleagues, g_ptr_array_unref);
  g_clear_pointer (&self->segment_ids, g_ptr_array_unref);
  g_clear_pointer (&self->advice_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (anju_customer_detail_parent_class)->finalize (object);
}

static void
anju_customer_detail_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AnjuCustomerDetail *self = ANJU_CUSTOMER_DETAIL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_loads > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_customer_detail_class_init (AnjuCustomerDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_customer_detail_dispose;
  object_class->finalize = anju_customer_detail_finalize;
  object_class->get_property = anju_customer_detail_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANJU_TYPE_PROFILE_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-customer-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, header_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, save_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, error_page);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, name_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, title_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, mobile_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, id_number_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, show_mobile_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, show_id_number_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, correct_mobile_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, correct_id_number_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, owner_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, assign_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, segment_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, segment_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, segment_info_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, advice_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, profile_editor);
  gtk_widget_class_bind_template_child (widget_class, AnjuCustomerDetail, timeline_list);
  gtk_widget_class_bind_template_callback (widget_class, on_record_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_assign_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_segment_selected_cb);

  gtk_widget_class_install_action (widget_class, "detail.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "detail.reveal", "s", reveal_action);
  gtk_widget_class_install_action (widget_class, "detail.correct", "s", correct_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "detail.save", NULL);
}

static void
anju_customer_detail_init (AnjuCustomerDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->segment_ids = g_ptr_array_new_with_free_func (g_free);
  self->advice_rows = g_ptr_array_new ();
  g_signal_connect_object (self->profile_editor, "changed",
                           G_CALLBACK (on_profile_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

void
anju_customer_detail_set_context (AnjuCustomerDetail *self,
                                  AnjuContext        *context)
{
  g_return_if_fail (ANJU_IS_CUSTOMER_DETAIL (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed",
                           G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);
}

void
anju_customer_detail_load (AnjuCustomerDetail *self,
                           const char         *customer_id)
{
  g_return_if_fail (ANJU_IS_CUSTOMER_DETAIL (self));
  g_return_if_fail (customer_id != NULL);

  if (g_strcmp0 (self->customer_id, customer_id) != 0)
    {
      /* Another customer: what was on its way for the last one is moot. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->busy = FALSE;
      g_clear_pointer (&self->customer, anju_customer_free);
      g_free (self->customer_id);
      self->customer_id = g_strdup (customer_id);
      gtk_label_set_label (self->header_label, "");
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      update_actions (self);
    }
  reload (self);
}

void
anju_customer_detail_clear (AnjuCustomerDetail *self)
{
  g_return_if_fail (ANJU_IS_CUSTOMER_DETAIL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;
  g_clear_pointer (&self->customer, anju_customer_free);
  g_clear_pointer (&self->customer_id, g_free);
  /* Nothing of a revealed number may stay behind for the next person. */
  adw_action_row_set_subtitle (self->mobile_row, "");
  adw_action_row_set_subtitle (self->id_number_row, "");
  gtk_label_set_label (self->header_label, "");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_actions (self);
}

const char *
anju_customer_detail_get_customer_id (AnjuCustomerDetail *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_DETAIL (self), NULL);

  return self->customer_id;
}

gboolean
anju_customer_detail_get_loading (AnjuCustomerDetail *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_DETAIL (self), FALSE);

  return self->n_loads > 0;
}
