/* jx-test-util.c: helpers the test programs share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-util"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "jx-test-util.h"

void
jx_test_run_clear (JxTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
jx_test_run (JxTestRun          *run,
             const char         *lang,
             const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = argv[0] ? g_find_program_in_path (argv[0]) : NULL;

  if (found == NULL)
    g_error ("%s is not installed: build-aux/jx-dev.sh deps installs what the tests run "
             "(poppler-utils, libreoffice-calc-nogui); JX_CLI names jixiao-cli",
             argv[0] ? argv[0] : "the program");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", lang ? lang : "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", lang ? "zh_CN" : "", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  /* A crash is a status no command exits with. */
  run->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc)
                                                  : 128 + g_subprocess_get_term_sig (proc);
}

char *
jx_test_example_path (void)
{
  return g_build_filename (g_getenv ("JX_SOURCE_ROOT"), "data", "examples",
                           "guangzhou-organization-dept-2024.jixiao", NULL);
}

char *
jx_test_squeeze (const char *text,
                 gboolean    hyphens)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) && (hyphens || *p != '-'))
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

/* In the child, before Xvfb runs: SIGTERM when the parent dies (kept
 * across exec; Xvfb is not set-uid), and no start at all when it died
 * before this. */
static void
x_child_setup (gpointer data)
{
  pid_t parent = GPOINTER_TO_INT (data);

  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != parent)
    _exit (1);
}

GPid
jx_test_x_start (const char  *screen,
                 char       **display,
                 GError     **error)
{
  /* The same process group as the caller: meson's SIGTERM on a timeout
   * (to the test's group) reaches the server too. */
  const char *argv[] = { "Xvfb", "-displayfd", "1", "-screen", "0", screen,
                         "-nolisten", "tcp", NULL };
  g_autoptr(GString) number = g_string_new (NULL);
  GPid pid = 0;
  int out = -1;
  char c;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                 x_child_setup, GINT_TO_POINTER (getpid ()),
                                 &pid, NULL, &out, NULL, error))
    {
      g_prefix_error (error, "Cannot start Xvfb (Debian package xvfb): ");
      return 0;
    }
  /* Xvfb writes the display number once it accepts connections. */
  while (read (out, &c, 1) == 1 && c != '\n')
    g_string_append_c (number, c);
  close (out);
  if (number->len == 0)
    {
      jx_test_x_stop (pid);
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "Xvfb exited before it accepted connections (run “Xvfb -displayfd 1” to see why)");
      return 0;
    }
  *display = g_strdup_printf (":%s", number->str);
  return pid;
}

void
jx_test_x_stop (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (pid);
}
