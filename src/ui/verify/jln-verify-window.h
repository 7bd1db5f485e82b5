/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

#define JLN_TYPE_VERIFY_WINDOW (jln_verify_window_get_type ())
G_DECLARE_FINAL_TYPE (JlnVerifyWindow, jln_verify_window, JLN, VERIFY_WINDOW, AdwWindow)

/* What a result card says about one file. */
typedef enum {
  JLN_VERIFY_OUTCOME_VALID,         /* OB 3.0, signed, intact, in date, not revoked */
  JLN_VERIFY_OUTCOME_INVALID,       /* something is wrong with the badge */
  JLN_VERIFY_OUTCOME_UNVERIFIABLE,  /* OB 3.0 that needs the network (did:web, other suite) */
  JLN_VERIFY_OUTCOME_OB2,           /* OB 2.0: shown for information only */
  JLN_VERIFY_OUTCOME_UNREADABLE,    /* not a badge, damaged, too big, cannot be read */
} JlnVerifyOutcome;

/* Files larger than this are refused before being read (same bound as the
 * baking code's). */
#define JLN_VERIFY_WINDOW_MAX_FILE_SIZE (50 * 1024 * 1024)

/* Checks badge files offline, one result card per file. @session (nullable:
 * no database open) locates the organisation's own published status list
 * (jln_issuer_dup_status_list_path()) so that its revocations are seen.
 * @settings (nullable; default: the session's) is followed for the
 * large-icon mode. */
JlnVerifyWindow  *jln_verify_window_new              (JlnSession      *session,
                                                      GSettings       *settings);

/* Verifies @files in worker threads, replacing the cards shown. */
void              jln_verify_window_open_files       (JlnVerifyWindow *self,
                                                      GFile *const    *files,
                                                      guint            n_files);
/* Shows the file chooser (PNG, SVG, JSON badges). */
void              jln_verify_window_choose_files     (JlnVerifyWindow *self);

/* Files still being read and checked. */
guint             jln_verify_window_get_n_pending    (JlnVerifyWindow *self);
guint             jln_verify_window_get_n_results    (JlnVerifyWindow *self);
/* The card of result @index (in the order the files were given). */
GtkWidget        *jln_verify_window_get_result_card  (JlnVerifyWindow *self,
                                                      guint            index);
JlnVerifyOutcome  jln_verify_window_get_outcome      (JlnVerifyWindow *self,
                                                      guint            index);
/* Checks whether the badge of result @index was awarded to @email (its
 * hashed recipient), shows the answer on the card and returns TRUE when it
 * matches. */
gboolean          jln_verify_window_check_email      (JlnVerifyWindow *self,
                                                      guint            index,
                                                      const char      *email);

G_END_DECLS
