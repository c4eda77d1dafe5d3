/* anju-json.c — the one strict JSON reader for text from outside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-json.h"

/* Where the scan is, to name it in an error: a member name or an index
 * for each open container. */
typedef struct
{
  gboolean object;
  guint    index;
  char     key[48];
} Frame;

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  guint       depth;
  Frame       frames[ANJU_JSON_MAX_DEPTH];
  GError    **error;
} Scan;

static char *
scan_path (const Scan *s)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < s->depth; i++)
    {
      const Frame *f = &s->frames[i];

      if (!f->object)
        g_string_append_printf (path, "[%u]", f->index);
      else if (f->key[0] != '\0')
        g_string_append_printf (path, "%s%s", path->len ? "." : "", f->key);
    }
  if (path->len == 0)
    {
      g_string_free (path, TRUE);
      return NULL;
    }
  return g_string_free (path, FALSE);
}

static gboolean
fail_syntax (Scan *s)
{
  anju_command_reject (s->error, ANJU_COMMAND_ERROR_MALFORMED, NULL,
                       _("The JSON text is not valid at byte %lu. Send strict JSON: double quotes, no comments, no trailing commas."),
                       (unsigned long)(s->p - s->start));
  return FALSE;
}

static void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      value = value * 16 + d;
    }
  return value;
}

/* A string at s->p (the opening quote); a member name goes into @key. */
static gboolean
scan_string (Scan *s,
             char *key,
             gsize key_size)
{
  gsize k = 0;
  g_autofree char *path = NULL;

  s->p++;
  while (s->p < s->end)
    {
      guchar c = *s->p;

      if (c == '"')
        {
          s->p++;
          if (key != NULL)
            key[k] = '\0';
          return TRUE;
        }
      if (c < 0x20)
        return fail_syntax (s);
      if (c == '\\')
        {
          int unit;

          if (s->p + 1 >= s->end)
            return fail_syntax (s);
          c = s->p[1];
          if (c != 'u')
            {
              if (!strchr ("\"\\/bfnrt", c))
                return fail_syntax (s);
              s->p += 2;
              if (key != NULL && k + 1 < key_size)
                key[k++] = c;
              continue;
            }
          if (s->end - s->p < 6 || (unit = hex4 (s->p + 2)) < 0)
            return fail_syntax (s);
          s->p += 6;
          if (unit == 0)
            {
              path = scan_path (s);
              anju_command_reject (s->error, ANJU_COMMAND_ERROR_INVALID_FIELD, path,
                                   _("“%s” holds a NUL character (\\u0000). Remove it and send the text again."),
                                   path ? path : "");
              return FALSE;
            }
          if (unit >= 0xDC00 && unit <= 0xDFFF)
            goto lone;
          if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              int low;

              if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u' ||
                  (low = hex4 (s->p + 2)) < 0xDC00 || low > 0xDFFF)
                goto lone;
              s->p += 6;
            }
          continue;
        }
      if (key != NULL && k + 1 < key_size)
        key[k++] = c;
      s->p++;
    }
  return fail_syntax (s);

lone:
  path = scan_path (s);
  anju_command_reject (s->error, ANJU_COMMAND_ERROR_INVALID_FIELD, path,
                       _("“%s” holds a broken character (half of a UTF-16 surrogate pair). Correct the text and send it again."),
                       path ? path : "");
  return FALSE;
}

static gboolean
scan_digits (Scan *s)
{
  const char *from = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > from;
}

static gboolean
scan_number (Scan *s)
{
  if (*s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (!scan_digits (s))
    return fail_syntax (s);
  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (!scan_digits (s))
        return fail_syntax (s);
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return fail_syntax (s);
    }
  return TRUE;
}

static gboolean
scan_literal (Scan       *s,
              const char *word)
{
  gsize n = strlen (word);

  if ((gsize)(s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return fail_syntax (s);
  s->p += n;
  return TRUE;
}

static gboolean scan_value (Scan *s);

/* An array or object at s->p; @close is ']' or '}'. */
static gboolean
scan_container (Scan *s,
                char  close)
{
  Frame *frame;
  gboolean object = close == '}';

  if (s->depth == ANJU_JSON_MAX_DEPTH)
    {
      /* The member of the outermost object it is in: a path of sixty
       * levels would name nothing useful. */
      const char *path = s->frames[0].object && s->frames[0].key[0] ? s->frames[0].key : NULL;

      anju_command_reject (s->error, ANJU_COMMAND_ERROR_MALFORMED, path,
                           _("The JSON text is nested deeper than %u levels. Send flatter data."),
                           (guint)ANJU_JSON_MAX_DEPTH);
      return FALSE;
    }
  frame = &s->frames[s->depth++];
  frame->object = object;
  frame->index = 0;
  frame->key[0] = '\0';
  s->p++;
  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }
  for (;;)
    {
      if (object)
        {
          skip_space (s);
          if (s->p >= s->end || *s->p != '"' || !scan_string (s, frame->key, sizeof frame->key))
            return s->error && *s->error ? FALSE : fail_syntax (s);
          skip_space (s);
          if (s->p >= s->end || *s->p != ':')
            return fail_syntax (s);
          s->p++;
        }
      if (!scan_value (s))
        return FALSE;
      skip_space (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          frame->index++;
          continue;
        }
      if (s->p < s->end && *s->p == close)
        {
          s->p++;
          s->depth--;
          return TRUE;
        }
      return fail_syntax (s);
    }
}

static gboolean
scan_value (Scan *s)
{
  skip_space (s);
  if (s->p >= s->end)
    return fail_syntax (s);
  switch (*s->p)
    {
    case '{':
      return scan_container (s, '}');
    case '[':
      return scan_container (s, ']');
    case '"':
      return scan_string (s, NULL, 0);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    default:
      if (*s->p == '-' || g_ascii_isdigit (*s->p))
        return scan_number (s);
      return fail_syntax (s);
    }
}

gboolean
anju_json_check (const char  *data,
                 gsize        length,
                 GError     **error)
{
  Scan s = { data, data, data + length, 0, { { 0 } }, error };
  g_autoptr(GError) local_error = NULL;

  if (error == NULL)
    s.error = &local_error;
  if (data == NULL || length == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, NULL,
                           _("The JSON text is empty."));
      return FALSE;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, NULL,
                           _("The JSON text is not UTF-8. Send it encoded as UTF-8."));
      return FALSE;
    }
  if (!scan_value (&s))
    return FALSE;
  skip_space (&s);
  if (s.p != s.end)
    return fail_syntax (&s);
  return TRUE;
}

JsonNode *
anju_json_parse (const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!anju_json_check (data, length, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, NULL,
                           _("The JSON text could not be read (%s)."),
                           local_error ? local_error->message : "empty");
      return NULL;
    }
  return json_node_ref (root);
}

gboolean
anju_text_is_clean (const char *text,
                    gsize       length)
{
  return g_utf8_validate_len (text, length, NULL);
}

static gboolean
check_texts (JsonNode    *node,
             GString     *path,
             guint        depth,
             GError     **error)
{
  gsize mark = path->len;

  if (depth > ANJU_JSON_MAX_DEPTH)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, path->str,
                           _("The JSON text is nested deeper than %u levels. Send flatter data."),
                           (guint)ANJU_JSON_MAX_DEPTH);
      return FALSE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (anju_text_is_clean (text, strlen (text)))
        return TRUE;
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, path->str,
                           _("“%s” is not valid UTF-8 text. Correct the text and send it again."),
                           path->str);
      return FALSE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append_printf (path, "[%u]", i);
          if (!check_texts (json_array_get_element (array, i), path, depth + 1, error))
            return FALSE;
          g_string_truncate (path, mark);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (!anju_text_is_clean (name, strlen (name)))
            {
              anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, path->str,
                                   _("“%s” has a member name that is not valid UTF-8. Correct it and send it again."),
                                   path->str);
              return FALSE;
            }
          g_string_append_printf (path, "%s%s", path->len ? "." : "", name);
          if (!check_texts (member, path, depth + 1, error))
            return FALSE;
          g_string_truncate (path, mark);
        }
    }
  return TRUE;
}

gboolean
anju_json_check_texts (JsonNode    *node,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GString) where = g_string_new (path);

  return node == NULL || check_texts (node, where, 0, error);
}
