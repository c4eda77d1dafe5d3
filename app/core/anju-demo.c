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
#include "anju-format.h"
#include "anju-paths.h"
#include "anju-reception-private.h"
#include "anju-user.h"

typedef struct
{
  AnjuStore  *store;
  GHashTable *users;        /* username → AnjuUser* */
  AnjuUser   *admin;        /* borrowed from @users */
  char       *project_id;
  JsonArray  *price_rows;   /* the demo's price list, one row per unit */
  AnjuClockFunc real_clock; /* the store's clock, while deals are played */
  gpointer    real_clock_data;
  gint64      shift;        /* µs added to it: deals happen in the past */
  gint64      anchor;       /* µs (≤ 0) from now back to the story's "now" */
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

/* --- deals ------------------------------------------------------------------ */

static gint64
shifted_clock (gpointer data)
{
  Loader *loader = data;

  return loader->real_clock (loader->real_clock_data) + loader->shift;
}

/* The deals' story is told back from the latest moment, at or before
 * @now, when the office is busy (10:00–17:00 office time): loaded at
 * 23:30, the demo's deals still happen in the day, and a receipt and its
 * reissue minutes later fall on the same office day, as the cashier's
 * day summary expects. Returns the µs (≤ 0) from @now to that moment. */
#define DEMO_DAY_OPENS  10
#define DEMO_DAY_CLOSES 17

static gint64
story_anchor (gint64 now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, anju_format_get_time_zone ());
  g_autoptr(GDateTime) closing = NULL;
  int hour = g_date_time_get_hour (local);

  if (hour >= DEMO_DAY_OPENS && hour < DEMO_DAY_CLOSES)
    return 0;
  closing = g_date_time_new (anju_format_get_time_zone (), g_date_time_get_year (local),
                             g_date_time_get_month (local), g_date_time_get_day_of_month (local),
                             DEMO_DAY_CLOSES, 0, 0);
  if (hour < DEMO_DAY_OPENS)
    {
      GDateTime *before = g_date_time_add_days (closing, -1);

      g_date_time_unref (closing);
      closing = before;
    }
  return g_date_time_difference (closing, local);
}

/* Moves the loader's clock to @hours_ago + @minutes_after the deal. */
static void
set_time (Loader *loader,
          gint64  hours_ago,
          gint64  minutes_after)
{
  loader->shift = loader->anchor - hours_ago * G_TIME_SPAN_HOUR + minutes_after * G_TIME_SPAN_MINUTE;
}

/* The id of the row @sql finds for @a and @b, or NULL after setting @error. */
static char *
lookup_id (Loader      *loader,
           const char  *sql,
           const char  *a,
           const char  *b,
           const char  *what,
           GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (loader->store, sql, error);
  char *id = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (id == NULL)
    set_invalid (error, "deals.json", _("“%s” is not in the demo project."), what);
  return id;
}

/* The day @days after the local day of now (the loader's clock). */
static char *
dup_day_after (Loader *loader,
               gint64  days)
{
  gint64 now = anju_store_now (loader->store);

  return anju_recep_local_date_of (now + days * G_TIME_SPAN_DAY, anju_format_get_time_zone ());
}

static void
copy_member (JsonObject *to,
             JsonObject *from,
             const char *member)
{
  if (json_object_has_member (from, member))
    json_object_set_member (to, member, json_node_copy (json_object_get_member (from, member)));
}

/* unit.hold, quote.create and subscription.create, as the consultant;
 * the subscription's id. */
static char *
subscribe_deal (Loader          *loader,
                JsonObject      *deal,
                const AnjuUser  *consultant,
                const char      *unit_id,
                const char      *customer_id,
                GError         **error)
{
  g_autoptr(JsonObject) hold = json_object_new ();
  g_autoptr(JsonObject) quote = json_object_new ();
  g_autoptr(JsonObject) sub = json_object_new ();
  g_autofree char *hold_id = NULL, *quote_id = NULL, *deadline = NULL;
  JsonArray *buyers = json_array_new ();
  JsonArray *co_owners = json_object_has_member (deal, "co_owners")
                         ? json_object_get_array_member (deal, "co_owners") : NULL;
  JsonArray *expected = json_array_new ();
  JsonArray *listed = json_object_has_member (deal, "expected_payments")
                      ? json_object_get_array_member (deal, "expected_payments") : NULL;

  json_object_set_string_member (hold, "unit_id", unit_id);
  json_object_set_string_member (hold, "customer_id", customer_id);
  json_object_set_string_member (quote, "unit_id", unit_id);
  json_object_set_string_member (quote, "customer_id", customer_id);
  copy_member (quote, deal, "discount_ids");
  json_array_add_object_element (buyers, json_object_new ());
  for (guint i = 0; co_owners && i < json_array_get_length (co_owners); i++)
    json_array_add_element (buyers, json_node_copy (json_array_get_element (co_owners, i)));
  for (guint i = 0; listed && i < json_array_get_length (listed); i++)
    {
      JsonObject *entry = json_array_get_object_element (listed, i);
      JsonObject *row = json_object_new ();
      g_autofree char *due = dup_day_after (loader, json_object_get_int_member_with_default (entry, "due_in_days", 0));

      copy_member (row, entry, "purpose");
      copy_member (row, entry, "amount");
      copy_member (row, entry, "label");
      json_object_set_string_member (row, "due_on", due);
      json_array_add_object_element (expected, row);
    }
  deadline = dup_day_after (loader, json_object_get_int_member_with_default (deal, "signing_in_days", 7));
  json_object_set_array_member (sub, "buyers", buyers);
  json_object_set_array_member (sub, "expected_payments", expected);
  copy_member (sub, deal, "payment_method");
  copy_member (sub, deal, "deposit");
  copy_member (sub, deal, "plan");
  json_object_set_string_member (sub, "signing_deadline", deadline);

  if (!(hold_id = run (loader, consultant, "unit.hold", hold, "hold_id", error)) ||
      !(quote_id = run (loader, consultant, "quote.create", quote, "quote_id", error)))
    return NULL;
  json_object_set_string_member (sub, "quote_id", quote_id);
  return run (loader, consultant, "subscription.create", sub, "subscription_id", error);
}

/* payment.record as finance, and its reissue if the deal says so. */
static gboolean
pay_deal (Loader          *loader,
          JsonObject      *deal,
          JsonObject      *entry,
          const AnjuUser  *cashier,
          const char      *subscription_id,
          GError         **error)
{
  static const char * const copied[] = { "purpose", "method", "reference", "amount" };
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *receipt_id = NULL;
  JsonObject *reissue = json_object_has_member (entry, "reissue")
                        ? json_object_get_object_member (entry, "reissue") : NULL;
  gint64 hours_ago = json_object_get_int_member (deal, "hours_ago");

  set_time (loader, hours_ago, json_object_get_int_member_with_default (entry, "minutes_after", 0));
  json_object_set_string_member (payload, "subscription_id", subscription_id);
  for (guint k = 0; k < G_N_ELEMENTS (copied); k++)
    copy_member (payload, entry, copied[k]);
  if (!(receipt_id = run (loader, cashier, "payment.record", payload, "receipt_id", error)))
    return FALSE;
  if (reissue != NULL)
    {
      g_autoptr(JsonObject) again = json_object_new ();
      g_autofree char *new_id = NULL;

      set_time (loader, hours_ago, json_object_get_int_member_with_default (reissue, "minutes_after", 0));
      json_object_set_string_member (again, "receipt_id", receipt_id);
      copy_member (again, reissue, "reason");
      copy_member (again, reissue, "amount");
      if (!(new_id = run (loader, cashier, "receipt.reissue", again, "receipt_id", error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
withdraw_deal (Loader      *loader,
               JsonObject  *deal,
               const char  *subscription_id,
               GError     **error)
{
  JsonObject *withdraw = json_object_get_object_member (deal, "withdraw");
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *done = NULL;
  const char *by = json_object_get_string_member_with_default (withdraw, "by", "");
  AnjuUser *who = g_hash_table_lookup (loader->users, by);

  if (who == NULL)
    {
      set_invalid (error, "deals.json", _("The user “%s” is not a user of users.json."), by);
      return FALSE;
    }
  set_time (loader, json_object_get_int_member (deal, "hours_ago"),
            json_object_get_int_member_with_default (withdraw, "hours_after", 0) * 60);
  json_object_set_string_member (payload, "subscription_id", subscription_id);
  copy_member (payload, withdraw, "reason");
  done = run (loader, who, "subscription.withdraw", payload, "subscription_id", error);
  return done != NULL;
}

static gboolean
add_deal (Loader      *loader,
          JsonObject  *deal,
          GError     **error)
{
  g_auto(GStrv) unit = NULL;
  g_autofree char *unit_id = NULL, *customer_id = NULL, *subscription_id = NULL;
  const char *consultant_name, *customer, *unit_label;
  AnjuUser *consultant, *cashier = g_hash_table_lookup (loader->users, "chenjing");
  JsonArray *payments = json_object_has_member (deal, "payments")
                        ? json_object_get_array_member (deal, "payments") : NULL;

  if (!(consultant_name = get_string (deal, "consultant", "deals.json", error)) ||
      !(customer = get_string (deal, "customer", "deals.json", error)) ||
      !(unit_label = get_string (deal, "unit", "deals.json", error)))
    return FALSE;
  unit = g_strsplit (unit_label, "-", 2);
  if (!(consultant = g_hash_table_lookup (loader->users, consultant_name)) || cashier == NULL)
    {
      set_invalid (error, "deals.json", _("The user “%s” is not a user of users.json."),
                   consultant ? "chenjing" : consultant_name);
      return FALSE;
    }
  if (!(unit_id = lookup_id (loader, "SELECT u.id FROM units u JOIN buildings b ON b.id = u.building_id "
                             "WHERE b.name = ?1 AND u.number = ?2", unit[0], unit[1] ? unit[1] : "",
                             unit_label, error)) ||
      !(customer_id = lookup_id (loader, "SELECT id FROM customers WHERE name = ?1 AND project_id = ?2",
                                 customer, loader->project_id, customer, error)))
    return FALSE;

  set_time (loader, json_object_get_int_member_with_default (deal, "hours_ago", 0), 0);
  if (!(subscription_id = subscribe_deal (loader, deal, consultant, unit_id, customer_id, error)))
    return FALSE;
  for (guint i = 0; payments && i < json_array_get_length (payments); i++)
    if (!pay_deal (loader, deal, json_array_get_object_element (payments, i), cashier, subscription_id, error))
      return FALSE;
  return !json_object_has_member (deal, "withdraw") || withdraw_deal (loader, deal, subscription_id, error);
}

/* Each deal of deals.json, oldest first, on a clock set back to its time. */
static gboolean
add_deals (Loader      *loader,
           JsonObject  *root,
           GError     **error)
{
  JsonArray *deals = get_array (root, "deals", "deals.json", error);
  gboolean ok = TRUE;

  if (deals == NULL)
    return FALSE;
  anju_store_get_clock (loader->store, &loader->real_clock, &loader->real_clock_data);
  loader->anchor = story_anchor (anju_store_now (loader->store));
  anju_store_set_clock (loader->store, shifted_clock, loader);
  for (guint i = 0; ok && i < json_array_get_length (deals); i++)
    {
      JsonObject *deal = json_array_get_object_element (deals, i);

      if (deal == NULL)
        {
          set_invalid (error, "deals.json", _("Each deal must be an object."));
          ok = FALSE;
        }
      else if (!(ok = add_deal (loader, deal, error)))
        g_prefix_error (error, "demo/deals.json, %s: ", json_object_get_string_member_with_default (deal, "unit", "?"));
    }
  anju_store_set_clock (loader->store, loader->real_clock, loader->real_clock_data);
  return ok;
}

gboolean
anju_demo_load (AnjuStore  *store,
                GError    **error)
{
  g_autoptr(JsonObject) users = NULL;
  g_autoptr(JsonObject) project = NULL;
  g_autoptr(JsonObject) customers = NULL;
  g_autoptr(JsonObject) deals = NULL;
  g_auto(Loader) loader = { 0 };
  gint64 projects;

  g_return_val_if_fail (ANJU_IS_STORE (store), FALSE);

  /* Read every file first: a broken file must not cost a transaction. */
  if (!(users = read_file ("users.json", error)) ||
      !(project = read_file ("project.json", error)) ||
      !(customers = read_file ("customers.json", error)) ||
      !(deals = read_file ("deals.json", error)))
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
      !add_customers (&loader, customers, error) ||
      !add_deals (&loader, deals, error))
    {
      anju_store_rollback (store);
      return FALSE;
    }
  return anju_store_commit (store, error);
}
