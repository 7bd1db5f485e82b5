/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-service"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "core/jln-atomic-file.h"
#include "openbadges/jln-ob-date.h"
#include "openbadges/jln-ob-json.h"
#include "render/jln-text-pdf.h"
#include "service/jln-access-export.h"
#include "service/jln-date.h"
#include "service/jln-exporter.h"

typedef struct {
  JlnIssuer      *issuer;
  JlnStore       *store;
  JlnParticipant *participant;
  GListModel     *awards;
  GPtrArray      *events;   /* JlnAuditEvent* about them, oldest first */
  char           *dir;      /* the temporary folder being filled */
} Export;

static void
export_clear (Export *e)
{
  /* issuer and store are borrowed. */
  g_clear_object (&e->participant);
  g_clear_object (&e->awards);
  g_clear_pointer (&e->events, g_ptr_array_unref);
  g_clear_pointer (&e->dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static char *
dup_date (GDateTime *when)
{
  return when != NULL ? jln_ob_format_date_time (when) : NULL;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The journal entries about the participant or one of their awards. */
static gboolean
collect_events (Export  *e,
                GError **error)
{
  g_autoptr(GListModel) all = jln_store_list_audit_events (e->store, 0, error);
  g_autoptr(GHashTable) subjects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n;

  if (all == NULL)
    return FALSE;
  g_hash_table_add (subjects, g_strdup_printf ("participant:%" G_GINT64_FORMAT,
                                               jln_participant_get_id (e->participant)));
  for (guint i = 0; i < g_list_model_get_n_items (e->awards); i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (e->awards, i);

      g_hash_table_add (subjects, g_strdup_printf ("award:%" G_GINT64_FORMAT, jln_award_get_id (award)));
    }
  e->events = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (all);
  /* Newest first in the store; oldest first reads as a story. */
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(JlnAuditEvent) event = g_list_model_get_item (all, i);
      const char *subject = jln_audit_event_get_subject (event);

      if (subject != NULL && g_hash_table_contains (subjects, subject))
        g_ptr_array_add (e->events, g_steal_pointer (&event));
    }
  return TRUE;
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_owned_string (JsonBuilder *b, const char *name, char *value)
{
  add_string (b, name, value);
  g_free (value);
}

static void
add_id (JsonBuilder *b, const char *name, gint64 id)
{
  json_builder_set_member_name (b, name);
  if (id > 0)
    json_builder_add_int_value (b, id);
  else
    json_builder_add_null_value (b);
}

static void
add_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_strv (JsonBuilder *b, const char *name, const char * const *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static const char *
award_status_word (JlnAward *award)
{
  return jln_award_get_status (award) == JLN_AWARD_STATUS_REVOKED ? "revoked" : "active";
}

static JsonNode *
build_json (Export    *e,
            GDateTime *now)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JlnParticipant *p = e->participant;

  json_builder_begin_object (b);
  add_string (b, "format", "jalons-personal-data/1");
  add_owned_string (b, "exportedAt", jln_ob_format_date_time (now));

  json_builder_set_member_name (b, "participant");
  json_builder_begin_object (b);
  add_id (b, "id", jln_participant_get_id (p));
  add_string (b, "firstName", jln_participant_get_first_name (p));
  add_string (b, "lastName", jln_participant_get_last_name (p));
  add_string (b, "email", jln_participant_get_email (p));
  add_id (b, "territoryId", jln_participant_get_territory_id (p));
  add_string (b, "territory", jln_participant_get_territory_name (p));
  add_id (b, "coachId", jln_participant_get_coach_id (p));
  add_string (b, "coach", jln_participant_get_coach_name (p));
  add_owned_string (b, "entryDate", dup_date (jln_participant_get_entry_date (p)));
  add_bool (b, "archived", jln_participant_get_archived (p));
  add_string (b, "photo", jln_participant_get_photo_path (p) != NULL ? "photo.png" : NULL);
  json_builder_set_member_name (b, "consents");
  json_builder_begin_object (b);
  add_bool (b, "internal", jln_participant_get_consent_internal (p));
  add_bool (b, "kiosk", jln_participant_get_consent_kiosk (p));
  add_bool (b, "print", jln_participant_get_consent_print (p));
  add_bool (b, "online", jln_participant_get_consent_online (p));
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "awards");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (e->awards); i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (e->awards, i);
      char *label;

      json_builder_begin_object (b);
      add_id (b, "id", jln_award_get_id (award));
      add_string (b, "badge", jln_award_get_badge_name (award));
      json_builder_set_member_name (b, "badgeVersion");
      json_builder_add_int_value (b, jln_award_get_badge_version (award));
      add_owned_string (b, "awardedOn", dup_date (jln_award_get_awarded_on (award)));
      add_string (b, "coach", jln_award_get_coach_name (award));
      add_string (b, "status", award_status_word (award));
      add_owned_string (b, "revokedOn", dup_date (jln_award_get_revoked_on (award)));
      add_string (b, "revokeReason", jln_award_get_revoke_reason (award));
      add_strv (b, "criteriaMet", jln_award_get_criteria_met (award));
      add_string (b, "evidenceNote", jln_award_get_evidence_note (award));
      json_builder_set_member_name (b, "evidenceFiles");
      json_builder_begin_array (b);
      for (guint j = 0; (label = jln_award_dup_evidence_label (award, j)) != NULL; j++)
        {
          g_autofree char *rel = g_strdup_printf ("evidence/award-%" G_GINT64_FORMAT "-%s",
                                                  jln_award_get_id (award), label);

          json_builder_add_string_value (b, rel);
          g_free (label);
        }
      json_builder_end_array (b);
      add_string (b, "credentialId", jln_award_get_credential_id (award));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "journal");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->events->len; i++)
    {
      JlnAuditEvent *event = g_ptr_array_index (e->events, i);

      json_builder_begin_object (b);
      add_owned_string (b, "at", dup_date (jln_audit_event_get_at (event)));
      add_string (b, "actor", jln_audit_event_get_actor (event));
      add_string (b, "action", jln_audit_event_get_action (event));
      add_string (b, "subject", jln_audit_event_get_subject (event));
      add_string (b, "detail", jln_audit_event_get_detail (event));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
yes_no (gboolean value)
{
  return value ? _("yes") : _("no");
}

static char *
day_text (GDateTime *when)
{
  return when != NULL ? jln_date_format_day (when) : NULL;
}

static JlnTextDocument *
build_summary (Export    *e,
               GDateTime *now)
{
  JlnParticipant *p = e->participant;
  g_autofree char *title = NULL;
  g_autofree char *today = jln_date_format_day (now);
  g_autofree char *entry = day_text (jln_participant_get_entry_date (p));
  JlnTextDocument *doc;
  const char *none = _("none");
  g_autofree char *full_name = g_strjoin (" ", jln_participant_get_first_name (p),
                                          jln_participant_get_last_name (p) ? jln_participant_get_last_name (p) : "",
                                          NULL);

  /* Translators: title of the PDF of everything Jalons holds about someone */
  title = g_strdup_printf (_("What Jalons holds about %s"), g_strstrip (full_name));
  doc = jln_text_document_new (title);

  jln_text_document_add_section (doc, NULL);
  jln_text_document_add_line (doc, _("Made on"), today, NULL);
  jln_text_document_add_line (doc, NULL,
                              _("This document lists your file, your badges and what was recorded about them. "
                                "The file data.json beside it holds the same in a form other programs can read; "
                                "the folder badges holds your badges, which anyone can check."), NULL);

  jln_text_document_add_section (doc, _("Your file"));
  jln_text_document_add_line (doc, _("First name"), jln_participant_get_first_name (p), none);
  jln_text_document_add_line (doc, _("Last name"), jln_participant_get_last_name (p), none);
  jln_text_document_add_line (doc, _("Email"), jln_participant_get_email (p), none);
  jln_text_document_add_line (doc, _("Territory"), jln_participant_get_territory_name (p), none);
  jln_text_document_add_line (doc, _("Coach"), jln_participant_get_coach_name (p), none);
  jln_text_document_add_line (doc, _("Entry date"), entry, none);
  jln_text_document_add_line (doc, _("Photo"), jln_participant_get_photo_path (p) ? _("yes (photo.png)") : NULL, none);

  jln_text_document_add_section (doc, _("What you agreed to"));
  jln_text_document_add_line (doc, _("The team keeps your file"), yes_no (jln_participant_get_consent_internal (p)), NULL);
  jln_text_document_add_line (doc, _("Shown at the kiosk"), yes_no (jln_participant_get_consent_kiosk (p)), NULL);
  jln_text_document_add_line (doc, _("Printed certificates"), yes_no (jln_participant_get_consent_print (p)), NULL);
  jln_text_document_add_line (doc, _("Badges shared online"), yes_no (jln_participant_get_consent_online (p)), NULL);

  jln_text_document_add_section (doc, _("Your badges"));
  if (g_list_model_get_n_items (e->awards) == 0)
    jln_text_document_add_line (doc, NULL, _("No badge yet."), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (e->awards); i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (e->awards, i);
      g_autofree char *awarded = day_text (jln_award_get_awarded_on (award));
      g_autofree char *criteria = NULL;
      const char * const *met = jln_award_get_criteria_met (award);

      jln_text_document_add_line (doc, jln_award_get_badge_name (award), awarded, NULL);
      if (jln_award_get_status (award) == JLN_AWARD_STATUS_REVOKED)
        jln_text_document_add_line (doc, _("Withdrawn"), jln_award_get_revoke_reason (award), none);
      if (met != NULL && met[0] != NULL)
        {
          criteria = g_strjoinv ("; ", (char **) met);
          jln_text_document_add_line (doc, _("Criteria met"), criteria, NULL);
        }
      if (jln_award_get_evidence_note (award) != NULL)
        jln_text_document_add_line (doc, _("Note"), jln_award_get_evidence_note (award), NULL);
    }

  jln_text_document_add_section (doc, _("What was recorded"));
  if (e->events->len == 0)
    jln_text_document_add_line (doc, NULL, _("Nothing."), NULL);
  for (guint i = 0; i < e->events->len; i++)
    {
      JlnAuditEvent *event = g_ptr_array_index (e->events, i);
      g_autofree char *at = day_text (jln_audit_event_get_at (event));
      g_autofree char *what = g_strdup_printf ("%s (%s)", jln_audit_event_get_action (event),
                                               jln_audit_event_get_subject (event));

      jln_text_document_add_line (doc, at, what, NULL);
    }
  return doc;
}

static gboolean
write_bytes (const char  *dir,
             const char  *name,
             GBytes      *bytes,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return jln_atomic_file_write (path, bytes, error);
}

static gboolean
ensure_subdir (const char  *dir,
               const char  *name,
               GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (g_mkdir (path, 0700) != 0 && errno != EEXIST)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder “%s” cannot be created (%s)."), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_file (const char  *from,
           const char  *dir,
           const char  *name,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) local = NULL;

  if (!g_file_copy (source, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, &local))
    {
      /* Said, not skipped: an access export that silently lacks a file
       * would tell the person less than Jalons holds. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("“%s” could not be copied into the export (%s)."), name, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_files (Export     *e,
             GDateTime  *now,
             GError    **error)
{
  g_autoptr(JsonNode) json = build_json (e, now);
  g_autoptr(GBytes) json_bytes = jln_ob_json_to_bytes (json, TRUE, error);
  g_autoptr(JlnTextDocument) summary = build_summary (e, now);
  g_autofree char *pdf = g_build_filename (e->dir, "summary.pdf", NULL);
  const char *photo = jln_participant_get_photo_path (e->participant);

  if (json_bytes == NULL || !write_bytes (e->dir, "data.json", json_bytes, error))
    return FALSE;
  if (!jln_text_document_write_pdf (summary, pdf, error))
    return FALSE;
  if (photo != NULL && !copy_file (photo, e->dir, "photo.png", error))
    return FALSE;
  if (!ensure_subdir (e->dir, "badges", error) || !ensure_subdir (e->dir, "evidence", error))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (e->awards); i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (e->awards, i);
      g_autofree char *badges = g_build_filename (e->dir, "badges", NULL);
      g_autofree char *evidence = g_build_filename (e->dir, "evidence", NULL);
      const char * const *files = jln_award_get_evidence_files (award);
      gint64 id = jln_award_get_id (award);

      for (guint j = 0; files != NULL && files[j] != NULL; j++)
        {
          g_autofree char *label = jln_award_dup_evidence_label (award, j);
          g_autofree char *name = g_strdup_printf ("award-%" G_GINT64_FORMAT "-%s", id, label);

          if (!copy_file (files[j], evidence, name, error))
            return FALSE;
        }
      /* A revoked badge is listed, not handed out as valid. */
      if (jln_award_get_status (award) == JLN_AWARD_STATUS_ACTIVE)
        {
          g_autoptr(GBytes) png = jln_issuer_dup_baked_award (e->issuer, id, JLN_EXPORT_FORMAT_PNG, error);
          g_autofree char *name = g_strdup_printf ("badge-%" G_GINT64_FORMAT ".png", id);

          if (png == NULL || !write_bytes (badges, name, png, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
jln_access_export_write (JlnIssuer   *issuer,
                         gint64       participant_id,
                         const char  *parent_dir,
                         char       **out_dir,
                         GError     **error)
{
  g_auto(Export) e = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *template = NULL;
  g_autofree char *final = NULL;

  g_return_val_if_fail (JLN_IS_ISSUER (issuer), FALSE);
  g_return_val_if_fail (parent_dir != NULL, FALSE);

  e.issuer = issuer;
  e.store = jln_issuer_get_store (issuer);
  if ((e.participant = jln_store_get_participant (e.store, participant_id, error)) == NULL)
    return FALSE;
  if (!jln_exporter_check_folder (parent_dir, error))
    return FALSE;
  if ((e.awards = jln_store_list_awards_for_participant (e.store, participant_id, error)) == NULL ||
      !collect_events (&e, error))
    return FALSE;

  template = g_build_filename (parent_dir, ".jalons-export-XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The export folder cannot be created in “%s” (%s)."), parent_dir, g_strerror (saved));
      return FALSE;
    }
  e.dir = g_steal_pointer (&template);
  if (!write_files (&e, now, error))
    {
      remove_tree (e.dir);
      return FALSE;
    }

  /* A name the person recognises; never an existing folder. */
  for (guint n = 1; final == NULL || g_file_test (final, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = NULL;

      g_clear_pointer (&final, g_free);
      /* Translators: start of the folder name of a participant's data
       * export ("jalons-data-42"); a word, no spaces */
      name = n == 1 ? g_strdup_printf ("%s-%" G_GINT64_FORMAT, C_("folder name", "jalons-data"), participant_id)
                    : g_strdup_printf ("%s-%" G_GINT64_FORMAT "-%u", C_("folder name", "jalons-data"), participant_id, n);
      final = g_build_filename (parent_dir, name, NULL);
    }
  if (g_rename (e.dir, final) != 0)
    {
      int saved = errno;

      remove_tree (e.dir);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The export could not be put in place in “%s” (%s)."), parent_dir, g_strerror (saved));
      return FALSE;
    }
  if (out_dir != NULL)
    *out_dir = g_steal_pointer (&final);
  return TRUE;
}

void
jln_access_export_discard (const char *dir)
{
  g_return_if_fail (dir != NULL);

  remove_tree (dir);
}
