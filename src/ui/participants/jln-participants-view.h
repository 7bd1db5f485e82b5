/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"
#include "ui/participants/jln-participant-page.h"

G_BEGIN_DECLS

#define JLN_TYPE_PARTICIPANTS_VIEW (jln_participants_view_get_type ())
G_DECLARE_FINAL_TYPE (JlnParticipantsView, jln_participants_view, JLN, PARTICIPANTS_VIEW, AdwBin)

/* The participants list: search as you type, territory and coach filters,
 * and a page per participant (filled in by the coach desk). A JlnView
 * ("session", "large-icons"; its search entry takes the focus). */
JlnSession  *jln_participants_view_get_session      (JlnParticipantsView *self);
void         jln_participants_view_set_session      (JlnParticipantsView *self,
                                                     JlnSession          *session);

/* The filtered list shown (JlnParticipant items). */
GListModel  *jln_participants_view_get_model        (JlnParticipantsView *self);
GtkEditable *jln_participants_view_get_search_entry (JlnParticipantsView *self);
/* Picks a territory (0: all) or a coach (0: all) in the filter drop-downs;
 * FALSE when the store has no such territory/coach. */
gboolean     jln_participants_view_select_territory (JlnParticipantsView *self,
                                                     gint64               territory_id);
gboolean     jln_participants_view_select_coach     (JlnParticipantsView *self,
                                                     gint64               coach_id);
/* Shows only the holders of badge @badge_id (an active award of any of its
 * versions) in territory @territory_id (0: people with no territory),
 * said above the list with a "Show Everyone" button
 * ("participants.clear-holders"); the search and the drop-downs start
 * again from all. It follows awards and revocations as they happen. */
void         jln_participants_view_show_holders     (JlnParticipantsView *self,
                                                     gint64               badge_id,
                                                     gint64               territory_id);
void         jln_participants_view_clear_holders    (JlnParticipantsView *self);
gboolean     jln_participants_view_get_showing_holders (JlnParticipantsView *self);
/* "Holders of “…” in …" as shown, NULL without that filter. */
const char  *jln_participants_view_get_holders_text (JlnParticipantsView *self);
/* The count shown above the list ("120 participants"). */
const char  *jln_participants_view_get_count_text   (JlnParticipantsView *self);
/* Opens the page of the @position-th participant in the filtered list. */
void         jln_participants_view_open_participant (JlnParticipantsView *self,
                                                     guint                position);
void         jln_participants_view_show_participant (JlnParticipantsView *self,
                                                     JlnParticipant      *participant);
/* The participant page inside the view (always there; shows nobody until
 * a participant is opened). */
JlnParticipantPage *jln_participants_view_get_page  (JlnParticipantsView *self);
/* TRUE while a participant's page is the visible one. */
gboolean     jln_participants_view_get_showing_page (JlnParticipantsView *self);
/* Opens the "New participant" form over the window; returns it (a
 * JlnParticipantForm, owned by GTK) or NULL without a session. */
GtkWidget   *jln_participants_view_new_participant  (JlnParticipantsView *self);

G_END_DECLS
