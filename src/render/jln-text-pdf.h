/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A plain, readable document: a title, then sections of lines. What a
 * person receives when they ask for everything Jalons holds about them
 * (the right of access), so it favours legibility over looks. */
typedef struct _JlnTextDocument JlnTextDocument;

JlnTextDocument *jln_text_document_new         (const char      *title);
void             jln_text_document_free        (JlnTextDocument *doc);
/* Starts a new section headed @heading. */
void             jln_text_document_add_section (JlnTextDocument *doc,
                                                const char      *heading);
/* Adds "@label: @value" to the current section (@label NULL: the value
 * alone, as a paragraph). A NULL or empty @value is written as @empty. */
void             jln_text_document_add_line    (JlnTextDocument *doc,
                                                const char      *label,
                                                const char      *value,
                                                const char      *empty);

/* Lays @doc out on A4 pages (wrapped, paginated, page numbers) and writes
 * it as a PDF at @path (created or replaced). Errors are G_IO_ERROR and
 * name the file. */
gboolean         jln_text_document_write_pdf   (JlnTextDocument *doc,
                                                const char      *path,
                                                GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnTextDocument, jln_text_document_free)

G_END_DECLS
