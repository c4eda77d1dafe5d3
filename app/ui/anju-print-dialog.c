/* anju-print-dialog.c — the buyer's papers on a printer or in a PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-print"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-print-dialog.h"
#include "anju-ui-util.h"

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   AnjuPaper         *paper)
{
  gtk_print_operation_set_n_pages (operation, (int) anju_paper_get_n_pages (paper));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 AnjuPaper         *paper)
{
  anju_paper_draw_page (paper, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = widget ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

gboolean
anju_print_paper (GtkWidget  *parent,
                  AnjuPaper  *paper,
                  GError    **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  const char *to = g_getenv ("ANJU_PRINT_TO");
  GtkPrintOperationResult result;

  g_return_val_if_fail (paper != NULL, FALSE);

  if (to != NULL && *to != '\0')
    {
      g_autofree char *name = g_strconcat (anju_paper_get_title (paper), ".pdf", NULL);
      g_autofree char *path = g_build_filename (to, name, NULL);

      return anju_paper_write_pdf (paper, path, error);
    }

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, anju_paper_get_title (paper));
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* anju_paper_draw_page() draws in points from the sheet's corner */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), paper);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), paper);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    window_of (parent), error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

typedef struct
{
  GtkWidget *parent;
  AnjuPaper *paper;
} ExportJob;

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       ExportJob       *job)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      g_autofree char *text = NULL;

      if (anju_paper_write_pdf (job->paper, path, &error))
        /* Translators: a paper was saved as PDF; the file's path */
        text = g_strdup_printf (_("Saved as %s"), path);
      else
        text = g_strdup (error->message);
      anju_widget_show_toast (job->parent, text);
    }
  g_object_unref (job->parent);
  anju_paper_free (job->paper);
  g_free (job);
  g_object_unref (dialog);
}

void
anju_export_paper_pdf (GtkWidget  *parent,
                       AnjuPaper  *paper,
                       const char *suggested_name)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  ExportJob *job;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (paper != NULL);

  dialog = gtk_file_chooser_native_new (_("Export PDF"), window_of (parent),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     suggested_name ? suggested_name : "paper.pdf");
  job = g_new0 (ExportJob, 1);
  job->parent = g_object_ref (parent);
  job->paper = paper;
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
