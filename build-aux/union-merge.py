#!/usr/bin/env python3
# Resolves git conflict blocks by keeping both sides (ours, then theirs).
# For list-like files (meson source lists, POTFILES, .po) where two branches
# each appended their own entries.
import sys, re
for path in sys.argv[1:]:
    text = open(path, encoding='utf-8').read()
    text = re.sub(r'<<<<<<< [^\n]*\n(.*?)=======\n(.*?)>>>>>>> [^\n]*\n',
                  lambda m: m.group(1) + m.group(2), text, flags=re.S)
    open(path, 'w', encoding='utf-8').write(text)
