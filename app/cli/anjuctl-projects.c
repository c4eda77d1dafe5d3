/* anjuctl-projects.c — anjuctl projects create|list, anjuctl buildings create
 *
 * How IT sets up an office that has no project yet: create the project,
 * its buildings, then import the price list (anjuctl units import), which
 * creates the units. Each step is the same command a desk would apply
 * (project.create, building.create), so its checks and its audit row are
 * the ones the window gets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "anju-command.h"
#include "anju-projects.h"
#include "anju-user.h"
#include "anjuctl.h"

static void
projects_usage (void)
{
  g_printerr (_("Usage: anjuctl projects create NAME [--city TEXT] [--developer TEXT] [--address TEXT]\n"
                "                                   [--hotline TEXT] [--model vanke|pulte] [--user ADMIN]\n"
                "       anjuctl projects list [--json]\n"));
}

static void
buildings_usage (void)
{
  g_printerr (_("Usage: anjuctl buildings create NAME --floors N --units-per-floor N [--project ID] [--user NAME]\n"));
}

static int
projects_create (int    argc,
                 char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  const char *name = NULL, *username = NULL;
  static const struct { const char *option, *member; } texts[] = {
    { "--city", "city" },
    { "--developer", "developer" },
    { "--address", "address" },
    { "--hotline", "hotline" },
    { "--model", "segmentation_model" },
  };

  for (int i = 1; i < argc; i++)
    {
      gboolean known = FALSE;

      for (guint t = 0; t < G_N_ELEMENTS (texts) && !known; t++)
        if (g_str_equal (argv[i], texts[t].option) && i + 1 < argc)
          {
            json_object_set_string_member (payload, texts[t].member, argv[++i]);
            known = TRUE;
          }
      if (known)
        continue;
      if (g_str_equal (argv[i], "--user") && i + 1 < argc)
        username = argv[++i];
      else if (name == NULL && argv[i][0] != '-')
        name = argv[i];
      else
        {
          g_printerr (_("anjuctl projects create: unexpected “%s”\n"), argv[i]);
          projects_usage ();
          return 2;
        }
    }
  if (name == NULL)
    {
      projects_usage ();
      return 2;
    }
  json_object_set_string_member (payload, "name", name);
  if (!(store = anjuctl_open_store ()) ||
      !(answer = anjuctl_run (store, username, "project.create", payload)))
    return 1;
  g_print (_("Created project “%s” (id %s). Next: anjuctl buildings create NAME --floors N --units-per-floor N, then anjuctl units import FILE.csv.\n"),
           name,
           json_object_get_string_member (json_object_get_object_member (answer, "result"), "project_id"));
  return 0;
}

static int
projects_list (int    argc,
               char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) rows = json_array_new ();
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else
        {
          g_printerr (_("anjuctl projects list: unexpected “%s”\n"), argv[i]);
          projects_usage ();
          return 2;
        }
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  if (!(projects = anju_projects_list (store, &error)))
    {
      anjuctl_print_error (error);
      return 1;
    }
  if (projects->len == 0 && !json)
    g_print (_("No project yet. Create one with: anjuctl projects create NAME --city CITY\n"));
  for (guint i = 0; i < projects->len; i++)
    {
      AnjuProject *project = g_ptr_array_index (projects, i);
      gint64 n_buildings = 0, n_units = 0;
      JsonObject *row;

      if (!anju_project_count_units (store, project->id, &n_buildings, &n_units, &error))
        {
          anjuctl_print_error (error);
          return 1;
        }
      if (!json)
        {
          /* TRANSLATORS: id, name, city, buildings, units, segmentation model */
          g_print (_("%s  %s  %s  %lld buildings, %lld units  model %s\n"),
                   project->id, project->name, project->city ? project->city : "—",
                   (long long)n_buildings, (long long)n_units,
                   project->segmentation_model ? project->segmentation_model : "—");
          continue;
        }
      row = json_object_new ();
      json_object_set_string_member (row, "id", project->id);
      json_object_set_string_member (row, "name", project->name);
      json_object_set_string_member (row, "city", project->city);
      json_object_set_string_member (row, "segmentation_model", project->segmentation_model);
      json_object_set_int_member (row, "buildings", n_buildings);
      json_object_set_int_member (row, "units", n_units);
      json_array_add_object_element (rows, row);
    }
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_node_set_array (node, rows);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  return 0;
}

int
anjuctl_projects_run (int    argc,
                      char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "create"))
    return projects_create (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return projects_list (argc - 1, argv + 1);
  projects_usage ();
  return 2;
}

/* A whole number of at least 1 for @option, or 0 after printing why. */
static gint64
parse_count (const char *option,
             const char *text)
{
  gint64 value = 0;

  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT32, &value, NULL))
    {
      g_printerr (_("anjuctl: %s: “%s” is not a whole number of at least 1.\n"), option, text);
      return 0;
    }
  return value;
}

int
anjuctl_buildings_run (int    argc,
                       char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuProject) project = NULL;
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  const char *name = NULL, *username = NULL, *project_id = NULL;
  gint64 floors = 0, per_floor = 0;

  if (argc < 2 || !g_str_equal (argv[1], "create"))
    {
      buildings_usage ();
      return 2;
    }
  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--floors") && i + 1 < argc)
        {
          if (!(floors = parse_count ("floors", argv[++i])))
            return 2;
        }
      else if (g_str_equal (argv[i], "--units-per-floor") && i + 1 < argc)
        {
          if (!(per_floor = parse_count ("units-per-floor", argv[++i])))
            return 2;
        }
      else if (g_str_equal (argv[i], "--project") && i + 1 < argc)
        project_id = argv[++i];
      else if (g_str_equal (argv[i], "--user") && i + 1 < argc)
        username = argv[++i];
      else if (name == NULL && argv[i][0] != '-')
        name = argv[i];
      else
        {
          g_printerr (_("anjuctl buildings create: unexpected “%s”\n"), argv[i]);
          buildings_usage ();
          return 2;
        }
    }
  if (name == NULL || floors == 0 || per_floor == 0)
    {
      buildings_usage ();
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  /* Without --project: the office's project, when it has exactly one. */
  if (project_id == NULL)
    {
      g_autoptr(GPtrArray) projects = anju_projects_list (store, NULL);

      if (projects == NULL || projects->len != 1)
        {
          g_printerr (projects && projects->len == 0
                      ? _("anjuctl: project: there is no project yet. Create one first: anjuctl projects create NAME\n")
                      : _("anjuctl: project: this office has several projects; name one with --project ID (anjuctl projects list).\n"));
          return 1;
        }
      project = anju_project_lookup (store, ((AnjuProject *)g_ptr_array_index (projects, 0))->id);
      project_id = project->id;
    }
  json_object_set_string_member (payload, "project_id", project_id);
  json_object_set_string_member (payload, "name", name);
  json_object_set_int_member (payload, "floors", floors);
  json_object_set_int_member (payload, "units_per_floor", per_floor);
  if (!(answer = anjuctl_run (store, username, "building.create", payload)))
    return 1;
  g_print (_("Created building “%s” (id %s): %lld floors, %lld units per floor.\n"),
           name,
           json_object_get_string_member (json_object_get_object_member (answer, "result"), "building_id"),
           (long long)floors, (long long)per_floor);
  return 0;
}
