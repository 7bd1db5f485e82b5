/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jln-ob-error.h"
#include "jln-ob-json.h"

/* ==================================================================== reader
 *
 * json-glib is lenient and lossy: it cuts strings at an escaped NUL, wraps
 * integers beyond 64 bits, turns lone surrogates into invalid UTF-8, keeps
 * the last of two members with one name, and accepts comments, single quotes,
 * leading zeros, hexadecimal and ".5". Any of these lets a badge show what was
 * not signed, or read differently here than in another verifier. So the text
 * is checked first, in one pass, against RFC 8259 and I-JSON (RFC 7493), and
 * refused unless json-glib will hold exactly what it says. The scanner keeps
 * its own stack (no recursion), bounded by JLN_OB_JSON_MAX_DEPTH. */

/* |n| above 2^53: an IEEE double, which JSON readers elsewhere use, could
 * no longer tell n from its neighbours. */
#define MAX_EXACT_INTEGER "9007199254740992"

typedef enum {
  WANT_VALUE,            /* at the start, after ':' and after ',' in an array */
  WANT_VALUE_OR_CLOSE,   /* after '[' */
  WANT_KEY_OR_CLOSE,     /* after '{' */
  WANT_KEY,              /* after ',' in an object */
  WANT_COLON,            /* after a member name */
  WANT_COMMA_OR_CLOSE,   /* after a value inside a container */
} ScanState;

typedef struct {
  gboolean    is_object;
  GHashTable *names;     /* member names seen in this object, created on demand */
} ScanLevel;

typedef struct {
  const guchar *text;
  gsize         len;
  gsize         pos;
  guint         depth;
  ScanLevel     stack[JLN_OB_JSON_MAX_DEPTH];
  GString      *name;    /* the member name being decoded */
} Scanner;

static void
scanner_clear (Scanner *s)
{
  for (guint i = 0; i < s->depth; i++)
    g_clear_pointer (&s->stack[i].names, g_hash_table_unref);
  s->depth = 0;
  if (s->name != NULL)
    g_string_free (s->name, TRUE);
  s->name = NULL;
}

static gboolean
fail_syntax (Scanner *s, GError **error)
{
  guint line = 1, column = 1;

  if (s->pos >= s->len)
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                           _("The badge is not valid JSON: it ends too early."));
      return FALSE;
    }
  /* Only counted on failure, so the happy path stays one pass. */
  for (gsize i = 0; i < s->pos; i++)
    {
      if (s->text[i] == '\n')
        {
          line++;
          column = 1;
        }
      else if ((s->text[i] & 0xc0) != 0x80)
        column++;
    }
  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
               _("The badge is not valid JSON (line %u, column %u)."), line, column);
  return FALSE;
}

static gboolean
fail (GError **error, const char *message)
{
  g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON, message);
  return FALSE;
}

/* I-JSON §2.1 forbids noncharacters in strings. */
static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits after "\u" at s->pos; -1 when they are not. */
static int
read_hex4 (Scanner *s)
{
  int value = 0;

  if (s->len - s->pos < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (s->text[s->pos + i]);

      if (h < 0)
        return -1;
      value = value * 16 + h;
    }
  s->pos += 4;
  return value;
}

/* Decodes one UTF-8 sequence at s->pos (first byte >= 0x80), refusing
 * overlong forms, encoded surrogates, code points beyond U+10FFFF and
 * truncated sequences (RFC 3629 table). Returns the code point, or -1. */
static gint32
read_utf8 (Scanner *s)
{
  const guchar *p = s->text + s->pos;
  gsize left = s->len - s->pos;
  guchar lo = 0x80, hi = 0xbf;
  gsize n;
  gint32 c;

  if (p[0] >= 0xc2 && p[0] <= 0xdf)
    {
      n = 1;
      c = p[0] & 0x1f;
    }
  else if (p[0] >= 0xe0 && p[0] <= 0xef)
    {
      n = 2;
      c = p[0] & 0x0f;
      if (p[0] == 0xe0)
        lo = 0xa0;           /* overlong */
      else if (p[0] == 0xed)
        hi = 0x9f;           /* U+D800..U+DFFF */
    }
  else if (p[0] >= 0xf0 && p[0] <= 0xf4)
    {
      n = 3;
      c = p[0] & 0x07;
      if (p[0] == 0xf0)
        lo = 0x90;           /* overlong */
      else if (p[0] == 0xf4)
        hi = 0x8f;           /* beyond U+10FFFF */
    }
  else
    return -1;

  if (left <= n)
    return -1;
  for (gsize i = 1; i <= n; i++)
    {
      guchar b = p[i];

      if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xbf))
        return -1;
      c = (c << 6) | (b & 0x3f);
    }
  s->pos += n + 1;
  return c;
}

/* A string at s->pos (on its opening quote). When @decode, its value is
 * left in s->name, for the duplicate-name check. */
static gboolean
scan_string (Scanner *s, gboolean decode, GError **error)
{
  if (decode)
    g_string_truncate (s->name, 0);
  s->pos++;

  for (;;)
    {
      gsize start = s->pos;
      gint32 c;

      if (s->pos >= s->len)
        return fail_syntax (s, error);
      c = s->text[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      else if (c == '\\')
        s->pos++;
      else if (c == 0)
        return fail (error, _("The badge contains a NUL character (\\u0000) in its text, which could hide part of it: it cannot be checked exactly."));
      else if (c < 0x20)
        return fail (error, _("The badge contains a control character (such as a line break) written as is inside a text, which JSON does not allow."));
      else if (c < 0x80)
        {
          s->pos++;
          if (decode)
            g_string_append_c (s->name, (char) c);
        }
      else
        {
          if ((c = read_utf8 (s)) < 0)
            return fail (error, _("The badge contains text that is not valid UTF-8."));
          if (is_noncharacter (c))
            return fail (error, _("The badge contains a Unicode noncharacter in its text, which is not allowed."));
          if (decode)
            g_string_append_len (s->name, (const char *) s->text + start, s->pos - start);
        }
      if (c != '\\')
        continue;

      /* An escape. */
      if (s->pos >= s->len)
        return fail_syntax (s, error);
      c = s->text[s->pos++];
      switch (c)
        {
        case '"': case '\\': case '/':
          break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
          if ((c = read_hex4 (s)) < 0)
            {
              s->pos -= 1;
              return fail_syntax (s, error);
            }
          if (c == 0)
            return fail (error, _("The badge contains a NUL character (\\u0000) in its text, which could hide part of it: it cannot be checked exactly."));
          if (c >= 0xdc00 && c <= 0xdfff)
            return fail (error, _("The badge contains a broken character (a lone UTF-16 surrogate) in its text."));
          if (c >= 0xd800 && c <= 0xdbff)
            {
              int low = -1;

              if (s->len - s->pos >= 2 && s->text[s->pos] == '\\' && s->text[s->pos + 1] == 'u')
                {
                  s->pos += 2;
                  low = read_hex4 (s);
                }
              if (low < 0xdc00 || low > 0xdfff)
                return fail (error, _("The badge contains a broken character (a lone UTF-16 surrogate) in its text."));
              c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
            }
          if (is_noncharacter (c))
            return fail (error, _("The badge contains a Unicode noncharacter in its text, which is not allowed."));
          break;
        default:
          s->pos -= 1;
          return fail_syntax (s, error);
        }
      if (decode)
        g_string_append_unichar (s->name, c);
    }
}

static gboolean
is_digit (Scanner *s)
{
  return s->pos < s->len && s->text[s->pos] >= '0' && s->text[s->pos] <= '9';
}

/* A number at s->pos. json-glib keeps integers as gint64 and the others as
 * g_ascii_strtod() doubles: refuse what either would not hold exactly enough
 * to be read the same way by another verifier. */
static gboolean
scan_number (Scanner *s, GError **error)
{
  gsize start = s->pos, digits_start, digits_end;
  gboolean is_integer = TRUE;
  gboolean nonzero = FALSE;

  if (s->text[s->pos] == '-')
    s->pos++;
  digits_start = s->pos;
  if (!is_digit (s))
    return fail_syntax (s, error);
  if (s->text[s->pos] == '0')
    s->pos++;
  else
    {
      nonzero = TRUE;
      while (is_digit (s))
        s->pos++;
    }
  digits_end = s->pos;

  if (s->pos < s->len && s->text[s->pos] == '.')
    {
      is_integer = FALSE;
      s->pos++;
      if (!is_digit (s))
        return fail_syntax (s, error);
      while (is_digit (s))
        nonzero |= s->text[s->pos++] != '0';
    }
  if (s->pos < s->len && (s->text[s->pos] == 'e' || s->text[s->pos] == 'E'))
    {
      is_integer = FALSE;
      s->pos++;
      if (s->pos < s->len && (s->text[s->pos] == '+' || s->text[s->pos] == '-'))
        s->pos++;
      if (!is_digit (s))
        return fail_syntax (s, error);
      while (is_digit (s))
        s->pos++;
    }

  if (is_integer)
    {
      gsize n = digits_end - digits_start;
      const gsize max_len = sizeof MAX_EXACT_INTEGER - 1;

      if (n > max_len ||
          (n == max_len && memcmp (s->text + digits_start, MAX_EXACT_INTEGER, n) > 0))
        return fail (error, _("The badge contains a number too large to be checked exactly."));
    }
  else
    {
      g_autofree char *token = g_strndup ((const char *) s->text + start, s->pos - start);
      double d = g_ascii_strtod (token, NULL);

      if (isinf (d))
        return fail (error, _("The badge contains a number too large to be checked exactly."));
      if (d == 0.0 && nonzero)
        return fail (error, _("The badge contains a number too small to be checked exactly."));
    }
  return TRUE;
}

static gboolean
scan_literal (Scanner *s, const char *word, GError **error)
{
  gsize n = strlen (word);

  if (s->len - s->pos < n || memcmp (s->text + s->pos, word, n) != 0)
    return fail_syntax (s, error);
  s->pos += n;
  return TRUE;
}

static void
skip_space (Scanner *s)
{
  while (s->pos < s->len)
    {
      guchar c = s->text[s->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      s->pos++;
    }
}

static gboolean
push (Scanner *s, gboolean is_object, GError **error)
{
  if (s->depth >= JLN_OB_JSON_MAX_DEPTH)
    return fail (error, _("The file is nested too deeply to be a badge."));
  s->stack[s->depth].is_object = is_object;
  s->stack[s->depth].names = NULL;
  s->depth++;
  s->pos++;
  return TRUE;
}

static void
pop (Scanner *s)
{
  s->depth--;
  g_clear_pointer (&s->stack[s->depth].names, g_hash_table_unref);
  s->pos++;
}

/* The member name just decoded into s->name, in the innermost object. */
static gboolean
check_name (Scanner *s, GError **error)
{
  ScanLevel *level = &s->stack[s->depth - 1];

  if (level->names == NULL)
    level->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_add (level->names, g_strndup (s->name->str, s->name->len)))
    {
      g_autofree char *shown = g_utf8_make_valid (s->name->str, MIN (s->name->len, 60));

      for (char *p = shown; *p; p++)
        if ((guchar) *p < 0x20)
          *p = ' ';
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                   _("The badge has the member “%s” twice in one object, so it cannot be read unambiguously."),
                   shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
scan (Scanner *s, GError **error)
{
  ScanState state = WANT_VALUE;

  skip_space (s);
  if (s->pos == s->len)
    return fail (error, _("The credential is empty."));

  for (;;)
    {
      gboolean value_done = FALSE;
      guchar c;

      skip_space (s);
      if (s->pos >= s->len)
        return fail_syntax (s, error);
      c = s->text[s->pos];

      switch (state)
        {
        case WANT_VALUE_OR_CLOSE:
          if (c == ']')
            {
              pop (s);
              value_done = TRUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_VALUE:
          if (c == '{')
            {
              if (!push (s, TRUE, error))
                return FALSE;
              state = WANT_KEY_OR_CLOSE;
            }
          else if (c == '[')
            {
              if (!push (s, FALSE, error))
                return FALSE;
              state = WANT_VALUE_OR_CLOSE;
            }
          else
            {
              gboolean ok;

              if (c == '"')
                ok = scan_string (s, FALSE, error);
              else if (c == '-' || (c >= '0' && c <= '9'))
                ok = scan_number (s, error);
              else if (c == 't')
                ok = scan_literal (s, "true", error);
              else if (c == 'f')
                ok = scan_literal (s, "false", error);
              else if (c == 'n')
                ok = scan_literal (s, "null", error);
              else
                ok = fail_syntax (s, error);
              if (!ok)
                return FALSE;
              value_done = TRUE;
            }
          break;

        case WANT_KEY_OR_CLOSE:
          if (c == '}')
            {
              pop (s);
              value_done = TRUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_KEY:
          if (c != '"')
            return fail_syntax (s, error);
          if (!scan_string (s, TRUE, error) || !check_name (s, error))
            return FALSE;
          state = WANT_COLON;
          break;

        case WANT_COLON:
          if (c != ':')
            return fail_syntax (s, error);
          s->pos++;
          state = WANT_VALUE;
          break;

        case WANT_COMMA_OR_CLOSE:
          {
            gboolean in_object = s->stack[s->depth - 1].is_object;

            if (c == ',')
              {
                s->pos++;
                state = in_object ? WANT_KEY : WANT_VALUE;
              }
            else if (c == (in_object ? '}' : ']'))
              {
                pop (s);
                value_done = TRUE;
              }
            else
              return fail_syntax (s, error);
          }
          break;

        default:
          g_assert_not_reached ();
        }

      if (value_done)
        {
          if (s->depth == 0)
            break;
          state = WANT_COMMA_OR_CLOSE;
        }
    }

  skip_space (s);
  if (s->pos != s->len)
    return fail_syntax (s, error);
  return TRUE;
}

/* Skips a UTF-8 byte order mark, which RFC 8259 §8.1 lets a reader ignore. */
static gsize
bom_length (const char *text, gsize len)
{
  return len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

gboolean
jln_ob_json_check (const char *text, gsize len, GError **error)
{
  Scanner s = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  s.pos = bom_length (text, len);
  s.text = (const guchar *) text;
  s.len = len;
  s.name = g_string_new (NULL);
  ok = scan (&s, error);
  scanner_clear (&s);
  return ok;
}

gboolean
jln_ob_json_check_depth (const char *text, gsize len, GError **error)
{
  return jln_ob_json_check (text, len, error);
}

JsonNode *
jln_ob_parse_json (const char *text, gssize length, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len, skip;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  if (!jln_ob_json_check (text, len, error))
    return NULL;

  skip = bom_length (text, len);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text + skip, len - skip, &local_error))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                   _("The credential is not valid JSON (%s)."), local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                   _("The credential is empty."));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* ==================================================================== writer
 *
 * json-glib's generator writes U+001F as is and 1e21 as "1e+21.0": neither
 * is JSON. This writer escapes every control character, writes doubles in
 * their shortest round-trip form, keeps member order, and refuses what JSON
 * cannot say (NaN, infinities). */

static void
append_string (GString *out, const char *str)
{
  const char *p = str ? str : "";
  const char *end = p + strlen (p);

  g_string_append_c (out, '"');
  while (p < end)
    {
      guchar c = *p;
      gunichar u;

      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
        {
          g_string_append_c (out, (char) c);
          p++;
          continue;
        }
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); p++; continue;
        case '\\': g_string_append (out, "\\\\"); p++; continue;
        case '\b': g_string_append (out, "\\b"); p++; continue;
        case '\f': g_string_append (out, "\\f"); p++; continue;
        case '\n': g_string_append (out, "\\n"); p++; continue;
        case '\r': g_string_append (out, "\\r"); p++; continue;
        case '\t': g_string_append (out, "\\t"); p++; continue;
        default:
          break;
        }
      if (c < 0x80)
        {
          /* The other C0 controls and DEL. */
          g_string_append_printf (out, "\\u%04x", c);
          p++;
          continue;
        }
      u = g_utf8_get_char_validated (p, end - p);
      if (u == (gunichar) -1 || u == (gunichar) -2)
        {
          /* Not UTF-8 (a corrupt database, a file name): still write JSON. */
          g_string_append (out, "\xef\xbf\xbd");
          p++;
          continue;
        }
      if (u == 0x2028 || u == 0x2029)
        /* Valid JSON, but not JavaScript: escaped for whoever embeds it. */
        g_string_append_printf (out, "\\u%04x", u);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  g_string_append_c (out, '"');
}

/* The shortest decimal that reads back as @d, as ECMAScript would write it,
 * except that integral values beyond 2^53 keep an exponent (so no reader
 * takes them for an exact integer) and -0 stays a double. */
static gboolean
append_double (GString *out, double d, GError **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char digits[24];
  gsize k = 0;
  int exp10, n;
  gboolean integral;
  const char *p;

  if (!isfinite (d))
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                           _("A number that is not finite (NaN or infinity) cannot be written as JSON."));
      return FALSE;
    }
  if (d == 0.0)
    {
      g_string_append (out, signbit (d) ? "-0.0" : "0");
      return TRUE;
    }
  integral = floor (d) == d;
  if (integral && fabs (d) <= 9007199254740992.0)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) d);
      return TRUE;
    }

  for (int precision = 0; precision < 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, sizeof buf, format, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }

  /* buf is "[-]D[.DDD]e[+-]XX". */
  p = buf;
  if (*p == '-')
    {
      g_string_append_c (out, '-');
      p++;
    }
  for (; *p != 'e'; p++)
    if (*p != '.' && k < sizeof digits - 1)
      digits[k++] = *p;
  while (k > 1 && digits[k - 1] == '0')
    k--;
  digits[k] = '\0';
  exp10 = atoi (p + 1);
  n = exp10 + 1;   /* d = 0.DIGITS × 10^n */

  if (!integral && n > 0 && n <= 21)
    {
      g_string_append_len (out, digits, n);
      g_string_append_c (out, '.');
      g_string_append (out, digits + n);
    }
  else if (!integral && n > -6 && n <= 0)
    {
      g_string_append (out, "0.");
      for (int i = n; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (k > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%d", exp10 < 0 ? '-' : '+', ABS (exp10));
    }
  return TRUE;
}

static void
newline (GString *out, gboolean pretty, guint level)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

/* Recursive: the trees written here are built by the application, or were
 * read through jln_ob_parse_json() and so are at most JLN_OB_JSON_MAX_DEPTH deep. */
static gboolean
append_node (GString *out, JsonNode *node, gboolean pretty, guint level, GError **error)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return TRUE;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          return TRUE;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          return TRUE;
        case G_TYPE_DOUBLE:
          return append_double (out, json_node_get_double (node), error);
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          return TRUE;
        default:
          g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                       "A %s value cannot be written as JSON.",
                       g_type_name (json_node_get_value_type (node)));
          return FALSE;
        }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            newline (out, pretty, level + 1);
            if (!append_node (out, json_array_get_element (array, i), pretty, level + 1, error))
              return FALSE;
          }
        if (n > 0)
          newline (out, pretty, level);
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        /* In insertion order (JsonObjectIter is hash order before json-glib 1.8). */
        g_autoptr(GList) names = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = names; l != NULL; l = l->next)
          {
            const char *name = l->data;

            if (l != names)
              g_string_append_c (out, ',');
            newline (out, pretty, level + 1);
            append_string (out, name);
            g_string_append (out, pretty ? " : " : ":");
            if (!append_node (out, json_object_get_member (object, name), pretty, level + 1, error))
              return FALSE;
          }
        if (names != NULL)
          newline (out, pretty, level);
        g_string_append_c (out, '}');
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

char *
jln_ob_json_write (JsonNode  *node,
                   gboolean   pretty,
                   GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!append_node (out, node, pretty, 0, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
jln_ob_json_to_string (JsonNode *node,
                       gboolean  pretty)
{
  g_autoptr(GError) error = NULL;
  char *text = jln_ob_json_write (node, pretty, &error);

  if (text == NULL)
    g_critical ("%s", error->message);
  return text;
}

GBytes *
jln_ob_json_to_bytes (JsonNode  *node,
                      gboolean   pretty,
                      GError   **error)
{
  char *text = jln_ob_json_write (node, pretty, error);

  if (text == NULL)
    return NULL;
  return g_bytes_new_take (text, strlen (text));
}

/* ==================================================================== getters */

const char *
jln_ob_json_get_string (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
jln_ob_json_get_object (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
jln_ob_json_get_array (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
jln_ob_json_has_type (JsonObject *object, const char *type)
{
  JsonNode *node = object ? json_object_get_member (object, "type") : NULL;

  if (node == NULL || type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_str_equal (json_node_get_string (node), type);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *e = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (e), type))
            return TRUE;
        }
    }
  return FALSE;
}
