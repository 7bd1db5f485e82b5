/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include "jln-criterion.h"

struct _JlnCriterion
{
  GObject parent_instance;

  gint64 id;
  guint position;
  char *text;
  gboolean required;
};

G_DEFINE_FINAL_TYPE (JlnCriterion, jln_criterion, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_POSITION,
  PROP_TEXT,
  PROP_REQUIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jln_criterion_finalize (GObject *object)
{
  JlnCriterion *self = (JlnCriterion *) object;

  g_free (self->text);

  G_OBJECT_CLASS (jln_criterion_parent_class)->finalize (object);
}

static void
jln_criterion_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JlnCriterion *self = JLN_CRITERION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, jln_criterion_get_id (self));
      break;

    case PROP_POSITION:
      g_value_set_uint (value, jln_criterion_get_position (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, jln_criterion_get_text (self));
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, jln_criterion_get_required (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_criterion_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  JlnCriterion *self = JLN_CRITERION (object);

  switch (prop_id)
    {
    case PROP_ID:
      jln_criterion_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_POSITION:
      jln_criterion_set_position (self, g_value_get_uint (value));
      break;

    case PROP_TEXT:
      jln_criterion_set_text (self, g_value_get_string (value));
      break;

    case PROP_REQUIRED:
      jln_criterion_set_required (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_criterion_class_init (JlnCriterionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jln_criterion_finalize;
  object_class->get_property = jln_criterion_get_property;
  object_class->set_property = jln_criterion_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_criterion_init (JlnCriterion *self)
{
  self->required = TRUE;
}

JlnCriterion *
jln_criterion_new (const char *text,
                   gboolean    required)
{
  return g_object_new (JLN_TYPE_CRITERION, "text", text, "required", required, NULL);
}

gint64
jln_criterion_get_id (JlnCriterion *self)
{
  g_return_val_if_fail (JLN_IS_CRITERION (self), 0);

  return self->id;
}

void
jln_criterion_set_id (JlnCriterion *self,
                      gint64 value)
{
  g_return_if_fail (JLN_IS_CRITERION (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

guint
jln_criterion_get_position (JlnCriterion *self)
{
  g_return_val_if_fail (JLN_IS_CRITERION (self), 0);

  return self->position;
}

void
jln_criterion_set_position (JlnCriterion *self,
                            guint value)
{
  g_return_if_fail (JLN_IS_CRITERION (self));

  if (self->position == value)
    return;

  self->position = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

const char *
jln_criterion_get_text (JlnCriterion *self)
{
  g_return_val_if_fail (JLN_IS_CRITERION (self), NULL);

  return self->text;
}

void
jln_criterion_set_text (JlnCriterion *self,
                        const char *value)
{
  g_return_if_fail (JLN_IS_CRITERION (self));

  if (g_strcmp0 (self->text, value) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

gboolean
jln_criterion_get_required (JlnCriterion *self)
{
  g_return_val_if_fail (JLN_IS_CRITERION (self), 0);

  return self->required;
}

void
jln_criterion_set_required (JlnCriterion *self,
                            gboolean value)
{
  g_return_if_fail (JLN_IS_CRITERION (self));

  value = !!value;
  if (self->required == value)
    return;

  self->required = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED]);
}

