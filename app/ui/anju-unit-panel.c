/* anju-unit-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-board"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-format.h"
#include "anju-ui-util.h"
#include "anju-unit-button.h"
#include "anju-unit-panel.h"


struct _AnjuUnitPanel
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkLabel       *title_label;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkScrolledWindow *scroller;
  GtkLabel       *status_label;
  GtkLabel       *hot_label;
  GtkLabel       *offer_label;
  GtkLabel       *status_detail_label;
  GtkWidget      *actions_group;
  AdwActionRow   *minutes_row;
  GtkSpinButton  *minutes_spin;
  GtkWidget      *hold_button;
  GtkWidget      *extend_button;
  GtkWidget      *release_button;
  GtkWidget      *negotiate_button;
  GtkLabel       *layout_label;
  GtkWidget      *orientation_row;
  GtkLabel       *orientation_label;
  GtkLabel       *gross_area_label;
  GtkLabel       *inner_area_label;
  GtkLabel       *list_price_label;
  GtkLabel       *per_m2_label;
  GtkWidget      *floor_price_row;
  GtkLabel       *floor_price_label;
  AdwActionRow   *offer_row;
  GtkListBox     *history_list;

  /* owned */
  AnjuContext    *context;
  GCancellable   *cancellable;
  char           *unit_id;
  AnjuUnitRow    *unit;
  gint64          default_minutes;
  gint64          max_minutes;
  gboolean        can_hold;       /* anju_unit_may_hold() for the person */
  char           *hold_refusal;   /* core's sentence when not */
  guint           loading;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (AnjuUnitPanel, anju_unit_panel, ADW_TYPE_BIN)

enum {
  NEGOTIATE,
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (AnjuUnitPanel *self);

/* ---- what the person may do -------------------------------------------- */

static const AnjuUser *
get_user (AnjuUnitPanel *self)
{
  return self->context ? anju_context_get_user (self->context) : NULL;
}

/* Held by the person signed in: core's rule that only the holder extends. */
static gboolean
held_by_me (AnjuUnitPanel *self)
{
  return self->unit != NULL && self->unit->status == ANJU_UNIT_HELD &&
         anju_unit_may_extend (get_user (self), self->unit->holder_id);
}

static void
update_actions (AnjuUnitPanel *self)
{
  gboolean seller = self->context != NULL && anju_context_may (self->context, "unit.hold");
  gboolean available = self->unit != NULL && self->unit->status == ANJU_UNIT_AVAILABLE;
  gboolean held = self->unit != NULL && self->unit->status == ANJU_UNIT_HELD;
  gboolean mine = held_by_me (self);
  gboolean may_release = held && anju_unit_may_release (get_user (self), self->unit->holder_id);
  gboolean idle = !self->busy && self->loading == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unit-panel.hold",
                                 idle && seller && available && self->can_hold);
  gtk_widget_set_tooltip_text (self->hold_button,
                               available && !self->can_hold ? self->hold_refusal : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unit-panel.extend", idle && mine);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unit-panel.release", idle && may_release);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unit-panel.negotiate",
                                 idle && seller && (available || mine));

  gtk_widget_set_visible (GTK_WIDGET (self->minutes_row), seller && (available || mine));
  gtk_widget_set_visible (self->hold_button, seller && available);
  gtk_widget_set_visible (self->extend_button, mine);
  gtk_widget_set_visible (self->release_button, may_release);
  gtk_widget_set_visible (self->negotiate_button, seller && (available || mine));
  gtk_widget_set_visible (self->actions_group, (seller && (available || mine)) || may_release);
}

/* ---- filling ------------------------------------------------------------ */

static char *
dup_event_title (const AnjuUnitEvent *event)
{
  const char *who = event->actor_name ? event->actor_name : _("Anju");

  if (g_strcmp0 (event->reason, "hold") == 0)
    /* Translators: a line of a unit's history; %s is a person */
    return g_strdup_printf (_("Held by %s"), who);
  if (g_strcmp0 (event->reason, "extend") == 0)
    /* Translators: a line of a unit's history; %s is a person */
    return g_strdup_printf (_("Hold extended by %s"), who);
  if (g_strcmp0 (event->reason, "release") == 0)
    /* Translators: a line of a unit's history; %s is a person */
    return g_strdup_printf (_("Released by %s"), who);
  if (g_strcmp0 (event->reason, "expired") == 0)
    return g_strdup (_("The hold expired"));
  /* Translators: a line of a unit's history: the old status → the new one, by whom */
  return g_strdup_printf (_("%s → %s, by %s"), anju_unit_status_get_label (event->from),
                          anju_unit_status_get_label (event->to), who);
}

/* Holds record "until <ISO time>"; everything else is a person's words. */
static char *
dup_event_detail (const AnjuUnitEvent *event)
{
  g_autofree char *at = anju_format_datetime_iso (event->at);

  if (event->detail != NULL && g_str_has_prefix (event->detail, "until "))
    {
      g_autofree char *until = anju_format_datetime_iso (event->detail + strlen ("until "));

      /* Translators: when a hold was made, then until when it runs */
      return g_strdup_printf (_("%s · until %s"), at, until);
    }
  if (event->detail != NULL && *event->detail != '\0')
    return g_strdup_printf ("%s · %s", at, event->detail);
  return g_steal_pointer (&at);
}

static void
fill_history (AnjuUnitPanel *self,
              GPtrArray     *history)
{
  anju_ui_list_box_clear (self->history_list);

  if (history == NULL || history->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing has happened to this unit yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->history_list, row);
      return;
    }
  /* Newest first, as every timeline in Anju. */
  for (guint i = history->len; i > 0; i--)
    {
      const AnjuUnitEvent *event = g_ptr_array_index (history, i - 1);
      g_autofree char *title = dup_event_title (event);
      g_autofree char *detail = dup_event_detail (event);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      gtk_list_box_append (self->history_list, row);
    }
}

static void
set_money_label (GtkLabel *label,
                 AnjuFen   fen)
{
  g_autofree char *text = anju_format_money (fen);

  gtk_label_set_label (label, text);
}

static void
set_area_label (GtkLabel *label,
                gint64    area)
{
  g_autofree char *text = anju_format_area (area);

  gtk_label_set_label (label, text);
}

static void
fill (AnjuUnitPanel *self,
      GPtrArray     *history)
{
  const AnjuUnitRow *unit = self->unit;
  g_autofree char *label = anju_unit_row_dup_label (unit);
  g_autofree char *detail = NULL;
  gboolean boss = anju_context_may (self->context, "unit.set_floor_price");

  gtk_label_set_label (self->title_label, label);
  gtk_label_set_label (self->status_label, anju_unit_status_get_label (unit->status));
  for (guint s = 0; s <= ANJU_UNIT_STATUS_LAST; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label),
                                 anju_unit_status_get_css_class (s));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                            anju_unit_status_get_css_class (unit->status));
  gtk_widget_set_visible (GTK_WIDGET (self->hot_label), unit->hot);
  gtk_widget_set_visible (GTK_WIDGET (self->offer_label), unit->special_offer != NULL);

  switch (unit->status)
    {
    case ANJU_UNIT_HELD:
      {
        g_autofree char *until = anju_format_datetime (unit->hold_expires_at);

        if (held_by_me (self))
          /* Translators: %s is a date and time */
          detail = g_strdup_printf (_("You hold this unit until %s."), until);
        else
          /* Translators: who holds a unit and until when */
          detail = g_strdup_printf (_("Held by %s until %s."),
                                    unit->holder_name ? unit->holder_name : "?", until);
      }
      break;
    case ANJU_UNIT_AVAILABLE:
      /* core's sentence when this person may not hold it now */
      detail = g_strdup (self->can_hold || self->hold_refusal == NULL
                         ? _("Available: hold it for a negotiation.") : self->hold_refusal);
      break;
    case ANJU_UNIT_SUBSCRIBED:
      detail = g_strdup (_("Subscribed by a buyer."));
      break;
    case ANJU_UNIT_SIGNED:
      detail = g_strdup (_("Sold: the contract is signed."));
      break;
    case ANJU_UNIT_NOT_FOR_SALE:
    default:
      detail = g_strdup (_("Not for sale. A manager can put it on sale."));
      break;
    }
  gtk_label_set_label (self->status_detail_label, detail);

  gtk_label_set_label (self->layout_label, unit->layout);
  gtk_widget_set_visible (self->orientation_row, unit->orientation != NULL);
  gtk_label_set_label (self->orientation_label, unit->orientation ? unit->orientation : "");
  set_area_label (self->gross_area_label, unit->gross_area);
  set_area_label (self->inner_area_label, unit->inner_area);
  set_money_label (self->list_price_label, unit->list_price);
  set_money_label (self->per_m2_label, unit->price_per_m2);
  /* The floor price (底价) is for managers' eyes only. */
  gtk_widget_set_visible (self->floor_price_row, boss && unit->floor_price > 0);
  set_money_label (self->floor_price_label, unit->floor_price);
  gtk_widget_set_visible (GTK_WIDGET (self->offer_row), unit->special_offer != NULL);
  adw_action_row_set_subtitle (self->offer_row, unit->special_offer ? unit->special_offer : "");

  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->minutes_spin),
                            (double)self->max_minutes);
  {
    /* Translators: the policy's limit on holds */
    g_autofree char *limit = g_strdup_printf (ngettext ("A hold lasts at most %d minute in all",
                                                        "A hold lasts at most %d minutes in all",
                                                        (gulong)self->max_minutes),
                                              (int)self->max_minutes);

    adw_action_row_set_subtitle (self->minutes_row, limit);
  }

  fill_history (self, history);
  gtk_stack_set_visible_child_name (self->stack, "unit");
  update_actions (self);
}

/* ---- loading ------------------------------------------------------------ */

typedef struct
{
  char     *unit_id;
  AnjuUser *user;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->unit_id);
  g_clear_pointer (&job->user, anju_user_free);
  g_free (job);
}

/* Core's snapshot: the unit, its history, the hold times and whether the
 * person may hold it (the rule unit.hold applies, with its sentence). */
static gpointer
load_unit (AnjuStore     *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadJob *job = data;

  return anju_unit_snapshot_load (store, job->user, job->unit_id, error);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuUnitPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuUnitSnapshot) loaded = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  gboolean same_unit;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading--;
  if (self->loading == 0)
    gtk_spinner_set_spinning (self->spinner, FALSE);
  if (loaded == NULL)
    {
      anju_widget_show_toast (GTK_WIDGET (self), error->message);
      update_actions (self);
      return;
    }
  if (g_strcmp0 (loaded->unit->id, self->unit_id) != 0)
    return;

  same_unit = self->unit != NULL;
  g_clear_pointer (&self->unit, anju_unit_row_free);
  self->unit = g_steal_pointer (&loaded->unit);
  self->max_minutes = loaded->max_minutes;
  self->can_hold = loaded->can_hold;
  g_free (self->hold_refusal);
  self->hold_refusal = g_steal_pointer (&loaded->hold_refusal);
  if (!same_unit)
    {
      /* A new unit starts from the policy's default; a refresh keeps what
       * the person chose. */
      self->default_minutes = loaded->default_minutes;
      gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->minutes_spin),
                                (double)self->max_minutes);
      gtk_spin_button_set_value (self->minutes_spin, (double)self->default_minutes);
    }
  fill (self, loaded->history);
  if (!same_unit)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
reload (AnjuUnitPanel *self)
{
  LoadJob *job;

  if (self->unit_id == NULL || self->context == NULL)
    return;

  job = g_new0 (LoadJob, 1);
  job->unit_id = g_strdup (self->unit_id);
  job->user = anju_context_get_user (self->context)
              ? anju_user_copy (anju_context_get_user (self->context)) : NULL;
  self->loading++;
  update_actions (self);
  anju_worker_run_async (anju_context_get_worker (self->context),
                         load_unit, job, (GDestroyNotify)load_job_free,
                         (GDestroyNotify)anju_unit_snapshot_free,
                         self->cancellable,
                         on_loaded_cb, g_object_ref (self));
}

static void
on_context_changed_cb (AnjuUnitPanel      *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "units", NULL };

  if (self->unit_id != NULL && anju_topics_match (topics, watched))
    reload (self);
}

static void
on_user_changed_cb (AnjuUnitPanel *self)
{
  anju_unit_panel_show_unit (self, NULL);
}

/* ---- commands ----------------------------------------------------------- */

typedef enum
{
  CALL_HOLD,
  CALL_EXTEND,
  CALL_RELEASE,
  CALL_NEGOTIATE,   /* hold, then the desk */
} CallKind;

typedef struct
{
  AnjuUnitPanel *self;
  CallKind       kind;
  char          *unit_id;
  char          *label;
} Call;

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_free (call->unit_id);
  g_free (call->label);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static char *
dup_expiry (JsonObject *answer)
{
  JsonObject *result = json_object_get_object_member (answer, "result");
  const char *expires_at = result ? json_object_get_string_member_with_default (result,
                                                                                 "expires_at",
                                                                                 NULL)
                                  : NULL;

  return expires_at ? anju_format_datetime_iso (expires_at) : g_strdup ("?");
}

static void
on_command_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  AnjuUnitPanel *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);
  g_autofree char *message = NULL;
  g_autofree char *until = NULL;

  self->busy = FALSE;
  update_actions (self);
  if (answer == NULL)
    {
      anju_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  switch (call->kind)
    {
    case CALL_HOLD:
    case CALL_NEGOTIATE:
      until = dup_expiry (answer);
      /* Translators: a unit's label and a time */
      message = g_strdup_printf (_("Unit %s is held for you until %s"), call->label, until);
      break;
    case CALL_EXTEND:
      until = dup_expiry (answer);
      /* Translators: a unit's label and a time */
      message = g_strdup_printf (_("The hold on %s now runs until %s"), call->label, until);
      break;
    case CALL_RELEASE:
    default:
      /* Translators: %s is a unit's label */
      message = g_strdup_printf (_("Unit %s is released"), call->label);
      break;
    }
  anju_widget_show_toast (GTK_WIDGET (self), message);
  if (call->kind == CALL_NEGOTIATE)
    g_signal_emit (self, signals[NEGOTIATE], 0, call->unit_id);
}

static void
run_command (AnjuUnitPanel *self,
             CallKind       kind,
             const char    *type,
             gboolean       with_minutes)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  Call *call;

  if (self->unit == NULL || self->busy)
    return;

  json_object_set_string_member (payload, "unit_id", self->unit->id);
  if (with_minutes)
    json_object_set_int_member (payload, "minutes",
                                gtk_spin_button_get_value_as_int (self->minutes_spin));
  call = g_new0 (Call, 1);
  call->self = g_object_ref (self);
  call->kind = kind;
  call->unit_id = g_strdup (self->unit->id);
  call->label = anju_unit_row_dup_label (self->unit);
  self->busy = TRUE;
  update_actions (self);
  /* Not cancelled with the panel's loads: a hold that went through must
   * still be told. */
  anju_context_run_command_async (self->context, type, payload, NULL, on_command_done_cb, call);
}

static void
hold_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_command (ANJU_UNIT_PANEL (widget), CALL_HOLD, "unit.hold", TRUE);
}

static void
extend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  run_command (ANJU_UNIT_PANEL (widget), CALL_EXTEND, "unit.extend", TRUE);
}

static void
release_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  run_command (ANJU_UNIT_PANEL (widget), CALL_RELEASE, "unit.release", FALSE);
}

static void
negotiate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AnjuUnitPanel *self = ANJU_UNIT_PANEL (widget);

  if (self->unit == NULL)
    return;
  /* The desk quotes only a unit the consultant holds: hold it first. */
  if (self->unit->status == ANJU_UNIT_AVAILABLE)
    run_command (self, CALL_NEGOTIATE, "unit.hold", TRUE);
  else if (held_by_me (self))
    g_signal_emit (self, signals[NEGOTIATE], 0, self->unit->id);
}

static void
on_close_clicked_cb (AnjuUnitPanel *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

/* ---- GObject ------------------------------------------------------------ */

static void
anju_unit_panel_dispose (GObject *object)
{
  AnjuUnitPanel *self = (AnjuUnitPanel *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_unit_panel_parent_class)->dispose (object);
}

static void
anju_unit_panel_finalize (GObject *object)
{
  AnjuUnitPanel *self = (AnjuUnitPanel *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->unit_id, g_free);
  g_clear_pointer (&self->unit, anju_unit_row_free);
  g_clear_pointer (&self->hold_refusal, g_free);

  G_OBJECT_CLASS (anju_unit_panel_parent_class)->finalize (object);
}

static void
anju_unit_panel_class_init (AnjuUnitPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_unit_panel_dispose;
  object_class->finalize = anju_unit_panel_finalize;

  signals[NEGOTIATE] =
    g_signal_new ("negotiate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CLOSE] =
    g_signal_new ("close",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-unit-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, hot_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, offer_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, status_detail_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, actions_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, minutes_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, hold_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, extend_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, release_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, negotiate_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, layout_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, orientation_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, gross_area_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, inner_area_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, list_price_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, per_m2_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, floor_price_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, floor_price_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, offer_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuUnitPanel, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);

  gtk_widget_class_install_action (widget_class, "unit-panel.hold", NULL, hold_action);
  gtk_widget_class_install_action (widget_class, "unit-panel.extend", NULL, extend_action);
  gtk_widget_class_install_action (widget_class, "unit-panel.release", NULL, release_action);
  gtk_widget_class_install_action (widget_class, "unit-panel.negotiate", NULL, negotiate_action);
}

static void
anju_unit_panel_init (AnjuUnitPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  update_actions (self);
}

void
anju_unit_panel_set_context (AnjuUnitPanel *self,
                             AnjuContext   *context)
{
  g_return_if_fail (ANJU_IS_UNIT_PANEL (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed",
                           G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user",
                           G_CALLBACK (on_user_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

void
anju_unit_panel_show_unit (AnjuUnitPanel *self,
                           const char    *unit_id)
{
  g_return_if_fail (ANJU_IS_UNIT_PANEL (self));

  if (g_strcmp0 (self->unit_id, unit_id) != 0)
    {
      /* Another unit: what was on its way for the last one is moot. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->loading = 0;
      g_clear_pointer (&self->unit, anju_unit_row_free);
      g_free (self->unit_id);
      self->unit_id = g_strdup (unit_id);
      gtk_label_set_label (self->title_label, "");
      if (unit_id == NULL)
        {
          gtk_spinner_set_spinning (self->spinner, FALSE);
          gtk_stack_set_visible_child_name (self->stack, "empty");
          update_actions (self);
          return;
        }
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  reload (self);
}

const char *
anju_unit_panel_get_unit_id (AnjuUnitPanel *self)
{
  g_return_val_if_fail (ANJU_IS_UNIT_PANEL (self), NULL);

  return self->unit_id;
}

gboolean
anju_unit_panel_get_loading (AnjuUnitPanel *self)
{
  g_return_val_if_fail (ANJU_IS_UNIT_PANEL (self), FALSE);

  return self->loading > 0 || self->busy;
}
