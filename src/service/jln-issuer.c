/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-service"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include <librsvg/rsvg.h>
#include <cairo.h>

#include "service/jln-issuer.h"
#include "openbadges/jln-bake.h"
#include "openbadges/jln-credential.h"
#include "openbadges/jln-ob-json.h"
#include "openbadges/jln-ob-key.h"
#include "openbadges/jln-status-list.h"

struct _JlnIssuer
{
  GObject    parent_instance;

  JlnStore  *store;
  /* NULL while the key is protected and nobody signed in. */
  JlnObKey  *key;
  guint8     public_key[JLN_OB_KEY_PUBLIC_SIZE];
  char      *did;
  char      *actor;
};

static gboolean
check_can_sign (JlnIssuer  *self,
                GError    **error)
{
  if (self->key != NULL)
    return TRUE;
  g_set_error_literal (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_LOCKED,
                       _("Nobody is signed in, so badges cannot be signed. Sign in first."));
  return FALSE;
}

static void jln_issuer_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JlnIssuer, jln_issuer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      jln_issuer_initable_iface_init))

G_DEFINE_QUARK (jln-issuer-error-quark, jln_issuer_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ID,
  PROP_ACTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* formats                                                            */

gboolean
jln_export_format_from_string (const char      *text,
                               JlnExportFormat *out_format)
{
  static const char *names[] = { "png", "svg", "json" };

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        if (out_format != NULL)
          *out_format = (JlnExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
jln_export_format_to_extension (JlnExportFormat format)
{
  switch (format)
    {
    case JLN_EXPORT_FORMAT_PNG:
      return "png";
    case JLN_EXPORT_FORMAT_SVG:
      return "svg";
    case JLN_EXPORT_FORMAT_JSON:
      return "json";
    default:
      g_return_val_if_reached ("bin");
    }
}

gboolean
jln_issuer_set_signing_key (JlnIssuer  *self,
                            JlnObKey   *key,
                            GError    **error)
{
  g_return_val_if_fail (JLN_IS_ISSUER (self), FALSE);

  if (key != NULL && memcmp (jln_ob_key_get_public_key (key), self->public_key, JLN_OB_KEY_PUBLIC_SIZE) != 0)
    {
      g_set_error_literal (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_FAILED,
                           _("The unlocked signing key is not the organisation’s. Restore a backup."));
      return FALSE;
    }
  g_clear_pointer (&self->key, jln_ob_key_unref);
  if (key != NULL)
    self->key = jln_ob_key_ref (key);
  return TRUE;
}

gboolean
jln_issuer_can_sign (JlnIssuer *self)
{
  g_return_val_if_fail (JLN_IS_ISSUER (self), FALSE);
  return self->key != NULL;
}

/* ------------------------------------------------------------------ */
/* object                                                             */

static gboolean
jln_issuer_initable_init (GInitable     *initable,
                          GCancellable  *cancellable,
                          GError       **error)
{
  JlnIssuer *self = JLN_ISSUER (initable);
  g_autoptr(JlnOrganisation) org = NULL;
  g_autoptr(JlnKeyVault) vault = NULL;

  if (self->store == NULL)
    {
      g_set_error_literal (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_FAILED,
                           _("No database is open, so badges cannot be signed."));
      return FALSE;
    }
  if ((org = jln_store_get_organisation (self->store, error)) == NULL)
    return FALSE;

  if (org->name == NULL || *org->name == '\0')
    {
      if (!jln_store_update_organisation_details (self->store, _("My organisation"), org->url,
                                                  org->email, org->public_base, self->actor, error))
        return FALSE;
    }
  if (!jln_store_get_key_vault (self->store, &vault, error))
    return FALSE;
  if (vault != NULL)
    {
      /* Protected at rest: the did:key is known from the public key; the
       * seed comes with a coach's sign-in (jln_issuer_set_signing_key()). */
      if (vault->public_key == NULL || g_bytes_get_size (vault->public_key) != JLN_OB_KEY_PUBLIC_SIZE)
        {
          g_set_error_literal (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_FAILED,
                               _("The signing key’s vault is damaged. Restore a backup."));
          return FALSE;
        }
      memcpy (self->public_key, g_bytes_get_data (vault->public_key, NULL), JLN_OB_KEY_PUBLIC_SIZE);
      self->did = jln_ob_did_key_from_public_key (self->public_key);
      return TRUE;
    }
  if (org->signing_seed == NULL)
    {
      g_autoptr(JlnObKey) fresh = jln_ob_key_generate ();
      g_autoptr(GBytes) candidate = jln_ob_key_get_seed (fresh);

      /* First run: the key is born here and only here (if another window
       * created one meanwhile, the store hands that one back). It stays in
       * clear until the first administrator protects it
       * (jln_session_create_administrator()). */
      org->signing_seed = jln_store_ensure_signing_seed (self->store, candidate, self->actor, error);
      if (org->signing_seed == NULL)
        return FALSE;
    }

  self->key = jln_ob_key_new_from_seed (g_bytes_get_data (org->signing_seed, NULL),
                                        g_bytes_get_size (org->signing_seed), error);
  if (self->key == NULL)
    return FALSE;
  memcpy (self->public_key, jln_ob_key_get_public_key (self->key), JLN_OB_KEY_PUBLIC_SIZE);
  self->did = jln_ob_key_get_did (self->key);
  return TRUE;
}

static void
jln_issuer_initable_iface_init (GInitableIface *iface)
{
  iface->init = jln_issuer_initable_init;
}

static void
jln_issuer_dispose (GObject *object)
{
  JlnIssuer *self = JLN_ISSUER (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (jln_issuer_parent_class)->dispose (object);
}

static void
jln_issuer_finalize (GObject *object)
{
  JlnIssuer *self = JLN_ISSUER (object);

  g_clear_pointer (&self->key, jln_ob_key_unref);
  g_clear_pointer (&self->did, g_free);
  g_clear_pointer (&self->actor, g_free);
  G_OBJECT_CLASS (jln_issuer_parent_class)->finalize (object);
}

static void
jln_issuer_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  JlnIssuer *self = JLN_ISSUER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ID:
      g_value_set_string (value, self->did);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_issuer_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  JlnIssuer *self = JLN_ISSUER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ACTOR:
      jln_issuer_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_issuer_class_init (JlnIssuerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jln_issuer_dispose;
  object_class->finalize = jln_issuer_finalize;
  object_class->get_property = jln_issuer_get_property;
  object_class->set_property = jln_issuer_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, JLN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_issuer_init (JlnIssuer *self)
{
}

JlnIssuer *
jln_issuer_new (JlnStore    *store,
                const char  *actor,
                GError     **error)
{
  g_return_val_if_fail (JLN_IS_STORE (store), NULL);

  return g_initable_new (JLN_TYPE_ISSUER, NULL, error, "store", store, "actor", actor, NULL);
}

JlnStore *
jln_issuer_get_store (JlnIssuer *self)
{
  g_return_val_if_fail (JLN_IS_ISSUER (self), NULL);
  return self->store;
}

const char *
jln_issuer_get_id (JlnIssuer *self)
{
  g_return_val_if_fail (JLN_IS_ISSUER (self), NULL);
  return self->did;
}

const char *
jln_issuer_get_actor (JlnIssuer *self)
{
  g_return_val_if_fail (JLN_IS_ISSUER (self), NULL);
  return self->actor;
}

void
jln_issuer_set_actor (JlnIssuer  *self,
                      const char *actor)
{
  g_return_if_fail (JLN_IS_ISSUER (self));

  if (g_strcmp0 (self->actor, actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

/* ------------------------------------------------------------------ */
/* addresses                                                          */

/* public_base without trailing slashes, or NULL when not configured. */
static char *
dup_public_base (const JlnOrganisation *org)
{
  g_autofree char *base = NULL;
  gsize len;

  if (org->public_base == NULL)
    return NULL;
  base = g_strstrip (g_strdup (org->public_base));
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  if (len == 0)
    return NULL;
  return g_steal_pointer (&base);
}

static char *
status_list_url_for (JlnIssuer             *self,
                     const JlnOrganisation *org)
{
  g_autofree char *base = org != NULL ? dup_public_base (org) : NULL;

  if (base != NULL)
    return g_strconcat (base, "/status/revocation", NULL);
  /* The DID keeps placeholders of two organisations apart. */
  return g_strconcat (JLN_ISSUER_PLACEHOLDER_STATUS_BASE,
                      self->did + strlen ("did:key:"), "/revocation", NULL);
}

char *
jln_issuer_dup_status_list_url (JlnIssuer *self)
{
  g_autoptr(JlnOrganisation) org = NULL;

  g_return_val_if_fail (JLN_IS_ISSUER (self), NULL);

  org = jln_store_get_organisation (self->store, NULL);
  return status_list_url_for (self, org);
}

char *
jln_issuer_dup_status_list_path (JlnIssuer *self)
{
  g_autofree char *files = NULL;

  g_return_val_if_fail (JLN_IS_ISSUER (self), NULL);

  files = jln_store_dup_files_dir (self->store);
  return g_build_filename (files, "public", "status", "revocation.json", NULL);
}

/* SHA-256 of @text shaped as an RFC 9562 version-8 (custom) UUID, so the
 * same badge version always gets the same achievement id. */
static char *
derived_urn_uuid (const char *text)
{
  guint8 d[JLN_OB_SHA256_SIZE];

  jln_ob_sha256 (text, strlen (text), d);
  d[6] = (d[6] & 0x0f) | 0x80;
  d[8] = (d[8] & 0x3f) | 0x80;
  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                          d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

static char *
achievement_id_for (JlnIssuer             *self,
                    const JlnOrganisation *org,
                    JlnBadge              *badge)
{
  g_autofree char *base = dup_public_base (org);
  g_autofree char *seed = NULL;

  if (base != NULL)
    return g_strdup_printf ("%s/achievements/%s/v%u", base,
                            jln_badge_get_slug (badge), jln_badge_get_version (badge));
  seed = g_strdup_printf ("%s\n%s\n%u", self->did, jln_badge_get_slug (badge),
                          jln_badge_get_version (badge));
  return derived_urn_uuid (seed);
}

/* ------------------------------------------------------------------ */
/* sealing                                                            */

static gboolean
present (const char *s)
{
  return s != NULL && *s != '\0';
}

static char *
criteria_markdown (JlnBadge *badge)
{
  GListModel *criteria = jln_badge_get_criteria (badge);
  g_autoptr(GString) md = g_string_new (NULL);
  guint n = criteria ? g_list_model_get_n_items (criteria) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);
      g_autofree char *text = g_strstrip (g_strdup (jln_criterion_get_text (c)));

      if (*text == '\0')
        continue;
      /* One line per criterion keeps the Markdown list intact. */
      g_strdelimit (text, "\r\n", ' ');
      g_string_append_printf (md, "%s- %s", md->len > 0 ? "\n" : "", text);
    }
  if (md->len == 0)
    {
      /* The spec requires a narrative; the badge's own words are the best we have. */
      if (present (jln_badge_get_easy_text (badge)))
        g_string_append (md, jln_badge_get_easy_text (badge));
      else
        g_string_append (md, jln_badge_get_name (badge));
    }
  return g_string_free (g_steal_pointer (&md), FALSE);
}

static char *
achievement_description (JlnBadge *badge)
{
  const char *easy = jln_badge_get_easy_text (badge);
  const char *description = jln_badge_get_description (badge);

  if (present (easy) && present (description) && g_strcmp0 (easy, description) != 0)
    return g_strconcat (easy, "\n\n", description, NULL);
  if (present (easy))
    return g_strdup (easy);
  if (present (description))
    return g_strdup (description);
  return g_strdup (jln_badge_get_name (badge));
}

GBytes *
jln_issuer_seal_award (JlnAward  *award,
                       gpointer   issuer,
                       GError   **error)
{
  JlnIssuer *self = issuer;
  g_autoptr(JlnParticipant) participant = NULL;
  g_autoptr(JlnBadge) badge = NULL;
  g_autoptr(JlnOrganisation) org = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *identity_hash = NULL;
  g_autofree char *award_salt = NULL;
  g_autofree char *achievement_id = NULL;
  g_autofree char *description = NULL;
  g_autofree char *criteria = NULL;
  g_autofree char *image = NULL;
  g_autofree char *version = NULL;
  g_autofree char *status_url = NULL;
  g_autofree char *json = NULL;
  const char *tags[3] = { NULL, NULL, NULL };
  const char *identity_type;
  const char *email;
  const char *salt;
  const char *svg;
  const char * const *files;
  JlnCredentialInput in = { 0 };
  g_autofree JlnCredentialEvidence *ev = NULL;
  gsize n_ev = 0;
  gsize len;

  g_return_val_if_fail (JLN_IS_AWARD (award), NULL);
  g_return_val_if_fail (JLN_IS_ISSUER (self), NULL);

  if (jln_award_get_id (award) == 0 || !present (jln_award_get_credential_id (award)))
    {
      g_set_error_literal (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_FAILED,
                           _("This badge award is not saved yet, so it cannot be signed."));
      return NULL;
    }
  if ((participant = jln_store_get_participant (self->store, jln_award_get_participant_id (award), error)) == NULL ||
      (badge = jln_store_get_badge_version (self->store, jln_award_get_badge_version_id (award), error)) == NULL ||
      (org = jln_store_get_organisation (self->store, error)) == NULL)
    return NULL;

  /* Signing again would put a new identity hash (of nothing) in a badge
   * whose person the organisation promised to forget. */
  if (jln_participant_get_erased (participant))
    {
      g_set_error_literal (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_FAILED,
                           _("This participant’s personal data was erased, so their badges can no "
                             "longer be signed or exported."));
      return NULL;
    }
  salt = jln_participant_get_recipient_salt (participant);
  if (!present (salt))
    {
      g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_FAILED,
                   _("%s’s file has no recipient code, so the badge cannot be signed."),
                   jln_participant_get_display_name (participant));
      return NULL;
    }
  email = jln_participant_get_email (participant);
  if (present (email) && strchr (email, '@') != NULL)
    {
      identity = g_strdup (email);
      identity_type = "emailAddress";
    }
  else
    {
      g_autofree char *inner = g_strconcat ("jalons-participant:", salt, NULL);
      g_autofree char *hex = jln_ob_sha256_hex (inner);

      /* Opaque and stable: derived from the per-person salt, it names no one
       * and survives a change of name; the salted hash hides it again. */
      hex[32] = '\0';
      identity = g_strconcat ("urn:jalons:participant:", hex, NULL);
      identity_type = "identifier";
    }
  /* The person's salt only names them (the opaque identifier above); the
   * hash gets a salt of its own per credential, so two badges of one
   * person cannot be linked by their identity hash. It is kept inside the
   * credential, which the store keeps: re-exports stay byte-identical. */
  award_salt = jln_credential_new_salt ();
  identity_hash = jln_credential_hash_identity (identity, award_salt);

  achievement_id = achievement_id_for (self, org, badge);
  description = achievement_description (badge);
  criteria = criteria_markdown (badge);
  version = g_strdup_printf ("%u", jln_badge_get_version (badge));
  status_url = status_list_url_for (self, org);
  svg = jln_badge_get_image_svg (badge);
  if (present (svg))
    {
      g_autofree char *b64 = g_base64_encode ((const guchar *) svg, strlen (svg));

      image = g_strconcat ("data:image/svg+xml;base64,", b64, NULL);
    }
  if (present (jln_badge_get_theme (badge)))
    tags[0] = jln_badge_get_theme (badge);
  tags[tags[0] ? 1 : 0] = jln_badge_kind_to_string (jln_badge_get_kind (badge));

  files = jln_award_get_evidence_files (award);
  ev = g_new0 (JlnCredentialEvidence, 1 + (files ? g_strv_length ((char **) files) : 0));
  /* Public: only what the coach chose to put in the badge. */
  if (present (jln_award_get_evidence_note (award)) && jln_award_get_evidence_note_shared (award))
    ev[n_ev++].narrative = jln_award_get_evidence_note (award);
  evidence = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      /* A neutral name: neither the path (where the app keeps data) nor the
       * name on the coach's disk (often the person's). */
      char *name;

      if (!jln_award_is_evidence_file_shared (award, i))
        continue;
      name = jln_award_dup_evidence_label (award, i);
      g_ptr_array_add (evidence, name);
      ev[n_ev++].name = name;
    }

  in.issuer.id = self->did;
  in.issuer.name = org->name;
  in.issuer.url = present (org->url) ? org->url : NULL;
  in.issuer.email = present (org->email) ? org->email : NULL;
  in.id = jln_award_get_credential_id (award);
  in.name = jln_badge_get_name (badge);
  in.valid_from = jln_award_get_awarded_on (award);
  in.recipient.identity_hash = identity_hash;
  in.recipient.salt = award_salt;
  in.recipient.identity_type = identity_type;
  in.achievement.id = achievement_id;
  in.achievement.name = jln_badge_get_name (badge);
  in.achievement.description = description;
  in.achievement.criteria_narrative = criteria;
  in.achievement.image.id = image;
  in.achievement.image.caption = image ? jln_badge_get_name (badge) : NULL;
  in.achievement.in_language = "fr";
  in.achievement.version = version;
  in.achievement.tags = tags;
  in.evidence = n_ev > 0 ? ev : NULL;
  in.n_evidence = n_ev;
  in.status.list_credential = status_url;
  in.status.index = jln_award_get_status_index (award);

  if (!check_can_sign (self, error))
    return NULL;
  json = jln_credential_issue (&in, self->key, NULL, NULL, error);
  if (json == NULL)
    return NULL;
  /* The length first: argument evaluation order is unspecified. */
  len = strlen (json);
  return g_bytes_new_take (g_steal_pointer (&json), len);
}

gboolean
jln_issuer_award (JlnIssuer   *self,
                  JlnAward    *award,
                  const char  *actor,
                  GError     **error)
{
  g_return_val_if_fail (JLN_IS_ISSUER (self), FALSE);
  g_return_val_if_fail (JLN_IS_AWARD (award), FALSE);

  return jln_store_add_award (self->store, award, actor, jln_issuer_seal_award, self, error);
}

gboolean
jln_issuer_award_group (JlnIssuer       *self,
                        JlnAward * const *awards,
                        guint             n_awards,
                        const char       *actor,
                        GError          **error)
{
  g_return_val_if_fail (JLN_IS_ISSUER (self), FALSE);

  return jln_store_add_awards (self->store, awards, n_awards, actor, jln_issuer_seal_award, self, error);
}

static JlnAward *
get_award (JlnIssuer  *self,
           gint64      award_id,
           GError    **error)
{
  if (award_id <= 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("There is no such badge award in the database."));
      return NULL;
    }
  return jln_store_get_award (self->store, award_id, error);
}

static gboolean
refuse_revoked (JlnAward  *award,
                GError   **error)
{
  if (jln_award_get_status (award) != JLN_AWARD_STATUS_REVOKED)
    return TRUE;
  g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_REVOKED,
               _("The badge “%s” was withdrawn, so it cannot be issued or exported."),
               jln_award_get_badge_name (award));
  return FALSE;
}

/* Issues @award (already loaded) when it has no credential yet. */
static GBytes *
ensure_credential (JlnIssuer  *self,
                   JlnAward   *award,
                   GError    **error)
{
  g_autoptr(GBytes) credential = NULL;

  if (jln_award_get_credential (award) != NULL)
    return g_bytes_ref (jln_award_get_credential (award));
  if (!refuse_revoked (award, error))
    return NULL;
  if ((credential = jln_issuer_seal_award (award, self, error)) == NULL)
    return NULL;
  if (!jln_store_set_award_credential (self->store, jln_award_get_id (award), credential,
                                       self->actor, error))
    return NULL;
  jln_award_set_credential (award, credential);
  return g_steal_pointer (&credential);
}

GBytes *
jln_issuer_issue_award (JlnIssuer  *self,
                        gint64      award_id,
                        GError    **error)
{
  g_autoptr(JlnAward) award = NULL;

  g_return_val_if_fail (JLN_IS_ISSUER (self), NULL);

  if ((award = get_award (self, award_id, error)) == NULL)
    return NULL;
  if (!refuse_revoked (award, error))
    return NULL;
  return ensure_credential (self, award, error);
}

/* ------------------------------------------------------------------ */
/* export                                                             */

static cairo_status_t
append_png_data (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_png (const char  *svg,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) png = NULL;
  RsvgHandle *handle;
  cairo_surface_t *surface;
  cairo_t *cr;
  RsvgRectangle viewport = { 0, 0, JLN_ISSUER_PNG_SIZE, JLN_ISSUER_PNG_SIZE };
  cairo_status_t status;
  gboolean ok;

  if (!present (svg))
    {
      g_set_error_literal (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_RENDER,
                           _("This badge has no picture yet, so it cannot be exported as an image."));
      return NULL;
    }
  /* No base file: the picture cannot pull in anything from the disk. */
  handle = rsvg_handle_new_from_data ((const guint8 *) svg, strlen (svg), &local_error);
  if (handle == NULL)
    {
      g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_RENDER,
                   _("The badge picture could not be drawn: %s"), local_error->message);
      return NULL;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, JLN_ISSUER_PNG_SIZE, JLN_ISSUER_PNG_SIZE);
  cr = cairo_create (surface);
  ok = rsvg_handle_render_document (handle, cr, &viewport, &local_error);
  cairo_destroy (cr);
  g_object_unref (handle);
  if (!ok)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_RENDER,
                   _("The badge picture could not be drawn: %s"), local_error->message);
      return NULL;
    }
  png = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_png_data, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_RENDER,
                   _("The badge picture could not be drawn: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static char *
build_file_stem (JlnParticipant *participant,
                 JlnAward       *award)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (jln_award_get_awarded_on (award));
  g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *raw = g_strjoin ("-", jln_participant_get_first_name (participant),
                                    jln_participant_get_last_name (participant),
                                    jln_award_get_badge_name (award), date, NULL);
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Characters no file system or mail client trips over; accents stay. */
      if (c < 0x20 || c == 0x7f || g_unichar_isspace (c) || strchr ("/\\:*?\"<>|", (int) c) != NULL)
        c = '-';
      if (c == '-' && (out->len == 0 || out->str[out->len - 1] == '-'))
        continue;
      g_string_append_unichar (out, c);
    }
  while (out->len > 0 && (out->str[out->len - 1] == '-' || out->str[out->len - 1] == '.'))
    g_string_truncate (out, out->len - 1);
  while (out->len > 0 && out->str[0] == '.')
    g_string_erase (out, 0, 1);
  /* Room for "-NN.json" within the 255-byte name limit. */
  if (out->len > 200)
    {
      const char *end = g_utf8_find_prev_char (out->str, out->str + 201);

      g_string_truncate (out, end ? (gsize) (end - out->str) : 200);
    }
  if (out->len == 0)
    g_string_append (out, "badge");
  return g_string_free (out, FALSE);
}

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *dir)
{
  g_autofree char *display = g_filename_display_name (dir);

  /* A full disk (or a size limit) is not a folder problem: say which. */
  if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG)
    g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO,
                 _("The disk holding “%s” is full: this file was not written. "
                   "Free some space or choose another folder."), display);
  else
    g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO,
                 _("Jalons cannot write in the folder “%s”: %s. Choose another folder."),
                 display, g_strerror (saved_errno));
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
no_hard_links (int saved_errno)
{
  return saved_errno == EPERM || saved_errno == EOPNOTSUPP || saved_errno == ENOSYS
         || saved_errno == EMLINK || saved_errno == EXDEV;
}

/* Writes @data as "<stem>.<ext>" in @dir, or "<stem>-2.<ext>"… when taken.
 * The bytes go to a hidden temporary file first and appear under their
 * name complete or not at all; link() claims the name without ever
 * replacing somebody's file. */
static gboolean
write_new_file (const char  *dir,
                const char  *stem,
                const char  *ext,
                GBytes      *data,
                char       **out_path,
                GError     **error)
{
  g_autofree char *tmp = g_build_filename (dir, ".jalons-export-XXXXXX", NULL);
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);
  int fd, saved;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_io_error (error, errno, dir);
      return FALSE;
    }
  if (!write_all (fd, bytes, len) || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (tmp);
      set_io_error (error, saved, dir);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      set_io_error (error, saved, dir);
      return FALSE;
    }

  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s.%s", stem, ext)
                                     : g_strdup_printf ("%s-%u.%s", stem, n, ext);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (link (tmp, path) == 0)
        {
          g_unlink (tmp);
          *out_path = g_steal_pointer (&path);
          return TRUE;
        }
      saved = errno;
      if (saved == EEXIST)
        continue;
      if (!no_hard_links (saved))
        break;
      /* FAT-formatted USB sticks have no hard links: check, then rename. */
      if (g_lstat (path, &st) == 0)
        continue;
      if (g_rename (tmp, path) == 0)
        {
          *out_path = g_steal_pointer (&path);
          return TRUE;
        }
      saved = errno;
      break;
    }
  g_unlink (tmp);
  set_io_error (error, saved, dir);
  return FALSE;
}

GBytes *
jln_issuer_dup_baked_award (JlnIssuer        *self,
                            gint64            award_id,
                            JlnExportFormat   format,
                            GError          **error)
{
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnBadge) badge = NULL;
  g_autoptr(GBytes) credential = NULL;
  g_autofree char *json = NULL;
  const char *svg;

  g_return_val_if_fail (JLN_IS_ISSUER (self), NULL);
  g_return_val_if_fail (format <= JLN_EXPORT_FORMAT_JSON, NULL);

  if ((award = get_award (self, award_id, error)) == NULL || !refuse_revoked (award, error))
    return NULL;
  if ((credential = ensure_credential (self, award, error)) == NULL)
    return NULL;
  if (format == JLN_EXPORT_FORMAT_JSON)
    return g_steal_pointer (&credential);

  json = g_strndup (g_bytes_get_data (credential, NULL), g_bytes_get_size (credential));
  if ((badge = jln_store_get_badge_version (self->store, jln_award_get_badge_version_id (award), error)) == NULL)
    return NULL;
  svg = jln_badge_get_image_svg (badge);
  if (format == JLN_EXPORT_FORMAT_PNG)
    {
      g_autoptr(GBytes) png = render_png (svg, error);

      return png != NULL ? jln_bake_png (png, json, error) : NULL;
    }
  if (!present (svg))
    {
      g_set_error_literal (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_RENDER,
                           _("This badge has no picture yet, so it cannot be exported as an image."));
      return NULL;
    }
  {
    g_autoptr(GBytes) image = g_bytes_new (svg, strlen (svg));

    return jln_bake_svg (image, json, error);
  }
}

gboolean
jln_issuer_export_award (JlnIssuer        *self,
                         gint64            award_id,
                         JlnExportFormat   format,
                         const char       *dir,
                         gboolean          consent_confirmed,
                         char            **out_path,
                         GError          **error)
{
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnParticipant) participant = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (JLN_IS_ISSUER (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (format <= JLN_EXPORT_FORMAT_JSON, FALSE);

  if ((award = get_award (self, award_id, error)) == NULL || !refuse_revoked (award, error))
    return FALSE;
  if ((participant = jln_store_get_participant (self->store, jln_award_get_participant_id (award), error)) == NULL)
    return FALSE;
  if (!jln_participant_get_consent_online (participant) && !consent_confirmed)
    {
      g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_CONSENT_REQUIRED,
                   _("%s has not agreed to share badges online. Ask them, then confirm."),
                   jln_participant_get_display_name (participant));
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO,
                   _("Jalons cannot find the folder “%s”. Choose another folder."), display);
      return FALSE;
    }

  if ((output = jln_issuer_dup_baked_award (self, award_id, format, error)) == NULL)
    return FALSE;

  /* The coach's word is on record before anything leaves the app. */
  if (!jln_participant_get_consent_online (participant))
    {
      g_autofree char *subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT,
                                                  jln_participant_get_id (participant));
      g_autofree char *detail = g_strdup_printf ("award:%" G_GINT64_FORMAT " format:%s",
                                                 award_id, jln_export_format_to_extension (format));

      if (!jln_store_append_audit (self->store, self->actor, "export.consent-confirmed",
                                   subject, detail, error))
        return FALSE;
    }

  stem = build_file_stem (participant, award);
  if (!write_new_file (dir, stem, jln_export_format_to_extension (format), output, &path, error))
    return FALSE;
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* revocation                                                         */

JsonNode *
jln_issuer_build_status_list (JlnIssuer  *self,
                              GError    **error)
{
  g_autoptr(JlnOrganisation) org = NULL;
  g_autoptr(GArray) indices = NULL;
  g_autoptr(JlnStatusList) list = NULL;
  g_autofree char *url = NULL;
  gsize n_bits = JLN_STATUS_LIST_DEFAULT_BITS;

  g_return_val_if_fail (JLN_IS_ISSUER (self), NULL);

  if ((org = jln_store_get_organisation (self->store, error)) == NULL ||
      (indices = jln_store_list_revoked_status_indices (self->store, error)) == NULL)
    return NULL;
  /* Indices come sorted; past the default size the list grows in whole
   * default-sized steps, which still hides how many badges exist. */
  if (indices->len > 0)
    {
      guint max = g_array_index (indices, guint, indices->len - 1);

      if (max >= n_bits)
        n_bits = ((gsize) max / JLN_STATUS_LIST_DEFAULT_BITS + 1) * JLN_STATUS_LIST_DEFAULT_BITS;
    }
  list = jln_status_list_new (n_bits);
  for (guint i = 0; i < indices->len; i++)
    jln_status_list_set (list, g_array_index (indices, guint, i), TRUE);
  url = status_list_url_for (self, org);
  if (!check_can_sign (self, error))
    return NULL;
  return jln_status_list_build_signed (url, self->did, NULL, list, self->key, error);
}

/* An exclusive lock shared by every process on this database: two desks
 * (or a desk and jalons-cli) publishing at once would otherwise each build
 * a list and the slower one overwrite the newer with what it read earlier.
 * The lock file sits beside the database's files, not in the public folder
 * that gets copied to a web site. Returns the descriptor to close, or -1
 * with @error. */
static int
lock_status_list (JlnIssuer  *self,
                  GError    **error)
{
  g_autofree char *files = jln_store_dup_files_dir (self->store);
  g_autofree char *lock_path = g_build_filename (files, "revocation-list.lock", NULL);
  int fd;

  if (g_mkdir_with_parents (files, 0700) != 0)
    {
      set_io_error (error, errno, files);
      return -1;
    }
  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, errno, lock_path);
      return -1;
    }
  while (flock (fd, LOCK_EX) != 0)
    {
      if (errno == EINTR)
        continue;
      set_io_error (error, errno, lock_path);
      close (fd);
      return -1;
    }
  return fd;
}

gboolean
jln_issuer_publish_status_list (JlnIssuer   *self,
                                const char  *path,
                                GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *own_path = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 generation = 0;
  gboolean own, ok = FALSE;
  int lock_fd;

  g_return_val_if_fail (JLN_IS_ISSUER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  own_path = jln_issuer_dup_status_list_path (self);
  own = g_strcmp0 (path, own_path) == 0;
  parent = g_path_get_dirname (path);
  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      set_io_error (error, errno, parent);
      return FALSE;
    }
  if ((lock_fd = lock_status_list (self, error)) < 0)
    return FALSE;

  /* The generation is read before the revocations: one committed in
   * between is in the file but not in the mark, so it is published again
   * (harmless), never marked as published without being in the file. */
  if (!jln_store_get_status_list_generations (self->store, &generation, NULL, error)
      || (node = jln_issuer_build_status_list (self, error)) == NULL
      || (text = jln_ob_json_write (node, FALSE, error)) == NULL)
    goto out;
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO,
                   _("The revocation list could not be saved: %s"), local_error->message);
      goto out;
    }
  /* A copy written elsewhere (jalons-cli status-list -o) is not the list
   * verifiers read: only the app's own file clears the mark. */
  ok = !own || jln_store_set_status_list_published (self->store, generation, error);

out:
  close (lock_fd);
  return ok;
}

gboolean
jln_issuer_get_status_list_due (JlnIssuer  *self,
                                gboolean   *out_due,
                                GError    **error)
{
  gint64 due = 0, published = 0;

  g_return_val_if_fail (JLN_IS_ISSUER (self), FALSE);

  if (!jln_store_get_status_list_generations (self->store, &due, &published, error))
    return FALSE;
  *out_due = due > published;
  return TRUE;
}

gboolean
jln_issuer_publish_status_list_if_due (JlnIssuer  *self,
                                       GError    **error)
{
  g_autofree char *path = NULL;
  gboolean due = FALSE;

  g_return_val_if_fail (JLN_IS_ISSUER (self), FALSE);

  if (!jln_issuer_get_status_list_due (self, &due, error))
    return FALSE;
  if (!due)
    return TRUE;
  path = jln_issuer_dup_status_list_path (self);
  return jln_issuer_publish_status_list (self, path, error);
}

gboolean
jln_issuer_revoke_award (JlnIssuer   *self,
                         gint64       award_id,
                         const char  *reason,
                         const char  *actor,
                         GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (JLN_IS_ISSUER (self), FALSE);

  if (!jln_store_revoke_award (self->store, award_id, reason, actor, error))
    return FALSE;
  path = jln_issuer_dup_status_list_path (self);
  if (!jln_issuer_publish_status_list (self, path, &local_error))
    {
      g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO,
                   _("The badge is withdrawn, but the revocation list was not updated (%s). "
                     "Jalons tries again each time it opens and at the next withdrawal."),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
