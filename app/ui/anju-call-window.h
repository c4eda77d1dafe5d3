/* anju-call-window.h — the screen of a phone call (电话接待, SPEC §2)
 *
 * Opened in one keystroke when the phone rings (app.take-call, Ctrl+Shift+C
 * or F2). It walks the person through the standard in its order: the
 * greeting with the project's name, the number (a repeat caller's record
 * and last contacts at once), the reason, the standard introduction, the
 * questions (an unanswered one becomes a call-back task), the invitation,
 * contact details or the refusal, the appointment or when to call again.
 * Who answered, the backup receptionist, the rings and the length (timed
 * from the moment the window opens, flagged past the policy's minutes)
 * are recorded. "Save Call" sends call.log and says what it created.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_CALL_WINDOW (anju_call_window_get_type ())
G_DECLARE_FINAL_TYPE (AnjuCallWindow, anju_call_window, ANJU, CALL_WINDOW, AdwWindow)

AnjuCallWindow *anju_call_window_new         (GtkWindow      *parent,
                                              AnjuContext    *context);
/* When the call began (UTC µs): when the window opened. */
gint64          anju_call_window_get_started (AnjuCallWindow *self);
/* TRUE while a number lookup or the save is on its way (tests wait). */
gboolean        anju_call_window_get_busy    (AnjuCallWindow *self);
/* The customer the number found, or NULL (a new caller or none typed). */
const char     *anju_call_window_get_caller_id (AnjuCallWindow *self);

G_END_DECLS
