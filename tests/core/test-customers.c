/* test-customers.c — records, search, ownership, reveal, profile, segment */
#include "anju-customers.h"
#include "anju-ident.h"
#include "anju-projects.h"
#include "anju-search.h"
#include "anju-segmentation.h"
#include "anju-test-util.h"

typedef struct
{
  AnjuTestClock  clock;
  char          *dir;
  AnjuStore     *store;
  AnjuUser      *lina;
  AnjuUser      *wang;
  AnjuUser      *manager;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now = anju_test_time ("2026-11-26T02:00:00Z");
  f->store = anju_test_store_new (&f->clock, &f->dir);
  anju_test_set_step (f->store, G_USEC_PER_SEC);
  f->lina = anju_test_add_user (f->store, "lina", "李娜", ANJU_ROLE_CONSULTANT);
  f->wang = anju_test_add_user (f->store, "wanglei", "王磊", ANJU_ROLE_CONSULTANT);
  f->manager = anju_test_add_user (f->store, "zhangwei", "张伟", ANJU_ROLE_MANAGER);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anju_user_free (f->lina);
  anju_user_free (f->wang);
  anju_user_free (f->manager);
  g_clear_object (&f->store);
  anju_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Each command through these moves the clock a second on (anju_test_set_step()):
 * distinct updated_at, stable order. */
#define create(f, actor, json) \
  anju_test_run_id ((f)->store, (actor), "customer.create", (json), "customer_id")
#define run(f, actor, type, json, error) \
  anju_test_run_applied ((f)->store, (actor), (type), (json), (error))

static void
seed (Fixture *f)
{
  g_free (create (f, f->lina, "{\"name\": \"王芳\", \"title\": \"女士\", \"mobile\": \"13812345678\", "
                              "\"id_number\": \"11010519491231002X\"}"));
  g_free (create (f, f->lina, "{\"name\": \"王建国\", \"title\": \"先生\", \"mobile\": \"13812340000\"}"));
  g_free (create (f, f->wang, "{\"name\": \"李晓明\", \"title\": \"先生\", \"mobile\": \"13998765432\", "
                              "\"id_number\": \"44030419900307123x\"}"));
  g_free (create (f, f->wang, "{\"name\": \"陈芳芳\", \"mobile\": \"15000000001\"}"));
}

static guint
search (Fixture    *f,
        const char *text,
        const char *owner_id,
        char      **first_name)
{
  AnjuCustomerQuery query = { text, owner_id };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = anju_customers_fetch (f->store, &query, 0, 50, &error);
  gint64 count = anju_customers_count (f->store, &query, &error);

  g_assert_no_error (error);
  g_assert_cmpint (count, ==, rows->len);
  if (first_name)
    *first_name = rows->len ? g_strdup (((AnjuCustomerSummary *)rows->pdata[0])->name) : NULL;
  return rows->len;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *first = NULL;

  seed (f);
  g_assert_cmpuint (search (f, "", NULL, &first), ==, 4);
  g_assert_cmpstr (first, ==, "陈芳芳");           /* most recently updated first */
  g_clear_pointer (&first, g_free);
  g_assert_cmpuint (search (f, "王", NULL, NULL), ==, 2);
  g_assert_cmpuint (search (f, "芳", NULL, NULL), ==, 2);
  g_assert_cmpuint (search (f, "建国", NULL, &first), ==, 1);
  g_assert_cmpstr (first, ==, "王建国");
  g_clear_pointer (&first, g_free);
  /* mobile prefix */
  g_assert_cmpuint (search (f, "1381234", NULL, NULL), ==, 2);
  g_assert_cmpuint (search (f, "138 1234 5678", NULL, &first), ==, 1);
  g_assert_cmpstr (first, ==, "王芳");
  g_clear_pointer (&first, g_free);
  g_assert_cmpuint (search (f, "+86 139 9876 5432", NULL, &first), ==, 1);
  g_assert_cmpstr (first, ==, "李晓明");
  g_clear_pointer (&first, g_free);
  /* ID number, whole and prefix; stored normalized with a capital X */
  g_assert_cmpuint (search (f, "44030419900307123x", NULL, &first), ==, 1);
  g_assert_cmpstr (first, ==, "李晓明");
  g_clear_pointer (&first, g_free);
  g_assert_cmpuint (search (f, "110105", NULL, NULL), ==, 1);
  g_assert_cmpuint (search (f, "nobody", NULL, NULL), ==, 0);
  /* one consultant's customers */
  g_assert_cmpuint (search (f, "", f->lina->id, NULL), ==, 2);
  g_assert_cmpuint (search (f, "王", f->wang->id, NULL), ==, 0);
}

/* The search keys the index holds for customer @id: exactly its name's. */
static void
assert_indexed (Fixture    *f,
                const char *id,
                const char *name)
{
  g_autoptr(GPtrArray) keys = anju_search_keys (name);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customer_search s JOIN customers c "
                                          "ON c.id = s.customer_id AND c.updated_at = s.updated_at "
                                          "WHERE s.customer_id = '%s'", id);
  g_autofree char *all = g_strdup_printf ("SELECT count(*) FROM customer_search WHERE customer_id = '%s'",
                                          id);

  g_assert_cmpint (anju_store_count (f->store, sql), ==, keys->len);
  g_assert_cmpint (anju_store_count (f->store, all), ==, keys->len);
}

static void
test_search_keys (void)
{
  g_autoptr(GPtrArray) keys = anju_search_keys ("周子涵");
  g_autofree char *joined = NULL;

  g_ptr_array_add (keys, NULL);
  joined = g_strjoinv (" ", (char **)keys->pdata);
  g_assert_cmpstr (joined, ==, "周 周子 子 子涵 涵 z zz");
  g_assert_cmpstr (anju_search_pinyin_letters (g_utf8_get_char ("周")), ==, "z");
  /* 曾 is read céng and zēng (the surname): both letters */
  g_assert_cmpstr (anju_search_pinyin_letters (g_utf8_get_char ("曾")), ==, "cz");
  g_assert_null (anju_search_pinyin_letters ('a'));
  g_assert_true (anju_search_matches ("周子涵", "zzh"));
  g_assert_true (anju_search_matches ("周子涵", "zz"));
  g_assert_false (anju_search_matches ("周子涵", "zh"));   /* initials from the start */
  g_assert_false (anju_search_matches ("周子涵", "zzhx"));
  g_assert_true (anju_search_matches ("Anna Lee", "na l"));
}

static void
test_search_pinyin (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *zhou = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(GError) error = NULL;

  seed (f);
  zhou = create (f, f->lina, "{\"name\": \"周子涵\", \"mobile\": \"13700000001\"}");
  g_free (create (f, f->wang, "{\"name\": \"曾子豪\", \"mobile\": \"13700000002\"}"));
  g_free (create (f, f->lina, "{\"name\": \"张志华\", \"mobile\": \"13700000003\"}"));
  g_free (create (f, f->lina, "{\"name\": \"Anna Lee\", \"mobile\": \"13700000004\"}"));

  /* Pinyin initials, newest first: 张志华, 曾子豪 (zēng), 周子涵 */
  g_assert_cmpuint (search (f, "zzh", NULL, &first), ==, 3);
  g_assert_cmpstr (first, ==, "张志华");
  g_clear_pointer (&first, g_free);
  g_assert_cmpuint (search (f, "ZZH", NULL, NULL), ==, 3);
  g_assert_cmpuint (search (f, "zz", NULL, NULL), ==, 3);
  g_assert_cmpuint (search (f, "czh", NULL, &first), ==, 1);   /* céng */
  g_assert_cmpstr (first, ==, "曾子豪");
  g_clear_pointer (&first, g_free);
  g_assert_cmpuint (search (f, "wf", NULL, &first), ==, 1);
  g_assert_cmpstr (first, ==, "王芳");
  g_clear_pointer (&first, g_free);
  g_assert_cmpuint (search (f, "zzh", f->lina->id, NULL), ==, 2);
  g_assert_cmpuint (search (f, "zzhx", NULL, NULL), ==, 0);
  /* Name pieces of any length, Latin names in any case */
  g_assert_cmpuint (search (f, "子涵", NULL, NULL), ==, 1);
  g_assert_cmpuint (search (f, "周子涵", NULL, NULL), ==, 1);
  g_assert_cmpuint (search (f, "子", NULL, NULL), ==, 2);
  g_assert_cmpuint (search (f, "anna", NULL, &first), ==, 1);
  g_assert_cmpstr (first, ==, "Anna Lee");
  g_clear_pointer (&first, g_free);
  g_assert_cmpuint (search (f, "a l", NULL, NULL), ==, 1);
  assert_indexed (f, zhou, "周子涵");

  /* A new name: found by it, no longer by the old one, first in the list */
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"name\": \"周梓涵\"}", zhou);
  g_assert_true (run (f, f->lina, "customer.update", payload, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search (f, "子涵", NULL, NULL), ==, 0);
  g_assert_cmpuint (search (f, "梓涵", NULL, NULL), ==, 1);
  g_assert_cmpuint (search (f, "zzh", NULL, &first), ==, 3);
  g_assert_cmpstr (first, ==, "周梓涵");
  assert_indexed (f, zhou, "周梓涵");
}

/* A database from before the index (schema 7): migration 8 fills it. */
static void
test_search_migrated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("anju-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "anju.db", NULL);
  g_autoptr(AnjuStore) store = anju_store_open_at_version (path, 7, &error);
  AnjuCustomerQuery query = { "zzh", NULL };

  g_assert_no_error (error);
  g_assert_true (anju_store_exec (store,
      "INSERT INTO customers (id, name, created_at, updated_at) VALUES "
      "('c1', '周子涵', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), "
      "('c2', '张志华', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z'), "
      "('c3', '王芳', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z')", &error));
  g_assert_true (anju_store_migrate (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anju_customers_count (store, &query, &error), ==, 2);
  query.text = "芳";
  g_assert_cmpint (anju_customers_count (store, &query, &error), ==, 1);
  g_clear_object (&store);
  anju_test_remove_dir (dir);
}

static void
test_masked_lists (Fixture       *f,
                   gconstpointer  data)
{
  AnjuCustomerQuery query = { "王芳", NULL };
  g_autoptr(GPtrArray) rows = NULL;
  AnjuCustomerSummary *s;

  seed (f);
  rows = anju_customers_fetch (f->store, &query, 0, 10, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  s = rows->pdata[0];
  g_assert_cmpstr (s->mobile_masked, ==, "138****5678");
  g_assert_cmpstr (s->id_number_masked, ==, "110105********002X");
  g_assert_cmpstr (s->owner_name, ==, "李娜");
  g_assert_cmpstr (s->title, ==, "女士");
}

static void
test_known_mobile (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(JsonObject) payload = anju_test_json_object ("{\"name\": \"王芳二\", \"mobile\": \"0086-138-1234-5678\"}");
  g_autoptr(JsonObject) answer = NULL;

  seed (f);
  found = anju_customers_find_by_mobile (f->store, "+86 13812345678");
  g_assert_nonnull (found);
  before = anju_test_dump_database (f->store);
  answer = anju_command_run (f->store, f->wang, "customer.create", payload, &error);
  g_assert_null (answer);
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_DUPLICATE);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "mobile");
  g_assert_nonnull (strstr (error->message, "王芳"));
  g_assert_nonnull (strstr (error->message, "李娜"));
  g_assert_null (strstr (error->message, "13812345678"));
  after = anju_test_dump_database (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (anju_customers_find_by_mobile (f->store, "13700000000"));
}

static void
test_ownership (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = create (f, f->lina, "{\"name\": \"王芳\"}");
  g_autofree char *payload = NULL;
  g_autoptr(AnjuCustomer) c = NULL;
  g_autoptr(GPtrArray) events = NULL;

  /* a consultant cannot hand over a customer, not even their own */
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"owner_id\": \"%s\"}", id, f->wang->id);
  g_assert_false (run (f, f->lina, "customer.assign", payload, &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_FORBIDDEN);
  g_clear_error (&error);
  /* another consultant cannot edit it */
  g_clear_pointer (&payload, g_free);
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"title\": \"女士\"}", id);
  g_assert_false (run (f, f->wang, "customer.update", payload, &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_FORBIDDEN);
  g_clear_error (&error);
  /* the manager reassigns */
  g_clear_pointer (&payload, g_free);
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"owner_id\": \"%s\"}", id, f->wang->id);
  g_assert_true (run (f, f->manager, "customer.assign", payload, &error));
  g_assert_no_error (error);
  c = anju_customer_load (f->store, id, &error);
  g_assert_cmpstr (c->summary.owner_name, ==, "王磊");
  /* now the new owner may edit */
  g_clear_pointer (&payload, g_free);
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"title\": \"女士\"}", id);
  g_assert_true (run (f, f->wang, "customer.update", payload, &error));
  g_assert_no_error (error);
  /* assigning to the current owner is refused */
  g_clear_pointer (&payload, g_free);
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"owner_id\": \"%s\"}", id, f->wang->id);
  g_assert_false (run (f, f->manager, "customer.assign", payload, &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_CONFLICT);
  g_clear_error (&error);

  /* the timeline, newest first */
  events = anju_customer_list_events (f->store, id, &error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (((AnjuCustomerEvent *)events->pdata[0])->kind, ==, "updated");
  g_assert_cmpstr (((AnjuCustomerEvent *)events->pdata[1])->kind, ==, "assigned");
  g_assert_cmpstr (((AnjuCustomerEvent *)events->pdata[1])->summary, ==, "Handed over to 王磊");
  g_assert_cmpstr (((AnjuCustomerEvent *)events->pdata[2])->kind, ==, "created");
}

static void
test_reveal_audited (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = create (f, f->lina, "{\"name\": \"王芳\", \"mobile\": \"13812345678\", "
                                            "\"id_number\": \"11010519491231002X\"}");
  g_autofree char *payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"field\": \"id_number\"}", id);
  g_autofree char *value = NULL;
  g_autofree char *subject = g_strdup_printf ("customer:%s:id_number", id);
  sqlite3_stmt *stmt;

  /* another consultant may not see it, and the refusal leaves no trace */
  g_assert_false (run (f, f->wang, "customer.reveal", payload, &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_cmpint (anju_store_count (f->store, "SELECT count(*) FROM audit WHERE action = 'customer.reveal'"), ==, 0);

  g_assert_true (run (f, f->lina, "customer.reveal", payload, &error));
  g_assert_true (run (f, f->manager, "customer.reveal", payload, &error));
  g_assert_no_error (error);
  stmt = anju_store_prepare (f->store,
      "SELECT count(*) FROM audit WHERE action = 'customer.reveal' AND subject = ?", NULL);
  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  sqlite3_reset (stmt);
  /* the whole value never enters the feed or the stored answers */
  g_assert_cmpint (anju_store_count (f->store,
      "SELECT count(*) FROM applied_commands WHERE type = 'customer.reveal' AND result LIKE '%11010519491231002X%'"), ==, 0);
  value = anju_customer_dup_secret (f->store, id, "id_number");
  g_assert_cmpstr (value, ==, "11010519491231002X");
}

static void
test_profile_and_segment (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = create (f, f->lina, "{\"name\": \"王芳\", \"profile\": {\"age_band\": \"25_34\"}}");
  g_autofree char *payload = NULL;
  g_autoptr(AnjuCustomer) c = NULL;
  AnjuSegmentModel *model = anju_segment_model_lookup ("vanke");
  g_autoptr(JsonObject) profile = NULL;
  const char *expected;
  const char *other = NULL;

  g_assert_nonnull (model);
  /* progressive: later facts merge into what is there */
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"profile\": {\"life_stage\": \"family_young_children\", "
                             "\"income_band\": \"medium\", \"children\": 1, \"values\": \"education\"}}", id);
  g_assert_true (run (f, f->lina, "customer.update", payload, &error));
  g_assert_no_error (error);
  c = anju_customer_load (f->store, id, &error);
  g_assert_cmpstr (json_object_get_string_member (c->profile, "age_band"), ==, "25_34");
  g_assert_cmpstr (json_object_get_string_member (c->profile, "life_stage"), ==, "family_young_children");
  g_assert_cmpint (json_object_get_int_member (c->profile, "children"), ==, 1);

  /* the model's suggestion for that profile is what the record carries */
  expected = anju_segment_model_suggest (model, c->profile);
  g_assert_nonnull (expected);
  g_assert_cmpstr (c->summary.segment, ==, expected);
  g_assert_cmpstr (c->summary.segment_source, ==, "suggested");

  /* the consultant overrides with another segment of the model */
  for (guint i = 0; i < anju_segment_model_get_n_segments (model); i++)
    if (g_strcmp0 (anju_segment_model_get_segment_id (model, i), expected) != 0)
      {
        other = anju_segment_model_get_segment_id (model, i);
        break;
      }
  g_clear_pointer (&payload, g_free);
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"segment\": \"%s\"}", id, other);
  g_assert_true (run (f, f->lina, "customer.update", payload, &error));
  g_clear_pointer (&c, anju_customer_free);
  c = anju_customer_load (f->store, id, &error);
  g_assert_cmpstr (c->summary.segment, ==, other);
  g_assert_cmpstr (c->summary.segment_source, ==, "manual");

  /* a later profile change keeps the override */
  g_clear_pointer (&payload, g_free);
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"profile\": {\"age_band\": null}}", id);
  g_assert_true (run (f, f->lina, "customer.update", payload, &error));
  g_clear_pointer (&c, anju_customer_free);
  c = anju_customer_load (f->store, id, &error);
  g_assert_false (json_object_has_member (c->profile, "age_band"));
  g_assert_cmpstr (c->summary.segment, ==, other);

  /* null returns to the suggestion */
  g_clear_pointer (&payload, g_free);
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"segment\": null}", id);
  g_assert_true (run (f, f->lina, "customer.update", payload, &error));
  g_clear_pointer (&c, anju_customer_free);
  c = anju_customer_load (f->store, id, &error);
  g_assert_cmpstr (c->summary.segment, ==, expected);
  g_assert_cmpstr (c->summary.segment_source, ==, "suggested");

  /* an unknown segment is refused */
  g_clear_pointer (&payload, g_free);
  payload = g_strdup_printf ("{\"customer_id\": \"%s\", \"segment\": \"no-such-segment\"}", id);
  g_assert_false (run (f, f->lina, "customer.update", payload, &error));
  g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_INVALID_FIELD);
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "segment");
}

/* What the predicates allow is applied, what they forbid is refused and
 * changes nothing — for each role, on one's own and another's customer. */
static void
test_may_matches_handlers (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AnjuUser) admin = anju_test_add_user (f->store, "it", "IT", ANJU_ROLE_ADMIN);
  g_autoptr(AnjuUser) finance = anju_test_add_user (f->store, "chenjing", "陈静", ANJU_ROLE_FINANCE);
  g_autofree char *id = create (f, f->lina, "{\"name\": \"王芳\", \"mobile\": \"13812345678\", "
                                            "\"id_number\": \"11010519491231002X\"}");
  const AnjuUser *people[] = { f->lina, f->wang, f->manager, admin, finance };
  const gboolean may_edit[] = { TRUE, FALSE, TRUE, TRUE, FALSE };
  const gboolean may_reveal[] = { TRUE, FALSE, TRUE, TRUE, FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      const AnjuUser *who = people[i];
      g_autofree char *update = g_strdup_printf ("{\"customer_id\": \"%s\", \"title\": \"女士%u\"}", id, i);
      g_autofree char *note = g_strdup_printf ("{\"customer_id\": \"%s\", \"text\": \"note %u\"}", id, i);
      g_autofree char *reveal = g_strdup_printf ("{\"customer_id\": \"%s\", \"field\": \"mobile\"}", id);
      g_autofree char *correct = g_strdup_printf ("{\"customer_id\": \"%s\", \"mobile\": \"1391234000%u\"}",
                                                  id, i);
      struct { const char *type; const char *payload; gboolean allowed; } actions[] = {
        { "customer.update", update, may_edit[i] },
        { "customer.note", note, may_edit[i] },
        { "customer.reveal", reveal, may_reveal[i] },
        { "customer.correct_identity", correct, may_edit[i] },
      };

      g_test_message ("%s", who->username);
      g_assert_cmpint (anju_customer_may_edit (who, f->lina->id), ==, may_edit[i]);
      g_assert_cmpint (anju_customer_may_reveal (who, f->lina->id), ==, may_reveal[i]);
      for (guint j = 0; j < G_N_ELEMENTS (actions); j++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *before = anju_test_dump_database (f->store);
          g_autofree char *after = NULL;
          gboolean applied = run (f, who, actions[j].type, actions[j].payload, &error);

          g_test_message ("%s %s", who->username, actions[j].type);
          g_assert_cmpint (applied, ==, actions[j].allowed);
          if (applied)
            continue;
          g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_FORBIDDEN);
          after = anju_test_dump_database (f->store);
          g_assert_cmpstr (before, ==, after);
        }
    }
  /* Nobody but a manager or an admin may change a customer nobody owns;
   * finance never sees a number, not even with no owner. */
  g_assert_false (anju_customer_may_edit (f->lina, NULL));
  g_assert_true (anju_customer_may_edit (f->manager, NULL));
  g_assert_false (anju_customer_may_reveal (finance, NULL));
  g_assert_false (anju_customer_may_reveal (finance, finance->id));
}

/* A mobile or ID number entered wrongly is corrected by the owner or a
 * manager, checked, and audited with the old and the new value — masked. */
static void
test_correct_identity (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AnjuUser) finance = anju_test_add_user (f->store, "chenjing", "陈静", ANJU_ROLE_FINANCE);
  g_autofree char *id = create (f, f->lina, "{\"name\": \"王芳\", \"mobile\": \"13812345678\", "
                                            "\"id_number\": \"11010519491231002X\"}");
  g_autofree char *other = create (f, f->wang, "{\"name\": \"李晓明\", \"mobile\": \"13998765432\"}");
  g_autofree char *json = NULL, *message = NULL, *value = NULL, *detail = NULL, *actor = NULL, *at = NULL;
  g_autofree char *old_masked = anju_mobile_mask ("13812345678");
  g_autofree char *new_masked = anju_mobile_mask ("13987654321");
  g_autofree char *expected = NULL;
  g_autoptr(JsonObject) r = NULL;
  g_autoptr(GPtrArray) events = NULL;
  AnjuCustomerEvent *event;
  sqlite3_stmt *stmt;

#define CORRECT(fmt) (g_free (json), json = g_strdup_printf (fmt, id))
  /* Who may: what anju_customer_may_edit() says. */
  CORRECT ("{\"customer_id\": \"%s\", \"mobile\": \"13987654321\"}");
  g_free (anju_test_assert_refused (f->store, f->wang, "customer.correct_identity", json,
                                    ANJU_COMMAND_ERROR_FORBIDDEN, "customer_id"));
  g_free (anju_test_assert_refused (f->store, finance, "customer.correct_identity", json,
                                    ANJU_COMMAND_ERROR_FORBIDDEN, NULL));
  /* Checked like a new number. */
  CORRECT ("{\"customer_id\": \"%s\", \"mobile\": \"1398765\"}");
  g_free (anju_test_assert_refused (f->store, f->lina, "customer.correct_identity", json,
                                    ANJU_COMMAND_ERROR_INVALID_FIELD, "mobile"));
  CORRECT ("{\"customer_id\": \"%s\", \"mobile\": \"13998765432\"}");
  g_free (anju_test_assert_refused (f->store, f->lina, "customer.correct_identity", json,
                                    ANJU_COMMAND_ERROR_DUPLICATE, "mobile"));
  CORRECT ("{\"customer_id\": \"%s\", \"mobile\": \"138 1234 5678\"}");
  g_free (anju_test_assert_refused (f->store, f->lina, "customer.correct_identity", json,
                                    ANJU_COMMAND_ERROR_CONFLICT, "mobile"));
  CORRECT ("{\"customer_id\": \"%s\", \"id_number\": \"110105194912310021\"}");
  g_free (anju_test_assert_refused (f->store, f->lina, "customer.correct_identity", json,
                                    ANJU_COMMAND_ERROR_INVALID_FIELD, "id_number"));
  CORRECT ("{\"customer_id\": \"%s\", \"reason\": \"录错了\"}");
  message = anju_test_assert_refused (f->store, f->lina, "customer.correct_identity", json,
                                      ANJU_COMMAND_ERROR_MISSING_FIELD, "mobile");
  g_assert_cmpstr (message, ==, "Enter the correct mobile number or ID number.");

  /* The owner corrects the mobile. */
  CORRECT ("{\"customer_id\": \"%s\", \"mobile\": \"139 8765 4321\", \"reason\": \"客户报错号码\"}");
  r = anju_test_run_ok (f->store, f->lina, "customer.correct_identity", json);
  g_assert_cmpstr (json_object_get_string_member (r, "customer_id"), ==, id);
  value = anju_customer_dup_secret (f->store, id, "mobile");
  g_assert_cmpstr (value, ==, "13987654321");
  g_assert_null (anju_customers_find_by_mobile (f->store, "13812345678"));

  /* The timeline says what changed, masked, and why. */
  events = anju_customer_list_events (f->store, id, NULL);
  event = g_ptr_array_index (events, 0);
  expected = g_strdup_printf ("Mobile corrected: %s → %s", old_masked, new_masked);
  g_assert_cmpstr (event->kind, ==, "corrected");
  g_assert_cmpstr (event->summary, ==, expected);
  g_assert_cmpstr (event->actor_name, ==, "李娜");

  /* The audit entry: who, when, the old and the new value — masked. */
  stmt = anju_store_prepare (f->store,
      "SELECT actor_id, at, detail FROM audit WHERE action = 'customer.correct_identity'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  actor = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  at = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  detail = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  g_assert_cmpstr (actor, ==, f->lina->id);
  g_assert_nonnull (at);
  g_assert_nonnull (strstr (detail, old_masked));
  g_assert_nonnull (strstr (detail, new_masked));
  g_assert_null (strstr (detail, "13812345678"));
  g_assert_null (strstr (detail, "13987654321"));
  g_assert_null (strstr (detail, "8765 4321"));
  /* Nor in the command's result (the row itself travels as every
   * customer row does, filtered per reader by the feed). */
  g_assert_cmpint (anju_store_count (f->store,
      "SELECT count(*) FROM applied_commands WHERE type = 'customer.correct_identity' "
      "AND (json_extract (result, '$.result') LIKE '%13987654321%' "
      "     OR json_extract (result, '$.result') LIKE '%13812345678%')"), ==, 0);

  /* A manager corrects the ID number of anybody's customer. */
  g_clear_pointer (&r, json_object_unref);
  CORRECT ("{\"customer_id\": \"%s\", \"id_number\": \"44030419900307123x\"}");
  r = anju_test_run_ok (f->store, f->manager, "customer.correct_identity", json);
  g_free (value);
  value = anju_customer_dup_secret (f->store, id, "id_number");
  g_assert_cmpstr (value, ==, "44030419900307123X");
  g_assert_cmpint (anju_store_count (f->store,
      "SELECT count(*) FROM audit WHERE action = 'customer.correct_identity' "
      "AND (detail LIKE '%11010519491231002X%' OR detail LIKE '%44030419900307123%')"), ==, 0);
#undef CORRECT
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/customers/search", test_search);
  g_test_add_func ("/customers/search/keys", test_search_keys);
  ADD ("/customers/search/pinyin", test_search_pinyin);
  g_test_add_func ("/customers/search/migrated", test_search_migrated);
  ADD ("/customers/masked-lists", test_masked_lists);
  ADD ("/customers/known-mobile", test_known_mobile);
  ADD ("/customers/ownership", test_ownership);
  ADD ("/customers/reveal-audited", test_reveal_audited);
  ADD ("/customers/profile-and-segment", test_profile_and_segment);
  ADD ("/customers/may-matches-handlers", test_may_matches_handlers);
  ADD ("/customers/correct-identity", test_correct_identity);
  return g_test_run ();
}
