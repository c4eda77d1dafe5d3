/* anju-server.h — the office server: JSON over HTTP under /api/v1
 *
 * One AnjuServer serves one database from the thread that created it:
 * every request is answered from that thread's main loop, so writes are
 * serialized and each push runs in one BEGIN IMMEDIATE transaction.
 * Password checks (Argon2id, ~70 ms each) run on two worker threads so
 * that sign-ins do not hold up pushes and pulls. docs/api.md describes
 * the endpoints.
 */
#pragma once

#include <gio/gio.h>

#include "anju-server-sessions.h"
#include "anju-store.h"

G_BEGIN_DECLS

/* Seconds a connection may go without a byte read or written while the
 * server waits on it, and seconds within which a request's headers must
 * have arrived after its connection is accepted. */
#define ANJU_SERVER_READ_TIMEOUT    30
#define ANJU_SERVER_REQUEST_TIMEOUT 60

#define ANJU_TYPE_SERVER (anju_server_get_type ())
G_DECLARE_FINAL_TYPE (AnjuServer, anju_server, ANJU, SERVER, GObject)

/* Serves @store (which it keeps a reference to); @limits NULL for the
 * defaults. */
AnjuServer *anju_server_new            (AnjuStore               *store,
                                        const AnjuSessionLimits *limits);
/* Largest request body in bytes (default ANJU_API_MAX_BODY). */
void        anju_server_set_max_body   (AnjuServer              *self,
                                        gsize                    max_body);
/* Timeouts in seconds (0: none); defaults above. */
void        anju_server_set_timeouts   (AnjuServer              *self,
                                        guint                    read_timeout,
                                        guint                    request_timeout);
/* Listens on @address ("127.0.0.1:8470", "[::1]:0", "0.0.0.0:8470"),
 * with TLS when @certificate is given. */
gboolean    anju_server_listen         (AnjuServer              *self,
                                        const char              *address,
                                        GTlsCertificate         *certificate,
                                        GError                 **error);
/* The base URL it listens on ("http://127.0.0.1:41234"), after listen. */
char       *anju_server_dup_url        (AnjuServer              *self);
/* This database's office id (created on first start). */
const char *anju_server_get_id         (AnjuServer              *self);

/* Test hook: after @n more applied commands the process kills itself
 * with SIGKILL in the middle of the push, before it commits. */
void        anju_server_set_crash_after (AnjuServer             *self,
                                         guint                   n);

G_END_DECLS
