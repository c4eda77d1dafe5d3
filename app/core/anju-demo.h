/* anju-demo.h — the demo project (data/demo/)
 *
 * Loads the demo project — one residential project, three buildings,
 * realistic units and prices, one user of each role and a few dozen
 * customers across segments — through the same commands a person would
 * run, so a demo database syncs like any other.
 */
#pragma once

#include "anju-store.h"

G_BEGIN_DECLS

/* Loads the demo into an initialised, empty @store. Refuses (and changes
 * nothing) when the store already holds a project. */
gboolean anju_demo_load (AnjuStore  *store,
                         GError    **error);

G_END_DECLS
