/* anju-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-format.h"
#include "anju-ui-util.h"

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
