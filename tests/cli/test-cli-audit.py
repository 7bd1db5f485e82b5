#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""jalons-cli audit verify: exit codes and messages, and a journal without names.

- a demo database verifies: exit 0, one line "chain intact, N events";
- edited, deleted (middle, end) and reordered events, and an edited seal,
  each exit 1 naming the first broken event (#id, time, action) and what
  is wrong; the tampering goes through a raw sqlite3 connection;
- bad usage exits 2; a missing database exits 3 and is not created;
- after a demo, an issued award and an export, no participant's or
  coach's name (nor e-mail) appears in any audit row.
"""
import os, shutil, sqlite3, subprocess, sys, tempfile

cli = os.environ["JALONS_CLI"]
env = dict(os.environ, LANGUAGE="C", LANG="C.UTF-8")
failures = 0
n = 0


def check(name, ok, detail=""):
    global failures, n
    n += 1
    print(("ok" if ok else "not ok") + f" {n} - {name}" + ("" if ok else f" # {detail}"))
    if not ok:
        failures += 1


def run(*args, timeout=120):
    p = subprocess.run([cli, *args], capture_output=True, timeout=timeout, env=env)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def tamper(path, sql):
    db = sqlite3.connect(path)
    db.executescript("DROP TRIGGER IF EXISTS audit_events_no_update;"
                     "DROP TRIGGER IF EXISTS audit_events_no_delete;" + sql)
    db.commit()
    db.close()


def row(path, event_id):
    db = sqlite3.connect(path)
    r = db.execute("SELECT at, action FROM audit_events WHERE id = ?", (event_id,)).fetchone()
    db.close()
    return r


with tempfile.TemporaryDirectory(prefix="jalons-cli-audit-") as d:
    db = os.path.join(d, "demo.db")
    rc, out, err = run("demo", "--participants", "6", "--awards", "15", "--database", db)
    check("demo database built", rc == 0, err[:200])

    rc, out, err = run("audit", "verify", "--database", db)
    lines = out.splitlines()
    check("a fresh journal verifies (exit 0, one line)",
          rc == 0 and len(lines) == 1 and lines[0].startswith("chain intact, ")
          and lines[0].endswith(" events") and err == "", f"rc={rc} {out!r} {err!r}")
    total = int(lines[0].split()[2]) if rc == 0 else 0
    con = sqlite3.connect(db)
    check("the count is the journal's",
          total == con.execute("SELECT count(*) FROM audit_events").fetchone()[0], out)
    con.close()
    check("audit verify is listed in the help", "audit" in run("--help")[1])

    cases = [
        ("an edited detail", "UPDATE audit_events SET detail = 'x' WHERE id = 5", 5, "altered"),
        ("an edited actor", "UPDATE audit_events SET actor = 'coach:99' WHERE id = 5", 5, "altered"),
        ("an edited time", "UPDATE audit_events SET at = '2020-01-01T00:00:00Z' WHERE id = 5", 5, "altered"),
        ("a deleted middle event", "DELETE FROM audit_events WHERE id = 5", 6, "missing"),
        ("two swapped events", "UPDATE audit_events SET id = -1 WHERE id = 5;"
                               "UPDATE audit_events SET id = 5 WHERE id = 6;"
                               "UPDATE audit_events SET id = 6 WHERE id = -1;", 5, "out of order"),
        ("deleted last events", f"DELETE FROM audit_events WHERE id > {total - 3}", total - 3, "cut short"),
        ("an edited seal", "UPDATE audit_tip SET n_events = n_events - 1", None, "seal"),
    ]
    for label, sql, event_id, word in cases:
        copy = os.path.join(d, "tampered.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(copy + suffix):
                os.remove(copy + suffix)
        shutil.copy(db, copy)
        tamper(copy, sql)
        named = row(copy, event_id) if event_id is not None else None
        rc, out, err = run("audit", "verify", "--database", copy)
        ok = rc == 1 and out == "" and word in err
        if named is not None:
            at, action = named
            ok = ok and f"#{event_id} (" in err and action in err and at[:10] in err
        check(f"{label}: exit 1 naming the event and the fault", ok, f"rc={rc} {err!r}")

    rc, out, err = run("audit", "verify", "--database", db, "extra")
    check("an extra argument is bad usage (exit 2)", rc == 2, f"rc={rc} {err!r}")
    rc, out, err = run("audit")
    check("audit without a sub-verb is bad usage (exit 2)", rc == 2 and "audit verify" in err, err)
    missing = os.path.join(d, "nowhere", "jalons.db")
    rc, out, err = run("audit", "verify", "--database", missing)
    check("a missing database exits 3 and is not created",
          rc == 3 and "nowhere" in err and not os.path.exists(os.path.dirname(missing)), f"rc={rc} {err!r}")
    notdb = os.path.join(d, "notes.txt")
    with open(notdb, "w") as f:
        f.write("pas une base")
    rc, out, err = run("audit", "verify", "--database", notdb)
    check("a file that is not a database exits 3", rc == 3, f"rc={rc} {err!r}")

    # An award issued (award.issue) and a participant's export
    # (participant.export): then no name in the journal.
    rc, out, err = run("issue", "--award", "1", "--database", db)
    check("an award is issued", rc == 0, err[:200])
    outdir = os.path.join(d, "out")
    rc, out, err = run("export", "--participant", "1", "--format", "json", "-o", outdir,
                       "--confirm-consent", "--database", db)
    check("a participant is exported", rc == 0, err[:200])
    con = sqlite3.connect(db)
    actions = {a for (a,) in con.execute("SELECT action FROM audit_events")}
    check("award.issue and participant.export are journalled",
          {"award.issue", "participant.export"} <= actions, repr(actions))
    words = set()
    for first, last, email in con.execute("SELECT first_name, last_name, email FROM participants"):
        words.update(w for w in (first, last, email) if w and len(w) > 2)
    for name, email in con.execute("SELECT name, email FROM coaches"):
        words.update(w for w in name.split() + [email] if w and len(w) > 2)
    rows = [" ".join(str(v) for v in r if v is not None)
            for r in con.execute("SELECT actor, action, subject, detail FROM audit_events")]
    con.close()
    leaks = sorted({w for w in words for r in rows if w.lower() in r.lower()})
    check("no personal name or e-mail in the journal", words and not leaks, repr(leaks[:10]))
    rc, out, err = run("audit", "verify", "--database", db)
    check("the journal still verifies after the issue and the export", rc == 0, err)

print(f"1..{n}")
sys.exit(1 if failures else 0)
