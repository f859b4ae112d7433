/* jx-test-util.h: helpers the test programs share (running a program,
 * the example document, an X server of their own)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a program run gave: its exit status (128 + the signal when it was
 * killed, as a shell says), its standard output and error. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} JxTestRun;

void  jx_test_run_clear    (JxTestRun          *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JxTestRun, jx_test_run_clear)

/* Runs @argv (NULL-terminated) with LC_ALL=@lang (C.UTF-8 when NULL; with
 * a @lang, LANGUAGE=zh_CN). A program that is not installed fails the test
 * with a message saying how to install it. */
void  jx_test_run          (JxTestRun          *run,
                            const char         *lang,
                            const char * const *argv);

/* @text without any white space (a name wrapped in its cell of a PDF reads
 * whole); without hyphens too unless @hyphens (pdftotext drops them at the
 * end of a line). */
char *jx_test_squeeze      (const char         *text,
                            gboolean            hyphens);

/* data/examples/guangzhou-organization-dept-2024.jixiao in the source tree. */
char *jx_test_example_path (void);

/* Starts an Xvfb server (Debian package xvfb) of the caller's own, one
 * screen of @screen ("1920x1200x24"), and returns once it accepts
 * connections: its process, and its display name (":N") in @display.
 * Xvfb picks a free display number itself (-displayfd), so programs
 * starting servers at the same moment never race for one (and it writes
 * no /tmp/.X*-lock). The server ends with the caller however the caller
 * ends (exit, crash, SIGKILL: the kernel sends the server SIGTERM, and
 * Xvfb then removes its socket); call it from the main thread, as the
 * kernel's signal comes when the thread that started the server ends.
 * Stop it earlier with jx_test_x_stop(). 0 and @error when Xvfb could not
 * start. */
GPid  jx_test_x_start      (const char         *screen,
                            char              **display,
                            GError            **error);

void  jx_test_x_stop       (GPid                pid);

G_END_DECLS
