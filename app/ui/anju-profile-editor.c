/* anju-profile-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built in code rather than from a template: the rows are whatever core's
 * profile table says, so a dimension added there shows up here.
 */
#define G_LOG_DOMAIN "anju-profile-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-command.h"
#include "anju-format.h"
#include "anju-profile.h"
#include "anju-profile-editor.h"
#include "anju-subscriptions.h"

typedef struct
{
  const AnjuProfileDimension *dim;
  GtkWidget                  *row;        /* AdwComboRow or AdwEntryRow */
  GtkWidget                  *error;      /* entries: what is wrong with the text, beside it */
  char                       *saved;      /* text, or the choice value; NULL = not recorded */
} Field;

struct _AnjuProfileEditor
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *group;
  AdwExpanderRow       *expanders[ANJU_PROFILE_N_GROUPS];
  GArray               *fields;     /* Field */
  JsonObject           *profile;    /* the saved profile, or NULL */
  AdwActionRow         *deals_row;  /* subscribed units and their value */
  GtkLabel             *deals_total;
  gboolean              dirty;
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (AnjuProfileEditor, anju_profile_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_clear (Field *field)
{
  g_clear_pointer (&field->saved, g_free);
}

/* The value a row shows, in the form kept in Field.saved. */
static char *
dup_shown (Field *field)
{
  if (field->dim->kind == ANJU_PROFILE_KIND_CHOICE)
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->row));

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        return NULL;
      return g_strdup (field->dim->choices[selected - 1].value);
    }
  else
    {
      const char *shown = gtk_editable_get_text (GTK_EDITABLE (field->row));
      g_autofree char *text = g_strstrip (g_strdup (shown));

      return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
    }
}

static void
show_value (Field      *field,
            const char *value)
{
  if (field->dim->kind == ANJU_PROFILE_KIND_CHOICE)
    {
      guint selected = 0;

      for (guint i = 0; value != NULL && field->dim->choices[i].value != NULL; i++)
        if (g_str_equal (field->dim->choices[i].value, value))
          selected = i + 1;
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), selected);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (field->row), value ? value : "");
}

/* A stored member as the text or choice value the row shows. */
static char *
dup_member_text (const AnjuProfileDimension *dim,
                 JsonNode                   *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (dim->kind)
    {
    case ANJU_PROFILE_KIND_CHOICE:
    case ANJU_PROFILE_KIND_TEXT:
      return json_node_get_value_type (node) == G_TYPE_STRING
             ? g_strdup (json_node_get_string (node)) : NULL;
    case ANJU_PROFILE_KIND_COUNT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case ANJU_PROFILE_KIND_MONEY:
      return anju_format_money (json_node_get_int (node));
    case ANJU_PROFILE_KIND_AREA:
      return anju_format_area (json_node_get_int (node));
    default:
      g_assert_not_reached ();
    }
}

static void
update_summaries (AnjuProfileEditor *self)
{
  guint filled[ANJU_PROFILE_N_GROUPS] = { 0 };
  guint total[ANJU_PROFILE_N_GROUPS] = { 0 };

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);
      g_autofree char *shown = dup_shown (field);

      total[field->dim->group]++;
      if (shown != NULL)
        filled[field->dim->group]++;
    }
  for (guint g = 0; g < ANJU_PROFILE_N_GROUPS; g++)
    {
      /* Translators: how many profile fields of a group have a value */
      g_autofree char *subtitle = g_strdup_printf (_("%u of %u recorded"), filled[g], total[g]);

      adw_expander_row_set_subtitle (self->expanders[g], subtitle);
    }
}

static void
update_dirty (AnjuProfileEditor *self)
{
  gboolean dirty = FALSE;

  for (guint i = 0; i < self->fields->len && !dirty; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);
      g_autofree char *shown = dup_shown (field);

      dirty = g_strcmp0 (shown, field->saved) != 0;
    }
  if (dirty != self->dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
}

/* Checks the text of an entry as it is typed, by core's rules, and shows
 * what is wrong beside it. TRUE when it is empty or right. */
static gboolean
check_field (Field *field)
{
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (field->error == NULL)
    return TRUE;
  shown = dup_shown (field);
  if (shown != NULL && !anju_profile_parse_text (field->dim, shown, &node, &error))
    {
      gtk_label_set_label (GTK_LABEL (field->error), error->message);
      gtk_widget_set_visible (field->error, TRUE);
      gtk_widget_add_css_class (field->row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                      -1);
      return FALSE;
    }
  gtk_widget_set_visible (field->error, FALSE);
  gtk_label_set_label (GTK_LABEL (field->error), "");
  gtk_widget_remove_css_class (field->row, "error");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (field->row),
                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  return TRUE;
}

static Field *
find_field (AnjuProfileEditor *self,
            GtkWidget         *row)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);

      if (field->row == row)
        return field;
    }
  return NULL;
}

static void
on_row_changed_cb (AnjuProfileEditor *self,
                   GParamSpec        *pspec,
                   GtkWidget         *row)
{
  Field *field;

  if (self->filling)
    return;
  field = find_field (self, row);
  gtk_widget_remove_css_class (row, "error");
  if (field != NULL)
    check_field (field);
  update_dirty (self);
  update_summaries (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_changed_cb (GtkEditable       *editable,
                     AnjuProfileEditor *self)
{
  on_row_changed_cb (self, NULL, GTK_WIDGET (editable));
}

static GtkWidget *
create_row (AnjuProfileEditor          *self,
            const AnjuProfileDimension *dim)
{
  GtkWidget *row;

  if (dim->kind == ANJU_PROFILE_KIND_CHOICE)
    {
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

      gtk_string_list_append (choices, C_("profile value", "Not recorded"));
      for (const AnjuProfileChoice *c = dim->choices; c->value != NULL; c++)
        gtk_string_list_append (choices, _(c->label));
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      g_signal_connect_object (row, "notify::selected",
                               G_CALLBACK (on_row_changed_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      row = adw_entry_row_new ();
      if (dim->kind == ANJU_PROFILE_KIND_COUNT)
        gtk_editable_set_width_chars (GTK_EDITABLE (row), 6);
      g_signal_connect_object (row, "changed",
                               G_CALLBACK (on_entry_changed_cb), self, 0);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(dim->label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(dim->label),
                                  -1);
  gtk_widget_set_name (row, dim->key);
  return row;
}

static void
build_rows (AnjuProfileEditor *self)
{
  guint n_dimensions;
  const AnjuProfileDimension *dimensions = anju_profile_get_dimensions (&n_dimensions);

  for (guint g = 0; g < ANJU_PROFILE_N_GROUPS; g++)
    {
      self->expanders[g] = ADW_EXPANDER_ROW (adw_expander_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expanders[g]),
                                     anju_profile_group_get_label (g));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->expanders[g]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      anju_profile_group_get_label (g),
                                      -1);
      adw_preferences_group_add (self->group, GTK_WIDGET (self->expanders[g]));
    }

  /* Subscribed units and their value (SPEC §1, behaviour): from the
   * subscriptions, not typed. */
  self->deals_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deals_row), _("Subscribed units"));
  adw_action_row_set_subtitle_lines (self->deals_row, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->deals_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Subscribed units"),
                                  -1);
  gtk_widget_set_name (GTK_WIDGET (self->deals_row), "subscribed_units");
  self->deals_total = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->deals_total), "numeric");
  adw_action_row_add_suffix (self->deals_row, GTK_WIDGET (self->deals_total));
  adw_expander_row_add_row (self->expanders[ANJU_PROFILE_GROUP_BEHAVIOUR], GTK_WIDGET (self->deals_row));
  anju_profile_editor_set_deals (self, NULL, 0);

  for (guint i = 0; i < n_dimensions; i++)
    {
      Field field = { &dimensions[i], NULL, NULL, NULL };

      field.row = create_row (self, &dimensions[i]);
      if (dimensions[i].kind != ANJU_PROFILE_KIND_CHOICE)
        {
          /* What is wrong with the text, beside the field as it is typed. */
          field.error = gtk_label_new (NULL);
          gtk_label_set_wrap (GTK_LABEL (field.error), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (field.error), 28);
          gtk_label_set_xalign (GTK_LABEL (field.error), 1);
          gtk_widget_add_css_class (field.error, "error");
          gtk_widget_add_css_class (field.error, "caption");
          gtk_widget_set_visible (field.error, FALSE);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (field.row), field.error);
        }
      adw_expander_row_add_row (self->expanders[dimensions[i].group], field.row);
      g_array_append_val (self->fields, field);
    }
}

/* ---- GObject ----------------------------------------------------------- */

static void
anju_profile_editor_finalize (GObject *object)
{
  AnjuProfileEditor *self = (AnjuProfileEditor *)object;

  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->profile, json_object_unref);

  G_OBJECT_CLASS (anju_profile_editor_parent_class)->finalize (object);
}

static void
anju_profile_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AnjuProfileEditor *self = ANJU_PROFILE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_profile_editor_class_init (AnjuProfileEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = anju_profile_editor_finalize;
  object_class->get_property = anju_profile_editor_get_property;

  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A value was changed by the person (not by set_profile()). */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
anju_profile_editor_init (AnjuProfileEditor *self)
{
  self->fields = g_array_new (FALSE, TRUE, sizeof (Field));
  g_array_set_clear_func (self->fields, (GDestroyNotify)field_clear);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Profile"));
  adw_preferences_group_set_description (self->group,
                                         _("Record what you learn, a little at each contact. "
                                           "Every field is optional; the segment follows."));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  build_rows (self);
  update_summaries (self);
}

GtkWidget *
anju_profile_editor_new (void)
{
  return g_object_new (ANJU_TYPE_PROFILE_EDITOR, NULL);
}

void
anju_profile_editor_set_profile (AnjuProfileEditor *self,
                                 JsonObject        *profile)
{
  g_return_if_fail (ANJU_IS_PROFILE_EDITOR (self));

  if (profile != NULL)
    json_object_ref (profile);
  g_clear_pointer (&self->profile, json_object_unref);
  self->profile = profile;
  self->filling = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);
      JsonNode *node = profile ? json_object_get_member (profile, field->dim->key) : NULL;

      g_free (field->saved);
      field->saved = dup_member_text (field->dim, node);
      show_value (field, field->saved);
      check_field (field);
    }
  self->filling = FALSE;
  update_dirty (self);
  update_summaries (self);
}

gboolean
anju_profile_editor_get_dirty (AnjuProfileEditor *self)
{
  g_return_val_if_fail (ANJU_IS_PROFILE_EDITOR (self), FALSE);

  return self->dirty;
}

JsonObject *
anju_profile_editor_dup_changes (AnjuProfileEditor  *self,
                                 GError            **error)
{
  g_autoptr(JsonObject) changes = NULL;

  g_return_val_if_fail (ANJU_IS_PROFILE_EDITOR (self), NULL);

  changes = json_object_new ();
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);
      g_autofree char *shown = dup_shown (field);
      JsonNode *node = NULL;

      if (g_strcmp0 (shown, field->saved) == 0)
        continue;
      if (shown == NULL)
        {
          json_object_set_null_member (changes, field->dim->key);
          continue;
        }
      if (!anju_profile_parse_text (field->dim, shown, &node, error))
        {
          anju_profile_editor_mark_error (self, field->dim->key);
          return NULL;
        }
      json_object_set_member (changes, field->dim->key, node);
    }
  return g_steal_pointer (&changes);
}

JsonObject *
anju_profile_editor_dup_profile (AnjuProfileEditor *self)
{
  g_autoptr(JsonObject) profile = json_object_new ();

  g_return_val_if_fail (ANJU_IS_PROFILE_EDITOR (self), NULL);

  if (self->profile != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (self->profile);

      for (GList *l = members; l; l = l->next)
        json_object_set_member (profile, l->data,
                                json_node_copy (json_object_get_member (self->profile, l->data)));
    }
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);
      g_autofree char *shown = dup_shown (field);
      JsonNode *node = NULL;

      if (g_strcmp0 (shown, field->saved) == 0)
        continue;
      if (shown == NULL)
        json_object_remove_member (profile, field->dim->key);
      else if (anju_profile_parse_text (field->dim, shown, &node, NULL))
        json_object_set_member (profile, field->dim->key, node);
      /* else: what is typed cannot be read yet; the saved value stands */
    }
  return g_steal_pointer (&profile);
}

void
anju_profile_editor_set_deals (AnjuProfileEditor *self,
                               GPtrArray         *subscriptions,
                               AnjuFen            total)
{
  g_autoptr(GString) units = g_string_new (NULL);
  g_autofree char *value = NULL;

  g_return_if_fail (ANJU_IS_PROFILE_EDITOR (self));

  for (guint i = 0; subscriptions != NULL && i < subscriptions->len; i++)
    {
      AnjuSubscription *s = g_ptr_array_index (subscriptions, i);
      g_autofree char *price = anju_format_money (s->price);

      if (units->len > 0)
        g_string_append (units, anju_format_list_separator ());
      /* Translators: a subscribed unit and its price, "1幢-1502 (¥3,283,700.00)" */
      g_string_append_printf (units, C_("unit and price", "%s (%s)"), s->unit_label, price);
    }
  if (units->len == 0)
    {
      adw_action_row_set_subtitle (self->deals_row, _("None yet"));
      gtk_label_set_label (self->deals_total, "");
      return;
    }
  adw_action_row_set_subtitle (self->deals_row, units->str);
  value = anju_format_money (total);
  gtk_label_set_label (self->deals_total, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->deals_total),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value of the subscribed units"),
                                  -1);
}

void
anju_profile_editor_commit (AnjuProfileEditor *self)
{
  g_return_if_fail (ANJU_IS_PROFILE_EDITOR (self));

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);

      g_free (field->saved);
      field->saved = dup_shown (field);
    }
  update_dirty (self);
}

void
anju_profile_editor_mark_error (AnjuProfileEditor *self,
                                const char        *key)
{
  g_return_if_fail (ANJU_IS_PROFILE_EDITOR (self));

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);

      if (g_strcmp0 (field->dim->key, key) != 0)
        continue;
      gtk_widget_add_css_class (field->row, "error");
      adw_expander_row_set_expanded (self->expanders[field->dim->group], TRUE);
      gtk_widget_grab_focus (field->row);
      return;
    }
}
