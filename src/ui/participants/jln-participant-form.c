/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ui/shell/jln-ui-resources.h"
#include "ui/print/jln-certificate.h"
#include "ui/common/jln-large-icons.h"
#include "ui/participants/jln-participant-form.h"

/* A bigger picture than this is a scan or a panorama, not a face; decoding
 * it would take hundreds of megabytes. */
#define PHOTO_MAX_PIXELS (60 * 1000 * 1000)

struct _JlnParticipantForm
{
  AdwWindow parent_instance;

  JlnSession     *session;
  JlnStore       *store;          /* the session's */
  JlnParticipant *editing;      /* NULL when creating */
  JlnParticipant *saved;
  GdkPixbuf      *new_photo;    /* chosen, validated, not yet copied */
  gboolean        remove_photo; /* the coach removed the existing photo */
  GArray         *territory_ids;
  GArray         *coach_ids;
  GDateTime      *entry_date;
  char           *error_text;

  /* template children */
  AdwWindowTitle *window_title;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwAvatar      *avatar;
  GtkWidget      *remove_photo_button;
  GtkLabel       *photo_error;
  AdwEntryRow    *first_name_row;
  AdwEntryRow    *last_name_row;
  AdwComboRow    *territory_row;
  AdwComboRow    *coach_row;
  GtkMenuButton  *entry_button;
  GtkCalendar    *calendar;
  AdwEntryRow    *email_row;
  AdwPreferencesGroup *consents_group;
  GtkSwitch      *answered_switch;
  GtkSwitch      *consent_internal;
  GtkSwitch      *consent_kiosk;
  GtkSwitch      *consent_print;
  GtkSwitch      *consent_online;
};

G_DEFINE_FINAL_TYPE (JlnParticipantForm, jln_participant_form, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* photo                                                              */

GdkPixbuf *
jln_participant_photo_load (const char  *path,
                            GError     **error)
{
  GStatBuf st;
  GdkPixbufFormat *format;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local = NULL;
  int width = 0, height = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The file “%s” cannot be read. Choose another photo."), path);
      return NULL;
    }
  /* Checked before reading a byte: a huge file is refused at once. */
  if (st.st_size > JLN_PHOTO_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This photo is too large (%s). Choose a photo under 20 MB."), size);
      return NULL;
    }

  format = gdk_pixbuf_get_file_info (path, &width, &height);
  if (format == NULL || width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This file is not a picture Jalons can read. Choose a photo "
                             "(JPEG or PNG)."));
      return NULL;
    }
  if ((gint64) width * height > PHOTO_MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This picture is too big (%d × %d pixels). Choose a smaller photo."),
                   width, height);
      return NULL;
    }

  if (width > JLN_PHOTO_MAX_SIDE || height > JLN_PHOTO_MAX_SIDE)
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, JLN_PHOTO_MAX_SIDE, JLN_PHOTO_MAX_SIDE,
                                                TRUE, &local);
  else
    pixbuf = gdk_pixbuf_new_from_file (path, &local);
  if (pixbuf == NULL)
    {
      g_debug ("Photo %s: %s", path, local->message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This picture is damaged or in a format Jalons cannot read. "
                             "Choose another photo (JPEG or PNG)."));
      return NULL;
    }
  /* Phones store photos sideways with a note to turn them. */
  {
    GdkPixbuf *turned = gdk_pixbuf_apply_embedded_orientation (pixbuf);
    if (turned != NULL)
      {
        g_object_unref (pixbuf);
        pixbuf = turned;
      }
  }
  return g_steal_pointer (&pixbuf);
}

static void
show_avatar (JlnParticipantForm *self)
{
  const char *first = gtk_editable_get_text (GTK_EDITABLE (self->first_name_row));
  const char *last = gtk_editable_get_text (GTK_EDITABLE (self->last_name_row));
  g_autofree char *name = g_strdup_printf ("%s %s", first, last);
  const char *existing = self->editing ? jln_participant_get_photo_path (self->editing) : NULL;
  g_autoptr(GdkTexture) texture = NULL;

  adw_avatar_set_text (self->avatar, g_strstrip (name));
  if (self->new_photo != NULL)
    texture = gdk_texture_new_for_pixbuf (self->new_photo);
  else if (existing != NULL && !self->remove_photo)
    texture = gdk_texture_new_from_filename (existing, NULL);
  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->remove_photo_button, texture != NULL);
}

gboolean
jln_participant_form_set_photo_file (JlnParticipantForm *self,
                                     const char         *path,
                                     GError            **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *local = NULL;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_FORM (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pixbuf = jln_participant_photo_load (path, &local);
  if (pixbuf == NULL)
    {
      gtk_label_set_label (self->photo_error, local->message);
      gtk_widget_set_visible (GTK_WIDGET (self->photo_error), TRUE);
      g_propagate_error (error, local);
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->photo_error), FALSE);
  g_set_object (&self->new_photo, pixbuf);
  self->remove_photo = FALSE;
  show_avatar (self);
  return TRUE;
}

void
jln_participant_form_clear_photo (JlnParticipantForm *self)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_FORM (self));

  g_clear_object (&self->new_photo);
  self->remove_photo = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->photo_error), FALSE);
  show_avatar (self);
}

static void
on_photo_response (GtkNativeDialog    *chooser,
                   int                 response,
                   JlnParticipantForm *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        jln_participant_form_set_photo_file (self, path, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_photo_clicked (JlnParticipantForm *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Photo"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_photo_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_remove_photo_clicked (JlnParticipantForm *self)
{
  jln_participant_form_clear_photo (self);
}

/* ------------------------------------------------------------------ */
/* fields                                                             */

static void
show_error (JlnParticipantForm *self,
            const char         *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  gtk_label_set_label (self->error_label, text ? text : "");
  gtk_revealer_set_reveal_child (self->error_revealer, text != NULL);
}

static void
on_name_changed (JlnParticipantForm *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->first_name_row), "error");
  if (self->error_text != NULL)
    show_error (self, NULL);
  show_avatar (self);
}

static void
show_entry_date (JlnParticipantForm *self)
{
  g_autofree char *text = jln_certificate_format_date (self->entry_date);
  g_autofree char *accessible = NULL;

  gtk_menu_button_set_label (self->entry_button, text);
  /* Translators: accessible name of the date button; %s a date */
  accessible = g_strdup_printf (_("Entry date: %s. Change"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

void
jln_participant_form_set_entry_date (JlnParticipantForm *self,
                                     GDateTime          *date)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_FORM (self));
  g_return_if_fail (date != NULL);

  g_clear_pointer (&self->entry_date, g_date_time_unref);
  /* Stored as the day, at midnight UTC, whatever the time zone. */
  self->entry_date = g_date_time_new_utc (g_date_time_get_year (date), g_date_time_get_month (date),
                                          g_date_time_get_day_of_month (date), 0, 0, 0);
  show_entry_date (self);
}

static void
on_day_selected (JlnParticipantForm *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  jln_participant_form_set_entry_date (self, date);
  gtk_menu_button_popdown (self->entry_button);
}

static void
fill_combo (AdwComboRow *row,
            GArray      *ids,
            GListModel  *model,
            const char  *none_label,
            gboolean     territories)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  guint n = model ? g_list_model_get_n_items (model) : 0;

  g_array_set_size (ids, 0);
  gtk_string_list_append (strings, none_label);
  g_array_append_val (ids, (gint64) { 0 });
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gint64 id = territories ? jln_territory_get_id (JLN_TERRITORY (item))
                              : jln_coach_get_id (JLN_COACH (item));
      const char *name = territories ? jln_territory_get_name (JLN_TERRITORY (item))
                                     : jln_coach_get_name (JLN_COACH (item));

      gtk_string_list_append (strings, name ? name : "");
      g_array_append_val (ids, id);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (strings));
}

static gboolean
select_in_combo (AdwComboRow *row,
                 GArray      *ids,
                 gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (row, i);
        return TRUE;
      }
  return FALSE;
}

static gint64
combo_id (AdwComboRow *row,
          GArray      *ids)
{
  guint pos = adw_combo_row_get_selected (row);

  return pos < ids->len ? g_array_index (ids, gint64, pos) : 0;
}

void
jln_participant_form_set_first_name (JlnParticipantForm *self,
                                     const char         *text)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_FORM (self));
  gtk_editable_set_text (GTK_EDITABLE (self->first_name_row), text ? text : "");
}

void
jln_participant_form_set_last_name (JlnParticipantForm *self,
                                    const char         *text)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_FORM (self));
  gtk_editable_set_text (GTK_EDITABLE (self->last_name_row), text ? text : "");
}

void
jln_participant_form_set_email (JlnParticipantForm *self,
                                const char         *text)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_FORM (self));
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), text ? text : "");
}

gboolean
jln_participant_form_set_territory (JlnParticipantForm *self,
                                    gint64              territory_id)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_FORM (self), FALSE);
  return select_in_combo (self->territory_row, self->territory_ids, territory_id);
}

gboolean
jln_participant_form_set_coach (JlnParticipantForm *self,
                                gint64              coach_id)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_FORM (self), FALSE);
  return select_in_combo (self->coach_row, self->coach_ids, coach_id);
}

/* Until they answered, the questions are not open and nothing counts as
 * given; the group says which it is, and since when. */
static void
update_consents_state (JlnParticipantForm *self)
{
  gboolean answered = gtk_switch_get_active (self->answered_switch);
  GDateTime *on = self->editing != NULL ? jln_participant_get_consents_answered_on (self->editing) : NULL;
  g_autofree char *description = NULL;
  GtkSwitch *consents[] = { self->consent_internal, self->consent_kiosk, self->consent_print,
                            self->consent_online };

  for (guint i = 0; i < G_N_ELEMENTS (consents); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (consents[i]), answered);
  if (!answered)
    description = g_strdup (_("Not asked yet: every consent counts as not given."));
  else if (on != NULL)
    {
      g_autofree char *date = jln_certificate_format_date (on);

      /* Translators: %s is a date in words */
      description = g_strdup_printf (_("Their answers of %s. They can change their mind at any time."), date);
    }
  else
    description = g_strdup (_("They can change their mind at any time."));
  adw_preferences_group_set_description (self->consents_group, description);
}

static void
on_answered_changed (JlnParticipantForm *self)
{
  update_consents_state (self);
}

void
jln_participant_form_set_consents (JlnParticipantForm *self,
                                   gboolean            internal,
                                   gboolean            kiosk,
                                   gboolean            print,
                                   gboolean            online)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_FORM (self));
  gtk_switch_set_active (self->answered_switch, TRUE);
  gtk_switch_set_active (self->consent_internal, internal);
  gtk_switch_set_active (self->consent_kiosk, kiosk);
  gtk_switch_set_active (self->consent_print, print);
  gtk_switch_set_active (self->consent_online, online);
}

/* ------------------------------------------------------------------ */
/* saving                                                             */

static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && strchr (at + 1, '@') == NULL
         && strchr (at + 1, '.') != NULL && at[1] != '.'
         && text[strlen (text) - 1] != '.' && strpbrk (text, " \t\n<>,;") == NULL;
}

static char *
dup_stripped (GtkEditable *editable)
{
  char *text = g_strdup (gtk_editable_get_text (editable));
  return g_strstrip (text);
}

/* The chosen photo, as PNG, kept by the session among the store's
 * attachments; returns its path. */
static char *
save_photo (JlnParticipantForm  *self,
            GError             **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) png = NULL;
  char *path;
  gchar *buffer = NULL;
  gsize size = 0;

  if (!gdk_pixbuf_save_to_buffer (self->new_photo, &buffer, &size, "png", &local, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The photo could not be prepared (%s). Try another picture."), local->message);
      return NULL;
    }
  png = g_bytes_new_take (buffer, size);
  path = jln_session_add_photo (self->session, png, &local);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The photo could not be saved (%s)."), local->message);
      return NULL;
    }
  return path;
}

gboolean
jln_participant_form_save (JlnParticipantForm *self,
                           GError            **error)
{
  g_autofree char *first = dup_stripped (GTK_EDITABLE (self->first_name_row));
  g_autofree char *last = dup_stripped (GTK_EDITABLE (self->last_name_row));
  g_autofree char *email = dup_stripped (GTK_EDITABLE (self->email_row));
  g_autofree char *new_photo_path = NULL;
  g_autoptr(JlnParticipant) p = NULL;
  GError *local = NULL;
  gboolean ok;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_FORM (self), FALSE);

  if (*first == '\0')
    {
      g_set_error_literal (&local, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Write their first name: it is the only thing Jalons needs."));
      gtk_widget_add_css_class (GTK_WIDGET (self->first_name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->first_name_row));
      goto fail;
    }
  if (*email != '\0' && !looks_like_email (email))
    {
      g_set_error (&local, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” does not look like an email address. Correct it or leave it empty."), email);
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      goto fail;
    }

  /* Work on a copy: the live object changes only once the store agrees. */
  p = jln_participant_new (first, last);
  if (self->editing != NULL)
    {
      jln_participant_set_id (p, jln_participant_get_id (self->editing));
      if (!self->remove_photo)
        jln_participant_set_photo_path (p, jln_participant_get_photo_path (self->editing));
    }
  jln_participant_set_territory_id (p, combo_id (self->territory_row, self->territory_ids));
  jln_participant_set_coach_id (p, combo_id (self->coach_row, self->coach_ids));
  jln_participant_set_entry_date (p, self->entry_date);
  jln_participant_set_email (p, *email ? email : NULL);
  if (gtk_switch_get_active (self->answered_switch))
    {
      GDateTime *before = self->editing ? jln_participant_get_consents_answered_on (self->editing) : NULL;
      gboolean same = self->editing != NULL && before != NULL
        && jln_participant_get_consent_internal (self->editing) == gtk_switch_get_active (self->consent_internal)
        && jln_participant_get_consent_kiosk (self->editing) == gtk_switch_get_active (self->consent_kiosk)
        && jln_participant_get_consent_print (self->editing) == gtk_switch_get_active (self->consent_print)
        && jln_participant_get_consent_online (self->editing) == gtk_switch_get_active (self->consent_online);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) today = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                        g_date_time_get_day_of_month (now), 0, 0, 0);

      jln_participant_set_consent_internal (p, gtk_switch_get_active (self->consent_internal));
      jln_participant_set_consent_kiosk (p, gtk_switch_get_active (self->consent_kiosk));
      jln_participant_set_consent_print (p, gtk_switch_get_active (self->consent_print));
      jln_participant_set_consent_online (p, gtk_switch_get_active (self->consent_online));
      /* The day of the answers: kept while they stand, today once changed. */
      jln_participant_set_consents_answered_on (p, same ? before : today);
    }
  /* Not asked: nothing given, and no date (the copy starts so). */

  if (self->new_photo != NULL)
    {
      new_photo_path = save_photo (self, &local);
      if (new_photo_path == NULL)
        goto fail;
      jln_participant_set_photo_path (p, new_photo_path);
    }

  /* The session journals it under the coach at the desk. */
  if (self->editing != NULL)
    ok = jln_session_update_participant (self->session, p, &local);
  else
    ok = jln_session_add_participant (self->session, p, &local);
  if (!ok)
    {
      if (new_photo_path != NULL)
        jln_session_discard_photo (self->session, new_photo_path);
      goto fail;
    }

  g_clear_object (&self->saved);
  if (jln_participant_get_id (p) != 0)
    {
      JlnParticipant *live = jln_store_lookup_participant (self->store, jln_participant_get_id (p));
      self->saved = g_object_ref (live ? live : p);
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->saved);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;

fail:
  show_error (self, local->message);
  g_propagate_error (error, local);
  return FALSE;
}

static void
on_save_clicked (JlnParticipantForm *self)
{
  jln_participant_form_save (self, NULL);
}

static void
on_cancel_clicked (JlnParticipantForm *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

const char *
jln_participant_form_get_error_text (JlnParticipantForm *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_FORM (self), NULL);
  return self->error_text;
}

JlnParticipant *
jln_participant_form_get_saved (JlnParticipantForm *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_FORM (self), NULL);
  return self->saved;
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
jln_participant_form_dispose (GObject *object)
{
  JlnParticipantForm *self = JLN_PARTICIPANT_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_PARTICIPANT_FORM);
  g_clear_object (&self->session);
  self->store = NULL;
  g_clear_object (&self->editing);
  g_clear_object (&self->saved);
  g_clear_object (&self->new_photo);

  G_OBJECT_CLASS (jln_participant_form_parent_class)->dispose (object);
}

static void
jln_participant_form_finalize (GObject *object)
{
  JlnParticipantForm *self = JLN_PARTICIPANT_FORM (object);

  g_array_unref (self->territory_ids);
  g_array_unref (self->coach_ids);
  g_clear_pointer (&self->entry_date, g_date_time_unref);
  g_free (self->error_text);

  G_OBJECT_CLASS (jln_participant_form_parent_class)->finalize (object);
}

static void
jln_participant_form_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  JlnParticipantForm *self = JLN_PARTICIPANT_FORM (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_participant_form_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  JlnParticipantForm *self = JLN_PARTICIPANT_FORM (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      self->store = self->session ? jln_session_get_store (self->session) : NULL;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_participant_form_class_init (JlnParticipantFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_participant_form_dispose;
  object_class->get_property = jln_participant_form_get_property;
  object_class->set_property = jln_participant_form_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  object_class->finalize = jln_participant_form_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, JLN_TYPE_PARTICIPANT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/participants/jln-participant-form.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, avatar);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, remove_photo_button);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, photo_error);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, territory_row);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, coach_row);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, entry_button);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, calendar);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, email_row);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, consents_group);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, answered_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_answered_changed);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, consent_internal);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, consent_kiosk);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, consent_print);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantForm, consent_online);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_photo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_photo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jln_participant_form_init (JlnParticipantForm *self)
{
  self->territory_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->coach_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  update_consents_state (self);
}

GtkWidget *
jln_participant_form_new (JlnSession     *session,
                          JlnParticipant *participant)
{
  JlnParticipantForm *self;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  JlnStore *store;
  JlnCoach *desk_coach;

  g_return_val_if_fail (JLN_IS_SESSION (session), NULL);
  g_return_val_if_fail (participant == NULL || JLN_IS_PARTICIPANT (participant), NULL);

  self = g_object_new (JLN_TYPE_PARTICIPANT_FORM, "session", session, NULL);
  store = self->store;
  /* The form is its own window: it follows the large-icon mode too. */
  jln_large_icons_bind (GTK_WIDGET (self), jln_session_get_settings (session));
  self->editing = participant ? g_object_ref (participant) : NULL;

  fill_combo (self->territory_row, self->territory_ids, jln_store_get_territories (store),
              _("No territory"), TRUE);
  fill_combo (self->coach_row, self->coach_ids, jln_store_get_coaches (store),
              _("No referent coach"), FALSE);

  if (participant == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Participant"));
      adw_window_title_set_title (self->window_title, _("New Participant"));
      jln_participant_form_set_entry_date (self, today);
      /* The coach at this desk is usually the referent. */
      desk_coach = jln_session_get_coach (session);
      select_in_combo (self->coach_row, self->coach_ids,
                       desk_coach != NULL ? jln_coach_get_id (desk_coach) : 0);
    }
  else
    {
      GDateTime *entry = jln_participant_get_entry_date (participant);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Participant"));
      adw_window_title_set_title (self->window_title, _("Edit Participant"));
      adw_window_title_set_subtitle (self->window_title, jln_participant_get_display_name (participant));
      jln_participant_form_set_first_name (self, jln_participant_get_first_name (participant));
      jln_participant_form_set_last_name (self, jln_participant_get_last_name (participant));
      jln_participant_form_set_email (self, jln_participant_get_email (participant));
      select_in_combo (self->territory_row, self->territory_ids,
                       jln_participant_get_territory_id (participant));
      select_in_combo (self->coach_row, self->coach_ids, jln_participant_get_coach_id (participant));
      jln_participant_form_set_entry_date (self, entry ? entry : today);
      jln_participant_form_set_consents (self,
                                         jln_participant_get_consent_internal (participant),
                                         jln_participant_get_consent_kiosk (participant),
                                         jln_participant_get_consent_print (participant),
                                         jln_participant_get_consent_online (participant));
      /* Files from before schema 10 gave consents without a date. */
      gtk_switch_set_active (self->answered_switch,
                             jln_participant_get_consents_answered_on (participant) != NULL
                             || jln_participant_get_consent_internal (participant)
                             || jln_participant_get_consent_kiosk (participant)
                             || jln_participant_get_consent_print (participant)
                             || jln_participant_get_consent_online (participant));
    }
  update_consents_state (self);
  if (self->entry_date != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_new_local (g_date_time_get_year (self->entry_date),
                                                          g_date_time_get_month (self->entry_date),
                                                          g_date_time_get_day_of_month (self->entry_date),
                                                          12, 0, 0);
      g_signal_handlers_block_by_func (self->calendar, on_day_selected, self);
      gtk_calendar_select_day (self->calendar, local);
      g_signal_handlers_unblock_by_func (self->calendar, on_day_selected, self);
    }
  show_error (self, NULL);
  show_avatar (self);
  return GTK_WIDGET (self);
}
