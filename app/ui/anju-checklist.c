/* anju-checklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-negotiation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-checklist.h"

static const AnjuChecklistItem items[] = {
  { "unit_locked", N_("The unit is held for the customer"), TRUE },
  { "decision_holder", N_("The customer holds the purchase decision"), TRUE },
  { "signing_date_agreed", N_("The signing date is agreed"), TRUE },
  /* xgettext:no-c-format */
  { "down_payment_affordable", N_("A down payment of 30–40% is affordable"), TRUE },
  { "credit_checked", N_("The mortgage credit is checked"), TRUE },
  { "hot_unit", N_("The unit is a hot one"), FALSE },
  { "on_site_special", N_("An on-site special is running"), FALSE },
};

const AnjuChecklistItem *
anju_checklist_get_items (guint *n_items)
{
  static AnjuChecklistItem translated[G_N_ELEMENTS (items)];
  static gsize initialized = 0;

  g_return_val_if_fail (n_items != NULL, NULL);

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        {
          translated[i] = items[i];
          translated[i].title = _(items[i].title);
        }
      g_once_init_leave (&initialized, 1);
    }
  *n_items = G_N_ELEMENTS (items);
  return translated;
}
