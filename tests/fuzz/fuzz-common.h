/* fuzz-common.h: what the fuzz targets share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with clang and
 * -fsanitize=fuzzer it is a libFuzzer program (build-aux/jx-dev.sh fuzz);
 * built with fuzz-replay.c it is a program of the normal suite that runs
 * the seed corpus and every input in tests/fixtures/fuzz-regressions/ through
 * the same entry point and the same oracle.
 */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>

#include "jx-init.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* An oracle failed: say which and stop, so that libFuzzer keeps the input
 * as a crash and the replay fails. */
#define FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        fprintf (stderr, "fuzz oracle failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
        abort (); \
      } \
  } G_STMT_END

static inline void
fuzz_init (void)
{
  static gboolean done;

  if (!done)
    {
      /* Messages in English; nothing is logged to the terminal per input. */
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      jx_init ();
      done = TRUE;
    }
}

/* @data as a NUL-terminated string (the entry points take C strings). */
static inline char *
fuzz_string (const uint8_t *data,
             size_t         size)
{
  return g_strndup ((const char *) data, size);
}
