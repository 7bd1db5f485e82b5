/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-service"

#include <glib/gi18n.h>

#include "service/jln-date.h"
#include "service/jln-group-award.h"
#include "store/jln-store-error.h"

struct _JlnGroupAward
{
  GObject parent_instance;

  JlnBadge   *badge;
  GListStore *members;        /* JlnAwardDraft */
  GArray     *met;            /* gboolean per criterion: ticked for all */
  char       *note;
  gboolean    share_note;
  GDateTime  *date;           /* local midnight */
  gint64      coach_id;
  gboolean    needs_coach;

  GStrv       problems;       /* never NULL */
  char       *failure;
  gboolean    can_confirm;
  gboolean    spreading;      /* setting every member: one update at the end */
};

G_DEFINE_FINAL_TYPE (JlnGroupAward, jln_group_award, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BADGE,
  PROP_MEMBERS,
  PROP_NOTE,
  PROP_SHARE_NOTE,
  PROP_DATE,
  PROP_COACH_ID,
  PROP_NEEDS_COACH,
  PROP_PROBLEMS,
  PROP_CAN_CONFIRM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static JlnAwardDraft *
member_at (JlnGroupAward *self,
           guint          i)
{
  g_autoptr(JlnAwardDraft) draft = g_list_model_get_item (G_LIST_MODEL (self->members), i);

  /* The store holds a reference: borrowed is safe while it stays there. */
  return draft;
}

static void
add_unique (GPtrArray  *problems,
            const char *problem)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (g_ptr_array_index (problems, i), problem))
      return;
  g_ptr_array_add (problems, g_strdup (problem));
}

/* The names of @drafts, as one phrase ("A, B and C"). */
static char *
join_names (GPtrArray *drafts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < drafts->len; i++)
    {
      JlnParticipant *p = jln_award_draft_get_participant (g_ptr_array_index (drafts, i));

      if (i > 0)
        /* Translators: between two names of a list; the last pair uses " and ". */
        g_string_append (text, i + 1 == drafts->len ? _(" and ") : _(", "));
      g_string_append (text, jln_participant_get_display_name (p));
    }
  return g_string_free (text, FALSE);
}

static void
update_state (JlnGroupAward *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  GListModel *criteria = jln_badge_get_criteria (self->badge);
  gboolean can = n > 0;

  if (self->spreading)
    return;

  if (n == 0)
    g_ptr_array_add (problems, g_strdup (_("Tick the participants who were there.")));

  /* Each required criterion once: for everyone, or naming those it is not
   * ticked for (thirty times the same sentence helps nobody). */
  for (guint c = 0; n > 0 && c < self->met->len; c++)
    {
      g_autoptr(JlnCriterion) criterion = g_list_model_get_item (criteria, c);
      g_autoptr(GPtrArray) lacking = g_ptr_array_new ();

      if (criterion == NULL || !jln_criterion_get_required (criterion))
        continue;
      for (guint i = 0; i < n; i++)
        if (!jln_award_draft_get_criterion_met (member_at (self, i), c))
          g_ptr_array_add (lacking, member_at (self, i));
      if (lacking->len == n)
        g_ptr_array_add (problems, jln_award_draft_describe_missing (criterion));
      else if (lacking->len > 0)
        {
          g_autofree char *names = join_names (lacking);

          g_ptr_array_add (problems,
                           g_strdup_printf (_("“%s” is required for this badge and is not ticked for %s. "
                                              "Tick it, or take them out of the group."),
                                            jln_criterion_get_text (criterion), names));
        }
    }

  /* The rest, each sentence once: the date and the coach are the same for
   * all; a badge already held or a date before joining names the person. */
  for (guint i = 0; i < n; i++)
    {
      JlnAwardDraft *draft = member_at (self, i);
      const char * const *others = jln_award_draft_get_other_problems (draft);

      for (guint j = 0; others[j] != NULL; j++)
        add_unique (problems, others[j]);
      if (!jln_award_draft_get_can_confirm (draft))
        can = FALSE;
    }
  if (problems->len > 0)
    can = FALSE;

  if (self->failure != NULL)
    g_ptr_array_add (problems, g_strdup (self->failure));
  g_ptr_array_add (problems, NULL);

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

/* Any change clears the last refusal. */
static void
changed (JlnGroupAward *self)
{
  g_clear_pointer (&self->failure, g_free);
  update_state (self);
}

static void
on_member_changed (JlnGroupAward *self)
{
  update_state (self);
}

/* ---- GObject ---- */

static void
jln_group_award_dispose (GObject *object)
{
  JlnGroupAward *self = JLN_GROUP_AWARD (object);
  guint n = self->members != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->members)) : 0;

  for (guint i = 0; i < n; i++)
    g_signal_handlers_disconnect_by_data (member_at (self, i), self);
  g_clear_object (&self->members);
  g_clear_object (&self->badge);

  G_OBJECT_CLASS (jln_group_award_parent_class)->dispose (object);
}

static void
jln_group_award_finalize (GObject *object)
{
  JlnGroupAward *self = JLN_GROUP_AWARD (object);

  g_clear_pointer (&self->met, g_array_unref);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->problems, g_strfreev);
  g_clear_pointer (&self->failure, g_free);

  G_OBJECT_CLASS (jln_group_award_parent_class)->finalize (object);
}

static void
jln_group_award_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JlnGroupAward *self = JLN_GROUP_AWARD (object);

  switch (prop_id)
    {
    case PROP_BADGE:
      g_value_set_object (value, self->badge);
      break;
    case PROP_MEMBERS:
      g_value_set_object (value, self->members);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_SHARE_NOTE:
      g_value_set_boolean (value, self->share_note);
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
jln_group_award_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JlnGroupAward *self = JLN_GROUP_AWARD (object);

  switch (prop_id)
    {
    case PROP_BADGE:
      self->badge = g_value_dup_object (value);
      break;
    case PROP_NOTE:
      jln_group_award_set_note (self, g_value_get_string (value));
      break;
    case PROP_SHARE_NOTE:
      jln_group_award_set_share_note (self, g_value_get_boolean (value));
      break;
    case PROP_DATE:
      jln_group_award_set_date (self, g_value_get_boxed (value));
      break;
    case PROP_COACH_ID:
      jln_group_award_set_coach_id (self, g_value_get_int64 (value));
      break;
    case PROP_NEEDS_COACH:
      jln_group_award_set_needs_coach (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_group_award_constructed (GObject *object)
{
  JlnGroupAward *self = JLN_GROUP_AWARD (object);
  GListModel *criteria;

  G_OBJECT_CLASS (jln_group_award_parent_class)->constructed (object);

  g_assert (JLN_IS_BADGE (self->badge));
  criteria = jln_badge_get_criteria (self->badge);
  g_array_set_size (self->met, criteria != NULL ? g_list_model_get_n_items (criteria) : 0);
  update_state (self);
}

static void
jln_group_award_class_init (JlnGroupAwardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jln_group_award_dispose;
  object_class->finalize = jln_group_award_finalize;
  object_class->get_property = jln_group_award_get_property;
  object_class->set_property = jln_group_award_set_property;
  object_class->constructed = jln_group_award_constructed;

  properties[PROP_BADGE] =
    g_param_spec_object ("badge", NULL, NULL, JLN_TYPE_BADGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEMBERS] =
    g_param_spec_object ("members", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHARE_NOTE] =
    g_param_spec_boolean ("share-note", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
jln_group_award_init (JlnGroupAward *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->members = g_list_store_new (JLN_TYPE_AWARD_DRAFT);
  self->met = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->date = jln_date_local_midnight (now);
  self->problems = g_new0 (char *, 1);
}

JlnGroupAward *
jln_group_award_new (JlnBadge *badge)
{
  g_return_val_if_fail (JLN_IS_BADGE (badge), NULL);

  return g_object_new (JLN_TYPE_GROUP_AWARD, "badge", badge, NULL);
}

JlnBadge *
jln_group_award_get_badge (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), NULL);

  return self->badge;
}

GListModel *
jln_group_award_get_members (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), NULL);

  return G_LIST_MODEL (self->members);
}

guint
jln_group_award_get_n_members (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->members));
}

static gboolean
find_position (JlnGroupAward *self,
               gint64         participant_id,
               guint         *out_position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->members));

  for (guint i = 0; i < n; i++)
    if (jln_participant_get_id (jln_award_draft_get_participant (member_at (self, i))) == participant_id)
      {
        *out_position = i;
        return TRUE;
      }
  return FALSE;
}

JlnAwardDraft *
jln_group_award_find_member (JlnGroupAward *self,
                             gint64         participant_id)
{
  guint position;

  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), NULL);

  return find_position (self, participant_id, &position) ? member_at (self, position) : NULL;
}

gboolean
jln_group_award_add_member (JlnGroupAward *self,
                            JlnAwardDraft *draft,
                            GError       **error)
{
  JlnParticipant *participant;
  guint position;

  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), FALSE);
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (draft), FALSE);

  participant = jln_award_draft_get_participant (draft);
  if (find_position (self, jln_participant_get_id (participant), &position))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                   _("%s is already in the group."), jln_participant_get_display_name (participant));
      return FALSE;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->members)) >= JLN_GROUP_AWARD_MAX_MEMBERS)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                   _("A group award is for %u people at most. Award the others in a second group."),
                   (guint) JLN_GROUP_AWARD_MAX_MEMBERS);
      return FALSE;
    }
  if (!jln_award_draft_choose_badge (draft, self->badge, error))
    return FALSE;

  for (guint c = 0; c < self->met->len; c++)
    if (g_array_index (self->met, gboolean, c))
      jln_award_draft_set_criterion_met (draft, c, TRUE);
  jln_award_draft_set_note (draft, self->note);
  jln_award_draft_set_share_note (draft, self->share_note);
  jln_award_draft_set_date (draft, self->date);
  jln_award_draft_set_coach_id (draft, self->coach_id);
  jln_award_draft_set_needs_coach (draft, self->needs_coach);

  g_signal_connect_object (draft, "notify::problems", G_CALLBACK (on_member_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (draft, "notify::can-confirm", G_CALLBACK (on_member_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (draft, "notify::criteria-met", G_CALLBACK (on_member_changed), self, G_CONNECT_SWAPPED);
  g_list_store_append (self->members, draft);
  changed (self);
  return TRUE;
}

void
jln_group_award_remove_member (JlnGroupAward *self,
                               gint64         participant_id)
{
  guint position;

  g_return_if_fail (JLN_IS_GROUP_AWARD (self));

  if (!find_position (self, participant_id, &position))
    return;
  g_signal_handlers_disconnect_by_data (member_at (self, position), self);
  g_list_store_remove (self->members, position);
  changed (self);
}

/* ---- shared choices, spread to every member ---- */

guint
jln_group_award_get_n_criteria (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), 0);

  return self->met->len;
}

gboolean
jln_group_award_get_criterion_met (JlnGroupAward *self,
                                   guint          position)
{
  guint n;

  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), FALSE);
  g_return_val_if_fail (position < self->met->len, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!jln_award_draft_get_criterion_met (member_at (self, i), position))
      return FALSE;
  return TRUE;
}

void
jln_group_award_set_criterion_met (JlnGroupAward *self,
                                   guint          position,
                                   gboolean       met)
{
  guint n;

  g_return_if_fail (JLN_IS_GROUP_AWARD (self));
  g_return_if_fail (position < self->met->len);

  g_array_index (self->met, gboolean, position) = !!met;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  self->spreading = TRUE;
  for (guint i = 0; i < n; i++)
    jln_award_draft_set_criterion_met (member_at (self, i), position, met);
  self->spreading = FALSE;
  changed (self);
}

void
jln_group_award_set_all_criteria_met (JlnGroupAward *self)
{
  g_return_if_fail (JLN_IS_GROUP_AWARD (self));

  for (guint c = 0; c < self->met->len; c++)
    jln_group_award_set_criterion_met (self, c, TRUE);
}

const char *
jln_group_award_get_note (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), NULL);

  return self->note;
}

void
jln_group_award_set_note (JlnGroupAward *self,
                          const char    *note)
{
  guint n;

  g_return_if_fail (JLN_IS_GROUP_AWARD (self));

  if (note != NULL && *note == '\0')
    note = NULL;
  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  self->spreading = TRUE;
  for (guint i = 0; i < n; i++)
    jln_award_draft_set_note (member_at (self, i), note);
  self->spreading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
  changed (self);
}

gboolean
jln_group_award_get_share_note (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), FALSE);

  return self->share_note;
}

void
jln_group_award_set_share_note (JlnGroupAward *self,
                                gboolean       share)
{
  guint n;

  g_return_if_fail (JLN_IS_GROUP_AWARD (self));

  share = !!share;
  if (self->share_note == share)
    return;
  self->share_note = share;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  self->spreading = TRUE;
  for (guint i = 0; i < n; i++)
    jln_award_draft_set_share_note (member_at (self, i), share);
  self->spreading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARE_NOTE]);
  changed (self);
}

GDateTime *
jln_group_award_get_date (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), NULL);

  return self->date;
}

void
jln_group_award_set_date (JlnGroupAward *self,
                          GDateTime     *date)
{
  g_autoptr(GDateTime) midnight = NULL;
  guint n;

  g_return_if_fail (JLN_IS_GROUP_AWARD (self));
  g_return_if_fail (date != NULL);

  midnight = jln_date_local_midnight (date);
  if (g_date_time_equal (midnight, self->date))
    return;
  g_date_time_unref (self->date);
  self->date = g_steal_pointer (&midnight);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  self->spreading = TRUE;
  for (guint i = 0; i < n; i++)
    jln_award_draft_set_date (member_at (self, i), self->date);
  self->spreading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
  changed (self);
}

gint64
jln_group_award_get_coach_id (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), 0);

  return self->coach_id;
}

void
jln_group_award_set_coach_id (JlnGroupAward *self,
                              gint64         coach_id)
{
  guint n;

  g_return_if_fail (JLN_IS_GROUP_AWARD (self));

  coach_id = MAX (coach_id, 0);
  if (self->coach_id == coach_id)
    return;
  self->coach_id = coach_id;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  self->spreading = TRUE;
  for (guint i = 0; i < n; i++)
    jln_award_draft_set_coach_id (member_at (self, i), coach_id);
  self->spreading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH_ID]);
  changed (self);
}

gboolean
jln_group_award_get_needs_coach (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), FALSE);

  return self->needs_coach;
}

void
jln_group_award_set_needs_coach (JlnGroupAward *self,
                                 gboolean       needs_coach)
{
  guint n;

  g_return_if_fail (JLN_IS_GROUP_AWARD (self));

  needs_coach = !!needs_coach;
  if (self->needs_coach == needs_coach)
    return;
  self->needs_coach = needs_coach;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  self->spreading = TRUE;
  for (guint i = 0; i < n; i++)
    jln_award_draft_set_needs_coach (member_at (self, i), needs_coach);
  self->spreading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_COACH]);
  changed (self);
}

/* ---- problems ---- */

const char * const *
jln_group_award_get_problems (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), NULL);

  return (const char * const *) self->problems;
}

const char *
jln_group_award_get_problem (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), NULL);

  return self->problems[0];
}

gboolean
jln_group_award_get_can_confirm (JlnGroupAward *self)
{
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (self), FALSE);

  return self->can_confirm;
}

void
jln_group_award_set_failure (JlnGroupAward *self,
                             const char    *message)
{
  g_return_if_fail (JLN_IS_GROUP_AWARD (self));

  if (g_strcmp0 (self->failure, message) == 0)
    return;
  g_free (self->failure);
  self->failure = g_strdup (message);
  update_state (self);
}
