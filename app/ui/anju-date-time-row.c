/* anju-date-time-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-date-time-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-date-time-row.h"
#include "anju-format.h"
#include "anju-ui-time.h"

struct _AnjuDateTimeRow
{
  AdwActionRow    parent_instance;

  /* template widgets */
  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  GtkSpinButton  *hour_spin;
  GtkSpinButton  *minute_spin;

  /* owned */
  gint64          usec;
  gboolean        filling;
};

G_DEFINE_FINAL_TYPE (AnjuDateTimeRow, anju_date_time_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_USEC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_date (AnjuDateTimeRow *self)
{
  g_autoptr(GDateTime) local = anju_ui_time_local (self->usec);
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *label = g_strdup_printf ("%s %s", day, anju_ui_time_weekday (self->usec));

  gtk_menu_button_set_label (self->date_button, label);
}

/* The widgets → usec, in office time. */
static void
read_widgets (AnjuDateTimeRow *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) local = NULL;
  gint64 usec;

  if (self->filling)
    return;
  day = gtk_calendar_get_date (self->calendar);
  local = g_date_time_new (anju_format_get_time_zone (),
                           g_date_time_get_year (day),
                           g_date_time_get_month (day),
                           g_date_time_get_day_of_month (day),
                           gtk_spin_button_get_value_as_int (self->hour_spin),
                           gtk_spin_button_get_value_as_int (self->minute_spin),
                           0);
  if (local == NULL)
    return;
  usec = g_date_time_to_unix (local) * G_USEC_PER_SEC;
  if (usec == self->usec)
    return;
  self->usec = usec;
  show_date (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USEC]);
}

static void
on_day_selected_cb (AnjuDateTimeRow *self)
{
  read_widgets (self);
  gtk_menu_button_popdown (self->date_button);
}

static void
on_time_changed_cb (AnjuDateTimeRow *self)
{
  read_widgets (self);
}

/* Two digits, as a clock shows them. */
static gboolean
on_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_date_time_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AnjuDateTimeRow *self = ANJU_DATE_TIME_ROW (object);

  switch (prop_id)
    {
    case PROP_USEC:
      g_value_set_int64 (value, self->usec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_date_time_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AnjuDateTimeRow *self = ANJU_DATE_TIME_ROW (object);

  switch (prop_id)
    {
    case PROP_USEC:
      anju_date_time_row_set_usec (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_date_time_row_class_init (AnjuDateTimeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = anju_date_time_row_get_property;
  object_class->set_property = anju_date_time_row_set_property;

  properties[PROP_USEC] =
    g_param_spec_int64 ("usec", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-date-time-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuDateTimeRow, date_button);
  gtk_widget_class_bind_template_child (widget_class, AnjuDateTimeRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, AnjuDateTimeRow, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, AnjuDateTimeRow, minute_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output_cb);
}

static void
anju_date_time_row_init (AnjuDateTimeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  anju_date_time_row_set_usec (self, g_get_real_time ());
}

GtkWidget *
anju_date_time_row_new (void)
{
  return g_object_new (ANJU_TYPE_DATE_TIME_ROW, NULL);
}

gint64
anju_date_time_row_get_usec (AnjuDateTimeRow *self)
{
  g_return_val_if_fail (ANJU_IS_DATE_TIME_ROW (self), 0);

  return self->usec;
}

void
anju_date_time_row_set_usec (AnjuDateTimeRow *self,
                             gint64           utc_usec)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) day = NULL;

  g_return_if_fail (ANJU_IS_DATE_TIME_ROW (self));

  utc_usec -= utc_usec % (60 * G_USEC_PER_SEC);
  local = anju_ui_time_local (utc_usec);
  /* The calendar works in the process's zone; only its day matters. */
  day = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                               g_date_time_get_day_of_month (local), 12, 0, 0);
  self->filling = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  self->filling = FALSE;
  if (self->usec != utc_usec)
    {
      self->usec = utc_usec;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USEC]);
    }
  show_date (self);
}
