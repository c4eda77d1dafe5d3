/* anju-price-lists.h — price lists from CSV, each import a new version
 *
 * The office receives price lists as spreadsheets; saved as CSV they are
 * read here (columns: data/price-lists/README.md). A file with any bad
 * line is refused whole, listing every bad line and field; nothing is
 * imported. A good file becomes the rows of one price_list.import
 * command, which checks them again — the command is what syncs.
 *
 * Command:
 *   price_list.import {project_id?, note?, rows: [{line?, building, number,
 *                      floor, layout, orientation?, gross_area, inner_area,
 *                      list_price, floor_price?, hot?, special_offer?}, …]}
 *                                                          (manager, admin)
 *       → {price_list_id, version, units, created}
 *       An office decision (versions are numbered once for the office).
 *       Areas are hundredths of m², money is fen. Each import is the next
 *       version of the project's price list; every unit it lists gets the
 *       new list price (and layout, areas, marks), a unit it does not know
 *       in a known building is created. floor_price, hot and special_offer
 *       change only when the row has the member (null clears). A quote
 *       keeps the version it was made at. Any bad row refuses the whole
 *       import (INVALID_FIELD, field "rows") with every problem listed.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-money.h"
#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

/* One thing wrong with an import. */
typedef struct
{
  guint  line;      /* line of the file (1 is the header); 0: the file as a whole */
  char  *column;    /* the column's name, or NULL */
  char  *message;   /* a sentence a person can act on */
} AnjuImportProblem;

void        anju_import_problem_free   (AnjuImportProblem *problem);

/* Reads CSV text (UTF-8, optional byte-order mark, header row) into the
 * rows of a price_list.import payload, appending every problem of form
 * (encoding, columns, numbers) to @problems (element AnjuImportProblem*).
 * Returns the rows read, even when problems were found. */
JsonArray  *anju_price_list_parse_csv  (const char   *data,
                                        gsize         length,
                                        GPtrArray    *problems);

/* Checks rows against the store: buildings known in @project_id, floors
 * that exist, units listed once, floors not overfull, sizes and prices in
 * range. Appends to @problems. */
void        anju_price_list_check_rows (AnjuStore    *store,
                                        const char   *project_id,
                                        JsonArray    *rows,
                                        GPtrArray    *problems);

/* Both of the above: the price_list.import payload for the CSV text, or
 * NULL with @error (ANJU_COMMAND_ERROR_INVALID_FIELD, field "rows") whose
 * message lists every problem, one per line. @problems, if not NULL,
 * receives them too. @project_id NULL: the first project. */
JsonObject *anju_price_list_read_csv   (AnjuStore    *store,
                                        const char   *project_id,
                                        const char   *data,
                                        gsize         length,
                                        const char   *note,
                                        GPtrArray   **problems,
                                        GError      **error);

/* Reads and imports @path as @actor in one step. Returns the new version,
 * or 0 with @error set (and @problems filled when the file was at fault);
 * nothing is imported then. */
gint64      anju_price_list_import_file (AnjuStore      *store,
                                         const AnjuUser *actor,
                                         const char     *project_id,
                                         const char     *path,
                                         const char     *note,
                                         GPtrArray     **problems,
                                         GError        **error);

/* Every problem as lines "line 3, list_price_yuan: …" after a summary. */
char       *anju_import_problems_to_string (GPtrArray *problems);

typedef struct
{
  char    *id;
  char    *project_id;
  gint64   version;
  char    *imported_at;   /* ISO 8601 UTC */
  char    *actor_name;
  char    *note;
  guint    unit_count;
} AnjuPriceList;

void        anju_price_list_free       (AnjuPriceList *list);
/* The versions of @project_id (NULL: every project), newest first. */
GPtrArray  *anju_price_lists_list      (AnjuStore    *store,
                                        const char   *project_id,
                                        GError      **error);

/* What each price-list version said about one unit, newest first. */
typedef struct
{
  gint64   version;
  char    *imported_at;
  AnjuFen  list_price;
  gboolean hot;
  char    *special_offer;
} AnjuUnitPrice;

void        anju_unit_price_free       (AnjuUnitPrice *price);
GPtrArray  *anju_unit_list_prices      (AnjuStore    *store,
                                        const char   *unit_id,
                                        GError      **error);

void        anju_price_lists_register_commands (void);

G_END_DECLS
