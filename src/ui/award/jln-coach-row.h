/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

/* "Awarded by": the coaches of the programme in a combo row, starting on
 * "Choose…" so that nobody is credited by default. Shown by the award
 * dialogs of a desk that asks each time (jln_session_asks_for_coach()).
 *
 * Properties:
 *  "session"   JlnSession, construct-only
 *  "coach-id"  gint64, read-write: the chosen coach, 0 while none is
 */
#define JLN_TYPE_COACH_ROW (jln_coach_row_get_type ())
G_DECLARE_FINAL_TYPE (JlnCoachRow, jln_coach_row, JLN, COACH_ROW, AdwComboRow)

GtkWidget *jln_coach_row_new          (JlnSession  *session);
gint64     jln_coach_row_get_coach_id (JlnCoachRow *self);
/* An id that is not a coach's selects "Choose…" (and reads back as 0). */
void       jln_coach_row_set_coach_id (JlnCoachRow *self,
                                       gint64       coach_id);

G_END_DECLS
