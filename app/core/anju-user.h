/* anju-user.h — people, roles and sign-in
 *
 * Passwords are hashed with Argon2id (libsodium crypto_pwhash_str, the
 * interactive limits); a hash that falls behind the current limits is
 * rehashed at the next successful sign-in.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "anju-store.h"

G_BEGIN_DECLS

typedef enum
{
  ANJU_ROLE_NONE       = 0,
  ANJU_ROLE_CONSULTANT = 1 << 0,
  ANJU_ROLE_FINANCE    = 1 << 1,
  ANJU_ROLE_MANAGER    = 1 << 2,
  ANJU_ROLE_ADMIN      = 1 << 3,
} AnjuRole;

#define ANJU_ROLES_ALL (ANJU_ROLE_CONSULTANT | ANJU_ROLE_FINANCE | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)

/* "consultant" → ANJU_ROLE_CONSULTANT; ANJU_ROLE_NONE if unknown. */
AnjuRole     anju_role_from_string  (const char *name);
const char  *anju_role_to_string    (AnjuRole    role);
/* The role's name for people, translated ("Consultant" / "置业顾问"). */
const char  *anju_role_get_label    (AnjuRole    role);

#define ANJU_TYPE_USER (anju_user_get_type ())

typedef struct
{
  char     *id;
  char     *username;
  char     *display_name;
  AnjuRole  role;
} AnjuUser;

GType       anju_user_get_type   (void) G_GNUC_CONST;
AnjuUser   *anju_user_new        (const char *id,
                                  const char *username,
                                  const char *display_name,
                                  AnjuRole    role);
AnjuUser   *anju_user_copy       (const AnjuUser *user);
void        anju_user_free       (AnjuUser       *user);
/* The actor of commands that the system itself runs (init, demo, import
 * by IT): it has every role and no row in the users table. */
const AnjuUser *anju_user_get_system (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuUser, anju_user_free)

/* Hashes @password with Argon2id. Returns NULL only if out of memory. */
char       *anju_password_hash   (const char *password);
/* The user.create payload for a new person, the password hashed here
 * (never sent in clear); NULL with @error naming the field when the
 * password is too short. */
JsonObject *anju_user_dup_create_payload (const char  *username,
                                          const char  *display_name,
                                          AnjuRole     role,
                                          const char  *password,
                                          GError     **error);
gboolean    anju_password_verify (const char *hash,
                                  const char *password);

/* Looks up a user by id or by username; NULL if absent. */
AnjuUser   *anju_user_lookup          (AnjuStore   *store,
                                       const char  *id);
AnjuUser   *anju_user_lookup_by_name  (AnjuStore   *store,
                                       const char  *username);

/* The user called @username with its password hash and whether the
 * account is disabled (for checking a password elsewhere, as the server
 * does off its main thread); NULL if there is none. */
AnjuUser   *anju_user_lookup_credentials (AnjuStore  *store,
                                          const char *username,
                                          char      **hash,
                                          gboolean   *disabled);
/* Replaces the password hash of user @user_id (a rehash at sign-in). */
gboolean    anju_user_set_password_hash  (AnjuStore   *store,
                                          const char  *user_id,
                                          const char  *hash,
                                          GError     **error);

/* Enabled users whose role is in @roles (an AnjuRole mask), by name;
 * element type AnjuUser*. */
GPtrArray  *anju_users_list           (AnjuStore   *store,
                                       guint        roles,
                                       GError     **error);

/* Whether @user receives customers: owns them, is handed walk-ins and
 * calls, stands in the rotation and takes reassigned tasks (consultants
 * and managers). */
gboolean    anju_user_receives_customers (const AnjuUser *user);
/* The enabled users who receive customers, by name: whom a customer, a
 * visitor or a task can be given to. Element type AnjuUser*. */
GPtrArray  *anju_users_list_receivers    (AnjuStore      *store,
                                          GError        **error);

/* Checks @password for @username. On success returns the user (and
 * rehashes an outdated hash); on failure ANJU_COMMAND_ERROR_AUTH with the
 * same sentence whether the name or the password was wrong. */
AnjuUser   *anju_user_authenticate    (AnjuStore   *store,
                                       const char  *username,
                                       const char  *password,
                                       GError     **error);

/* Adds a user through the user.create command as @actor (admin). */
AnjuUser   *anju_user_add             (AnjuStore      *store,
                                       const AnjuUser *actor,
                                       const char     *username,
                                       const char     *display_name,
                                       AnjuRole        role,
                                       const char     *password,
                                       GError        **error);

void        anju_users_register_commands (void);

G_END_DECLS
