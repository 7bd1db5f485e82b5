#pragma once

#include "jln-participant.h"

G_BEGIN_DECLS

/* Folded "first last\nterritory": the store sorts by it (strcmp), so the
 * list order ignores case and accents without collation costs. */
const char *jln_participant_get_sort_key (JlnParticipant *self);

G_END_DECLS
