/* anju-server-main.c — the anju-server program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   anju-server --database PATH [--listen ADDR:PORT] [--tls-cert F --tls-key F]
 *               [--read-timeout SECONDS] [--request-timeout SECONDS]
 *
 * Its first line on standard output names the URL it listens on, with the
 * port it got when asked for port 0, so scripts and tests can start it.
 */
#include "anju-paths.h"
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "anju-command.h"
#include "anju-server.h"
#include "anju-units.h"

/* Tests move the server's clock through a file holding an offset in
 * seconds (ANJU_TEST_CLOCK_FILE); read at each tick, so a running server
 * sees a token expire when the test says so. */
static gint64
file_offset_clock (gpointer user_data)
{
  g_autofree char *text = NULL;
  gint64 offset = 0;

  if (g_file_get_contents (user_data, &text, NULL, NULL))
    offset = g_ascii_strtoll (text, NULL, 10);
  return g_get_real_time () + offset * G_USEC_PER_SEC;
}

static gboolean
on_signal_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

#define HOLD_EXPIRY_SECONDS 30

static gboolean
on_expire_holds_cb (gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (anju_units_expire_holds (user_data, &error) < 0)
    g_printerr ("anju-server: releasing expired holds: %s\n", error->message);
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *database = NULL, *listen = NULL, *cert_file = NULL, *key_file = NULL;
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnjuStore) store = NULL;
  g_autoptr(AnjuServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  AnjuSessionLimits limits;
  gint idle_minutes = 0, lifetime_hours = 0, max_body = 0;
  gint read_timeout = ANJU_SERVER_READ_TIMEOUT, request_timeout = ANJU_SERVER_REQUEST_TIMEOUT;
  gboolean version = FALSE;
  const char *clock_file, *crash_after;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The office database (created if missing)"), N_("PATH") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen, N_("Address and port, default 127.0.0.1:8470; port 0 picks a free one"), N_("ADDR:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert_file, N_("PEM certificate: serve HTTPS"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("PEM private key of the certificate"), N_("FILE") },
    { "session-idle", 0, 0, G_OPTION_ARG_INT, &idle_minutes, N_("Minutes without use before a sign-in expires (default 720)"), N_("MINUTES") },
    { "session-lifetime", 0, 0, G_OPTION_ARG_INT, &lifetime_hours, N_("Hours before any sign-in expires (default 168)"), N_("HOURS") },
    { "max-body", 0, 0, G_OPTION_ARG_INT, &max_body, N_("Largest request in bytes (default 8 MiB)"), N_("BYTES") },
    { "read-timeout", 0, 0, G_OPTION_ARG_INT, &read_timeout, N_("Seconds a connection may stay silent before it is closed (default 30)"), N_("SECONDS") },
    { "request-timeout", 0, 0, G_OPTION_ARG_INT, &request_timeout, N_("Seconds within which a request's headers must arrive (default 60)"), N_("SECONDS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, anju_paths_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* The domains register their commands here, above core's dispatcher. */
  anju_commands_init ();

  options = g_option_context_new (NULL);
  g_option_context_set_summary (options, _("The Anju office server: one database shared by every workstation of a sales office."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("anju-server: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("anju-server %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* From here on the office answers in English, the API's language: a
   * refusal carries its English sentence as a template with arguments,
   * and each desk renders it in its own language (docs/api.md). */
  setlocale (LC_MESSAGES, "C");
  if (database == NULL)
    {
      g_printerr (_("anju-server: give the office database with --database PATH.\n"));
      return 2;
    }
  if ((cert_file == NULL) != (key_file == NULL))
    {
      g_printerr (_("anju-server: give both --tls-cert and --tls-key, or neither.\n"));
      return 2;
    }
  if (cert_file != NULL &&
      !(certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error)))
    {
      g_printerr (_("anju-server: cannot use the certificate: %s\n"), error->message);
      return 1;
    }

  if (!(store = anju_store_open (database, &error)))
    {
      g_printerr ("anju-server: %s\n", error->message);
      return 1;
    }
  /* The office database outgrows SQLite's default 2 MB page cache soon;
   * random UUID keys then cost a read per index level. */
  anju_store_exec (store, "PRAGMA cache_size = -65536", NULL);
  if ((clock_file = g_getenv ("ANJU_TEST_CLOCK_FILE")) != NULL)
    anju_store_set_clock (store, file_offset_clock, (gpointer)clock_file);

  anju_session_limits_init_default (&limits);
  if (idle_minutes > 0)
    limits.idle_timeout = (gint64)idle_minutes * G_TIME_SPAN_MINUTE;
  if (lifetime_hours > 0)
    limits.max_lifetime = (gint64)lifetime_hours * G_TIME_SPAN_HOUR;
  server = anju_server_new (store, &limits);
  if (max_body > 0)
    anju_server_set_max_body (server, max_body);
  anju_server_set_timeouts (server, MAX (read_timeout, 0), MAX (request_timeout, 0));
  if ((crash_after = g_getenv ("ANJU_SERVER_TEST_CRASH_AFTER")) != NULL)
    anju_server_set_crash_after (server, g_ascii_strtoull (crash_after, NULL, 10));

  if (!anju_server_listen (server, listen ? listen : "127.0.0.1:8470", certificate, &error))
    {
      g_printerr (_("anju-server: cannot listen: %s\n"), error->message);
      return 1;
    }
  url = anju_server_dup_url (server);
  g_print (_("anju-server %s listening on %s (database %s)\n"), PACKAGE_VERSION, url, database);
  fflush (stdout);

  /* Holds run out by the clock; the server writes their release for the
   * office, so every desk's board and the change feed show it. */
  g_timeout_add_seconds (HOLD_EXPIRY_SECONDS, on_expire_holds_cb, store);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
