/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JLN_TYPE_INITIALS (jln_initials_get_type ())
G_DECLARE_FINAL_TYPE (JlnInitials, jln_initials, JLN, INITIALS, GtkWidget)

/* A round picture of a person: their photo when there is one, else their
 * initials on a colour chosen from the name. A light stand-in for AdwAvatar
 * in long lists: one node, one cached text layout, no CSS per colour. */
GtkWidget    *jln_initials_new           (int           size);
void          jln_initials_set_name      (JlnInitials  *self,
                                          const char   *full_name);
const char   *jln_initials_get_name      (JlnInitials  *self);
/* The letters drawn ("AK"), for tests. */
const char   *jln_initials_get_initials  (JlnInitials  *self);
void          jln_initials_set_photo     (JlnInitials  *self,
                                          GdkPaintable *photo);
GdkPaintable *jln_initials_get_photo     (JlnInitials  *self);
void          jln_initials_set_size      (JlnInitials  *self,
                                          int           size);
int           jln_initials_get_size      (JlnInitials  *self);

G_END_DECLS
