/* anju-demo.c — loads the demo project from data/demo/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything goes through the commands a person would run, each as the
 * person who would run it: the system adds the users, the administrator
 * the project, its buildings and units, and each consultant their own
 * customers (so the owners are right). One outer transaction holds it all:
 * a failure half-way leaves the database as it was.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-demo.h"
#include "anju-money.h"
#include "anju-paths.h"
#include "anju-user.h"

typedef struct
{
  AnjuStore  *store;
  GHashTable *users;        /* username → AnjuUser* */
  AnjuUser   *admin;        /* borrowed from @users */
  char       *project_id;
  JsonArray  *price_rows;   /* the demo's price list, one row per unit */
} Loader;

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->users, g_hash_table_unref);
  g_clear_pointer (&loader->project_id, g_free);
  g_clear_pointer (&loader->price_rows, json_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, loader_clear)

static void
set_invalid (GError     **error,
             const char  *file,
             const char  *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
set_invalid (GError     **error,
             const char  *file,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "demo/%s: %s", file, message);
}

/* The root object of data/demo/@file. */
static JsonObject *
read_file (const char  *file,
           GError     **error)
{
  g_autofree char *path = anju_paths_build_data_file ("demo", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The demo project cannot be read from %s: %s"), path, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      set_invalid (error, file, _("The file must hold a JSON object."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *member,
           const char  *file,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, file, _("“%s” must be a list."), member);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
get_object (JsonObject  *object,
            const char  *member,
            const char  *file,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, file, _("“%s” must be an object."), member);
      return NULL;
    }
  return json_node_get_object (node);
}

static const char *
get_string (JsonObject  *object,
            const char  *member,
            const char  *file,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_invalid (error, file, _("“%s” must be text."), member);
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject  *object,
         const char  *member,
         const char  *file,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_invalid (error, file, _("“%s” must be a whole number."), member);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

/* Runs a command and returns its result's @id_member, newly allocated. */
static char *
run (Loader         *loader,
     const AnjuUser *actor,
     const char     *type,
     JsonObject     *payload,
     const char     *id_member,
     GError        **error)
{
  g_autoptr(JsonObject) answer = anju_command_run (loader->store, actor, type, payload, error);
  JsonObject *result;

  if (answer == NULL)
    return NULL;
  result = json_object_get_object_member (answer, "result");
  return g_strdup (json_object_get_string_member (result, id_member));
}

/* --- users ---------------------------------------------------------------- */

static gboolean
add_users (Loader      *loader,
           JsonObject  *root,
           GError     **error)
{
  JsonArray *users = get_array (root, "users", "users.json", error);

  if (users == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *entry = json_array_get_object_element (users, i);
      const char *username, *display_name, *role_name, *password;
      AnjuRole role;
      AnjuUser *user;

      if (entry == NULL)
        {
          set_invalid (error, "users.json", _("Each user must be an object."));
          return FALSE;
        }
      if (!(username = get_string (entry, "username", "users.json", error)) ||
          !(display_name = get_string (entry, "display_name", "users.json", error)) ||
          !(role_name = get_string (entry, "role", "users.json", error)) ||
          !(password = get_string (entry, "password", "users.json", error)))
        return FALSE;
      if ((role = anju_role_from_string (role_name)) == ANJU_ROLE_NONE)
        {
          set_invalid (error, "users.json", _("“%s” is not a role."), role_name);
          return FALSE;
        }

      /* An office that made its administrator first keeps it, password and
       * all; a same-named account with another role is a real conflict. */
      user = anju_user_lookup_by_name (loader->store, username);
      if (user != NULL && user->role != role)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "username",
                               _("The demo needs a user “%s” with the role %s, but this database has one with the role %s."),
                               username, anju_role_get_label (role),
                               anju_role_get_label (user->role));
          anju_user_free (user);
          return FALSE;
        }
      if (user == NULL &&
          !(user = anju_user_add (loader->store, anju_user_get_system (), username, display_name,
                                  role, password, error)))
        {
          g_prefix_error (error, "demo/users.json, %s: ", username);
          return FALSE;
        }
      g_hash_table_replace (loader->users, user->username, user);
      if (role == ANJU_ROLE_ADMIN && loader->admin == NULL)
        loader->admin = user;
    }
  if (loader->admin == NULL)
    {
      set_invalid (error, "users.json", _("The demo needs a user with the role admin."));
      return FALSE;
    }
  return TRUE;
}

/* --- project, buildings and units --------------------------------------- */

/* Whether @number is listed in @building's member @list (an array of
 * unit numbers), or its text in @offers (an object number → text). */
static gboolean
is_listed (JsonObject *building,
           const char *list,
           const char *number)
{
  JsonArray *array = json_object_has_member (building, list)
                     ? json_object_get_array_member (building, list) : NULL;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), number) == 0)
      return TRUE;
  return FALSE;
}

/* The units of one building become rows of the demo's price list (one
 * price_list.import, as an office would import its first spreadsheet):
 * hot units, special offers and floor prices come with them. */
static gboolean
add_units (Loader      *loader,
           JsonObject  *root,
           JsonObject  *building,
           JsonArray   *positions,
           gint64       floors,
           GError     **error)
{
  JsonObject *types, *premiums;
  JsonObject *offers = json_object_has_member (building, "special_offers")
                       ? json_object_get_object_member (building, "special_offers") : NULL;
  gint64 base, increment, round_to;
  gint64 floor_permille = json_object_get_int_member_with_default (root, "floor_price_permille", 0);

  if (!(types = get_object (root, "unit_types", "project.json", error)) ||
      !(premiums = get_object (root, "orientation_premium_per_m2", "project.json", error)) ||
      !get_int (root, "round_to_fen", "project.json", &round_to, error) ||
      !get_int (building, "base_price_per_m2", "project.json", &base, error) ||
      !get_int (building, "floor_increment_per_m2", "project.json", &increment, error))
    return FALSE;
  if (round_to <= 0)
    {
      set_invalid (error, "project.json", _("“round_to_fen” must be more than 0."));
      return FALSE;
    }

  for (gint64 floor = 1; floor <= floors; floor++)
    for (guint i = 0; i < json_array_get_length (positions); i++)
      {
        JsonObject *position = json_array_get_object_element (positions, i);
        JsonObject *type;
        const char *type_name, *orientation, *layout;
        gint64 gross, inner, premium, per_m2;
        JsonObject *row = json_object_new ();
        g_autofree char *number = NULL;
        gint64 list_price;

        if (position == NULL ||
            !(type_name = get_string (position, "type", "project.json", error)) ||
            !(orientation = get_string (position, "orientation", "project.json", error)) ||
            !(type = get_object (types, type_name, "project.json", error)) ||
            !(layout = get_string (type, "layout", "project.json", error)) ||
            !get_int (type, "gross_area", "project.json", &gross, error) ||
            !get_int (type, "inner_area", "project.json", &inner, error) ||
            !get_int (premiums, orientation, "project.json", &premium, error))
          {
            if (position == NULL)
              set_invalid (error, "project.json", _("Each position must be an object."));
            return FALSE;
          }

        /* The price rule of project.json, in fen: gross area (0.01 m²) ×
         * price per m², rounded half up to round_to_fen. */
        per_m2 = base + (floor - 1) * increment + premium;
        list_price = anju_money_round_div (gross * per_m2, 100 * round_to) * round_to;
        number = g_strdup_printf ("%lld%02u", (long long)floor, i + 1);
        json_object_set_string_member (row, "building", json_object_get_string_member (building, "name"));
        json_object_set_string_member (row, "number", number);
        json_object_set_int_member (row, "floor", floor);
        json_object_set_string_member (row, "layout", layout);
        json_object_set_string_member (row, "orientation", orientation);
        json_object_set_int_member (row, "gross_area", gross);
        json_object_set_int_member (row, "inner_area", inner);
        json_object_set_int_member (row, "list_price", list_price);
        if (floor_permille > 0)
          json_object_set_int_member (row, "floor_price",
                                      anju_money_round_div (list_price * floor_permille, 1000));
        if (is_listed (building, "hot_units", number))
          json_object_set_boolean_member (row, "hot", TRUE);
        if (offers != NULL && json_object_has_member (offers, number))
          json_object_set_string_member (row, "special_offer",
                                         json_object_get_string_member (offers, number));
        json_array_add_object_element (loader->price_rows, row);
      }
  return TRUE;
}

static gboolean
add_project (Loader      *loader,
             JsonObject  *root,
             GError     **error)
{
  JsonObject *project;
  JsonArray *buildings;

  if (!(project = get_object (root, "project", "project.json", error)) ||
      !(buildings = get_array (root, "buildings", "project.json", error)))
    return FALSE;
  loader->project_id = run (loader, loader->admin, "project.create", project, "project_id", error);
  loader->price_rows = json_array_new ();
  if (loader->project_id == NULL)
    {
      g_prefix_error (error, "demo/project.json: ");
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (buildings); i++)
    {
      JsonObject *building = json_array_get_object_element (buildings, i);
      g_autoptr(JsonObject) payload = json_object_new ();
      g_autofree char *building_id = NULL;
      JsonArray *positions;
      const char *name;
      gint64 floors;

      if (building == NULL)
        {
          set_invalid (error, "project.json", _("Each building must be an object."));
          return FALSE;
        }
      if (!(name = get_string (building, "name", "project.json", error)) ||
          !get_int (building, "floors", "project.json", &floors, error) ||
          !(positions = get_array (building, "positions", "project.json", error)))
        return FALSE;
      json_object_set_string_member (payload, "project_id", loader->project_id);
      json_object_set_string_member (payload, "name", name);
      json_object_set_int_member (payload, "floors", floors);
      json_object_set_int_member (payload, "units_per_floor", json_array_get_length (positions));
      building_id = run (loader, loader->admin, "building.create", payload, "building_id", error);
      if (building_id == NULL)
        {
          g_prefix_error (error, "demo/project.json, %s: ", name);
          return FALSE;
        }
      if (!add_units (loader, root, building, positions, floors, error))
        return FALSE;
    }

  {
    g_autoptr(JsonObject) payload = json_object_new ();
    g_autofree char *price_list_id = NULL;

    json_object_set_string_member (payload, "project_id", loader->project_id);
    json_object_set_string_member (payload, "note", "Demo price list");
    json_object_set_array_member (payload, "rows", g_steal_pointer (&loader->price_rows));
    price_list_id = run (loader, loader->admin, "price_list.import", payload, "price_list_id", error);
    if (price_list_id == NULL)
      {
        g_prefix_error (error, "demo/project.json, price list: ");
        return FALSE;
      }
  }
  return TRUE;
}

/* --- customers ------------------------------------------------------------ */

static gboolean
add_customers (Loader      *loader,
               JsonObject  *root,
               GError     **error)
{
  static const char * const copied[] = { "name", "title", "mobile", "id_number", "profile" };
  JsonArray *customers = get_array (root, "customers", "customers.json", error);

  if (customers == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (customers); i++)
    {
      JsonObject *entry = json_array_get_object_element (customers, i);
      g_autoptr(JsonObject) payload = json_object_new ();
      g_autofree char *customer_id = NULL;
      const char *owner_name;
      AnjuUser *owner;

      if (entry == NULL)
        {
          set_invalid (error, "customers.json", _("Each customer must be an object."));
          return FALSE;
        }
      if (!(owner_name = get_string (entry, "owner", "customers.json", error)))
        return FALSE;
      if (!(owner = g_hash_table_lookup (loader->users, owner_name)))
        {
          set_invalid (error, "customers.json", _("The owner “%s” is not a user of users.json."),
                       owner_name);
          return FALSE;
        }
      for (guint k = 0; k < G_N_ELEMENTS (copied); k++)
        if (json_object_has_member (entry, copied[k]))
          json_object_set_member (payload, copied[k],
                                  json_node_copy (json_object_get_member (entry, copied[k])));
      json_object_set_string_member (payload, "project_id", loader->project_id);
      json_object_set_string_member (payload, "owner_id", owner->id);

      /* The consultant creates the record, as at the reception desk. */
      if (!(customer_id = run (loader, owner, "customer.create", payload, "customer_id", error)))
        {
          g_prefix_error (error, "demo/customers.json, %s: ",
                          json_object_get_string_member_with_default (entry, "name", "?"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
anju_demo_load (AnjuStore  *store,
                GError    **error)
{
  g_autoptr(JsonObject) users = NULL;
  g_autoptr(JsonObject) project = NULL;
  g_autoptr(JsonObject) customers = NULL;
  g_auto(Loader) loader = { 0 };
  gint64 projects;

  g_return_val_if_fail (ANJU_IS_STORE (store), FALSE);

  /* Read every file first: a broken file must not cost a transaction. */
  if (!(users = read_file ("users.json", error)) ||
      !(project = read_file ("project.json", error)) ||
      !(customers = read_file ("customers.json", error)))
    return FALSE;

  projects = anju_store_count (store, "SELECT count(*) FROM projects");
  if (projects < 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_STORAGE, NULL,
                           _("The database cannot be read. Check that it is an Anju database."));
      return FALSE;
    }
  if (projects > 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, NULL,
                           _("This database already has a project. The demo loads only into a database without projects: create a new database for it."));
      return FALSE;
    }

  loader.store = store;
  loader.users = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify)anju_user_free);

  if (!anju_store_begin (store, error))
    return FALSE;
  if (!add_users (&loader, users, error) ||
      !add_project (&loader, project, error) ||
      !add_customers (&loader, customers, error))
    {
      anju_store_rollback (store);
      return FALSE;
    }
  return anju_store_commit (store, error);
}
