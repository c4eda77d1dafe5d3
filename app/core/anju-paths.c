/* anju-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "anju-paths.h"

gboolean
anju_paths_running_uninstalled (void)
{
  static gsize answer;

  if (g_once_init_enter (&answer))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *root = g_strconcat (ANJU_BUILD_ROOT, G_DIR_SEPARATOR_S, NULL);
      gboolean uninstalled = exe != NULL && g_str_has_prefix (exe, root);

      g_once_init_leave (&answer, uninstalled ? 2 : 1);
    }
  return answer == 2;
}

void
anju_paths_use_build_tree (void)
{
  g_autofree char *schemas = g_build_filename (ANJU_BUILD_ROOT, "data", "gschemas.compiled", NULL);

  if (!anju_paths_running_uninstalled ())
    return;
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL && g_file_test (schemas, G_FILE_TEST_EXISTS))
    g_setenv ("GSETTINGS_SCHEMA_DIR", ANJU_BUILD_ROOT G_DIR_SEPARATOR_S "data", TRUE);
}

const char *
anju_paths_get_locale_dir (void)
{
  if (anju_paths_running_uninstalled () &&
      g_file_test (ANJU_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return ANJU_BUILD_LOCALEDIR;
  return LOCALEDIR;
}

const char *
anju_paths_get_data_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    {
      const char *env = g_getenv ("ANJU_DATA_DIR");
      char *found;

      if (env != NULL && *env != '\0')
        found = g_strdup (env);
      else if (anju_paths_running_uninstalled ())
        found = g_strdup (ANJU_SOURCE_DATADIR);
      else if (g_file_test (ANJU_DATADIR "/segmentation", G_FILE_TEST_IS_DIR))
        found = g_strdup (ANJU_DATADIR);
      else
        found = g_strdup (ANJU_SOURCE_DATADIR);
      g_once_init_leave (&dir, found);
    }
  return dir;
}

char *
anju_paths_build_data_file (const char *first_element,
                            ...)
{
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *s;

  g_ptr_array_add (parts, (gpointer)anju_paths_get_data_dir ());
  va_start (args, first_element);
  for (s = first_element; s != NULL; s = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer)s);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **)parts->pdata);
}

char *
anju_paths_default_database (void)
{
  return g_build_filename (g_get_user_data_dir (), "anju", "anju.db", NULL);
}
