/* main.c — starts Anju
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "anju-application.h"

/* Run from the build tree, the catalogues compiled there are the current
 * ones; installed, LOCALEDIR. */
static const char *
find_locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *po_dir = g_path_get_dirname (ANJU_BUILD_LOCALEDIR);
  g_autofree char *build_root = g_path_get_dirname (po_dir);

  if (exe != NULL && g_str_has_prefix (exe, build_root) &&
      g_file_test (ANJU_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return ANJU_BUILD_LOCALEDIR;
  return LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AnjuApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, find_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = anju_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
