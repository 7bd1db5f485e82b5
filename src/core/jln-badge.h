/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include "jln-enums.h"

G_BEGIN_DECLS

#define JLN_TYPE_BADGE (jln_badge_get_type ())
G_DECLARE_FINAL_TYPE (JlnBadge, jln_badge, JLN, BADGE, GObject)

/* A badge class as seen at one version. The store hands out the *current*
 * version in the catalogue; awards point to the exact version they were
 * awarded under ("version-id").
 * Properties: "id" gint64 (the badge, stable across versions),
 *  "version-id" gint64 (this version's row), "version" guint (1, 2, …),
 *  "slug" (unique, stable, ascii: "sante-prendre-rdv"), "name",
 *  "easy-text" (short easy-to-read sentence, FALC), "description",
 *  "theme" (e.g. "Santé", "Logement", "Mobilité"), "kind" JlnBadgeKind,
 *  "image-svg" (string, the SVG document), "status" JlnBadgeStatus,
 *  "criteria" (GListModel of JlnCriterion, read-only, ordered),
 *  "holder-count" guint (active awards across versions, store-maintained),
 *  "created-at" GDateTime (UTC; when this version was saved, set by the
 *  store; NULL until then). */
JlnBadge      *jln_badge_new (const char *slug, const char *name);

gint64         jln_badge_get_id          (JlnBadge *self);
void           jln_badge_set_id          (JlnBadge *self, gint64 id);
gint64         jln_badge_get_version_id  (JlnBadge *self);
void           jln_badge_set_version_id  (JlnBadge *self, gint64 id);
guint          jln_badge_get_version     (JlnBadge *self);
void           jln_badge_set_version     (JlnBadge *self, guint version);
const char    *jln_badge_get_slug        (JlnBadge *self);
void           jln_badge_set_slug        (JlnBadge *self, const char *value);
const char    *jln_badge_get_name        (JlnBadge *self);
void           jln_badge_set_name        (JlnBadge *self, const char *value);
const char    *jln_badge_get_easy_text   (JlnBadge *self);
void           jln_badge_set_easy_text   (JlnBadge *self, const char *value);
const char    *jln_badge_get_description (JlnBadge *self);
void           jln_badge_set_description (JlnBadge *self, const char *value);
const char    *jln_badge_get_theme       (JlnBadge *self);
void           jln_badge_set_theme       (JlnBadge *self, const char *value);
JlnBadgeKind   jln_badge_get_kind        (JlnBadge *self);
void           jln_badge_set_kind        (JlnBadge *self, JlnBadgeKind kind);
const char    *jln_badge_get_image_svg   (JlnBadge *self);
void           jln_badge_set_image_svg   (JlnBadge *self, const char *svg);
JlnBadgeStatus jln_badge_get_status      (JlnBadge *self);
void           jln_badge_set_status      (JlnBadge *self, JlnBadgeStatus status);
GListModel    *jln_badge_get_criteria    (JlnBadge *self); /* owned by the badge */
void           jln_badge_add_criterion   (JlnBadge *self, const char *text, gboolean required);
void           jln_badge_clear_criteria  (JlnBadge *self);
guint          jln_badge_get_holder_count (JlnBadge *self);
void           jln_badge_set_holder_count (JlnBadge *self, guint count); /* store use */
GDateTime     *jln_badge_get_created_at  (JlnBadge *self); /* nullable, borrowed */
void           jln_badge_set_created_at  (JlnBadge *self, GDateTime *created_at); /* store use */

G_END_DECLS
