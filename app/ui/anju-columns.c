/* anju-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties: "column-width" — the narrowest a column may be for the
 * columns to go side by side; "spacing" — between columns and between
 * stacked ones. In a .ui file, columns are added as children.
 */
#define G_LOG_DOMAIN "anju-columns"

#include "config.h"

#include "anju-columns.h"

struct _AnjuColumns
{
  GtkWidget parent_instance;

  int       column_width;
  int       spacing;
  gboolean  side_by_side;
};

static void anju_columns_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnjuColumns, anju_columns, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      anju_columns_buildable_init))

enum {
  PROP_0,
  PROP_COLUMN_WIDTH,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static guint
count_visible (AnjuColumns *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_should_layout (child);
  return n;
}

/* Whether @width holds every visible column at column-width or more, and
 * at each one's minimum width. */
static gboolean
fits_side_by_side (AnjuColumns *self,
                   int          width)
{
  guint n = count_visible (self);
  int each;

  if (n <= 1)
    return TRUE;
  each = (width - self->spacing * ((int)n - 1)) / (int)n;
  if (each < self->column_width)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > each)
        return FALSE;
    }
  return TRUE;
}

static void
anju_columns_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  AnjuColumns *self = ANJU_COLUMNS (widget);
  guint n = count_visible (self);
  int min = 0, nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At the least, stacked: the widest column's minimum. Naturally,
       * side by side. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min = 0, child_nat = 0;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += MAX (child_nat, self->column_width);
        }
      if (n > 1)
        nat += self->spacing * ((int)n - 1);
      nat = MAX (nat, min);
    }
  else
    {
      gboolean side = for_size < 0 || fits_side_by_side (self, for_size);
      int each = side && n > 0 && for_size >= 0
                 ? (for_size - self->spacing * ((int)MAX (n, 1) - 1)) / (int)MAX (n, 1)
                 : for_size;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min = 0, child_nat = 0;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, each, &child_min, &child_nat, NULL, NULL);
          if (side)
            {
              min = MAX (min, child_min);
              nat = MAX (nat, child_nat);
            }
          else
            {
              min += child_min;
              nat += child_nat;
            }
        }
      if (!side && n > 1)
        {
          min += self->spacing * ((int)n - 1);
          nat += self->spacing * ((int)n - 1);
        }
    }
  *minimum = min;
  *natural = nat;
  *minimum_baseline = -1;
  *natural_baseline = -1;
}

static void
anju_columns_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  AnjuColumns *self = ANJU_COLUMNS (widget);
  guint n = count_visible (self);
  int x = 0, y = 0, each;

  self->side_by_side = fits_side_by_side (self, width);
  if (self->side_by_side && n > 0)
    each = (width - self->spacing * ((int)n - 1)) / (int)n;
  else
    each = width;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, each, &child_min, &child_nat, NULL,
                          NULL);
      if (self->side_by_side)
        {
          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { x, 0, each, MAX (child_nat, height) }, -1);
          x += each + self->spacing;
        }
      else
        {
          gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, child_nat }, -1);
          y += child_nat + self->spacing;
        }
    }
}

static GtkSizeRequestMode
anju_columns_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* ---- GtkBuildable ------------------------------------------------------ */

static void
anju_columns_add_child (GtkBuildable *buildable,
                        GtkBuilder   *builder,
                        GObject      *child,
                        const char   *type)
{
  if (GTK_IS_WIDGET (child))
    anju_columns_append (ANJU_COLUMNS (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
anju_columns_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = anju_columns_add_child;
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_columns_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (anju_columns_parent_class)->dispose (object);
}

static void
anju_columns_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AnjuColumns *self = ANJU_COLUMNS (object);

  switch (prop_id)
    {
    case PROP_COLUMN_WIDTH:
      g_value_set_int (value, self->column_width);
      break;

    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_columns_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AnjuColumns *self = ANJU_COLUMNS (object);

  switch (prop_id)
    {
    case PROP_COLUMN_WIDTH:
      self->column_width = g_value_get_int (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    case PROP_SPACING:
      self->spacing = g_value_get_int (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_columns_class_init (AnjuColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_columns_dispose;
  object_class->get_property = anju_columns_get_property;
  object_class->set_property = anju_columns_set_property;

  widget_class->measure = anju_columns_measure;
  widget_class->size_allocate = anju_columns_size_allocate;
  widget_class->get_request_mode = anju_columns_get_request_mode;

  properties[PROP_COLUMN_WIDTH] =
    g_param_spec_int ("column-width", NULL, NULL,
                      0, G_MAXINT, 360,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL,
                      0, G_MAXINT, 24,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
anju_columns_init (AnjuColumns *self)
{
  self->column_width = 360;
  self->spacing = 24;
}

GtkWidget *
anju_columns_new (void)
{
  return g_object_new (ANJU_TYPE_COLUMNS, NULL);
}

void
anju_columns_append (AnjuColumns *self,
                     GtkWidget   *child)
{
  g_return_if_fail (ANJU_IS_COLUMNS (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

gboolean
anju_columns_get_side_by_side (AnjuColumns *self)
{
  g_return_val_if_fail (ANJU_IS_COLUMNS (self), FALSE);

  return self->side_by_side;
}
