/* main.c — starts Anju
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "anju-application.h"
#include "anju-command.h"
#include "anju-paths.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AnjuApplication) app = NULL;

  anju_paths_use_build_tree ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, anju_paths_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* The domains register their commands here, above core's dispatcher. */
  anju_commands_init ();

  app = anju_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
