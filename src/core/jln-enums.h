#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  JLN_BADGE_KIND_SAVOIR,        /* knowledge */
  JLN_BADGE_KIND_SAVOIR_FAIRE,  /* skill */
  JLN_BADGE_KIND_SAVOIR_ETRE,   /* attitude */
} JlnBadgeKind;

typedef enum {
  JLN_BADGE_STATUS_DRAFT,
  JLN_BADGE_STATUS_ACTIVE,
  JLN_BADGE_STATUS_ARCHIVED,
} JlnBadgeStatus;

typedef enum {
  JLN_AWARD_STATUS_ACTIVE,
  JLN_AWARD_STATUS_REVOKED,
} JlnAwardStatus;

GType jln_badge_kind_get_type (void) G_GNUC_CONST;
GType jln_badge_status_get_type (void) G_GNUC_CONST;
GType jln_award_status_get_type (void) G_GNUC_CONST;
#define JLN_TYPE_BADGE_KIND (jln_badge_kind_get_type ())
#define JLN_TYPE_BADGE_STATUS (jln_badge_status_get_type ())
#define JLN_TYPE_AWARD_STATUS (jln_award_status_get_type ())

/* Stable strings stored in the database and used in credentials' tags. */
const char   *jln_badge_kind_to_string   (JlnBadgeKind kind);   /* "savoir", "savoir-faire", "savoir-etre" */
gboolean      jln_badge_kind_from_string (const char *s, JlnBadgeKind *out);
const char   *jln_badge_status_to_string (JlnBadgeStatus status); /* "draft", "active", "archived" */
gboolean      jln_badge_status_from_string (const char *s, JlnBadgeStatus *out);
const char   *jln_award_status_to_string (JlnAwardStatus status); /* "active", "revoked" */
gboolean      jln_award_status_from_string (const char *s, JlnAwardStatus *out);

/* The kind in words for people ("Knowledge", "Skill", "Attitude", in the
 * interface language): the one place the app, certificates and tiles take
 * them from. Never NULL ("" for a value out of range). */
const char   *jln_badge_kind_get_display_name (JlnBadgeKind kind);

G_END_DECLS
