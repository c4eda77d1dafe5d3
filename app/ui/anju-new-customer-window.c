/* anju-new-customer-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-new-customer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-new-customer-window.h"
#include "anju-ui-jobs.h"
#include "anju-ui-util.h"

struct _AnjuNewCustomerWindow
{
  AdwWindow      parent_instance;

  /* template widgets */
  AdwEntryRow   *name_row;
  AdwEntryRow   *title_row;
  AdwEntryRow   *mobile_row;
  AdwEntryRow   *id_number_row;
  GtkWidget     *problem_group;
  GtkLabel      *problem_label;
  GtkWidget     *open_existing_button;

  /* owned */
  AnjuContext   *context;
  GCancellable  *cancellable;
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (AnjuNewCustomerWindow, anju_new_customer_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  OPEN_CUSTOMER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_actions (AnjuNewCustomerWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-customer.create",
                                 !self->busy && !anju_text_is_blank (row_text (self->name_row)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-customer.open-existing", !self->busy);
}

static void
show_problem (AnjuNewCustomerWindow *self,
              const char            *message,
              gboolean               offer_existing)
{
  gtk_label_set_label (self->problem_label, message ? message : "");
  gtk_widget_set_visible (self->problem_group, message != NULL);
  gtk_widget_set_visible (self->open_existing_button, offer_existing);
}

static void
on_entry_changed_cb (AnjuNewCustomerWindow *self,
                     GtkEditable           *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  if (GTK_WIDGET (editable) == GTK_WIDGET (self->mobile_row))
    gtk_widget_set_visible (self->open_existing_button, FALSE);
  update_actions (self);
}

static void
on_entry_activated_cb (AnjuNewCustomerWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "new-customer.create", NULL);
}

static void
open_customer (AnjuNewCustomerWindow *self,
               const char            *customer_id)
{
  g_signal_emit (self, signals[OPEN_CUSTOMER], 0, customer_id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_created_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AnjuNewCustomerWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = anju_context_run_command_finish (ANJU_CONTEXT (object),
                                                                  result, &error);
  const char *field;
  AdwEntryRow *row = NULL;
  JsonObject *created;
  GtkWindow *parent;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  update_actions (self);

  if (answer == NULL)
    {
      field = error->domain == ANJU_COMMAND_ERROR ? anju_command_error_get_field (error) : NULL;
      if (g_strcmp0 (field, "name") == 0)
        row = self->name_row;
      else if (g_strcmp0 (field, "title") == 0)
        row = self->title_row;
      else if (g_strcmp0 (field, "mobile") == 0)
        row = self->mobile_row;
      else if (g_strcmp0 (field, "id_number") == 0)
        row = self->id_number_row;
      if (row != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          gtk_widget_grab_focus (GTK_WIDGET (row));
        }
      show_problem (self, error->message,
                    g_error_matches (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_DUPLICATE) &&
                    g_strcmp0 (field, "mobile") == 0);
      return;
    }

  created = json_object_get_object_member (answer, "result");
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    {
      /* Translators: %s is the new customer's name */
      g_autofree char *message = g_strdup_printf (_("%s is now a customer"),
                                                  row_text (self->name_row));
      anju_widget_show_toast (GTK_WIDGET (parent), message);
    }
  open_customer (self, json_object_get_string_member (created, "customer_id"));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AnjuNewCustomerWindow *self = ANJU_NEW_CUSTOMER_WINDOW (widget);
  g_autoptr(JsonObject) payload = json_object_new ();
  AdwEntryRow *optional[] = { self->title_row, self->mobile_row, self->id_number_row };
  const char *members[] = { "title", "mobile", "id_number" };
  g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));

  if (self->busy || name[0] == '\0')
    return;

  json_object_set_string_member (payload, "name", name);
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (row_text (optional[i])));

      if (text[0] != '\0')
        json_object_set_string_member (payload, members[i], text);
    }

  self->busy = TRUE;
  show_problem (self, NULL, FALSE);
  update_actions (self);
  anju_context_run_command_async (self->context, "customer.create", payload, self->cancellable,
                                  on_created_cb, g_object_ref (self));
}

static void
on_found_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AnjuNewCustomerWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  update_actions (self);
  if (customer_id == NULL)
    {
      show_problem (self, error ? error->message
                                : _("Nobody has this mobile number any more. Create the customer."),
                    FALSE);
      return;
    }
  open_customer (self, customer_id);
}

static void
open_existing_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AnjuNewCustomerWindow *self = ANJU_NEW_CUSTOMER_WINDOW (widget);

  if (self->busy)
    return;
  self->busy = TRUE;
  update_actions (self);
  anju_worker_run_async (anju_context_get_worker (self->context),
                         anju_ui_job_find_by_mobile, g_strdup (row_text (self->mobile_row)), g_free,
                         g_free, self->cancellable,
                         on_found_cb, g_object_ref (self));
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_new_customer_window_dispose (GObject *object)
{
  AnjuNewCustomerWindow *self = (AnjuNewCustomerWindow *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (anju_new_customer_window_parent_class)->dispose (object);
}

static void
anju_new_customer_window_finalize (GObject *object)
{
  AnjuNewCustomerWindow *self = (AnjuNewCustomerWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_new_customer_window_parent_class)->finalize (object);
}

static void
anju_new_customer_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AnjuNewCustomerWindow *self = ANJU_NEW_CUSTOMER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_new_customer_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  AnjuNewCustomerWindow *self = ANJU_NEW_CUSTOMER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_new_customer_window_class_init (AnjuNewCustomerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_new_customer_window_dispose;
  object_class->finalize = anju_new_customer_window_finalize;
  object_class->get_property = anju_new_customer_window_get_property;
  object_class->set_property = anju_new_customer_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ANJU_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnjuNewCustomerWindow::open-customer:
   * @customer_id: the customer to show
   */
  signals[OPEN_CUSTOMER] =
    g_signal_new ("open-customer",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/"
                                               "anju-new-customer-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuNewCustomerWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNewCustomerWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNewCustomerWindow, mobile_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNewCustomerWindow, id_number_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuNewCustomerWindow, problem_group);
  gtk_widget_class_bind_template_child (widget_class, AnjuNewCustomerWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuNewCustomerWindow, open_existing_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "new-customer.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "new-customer.open-existing", NULL,
                                   open_existing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
anju_new_customer_window_init (AnjuNewCustomerWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  update_actions (self);
}

AnjuNewCustomerWindow *
anju_new_customer_window_new (GtkWindow   *parent,
                              AnjuContext *context)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  return g_object_new (ANJU_TYPE_NEW_CUSTOMER_WINDOW,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}
