/* anju-command.c — the command envelope, its errors and payload readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-json.h"

typedef struct
{
  char  *field;
  char  *template;      /* the sentence's format as given */
  GStrv  args;          /* its arguments, each as text */
} AnjuCommandErrorPrivate;

static void
anju_command_error_private_init (AnjuCommandErrorPrivate *priv)
{
  priv->field = NULL;
  priv->template = NULL;
  priv->args = NULL;
}

static void
anju_command_error_private_copy (const AnjuCommandErrorPrivate *src,
                                 AnjuCommandErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
  dest->template = g_strdup (src->template);
  dest->args = g_strdupv (src->args);
}

static void
anju_command_error_private_clear (AnjuCommandErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
  g_clear_pointer (&priv->template, g_free);
  g_clear_pointer (&priv->args, g_strfreev);
}

G_DEFINE_EXTENDED_ERROR (AnjuCommandError, anju_command_error)

static const char * const code_names[] = {
  [ANJU_COMMAND_ERROR_MALFORMED] = "malformed",
  [ANJU_COMMAND_ERROR_UNKNOWN_TYPE] = "unknown_type",
  [ANJU_COMMAND_ERROR_MISSING_FIELD] = "missing_field",
  [ANJU_COMMAND_ERROR_INVALID_FIELD] = "invalid_field",
  [ANJU_COMMAND_ERROR_FORBIDDEN] = "forbidden",
  [ANJU_COMMAND_ERROR_NOT_FOUND] = "not_found",
  [ANJU_COMMAND_ERROR_CONFLICT] = "conflict",
  [ANJU_COMMAND_ERROR_DUPLICATE] = "duplicate",
  [ANJU_COMMAND_ERROR_AUTH] = "auth",
  [ANJU_COMMAND_ERROR_OFFLINE] = "offline",
  [ANJU_COMMAND_ERROR_STORAGE] = "storage",
};

const char *
anju_command_error_code_to_string (AnjuCommandErrorCode code)
{
  if ((guint)code < G_N_ELEMENTS (code_names))
    return code_names[code];
  return "error";
}

gboolean
anju_command_error_code_parse (const char           *code,
                               AnjuCommandErrorCode *out)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (code_names); i++)
    if (g_strcmp0 (code_names[i], code) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

AnjuCommandErrorCode
anju_command_error_code_from_string (const char *code)
{
  AnjuCommandErrorCode value = ANJU_COMMAND_ERROR_STORAGE;

  anju_command_error_code_parse (code, &value);
  return value;
}

const char *
anju_command_error_get_field (const GError *error)
{
  AnjuCommandErrorPrivate *priv;

  if (error == NULL || error->domain != ANJU_COMMAND_ERROR)
    return NULL;
  priv = anju_command_error_get_private (error);
  return priv ? priv->field : NULL;
}

const char *
anju_command_error_get_template (const GError *error)
{
  AnjuCommandErrorPrivate *priv;

  if (error == NULL || error->domain != ANJU_COMMAND_ERROR)
    return NULL;
  priv = anju_command_error_get_private (error);
  return priv && priv->args ? priv->template : NULL;
}

const char * const *
anju_command_error_get_args (const GError *error)
{
  AnjuCommandErrorPrivate *priv;

  if (error == NULL || error->domain != ANJU_COMMAND_ERROR)
    return NULL;
  priv = anju_command_error_get_private (error);
  return priv && priv->template ? (const char * const *)priv->args : NULL;
}

void
anju_command_error_set_template (GError             *error,
                                 const char         *template,
                                 const char * const *args)
{
  AnjuCommandErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == ANJU_COMMAND_ERROR);
  priv = anju_command_error_get_private (error);
  g_free (priv->template);
  g_strfreev (priv->args);
  priv->template = g_strdup (template);
  priv->args = g_strdupv ((char **)args);
}

void
anju_command_reject (GError               **error,
                     AnjuCommandErrorCode   code,
                     const char            *field,
                     const char            *format,
                     ...)
{
  va_list args;
  g_autofree char *message = NULL;
  AnjuCommandErrorPrivate *priv;
  GError *e;

  if (error == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  e = g_error_new_literal (ANJU_COMMAND_ERROR, code, message);
  priv = anju_command_error_get_private (e);
  priv->field = g_strdup (field);
  /* "%s" alone passes a sentence made elsewhere: nothing to render. */
  if (!g_str_equal (format, "%s"))
    {
      va_start (args, format);
      priv->args = anju_refusal_capture_args (format, args);
      va_end (args);
      if (priv->args != NULL)
        priv->template = g_strdup (format);
    }
  g_propagate_error (error, e);
}

AnjuCommand *
anju_command_new (const char *type,
                  JsonObject *payload)
{
  AnjuCommand *self = g_new0 (AnjuCommand, 1);

  self->id = g_uuid_string_random ();
  self->type = g_strdup (type);
  self->payload = payload ? json_object_ref (payload) : json_object_new ();
  return self;
}

AnjuCommand *
anju_command_copy (const AnjuCommand *self)
{
  AnjuCommand *copy = g_new0 (AnjuCommand, 1);

  copy->id = g_strdup (self->id);
  copy->type = g_strdup (self->type);
  copy->payload = json_object_ref (self->payload);
  return copy;
}

void
anju_command_free (AnjuCommand *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->type);
  g_clear_pointer (&self->payload, json_object_unref);
  g_free (self);
}

static gboolean
is_command_type (const char *type)
{
  /* noun.verb, lower case with underscores: customer.create */
  const char *dot;

  if (type == NULL || !g_ascii_islower (*type))
    return FALSE;
  dot = strchr (type, '.');
  if (dot == NULL || dot[1] == '\0' || strchr (dot + 1, '.') != NULL)
    return FALSE;
  for (const char *p = type; *p; p++)
    if (!g_ascii_islower (*p) && *p != '_' && *p != '.' && !g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

AnjuCommand *
anju_command_new_from_node (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object;
  JsonNode *member;
  const char *id, *type;
  AnjuCommand *self;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, NULL,
                           _("A command must be a JSON object with “id”, “type” and “payload”."));
      return NULL;
    }
  object = json_node_get_object (node);

  member = json_object_get_member (object, "id");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, "id",
                           _("The command has no “id”. Give every command a UUID."));
      return NULL;
    }
  id = json_node_get_string (member);
  if (!g_uuid_string_is_valid (id))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, "id",
                           _("The command id “%s” is not a UUID."), id);
      return NULL;
    }

  member = json_object_get_member (object, "type");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING ||
      !is_command_type (json_node_get_string (member)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, "type",
                           _("The command has no valid “type”. Types look like “customer.create”."));
      return NULL;
    }
  type = json_node_get_string (member);

  member = json_object_get_member (object, "payload");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, "payload",
                           _("The command has no “payload” object."));
      return NULL;
    }

  self = g_new0 (AnjuCommand, 1);
  self->id = g_ascii_strdown (id, -1);
  self->type = g_strdup (type);
  self->payload = json_object_ref (json_node_get_object (member));
  return self;
}

AnjuCommand *
anju_command_new_from_json (const char  *json,
                            GError     **error)
{
  g_autoptr(JsonNode) root = json ? anju_json_parse (json, strlen (json), error) : NULL;

  if (json == NULL)
    anju_command_reject (error, ANJU_COMMAND_ERROR_MALFORMED, NULL, _("The JSON text is empty."));
  if (root == NULL)
    return NULL;
  return anju_command_new_from_node (root, error);
}

JsonNode *
anju_command_to_node (const AnjuCommand *self)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "type", self->type);
  json_object_set_object_member (object, "payload", json_object_ref (self->payload));
  json_node_take_object (node, object);
  return node;
}

char *
anju_command_to_json (const AnjuCommand *self)
{
  g_autoptr(JsonNode) node = anju_command_to_node (self);

  return json_to_string (node, FALSE);
}

static JsonNode *
get_member (JsonObject *payload,
            const char *field,
            gboolean    required,
            GError    **error)
{
  JsonNode *node = json_object_get_member (payload, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, field,
                             _("“%s” is required. Fill it in and try again."), field);
      return NULL;
    }
  return node;
}

/* @field's node in *out after checking its JSON type against @type
 * (G_TYPE_STRING, JSON_TYPE_ARRAY…); refuses it with @message, which takes
 * the field's name. An absent field leaves *out NULL and is refused only
 * when @required. */
static gboolean
get_typed_member (JsonObject  *payload,
                  const char  *field,
                  gboolean     required,
                  GType        type,
                  const char  *message,
                  JsonNode   **out,
                  GError     **error)
{
  JsonNode *node = get_member (payload, field, required, error);

  *out = NULL;
  if (node == NULL)
    return !required;
  if (json_node_get_value_type (node) != type)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field, message, field);
      return FALSE;
    }
  *out = node;
  return TRUE;
}

gboolean
anju_payload_get_string (JsonObject   *payload,
                         const char   *field,
                         gboolean      required,
                         const char  **out,
                         GError      **error)
{
  JsonNode *node;

  if (!get_typed_member (payload, field, required, G_TYPE_STRING, _("“%s” must be text."),
                         &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (required && anju_text_is_blank (json_node_get_string (node)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, field,
                           _("“%s” is required. Fill it in and try again."), field);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
anju_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

gboolean
anju_payload_get_int (JsonObject  *payload,
                      const char  *field,
                      gboolean     required,
                      gint64      *out,
                      GError     **error)
{
  JsonNode *node;

  if (!get_typed_member (payload, field, required, G_TYPE_INT64, _("“%s” must be a whole number."),
                         &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
anju_payload_get_object (JsonObject   *payload,
                         const char   *field,
                         gboolean      required,
                         JsonObject  **out,
                         GError      **error)
{
  JsonNode *node;

  if (!get_typed_member (payload, field, required, JSON_TYPE_OBJECT, _("“%s” must be an object."),
                         &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
anju_payload_get_bool (JsonObject  *payload,
                       const char  *field,
                       gboolean     fallback,
                       gboolean    *out,
                       GError     **error)
{
  JsonNode *node;

  if (!get_typed_member (payload, field, FALSE, G_TYPE_BOOLEAN, _("“%s” must be true or false."),
                         &node, error))
    return FALSE;
  if (node == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
anju_payload_get_time (JsonObject  *payload,
                       const char  *field,
                       gboolean     required,
                       gint64      *out,
                       GError     **error)
{
  const char *text = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  if (!anju_payload_get_string (payload, field, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  /* No default zone: a time without one would be read differently by a
   * desk and by a server in another zone. */
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("“%s” must be a time with its zone, like 2026-11-27T15:00:00+08:00."),
                           field);
      return FALSE;
    }
  *out = g_date_time_to_unix (parsed) * G_USEC_PER_SEC + g_date_time_get_microsecond (parsed);
  return TRUE;
}

gboolean
anju_payload_get_array (JsonObject  *payload,
                        const char  *field,
                        gboolean     required,
                        JsonArray  **out,
                        GError     **error)
{
  JsonNode *node;

  if (!get_typed_member (payload, field, required, JSON_TYPE_ARRAY, _("“%s” must be a list."),
                         &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
anju_payload_get_text (JsonObject   *payload,
                       const char   *field,
                       gboolean      required,
                       guint         max_chars,
                       const char  **out,
                       GError      **error)
{
  const char *text = NULL;

  if (!anju_payload_get_string (payload, field, required, &text, error))
    return FALSE;
  if (text != NULL && anju_text_is_blank (text))
    text = NULL;
  if (text != NULL && g_utf8_strlen (text, -1) > max_chars)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("“%s” is longer than %u characters. Shorten it."), field, max_chars);
      return FALSE;
    }
  *out = text;
  return TRUE;
}

gboolean
anju_command_context_take_new_id (AnjuCommandContext  *ctx,
                                  JsonObject          *payload,
                                  const char          *field,
                                  const char          *table,
                                  char               **out,
                                  GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const char *id = NULL;
  g_autoptr(JsonObject) existing = NULL;

  if (!anju_payload_get_string (payload, field, FALSE, &id, error))
    return FALSE;
  if (id == NULL || *id == '\0')
    {
      *out = anju_command_context_new_id (ctx);
      return TRUE;
    }
  if (!g_uuid_string_is_valid (id))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("“%s” must be a UUID."), field);
      return FALSE;
    }
  existing = anju_store_dup_row (store, table, id, NULL);
  if (existing != NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_DUPLICATE, field,
                           _("A record with this “%s” already exists. Send it once only."), field);
      return FALSE;
    }
  *out = g_ascii_strdown (id, -1);
  return TRUE;
}
