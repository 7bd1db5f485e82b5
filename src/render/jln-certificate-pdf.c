/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-render"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "render/jln-certificate.h"

/* The PDF is laid out in A4 points, like every page. */
#define PAGE_W JLN_CERTIFICATE_A4_WIDTH_PT
#define PAGE_H JLN_CERTIFICATE_A4_HEIGHT_PT

static void
set_write_error (GError     **error,
                 const char  *dir,
                 int          errsv)
{
  g_autofree char *display = g_filename_display_name (dir);

  switch (errsv)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_WRITE,
                   /* Translators: %s is a folder */
                   _("The PDF cannot be saved: the folder “%s” does not exist. Choose another folder."),
                   display);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_WRITE,
                   /* Translators: %s is a folder */
                   _("The PDF cannot be saved: you may not write in the folder “%s”. Choose another folder."),
                   display);
      break;
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_WRITE,
                   /* Translators: %s is a folder */
                   _("The PDF cannot be saved: the disk holding “%s” is full."),
                   display);
      break;
    default:
      g_set_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_WRITE,
                   /* Translators: %1$s is a folder, %2$s the system's reason */
                   _("The PDF cannot be saved in “%1$s” (%2$s)."),
                   display, g_strerror (errsv));
      break;
    }
}

char *
jln_certificate_make_temp_beside (const char *path,
                                  GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmpl = g_build_filename (dir, ".jalons-certificate-XXXXXX.pdf", NULL);
  int fd;

  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_write_error (error, dir, errno);
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&tmpl);
}

gboolean
jln_certificate_move_into_place (const char *tmp_path,
                                 const char *path,
                                 GError    **error)
{
  if (g_rename (tmp_path, path) != 0)
    {
      int errsv = errno;
      g_autofree char *dir = g_path_get_dirname (path);

      g_unlink (tmp_path);
      set_write_error (error, dir, errsv);
      return FALSE;
    }
  return TRUE;
}

char *
jln_certificate_dup_title (GPtrArray *certs)
{
  const JlnCertificateData *first = g_ptr_array_index (certs, 0);

  if (certs->len == 1)
    return g_strdup_printf ("%s — %s", first->badge_name ? first->badge_name : "",
                            first->participant_name ? first->participant_name : "");
  /* Translators: title of the PDF booklet; %s is the participant's name */
  return g_strdup_printf (_("My path — %s"),
                          first->participant_name ? first->participant_name : "");
}

gboolean
jln_certificate_export_pdf (GPtrArray  *certs,
                            const char *path,
                            GError    **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;
  gboolean cover;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!jln_certificate_check_batch (certs, error))
    return FALSE;

  tmp_path = jln_certificate_make_temp_beside (path, error);
  if (tmp_path == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create (tmp_path, PAGE_W, PAGE_H);
  title = jln_certificate_dup_title (certs);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Jalons");

  cr = cairo_create (surface);
  n_pages = jln_certificate_count_pages (certs);
  /* A booklet is the only case with more pages than certificates. */
  cover = n_pages > certs->len;
  for (guint i = 0; i < n_pages; i++)
    {
      if (!jln_certificate_render_nth_page (cr, PAGE_W, PAGE_H, certs, i, error))
        {
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          g_unlink (tmp_path);
          return FALSE;
        }

      /* Bookmarks let the booklet be browsed badge by badge in a viewer. */
      if (cover && i > 0)
        {
          const JlnCertificateData *d = g_ptr_array_index (certs, i - 1);
          g_autofree char *link = g_strdup_printf ("page=%u", i + 1);

          cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT,
                                         d->badge_name ? d->badge_name : "", link,
                                         CAIRO_PDF_OUTLINE_FLAG_OPEN);
        }
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      g_unlink (tmp_path);
      set_write_error (error, dir,
                       status == CAIRO_STATUS_WRITE_ERROR ? EIO : EINVAL);
      return FALSE;
    }

  return jln_certificate_move_into_place (tmp_path, path, error);
}

