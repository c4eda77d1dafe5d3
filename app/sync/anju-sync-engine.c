/* anju-sync-engine.c — push, pull, and taking the server's answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <signal.h>

#include "anju-sync-engine.h"
#include "anju-sync-protocol.h"

#define META_SERVER    "sync.server"
#define META_SERVER_ID "sync.server_id"
#define META_TOKEN     "sync.token"
#define META_USER_ID   "sync.user_id"
#define META_USERNAME  "sync.username"
#define META_CURSOR    "sync.cursor"
#define META_CA_FILE   "sync.ca_file"

/* Commands per push; halved when the server finds a request too large. */
#define PUSH_BATCH     1000
/* Changes per pulled page: each page is one transaction here. */
#define PULL_PAGE      ANJU_API_MAX_PAGE

G_DEFINE_QUARK (anju-sync-error-quark, anju_sync_error)

struct _AnjuSyncEngine
{
  AnjuStore   *store;
  SoupSession *session;
  char        *ca_file;        /* the one the session trusts, or NULL */
};

/* What one transaction takes from the server. */
typedef struct
{
  GHashTable *verdicts;   /* command id → answer (JsonObject) */
  GPtrArray  *images;     /* JsonObject {seq, command_id, table, row_id, row} */
  gint64      cursor;     /* -1: the cursor stays */
} Incoming;

AnjuSyncReport *
anju_sync_report_new (void)
{
  AnjuSyncReport *report = g_new0 (AnjuSyncReport, 1);

  report->answers = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  report->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report->cursor = -1;
  return report;
}

void
anju_sync_report_free (AnjuSyncReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->answers);
  g_hash_table_unref (report->tables);
  g_free (report);
}

static void
report_table_n (AnjuSyncReport *report,
                const char     *table,
                guint           n)
{
  gpointer count;

  if (report == NULL)
    return;
  count = g_hash_table_lookup (report->tables, table);
  g_hash_table_insert (report->tables, g_strdup (table), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + n));
}

static void
report_table (AnjuSyncReport *report,
              const char     *table)
{
  report_table_n (report, table, 1);
}

static void
report_merge_tables (AnjuSyncReport *report,
                     AnjuSyncReport *from)
{
  GHashTableIter iter;
  gpointer key, value;

  if (report == NULL)
    return;
  g_hash_table_iter_init (&iter, from->tables);
  while (g_hash_table_iter_next (&iter, &key, &value))
    report_table_n (report, key, GPOINTER_TO_UINT (value));
}

AnjuSyncEngine *
anju_sync_engine_new (AnjuStore *store)
{
  AnjuSyncEngine *self = g_new0 (AnjuSyncEngine, 1);
  g_autofree char *agent = g_strdup_printf ("anju-desk/%s (%s)", PACKAGE_VERSION, g_get_host_name ());

  self->store = g_object_ref (store);
  /* The commands being decided in one transaction; per connection. */
  anju_store_exec (store,
                   "CREATE TEMP TABLE IF NOT EXISTS sync_decided "
                   "(command_id TEXT PRIMARY KEY, rejected INTEGER NOT NULL)", NULL);
  /* The long-poll holds a request up to ANJU_API_MAX_WAIT seconds. */
  self->session = soup_session_new_with_options ("user-agent", agent,
                                                 "timeout", ANJU_API_MAX_WAIT + 30,
                                                 "idle-timeout", 60,
                                                 NULL);
  return self;
}

void
anju_sync_engine_free (AnjuSyncEngine *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_free (self->ca_file);
  g_free (self);
}

AnjuStore *
anju_sync_engine_get_store (AnjuSyncEngine *self)
{
  return self->store;
}

gboolean
anju_sync_engine_is_connected (AnjuSyncEngine *self)
{
  g_autofree char *url = anju_store_dup_meta (self->store, META_SERVER);

  return url != NULL && *url != '\0';
}

gboolean
anju_sync_engine_is_signed_in (AnjuSyncEngine *self)
{
  g_autofree char *token = anju_store_dup_meta (self->store, META_TOKEN);

  return anju_sync_engine_is_connected (self) && token != NULL && *token != '\0';
}

char *
anju_sync_engine_dup_server_url (AnjuSyncEngine *self)
{
  return anju_store_dup_meta (self->store, META_SERVER);
}

char *
anju_sync_engine_dup_user_id (AnjuSyncEngine *self)
{
  return anju_store_dup_meta (self->store, META_USER_ID);
}

guint
anju_sync_engine_count_pending (AnjuSyncEngine *self)
{
  return MAX (0, anju_store_count (self->store, "SELECT count(*) FROM outbox"));
}

static gint64
get_cursor (AnjuSyncEngine *self)
{
  g_autofree char *text = anju_store_dup_meta (self->store, META_CURSOR);

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* ---------------------------------------------------------------- HTTP */

static char *
normalize_url (const char *url)
{
  g_autofree char *copy = g_strstrip (g_strdup (url));
  gsize len;

  while ((len = strlen (copy)) > 0 && copy[len - 1] == '/')
    copy[len - 1] = '\0';
  if (g_str_has_suffix (copy, ANJU_API_PREFIX))
    copy[strlen (copy) - strlen (ANJU_API_PREFIX)] = '\0';
  if (!g_str_has_prefix (copy, "http://") && !g_str_has_prefix (copy, "https://"))
    {
      char *with_scheme = g_strconcat ("http://", copy, NULL);
      g_free (copy);
      copy = with_scheme;
    }
  return g_steal_pointer (&copy);
}

static const char *
reply_error_member (JsonObject *reply,
                    const char *member)
{
  JsonObject *error;

  if (reply == NULL || !json_object_has_member (reply, "error"))
    return NULL;
  error = json_object_get_object_member (reply, "error");
  if (error == NULL)
    return NULL;
  return json_object_get_string_member_with_default (error, member, NULL);
}

/* Makes the session trust the certificates in @path (a PEM file: the
 * office's own CA, or its self-signed certificate) instead of the
 * system's; NULL or "" for the system's again. */
static gboolean
trust_ca_file (AnjuSyncEngine  *self,
               const char      *path,
               GError         **error)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;

  if (path == NULL || *path == '\0')
    {
      soup_session_set_tls_database (self->session,
                                     g_tls_backend_get_default_database (g_tls_backend_get_default ()));
      g_clear_pointer (&self->ca_file, g_free);
      return TRUE;
    }
  database = g_tls_file_database_new (path, &local_error);
  if (database == NULL)
    {
      g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                   _("Cannot use “%s” as the office's certificate authority (%s). Give the PEM file IT made for the office server."),
                   path, local_error->message);
      return FALSE;
    }
  soup_session_set_tls_database (self->session, database);
  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
  return TRUE;
}

/* The CA file is kept in the desk's database, so every engine on this
 * desk (the window's, anjuctl's) trusts the same office. */
static gboolean
apply_stored_ca_file (AnjuSyncEngine  *self,
                      GError         **error)
{
  g_autofree char *path = anju_store_dup_meta (self->store, META_CA_FILE);

  if (g_strcmp0 (path && *path ? path : NULL, self->ca_file) == 0)
    return TRUE;
  return trust_ca_file (self, path, error);
}

gboolean
anju_sync_engine_set_ca_file (AnjuSyncEngine  *self,
                              const char      *path,
                              GError         **error)
{
  g_autofree char *absolute = path && *path ? g_canonicalize_filename (path, NULL) : g_strdup ("");
  g_autofree char *stored = anju_store_dup_meta (self->store, META_CA_FILE);

  if (!trust_ca_file (self, absolute, error))
    return FALSE;
  /* A database that never had one (one used alone) is left untouched. */
  if (g_strcmp0 (stored ? stored : "", absolute) == 0)
    return TRUE;
  return anju_store_set_meta (self->store, META_CA_FILE, absolute, error);
}

char *
anju_sync_engine_dup_ca_file (AnjuSyncEngine *self)
{
  g_autofree char *path = anju_store_dup_meta (self->store, META_CA_FILE);

  return path && *path ? g_steal_pointer (&path) : NULL;
}

/* Refusals in a reply read in this desk's language from here on (the
 * server's own text stays where the desk does not know the sentence). */
static void
localize_reply (JsonObject *reply)
{
  JsonNode *results = json_object_get_member (reply, "results");

  if (json_object_has_member (reply, "error") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (reply, "error")))
    anju_refusal_localize (json_object_get_object_member (reply, "error"));
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (results)); i++)
    {
      JsonNode *answer = json_array_get_element (json_node_get_array (results), i);

      if (JSON_NODE_HOLDS_OBJECT (answer))
        anju_refusal_localize (json_node_get_object (answer));
    }
}

/* One request and its answer. Made and read on the engine's thread (they
 * use its store); sent, and the answer parsed, on any thread, so that a
 * push can have the next batch on the way while it takes the answer
 * before (libsoup ≥ 3.2 lets messages be sent from any thread). */
typedef struct
{
  SoupSession  *session;
  SoupMessage  *msg;
  GCancellable *cancellable;
  char         *base;
  GBytes       *bytes;      /* the answer's body, or NULL and error */
  JsonObject   *reply;      /* parsed from bytes, or NULL */
  GError       *error;
  GThread      *thread;     /* while it runs ahead */
} Exchange;

static void
exchange_free (Exchange *x)
{
  if (x == NULL)
    return;
  if (x->thread != NULL)
    g_thread_join (x->thread);
  g_clear_object (&x->session);
  g_clear_object (&x->msg);
  g_clear_object (&x->cancellable);
  g_free (x->base);
  g_clear_pointer (&x->bytes, g_bytes_unref);
  g_clear_pointer (&x->reply, json_object_unref);
  g_clear_error (&x->error);
  g_free (x);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Exchange, exchange_free)

static Exchange *
exchange_new (AnjuSyncEngine  *self,
              const char      *base,
              const char      *method,
              const char      *path,
              GBytes          *body,
              gboolean         with_token,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autofree char *uri = g_strconcat (base, ANJU_API_PREFIX, path, NULL);
  g_autoptr(Exchange) x = g_new0 (Exchange, 1);

  x->msg = soup_message_new (method, uri);
  if (x->msg == NULL)
    {
      g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                   _("“%s” is not a server address. Give one like http://192.168.1.10:8470."), base);
      return NULL;
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (x->msg, "application/json", body);
  if (with_token)
    {
      g_autofree char *token = anju_store_dup_meta (self->store, META_TOKEN);
      g_autofree char *value = NULL;

      if (token == NULL || *token == '\0')
        {
          g_set_error_literal (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SIGNED_OUT,
                               _("Sign in to the office server to send and receive changes."));
          return NULL;
        }
      value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (x->msg), "Authorization", value);
    }
  if (!apply_stored_ca_file (self, error))
    return NULL;
  x->session = g_object_ref (self->session);
  x->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  x->base = g_strdup (base);
  return g_steal_pointer (&x);
}

static gpointer
exchange_run (gpointer data)
{
  Exchange *x = data;
  const char *text;
  gsize size;

  x->bytes = soup_session_send_and_read (x->session, x->msg, x->cancellable, &x->error);
  if (x->bytes != NULL && (text = g_bytes_get_data (x->bytes, &size)) != NULL && size > 0)
    x->reply = anju_sync_parse_object (text, size, NULL);
  return NULL;
}

/* Sends @x's request on a thread of its own; exchange_finish() waits. */
static void
exchange_start_ahead (Exchange *x)
{
  g_debug ("sync: the next request goes ahead: %s", g_uri_get_path (soup_message_get_uri (x->msg)));
  x->thread = g_thread_new ("anju-sync-ahead", exchange_run, x);
}

/* Returns the HTTP status of @x's answer, or 0 with @error when the
 * server could not be reached or did not answer JSON. */
static guint
exchange_finish (AnjuSyncEngine  *self,
                 Exchange        *x,
                 JsonObject     **reply,
                 GError         **error)
{
  const char *base = x->base;
  guint status;

  *reply = NULL;
  if (x->thread != NULL)
    g_thread_join (g_steal_pointer (&x->thread));
  else if (x->bytes == NULL && x->error == NULL)
    exchange_run (x);
  if (x->bytes == NULL)
    {
      GError *local_error = x->error;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&x->error));
      else if (local_error->domain == G_TLS_ERROR)
        g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                     _("This computer does not trust the certificate of the office server at %s (%s). If the office uses its own certificate, give its CA file: anjuctl sync --ca-file FILE, or the CA file in the connection settings."),
                     base, local_error->message);
      else if (anju_sync_engine_count_pending (self) > 0)
        g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_OFFLINE,
                     _("The office server at %s cannot be reached (%s). Changes wait on this computer and are sent when it is back."),
                     base, local_error->message);
      else
        /* Nothing waits (a first connection, say): do not say it does. */
        g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_OFFLINE,
                     _("The office server at %s cannot be reached (%s). Check the address and that the server is running."),
                     base, local_error->message);
      return 0;
    }
  status = soup_message_get_status (x->msg);
  *reply = g_steal_pointer (&x->reply);
  if (*reply == NULL)
    {
      if ((status >= 500 || status == 0) && anju_sync_engine_count_pending (self) > 0)
        g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_OFFLINE,
                     _("The office server at %s is not answering (HTTP %u). Changes wait on this computer."),
                     base, status);
      else if (status >= 500 || status == 0)
        g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_OFFLINE,
                     _("The office server at %s is not answering (HTTP %u). Try again in a moment."),
                     base, status);
      else
        g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                     _("%s does not answer like an Anju office server (HTTP %u). Check the address."),
                     base, status);
      return 0;
    }
  localize_reply (*reply);
  return status;
}

/* Sends one request; returns the HTTP status, or 0 with @error when the
 * server could not be reached or did not answer JSON. */
static guint
send_request (AnjuSyncEngine  *self,
              const char      *base,
              const char      *method,
              const char      *path,
              GBytes          *body,
              gboolean         with_token,
              JsonObject     **reply,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(Exchange) x = exchange_new (self, base, method, path, body, with_token, cancellable, error);

  *reply = NULL;
  if (x == NULL)
    return 0;
  return exchange_finish (self, x, reply, error);
}

/* The error for an answer that is not a success. */
static void
set_reply_error (GError     **error,
                 guint        status,
                 JsonObject  *reply)
{
  const char *message = reply_error_member (reply, "message");
  const char *code = reply_error_member (reply, "code");
  AnjuSyncError sync_code = ANJU_SYNC_ERROR_SERVER;

  if (status == SOUP_STATUS_UNAUTHORIZED)
    sync_code = g_strcmp0 (code, "auth") == 0 ? ANJU_SYNC_ERROR_AUTH : ANJU_SYNC_ERROR_SIGNED_OUT;
  else if (status == 429)
    sync_code = ANJU_SYNC_ERROR_THROTTLED;
  else if (status == SOUP_STATUS_CONFLICT && g_strcmp0 (code, "cursor_ahead") == 0)
    sync_code = ANJU_SYNC_ERROR_WRONG_SERVER;
  else if (status >= 500)
    sync_code = ANJU_SYNC_ERROR_OFFLINE;
  g_set_error (error, ANJU_SYNC_ERROR, sync_code, "%s",
               message ? message : _("The office server refused the request."));
}

static GBytes *
bytes_from_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  gsize length;
  char *text = json_to_string (node, FALSE);

  length = strlen (text);
  return g_bytes_new_take (text, length);
}

/* ------------------------------------------------------------- sign-in */

static gboolean
remember_password (AnjuSyncEngine  *self,
                   JsonObject      *user,
                   const char      *password,
                   GError         **error)
{
  g_autofree char *hash = anju_password_hash (password);
  g_autoptr(JsonObject) row = NULL;
  const char *id = json_object_get_string_member_with_default (user, "id", NULL);

  if (hash == NULL || id == NULL)
    return TRUE;
  row = anju_store_dup_row (self->store, "users", id, NULL);
  if (row == NULL)
    {
      g_autofree char *now = anju_store_now_string (self->store);

      row = json_object_new ();
      json_object_set_string_member (row, "id", id);
      json_object_set_string_member (row, "username",
                                     json_object_get_string_member_with_default (user, "username", ""));
      json_object_set_string_member (row, "display_name",
                                     json_object_get_string_member_with_default (user, "display_name", ""));
      json_object_set_string_member (row, "role",
                                     json_object_get_string_member_with_default (user, "role", ""));
      json_object_set_int_member (row, "disabled", 0);
      json_object_set_string_member (row, "created_at", now);
    }
  json_object_set_string_member (row, "password_hash", hash);
  return anju_store_put_row (self->store, "users", row, error);
}

/* Whether @store holds business records: they were made here alone (never
 * in the outbox), so a first connection must not mix them with the office's. */
static gboolean
holds_local_data (AnjuStore *store)
{
  return anju_store_count (store,
                           "SELECT EXISTS (SELECT 1 FROM projects) "
                           "OR EXISTS (SELECT 1 FROM customers) "
                           "OR EXISTS (SELECT 1 FROM units)") != 0;
}

/* Tables a desk keeps for itself, not copies of the office's rows: its
 * settings and outbox, and the people who may sign in here (their local
 * password hashes, for signing in while the server is away). */
static const char * const kept_tables[] = { "meta", "outbox", "users", "sessions", "login_failures", NULL };

/* Another person may sign in here once the previous person's changes have
 * reached the office: they are the only copy, and they are that person's. */
static gboolean
may_forget_previous_person (AnjuSyncEngine  *self,
                            const char      *previous_id,
                            GError         **error)
{
  g_autoptr(AnjuUser) previous = anju_user_lookup (self->store, previous_id);
  gint64 waiting = anju_store_count (self->store, "SELECT count(*) FROM outbox");

  if (waiting <= 0)
    return TRUE;
  g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_PENDING,
               _("Changes %s made on this computer have not reached the office server yet. %s must sign in here once more so they are sent; then another person can sign in."),
               previous ? previous->display_name : "?", previous ? previous->display_name : "?");
  return FALSE;
}

/* Deletes every row this desk took from the office (and what it made of
 * them: its change feed, audit, answers, refusals), overwriting them in
 * the file, so that the person signing in next finds nothing of the last
 * person's; the pull from sequence 0 then brings what the new person may
 * see. Runs inside the sign-in's transaction. */
static gboolean
forget_synced_rows (AnjuSyncEngine  *self,
                    GError         **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if (!anju_store_exec (self->store, "PRAGMA secure_delete = ON", error) ||
      !anju_store_exec (self->store, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;
  stmt = anju_store_prepare (self->store,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);

      if (!g_strv_contains (kept_tables, name))
        g_ptr_array_add (tables, g_strdup (name));
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\"", (char *)g_ptr_array_index (tables, i));

      if (!anju_store_exec (self->store, sql, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
anju_sync_engine_login (AnjuSyncEngine      *self,
                        const char          *url,
                        const char          *username,
                        const char          *password,
                        AnjuSyncLoginFlags   flags,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autofree char *base = normalize_url (url);
  g_autofree char *known_id = anju_store_dup_meta (self->store, META_SERVER_ID);
  g_autofree char *cursor = anju_store_dup_meta (self->store, META_CURSOR);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *previous_id = NULL;
  gboolean another_person;
  JsonObject *user;
  const char *token, *server_id;
  guint status;

  json_object_set_string_member (body, "username", username);
  json_object_set_string_member (body, "password", password);
  bytes = bytes_from_object (body);
  status = send_request (self, base, SOUP_METHOD_POST, "/login", bytes, FALSE, &reply, cancellable, error);
  if (status == 0)
    return FALSE;
  if (status != SOUP_STATUS_OK)
    {
      set_reply_error (error, status, reply);
      return FALSE;
    }
  token = json_object_get_string_member_with_default (reply, "token", NULL);
  server_id = json_object_get_string_member_with_default (reply, "server_id", NULL);
  user = json_object_has_member (reply, "user") ? json_object_get_object_member (reply, "user") : NULL;
  if (token == NULL || server_id == NULL || user == NULL)
    {
      g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                   _("%s answered the sign-in without a token. Is it an Anju office server?"), base);
      return FALSE;
    }
  if (json_object_get_int_member_with_default (reply, "schema", 0) > anju_store_schema_version ())
    {
      g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_WRONG_SERVER,
                   _("The office server runs a newer Anju (schema %d, this computer knows %d). Update Anju on this computer first."),
                   (int)json_object_get_int_member (reply, "schema"), anju_store_schema_version ());
      return FALSE;
    }
  if (known_id != NULL && !g_str_equal (known_id, server_id))
    {
      g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_WRONG_SERVER,
                   _("This workstation's database belongs to another office server. Use a new database to connect to %s."),
                   base);
      return FALSE;
    }
  if ((known_id == NULL || *known_id == '\0') && holds_local_data (self->store))
    {
      g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_LOCAL_DATA,
                   _("This database already holds records made on this computer alone. Connect to %s with a new, empty database (Anju does this by itself from the window; with anjuctl use --database NEW.db)."),
                   base);
      return FALSE;
    }

  previous_id = anju_store_dup_meta (self->store, META_USER_ID);
  another_person = previous_id != NULL && *previous_id != '\0' &&
                   g_strcmp0 (previous_id, json_object_get_string_member_with_default (user, "id", "")) != 0;
  if (another_person && !may_forget_previous_person (self, previous_id, error))
    return FALSE;

  if (!anju_store_begin (self->store, error))
    return FALSE;
  if ((another_person && !forget_synced_rows (self, error)) ||
      !anju_store_set_meta (self->store, META_SERVER, base, error) ||
      !anju_store_set_meta (self->store, META_SERVER_ID, server_id, error) ||
      !anju_store_set_meta (self->store, META_TOKEN, token, error) ||
      !anju_store_set_meta (self->store, META_USER_ID,
                            json_object_get_string_member_with_default (user, "id", ""), error) ||
      !anju_store_set_meta (self->store, META_USERNAME, username, error) ||
      ((cursor == NULL || another_person) && !anju_store_set_meta (self->store, META_CURSOR, "0", error)) ||
      !anju_store_set_outbox_enabled (self->store, TRUE, error) ||
      ((flags & ANJU_SYNC_LOGIN_REMEMBER_LOCALLY) && !remember_password (self, user, password, error)))
    {
      anju_store_rollback (self->store);
      return FALSE;
    }
  if (!anju_store_commit (self->store, error))
    return FALSE;
  /* The deleted rows were zeroed as they went (secure_delete); the log's
   * older copies of those pages go too. */
  if (another_person)
    anju_store_exec (self->store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  return TRUE;
}

gboolean
anju_sync_engine_logout (AnjuSyncEngine  *self,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autofree char *base = anju_store_dup_meta (self->store, META_SERVER);
  g_autoptr(JsonObject) reply = NULL;

  if (base != NULL && anju_sync_engine_is_signed_in (self))
    {
      /* A last push, so that what this person did leaves with them; what
       * cannot go now waits for their next sign-in here. */
      if (anju_sync_engine_count_pending (self) > 0)
        anju_sync_engine_push (self, NULL, cancellable, NULL);
      send_request (self, base, SOUP_METHOD_POST, "/logout", NULL, TRUE, &reply, cancellable, NULL);
    }
  return anju_store_set_meta (self->store, META_TOKEN, "", error);
}

gboolean
anju_sync_engine_disconnect (AnjuSyncEngine  *self,
                             GError         **error)
{
  guint pending = anju_sync_engine_count_pending (self);

  if (pending > 0)
    {
      g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_PENDING,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u change still waits to be sent to the office server. Connect once more so it is not lost.",
                                "%u changes still wait to be sent to the office server. Connect once more so they are not lost.",
                                pending), pending);
      return FALSE;
    }
  if (!anju_sync_engine_logout (self, NULL, error))
    return FALSE;
  if (!anju_store_begin (self->store, error))
    return FALSE;
  if (!anju_store_set_meta (self->store, META_SERVER, "", error) ||
      !anju_store_set_outbox_enabled (self->store, FALSE, error))
    {
      anju_store_rollback (self->store);
      return FALSE;
    }
  return anju_store_commit (self->store, error);
}

/* ------------------------------------------------------ taking answers */

static char *
row_key (const char *table,
         const char *row_id)
{
  return g_strconcat (table, "\n", row_id, NULL);
}

static gboolean
is_pending (AnjuSyncEngine *self,
            const char     *command_id)
{
  sqlite3_stmt *stmt = anju_store_prepare (self->store,
      "SELECT 1 FROM outbox WHERE command_id = ?", NULL);
  gboolean found;

  if (stmt == NULL || command_id == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, command_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Adds to @rows the rows that @command_id wrote here (its local images).
 * With @held, also what the table holds of each such row when that local
 * image is the row's latest (key → row_json): no later image, local or
 * the server's, has been written over it. */
static gboolean
collect_touched (AnjuSyncEngine  *self,
                 const char      *command_id,
                 GHashTable      *rows,
                 GHashTable      *held,
                 GError         **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (self->store,
      "SELECT c.tbl, c.row_id, c.row_json, "
      "c.seq = (SELECT max(l.seq) FROM changes l WHERE l.tbl = c.tbl AND l.row_id = c.row_id) "
      "FROM changes c WHERE c.command_id = ? AND c.server_seq IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, command_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *key = row_key ((const char *)sqlite3_column_text (stmt, 0),
                           (const char *)sqlite3_column_text (stmt, 1));

      if (held != NULL && sqlite3_column_int (stmt, 3) &&
          sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        g_hash_table_insert (held, g_strdup (key), anju_stmt_dup_text (stmt, 2));
      g_hash_table_add (rows, key);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Whether a pending command that is not being decided now wrote the row. */
static gboolean
row_has_pending_write (AnjuSyncEngine *self,
                       const char     *key)
{
  g_auto(GStrv) parts = g_strsplit (key, "\n", 2);
  sqlite3_stmt *stmt = anju_store_prepare (self->store,
      "SELECT 1 FROM changes c JOIN outbox o ON o.command_id = c.command_id "
      "WHERE c.tbl = ? AND c.row_id = ? AND c.server_seq IS NULL "
      "AND c.command_id NOT IN (SELECT command_id FROM temp.sync_decided) LIMIT 1", NULL);
  gboolean found;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, parts[0], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, parts[1], -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Writes a row image here, keeping this desk's own secret columns. */
static gboolean
put_image (AnjuSyncEngine  *self,
           const char      *table,
           const char      *row_id,
           JsonObject      *row,
           GError         **error)
{
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) copy = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GError) local_error = NULL;

  if (anju_sync_table_is_private (table))
    {
      g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                   _("The server sent a change to “%s”, which is not shared."), table);
      return FALSE;
    }
  if (row == NULL)
    return anju_store_delete_row (self->store, table, row_id, error);
  if (g_strcmp0 (json_object_get_string_member_with_default (row, "id", NULL), row_id) != 0)
    {
      g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                   _("The server sent a row of “%s” whose id does not match."), table);
      return FALSE;
    }
  members = json_object_get_members (row);
  for (GList *l = members; l; l = l->next)
    {
      if (!anju_sync_column_is_secret (table, l->data))
        continue;
      if (local == NULL)
        local = anju_store_dup_row (self->store, table, row_id, NULL);
      if (copy == NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), row);
          g_autoptr(JsonNode) dup = json_node_copy (node);
          copy = json_object_ref (json_node_get_object (dup));
        }
      if (local != NULL && json_object_has_member (local, l->data))
        json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (local, l->data)));
    }
  if (!anju_store_put_row (self->store, table, copy ? copy : row, &local_error))
    {
      g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                   _("This workstation could not take a change of “%s” from the office server (%s). If the server was updated, update Anju on this computer too."),
                   table, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Puts a row back to its base: its latest image no pending command wrote
 * (the pending ones' images are gone by now), or deletes it if it has none. */
static gboolean
restore_base (AnjuSyncEngine  *self,
              const char      *key,
              GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (key, "\n", 2);
  g_autofree char *row_json = NULL;
  g_autoptr(JsonObject) row = NULL;
  sqlite3_stmt *stmt = anju_store_prepare (self->store,
      "SELECT row_json FROM changes WHERE tbl = ? AND row_id = ? ORDER BY seq DESC LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, parts[0], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, parts[1], -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row_json = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (row_json != NULL)
    row = anju_sync_parse_object (row_json, strlen (row_json), NULL);
  return put_image (self, parts[0], parts[1], row, error);
}

/* Takes one image from the server unless a newer one of the row is here.
 * @held (or NULL): what the table holds of rows this desk wrote itself
 * (see collect_touched()); an image equal to it, byte for byte as
 * serialized, is not written again, only recorded with its server_seq.
 * Any difference (a column the server set, a secret blanked, a member
 * order) writes it as before. */
static gboolean
apply_image (AnjuSyncEngine  *self,
             JsonObject      *change,
             GHashTable      *held,
             AnjuSyncReport  *report,
             GError         **error)
{
  gint64 seq = json_object_get_int_member_with_default (change, "seq", 0);
  const char *table = json_object_get_string_member_with_default (change, "table", NULL);
  const char *row_id = json_object_get_string_member_with_default (change, "row_id", NULL);
  const char *command_id = json_object_get_string_member_with_default (change, "command_id", NULL);
  JsonNode *row_node = json_object_get_member (change, "row");
  JsonObject *row = row_node && JSON_NODE_HOLDS_OBJECT (row_node) ? json_node_get_object (row_node) : NULL;
  g_autofree char *row_json = NULL;
  sqlite3_stmt *stmt;
  gint64 known = 0;

  if (table == NULL || row_id == NULL || seq <= 0)
    {
      g_set_error_literal (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                           _("The server sent a change without its table, row or sequence."));
      return FALSE;
    }
  if (!(stmt = anju_store_prepare (self->store,
          "SELECT coalesce(max(server_seq), 0) FROM changes WHERE tbl = ? AND row_id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    known = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (known >= seq)
    return TRUE;

  if (row != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), row);
      row_json = json_to_string (node, FALSE);
    }
  {
    g_autofree char *key = held != NULL ? row_key (table, row_id) : NULL;
    const char *holds = key != NULL ? g_hash_table_lookup (held, key) : NULL;

    if (holds != NULL && row_json != NULL && !anju_sync_table_is_private (table) &&
        strcmp (holds, row_json) == 0)
      g_debug ("sync: %s %s is already here as the server has it", table, row_id);
    else
      {
        if (!put_image (self, table, row_id, row, error))
          return FALSE;
        /* What the table holds now is the server's image, kept secrets
         * and all: no longer the desk's own to compare with. */
        if (key != NULL)
          g_hash_table_remove (held, key);
      }
  }
  if (!(stmt = anju_store_prepare (self->store,
          "INSERT INTO changes (command_id, tbl, row_id, row_json, server_seq) VALUES (?, ?, ?, ?, ?)",
          error)))
    return FALSE;
  anju_stmt_bind_text_or_null (stmt, 1, command_id);
  sqlite3_bind_text (stmt, 2, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row_id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 4, row_json);
  sqlite3_bind_int64 (stmt, 5, seq);
  if (!anju_store_step_done (self->store, stmt, error))
    return FALSE;
  report_table (report, table);
  return TRUE;
}

static gboolean
exec_with_id (AnjuSyncEngine  *self,
              const char      *sql,
              const char      *id,
              GError         **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (self->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return anju_store_step_done (self->store, stmt, error);
}

static gboolean
record_rejection (AnjuSyncEngine  *self,
                  JsonObject      *answer,
                  GError         **error)
{
  const char *id = json_object_get_string_member_with_default (answer, "id", "");
  g_autofree char *command = NULL, *actor_id = NULL, *now = anju_store_now_string (self->store);
  sqlite3_stmt *stmt = anju_store_prepare (self->store,
      "SELECT command, actor_id FROM outbox WHERE command_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      command = anju_stmt_dup_text (stmt, 0);
      actor_id = anju_stmt_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (!(stmt = anju_store_prepare (self->store,
          "INSERT OR REPLACE INTO sync_rejections (command_id, type, actor_id, code, field, message, "
          "command, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member_with_default (answer, "type", ""), -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, actor_id);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member_with_default (answer, "code", "rejected"), -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 5, json_object_get_string_member_with_default (answer, "field", NULL));
  sqlite3_bind_text (stmt, 6, json_object_get_string_member_with_default (answer, "message", ""), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, command ? command : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  return anju_store_step_done (self->store, stmt, error) &&
         exec_with_id (self, "DELETE FROM applied_commands WHERE command_id = ?", id, error);
}

/* Applies the commands still in the outbox again, in order, on top of the
 * server's state. One that no longer applies stays pending without
 * effect here; the server's verdict will settle it. */
static gboolean
replay_pending (AnjuSyncEngine  *self,
                AnjuSyncReport  *report,
                GError         **error)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_command_free);
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = anju_store_prepare (self->store,
      "SELECT command, actor_id FROM outbox ORDER BY seq", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AnjuCommand *command = anju_command_new_from_json ((const char *)sqlite3_column_text (stmt, 0), NULL);

      if (command == NULL)
        continue;
      g_ptr_array_add (commands, command);
      g_ptr_array_add (actors, anju_stmt_dup_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < commands->len; i++)
    {
      const char *actor_id = g_ptr_array_index (actors, i);
      g_autoptr(AnjuUser) actor = actor_id && *actor_id ? anju_user_lookup (self->store, actor_id) : NULL;
      g_autoptr(JsonObject) answer = NULL;
      g_autoptr(GError) local_error = NULL;

      answer = anju_command_apply (self->store, g_ptr_array_index (commands, i),
                                   actor ? actor : anju_user_get_system (),
                                   ANJU_APPLY_REPLAY | ANJU_APPLY_NO_OUTBOX, &local_error);
      if (answer == NULL)
        {
          if (local_error->domain == ANJU_COMMAND_ERROR && local_error->code == ANJU_COMMAND_ERROR_STORAGE)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (report != NULL)
            report->n_waiting++;
          continue;
        }
      {
        JsonArray *changes = json_object_get_array_member (answer, "changes");
        for (guint j = 0; changes && j < json_array_get_length (changes); j++)
          report_table (report, json_object_get_string_member (json_array_get_object_element (changes, j), "table"));
      }
    }
  return TRUE;
}

typedef enum
{
  TAKE_FAST,
  TAKE_FULL,
} TakeMode;

static gboolean
take_incoming (AnjuSyncEngine  *self,
               Incoming        *in,
               TakeMode         mode,
               AnjuSyncReport  *report,
               GError         **error)
{
  g_autoptr(GHashTable) decided = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify)json_object_unref);
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) imaged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* rows this desk wrote, as the table holds them (key → row_json) */
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(AnjuSyncReport) scratch = anju_sync_report_new ();
  gboolean any_rejected = FALSE;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;

  if (!anju_store_begin (self->store, error))
    return FALSE;
  /* Row images arrive in the server's order, not in foreign-key order;
   * the constraints hold again by the commit. */
  if (!anju_store_exec (self->store, "PRAGMA defer_foreign_keys = ON", error) ||
      !anju_store_exec (self->store, "DELETE FROM temp.sync_decided", error))
    goto failed;

  /* What the server decided among what is pending here: the answers, and
   * the commands whose changes appear in the feed (answered to another
   * round that did not live to take the answer). */
  if (in->verdicts != NULL)
    {
      g_hash_table_iter_init (&iter, in->verdicts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (is_pending (self, key))
          g_hash_table_insert (decided, g_strdup (key), json_object_ref (value));
    }
  for (guint i = 0; in->images && i < in->images->len; i++)
    {
      JsonObject *change = g_ptr_array_index (in->images, i);
      const char *command_id = json_object_get_string_member_with_default (change, "command_id", NULL);

      g_hash_table_add (imaged, row_key (json_object_get_string_member_with_default (change, "table", ""),
                                         json_object_get_string_member_with_default (change, "row_id", "")));
      if (command_id != NULL && !g_hash_table_contains (decided, command_id) && is_pending (self, command_id))
        {
          JsonObject *answer = json_object_new ();

          json_object_set_string_member (answer, "id", command_id);
          json_object_set_string_member (answer, "status", "applied");
          g_hash_table_insert (decided, g_strdup (command_id), answer);
        }
    }
  if (!(stmt = anju_store_prepare (self->store,
          "INSERT INTO temp.sync_decided (command_id, rejected) VALUES (?, ?)", error)))
    goto failed;
  g_hash_table_iter_init (&iter, decided);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean rejected = g_strcmp0 (json_object_get_string_member_with_default (value, "status", ""),
                                     "rejected") == 0;

      any_rejected |= rejected;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, rejected);
      if (!anju_store_step_done (self->store, stmt, error))
        goto failed;
      if (!collect_touched (self, key, touched, mode == TAKE_FAST ? held : NULL, error))
        goto failed;
    }

  if (mode == TAKE_FAST)
    {
      /* Cheap when what the server decided or sent touches nothing that
       * another pending command built upon. */
      if (any_rejected)
        goto need_full;
      g_hash_table_iter_init (&iter, touched);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (row_has_pending_write (self, key))
          goto need_full;
      g_hash_table_iter_init (&iter, imaged);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (row_has_pending_write (self, key))
          goto need_full;

      if (!anju_store_exec (self->store,
                            "DELETE FROM changes WHERE server_seq IS NULL AND command_id IN "
                            "(SELECT command_id FROM temp.sync_decided)", error))
        goto failed;
      g_hash_table_iter_init (&iter, touched);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (imaged, key) && !restore_base (self, key, error))
          goto failed;
      for (guint i = 0; in->images && i < in->images->len; i++)
        if (!apply_image (self, g_ptr_array_index (in->images, i), held, report, error))
          goto failed;
    }
  else
    {
      /* Everything pending goes back to its base, the server's images
       * come in, and what is still pending is applied again on top. */
      if (!(stmt = anju_store_prepare (self->store,
              "SELECT DISTINCT c.tbl, c.row_id FROM changes c JOIN outbox o ON o.command_id = c.command_id "
              "WHERE c.server_seq IS NULL", error)))
        goto failed;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (touched, row_key ((const char *)sqlite3_column_text (stmt, 0),
                                            (const char *)sqlite3_column_text (stmt, 1)));
      sqlite3_reset (stmt);
      if (!anju_store_exec (self->store,
                            "DELETE FROM changes WHERE server_seq IS NULL AND command_id IN "
                            "(SELECT command_id FROM outbox);"
                            "DELETE FROM audit WHERE command_id IN (SELECT command_id FROM outbox) "
                            "AND command_id NOT IN (SELECT command_id FROM temp.sync_decided WHERE rejected = 0)",
                            error))
        goto failed;
      g_hash_table_iter_init (&iter, touched);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          g_autofree char *table = g_strndup (key, strcspn (key, "\n"));

          if (!restore_base (self, key, error))
            goto failed;
          report_table (scratch, table);
        }
      for (guint i = 0; in->images && i < in->images->len; i++)
        if (!apply_image (self, g_ptr_array_index (in->images, i), NULL, report, error))
          goto failed;
      g_hash_table_iter_init (&iter, decided);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_strcmp0 (json_object_get_string_member_with_default (value, "status", ""), "rejected") == 0 &&
            !record_rejection (self, value, error))
          goto failed;
    }

  if (!anju_store_exec (self->store,
                        "DELETE FROM outbox WHERE command_id IN (SELECT command_id FROM temp.sync_decided)",
                        error))
    goto failed;
  if (mode == TAKE_FULL && !replay_pending (self, report, error))
    goto failed;
  if (in->cursor >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, in->cursor);

      if (!anju_store_set_meta (self->store, META_CURSOR, text, error))
        goto failed;
    }
  if (!anju_store_commit (self->store, error))
    return FALSE;
  report_merge_tables (report, scratch);
  return TRUE;

need_full:
  anju_store_rollback (self->store);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_AGAIN, "pending commands build on these rows");
  return FALSE;

failed:
  anju_store_rollback (self->store);
  return FALSE;
}

/* Takes answers and changes in one transaction, the cheap way when it
 * can, else by re-applying what is pending. */
static gboolean
take (AnjuSyncEngine  *self,
      Incoming        *in,
      AnjuSyncReport  *report,
      GError         **error)
{
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(AnjuSyncReport) fast_report = anju_sync_report_new ();

  if (take_incoming (self, in, TAKE_FAST, fast_report, &fast_error))
    {
      report_merge_tables (report, fast_report);
      return TRUE;
    }
  /* Anything that failed the cheap way (a unique value held by a pending
   * row, a constraint) is retried the thorough way. */
  g_debug ("sync: rebasing pending commands (%s)", fast_error->message);
  return take_incoming (self, in, TAKE_FULL, report, error);
}

/* ---------------------------------------------------------------- push */

typedef struct
{
  gint64  seq;
  char   *command_id;
  char   *command;
} Pending;

static void
pending_free (Pending *pending)
{
  g_free (pending->command_id);
  g_free (pending->command);
  g_free (pending);
}

/* The next commands to send after outbox entry @after (0: from the
 * first): in outbox order, as long as they are this user's (the server
 * applies them as the signed-in user). */
static GPtrArray *
load_batch (AnjuSyncEngine  *self,
            guint            limit,
            gint64           after,
            const char      *user_id,
            gboolean        *blocked,
            GError         **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify)pending_free);
  sqlite3_stmt *stmt = anju_store_prepare (self->store,
      "SELECT command_id, command, actor_id, seq FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?", error);

  *blocked = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int (stmt, 2, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *actor = (const char *)sqlite3_column_text (stmt, 2);
      Pending *pending;

      if (actor != NULL && *actor != '\0' && g_strcmp0 (actor, user_id) != 0)
        {
          *blocked = TRUE;
          break;
        }
      pending = g_new0 (Pending, 1);
      pending->command_id = anju_stmt_dup_text (stmt, 0);
      pending->command = anju_stmt_dup_text (stmt, 1);
      pending->seq = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (batch, pending);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&batch);
}

static GBytes *
batch_body (GPtrArray *batch)
{
  GString *body = g_string_new ("{\"commands\":[");
  gsize length;

  for (guint i = 0; i < batch->len; i++)
    {
      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append (body, ((Pending *)g_ptr_array_index (batch, i))->command);
    }
  g_string_append (body, "]}");
  length = body->len;
  return g_bytes_new_take (g_string_free (body, FALSE), length);
}

/* "commands[3]…" → 3 */
static gint
field_index (const char *field)
{
  guint64 index;
  const char *end;

  if (field == NULL || !g_str_has_prefix (field, "commands["))
    return -1;
  end = strchr (field, ']');
  if (end == NULL)
    return -1;
  {
    g_autofree char *digits = g_strndup (field + 9, end - field - 9);
    if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT, &index, NULL))
      return -1;
  }
  return index;
}

static void
add_images_from_answer (GPtrArray  *images,
                        JsonObject *answer)
{
  JsonArray *changes;

  if (!json_object_has_member (answer, "changes"))
    return;
  changes = json_object_get_array_member (answer, "changes");
  for (guint i = 0; changes && i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (change == NULL)
        continue;
      if (!json_object_has_member (change, "command_id"))
        json_object_set_string_member (change, "command_id",
                                       json_object_get_string_member_with_default (answer, "id", ""));
      g_ptr_array_add (images, json_object_ref (change));
    }
}

static int
compare_images (gconstpointer a,
                gconstpointer b)
{
  gint64 sa = json_object_get_int_member_with_default (*(JsonObject **)a, "seq", 0);
  gint64 sb = json_object_get_int_member_with_default (*(JsonObject **)b, "seq", 0);

  return sa < sb ? -1 : sa > sb;
}

/* A verdict made here for a command the server refused as a request:
 * final like a rejection. */
static JsonObject *
local_rejection (const char *command_id,
                 const char *command_json,
                 const char *code,
                 const char *message)
{
  g_autoptr(AnjuCommand) command = anju_command_new_from_json (command_json, NULL);
  JsonObject *answer = json_object_new ();

  json_object_set_string_member (answer, "id", command_id);
  json_object_set_string_member (answer, "type", command ? command->type : "");
  json_object_set_string_member (answer, "status", "rejected");
  json_object_set_string_member (answer, "code", code);
  json_object_set_null_member (answer, "field");
  json_object_set_string_member (answer, "message", message);
  return answer;
}

gboolean
anju_sync_engine_push (AnjuSyncEngine  *self,
                       AnjuSyncReport  *report,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autofree char *base = anju_store_dup_meta (self->store, META_SERVER);
  g_autofree char *user_id = anju_store_dup_meta (self->store, META_USER_ID);
  guint batch_size = PUSH_BATCH;
  /* The next batch, sent while this one's answer is taken */
  g_autoptr(Exchange) ahead = NULL;
  g_autoptr(GPtrArray) ahead_batch = NULL;
  gboolean ahead_blocked = FALSE;

  if (base == NULL || *base == '\0')
    {
      g_set_error_literal (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_NOT_CONNECTED,
                           _("This computer works alone; connect it to an office server first."));
      return FALSE;
    }

  for (;;)
    {
      g_autoptr(GPtrArray) batch = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonObject) reply = NULL;
      Incoming in = { NULL, NULL, -1 };
      g_autoptr(GHashTable) verdicts = NULL;
      g_autoptr(GPtrArray) images = NULL;
      g_autoptr(Exchange) x = NULL;
      gboolean blocked;
      JsonArray *results;
      guint status, n_results;

      if (ahead != NULL)
        {
          x = g_steal_pointer (&ahead);
          batch = g_steal_pointer (&ahead_batch);
          blocked = ahead_blocked;
        }
      else if (!(batch = load_batch (self, batch_size, 0, user_id, &blocked, error)))
        return FALSE;
      if (report != NULL)
        report->blocked = blocked;
      if (batch->len == 0)
        break;

      if (x == NULL)
        {
          body = batch_body (batch);
          if (!(x = exchange_new (self, base, SOUP_METHOD_POST, "/commands", body, TRUE, cancellable, error)))
            return FALSE;
        }
      status = exchange_finish (self, x, &reply, error);
      if (status == 0)
        return FALSE;

      /* Test hook: die between the server's answer and taking it, as a
       * desk whose power fails at the worst moment. */
      if (g_getenv ("ANJU_SYNC_TEST_DIE_AFTER_PUSH") != NULL)
        raise (SIGKILL);

      verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_object_unref);
      images = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
      in.verdicts = verdicts;
      in.images = images;

      if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE && batch_size > 1)
        {
          batch_size /= 2;
          continue;
        }
      if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE ||
          ((status == SOUP_STATUS_FORBIDDEN || status == SOUP_STATUS_BAD_REQUEST) &&
           g_strcmp0 (reply_error_member (reply, "code"), "unknown_type") != 0 &&
           field_index (reply_error_member (reply, "field")) >= 0))
        {
          /* The server refused the request because of one command that
           * can never pass (a role that may not do it, a command too
           * large): that command is rejected for good, the others go
           * again. */
          gint index = status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE ? 0
                       : field_index (reply_error_member (reply, "field"));
          Pending *pending;
          JsonObject *answer;

          if (index >= (gint)batch->len)
            {
              set_reply_error (error, status, reply);
              return FALSE;
            }
          pending = g_ptr_array_index (batch, index);
          answer = local_rejection (pending->command_id, pending->command,
                                    reply_error_member (reply, "code") ? reply_error_member (reply, "code") : "too_large",
                                    reply_error_member (reply, "message") ? reply_error_member (reply, "message")
                                    : _("The command is too large for the server."));
          g_hash_table_insert (verdicts, g_strdup (pending->command_id), answer);
          if (!take (self, &in, report, error))
            return FALSE;
          if (report != NULL)
            {
              report->n_rejected++;
              g_ptr_array_add (report->answers, json_object_ref (answer));
            }
          continue;
        }
      if (status != SOUP_STATUS_OK)
        {
          set_reply_error (error, status, reply);
          return FALSE;
        }

      results = json_object_has_member (reply, "results") ? json_object_get_array_member (reply, "results") : NULL;
      n_results = results ? json_array_get_length (results) : 0;
      if (n_results > batch->len)
        {
          g_set_error_literal (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                               _("The server answered more commands than were sent."));
          return FALSE;
        }
      for (guint i = 0; i < n_results; i++)
        {
          JsonObject *answer = json_array_get_object_element (results, i);
          Pending *pending = g_ptr_array_index (batch, i);
          const char *status_text;

          if (answer == NULL ||
              g_strcmp0 (json_object_get_string_member_with_default (answer, "id", ""), pending->command_id) != 0)
            {
              g_set_error_literal (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_SERVER,
                                   _("The server's answers do not match the commands sent."));
              return FALSE;
            }
          status_text = json_object_get_string_member_with_default (answer, "status", "");
          g_hash_table_insert (verdicts, g_strdup (pending->command_id), json_object_ref (answer));
          if (g_str_equal (status_text, "applied"))
            add_images_from_answer (images, answer);
          if (report != NULL)
            {
              if (g_str_equal (status_text, "applied"))
                report->n_applied++;
              else
                report->n_rejected++;
              g_ptr_array_add (report->answers, json_object_ref (answer));
            }
        }
      g_ptr_array_sort (images, compare_images);
      /* Every command was answered and more wait: the next batch goes
       * now, the office deciding it while this desk takes these answers
       * (it would be sent next all the same; its commands are still
       * pending here either way). */
      if (n_results == batch->len && batch->len == batch_size && !blocked &&
          !json_object_has_member (reply, "error"))
        {
          Pending *last = g_ptr_array_index (batch, batch->len - 1);

          if (!(ahead_batch = load_batch (self, batch_size, last->seq, user_id, &ahead_blocked, error)))
            return FALSE;
          if (ahead_batch->len > 0)
            {
              g_autoptr(GBytes) next_body = batch_body (ahead_batch);

              ahead = exchange_new (self, base, SOUP_METHOD_POST, "/commands", next_body, TRUE,
                                    cancellable, NULL);
            }
          if (ahead != NULL)
            exchange_start_ahead (ahead);
          else
            g_clear_pointer (&ahead_batch, g_ptr_array_unref);
        }
      if (!take (self, &in, report, error))
        return FALSE;
      if (n_results < batch->len)
        {
          /* The server stopped (its database failed); the rest waits. */
          const char *message = reply_error_member (reply, "message");

          g_set_error (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_OFFLINE,
                       _("The office server could not save every change (%s). The rest wait and go again later."),
                       message ? message : "?");
          return FALSE;
        }
      if (blocked)
        break;
    }
  if (report != NULL)
    report->n_pending = anju_sync_engine_count_pending (self);
  return TRUE;
}

/* ---------------------------------------------------------------- pull */

gboolean
anju_sync_engine_pull (AnjuSyncEngine  *self,
                       guint            wait,
                       AnjuSyncReport  *report,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autofree char *base = anju_store_dup_meta (self->store, META_SERVER);
  g_autofree char *server_id = anju_store_dup_meta (self->store, META_SERVER_ID);

  if (base == NULL || *base == '\0')
    {
      g_set_error_literal (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_NOT_CONNECTED,
                           _("This computer works alone; connect it to an office server first."));
      return FALSE;
    }

  for (;;)
    {
      g_autoptr(JsonObject) reply = NULL;
      g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *path = NULL;
      Incoming in = { NULL, images, -1 };
      gint64 cursor = get_cursor (self);
      JsonArray *changes;
      gboolean more;
      guint status;

      if (wait > 0)
        path = g_strdup_printf ("/changes?after=%" G_GINT64_FORMAT "&limit=%d&wait=%u", cursor,
                                PULL_PAGE, MIN (wait, ANJU_API_MAX_WAIT));
      else
        path = g_strdup_printf ("/changes?after=%" G_GINT64_FORMAT "&limit=%d", cursor, PULL_PAGE);
      status = send_request (self, base, SOUP_METHOD_GET, path, NULL, TRUE, &reply,
                             wait ? cancellable : NULL, &local_error);
      if (status == 0 && wait && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        break;
      if (status == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (status != SOUP_STATUS_OK)
        {
          set_reply_error (error, status, reply);
          return FALSE;
        }
      if (server_id != NULL && *server_id != '\0' &&
          g_strcmp0 (json_object_get_string_member_with_default (reply, "server_id", ""), server_id) != 0)
        {
          g_set_error_literal (error, ANJU_SYNC_ERROR, ANJU_SYNC_ERROR_WRONG_SERVER,
                               _("The office server's database has been replaced. Ask IT to reconnect this workstation."));
          return FALSE;
        }
      changes = json_object_has_member (reply, "changes") ? json_object_get_array_member (reply, "changes") : NULL;
      for (guint i = 0; changes && i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);

          if (change != NULL)
            g_ptr_array_add (images, json_object_ref (change));
        }
      in.cursor = json_object_get_int_member_with_default (reply, "last_seq", cursor);
      more = json_object_get_boolean_member_with_default (reply, "more", FALSE);
      if (images->len > 0 || in.cursor != cursor)
        {
          if (!take (self, &in, report, error))
            return FALSE;
          if (report != NULL)
            report->n_received += images->len;
        }
      if (report != NULL)
        report->cursor = in.cursor;
      wait = 0;
      if (!more)
        break;
    }
  if (report != NULL)
    {
      report->n_pending = anju_sync_engine_count_pending (self);
      if (report->cursor < 0)
        report->cursor = get_cursor (self);
    }
  return TRUE;
}

gboolean
anju_sync_engine_sync (AnjuSyncEngine  *self,
                       AnjuSyncReport  *report,
                       GCancellable    *cancellable,
                       GError         **error)
{
  return anju_sync_engine_push (self, report, cancellable, error) &&
         anju_sync_engine_pull (self, 0, report, cancellable, error);
}

/* -------------------------------------------------------------- submit */

static void
set_offline_rejection (GError            **error,
                       const AnjuCommand  *command,
                       const GError       *cause)
{
  anju_command_reject (error, ANJU_COMMAND_ERROR_OFFLINE, NULL,
                       _("“%s” must be decided by the office server, and it cannot be reached now (%s). Nothing was changed; try again when the connection is back."),
                       command->type, cause ? cause->message : "?");
}

/* Asks the office to decide @command. When the office cannot answer (not
 * signed in to it, unreachable, its session lost) @unreachable is set
 * besides the refusal. */
static JsonObject *
ask_office (AnjuSyncEngine     *self,
            const AnjuCommand  *command,
            const AnjuUser     *actor,
            AnjuSyncReport     *report,
            GCancellable       *cancellable,
            gboolean           *unreachable,
            GError            **error)
{
  g_autofree char *base = NULL, *user_id = NULL, *json = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GHashTable) verdicts = NULL;
  g_autoptr(GPtrArray) images = NULL;
  Incoming in = { NULL, NULL, -1 };
  JsonArray *results;
  JsonObject *answer;
  guint status;

  base = anju_store_dup_meta (self->store, META_SERVER);
  user_id = anju_store_dup_meta (self->store, META_USER_ID);
  if (!anju_sync_engine_is_signed_in (self) || g_strcmp0 (user_id, actor->id) != 0)
    {
      *unreachable = TRUE;
      anju_command_reject (error, ANJU_COMMAND_ERROR_OFFLINE, NULL,
                           _("“%s” must be decided by the office server: %s has to sign in to it first."),
                           command->type, actor->display_name);
      return NULL;
    }
  /* What this desk did before comes first: the decision may build on it. */
  if (!anju_sync_engine_push (self, report, cancellable, &local_error))
    {
      if (local_error->domain == ANJU_SYNC_ERROR && local_error->code == ANJU_SYNC_ERROR_OFFLINE)
        {
          *unreachable = TRUE;
          set_offline_rejection (error, command, local_error);
        }
      else
        anju_command_reject (error, ANJU_COMMAND_ERROR_OFFLINE, NULL, "%s", local_error->message);
      return NULL;
    }

  json = anju_command_to_json (command);
  {
    g_autofree char *text = g_strconcat ("{\"commands\":[", json, "]}", NULL);
    gsize length = strlen (text);
    body = g_bytes_new_take (g_steal_pointer (&text), length);
  }
  status = send_request (self, base, SOUP_METHOD_POST, "/commands", body, TRUE, &reply, cancellable, &local_error);
  if (status == 0)
    {
      *unreachable = TRUE;
      set_offline_rejection (error, command, local_error);
      return NULL;
    }
  if (status != SOUP_STATUS_OK)
    {
      const char *code = reply_error_member (reply, "code");
      const char *field = reply_error_member (reply, "field");
      const char *message = reply_error_member (reply, "message");
      AnjuCommandErrorCode error_code;

      /* The server's own codes (a lost session, a full request) leave the
       * decision undone: for this desk that is as good as offline. */
      if (!anju_command_error_code_parse (code, &error_code))
        {
          error_code = ANJU_COMMAND_ERROR_OFFLINE;
          *unreachable = TRUE;
        }
      if (field != NULL && strchr (field, '.') != NULL)
        field = strchr (field, '.') + 1;
      else
        field = NULL;
      anju_command_reject (error, error_code, field, "%s",
                           message ? message : _("The office server refused the request."));
      return NULL;
    }
  results = json_object_has_member (reply, "results") ? json_object_get_array_member (reply, "results") : NULL;
  answer = results && json_array_get_length (results) == 1 ? json_array_get_object_element (results, 0) : NULL;
  if (answer == NULL)
    {
      const char *message = reply_error_member (reply, "message");

      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL,
                           _("The office server could not decide “%s” (%s). Nothing was changed; try again."),
                           command->type, message ? message : "?");
      return NULL;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (answer, "status", ""), "applied") != 0)
    {
      anju_command_reject_from_json (error,
                                     anju_command_error_code_from_string (json_object_get_string_member_with_default (answer, "code", "")),
                                     json_object_get_string_member_with_default (answer, "field", NULL), answer);
      return NULL;
    }

  verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_object_unref);
  images = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  add_images_from_answer (images, answer);
  g_ptr_array_sort (images, compare_images);
  in.verdicts = verdicts;
  in.images = images;
  if (!take (self, &in, report, &local_error))
    {
      /* Decided on the server all the same; the next pull brings it. */
      g_debug ("sync: could not take the decision here yet: %s", local_error->message);
    }
  return json_object_ref (answer);
}


JsonObject *
anju_sync_engine_submit (AnjuSyncEngine     *self,
                         const AnjuCommand  *command,
                         const AnjuUser     *actor,
                         AnjuSyncReport     *report,
                         GCancellable       *cancellable,
                         GError            **error)
{
  AnjuCommandRoute route = anju_command_route (command->type, anju_sync_engine_is_connected (self));
  g_autoptr(GError) local_error = NULL;
  gboolean unreachable = FALSE;
  JsonObject *answer;

  if (route == ANJU_COMMAND_ROUTE_LOCAL)
    return anju_command_apply (self->store, command, actor, ANJU_APPLY_NONE, error);
  answer = ask_office (self, command, actor, report, cancellable, &unreachable, &local_error);
  /* An office decision is refused when the office cannot answer; a
   * command the office decides only when it can is decided here and
   * queued instead. */
  if (answer == NULL && unreachable && route == ANJU_COMMAND_ROUTE_OFFICE_PREFERRED)
    {
      g_debug ("sync: %s decided on this desk, the office cannot answer (%s)",
               command->type, local_error->message);
      return anju_command_apply (self->store, command, actor, ANJU_APPLY_NONE, error);
    }
  if (answer == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return answer;
}

/* ---------------------------------------------------------- rejections */

void
anju_sync_rejection_free (AnjuSyncRejection *rejection)
{
  if (rejection == NULL)
    return;
  g_free (rejection->command_id);
  g_free (rejection->type);
  g_free (rejection->actor_id);
  g_free (rejection->code);
  g_free (rejection->field);
  g_free (rejection->message);
  g_free (rejection->at);
  g_free (rejection);
}

GPtrArray *
anju_sync_list_rejections (AnjuStore   *store,
                           const char  *actor_id,
                           gboolean     unseen_only,
                           GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_sync_rejection_free);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT command_id, type, actor_id, code, field, message, at FROM sync_rejections "
      "WHERE (?1 IS NULL OR actor_id = ?1) AND (?2 = 0 OR seen = 0) ORDER BY at DESC, rowid DESC", error);

  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, actor_id);
  sqlite3_bind_int (stmt, 2, unseen_only);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AnjuSyncRejection *rejection = g_new0 (AnjuSyncRejection, 1);

      rejection->command_id = anju_stmt_dup_text (stmt, 0);
      rejection->type = anju_stmt_dup_text (stmt, 1);
      rejection->actor_id = anju_stmt_dup_text (stmt, 2);
      rejection->code = anju_stmt_dup_text (stmt, 3);
      rejection->field = anju_stmt_dup_text (stmt, 4);
      rejection->message = anju_stmt_dup_text (stmt, 5);
      rejection->at = anju_stmt_dup_text (stmt, 6);
      g_ptr_array_add (list, rejection);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

gboolean
anju_sync_mark_rejection_seen (AnjuStore   *store,
                               const char  *command_id,
                               GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE sync_rejections SET seen = 1 WHERE command_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, command_id, -1, SQLITE_TRANSIENT);
  return anju_store_step_done (store, stmt, error);
}
