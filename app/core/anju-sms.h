/* anju-sms.h — SMS templates and the outbox (SPEC §10)
 *
 * Templates are data: data/sms/templates.json holds the standard's wording
 * with fields in braces — {title} {customer_name} {consultant} {project}
 * {hotline} {date} {time}; "{{" and "}}" write a brace. A project replaces
 * a template's text with sms.set_template (kept in sms_templates, synced
 * like any row); text null returns to the standard wording. Rendered
 * messages wait in the outbox until a person marks them sent (or, later,
 * a gateway on the server does).
 *
 * Commands:
 *   sms.set_template {project_id, template_id, text | null}    (manager, admin)
 *       The text is checked by rendering it: an unknown field is refused
 *       naming it (INVALID_FIELD, field "text").
 *   sms.queue        {sms_id?, customer_id, template_id? | text?, at?, due_at?}
 *                                                  (consultant, manager, admin)
 *       Renders a template (or checks a free text) for the customer, signed
 *       by the actor as {consultant}; {date}/{time} come from "at" (e.g. the
 *       appointment). The customer must have a mobile number.  → {sms_id, text}
 *   sms.mark_sent    {sms_id}                      (consultant, manager, admin)
 *       Queued → sent; the SMS task made with it is done ("sent").
 *   sms.cancel       {sms_id, reason?}             (consultant, manager, admin)
 *       Queued → cancelled; its task is done with the reason.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "anju-store.h"

G_BEGIN_DECLS

#define ANJU_SMS_ERROR (anju_sms_error_quark ())

typedef enum
{
  ANJU_SMS_ERROR_UNKNOWN_FIELD,   /* {nickname}: not a field */
  ANJU_SMS_ERROR_SYNTAX,          /* an unclosed or stray brace */
  ANJU_SMS_ERROR_UNKNOWN_TEMPLATE,
} AnjuSmsError;

GQuark       anju_sms_error_quark      (void);

/* The fields a template may use, NULL-terminated, static. */
const char * const *anju_sms_get_field_names (void);

/* Fills the fields of @template_text from @values (field → string; a
 * field with no value renders empty). An unknown field fails with
 * ANJU_SMS_ERROR_UNKNOWN_FIELD and a message naming it. */
char        *anju_sms_render           (const char  *template_text,
                                        JsonObject  *values,
                                        GError     **error);

typedef struct
{
  char     *id;            /* "call_thanks" */
  char     *name;          /* in the user's language */
  char     *text;          /* the project's text, or the standard one */
  gboolean  overridden;    /* the project has its own text */
} AnjuSmsTemplate;

void         anju_sms_template_free    (AnjuSmsTemplate *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuSmsTemplate, anju_sms_template_free)

/* The templates of @project_id (NULL: the first project), in the order of
 * the data file. Element type AnjuSmsTemplate*. */
GPtrArray   *anju_sms_list_templates   (AnjuStore   *store,
                                        const char  *project_id,
                                        GError     **error);
/* One template's effective text, or NULL with ANJU_SMS_ERROR_UNKNOWN_TEMPLATE. */
char        *anju_sms_dup_template     (AnjuStore   *store,
                                        const char  *project_id,
                                        const char  *template_id,
                                        GError     **error);

/* The values of every field for a message to @customer_id from
 * @consultant_id; {date} and {time} from @at (0: empty), local time. */
JsonObject  *anju_sms_dup_values       (AnjuStore   *store,
                                        const char  *project_id,
                                        const char  *customer_id,
                                        const char  *consultant_id,
                                        gint64       at);

typedef struct
{
  char *id;
  char *customer_id;
  char *customer_name;
  char *to_mobile_masked;
  char *template_id;
  char *text;
  char *state;          /* "queued", "sent", "cancelled" */
  char *due_at;         /* ISO 8601 UTC or NULL */
  char *queued_at;
  char *queued_by_name;
  char *sent_at;
  char *sent_by_name;
} AnjuSms;

void         anju_sms_free             (AnjuSms *sms);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnjuSms, anju_sms_free)

/* The outbox: messages in @state (NULL: all), of @customer_id (NULL: all),
 * queued ones by due time, others newest first. Element type AnjuSms*. */
GPtrArray   *anju_sms_list             (AnjuStore   *store,
                                        const char  *state,
                                        const char  *customer_id,
                                        GError     **error);
AnjuSms     *anju_sms_load             (AnjuStore   *store,
                                        const char  *sms_id,
                                        GError     **error);
/* The whole number to send to (for the person sending by hand or the
 * gateway); lists show it masked. */
char        *anju_sms_dup_recipient    (AnjuStore   *store,
                                        const char  *sms_id);

/* ---- for other domains' command handlers ---------------------------- */

typedef struct
{
  const char *project_id;
  const char *customer_id;
  const char *consultant_id;   /* signs as {consultant} */
  const char *template_id;
  gint64      at;              /* {date} {time}; 0: none */
  gint64      due_at;          /* 0: none */
  const char *rule;
  const char *source_type;
  const char *source_id;
  JsonObject *values;          /* more field values ({unit} {progress}), or NULL */
} AnjuSmsSpec;

/* Renders and queues from inside a command handler (@ctx is an
 * AnjuCommandContext*). Returns the new id, or NULL when the customer has
 * no mobile number (nothing queued, no error) or on error. */
char        *anju_sms_queue_from_rule  (gpointer            ctx,
                                        const AnjuSmsSpec  *spec,
                                        GError            **error);

/* Cancels, with @reason, every queued SMS made from @source_type /
 * @source_id (of @template_id, or any when NULL) and closes their tasks. */
gboolean     anju_sms_cancel_for_source (gpointer     ctx,
                                         const char  *source_type,
                                         const char  *source_id,
                                         const char  *template_id,
                                         const char  *reason,
                                         GError     **error);

G_END_DECLS
