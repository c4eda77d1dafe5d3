/* test-fuzz.c — the command JSON reader and the CSV import against
 * mangled input
 *
 * A seeded random generator mutates the corpora in tests/fuzz/ (flipped
 * bits, inserted brackets, quotes, escapes, NUL and broken UTF-8, cut and
 * repeated pieces, two files spliced) and feeds every result to the
 * readers that take text from outside: anju_json_parse() with the command
 * envelope and admission after it, and the price-list CSV parser. Nothing
 * may crash (the sanitizer build runs this too), and what the strict
 * reader accepts must be what json-glib reads, with clean text only.
 *
 * Bounded: ANJU_FUZZ_SECONDS (default 6) per reader, or ANJU_FUZZ_RUNS
 * inputs, whichever ends first; ANJU_FUZZ_SEED repeats a run.
 */
#include "anju-command.h"
#include "anju-json.h"
#include "anju-price-lists.h"
#include "anju-test-util.h"

static GRand *rng;
static guint32 seed;

static GPtrArray *
load_corpus (const char *kind)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", kind, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *corpus = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      char *data;
      gsize size;

      g_assert_true (g_file_get_contents (path, &data, &size, NULL));
      g_ptr_array_add (corpus, g_bytes_new_take (data, size));
    }
  g_assert_cmpuint (corpus->len, >, 0);
  return corpus;
}

static const char * const tokens[] = {
  "[", "]", "{", "}", "\"", "\\", ",", ":", "'", "/*", "*/", "//", "\\u0000", "\\ud800",
  "\\udc00", "\\ud83d\\ude00", "\\u00", "\\x41", "\xff", "\xed\xa0\x80", "\xe4\xb8", "\0", "\r\n",
  "\n", "1e999999", "-0.0", "01", "NaN", "true", "nul", "\"\"", ",,", "\"type\":\"unit.hold\\u0000x\"",
  "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "=", "'=", "\"\"\"",
};

static void
insert_bytes (GByteArray   *data,
              guint         at,
              const guint8 *bytes,
              gsize         n)
{
  guint len = data->len;

  g_byte_array_set_size (data, len + n);
  memmove (data->data + at + n, data->data + at, len - at);
  memcpy (data->data + at, bytes, n);
}

/* One mutation of @data in place. */
static void
mutate (GByteArray *data,
        GPtrArray  *corpus)
{
  guint len = data->len;
  guint at = len ? g_rand_int_range (rng, 0, len) : 0;

  switch (g_rand_int_range (rng, 0, 7))
    {
    case 0:       /* flip a bit */
      if (len)
        data->data[at] ^= 1 << g_rand_int_range (rng, 0, 8);
      break;
    case 1:       /* insert a token */
      {
        const char *t = tokens[g_rand_int_range (rng, 0, G_N_ELEMENTS (tokens))];
        gsize n = *t ? strlen (t) : 1;

        insert_bytes (data, at, (const guint8 *)t, n);
      }
      break;
    case 2:       /* delete a piece */
      if (len)
        g_byte_array_remove_range (data, at, g_rand_int_range (rng, 0, MIN (len - at, 16) + 1));
      break;
    case 3:       /* repeat a piece */
      if (len && len < 64 * 1024)
        {
          guint n = g_rand_int_range (rng, 1, MIN (len - at, 32) + 1);
          g_autofree guint8 *piece = g_memdup2 (data->data + at, n);

          insert_bytes (data, at, piece, n);
        }
      break;
    case 4:       /* cut the end */
      g_byte_array_set_size (data, at);
      break;
    case 5:       /* a random byte */
      if (len)
        data->data[at] = g_rand_int_range (rng, 0, 256);
      break;
    default:      /* splice in part of another file */
      {
        GBytes *other = g_ptr_array_index (corpus, g_rand_int_range (rng, 0, corpus->len));
        gsize size;
        const guint8 *bytes = g_bytes_get_data (other, &size);
        guint from = g_rand_int_range (rng, 0, size);

        insert_bytes (data, at, bytes + from, g_rand_int_range (rng, 0, size - from + 1));
      }
      break;
    }
}

static GByteArray *
next_input (GPtrArray *corpus)
{
  GBytes *base = g_ptr_array_index (corpus, g_rand_int_range (rng, 0, corpus->len));
  gsize size;
  const guint8 *bytes = g_bytes_get_data (base, &size);
  GByteArray *data = g_byte_array_new ();
  guint rounds = g_rand_int_range (rng, 0, 9);

  g_byte_array_append (data, bytes, size);
  for (guint i = 0; i < rounds; i++)
    mutate (data, corpus);
  return data;
}

static gboolean
budget_left (gint64 start,
             guint  runs)
{
  const char *seconds = g_getenv ("ANJU_FUZZ_SECONDS");
  const char *max_runs = g_getenv ("ANJU_FUZZ_RUNS");
  gint64 limit = (seconds ? g_ascii_strtoll (seconds, NULL, 10) : 6) * G_USEC_PER_SEC;

  if (max_runs != NULL && runs >= g_ascii_strtoull (max_runs, NULL, 10))
    return FALSE;
  return g_get_monotonic_time () - start < limit;
}

static void
check_json (const guint8   *data,
            gsize           size,
            const AnjuUser *actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = anju_json_parse ((const char *)data, size, &error);
  g_autoptr(JsonParser) parser = NULL;

  if (root == NULL)
    {
      /* Refused, as a rejection a person can read. */
      g_assert_error (error, ANJU_COMMAND_ERROR, error->code);
      g_assert_true (error->code == ANJU_COMMAND_ERROR_MALFORMED ||
                     error->code == ANJU_COMMAND_ERROR_INVALID_FIELD);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  /* Accepted: clean text everywhere, and json-glib agrees it is JSON. */
  g_assert_true (anju_json_check_texts (root, "", NULL));
  parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (parser, (const char *)data, size, NULL));
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(AnjuCommand) command = anju_command_new_from_node (root, NULL);
      g_autoptr(GError) refused = NULL;

      if (command != NULL && anju_command_admit (command, actor, &refused) == NULL)
        g_assert_nonnull (refused);
    }
}

static void
test_fuzz_json (void)
{
  g_autoptr(GPtrArray) corpus = load_corpus ("json");
  AnjuUser actor = { .id = (char *)"5299ddad-02f3-86b9-ac34-050a96c4b062", .username = (char *)"li",
                     .display_name = (char *)"李娜", .role = ANJU_ROLE_MANAGER };
  gint64 start = g_get_monotonic_time ();
  guint runs = 0, accepted = 0;

  anju_commands_init ();
  /* The corpus itself is read as it is. */
  for (guint i = 0; i < corpus->len; i++)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (corpus, i), &size);
      g_autoptr(JsonNode) root = anju_json_parse ((const char *)data, size, NULL);

      g_assert_nonnull (root);
    }
  for (; budget_left (start, runs); runs++)
    {
      g_autoptr(GByteArray) input = next_input (corpus);
      g_autoptr(JsonNode) root = anju_json_parse ((const char *)input->data, input->len, NULL);

      accepted += root != NULL;
      check_json (input->data, input->len, &actor);
    }
  g_test_message ("json: %u inputs, %u accepted, seed %u", runs, accepted, seed);
  g_assert_cmpuint (runs, >, 100);
}

static void
check_csv_texts (JsonArray *rows)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                        json_array_get_object_element (rows, i));

      g_assert_true (anju_json_check_texts (node, "", NULL));
    }
}

static void
test_fuzz_csv (void)
{
  g_autoptr(GPtrArray) corpus = load_corpus ("csv");
  gint64 start = g_get_monotonic_time ();
  guint runs = 0, clean = 0;

  for (; budget_left (start, runs); runs++)
    {
      g_autoptr(GByteArray) input = next_input (corpus);
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_import_problem_free);
      g_autoptr(JsonArray) rows = anju_price_list_parse_csv ((const char *)input->data, input->len, problems);

      g_assert_nonnull (rows);
      check_csv_texts (rows);
      /* A NUL byte never passes unreported. */
      if (memchr (input->data, '\0', input->len) != NULL)
        g_assert_cmpuint (problems->len, >, 0);
      clean += problems->len == 0;
    }
  g_test_message ("csv: %u inputs, %u without problems, seed %u", runs, clean, seed);
  g_assert_cmpuint (runs, >, 100);
}

int
main (int    argc,
      char **argv)
{
  const char *fixed = g_getenv ("ANJU_FUZZ_SEED");
  int status;

  g_test_init (&argc, &argv, NULL);
  seed = fixed ? (guint32)g_ascii_strtoull (fixed, NULL, 10) : 20261204;
  rng = g_rand_new_with_seed (seed);

  g_test_add_func ("/fuzz/json", test_fuzz_json);
  g_test_add_func ("/fuzz/csv", test_fuzz_csv);
  status = g_test_run ();
  g_rand_free (rng);
  return status;
}
