/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include "jln-coach.h"

struct _JlnCoach
{
  GObject parent_instance;

  gint64 id;
  char *name;
  gint64 territory_id;
  char *email;
  JlnRole role;
};

G_DEFINE_FINAL_TYPE (JlnCoach, jln_coach, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TERRITORY_ID,
  PROP_EMAIL,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jln_coach_finalize (GObject *object)
{
  JlnCoach *self = (JlnCoach *) object;

  g_free (self->name);
  g_free (self->email);

  G_OBJECT_CLASS (jln_coach_parent_class)->finalize (object);
}

static void
jln_coach_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  JlnCoach *self = JLN_COACH (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, jln_coach_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, jln_coach_get_name (self));
      break;

    case PROP_TERRITORY_ID:
      g_value_set_int64 (value, jln_coach_get_territory_id (self));
      break;

    case PROP_EMAIL:
      g_value_set_string (value, jln_coach_get_email (self));
      break;

    case PROP_ROLE:
      g_value_set_enum (value, jln_coach_get_role (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_coach_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  JlnCoach *self = JLN_COACH (object);

  switch (prop_id)
    {
    case PROP_ID:
      jln_coach_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      jln_coach_set_name (self, g_value_get_string (value));
      break;

    case PROP_TERRITORY_ID:
      jln_coach_set_territory_id (self, g_value_get_int64 (value));
      break;

    case PROP_EMAIL:
      jln_coach_set_email (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      jln_coach_set_role (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_coach_class_init (JlnCoachClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jln_coach_finalize;
  object_class->get_property = jln_coach_get_property;
  object_class->set_property = jln_coach_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TERRITORY_ID] =
    g_param_spec_int64 ("territory-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       JLN_TYPE_ROLE, JLN_ROLE_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_coach_init (JlnCoach *self)
{
}

JlnCoach *
jln_coach_new (const char *name)
{
  return g_object_new (JLN_TYPE_COACH, "name", name, NULL);
}

gint64
jln_coach_get_id (JlnCoach *self)
{
  g_return_val_if_fail (JLN_IS_COACH (self), 0);

  return self->id;
}

void
jln_coach_set_id (JlnCoach *self,
                  gint64 value)
{
  g_return_if_fail (JLN_IS_COACH (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
jln_coach_get_name (JlnCoach *self)
{
  g_return_val_if_fail (JLN_IS_COACH (self), NULL);

  return self->name;
}

void
jln_coach_set_name (JlnCoach *self,
                    const char *value)
{
  g_return_if_fail (JLN_IS_COACH (self));

  if (g_strcmp0 (self->name, value) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
jln_coach_get_territory_id (JlnCoach *self)
{
  g_return_val_if_fail (JLN_IS_COACH (self), 0);

  return self->territory_id;
}

void
jln_coach_set_territory_id (JlnCoach *self,
                            gint64 value)
{
  g_return_if_fail (JLN_IS_COACH (self));

  if (self->territory_id == value)
    return;

  self->territory_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERRITORY_ID]);
}

const char *
jln_coach_get_email (JlnCoach *self)
{
  g_return_val_if_fail (JLN_IS_COACH (self), NULL);

  return self->email;
}

void
jln_coach_set_email (JlnCoach *self,
                     const char *value)
{
  g_return_if_fail (JLN_IS_COACH (self));

  if (g_strcmp0 (self->email, value) == 0)
    return;

  g_free (self->email);
  self->email = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}


JlnRole
jln_coach_get_role (JlnCoach *self)
{
  g_return_val_if_fail (JLN_IS_COACH (self), JLN_ROLE_NONE);

  return self->role;
}

void
jln_coach_set_role (JlnCoach *self,
                    JlnRole   value)
{
  g_return_if_fail (JLN_IS_COACH (self));

  if (self->role == value)
    return;

  self->role = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}
