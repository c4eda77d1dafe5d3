/* test-sync-race.c — twenty desks take the same customer at once
 *
 * Twenty managers, each signed in on their own connection, hand the same
 * customer to twenty different consultants at the same moment, each
 * against the owner they saw. The server decides: exactly one wins, and
 * every other one is told who has the customer now.
 */
#include "anju-command.h"
#include "anju-test-server.h"

#define N_CLIENTS 20
#define CUSTOMER  "eeeeeeee-0000-4000-8000-000000000001"

typedef struct
{
  const char *url;
  const char *username;
  const char *owner_id;
  const char *expected_owner_id;
  GMutex     *lock;
  GCond      *cond;
  guint      *ready;
  guint       status;
  JsonObject *answer;
} Client;

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *login = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                            client->username, ANJU_TEST_PASSWORD);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf (
      "{\"commands\":[{\"id\":\"%s\",\"type\":\"customer.assign\",\"payload\":"
      "{\"customer_id\":\"%s\",\"owner_id\":\"%s\",\"expected_owner_id\":\"%s\"}}]}",
      id, CUSTOMER, client->owner_id, client->expected_owner_id);
  g_autoptr(GBytes) login_bytes = g_bytes_new (login, strlen (login));
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(JsonObject) signed_in = NULL;
  g_autoptr(JsonObject) reply = NULL;
  const char *token;

  g_assert_cmpuint (anju_test_http_full (session, client->url, "POST", "/api/v1/login", NULL,
                                         login_bytes, &signed_in), ==, 200);
  token = json_object_get_string_member (signed_in, "token");

  /* Everyone signed in, then all at once. */
  anju_test_start_line (client->lock, client->cond, client->ready, N_CLIENTS);

  client->status = anju_test_http_full (session, client->url, "POST", "/api/v1/commands", token, bytes, &reply);
  client->answer = json_object_ref (json_array_get_object_element (json_object_get_array_member (reply, "results"), 0));
  return NULL;
}

static void
test_ownership_race (void)
{
  g_autoptr(AnjuTestServer) server = anju_test_server_new ();
  g_autoptr(AnjuStore) office = anju_test_server_open_store (server);
  g_autoptr(AnjuUser) first = anju_test_add_user_fast (office, "gu", "顾问甲", ANJU_ROLE_CONSULTANT);
  g_autoptr(GPtrArray) managers = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_user_free);
  g_autoptr(GPtrArray) consultants = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_user_free);
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(GError) error = NULL;
  Client clients[N_CLIENTS] = { 0 };
  GThread *threads[N_CLIENTS];
  GMutex lock;
  GCond cond;
  guint ready = 0, winners = 0;
  const char *winner_name = NULL, *winner_id = NULL;

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *m = g_strdup_printf ("m%02u", i);
      g_autofree char *m_name = g_strdup_printf ("经理%02u", i);
      g_autofree char *c = g_strdup_printf ("c%02u", i);
      g_autofree char *c_name = g_strdup_printf ("顾问%02u号", i);

      g_ptr_array_add (managers, anju_test_add_user_fast (office, m, m_name, ANJU_ROLE_MANAGER));
      g_ptr_array_add (consultants, anju_test_add_user_fast (office, c, c_name, ANJU_ROLE_CONSULTANT));
    }
  json_object_set_string_member (payload, "customer_id", CUSTOMER);
  json_object_set_string_member (payload, "name", "抢手客户");
  json_object_set_string_member (payload, "owner_id", first->id);
  created = anju_command_run (office, anju_user_get_system (), "customer.create", payload, &error);
  g_assert_no_error (error);
  anju_test_server_start (server);

  g_mutex_init (&lock);
  g_cond_init (&cond);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      clients[i].url = server->url;
      clients[i].username = ((AnjuUser *)g_ptr_array_index (managers, i))->username;
      clients[i].owner_id = ((AnjuUser *)g_ptr_array_index (consultants, i))->id;
      clients[i].expected_owner_id = first->id;
      clients[i].lock = &lock;
      clients[i].cond = &cond;
      clients[i].ready = &ready;
      threads[i] = g_thread_new ("client", client_thread, &clients[i]);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_assert_cmpuint (clients[i].status, ==, 200);
      if (g_str_equal (json_object_get_string_member (clients[i].answer, "status"), "applied"))
        {
          winners++;
          winner_id = clients[i].owner_id;
          winner_name = ((AnjuUser *)g_ptr_array_index (consultants, i))->display_name;
        }
    }
  g_assert_cmpuint (winners, ==, 1);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      JsonObject *answer = clients[i].answer;

      if (g_str_equal (json_object_get_string_member (answer, "status"), "applied"))
        continue;
      g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "rejected");
      g_assert_cmpstr (json_object_get_string_member (answer, "code"), ==, "conflict");
      g_assert_cmpstr (json_object_get_string_member (answer, "field"), ==, "expected_owner_id");
      /* The loser learns who has the customer now. */
      g_assert_nonnull (strstr (json_object_get_string_member (answer, "message"), winner_name));
    }
  {
    g_autoptr(JsonObject) row = anju_store_dup_row (office, "customers", CUSTOMER, NULL);
    g_assert_cmpstr (json_object_get_string_member (row, "owner_id"), ==, winner_id);
  }
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM customer_events WHERE kind = 'assigned'"), ==, 1);
  g_assert_cmpint (anju_test_count (office, "SELECT count(*) FROM applied_commands WHERE type = 'customer.assign' "
                                    "AND result LIKE '%\"rejected\"%'"), ==, N_CLIENTS - 1);

  for (guint i = 0; i < N_CLIENTS; i++)
    json_object_unref (clients[i].answer);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();

  g_test_add_func ("/sync/race/ownership", test_ownership_race);
  return g_test_run ();
}
