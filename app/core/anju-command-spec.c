/* anju-command-spec.c — what a command's spec declares, for tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "fields" of a spec ("unit_id:string minutes:integer?") parsed, and a
 * spec as JSON for `anjuctl commands --json`.
 */
#include "config.h"

#include <gio/gio.h>

#include "anju-command.h"
#include "anju-user.h"

static const char * const field_types[] = {
  "string", "integer", "boolean", "object", "array", NULL,
};

void
anju_command_field_free (AnjuCommandField *field)
{
  if (field == NULL)
    return;
  g_free (field->name);
  g_free (field->type);
  g_free (field);
}

static gboolean
is_field_name (const char *name)
{
  if (!g_ascii_islower (*name))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

GPtrArray *
anju_command_fields_parse (const char  *fields,
                           GError     **error)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_auto(GStrv) words = NULL;

  if (fields == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "no fields declared (\"\" for a command without a payload)");
      return NULL;
    }
  parsed = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_command_field_free);
  if (*fields == '\0')
    return g_steal_pointer (&parsed);
  words = g_strsplit (fields, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      const char *colon = strchr (word, ':');
      g_autoptr(AnjuCommandField) field = NULL;
      g_autofree char *type = NULL;
      gsize type_len;

      if (colon == NULL || colon == word)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“%s” is not “name:type” (members are separated by one space)", word);
          return NULL;
        }
      field = g_new0 (AnjuCommandField, 1);
      field->name = g_strndup (word, colon - word);
      type_len = strlen (colon + 1);
      field->required = !(type_len > 0 && colon[type_len] == '?');
      type = g_strndup (colon + 1, field->required ? type_len : type_len - 1);
      if (!is_field_name (field->name))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“%s” is not a member name (lower case, digits and _)", field->name);
          return NULL;
        }
      if (!g_strv_contains (field_types, type))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“%s” of “%s” is not a type (string, integer, boolean, object, array)",
                       type, field->name);
          return NULL;
        }
      for (guint j = 0; j < parsed->len; j++)
        if (g_str_equal (((AnjuCommandField *)parsed->pdata[j])->name, field->name))
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "“%s” is declared twice", field->name);
            return NULL;
          }
      field->type = g_steal_pointer (&type);
      g_ptr_array_add (parsed, g_steal_pointer (&field));
    }
  return g_steal_pointer (&parsed);
}

GPtrArray *
anju_command_spec_dup_fields (const AnjuCommandSpec  *spec,
                              GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *fields;

  g_return_val_if_fail (spec != NULL, NULL);
  if (!(fields = anju_command_fields_parse (spec->fields, &local_error)))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "%s: %s", spec->type, local_error->message);
  return fields;
}

JsonObject *
anju_command_spec_to_json (const AnjuCommandSpec *spec)
{
  static const AnjuRole roles[] = {
    ANJU_ROLE_CONSULTANT, ANJU_ROLE_FINANCE, ANJU_ROLE_MANAGER, ANJU_ROLE_ADMIN,
  };
  JsonObject *object = json_object_new ();
  JsonArray *role_names = json_array_new ();
  JsonArray *field_list = json_array_new ();
  g_autoptr(GPtrArray) fields = anju_command_spec_dup_fields (spec, NULL);

  json_object_set_string_member (object, "type", spec->type);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (spec->roles & roles[i])
      json_array_add_string_element (role_names, anju_role_to_string (roles[i]));
  json_object_set_array_member (object, "roles", role_names);
  json_object_set_boolean_member (object, "office_decision",
                                  (spec->flags & ANJU_COMMAND_FLAG_OFFICE_DECISION) != 0);
  json_object_set_boolean_member (object, "office_preferred",
                                  (spec->flags & ANJU_COMMAND_FLAG_OFFICE_PREFERRED) != 0);
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const AnjuCommandField *field = fields->pdata[i];
      JsonObject *member = json_object_new ();

      json_object_set_string_member (member, "name", field->name);
      json_object_set_string_member (member, "type", field->type);
      json_object_set_boolean_member (member, "required", field->required);
      json_array_add_object_element (field_list, member);
    }
  json_object_set_array_member (object, "fields", field_list);
  return object;
}
