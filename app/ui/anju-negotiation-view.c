/* anju-negotiation-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-negotiation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-checklist.h"
#include "anju-clock.h"
#include "anju-command.h"
#include "anju-customers.h"
#include "anju-format.h"
#include "anju-negotiation-view.h"
#include "anju-subscribe-window.h"
#include "anju-subscriptions.h"
#include "anju-pricing.h"
#include "anju-ui-util.h"
#include "anju-units.h"

#define SEARCH_DELAY_MS 200
#define SEARCH_LIMIT 8

struct _AnjuNegotiationView
{
  AdwBin               parent_instance;

  /* template widgets */
  GtkScrolledWindow   *scroller;
  AdwComboRow         *unit_row;
  AdwActionRow        *no_unit_row;
  AdwActionRow        *unit_info_row;
  AdwActionRow        *list_price_row;
  GtkLabel            *list_price_label;
  AdwActionRow        *hold_row;
  AdwActionRow        *customer_row;
  AdwEntryRow         *customer_entry;
  GtkListBox          *customer_results;
  AdwPreferencesGroup *discounts_group;
  AdwActionRow        *discretion_row;
  GtkSpinButton       *discretion_spin;
  AdwActionRow        *result_row;
  GtkLabel            *result_label;
  AdwActionRow        *range_row;
  GtkLabel            *range_label;
  AdwActionRow        *beyond_row;
  AdwActionRow        *timer_row;
  GtkLabel            *timer_label;
  AdwPreferencesGroup *checklist_group;
  AdwEntryRow         *note_entry;
  GtkWidget           *create_button;
  GtkWidget           *ask_button;
  GtkListBox          *quotes_list;
  GtkListBox          *subscriptions_list;

  /* owned */
  AnjuContext         *context;
  GCancellable        *cancellable;          /* the signed-in person's loads */
  GCancellable        *search_cancellable;
  GtkStringList       *unit_labels;
  GPtrArray           *units;                /* AnjuUnitRow*, the combo's */
  char                *unit_id;
  char                *wanted_unit_id;       /* set_unit(): chosen at the next load */
  GPtrArray           *discounts;            /* AnjuDiscount* */
  GPtrArray           *discount_rows;        /* AdwActionRow*, borrowed */
  GPtrArray           *discount_checks;      /* GtkCheckButton*, borrowed */
  GPtrArray           *checks;               /* GtkSwitch*, borrowed, in checklist order */
  guint                discretion_min;
  gint64               wait_flag_minutes;
  char                *customer_id;
  GPtrArray           *found;                /* AnjuCustomerSummary* */
  gint64               started_at;           /* µs; 0: no negotiation running */
  guint                timer;
  guint                search_timeout;
  char                *pending_quote_id;     /* made, needs approval, not yet asked */
  gboolean             asked;                /* the offer shown went for approval */
  GHashTable          *approval_states;      /* quote id → approval status last seen */
  guint                loading;
  gboolean             busy;
  gboolean             searching;
  gboolean             again;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (AnjuNegotiationView, anju_negotiation_view, ADW_TYPE_BIN)

static void reload (AnjuNegotiationView *self);
static void update_price (AnjuNegotiationView *self);

/* ---- helpers ------------------------------------------------------------ */

static void
toast (AnjuNegotiationView *self,
       const char          *text)
{
  anju_widget_show_toast (GTK_WIDGET (self), text);
}

static const AnjuUnitRow *
get_unit (AnjuNegotiationView *self)
{
  for (guint i = 0; self->unit_id != NULL && i < self->units->len; i++)
    {
      const AnjuUnitRow *unit = g_ptr_array_index (self->units, i);

      if (g_strcmp0 (unit->id, self->unit_id) == 0)
        return unit;
    }
  return NULL;
}

static gboolean
held_by_me (AnjuNegotiationView *self,
            const AnjuUnitRow   *unit)
{
  const AnjuUser *user = self->context ? anju_context_get_user (self->context) : NULL;

  return unit != NULL && user != NULL && unit->status == ANJU_UNIT_HELD &&
         g_strcmp0 (unit->holder_id, user->id) == 0;
}

static GtkSwitch *
get_check (AnjuNegotiationView *self,
           const char          *key)
{
  guint n_items;
  const AnjuChecklistItem *items = anju_checklist_get_items (&n_items);

  for (guint i = 0; i < n_items && i < self->checks->len; i++)
    if (g_str_equal (items[i].key, key))
      return g_ptr_array_index (self->checks, i);
  g_return_val_if_reached (NULL);
}

static guint
get_discretion (AnjuNegotiationView *self)
{
  /* The spin shows percent to one decimal (98.5), the rule counts permille. */
  return (guint)(gtk_spin_button_get_value (self->discretion_spin) * 10 + 0.5);
}

static gboolean
is_beyond_range (AnjuNegotiationView *self)
{
  return anju_pricing_discretion_needs_approval (get_discretion (self), self->discretion_min) ||
         self->pending_quote_id != NULL;
}

static void
update_actions (AnjuNegotiationView *self)
{
  gboolean ready = get_unit (self) != NULL && self->customer_id != NULL && !self->busy &&
                   self->loading == 0;
  gboolean beyond = is_beyond_range (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "negotiation.create-quote", ready && !beyond);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "negotiation.ask-approval",
                                 ready && beyond && !self->asked);
  gtk_widget_set_visible (self->create_button, !beyond);
  gtk_widget_set_visible (self->ask_button, beyond);
}

/* Anything that changes the price makes the last quote moot, and the
 * new offer may be asked for. */
static void
forget_pending_quote (AnjuNegotiationView *self)
{
  g_clear_pointer (&self->pending_quote_id, g_free);
  self->asked = FALSE;
}

/* ---- the waiting time --------------------------------------------------- */

static void
update_timer (AnjuNegotiationView *self)
{
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  gint64 seconds;
  gboolean flagged;

  if (self->started_at == 0)
    {
      gtk_label_set_label (self->timer_label, "—");
      gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "warning");
      subtitle = g_strdup_printf (ngettext ("Starts with a unit and a customer; "
                                            "flagged after %d minute",
                                            "Starts with a unit and a customer; "
                                            "flagged after %d minutes",
                                            (gulong)self->wait_flag_minutes),
                                  (int)self->wait_flag_minutes);
      adw_action_row_set_subtitle (self->timer_row, subtitle);
      return;
    }
  seconds = MAX (0, (g_get_real_time () - self->started_at) / G_USEC_PER_SEC);
  flagged = seconds > self->wait_flag_minutes * 60;
  text = g_strdup_printf ("%02d:%02d", (int)(seconds / 60), (int)(seconds % 60));
  gtk_label_set_label (self->timer_label, text);
  if (flagged)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "warning");
      subtitle = g_strdup_printf (ngettext ("Over %d minute: the wait is flagged on the quote",
                                            "Over %d minutes: the wait is flagged on the quote",
                                            (gulong)self->wait_flag_minutes),
                                  (int)self->wait_flag_minutes);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "warning");
      subtitle = g_strdup_printf (ngettext ("The customer is waiting; flagged after %d minute",
                                            "The customer is waiting; flagged after %d minutes",
                                            (gulong)self->wait_flag_minutes),
                                  (int)self->wait_flag_minutes);
    }
  adw_action_row_set_subtitle (self->timer_row, subtitle);
}

static gboolean
on_timer_cb (gpointer user_data)
{
  update_timer (user_data);
  return G_SOURCE_CONTINUE;
}

static void
stop_timer (AnjuNegotiationView *self)
{
  g_clear_handle_id (&self->timer, g_source_remove);
  self->started_at = 0;
  update_timer (self);
}

/* The negotiation starts when the desk has a unit and a customer. */
static void
maybe_start_timer (AnjuNegotiationView *self)
{
  if (self->started_at != 0 || get_unit (self) == NULL || self->customer_id == NULL)
    return;
  self->started_at = g_get_real_time ();
  self->timer = g_timeout_add_seconds (1, on_timer_cb, self);
  update_timer (self);
}

/* ---- the price ---------------------------------------------------------- */

/* The list price through the published discounts ticked and then
 * @discretion, as core prices it. */
static AnjuFen
price_with (AnjuNegotiationView *self,
            AnjuFen              list_price,
            guint                discretion)
{
  g_autoptr(GPtrArray) ticked = g_ptr_array_new ();

  for (guint i = 0; i < self->discounts->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->discount_checks, i)))
      g_ptr_array_add (ticked, g_ptr_array_index (self->discounts, i));
  return anju_pricing_price_with (list_price, ticked, discretion);
}

static void
update_price (AnjuNegotiationView *self)
{
  const AnjuUnitRow *unit = get_unit (self);
  AnjuFen price, range_floor, per_m2;
  g_autofree char *price_text = NULL, *per_m2_text = NULL, *rate = NULL, *subtitle = NULL;
  g_autofree char *range_text = NULL, *min_rate = NULL, *discretion_subtitle = NULL;
  g_autofree char *own_rate = NULL;

  own_rate = anju_pricing_format_rate (get_discretion (self));
  min_rate = anju_pricing_format_rate (self->discretion_min);
  /* Translators: %s is the consultant's discretion, then the lowest one
   * without approval, both as "99% of the price" (99折) */
  discretion_subtitle = g_strdup_printf (_("%s · without approval down to %s"),
                                         own_rate, min_rate);
  adw_action_row_set_subtitle (self->discretion_row, discretion_subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->beyond_row), is_beyond_range (self));
  update_actions (self);

  if (unit == NULL)
    {
      gtk_label_set_label (self->result_label, "—");
      gtk_label_set_label (self->range_label, "—");
      adw_action_row_set_subtitle (self->result_row, "");
      return;
    }

  /* Money is core's: one rounding, half up, at the end. */
  price = price_with (self, unit->list_price, get_discretion (self));
  per_m2 = anju_pricing_per_m2 (price, unit->gross_area);
  range_floor = price_with (self, unit->list_price, self->discretion_min);

  price_text = anju_format_money (price);
  per_m2_text = anju_format_money (per_m2);
  rate = anju_pricing_format_rate (anju_pricing_permille_of (price, unit->list_price));
  /* Translators: the price per m², then the share of the list price */
  subtitle = g_strdup_printf (_("%s per m² · %s"), per_m2_text, rate);
  gtk_label_set_label (self->result_label, price_text);
  adw_action_row_set_subtitle (self->result_row, subtitle);
  range_text = anju_format_money (range_floor);
  gtk_label_set_label (self->range_label, range_text);
  if (is_beyond_range (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->result_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "warning");
}

static void
on_price_input_changed_cb (AnjuNegotiationView *self)
{
  if (self->filling)
    return;
  forget_pending_quote (self);
  update_price (self);
}

static void
on_note_changed_cb (AnjuNegotiationView *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_entry), "error");
}

/* ---- the unit ----------------------------------------------------------- */

static void
fill_unit (AnjuNegotiationView *self)
{
  const AnjuUnitRow *unit = get_unit (self);
  gboolean mine = held_by_me (self, unit);

  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), self->units->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_unit_row), self->units->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_info_row), unit != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->list_price_row), unit != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->hold_row), unit != NULL);
  gtk_switch_set_active (get_check (self, "unit_locked"), mine);
  if (unit == NULL)
    return;

  {
    g_autofree char *area = anju_format_area (unit->gross_area);
    g_autofree char *info = unit->orientation
                            ? g_strdup_printf ("%s · %s · %s", unit->layout, unit->orientation,
                                               area)
                            : g_strdup_printf ("%s · %s", unit->layout, area);
    g_autofree char *price = anju_format_money (unit->list_price);
    g_autofree char *per_m2 = anju_format_money (unit->price_per_m2);
    /* Translators: %s is a price per square metre */
    g_autofree char *per_m2_text = g_strdup_printf (_("%s per m²"), per_m2);
    g_autofree char *hold = NULL;

    adw_action_row_set_subtitle (self->unit_info_row, info);
    gtk_label_set_label (self->list_price_label, price);
    adw_action_row_set_subtitle (self->list_price_row, per_m2_text);
    if (mine)
      {
        g_autofree char *until = anju_format_datetime (unit->hold_expires_at);

        /* Translators: %s is a date and time */
        hold = g_strdup_printf (_("Held for you until %s"), until);
      }
    else
      /* Translators: %s is a unit's status ("Available") */
      hold = g_strdup_printf (_("%s — hold it on the board to quote it"),
                              anju_unit_status_get_label (unit->status));
    adw_action_row_set_subtitle (self->hold_row, hold);
  }
}

static void
choose_unit (AnjuNegotiationView *self,
             const char          *unit_id)
{
  const AnjuUnitRow *unit;

  if (g_strcmp0 (self->unit_id, unit_id) == 0)
    return;
  g_free (self->unit_id);
  self->unit_id = g_strdup (unit_id);
  forget_pending_quote (self);
  stop_timer (self);
  if ((unit = get_unit (self)) != NULL)
    {
      /* What the board knows about the unit fills these two. */
      gtk_switch_set_active (get_check (self, "hot_unit"), unit->hot);
      gtk_switch_set_active (get_check (self, "on_site_special"), unit->special_offer != NULL);
    }
  fill_unit (self);
  maybe_start_timer (self);
  update_price (self);
}

static void
on_unit_selected_cb (AnjuNegotiationView *self)
{
  guint position = adw_combo_row_get_selected (self->unit_row);

  if (self->filling || position == GTK_INVALID_LIST_POSITION || position >= self->units->len)
    return;
  choose_unit (self, ((AnjuUnitRow *)g_ptr_array_index (self->units, position))->id);
}

/* ---- the customer ------------------------------------------------------- */

static void
show_customer (AnjuNegotiationView       *self,
               const char                *name,
               const AnjuCustomerSummary *summary)
{
  if (self->customer_id == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->customer_row),
                                     _("No customer chosen"));
      adw_action_row_set_subtitle (self->customer_row,
                                   _("Search below by name or by the first digits of the mobile"));
      return;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->customer_row), name);
  if (summary != NULL)
    {
      g_autofree char *subtitle = NULL;

      if (summary->mobile_masked != NULL && summary->owner_name != NULL)
        /* Translators: a customer's masked mobile, then their consultant */
        subtitle = g_strdup_printf (_("%s · consultant %s"), summary->mobile_masked,
                                    summary->owner_name);
      else
        subtitle = g_strdup (summary->mobile_masked ? summary->mobile_masked : "");
      adw_action_row_set_subtitle (self->customer_row, subtitle);
    }
  else
    adw_action_row_set_subtitle (self->customer_row, "");
}

static void
clear_results (AnjuNegotiationView *self)
{
  anju_ui_list_box_clear (self->customer_results);
  g_ptr_array_set_size (self->found, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_results), FALSE);
}

static void
choose_customer (AnjuNegotiationView       *self,
                 const char                *customer_id,
                 const char                *name,
                 const AnjuCustomerSummary *summary)
{
  if (g_strcmp0 (self->customer_id, customer_id) != 0)
    {
      g_free (self->customer_id);
      self->customer_id = g_strdup (customer_id);
      forget_pending_quote (self);
      stop_timer (self);
    }
  show_customer (self, name, summary);
  maybe_start_timer (self);
  update_price (self);
}

typedef struct
{
  char *text;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->text);
  g_free (job);
}

static gpointer
search_customers (AnjuStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  SearchJob *job = data;
  AnjuCustomerQuery query = { job->text, NULL };

  return anju_customers_fetch (store, &query, 0, SEARCH_LIMIT, error);
}

static void
on_customers_found_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AnjuNegotiationView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->searching = FALSE;
  self->loading--;
  clear_results (self);
  if (found == NULL)
    {
      toast (self, error->message);
      update_actions (self);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    {
      AnjuCustomerSummary *summary = g_ptr_array_index (found, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary->name);
      if (summary->owner_name != NULL)
        subtitle = g_strdup_printf (_("%s · consultant %s"),
                                    summary->mobile_masked ? summary->mobile_masked : "",
                                    summary->owner_name);
      else
        subtitle = g_strdup (summary->mobile_masked ? summary->mobile_masked : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->customer_results, row);
    }
  if (found->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody matches"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->customer_results, row);
    }
  g_ptr_array_extend_and_steal (self->found, g_steal_pointer (&found));
  gtk_widget_set_visible (GTK_WIDGET (self->customer_results), TRUE);
  update_actions (self);
}

static void
search (AnjuNegotiationView *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->customer_entry));
  g_autofree char *text = g_strstrip (g_strdup (typed));
  SearchJob *job;

  /* A cancelled search never comes back to count itself done. */
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->searching)
    {
      self->searching = FALSE;
      self->loading--;
    }
  if (*text == '\0' || self->context == NULL)
    {
      clear_results (self);
      return;
    }
  self->search_cancellable = g_cancellable_new ();
  job = g_new0 (SearchJob, 1);
  job->text = g_steal_pointer (&text);
  self->searching = TRUE;
  self->loading++;
  anju_worker_run_async (anju_context_get_worker (self->context),
                         search_customers, job, (GDestroyNotify)search_job_free,
                         (GDestroyNotify)g_ptr_array_unref,
                         self->search_cancellable,
                         on_customers_found_cb, g_object_ref (self));
}

static gboolean
on_search_timeout_cb (gpointer user_data)
{
  AnjuNegotiationView *self = user_data;

  self->search_timeout = 0;
  search (self);
  return G_SOURCE_REMOVE;
}

static void
on_customer_text_changed_cb (AnjuNegotiationView *self)
{
  if (self->filling)
    return;
  g_clear_handle_id (&self->search_timeout, g_source_remove);
  self->search_timeout = g_timeout_add (SEARCH_DELAY_MS, on_search_timeout_cb, self);
}

static void
on_customer_result_activated_cb (AnjuNegotiationView *self,
                                 GtkListBoxRow       *row)
{
  int index = gtk_list_box_row_get_index (row);
  AnjuCustomerSummary *summary;

  if (index < 0 || (guint)index >= self->found->len)
    return;
  summary = g_ptr_array_index (self->found, index);
  choose_customer (self, summary->id, summary->name, summary);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->customer_entry), "");
  self->filling = FALSE;
  clear_results (self);
}

/* ---- the quotes --------------------------------------------------------- */

static const char *
get_quote_status_class (const AnjuQuote *quote)
{
  switch (quote->status)
    {
    case ANJU_QUOTE_APPROVED:
    case ANJU_QUOTE_USED:
      return "status-done";
    case ANJU_QUOTE_REJECTED:
      return "status-overdue";
    case ANJU_QUOTE_PENDING:
    case ANJU_QUOTE_NEEDS_APPROVAL:
      return "status-due";
    case ANJU_QUOTE_OPEN:
    case ANJU_QUOTE_EXPIRED:
    default:
      return "dim-label";
    }
}

/* The pill: the quote's state, and for one on its way the step it is at. */
static char *
dup_quote_status_text (const AnjuQuote *quote)
{
  if (quote->status == ANJU_QUOTE_PENDING && quote->approval_steps > 0)
    /* Translators: a quote's approval on its way: "Waiting · step 1 of 3" */
    return g_strdup_printf (_("%s · step %d of %d"), anju_quote_status_get_label (quote->status),
                            quote->approval_step, quote->approval_steps);
  return g_strdup (anju_quote_status_get_label (quote->status));
}

/* Who decides the waiting step, for the row's subtitle (a long list of
 * names does not fit in the pill); NULL when nothing waits. */
static char *
dup_quote_deciders_text (const AnjuQuote *quote)
{
  const char *step_title = quote->approval_step_title ? quote->approval_step_title : "?";

  if (quote->status != ANJU_QUOTE_PENDING || quote->approval_steps == 0 || quote->approval_deciders == NULL)
    return NULL;
  if (*quote->approval_deciders == '\0')
    /* Translators: nobody in this office may decide the waiting step; %s is the approver's title */
    return g_strdup_printf (_("Nobody here can decide this step; ask IT to add a person for %s"), step_title);
  /* Translators: the approver's title (代理公司副经理) and the people who
   * may decide the waiting step (张伟、刘洋) */
  return g_strdup_printf (_("%s decides: %s"), step_title, quote->approval_deciders);
}

/* One decided step of a quote's approval: who, as what, and what they said. */
static char *
dup_decision_text (const AnjuApprovalStep *step)
{
  const char *decision = g_strcmp0 (step->decision, "reject") == 0 ? _("rejected") : _("approved");
  const char *who = step->decider_name ? step->decider_name : "?";
  const char *title = step->title ? step->title : "";

  if (step->comment != NULL && *step->comment != '\0')
    /* Translators: a decided approval step: the step number, the approver's
     * title (代理公司副经理), their name, the decision and their comment */
    return g_strdup_printf (_("Step %d · %s %s: %s — “%s”"), step->step, title, who, decision,
                            step->comment);
  /* Translators: a decided approval step without a comment */
  return g_strdup_printf (_("Step %d · %s %s: %s"), step->step, title, who, decision);
}

static void
on_subscribe_clicked_cb (GtkButton           *button,
                         AnjuNegotiationView *self)
{
  const char *quote_id = g_object_get_data (G_OBJECT (button), "anju-quote-id");
  GtkWidget *window = anju_subscribe_window_new (self->context, GTK_WIDGET (self), quote_id,
                                                 g_object_get_data (G_OBJECT (button), "anju-unit"),
                                                 g_object_get_data (G_OBJECT (button), "anju-customer"),
                                                 GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button),
                                                                                      "anju-price")));

  gtk_window_present (GTK_WINDOW (window));
}

/* An approved quote leads to the subscription, for whoever core lets
 * make one. */
static void
add_subscribe_button (AnjuNegotiationView *self,
                      GtkWidget           *row,
                      const AnjuQuote     *quote)
{
  GtkWidget *button;
  g_autofree char *name = NULL;

  if (quote->status != ANJU_QUOTE_APPROVED || !anju_context_may (self->context, "subscription.create"))
    return;
  button = gtk_button_new_with_mnemonic (_("_Subscribe…"));
  /* Translators: the accessible name of the button: a unit and a customer */
  name = g_strdup_printf (_("Subscribe %s for %s"), quote->unit_label, quote->customer_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "anju-quote-id", g_strdup (quote->id), g_free);
  g_object_set_data_full (G_OBJECT (button), "anju-unit", g_strdup (quote->unit_label), g_free);
  g_object_set_data_full (G_OBJECT (button), "anju-customer", g_strdup (quote->customer_name), g_free);
  g_object_set_data (G_OBJECT (button), "anju-price", GSIZE_TO_POINTER ((gsize) quote->price));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_subscribe_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static GtkWidget *
create_quote_row (AnjuNegotiationView *self,
                  const AnjuQuote     *quote)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (NULL);
  g_autofree char *title = NULL, *price = NULL, *per_m2 = NULL, *rate = NULL, *when = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *status_text = dup_quote_status_text (quote);
  g_autofree char *deciders = dup_quote_deciders_text (quote);

  title = g_strdup_printf ("%s · %s", quote->unit_label ? quote->unit_label : "?",
                           quote->customer_name ? quote->customer_name : "?");
  price = anju_format_money (quote->price);
  per_m2 = anju_format_money (quote->price_per_m2);
  rate = anju_pricing_format_rate (anju_pricing_permille_of (quote->price, quote->list_price));
  when = anju_format_datetime_iso (quote->created_at);
  /* Translators: a quote: its price, the price per m², the share of the
   * list price, when it was made */
  g_string_append_printf (subtitle, _("%s · %s per m² · %s · %s"), price, per_m2, rate, when);
  if (deciders != NULL)
    g_string_append_printf (subtitle, "\n%s", deciders);
  if (quote->wait_flagged)
    g_string_append_printf (subtitle, "\n%s", _("The customer waited too long for this answer"));
  /* Every approver's decision and comment, as soon as each is made. */
  for (guint i = 0; quote->approval_decisions != NULL && i < quote->approval_decisions->len; i++)
    {
      g_autofree char *line = dup_decision_text (g_ptr_array_index (quote->approval_decisions, i));

      g_string_append_printf (subtitle, "\n%s", line);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_label_set_label (GTK_LABEL (status), status_text);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "status-pill");
  gtk_widget_add_css_class (status, get_quote_status_class (quote));
  gtk_widget_add_css_class (status, "quote-status");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  add_subscribe_button (self, row, quote);
  gtk_widget_set_name (row, quote->id);
  return row;
}

/* A decision that came while this person is signed in is news: a toast. */
static void
announce_decisions (AnjuNegotiationView *self,
                    GPtrArray           *quotes)
{
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < quotes->len; i++)
    {
      const AnjuQuote *quote = g_ptr_array_index (quotes, i);
      const char *before = self->approval_states
                           ? g_hash_table_lookup (self->approval_states, quote->id) : NULL;
      guint n_decided = quote->approval_decisions ? quote->approval_decisions->len : 0;
      g_autofree char *now = g_strdup_printf ("%s:%u", quote->approval_status ? quote->approval_status : "",
                                              n_decided);
      g_autofree char *message = NULL;

      g_hash_table_insert (states, g_strdup (quote->id), g_strdup (now));
      if (before == NULL || !g_str_has_prefix (before, "pending:") ||
          quote->approval_status == NULL || g_str_equal (before, now))
        continue;
      if (g_str_equal (quote->approval_status, "pending") && n_decided > 0)
        {
          /* A step decided, the next one waits: its comment is news too. */
          g_autofree char *step = dup_decision_text (g_ptr_array_index (quote->approval_decisions,
                                                                        n_decided - 1));

          /* Translators: a unit, a customer, then a decided approval step */
          message = g_strdup_printf (_("%s for %s: %s"), quote->unit_label, quote->customer_name, step);
        }
      else if (g_str_equal (quote->approval_status, "approved"))
        {
          g_autofree char *price = anju_format_money (quote->price);

          /* Translators: a unit, a customer and the approved price */
          message = g_strdup_printf (_("Approved: %s for %s at %s"), quote->unit_label,
                                     quote->customer_name, price);
        }
      else if (g_str_equal (quote->approval_status, "rejected"))
        /* Translators: a unit, a customer and the approver's comment */
        message = g_strdup_printf (_("Rejected: %s for %s — “%s”"), quote->unit_label,
                                   quote->customer_name,
                                   quote->approval_comment ? quote->approval_comment : "");
      if (message != NULL)
        toast (self, message);
    }
  g_clear_pointer (&self->approval_states, g_hash_table_unref);
  self->approval_states = g_steal_pointer (&states);
}

static void
fill_quotes (AnjuNegotiationView *self,
             GPtrArray           *quotes)
{
  anju_ui_list_box_clear (self->quotes_list);
  for (guint i = 0; i < quotes->len; i++)
    gtk_list_box_append (self->quotes_list, create_quote_row (self, g_ptr_array_index (quotes, i)));
  if (quotes->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No quotes yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Quotes you create for your customers appear here."));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->quotes_list, row);
    }
  announce_decisions (self, quotes);
}

/* ---- subscriptions and the cooling-off ---------------------------------------- */

static void
on_withdrawn_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AnjuNegotiationView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result, &error);
  JsonObject *res;
  g_autofree char *refunded = NULL, *text = NULL;

  if (answer == NULL)
    {
      toast (self, error->message);
      return;
    }
  res = json_object_get_object_member (answer, "result");
  refunded = anju_format_money (json_object_get_int_member (res, "refunded"));
  /* Translators: after a withdrawal; what was refunded */
  text = g_strdup_printf (_("Withdrawn: the unit is available again; refunded %s"), refunded);
  toast (self, text);
}

static void
on_withdraw_response_cb (AdwMessageDialog    *dialog,
                         const char          *response,
                         AnjuNegotiationView *self)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");

  if (!g_str_equal (response, "withdraw"))
    return;
  json_object_set_string_member (payload, "subscription_id", g_object_get_data (G_OBJECT (dialog), "id"));
  json_object_set_string_member (payload, "reason", gtk_editable_get_text (reason));
  anju_context_run_command_async (self->context, "subscription.withdraw", payload, NULL, on_withdrawn_cb,
                                  g_object_ref (self));
}

static void
on_withdraw_clicked_cb (GtkButton           *button,
                        AnjuNegotiationView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Withdraw the Subscription"),
                            g_object_get_data (G_OBJECT (button), "anju-body")));
  GtkWidget *reason = adw_entry_row_new ();
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "withdraw", _("_Withdraw"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "withdraw", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "id",
                          g_strdup (g_object_get_data (G_OBJECT (button), "anju-id")), g_free);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_withdraw_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a shared deal (SPEC §3) ------------------------------------------------ */

static void
on_shared_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AnjuNegotiationView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object), result, &error);
  JsonObject *res;
  g_autofree char *mine = NULL, *theirs = NULL, *text = NULL;

  if (answer == NULL)
    {
      toast (self, error->message);
      return;
    }
  res = json_object_get_object_member (answer, "result");
  if (json_object_get_null_member (res, "co_consultant_id"))
    {
      toast (self, _("The deal is credited to its consultant alone"));
      return;
    }
  mine = anju_format_money (json_object_get_int_member (res, "consultant_amount"));
  theirs = anju_format_money (json_object_get_int_member (res, "co_consultant_amount"));
  /* Translators: after sharing a deal: the consultant's and the colleague's credit */
  text = g_strdup_printf (_("Shared: %s to the deal's consultant, %s to the colleague"), mine, theirs);
  toast (self, text);
}

static void
on_share_response_cb (AdwMessageDialog    *dialog,
                      const char          *response,
                      AnjuNegotiationView *self)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  AdwComboRow *colleague = g_object_get_data (G_OBJECT (dialog), "colleague");
  GtkSpinButton *percent = g_object_get_data (G_OBJECT (dialog), "percent");
  JsonArray *colleagues = g_object_get_data (G_OBJECT (dialog), "colleagues");
  guint selected = adw_combo_row_get_selected (colleague);

  if (!g_str_equal (response, "share"))
    return;
  json_object_set_string_member (payload, "subscription_id", g_object_get_data (G_OBJECT (dialog), "id"));
  /* The first choice is nobody: the deal is its consultant's alone. */
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && colleagues != NULL &&
      selected - 1 < json_array_get_length (colleagues))
    {
      JsonObject *chosen = json_array_get_object_element (colleagues, selected - 1);

      json_object_set_string_member (payload, "co_consultant_id", json_object_get_string_member (chosen, "id"));
      json_object_set_int_member (payload, "co_share_percent", gtk_spin_button_get_value_as_int (percent));
    }
  anju_context_run_command_async (self->context, "subscription.share", payload, NULL, on_shared_cb,
                                  g_object_ref (self));
}

static void
on_share_colleague_changed_cb (AdwComboRow *colleague,
                               GParamSpec  *pspec,
                               GtkWidget   *percent_row)
{
  gtk_widget_set_sensitive (percent_row, adw_combo_row_get_selected (colleague) > 0);
}

/* Share the deal: the colleague (those core allows, or nobody) and the
 * colleague's share in percent. */
static void
on_share_clicked_cb (GtkButton           *button,
                     AnjuNegotiationView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  JsonObject *snapshot = g_object_get_data (G_OBJECT (button), "anju-snapshot");
  JsonArray *colleagues = json_object_get_array_member (snapshot, "colleagues");
  const char *current = json_object_get_string_member_with_default (snapshot, "co_consultant_id", NULL);
  gint64 current_percent = json_object_get_int_member_with_default (snapshot, "co_share_percent", 0);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Share the Deal"),
                            _("The colleague who shares the deal is credited with their share of it and of "
                              "its price in the sales figures; you keep the rest.")));
  GtkWidget *colleague = adw_combo_row_new ();
  GtkWidget *percent_row = adw_action_row_new ();
  GtkWidget *percent = gtk_spin_button_new_with_range (ANJU_CO_SHARE_MIN_PERCENT, ANJU_CO_SHARE_MAX_PERCENT, 1);
  GtkWidget *list = gtk_list_box_new ();
  guint selected = 0;

  /* Translators: the choice of nobody to share a deal with */
  gtk_string_list_append (names, _("Nobody"));
  for (guint i = 0; colleagues != NULL && i < json_array_get_length (colleagues); i++)
    {
      JsonObject *c = json_array_get_object_element (colleagues, i);

      gtk_string_list_append (names, json_object_get_string_member (c, "name"));
      if (g_strcmp0 (current, json_object_get_string_member (c, "id")) == 0)
        selected = i + 1;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (colleague), _("Shared with"));
  adw_combo_row_set_model (ADW_COMBO_ROW (colleague), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (colleague), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (colleague), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Shared with"), -1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (percent),
                             current_percent > 0 ? current_percent : ANJU_CO_SHARE_DEFAULT_PERCENT);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (percent), TRUE);
  gtk_widget_set_valign (percent, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (percent_row), _("Colleague’s share (%)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (percent), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Colleague’s share (%)"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (percent_row), percent);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (percent_row), percent);
  gtk_widget_set_sensitive (percent_row, selected > 0);
  g_signal_connect_object (colleague, "notify::selected", G_CALLBACK (on_share_colleague_changed_cb),
                           percent_row, 0);

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Share the Deal"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), colleague);
  gtk_list_box_append (GTK_LIST_BOX (list), percent_row);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "share", _("_Share"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "share", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "share");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "id",
                          g_strdup (json_object_get_string_member (snapshot, "subscription_id")), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "colleagues",
                          colleagues ? json_array_ref (colleagues) : NULL,
                          (GDestroyNotify) json_array_unref);
  g_object_set_data (G_OBJECT (dialog), "colleague", colleague);
  g_object_set_data (G_OBJECT (dialog), "percent", percent);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_share_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Each active subscription with its cooling-off time left and Withdraw,
 * as core's snapshot says (its refusal in the tooltip). */
static void
fill_subscriptions (AnjuNegotiationView *self,
                    GPtrArray           *subscriptions,
                    GPtrArray           *snapshots)
{
  anju_ui_list_box_clear (self->subscriptions_list);
  for (guint i = 0; i < subscriptions->len; i++)
    {
      const AnjuSubscription *s = g_ptr_array_index (subscriptions, i);
      JsonObject *snapshot = g_ptr_array_index (snapshots, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Withdraw…"));
      g_autofree char *title = g_strdup_printf ("%s · %s", s->unit_label, s->customer_name ? s->customer_name : "");
      g_autofree char *price = anju_format_money (s->price);
      g_autofree char *left = anju_subscription_format_time_left (
        json_object_get_int_member (snapshot, "cooling_off_seconds_left") * G_USEC_PER_SEC);
      g_autofree char *forfeit = anju_format_money (json_object_get_int_member (snapshot, "forfeit"));
      g_autofree char *subtitle = NULL, *body = NULL, *name = NULL, *share_name = NULL;
      GtkWidget *share;
      gboolean inside = json_object_get_boolean_member (snapshot, "in_cooling_off");

      /* Translators: a subscription: its price, the cooling-off time left */
      subtitle = g_strdup_printf (_("%s · cooling-off: %s"), price, left);
      if (json_object_has_member (snapshot, "co_consultant_id"))
        {
          char *shared = g_strdup_printf (
            /* Translators: a subscription's subtitle, then the colleague who shares
             * the deal and the colleague's share in percent */
            _("%s · shared with %s (%d%%)"), subtitle,
            json_object_get_string_member (snapshot, "co_consultant_name"),
            (int) json_object_get_int_member (snapshot, "co_share_percent"));

          g_free (subtitle);
          subtitle = shared;
        }
      body = inside ? g_strdup (_("Inside the cooling-off: every payment is refunded and the unit is available again."))
                    /* Translators: a withdrawal after the cooling-off keeps this much of the deposit */
                    : g_strdup_printf (_("The cooling-off is over: %s of the deposit is forfeited by policy."), forfeit);
      /* Translators: the accessible name of the button: the subscription */
      name = g_strdup_printf (_("Withdraw %s"), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, json_object_get_boolean_member (snapshot, "can_withdraw"));
      gtk_widget_set_tooltip_text (button, json_object_get_string_member_with_default (snapshot, "withdraw_refusal",
                                                                                       NULL));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (button), "anju-id", g_strdup (s->id), g_free);
      g_object_set_data_full (G_OBJECT (button), "anju-body", g_steal_pointer (&body), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_withdraw_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      share = gtk_button_new_with_mnemonic (_("S_hare…"));
      /* Translators: the accessible name of the button: the subscription */
      share_name = g_strdup_printf (_("Share %s"), title);
      gtk_widget_set_valign (share, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (share, json_object_get_boolean_member_with_default (snapshot, "can_share", FALSE));
      gtk_widget_set_tooltip_text (share, json_object_get_string_member_with_default (snapshot, "share_refusal",
                                                                                      NULL));
      gtk_accessible_update_property (GTK_ACCESSIBLE (share), GTK_ACCESSIBLE_PROPERTY_LABEL, share_name, -1);
      g_object_set_data_full (G_OBJECT (share), "anju-snapshot", json_object_ref (snapshot),
                              (GDestroyNotify) json_object_unref);
      g_signal_connect_object (share, "clicked", G_CALLBACK (on_share_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), share);
      gtk_list_box_append (self->subscriptions_list, row);
    }
}

/* ---- the published discounts -------------------------------------------- */

static void
fill_discounts (AnjuNegotiationView *self,
                GPtrArray           *discounts)
{
  g_autoptr(GHashTable) ticked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean same = discounts->len == self->discounts->len;

  for (guint i = 0; same && i < discounts->len; i++)
    {
      AnjuDiscount *a = g_ptr_array_index (discounts, i);
      AnjuDiscount *b = g_ptr_array_index (self->discounts, i);

      same = g_str_equal (a->id, b->id) && a->rate_permille == b->rate_permille &&
             g_strcmp0 (anju_discount_get_name (a), anju_discount_get_name (b)) == 0;
    }
  if (same)
    return;

  for (guint i = 0; i < self->discounts->len; i++)
    {
      AnjuDiscount *d = g_ptr_array_index (self->discounts, i);

      if (gtk_check_button_get_active (g_ptr_array_index (self->discount_checks, i)))
        g_hash_table_add (ticked, g_strdup (d->id));
      adw_preferences_group_remove (self->discounts_group,
                                    g_ptr_array_index (self->discount_rows, i));
    }
  g_ptr_array_set_size (self->discount_rows, 0);
  g_ptr_array_set_size (self->discount_checks, 0);
  g_ptr_array_set_size (self->discounts, 0);

  for (guint i = 0; i < discounts->len; i++)
    {
      AnjuDiscount *d = g_ptr_array_index (discounts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *rate = anju_pricing_format_rate (d->rate_permille);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), anju_discount_get_name (d));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rate);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (ticked, d->id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, anju_discount_get_name (d),
                                      -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_price_input_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* Before the discretion row, which stays last. */
      adw_preferences_group_add (self->discounts_group, row);
      g_ptr_array_add (self->discount_rows, row);
      g_ptr_array_add (self->discount_checks, check);
      g_ptr_array_add (self->discounts, g_steal_pointer (&g_ptr_array_index (discounts, i)));
    }
  /* The discretion row goes after the discounts. */
  g_object_ref (self->discretion_row);
  adw_preferences_group_remove (self->discounts_group, GTK_WIDGET (self->discretion_row));
  adw_preferences_group_add (self->discounts_group, GTK_WIDGET (self->discretion_row));
  g_object_unref (self->discretion_row);
}

/* ---- loading the desk --------------------------------------------------- */

typedef struct
{
  char     *project_id;
  char     *unit_id;
  AnjuUser *user;
} DeskJob;

static void
desk_job_free (DeskJob *job)
{
  g_free (job->project_id);
  g_free (job->unit_id);
  g_clear_pointer (&job->user, anju_user_free);
  g_free (job);
}

typedef struct
{
  char      *asked_unit_id;
  GPtrArray *units;       /* AnjuUnitRow*: held by the person, and the wanted one */
  GPtrArray *discounts;
  GPtrArray *quotes;
  GPtrArray *subscriptions;   /* AnjuSubscription*, active, the person's */
  GPtrArray *snapshots;       /* JsonObject*: anju_subscription_dup_snapshot() of each */
  guint      discretion_min;
  gint64     wait_flag_minutes;
} Desk;

static void
desk_free (Desk *desk)
{
  g_clear_pointer (&desk->asked_unit_id, g_free);
  g_clear_pointer (&desk->units, g_ptr_array_unref);
  g_clear_pointer (&desk->discounts, g_ptr_array_unref);
  g_clear_pointer (&desk->quotes, g_ptr_array_unref);
  g_clear_pointer (&desk->subscriptions, g_ptr_array_unref);
  g_clear_pointer (&desk->snapshots, g_ptr_array_unref);
  g_free (desk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

static gpointer
load_desk (AnjuStore     *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  DeskJob *job = data;
  g_autoptr(Desk) desk = g_new0 (Desk, 1);
  g_autoptr(GPtrArray) held = NULL;
  AnjuUnitFilter filter = { 0 };
  gboolean have_wanted = FALSE;

  desk->asked_unit_id = g_strdup (job->unit_id);
  filter.project_id = job->project_id;
  filter.status = anju_unit_status_to_string (ANJU_UNIT_HELD);
  if (!(held = anju_units_list (store, &filter, error)))
    return NULL;
  desk->units = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_unit_row_free);
  for (guint i = 0; i < held->len; i++)
    {
      AnjuUnitRow *unit = g_ptr_array_index (held, i);

      if (g_strcmp0 (unit->holder_id, job->user->id) != 0)
        continue;
      have_wanted |= g_strcmp0 (unit->id, job->unit_id) == 0;
      g_ptr_array_add (desk->units, g_steal_pointer (&g_ptr_array_index (held, i)));
    }
  /* The unit asked for, even when it is not (or no longer) held. */
  if (job->unit_id != NULL && !have_wanted)
    {
      AnjuUnitRow *unit = anju_unit_load (store, job->unit_id, error);

      if (unit == NULL && error != NULL && *error != NULL)
        return NULL;
      if (unit != NULL)
        g_ptr_array_insert (desk->units, 0, unit);
    }
  desk->discounts = anju_pricing_dup_published (store, job->project_id);
  desk->discretion_min = anju_pricing_get_discretion_min (store, job->project_id);
  desk->wait_flag_minutes = anju_pricing_get_wait_flag_minutes (store, job->project_id);
  if (!(desk->quotes = anju_quotes_list_for_consultant (store, job->user->id, error)) ||
      !(desk->subscriptions = anju_subscriptions_list (store, job->project_id, job->user->id, TRUE, error)))
    return NULL;
  desk->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < desk->subscriptions->len; i++)
    g_ptr_array_add (desk->snapshots,
                     anju_subscription_dup_snapshot (store, job->user, g_ptr_array_index (desk->subscriptions, i),
                                                     anju_store_now (store)));
  return g_steal_pointer (&desk);
}

static void
fill_units (AnjuNegotiationView *self,
            GPtrArray           *units,
            const char          *asked_unit_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  g_autofree char *target = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  /* A unit wanted after this load set out comes with the next one. */
  if (self->wanted_unit_id != NULL && g_strcmp0 (self->wanted_unit_id, asked_unit_id) == 0)
    target = g_steal_pointer (&self->wanted_unit_id);
  else
    target = g_strdup (self->unit_id);
  g_ptr_array_set_size (self->units, 0);
  for (guint i = 0; i < units->len; i++)
    {
      AnjuUnitRow *unit = g_ptr_array_index (units, i);

      g_autofree char *label = anju_unit_row_dup_label (unit);

      g_strv_builder_add (builder, label);
      if (g_strcmp0 (unit->id, target) == 0)
        position = i;
      g_ptr_array_add (self->units, g_steal_pointer (&g_ptr_array_index (units, i)));
    }
  labels = g_strv_builder_end (builder);

  /* Nothing chosen yet: the first unit the consultant holds. */
  if (position == GTK_INVALID_LIST_POSITION && self->units->len > 0)
    position = 0;
  self->filling = TRUE;
  gtk_string_list_splice (self->unit_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->unit_labels)),
                          (const char * const *)labels);
  if (position != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->unit_row, position);
  self->filling = FALSE;

  choose_unit (self, position != GTK_INVALID_LIST_POSITION
                     ? ((AnjuUnitRow *)g_ptr_array_index (self->units, position))->id
                     : NULL);
  fill_unit (self);
}

static void
on_desk_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AnjuNegotiationView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Desk) desk = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading--;
  if (desk == NULL)
    toast (self, error->message);
  else
    {
      self->discretion_min = desk->discretion_min;
      self->wait_flag_minutes = desk->wait_flag_minutes;
      fill_discounts (self, desk->discounts);
      fill_units (self, desk->units, desk->asked_unit_id);
      fill_quotes (self, desk->quotes);
      fill_subscriptions (self, desk->subscriptions, desk->snapshots);
      update_timer (self);
      update_price (self);
    }
  update_actions (self);
  if (self->again)
    {
      self->again = FALSE;
      reload (self);
    }
}

static void
reload (AnjuNegotiationView *self)
{
  const AnjuUser *user;
  const AnjuProject *project;
  DeskJob *job;

  if (self->context == NULL || (user = anju_context_get_user (self->context)) == NULL ||
      (project = anju_context_get_project (self->context)) == NULL ||
      user->id == NULL)
    return;
  if (self->loading > 0)
    {
      self->again = TRUE;
      return;
    }
  job = g_new0 (DeskJob, 1);
  job->project_id = g_strdup (project->id);
  job->unit_id = g_strdup (self->wanted_unit_id ? self->wanted_unit_id : self->unit_id);
  job->user = anju_user_copy (user);
  self->loading++;
  update_actions (self);
  anju_worker_run_async (anju_context_get_worker (self->context),
                         load_desk, job, (GDestroyNotify)desk_job_free,
                         (GDestroyNotify)desk_free,
                         self->cancellable,
                         on_desk_loaded_cb, g_object_ref (self));
}

static void
on_context_changed_cb (AnjuNegotiationView *self,
                       const char * const  *topics)
{
  static const char * const watched[] = { "units", "approvals", "subscriptions", "finance", NULL };

  if (anju_topics_match (topics, watched))
    reload (self);
}

static void
start_over (AnjuNegotiationView *self)
{
  self->filling = TRUE;
  for (guint i = 0; i < self->discount_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->discount_checks, i), FALSE);
  gtk_spin_button_set_value (self->discretion_spin, 100);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_widget_get_sensitive (g_ptr_array_index (self->checks, i)))
      gtk_switch_set_active (g_ptr_array_index (self->checks, i), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->customer_entry), "");
  self->filling = FALSE;
  clear_results (self);
  g_clear_pointer (&self->customer_id, g_free);
  forget_pending_quote (self);
  stop_timer (self);
  show_customer (self, NULL, NULL);
  {
    const AnjuUnitRow *unit = get_unit (self);

    gtk_switch_set_active (get_check (self, "hot_unit"), unit != NULL && unit->hot);
    gtk_switch_set_active (get_check (self, "on_site_special"),
                           unit != NULL && unit->special_offer != NULL);
  }
  update_price (self);
}

static void
on_user_changed_cb (AnjuNegotiationView *self)
{
  /* Another person: nothing of the last one's negotiation stays. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_cancellable_cancel (self->search_cancellable);
  self->searching = FALSE;
  self->loading = 0;
  self->again = FALSE;
  self->busy = FALSE;
  g_clear_pointer (&self->approval_states, g_hash_table_unref);
  g_clear_pointer (&self->unit_id, g_free);
  g_clear_pointer (&self->wanted_unit_id, g_free);
  g_ptr_array_set_size (self->units, 0);
  self->filling = TRUE;
  gtk_string_list_splice (self->unit_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->unit_labels)), NULL);
  self->filling = FALSE;
  start_over (self);
  fill_unit (self);
  reload (self);
}

/* ---- commands ----------------------------------------------------------- */

typedef struct
{
  AnjuNegotiationView *self;
  gboolean             ask;           /* discount.request after quote.create */
  char                *unit_label;
  char                *reason;
  JsonObject          *checklist;
} Call;

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_free (call->unit_label);
  g_free (call->reason);
  g_clear_pointer (&call->checklist, json_object_unref);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static JsonObject *
new_checklist (AnjuNegotiationView *self)
{
  JsonObject *checklist = json_object_new ();
  guint n_items;
  const AnjuChecklistItem *items = anju_checklist_get_items (&n_items);

  for (guint i = 0; i < n_items; i++)
    /* unit_locked is the hold, which core checks itself. */
    if (!g_str_equal (items[i].key, "unit_locked"))
      json_object_set_boolean_member (checklist, items[i].key,
                                      gtk_switch_get_active (g_ptr_array_index (self->checks, i)));
  return checklist;
}

static void
set_busy (AnjuNegotiationView *self,
          gboolean             busy)
{
  self->busy = busy;
  update_actions (self);
}

static gpointer
load_approval (AnjuStore     *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return anju_approval_load (store, data, error);
}

static void
on_approval_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuApproval) approval = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  g_autofree char *message = NULL;

  if (approval == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (call->self, error->message);
      return;
    }
  /* Translators: a unit, the approver's title (代理公司副经理), the step
   * and the number of steps */
  message = g_strdup_printf (_("The discount on %s went to the %s for approval (step %d of %d)"),
                             call->unit_label, approval->step_title ? approval->step_title : "?",
                             approval->current_step, approval->steps_total);
  toast (call->self, message);
}

static void
on_request_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  AnjuNegotiationView *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);
  JsonObject *reply;

  set_busy (self, FALSE);
  if (answer == NULL)
    {
      toast (self, error->message);
      return;
    }
  forget_pending_quote (self);
  /* Asked: the same offer again would be a second request. */
  self->asked = TRUE;
  stop_timer (self);
  update_price (self);
  reply = json_object_get_object_member (answer, "result");
  anju_worker_run_async (anju_context_get_worker (self->context),
                         load_approval,
                         g_strdup (json_object_get_string_member_with_default (reply,
                                                                               "approval_id", "")),
                         g_free, (GDestroyNotify)anju_approval_free, NULL,
                         on_approval_loaded_cb, g_steal_pointer (&call));
}

static void
request_approval (AnjuNegotiationView *self,
                  Call                *call,
                  const char          *quote_id,
                  AnjuFen              asked_price)
{
  g_autoptr(JsonObject) payload = json_object_new ();

  json_object_set_string_member (payload, "quote_id", quote_id);
  json_object_set_int_member (payload, "asked_price", asked_price);
  json_object_set_string_member (payload, "reason", call->reason);
  json_object_set_object_member (payload, "checklist", json_object_ref (call->checklist));
  set_busy (self, TRUE);
  anju_context_run_command_async (self->context, "discount.request", payload, NULL,
                                  on_request_done_cb, call);
}

static void
on_quote_created_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  AnjuNegotiationView *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);
  JsonObject *reply;
  const char *quote_id;
  AnjuFen price;
  g_autofree char *price_text = NULL;
  g_autofree char *message = NULL;

  set_busy (self, FALSE);
  if (answer == NULL)
    {
      toast (self, error->message);
      return;
    }
  reply = json_object_get_object_member (answer, "result");
  quote_id = json_object_get_string_member (reply, "quote_id");
  price = json_object_get_int_member (reply, "price");
  price_text = anju_format_money (price);

  if (json_object_get_boolean_member_with_default (reply, "needs_approval", FALSE))
    {
      g_free (self->pending_quote_id);
      self->pending_quote_id = g_strdup (quote_id);
      if (call->ask)
        {
          request_approval (self, g_steal_pointer (&call), quote_id, price);
          update_price (self);
          return;
        }
      /* Below the unit's floor price, say: the quote exists, the
       * approval is the next step. */
      /* Translators: a unit and a price */
      message = g_strdup_printf (_("The quote for %s at %s needs approval. Ask for it."),
                                 call->unit_label, price_text);
    }
  else
    {
      stop_timer (self);
      /* Translators: a unit and a price */
      message = g_strdup_printf (_("Quote created: %s at %s"), call->unit_label, price_text);
    }
  update_price (self);
  toast (self, message);
}

static void
create_quote (AnjuNegotiationView *self,
              gboolean             ask)
{
  const AnjuUnitRow *unit = get_unit (self);
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *note = NULL;
  JsonArray *ids;
  Call *call;

  if (unit == NULL || self->customer_id == NULL || self->busy)
    return;
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  if (ask && *note == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->note_entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
      toast (self, _("Write why the customer should get this price, for the approver."));
      return;
    }

  call = g_new0 (Call, 1);
  call->self = g_object_ref (self);
  call->ask = ask;
  call->unit_label = anju_unit_row_dup_label (unit);
  call->reason = g_strdup (note);
  call->checklist = new_checklist (self);

  if (ask && self->pending_quote_id != NULL)
    {
      /* The quote exists; only the asking is left. */
      AnjuFen price = price_with (self, unit->list_price, get_discretion (self));

      request_approval (self, call, self->pending_quote_id, price);
      return;
    }

  payload = json_object_new ();
  json_object_set_string_member (payload, "unit_id", unit->id);
  json_object_set_string_member (payload, "customer_id", self->customer_id);
  ids = json_array_new ();
  for (guint i = 0; i < self->discounts->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->discount_checks, i)))
      {
        AnjuDiscount *discount = g_ptr_array_index (self->discounts, i);

        json_array_add_string_element (ids, discount->id);
      }
  json_object_set_array_member (payload, "discount_ids", ids);
  json_object_set_int_member (payload, "discretion_permille", get_discretion (self));
  json_object_set_object_member (payload, "checklist", json_object_ref (call->checklist));
  if (*note != '\0')
    json_object_set_string_member (payload, "note", note);
  if (self->started_at != 0)
    {
      g_autofree char *started = anju_clock_format_utc (self->started_at);

      json_object_set_string_member (payload, "negotiation_started_at", started);
    }
  set_busy (self, TRUE);
  anju_context_run_command_async (self->context, "quote.create", payload, NULL,
                                  on_quote_created_cb, call);
}

static void
create_quote_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  create_quote (ANJU_NEGOTIATION_VIEW (widget), FALSE);
}

static void
ask_approval_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  create_quote (ANJU_NEGOTIATION_VIEW (widget), TRUE);
}

static void
start_over_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  start_over (ANJU_NEGOTIATION_VIEW (widget));
}

/* ---- GtkWidget ---------------------------------------------------------- */

static gboolean
anju_negotiation_view_grab_focus (GtkWidget *widget)
{
  AnjuNegotiationView *self = ANJU_NEGOTIATION_VIEW (widget);

  if (self->customer_id == NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->customer_entry));
  return gtk_widget_grab_focus (GTK_WIDGET (self->discretion_spin));
}

/* ---- GObject ------------------------------------------------------------ */

static void
anju_negotiation_view_dispose (GObject *object)
{
  AnjuNegotiationView *self = (AnjuNegotiationView *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_handle_id (&self->search_timeout, g_source_remove);
  g_clear_object (&self->context);


  G_OBJECT_CLASS (anju_negotiation_view_parent_class)->dispose (object);
}

static void
anju_negotiation_view_finalize (GObject *object)
{
  AnjuNegotiationView *self = (AnjuNegotiationView *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->unit_labels);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->discounts, g_ptr_array_unref);
  g_clear_pointer (&self->discount_rows, g_ptr_array_unref);
  g_clear_pointer (&self->discount_checks, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  g_clear_pointer (&self->approval_states, g_hash_table_unref);
  g_clear_pointer (&self->unit_id, g_free);
  g_clear_pointer (&self->wanted_unit_id, g_free);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->pending_quote_id, g_free);

  G_OBJECT_CLASS (anju_negotiation_view_parent_class)->finalize (object);
}

static void
anju_negotiation_view_class_init (AnjuNegotiationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_negotiation_view_dispose;
  object_class->finalize = anju_negotiation_view_finalize;

  widget_class->grab_focus = anju_negotiation_view_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-negotiation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, unit_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, no_unit_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, unit_info_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, list_price_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, list_price_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, hold_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, customer_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, customer_entry);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, customer_results);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, discounts_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, discretion_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, discretion_spin);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, result_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, result_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, range_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, range_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, beyond_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, timer_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, timer_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, note_entry);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, create_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, ask_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, quotes_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuNegotiationView, subscriptions_list);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_price_input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_note_changed_cb);

  gtk_widget_class_install_action (widget_class, "negotiation.create-quote", NULL,
                                   create_quote_action);
  gtk_widget_class_install_action (widget_class, "negotiation.ask-approval", NULL,
                                   ask_approval_action);
  gtk_widget_class_install_action (widget_class, "negotiation.start-over", NULL,
                                   start_over_action);
}

static void
anju_negotiation_view_init (AnjuNegotiationView *self)
{
  const AnjuChecklistItem *items;
  guint n_items;

  gtk_widget_init_template (GTK_WIDGET (self));
  anju_ui_list_box_set_placeholder (self->subscriptions_list,
                                    _("No subscriptions yet. An approved quote above has Subscribe."));

  self->cancellable = g_cancellable_new ();
  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_unit_row_free);
  self->discounts = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_discount_free);
  self->discount_rows = g_ptr_array_new ();
  self->discount_checks = g_ptr_array_new ();
  self->found = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_customer_summary_free);
  self->discretion_min = 1000;
  self->wait_flag_minutes = ANJU_PRICING_DEFAULT_WAIT_FLAG_MINUTES;

  self->unit_labels = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (self->unit_labels));

  items = anju_checklist_get_items (&n_items);
  self->checks = g_ptr_array_new ();
  for (guint i = 0; i < n_items; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_switch_new ();
      gboolean automatic = g_str_equal (items[i].key, "unit_locked");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), items[i].title);
      if (automatic)
        /* The hold is the lock: the board sets it, not this switch. */
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Ticked while you hold the unit"));
      else if (!items[i].required)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Recorded on the quote"));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (check, !automatic);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, items[i].title,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      if (!automatic)
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->checklist_group, row);
      g_ptr_array_add (self->checks, check);
    }

  show_customer (self, NULL, NULL);
  fill_unit (self);
  update_timer (self);
  update_price (self);
}

GtkWidget *
anju_negotiation_view_new (AnjuContext *context)
{
  AnjuNegotiationView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_NEGOTIATION_VIEW, NULL);
  anju_negotiation_view_set_context (self, context);
  return GTK_WIDGET (self);
}

void
anju_negotiation_view_set_context (AnjuNegotiationView *self,
                                   AnjuContext         *context)
{
  g_return_if_fail (ANJU_IS_NEGOTIATION_VIEW (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed",
                           G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user",
                           G_CALLBACK (on_user_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::project-name",
                           G_CALLBACK (on_user_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

void
anju_negotiation_view_set_unit (AnjuNegotiationView *self,
                                const char          *unit_id)
{
  g_return_if_fail (ANJU_IS_NEGOTIATION_VIEW (self));

  g_free (self->wanted_unit_id);
  self->wanted_unit_id = g_strdup (unit_id);
  /* The unit comes with the next load; the board has just held it. */
  reload (self);
}

const char *
anju_negotiation_view_get_unit_id (AnjuNegotiationView *self)
{
  g_return_val_if_fail (ANJU_IS_NEGOTIATION_VIEW (self), NULL);

  return self->unit_id;
}

void
anju_negotiation_view_set_customer (AnjuNegotiationView *self,
                                    const char          *customer_id,
                                    const char          *name)
{
  g_return_if_fail (ANJU_IS_NEGOTIATION_VIEW (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (name != NULL);

  choose_customer (self, customer_id, name, NULL);
}

const char *
anju_negotiation_view_get_customer_id (AnjuNegotiationView *self)
{
  g_return_val_if_fail (ANJU_IS_NEGOTIATION_VIEW (self), NULL);

  return self->customer_id;
}

gboolean
anju_negotiation_view_get_loading (AnjuNegotiationView *self)
{
  g_return_val_if_fail (ANJU_IS_NEGOTIATION_VIEW (self), FALSE);

  return self->loading > 0 || self->busy || self->again || self->search_timeout != 0;
}
