/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-render"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "render/jln-text-pdf.h"

/* A4 in points, 2 cm margins. */
#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN 56.69
#define FOOTER 28.0

typedef struct {
  char      *heading;
  GPtrArray *lines;   /* markup, one paragraph each */
} Section;

struct _JlnTextDocument
{
  char      *title;
  GPtrArray *sections;  /* Section* */
};

static void
section_free (Section *section)
{
  g_free (section->heading);
  g_ptr_array_unref (section->lines);
  g_free (section);
}

JlnTextDocument *
jln_text_document_new (const char *title)
{
  JlnTextDocument *doc = g_new0 (JlnTextDocument, 1);

  doc->title = g_strdup (title ? title : "");
  doc->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  return doc;
}

void
jln_text_document_free (JlnTextDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->title);
  g_ptr_array_unref (doc->sections);
  g_free (doc);
}

void
jln_text_document_add_section (JlnTextDocument *doc,
                               const char      *heading)
{
  Section *section;

  g_return_if_fail (doc != NULL);

  section = g_new0 (Section, 1);
  section->heading = g_strdup (heading ? heading : "");
  section->lines = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (doc->sections, section);
}

void
jln_text_document_add_line (JlnTextDocument *doc,
                            const char      *label,
                            const char      *value,
                            const char      *empty)
{
  Section *section;
  g_autofree char *text = NULL;

  g_return_if_fail (doc != NULL);

  if (doc->sections->len == 0)
    jln_text_document_add_section (doc, NULL);
  section = g_ptr_array_index (doc->sections, doc->sections->len - 1);
  /* What people typed is text, never markup. */
  text = g_markup_escape_text (value != NULL && *value != '\0' ? value : (empty ? empty : ""), -1);
  if (label != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (label, -1);
      g_autofree char *bold = g_strdup_printf ("<b>%s</b>", escaped);

      /* Translators: "label: value" in a PDF summary (French puts a space
       * before the colon) */
      g_ptr_array_add (section->lines, g_strdup_printf (_("%1$s: %2$s"), bold, text));
    }
  else
    g_ptr_array_add (section->lines, g_steal_pointer (&text));
}

typedef struct {
  cairo_t              *cr;
  PangoFontDescription *body;
  PangoFontDescription *heading;
  PangoFontDescription *title;
  double                y;
  guint                 page;
} Layout;

static void
draw_footer (Layout *l)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (l->cr);
  /* Translators: page number at the foot of a PDF page */
  g_autofree char *text = g_strdup_printf (_("Page %u"), l->page);

  pango_layout_set_font_description (layout, l->body);
  pango_layout_set_width (layout, pango_units_from_double (PAGE_W - 2 * MARGIN));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (l->cr, MARGIN, PAGE_H - MARGIN + FOOTER / 2);
  pango_cairo_show_layout (l->cr, layout);
}

static void
next_page (Layout *l)
{
  draw_footer (l);
  cairo_show_page (l->cr);
  l->page++;
  l->y = MARGIN;
}

/* Draws one paragraph, starting a page when it does not fit; a paragraph
 * longer than a page is split between its lines. */
static void
draw_paragraph (Layout                     *l,
                const PangoFontDescription *font,
                const char                 *markup,
                double                      space_before)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (l->cr);
  PangoLayoutIter *iter;
  double bottom = PAGE_H - MARGIN - FOOTER;
  int baseline_offset = 0;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, pango_units_from_double (PAGE_W - 2 * MARGIN));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);

  if (l->y > MARGIN)
    l->y += space_before;
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = pango_units_to_double (logical.height);
      if (l->y + height > bottom && l->y > MARGIN)
        next_page (l);
      baseline_offset = pango_layout_iter_get_baseline (iter) - logical.y;
      cairo_move_to (l->cr, MARGIN, l->y + pango_units_to_double (baseline_offset));
      pango_cairo_show_layout_line (l->cr, line);
      l->y += height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

gboolean
jln_text_document_write_pdf (JlnTextDocument *doc,
                             const char      *path,
                             GError         **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  g_autofree char *title = NULL;
  Layout l = { 0 };

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, PAGE_W, PAGE_H);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Jalons");
      l.cr = cairo_create (surface);
      l.body = pango_font_description_from_string ("Sans 11");
      l.heading = pango_font_description_from_string ("Sans Bold 14");
      l.title = pango_font_description_from_string ("Sans Bold 20");
      l.y = MARGIN;
      l.page = 1;
      cairo_set_source_rgb (l.cr, 0.1, 0.1, 0.1);

      title = g_markup_escape_text (doc->title, -1);
      draw_paragraph (&l, l.title, title, 0);
      for (guint i = 0; i < doc->sections->len; i++)
        {
          Section *section = g_ptr_array_index (doc->sections, i);

          if (*section->heading != '\0')
            {
              g_autofree char *heading = g_markup_escape_text (section->heading, -1);

              draw_paragraph (&l, l.heading, heading, 18);
            }
          for (guint j = 0; j < section->lines->len; j++)
            draw_paragraph (&l, l.body, g_ptr_array_index (section->lines, j), j == 0 ? 6 : 3);
        }
      draw_footer (&l);
      cairo_show_page (l.cr);
      status = cairo_status (l.cr);
      cairo_destroy (l.cr);
      pango_font_description_free (l.body);
      pango_font_description_free (l.heading);
      pango_font_description_free (l.title);
    }
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %1$s is a file, %2$s the reason */
                   _("The PDF “%1$s” could not be written (%2$s)."),
                   display, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
