/* anju-command.h — every change is a command
 *
 * A command is {"id": UUID, "type": "noun.verb", "payload": {...}} applied
 * as a user. anju_command_apply() validates it (role, input, state),
 * writes the tables, one audit entry, the change feed and — when the
 * store is connected to an office server — the outbox, all in one
 * transaction. A refused command changes nothing and fails in
 * ANJU_COMMAND_ERROR with a code, the payload field at fault (see
 * anju_command_error_get_field()) and a sentence a person can act on.
 *
 * Each domain file registers its own handlers with
 * anju_commands_register(); nothing here knows the domains.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-store.h"
#include "anju-user.h"

G_BEGIN_DECLS

#define ANJU_COMMAND_ERROR (anju_command_error_quark ())

typedef enum
{
  ANJU_COMMAND_ERROR_MALFORMED,      /* not JSON, or not a command object */
  ANJU_COMMAND_ERROR_UNKNOWN_TYPE,
  ANJU_COMMAND_ERROR_MISSING_FIELD,
  ANJU_COMMAND_ERROR_INVALID_FIELD,
  ANJU_COMMAND_ERROR_FORBIDDEN,      /* the actor's role may not do this */
  ANJU_COMMAND_ERROR_NOT_FOUND,
  ANJU_COMMAND_ERROR_CONFLICT,       /* the state does not allow it now */
  ANJU_COMMAND_ERROR_DUPLICATE,      /* e.g. a known mobile number */
  ANJU_COMMAND_ERROR_AUTH,           /* sign-in failed */
  ANJU_COMMAND_ERROR_OFFLINE,        /* an office decision with no server */
  ANJU_COMMAND_ERROR_STORAGE,        /* the database failed */
} AnjuCommandErrorCode;

GQuark       anju_command_error_quark       (void);
/* The payload field a rejection names, or NULL. */
const char  *anju_command_error_get_field   (const GError *error);
/* "missing_field", "invalid_field", … — the code as it travels in JSON. */
const char  *anju_command_error_code_to_string (AnjuCommandErrorCode code);
/* The code named @code; ANJU_COMMAND_ERROR_STORAGE if it names none. */
AnjuCommandErrorCode anju_command_error_code_from_string (const char *code);
/* TRUE and the code if @code names a command error code (the server's
 * HTTP-level codes such as "unauthorized" do not). */
gboolean     anju_command_error_code_parse  (const char           *code,
                                             AnjuCommandErrorCode *out);

/* Sets a rejection. @field may be NULL. The rejection also keeps @format
 * (on the office server, which runs in English, the sentence's source
 * text) and each argument as text, so that a desk can render it again in
 * its own language: see anju_refusal_dup_message(). */
void         anju_command_reject            (GError              **error,
                                             AnjuCommandErrorCode  code,
                                             const char           *field,
                                             const char           *format,
                                             ...) G_GNUC_PRINTF (4, 5);
/* The format and the arguments a rejection was made from, or NULL (a
 * format this cannot carry, or a sentence passed as "%s"). */
const char          *anju_command_error_get_template (const GError *error);
const char * const  *anju_command_error_get_args     (const GError *error);
void                 anju_command_error_set_template (GError             *error,
                                                      const char         *template,
                                                      const char * const *args);

/* Refusals on the wire (anju-refusal.c). A refusal object — a rejected
 * command's answer, or the "error" of an error body — carries "code",
 * "field", "message" (the server's text) and, when it has them,
 * "template" (the English source sentence, its key in every catalogue)
 * and "args" (each argument as text, in the template's order). */

/* Each argument of @format as text, formatted by its own conversion;
 * NULL if @format has one this cannot carry (numbered arguments). */
GStrv        anju_refusal_capture_args      (const char          *format,
                                             va_list              args);
/* @template with its conversions replaced by @args (numbered ones too:
 * a translation may reorder them); NULL if an argument is missing. */
char        *anju_refusal_fill              (const char          *template,
                                             const char * const  *args);
/* @template translated into this program's language and filled in (an
 * argument that is itself a catalogued word, a state or a role, is
 * translated too); @fallback if the catalogue does not know @template. */
char        *anju_refusal_render            (const char          *template,
                                             const char * const  *args,
                                             const char          *fallback);
/* Adds "template" and "args" to @object (nothing if @template is NULL). */
void         anju_refusal_set_members       (JsonObject          *object,
                                             const char          *template,
                                             const char * const  *args);
void         anju_refusal_to_json           (const GError        *error,
                                             JsonObject          *object);
/* The sentence of a refusal object in this program's language, or its
 * "message" as sent (NULL if it has none). */
char        *anju_refusal_dup_message       (JsonObject          *object);
/* Replaces the "message" of a refusal object by its sentence in this
 * program's language (as anju_refusal_dup_message()). */
void         anju_refusal_localize          (JsonObject          *object);
/* Sets a rejection from a refusal object: its sentence in this program's
 * language; the template and the arguments are kept. */
void         anju_command_reject_from_json  (GError             **error,
                                             AnjuCommandErrorCode code,
                                             const char          *field,
                                             JsonObject          *object);

typedef struct
{
  char       *id;
  char       *type;
  JsonObject *payload;
} AnjuCommand;

/* A new command with a fresh UUID; takes a reference on @payload. */
AnjuCommand *anju_command_new               (const char   *type,
                                             JsonObject   *payload);
AnjuCommand *anju_command_new_from_node     (JsonNode     *node,
                                             GError      **error);
AnjuCommand *anju_command_new_from_json     (const char   *json,
                                             GError      **error);
JsonNode    *anju_command_to_node           (const AnjuCommand *self);
char        *anju_command_to_json           (const AnjuCommand *self);
AnjuCommand *anju_command_copy              (const AnjuCommand *self);
void         anju_command_free              (AnjuCommand  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuCommand, anju_command_free)

typedef struct _AnjuCommandContext AnjuCommandContext;

AnjuStore      *anju_command_context_get_store      (AnjuCommandContext *ctx);
const AnjuUser *anju_command_context_get_actor      (AnjuCommandContext *ctx);
const char     *anju_command_context_get_command_id (AnjuCommandContext *ctx);
gint64          anju_command_context_get_now        (AnjuCommandContext *ctx);
const char     *anju_command_context_get_now_string (AnjuCommandContext *ctx);
/* The result object the handler fills ("customer_id": …). */
JsonObject     *anju_command_context_get_result     (AnjuCommandContext *ctx);
/* What the audit entry names ("customer:UUID"). */
void            anju_command_context_set_subject    (AnjuCommandContext *ctx,
                                                     const char         *subject);
/* A new row id for the command to create. Derived from the command id
 * (the first call gives the same id every time the command is applied),
 * so a desk and the server that apply the same command create the same
 * rows, and later commands of the desk find them. Use it, never a random
 * UUID, for ids a command makes up. */
char           *anju_command_context_new_id         (AnjuCommandContext *ctx);
/* Records that the command wrote (or deleted) row @id of @table, so its
 * new image goes to the change feed when the handler returns. */
void            anju_command_context_touch          (AnjuCommandContext *ctx,
                                                     const char         *table,
                                                     const char         *id);
/* Adds @member (@value, taken; NULL: null) to the audit entry the
 * dispatcher writes, under "audit" beside the payload: what the payload
 * alone does not say, such as the value a correction replaced. Masked like
 * the payload (members named …mobile, …id_number, passwords). */
void            anju_command_context_add_audit      (AnjuCommandContext *ctx,
                                                     const char         *member,
                                                     JsonNode           *value);

typedef gboolean (*AnjuCommandHandler) (AnjuCommandContext  *ctx,
                                        JsonObject          *payload,
                                        GError             **error);

typedef enum
{
  ANJU_COMMAND_FLAG_NONE            = 0,
  /* The office decides it once: a connected desk sends it to the server
   * synchronously and refuses it while offline. */
  ANJU_COMMAND_FLAG_OFFICE_DECISION = 1 << 0,
  /* The office decides it when it can: a connected desk sends it to the
   * server synchronously (so two desks cannot decide the same thing at
   * once, e.g. the walk-in rotation); while the server cannot be reached
   * the desk decides it and queues it, as for any local command. */
  ANJU_COMMAND_FLAG_OFFICE_PREFERRED = 1 << 1,
} AnjuCommandFlags;

/* A command's spec, one line of its domain's static table:
 *
 *   { "unit.hold", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER,
 *     ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_unit_hold,
 *     "unit_id:string customer_id:string? minutes:integer?" },
 *
 * @fields declares the payload the handler reads, for people and tools
 * (`anjuctl commands`, docs/commands.md): the top-level members separated
 * by single spaces, each "name:type", with "?" after the type when the
 * member may be left out. Types are the JSON kinds: string (also times,
 * dates and ids), integer (also money in fen), boolean, object, array.
 * "" for a command with no payload. Every spec declares it (a spec
 * without it gives a critical warning at registration); a handler that
 * reads a new member adds it here. The handler still checks the payload:
 * @fields describes, it does not validate. */
typedef struct
{
  const char         *type;
  guint               roles;     /* AnjuRole mask allowed to apply it */
  AnjuCommandFlags    flags;
  AnjuCommandHandler  handler;
  const char         *fields;    /* "name:type name:type? …", see above */
} AnjuCommandSpec;

/* One member of a payload as @fields declares it. */
typedef struct
{
  char     *name;
  char     *type;      /* "string", "integer", "boolean", "object", "array" */
  gboolean  required;
} AnjuCommandField;

void         anju_command_field_free        (AnjuCommandField *field);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuCommandField, anju_command_field_free)

/* Parses a @fields declaration: an array of AnjuCommandField, in the
 * order declared, or NULL with G_IO_ERROR_INVALID_DATA naming what is
 * wrong (NULL @fields, an unknown type, a name twice…). */
GPtrArray   *anju_command_fields_parse      (const char            *fields,
                                             GError               **error);
/* The parsed fields of @spec (as anju_command_fields_parse()). */
GPtrArray   *anju_command_spec_dup_fields   (const AnjuCommandSpec *spec,
                                             GError               **error);
/* @spec for tools: {"type", "roles": ["consultant", …],
 * "office_decision": bool, "office_preferred": bool,
 * "fields": [{"name", "type", "required"}]}. */
JsonObject  *anju_command_spec_to_json      (const AnjuCommandSpec *spec);

/* Change topics. Each domain declares, when it registers its commands,
 * which topic the rows of its tables belong to ("units": units, holds,
 * unit_history, buildings). A command's answer carries the topics of the
 * rows it wrote ("topics": [...]), and the desk's ::changed signals carry
 * topics, never table names: a screen subscribes to topics and does not
 * know the tables behind them. A table may be in several topics. */
void                  anju_topic_declare     (const char            *topic,
                                              const char * const    *tables);
/* The topics rows of @table belong to (NULL-terminated, owned by core),
 * or NULL if no domain declared it. */
const char * const   *anju_table_get_topics  (const char            *table);
/* The topics of @tables, each once, in the order first met. */
GStrv                 anju_topics_for_tables (const char * const    *tables);
/* The "topics" of a command's answer (empty if it has none). */
GStrv                 anju_command_answer_dup_topics (JsonObject    *answer);
/* Whether @changed (a ::changed signal's topics) holds any of @topics
 * (NULL-terminated). */
gboolean              anju_topics_match      (const char * const    *changed,
                                              const char * const    *topics);

typedef enum
{
  ANJU_COMMAND_ROUTE_LOCAL,    /* applied on this database (and queued when connected) */
  ANJU_COMMAND_ROUTE_OFFICE,   /* asked of the office server now; refused offline */
  ANJU_COMMAND_ROUTE_OFFICE_PREFERRED, /* asked of the office server now; while it
                                        * cannot be reached, applied locally and
                                        * queued (ROUTE_LOCAL) */
} AnjuCommandRoute;

/* Where a desk runs a command of @type, decided from its spec: an office
 * decision (ANJU_COMMAND_FLAG_OFFICE_DECISION) goes to the office when the
 * desk is @connected to one, and so does a command the office decides
 * when it can (ANJU_COMMAND_FLAG_OFFICE_PREFERRED), which falls back to
 * the desk while the server cannot be reached; everything else, and
 * everything on a desk working alone, is applied locally. The one place this is decided: the
 * desk command runner (anju_sync_engine_submit(), used by anjuctl and,
 * through AnjuSyncClient, by the window) and the dispatcher's guard ask it. */
AnjuCommandRoute      anju_command_route     (const char            *type,
                                              gboolean               connected);

/* Registers handlers; @specs must stay valid (a static table). */
void                  anju_commands_register (const AnjuCommandSpec *specs,
                                              guint                  n_specs);
const AnjuCommandSpec *anju_commands_lookup  (const char            *type);
/* Every registered spec (const AnjuCommandSpec*, owned by core), sorted
 * by type. Free the array only. */
GPtrArray            *anju_commands_list     (void);
/* Registers every domain's commands (anju-domains.c); idempotent,
 * thread-safe. Each program calls it from main before it applies or looks
 * up commands (the app, anjuctl, anju-server, anju_test_store_new()); the
 * dispatcher never does, so core's dispatcher does not depend on the
 * domains built on it. */
void                  anju_commands_init     (void);

typedef enum
{
  ANJU_APPLY_NONE              = 0,
  /* Keep a rejection in applied_commands so a repeat gets the same
   * answer (the server does this; a desk leaves nothing behind). */
  ANJU_APPLY_REMEMBER_REJECTION = 1 << 0,
  /* Do not append to the outbox even when connected (the desk re-applying
   * its own pending commands, the server). */
  ANJU_APPLY_NO_OUTBOX          = 1 << 1,
  /* Do not record the command id (the desk replaying pending commands
   * on top of the server's state). */
  ANJU_APPLY_REPLAY             = 1 << 2,
} AnjuApplyFlags;

/* Applies @command as @actor. Returns the answer object
 *   {"id", "type", "status": "applied", "result": {...}}
 * or NULL with @error set. A command id applied before returns the stored
 * answer and changes nothing. */
JsonObject  *anju_command_apply             (AnjuStore          *store,
                                             const AnjuCommand  *command,
                                             const AnjuUser     *actor,
                                             AnjuApplyFlags      flags,
                                             GError            **error);

/* May @actor's role do commands of @type? The one "may I?" that screens
 * ask before they show or enable an action (the handler's state checks
 * come on top, through each domain's snapshot predicates). FALSE for an
 * unknown type or a NULL actor. */
gboolean     anju_commands_allowed          (const char         *type,
                                             const AnjuUser     *actor);

/* The one check of who may do what, before anything is applied: the
 * spec of @command's type if it is known and @actor's role may do it,
 * else NULL with ANJU_COMMAND_ERROR_UNKNOWN_TYPE or _FORBIDDEN.
 * anju_command_apply() calls it; the server calls it on a whole push
 * before applying any of it. */
const AnjuCommandSpec *anju_command_admit   (const AnjuCommand  *command,
                                             const AnjuUser     *actor,
                                             GError            **error);

/* The newest sequence number of the change feed (0 when empty). */
gint64       anju_store_get_change_head     (AnjuStore          *store);

/* The JSON answer for a rejection:
 *   {"id", "type", "status": "rejected", "code", "field", "message"} */
JsonObject  *anju_command_rejection_to_json (const AnjuCommand  *command,
                                             const GError       *error);

/* Builds and applies in one call (for the UI and tests). */
JsonObject  *anju_command_run               (AnjuStore          *store,
                                             const AnjuUser     *actor,
                                             const char         *type,
                                             JsonObject         *payload,
                                             GError            **error);

/* Whether commands applied on @store go to the outbox (a desk connected
 * to an office server). Kept in the database's meta table. */
gboolean     anju_store_get_outbox_enabled  (AnjuStore          *store);
gboolean     anju_store_set_outbox_enabled  (AnjuStore          *store,
                                             gboolean            enabled,
                                             GError            **error);

/* TRUE for NULL, "" or only white space. */
gboolean     anju_text_is_blank             (const char   *text);

/* Payload readers: each fails with MISSING_FIELD or INVALID_FIELD naming
 * the field. Optional readers leave *out untouched when absent or null. */
gboolean     anju_payload_get_string        (JsonObject   *payload,
                                             const char   *field,
                                             gboolean      required,
                                             const char  **out,
                                             GError      **error);
gboolean     anju_payload_get_int           (JsonObject   *payload,
                                             const char   *field,
                                             gboolean      required,
                                             gint64       *out,
                                             GError      **error);
gboolean     anju_payload_get_object        (JsonObject   *payload,
                                             const char   *field,
                                             gboolean      required,
                                             JsonObject  **out,
                                             GError      **error);

/* true or false; absent or null gives @fallback. */
gboolean     anju_payload_get_bool          (JsonObject   *payload,
                                             const char   *field,
                                             gboolean      fallback,
                                             gboolean     *out,
                                             GError      **error);
/* An ISO 8601 time with its zone ("2026-11-27T15:00:00+08:00") as µs
 * since the epoch. A time without a zone is refused: desk and server
 * could read it differently. */
gboolean     anju_payload_get_time          (JsonObject   *payload,
                                             const char   *field,
                                             gboolean      required,
                                             gint64       *out,
                                             GError      **error);
gboolean     anju_payload_get_array         (JsonObject   *payload,
                                             const char   *field,
                                             gboolean      required,
                                             JsonArray   **out,
                                             GError      **error);
/* Text of at most @max_chars characters; blank counts as absent. */
gboolean     anju_payload_get_text          (JsonObject   *payload,
                                             const char   *field,
                                             gboolean      required,
                                             guint         max_chars,
                                             const char  **out,
                                             GError      **error);
/* The id of a row the command creates: the client's UUID in @field if it
 * sent one (refused if @table already has it), else one derived from the
 * command id (anju_command_context_new_id()). Newly allocated. */
gboolean     anju_command_context_take_new_id (AnjuCommandContext  *ctx,
                                               JsonObject          *payload,
                                               const char          *field,
                                               const char          *table,
                                               char               **out,
                                               GError             **error);

G_END_DECLS
