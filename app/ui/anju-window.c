/* anju-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-customers-view.h"
#include "anju-new-customer-window.h"
#include "anju-settings-view.h"
#include "anju-sign-in-page.h"
#include "anju-window.h"

struct _AnjuWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AnjuSignInPage       *sign_in_page;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkListBoxRow        *customers_row;
  GtkListBoxRow        *settings_row;
  AdwWindowTitle       *content_title;
  GtkWidget            *new_customer_button;
  GtkWidget            *new_customer_label;
  GtkLabel             *user_name_label;
  GtkLabel             *user_role_label;
  AdwViewStack         *view_stack;
  AnjuCustomersView    *customers_view;
  AnjuSettingsView     *settings_view;

  /* owned */
  AnjuContext          *context;
};

G_DEFINE_FINAL_TYPE (AnjuWindow, anju_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_view_chrome (AnjuWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);
  AdwViewStackPage *page = child ? adw_view_stack_get_page (self->view_stack, child) : NULL;
  gboolean customers = g_strcmp0 (name, "customers") == 0;

  adw_window_title_set_title (self->content_title,
                              page ? adw_view_stack_page_get_title (page) : "");
  gtk_widget_set_visible (self->new_customer_button,
                          customers && anju_context_has_role (self->context,
                                                              ANJU_ROLE_CONSULTANT |
                                                              ANJU_ROLE_MANAGER |
                                                              ANJU_ROLE_ADMIN));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-customer",
                                 customers && anju_context_has_role (self->context,
                                                                     ANJU_ROLE_CONSULTANT |
                                                                     ANJU_ROLE_MANAGER |
                                                                     ANJU_ROLE_ADMIN));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", customers);
  gtk_list_box_select_row (self->sidebar_list,
                           customers ? self->customers_row : self->settings_row);
}

static void
show_view (AnjuWindow *self,
           const char *name)
{
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
on_user_changed_cb (AnjuWindow  *self,
                    GParamSpec  *pspec,
                    AnjuContext *context)
{
  const AnjuUser *user = anju_context_get_user (context);

  if (user == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
      gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_page));
      return;
    }
  gtk_label_set_label (self->user_name_label, user->display_name);
  gtk_label_set_label (self->user_role_label, anju_role_get_label (user->role));
  adw_view_stack_set_visible_child_name (self->view_stack, "customers");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  update_view_chrome (self);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  anju_customers_view_focus_search (self->customers_view);
}

static void
on_view_changed_cb (AnjuWindow *self)
{
  update_view_chrome (self);
}

static void
on_leaflet_folded_cb (AnjuWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* A narrow window keeps the header's buttons, not their words. */
  gtk_widget_set_visible (self->new_customer_label, !folded);
  gtk_widget_set_visible (GTK_WIDGET (self->user_name_label), !folded);
  gtk_widget_set_visible (GTK_WIDGET (self->user_role_label), !folded);
  update_view_chrome (self);
}

static void
on_sidebar_row_activated_cb (AnjuWindow    *self,
                             GtkListBoxRow *row)
{
  show_view (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* Keyboard focus moving through the sidebar selects rows: the view
 * follows, without leaving the sidebar of a folded window. */
static void
on_sidebar_row_selected_cb (AnjuWindow    *self,
                            GtkListBoxRow *row)
{
  if (row != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack,
                                           gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_customer_created_cb (AnjuWindow            *self,
                        const char            *customer_id,
                        AnjuNewCustomerWindow *dialog)
{
  anju_window_open_customer (self, customer_id);
}

/* ---- actions ----------------------------------------------------------- */

static void
new_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AnjuWindow *self = ANJU_WINDOW (widget);
  AnjuNewCustomerWindow *dialog = anju_new_customer_window_new (GTK_WINDOW (self), self->context);

  g_signal_connect_object (dialog, "open-customer",
                           G_CALLBACK (on_customer_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AnjuWindow *self = ANJU_WINDOW (widget);

  show_view (self, "customers");
  anju_customers_view_focus_search (self->customers_view);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AnjuWindow *self = ANJU_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "customers") == 0 &&
      anju_customers_view_go_back (self->customers_view))
    return;
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AnjuWindow *self = ANJU_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_view (ANJU_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AnjuWindow *self = ANJU_WINDOW (widget);

  anju_context_set_user (self->context, NULL);
  anju_widget_show_toast (widget, _("Signed out"));
}

/* ---- GtkWindow --------------------------------------------------------- */

static gboolean
anju_window_close_request (GtkWindow *window)
{
  AnjuWindow *self = ANJU_WINDOW (window);
  GSettings *settings = anju_context_get_settings (self->context);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (anju_window_parent_class)->close_request (window);
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_window_constructed (GObject *object)
{
  AnjuWindow *self = (AnjuWindow *)object;
  GSettings *settings = anju_context_get_settings (self->context);

  G_OBJECT_CLASS (anju_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  anju_sign_in_page_set_context (self->sign_in_page, self->context);
  anju_customers_view_set_context (self->customers_view, self->context);
  anju_settings_view_set_context (self->settings_view, self->context);

  g_signal_connect_object (self->context, "notify::user",
                           G_CALLBACK (on_user_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_user_changed_cb (self, NULL, self->context);
  update_view_chrome (self);
}

static void
anju_window_dispose (GObject *object)
{
  AnjuWindow *self = (AnjuWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ANJU_TYPE_WINDOW);

  G_OBJECT_CLASS (anju_window_parent_class)->dispose (object);
}

static void
anju_window_finalize (GObject *object)
{
  AnjuWindow *self = (AnjuWindow *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_window_parent_class)->finalize (object);
}

static void
anju_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AnjuWindow *self = ANJU_WINDOW (object);

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
anju_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AnjuWindow *self = ANJU_WINDOW (object);

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
anju_window_class_init (AnjuWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = anju_window_constructed;
  object_class->dispose = anju_window_dispose;
  object_class->finalize = anju_window_finalize;
  object_class->get_property = anju_window_get_property;
  object_class->set_property = anju_window_set_property;

  window_class->close_request = anju_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ANJU_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANJU_TYPE_CONTEXT);
  g_type_ensure (ANJU_TYPE_CUSTOMERS_VIEW);
  g_type_ensure (ANJU_TYPE_SETTINGS_VIEW);
  g_type_ensure (ANJU_TYPE_SIGN_IN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, customers_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, settings_row);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, new_customer_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, new_customer_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, user_name_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, user_role_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, customers_view);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, settings_view);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
}

static void
anju_window_init (AnjuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AnjuWindow *
anju_window_new (AnjuApplication *application,
                 AnjuContext     *context)
{
  g_return_val_if_fail (ANJU_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  return g_object_new (ANJU_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

AnjuContext *
anju_window_get_context (AnjuWindow *self)
{
  g_return_val_if_fail (ANJU_IS_WINDOW (self), NULL);

  return self->context;
}

GtkWidget *
anju_window_get_sign_in_page (AnjuWindow *self)
{
  g_return_val_if_fail (ANJU_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->sign_in_page);
}

GtkWidget *
anju_window_get_customers_view (AnjuWindow *self)
{
  g_return_val_if_fail (ANJU_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->customers_view);
}

void
anju_window_show_preferences (AnjuWindow *self)
{
  AdwPreferencesWindow *preferences;
  AnjuSettingsView *page;

  g_return_if_fail (ANJU_IS_WINDOW (self));

  if (anju_context_get_user (self->context) != NULL)
    {
      show_view (self, "settings");
      return;
    }
  /* Before signing in: the database may be the reason one cannot. */
  page = anju_settings_view_new (self->context);
  preferences = g_object_new (ADW_TYPE_PREFERENCES_WINDOW,
                              "transient-for", self,
                              "modal", TRUE,
                              "search-enabled", FALSE,
                              "default-width", 560,
                              "default-height", 560,
                              NULL);
  adw_preferences_window_add (preferences, ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (preferences));
}

void
anju_window_open_customer (AnjuWindow *self,
                           const char *customer_id)
{
  g_return_if_fail (ANJU_IS_WINDOW (self));
  g_return_if_fail (customer_id != NULL);

  show_view (self, "customers");
  anju_customers_view_open_customer (self->customers_view, customer_id);
}

void
anju_widget_show_toast (GtkWidget  *widget,
                        const char *title)
{
  GtkRoot *root;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  root = gtk_widget_get_root (widget);
  /* A dialog's toasts go to the window it belongs to. */
  while (root != NULL && !ANJU_IS_WINDOW (root) && GTK_IS_WINDOW (root) &&
         gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL)
    root = GTK_ROOT (gtk_window_get_transient_for (GTK_WINDOW (root)));
  if (!ANJU_IS_WINDOW (root))
    return;

  {
    /* Toast titles are markup; the core's sentences are plain text. */
    g_autofree char *escaped = g_markup_escape_text (title, -1);
    toast = adw_toast_new (escaped);
  }
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (ANJU_WINDOW (root)->toast_overlay, toast);
}
