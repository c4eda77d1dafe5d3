/* anjuctl-units.c — anjuctl units list | import | export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "anju-command.h"
#include "anju-money.h"
#include "anju-price-lists.h"
#include "anju-units.h"
#include "anju-user.h"
#include "anjuctl.h"

static void
usage (void)
{
  g_printerr (_("Usage: anjuctl units list [--project ID] [--building NAME|ID] [--status STATUS] [--json]\n"
                "       anjuctl units import FILE.csv [--user NAME] [--project ID] [--note TEXT]\n"
                "       anjuctl units export FILE.csv [--project ID]\n"));
}

static int
units_list (int    argc,
            char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) array = NULL;
  AnjuUnitFilter filter = { 0 };
  const char *building = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--building") && i + 1 < argc)
        building = argv[++i];
      else if (g_str_equal (argv[i], "--status") && i + 1 < argc)
        filter.status = argv[++i];
      else if (g_str_equal (argv[i], "--project") && i + 1 < argc)
        filter.project_id = argv[++i];
      else
        {
          g_printerr (_("anjuctl units list: unknown option “%s”\n"), argv[i]);
          usage ();
          return 2;
        }
    }
  if (filter.status != NULL && anju_unit_status_from_string (filter.status) < 0)
    {
      g_printerr (_("anjuctl: status: “%s” is not a unit status. Use available, held, subscribed, signed or not_for_sale.\n"),
                  filter.status);
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  if (!(rows = anju_units_list (store, &filter, &error)))
    {
      anjuctl_print_error (error);
      return 1;
    }

  array = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    {
      AnjuUnitRow *row = g_ptr_array_index (rows, i);
      g_autofree char *price = NULL;

      /* A building by its name or its id. */
      if (building != NULL && g_strcmp0 (row->building_name, building) != 0 &&
          g_strcmp0 (row->building_id, building) != 0)
        continue;
      if (json)
        {
          JsonObject *o = json_object_new ();

          json_object_set_string_member (o, "id", row->id);
          json_object_set_string_member (o, "building", row->building_name);
          json_object_set_string_member (o, "building_id", row->building_id);
          json_object_set_int_member (o, "floor", row->floor);
          json_object_set_string_member (o, "number", row->number);
          json_object_set_string_member (o, "layout", row->layout);
          json_object_set_int_member (o, "gross_area", row->gross_area);
          json_object_set_string_member (o, "status", anju_unit_status_to_string (row->status));
          json_object_set_int_member (o, "list_price", row->list_price);
          json_object_set_int_member (o, "price_per_m2", row->price_per_m2);
          json_object_set_int_member (o, "price_version", row->price_version);
          json_object_set_boolean_member (o, "hot", row->hot);
          if (row->holder_name != NULL)
            json_object_set_string_member (o, "holder", row->holder_name);
          json_array_add_object_element (array, o);
          continue;
        }
      price = anju_money_format (row->list_price);
      g_print ("%s\t%s-%s\t%d\t%s\t%s\t%s\t%s\n", row->id, row->building_name, row->number,
               row->floor,
               row->layout, anju_unit_status_to_string (row->status), price,
               row->holder_name ? row->holder_name : "-");
    }
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);
      g_autofree char *text = json_to_string (node, FALSE);

      g_print ("%s\n", text);
    }
  return 0;
}

static int
units_import (int    argc,
              char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *data = NULL;
  const char *file = NULL, *username = NULL, *project_id = NULL, *note = NULL;
  JsonObject *result;
  gsize length = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--user") && i + 1 < argc)
        username = argv[++i];
      else if (g_str_equal (argv[i], "--project") && i + 1 < argc)
        project_id = argv[++i];
      else if (g_str_equal (argv[i], "--note") && i + 1 < argc)
        note = argv[++i];
      else if (file == NULL && argv[i][0] != '-')
        file = argv[i];
      else
        {
          g_printerr (_("anjuctl units import: unexpected “%s”\n"), argv[i]);
          usage ();
          return 2;
        }
    }
  if (file == NULL)
    {
      usage ();
      return 2;
    }
  if (!g_file_get_contents (file, &data, &length, &error))
    {
      anjuctl_print_error (error);
      return 1;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  payload = anju_price_list_read_csv (store, project_id, data, length, note, &problems, &error);
  if (payload == NULL)
    {
      /* Every bad line, one per line, as "FILE:LINE: column: sentence". */
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "anjuctl: %s has %u problem; nothing was imported.\n",
                               "anjuctl: %s has %u problems; nothing was imported.\n",
                               problems->len),
                  file, problems->len);
      for (guint i = 0; i < problems->len; i++)
        {
          AnjuImportProblem *p = g_ptr_array_index (problems, i);

          if (p->line == 0)
            g_printerr ("%s: %s\n", file, p->message);
          else if (p->column != NULL)
            g_printerr ("%s:%u: %s: %s\n", file, p->line, p->column, p->message);
          else
            g_printerr ("%s:%u: %s\n", file, p->line, p->message);
        }
      return 1;
    }
  if (!(answer = anjuctl_run (store, username, "price_list.import", payload)))
    return 1;
  result = json_object_get_object_member (answer, "result");
  g_print (_("Imported price list version %lld: %lld units, %lld of them new.\n"),
           (long long)json_object_get_int_member (result, "version"),
           (long long)json_object_get_int_member (result, "units"),
           (long long)json_object_get_int_member (result, "created"));
  return 0;
}

static int
units_export (int    argc,
              char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *file = NULL, *project_id = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--project") && i + 1 < argc)
        project_id = argv[++i];
      else if (file == NULL && argv[i][0] != '-')
        file = argv[i];
      else
        {
          g_printerr (_("anjuctl units export: unexpected “%s”\n"), argv[i]);
          usage ();
          return 2;
        }
    }
  if (file == NULL)
    {
      usage ();
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  if (!anju_units_export_csv_file (store, project_id, file, &error))
    {
      anjuctl_print_error (error);
      return 1;
    }
  g_print (_("Exported the board to %s.\n"), file);
  return 0;
}

int
anjuctl_units_run (int    argc,
                   char **argv)
{
  if (argc < 2)
    {
      usage ();
      return 2;
    }
  if (g_str_equal (argv[1], "list"))
    return units_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "import"))
    return units_import (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "export"))
    return units_export (argc - 1, argv + 1);
  usage ();
  return 2;
}
