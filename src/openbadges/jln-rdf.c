/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <string.h>

#include "jln-ob-error.h"
#include "jln-rdf.h"

#define XSD_STRING "http://www.w3.org/2001/XMLSchema#string"
#define RDF_LANG_STRING "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

/* A single N-Quads statement longer than this is refused: real statements
 * are far shorter, and the bound keeps a hostile file from making us copy
 * and hash arbitrarily large lines. Large enough for an inlined image. */
#define MAX_LINE_BYTES (8u * 1024u * 1024u)

struct _JlnRdfDataset
{
  GPtrArray  *quads;  /* JlnRdfQuad*, insertion order */
  GHashTable *seen;   /* N-Quads line (owned) -> itself: set semantics */
};

/* ------------------------------------------------------------------ terms */

JlnRdfTerm *
jln_rdf_term_new_iri (const char *iri)
{
  JlnRdfTerm *term;

  g_return_val_if_fail (iri != NULL, NULL);

  term = g_new0 (JlnRdfTerm, 1);
  term->kind = JLN_RDF_IRI;
  term->value = g_strdup (iri);
  return term;
}

JlnRdfTerm *
jln_rdf_term_new_blank (const char *label)
{
  JlnRdfTerm *term;

  g_return_val_if_fail (label != NULL, NULL);

  if (g_str_has_prefix (label, "_:"))
    label += 2;

  term = g_new0 (JlnRdfTerm, 1);
  term->kind = JLN_RDF_BLANK;
  term->value = g_strdup (label);
  return term;
}

JlnRdfTerm *
jln_rdf_term_new_literal (const char *lexical,
                          const char *datatype,
                          const char *language)
{
  JlnRdfTerm *term;

  g_return_val_if_fail (lexical != NULL, NULL);

  term = g_new0 (JlnRdfTerm, 1);
  term->kind = JLN_RDF_LITERAL;
  term->value = g_strdup (lexical);

  /* Normalised so that equal literals compare equal field by field: the
   * implicit datatypes are stored as NULL, as the header documents. A
   * language always means rdf:langString, whatever datatype came with it. */
  if (language != NULL && *language != '\0')
    term->language = g_strdup (language);
  else if (datatype != NULL && g_strcmp0 (datatype, XSD_STRING) != 0)
    term->datatype = g_strdup (datatype);

  return term;
}

JlnRdfTerm *
jln_rdf_term_copy (const JlnRdfTerm *term)
{
  JlnRdfTerm *copy;

  if (term == NULL)
    return NULL;

  copy = g_new0 (JlnRdfTerm, 1);
  copy->kind = term->kind;
  copy->value = g_strdup (term->value);
  copy->datatype = g_strdup (term->datatype);
  copy->language = g_strdup (term->language);
  return copy;
}

void
jln_rdf_term_free (JlnRdfTerm *term)
{
  if (term == NULL)
    return;

  g_free (term->value);
  g_free (term->datatype);
  g_free (term->language);
  g_free (term);
}

gboolean
jln_rdf_term_equal (const JlnRdfTerm *a,
                    const JlnRdfTerm *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->kind == b->kind &&
         g_strcmp0 (a->value, b->value) == 0 &&
         g_strcmp0 (a->datatype, b->datatype) == 0 &&
         g_strcmp0 (a->language, b->language) == 0;
}

/* Canonical N-Quads (RDFC-1.0, "Canonical N-Quads"): in a
 * literal, \b \t \n \f \r " and \ use their short escapes, the remaining
 * C0 controls and DEL are written \uXXXX (upper-case hex), and everything
 * else, including non-ASCII, is written as is. The two-byte sequence
 * C0 80 is how a U+0000 is kept inside a C string (see jln-rdf.h). */
static void
append_escaped_literal (GString    *out,
                        const char *s)
{
  const guchar *p = (const guchar *) s;
  const guchar *run = p;

  for (; *p != '\0'; p++)
    {
      const char *esc = NULL;
      char buf[8];
      guint code = 0x110000;

      switch (*p)
        {
        case '\\': esc = "\\\\"; break;
        case '"':  esc = "\\\""; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            code = *p;
          else if (*p == 0xc0 && p[1] == 0x80)
            code = 0;
          break;
        }

      if (esc == NULL && code == 0x110000)
        continue;

      g_string_append_len (out, (const char *) run, p - run);
      if (esc != NULL)
        g_string_append (out, esc);
      else
        {
          g_snprintf (buf, sizeof buf, "\\u%04X", code);
          g_string_append (out, buf);
          if (*p == 0xc0)
            p++;
        }
      run = p + 1;
    }

  g_string_append_len (out, (const char *) run, p - run);
}

/* In an IRI, what N-Quads cannot write as is (controls, space, <>"{}|^`\)
 * becomes \uXXXX, as rdf-canonize writes it. Well-formed IRIs have none;
 * safe-mode JSON-LD keeps the IRIs jsonld.js keeps (jln-jsonld.h). */
static void
append_escaped_iri (GString    *out,
                    const char *s)
{
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      if (*p <= 0x20 || strchr ("<>\"{}|^`\\", *p) != NULL)
        g_string_append_printf (out, "\\u%04X", *p);
      else
        g_string_append_c (out, (char) *p);
    }
}

void
jln_rdf_term_append_nquads (GString          *out,
                            const JlnRdfTerm *term)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (term != NULL);

  switch (term->kind)
    {
    case JLN_RDF_IRI:
      g_string_append_c (out, '<');
      append_escaped_iri (out, term->value);
      g_string_append_c (out, '>');
      break;

    case JLN_RDF_BLANK:
      g_string_append (out, "_:");
      g_string_append (out, term->value);
      break;

    case JLN_RDF_LITERAL:
    default:
      g_string_append_c (out, '"');
      append_escaped_literal (out, term->value);
      g_string_append_c (out, '"');
      if (term->language != NULL)
        {
          g_string_append_c (out, '@');
          g_string_append (out, term->language);
        }
      else if (term->datatype != NULL &&
               strcmp (term->datatype, XSD_STRING) != 0)
        {
          g_string_append (out, "^^<");
          append_escaped_iri (out, term->datatype);
          g_string_append_c (out, '>');
        }
      break;
    }
}

char *
jln_rdf_term_to_nquads (const JlnRdfTerm *term)
{
  GString *out;

  g_return_val_if_fail (term != NULL, NULL);

  out = g_string_new (NULL);
  jln_rdf_term_append_nquads (out, term);
  return g_string_free (out, FALSE);
}

void
jln_rdf_quad_append_nquads (GString          *out,
                            const JlnRdfQuad *quad)
{
  jln_rdf_term_append_nquads (out, quad->subject);
  g_string_append_c (out, ' ');
  jln_rdf_term_append_nquads (out, quad->predicate);
  g_string_append_c (out, ' ');
  jln_rdf_term_append_nquads (out, quad->object);
  if (quad->graph != NULL)
    {
      g_string_append_c (out, ' ');
      jln_rdf_term_append_nquads (out, quad->graph);
    }
  g_string_append (out, " .\n");
}

/* ---------------------------------------------------------------- dataset */

static void
quad_free (gpointer data)
{
  JlnRdfQuad *quad = data;

  jln_rdf_term_free (quad->subject);
  jln_rdf_term_free (quad->predicate);
  jln_rdf_term_free (quad->object);
  jln_rdf_term_free (quad->graph);
  g_free (quad);
}

JlnRdfDataset *
jln_rdf_dataset_new (void)
{
  JlnRdfDataset *dataset = g_new0 (JlnRdfDataset, 1);

  dataset->quads = g_ptr_array_new_with_free_func (quad_free);
  dataset->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return dataset;
}

void
jln_rdf_dataset_free (JlnRdfDataset *dataset)
{
  if (dataset == NULL)
    return;

  g_ptr_array_unref (dataset->quads);
  g_hash_table_unref (dataset->seen);
  g_free (dataset);
}

void
jln_rdf_dataset_add (JlnRdfDataset *dataset,
                     JlnRdfTerm    *subject,
                     JlnRdfTerm    *predicate,
                     JlnRdfTerm    *object,
                     JlnRdfTerm    *graph)
{
  JlnRdfQuad tmp = { subject, predicate, object, graph };
  JlnRdfQuad *quad;
  GString *line;

  if (dataset == NULL || subject == NULL || predicate == NULL || object == NULL)
    {
      g_critical ("%s: dataset, subject, predicate and object are required",
                  G_STRFUNC);
      jln_rdf_term_free (subject);
      jln_rdf_term_free (predicate);
      jln_rdf_term_free (object);
      jln_rdf_term_free (graph);
      return;
    }

  /* The serialised line is an exact identity for a quad (distinct terms
   * never serialise alike), so it doubles as the set key. */
  line = g_string_sized_new (128);
  jln_rdf_quad_append_nquads (line, &tmp);

  if (g_hash_table_contains (dataset->seen, line->str))
    {
      g_string_free (line, TRUE);
      jln_rdf_term_free (subject);
      jln_rdf_term_free (predicate);
      jln_rdf_term_free (object);
      jln_rdf_term_free (graph);
      return;
    }

  g_hash_table_add (dataset->seen, g_string_free (line, FALSE));
  quad = g_new (JlnRdfQuad, 1);
  *quad = tmp;
  g_ptr_array_add (dataset->quads, quad);
}

guint
jln_rdf_dataset_get_n_quads (const JlnRdfDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, 0);

  return dataset->quads->len;
}

const JlnRdfQuad *
jln_rdf_dataset_get_quad (const JlnRdfDataset *dataset,
                          guint                index)
{
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (index < dataset->quads->len, NULL);

  return g_ptr_array_index (dataset->quads, index);
}

char *
jln_rdf_dataset_to_nquads (const JlnRdfDataset *dataset)
{
  GString *out;

  g_return_val_if_fail (dataset != NULL, NULL);

  out = g_string_sized_new (128 * (dataset->quads->len + 1));
  for (guint i = 0; i < dataset->quads->len; i++)
    jln_rdf_quad_append_nquads (out, g_ptr_array_index (dataset->quads, i));
  return g_string_free (out, FALSE);
}

/* ----------------------------------------------------------------- parser */

typedef struct
{
  const char *p;
  guint       line;
  GError    **error;
} Parser;

static gboolean
parse_fail (Parser     *parser,
            const char *detail)
{
  g_set_error (parser->error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED,
               _("Line %u of the N-Quads data is not valid: %s."),
               parser->line, detail);
  return FALSE;
}

static void
skip_blanks (Parser *parser)
{
  while (*parser->p == ' ' || *parser->p == '\t')
    parser->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads \uXXXX or \UXXXXXXXX at parser->p (which points at the 'u'/'U'). */
static gboolean
parse_uchar (Parser   *parser,
             gunichar *out)
{
  guint n = (*parser->p == 'u') ? 4 : 8;
  gunichar c = 0;

  parser->p++;
  for (guint i = 0; i < n; i++)
    {
      int v = hex_value (parser->p[i]);

      if (v < 0)
        return parse_fail (parser, _("an escape sequence (\\u or \\U) is not valid"));
      c = (c << 4) | (gunichar) v;
    }
  parser->p += n;

  if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
    return parse_fail (parser, _("an escape sequence (\\u or \\U) names a character that does not exist"));

  *out = c;
  return TRUE;
}

static void
append_unichar (GString  *s,
                gunichar  c)
{
  if (c == 0)
    {
      /* Keeps U+0000 inside a NUL-terminated string; see jln-rdf.h. */
      g_string_append_len (s, "\xc0\x80", 2);
      return;
    }
  g_string_append_unichar (s, c);
}

static gboolean
iri_is_absolute (const char *iri)
{
  const char *p = iri;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return *p == ':';
}

static gboolean
iri_char_forbidden (gunichar c)
{
  return c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' ||
         c == '}' || c == '|' || c == '^' || c == '`' || c == '\\';
}

static gboolean
parse_iri_value (Parser  *parser,
                 char   **value)
{
  GString *s = g_string_new (NULL);

  g_assert (*parser->p == '<');
  parser->p++;

  for (;;)
    {
      guchar c = (guchar) *parser->p;

      if (c == '>')
        {
          parser->p++;
          break;
        }
      if (c == '\0' || c == '\n' || c == '\r')
        {
          parse_fail (parser, _("an address (IRI) is not closed with “>”"));
          goto fail;
        }
      if (c == '\\')
        {
          gunichar u;

          parser->p++;
          if (*parser->p != 'u' && *parser->p != 'U')
            {
              parse_fail (parser, _("an address (IRI) contains a backslash that is not a \\u escape"));
              goto fail;
            }
          if (!parse_uchar (parser, &u))
            goto fail;
          if (iri_char_forbidden (u))
            {
              parse_fail (parser, _("an address (IRI) contains a character that is not allowed"));
              goto fail;
            }
          g_string_append_unichar (s, u);
          continue;
        }
      if (iri_char_forbidden (c))
        {
          parse_fail (parser, _("an address (IRI) contains a character that is not allowed"));
          goto fail;
        }
      g_string_append_c (s, (char) c);
      parser->p++;
    }

  if (!iri_is_absolute (s->str))
    {
      parse_fail (parser, _("an address (IRI) is not absolute (it has no scheme such as “https:”)"));
      goto fail;
    }

  *value = g_string_free (s, FALSE);
  return TRUE;

fail:
  g_string_free (s, TRUE);
  return FALSE;
}

static JlnRdfTerm *
parse_iri (Parser *parser)
{
  char *value = NULL;
  JlnRdfTerm *term;

  if (!parse_iri_value (parser, &value))
    return NULL;
  term = jln_rdf_term_new_iri (value);
  g_free (value);
  return term;
}

static gboolean
is_label_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c >= 0x80;
}

static JlnRdfTerm *
parse_blank (Parser *parser)
{
  const char *start, *end;
  g_autofree char *label = NULL;

  if (parser->p[0] != '_' || parser->p[1] != ':')
    {
      parse_fail (parser, _("a blank node label must start with “_:”"));
      return NULL;
    }
  parser->p += 2;
  start = parser->p;

  /* The first character may not be '-' or '.'. */
  if (*start == '-' || *start == '.' || !is_label_char ((guchar) *start))
    {
      parse_fail (parser, _("a blank node label is empty or not valid"));
      return NULL;
    }

  end = start;
  while (is_label_char ((guchar) *end))
    end++;
  /* A label cannot end in '.': that dot ends the statement. */
  while (end > start && end[-1] == '.')
    end--;

  parser->p = end;
  label = g_strndup (start, end - start);
  return jln_rdf_term_new_blank (label);
}

static JlnRdfTerm *
parse_literal (Parser *parser)
{
  GString *s = g_string_new (NULL);
  g_autofree char *datatype = NULL;
  g_autofree char *language = NULL;
  JlnRdfTerm *term;

  g_assert (*parser->p == '"');
  parser->p++;

  for (;;)
    {
      char c = *parser->p;

      if (c == '"')
        {
          parser->p++;
          break;
        }
      if (c == '\0' || c == '\n' || c == '\r')
        {
          parse_fail (parser, _("a text value is not closed with a quote (\")"));
          goto fail;
        }
      if (c == '\\')
        {
          char e = parser->p[1];
          gunichar u;

          parser->p++;
          switch (e)
            {
            case 't': g_string_append_c (s, '\t'); parser->p++; break;
            case 'b': g_string_append_c (s, '\b'); parser->p++; break;
            case 'n': g_string_append_c (s, '\n'); parser->p++; break;
            case 'r': g_string_append_c (s, '\r'); parser->p++; break;
            case 'f': g_string_append_c (s, '\f'); parser->p++; break;
            case '"': g_string_append_c (s, '"'); parser->p++; break;
            case '\'': g_string_append_c (s, '\''); parser->p++; break;
            case '\\': g_string_append_c (s, '\\'); parser->p++; break;
            case 'u':
            case 'U':
              if (!parse_uchar (parser, &u))
                goto fail;
              append_unichar (s, u);
              break;
            default:
              parse_fail (parser, _("a text value contains an unknown escape sequence"));
              goto fail;
            }
          continue;
        }
      g_string_append_c (s, c);
      parser->p++;
    }

  if (parser->p[0] == '^' && parser->p[1] == '^')
    {
      parser->p += 2;
      if (*parser->p != '<')
        {
          parse_fail (parser, _("a datatype after “^^” must be an address (IRI)"));
          goto fail;
        }
      if (!parse_iri_value (parser, &datatype))
        goto fail;
    }
  else if (*parser->p == '@')
    {
      const char *start = ++parser->p;

      if (!g_ascii_isalpha (*parser->p))
        {
          parse_fail (parser, _("a language tag is not valid"));
          goto fail;
        }
      while (g_ascii_isalpha (*parser->p))
        parser->p++;
      while (*parser->p == '-')
        {
          parser->p++;
          if (!g_ascii_isalnum (*parser->p))
            {
              parse_fail (parser, _("a language tag is not valid"));
              goto fail;
            }
          while (g_ascii_isalnum (*parser->p))
            parser->p++;
        }
      language = g_strndup (start, parser->p - start);
    }

  if (datatype != NULL && strcmp (datatype, RDF_LANG_STRING) == 0)
    {
      parse_fail (parser, _("a text value has the language-string datatype but no language"));
      goto fail;
    }

  term = jln_rdf_term_new_literal (s->str, datatype, language);
  g_string_free (s, TRUE);
  return term;

fail:
  g_string_free (s, TRUE);
  return NULL;
}

static gboolean
at_line_end (Parser *parser)
{
  return *parser->p == '\0' || *parser->p == '\n' || *parser->p == '\r' ||
         *parser->p == '#';
}

static gboolean
parse_statement (Parser        *parser,
                 JlnRdfDataset *dataset)
{
  g_autoptr(JlnRdfTerm) subject = NULL;
  g_autoptr(JlnRdfTerm) predicate = NULL;
  g_autoptr(JlnRdfTerm) object = NULL;
  g_autoptr(JlnRdfTerm) graph = NULL;

  if (*parser->p == '<')
    subject = parse_iri (parser);
  else if (*parser->p == '_')
    subject = parse_blank (parser);
  else
    return parse_fail (parser, _("expected a subject (an address in <…> or a blank node _:…)"));
  if (subject == NULL)
    return FALSE;

  skip_blanks (parser);
  if (*parser->p != '<')
    return parse_fail (parser, _("expected a predicate (an address in <…>)"));
  if ((predicate = parse_iri (parser)) == NULL)
    return FALSE;

  skip_blanks (parser);
  if (*parser->p == '<')
    object = parse_iri (parser);
  else if (*parser->p == '_')
    object = parse_blank (parser);
  else if (*parser->p == '"')
    object = parse_literal (parser);
  else
    return parse_fail (parser, _("expected an object (an address, a blank node or a quoted value)"));
  if (object == NULL)
    return FALSE;

  skip_blanks (parser);
  if (*parser->p == '<' || *parser->p == '_')
    {
      graph = (*parser->p == '<') ? parse_iri (parser) : parse_blank (parser);
      if (graph == NULL)
        return FALSE;
    }

  skip_blanks (parser);
  if (*parser->p != '.')
    return parse_fail (parser, _("expected “.” at the end of the statement"));
  parser->p++;
  skip_blanks (parser);
  if (!at_line_end (parser))
    return parse_fail (parser, _("unexpected text after the end of the statement"));

  jln_rdf_dataset_add (dataset,
                       g_steal_pointer (&subject),
                       g_steal_pointer (&predicate),
                       g_steal_pointer (&object),
                       g_steal_pointer (&graph));
  return TRUE;
}

JlnRdfDataset *
jln_rdf_dataset_parse_nquads (const char  *text,
                              GError     **error)
{
  g_autoptr(JlnRdfDataset) dataset = NULL;
  g_autoptr(GError) local_error = NULL;
  Parser parser = { text, 1, &local_error };
  const char *invalid = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, &invalid))
    {
      guint line = 1;

      for (const char *q = text; q < invalid; q++)
        if (*q == '\n')
          line++;
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED,
                   _("Line %u of the N-Quads data is not valid: it is not UTF-8 text."),
                   line);
      return NULL;
    }

  dataset = jln_rdf_dataset_new ();

  while (*parser.p != '\0')
    {
      const char *line_start = parser.p;
      const char *line_end = line_start;

      while (*line_end != '\0' && *line_end != '\n' && *line_end != '\r')
        line_end++;
      if ((gsize) (line_end - line_start) > MAX_LINE_BYTES)
        {
          g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE,
                       _("Line %u of the N-Quads data is longer than %u MB; it is refused for safety."),
                       parser.line, MAX_LINE_BYTES / (1024u * 1024u));
          return NULL;
        }

      skip_blanks (&parser);
      if (*parser.p != '#' && !at_line_end (&parser))
        {
          if (!parse_statement (&parser, dataset))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }

      /* Whatever is left is a comment (or nothing) up to the line end. */
      while (*parser.p != '\0' && *parser.p != '\n' && *parser.p != '\r')
        parser.p++;
      if (*parser.p == '\r')
        parser.p++;
      if (*parser.p == '\n')
        parser.p++;
      parser.line++;
    }

  return g_steal_pointer (&dataset);
}
