/* anju-follow-up.h — the follow-up rules of the standard (SPEC §2, §3)
 *
 * Pure functions: given the rules (policy section "follow_up"), what
 * happened (a call, an appointment, a visit) and the office's time zone,
 * they return the follow-ups to create, each with its due time. They read
 * no database and no clock of their own, so a test can ask "a call that
 * ended at 10:00 on a Thursday" directly. The reception commands call
 * them inside their transactions and write the tasks and SMS.
 *
 * The rules, in local time of the office:
 *   after a call (the caller gave a number):
 *     "call.thank_you_sms"   — a thank-you SMS (template call_thanks) the same
 *                              day, due at follow_up.sms_by (or at once when
 *                              the call ended later than that); one a day
 *                              for a caller, however often they call;
 *     "call.invite_next_day" — intent but no appointment: a call the next
 *                              day at follow_up.call_next_day_at;
 *     "call.call_again"      — when a time to call again was agreed: a call
 *                              then (instead of the next-day call);
 *     "call.answer"          — each question left unanswered: a call back
 *                              with the answer within
 *                              follow_up.call_back_answer_within_hours;
 *   an appointment (from a call or made later):
 *     "appointment.confirm"  — a confirmation call the day before at
 *                              follow_up.confirm_day_before_at (at once if
 *                              that time has passed; none for an appointment
 *                              on the day it was made);
 *     "appointment.visit"    — the visit itself, due at the appointment,
 *                              for the consultant who meets the customer;
 *   a visit that ended:
 *     "visit.call_back"      — a call-back the same day when the visitor
 *                              ARRIVED (来访, seed p.48) before
 *                              follow_up.visit_cutoff (exclusive: arriving
 *                              at 17:00:00 sharp is "later"),
 *                              due follow_up.same_day_call_within_hours
 *                              after the end but not past midnight; later
 *                              visits the next day at call_next_day_at;
 *     "visit.thank_you_sms"  — when follow_up.visit_sms: a thank-you SMS
 *                              (template visit_thanks), timed like the call's.
 * Nothing is planned for a caller without a number to call. A due time
 * outside the office hours moves to the next opening when the task is
 * written (anju_task_insert()), except the appointment and the agreed
 * time to call again.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-store.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean sms_same_day;
  int      sms_by;                       /* minutes after local midnight */
  int      call_next_day_at;
  int      confirm_day_before_at;
  int      visit_cutoff;
  int      same_day_call_within_hours;
  gboolean visit_sms;
  int      call_back_answer_within_hours;
} AnjuFollowUpRules;

/* Reads the "follow_up" policy section; a bad time of day or a missing
 * key fails naming it ("follow_up.visit_cutoff"). */
gboolean    anju_follow_up_rules_from_json (JsonObject         *section,
                                            AnjuFollowUpRules  *rules,
                                            GError            **error);
/* The effective rules of @project_id (NULL: the first project). */
gboolean    anju_follow_up_rules_load      (AnjuStore          *store,
                                            const char         *project_id,
                                            AnjuFollowUpRules  *rules,
                                            GError            **error);

/* "17:00" → 1020. FALSE unless HH:MM with 00 ≤ HH ≤ 23, 00 ≤ MM ≤ 59. */
gboolean    anju_follow_up_parse_time_of_day (const char *text,
                                              int        *minutes);
/* The UTC time of @minutes after midnight, @day_offset days after the
 * local day of @utc in @zone. */
gint64      anju_follow_up_local_time      (GTimeZone  *zone,
                                            gint64      utc,
                                            int         day_offset,
                                            int         minutes);
/* Minutes after local midnight of @utc. */
int         anju_follow_up_minute_of_day   (GTimeZone  *zone,
                                            gint64      utc);

typedef struct
{
  const char *rule;           /* "call.thank_you_sms", … (static) */
  const char *task_kind;      /* task kind: "sms", "call", "call_back_answer", … */
  const char *sms_template;   /* the SMS to queue with the task, or NULL */
  gint64      due_at;         /* UTC µs, before office hours move it */
  gboolean    agreed_time;    /* agreed with the customer: office hours keep it */
  char       *detail;         /* the question for "call.answer", else NULL */
} AnjuPlannedFollowUp;

void        anju_planned_follow_up_free    (AnjuPlannedFollowUp *planned);

typedef struct
{
  gint64              ended_at;
  gboolean            has_contact;     /* a customer with a number to call */
  gboolean            intent;          /* wants to visit */
  gint64              appointment_at;  /* 0: none agreed */
  gint64              call_again_at;   /* 0: none agreed */
  gboolean            thanked_today;   /* a call's thank-you SMS already went to
                                        * this caller on the local day: one a day */
  const char * const *unanswered;      /* NULL-terminated, or NULL */
} AnjuCallFacts;

/* Element type AnjuPlannedFollowUp*, in due order. Includes the
 * appointment's follow-ups when the call made one. */
GPtrArray  *anju_follow_up_plan_call        (const AnjuFollowUpRules *rules,
                                             const AnjuCallFacts     *call,
                                             GTimeZone               *zone);
GPtrArray  *anju_follow_up_plan_appointment (const AnjuFollowUpRules *rules,
                                             gint64                   made_at,
                                             gint64                   appointment_at,
                                             GTimeZone               *zone);
GPtrArray  *anju_follow_up_plan_visit       (const AnjuFollowUpRules *rules,
                                             gint64                   arrived_at,
                                             gint64                   ended_at,
                                             gboolean                 has_contact,
                                             GTimeZone               *zone);

G_END_DECLS
