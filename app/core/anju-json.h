/* anju-json.h — the one strict JSON reader for text from outside
 *
 * Every JSON text that comes from another program — a request to the
 * server, a server's answer to a desk, a command given to anjuctl — is
 * read here. A cheap scan comes first, before json-glib builds anything:
 * strict RFC 8259 (double quotes only, no comments, no trailing commas),
 * nested at most ANJU_JSON_MAX_DEPTH deep, UTF-8, and no text that C
 * could not carry or that would be stored broken: no NUL (\u0000) and no
 * lone UTF-16 surrogate. A refusal is an ANJU_COMMAND_ERROR naming the
 * place, such as "commands[0].payload.name".
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deepest nesting of arrays and objects accepted. */
#define ANJU_JSON_MAX_DEPTH 64

/* Checks @data (@length bytes) without building anything: MALFORMED for
 * text that is not strict JSON or nested too deep, INVALID_FIELD for a
 * string holding NUL or a lone surrogate; the error's field names the
 * place. */
gboolean  anju_json_check        (const char  *data,
                                  gsize        length,
                                  GError     **error);
/* anju_json_check(), then json-glib; the root node (never NULL on
 * success). */
JsonNode *anju_json_parse        (const char  *data,
                                  gsize        length,
                                  GError     **error);
/* Checks that every string and member name under @node is valid UTF-8
 * (what json-glib makes of a lone surrogate is not); @path names @node
 * in the error ("payload"). */
gboolean  anju_json_check_texts  (JsonNode    *node,
                                  const char  *path,
                                  GError     **error);
/* Whether @text (@length bytes) is text a command may carry: valid UTF-8
 * without NUL. */
gboolean  anju_text_is_clean     (const char  *text,
                                  gsize        length);

G_END_DECLS
