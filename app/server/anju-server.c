/* anju-server.c — endpoints, authentication, push, pull and long-poll
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sodium.h>

#include "anju-command.h"
#include "anju-json.h"
#include "anju-server.h"
#include "anju-sync-protocol.h"

/* While anyone long-polls, the feed is also checked this often, so that
 * writes by another process (anjuctl on the server's database) wake them. */
#define WATCH_INTERVAL_MS 500
/* Connections waiting to be accepted (the kernel caps it at somaxconn). */
#define ANJU_SERVER_LISTEN_BACKLOG 1024
/* When accepting fails (no file descriptor left), try again after this. */
#define ACCEPT_RETRY_MS 100

struct _AnjuServer
{
  GObject            parent_instance;

  /* owned */
  AnjuStore         *store;
  SoupServer        *soup;
  GSocket           *listener;
  GTlsCertificate   *certificate;
  GSource           *accept_source;
  guint              accept_retry_id;
  guint              read_timeout;   /* seconds; 0: none */
  guint              request_timeout;
  GThreadPool       *login_pool;
  GMainContext      *context;
  GList             *waiters;        /* Waiter*, in arrival order */
  char              *server_id;
  AnjuSessionLimits  limits;
  gsize              max_body;
  guint              watch_id;
  guint              crash_after;    /* 0: off */
  GHashTable        *reported;       /* seqs of broken changes logged */
  GList             *pending;        /* Batch*, waiting for the next group commit */
  guint              flush_id;
  guint64            n_batches;      /* POST /commands answered by a commit */
  guint64            n_commands;
  guint64            n_commits;      /* group commits */
};

G_DEFINE_FINAL_TYPE (AnjuServer, anju_server, G_TYPE_OBJECT)

typedef struct
{
  AnjuServer        *server;
  SoupServerMessage *msg;
  const char        *path;           /* below /api/v1 */
  GHashTable        *query;
  AnjuSession       *session;
} Request;

/* The body of a chunked request, read up to the limit (the early handler
 * turns libsoup's own accumulation off for those). */
typedef struct
{
  GByteArray *data;
  gsize       max;
  gboolean    too_big;
  gboolean    refused;     /* answered at the headers: drop the body */
} BodyBuffer;

typedef struct
{
  AnjuServer        *server;
  SoupServerMessage *msg;
  AnjuUser          *reader;
  gint64             after;
  guint              limit;
  guint              timeout_id;
  gulong             finished_id;
  gulong             disconnected_id;
} Waiter;

static void
body_buffer_free (gpointer data)
{
  BodyBuffer *buffer = data;

  g_byte_array_unref (buffer->data);
  g_free (buffer);
}

/* The socket of @msg's connection. The server accepts its connections
 * itself (on_accept_cb()) and hands libsoup a stream, so libsoup does not
 * know the socket: it is kept on the connection's remote address. */
static GSocket *
message_socket (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote ? g_object_get_data (G_OBJECT (remote), "anju-socket") : NULL;
}

static const char *
status_code_name (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST: return "bad_request";
    case SOUP_STATUS_UNAUTHORIZED: return "unauthorized";
    case SOUP_STATUS_FORBIDDEN: return "forbidden";
    case SOUP_STATUS_NOT_FOUND: return "not_found";
    case SOUP_STATUS_METHOD_NOT_ALLOWED: return "method_not_allowed";
    case SOUP_STATUS_CONFLICT: return "conflict";
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE: return "too_large";
    case SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE: return "unsupported_media_type";
    case 429: return "throttled";
    default: return "server_error";
    }
}

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              char              *json)      /* (transfer full) */
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  /* Every answer ends its connection. libsoup 3.2 never releases an idle
   * keep-alive connection that the client closes (fixed upstream later),
   * so a server that kept them would run out of file descriptors. */
  soup_message_headers_replace (headers, "Connection", "close");
  soup_server_message_set_status (msg, status, status == 429 ? "Too Many Requests" : NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, json, strlen (json));
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  respond_text (msg, status, json_to_string (node, FALSE));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *field,
               const char        *format,
               ...) G_GNUC_PRINTF (5, 6);
static void respond_error_body (SoupServerMessage *msg,
                                guint              status,
                                JsonNode          *body);

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *field,
               const char        *format,
               ...)
{
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) body = NULL;
  va_list args;

  g_auto(GStrv) template_args = NULL;
  const char *template = format;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* The template and arguments let a desk say it in its own language. A
   * sentence passed whole ("%s") is its own template. */
  if (g_str_equal (format, "%s"))
    {
      template = message;
      template_args = g_new0 (char *, 1);
    }
  else
    {
      va_start (args, format);
      template_args = anju_refusal_capture_args (format, args);
      va_end (args);
    }
  body = anju_sync_error_body_new (code ? code : status_code_name (status), message, field);
  anju_refusal_set_members (json_object_get_object_member (json_node_get_object (body), "error"),
                            template, (const char * const *)template_args);
  respond_error_body (msg, status, body);
}

/* A refusal of @error (its sentence, template and arguments). */
static void
respond_rejection (SoupServerMessage *msg,
                   guint              status,
                   const char        *code,
                   const char        *field,
                   const GError      *error)
{
  g_autoptr(JsonNode) body = NULL;

  if (anju_command_error_get_template (error) == NULL)
    {
      respond_error (msg, status, code, field, "%s", error->message);
      return;
    }
  body = anju_sync_error_body_new (code, error->message, field);
  anju_refusal_to_json (error, json_object_get_object_member (json_node_get_object (body), "error"));
  respond_error_body (msg, status, body);
}

static void
respond_error_body (SoupServerMessage *msg,
                    guint              status,
                    JsonNode          *body)
{
  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer realm=\"anju\"");
  respond_text (msg, status, json_to_string (body, FALSE));
}

/* Appends @text as a JSON string literal. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static gint64
dup_head (AnjuServer *self)
{
  return anju_store_get_change_head (self->store);
}

/* ---------------------------------------------------------------- auth */

static const char *
dup_bearer (SoupServerMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  value += 7;
  while (*value == ' ')
    value++;
  return value;
}

static gboolean
authenticate (Request *req)
{
  g_autoptr(GError) error = NULL;

  req->session = anju_session_check (req->server->store, dup_bearer (req->msg),
                                     &req->server->limits, &error);
  if (req->session != NULL)
    return TRUE;
  if (error->code == ANJU_SERVER_ERROR_STORAGE)
    respond_error (req->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "storage", NULL, "%s", error->message);
  else
    respond_error (req->msg, SOUP_STATUS_UNAUTHORIZED,
                   anju_server_error_code_to_string (error->code), NULL, "%s", error->message);
  return FALSE;
}

static gboolean
require_method (Request    *req,
                const char *method)
{
  if (g_str_equal (soup_server_message_get_method (req->msg), method))
    return TRUE;
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Allow", method);
  respond_error (req->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL, NULL,
                 _("Use %s for %s%s."), method, ANJU_API_PREFIX, req->path);
  return FALSE;
}

static void
respond_too_large (SoupServerMessage *msg,
                   gsize              max)
{
  if (max <= ANJU_API_MAX_SMALL_BODY)
    respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", NULL,
                   _("The request is larger than %llu bytes, more than this request ever needs. Check what the program sends."),
                   (unsigned long long)max);
  else
    respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", NULL,
                   _("The request is larger than %llu bytes. Send fewer commands at once."),
                   (unsigned long long)max);
}

/* The request body as a JSON object, or NULL after answering 4xx. The
 * body was kept by on_got_chunk_cb() up to its limit, never beyond. */
static JsonObject *
read_body (Request *req)
{
  BodyBuffer *buffer = g_object_get_data (G_OBJECT (req->msg), "anju-body");
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  if (buffer == NULL || buffer->too_big)
    {
      respond_too_large (req->msg, buffer ? buffer->max : ANJU_API_MAX_SMALL_BODY);
      return NULL;
    }
  object = anju_sync_parse_object ((const char *)buffer->data->data, buffer->data->len, &error);
  if (object == NULL)
    respond_rejection (req->msg, SOUP_STATUS_BAD_REQUEST,
                       anju_command_error_code_to_string (error->code),
                       anju_command_error_get_field (error), error);
  return object;
}

/* A string member, or NULL after answering 400. */
static const char *
body_string (Request    *req,
             JsonObject *body,
             const char *field)
{
  JsonNode *node = json_object_get_member (body, field);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    {
      respond_error (req->msg, SOUP_STATUS_BAD_REQUEST, "invalid_field", field,
                     _("“%s” is required and must be text."), field);
      return NULL;
    }
  return json_node_get_string (node);
}

static const char *
remote_of (SoupServerMessage *msg)
{
  return soup_server_message_get_remote_host (msg);
}

static const char *
client_of (SoupServerMessage *msg)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "User-Agent");
}

/* --------------------------------------------------------------- login */

typedef struct
{
  AnjuServer        *server;
  SoupServerMessage *msg;
  char              *username;
  char              *password;
  char              *hash;
  char              *user_id;
  char              *rehash;
  gint64             attempt;        /* its row in login_failures */
  gboolean           disabled;
  gboolean           verified;
  gboolean           gone;
  gulong             finished_id;
} LoginJob;

static void
login_job_free (LoginJob *job)
{
  if (job->finished_id != 0)
    g_signal_handler_disconnect (job->msg, job->finished_id);
  g_object_unref (job->msg);
  g_object_unref (job->server);
  g_free (job->username);
  if (job->password != NULL)
    sodium_memzero (job->password, strlen (job->password));
  g_free (job->password);
  g_free (job->hash);
  g_free (job->user_id);
  g_free (job->rehash);
  g_free (job);
}

/* A hash to check unknown names against, so that an unknown name costs
 * as long as a wrong password and does not reveal itself. */
static const char *
get_dummy_hash (void)
{
  static char *hash;

  if (g_once_init_enter (&hash))
    g_once_init_leave (&hash, anju_password_hash ("anju-no-such-user"));
  return hash;
}

static gboolean
finish_login (gpointer data)
{
  LoginJob *job = data;
  AnjuServer *self = job->server;
  g_autoptr(AnjuUser) user = NULL;
  g_autoptr(AnjuSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *subject = NULL;
  JsonObject *answer;

  if (job->gone)
    goto out;

  if (job->verified && job->user_id != NULL && !job->disabled)
    user = anju_user_lookup (self->store, job->user_id);
  if (user == NULL)
    {
      anju_server_audit (self->store, job->user_id, "session.login_failed", job->username,
                         remote_of (job->msg));
      respond_error (job->msg, SOUP_STATUS_UNAUTHORIZED, "auth", "password",
                     _("The user name or the password is wrong. Check both and try again."));
      soup_server_message_unpause (job->msg);
      goto out;
    }
  if (job->rehash != NULL)
    anju_user_set_password_hash (self->store, user->id, job->rehash, NULL);
  session = anju_session_create (self->store, user, &self->limits, remote_of (job->msg),
                                 client_of (job->msg), &token, &error);
  if (session == NULL)
    {
      respond_error (job->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "storage", NULL,
                     _("The server could not start a session (%s). Try again."), error->message);
      soup_server_message_unpause (job->msg);
      goto out;
    }
  anju_login_release (self->store, job->attempt);
  subject = g_strconcat ("session:", session->id, NULL);
  anju_server_audit (self->store, user->id, "session.login", subject, remote_of (job->msg));

  answer = anju_session_to_json (session);
  json_object_set_string_member (answer, "token", token);
  json_object_set_int_member (answer, "idle_timeout", self->limits.idle_timeout / G_USEC_PER_SEC);
  json_object_set_string_member (answer, "server_id", self->server_id);
  json_object_set_int_member (answer, "schema", anju_store_get_version (self->store));
  json_object_set_int_member (answer, "head", dup_head (self));
  respond_json (job->msg, SOUP_STATUS_OK, answer);
  json_object_unref (answer);
  sodium_memzero (token, strlen (token));
  soup_server_message_unpause (job->msg);

out:
  login_job_free (job);
  return G_SOURCE_REMOVE;
}

static void
verify_password_cb (gpointer data,
                    gpointer pool_data)
{
  LoginJob *job = data;
  const char *hash = job->hash ? job->hash : get_dummy_hash ();

  job->verified = anju_password_verify (hash, job->password) && job->hash != NULL;
  if (job->verified &&
      crypto_pwhash_str_needs_rehash (hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    job->rehash = anju_password_hash (job->password);
  sodium_memzero (job->password, strlen (job->password));
  g_main_context_invoke (job->server->context, finish_login, job);
}

static void
on_login_message_finished_cb (SoupServerMessage *msg,
                              LoginJob          *job)
{
  job->gone = TRUE;
}

static void
handle_login (Request *req)
{
  AnjuServer *self = req->server;
  g_autoptr(JsonObject) body = NULL;
  const char *username, *password;
  gint64 retry_after = 0, attempt = 0;
  g_autoptr(AnjuUser) account = NULL;
  LoginJob *job;

  if (!require_method (req, SOUP_METHOD_POST) || !(body = read_body (req)) ||
      !(username = body_string (req, body, "username")) ||
      !(password = body_string (req, body, "password")))
    return;
  if (strlen (username) > 64 || strlen (password) > 1024)
    {
      respond_error (req->msg, SOUP_STATUS_BAD_REQUEST, "invalid_field", "username",
                     _("The user name or the password is too long."));
      return;
    }
  /* Counted before the password is checked, on this one thread: a burst
   * sent at once meets the count of every attempt before it. */
  if (!anju_login_reserve (self->store, username, remote_of (req->msg), &self->limits,
                           &attempt, &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Retry-After", seconds);
      anju_server_audit (self->store, NULL, "session.login_throttled", username, remote_of (req->msg));
      respond_error (req->msg, 429, "throttled", "username",
                     _("Too many failed sign-ins for “%s”. Wait %lld minutes and try again, or ask the administrator."),
                     username, (long long)((retry_after + 59) / 60));
      return;
    }

  job = g_new0 (LoginJob, 1);
  job->server = g_object_ref (self);
  job->msg = g_object_ref (req->msg);
  job->username = g_strdup (username);
  job->password = g_strdup (password);
  job->attempt = attempt;
  account = anju_user_lookup_credentials (self->store, username, &job->hash, &job->disabled);
  if (account != NULL)
    job->user_id = g_strdup (account->id);
  job->finished_id = g_signal_connect (req->msg, "finished",
                                       G_CALLBACK (on_login_message_finished_cb), job);
  soup_server_message_pause (req->msg);
  g_thread_pool_push (self->login_pool, job, NULL);
}

static void
handle_logout (Request *req)
{
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autofree char *subject = NULL;

  if (!require_method (req, SOUP_METHOD_POST) || !authenticate (req))
    return;
  anju_session_revoke (req->server->store, req->session->id, NULL);
  subject = g_strconcat ("session:", req->session->id, NULL);
  anju_server_audit (req->server->store, req->session->user->id, "session.logout", subject,
                     remote_of (req->msg));
  json_object_set_string_member (answer, "status", "signed_out");
  respond_json (req->msg, SOUP_STATUS_OK, answer);
}

static void
handle_me (Request *req)
{
  g_autoptr(JsonObject) answer = NULL;

  if (!require_method (req, SOUP_METHOD_GET) || !authenticate (req))
    return;
  answer = anju_session_to_json (req->session);
  json_object_set_int_member (answer, "idle_timeout", req->server->limits.idle_timeout / G_USEC_PER_SEC);
  json_object_set_string_member (answer, "server_id", req->server->server_id);
  json_object_set_int_member (answer, "head", dup_head (req->server));
  respond_json (req->msg, SOUP_STATUS_OK, answer);
}

static void
handle_health (Request *req)
{
  g_autoptr(JsonObject) answer = json_object_new ();

  if (!require_method (req, SOUP_METHOD_GET))
    return;
  json_object_set_string_member (answer, "status", "ok");
  json_object_set_string_member (answer, "version", PACKAGE_VERSION);
  json_object_set_int_member (answer, "schema", anju_store_get_version (req->server->store));
  respond_json (req->msg, SOUP_STATUS_OK, answer);
}

/* How the server is doing, for IT (administrators only): how many
 * command batches it answered and in how many commits (group commit). */
static void
handle_stats (Request *req)
{
  AnjuServer *self = req->server;
  g_autoptr(JsonObject) answer = json_object_new ();

  if (!require_method (req, SOUP_METHOD_GET) || !authenticate (req))
    return;
  if (!(req->session->user->role & ANJU_ROLE_ADMIN))
    {
      respond_error (req->msg, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                     _("Only an administrator may read the server's figures."));
      return;
    }
  json_object_set_int_member (answer, "batches", (gint64)self->n_batches);
  json_object_set_int_member (answer, "commands", (gint64)self->n_commands);
  json_object_set_int_member (answer, "commits", (gint64)self->n_commits);
  json_object_set_int_member (answer, "waiting", g_list_length (self->waiters));
  respond_json (req->msg, SOUP_STATUS_OK, answer);
}

/* ------------------------------------------------------------ sessions */

/* The live sessions @req's person may see: everyone's for an admin, else
 * their own (element type AnjuSession*). */
static GPtrArray *
visible_sessions (Request *req)
{
  g_autoptr(GPtrArray) sessions = anju_sessions_list (req->server->store, &req->server->limits, NULL);
  const AnjuUser *me = req->session->user;

  if (sessions == NULL)
    return g_ptr_array_new ();
  for (guint i = sessions->len; !(me->role & ANJU_ROLE_ADMIN) && i > 0; i--)
    {
      AnjuSession *session = g_ptr_array_index (sessions, i - 1);

      if (!g_str_equal (session->user->id, me->id))
        g_ptr_array_remove_index (sessions, i - 1);
    }
  return g_steal_pointer (&sessions);
}

static void
handle_sessions (Request *req)
{
  const char *id = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  if (g_str_has_prefix (req->path, "/sessions/"))
    id = req->path + strlen ("/sessions/");

  if (id == NULL && !require_method (req, SOUP_METHOD_GET))
    return;
  if (id != NULL && !require_method (req, SOUP_METHOD_DELETE))
    return;
  if (!authenticate (req))
    return;
  sessions = visible_sessions (req);

  if (id == NULL)
    {
      g_autoptr(JsonObject) answer = json_object_new ();
      JsonArray *array = json_array_new ();

      json_object_set_array_member (answer, "sessions", array);
      for (guint i = 0; i < sessions->len; i++)
        json_array_add_object_element (array, anju_session_to_json (g_ptr_array_index (sessions, i)));
      respond_json (req->msg, SOUP_STATUS_OK, answer);
    }
  else
    {
      g_autoptr(JsonObject) answer = json_object_new ();
      g_autofree char *subject = NULL;
      gboolean mine = FALSE;

      for (guint i = 0; i < sessions->len; i++)
        mine |= g_str_equal (((AnjuSession *)g_ptr_array_index (sessions, i))->id, id);
      /* Someone else's session reads like none, to anyone but an admin. */
      if (!mine && !(req->session->user->role & ANJU_ROLE_ADMIN))
        {
          respond_error (req->msg, SOUP_STATUS_NOT_FOUND, "not_found", "id",
                         _("There is no open session with this id."));
          return;
        }
      if (!g_uuid_string_is_valid (id) || !anju_session_revoke (req->server->store, id, NULL))
        {
          respond_error (req->msg, SOUP_STATUS_NOT_FOUND, "not_found", "id",
                         _("There is no open session with this id."));
          return;
        }
      subject = g_strconcat ("session:", id, NULL);
      anju_server_audit (req->server->store, req->session->user->id, "session.revoke", subject,
                         remote_of (req->msg));
      json_object_set_string_member (answer, "status", "revoked");
      json_object_set_string_member (answer, "id", id);
      respond_json (req->msg, SOUP_STATUS_OK, answer);
    }
}

/* ------------------------------------------------------------ commands */

/* Blanks secrets, and what the reader may not see, in the row images of
 * an answer (a stored answer too). */
static void
strip_answer_secrets (AnjuServer     *self,
                      JsonObject     *answer,
                      const AnjuUser *reader)
{
  JsonArray *changes;

  if (!json_object_has_member (answer, "changes"))
    return;
  changes = json_object_get_array_member (answer, "changes");
  for (guint i = 0; changes && i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      const char *table = json_object_get_string_member_with_default (change, "table", "");
      JsonNode *row = json_object_get_member (change, "row");

      if (row != NULL && JSON_NODE_HOLDS_OBJECT (row))
        json_object_set_object_member (change, "row",
                                       anju_sync_row_for_reader (self->store, table, json_node_get_object (row),
                                                                 reader));
    }
}

static void notify_waiters (AnjuServer *self);

/* ------------------------------------------------------------ commands */

/* Group commit. A batch of commands is checked as it arrives, then waits
 * (its message paused) for the next turn of the main loop, where every
 * batch that arrived meanwhile is applied in ONE transaction: one fsync
 * for fifty desks holding at once instead of fifty. Each command is still
 * its own savepoint, each batch gets its own exact answer, and no answer
 * leaves before the commit that holds it — so a crash before the commit
 * loses only commands nobody was told about, and the desks send them
 * again (exactly once, by their ids). */
#define ANJU_SERVER_MAX_GROUP 256

typedef struct
{
  AnjuServer        *server;
  SoupServerMessage *msg;
  AnjuUser          *user;
  GPtrArray         *commands;       /* AnjuCommand* */
  JsonObject        *reply;
  GError            *storage_error;  /* this batch stopped at storage */
  gboolean           gone;
  gulong             finished_id;
} Batch;

static void
batch_free (Batch *batch)
{
  if (batch->finished_id != 0)
    g_signal_handler_disconnect (batch->msg, batch->finished_id);
  g_object_unref (batch->msg);
  anju_user_free (batch->user);
  g_ptr_array_unref (batch->commands);
  g_clear_pointer (&batch->reply, json_object_unref);
  g_clear_error (&batch->storage_error);
  g_free (batch);
}

static void
on_batch_message_finished_cb (SoupServerMessage *msg,
                              Batch             *batch)
{
  batch->gone = TRUE;
}

/* Applies one batch inside the open transaction; its answer is kept for
 * after the commit. */
static void
apply_batch (AnjuServer *self,
             Batch      *batch)
{
  JsonArray *results = json_array_new ();

  batch->reply = json_object_new ();
  json_object_set_array_member (batch->reply, "results", results);
  for (guint i = 0; i < batch->commands->len; i++)
    {
      AnjuCommand *command = g_ptr_array_index (batch->commands, i);
      g_autoptr(GError) rejection = NULL;
      JsonObject *answer;

      answer = anju_command_apply (self->store, command, batch->user,
                                   ANJU_APPLY_REMEMBER_REJECTION | ANJU_APPLY_NO_OUTBOX, &rejection);
      if (answer == NULL && rejection->domain == ANJU_COMMAND_ERROR &&
          rejection->code == ANJU_COMMAND_ERROR_STORAGE)
        {
          /* Not a verdict: what came before is kept, this one and the rest
           * are not answered, and the desk sends them again later. */
          batch->storage_error = g_steal_pointer (&rejection);
          break;
        }
      if (answer == NULL)
        answer = anju_command_rejection_to_json (command, rejection);
      strip_answer_secrets (self, answer, batch->user);
      json_array_add_object_element (results, answer);

      if (self->crash_after > 0 && --self->crash_after == 0)
        raise (SIGKILL);
    }
}

static void
answer_batch (AnjuServer   *self,
              Batch        *batch,
              const GError *commit_error,
              gint64        head)
{
  if (batch->gone)
    return;
  if (commit_error != NULL)
    respond_error (batch->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "storage", NULL,
                   _("The server could not save these commands (%s). Nothing was applied; try again."),
                   commit_error->message);
  else
    {
      if (batch->storage_error != NULL)
        {
          JsonObject *detail = json_object_new ();

          json_object_set_string_member (detail, "code", "storage");
          json_object_set_string_member (detail, "message", batch->storage_error->message);
          json_object_set_null_member (detail, "field");
          json_object_set_object_member (batch->reply, "error", detail);
        }
      json_object_set_int_member (batch->reply, "head", head);
      respond_json (batch->msg, SOUP_STATUS_OK, batch->reply);
    }
  soup_server_message_unpause (batch->msg);
}

static gboolean
flush_batches_cb (gpointer data)
{
  AnjuServer *self = data;
  g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func ((GDestroyNotify)batch_free);
  g_autoptr(GError) error = NULL;
  gint64 head_before, head;

  self->flush_id = 0;
  while (self->pending != NULL && group->len < ANJU_SERVER_MAX_GROUP)
    {
      g_ptr_array_add (group, self->pending->data);
      self->pending = g_list_delete_link (self->pending, self->pending);
    }
  if (self->pending != NULL)
    self->flush_id = g_idle_add_full (G_PRIORITY_DEFAULT, flush_batches_cb, self, NULL);

  head_before = dup_head (self);
  if (anju_store_begin (self->store, &error))
    {
      for (guint i = 0; i < group->len; i++)
        apply_batch (self, g_ptr_array_index (group, i));
      if (anju_store_commit (self->store, &error))
        {
          self->n_commits++;
          self->n_batches += group->len;
          for (guint i = 0; i < group->len; i++)
            self->n_commands += ((Batch *)g_ptr_array_index (group, i))->commands->len;
        }
    }
  else
    g_prefix_error (&error, "%s", _("the database is busy: "));
  head = dup_head (self);
  for (guint i = 0; i < group->len; i++)
    answer_batch (self, g_ptr_array_index (group, i), error, head);
  if (head != head_before)
    notify_waiters (self);
  return G_SOURCE_REMOVE;
}

static void
handle_commands (Request *req)
{
  AnjuServer *self = req->server;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_command_free);
  JsonNode *list_node;
  JsonArray *list;
  Batch *batch;

  if (!require_method (req, SOUP_METHOD_POST) || !authenticate (req) || !(body = read_body (req)))
    return;

  list_node = json_object_get_member (body, "commands");
  if (list_node == NULL || !JSON_NODE_HOLDS_ARRAY (list_node))
    {
      respond_error (req->msg, SOUP_STATUS_BAD_REQUEST, "invalid_field", "commands",
                     _("Send {\"commands\": [command, …]}."));
      return;
    }
  list = json_node_get_array (list_node);
  if (json_array_get_length (list) == 0 || json_array_get_length (list) > ANJU_API_MAX_BATCH)
    {
      respond_error (req->msg, SOUP_STATUS_BAD_REQUEST, "invalid_field", "commands",
                     _("Send between 1 and %d commands at once."), ANJU_API_MAX_BATCH);
      return;
    }

  /* The whole envelope is checked before anything is applied, so that a
   * bad request changes nothing. */
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      g_autoptr(GError) local_error = NULL;
      AnjuCommand *command = anju_command_new_from_node (json_array_get_element (list, i), &local_error);
      g_autofree char *field = NULL;
      const char *member;

      if (command != NULL)
        {
          g_ptr_array_add (commands, command);
          if (anju_command_admit (command, req->session->user, &local_error))
            continue;
        }
      /* Malformed, unknown or not this role's: the dispatcher said which. */
      member = anju_command_error_get_field (local_error);
      field = member ? g_strdup_printf ("commands[%u].%s", i, member) : g_strdup_printf ("commands[%u]", i);
      respond_rejection (req->msg,
                         local_error->code == ANJU_COMMAND_ERROR_FORBIDDEN ? SOUP_STATUS_FORBIDDEN : SOUP_STATUS_BAD_REQUEST,
                         command == NULL ? "malformed" : anju_command_error_code_to_string (local_error->code),
                         field, local_error);
      return;
    }

  batch = g_new0 (Batch, 1);
  batch->server = self;
  batch->msg = g_object_ref (req->msg);
  batch->user = anju_user_copy (req->session->user);
  batch->commands = g_steal_pointer (&commands);
  batch->finished_id = g_signal_connect (req->msg, "finished",
                                         G_CALLBACK (on_batch_message_finished_cb), batch);
  soup_server_message_pause (req->msg);
  self->pending = g_list_append (self->pending, batch);
  /* At the priority of the sockets: whatever arrived in this turn of the
   * loop joins the group; a busy loop cannot starve it. */
  if (self->flush_id == 0)
    self->flush_id = g_idle_add_full (G_PRIORITY_DEFAULT, flush_batches_cb, self, NULL);
}

/* ------------------------------------------------------------- changes */

/* A row image as it may leave the server. One stored broken (from before
 * texts were checked, or written behind the server's back) must not stop
 * every desk's pull at it: it leaves repaired — bad bytes replaced by
 * U+FFFD — and the server says so once in its log. */
static void
append_row (AnjuServer     *self,
            GString        *out,
            gint64          seq,
            const char     *table,
            const char     *row_json,
            const AnjuUser *reader)
{
  g_autofree char *repaired = NULL;

  if (row_json == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!anju_json_check (row_json, strlen (row_json), NULL))
    {
      repaired = g_utf8_make_valid (row_json, -1);
      if (!g_hash_table_contains (self->reported, GSIZE_TO_POINTER ((gsize)seq)))
        {
          g_hash_table_add (self->reported, GSIZE_TO_POINTER ((gsize)seq));
          g_printerr ("anju-server: change %" G_GINT64_FORMAT " (%s) is stored broken; sending it %s.\n", seq, table,
                     anju_json_check (repaired, strlen (repaired), NULL) ? "repaired" : "as a deleted row");
        }
      if (!anju_json_check (repaired, strlen (repaired), NULL))
        {
          g_string_append (out, "null");
          return;
        }
      row_json = repaired;
    }
  if (anju_sync_table_is_filtered (table, reader))
    {
      g_autoptr(JsonObject) row = anju_sync_parse_object (row_json, strlen (row_json), NULL);
      g_autoptr(JsonObject) clean = row ? anju_sync_row_for_reader (self->store, table, row, reader) : NULL;
      g_autoptr(JsonNode) node = clean ? json_node_init_object (json_node_alloc (), clean) : NULL;
      g_autofree char *text = node ? json_to_string (node, FALSE) : g_strdup ("null");

      g_string_append (out, text);
    }
  else
    g_string_append (out, row_json);
}

/* The page after @after as JSON text; built as text because pulls are
 * the bulk of the traffic and the row images are stored as JSON. */
static char *
build_changes_page (AnjuServer     *self,
                    const AnjuUser *reader,
                    gint64          after,
                    guint           limit,
                    guint          *n_changes,
                    GError        **error)
{
  g_autoptr(GString) out = g_string_sized_new (4096);
  sqlite3_stmt *stmt = anju_store_prepare (self->store,
      "SELECT seq, command_id, tbl, row_id, row_json FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
      error);
  gint64 last = after;
  guint n = 0;
  gboolean more = FALSE;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int (stmt, 2, limit + 1);
  g_string_append (out, "{\"changes\":[");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *command_id = (const char *)sqlite3_column_text (stmt, 1);
      const char *table = (const char *)sqlite3_column_text (stmt, 2);
      const char *row_json = (const char *)sqlite3_column_text (stmt, 4);

      if (n == limit)
        {
          more = TRUE;
          break;
        }
      last = sqlite3_column_int64 (stmt, 0);
      g_string_append_printf (out, "%s{\"seq\":%" G_GINT64_FORMAT ",\"command_id\":",
                              n ? "," : "", last);
      if (command_id != NULL)
        append_json_string (out, command_id);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\"table\":");
      append_json_string (out, table);
      g_string_append (out, ",\"row_id\":");
      append_json_string (out, (const char *)sqlite3_column_text (stmt, 3));
      g_string_append (out, ",\"row\":");
      append_row (self, out, last, table, row_json, reader);
      g_string_append_c (out, '}');
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      anju_store_set_error (self->store, error);
      return NULL;
    }
  g_string_append_printf (out, "],\"last_seq\":%" G_GINT64_FORMAT ",\"more\":%s,\"head\":%" G_GINT64_FORMAT
                          ",\"server_id\":", last, more ? "true" : "false", dup_head (self));
  append_json_string (out, self->server_id);
  g_string_append_c (out, '}');
  *n_changes = n;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
waiter_finish (Waiter *waiter)
{
  AnjuServer *self = waiter->server;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  char *page;

  page = build_changes_page (self, waiter->reader, waiter->after, waiter->limit, &n, &error);
  if (page != NULL)
    respond_text (waiter->msg, SOUP_STATUS_OK, page);
  else
    respond_error (waiter->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "storage", NULL, "%s", error->message);
  soup_server_message_unpause (waiter->msg);
}

static void
waiter_free (Waiter *waiter)
{
  AnjuServer *self = waiter->server;

  self->waiters = g_list_remove (self->waiters, waiter);
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  g_clear_signal_handler (&waiter->finished_id, waiter->msg);
  g_clear_signal_handler (&waiter->disconnected_id, waiter->msg);
  g_object_unref (waiter->msg);
  anju_user_free (waiter->reader);
  g_free (waiter);
  if (self->waiters == NULL)
    g_clear_handle_id (&self->watch_id, g_source_remove);
}

static gboolean
on_waiter_timeout_cb (gpointer data)
{
  Waiter *waiter = data;

  waiter->timeout_id = 0;
  waiter_finish (waiter);
  waiter_free (waiter);
  return G_SOURCE_REMOVE;
}

static void
on_waiter_gone_cb (SoupServerMessage *msg,
                   Waiter            *waiter)
{
  waiter_free (waiter);
}

static void
notify_waiters (AnjuServer *self)
{
  gint64 head;
  GList *l;

  if (self->waiters == NULL)
    return;
  head = dup_head (self);
  l = self->waiters;
  while (l != NULL)
    {
      Waiter *waiter = l->data;

      l = l->next;
      if (head > waiter->after)
        {
          waiter_finish (waiter);
          waiter_free (waiter);
        }
    }
}

/* Whether the client at the other end of @msg has closed its side (a
 * desk that gave up a long-poll): its socket reads end-of-file. */
static gboolean
client_has_gone (SoupServerMessage *msg)
{
  GSocket *socket = message_socket (msg);
  char byte;

  if (socket == NULL)
    return TRUE;
  if (!(g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR) & (G_IO_IN | G_IO_HUP | G_IO_ERR)))
    return FALSE;
  return recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
}

static gboolean
on_watch_cb (gpointer data)
{
  AnjuServer *self = data;
  GList *l;

  notify_waiters (self);
  /* Answer long-polls whose desk is gone, so their connections close now
   * rather than when the wait is up. */
  l = self->waiters;
  while (l != NULL)
    {
      Waiter *waiter = l->data;

      l = l->next;
      if (client_has_gone (waiter->msg))
        {
          waiter_finish (waiter);
          waiter_free (waiter);
        }
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
query_int (Request    *req,
           const char *name,
           gint64      min,
           gint64      max,
           gint64     *value)
{
  const char *text = req->query ? g_hash_table_lookup (req->query, name) : NULL;
  guint64 parsed;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &parsed, NULL) ||
      (gint64)parsed < min || (gint64)parsed > max)
    {
      respond_error (req->msg, SOUP_STATUS_BAD_REQUEST, "invalid_field", name,
                     _("“%s” must be a whole number from %lld to %lld."),
                     name, (long long)min, (long long)max);
      return FALSE;
    }
  *value = parsed;
  return TRUE;
}

static void
handle_changes (Request *req)
{
  AnjuServer *self = req->server;
  g_autoptr(GError) error = NULL;
  gint64 after = 0, limit = ANJU_API_DEFAULT_PAGE, wait = 0, head;
  guint n = 0;
  char *page;

  if (!require_method (req, SOUP_METHOD_GET) || !authenticate (req) ||
      !query_int (req, "after", 0, G_MAXINT64, &after) ||
      !query_int (req, "limit", 1, ANJU_API_MAX_PAGE, &limit) ||
      !query_int (req, "wait", 0, ANJU_API_MAX_WAIT, &wait))
    return;

  head = dup_head (self);
  if (after > head)
    {
      respond_error (req->msg, SOUP_STATUS_CONFLICT, "cursor_ahead", "after",
                     _("This workstation has seen changes up to %lld but the server only has %lld. The server's database was replaced; ask IT to reconnect this workstation."),
                     (long long)after, (long long)head);
      return;
    }
  if (after == head && wait > 0)
    {
      Waiter *waiter = g_new0 (Waiter, 1);

      waiter->server = self;
      waiter->msg = g_object_ref (req->msg);
      waiter->reader = anju_user_copy (req->session->user);
      waiter->after = after;
      waiter->limit = limit;
      waiter->timeout_id = g_timeout_add (wait * 1000, on_waiter_timeout_cb, waiter);
      waiter->finished_id = g_signal_connect (req->msg, "finished", G_CALLBACK (on_waiter_gone_cb), waiter);
      waiter->disconnected_id = g_signal_connect (req->msg, "disconnected", G_CALLBACK (on_waiter_gone_cb), waiter);
      self->waiters = g_list_append (self->waiters, waiter);
      if (self->watch_id == 0)
        self->watch_id = g_timeout_add (WATCH_INTERVAL_MS, on_watch_cb, self);
      soup_server_message_pause (req->msg);
      return;
    }
  page = build_changes_page (self, req->session->user, after, limit, &n, &error);
  if (page == NULL)
    {
      respond_error (req->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "storage", NULL, "%s", error->message);
      return;
    }
  respond_text (req->msg, SOUP_STATUS_OK, page);
}

/* ------------------------------------------------------------- routing */

/* Every body is counted as it arrives and kept only up to the limit of
 * its endpoint: a Content-Length beyond it is refused at the headers, a
 * chunked body when it passes the limit; what comes after is read and
 * dropped, so memory stays flat whatever a client sends. */
static void
on_early_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  AnjuServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  BodyBuffer *buffer = g_new0 (BodyBuffer, 1);

  buffer->max = g_str_equal (path, ANJU_API_PREFIX "/commands") ? self->max_body : ANJU_API_MAX_SMALL_BODY;
  buffer->data = g_byte_array_new ();
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_object_set_data_full (G_OBJECT (msg), "anju-body", buffer, body_buffer_free);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset)buffer->max)
    {
      buffer->too_big = buffer->refused = TRUE;
      respond_too_large (msg, buffer->max);
      return;
    }
  /* Only someone signed in may send a large body. */
  if (buffer->max > ANJU_API_MAX_SMALL_BODY)
    {
      Request req = { self, msg, path + strlen (ANJU_API_PREFIX), query, NULL };

      if (!authenticate (&req))
        buffer->refused = TRUE;
      g_clear_pointer (&req.session, anju_session_free);
    }
}

static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           user_data)
{
  BodyBuffer *buffer = g_object_get_data (G_OBJECT (msg), "anju-body");
  gsize size;
  const guint8 *data;

  if (buffer == NULL || buffer->too_big || buffer->refused)
    return;
  data = g_bytes_get_data (chunk, &size);
  if (buffer->data->len + size > buffer->max)
    {
      buffer->too_big = TRUE;
      g_byte_array_set_size (buffer->data, 0);
      return;
    }
  g_byte_array_append (buffer->data, data, size);
}

/* A request's headers must arrive within request_timeout of its
 * connection being accepted: a client that trickles them a byte at a
 * time, each within the read timeout, still loses the connection. (A
 * body is bounded by its size limit and the read timeout.) */
typedef struct
{
  SoupServerMessage *msg;            /* not owned: dies with it */
  guint              id;
} Deadline;

static void
deadline_free (gpointer data)
{
  Deadline *deadline = data;

  g_clear_handle_id (&deadline->id, g_source_remove);
  g_free (deadline);
}

static gboolean
on_request_deadline_cb (gpointer data)
{
  Deadline *deadline = data;
  GSocket *socket = message_socket (deadline->msg);

  deadline->id = 0;
  /* libsoup then reads end-of-file, gives the request up and closes. */
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  g_object_set_data (G_OBJECT (msg), "anju-deadline", NULL);
}

/* Emitted as soon as a connection is accepted, before it sends a byte. */
static void
on_request_started_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  AnjuServer *self = user_data;

  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), NULL);
  if (self->request_timeout > 0)
    {
      Deadline *deadline = g_new0 (Deadline, 1);

      deadline->msg = msg;
      deadline->id = g_timeout_add_seconds (self->request_timeout, on_request_deadline_cb, deadline);
      g_object_set_data_full (G_OBJECT (msg), "anju-deadline", deadline, deadline_free);
      g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers_cb), NULL);
    }
}

/* ---------------------------------------------------------- accepting */

static gboolean on_accept_cb (GSocket      *listener,
                              GIOCondition  condition,
                              gpointer      user_data);

static void
watch_listener (AnjuServer *self)
{
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (on_accept_cb), self, NULL);
  g_source_attach (self->accept_source, self->context);
}

static gboolean
on_accept_retry_cb (gpointer data)
{
  AnjuServer *self = data;

  self->accept_retry_id = 0;
  watch_listener (self);
  return G_SOURCE_REMOVE;
}

/* Hands an accepted connection to libsoup, wrapped in TLS if the server
 * has a certificate. Every read and write on it fails after read_timeout
 * seconds without progress, so a silent client cannot hold it. */
static void
serve_connection (AnjuServer *self,
                  GSocket    *socket)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (local == NULL || remote == NULL)
    return;                          /* the client is gone already */
  g_socket_set_timeout (socket, self->read_timeout);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  stream = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
  if (self->certificate != NULL)
    {
      GIOStream *tls = g_tls_server_connection_new (stream, self->certificate, &error);

      if (tls == NULL)
        {
          g_printerr ("anju-server: TLS: %s\n", error->message);
          return;
        }
      g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (tls), FALSE);
      g_object_unref (stream);
      stream = tls;
    }
  g_object_set_data_full (G_OBJECT (remote), "anju-socket", g_object_ref (socket), g_object_unref);
  soup_server_accept_iostream (self->soup, stream, local, remote, NULL);
}

/* libsoup 3.2's own listener stops accepting for good the first time
 * accept() fails, as it does when the open-file limit is reached; this
 * one waits ACCEPT_RETRY_MS and tries again, so the server recovers as
 * soon as connections close. */
static gboolean
on_accept_cb (GSocket      *listener,
              GIOCondition  condition,
              gpointer      user_data)
{
  AnjuServer *self = user_data;

  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket != NULL)
        {
          serve_connection (self, socket);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      g_clear_pointer (&self->accept_source, g_source_unref);
      self->accept_retry_id = g_timeout_add (ACCEPT_RETRY_MS, on_accept_retry_cb, self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Request req = { user_data, msg, NULL, query, NULL };

  if (!g_str_has_prefix (path, ANJU_API_PREFIX "/"))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                     _("Nothing here. The Anju API lives under %s/."), ANJU_API_PREFIX);
      return;
    }
  req.path = path + strlen (ANJU_API_PREFIX);
  if (g_str_equal (req.path, "/health"))
    handle_health (&req);
  else if (g_str_equal (req.path, "/login"))
    handle_login (&req);
  else if (g_str_equal (req.path, "/logout"))
    handle_logout (&req);
  else if (g_str_equal (req.path, "/me"))
    handle_me (&req);
  else if (g_str_equal (req.path, "/commands"))
    handle_commands (&req);
  else if (g_str_equal (req.path, "/stats"))
    handle_stats (&req);
  else if (g_str_equal (req.path, "/changes"))
    handle_changes (&req);
  else if (g_str_equal (req.path, "/sessions") || g_str_has_prefix (req.path, "/sessions/"))
    handle_sessions (&req);
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                   _("There is no endpoint %s."), path);
  g_clear_pointer (&req.session, anju_session_free);
}

/* ----------------------------------------------------------- lifecycle */

static void
anju_server_dispose (GObject *object)
{
  AnjuServer *self = (AnjuServer *)object;

  while (self->waiters != NULL)
    waiter_free (self->waiters->data);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_list_free_full (g_steal_pointer (&self->pending), (GDestroyNotify)batch_free);
  g_clear_handle_id (&self->accept_retry_id, g_source_remove);
  if (self->accept_source != NULL)
    g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  g_clear_object (&self->certificate);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  if (self->login_pool != NULL)
    {
      g_thread_pool_free (self->login_pool, FALSE, TRUE);
      self->login_pool = NULL;
    }
  G_OBJECT_CLASS (anju_server_parent_class)->dispose (object);
}

static void
anju_server_finalize (GObject *object)
{
  AnjuServer *self = (AnjuServer *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->server_id);
  g_hash_table_unref (self->reported);
  G_OBJECT_CLASS (anju_server_parent_class)->finalize (object);
}

static void
anju_server_class_init (AnjuServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = anju_server_dispose;
  object_class->finalize = anju_server_finalize;
}

static void
anju_server_init (AnjuServer *self)
{
  self->max_body = ANJU_API_MAX_BODY;
  self->read_timeout = ANJU_SERVER_READ_TIMEOUT;
  self->request_timeout = ANJU_SERVER_REQUEST_TIMEOUT;
  self->context = g_main_context_ref_thread_default ();
  self->reported = g_hash_table_new (NULL, NULL);
  anju_session_limits_init_default (&self->limits);
}

AnjuServer *
anju_server_new (AnjuStore               *store,
                 const AnjuSessionLimits *limits)
{
  AnjuServer *self = g_object_new (ANJU_TYPE_SERVER, NULL);

  self->store = g_object_ref (store);
  if (limits != NULL)
    self->limits = *limits;
  self->server_id = anju_store_dup_meta (store, "server.id");
  if (self->server_id == NULL)
    {
      self->server_id = g_uuid_string_random ();
      anju_store_set_meta (store, "server.id", self->server_id, NULL);
    }
  /* The pool job holds a reference to the server, so it cannot outlive
   * its jobs; two threads bound the memory Argon2id takes (64 MiB each). */
  self->login_pool = g_thread_pool_new (verify_password_cb, NULL, 2, FALSE, NULL);
  return self;
}

void
anju_server_set_max_body (AnjuServer *self,
                          gsize       max_body)
{
  self->max_body = max_body;
}

void
anju_server_set_timeouts (AnjuServer *self,
                          guint       read_timeout,
                          guint       request_timeout)
{
  self->read_timeout = read_timeout;
  self->request_timeout = request_timeout;
}

void
anju_server_set_crash_after (AnjuServer *self,
                             guint       n)
{
  self->crash_after = n;
}

const char *
anju_server_get_id (AnjuServer *self)
{
  return self->server_id;
}

static GSocketAddress *
parse_address (const char  *text,
               GError     **error)
{
  g_autofree char *host = NULL;
  const char *colon;
  guint64 port;

  if (text[0] == '[')
    {
      const char *end = strchr (text, ']');

      if (end == NULL || end[1] != ':')
        goto bad;
      host = g_strndup (text + 1, end - text - 1);
      colon = end + 1;
    }
  else
    {
      colon = strrchr (text, ':');
      if (colon == NULL)
        goto bad;
      host = g_strndup (text, colon - text);
    }
  if (!g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    goto bad;
  if (*host == '\0' || g_str_equal (host, "localhost"))
    {
      g_free (host);
      host = g_strdup ("127.0.0.1");
    }
  {
    GSocketAddress *address = g_inet_socket_address_new_from_string (host, port);
    if (address != NULL)
      return address;
  }
bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not an address to listen on. Give ADDRESS:PORT, such as 127.0.0.1:8470 or 0.0.0.0:8470."),
               text);
  return NULL;
}

gboolean
anju_server_listen (AnjuServer       *self,
                    const char       *address,
                    GTlsCertificate  *certificate,
                    GError          **error)
{
  g_autoptr(GSocketAddress) socket_address = parse_address (address, error);
  g_autoptr(GSocket) socket = NULL;

  if (socket_address == NULL)
    return FALSE;
  g_return_val_if_fail (self->soup == NULL, FALSE);

  /* Our own socket for a backlog that fits an office at opening time (the
   * default is 10: fifty desks starting at once would be reset). */
  socket = g_socket_new (g_socket_address_get_family (socket_address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_DEFAULT, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, ANJU_SERVER_LISTEN_BACKLOG);
  g_socket_set_blocking (socket, FALSE);
  if (!g_socket_bind (socket, socket_address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;

  self->soup = soup_server_new ("server-header", "anju-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup, NULL, on_early_request_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, on_request_cb, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (on_request_started_cb), self);
  self->listener = g_steal_pointer (&socket);
  g_set_object (&self->certificate, certificate);
  watch_listener (self);
  return TRUE;
}

char *
anju_server_dup_url (AnjuServer *self)
{
  g_autoptr(GSocketAddress) local = NULL;
  g_autofree char *host = NULL;
  GInetAddress *address;

  if (self->listener == NULL ||
      !(local = g_socket_get_local_address (self->listener, NULL)))
    return NULL;
  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
  host = g_inet_address_to_string (address);
  return g_strdup_printf ("%s://%s%s%s:%u", self->certificate ? "https" : "http",
                          strchr (host, ':') ? "[" : "", host, strchr (host, ':') ? "]" : "",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
}
