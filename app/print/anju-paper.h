/* anju-paper.h — the buyer's printed papers (认购书, 置业计划表, 收据, …)
 *
 * A paper is a template (data/templates/KIND.json) filled from a JSON model
 * (docs/papers.md describes both). anju_paper_new() expands the template
 * into a document, refusing a model that lacks a member the template uses;
 * anju_paper_get_n_pages() and anju_paper_draw_page() lay it out on A4 and
 * draw one page with cairo and Pango. The same two calls serve the PDF file
 * (anju_paper_write_pdf) and GtkPrintOperation in the window, so the paper
 * on screen, on paper and in the PDF is one drawing.
 *
 * Coordinates are PostScript points (1/72 inch) from the top left corner of
 * the sheet: a PDF surface's units, and GtkPrintOperation's with
 * GTK_UNIT_POINTS and the full page.
 */
#pragma once

#include <cairo.h>
#include <json-glib/json-glib.h>

#include "anju-store.h"

G_BEGIN_DECLS

#define ANJU_PAPER_ERROR (anju_paper_error_quark ())

typedef enum
{
  ANJU_PAPER_ERROR_UNKNOWN_KIND,
  ANJU_PAPER_ERROR_TEMPLATE,     /* the template file is missing or wrong */
  ANJU_PAPER_ERROR_MODEL,        /* the model lacks a member or has a bad value */
  ANJU_PAPER_ERROR_NOT_FOUND,    /* no such subscription, receipt, … */
  ANJU_PAPER_ERROR_OUTPUT,       /* the PDF could not be written */
} AnjuPaperError;

typedef enum
{
  ANJU_PAPER_SUBSCRIPTION,       /* 认购书 */
  ANJU_PAPER_PAYMENT_PLAN,       /* 置业计划表 */
  ANJU_PAPER_RECEIPT,            /* 收据 */
  ANJU_PAPER_SIGNING_NOTICE,     /* 签约须知 */
  ANJU_PAPER_MORTGAGE_NOTICE,    /* 按揭须知 */
  ANJU_PAPER_N_KINDS
} AnjuPaperKind;

/* A4 in points. */
#define ANJU_PAPER_WIDTH  595.2756
#define ANJU_PAPER_HEIGHT 841.8898

GQuark         anju_paper_error_quark   (void);

/* "subscription", "payment-plan", "receipt", "signing-notice",
 * "mortgage-notice": the names anjuctl render and the template files use. */
const char    *anju_paper_kind_to_string   (AnjuPaperKind kind);
/* -1 when @name is not a paper. */
int            anju_paper_kind_from_string (const char   *name);

typedef struct _AnjuPaper AnjuPaper;

/* Fills the template of @kind (data/templates/NAME.json) from @model. */
AnjuPaper     *anju_paper_new           (AnjuPaperKind  kind,
                                         JsonObject    *model,
                                         GError       **error);
/* The same with a template file of one's own. */
AnjuPaper     *anju_paper_new_from_file (const char    *template_path,
                                         JsonObject    *model,
                                         GError       **error);
void           anju_paper_free          (AnjuPaper     *paper);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuPaper, anju_paper_free)

/* The paper's title as the template gives it ("商品房认购书"). */
const char    *anju_paper_get_title     (AnjuPaper     *paper);
/* Lays the paper out and returns its number of pages (at least 1). */
guint          anju_paper_get_n_pages   (AnjuPaper     *paper);
/* Draws page @page (from 0) on @cr, in points from the sheet's corner. */
void           anju_paper_draw_page     (AnjuPaper     *paper,
                                         cairo_t       *cr,
                                         guint          page);
/* Every page into a PDF file at @path. */
gboolean       anju_paper_write_pdf     (AnjuPaper     *paper,
                                         const char    *path,
                                         GError       **error);

/* The model of paper @kind filled from @store (docs/papers.md): for a
 * receipt, receipt @id; for every other paper, subscription @id with its
 * buyers, unit and project, and for the payment plan and the mortgage
 * notice the plan it was subscribed with (anju_subscription_load_plan()).
 * The price is the subscription's, the approved one, and no other.
 * ANJU_PAPER_ERROR_NOT_FOUND when there is no such row. */
JsonObject    *anju_paper_dup_model      (AnjuStore     *store,
                                          AnjuPaperKind  kind,
                                          const char    *id,
                                          GError       **error);
/* The paper itself: anju_paper_dup_model() into anju_paper_new(). */
AnjuPaper     *anju_paper_new_from_store (AnjuStore     *store,
                                          AnjuPaperKind  kind,
                                          const char    *id,
                                          GError       **error);

G_END_DECLS
