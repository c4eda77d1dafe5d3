/* anju-paper.c — laying a paper out on A4 and drawing it with cairo + Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the expanded blocks both counts the pages and draws one of
 * them: the pager walks down the sheet, moves to the next page when a block
 * (a table: a row) does not fit, and draws only while it is on the page
 * asked for. Layouts come from a Pango context of our own at 72 dpi with
 * hinting off, so text measures the same on a PDF surface and on a
 * printer's cairo context, and the page breaks never differ between the
 * two.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "anju-paper-private.h"
#include "anju-paths.h"

G_DEFINE_QUARK (anju-paper-error-quark, anju_paper_error)

#define MARGIN_X      48.2      /* 17 mm */
#define MARGIN_TOP    50.0
#define CONTENT_BOTTOM (ANJU_PAPER_HEIGHT - 64.0)
#define CONTENT_WIDTH (ANJU_PAPER_WIDTH - 2 * MARGIN_X)
#define CELL_PAD      4.0
#define RULE_WIDTH    0.6
#define LIST_GUTTER   20.0

static const char * const kind_names[ANJU_PAPER_N_KINDS] = {
  "subscription",
  "payment-plan",
  "receipt",
  "signing-notice",
  "mortgage-notice",
};

const char *
anju_paper_kind_to_string (AnjuPaperKind kind)
{
  g_return_val_if_fail (kind < ANJU_PAPER_N_KINDS, NULL);
  return kind_names[kind];
}

int
anju_paper_kind_from_string (const char *name)
{
  for (guint i = 0; name != NULL && i < ANJU_PAPER_N_KINDS; i++)
    if (g_str_equal (name, kind_names[i]))
      return i;
  return -1;
}

/* --- building ---------------------------------------------------------- */

AnjuPaper *
anju_paper_new_from_file (const char  *template_path,
                          JsonObject  *model,
                          GError     **error)
{
  g_autoptr(AnjuPaper) paper = g_new0 (AnjuPaper, 1);

  g_return_val_if_fail (template_path != NULL && model != NULL, NULL);

  paper->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_paper_block_free);
  paper->stamps = g_ptr_array_new_with_free_func ((GDestroyNotify) anju_paper_stamp_free);
  if (!anju_paper_expand_template (paper, template_path, model, error))
    return NULL;
  return g_steal_pointer (&paper);
}

AnjuPaper *
anju_paper_new (AnjuPaperKind  kind,
                JsonObject    *model,
                GError       **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (kind >= ANJU_PAPER_N_KINDS)
    {
      g_set_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_UNKNOWN_KIND,
                   _("There is no such paper. Use subscription, payment-plan, receipt, signing-notice or mortgage-notice."));
      return NULL;
    }
  file = g_strconcat (kind_names[kind], ".json", NULL);
  path = anju_paths_build_data_file ("templates", file, NULL);
  return anju_paper_new_from_file (path, model, error);
}

void
anju_paper_free (AnjuPaper *paper)
{
  if (paper == NULL)
    return;
  g_free (paper->title);
  g_free (paper->font);
  g_free (paper->bold_font);
  g_free (paper->footer);
  g_free (paper->page_number);
  g_clear_pointer (&paper->blocks, g_ptr_array_unref);
  g_clear_pointer (&paper->stamps, g_ptr_array_unref);
  g_free (paper);
}

const char *
anju_paper_get_title (AnjuPaper *paper)
{
  return paper->title;
}

/* --- the pager --------------------------------------------------------- */

typedef struct
{
  AnjuPaper    *paper;
  PangoContext *pango;
  cairo_t      *cr;          /* NULL while only counting pages */
  guint         target;
  guint         page;
  double        y;
  double        target_end;  /* how far down the target page was filled */
} Pager;

static PangoContext *
create_pango_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  cairo_font_options_destroy (options);
  return context;
}

static gboolean
drawing (Pager *pager)
{
  return pager->cr != NULL && pager->page == pager->target;
}

static PangoLayout *
make_layout (Pager          *pager,
             const char     *text,
             double          scale,
             gboolean        bold,
             double          width,
             AnjuPaperAlign  align)
{
  PangoLayout *layout = pango_layout_new (pager->pango);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  static const PangoAlignment alignments[] = {
    PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT,
  };

  pango_font_description_set_family (font, bold ? pager->paper->bold_font : pager->paper->font);
  pango_font_description_set_size (font, pager->paper->font_size * scale * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, width < 0 ? -1 : (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignments[align]);
  pango_layout_set_line_spacing (layout, 1.2);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
show_layout (Pager       *pager,
             PangoLayout *layout,
             double       x,
             double       y)
{
  if (!drawing (pager))
    return;
  cairo_move_to (pager->cr, x, y);
  pango_cairo_show_layout (pager->cr, layout);
}

static void
next_page (Pager *pager)
{
  if (pager->page == pager->target)
    pager->target_end = pager->y;
  pager->page++;
  pager->y = MARGIN_TOP;
}

/* Moves to the next page unless @height fits below; a block taller than a
 * page starts at the top and runs over the foot rather than looping. */
static void
ensure_space (Pager  *pager,
              double  height)
{
  if (pager->y + height > CONTENT_BOTTOM && pager->y > MARGIN_TOP + 0.5)
    next_page (pager);
}

static void
stroke_rect (Pager  *pager,
             double  x,
             double  y,
             double  width,
             double  height,
             double  fill)
{
  cairo_t *cr = pager->cr;

  if (!drawing (pager))
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  if (fill < 1.0)
    {
      cairo_set_source_rgb (cr, fill, fill, fill);
      cairo_fill_preserve (cr);
    }
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  cairo_set_line_width (cr, RULE_WIDTH);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
hline (Pager  *pager,
       double  x0,
       double  x1,
       double  y,
       double  width)
{
  if (!drawing (pager))
    return;
  cairo_save (pager->cr);
  cairo_set_source_rgb (pager->cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (pager->cr, width);
  cairo_move_to (pager->cr, x0, y);
  cairo_line_to (pager->cr, x1, y);
  cairo_stroke (pager->cr);
  cairo_restore (pager->cr);
}

/* --- blocks ------------------------------------------------------------ */

/* Title, meta line, heading and paragraph: one wrapped text. */
static void
place_text (Pager          *pager,
            AnjuPaperBlock *block)
{
  double scale = 1.0, before = 0, after = 6;
  gboolean bold = block->bold;
  AnjuPaperAlign align = block->align;
  g_autoptr(PangoLayout) layout = NULL;
  double height;

  switch (block->type)
    {
    case ANJU_BLOCK_TITLE:
      scale = 1.9, bold = TRUE, align = ANJU_PAPER_ALIGN_CENTER, after = 10;
      break;
    case ANJU_BLOCK_META:
      scale = 0.86, after = 2;
      break;
    case ANJU_BLOCK_HEADING:
      scale = 1.1, bold = TRUE, before = 8, after = 5;
      break;
    default:
      scale = block->small ? 0.86 : 1.0;
      break;
    }
  layout = make_layout (pager, block->text, scale, bold,
                        block->type == ANJU_BLOCK_HEADING ? CONTENT_WIDTH - 8 : CONTENT_WIDTH,
                        align);
  height = layout_height (layout);
  ensure_space (pager, before + height);
  if (pager->y > MARGIN_TOP + 0.5)
    pager->y += before;
  if (block->type == ANJU_BLOCK_HEADING && drawing (pager))
    {
      cairo_save (pager->cr);
      cairo_set_source_rgb (pager->cr, 0.55, 0.1, 0.1);
      cairo_rectangle (pager->cr, MARGIN_X, pager->y + 2, 3, height - 4);
      cairo_fill (pager->cr);
      cairo_restore (pager->cr);
    }
  show_layout (pager, layout,
               block->type == ANJU_BLOCK_HEADING ? MARGIN_X + 8 : MARGIN_X, pager->y);
  pager->y += height + after;
}

/* The widest label of @block, unwrapped, plus padding: the label column of
 * every cell, so the values get the rest (the amount in capitals beside
 * the amount in figures fits on its line). */
static double
measure_label_width (Pager          *pager,
                     AnjuPaperBlock *block,
                     double          cell_width)
{
  double widest = 0;

  for (guint i = 0; i < block->cells->len; i++)
    {
      AnjuPaperField *field = g_ptr_array_index (block->cells, i);
      g_autoptr(PangoLayout) layout = make_layout (pager, field->label, 0.9, FALSE, -1,
                                                   ANJU_PAPER_ALIGN_LEFT);
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      widest = MAX (widest, (double) logical.width / PANGO_SCALE);
    }
  return MIN (widest + 2 * CELL_PAD + 2, cell_width * 0.45);
}

/* How many fields from @first make one row: as many as fit in the columns.
 * The last field of a row is stretched to its end (*last_span). */
static guint
count_row (AnjuPaperBlock *block,
           guint           first,
           guint          *last_span)
{
  guint used = 0, n = 0;

  for (guint i = first; i < block->cells->len; i++)
    {
      AnjuPaperField *field = g_ptr_array_index (block->cells, i);

      if (n > 0 && used + field->span > block->columns)
        break;
      used += field->span;
      n++;
      *last_span = field->span;
    }
  if (used < block->columns)
    *last_span += block->columns - used;
  return n;
}

/* Label–value pairs in a boxed grid of block->columns pairs a row; a field
 * may span several. */
static void
place_fields (Pager          *pager,
              AnjuPaperBlock *block)
{
  double cell_width = CONTENT_WIDTH / block->columns;
  double label_width = measure_label_width (pager, block, cell_width);
  guint i = 0;

  while (i < block->cells->len)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (guint));
      double row_height = 0, x = MARGIN_X;
      guint last_span = 1;
      guint n = count_row (block, i, &last_span);

      for (guint f = 0; f < n; f++)
        {
          AnjuPaperField *field = g_ptr_array_index (block->cells, i + f);
          guint span = f + 1 == n ? last_span : field->span;
          PangoLayout *label, *value;

          label = make_layout (pager, field->label, 0.9, FALSE, label_width - 2 * CELL_PAD,
                               ANJU_PAPER_ALIGN_LEFT);
          value = make_layout (pager, field->value, 1.0, FALSE,
                               cell_width * span - label_width - 2 * CELL_PAD,
                               ANJU_PAPER_ALIGN_LEFT);
          row_height = MAX (row_height, MAX (layout_height (label), layout_height (value)));
          g_ptr_array_add (labels, label);
          g_ptr_array_add (values, value);
          g_array_append_val (spans, span);
        }
      i += n;
      row_height += 2 * CELL_PAD;
      ensure_space (pager, row_height);
      for (guint f = 0; f < labels->len; f++)
        {
          guint span = g_array_index (spans, guint, f);
          double width = cell_width * span;

          stroke_rect (pager, x, pager->y, label_width, row_height, 0.93);
          stroke_rect (pager, x + label_width, pager->y, width - label_width, row_height, 1.0);
          show_layout (pager, g_ptr_array_index (labels, f), x + CELL_PAD,
                       pager->y + CELL_PAD + 0.5);
          show_layout (pager, g_ptr_array_index (values, f), x + label_width + CELL_PAD,
                       pager->y + CELL_PAD);
          x += width;
        }
      pager->y += row_height;
    }
  pager->y += 8;
}

static void
place_list (Pager          *pager,
            AnjuPaperBlock *block)
{
  for (guint i = 0; i < block->cells->len; i++)
    {
      g_autofree char *mark = block->numbered ? g_strdup_printf ("%u.", i + 1) : g_strdup ("•");
      g_autoptr(PangoLayout) number = make_layout (pager, mark, block->small ? 0.86 : 1.0,
                                                   FALSE, LIST_GUTTER - 4, ANJU_PAPER_ALIGN_RIGHT);
      g_autoptr(PangoLayout) text = make_layout (pager, g_ptr_array_index (block->cells, i),
                                                 block->small ? 0.86 : 1.0, block->bold,
                                                 CONTENT_WIDTH - LIST_GUTTER,
                                                 ANJU_PAPER_ALIGN_LEFT);
      double height = layout_height (text);

      ensure_space (pager, height);
      show_layout (pager, number, MARGIN_X, pager->y);
      show_layout (pager, text, MARGIN_X + LIST_GUTTER, pager->y);
      pager->y += height + 3;
    }
  pager->y += 4;
}

/* One table row of @cells; @fill < 1 shades it (heading, totals). */
static double
measure_row (Pager          *pager,
             AnjuPaperBlock *block,
             GPtrArray      *cells,
             gboolean        bold,
             const double   *widths,
             GPtrArray      *layouts)
{
  double height = 0;

  for (guint c = 0; c < cells->len; c++)
    {
      PangoLayout *layout = make_layout (pager, g_ptr_array_index (cells, c), 0.86, bold,
                                         widths[c] - 2 * CELL_PAD,
                                         g_array_index (block->aligns, AnjuPaperAlign, c));

      height = MAX (height, layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  return height + 2 * 3.0;
}

static void
draw_row (Pager        *pager,
          GPtrArray    *layouts,
          const double *widths,
          double        height,
          double        fill)
{
  double x = MARGIN_X;

  for (guint c = 0; c < layouts->len; c++)
    {
      stroke_rect (pager, x, pager->y, widths[c], height, fill);
      show_layout (pager, g_ptr_array_index (layouts, c), x + CELL_PAD, pager->y + 3.0);
      x += widths[c];
    }
  pager->y += height;
}

static void
place_table (Pager          *pager,
             AnjuPaperBlock *block)
{
  guint n = block->titles->len;
  g_autofree double *widths = g_new0 (double, n);
  g_autoptr(GPtrArray) head = g_ptr_array_new_with_free_func (g_object_unref);
  double total = 0, head_height;

  for (guint c = 0; c < n; c++)
    total += g_array_index (block->widths, double, c);
  for (guint c = 0; c < n; c++)
    widths[c] = CONTENT_WIDTH * g_array_index (block->widths, double, c) / total;
  head_height = measure_row (pager, block, block->titles, TRUE, widths, head);

  ensure_space (pager, head_height * 2);
  draw_row (pager, head, widths, head_height, 0.88);
  for (guint r = 0; r <= block->rows->len; r++)
    {
      g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
      GPtrArray *cells = r < block->rows->len ? g_ptr_array_index (block->rows, r) : block->footer;
      gboolean footer = r == block->rows->len;
      double height;
      guint page;

      if (cells == NULL)
        break;
      height = measure_row (pager, block, cells, footer, widths, layouts);
      page = pager->page;
      ensure_space (pager, height);
      if (pager->page != page)
        draw_row (pager, head, widths, head_height, 0.88);
      draw_row (pager, layouts, widths, height, footer ? 0.95 : 1.0);
    }
  pager->y += 8;
}

/* Places to sign, side by side: a label, a line to sign on, a date line. */
static void
place_signatures (Pager          *pager,
                  AnjuPaperBlock *block)
{
  guint n = MAX (1, block->cells->len);
  double width = CONTENT_WIDTH / n;
  double height = 0;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PangoLayout) date = NULL;

  for (guint i = 0; i < block->cells->len; i++)
    {
      PangoLayout *layout = make_layout (pager, g_ptr_array_index (block->cells, i), 1.0, FALSE,
                                         width - 12, ANJU_PAPER_ALIGN_LEFT);

      height = MAX (height, layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  if (block->text != NULL)
    date = make_layout (pager, block->text, 0.9, FALSE, width - 12, ANJU_PAPER_ALIGN_LEFT);
  ensure_space (pager, 12 + height + 28 + (date ? layout_height (date) + 4 : 0));
  pager->y += 12;
  for (guint i = 0; i < layouts->len; i++)
    {
      double x = MARGIN_X + i * width;

      show_layout (pager, g_ptr_array_index (layouts, i), x, pager->y);
      hline (pager, x, x + width - 16, pager->y + height + 20, RULE_WIDTH);
      if (date != NULL)
        show_layout (pager, date, x, pager->y + height + 26);
    }
  pager->y += height + 28 + (date ? layout_height (date) : 0) + 4;
}

static void
place_block (Pager          *pager,
             AnjuPaperBlock *block)
{
  /* "keep": start the block only with that much room left on the page,
   * so a heading stays with what follows it */
  if (block->keep > 0)
    ensure_space (pager, block->keep);
  switch (block->type)
    {
    case ANJU_BLOCK_FIELDS:
      place_fields (pager, block);
      break;
    case ANJU_BLOCK_LIST:
      place_list (pager, block);
      break;
    case ANJU_BLOCK_TABLE:
      place_table (pager, block);
      break;
    case ANJU_BLOCK_SIGNATURES:
      place_signatures (pager, block);
      break;
    case ANJU_BLOCK_SPACER:
      pager->y += block->height;
      break;
    default:
      place_text (pager, block);
      break;
    }
}

/* Walks every block; returns the number of pages. */
static guint
run_pager (Pager *pager)
{
  pager->page = 0;
  pager->y = MARGIN_TOP;
  pager->target_end = -1;
  for (guint i = 0; i < pager->paper->blocks->len; i++)
    place_block (pager, g_ptr_array_index (pager->paper->blocks, i));
  if (pager->page == pager->target)
    pager->target_end = pager->y;
  return pager->page + 1;
}

guint
anju_paper_get_n_pages (AnjuPaper *paper)
{
  if (paper->n_pages == 0)
    {
      Pager pager = { paper, create_pango_context (), NULL, 0 };

      paper->n_pages = run_pager (&pager);
      g_object_unref (pager.pango);
    }
  return paper->n_pages;
}

/* --- the page's frame: foot and stamps --------------------------------- */

static void
draw_foot (Pager *pager)
{
  g_autoptr(GString) number = g_string_new (pager->paper->page_number);
  g_autofree char *page = g_strdup_printf ("%u", pager->page + 1);
  g_autofree char *pages = g_strdup_printf ("%u", pager->paper->n_pages);
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double y = CONTENT_BOTTOM + 14;

  g_string_replace (number, "{page}", page, 0);
  g_string_replace (number, "{pages}", pages, 0);
  left = make_layout (pager, pager->paper->footer, 0.76, FALSE, CONTENT_WIDTH * 0.75,
                      ANJU_PAPER_ALIGN_LEFT);
  right = make_layout (pager, number->str, 0.76, FALSE, CONTENT_WIDTH * 0.25,
                       ANJU_PAPER_ALIGN_RIGHT);
  hline (pager, MARGIN_X, MARGIN_X + CONTENT_WIDTH, y - 4, 0.4);
  show_layout (pager, left, MARGIN_X, y);
  show_layout (pager, right, MARGIN_X + CONTENT_WIDTH * 0.75, y);
}

/* A stamp: in the top right corner, or large and slanted across the middle
 * of what the page holds (作废 over a void receipt). */
static void
draw_stamp (Pager          *pager,
            AnjuPaperStamp *stamp,
            double          content_end)
{
  cairo_t *cr = pager->cr;
  double scale = stamp->corner ? 1.6 : 5.0;
  g_autoptr(PangoLayout) layout = make_layout (pager, stamp->text, scale, TRUE, -1,
                                               ANJU_PAPER_ALIGN_LEFT);
  PangoRectangle ink;
  double width, height, pad = stamp->corner ? 4 : 10;

  pango_layout_get_extents (layout, &ink, NULL);
  width = (double) ink.width / PANGO_SCALE;
  height = (double) ink.height / PANGO_SCALE;
  cairo_save (cr);
  if (stamp->corner)
    cairo_translate (cr, MARGIN_X + CONTENT_WIDTH - width - pad, 18 + pad);
  else
    {
      cairo_translate (cr, ANJU_PAPER_WIDTH / 2, (MARGIN_TOP + content_end) / 2);
      cairo_rotate (cr, -G_PI / 9);
      cairo_translate (cr, -width / 2, -height / 2);
    }
  cairo_set_source_rgba (cr, 0.78, 0.08, 0.08, stamp->corner ? 0.95 : 0.55);
  cairo_set_line_width (cr, stamp->corner ? 1.5 : 4);
  cairo_rectangle (cr, -pad, -pad, width + 2 * pad, height + 2 * pad);
  cairo_stroke (cr);
  cairo_move_to (cr, -(double) ink.x / PANGO_SCALE, -(double) ink.y / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

void
anju_paper_draw_page (AnjuPaper *paper,
                      cairo_t   *cr,
                      guint      page)
{
  Pager pager = { paper, NULL, cr, page };

  g_return_if_fail (paper != NULL && cr != NULL);

  anju_paper_get_n_pages (paper);
  pager.pango = create_pango_context ();
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
  run_pager (&pager);
  pager.page = page;
  draw_foot (&pager);
  for (guint i = 0; i < paper->stamps->len; i++)
    draw_stamp (&pager, g_ptr_array_index (paper->stamps, i),
                pager.target_end > 0 ? pager.target_end : CONTENT_BOTTOM);
  cairo_restore (cr);
  g_object_unref (pager.pango);
}

gboolean
anju_paper_write_pdf (AnjuPaper   *paper,
                      const char  *path,
                      GError     **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n_pages = anju_paper_get_n_pages (paper);

  surface = cairo_pdf_surface_create (path, ANJU_PAPER_WIDTH, ANJU_PAPER_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, paper->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Anju " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      anju_paper_draw_page (paper, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_OUTPUT,
                   _("Could not write the PDF %s: %s. Choose a folder you may write to."),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
