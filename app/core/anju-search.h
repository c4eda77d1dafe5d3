/* anju-search.h — finding customers by a part of their name or its pinyin initials
 *
 * A name is indexed by its keys: every piece of one and two characters of
 * the name (lower case), and the first one and two letters of its pinyin
 * initials (周子涵 → 周 子 涵 周子 子涵 z zz). A query of one or two
 * characters is a key itself; a longer one is looked up by its first two
 * characters and checked against the whole name (anju_search_matches()),
 * so "周子涵", "子涵" and "zzh" all find 周子涵.
 *
 * The SQL functions anju_search_keys(name) (the keys as a JSON array) and
 * anju_search_matches(name, query) are registered on every connection
 * the store opens; the customer_search table and its triggers use them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Fills customer_search from the customers (in the index's order: the
 * rows go in at its end). The migration that made the table runs it. */
#define ANJU_SEARCH_FILL_SQL \
  "INSERT INTO customer_search (key, updated_at, customer_id)" \
  "  SELECT k.value, c.updated_at, c.id FROM customers c, json_each (anju_search_keys (c.name)) k" \
  "  ORDER BY 1, 2 DESC, 3;"

/* Characters in a key: longer queries are looked up by their first ones. */
#define ANJU_SEARCH_KEY_CHARS 2

/* @text in the form keys are made of: lower case, trimmed. */
char       *anju_search_fold             (const char *text);
/* The first letters of @c's pinyin readings, the most common first
 * ("z" for 周, "cz" for 曾); NULL when @c is no hanzi the table knows. */
const char *anju_search_pinyin_letters   (gunichar    c);
/* The distinct keys @name is found by. */
GPtrArray  *anju_search_keys             (const char *name);
/* The key a query @folded (anju_search_fold()) is looked up by. */
char       *anju_search_query_key        (const char *folded);
/* Whether @name has @folded in it, or its pinyin initials start with it. */
gboolean    anju_search_matches          (const char *name,
                                          const char *folded);
/* Registers the SQL functions on @db. */
int         anju_search_register         (sqlite3    *db);

G_END_DECLS
