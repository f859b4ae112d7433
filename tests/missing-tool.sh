#!/bin/sh
# missing-tool.sh: the stand-in for a test whose tool is not installed
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: missing-tool.sh PROGRAM DEBIAN-PACKAGE
echo "$1 not found: install the Debian package $2 (build-aux/jx-dev.sh deps installs it), then run meson setup --reconfigure" >&2
exit 1
