/* anjuctl-extra.c — subcommands that live outside core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "anjuctl.h"
#include "anjuctl-sync.h"

const AnjuctlCommand anjuctl_extra_commands[] = {
  { "sync", N_("sync --server URL --user NAME: one push-and-pull round with the office server (password on stdin)"),
    anjuctl_cmd_sync },
  { NULL, NULL, NULL },
};
