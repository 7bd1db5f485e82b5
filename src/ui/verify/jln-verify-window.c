/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "openbadges/jln-bake.h"
#include "openbadges/jln-credential.h"
#include "openbadges/jln-credential-reader.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-ob-json.h"
#include "openbadges/jln-ob2.h"
#include "openbadges/jln-verify.h"
#include "core/jln-file-read.h"
#include "ui/common/jln-badge-image.h"
#include "ui/common/jln-large-icons.h"
#include "ui/shell/jln-ui-resources.h"
#include "ui/verify/jln-verify-window.h"

/* Badge art is shown at 128 logical pixels; rendering at twice that keeps it
 * sharp on HiDPI screens. */
#define IMAGE_RENDER_SIZE 256
/* Bigger images are not decoded for display (a small file can hold a huge
 * picture). */
#define IMAGE_MAX_DIMENSION 4096
/* Our own status list is a small signed credential. */
#define STATUS_LIST_MAX_SIZE (8 * 1024 * 1024)

/* ------------------------------------------------------------------ */
/* one file's check, done in a worker thread                          */

typedef struct {
  GFile            *file;
  char             *display_name;
  char             *status_list_path;   /* NULL: no store */

  JlnVerifyOutcome  outcome;
  char             *read_error;         /* the file could not be read at all */
  JlnVerifyReport  *report;
  JsonNode         *credential;         /* OB 3.0 credential object, for display */
  JlnCredentialDetails *details;        /* what is shown of it */
  JlnOb2Import     *ob2;
  char             *ob2_salt;
  char             *description;
  gboolean          has_recipient;
  gboolean          recipient_hashed;
  char             *recipient_type;
  char             *recipient_plain;
  GdkTexture       *image;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->file);
  g_free (job->display_name);
  g_free (job->status_list_path);
  g_free (job->read_error);
  g_clear_pointer (&job->report, jln_verify_report_free);
  g_clear_pointer (&job->credential, json_node_unref);
  g_clear_pointer (&job->details, jln_credential_details_free);
  g_clear_pointer (&job->ob2, jln_ob2_import_free);
  g_free (job->ob2_salt);
  g_free (job->description);
  g_free (job->recipient_type);
  g_free (job->recipient_plain);
  g_clear_object (&job->image);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static GdkTexture *
texture_from_png (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint32 width, height;

  /* Signature (8) + IHDR length and type (8) + width (4) + height (4). */
  if (len < 24 || memcmp (data + 12, "IHDR", 4) != 0)
    return NULL;
  width = ((guint32) data[16] << 24) | ((guint32) data[17] << 16) | ((guint32) data[18] << 8) | data[19];
  height = ((guint32) data[20] << 24) | ((guint32) data[21] << 16) | ((guint32) data[22] << 8) | data[23];
  if (width == 0 || height == 0 || width > IMAGE_MAX_DIMENSION || height > IMAGE_MAX_DIMENSION)
    return NULL;
  return gdk_texture_new_from_bytes (bytes, NULL);
}

static GdkTexture *
texture_from_bytes (GBytes *bytes)
{
  JlnBakedFormat format;

  if (!jln_bake_sniff (bytes, &format))
    return NULL;
  if (format == JLN_BAKED_FORMAT_PNG)
    return texture_from_png (bytes);
  if (format == JLN_BAKED_FORMAT_SVG)
    /* The one SVG renderer (no external references); any thread. */
    return jln_badge_image_render_texture_for_data (g_bytes_get_data (bytes, NULL),
                                                    g_bytes_get_size (bytes),
                                                    IMAGE_RENDER_SIZE, NULL);
  return NULL;
}

/* Decodes "data:[<type>][;base64],<data>"; NULL for anything else (a URL is
 * never fetched). */
static GBytes *
decode_data_uri (const char *uri)
{
  const char *comma;
  g_autofree char *meta = NULL;

  if (uri == NULL || g_ascii_strncasecmp (uri, "data:", 5) != 0)
    return NULL;
  comma = strchr (uri, ',');
  if (comma == NULL)
    return NULL;
  meta = g_strndup (uri + 5, comma - (uri + 5));
  if (g_str_has_suffix (meta, ";base64"))
    {
      gsize len = 0;
      guchar *data = g_base64_decode (comma + 1, &len);

      if (len == 0)
        {
          g_free (data);
          return NULL;
        }
      return g_bytes_new_take (data, len);
    }
  return g_uri_unescape_bytes (comma + 1, -1, NULL, NULL);
}

/* What the report does not carry (description, recipient), from the one
 * credential reader. */
static void
read_ob3_details (Job *job)
{
  const JlnCredentialDetails *d = job->details;

  job->description = g_strdup (d->achievement_description);
  if (d->has_recipient)
    {
      job->has_recipient = TRUE;
      job->recipient_type = g_strdup (d->recipient_type);
      job->recipient_hashed = d->recipient_hashed;
      if (!job->recipient_hashed)
        job->recipient_plain = g_strdup (d->recipient_identity);
    }
}

static JsonNode *
load_status_list (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;

  if (path == NULL)
    return NULL;
  /* Not published yet, or not a plain file: no list, so no "active". */
  bytes = jln_file_read_regular (path, STATUS_LIST_MAX_SIZE, NULL);
  if (bytes == NULL)
    return NULL;
  return jln_ob_parse_json (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
}

/* Our own list is only given for badges that point to it: any other list
 * would make jln_verify report a mismatch for someone else's badge. */
static gboolean
read_file (Job *job, GBytes **out_bytes, GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size_text = NULL;
  char *data = NULL;
  gsize len = 0;

  info = g_file_query_info (job->file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      job->read_error = g_strdup_printf (_("This file cannot be opened: %s"), error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      job->read_error = g_strdup (_("This is not a file that can be checked (a folder or a device?)."));
      return FALSE;
    }
  if (g_file_info_get_size (info) > JLN_VERIFY_WINDOW_MAX_FILE_SIZE)
    {
      size_text = g_format_size ((guint64) g_file_info_get_size (info));
      job->read_error = g_strdup_printf (_("This file is too large to be a badge (%s; a badge file is at most 50 MB)."),
                                         size_text);
      return FALSE;
    }
  if (g_file_peek_path (job->file) != NULL)
    {
      /* A local file is read through its opened descriptor, so one swapped
       * for a pipe or a device since it was measured is still refused. */
      GBytes *bytes = jln_file_read_regular (g_file_peek_path (job->file),
                                             JLN_VERIFY_WINDOW_MAX_FILE_SIZE, &error);

      if (bytes == NULL)
        {
          job->read_error = g_strdup_printf (_("This file cannot be read: %s"), error->message);
          return FALSE;
        }
      *out_bytes = bytes;
      return TRUE;
    }
  if (!g_file_load_contents (job->file, cancellable, &data, &len, NULL, &error))
    {
      job->read_error = g_strdup_printf (_("This file cannot be read: %s"), error->message);
      return FALSE;
    }
  /* It may have grown since it was measured. */
  if (len > JLN_VERIFY_WINDOW_MAX_FILE_SIZE)
    {
      g_free (data);
      size_text = g_format_size (len);
      job->read_error = g_strdup_printf (_("This file is too large to be a badge (%s; a badge file is at most 50 MB)."),
                                         size_text);
      return FALSE;
    }
  *out_bytes = g_bytes_new_take (data, len);
  return TRUE;
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JlnBakedCredential) baked = NULL;
  g_autoptr(GError) extract_error = NULL;
  g_autoptr(JsonNode) status_list = NULL;
  JlnVerifyOptions options = { 0 };
  JlnBakedFormat format;
  gboolean sniffed;

  if (!read_file (job, &bytes, cancellable))
    {
      job->outcome = JLN_VERIFY_OUTCOME_UNREADABLE;
      g_task_return_pointer (task, job, (GDestroyNotify) job_free);
      return;
    }

  sniffed = g_bytes_get_size (bytes) > 0 && jln_bake_sniff (bytes, &format);
  if (sniffed)
    baked = jln_bake_extract (bytes, &extract_error);
  if (baked != NULL && baked->ob_version == 3 && !jln_baked_credential_is_url (baked))
    {
      job->credential = jln_ob_parse_json (baked->payload, -1, NULL);
      if (job->credential != NULL && !JSON_NODE_HOLDS_OBJECT (job->credential))
        g_clear_pointer (&job->credential, json_node_unref);
      job->details = jln_credential_read_details (job->credential);
    }

  status_list = load_status_list (job->status_list_path);
  if (jln_credential_details_uses_status_list (job->details, status_list))
    options.status_list = status_list;
  job->report = jln_verify_bytes (bytes, &options);

  if (job->report->ob_version == 2 && job->report->error == NULL && baked != NULL)
    {
      /* Shown for information, unless what can be checked offline fails. */
      job->outcome = job->report->verdict == JLN_VERIFY_INVALID ? JLN_VERIFY_OUTCOME_INVALID
                                                                : JLN_VERIFY_OUTCOME_OB2;
      job->ob2 = jln_ob2_import_baked (baked, NULL);
      if (job->ob2 != NULL)
        {
          g_autoptr(JsonNode) assertion = NULL;

          job->description = g_strdup (job->ob2->badge_description);
          job->has_recipient = job->ob2->recipient_identity != NULL;
          job->recipient_hashed = job->ob2->recipient_hashed;
          job->recipient_type = g_strdup (job->ob2->recipient_type);
          if (!job->recipient_hashed)
            job->recipient_plain = g_strdup (job->ob2->recipient_identity);
          if (!jln_baked_credential_is_url (baked))
            assertion = jln_ob_parse_json (baked->payload, -1, NULL);
          if (assertion != NULL && JSON_NODE_HOLDS_OBJECT (assertion))
            job->ob2_salt = g_strdup (jln_ob_json_get_string (jln_ob_json_get_object (json_node_get_object (assertion),
                                                                                      "recipient"),
                                                              "salt"));
        }
    }
  else if (job->report->error != NULL)
    {
      /* A damaged badge is "not valid"; a file that holds no badge at all is
       * simply not one. */
      if (!sniffed || g_bytes_get_size (bytes) == 0 ||
          g_error_matches (extract_error, JLN_OB_ERROR, JLN_OB_ERROR_NOT_FOUND) ||
          g_error_matches (extract_error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE))
        job->outcome = JLN_VERIFY_OUTCOME_UNREADABLE;
      else
        job->outcome = JLN_VERIFY_OUTCOME_INVALID;
    }
  else if (job->report->verdict == JLN_VERIFY_VALID)
    job->outcome = JLN_VERIFY_OUTCOME_VALID;
  else if (job->report->verdict == JLN_VERIFY_UNVERIFIABLE)
    job->outcome = JLN_VERIFY_OUTCOME_UNVERIFIABLE;
  else
    job->outcome = JLN_VERIFY_OUTCOME_INVALID;

  if (job->details != NULL)
    read_ob3_details (job);

  /* The picture: the badge file itself, else the image it points to when
   * that image is inside it (data: URI). */
  if (sniffed && format != JLN_BAKED_FORMAT_JSON && job->outcome != JLN_VERIFY_OUTCOME_UNREADABLE)
    job->image = texture_from_bytes (bytes);
  if (job->image == NULL)
    {
      g_autoptr(GBytes) embedded = NULL;
      const char *uri = NULL;

      if (job->details != NULL)
        uri = job->details->image;
      else if (job->ob2 != NULL)
        uri = job->ob2->badge_image;
      embedded = decode_data_uri (uri);
      if (embedded != NULL && g_bytes_get_size (embedded) <= JLN_BAKE_MAX_PAYLOAD_SIZE)
        job->image = texture_from_bytes (embedded);
    }

  g_task_return_pointer (task, job, (GDestroyNotify) job_free);
}

/* ------------------------------------------------------------------ */
/* the window                                                         */

typedef struct {
  Job         *job;            /* NULL while being checked */
  GtkWidget   *slot;           /* holds the spinner, then the card */
  GtkWidget   *card;
  GtkWidget   *email_answer;   /* AdwActionRow */
  GtkWidget   *email_icon;
} Result;

static void
result_free (Result *result)
{
  g_clear_pointer (&result->job, job_free);
  g_free (result);
}

struct _JlnVerifyWindow
{
  AdwWindow parent_instance;

  JlnSession           *session;     /* nullable: no database open */
  GSettings            *settings;    /* nullable: the large-icon switch */
  char                 *status_list_path;
  GCancellable         *cancellable;
  GPtrArray            *results;     /* Result* */
  guint                 n_pending;
  GtkFileChooserNative *chooser;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkBox         *results_box;
};

G_DEFINE_FINAL_TYPE (JlnVerifyWindow, jln_verify_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return NULL;
  date = g_date_time_new_from_iso8601 (iso, NULL);
  if (date == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (date);
  /* Translators: a date as people write it (strftime format). */
  return g_date_time_format (local, _("%Y-%m-%d"));
}

static GtkWidget *
value_label (const char *text, gboolean monospace)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  /* A wrapping label asks for little width; expanding lets it use the row's
   * free space and wrap only long values. */
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "verify-value");
  if (monospace)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      /* An identifier broken over two lines must not gain a hyphen. */
      pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      pango_attr_list_unref (attrs);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_widget_add_css_class (label, "monospace");
    }
  return label;
}

static GtkWidget *
add_field (GtkWidget  *list,
           const char *title,
           const char *value,
           gboolean    monospace)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label (value ? value : "—", monospace));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
heading_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
outcome_words (const Job   *job,
               const char **icon,
               const char **css,
               const char **title)
{
  switch (job->outcome)
    {
    case JLN_VERIFY_OUTCOME_VALID:
      *icon = "emblem-ok-symbolic";
      *css = "success";
      /* "Valid" only when nothing is left unchecked: a revocation nobody
       * could look up offline is said as such, not glossed over. */
      *title = job->report->status == JLN_VERIFY_STATUS_UNKNOWN ? _("Signed and unchanged")
                                                                 : _("Valid badge");
      break;
    case JLN_VERIFY_OUTCOME_INVALID:
      *icon = "dialog-error-symbolic";
      *css = "error";
      *title = _("Not valid");
      break;
    case JLN_VERIFY_OUTCOME_UNVERIFIABLE:
    case JLN_VERIFY_OUTCOME_OB2:
      *icon = "dialog-question-symbolic";
      *css = "warning";
      *title = _("Cannot be verified offline");
      break;
    case JLN_VERIFY_OUTCOME_UNREADABLE:
    default:
      *icon = "action-unavailable-symbolic";
      *css = "error";
      *title = _("No badge could be read");
      break;
    }
}

static const char *
proof_words (const JlnProofResult *proof, char **owned)
{
  if (proof == NULL)
    return _("Not checked");
  switch (proof->status)
    {
    case JLN_PROOF_VALID:
      return *owned = g_strdup_printf (_("Valid signature (%s)"), proof->suite ? proof->suite : "?");
    case JLN_PROOF_MISSING:
      return _("No signature: anybody could have written this badge");
    case JLN_PROOF_MALFORMED:
      return _("Damaged signature");
    case JLN_PROOF_INVALID_SIGNATURE:
      return _("Invalid signature: the badge was changed after it was signed");
    case JLN_PROOF_UNSUPPORTED:
      return *owned = g_strdup_printf (_("A kind of signature this app cannot check (%s)"),
                                       proof->suite ? proof->suite : "?");
    case JLN_PROOF_KEY_UNRESOLVABLE:
      return _("The issuer’s key cannot be found offline");
    case JLN_PROOF_CANON_FAILED:
    default:
      return _("The badge cannot be read in the form its signature covers");
    }
}

static const char *
status_words (const JlnVerifyReport *report)
{
  switch (report->status)
    {
    case JLN_VERIFY_STATUS_NONE:
      return _("Cannot be revoked (no status list)");
    case JLN_VERIFY_STATUS_UNKNOWN:
      /* Never "not revoked": nobody trustworthy said so. */
      return report->status_list_refused ? _("Unknown: the status list given cannot be trusted")
                                         : _("Unknown offline");
    case JLN_VERIFY_STATUS_ACTIVE:
      return _("Active: not revoked");
    case JLN_VERIFY_STATUS_REVOKED:
      return _("Revoked by its issuer");
    case JLN_VERIFY_STATUS_ERROR:
    default:
      return _("Cannot be checked: the status list does not fit");
    }
}

static char *
recipient_words (const Job *job)
{
  if (!job->has_recipient)
    return g_strdup (_("Not named in the badge"));
  if (!job->recipient_hashed)
    return g_strdup (job->recipient_plain);
  if (job->recipient_type == NULL ||
      g_ascii_strcasecmp (job->recipient_type, "emailAddress") == 0 ||
      g_ascii_strcasecmp (job->recipient_type, "email") == 0)
    return g_strdup (_("Hidden (hashed e-mail address)"));
  return g_strdup_printf (_("Hidden (hashed %s)"), job->recipient_type);
}

static char *
summary_text (const Job *job)
{
  const JlnVerifyReport *r = job->report;

  switch (job->outcome)
    {
    case JLN_VERIFY_OUTCOME_VALID:
      /* Say "not revoked" only when the issuer's own list says so. */
      if (r->status == JLN_VERIFY_STATUS_ACTIVE)
        return g_strdup_printf (_("Signed by %s, unchanged since, in date and not revoked."),
                                r->issuer_name ? r->issuer_name : r->issuer_id);
      if (r->status == JLN_VERIFY_STATUS_NONE)
        return g_strdup_printf (_("Signed by %s, unchanged since and in date. Its issuer cannot revoke it."),
                                r->issuer_name ? r->issuer_name : r->issuer_id);
      return g_strdup_printf (_("Signed by %s, unchanged since and in date. Revocation not checked: "
                                "its issuer’s list cannot be reached offline."),
                              r->issuer_name ? r->issuer_name : r->issuer_id);
    case JLN_VERIFY_OUTCOME_OB2:
      return g_strdup (_("OB 2.0 badge: its issuer’s server would be needed to verify it; shown for information."));
    case JLN_VERIFY_OUTCOME_UNREADABLE:
      return g_strdup (job->read_error ? job->read_error : r->error);
    case JLN_VERIFY_OUTCOME_UNVERIFIABLE:
      if (r->proof != NULL && r->proof->message != NULL)
        return g_strdup (r->proof->message);
      return g_strdup (_("Checking this badge needs the network."));
    case JLN_VERIFY_OUTCOME_INVALID:
    default:
      if (r->error != NULL)
        return g_strdup (r->error);
      if (r->binding == JLN_VERIFY_BINDING_MISMATCH)
        return g_strdup (_("This badge was signed by someone other than the issuer it names."));
      if (r->proof != NULL && r->proof->status == JLN_PROOF_INVALID_SIGNATURE)
        return g_strdup (_("This badge was changed after it was signed, or it was not signed by the issuer it names."));
      if (r->status == JLN_VERIFY_STATUS_REVOKED)
        return g_strdup (_("Its issuer has revoked this badge."));
      if (r->dates == JLN_VERIFY_DATES_EXPIRED)
        return g_strdup (_("This badge has expired."));
      if (r->dates == JLN_VERIFY_DATES_NOT_YET_VALID)
        return g_strdup (_("This badge is not valid yet."));
      if (r->problems->len > 0)
        return g_strdup (g_ptr_array_index (r->problems, 0));
      if (r->proof != NULL && r->proof->message != NULL)
        return g_strdup (r->proof->message);
      return g_strdup (_("This badge does not hold together."));
    }
}

static const char *
check_title (const char *id)
{
  if (g_str_equal (id, JLN_VERIFY_CHECK_FORMAT))
    return _("File");
  if (g_str_equal (id, JLN_VERIFY_CHECK_JSON))
    return _("Text of the badge");
  if (g_str_equal (id, JLN_VERIFY_CHECK_SHAPE))
    return _("Contents");
  if (g_str_equal (id, JLN_VERIFY_CHECK_PROOF))
    return _("Signature");
  if (g_str_equal (id, JLN_VERIFY_CHECK_ISSUER_KEY))
    return _("Issuer’s key");
  if (g_str_equal (id, JLN_VERIFY_CHECK_DATES))
    return _("Dates");
  if (g_str_equal (id, JLN_VERIFY_CHECK_STATUS))
    return _("Revocation");
  return _("Recipient");
}

static void
check_outcome_words (JlnVerifyCheckOutcome outcome,
                     const char          **icon,
                     const char          **css,
                     const char          **word)
{
  switch (outcome)
    {
    case JLN_VERIFY_CHECK_PASSED:
      *icon = "emblem-ok-symbolic";
      *css = "success";
      *word = _("Passed");
      break;
    case JLN_VERIFY_CHECK_FAILED:
      *icon = "dialog-error-symbolic";
      *css = "error";
      *word = _("Failed");
      break;
    case JLN_VERIFY_CHECK_WARNING:
      *icon = "dialog-warning-symbolic";
      *css = "warning";
      *word = _("Warning");
      break;
    case JLN_VERIFY_CHECK_NOT_CHECKED:
    default:
      *icon = "dialog-question-symbolic";
      *css = "dim-label";
      *word = C_("verification check", "Not checked");
      break;
    }
}

/* Every check, each with a word and an icon (never colour alone) and its
 * reason, so a coach can tell the issuer exactly what is wrong. */
static GtkWidget *
checks_list (const JlnVerifyReport *r)
{
  GtkWidget *list = boxed_list_new ();

  gtk_widget_set_name (list, "checks");
  for (guint i = 0; i < r->checks->len; i++)
    {
      const JlnVerifyCheck *check = g_ptr_array_index (r->checks, i);
      const char *icon_name, *css, *word;
      GtkWidget *row, *icon, *label;

      check_outcome_words (check->outcome, &icon_name, &css, &word);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check_title (check->id));
      if (check->message != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), check->message);
      gtk_widget_add_css_class (row, "verify-check");

      /* The word says it; the icon only repeats it for the eye. */
      icon = g_object_new (GTK_TYPE_IMAGE,
                           "icon-name", icon_name,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                           NULL);
      gtk_widget_add_css_class (icon, css);
      gtk_widget_add_css_class (icon, "verify-check-icon");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      label = gtk_label_new (word);
      gtk_widget_add_css_class (label, css);
      gtk_widget_add_css_class (label, "verify-check-word");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  return list;
}

static void on_email_apply (AdwEntryRow *row, JlnVerifyWindow *self);

/* The whole report, for whoever must tell the issuer what went wrong. */
static GtkWidget *
technical_details (const JlnVerifyReport *r)
{
  g_autoptr(JsonNode) json = jln_verify_report_to_json (r);
  g_autofree char *text = jln_ob_json_to_string (json, TRUE);
  GtkWidget *expander = gtk_expander_new (_("Technical details"));
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (view, "card");
  gtk_widget_add_css_class (view, "verify-technical");
  gtk_widget_set_margin_top (view, 6);
  gtk_expander_set_child (GTK_EXPANDER (expander), view);
  return expander;
}

static GtkWidget *
build_header (const Job *job)
{
  const char *icon, *css, *title;
  g_autofree char *summary = summary_text (job);
  GtkWidget *header, *picture, *text, *verdict, *image, *label;

  outcome_words (job, &icon, &css, &title);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_add_css_class (header, "card");
  gtk_widget_add_css_class (header, "verify-header");
  gtk_widget_add_css_class (header, css);

  if (job->image != NULL)
    {
      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (job->image));
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      /* A small image stays sharp rather than blown up. */
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_SCALE_DOWN);
    }
  else
    {
      picture = gtk_image_new_from_icon_name (job->outcome == JLN_VERIFY_OUTCOME_UNREADABLE
                                              ? "image-missing-symbolic" : "jln-badge-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (picture), 64);
      gtk_widget_add_css_class (picture, "dim-label");
    }
  gtk_widget_set_size_request (picture, 128, 128);
  gtk_widget_set_valign (picture, GTK_ALIGN_START);
  gtk_widget_add_css_class (picture, "verify-picture");
  /* The art of a badge that failed is not to be mistaken for a good one. */
  if (job->outcome == JLN_VERIFY_OUTCOME_INVALID)
    gtk_widget_add_css_class (picture, "verify-picture-invalid");
  gtk_box_append (GTK_BOX (header), picture);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), text);

  verdict = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (verdict, "verify-verdict");
  /* Sized in style.css: bigger in large-icon mode. */
  image = gtk_image_new_from_icon_name (icon);
  gtk_widget_add_css_class (image, css);
  gtk_widget_add_css_class (image, "verify-verdict-icon");
  gtk_box_append (GTK_BOX (verdict), image);
  label = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "title-1");
  gtk_widget_add_css_class (label, "verify-verdict-title");
  gtk_widget_set_name (label, "verdict");
  gtk_box_append (GTK_BOX (verdict), label);
  gtk_box_append (GTK_BOX (text), verdict);

  label = gtk_label_new (summary);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_name (label, "summary");
  gtk_widget_add_css_class (label, "verify-summary");
  gtk_box_append (GTK_BOX (text), label);

  label = gtk_label_new (job->display_name);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (text), label);

  return header;
}

static void
add_date_fields (GtkWidget *list, const Job *job)
{
  const JlnVerifyReport *r = job->report;
  g_autofree char *from = format_date (r->valid_from);
  g_autofree char *until = format_date (r->valid_until);
  g_autofree char *from_text = NULL;
  g_autofree char *until_text = NULL;

  if (r->dates == JLN_VERIFY_DATES_NOT_YET_VALID)
    from_text = g_strdup_printf (_("%s (not yet valid)"), from ? from : "—");
  add_field (list, _("Issued on"), from_text ? from_text : from, FALSE);

  if (r->dates == JLN_VERIFY_DATES_EXPIRED)
    until_text = g_strdup_printf (_("%s (expired)"), until ? until : "—");
  add_field (list, _("Valid until"),
             until_text ? until_text : until ? until : _("No end date"), FALSE);
}

static GtkWidget *
build_card (JlnVerifyWindow *self, Result *result)
{
  const Job *job = result->job;
  const JlnVerifyReport *r = job->report;
  GtkWidget *card, *list, *row;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (card, "verify-result");
  gtk_box_append (GTK_BOX (card), build_header (job));

  /* Nothing was read from a damaged file: no fields to show, and its one
   * problem is the summary already. */
  if (job->outcome == JLN_VERIFY_OUTCOME_UNREADABLE || r->error != NULL)
    {
      /* A file that holds no badge gets no list of checks it never reached. */
      if (r != NULL && job->outcome != JLN_VERIFY_OUTCOME_UNREADABLE)
        {
          gtk_box_append (GTK_BOX (card), heading_label (_("Checks")));
          gtk_box_append (GTK_BOX (card), checks_list (r));
        }
      if (r != NULL)
        gtk_box_append (GTK_BOX (card), technical_details (r));
      return card;
    }

  if (job->outcome != JLN_VERIFY_OUTCOME_VALID)
    {
      gtk_box_append (GTK_BOX (card), heading_label (_("Checks")));
      gtk_box_append (GTK_BOX (card), checks_list (r));
    }

  list = boxed_list_new ();
  if (job->ob2 != NULL)
    {
      const JlnOb2Import *ob2 = job->ob2;
      g_autofree char *issued = NULL;

      if (ob2->needs_network)
        add_field (list, _("Badge"), _("Only its web address is in the file"), FALSE);
      else
        add_field (list, _("Badge"), ob2->badge_name, FALSE);
      if (job->description != NULL)
        add_field (list, _("Description"), job->description, FALSE);
      add_field (list, _("Issuer"), ob2->issuer_name ? ob2->issuer_name : ob2->issuer_url, FALSE);
      if (ob2->issuer_id != NULL)
        add_field (list, _("Issuer identifier"), ob2->issuer_id, TRUE);
      if (ob2->issued_on_date != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (ob2->issued_on_date);

          issued = g_date_time_format (local, _("%Y-%m-%d"));
        }
      add_field (list, _("Issued on"), issued ? issued : ob2->issued_on, FALSE);
      if (ob2->expires != NULL)
        {
          g_autofree char *expires = format_date (ob2->expires);

          add_field (list, _("Valid until"), expires, FALSE);
        }
      add_field (list, _("Address of the badge"), ob2->assertion_id, TRUE);
      if (ob2->revoked)
        add_field (list, _("Revocation"), _("Revoked by its issuer"), FALSE);
    }
  else
    {
      g_autofree char *proof_owned = NULL;

      add_field (list, _("Badge"), r->achievement_name, FALSE);
      if (job->description != NULL)
        add_field (list, _("Description"), job->description, FALSE);
      add_field (list, _("Issuer"), r->issuer_name, FALSE);
      add_field (list, _("Issuer identifier"), r->issuer_id, TRUE);
      add_date_fields (list, job);
      add_field (list, _("Signature"), proof_words (r->proof, &proof_owned), FALSE);
      add_field (list, _("Revocation"), status_words (r), FALSE);
    }
  if (job->has_recipient || job->outcome != JLN_VERIFY_OUTCOME_OB2)
    {
      g_autofree char *recipient = recipient_words (job);

      add_field (list, _("Recipient"), recipient, FALSE);
    }
  gtk_box_append (GTK_BOX (card), list);

  if (job->has_recipient)
    {
      GtkWidget *email_list = boxed_list_new ();

      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Check an email address"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      g_object_set_data (G_OBJECT (row), "jln-result", result);
      g_signal_connect (row, "apply", G_CALLBACK (on_email_apply), self);
      gtk_list_box_append (GTK_LIST_BOX (email_list), row);

      result->email_answer = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (result->email_answer), FALSE);
      result->email_icon = gtk_image_new ();
      adw_action_row_add_prefix (ADW_ACTION_ROW (result->email_answer), result->email_icon);
      gtk_widget_set_visible (result->email_answer, FALSE);
      gtk_list_box_append (GTK_LIST_BOX (email_list), result->email_answer);
      gtk_box_append (GTK_BOX (card), email_list);
    }

  /* A valid badge shows what it is first; any other shows why first. */
  if (job->outcome == JLN_VERIFY_OUTCOME_VALID)
    {
      gtk_box_append (GTK_BOX (card), heading_label (_("Checks")));
      gtk_box_append (GTK_BOX (card), checks_list (r));
    }

  gtk_box_append (GTK_BOX (card), technical_details (r));
  return card;
}

static GtkWidget *
build_pending (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = g_strdup_printf (_("Checking %s…"), name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "verify-header");
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  return box;
}

static void
set_slot_child (GtkWidget *slot, GtkWidget *child)
{
  GtkWidget *old;

  while ((old = gtk_widget_get_first_child (slot)) != NULL)
    gtk_box_remove (GTK_BOX (slot), old);
  gtk_box_append (GTK_BOX (slot), child);
}

static void
on_verified (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  JlnVerifyWindow *self = JLN_VERIFY_WINDOW (source);
  GTask *task = G_TASK (res);
  Result *result = user_data;
  g_autoptr(Job) job = g_task_propagate_pointer (task, NULL);

  /* A newer batch (or closing the window) replaced this one: its Result is
   * gone. */
  if (job == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  g_assert (self->n_pending > 0);
  self->n_pending--;
  result->job = g_steal_pointer (&job);
  result->card = build_card (self, result);
  set_slot_child (result->slot, result->card);
}

static void
clear_results (JlnVerifyWindow *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_pending = 0;
  g_ptr_array_set_size (self->results, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box))) != NULL)
    gtk_box_remove (self->results_box, child);
}

void
jln_verify_window_open_files (JlnVerifyWindow *self,
                              GFile *const    *files,
                              guint            n_files)
{
  g_return_if_fail (JLN_IS_VERIFY_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;
  clear_results (self);

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GTask) task = NULL;
      Result *result = g_new0 (Result, 1);
      Job *job = g_new0 (Job, 1);

      job->file = g_object_ref (files[i]);
      job->display_name = g_file_get_basename (files[i]);
      job->status_list_path = g_strdup (self->status_list_path);

      result->slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      set_slot_child (result->slot, build_pending (files[i]));
      if (i > 0)
        gtk_box_append (self->results_box, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (self->results_box, result->slot);
      g_ptr_array_add (self->results, result);

      task = g_task_new (self, self->cancellable, on_verified, result);
      g_task_set_source_tag (task, jln_verify_window_open_files);
      /* The thread hands the job back with g_task_return_pointer(). */
      g_task_set_task_data (task, job, NULL);
      g_task_set_check_cancellable (task, FALSE);
      self->n_pending++;
      g_task_run_in_thread (task, verify_thread);
    }

  if (n_files == 1)
    {
      g_autofree char *name = g_file_get_basename (files[0]);

      adw_window_title_set_subtitle (self->window_title, name);
    }
  else
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u file", "%u files", n_files), n_files);

      adw_window_title_set_subtitle (self->window_title, count);
    }
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     JlnVerifyWindow *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  array = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  jln_verify_window_open_files (self, (GFile *const *) array->pdata, array->len);
}

void
jln_verify_window_choose_files (JlnVerifyWindow *self)
{
  g_autoptr(GtkFileFilter) badges = NULL;
  g_autoptr(GtkFileFilter) all = NULL;

  g_return_if_fail (JLN_IS_VERIFY_WINDOW (self));

  if (self->chooser == NULL)
    {
      self->chooser = gtk_file_chooser_native_new (_("Verify a Badge"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN,
                                                   _("_Verify"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

      badges = gtk_file_filter_new ();
      gtk_file_filter_set_name (badges, _("Badges (PNG, SVG, JSON)"));
      gtk_file_filter_add_mime_type (badges, "image/png");
      gtk_file_filter_add_mime_type (badges, "image/svg+xml");
      gtk_file_filter_add_mime_type (badges, "application/json");
      gtk_file_filter_add_mime_type (badges, "application/ld+json");
      gtk_file_filter_add_suffix (badges, "png");
      gtk_file_filter_add_suffix (badges, "svg");
      gtk_file_filter_add_suffix (badges, "json");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), badges);

      all = gtk_file_filter_new ();
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), badges);

      g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  jln_verify_window_choose_files (JLN_VERIFY_WINDOW (widget));
}

static gboolean
on_drop (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         JlnVerifyWindow *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = gdk_file_list_get_files (g_value_get_boxed (value));
  files = g_ptr_array_new ();
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);
  if (files->len == 0)
    return FALSE;
  jln_verify_window_open_files (self, (GFile *const *) files->pdata, files->len);
  return TRUE;
}

static Result *
get_result (JlnVerifyWindow *self, guint index)
{
  if (index >= self->results->len)
    return NULL;
  return g_ptr_array_index (self->results, index);
}

static gboolean
ob2_recipient_matches (const Job *job, const char *email)
{
  g_autofree char *plain = g_strstrip (g_ascii_strdown (email, -1));
  g_autofree char *hash_plain = NULL;
  g_autofree char *hash_typed = NULL;
  const char *identity = job->ob2->recipient_identity;

  if (!job->recipient_hashed)
    return g_ascii_strcasecmp (identity, plain) == 0;
  hash_plain = jln_ob2_hash_identity (plain, job->ob2_salt);
  hash_typed = jln_ob2_hash_identity (email, job->ob2_salt);
  return (hash_plain && g_ascii_strcasecmp (identity, hash_plain) == 0) ||
         (hash_typed && g_ascii_strcasecmp (identity, hash_typed) == 0);
}

gboolean
jln_verify_window_check_email (JlnVerifyWindow *self,
                               guint            index,
                               const char      *email)
{
  Result *result;
  gboolean match = FALSE;

  g_return_val_if_fail (JLN_IS_VERIFY_WINDOW (self), FALSE);
  g_return_val_if_fail (email != NULL, FALSE);

  result = get_result (self, index);
  if (result == NULL || result->job == NULL || !result->job->has_recipient)
    return FALSE;

  if (result->job->credential != NULL)
    {
      /* jln_verify answers the recipient question (one place hashes). */
      JlnVerifyOptions options = { .email = email };
      g_autoptr(JlnVerifyReport) report = jln_verify_json (result->job->credential, &options);

      match = report->recipient == JLN_VERIFY_RECIPIENT_MATCH;
    }
  else if (result->job->ob2 != NULL)
    match = ob2_recipient_matches (result->job, email);

  if (result->email_answer != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (result->email_answer),
                                     match ? _("This badge belongs to this address")
                                           : _("This badge does not belong to this address"));
      gtk_image_set_from_icon_name (GTK_IMAGE (result->email_icon),
                                    match ? "emblem-ok-symbolic" : "dialog-error-symbolic");
      gtk_widget_remove_css_class (result->email_icon, match ? "error" : "success");
      gtk_widget_add_css_class (result->email_icon, match ? "success" : "error");
      gtk_widget_set_visible (result->email_answer, TRUE);
    }
  return match;
}

static void
on_email_apply (AdwEntryRow     *row,
                JlnVerifyWindow *self)
{
  Result *result = g_object_get_data (G_OBJECT (row), "jln-result");
  const char *email = gtk_editable_get_text (GTK_EDITABLE (row));

  for (guint i = 0; i < self->results->len; i++)
    if (g_ptr_array_index (self->results, i) == result)
      {
        if (*email != '\0')
          jln_verify_window_check_email (self, i, email);
        return;
      }
}

guint
jln_verify_window_get_n_pending (JlnVerifyWindow *self)
{
  g_return_val_if_fail (JLN_IS_VERIFY_WINDOW (self), 0);
  return self->n_pending;
}

guint
jln_verify_window_get_n_results (JlnVerifyWindow *self)
{
  g_return_val_if_fail (JLN_IS_VERIFY_WINDOW (self), 0);
  return self->results->len;
}

GtkWidget *
jln_verify_window_get_result_card (JlnVerifyWindow *self,
                                   guint            index)
{
  Result *result;

  g_return_val_if_fail (JLN_IS_VERIFY_WINDOW (self), NULL);
  result = get_result (self, index);
  return result ? result->card : NULL;
}

JlnVerifyOutcome
jln_verify_window_get_outcome (JlnVerifyWindow *self,
                               guint            index)
{
  Result *result;

  g_return_val_if_fail (JLN_IS_VERIFY_WINDOW (self), JLN_VERIFY_OUTCOME_UNREADABLE);
  result = get_result (self, index);
  return result && result->job ? result->job->outcome : JLN_VERIFY_OUTCOME_UNREADABLE;
}

static void
jln_verify_window_dispose (GObject *object)
{
  JlnVerifyWindow *self = JLN_VERIFY_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_VERIFY_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (jln_verify_window_parent_class)->dispose (object);
}

static void
jln_verify_window_finalize (GObject *object)
{
  JlnVerifyWindow *self = JLN_VERIFY_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->results);
  g_free (self->status_list_path);

  G_OBJECT_CLASS (jln_verify_window_parent_class)->finalize (object);
}

static void
jln_verify_window_constructed (GObject *object)
{
  JlnVerifyWindow *self = JLN_VERIFY_WINDOW (object);

  G_OBJECT_CLASS (jln_verify_window_parent_class)->constructed (object);

  if (self->session != NULL)
    {
      /* Our own published list: its revocations are seen offline. */
      self->status_list_path = jln_issuer_dup_status_list_path (jln_session_get_issuer (self->session));
      if (self->settings == NULL && jln_session_get_settings (self->session) != NULL)
        self->settings = g_object_ref (jln_session_get_settings (self->session));
    }
  jln_large_icons_bind (GTK_WIDGET (self), self->settings);
}

static void
jln_verify_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  JlnVerifyWindow *self = JLN_VERIFY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_verify_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  JlnVerifyWindow *self = JLN_VERIFY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_verify_window_class_init (JlnVerifyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->constructed = jln_verify_window_constructed;
  object_class->get_property = jln_verify_window_get_property;
  object_class->set_property = jln_verify_window_set_property;
  object_class->dispose = jln_verify_window_dispose;
  object_class->finalize = jln_verify_window_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/verify/jln-verify-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnVerifyWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, JlnVerifyWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, JlnVerifyWindow, results_box);

  gtk_widget_class_install_action (widget_class, "verify.open", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "verify.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
jln_verify_window_init (JlnVerifyWindow *self)
{
  GtkDropTarget *drop;

  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

JlnVerifyWindow *
jln_verify_window_new (JlnSession *session,
                       GSettings  *settings)
{
  g_return_val_if_fail (session == NULL || JLN_IS_SESSION (session), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (JLN_TYPE_VERIFY_WINDOW,
                       "session", session,
                       "settings", settings,
                       NULL);
}
