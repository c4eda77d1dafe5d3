/* anju-reception-private.h — helpers shared by the reception files
 *
 * Not installed, not for the UI: payload readers for the kinds of member
 * the reception commands take (booleans, times, days, arrays), the office's
 * local days, and the small lookups every handler repeats.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-command.h"
#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

/* Optional boolean: @fallback when absent or null. */
/* An ISO 8601 time with a zone ("2026-11-27T15:00:00+08:00" or "…Z"),
 * as UTC µs. Optional readers leave *out untouched. */
/* A local day "YYYY-MM-DD" that exists; *out is borrowed from @payload. */
gboolean    anju_recep_get_local_date    (JsonObject   *payload,
                                          const char   *field,
                                          gboolean      required,
                                          const char  **out,
                                          GError      **error);
/* Optional text, NULL when empty; checks its length in characters. */
/* An optional id a client chose for the row it creates: a UUID. */

/* TRUE if @text is "YYYY-MM-DD" and names a real day. */
gboolean    anju_recep_local_date_is_valid (const char *text);
/* [start, end) of local day @local_date in @zone, UTC µs. */
gboolean    anju_recep_local_day_range   (const char   *local_date,
                                          GTimeZone    *zone,
                                          gint64       *start,
                                          gint64       *end);
/* The local day of @utc in @zone: "YYYY-MM-DD". */
char       *anju_recep_local_date_of     (gint64        utc,
                                          GTimeZone    *zone);

/* A user who may receive customers (consultant or manager) and is not
 * disabled; NOT_FOUND / INVALID_FIELD naming @field otherwise. */
AnjuUser   *anju_recep_lookup_staff      (AnjuStore    *store,
                                          const char   *field,
                                          const char   *user_id,
                                          GError      **error);
char       *anju_recep_dup_user_name     (AnjuStore    *store,
                                          const char   *user_id);

typedef struct
{
  char *id;
  char *project_id;
  char *name;
  char *title;
  char *mobile;
  char *owner_id;
} AnjuRecepCustomer;

void        anju_recep_customer_clear    (AnjuRecepCustomer *c);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnjuRecepCustomer, anju_recep_customer_clear)

/* Loads the fields reception needs; NOT_FOUND naming @field if absent. */
gboolean    anju_recep_load_customer     (AnjuStore         *store,
                                          const char        *field,
                                          const char        *customer_id,
                                          AnjuRecepCustomer *out,
                                          GError           **error);

/* Runs another command's handler inside this command (same transaction,
 * same ids), renaming the field of a refusal to "@prefix.field". */
gboolean    anju_recep_run_nested        (AnjuCommandContext *ctx,
                                          const char   *type,
                                          JsonObject   *payload,
                                          const char   *prefix,
                                          GError      **error);

/* Records that @consultant_id received @customer_id at @at (a call, a
 * visit): the facts the sales-credit rule reads. */
gboolean    anju_recep_add_registration  (AnjuCommandContext *ctx,
                                          const char   *customer_id,
                                          const char   *consultant_id,
                                          gint64        at,
                                          const char   *source_type,
                                          const char   *source_id,
                                          GError      **error);

/* UPDATE … SET owner_id: a customer created by reception belongs to the
 * consultant who received them, whoever typed the record. @owner_id NULL
 * leaves the customer without a consultant. */
gboolean    anju_recep_set_owner         (AnjuCommandContext *ctx,
                                          const char   *customer_id,
                                          const char   *owner_id,
                                          GError      **error);

/* The project named in @payload's "project_id", or @fallback_id's, or the
 * first one; NOT_FOUND if "project_id" names none. *out owned. */
gboolean    anju_recep_resolve_project   (AnjuStore    *store,
                                          JsonObject   *payload,
                                          const char   *fallback_id,
                                          char        **out,
                                          GError      **error);

/* Whether names from data files (name_en / name_zh) are shown in Chinese:
 * the first of the user's languages that is zh_* or en_* / C decides. */
gboolean    anju_recep_prefers_chinese   (void);
/* @zh or @en by the user's languages, falling back to the other. */
const char *anju_recep_pick_name         (const char   *en,
                                          const char   *zh);

void        anju_tasks_register_commands     (void);
void        anju_sms_register_commands       (void);
void        anju_rotation_register_commands  (void);
void        anju_visits_register_commands    (void);

/* The UTC bounds of @local_date (NULL: today in the office's zone) as
 * stored strings; a malformed day is refused naming "local_date". */
gboolean    anju_recep_get_day_bounds    (AnjuStore    *store,
                                          const char   *local_date,
                                          char        **start_text,
                                          char        **end_text,
                                          GError      **error);

/* Shared by call.log and visit.register (defined in anju-reception.c). */
/* "car_plate" (up to 20 characters) and "party_size" (0 to 99 people). */
gboolean    anju_recep_read_party    (JsonObject         *payload,
                                      const char        **car_plate,
                                      gint64             *party_size,
                                      GError            **error);
/* @text as a mobile number, refused naming "mobile"; *out NULL when
 * @text is NULL or empty. */
gboolean    anju_recep_normalize_mobile (const char      *text,
                                         char           **out,
                                         GError         **error);
/* The customer @customer_id names (field "customer_id"), else the one on
 * file with @mobile (field "mobile"); @out stays empty when neither
 * names one. *@known is TRUE when one was loaded. */
gboolean    anju_recep_find_customer (AnjuStore          *store,
                                      const char         *customer_id,
                                      const char         *mobile,
                                      AnjuRecepCustomer  *out,
                                      gboolean           *known,
                                      GError            **error);

/* Where planned follow-ups go: the tasks (and thank-you SMS) of a call,
 * a visit or an appointment, for @customer, done by @assignee_id. */
typedef struct
{
  const char              *project_id;
  const AnjuRecepCustomer *customer;
  const char              *assignee_id;    /* does the tasks, signs the SMS */
  const char              *source_type;    /* "call", "visit", "appointment" */
  const char              *source_id;
  const char              *appointment_id;
  gint64                   appointment_at;
  JsonArray               *task_ids;
  JsonArray               *sms_ids;
} AnjuRecepFollowUpTarget;

/* Writes @plan (AnjuPlannedFollowUp) as tasks and queued SMS, their ids
 * added to @target's arrays. */
gboolean    anju_recep_write_follow_ups (AnjuCommandContext       *ctx,
                                         GPtrArray                *plan,
                                         AnjuRecepFollowUpTarget  *target,
                                         GError                  **error);

G_END_DECLS
