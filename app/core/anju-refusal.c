/* anju-refusal.c — refusals that travel as a template and its arguments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every refusal is written as anju_command_reject (error, CODE, "field",
 * _("Unit %s is held and cannot become %s. …"), label, state). The office
 * server runs in English, so the format it is given is the sentence's
 * source text — its key in every translation catalogue. A refusal keeps
 * that template and each argument as text; on the wire it carries both
 * beside the English "message", and a desk renders the sentence again from
 * its own catalogue (anju_refusal_dup_message()). A template the desk's
 * catalogue does not have (a newer server, a sentence not translated)
 * shows the server's text as it came.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdint.h>

#include "anju-command.h"

/* One conversion of a printf format: where it starts and ends, its
 * argument number (n$, 0 if none), whether a '*' width or precision takes
 * an int first, its length modifier and conversion letter. */
typedef struct
{
  const char *start;
  const char *end;
  guint       position;
  guint       n_stars;
  char        length[3];
  char        conversion;
} Conversion;

/* Reads the conversion at @p (just past '%'); FALSE if it is not one this
 * file can carry. */
static gboolean
read_conversion (const char *p,
                 Conversion *c)
{
  const char *digits = p;
  guint n = 0;

  memset (c, 0, sizeof *c);
  c->start = p - 1;
  while (g_ascii_isdigit (*p))
    n = n * 10 + (*p++ - '0');
  if (*p == '$' && p > digits)
    {
      c->position = n;
      p++;
    }
  else
    p = digits;
  while (*p && strchr ("-+ #0'I", *p))
    p++;
  for (guint part = 0; part < 2; part++)
    {
      if (part == 1)
        {
          if (*p != '.')
            break;
          p++;
        }
      if (*p == '*')
        {
          c->n_stars++;
          p++;
        }
      else
        while (g_ascii_isdigit (*p))
          p++;
    }
  for (guint i = 0; i < 2 && *p && strchr ("hlLqjzt", *p); i++)
    c->length[i] = *p++;
  if (*p == '\0' || !strchr ("diouxXeEfFgGaAcsp", *p))
    return FALSE;
  c->conversion = *p++;
  c->end = p;
  return TRUE;
}

/* Formats the one conversion @c with its argument from @args. */
static char *
format_one (const Conversion *c,
            va_list          *args)
{
  g_autofree char *spec = g_strndup (c->start, c->end - c->start);
  const char *l = c->length;
  int stars[2] = { 0, 0 };

  /* The spec without its n$ (the argument is taken here in order). */
  if (c->position > 0)
    {
      char *dollar = strchr (spec, '$');
      memmove (spec + 1, dollar + 1, strlen (dollar + 1) + 1);
    }
  for (guint i = 0; i < c->n_stars; i++)
    stars[i] = va_arg (*args, int);

#define FORMAT(type) \
  G_STMT_START { \
    type value = va_arg (*args, type); \
    switch (c->n_stars) \
      { \
      case 0: return g_strdup_printf (spec, value); \
      case 1: return g_strdup_printf (spec, stars[0], value); \
      default: return g_strdup_printf (spec, stars[0], stars[1], value); \
      } \
  } G_STMT_END

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  switch (c->conversion)
    {
    case 's':
      FORMAT (const char *);
    case 'p':
      FORMAT (void *);
    case 'c':
      FORMAT (int);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
      if (l[0] == 'L')
        FORMAT (long double);
      FORMAT (double);
    default:
      if (g_str_equal (l, "ll") || g_str_equal (l, "q") || g_str_equal (l, "L"))
        FORMAT (long long);
      if (g_str_equal (l, "l"))
        FORMAT (long);
      if (g_str_equal (l, "z"))
        FORMAT (gssize);
      if (g_str_equal (l, "j"))
        FORMAT (intmax_t);
      if (g_str_equal (l, "t"))
        FORMAT (ptrdiff_t);
      FORMAT (int);    /* also h and hh: promoted to int */
    }
#pragma GCC diagnostic pop
#undef FORMAT
}

GStrv
anju_refusal_capture_args (const char *format,
                           va_list     args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list copy;

  if (format == NULL)
    return NULL;
  /* Numbered arguments would have to be taken out of order: such a
   * format is not carried (the desk shows the server's text). */
  for (const char *p = format; (p = strchr (p, '%')) != NULL; p++)
    {
      Conversion c;

      if (p[1] == '%')
        {
          p++;
          continue;
        }
      if (!read_conversion (p + 1, &c) || c.position > 0)
        return NULL;
    }
  G_VA_COPY (copy, args);
  for (const char *p = format; (p = strchr (p, '%')) != NULL; p++)
    {
      Conversion c;
      g_autofree char *one = NULL;

      if (p[1] == '%')
        {
          p++;
          continue;
        }
      read_conversion (p + 1, &c);
      one = format_one (&c, &copy);
      g_strv_builder_add (builder, one);
      p = c.end - 1;
    }
  va_end (copy);
  return g_strv_builder_end (builder);
}

char *
anju_refusal_fill (const char         *template,
                   const char * const *args)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_args = args ? g_strv_length ((char **)args) : 0;
  guint next = 0;
  const char *p = template;

  for (const char *percent; (percent = strchr (p, '%')) != NULL; )
    {
      Conversion c;
      guint index;

      g_string_append_len (out, p, percent - p);
      if (percent[1] == '%')
        {
          g_string_append_c (out, '%');
          p = percent + 2;
          continue;
        }
      if (!read_conversion (percent + 1, &c) || c.n_stars > 0)
        return NULL;
      index = c.position > 0 ? c.position - 1 : next++;
      if (index >= n_args)
        return NULL;
      g_string_append (out, args[index]);
      p = c.end;
    }
  g_string_append (out, p);
  if (!g_utf8_validate (out->str, out->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* An argument that is itself a sentence of the catalogue (a state, a
 * role: "held", "manager") in this program's language; others as sent. */
static const char *
translate_arg (const char *arg)
{
  if (arg[0] == '\0' || g_ascii_isdigit (arg[0]))
    return arg;
  return g_dgettext (GETTEXT_PACKAGE, arg);
}

char *
anju_refusal_render (const char         *template,
                     const char * const *args,
                     const char         *fallback)
{
  g_autoptr(GPtrArray) shown = NULL;
  const char *translated;
  char *text;

  if (template == NULL || args == NULL)
    return g_strdup (fallback);
  translated = g_dgettext (GETTEXT_PACKAGE, template);
  if (translated == template || g_str_equal (translated, template))
    return g_strdup (fallback);
  shown = g_ptr_array_new ();
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (shown, (gpointer)translate_arg (args[i]));
  g_ptr_array_add (shown, NULL);
  text = anju_refusal_fill (translated, (const char * const *)shown->pdata);
  return text ? text : g_strdup (fallback);
}

void
anju_refusal_set_members (JsonObject         *object,
                          const char         *template,
                          const char * const *args)
{
  JsonArray *array;

  if (template == NULL || args == NULL)
    return;
  array = json_array_new ();
  for (guint i = 0; args[i] != NULL; i++)
    json_array_add_string_element (array, args[i]);
  json_object_set_string_member (object, "template", template);
  json_object_set_array_member (object, "args", array);
}

void
anju_refusal_to_json (const GError *error,
                      JsonObject   *object)
{
  anju_refusal_set_members (object, anju_command_error_get_template (error),
                            anju_command_error_get_args (error));
}

/* The "template" and "args" of @object, if both are there and text. */
static gboolean
get_members (JsonObject  *object,
             const char **template,
             GStrv       *args)
{
  JsonNode *node = object ? json_object_get_member (object, "template") : NULL;
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      !json_object_has_member (object, "args") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "args")))
    return FALSE;
  array = json_object_get_array_member (object, "args");
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) != G_TYPE_STRING)
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *template = json_node_get_string (node);
  *args = g_strv_builder_end (builder);
  return TRUE;
}

char *
anju_refusal_dup_message (JsonObject *object)
{
  const char *message = object ? json_object_get_string_member_with_default (object, "message", NULL) : NULL;
  const char *template;
  g_auto(GStrv) args = NULL;

  if (!get_members (object, &template, &args))
    return g_strdup (message);
  return anju_refusal_render (template, (const char * const *)args, message);
}

void
anju_command_reject_from_json (GError               **error,
                               AnjuCommandErrorCode   code,
                               const char            *field,
                               JsonObject            *object)
{
  g_autofree char *message = anju_refusal_dup_message (object);
  const char *template = NULL;
  g_auto(GStrv) args = NULL;

  if (message == NULL)
    message = g_strdup (_("The office server refused the request."));
  anju_command_reject (error, code, field, "%s", message);
  if (error != NULL && *error != NULL && get_members (object, &template, &args))
    anju_command_error_set_template (*error, template, (const char * const *)args);
}

void
anju_refusal_localize (JsonObject *object)
{
  g_autofree char *message = NULL;

  if (!json_object_has_member (object, "template"))
    return;
  message = anju_refusal_dup_message (object);
  if (message != NULL)
    json_object_set_string_member (object, "message", message);
}
