/* anju-reception.h — phone calls, appointments and walk-in visits (SPEC §2, §3)
 *
 * The standard of the sales office as commands and queries: the call
 * screen, the reception plan, the walk-in queue and the visit checklist
 * build on these. Rules are policy data (data/policy/reception.json:
 * sections "phone", "walk_in", "rotation", "follow_up"); texts are data
 * (data/reception/scripts.json, data/sms/templates.json). Times travel as
 * ISO 8601 with a zone and are stored in UTC; days are the office's local
 * days (anju_format_get_time_zone()). docs/commands.md has each command's
 * fields, errors and examples.
 *
 * Commands (role in brackets; C = consultant, M = manager, A = admin):
 *   call.log            [C M A]  a phone call, its questions, invitation,
 *                                refusal or appointment; creates the caller,
 *                                the follow-up tasks and SMS
 *   appointment.create  [C M A]  an appointment made later (e.g. in a
 *                                follow-up call)
 *   appointment.cancel  [C M A]
 *   script.set          [M A]    a project's greeting, introduction or risk
 *                                disclosure (a new version each time)
 *   visit.register      [C M A]  a walk-in at the door; assigns a consultant
 *   visit.assign        [C M A]  gives a waiting visit a consultant
 *   visit.greet         [C M A]  the consultant greets the visitor (wait timed)
 *   visit.handover_confirm [C M A] the door hands the visitor over
 *   visit.station       [C M A]  a station of the six ticked or unticked
 *   visit.club          [C M A]  joined (or not) the 万客会 club
 *   visit.disclose      [C M A]  the risk disclosure presented and acknowledged
 *   visit.close         [C M A]  the visit ends; the record is completed
 * The rotation commands are in anju-rotation.h, tasks in anju-tasks.h, SMS
 * in anju-sms.h; anju_reception_register_commands() registers them all.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-rotation.h"
#include "anju-store.h"

G_BEGIN_DECLS

/* ---- scripts ---------------------------------------------------------- */

/* The kinds of script: "greeting", "introduction", "disclosure". */
gboolean     anju_script_kind_is_valid        (const char *kind);

typedef struct
{
  char *kind;
  int   version;        /* 0: the standard text of data/reception/scripts.json */
  char *text;           /* as written, with {project} {hotline} */
  char *rendered;       /* with the project's name and hotline filled in */
  char *created_at;     /* NULL for the standard text */
  char *created_by_name;
} AnjuScript;

void         anju_script_free                 (AnjuScript *script);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuScript, anju_script_free)

/* The current text of @kind for @project_id (NULL: the first project). */
AnjuScript  *anju_reception_dup_script        (AnjuStore   *store,
                                               const char  *project_id,
                                               const char  *kind,
                                               GError     **error);
/* Every version of @kind, newest first (version 0 last). */
GPtrArray   *anju_reception_list_script_versions (AnjuStore   *store,
                                                  const char  *project_id,
                                                  const char  *kind,
                                                  GError     **error);
/* The greeting script with the project's name filled in:
 * "您好！万科·安居苑，请问有什么可以帮到您的？". Never NULL. */
char        *anju_reception_greeting          (AnjuStore   *store,
                                               const char  *project_id);
/* The telephone standard of @project_id's policy (phone.*): the call
 * screen counts rings and minutes against it; call.log marks a slow
 * answer and a long call by it. */
typedef struct
{
  int answer_rings;        /* answer by this ring (phone.answer_rings) */
  int backup_after_rings;  /* a colleague answers from this ring (0: nobody) */
  int long_call_minutes;   /* a call longer than this is long */
} AnjuPhoneStandard;

/* The built-in standard: what a screen shows before it has read a
 * project's policy, and the fallback for a value the policy lacks. */
void         anju_reception_get_default_phone_standard (AnjuPhoneStandard *standard);
void         anju_reception_get_phone_standard (AnjuStore         *store,
                                                const char        *project_id,
                                                AnjuPhoneStandard *standard);
/* The version a visit must acknowledge now (0: the standard text). */
int          anju_reception_get_disclosure_version (AnjuStore  *store,
                                                    const char *project_id);

/* ---- the caller ------------------------------------------------------- */

typedef struct
{
  char      *customer_id;
  char      *name;
  char      *title;
  char      *mobile_masked;
  char      *owner_id;
  char      *owner_name;
  guint      n_calls;
  guint      n_visits;
  char      *last_call_at;       /* ISO 8601 UTC or NULL */
  char      *last_visit_at;
  GPtrArray *recent_events;      /* AnjuCustomerEvent*, newest first, at most 5 */
  GPtrArray *open_tasks;         /* AnjuTask*, open tasks about the customer */
} AnjuCaller;

void         anju_caller_free                 (AnjuCaller *caller);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuCaller, anju_caller_free)

/* A repeat caller by number (any spelling, +86 …), with their last
 * contacts; NULL for a number not on file or not a mobile number. */
AnjuCaller  *anju_reception_find_caller       (AnjuStore   *store,
                                               const char  *mobile);

/* ---- calls ------------------------------------------------------------ */

typedef struct
{
  char       *id;
  char       *project_id;
  char       *customer_id;        /* NULL: an anonymous caller */
  char       *customer_name;
  char       *mobile_masked;      /* the caller's number as given, masked */
  char       *answered_by;
  char       *answered_by_name;
  gboolean    backup;
  int         rings;
  char       *started_at;
  char       *ended_at;
  gint64      duration_seconds;
  gboolean    repeat_caller;
  char       *reason;
  JsonArray  *questions;          /* [{text, answered}] */
  gboolean    invited;
  gboolean    contact_refused;
  char       *refusal_note;
  gboolean    intent;
  char       *appointment_id;
  char       *call_again_at;
  gboolean    slow_answer;        /* more rings than phone.answer_rings */
  gboolean    long_call;          /* longer than phone.long_call_minutes */
} AnjuCall;

void         anju_call_free                   (AnjuCall *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuCall, anju_call_free)

AnjuCall    *anju_call_load                   (AnjuStore   *store,
                                               const char  *call_id,
                                               GError     **error);
/* The calls of @local_date (NULL: today), newest first; @project_id NULL: all. */
GPtrArray   *anju_calls_list_for_day          (AnjuStore   *store,
                                               const char  *project_id,
                                               const char  *local_date,
                                               GError     **error);

/* ---- the reception plan ----------------------------------------------- */

typedef struct
{
  char *appointment_id;
  char *at;                 /* ISO 8601 UTC */
  char *customer_id;
  char *customer_name;
  char *customer_title;
  char *consultant_id;
  char *consultant_name;
  char *car_plate;          /* NULL if not recorded */
  int   party_size;         /* 0 if not recorded */
  char *note;
  char *state;              /* "planned", "arrived", "cancelled" */
  char *visit_id;           /* once arrived */
} AnjuPlanEntry;

void         anju_plan_entry_free             (AnjuPlanEntry *entry);

/* The visitors expected on @local_date (NULL: today) from appointments, in
 * time order, cancelled ones included (the screen greys them).
 * @project_id NULL: every project. Element type AnjuPlanEntry*. */
GPtrArray   *anju_reception_plan_for_day      (AnjuStore   *store,
                                               const char  *project_id,
                                               const char  *local_date,
                                               GError     **error);

/* ---- visits ----------------------------------------------------------- */

typedef struct
{
  char       *id;
  char       *project_id;
  char       *customer_id;          /* NULL until the visitor gives a name */
  char       *customer_name;
  char       *customer_title;
  char       *visit_type;           /* "first", "return", "owner", "referral" */
  gboolean    first_time;           /* the answer to 请问您是第一次来吗？ */
  char       *referred_by;          /* the referring owner's customer id */
  char       *referred_by_name;
  int         party_size;           /* 0 if not recorded */
  char       *car_plate;
  char       *arrived_at;
  char       *registered_by;
  char       *registered_by_name;
  char       *consultant_id;        /* NULL: waiting for a free consultant */
  char       *consultant_name;
  char       *route;                /* "own_consultant", "named", "rotation",
                                     * "make_up", "assigned" or NULL */
  char       *appointment_id;
  char       *greeted_at;
  gint64      wait_seconds;         /* until greeted, or until now while waiting;
                                     * -1: ended without a greeting, no wait
                                     * recorded (the row's wait_seconds is NULL) */
  gint64      greet_within_seconds; /* the project's walk_in.greet_within_seconds */
  gboolean    long_wait;            /* over greet_within_seconds */
  gboolean    handover_required;    /* the person at the door must hand over */
  char       *handover_confirmed_at;
  JsonObject *stations;             /* station → ISO time ticked */
  gboolean    club_joined;
  int         disclosure_version;   /* acknowledged version, -1 if none */
  int         current_disclosure_version;
  char       *disclosed_at;
  char       *ended_at;
  char       *state;                /* "open", "closed" */
} AnjuVisit;

void         anju_visit_free                  (AnjuVisit *visit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuVisit, anju_visit_free)

/* Whether @actor may record that @visit's visitor was greeted
 * (visit.greet): the visit is open, has its consultant and was not
 * greeted yet. The handler refuses exactly what this refuses. */
gboolean     anju_visit_may_greet             (const AnjuUser  *actor,
                                               const AnjuVisit *visit);
AnjuVisit   *anju_visit_load                  (AnjuStore   *store,
                                               const char  *visit_id,
                                               GError     **error);
/* The visits that arrived on @local_date (NULL: today), newest first. */
GPtrArray   *anju_visits_list_for_day         (AnjuStore   *store,
                                               const char  *project_id,
                                               const char  *local_date,
                                               GError     **error);
/* The stations of the standard in order (policy walk_in.stations). */
GStrv        anju_visit_dup_stations          (AnjuStore   *store,
                                               const char  *project_id);
/* The must-have customer fields (policy walk_in.must_have_fields) still
 * empty for the visit's customer, as they would be after @customer (the
 * fields visit.close would write; may be NULL). Empty when complete. */
GStrv        anju_visit_dup_missing_fields    (AnjuStore   *store,
                                               const char  *visit_id,
                                               JsonObject  *customer,
                                               GError     **error);

/* The walk-in queue screen: who is at the door and the rotation. */
typedef struct
{
  GPtrArray       *waiting;    /* AnjuVisit*: open, not yet greeted or not yet
                                * handed over; longest waiting first */
  GPtrArray       *in_progress;/* AnjuVisit*: open, greeted and handed over */
  AnjuRotationDay *rotation;
  /* The day's greeted visitors: how many, and their average wait until
   * greeted (-1 when none). A visit that ended without a greeting has no
   * wait and does not count. */
  guint            n_greeted;
  gint64           average_wait_seconds;
} AnjuWalkInQueue;

void         anju_walk_in_queue_free          (AnjuWalkInQueue *queue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuWalkInQueue, anju_walk_in_queue_free)

AnjuWalkInQueue *anju_reception_load_queue    (AnjuStore   *store,
                                               const char  *project_id,
                                               const char  *local_date,
                                               GError     **error);

/* ---- sales credit ----------------------------------------------------- */

/* Who gets the credit for a sale to @customer_id at @at (UTC µs): the
 * consultant who registered the customer first (received them in a call
 * or a visit), as long as that registration is valid — it lasts
 * walk_in.registration_validity_days after it was made, renewed by each
 * later contact of the same consultant when
 * walk_in.registration_renewed_by_contact. A registration by another
 * consultant after it lapsed takes the credit over. A customer never
 * received through reception credits their owner. NULL if neither. */
char        *anju_reception_credit_consultant (AnjuStore   *store,
                                               const char  *customer_id,
                                               gint64       at);

void         anju_reception_register_commands (void);

G_END_DECLS
