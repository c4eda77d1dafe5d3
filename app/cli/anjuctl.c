/* anjuctl.c — the command line for the office's IT person and for scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-demo.h"
#include "anju-format.h"
#include "anju-handover.h"
#include "anju-ident.h"
#include "anju-money.h"
#include "anju-paths.h"
#include "anju-store.h"
#include "anju-sync-engine.h"
#include "anju-user.h"
#include "anjuctl.h"

static char *opt_database;

static void
print_error (const GError *error)
{
  const char *field = anju_command_error_get_field (error);

  if (field != NULL)
    g_printerr ("anjuctl: %s: %s\n", field, error->message);
  else
    g_printerr ("anjuctl: %s\n", error->message);
}

void
anjuctl_print_error (const GError *error)
{
  print_error (error);
}

AnjuStore *
anjuctl_open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = opt_database ? g_strdup (opt_database) : anju_paths_default_database ();
  AnjuStore *store = anju_store_open (path, &error);

  if (store == NULL)
    print_error (error);
  return store;
}

JsonObject *
anjuctl_submit (AnjuStore          *store,
                const AnjuCommand  *command,
                const AnjuUser     *actor,
                GError            **error)
{
  g_autoptr(AnjuSyncEngine) engine = anju_sync_engine_new (store);
  g_autoptr(AnjuSyncReport) report = anju_sync_report_new ();

  return anju_sync_engine_submit (engine, command, actor, report, NULL, error);
}

JsonObject *
anjuctl_run (AnjuStore  *store,
             const char *username,
             const char *type,
             JsonObject *payload)
{
  g_autoptr(AnjuUser) user = NULL;
  g_autoptr(AnjuCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *answer;

  if (username != NULL && !(user = anju_user_lookup_by_name (store, username)))
    {
      g_printerr (_("anjuctl: user: there is no user “%s”. Add one with “anjuctl users add”.\n"),
                  username);
      return NULL;
    }
  command = anju_command_new (type, payload);
  if (!(answer = anjuctl_submit (store, command, user ? user : anju_user_get_system (), &error)))
    print_error (error);
  return answer;
}

/* A password from standard input: the first line, without its newline. */
char *
anjuctl_read_password (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  if (isatty (STDIN_FILENO))
    g_printerr (_("Password: "));
  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, c);
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static int
cmd_init (int argc, char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean demo = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--demo"))
        demo = TRUE;
      else
        {
          g_printerr (_("anjuctl init: unknown option “%s”\n"), argv[i]);
          return 2;
        }
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  if (demo && !anju_demo_load (store, &error))
    {
      print_error (error);
      return 1;
    }
  g_print (_("Database %s is ready (schema %d)%s.\n"), anju_store_get_path (store),
           anju_store_get_version (store), demo ? _(", with the demo project") : "");
  return 0;
}

static int
cmd_users (int argc, char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuUser) user = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *password = NULL;
  const char *name = NULL, *role_name = NULL, *display = NULL;
  AnjuRole role;

  if (argc < 3 || !g_str_equal (argv[1], "add"))
    {
      g_printerr (_("Usage: anjuctl users add NAME --role ROLE [--display-name TEXT] (password on stdin)\n"));
      return 2;
    }
  name = argv[2];
  for (int i = 3; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--role") && i + 1 < argc)
        role_name = argv[++i];
      else if (g_str_equal (argv[i], "--display-name") && i + 1 < argc)
        display = argv[++i];
      else
        {
          g_printerr (_("anjuctl users add: unknown option “%s”\n"), argv[i]);
          return 2;
        }
    }
  role = anju_role_from_string (role_name);
  if (role == ANJU_ROLE_NONE)
    {
      g_printerr (_("anjuctl: role: give --role consultant, finance, manager or admin.\n"));
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  password = anjuctl_read_password ();
  if (!(payload = anju_user_dup_create_payload (name, display ? display : name, role, password, &error)))
    {
      print_error (error);
      return 1;
    }
  if (!(answer = anjuctl_run (store, NULL, "user.create", payload)))
    return 1;
  user = anju_user_lookup (store, json_object_get_string_member (json_object_get_object_member (answer, "result"),
                                                                 "user_id"));
  g_print (_("User %s (%s) added with id %s.\n"), user->username, anju_role_to_string (user->role),
           user->id);
  return 0;
}

static void
print_answer (JsonObject *answer)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), answer);
  g_autofree char *text = NULL;

  /* The change images are for sync; a person reading the output wants
   * the verdict and the result. */
  if (json_object_has_member (answer, "changes"))
    {
      g_autoptr(JsonObject) copy = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (answer);
      for (GList *l = members; l; l = l->next)
        if (!g_str_equal (l->data, "changes"))
          json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (answer, l->data)));
      json_node_set_object (node, copy);
    }
  text = json_to_string (node, FALSE);
  g_print ("%s\n", text);
}

static int
cmd_apply (int argc, char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) actor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  const char *file = NULL, *username = NULL;
  char *line;
  int refused = 0;
  guint lineno = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--user") && i + 1 < argc)
        username = argv[++i];
      else if (file == NULL)
        file = argv[i];
      else
        {
          g_printerr (_("anjuctl apply: unexpected “%s”\n"), argv[i]);
          return 2;
        }
    }
  if (file == NULL || username == NULL)
    {
      g_printerr (_("Usage: anjuctl apply FILE|- --user NAME\n"));
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  if (!(actor = anju_user_lookup_by_name (store, username)))
    {
      g_printerr (_("anjuctl: user: there is no user “%s”. Add one with “anjuctl users add”.\n"),
                  username);
      return 1;
    }
  if (g_str_equal (file, "-"))
    input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      g_autoptr(GFile) gfile = g_file_new_for_commandline_arg (file);
      input = G_INPUT_STREAM (g_file_read (gfile, NULL, &error));
      if (input == NULL)
        {
          print_error (error);
          return 1;
        }
    }
  lines = g_data_input_stream_new (input);
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      g_autofree char *owned = line;
      g_autoptr(AnjuCommand) command = NULL;
      g_autoptr(JsonObject) answer = NULL;
      g_autoptr(GError) rejection = NULL;

      lineno++;
      if (*g_strstrip (owned) == '\0')
        continue;
      command = anju_command_new_from_json (owned, &rejection);
      if (command != NULL)
        answer = anjuctl_submit (store, command, actor, &rejection);
      if (answer == NULL)
        {
          answer = anju_command_rejection_to_json (command, rejection);
          json_object_set_int_member (answer, "line", lineno);
          refused++;
        }
      print_answer (answer);
    }
  if (error != NULL)
    {
      print_error (error);
      return 1;
    }
  return refused > 0 ? 1 : 0;
}

static int
handover_status (AnjuStore *store)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (!(rows = anju_handovers_list (store, &error)))
    {
      print_error (error);
      return 1;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      AnjuHandover *h = g_ptr_array_index (rows, i);
      g_autofree char *when = anju_format_datetime_iso (h->created_at);

      /* TRANSLATORS: one handover in anjuctl's list */
      g_print (_("%s\t%s → %s\t%u customers: %u contacted, %u pending, %u overdue\t%s\n"),
               when, h->from_name ? h->from_name : "-", h->to_name ? h->to_name : "-",
               h->customers, h->contacted, h->pending, h->overdue, h->reason);
    }
  if (rows->len == 0)
    g_printerr (_("No handovers.\n"));
  return 0;
}

static int
cmd_handover (int argc, char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuUser) actor = NULL;
  g_autoptr(AnjuUser) from = NULL;
  g_autoptr(AnjuUser) to = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(AnjuCommand) command = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) rejection = NULL;
  const char *from_name = NULL, *to_name = NULL, *reason = NULL, *username = NULL;

  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return anjuctl_handover_list_run (argc - 1, argv + 1);
  if (argc == 2 && g_str_equal (argv[1], "status"))
    {
      if (!(store = anjuctl_open_store ()))
        return 1;
      anjuctl_use_office_time_zone (store);
      return handover_status (store);
    }
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--from") && i + 1 < argc)
        from_name = argv[++i];
      else if (g_str_equal (argv[i], "--to") && i + 1 < argc)
        to_name = argv[++i];
      else if (g_str_equal (argv[i], "--reason") && i + 1 < argc)
        reason = argv[++i];
      else if (g_str_equal (argv[i], "--user") && i + 1 < argc)
        username = argv[++i];
      else
        from_name = NULL, i = argc;
    }
  if (from_name == NULL || to_name == NULL || reason == NULL || username == NULL)
    {
      g_printerr (_("Usage: anjuctl handover --from NAME --to NAME --reason TEXT --user MANAGER | anjuctl handover status | anjuctl handover list [--id HANDOVER_ID]\n"));
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  if (!(actor = anju_user_lookup_by_name (store, username)) ||
      !(from = anju_user_lookup_by_name (store, from_name)) ||
      !(to = anju_user_lookup_by_name (store, to_name)))
    {
      g_printerr (_("anjuctl: user: there is no user “%s”.\n"),
                  actor == NULL ? username : from == NULL ? from_name : to_name);
      return 1;
    }
  payload = json_object_new ();
  json_object_set_string_member (payload, "from_user_id", from->id);
  json_object_set_string_member (payload, "to_user_id", to->id);
  json_object_set_string_member (payload, "reason", reason);
  command = anju_command_new ("customer.handover", payload);
  answer = anjuctl_submit (store, command, actor, &rejection);
  if (answer == NULL)
    {
      g_autoptr(JsonObject) refused = anju_command_rejection_to_json (command, rejection);

      print_answer (refused);
      return 1;
    }
  print_answer (answer);
  return 0;
}

static int
cmd_customers (int argc, char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  AnjuCustomerQuery query = { 0 };

  if (argc != 3 || !g_str_equal (argv[1], "find"))
    {
      g_printerr (_("Usage: anjuctl customers find TEXT\n"));
      return 2;
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  query.text = argv[2];
  if (!(rows = anju_customers_fetch (store, &query, 0, 100, &error)))
    {
      print_error (error);
      return 1;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      AnjuCustomerSummary *s = g_ptr_array_index (rows, i);
      g_print ("%s\t%s\t%s\t%s\t%s\n", s->id, s->name, s->mobile_masked ? s->mobile_masked : "-",
               s->owner_name ? s->owner_name : "-", s->segment ? s->segment : "-");
    }
  return rows->len > 0 ? 0 : 1;
}

static int
cmd_check_id (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *birth = NULL;

  if (argc != 2)
    {
      g_printerr (_("Usage: anjuctl check-id ID\n"));
      return 2;
    }
  normal = anju_id_number_normalize (argv[1], g_get_real_time (), &error);
  if (normal == NULL)
    {
      g_print (_("invalid: %s\n"), error->message);
      return 1;
    }
  birth = anju_id_number_dup_birth_date (normal);
  g_print (_("valid: %s (born %s)\n"), normal, birth);
  return 0;
}

static int
cmd_amount_words (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *words = NULL;
  AnjuFen fen;

  if (argc != 2)
    {
      g_printerr (_("Usage: anjuctl amount-words AMOUNT\n"));
      return 2;
    }
  if (!anju_money_parse (argv[1], &fen, &error))
    {
      g_printerr ("anjuctl: amount: %s\n", error->message);
      return 1;
    }
  words = anju_money_to_capitals (fen);
  g_print ("%s\n", words);
  return 0;
}

/* How a connected desk runs @type, as the desk command runner decides it
 * (anju_command_route()): a name for --json and one for people. */
static const char *
route_name (const char  *type,
            const char **label)
{
  switch (anju_command_route (type, TRUE))
    {
    case ANJU_COMMAND_ROUTE_OFFICE:
      *label = _("office decision");
      return "office_decision";
    case ANJU_COMMAND_ROUTE_OFFICE_PREFERRED:
      *label = _("office preferred");
      return "office_preferred";
    case ANJU_COMMAND_ROUTE_LOCAL:
    default:
      *label = _("local");
      return "local";
    }
}

/* anjuctl commands [--json]: every registered command, its roles, its
 * route and its payload, from the specs themselves. */
static int
cmd_commands (int argc, char **argv)
{
  g_autoptr(GPtrArray) specs = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--json"))
      json = TRUE;
    else
      {
        g_printerr (_("Usage: anjuctl commands [--json]\n"));
        return 2;
      }
  specs = anju_commands_list ();
  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();
      g_autofree char *text = NULL;

      for (guint i = 0; i < specs->len; i++)
        {
          const AnjuCommandSpec *spec = specs->pdata[i];
          JsonObject *object = anju_command_spec_to_json (spec);
          const char *label;

          json_object_set_string_member (object, "route", route_name (spec->type, &label));
          json_array_add_object_element (array, object);
        }
      json_node_take_array (root, array);
      text = json_to_string (root, TRUE);
      g_print ("%s\n", text);
      return 0;
    }
  g_print ("%-26s %-36s %-16s %s\n", _("TYPE"), _("ROLES"), _("ROUTE"), _("PAYLOAD (? optional)"));
  for (guint i = 0; i < specs->len; i++)
    {
      const AnjuCommandSpec *spec = specs->pdata[i];
      g_autoptr(JsonObject) object = anju_command_spec_to_json (spec);
      JsonArray *roles = json_object_get_array_member (object, "roles");
      g_autoptr(GString) role_text = g_string_new (NULL);
      const char *route;

      for (guint j = 0; j < json_array_get_length (roles); j++)
        g_string_append_printf (role_text, "%s%s", j ? "," : "",
                                json_array_get_string_element (roles, j));
      route_name (spec->type, &route);
      g_print ("%-26s %-36s %-16s %s\n", spec->type, role_text->str, route,
               spec->fields && *spec->fields ? spec->fields : "-");
    }
  return 0;
}

static const AnjuctlCommand builtin_commands[] = {
  { "init", N_("Create or migrate the database (--demo loads the demo project)"), cmd_init },
  { "projects", N_("projects create NAME [--city TEXT] … | projects list: the office's projects"), anjuctl_projects_run },
  { "buildings", N_("buildings create NAME --floors N --units-per-floor N [--project ID]: add a building"), anjuctl_buildings_run },
  { "users", N_("users add NAME --role ROLE: add a user (password on stdin)"), cmd_users },
  { "apply", N_("apply FILE|- --user NAME: apply commands, one JSON per line"), cmd_apply },
  { "commands", N_("commands [--json]: every command, who may run it, its route (office decision, office preferred or local), its payload"), cmd_commands },
  { "customers", N_("customers find TEXT: find customers by name, mobile or ID"), cmd_customers },
  { "handover", N_("handover --from NAME --to NAME --reason TEXT --user MANAGER | handover status|list: hand a consultant's customers to another, follow the calls"), cmd_handover },
  { "check-id", N_("check-id ID: check a resident ID number"), cmd_check_id },
  { "amount-words", N_("amount-words AMOUNT: an amount in Chinese capitals"), cmd_amount_words },
  { "units", N_("units list|import FILE.csv|export FILE.csv: the sales board and price lists"), anjuctl_units_run },
  { "tasks", N_("tasks [--user NAME] [--date YYYY-MM-DD] [--done]: a person's due and overdue tasks"), anjuctl_tasks_run },
  { "plan", N_("plan [--date YYYY-MM-DD]: the visitors expected from appointments"), anjuctl_plan_run },
  { "loan", N_("loan --principal AMOUNT --rate PERCENT --months N --method METHOD [--json]: a loan's schedule"), anjuctl_loan_run },
  { "fees", N_("fees --price AMOUNT --area M2 --home-number 1|2|3 [--city CODE] [--date YYYY-MM-DD] [--json]: a buyer's taxes and fees"), anjuctl_fees_run },
  { "payment-plan", N_("payment-plan --quote ID --payment METHOD [loan options] [--json]: the payment plan of a quote"), anjuctl_payment_plan_run },
  { "render", N_("render KIND --id ID|--model FILE.json --output FILE.pdf: print a buyer’s paper to PDF"), anjuctl_render_run },
  { "subscriptions", N_("subscriptions list [--user NAME] [--all]: deals and their cooling-off"), anjuctl_subscriptions_run },
  { "receipts", N_("receipts list|summary [--date YYYY-MM-DD]: the day's receipts, and totals by method"), anjuctl_receipts_run },
  { "payments", N_("payments due [--user NAME] [--all]: expected payments, amber and red"), anjuctl_payments_run },
  { "signing", N_("signing list [--user NAME]: each deal's signing, data check and filing"), anjuctl_signing_run },
  { "checklist", N_("checklist SUBSCRIPTION_ID contract|mortgage: the documents brought and missing"), anjuctl_checklist_run },
  { "filing", N_("filing due [--user NAME]: contracts to file online, due soon, urgent, overdue"), anjuctl_filing_run },
  { "mortgage", N_("mortgage list [--status STATUS]: the mortgage pipeline"), anjuctl_mortgage_run },
  { "care", N_("care calendar|plan --year YEAR | care milestone …: the owners' care calendar"), anjuctl_care_run },
};

static void
usage (void)
{
  g_printerr (_("Usage: anjuctl [--database PATH] COMMAND [ARGS…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (builtin_commands); i++)
    g_printerr ("  %-14s %s\n", builtin_commands[i].name, _(builtin_commands[i].summary));
  for (const AnjuctlCommand *c = anjuctl_extra_commands; c && c->name; c++)
    g_printerr ("  %-14s %s\n", c->name, _(c->summary));
}

int
main (int    argc,
      char **argv)
{
  int first = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, anju_paths_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* The domains register their commands here, above core's dispatcher. */
  anju_commands_init ();

  while (first < argc && argv[first][0] == '-')
    {
      if (g_str_equal (argv[first], "--version"))
        {
          g_print ("anjuctl %s\n", PACKAGE_VERSION);
          return 0;
        }
      if (g_str_equal (argv[first], "--database") && first + 1 < argc)
        {
          opt_database = argv[first + 1];
          first += 2;
        }
      else if (g_str_has_prefix (argv[first], "--database="))
        opt_database = argv[first++] + strlen ("--database=");
      else if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h"))
        {
          usage ();
          return 0;
        }
      else
        {
          g_printerr (_("anjuctl: unknown option “%s”\n"), argv[first]);
          usage ();
          return 2;
        }
    }
  if (first >= argc)
    {
      usage ();
      return 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (builtin_commands); i++)
    if (g_str_equal (argv[first], builtin_commands[i].name))
      return builtin_commands[i].run (argc - first, argv + first);
  for (const AnjuctlCommand *c = anjuctl_extra_commands; c && c->name; c++)
    if (g_str_equal (argv[first], c->name))
      return c->run (argc - first, argv + first);
  g_printerr (_("anjuctl: unknown command “%s”\n"), argv[first]);
  usage ();
  return 2;
}
