/* anjuctl-extra.c — subcommands that live outside core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "anjuctl.h"

const AnjuctlCommand anjuctl_extra_commands[] = {
  { NULL, NULL, NULL },
};
