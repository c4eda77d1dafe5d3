/* anjuctl-sync.h */
#pragma once

#include "anjuctl.h"

G_BEGIN_DECLS

int anjuctl_cmd_sync (int argc, char **argv);

G_END_DECLS
