/* anju-office.h — what the office's set-up page shows (管理)
 *
 * One snapshot of how the office is set up: its projects with their
 * buildings, price-list versions and segmentation model; its people; the
 * approval chain with the people each step has; and what the person
 * looking may change. The page renders it and asks nothing else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anju-projects.h"
#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  char   *name;
  gint64  floors;
  gint64  units_per_floor;
  gint64  units;            /* units on the board */
} AnjuOfficeBuilding;

typedef struct
{
  AnjuProject *project;
  char        *model_name;         /* the segmentation model's name */
  GPtrArray   *buildings;          /* AnjuOfficeBuilding*, by name */
  gint64       units;
  gint64       price_version;      /* 0: no price list imported yet */
  char        *price_imported_at;  /* ISO 8601 UTC, or NULL */
} AnjuOfficeProject;

typedef struct
{
  int    step;
  char  *title;                /* 代理公司副经理 */
  char  *role_label;           /* the role that decides it, as people say it */
  guint  n_people;             /* enabled people of that role */
} AnjuOfficeChainStep;

typedef struct
{
  GPtrArray *projects;         /* AnjuOfficeProject*, by name */
  GPtrArray *people;           /* AnjuUser*, by role then name */
  GPtrArray *chain;            /* AnjuOfficeChainStep* of the first project */
  char      *chain_problem;    /* why this office cannot complete the chain, or NULL */
  GPtrArray *model_ids;        /* char*: the segmentation models Anju has */
  GPtrArray *model_names;      /* char*: their names, same order */
  gboolean   can_create_project;
  gboolean   can_set_model;
  gboolean   can_add_building;
  gboolean   can_import_prices;
  gboolean   can_add_user;
  gboolean   can_set_scripts;
} AnjuOfficeSetup;

void             anju_office_setup_free  (AnjuOfficeSetup *setup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuOfficeSetup, anju_office_setup_free)

AnjuOfficeSetup *anju_office_dup_setup   (AnjuStore       *store,
                                          const AnjuUser  *actor,
                                          GError         **error);

/* The roles a new person may be given, in the order a form lists them
 * (AnjuRole values, 0-terminated). */
const AnjuRole  *anju_office_get_roles   (void);

G_END_DECLS
