/* anju-test-util.h — shared fixtures for the core tests */
#pragma once

#include "anju-command.h"
#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

/* A clock tests move by hand: µs since the epoch, UTC. */
typedef struct
{
  gint64 now;
} AnjuTestClock;

gint64      anju_test_clock_func        (gpointer user_data);
/* "2026-11-26T02:00:00Z" → µs. Aborts on a bad literal. */
gint64      anju_test_time              (const char *iso_utc);

/* A fresh database file in a temporary folder, migrated, with the clock
 * installed. The folder is removed by anju_test_store_free_dir(). */
AnjuStore  *anju_test_store_new         (AnjuTestClock *clock,
                                         char         **out_dir);
void        anju_test_remove_dir        (const char    *dir);

/* Adds a user with password "secret-<username>" and returns it. */
AnjuUser   *anju_test_add_user          (AnjuStore     *store,
                                         const char    *username,
                                         const char    *display_name,
                                         AnjuRole       role);

/* A fingerprint of every business table's contents, to assert that a
 * refused command changed nothing. */
char       *anju_test_dump_database     (AnjuStore     *store);

/* Parses a JSON object literal; aborts on error. */
JsonObject *anju_test_json_object       (const char    *json);

/* A mark like "$P" in a JSON template and the id it stands for; a NULL
 * value leaves the mark alone. */
typedef struct
{
  const char *mark;
  const char *value;
} AnjuTestMark;

/* @json with every mark replaced by its value. */
char       *anju_test_expand            (const char         *json,
                                         const AnjuTestMark *marks,
                                         guint               n_marks);

/* Runs @type with the payload @json, asserts it succeeded and returns its
 * "result" object. */
JsonObject *anju_test_run_ok            (AnjuStore            *store,
                                         const AnjuUser       *actor,
                                         const char           *type,
                                         const char           *json);

/* Asserts @type with the payload @json is refused with @code and @field
 * and changes nothing; returns the message. */
char       *anju_test_assert_refused    (AnjuStore            *store,
                                         const AnjuUser       *actor,
                                         const char           *type,
                                         const char           *json,
                                         AnjuCommandErrorCode  code,
                                         const char           *field);

G_END_DECLS
