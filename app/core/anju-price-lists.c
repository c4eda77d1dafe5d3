/* anju-price-lists.c — CSV price lists, versions and the import command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-format.h"
#include "anju-price-lists.h"
#include "anju-projects.h"

/* The same bounds as unit.create. */
#define MAX_AREA           10000000                          /* 100,000.00 m² */
#define MAX_PRICE          G_GINT64_CONSTANT (1000000000000)  /* ¥10,000,000,000.00 */
#define MAX_LAYOUT_CHARS   40
#define MAX_ORIENT_CHARS   20
#define MAX_OFFER_CHARS    100
#define MAX_NOTE_CHARS     200

typedef enum
{
  KIND_TEXT,
  KIND_INT,
  KIND_AREA,
  KIND_MONEY,
  KIND_BOOL,
  KIND_IGNORED,   /* written by the export, read back without effect */
} ColumnKind;

static const struct
{
  const char *name;       /* in the header and in every problem */
  const char *member;     /* in the command's rows */
  const char *aliases[3]; /* the Chinese headers offices use */
  ColumnKind  kind;
  gboolean    required;
} columns[] = {
  { "building", "building", { "楼栋", "楼号", NULL }, KIND_TEXT, TRUE },
  { "number", "number", { "房号", "房间号", NULL }, KIND_TEXT, TRUE },
  { "floor", "floor", { "楼层", NULL }, KIND_INT, TRUE },
  { "layout", "layout", { "户型", NULL }, KIND_TEXT, TRUE },
  { "orientation", "orientation", { "朝向", NULL }, KIND_TEXT, FALSE },
  { "gross_area_m2", "gross_area", { "建筑面积", NULL }, KIND_AREA, TRUE },
  { "inner_area_m2", "inner_area", { "套内面积", NULL }, KIND_AREA, TRUE },
  { "list_price_yuan", "list_price", { "总价", "表价", NULL }, KIND_MONEY, TRUE },
  { "floor_price_yuan", "floor_price", { "底价", NULL }, KIND_MONEY, FALSE },
  { "hot", "hot", { "热销", NULL }, KIND_BOOL, FALSE },
  { "special_offer", "special_offer", { "特价", "优惠", NULL }, KIND_TEXT, FALSE },
  { "price_per_m2_yuan", NULL, { "单价", NULL }, KIND_IGNORED, FALSE },
  { "status", NULL, { "状态", NULL }, KIND_IGNORED, FALSE },
};

#define N_COLUMNS G_N_ELEMENTS (columns)

void
anju_import_problem_free (AnjuImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

/* Adds a problem unless the same line and column has one already (a value
 * the CSV reader refused is not refused again by the checks). */
static void add_problem (GPtrArray  *problems,
                         guint       line,
                         const char *column,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *column,
             const char *format,
             ...)
{
  AnjuImportProblem *p;
  va_list args;

  for (guint i = 0; column != NULL && i < problems->len; i++)
    {
      AnjuImportProblem *q = g_ptr_array_index (problems, i);
      if (q->line == line && g_strcmp0 (q->column, column) == 0)
        return;
    }
  p = g_new0 (AnjuImportProblem, 1);
  p->line = line;
  p->column = g_strdup (column);
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, p);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const AnjuImportProblem *x = *(AnjuImportProblem * const *)a;
  const AnjuImportProblem *y = *(AnjuImportProblem * const *)b;

  return (x->line > y->line) - (x->line < y->line);
}

char *
anju_import_problems_to_string (GPtrArray *problems)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                            "The price list has %u problem; nothing was imported. Correct it and import the file again:",
                                            "The price list has %u problems; nothing was imported. Correct them and import the file again:",
                                            problems->len),
                          problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      AnjuImportProblem *p = g_ptr_array_index (problems, i);

      g_string_append_c (out, '\n');
      if (p->line > 0 && p->column != NULL)
        g_string_append_printf (out, _("line %u, %s: %s"), p->line, p->column, p->message);
      else if (p->line > 0)
        g_string_append_printf (out, _("line %u: %s"), p->line, p->message);
      else
        g_string_append (out, p->message);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- CSV ---------------------------------------------------------------- */

typedef struct
{
  guint      line;       /* where the record starts */
  GPtrArray *fields;     /* char*, trimmed */
  gboolean   utf8;
  int        nul_field;  /* the first field holding a NUL byte, or -1 */
} Record;

static void
record_free (Record *r)
{
  g_ptr_array_unref (r->fields);
  g_free (r);
}

static void
finish_field (Record  *record,
              GString *field)
{
  char *text = g_strdup (field->str);

  /* A NUL byte would cut the cell short unseen: refused, not truncated. */
  if (memchr (field->str, '\0', field->len) != NULL && record->nul_field < 0)
    record->nul_field = record->fields->len;
  if (!g_utf8_validate (text, -1, NULL))
    record->utf8 = FALSE;
  g_ptr_array_add (record->fields, g_strstrip (text));
  g_string_truncate (field, 0);
}

static Record *
new_record (guint line)
{
  Record *r = g_new0 (Record, 1);

  r->line = line;
  r->fields = g_ptr_array_new_with_free_func (g_free);
  r->utf8 = TRUE;
  r->nul_field = -1;
  return r;
}

/* RFC 4180 records: commas, double quotes with "" inside, CR LF or LF.
 * Quotes, commas and line ends are ASCII and never part of a multibyte
 * character in UTF-8 or GBK, so records split right even in a file of
 * the wrong encoding — which is then reported line by line. */
static GPtrArray *
split_records (const char *data,
               gsize       length,
               GPtrArray  *problems)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)record_free);
  g_autoptr(GString) field = g_string_new (NULL);
  Record *record = NULL;
  gboolean quoted = FALSE;
  guint line = 1, quote_line = 0;
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  for (; i < length; i++)
    {
      char c = data[i];

      if (record == NULL)
        record = new_record (line);
      if (quoted)
        {
          if (c == '"' && i + 1 < length && data[i + 1] == '"')
            {
              g_string_append_c (field, '"');
              i++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }
      if (c == '"' && field->len == 0)
        {
          quoted = TRUE;
          quote_line = line;
        }
      else if (c == ',')
        finish_field (record, field);
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && i + 1 < length && data[i + 1] == '\n')
            i++;
          finish_field (record, field);
          g_ptr_array_add (records, record);
          record = NULL;
          line++;
        }
      else
        g_string_append_c (field, c);
    }
  if (quoted)
    add_problem (problems, quote_line, NULL,
                 _("A quotation mark opened here is never closed. Check the quotes around this value."));
  if (record != NULL)
    {
      finish_field (record, field);
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

static gboolean
record_is_blank (Record *r)
{
  if (r->nul_field >= 0)
    return FALSE;
  for (guint i = 0; i < r->fields->len; i++)
    if (*(const char *)g_ptr_array_index (r->fields, i) != '\0')
      return FALSE;
  return TRUE;
}

static int
find_column (const char *header)
{
  g_autofree char *folded = g_ascii_strdown (header, -1);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (g_str_equal (folded, columns[c].name))
        return c;
      for (guint a = 0; columns[c].aliases[a] != NULL; a++)
        if (g_str_equal (header, columns[c].aliases[a]))
          return c;
    }
  return -1;
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = { "1", "yes", "y", "true", "是", "热销", NULL };
  static const char * const no[] = { "0", "no", "n", "false", "否", "", NULL };
  g_autofree char *folded = g_ascii_strdown (text, -1);

  for (guint i = 0; yes[i]; i++)
    if (g_str_equal (folded, yes[i]))
      return (*out = TRUE), TRUE;
  for (guint i = 0; no[i]; i++)
    if (g_str_equal (folded, no[i]))
      return (*out = FALSE), TRUE;
  return FALSE;
}

/* One cell into @row under the column's member. */
static void
read_cell (JsonObject *row,
           guint       line,
           guint       c,
           const char *text,
           GPtrArray  *problems)
{
  const char *name = columns[c].name;
  const char *member = columns[c].member;
  g_autoptr(GError) error = NULL;

  if (columns[c].kind == KIND_IGNORED)
    return;
  if (*text == '\0')
    {
      if (columns[c].required)
        add_problem (problems, line, name, _("The value is missing. Fill it in."));
      else if (columns[c].kind == KIND_BOOL)
        json_object_set_boolean_member (row, member, FALSE);
      else
        json_object_set_null_member (row, member);
      return;
    }
  switch (columns[c].kind)
    {
    case KIND_TEXT:
      /* The export guards a value starting like a formula with an
       * apostrophe (see anju_units_export_csv()); read it back without. */
      if (text[0] == '\'' && text[1] != '\0' && strchr ("=+-@", text[1]) != NULL)
        text++;
      json_object_set_string_member (row, member, text);
      break;
    case KIND_INT:
      {
        guint64 value;

        if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &value, NULL))
          add_problem (problems, line, name, _("“%s” is not a whole number of 1 or more."), text);
        else
          json_object_set_int_member (row, member, (gint64)value);
      }
      break;
    case KIND_AREA:
      {
        gint64 area;

        if (text[0] == '-')
          add_problem (problems, line, name, _("The area “%s” is negative. Areas are more than 0."), text);
        else if (!anju_area_parse (text, &area, &error))
          add_problem (problems, line, name, _("“%s” is not an area in square metres with at most 2 decimals, such as 89.50."),
                       text);
        else
          json_object_set_int_member (row, member, area);
      }
      break;
    case KIND_MONEY:
      {
        AnjuFen fen;

        if (!anju_money_parse (text, &fen, &error))
          add_problem (problems, line, name, _("“%s” is not an amount in yuan with at most 2 decimals, such as 3283700.00."),
                       text);
        else if (fen <= 0)
          add_problem (problems, line, name, _("The amount “%s” must be more than 0."), text);
        else
          json_object_set_int_member (row, member, fen);
      }
      break;
    case KIND_BOOL:
      {
        gboolean value;

        if (!parse_bool (text, &value))
          add_problem (problems, line, name, _("“%s” is not yes or no: write 1 or 0."), text);
        else
          json_object_set_boolean_member (row, member, value);
      }
      break;
    case KIND_IGNORED:
    default:
      break;
    }
}

/* @missing, if not NULL, receives the names of required columns the
 * header lacks (borrowed from the column table). */
static JsonArray *
parse_csv (const char *data,
           gsize       length,
           GPtrArray  *problems,
           GPtrArray  *missing)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonArray) rows = json_array_new ();
  int map[64];
  gboolean seen[N_COLUMNS] = { FALSE };
  Record *header;
  guint n_header;

  records = split_records (data, length, problems);
  while (records->len > 0 && record_is_blank (g_ptr_array_index (records, 0)))
    g_ptr_array_remove_index (records, 0);
  if (records->len == 0)
    {
      add_problem (problems, 0, NULL, _("The file is empty. A price list has a header row and a row per unit."));
      return g_steal_pointer (&rows);
    }

  header = g_ptr_array_index (records, 0);
  if (!header->utf8 || header->nul_field >= 0)
    {
      add_problem (problems, header->line, NULL,
                   _("The header is not UTF-8 text. Save the spreadsheet as “CSV UTF-8” and import it again."));
      return g_steal_pointer (&rows);
    }
  n_header = MIN (header->fields->len, G_N_ELEMENTS (map));
  for (guint i = 0; i < n_header; i++)
    {
      const char *name = g_ptr_array_index (header->fields, i);
      int c = find_column (name);

      map[i] = -1;
      if (c < 0)
        add_problem (problems, header->line, name,
                     _("“%s” is not a price-list column. See the list of columns in data/price-lists/README.md."),
                     name);
      else if (seen[c])
        add_problem (problems, header->line, columns[c].name, _("The column “%s” appears twice."),
                     columns[c].name);
      else
        {
          seen[c] = TRUE;
          map[i] = c;
        }
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && !seen[c])
      {
        add_problem (problems, header->line, columns[c].name,
                     _("The column “%s” is missing from the header."), columns[c].name);
        if (missing != NULL)
          g_ptr_array_add (missing, (gpointer)columns[c].name);
      }

  for (guint r = 1; r < records->len; r++)
    {
      Record *record = g_ptr_array_index (records, r);
      JsonObject *row;

      if (record_is_blank (record))
        continue;
      if (!record->utf8)
        {
          add_problem (problems, record->line, NULL,
                       _("This line is not UTF-8 text. Save the spreadsheet as “CSV UTF-8” and import it again."));
          continue;
        }
      if (record->nul_field >= 0)
        {
          int c = (guint)record->nul_field < n_header ? map[record->nul_field] : -1;

          add_problem (problems, record->line, c >= 0 ? columns[c].name : NULL,
                       _("The value holds a NUL character, which is not text. Remove it and import the file again."));
          continue;
        }
      if (record->fields->len > n_header)
        add_problem (problems, record->line, NULL,
                     /* Translators: the second %u (the header's columns) is always more than one */
                     ngettext ("This line has %u value but the header names %u columns. Check for a stray comma.",
                               "This line has %u values but the header names %u columns. Check for a stray comma.",
                               record->fields->len),
                     record->fields->len, n_header);
      row = json_object_new ();
      json_object_set_int_member (row, "line", record->line);
      for (guint i = 0; i < n_header; i++)
        if (map[i] >= 0)
          read_cell (row, record->line, map[i],
                     i < record->fields->len ? g_ptr_array_index (record->fields, i) : "",
                     problems);
      json_array_add_object_element (rows, row);
    }
  if (json_array_get_length (rows) == 0)
    add_problem (problems, 0, NULL, _("The file lists no units. A price list has a row per unit under the header."));
  return g_steal_pointer (&rows);
}

JsonArray *
anju_price_list_parse_csv (const char *data,
                           gsize       length,
                           GPtrArray  *problems)
{
  g_return_val_if_fail (problems != NULL, NULL);

  return parse_csv (data, length, problems, NULL);
}

/* ---- checks shared by the reader and the command ------------------------ */

/* A row as the checks read it; absent optional members keep the stored
 * values. */
typedef struct
{
  guint       line;
  const char *building;
  const char *number;
  gint64      floor;
  const char *layout;
  const char *orientation;
  gint64      gross_area;
  gint64      inner_area;
  AnjuFen     list_price;
  gboolean    has_floor_price;
  AnjuFen     floor_price;        /* 0: none */
  gboolean    has_hot;
  gboolean    hot;
  gboolean    has_offer;
  const char *special_offer;
  gboolean    has_orientation;
} Row;

/* Unit numbers as unit.create accepts them. */
static gboolean
is_unit_number (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > 12)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
member_int (JsonObject *o,
            const char *member,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static const char *
member_text (JsonObject *o,
             const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return anju_text_is_blank (json_node_get_string (node)) ? NULL : json_node_get_string (node);
}

static gboolean
member_is_null (JsonObject *o,
                const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  return node != NULL && JSON_NODE_HOLDS_NULL (node);
}

/* Reads and checks one row by itself; FALSE if it is unusable. */
static gboolean
read_row (JsonObject *o,
          guint       index,
          Row        *row,
          GPtrArray  *problems)
{
  guint before = problems->len;
  gint64 line = index + 1;
  gint64 value;

  memset (row, 0, sizeof *row);
  if (member_int (o, "line", &line) && line < 1)
    line = index + 1;
  row->line = (guint)line;

  if (!(row->building = member_text (o, "building")))
    add_problem (problems, row->line, "building", _("The building is missing. Fill it in."));
  if (!(row->number = member_text (o, "number")))
    add_problem (problems, row->line, "number", _("The unit number is missing. Fill it in."));
  else if (!is_unit_number (row->number))
    add_problem (problems, row->line, "number",
                 _("“%s” cannot be a unit number: use up to 12 letters, digits or dashes, such as 1502."),
                 row->number);
  if (!member_int (o, "floor", &row->floor) || row->floor < 1)
    add_problem (problems, row->line, "floor", _("The floor is a whole number of 1 or more."));
  if (!(row->layout = member_text (o, "layout")))
    add_problem (problems, row->line, "layout", _("The layout is missing. Fill it in, such as 3室2厅2卫."));
  else if (g_utf8_strlen (row->layout, -1) > MAX_LAYOUT_CHARS)
    add_problem (problems, row->line, "layout", _("The layout is longer than %d characters."), MAX_LAYOUT_CHARS);

  row->has_orientation = json_object_has_member (o, "orientation");
  row->orientation = member_text (o, "orientation");
  if (row->orientation != NULL && g_utf8_strlen (row->orientation, -1) > MAX_ORIENT_CHARS)
    add_problem (problems, row->line, "orientation",
                 _("The orientation is longer than %d characters."), MAX_ORIENT_CHARS);

  if (!member_int (o, "gross_area", &row->gross_area) || row->gross_area <= 0 ||
      row->gross_area > MAX_AREA)
    add_problem (problems, row->line, "gross_area_m2",
                 _("The gross area is more than 0 and at most 100,000.00 m²."));
  if (!member_int (o, "inner_area", &row->inner_area) || row->inner_area <= 0 ||
      row->inner_area > MAX_AREA)
    add_problem (problems, row->line, "inner_area_m2",
                 _("The inner area is more than 0 and at most 100,000.00 m²."));
  else if (row->gross_area > 0 && row->inner_area > row->gross_area)
    {
      g_autofree char *inner = anju_format_area (row->inner_area);
      g_autofree char *gross = anju_format_area (row->gross_area);

      add_problem (problems, row->line, "inner_area_m2",
                   _("The inner area (%s) is larger than the gross area (%s). Check both figures."),
                   inner, gross);
    }
  if (!member_int (o, "list_price", &row->list_price) || row->list_price <= 0 ||
      row->list_price > MAX_PRICE)
    add_problem (problems, row->line, "list_price_yuan",
                 _("The list price is more than 0 and at most ¥10,000,000,000.00."));

  row->has_floor_price = json_object_has_member (o, "floor_price");
  if (row->has_floor_price && !member_is_null (o, "floor_price"))
    {
      if (!member_int (o, "floor_price", &value) || value <= 0)
        add_problem (problems, row->line, "floor_price_yuan", _("The floor price is more than 0, or blank for none."));
      else if (row->list_price > 0 && value > row->list_price)
        add_problem (problems, row->line, "floor_price_yuan",
                     _("The floor price is above the list price. Check both figures."));
      else
        row->floor_price = value;
    }

  row->has_hot = json_object_has_member (o, "hot");
  if (row->has_hot)
    {
      JsonNode *node = json_object_get_member (o, "hot");

      if (JSON_NODE_HOLDS_NULL (node))
        row->hot = FALSE;
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        row->hot = json_node_get_boolean (node);
      else
        add_problem (problems, row->line, "hot", _("“hot” is true or false."));
    }
  row->has_offer = json_object_has_member (o, "special_offer");
  row->special_offer = member_text (o, "special_offer");
  if (row->special_offer != NULL && g_utf8_strlen (row->special_offer, -1) > MAX_OFFER_CHARS)
    add_problem (problems, row->line, "special_offer",
                 _("The special offer is longer than %d characters. Shorten it."), MAX_OFFER_CHARS);
  return problems->len == before;
}

typedef struct
{
  char  *id;
  char  *name;
  gint64 floors;
  gint64 units_per_floor;
} Building;

static void
building_free (Building *b)
{
  g_free (b->id);
  g_free (b->name);
  g_free (b);
}

typedef struct
{
  char  *id;
  gint64 floor;
} KnownUnit;

static void
known_unit_free (KnownUnit *u)
{
  g_free (u->id);
  g_free (u);
}

/* What the checks learn and the import then uses. */
typedef struct
{
  GHashTable *buildings;   /* name → Building* */
  GHashTable *units;       /* "building_id\nnumber" → KnownUnit* */
} Catalogue;

static void
catalogue_clear (Catalogue *c)
{
  g_clear_pointer (&c->buildings, g_hash_table_unref);
  g_clear_pointer (&c->units, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Catalogue, catalogue_clear)

static gboolean
load_catalogue (AnjuStore   *store,
                const char  *project_id,
                Catalogue   *cat,
                GError     **error)
{
  sqlite3_stmt *stmt;

  cat->buildings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify)building_free);
  cat->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)known_unit_free);
  if (!(stmt = anju_store_prepare (store,
          "SELECT id, name, floors, units_per_floor FROM buildings WHERE project_id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Building *b = g_new0 (Building, 1);

      b->id = anju_stmt_dup_text (stmt, 0);
      b->name = anju_stmt_dup_text (stmt, 1);
      b->floors = sqlite3_column_int64 (stmt, 2);
      b->units_per_floor = sqlite3_column_int64 (stmt, 3);
      g_hash_table_insert (cat->buildings, b->name, b);
    }
  sqlite3_reset (stmt);
  if (!(stmt = anju_store_prepare (store,
          "SELECT u.id, u.building_id, u.number, u.floor FROM units u "
          "JOIN buildings b ON b.id = u.building_id WHERE b.project_id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      KnownUnit *u = g_new0 (KnownUnit, 1);

      u->id = anju_stmt_dup_text (stmt, 0);
      u->floor = sqlite3_column_int64 (stmt, 3);
      g_hash_table_insert (cat->units,
                           g_strdup_printf ("%s\n%s", sqlite3_column_text (stmt, 1),
                                            sqlite3_column_text (stmt, 2)),
                           u);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
floor_key (const char *building_id,
           gint64      floor)
{
  return g_strdup_printf ("%s\n%lld", building_id, (long long)floor);
}

static void
count_floor (GHashTable *counts,
             const char *building_id,
             gint64      floor,
             int         delta)
{
  char *key = floor_key (building_id, floor);
  int n = GPOINTER_TO_INT (g_hash_table_lookup (counts, key));

  g_hash_table_insert (counts, key, GINT_TO_POINTER (n + delta));
}

/* The checks proper. @project_name names the project in sentences. */
static void
check_rows (JsonArray   *rows,
            Catalogue   *cat,
            const char  *project_name,
            GPtrArray   *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* the rows that add a unit to a floor */
  g_autoptr(GArray) placed = g_array_new (FALSE, TRUE, sizeof (guint));
  GHashTableIter iter;
  gpointer key, value;

  /* Every floor as it stands now … */
  g_hash_table_iter_init (&iter, cat->units);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\n", 2);
      count_floor (counts, parts[0], ((KnownUnit *)value)->floor, 1);
    }

  /* … and as the file leaves it. */
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      g_autofree char *unit_key = NULL;
      Building *b;
      KnownUnit *known;
      Row row;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          add_problem (problems, i + 1, NULL, _("Each row is an object with the unit's columns."));
          continue;
        }
      read_row (json_node_get_object (node), i, &row, problems);
      if (row.building == NULL)
        continue;
      if (!(b = g_hash_table_lookup (cat->buildings, row.building)))
        {
          add_problem (problems, row.line, "building",
                       _("There is no building “%s” in %s. Correct the name, or add the building first."),
                       row.building, project_name);
          continue;
        }
      if (row.floor > b->floors)
        add_problem (problems, row.line, "floor", _("Building %s has floors 1 to %d; there is no floor %d."),
                     b->name, (int)b->floors, (int)MIN (row.floor, G_MAXINT));
      if (row.number == NULL || !is_unit_number (row.number))
        continue;
      unit_key = g_strdup_printf ("%s\n%s", b->id, row.number);
      if (g_hash_table_contains (seen, unit_key))
        {
          add_problem (problems, row.line, "number", _("Unit %s-%s is listed already on line %u."),
                       b->name, row.number,
                       GPOINTER_TO_UINT (g_hash_table_lookup (seen, unit_key)));
          continue;
        }
      g_hash_table_insert (seen, g_strdup (unit_key), GUINT_TO_POINTER (row.line));
      if (row.floor < 1 || row.floor > b->floors)
        continue;
      known = g_hash_table_lookup (cat->units, unit_key);
      if (known == NULL || known->floor != row.floor)
        {
          if (known != NULL)
            count_floor (counts, b->id, known->floor, -1);
          count_floor (counts, b->id, row.floor, 1);
          g_array_append_val (placed, i);
        }
    }

  /* A floor holds units_per_floor units: the board draws no more. */
  for (guint p = 0; p < placed->len; p++)
    {
      guint i = g_array_index (placed, guint, p);
      JsonObject *o = json_array_get_object_element (rows, i);
      g_autoptr(GPtrArray) scratch = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_import_problem_free);
      g_autofree char *fk = NULL;
      Building *b;
      Row row;
      int n;

      read_row (o, i, &row, scratch);
      b = g_hash_table_lookup (cat->buildings, row.building);
      fk = floor_key (b->id, row.floor);
      n = GPOINTER_TO_INT (g_hash_table_lookup (counts, fk));
      if (n > b->units_per_floor)
        add_problem (problems, row.line, "floor",
                     _("Floor %d of building %s would have %d units; it has room for %d. Check the floor, or change the building's units per floor."),
                     (int)row.floor, b->name, n, (int)b->units_per_floor);
    }
  g_ptr_array_sort (problems, compare_problems);
}

void
anju_price_list_check_rows (AnjuStore  *store,
                            const char *project_id,
                            JsonArray  *rows,
                            GPtrArray  *problems)
{
  g_auto(Catalogue) cat = { 0 };
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  g_autoptr(GError) error = NULL;

  if (project == NULL)
    {
      add_problem (problems, 0, NULL, _("There is no project to import the price list into. Create the project first."));
      return;
    }
  if (!load_catalogue (store, project->id, &cat, &error))
    {
      add_problem (problems, 0, NULL, _("The database could not be read (%s)."), error->message);
      return;
    }
  check_rows (rows, &cat, project->name, problems);
}

static void
reject_problems (GError    **error,
                 GPtrArray  *problems)
{
  g_autofree char *text = anju_import_problems_to_string (problems);

  anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "rows", "%s", text);
}

JsonObject *
anju_price_list_read_csv (AnjuStore    *store,
                          const char   *project_id,
                          const char   *data,
                          gsize         length,
                          const char   *note,
                          GPtrArray   **problems_out,
                          GError      **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_import_problem_free);
  g_autoptr(GPtrArray) checked = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_import_problem_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(JsonArray) rows = parse_csv (data, length, problems, missing);
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);
  JsonObject *payload;

  if (project == NULL)
    add_problem (problems, 0, NULL, _("There is no project to import the price list into. Create the project first."));
  else
    anju_price_list_check_rows (store, project->id, rows, checked);
  /* A column missing from the header is one problem, not one per line. */
  for (guint i = 0; i < checked->len; i++)
    {
      AnjuImportProblem *p = g_ptr_array_index (checked, i);
      gboolean listed = FALSE;

      for (guint m = 0; p->column != NULL && m < missing->len; m++)
        listed |= g_str_equal (p->column, g_ptr_array_index (missing, m));
      if (!listed)
        add_problem (problems, p->line, p->column, "%s", p->message);
    }
  g_ptr_array_sort (problems, compare_problems);
  if (problems->len > 0)
    {
      reject_problems (error, problems);
      if (problems_out != NULL)
        *problems_out = g_steal_pointer (&problems);
      return NULL;
    }
  if (problems_out != NULL)
    *problems_out = g_steal_pointer (&problems);
  payload = json_object_new ();
  json_object_set_string_member (payload, "project_id", project->id);
  if (!anju_text_is_blank (note))
    json_object_set_string_member (payload, "note", note);
  json_object_set_array_member (payload, "rows", g_steal_pointer (&rows));
  return payload;
}

gint64
anju_price_list_import_file (AnjuStore       *store,
                             const AnjuUser  *actor,
                             const char      *project_id,
                             const char      *path,
                             const char      *note,
                             GPtrArray      **problems,
                             GError         **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) answer = NULL;

  if (!g_file_get_contents (path, &data, &length, error))
    return 0;
  if (!(payload = anju_price_list_read_csv (store, project_id, data, length, note, problems,
                                            error)))
    return 0;
  if (!(answer = anju_command_run (store, actor, "price_list.import", payload, error)))
    return 0;
  return json_object_get_int_member (json_object_get_object_member (answer, "result"), "version");
}

/* ---- price_list.import -------------------------------------------------- */

static gboolean
apply_price_list_import (AnjuCommandContext  *ctx,
                         JsonObject          *payload,
                         GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  const char *project_id = NULL, *note_text = NULL;
  g_autoptr(AnjuProject) project = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_import_problem_free);
  g_auto(Catalogue) cat = { 0 };
  g_autofree char *list_id = NULL, *note = NULL, *subject = NULL;
  const char *now = anju_command_context_get_now_string (ctx);
  JsonNode *rows_node;
  JsonArray *rows;
  gint64 version = 1, created = 0;
  sqlite3_stmt *stmt;
  JsonObject *result;

  if (!anju_payload_get_string (payload, "project_id", FALSE, &project_id, error) ||
      !anju_payload_get_string (payload, "note", FALSE, &note_text, error))
    return FALSE;
  rows_node = json_object_get_member (payload, "rows");
  if (rows_node == NULL || !JSON_NODE_HOLDS_ARRAY (rows_node))
    {
      anju_command_reject (error,
                           rows_node ? ANJU_COMMAND_ERROR_INVALID_FIELD : ANJU_COMMAND_ERROR_MISSING_FIELD,
                           "rows", _("Give the price list as “rows”: a list of units with their prices."));
      return FALSE;
    }
  rows = json_node_get_array (rows_node);
  if (json_array_get_length (rows) == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "rows",
                           _("The price list lists no units."));
      return FALSE;
    }
  if (!anju_text_is_blank (note_text))
    {
      note = g_strstrip (g_strdup (note_text));
      if (g_utf8_strlen (note, -1) > MAX_NOTE_CHARS)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "note",
                               _("Write the note in at most %d characters."), MAX_NOTE_CHARS);
          return FALSE;
        }
    }
  if (project_id != NULL ? !(project = anju_project_lookup (store, project_id))
                         : !(project = anju_project_lookup_or_first (store, NULL)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "project_id",
                           _("There is no such project. Choose the project from the list."));
      return FALSE;
    }
  if (!load_catalogue (store, project->id, &cat, error))
    return FALSE;
  check_rows (rows, &cat, project->name, problems);
  if (problems->len > 0)
    {
      reject_problems (error, problems);
      return FALSE;
    }

  if (!(stmt = anju_store_prepare (store,
          "SELECT coalesce(max(version), 0) + 1 FROM price_lists WHERE project_id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, project->id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  list_id = anju_command_context_new_id (ctx);
  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO price_lists (id, project_id, version, imported_at, actor_id, note, unit_count) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, list_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, project->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, version);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 5, actor->id);
  anju_stmt_bind_text_or_null (stmt, 6, note);
  sqlite3_bind_int64 (stmt, 7, json_array_get_length (rows));
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "price_lists", list_id);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      g_autofree char *unit_key = NULL, *new_unit = NULL, *price_id = NULL;
      const char *unit_id;
      Building *b;
      KnownUnit *known;
      Row row;

      read_row (json_array_get_object_element (rows, i), i, &row, problems);
      b = g_hash_table_lookup (cat.buildings, row.building);
      unit_key = g_strdup_printf ("%s\n%s", b->id, row.number);
      known = g_hash_table_lookup (cat.units, unit_key);
      if (known != NULL)
        {
          unit_id = known->id;
          if (!(stmt = anju_store_prepare (store,
                  "UPDATE units SET floor = ?2, layout = ?3, "
                  "orientation = CASE WHEN ?4 THEN ?5 ELSE orientation END, "
                  "gross_area = ?6, inner_area = ?7, list_price = ?8, price_version = ?9, "
                  "floor_price = CASE WHEN ?10 THEN ?11 ELSE floor_price END, "
                  "hot = CASE WHEN ?12 THEN ?13 ELSE hot END, "
                  "special_offer = CASE WHEN ?14 THEN ?15 ELSE special_offer END WHERE id = ?1", error)))
            return FALSE;
        }
      else
        {
          unit_id = new_unit = anju_command_context_new_id (ctx);
          created++;
          if (!(stmt = anju_store_prepare (store,
                  "INSERT INTO units (id, building_id, floor, layout, orientation, gross_area, inner_area, "
                  "list_price, price_version, floor_price, hot, special_offer, number) "
                  "VALUES (?1, ?16, ?2, ?3, CASE WHEN ?4 THEN ?5 END, ?6, ?7, ?8, ?9, "
                  "CASE WHEN ?10 THEN ?11 END, CASE WHEN ?12 THEN ?13 ELSE 0 END, "
                  "CASE WHEN ?14 THEN ?15 END, ?17)", error)))
            return FALSE;
          sqlite3_bind_text (stmt, 16, b->id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 17, row.number, -1, SQLITE_TRANSIENT);
        }
      sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, row.floor);
      sqlite3_bind_text (stmt, 3, row.layout, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, row.has_orientation);
      anju_stmt_bind_text_or_null (stmt, 5, row.orientation);
      sqlite3_bind_int64 (stmt, 6, row.gross_area);
      sqlite3_bind_int64 (stmt, 7, row.inner_area);
      sqlite3_bind_int64 (stmt, 8, row.list_price);
      sqlite3_bind_int64 (stmt, 9, version);
      sqlite3_bind_int (stmt, 10, row.has_floor_price);
      if (row.floor_price > 0)
        sqlite3_bind_int64 (stmt, 11, row.floor_price);
      else
        sqlite3_bind_null (stmt, 11);
      sqlite3_bind_int (stmt, 12, row.has_hot);
      sqlite3_bind_int (stmt, 13, row.hot);
      sqlite3_bind_int (stmt, 14, row.has_offer);
      anju_stmt_bind_text_or_null (stmt, 15, row.special_offer);
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "units", unit_id);

      price_id = anju_command_context_new_id (ctx);
      if (!(stmt = anju_store_prepare (store,
              "INSERT INTO unit_prices (id, price_list_id, unit_id, list_price, floor_price, hot, special_offer) "
              "SELECT ?, ?, id, list_price, floor_price, hot, special_offer FROM units WHERE id = ?", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, price_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, list_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, unit_id, -1, SQLITE_TRANSIENT);
      if (!anju_store_step_done (store, stmt, error))
        return FALSE;
      anju_command_context_touch (ctx, "unit_prices", price_id);
    }

  subject = g_strconcat ("price_list:", list_id, NULL);
  anju_command_context_set_subject (ctx, subject);
  result = anju_command_context_get_result (ctx);
  json_object_set_string_member (result, "price_list_id", list_id);
  json_object_set_string_member (result, "project_id", project->id);
  json_object_set_int_member (result, "version", version);
  json_object_set_int_member (result, "units", json_array_get_length (rows));
  json_object_set_int_member (result, "created", created);
  return TRUE;
}

/* ---- queries ------------------------------------------------------------ */

void
anju_price_list_free (AnjuPriceList *list)
{
  if (list == NULL)
    return;
  g_free (list->id);
  g_free (list->project_id);
  g_free (list->imported_at);
  g_free (list->actor_name);
  g_free (list->note);
  g_free (list);
}

GPtrArray *
anju_price_lists_list (AnjuStore   *store,
                       const char  *project_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_price_list_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = anju_store_prepare (store,
          "SELECT p.id, p.project_id, p.version, p.imported_at, u.display_name, p.note, p.unit_count "
          "FROM price_lists p LEFT JOIN users u ON u.id = p.actor_id "
          "WHERE (?1 IS NULL OR p.project_id = ?1) ORDER BY p.project_id, p.version DESC", error)))
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, project_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuPriceList *p = g_new0 (AnjuPriceList, 1);

      p->id = anju_stmt_dup_text (stmt, 0);
      p->project_id = anju_stmt_dup_text (stmt, 1);
      p->version = sqlite3_column_int64 (stmt, 2);
      p->imported_at = anju_stmt_dup_text (stmt, 3);
      p->actor_name = anju_stmt_dup_text (stmt, 4);
      p->note = anju_stmt_dup_text (stmt, 5);
      p->unit_count = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (list, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

void
anju_unit_price_free (AnjuUnitPrice *price)
{
  if (price == NULL)
    return;
  g_free (price->imported_at);
  g_free (price->special_offer);
  g_free (price);
}

GPtrArray *
anju_unit_list_prices (AnjuStore   *store,
                       const char  *unit_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_unit_price_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = anju_store_prepare (store,
          "SELECT p.version, p.imported_at, up.list_price, up.hot, up.special_offer "
          "FROM unit_prices up JOIN price_lists p ON p.id = up.price_list_id "
          "WHERE up.unit_id = ? ORDER BY p.version DESC", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuUnitPrice *p = g_new0 (AnjuUnitPrice, 1);

      p->version = sqlite3_column_int64 (stmt, 0);
      p->imported_at = anju_stmt_dup_text (stmt, 1);
      p->list_price = sqlite3_column_int64 (stmt, 2);
      p->hot = sqlite3_column_int (stmt, 3) != 0;
      p->special_offer = anju_stmt_dup_text (stmt, 4);
      g_ptr_array_add (list, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static const AnjuCommandSpec price_list_commands[] = {
  { "price_list.import", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN, ANJU_COMMAND_FLAG_OFFICE_DECISION,
    apply_price_list_import,
    "project_id:string? note:string? rows:array" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const prices_topic_tables[] = { "price_lists", "unit_prices", NULL };

void
anju_price_lists_register_commands (void)
{
  anju_topic_declare ("prices", prices_topic_tables);
  anju_commands_register (price_list_commands, G_N_ELEMENTS (price_list_commands));
}
