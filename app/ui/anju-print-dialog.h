/* anju-print-dialog.h — the buyer's papers on a printer or in a PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing serves both: the system print dialog (GtkPrintOperation)
 * draws each page with anju_paper_draw_page(), and Export PDF writes the
 * same pages with anju_paper_write_pdf() (app/print, docs/papers.md).
 */
#pragma once

#include <gtk/gtk.h>

#include "anju-paper.h"

G_BEGIN_DECLS

/* Shows the system print dialog over @parent's window and prints @paper
 * (A4, full page, in points). When the environment names a folder in
 * ANJU_PRINT_TO (unattended desks, tests), writes the pages there as
 * KIND-TITLE.pdf instead, without a dialog. FALSE with @error when
 * printing failed; TRUE when printed or cancelled. */
gboolean anju_print_paper        (GtkWidget   *parent,
                                  AnjuPaper   *paper,
                                  GError     **error);

/* Asks where to save @paper as a PDF (a file chooser over @parent's
 * window) and writes it there; a toast says where it went or why not. */
void     anju_export_paper_pdf   (GtkWidget   *parent,
                                  AnjuPaper   *paper,
                                  const char  *suggested_name);

G_END_DECLS
