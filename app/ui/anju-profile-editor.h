/* anju-profile-editor.h — the customer profile, built from core's table
 *
 * One expandable group per profile group of anju-profile.h, one row per
 * dimension: a choice row for choices, an entry for counts, money, areas
 * and text. Everything is optional; the editor reports only what changed.
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "anju-money.h"

G_BEGIN_DECLS

#define ANJU_TYPE_PROFILE_EDITOR (anju_profile_editor_get_type ())
G_DECLARE_FINAL_TYPE (AnjuProfileEditor, anju_profile_editor, ANJU, PROFILE_EDITOR, AdwBin)

GtkWidget  *anju_profile_editor_new          (void);

/* Shows @profile (may be NULL: nothing recorded) as the saved state. */
void        anju_profile_editor_set_profile  (AnjuProfileEditor  *self,
                                              JsonObject         *profile);
/* Whether a value differs from the saved state. */
gboolean    anju_profile_editor_get_dirty    (AnjuProfileEditor  *self);
/* The changed members for customer.update ("profile"): new values, null
 * for a cleared one; NULL with @error (field "profile.<key>") when a
 * value cannot be read, e.g. "12.345" for money. */
JsonObject *anju_profile_editor_dup_changes  (AnjuProfileEditor  *self,
                                              GError            **error);
/* The profile as it is shown: the saved one with every value typed that
 * can be read (one that cannot keeps the saved value). For the segment
 * suggestion while the person types; "changed" says when to ask again. */
JsonObject *anju_profile_editor_dup_profile  (AnjuProfileEditor  *self);
/* Shows the customer's subscribed units (AnjuSubscription*, may be NULL)
 * and their value @total in fen, as core's anju_subscriptions_of_customer()
 * gives them. */
void        anju_profile_editor_set_deals    (AnjuProfileEditor  *self,
                                              GPtrArray          *subscriptions,
                                              AnjuFen             total);
/* Takes the values shown as the saved state (after a successful save). */
void        anju_profile_editor_commit       (AnjuProfileEditor  *self);
/* Marks the row of @key ("budget_total") as wrong and shows it. */
void        anju_profile_editor_mark_error   (AnjuProfileEditor  *self,
                                              const char         *key);

G_END_DECLS
