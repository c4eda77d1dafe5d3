/* anju-server-sessions.h — bearer tokens and sign-in throttling
 *
 * A token is 256 random bits, given to the client once and kept only as
 * its SHA-256 hash. A session ends at sign-out, when an administrator
 * revokes it or disables the account, after an idle period and at an
 * absolute lifetime. Sign-in attempts are counted per account name and
 * per source address before the password is checked; past the limit
 * the name (or address) is refused for a while whatever the password.
 * Every time comes from the store's clock, so tests can move it.
 */
#pragma once

#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

#define ANJU_SERVER_ERROR (anju_server_error_quark ())

typedef enum
{
  ANJU_SERVER_ERROR_NO_TOKEN,
  ANJU_SERVER_ERROR_BAD_TOKEN,
  ANJU_SERVER_ERROR_TOKEN_EXPIRED,
  ANJU_SERVER_ERROR_TOKEN_REVOKED,
  ANJU_SERVER_ERROR_ACCOUNT_DISABLED,
  ANJU_SERVER_ERROR_THROTTLED,
  ANJU_SERVER_ERROR_STORAGE,
} AnjuServerError;

GQuark      anju_server_error_quark  (void);
/* "no_token", "token_expired", … as the code travels in JSON. */
const char *anju_server_error_code_to_string (AnjuServerError code);

typedef struct
{
  gint64 idle_timeout;      /* µs without a request before a token dies */
  gint64 max_lifetime;      /* µs from sign-in */
  guint  max_failures;      /* failed sign-ins per account name in the window */
  guint  max_failures_per_remote; /* … and per source address */
  gint64 failure_window;    /* µs */
} AnjuSessionLimits;

/* 12 hours idle, 7 days in all, 10 failures per name and 30 per address
 * in 15 minutes. */
void        anju_session_limits_init_default (AnjuSessionLimits *limits);

typedef struct
{
  char     *id;             /* public id, for listing and revoking */
  AnjuUser *user;
  gint64    created_at;
  gint64    last_used_at;
  gint64    expires_at;
  char     *remote;
  char     *client;
} AnjuSession;

void        anju_session_free        (AnjuSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuSession, anju_session_free)
/* {"id", "user": {...}, "created_at", "last_used_at", "expires_at", "remote", "client"} */
JsonObject *anju_session_to_json     (const AnjuSession *session);
JsonObject *anju_user_to_json        (const AnjuUser    *user);

/* Starts a session for @user; returns it and sets @token (to give to the
 * client once). */
AnjuSession *anju_session_create     (AnjuStore               *store,
                                      const AnjuUser          *user,
                                      const AnjuSessionLimits *limits,
                                      const char              *remote,
                                      const char              *client,
                                      char                   **token,
                                      GError                 **error);
/* The live session of @token, refreshing its idle time; or NULL with
 * ANJU_SERVER_ERROR_BAD_TOKEN, _TOKEN_EXPIRED, _TOKEN_REVOKED or
 * _ACCOUNT_DISABLED. */
AnjuSession *anju_session_check      (AnjuStore               *store,
                                      const char              *token,
                                      const AnjuSessionLimits *limits,
                                      GError                 **error);
/* Ends session @id; FALSE if there is no such live session. */
gboolean     anju_session_revoke     (AnjuStore               *store,
                                      const char              *id,
                                      GError                 **error);
/* Live sessions, newest first; element type AnjuSession*. */
GPtrArray   *anju_sessions_list      (AnjuStore               *store,
                                      const AnjuSessionLimits *limits,
                                      GError                 **error);

/* Counts a sign-in attempt before its password is checked, as a failure
 * until anju_login_release() says it succeeded; so a burst of attempts
 * cannot all be checked while none has failed yet. FALSE (nothing
 * counted) when @username, or @remote, has used up its failures in the
 * window; @retry_after is then the seconds until the oldest one leaves. */
gboolean     anju_login_reserve      (AnjuStore               *store,
                                      const char              *username,
                                      const char              *remote,
                                      const AnjuSessionLimits *limits,
                                      gint64                  *attempt,
                                      gint64                  *retry_after);
/* The attempt succeeded: it no longer counts. Earlier failures still do
 * until they leave the window — a right password does not wipe them. */
void         anju_login_release      (AnjuStore               *store,
                                      gint64                   attempt);

/* One line of the audit log for what is not a command: sign-in, sign-out,
 * a refused sign-in, a revoked session. */
void         anju_server_audit       (AnjuStore               *store,
                                      const char              *actor_id,
                                      const char              *action,
                                      const char              *subject,
                                      const char              *remote);

G_END_DECLS
