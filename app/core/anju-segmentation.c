/* anju-segmentation.c — segmentation models read from data files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A model file is checked whole when it is read: every rule may name only
 * profile dimensions and values that anju-profile.c defines, so a typo in
 * a data file is an error at start-up instead of a rule that never matches.
 * Models are immutable once loaded; the cache is filled once and then read
 * from any thread.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "anju-paths.h"
#include "anju-profile.h"
#include "anju-segmentation.h"

#define MODEL_FORMAT 1

/* A text in both languages; either may be missing, never both. */
typedef struct
{
  char *en;
  char *zh;
} Text;

typedef struct
{
  const AnjuProfileDimension *dim;
  GStrv                       values;    /* CHOICE: the allowed values */
  gint64                      min;       /* COUNT, MONEY, AREA: inclusive */
  gint64                      max;
} Condition;

typedef struct
{
  GPtrArray *conditions;                 /* Condition*, all must hold */
} Rule;

typedef struct
{
  char      *id;
  char      *group_id;
  Text       name;
  Text       description;
  GStrv      suggestions_en;
  GStrv      suggestions_zh;
  GPtrArray *rules;                      /* Rule*, any may hold */
} Segment;

typedef struct
{
  char *id;
  Text  name;
} Group;

struct _AnjuSegmentModel
{
  char       *id;
  char       *path;
  Text        name;
  Text        description;
  GStrv       axes;
  GPtrArray  *groups;                    /* Group*, in display order */
  GPtrArray  *segments;                  /* Segment*, in rule order */
  GHashTable *segment_index;             /* id → Segment* (borrowed) */
};

static const char * const no_suggestions[] = { NULL };

static void
clear_text (Text *text)
{
  g_clear_pointer (&text->en, g_free);
  g_clear_pointer (&text->zh, g_free);
}

static void
condition_free (Condition *condition)
{
  g_strfreev (condition->values);
  g_free (condition);
}

static void
rule_free (Rule *rule)
{
  g_clear_pointer (&rule->conditions, g_ptr_array_unref);
  g_free (rule);
}

static void
segment_free (Segment *segment)
{
  g_free (segment->id);
  g_free (segment->group_id);
  clear_text (&segment->name);
  clear_text (&segment->description);
  g_strfreev (segment->suggestions_en);
  g_strfreev (segment->suggestions_zh);
  g_clear_pointer (&segment->rules, g_ptr_array_unref);
  g_free (segment);
}

static void
group_free (Group *group)
{
  g_free (group->id);
  clear_text (&group->name);
  g_free (group);
}

void
anju_segment_model_free (AnjuSegmentModel *model)
{
  if (model == NULL)
    return;
  g_free (model->id);
  g_free (model->path);
  clear_text (&model->name);
  clear_text (&model->description);
  g_strfreev (model->axes);
  g_clear_pointer (&model->segment_index, g_hash_table_unref);
  g_clear_pointer (&model->segments, g_ptr_array_unref);
  g_clear_pointer (&model->groups, g_ptr_array_unref);
  g_free (model);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuSegmentModel, anju_segment_model_free)

/* The first of the user's languages that a model can speak decides:
 * Chinese for any zh_* entry, English for en_* or the C locale. */
static gboolean
prefers_chinese (void)
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

static const char *
pick_text (const Text *text)
{
  if (prefers_chinese ())
    return text->zh != NULL ? text->zh : text->en;
  return text->en != NULL ? text->en : text->zh;
}

/* --- reading and checking a file ---------------------------------------- */

static void
set_invalid (GError     **error,
             const char  *where,
             const char  *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
set_invalid (GError     **error,
             const char  *where,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", where, message);
}

static gboolean
is_identifier (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len == 0 || len > 40 || !g_ascii_islower (text[0]))
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
read_identifier (JsonObject  *object,
                 const char  *member,
                 const char  *where,
                 char       **out,
                 GError     **error)
{
  const char *value = get_string_member (object, member);

  if (!is_identifier (value))
    {
      set_invalid (error, where,
                   _("“%s” must be an identifier: lower-case letters, digits and underscores, starting with a letter."),
                   member);
      return FALSE;
    }
  *out = g_strdup (value);
  return TRUE;
}

/* {"en": "…", "zh_CN": "…"} */
static gboolean
read_text_node (JsonNode    *node,
                const char  *member,
                const char  *where,
                Text        *out,
                GError     **error)
{
  JsonObject *object;
  const char *en, *zh;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, where,
                   _("“%s” must be an object with the text in “en” and “zh_CN”."), member);
      return FALSE;
    }
  object = json_node_get_object (node);
  en = get_string_member (object, "en");
  zh = get_string_member (object, "zh_CN");
  if ((en == NULL || *en == '\0') && (zh == NULL || *zh == '\0'))
    {
      set_invalid (error, where,
                   _("“%s” has no text: give it in “en”, “zh_CN” or both."), member);
      return FALSE;
    }
  out->en = en != NULL && *en != '\0' ? g_strdup (en) : NULL;
  out->zh = zh != NULL && *zh != '\0' ? g_strdup (zh) : NULL;
  return TRUE;
}

static gboolean
read_text (JsonObject  *object,
           const char  *member,
           gboolean     required,
           const char  *where,
           Text        *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && !required)
    return TRUE;
  return read_text_node (node, member, where, out, error);
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *member,
           gboolean     required,
           const char  *where,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && !required)
    return NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      (required && json_array_get_length (json_node_get_array (node)) == 0))
    {
      set_invalid (error, where, _("“%s” must be a list that is not empty."), member);
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
is_choice_of (const AnjuProfileDimension *dim,
              const char                 *value)
{
  for (const AnjuProfileChoice *c = dim->choices; c != NULL && c->value != NULL; c++)
    if (g_str_equal (c->value, value))
      return TRUE;
  return FALSE;
}

static char *
dup_choices (const AnjuProfileDimension *dim)
{
  GString *list = g_string_new (NULL);

  for (const AnjuProfileChoice *c = dim->choices; c != NULL && c->value != NULL; c++)
    g_string_append_printf (list, "%s%s", list->len ? ", " : "", c->value);
  return g_string_free (list, FALSE);
}

static gboolean
read_bound (JsonObject  *range,
            const char  *member,
            const char  *key,
            const char  *where,
            gint64      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (range, member);

  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0)
    {
      set_invalid (error, where, _("“%s” of “%s” must be a whole number, zero or more."),
                   member, key);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static Condition *
read_condition (const char  *key,
                JsonNode    *node,
                const char  *where,
                GError     **error)
{
  const AnjuProfileDimension *dim = anju_profile_lookup (key);
  g_autoptr(GStrvBuilder) builder = NULL;
  Condition *condition;

  if (dim == NULL)
    {
      set_invalid (error, where,
                   _("“%s” is not a profile dimension. The keys are listed in data/segmentation/README.md."),
                   key);
      return NULL;
    }

  condition = g_new0 (Condition, 1);
  condition->dim = dim;
  switch (dim->kind)
    {
    case ANJU_PROFILE_KIND_CHOICE:
      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
        {
          set_invalid (error, where, _("“%s” must be a list of allowed values."), key);
          goto failed;
        }
      builder = g_strv_builder_new ();
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (node), i);
          const char *value = json_node_get_value_type (item) == G_TYPE_STRING
                              ? json_node_get_string (item) : NULL;

          if (value == NULL || !is_choice_of (dim, value))
            {
              g_autofree char *allowed = dup_choices (dim);
              set_invalid (error, where, _("“%s” is not a value of “%s”. Use one of: %s."),
                           value != NULL ? value : "?", key, allowed);
              goto failed;
            }
          g_strv_builder_add (builder, value);
        }
      condition->values = g_strv_builder_end (builder);
      break;

    case ANJU_PROFILE_KIND_COUNT:
    case ANJU_PROFILE_KIND_MONEY:
    case ANJU_PROFILE_KIND_AREA:
      {
        JsonObject *range;
        g_autoptr(GList) members = NULL;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          {
            set_invalid (error, where, _("“%s” must be a range such as {\"min\": 1, \"max\": 3}."), key);
            goto failed;
          }
        range = json_node_get_object (node);
        members = json_object_get_members (range);
        for (GList *l = members; l != NULL; l = l->next)
          if (!g_str_equal (l->data, "min") && !g_str_equal (l->data, "max"))
            {
              set_invalid (error, where, _("The range of “%s” has “%s”; only “min” and “max” are allowed."),
                           key, (const char *)l->data);
              goto failed;
            }
        if (members == NULL)
          {
            set_invalid (error, where, _("The range of “%s” needs “min”, “max” or both."), key);
            goto failed;
          }
        condition->min = 0;
        condition->max = G_MAXINT64;
        if (!read_bound (range, "min", key, where, &condition->min, error) ||
            !read_bound (range, "max", key, where, &condition->max, error))
          goto failed;
        if (condition->min > condition->max)
          {
            set_invalid (error, where, _("The range of “%s” has “min” above “max”."), key);
            goto failed;
          }
      }
      break;

    case ANJU_PROFILE_KIND_TEXT:
    default:
      set_invalid (error, where,
                   _("“%s” is free text and cannot be used in a rule; use a dimension with choices or numbers."),
                   key);
      goto failed;
    }
  return condition;

failed:
  condition_free (condition);
  return NULL;
}

static Rule *
read_rule (JsonNode    *node,
           const char  *where,
           GError     **error)
{
  g_autoptr(GList) members = NULL;
  Rule *rule;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      json_object_get_size (json_node_get_object (node)) == 0)
    {
      /* An empty rule would match every profile and hide all later segments. */
      set_invalid (error, where, _("A rule must be an object with at least one condition."));
      return NULL;
    }
  rule = g_new0 (Rule, 1);
  rule->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify)condition_free);
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *allowed = json_object_get_member (json_node_get_object (node), l->data);
      Condition *condition = read_condition (l->data, allowed, where, error);

      if (condition == NULL)
        {
          rule_free (rule);
          return NULL;
        }
      g_ptr_array_add (rule->conditions, condition);
    }
  return rule;
}

static gboolean
read_suggestions (JsonObject  *object,
                  const char  *where,
                  Segment     *segment,
                  GError     **error)
{
  JsonArray *array = NULL;
  g_autoptr(GStrvBuilder) en = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) zh = g_strv_builder_new ();

  if (json_object_has_member (object, "suggestions") &&
      !(array = get_array (object, "suggestions", FALSE, where, error)))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      Text text = { NULL, NULL };

      if (!read_text_node (json_array_get_element (array, i), "suggestions", where, &text, error))
        return FALSE;
      g_strv_builder_add (en, text.en != NULL ? text.en : text.zh);
      g_strv_builder_add (zh, text.zh != NULL ? text.zh : text.en);
      clear_text (&text);
    }
  segment->suggestions_en = g_strv_builder_end (en);
  segment->suggestions_zh = g_strv_builder_end (zh);
  return TRUE;
}

static Group *
find_group (AnjuSegmentModel *model,
            const char       *group_id)
{
  for (guint i = 0; group_id != NULL && i < model->groups->len; i++)
    {
      Group *group = g_ptr_array_index (model->groups, i);

      if (g_str_equal (group->id, group_id))
        return group;
    }
  return NULL;
}

static Segment *
read_segment (AnjuSegmentModel  *model,
              JsonNode          *node,
              guint              index,
              GError           **error)
{
  g_autofree char *where = g_strdup_printf (_("%s, segment %u"), model->path, index + 1);
  JsonObject *object;
  JsonArray *rules = NULL;
  Segment *segment;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, where, _("A segment must be an object."));
      return NULL;
    }
  object = json_node_get_object (node);
  segment = g_new0 (Segment, 1);
  segment->rules = g_ptr_array_new_with_free_func ((GDestroyNotify)rule_free);
  if (!read_identifier (object, "id", where, &segment->id, error))
    goto failed;

  /* From here on the messages name the segment by its id. */
  g_free (where);
  where = g_strdup_printf (_("%s, segment “%s”"), model->path, segment->id);
  if (g_hash_table_contains (model->segment_index, segment->id))
    {
      set_invalid (error, where, _("There is already a segment with this id. Segment ids must be unique."));
      goto failed;
    }
  if (!read_identifier (object, "group", where, &segment->group_id, error))
    goto failed;
  if (find_group (model, segment->group_id) == NULL)
    {
      set_invalid (error, where, _("The group “%s” is not in the model's “groups”."),
                   segment->group_id);
      goto failed;
    }
  if (!read_text (object, "name", TRUE, where, &segment->name, error) ||
      !read_text (object, "description", FALSE, where, &segment->description, error) ||
      !read_suggestions (object, where, segment, error))
    goto failed;

  if (json_object_has_member (object, "rules") &&
      (rules = get_array (object, "rules", FALSE, where, error)) == NULL)
    goto failed;
  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      g_autofree char *rule_where = g_strdup_printf (_("%s, rule %u"), where, i + 1);
      Rule *rule = read_rule (json_array_get_element (rules, i), rule_where, error);

      if (rule == NULL)
        goto failed;
      g_ptr_array_add (segment->rules, rule);
    }
  return segment;

failed:
  segment_free (segment);
  return NULL;
}

static gboolean
read_groups (AnjuSegmentModel  *model,
             JsonObject        *root,
             GError           **error)
{
  JsonArray *groups = get_array (root, "groups", TRUE, model->path, error);

  if (groups == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonNode *node = json_array_get_element (groups, i);
      g_autofree char *where = g_strdup_printf (_("%s, group %u"), model->path, i + 1);
      Group *group;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_invalid (error, where, _("A group must be an object with “id” and “name”."));
          return FALSE;
        }
      group = g_new0 (Group, 1);
      g_ptr_array_add (model->groups, group);
      if (!read_identifier (json_node_get_object (node), "id", where, &group->id, error) ||
          !read_text (json_node_get_object (node), "name", TRUE, where, &group->name, error))
        return FALSE;
      for (guint j = 0; j + 1 < model->groups->len; j++)
        if (g_str_equal (((Group *)g_ptr_array_index (model->groups, j))->id, group->id))
          {
            set_invalid (error, where, _("There is already a group “%s”. Group ids must be unique."),
                         group->id);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
read_axes (AnjuSegmentModel  *model,
           JsonObject        *root,
           GError           **error)
{
  JsonArray *axes = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (json_object_has_member (root, "axes") &&
      !(axes = get_array (root, "axes", FALSE, model->path, error)))
    return FALSE;
  for (guint i = 0; axes != NULL && i < json_array_get_length (axes); i++)
    {
      const char *key = json_array_get_string_element (axes, i);

      if (key == NULL || anju_profile_lookup (key) == NULL)
        {
          set_invalid (error, model->path, _("The axis “%s” is not a profile dimension."),
                       key != NULL ? key : "?");
          return FALSE;
        }
      g_strv_builder_add (builder, key);
    }
  model->axes = g_strv_builder_end (builder);
  return TRUE;
}

AnjuSegmentModel *
anju_segment_model_load_file (const char  *path,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AnjuSegmentModel) model = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonArray *segments;
  JsonNode *format;

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      /* json-glib names the file in its parse errors, not in I/O errors. */
      if (strstr (local_error->message, path) != NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, local_error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s",
                     path, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      set_invalid (error, path, _("A segmentation model must be a JSON object."));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  model = g_new0 (AnjuSegmentModel, 1);
  model->path = g_strdup (path);
  model->groups = g_ptr_array_new_with_free_func ((GDestroyNotify)group_free);
  model->segments = g_ptr_array_new_with_free_func ((GDestroyNotify)segment_free);
  model->segment_index = g_hash_table_new (g_str_hash, g_str_equal);

  format = json_object_get_member (root, "format");
  if (format != NULL && (json_node_get_value_type (format) != G_TYPE_INT64 ||
                         json_node_get_int (format) != MODEL_FORMAT))
    {
      g_autofree char *found = json_node_get_value_type (format) == G_TYPE_INT64
                               ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (format))
                               : g_strdup ("?");

      set_invalid (error, path, _("The file is in format %s; this version of Anju reads format %d."),
                   found, MODEL_FORMAT);
      return NULL;
    }
  if (!read_identifier (root, "id", path, &model->id, error) ||
      !read_text (root, "name", TRUE, path, &model->name, error) ||
      !read_text (root, "description", FALSE, path, &model->description, error) ||
      !read_axes (model, root, error) ||
      !read_groups (model, root, error) ||
      !(segments = get_array (root, "segments", TRUE, path, error)))
    return NULL;

  for (guint i = 0; i < json_array_get_length (segments); i++)
    {
      Segment *segment = read_segment (model, json_array_get_element (segments, i), i, error);

      if (segment == NULL)
        return NULL;
      g_ptr_array_add (model->segments, segment);
      g_hash_table_insert (model->segment_index, segment->id, segment);
    }
  return g_steal_pointer (&model);
}

/* --- the cache of installed models -------------------------------------- */

typedef struct
{
  GPtrArray *models;    /* AnjuSegmentModel*, ordered by file name */
  GError    *error;
} Cache;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static GPtrArray *
load_folder (GError **error)
{
  g_autofree char *folder = anju_paths_build_data_file ("segmentation", NULL);
  g_autoptr(GPtrArray) models =
    g_ptr_array_new_with_free_func ((GDestroyNotify)anju_segment_model_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (!(dir = g_dir_open (folder, 0, &local_error)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The segmentation models cannot be read: %s"), local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      AnjuSegmentModel *model = anju_segment_model_load_file (path, error);

      if (model == NULL)
        return NULL;
      for (guint j = 0; j < models->len; j++)
        {
          AnjuSegmentModel *other = g_ptr_array_index (models, j);

          if (g_str_equal (other->id, model->id))
            {
              set_invalid (error, path, _("The model id “%s” is already used by %s."),
                           model->id, other->path);
              anju_segment_model_free (model);
              return NULL;
            }
        }
      g_ptr_array_add (models, model);
    }
  if (models->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no segmentation model in %s."), folder);
      return NULL;
    }
  return g_steal_pointer (&models);
}

static const Cache *
get_cache (void)
{
  static Cache *cache;

  if (g_once_init_enter (&cache))
    {
      Cache *fresh = g_new0 (Cache, 1);

      fresh->models = load_folder (&fresh->error);
      g_once_init_leave (&cache, fresh);
    }
  return cache;
}

GPtrArray *
anju_segment_models_get_all (GError **error)
{
  const Cache *cache = get_cache ();

  if (cache->error != NULL)
    {
      g_propagate_error (error, g_error_copy (cache->error));
      return NULL;
    }
  return cache->models;
}

AnjuSegmentModel *
anju_segment_model_lookup (const char *id)
{
  const Cache *cache = get_cache ();

  if (cache->error != NULL)
    {
      static gsize warned;

      /* Callers of lookup cannot see the error: say it once in the log. */
      if (g_once_init_enter (&warned))
        {
          g_warning ("%s", cache->error->message);
          g_once_init_leave (&warned, 1);
        }
      return NULL;
    }
  for (guint i = 0; id != NULL && i < cache->models->len; i++)
    {
      AnjuSegmentModel *model = g_ptr_array_index (cache->models, i);

      if (g_str_equal (model->id, id))
        return model;
    }
  return NULL;
}

/* --- getters -------------------------------------------------------------- */

static Segment *
find_segment (AnjuSegmentModel *model,
              const char       *segment_id)
{
  g_return_val_if_fail (model != NULL, NULL);
  return segment_id != NULL ? g_hash_table_lookup (model->segment_index, segment_id) : NULL;
}

const char *
anju_segment_model_get_id (AnjuSegmentModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  return model->id;
}

const char *
anju_segment_model_get_name (AnjuSegmentModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  return pick_text (&model->name);
}

guint
anju_segment_model_get_n_segments (AnjuSegmentModel *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->segments->len;
}

const char *
anju_segment_model_get_segment_id (AnjuSegmentModel *model,
                                   guint             index)
{
  g_return_val_if_fail (model != NULL, NULL);
  if (index >= model->segments->len)
    return NULL;
  return ((Segment *)g_ptr_array_index (model->segments, index))->id;
}

gboolean
anju_segment_model_has_segment (AnjuSegmentModel *model,
                                const char       *segment_id)
{
  return find_segment (model, segment_id) != NULL;
}

const char *
anju_segment_get_name (AnjuSegmentModel *model,
                       const char       *segment_id)
{
  Segment *segment = find_segment (model, segment_id);

  return segment != NULL ? pick_text (&segment->name) : NULL;
}

const char *
anju_segment_get_group_name (AnjuSegmentModel *model,
                             const char       *segment_id)
{
  Segment *segment = find_segment (model, segment_id);
  Group *group = segment != NULL ? find_group (model, segment->group_id) : NULL;

  return group != NULL ? pick_text (&group->name) : NULL;
}

const char *
anju_segment_get_description (AnjuSegmentModel *model,
                              const char       *segment_id)
{
  Segment *segment = find_segment (model, segment_id);

  if (segment == NULL)
    return NULL;
  if (segment->description.en == NULL && segment->description.zh == NULL)
    return "";
  return pick_text (&segment->description);
}

const char * const *
anju_segment_get_suggestions (AnjuSegmentModel *model,
                              const char       *segment_id)
{
  Segment *segment = find_segment (model, segment_id);

  if (segment == NULL)
    return no_suggestions;
  return (const char * const *)(prefers_chinese () ? segment->suggestions_zh
                                                   : segment->suggestions_en);
}

/* Additions beyond the header (for a model picker and a grouped list):
 * declared in anju-segmentation.h by the lead. */

/* The model's description (axes and reading order), or "". */
const char *
anju_segment_model_get_description (AnjuSegmentModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  if (model->description.en == NULL && model->description.zh == NULL)
    return "";
  return pick_text (&model->description);
}

/* Groups in display order (the file's "groups"). */
guint
anju_segment_model_get_n_groups (AnjuSegmentModel *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->groups->len;
}

const char *
anju_segment_model_get_group_id (AnjuSegmentModel *model,
                                 guint             index)
{
  g_return_val_if_fail (model != NULL, NULL);
  if (index >= model->groups->len)
    return NULL;
  return ((Group *)g_ptr_array_index (model->groups, index))->id;
}

const char *
anju_segment_group_get_name (AnjuSegmentModel *model,
                             const char       *group_id)
{
  Group *group;

  g_return_val_if_fail (model != NULL, NULL);
  group = find_group (model, group_id);
  return group != NULL ? pick_text (&group->name) : NULL;
}

const char *
anju_segment_get_group_id (AnjuSegmentModel *model,
                           const char       *segment_id)
{
  Segment *segment = find_segment (model, segment_id);

  return segment != NULL ? segment->group_id : NULL;
}

/* --- suggesting --------------------------------------------------------- */

static gboolean
match_condition (const Condition *condition,
                 JsonObject      *profile)
{
  JsonNode *node = json_object_get_member (profile, condition->dim->key);

  /* A dimension the consultant has not filled in says nothing. */
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (condition->values != NULL)
    return json_node_get_value_type (node) == G_TYPE_STRING &&
           g_strv_contains ((const char * const *)condition->values, json_node_get_string (node));
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  return json_node_get_int (node) >= condition->min && json_node_get_int (node) <= condition->max;
}

const char *
anju_segment_model_suggest (AnjuSegmentModel *model,
                            JsonObject       *profile)
{
  g_return_val_if_fail (model != NULL, NULL);

  if (profile == NULL)
    return NULL;
  for (guint i = 0; i < model->segments->len; i++)
    {
      Segment *segment = g_ptr_array_index (model->segments, i);

      for (guint j = 0; j < segment->rules->len; j++)
        {
          Rule *rule = g_ptr_array_index (segment->rules, j);
          gboolean holds = TRUE;

          for (guint k = 0; holds && k < rule->conditions->len; k++)
            holds = match_condition (g_ptr_array_index (rule->conditions, k), profile);
          if (holds)
            return segment->id;
        }
    }
  return NULL;
}
