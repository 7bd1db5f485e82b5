/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include <string.h>
#include <glib/gi18n.h>

#include "jln-award.h"

/* g_strv_equal() does not accept NULL; an empty list and NULL are the same here. */
static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || a[0] == NULL)
    return b == NULL || b[0] == NULL;
  if (b == NULL)
    return FALSE;
  return g_strv_equal (a, b);
}

struct _JlnAward
{
  GObject parent_instance;

  gint64 id;
  gint64 participant_id;
  gint64 badge_id;
  gint64 badge_version_id;
  guint badge_version;
  char *badge_name;
  gint64 coach_id;
  char *coach_name;
  GDateTime *awarded_on;
  char **criteria_met;
  char *evidence_note;
  gboolean evidence_note_shared;
  char **evidence_files_shared;
  char **evidence_files;
  JlnAwardStatus status;
  char *revoke_reason;
  GDateTime *revoked_on;
  char *credential_id;
  guint status_index;
  GBytes *credential;
};

G_DEFINE_FINAL_TYPE (JlnAward, jln_award, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PARTICIPANT_ID,
  PROP_BADGE_ID,
  PROP_BADGE_VERSION_ID,
  PROP_BADGE_VERSION,
  PROP_BADGE_NAME,
  PROP_COACH_ID,
  PROP_COACH_NAME,
  PROP_AWARDED_ON,
  PROP_CRITERIA_MET,
  PROP_EVIDENCE_NOTE,
  PROP_EVIDENCE_FILES,
  PROP_EVIDENCE_NOTE_SHARED,
  PROP_EVIDENCE_FILES_SHARED,
  PROP_STATUS,
  PROP_REVOKE_REASON,
  PROP_REVOKED_ON,
  PROP_CREDENTIAL_ID,
  PROP_STATUS_INDEX,
  PROP_CREDENTIAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jln_award_finalize (GObject *object)
{
  JlnAward *self = (JlnAward *) object;

  g_free (self->badge_name);
  g_free (self->coach_name);
  g_clear_pointer (&self->awarded_on, g_date_time_unref);
  g_strfreev (self->criteria_met);
  g_free (self->evidence_note);
  g_strfreev (self->evidence_files_shared);
  g_strfreev (self->evidence_files);
  g_free (self->revoke_reason);
  g_clear_pointer (&self->revoked_on, g_date_time_unref);
  g_free (self->credential_id);
  g_clear_pointer (&self->credential, g_bytes_unref);

  G_OBJECT_CLASS (jln_award_parent_class)->finalize (object);
}

static void
jln_award_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  JlnAward *self = JLN_AWARD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, jln_award_get_id (self));
      break;

    case PROP_PARTICIPANT_ID:
      g_value_set_int64 (value, jln_award_get_participant_id (self));
      break;

    case PROP_BADGE_ID:
      g_value_set_int64 (value, jln_award_get_badge_id (self));
      break;

    case PROP_BADGE_VERSION_ID:
      g_value_set_int64 (value, jln_award_get_badge_version_id (self));
      break;

    case PROP_BADGE_VERSION:
      g_value_set_uint (value, jln_award_get_badge_version (self));
      break;

    case PROP_BADGE_NAME:
      g_value_set_string (value, jln_award_get_badge_name (self));
      break;

    case PROP_COACH_ID:
      g_value_set_int64 (value, jln_award_get_coach_id (self));
      break;

    case PROP_COACH_NAME:
      g_value_set_string (value, jln_award_get_coach_name (self));
      break;

    case PROP_AWARDED_ON:
      g_value_set_boxed (value, jln_award_get_awarded_on (self));
      break;

    case PROP_CRITERIA_MET:
      g_value_set_boxed (value, jln_award_get_criteria_met (self));
      break;

    case PROP_EVIDENCE_NOTE:
      g_value_set_string (value, jln_award_get_evidence_note (self));
      break;

    case PROP_EVIDENCE_FILES:
      g_value_set_boxed (value, jln_award_get_evidence_files (self));
      break;
    case PROP_EVIDENCE_NOTE_SHARED:
      g_value_set_boolean (value, self->evidence_note_shared);
      break;
    case PROP_EVIDENCE_FILES_SHARED:
      g_value_set_boxed (value, self->evidence_files_shared);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, jln_award_get_status (self));
      break;

    case PROP_REVOKE_REASON:
      g_value_set_string (value, jln_award_get_revoke_reason (self));
      break;

    case PROP_REVOKED_ON:
      g_value_set_boxed (value, jln_award_get_revoked_on (self));
      break;

    case PROP_CREDENTIAL_ID:
      g_value_set_string (value, jln_award_get_credential_id (self));
      break;

    case PROP_STATUS_INDEX:
      g_value_set_uint (value, jln_award_get_status_index (self));
      break;

    case PROP_CREDENTIAL:
      g_value_set_boxed (value, jln_award_get_credential (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_award_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  JlnAward *self = JLN_AWARD (object);

  switch (prop_id)
    {
    case PROP_ID:
      jln_award_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_PARTICIPANT_ID:
      jln_award_set_participant_id (self, g_value_get_int64 (value));
      break;

    case PROP_BADGE_ID:
      jln_award_set_badge_id (self, g_value_get_int64 (value));
      break;

    case PROP_BADGE_VERSION_ID:
      jln_award_set_badge_version_id (self, g_value_get_int64 (value));
      break;

    case PROP_BADGE_VERSION:
      jln_award_set_badge_version (self, g_value_get_uint (value));
      break;

    case PROP_BADGE_NAME:
      jln_award_set_badge_name (self, g_value_get_string (value));
      break;

    case PROP_COACH_ID:
      jln_award_set_coach_id (self, g_value_get_int64 (value));
      break;

    case PROP_COACH_NAME:
      jln_award_set_coach_name (self, g_value_get_string (value));
      break;

    case PROP_AWARDED_ON:
      jln_award_set_awarded_on (self, g_value_get_boxed (value));
      break;

    case PROP_CRITERIA_MET:
      jln_award_set_criteria_met (self, g_value_get_boxed (value));
      break;

    case PROP_EVIDENCE_NOTE:
      jln_award_set_evidence_note (self, g_value_get_string (value));
      break;

    case PROP_EVIDENCE_FILES:
      jln_award_set_evidence_files (self, g_value_get_boxed (value));
      break;
    case PROP_EVIDENCE_NOTE_SHARED:
      jln_award_set_evidence_note_shared (self, g_value_get_boolean (value));
      break;
    case PROP_EVIDENCE_FILES_SHARED:
      jln_award_set_evidence_files_shared (self, g_value_get_boxed (value));
      break;

    case PROP_STATUS:
      jln_award_set_status (self, g_value_get_enum (value));
      break;

    case PROP_REVOKE_REASON:
      jln_award_set_revoke_reason (self, g_value_get_string (value));
      break;

    case PROP_REVOKED_ON:
      jln_award_set_revoked_on (self, g_value_get_boxed (value));
      break;

    case PROP_CREDENTIAL_ID:
      jln_award_set_credential_id (self, g_value_get_string (value));
      break;

    case PROP_STATUS_INDEX:
      jln_award_set_status_index (self, g_value_get_uint (value));
      break;

    case PROP_CREDENTIAL:
      jln_award_set_credential (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_award_class_init (JlnAwardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jln_award_finalize;
  object_class->get_property = jln_award_get_property;
  object_class->set_property = jln_award_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTICIPANT_ID] =
    g_param_spec_int64 ("participant-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE_ID] =
    g_param_spec_int64 ("badge-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE_VERSION_ID] =
    g_param_spec_int64 ("badge-version-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE_VERSION] =
    g_param_spec_uint ("badge-version", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE_NAME] =
    g_param_spec_string ("badge-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COACH_ID] =
    g_param_spec_int64 ("coach-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COACH_NAME] =
    g_param_spec_string ("coach-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AWARDED_ON] =
    g_param_spec_boxed ("awarded-on", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CRITERIA_MET] =
    g_param_spec_boxed ("criteria-met", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVIDENCE_NOTE] =
    g_param_spec_string ("evidence-note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVIDENCE_FILES] =
    g_param_spec_boxed ("evidence-files", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What of the evidence goes into the badge (public): the note only when
   * the coach ticked it, the files they marked (a subset of
   * "evidence-files"). The rest stays in the file at the desk. */
  properties[PROP_EVIDENCE_NOTE_SHARED] =
    g_param_spec_boolean ("evidence-note-shared", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVIDENCE_FILES_SHARED] =
    g_param_spec_boxed ("evidence-files-shared", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, JLN_TYPE_AWARD_STATUS, JLN_AWARD_STATUS_ACTIVE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVOKE_REASON] =
    g_param_spec_string ("revoke-reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVOKED_ON] =
    g_param_spec_boxed ("revoked-on", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREDENTIAL_ID] =
    g_param_spec_string ("credential-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_INDEX] =
    g_param_spec_uint ("status-index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREDENTIAL] =
    g_param_spec_boxed ("credential", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_award_init (JlnAward *self)
{
}

JlnAward *
jln_award_new (gint64 participant_id,
               gint64 badge_version_id,
               gint64 coach_id)
{
  return g_object_new (JLN_TYPE_AWARD,
                       "participant-id", participant_id,
                       "badge-version-id", badge_version_id,
                       "coach-id", coach_id,
                       NULL);
}

gint64
jln_award_get_id (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), 0);

  return self->id;
}

void
jln_award_set_id (JlnAward *self,
                  gint64 value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
jln_award_get_participant_id (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), 0);

  return self->participant_id;
}

void
jln_award_set_participant_id (JlnAward *self,
                              gint64 value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->participant_id == value)
    return;

  self->participant_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTICIPANT_ID]);
}

gint64
jln_award_get_badge_id (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), 0);

  return self->badge_id;
}

void
jln_award_set_badge_id (JlnAward *self,
                        gint64 value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->badge_id == value)
    return;

  self->badge_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE_ID]);
}

gint64
jln_award_get_badge_version_id (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), 0);

  return self->badge_version_id;
}

void
jln_award_set_badge_version_id (JlnAward *self,
                                gint64 value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->badge_version_id == value)
    return;

  self->badge_version_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE_VERSION_ID]);
}

guint
jln_award_get_badge_version (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), 0);

  return self->badge_version;
}

void
jln_award_set_badge_version (JlnAward *self,
                             guint value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->badge_version == value)
    return;

  self->badge_version = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE_VERSION]);
}

const char *
jln_award_get_badge_name (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return self->badge_name;
}

void
jln_award_set_badge_name (JlnAward *self,
                          const char *value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (g_strcmp0 (self->badge_name, value) == 0)
    return;

  g_free (self->badge_name);
  self->badge_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE_NAME]);
}

gint64
jln_award_get_coach_id (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), 0);

  return self->coach_id;
}

void
jln_award_set_coach_id (JlnAward *self,
                        gint64 value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->coach_id == value)
    return;

  self->coach_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH_ID]);
}

const char *
jln_award_get_coach_name (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return self->coach_name;
}

void
jln_award_set_coach_name (JlnAward *self,
                          const char *value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (g_strcmp0 (self->coach_name, value) == 0)
    return;

  g_free (self->coach_name);
  self->coach_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH_NAME]);
}

GDateTime *
jln_award_get_awarded_on (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return self->awarded_on;
}

void
jln_award_set_awarded_on (JlnAward *self,
                          GDateTime *value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->awarded_on == value
      || (self->awarded_on != NULL && value != NULL && g_date_time_equal (self->awarded_on, value)))
    return;

  g_clear_pointer (&self->awarded_on, g_date_time_unref);
  self->awarded_on = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AWARDED_ON]);
}

const char * const *
jln_award_get_criteria_met (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return (const char * const *) self->criteria_met;
}

void
jln_award_set_criteria_met (JlnAward *self,
                            const char * const *value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (strv_equal0 ((const char * const *) self->criteria_met, value))
    return;

  g_strfreev (self->criteria_met);
  self->criteria_met = g_strdupv ((char **) value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRITERIA_MET]);
}

const char *
jln_award_get_evidence_note (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return self->evidence_note;
}

void
jln_award_set_evidence_note (JlnAward *self,
                             const char *value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (g_strcmp0 (self->evidence_note, value) == 0)
    return;

  g_free (self->evidence_note);
  self->evidence_note = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE_NOTE]);
}

const char * const *
jln_award_get_evidence_files (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return (const char * const *) self->evidence_files;
}

void
jln_award_set_evidence_files (JlnAward *self,
                              const char * const *value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (strv_equal0 ((const char * const *) self->evidence_files, value))
    return;

  g_strfreev (self->evidence_files);
  self->evidence_files = g_strdupv ((char **) value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE_FILES]);
}

gboolean
jln_award_get_evidence_note_shared (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), FALSE);

  return self->evidence_note_shared;
}

void
jln_award_set_evidence_note_shared (JlnAward *self,
                                    gboolean  shared)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  shared = !!shared;
  if (self->evidence_note_shared == shared)
    return;
  self->evidence_note_shared = shared;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE_NOTE_SHARED]);
}

const char * const *
jln_award_get_evidence_files_shared (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return (const char * const *) self->evidence_files_shared;
}

void
jln_award_set_evidence_files_shared (JlnAward           *self,
                                     const char * const *paths)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (strv_equal0 ((const char * const *) self->evidence_files_shared, paths))
    return;
  g_strfreev (self->evidence_files_shared);
  self->evidence_files_shared = g_strdupv ((char **) paths);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE_FILES_SHARED]);
}

gboolean
jln_award_is_evidence_file_shared (JlnAward *self,
                                   guint     index)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), FALSE);

  if (self->evidence_files == NULL || index >= g_strv_length (self->evidence_files)
      || self->evidence_files_shared == NULL)
    return FALSE;
  return g_strv_contains ((const char * const *) self->evidence_files_shared,
                          self->evidence_files[index]);
}

char *
jln_award_dup_evidence_label (JlnAward *self,
                              guint     index)
{
  g_autofree char *base = NULL;
  const char *dot;
  g_autofree char *ext = NULL;

  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  if (self->evidence_files == NULL || index >= g_strv_length (self->evidence_files))
    return NULL;
  base = g_path_get_basename (self->evidence_files[index]);
  dot = strrchr (base, '.');
  /* Keep a short alphanumeric extension only: it tells what opens it. */
  if (dot != NULL && dot != base && dot[1] != '\0' && strlen (dot + 1) <= 8)
    {
      ext = g_ascii_strdown (dot, -1);
      for (const char *p = ext + 1; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p))
          {
            g_clear_pointer (&ext, g_free);
            break;
          }
    }
  /* Translators: the neutral file name of the first, second… evidence
   * file in a badge ("evidence-1.jpg"); a word, no spaces. */
  return g_strdup_printf ("%s-%u%s", C_("file name", "evidence"), index + 1, ext ? ext : "");
}

JlnAwardStatus
jln_award_get_status (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), 0);

  return self->status;
}

void
jln_award_set_status (JlnAward *self,
                      JlnAwardStatus value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->status == value)
    return;

  self->status = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
jln_award_get_revoke_reason (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return self->revoke_reason;
}

void
jln_award_set_revoke_reason (JlnAward *self,
                             const char *value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (g_strcmp0 (self->revoke_reason, value) == 0)
    return;

  g_free (self->revoke_reason);
  self->revoke_reason = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVOKE_REASON]);
}

GDateTime *
jln_award_get_revoked_on (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return self->revoked_on;
}

void
jln_award_set_revoked_on (JlnAward *self,
                          GDateTime *value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->revoked_on == value
      || (self->revoked_on != NULL && value != NULL && g_date_time_equal (self->revoked_on, value)))
    return;

  g_clear_pointer (&self->revoked_on, g_date_time_unref);
  self->revoked_on = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVOKED_ON]);
}

const char *
jln_award_get_credential_id (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return self->credential_id;
}

void
jln_award_set_credential_id (JlnAward *self,
                             const char *value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (g_strcmp0 (self->credential_id, value) == 0)
    return;

  g_free (self->credential_id);
  self->credential_id = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIAL_ID]);
}

guint
jln_award_get_status_index (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), 0);

  return self->status_index;
}

void
jln_award_set_status_index (JlnAward *self,
                            guint value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->status_index == value)
    return;

  self->status_index = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_INDEX]);
}

GBytes *
jln_award_get_credential (JlnAward *self)
{
  g_return_val_if_fail (JLN_IS_AWARD (self), NULL);

  return self->credential;
}

void
jln_award_set_credential (JlnAward *self,
                          GBytes *value)
{
  g_return_if_fail (JLN_IS_AWARD (self));

  if (self->credential == value
      || (self->credential != NULL && value != NULL && g_bytes_equal (self->credential, value)))
    return;

  g_clear_pointer (&self->credential, g_bytes_unref);
  self->credential = value ? g_bytes_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIAL]);
}

