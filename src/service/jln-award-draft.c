/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-service"

#include <glib/gi18n.h>

#include "service/jln-award-draft.h"
#include "service/jln-date.h"
#include "store/jln-store-error.h"

struct _JlnAwardDraft
{
  GObject parent_instance;

  JlnParticipant *participant;
  GHashTable     *held_versions;  /* version id -> TRUE (active awards) */
  GHashTable     *held_badges;    /* badge id -> highest version held */

  JlnBadge       *badge;
  GArray         *met;            /* gboolean per criterion of @badge */
  char           *note;
  gboolean        share_note;     /* the note goes into the badge */
  GListStore     *evidence;       /* GFile */
  GHashTable     *shared_files;   /* GFile set: those that go into the badge */
  GDateTime      *date;           /* local midnight */
  gint64          coach_id;       /* who awards it, 0: not said */
  gboolean        needs_coach;    /* the desk asks each time: one is chosen */

  GStrv           problems;       /* never NULL */
  GStrv           other_problems; /* @problems but the unticked criteria */
  char           *failure;        /* last refusal, cleared on any change */
  gboolean        can_confirm;
};

G_DEFINE_FINAL_TYPE (JlnAwardDraft, jln_award_draft, G_TYPE_OBJECT)

static gboolean find_file (JlnAwardDraft *self, GFile *file, guint *out_position);

enum {
  PROP_0,
  PROP_PARTICIPANT,
  PROP_BADGE,
  PROP_CRITERIA_MET,
  PROP_NOTE,
  PROP_SHARE_NOTE,
  PROP_EVIDENCE_FILES,
  PROP_DATE,
  PROP_COACH_ID,
  PROP_NEEDS_COACH,
  PROP_PROBLEMS,
  PROP_CAN_CONFIRM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- rules ---- */

/* A problem that is not about one unticked criterion goes into both
 * lists. */
static void
add_problem (GPtrArray  *problems,
             GPtrArray  *others,
             char       *problem)
{
  g_ptr_array_add (others, g_strdup (problem));
  g_ptr_array_add (problems, problem);
}

static void
update_state (JlnAwardDraft *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  gboolean can = self->badge != NULL && self->participant != NULL;
  gboolean blocked = FALSE;

  if (self->badge != NULL && self->participant != NULL)
    {
      GListModel *criteria = jln_badge_get_criteria (self->badge);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDateTime *entry = jln_participant_get_entry_date (self->participant);

      if (jln_award_draft_is_held (self, self->badge))
        add_problem (problems, others,
                     g_strdup_printf (_("%s already holds this badge (version %u)."),
                                      jln_participant_get_display_name (self->participant),
                                      jln_badge_get_version (self->badge)));

      /* One sentence per missing criterion: the coach sees which. */
      for (guint i = 0; i < self->met->len; i++)
        {
          g_autoptr(JlnCriterion) criterion = g_list_model_get_item (criteria, i);

          if (criterion == NULL || !jln_criterion_get_required (criterion))
            continue;
          if (g_array_index (self->met, gboolean, i))
            continue;
          g_ptr_array_add (problems, jln_award_draft_describe_missing (criterion));
        }

      if (jln_date_local_day (self->date) > jln_date_local_day (now))
        add_problem (problems, others,
                     g_strdup (_("The date is in the future. A badge is awarded on the day it was earned, "
                                 "today at the latest.")));
      else if (entry != NULL && jln_date_local_day (self->date) < jln_date_utc_day (entry))
        {
          g_autofree char *entry_text = jln_date_format_day (entry);

          add_problem (problems, others,
                       g_strdup_printf (_("The date is before %s joined the programme (%s). "
                                          "Choose a later date."),
                                        jln_participant_get_display_name (self->participant),
                                        entry_text));
        }
      if (self->needs_coach && self->coach_id <= 0)
        add_problem (problems, others, g_strdup (_("Say which coach awards this badge.")));
      blocked = problems->len > 0;
    }
  if (blocked)
    can = FALSE;

  /* A refusal is information, not a block. */
  if (self->failure != NULL)
    add_problem (problems, others, g_strdup (self->failure));
  g_ptr_array_add (problems, NULL);
  g_ptr_array_add (others, NULL);
  g_strfreev (self->other_problems);
  self->other_problems = (GStrv) g_ptr_array_free (g_steal_pointer (&others), FALSE);

  if (!g_strv_equal ((const char * const *) self->problems, (const char * const *) problems->pdata))
    {
      g_strfreev (self->problems);
      self->problems = (GStrv) g_ptr_array_free (g_steal_pointer (&problems), FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
    }
  if (self->can_confirm != can)
    {
      self->can_confirm = can;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CONFIRM]);
    }
}

/* Any change clears the last refusal, then the rules run again. */
static void
changed (JlnAwardDraft *self)
{
  g_clear_pointer (&self->failure, g_free);
  update_state (self);
}

/* ---- held badges ---- */

static void
load_holdings (JlnAwardDraft *self,
               GListModel    *awards)
{
  guint n = awards != NULL ? g_list_model_get_n_items (awards) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (awards, i);
      gint64 *version_id, *badge_id;
      guint version = jln_award_get_badge_version (award);

      if (jln_award_get_status (award) != JLN_AWARD_STATUS_ACTIVE)
        continue;
      version_id = g_new (gint64, 1);
      *version_id = jln_award_get_badge_version_id (award);
      g_hash_table_add (self->held_versions, version_id);

      badge_id = g_new (gint64, 1);
      *badge_id = jln_award_get_badge_id (award);
      if (version > GPOINTER_TO_UINT (g_hash_table_lookup (self->held_badges, badge_id)))
        g_hash_table_insert (self->held_badges, badge_id, GUINT_TO_POINTER (version));
      else
        g_free (badge_id);
    }
}

gboolean
jln_award_draft_is_held (JlnAwardDraft *self,
                         JlnBadge      *badge)
{
  gint64 version_id;

  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), FALSE);
  g_return_val_if_fail (JLN_IS_BADGE (badge), FALSE);

  version_id = jln_badge_get_version_id (badge);
  return g_hash_table_contains (self->held_versions, &version_id);
}

guint
jln_award_draft_get_held_version (JlnAwardDraft *self,
                                  gint64         badge_id)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->held_badges, &badge_id));
}

/* ---- GObject ---- */

static void
jln_award_draft_dispose (GObject *object)
{
  JlnAwardDraft *self = JLN_AWARD_DRAFT (object);

  g_clear_object (&self->participant);
  g_clear_object (&self->badge);
  g_clear_object (&self->evidence);

  G_OBJECT_CLASS (jln_award_draft_parent_class)->dispose (object);
}

static void
jln_award_draft_finalize (GObject *object)
{
  JlnAwardDraft *self = JLN_AWARD_DRAFT (object);

  g_clear_pointer (&self->held_versions, g_hash_table_unref);
  g_clear_pointer (&self->held_badges, g_hash_table_unref);
  g_clear_pointer (&self->met, g_array_unref);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->shared_files, g_hash_table_unref);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->problems, g_strfreev);
  g_clear_pointer (&self->other_problems, g_strfreev);
  g_clear_pointer (&self->failure, g_free);

  G_OBJECT_CLASS (jln_award_draft_parent_class)->finalize (object);
}

static void
jln_award_draft_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JlnAwardDraft *self = JLN_AWARD_DRAFT (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      g_value_set_object (value, self->participant);
      break;
    case PROP_BADGE:
      g_value_set_object (value, self->badge);
      break;
    case PROP_CRITERIA_MET:
      g_value_take_boxed (value, jln_award_draft_dup_criteria_met (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_SHARE_NOTE:
      g_value_set_boolean (value, self->share_note);
      break;
    case PROP_EVIDENCE_FILES:
      g_value_set_object (value, self->evidence);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;
    case PROP_COACH_ID:
      g_value_set_int64 (value, self->coach_id);
      break;
    case PROP_NEEDS_COACH:
      g_value_set_boolean (value, self->needs_coach);
      break;
    case PROP_PROBLEMS:
      g_value_set_boxed (value, self->problems);
      break;
    case PROP_CAN_CONFIRM:
      g_value_set_boolean (value, self->can_confirm);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_award_draft_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JlnAwardDraft *self = JLN_AWARD_DRAFT (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      self->participant = g_value_dup_object (value);
      break;
    case PROP_BADGE:
      jln_award_draft_set_badge (self, g_value_get_object (value));
      break;
    case PROP_NOTE:
      jln_award_draft_set_note (self, g_value_get_string (value));
      break;
    case PROP_SHARE_NOTE:
      jln_award_draft_set_share_note (self, g_value_get_boolean (value));
      break;
    case PROP_COACH_ID:
      jln_award_draft_set_coach_id (self, g_value_get_int64 (value));
      break;
    case PROP_NEEDS_COACH:
      jln_award_draft_set_needs_coach (self, g_value_get_boolean (value));
      break;
    case PROP_DATE:
      jln_award_draft_set_date (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_award_draft_constructed (GObject *object)
{
  JlnAwardDraft *self = JLN_AWARD_DRAFT (object);

  G_OBJECT_CLASS (jln_award_draft_parent_class)->constructed (object);
  update_state (self);
}

static void
jln_award_draft_class_init (JlnAwardDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jln_award_draft_dispose;
  object_class->finalize = jln_award_draft_finalize;
  object_class->get_property = jln_award_draft_get_property;
  object_class->set_property = jln_award_draft_set_property;
  object_class->constructed = jln_award_draft_constructed;

  properties[PROP_PARTICIPANT] =
    g_param_spec_object ("participant", NULL, NULL, JLN_TYPE_PARTICIPANT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE] =
    g_param_spec_object ("badge", NULL, NULL, JLN_TYPE_BADGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CRITERIA_MET] =
    g_param_spec_boxed ("criteria-met", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHARE_NOTE] =
    g_param_spec_boolean ("share-note", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVIDENCE_FILES] =
    g_param_spec_object ("evidence-files", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COACH_ID] =
    g_param_spec_int64 ("coach-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_COACH] =
    g_param_spec_boolean ("needs-coach", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEMS] =
    g_param_spec_boxed ("problems", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_CONFIRM] =
    g_param_spec_boolean ("can-confirm", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_award_draft_init (JlnAwardDraft *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->held_versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->held_badges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->met = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->evidence = g_list_store_new (G_TYPE_FILE);
  self->shared_files = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref, NULL);
  self->date = jln_date_local_midnight (now);
  self->problems = g_new0 (char *, 1);
  self->other_problems = g_new0 (char *, 1);
}

JlnAwardDraft *
jln_award_draft_new (JlnParticipant *participant,
                     GListModel     *held_awards)
{
  JlnAwardDraft *self;

  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), NULL);
  g_return_val_if_fail (held_awards == NULL || G_IS_LIST_MODEL (held_awards), NULL);

  self = g_object_new (JLN_TYPE_AWARD_DRAFT, "participant", participant, NULL);
  load_holdings (self, held_awards);
  update_state (self);
  return self;
}

JlnParticipant *
jln_award_draft_get_participant (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), NULL);

  return self->participant;
}

/* ---- badge and criteria ---- */

JlnBadge *
jln_award_draft_get_badge (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), NULL);

  return self->badge;
}

void
jln_award_draft_set_badge (JlnAwardDraft *self,
                           JlnBadge      *badge)
{
  GListModel *criteria;
  guint n;

  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));
  g_return_if_fail (badge == NULL || JLN_IS_BADGE (badge));

  if (!g_set_object (&self->badge, badge))
    return;

  criteria = badge != NULL ? jln_badge_get_criteria (badge) : NULL;
  n = criteria != NULL ? g_list_model_get_n_items (criteria) : 0;
  /* Nothing ticked: each criterion is a statement the coach makes about
   * what the person showed, never a default to be unticked. */
  g_array_set_size (self->met, 0);
  g_array_set_size (self->met, n);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRITERIA_MET]);
  /* The note was about the other badge; evidence stays with the award. */
  jln_award_draft_set_note (self, NULL);
  changed (self);
}

gboolean
jln_award_draft_choose_badge (JlnAwardDraft *self,
                              JlnBadge      *badge,
                              GError       **error)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), FALSE);
  g_return_val_if_fail (JLN_IS_BADGE (badge), FALSE);

  if (jln_award_draft_is_held (self, badge))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED,
                   _("%s already holds this badge (version %u)."),
                   jln_participant_get_display_name (self->participant),
                   jln_badge_get_version (badge));
      return FALSE;
    }
  jln_award_draft_set_badge (self, badge);
  /* Choosing the same badge again is a change too: the refusal goes. */
  changed (self);
  return TRUE;
}

gboolean
jln_award_draft_choose_badge_id (JlnAwardDraft *self,
                                 GListModel    *catalogue,
                                 gint64         badge_id,
                                 GError       **error)
{
  guint n;

  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (catalogue), FALSE);

  n = g_list_model_get_n_items (catalogue);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (catalogue, i);

      if (jln_badge_get_id (badge) != badge_id)
        continue;
      /* Only what the catalogue publishes is awarded. */
      if (jln_badge_get_status (badge) != JLN_BADGE_STATUS_ACTIVE)
        break;
      return jln_award_draft_choose_badge (self, badge, error);
    }
  g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                       _("This badge is not published, so it cannot be awarded."));
  return FALSE;
}

guint
jln_award_draft_get_n_criteria (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), 0);

  return self->met->len;
}

gboolean
jln_award_draft_get_criterion_met (JlnAwardDraft *self,
                                   guint          position)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), FALSE);
  g_return_val_if_fail (position < self->met->len, FALSE);

  return g_array_index (self->met, gboolean, position);
}

void
jln_award_draft_set_criterion_met (JlnAwardDraft *self,
                                   guint          position,
                                   gboolean       met)
{
  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));
  g_return_if_fail (position < self->met->len);

  met = !!met;
  if (g_array_index (self->met, gboolean, position) == met)
    return;
  g_array_index (self->met, gboolean, position) = met;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRITERIA_MET]);
  changed (self);
}

void
jln_award_draft_set_all_criteria_met (JlnAwardDraft *self)
{
  gboolean any = FALSE;

  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));

  for (guint i = 0; i < self->met->len; i++)
    if (!g_array_index (self->met, gboolean, i))
      {
        g_array_index (self->met, gboolean, i) = TRUE;
        any = TRUE;
      }
  if (!any)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRITERIA_MET]);
  changed (self);
}

char **
jln_award_draft_dup_criteria_met (JlnAwardDraft *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *criteria;

  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), NULL);

  criteria = self->badge != NULL ? jln_badge_get_criteria (self->badge) : NULL;
  for (guint i = 0; criteria != NULL && i < self->met->len; i++)
    {
      g_autoptr(JlnCriterion) criterion = g_list_model_get_item (criteria, i);

      if (criterion != NULL && g_array_index (self->met, gboolean, i))
        g_strv_builder_add (builder, jln_criterion_get_text (criterion));
    }
  return g_strv_builder_end (builder);
}

/* ---- note and date ---- */

const char *
jln_award_draft_get_note (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), NULL);

  return self->note;
}

void
jln_award_draft_set_note (JlnAwardDraft *self,
                          const char    *note)
{
  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
  changed (self);
}

gint64
jln_award_draft_get_coach_id (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), 0);

  return self->coach_id;
}

void
jln_award_draft_set_coach_id (JlnAwardDraft *self,
                              gint64         coach_id)
{
  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));

  coach_id = MAX (coach_id, 0);
  if (self->coach_id == coach_id)
    return;
  self->coach_id = coach_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH_ID]);
  changed (self);
}

gboolean
jln_award_draft_get_needs_coach (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), FALSE);

  return self->needs_coach;
}

void
jln_award_draft_set_needs_coach (JlnAwardDraft *self,
                                 gboolean       needs_coach)
{
  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));

  needs_coach = !!needs_coach;
  if (self->needs_coach == needs_coach)
    return;
  self->needs_coach = needs_coach;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_COACH]);
  changed (self);
}

gboolean
jln_award_draft_get_share_note (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), FALSE);

  return self->share_note;
}

void
jln_award_draft_set_share_note (JlnAwardDraft *self,
                                gboolean       share)
{
  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));

  share = !!share;
  if (self->share_note == share)
    return;
  self->share_note = share;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARE_NOTE]);
}

gboolean
jln_award_draft_get_evidence_file_shared (JlnAwardDraft *self,
                                          GFile         *file)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return g_hash_table_contains (self->shared_files, file);
}

void
jln_award_draft_set_evidence_file_shared (JlnAwardDraft *self,
                                          GFile         *file,
                                          gboolean       shared)
{
  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Only a file of this award can be shared. */
  if (shared && find_file (self, file, NULL))
    g_hash_table_add (self->shared_files, g_object_ref (file));
  else if (!shared)
    g_hash_table_remove (self->shared_files, file);
}

GDateTime *
jln_award_draft_get_date (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), NULL);

  return self->date;
}

void
jln_award_draft_set_date (JlnAwardDraft *self,
                          GDateTime     *date)
{
  g_autoptr(GDateTime) midnight = NULL;

  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));
  g_return_if_fail (date != NULL);

  midnight = jln_date_local_midnight (date);
  if (g_date_time_equal (midnight, self->date))
    return;
  g_date_time_unref (self->date);
  self->date = g_steal_pointer (&midnight);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
  changed (self);
}

/* ---- evidence ---- */

GListModel *
jln_award_draft_get_evidence_files (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), NULL);

  return G_LIST_MODEL (self->evidence);
}

gboolean
jln_award_draft_check_evidence_file (GFile    *file,
                                     char    **out_name,
                                     goffset  *out_size,
                                     GError  **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  basename = g_file_get_basename (file);
  name = g_filename_display_name (basename ? basename : "?");
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                     _("The file “%s” cannot be found. It may have been moved or deleted."), name);
      else
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                     _("The file “%s” cannot be read (%s)."), name, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("“%s” is not a file. Choose a photo or a document."), name);
      return FALSE;
    }
  if (g_file_info_get_size (info) > JLN_AWARD_DRAFT_EVIDENCE_MAX_SIZE)
    {
      g_autofree char *size_text = g_format_size (g_file_info_get_size (info));

      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                   _("The file “%s” is too large (%s). Evidence files can be 50 MB at most: "
                     "make the photo smaller or choose another file."), name, size_text);
      return FALSE;
    }

  if (out_name != NULL)
    *out_name = g_steal_pointer (&name);
  if (out_size != NULL)
    *out_size = g_file_info_get_size (info);
  return TRUE;
}

static gboolean
find_file (JlnAwardDraft *self,
           GFile         *file,
           guint         *out_position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->evidence));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) item = g_list_model_get_item (G_LIST_MODEL (self->evidence), i);

      if (g_file_equal (item, file))
        {
          if (out_position != NULL)
            *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
jln_award_draft_add_evidence_file (JlnAwardDraft *self,
                                   GFile         *file,
                                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (find_file (self, file, NULL))
    return TRUE;
  if (!jln_award_draft_check_evidence_file (file, NULL, NULL, &local_error))
    {
      jln_award_draft_set_failure (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_list_store_append (self->evidence, file);
  changed (self);
  return TRUE;
}

void
jln_award_draft_remove_evidence_file (JlnAwardDraft *self,
                                      GFile         *file)
{
  guint position;

  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!find_file (self, file, &position))
    return;
  g_list_store_remove (self->evidence, position);
  g_hash_table_remove (self->shared_files, file);
  changed (self);
}

/* ---- problems ---- */

const char * const *
jln_award_draft_get_problems (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), NULL);

  return (const char * const *) self->problems;
}

const char *
jln_award_draft_get_problem (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), NULL);

  return self->problems[0];
}

const char * const *
jln_award_draft_get_other_problems (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), NULL);

  return (const char * const *) self->other_problems;
}

char *
jln_award_draft_describe_missing (JlnCriterion *criterion)
{
  g_return_val_if_fail (JLN_IS_CRITERION (criterion), NULL);

  return g_strdup_printf (_("“%s” is required for this badge. Tick it once it has been shown, "
                            "or award the badge later."),
                          jln_criterion_get_text (criterion));
}

gboolean
jln_award_draft_get_can_confirm (JlnAwardDraft *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), FALSE);

  return self->can_confirm;
}

void
jln_award_draft_set_failure (JlnAwardDraft *self,
                             const char    *message)
{
  g_return_if_fail (JLN_IS_AWARD_DRAFT (self));

  if (g_strcmp0 (self->failure, message) == 0)
    return;
  g_free (self->failure);
  self->failure = g_strdup (message);
  update_state (self);
}

/* ---- the award ---- */

static char *
dup_clean_note (JlnAwardDraft *self)
{
  char *text;

  if (self->note == NULL)
    return NULL;
  text = g_strstrip (g_strdup (self->note));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static GDateTime *
dup_awarded_on (JlnAwardDraft *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (jln_date_local_day (self->date) == jln_date_local_day (now))
    return g_date_time_new_now_utc ();
  /* Midday UTC stays on the same calendar day in every European zone. */
  return g_date_time_new_utc (g_date_time_get_year (self->date),
                              g_date_time_get_month (self->date),
                              g_date_time_get_day_of_month (self->date),
                              12, 0, 0);
}

JlnAward *
jln_award_draft_build_award (JlnAwardDraft *self,
                             GError       **error)
{
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GDateTime) awarded_on = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) met = NULL;

  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (self), NULL);

  update_state (self);
  if (self->badge == NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("Choose a badge first."));
      return NULL;
    }
  if (!self->can_confirm)
    {
      g_set_error_literal (error, JLN_STORE_ERROR,
                           jln_award_draft_is_held (self, self->badge)
                           ? JLN_STORE_ERROR_ALREADY_AWARDED : JLN_STORE_ERROR_CONSTRAINT,
                           self->problems[0]);
      return NULL;
    }

  award = jln_award_new (jln_participant_get_id (self->participant),
                         jln_badge_get_version_id (self->badge), 0);
  met = jln_award_draft_dup_criteria_met (self);
  jln_award_set_criteria_met (award, (const char * const *) met);
  note = dup_clean_note (self);
  jln_award_set_evidence_note (award, note);
  jln_award_set_evidence_note_shared (award, note != NULL && self->share_note);
  awarded_on = dup_awarded_on (self);
  jln_award_set_awarded_on (award, awarded_on);
  return g_steal_pointer (&award);
}
