/* anju-workbench.h — the day's workbench (今日, SPEC §10)
 *
 * What the signed-in person sees first: tasks due and overdue, today's
 * appointments, visitors waiting at the door with their wait, and — as
 * later workflows add them — approvals waiting and payments expected.
 *
 * Extension point: a workflow adds its own part of the workbench with
 * anju_workbench_register_section() (once, e.g. from its
 * register_commands function); anju_workbench_load() calls every
 * registered provider in the order of registration and keeps the sections
 * it fills, so the workbench screen shows them without knowing the
 * workflow. Approvals ("approvals") and payments ("payments") are
 * expected to come this way.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-store.h"
#include "anju-reception.h"
#include "anju-tasks.h"
#include "anju-user.h"

G_BEGIN_DECLS

typedef struct
{
  char      *id;        /* "approvals", "payments", … */
  char      *title;     /* in the user's language */
  guint      count;     /* the number shown on the section's badge */
  guint      urgent;    /* how many of them are overdue / red */
  JsonArray *items;     /* rows for the screen: objects with at least
                         * "title", and "subtitle", "at" (ISO UTC),
                         * "urgent" (bool), "target" ("approval:ID") */
  char      *description; /* what the section sums up, shown under its
                           * title instead of the count; or NULL */
} AnjuWorkbenchSection;

void         anju_workbench_section_free    (AnjuWorkbenchSection *section);

/* Fills @section (its id is set) for @user_id on @local_date. Return FALSE
 * with @error set on failure; leave @section->items empty to show nothing. */
typedef gboolean (*AnjuWorkbenchSectionFunc) (AnjuStore             *store,
                                              const char            *user_id,
                                              const char            *local_date,
                                              AnjuWorkbenchSection  *section,
                                              GError               **error);

/* Registers a provider under @id; a second registration of @id replaces
 * the first. Thread-safe. */
void         anju_workbench_register_section (const char               *id,
                                              AnjuWorkbenchSectionFunc  func);

typedef struct
{
  char           *user_id;
  char           *local_date;
  GPtrArray      *tasks;          /* AnjuTask*: due that day and overdue, open
                                   * ones first by due time, then done ones */
  AnjuTaskCounts  counts;
  GPtrArray      *appointments;   /* AnjuPlanEntry*: the day's plan entries
                                   * of this person (all for a manager) */
  GPtrArray      *waiting;        /* AnjuVisit*: visitors at the door for this
                                   * person or for nobody yet (all for a
                                   * manager), longest waiting first */
  GPtrArray      *sections;       /* AnjuWorkbenchSection* from providers */
  gboolean        everyone;       /* holds everyone's appointments and visitors
                                   * (a manager's workbench) */
  GPtrArray      *colleagues;     /* AnjuUser*: whom this person may reassign a
                                   * task to; NULL if they may not (task.reassign) */
} AnjuWorkbench;

void         anju_workbench_free            (AnjuWorkbench *workbench);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuWorkbench, anju_workbench_free)

/* The workbench of @user_id for @local_date (NULL: today). */
AnjuWorkbench *anju_workbench_load          (AnjuStore   *store,
                                             const char  *user_id,
                                             const char  *local_date,
                                             GError     **error);

/* Whether the workbench offers to record that @visit (one of its waiting
 * visitors) was greeted: the visitor is the person's own, or the workbench
 * holds everyone's; and visit.greet would apply (anju_visit_may_greet()). */
gboolean       anju_workbench_offers_greet  (const AnjuWorkbench *workbench,
                                             const AnjuUser      *actor,
                                             const AnjuVisit     *visit);

G_END_DECLS
