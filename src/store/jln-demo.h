/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "jln-store.h"

G_BEGIN_DECLS

typedef struct {
  guint   n_participants; /* default 120 */
  guint   n_awards;       /* default 400 */
  guint32 seed;           /* default 1 */
  gint64  today;          /* unix time of "today"; 0 = now. Pins the calendar
                           * so a test can compare two builds. */
} JlnDemoOptions;

#define JLN_DEMO_OPTIONS_INIT { 120, 400, 1 }

/* Fills an empty store with a deterministic demo programme: 12 territories,
 * 10 coaches, ~15 badges with art and criteria, participants with awards
 * spread over the last 18 months. Same options -> same database content.
 * Refuses a store that already has participants (JLN_STORE_ERROR_CONSTRAINT).
 * Awards are written without credentials (issued on demand). */
gboolean jln_demo_build (JlnStore *store, const JlnDemoOptions *options, GError **error);

/* The demo's accounts (jalons-cli demo --with-accounts, the README's demo
 * database): coaches 1, 2 and 3 of the demo sign in as administrator,
 * programme lead and coach with these passphrases. Public on purpose:
 * a demo database protects nothing. */
#define JLN_DEMO_ADMIN_SECRET "demo admin jalons"
#define JLN_DEMO_LEAD_SECRET  "demo lead jalons"
#define JLN_DEMO_COACH_SECRET "demo coach jalons"

/* How many awards @n_participants people can hold at most in the demo
 * programme (each badge version once per person). */
guint64  jln_demo_max_awards (guint n_participants);

G_END_DECLS
