/* anju-view-access.c — which of the window's views a person sees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "anju-view-access.h"

#define EVERYONE ANJU_ROLES_ALL
#define SELLERS  (ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER)
#define STAFF    (ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)

static const struct
{
  const char *name;
  guint       roles;   /* AnjuRole mask that sees it */
} views[] = {
  /* everyone's day; finance sees its own sections on it */
  { "workbench",   EVERYONE },
  /* the door and the rotation: whoever receives or runs the office */
  { "reception",   STAFF },
  /* everyone may look a customer up (masked by the feed's rules) */
  { "customers",   EVERYONE },
  /* units and holds: sellers, and the administrator who keeps the board */
  { "board",       STAFF },
  /* quotes and discounts: whoever may make a quote */
  { "negotiation", SELLERS },
  /* whoever may decide an approval step */
  { "approvals",   ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN },
  /* receipts and payments: finance, and who oversees the office */
  { "finance",     ANJU_ROLE_FINANCE | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN },
  /* the owners' care calendar: who greets owners, and who plans it */
  { "care",        STAFF },
  /* each handover's calls: who hands customers over */
  { "handovers",   ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN },
  /* the steps of signing a deal, and its mortgage and filing: who signs */
  { "signing",     SELLERS },
  { "mortgage",    SELLERS },
  /* projects, buildings, price lists, people, the chain: who sets the
   * office up (managers keep the board; only an administrator adds a
   * project or a person, as the snapshot says) */
  { "office",      ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN },
  { "settings",    EVERYONE },
};

gboolean
anju_view_visible_to (const char     *name,
                      const AnjuUser *actor)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (actor == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_str_equal (views[i].name, name))
      return (actor->role & views[i].roles) != 0;
  return FALSE;
}

GStrv
anju_views_for_actor (const AnjuUser *actor)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (views) && actor != NULL; i++)
    if ((actor->role & views[i].roles) != 0)
      g_strv_builder_add (builder, views[i].name);
  return g_strv_builder_end (builder);
}
