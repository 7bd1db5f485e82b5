/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JLN_TYPE_TERRITORY (jln_territory_get_type ())
G_DECLARE_FINAL_TYPE (JlnTerritory, jln_territory, JLN, TERRITORY, GObject)

/* Properties: "id" (gint64, 0 = not saved yet), "name" (string). */
JlnTerritory *jln_territory_new      (const char *name);
gint64        jln_territory_get_id   (JlnTerritory *self);
void          jln_territory_set_id   (JlnTerritory *self, gint64 id);
const char   *jln_territory_get_name (JlnTerritory *self);
void          jln_territory_set_name (JlnTerritory *self, const char *name);

G_END_DECLS
