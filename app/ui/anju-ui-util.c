/* anju-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-format.h"
#include "anju-ident.h"
#include "anju-ui-util.h"

#define TOAST_OVERLAY_KEY "anju-toast-overlay"

void
anju_ui_window_set_toast_overlay (GtkWindow       *window,
                                  AdwToastOverlay *overlay)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));

  /* The overlay is a child of the window: it lives as long. */
  g_object_set_data (G_OBJECT (window), TOAST_OVERLAY_KEY, overlay);
}

void
anju_widget_show_toast (GtkWidget  *widget,
                        const char *title)
{
  GtkRoot *root;
  AdwToastOverlay *overlay = NULL;
  AdwToast *toast;
  g_autofree char *escaped = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  /* A dialog's toasts go to the window it belongs to. */
  root = gtk_widget_get_root (widget);
  while (GTK_IS_WINDOW (root) &&
         (overlay = g_object_get_data (G_OBJECT (root), TOAST_OVERLAY_KEY)) == NULL &&
         gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL)
    root = GTK_ROOT (gtk_window_get_transient_for (GTK_WINDOW (root)));
  if (overlay == NULL)
    return;

  /* Toast titles are markup; the core's sentences are plain text. */
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (overlay, toast);
}

void
anju_ui_list_box_clear (GtkListBox *list)
{
  GtkListBoxRow *row;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  /* Rows only: the placeholder is a child too, and GTK 4.8's
   * gtk_list_box_remove() drops it for good. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

void
anju_ui_label_set_urgent (GtkLabel *label,
                          gboolean  urgent)
{
  gtk_widget_remove_css_class (GTK_WIDGET (label), urgent ? "dim-label" : "status-overdue");
  gtk_widget_add_css_class (GTK_WIDGET (label), urgent ? "status-overdue" : "dim-label");
}

void
anju_ui_list_box_set_placeholder (GtkListBox *list,
                                  const char *text)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_set_placeholder (list, label);
}

char *
anju_ui_visitor_name (const char *name,
                      const char *title,
                      gboolean    first_time)
{
  if (name != NULL)
    return anju_format_person (name, title);
  return g_strdup (first_time ? _("First-time visitor") : _("Returning visitor"));
}

void
anju_ui_scroll_to (GtkScrolledWindow *scroller,
                   GtkWidget         *widget)
{
  GtkAdjustment *adjustment;
  GtkWidget *child;
  graphene_point_t top;
  double value, page, height;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  child = gtk_scrolled_window_get_child (scroller);
  if (child == NULL || !gtk_widget_is_ancestor (widget, child) ||
      !gtk_widget_compute_point (widget, child, &GRAPHENE_POINT_INIT (0, 0), &top))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  height = gtk_widget_get_height (widget);
  /* The child of a viewport is placed at −value: its point is absolute. */
  if (GTK_IS_VIEWPORT (child))
    {
      GtkWidget *inner = gtk_viewport_get_child (GTK_VIEWPORT (child));

      if (inner == NULL || !gtk_widget_compute_point (widget, inner,
                                                      &GRAPHENE_POINT_INIT (0, 0), &top))
        return;
    }
  if (top.y < value || height > page)
    gtk_adjustment_set_value (adjustment, top.y);
  else if (top.y + height > value + page)
    gtk_adjustment_set_value (adjustment, top.y + height - page);
}

struct _AnjuFieldErrors
{
  GtkLabel          *summary;      /* borrowed */
  GtkScrolledWindow *scroller;     /* borrowed */
  GPtrArray         *fields;       /* GtkWidget* (NULL: the form), weak */
  GPtrArray         *messages;     /* char* */
};

AnjuFieldErrors *
anju_field_errors_new (GtkLabel          *summary,
                       GtkScrolledWindow *scroller)
{
  AnjuFieldErrors *self = g_new0 (AnjuFieldErrors, 1);

  self->summary = summary;
  self->scroller = scroller;
  self->fields = g_ptr_array_new ();
  self->messages = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
anju_field_errors_free (AnjuFieldErrors *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->messages);
  g_free (self);
}

static void
field_errors_show (AnjuFieldErrors *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->messages->len; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (self->messages, i));
    }
  gtk_label_set_label (self->summary, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->summary), text->len > 0);
}

void
anju_field_errors_set (AnjuFieldErrors *self,
                       GtkWidget       *field,
                       const char      *message)
{
  guint i;

  g_return_if_fail (self != NULL);

  for (i = 0; i < self->fields->len; i++)
    if (g_ptr_array_index (self->fields, i) == field)
      break;
  if (i < self->fields->len)
    {
      g_ptr_array_remove_index (self->fields, i);
      g_ptr_array_remove_index (self->messages, i);
    }
  if (message != NULL)
    {
      g_ptr_array_add (self->fields, field);
      g_ptr_array_add (self->messages, g_strdup (message));
    }
  if (field != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (field, "error");
      else
        gtk_widget_remove_css_class (field, "error");
    }
  field_errors_show (self);
}

void
anju_field_errors_clear (AnjuFieldErrors *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->fields->len; i++)
    if (g_ptr_array_index (self->fields, i) != NULL)
      gtk_widget_remove_css_class (g_ptr_array_index (self->fields, i), "error");
  g_ptr_array_set_size (self->fields, 0);
  g_ptr_array_set_size (self->messages, 0);
  field_errors_show (self);
}

guint
anju_field_errors_count (AnjuFieldErrors *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->messages->len;
}

void
anju_field_errors_reveal (AnjuFieldErrors *self)
{
  GtkWidget *child = gtk_scrolled_window_get_child (self->scroller);
  GtkWidget *first = NULL;
  float first_y = G_MAXFLOAT;

  for (guint i = 0; i < self->fields->len; i++)
    {
      GtkWidget *field = g_ptr_array_index (self->fields, i);
      graphene_point_t at;

      if (field == NULL || !gtk_widget_get_mapped (field) || child == NULL ||
          !gtk_widget_compute_point (field, child, &GRAPHENE_POINT_INIT (0, 0), &at))
        continue;
      if (at.y < first_y)
        {
          first = field;
          first_y = at.y;
        }
    }
  if (first == NULL)
    return;
  anju_ui_scroll_to (self->scroller, first);
  gtk_widget_grab_focus (first);
}

typedef struct
{
  GtkEditable          *outer;    /* the row or entry the caller gave */
  AnjuPhoneRefusedFunc  refused;
  gpointer              user_data;
} PhoneFilter;

static void
on_phone_insert_text_cb (GtkEditable *editable,
                         const char  *text,
                         int          length,
                         int         *position,
                         gpointer     user_data)
{
  PhoneFilter *filter = user_data;
  const char *end = length < 0 ? text + strlen (text) : text + length;
  int at = *position;

  for (const char *p = text; p < end; p++)
    {
      gboolean plus_in_front = *p == '+' && at == 0 && p == text;

      if (!g_ascii_isdigit (*p) && *p != ' ' && *p != '-' && !plus_in_front)
        {
          gtk_widget_error_bell (GTK_WIDGET (editable));
          g_signal_stop_emission_by_name (editable, "insert-text");
          if (filter->refused != NULL)
            {
              /* Core's sentence about the number as it would have been:
               * it names the field and what it refused. */
              g_autoptr(GString) would_be = g_string_new (gtk_editable_get_text (editable));
              g_autoptr(GError) error = NULL;
              g_autofree char *number = NULL;

              g_string_insert_len (would_be,
                                   g_utf8_offset_to_pointer (would_be->str, MAX (at, 0)) - would_be->str,
                                   text, end - text);
              number = anju_mobile_normalize (would_be->str, &error);
              if (error != NULL)
                filter->refused (filter->outer, error->message, filter->user_data);
            }
          return;
        }
    }
}

void
anju_ui_editable_accept_phone_full (GtkEditable          *editable,
                                    AnjuPhoneRefusedFunc  refused,
                                    gpointer              user_data)
{
  GtkEditable *delegate;
  PhoneFilter *filter;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  filter = g_new0 (PhoneFilter, 1);
  filter->outer = editable;
  filter->refused = refused;
  filter->user_data = user_data;
  delegate = gtk_editable_get_delegate (editable);
  g_signal_connect_data (delegate ? delegate : editable, "insert-text",
                         G_CALLBACK (on_phone_insert_text_cb), filter,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
}

void
anju_ui_editable_accept_phone (GtkEditable *editable)
{
  anju_ui_editable_accept_phone_full (editable, NULL, NULL);
}
