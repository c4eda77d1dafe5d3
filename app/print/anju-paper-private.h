/* anju-paper-private.h — the expanded document between template and page
 *
 * anju-paper-template.c turns template + model into these blocks, every
 * placeholder already replaced; anju-paper.c only lays them out and draws.
 */
#pragma once

#include "anju-paper.h"

G_BEGIN_DECLS

typedef enum
{
  ANJU_BLOCK_TITLE,        /* text, centred, large */
  ANJU_BLOCK_META,         /* text, one small line (align) */
  ANJU_BLOCK_HEADING,      /* text, a section heading */
  ANJU_BLOCK_PARAGRAPH,    /* text, wrapped (small, bold) */
  ANJU_BLOCK_FIELDS,       /* cells: AnjuPaperField*, a boxed grid */
  ANJU_BLOCK_LIST,         /* cells: char*, numbered or bulleted items */
  ANJU_BLOCK_TABLE,        /* titles, rows, footer */
  ANJU_BLOCK_SIGNATURES,   /* cells: char*, side by side, text: date line */
  ANJU_BLOCK_SPACER,       /* height */
} AnjuPaperBlockType;

typedef enum
{
  ANJU_PAPER_ALIGN_LEFT,
  ANJU_PAPER_ALIGN_CENTER,
  ANJU_PAPER_ALIGN_RIGHT,
} AnjuPaperAlign;

typedef struct
{
  char    *label;
  char    *value;
  guint    span;             /* columns taken, ≥ 1 */
} AnjuPaperField;

typedef struct
{
  AnjuPaperBlockType  type;
  char               *text;
  AnjuPaperAlign      align;
  gboolean            small;
  gboolean            bold;
  gboolean            numbered;      /* list */
  guint               columns;       /* fields */
  double              height;        /* spacer, points */
  double              keep;          /* room needed to start here, points */
  GPtrArray          *cells;         /* fields, list, signatures */
  GPtrArray          *titles;        /* table: char* */
  GArray             *aligns;        /* table: AnjuPaperAlign per column */
  GArray             *widths;        /* table: double weight per column */
  GPtrArray          *rows;          /* table: GPtrArray<char*> per row */
  GPtrArray          *footer;        /* table: char*, or NULL */
} AnjuPaperBlock;

typedef struct
{
  char    *text;
  gboolean corner;           /* FALSE: large and slanted across the page */
} AnjuPaperStamp;

struct _AnjuPaper
{
  char      *title;
  char      *font;           /* Pango family of the text, "Noto Serif CJK SC" */
  char      *bold_font;      /* of titles, headings and bold text */
  double     font_size;      /* points */
  char      *footer;         /* left of every page's foot, expanded */
  char      *page_number;    /* with {page} and {pages} left in */
  GPtrArray *blocks;         /* AnjuPaperBlock* */
  GPtrArray *stamps;         /* AnjuPaperStamp* on every page */
  guint      n_pages;        /* 0: not laid out yet */
};

/* Reads the template at @path and fills @paper's members from @model. */
gboolean  anju_paper_expand_template (AnjuPaper   *paper,
                                      const char  *path,
                                      JsonObject  *model,
                                      GError     **error);

void      anju_paper_block_free      (AnjuPaperBlock *block);
void      anju_paper_stamp_free      (AnjuPaperStamp *stamp);

G_END_DECLS
