/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "jln-participant.h"

G_BEGIN_DECLS

/* Folded "first last\nterritory": the store sorts by it (strcmp), so the
 * list order ignores case and accents without collation costs. */
const char *jln_participant_get_sort_key (JlnParticipant *self);

/* The store's, when it reads an erased file or erases one: "erased" is
 * read-only for everyone else. */
void        jln_participant_set_erased   (JlnParticipant *self, gboolean value);

G_END_DECLS
