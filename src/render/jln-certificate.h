/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "core/jln-participant.h"
#include "core/jln-badge.h"
#include "core/jln-award.h"

G_BEGIN_DECLS

/* Printed certificates: one A4 page per badge, and the "passport" booklet
 * (a cover page, then one page per badge) when several are printed together.
 * The drawing code only sees JlnCertificateData, never the store, so it can
 * be fed from anywhere (app, CLI, tests). Needs no display; the print
 * dialog glue is the UI's (ui/print/jln-certificate.h). */

#define JLN_CERTIFICATE_ERROR (jln_certificate_error_quark ())
GQuark jln_certificate_error_quark (void);

typedef enum {
  JLN_CERTIFICATE_ERROR_REVOKED,     /* the award was withdrawn: never printed */
  JLN_CERTIFICATE_ERROR_NO_CONSENT,  /* the participant refused printed certificates */
  JLN_CERTIFICATE_ERROR_EMPTY,       /* nothing to print */
  JLN_CERTIFICATE_ERROR_WRITE,       /* the PDF could not be written */
  JLN_CERTIFICATE_ERROR_RENDER,      /* cairo or the print system failed */
} JlnCertificateError;

/* A4 in PostScript points, the page size every certificate is laid out for. */
#define JLN_CERTIFICATE_A4_WIDTH_PT  595.2756
#define JLN_CERTIFICATE_A4_HEIGHT_PT 841.8898

typedef struct {
  char      *participant_name;  /* full name: "Amina Kaci" */
  char      *badge_name;
  char      *easy_text;         /* nullable: short easy-to-read sentence */
  char      *image_svg;         /* nullable: badge image (SVG document) */
  char      *kind;              /* nullable, words: "Savoir-faire" */
  char      *theme;             /* nullable, words: "Santé" */
  GDateTime *awarded_on;        /* nullable */
  char      *coach_name;        /* nullable */
  char      *organisation_name; /* nullable */
  GStrv      criteria_met;      /* nullable */
  char      *public_url;        /* nullable: shown as a QR code + address */
  char      *credential_id;     /* nullable: "urn:uuid:…", shown when no URL */
  gboolean   revoked;
} JlnCertificateData;

JlnCertificateData *jln_certificate_data_new  (void);
JlnCertificateData *jln_certificate_data_copy (const JlnCertificateData *data);
void                jln_certificate_data_free (JlnCertificateData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnCertificateData, jln_certificate_data_free)

/* Fills the data from model objects and the issuing organisation's name and
 * public address (both nullable). The public address is only set when the
 * organisation publishes badges (@public_base) and the participant agreed
 * to online publication. */
JlnCertificateData *jln_certificate_data_new_for_award (JlnParticipant *participant,
                                                        JlnBadge       *badge,
                                                        JlnAward       *award,
                                                        const char     *organisation_name,
                                                        const char     *public_base);

/* Where a published badge lives: "<public_base>/badges/<uuid>"; NULL when
 * either part is missing. */
char    *jln_certificate_public_url (const char *public_base,
                                     const char *credential_id);

/* TRUE when @participant agreed to printed certificates; else FALSE with
 * JLN_CERTIFICATE_ERROR_NO_CONSENT and a message naming them. */
gboolean jln_certificate_check_consent (JlnParticipant *participant,
                                        GError        **error);

/* The award date as printed ("14 mars 2026" in French), in the current
 * language; does not depend on the C library's locales being installed. */
char    *jln_certificate_format_date (GDateTime *date);

/* Draws one certificate on a portrait page of @width_pt x @height_pt points
 * (laid out for A4, scales to other sizes). Refuses revoked awards. A badge
 * image that cannot be drawn (malformed, unsafe) is replaced by a plain seal;
 * the certificate itself stays valid. */
gboolean jln_certificate_render_page (cairo_t                  *cr,
                                      double                    width_pt,
                                      double                    height_pt,
                                      const JlnCertificateData *data,
                                      GError                  **error);

/* Number of pages for @certs: one per certificate, plus a cover page when
 * several certificates of the same person make a booklet. */
guint    jln_certificate_count_pages (GPtrArray *certs);

/* Draws page @page_nr (0-based, as counted by jln_certificate_count_pages). */
gboolean jln_certificate_render_nth_page (cairo_t   *cr,
                                          double     width_pt,
                                          double     height_pt,
                                          GPtrArray *certs,
                                          guint      page_nr,
                                          GError   **error);

/* Writes @certs (JlnCertificateData*, in the order given: pass them by
 * date for a booklet) as an A4 PDF at @path. Any revoked certificate refuses
 * the whole batch before anything is written. The file is
 * written beside @path under a temporary name and renamed at the end, so a
 * failure never leaves a half-written PDF. */
gboolean jln_certificate_export_pdf (GPtrArray  *certs,
                                     const char *path,
                                     GError    **error);

/* For the print glue (and anyone else writing certificates). */

/* Refuses the whole batch before any paper or file is touched: nothing to
 * print (JLN_CERTIFICATE_ERROR_EMPTY), or a revoked certificate. */
gboolean jln_certificate_check_batch       (GPtrArray  *certs,
                                            GError    **error);

/* The document's title: "Badge — Name" for one certificate, "My path —
 * Name" for a booklet. */
char    *jln_certificate_dup_title         (GPtrArray  *certs);

/* Creates an empty temporary file beside @path and returns its name; NULL
 * with a JLN_CERTIFICATE_ERROR_WRITE a coach can act on if the folder
 * cannot take it. */
char    *jln_certificate_make_temp_beside  (const char *path,
                                            GError    **error);

/* Renames @tmp_path to @path; on failure removes @tmp_path and says why. */
gboolean jln_certificate_move_into_place   (const char *tmp_path,
                                            const char *path,
                                            GError    **error);

G_END_DECLS
