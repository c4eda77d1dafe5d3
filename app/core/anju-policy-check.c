/* anju-policy-check.c — what values a policy may hold
 *
 * project.set_policy checks the kinds of values (anju-policy.c); this
 * file checks what they mean: formats ("HH:MM", a time zone), ranges
 * (minutes above zero, a discount of at most 1000 ‰), relations (a default
 * hold no longer than the maximum) and that the office can follow the
 * approval chain. The same check keeps a stored bad value from stopping
 * the office: anju_policy_dup_effective() drops such an override, with a
 * warning, and the default applies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-command.h"
#include "anju-follow-up.h"
#include "anju-loan.h"
#include "anju-payment-plan.h"
#include "anju-policy.h"
#include "anju-user.h"

typedef enum
{
  CHECK_INT,          /* a whole number from min to max */
  CHECK_OPTIONAL_INT, /* the same, or absent */
  CHECK_TIME,         /* "HH:MM" */
  CHECK_TIME_ZONE,    /* "Asia/Shanghai" */
  CHECK_ROLES,        /* ["consultant", …] */
} CheckKind;

/* "*" stands for every element of a list or member of a group. */
static const struct
{
  const char *path;
  CheckKind   kind;
  gint64      min, max;
} checks[] = {
  { "office.time_zone", CHECK_TIME_ZONE, 0, 0 },
  { "privacy.reveal_roles", CHECK_ROLES, 0, 0 },
  { "phone.answer_rings", CHECK_INT, 1, 30 },
  { "phone.backup_after_rings", CHECK_INT, 1, 30 },
  { "phone.long_call_minutes", CHECK_INT, 1, 240 },
  { "walk_in.greet_within_seconds", CHECK_INT, 1, 3600 },
  { "walk_in.registration_validity_days", CHECK_INT, 1, 365 },
  { "follow_up.sms_by", CHECK_TIME, 0, 0 },
  { "follow_up.call_next_day_at", CHECK_TIME, 0, 0 },
  { "follow_up.confirm_day_before_at", CHECK_TIME, 0, 0 },
  { "follow_up.visit_cutoff", CHECK_TIME, 0, 0 },
  { "follow_up.same_day_call_within_hours", CHECK_INT, 1, 24 },
  { "follow_up.call_back_answer_within_hours", CHECK_INT, 1, 336 },
  { "hold.default_minutes", CHECK_INT, 1, 24 * 60 },
  { "hold.max_minutes", CHECK_INT, 1, 7 * 24 * 60 },
  { "hold.rehold_pause_minutes", CHECK_INT, 0, 24 * 60 },
  { "discounts.published.*.rate_permille", CHECK_INT, 1, 1000 },
  { "discounts.consultant_discretion_permille_min", CHECK_INT, 1, 1000 },
  { "approval.chain.*.approves_down_to_permille", CHECK_OPTIONAL_INT, 1, 1000 },
  { "negotiation.wait_flag_minutes", CHECK_INT, 1, 240 },
  { "withdrawal.block_days", CHECK_INT, 0, 3650 },
  { "handover.contact_within_days", CHECK_INT, 1, 90 },
  { "care.sms_days_before", CHECK_INT, 0, 30 },
  { "care.sms_time", CHECK_TIME, 0, 0 },
  { "care.call_days_before", CHECK_INT, 0, 30 },
  { "care.call_time", CHECK_TIME, 0, 0 },
  { "subscription.cooling_off_hours", CHECK_INT, 0, 30 * 24 },
  { "subscription.forfeit_permille", CHECK_INT, 0, 1000 },
  { "finance.due_soon_days", CHECK_INT, 0, 365 },
  { "payment.loan_months", CHECK_INT, 1, ANJU_LOAN_MAX_MONTHS },
};

/* @low must not be more than @high. */
static const struct
{
  const char *low;
  const char *high;
} relations[] = {
  { "hold.default_minutes", "hold.max_minutes" },
  { "phone.answer_rings", "phone.backup_after_rings" },
  { "payment.down_payment_min_permille", "payment.down_payment_permille" },
  { "payment.affordable_permille_min", "payment.affordable_permille_max" },
};

static void
reject (GError     **error,
        const char  *path,
        const char  *message)
{
  g_autofree char *field = g_strconcat ("policy.", path, NULL);

  anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field, "%s", message);
}

static gboolean
check_value (JsonNode    *node,
             const char  *path,
             guint        i,
             GError     **error)
{
  g_autofree char *message = NULL;
  gint64 value;

  switch (checks[i].kind)
    {
    case CHECK_OPTIONAL_INT:
      if (node == NULL)
        return TRUE;
      G_GNUC_FALLTHROUGH;
    case CHECK_INT:
      if (node != NULL && json_node_get_value_type (node) == G_TYPE_INT64 &&
          (value = json_node_get_int (node)) >= checks[i].min && value <= checks[i].max)
        return TRUE;
      message = g_strdup_printf (_("The setting “%s” must be a whole number from %d to %d."), path,
                                 (int)checks[i].min, (int)checks[i].max);
      break;
    case CHECK_TIME:
      {
        int minutes;

        if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING &&
            anju_follow_up_parse_time_of_day (json_node_get_string (node), &minutes))
          return TRUE;
        message = g_strdup_printf (_("The setting “%s” must be a time of day like “17:00” (24-hour clock)."), path);
        break;
      }
    case CHECK_TIME_ZONE:
      {
        g_autoptr(GTimeZone) zone = NULL;

        if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING &&
            (zone = g_time_zone_new_identifier (json_node_get_string (node))) != NULL)
          return TRUE;
        message = g_strdup_printf (_("The setting “%s” must be a time zone like “Asia/Shanghai”."), path);
        break;
      }
    case CHECK_ROLES:
      {
        JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
        gboolean good = array != NULL;

        for (guint j = 0; good && j < json_array_get_length (array); j++)
          {
            JsonNode *element = json_array_get_element (array, j);

            good = json_node_get_value_type (element) == G_TYPE_STRING &&
                   anju_role_from_string (json_node_get_string (element)) != ANJU_ROLE_NONE;
          }
        if (good)
          return TRUE;
        message = g_strdup_printf (_("The setting “%s” must list roles: consultant, finance, manager, admin."), path);
        break;
      }
    default:
      g_assert_not_reached ();
    }
  reject (error, path, message);
  return FALSE;
}

/* Checks every value @parts (from @depth on) names under @node; "*" runs
 * over a list's elements ("chain[1]") or a group's members. */
static gboolean
check_path (JsonNode    *node,
            char       **parts,
            guint        depth,
            const char  *prefix,
            guint        i,
            GError     **error)
{
  const char *part = parts[depth];

  if (part == NULL)
    return check_value (node, prefix, i, error);
  if (node == NULL)
    return checks[i].kind == CHECK_OPTIONAL_INT || check_value (NULL, prefix, i, error);
  if (g_str_equal (part, "*") && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          g_autofree char *path = g_strdup_printf ("%s[%u]", prefix, j);

          if (!check_path (json_array_get_element (array, j), parts, depth + 1, path, i, error))
            return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (part, "*") && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l; l = l->next)
        {
          g_autofree char *path = g_strconcat (prefix, ".", l->data, NULL);

          if (!check_path (json_object_get_member (json_node_get_object (node), l->data),
                           parts, depth + 1, path, i, error))
            return FALSE;
        }
      return TRUE;
    }
  {
    g_autofree char *path = *prefix ? g_strconcat (prefix, ".", part, NULL) : g_strdup (part);
    JsonNode *child = JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), part)
                      ? json_object_get_member (json_node_get_object (node), part) : NULL;

    return check_path (child, parts, depth + 1, path, i, error);
  }
}

static gboolean
check_relations (JsonObject  *effective,
                 JsonObject  *changed,
                 GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
    {
      JsonNode *low = anju_policy_lookup_path (effective, relations[i].low);
      JsonNode *high = anju_policy_lookup_path (effective, relations[i].high);
      g_autofree char *message = NULL;
      const char *named;

      if (low == NULL || high == NULL ||
          json_node_get_value_type (low) != G_TYPE_INT64 || json_node_get_value_type (high) != G_TYPE_INT64 ||
          json_node_get_int (low) <= json_node_get_int (high))
        continue;
      /* Name the value the person is setting. */
      named = changed != NULL && anju_policy_lookup_path (changed, relations[i].low) != NULL
              ? relations[i].low : relations[i].high;
      message = g_strdup_printf (_("“%s” (%d) must not be more than “%s” (%d)."),
                                 relations[i].low, (int)json_node_get_int (low),
                                 relations[i].high, (int)json_node_get_int (high));
      reject (error, named, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_office_hours (JsonObject  *effective,
                    GError     **error)
{
  JsonNode *node = anju_policy_lookup_path (effective, "office_hours");
  AnjuOfficeHours hours;
  g_autoptr(GError) local_error = NULL;
  gboolean open = FALSE;

  if (!anju_office_hours_from_json (node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL,
                                    &hours, &local_error))
    {
      /* "The policy setting “office_hours.monday.open” …": name it. */
      const char *start = strstr (local_error->message, "office_hours.");
      const char *end = start ? strstr (start, "”") : NULL;
      g_autofree char *path = start && end ? g_strndup (start, end - start) : g_strdup ("office_hours");

      reject (error, path, local_error->message);
      return FALSE;
    }
  for (guint day = 0; day < 7; day++)
    open |= hours.open[day] >= 0;
  if (!open)
    {
      reject (error, "office_hours", _("The office must be open on at least one day of the week."));
      return FALSE;
    }
  return TRUE;
}

/* The chain's steps: each decided by a manager or an admin, each deeper
 * than the one before. */
static gboolean
check_chain_steps (JsonObject  *effective,
                   GError     **error)
{
  JsonNode *node = anju_policy_lookup_path (effective, "approval.chain");
  JsonArray *chain = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  gint64 previous = 1000;

  if (chain == NULL || json_array_get_length (chain) == 0)
    {
      reject (error, "approval.chain", _("The approval chain needs at least one step."));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (chain); i++)
    {
      JsonNode *element = json_array_get_element (chain, i);
      JsonObject *step = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *role = step ? json_object_get_string_member_with_default (step, "role", NULL) : NULL;
      gint64 down_to = step ? json_object_get_int_member_with_default (step, "approves_down_to_permille", 0) : 0;
      g_autofree char *path = g_strdup_printf ("approval.chain[%u]", i);
      g_autofree char *message = NULL;

      if ((anju_role_from_string (role) & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)) == 0)
        {
          g_autofree char *role_path = g_strconcat (path, ".role", NULL);

          message = g_strdup_printf (_("Step %u of the approval chain must be decided by a “manager” or an “admin”."), i + 1);
          reject (error, role_path, message);
          return FALSE;
        }
      if (down_to > 0 && down_to > previous)
        {
          g_autofree char *limit_path = g_strconcat (path, ".approves_down_to_permille", NULL);

          message = g_strdup_printf (_("Step %u may not approve less than the step before it: its limit must be %d ‰ or lower."),
                                     i + 1, (int)previous);
          reject (error, limit_path, message);
          return FALSE;
        }
      if (down_to > 0)
        previous = down_to;
    }
  return TRUE;
}

gboolean
anju_policy_check (JsonObject  *effective,
                   JsonObject  *changed,
                   GError     **error)
{
  g_auto(AnjuPaymentPolicy) payment = { 0 };
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), effective);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_auto(GStrv) parts = g_strsplit (checks[i].path, ".", -1);

      if (!check_path (root, parts, 0, "", i, error))
        return FALSE;
    }
  return check_relations (effective, changed, error) &&
         check_office_hours (effective, error) &&
         check_chain_steps (effective, error) &&
         anju_payment_policy_read (effective, &payment, error);
}

gboolean
anju_policy_check_chain_people (AnjuStore   *store,
                                JsonObject  *effective,
                                GError     **error)
{
  JsonNode *node = anju_policy_lookup_path (effective, "approval.chain");
  JsonArray *chain = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  const AnjuRole roles[] = { ANJU_ROLE_MANAGER, ANJU_ROLE_ADMIN };

  for (guint r = 0; chain != NULL && r < G_N_ELEMENTS (roles); r++)
    {
      g_autoptr(GPtrArray) people = NULL;
      g_autofree char *message = NULL;
      guint needed = 0;

      for (guint i = 0; i < json_array_get_length (chain); i++)
        {
          JsonNode *element = json_array_get_element (chain, i);
          JsonObject *step = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

          needed += step && anju_role_from_string (json_object_get_string_member_with_default (step, "role", NULL)) == roles[r];
        }
      if (needed == 0)
        continue;
      if (!(people = anju_users_list (store, roles[r], error)))
        return FALSE;
      if (people->len >= needed)
        continue;
      /* Each step is decided by someone who decided no step before. */
      message = g_strdup_printf (_("The approval chain has %u steps for the role “%s”, each decided by a different person; this office has %u such people. Add the people first (anjuctl users add), or shorten the chain."),
                                 needed, anju_role_get_label (roles[r]), people->len);
      reject (error, "approval.chain", message);
      return FALSE;
    }
  return TRUE;
}
