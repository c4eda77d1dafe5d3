/* anju-policy.c — policy defaults from data files, overrides per project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anju-command.h"
#include "anju-follow-up.h"
#include "anju-format.h"
#include "anju-paths.h"
#include "anju-policy.h"
#include "anju-projects.h"

static JsonObject *defaults;
static GError *defaults_error;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static gboolean
merge_file (JsonObject  *into,
            const char  *path,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) members = NULL;
  g_autofree char *name = g_path_get_basename (path);
  JsonObject *object;

  if (!json_parser_load_from_file (parser, path, error))
    {
      g_prefix_error (error, "policy/%s: ", name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "policy/%s: the file must hold one JSON object", name);
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    {
      if (g_str_has_prefix (l->data, "_"))
        continue;   /* "_comment" */
      if (json_object_has_member (into, l->data))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "policy/%s: section “%s” is already defined by another file",
                       name, (const char *)l->data);
          return FALSE;
        }
      json_object_set_member (into, l->data, json_node_copy (json_object_get_member (object, l->data)));
    }
  return TRUE;
}

static JsonObject *
load_defaults (GError **error)
{
  g_autofree char *dir_path = anju_paths_build_data_file ("policy", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) merged = json_object_new ();
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      if (!merge_file (merged, path, error))
        return NULL;
    }
  return g_steal_pointer (&merged);
}

JsonObject *
anju_policy_get_defaults (GError **error)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      defaults = load_defaults (&defaults_error);
      g_once_init_leave (&done, 1);
    }
  if (defaults == NULL)
    {
      if (error)
        *error = g_error_copy (defaults_error);
      return NULL;
    }
  return defaults;
}

JsonNode *
anju_policy_lookup_path (JsonObject *object,
                         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (object == NULL || !json_object_has_member (object, parts[i]))
        return NULL;
      node = json_object_get_member (object, parts[i]);
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

/* Deep merge of @over into @into (both owned by the caller); null removes. */
static void
merge_objects (JsonObject *into,
               JsonObject *over)
{
  g_autoptr(GList) members = json_object_get_members (over);

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (over, l->data);
      JsonNode *current = json_object_get_member (into, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (into, l->data);
      else if (JSON_NODE_HOLDS_OBJECT (value) && current != NULL && JSON_NODE_HOLDS_OBJECT (current))
        merge_objects (json_node_get_object (current), json_node_get_object (value));
      else
        json_object_set_member (into, l->data, json_node_copy (value));
    }
}

static JsonObject *parse_object (const char *text);

/* A deep copy: json_node_copy() shares the objects inside. */
static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  return parse_object (text);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return json_object_new ();
}

/* The stored overrides of a project (or of the first one), as text (NULL
 * when there is no such project or it has none). */
static char *
dup_overrides_text (AnjuStore   *store,
                    const char  *project_id,
                    char       **resolved_id)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  if (project_id != NULL && *project_id != '\0')
    {
      stmt = anju_store_prepare (store, "SELECT id, policy FROM projects WHERE id = ?", NULL);
      if (stmt != NULL)
        sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
    }
  else
    stmt = anju_store_prepare (store, "SELECT id, policy FROM projects ORDER BY name, id LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      text = anju_stmt_dup_text (stmt, 1);
      if (resolved_id)
        *resolved_id = anju_stmt_dup_text (stmt, 0);
    }
  sqlite3_reset (stmt);
  return text;
}

/* "approval.chain[1].role" → "approval.chain": the override to drop. */
static char *
dup_override_key (const char *field)
{
  const char *path = g_str_has_prefix (field, "policy.") ? field + strlen ("policy.") : field;
  g_auto(GStrv) parts = g_strsplit_set (path, ".[", 3);

  if (parts[0] == NULL || parts[1] == NULL)
    return g_strdup (parts[0]);
  return g_strconcat (parts[0], ".", parts[1], NULL);
}

/* Warns once per project and setting, not at every read. */
static void
warn_dropped (const char *project_id,
              const char *key,
              const char *message)
{
  static GHashTable *warned;
  G_LOCK_DEFINE_STATIC (warned);
  g_autofree char *name = g_strconcat (project_id ? project_id : "", "/", key, NULL);
  gboolean first;

  G_LOCK (warned);
  if (warned == NULL)
    warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_add (warned, g_steal_pointer (&name));
  G_UNLOCK (warned);
  if (first)
    g_warning ("Project %s: the stored policy setting “%s” is unusable (%s); using the default.",
               project_id ? project_id : "(first)", key, message);
}

/* Drops each stored override the office cannot work with, so that one
 * bad value never stops a command. */
/* Overrides already found good, by their text: the check runs once per
 * change of a project's policy, not at every read. */
static gboolean
known_good (JsonObject *overrides,
            gboolean    remember)
{
  static GHashTable *good;
  G_LOCK_DEFINE_STATIC (good);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), overrides);
  g_autofree char *text = json_to_string (node, FALSE);
  gboolean found;

  G_LOCK (good);
  if (good == NULL)
    good = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (remember && g_hash_table_size (good) >= 256)
    g_hash_table_remove_all (good);
  found = g_hash_table_contains (good, text);
  if (remember && !found)
    g_hash_table_add (good, g_steal_pointer (&text));
  G_UNLOCK (good);
  return found;
}

static JsonObject *
dup_repaired (JsonObject *base,
              JsonObject *overrides,
              const char *project_id)
{
  JsonObject *effective = copy_object (base);

  merge_objects (effective, overrides);
  if (known_good (overrides, FALSE))
    return effective;
  for (guint round = 0; round < 32; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      g_auto(GStrv) parts = NULL;
      JsonNode *section;

      if (anju_policy_check (effective, overrides, &error))
        {
          known_good (overrides, TRUE);
          break;
        }
      key = dup_override_key (anju_command_error_get_field (error) ? anju_command_error_get_field (error) : "");
      parts = g_strsplit (key, ".", 2);
      section = json_object_get_member (overrides, parts[0]);
      if (section == NULL)
        break;   /* the defaults themselves: nothing to drop */
      if (parts[1] != NULL && JSON_NODE_HOLDS_OBJECT (section) &&
          json_object_has_member (json_node_get_object (section), parts[1]))
        json_object_remove_member (json_node_get_object (section), parts[1]);
      else
        json_object_remove_member (overrides, parts[0]);
      warn_dropped (project_id, key, error->message);
      json_object_unref (effective);
      effective = copy_object (base);
      merge_objects (effective, overrides);
    }
  return effective;
}

/* The defaults with @overrides_text (stored, may be NULL) merged in. */
static JsonObject *
build_effective (JsonObject *base,
                 const char *overrides_text,
                 const char *project_id)
{
  g_autoptr(JsonObject) overrides = parse_object (overrides_text);

  if (json_object_get_size (overrides) == 0)
    return copy_object (base);
  return dup_repaired (base, overrides, project_id);
}

JsonObject *
anju_policy_dup_effective (AnjuStore   *store,
                           const char  *project_id,
                           GError     **error)
{
  JsonObject *base = anju_policy_get_defaults (error);
  g_autofree char *resolved_id = NULL, *text = NULL;

  if (base == NULL)
    return NULL;
  text = dup_overrides_text (store, project_id, &resolved_id);
  return build_effective (base, text, resolved_id);
}

/* A copy of @node that shares nothing with it: json_node_copy() shares
 * the value, object or array inside, counted without atomics. */
static JsonNode *
copy_node_deep (JsonNode *node)
{
  g_autofree char *text = NULL;
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    return json_node_init_int (json_node_alloc (), json_node_get_int (node));
  if (type == G_TYPE_BOOLEAN)
    return json_node_init_boolean (json_node_alloc (), json_node_get_boolean (node));
  if (type == G_TYPE_DOUBLE)
    return json_node_init_double (json_node_alloc (), json_node_get_double (node));
  if (type == G_TYPE_STRING)
    return json_node_init_string (json_node_alloc (), json_node_get_string (node));
  text = json_to_string (node, FALSE);
  return json_from_string (text, NULL);
}

/* Effective policies kept by project and stored overrides. A hold reads
 * three values, and building the effective policy for each (the defaults
 * copied through JSON text, the overrides merged and checked) was two
 * thirds of the office server's time with fifty desks holding at once.
 * The key holds the overrides as stored, read at every call, so a change
 * (by this process, another one on the same file, or a sync) is seen at
 * the next read. The kept objects never leave the lock: callers get
 * copies that share nothing with them. */
#define EFFECTIVE_CACHE_MAX 64

static GHashTable *effective_cache;    /* "project id\noverrides" → JsonObject */
G_LOCK_DEFINE_STATIC (effective_cache);

JsonNode *
anju_policy_dup_value (AnjuStore  *store,
                       const char *project_id,
                       const char *path)
{
  JsonObject *base = anju_policy_get_defaults (NULL);
  g_autofree char *resolved_id = NULL, *text = NULL, *key = NULL;
  JsonObject *effective;
  JsonNode *node, *copy;

  if (base == NULL)
    return NULL;
  text = dup_overrides_text (store, project_id, &resolved_id);
  key = g_strconcat (resolved_id ? resolved_id : "", "\n", text ? text : "", NULL);
  G_LOCK (effective_cache);
  if (effective_cache == NULL)
    effective_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)json_object_unref);
  effective = g_hash_table_lookup (effective_cache, key);
  if (effective == NULL)
    {
      if (g_hash_table_size (effective_cache) >= EFFECTIVE_CACHE_MAX)
        g_hash_table_remove_all (effective_cache);
      effective = build_effective (base, text, resolved_id);
      g_hash_table_insert (effective_cache, g_steal_pointer (&key), effective);
    }
  node = anju_policy_lookup_path (effective, path);
  copy = node ? copy_node_deep (node) : NULL;
  G_UNLOCK (effective_cache);
  return copy;
}

gint64
anju_policy_get_int (AnjuStore  *store,
                     const char *project_id,
                     const char *path,
                     gint64      fallback)
{
  g_autoptr(JsonNode) node = anju_policy_dup_value (store, project_id, path);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

gboolean
anju_policy_get_bool (AnjuStore  *store,
                      const char *project_id,
                      const char *path,
                      gboolean    fallback)
{
  g_autoptr(JsonNode) node = anju_policy_dup_value (store, project_id, path);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

char *
anju_policy_dup_string (AnjuStore  *store,
                        const char *project_id,
                        const char *path,
                        const char *fallback)
{
  g_autoptr(JsonNode) node = anju_policy_dup_value (store, project_id, path);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup (fallback);
  return g_strdup (json_node_get_string (node));
}

/* ---- office hours --------------------------------------------------------- */

static const char * const weekday_names[7] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

static gboolean
read_day (JsonObject       *section,
          guint             day,
          AnjuOfficeHours  *hours,
          GError          **error)
{
  const char *name = weekday_names[day];
  JsonNode *node = json_object_get_member (section, name);
  JsonObject *times = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *open = times ? json_object_get_string_member_with_default (times, "open", NULL) : NULL;
  const char *close = times ? json_object_get_string_member_with_default (times, "close", NULL) : NULL;

  if (open != NULL && close != NULL && *open == '\0' && *close == '\0')
    {
      hours->open[day] = hours->close[day] = -1;
      return TRUE;
    }
  if (!anju_follow_up_parse_time_of_day (open, &hours->open[day]))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy setting “office_hours.%s.open” must be a time of day like “09:00”, or empty with “close” on a day the office is closed."),
                   name);
      return FALSE;
    }
  if (!anju_follow_up_parse_time_of_day (close, &hours->close[day]) ||
      hours->close[day] <= hours->open[day])
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy setting “office_hours.%s.close” must be a time of day after the opening, like “21:00”."),
                   name);
      return FALSE;
    }
  return TRUE;
}

gboolean
anju_office_hours_from_json (JsonObject       *section,
                             AnjuOfficeHours  *hours,
                             GError          **error)
{
  if (section == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The policy has no “office_hours” section. Reinstall Anju."));
      return FALSE;
    }
  for (guint day = 0; day < 7; day++)
    if (!read_day (section, day, hours, error))
      return FALSE;
  return TRUE;
}

/* Monday 0 … Sunday 6 of the local day @offset days after that of @utc. */
static guint
local_weekday (GTimeZone *zone,
               gint64     utc,
               int        offset)
{
  gint64 at = anju_follow_up_local_time (zone, utc, offset, 12 * 60);
  g_autoptr(GDateTime) noon_utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) noon = noon_utc ? g_date_time_to_timezone (noon_utc, zone) : NULL;

  return noon ? (guint)g_date_time_get_day_of_week (noon) - 1 : 0;
}

gint64
anju_office_hours_next_opening (const AnjuOfficeHours *hours,
                                GTimeZone             *zone,
                                gint64                 due_usec)
{
  /* Eight days: today after closing, then a whole week of days. */
  for (int offset = 0; offset <= 7; offset++)
    {
      guint day = local_weekday (zone, due_usec, offset);
      gint64 open, close;

      if (hours->open[day] < 0)
        continue;
      open = anju_follow_up_local_time (zone, due_usec, offset, hours->open[day]);
      close = anju_follow_up_local_time (zone, due_usec, offset, hours->close[day]);
      if (due_usec < open)
        return open;
      if (due_usec < close + 60 * G_USEC_PER_SEC)
        return due_usec;   /* open, the closing minute included */
    }
  return due_usec;
}

static JsonObject *
hours_section (JsonObject *policy)
{
  JsonNode *node = policy ? anju_policy_lookup_path (policy, "office_hours") : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The office hours of @policy; a bad value there falls back to the
 * defaults with a warning, so that a stored mistake never stops the
 * office. FALSE only when the defaults cannot be read either. */
static gboolean
read_office_hours (JsonObject      *policy,
                   AnjuOfficeHours *hours)
{
  g_autoptr(GError) error = NULL;

  if (anju_office_hours_from_json (hours_section (policy), hours, &error))
    return TRUE;
  g_warning ("%s Using the default office hours.", error->message);
  g_clear_error (&error);
  return anju_office_hours_from_json (hours_section (anju_policy_get_defaults (NULL)), hours, NULL);
}

GDateTime *
anju_policy_next_opening (JsonObject *policy,
                          GDateTime  *due)
{
  AnjuOfficeHours hours;
  GTimeZone *zone = g_date_time_get_timezone (due);
  gint64 due_usec = g_date_time_to_unix (due) * G_USEC_PER_SEC + g_date_time_get_microsecond (due);
  gint64 next;
  g_autoptr(GDateTime) utc = NULL;

  if (!read_office_hours (policy, &hours))
    return g_date_time_ref (due);
  next = anju_office_hours_next_opening (&hours, zone, due_usec);
  if (next == due_usec)
    return g_date_time_ref (due);
  utc = g_date_time_new_from_unix_utc (next / G_USEC_PER_SEC);
  return g_date_time_to_timezone (utc, zone);
}

gint64
anju_policy_next_opening_usec (AnjuStore  *store,
                               const char *project_id,
                               gint64      due_usec)
{
  g_autoptr(JsonObject) policy = anju_policy_dup_effective (store, project_id, NULL);
  AnjuOfficeHours hours;

  if (!read_office_hours (policy, &hours))
    return due_usec;
  return anju_office_hours_next_opening (&hours, anju_format_get_time_zone (), due_usec);
}

/* What kind of value a setting holds, as the end of the sentence
 * "The setting … must be …"; translated. */
static const char *
node_kind (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return _("a group of settings");
    case JSON_NODE_ARRAY: return _("a list");
    case JSON_NODE_NULL: return _("empty");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64: return _("a whole number");
    case G_TYPE_DOUBLE: return _("a number");
    case G_TYPE_BOOLEAN: return _("true or false");
    default: return _("text");
    }
}

/* Every key of @over must exist in @base with a value of the same kind. */
static gboolean
check_override (JsonObject  *base,
                JsonObject  *over,
                const char  *prefix,
                GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (over);

  for (GList *l = members; l; l = l->next)
    {
      g_autofree char *path = prefix ? g_strconcat (prefix, ".", l->data, NULL) : g_strdup (l->data);
      g_autofree char *field = g_strconcat ("policy.", path, NULL);
      JsonNode *value = json_object_get_member (over, l->data);
      JsonNode *known = base ? json_object_get_member (base, l->data) : NULL;

      if (known == NULL)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                               _("The policy has no setting “%s”."), path);
          return FALSE;
        }
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (g_strcmp0 (node_kind (value), node_kind (known)) != 0)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                               /* Translators: the second %s is a kind of value: "a whole number", "text", … */
                               _("The setting “%s” must be %s."), path, node_kind (known));
          return FALSE;
        }
      if (JSON_NODE_HOLDS_OBJECT (value) &&
          !check_override (json_node_get_object (known), json_node_get_object (value), path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_project_set_policy (AnjuCommandContext  *ctx,
                          JsonObject          *payload,
                          GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(AnjuProject) project = NULL;
  g_autoptr(JsonObject) overrides = NULL;
  g_autoptr(JsonObject) effective = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autofree char *text = NULL, *subject = NULL, *stored = NULL;
  JsonObject *policy, *base;
  const char *project_id;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "project_id", TRUE, &project_id, error) ||
      !anju_payload_get_object (payload, "policy", TRUE, &policy, error))
    return FALSE;
  if ((project = anju_project_lookup (store, project_id)) == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "project_id",
                           _("There is no project with this id."));
      return FALSE;
    }
  if ((base = anju_policy_get_defaults (&load_error)) == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL,
                           _("The policy files cannot be read (%s). Reinstall Anju."), load_error->message);
      return FALSE;
    }
  if (!check_override (base, policy, NULL, error))
    return FALSE;

  stored = dup_overrides_text (store, project_id, NULL);
  overrides = parse_object (stored);
  merge_objects (overrides, policy);
  effective = copy_object (base);
  merge_objects (effective, overrides);
  if (!anju_policy_check (effective, policy, error))
    return FALSE;
  if (json_object_has_member (policy, "approval") &&
      !anju_policy_check_chain_people (store, effective, error))
    return FALSE;
  node = json_node_init_object (json_node_alloc (), overrides);
  text = json_to_string (node, FALSE);
  if (!(stmt = anju_store_prepare (store, "UPDATE projects SET policy = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, project_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "projects", project_id);
  subject = g_strconcat ("project:", project_id, NULL);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (anju_command_context_get_result (ctx), "project_id", project_id);
  return TRUE;
}

static const AnjuCommandSpec policy_commands[] = {
  { "project.set_policy", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN, ANJU_COMMAND_FLAG_NONE,
    apply_project_set_policy,
    "project_id:string policy:object" },
};

void
anju_policy_register_commands (void)
{
  anju_commands_register (policy_commands, G_N_ELEMENTS (policy_commands));
}
