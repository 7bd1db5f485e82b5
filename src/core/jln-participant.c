/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include <string.h>
#include "jln-participant-private.h"

static void update_names (JlnParticipant *self);
static void invalidate_haystack (JlnParticipant *self);

struct _JlnParticipant
{
  GObject parent_instance;

  gint64 id;
  char *first_name;
  char *last_name;
  char *display_name;
  char *initials;
  char *photo_path;
  gint64 territory_id;
  char *territory_name;
  gint64 coach_id;
  char *coach_name;
  GDateTime *entry_date;
  GDateTime *consents_answered_on;
  char *email;
  gboolean consent_internal;
  gboolean consent_kiosk;
  gboolean consent_print;
  gboolean consent_online;
  gboolean archived;
  guint badge_count;
  char *recipient_salt;
  gboolean erased;
  /* Folded "first last\nterritory", so a keystroke filters without allocating. */
  char *haystack;
};

G_DEFINE_FINAL_TYPE (JlnParticipant, jln_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_DISPLAY_NAME,
  PROP_INITIALS,
  PROP_PHOTO_PATH,
  PROP_TERRITORY_ID,
  PROP_TERRITORY_NAME,
  PROP_COACH_ID,
  PROP_COACH_NAME,
  PROP_ENTRY_DATE,
  PROP_CONSENTS_ANSWERED_ON,
  PROP_EMAIL,
  PROP_CONSENT_INTERNAL,
  PROP_CONSENT_KIOSK,
  PROP_CONSENT_PRINT,
  PROP_CONSENT_ONLINE,
  PROP_ARCHIVED,
  PROP_BADGE_COUNT,
  PROP_RECIPIENT_SALT,
  PROP_ERASED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jln_participant_finalize (GObject *object)
{
  JlnParticipant *self = (JlnParticipant *) object;

  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->display_name);
  g_free (self->initials);
  g_free (self->photo_path);
  g_free (self->territory_name);
  g_free (self->coach_name);
  g_clear_pointer (&self->entry_date, g_date_time_unref);
  g_clear_pointer (&self->consents_answered_on, g_date_time_unref);
  g_free (self->email);
  g_free (self->recipient_salt);
  g_free (self->haystack);

  G_OBJECT_CLASS (jln_participant_parent_class)->finalize (object);
}

static void
jln_participant_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JlnParticipant *self = JLN_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, jln_participant_get_id (self));
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, jln_participant_get_first_name (self));
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, jln_participant_get_last_name (self));
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, jln_participant_get_display_name (self));
      break;

    case PROP_INITIALS:
      g_value_set_string (value, jln_participant_get_initials (self));
      break;

    case PROP_PHOTO_PATH:
      g_value_set_string (value, jln_participant_get_photo_path (self));
      break;

    case PROP_TERRITORY_ID:
      g_value_set_int64 (value, jln_participant_get_territory_id (self));
      break;

    case PROP_TERRITORY_NAME:
      g_value_set_string (value, jln_participant_get_territory_name (self));
      break;

    case PROP_COACH_ID:
      g_value_set_int64 (value, jln_participant_get_coach_id (self));
      break;

    case PROP_COACH_NAME:
      g_value_set_string (value, jln_participant_get_coach_name (self));
      break;

    case PROP_ENTRY_DATE:
      g_value_set_boxed (value, jln_participant_get_entry_date (self));
      break;

    case PROP_CONSENTS_ANSWERED_ON:
      g_value_set_boxed (value, jln_participant_get_consents_answered_on (self));
      break;

    case PROP_EMAIL:
      g_value_set_string (value, jln_participant_get_email (self));
      break;

    case PROP_CONSENT_INTERNAL:
      g_value_set_boolean (value, jln_participant_get_consent_internal (self));
      break;

    case PROP_CONSENT_KIOSK:
      g_value_set_boolean (value, jln_participant_get_consent_kiosk (self));
      break;

    case PROP_CONSENT_PRINT:
      g_value_set_boolean (value, jln_participant_get_consent_print (self));
      break;

    case PROP_CONSENT_ONLINE:
      g_value_set_boolean (value, jln_participant_get_consent_online (self));
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, jln_participant_get_archived (self));
      break;

    case PROP_BADGE_COUNT:
      g_value_set_uint (value, jln_participant_get_badge_count (self));
      break;

    case PROP_RECIPIENT_SALT:
      g_value_set_string (value, jln_participant_get_recipient_salt (self));
      break;

    case PROP_ERASED:
      g_value_set_boolean (value, jln_participant_get_erased (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_participant_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JlnParticipant *self = JLN_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      jln_participant_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_FIRST_NAME:
      jln_participant_set_first_name (self, g_value_get_string (value));
      break;

    case PROP_LAST_NAME:
      jln_participant_set_last_name (self, g_value_get_string (value));
      break;

    case PROP_PHOTO_PATH:
      jln_participant_set_photo_path (self, g_value_get_string (value));
      break;

    case PROP_TERRITORY_ID:
      jln_participant_set_territory_id (self, g_value_get_int64 (value));
      break;

    case PROP_COACH_ID:
      jln_participant_set_coach_id (self, g_value_get_int64 (value));
      break;

    case PROP_ENTRY_DATE:
      jln_participant_set_entry_date (self, g_value_get_boxed (value));
      break;

    case PROP_CONSENTS_ANSWERED_ON:
      jln_participant_set_consents_answered_on (self, g_value_get_boxed (value));
      break;

    case PROP_EMAIL:
      jln_participant_set_email (self, g_value_get_string (value));
      break;

    case PROP_CONSENT_INTERNAL:
      jln_participant_set_consent_internal (self, g_value_get_boolean (value));
      break;

    case PROP_CONSENT_KIOSK:
      jln_participant_set_consent_kiosk (self, g_value_get_boolean (value));
      break;

    case PROP_CONSENT_PRINT:
      jln_participant_set_consent_print (self, g_value_get_boolean (value));
      break;

    case PROP_CONSENT_ONLINE:
      jln_participant_set_consent_online (self, g_value_get_boolean (value));
      break;

    case PROP_ARCHIVED:
      jln_participant_set_archived (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_participant_class_init (JlnParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jln_participant_finalize;
  object_class->get_property = jln_participant_get_property;
  object_class->set_property = jln_participant_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INITIALS] =
    g_param_spec_string ("initials", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHOTO_PATH] =
    g_param_spec_string ("photo-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TERRITORY_ID] =
    g_param_spec_int64 ("territory-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TERRITORY_NAME] =
    g_param_spec_string ("territory-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COACH_ID] =
    g_param_spec_int64 ("coach-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COACH_NAME] =
    g_param_spec_string ("coach-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENTS_ANSWERED_ON] =
    g_param_spec_boxed ("consents-answered-on", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTRY_DATE] =
    g_param_spec_boxed ("entry-date", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT_INTERNAL] =
    g_param_spec_boolean ("consent-internal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT_KIOSK] =
    g_param_spec_boolean ("consent-kiosk", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT_PRINT] =
    g_param_spec_boolean ("consent-print", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT_ONLINE] =
    g_param_spec_boolean ("consent-online", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Read-only: only the store erases (jln_store_erase_participant()). */
  properties[PROP_ERASED] =
    g_param_spec_boolean ("erased", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE_COUNT] =
    g_param_spec_uint ("badge-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECIPIENT_SALT] =
    g_param_spec_string ("recipient-salt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_participant_init (JlnParticipant *self)
{
}

JlnParticipant *
jln_participant_new (const char *first_name,
                     const char *last_name)
{
  return g_object_new (JLN_TYPE_PARTICIPANT,
                       "first-name", first_name,
                       "last-name", last_name,
                       NULL);
}

gint64
jln_participant_get_id (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), 0);

  return self->id;
}

void
jln_participant_set_id (JlnParticipant *self,
                        gint64 value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
jln_participant_get_first_name (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->first_name;
}

void
jln_participant_set_first_name (JlnParticipant *self,
                                const char *value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->first_name, value) == 0)
    return;

  g_free (self->first_name);
  self->first_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_NAME]);
  update_names (self);
}

const char *
jln_participant_get_last_name (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->last_name;
}

void
jln_participant_set_last_name (JlnParticipant *self,
                               const char *value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->last_name, value) == 0)
    return;

  g_free (self->last_name);
  self->last_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_NAME]);
  update_names (self);
}

const char *
jln_participant_get_display_name (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->display_name;
}

const char *
jln_participant_get_initials (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->initials;
}

const char *
jln_participant_get_photo_path (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->photo_path;
}

void
jln_participant_set_photo_path (JlnParticipant *self,
                                const char *value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->photo_path, value) == 0)
    return;

  g_free (self->photo_path);
  self->photo_path = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO_PATH]);
}

gint64
jln_participant_get_territory_id (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), 0);

  return self->territory_id;
}

void
jln_participant_set_territory_id (JlnParticipant *self,
                                  gint64 value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (self->territory_id == value)
    return;

  self->territory_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERRITORY_ID]);
}

const char *
jln_participant_get_territory_name (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->territory_name;
}

void
jln_participant_set_territory_name (JlnParticipant *self,
                                    const char *value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->territory_name, value) == 0)
    return;

  g_free (self->territory_name);
  self->territory_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERRITORY_NAME]);
  invalidate_haystack (self);
}

gint64
jln_participant_get_coach_id (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), 0);

  return self->coach_id;
}

void
jln_participant_set_coach_id (JlnParticipant *self,
                              gint64 value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (self->coach_id == value)
    return;

  self->coach_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH_ID]);
}

const char *
jln_participant_get_coach_name (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->coach_name;
}

void
jln_participant_set_coach_name (JlnParticipant *self,
                                const char *value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->coach_name, value) == 0)
    return;

  g_free (self->coach_name);
  self->coach_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH_NAME]);
}

GDateTime *
jln_participant_get_entry_date (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->entry_date;
}

void
jln_participant_set_entry_date (JlnParticipant *self,
                                GDateTime *value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (self->entry_date == value
      || (self->entry_date != NULL && value != NULL && g_date_time_equal (self->entry_date, value)))
    return;

  g_clear_pointer (&self->entry_date, g_date_time_unref);
  self->entry_date = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY_DATE]);
}

const char *
jln_participant_get_email (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->email;
}

void
jln_participant_set_email (JlnParticipant *self,
                           const char *value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->email, value) == 0)
    return;

  g_free (self->email);
  self->email = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

gboolean
jln_participant_get_consent_internal (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), 0);

  return self->consent_internal;
}

void
jln_participant_set_consent_internal (JlnParticipant *self,
                                      gboolean value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  value = !!value;
  if (self->consent_internal == value)
    return;

  self->consent_internal = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_INTERNAL]);
}

gboolean
jln_participant_get_consent_kiosk (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), 0);

  return self->consent_kiosk;
}

void
jln_participant_set_consent_kiosk (JlnParticipant *self,
                                   gboolean value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  value = !!value;
  if (self->consent_kiosk == value)
    return;

  self->consent_kiosk = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_KIOSK]);
}

gboolean
jln_participant_get_consent_print (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), 0);

  return self->consent_print;
}

void
jln_participant_set_consent_print (JlnParticipant *self,
                                   gboolean value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  value = !!value;
  if (self->consent_print == value)
    return;

  self->consent_print = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_PRINT]);
}

gboolean
jln_participant_get_consent_online (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), 0);

  return self->consent_online;
}

void
jln_participant_set_consent_online (JlnParticipant *self,
                                    gboolean value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  value = !!value;
  if (self->consent_online == value)
    return;

  self->consent_online = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_ONLINE]);
}

gboolean
jln_participant_get_archived (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), 0);

  return self->archived;
}

void
jln_participant_set_archived (JlnParticipant *self,
                              gboolean value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  value = !!value;
  if (self->archived == value)
    return;

  self->archived = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

guint
jln_participant_get_badge_count (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), 0);

  return self->badge_count;
}

void
jln_participant_set_badge_count (JlnParticipant *self,
                                 guint value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (self->badge_count == value)
    return;

  self->badge_count = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE_COUNT]);
}

const char *
jln_participant_get_recipient_salt (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->recipient_salt;
}

void
jln_participant_set_recipient_salt (JlnParticipant *self,
                                    const char *value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->recipient_salt, value) == 0)
    return;

  g_free (self->recipient_salt);
  self->recipient_salt = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENT_SALT]);
}

gboolean
jln_participant_get_erased (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), FALSE);

  return self->erased;
}

void
jln_participant_set_erased (JlnParticipant *self,
                            gboolean        value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  value = !!value;
  if (self->erased == value)
    return;

  self->erased = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERASED]);
}

static char *
first_char_upper (const char *s)
{
  gunichar c;
  char buf[8];
  int len;

  if (s == NULL)
    return g_strdup ("");
  while (*s && g_unichar_isspace (g_utf8_get_char (s)))
    s = g_utf8_next_char (s);
  if (*s == '\0')
    return g_strdup ("");
  c = g_unichar_toupper (g_utf8_get_char (s));
  len = g_unichar_to_utf8 (c, buf);
  return g_strndup (buf, len);
}

static void
invalidate_haystack (JlnParticipant *self)
{
  /* Built on first use: loading 10,000 people must not fold 30,000 strings. */
  g_clear_pointer (&self->haystack, g_free);
}

static const char *
ensure_haystack (JlnParticipant *self)
{
  g_autofree char *joined = NULL;

  if (self->haystack != NULL)
    return self->haystack;

  joined = g_strdup_printf ("%s %s\n%s",
                            self->first_name ? self->first_name : "",
                            self->last_name ? self->last_name : "",
                            self->territory_name ? self->territory_name : "");
  self->haystack = jln_fold_for_search (joined);
  return self->haystack;
}

static void
update_names (JlnParticipant *self)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *display = NULL;
  g_autofree char *initials = NULL;
  const char *first_name = self->first_name ? self->first_name : "";

  first = first_char_upper (self->first_name);
  last = first_char_upper (self->last_name);

  if (*last != '\0' && *first_name != '\0')
    display = g_strdup_printf ("%s %s.", first_name, last);
  else if (*first_name != '\0')
    display = g_strdup (first_name);
  else
    display = g_strdup (self->last_name ? self->last_name : "");
  initials = g_strconcat (first, last, NULL);

  if (g_strcmp0 (display, self->display_name) != 0)
    {
      g_free (self->display_name);
      self->display_name = g_steal_pointer (&display);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
    }
  if (g_strcmp0 (initials, self->initials) != 0)
    {
      g_free (self->initials);
      self->initials = g_steal_pointer (&initials);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIALS]);
    }
  invalidate_haystack (self);
}

gboolean
jln_participant_matches (JlnParticipant *self,
                         const char     *folded_needle)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), FALSE);

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;
  return strstr (ensure_haystack (self), folded_needle) != NULL;
}

const char *
jln_participant_get_sort_key (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), "");

  return ensure_haystack (self);
}

char *
jln_fold_for_search (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *stripped;

  if (text == NULL)
    return g_strdup ("");

  /* Most names are plain ASCII, for which NFKD and case folding come down
   * to lower-casing: skip the Unicode work (it halves sorting 10,000
   * participants at start-up). */
  {
    const char *q = text;

    while (*q != '\0' && (guchar) *q < 0x80)
      q++;
    if (*q == '\0')
      return g_ascii_strdown (text, -1);
  }

  /* Decompose so accents become separate combining marks we can drop:
   * a coach typing "emilie" must find "Émilie". */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (stripped, g_ascii_tolower (*p));
          continue;
        }
      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          break;
        default:
          g_string_append_unichar (stripped, c);
        }
    }

  {
    g_autofree char *plain = g_string_free (stripped, FALSE);
    return g_utf8_casefold (plain, -1);
  }
}

GDateTime *
jln_participant_get_consents_answered_on (JlnParticipant *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (self), NULL);

  return self->consents_answered_on;
}

void
jln_participant_set_consents_answered_on (JlnParticipant *self,
                                          GDateTime      *value)
{
  g_return_if_fail (JLN_IS_PARTICIPANT (self));

  if (self->consents_answered_on == value
      || (self->consents_answered_on != NULL && value != NULL
          && g_date_time_equal (self->consents_answered_on, value)))
    return;
  g_clear_pointer (&self->consents_answered_on, g_date_time_unref);
  self->consents_answered_on = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENTS_ANSWERED_ON]);
}
