/* test-schema.c: the loader's own schema walk agrees with data/jixiao.rng
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader checks the format with its own walk (src/core/jx-xml-check.c)
 * instead of libxml2's RelaxNG validator, so that a file is parsed once.
 * The schema stays the published contract: here every fixture, a generated
 * table, a document using every part of the format and thousands of
 * deterministic mutations of them (elements and attributes deleted,
 * duplicated, renamed, moved, bad values, wrong namespaces, text where none
 * belongs, unknown attributes…) go through both the walk and libxml2's
 * RelaxNG validator with data/jixiao.rng (what `xmllint --relaxng` does),
 * and their verdicts must agree. Whatever the schema holds, the walk is
 * compiled from it, so a change to the format is covered here too.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "jx-annotation.h"
#include "jx-funding-unit.h"
#include "jx-gen.h"
#include "jx-indicator.h"
#include "jx-init.h"
#include "jx-project.h"
#include "jx-xml.h"
#include "jx-xml-check-private.h"
#include "jx-xml-private.h"

#define NS "urn:jixiao:targets:1"
#define N_MUTANTS 4000

/* Every element and attribute of format 2, comments and CDATA included. */
static const char every_part[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- a comment -->\n"
  "<table xmlns=\"urn:jixiao:targets:1\" format=\"2\" year=\"2025\" unit=\"万元\" taxonomy=\"guangdong-2020\">\n"
  "  <department>部门</department>\n"
  "  <title>标题<![CDATA[ & more]]></title>\n"
  "  <previous year=\"2024\" unit=\"元\" taxonomy=\"t\">\n"
  "    <department>旧部门</department>\n"
  "    <title>旧标题</title>\n"
  "  </previous>\n"
  "  <funding-unit id=\"u1\" name=\"单位\">\n"
  "    <previous year=\"2024\" name=\"旧单位\"/>\n"
  "    <project id=\"p1\" fiscal=\"10.00\" special=\"0.00\" other=\"-1.50\" confidential=\"false\">\n"
  "      <name>项目</name>\n"
  "      <goal>目标</goal>\n"
  "      <previous year=\"2024\" fiscal=\"9.00\" special=\"1.00\" other=\"0.00\" confidential=\"true\">\n"
  "        <name>旧项目</name>\n"
  "        <goal>旧目标</goal>\n"
  "      </previous>\n"
  "      <indicator id=\"i1\" category=\"1\" subcategory=\"11\">\n"
  "        <name>指标</name>\n"
  "        <cycle-value>100%</cycle-value>\n"
  "        <annual-value>100%</annual-value>\n"
  "        <previous year=\"2024\" category=\"1\" subcategory=\"12\">\n"
  "          <name>旧指标</name>\n"
  "          <cycle-value>90%</cycle-value>\n"
  "          <annual-value/>\n"
  "        </previous>\n"
  "      </indicator>\n"
  "      <indicator id=\"i2\" category=\"3\" subcategory=\"31\">\n"
  "        <name/><cycle-value/><annual-value/>\n"
  "      </indicator>\n"
  "    </project>\n"
  "    <project id=\"p2\" fiscal=\"0.00\" special=\"0.00\" other=\"0.00\">\n"
  "      <name>二</name><goal/>\n"
  "    </project>\n"
  "  </funding-unit>\n"
  "  <funding-unit id=\"u2\" name=\"\"/>\n"
  "  <annotations>\n"
  "    <annotation id=\"a1\" target=\"p1\" field=\"fiscal\" author=\"李\" time=\"t\" resolved=\"false\">\n"
  "      <text>批注</text>\n"
  "      <annotation id=\"a2\" author=\"王\" time=\"t\" resolved=\"true\">\n"
  "        <text>回复</text>\n"
  "        <annotation id=\"a3\" author=\"王\" time=\"t\" resolved=\"false\"><text/></annotation>\n"
  "      </annotation>\n"
  "    </annotation>\n"
  "    <annotation id=\"a4\" target=\"\" author=\"李\" time=\"t\" resolved=\"true\"><text/></annotation>\n"
  "  </annotations>\n"
  "</table>\n";

static const char *element_names[] = {
  "table", "department", "title", "previous", "funding-unit", "project", "indicator", "name",
  "goal", "cycle-value", "annual-value", "annotations", "annotation", "text", "unknown",
};

static const char *attribute_names[] = {
  "id", "name", "year", "format", "unit", "taxonomy", "fiscal", "special", "other", "confidential",
  "category", "subcategory", "target", "field", "author", "time", "resolved", "bogus",
};

/* Good and bad values for every type of the schema. */
static const char *values[] = {
  "", " ", "x", "0", "1", "2", "-1", "+1", "007", "9999", "10000", "2024", " 2024 ", "\t2024\n",
  "1.5", "12.34", "-0.00", "0.001", "1e3", "1,000.00", ".5", "5.", "-", "+3.00", " 3.00 ",
  "true", "false", " true ", "TRUE", "yes", "true false", "p1", "p 1", "p1 ", "u-1.x_y:z",
  "名", "１２", "99999999999999999999.99", "123456789012345678901234567890", "0x10", "NaN",
  "2147483647", "2147483648", "-2147483649", "&", "<", "a\"b",
};

static xmlRelaxNGPtr
load_schema (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("JX_SOURCE_ROOT"), "data", "jixiao.rng", NULL);
  xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt (path);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (parser);

  xmlRelaxNGFreeParserCtxt (parser);
  g_assert_nonnull (schema);
  return schema;
}

static void
quiet (void        *data,
       xmlErrorPtr  error)
{
}

/* libxml2's verdict, as `xmllint --noout --relaxng data/jixiao.rng`. */
static gboolean
relaxng_valid (xmlRelaxNGPtr  schema,
               const char    *data,
               gsize          len)
{
  xmlDocPtr doc = xmlReadMemory (data, (int) len, "mutant", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                 XML_PARSE_NOWARNING);
  xmlRelaxNGValidCtxtPtr ctxt;
  gboolean valid;

  if (doc == NULL)
    return FALSE;
  ctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (ctxt, quiet, NULL);
  valid = xmlRelaxNGValidateDoc (ctxt, doc) == 0;
  xmlRelaxNGFreeValidCtxt (ctxt);
  xmlFreeDoc (doc);
  return valid;
}

typedef struct
{
  xmlRelaxNGPtr schema;
  guint         valid;
  guint         invalid;
  guint         loaded;
  guint         first_pass;   /* loaded by the first pass alone */
} Corpus;

/* The nodes under @a and @b have the same ids and lines, in order. */
static gboolean
same_nodes (JxNode *a,
            JxNode *b)
{
  const GType types[] = { JX_TYPE_FUNDING_UNIT, JX_TYPE_PROJECT, JX_TYPE_INDICATOR, JX_TYPE_ANNOTATION };

  if (g_strcmp0 (jx_node_get_id (a), jx_node_get_id (b)) != 0 || jx_node_get_line (a) != jx_node_get_line (b))
    {
      g_test_message ("node %s on line %u, and %s on line %u", jx_node_get_id (a), jx_node_get_line (a),
                      jx_node_get_id (b), jx_node_get_line (b));
      return FALSE;
    }
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      GListModel *ca = jx_node_get_children (a, types[t]);
      GListModel *cb = jx_node_get_children (b, types[t]);
      guint n = ca ? g_list_model_get_n_items (ca) : 0;

      if (n != (cb ? g_list_model_get_n_items (cb) : 0))
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(JxNode) na = g_list_model_get_item (ca, i);
          g_autoptr(JxNode) nb = g_list_model_get_item (cb, i);

          if (!same_nodes (na, nb))
            return FALSE;
        }
    }
  return TRUE;
}

/* What the first pass reads, the second reads alike: the same table,
 * written out byte for byte the same, with every node on the same line. */
static void
assert_passes_agree (Corpus     *corpus,
                     const char *what,
                     GBytes     *bytes)
{
  g_autoptr(JxDocument) first = jx_xml_load_bytes_pass (bytes, what, JX_XML_PASS_FIRST, NULL, NULL);
  g_autoptr(JxDocument) second = NULL;
  g_autoptr(GBytes) first_out = NULL;
  g_autoptr(GBytes) second_out = NULL;

  if (first == NULL)
    return;
  corpus->first_pass++;
  second = jx_xml_load_bytes_pass (bytes, what, JX_XML_PASS_SECOND, NULL, NULL);
  if (second == NULL)
    {
      g_test_message ("%s: the first pass read what the second refuses:\n%s", what,
                      (const char *) g_bytes_get_data (bytes, NULL));
      g_test_fail ();
      return;
    }
  first_out = jx_xml_write (first, NULL);
  second_out = jx_xml_write (second, NULL);
  if (first_out == NULL || second_out == NULL || !g_bytes_equal (first_out, second_out) ||
      !same_nodes (JX_NODE (first), JX_NODE (second)))
    {
      g_test_message ("%s: the two passes read it differently:\n%s\n-- first pass wrote --\n%.*s", what,
                      (const char *) g_bytes_get_data (bytes, NULL),
                      first_out ? (int) g_bytes_get_size (first_out) : 0,
                      first_out ? (const char *) g_bytes_get_data (first_out, NULL) : "");
      g_test_fail ();
    }
}

/* Both verdicts on @data, and the loader's: it never accepts (in the
 * formats this build knows) what the schema refuses. */
static void
assert_agree (Corpus     *corpus,
              const char *what,
              const char *data,
              gsize       len)
{
  gboolean expected = relaxng_valid (corpus->schema, data, len);
  gboolean walked = jx_xml_check_data (data, len);
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(JxDocument) document = jx_xml_load_bytes (bytes, what, NULL, NULL);

  /* A DOCTYPE is refused before any schema (tests/fixtures/cli/xxe.jixiao);
   * the walk leaves its entities to libxml2, which the schema may pass. */
  if (g_strstr_len (data, len, "<!DOCTYPE") != NULL)
    {
      g_assert_null (document);
      corpus->invalid++;
      return;
    }
  if (walked != expected)
    {
      g_test_message ("%s: the schema says %s, the loader's walk %s:\n%.*s", what,
                      expected ? "valid" : "invalid", walked ? "valid" : "invalid", (int) len, data);
      g_test_fail ();
    }
  if (document != NULL && !jx_document_is_read_only (document) && !expected)
    {
      g_test_message ("%s: loaded although the schema refuses it:\n%.*s", what, (int) len, data);
      g_test_fail ();
    }
  corpus->loaded += document != NULL;
  assert_passes_agree (corpus, what, bytes);
  if (expected)
    corpus->valid++;
  else
    corpus->invalid++;
}

static void
collect (xmlNodePtr  node,
         GPtrArray  *elements,
         GPtrArray  *attributes)
{
  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      {
        g_ptr_array_add (elements, node);
        for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
          g_ptr_array_add (attributes, a);
        collect (node->children, elements, attributes);
      }
}

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* One mutation of @doc; FALSE if it found nothing to work on. */
static gboolean
mutate (xmlDocPtr  doc,
        GRand     *rand)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  g_autoptr(GPtrArray) attributes = g_ptr_array_new ();
  xmlNodePtr root = xmlDocGetRootElement (doc);
  xmlNodePtr e, n;
  xmlAttrPtr a;
  xmlNsPtr ns;

  collect (root, elements, attributes);
  e = g_ptr_array_index (elements, g_rand_int_range (rand, 0, elements->len));
  a = attributes->len > 0 ? g_ptr_array_index (attributes, g_rand_int_range (rand, 0, attributes->len)) : NULL;
  ns = xmlSearchNsByHref (doc, root, BAD_CAST NS);

  switch (g_rand_int_range (rand, 0, 18))
    {
    case 0: /* delete an element */
      if (e == root)
        return FALSE;
      xmlUnlinkNode (e);
      xmlFreeNode (e);
      break;
    case 1: /* duplicate one */
      if (e == root)
        return FALSE;
      xmlAddNextSibling (e, xmlDocCopyNode (e, doc, 1));
      break;
    case 2: /* rename one */
      xmlNodeSetName (e, BAD_CAST PICK (rand, element_names));
      break;
    case 3: /* delete an attribute */
      if (a == NULL)
        return FALSE;
      xmlRemoveProp (a);
      break;
    case 4: /* add one, known here or elsewhere */
      xmlSetProp (e, BAD_CAST PICK (rand, attribute_names), BAD_CAST PICK (rand, values));
      break;
    case 5: case 6: /* a value, good or bad */
      if (a == NULL)
        return FALSE;
      xmlSetProp (a->parent, a->name, BAD_CAST PICK (rand, values));
      break;
    case 7: /* the wrong namespace, or none */
      if (g_rand_boolean (rand))
        xmlSetNs (e, xmlNewNs (e, BAD_CAST "urn:jixiao:targets:2", BAD_CAST "o"));
      else
        xmlSetNs (e, NULL);
      break;
    case 8: /* text, perhaps only white space, where it may not belong */
      n = xmlNewDocText (doc, BAD_CAST (g_rand_boolean (rand) ? "x" : g_rand_boolean (rand) ? " \n " : "\t"));
      if (g_rand_boolean (rand) && e->children != NULL)
        xmlAddPrevSibling (e->children, n);
      else
        xmlAddChild (e, n);
      break;
    case 9: /* a child element */
      n = xmlNewDocNode (doc, ns, BAD_CAST PICK (rand, element_names), NULL);
      if (g_rand_boolean (rand) && e->children != NULL)
        xmlAddPrevSibling (e->children, n);
      else
        xmlAddChild (e, n);
      break;
    case 10: /* swap with the next element */
      for (n = e->next; n != NULL && n->type != XML_ELEMENT_NODE; n = n->next)
        ;
      if (n == NULL)
        return FALSE;
      xmlUnlinkNode (n);
      xmlAddPrevSibling (e, n);
      break;
    case 11: /* an attribute in a namespace */
      if (g_rand_boolean (rand))
        xmlNodeSetLang (e, BAD_CAST "zh");
      else
        xmlSetNsProp (e, xmlNewNs (e, BAD_CAST "urn:other", BAD_CAST "x"), BAD_CAST "id", BAD_CAST "p9");
      break;
    case 12: /* empty its content */
      while (e->children != NULL)
        {
          n = e->children;
          xmlUnlinkNode (n);
          xmlFreeNode (n);
        }
      break;
    case 13: /* a comment or processing instruction: harmless */
      xmlAddChild (e, g_rand_boolean (rand) ? xmlNewDocComment (doc, BAD_CAST " c ")
                                            : xmlNewDocPI (doc, BAD_CAST "pi", BAD_CAST "x"));
      break;
    case 14: /* CDATA */
      xmlAddChild (e, xmlNewCDataBlock (doc, BAD_CAST (g_rand_boolean (rand) ? "c" : " "), 1));
      break;
    case 15: /* move an element up into its grandparent */
      if (e == root || e->parent == root)
        return FALSE;
      n = g_rand_boolean (rand) ? root : e->parent->parent;
      xmlUnlinkNode (e);
      xmlAddChild (n, e);
      break;
    case 16: /* an attribute as an element and the other way round */
      if (a == NULL)
        return FALSE;
      {
        xmlChar *v = xmlNodeGetContent ((xmlNodePtr) a);
        xmlNewTextChild (a->parent, ns, a->name, v);
        xmlFree (v);
      }
      break;
    case 17: /* blanks, markup and references around the text of an element */
      {
        const char *blanks = g_rand_boolean (rand) ? " " : "\n  ";
        xmlNodePtr first = e->children;

        switch (g_rand_int_range (rand, 0, 4))
          {
          case 0:
            n = xmlNewDocComment (doc, BAD_CAST "c");
            break;
          case 1:
            n = xmlNewDocPI (doc, BAD_CAST "pi", NULL);
            break;
          case 2:
            n = xmlNewCDataBlock (doc, BAD_CAST "x", 1);
            break;
          default:
            n = xmlNewCharRef (doc, BAD_CAST (g_rand_boolean (rand) ? "&#32;" : "&amp;"));
            break;
          }
        if (first != NULL)
          xmlAddPrevSibling (first, n);
        else
          xmlAddChild (e, n);
        xmlAddPrevSibling (n, xmlNewDocText (doc, BAD_CAST blanks));
        if (g_rand_boolean (rand))
          xmlAddNextSibling (n, xmlNewDocText (doc, BAD_CAST blanks));
      }
      break;
    }
  return TRUE;
}

static GPtrArray *
base_documents (void)
{
  GPtrArray *bases = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  const char *dirs[] = { "", "cli", "rules" };
  g_autoptr(JxDocument) generated = jx_gen_document (12, 7);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir_path = g_build_filename (fixtures, dirs[d], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".jixiao"))
          {
            g_autofree char *path = g_build_filename (dir_path, name, NULL);
            char *contents;
            gsize len;

            g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
            g_ptr_array_add (bases, g_bytes_new_take (contents, len));
          }
    }
  g_assert_cmpuint (bases->len, >=, 5);
  g_ptr_array_add (bases, g_bytes_new_static (every_part, sizeof every_part - 1));
  bytes = jx_xml_write (generated, &error);
  g_assert_no_error (error);
  g_ptr_array_add (bases, bytes);
  return bases;
}

static void
test_schema_agrees (void)
{
  Corpus corpus = { load_schema (), };
  g_autoptr(GPtrArray) bases = base_documents ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint made = 0;

  g_assert_nonnull (jx_xml_check_get_grammar ());

  /* The documents themselves. */
  for (guint i = 0; i < bases->len; i++)
    {
      gsize len;
      const char *data = g_bytes_get_data (g_ptr_array_index (bases, i), &len);

      assert_agree (&corpus, "base document", data, len);
    }
  /* The one with every part is valid, or the corpus tests less than it says. */
  g_assert_true (relaxng_valid (corpus.schema, every_part, sizeof every_part - 1));

  while (made < N_MUTANTS)
    {
      GBytes *base = g_ptr_array_index (bases, g_rand_int_range (rand, 0, bases->len));
      gsize len;
      const char *data = g_bytes_get_data (base, &len);
      xmlDocPtr doc = xmlReadMemory (data, (int) len, "base", NULL,
                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
      guint n_mutations = g_rand_int_range (rand, 1, 4);
      gboolean changed = FALSE;
      xmlChar *out = NULL;
      int out_len = 0;
      g_autofree char *what = NULL;

      if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
        {
          xmlFreeDoc (doc);
          continue;
        }
      for (guint m = 0; m < n_mutations; m++)
        changed |= mutate (doc, rand);
      if (!changed)
        {
          xmlFreeDoc (doc);
          continue;
        }
      xmlDocDumpMemoryEnc (doc, &out, &out_len, "UTF-8");
      what = g_strdup_printf ("mutant %u", made);
      assert_agree (&corpus, what, (const char *) out, out_len);
      xmlFree (out);
      xmlFreeDoc (doc);
      made++;
    }

  g_test_message ("%u documents: %u valid, %u invalid, %u loaded, %u by the first pass alone",
                  corpus.valid + corpus.invalid, corpus.valid, corpus.invalid, corpus.loaded,
                  corpus.first_pass);
  /* A corpus all of one verdict would prove nothing. */
  g_assert_cmpuint (corpus.valid, >=, N_MUTANTS / 20);
  g_assert_cmpuint (corpus.invalid, >=, N_MUTANTS / 2);
  g_assert_cmpuint (corpus.first_pass, >=, N_MUTANTS / 20);
  xmlRelaxNGFree (corpus.schema);
}

/* Loads @data by the first pass alone, which must read it, as the second. */
static void
assert_first_pass_reads (const char *what,
                         GBytes     *bytes)
{
  Corpus corpus = { NULL, };
  g_autoptr(JxDocument) first = jx_xml_load_bytes_pass (bytes, what, JX_XML_PASS_FIRST, NULL, NULL);

  if (first == NULL)
    {
      g_test_message ("%s: the first pass left it to the second", what);
      g_test_fail ();
      return;
    }
  assert_passes_agree (&corpus, what, bytes);
  g_assert_cmpuint (corpus.first_pass, ==, 1);
}

/* Every ordinary table is read in one parse: the example, the fixtures, a
 * generated table (many blocks of events), the every-part document without
 * its CDATA, and elements whose attributes or text are larger than a block
 * of events. A file silently left to the reader's pass would still load,
 * only twice as slowly: this is what notices. */
static void
test_first_pass_reads_ordinary_tables (void)
{
  const char *fixtures[] = { "full.jixiao", "minimal.jixiao", "sichuan.jixiao", "central-4-decimals.jixiao" };
  /* Over 256 KiB: the parser is handed several chunks. */
  g_autoptr(JxDocument) generated = jx_gen_document (400, 3);
  g_autoptr(GBytes) written = jx_xml_write (generated, NULL);
  g_autoptr(GString) plain = g_string_new (every_part);
  g_autoptr(GString) large = g_string_new (NULL);
  g_autofree char *example_path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                         "guangzhou-organization-dept-2024.jixiao", NULL);
  char *contents;
  gsize len;

  g_assert_true (g_file_get_contents (example_path, &contents, &len, NULL));
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (contents, len);
    g_autoptr(GString) windows = g_string_new ("\xEF\xBB\xBF");
    g_autoptr(GBytes) windows_bytes = NULL;

    assert_first_pass_reads ("the example", bytes);
    /* As a Windows editor saves it: a byte-order mark, CR LF line ends. */
    g_string_append_len (windows, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_string_replace (windows, "\n", "\r\n", 0);
    windows_bytes = g_bytes_new (windows->str, windows->len);
    assert_first_pass_reads ("the example with a BOM and CR LF", windows_bytes);
  }
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", fixtures[i], NULL);
      g_autoptr(GBytes) bytes = NULL;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      bytes = g_bytes_new_take (contents, len);
      assert_first_pass_reads (fixtures[i], bytes);
    }
  g_assert_nonnull (written);
  g_assert_cmpuint (g_bytes_get_size (written), >, 2 * 256 * 1024);
  assert_first_pass_reads ("a generated table", written);

  g_string_replace (plain, "<![CDATA[ & more]]>", " &amp; more", 1);
  g_string_replace (plain, "<!-- a comment -->\n", "", 1);
  {
    g_autoptr(GBytes) bytes = g_bytes_new (plain->str, plain->len);
    assert_first_pass_reads ("every part without CDATA", bytes);
  }

  g_string_append (large, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<table xmlns=\"urn:jixiao:targets:1\" format=\"1\" year=\"2025\" unit=\"万元\" "
                          "taxonomy=\"guangdong-2020\">\n  <department>部门</department>\n  <title>标题</title>\n"
                          "  <funding-unit id=\"u1\" name=\"");
  for (guint i = 0; i < 3000; i++)
    g_string_append (large, i % 10 == 0 ? "单" : "a");
  g_string_append (large, "\">\n    <project id=\"p1\" fiscal=\"1.00\" special=\"0.00\" other=\"0.00\">\n"
                          "      <name>项目</name>\n      <goal>");
  for (guint i = 0; i < 5000; i++)
    g_string_append (large, i % 7 == 0 ? "&amp;" : "目");
  g_string_append (large, "</goal>\n    </project>\n  </funding-unit>\n</table>\n");
  {
    g_autoptr(GBytes) bytes = g_bytes_new (large->str, large->len);
    assert_first_pass_reads ("a long name and goal", bytes);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  jx_init ();
  g_test_add_func ("/schema/walk-agrees-with-relaxng", test_schema_agrees);
  g_test_add_func ("/schema/first-pass-reads-ordinary-tables", test_first_pass_reads_ordinary_tables);
  return g_test_run ();
}
