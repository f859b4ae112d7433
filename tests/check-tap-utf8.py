#!/usr/bin/env python3
# check-tap-utf8.py: the TAP a test program prints is UTF-8 text
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-tap-utf8.py PROGRAM...   Runs each with --tap and fails when its
# output is not valid UTF-8 (meson's log and CI readers choke on it), naming
# the line.
import os
import subprocess
import sys

status = 0
for program in sys.argv[1:]:
    # CHARSET=UTF-8: GLib passes messages through as they are, as in a UTF-8
    # locale, instead of escaping what is not UTF-8.
    env = dict(os.environ, CHARSET="UTF-8")
    out = subprocess.run([program, "--tap"], stdout=subprocess.PIPE, env=env,
                         stderr=subprocess.STDOUT, check=False).stdout
    for number, line in enumerate(out.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            print(f"{program}: line {number} of its output is not UTF-8 "
                  f"(byte {e.start + 1}): {line!r}")
            status = 1
if status == 0:
    print(f"the output of {len(sys.argv) - 1} programs is UTF-8")
sys.exit(status)
