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

gboolean
jx_json_depth_ok (const char *data,
                  gsize       len,
                  guint       max_depth,
                  guint      *line,
                  guint      *column)
{
  gsize line_start = 0;
  guint depth = 0, l = 1;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
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
            i++;   /* whatever is escaped, even a quote, stays in the string */
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              guint col = 1;

              for (gsize k = line_start; k < i; k++)
                if (((guchar) data[k] & 0xC0) != 0x80)
                  col++;
              *line = l;
              *column = col;
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
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
  if (!jx_json_depth_ok (data, len, JX_JSON_MAX_DEPTH, &l, &c))
    {
      *line = l;
      *column = c;
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("The JSON nests arrays and objects more than %d levels deep here, which no Jixiao "
                     "file does: it is damaged or is not a Jixiao file."),
                   JX_JSON_MAX_DEPTH);
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
