/* anju-rotation.h — the day's rotation of consultants (轮排, SPEC §3)
 *
 * A day's rotation is the order of the consultants on duty, like the row
 * of name cards at the reception desk. A new walk-in goes to the first
 * consultant in the order who is free; that consultant's card then moves
 * to the end. Passed over on the way are:
 *   - busy consultants (marked busy, or serving an open visit that day),
 *     when the policy's rotation.skip_busy is true: they keep their place;
 *   - absent consultants; the absence reason (policy rotation.absence_reasons,
 *     each {id, name_en, name_zh, keeps_turn, make_up}) decides:
 *       keeps_turn true  — they keep their place (and so take the next
 *                          walk-in once back);
 *       keeps_turn false — they lose the turn: their card moves to the end
 *                          behind the one who took the walk-in; with
 *                          make_up true they are owed one make-up turn for
 *                          each walk-in that passed them, taken before the
 *                          order as soon as they are free again (a make-up
 *                          turn does not move their card); with make_up
 *                          false nothing is owed.
 * A returning customer goes to their own consultant and takes no turn.
 *
 * Commands:
 *   rotation.set_day {project_id?, local_date, consultants: [user ids in order]}
 *                                                         (manager, admin)
 *       Sets the order; consultants already on the day keep their state and
 *       counts, those left out are removed.                  → {day_id}
 *   rotation.mark    {project_id?, local_date, consultant_id, state, reason?}
 *                                       (consultant for themself, manager, admin)
 *       state "on_duty", "busy" or "absent" (then reason: an absence reason id).
 */
#pragma once

#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

typedef struct
{
  char     *id;
  char     *name;            /* in the user's language */
  gboolean  keeps_turn;
  gboolean  make_up;
} AnjuAbsenceReason;

void        anju_absence_reason_free  (AnjuAbsenceReason *reason);

/* The policy's absence reasons of @project_id; element type AnjuAbsenceReason*. */
GPtrArray  *anju_rotation_list_absence_reasons (AnjuStore   *store,
                                                const char  *project_id,
                                                GError     **error);

typedef struct
{
  char     *consultant_id;
  char     *consultant_name;
  int       position;          /* order of the cards, ascending */
  char     *state;             /* "on_duty", "absent", "busy" */
  char     *absence_reason;    /* reason id when absent */
  char     *absence_reason_name;
  gboolean  serving;           /* has an open visit that day */
  gboolean  available;         /* would take a walk-in now */
  int       turns_taken;
  int       make_up_owed;
} AnjuRotationEntry;

typedef struct
{
  char      *project_id;
  char      *local_date;
  char      *day_id;           /* NULL: no rotation set for the day */
  GPtrArray *entries;          /* AnjuRotationEntry*, in order */
  char      *next_consultant_id;     /* who takes the next new walk-in, or NULL */
  char      *next_consultant_name;
  gboolean   next_is_make_up;
} AnjuRotationDay;

void        anju_rotation_day_free    (AnjuRotationDay *day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuRotationDay, anju_rotation_day_free)

/* The rotation of @local_date (NULL: today) for @project_id (NULL: the
 * first project): the walk-in queue screen's right half. */
AnjuRotationDay *anju_rotation_load_day (AnjuStore   *store,
                                         const char  *project_id,
                                         const char  *local_date,
                                         GError     **error);

/* Whether @actor may mark @consultant_id on the day's rotation
 * (rotation.mark): themself, or anyone if they may set the day (a
 * manager). The handler and the reception screen ask the same. */
gboolean    anju_rotation_may_mark    (const AnjuUser *actor,
                                       const char     *consultant_id);
/* Whether a day not set yet proposes @colleague on duty (consultants;
 * managers join the rotation when put on it). */
gboolean    anju_rotation_proposes_on_duty (const AnjuUser *colleague);

/* ---- for the visit handlers ----------------------------------------- */

/* Gives the next new walk-in to the consultant whose turn it is and
 * records the turn. *consultant_id is NULL when no rotation is set or
 * nobody is free (nothing changes then). @ctx is an AnjuCommandContext*. */
gboolean    anju_rotation_take_turn   (gpointer     ctx,
                                       const char  *project_id,
                                       const char  *local_date,
                                       char       **consultant_id,
                                       gboolean    *make_up,
                                       GError     **error);
/* Whether @consultant_id is marked absent on the day's rotation. */
gboolean    anju_rotation_is_absent   (AnjuStore   *store,
                                       const char  *project_id,
                                       const char  *local_date,
                                       const char  *consultant_id);

G_END_DECLS
