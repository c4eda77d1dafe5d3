/* anjuctl-sync.c — `anjuctl sync`: one push-and-pull round as this desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "anju-format.h"
#include "anju-sync-engine.h"
#include "anjuctl-sync.h"

static void
print_report_text (AnjuSyncReport *report,
                   const char     *url)
{
  g_autoptr(GList) tables = g_hash_table_get_keys (report->tables);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *cursor = NULL;

  g_print (ngettext ("Sent %u command to %s: %u applied, %u rejected.\n",
                     "Sent %u commands to %s: %u applied, %u rejected.\n", report->answers->len),
           report->answers->len, url, report->n_applied, report->n_rejected);
  for (guint i = 0; i < report->answers->len; i++)
    {
      JsonObject *answer = g_ptr_array_index (report->answers, i);
      const char *status = json_object_get_string_member_with_default (answer, "status", "?");

      g_print ("  %-9s %-22s %s", status, json_object_get_string_member_with_default (answer, "type", ""),
               json_object_get_string_member_with_default (answer, "id", ""));
      if (g_str_equal (status, "rejected"))
        {
          const char *field = json_object_get_string_member_with_default (answer, "field", NULL);
          g_print ("  %s%s%s%s: %s", json_object_get_string_member_with_default (answer, "code", ""),
                   field ? " (" : "", field ? field : "", field ? ")" : "",
                   json_object_get_string_member_with_default (answer, "message", ""));
        }
      g_print ("\n");
    }
  tables = g_list_sort (tables, (GCompareFunc)g_strcmp0);
  for (GList *l = tables; l; l = l->next)
    {
      if (list->len > 0)
        g_string_append (list, anju_format_list_separator ());
      /* Translators: a table's name and how many of its rows changed, e.g. "customers 2" */
      g_string_append_printf (list, _("%s %u"), (const char *)l->data,
                              GPOINTER_TO_UINT (g_hash_table_lookup (report->tables, l->data)));
    }
  cursor = g_strdup_printf ("%" G_GINT64_FORMAT, report->cursor);
  if (list->len > 0)
    /* Translators: the second %s lists the tables that changed, e.g. "customers 2, visits 1";
     * the third is the sync cursor */
    g_print (ngettext ("Received %u change (%s); caught up to %s.\n",
                       "Received %u changes (%s); caught up to %s.\n", report->n_received),
             report->n_received, list->str, cursor);
  else
    /* Translators: %s is the sync cursor */
    g_print (ngettext ("Received %u change; caught up to %s.\n",
                       "Received %u changes; caught up to %s.\n", report->n_received),
             report->n_received, cursor);
  g_print (_("Waiting to be sent: %u.\n"), report->n_pending);
  if (report->n_waiting > 0)
    g_print (_("Pending commands that no longer apply here: %u (the server will decide).\n"),
             report->n_waiting);
  if (report->blocked)
    g_print (_("The next waiting command was made by another user; it goes when that user signs in.\n"));
}

static void
print_report_json (AnjuSyncReport *report,
                   const char     *url)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonArray *answers = json_array_new ();
  JsonObject *tables = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  json_object_set_string_member (root, "server", url);
  for (guint i = 0; i < report->answers->len; i++)
    {
      JsonObject *answer = g_ptr_array_index (report->answers, i);
      JsonObject *copy = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (answer);

      /* The row images are for the desk; a script wants the verdicts. */
      for (GList *l = members; l; l = l->next)
        if (!g_str_equal (l->data, "changes"))
          json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (answer, l->data)));
      json_array_add_object_element (answers, copy);
    }
  json_object_set_array_member (root, "sent", answers);
  json_object_set_int_member (root, "applied", report->n_applied);
  json_object_set_int_member (root, "rejected", report->n_rejected);
  json_object_set_int_member (root, "received", report->n_received);
  g_hash_table_iter_init (&iter, report->tables);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_int_member (tables, key, GPOINTER_TO_UINT (value));
  json_object_set_object_member (root, "tables", tables);
  json_object_set_int_member (root, "cursor", report->cursor);
  json_object_set_int_member (root, "pending", report->n_pending);
  json_object_set_int_member (root, "waiting", report->n_waiting);
  json_object_set_boolean_member (root, "blocked", report->blocked);
  node = json_node_init_object (json_node_alloc (), root);
  text = json_to_string (node, FALSE);
  g_print ("%s\n", text);
}

int
anjuctl_cmd_sync (int    argc,
                  char **argv)
{
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuSyncEngine) engine = NULL;
  g_autoptr(AnjuSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *server = NULL, *user = NULL, *ca_file = NULL;
  gboolean json = FALSE, ok;
  guint64 wait = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--server") && i + 1 < argc)
        server = argv[++i];
      else if (g_str_equal (argv[i], "--user") && i + 1 < argc)
        user = argv[++i];
      else if (g_str_equal (argv[i], "--ca-file") && i + 1 < argc)
        ca_file = argv[++i];
      else if (g_str_equal (argv[i], "--wait") && i + 1 < argc &&
               g_ascii_string_to_unsigned (argv[i + 1], 10, 0, 30, &wait, NULL))
        i++;
      else if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else
        {
          g_printerr (_("Usage: anjuctl [--database DESK.db] sync [--server URL] [--user NAME] [--ca-file FILE] [--wait SECONDS] [--json]\n"
                        "The password is read from standard input. --ca-file trusts the office's own certificate (kept for this desk; \"\" for the system's).\n"));
          return 2;
        }
    }
  if (!(store = anjuctl_open_store ()))
    return 1;
  engine = anju_sync_engine_new (store);
  if (ca_file != NULL && !anju_sync_engine_set_ca_file (engine, ca_file, &error))
    {
      g_printerr ("anjuctl: %s\n", error->message);
      return 1;
    }
  if (user != NULL)
    {
      g_autofree char *password = anjuctl_read_password ();
      g_autofree char *stored = anju_sync_engine_dup_server_url (engine);

      if (server == NULL && (stored == NULL || *stored == '\0'))
        {
          g_printerr (_("anjuctl: server: give the office server with --server URL.\n"));
          return 2;
        }
      if (!anju_sync_engine_login (engine, server ? server : stored, user, password,
                                   ANJU_SYNC_LOGIN_NONE, NULL, &error))
        {
          g_printerr ("anjuctl: %s\n", error->message);
          return 1;
        }
    }
  else if (!anju_sync_engine_is_signed_in (engine))
    {
      g_printerr (_("anjuctl: this workstation is not signed in to an office server; give --server URL --user NAME.\n"));
      return 2;
    }

  url = anju_sync_engine_dup_server_url (engine);
  report = anju_sync_report_new ();
  ok = anju_sync_engine_push (engine, report, NULL, &error) &&
       anju_sync_engine_pull (engine, wait, report, NULL, &error);
  if (json)
    print_report_json (report, url);
  else
    print_report_text (report, url);
  /* A script's sign-in ends with the script. */
  if (user != NULL)
    anju_sync_engine_logout (engine, NULL, NULL);
  if (!ok)
    {
      g_printerr ("anjuctl: %s\n", error->message);
      return 1;
    }
  return report->n_rejected > 0 ? 3 : 0;
}
