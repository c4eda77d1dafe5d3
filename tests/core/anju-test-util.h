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
 * installed. The folder is removed by anju_test_remove_dir(). */
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

/* Registers marks on @store: pairs of a mark like "$P" and the place that
 * holds its id (a fixture's field), ending with NULL. The place is read at
 * each expansion, so a mark may be registered before its id is set; while
 * the id is NULL the mark is left alone. Marks are replaced in the order
 * given: name "$U2" before "$U". The JSON payloads of the run and refused
 * helpers below are expanded with them. */
void        anju_test_set_marks         (AnjuStore          *store,
                                         const char         *mark,
                                         char              **value,
                                         ...) G_GNUC_NULL_TERMINATED;

/* @json with the marks registered on @store replaced. */
char       *anju_test_expand_marks      (AnjuStore          *store,
                                         const char         *json);

/* Moves the store's test clock on by @step µs after each command the run
 * helpers below run (applied or not), for distinct, ordered timestamps. */
void        anju_test_set_step          (AnjuStore          *store,
                                         gint64              step);

/* Runs @type with the payload @json; its "result" object, or NULL with
 * @error set when the command is refused. */
JsonObject *anju_test_run               (AnjuStore            *store,
                                         const AnjuUser       *actor,
                                         const char           *type,
                                         const char           *json,
                                         GError              **error);

/* The same, only whether the command was applied. */
gboolean    anju_test_run_applied       (AnjuStore            *store,
                                         const AnjuUser       *actor,
                                         const char           *type,
                                         const char           *json,
                                         GError              **error);

/* Runs @type with the payload @json, asserts it succeeded and returns its
 * "result" object. */
JsonObject *anju_test_run_ok            (AnjuStore            *store,
                                         const AnjuUser       *actor,
                                         const char           *type,
                                         const char           *json);

/* The same with the payload printf-formatted. */
JsonObject *anju_test_run_okf           (AnjuStore            *store,
                                         const AnjuUser       *actor,
                                         const char           *type,
                                         const char           *format,
                                         ...) G_GNUC_PRINTF (4, 5);

/* Runs @type like anju_test_run_ok() and returns a copy of the result's
 * string @member (an id, mostly). */
char       *anju_test_run_id            (AnjuStore            *store,
                                         const AnjuUser       *actor,
                                         const char           *type,
                                         const char           *json,
                                         const char           *member);

/* Asserts @type with the payload @json is refused with @code and @field,
 * with a sentence for a message, and changes nothing; returns the
 * message. */
char       *anju_test_assert_refused    (AnjuStore            *store,
                                         const AnjuUser       *actor,
                                         const char           *type,
                                         const char           *json,
                                         AnjuCommandErrorCode  code,
                                         const char           *field);

/* The same, and the message contains @in_message unless it is NULL. */
void        anju_test_assert_refused_saying (AnjuStore            *store,
                                             const AnjuUser       *actor,
                                             const char           *type,
                                             const char           *json,
                                             AnjuCommandErrorCode  code,
                                             const char           *field,
                                             const char           *in_message);

/* anju_test_assert_refused() with the payload printf-formatted. */
char       *anju_test_assert_refusedf   (AnjuStore            *store,
                                         const AnjuUser       *actor,
                                         const char           *type,
                                         AnjuCommandErrorCode  code,
                                         const char           *field,
                                         const char           *format,
                                         ...) G_GNUC_PRINTF (6, 7);
char       *anju_test_assert_refusedv   (AnjuStore            *store,
                                         const AnjuUser       *actor,
                                         const char           *type,
                                         AnjuCommandErrorCode  code,
                                         const char           *field,
                                         const char           *format,
                                         va_list               args) G_GNUC_PRINTF (6, 0);

/* The due time (ISO UTC) of the one SMS of @template_id to @customer_id
 * in @state (NULL: any state), or NULL; its text in @text unless that is
 * NULL. Asserts there is at most one. */
char       *anju_test_sms_due           (AnjuStore            *store,
                                         const char           *state,
                                         const char           *customer_id,
                                         const char           *template_id,
                                         char                **text);

/* Asserts the string @due, which it frees, is @expected. */
#define anju_test_assert_due(due, expected) \
  G_STMT_START { \
    g_autofree char *anju_test_due_ = (due); \
    g_assert_cmpstr (anju_test_due_, ==, (expected)); \
  } G_STMT_END

/* anju_test_assert_refused() without the message. */
#define ANJU_TEST_REFUSED(store, actor, type, json, code, field) \
  g_free (anju_test_assert_refused ((store), (actor), (type), (json), (code), (field)))

G_END_DECLS
