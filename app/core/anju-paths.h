/* anju-paths.h — where Anju's data files live */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The data folder (segmentation models, demo project, templates):
 * $ANJU_DATA_DIR if set, else the installed pkgdatadir if it exists,
 * else the source tree's data/ (running from the build tree). */
const char *anju_paths_get_data_dir      (void);
/* A file below the data folder, newly allocated. */
char       *anju_paths_build_data_file   (const char *first_element,
                                          ...) G_GNUC_NULL_TERMINATED;
/* The default database of this computer: $XDG_DATA_HOME/anju/anju.db. */
char       *anju_paths_default_database  (void);

G_END_DECLS
