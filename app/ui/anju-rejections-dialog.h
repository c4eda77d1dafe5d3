/* anju-rejections-dialog.h — what the office server refused, to read once
 *
 * Lists the signed-in person's commands that the office server refused
 * and that they have not read yet (type, time, why); "Mark as Read" marks
 * them seen and closes.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_REJECTIONS_DIALOG (anju_rejections_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnjuRejectionsDialog, anju_rejections_dialog, ANJU, REJECTIONS_DIALOG, AdwWindow)

AnjuRejectionsDialog *anju_rejections_dialog_new             (GtkWindow            *parent,
                                                              AnjuContext          *context);
/* The AnjuSyncRejection* it lists, or NULL while it loads them. */
GPtrArray            *anju_rejections_dialog_get_rejections  (AnjuRejectionsDialog *self);

/* What a person calls a command of @type ("New customer"); @type itself
 * for one it does not know. */
const char           *anju_rejections_dialog_describe_type   (const char           *type);

G_END_DECLS
