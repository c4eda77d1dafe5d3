/* anjuctl-signing.c — signings, checklists, online filing, mortgages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The read side of SPEC §8 for the terminal; the commands themselves go
 * through `anjuctl apply` (signing.*, filing.record, mortgage.*).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "anju-format.h"
#include "anju-mortgage.h"
#include "anju-signing.h"
#include "anju-store.h"
#include "anju-user.h"
#include "anjuctl.h"

/* The store in the office's time zone and, with --user NAME at
 * @argv[@first], that user's id in *@user_id. */
static AnjuStore *
open_for (int     argc,
          char  **argv,
          int     first,
          char  **user_id)
{
  g_autoptr(AnjuStore) store = NULL;

  if (!(store = anjuctl_open_store ()))
    return NULL;
  anjuctl_use_office_time_zone (store);
  if (first + 1 < argc && g_str_equal (argv[first], "--user"))
    {
      g_autoptr(AnjuUser) user = anju_user_lookup_by_name (store, argv[first + 1]);

      if (user == NULL)
        {
          g_printerr (_("anjuctl: user: there is no user “%s”.\n"), argv[first + 1]);
          return NULL;
        }
      *user_id = g_strdup (user->id);
    }
  return g_steal_pointer (&store);
}

static gboolean
usage_if (gboolean    bad,
          const char *usage)
{
  if (bad)
    g_printerr ("%s", usage);
  return bad;
}

int
anjuctl_signing_run (int    argc,
                     char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_id = NULL;
  gint64 now;

  if (usage_if (argc < 2 || !g_str_equal (argv[1], "list") || (argc != 2 && argc != 4),
                _("Usage: anjuctl signing list [--user NAME]\n")))
    return 2;
  if (!(store = open_for (argc, argv, 2, &user_id)))
    return 1;
  if (!(rows = anju_signings_list (store, user_id, &error)))
    {
      anjuctl_print_error (error);
      return 1;
    }
  now = anju_store_now (store);
  for (guint i = 0; i < rows->len; i++)
    {
      AnjuSigning *g = g_ptr_array_index (rows, i);
      g_autofree char *when = anju_format_datetime (g->signing_usec);
      const char *filing = g_strcmp0 (g->status, "signed") == 0
                           ? anju_filing_state_to_string (anju_filing_state_at (store, g, now, NULL)) : "-";

      /* TRANSLATORS: one signing in anjuctl's list: unit, buyer, time,
       * status, whether the personal data is confirmed, the filing */
      g_print (_("%s\t%s\t%s\t%s\tdata %s\tfiling %s %s\n"), g->unit_label, g->customer_name, when, g->status,
               g->data_confirmed_at ? _("confirmed") : _("not confirmed"), filing,
               g->filing_due_on ? g->filing_due_on : "");
    }
  if (rows->len == 0)
    g_printerr (_("No signings.\n"));
  return 0;
}

int
anjuctl_checklist_run (int    argc,
                       char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint missing = 0;

  if (usage_if (argc != 3, _("Usage: anjuctl checklist SUBSCRIPTION_ID contract|mortgage\n")))
    return 2;
  if (!(store = anjuctl_open_store ()))
    return 1;
  if (!(rows = anju_signing_dup_checklist (store, argv[1], argv[2], &error)))
    {
      anjuctl_print_error (error);
      return 1;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      AnjuSigningCheckItem *item = g_ptr_array_index (rows, i);

      g_print ("[%s] %s", item->checked ? "x" : " ", item->name);
      if (item->by_option != NULL)
        g_print (" (%s)", item->by_option);
      else if (item->options != NULL)
        g_print (" (%s)", item->options->str);
      g_print ("\n");
      missing += !item->checked;
    }
  if (missing > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u item missing.\n", "%u items missing.\n", missing), missing);
  return missing > 0 ? 3 : 0;
}

int
anjuctl_filing_run (int    argc,
                    char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_id = NULL;
  gint64 now;

  if (usage_if (argc < 2 || !g_str_equal (argv[1], "due") || (argc != 2 && argc != 4),
                _("Usage: anjuctl filing due [--user NAME]\n")))
    return 2;
  if (!(store = open_for (argc, argv, 2, &user_id)))
    return 1;
  if (!(rows = anju_filings_list_due (store, NULL, user_id, &error)))
    {
      anjuctl_print_error (error);
      return 1;
    }
  now = anju_store_now (store);
  for (guint i = 0; i < rows->len; i++)
    {
      AnjuSigning *g = g_ptr_array_index (rows, i);
      int left = 0;
      AnjuFilingState state = anju_filing_state_at (store, g, now, &left);

      /* TRANSLATORS: a contract to file online: due day, state, days left, unit, buyer */
      g_print (_("%s\t%s\t%d days left\t%s\t%s\n"), g->filing_due_on, anju_filing_state_to_string (state),
               left, g->unit_label, g->customer_name);
    }
  if (rows->len == 0)
    g_printerr (_("No contracts waiting for online filing.\n"));
  return 0;
}

int
anjuctl_mortgage_run (int    argc,
                      char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const char *status = NULL;

  if (usage_if (argc < 2 || !g_str_equal (argv[1], "list") ||
                !(argc == 2 || (argc == 4 && g_str_equal (argv[2], "--status"))),
                _("Usage: anjuctl mortgage list [--status STATUS]\n")))
    return 2;
  if (argc == 4)
    status = argv[3];
  if (!(store = anjuctl_open_store ()))
    return 1;
  anjuctl_use_office_time_zone (store);
  if (!(rows = anju_mortgages_list (store, NULL, status, &error)))
    {
      anjuctl_print_error (error);
      return 1;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      AnjuMortgage *m = g_ptr_array_index (rows, i);
      g_autofree char *amount = anju_format_money (m->amount);

      /* TRANSLATORS: one mortgage application: status, unit, buyer, bank,
       * bank manager, amount, term */
      g_print (_("%s\t%s\t%s\t%s (%s)\t%s\t%lld months\n"), anju_mortgage_status_get_label (m->status),
               m->unit_label, m->customer_name, m->bank, m->bank_manager, amount, (long long)m->term_months);
    }
  if (rows->len == 0)
    g_printerr (_("No mortgage applications.\n"));
  return 0;
}
