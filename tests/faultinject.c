/* faultinject.c: an LD_PRELOAD shim that makes file system calls fail
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loaded with LD_PRELOAD into a test (test-faultinject) or into jixiao-cli,
 * it stands in for write(), fsync(), fdatasync(), close(), rename(),
 * renameat(), renameat2() and link(), and while armed makes some of them
 * fail the way a failing or full disk does:
 *
 *   - the Nth of these calls fails with EIO or ENOSPC;
 *   - or the Nth write() writes only part of what it was given, and every
 *     later write() to that file fails with ENOSPC (a disk that fills up);
 *   - or each call fails with a probability, from a seeded generator.
 *
 * Writes to standard input, output and error are never touched (the test
 * reports through them). Armed through the functions below (found with
 * dlsym() by the test), or for a whole process through the environment:
 *   JX_FAULT_NTH=N JX_FAULT_MODE=eio|enospc|short   or
 *   JX_FAULT_SEED=S JX_FAULT_PERCENT=P
 * A process armed through the environment prints "faultinject: N injected"
 * to standard error at exit.
 */
#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum { MODE_OFF, MODE_EIO, MODE_ENOSPC, MODE_SHORT, MODE_RANDOM };

static int      mode;
static unsigned nth;          /* MODE_EIO, MODE_ENOSPC, MODE_SHORT: which call */
static unsigned calls;        /* calls counted since arming */
static unsigned injected;     /* failures injected since the process started */
static uint64_t rng;          /* MODE_RANDOM */
static unsigned percent;
static int      full_fd = -1; /* after a short write: the file that is "full" */
static int      from_env;

/* The interface for tests (looked up with dlsym). */
void     jx_fault_arm      (int which, unsigned n);
void     jx_fault_random   (unsigned long long seed, unsigned p);
void     jx_fault_disarm   (void);
unsigned jx_fault_injected (void);
unsigned jx_fault_calls    (void);

void
jx_fault_arm (int which, unsigned n)
{
  mode = which;
  nth = n;
  calls = 0;
  full_fd = -1;
}

void
jx_fault_random (unsigned long long seed, unsigned p)
{
  mode = MODE_RANDOM;
  rng = seed * 2654435761u + 1;
  percent = p;
  calls = 0;
  full_fd = -1;
}

void
jx_fault_disarm (void)
{
  mode = MODE_OFF;
  full_fd = -1;
}

unsigned
jx_fault_injected (void)
{
  return injected;
}

unsigned
jx_fault_calls (void)
{
  return calls;
}

static uint64_t
next_random (void)
{
  /* xorshift64* */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 2685821657736338717ull;
}

/* Whether this call fails; sets errno when it does. */
static int
should_fail (void)
{
  if (mode == MODE_OFF)
    return 0;
  calls++;
  if (mode == MODE_RANDOM)
    {
      if (next_random () % 100 < percent)
        {
          injected++;
          errno = (next_random () & 1) ? EIO : ENOSPC;
          return 1;
        }
      return 0;
    }
  if (calls != nth || mode == MODE_SHORT)
    return 0;
  injected++;
  errno = mode == MODE_EIO ? EIO : ENOSPC;
  return 1;
}

#define REAL(name) \
  static __typeof__ (name) *real_##name; \
  if (real_##name == NULL) \
    real_##name = (__typeof__ (name) *) dlsym (RTLD_NEXT, #name)

ssize_t
write (int fd, const void *buf, size_t count)
{
  REAL (write);
  if (fd > 2 && mode != MODE_OFF)
    {
      if (fd == full_fd)
        {
          injected++;
          errno = ENOSPC;
          return -1;
        }
      if (should_fail ())
        return -1;
      if (mode == MODE_SHORT && calls == nth && count > 1)
        {
          /* Part of it fits; the disk is then full. */
          injected++;
          full_fd = fd;
          return real_write (fd, buf, count / 2);
        }
    }
  return real_write (fd, buf, count);
}

int
fsync (int fd)
{
  REAL (fsync);
  if (fd > 2 && should_fail ())
    return -1;
  return real_fsync (fd);
}

int
fdatasync (int fd)
{
  REAL (fdatasync);
  if (fd > 2 && should_fail ())
    return -1;
  return real_fdatasync (fd);
}

int
close (int fd)
{
  REAL (close);
  if (fd == full_fd)
    full_fd = -1;
  if (fd > 2 && should_fail ())
    {
      /* As on Linux: the descriptor is gone even when close() fails. */
      int saved = errno;

      real_close (fd);
      errno = saved;
      return -1;
    }
  return real_close (fd);
}

int
rename (const char *from, const char *to)
{
  REAL (rename);
  if (should_fail ())
    return -1;
  return real_rename (from, to);
}

int
renameat (int from_dir, const char *from, int to_dir, const char *to)
{
  REAL (renameat);
  if (should_fail ())
    return -1;
  return real_renameat (from_dir, from, to_dir, to);
}

int
renameat2 (int from_dir, const char *from, int to_dir, const char *to, unsigned flags)
{
  REAL (renameat2);
  if (should_fail ())
    return -1;
  return real_renameat2 (from_dir, from, to_dir, to, flags);
}

int
link (const char *from, const char *to)
{
  REAL (link);
  if (should_fail ())
    return -1;
  return real_link (from, to);
}

int
linkat (int from_dir, const char *from, int to_dir, const char *to, int flags)
{
  REAL (linkat);
  if (should_fail ())
    return -1;
  return real_linkat (from_dir, from, to_dir, to, flags);
}

static void
report_at_exit (void)
{
  char line[64];
  int n;

  if (!from_env)
    return;
  mode = MODE_OFF;
  n = snprintf (line, sizeof line, "faultinject: %u injected\n", injected);
  if (n > 0)
    {
      REAL (write);
      real_write (2, line, (size_t) n);
    }
}

__attribute__((constructor)) static void
arm_from_environment (void)
{
  const char *n = getenv ("JX_FAULT_NTH");
  const char *m = getenv ("JX_FAULT_MODE");
  const char *seed = getenv ("JX_FAULT_SEED");
  const char *p = getenv ("JX_FAULT_PERCENT");

  if (n != NULL)
    {
      int which = MODE_EIO;

      if (m != NULL && strcmp (m, "enospc") == 0)
        which = MODE_ENOSPC;
      else if (m != NULL && strcmp (m, "short") == 0)
        which = MODE_SHORT;
      jx_fault_arm (which, (unsigned) strtoul (n, NULL, 10));
      from_env = 1;
    }
  else if (seed != NULL)
    {
      jx_fault_random (strtoull (seed, NULL, 10), p ? (unsigned) strtoul (p, NULL, 10) : 20);
      from_env = 1;
    }
  if (from_env)
    atexit (report_at_exit);
}
