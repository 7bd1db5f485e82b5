/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "ui/shell/jln-ui-resources.h"
#include "ui/badges/jln-badge-composer.h"
#include "ui/common/jln-badge-image.h"

#define DEFAULT_SHAPE JLN_BADGE_SHAPE_ROUND
#define DEFAULT_PRIMARY "teal"
#define DEFAULT_SECONDARY "white"
#define DEFAULT_PICTOGRAM "star"

#define SHAPE_PREVIEW_SIZE 40
#define PICTOGRAM_SIZE 32
#define SWATCH_SIZE 20

/* Our own namespace: only Jalons reads these choices back. */

struct _JlnBadgeComposer
{
  GtkWidget parent_instance;

  JlnBadgeShape shape;
  char         *primary;
  char         *secondary;
  char         *pictogram;
  char         *label;

  char         *svg;           /* composed document, NULL while invalid */
  char         *original_svg;  /* from load_svg(), kept while untouched */
  gboolean      original_ours; /* original_svg was drawn from choices */
  char         *problem;
  char         *preview_svg;   /* what the preview shows */
  gboolean      touched;
  gboolean      syncing;

  GtkToggleButton *shape_buttons[JLN_BADGE_N_SHAPES];
  JlnBadgeImage   *shape_images[JLN_BADGE_N_SHAPES];
  GPtrArray       *primary_buttons;
  GPtrArray       *secondary_buttons;
  GPtrArray       *pictogram_buttons;

  /* template children */
  JlnBadgeImage *preview;
  GtkWidget     *preview_column;
  GtkBox        *contrast_box;
  GtkImage      *contrast_icon;
  GtkLabel      *contrast_label;
  GtkFlowBox    *shape_box;
  GtkFlowBox    *primary_box;
  GtkFlowBox    *secondary_box;
  GtkFlowBox    *pictogram_box;
  GtkEntry      *label_entry;
  GtkLabel      *label_count;
};

G_DEFINE_FINAL_TYPE (JlnBadgeComposer, jln_badge_composer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SVG,
  PROP_VALID,
  PROP_PROBLEM,
  PROP_PREVIEW_SVG,
  PROP_STATUS,
  PROP_SHOW_PREVIEW,
  PROP_CUSTOM_IMAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* g_set_str() is GLib 2.76: TRUE when the value changed. */
static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static const char *
colour_hex (const char *id)
{
  const JlnPaletteColour *colour = id ? jln_badge_art_palette_lookup (id) : NULL;

  return colour ? colour->hex : NULL;
}

/* The palette id of "#rrggbb", or NULL when it is not one of the palette's. */
static char *
palette_id_for_hex (const char *hex)
{
  guint n_colours;
  const JlnPaletteColour *palette = jln_badge_art_palette (&n_colours);

  for (guint i = 0; hex != NULL && i < n_colours; i++)
    if (g_ascii_strcasecmp (hex, palette[i].hex) == 0)
      return g_strdup (palette[i].id);
  return NULL;
}

gboolean
jln_badge_composer_read_choices (const char     *svg,
                                 JlnBadgeShape  *shape,
                                 char          **primary,
                                 char          **secondary,
                                 char          **pictogram,
                                 char          **label)
{
  g_auto(JlnBadgeArtChoices) choices = { 0 };
  g_autofree char *primary_id = NULL;
  g_autofree char *secondary_id = NULL;

  if (!jln_badge_art_read_choices (svg, &choices))
    return FALSE;
  /* The composer offers palette colours only: anything else is a drawing
   * it cannot take up again. */
  primary_id = palette_id_for_hex (choices.primary);
  secondary_id = palette_id_for_hex (choices.secondary);
  if (primary_id == NULL || secondary_id == NULL)
    return FALSE;
  if (shape)
    *shape = choices.shape;
  if (primary)
    *primary = g_steal_pointer (&primary_id);
  if (secondary)
    *secondary = g_steal_pointer (&secondary_id);
  if (pictogram)
    *pictogram = g_steal_pointer (&choices.pictogram);
  if (label)
    *label = g_strdup (choices.label ? choices.label : "");
  return TRUE;
}

/* Where a colour is not one of the palette's (an image made elsewhere),
 * the composer falls back to the defaults rather than inventing a swatch. */
static char *
guess_palette_id (const char *svg,
                  const char *attribute)
{
  g_autofree char *needle = g_strdup_printf ("%s=\"#", attribute);
  const char *found = svg ? strstr (svg, needle) : NULL;
  guint n_colours;
  const JlnPaletteColour *palette = jln_badge_art_palette (&n_colours);

  if (found == NULL)
    return NULL;
  found += strlen (needle) - 1;
  for (guint i = 0; i < n_colours; i++)
    if (g_ascii_strncasecmp (found, palette[i].hex, 7) == 0)
      return g_strdup (palette[i].id);
  return NULL;
}

static char *
swatch_svg (const char *hex)
{
  return g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\">"
                          "<circle cx=\"12\" cy=\"12\" r=\"10.5\" fill=\"%s\" stroke=\"#000000\""
                          " stroke-opacity=\"0.3\" stroke-width=\"1\"/></svg>", hex);
}

static const char *
pictogram_ink (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "#FFFFFF" : "#2E3436";
}

static void
update_pictogram_buttons (JlnBadgeComposer *self)
{
  for (guint i = 0; i < self->pictogram_buttons->len; i++)
    {
      GtkWidget *button = self->pictogram_buttons->pdata[i];
      const char *name = g_object_get_data (G_OBJECT (button), "jln-choice");
      g_autofree char *svg = jln_badge_art_pictogram_svg (name, pictogram_ink ());

      jln_badge_image_set_svg (JLN_BADGE_IMAGE (gtk_button_get_child (GTK_BUTTON (button))), svg);
    }
}

/* Shape buttons show the shape in the badge's own colours, so choosing a
 * shape is choosing a picture, not a word. */
static void
update_shape_previews (JlnBadgeComposer *self)
{
  JlnBadgeArtSpec spec = {
    .primary = colour_hex (self->primary),
    .secondary = colour_hex (self->secondary),
    .pictogram = self->pictogram,
    .label = NULL,
  };

  if (!jln_badge_art_check_colours (spec.primary, spec.secondary, NULL))
    {
      spec.primary = colour_hex (DEFAULT_PRIMARY);
      spec.secondary = colour_hex (DEFAULT_SECONDARY);
    }
  if (!jln_badge_art_has_pictogram (spec.pictogram))
    spec.pictogram = DEFAULT_PICTOGRAM;

  for (guint i = 0; i < JLN_BADGE_N_SHAPES; i++)
    {
      g_autofree char *svg = NULL;

      spec.shape = i;
      svg = jln_badge_art_render (&spec, NULL);
      jln_badge_image_set_svg (self->shape_images[i], svg);
    }
}

static void
set_contrast_message (JlnBadgeComposer *self,
                      const char       *icon,
                      const char       *text,
                      gboolean          is_error)
{
  gtk_image_set_from_icon_name (self->contrast_icon, icon);
  gtk_label_set_label (self->contrast_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->contrast_box), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->contrast_box), "error");
}

static void
set_choices_sensitive (JlnBadgeComposer *self,
                       gboolean          sensitive)
{
  GtkWidget *choices[] = {
    GTK_WIDGET (self->shape_box), GTK_WIDGET (self->primary_box),
    GTK_WIDGET (self->secondary_box), GTK_WIDGET (self->pictogram_box),
    GTK_WIDGET (self->label_entry),
  };

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    gtk_widget_set_sensitive (choices[i], sensitive);
}

static void
recompose (JlnBadgeComposer *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  const char *primary = colour_hex (self->primary);
  const char *secondary = colour_hex (self->secondary);
  gboolean was_valid = jln_badge_composer_get_valid (self);
  gboolean was_custom = jln_badge_composer_get_custom_image (self);
  JlnBadgeArtSpec spec = {
    .shape = self->shape,
    .primary = primary,
    .secondary = secondary,
    .pictogram = self->pictogram,
    .label = (self->label && *self->label) ? self->label : NULL,
  };

  g_clear_pointer (&self->svg, g_free);
  g_clear_pointer (&self->problem, g_free);

  if (jln_badge_art_check_colours (primary, secondary, &error))
    document = jln_badge_art_render (&spec, &error);

  if (document != NULL)
    self->svg = g_steal_pointer (&document);
  else
    self->problem = g_strdup (error ? error->message : _("This badge cannot be drawn."));

  if (!self->touched && self->original_svg != NULL)
    {
      replace_str (&self->preview_svg, self->original_svg);
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview), "dim-label");
      set_contrast_message (self, "document-edit-symbolic",
                            jln_badge_composer_get_custom_image (self)
                              ? _("This image was drawn elsewhere and stays as it is. To draw one here instead, choose Draw a New Image.")
                              : _("This is the current image. Change any choice to draw a new one."),
                            FALSE);
    }
  else if (self->svg != NULL)
    {
      g_autofree char *text = NULL;

      replace_str (&self->preview_svg, self->svg);
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview), "dim-label");
      text = g_strdup_printf (_("Colours easy to tell apart (contrast %.1f to 1)."),
                              jln_badge_art_contrast_ratio (primary, secondary));
      set_contrast_message (self, "emblem-ok-symbolic", text, FALSE);
    }
  else
    {
      /* Keep the last drawing, faded, next to the reason it cannot be
       * updated: the coach sees what to fix instead of an empty frame. */
      gtk_widget_add_css_class (GTK_WIDGET (self->preview), "dim-label");
      set_contrast_message (self, "dialog-warning-symbolic", self->problem, TRUE);
    }

  /* An image drawn elsewhere is never replaced by a stray click: the
   * choices wait until the coach asks to draw a new image. */
  set_choices_sensitive (self, !jln_badge_composer_get_custom_image (self));
  jln_badge_image_set_svg (self->preview, self->preview_svg);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_label (self->contrast_label),
                                  -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SVG]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW_SVG]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  if (was_valid != jln_badge_composer_get_valid (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  if (was_custom != jln_badge_composer_get_custom_image (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOM_IMAGE]);
}

static void
sync_group (GPtrArray  *buttons,
            const char *choice)
{
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkToggleButton *button = buttons->pdata[i];
      const char *value = g_object_get_data (G_OBJECT (button), "jln-choice");

      if (g_strcmp0 (value, choice) == 0)
        gtk_toggle_button_set_active (button, TRUE);
      else if (gtk_toggle_button_get_active (button))
        gtk_toggle_button_set_active (button, FALSE);
    }
}

static void
sync_buttons (JlnBadgeComposer *self)
{
  g_autofree char *count = NULL;

  self->syncing = TRUE;
  for (guint i = 0; i < JLN_BADGE_N_SHAPES; i++)
    gtk_toggle_button_set_active (self->shape_buttons[i], i == self->shape);
  sync_group (self->primary_buttons, self->primary);
  sync_group (self->secondary_buttons, self->secondary);
  sync_group (self->pictogram_buttons, self->pictogram);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->label_entry)), self->label) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->label_entry), self->label ? self->label : "");
  self->syncing = FALSE;

  count = g_strdup_printf (_("%ld of %d characters"),
                           self->label ? g_utf8_strlen (self->label, -1) : 0,
                           JLN_BADGE_ART_LABEL_MAX_CHARS);
  gtk_label_set_label (self->label_count, count);
}

/* Every change goes through here: choices, buttons, preview, signal. */
static void
changed (JlnBadgeComposer *self,
         gboolean          colours_or_pictogram)
{
  self->touched = TRUE;
  sync_buttons (self);
  if (colours_or_pictogram)
    update_shape_previews (self);
  recompose (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_shape_toggled (GtkToggleButton  *button,
                  JlnBadgeComposer *self)
{
  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;
  jln_badge_composer_set_shape (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                                           "jln-shape")));
}

static void
on_primary_toggled (GtkToggleButton  *button,
                    JlnBadgeComposer *self)
{
  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;
  jln_badge_composer_set_primary (self, g_object_get_data (G_OBJECT (button), "jln-choice"));
}

static void
on_secondary_toggled (GtkToggleButton  *button,
                      JlnBadgeComposer *self)
{
  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;
  jln_badge_composer_set_secondary (self, g_object_get_data (G_OBJECT (button), "jln-choice"));
}

static void
on_pictogram_toggled (GtkToggleButton  *button,
                      JlnBadgeComposer *self)
{
  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;
  jln_badge_composer_set_pictogram (self, g_object_get_data (G_OBJECT (button), "jln-choice"));
}

static void
on_label_changed (GtkEditable      *entry,
                  JlnBadgeComposer *self)
{
  if (self->syncing)
    return;
  jln_badge_composer_set_label (self, gtk_editable_get_text (entry));
}

/* The button carries the name; its picture says nothing more. */
static GtkWidget *
decorative_image (void)
{
  return g_object_new (JLN_TYPE_BADGE_IMAGE,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}

/* Flow box children would be a second tab stop around each button. */
static void
append_to_flow_box (GtkFlowBox *box,
                    GtkWidget  *button)
{
  GtkWidget *child = gtk_flow_box_child_new ();

  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), button);
  gtk_widget_set_focusable (child, FALSE);
  gtk_flow_box_append (box, child);
}

static GtkToggleButton *
make_choice_button (GtkWidget       *content,
                    const char      *name,
                    GtkToggleButton *group)
{
  GtkWidget *button = gtk_toggle_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  gtk_widget_add_css_class (button, "composer-choice");
  return GTK_TOGGLE_BUTTON (button);
}

static void
build_colour_buttons (JlnBadgeComposer *self,
                      GtkFlowBox       *box,
                      GPtrArray        *buttons,
                      GCallback         callback)
{
  guint n_colours;
  const JlnPaletteColour *palette = jln_badge_art_palette (&n_colours);

  for (guint i = 0; i < n_colours; i++)
    {
      const char *name = g_dgettext (GETTEXT_PACKAGE, palette[i].name);
      g_autofree char *svg = swatch_svg (palette[i].hex);
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = decorative_image ();
      GtkWidget *label = gtk_label_new (name);
      GtkToggleButton *button;

      jln_badge_image_set_pixel_size (JLN_BADGE_IMAGE (swatch), SWATCH_SIZE);
      jln_badge_image_set_svg (JLN_BADGE_IMAGE (swatch), svg);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (content), swatch);
      gtk_box_append (GTK_BOX (content), label);

      button = make_choice_button (content, name, buttons->len ? buttons->pdata[0] : NULL);
      gtk_widget_add_css_class (GTK_WIDGET (button), "swatch");
      g_object_set_data (G_OBJECT (button), "jln-choice", (gpointer) palette[i].id);
      g_signal_connect (button, "toggled", callback, self);
      g_ptr_array_add (buttons, button);
      append_to_flow_box (box, GTK_WIDGET (button));
    }
}

static void
build_buttons (JlnBadgeComposer *self)
{
  const char * const *pictograms = jln_badge_art_list_pictograms ();

  for (guint i = 0; i < JLN_BADGE_N_SHAPES; i++)
    {
      const char *name = jln_badge_shape_get_display_name (i);
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *image = decorative_image ();
      GtkWidget *label = gtk_label_new (name);

      jln_badge_image_set_pixel_size (JLN_BADGE_IMAGE (image), SHAPE_PREVIEW_SIZE);
      gtk_widget_set_halign (image, GTK_ALIGN_CENTER);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (content), image);
      gtk_box_append (GTK_BOX (content), label);
      self->shape_images[i] = JLN_BADGE_IMAGE (image);
      self->shape_buttons[i] = make_choice_button (content, name, i ? self->shape_buttons[0] : NULL);
      g_object_set_data (G_OBJECT (self->shape_buttons[i]), "jln-shape", GUINT_TO_POINTER (i));
      g_signal_connect (self->shape_buttons[i], "toggled", G_CALLBACK (on_shape_toggled), self);
      append_to_flow_box (self->shape_box, GTK_WIDGET (self->shape_buttons[i]));
    }

  build_colour_buttons (self, self->primary_box, self->primary_buttons,
                        G_CALLBACK (on_primary_toggled));
  build_colour_buttons (self, self->secondary_box, self->secondary_buttons,
                        G_CALLBACK (on_secondary_toggled));

  for (guint i = 0; pictograms[i] != NULL; i++)
    {
      const char *name = jln_badge_art_pictogram_display_name (pictograms[i]);
      GtkWidget *image = decorative_image ();
      GtkToggleButton *button;

      jln_badge_image_set_pixel_size (JLN_BADGE_IMAGE (image), PICTOGRAM_SIZE);
      button = make_choice_button (image, name ? name : pictograms[i],
                                   i ? self->pictogram_buttons->pdata[0] : NULL);
      gtk_widget_add_css_class (GTK_WIDGET (button), "pictogram");
      g_object_set_data (G_OBJECT (button), "jln-choice", (gpointer) pictograms[i]);
      g_signal_connect (button, "toggled", G_CALLBACK (on_pictogram_toggled), self);
      g_ptr_array_add (self->pictogram_buttons, button);
      append_to_flow_box (self->pictogram_box, GTK_WIDGET (button));
    }
  update_pictogram_buttons (self);
}

static void
jln_badge_composer_dispose (GObject *object)
{
  JlnBadgeComposer *self = JLN_BADGE_COMPOSER (object);
  GtkWidget *child;

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_BADGE_COMPOSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->primary_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->secondary_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->pictogram_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (jln_badge_composer_parent_class)->dispose (object);
}

static void
jln_badge_composer_finalize (GObject *object)
{
  JlnBadgeComposer *self = JLN_BADGE_COMPOSER (object);

  g_free (self->primary);
  g_free (self->secondary);
  g_free (self->pictogram);
  g_free (self->label);
  g_free (self->svg);
  g_free (self->original_svg);
  g_free (self->problem);
  g_free (self->preview_svg);

  G_OBJECT_CLASS (jln_badge_composer_parent_class)->finalize (object);
}

static void
jln_badge_composer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  JlnBadgeComposer *self = JLN_BADGE_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_SVG:
      g_value_set_string (value, jln_badge_composer_get_svg (self));
      break;
    case PROP_VALID:
      g_value_set_boolean (value, jln_badge_composer_get_valid (self));
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, jln_badge_composer_get_problem (self));
      break;
    case PROP_PREVIEW_SVG:
      g_value_set_string (value, self->preview_svg);
      break;
    case PROP_STATUS:
      g_value_set_string (value, jln_badge_composer_get_status (self));
      break;
    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, gtk_widget_get_visible (self->preview_column));
      break;
    case PROP_CUSTOM_IMAGE:
      g_value_set_boolean (value, jln_badge_composer_get_custom_image (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_composer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  JlnBadgeComposer *self = JLN_BADGE_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_SHOW_PREVIEW:
      jln_badge_composer_set_show_preview (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_composer_class_init (JlnBadgeComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_badge_composer_dispose;
  object_class->finalize = jln_badge_composer_finalize;
  object_class->get_property = jln_badge_composer_get_property;
  object_class->set_property = jln_badge_composer_set_property;

  properties[PROP_SVG] =
    g_param_spec_string ("svg", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREVIEW_SVG] =
    g_param_spec_string ("preview-svg", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOM_IMAGE] =
    g_param_spec_boolean ("custom-image", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (JLN_TYPE_BADGE_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/badges/jln-badge-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, preview);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, preview_column);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, contrast_box);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, contrast_icon);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, contrast_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, shape_box);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, primary_box);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, secondary_box);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, pictogram_box);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, label_entry);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeComposer, label_count);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "badge-composer");
}

static void
jln_badge_composer_init (JlnBadgeComposer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->primary_buttons = g_ptr_array_new ();
  self->secondary_buttons = g_ptr_array_new ();
  self->pictogram_buttons = g_ptr_array_new ();
  self->shape = DEFAULT_SHAPE;
  self->primary = g_strdup (DEFAULT_PRIMARY);
  self->secondary = g_strdup (DEFAULT_SECONDARY);
  self->pictogram = g_strdup (DEFAULT_PICTOGRAM);
  self->label = g_strdup ("");

  build_buttons (self);
  g_signal_connect (self->label_entry, "changed", G_CALLBACK (on_label_changed), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (update_pictogram_buttons), self);

  sync_buttons (self);
  update_shape_previews (self);
  recompose (self);
}

GtkWidget *
jln_badge_composer_new (void)
{
  return g_object_new (JLN_TYPE_BADGE_COMPOSER, NULL);
}

JlnBadgeShape
jln_badge_composer_get_shape (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), DEFAULT_SHAPE);
  return self->shape;
}

void
jln_badge_composer_set_shape (JlnBadgeComposer *self,
                              JlnBadgeShape     shape)
{
  g_return_if_fail (JLN_IS_BADGE_COMPOSER (self));
  g_return_if_fail (shape < JLN_BADGE_N_SHAPES);

  if (self->shape == shape && self->touched)
    return;
  self->shape = shape;
  changed (self, FALSE);
}

const char *
jln_badge_composer_get_primary (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), NULL);
  return self->primary;
}

void
jln_badge_composer_set_primary (JlnBadgeComposer *self,
                                const char       *colour_id)
{
  g_return_if_fail (JLN_IS_BADGE_COMPOSER (self));

  if (!replace_str (&self->primary, colour_id) && self->touched)
    return;
  changed (self, TRUE);
}

const char *
jln_badge_composer_get_secondary (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), NULL);
  return self->secondary;
}

void
jln_badge_composer_set_secondary (JlnBadgeComposer *self,
                                  const char       *colour_id)
{
  g_return_if_fail (JLN_IS_BADGE_COMPOSER (self));

  if (!replace_str (&self->secondary, colour_id) && self->touched)
    return;
  changed (self, TRUE);
}

const char *
jln_badge_composer_get_pictogram (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), NULL);
  return self->pictogram;
}

void
jln_badge_composer_set_pictogram (JlnBadgeComposer *self,
                                  const char       *name)
{
  g_return_if_fail (JLN_IS_BADGE_COMPOSER (self));

  if (!replace_str (&self->pictogram, name) && self->touched)
    return;
  changed (self, TRUE);
}

const char *
jln_badge_composer_get_label (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), NULL);
  return self->label;
}

void
jln_badge_composer_set_label (JlnBadgeComposer *self,
                              const char       *label)
{
  g_autofree char *cut = NULL;

  g_return_if_fail (JLN_IS_BADGE_COMPOSER (self));

  /* The entry stops at 14 characters; callers in code are held to the same. */
  cut = g_utf8_substring (label ? label : "", 0,
                          MIN (g_utf8_strlen (label ? label : "", -1), JLN_BADGE_ART_LABEL_MAX_CHARS));
  if (!replace_str (&self->label, cut) && self->touched)
    return;
  changed (self, FALSE);
}

gboolean
jln_badge_composer_get_valid (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), FALSE);

  return jln_badge_composer_get_svg (self) != NULL;
}

const char *
jln_badge_composer_get_problem (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), NULL);

  if (!self->touched && self->original_svg != NULL)
    return NULL;
  return self->problem;
}

const char *
jln_badge_composer_get_svg (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), NULL);

  if (!self->touched && self->original_svg != NULL)
    return self->original_svg;
  return self->svg;
}

void
jln_badge_composer_load_svg (JlnBadgeComposer *self,
                             const char       *svg)
{
  JlnBadgeShape shape = DEFAULT_SHAPE;
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;
  g_autofree char *pictogram = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (JLN_IS_BADGE_COMPOSER (self));

  self->original_ours = jln_badge_composer_read_choices (svg, &shape, &primary, &secondary,
                                                         &pictogram, &label);
  if (!self->original_ours)
    {
      primary = guess_palette_id (svg, "fill");
      secondary = guess_palette_id (svg, "stroke");
    }

  self->shape = shape;
  replace_str (&self->primary, primary ? primary : DEFAULT_PRIMARY);
  replace_str (&self->secondary, secondary ? secondary : DEFAULT_SECONDARY);
  replace_str (&self->pictogram, jln_badge_art_has_pictogram (pictogram) ? pictogram : DEFAULT_PICTOGRAM);
  replace_str (&self->label, label ? label : "");
  replace_str (&self->original_svg, (svg && *svg) ? svg : NULL);
  self->touched = FALSE;

  sync_buttons (self);
  update_shape_previews (self);
  recompose (self);
}

const char *
jln_badge_composer_get_preview_svg (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), NULL);
  return self->preview_svg;
}

const char *
jln_badge_composer_get_status (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), NULL);
  return gtk_label_get_label (self->contrast_label);
}

void
jln_badge_composer_set_show_preview (JlnBadgeComposer *self,
                                     gboolean          show_preview)
{
  g_return_if_fail (JLN_IS_BADGE_COMPOSER (self));

  show_preview = !!show_preview;
  if (gtk_widget_get_visible (self->preview_column) == show_preview)
    return;
  gtk_widget_set_visible (self->preview_column, show_preview);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PREVIEW]);
}

gboolean
jln_badge_composer_get_custom_image (JlnBadgeComposer *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_COMPOSER (self), FALSE);

  return !self->touched && self->original_svg != NULL && !self->original_ours;
}

void
jln_badge_composer_use_image (JlnBadgeComposer *self,
                              const char       *svg)
{
  g_return_if_fail (JLN_IS_BADGE_COMPOSER (self));
  g_return_if_fail (svg != NULL && *svg != '\0');

  /* The choices stay as they are: going back to the composer finds them. */
  replace_str (&self->original_svg, svg);
  self->original_ours = FALSE;
  self->touched = FALSE;
  recompose (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
jln_badge_composer_back_to_choices (JlnBadgeComposer *self)
{
  g_return_if_fail (JLN_IS_BADGE_COMPOSER (self));

  if (self->touched || self->original_svg == NULL)
    return;
  changed (self, FALSE);
}
