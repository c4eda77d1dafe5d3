/* test-follow-up.c — the follow-up rules as pure functions, in office time */
#include "anju-follow-up.h"
#include "anju-format.h"
#include "anju-test-util.h"

/* 2026-11-25 is a Wednesday; Asia/Shanghai is UTC+8. */

static AnjuFollowUpRules
default_rules (void)
{
  g_autoptr(JsonObject) section = anju_test_json_object (
      "{\"sms_same_day\": true, \"sms_by\": \"21:00\", \"call_next_day_at\": \"10:00\", "
      "\"confirm_day_before_at\": \"10:00\", \"visit_cutoff\": \"17:00\", "
      "\"same_day_call_within_hours\": 2, \"visit_sms\": true, \"call_back_answer_within_hours\": 4}");
  g_autoptr(GError) error = NULL;
  AnjuFollowUpRules rules;

  g_assert_true (anju_follow_up_rules_from_json (section, &rules, &error));
  g_assert_no_error (error);
  return rules;
}

static AnjuPlannedFollowUp *
find_rule (GPtrArray  *plan,
           const char *rule)
{
  for (guint i = 0; i < plan->len; i++)
    if (g_str_equal (((AnjuPlannedFollowUp *)plan->pdata[i])->rule, rule))
      return plan->pdata[i];
  return NULL;
}

static void
assert_due (GPtrArray  *plan,
            const char *rule,
            const char *kind,
            const char *iso_utc)
{
  AnjuPlannedFollowUp *p = find_rule (plan, rule);
  g_autofree char *due = NULL;

  g_assert_nonnull (p);
  g_assert_cmpstr (p->task_kind, ==, kind);
  due = anju_clock_format_utc (p->due_at);
  g_assert_cmpstr (due, ==, iso_utc);
}

static void
test_rules_from_policy (void)
{
  g_autoptr(JsonObject) bad = anju_test_json_object (
      "{\"sms_same_day\": true, \"sms_by\": \"21:00\", \"call_next_day_at\": \"10:00\", "
      "\"confirm_day_before_at\": \"10:00\", \"visit_cutoff\": \"5 pm\", "
      "\"same_day_call_within_hours\": 2, \"visit_sms\": true, \"call_back_answer_within_hours\": 4}");
  g_autoptr(GError) error = NULL;
  AnjuFollowUpRules rules = default_rules ();
  int minutes = -1;

  g_assert_cmpint (rules.visit_cutoff, ==, 17 * 60);
  g_assert_cmpint (rules.call_next_day_at, ==, 10 * 60);
  g_assert_false (anju_follow_up_rules_from_json (bad, &rules, &error));
  g_assert_nonnull (strstr (error->message, "follow_up.visit_cutoff"));
  g_assert_true (anju_follow_up_parse_time_of_day ("00:00", &minutes));
  g_assert_cmpint (minutes, ==, 0);
  g_assert_true (anju_follow_up_parse_time_of_day ("23:59", &minutes));
  g_assert_cmpint (minutes, ==, 23 * 60 + 59);
  g_assert_false (anju_follow_up_parse_time_of_day ("24:00", &minutes));
  g_assert_false (anju_follow_up_parse_time_of_day ("9:00", &minutes));
  g_assert_false (anju_follow_up_parse_time_of_day (NULL, &minutes));
}

static void
test_call_without_appointment (void)
{
  AnjuFollowUpRules rules = default_rules ();
  AnjuCallFacts call = { 0 };
  g_autoptr(GPtrArray) plan = NULL;

  /* Thursday 10:00 local, the caller wants to come but named no time */
  call.ended_at = anju_test_time ("2026-11-26T02:05:00Z");
  call.has_contact = TRUE;
  call.intent = TRUE;
  plan = anju_follow_up_plan_call (&rules, &call, anju_format_get_time_zone ());
  g_assert_cmpuint (plan->len, ==, 2);
  /* the thank-you SMS the same day, by 21:00 local */
  assert_due (plan, "call.thank_you_sms", "sms", "2026-11-26T13:00:00Z");
  g_assert_cmpstr (find_rule (plan, "call.thank_you_sms")->sms_template, ==, "call_thanks");
  /* the call the next day at 10:00 local (Friday) */
  assert_due (plan, "call.invite_next_day", "call", "2026-11-27T02:00:00Z");
  /* in due order */
  g_assert_cmpstr (((AnjuPlannedFollowUp *)plan->pdata[0])->rule, ==, "call.thank_you_sms");
}

static void
test_call_late_and_without_intent (void)
{
  AnjuFollowUpRules rules = default_rules ();
  AnjuCallFacts call = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) none = NULL;

  /* 21:30 local: past sms_by, the SMS is due at once; no intent: no call */
  call.ended_at = anju_test_time ("2026-11-26T13:30:00Z");
  call.has_contact = TRUE;
  plan = anju_follow_up_plan_call (&rules, &call, anju_format_get_time_zone ());
  g_assert_cmpuint (plan->len, ==, 1);
  assert_due (plan, "call.thank_you_sms", "sms", "2026-11-26T13:30:00Z");

  /* a caller who gave no number: nothing can be followed up */
  call.has_contact = FALSE;
  call.intent = TRUE;
  none = anju_follow_up_plan_call (&rules, &call, anju_format_get_time_zone ());
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_call_again_and_questions (void)
{
  AnjuFollowUpRules rules = default_rules ();
  const char * const questions[] = { "车位价格？", "学区划分？", NULL };
  AnjuCallFacts call = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  guint answers = 0;

  call.ended_at = anju_test_time ("2026-11-26T02:05:00Z");
  call.has_contact = TRUE;
  call.intent = TRUE;
  call.call_again_at = anju_test_time ("2026-11-30T06:00:00Z");
  call.unanswered = questions;
  plan = anju_follow_up_plan_call (&rules, &call, anju_format_get_time_zone ());
  /* the agreed time replaces the next-day call */
  g_assert_null (find_rule (plan, "call.invite_next_day"));
  assert_due (plan, "call.call_again", "call", "2026-11-30T06:00:00Z");
  for (guint i = 0; i < plan->len; i++)
    {
      AnjuPlannedFollowUp *p = plan->pdata[i];
      if (g_str_equal (p->rule, "call.answer"))
        {
          g_autofree char *due = anju_clock_format_utc (p->due_at);
          g_assert_cmpstr (p->task_kind, ==, "call_back_answer");
          g_assert_cmpstr (due, ==, "2026-11-26T06:05:00Z");
          g_assert_true (g_strv_contains (questions, p->detail));
          answers++;
        }
    }
  g_assert_cmpuint (answers, ==, 2);
}

static void
test_appointment_friday (void)
{
  AnjuFollowUpRules rules = default_rules ();
  AnjuCallFacts call = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) late = NULL;
  g_autoptr(GPtrArray) same_day = NULL;

  /* Wednesday 10:05 a caller books Friday 15:00 */
  call.ended_at = anju_test_time ("2026-11-25T02:05:00Z");
  call.has_contact = TRUE;
  call.intent = TRUE;
  call.appointment_at = anju_test_time ("2026-11-27T07:00:00Z");
  plan = anju_follow_up_plan_call (&rules, &call, anju_format_get_time_zone ());
  g_assert_cmpuint (plan->len, ==, 3);
  assert_due (plan, "call.thank_you_sms", "sms", "2026-11-25T13:00:00Z");
  /* Thursday 10:00 local: the confirmation call */
  assert_due (plan, "appointment.confirm", "confirm_visit", "2026-11-26T02:00:00Z");
  assert_due (plan, "appointment.visit", "visit", "2026-11-27T07:00:00Z");
  /* an appointment is not also a next-day invitation */
  g_assert_null (find_rule (plan, "call.invite_next_day"));

  /* made Thursday 15:00 for Friday: the confirmation is due at once */
  late = anju_follow_up_plan_appointment (&rules, anju_test_time ("2026-11-26T07:00:00Z"),
                                          anju_test_time ("2026-11-27T07:00:00Z"),
                                          anju_format_get_time_zone ());
  assert_due (late, "appointment.confirm", "confirm_visit", "2026-11-26T07:00:00Z");

  /* made for later the same day: no confirmation call */
  same_day = anju_follow_up_plan_appointment (&rules, anju_test_time ("2026-11-26T01:00:00Z"),
                                              anju_test_time ("2026-11-26T07:00:00Z"),
                                              anju_format_get_time_zone ());
  g_assert_cmpuint (same_day->len, ==, 1);
  g_assert_null (find_rule (same_day, "appointment.confirm"));
}

static void
test_visit_cutoff (void)
{
  AnjuFollowUpRules rules = default_rules ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) sharp = NULL;
  g_autoptr(GPtrArray) evening = NULL;

  GTimeZone *zone = anju_format_get_time_zone ();
  g_autoptr(GPtrArray) stayed = NULL;
  g_autoptr(GPtrArray) overnight = NULL;

  /* arrived 16:00, left 16:59 local: call back the same day, within 2 hours */
  before = anju_follow_up_plan_visit (&rules, anju_test_time ("2026-11-26T08:00:00Z"),
                                      anju_test_time ("2026-11-26T08:59:00Z"), TRUE, zone);
  assert_due (before, "visit.call_back", "call_back", "2026-11-26T10:59:00Z");
  assert_due (before, "visit.thank_you_sms", "sms", "2026-11-26T13:00:00Z");
  /* seed p.48 counts from the arrival (来访): arrived 16:30, left 17:40
   * local — still the same day, 2 hours after the end */
  stayed = anju_follow_up_plan_visit (&rules, anju_test_time ("2026-11-26T08:30:00Z"),
                                      anju_test_time ("2026-11-26T09:40:00Z"), TRUE, zone);
  assert_due (stayed, "visit.call_back", "call_back", "2026-11-26T11:40:00Z");
  /* arrived 17:01 local: the next day at 10:00, however short the visit */
  after = anju_follow_up_plan_visit (&rules, anju_test_time ("2026-11-26T09:01:00Z"),
                                     anju_test_time ("2026-11-26T09:20:00Z"), TRUE, zone);
  assert_due (after, "visit.call_back", "call_back", "2026-11-27T02:00:00Z");
  /* the cut-off is exclusive: arriving at 17:00:00 sharp is "later" */
  sharp = anju_follow_up_plan_visit (&rules, anju_test_time ("2026-11-26T09:00:00Z"),
                                     anju_test_time ("2026-11-26T09:10:00Z"), TRUE, zone);
  assert_due (sharp, "visit.call_back", "call_back", "2026-11-27T02:00:00Z");

  /* the same-day call-back never runs past midnight */
  rules.visit_cutoff = 23 * 60 + 30;
  evening = anju_follow_up_plan_visit (&rules, anju_test_time ("2026-11-26T14:30:00Z"),
                                       anju_test_time ("2026-11-26T15:00:00Z"), TRUE, zone);
  /* a visit that ran past midnight is called back the next morning */
  overnight = anju_follow_up_plan_visit (&rules, anju_test_time ("2026-11-26T15:00:00Z"),
                                         anju_test_time ("2026-11-26T16:10:00Z"), TRUE, zone);
  assert_due (overnight, "visit.call_back", "call_back", "2026-11-27T02:00:00Z");
  assert_due (evening, "visit.call_back", "call_back", "2026-11-26T15:59:59Z");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  anju_format_set_time_zone ("Asia/Shanghai");
  g_test_add_func ("/follow-up/rules-from-policy", test_rules_from_policy);
  g_test_add_func ("/follow-up/call-without-appointment", test_call_without_appointment);
  g_test_add_func ("/follow-up/call-late-and-without-intent", test_call_late_and_without_intent);
  g_test_add_func ("/follow-up/call-again-and-questions", test_call_again_and_questions);
  g_test_add_func ("/follow-up/appointment-friday", test_appointment_friday);
  g_test_add_func ("/follow-up/visit-cutoff", test_visit_cutoff);
  return g_test_run ();
}
