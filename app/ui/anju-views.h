/* anju-views.h — the views the window's sidebar offers, as one table
 *
 * The window builds its sidebar rows and its view stack from this table,
 * in this order; who sees each view is core's answer
 * (anju_view_visible_to()). See the note at the top of anju-views.c to
 * add a view.
 */
#pragma once

#include <gtk/gtk.h>

#include "anju-context.h"

G_BEGIN_DECLS

typedef struct
{
  /* The view stack page's name: "customers". Unique; anju_window_show_view() takes it. */
  const char  *name;
  /* N_("Customers"): the sidebar row, its accessible name, the header's title. */
  const char  *title;
  const char  *icon_name;
  /* Makes the view for @context, once per window (a floating or new widget). */
  GtkWidget *(*create) (AnjuContext *context);
  /* The header bar's button while the view shows: N_("_New Customer") and
   * a detailed action name ("win.new-customer", "board.hold-unit"), which is
   * activated on the view widget, so the view's own actions are found. */
  const char  *primary_action_label;
  const char  *primary_action;
  /* Optional: the button's icon (NULL: list-add-symbolic) and the command
   * it leads to: only who may run that command (anju_context_may()) gets
   * the button (NULL: everyone who sees the view). */
  const char  *primary_action_icon;
  const char  *primary_action_command;
} AnjuViewInfo;

/* The table, in sidebar order; @n_views is set to its length. */
const AnjuViewInfo *anju_views_get    (guint      *n_views);
/* The entry named @name, or NULL. */
const AnjuViewInfo *anju_views_lookup (const char *name);

G_END_DECLS
