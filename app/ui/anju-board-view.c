/* anju-board-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-board"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-board-view.h"
#include "anju-format.h"
#include "anju-money.h"
#include "anju-negotiation-view.h"
#include "anju-ui-util.h"
#include "anju-window.h"

/* Filters typed into entries wait for a pause in the typing. */
#define FILTER_DELAY_MS 250

struct _AnjuBoardView
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkRevealer    *panel_revealer;
  GtkDropDown    *building_dropdown;
  GtkLabel       *total_label;
  GtkLevelBar    *sold_bar;
  GtkLabel       *sold_label;
  GtkBox         *legend_box;
  GtkDropDown    *layout_dropdown;
  GtkDropDown    *status_dropdown;
  GtkEntry       *min_area_entry;
  GtkEntry       *max_area_entry;
  GtkEntry       *min_price_entry;
  GtkEntry       *max_price_entry;
  GtkLabel       *match_label;
  GtkStack       *board_stack;
  AdwStatusPage  *empty_page;
  GtkSpinner     *spinner;
  GtkScrolledWindow *scroller;
  GtkGrid        *grid;
  AnjuUnitPanel  *panel;

  /* owned */
  AnjuContext    *context;
  GCancellable   *cancellable;
  GtkStringList  *building_names;
  GPtrArray      *building_ids;       /* char*, in the dropdown's order */
  GtkStringList  *layouts;            /* item 0 is "Any layout" */
  GPtrArray      *cells;              /* AnjuUnitButton*, the pool */
  GPtrArray      *floor_labels;       /* GtkLabel*, the pool */
  GtkLabel       *legend_labels[ANJU_UNIT_STATUS_LAST + 1];
  char           *building_id;        /* wanted */
  char           *shown_building_id;  /* loaded */
  char           *selected_unit_id;
  guint           n_shown;
  guint           filter_timeout;
  guint           expiry_timeout;
  gboolean        loading;
  gboolean        again;              /* another refresh was asked for meanwhile */
  gboolean        dirty;              /* changed while unmapped */
  gboolean        filling;
};

G_DEFINE_FINAL_TYPE (AnjuBoardView, anju_board_view, ADW_TYPE_BIN)

static void refresh (AnjuBoardView *self);

/* ---- filters ------------------------------------------------------------ */

typedef struct
{
  char    *status;
  char    *layout;
  gint64   min_area;
  gint64   max_area;
  AnjuFen  min_price;
  AnjuFen  max_price;
} Filter;

static void
filter_clear (Filter *filter)
{
  g_clear_pointer (&filter->status, g_free);
  g_clear_pointer (&filter->layout, g_free);
}

static gboolean
filter_is_set (const Filter *filter)
{
  return filter->status != NULL || filter->layout != NULL || filter->min_area > 0 ||
         filter->max_area > 0 || filter->min_price > 0 || filter->max_price > 0;
}

static gboolean
read_area (GtkEntry *entry,
           gint64   *area)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean ok = TRUE;

  *area = 0;
  if (*text != '\0')
    ok = anju_area_parse (text, area, NULL);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return ok;
}

/* Sales offices talk about prices in 万 (ten thousand yuan): "300" is
 * ¥3,000,000.00. The entry is read as yuan by the money parser, which keeps
 * it exact, and scaled by 10,000. */
static gboolean
read_price (GtkEntry *entry,
            AnjuFen  *price)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean ok = TRUE;
  AnjuFen wan = 0;

  *price = 0;
  if (*text != '\0')
    ok = anju_money_parse (text, &wan, NULL) && wan > 0 && wan < G_MAXINT64 / 10000;
  if (ok)
    {
      *price = wan * 10000;
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return ok;
}

static void
read_filter (AnjuBoardView *self,
             Filter        *filter)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint layout = gtk_drop_down_get_selected (self->layout_dropdown);

  memset (filter, 0, sizeof *filter);
  if (status != GTK_INVALID_LIST_POSITION && status > 0 && status <= ANJU_UNIT_STATUS_LAST + 1)
    filter->status = g_strdup (anju_unit_status_to_string (status - 1));
  if (layout != GTK_INVALID_LIST_POSITION && layout > 0)
    filter->layout = g_strdup (gtk_string_list_get_string (self->layouts, layout));
  /* A bound that does not read is no bound; its entry shows the error. */
  read_area (self->min_area_entry, &filter->min_area);
  read_area (self->max_area_entry, &filter->max_area);
  read_price (self->min_price_entry, &filter->min_price);
  read_price (self->max_price_entry, &filter->max_price);
}

/* ---- the job ------------------------------------------------------------ */

typedef struct
{
  char   *project_id;
  char   *building_id;
  Filter  filter;
} BoardJob;

static void
board_job_free (BoardJob *job)
{
  g_free (job->project_id);
  g_free (job->building_id);
  filter_clear (&job->filter);
  g_free (job);
}

typedef struct
{
  GPtrArray  *buildings;     /* AnjuBuildingCounts* */
  char       *building_id;   /* the one loaded, or NULL when there is none */
  GPtrArray  *units;         /* AnjuUnitRow*, board order */
  GHashTable *matches;       /* unit ids the filter keeps; NULL: no filter */
} BoardData;

static void
board_data_free (BoardData *data)
{
  g_clear_pointer (&data->buildings, g_ptr_array_unref);
  g_clear_pointer (&data->building_id, g_free);
  g_clear_pointer (&data->units, g_ptr_array_unref);
  g_clear_pointer (&data->matches, g_hash_table_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoardData, board_data_free)

static gpointer
load_board (AnjuStore     *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  BoardJob *job = data;
  g_autoptr(BoardData) board = g_new0 (BoardData, 1);
  AnjuUnitFilter filter = { 0 };

  if (!(board->buildings = anju_units_count_by_building (store, job->project_id, error)))
    return NULL;
  for (guint i = 0; i < board->buildings->len && job->building_id != NULL; i++)
    {
      AnjuBuildingCounts *counts = g_ptr_array_index (board->buildings, i);

      if (g_strcmp0 (counts->building_id, job->building_id) == 0)
        board->building_id = g_strdup (job->building_id);
    }
  if (board->building_id == NULL && board->buildings->len > 0)
    board->building_id = g_strdup (((AnjuBuildingCounts *)g_ptr_array_index (board->buildings,
                                                                             0))->building_id);
  if (board->building_id == NULL)
    {
      board->units = g_ptr_array_new ();
      return g_steal_pointer (&board);
    }

  filter.project_id = job->project_id;
  filter.building_id = board->building_id;
  if (!(board->units = anju_units_list (store, &filter, error)))
    return NULL;

  if (filter_is_set (&job->filter))
    {
      g_autoptr(GPtrArray) matching = NULL;

      filter.status = job->filter.status;
      filter.layout = job->filter.layout;
      filter.min_area = job->filter.min_area;
      filter.max_area = job->filter.max_area;
      filter.min_price = job->filter.min_price;
      filter.max_price = job->filter.max_price;
      if (!(matching = anju_units_list (store, &filter, error)))
        return NULL;
      board->matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < matching->len; i++)
        g_hash_table_add (board->matches,
                          g_strdup (((AnjuUnitRow *)g_ptr_array_index (matching, i))->id));
    }
  return g_steal_pointer (&board);
}

/* ---- filling ------------------------------------------------------------ */

static void
update_buildings (AnjuBoardView *self,
                  GPtrArray     *buildings,
                  const char    *building_id)
{
  gboolean same = buildings->len == self->building_ids->len;
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; same && i < buildings->len; i++)
    same = g_str_equal (((AnjuBuildingCounts *)g_ptr_array_index (buildings, i))->building_id,
                        g_ptr_array_index (self->building_ids, i));
  if (!same)
    {
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      g_ptr_array_set_size (self->building_ids, 0);
      for (guint i = 0; i < buildings->len; i++)
        {
          AnjuBuildingCounts *counts = g_ptr_array_index (buildings, i);

          g_ptr_array_add (self->building_ids, g_strdup (counts->building_id));
          g_strv_builder_add (names, counts->building_name);
        }
      strv = g_strv_builder_end (names);
      gtk_string_list_splice (self->building_names, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->building_names)),
                              (const char * const *)strv);
    }
  for (guint i = 0; building_id != NULL && i < self->building_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->building_ids, i), building_id))
      position = i;
  if (gtk_drop_down_get_selected (self->building_dropdown) != position)
    gtk_drop_down_set_selected (self->building_dropdown, position);
}

static void
update_header (AnjuBoardView            *self,
               const AnjuBuildingCounts *counts)
{
  g_autofree char *total = NULL;
  g_autofree char *sold = NULL;
  guint sold_permille = counts ? counts->sold_permille : 0;

  total = g_strdup_printf (ngettext ("%u unit", "%u units", counts ? counts->total : 0),
                           counts ? counts->total : 0);
  gtk_label_set_label (self->total_label, total);
  /* Translators: the share of a building sold, in percent with one decimal */
  sold = g_strdup_printf (_("%u.%u%% sold"), sold_permille / 10, sold_permille % 10);
  gtk_label_set_label (self->sold_label, sold);
  gtk_level_bar_set_value (self->sold_bar, sold_permille / 1000.0);
  for (guint s = 0; s <= ANJU_UNIT_STATUS_LAST; s++)
    {
      g_autofree char *text = g_strdup_printf ("%s %u", anju_unit_status_get_label (s),
                                               counts ? counts->count[s] : 0);

      gtk_label_set_label (self->legend_labels[s], text);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* Layouts of the building that shows, for the layout filter; the chosen
 * one stays chosen when the next building has it too. */
static void
update_layouts (AnjuBoardView *self,
                GPtrArray     *units)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint chosen = gtk_drop_down_get_selected (self->layout_dropdown);
  g_autofree char *chosen_layout = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->layouts));
  gboolean same;

  if (chosen != GTK_INVALID_LIST_POSITION && chosen > 0)
    chosen_layout = g_strdup (gtk_string_list_get_string (self->layouts, chosen));
  for (guint i = 0; i < units->len; i++)
    {
      AnjuUnitRow *unit = g_ptr_array_index (units, i);

      if (unit->layout != NULL && g_hash_table_add (seen, unit->layout))
        g_ptr_array_add (found, unit->layout);
    }
  g_ptr_array_sort (found, compare_strings);

  same = found->len + 1 == n_items;
  for (guint i = 0; same && i < found->len; i++)
    same = g_str_equal (g_ptr_array_index (found, i),
                        gtk_string_list_get_string (self->layouts, i + 1));
  if (same)
    return;

  g_ptr_array_add (found, NULL);
  gtk_string_list_splice (self->layouts, 1, n_items - 1, (const char * const *)found->pdata);
  if (chosen_layout != NULL)
    {
      guint position = 0;

      for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->layouts)); i++)
        if (g_str_equal (gtk_string_list_get_string (self->layouts, i), chosen_layout))
          position = i;
      gtk_drop_down_set_selected (self->layout_dropdown, position);
    }
}

static void
place (GtkWidget *child,
       GtkGrid   *grid,
       int        column,
       int        row)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (grid));
  GtkGridLayoutChild *layout_child;

  if (gtk_widget_get_parent (child) == NULL)
    {
      gtk_grid_attach (grid, child, column, row, 1, 1);
      return;
    }
  layout_child = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, child));
  if (gtk_grid_layout_child_get_column (layout_child) != column)
    gtk_grid_layout_child_set_column (layout_child, column);
  if (gtk_grid_layout_child_get_row (layout_child) != row)
    gtk_grid_layout_child_set_row (layout_child, row);
}

static GtkWidget *
get_cell (AnjuBoardView *self,
          guint          index)
{
  GtkWidget *cell;

  if (index < self->cells->len)
    return g_ptr_array_index (self->cells, index);
  cell = anju_unit_button_new ();
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cell), "board.show-unit");
  g_ptr_array_add (self->cells, cell);
  return cell;
}

static GtkWidget *
get_floor_label (AnjuBoardView *self,
                 guint          index)
{
  GtkWidget *label;

  if (index < self->floor_labels->len)
    return g_ptr_array_index (self->floor_labels, index);
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "floor-label");
  g_ptr_array_add (self->floor_labels, label);
  return label;
}

static void
fill_grid (AnjuBoardView *self,
           GPtrArray     *units,
           GHashTable    *matches)
{
  guint n_floors = 0, column = 0, n_matching = 0;
  int floor = G_MININT;

  for (guint i = 0; i < units->len; i++)
    {
      AnjuUnitRow *unit = g_ptr_array_index (units, i);
      GtkWidget *cell = get_cell (self, i);
      gboolean matching = matches == NULL || g_hash_table_contains (matches, unit->id);

      if (unit->floor != floor)
        {
          GtkWidget *label = get_floor_label (self, n_floors);
          g_autofree char *text = NULL;

          floor = unit->floor;
          column = 0;
          /* Translators: a floor on the sales board, "18F"; keep it short */
          text = g_strdup_printf (_("%dF"), floor);
          gtk_label_set_label (GTK_LABEL (label), text);
          place (label, self->grid, 0, n_floors);
          gtk_widget_set_visible (label, TRUE);
          n_floors++;
        }
      anju_unit_button_set_unit (ANJU_UNIT_BUTTON (cell), unit);
      anju_unit_button_set_matches (ANJU_UNIT_BUTTON (cell), matching);
      n_matching += matching;
      gtk_actionable_set_action_target (GTK_ACTIONABLE (cell), "s", unit->id);
      if (g_strcmp0 (unit->id, self->selected_unit_id) == 0)
        gtk_widget_add_css_class (cell, "selected");
      else
        gtk_widget_remove_css_class (cell, "selected");
      place (cell, self->grid, ++column, n_floors - 1);
      gtk_widget_set_visible (cell, TRUE);
    }
  /* The rest of the pool waits, hidden, for a larger building. */
  for (guint i = units->len; i < self->cells->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->cells, i), FALSE);
  for (guint i = n_floors; i < self->floor_labels->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->floor_labels, i), FALSE);
  self->n_shown = units->len;

  if (matches != NULL)
    {
      g_autofree char *text =
        /* Translators: how many units of the building the filters keep */
        g_strdup_printf (ngettext ("%u of %u unit matches", "%u of %u units match", units->len),
                         n_matching, units->len);
      gtk_label_set_label (self->match_label, text);
    }
  else
    gtk_label_set_label (self->match_label, "");
}

/* The panel lies over the board's right side; the board makes room for it
 * so that no unit hides under it. */
static void
set_panel_revealed (AnjuBoardView *self,
                    gboolean       revealed)
{
  int panel_width;

  gtk_widget_get_size_request (GTK_WIDGET (self->panel), &panel_width, NULL);
  gtk_revealer_set_reveal_child (self->panel_revealer, revealed);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), revealed ? panel_width + 18 : 18);
}

static gboolean
on_expiry_timeout_cb (gpointer user_data)
{
  AnjuBoardView *self = user_data;

  self->expiry_timeout = 0;
  refresh (self);
  /* The panel shows the status too. */
  if (anju_unit_panel_get_unit_id (self->panel) != NULL)
    anju_unit_panel_show_unit (self->panel, anju_unit_panel_get_unit_id (self->panel));
  return G_SOURCE_REMOVE;
}

/* An expired hold is released everywhere at once; show it when it is. */
static void
schedule_expiry (AnjuBoardView *self,
                 GPtrArray     *units)
{
  gint64 now = g_get_real_time ();
  gint64 next = 0;

  g_clear_handle_id (&self->expiry_timeout, g_source_remove);
  for (guint i = 0; i < units->len; i++)
    {
      AnjuUnitRow *unit = g_ptr_array_index (units, i);

      if (unit->status == ANJU_UNIT_HELD && unit->hold_expires_at > now &&
          (next == 0 || unit->hold_expires_at < next))
        next = unit->hold_expires_at;
    }
  if (next > 0)
    self->expiry_timeout = g_timeout_add_seconds ((guint)((next - now) / G_USEC_PER_SEC) + 1,
                                                  on_expiry_timeout_cb, self);
}

/* The board has nothing to show, and says why. */
static void
show_empty (AnjuBoardView *self,
            const char    *title,
            const char    *description)
{
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->board_stack, "empty");
}

static void
fill (AnjuBoardView *self,
      BoardData     *data)
{
  const AnjuBuildingCounts *counts = NULL;

  self->filling = TRUE;
  update_buildings (self, data->buildings, data->building_id);
  for (guint i = 0; i < data->buildings->len; i++)
    {
      AnjuBuildingCounts *c = g_ptr_array_index (data->buildings, i);

      if (g_strcmp0 (c->building_id, data->building_id) == 0)
        counts = c;
    }
  update_header (self, counts);
  update_layouts (self, data->units);
  if (g_strcmp0 (self->shown_building_id, data->building_id) != 0)
    {
      g_free (self->shown_building_id);
      self->shown_building_id = g_strdup (data->building_id);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller), 0);
    }
  if (self->building_id == NULL)
    self->building_id = g_strdup (data->building_id);
  fill_grid (self, data->units, data->matches);
  schedule_expiry (self, data->units);
  if (data->units->len == 0)
    show_empty (self, _("No Units Yet"),
                _("This project has no buildings with units. A manager imports the price "
                  "list (anjuctl units import)."));
  else
    gtk_stack_set_visible_child_name (self->board_stack, "board");
  self->filling = FALSE;
}

static void
on_board_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AnjuBoardView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BoardData) data = anju_worker_run_finish (ANJU_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (data == NULL)
    anju_widget_show_toast (GTK_WIDGET (self), error->message);
  else
    fill (self, data);
  if (self->again)
    {
      self->again = FALSE;
      refresh (self);
    }
}

static void
refresh (AnjuBoardView *self)
{
  const AnjuProject *project;
  BoardJob *job;

  if (self->context == NULL || anju_context_get_user (self->context) == NULL)
    return;
  if ((project = anju_context_get_project (self->context)) == NULL)
    {
      /* A desk that joined an office gets its projects with the first
       * sync; one alone has none until someone creates it. */
      if (anju_context_get_sync_client (self->context) != NULL)
        show_empty (self, _("No Project Yet"),
                    _("This computer has not received the office’s project yet. It comes with "
                      "the next sync; if it does not, ask IT whether the office server has a "
                      "project."));
      else
        show_empty (self, _("No Project Yet"),
                    _("This database has no project. IT creates one (anjuctl projects create) "
                      "and imports its price list."));
      return;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  /* One trip at a time; changes that come meanwhile make one more. */
  if (self->loading)
    {
      self->again = TRUE;
      return;
    }
  self->dirty = FALSE;
  self->loading = TRUE;
  if (self->shown_building_id == NULL)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->board_stack, "loading");
    }

  job = g_new0 (BoardJob, 1);
  job->project_id = g_strdup (project->id);
  job->building_id = g_strdup (self->building_id);
  read_filter (self, &job->filter);
  anju_worker_run_async (anju_context_get_worker (self->context),
                         load_board, job, (GDestroyNotify)board_job_free,
                         (GDestroyNotify)board_data_free,
                         self->cancellable,
                         on_board_loaded_cb, g_object_ref (self));
}

/* ---- signals ------------------------------------------------------------ */

static void
on_building_selected_cb (AnjuBoardView *self)
{
  guint position = gtk_drop_down_get_selected (self->building_dropdown);

  if (self->filling || position == GTK_INVALID_LIST_POSITION ||
      position >= self->building_ids->len)
    return;
  anju_board_view_show_building (self, g_ptr_array_index (self->building_ids, position));
}

static void
on_filter_changed_cb (AnjuBoardView *self)
{
  if (!self->filling)
    refresh (self);
}

static gboolean
on_filter_timeout_cb (gpointer user_data)
{
  AnjuBoardView *self = user_data;

  self->filter_timeout = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_filter_text_changed_cb (AnjuBoardView *self)
{
  g_clear_handle_id (&self->filter_timeout, g_source_remove);
  self->filter_timeout = g_timeout_add (FILTER_DELAY_MS, on_filter_timeout_cb, self);
}

static void
on_context_changed_cb (AnjuBoardView      *self,
                       const char * const *topics)
{
  static const char * const watched[] = { "units", "prices", NULL };

  if (anju_topics_match (topics, watched))
    refresh (self);
}

static void
reset (AnjuBoardView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = FALSE;
  self->again = FALSE;
  g_clear_handle_id (&self->expiry_timeout, g_source_remove);
  g_clear_pointer (&self->selected_unit_id, g_free);
  set_panel_revealed (self, FALSE);
  anju_unit_panel_show_unit (self->panel, NULL);
}

static void
on_user_changed_cb (AnjuBoardView *self)
{
  reset (self);
  if (anju_context_get_user (self->context) != NULL)
    refresh (self);
}

static void
on_project_changed_cb (AnjuBoardView *self)
{
  reset (self);
  g_clear_pointer (&self->building_id, g_free);
  g_clear_pointer (&self->shown_building_id, g_free);
  refresh (self);
}

static void
on_panel_close_cb (AnjuBoardView *self)
{
  set_panel_revealed (self, FALSE);
}

static void
on_panel_negotiate_cb (AnjuBoardView *self,
                       const char    *unit_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *desk;

  if (!ANJU_IS_WINDOW (root))
    return;
  desk = anju_window_get_view (ANJU_WINDOW (root), "negotiation");
  if (!ANJU_IS_NEGOTIATION_VIEW (desk))
    return;
  anju_negotiation_view_set_unit (ANJU_NEGOTIATION_VIEW (desk), unit_id);
  anju_window_show_view (ANJU_WINDOW (root), "negotiation");
}

/* ---- actions ------------------------------------------------------------ */

static void
show_unit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AnjuBoardView *self = ANJU_BOARD_VIEW (widget);
  const char *unit_id = g_variant_get_string (parameter, NULL);

  g_free (self->selected_unit_id);
  self->selected_unit_id = g_strdup (unit_id);
  for (guint i = 0; i < self->n_shown; i++)
    {
      AnjuUnitButton *cell = g_ptr_array_index (self->cells, i);

      if (g_strcmp0 (anju_unit_button_get_unit_id (cell), unit_id) == 0)
        gtk_widget_add_css_class (GTK_WIDGET (cell), "selected");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (cell), "selected");
    }
  anju_unit_panel_show_unit (self->panel, unit_id);
  set_panel_revealed (self, TRUE);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AnjuBoardView *self = ANJU_BOARD_VIEW (widget);

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->layout_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->min_area_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->max_area_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->min_price_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->max_price_entry), "");
  self->filling = FALSE;
  g_clear_handle_id (&self->filter_timeout, g_source_remove);
  refresh (self);
}

/* ---- GtkWidget ---------------------------------------------------------- */

static void
anju_board_view_map (GtkWidget *widget)
{
  AnjuBoardView *self = ANJU_BOARD_VIEW (widget);

  GTK_WIDGET_CLASS (anju_board_view_parent_class)->map (widget);

  if (self->dirty || self->shown_building_id == NULL)
    refresh (self);
}

static gboolean
anju_board_view_grab_focus (GtkWidget *widget)
{
  AnjuBoardView *self = ANJU_BOARD_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->building_dropdown));
}

/* ---- GObject ------------------------------------------------------------ */

static void
anju_board_view_dispose (GObject *object)
{
  AnjuBoardView *self = (AnjuBoardView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->filter_timeout, g_source_remove);
  g_clear_handle_id (&self->expiry_timeout, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);


  G_OBJECT_CLASS (anju_board_view_parent_class)->dispose (object);
}

static void
anju_board_view_finalize (GObject *object)
{
  AnjuBoardView *self = (AnjuBoardView *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->building_names);
  g_clear_object (&self->layouts);
  g_clear_pointer (&self->building_ids, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->floor_labels, g_ptr_array_unref);
  g_clear_pointer (&self->building_id, g_free);
  g_clear_pointer (&self->shown_building_id, g_free);
  g_clear_pointer (&self->selected_unit_id, g_free);

  G_OBJECT_CLASS (anju_board_view_parent_class)->finalize (object);
}

static void
anju_board_view_class_init (AnjuBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anju_board_view_dispose;
  object_class->finalize = anju_board_view_finalize;

  widget_class->map = anju_board_view_map;
  widget_class->grab_focus = anju_board_view_grab_focus;

  g_type_ensure (ANJU_TYPE_UNIT_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/anju/Anju/ui/anju-board-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, panel_revealer);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, building_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, total_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, sold_bar);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, sold_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, layout_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, min_area_entry);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, max_area_entry);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, min_price_entry);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, max_price_entry);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, match_label);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, board_stack);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, spinner);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, grid);
  gtk_widget_class_bind_template_child (widget_class, AnjuBoardView, panel);
  gtk_widget_class_bind_template_callback (widget_class, on_building_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_panel_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_panel_negotiate_cb);

  gtk_widget_class_install_action (widget_class, "board.show-unit", "s", show_unit_action);
  gtk_widget_class_install_action (widget_class, "board.clear-filters", NULL,
                                   clear_filters_action);
}

static void
add_legend_item (AnjuBoardView  *self,
                 AnjuUnitStatus  status)
{
  GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (swatch, "unit-swatch");
  gtk_widget_add_css_class (swatch, anju_unit_status_get_css_class (status));
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (item), swatch);
  gtk_box_append (GTK_BOX (item), label);
  gtk_box_append (self->legend_box, item);
  self->legend_labels[status] = GTK_LABEL (label);
}

static void
anju_board_view_init (AnjuBoardView *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->building_ids = g_ptr_array_new_with_free_func (g_free);
  self->cells = g_ptr_array_new ();
  self->floor_labels = g_ptr_array_new ();

  self->filling = TRUE;
  self->building_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->building_dropdown, G_LIST_MODEL (self->building_names));

  self->layouts = gtk_string_list_new (NULL);
  gtk_string_list_append (self->layouts, _("Any layout"));
  gtk_drop_down_set_model (self->layout_dropdown, G_LIST_MODEL (self->layouts));

  gtk_string_list_append (statuses, _("Any status"));
  for (guint s = 0; s <= ANJU_UNIT_STATUS_LAST; s++)
    {
      gtk_string_list_append (statuses, anju_unit_status_get_label (s));
      add_legend_item (self, s);
    }
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  self->filling = FALSE;

  /* A share sold is no alarm: one colour whatever the level. */
  gtk_level_bar_remove_offset_value (self->sold_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->sold_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->sold_bar, GTK_LEVEL_BAR_OFFSET_FULL);

  update_header (self, NULL);
}

GtkWidget *
anju_board_view_new (AnjuContext *context)
{
  AnjuBoardView *self;

  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  self = g_object_new (ANJU_TYPE_BOARD_VIEW, NULL);
  anju_board_view_set_context (self, context);
  return GTK_WIDGET (self);
}

void
anju_board_view_set_context (AnjuBoardView *self,
                             AnjuContext   *context)
{
  g_return_if_fail (ANJU_IS_BOARD_VIEW (self));
  g_return_if_fail (ANJU_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  anju_unit_panel_set_context (self->panel, context);
  g_signal_connect_object (context, "changed",
                           G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user",
                           G_CALLBACK (on_user_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::project-name",
                           G_CALLBACK (on_project_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

void
anju_board_view_show_building (AnjuBoardView *self,
                               const char    *building_id)
{
  g_return_if_fail (ANJU_IS_BOARD_VIEW (self));
  g_return_if_fail (building_id != NULL);

  if (g_strcmp0 (self->building_id, building_id) == 0)
    return;
  g_free (self->building_id);
  self->building_id = g_strdup (building_id);
  g_clear_pointer (&self->selected_unit_id, g_free);
  set_panel_revealed (self, FALSE);
  refresh (self);
}

const char *
anju_board_view_get_building_id (AnjuBoardView *self)
{
  g_return_val_if_fail (ANJU_IS_BOARD_VIEW (self), NULL);

  return self->shown_building_id;
}

gboolean
anju_board_view_get_loading (AnjuBoardView *self)
{
  g_return_val_if_fail (ANJU_IS_BOARD_VIEW (self), FALSE);

  return self->loading || self->again || self->filter_timeout != 0;
}

AnjuUnitButton *
anju_board_view_find_unit_button (AnjuBoardView *self,
                                  const char    *label)
{
  g_return_val_if_fail (ANJU_IS_BOARD_VIEW (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  for (guint i = 0; i < self->n_shown; i++)
    {
      AnjuUnitButton *cell = g_ptr_array_index (self->cells, i);

      if (g_strcmp0 (anju_unit_button_get_unit_label (cell), label) == 0)
        return cell;
    }
  return NULL;
}

AnjuUnitPanel *
anju_board_view_get_panel (AnjuBoardView *self)
{
  g_return_val_if_fail (ANJU_IS_BOARD_VIEW (self), NULL);

  return self->panel;
}
