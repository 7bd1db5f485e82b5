#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""jalons-cli erase: refusals, what it prints, what it leaves, exit codes.

- without --yes it says whom and what it would erase, exits 1 and
  changes nothing;
- with --yes it erases (0): the row is marked erased, the person's salt
  and e-mail are in neither the database file nor its WAL;
- a second erase, an unknown id and a missing database exit 1 with a
  message (the missing database is not created);
- --candidates prints one id a line, by the rule, at the --at date given
  (never the clock), never an erased id;
- bad usage exits 2; the verb and its exit codes are in the help.
"""
import os, sqlite3, subprocess, sys, tempfile

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


def row(db, pid):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT first_name, last_name, email, recipient_salt, erased_at, archived "
                           "FROM participants WHERE id = ?", (pid,)).fetchone()
    finally:
        con.close()


def raw_holds(db, needle):
    data = needle.encode("utf-8")
    for path in (db, db + "-wal"):
        if os.path.exists(path):
            with open(path, "rb") as f:
                if data in f.read():
                    return True
    return False


with tempfile.TemporaryDirectory(prefix="jalons-cli-erase-") as d:
    db = os.path.join(d, "prog.db")
    rc, out, err = run("demo", "--participants", "12", "--awards", "20", "--database", db)
    check("demo database built", rc == 0, err)

    # Bad usage: 2, nothing done.
    for args, what in ((["erase"], "no action"),
                       (["erase", "--participant", "1", "--candidates"], "two actions"),
                       (["erase", "--yes"], "--yes alone"),
                       (["erase", "--participant", "1", "--months", "3"], "--months without --candidates"),
                       (["erase", "--candidates", "--at", "not-a-date"], "a bad date"),
                       (["erase", "--candidates", "--months", "-4"], "negative months"),
                       (["erase", "--participant", "-2"], "a negative id"),
                       (["erase", "--participant", "1", "stray"], "a stray argument")):
        rc, out, err = run(*args, "--database", db)
        check(f"bad usage ({what}) exits 2", rc == 2 and err, f"rc={rc} {err!r}")
    before = row(db, 1)
    check("bad usage erased nothing", before is not None and before[4] is None, repr(before))

    salt = before[3]
    email = before[2]
    display = f"{before[0]} {before[1][:1]}." if before[1] else before[0]

    # Without --yes: says what, refuses, changes nothing.
    rc, out, err = run("erase", "--participant", "1", "--database", db)
    check("without --yes exits 1", rc == 1, f"rc={rc} {out!r} {err!r}")
    check("without --yes names the person and how to confirm",
          display in out and "--yes" in out and "Backups" in out, repr(out))
    check("without --yes nothing changed", row(db, 1) == before, repr(row(db, 1)))

    rc, out, err = run("erase", "--participant", "1", "--yes", "--database", db)
    check("--yes exits 0", rc == 0 and "erased" in out, f"rc={rc} {out!r} {err!r}")
    after = row(db, 1)
    check("the row is marked erased and archived",
          after is not None and after[4] is not None and after[5] == 1 and after[3] == ""
          and after[2] is None and after[1] == "", repr(after))
    check("the salt is in neither the file nor its WAL", salt and not raw_holds(db, salt))
    check("the e-mail is in neither the file nor its WAL", not email or not raw_holds(db, email), email)

    rc, out, err = run("erase", "--participant", "1", "--yes", "--database", db)
    check("erasing twice exits 1 and says so", rc == 1 and "already erased" in err, f"rc={rc} {err!r}")
    rc, out, err = run("erase", "--participant", "1", "--database", db)
    check("describing an erased participant exits 1", rc == 1 and "already erased" in err, f"rc={rc} {err!r}")
    rc, out, err = run("erase", "--participant", "99999", "--yes", "--database", db)
    check("an unknown id exits 1 and names it", rc == 1 and "99999" in err, f"rc={rc} {err!r}")

    missing = os.path.join(d, "nope.db")
    rc, out, err = run("erase", "--participant", "2", "--yes", "--database", missing)
    check("a missing database exits 1 and is not created",
          rc == 1 and "no database" in err and not os.path.exists(missing), f"rc={rc} {err!r}")

    # Candidates at dates the test chooses.
    rc, out, err = run("erase", "--candidates", "--months", "1", "--at", "2200-01-01", "--database", db)
    ids = out.split()
    check("candidates far ahead: exit 0, one id a line",
          rc == 0 and all(i.isdigit() for i in ids) and "2" in ids, f"rc={rc} {out!r} {err!r}")
    check("an erased participant is never a candidate", "1" not in ids, repr(ids))
    rc, out, err = run("erase", "--candidates", "--at", "1990-01-01", "--database", db)
    check("candidates before anything happened: none", rc == 0 and out.strip() == "", f"rc={rc} {out!r}")
    rc, out, err = run("erase", "--candidates", "--months", "0", "--at", "2200-01-01", "--database", db)
    check("0 months proposes nobody", rc == 0 and out.strip() == "", f"rc={rc} {out!r}")
    rc, out, err = run("erase", "--candidates", "--months", "5000", "--at", "2200-01-01", "--database", db)
    check("an absurd period exits 1 with a message", rc == 1 and "too long" in err, f"rc={rc} {err!r}")

    rc, out, err = run("erase", "--compact", "--database", db)
    check("--compact exits 0", rc == 0, f"rc={rc} {err!r}")
    rc, out, err = run("audit", "verify", "--database", db)
    check("the journal still verifies", rc == 0, f"rc={rc} {out!r} {err!r}")

    rc, out, err = run("--help")
    check("the verb is in the help", rc == 0 and "erase" in out, out)
    rc, out, err = run("erase", "--help")
    check("erase --help gives the exit codes",
          rc == 0 and "--participant" in out and "--candidates" in out and "2 bad usage" in out, out)

print(f"1..{n}")
sys.exit(1 if failures else 0)
