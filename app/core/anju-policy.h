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

void        anju_policy_register_commands  (void);

G_END_DECLS
