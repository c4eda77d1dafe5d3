/* anju-unit-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built in code rather than from a template: a building of a large project
 * has hundreds of these and the board refills them on every change, so
 * each one is four labels and nothing more.
 */
#define G_LOG_DOMAIN "anju-board"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-format.h"
#include "anju-unit-button.h"

struct _AnjuUnitButton
{
  GtkButton       parent_instance;

  /* children */
  GtkLabel       *number_label;
  GtkLabel       *hot_badge;
  GtkLabel       *offer_badge;
  GtkLabel       *area_label;
  GtkLabel       *price_label;

  /* what it shows, for comparing and for the tooltip */
  char           *unit_id;
  char           *unit_label;
  char           *number;
  char           *layout;
  char           *orientation;
  char           *special_offer;
  char           *holder_name;
  gint64          gross_area;
  gint64          hold_expires_at;
  AnjuFen         list_price;
  AnjuFen         price_per_m2;
  AnjuUnitStatus  status;
  gboolean        hot;
  gboolean        matches;
  gboolean        filled;
};

G_DEFINE_FINAL_TYPE (AnjuUnitButton, anju_unit_button, GTK_TYPE_BUTTON)

static const char *status_classes[] = {
  [ANJU_UNIT_AVAILABLE] = "unit-available",
  [ANJU_UNIT_HELD] = "unit-held",
  [ANJU_UNIT_SUBSCRIBED] = "unit-subscribed",
  [ANJU_UNIT_SIGNED] = "unit-signed",
  [ANJU_UNIT_NOT_FOR_SALE] = "unit-not-for-sale",
};

const char *
anju_unit_status_get_css_class (AnjuUnitStatus status)
{
  g_return_val_if_fail (status <= ANJU_UNIT_STATUS_LAST, NULL);

  return status_classes[status];
}

static gboolean
on_query_tooltip_cb (AnjuUnitButton *self,
                     int             x,
                     int             y,
                     gboolean        keyboard,
                     GtkTooltip     *tooltip)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *area = NULL, *price = NULL, *per_m2 = NULL;

  if (!self->filled)
    return FALSE;

  area = anju_format_area (self->gross_area);
  price = anju_format_money (self->list_price);
  per_m2 = anju_format_money (self->price_per_m2);
  g_string_append_printf (text, "<b>%s</b> · %s\n", self->unit_label,
                          anju_unit_status_get_label (self->status));
  g_string_append (text, self->layout);
  if (self->orientation != NULL)
    g_string_append_printf (text, " · %s", self->orientation);
  g_string_append_printf (text, " · %s\n", area);
  /* Translators: a unit's list price, then its price per square metre */
  g_string_append_printf (text, _("%s (%s per m²)"), price, per_m2);
  if (self->status == ANJU_UNIT_HELD && self->holder_name != NULL)
    {
      g_autofree char *until = anju_format_datetime (self->hold_expires_at);

      g_string_append_c (text, '\n');
      /* Translators: who holds a unit and until when */
      g_string_append_printf (text, _("Held by %s until %s"), self->holder_name, until);
    }
  if (self->special_offer != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (self->special_offer, -1);

      g_string_append_c (text, '\n');
      /* Translators: %s is the text of a unit's special offer */
      g_string_append_printf (text, _("Special offer: %s"), escaped);
    }
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_unit_button_finalize (GObject *object)
{
  AnjuUnitButton *self = (AnjuUnitButton *)object;

  g_free (self->unit_id);
  g_free (self->unit_label);
  g_free (self->number);
  g_free (self->layout);
  g_free (self->orientation);
  g_free (self->special_offer);
  g_free (self->holder_name);

  G_OBJECT_CLASS (anju_unit_button_parent_class)->finalize (object);
}

static void
anju_unit_button_class_init (AnjuUnitButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = anju_unit_button_finalize;

  gtk_widget_class_set_css_name (widget_class, "button");
}

static GtkLabel *
add_label (GtkWidget  *box,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
anju_unit_button_init (AnjuUnitButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);

  self->matches = TRUE;
  self->status = ANJU_UNIT_AVAILABLE;
  gtk_widget_add_css_class (GTK_WIDGET (self), "unit-cell");

  self->number_label = add_label (top, "unit-number");
  gtk_widget_set_hexpand (GTK_WIDGET (self->number_label), TRUE);
  self->hot_badge = add_label (top, "unit-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->hot_badge), "hot");
  /* Translators: the badge of a hot unit on the sales board; keep it short */
  gtk_label_set_label (self->hot_badge, C_("unit badge", "Hot"));
  self->offer_badge = add_label (top, "unit-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->offer_badge), "offer");
  /* Translators: the badge of a unit with a special offer; keep it short */
  gtk_label_set_label (self->offer_badge, C_("unit badge", "Offer"));
  gtk_box_append (GTK_BOX (box), top);
  self->area_label = add_label (box, "unit-area");
  self->price_label = add_label (box, "unit-price");
  gtk_button_set_child (GTK_BUTTON (self), box);

  gtk_widget_set_visible (GTK_WIDGET (self->hot_badge), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->offer_badge), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), status_classes[self->status]);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

GtkWidget *
anju_unit_button_new (void)
{
  return g_object_new (ANJU_TYPE_UNIT_BUTTON, NULL);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
anju_unit_button_set_unit (AnjuUnitButton    *self,
                           const AnjuUnitRow *row)
{
  gboolean changed = !self->filled;
  g_autofree char *label = NULL;

  g_return_if_fail (ANJU_IS_UNIT_BUTTON (self));
  g_return_if_fail (row != NULL);
  g_return_if_fail (row->status <= ANJU_UNIT_STATUS_LAST);

  label = anju_unit_row_dup_label (row);
  changed |= set_string (&self->unit_id, row->id);
  if (set_string (&self->unit_label, label))
    {
      changed = TRUE;
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
  if (set_string (&self->number, row->number))
    {
      changed = TRUE;
      gtk_label_set_label (self->number_label, row->number);
    }
  changed |= set_string (&self->layout, row->layout);
  changed |= set_string (&self->orientation, row->orientation);
  changed |= set_string (&self->holder_name, row->holder_name);
  if (set_string (&self->special_offer, row->special_offer))
    {
      changed = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->offer_badge), row->special_offer != NULL);
    }
  if (!self->filled || self->gross_area != row->gross_area)
    {
      g_autofree char *area = anju_format_area (row->gross_area);

      changed = TRUE;
      self->gross_area = row->gross_area;
      gtk_label_set_label (self->area_label, area);
    }
  if (!self->filled || self->list_price != row->list_price)
    {
      g_autofree char *price = anju_format_money (row->list_price);

      changed = TRUE;
      self->list_price = row->list_price;
      gtk_label_set_label (self->price_label, price);
    }
  if (!self->filled || self->hot != row->hot)
    {
      changed = TRUE;
      self->hot = row->hot;
      gtk_widget_set_visible (GTK_WIDGET (self->hot_badge), row->hot);
    }
  if (!self->filled || self->status != row->status)
    {
      changed = TRUE;
      gtk_widget_remove_css_class (GTK_WIDGET (self), status_classes[self->status]);
      self->status = row->status;
      gtk_widget_add_css_class (GTK_WIDGET (self), status_classes[self->status]);
    }
  changed |= self->hold_expires_at != row->hold_expires_at ||
             self->price_per_m2 != row->price_per_m2;
  self->hold_expires_at = row->hold_expires_at;
  self->price_per_m2 = row->price_per_m2;
  self->filled = TRUE;

  if (changed)
    {
      g_autoptr(GString) description = g_string_new (anju_unit_status_get_label (row->status));

      if (row->hot)
        g_string_append_printf (description, ", %s", C_("unit badge", "Hot"));
      if (row->special_offer != NULL)
        g_string_append_printf (description, ", %s", row->special_offer);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                      -1);
      /* Only the button under the pointer can show its tooltip. Asking
       * every refilled button made a round trip to the display server
       * for each (gdk_device_get_surface_at_position): 80 % of a
       * building's refill in the board benchmark's profile. */
      if (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_PRELIGHT)
        gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
    }
}

const char *
anju_unit_button_get_unit_id (AnjuUnitButton *self)
{
  g_return_val_if_fail (ANJU_IS_UNIT_BUTTON (self), NULL);

  return self->unit_id;
}

const char *
anju_unit_button_get_unit_label (AnjuUnitButton *self)
{
  g_return_val_if_fail (ANJU_IS_UNIT_BUTTON (self), NULL);

  return self->unit_label;
}

AnjuUnitStatus
anju_unit_button_get_status (AnjuUnitButton *self)
{
  g_return_val_if_fail (ANJU_IS_UNIT_BUTTON (self), ANJU_UNIT_AVAILABLE);

  return self->status;
}

void
anju_unit_button_set_matches (AnjuUnitButton *self,
                              gboolean        matches)
{
  g_return_if_fail (ANJU_IS_UNIT_BUTTON (self));

  matches = !!matches;
  if (self->matches == matches)
    return;
  self->matches = matches;
  if (matches)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dimmed");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "dimmed");
}

gboolean
anju_unit_button_get_matches (AnjuUnitButton *self)
{
  g_return_val_if_fail (ANJU_IS_UNIT_BUTTON (self), FALSE);

  return self->matches;
}
