/* anju-units.h — the unit state machine, holds and the sales board (销控)
 *
 * A unit's status moves only along these edges, whatever the path (UI,
 * anjuctl apply, the office server):
 *
 *   available    → held          unit.hold
 *   held         → available     unit.release, or the hold expires
 *   held         → subscribed    anju_units_subscribe() (subscription workflow)
 *   subscribed   → signed        anju_units_sign()      (signing workflow)
 *   subscribed   → available     anju_units_withdraw()  (withdrawal, refund)
 *   available   ↔  not_for_sale  unit.set_status (manager)
 *
 * A hold whose expires_at has passed counts as released everywhere —
 * in every query and every transition — before anything writes it;
 * unit.expire_holds (see anju_units_expire_holds()) writes the releases
 * so that they reach every desk. Every transition, and every extension of
 * a hold, adds a unit_history row.
 *
 * Commands (payload fields snake_case; times ISO 8601 UTC):
 *   unit.hold       {unit_id, minutes?, customer_id?}  (consultant, manager)
 *       → {unit_id, hold_id, expires_at}
 *       An office decision. minutes defaults to policy hold.default_minutes
 *       and may not exceed hold.max_minutes. A unit held by someone else
 *       is refused (CONFLICT, field "unit_id") naming the holder and the
 *       local time the hold ends: "Unit 1幢-1502 is held by 李娜 until …".
 *   unit.extend     {unit_id, minutes}                  (the holder)
 *       → {unit_id, hold_id, expires_at}
 *       An office decision. The hold's whole length, from held_at, never
 *       exceeds hold.max_minutes.
 *   unit.release    {unit_id}                (the holder, a manager, an admin)
 *       An office decision.
 *   unit.set_status {unit_id, status: "available"|"not_for_sale", reason?}
 *                                                       (manager, admin)
 *       An office decision.
 *   unit.set_floor_price {unit_id, floor_price: fen|null}  (manager, admin)
 *   unit.expire_holds {}                               (anyone; the system)
 *       An office decision: the server writes the releases of expired
 *       holds. → {released: n}
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-command.h"
#include "anju-money.h"
#include "anju-store.h"

G_BEGIN_DECLS

typedef enum
{
  ANJU_UNIT_AVAILABLE,
  ANJU_UNIT_HELD,
  ANJU_UNIT_SUBSCRIBED,
  ANJU_UNIT_SIGNED,
  ANJU_UNIT_NOT_FOR_SALE,
} AnjuUnitStatus;

#define ANJU_UNIT_STATUS_LAST ANJU_UNIT_NOT_FOR_SALE

/* "available", "held", … as stored; -1 from _from_string if unknown. */
const char     *anju_unit_status_to_string    (AnjuUnitStatus  status);
int             anju_unit_status_from_string  (const char     *name);
/* The status for people, translated ("Available" / "待售"). */
const char     *anju_unit_status_get_label    (AnjuUnitStatus  status);
/* Whether the state machine has the edge @from → @to. */
gboolean        anju_unit_status_can_move     (AnjuUnitStatus  from,
                                               AnjuUnitStatus  to);

/* One unit as the board shows it. The status is the effective one: an
 * expired hold shows as available with no holder. */
typedef struct
{
  char           *id;
  char           *project_id;
  char           *building_id;
  char           *building_name;
  int             floor;
  char           *number;
  char           *layout;
  char           *orientation;     /* or NULL */
  gint64          gross_area;      /* hundredths of m² */
  gint64          inner_area;
  AnjuFen         list_price;
  AnjuFen         price_per_m2;    /* list_price / gross area, half up */
  gint64          price_version;   /* 0: the price the unit was created with */
  AnjuUnitStatus  status;
  gboolean        hot;
  char           *special_offer;   /* or NULL */
  AnjuFen         floor_price;     /* 底价, 0: none; show it to managers only */
  /* The active hold, if status is held. */
  char           *hold_id;
  char           *holder_id;
  char           *holder_name;
  char           *hold_customer_id;
  gint64          hold_expires_at; /* µs UTC; 0 if not held */
} AnjuUnitRow;

void          anju_unit_row_free        (AnjuUnitRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuUnitRow, anju_unit_row_free)

/* "1幢-1502": the building's name and the unit's number. */
char         *anju_unit_row_dup_label   (const AnjuUnitRow *row);

/* What the board lists. Unset members (NULL, 0) do not filter. Bounds are
 * inclusive: areas in hundredths of m², prices in fen. @status filters by
 * the effective status. */
typedef struct
{
  const char *project_id;
  const char *building_id;
  const char *status;
  const char *layout;
  gint64      min_area;
  gint64      max_area;
  AnjuFen     min_price;
  AnjuFen     max_price;
} AnjuUnitFilter;

/* Units in board order (project; building by name, shorter names first so
 * that 2幢 comes before 10幢; floor from the top down; number); element
 * type AnjuUnitRow*. @filter may be NULL. */
GPtrArray    *anju_units_list           (AnjuStore            *store,
                                         const AnjuUnitFilter *filter,
                                         GError              **error);
/* One unit, or NULL with @error unset if there is none. */
/* The rules of a hold the screens and the handlers share: only the holder
 * extends it; the holder or a manager releases it. */
gboolean      anju_unit_may_extend      (const AnjuUser *actor,
                                         const char     *holder_id);
gboolean      anju_unit_may_release     (const AnjuUser *actor,
                                         const char     *holder_id);

/* Whether @actor may hold @unit (as anju_unit_load() returns it) at
 * @now: a seller, the unit available, and not the person whose own hold
 * of it ended less than hold.rehold_pause_minutes ago (policy; 0: no
 * pause; managers are not held back). FALSE sets @why to the refusal
 * unit.hold gives, field "unit_id". The handler and the board's panel
 * (anju_unit_snapshot_load()) both ask this. */
gboolean      anju_unit_may_hold        (AnjuStore          *store,
                                         const AnjuUser     *actor,
                                         const AnjuUnitRow  *unit,
                                         gint64              now,
                                         GError            **why);
/* hold.rehold_pause_minutes of @project_id's policy, at least 0. */
gint64        anju_units_get_rehold_pause_minutes (AnjuStore  *store,
                                                   const char *project_id);

/* What the board's unit panel shows for @actor: the unit, its history
 * (AnjuUnitEvent*), the hold times, and whether @actor may hold it now
 * with core's sentence when not. */
typedef struct
{
  AnjuUnitRow *unit;
  GPtrArray   *history;
  gint64       default_minutes;
  gint64       max_minutes;
  gboolean     can_hold;
  char        *hold_refusal;   /* NULL when can_hold */
} AnjuUnitSnapshot;

void              anju_unit_snapshot_free (AnjuUnitSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuUnitSnapshot, anju_unit_snapshot_free)
/* NULL with NOT_FOUND "unit_id" when the unit is gone. */
AnjuUnitSnapshot *anju_unit_snapshot_load (AnjuStore       *store,
                                           const AnjuUser  *actor,
                                           const char      *unit_id,
                                           GError         **error);

/* The hold times of @project_id's policy: the minutes a new hold lasts
 * (hold.default_minutes, within 1…max) and the most a hold may last in
 * all (hold.max_minutes, at least 1). unit.hold and unit.extend use them;
 * the unit panel offers them. */
void          anju_units_get_hold_minutes (AnjuStore          *store,
                                           const char         *project_id,
                                           gint64             *default_minutes,
                                           gint64             *max_minutes);

AnjuUnitRow  *anju_unit_load            (AnjuStore            *store,
                                         const char           *unit_id,
                                         GError              **error);

/* A building's counts by effective status. sold_permille is
 * (subscribed + signed) per thousand units for sale (all but
 * not_for_sale), half up; 0 when none is for sale. */
typedef struct
{
  char   *building_id;
  char   *building_name;
  char   *project_id;
  int     floors;
  int     units_per_floor;
  guint   total;
  guint   count[ANJU_UNIT_STATUS_LAST + 1];   /* by AnjuUnitStatus */
  guint   sold_permille;
} AnjuBuildingCounts;

void          anju_building_counts_free (AnjuBuildingCounts *counts);
/* One entry per building of @project_id (NULL: every project), in board
 * order. */
GPtrArray    *anju_units_count_by_building (AnjuStore      *store,
                                            const char     *project_id,
                                            GError        **error);

/* One row of a unit's history, oldest first. */
typedef struct
{
  char           *at;            /* ISO 8601 UTC */
  char           *actor_id;      /* NULL: Anju itself (an expiry) */
  char           *actor_name;
  AnjuUnitStatus  from;
  AnjuUnitStatus  to;
  char           *reason;        /* "hold", "extend", "release", "expired", … */
  char           *customer_id;
  char           *detail;        /* a person's words, or NULL */
} AnjuUnitEvent;

void          anju_unit_event_free      (AnjuUnitEvent *event);
GPtrArray    *anju_unit_list_history    (AnjuStore      *store,
                                         const char     *unit_id,
                                         GError        **error);

/* Writes the release of every hold that has expired, through the
 * unit.expire_holds command as the system. A desk connected to an office
 * server leaves this to the server and returns 0 (its queries already
 * treat expired holds as released). Returns the number released, or -1
 * with @error set. */
int           anju_units_expire_holds   (AnjuStore      *store,
                                         GError        **error);

/* The board as CSV (UTF-8, header row, the columns of data/price-lists/
 * README.md plus price_per_m2_yuan and status; no floor prices).
 * @project_id NULL: the first project. */
char         *anju_units_export_csv     (AnjuStore      *store,
                                         const char     *project_id,
                                         GError        **error);
gboolean      anju_units_export_csv_file (AnjuStore     *store,
                                          const char    *project_id,
                                          const char    *path,
                                          GError       **error);

/* For the workflows that follow a hold; call these from inside a command
 * handler. Each refuses with a command error that names "unit_id" when the
 * state machine forbids the move.
 *
 * held → subscribed: the unit must be held (unexpired) by the actor, or
 * the actor must be a manager; refused while policy withdrawal.block_days
 * keeps @customer_id from this unit after a withdrawal. Ends the hold. */
gboolean      anju_units_subscribe      (AnjuCommandContext  *ctx,
                                         const char          *unit_id,
                                         const char          *customer_id,
                                         GError             **error);
/* subscribed → signed. */
gboolean      anju_units_sign           (AnjuCommandContext  *ctx,
                                         const char          *unit_id,
                                         const char          *customer_id,
                                         GError             **error);
/* subscribed → available (a withdrawal or refund); @customer_id is the
 * buyer who withdrew, remembered for withdrawal.block_days. */
gboolean      anju_units_withdraw       (AnjuCommandContext  *ctx,
                                         const char          *unit_id,
                                         const char          *customer_id,
                                         const char          *reason,
                                         GError             **error);

/* The active hold of @unit_id at @now_iso (ISO UTC): its id and holder,
 * newly allocated; FALSE if the unit has none. */
gboolean      anju_units_get_active_hold (AnjuStore     *store,
                                          const char    *unit_id,
                                          const char    *now_iso,
                                          char         **hold_id,
                                          char         **holder_id,
                                          GError       **error);

/* The project a unit belongs to, or NULL. */
char         *anju_unit_dup_project_id  (AnjuStore      *store,
                                         const char     *unit_id);

void          anju_units_register_commands (void);

G_END_DECLS
