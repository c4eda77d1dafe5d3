/* anju-application.h — the application: settings, database, windows */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_APPLICATION (anju_application_get_type ())
G_DECLARE_FINAL_TYPE (AnjuApplication, anju_application, ANJU, APPLICATION, AdwApplication)

AnjuApplication *anju_application_new                (void);

/* The database to open instead of the one in the settings (what
 * --database does); call before the application is activated. */
void             anju_application_set_database_path  (AnjuApplication *self,
                                                      const char      *path);
/* The context the windows share; created at startup. */
AnjuContext     *anju_application_get_context        (AnjuApplication *self);

G_END_DECLS
