/* jx-limits.c: the limits every way into a document shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-limits"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "jx-limits.h"

gboolean
jx_text_is_too_long (const char *text,
                     glong      *n_chars)
{
  gsize bytes;
  glong chars;

  if (text == NULL)
    return FALSE;
  /* A character is at least one byte: short texts cost one strlen(). */
  bytes = strlen (text);
  if (bytes <= JX_TEXT_MAX_CHARS)
    return FALSE;
  chars = g_utf8_validate (text, bytes, NULL) ? g_utf8_strlen (text, bytes) : (glong) bytes;
  if (chars <= JX_TEXT_MAX_CHARS)
    return FALSE;
  if (n_chars != NULL)
    *n_chars = chars;
  return TRUE;
}

char *
jx_text_too_long_message (const char *what,
                          glong       n_chars)
{
  /* Translators: %s is a field such as “performance goal”; the numbers are
   * counts of characters */
  return g_strdup_printf (_("The %s has %ld characters, more than the %d a text can have. "
                            "Shorten it, or keep the long text in a separate document."),
                          what, n_chars, JX_TEXT_MAX_CHARS);
}

/* The first character of @text that XML 1.0 cannot hold: its code point,
 * G_MAXUINT32 for bytes that are not UTF-8, 0 when there is none. */
guint32
jx_text_find_unsavable (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return G_MAXUINT32;
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
        return *p;
      /* U+FFFE and U+FFFF are EF BF BE and EF BF BF. */
      if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
        return 0xFFFE + (p[2] - 0xBE);
    }
  return 0;
}

gboolean
jx_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL || *id == '\0')
    return FALSE;
  len = strlen (id);
  if (len > JX_ID_MAX_BYTES || !g_utf8_validate (id, len, NULL))
    return FALSE;
  return xmlValidateNMToken ((const xmlChar *) id, 0) == 0;
}

typedef enum
{
  PRESCAN_OK,
  PRESCAN_TOO_DEEP,
  PRESCAN_BAD_ESCAPE,
  PRESCAN_UNKNOWN_ESCAPE,
} Prescan;

/* The code of the "\\uXXXX" escape at @p (@end bounds it), or -1. */
static int
escape_at (const char *p,
           const char *end)
{
  int code = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      int v = g_ascii_xdigit_value (p[i]);

      if (v < 0)
        return -1;
      code = code * 16 + v;
    }
  return code;
}

/* Looks at @len bytes of JSON without parsing them: arrays and objects
 * nested deeper than @max_depth, "\\u" escapes in strings that are not
 * four hex digits or are half of a surrogate pair, and escapes JSON does not
 * have, such as the octal "\\242" (json-glib's GScanner turns all of them
 * into bytes that are not UTF-8).
 * On a finding *line and *column (1-based, in characters) are where it is. */
static Prescan
prescan (const char *data,
         gsize       len,
         guint       max_depth,
         guint      *line,
         guint      *column)
{
  const char *end = data + len;
  gsize line_start = 0;
  guint depth = 0, l = 1;
  gboolean in_string = FALSE;
  Prescan found = PRESCAN_OK;
  gsize i;

  for (i = 0; i < len && found == PRESCAN_OK; i++)
    {
      char c = data[i];

      if (c == '\n')
        {
          l++;
          line_start = i + 1;
          continue;
        }
      if (in_string)
        {
          if (c == '\\')
            {
              int code = escape_at (data + i, end);

              if (i + 1 < len && (data[i + 1] == '\0' || strchr ("\"\\/bfnrtu", data[i + 1]) == NULL))
                found = PRESCAN_UNKNOWN_ESCAPE;   /* json-glib reads "\242" as the byte 0xA2 */
              else if (code < 0 && i + 1 < len && data[i + 1] == 'u')
                found = PRESCAN_BAD_ESCAPE;   /* not four hex digits */
              else if (code >= 0xDC00 && code <= 0xDFFF)
                found = PRESCAN_BAD_ESCAPE;
              else if (code >= 0xD800 && code <= 0xDBFF)
                {
                  int low = escape_at (data + i + 6, end);

                  if (low < 0xDC00 || low > 0xDFFF)
                    found = PRESCAN_BAD_ESCAPE;
                  else
                    i += 6;
                }
              if (found == PRESCAN_OK)
                i++;   /* whatever is escaped, even a quote, stays in the string */
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            found = PRESCAN_TOO_DEEP;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  if (found != PRESCAN_OK)
    {
      guint col = 1;

      i--;
      for (gsize k = line_start; k < i; k++)
        if (((guchar) data[k] & 0xC0) != 0x80)
          col++;
      *line = l;
      *column = col;
    }
  return found;
}

JsonNode *
jx_json_parse_limited (const char  *data,
                       gsize        len,
                       guint       *line,
                       guint       *column,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  guint l = 0, c = 0;

  *line = *column = 0;
  if (data == NULL)
    data = "";
  switch (prescan (data, len, JX_JSON_MAX_DEPTH, &l, &c))
    {
    case PRESCAN_OK:
      break;
    case PRESCAN_TOO_DEEP:
      *line = l;
      *column = c;
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("The JSON nests arrays and objects more than %d levels deep here, which no Jixiao "
                     "file does: it is damaged or is not a Jixiao file."),
                   JX_JSON_MAX_DEPTH);
      return NULL;
    case PRESCAN_UNKNOWN_ESCAPE:
      *line = l;
      *column = c;
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_BAREWORD,
                   _("The JSON has a backslash here that starts no escape JSON knows (only \\\", "
                     "\\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\u with four hexadecimal digits): "
                     "it is damaged. Correct or remove the escape."));
      return NULL;
    case PRESCAN_BAD_ESCAPE:
    default:
      *line = l;
      *column = c;
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_BAREWORD,
                   _("The JSON has a broken “\\u” escape here (not four hexadecimal digits, or half "
                     "of a character): it is damaged. Correct or remove the escape."));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      const char *detail = local_error->message;
      g_autofree char *shown = NULL;
      const char *rest;
      guint64 v;
      char *end;

      /* json-glib says "<data>:3:14: Parse error: …": the place is ours to
       * report. */
      if (g_str_has_prefix (detail, "<data>:"))
        {
          rest = detail + strlen ("<data>:");
          v = g_ascii_strtoull (rest, &end, 10);
          if (end != rest && *end == ':' && v <= G_MAXUINT)
            {
              l = (guint) v;
              rest = end + 1;
              v = g_ascii_strtoull (rest, &end, 10);
              if (end != rest && *end == ':' && v <= G_MAXUINT)
                {
                  c = (guint) v;
                  rest = end + 1;
                }
            }
          while (*rest == ' ')
            rest++;
          detail = rest;
        }
      *line = l;
      *column = c;
      /* json-glib quotes the token it stopped at, cut at a byte count
       * that can fall inside a character. */
      shown = g_utf8_make_valid (detail, -1);
      g_set_error (error, JSON_PARSER_ERROR, local_error->code,
                   _("The file is not valid JSON (%s)."), shown);
      return NULL;
    }
  root = json_parser_steal_root (parser);
  if (root == NULL)
    /* json-glib takes nothing but blanks for a valid, empty document. */
    g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                 _("The file is empty: there is no JSON in it."));
  return root;
}
