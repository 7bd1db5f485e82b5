/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"
#include "ui/badges/jln-badge-composer.h"

G_BEGIN_DECLS

#define JLN_TYPE_BADGE_EDITOR (jln_badge_editor_get_type ())
G_DECLARE_FINAL_TYPE (JlnBadgeEditor, jln_badge_editor, JLN, BADGE_EDITOR, AdwWindow)

/* Window to create a badge (@badge NULL) or edit one (the catalogue's
 * current version). Actions: "editor.save" (Ctrl+S), "editor.cancel"
 * (Escape; asks before dropping changes). Saving is @session's use case
 * (jln_session_add_badge / _update_badge), one transaction; on success the window emits "saved" (JlnBadge *, the
 * catalogue's live badge) and closes; on failure it stays open with the
 * reason shown and nothing written.
 *
 * The setters below fill the form as a coach would (tests, imports). */
JlnBadgeEditor   *jln_badge_editor_new             (JlnSession *session,
                                                    JlnBadge   *badge);
JlnSession       *jln_badge_editor_get_session     (JlnBadgeEditor *self);
/* NULL for a new badge until it is saved. */
JlnBadge         *jln_badge_editor_get_badge       (JlnBadgeEditor *self);

void              jln_badge_editor_set_name        (JlnBadgeEditor *self,
                                                    const char     *name);
void              jln_badge_editor_set_easy_text   (JlnBadgeEditor *self,
                                                    const char     *text);
void              jln_badge_editor_set_description (JlnBadgeEditor *self,
                                                    const char     *text);
void              jln_badge_editor_set_theme       (JlnBadgeEditor *self,
                                                    const char     *theme);
void              jln_badge_editor_set_kind        (JlnBadgeEditor *self,
                                                    JlnBadgeKind    kind);
/* Appends a criterion row (an empty first row is reused). */
void              jln_badge_editor_add_criterion   (JlnBadgeEditor *self,
                                                    const char     *text,
                                                    gboolean        required);
guint             jln_badge_editor_get_n_criteria  (JlnBadgeEditor *self);
/* Moves criterion @index one place up (-1) or down (+1). */
void              jln_badge_editor_move_criterion  (JlnBadgeEditor *self,
                                                    guint           index,
                                                    int             delta);
void              jln_badge_editor_remove_criterion (JlnBadgeEditor *self,
                                                     guint           index);
JlnBadgeComposer *jln_badge_editor_get_composer    (JlnBadgeEditor *self);
/* What "Use an SVG File…" does once a file is chosen: reads @file, checks it
 * (jln_badge_art_validate_svg(), then librsvg must draw it) and, when it
 * passes, shows it as the badge image until the coach changes a composer
 * choice or goes back to the composer. A refused file is explained in the
 * editor's message bar; the composer keeps what it had. Nothing is saved
 * either way. */
gboolean          jln_badge_editor_import_svg      (JlnBadgeEditor *self,
                                                    GFile          *file,
                                                    GError        **error);

/* The message shown to the coach (save refused or failed), or NULL. */
const char       *jln_badge_editor_get_message     (JlnBadgeEditor *self);
/* What the editor tells before saving when people hold the badge, or NULL. */
const char       *jln_badge_editor_get_version_notice (JlnBadgeEditor *self);
gboolean          jln_badge_editor_get_modified    (JlnBadgeEditor *self);

/* "sante-prendre-rdv" from "Santé : prendre RDV": ascii, lower case,
 * dashes; never empty. */
char             *jln_badge_slug_from_name         (const char     *name);

G_END_DECLS
