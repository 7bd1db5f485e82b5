/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "jln-ob-key.h"

G_BEGIN_DECLS

/* W3C Bitstring Status List: revocation without telling the issuer who is
 * being checked. Bit i set = the credential whose statusListIndex is i is
 * revoked. Bit 0 is the most significant bit of byte 0. The published form
 * (encodedList) is "u" + base64url(GZIP(bitstring)), without padding. */

/* The spec's minimum size, which also hides how many badges were issued. */
#define JLN_STATUS_LIST_DEFAULT_BITS  131072
/* Decoding refuses more than this many bytes of bitstring (128 Mi entries):
 * a small gzip bomb cannot make us allocate more. */
#define JLN_STATUS_LIST_MAX_BYTES     (16 * 1024 * 1024)

#define JLN_STATUS_LIST_CREDENTIALS_V2 "https://www.w3.org/ns/credentials/v2"

typedef struct _JlnStatusList JlnStatusList;

/* A list of @n_bits bits, all clear (rounded up to whole bytes); 0 means
 * JLN_STATUS_LIST_DEFAULT_BITS. */
JlnStatusList *jln_status_list_new          (gsize n_bits);
void           jln_status_list_free         (JlnStatusList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnStatusList, jln_status_list_free)

gsize          jln_status_list_get_n_bits   (const JlnStatusList *list);
/* FALSE for an index beyond the list (callers that must tell the two apart
 * compare with jln_status_list_get_n_bits). */
gboolean       jln_status_list_is_set       (const JlnStatusList *list, guint index);
/* Returns FALSE (nothing changed) when @index is beyond the list. */
gboolean       jln_status_list_set          (JlnStatusList *list, guint index, gboolean value);
/* The raw bitstring, jln_status_list_get_n_bits / 8 bytes. */
const guint8  *jln_status_list_get_data     (const JlnStatusList *list);

/* encodedList: "u" + base64url(gzip(bitstring)). */
char          *jln_status_list_encode       (const JlnStatusList *list);
/* Parses an encodedList (with or without the multibase 'u'). Bad base64,
 * bad gzip, or more than JLN_STATUS_LIST_MAX_BYTES decompressed fail with
 * JLN_OB_ERROR_INVALID_CREDENTIAL or JLN_OB_ERROR_TOO_LARGE. */
JlnStatusList *jln_status_list_decode       (const char *encoded_list, GError **error);

/* Convenience: the encodedList of a list of @n_bits (0: default) bits where
 * exactly @indices are set. Fails (JLN_OB_ERROR_INVALID_CREDENTIAL) if an
 * index does not fit. */
char          *jln_status_list_encode_indices (const guint *indices,
                                               gsize        n_indices,
                                               gsize        n_bits,
                                               GError     **error);

/* The unsigned BitstringStatusListCredential published at @list_url:
 *   { @context: [credentials v2], id: list_url,
 *     type: [VerifiableCredential, BitstringStatusListCredential],
 *     issuer: issuer_id, validFrom,
 *     credentialSubject: { id: list_url#list, type: BitstringStatusList,
 *                          statusPurpose: revocation, encodedList } }
 * @valid_from NULL: now. */
JsonNode      *jln_status_list_build_credential (const char          *list_url,
                                                 const char          *issuer_id,
                                                 GDateTime           *valid_from,
                                                 const JlnStatusList *list);

/* The same, signed with @key (eddsa-rdfc-2022 via jln_proof_add). */
JsonNode      *jln_status_list_build_signed     (const char          *list_url,
                                                 const char          *issuer_id,
                                                 GDateTime           *valid_from,
                                                 const JlnStatusList *list,
                                                 JlnObKey            *key,
                                                 GError             **error);

/* The credentialStatus entry of one credential:
 *   { id: list_url#index, type: BitstringStatusListEntry,
 *     statusPurpose: revocation, statusListIndex: "index",
 *     statusListCredential: list_url } */
JsonNode      *jln_status_list_build_entry      (const char *list_url,
                                                 guint       index);

G_END_DECLS
