/* anju-search.c — finding customers by a part of their name or its pinyin initials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "anju-search.h"
#include "anju-pinyin-table.h"

/* "a", "b", … as strings. */
static const char letters[] = "a\0b\0c\0d\0e\0f\0g\0h\0i\0j\0k\0l\0m\0n\0o\0p\0q\0r\0s\0t\0u\0v\0w\0x\0y\0z";

char *
anju_search_fold (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  return g_utf8_strdown (trimmed, -1);
}

static int
compare_more (const void *key,
              const void *element)
{
  gunichar c = *(const gunichar *)key;
  gunichar other = ((const AnjuPinyinMore *)element)->c;

  return (c > other) - (c < other);
}

const char *
anju_search_pinyin_letters (gunichar c)
{
  const AnjuPinyinMore *more;
  char primary;

  if (c < ANJU_PINYIN_FIRST || c > ANJU_PINYIN_LAST)
    return NULL;
  primary = anju_pinyin_primary[c - ANJU_PINYIN_FIRST];
  if (primary == '.')
    return NULL;
  more = bsearch (&c, anju_pinyin_more, G_N_ELEMENTS (anju_pinyin_more),
                  sizeof anju_pinyin_more[0], compare_more);
  return more ? more->letters : &letters[(primary - 'a') * 2];
}

static void
add_key (GPtrArray  *keys,
         const char *start,
         gsize       len)
{
  for (guint i = 0; i < keys->len; i++)
    if (strlen (keys->pdata[i]) == len && memcmp (keys->pdata[i], start, len) == 0)
      return;
  g_ptr_array_add (keys, g_strndup (start, len));
}

/* The letter sets of the first @max hanzi of @name. */
static guint
hanzi_letters (const char  *name,
               const char **sets,
               guint        max)
{
  guint n = 0;

  for (const char *p = name; *p && n < max; p = g_utf8_next_char (p))
    {
      const char *set = anju_search_pinyin_letters (g_utf8_get_char (p));

      if (set != NULL)
        sets[n++] = set;
    }
  return n;
}

GPtrArray *
anju_search_keys (const char *name)
{
  g_autofree char *folded = anju_search_fold (name);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  const char *sets[ANJU_SEARCH_KEY_CHARS];
  guint n_sets;

  /* Every piece of one and of two characters. */
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      add_key (keys, p, next - p);
      if (*next)
        add_key (keys, p, g_utf8_next_char (next) - p);
    }
  /* The first letters of the initials, each reading's. */
  n_sets = hanzi_letters (name, sets, ANJU_SEARCH_KEY_CHARS);
  for (const char *a = n_sets > 0 ? sets[0] : ""; *a; a++)
    {
      add_key (keys, a, 1);
      for (const char *b = n_sets > 1 ? sets[1] : ""; *b; b++)
        {
          char pair[2] = { *a, *b };
          add_key (keys, pair, 2);
        }
    }
  return keys;
}

char *
anju_search_query_key (const char *folded)
{
  const char *end = folded;

  for (guint i = 0; i < ANJU_SEARCH_KEY_CHARS && *end; i++)
    end = g_utf8_next_char (end);
  return g_strndup (folded, end - folded);
}

static gboolean
initials_start_with (const char *name,
                     const char *folded)
{
  gsize len = strlen (folded);
  g_autofree const char **sets = g_new (const char *, len + 1);

  for (const char *q = folded; *q; q++)
    if (!g_ascii_islower (*q))
      return FALSE;
  if (len == 0 || hanzi_letters (name, sets, len) < len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (strchr (sets[i], folded[i]) == NULL)
      return FALSE;
  return TRUE;
}

gboolean
anju_search_matches (const char *name,
                     const char *folded)
{
  g_autofree char *folded_name = anju_search_fold (name);

  return strstr (folded_name, folded) != NULL || initials_start_with (name, folded);
}

/* ---- SQL ---------------------------------------------------------------- */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar)*p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar)*p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
sql_keys (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  const char *name = (const char *)sqlite3_value_text (argv[0]);
  g_autoptr(GPtrArray) keys = anju_search_keys (name ? name : "");
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; i < keys->len; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      append_json_string (json, keys->pdata[i]);
    }
  g_string_append_c (json, ']');
  sqlite3_result_text (context, json->str, json->len, SQLITE_TRANSIENT);
}

static void
sql_matches (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  const char *name = (const char *)sqlite3_value_text (argv[0]);
  const char *folded = (const char *)sqlite3_value_text (argv[1]);

  sqlite3_result_int (context, name && folded && anju_search_matches (name, folded));
}

int
anju_search_register (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function (db, "anju_search_keys", 1, flags, NULL, sql_keys, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "anju_search_matches", 2, flags, NULL, sql_matches, NULL,
                                  NULL);
  return rc;
}
