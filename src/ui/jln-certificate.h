#pragma once

#include <gtk/gtk.h>

#include "core/jln-participant.h"
#include "core/jln-badge.h"
#include "core/jln-award.h"
#include "store/jln-store.h"

G_BEGIN_DECLS

/* Printed certificates: one A4 page per badge, and the "passport" booklet
 * (a cover page, then one page per badge) when several are printed together.
 * The drawing code only sees JlnCertificateData, never the store, so it can
 * be fed from anywhere (app, CLI, tests). */

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

/* Fills the data from model objects. @organisation may be NULL. The public
 * address is only set when the organisation publishes badges
 * (public_base) and the participant agreed to online publication. */
JlnCertificateData *jln_certificate_data_new_from_award (JlnParticipant        *participant,
                                                         JlnBadge              *badge,
                                                         JlnAward              *award,
                                                         const JlnOrganisation *organisation);

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

/* Prints @certs (JlnCertificateData*, kept referenced until the end) with
 * the GTK print dialog over @parent, A4 portrait by default; or, when
 * @export_path is set, writes the PDF there through the print system without
 * a dialog (temporary file + rename, as jln_certificate_export_pdf()).
 * @callback runs once it is over; jln_certificate_print_finish() gives the
 * outcome: a JLN_CERTIFICATE_ERROR to show the coach, or G_IO_ERROR_CANCELLED
 * when they closed the dialog (show nothing then). */
void     jln_certificate_print        (GtkWindow          *parent,
                                       GPtrArray          *certs,
                                       const char         *export_path,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean jln_certificate_print_finish (GAsyncResult       *result,
                                       GError            **error);

G_END_DECLS
