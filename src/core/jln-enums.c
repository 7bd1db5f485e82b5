#define G_LOG_DOMAIN "jln-core"

#include <glib/gi18n.h>

#include "jln-enums.h"

/* Registered by hand: three small enums do not justify glib-mkenums. */

static const GEnumValue badge_kind_values[] = {
  { JLN_BADGE_KIND_SAVOIR, "JLN_BADGE_KIND_SAVOIR", "savoir" },
  { JLN_BADGE_KIND_SAVOIR_FAIRE, "JLN_BADGE_KIND_SAVOIR_FAIRE", "savoir-faire" },
  { JLN_BADGE_KIND_SAVOIR_ETRE, "JLN_BADGE_KIND_SAVOIR_ETRE", "savoir-etre" },
  { 0, NULL, NULL }
};

static const GEnumValue badge_status_values[] = {
  { JLN_BADGE_STATUS_DRAFT, "JLN_BADGE_STATUS_DRAFT", "draft" },
  { JLN_BADGE_STATUS_ACTIVE, "JLN_BADGE_STATUS_ACTIVE", "active" },
  { JLN_BADGE_STATUS_ARCHIVED, "JLN_BADGE_STATUS_ARCHIVED", "archived" },
  { 0, NULL, NULL }
};

static const GEnumValue award_status_values[] = {
  { JLN_AWARD_STATUS_ACTIVE, "JLN_AWARD_STATUS_ACTIVE", "active" },
  { JLN_AWARD_STATUS_REVOKED, "JLN_AWARD_STATUS_REVOKED", "revoked" },
  { 0, NULL, NULL }
};

GType
jln_badge_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id,
                       g_enum_register_static (g_intern_static_string ("JlnBadgeKind"),
                                               badge_kind_values));
  return type_id;
}

GType
jln_badge_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id,
                       g_enum_register_static (g_intern_static_string ("JlnBadgeStatus"),
                                               badge_status_values));
  return type_id;
}

GType
jln_award_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id,
                       g_enum_register_static (g_intern_static_string ("JlnAwardStatus"),
                                               award_status_values));
  return type_id;
}

static const char *
nick_for (const GEnumValue *values, int value)
{
  for (guint i = 0; values[i].value_nick != NULL; i++)
    if (values[i].value == value)
      return values[i].value_nick;
  return NULL;
}

static gboolean
value_for (const GEnumValue *values, const char *nick, int *out)
{
  if (nick == NULL)
    return FALSE;
  for (guint i = 0; values[i].value_nick != NULL; i++)
    if (g_str_equal (values[i].value_nick, nick))
      {
        *out = values[i].value;
        return TRUE;
      }
  return FALSE;
}

const char *
jln_badge_kind_to_string (JlnBadgeKind kind)
{
  return nick_for (badge_kind_values, kind);
}

gboolean
jln_badge_kind_from_string (const char *s, JlnBadgeKind *out)
{
  int v;

  if (!value_for (badge_kind_values, s, &v))
    return FALSE;
  if (out)
    *out = v;
  return TRUE;
}

const char *
jln_badge_status_to_string (JlnBadgeStatus status)
{
  return nick_for (badge_status_values, status);
}

gboolean
jln_badge_status_from_string (const char *s, JlnBadgeStatus *out)
{
  int v;

  if (!value_for (badge_status_values, s, &v))
    return FALSE;
  if (out)
    *out = v;
  return TRUE;
}

const char *
jln_award_status_to_string (JlnAwardStatus status)
{
  return nick_for (award_status_values, status);
}

const char *
jln_badge_kind_get_display_name (JlnBadgeKind kind)
{
  switch (kind)
    {
    case JLN_BADGE_KIND_SAVOIR:
      return C_("badge kind", "Knowledge");
    case JLN_BADGE_KIND_SAVOIR_FAIRE:
      return C_("badge kind", "Skill");
    case JLN_BADGE_KIND_SAVOIR_ETRE:
      return C_("badge kind", "Attitude");
    default:
      return "";
    }
}

gboolean
jln_award_status_from_string (const char *s, JlnAwardStatus *out)
{
  int v;

  if (!value_for (award_status_values, s, &v))
    return FALSE;
  if (out)
    *out = v;
  return TRUE;
}
