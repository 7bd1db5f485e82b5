/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include "jln-audit-event.h"

/* A journal row never changes once written, so every property is construct-only. */
struct _JlnAuditEvent
{
  GObject parent_instance;

  gint64 id;
  GDateTime *at;
  char *actor;
  char *action;
  char *subject;
  char *detail;
};

G_DEFINE_FINAL_TYPE (JlnAuditEvent, jln_audit_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AT,
  PROP_ACTOR,
  PROP_ACTION,
  PROP_SUBJECT,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jln_audit_event_finalize (GObject *object)
{
  JlnAuditEvent *self = (JlnAuditEvent *) object;

  g_clear_pointer (&self->at, g_date_time_unref);
  g_free (self->actor);
  g_free (self->action);
  g_free (self->subject);
  g_free (self->detail);

  G_OBJECT_CLASS (jln_audit_event_parent_class)->finalize (object);
}

static void
jln_audit_event_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JlnAuditEvent *self = JLN_AUDIT_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_AT:
      g_value_set_boxed (value, self->at);
      break;

    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;

    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_audit_event_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JlnAuditEvent *self = JLN_AUDIT_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_AT:
      self->at = g_value_dup_boxed (value);
      break;

    case PROP_ACTOR:
      self->actor = g_value_dup_string (value);
      break;

    case PROP_ACTION:
      self->action = g_value_dup_string (value);
      break;

    case PROP_SUBJECT:
      self->subject = g_value_dup_string (value);
      break;

    case PROP_DETAIL:
      self->detail = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_audit_event_class_init (JlnAuditEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = jln_audit_event_finalize;
  object_class->get_property = jln_audit_event_get_property;
  object_class->set_property = jln_audit_event_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AT] =
    g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL, flags);
  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_audit_event_init (JlnAuditEvent *self)
{
}

JlnAuditEvent *
jln_audit_event_new (gint64      id,
                     GDateTime  *at,
                     const char *actor,
                     const char *action,
                     const char *subject,
                     const char *detail)
{
  return g_object_new (JLN_TYPE_AUDIT_EVENT,
                       "id", id,
                       "at", at,
                       "actor", actor,
                       "action", action,
                       "subject", subject,
                       "detail", detail,
                       NULL);
}

gint64
jln_audit_event_get_id (JlnAuditEvent *self)
{
  g_return_val_if_fail (JLN_IS_AUDIT_EVENT (self), 0);
  return self->id;
}

GDateTime *
jln_audit_event_get_at (JlnAuditEvent *self)
{
  g_return_val_if_fail (JLN_IS_AUDIT_EVENT (self), NULL);
  return self->at;
}

const char *
jln_audit_event_get_actor (JlnAuditEvent *self)
{
  g_return_val_if_fail (JLN_IS_AUDIT_EVENT (self), NULL);
  return self->actor;
}

const char *
jln_audit_event_get_action (JlnAuditEvent *self)
{
  g_return_val_if_fail (JLN_IS_AUDIT_EVENT (self), NULL);
  return self->action;
}

const char *
jln_audit_event_get_subject (JlnAuditEvent *self)
{
  g_return_val_if_fail (JLN_IS_AUDIT_EVENT (self), NULL);
  return self->subject;
}

const char *
jln_audit_event_get_detail (JlnAuditEvent *self)
{
  g_return_val_if_fail (JLN_IS_AUDIT_EVENT (self), NULL);
  return self->detail;
}
