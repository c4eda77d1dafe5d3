/* anju-server-sessions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "anju-server-sessions.h"

G_DEFINE_QUARK (anju-server-error-quark, anju_server_error)

static const char * const error_codes[] = {
  [ANJU_SERVER_ERROR_NO_TOKEN] = "no_token",
  [ANJU_SERVER_ERROR_BAD_TOKEN] = "bad_token",
  [ANJU_SERVER_ERROR_TOKEN_EXPIRED] = "token_expired",
  [ANJU_SERVER_ERROR_TOKEN_REVOKED] = "token_revoked",
  [ANJU_SERVER_ERROR_ACCOUNT_DISABLED] = "account_disabled",
  [ANJU_SERVER_ERROR_THROTTLED] = "throttled",
  [ANJU_SERVER_ERROR_STORAGE] = "storage",
};

/* A session's last use is written at most this often, so that a busy
 * desk does not turn every read into a write. */
#define TOUCH_INTERVAL (60 * G_USEC_PER_SEC)

const char *
anju_server_error_code_to_string (AnjuServerError code)
{
  if ((guint)code < G_N_ELEMENTS (error_codes))
    return error_codes[code];
  return "error";
}

void
anju_session_limits_init_default (AnjuSessionLimits *limits)
{
  limits->idle_timeout = 12 * G_TIME_SPAN_HOUR;
  limits->max_lifetime = 7 * G_TIME_SPAN_DAY;
  limits->max_failures = 10;
  limits->max_failures_per_remote = 30;
  limits->failure_window = 15 * G_TIME_SPAN_MINUTE;
}

void
anju_session_free (AnjuSession *session)
{
  if (session == NULL)
    return;
  g_free (session->id);
  g_clear_pointer (&session->user, anju_user_free);
  g_free (session->remote);
  g_free (session->client);
  g_free (session);
}

JsonObject *
anju_user_to_json (const AnjuUser *user)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", user->id);
  json_object_set_string_member (object, "username", user->username);
  json_object_set_string_member (object, "display_name", user->display_name);
  json_object_set_string_member (object, "role", anju_role_to_string (user->role));
  return object;
}

static void
set_time_member (JsonObject *object,
                 const char *name,
                 gint64      usec)
{
  g_autofree char *text = anju_clock_format_utc (usec);

  json_object_set_string_member (object, name, text);
}

JsonObject *
anju_session_to_json (const AnjuSession *session)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", session->id);
  json_object_set_object_member (object, "user", anju_user_to_json (session->user));
  set_time_member (object, "created_at", session->created_at);
  set_time_member (object, "last_used_at", session->last_used_at);
  set_time_member (object, "expires_at", session->expires_at);
  if (session->remote)
    json_object_set_string_member (object, "remote", session->remote);
  else
    json_object_set_null_member (object, "remote");
  if (session->client)
    json_object_set_string_member (object, "client", session->client);
  else
    json_object_set_null_member (object, "client");
  return object;
}

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static gint64
column_time (sqlite3_stmt *stmt,
             int           col)
{
  gint64 usec = 0;

  anju_clock_parse_utc ((const char *)sqlite3_column_text (stmt, col), &usec);
  return usec;
}

AnjuSession *
anju_session_create (AnjuStore               *store,
                     const AnjuUser          *user,
                     const AnjuSessionLimits *limits,
                     const char              *remote,
                     const char              *client,
                     char                   **token,
                     GError                 **error)
{
  guchar raw[32];
  char encoded[sodium_base64_ENCODED_LEN (sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  g_autofree char *hash = NULL, *now_text = NULL, *expires_text = NULL;
  g_autoptr(AnjuSession) session = g_new0 (AnjuSession, 1);
  sqlite3_stmt *stmt;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, ANJU_SERVER_ERROR, ANJU_SERVER_ERROR_STORAGE,
                           "libsodium could not start");
      return NULL;
    }
  randombytes_buf (raw, sizeof raw);
  sodium_bin2base64 (encoded, sizeof encoded, raw, sizeof raw,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (raw, sizeof raw);
  hash = hash_token (encoded);

  session->id = g_uuid_string_random ();
  session->user = anju_user_copy (user);
  session->created_at = session->last_used_at = anju_store_now (store);
  session->expires_at = session->created_at + limits->max_lifetime;
  session->remote = g_strdup (remote);
  session->client = g_strdup (client);
  now_text = anju_clock_format_utc (session->created_at);
  expires_text = anju_clock_format_utc (session->expires_at);

  stmt = anju_store_prepare (store,
      "INSERT INTO sessions (id, token_hash, user_id, created_at, last_used_at, expires_at, "
      "remote, client) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, session->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, user->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, expires_text, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 7, remote);
  anju_stmt_bind_text_or_null (stmt, 8, client);
  if (!anju_store_step_done (store, stmt, error))
    return NULL;
  *token = g_strdup (encoded);
  sodium_memzero (encoded, sizeof encoded);
  return g_steal_pointer (&session);
}

#define SESSION_COLUMNS \
  "s.id, s.created_at, s.last_used_at, s.expires_at, s.revoked_at, s.remote, s.client, " \
  "u.id, u.username, u.display_name, u.role, u.disabled "

static AnjuSession *
session_from_stmt (sqlite3_stmt *stmt)
{
  AnjuSession *session = g_new0 (AnjuSession, 1);

  session->id = anju_stmt_dup_text (stmt, 0);
  session->created_at = column_time (stmt, 1);
  session->last_used_at = column_time (stmt, 2);
  session->expires_at = column_time (stmt, 3);
  session->remote = anju_stmt_dup_text (stmt, 5);
  session->client = anju_stmt_dup_text (stmt, 6);
  session->user = anju_user_new ((const char *)sqlite3_column_text (stmt, 7),
                                 (const char *)sqlite3_column_text (stmt, 8),
                                 (const char *)sqlite3_column_text (stmt, 9),
                                 anju_role_from_string ((const char *)sqlite3_column_text (stmt, 10)));
  return session;
}

AnjuSession *
anju_session_check (AnjuStore               *store,
                    const char              *token,
                    const AnjuSessionLimits *limits,
                    GError                 **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(AnjuSession) session = NULL;
  gboolean revoked, disabled;
  gint64 now = anju_store_now (store);
  sqlite3_stmt *stmt;

  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, ANJU_SERVER_ERROR, ANJU_SERVER_ERROR_NO_TOKEN,
                           _("Sign in first: this request needs a token."));
      return NULL;
    }
  hash = hash_token (token);
  stmt = anju_store_prepare (store,
      "SELECT " SESSION_COLUMNS "FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.token_hash = ?", NULL);
  if (stmt == NULL)
    {
      g_set_error_literal (error, ANJU_SERVER_ERROR, ANJU_SERVER_ERROR_STORAGE,
                           _("The server could not read its sessions."));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, ANJU_SERVER_ERROR, ANJU_SERVER_ERROR_BAD_TOKEN,
                           _("This token is not known to the server. Sign in again."));
      return NULL;
    }
  session = session_from_stmt (stmt);
  revoked = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  disabled = sqlite3_column_int (stmt, 11) != 0;
  sqlite3_reset (stmt);

  if (revoked)
    {
      g_set_error_literal (error, ANJU_SERVER_ERROR, ANJU_SERVER_ERROR_TOKEN_REVOKED,
                           _("This session was ended. Sign in again."));
      return NULL;
    }
  if (disabled)
    {
      g_set_error_literal (error, ANJU_SERVER_ERROR, ANJU_SERVER_ERROR_ACCOUNT_DISABLED,
                           _("This account is disabled. Ask the administrator."));
      return NULL;
    }
  if (now >= session->expires_at || now - session->last_used_at >= limits->idle_timeout)
    {
      g_set_error_literal (error, ANJU_SERVER_ERROR, ANJU_SERVER_ERROR_TOKEN_EXPIRED,
                           _("The session has expired. Sign in again."));
      return NULL;
    }
  if (now - session->last_used_at >= TOUCH_INTERVAL)
    {
      g_autofree char *now_text = anju_clock_format_utc (now);

      stmt = anju_store_prepare (store, "UPDATE sessions SET last_used_at = ? WHERE id = ?", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, now_text, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, session->id, -1, SQLITE_TRANSIENT);
          anju_store_step_done (store, stmt, NULL);
        }
      session->last_used_at = now;
    }
  return g_steal_pointer (&session);
}

gboolean
anju_session_revoke (AnjuStore   *store,
                     const char  *id,
                     GError     **error)
{
  g_autofree char *now = anju_store_now_string (store);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  return sqlite3_changes (anju_store_get_db (store)) > 0;
}

GPtrArray *
anju_sessions_list (AnjuStore               *store,
                    const AnjuSessionLimits *limits,
                    GError                 **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_session_free);
  gint64 now = anju_store_now (store);
  g_autofree char *now_text = anju_clock_format_utc (now);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT " SESSION_COLUMNS "FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.revoked_at IS NULL AND s.expires_at > ? AND u.disabled = 0 "
      "ORDER BY s.created_at DESC", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now_text, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AnjuSession *session = session_from_stmt (stmt);

      if (now - session->last_used_at < limits->idle_timeout)
        g_ptr_array_add (list, session);
      else
        anju_session_free (session);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

/* Failures counted in the window for one column's value, and the oldest. */
static gint64
count_failures (AnjuStore  *store,
                const char *column,
                const char *value,
                const char *since,
                gint64     *oldest)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT count(*), min(at) FROM login_failures WHERE %s = ? AND at > ?", column);
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, NULL);
  gint64 count = 0;

  if (stmt == NULL)
    return G_MAXINT64;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, since, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      count = sqlite3_column_int64 (stmt, 0);
      if (count > 0)
        *oldest = column_time (stmt, 1);
    }
  sqlite3_reset (stmt);
  return count;
}

gboolean
anju_login_reserve (AnjuStore               *store,
                    const char              *username,
                    const char              *remote,
                    const AnjuSessionLimits *limits,
                    gint64                  *attempt,
                    gint64                  *retry_after)
{
  gint64 now = anju_store_now (store);
  g_autofree char *since = anju_clock_format_utc (now - limits->failure_window);
  g_autofree char *now_text = anju_clock_format_utc (now);
  gint64 oldest = now;
  sqlite3_stmt *stmt;

  *retry_after = 60;
  /* What has left the window is of no use any more (the audit log keeps
   * the story); so the table stays as small as the limits. */
  stmt = anju_store_prepare (store, "DELETE FROM login_failures WHERE at <= ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
      anju_store_step_done (store, stmt, NULL);
    }
  if (count_failures (store, "username", username, since, &oldest) >= limits->max_failures ||
      (remote != NULL &&
       count_failures (store, "remote", remote, since, &oldest) >= limits->max_failures_per_remote))
    {
      *retry_after = MAX (1, (oldest + limits->failure_window - now) / G_USEC_PER_SEC + 1);
      return FALSE;
    }
  stmt = anju_store_prepare (store,
      "INSERT INTO login_failures (username, at, remote) VALUES (?, ?, ?)", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now_text, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, remote);
  if (!anju_store_step_done (store, stmt, NULL))
    return FALSE;
  *attempt = sqlite3_last_insert_rowid (anju_store_get_db (store));
  return TRUE;
}

void
anju_login_release (AnjuStore *store,
                    gint64     attempt)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "DELETE FROM login_failures WHERE seq = ?", NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, attempt);
  anju_store_step_done (store, stmt, NULL);
}

void
anju_server_audit (AnjuStore  *store,
                   const char *actor_id,
                   const char *action,
                   const char *subject,
                   const char *remote)
{
  g_autofree char *now = anju_store_now_string (store);
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *detail_text = NULL;
  sqlite3_stmt *stmt;

  if (remote != NULL)
    json_object_set_string_member (detail, "remote", remote);
  node = json_node_init_object (json_node_alloc (), detail);
  detail_text = json_to_string (node, FALSE);
  stmt = anju_store_prepare (store,
      "INSERT INTO audit (at, actor_id, command_id, action, subject, detail) "
      "VALUES (?, ?, NULL, ?, ?, ?)", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, actor_id);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 4, subject);
  sqlite3_bind_text (stmt, 5, detail_text, -1, SQLITE_TRANSIENT);
  anju_store_step_done (store, stmt, NULL);
}
