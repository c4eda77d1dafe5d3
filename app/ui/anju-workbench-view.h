/* anju-workbench-view.h — the day's workbench (今日, SPEC §10)
 *
 * The view the app opens on: for the person signed in, the tasks due today
 * and overdue (overdue ones red; "Done" asks what came of it; a manager
 * may hand a task to someone else), the visitors at the door with their
 * live wait, today's appointments, the SMS outbox (AnjuSmsOutbox), and the
 * sections later workflows register with anju_workbench_register_section()
 * (approvals, payments), shown without knowing them.
 */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_WORKBENCH_VIEW (anju_workbench_view_get_type ())
G_DECLARE_FINAL_TYPE (AnjuWorkbenchView, anju_workbench_view, ANJU, WORKBENCH_VIEW, AdwBin)

GtkWidget *anju_workbench_view_new        (AnjuContext       *context);
/* Reads the workbench again now. */
void       anju_workbench_view_reload     (AnjuWorkbenchView *self);
/* TRUE while it loads or a command of it is on its way (tests wait). */
gboolean   anju_workbench_view_get_busy   (AnjuWorkbenchView *self);
/* The titles of the task rows shown, in order (tests). */
GStrv      anju_workbench_view_dup_task_titles (AnjuWorkbenchView *self);

G_END_DECLS
