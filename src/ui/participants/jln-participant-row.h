/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/jln-participant.h"

G_BEGIN_DECLS

#define JLN_TYPE_PARTICIPANT_ROW (jln_participant_row_get_type ())
G_DECLARE_FINAL_TYPE (JlnParticipantRow, jln_participant_row, JLN, PARTICIPANT_ROW, GtkWidget)

/* One participant in a list: avatar, full name, territory and coach, and
 * the number of badges (icon and words, never colour alone). With "large"
 * set, the coach and the words go, the territory stays (namesakes must
 * still look different) and the avatar grows (large-icon mode).
 * Its accessible name (and its list item's) is the name and the count in
 * words; its "row.activate" action emits ::activate, so assistive
 * technologies can open the row (connect it where the list's ::activate is). */
GtkWidget      *jln_participant_row_new             (void);
JlnParticipant *jln_participant_row_get_participant (JlnParticipantRow *self);
void            jln_participant_row_set_participant (JlnParticipantRow *self,
                                                     JlnParticipant    *participant);
gboolean        jln_participant_row_get_large       (JlnParticipantRow *self);
void            jln_participant_row_set_large       (JlnParticipantRow *self,
                                                     gboolean           large);

/* "4 badges" / "1 badge" / "No badges yet", translated. */
char           *jln_format_badge_count              (guint              count);

G_END_DECLS
