/* anju-paper-template.c — a paper's template filled from its model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template (data/templates/KIND.json, see docs/papers.md) is a list of
 * blocks whose texts hold placeholders {path|filter:argument}. A path names
 * a member of the model ("unit.label", "buyers.0.name", "#" for the 1-based
 * position inside "each" or a table); inside "each" and table rows it is
 * looked up in the current element first, then outwards to the model. A
 * path ending in "?" may be missing (it prints nothing); any other missing
 * member refuses the paper, naming it, so a paper never goes out with a
 * blank where the buyer's name or the price should be.
 *
 * Every amount is a decimal string of yuan ("4390400.00") parsed to exact
 * fen by anju-money; no paper does arithmetic on money.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "anju-format.h"
#include "anju-money.h"
#include "anju-paper-private.h"

typedef struct _Scope Scope;
struct _Scope
{
  JsonNode    *node;
  guint        index;       /* position in its array, from 0 */
  const Scope *parent;
};

typedef struct
{
  const char *path;         /* the template file, for messages */
  JsonObject *formats;      /* the template's, then common.json's */
  JsonObject *labels;
  JsonObject *common_formats;
  JsonObject *common_labels;
} Expander;

/* --- looking values up ------------------------------------------------- */

/* Members of the template that may be absent: NULL then, never a warning. */
static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object_element (JsonArray *array,
                    guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
lookup_in (JsonNode   *node,
           char      **parts)
{
  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          node = json_object_get_member (object, parts[i]);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index;

          if (!g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXUINT, &index, NULL) ||
              index >= json_array_get_length (array))
            return NULL;
          node = json_array_get_element (array, index);
        }
      else
        return NULL;
    }
  return node;
}

/* The node at @path, looked up from the innermost scope outwards by its
 * first member; NULL when none has it (or it is null). */
static JsonNode *
lookup (const Scope *scope,
        const char  *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (; scope != NULL; scope = scope->parent)
    {
      JsonNode *first = lookup_in (scope->node, (char *[]) { parts[0], NULL });
      JsonNode *found;

      if (first == NULL)
        continue;
      found = lookup_in (scope->node, parts);
      return found != NULL && !JSON_NODE_HOLDS_NULL (found) ? found : NULL;
    }
  return NULL;
}

static gboolean
set_model_error (GError    **error,
                 const char *path)
{
  g_set_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_MODEL,
               _("The paper’s data has no “%s”; the template needs it."), path);
  return FALSE;
}

/* @message: a whole sentence with one %s for the member's path. */
static gboolean
set_value_error (GError    **error,
                 const char *message,
                 const char *path)
{
  g_set_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_MODEL, message, path);
  return FALSE;
}

static gboolean
set_template_error (GError    **error,
                    const char *template_path,
                    const char *what)
{
  g_set_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_TEMPLATE,
               _("The template %s is wrong at “%s”. Correct the file (see docs/papers.md)."),
               template_path, what);
  return FALSE;
}

/* A scalar as text: strings as they are, whole numbers in decimal. Amounts,
 * rates and areas travel as strings, so a fraction here is a mistake. */
static char *
scalar_to_string (JsonNode   *node,
                  const char *path,
                  GError    **error)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return json_node_dup_string (node);
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%lld", (long long) json_node_get_int (node));
    }
  set_value_error (error, _("“%s” in the paper’s data must be text or a whole number; write amounts as strings such as \"5307.27\"."), path);
  return NULL;
}

/* --- filters ----------------------------------------------------------- */

static const char *
lookup_format (const Expander *ex,
               const char     *name)
{
  const char *format = NULL;

  if (ex->formats != NULL)
    format = json_object_get_string_member_with_default (ex->formats, name, NULL);
  if (format == NULL && ex->common_formats != NULL)
    format = json_object_get_string_member_with_default (ex->common_formats, name, NULL);
  return format;
}

static char *
format_time (const Expander *ex,
             const char     *text,
             const char     *format_name,
             const char     *path,
             GError        **error)
{
  const char *format;
  g_autoptr(GDateTime) time = NULL;

  if ((format = lookup_format (ex, format_name)) == NULL)
    {
      g_autofree char *what = g_strdup_printf ("formats.%s", format_name);

      set_template_error (error, ex->path, what);
      return NULL;
    }
  if (strchr (text, 'T') != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (text, g_time_zone_new_utc ());

      if (utc != NULL)
        time = g_date_time_to_timezone (utc, anju_format_get_time_zone ());
    }
  else
    {
      int y, m, d;

      if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3)
        time = g_date_time_new (anju_format_get_time_zone (), y, m, d, 0, 0, 0);
    }
  if (time == NULL)
    {
      set_value_error (error, _("“%s” in the paper’s data is not a date (YYYY-MM-DD) or an ISO 8601 time."), path);
      return NULL;
    }
  return g_date_time_format (time, format);
}

static const char *
find_label_in (JsonObject *labels,
               const char *set,
               const char *code)
{
  JsonObject *names = labels ? get_object (labels, set) : NULL;

  return names ? json_object_get_string_member_with_default (names, code, NULL) : NULL;
}

static const char *
find_label (const Expander *ex,
            const char     *set,
            const char     *code)
{
  const char *label = find_label_in (ex->labels, set, code);

  return label ? label : find_label_in (ex->common_labels, set, code);
}

static char *
apply_filter (const Expander *ex,
              const char     *text,
              const char     *filter,
              const char     *argument,
              const char     *path,
              GError        **error)
{
  AnjuFen fen;
  gint64 area;

  if (filter == NULL)
    return g_strdup (text);
  if (g_str_equal (filter, "money") || g_str_equal (filter, "capitals"))
    {
      if (!anju_money_parse (text, &fen, NULL))
        {
          set_value_error (error, _("“%s” in the paper’s data is not an amount such as 5307.27."), path);
          return NULL;
        }
      return g_str_equal (filter, "money") ? anju_money_format (fen)
                                           : anju_money_to_capitals (fen);
    }
  if (g_str_equal (filter, "date") || g_str_equal (filter, "datetime"))
    return format_time (ex, text, filter, path, error);
  if (g_str_equal (filter, "area"))
    {
      if (!anju_area_parse (text, &area, NULL))
        {
          set_value_error (error, _("“%s” in the paper’s data is not an area such as 128.00."), path);
          return NULL;
        }
      return anju_format_area (area);
    }
  if (g_str_equal (filter, "percent"))
    return g_strconcat (text, "%", NULL);
  if (g_str_equal (filter, "label") && argument != NULL)
    {
      const char *label = find_label (ex, argument, text);

      if (label == NULL)
        {
          g_autofree char *what = g_strdup_printf ("labels.%s.%s", argument, text);

          set_template_error (error, ex->path, what);
          return NULL;
        }
      return g_strdup (label);
    }
  {
    g_autofree char *what = g_strdup_printf ("|%s", filter);

    set_template_error (error, ex->path, what);
    return NULL;
  }
}

/* "{list|join:member}": the member of every element (or the elements
 * themselves) joined with formats.list_separator. */
static char *
join_array (const Expander *ex,
            JsonArray      *array,
            const char     *member,
            const char     *path,
            GError        **error)
{
  const char *separator = lookup_format (ex, "list_separator");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *text = NULL;

      if (member != NULL)
        node = JSON_NODE_HOLDS_OBJECT (node)
                 ? json_object_get_member (json_node_get_object (node), member) : NULL;
      if (node == NULL)
        {
          g_autofree char *where = g_strdup_printf ("%s.%u.%s", path, i, member);

          set_model_error (error, where);
          return NULL;
        }
      if (!(text = scalar_to_string (node, path, error)))
        return NULL;
      if (i > 0)
        g_string_append (out, separator ? separator : ", ");
      g_string_append (out, text);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One placeholder's inside, "path?|filter:argument", as text. */
static char *
expand_placeholder (const Expander *ex,
                    const Scope    *scope,
                    const char     *inside,
                    GError        **error)
{
  g_auto(GStrv) pipe = g_strsplit (inside, "|", 2);
  g_autofree char *path = g_strstrip (g_strdup (pipe[0]));
  g_autofree char *text = NULL;
  g_auto(GStrv) filter = NULL;
  gboolean optional = g_str_has_suffix (path, "?");
  JsonNode *node;

  if (optional)
    path[strlen (path) - 1] = '\0';
  if (pipe[1] != NULL)
    filter = g_strsplit (g_strstrip (pipe[1]), ":", 2);

  if (g_str_equal (path, "#"))
    return g_strdup_printf ("%u", scope->index + 1);
  node = lookup (scope, path);
  if (node == NULL)
    {
      if (optional)
        return g_strdup ("");
      set_model_error (error, path);
      return NULL;
    }
  if (JSON_NODE_HOLDS_ARRAY (node) && filter != NULL && g_str_equal (filter[0], "join"))
    return join_array (ex, json_node_get_array (node), filter[1], path, error);
  if (!(text = scalar_to_string (node, path, error)))
    return NULL;
  if (optional && *text == '\0')
    return g_steal_pointer (&text);
  return apply_filter (ex, text, filter ? filter[0] : NULL,
                       filter ? filter[1] : NULL, path, error);
}

/* @text with every {placeholder} replaced; "{{" is a literal brace. */
static char *
expand_text (const Expander *ex,
             const Scope    *scope,
             const char     *text,
             GError        **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *inside = NULL;
      g_autofree char *value = NULL;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      if (open[1] == '{')
        {
          g_string_append_c (out, '{');
          p = open + 2;
          continue;
        }
      if ((close = strchr (open, '}')) == NULL)
        {
          set_template_error (error, ex->path, text);
          return NULL;
        }
      inside = g_strndup (open + 1, close - open - 1);
      if (!(value = expand_placeholder (ex, scope, inside, error)))
        return NULL;
      g_string_append (out, value);
      p = close + 1;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- conditions -------------------------------------------------------- */

static gboolean
node_is_true (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (node);
    case G_TYPE_INT64:
      return json_node_get_int (node) != 0;
    case G_TYPE_STRING:
      return *json_node_get_string (node) != '\0';
    default:
      return TRUE;
    }
}

/* "path" holds when the member is there and not false, 0, "" or [];
 * "path=value" when its text is value. */
static gboolean
condition_holds (const Scope *scope,
                 const char  *condition)
{
  g_auto(GStrv) parts = g_strsplit (condition, "=", 2);
  JsonNode *node = lookup (scope, parts[0]);

  if (parts[1] == NULL)
    return node_is_true (node);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_str_equal (json_node_get_string (node), parts[1]);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_autofree char *text = g_strdup_printf ("%lld", (long long) json_node_get_int (node));

      return g_str_equal (text, parts[1]);
    }
  return FALSE;
}

/* Whether an element of the template ({…, "when": …, "unless": …}) is
 * shown. */
static gboolean
element_shown (JsonObject  *element,
               const Scope *scope)
{
  const char *when = json_object_get_string_member_with_default (element, "when", NULL);
  const char *unless = json_object_get_string_member_with_default (element, "unless", NULL);

  return (when == NULL || condition_holds (scope, when)) &&
         (unless == NULL || !condition_holds (scope, unless));
}

/* --- blocks ------------------------------------------------------------ */

void
anju_paper_block_free (AnjuPaperBlock *block)
{
  g_free (block->text);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_clear_pointer (&block->titles, g_ptr_array_unref);
  g_clear_pointer (&block->aligns, g_array_unref);
  g_clear_pointer (&block->widths, g_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_clear_pointer (&block->footer, g_ptr_array_unref);
  g_free (block);
}

void
anju_paper_stamp_free (AnjuPaperStamp *stamp)
{
  g_free (stamp->text);
  g_free (stamp);
}

static void
field_free (AnjuPaperField *field)
{
  g_free (field->label);
  g_free (field->value);
  g_free (field);
}

static AnjuPaperAlign
parse_align (JsonObject *object)
{
  const char *align = json_object_get_string_member_with_default (object, "align", "left");

  if (g_str_equal (align, "center"))
    return ANJU_PAPER_ALIGN_CENTER;
  if (g_str_equal (align, "right"))
    return ANJU_PAPER_ALIGN_RIGHT;
  return ANJU_PAPER_ALIGN_LEFT;
}

/* The array at @source in @scope; a missing source is an error unless the
 * block says "optional". */
static JsonArray *
get_source (const Scope *scope,
            JsonObject  *block,
            GError     **error)
{
  const char *source = json_object_get_string_member_with_default (block, "source", NULL);
  JsonNode *node = source ? lookup (scope, source) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);
  if (node == NULL && json_object_get_boolean_member_with_default (block, "optional", FALSE))
    return NULL;
  if (source != NULL && node != NULL)
    set_value_error (error, _("“%s” in the paper’s data is not a list."), source);
  else
    set_model_error (error, source ? source : "source");
  return NULL;
}

/* Texts of @items (strings or {text, when}) in @scope, appended to @out. */
static gboolean
expand_items (const Expander *ex,
              const Scope    *scope,
              JsonArray      *items,
              GPtrArray      *out,
              GError        **error)
{
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      const char *text;
      char *expanded;

      if (JSON_NODE_HOLDS_OBJECT (item))
        {
          JsonObject *object = json_node_get_object (item);

          if (!element_shown (object, scope))
            continue;
          text = json_object_get_string_member_with_default (object, "text", "");
        }
      else
        text = json_node_get_string (item);
      if (text == NULL)
        return set_template_error (error, ex->path, "items");
      if (!(expanded = expand_text (ex, scope, text, error)))
        return FALSE;
      g_ptr_array_add (out, expanded);
    }
  return TRUE;
}

static gboolean
expand_fields (const Expander *ex,
               const Scope    *scope,
               JsonObject     *object,
               AnjuPaperBlock *block,
               GError        **error)
{
  JsonArray *items = get_array (object, "items");

  block->columns = MAX (1, json_object_get_int_member_with_default (object, "columns", 2));
  block->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = get_object_element (items, i);
      AnjuPaperField *field;
      char *label, *value;

      if (item == NULL)
        return set_template_error (error, ex->path, "fields.items");
      if (!element_shown (item, scope))
        continue;
      if (!(label = expand_text (ex, scope, json_object_get_string_member_with_default (item, "label", ""), error)))
        return FALSE;
      if (!(value = expand_text (ex, scope, json_object_get_string_member_with_default (item, "value", ""), error)))
        {
          g_free (label);
          return FALSE;
        }
      field = g_new0 (AnjuPaperField, 1);
      field->label = label;
      field->value = value;
      field->span = CLAMP (json_object_get_int_member_with_default (item, "span", 1), 1, block->columns);
      g_ptr_array_add (block->cells, field);
    }
  return TRUE;
}

static gboolean
expand_table (const Expander *ex,
              const Scope    *scope,
              JsonObject     *object,
              AnjuPaperBlock *block,
              GError        **error)
{
  JsonArray *columns = get_array (object, "columns");
  JsonArray *footer = get_array (object, "footer");
  guint limit = json_object_get_int_member_with_default (object, "limit", G_MAXUINT);
  JsonArray *source;
  g_autoptr(GError) source_error = NULL;
  guint n_columns = columns ? json_array_get_length (columns) : 0;

  if (n_columns == 0)
    return set_template_error (error, ex->path, "table.columns");
  source = get_source (scope, object, &source_error);
  if (source_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&source_error));
      return FALSE;
    }
  block->titles = g_ptr_array_new_with_free_func (g_free);
  block->aligns = g_array_new (FALSE, FALSE, sizeof (AnjuPaperAlign));
  block->widths = g_array_new (FALSE, FALSE, sizeof (double));
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint c = 0; c < n_columns; c++)
    {
      JsonObject *column = get_object_element (columns, c);
      AnjuPaperAlign align;
      double width;

      if (column == NULL)
        return set_template_error (error, ex->path, "table.columns");
      align = parse_align (column);
      width = json_object_get_double_member_with_default (column, "width", 1.0);
      g_ptr_array_add (block->titles,
                       g_strdup (json_object_get_string_member_with_default (column, "title", "")));
      g_array_append_val (block->aligns, align);
      g_array_append_val (block->widths, width);
    }
  for (guint r = 0; source != NULL && r < json_array_get_length (source) && r < limit; r++)
    {
      Scope row_scope = { json_array_get_element (source, r), r, scope };
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (block->rows, row);
      for (guint c = 0; c < n_columns; c++)
        {
          JsonObject *column = get_object_element (columns, c);
          char *cell = expand_text (ex, &row_scope,
                                    json_object_get_string_member_with_default (column, "value", ""),
                                    error);
          if (cell == NULL)
            return FALSE;
          g_ptr_array_add (row, cell);
        }
    }
  if (footer != NULL)
    {
      block->footer = g_ptr_array_new_with_free_func (g_free);
      if (!expand_items (ex, scope, footer, block->footer, error))
        return FALSE;
      while (block->footer->len < n_columns)
        g_ptr_array_add (block->footer, g_strdup (""));
    }
  return TRUE;
}

static gboolean expand_blocks (const Expander *ex,
                               const Scope    *scope,
                               JsonArray      *blocks,
                               GPtrArray      *out,
                               GError        **error);

/* "each": the inner blocks once per element of "source". */
static gboolean
expand_each (const Expander *ex,
             const Scope    *scope,
             JsonObject     *object,
             GPtrArray      *out,
             GError        **error)
{
  g_autoptr(GError) source_error = NULL;
  JsonArray *source = get_source (scope, object, &source_error);
  JsonArray *blocks = get_array (object, "blocks");

  if (source_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&source_error));
      return FALSE;
    }
  for (guint i = 0; source != NULL && i < json_array_get_length (source); i++)
    {
      Scope inner = { json_array_get_element (source, i), i, scope };

      if (!expand_blocks (ex, &inner, blocks, out, error))
        return FALSE;
    }
  return TRUE;
}

static const struct
{
  const char         *name;
  AnjuPaperBlockType  type;
} block_types[] = {
  { "title", ANJU_BLOCK_TITLE },
  { "meta", ANJU_BLOCK_META },
  { "heading", ANJU_BLOCK_HEADING },
  { "paragraph", ANJU_BLOCK_PARAGRAPH },
  { "fields", ANJU_BLOCK_FIELDS },
  { "list", ANJU_BLOCK_LIST },
  { "table", ANJU_BLOCK_TABLE },
  { "signatures", ANJU_BLOCK_SIGNATURES },
  { "spacer", ANJU_BLOCK_SPACER },
};

static gboolean
expand_block (const Expander *ex,
              const Scope    *scope,
              JsonObject     *object,
              AnjuPaperBlock *block,
              GError        **error)
{
  const char *text = json_object_get_string_member_with_default (object, "text", NULL);
  g_autoptr(GError) source_error = NULL;

  block->align = parse_align (object);
  block->small = json_object_get_boolean_member_with_default (object, "small", FALSE);
  block->bold = json_object_get_boolean_member_with_default (object, "bold", FALSE);
  block->numbered = json_object_get_boolean_member_with_default (object, "numbered", TRUE);
  block->height = json_object_get_double_member_with_default (object, "height", 12.0);
  block->keep = json_object_get_double_member_with_default (object, "keep",
                                                            block->type == ANJU_BLOCK_HEADING ? 72.0 : 0.0);
  if (text != NULL && !(block->text = expand_text (ex, scope, text, error)))
    return FALSE;

  switch (block->type)
    {
    case ANJU_BLOCK_FIELDS:
      return expand_fields (ex, scope, object, block, error);
    case ANJU_BLOCK_TABLE:
      return expand_table (ex, scope, object, block, error);
    case ANJU_BLOCK_LIST:
    case ANJU_BLOCK_SIGNATURES:
      block->cells = g_ptr_array_new_with_free_func (g_free);
      if (!expand_items (ex, scope, get_array (object, "items"),
                         block->cells, error))
        return FALSE;
      if (json_object_has_member (object, "source"))
        {
          JsonArray *source = get_source (scope, object, &source_error);
          const char *item = json_object_get_string_member_with_default (object, "item", "");

          if (source_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&source_error));
              return FALSE;
            }
          for (guint i = 0; source != NULL && i < json_array_get_length (source); i++)
            {
              Scope inner = { json_array_get_element (source, i), i, scope };
              char *expanded = expand_text (ex, &inner, item, error);

              if (expanded == NULL)
                return FALSE;
              g_ptr_array_add (block->cells, expanded);
            }
        }
      return TRUE;
    default:
      if (block->type != ANJU_BLOCK_SPACER && block->text == NULL)
        return set_template_error (error, ex->path, "text");
      return TRUE;
    }
}

static gboolean
expand_blocks (const Expander *ex,
               const Scope    *scope,
               JsonArray      *blocks,
               GPtrArray      *out,
               GError        **error)
{
  if (blocks == NULL)
    return set_template_error (error, ex->path, "blocks");
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonObject *object = get_object_element (blocks, i);
      const char *type = object ? json_object_get_string_member_with_default (object, "type", "") : "";
      AnjuPaperBlock *block;
      gboolean known = FALSE;

      if (object == NULL)
        return set_template_error (error, ex->path, "blocks");
      if (!element_shown (object, scope))
        continue;
      if (g_str_equal (type, "each"))
        {
          if (!expand_each (ex, scope, object, out, error))
            return FALSE;
          continue;
        }
      block = g_new0 (AnjuPaperBlock, 1);
      for (guint t = 0; t < G_N_ELEMENTS (block_types); t++)
        if (g_str_equal (type, block_types[t].name))
          {
            block->type = block_types[t].type;
            known = TRUE;
          }
      if (!known)
        {
          g_autofree char *what = g_strdup_printf ("\"type\": \"%s\"", type);

          anju_paper_block_free (block);
          return set_template_error (error, ex->path, what);
        }
      g_ptr_array_add (out, block);
      if (!expand_block (ex, scope, object, block, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
expand_stamps (const Expander *ex,
               const Scope    *scope,
               JsonArray      *stamps,
               GPtrArray      *out,
               GError        **error)
{
  for (guint i = 0; stamps != NULL && i < json_array_get_length (stamps); i++)
    {
      JsonObject *object = get_object_element (stamps, i);
      AnjuPaperStamp *stamp;
      char *text;

      if (object == NULL)
        return set_template_error (error, ex->path, "stamps");
      if (!element_shown (object, scope))
        continue;
      if (!(text = expand_text (ex, scope, json_object_get_string_member_with_default (object, "text", ""), error)))
        return FALSE;
      stamp = g_new0 (AnjuPaperStamp, 1);
      stamp->text = text;
      stamp->corner = json_object_get_boolean_member_with_default (object, "corner", FALSE);
      g_ptr_array_add (out, stamp);
    }
  return TRUE;
}

gboolean
anju_paper_expand_template (AnjuPaper   *paper,
                            const char  *path,
                            JsonObject  *model,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) common_parser = json_parser_new ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *common_path = g_build_filename (dir, "common.json", NULL);
  g_autoptr(JsonNode) model_node = json_node_init_object (json_node_alloc (), model);
  g_autoptr(GError) local_error = NULL;
  JsonObject *template;
  Expander ex = { path, NULL, NULL, NULL, NULL };
  Scope root = { model_node, 0, NULL };
  const char *text;

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_TEMPLATE,
                   _("Could not read the template %s: %s"), path, local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return set_template_error (error, path, "not an object");
  template = json_node_get_object (json_parser_get_root (parser));
  ex.formats = get_object (template, "formats");
  ex.labels = get_object (template, "labels");
  /* common.json beside the template: formats and labels every paper shares */
  if (g_file_test (common_path, G_FILE_TEST_EXISTS))
    {
      JsonNode *root_node;

      if (!json_parser_load_from_file (common_parser, common_path, &local_error))
        {
          g_set_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_TEMPLATE,
                       _("Could not read the template %s: %s"), common_path, local_error->message);
          return FALSE;
        }
      root_node = json_parser_get_root (common_parser);
      if (JSON_NODE_HOLDS_OBJECT (root_node))
        {
          ex.common_formats = get_object (json_node_get_object (root_node), "formats");
          ex.common_labels = get_object (json_node_get_object (root_node), "labels");
        }
    }

  /* Regular text in Noto Serif CJK: cairo 1.16 (Debian 12) subsets some
   * glyphs of Noto Sans CJK SC Regular wrongly into PDFs (如 prints blank),
   * while Serif Regular and Sans Bold come out whole (docs/papers.md). */
  paper->font = g_strdup (json_object_get_string_member_with_default (template, "font", "Noto Serif CJK SC"));
  paper->bold_font = g_strdup (json_object_get_string_member_with_default (template, "bold_font", "Noto Sans CJK SC"));
  paper->font_size = json_object_get_double_member_with_default (template, "font_size", 10.5);
  paper->page_number = g_strdup (json_object_get_string_member_with_default (template, "page_number", "{page} / {pages}"));
  if (!(text = json_object_get_string_member_with_default (template, "title", NULL)))
    return set_template_error (error, path, "title");
  if (!(paper->title = expand_text (&ex, &root, text, error)))
    return FALSE;
  text = json_object_get_string_member_with_default (template, "footer", "");
  if (!(paper->footer = expand_text (&ex, &root, text, error)))
    return FALSE;
  if (!expand_stamps (&ex, &root, get_array (template, "stamps"),
                      paper->stamps, error))
    return FALSE;
  return expand_blocks (&ex, &root,
                        get_array (template, "blocks"),
                        paper->blocks, error);
}
