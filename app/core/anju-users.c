/* anju-users.c — people, roles, passwords and the user.create command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "anju-command.h"
#include "anju-user.h"

static const struct
{
  AnjuRole    role;
  const char *name;
  const char *label;
} roles[] = {
  { ANJU_ROLE_CONSULTANT, "consultant", N_("Consultant") },
  { ANJU_ROLE_FINANCE, "finance", N_("Finance") },
  { ANJU_ROLE_MANAGER, "manager", N_("Manager") },
  { ANJU_ROLE_ADMIN, "admin", N_("Administrator") },
};

AnjuRole
anju_role_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (roles[i].name, name) == 0)
      return roles[i].role;
  return ANJU_ROLE_NONE;
}

const char *
anju_role_to_string (AnjuRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (roles[i].role == role)
      return roles[i].name;
  return "system";
}

const char *
anju_role_get_label (AnjuRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (roles[i].role == role)
      return _(roles[i].label);
  return _("System");
}

G_DEFINE_BOXED_TYPE (AnjuUser, anju_user, anju_user_copy, anju_user_free)

AnjuUser *
anju_user_new (const char *id,
               const char *username,
               const char *display_name,
               AnjuRole    role)
{
  AnjuUser *user = g_new0 (AnjuUser, 1);

  user->id = g_strdup (id);
  user->username = g_strdup (username);
  user->display_name = g_strdup (display_name);
  user->role = role;
  return user;
}

AnjuUser *
anju_user_copy (const AnjuUser *user)
{
  return anju_user_new (user->id, user->username, user->display_name, user->role);
}

void
anju_user_free (AnjuUser *user)
{
  if (user == NULL)
    return;
  g_free (user->id);
  g_free (user->username);
  g_free (user->display_name);
  g_free (user);
}

const AnjuUser *
anju_user_get_system (void)
{
  static const AnjuUser system = {
    NULL, (char *)"system", (char *)"Anju", ANJU_ROLES_ALL,
  };

  return &system;
}

char *
anju_password_hash (const char *password)
{
  char hash[crypto_pwhash_STRBYTES];

  if (sodium_init () < 0)
    return NULL;
  if (crypto_pwhash_str (hash, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return NULL;
  return g_strdup (hash);
}

gboolean
anju_password_verify (const char *hash,
                      const char *password)
{
  if (hash == NULL || password == NULL || sodium_init () < 0)
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

static AnjuUser *
user_from_stmt (sqlite3_stmt *stmt)
{
  return anju_user_new ((const char *)sqlite3_column_text (stmt, 0),
                        (const char *)sqlite3_column_text (stmt, 1),
                        (const char *)sqlite3_column_text (stmt, 2),
                        anju_role_from_string ((const char *)sqlite3_column_text (stmt, 3)));
}

static AnjuUser *
lookup_by (AnjuStore  *store,
           const char *sql,
           const char *key,
           char      **hash,
           gboolean   *disabled)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, NULL);
  AnjuUser *user = NULL;

  if (stmt == NULL || key == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      user = user_from_stmt (stmt);
      if (hash != NULL)
        *hash = anju_stmt_dup_text (stmt, 4);
      if (disabled != NULL)
        *disabled = sqlite3_column_int (stmt, 5) != 0;
    }
  sqlite3_reset (stmt);
  return user;
}

AnjuUser *
anju_user_lookup (AnjuStore  *store,
                  const char *id)
{
  return lookup_by (store,
                    "SELECT id, username, display_name, role, password_hash, disabled "
                    "FROM users WHERE id = ?", id, NULL, NULL);
}

AnjuUser *
anju_user_lookup_by_name (AnjuStore  *store,
                          const char *username)
{
  return anju_user_lookup_credentials (store, username, NULL, NULL);
}

AnjuUser *
anju_user_lookup_credentials (AnjuStore  *store,
                              const char *username,
                              char      **hash,
                              gboolean   *disabled)
{
  return lookup_by (store,
                    "SELECT id, username, display_name, role, password_hash, disabled "
                    "FROM users WHERE username = ?", username, hash, disabled);
}

gboolean
anju_user_set_password_hash (AnjuStore   *store,
                             const char  *user_id,
                             const char  *hash,
                             GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE users SET password_hash = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_TRANSIENT);
  return anju_store_step_done (store, stmt, error);
}

AnjuUser *
anju_user_authenticate (AnjuStore   *store,
                        const char  *username,
                        const char  *password,
                        GError     **error)
{
  g_autofree char *hash = NULL;
  gboolean disabled = FALSE;
  g_autoptr(AnjuUser) user = anju_user_lookup_credentials (store, username, &hash, &disabled);

  if (user == NULL || disabled || !anju_password_verify (hash, password))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_AUTH, "password",
                           _("The user name or the password is wrong. Check both and try again."));
      return NULL;
    }
  if (crypto_pwhash_str_needs_rehash (hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_autofree char *fresh = anju_password_hash (password);

      if (fresh != NULL)
        anju_user_set_password_hash (store, user->id, fresh, NULL);
    }
  return g_steal_pointer (&user);
}

static gboolean
is_username (const char *name)
{
  gsize len = strlen (name);

  if (len < 2 || len > 32 || !g_ascii_isalnum (name[0]))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* user.create {username, display_name, role, password_hash}
 * The password travels only as its Argon2id hash. */
static gboolean
apply_user_create (AnjuCommandContext  *ctx,
                   JsonObject          *payload,
                   GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *username, *display_name, *role_name, *hash, *id = NULL;
  g_autoptr(AnjuUser) existing = NULL;
  g_autofree char *new_id = NULL;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "username", TRUE, &username, error) ||
      !anju_payload_get_string (payload, "display_name", TRUE, &display_name, error) ||
      !anju_payload_get_string (payload, "role", TRUE, &role_name, error) ||
      !anju_payload_get_string (payload, "password_hash", TRUE, &hash, error) ||
      !anju_payload_get_string (payload, "user_id", FALSE, &id, error))
    return FALSE;
  if (!is_username (username))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "username",
                           _("“%s” cannot be a user name: use 2 to 32 letters, digits, dots, dashes or underscores."),
                           username);
      return FALSE;
    }
  if (anju_role_from_string (role_name) == ANJU_ROLE_NONE)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "role",
                           _("“%s” is not a role. Use consultant, finance, manager or admin."), role_name);
      return FALSE;
    }
  if (!g_str_has_prefix (hash, "$argon2id$"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "password_hash",
                           _("The password must arrive as an Argon2id hash."));
      return FALSE;
    }
  if ((existing = anju_user_lookup_by_name (store, username)) != NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_DUPLICATE, "username",
                           _("There is already a user “%s” (%s). Choose another user name."),
                           username, existing->display_name);
      return FALSE;
    }
  if (id != NULL && !g_uuid_string_is_valid (id))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "user_id",
                           _("“user_id” must be a UUID."));
      return FALSE;
    }
  if (id == NULL)
    id = new_id = anju_command_context_new_id (ctx);

  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO users (id, username, display_name, role, password_hash, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, role_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;

  anju_command_context_touch (ctx, "users", id);
  {
    g_autofree char *subject = g_strconcat ("user:", id, NULL);
    anju_command_context_set_subject (ctx, subject);
  }
  json_object_set_string_member (anju_command_context_get_result (ctx), "user_id", id);
  return TRUE;
}

static const AnjuCommandSpec user_commands[] = {
  { "user.create", ANJU_ROLE_ADMIN, ANJU_COMMAND_FLAG_NONE, apply_user_create,
    "user_id:string? username:string display_name:string role:string password_hash:string" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const users_topic_tables[] = { "users", NULL };

void
anju_users_register_commands (void)
{
  anju_topic_declare ("users", users_topic_tables);
  anju_commands_register (user_commands, G_N_ELEMENTS (user_commands));
}

JsonObject *
anju_user_dup_create_payload (const char  *username,
                              const char  *display_name,
                              AnjuRole     role,
                              const char  *password,
                              GError     **error)
{
  JsonObject *payload;
  g_autofree char *hash = NULL;

  if (password == NULL || g_utf8_strlen (password, -1) < 8)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "password",
                           _("The password needs at least 8 characters."));
      return NULL;
    }
  hash = anju_password_hash (password);
  payload = json_object_new ();
  json_object_set_string_member (payload, "username", username);
  json_object_set_string_member (payload, "display_name",
                                 display_name && *display_name ? display_name : username);
  json_object_set_string_member (payload, "role", anju_role_to_string (role));
  json_object_set_string_member (payload, "password_hash", hash);
  return payload;
}

AnjuUser *
anju_user_add (AnjuStore      *store,
               const AnjuUser *actor,
               const char     *username,
               const char     *display_name,
               AnjuRole        role,
               const char     *password,
               GError        **error)
{
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *result;

  if (!(payload = anju_user_dup_create_payload (username, display_name, role, password, error)))
    return NULL;
  if (!(answer = anju_command_run (store, actor, "user.create", payload, error)))
    return NULL;
  result = json_object_get_object_member (answer, "result");
  return anju_user_lookup (store, json_object_get_string_member (result, "user_id"));
}

GPtrArray *
anju_users_list (AnjuStore  *store,
                 guint       roles,
                 GError    **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT id, username, display_name, role FROM users WHERE disabled = 0 "
      "ORDER BY display_name, username", error);
  g_autoptr(GPtrArray) users = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  users = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_user_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuUser *user = user_from_stmt (stmt);

      if (user->role & roles)
        g_ptr_array_add (users, user);
      else
        anju_user_free (user);
    }
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&users);
}

#define RECEIVERS (ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER)

gboolean
anju_user_receives_customers (const AnjuUser *user)
{
  return user != NULL && (user->role & RECEIVERS) != 0;
}

GPtrArray *
anju_users_list_receivers (AnjuStore  *store,
                           GError    **error)
{
  return anju_users_list (store, RECEIVERS, error);
}
