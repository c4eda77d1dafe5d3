/* anju-care.h — care before handover (维护, SPEC §9)
 *
 * Proactive care: each project keeps a calendar of care events — the
 * traditional holidays of a year, planned from data/care/holidays.json
 * (their Gregorian dates per year are data: the lunar festivals move), and
 * construction milestones a manager adds (封顶, 园林完工, 交付…). Every
 * event sends each owner of the project an SMS from its template and
 * gives the owner's consultant a call to make, at times from policy
 * (care.sms_days_before/sms_time, care.call_days_before/call_time) moved
 * into office hours. An owner is a customer with a live subscription
 * (active or signed) of the project, as buyer or co-owner. Planning again
 * makes what is missing (for owners who came since) and nothing twice;
 * an event whose day has passed makes nothing.
 *
 * Reactive care: an owner's visit or call is logged with what they asked
 * and the response; an owner who brings a friend is thanked by SMS and the
 * friend goes through reception as a referral (visit.register with
 * referred_by, in the same transaction).
 *
 * Commands (payload fields snake_case; days YYYY-MM-DD, local):
 *   care.plan_year {project_id, year}                 (manager, admin)
 *       An office decision. Puts the year's holidays on the calendar and
 *       makes their SMS and calls. → {event_ids, created, sms_ids, task_ids}
 *   care.add_milestone {event_id?, project_id, kind, title, date}  (manager, admin)
 *       An office decision. A construction milestone of @kind (topping_out,
 *       landscaping, progress, delivery) on @date, today or later; one of
 *       a kind a day. → {event_id, sms_ids, task_ids}
 *   care.log_contact {contact_id?, customer_id, kind: visit|call, at?,
 *       request, response, friend?: {visit.register's fields}}
 *                                                (consultant, manager, admin)
 *       → {contact_id, thanks_sms_id, task_ids, friend: {visit.register's
 *       result}}
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-store.h"

G_BEGIN_DECLS

/* ---- the data --------------------------------------------------------- */

typedef struct
{
  char *id;              /* "spring_festival" */
  char *name;            /* in the user's language */
  char *date;            /* "2026-02-17" */
  char *sms_template;
} AnjuCareHoliday;

void         anju_care_holiday_free        (AnjuCareHoliday *holiday);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuCareHoliday, anju_care_holiday_free)

/* The holidays of @year in date order. Refused naming "year" when the
 * data has no dates for it. Element type AnjuCareHoliday*. */
GPtrArray   *anju_care_holidays_for_year   (int          year,
                                            GError     **error);
/* The first and last year the data gives dates for; FALSE if it cannot
 * be read. */
gboolean     anju_care_get_years           (int         *first,
                                            int         *last);
/* The kinds of milestone, NULL-terminated, static after the first call. */
const char * const *anju_care_get_milestone_kinds (void);
/* A holiday's or milestone kind's name in the user's language; @topic
 * itself when unknown. */
const char  *anju_care_topic_get_label     (const char  *topic);

/* ---- the calendar ----------------------------------------------------- */

typedef struct
{
  char     *id;
  char     *project_id;
  char     *kind;          /* "holiday" or "milestone" */
  char     *topic;         /* the holiday's id or the milestone kind */
  char     *title;         /* the holiday's name (user's language) or the milestone's title */
  char     *date;          /* "YYYY-MM-DD", local */
  char     *sms_template;
  guint     sms_total;     /* SMS made (not cancelled) */
  guint     sms_sent;
  guint     calls_total;   /* call tasks made */
  guint     calls_done;
  gboolean  past;          /* its day has passed */
  gboolean  done;          /* it made something, and every SMS is sent and every call made */
} AnjuCareEvent;

void         anju_care_event_free          (AnjuCareEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuCareEvent, anju_care_event_free)

/* The events of @project_id (NULL: the first project) in @year, by date,
 * with what they made at the store's now. Element type AnjuCareEvent*. */
GPtrArray   *anju_care_list_events         (AnjuStore   *store,
                                            const char  *project_id,
                                            int          year,
                                            GError     **error);

typedef struct
{
  char *customer_id;
  char *name;            /* name and title */
  char *consultant_id;   /* who calls them */
} AnjuCareOwner;

void         anju_care_owner_free          (AnjuCareOwner *owner);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuCareOwner, anju_care_owner_free)

/* The owners of @project_id, oldest customer first. Element type
 * AnjuCareOwner*. */
GPtrArray   *anju_care_list_owners         (AnjuStore   *store,
                                            const char  *project_id,
                                            GError     **error);
/* Whether @customer_id owns a unit of any project (a live subscription). */
gboolean     anju_care_is_owner            (AnjuStore   *store,
                                            const char  *customer_id);

/* ---- reactive care ---------------------------------------------------- */

typedef struct
{
  char *id;
  char *customer_id;
  char *customer_name;
  char *kind;            /* "visit" or "call" */
  char *at;              /* ISO 8601 UTC */
  char *request;
  char *response;
  char *friend_customer_id;
  char *friend_name;     /* or NULL */
  char *logged_by_name;
} AnjuCareContact;

void         anju_care_contact_free        (AnjuCareContact *contact);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuCareContact, anju_care_contact_free)

/* Contacts of @project_id (NULL: all), or of one @customer_id (NULL:
 * all), newest first. Element type AnjuCareContact*. */
GPtrArray   *anju_care_list_contacts       (AnjuStore   *store,
                                            const char  *project_id,
                                            const char  *customer_id,
                                            GError     **error);

void         anju_care_register_commands   (void);

G_END_DECLS
