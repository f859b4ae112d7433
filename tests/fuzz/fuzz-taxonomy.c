/* fuzz-taxonomy.c: category schemes (taxonomy JSON) are read
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "jx-taxonomy.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxTaxonomy) taxonomy = NULL;
  const char * const *categories;

  fuzz_init ();
  taxonomy = jx_taxonomy_new_from_bytes (bytes, "fuzz.json", &error);
  if (taxonomy == NULL)
    {
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  FUZZ_CHECK (jx_taxonomy_get_id (taxonomy) != NULL);
  /* Every category and sub-category it lists is one it knows. */
  categories = jx_taxonomy_get_categories (taxonomy);
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      const char * const *subs = jx_taxonomy_get_subcategories (taxonomy, categories[i]);

      FUZZ_CHECK (jx_taxonomy_has_category (taxonomy, categories[i]));
      for (guint j = 0; subs != NULL && subs[j] != NULL; j++)
        FUZZ_CHECK (jx_taxonomy_is_valid_pair (taxonomy, categories[i], subs[j]));
    }
  return 0;
}
