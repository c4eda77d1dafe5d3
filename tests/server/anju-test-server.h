/* anju-test-server.h — a real anju-server for tests, and HTTP helpers
 *
 * The server is the built executable (ANJU_SERVER_BIN), started on
 * 127.0.0.1 port 0 with a database in a temporary folder; its clock is
 * moved through a file (ANJU_TEST_CLOCK_FILE). Every test user has the
 * password ANJU_TEST_PASSWORD, hashed once per test program.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "anju-command.h"
#include "anju-store.h"
#include "anju-sync-engine.h"
#include "anju-user.h"

G_BEGIN_DECLS

#define ANJU_TEST_PASSWORD "anju-test-password"

typedef struct
{
  char        *dir;
  char        *db_path;
  char        *clock_file;
  char        *url;
  GSubprocess *process;
  GStrv        env;          /* extra KEY=VALUE for the next start */
  GStrv        args;         /* extra arguments for every start */
} AnjuTestServer;

/* A migrated, empty office database in a new temporary folder. */
AnjuTestServer *anju_test_server_new            (void);
/* Starts (or restarts) the server on a free port and waits for its line. */
void            anju_test_server_start          (AnjuTestServer *server);
void            anju_test_server_start_with_env (AnjuTestServer *server,
                                                 const char     *key,
                                                 const char     *value);
/* Starts again on the port it had (so desks find it where they left it). */
void            anju_test_server_restart        (AnjuTestServer *server);
/* SIGKILL, or SIGTERM and a clean exit. */
void            anju_test_server_kill           (AnjuTestServer *server);
void            anju_test_server_stop           (AnjuTestServer *server);
/* Waits for the server process to end by itself; returns its wait status. */
int             anju_test_server_wait           (AnjuTestServer *server);
void            anju_test_server_set_clock_offset (AnjuTestServer *server,
                                                   gint64          seconds);
void            anju_test_server_free           (AnjuTestServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuTestServer, anju_test_server_free)

/* Opens the server's database directly (for setting up and checking). */
AnjuStore      *anju_test_server_open_store     (AnjuTestServer *server);
/* Adds a user (password ANJU_TEST_PASSWORD) to @store; returns it. */
AnjuUser       *anju_test_add_user_fast         (AnjuStore      *store,
                                                 const char     *username,
                                                 const char     *display_name,
                                                 AnjuRole        role);

/* One request; returns the HTTP status and the JSON body (or NULL). */
guint           anju_test_http                  (const char     *url,
                                                 const char     *method,
                                                 const char     *path,
                                                 const char     *token,
                                                 const char     *body,
                                                 JsonObject    **reply);
/* Same with a fresh connection each time (for other threads). */
guint           anju_test_http_full             (SoupSession    *session,
                                                 const char     *url,
                                                 const char     *method,
                                                 const char     *path,
                                                 const char     *token,
                                                 GBytes         *body,
                                                 JsonObject    **reply);
/* The "code" and the "field" (or NULL) of a refusal's "error"; the code
 * asserts there is a reply with an error. */
const char     *anju_test_error_code            (JsonObject     *reply);
const char     *anju_test_error_field           (JsonObject     *reply);
/* Signs in and returns the token; asserts success. */
char           *anju_test_login                 (const char     *url,
                                                 const char     *username);

/* {"commands": [...]} with one command. */
char           *anju_test_batch1                (const char     *id,
                                                 const char     *type,
                                                 const char     *payload_json);

/* A fingerprint of the shared tables and the command records, to assert
 * that a refused request changed nothing. */
char           *anju_test_fingerprint           (AnjuStore      *store);
/* The business rows only (what two converged databases share). */
char           *anju_test_business_rows         (AnjuStore      *store);

/* The same, with customers and units as the office server sends them to
 * @reader (what a desk signed in as @reader converges to). */
char           *anju_test_business_rows_for     (AnjuStore      *store,
                                                 const AnjuUser *reader);

/* A desk database in @dir named @name, migrated. */
AnjuStore      *anju_test_desk_new              (const char     *dir,
                                                 const char     *name);
/* A desk database @name in @server's folder, signed in to @server as
 * @username (password ANJU_TEST_PASSWORD) and synced once, as the window
 * does; asserts each step. Its engine goes to @out_engine, or is freed
 * when that is NULL (the desk stays signed in). */
AnjuStore      *anju_test_desk_sign_in          (AnjuTestServer  *server,
                                                 const char      *name,
                                                 const char      *username,
                                                 AnjuSyncEngine **out_engine);

/* A desk signed in to a server, with the person it signed in as. */
typedef struct
{
  AnjuStore      *store;
  AnjuSyncEngine *engine;
  AnjuUser       *user;     /* as the desk knows them */
} AnjuTestDesk;

/* anju_test_desk_sign_in() with the engine kept, and the desk's person
 * (asserts it knows them). */
AnjuTestDesk   *anju_test_desk_open             (AnjuTestServer *server,
                                                 const char     *name,
                                                 const char     *username);
/* Syncs the desk once; asserts it did. */
void            anju_test_desk_sync             (AnjuTestDesk   *desk);
void            anju_test_desk_free             (AnjuTestDesk   *desk);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuTestDesk, anju_test_desk_free)

/* Runs @type as @actor on @store with the JSON payload @json and asserts
 * it is not refused; returns the answer. */
JsonObject     *anju_test_run_json              (AnjuStore      *store,
                                                 const AnjuUser *actor,
                                                 const char     *type,
                                                 const char     *json);

/* For racing threads: counts the calling thread as ready (under @lock)
 * and blocks until @n are, so that they all go at once. */
void            anju_test_start_line            (GMutex         *lock,
                                                 GCond          *cond,
                                                 guint          *ready,
                                                 guint           n);

gint64          anju_test_count                 (AnjuStore      *store,
                                                 const char     *sql);

/* Folders are removed with anju_test_remove_dir() (anju-test-util.h). */

G_END_DECLS
