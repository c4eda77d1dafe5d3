/* anju-rotation-editor.h — a manager sets the day's rotation (轮排)
 *
 * Who is on duty today and in which order, like the row of name cards at
 * the reception desk (rotation.set_day). Consultants already on the day
 * keep their turns and state.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_ROTATION_EDITOR (anju_rotation_editor_get_type ())
G_DECLARE_FINAL_TYPE (AnjuRotationEditor, anju_rotation_editor, ANJU, ROTATION_EDITOR, AdwWindow)

AnjuRotationEditor *anju_rotation_editor_new (GtkWindow   *parent,
                                              AnjuContext *context);

G_END_DECLS
