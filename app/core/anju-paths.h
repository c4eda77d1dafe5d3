/* anju-paths.h — where Anju's data files live */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when this program runs from the build tree it was built in (not
 * installed): its files are then the build tree's and the source's. */
gboolean    anju_paths_running_uninstalled (void);
/* Run from the build tree, points GSettings at the schema compiled there
 * (unless GSETTINGS_SCHEMA_DIR is set); installed, does nothing. Call
 * first thing in main(). */
void        anju_paths_use_build_tree    (void);
/* Where the message catalogues are: the build tree's when running from
 * it (and they are built), else LOCALEDIR. */
const char *anju_paths_get_locale_dir    (void);
/* The data folder (segmentation models, demo project, templates):
 * $ANJU_DATA_DIR if set, else the source tree's data/ when running from
 * the build tree, else the installed pkgdatadir (the source's data/ if
 * that does not exist). */
const char *anju_paths_get_data_dir      (void);
/* A file below the data folder, newly allocated. */
char       *anju_paths_build_data_file   (const char *first_element,
                                          ...) G_GNUC_NULL_TERMINATED;
/* The default database of this computer: $XDG_DATA_HOME/anju/anju.db. */
char       *anju_paths_default_database  (void);

G_END_DECLS
