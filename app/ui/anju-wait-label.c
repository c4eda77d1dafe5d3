/* anju-wait-label.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "anju-ui-time.h"
#include "anju-wait-label.h"

typedef struct
{
  gint64 arrived;   /* UTC µs */
  gint64 limit;     /* seconds */
} Wait;

GtkWidget *
anju_wait_label_new (const AnjuVisit *visit,
                     gint64           now)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (visit->greeted_at == NULL)
    {
      Wait *wait = g_new (Wait, 1);

      wait->arrived = anju_ui_time_parse (visit->arrived_at);
      wait->limit = visit->greet_within_seconds;
      g_object_set_data_full (G_OBJECT (label), "anju-wait", wait, g_free);
      if (visit->long_wait)
        gtk_widget_add_css_class (label, "wait-long");
      anju_wait_label_tick (label, now);
    }
  else
    {
      g_autofree char *waited = anju_ui_time_duration (visit->wait_seconds);

      gtk_label_set_label (GTK_LABEL (label), waited);
      gtk_widget_add_css_class (label, visit->long_wait ? "wait-long" : "dim-label");
      gtk_widget_set_tooltip_text (label, _("Waited until greeted"));
    }
  return label;
}

gboolean
anju_wait_label_is_live (GtkWidget *label)
{
  return g_object_get_data (G_OBJECT (label), "anju-wait") != NULL;
}

void
anju_wait_label_tick (GtkWidget *label,
                      gint64     now)
{
  Wait *wait = g_object_get_data (G_OBJECT (label), "anju-wait");
  g_autofree char *text = NULL;
  gint64 seconds;

  if (wait == NULL || wait->arrived == 0)
    return;
  seconds = (now - wait->arrived) / G_USEC_PER_SEC;
  text = anju_ui_time_duration (seconds);
  gtk_label_set_label (GTK_LABEL (label), text);
  if (seconds > wait->limit && !gtk_widget_has_css_class (label, "wait-long"))
    {
      gtk_widget_add_css_class (label, "wait-long");
      gtk_widget_set_tooltip_text (label, _("Waiting for over a minute"));
    }
}

void
anju_wait_label_add_to_row (GtkWidget *row,
                            GtkWidget *label)
{
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  if (anju_wait_label_is_live (label))
    g_object_set_data (G_OBJECT (row), "anju-wait-label", label);
}

void
anju_wait_label_tick_rows (GtkWidget *list,
                           gint64     now)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (row), "anju-wait-label");

      if (label != NULL)
        anju_wait_label_tick (label, now);
    }
}
