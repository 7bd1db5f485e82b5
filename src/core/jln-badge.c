/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include <gio/gio.h>
#include "jln-criterion.h"
#include "jln-badge.h"

struct _JlnBadge
{
  GObject parent_instance;

  gint64 id;
  gint64 version_id;
  guint version;
  char *slug;
  char *name;
  char *easy_text;
  char *description;
  char *theme;
  JlnBadgeKind kind;
  char *image_svg;
  JlnBadgeStatus status;
  guint holder_count;
  GDateTime *created_at;
  GListStore *criteria;
};

G_DEFINE_FINAL_TYPE (JlnBadge, jln_badge, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION_ID,
  PROP_VERSION,
  PROP_SLUG,
  PROP_NAME,
  PROP_EASY_TEXT,
  PROP_DESCRIPTION,
  PROP_THEME,
  PROP_KIND,
  PROP_IMAGE_SVG,
  PROP_STATUS,
  PROP_HOLDER_COUNT,
  PROP_CREATED_AT,
  PROP_CRITERIA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jln_badge_finalize (GObject *object)
{
  JlnBadge *self = (JlnBadge *) object;

  g_free (self->slug);
  g_free (self->name);
  g_free (self->easy_text);
  g_free (self->description);
  g_free (self->theme);
  g_free (self->image_svg);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_object (&self->criteria);

  G_OBJECT_CLASS (jln_badge_parent_class)->finalize (object);
}

static void
jln_badge_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  JlnBadge *self = JLN_BADGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, jln_badge_get_id (self));
      break;

    case PROP_VERSION_ID:
      g_value_set_int64 (value, jln_badge_get_version_id (self));
      break;

    case PROP_VERSION:
      g_value_set_uint (value, jln_badge_get_version (self));
      break;

    case PROP_SLUG:
      g_value_set_string (value, jln_badge_get_slug (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, jln_badge_get_name (self));
      break;

    case PROP_EASY_TEXT:
      g_value_set_string (value, jln_badge_get_easy_text (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, jln_badge_get_description (self));
      break;

    case PROP_THEME:
      g_value_set_string (value, jln_badge_get_theme (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, jln_badge_get_kind (self));
      break;

    case PROP_IMAGE_SVG:
      g_value_set_string (value, jln_badge_get_image_svg (self));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, jln_badge_get_status (self));
      break;

    case PROP_HOLDER_COUNT:
      g_value_set_uint (value, jln_badge_get_holder_count (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, jln_badge_get_created_at (self));
      break;

    case PROP_CRITERIA:
      g_value_set_object (value, jln_badge_get_criteria (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  JlnBadge *self = JLN_BADGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      jln_badge_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_VERSION_ID:
      jln_badge_set_version_id (self, g_value_get_int64 (value));
      break;

    case PROP_VERSION:
      jln_badge_set_version (self, g_value_get_uint (value));
      break;

    case PROP_SLUG:
      jln_badge_set_slug (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      jln_badge_set_name (self, g_value_get_string (value));
      break;

    case PROP_EASY_TEXT:
      jln_badge_set_easy_text (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      jln_badge_set_description (self, g_value_get_string (value));
      break;

    case PROP_THEME:
      jln_badge_set_theme (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      jln_badge_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_IMAGE_SVG:
      jln_badge_set_image_svg (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      jln_badge_set_status (self, g_value_get_enum (value));
      break;

    case PROP_HOLDER_COUNT:
      jln_badge_set_holder_count (self, g_value_get_uint (value));
      break;

    case PROP_CREATED_AT:
      jln_badge_set_created_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_class_init (JlnBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jln_badge_finalize;
  object_class->get_property = jln_badge_get_property;
  object_class->set_property = jln_badge_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION_ID] =
    g_param_spec_int64 ("version-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_uint ("version", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EASY_TEXT] =
    g_param_spec_string ("easy-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEME] =
    g_param_spec_string ("theme", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, JLN_TYPE_BADGE_KIND, JLN_BADGE_KIND_SAVOIR_FAIRE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMAGE_SVG] =
    g_param_spec_string ("image-svg", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, JLN_TYPE_BADGE_STATUS, JLN_BADGE_STATUS_DRAFT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOLDER_COUNT] =
    g_param_spec_uint ("holder-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CRITERIA] =
    g_param_spec_object ("criteria", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_badge_init (JlnBadge *self)
{
  self->version = 1;
  self->kind = JLN_BADGE_KIND_SAVOIR_FAIRE;
  self->criteria = g_list_store_new (JLN_TYPE_CRITERION);
}

JlnBadge *
jln_badge_new (const char *slug,
               const char *name)
{
  return g_object_new (JLN_TYPE_BADGE, "slug", slug, "name", name, NULL);
}

gint64
jln_badge_get_id (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), 0);

  return self->id;
}

void
jln_badge_set_id (JlnBadge *self,
                  gint64 value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
jln_badge_get_version_id (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), 0);

  return self->version_id;
}

void
jln_badge_set_version_id (JlnBadge *self,
                          gint64 value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (self->version_id == value)
    return;

  self->version_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION_ID]);
}

guint
jln_badge_get_version (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), 0);

  return self->version;
}

void
jln_badge_set_version (JlnBadge *self,
                       guint value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (self->version == value)
    return;

  self->version = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}

const char *
jln_badge_get_slug (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), NULL);

  return self->slug;
}

void
jln_badge_set_slug (JlnBadge *self,
                    const char *value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (g_strcmp0 (self->slug, value) == 0)
    return;

  g_free (self->slug);
  self->slug = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLUG]);
}

const char *
jln_badge_get_name (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), NULL);

  return self->name;
}

void
jln_badge_set_name (JlnBadge *self,
                    const char *value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (g_strcmp0 (self->name, value) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
jln_badge_get_easy_text (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), NULL);

  return self->easy_text;
}

void
jln_badge_set_easy_text (JlnBadge *self,
                         const char *value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (g_strcmp0 (self->easy_text, value) == 0)
    return;

  g_free (self->easy_text);
  self->easy_text = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EASY_TEXT]);
}

const char *
jln_badge_get_description (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), NULL);

  return self->description;
}

void
jln_badge_set_description (JlnBadge *self,
                           const char *value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (g_strcmp0 (self->description, value) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
jln_badge_get_theme (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), NULL);

  return self->theme;
}

void
jln_badge_set_theme (JlnBadge *self,
                     const char *value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (g_strcmp0 (self->theme, value) == 0)
    return;

  g_free (self->theme);
  self->theme = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

JlnBadgeKind
jln_badge_get_kind (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), 0);

  return self->kind;
}

void
jln_badge_set_kind (JlnBadge *self,
                    JlnBadgeKind value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (self->kind == value)
    return;

  self->kind = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
jln_badge_get_image_svg (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), NULL);

  return self->image_svg;
}

void
jln_badge_set_image_svg (JlnBadge *self,
                         const char *value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (g_strcmp0 (self->image_svg, value) == 0)
    return;

  g_free (self->image_svg);
  self->image_svg = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_SVG]);
}

JlnBadgeStatus
jln_badge_get_status (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), 0);

  return self->status;
}

void
jln_badge_set_status (JlnBadge *self,
                      JlnBadgeStatus value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (self->status == value)
    return;

  self->status = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

guint
jln_badge_get_holder_count (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), 0);

  return self->holder_count;
}

void
jln_badge_set_holder_count (JlnBadge *self,
                            guint value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (self->holder_count == value)
    return;

  self->holder_count = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLDER_COUNT]);
}

GDateTime *
jln_badge_get_created_at (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), NULL);

  return self->created_at;
}

void
jln_badge_set_created_at (JlnBadge  *self,
                          GDateTime *value)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  if (self->created_at == value
      || (self->created_at != NULL && value != NULL && g_date_time_equal (self->created_at, value)))
    return;

  g_clear_pointer (&self->created_at, g_date_time_unref);
  self->created_at = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

GListModel *
jln_badge_get_criteria (JlnBadge *self)
{
  g_return_val_if_fail (JLN_IS_BADGE (self), NULL);

  return G_LIST_MODEL (self->criteria);
}

void
jln_badge_add_criterion (JlnBadge   *self,
                         const char *text,
                         gboolean    required)
{
  g_autoptr(JlnCriterion) criterion = NULL;

  g_return_if_fail (JLN_IS_BADGE (self));
  g_return_if_fail (text != NULL);

  criterion = jln_criterion_new (text, required);
  jln_criterion_set_position (criterion, g_list_model_get_n_items (G_LIST_MODEL (self->criteria)));
  g_list_store_append (self->criteria, criterion);
}

void
jln_badge_clear_criteria (JlnBadge *self)
{
  g_return_if_fail (JLN_IS_BADGE (self));

  g_list_store_remove_all (self->criteria);
}
