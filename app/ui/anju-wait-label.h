/* anju-wait-label.h — how long a visitor has waited at the door
 *
 * The standard greets every walk-in within a minute. The label counts up
 * while the visitor waits, turns red ("wait-long") past the limit, and
 * shows the wait they had once greeted. Views put the label on a row with
 * anju_wait_label_add_to_row() and call anju_wait_label_tick_rows() every
 * second for the rows still waiting.
 */
#pragma once

#include <gtk/gtk.h>

#include "anju-reception.h"

G_BEGIN_DECLS

/* The label of @visit's wait; past the visit's greet_within_seconds it
 * turns red. */
GtkWidget *anju_wait_label_new  (const AnjuVisit *visit,
                                 gint64           now);
/* Whether the label still counts (the visitor is not greeted yet). */
gboolean   anju_wait_label_is_live (GtkWidget    *label);
void       anju_wait_label_tick (GtkWidget       *label,
                                 gint64           now);
/* Adds @label as a suffix of @row (an AdwActionRow) and, while it still
 * counts, marks @row for anju_wait_label_tick_rows(). */
void       anju_wait_label_add_to_row (GtkWidget *row,
                                       GtkWidget *label);
/* Ticks the wait labels of the marked rows among @list's children. */
void       anju_wait_label_tick_rows  (GtkWidget *list,
                                       gint64     now);

G_END_DECLS
