/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/award/jln-coach-row.h"

struct _JlnCoachRow
{
  AdwComboRow parent_instance;

  JlnSession *session;
  GArray     *ids;      /* gint64 per position; position 0 is "Choose…" */
  gint64      coach_id;
  gboolean    filling;
};

G_DEFINE_FINAL_TYPE (JlnCoachRow, jln_coach_row, ADW_TYPE_COMBO_ROW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_COACH_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
select_current (JlnCoachRow *self)
{
  guint position = 0;

  for (guint i = 1; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == self->coach_id)
      position = i;
  self->filling = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), position);
  self->filling = FALSE;
}

/* The coaches as the store has them now (names only: nobody is chosen for
 * the coach, the coach chooses). */
static void
fill (JlnCoachRow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *coaches = jln_store_get_coaches (jln_session_get_store (self->session));
  guint n = g_list_model_get_n_items (coaches);
  gint64 none = 0;

  g_array_set_size (self->ids, 0);
  /* Translators: the first entry of "Awarded by", before a coach is chosen. */
  gtk_string_list_append (names, _("Choose…"));
  g_array_append_val (self->ids, none);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnCoach) coach = g_list_model_get_item (coaches, i);
      gint64 id = jln_coach_get_id (coach);

      gtk_string_list_append (names, jln_coach_get_name (coach));
      g_array_append_val (self->ids, id);
    }
  self->filling = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (names));
  self->filling = FALSE;
  select_current (self);
}

static void
on_selected (JlnCoachRow *self)
{
  guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  gint64 id = 0;

  if (self->filling)
    return;
  if (position != GTK_INVALID_LIST_POSITION && position < self->ids->len)
    id = g_array_index (self->ids, gint64, position);
  if (id == self->coach_id)
    return;
  self->coach_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH_ID]);
}

static void
jln_coach_row_constructed (GObject *object)
{
  JlnCoachRow *self = JLN_COACH_ROW (object);

  G_OBJECT_CLASS (jln_coach_row_parent_class)->constructed (object);

  g_return_if_fail (JLN_IS_SESSION (self->session));
  fill (self);
  g_signal_connect_object (jln_store_get_coaches (jln_session_get_store (self->session)),
                           "items-changed", G_CALLBACK (fill), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::selected", G_CALLBACK (on_selected), NULL);
}

static void
jln_coach_row_dispose (GObject *object)
{
  JlnCoachRow *self = JLN_COACH_ROW (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (jln_coach_row_parent_class)->dispose (object);
}

static void
jln_coach_row_finalize (GObject *object)
{
  JlnCoachRow *self = JLN_COACH_ROW (object);

  g_array_unref (self->ids);
  G_OBJECT_CLASS (jln_coach_row_parent_class)->finalize (object);
}

static void
jln_coach_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JlnCoachRow *self = JLN_COACH_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_COACH_ID:
      g_value_set_int64 (value, self->coach_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_coach_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JlnCoachRow *self = JLN_COACH_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_COACH_ID:
      jln_coach_row_set_coach_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_coach_row_class_init (JlnCoachRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = jln_coach_row_constructed;
  object_class->dispose = jln_coach_row_dispose;
  object_class->finalize = jln_coach_row_finalize;
  object_class->get_property = jln_coach_row_get_property;
  object_class->set_property = jln_coach_row_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COACH_ID] =
    g_param_spec_int64 ("coach-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_coach_row_init (JlnCoachRow *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Awarded by"));
  /* The chosen name as the subtitle: a long name stays readable in
   * large-icon mode, where a value beside the title would be cut. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (self), TRUE);
}

GtkWidget *
jln_coach_row_new (JlnSession *session)
{
  g_return_val_if_fail (JLN_IS_SESSION (session), NULL);

  return g_object_new (JLN_TYPE_COACH_ROW, "session", session, NULL);
}

gint64
jln_coach_row_get_coach_id (JlnCoachRow *self)
{
  g_return_val_if_fail (JLN_IS_COACH_ROW (self), 0);

  return self->coach_id;
}

void
jln_coach_row_set_coach_id (JlnCoachRow *self,
                            gint64       coach_id)
{
  gboolean known = FALSE;

  g_return_if_fail (JLN_IS_COACH_ROW (self));

  for (guint i = 1; i < self->ids->len; i++)
    known |= g_array_index (self->ids, gint64, i) == coach_id;
  if (!known)
    coach_id = 0;
  if (self->coach_id == coach_id)
    return;
  self->coach_id = coach_id;
  select_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH_ID]);
}
