/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include <glib/gi18n.h>

#include "jln-enums.h"

/* The stable strings are the nicks glib-mkenums derives from the value
 * names (JLN_BADGE_KIND_SAVOIR_FAIRE -> "savoir-faire"): one list, the enum. */

/* Store loads call these once per row: peek the class, and take a reference
 * only the first time (static enum classes live as long as the program). */
static GEnumClass *
enum_class (GType type)
{
  GEnumClass *klass = g_type_class_peek (type);

  return klass ? klass : g_type_class_ref (type);
}

static const char *
nick_for (GType type, int value)
{
  GEnumValue *v = g_enum_get_value (enum_class (type), value);

  return v ? v->value_nick : NULL;
}

static gboolean
value_for (GType type, const char *nick, int *out)
{
  GEnumValue *v;

  if (nick == NULL)
    return FALSE;
  v = g_enum_get_value_by_nick (enum_class (type), nick);
  if (v == NULL)
    return FALSE;
  *out = v->value;
  return TRUE;
}

const char *
jln_badge_kind_to_string (JlnBadgeKind kind)
{
  return nick_for (JLN_TYPE_BADGE_KIND, kind);
}

gboolean
jln_badge_kind_from_string (const char *s, JlnBadgeKind *out)
{
  int v;

  if (!value_for (JLN_TYPE_BADGE_KIND, s, &v))
    return FALSE;
  if (out)
    *out = v;
  return TRUE;
}

const char *
jln_badge_status_to_string (JlnBadgeStatus status)
{
  return nick_for (JLN_TYPE_BADGE_STATUS, status);
}

gboolean
jln_badge_status_from_string (const char *s, JlnBadgeStatus *out)
{
  int v;

  if (!value_for (JLN_TYPE_BADGE_STATUS, s, &v))
    return FALSE;
  if (out)
    *out = v;
  return TRUE;
}

const char *
jln_award_status_to_string (JlnAwardStatus status)
{
  return nick_for (JLN_TYPE_AWARD_STATUS, status);
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

  if (!value_for (JLN_TYPE_AWARD_STATUS, s, &v))
    return FALSE;
  if (out)
    *out = v;
  return TRUE;
}

const char *
jln_role_to_string (JlnRole role)
{
  return nick_for (JLN_TYPE_ROLE, role);
}

gboolean
jln_role_from_string (const char *s, JlnRole *out)
{
  int v;

  if (!value_for (JLN_TYPE_ROLE, s, &v))
    return FALSE;
  if (out)
    *out = v;
  return TRUE;
}

const char *
jln_role_get_display_name (JlnRole role)
{
  switch (role)
    {
    case JLN_ROLE_COACH:
      return C_("account role", "Coach");
    case JLN_ROLE_LEAD:
      return C_("account role", "Programme lead");
    case JLN_ROLE_ADMIN:
      return C_("account role", "Administrator");
    case JLN_ROLE_NONE:
    default:
      return "";
    }
}
