/* anju-approvals-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-approvals"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-approvals-view.h"
#include "anju-signing.h"
#include "anju-checklist.h"
#include "anju-format.h"
#include "anju-pricing.h"
#include "anju-ui-util.h"

struct _AnjuApprovalsView
{
  AdwBin               parent_instance;

  /* template widgets */
  AdwLeaflet          *leaflet;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkListBox          *requests_list;
  GtkSpinner          *spinner;
  GtkStack            *detail_stack;
  GtkScrolledWindow   *scroller;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  AdwActionRow        *range_row;
  GtkLabel            *range_label;
  AdwActionRow        *asked_row;
  GtkLabel            *asked_label;
  AdwActionRow        *discounts_row;
  GtkWidget           *floor_row;
  GtkLabel            *reason_label;
  GtkFlowBox          *checklist_box;
  GtkWidget           *note_group;
  AdwActionRow        *note_row;
  GtkListBox          *chain_list;
  GtkEntry            *comment_entry;

  /* owned */
  AnjuContext         *context;
  GCancellable        *cancellable;
  GPtrArray           *requests;        /* AnjuApproval*, in the list's order */
  GPtrArray           *checklist_icons; /* GtkImage*, borrowed, anju_checklist_get_items() order */
  char                *selected_id;
  gboolean             loading;
  gboolean             again;
  gboolean             loaded;
  gboolean             busy;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (AnjuApprovalsView, anju_approvals_view, ADW_TYPE_BIN)

static void reload (AnjuApprovalsView *self);

/* ---- helpers ------------------------------------------------------------ */

static void
toast (AnjuApprovalsView *self,
       const char        *text)
{
  anju_widget_show_toast (GTK_WIDGET (self), text);
}

static const AnjuApproval *
get_selected (AnjuApprovalsView *self)
{
  for (guint i = 0; self->selected_id != NULL && i < self->requests->len; i++)
    {
      const AnjuApproval *a = g_ptr_array_index (self->requests, i);

      if (g_str_equal (a->id, self->selected_id))
        return a;
    }
  return NULL;
}

static void
update_actions (AnjuApprovalsView *self)
{
  const AnjuApproval *selected = get_selected (self);
  const AnjuUser *user = self->context ? anju_context_get_user (self->context) : NULL;
  /* Core's rule, the one approval.decide applies. */
  gboolean ready = selected != NULL && !self->busy && user != NULL &&
                   anju_approval_may_decide (user, selected);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approvals.approve", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approvals.reject", ready);
}

/* ---- the request -------------------------------------------------------- */

static char *
dup_step_subtitle (const AnjuApproval     *approval,
                   const AnjuApprovalStep *step)
{
  if (step->decision != NULL)
    {
      g_autofree char *when = anju_format_datetime_iso (step->decided_at);
      g_autofree char *line = NULL;

      if (g_str_equal (step->decision, "approve"))
        /* Translators: who approved a step of the chain, and when */
        line = g_strdup_printf (_("Approved by %s at %s"),
                                step->decider_name ? step->decider_name : "?", when);
      else
        /* Translators: who rejected a step of the chain, and when */
        line = g_strdup_printf (_("Rejected by %s at %s"),
                                step->decider_name ? step->decider_name : "?", when);
      if (step->comment != NULL && *step->comment != '\0')
        /* Translators: a decision on a step, then the decider's comment */
        return g_strdup_printf (_("%s — “%s”"), line, step->comment);
      return g_steal_pointer (&line);
    }
  if (step->step == approval->current_step)
    return g_strdup (_("Waiting for your decision"));
  if (step->step < approval->current_step)
    return g_strdup (_("Skipped"));
  return g_strdup (_("Next, if this step does not finish the request"));
}

static void
fill_chain (AnjuApprovalsView  *self,
            const AnjuApproval *approval)
{
  anju_ui_list_box_clear (self->chain_list);
  for (guint i = 0; approval->steps != NULL && i < approval->steps->len; i++)
    {
      const AnjuApprovalStep *step = g_ptr_array_index (approval->steps, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;
      g_autofree char *title = g_strdup_printf ("%d. %s", step->step,
                                                step->title ? step->title : "");
      g_autofree char *subtitle = dup_step_subtitle (approval, step);
      const char *icon_name;

      if (step->decision != NULL)
        icon_name = g_str_equal (step->decision, "approve") ? "emblem-ok-symbolic"
                                                            : "window-close-symbolic";
      else if (step->step == approval->current_step)
        icon_name = "alarm-symbolic";
      else
        icon_name = "content-loading-symbolic";
      icon = gtk_image_new_from_icon_name (icon_name);
      if (step->decision != NULL && g_str_equal (step->decision, "approve"))
        gtk_widget_add_css_class (icon, "status-done");
      else if (step->step == approval->current_step)
        gtk_widget_add_css_class (icon, "status-due");
      else
        gtk_widget_add_css_class (icon, "dim-label");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->chain_list, row);
    }
}

static void
fill_checklist (AnjuApprovalsView  *self,
                const AnjuApproval *approval)
{
  guint n_items;
  const AnjuChecklistItem *items = anju_checklist_get_items (&n_items);

  for (guint i = 0; i < n_items && i < self->checklist_icons->len; i++)
    {
      GtkImage *icon = g_ptr_array_index (self->checklist_icons, i);
      gboolean ticked = approval->checklist != NULL &&
                        json_object_get_boolean_member_with_default (approval->checklist,
                                                                     items[i].key, FALSE);

      gtk_image_set_from_icon_name (icon, ticked ? "emblem-ok-symbolic" : "window-close-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (icon), ticked ? "dim-label" : "status-done");
      gtk_widget_add_css_class (GTK_WIDGET (icon), ticked ? "status-done" : "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ticked ? _("Yes") : _("No"),
                                      -1);
    }
}

/* A change before signing (更名, 特殊折扣, 换房) or a discount. */
static const char *
approval_kind_label (const AnjuApproval *a)
{
  const char *change = anju_change_request_kind_get_label (a->kind);

  return change != NULL ? change : _("Discount");
}

static void
fill_detail (AnjuApprovalsView *self)
{
  const AnjuApproval *a = get_selected (self);
  g_autofree char *title = NULL, *subtitle = NULL, *when = NULL, *list_price = NULL;
  g_autofree char *range = NULL, *asked = NULL, *asked_rate = NULL, *discretion = NULL;
  g_autoptr(GString) discounts = g_string_new (NULL);

  if (a == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      update_actions (self);
      return;
    }

  title = g_strdup_printf ("%s · %s", a->unit_label ? a->unit_label : "?",
                           a->customer_name ? a->customer_name : "?");
  gtk_label_set_label (self->title_label, title);
  when = anju_format_datetime_iso (a->requested_at);
  /* Translators: the consultant who asked, when, and the chain's progress */
  subtitle = g_strdup_printf (_("Asked by %s at %s · step %d of %d: %s"),
                              a->requester_name ? a->requester_name : "?", when,
                              a->current_step, a->steps_total, a->step_title ? a->step_title : "");
  {
    /* what it asks first: a discount, or a change before signing */
    g_autofree char *line = g_strdup_printf ("%s · %s", approval_kind_label (a), subtitle);

    gtk_label_set_label (self->subtitle_label, line);
  }

  list_price = anju_format_money (a->list_price);
  range = anju_format_money (a->range_floor);
  gtk_label_set_label (self->range_label, range);
  asked = anju_format_money (a->asked_price);
  gtk_label_set_label (self->asked_label, asked);
  asked_rate = anju_pricing_format_rate (a->asked_permille);
  {
    /* Translators: the asked price's share of the list price ("98% of the
     * price" / "98折"), then the list price */
    g_autofree char *text = g_strdup_printf (_("%s (list price %s)"), asked_rate, list_price);

    adw_action_row_set_subtitle (self->asked_row, text);
  }

  for (guint i = 0; a->discounts != NULL && i < a->discounts->len; i++)
    {
      const AnjuDiscount *d = g_ptr_array_index (a->discounts, i);
      g_autofree char *rate = anju_pricing_format_rate (d->rate_permille);

      g_string_append_printf (discounts, "%s%s %s", discounts->len ? " × " : "",
                              anju_discount_get_name (d), rate);
    }
  discretion = anju_pricing_format_rate (a->discretion_permille);
  /* Translators: %s is the consultant's discretion, "95% of the price" */
  g_string_append_printf (discounts, "%s", discounts->len ? " × " : "");
  g_string_append_printf (discounts, _("discretion %s"), discretion);
  adw_action_row_set_subtitle (self->discounts_row, discounts->str);
  gtk_widget_set_visible (self->floor_row, a->below_floor_price);

  fill_checklist (self, a);
  {
    /* Translators: the consultant's reason for the discount, in quotes */
    g_autofree char *reason = g_strdup_printf (_("“%s”"), a->reason ? a->reason : "");

    gtk_label_set_label (self->reason_label, reason);
  }
  /* The note on the quote, when it says more than the reason. */
  gtk_widget_set_visible (self->note_group, a->note != NULL && *a->note != '\0' &&
                                            g_strcmp0 (a->note, a->reason) != 0);
  adw_action_row_set_subtitle (self->note_row, a->note ? a->note : "");
  fill_chain (self, a);

  gtk_stack_set_visible_child_name (self->detail_stack, "request");
  update_actions (self);
}

/* ---- the list ----------------------------------------------------------- */

static GtkWidget *
create_request_row (const AnjuApproval *a)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  g_autofree char *title_text = g_strdup_printf ("%s · %s", a->unit_label ? a->unit_label : "?",
                                                 a->customer_name ? a->customer_name : "?");
  g_autofree char *asked = anju_format_money (a->asked_price);
  g_autofree char *rate = anju_pricing_format_rate (a->asked_permille);
  /* Translators: the asked price, its share of the list price, the consultant */
  g_autofree char *detail_text = g_strdup_printf (_("%s · %s · %s"), asked, rate,
                                                  a->requester_name ? a->requester_name : "?");

  gtk_label_set_label (GTK_LABEL (title), title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_label (GTK_LABEL (detail), detail_text);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  {
    GtkWidget *kind = gtk_label_new (approval_kind_label (a));

    gtk_label_set_xalign (GTK_LABEL (kind), 0);
    gtk_widget_add_css_class (kind, "caption-heading");
    gtk_widget_add_css_class (kind, anju_change_request_kind_get_label (a->kind) ? "accent" : "dim-label");
    gtk_widget_set_name (kind, "kind");
    gtk_box_append (GTK_BOX (box), kind);
  }
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  if (a->wait_flagged)
    {
      GtkWidget *flag = gtk_label_new (_("Waiting too long"));

      gtk_label_set_xalign (GTK_LABEL (flag), 0);
      gtk_widget_add_css_class (flag, "caption");
      gtk_widget_add_css_class (flag, "status-overdue");
      gtk_box_append (GTK_BOX (box), flag);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, a->id);
  {
    g_autofree char *label = g_strdup_printf ("%s, %s", approval_kind_label (a), title_text);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  return row;
}

static void
select_row (AnjuApprovalsView *self)
{
  GtkListBoxRow *row = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->requests_list));
       child != NULL && self->selected_id != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_strcmp0 (gtk_widget_get_name (child), self->selected_id) == 0)
      row = GTK_LIST_BOX_ROW (child);
  self->filling = TRUE;
  gtk_list_box_select_row (self->requests_list, row);
  self->filling = FALSE;
}

static void
fill_list (AnjuApprovalsView *self,
           GPtrArray         *requests)
{
  g_autofree char *count = NULL;
  gboolean still_there = FALSE;

  self->filling = TRUE;
  anju_ui_list_box_clear (self->requests_list);
  self->filling = FALSE;
  g_ptr_array_set_size (self->requests, 0);
  for (guint i = 0; i < requests->len; i++)
    {
      AnjuApproval *a = g_ptr_array_index (requests, i);

      still_there |= g_strcmp0 (a->id, self->selected_id) == 0;
      gtk_list_box_append (self->requests_list, create_request_row (a));
      g_ptr_array_add (self->requests, g_steal_pointer (&g_ptr_array_index (requests, i)));
    }

  count = g_strdup_printf (ngettext ("%u request waiting", "%u requests waiting",
                                     self->requests->len),
                           self->requests->len);
  gtk_label_set_label (self->count_label, count);
  gtk_stack_set_visible_child_name (self->list_stack, self->requests->len > 0 ? "list" : "empty");

  /* The request showing stays; when it is gone (decided), the next one. */
  if (!still_there)
    {
      g_clear_pointer (&self->selected_id, g_free);
      gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
      if (self->requests->len > 0 && !adw_leaflet_get_folded (self->leaflet))
        self->selected_id = g_strdup (((AnjuApproval *)g_ptr_array_index (self->requests, 0))->id);
      else if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_set_visible_child_name (self->leaflet, "list");
    }
  select_row (self);
  fill_detail (self);
}

typedef struct
{
  AnjuUser *user;
} ListJob;

static void
list_job_free (ListJob *job)
{
  g_clear_pointer (&job->user, anju_user_free);
  g_free (job);
}

static gpointer
list_waiting (AnjuStore     *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ListJob *job = data;

  return anju_approvals_list_waiting (store, job->user, error);
}

static void
on_list_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AnjuApprovalsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (requests == NULL)
    toast (self, error->message);
  else
    {
      self->loaded = TRUE;
      fill_list (self, requests);
    }
  if (self->again)
    {
      self->again = FALSE;
      reload (self);
    }
}

static void
reload (AnjuApprovalsView *self)
{
  const AnjuUser *user;
  ListJob *job;

  if (self->context == NULL || (user = anju_context_get_user (self->context)) == NULL ||
      !anju_context_may (self->context, "approval.decide"))
    return;
  if (self->loading)
    {
      self->again = TRUE;
      return;
    }
  self->loading = TRUE;
  if (!self->loaded)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
    }
  job = g_new0 (ListJob, 1);
  job->user = anju_user_copy (user);
  anju_worker_run_async (anju_context_get_worker (self->context),
                         list_waiting, job, (GDestroyNotify)list_job_free,
                         (GDestroyNotify)g_ptr_array_unref,
                         self->cancellable,
                         on_list_loaded_cb, g_object_ref (self));
}

/* ---- signals ------------------------------------------------------------ */

static void
on_request_selected_cb (AnjuApprovalsView *self,
                        GtkListBoxRow     *row)
{
  if (self->filling || row == NULL)
    return;
  if (g_strcmp0 (self->selected_id, gtk_widget_get_name (GTK_WIDGET (row))) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (gtk_widget_get_name (GTK_WIDGET (row)));
      gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
      fill_detail (self);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
}

static void
on_request_activated_cb (AnjuApprovalsView *self,
                         GtkListBoxRow     *row)
{
  on_request_selected_cb (self, row);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
on_leaflet_folded_cb (AnjuApprovalsView *self)
{
  if (!adw_leaflet_get_folded (self->leaflet) && self->selected_id == NULL &&
      self->requests->len > 0)
    {
      self->selected_id = g_strdup (((AnjuApproval *)g_ptr_array_index (self->requests, 0))->id);
      select_row (self);
      fill_detail (self);
    }
}

static void
on_comment_changed_cb (AnjuApprovalsView *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->comment_entry), "error");
}

static void
on_context_changed_cb (AnjuApprovalsView  *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "approvals", NULL };

  if (anju_topics_match (topics, watched))
    reload (self);
}

static void
on_user_changed_cb (AnjuApprovalsView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = FALSE;
  self->again = FALSE;
  self->loaded = FALSE;
  self->busy = FALSE;
  g_clear_pointer (&self->selected_id, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    fill_list (self, none);
  }
  reload (self);
}

/* ---- deciding ----------------------------------------------------------- */

typedef struct
{
  AnjuApprovalsView *self;
  char              *label;         /* "1幢-1502 · 周子涵" */
  char              *asked;         /* the asked price, formatted */
  char              *next_title;    /* the title of the step after this one, or NULL */
} Call;

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_free (call->label);
  g_free (call->asked);
  g_free (call->next_title);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static void
on_decided_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  AnjuApprovalsView *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);
  g_autofree char *message = NULL;
  JsonObject *reply;
  const char *status;

  self->busy = FALSE;
  update_actions (self);
  if (answer == NULL)
    {
      toast (self, error->message);
      return;
    }
  reply = json_object_get_object_member (answer, "result");
  status = json_object_get_string_member_with_default (reply, "status", "");
  if (g_str_equal (status, "approved"))
    /* Translators: the request ("1幢-1502 · 周子涵") and the approved price */
    message = g_strdup_printf (_("Approved: %s at %s. The consultant sees it now."),
                               call->label, call->asked);
  else if (g_str_equal (status, "rejected"))
    /* Translators: %s is the request ("1幢-1502 · 周子涵") */
    message = g_strdup_printf (_("Rejected: %s. The consultant sees your comment."), call->label);
  else
    /* Translators: the request, then the title of the next approver */
    message = g_strdup_printf (_("Your step is approved: %s goes on to the %s."), call->label,
                               call->next_title ? call->next_title : "?");
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  toast (self, message);
}

static void
decide (AnjuApprovalsView *self,
        gboolean           approve)
{
  const AnjuApproval *a = get_selected (self);
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *comment = NULL;
  Call *call;

  if (a == NULL || self->busy)
    return;
  comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_entry))));
  if (!approve && *comment == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->comment_entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->comment_entry));
      toast (self, _("Write why you reject the request: the consultant reads it."));
      return;
    }

  payload = json_object_new ();
  json_object_set_string_member (payload, "approval_id", a->id);
  json_object_set_string_member (payload, "decision", approve ? "approve" : "reject");
  if (*comment != '\0')
    json_object_set_string_member (payload, "comment", comment);

  call = g_new0 (Call, 1);
  call->self = g_object_ref (self);
  call->label = g_strdup_printf ("%s · %s", a->unit_label ? a->unit_label : "?",
                                 a->customer_name ? a->customer_name : "?");
  call->asked = anju_format_money (a->asked_price);
  if (a->steps != NULL && a->current_step >= 1 && (guint)a->current_step < a->steps->len)
    call->next_title = g_strdup (((AnjuApprovalStep *)g_ptr_array_index (a->steps,
                                                                         a->current_step))->title);
  self->busy = TRUE;
  update_actions (self);
  anju_context_run_command_async (self->context, "approval.decide", payload, NULL,
                                  on_decided_cb, call);
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  decide (ANJU_APPROVALS_VIEW (widget), TRUE);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  decide (ANJU_APPROVALS_VIEW (widget), FALSE);
}

/* ---- GtkWidget ---------------------------------------------------------- */

static gboolean
anju_approvals_view_grab_focus (GtkWidget *widget)
{
  AnjuApprovalsView *self = ANJU_APPROVALS_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->requests_list));
}

/* ---- GObject ------------------------------------------------------------ */

static void
anju_approvals_view_dispose (GObject *object)
{
  AnjuApprovalsView *self = (AnjuApprovalsView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->context);


  G_OBJECT_CLASS (anju_approvals_view_parent_class)->dispose (object);
}

static void
anju_approvals_view_finalize (GObject *object)
{
  AnjuApprovalsView *self = (AnjuApprovalsView *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->checklist_icons, g_ptr_array_unref);
  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (anju_approvals_view_parent_class)->finalize (object);
}

static void
anju_approvals_view_class_init (AnjuApprovalsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_approvals_view_dispose;
  object_class->finalize = anju_approvals_view_finalize;

  widget_class->grab_focus = anju_approvals_view_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-approvals-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, requests_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, range_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, range_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, asked_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, asked_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, discounts_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, floor_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, reason_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, checklist_box);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, note_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, note_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, chain_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuApprovalsView, comment_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_request_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_request_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_comment_changed_cb);

  gtk_widget_class_install_action (widget_class, "approvals.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "approvals.reject", NULL, reject_action);
}

static void
anju_approvals_view_init (AnjuApprovalsView *self)
{
  const AnjuChecklistItem *items;
  guint n_items;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_approval_free);
  self->checklist_icons = g_ptr_array_new ();

  /* Seven short lines in two columns: the manager reads them at a glance. */
  items = anju_checklist_get_items (&n_items);
  for (guint i = 0; i < n_items; i++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name ("window-close-symbolic");
      GtkWidget *label = gtk_label_new (items[i].title);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (item), icon);
      gtk_box_append (GTK_BOX (item), label);
      gtk_flow_box_append (self->checklist_box, item);
      g_ptr_array_add (self->checklist_icons, icon);
    }
  update_actions (self);
}

GtkWidget *
anju_approvals_view_new (AnjuContext *context)
{
  AnjuApprovalsView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_APPROVALS_VIEW, NULL);
  anju_approvals_view_set_context (self, context);
  return GTK_WIDGET (self);
}

void
anju_approvals_view_set_context (AnjuApprovalsView *self,
                                 AnjuContext       *context)
{
  g_return_if_fail (ANJU_IS_APPROVALS_VIEW (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed",
                           G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user",
                           G_CALLBACK (on_user_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

guint
anju_approvals_view_get_n_waiting (AnjuApprovalsView *self)
{
  g_return_val_if_fail (ANJU_IS_APPROVALS_VIEW (self), 0);

  return self->requests->len;
}

gboolean
anju_approvals_view_select (AnjuApprovalsView *self,
                            const char        *approval_id)
{
  g_return_val_if_fail (ANJU_IS_APPROVALS_VIEW (self), FALSE);
  g_return_val_if_fail (approval_id != NULL, FALSE);

  for (guint i = 0; i < self->requests->len; i++)
    if (g_str_equal (((AnjuApproval *)g_ptr_array_index (self->requests, i))->id, approval_id))
      {
        g_free (self->selected_id);
        self->selected_id = g_strdup (approval_id);
        gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
        select_row (self);
        fill_detail (self);
        adw_leaflet_set_visible_child_name (self->leaflet, "detail");
        return TRUE;
      }
  return FALSE;
}

const char *
anju_approvals_view_get_selected_id (AnjuApprovalsView *self)
{
  g_return_val_if_fail (ANJU_IS_APPROVALS_VIEW (self), NULL);

  return get_selected (self) ? self->selected_id : NULL;
}

gboolean
anju_approvals_view_get_loading (AnjuApprovalsView *self)
{
  g_return_val_if_fail (ANJU_IS_APPROVALS_VIEW (self), FALSE);

  return self->loading || self->again || self->busy;
}
