/* anju-script-editor.h — a manager edits the project's reception texts
 *
 * The phone greeting, the standard introduction and the risk disclosure
 * (阳光宣言): each save is a new version (script.set).
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_SCRIPT_EDITOR (anju_script_editor_get_type ())
G_DECLARE_FINAL_TYPE (AnjuScriptEditor, anju_script_editor, ANJU, SCRIPT_EDITOR, AdwWindow)

/* @kind: "greeting", "introduction" or "disclosure", shown first. */
AnjuScriptEditor *anju_script_editor_new (GtkWindow   *parent,
                                          AnjuContext *context,
                                          const char  *kind);

G_END_DECLS
