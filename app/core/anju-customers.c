/* anju-customers.c — customer records, their commands and queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-customers.h"
#include "anju-ident.h"
#include "anju-profile.h"
#include "anju-projects.h"
#include "anju-search.h"
#include "anju-segmentation.h"
#include "anju-user.h"

#define CUSTOMER_COLUMNS \
  "c.id, c.name, c.title, c.mobile, c.id_number, c.owner_id, u.display_name, " \
  "c.segment, c.segment_source, c.updated_at"

void
anju_customer_summary_free (AnjuCustomerSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->id);
  g_free (s->name);
  g_free (s->title);
  g_free (s->mobile_masked);
  g_free (s->id_number_masked);
  g_free (s->owner_id);
  g_free (s->owner_name);
  g_free (s->segment);
  g_free (s->segment_source);
  g_free (s->updated_at);
  g_free (s);
}

static void
clear_summary (AnjuCustomerSummary *s)
{
  g_free (s->id);
  g_free (s->name);
  g_free (s->title);
  g_free (s->mobile_masked);
  g_free (s->id_number_masked);
  g_free (s->owner_id);
  g_free (s->owner_name);
  g_free (s->segment);
  g_free (s->segment_source);
  g_free (s->updated_at);
}

void
anju_customer_free (AnjuCustomer *c)
{
  if (c == NULL)
    return;
  clear_summary (&c->summary);
  g_free (c->project_id);
  g_free (c->created_at);
  g_free (c->created_by_name);
  g_clear_pointer (&c->profile, json_object_unref);
  g_free (c);
}

void
anju_customer_event_free (AnjuCustomerEvent *e)
{
  if (e == NULL)
    return;
  g_free (e->at);
  g_free (e->kind);
  g_free (e->actor_name);
  g_free (e->summary);
  g_free (e);
}

static void
fill_summary (AnjuCustomerSummary *s,
              sqlite3_stmt        *stmt)
{
  const char *mobile = (const char *)sqlite3_column_text (stmt, 3);
  const char *id_number = (const char *)sqlite3_column_text (stmt, 4);

  s->id = anju_stmt_dup_text (stmt, 0);
  s->name = anju_stmt_dup_text (stmt, 1);
  s->title = anju_stmt_dup_text (stmt, 2);
  s->mobile_masked = mobile ? anju_mobile_mask (mobile) : NULL;
  s->id_number_masked = id_number ? anju_id_number_mask (id_number) : NULL;
  s->owner_id = anju_stmt_dup_text (stmt, 5);
  s->owner_name = anju_stmt_dup_text (stmt, 6);
  s->segment = anju_stmt_dup_text (stmt, 7);
  s->segment_source = anju_stmt_dup_text (stmt, 8);
  s->updated_at = anju_stmt_dup_text (stmt, 9);
}

/* ---- queries ---------------------------------------------------------- */

typedef enum
{
  MATCH_ALL,
  MATCH_NAME,       /* substring of the name */
  MATCH_DIGITS,     /* prefix of the mobile or of the ID number */
  MATCH_ID_NUMBER,  /* prefix of the ID number (has an X) */
} MatchKind;

/* Sorts @query's text into what it searches, and the single text bound
 * as ?1. Digits search the indexed mobile and ID columns by range; names
 * search the customer_search keys (anju-search.h), so both stay fast on a
 * million customers. */
static MatchKind
classify (const AnjuCustomerQuery *query,
          char                   **pattern)
{
  g_autofree char *text = g_strstrip (g_strdup (query && query->text ? query->text : ""));
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean only_digits = *text != '\0';
  gboolean has_x = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if ((*p == 'x' || *p == 'X') && p[1] == '\0' && digits->len == 17)
        has_x = TRUE;
      else if (*p != ' ' && *p != '-' && *p != '+')
        only_digits = FALSE;
    }
  if (*text == '\0')
    return MATCH_ALL;
  if (only_digits && digits->len > 0)
    {
      /* +86 / 0086 in front of an 11-digit mobile */
      const char *d = digits->str;
      if (digits->len == 13 && g_str_has_prefix (d, "86"))
        d += 2;
      else if (digits->len == 15 && g_str_has_prefix (d, "0086"))
        d += 4;
      if (has_x)
        {
          *pattern = g_strconcat (d, "X", NULL);
          return MATCH_ID_NUMBER;
        }
      *pattern = g_strdup (d);
      return MATCH_DIGITS;
    }
  *pattern = anju_search_fold (text);
  return MATCH_NAME;
}

/* A name longer than a key is looked up by its first characters and
 * checked whole. */
static gboolean
name_needs_check (const char *pattern)
{
  return g_utf8_strlen (pattern, -1) > ANJU_SEARCH_KEY_CHARS;
}

/* SELECT @columns for @query; with @list, the list's order and a page
 * (?3 rows from ?4). A name search walks its key's index rows (?5), which
 * are in the list's order already. */
static char *
build_sql (const char              *columns,
           const AnjuCustomerQuery *query,
           MatchKind                kind,
           const char              *pattern,
           gboolean                 list)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  gboolean owner = query && query->owner_id && *query->owner_id;

  g_string_append (sql, columns);
  if (kind == MATCH_NAME)
    g_string_append (sql, " FROM customer_search s JOIN customers c ON c.id = s.customer_id");
  else
    g_string_append (sql, " FROM customers c");
  if (list)
    g_string_append (sql, " LEFT JOIN users u ON u.id = c.owner_id");
  g_string_append (sql, " WHERE 1=1");
  switch (kind)
    {
    case MATCH_ALL:
      break;
    case MATCH_NAME:
      g_string_append (sql, " AND s.key = ?5");
      if (name_needs_check (pattern))
        g_string_append (sql, " AND anju_search_matches (c.name, ?1)");
      break;
    case MATCH_DIGITS:
      /* ?1 ≤ col < ?1 || ':' — ':' sorts right after '9' */
      g_string_append (sql, " AND ((c.mobile >= ?1 AND c.mobile < ?1 || ':')"
                            " OR (c.id_number >= ?1 AND c.id_number < ?1 || ':'))");
      break;
    case MATCH_ID_NUMBER:
      g_string_append (sql, " AND c.id_number = ?1");
      break;
    default:
      g_assert_not_reached ();
    }
  if (owner)
    g_string_append (sql, " AND c.owner_id = ?2");
  if (list && kind == MATCH_NAME)
    g_string_append (sql, " ORDER BY s.updated_at DESC, s.customer_id LIMIT ?3 OFFSET ?4");
  else if (list)
    g_string_append (sql, " ORDER BY c.updated_at DESC, c.id LIMIT ?3 OFFSET ?4");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static void
bind_query (sqlite3_stmt            *stmt,
            const AnjuCustomerQuery *query,
            MatchKind                kind,
            const char              *pattern)
{
  if (kind != MATCH_ALL)
    sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  if (query && query->owner_id && *query->owner_id)
    sqlite3_bind_text (stmt, 2, query->owner_id, -1, SQLITE_TRANSIENT);
  if (kind == MATCH_NAME)
    {
      g_autofree char *key = anju_search_query_key (pattern);
      sqlite3_bind_text (stmt, 5, key, -1, SQLITE_TRANSIENT);
    }
}

gint64
anju_customers_count (AnjuStore               *store,
                      const AnjuCustomerQuery *query,
                      GError                 **error)
{
  g_autofree char *pattern = NULL;
  MatchKind kind = classify (query, &pattern);
  gboolean owner = query && query->owner_id && *query->owner_id;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  /* A short name needs no customer row at all: its key's rows are the count. */
  if (kind == MATCH_NAME && !owner && !name_needs_check (pattern))
    sql = g_strdup ("SELECT count(*) FROM customer_search s WHERE s.key = ?5");
  else
    sql = build_sql ("count(*)", query, kind, pattern, FALSE);
  stmt = anju_store_prepare (store, sql, error);
  if (stmt == NULL)
    return -1;
  bind_query (stmt, query, kind, pattern);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    anju_store_set_error (store, error);
  sqlite3_reset (stmt);
  return n;
}

GPtrArray *
anju_customers_fetch (AnjuStore               *store,
                      const AnjuCustomerQuery *query,
                      guint                    offset,
                      guint                    limit,
                      GError                 **error)
{
  g_autofree char *pattern = NULL;
  MatchKind kind = classify (query, &pattern);
  g_autofree char *sql = build_sql (CUSTOMER_COLUMNS, query, kind, pattern, TRUE);
  sqlite3_stmt *stmt = anju_store_prepare (store, sql, error);
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query, kind, pattern);
  sqlite3_bind_int (stmt, 3, limit);
  sqlite3_bind_int (stmt, 4, offset);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_customer_summary_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuCustomerSummary *s = g_new0 (AnjuCustomerSummary, 1);
      fill_summary (s, stmt);
      g_ptr_array_add (rows, s);
    }
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

static JsonObject *
parse_profile (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return json_object_new ();
}

AnjuCustomer *
anju_customer_load (AnjuStore   *store,
                    const char  *id,
                    GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT " CUSTOMER_COLUMNS ", c.project_id, c.created_at, cu.display_name, c.profile "
      "FROM customers c LEFT JOIN users u ON u.id = c.owner_id "
      "LEFT JOIN users cu ON cu.id = c.created_by WHERE c.id = ?", error);
  AnjuCustomer *c = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      c = g_new0 (AnjuCustomer, 1);
      fill_summary (&c->summary, stmt);
      c->has_mobile = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      c->has_id_number = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      c->project_id = anju_stmt_dup_text (stmt, 10);
      c->created_at = anju_stmt_dup_text (stmt, 11);
      c->created_by_name = anju_stmt_dup_text (stmt, 12);
      c->profile = parse_profile ((const char *)sqlite3_column_text (stmt, 13));
    }
  else
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "customer_id",
                         _("This customer no longer exists."));
  sqlite3_reset (stmt);
  return c;
}

char *
anju_customers_find_by_mobile (AnjuStore  *store,
                               const char *mobile)
{
  g_autofree char *normal = anju_mobile_normalize (mobile, NULL);
  sqlite3_stmt *stmt;
  char *id = NULL;

  if (normal == NULL)
    return NULL;
  if (!(stmt = anju_store_prepare (store, "SELECT id FROM customers WHERE mobile = ?", NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, normal, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

char *
anju_customer_dup_secret (AnjuStore  *store,
                          const char *id,
                          const char *field)
{
  const char *sql;
  sqlite3_stmt *stmt;
  char *value = NULL;

  if (g_strcmp0 (field, "mobile") == 0)
    sql = "SELECT mobile FROM customers WHERE id = ?";
  else if (g_strcmp0 (field, "id_number") == 0)
    sql = "SELECT id_number FROM customers WHERE id = ?";
  else
    return NULL;
  if (!(stmt = anju_store_prepare (store, sql, NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = anju_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

GPtrArray *
anju_customer_list_events (AnjuStore   *store,
                           const char  *customer_id,
                           GError     **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT e.at, e.kind, u.display_name, e.summary FROM customer_events e "
      "LEFT JOIN users u ON u.id = e.actor_id WHERE e.customer_id = ? "
      "ORDER BY e.at DESC, e.rowid DESC", error);
  GPtrArray *events;

  if (stmt == NULL)
    return NULL;
  events = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_customer_event_free);
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AnjuCustomerEvent *e = g_new0 (AnjuCustomerEvent, 1);
      e->at = anju_stmt_dup_text (stmt, 0);
      e->kind = anju_stmt_dup_text (stmt, 1);
      e->actor_name = anju_stmt_dup_text (stmt, 2);
      e->summary = anju_stmt_dup_text (stmt, 3);
      g_ptr_array_add (events, e);
    }
  sqlite3_reset (stmt);
  return events;
}

/* ---- commands --------------------------------------------------------- */

gboolean
anju_customer_add_event (gpointer     ctx_pointer,
                         const char  *customer_id,
                         const char  *kind,
                         const char  *summary,
                         const char  *detail,
                         GError     **error)
{
  AnjuCommandContext *ctx = ctx_pointer;
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_autofree char *id = anju_command_context_new_id (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "INSERT INTO customer_events (id, customer_id, at, kind, actor_id, summary, detail) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 5, anju_command_context_get_actor (ctx)->id);
  sqlite3_bind_text (stmt, 6, summary, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 7, detail);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "customer_events", id);
  return TRUE;
}

typedef struct
{
  char       *owner_id;
  char       *project_id;
  char       *mobile;
  char       *id_number;
  JsonObject *profile;
} StoredCustomer;

static void
stored_customer_clear (StoredCustomer *s)
{
  g_free (s->owner_id);
  g_free (s->project_id);
  g_free (s->mobile);
  g_free (s->id_number);
  g_clear_pointer (&s->profile, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredCustomer, stored_customer_clear)

static gboolean
load_stored (AnjuStore       *store,
             const char      *id,
             StoredCustomer  *out,
             GError         **error)
{
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT owner_id, project_id, mobile, id_number, profile FROM customers WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      out->owner_id = anju_stmt_dup_text (stmt, 0);
      out->project_id = anju_stmt_dup_text (stmt, 1);
      out->mobile = anju_stmt_dup_text (stmt, 2);
      out->id_number = anju_stmt_dup_text (stmt, 3);
      out->profile = parse_profile ((const char *)sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (!found)
    anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "customer_id",
                         _("There is no customer with this id. Search for the customer again."));
  return found;
}

/* The mobile number normalized, refusing one that another customer has. */
static gboolean
check_mobile (AnjuStore   *store,
              const char  *text,
              const char  *self_id,
              char       **normal,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mobile = anju_mobile_normalize (text, &local_error);
  sqlite3_stmt *stmt;

  if (mobile == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "mobile", "%s",
                           local_error->message);
      return FALSE;
    }
  stmt = anju_store_prepare (store,
      "SELECT c.id, c.name, u.display_name FROM customers c "
      "LEFT JOIN users u ON u.id = c.owner_id WHERE c.mobile = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mobile, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), self_id) != 0)
    {
      g_autofree char *masked = anju_mobile_mask (mobile);
      const char *owner = (const char *)sqlite3_column_text (stmt, 2);

      anju_command_reject (error, ANJU_COMMAND_ERROR_DUPLICATE, "mobile",
                           _("%s is already the number of %s (consultant: %s). Open that customer instead of creating a new one."),
                           masked, (const char *)sqlite3_column_text (stmt, 1),
                           owner ? owner : _("none"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  *normal = g_steal_pointer (&mobile);
  return TRUE;
}

static gboolean
check_id_number (AnjuCommandContext  *ctx,
                 const char          *text,
                 char               **normal,
                 GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  char *id = anju_id_number_normalize (text, anju_command_context_get_now (ctx), &local_error);

  if (id == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "id_number", "%s",
                           local_error->message);
      return FALSE;
    }
  *normal = id;
  return TRUE;
}

static gboolean
check_user (AnjuStore   *store,
            const char  *field,
            const char  *id,
            gboolean     must_be_consultant,
            GError     **error)
{
  g_autoptr(AnjuUser) user = anju_user_lookup (store, id);

  if (user == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, field,
                           _("There is no user with this id. Choose a colleague from the list."));
      return FALSE;
    }
  if (must_be_consultant && !anju_user_receives_customers (user))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, field,
                           _("%s is not a consultant or a manager and cannot own customers."),
                           user->display_name);
      return FALSE;
    }
  return TRUE;
}

static AnjuSegmentModel *
model_for_project (AnjuStore  *store,
                   const char *project_id)
{
  g_autoptr(AnjuProject) project = anju_project_lookup_or_first (store, project_id);

  return anju_segment_model_lookup (project && project->segmentation_model
                                    ? project->segmentation_model : "vanke");
}

/* Decides segment and its source from the payload's "segment" member
 * (absent: keep an override or suggest; null: suggest; text: override). */
static gboolean
decide_segment (AnjuStore    *store,
                const char   *project_id,
                JsonObject   *payload,
                JsonObject   *profile,
                const char   *current_source,
                const char   *current_segment,
                const char  **segment,
                const char  **source,
                GError      **error)
{
  AnjuSegmentModel *model = model_for_project (store, project_id);
  JsonNode *node = json_object_get_member (payload, "segment");

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      const char *id;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "segment",
                               _("“segment” must be a segment id or null."));
          return FALSE;
        }
      id = json_node_get_string (node);
      if (model == NULL || !anju_segment_model_has_segment (model, id))
        {
          anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "segment",
                               _("“%s” is not a segment of this project's model. Choose one from the list."),
                               id);
          return FALSE;
        }
      *segment = id;
      *source = "manual";
      return TRUE;
    }
  if (node == NULL && g_strcmp0 (current_source, "manual") == 0)
    {
      *segment = current_segment;
      *source = "manual";
      return TRUE;
    }
  *segment = model ? anju_segment_model_suggest (model, profile) : NULL;
  *source = *segment ? "suggested" : NULL;
  return TRUE;
}

static const char *
optional_text (JsonObject  *payload,
               const char  *field,
               gboolean    *ok,
               GError     **error)
{
  const char *value = NULL;

  if (*ok)
    *ok = anju_payload_get_string (payload, field, FALSE, &value, error);
  if (value != NULL && *value == '\0')
    value = NULL;
  return value;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (g_utf8_strlen (name, -1) > 50)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "name",
                           _("The name is longer than 50 characters. Shorten it."));
      return FALSE;
    }
  return TRUE;
}

static void
set_subject (AnjuCommandContext *ctx,
             const char         *id)
{
  g_autofree char *subject = g_strconcat ("customer:", id, NULL);

  anju_command_context_set_subject (ctx, subject);
}

static gboolean
apply_customer_create (AnjuCommandContext  *ctx,
                       JsonObject          *payload,
                       GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  const char *name = NULL, *title, *mobile_text, *id_text, *owner_id, *project_id;
  const char *segment = NULL, *source = NULL;
  g_autofree char *mobile = NULL, *id_number = NULL, *id = NULL, *profile_text = NULL;
  g_autofree char *trimmed_name = NULL;
  g_autoptr(AnjuProject) project = NULL;
  g_autoptr(JsonNode) profile_node = NULL;
  JsonObject *profile = NULL;
  JsonObject *result = anju_command_context_get_result (ctx);
  gboolean ok = TRUE;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "name", TRUE, &name, error) || !check_name (name, error))
    return FALSE;
  trimmed_name = g_strdup (name);
  title = optional_text (payload, "title", &ok, error);
  mobile_text = optional_text (payload, "mobile", &ok, error);
  id_text = optional_text (payload, "id_number", &ok, error);
  owner_id = optional_text (payload, "owner_id", &ok, error);
  project_id = optional_text (payload, "project_id", &ok, error);
  if (!ok || !anju_payload_get_object (payload, "profile", FALSE, &profile, error) ||
      !anju_command_context_take_new_id (ctx, payload, "customer_id", "customers", &id, error))
    return FALSE;

  if (mobile_text != NULL && !check_mobile (store, mobile_text, NULL, &mobile, error))
    return FALSE;
  if (id_text != NULL && !check_id_number (ctx, id_text, &id_number, error))
    return FALSE;
  if (profile != NULL && !anju_profile_validate (profile, error))
    return FALSE;

  /* A consultant owns what they create; managers may give it to someone. */
  if (owner_id == NULL)
    owner_id = actor->id;
  else if (g_strcmp0 (owner_id, actor->id) != 0 && !(actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN)))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "owner_id",
                           _("Only a manager can give a new customer to another consultant."));
      return FALSE;
    }
  if (owner_id != NULL && !check_user (store, "owner_id", owner_id, TRUE, error))
    return FALSE;

  if (project_id != NULL && (project = anju_project_lookup (store, project_id)) == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "project_id",
                           _("There is no project with this id."));
      return FALSE;
    }
  if (project == NULL)
    project = anju_project_lookup_or_first (store, NULL);

  profile_node = json_node_init_object (json_node_alloc (), profile ? profile : json_object_new ());
  if (profile == NULL)
    json_object_unref (json_node_get_object (profile_node));   /* the node holds its ref */
  profile = json_node_get_object (profile_node);
  if (!decide_segment (store, project ? project->id : NULL, payload, profile, NULL, NULL,
                       &segment, &source, error))
    return FALSE;
  profile_text = json_to_string (profile_node, FALSE);

  if (!(stmt = anju_store_prepare (store,
          "INSERT INTO customers (id, project_id, name, title, mobile, id_number, owner_id, "
          "segment, segment_source, profile, created_by, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, project ? project->id : NULL);
  sqlite3_bind_text (stmt, 3, g_strstrip (trimmed_name), -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 4, title);
  anju_stmt_bind_text_or_null (stmt, 5, mobile);
  anju_stmt_bind_text_or_null (stmt, 6, id_number);
  anju_stmt_bind_text_or_null (stmt, 7, owner_id);
  anju_stmt_bind_text_or_null (stmt, 8, segment);
  anju_stmt_bind_text_or_null (stmt, 9, source);
  sqlite3_bind_text (stmt, 10, profile_text, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 11, actor->id);
  sqlite3_bind_text (stmt, 12, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "customers", id);
  if (!anju_customer_add_event (ctx, id, "created", _("Customer record created"), NULL, error))
    return FALSE;

  set_subject (ctx, id);
  json_object_set_string_member (result, "customer_id", id);
  if (segment)
    json_object_set_string_member (result, "segment", segment);
  else
    json_object_set_null_member (result, "segment");
  if (source)
    json_object_set_string_member (result, "segment_source", source);
  else
    json_object_set_null_member (result, "segment_source");
  return TRUE;
}

gboolean
anju_customer_may_edit (const AnjuUser *actor,
                        const char     *owner_id)
{
  g_return_val_if_fail (actor != NULL, FALSE);

  if (actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN))
    return TRUE;
  return (actor->role & ANJU_ROLE_CONSULTANT) && actor->id != NULL &&
         owner_id != NULL && g_str_equal (owner_id, actor->id);
}

gboolean
anju_customer_may_reveal (const AnjuUser *actor,
                          const char     *owner_id)
{
  g_return_val_if_fail (actor != NULL, FALSE);

  if (actor->role & (ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN))
    return TRUE;
  /* Finance works with receipts and names, never a customer's numbers. */
  return actor->role == ANJU_ROLE_CONSULTANT && actor->id != NULL &&
         owner_id != NULL && g_str_equal (owner_id, actor->id);
}

gboolean
anju_customer_may_see_personal (const AnjuUser *reader,
                                const char     *owner_id)
{
  return anju_customer_may_reveal (reader, owner_id);
}

/* anju_customer_may_edit(), as a refusal. */
static gboolean
check_may_edit (AnjuCommandContext  *ctx,
                StoredCustomer      *stored,
                GError             **error)
{
  if (anju_customer_may_edit (anju_command_context_get_actor (ctx), stored->owner_id))
    return TRUE;
  anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "customer_id",
                       _("This customer belongs to another consultant. Ask a manager to hand the customer over first."));
  return FALSE;
}

static gboolean
apply_customer_update (AnjuCommandContext  *ctx,
                       JsonObject          *payload,
                       GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_auto(StoredCustomer) stored = { 0 };
  const char *id, *name = NULL, *title = NULL, *mobile_text = NULL, *id_text = NULL;
  const char *segment = NULL, *source = NULL;
  g_autofree char *mobile = NULL, *id_number = NULL, *profile_text = NULL, *current_source = NULL;
  g_autofree char *current_segment = NULL, *trimmed_name = NULL;
  g_autoptr(JsonNode) profile_node = NULL;
  JsonObject *changes = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "customer_id", TRUE, &id, error) ||
      !load_stored (store, id, &stored, error) ||
      !check_may_edit (ctx, &stored, error))
    return FALSE;
  if (!anju_payload_get_string (payload, "name", FALSE, &name, error) ||
      !anju_payload_get_string (payload, "title", FALSE, &title, error) ||
      !anju_payload_get_string (payload, "mobile", FALSE, &mobile_text, error) ||
      !anju_payload_get_string (payload, "id_number", FALSE, &id_text, error) ||
      !anju_payload_get_object (payload, "profile", FALSE, &changes, error))
    return FALSE;
  if (name != NULL && anju_text_is_blank (name))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "name",
                           _("The name cannot be empty."));
      return FALSE;
    }
  if (name != NULL && !check_name (name, error))
    return FALSE;
  trimmed_name = g_strdup (name);
  if (mobile_text != NULL && *mobile_text != '\0' &&
      !check_mobile (store, mobile_text, id, &mobile, error))
    return FALSE;
  if (id_text != NULL && *id_text != '\0' && !check_id_number (ctx, id_text, &id_number, error))
    return FALSE;
  if (changes != NULL && !anju_profile_validate (changes, error))
    return FALSE;

  /* Progressive profile: merge, null removes. */
  if (changes != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (changes);
      for (GList *l = members; l; l = l->next)
        {
          JsonNode *value = json_object_get_member (changes, l->data);
          if (JSON_NODE_HOLDS_NULL (value))
            json_object_remove_member (stored.profile, l->data);
          else
            json_object_set_member (stored.profile, l->data, json_node_copy (value));
        }
    }

  stmt = anju_store_prepare (store, "SELECT segment, segment_source FROM customers WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      current_segment = anju_stmt_dup_text (stmt, 0);
      current_source = anju_stmt_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (!decide_segment (store, stored.project_id, payload, stored.profile, current_source,
                       current_segment, &segment, &source, error))
    return FALSE;

  profile_node = json_node_init_object (json_node_alloc (), stored.profile);
  profile_text = json_to_string (profile_node, FALSE);

  stmt = anju_store_prepare (store,
      "UPDATE customers SET name = coalesce(?2, name), title = CASE WHEN ?3 THEN ?4 ELSE title END, "
      "mobile = CASE WHEN ?5 THEN ?6 ELSE mobile END, "
      "id_number = CASE WHEN ?7 THEN ?8 ELSE id_number END, "
      "segment = ?9, segment_source = ?10, profile = ?11, updated_at = ?12 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, name ? g_strstrip (trimmed_name) : NULL);
  sqlite3_bind_int (stmt, 3, json_object_has_member (payload, "title"));
  anju_stmt_bind_text_or_null (stmt, 4, title);
  sqlite3_bind_int (stmt, 5, json_object_has_member (payload, "mobile"));
  anju_stmt_bind_text_or_null (stmt, 6, mobile);
  sqlite3_bind_int (stmt, 7, json_object_has_member (payload, "id_number"));
  anju_stmt_bind_text_or_null (stmt, 8, id_number);
  anju_stmt_bind_text_or_null (stmt, 9, segment);
  anju_stmt_bind_text_or_null (stmt, 10, source);
  sqlite3_bind_text (stmt, 11, profile_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "customers", id);

  {
    g_autoptr(GList) members = json_object_get_members (payload);
    g_autoptr(GString) what = g_string_new (NULL);
    for (GList *l = members; l; l = l->next)
      if (!g_str_equal (l->data, "customer_id"))
        g_string_append_printf (what, "%s%s", what->len ? ", " : "", (const char *)l->data);
    if (!anju_customer_add_event (ctx, id, "updated", _("Record updated"), what->str, error))
      return FALSE;
  }
  set_subject (ctx, id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "customer_id", id);
  if (segment)
    json_object_set_string_member (anju_command_context_get_result (ctx), "segment", segment);
  else
    json_object_set_null_member (anju_command_context_get_result (ctx), "segment");
  return TRUE;
}

static gboolean
apply_customer_assign (AnjuCommandContext  *ctx,
                       JsonObject          *payload,
                       GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_auto(StoredCustomer) stored = { 0 };
  g_autoptr(AnjuUser) owner = NULL;
  g_autofree char *summary = NULL;
  const char *id, *owner_id;
  sqlite3_stmt *stmt;

  if (!anju_payload_get_string (payload, "customer_id", TRUE, &id, error) ||
      !anju_payload_get_string (payload, "owner_id", TRUE, &owner_id, error) ||
      !load_stored (store, id, &stored, error) ||
      !check_user (store, "owner_id", owner_id, TRUE, error))
    return FALSE;
  /* Decided against the owner the manager saw: when several hand the same
   * customer over at once, the first wins and the others learn to whom. */
  if (json_object_has_member (payload, "expected_owner_id"))
    {
      const char *expected = NULL;

      if (!anju_payload_get_string (payload, "expected_owner_id", FALSE, &expected, error))
        return FALSE;
      if (g_strcmp0 (stored.owner_id, expected) != 0)
        {
          g_autoptr(AnjuUser) current = stored.owner_id ? anju_user_lookup (store, stored.owner_id) : NULL;

          if (current != NULL)
            anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "expected_owner_id",
                                 _("The customer has meanwhile been handed to %s. Look at the customer again before you decide."),
                                 current->display_name);
          else
            anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "expected_owner_id",
                                 _("The customer has meanwhile lost their consultant. Look at the customer again before you decide."));
          return FALSE;
        }
    }
  if (g_strcmp0 (stored.owner_id, owner_id) == 0)
    {
      owner = anju_user_lookup (store, owner_id);
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, "owner_id",
                           _("The customer already belongs to %s."), owner->display_name);
      return FALSE;
    }
  owner = anju_user_lookup (store, owner_id);
  stmt = anju_store_prepare (store,
      "UPDATE customers SET owner_id = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "customers", id);
  summary = g_strdup_printf (_("Handed over to %s"), owner->display_name);
  if (!anju_customer_add_event (ctx, id, "assigned", summary, NULL, error))
    return FALSE;
  set_subject (ctx, id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "customer_id", id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "owner_id", owner_id);
  return TRUE;
}

static gboolean
apply_customer_reveal (AnjuCommandContext  *ctx,
                       JsonObject          *payload,
                       GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  const AnjuUser *actor = anju_command_context_get_actor (ctx);
  g_auto(StoredCustomer) stored = { 0 };
  const char *id, *field;
  g_autofree char *subject = NULL;

  if (!anju_payload_get_string (payload, "customer_id", TRUE, &id, error) ||
      !anju_payload_get_string (payload, "field", TRUE, &field, error) ||
      !load_stored (store, id, &stored, error))
    return FALSE;
  if (!g_str_equal (field, "mobile") && !g_str_equal (field, "id_number"))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "field",
                           _("Only “mobile” and “id_number” can be revealed."));
      return FALSE;
    }
  if (!anju_customer_may_reveal (actor, stored.owner_id))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_FORBIDDEN, "customer_id",
                           _("Only the customer's own consultant or a manager may see the full number."));
      return FALSE;
    }
  if ((g_str_equal (field, "mobile") && stored.mobile == NULL) ||
      (g_str_equal (field, "id_number") && stored.id_number == NULL))
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_NOT_FOUND, "field",
                           _("The customer has no such number on file."));
      return FALSE;
    }
  /* The audit entry written by the dispatcher is the point of this command;
   * the value itself stays out of results and the change feed. */
  subject = g_strdup_printf ("customer:%s:%s", id, field);
  anju_command_context_set_subject (ctx, subject);
  json_object_set_string_member (anju_command_context_get_result (ctx), "customer_id", id);
  return TRUE;
}

static gboolean
apply_customer_note (AnjuCommandContext  *ctx,
                     JsonObject          *payload,
                     GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  g_auto(StoredCustomer) stored = { 0 };
  const char *id, *text;

  if (!anju_payload_get_string (payload, "customer_id", TRUE, &id, error) ||
      !anju_payload_get_string (payload, "text", TRUE, &text, error) ||
      !load_stored (store, id, &stored, error) ||
      !check_may_edit (ctx, &stored, error))
    return FALSE;
  if (g_utf8_strlen (text, -1) > 2000)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "text",
                           _("A note can have at most 2,000 characters."));
      return FALSE;
    }
  if (!anju_customer_add_event (ctx, id, "note", text, NULL, error))
    return FALSE;
  set_subject (ctx, id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "customer_id", id);
  return TRUE;
}

/* customer.correct_identity: a mobile or ID number entered wrongly is
 * corrected by the customer's consultant or a manager, checked like a new
 * one, and audited with the value it replaces — masked, in the audit entry
 * and on the timeline alike, so neither shows a whole number to anyone. */

typedef struct
{
  const char *id;
  const char *mobile_text;
  const char *id_text;
  const char *reason;
} CorrectPayload;

static gboolean
read_correct_payload (JsonObject      *payload,
                      CorrectPayload  *out,
                      GError         **error)
{
  gboolean ok = TRUE;

  if (!anju_payload_get_string (payload, "customer_id", TRUE, &out->id, error))
    return FALSE;
  out->mobile_text = optional_text (payload, "mobile", &ok, error);
  out->id_text = optional_text (payload, "id_number", &ok, error);
  out->reason = optional_text (payload, "reason", &ok, error);
  if (!ok)
    return FALSE;
  if (out->mobile_text == NULL && out->id_text == NULL)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_MISSING_FIELD, "mobile",
                           _("Enter the correct mobile number or ID number."));
      return FALSE;
    }
  if (out->reason != NULL && g_utf8_strlen (out->reason, -1) > 200)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_INVALID_FIELD, "reason",
                           _("The reason can have at most 200 characters."));
      return FALSE;
    }
  return TRUE;
}

/* The corrected value, checked and normalized; refused when it is what is
 * on file already. */
static gboolean
check_correction (AnjuCommandContext  *ctx,
                  const char          *customer_id,
                  const char          *field,
                  const char          *text,
                  const char          *stored,
                  char               **normal,
                  GError             **error)
{
  gboolean mobile = g_str_equal (field, "mobile");

  if (text == NULL)
    return TRUE;
  if (mobile ? !check_mobile (anju_command_context_get_store (ctx), text, customer_id, normal, error)
             : !check_id_number (ctx, text, normal, error))
    return FALSE;
  if (g_strcmp0 (*normal, stored) == 0)
    {
      anju_command_reject (error, ANJU_COMMAND_ERROR_CONFLICT, field,
                           mobile ? _("This is already the customer's mobile number; nothing to correct.")
                                  : _("This is already the customer's ID number; nothing to correct."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_identity (AnjuCommandContext  *ctx,
                const char          *id,
                const char          *mobile,
                const char          *id_number,
                GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "UPDATE customers SET mobile = coalesce(?2, mobile), id_number = coalesce(?3, id_number), "
      "updated_at = ?4 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  anju_stmt_bind_text_or_null (stmt, 2, mobile);
  anju_stmt_bind_text_or_null (stmt, 3, id_number);
  sqlite3_bind_text (stmt, 4, anju_command_context_get_now_string (ctx), -1, SQLITE_TRANSIENT);
  if (!anju_store_step_done (store, stmt, error))
    return FALSE;
  anju_command_context_touch (ctx, "customers", id);
  return TRUE;
}

/* "138****5678 → 139****1234" for the timeline; "none" when there was none. */
static char *
dup_change_text (const char *label,
                 const char *before,
                 const char *after,
                 gboolean    mobile)
{
  g_autofree char *old_masked = before == NULL ? g_strdup (_("none"))
                                : mobile ? anju_mobile_mask (before) : anju_id_number_mask (before);
  g_autofree char *new_masked = mobile ? anju_mobile_mask (after) : anju_id_number_mask (after);

  /* Translators: what was corrected, the old and the new value, masked */
  return g_strdup_printf (_("%s corrected: %s → %s"), label, old_masked, new_masked);
}

static gboolean
audit_correction (AnjuCommandContext    *ctx,
                  const CorrectPayload  *p,
                  const StoredCustomer  *stored,
                  const char            *mobile,
                  const char            *id_number,
                  GError               **error)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  /* The values replaced and the new ones, normalized, go into the audit
   * entry, which masks them. */
  if (mobile != NULL)
    {
      g_autofree char *change = dup_change_text (_("Mobile"), stored->mobile, mobile, TRUE);

      anju_command_context_add_audit (ctx, "previous_mobile",
                                      stored->mobile ? json_node_init_string (json_node_alloc (), stored->mobile)
                                                     : NULL);
      anju_command_context_add_audit (ctx, "mobile", json_node_init_string (json_node_alloc (), mobile));
      g_string_append (summary, change);
    }
  if (id_number != NULL)
    {
      g_autofree char *change = dup_change_text (_("ID number"), stored->id_number, id_number, FALSE);

      anju_command_context_add_audit (ctx, "previous_id_number",
                                      stored->id_number ? json_node_init_string (json_node_alloc (), stored->id_number)
                                                        : NULL);
      anju_command_context_add_audit (ctx, "id_number", json_node_init_string (json_node_alloc (), id_number));
      g_string_append_printf (summary, "%s%s", summary->len ? _("; ") : "", change);
    }
  return anju_customer_add_event (ctx, p->id, "corrected", summary->str, p->reason, error);
}

static gboolean
apply_customer_correct_identity (AnjuCommandContext  *ctx,
                                 JsonObject          *payload,
                                 GError             **error)
{
  AnjuStore *store = anju_command_context_get_store (ctx);
  CorrectPayload p = { 0 };
  g_auto(StoredCustomer) stored = { 0 };
  g_autofree char *mobile = NULL, *id_number = NULL;

  if (!read_correct_payload (payload, &p, error) ||
      !load_stored (store, p.id, &stored, error) ||
      !check_may_edit (ctx, &stored, error) ||
      !check_correction (ctx, p.id, "mobile", p.mobile_text, stored.mobile, &mobile, error) ||
      !check_correction (ctx, p.id, "id_number", p.id_text, stored.id_number, &id_number, error))
    return FALSE;
  if (!write_identity (ctx, p.id, mobile, id_number, error) ||
      !audit_correction (ctx, &p, &stored, mobile, id_number, error))
    return FALSE;
  set_subject (ctx, p.id);
  json_object_set_string_member (anju_command_context_get_result (ctx), "customer_id", p.id);
  return TRUE;
}

static const AnjuCommandSpec customer_commands[] = {
  { "customer.create", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_customer_create,
    "customer_id:string? name:string title:string? mobile:string? id_number:string? "
    "owner_id:string? project_id:string? segment:string? profile:object?" },
  { "customer.update", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_customer_update,
    "customer_id:string name:string? title:string? mobile:string? id_number:string? "
    "segment:string? profile:object?" },
  { "customer.assign", ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_customer_assign,
    "customer_id:string owner_id:string expected_owner_id:string?" },
  /* Decided and audited by the server when the desk is connected. */
  { "customer.reveal", ANJU_ROLES_ALL, ANJU_COMMAND_FLAG_OFFICE_DECISION, apply_customer_reveal,
    "customer_id:string field:string" },
  { "customer.note", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_customer_note,
    "customer_id:string text:string" },
  { "customer.correct_identity", ANJU_ROLE_CONSULTANT | ANJU_ROLE_MANAGER | ANJU_ROLE_ADMIN,
    ANJU_COMMAND_FLAG_NONE, apply_customer_correct_identity,
    "customer_id:string mobile:string? id_number:string? reason:string?" },
};

/* What screens subscribe to (anju_topic_declare()). */
static const char * const customers_topic_tables[] = { "customers", "customer_events",
                                                        "customer_search", NULL };

void
anju_customers_register_commands (void)
{
  anju_topic_declare ("customers", customers_topic_tables);
  anju_commands_register (customer_commands, G_N_ELEMENTS (customer_commands));
}
