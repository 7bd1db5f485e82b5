/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* jalons-cli print: a participant's certificate (one award) or booklet (all
 * their badges) as a PDF, drawn by the render library. */
int jln_cli_print (int argc, char **argv);

G_END_DECLS
