/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* The one SVG renderer: every badge image on screen, on paper and in a
 * verification report goes through here.
 *
 * Documents are parsed from memory without a base address, so librsvg
 * refuses every external reference (files, network); only data: pictures
 * inside the document load. librsvg's own limits stop entity loops and
 * absurd element counts. Nothing here needs a display: it can run in the
 * CLI, in tests and in worker threads. */

#define JLN_SVG_ERROR (jln_svg_error_quark ())
GQuark jln_svg_error_quark (void);

typedef enum {
  JLN_SVG_ERROR_NOT_SVG,   /* empty, not XML, or XML whose root is not <svg> */
  JLN_SVG_ERROR_TOO_LARGE, /* more than JLN_SVG_MAX_BYTES, or an absurd size asked */
  JLN_SVG_ERROR_RENDER,    /* librsvg or cairo failed half-way */
} JlnSvgError;

/* A badge image larger than this is not a pictogram but a mistake. */
#define JLN_SVG_MAX_BYTES (4 * 1024 * 1024)

/* Largest side of a rendered image, in pixels (a 4K kiosk badge is 2048). */
#define JLN_SVG_MAX_IMAGE_SIDE 4096

/* How many rendered images the default renderer keeps. */
#define JLN_SVG_DEFAULT_CACHE_SIZE 64

#define JLN_TYPE_SVG_RENDERER (jln_svg_renderer_get_type ())
G_DECLARE_FINAL_TYPE (JlnSvgRenderer, jln_svg_renderer, JLN, SVG_RENDERER, GObject)

/* A renderer keeping at most @cache_size rendered images (0: no cache),
 * least recently used dropped first. */
JlnSvgRenderer  *jln_svg_renderer_new            (guint           cache_size);

/* The process-wide renderer (JLN_SVG_DEFAULT_CACHE_SIZE images); safe to
 * call from any thread. Borrowed. */
JlnSvgRenderer  *jln_svg_renderer_get_default    (void);

guint            jln_svg_renderer_get_cache_size (JlnSvgRenderer *self);
/* Images held right now; never more than the cache size. */
guint            jln_svg_renderer_get_n_cached   (JlnSvgRenderer *self);
void             jln_svg_renderer_clear_cache    (JlnSvgRenderer *self);

/* Renders @svg (@len bytes, or -1 when NUL-terminated) into a new or cached
 * ARGB32 image surface of @width x @height pixels, the document fitted in
 * it. The surface may be shared with other callers: read it, never draw on
 * it. Returns a new reference, or NULL with a JLN_SVG_ERROR. Thread-safe. */
cairo_surface_t *jln_svg_renderer_render         (JlnSvgRenderer *self,
                                                  const char     *svg,
                                                  gssize          len,
                                                  int             width,
                                                  int             height,
                                                  GError        **error);

/* Draws @svg as vectors on @cr, fitted in the rectangle (@x, @y, @width,
 * @height) in user units; nothing is cached (a PDF keeps the vectors).
 * Drawn into a group, so a document that fails half-way leaves no debris.
 * FALSE with a JLN_SVG_ERROR when it cannot be drawn. Thread-safe as long
 * as @cr belongs to the calling thread. */
gboolean         jln_svg_draw                    (cairo_t        *cr,
                                                  const char     *svg,
                                                  gssize          len,
                                                  double          x,
                                                  double          y,
                                                  double          width,
                                                  double          height,
                                                  GError        **error);

G_END_DECLS
