/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/common/jln-initials.h"
#include "ui/participants/jln-participant-row.h"

#define AVATAR_SIZE 40
#define AVATAR_SIZE_LARGE 64
#define BADGE_ICON_SIZE_LARGE 32
/* libadwaita's .caption size and .dim-label opacity */
#define DETAILS_SCALE 0.82
#define DETAILS_ALPHA 0.55

struct _JlnParticipantRow
{
  GtkWidget parent_instance;

  JlnParticipant *participant;
  gboolean        large;
  char           *photo_path;   /* photo currently shown on the avatar */

  /* Four children laid out by the row itself (a box layout), no inner
   * boxes: GTK 4.8's list view builds a couple of hundred rows for each
   * search, and every widget costs a CSS node, a style and a measure. */
  JlnInitials *avatar;   /* lighter than AdwAvatar: rebinding many rows while
                          * typing spent a quarter of its time in it */
  GtkLabel  *name_label;   /* the name, and below it the details in small
                             * dim text: one layout, not two labels */
  GtkImage  *badges_icon;
  GtkLabel  *badges_label;
};

G_DEFINE_FINAL_TYPE (JlnParticipantRow, jln_participant_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PARTICIPANT,
  PROP_LARGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
jln_format_badge_count (guint count)
{
  if (count == 0)
    return g_strdup (_("No badges yet"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u badge", "%u badges", count), count);
}

static void
update_photo (JlnParticipantRow *self,
              const char        *path)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (g_strcmp0 (self->photo_path, path) == 0)
    return;
  g_free (self->photo_path);
  self->photo_path = g_strdup (path);

  if (path != NULL)
    {
      g_autoptr(GError) error = NULL;

      texture = gdk_texture_new_from_filename (path, &error);
      /* A missing photo is not worth a dialog: the initials stand in. */
      if (texture == NULL)
        g_debug ("No photo for a participant: %s", error->message);
    }
  jln_initials_set_photo (self->avatar, GDK_PAINTABLE (texture));
}

/* Text attributes for the details line, which starts at @start: the
 * caption and dim-label looks without two more labels. */
static PangoAttrList *
details_attributes (guint start)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *attr;

  attr = pango_attr_weight_new (PANGO_WEIGHT_NORMAL);
  attr->start_index = start;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_scale_new (DETAILS_SCALE);
  attr->start_index = start;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_foreground_alpha_new (DETAILS_ALPHA * G_MAXUINT16);
  attr->start_index = start;
  pango_attr_list_insert (attrs, attr);
  return attrs;
}

/* Coaches see the whole last name: the short "Adama B." made namesakes
 * look alike, an invitation to award the wrong person. */
static char *
full_name (JlnParticipant *p)
{
  const char *first = jln_participant_get_first_name (p);
  const char *last = jln_participant_get_last_name (p);

  return g_strstrip (g_strdup_printf ("%s %s", first ? first : "", last ? last : ""));
}

static void
update_text (JlnParticipantRow *self,
             JlnParticipant    *p)
{
  g_autofree char *name = full_name (p);
  const char *territory, *coach;
  g_autofree char *details = NULL;
  g_autofree char *text = NULL;
  PangoAttrList *attrs;

  territory = jln_participant_get_territory_name (p);
  coach = jln_participant_get_coach_name (p);
  /* Large-icon mode: fewer words, bigger (style.css), but the territory
   * stays: two people of the same name must not look the same. */
  if (self->large)
    {
      if (territory != NULL && *territory)
        details = g_strdup (territory);
    }
  else if (territory != NULL && *territory && coach != NULL && *coach)
    /* Translators: territory, then the participant's coach. */
    details = g_strdup_printf (_("%s · coach: %s"), territory, coach);
  else if (coach != NULL && *coach)
    details = g_strdup_printf (_("Coach: %s"), coach);
  else if (territory != NULL && *territory)
    details = g_strdup (territory);

  if (details == NULL)
    {
      gtk_label_set_attributes (self->name_label, NULL);
      gtk_label_set_label (self->name_label, name);
      return;
    }
  text = g_strconcat (name, "\n", details, NULL);
  attrs = details_attributes (strlen (name) + 1);
  gtk_label_set_attributes (self->name_label, attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_label (self->name_label, text);
}

static void
update (JlnParticipantRow *self)
{
  JlnParticipant *p = self->participant;
  g_autofree char *badges = NULL;
  g_autofree char *name = NULL;
  guint count;

  if (p == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->badges_label, "");
      jln_initials_set_name (self->avatar, NULL);
      update_photo (self, NULL);
      return;
    }

  name = full_name (p);
  jln_initials_set_name (self->avatar, name);
  update_photo (self, jln_participant_get_photo_path (p));
  update_text (self, p);

  count = jln_participant_get_badge_count (p);
  /* Large-icon mode: the pictogram and the number say it without words. */
  if (self->large)
    {
      g_autofree char *words = jln_format_badge_count (count);

      badges = g_strdup_printf ("%u", count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->badges_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
    }
  else
    badges = jln_format_badge_count (count);
  gtk_label_set_label (self->badges_label, badges);
}

/* What depends on the mode only, not on the person: set when it changes. */
static void
update_mode (JlnParticipantRow *self)
{
  jln_initials_set_size (self->avatar, self->large ? AVATAR_SIZE_LARGE : AVATAR_SIZE);
  gtk_label_set_width_chars (self->badges_label, self->large ? 3 : 20);
  gtk_image_set_pixel_size (self->badges_icon, self->large ? BADGE_ICON_SIZE_LARGE : -1);
  if (!self->large)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->badges_label),
                                   GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* In a list, focus and screen readers land on the list item that holds the
 * row, and GTK 4.8 leaves it unnamed: both get the name and the count in
 * words ("Adama Camara, 3 badges"), whatever the mode shows. */
static void
update_accessible (JlnParticipantRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  gboolean in_list = parent != NULL
                     && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (parent)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM;
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  if (self->participant == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      if (in_list)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  count = jln_format_badge_count (jln_participant_get_badge_count (self->participant));
  name = full_name (self->participant);
  /* Translators: a participant's name, then their badges ("Adama Camara, 3 badges"). */
  label = g_strdup_printf (_("%s, %s"), name, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (in_list)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_participant_notify (JlnParticipantRow *self)
{
  update (self);
  update_accessible (self);
}

/* "row.activate": what a click on the row does, reachable from AT-SPI
 * (GTK 4.8 exposes a widget's own parameterless actions, not the list's). */
static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JlnParticipantRow *self = JLN_PARTICIPANT_ROW (widget);

  if (self->participant != NULL)
    g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
jln_participant_row_dispose (GObject *object)
{
  GtkWidget *child;
  JlnParticipantRow *self = JLN_PARTICIPANT_ROW (object);

  jln_participant_row_set_participant (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jln_participant_row_parent_class)->dispose (object);
}

static void
jln_participant_row_finalize (GObject *object)
{
  JlnParticipantRow *self = JLN_PARTICIPANT_ROW (object);

  g_free (self->photo_path);

  G_OBJECT_CLASS (jln_participant_row_parent_class)->finalize (object);
}

static void
jln_participant_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  JlnParticipantRow *self = JLN_PARTICIPANT_ROW (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      g_value_set_object (value, self->participant);
      break;
    case PROP_LARGE:
      g_value_set_boolean (value, self->large);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_participant_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  JlnParticipantRow *self = JLN_PARTICIPANT_ROW (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      jln_participant_row_set_participant (self, g_value_get_object (value));
      break;
    case PROP_LARGE:
      jln_participant_row_set_large (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_participant_row_class_init (JlnParticipantRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jln_participant_row_dispose;
  object_class->finalize = jln_participant_row_finalize;
  object_class->get_property = jln_participant_row_get_property;
  object_class->set_property = jln_participant_row_set_property;

  properties[PROP_PARTICIPANT] =
    g_param_spec_object ("participant", NULL, NULL, JLN_TYPE_PARTICIPANT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE] =
    g_param_spec_boolean ("large", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "participant-row");

  /**
   * JlnParticipantRow::activate:
   *
   * The row is opened other than by the list's click: gtk_widget_activate()
   * or the "row.activate" action (assistive technologies, kiosk driver).
   */
  signals[ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);
  gtk_widget_class_install_action (widget_class, "row.activate", NULL, activate_action);
}

/* Built in code, not from a template: a list keeps up to a few hundred rows
 * and rebuilds many of them when a search changes, and parsing a template
 * for each one made typing in a 10,000-person list stall visibly. */
static void
jln_participant_row_init (JlnParticipantRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget));

  /* 6 px between the count's icon and its words; the name gets 12 px on
   * each side through the margins below. */
  gtk_box_layout_set_spacing (layout, 6);
  gtk_widget_set_margin_top (widget, 6);
  gtk_widget_set_margin_bottom (widget, 6);
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 12);

  self->avatar = JLN_INITIALS (jln_initials_new (AVATAR_SIZE));
  gtk_widget_set_valign (GTK_WIDGET (self->avatar), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (GTK_WIDGET (self->avatar), 6);
  gtk_widget_set_parent (GTK_WIDGET (self->avatar), widget);

  /* Each line is ellipsized on its own (one line per paragraph). */
  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_label), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->name_label), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (GTK_WIDGET (self->name_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "participant-name");
  gtk_widget_set_parent (GTK_WIDGET (self->name_label), widget);

  /* The count is said in words next to it: the icon is decoration. */
  self->badges_icon = g_object_new (GTK_TYPE_IMAGE,
                                    "icon-name", "jln-badge-symbolic",
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    "valign", GTK_ALIGN_CENTER,
                                    NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->badges_icon), widget);

  self->badges_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->badges_label, 0);
  gtk_label_set_width_chars (self->badges_label, 20);
  gtk_widget_set_valign (GTK_WIDGET (self->badges_label), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->badges_label), "badge-count");
  gtk_widget_set_parent (GTK_WIDGET (self->badges_label), widget);
}

GtkWidget *
jln_participant_row_new (void)
{
  return g_object_new (JLN_TYPE_PARTICIPANT_ROW, NULL);
}

JlnParticipant *
jln_participant_row_get_participant (JlnParticipantRow *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_ROW (self), NULL);

  return self->participant;
}

void
jln_participant_row_set_participant (JlnParticipantRow *self,
                                     JlnParticipant    *participant)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_ROW (self));

  if (self->participant == participant)
    return;

  if (self->participant != NULL)
    g_signal_handlers_disconnect_by_func (self->participant, on_participant_notify, self);
  g_set_object (&self->participant, participant);
  if (participant != NULL)
    g_signal_connect_swapped (participant, "notify", G_CALLBACK (on_participant_notify), self);

  update (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTICIPANT]);
}

gboolean
jln_participant_row_get_large (JlnParticipantRow *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_ROW (self), FALSE);

  return self->large;
}

void
jln_participant_row_set_large (JlnParticipantRow *self,
                               gboolean           large)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_ROW (self));

  large = !!large;
  if (self->large == large)
    return;

  self->large = large;
  update_mode (self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE]);
}
