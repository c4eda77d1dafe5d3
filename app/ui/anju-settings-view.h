/* anju-settings-view.h — account, project, database file, style */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_SETTINGS_VIEW (anju_settings_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuSettingsView, anju_settings_view, ANJU, SETTINGS_VIEW, AdwPreferencesPage)

AnjuSettingsView *anju_settings_view_new         (AnjuContext      *context);
void              anju_settings_view_set_context (AnjuSettingsView *self,
                                                  AnjuContext      *context);

G_END_DECLS
