/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "render/jln-certificate.h"
#include "store/jln-store.h"

G_BEGIN_DECLS

/* The GTK side of printed certificates: the print dialog and the export
 * through the print system. Pages, booklet and PDF are drawn by the render
 * library (render/jln-certificate.h), which needs no display. */

/* jln_certificate_data_new_for_award() with the organisation as the store
 * returns it; @organisation may be NULL. */
JlnCertificateData *jln_certificate_data_new_from_award (JlnParticipant        *participant,
                                                         JlnBadge              *badge,
                                                         JlnAward              *award,
                                                         const JlnOrganisation *organisation);

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
