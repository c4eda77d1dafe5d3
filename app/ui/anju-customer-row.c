/* anju-customer-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anju-customer-row"

#include "config.h"

#include "anju-customer-row.h"
#include "anju-format.h"

struct _AnjuCustomerRow
{
  GObject   parent_instance;

  gboolean  loaded;
  char     *id;
  char     *name;
  char     *title;
  char     *mobile_masked;
  char     *id_number_masked;
  char     *owner_id;
  char     *owner_name;
  char     *segment_name;
  char     *updated;
};

G_DEFINE_FINAL_TYPE (AnjuCustomerRow, anju_customer_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_ID,
  PROP_NAME,
  PROP_TITLE,
  PROP_MOBILE_MASKED,
  PROP_ID_NUMBER_MASKED,
  PROP_OWNER_ID,
  PROP_OWNER_NAME,
  PROP_SEGMENT_NAME,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
anju_customer_row_finalize (GObject *object)
{
  AnjuCustomerRow *self = (AnjuCustomerRow *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->title);
  g_free (self->mobile_masked);
  g_free (self->id_number_masked);
  g_free (self->owner_id);
  g_free (self->owner_name);
  g_free (self->segment_name);
  g_free (self->updated);

  G_OBJECT_CLASS (anju_customer_row_parent_class)->finalize (object);
}

static void
anju_customer_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnjuCustomerRow *self = ANJU_CUSTOMER_ROW (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_MOBILE_MASKED:
      g_value_set_string (value, self->mobile_masked);
      break;

    case PROP_ID_NUMBER_MASKED:
      g_value_set_string (value, self->id_number_masked);
      break;

    case PROP_OWNER_ID:
      g_value_set_string (value, self->owner_id);
      break;

    case PROP_OWNER_NAME:
      g_value_set_string (value, self->owner_name);
      break;

    case PROP_SEGMENT_NAME:
      g_value_set_string (value, self->segment_name);
      break;

    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS));
}

static void
anju_customer_row_class_init (AnjuCustomerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = anju_customer_row_finalize;
  object_class->get_property = anju_customer_row_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ID] = string_property ("id");
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_MOBILE_MASKED] = string_property ("mobile-masked");
  properties[PROP_ID_NUMBER_MASKED] = string_property ("id-number-masked");
  properties[PROP_OWNER_ID] = string_property ("owner-id");
  properties[PROP_OWNER_NAME] = string_property ("owner-name");
  properties[PROP_SEGMENT_NAME] = string_property ("segment-name");
  properties[PROP_UPDATED] = string_property ("updated");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
anju_customer_row_init (AnjuCustomerRow *self)
{
}

AnjuCustomerRow *
anju_customer_row_new (void)
{
  return g_object_new (ANJU_TYPE_CUSTOMER_ROW, NULL);
}

/* Takes @value; notifies only when the text changed, so a refresh that
 * finds the same row does not redraw it. */
static void
take_string (AnjuCustomerRow  *self,
             char            **field,
             char             *value,
             guint             prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_loaded (AnjuCustomerRow *self,
            gboolean         loaded)
{
  if (self->loaded == loaded)
    return;
  self->loaded = loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

void
anju_customer_row_update (AnjuCustomerRow           *self,
                          const AnjuCustomerSummary *summary,
                          AnjuSegmentModel          *model)
{
  const char *segment_name = NULL;

  g_return_if_fail (ANJU_IS_CUSTOMER_ROW (self));
  g_return_if_fail (summary != NULL);

  if (model != NULL && summary->segment != NULL)
    segment_name = anju_segment_get_name (model, summary->segment);
  if (segment_name == NULL)
    segment_name = summary->segment;

  g_object_freeze_notify (G_OBJECT (self));
  take_string (self, &self->id, g_strdup (summary->id), PROP_ID);
  take_string (self, &self->name, g_strdup (summary->name), PROP_NAME);
  take_string (self, &self->title, g_strdup (summary->title), PROP_TITLE);
  take_string (self, &self->mobile_masked, g_strdup (summary->mobile_masked), PROP_MOBILE_MASKED);
  take_string (self, &self->id_number_masked, g_strdup (summary->id_number_masked),
               PROP_ID_NUMBER_MASKED);
  take_string (self, &self->owner_id, g_strdup (summary->owner_id), PROP_OWNER_ID);
  take_string (self, &self->owner_name, g_strdup (summary->owner_name), PROP_OWNER_NAME);
  take_string (self, &self->segment_name, g_strdup (segment_name), PROP_SEGMENT_NAME);
  take_string (self, &self->updated,
               summary->updated_at ? anju_format_datetime_iso (summary->updated_at) : NULL,
               PROP_UPDATED);
  set_loaded (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
}

void
anju_customer_row_clear (AnjuCustomerRow *self)
{
  g_return_if_fail (ANJU_IS_CUSTOMER_ROW (self));

  g_object_freeze_notify (G_OBJECT (self));
  take_string (self, &self->id, NULL, PROP_ID);
  take_string (self, &self->name, NULL, PROP_NAME);
  take_string (self, &self->title, NULL, PROP_TITLE);
  take_string (self, &self->mobile_masked, NULL, PROP_MOBILE_MASKED);
  take_string (self, &self->id_number_masked, NULL, PROP_ID_NUMBER_MASKED);
  take_string (self, &self->owner_id, NULL, PROP_OWNER_ID);
  take_string (self, &self->owner_name, NULL, PROP_OWNER_NAME);
  take_string (self, &self->segment_name, NULL, PROP_SEGMENT_NAME);
  take_string (self, &self->updated, NULL, PROP_UPDATED);
  set_loaded (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
anju_customer_row_get_loaded (AnjuCustomerRow *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_ROW (self), FALSE);
  return self->loaded;
}

const char *
anju_customer_row_get_id (AnjuCustomerRow *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_ROW (self), NULL);
  return self->id;
}

const char *
anju_customer_row_get_name (AnjuCustomerRow *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_ROW (self), NULL);
  return self->name;
}

const char *
anju_customer_row_get_title (AnjuCustomerRow *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_ROW (self), NULL);
  return self->title;
}

const char *
anju_customer_row_get_mobile_masked (AnjuCustomerRow *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_ROW (self), NULL);
  return self->mobile_masked;
}

const char *
anju_customer_row_get_id_number_masked (AnjuCustomerRow *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_ROW (self), NULL);
  return self->id_number_masked;
}

const char *
anju_customer_row_get_owner_id (AnjuCustomerRow *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_ROW (self), NULL);
  return self->owner_id;
}

const char *
anju_customer_row_get_owner_name (AnjuCustomerRow *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_ROW (self), NULL);
  return self->owner_name;
}

const char *
anju_customer_row_get_segment_name (AnjuCustomerRow *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_ROW (self), NULL);
  return self->segment_name;
}

const char *
anju_customer_row_get_updated (AnjuCustomerRow *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_ROW (self), NULL);
  return self->updated;
}
