/* anju-sms-outbox.h — the SMS outbox as a part of the workbench
 *
 * Without a gateway, the messages the follow-up rules render wait here
 * until someone sends them by hand and marks them sent (sms.mark_sent),
 * which also completes the SMS task. The outbox is the office's: every
 * queued message shows, signed by the consultant it speaks for.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_SMS_OUTBOX (anju_sms_outbox_get_type ())
G_DECLARE_FINAL_TYPE (AnjuSmsOutbox, anju_sms_outbox, ANJU, SMS_OUTBOX, AdwBin)

void     anju_sms_outbox_set_context (AnjuSmsOutbox *self,
                                      AnjuContext   *context);
/* Reads the outbox again (the workbench calls it when it reloads). */
void     anju_sms_outbox_reload      (AnjuSmsOutbox *self);
/* The number of queued messages shown. */
guint    anju_sms_outbox_get_n_queued (AnjuSmsOutbox *self);
/* TRUE while a load or a command is on its way. */
gboolean anju_sms_outbox_get_busy    (AnjuSmsOutbox *self);

G_END_DECLS
