/* anju-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-customers-view.h"
#include "anju-new-customer-window.h"
#include "anju-rejections-dialog.h"
#include "anju-settings-view.h"
#include "anju-sign-in-page.h"
#include "anju-sync-indicator.h"
#include "anju-view-access.h"
#include "anju-views.h"
#include "anju-window.h"
#include "anju-ui-util.h"

struct _AnjuWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AnjuSignInPage       *sign_in_page;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *content_title;
  GtkWidget            *primary_button;
  GtkImage             *primary_icon;
  GtkLabel             *primary_label;
  GtkLabel             *user_name_label;
  GtkLabel             *user_role_label;
  AnjuSyncIndicator    *sync_indicator;
  AdwViewStack         *view_stack;

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

/* ---- the views of anju-views.c ----------------------------------------- */

static const AnjuViewInfo *
get_visible_view_info (AnjuWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  return name != NULL ? anju_views_lookup (name) : NULL;
}

static gboolean
may_see (AnjuWindow         *self,
         const AnjuViewInfo *info)
{
  return anju_view_visible_to (info->name, anju_context_get_user (self->context));
}

static gboolean
may_use_primary_action (AnjuWindow         *self,
                        const AnjuViewInfo *info)
{
  return info->primary_action != NULL && may_see (self, info) &&
         (info->primary_action_command == NULL ||
          anju_context_may (self->context, info->primary_action_command));
}

/* "_New Customer" → "New Customer", "新建客户(_N)" → "新建客户" ("__" stays
 * one underscore). */
static char *
dup_without_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (p[0] == '(' && p[1] == '_' && p[2] != '\0' && p[3] == ')')
        p += 3;
      else if (*p == '_' && p[1] == '_')
        g_string_append_c (text, *p++);
      else if (*p != '_')
        g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* "New Customer (Ctrl+N)" when the action has an accelerator. */
static char *
dup_action_tooltip (AnjuWindow *self,
                    const char *label,
                    const char *detailed_action)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_auto(GStrv) accels = NULL;
  guint key;
  GdkModifierType mods;

  if (application != NULL)
    accels = gtk_application_get_accels_for_action (application, detailed_action);
  if (accels != NULL && accels[0] != NULL && gtk_accelerator_parse (accels[0], &key, &mods))
    {
      g_autofree char *accel_label = gtk_accelerator_get_label (key, mods);

      /* TRANSLATORS: a button's tooltip: its label, then its keyboard shortcut */
      return g_strdup_printf (_("%s (%s)"), label, accel_label);
    }
  return g_strdup (label);
}

static void
update_primary_action (AnjuWindow         *self,
                       const AnjuViewInfo *info)
{
  gboolean usable = info != NULL && may_use_primary_action (self, info);
  g_autofree char *name = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (self->primary_button, usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.primary-action", usable);
  if (!usable)
    return;

  name = dup_without_mnemonic (_(info->primary_action_label));
  tooltip = dup_action_tooltip (self, name, info->primary_action);
  gtk_label_set_text_with_mnemonic (self->primary_label, _(info->primary_action_label));
  gtk_image_set_from_icon_name (self->primary_icon,
                                info->primary_action_icon ? info->primary_action_icon
                                                          : "list-add-symbolic");
  gtk_widget_set_tooltip_text (self->primary_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->primary_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static GtkListBoxRow *
find_sidebar_row (AnjuWindow *self,
                  const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

static void
update_view_chrome (AnjuWindow *self)
{
  const AnjuViewInfo *info = get_visible_view_info (self);
  const AnjuViewInfo *customers = anju_views_lookup ("customers");
  gboolean on_customers = info != NULL && info == customers;
  GtkListBoxRow *row = info != NULL ? find_sidebar_row (self, info->name) : NULL;

  adw_window_title_set_title (self->content_title, info != NULL ? _(info->title) : "");
  update_primary_action (self, info);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-customer",
                                 on_customers && may_use_primary_action (self, customers));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", on_customers);
  if (row != NULL)
    gtk_list_box_select_row (self->sidebar_list, row);
}

/* A row per view: its icon and its title, which is also its accessible name. */
static GtkWidget *
create_sidebar_row (const AnjuViewInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(info->title));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (info->icon_name));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, info->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->title),
                                  -1);
  return row;
}

/* The sidebar's rows, at once: the views themselves are made when first
 * needed (ensure_view()), so that the first frame, the sign-in page's,
 * lays out and measures none of them. */
static void
build_sidebar (AnjuWindow *self)
{
  const AnjuViewInfo *views;
  guint n_views;

  views = anju_views_get (&n_views);
  for (guint i = 0; i < n_views; i++)
    {
      g_assert (anju_views_lookup (views[i].name) == &views[i]);
      gtk_list_box_append (self->sidebar_list, create_sidebar_row (&views[i]));
    }
}

/* The view of @info, made and added to the view stack the first time it
 * is asked for (shown, or looked up by anju_window_get_view()); its page
 * shows only to who may see it. Views start from the context as they
 * find it, signed in or not. */
static GtkWidget *
ensure_view (AnjuWindow         *self,
             const AnjuViewInfo *info)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, info->name);
  AdwViewStackPage *page;

  if (child != NULL)
    return child;
  child = info->create (self->context);
  page = adw_view_stack_add_titled (self->view_stack, child, info->name, _(info->title));
  adw_view_stack_page_set_icon_name (page, info->icon_name);
  adw_view_stack_page_set_visible (page, may_see (self, info));
  return child;
}

/* Shows the rows and pages the signed-in person's role may see; returns
 * the first of them, the view to land on. */
static const AnjuViewInfo *
update_view_visibility (AnjuWindow *self)
{
  const AnjuViewInfo *views;
  const AnjuViewInfo *first = NULL;
  guint n_views;

  views = anju_views_get (&n_views);
  for (guint i = 0; i < n_views; i++)
    {
      const AnjuViewInfo *info = &views[i];
      gboolean visible = may_see (self, info);
      GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, info->name);

      gtk_widget_set_visible (GTK_WIDGET (find_sidebar_row (self, info->name)), visible);
      /* A view not made yet gets its page's visibility when it is. */
      if (child != NULL)
        adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, child),
                                         visible);
      if (visible && first == NULL)
        first = info;
    }
  return first;
}

/* Shows the view @name, made if it is not yet, when this person may see
 * it; @to_content also leaves the sidebar of a folded window. */
static gboolean
select_view (AnjuWindow *self,
             const char *name,
             gboolean    to_content)
{
  const AnjuViewInfo *info = anju_views_lookup (name);

  if (info == NULL || !may_see (self, info))
    return FALSE;
  ensure_view (self, info);
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  if (to_content)
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
  return TRUE;
}

static gboolean
show_view (AnjuWindow *self,
           const char *name)
{
  return select_view (self, name, TRUE);
}

static void
on_user_changed_cb (AnjuWindow  *self,
                    GParamSpec  *pspec,
                    AnjuContext *context)
{
  const AnjuUser *user = anju_context_get_user (context);
  const AnjuViewInfo *first;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", user != NULL);
  if (user == NULL)
    {
      update_view_visibility (self);
      gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
      gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_page));
      return;
    }
  gtk_label_set_label (self->user_name_label, user->display_name);
  gtk_label_set_label (self->user_role_label, anju_role_get_label (user->role));
  first = update_view_visibility (self);
  if (first != NULL)
    show_view (self, first->name);
  update_view_chrome (self);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  if (first != NULL)
    gtk_widget_grab_focus (adw_view_stack_get_child_by_name (self->view_stack, first->name));
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
  gtk_widget_set_visible (GTK_WIDGET (self->primary_label), !folded);
  gtk_widget_set_visible (GTK_WIDGET (self->user_name_label), !folded);
  gtk_widget_set_visible (GTK_WIDGET (self->user_role_label), !folded);
  anju_sync_indicator_set_compact (self->sync_indicator, folded);
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
  if (row != NULL && gtk_widget_get_visible (GTK_WIDGET (row)))
    select_view (self, gtk_widget_get_name (GTK_WIDGET (row)), FALSE);
}

/* The person who made it learns at once, and can read it again later. */
static void
on_command_rejected_cb (AnjuWindow  *self,
                        const char  *command_id,
                        const char  *type,
                        const char  *message,
                        AnjuContext *context)
{
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  /* TRANSLATORS: a toast; the first %s names the change ("New customer"), the
   * second is the server's reason, a sentence */
  title = g_strdup_printf (_("%s was refused by the office server: %s"),
                           anju_rejections_dialog_describe_type (type), message);
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.show-rejections");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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
  GtkWidget *view = anju_window_get_view (self, "customers");

  if (view != NULL && show_view (self, "customers"))
    anju_customers_view_focus_search (ANJU_CUSTOMERS_VIEW (view));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AnjuWindow *self = ANJU_WINDOW (widget);
  GtkWidget *view = adw_view_stack_get_visible_child (self->view_stack);

  if (ANJU_IS_CUSTOMERS_VIEW (view) && anju_customers_view_go_back (ANJU_CUSTOMERS_VIEW (view)))
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
  anju_window_show_view (ANJU_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Ctrl+1 … Ctrl+9: the nth row of the sidebar that shows. */
static void
show_nth_view_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AnjuWindow *self = ANJU_WINDOW (widget);
  guint n = g_variant_get_uint32 (parameter);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (!GTK_IS_LIST_BOX_ROW (row) || !gtk_widget_get_visible (row))
        continue;
      if (n-- == 0)
        {
          show_view (self, gtk_widget_get_name (row));
          return;
        }
    }
}

/* The header's button: the visible view's primary action, activated on the
 * view itself so that its own actions are found as well as the window's. */
static void
primary_action_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AnjuWindow *self = ANJU_WINDOW (widget);
  const AnjuViewInfo *info = get_visible_view_info (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *name = NULL;

  if (info == NULL || !may_use_primary_action (self, info))
    return;
  if (!g_action_parse_detailed_name (info->primary_action, &name, &target, &error))
    {
      g_critical ("View “%s”: %s", info->name, error->message);
      return;
    }
  if (!gtk_widget_activate_action_variant (adw_view_stack_get_visible_child (self->view_stack),
                                           name, target))
    g_debug ("View “%s”: no action “%s” to activate", info->name, name);
}

static void
show_rejections_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AnjuWindow *self = ANJU_WINDOW (widget);

  if (anju_context_get_user (self->context) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (anju_rejections_dialog_new (GTK_WINDOW (self), self->context)));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AnjuWindow *self = ANJU_WINDOW (widget);
  AnjuSyncClient *client = anju_context_get_sync_client (self->context);

  /* Connected: what waits is sent, and the token is revoked on the
   * server (the engine's logout), before the next person signs in. */
  if (client != NULL)
    anju_sync_client_sign_out_async (client, NULL, NULL, NULL);
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
  anju_sync_indicator_set_context (self->sync_indicator, self->context);
  build_sidebar (self);

  g_signal_connect_object (self->context, "notify::user",
                           G_CALLBACK (on_user_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "rejected",
                           G_CALLBACK (on_command_rejected_cb), self,
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
  g_type_ensure (ANJU_TYPE_SIGN_IN_PAGE);
  g_type_ensure (ANJU_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, primary_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, primary_icon);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, primary_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, user_name_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, user_role_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, AnjuWindow, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-nth-view", "u", show_nth_view_action);
  gtk_widget_class_install_action (widget_class, "win.primary-action", NULL,
                                   primary_action_action);
  gtk_widget_class_install_action (widget_class, "win.show-rejections", NULL,
                                   show_rejections_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);

  for (guint i = 0; i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-nth-view", "u", i);
}

static void
anju_window_init (AnjuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  anju_ui_window_set_toast_overlay (GTK_WINDOW (self), self->toast_overlay);
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

  return anju_window_get_view (self, "customers");
}

GtkWidget *
anju_window_get_view (AnjuWindow *self,
                      const char *name)
{
  const AnjuViewInfo *info;

  g_return_val_if_fail (ANJU_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  info = anju_views_lookup (name);
  return info != NULL ? ensure_view (self, info) : NULL;
}

const char *
anju_window_get_visible_view (AnjuWindow *self)
{
  g_return_val_if_fail (ANJU_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return NULL;
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

gboolean
anju_window_show_view (AnjuWindow *self,
                       const char *name)
{
  g_return_val_if_fail (ANJU_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return show_view (self, name);
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

  if (show_view (self, "customers"))
    anju_customers_view_open_customer (ANJU_CUSTOMERS_VIEW (anju_window_get_view (self,
                                                                                  "customers")),
                                       customer_id);
}
