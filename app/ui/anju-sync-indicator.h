/* anju-sync-indicator.h — the header bar's sync state: a button that syncs now
 *
 * Hidden while the desk works alone. Otherwise it shows synced, syncing,
 * offline with the changes that wait, signed out or an error, with the
 * last error as its tooltip; a click sends and receives at once (or, signed
 * out, opens the settings to sign in to the server again).
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_SYNC_INDICATOR (anju_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (AnjuSyncIndicator, anju_sync_indicator, ANJU, SYNC_INDICATOR, AdwBin)

void        anju_sync_indicator_set_context (AnjuSyncIndicator *self,
                                             AnjuContext       *context);
/* Without its words, for a narrow window. */
void        anju_sync_indicator_set_compact (AnjuSyncIndicator *self,
                                             gboolean           compact);
/* The words it shows ("Synced", "Offline, 1 change waiting"), or NULL
 * while it is hidden. */
const char *anju_sync_indicator_get_text    (AnjuSyncIndicator *self);

/* The icon and the words for @state with @pending changes waiting; shared
 * with the settings. */
const char *anju_sync_state_get_icon_name   (AnjuSyncState      state);
char       *anju_sync_state_dup_text        (AnjuSyncState      state,
                                             guint              pending);

G_END_DECLS
