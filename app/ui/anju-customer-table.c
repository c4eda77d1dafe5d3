/* anju-customer-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list and column views keep up to 200 rows around their
 * anchor, measure each of them every frame and make or drop many of them
 * when a search changes the model's length; a row here is six cells.
 * This table knows its rows all have one height (measured once), so it
 * makes only the row widgets that fit its height plus two and binds
 * position p to widget p % n: scrolling by one row relabels one widget,
 * and a model going from 1,000,000 rows to 2 hides the rest.
 */
#define G_LOG_DOMAIN "anju-customer-table"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-customer-row.h"
#include "anju-customer-table.h"

/* ---- columns ----------------------------------------------------------- */

enum {
  COLUMN_NAME,
  COLUMN_MOBILE,
  COLUMN_ID_NUMBER,
  COLUMN_OWNER,
  COLUMN_SEGMENT,
  COLUMN_UPDATED,
  N_COLUMNS
};

typedef struct
{
  const char *title;
  int         width;        /* the name's is its least; it takes what is left */
  const char *css_class;
} Column;

static const Column columns[N_COLUMNS] = {
  { N_("Name"), 180, "customer-name" },
  { N_("Mobile"), 130, "masked" },
  { N_("ID Number"), 190, "masked" },
  { N_("Consultant"), 100, NULL },
  { N_("Segment"), 160, NULL },
  { N_("Updated"), 140, "numeric" },
};

static int
columns_min_width (void)
{
  int width = 0;

  for (guint i = 0; i < N_COLUMNS; i++)
    width += columns[i].width;
  return width;
}

/* ---- a line: the header or a row --------------------------------------- */

#define ANJU_TYPE_TABLE_LINE (anju_table_line_get_type ())
G_DECLARE_FINAL_TYPE (AnjuTableLine, anju_table_line, ANJU, TABLE_LINE, GtkWidget)

struct _AnjuTableLine
{
  GtkWidget        parent_instance;

  GtkWidget       *cells[N_COLUMNS];
  GtkWidget       *labels[N_COLUMNS];   /* the label of each cell */
  GtkWidget       *title_label;         /* beside the name, dimmed (rows) */

  guint            position;            /* GTK_INVALID_LIST_POSITION when unbound */
  AnjuCustomerRow *item;
  gulong           notify_handler;
};

G_DEFINE_FINAL_TYPE (AnjuTableLine, anju_table_line, GTK_TYPE_WIDGET)

static void
anju_table_line_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  AnjuTableLine *self = ANJU_TABLE_LINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = columns_min_width ();
      return;
    }
  *minimum = *natural = 0;
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      int min, nat;

      gtk_widget_measure (self->cells[i], orientation, columns[i].width, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static void
anju_table_line_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  AnjuTableLine *self = ANJU_TABLE_LINE (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = 0;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      int cell_width = columns[i].width;

      if (i == COLUMN_NAME)
        cell_width = MAX (cell_width, width - columns_min_width () + columns[i].width);
      gtk_widget_size_allocate (self->cells[i],
                                &(GtkAllocation) { rtl ? width - x - cell_width : x, 0,
                                                   cell_width, height },
                                -1);
      x += cell_width;
    }
}

static void
anju_table_line_dispose (GObject *object)
{
  AnjuTableLine *self = ANJU_TABLE_LINE (object);

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_handler, self->item);
  g_clear_object (&self->item);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_pointer (&self->cells[i], gtk_widget_unparent);

  G_OBJECT_CLASS (anju_table_line_parent_class)->dispose (object);
}

static void
anju_table_line_class_init (AnjuTableLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_table_line_dispose;
  widget_class->measure = anju_table_line_measure;
  widget_class->size_allocate = anju_table_line_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ROW);
}

static void
anju_table_line_init (AnjuTableLine *self)
{
  self->position = GTK_INVALID_LIST_POSITION;
}

static GtkWidget *
new_cell_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The header: the six titles, dimmed and bold like a column view's. */
static GtkWidget *
anju_table_line_new_header (void)
{
  AnjuTableLine *self = g_object_new (ANJU_TYPE_TABLE_LINE, "css-name", "header", NULL);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkWidget *label = new_cell_label ("cell");

      gtk_label_set_label (GTK_LABEL (label), _(columns[i].title));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_set_parent (label, GTK_WIDGET (self));
      self->cells[i] = self->labels[i] = label;
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", _(columns[i].title));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, names->str, -1);
  g_string_free (names, TRUE);
  return GTK_WIDGET (self);
}

/* A row: the name's cell shows the title beside it, dimmed. */
static GtkWidget *
anju_table_line_new_row (void)
{
  AnjuTableLine *self = g_object_new (ANJU_TYPE_TABLE_LINE, "css-name", "row", NULL);

  gtk_widget_add_css_class (GTK_WIDGET (self), "activatable");
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      self->labels[i] = new_cell_label (columns[i].css_class);
      if (i == COLUMN_NAME)
        {
          self->cells[i] = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
          self->title_label = new_cell_label ("dim-label");
          gtk_box_append (GTK_BOX (self->cells[i]), self->labels[i]);
          gtk_box_append (GTK_BOX (self->cells[i]), self->title_label);
        }
      else
        self->cells[i] = self->labels[i];
      gtk_widget_add_css_class (self->cells[i], "cell");
      gtk_widget_set_parent (self->cells[i], GTK_WIDGET (self));
    }
  return GTK_WIDGET (self);
}

/* Labels as the cells of the column view showed them: a row not yet
 * loaded is blank. The row's accessible label is its visible cells. */
static void
anju_table_line_relabel (AnjuTableLine *self)
{
  AnjuCustomerRow *row = self->item;
  const char *texts[N_COLUMNS] = { NULL };
  const char *title = NULL;
  g_autoptr(GString) accessible = NULL;

  if (row != NULL && anju_customer_row_get_loaded (row))
    {
      texts[COLUMN_NAME] = anju_customer_row_get_name (row);
      title = anju_customer_row_get_title (row);
      texts[COLUMN_MOBILE] = anju_customer_row_get_mobile_masked (row);
      texts[COLUMN_ID_NUMBER] = anju_customer_row_get_id_number_masked (row);
      texts[COLUMN_OWNER] = anju_customer_row_get_owner_name (row);
      texts[COLUMN_SEGMENT] = anju_customer_row_get_segment_name (row);
      texts[COLUMN_UPDATED] = anju_customer_row_get_updated (row);
    }
  for (guint i = 0; i < N_COLUMNS; i++)
    gtk_label_set_label (GTK_LABEL (self->labels[i]), texts[i]);
  gtk_label_set_label (GTK_LABEL (self->title_label), title);

  if (row == NULL)
    return;
  if (!anju_customer_row_get_loaded (row))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Loading the customer"), -1);
      return;
    }
  accessible = g_string_new (NULL);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (texts[i] == NULL || *texts[i] == '\0')
        continue;
      if (accessible->len > 0)
        g_string_append (accessible, ", ");
      g_string_append (accessible, texts[i]);
      if (i == COLUMN_NAME && title != NULL && *title != '\0')
        g_string_append_printf (accessible, " %s", title);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible->str, -1);
}

/* The model fills a row in place when its page arrives (one notify per
 * property, between a freeze and a thaw): "loaded" comes last. */
static void
on_item_notify_cb (AnjuCustomerRow *row,
                   GParamSpec      *pspec,
                   AnjuTableLine   *self)
{
  anju_table_line_relabel (self);
}

static void
anju_table_line_set_item (AnjuTableLine   *self,
                          guint            position,
                          AnjuCustomerRow *item)
{
  self->position = position;
  if (self->item == item)
    return;
  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_handler, self->item);
  g_set_object (&self->item, item);
  if (item != NULL)
    self->notify_handler = g_signal_connect (item, "notify",
                                             G_CALLBACK (on_item_notify_cb), self);
  anju_table_line_relabel (self);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_RELATION_ROW_INDEX, (int)position + 2, -1);
}

/* ---- the table ----------------------------------------------------------- */

struct _AnjuCustomerTable
{
  GtkWidget      parent_instance;

  GListModel    *model;
  guint          n_items;

  GtkAdjustment *adjustment[2];       /* by GtkOrientation */
  guint          scroll_policy[2];

  GtkWidget     *header;
  GPtrArray     *lines;               /* AnjuTableLine*: position p shows in p % len */

  int            row_height;          /* measured once; 0 before */
  int            header_height;
  int            view_height;         /* below the header, at the last allocation */
  gboolean       allocated;           /* since it was rooted */
  guint          update_tick;

  guint          selected;
  guint          cursor;
};

static void scrollable_iface_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnjuCustomerTable, anju_customer_table, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, scrollable_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
scrollable_iface_init (GtkScrollableInterface *iface)
{
}

/* The position a line shows, were the view's first row @first. */
static guint
line_position (AnjuCustomerTable *self,
               guint              index,
               guint              first)
{
  guint n = self->lines->len;

  return first + (index + n - first % n) % n;
}

static guint
first_position (AnjuCustomerTable *self)
{
  double value = gtk_adjustment_get_value (self->adjustment[GTK_ORIENTATION_VERTICAL]);

  if (self->row_height <= 0)
    return 0;
  return (guint)(MAX (value, 0) / self->row_height);
}

static void
update_line_state (AnjuCustomerTable *self,
                   AnjuTableLine     *line)
{
  GtkWidget *widget = GTK_WIDGET (line);
  gboolean selected = line->position != GTK_INVALID_LIST_POSITION &&
                      line->position == self->selected;
  gboolean focused = line->position != GTK_INVALID_LIST_POSITION &&
                     line->position == self->cursor && gtk_widget_has_focus (GTK_WIDGET (self));
  GtkStateFlags table_flags = gtk_widget_get_state_flags (GTK_WIDGET (self));
  GtkStateFlags flags = gtk_widget_get_state_flags (widget);
  GtkStateFlags wanted = 0;

  if (selected)
    wanted |= GTK_STATE_FLAG_SELECTED;
  if (focused)
    wanted |= GTK_STATE_FLAG_FOCUSED | (table_flags & GTK_STATE_FLAG_FOCUS_VISIBLE);
  flags &= GTK_STATE_FLAG_SELECTED | GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE;
  if (flags == wanted)
    return;
  gtk_widget_unset_state_flags (widget, flags & ~wanted);
  gtk_widget_set_state_flags (widget, wanted, FALSE);
  if ((flags & GTK_STATE_FLAG_SELECTED) != (wanted & GTK_STATE_FLAG_SELECTED))
    gtk_accessible_update_state (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
}

static void
update_line_states (AnjuCustomerTable *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    update_line_state (self, g_ptr_array_index (self->lines, i));
}

/* Shows @position in @line, or nothing (GTK_INVALID_LIST_POSITION). The
 * model's own row object at a position is kept while it stays there. */
static void
bind_line (AnjuCustomerTable *self,
           AnjuTableLine     *line,
           guint              position)
{
  g_autoptr(AnjuCustomerRow) item = NULL;

  if (position != GTK_INVALID_LIST_POSITION && position < self->n_items)
    item = g_list_model_get_item (self->model, position);
  else
    position = GTK_INVALID_LIST_POSITION;
  anju_table_line_set_item (line, position, item);
  if (gtk_widget_get_child_visible (GTK_WIDGET (line)) != (item != NULL))
    gtk_widget_set_child_visible (GTK_WIDGET (line), item != NULL);
  update_line_state (self, line);
}

/* Makes or drops row widgets until there are @n_lines; their positions
 * all move, so they are all bound again. */
static void
set_n_lines (AnjuCustomerTable *self,
             guint              n_lines)
{
  if (n_lines == self->lines->len)
    return;
  while (self->lines->len > n_lines)
    {
      GtkWidget *line = g_ptr_array_steal_index (self->lines, self->lines->len - 1);

      gtk_widget_unparent (line);
    }
  while (self->lines->len < n_lines)
    {
      GtkWidget *line = anju_table_line_new_row ();

      gtk_widget_insert_before (line, GTK_WIDGET (self), self->header);
      gtk_widget_set_child_visible (line, FALSE);
      g_ptr_array_add (self->lines, line);
    }
  for (guint i = 0; i < self->lines->len; i++)
    bind_line (self, g_ptr_array_index (self->lines, i), GTK_INVALID_LIST_POSITION);
}

/* One row, measured once with text in every cell (a Chinese glyph among
 * them: its font may stand taller than the Latin one). */
static void
ensure_row_height (AnjuCustomerTable *self)
{
  AnjuTableLine *line;
  int height;

  if (self->row_height > 0)
    return;
  line = ANJU_TABLE_LINE (anju_table_line_new_row ());
  gtk_widget_insert_before (GTK_WIDGET (line), GTK_WIDGET (self), self->header);
  for (guint i = 0; i < N_COLUMNS; i++)
    gtk_label_set_label (GTK_LABEL (line->labels[i]), "客Ag");
  gtk_label_set_label (GTK_LABEL (line->title_label), "客Ag");
  gtk_widget_measure (GTK_WIDGET (line), GTK_ORIENTATION_VERTICAL, columns_min_width (),
                      NULL, &height, NULL, NULL);
  gtk_widget_unparent (GTK_WIDGET (line));
  self->row_height = MAX (height, 1);
}

static void on_adjustment_value_changed_cb (GtkAdjustment     *adjustment,
                                            AnjuCustomerTable *self);

/* Without reallocating: the callers lay the rows out after it, or queue it. */
static void
configure_adjustment (AnjuCustomerTable *self,
                      GtkOrientation     orientation,
                      double             value,
                      double             upper,
                      double             step,
                      double             page_increment,
                      double             page)
{
  GtkAdjustment *adjustment = self->adjustment[orientation];

  g_signal_handlers_block_by_func (adjustment, on_adjustment_value_changed_cb, self);
  gtk_adjustment_configure (adjustment, value, 0, upper, step, page_increment, page);
  g_signal_handlers_unblock_by_func (adjustment, on_adjustment_value_changed_cb, self);
}

static void
update_vadjustment (AnjuCustomerTable *self)
{
  GtkAdjustment *adjustment = self->adjustment[GTK_ORIENTATION_VERTICAL];
  double upper = (double)self->n_items * self->row_height;
  double page = MAX (self->view_height, 0);
  double value = CLAMP (gtk_adjustment_get_value (adjustment), 0, MAX (upper - page, 0));

  configure_adjustment (self, GTK_ORIENTATION_VERTICAL, value, upper,
                        self->row_height, MAX (page - self->row_height, self->row_height), page);
}

/* The row widgets the height shows, part-rows at both ends included.
 * Before the first allocation, the window's height stands in for it. */
static guint
wanted_n_lines (AnjuCustomerTable *self)
{
  int height = self->view_height;

  if (self->row_height <= 0)
    return 0;
  if (!self->allocated)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      height = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;
    }
  return height > 0 ? (guint)((height + self->row_height - 1) / self->row_height + 1) : 0;
}

/* The position @index shows at the current scroll value, or
 * GTK_INVALID_LIST_POSITION. */
static guint
wanted_position (AnjuCustomerTable *self,
                 guint              index)
{
  guint position = line_position (self, index, first_position (self));

  return position < self->n_items ? position : GTK_INVALID_LIST_POSITION;
}

/* Makes the row widgets the height needs and binds each to the position
 * it shows; a widget already showing its position is left alone. Never
 * called from size_allocate: a label changed there would queue a resize
 * on ancestors GTK has already laid out for the frame. A table not on
 * screen (another view is) does nothing until it is mapped again. */
static void
update_rows (AnjuCustomerTable *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  ensure_row_height (self);
  set_n_lines (self, wanted_n_lines (self));
  for (guint i = 0; i < self->lines->len; i++)
    {
      AnjuTableLine *line = g_ptr_array_index (self->lines, i);
      guint position = wanted_position (self, i);

      if (line->position != position)
        bind_line (self, line, position);
    }
}

static gboolean
update_rows_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *frame_clock,
                     gpointer       user_data)
{
  AnjuCustomerTable *self = ANJU_CUSTOMER_TABLE (widget);

  self->update_tick = 0;
  update_rows (self);
  gtk_widget_queue_allocate (widget);
  return G_SOURCE_REMOVE;
}

/* Before the next frame's layout (its update phase). */
static void
schedule_update_rows (AnjuCustomerTable *self)
{
  if (self->update_tick == 0)
    self->update_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), update_rows_tick_cb,
                                                      NULL, NULL);
}

/* Places the rows as they are bound; what the new size or scroll value
 * needs beyond that is bound before the next frame. */
static void
anju_customer_table_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  AnjuCustomerTable *self = ANJU_CUSTOMER_TABLE (widget);
  GtkAdjustment *hadjustment = self->adjustment[GTK_ORIENTATION_HORIZONTAL];
  int content_width, x;
  double value;
  gboolean stale;

  gtk_widget_measure (self->header, GTK_ORIENTATION_HORIZONTAL, -1, &content_width, NULL, NULL, NULL);
  gtk_widget_measure (self->header, GTK_ORIENTATION_VERTICAL, -1, NULL, &self->header_height,
                      NULL, NULL);
  content_width = MAX (content_width, width);
  self->view_height = MAX (height - self->header_height, 0);
  self->allocated = TRUE;

  configure_adjustment (self, GTK_ORIENTATION_HORIZONTAL,
                        CLAMP (gtk_adjustment_get_value (hadjustment), 0, content_width - width),
                        content_width, width * 0.1, width * 0.9, width);
  x = -(int)gtk_adjustment_get_value (hadjustment);
  gtk_widget_size_allocate (self->header,
                            &(GtkAllocation) { x, 0, content_width, self->header_height }, -1);
  if (self->row_height <= 0)
    {
      schedule_update_rows (self);
      return;
    }
  update_vadjustment (self);

  value = gtk_adjustment_get_value (self->adjustment[GTK_ORIENTATION_VERTICAL]);
  stale = self->lines->len != wanted_n_lines (self);
  for (guint i = 0; i < self->lines->len; i++)
    {
      AnjuTableLine *line = g_ptr_array_index (self->lines, i);

      if (line->position != wanted_position (self, i))
        stale = TRUE;
      if (line->position == GTK_INVALID_LIST_POSITION)
        continue;
      gtk_widget_size_allocate (GTK_WIDGET (line),
                                &(GtkAllocation) {
                                  x,
                                  self->header_height +
                                    (int)((double)line->position * self->row_height - value),
                                  content_width, self->row_height },
                                -1);
    }
  if (stale)
    schedule_update_rows (self);
}

static void
anju_customer_table_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  AnjuCustomerTable *self = ANJU_CUSTOMER_TABLE (widget);

  gtk_widget_measure (self->header, orientation, -1, minimum, natural, NULL, NULL);
  /* The row height is measured at the first allocation. */
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *natural += self->row_height * (int)MIN (self->n_items, 10);
}

/* Rows scrolled under the header are hidden by it. */
static void
anju_customer_table_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  AnjuCustomerTable *self = ANJU_CUSTOMER_TABLE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gtk_snapshot_push_clip (snapshot,
                          &GRAPHENE_RECT_INIT (0, self->header_height, width,
                                               MAX (height - self->header_height, 0)));
  for (guint i = 0; i < self->lines->len; i++)
    gtk_widget_snapshot_child (widget, g_ptr_array_index (self->lines, i), snapshot);
  gtk_snapshot_pop (snapshot);
  gtk_widget_snapshot_child (widget, self->header, snapshot);
}

static void
anju_customer_table_state_flags_changed (GtkWidget     *widget,
                                         GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (anju_customer_table_parent_class)->state_flags_changed (widget, previous);
  update_line_states (ANJU_CUSTOMER_TABLE (widget));
}

static void
anju_customer_table_root (GtkWidget *widget)
{
  AnjuCustomerTable *self = ANJU_CUSTOMER_TABLE (widget);

  GTK_WIDGET_CLASS (anju_customer_table_parent_class)->root (widget);
  self->row_height = 0;   /* the styles may have changed */
  self->allocated = FALSE;
}

/* Shown (a stack's page, say): the rows are bound before the frame lays
 * it out. */
static void
anju_customer_table_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (anju_customer_table_parent_class)->map (widget);
  schedule_update_rows (ANJU_CUSTOMER_TABLE (widget));
}

/* ---- model --------------------------------------------------------------- */

static guint
shift_position (guint    current,
                guint    position,
                guint    removed,
                guint    added,
                gboolean keep_in_removed)
{
  if (current == GTK_INVALID_LIST_POSITION || current < position)
    return current;
  if (current >= position + removed)
    return current - removed + added;
  return keep_in_removed && removed == added ? current : GTK_INVALID_LIST_POSITION;
}

/* Only the visible rows at or after @position can show something else;
 * those before it keep their binding. */
static void
on_items_changed_cb (GListModel        *model,
                     guint              position,
                     guint              removed,
                     guint              added,
                     AnjuCustomerTable *self)
{
  self->n_items = g_list_model_get_n_items (model);
  self->selected = shift_position (self->selected, position, removed, added, FALSE);
  self->cursor = shift_position (self->cursor, position, removed, added, TRUE);
  if (self->cursor == GTK_INVALID_LIST_POSITION && self->n_items > 0)
    self->cursor = MIN (position, self->n_items - 1);
  if (self->cursor != GTK_INVALID_LIST_POSITION && self->cursor >= self->n_items)
    self->cursor = self->n_items > 0 ? self->n_items - 1 : GTK_INVALID_LIST_POSITION;

  if (self->row_height > 0)
    update_vadjustment (self);
  for (guint i = 0; i < self->lines->len; i++)
    {
      AnjuTableLine *line = g_ptr_array_index (self->lines, i);

      if (line->position == GTK_INVALID_LIST_POSITION || line->position < position)
        continue;
      if (removed == added && line->position >= position + added)
        continue;
      bind_line (self, line, line->position);
    }
  /* Positions that came into view (more rows, or the value clamped). */
  update_rows (self);
  update_line_states (self);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_ROW_COUNT,
                                  (int)self->n_items + 1, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
anju_customer_table_set_model (AnjuCustomerTable *self,
                               GListModel        *model)
{
  guint old;

  g_return_if_fail (ANJU_IS_CUSTOMER_TABLE (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  old = self->n_items;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_set_object (&self->model, model);
  self->n_items = 0;
  self->selected = self->cursor = GTK_INVALID_LIST_POSITION;
  for (guint i = 0; i < self->lines->len; i++)
    bind_line (self, g_ptr_array_index (self->lines, i), GTK_INVALID_LIST_POSITION);
  if (model != NULL)
    {
      g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
      on_items_changed_cb (model, 0, old, g_list_model_get_n_items (model), self);
    }
  else
    gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GListModel *
anju_customer_table_get_model (AnjuCustomerTable *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_TABLE (self), NULL);

  return self->model;
}

/* ---- selection, cursor, scrolling ---------------------------------------- */

guint
anju_customer_table_get_selected (AnjuCustomerTable *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_TABLE (self), GTK_INVALID_LIST_POSITION);

  return self->selected;
}

void
anju_customer_table_unselect_all (AnjuCustomerTable *self)
{
  g_return_if_fail (ANJU_IS_CUSTOMER_TABLE (self));

  self->selected = GTK_INVALID_LIST_POSITION;
  update_line_states (self);
}

guint
anju_customer_table_get_cursor (AnjuCustomerTable *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_TABLE (self), GTK_INVALID_LIST_POSITION);

  return self->cursor;
}

int
anju_customer_table_get_row_height (AnjuCustomerTable *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_TABLE (self), 0);

  return self->row_height;
}

void
anju_customer_table_scroll_to (AnjuCustomerTable *self,
                               guint              position)
{
  GtkAdjustment *adjustment;
  double top, value, page;

  g_return_if_fail (ANJU_IS_CUSTOMER_TABLE (self));

  if (position >= self->n_items)
    return;
  ensure_row_height (self);
  adjustment = self->adjustment[GTK_ORIENTATION_VERTICAL];
  update_vadjustment (self);
  top = (double)position * self->row_height;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (top < value)
    value = top;
  else if (top + self->row_height > value + page)
    value = top + self->row_height - page;
  gtk_adjustment_set_value (adjustment, value);
}

void
anju_customer_table_set_cursor (AnjuCustomerTable *self,
                                guint              position)
{
  g_return_if_fail (ANJU_IS_CUSTOMER_TABLE (self));

  if (self->n_items == 0)
    return;
  position = MIN (position, self->n_items - 1);
  self->cursor = self->selected = position;
  anju_customer_table_scroll_to (self, position);
  update_line_states (self);
}

static void
activate_position (AnjuCustomerTable *self,
                   guint              position)
{
  if (position >= self->n_items)
    return;
  anju_customer_table_set_cursor (self, position);
  g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0, position);
}

static guint
rows_per_page (AnjuCustomerTable *self)
{
  if (self->row_height <= 0)
    return 1;
  return MAX (self->view_height / self->row_height, 1);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   AnjuCustomerTable     *self)
{
  guint cursor = self->cursor;
  guint last;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (cursor == GTK_INVALID_LIST_POSITION)
        return GDK_EVENT_PROPAGATE;
      activate_position (self, cursor);
      return GDK_EVENT_STOP;
    default:
      break;
    }

  if (self->n_items == 0)
    return GDK_EVENT_PROPAGATE;
  last = self->n_items - 1;
  if (cursor == GTK_INVALID_LIST_POSITION)
    cursor = 0;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      cursor = cursor > 0 ? cursor - 1 : 0;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      cursor = MIN (cursor + 1, last);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      cursor = cursor > rows_per_page (self) ? cursor - rows_per_page (self) : 0;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      cursor = MIN ((guint64)cursor + rows_per_page (self), last);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      cursor = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      cursor = last;
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }
  anju_customer_table_set_cursor (self, cursor);
  return GDK_EVENT_STOP;
}

static void
on_click_pressed_cb (GtkGestureClick   *gesture,
                     int                n_press,
                     double             x,
                     double             y,
                     AnjuCustomerTable *self)
{
  double offset;
  guint position;

  if (self->row_height <= 0 || y < self->header_height)
    return;
  offset = y - self->header_height +
           gtk_adjustment_get_value (self->adjustment[GTK_ORIENTATION_VERTICAL]);
  position = (guint)(offset / self->row_height);
  if (position >= self->n_items)
    return;
  if (gtk_widget_get_focus_on_click (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    activate_position (self, position);
  else
    anju_customer_table_set_cursor (self, position);
}

static void
on_focus_changed_cb (AnjuCustomerTable *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->cursor == GTK_INVALID_LIST_POSITION &&
      self->n_items > 0)
    self->cursor = MIN (first_position (self), self->n_items - 1);
  update_line_states (self);
}

/* ---- GtkScrollable ------------------------------------------------------- */

static void
on_adjustment_value_changed_cb (GtkAdjustment     *adjustment,
                                AnjuCustomerTable *self)
{
  if (adjustment == self->adjustment[GTK_ORIENTATION_VERTICAL])
    update_rows (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (AnjuCustomerTable *self,
                GtkOrientation     orientation,
                GtkAdjustment     *adjustment)
{
  if (adjustment != NULL && self->adjustment[orientation] == adjustment)
    return;
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (self->adjustment[orientation] != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->adjustment[orientation],
                                            on_adjustment_value_changed_cb, self);
      g_object_unref (self->adjustment[orientation]);
    }
  self->adjustment[orientation] = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed",
                    G_CALLBACK (on_adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- GObject ------------------------------------------------------------- */

static void
anju_customer_table_dispose (GObject *object)
{
  AnjuCustomerTable *self = ANJU_CUSTOMER_TABLE (object);

  if (self->update_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->update_tick);
      self->update_tick = 0;
    }
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
  self->n_items = 0;
  if (self->lines != NULL)
    set_n_lines (self, 0);
  g_clear_pointer (&self->header, gtk_widget_unparent);
  for (guint i = 0; i < 2; i++)
    if (self->adjustment[i] != NULL)
      {
        g_signal_handlers_disconnect_by_func (self->adjustment[i],
                                              on_adjustment_value_changed_cb, self);
        g_clear_object (&self->adjustment[i]);
      }

  G_OBJECT_CLASS (anju_customer_table_parent_class)->dispose (object);
}

static void
anju_customer_table_finalize (GObject *object)
{
  AnjuCustomerTable *self = ANJU_CUSTOMER_TABLE (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (anju_customer_table_parent_class)->finalize (object);
}

static void
anju_customer_table_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AnjuCustomerTable *self = ANJU_CUSTOMER_TABLE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->adjustment[GTK_ORIENTATION_HORIZONTAL]);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->adjustment[GTK_ORIENTATION_VERTICAL]);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->scroll_policy[GTK_ORIENTATION_HORIZONTAL]);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->scroll_policy[GTK_ORIENTATION_VERTICAL]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_customer_table_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AnjuCustomerTable *self = ANJU_CUSTOMER_TABLE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      anju_customer_table_set_model (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, GTK_ORIENTATION_VERTICAL, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
    case PROP_VSCROLL_POLICY:
      {
        GtkOrientation orientation = prop_id == PROP_HSCROLL_POLICY ? GTK_ORIENTATION_HORIZONTAL
                                                                    : GTK_ORIENTATION_VERTICAL;

        if (self->scroll_policy[orientation] != (guint)g_value_get_enum (value))
          {
            self->scroll_policy[orientation] = g_value_get_enum (value);
            gtk_widget_queue_resize (GTK_WIDGET (self));
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_customer_table_class_init (AnjuCustomerTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_customer_table_dispose;
  object_class->finalize = anju_customer_table_finalize;
  object_class->get_property = anju_customer_table_get_property;
  object_class->set_property = anju_customer_table_set_property;

  widget_class->measure = anju_customer_table_measure;
  widget_class->size_allocate = anju_customer_table_size_allocate;
  widget_class->snapshot = anju_customer_table_snapshot;
  widget_class->state_flags_changed = anju_customer_table_state_flags_changed;
  widget_class->root = anju_customer_table_root;
  widget_class->map = anju_customer_table_map;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * AnjuCustomerTable::activate:
   * @position: the row double-clicked or entered
   */
  signals[SIGNAL_ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "list");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
anju_customer_table_init (AnjuCustomerTable *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *keys;
  GtkGesture *click;

  self->selected = self->cursor = GTK_INVALID_LIST_POSITION;
  self->lines = g_ptr_array_new ();
  self->header = anju_table_line_new_header ();
  gtk_widget_set_parent (self->header, widget);
  set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, NULL);
  set_adjustment (self, GTK_ORIENTATION_VERTICAL, NULL);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (widget, "separators");
  gtk_widget_add_css_class (widget, "customer-table");

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "anju-customer-table-keys");
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (widget, keys);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect (self, "notify::has-focus", G_CALLBACK (on_focus_changed_cb), NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_ROW_COUNT, 1, -1);
}

GtkWidget *
anju_customer_table_new (void)
{
  return g_object_new (ANJU_TYPE_CUSTOMER_TABLE, NULL);
}
