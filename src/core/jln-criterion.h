/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JLN_TYPE_CRITERION (jln_criterion_get_type ())
G_DECLARE_FINAL_TYPE (JlnCriterion, jln_criterion, JLN, CRITERION, GObject)

/* Properties: "id" gint64, "position" guint (0-based order), "text",
 * "required" gboolean (must be met for the award). */
JlnCriterion *jln_criterion_new          (const char *text, gboolean required);
gint64        jln_criterion_get_id       (JlnCriterion *self);
void          jln_criterion_set_id       (JlnCriterion *self, gint64 id);
guint         jln_criterion_get_position (JlnCriterion *self);
void          jln_criterion_set_position (JlnCriterion *self, guint position);
const char   *jln_criterion_get_text     (JlnCriterion *self);
void          jln_criterion_set_text     (JlnCriterion *self, const char *text);
gboolean      jln_criterion_get_required (JlnCriterion *self);
void          jln_criterion_set_required (JlnCriterion *self, gboolean required);

G_END_DECLS
