/* anju-reception-util.c — helpers shared by the reception files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "anju-format.h"
#include "anju-projects.h"
#include "anju-reception-private.h"

gboolean
anju_recep_local_date_is_valid (const char *text)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  return y >= 1900 && y <= 9999 && g_date_valid_dmy (d, m, y);
}

gboolean
anju_recep_get_local_date (JsonObject   *payload,
                           const char   *field,
                           gboolean      required,
                           const char  **out,
                           GError      **error)
{
  const char *text = NULL;

  if (!anju_payload_get_string (payload, field, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!anju_recep_local_date_is_valid (text))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("“%s” must be a day written YYYY-MM-DD, like 2026-11-27."), field);
      return FALSE;
    }
  *out = text;
  return TRUE;
}

gboolean
anju_recep_local_day_range (const char *local_date,
                            GTimeZone  *zone,
                            gint64     *start,
                            gint64     *end)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (!anju_recep_local_date_is_valid (local_date))
    return FALSE;
  first = g_date_time_new (zone, atoi (local_date), atoi (local_date + 5), atoi (local_date + 8),
                           0, 0, 0);
  if (first == NULL)
    return FALSE;
  next = g_date_time_add_days (first, 1);
  *start = g_date_time_to_unix (first) * G_USEC_PER_SEC;
  *end = g_date_time_to_unix (next) * G_USEC_PER_SEC;
  return TRUE;
}

char *
anju_recep_local_date_of (gint64     utc,
                          GTimeZone *zone)
{
  gint64 seconds = utc / G_USEC_PER_SEC - (utc % G_USEC_PER_SEC < 0 ? 1 : 0);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = at ? g_date_time_to_timezone (at, zone) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("");
}

AnjuUser *
anju_recep_lookup_staff (AnjuStore   *store,
                         const char  *field,
                         const char  *user_id,
                         GError     **error)
{
  g_autoptr(AnjuUser) user = user_id ? anju_user_lookup (store, user_id) : NULL;

  if (user == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, field,
                           _("There is no user with this id. Choose a colleague from the list."));
      return NULL;
    }
  if (!anju_user_receives_customers (user))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("%s is not a consultant or a manager and does not receive customers."),
                           user->display_name);
      return NULL;
    }
  return g_steal_pointer (&user);
}

char *
anju_recep_dup_user_name (AnjuStore  *store,
                          const char *user_id)
{
  g_autoptr(AnjuUser) user = user_id ? anju_user_lookup (store, user_id) : NULL;

  return user ? g_strdup (user->display_name) : NULL;
}

void
anju_recep_customer_clear (AnjuRecepCustomer *c)
{
  g_clear_pointer (&c->id, g_free);
  g_clear_pointer (&c->project_id, g_free);
  g_clear_pointer (&c->name, g_free);
  g_clear_pointer (&c->title, g_free);
  g_clear_pointer (&c->mobile, g_free);
  g_clear_pointer (&c->owner_id, g_free);
}

gboolean
anju_recep_load_customer (AnjuStore          *store,
                          const char         *field,
                          const char         *customer_id,
                          AnjuRecepCustomer  *out,
                          GError            **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT id, project_id, name, title, mobile, owner_id FROM customers WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      anju_recep_customer_clear (out);
      out->id = anju_stmt_dup_text (stmt, 0);
      out->project_id = anju_stmt_dup_text (stmt, 1);
      out->name = anju_stmt_dup_text (stmt, 2);
      out->title = anju_stmt_dup_text (stmt, 3);
      out->mobile = anju_stmt_dup_text (stmt, 4);
      out->owner_id = anju_stmt_dup_text (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (!found)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, field,
                         _("There is no customer with this id. Search for the customer again."));
  return found;
}

gboolean
anju_recep_run_nested (AnjuCommandContext  *ctx,
                       const char          *type,
                       JsonObject          *payload,
                       const char          *prefix,
                       GError             **error)
{
  const AnjuCommandSpec *spec = anju_commands_lookup (type);
  g_autoptr(GError) local_error = NULL;
  const char *field;
  g_autofree char *renamed = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);
  if (spec->handler (ctx, payload, &local_error))
    return TRUE;
  field = anju_command_error_get_field (local_error);
  if (local_error->domain != ANJU_COMMAND_ERROR || prefix == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  renamed = field ? g_strconcat (prefix, ".", field, NULL) : g_strdup (prefix);
  anju_command_reject (error, local_error->code, renamed, "%s", local_error->message);
  return FALSE;
}

gboolean
anju_recep_add_registration (AnjuCommandContext  *ctx,
                             const char          *customer_id,
                             const char          *consultant_id,
                             gint64               at,
                             const char          *source_type,
                             const char          *source_id,
                             GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *id = anju_command_context_new_id (ctx);
  g_autofree char *at_text = anju_clock_format_utc (at);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO registrations (id, customer_id, consultant_id, at, source_type, source_id) "
      "VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, consultant_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, at_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, source_type, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 6, source_id);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "registrations", id);
  return TRUE;
}

gboolean
anju_recep_set_owner (AnjuCommandContext  *ctx,
                      const char          *customer_id,
                      const char          *owner_id,
                      GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE customers SET owner_id = ?, updated_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  anju_stmt_bind_text_or_null (stmt, 1, owner_id);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, customer_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "customers", customer_id);
  return TRUE;
}

gboolean
anju_recep_resolve_project (AnjuStore   *store,
                            JsonObject  *payload,
                            const char  *fallback_id,
                            char       **out,
                            GError     **error)
{
  const char *project_id = NULL;
  g_autoptr(AnjuProject) project = NULL;

  if (payload != NULL && !anju_payload_get_string (payload, "project_id", FALSE, &project_id, error))
    return FALSE;
  if (project_id != NULL && *project_id != '\0')
    {
      if ((project = anju_project_lookup (store, project_id)) == NULL)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "project_id",
                               _("There is no project with this id."));
          return FALSE;
        }
    }
  else
    project = anju_project_lookup_or_first (store, fallback_id);
  *out = project ? g_strdup (project->id) : NULL;
  return TRUE;
}

gboolean
anju_recep_prefers_chinese (void)
{
  const char * const *names = g_get_language_names ();

  for (; names != NULL && *names != NULL; names++)
    {
      if (g_str_has_prefix (*names, "zh"))
        return TRUE;
      if (g_str_has_prefix (*names, "en") || g_str_equal (*names, "C") ||
          g_str_equal (*names, "POSIX"))
        return FALSE;
    }
  return FALSE;
}

const char *
anju_recep_pick_name (const char *en,
                      const char *zh)
{
  if (anju_recep_prefers_chinese ())
    return zh != NULL ? zh : en;
  return en != NULL ? en : zh;
}

/* The UTC bounds of @local_date (NULL: today) as stored strings. */
gboolean
anju_recep_get_day_bounds (AnjuStore   *store,
                           const char  *local_date,
                           char       **start_text,
                           char       **end_text,
                           GError     **error)
{
  GTimeZone *zone = anju_format_get_time_zone ();
  g_autofree char *today = NULL;
  gint64 start, end;

  if (local_date == NULL)
    local_date = today = anju_recep_local_date_of (anju_store_now (store), zone);
  if (!anju_recep_local_day_range (local_date, zone, &start, &end))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "local_date",
                                      _("“%s” is not a day written YYYY-MM-DD."), local_date);
      return FALSE;
    }
  *start_text = anju_clock_format_utc (start);
  *end_text = anju_clock_format_utc (end);
  return TRUE;
}
