/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "jln-enums.h"

G_BEGIN_DECLS

#define JLN_TYPE_COACH (jln_coach_get_type ())
G_DECLARE_FINAL_TYPE (JlnCoach, jln_coach, JLN, COACH, GObject)

/* Properties: "id" (gint64), "name" (string, full display name),
 * "territory-id" (gint64, 0 = none), "email" (string, nullable),
 * "role" (JlnRole: what their account may do; NONE without an account). */
JlnCoach   *jln_coach_new              (const char *name);
gint64      jln_coach_get_id           (JlnCoach *self);
void        jln_coach_set_id           (JlnCoach *self, gint64 id);
const char *jln_coach_get_name         (JlnCoach *self);
void        jln_coach_set_name         (JlnCoach *self, const char *name);
gint64      jln_coach_get_territory_id (JlnCoach *self);
void        jln_coach_set_territory_id (JlnCoach *self, gint64 territory_id);
const char *jln_coach_get_email        (JlnCoach *self);
void        jln_coach_set_email        (JlnCoach *self, const char *email);
JlnRole     jln_coach_get_role         (JlnCoach *self);
void        jln_coach_set_role         (JlnCoach *self, JlnRole role);

G_END_DECLS
