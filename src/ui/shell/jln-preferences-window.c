/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>
#include <string.h>

#include "ui/shell/jln-ui-resources.h"
#include "ui/common/jln-large-icons.h"
#include "ui/shell/jln-backups-page.h"
#include "ui/shell/jln-preferences-window.h"

#define N_ORGANISATION_FIELDS (JLN_ORGANISATION_FIELD_PUBLIC_BASE + 1)

struct _JlnPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  JlnSession *session;   /* NULL: no database, the pages are inert */
  JlnStore  *store;      /* the session's, read for the lists shown */
  GArray    *coach_ids;   /* gint64 per combo row entry; 0 = ask */
  gboolean   filling;

  GtkSwitch   *large_icons_switch;
  AdwComboRow *coach_row;
  AdwActionRow *auto_lock_row;
  GtkSpinButton *auto_lock_spin;

  /* Organisation page */
  char        *organisation_errors[N_ORGANISATION_FIELDS];
  char        *issuer_id;
  AdwPreferencesPage *organisation_page;
  AdwEntryRow *name_row;
  AdwEntryRow *url_row;
  AdwEntryRow *email_row;
  AdwEntryRow *public_base_row;
  GtkLabel    *details_error;
  GtkLabel    *public_base_error;
  GtkLabel    *issuer_id_label;
  GtkWidget   *copy_issuer_button;
};

G_DEFINE_FINAL_TYPE (JlnPreferencesWindow, jln_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_coach_selected (JlnPreferencesWindow *self)
{
  guint pos = adw_combo_row_get_selected (self->coach_row);

  gint64 id;

  if (self->filling || pos == GTK_INVALID_LIST_POSITION || pos >= self->coach_ids->len)
    return;
  id = g_array_index (self->coach_ids, gint64, pos);
  /* The session keeps the desk coach in its settings. */
  if (self->session != NULL)
    jln_session_set_coach (self->session, id > 0 ? jln_store_lookup_coach (self->store, id) : NULL);
}

static void
fill_coaches (JlnPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *coaches = self->store ? jln_store_get_coaches (self->store) : NULL;
  JlnCoach *desk = self->session ? jln_session_get_coach (self->session) : NULL;
  gint64 current = desk ? jln_coach_get_id (desk) : 0;
  guint n = coaches ? g_list_model_get_n_items (coaches) : 0;
  guint selected = 0;
  gint64 none = 0;

  g_array_set_size (self->coach_ids, 0);
  gtk_string_list_append (names, _("Ask each time"));
  g_array_append_val (self->coach_ids, none);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnCoach) coach = g_list_model_get_item (coaches, i);
      gint64 id = jln_coach_get_id (coach);

      gtk_string_list_append (names, jln_coach_get_name (coach));
      g_array_append_val (self->coach_ids, id);
      if (id == current)
        selected = i + 1;
    }

  self->filling = TRUE;
  adw_combo_row_set_model (self->coach_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->coach_row, selected);
  self->filling = FALSE;
}

/* ---- Organisation page ---- */

gboolean
jln_organisation_url_is_valid (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;

  if (url == NULL || *url == '\0')
    return FALSE;
  for (const char *p = url; *p; p++)
    if (g_ascii_isspace (*p))
      return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0' || g_uri_get_userinfo (uri) != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return strchr (host, '.') != NULL || g_ascii_strcasecmp (host, "localhost") == 0;
  /* Plain http only for a local test server: badges published over http
   * could be altered on their way. */
  return g_ascii_strcasecmp (scheme, "http") == 0 &&
         (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_equal (host, "127.0.0.1"));
}

gboolean
jln_organisation_email_is_valid (const char *email)
{
  const char *at, *dot;

  if (email == NULL || strlen (email) > 254)
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static AdwEntryRow *
organisation_row (JlnPreferencesWindow *self,
                  JlnOrganisationField  field)
{
  switch (field)
    {
    case JLN_ORGANISATION_FIELD_NAME: return self->name_row;
    case JLN_ORGANISATION_FIELD_URL: return self->url_row;
    case JLN_ORGANISATION_FIELD_EMAIL: return self->email_row;
    case JLN_ORGANISATION_FIELD_PUBLIC_BASE:
    default: return self->public_base_row;
    }
}

static void
show_errors (JlnPreferencesWindow *self)
{
  g_autoptr(GString) details = g_string_new (NULL);

  for (guint i = 0; i < N_ORGANISATION_FIELDS; i++)
    {
      GtkWidget *row = GTK_WIDGET (organisation_row (self, i));

      if (self->organisation_errors[i] != NULL)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
      if (self->organisation_errors[i] != NULL && i != JLN_ORGANISATION_FIELD_PUBLIC_BASE)
        {
          if (details->len > 0)
            g_string_append_c (details, '\n');
          g_string_append (details, self->organisation_errors[i]);
        }
    }
  gtk_label_set_text (self->details_error, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->details_error), details->len > 0);
  gtk_label_set_text (self->public_base_error,
                      self->organisation_errors[JLN_ORGANISATION_FIELD_PUBLIC_BASE]
                      ? self->organisation_errors[JLN_ORGANISATION_FIELD_PUBLIC_BASE] : "");
  gtk_widget_set_visible (GTK_WIDGET (self->public_base_error),
                          self->organisation_errors[JLN_ORGANISATION_FIELD_PUBLIC_BASE] != NULL);
}

static void
show_issuer_id (JlnPreferencesWindow *self)
{
  if (self->issuer_id != NULL)
    {
      gtk_label_set_text (self->issuer_id_label, self->issuer_id);
      gtk_widget_add_css_class (GTK_WIDGET (self->issuer_id_label), "monospace");
      gtk_widget_remove_css_class (GTK_WIDGET (self->issuer_id_label), "dim-label");
    }
  else
    {
      /* A session always has its key (jln_session_new() makes it). */
      gtk_label_set_text (self->issuer_id_label, _("Open a database to see its issuer identifier"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->issuer_id_label), "monospace");
      gtk_widget_add_css_class (GTK_WIDGET (self->issuer_id_label), "dim-label");
    }
  gtk_widget_set_sensitive (self->copy_issuer_button, self->issuer_id != NULL);
}

static void
load_organisation (JlnPreferencesWindow *self)
{
  g_autoptr(JlnOrganisation) org = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->issuer_id, g_free);
  if (self->store == NULL)
    {
      for (guint i = 0; i < N_ORGANISATION_FIELDS; i++)
        gtk_widget_set_sensitive (GTK_WIDGET (organisation_row (self, i)), FALSE);
      show_issuer_id (self);
      return;
    }
  org = jln_store_get_organisation (self->store, &error);
  if (org == NULL)
    {
      g_warning ("Cannot read the organisation: %s", error->message);
      show_issuer_id (self);
      return;
    }
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), org->name ? org->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), org->url ? org->url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), org->email ? org->email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->public_base_row), org->public_base ? org->public_base : "");
  self->filling = FALSE;

  self->issuer_id = g_strdup (jln_session_get_issuer_id (self->session));
  show_issuer_id (self);
}

static void
set_error (JlnPreferencesWindow *self,
           JlnOrganisationField  field,
           const char           *message)
{
  g_free (self->organisation_errors[field]);
  self->organisation_errors[field] = g_strdup (message);
}

/* The trimmed text of a field; NULL when it is empty. */
static char *
field_text (JlnPreferencesWindow *self,
            JlnOrganisationField  field)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (organisation_row (self, field)))));

  if (field == JLN_ORGANISATION_FIELD_PUBLIC_BASE)
    {
      /* Published files are found at base + "/…". */
      gsize len = strlen (text);

      while (len > 0 && text[len - 1] == '/')
        text[--len] = '\0';
    }
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gboolean
replace_if_changed (char **slot, char **value)
{
  if (g_strcmp0 (*slot, *value) == 0)
    {
      g_clear_pointer (value, g_free);
      return FALSE;
    }
  g_free (*slot);
  *slot = g_steal_pointer (value);
  return TRUE;
}

gboolean
jln_preferences_window_apply_organisation (JlnPreferencesWindow *self)
{
  g_autoptr(JlnOrganisation) org = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *public_base = NULL;
  gboolean changed = FALSE;
  gboolean all_valid = TRUE;

  g_return_val_if_fail (JLN_IS_PREFERENCES_WINDOW (self), FALSE);

  /* Focus leaves the rows while the window is being torn down, too. */
  if (self->store == NULL || self->filling || self->name_row == NULL)
    return FALSE;

  name = field_text (self, JLN_ORGANISATION_FIELD_NAME);
  url = field_text (self, JLN_ORGANISATION_FIELD_URL);
  email = field_text (self, JLN_ORGANISATION_FIELD_EMAIL);
  public_base = field_text (self, JLN_ORGANISATION_FIELD_PUBLIC_BASE);

  /* Read again right before writing: a field left invalid keeps what is
   * saved. The signing seed is never written from here. */
  org = jln_store_get_organisation (self->store, &error);
  if (org == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return FALSE;
    }

  if (name == NULL)
    {
      set_error (self, JLN_ORGANISATION_FIELD_NAME,
                 _("Name: give your organisation a name; it is shown on every badge."));
      all_valid = FALSE;
    }
  else
    {
      set_error (self, JLN_ORGANISATION_FIELD_NAME, NULL);
      changed |= replace_if_changed (&org->name, &name);
    }

  if (url != NULL && !jln_organisation_url_is_valid (url))
    {
      set_error (self, JLN_ORGANISATION_FIELD_URL,
                 _("Website: enter an address that starts with https://, for example https://example.org."));
      all_valid = FALSE;
    }
  else
    {
      set_error (self, JLN_ORGANISATION_FIELD_URL, NULL);
      changed |= replace_if_changed (&org->url, &url);
    }

  if (email != NULL && !jln_organisation_email_is_valid (email))
    {
      set_error (self, JLN_ORGANISATION_FIELD_EMAIL,
                 _("Contact email: enter an address like contact@example.org."));
      all_valid = FALSE;
    }
  else
    {
      set_error (self, JLN_ORGANISATION_FIELD_EMAIL, NULL);
      changed |= replace_if_changed (&org->email, &email);
    }

  if (public_base != NULL && !jln_organisation_url_is_valid (public_base))
    {
      set_error (self, JLN_ORGANISATION_FIELD_PUBLIC_BASE,
                 _("Enter an address that starts with https://, for example https://badges.example.org, or leave it empty."));
      all_valid = FALSE;
    }
  else
    {
      set_error (self, JLN_ORGANISATION_FIELD_PUBLIC_BASE, NULL);
      changed |= replace_if_changed (&org->public_base, &public_base);
    }
  show_errors (self);

  /* With no name saved yet, the other fields wait for one (its error is
   * already shown beside it). */
  if (changed && org->name != NULL && *org->name != '\0'
      && !jln_session_set_organisation_details (self->session, org->name, org->url,
                                                org->email, org->public_base, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return FALSE;
    }
  return all_valid;
}

void
jln_preferences_window_set_organisation_text (JlnPreferencesWindow *self,
                                              JlnOrganisationField  field,
                                              const char           *text)
{
  g_return_if_fail (JLN_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (field < N_ORGANISATION_FIELDS);

  gtk_editable_set_text (GTK_EDITABLE (organisation_row (self, field)), text ? text : "");
}

const char *
jln_preferences_window_get_organisation_error (JlnPreferencesWindow *self,
                                               JlnOrganisationField  field)
{
  g_return_val_if_fail (JLN_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (field < N_ORGANISATION_FIELDS, NULL);

  return self->organisation_errors[field];
}

const char *
jln_preferences_window_get_issuer_id (JlnPreferencesWindow *self)
{
  g_return_val_if_fail (JLN_IS_PREFERENCES_WINDOW (self), NULL);

  return self->issuer_id;
}

static void
on_organisation_apply (JlnPreferencesWindow *self)
{
  jln_preferences_window_apply_organisation (self);
}

static void
on_copy_issuer (JlnPreferencesWindow *self)
{
  if (self->issuer_id == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->issuer_id);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Issuer identifier copied")));
}

static gboolean
on_close_request (JlnPreferencesWindow *self)
{
  /* Leaving with the window's close button is a focus change too. */
  jln_preferences_window_apply_organisation (self);
  return FALSE;
}

static void
jln_preferences_window_dispose (GObject *object)
{
  JlnPreferencesWindow *self = JLN_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (jln_preferences_window_parent_class)->dispose (object);
}

static void
jln_preferences_window_finalize (GObject *object)
{
  JlnPreferencesWindow *self = JLN_PREFERENCES_WINDOW (object);

  g_array_unref (self->coach_ids);
  for (guint i = 0; i < N_ORGANISATION_FIELDS; i++)
    g_free (self->organisation_errors[i]);
  g_free (self->issuer_id);

  G_OBJECT_CLASS (jln_preferences_window_parent_class)->finalize (object);
}

static void
jln_preferences_window_class_init (JlnPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_preferences_window_dispose;
  object_class->finalize = jln_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/shell/jln-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, large_icons_switch);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, coach_row);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, auto_lock_row);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, auto_lock_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_coach_selected);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, organisation_page);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, public_base_row);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, details_error);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, public_base_error);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, issuer_id_label);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, copy_issuer_button);
  gtk_widget_class_bind_template_callback (widget_class, on_organisation_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_issuer);
}

static void
jln_preferences_window_init (JlnPreferencesWindow *self)
{
  self->coach_ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_ORGANISATION_FIELDS; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "leave", G_CALLBACK (on_organisation_apply),
                               self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (organisation_row (self, i)), focus);
    }
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
}

JlnPreferencesWindow *
jln_preferences_window_new (JlnSession *session)
{
  JlnPreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (session == NULL || JLN_IS_SESSION (session), NULL);

  self = g_object_new (JLN_TYPE_PREFERENCES_WINDOW, NULL);
  if (session == NULL)
    {
      /* No database: the pages are there, inert. */
      load_organisation (self);
      return self;
    }
  g_set_object (&self->session, session);
  g_set_object (&self->store, jln_session_get_store (session));
  settings = jln_session_get_settings (session);
  if (settings != NULL)
    {
      g_settings_bind (settings, "large-icons", self->large_icons_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      /* Same large-icon mode as the main window: the page is read by the
       * same people. */
      jln_large_icons_bind (GTK_WIDGET (self), settings);
      g_settings_bind (settings, JLN_SESSION_AUTO_LOCK_KEY, self->auto_lock_spin, "value",
                       G_SETTINGS_BIND_DEFAULT);
    }
  /* With accounts the coach is whoever signed in; locking means
   * something only then. */
  gtk_widget_set_visible (GTK_WIDGET (self->coach_row), !jln_session_is_protected (session));
  gtk_widget_set_visible (GTK_WIDGET (self->auto_lock_row), jln_session_is_protected (session));
  fill_coaches (self);
  load_organisation (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (jln_backups_page_new (session)));
  return self;
}
