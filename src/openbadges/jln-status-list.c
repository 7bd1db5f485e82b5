/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <string.h>

#include "jln-multibase.h"
#include "jln-ob-error.h"
#include "jln-ob-zlib.h"
#include "jln-status-list.h"

struct _JlnStatusList {
  gsize   n_bytes;
  guint8 *bits;
};

JlnStatusList *
jln_status_list_new (gsize n_bits)
{
  JlnStatusList *list = g_new0 (JlnStatusList, 1);

  if (n_bits == 0)
    n_bits = JLN_STATUS_LIST_DEFAULT_BITS;
  g_return_val_if_fail (n_bits <= (gsize) JLN_STATUS_LIST_MAX_BYTES * 8, NULL);

  list->n_bytes = (n_bits + 7) / 8;
  list->bits = g_malloc0 (list->n_bytes);
  return list;
}

void
jln_status_list_free (JlnStatusList *list)
{
  if (list == NULL)
    return;
  g_free (list->bits);
  g_free (list);
}

gsize
jln_status_list_get_n_bits (const JlnStatusList *list)
{
  g_return_val_if_fail (list != NULL, 0);

  return list->n_bytes * 8;
}

const guint8 *
jln_status_list_get_data (const JlnStatusList *list)
{
  g_return_val_if_fail (list != NULL, NULL);

  return list->bits;
}

gboolean
jln_status_list_is_set (const JlnStatusList *list, guint index)
{
  g_return_val_if_fail (list != NULL, FALSE);

  if ((gsize) index / 8 >= list->n_bytes)
    return FALSE;
  return (list->bits[index / 8] >> (7 - index % 8)) & 1;
}

gboolean
jln_status_list_set (JlnStatusList *list, guint index, gboolean value)
{
  guint8 mask;

  g_return_val_if_fail (list != NULL, FALSE);

  if ((gsize) index / 8 >= list->n_bytes)
    return FALSE;
  mask = 0x80 >> (index % 8);
  if (value)
    list->bits[index / 8] |= mask;
  else
    list->bits[index / 8] &= ~mask;
  return TRUE;
}

char *
jln_status_list_encode (const JlnStatusList *list)
{
  g_autoptr(GBytes) gz = NULL;
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (list != NULL, NULL);

  gz = jln_ob_deflate (list->bits, list->n_bytes, G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  data = g_bytes_get_data (gz, &len);
  return jln_multibase_encode (JLN_MULTIBASE_BASE64URL, data, len);
}

JlnStatusList *
jln_status_list_decode (const char *encoded_list, GError **error)
{
  g_autofree guint8 *gz = NULL;
  g_autoptr(GBytes) bits = NULL;
  g_autoptr(GError) local_error = NULL;
  JlnStatusList *list;
  gsize gz_len;

  g_return_val_if_fail (encoded_list != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Older (StatusList2021) lists have no multibase prefix. */
  if (encoded_list[0] == 'u')
    encoded_list++;
  /* Even an incompressible maximal list stays far below this. */
  if (strlen (encoded_list) > (gsize) JLN_STATUS_LIST_MAX_BYTES * 2)
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE,
                           _("The revocation list is too large; it was refused."));
      return NULL;
    }

  gz = jln_base64url_decode (encoded_list, &gz_len, &local_error);
  if (gz == NULL || gz_len == 0)
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                           _("The revocation list is damaged: its text encoding is invalid."));
      return NULL;
    }

  bits = jln_ob_inflate (gz, gz_len, G_ZLIB_COMPRESSOR_FORMAT_GZIP,
                         JLN_STATUS_LIST_MAX_BYTES, JLN_OB_ERROR_INVALID_CREDENTIAL,
                         _("The revocation list is damaged: it cannot be decompressed."),
                         error);
  if (bits == NULL)
    return NULL;
  if (g_bytes_get_size (bits) == 0)
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                           _("The revocation list is empty."));
      return NULL;
    }

  list = g_new0 (JlnStatusList, 1);
  list->bits = g_bytes_unref_to_data (g_steal_pointer (&bits), &list->n_bytes);
  return list;
}

char *
jln_status_list_encode_indices (const guint *indices,
                                gsize        n_indices,
                                gsize        n_bits,
                                GError     **error)
{
  g_autoptr(JlnStatusList) list = NULL;

  g_return_val_if_fail (indices != NULL || n_indices == 0, NULL);

  if (n_bits > (gsize) JLN_STATUS_LIST_MAX_BYTES * 8)
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE,
                           _("The revocation list is too large; it was refused."));
      return NULL;
    }
  list = jln_status_list_new (n_bits);
  for (gsize i = 0; i < n_indices; i++)
    if (!jln_status_list_set (list, indices[i], TRUE))
      {
        g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                     _("Badge number %u does not fit in a revocation list of %lu entries."),
                     indices[i], (unsigned long) jln_status_list_get_n_bits (list));
        return NULL;
      }
  return jln_status_list_encode (list);
}

static char *
format_date (GDateTime *when)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    when = now = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

JsonNode *
jln_status_list_build_credential (const char          *list_url,
                                  const char          *issuer_id,
                                  GDateTime           *valid_from,
                                  const JlnStatusList *list)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *encoded = NULL;
  g_autofree char *date = NULL;
  g_autofree char *subject_id = NULL;

  g_return_val_if_fail (list_url != NULL, NULL);
  g_return_val_if_fail (issuer_id != NULL, NULL);
  g_return_val_if_fail (list != NULL, NULL);

  encoded = jln_status_list_encode (list);
  date = format_date (valid_from);
  subject_id = g_strconcat (list_url, "#list", NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@context");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, JLN_STATUS_LIST_CREDENTIALS_V2);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, list_url);
  json_builder_set_member_name (b, "type");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "VerifiableCredential");
  json_builder_add_string_value (b, "BitstringStatusListCredential");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "issuer");
  json_builder_add_string_value (b, issuer_id);
  json_builder_set_member_name (b, "validFrom");
  json_builder_add_string_value (b, date);
  json_builder_set_member_name (b, "credentialSubject");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, subject_id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "BitstringStatusList");
  json_builder_set_member_name (b, "statusPurpose");
  json_builder_add_string_value (b, "revocation");
  json_builder_set_member_name (b, "encodedList");
  json_builder_add_string_value (b, encoded);
  json_builder_end_object (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

JsonNode *
jln_status_list_build_entry (const char *list_url, guint index)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id = NULL;
  g_autofree char *index_str = NULL;

  g_return_val_if_fail (list_url != NULL, NULL);

  id = g_strdup_printf ("%s#%u", list_url, index);
  index_str = g_strdup_printf ("%u", index);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "BitstringStatusListEntry");
  json_builder_set_member_name (b, "statusPurpose");
  json_builder_add_string_value (b, "revocation");
  json_builder_set_member_name (b, "statusListIndex");
  json_builder_add_string_value (b, index_str);
  json_builder_set_member_name (b, "statusListCredential");
  json_builder_add_string_value (b, list_url);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
