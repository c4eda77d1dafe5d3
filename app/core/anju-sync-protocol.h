/* anju-sync-protocol.h — what the office server and a desk agree on
 *
 * The wire format of /api/v1 (docs/api.md describes it for people): the
 * limits both sides respect, which tables the change feed may carry, and
 * which columns never leave the server. Used by anju-server and by the
 * sync engine, so the two cannot disagree.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

#define ANJU_API_PREFIX          "/api/v1"
/* Largest request body the server reads, in bytes. */
#define ANJU_API_MAX_BODY        (8 * 1024 * 1024)
/* Largest body of every other request (sign-in, sign-out, …): read only
 * up to here, so that nobody without a token can make the server hold
 * more than this per connection. */
#define ANJU_API_MAX_SMALL_BODY  (16 * 1024)
/* Most commands in one push. */
#define ANJU_API_MAX_BATCH       1000
/* Most changes in one page of the feed, and the default page. */
#define ANJU_API_MAX_PAGE        5000
#define ANJU_API_DEFAULT_PAGE    1000
/* Longest long-poll the server holds, in seconds. */
#define ANJU_API_MAX_WAIT        30

/* Tables that are each database's own and never travel in the change
 * feed (sessions, outbox, meta, …). */
gboolean    anju_sync_table_is_private     (const char  *table);

/* Columns that stay on the server: a row image leaving it carries ""
 * instead (users.password_hash), and a desk keeps its own value. */
gboolean    anju_sync_column_is_secret     (const char  *table,
                                            const char  *column);
/* @row with its secret columns blanked; a new reference, a copy when
 * something had to be blanked. */
JsonObject *anju_sync_row_strip_secrets    (const char  *table,
                                            JsonObject  *row);

/* Least privilege in the feed: who may see what of a row image.
 * Floor prices (units, unit_prices) go to managers and admins only. The
 * whole mobile and ID number of a customer go to the customer's own
 * consultant, managers and admins (anju_customer_may_see_personal());
 * anyone else's desk receives the customer with both NULL, and calls and
 * SMS of that customer with the number masked ("139****5678"). */
#define ANJU_ROLES_SEE_FLOOR_PRICE (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)

/* Whether a row of @table may need withholding from @reader (so the
 * server parses only those). */
gboolean    anju_sync_table_is_filtered    (const char      *table,
                                            const AnjuUser  *reader);
/* @row as @reader may receive it: secrets stripped, and what the role
 * may not see withheld as above. A new reference; a copy when something
 * was withheld. @store is the server's, to find a customer's owner. */
JsonObject *anju_sync_row_for_reader       (AnjuStore       *store,
                                            const char      *table,
                                            JsonObject      *row,
                                            const AnjuUser  *reader);

/* {"error": {"code": @code, "message": @message, "field": @field}} */
JsonNode   *anju_sync_error_body_new       (const char  *code,
                                            const char  *message,
                                            const char  *field);

/* Parses @data as JSON and returns its root if it is an object. */
JsonObject *anju_sync_parse_object         (const char  *data,
                                            gsize        length,
                                            GError     **error);

G_END_DECLS
