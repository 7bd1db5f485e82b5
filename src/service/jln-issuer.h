/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "store/jln-store.h"
#include "openbadges/jln-ob-key.h"

G_BEGIN_DECLS

/* The organisation as an Open Badges issuer: turns awards into signed
 * OB 3.0 credentials (eddsa-rdfc-2022, did:key), exports them baked into
 * PNG/SVG or as JSON, and publishes the revocation status list.
 * No GTK, no SQL: it only calls the store's API and the engine's. */

#define JLN_TYPE_ISSUER (jln_issuer_get_type ())
G_DECLARE_FINAL_TYPE (JlnIssuer, jln_issuer, JLN, ISSUER, GObject)

#define JLN_ISSUER_ERROR (jln_issuer_error_quark ())

typedef enum {
  JLN_ISSUER_ERROR_CONSENT_REQUIRED, /* no online consent: ask, then confirm */
  JLN_ISSUER_ERROR_REVOKED,          /* the badge was withdrawn: nothing to export */
  JLN_ISSUER_ERROR_IO,               /* folder missing, unreadable or unwritable */
  JLN_ISSUER_ERROR_RENDER,           /* the badge picture could not be drawn */
  JLN_ISSUER_ERROR_FAILED,
  JLN_ISSUER_ERROR_NOTHING_TO_EXPORT, /* the participant has no active badge */
  JLN_ISSUER_ERROR_LOCKED,           /* the key is protected and nobody is signed in */
} JlnIssuerError;

GQuark jln_issuer_error_quark (void);

typedef enum {
  JLN_EXPORT_FORMAT_PNG,
  JLN_EXPORT_FORMAT_SVG,
  JLN_EXPORT_FORMAT_JSON,
} JlnExportFormat;

/* "png", "svg", "json" (case-insensitive). */
gboolean    jln_export_format_from_string (const char *text, JlnExportFormat *out_format);
const char *jln_export_format_to_extension (JlnExportFormat format);

/* Side of the PNG export, in pixels. */
#define JLN_ISSUER_PNG_SIZE 512

/* Placeholder address of the revocation list while the organisation has no
 * public address: "https://jalons.invalid/status/<did:key fingerprint>/revocation".
 * ".invalid" never resolves (RFC 2606): verifiers report the status as
 * unknown instead of fetching somebody else's list. */
#define JLN_ISSUER_PLACEHOLDER_STATUS_BASE "https://jalons.invalid/status/"

/* Ensures the organisation row has a name ("My organisation", translated, if
 * empty) and an Ed25519 signing seed (generated and saved on first run),
 * journalled under @actor (nullable, see "actor"). */
JlnIssuer  *jln_issuer_new                 (JlnStore *store, const char *actor, GError **error);

/* Properties: "store" (JlnStore, construct-only), "id" (did:key, read-only),
 * "actor" (who the journal names for the issuer's own entries; NULL: "system"). */
JlnStore   *jln_issuer_get_store           (JlnIssuer *self);
const char *jln_issuer_get_actor           (JlnIssuer *self);
void        jln_issuer_set_actor           (JlnIssuer *self, const char *actor);
/* Once the key is protected (a vault exists) the issuer is built with its
 * public key only and signs nothing (JLN_ISSUER_ERROR_LOCKED) until the
 * session hands it the unlocked key; NULL takes it away again. A key that
 * is not the organisation's is refused. */
gboolean    jln_issuer_set_signing_key     (JlnIssuer *self, JlnObKey *key, GError **error);
gboolean    jln_issuer_can_sign            (JlnIssuer *self);
/* The issuer's did:key (also the credentials' "issuer.id"). */
const char *jln_issuer_get_id              (JlnIssuer *self);
/* Where the credentials say the revocation list lives (see above). */
char       *jln_issuer_dup_status_list_url (JlnIssuer *self);
/* The app's copy of the list: <files dir>/public/status/revocation.json */
char       *jln_issuer_dup_status_list_path (JlnIssuer *self);

/* A JlnAwardSealFunc (@issuer is the JlnIssuer): the signed credential of
 * @award as compact JSON. Called by jln_store_add_award inside its
 * transaction; also usable on any saved award. */
GBytes     *jln_issuer_seal_award          (JlnAward *award, gpointer issuer, GError **error);

/* Awards and signs in one transaction: on any failure nothing is saved. */
gboolean    jln_issuer_award               (JlnIssuer   *self,
                                            JlnAward    *award,
                                            const char  *actor,
                                            GError     **error);
/* The same for several awards (a group award): all in one transaction,
 * every one signed and saved or none. */
gboolean    jln_issuer_award_group         (JlnIssuer        *self,
                                            JlnAward * const *awards,
                                            guint             n_awards,
                                            const char       *actor,
                                            GError          **error);

/* The award's credential, signing and saving it first when it has none
 * (demo awards, imports). Revoked awards are not (re)issued. */
GBytes     *jln_issuer_issue_award         (JlnIssuer   *self,
                                            gint64       award_id,
                                            GError     **error);

/* The award's badge as @format bytes (baked PNG or SVG, or the signed
 * JSON), signing it first when needed; nothing is written or journalled
 * and consent is the caller's question. Revoked: JLN_ISSUER_ERROR_REVOKED. */
GBytes     *jln_issuer_dup_baked_award     (JlnIssuer        *self,
                                            gint64            award_id,
                                            JlnExportFormat   format,
                                            GError          **error);
/* Writes the award as one file in @dir (issuing it first if needed):
 * "Prénom-Nom-Badge-2026-03-14.png", never overwriting ("-2", "-3"…),
 * atomically. Refused with JLN_ISSUER_ERROR_CONSENT_REQUIRED when the
 * participant has not agreed to online sharing, unless @consent_confirmed
 * (the coach asked them): the answer is then journalled
 * ("export.consent-confirmed", by the issuer's "actor"). Revoked awards: JLN_ISSUER_ERROR_REVOKED. */
gboolean    jln_issuer_export_award        (JlnIssuer        *self,
                                            gint64            award_id,
                                            JlnExportFormat   format,
                                            const char       *dir,
                                            gboolean          consent_confirmed,
                                            char            **out_path,
                                            GError          **error);

/* The signed BitstringStatusListCredential (revocation) for today's
 * revoked awards. */
JsonNode   *jln_issuer_build_status_list   (JlnIssuer *self, GError **error);
/* Builds it from the database and writes it to @path atomically (parent
 * folders created), under an exclusive lock shared by every process
 * using the database. Written to the app's own path, it also marks the
 * generation it shows as published (jln_store_get_status_list_generations). */
gboolean    jln_issuer_publish_status_list (JlnIssuer   *self,
                                            const char  *path,
                                            GError     **error);
/* Whether the app's own list is behind the database (*out_due). */
gboolean    jln_issuer_get_status_list_due (JlnIssuer  *self,
                                            gboolean   *out_due,
                                            GError    **error);
/* Publishes the app's own list when it is due; TRUE when it is up to date
 * afterwards. */
gboolean    jln_issuer_publish_status_list_if_due (JlnIssuer  *self,
                                                   GError    **error);

/* Withdraws the award (journalled, with the list marked due in the same
 * transaction) and rewrites the app's status list file
 * (jln_issuer_dup_status_list_path). When only the file fails, the award
 * stays revoked, the list stays due (the next open or revocation tries
 * again) and the error says so. */
gboolean    jln_issuer_revoke_award        (JlnIssuer   *self,
                                            gint64       award_id,
                                            const char  *reason,
                                            const char  *actor,
                                            GError     **error);

G_END_DECLS
