/* anju-segmentation.h — customer value segmentation models as data
 *
 * A model is a JSON file under data/segmentation/ (see its README): groups,
 * segments with a description and sales suggestions, and suggestion rules
 * over the profile dimensions of anju-profile.h. Adding a model is adding
 * a file; nothing here names a segment.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _AnjuSegmentModel AnjuSegmentModel;

typedef struct
{
  const char *id;
  const char *group_id;
} AnjuSegmentRef;

/* All models in the data folder, loaded once; element type AnjuSegmentModel*
 * (owned by the cache). A broken file is reported in @error naming the file. */
GPtrArray        *anju_segment_models_get_all      (GError          **error);
/* The model with @id ("vanke", "pulte"), or NULL. */
AnjuSegmentModel *anju_segment_model_lookup        (const char       *id);
/* Loads one model file (tests). Free with anju_segment_model_free(). */
AnjuSegmentModel *anju_segment_model_load_file     (const char       *path,
                                                    GError          **error);
void              anju_segment_model_free          (AnjuSegmentModel *model);

const char       *anju_segment_model_get_id        (AnjuSegmentModel *model);
/* Names and texts in the user's language (zh_CN or English). */
const char       *anju_segment_model_get_name      (AnjuSegmentModel *model);
const char       *anju_segment_model_get_description (AnjuSegmentModel *model);
/* Groups in display order (segments are kept in rule order). */
guint             anju_segment_model_get_n_groups  (AnjuSegmentModel *model);
const char       *anju_segment_model_get_group_id  (AnjuSegmentModel *model,
                                                    guint             index);
const char       *anju_segment_group_get_name      (AnjuSegmentModel *model,
                                                    const char       *group_id);
const char       *anju_segment_get_group_id        (AnjuSegmentModel *model,
                                                    const char       *segment_id);
guint             anju_segment_model_get_n_segments (AnjuSegmentModel *model);
/* The id of the @index'th segment, in file order. */
const char       *anju_segment_model_get_segment_id (AnjuSegmentModel *model,
                                                     guint             index);
gboolean          anju_segment_model_has_segment   (AnjuSegmentModel *model,
                                                    const char       *segment_id);
const char       *anju_segment_get_name            (AnjuSegmentModel *model,
                                                    const char       *segment_id);
const char       *anju_segment_get_group_name      (AnjuSegmentModel *model,
                                                    const char       *segment_id);
const char       *anju_segment_get_description     (AnjuSegmentModel *model,
                                                    const char       *segment_id);
/* Sales suggestions for the segment, NULL-terminated, owned by the model. */
const char * const *anju_segment_get_suggestions   (AnjuSegmentModel *model,
                                                    const char       *segment_id);

/* The segment the model's rules suggest for @profile (first matching rule),
 * or NULL when the profile says too little. */
const char       *anju_segment_model_suggest       (AnjuSegmentModel *model,
                                                    JsonObject       *profile);

G_END_DECLS
