/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "service/jln-issuer.h"

G_BEGIN_DECLS

/* Hands a participant's badges out as files: baked PNG or SVG images, or
 * signed JSON credentials, one file per active award (revoked ones are
 * skipped). The one export loop, shared by the app (through JlnSession)
 * and jalons-cli. The consent question is the caller's: without online
 * consent nothing is written and the error is
 * JLN_ISSUER_ERROR_CONSENT_REQUIRED; ask the participant, then call again
 * with @consent_confirmed (the answer is journalled by the issuer). */

#define JLN_TYPE_EXPORTER (jln_exporter_get_type ())
G_DECLARE_FINAL_TYPE (JlnExporter, jln_exporter, JLN, EXPORTER, GObject)

/* Property: "issuer" (JlnIssuer, construct-only). */
JlnExporter *jln_exporter_new                  (JlnIssuer *issuer);
JlnIssuer   *jln_exporter_get_issuer           (JlnExporter *self);

/* Checks that @dir is a folder files can be written in (G_IO_ERROR with a
 * message that suggests another folder). It is not created. */
gboolean     jln_exporter_check_folder         (const char *dir,
                                                GError    **error);

/* Writes every active award of @participant_id into @dir in @format.
 * @out_paths (nullable): the files written (GPtrArray of char*).
 * @out_n_skipped (nullable): the participant's awards this call did not
 * write: the revoked ones on success, all of them on error.
 * Errors: unknown participant (JLN_STORE_ERROR_NOT_FOUND), no active badge
 * (JLN_ISSUER_ERROR_NOTHING_TO_EXPORT), no consent (see above),
 * folder (G_IO_ERROR). On any error the files this call wrote are removed:
 * either all of the participant's badges are exported or none. */
gboolean     jln_exporter_export_participant   (JlnExporter      *self,
                                                gint64            participant_id,
                                                JlnExportFormat   format,
                                                const char       *dir,
                                                gboolean          consent_confirmed,
                                                GPtrArray       **out_paths,
                                                guint            *out_n_skipped,
                                                GError          **error);

G_END_DECLS
