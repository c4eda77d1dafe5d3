/* anjuctl-render.c — anjuctl render KIND: a buyer's paper as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paper is drawn by app/print, the same code the window's print dialog
 * uses. Its data comes from the database with --id (a subscription's id,
 * or a receipt's for the receipt) or from a JSON model (docs/papers.md) in
 * a file with --model.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "anju-paper.h"
#include "anjuctl.h"

static void
usage (void)
{
  g_printerr (_("Usage: anjuctl render subscription|payment-plan|receipt|signing-notice|mortgage-notice --id ID|--model FILE.json --output FILE.pdf\n"));
}

static JsonObject *
read_model (const char  *path,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_MODEL,
                   _("%s does not hold a JSON object; write the paper’s data as one object (see docs/papers.md)."),
                   path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

int
anjuctl_render_run (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) model = NULL;
  g_autoptr(AnjuPaper) paper = NULL;
  g_autoptr(AnjuStore) store = NULL;
  const char *model_path = NULL, *output = NULL, *id = NULL;
  int kind;

  if (argc < 2)
    {
      usage ();
      return 2;
    }
  if ((kind = anju_paper_kind_from_string (argv[1])) < 0)
    {
      g_printerr (_("anjuctl: kind: “%s” is not a paper. Use subscription, payment-plan, receipt, signing-notice or mortgage-notice.\n"),
                  argv[1]);
      return 2;
    }
  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--model") && i + 1 < argc)
        model_path = argv[++i];
      else if (g_str_equal (argv[i], "--id") && i + 1 < argc)
        id = argv[++i];
      else if (g_str_equal (argv[i], "--output") && i + 1 < argc)
        output = argv[++i];
      else
        {
          g_printerr (_("anjuctl render: unknown option “%s”\n"), argv[i]);
          usage ();
          return 2;
        }
    }
  if (output == NULL || (model_path == NULL) == (id == NULL))
    {
      usage ();
      return 2;
    }

  if (id != NULL)
    {
      if (!(store = anjuctl_open_store ()))
        return 1;
      anjuctl_use_office_time_zone (store);
      model = anju_paper_dup_model (store, kind, id, &error);
    }
  else
    model = read_model (model_path, &error);
  if (model == NULL ||
      !(paper = anju_paper_new (kind, model, &error)) ||
      !anju_paper_write_pdf (paper, output, &error))
    {
      g_printerr ("anjuctl: %s\n", error->message);
      return 1;
    }
  g_print (_("%s: %s, pages: %u\n"), output, anju_paper_get_title (paper),
           anju_paper_get_n_pages (paper));
  return 0;
}
