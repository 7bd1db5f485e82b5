#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""jalons-cli backup create|list|restore: what it writes, what it refuses.

- create writes a 0600 backup in <name>-files/backups/ and says where;
- list shows it, newest first;
- restore succeeds and keeps the replaced content as another backup (the
  data coming back as at backup time is tests/store's round trip);
- a text file, an empty file, a truncated backup and a missing file are
  refused with exit status 1, a message naming the file, and nothing
  changed (database bytes and backups folder);
- bad usage (no action, unknown action, restore without FILE, create with
  a FILE) exits with 2.
"""
import os, stat, subprocess, sys, tempfile

cli = os.environ["JALONS_CLI"]
failures = 0
n = 0


def check(name, ok, detail=""):
    global failures, n
    n += 1
    print(("ok" if ok else "not ok") + f" {n} - {name}" + ("" if ok else f" # {detail}"))
    if not ok:
        failures += 1


def run(*args, timeout=60):
    p = subprocess.run([cli, *args], capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


with tempfile.TemporaryDirectory(prefix="jalons-cli-backup-") as d:
    db = os.path.join(d, "prog.db")
    backups = os.path.join(d, "prog-files", "backups")
    rc, out, err = run("demo", "--participants", "12", "--awards", "20", "--database", db)
    check("demo database built", rc == 0, err)

    rc, out, err = run("backup", "create", "--database", db)
    listing = sorted(os.listdir(backups)) if os.path.isdir(backups) else []
    check("create exits 0 and names the backup",
          rc == 0 and len(listing) >= 1 and listing[-1] in out, f"rc={rc} {out!r} {err!r} {listing}")
    first = os.path.join(backups, listing[-1]) if listing else ""
    check("the backup is 0600", first and stat.S_IMODE(os.stat(first).st_mode) == 0o600)

    rc, out, err = run("backup", "list", "--database", db)
    check("list shows the backup", rc == 0 and first in out, f"rc={rc} {out!r}")

    # (That the data comes back as it was is checked in tests/store.)
    rc, out, err = run("backup", "restore", "--database", db, first)
    after = sorted(os.listdir(backups))
    check("restore exits 0 and names the kept copy",
          rc == 0 and len(after) == len(listing) + 1 and after[-1] in out, f"rc={rc} {out!r} {err!r}")
    rc, out, err = run("backup", "list", "--database", db)
    check("the database still opens after a restore", rc == 0, err)

    text = os.path.join(d, "notes.txt")
    with open(text, "w") as f:
        f.write("Amina;Bruno\n")
    empty = os.path.join(d, "empty.db")
    open(empty, "wb").close()
    cut = os.path.join(d, "cut.db")
    with open(first, "rb") as f:
        data = f.read()
    with open(cut, "wb") as f:
        f.write(data[: len(data) // 2])
    missing = os.path.join(d, "missing.db")

    for label, path in [("a text file", text), ("an empty file", empty),
                        ("a truncated backup", cut), ("a missing file", missing)]:
        names_before = sorted(os.listdir(backups))
        with open(db, "rb") as f:
            db_before = f.read()
        rc, out, err = run("backup", "restore", "--database", db, path)
        with open(db, "rb") as f:
            db_after = f.read()
        check(f"restore refuses {label} (exit 1, file named, nothing changed)",
              rc == 1 and os.path.basename(path) in err and db_after == db_before
              and sorted(os.listdir(backups)) == names_before,
              f"rc={rc} {err!r}")

    for label, args in [("no action", []), ("an unknown action", ["copy"]),
                        ("restore without FILE", ["restore"]), ("create with a FILE", ["create", first])]:
        rc, out, err = run("backup", *args, "--database", db)
        check(f"usage error for {label} exits 2", rc == 2 and err.strip() != "", f"rc={rc} {err!r}")

print(f"1..{n}")
sys.exit(1 if failures else 0)
