/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-service"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "service/jln-exporter.h"

struct _JlnExporter
{
  GObject    parent_instance;

  JlnIssuer *issuer;
};

G_DEFINE_FINAL_TYPE (JlnExporter, jln_exporter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ISSUER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jln_exporter_dispose (GObject *object)
{
  JlnExporter *self = JLN_EXPORTER (object);

  g_clear_object (&self->issuer);

  G_OBJECT_CLASS (jln_exporter_parent_class)->dispose (object);
}

static void
jln_exporter_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JlnExporter *self = JLN_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_ISSUER:
      g_value_set_object (value, self->issuer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_exporter_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  JlnExporter *self = JLN_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_ISSUER:
      self->issuer = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_exporter_class_init (JlnExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jln_exporter_dispose;
  object_class->get_property = jln_exporter_get_property;
  object_class->set_property = jln_exporter_set_property;

  properties[PROP_ISSUER] =
    g_param_spec_object ("issuer", NULL, NULL, JLN_TYPE_ISSUER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_exporter_init (JlnExporter *self)
{
}

JlnExporter *
jln_exporter_new (JlnIssuer *issuer)
{
  g_return_val_if_fail (JLN_IS_ISSUER (issuer), NULL);

  return g_object_new (JLN_TYPE_EXPORTER, "issuer", issuer, NULL);
}

JlnIssuer *
jln_exporter_get_issuer (JlnExporter *self)
{
  g_return_val_if_fail (JLN_IS_EXPORTER (self), NULL);

  return self->issuer;
}

gboolean
jln_exporter_check_folder (const char  *dir,
                           GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *probe = NULL;
  int fd;

  g_return_val_if_fail (dir != NULL, FALSE);

  display = g_filename_display_name (dir);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("The folder “%s” does not exist. Choose another folder."), display);
      return FALSE;
    }
  /* access() lies for root and on some network shares: try a real file. */
  probe = g_build_filename (dir, ".jalons-write-test-XXXXXX", NULL);
  fd = g_mkstemp (probe);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Jalons cannot write in the folder “%s” (%s). Choose another folder, "
                     "for example in your Documents."), display, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  g_unlink (probe);
  return TRUE;
}

static void
remove_written (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Could not remove the half-done export %s: %s", path, g_strerror (errno));
    }
}

gboolean
jln_exporter_export_participant (JlnExporter      *self,
                                 gint64            participant_id,
                                 JlnExportFormat   format,
                                 const char       *dir,
                                 gboolean          consent_confirmed,
                                 GPtrArray       **out_paths,
                                 guint            *out_n_skipped,
                                 GError          **error)
{
  g_autoptr(JlnParticipant) participant = NULL;
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (gint64));
  JlnStore *store;
  guint n;

  g_return_val_if_fail (JLN_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (format <= JLN_EXPORT_FORMAT_JSON, FALSE);

  if (out_n_skipped != NULL)
    *out_n_skipped = 0;
  store = jln_issuer_get_store (self->issuer);
  if ((participant = jln_store_get_participant (store, participant_id, error)) == NULL)
    return FALSE;
  if ((awards = jln_store_list_awards_for_participant (store, participant_id, error)) == NULL)
    return FALSE;

  n = g_list_model_get_n_items (awards);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (awards, i);
      gint64 id = jln_award_get_id (award);

      if (jln_award_get_status (award) == JLN_AWARD_STATUS_ACTIVE)
        g_array_append_val (active, id);
    }
  /* From here on, whatever fails leaves every award unwritten. */
  if (out_n_skipped != NULL)
    *out_n_skipped = n;

  if (active->len == 0)
    {
      g_set_error_literal (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_NOTHING_TO_EXPORT,
                           _("There is no badge to export yet."));
      return FALSE;
    }
  /* Asked before anything is written, once for all of the person's badges. */
  if (!jln_participant_get_consent_online (participant) && !consent_confirmed)
    {
      g_set_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_CONSENT_REQUIRED,
                   _("%s has not agreed to share badges online. Ask them, then confirm."),
                   jln_participant_get_display_name (participant));
      return FALSE;
    }
  if (!jln_exporter_check_folder (dir, error))
    return FALSE;

  /* Personal data leaving the app is on record before it leaves, under the
   * issuer's actor, naming the person by id only. */
  {
    g_autofree char *subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, participant_id);
    g_autofree char *detail = g_strdup_printf ("format:%s badges:%u",
                                               jln_export_format_to_extension (format), active->len);

    if (!jln_store_append_audit (store, jln_issuer_get_actor (self->issuer), "participant.export",
                                 subject, detail, error))
      return FALSE;
  }

  for (guint i = 0; i < active->len; i++)
    {
      g_autofree char *path = NULL;

      if (!jln_issuer_export_award (self->issuer, g_array_index (active, gint64, i), format, dir,
                                    consent_confirmed, &path, error))
        {
          remove_written (written);
          return FALSE;
        }
      g_ptr_array_add (written, g_steal_pointer (&path));
    }

  if (out_n_skipped != NULL)
    *out_n_skipped = n - active->len;
  if (out_paths != NULL)
    *out_paths = g_steal_pointer (&written);
  return TRUE;
}
