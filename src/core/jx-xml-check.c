/* jx-xml-check.c: the file format schema, checked while streaming
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-xml"

#include "config.h"

#include <string.h>
#include <libxml/tree.h>
#include <libxml/xmlschemastypes.h>

#include "jx-core-resources.h"
#include "jx-xml.h"
#include "jx-xml-check-private.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XSD_LIBRARY "http://www.w3.org/2001/XMLSchema-datatypes"

/* What the compiler knows of RelaxNG: element, attribute, optional,
 * zeroOrMore, oneOrMore, group, ref, text, empty, and for attribute values
 * text, <data> of an XSD type (with minInclusive and maxInclusive on integer
 * types) and a <choice> of <value>s. An element's content is either text or
 * a sequence of elements with distinct names, which a greedy walk matches
 * exactly. Anything else in the schema and the grammar is not compiled. */

typedef enum
{
  VALUE_TEXT,
  VALUE_XSD,
  VALUE_TOKENS,
} ValueKind;

typedef enum
{
  FAST_NONE,
  FAST_DECIMAL,
  FAST_NMTOKEN,
} FastPath;

typedef struct
{
  char      *name;
  gboolean   required;
  ValueKind  kind;
  xmlSchemaTypePtr type;   /* VALUE_XSD */
  FastPath   fast;
  gboolean   has_min, has_max;
  gint64     min, max;
  GStrv      tokens;       /* VALUE_TOKENS, whitespace-normalized */
} AttrDef;

typedef struct _Elem Elem;

typedef struct
{
  char  *name;
  Elem  *elem;
  guint  min;
  guint  max;   /* G_MAXUINT: unbounded */
} Slot;

struct _Elem
{
  char      *name;
  char      *ns;       /* "" for none */
  gboolean   text;
  GPtrArray *attrs;    /* of AttrDef */
  GArray    *slots;    /* of Slot */
};

struct _JxXmlGrammar
{
  Elem      *start;
  GPtrArray *elems;    /* owns every Elem */
};

typedef struct
{
  xmlDocPtr   doc;
  GHashTable *defines;  /* name → <define> node */
  GHashTable *compiled; /* <element> node → Elem */
  JxXmlGrammar *grammar;
  gboolean    failed;
} Compiler;

static gboolean
is_rng (xmlNodePtr node,
        const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         strcmp ((const char *) node->ns->href, RNG_NS) == 0 &&
         (name == NULL || strcmp ((const char *) node->name, name) == 0);
}

static char *
get_attr (xmlNodePtr  node,
          const char *name)
{
  xmlChar *v = xmlGetNoNsProp (node, BAD_CAST name);
  char *copy = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return copy;
}

/* The inherited attribute @name (ns, datatypeLibrary) of @node. */
static char *
inherited (xmlNodePtr  node,
           const char *name)
{
  for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      char *v = get_attr (node, name);
      if (v != NULL)
        return v;
    }
  return g_strdup ("");
}

static void
normalize_space (GString    *out,
                 const char *value)
{
  gboolean space = FALSE;

  g_string_truncate (out, 0);
  for (const char *p = value; *p; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
}

static void
attr_def_free (gpointer data)
{
  AttrDef *def = data;

  g_free (def->name);
  g_strfreev (def->tokens);
  g_free (def);
}

static void
elem_free (gpointer data)
{
  Elem *elem = data;

  g_free (elem->name);
  g_free (elem->ns);
  g_ptr_array_unref (elem->attrs);
  for (guint i = 0; i < elem->slots->len; i++)
    g_free (g_array_index (elem->slots, Slot, i).name);
  g_array_unref (elem->slots);
  g_free (elem);
}

static Elem *compile_element (Compiler *c, xmlNodePtr node);

/* The value pattern of an attribute (its children). */
static void
compile_value (Compiler   *c,
               xmlNodePtr  attribute,
               AttrDef    *def)
{
  xmlNodePtr pattern = NULL;

  def->kind = VALUE_TEXT;
  for (xmlNodePtr n = attribute->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && is_rng (n, NULL))
      {
        if (pattern != NULL)
          c->failed = TRUE;
        pattern = n;
      }
  /* Through refs to the one pattern of their define. */
  while (pattern != NULL && is_rng (pattern, "ref"))
    {
      g_autofree char *name = get_attr (pattern, "name");
      xmlNodePtr define = name ? g_hash_table_lookup (c->defines, name) : NULL;

      pattern = NULL;
      if (define == NULL)
        {
          c->failed = TRUE;
          return;
        }
      for (xmlNodePtr n = define->children; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE && is_rng (n, NULL))
          {
            if (pattern != NULL)
              c->failed = TRUE;
            pattern = n;
          }
    }
  if (pattern == NULL || is_rng (pattern, "text"))
    return;

  if (is_rng (pattern, "data"))
    {
      g_autofree char *library = inherited (pattern, "datatypeLibrary");
      g_autofree char *type = get_attr (pattern, "type");

      if (g_strcmp0 (library, XSD_LIBRARY) != 0 || type == NULL ||
          (def->type = xmlSchemaGetPredefinedType (BAD_CAST type, BAD_CAST "http://www.w3.org/2001/XMLSchema")) == NULL)
        {
          c->failed = TRUE;
          return;
        }
      def->kind = VALUE_XSD;
      if (strcmp (type, "decimal") == 0)
        def->fast = FAST_DECIMAL;
      else if (strcmp (type, "NMTOKEN") == 0)
        def->fast = FAST_NMTOKEN;
      for (xmlNodePtr p = pattern->children; p != NULL; p = p->next)
        {
          g_autofree char *name = NULL;
          g_autofree char *text = NULL;
          gint64 v;

          if (p->type != XML_ELEMENT_NODE)
            continue;
          name = get_attr (p, "name");
          text = (char *) xmlNodeGetContent (p);
          if (!is_rng (p, "param") || name == NULL || text == NULL ||
              !g_ascii_string_to_signed (g_strstrip (text), 10, G_MININT64, G_MAXINT64, &v, NULL) ||
              (strcmp (type, "int") != 0 && strcmp (type, "integer") != 0 &&
               strcmp (type, "positiveInteger") != 0))
            c->failed = TRUE;
          else if (strcmp (name, "minInclusive") == 0)
            def->has_min = TRUE, def->min = v;
          else if (strcmp (name, "maxInclusive") == 0)
            def->has_max = TRUE, def->max = v;
          else
            c->failed = TRUE;
        }
      return;
    }

  if (is_rng (pattern, "choice"))
    {
      g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
      g_autoptr(GString) normal = g_string_new (NULL);

      for (xmlNodePtr v = pattern->children; v != NULL; v = v->next)
        {
          g_autofree char *type = NULL;
          g_autofree char *text = NULL;

          if (v->type != XML_ELEMENT_NODE)
            continue;
          type = get_attr (v, "type");
          if (!is_rng (v, "value") || type != NULL)
            {
              c->failed = TRUE;
              break;
            }
          text = (char *) xmlNodeGetContent (v);
          normalize_space (normal, text ? text : "");
          g_ptr_array_add (tokens, g_strdup (normal->str));
        }
      g_ptr_array_add (tokens, NULL);
      def->kind = VALUE_TOKENS;
      def->tokens = (GStrv) g_ptr_array_steal (tokens, NULL);
      return;
    }
  c->failed = TRUE;
}

static void add_patterns (Compiler *c, Elem *elem, xmlNodePtr first, guint min, guint max);

static void
add_pattern (Compiler   *c,
             Elem       *elem,
             xmlNodePtr  n,
             guint       min,
             guint       max)
{
  if (is_rng (n, "attribute"))
    {
      AttrDef *def = g_new0 (AttrDef, 1);
      g_autofree char *ns = get_attr (n, "ns");

      def->name = get_attr (n, "name");
      def->required = min > 0;
      g_ptr_array_add (elem->attrs, def);
      if (def->name == NULL || (ns != NULL && *ns != '\0') || max != 1)
        c->failed = TRUE;
      else
        compile_value (c, n, def);
    }
  else if (is_rng (n, "element"))
    {
      Slot slot = { get_attr (n, "name"), compile_element (c, n), min, max };

      if (elem->text)
        c->failed = TRUE;
      for (guint i = 0; i < elem->slots->len; i++)
        if (g_strcmp0 (g_array_index (elem->slots, Slot, i).name, slot.name) == 0)
          c->failed = TRUE;  /* the greedy walk needs distinct names */
      g_array_append_val (elem->slots, slot);
    }
  else if (is_rng (n, "optional") || is_rng (n, "zeroOrMore") || is_rng (n, "oneOrMore"))
    {
      xmlNodePtr only = NULL;
      guint count = 0;

      if (min != 1 || max != 1)
        c->failed = TRUE;
      /* One element or attribute inside, perhaps through a ref. */
      for (xmlNodePtr k = n->children; k != NULL; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
          only = k, count++;
      if (only != NULL && is_rng (only, "ref"))
        {
          g_autofree char *name = get_attr (only, "name");
          xmlNodePtr define = name ? g_hash_table_lookup (c->defines, name) : NULL;

          only = NULL;
          count = 0;
          if (define != NULL)
            for (xmlNodePtr k = define->children; k != NULL; k = k->next)
              if (k->type == XML_ELEMENT_NODE)
                only = k, count++;
        }
      if (count != 1 || !(is_rng (only, "element") || is_rng (only, "attribute")))
        c->failed = TRUE;
      else if (is_rng (n, "optional"))
        add_pattern (c, elem, only, 0, 1);
      else
        add_pattern (c, elem, only, is_rng (n, "oneOrMore") ? 1 : 0, G_MAXUINT);
    }
  else if (is_rng (n, "ref"))
    {
      g_autofree char *name = get_attr (n, "name");
      xmlNodePtr define = name ? g_hash_table_lookup (c->defines, name) : NULL;

      if (define == NULL)
        c->failed = TRUE;
      else
        add_patterns (c, elem, define->children, min, max);
    }
  else if (is_rng (n, "group"))
    add_patterns (c, elem, n->children, min, max);
  else if (is_rng (n, "text"))
    {
      if (elem->slots->len > 0)
        c->failed = TRUE;
      elem->text = TRUE;
    }
  else if (is_rng (n, "empty"))
    ;
  else if (is_rng (n, NULL))
    c->failed = TRUE;
  /* else a foreign annotation: not a pattern */
}

static void
add_patterns (Compiler   *c,
              Elem       *elem,
              xmlNodePtr  first,
              guint       min,
              guint       max)
{
  if (min != 1 || max != 1)
    c->failed = TRUE;
  for (xmlNodePtr n = first; n != NULL && !c->failed; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      add_pattern (c, elem, n, min, max);
}

static Elem *
compile_element (Compiler   *c,
                 xmlNodePtr  node)
{
  Elem *elem = g_hash_table_lookup (c->compiled, node);

  if (elem != NULL)
    return elem;
  elem = g_new0 (Elem, 1);
  elem->name = get_attr (node, "name");
  elem->ns = inherited (node, "ns");
  elem->attrs = g_ptr_array_new_with_free_func (attr_def_free);
  elem->slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_ptr_array_add (c->grammar->elems, elem);
  g_hash_table_insert (c->compiled, node, elem);
  if (elem->name == NULL)
    c->failed = TRUE;
  add_patterns (c, elem, node->children, 1, 1);
  return elem;
}

static void
grammar_free (JxXmlGrammar *grammar)
{
  g_ptr_array_unref (grammar->elems);
  g_free (grammar);
}

static JxXmlGrammar *
compile (const char *data,
         gsize       size)
{
  Compiler c = { 0, };
  xmlNodePtr root, start = NULL;
  JxXmlGrammar *grammar;

  c.doc = xmlReadMemory (data, (int) size, "jixiao.rng", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  if (c.doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (c.doc);
  c.defines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.compiled = g_hash_table_new (NULL, NULL);
  c.grammar = grammar = g_new0 (JxXmlGrammar, 1);
  grammar->elems = g_ptr_array_new_with_free_func (elem_free);
  if (root == NULL || !is_rng (root, "grammar"))
    c.failed = TRUE;
  else
    for (xmlNodePtr n = root->children; n != NULL; n = n->next)
      {
        if (is_rng (n, "define"))
          {
            char *name = get_attr (n, "name");
            g_autofree char *combine = get_attr (n, "combine");

            if (name == NULL || combine != NULL || g_hash_table_contains (c.defines, name))
              c.failed = TRUE;
            if (name != NULL)
              g_hash_table_replace (c.defines, name, n);
          }
        else if (is_rng (n, "start"))
          {
            if (start != NULL)
              c.failed = TRUE;
            start = n;
          }
        else if (is_rng (n, NULL))
          c.failed = TRUE;  /* include, div: not known here */
      }
  if (!c.failed && start != NULL)
    {
      xmlNodePtr only = NULL;
      guint count = 0;

      for (xmlNodePtr k = start->children; k != NULL; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
          only = k, count++;
      if (count == 1 && is_rng (only, "element"))
        grammar->start = compile_element (&c, only);
    }
  if (grammar->start == NULL)
    c.failed = TRUE;
  g_hash_table_unref (c.defines);
  g_hash_table_unref (c.compiled);
  xmlFreeDoc (c.doc);
  if (c.failed)
    {
      grammar_free (grammar);
      return NULL;
    }
  return grammar;
}

const JxXmlGrammar *
jx_xml_check_get_grammar (void)
{
  static gsize once = 0;
  static JxXmlGrammar *grammar = NULL;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (jx_core_get_resource (), JX_XML_SCHEMA_RESOURCE,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL)
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);

          grammar = compile (data, size);
        }
      if (grammar == NULL)
        g_warning ("The file format schema has a pattern the streaming check does not know; "
                   "files are checked by libxml2's validator instead");
      g_once_init_leave (&once, 1);
    }
  return grammar;
}

/* ------------------------------------------------------------------------
 * Walking a document
 * ------------------------------------------------------------------------ */

typedef struct
{
  const Elem *elem;
  guint       slot;
  guint       count;
} Frame;

struct _JxXmlCheck
{
  const JxXmlGrammar *grammar;
  /* The elements open, innermost last: a plain array, pushed and popped
   * for every element of the file. */
  Frame    *stack;
  guint     depth;
  guint     allocated;
  GString  *normal;
  gboolean  seen_root;
  gboolean  ok;
};

JxXmlCheck *
jx_xml_check_new (const JxXmlGrammar *grammar)
{
  JxXmlCheck *self = g_new0 (JxXmlCheck, 1);

  self->grammar = grammar;
  self->allocated = 16;
  self->stack = g_new (Frame, self->allocated);
  self->normal = g_string_sized_new (32);
  self->ok = TRUE;
  return self;
}

void
jx_xml_check_free (JxXmlCheck *self)
{
  if (self == NULL)
    return;
  g_free (self->stack);
  g_string_free (self->normal, TRUE);
  g_free (self);
}

gboolean
jx_xml_check_ok (JxXmlCheck *self)
{
  return self->ok;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
value_ok (JxXmlCheck    *self,
          const AttrDef *def,
          const char    *value)
{
  switch (def->kind)
    {
    case VALUE_TEXT:
      return TRUE;

    case VALUE_TOKENS:
      normalize_space (self->normal, value);
      for (guint i = 0; def->tokens[i] != NULL; i++)
        if (strcmp (def->tokens[i], self->normal->str) == 0)
          return TRUE;
      return FALSE;

    case VALUE_XSD:
      {
        xmlSchemaValPtr val = NULL;
        const char *p = value;
        gboolean ok;

        /* What the files hold, accepted without libxml2's general code:
         * a strict subset of what it accepts. */
        if (def->fast == FAST_DECIMAL)
          {
            guint digits = 0, fraction = 0;

            if (*p == '-')
              p++;
            for (; g_ascii_isdigit (*p); p++)
              digits++;
            if (*p == '.')
              for (p++; g_ascii_isdigit (*p); p++)
                fraction++;
            if (*p == '\0' && digits >= 1 && digits <= 15 && fraction <= 2 && p[-1] != '.')
              return TRUE;
          }
        else if (def->fast == FAST_NMTOKEN)
          {
            for (; g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == '_' || *p == ':'; p++)
              ;
            if (*p == '\0' && p != value)
              return TRUE;
          }

        ok = xmlSchemaValPredefTypeNode (def->type, BAD_CAST value, &val, NULL) == 0;
        if (val != NULL)
          xmlSchemaFreeValue (val);
        if (ok && (def->has_min || def->has_max))
          {
            gint64 v;

            normalize_space (self->normal, value);
            p = self->normal->str;
            if (*p == '+')
              p++;
            if (!g_ascii_string_to_signed (p, 10, G_MININT64, G_MAXINT64, &v, NULL))
              return FALSE;
            ok = (!def->has_min || v >= def->min) && (!def->has_max || v <= def->max);
          }
        return ok;
      }
    }
  return FALSE;
}

static gboolean
check_attributes (JxXmlCheck       *self,
                  const Elem       *elem,
                  const JxXmlAttr  *attrs,
                  guint             n_attrs)
{
  guint64 seen = 0;

  g_assert (elem->attrs->len <= 64);
  for (guint k = 0; k < n_attrs; k++)
    {
      const JxXmlAttr *a = &attrs[k];
      const AttrDef *def = NULL;
      guint i;

      if (a->ns != NULL)
        return FALSE;
      for (i = 0; i < elem->attrs->len; i++)
        {
          def = g_ptr_array_index (elem->attrs, i);
          /* The first letter first: most names differ there. */
          if (def->name[0] == a->name[0] && strcmp (def->name, a->name) == 0)
            break;
        }
      if (i == elem->attrs->len)
        return FALSE;
      seen |= G_GUINT64_CONSTANT (1) << i;
      if (def->kind != VALUE_TEXT && !value_ok (self, def, a->value))
        return FALSE;
    }
  for (guint i = 0; i < elem->attrs->len; i++)
    if (((const AttrDef *) g_ptr_array_index (elem->attrs, i))->required &&
        !(seen & (G_GUINT64_CONSTANT (1) << i)))
      return FALSE;
  return TRUE;
}

/* Whether the content of @frame may end here. */
static gboolean
frame_complete (const Frame *frame)
{
  const GArray *slots = frame->elem->slots;

  for (guint i = frame->slot; i < slots->len; i++)
    if ((i == frame->slot ? frame->count : 0) < g_array_index (slots, Slot, i).min)
      return FALSE;
  return TRUE;
}

static const Elem *
match_child (Frame      *frame,
             const char *name)
{
  const GArray *slots = frame->elem->slots;

  while (frame->slot < slots->len)
    {
      const Slot *slot = &g_array_index (slots, Slot, frame->slot);

      if (slot->name[0] == name[0] && strcmp (slot->name, name) == 0 && frame->count < slot->max)
        {
          frame->count++;
          return slot->elem;
        }
      if (frame->count < slot->min)
        return NULL;
      frame->slot++;
      frame->count = 0;
    }
  return NULL;
}

void
jx_xml_check_start_element (JxXmlCheck      *self,
                            const char      *name,
                            const char      *ns,
                            const JxXmlAttr *attrs,
                            guint            n_attrs)
{
  const Elem *elem;
  Frame frame = { NULL, 0, 0 };

  if (!self->ok)
    return;
  if (self->depth == 0)
    {
      elem = self->grammar->start;
      if (self->seen_root || strcmp (elem->name, name) != 0)
        elem = NULL;
      self->seen_root = TRUE;
    }
  else
    elem = match_child (&self->stack[self->depth - 1], name);
  if (elem == NULL || strcmp (ns ? ns : "", elem->ns) != 0 || !check_attributes (self, elem, attrs, n_attrs))
    {
      self->ok = FALSE;
      return;
    }
  frame.elem = elem;
  if (self->depth == self->allocated)
    self->stack = g_renew (Frame, self->stack, self->allocated *= 2);
  self->stack[self->depth++] = frame;
}

void
jx_xml_check_end_element (JxXmlCheck *self)
{
  if (!self->ok)
    return;
  if (self->depth == 0)
    self->ok = FALSE;
  else
    self->ok = frame_complete (&self->stack[--self->depth]);
}

void
jx_xml_check_text (JxXmlCheck *self,
                   const char *text,
                   gsize       len)
{
  if (!self->ok ||
      (self->depth > 0 && self->stack[self->depth - 1].elem->text))
    return;
  for (gsize i = 0; i < len; i++)
    if (!is_space (text[i]))
      {
        self->ok = FALSE;
        return;
      }
}

gboolean
jx_xml_check_in_text (JxXmlCheck *self)
{
  return self->depth > 0 && self->stack[self->depth - 1].elem->text;
}

void
jx_xml_check_fail (JxXmlCheck *self)
{
  self->ok = FALSE;
}

gboolean
jx_xml_check_end (JxXmlCheck *self)
{
  return self->ok && self->seen_root && self->depth == 0;
}

/* Fills @out (an array of JxXmlAttr) from the @attributes of a SAX2
 * startElementNs callback, the values copied into @pool. (The loader writes
 * them straight into its events instead.) */
static void
jx_xml_attrs_from_sax (GArray         *out,
                       GString        *pool,
                       int             n_attributes,
                       const xmlChar **attributes)
{
  g_array_set_size (out, n_attributes);
  g_string_truncate (pool, 0);
  /* Offsets first: the pool may move as it grows. */
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      JxXmlAttr *attr = &g_array_index (out, JxXmlAttr, i);

      attr->name = (const char *) a[0];
      attr->ns = (const char *) a[2];
      attr->value = GSIZE_TO_POINTER (pool->len);
      g_string_append_len (pool, (const char *) a[3], a[4] - a[3]);
      g_string_append_c (pool, '\0');
    }
  for (int i = 0; i < n_attributes; i++)
    {
      JxXmlAttr *attr = &g_array_index (out, JxXmlAttr, i);

      attr->value = pool->str + GPOINTER_TO_SIZE (attr->value);
    }
}

typedef struct
{
  JxXmlCheck       *check;
  GArray           *attrs;
  GString          *pool;
  xmlParserCtxtPtr  ctxt;
} DataCheck;

static void
data_start (void           *data,
            const xmlChar  *name,
            const xmlChar  *prefix,
            const xmlChar  *uri,
            int             n_namespaces,
            const xmlChar **namespaces,
            int             n_attributes,
            int             n_defaulted,
            const xmlChar **attributes)
{
  DataCheck *dc = data;

  jx_xml_attrs_from_sax (dc->attrs, dc->pool, n_attributes, attributes);
  jx_xml_check_start_element (dc->check, (const char *) name, (const char *) uri,
                              (const JxXmlAttr *) (void *) dc->attrs->data, dc->attrs->len);
}

static void
data_end (void          *data,
          const xmlChar *name,
          const xmlChar *prefix,
          const xmlChar *uri)
{
  jx_xml_check_end_element (((DataCheck *) data)->check);
}

static void
data_text (void          *data,
           const xmlChar *text,
           int            len)
{
  jx_xml_check_text (((DataCheck *) data)->check, (const char *) text, len);
}

static void
data_doctype (void          *data,
              const xmlChar *name,
              const xmlChar *external_id,
              const xmlChar *system_id)
{
  DataCheck *dc = data;

  /* Entities and the like: the verdict is libxml2's validator's. Nothing
   * of the DOCTYPE is read (its entities would go into a document of the
   * parser's own). */
  jx_xml_check_fail (dc->check);
  xmlStopParser (dc->ctxt);
}

static void
data_error (void        *data,
            xmlErrorPtr  error)
{
}

static void
data_sax_handler (xmlSAXHandler *sax)
{
  memset (sax, 0, sizeof *sax);
  sax->initialized = XML_SAX2_MAGIC;
  sax->startElementNs = data_start;
  sax->endElementNs = data_end;
  sax->characters = data_text;
  sax->ignorableWhitespace = data_text;
  sax->cdataBlock = data_text;
  sax->internalSubset = data_doctype;
  sax->serror = data_error;
}

void
jx_xml_parser_free (xmlParserCtxtPtr ctxt)
{
  /* Declarations the parser kept for itself (a DOCTYPE read before a
   * callback stopped it) are in a document of its own, which is the
   * caller's to free. */
  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  ctxt->myDoc = NULL;
  xmlFreeParserCtxt (ctxt);
}

gboolean
jx_xml_check_data (const char *data,
                   gsize       len)
{
  const JxXmlGrammar *grammar = jx_xml_check_get_grammar ();
  DataCheck dc;
  xmlSAXHandler sax;
  xmlParserCtxtPtr ctxt;
  gboolean valid;

  g_return_val_if_fail (grammar != NULL, FALSE);
  g_return_val_if_fail (len <= G_MAXINT, FALSE);
  data_sax_handler (&sax);
  dc.check = jx_xml_check_new (grammar);
  dc.attrs = g_array_new (FALSE, FALSE, sizeof (JxXmlAttr));
  dc.pool = g_string_new (NULL);
  ctxt = dc.ctxt = xmlCreatePushParserCtxt (&sax, &dc, NULL, 0, NULL);
  if (ctxt == NULL)
    valid = FALSE;
  else
    {
      xmlCtxtUseOptions (ctxt, JX_XML_SAX_OPTIONS);
      xmlParseChunk (ctxt, data, (int) len, 1);
      valid = ctxt->wellFormed && jx_xml_check_end (dc.check);
      jx_xml_parser_free (ctxt);
    }
  jx_xml_check_free (dc.check);
  g_array_unref (dc.attrs);
  g_string_free (dc.pool, TRUE);
  return valid;
}
