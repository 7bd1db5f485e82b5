/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

/* Apart from jln-status-list.c so that reading status lists does not pull
 * the whole signing engine (JSON-LD, RDFC) into a program. */

#include "jln-proof.h"
#include "jln-status-list.h"

JsonNode *
jln_status_list_build_signed (const char          *list_url,
                              const char          *issuer_id,
                              GDateTime           *valid_from,
                              const JlnStatusList *list,
                              JlnObKey            *key,
                              GError             **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = jln_status_list_build_credential (list_url, issuer_id, valid_from, list);
  if (node == NULL)
    return NULL;
  if (!jln_proof_add (json_node_get_object (node), key, NULL, valid_from, error))
    return NULL;
  return g_steal_pointer (&node);
}
