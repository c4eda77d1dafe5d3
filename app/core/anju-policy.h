/* anju-policy.h — the office's rules as data
 *
 * Every rule that varies by office or over time (hold times, approval
 * chains, follow-up times, rotation rules…) is policy, never a constant in
 * code. The defaults are the JSON files in data/policy/ — each file one or
 * more top-level sections, merged — and a project may override any value
 * with project.set_policy; the override is kept in projects.policy and
 * syncs like any other row.
 *
 * Paths name a value with dots: "hold.default_minutes".
 *
 * Command:
 *   project.set_policy {project_id, policy: {section: {key: value}}}  (manager, admin)
 *       Deep-merges into the project's overrides. Every key must exist in
 *       the defaults with a value of the same JSON type; null removes an
 *       override (back to the default).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-store.h"

G_BEGIN_DECLS

/* The merged defaults of data/policy/ files, loaded once. */
JsonObject *anju_policy_get_defaults       (GError     **error);

/* The effective policy of @project_id (NULL: the first project): the
 * defaults with the project's overrides merged in. Newly referenced. */
JsonObject *anju_policy_dup_effective      (AnjuStore   *store,
                                            const char  *project_id,
                                            GError     **error);

/* One value of the effective policy, or NULL if the path names nothing. */
JsonNode   *anju_policy_dup_value          (AnjuStore   *store,
                                            const char  *project_id,
                                            const char  *path);
gint64      anju_policy_get_int            (AnjuStore   *store,
                                            const char  *project_id,
                                            const char  *path,
                                            gint64       fallback);
gboolean    anju_policy_get_bool           (AnjuStore   *store,
                                            const char  *project_id,
                                            const char  *path,
                                            gboolean     fallback);
char       *anju_policy_dup_string         (AnjuStore   *store,
                                            const char  *project_id,
                                            const char  *path,
                                            const char  *fallback);
/* A member of @object by dotted @path, borrowed, or NULL. */
JsonNode   *anju_policy_lookup_path        (JsonObject  *object,
                                            const char  *path);

/* ---- office hours ------------------------------------------------------
 *
 * Policy section "office_hours": for each weekday ("monday" … "sunday") an
 * "open" and a "close" time of day ("HH:MM", local to the office; the
 * closing minute is still open), both empty on a day the office is closed.
 * Every task and SMS that core plans (call-backs, thank-you SMS,
 * follow-ups, handover calls) is moved to the next opening when it would
 * fall due outside them; a time agreed with the customer is kept. */
typedef struct
{
  int open[7];      /* minutes after local midnight; [0] is Monday; -1: closed */
  int close[7];
} AnjuOfficeHours;

/* Reads the "office_hours" section; a bad value fails naming it
 * ("office_hours.monday.open"). */
gboolean    anju_office_hours_from_json    (JsonObject             *section,
                                            AnjuOfficeHours        *hours,
                                            GError                **error);
/* @due_usec (UTC µs) if the office is open then, else the next opening
 * after it, in @zone. @due_usec itself when the office never opens. */
gint64      anju_office_hours_next_opening (const AnjuOfficeHours  *hours,
                                            GTimeZone              *zone,
                                            gint64                  due_usec);
/* The same from an effective @policy (anju_policy_dup_effective()), in the
 * zone of @due. Newly referenced; @due itself (referenced) when the
 * office is open then or the policy's hours cannot be read. */
GDateTime  *anju_policy_next_opening       (JsonObject             *policy,
                                            GDateTime              *due);
/* For core's planners: @due_usec moved into the office hours of
 * @project_id (NULL: the first project), in the office's time zone. A
 * stored bad value falls back to the default hours with a warning. */
gint64      anju_policy_next_opening_usec  (AnjuStore              *store,
                                            const char             *project_id,
                                            gint64                  due_usec);

/* ---- checks (anju-policy-check.c) ------------------------------------ */

/* Whether @effective (the defaults with overrides merged in) holds values
 * the office can work with: formats ("HH:MM", a time zone), ranges
 * (minutes above zero, at most 1000 ‰), relations (hold.default_minutes ≤
 * hold.max_minutes, …), office hours and the approval chain's steps. A
 * refusal names the setting ("policy.hold.max_minutes"); of two related
 * settings it names the one in @changed (may be NULL). */
gboolean    anju_policy_check              (JsonObject             *effective,
                                            JsonObject             *changed,
                                            GError                **error);
/* Whether this office has enough enabled people of each role to decide
 * every step of the approval chain: a step is never decided by someone
 * who decided an earlier one. Refused naming "policy.approval.chain". */
gboolean    anju_policy_check_chain_people (AnjuStore              *store,
                                            JsonObject             *effective,
                                            GError                **error);

void        anju_policy_register_commands  (void);

G_END_DECLS
