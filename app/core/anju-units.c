/* anju-units.c — the unit state machine, holds, the board's queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write of a unit's status goes through move_unit(), which checks
 * the edge against the state machine, updates the row only if it still
 * has the status the handler saw (a conditional UPDATE inside the
 * dispatcher's BEGIN IMMEDIATE transaction) and records the history row.
 * Expired holds are settled — written as released — by the first command
 * that touches the unit, so no transition ever starts from a stale hold.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-format.h"
#include "anju-policy.h"
#include "anju-pricing.h"
#include "anju-units.h"
#include "anju-user.h"

#define DEFAULT_HOLD_MINUTES  30
#define DEFAULT_MAX_MINUTES   120
#define DEFAULT_REHOLD_PAUSE_MINUTES 30
#define MAX_REASON_CHARS      200

static const struct
{
  const char *name;
  const char *label;
} statuses[] = {
  [ANJU_UNIT_AVAILABLE] = { "available", N_("Available") },
  [ANJU_UNIT_HELD] = { "held", N_("Held") },
  [ANJU_UNIT_SUBSCRIBED] = { "subscribed", N_("Subscribed") },
  [ANJU_UNIT_SIGNED] = { "signed", N_("Signed") },
  [ANJU_UNIT_NOT_FOR_SALE] = { "not_for_sale", N_("Not for sale") },
};

const char *
anju_unit_status_to_string (AnjuUnitStatus status)
{
  g_return_val_if_fail (status <= ANJU_UNIT_STATUS_LAST, "available");
  return statuses[status].name;
}

int
anju_unit_status_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].name, name) == 0)
      return i;
  return -1;
}

const char *
anju_unit_status_get_label (AnjuUnitStatus status)
{
  g_return_val_if_fail (status <= ANJU_UNIT_STATUS_LAST, "");
  return _(statuses[status].label);
}

gboolean
anju_unit_status_can_move (AnjuUnitStatus from,
                           AnjuUnitStatus to)
{
  switch (from)
    {
    case ANJU_UNIT_AVAILABLE:
      return to == ANJU_UNIT_HELD || to == ANJU_UNIT_NOT_FOR_SALE;
    case ANJU_UNIT_HELD:
      return to == ANJU_UNIT_AVAILABLE || to == ANJU_UNIT_SUBSCRIBED;
    case ANJU_UNIT_SUBSCRIBED:
      return to == ANJU_UNIT_SIGNED || to == ANJU_UNIT_AVAILABLE;
    case ANJU_UNIT_NOT_FOR_SALE:
      return to == ANJU_UNIT_AVAILABLE;
    case ANJU_UNIT_SIGNED:
    default:
      return FALSE;
    }
}

/* ---- rows --------------------------------------------------------------- */

void
anju_unit_row_free (AnjuUnitRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->project_id);
  g_free (row->building_id);
  g_free (row->building_name);
  g_free (row->number);
  g_free (row->layout);
  g_free (row->orientation);
  g_free (row->special_offer);
  g_free (row->hold_id);
  g_free (row->holder_id);
  g_free (row->holder_name);
  g_free (row->hold_customer_id);
  g_free (row);
}

char *
anju_unit_row_dup_label (const AnjuUnitRow *row)
{
  return g_strdup_printf ("%s-%s", row->building_name, row->number);
}

void
anju_building_counts_free (AnjuBuildingCounts *counts)
{
  if (counts == NULL)
    return;
  g_free (counts->building_id);
  g_free (counts->building_name);
  g_free (counts->project_id);
  g_free (counts);
}

void
anju_unit_event_free (AnjuUnitEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->at);
  g_free (event->actor_id);
  g_free (event->actor_name);
  g_free (event->reason);
  g_free (event->customer_id);
  g_free (event->detail);
  g_free (event);
}

static gint64
parse_time (const char *iso)
{
  gint64 usec = 0;

  if (iso == NULL || !anju_clock_parse_utc (iso, &usec))
    return 0;
  return usec;
}

/* The effective status: "held" only while an unexpired hold is active. The
 * join below names the active hold "h"; ?1 is now as ISO text. */
#define EFFECTIVE_STATUS \
  "CASE WHEN u.status = 'held' AND h.id IS NULL THEN 'available' ELSE u.status END"
#define ACTIVE_HOLD_JOIN \
  "LEFT JOIN holds h ON h.unit_id = u.id AND u.status = 'held' " \
  "AND h.released_at IS NULL AND h.expires_at >= ?1 "

#define ROW_COLUMNS \
  "u.id, b.project_id, u.building_id, b.name, u.floor, u.number, u.layout, u.orientation, " \
  "u.gross_area, u.inner_area, u.list_price, u.price_version, " EFFECTIVE_STATUS ", " \
  "u.hot, u.special_offer, h.id, h.holder_id, hu.display_name, h.customer_id, h.expires_at, " \
  "u.floor_price"

#define ROW_FROM \
  "FROM units u JOIN buildings b ON b.id = u.building_id " ACTIVE_HOLD_JOIN \
  "LEFT JOIN users hu ON hu.id = h.holder_id "

static AnjuUnitRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  AnjuUnitRow *row = g_new0 (AnjuUnitRow, 1);
  int status = anju_unit_status_from_string ((const char *)sqlite3_column_text (stmt, 12));

  row->id = anju_stmt_dup_text (stmt, 0);
  row->project_id = anju_stmt_dup_text (stmt, 1);
  row->building_id = anju_stmt_dup_text (stmt, 2);
  row->building_name = anju_stmt_dup_text (stmt, 3);
  row->floor = sqlite3_column_int (stmt, 4);
  row->number = anju_stmt_dup_text (stmt, 5);
  row->layout = anju_stmt_dup_text (stmt, 6);
  row->orientation = anju_stmt_dup_text (stmt, 7);
  row->gross_area = sqlite3_column_int64 (stmt, 8);
  row->inner_area = sqlite3_column_int64 (stmt, 9);
  row->list_price = sqlite3_column_int64 (stmt, 10);
  row->price_per_m2 = anju_pricing_per_m2 (row->list_price, row->gross_area);
  row->price_version = sqlite3_column_int64 (stmt, 11);
  row->status = status < 0 ? ANJU_UNIT_AVAILABLE : (AnjuUnitStatus)status;
  row->hot = sqlite3_column_int (stmt, 13) != 0;
  row->special_offer = anju_stmt_dup_text (stmt, 14);
  row->floor_price = sqlite3_column_int64 (stmt, 20);
  if (row->status == ANJU_UNIT_HELD)
    {
      row->hold_id = anju_stmt_dup_text (stmt, 15);
      row->holder_id = anju_stmt_dup_text (stmt, 16);
      row->holder_name = sqlite3_column_type (stmt, 17) == SQLITE_NULL
                         ? g_strdup (anju_user_get_system ()->display_name)
                         : anju_stmt_dup_text (stmt, 17);
      row->hold_customer_id = anju_stmt_dup_text (stmt, 18);
      row->hold_expires_at = parse_time ((const char *)sqlite3_column_text (stmt, 19));
    }
  return row;
}

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           col,
                   gint64        value)
{
  if (value > 0)
    sqlite3_bind_int64 (stmt, col, value);
  else
    sqlite3_bind_null (stmt, col);
}

GPtrArray *
anju_units_list (AnjuStore            *store,
                 const AnjuUnitFilter *filter,
                 GError              **error)
{
  static const AnjuUnitFilter none = { 0 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_unit_row_free);
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ANJU_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &none;
  if (!(stmt = anju_store_prepare (store,
          "SELECT " ROW_COLUMNS " " ROW_FROM
          "WHERE (?2 IS NULL OR b.project_id = ?2) AND (?3 IS NULL OR u.building_id = ?3) "
          "AND (?4 IS NULL OR " EFFECTIVE_STATUS " = ?4) AND (?5 IS NULL OR u.layout = ?5) "
          "AND (?6 IS NULL OR u.gross_area >= ?6) AND (?7 IS NULL OR u.gross_area <= ?7) "
          "AND (?8 IS NULL OR u.list_price >= ?8) AND (?9 IS NULL OR u.list_price <= ?9) "
          "ORDER BY b.project_id, length (b.name), b.name, u.floor DESC, length (u.number), u.number", error)))
    return NULL;
  now = anju_store_now_string (store);
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, filter->project_id);
  anju_stmt_bind_text_or_null (stmt, 3, filter->building_id);
  anju_stmt_bind_text_or_null (stmt, 4, filter->status);
  anju_stmt_bind_text_or_null (stmt, 5, filter->layout);
  bind_optional_int (stmt, 6, filter->min_area);
  bind_optional_int (stmt, 7, filter->max_area);
  bind_optional_int (stmt, 8, filter->min_price);
  bind_optional_int (stmt, 9, filter->max_price);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

AnjuUnitRow *
anju_unit_load (AnjuStore   *store,
                const char  *unit_id,
                GError     **error)
{
  g_autofree char *now = NULL;
  AnjuUnitRow *row = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ANJU_IS_STORE (store), NULL);

  if (unit_id == NULL ||
      !(stmt = anju_store_prepare (store, "SELECT " ROW_COLUMNS " " ROW_FROM "WHERE u.id = ?2",
                                   error)))
    return NULL;
  now = anju_store_now_string (store);
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, unit_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = row_from_stmt (stmt);
  sqlite3_reset (stmt);
  return row;
}

GPtrArray *
anju_units_count_by_building (AnjuStore   *store,
                              const char  *project_id,
                              GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_building_counts_free);
  g_autofree char *now = anju_store_now_string (store);
  sqlite3_stmt *stmt;
  int rc;

  /* One pass over each building's units through their (building_id,
   * number) index, summing by status in the group: no sort of the
   * project's units by status, which a GROUP BY on the effective status
   * needed (20 ms of the board's 24 at 10,000 units). The sums are in
   * AnjuUnitStatus order; an expired hold's unit counts as available. */
  G_STATIC_ASSERT (ANJU_UNIT_AVAILABLE == 0 && ANJU_UNIT_HELD == 1 && ANJU_UNIT_SUBSCRIBED == 2 &&
                   ANJU_UNIT_SIGNED == 3 && ANJU_UNIT_NOT_FOR_SALE == 4);
  if (!(stmt = anju_store_prepare (store,
          "SELECT b.id, b.name, b.project_id, b.floors, b.units_per_floor, "
          "  sum(u.status = 'available' OR (u.status = 'held' AND h.id IS NULL)), "
          "  sum(u.status = 'held' AND h.id IS NOT NULL), "
          "  sum(u.status = 'subscribed'), sum(u.status = 'signed'), "
          "  sum(u.status = 'not_for_sale') "
          "FROM buildings b LEFT JOIN units u ON u.building_id = b.id " ACTIVE_HOLD_JOIN
          "WHERE (?2 IS NULL OR b.project_id = ?2) "
          "GROUP BY b.id ORDER BY b.project_id, length (b.name), b.name, b.id", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, project_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuBuildingCounts *counts = g_new0 (AnjuBuildingCounts, 1);

      counts->building_id = anju_stmt_dup_text (stmt, 0);
      counts->building_name = anju_stmt_dup_text (stmt, 1);
      counts->project_id = anju_stmt_dup_text (stmt, 2);
      counts->floors = sqlite3_column_int (stmt, 3);
      counts->units_per_floor = sqlite3_column_int (stmt, 4);
      guint for_sale, sold;

      for (int status = 0; status <= ANJU_UNIT_STATUS_LAST; status++)
        {
          counts->count[status] = sqlite3_column_int (stmt, 5 + status);
          counts->total += counts->count[status];
        }
      for_sale = counts->total - counts->count[ANJU_UNIT_NOT_FOR_SALE];
      sold = counts->count[ANJU_UNIT_SUBSCRIBED] + counts->count[ANJU_UNIT_SIGNED];
      counts->sold_permille = for_sale > 0
                              ? (guint)anju_money_round_div ((gint64)sold * 1000, for_sale) : 0;
      g_ptr_array_add (list, counts);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GPtrArray *
anju_unit_list_history (AnjuStore   *store,
                        const char  *unit_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_unit_event_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = anju_store_prepare (store,
          "SELECT h.at, h.actor_id, u.display_name, h.from_status, h.to_status, h.reason, "
          "h.customer_id, h.detail FROM unit_history h LEFT JOIN users u ON u.id = h.actor_id "
          "WHERE h.unit_id = ? ORDER BY h.at, h.rowid", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuUnitEvent *e = g_new0 (AnjuUnitEvent, 1);
      int from = anju_unit_status_from_string ((const char *)sqlite3_column_text (stmt, 3));
      int to = anju_unit_status_from_string ((const char *)sqlite3_column_text (stmt, 4));

      e->at = anju_stmt_dup_text (stmt, 0);
      e->actor_id = anju_stmt_dup_text (stmt, 1);
      e->actor_name = e->actor_id ? anju_stmt_dup_text (stmt, 2)
                                  : g_strdup (anju_user_get_system ()->display_name);
      e->from = from < 0 ? ANJU_UNIT_AVAILABLE : (AnjuUnitStatus)from;
      e->to = to < 0 ? ANJU_UNIT_AVAILABLE : (AnjuUnitStatus)to;
      e->reason = anju_stmt_dup_text (stmt, 5);
      e->customer_id = anju_stmt_dup_text (stmt, 6);
      e->detail = anju_stmt_dup_text (stmt, 7);
      g_ptr_array_add (events, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

gboolean
anju_units_get_active_hold (AnjuStore   *store,
                            const char  *unit_id,
                            const char  *now_iso,
                            char       **hold_id,
                            char       **holder_id,
                            GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT h.id, h.holder_id FROM holds h JOIN units u ON u.id = h.unit_id "
      "WHERE h.unit_id = ? AND h.released_at IS NULL AND h.expires_at >= ? AND u.status = 'held'",
      error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now_iso, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      if (hold_id != NULL)
        *hold_id = anju_stmt_dup_text (stmt, 0);
      if (holder_id != NULL)
        *holder_id = anju_stmt_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  return found;
}

char *
anju_unit_dup_project_id (AnjuStore  *store,
                          const char *unit_id)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT b.project_id FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id = ?", NULL);
  char *id = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* ---- export ------------------------------------------------------------- */

/* A text cell starting with = + - or @ is a formula to a spreadsheet
 * program (a price list mailed on could compute, or fetch, anything):
 * written with a leading apostrophe, which the import takes off again. */
static void
append_csv_field (GString    *out,
                  const char *text,
                  gboolean    is_text)
{
  g_autofree char *guarded = NULL;

  if (text == NULL)
    text = "";
  if (is_text && text[0] != '\0' && strchr ("=+-@", text[0]) != NULL)
    text = guarded = g_strconcat ("'", text, NULL);
  if (strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (text[0]) ||
      (*text && g_ascii_isspace (text[strlen (text) - 1])))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

static char *
format_area_plain (gint64 centi)
{
  return g_strdup_printf ("%lld.%02lld", (long long)(centi / 100), (long long)(centi % 100));
}

char *
anju_units_export_csv (AnjuStore   *store,
                       const char  *project_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  AnjuUnitFilter filter = { 0 };
  g_autofree char *resolved = NULL;

  if (project_id == NULL)
    {
      sqlite3_stmt *stmt = anju_store_prepare (store,
          "SELECT id FROM projects ORDER BY name, id LIMIT 1", error);
      if (stmt == NULL)
        return NULL;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        resolved = anju_stmt_dup_text (stmt, 0);
      sqlite3_reset (stmt);
      project_id = resolved;
    }
  filter.project_id = project_id;
  if (project_id != NULL && !(rows = anju_units_list (store, &filter, error)))
    return NULL;

  g_string_append (out, "building,number,floor,layout,orientation,gross_area_m2,inner_area_m2,"
                        "list_price_yuan,hot,special_offer,price_per_m2_yuan,status\r\n");
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      AnjuUnitRow *row = g_ptr_array_index (rows, i);
      g_autofree char *floor = g_strdup_printf ("%d", row->floor);
      g_autofree char *gross = format_area_plain (row->gross_area);
      g_autofree char *inner = format_area_plain (row->inner_area);
      g_autofree char *price = anju_money_format_plain (row->list_price);
      g_autofree char *per_m2 = anju_money_format_plain (row->price_per_m2);
      const char *fields[] = {
        row->building_name, row->number, floor, row->layout, row->orientation, gross, inner,
        price, row->hot ? "1" : "0", row->special_offer, per_m2,
        anju_unit_status_to_string (row->status),
      };

      const gboolean is_text[G_N_ELEMENTS (fields)] = { TRUE, TRUE, FALSE, TRUE, TRUE, [9] = TRUE };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          if (f > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, fields[f], is_text[f]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
anju_units_export_csv_file (AnjuStore   *store,
                            const char  *project_id,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *text = anju_units_export_csv (store, project_id, error);
  g_autofree char *with_bom = NULL;

  if (text == NULL)
    return FALSE;
  /* The byte-order mark makes spreadsheet programs on Chinese Windows read
   * the file as UTF-8 rather than GBK. */
  with_bom = g_strconcat ("\xEF\xBB\xBF", text, NULL);
  return g_file_set_contents (path, with_bom, -1, error);
}

/* ---- the state machine, inside commands -------------------------------- */

typedef struct
{
  char           *id;
  char           *project_id;
  char           *label;          /* "1幢-1502" */
  AnjuUnitStatus  status;         /* as stored */
  AnjuFen         list_price;
  AnjuFen         floor_price;    /* 0: none */
  /* the hold row with released_at NULL, if any (expired or not) */
  char           *hold_id;
  char           *holder_id;
  char           *holder_name;
  char           *hold_customer_id;
  char           *held_at;
  char           *expires_at;
} UnitState;

static void
unit_state_clear (UnitState *u)
{
  g_free (u->id);
  g_free (u->project_id);
  g_free (u->label);
  g_free (u->hold_id);
  g_free (u->holder_id);
  g_free (u->holder_name);
  g_free (u->hold_customer_id);
  g_free (u->held_at);
  g_free (u->expires_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UnitState, unit_state_clear)

static gboolean
load_state (AnjuStore   *store,
            const char  *unit_id,
            UnitState   *out,
            GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT u.id, b.project_id, b.name || '-' || u.number, u.status, u.list_price, u.floor_price, "
      "h.id, h.holder_id, hu.display_name, h.customer_id, h.held_at, h.expires_at "
      "FROM units u JOIN buildings b ON b.id = u.building_id "
      "LEFT JOIN holds h ON h.unit_id = u.id AND h.released_at IS NULL "
      "LEFT JOIN users hu ON hu.id = h.holder_id WHERE u.id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    {
      int status = anju_unit_status_from_string ((const char *)sqlite3_column_text (stmt, 3));

      out->id = anju_stmt_dup_text (stmt, 0);
      out->project_id = anju_stmt_dup_text (stmt, 1);
      out->label = anju_stmt_dup_text (stmt, 2);
      out->status = status < 0 ? ANJU_UNIT_AVAILABLE : (AnjuUnitStatus)status;
      out->list_price = sqlite3_column_int64 (stmt, 4);
      out->floor_price = sqlite3_column_int64 (stmt, 5);
      out->hold_id = anju_stmt_dup_text (stmt, 6);
      out->holder_id = anju_stmt_dup_text (stmt, 7);
      out->holder_name = out->hold_id && sqlite3_column_type (stmt, 8) == SQLITE_NULL
                         ? g_strdup (anju_user_get_system ()->display_name)
                         : anju_stmt_dup_text (stmt, 8);
      out->hold_customer_id = anju_stmt_dup_text (stmt, 9);
      out->held_at = anju_stmt_dup_text (stmt, 10);
      out->expires_at = anju_stmt_dup_text (stmt, 11);
    }
  sqlite3_reset (stmt);
  if (!found)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "unit_id",
                         _("There is no unit with this id. Choose the unit on the board."));
  return found;
}

static gboolean
insert_history (AnjuCommandContext  *ctx,
                const char          *unit_id,
                const char          *actor_id,
                AnjuUnitStatus       from,
                AnjuUnitStatus       to,
                const char          *reason,
                const char          *customer_id,
                const char          *detail,
                GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *id = anju_command_context_new_id (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO unit_history (id, unit_id, at, actor_id, from_status, to_status, reason, "
      "customer_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, unit_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 4, actor_id);
  sqlite3_bind_text (stmt, 5, anju_unit_status_to_string (from), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, anju_unit_status_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, reason, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 8, customer_id);
  anju_stmt_bind_text_or_null (stmt, 9, detail);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "unit_history", id);
  return TRUE;
}

/* Why @unit cannot go to @to, as a sentence. */
static void
reject_status_move (GError          **error,
                    const char       *label,
                    AnjuUnitStatus    status,
                    AnjuUnitStatus    to)
{
  switch (status)
    {
    case ANJU_UNIT_SUBSCRIBED:
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Unit %s is already subscribed and cannot become %s. Choose another unit, or withdraw the subscription first."),
                           label, anju_unit_status_get_label (to));
      break;
    case ANJU_UNIT_SIGNED:
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Unit %s is already signed and cannot become %s. Choose another unit."),
                           label, anju_unit_status_get_label (to));
      break;
    case ANJU_UNIT_NOT_FOR_SALE:
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Unit %s is not for sale and cannot become %s. A manager can put it on sale first."),
                           label, anju_unit_status_get_label (to));
      break;
    case ANJU_UNIT_HELD:
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Unit %s is held and cannot become %s. Release the hold first."),
                           label, anju_unit_status_get_label (to));
      break;
    case ANJU_UNIT_AVAILABLE:
    default:
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Unit %s is available and cannot become %s directly. Hold it first."),
                           label, anju_unit_status_get_label (to));
      break;
    }
}

static void
reject_move (GError          **error,
             const UnitState  *unit,
             AnjuUnitStatus    to)
{
  reject_status_move (error, unit->label, unit->status, to);
}

/* The one place a unit's status changes. */
static gboolean
move_unit (AnjuCommandContext  *ctx,
           UnitState           *unit,
           AnjuUnitStatus       to,
           const char          *actor_id,
           const char          *reason,
           const char          *customer_id,
           const char          *detail,
           GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt;
  int changed;

  if (!anju_unit_status_can_move (unit->status, to))
    {
      reject_move (error, unit, to);
      return FALSE;
    }
  if (!(stmt = anju_store_prepare (store, "UPDATE units SET status = ? WHERE id = ? AND status = ?",
                                   error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, anju_unit_status_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, unit->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, anju_unit_status_to_string (unit->status), -1, SQLITE_STATIC);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  changed = sqlite3_changes (anju_store_get_db (store));
  if (changed != 1)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Unit %s changed while this was being decided. Look at the board again."),
                           unit->label);
      return FALSE;
    }
  anju_command_context_touch (ctx, "units", unit->id);
  if (!insert_history (ctx, unit->id, actor_id, unit->status, to, reason, customer_id, detail,
                       error))
    return FALSE;
  unit->status = to;
  return TRUE;
}

static gboolean
end_hold (AnjuCommandContext  *ctx,
          UnitState           *unit,
          const char          *at,
          const char          *by,
          const char          *reason,
          GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt;

  if (unit->hold_id == NULL)
    return TRUE;
  if (!(stmt = anju_store_prepare (store,
          "UPDATE holds SET released_at = ?, released_by = ?, release_reason = ? "
          "WHERE id = ? AND released_at IS NULL", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, by);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, unit->hold_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "holds", unit->hold_id);
  g_clear_pointer (&unit->hold_id, g_free);
  g_clear_pointer (&unit->holder_id, g_free);
  g_clear_pointer (&unit->holder_name, g_free);
  g_clear_pointer (&unit->hold_customer_id, g_free);
  g_clear_pointer (&unit->held_at, g_free);
  g_clear_pointer (&unit->expires_at, g_free);
  return TRUE;
}

static gboolean
hold_has_expired (const UnitState *unit,
                  const char      *now)
{
  return unit->expires_at != NULL && strcmp (unit->expires_at, now) < 0;
}

/* Writes what time already decided: an expired hold is released (at its
 * expiry, by nobody) and the unit is available again. Also mends a unit
 * marked held with no open hold row (a hold row lost to a partial copy). */
static gboolean
settle_expired_hold (AnjuCommandContext  *ctx,
                     UnitState           *unit,
                     gboolean            *settled,
                     GError             **error)
{
  const char *now = anju_command_context_get_now_string (ctx);
  g_autofree char *at = NULL;
  gboolean orphan = unit->status == ANJU_UNIT_HELD && unit->hold_id == NULL;

  if (settled != NULL)
    *settled = FALSE;
  if (!orphan && !hold_has_expired (unit, now))
    return TRUE;
  at = g_strdup (unit->expires_at ? unit->expires_at : now);
  if (!end_hold (ctx, unit, at, NULL, "expired", error))
    return FALSE;
  if (unit->status == ANJU_UNIT_HELD &&
      !move_unit (ctx, unit, ANJU_UNIT_AVAILABLE, NULL, "expired", NULL, NULL, error))
    return FALSE;
  if (settled != NULL)
    *settled = TRUE;
  return TRUE;
}

static gboolean
load_settled (AnjuCommandContext  *ctx,
              const char          *unit_id,
              UnitState           *unit,
              GError             **error)
{
  return load_state (anju_command_context_get_store (ctx), unit_id, unit, error) &&
         settle_expired_hold (ctx, unit, NULL, error);
}

static char *
dup_local_time (const char *iso)
{
  return anju_format_datetime (parse_time (iso));
}

static void
reject_held_by (GError          **error,
                AnjuCommandErrorCode code,
                const UnitState  *unit)
{
  g_autofree char *until = dup_local_time (unit->expires_at);

  anju_command_reject (error, code, "unit_id",
                       _("Unit %s is held by %s until %s."),
                       unit->label, unit->holder_name, until);
}

void
anju_units_get_hold_minutes (AnjuStore  *store,
                             const char *project_id,
                             gint64     *default_minutes,
                             gint64     *max_minutes)
{
  gint64 max = MAX (1, anju_policy_get_int (store, project_id, "hold.max_minutes",
                                            DEFAULT_MAX_MINUTES));

  if (max_minutes != NULL)
    *max_minutes = max;
  if (default_minutes != NULL)
    *default_minutes = CLAMP (anju_policy_get_int (store, project_id, "hold.default_minutes",
                                                   DEFAULT_HOLD_MINUTES), 1, max);
}

gboolean
anju_unit_may_extend (const AnjuUser *actor,
                      const char     *holder_id)
{
  return actor != NULL && actor->id != NULL && g_strcmp0 (holder_id, actor->id) == 0 &&
         anju_commands_allowed ("unit.extend", actor);
}

gboolean
anju_unit_may_release (const AnjuUser *actor,
                       const char     *holder_id)
{
  /* the holder, or whoever may change a unit's status (a manager) */
  return anju_commands_allowed ("unit.release", actor) &&
         ((actor->id != NULL && g_strcmp0 (holder_id, actor->id) == 0) ||
          anju_commands_allowed ("unit.set_status", actor));
}

gint64
anju_units_get_rehold_pause_minutes (AnjuStore  *store,
                                     const char *project_id)
{
  return MAX (0, anju_policy_get_int (store, project_id, "hold.rehold_pause_minutes",
                                      DEFAULT_REHOLD_PAUSE_MINUTES));
}

/* When @holder_id's last hold of @unit_id ended (released by anyone, or
 * expired by @now), µs UTC; 0 if it never held it. */
static gint64
last_hold_end (AnjuStore  *store,
               const char *unit_id,
               const char *holder_id,
               gint64      now)
{
  g_autofree char *now_text = anju_clock_format_utc (now);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT max(coalesce(released_at, expires_at)) FROM holds WHERE unit_id = ?1 AND holder_id = ?2 "
      "AND (release_reason IN ('released', 'expired') OR (released_at IS NULL AND expires_at < ?3))",
      NULL);
  gint64 at = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, unit_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, holder_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now_text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    at = parse_time ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return at;
}

gboolean
anju_unit_may_hold (AnjuStore          *store,
                    const AnjuUser     *actor,
                    const AnjuUnitRow  *unit,
                    gint64              now,
                    GError            **why)
{
  g_autofree char *label = NULL;
  gint64 pause, ended;

  g_return_val_if_fail (ANJU_IS_STORE (store), FALSE);
  g_return_val_if_fail (unit != NULL, FALSE);

  label = anju_unit_row_dup_label (unit);
  if (actor == NULL || !anju_commands_allowed ("unit.hold", actor))
    {
      anju_command_reject (why, ANJU_COMMAND_ERROR_FORBIDDEN, NULL,
                           _("Only consultants and managers hold units."));
      return FALSE;
    }
  if (unit->status == ANJU_UNIT_HELD)
    {
      g_autofree char *until = anju_format_datetime (unit->hold_expires_at);

      if (actor->id != NULL && g_strcmp0 (unit->holder_id, actor->id) == 0)
        anju_command_reject (why, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                             _("You already hold unit %s until %s. Extend the hold instead."),
                             label, until);
      else
        anju_command_reject (why, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                             _("Unit %s is held by %s until %s."), label,
                             unit->holder_name ? unit->holder_name : anju_user_get_system ()->display_name,
                             until);
      return FALSE;
    }
  if (unit->status != ANJU_UNIT_AVAILABLE)
    {
      reject_status_move (why, label, unit->status, ANJU_UNIT_HELD);
      return FALSE;
    }
  /* Releasing and holding again at once would start a fresh maximum
   * hold: the same person waits hold.rehold_pause_minutes. Managers
   * (who may change a unit's status anyway) are not held back. */
  pause = anju_units_get_rehold_pause_minutes (store, unit->project_id);
  if (pause > 0 && actor->id != NULL && !anju_commands_allowed ("unit.set_status", actor) &&
      (ended = last_hold_end (store, unit->id, actor->id, now)) > 0 &&
      now < ended + pause * 60 * G_USEC_PER_SEC)
    {
      g_autofree char *from = anju_format_datetime (ended + pause * 60 * G_USEC_PER_SEC);

      anju_command_reject (why, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Your hold of unit %s ended less than %d minutes ago. You can hold it again from %s, or ask a manager to hold it for the customer."),
                           label, (int)pause, from);
      return FALSE;
    }
  return TRUE;
}

void
anju_unit_snapshot_free (AnjuUnitSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_pointer (&snapshot->unit, anju_unit_row_free);
  g_clear_pointer (&snapshot->history, g_ptr_array_unref);
  g_free (snapshot->hold_refusal);
  g_free (snapshot);
}

AnjuUnitSnapshot *
anju_unit_snapshot_load (AnjuStore       *store,
                         const AnjuUser  *actor,
                         const char      *unit_id,
                         GError         **error)
{
  g_autoptr(AnjuUnitSnapshot) snapshot = g_new0 (AnjuUnitSnapshot, 1);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) why = NULL;

  if (!(snapshot->unit = anju_unit_load (store, unit_id, &local_error)))
    {
      if (local_error == NULL)
        anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "unit_id",
                             _("This unit is no longer in the price list."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!(snapshot->history = anju_unit_list_history (store, unit_id, error)))
    return NULL;
  anju_units_get_hold_minutes (store, snapshot->unit->project_id, &snapshot->default_minutes,
                               &snapshot->max_minutes);
  snapshot->can_hold = anju_unit_may_hold (store, actor, snapshot->unit, anju_store_now (store), &why);
  if (why != NULL)
    snapshot->hold_refusal = g_strdup (why->message);
  return g_steal_pointer (&snapshot);
}

static void
set_unit_subject (AnjuCommandContext *ctx,
                  const char         *unit_id)
{
  g_autofree char *subject = g_strconcat ("unit:", unit_id, NULL);

  anju_command_context_set_subject (ctx, subject);
}

static gboolean
get_minutes (JsonObject  *payload,
             gboolean     required,
             gint64       fallback,
             gint64       max,
             gint64      *out,
             GError     **error)
{
  gint64 minutes = fallback;

  if (!anju_payload_get_int (payload, "minutes", required, &minutes, error))
    return FALSE;
  if (minutes < 1 || minutes > max)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "minutes",
                           _("A hold lasts from 1 to %d minutes. Choose a time in that range."),
                           (int)max);
      return FALSE;
    }
  *out = minutes;
  return TRUE;
}

static gboolean
customer_exists (AnjuStore  *store,
                 const char *customer_id)
{
  sqlite3_stmt *stmt = anju_store_prepare (store, "SELECT 1 FROM customers WHERE id = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static void
set_hold_result (AnjuCommandContext *ctx,
                 const char         *unit_id,
                 const char         *hold_id,
                 const char         *expires_at)
{
  JsonObject *result = anju_command_context_get_result (ctx);

  json_object_set_string_member (result, "unit_id", unit_id);
  json_object_set_string_member (result, "hold_id", hold_id);
  json_object_set_string_member (result, "expires_at", expires_at);
}

/* unit.hold {unit_id, minutes?, customer_id?} */
static gboolean
apply_unit_hold (AnjuCommandContext  *ctx,
                 JsonObject          *payload,
                 GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_auto(UnitState) unit = { 0 };
  const char *unit_id, *customer_id = NULL;
  g_autofree char *hold_id = NULL, *expires_at = NULL, *detail = NULL;
  g_autoptr(AnjuUnitRow) row = NULL;
  gint64 minutes, default_minutes, max_minutes;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "unit_id", TRUE, &unit_id, error) ||
      !anju_payload_get_string (payload, "customer_id", FALSE, &customer_id, error) ||
      !load_settled (ctx, unit_id, &unit, error))
    return FALSE;

  anju_units_get_hold_minutes (store, unit.project_id, &default_minutes, &max_minutes);
  if (!get_minutes (payload, FALSE, default_minutes, max_minutes, &minutes, error))
    return FALSE;
  if (customer_id != NULL && !customer_exists (store, customer_id))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "customer_id",
                           _("There is no customer with this id. Search for the customer again."));
      return FALSE;
    }

  /* The rule the board's panel shows (anju_unit_snapshot_load()). */
  if (!(row = anju_unit_load (store, unit.id, error)))
    {
      if (error != NULL && *error == NULL)
        anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "unit_id",
                             _("There is no unit with this id. Choose the unit on the board."));
      return FALSE;
    }
  if (!anju_unit_may_hold (store, actor, row, anju_command_context_get_now (ctx), error))
    return FALSE;

  /* move_unit()'s conditional UPDATE … WHERE status = 'available' decides;
   * the unique index on active holds stands behind it. */
  expires_at = anju_clock_format_utc (anju_command_context_get_now (ctx) +
                                      minutes * 60 * G_USEC_PER_SEC);
  detail = g_strdup_printf ("until %s", expires_at);
  if (!move_unit (ctx, &unit, ANJU_UNIT_HELD, actor->id, "hold", customer_id, detail, error))
    return FALSE;

  hold_id = anju_command_context_new_id (ctx);
  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO holds (id, unit_id, holder_id, customer_id, held_at, expires_at) "
          "VALUES (?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, hold_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, unit.id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 3, actor->id);
  anju_stmt_bind_text_or_null (stmt, 4, customer_id);
  sqlite3_bind_text (stmt, 5, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, expires_at, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "holds", hold_id);

  set_unit_subject (ctx, unit.id);
  set_hold_result (ctx, unit.id, hold_id, expires_at);
  return TRUE;
}

/* unit.extend {unit_id, minutes} */
static gboolean
apply_unit_extend (AnjuCommandContext  *ctx,
                   JsonObject          *payload,
                   GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_auto(UnitState) unit = { 0 };
  const char *unit_id;
  g_autofree char *expires_at = NULL, *detail = NULL;
  gint64 minutes, max_minutes, held_at, old_expiry, new_expiry, room;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "unit_id", TRUE, &unit_id, error) ||
      !load_settled (ctx, unit_id, &unit, error))
    return FALSE;
  anju_units_get_hold_minutes (store, unit.project_id, NULL, &max_minutes);
  if (!get_minutes (payload, TRUE, 0, max_minutes, &minutes, error))
    return FALSE;

  if (unit.status != ANJU_UNIT_HELD)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Unit %s is not held, so there is no hold to extend. Hold it first."),
                           unit.label);
      return FALSE;
    }
  if (!anju_unit_may_extend (actor, unit.holder_id))
    {
      g_autofree char *until = dup_local_time (unit.expires_at);

      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "unit_id",
                           _("Unit %s is held by %s until %s. Only the holder can extend a hold."),
                           unit.label, unit.holder_name, until);
      return FALSE;
    }

  held_at = parse_time (unit.held_at);
  old_expiry = parse_time (unit.expires_at);
  new_expiry = old_expiry + minutes * 60 * G_USEC_PER_SEC;
  if (new_expiry - held_at > max_minutes * 60 * G_USEC_PER_SEC)
    {
      room = (held_at + max_minutes * 60 * G_USEC_PER_SEC - old_expiry) / (60 * G_USEC_PER_SEC);
      if (room > 0)
        anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "minutes",
                             _("A hold lasts at most %d minutes in all; this one can be extended by at most %d more minutes."),
                             (int)max_minutes, (int)room);
      else
        anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "minutes",
                             _("A hold lasts at most %d minutes in all and this one has reached it. Make the deal or release the unit."),
                             (int)max_minutes);
      return FALSE;
    }

  expires_at = anju_clock_format_utc (new_expiry);
  if (!(stmt = anju_store_prepare (store,
          "UPDATE holds SET expires_at = ? WHERE id = ? AND released_at IS NULL", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, expires_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, unit.hold_id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "holds", unit.hold_id);
  detail = g_strdup_printf ("until %s", expires_at);
  if (!insert_history (ctx, unit.id, actor->id, ANJU_UNIT_HELD, ANJU_UNIT_HELD, "extend",
                       unit.hold_customer_id, detail, error))
    return FALSE;

  set_unit_subject (ctx, unit.id);
  set_hold_result (ctx, unit.id, unit.hold_id, expires_at);
  return TRUE;
}

/* unit.release {unit_id} */
static gboolean
apply_unit_release (AnjuCommandContext  *ctx,
                    JsonObject          *payload,
                    GError             **error)
{
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_auto(UnitState) unit = { 0 };
  g_autofree char *customer_id = NULL;
  const char *unit_id;

  if (!anju_payload_get_string (payload, "unit_id", TRUE, &unit_id, error) ||
      !load_settled (ctx, unit_id, &unit, error))
    return FALSE;
  if (unit.status != ANJU_UNIT_HELD)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Unit %s is not held, so there is nothing to release."), unit.label);
      return FALSE;
    }
  if (!anju_unit_may_release (actor, unit.holder_id))
    {
      g_autofree char *until = dup_local_time (unit.expires_at);

      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "unit_id",
                           _("Unit %s is held by %s until %s. Only the holder or a manager can release it."),
                           unit.label, unit.holder_name, until);
      return FALSE;
    }
  customer_id = g_strdup (unit.hold_customer_id);
  if (!end_hold (ctx, &unit, anju_command_context_get_now_string (ctx), actor->id, "released",
                 error) ||
      !move_unit (ctx, &unit, ANJU_UNIT_AVAILABLE, actor->id, "release", customer_id, NULL, error))
    return FALSE;
  set_unit_subject (ctx, unit.id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "unit_id", unit.id);
  return TRUE;
}

/* Optional free text, trimmed, at most @max characters; "" is NULL. */
static gboolean
get_reason (JsonObject  *payload,
            const char  *field,
            char       **out,
            GError     **error)
{
  const char *text = NULL;

  if (!anju_payload_get_string (payload, field, FALSE, &text, error))
    return FALSE;
  if (anju_text_is_blank (text))
    return TRUE;
  *out = g_strstrip (g_strdup (text));
  if (g_utf8_strlen (*out, -1) > MAX_REASON_CHARS)
    {
      g_clear_pointer (out, g_free);
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("Write the reason in at most %d characters."), MAX_REASON_CHARS);
      return FALSE;
    }
  return TRUE;
}

/* unit.set_status {unit_id, status, reason?} */
static gboolean
apply_unit_set_status (AnjuCommandContext  *ctx,
                       JsonObject          *payload,
                       GError             **error)
{
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_auto(UnitState) unit = { 0 };
  g_autofree char *reason = NULL;
  const char *unit_id, *status_name;
  int to;

  if (!anju_payload_get_string (payload, "unit_id", TRUE, &unit_id, error) ||
      !anju_payload_get_string (payload, "status", TRUE, &status_name, error) ||
      !get_reason (payload, "reason", &reason, error))
    return FALSE;
  to = anju_unit_status_from_string (status_name);
  if (to != ANJU_UNIT_AVAILABLE && to != ANJU_UNIT_NOT_FOR_SALE)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "status",
                           _("“%s” cannot be set here: use “available” or “not_for_sale”. Holds, subscriptions and signings have their own steps."),
                           status_name);
      return FALSE;
    }
  if (!load_settled (ctx, unit_id, &unit, error))
    return FALSE;
  if (unit.status == (AnjuUnitStatus)to)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "status",
                           _("Unit %s is already %s."), unit.label, anju_unit_status_get_label (to));
      return FALSE;
    }
  if (!move_unit (ctx, &unit, to, actor->id,
                  to == ANJU_UNIT_NOT_FOR_SALE ? "not_for_sale" : "for_sale",
                  NULL, reason, error))
    return FALSE;
  set_unit_subject (ctx, unit.id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "unit_id", unit.id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "status",
                                 anju_unit_status_to_string (to));
  return TRUE;
}

/* unit.set_floor_price {unit_id, floor_price: fen | null} */
static gboolean
apply_unit_set_floor_price (AnjuCommandContext  *ctx,
                            JsonObject          *payload,
                            GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_auto(UnitState) unit = { 0 };
  const char *unit_id;
  gint64 floor_price = 0;
  JsonNode *node;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "unit_id", TRUE, &unit_id, error))
    return FALSE;
  node = json_object_get_member (payload, "floor_price");
  if (node == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "floor_price",
                           _("Give the floor price in fen, or null to remove it."));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_NULL (node) && !anju_payload_get_int (payload, "floor_price", TRUE,
                                                             &floor_price, error))
    return FALSE;
  if (!load_state (store, unit_id, &unit, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_NULL (node) && (floor_price <= 0 || floor_price > unit.list_price))
    {
      g_autofree char *list = anju_format_money (unit.list_price);

      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "floor_price",
                           _("A floor price is a whole number of fen, more than 0 and at most the list price of unit %s (%s)."),
                           unit.label, list);
      return FALSE;
    }
  if (!(stmt = anju_store_prepare (store, "UPDATE units SET floor_price = ? WHERE id = ?", error)))
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, 1);
  else
    sqlite3_bind_int64 (stmt, 1, floor_price);
  sqlite3_bind_text (stmt, 2, unit.id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "units", unit.id);
  set_unit_subject (ctx, unit.id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "unit_id", unit.id);
  return TRUE;
}

/* Units whose hold has run out but is not written yet. */
static GPtrArray *
list_expired (AnjuStore   *store,
              const char  *now,
              GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT DISTINCT u.id FROM units u LEFT JOIN holds h ON h.unit_id = u.id AND h.released_at IS NULL "
      "WHERE (h.id IS NOT NULL AND h.expires_at < ?1) OR (u.status = 'held' AND h.id IS NULL) "
      "ORDER BY u.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, anju_stmt_dup_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* unit.expire_holds {} */
static gboolean
apply_unit_expire_holds (AnjuCommandContext  *ctx,
                         JsonObject          *payload,
                         GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autoptr(GPtrArray) ids = list_expired (store, anju_command_context_get_now_string (ctx), error);
  gint64 released = 0;

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_auto(UnitState) unit = { 0 };
      gboolean settled = FALSE;

      if (!load_state (store, g_ptr_array_index (ids, i), &unit, error) ||
          !settle_expired_hold (ctx, &unit, &settled, error))
        return FALSE;
      released += settled;
    }
  anju_command_context_set_subject (ctx, "units");
  json_object_set_int_member (anju_command_context_get_result (ctx), "released", released);
  return TRUE;
}

int
anju_units_expire_holds (AnjuStore  *store,
                         GError    **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (ANJU_IS_STORE (store), -1);

  if (anju_store_get_outbox_enabled (store))
    return 0;
  now = anju_store_now_string (store);
  if (!(ids = list_expired (store, now, error)))
    return -1;
  if (ids->len == 0)
    return 0;   /* nothing to write: no command, no audit entry */
  payload = json_object_new ();
  if (!(answer = anju_command_run (store, anju_user_get_system (), "unit.expire_holds", payload,
                                   error)))
    return -1;
  return (int)json_object_get_int_member (json_object_get_object_member (answer, "result"),
                                          "released");
}

/* ---- transitions for later workflows ------------------------------------ */

/* Refuses while policy withdrawal.block_days keeps @customer_id from the unit. */
static gboolean
check_withdrawal_block (AnjuCommandContext  *ctx,
                        const UnitState     *unit,
                        const char          *customer_id,
                        GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  gint64 days = anju_policy_get_int (store, unit->project_id, "withdrawal.block_days", 0);
  g_autofree char *last = NULL;
  sqlite3_stmt *stmt;
  gint64 until;

  if (days <= 0 || customer_id == NULL)
    return TRUE;
  if (!(stmt = anju_store_prepare (store,
          "SELECT max(at) FROM unit_history WHERE unit_id = ? AND customer_id = ? AND reason = 'withdraw'",
          error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, customer_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (last == NULL)
    return TRUE;
  until = parse_time (last) + days * G_TIME_SPAN_DAY;
  if (anju_command_context_get_now (ctx) < until)
    {
      g_autofree char *when = anju_format_datetime (until);

      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "customer_id",
                           _("This buyer withdrew from unit %s and may not subscribe it again before %s (office policy)."),
                           unit->label, when);
      return FALSE;
    }
  return TRUE;
}

gboolean
anju_units_subscribe (AnjuCommandContext  *ctx,
                      const char          *unit_id,
                      const char          *customer_id,
                      GError             **error)
{
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_auto(UnitState) unit = { 0 };

  if (!load_settled (ctx, unit_id, &unit, error))
    return FALSE;
  if (unit.status != ANJU_UNIT_HELD)
    {
      if (unit.status == ANJU_UNIT_AVAILABLE)
        anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                             _("Unit %s is not held. Hold it for the customer before the subscription."),
                             unit.label);
      else
        reject_move (error, &unit, ANJU_UNIT_SUBSCRIBED);
      return FALSE;
    }
  if (!anju_unit_may_release (actor, unit.holder_id))
    {
      reject_held_by (error, ANJU_COMMAND_ERROR_FORBIDDEN, &unit);
      return FALSE;
    }
  if (!check_withdrawal_block (ctx, &unit, customer_id, error))
    return FALSE;
  return end_hold (ctx, &unit, anju_command_context_get_now_string (ctx), actor->id, "subscribed",
                   error) &&
         move_unit (ctx, &unit, ANJU_UNIT_SUBSCRIBED, actor->id, "subscribe", customer_id, NULL,
                    error);
}

gboolean
anju_units_sign (AnjuCommandContext  *ctx,
                 const char          *unit_id,
                 const char          *customer_id,
                 GError             **error)
{
  g_auto(UnitState) unit = { 0 };

  return load_settled (ctx, unit_id, &unit, error) &&
         move_unit (ctx, &unit, ANJU_UNIT_SIGNED, anju_command_context_get_actor (ctx)->id,
                    "sign", customer_id, NULL, error);
}

gboolean
anju_units_withdraw (AnjuCommandContext  *ctx,
                     const char          *unit_id,
                     const char          *customer_id,
                     const char          *reason,
                     GError             **error)
{
  g_auto(UnitState) unit = { 0 };

  if (!load_settled (ctx, unit_id, &unit, error))
    return FALSE;
  if (unit.status != ANJU_UNIT_SUBSCRIBED)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "unit_id",
                           _("Unit %s is %s, not subscribed; there is no subscription to withdraw."),
                           unit.label, anju_unit_status_get_label (unit.status));
      return FALSE;
    }
  return move_unit (ctx, &unit, ANJU_UNIT_AVAILABLE, anju_command_context_get_actor (ctx)->id,
                    "withdraw", customer_id, reason, error);
}

static const AnjuCommandSpec unit_commands[] = {
  { "unit.hold", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_OFFICE_DECISION,
    apply_unit_hold,
    "unit_id:string customer_id:string? minutes:integer?" },
  { "unit.extend", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER, ANJU_COMMAND_FLAG_OFFICE_DECISION,
    apply_unit_extend,
    "unit_id:string minutes:integer" },
  { "unit.release", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_unit_release,
    "unit_id:string" },
  { "unit.set_status", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN, ANJU_COMMAND_FLAG_OFFICE_DECISION,
    apply_unit_set_status,
    "unit_id:string status:string reason:string?" },
  { "unit.set_floor_price", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN, ANJU_COMMAND_FLAG_NONE,
    apply_unit_set_floor_price,
    "unit_id:string floor_price:integer" },
  { "unit.expire_holds", ANJU_ROLES_ALL, ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_unit_expire_holds,
    "" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const units_topic_tables[] = { "units", "holds", "unit_history", "buildings", NULL };

void
anju_units_register_commands (void)
{
  anju_topic_declare ("units", units_topic_tables);
  anju_commands_register (unit_commands, G_N_ELEMENTS (unit_commands));
}
