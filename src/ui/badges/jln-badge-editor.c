/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/shell/jln-ui-resources.h"
#include "ui/badges/jln-badge-editor.h"
#include "ui/common/jln-large-icons.h"
#include "ui/badges/jln-badge-composer.h"
#include "ui/common/jln-badge-image.h"

/* Beyond this the easy-to-read text stops being a sentence or two. */
#define EASY_TEXT_ADVISED_CHARS 120
/* Slugs tried with a suffix ("-2", "-3", …) when a new badge's one is taken. */
#define SLUG_ATTEMPTS 10

struct _JlnBadgeEditor
{
  AdwWindow parent_instance;

  JlnSession *session;
  JlnStore  *store;           /* the session's */
  JlnBadge  *badge;
  char      *version_notice_text;
  gboolean   modified;
  gboolean   loading;
  GtkFileChooserNative *chooser;

  /* template children */
  AdwWindowTitle   *window_title;
  GtkRevealer      *message_revealer;
  GtkLabel         *message_label;
  GtkWidget        *version_notice;
  GtkLabel         *version_label;
  AdwEntryRow      *name_row;
  AdwEntryRow      *easy_row;
  GtkLabel         *easy_count;
  AdwEntryRow      *theme_row;
  GtkMenuButton    *theme_button;
  GtkToggleButton  *kind_savoir;
  GtkToggleButton  *kind_savoir_faire;
  GtkToggleButton  *kind_savoir_etre;
  GtkTextView      *description_view;
  GtkListBox       *criteria_list;
  JlnBadgeComposer *composer;
  JlnBadgeImage    *preview_image;
  GtkLabel         *preview_name;
  GtkLabel         *preview_easy;
  GtkWidget        *status_box;
  GtkImage         *status_icon;
  GtkLabel         *status_label;
  GtkWidget        *back_to_composer_button;
};

G_DEFINE_FINAL_TYPE (JlnBadgeEditor, jln_badge_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BADGE,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
nonnull (const char *s)
{
  return s ? s : "";
}

char *
jln_badge_slug_from_name (const char *name)
{
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  /* Transliteration to ASCII in the C locale drops accents ("é" -> "e")
   * whatever the user's locale. */
  ascii = g_str_to_ascii (name ? name : "", "C");
  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  if (slug->len > 60)
    {
      g_string_truncate (slug, 60);
      while (slug->len > 0 && slug->str[slug->len - 1] == '-')
        g_string_truncate (slug, slug->len - 1);
    }
  if (slug->len == 0)
    g_string_append (slug, "badge");
  return g_string_free (slug, FALSE);
}

static void
set_modified (JlnBadgeEditor *self,
              gboolean        modified)
{
  if (self->loading || self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
mark_modified (JlnBadgeEditor *self)
{
  set_modified (self, TRUE);
}

static void
show_message (JlnBadgeEditor *self,
              const char     *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
update_save_action (JlnBadgeEditor *self)
{
  /* Colours too close cannot be saved at all: the reason is shown under
   * the preview. Empty fields are explained when Save is pressed. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 jln_badge_composer_get_valid (self->composer));
}

/* The preview stays in view beside the form, whatever is being edited. */
static void
update_preview (JlnBadgeEditor *self)
{
  gboolean valid = jln_badge_composer_get_valid (self->composer);

  jln_badge_image_set_svg (self->preview_image, jln_badge_composer_get_preview_svg (self->composer));
  gtk_label_set_label (self->preview_name, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  gtk_label_set_label (self->preview_easy, gtk_editable_get_text (GTK_EDITABLE (self->easy_row)));
  gtk_label_set_label (self->status_label, jln_badge_composer_get_status (self->composer));
  gtk_widget_set_visible (self->back_to_composer_button,
                          jln_badge_composer_get_custom_image (self->composer));
  gtk_image_set_from_icon_name (self->status_icon, valid ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  if (valid)
    {
      gtk_widget_remove_css_class (self->status_box, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview_image), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (self->status_box, "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_image), "dim-label");
    }
}

static void
on_composer_changed (JlnBadgeEditor *self)
{
  update_save_action (self);
  update_preview (self);
  mark_modified (self);
}

static void
update_easy_count (JlnBadgeEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->easy_row));
  glong n = g_utf8_strlen (text, -1);
  g_autofree char *count = g_strdup_printf (_("%ld / %d"), n, EASY_TEXT_ADVISED_CHARS);

  gtk_label_set_label (self->easy_count, count);
  if (n > EASY_TEXT_ADVISED_CHARS)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->easy_count), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->easy_count),
                                   _("Long for an easy-to-read text: try shorter sentences."));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->easy_count), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->easy_count),
                                   _("Characters used. Short sentences, everyday words."));
    }
}

static void
on_field_changed (JlnBadgeEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->easy_row), "error");
  update_easy_count (self);
  update_preview (self);
  mark_modified (self);
}

/* ---- criteria ---------------------------------------------------- */

static GtkWidget *
criterion_row_at (JlnBadgeEditor *self,
                  guint           index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->criteria_list, index));
}

guint
jln_badge_editor_get_n_criteria (JlnBadgeEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (JLN_IS_BADGE_EDITOR (self), 0);

  while (criterion_row_at (self, n) != NULL)
    n++;
  return n;
}

static void
renumber_criteria (JlnBadgeEditor *self)
{
  guint n = jln_badge_editor_get_n_criteria (self);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = criterion_row_at (self, i);
      GtkWidget *up = g_object_get_data (G_OBJECT (row), "jln-up");
      GtkWidget *down = g_object_get_data (G_OBJECT (row), "jln-down");
      GtkWidget *remove = g_object_get_data (G_OBJECT (row), "jln-remove");
      GtkWidget *required = g_object_get_data (G_OBJECT (row), "jln-required");
      g_autofree char *title = g_strdup_printf (_("Criterion %u"), i + 1);
      g_autofree char *up_name = g_strdup_printf (_("Move criterion %u up"), i + 1);
      g_autofree char *down_name = g_strdup_printf (_("Move criterion %u down"), i + 1);
      g_autofree char *remove_name = g_strdup_printf (_("Remove criterion %u"), i + 1);
      g_autofree char *required_name = g_strdup_printf (_("Criterion %u is required"), i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < n);
      gtk_widget_set_sensitive (remove, n > 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (up), GTK_ACCESSIBLE_PROPERTY_LABEL, up_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (down), GTK_ACCESSIBLE_PROPERTY_LABEL, down_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (required), GTK_ACCESSIBLE_PROPERTY_LABEL, required_name, -1);
    }
}

static int
criterion_index (JlnBadgeEditor *self,
                 GtkWidget      *child)
{
  GtkWidget *row = gtk_widget_get_ancestor (child, GTK_TYPE_LIST_BOX_ROW);

  return row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
}

static void
on_criterion_up (GtkButton      *button,
                 JlnBadgeEditor *self)
{
  int index = criterion_index (self, GTK_WIDGET (button));

  if (index > 0)
    jln_badge_editor_move_criterion (self, index, -1);
}

static void
on_criterion_down (GtkButton      *button,
                   JlnBadgeEditor *self)
{
  int index = criterion_index (self, GTK_WIDGET (button));

  if (index >= 0)
    jln_badge_editor_move_criterion (self, index, +1);
}

static void
on_criterion_remove (GtkButton      *button,
                     JlnBadgeEditor *self)
{
  int index = criterion_index (self, GTK_WIDGET (button));

  if (index >= 0)
    jln_badge_editor_remove_criterion (self, index);
}

static GtkWidget *
row_button (const char *icon,
            const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
criterion_row_new (JlnBadgeEditor *self,
                   const char     *text,
                   gboolean        required)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *required_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *required_label = gtk_label_new (_("Required"));
  GtkWidget *required_switch = gtk_switch_new ();
  GtkWidget *up = row_button ("go-up-symbolic", _("Move Up"));
  GtkWidget *down = row_button ("go-down-symbolic", _("Move Down"));
  GtkWidget *remove = row_button ("user-trash-symbolic", _("Remove Criterion"));

  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_switch_set_active (GTK_SWITCH (required_switch), required);
  gtk_widget_set_valign (required_switch, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (required_box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (required_label, "dim-label");
  gtk_box_append (GTK_BOX (required_box), required_label);
  gtk_box_append (GTK_BOX (required_box), required_switch);
  gtk_widget_set_margin_end (required_box, 6);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), required_box);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), up);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), down);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  g_object_set_data (G_OBJECT (row), "jln-required", required_switch);
  g_object_set_data (G_OBJECT (row), "jln-up", up);
  g_object_set_data (G_OBJECT (row), "jln-down", down);
  g_object_set_data (G_OBJECT (row), "jln-remove", remove);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (mark_modified), self);
  g_signal_connect_swapped (required_switch, "notify::active", G_CALLBACK (mark_modified), self);
  g_signal_connect (up, "clicked", G_CALLBACK (on_criterion_up), self);
  g_signal_connect (down, "clicked", G_CALLBACK (on_criterion_down), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_criterion_remove), self);
  return row;
}

void
jln_badge_editor_add_criterion (JlnBadgeEditor *self,
                                const char     *text,
                                gboolean        required)
{
  GtkWidget *first;

  g_return_if_fail (JLN_IS_BADGE_EDITOR (self));

  /* A new badge starts with one empty row to type into; filling the form
   * from code should not leave it behind. */
  first = criterion_row_at (self, 0);
  if (first != NULL && criterion_row_at (self, 1) == NULL
      && *gtk_editable_get_text (GTK_EDITABLE (first)) == '\0'
      && text != NULL && *text != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (first), text);
      gtk_switch_set_active (g_object_get_data (G_OBJECT (first), "jln-required"), required);
    }
  else
    gtk_list_box_append (self->criteria_list, criterion_row_new (self, text, required));
  renumber_criteria (self);
  mark_modified (self);
}

void
jln_badge_editor_move_criterion (JlnBadgeEditor *self,
                                 guint           index,
                                 int             delta)
{
  g_autoptr(GtkWidget) row = NULL;
  guint n;
  int target = (int) index + delta;
  GtkWidget *focus_button;

  g_return_if_fail (JLN_IS_BADGE_EDITOR (self));

  n = jln_badge_editor_get_n_criteria (self);
  if (index >= n || target < 0 || target >= (int) n)
    return;

  row = g_object_ref (criterion_row_at (self, index));
  gtk_list_box_remove (self->criteria_list, row);
  gtk_list_box_insert (self->criteria_list, row, target);
  renumber_criteria (self);

  /* Keyboard users keep their place: focus follows the moved row, on the
   * same arrow if it can still move that way. */
  focus_button = g_object_get_data (G_OBJECT (row), delta < 0 ? "jln-up" : "jln-down");
  if (!gtk_widget_get_sensitive (focus_button))
    focus_button = g_object_get_data (G_OBJECT (row), delta < 0 ? "jln-down" : "jln-up");
  gtk_widget_grab_focus (focus_button);
  mark_modified (self);
}

void
jln_badge_editor_remove_criterion (JlnBadgeEditor *self,
                                   guint           index)
{
  GtkWidget *row;
  GtkWidget *next;

  g_return_if_fail (JLN_IS_BADGE_EDITOR (self));

  /* At least one criterion: the last one can be emptied, not removed. */
  if (jln_badge_editor_get_n_criteria (self) <= 1)
    return;
  row = criterion_row_at (self, index);
  if (row == NULL)
    return;
  gtk_list_box_remove (self->criteria_list, row);
  renumber_criteria (self);
  next = criterion_row_at (self, index);
  if (next == NULL && index > 0)
    next = criterion_row_at (self, index - 1);
  if (next != NULL)
    gtk_widget_grab_focus (next);
  mark_modified (self);
}

static void
add_criterion_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (widget);
  GtkWidget *row = criterion_row_new (self, "", TRUE);

  gtk_list_box_append (self->criteria_list, row);
  renumber_criteria (self);
  gtk_widget_grab_focus (row);
  mark_modified (self);
}

/* ---- image from a file ------------------------------------------- */

/* The last check, after core's: librsvg must read and draw it, or every
 * badge view would show an empty frame. The badge image widget's renderer
 * is the one that will draw it (no base file: nothing loaded from outside). */
static gboolean
check_drawable (const char  *svg,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkTexture) texture = jln_badge_image_render_texture (svg, 64, &local_error);

  if (texture == NULL)
    {
      g_set_error (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_SVG_NOT_SVG,
                   _("Jalons cannot draw this file (%s). Open it in your drawing program, "
                     "save it again as SVG, then try again."),
                   local_error ? local_error->message : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
jln_badge_editor_import_svg (JlnBadgeEditor  *self,
                             GFile           *file,
                             GError         **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (JLN_IS_BADGE_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  /* One byte past the limit is enough to know it is too large, without
   * reading a huge file into memory. */
  data = g_malloc (JLN_BADGE_ART_MAX_SVG_SIZE + 2);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), data, JLN_BADGE_ART_MAX_SVG_SIZE + 1,
                                   &len, NULL, &local_error))
    {
      g_autofree char *message = g_strdup_printf (_("The file “%s” could not be read (%s)."),
                                                  name, local_error->message);

      g_set_error_literal (error, G_IO_ERROR, local_error->code, message);
      show_message (self, message);
      return FALSE;
    }
  data[len] = '\0';

  if (!jln_badge_art_validate_svg (data, len, &local_error)
      || !check_drawable (data, &local_error))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” was not used. %s"), name, local_error->message);

      show_message (self, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  show_message (self, NULL);
  jln_badge_composer_use_image (self->composer, data);
  return TRUE;
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     JlnBadgeEditor  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* A refusal is shown in the editor's message bar. */
      if (file != NULL)
        jln_badge_editor_import_svg (self, file, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
import_svg_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Use an SVG File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Use"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("SVG drawings"));
  gtk_file_filter_add_pattern (filter, "*.svg");
  gtk_file_filter_add_pattern (filter, "*.SVG");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
back_to_composer_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (widget);

  jln_badge_composer_back_to_choices (self->composer);
}

/* ---- theme ------------------------------------------------------- */

static void
on_theme_chosen (GtkListBox     *list,
                 GtkListBoxRow  *row,
                 JlnBadgeEditor *self)
{
  const char *theme = g_object_get_data (G_OBJECT (row), "jln-theme");

  gtk_editable_set_text (GTK_EDITABLE (self->theme_row), theme);
  gtk_menu_button_popdown (self->theme_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->theme_row));
}

static int
compare_utf8 (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
build_theme_menu (JlnBadgeEditor *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) themes = g_ptr_array_new ();
  g_autoptr(GPtrArray) badges = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = self->store ? jln_store_get_badges (self->store) : NULL;
  GtkWidget *popover, *scroller, *list;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      JlnBadge *badge = g_list_model_get_item (model, i);
      const char *theme = jln_badge_get_theme (badge);

      g_ptr_array_add (badges, badge);
      if (theme != NULL && *theme != '\0' && g_hash_table_add (seen, (gpointer) theme))
        g_ptr_array_add (themes, (gpointer) theme);
    }
  g_ptr_array_sort (themes, compare_utf8);

  gtk_widget_set_visible (GTK_WIDGET (self->theme_button), themes->len > 0);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "theme-list");
  for (guint i = 0; i < themes->len; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (themes->pdata[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "jln-theme", g_strdup (themes->pdata[i]), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (on_theme_chosen), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_menu_button_set_popover (self->theme_button, popover);
}

/* ---- loading and saving ------------------------------------------- */

static JlnBadgeKind
selected_kind (JlnBadgeEditor *self)
{
  if (gtk_toggle_button_get_active (self->kind_savoir))
    return JLN_BADGE_KIND_SAVOIR;
  if (gtk_toggle_button_get_active (self->kind_savoir_etre))
    return JLN_BADGE_KIND_SAVOIR_ETRE;
  return JLN_BADGE_KIND_SAVOIR_FAIRE;
}

static char *
dup_description (JlnBadgeEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}

static char *
dup_trimmed (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static void
update_version_notice (JlnBadgeEditor *self)
{
  guint holders = self->badge ? jln_badge_get_holder_count (self->badge) : 0;
  guint version = self->badge ? jln_badge_get_version (self->badge) : 0;
  guint awarded = 0;

  g_clear_pointer (&self->version_notice_text, g_free);
  if (self->badge != NULL && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The same count the store uses to decide on a new version. */
      awarded = jln_store_count_awards_of_version (self->store,
                                                   jln_badge_get_version_id (self->badge),
                                                   &error);
      if (error != NULL)
        g_warning ("Cannot count the awards of this badge version: %s", error->message);
    }

  if (awarded > 0)
    self->version_notice_text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u badge was awarded under version %u. Saving creates version %u; that badge keeps version %u.",
                                    "%u badges were awarded under version %u. Saving creates version %u; those badges keep version %u.",
                                    awarded),
                       awarded, version, version + 1, version);
  else if (holders > 0)
    self->version_notice_text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u person holds an older version of this badge. Nobody holds version %u yet, so saving updates it; their badge keeps its version.",
                                    "%u people hold older versions of this badge. Nobody holds version %u yet, so saving updates it; their badges keep their versions.",
                                    holders),
                       holders, version);

  gtk_label_set_label (self->version_label, self->version_notice_text ? self->version_notice_text : "");
  gtk_widget_set_visible (self->version_notice, self->version_notice_text != NULL);
}

static void
load (JlnBadgeEditor *self)
{
  JlnBadge *badge = self->badge;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkWidget *row;

  self->loading = TRUE;

  while ((row = criterion_row_at (self, 0)) != NULL)
    gtk_list_box_remove (self->criteria_list, row);

  if (badge != NULL)
    {
      GListModel *criteria = jln_badge_get_criteria (badge);
      g_autofree char *subtitle = g_strdup_printf (_("Version %u"), jln_badge_get_version (badge));

      adw_window_title_set_title (self->window_title, _("Edit Badge"));
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Badge"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), jln_badge_get_name (badge));
      gtk_editable_set_text (GTK_EDITABLE (self->easy_row), nonnull (jln_badge_get_easy_text (badge)));
      gtk_editable_set_text (GTK_EDITABLE (self->theme_row), nonnull (jln_badge_get_theme (badge)));
      gtk_text_buffer_set_text (buffer, nonnull (jln_badge_get_description (badge)), -1);
      jln_badge_editor_set_kind (self, jln_badge_get_kind (badge));
      for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
        {
          g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

          gtk_list_box_append (self->criteria_list,
                               criterion_row_new (self, jln_criterion_get_text (c),
                                                  jln_criterion_get_required (c)));
        }
      jln_badge_composer_load_svg (self->composer, jln_badge_get_image_svg (badge));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Badge"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("New Badge"));
      jln_badge_composer_load_svg (self->composer, NULL);
    }
  if (criterion_row_at (self, 0) == NULL)
    gtk_list_box_append (self->criteria_list, criterion_row_new (self, "", TRUE));

  renumber_criteria (self);
  update_easy_count (self);
  update_version_notice (self);
  update_save_action (self);
  update_preview (self);
  build_theme_menu (self);
  show_message (self, NULL);
  self->loading = FALSE;
  set_modified (self, FALSE);
}

static void
refuse (JlnBadgeEditor *self,
        GtkWidget      *field,
        const char     *message)
{
  show_message (self, message);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static gboolean
save (JlnBadgeEditor *self)
{
  g_autofree char *name = dup_trimmed (GTK_EDITABLE (self->name_row));
  g_autofree char *easy = dup_trimmed (GTK_EDITABLE (self->easy_row));
  g_autofree char *theme = dup_trimmed (GTK_EDITABLE (self->theme_row));
  g_autofree char *description = dup_description (self);
  g_autoptr(JlnBadge) badge = NULL;
  g_autoptr(GError) error = NULL;
  const char *svg = jln_badge_composer_get_svg (self->composer);
  guint n_criteria = 0;
  gboolean ok = FALSE;
  JlnBadge *live;

  show_message (self, NULL);

  if (*name == '\0')
    {
      refuse (self, GTK_WIDGET (self->name_row), _("The badge needs a name. Type it in the “Name” field."));
      return FALSE;
    }
  if (*easy == '\0')
    {
      refuse (self, GTK_WIDGET (self->easy_row),
              _("The badge needs an easy-to-read text: one or two short sentences that say what it means."));
      return FALSE;
    }
  if (svg == NULL)
    {
      refuse (self, NULL, jln_badge_composer_get_problem (self->composer));
      return FALSE;
    }

  if (self->badge != NULL)
    {
      /* Edits go to a copy: the catalogue's badge only changes once the
       * store has written them. */
      badge = g_object_new (JLN_TYPE_BADGE, NULL);
      jln_badge_set_id (badge, jln_badge_get_id (self->badge));
      jln_badge_set_version_id (badge, jln_badge_get_version_id (self->badge));
      jln_badge_set_version (badge, jln_badge_get_version (self->badge));
      jln_badge_set_slug (badge, jln_badge_get_slug (self->badge));
      jln_badge_set_status (badge, jln_badge_get_status (self->badge));
      jln_badge_set_holder_count (badge, jln_badge_get_holder_count (self->badge));
      jln_badge_set_name (badge, name);
    }
  else
    {
      g_autofree char *slug = jln_badge_slug_from_name (name);

      badge = jln_badge_new (slug, name);
      jln_badge_set_status (badge, JLN_BADGE_STATUS_ACTIVE);
    }
  jln_badge_set_easy_text (badge, easy);
  jln_badge_set_description (badge, *description ? description : NULL);
  jln_badge_set_theme (badge, *theme ? theme : NULL);
  jln_badge_set_kind (badge, selected_kind (self));
  jln_badge_set_image_svg (badge, svg);

  for (guint i = 0; criterion_row_at (self, i) != NULL; i++)
    {
      GtkWidget *row = criterion_row_at (self, i);
      g_autofree char *text = dup_trimmed (GTK_EDITABLE (row));

      if (*text == '\0')
        continue;
      jln_badge_add_criterion (badge, text,
                               gtk_switch_get_active (g_object_get_data (G_OBJECT (row), "jln-required")));
      n_criteria++;
    }
  if (n_criteria == 0)
    {
      refuse (self, criterion_row_at (self, 0),
              _("The badge needs at least one criterion: something the person shows they can do."));
      return FALSE;
    }

  if (self->badge != NULL)
    ok = jln_session_update_badge (self->session, badge, &error);
  else
    {
      g_autofree char *base = g_strdup (jln_badge_get_slug (badge));

      /* Another badge (perhaps archived) may have the identifier this name
       * gives; a suffix keeps both. A clash of names is reported as is. */
      for (guint attempt = 1; !ok && attempt <= SLUG_ATTEMPTS; attempt++)
        {
          if (attempt > 1)
            {
              g_autofree char *slug = g_strdup_printf ("%s-%u", base, attempt);

              if (!g_error_matches (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT))
                break;
              g_clear_error (&error);
              jln_badge_set_slug (badge, slug);
            }
          ok = jln_session_add_badge (self->session, badge, &error);
        }
    }

  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("The badge was not saved. %s"),
                                                  error ? error->message : "");
      refuse (self, NULL, message);
      return FALSE;
    }

  live = jln_store_lookup_badge (self->store, jln_badge_get_id (badge));
  if (live == NULL)
    live = badge;
  g_set_object (&self->badge, live);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE]);
  self->modified = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_signal_emit (self, signals[SAVED], 0, self->badge);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (widget);

  if (save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     JlnBadgeEditor   *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->modified = FALSE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
ask_discard (JlnBadgeEditor *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                   _("The changes to this badge have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (widget);

  if (self->modified)
    ask_discard (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
jln_badge_editor_close_request (GtkWindow *window)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (window);

  if (self->modified)
    {
      ask_discard (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (jln_badge_editor_parent_class)->close_request (window);
}

/* ---- GObject ------------------------------------------------------ */

static void
jln_badge_editor_constructed (GObject *object)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (object);

  G_OBJECT_CLASS (jln_badge_editor_parent_class)->constructed (object);
  load (self);
}

static void
jln_badge_editor_dispose (GObject *object)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_BADGE_EDITOR);
  g_clear_object (&self->session);
  self->store = NULL;
  g_clear_object (&self->badge);

  G_OBJECT_CLASS (jln_badge_editor_parent_class)->dispose (object);
}

static void
jln_badge_editor_finalize (GObject *object)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (object);

  g_free (self->version_notice_text);

  G_OBJECT_CLASS (jln_badge_editor_parent_class)->finalize (object);
}

static void
jln_badge_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BADGE:
      g_value_set_object (value, self->badge);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JlnBadgeEditor *self = JLN_BADGE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      self->store = self->session ? jln_session_get_store (self->session) : NULL;
      /* The editor is its own window: it follows the large-icon mode too. */
      if (self->session != NULL)
        jln_large_icons_bind (GTK_WIDGET (self), jln_session_get_settings (self->session));
      break;
    case PROP_BADGE:
      self->badge = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_editor_class_init (JlnBadgeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  jln_ui_register_resources ();

  object_class->constructed = jln_badge_editor_constructed;
  object_class->dispose = jln_badge_editor_dispose;
  object_class->finalize = jln_badge_editor_finalize;
  object_class->get_property = jln_badge_editor_get_property;
  object_class->set_property = jln_badge_editor_set_property;
  window_class->close_request = jln_badge_editor_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE] =
    g_param_spec_object ("badge", NULL, NULL, JLN_TYPE_BADGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* saved (JlnBadge *badge): the catalogue's badge, after the write. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, JLN_TYPE_BADGE);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "editor.add-criterion", NULL, add_criterion_activated);
  gtk_widget_class_install_action (widget_class, "editor.import-svg", NULL, import_svg_activated);
  gtk_widget_class_install_action (widget_class, "editor.back-to-composer", NULL, back_to_composer_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);

  g_type_ensure (JLN_TYPE_BADGE_COMPOSER);
  g_type_ensure (JLN_TYPE_BADGE_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/badges/jln-badge-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, version_notice);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, version_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, easy_row);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, easy_count);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, theme_row);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, theme_button);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, kind_savoir);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, kind_savoir_faire);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, kind_savoir_etre);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, composer);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, preview_image);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, preview_name);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, preview_easy);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, status_box);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, status_icon);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeEditor, back_to_composer_button);
}

static void
jln_badge_editor_init (JlnBadgeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->easy_row, "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->theme_row, "changed", G_CALLBACK (mark_modified), self);
  g_signal_connect_swapped (self->kind_savoir, "toggled", G_CALLBACK (mark_modified), self);
  g_signal_connect_swapped (self->kind_savoir_faire, "toggled", G_CALLBACK (mark_modified), self);
  g_signal_connect_swapped (self->kind_savoir_etre, "toggled", G_CALLBACK (mark_modified), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (mark_modified), self);
  g_signal_connect_swapped (self->composer, "changed", G_CALLBACK (on_composer_changed), self);
}

JlnBadgeEditor *
jln_badge_editor_new (JlnSession *session,
                      JlnBadge   *badge)
{
  g_return_val_if_fail (JLN_IS_SESSION (session), NULL);
  g_return_val_if_fail (badge == NULL || JLN_IS_BADGE (badge), NULL);

  return g_object_new (JLN_TYPE_BADGE_EDITOR, "session", session, "badge", badge, NULL);
}

JlnSession *
jln_badge_editor_get_session (JlnBadgeEditor *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_EDITOR (self), NULL);
  return self->session;
}

JlnBadge *
jln_badge_editor_get_badge (JlnBadgeEditor *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_EDITOR (self), NULL);
  return self->badge;
}

void
jln_badge_editor_set_name (JlnBadgeEditor *self,
                           const char     *name)
{
  g_return_if_fail (JLN_IS_BADGE_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
}

void
jln_badge_editor_set_easy_text (JlnBadgeEditor *self,
                                const char     *text)
{
  g_return_if_fail (JLN_IS_BADGE_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->easy_row), text ? text : "");
}

void
jln_badge_editor_set_description (JlnBadgeEditor *self,
                                  const char     *text)
{
  g_return_if_fail (JLN_IS_BADGE_EDITOR (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), text ? text : "", -1);
}

void
jln_badge_editor_set_theme (JlnBadgeEditor *self,
                            const char     *theme)
{
  g_return_if_fail (JLN_IS_BADGE_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->theme_row), theme ? theme : "");
}

void
jln_badge_editor_set_kind (JlnBadgeEditor *self,
                           JlnBadgeKind    kind)
{
  g_return_if_fail (JLN_IS_BADGE_EDITOR (self));

  switch (kind)
    {
    case JLN_BADGE_KIND_SAVOIR:
      gtk_toggle_button_set_active (self->kind_savoir, TRUE);
      break;
    case JLN_BADGE_KIND_SAVOIR_ETRE:
      gtk_toggle_button_set_active (self->kind_savoir_etre, TRUE);
      break;
    case JLN_BADGE_KIND_SAVOIR_FAIRE:
    default:
      gtk_toggle_button_set_active (self->kind_savoir_faire, TRUE);
      break;
    }
}

JlnBadgeComposer *
jln_badge_editor_get_composer (JlnBadgeEditor *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_EDITOR (self), NULL);
  return self->composer;
}

const char *
jln_badge_editor_get_message (JlnBadgeEditor *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_EDITOR (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

const char *
jln_badge_editor_get_version_notice (JlnBadgeEditor *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_EDITOR (self), NULL);
  return self->version_notice_text;
}

gboolean
jln_badge_editor_get_modified (JlnBadgeEditor *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_EDITOR (self), FALSE);
  return self->modified;
}
