/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "service/jln-issuer.h"

G_BEGIN_DECLS

/* The right of access and to portability (GDPR articles 15 and 20):
 * everything Jalons holds about one participant, in one new folder inside
 * @parent_dir:
 *   data.json    the file, every award (revoked ones too) and the journal
 *                entries about them, machine-readable;
 *   summary.pdf  the same, for a person to read;
 *   badges/      each active badge as a baked PNG any verifier accepts;
 *   evidence/    the evidence files, under the names the badges give them;
 *   photo.png    the photo, when there is one.
 * The folder is built under a temporary name and renamed when complete:
 * on any error nothing is left. No consent is asked (the person is the
 * one receiving it); the caller journals the export. @out_dir: the
 * folder made. */
gboolean jln_access_export_write (JlnIssuer   *issuer,
                                  gint64       participant_id,
                                  const char  *parent_dir,
                                  char       **out_dir,
                                  GError     **error);

/* Removes a folder jln_access_export_write() made (the caller could not
 * journal it). */
void     jln_access_export_discard (const char *dir);

G_END_DECLS
