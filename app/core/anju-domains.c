/* anju-domains.c — the list of domains whose commands core knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding a workflow adds a file with its handlers and one line here.
 */
#include "config.h"

#include "anju-care.h"
#include "anju-command.h"
#include "anju-customers.h"
#include "anju-finance.h"
#include "anju-handover.h"
#include "anju-policy.h"
#include "anju-price-lists.h"
#include "anju-pricing.h"
#include "anju-projects.h"
#include "anju-reception.h"
#include "anju-signing.h"
#include "anju-subscriptions.h"
#include "anju-units.h"
#include "anju-user.h"

void
anju_commands_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      anju_users_register_commands ();
      anju_projects_register_commands ();
      anju_policy_register_commands ();
      anju_customers_register_commands ();
      anju_units_register_commands ();
      anju_price_lists_register_commands ();
      anju_pricing_register_commands ();
      anju_reception_register_commands ();
      anju_subscriptions_register_commands ();
      anju_finance_register_commands ();
      anju_handover_register_commands ();
      anju_signing_register_commands ();
      anju_care_register_commands ();
      g_once_init_leave (&done, 1);
    }
}
