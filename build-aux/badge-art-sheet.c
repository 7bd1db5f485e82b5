/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "badge-art-sheet"

/* Dev tool, not built by meson: writes a contact sheet of badge art (every
 * shape with sample pictograms, then every pictogram on a round badge) as
 * one SVG, at a chosen badge size, to look at the art while drawing it.
 *
 *   ninja -C build src/core/libjalons-core.a
 *   cc -o /tmp/badge-art-sheet build-aux/badge-art-sheet.c -Isrc \
 *     $(pkg-config --cflags gio-2.0) build/src/core/libjalons-core.a \
 *     $(pkg-config --libs gio-2.0) -lm
 *   /tmp/badge-art-sheet /tmp/sheet.svg 48 && rsvg-convert /tmp/sheet.svg -o /tmp/sheet.png
 */

#include <stdlib.h>
#include <string.h>

#include "core/jln-badge-art.h"

static void
place (GString *out, const char *svg, double x, double y, double size)
{
  const char *root = strstr (svg, "<svg");
  const char *rest = strchr (root, '>');

  /* Re-open the badge's root element at the cell's place and size; the
   * viewBox keeps the drawing scaled. */
  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" x=\"%g\" y=\"%g\""
                          " width=\"%g\" height=\"%g\" viewBox=\"0 0 256 256\"",
                          x, y, size, size);
  g_string_append (out, rest);
}

int
main (int argc, char **argv)
{
  static const char *pictos[] = { "heart", "house", "bus", "euro", "clock", "team", "speech", "cv" };
  static const char *labels[] = { "Santé", NULL, "Mobilité", "Budget", "Ponctualité",
                                  "Travail d’équipe", NULL, "CV" };
  static const char *pairs[][2] = {
    { "#0E7C7B", "#FFFFFF" }, { "#EFDFB4", "#1D3B8B" }, { "#6E2F6B", "#EFDFB4" },
    { "#F4B400", "#2E3436" }, { "#1D3B8B", "#FFFFFF" }, { "#A8E6BE", "#24704A" },
    { "#FFFFFF", "#A3372A" },
  };
  const char * const *all = jln_badge_art_list_pictograms ();
  const char *path = argc > 1 ? argv[1] : "badge-art-sheet.svg";
  double size = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 96;
  double pad = MAX (8, size / 8);
  guint cols = G_N_ELEMENTS (pictos);
  guint n_all = g_strv_length ((char **) all);
  guint rows = JLN_BADGE_N_SHAPES + (n_all + cols - 1) / cols;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (size < 8)
    {
      g_printerr ("usage: %s OUT.svg [BADGE-SIZE]\n", argv[0]);
      return EXIT_FAILURE;
    }

  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\">"
                          "<rect width=\"100%%\" height=\"100%%\" fill=\"#f6f5f4\"/>",
                          pad + cols * (size + pad), pad + rows * (size + pad));

  for (guint row = 0; row < rows; row++)
    for (guint col = 0; col < cols; col++)
      {
        JlnBadgeArtSpec spec;
        g_autofree char *svg = NULL;
        guint k = row * cols + col;

        if (row < JLN_BADGE_N_SHAPES)
          spec = (JlnBadgeArtSpec) { row, pairs[(row + col) % G_N_ELEMENTS (pairs)][0],
                                     pairs[(row + col) % G_N_ELEMENTS (pairs)][1],
                                     pictos[col], labels[(row + col) % G_N_ELEMENTS (labels)] };
        else if (k - JLN_BADGE_N_SHAPES * cols < n_all)
          spec = (JlnBadgeArtSpec) { JLN_BADGE_SHAPE_ROUND, pairs[k % G_N_ELEMENTS (pairs)][0],
                                     pairs[k % G_N_ELEMENTS (pairs)][1],
                                     all[k - JLN_BADGE_N_SHAPES * cols], NULL };
        else
          continue;

        svg = jln_badge_art_render (&spec, &error);
        if (svg == NULL)
          {
            g_printerr ("%s: %s\n", spec.pictogram, error->message);
            return EXIT_FAILURE;
          }
        place (out, svg, pad + col * (size + pad), pad + row * (size + pad), size);
      }

  g_string_append (out, "</svg>\n");
  if (!g_file_set_contents (path, out->str, out->len, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
