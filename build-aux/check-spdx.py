#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source file of the project names its licence on its first lines.

  check-spdx.py SRCROOT          list the files without an SPDX line (exit 1 if any)
  check-spdx.py --fix SRCROOT    add the line where it is missing

Vendored data keeps its own licence (tests/conformance, the 1EdTech corpus,
the JSON-LD contexts, fuzz corpora, fixtures) and is left out.
"""
import os
import sys

LICENCE = "SPDX-License-Identifier: GPL-3.0-or-later"
ROOTS = ["src", "data", "tests", "build-aux", "po", ".ci"]
TOP_FILES = ["meson.build", "meson_options.txt", "meson.options"]
SKIP_DIRS = {
    "tests/conformance", "tests/openbadges/data", "tests/differential/corpus",
    "tests/differential/node_modules", "tests/fuzz/corpus", "tests/fuzz/crashers",
    "data/contexts", "data/pictograms",
}
SKIP_NAMES = {"fixtures", "vectors", "node_modules", "__pycache__"}


def style(path):
    """How a comment is written in @path, or None when it is not source."""
    name = os.path.basename(path)
    if name.endswith((".c", ".h", ".css")):
        return "c"
    if name.endswith((".ui", ".xml", ".xml.in")) and not name.endswith(".svg"):
        return "xml"
    if name in ("meson.build", "meson_options.txt", "meson.options", "POTFILES.in") \
            or name.endswith((".sh", ".py", ".desktop.in")):
        return "hash"
    if path.endswith(".ci/run"):
        return "hash"
    return None


def has_licence(text):
    return LICENCE in "\n".join(text.splitlines()[:4])


def add_licence(text, kind):
    lines = text.splitlines(keepends=True)
    at = 0
    if kind == "c":
        line = "/* %s */\n" % LICENCE
    elif kind == "hash":
        line = "# %s\n" % LICENCE
        if lines and lines[0].startswith("#!"):
            at = 1
    else:
        line = "<!-- %s -->\n" % LICENCE
        if lines and lines[0].startswith("<?xml"):
            at = 1
    lines.insert(at, line)
    return "".join(lines)


def sources(root):
    for top in TOP_FILES:
        if os.path.isfile(os.path.join(root, top)):
            yield top
    for base in ROOTS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, base)):
            rel_dir = os.path.relpath(dirpath, root)
            dirnames[:] = sorted(d for d in dirnames
                                 if d not in SKIP_NAMES
                                 and os.path.join(rel_dir, d) not in SKIP_DIRS)
            for name in sorted(filenames):
                rel = os.path.join(rel_dir, name)
                if style(rel) is not None:
                    yield rel


def main(argv):
    fix = "--fix" in argv
    args = [a for a in argv if a != "--fix"]
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = args[0]
    missing = []
    for rel in sources(root):
        path = os.path.join(root, rel)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if has_licence(text):
            continue
        if fix:
            with open(path, "w", encoding="utf-8") as f:
                f.write(add_licence(text, style(rel)))
        else:
            missing.append(rel)
    if missing:
        print("Files without an SPDX licence line (build-aux/check-spdx.py --fix . adds it):")
        for rel in missing:
            print("  " + rel)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
