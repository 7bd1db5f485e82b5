/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include "jln-territory.h"

struct _JlnTerritory
{
  GObject parent_instance;

  gint64 id;
  char *name;
};

G_DEFINE_FINAL_TYPE (JlnTerritory, jln_territory, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jln_territory_finalize (GObject *object)
{
  JlnTerritory *self = (JlnTerritory *) object;

  g_free (self->name);

  G_OBJECT_CLASS (jln_territory_parent_class)->finalize (object);
}

static void
jln_territory_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JlnTerritory *self = JLN_TERRITORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, jln_territory_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, jln_territory_get_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_territory_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  JlnTerritory *self = JLN_TERRITORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      jln_territory_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      jln_territory_set_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_territory_class_init (JlnTerritoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jln_territory_finalize;
  object_class->get_property = jln_territory_get_property;
  object_class->set_property = jln_territory_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_territory_init (JlnTerritory *self)
{
}

JlnTerritory *
jln_territory_new (const char *name)
{
  return g_object_new (JLN_TYPE_TERRITORY, "name", name, NULL);
}

gint64
jln_territory_get_id (JlnTerritory *self)
{
  g_return_val_if_fail (JLN_IS_TERRITORY (self), 0);

  return self->id;
}

void
jln_territory_set_id (JlnTerritory *self,
                      gint64 value)
{
  g_return_if_fail (JLN_IS_TERRITORY (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
jln_territory_get_name (JlnTerritory *self)
{
  g_return_val_if_fail (JLN_IS_TERRITORY (self), NULL);

  return self->name;
}

void
jln_territory_set_name (JlnTerritory *self,
                        const char *value)
{
  g_return_if_fail (JLN_IS_TERRITORY (self));

  if (g_strcmp0 (self->name, value) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

