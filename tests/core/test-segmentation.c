/* test-segmentation.c — the model files, their checks, suggestions and names */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "anju-command.h"
#include "anju-profile.h"
#include "anju-segmentation.h"
#include "anju-test-util.h"

static const char * const vanke_segments[] = {
  "active_elder", "affluent", "economical", "young_home", "young_family",
  "little_sun", "post_little_sun", "three_generations",
};

static const char * const pulte_segments[] = {
  "first_time_buyer", "mobile_professional", "mature_single", "single_income_dink",
  "dual_income_dink", "couple_with_baby", "single_parent", "mature_family",
  "affluent_mature_family", "empty_nester", "active_senior",
};

static void
test_models_load (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *models = anju_segment_models_get_all (&error);
  AnjuSegmentModel *vanke, *pulte;

  g_assert_no_error (error);
  g_assert_nonnull (models);
  g_assert_cmpuint (models->len, ==, 2);
  /* Loaded once: the same cache every time. */
  g_assert_true (anju_segment_models_get_all (NULL) == models);

  vanke = anju_segment_model_lookup ("vanke");
  pulte = anju_segment_model_lookup ("pulte");
  g_assert_nonnull (vanke);
  g_assert_nonnull (pulte);
  g_assert_null (anju_segment_model_lookup ("acme"));
  g_assert_null (anju_segment_model_lookup (NULL));
  g_assert_cmpstr (anju_segment_model_get_id (vanke), ==, "vanke");

  g_assert_cmpuint (anju_segment_model_get_n_segments (vanke), ==, G_N_ELEMENTS (vanke_segments));
  for (guint i = 0; i < G_N_ELEMENTS (vanke_segments); i++)
    g_assert_cmpstr (anju_segment_model_get_segment_id (vanke, i), ==, vanke_segments[i]);
  g_assert_null (anju_segment_model_get_segment_id (vanke, G_N_ELEMENTS (vanke_segments)));

  g_assert_cmpuint (anju_segment_model_get_n_segments (pulte), ==, G_N_ELEMENTS (pulte_segments));
  for (guint i = 0; i < G_N_ELEMENTS (pulte_segments); i++)
    g_assert_cmpstr (anju_segment_model_get_segment_id (pulte, i), ==, pulte_segments[i]);

  /* Every segment of both models has a name, a group, a description and
   * at least one sales suggestion. */
  for (guint m = 0; m < models->len; m++)
    {
      AnjuSegmentModel *model = g_ptr_array_index (models, m);

      for (guint i = 0; i < anju_segment_model_get_n_segments (model); i++)
        {
          const char *id = anju_segment_model_get_segment_id (model, i);

          g_assert_true (anju_segment_model_has_segment (model, id));
          g_assert_nonnull (anju_segment_get_name (model, id));
          g_assert_nonnull (anju_segment_get_group_name (model, id));
          g_assert_cmpuint (strlen (anju_segment_get_description (model, id)), >, 40);
          g_assert_nonnull (anju_segment_get_suggestions (model, id)[0]);
        }
    }
  g_assert_false (anju_segment_model_has_segment (vanke, "first_time_buyer"));
  g_assert_false (anju_segment_model_has_segment (vanke, NULL));
  g_assert_null (anju_segment_get_name (vanke, "nope"));
  g_assert_null (anju_segment_get_group_name (vanke, "nope"));
  g_assert_null (anju_segment_get_description (vanke, "nope"));
  g_assert_null (anju_segment_get_suggestions (vanke, "nope")[0]);
}

typedef struct
{
  const char *profile;
  const char *expected;   /* NULL: no suggestion */
} Vector;

static const Vector vanke_vectors[] = {
  { "{\"life_stage\": \"single_young\", \"income_band\": \"medium\"}", "young_home" },
  { "{\"life_stage\": \"single_young\"}", "young_home" },
  { "{\"life_stage\": \"couple_no_children\", \"age_band\": \"25_34\", \"income_band\": \"medium\"}", "young_home" },
  { "{\"life_stage\": \"couple_no_children\", \"age_band\": \"35_44\", \"income_band\": \"medium\"}", NULL },
  { "{\"life_stage\": \"couple_baby\", \"age_band\": \"25_34\", \"income_band\": \"medium\"}", "young_family" },
  { "{\"life_stage\": \"couple_baby\", \"age_band\": \"35_44\"}", "little_sun" },
  { "{\"life_stage\": \"family_young_children\", \"income_band\": \"high\", \"values\": \"education\"}", "little_sun" },
  { "{\"life_stage\": \"family_young_children\", \"income_band\": \"low\", \"values\": \"education\"}", "little_sun" },
  { "{\"life_stage\": \"family_young_children\", \"income_band\": \"high\", \"values\": \"status\"}", "affluent" },
  { "{\"life_stage\": \"family_young_children\", \"income_band\": \"medium\", \"values\": \"practical\", "
    "\"price_sensitivity\": \"high\"}", "economical" },
  { "{\"life_stage\": \"family_teen_children\", \"income_band\": \"medium\"}", "post_little_sun" },
  { "{\"life_stage\": \"family_teen_children\", \"income_band\": \"low\", \"values\": \"practical\"}", "economical" },
  { "{\"life_stage\": \"three_generations\", \"income_band\": \"medium\", \"children\": 1}", "three_generations" },
  { "{\"life_stage\": \"single_parent\", \"income_band\": \"low\"}", "economical" },
  { "{\"life_stage\": \"single_parent\", \"income_band\": \"medium\"}", NULL },
  { "{\"life_stage\": \"couple_no_children\", \"age_band\": \"45_54\", \"income_band\": \"high\"}", "affluent" },
  { "{\"life_stage\": \"retired\", \"income_band\": \"high\", \"values\": \"status\"}", "active_elder" },
  { "{\"life_stage\": \"empty_nest\", \"age_band\": \"55_64\", \"income_band\": \"medium\"}", "active_elder" },
  { "{\"life_stage\": \"empty_nest\", \"age_band\": \"45_54\", \"income_band\": \"high\"}", "affluent" },
  { "{\"life_stage\": \"empty_nest\", \"age_band\": \"45_54\", \"income_band\": \"medium\"}", NULL },
  /* Too little to go on: nothing is guessed. */
  { "{}", NULL },
  { "{\"income_band\": \"high\"}", NULL },
  { "{\"life_stage\": null, \"income_band\": \"low\", \"values\": \"practical\"}", "economical" },
  { "{\"life_stage\": null, \"income_band\": \"high\"}", NULL },
  { "{\"call_count\": 2, \"layout_preference\": \"3室\"}", NULL },
};

static const Vector pulte_vectors[] = {
  { "{\"life_stage\": \"single_young\", \"income_band\": \"low\"}", "first_time_buyer" },
  { "{\"life_stage\": \"single_young\", \"income_band\": \"medium\"}", "mobile_professional" },
  { "{\"life_stage\": \"single_young\", \"income_band\": \"high\"}", "mobile_professional" },
  { "{\"life_stage\": \"single_young\"}", NULL },
  { "{\"life_stage\": \"single_mature\", \"income_band\": \"low\"}", "first_time_buyer" },
  { "{\"life_stage\": \"single_mature\", \"income_band\": \"high\"}", "mature_single" },
  { "{\"life_stage\": \"couple_no_children\", \"earners\": \"one\", \"income_band\": \"high\"}", "single_income_dink" },
  { "{\"life_stage\": \"couple_no_children\", \"earners\": \"two\"}", "dual_income_dink" },
  { "{\"life_stage\": \"couple_no_children\", \"income_band\": \"medium\"}", NULL },
  { "{\"life_stage\": \"couple_baby\"}", "couple_with_baby" },
  { "{\"life_stage\": \"family_young_children\", \"income_band\": \"high\"}", "couple_with_baby" },
  { "{\"life_stage\": \"single_parent\", \"income_band\": \"low\"}", "single_parent" },
  { "{\"life_stage\": \"family_teen_children\", \"income_band\": \"low\"}", "mature_family" },
  { "{\"life_stage\": \"family_teen_children\", \"income_band\": \"medium\"}", "mature_family" },
  { "{\"life_stage\": \"family_teen_children\", \"income_band\": \"high\"}", "affluent_mature_family" },
  { "{\"life_stage\": \"family_teen_children\"}", NULL },
  { "{\"life_stage\": \"empty_nest\", \"income_band\": \"high\"}", "empty_nester" },
  { "{\"life_stage\": \"retired\"}", "active_senior" },
  /* The deck: Pulte's American family structures have no three generations. */
  { "{\"life_stage\": \"three_generations\", \"income_band\": \"high\"}", NULL },
  { "{}", NULL },
};

static void
check_vectors (const char   *model_id,
               const Vector *vectors,
               guint         n_vectors)
{
  AnjuSegmentModel *model = anju_segment_model_lookup (model_id);

  g_assert_nonnull (model);
  for (guint i = 0; i < n_vectors; i++)
    {
      g_autoptr(JsonObject) profile = anju_test_json_object (vectors[i].profile);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s: %s", model_id, vectors[i].profile);
      /* The vectors are profiles a consultant could save. */
      g_assert_true (anju_profile_validate (profile, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (anju_segment_model_suggest (model, profile), ==, vectors[i].expected);
    }
  g_assert_null (anju_segment_model_suggest (model, NULL));
}

static void
test_vanke_vectors (void)
{
  check_vectors ("vanke", vanke_vectors, G_N_ELEMENTS (vanke_vectors));
}

static void
test_pulte_vectors (void)
{
  check_vectors ("pulte", pulte_vectors, G_N_ELEMENTS (pulte_vectors));
}

/* --- files written on the fly ------------------------------------------- */

#define MODEL_HEAD \
  "{\"format\": 1, \"id\": \"test\", \"name\": {\"en\": \"Test\", \"zh_CN\": \"测试\"}," \
  " \"groups\": [{\"id\": \"g\", \"name\": {\"en\": \"Group\", \"zh_CN\": \"组\"}}]," \
  " \"segments\": ["

typedef struct
{
  char *dir;
  char *path;
} TempModel;

static void
temp_model_write (TempModel  *t,
                  const char *json)
{
  g_autoptr(GError) error = NULL;

  t->dir = g_dir_make_tmp ("anju-seg-XXXXXX", &error);
  g_assert_no_error (error);
  t->path = g_build_filename (t->dir, "broken-model.json", NULL);
  g_file_set_contents (t->path, json, -1, &error);
  g_assert_no_error (error);
}

static void
temp_model_clear (TempModel *t)
{
  anju_test_remove_dir (t->dir);
  g_clear_pointer (&t->dir, g_free);
  g_clear_pointer (&t->path, g_free);
}

/* Loads @json from a file and checks that it is refused with a message
 * naming the file and every string of @mentions. */
static void
assert_refused (const char         *json,
                const char * const *mentions)
{
  TempModel t = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  AnjuSegmentModel *model;

  temp_model_write (&t, json);
  model = anju_segment_model_load_file (t.path, &error);
  g_test_message ("%s", error ? error->message : "(loaded)");
  g_assert_null (model);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, t.path));
  for (guint i = 0; mentions[i] != NULL; i++)
    g_assert_nonnull (strstr (error->message, mentions[i]));
  temp_model_clear (&t);
}

static void
test_refused_files (void)
{
  /* An unknown profile key: the file, the segment and the key. */
  assert_refused (MODEL_HEAD
                  "{\"id\": \"young\", \"group\": \"g\", \"name\": {\"en\": \"Young\"},"
                  " \"rules\": [{\"lifestage\": [\"single_young\"]}]}]}",
                  (const char *[]) { "“young”", "lifestage", "rule 1", NULL });
  /* An unknown value of a known key. */
  assert_refused (MODEL_HEAD
                  "{\"id\": \"young\", \"group\": \"g\", \"name\": {\"en\": \"Young\"},"
                  " \"rules\": [{\"income_band\": [\"low\"]}, {\"life_stage\": [\"teenager\"]}]}]}",
                  (const char *[]) { "“young”", "rule 2", "teenager", "life_stage", NULL });
  /* Duplicate segment ids. */
  assert_refused (MODEL_HEAD
                  "{\"id\": \"a\", \"group\": \"g\", \"name\": {\"en\": \"A\"}},"
                  "{\"id\": \"a\", \"group\": \"g\", \"name\": {\"en\": \"A again\"}}]}",
                  (const char *[]) { "“a”", "unique", NULL });
  /* A segment in a group the model does not have. */
  assert_refused (MODEL_HEAD
                  "{\"id\": \"a\", \"group\": \"nowhere\", \"name\": {\"en\": \"A\"}}]}",
                  (const char *[]) { "“a”", "nowhere", NULL });
  /* Free text cannot be a condition. */
  assert_refused (MODEL_HEAD
                  "{\"id\": \"a\", \"group\": \"g\", \"name\": {\"en\": \"A\"},"
                  " \"rules\": [{\"occupation\": [\"teacher\"]}]}]}",
                  (const char *[]) { "“a”", "occupation", NULL });
  /* A count needs a range, and a sensible one. */
  assert_refused (MODEL_HEAD
                  "{\"id\": \"a\", \"group\": \"g\", \"name\": {\"en\": \"A\"},"
                  " \"rules\": [{\"children\": [\"2\"]}]}]}",
                  (const char *[]) { "children", NULL });
  assert_refused (MODEL_HEAD
                  "{\"id\": \"a\", \"group\": \"g\", \"name\": {\"en\": \"A\"},"
                  " \"rules\": [{\"children\": {\"min\": 3, \"max\": 1}}]}]}",
                  (const char *[]) { "children", "max", NULL });
  assert_refused (MODEL_HEAD
                  "{\"id\": \"a\", \"group\": \"g\", \"name\": {\"en\": \"A\"},"
                  " \"rules\": [{\"children\": {\"least\": 3}}]}]}",
                  (const char *[]) { "children", "least", NULL });
  /* An empty rule would match everyone. */
  assert_refused (MODEL_HEAD
                  "{\"id\": \"a\", \"group\": \"g\", \"name\": {\"en\": \"A\"}, \"rules\": [{}]}]}",
                  (const char *[]) { "“a”", "rule 1", NULL });
  /* A segment with no name in either language. */
  assert_refused (MODEL_HEAD "{\"id\": \"a\", \"group\": \"g\", \"name\": {}}]}",
                  (const char *[]) { "“a”", "name", NULL });
  /* An axis that is not a dimension, a newer format, not JSON at all. */
  assert_refused ("{\"format\": 1, \"id\": \"test\", \"name\": {\"en\": \"T\"}, \"axes\": [\"wealth\"],"
                  " \"groups\": [{\"id\": \"g\", \"name\": {\"en\": \"G\"}}],"
                  " \"segments\": [{\"id\": \"a\", \"group\": \"g\", \"name\": {\"en\": \"A\"}}]}",
                  (const char *[]) { "wealth", NULL });
  assert_refused ("{\"format\": 2, \"id\": \"test\"}", (const char *[]) { "2", NULL });
  assert_refused ("{\"id\": \"test\", ", (const char *[]) { NULL });
  assert_refused ("{\"id\": \"Bad Id\", \"name\": {\"en\": \"T\"}}", (const char *[]) { "id", NULL });
  assert_refused ("{\"id\": \"test\", \"name\": {\"en\": \"T\"}, \"groups\": [],"
                  " \"segments\": []}", (const char *[]) { "groups", NULL });
}

static void
test_ranges_and_missing_keys (void)
{
  TempModel t = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) big = anju_test_json_object ("{\"children\": 3, \"income_band\": \"medium\"}");
  g_autoptr(JsonObject) small = anju_test_json_object ("{\"children\": 1, \"income_band\": \"medium\"}");
  g_autoptr(JsonObject) rich = anju_test_json_object ("{\"budget_total\": 800000000}");
  g_autoptr(JsonObject) unknown = anju_test_json_object ("{\"income_band\": \"medium\"}");
  g_autoptr(JsonObject) text = anju_test_json_object ("{\"children\": \"3\"}");
  AnjuSegmentModel *model;

  temp_model_write (&t, MODEL_HEAD
                    "{\"id\": \"big_family\", \"group\": \"g\", \"name\": {\"en\": \"Big\"},"
                    " \"rules\": [{\"children\": {\"min\": 2}, \"income_band\": [\"medium\", \"high\"]}]},"
                    "{\"id\": \"budget\", \"group\": \"g\", \"name\": {\"en\": \"Budget\"},"
                    " \"rules\": [{\"budget_total\": {\"min\": 500000000, \"max\": 1000000000}}]},"
                    "{\"id\": \"manual_only\", \"group\": \"g\", \"name\": {\"zh_CN\": \"仅手选\"}}]}");
  model = anju_segment_model_load_file (t.path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (anju_segment_model_suggest (model, big), ==, "big_family");
  g_assert_null (anju_segment_model_suggest (model, small));
  g_assert_cmpstr (anju_segment_model_suggest (model, rich), ==, "budget");
  /* A condition on a key the profile lacks does not hold. */
  g_assert_null (anju_segment_model_suggest (model, unknown));
  g_assert_null (anju_segment_model_suggest (model, text));
  /* A text in one language serves both. */
  g_assert_cmpstr (anju_segment_get_name (model, "manual_only"), ==, "仅手选");
  g_assert_cmpstr (anju_segment_get_description (model, "manual_only"), ==, "");
  g_assert_null (anju_segment_get_suggestions (model, "manual_only")[0]);
  anju_segment_model_free (model);
  temp_model_clear (&t);
}

static void
test_localized (void)
{
  AnjuSegmentModel *vanke = anju_segment_model_lookup ("vanke");
  AnjuSegmentModel *pulte = anju_segment_model_lookup ("pulte");
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "C", TRUE);
  g_assert_cmpstr (anju_segment_get_name (vanke, "three_generations"), ==, "Child and three generations");
  g_assert_cmpstr (anju_segment_get_group_name (vanke, "three_generations"), ==, "Children first");
  g_assert_cmpstr (anju_segment_get_name (pulte, "single_income_dink"), ==, "Single-income DINK");
  g_assert_true (g_str_has_prefix (anju_segment_model_get_name (vanke), "Developer's model"));
  g_assert_true (g_str_has_prefix (anju_segment_get_suggestions (vanke, "three_generations")[0], "Recommend"));
  g_assert_nonnull (strstr (anju_segment_get_description (vanke, "three_generations"), "三个孩子"));

  g_setenv ("LANGUAGE", "zh_CN:en", TRUE);
  g_assert_cmpstr (anju_segment_get_name (vanke, "three_generations"), ==, "孩子三代");
  g_assert_cmpstr (anju_segment_get_group_name (vanke, "three_generations"), ==, "望子成龙");
  g_assert_cmpstr (anju_segment_get_group_name (vanke, "young_home"), ==, "社会新锐");
  g_assert_cmpstr (anju_segment_get_name (vanke, "affluent"), ==, "富贵之家");
  g_assert_cmpstr (anju_segment_get_name (pulte, "single_income_dink"), ==, "单人工作的丁克家庭");
  g_assert_cmpstr (anju_segment_get_name (pulte, "active_senior"), ==, "活跃老年人");
  g_assert_cmpstr (anju_segment_model_get_name (pulte), ==, "帕尔迪客户细分（11类）");
  g_assert_true (g_str_has_prefix (anju_segment_get_suggestions (vanke, "three_generations")[0], "推荐"));
  g_assert_nonnull (strstr (anju_segment_get_description (vanke, "three_generations"), "三个孩子"));

  /* English first wins over a later Chinese entry. */
  g_setenv ("LANGUAGE", "en_GB:zh_CN", TRUE);
  g_assert_cmpstr (anju_segment_get_name (vanke, "affluent"), ==, "Affluent family");

  /* A language Anju has no text for falls through to the next one. */
  g_setenv ("LANGUAGE", "fr_FR:zh_TW", TRUE);
  g_assert_cmpstr (anju_segment_get_name (vanke, "affluent"), ==, "富贵之家");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* 子女 (children) is a number from 0 to 20, checked as it is typed with
 * the same rule a save meets, in a sentence naming the field. */
static void
test_profile_children (void)
{
  const AnjuProfileDimension *children = anju_profile_lookup ("children");
  const AnjuProfileDimension *budget = anju_profile_lookup ("budget_total");
  const char * const refused[] = { "21", "-1", "two", "2.5", "100", NULL };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) over = anju_test_json_object ("{\"children\": 21}");
  g_autoptr(JsonObject) most = anju_test_json_object ("{\"children\": 20, \"family_members\": 30}");

  g_assert_nonnull (children);
  g_assert_cmpint (anju_profile_dimension_get_max (children), ==, 20);

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_test_message ("children: %s", refused[i]);
      g_assert_false (anju_profile_parse_text (children, refused[i], &node, &error));
      g_assert_error (error, ANJU_COMMAND_ERROR, ANJU_COMMAND_ERROR_INVALID_FIELD);
      g_assert_cmpstr (anju_command_error_get_field (error), ==, "profile.children");
      g_assert_cmpstr (error->message, ==, "Children must be a whole number from 0 to 20.");
      g_assert_null (node);
      g_clear_error (&error);
    }

  g_assert_true (anju_profile_parse_text (children, "0", &node, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (node), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  g_assert_true (anju_profile_parse_text (children, "20", &node, &error));
  g_assert_cmpint (json_node_get_int (node), ==, 20);
  g_clear_pointer (&node, json_node_unref);

  /* Money is read in yuan and kept in fen. */
  g_assert_true (anju_profile_parse_text (budget, "1,500,000.50", &node, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (node), ==, 150000050);
  g_clear_pointer (&node, json_node_unref);

  /* A save meets the same bound. */
  g_assert_false (anju_profile_validate (over, &error));
  g_assert_cmpstr (anju_command_error_get_field (error), ==, "profile.children");
  g_assert_cmpstr (error->message, ==, "Children must be a whole number from 0 to 20.");
  g_clear_error (&error);
  g_assert_true (anju_profile_validate (most, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/segmentation/models-load", test_models_load);
  g_test_add_func ("/segmentation/vanke-vectors", test_vanke_vectors);
  g_test_add_func ("/segmentation/pulte-vectors", test_pulte_vectors);
  g_test_add_func ("/segmentation/refused-files", test_refused_files);
  g_test_add_func ("/segmentation/ranges-and-missing-keys", test_ranges_and_missing_keys);
  g_test_add_func ("/segmentation/localized", test_localized);
  g_test_add_func ("/segmentation/profile-children", test_profile_children);
  return g_test_run ();
}
