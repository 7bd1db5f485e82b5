#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""jalons-cli award and revoke: the desk's use cases from a script.

- award prints the new award's number (0); the row, its signed
  credential and its "award.create" entry are there, under the coach
  given with --coach; --criteria and --note are what is stored;
- revoke (0) withdraws it with its reason, journals "award.revoke" and
  publishes the list with the award's bit set;
- every bad input (unknown participant, badge, coach or award; missing
  or blank reason; already revoked or held; a required criterion left
  out; a missing database) exits non-zero with one line on stderr and
  writes nothing: the awards and the journal are unchanged, the missing
  database is not created; bad usage exits 2;
- the journal still verifies; the verbs are in the help.
"""
import os, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jalons_testlib import Tap, run, connect, published_indices  # noqa: E402

t = Tap()


def snapshot(db):
    con = connect(db)
    try:
        return (con.execute("SELECT id, status, revoke_reason, credential IS NULL FROM awards ORDER BY id").fetchall(),
                con.execute("SELECT count(*) FROM audit_events").fetchone()[0])
    finally:
        con.close()


def one(sql, db, *params):
    con = connect(db)
    try:
        return con.execute(sql, params).fetchone()
    finally:
        con.close()


with tempfile.TemporaryDirectory(prefix="jalons-cli-desk-") as d:
    db = os.path.join(d, "prog.db")
    rc, out, err = run("demo", "--participants", "12", "--awards", "20", "--database", db)
    t.check("demo database built", rc == 0, err)
    # The first session creates the signing key (journalled): before the
    # snapshots that must not move.
    rc, out, err = run("status-list", "--database", db)
    t.check("the first session opens", rc == 0, err)

    # A participant and a published badge they do not hold, with its criteria.
    pid, slug, version_id = one(
        "SELECT p.id, b.slug, b.current_version_id FROM participants p, badges b "
        "WHERE b.status = 'active' AND p.archived = 0 AND NOT EXISTS "
        "(SELECT 1 FROM awards a WHERE a.participant_id = p.id AND a.badge_version_id = b.current_version_id "
        " AND a.status = 'active') ORDER BY p.id, b.id LIMIT 1", db)
    criteria = [r for r in connect(db).execute(
        "SELECT position, text, required FROM criteria WHERE badge_version_id = ? ORDER BY position",
        (version_id,))]
    coach_id = one("SELECT id FROM coaches ORDER BY id DESC LIMIT 1", db)[0]
    required = [i + 1 for i, c in enumerate(criteria) if c[2]]
    optional = [i + 1 for i, c in enumerate(criteria) if not c[2]]
    t.check("the demo has a badge with criteria to award", criteria and required, repr(criteria))

    before = snapshot(db)
    refusals = [
        (["award", "--participant", "99999", "--badge", slug, "--criteria", "all"], 1, "participant",
         "an unknown participant"),
        (["award", "--participant", str(pid), "--badge", "no-such-badge", "--criteria", "all"], 1,
         "no-such-badge", "an unknown badge"),
        (["award", "--participant", str(pid), "--badge", slug, "--coach", "4242", "--criteria", "all"], 1,
         "4242", "an unknown coach"),
        (["award", "--participant", str(pid), "--badge", slug, "--criteria", ",".join(map(str, optional))],
         1, "required", "a required criterion left out"),
        (["revoke", "--award", "99999", "--reason", "Erreur"], 1, "no such badge award", "an unknown award"),
        (["revoke", "--award", "1"], 1, "why", "no reason"),
        (["revoke", "--award", "1", "--reason", "   "], 1, "why", "a blank reason"),
    ]
    for args, code, needle, what in refusals:
        rc, out, err = run(*args, "--database", db)
        lines = err.strip().splitlines()
        t.check(f"{what}: exit {code}, one line naming the problem",
                rc == code and len(lines) == 1 and needle in err and out == "", f"rc={rc} {out!r} {err!r}")
        t.check(f"{what}: nothing written", snapshot(db) == before)

    usage = [
        ["award", "--badge", slug],
        ["award", "--participant", str(pid)],
        ["award", "--participant", str(pid), "--badge", slug, "--criteria", "0"],
        ["award", "--participant", str(pid), "--badge", slug, "--criteria", "1,x"],
        ["award", "--participant", str(pid), "--badge", slug, "--criteria", str(len(criteria) + 1)],
        ["award", "--participant", str(pid), "--badge", slug, "--criteria", "all", "stray"],
        # Issue 10 (3): nothing counts as shown unless the caller says so.
        ["award", "--participant", str(pid), "--badge", slug],
        ["award", "--participant", str(pid), "--badge", slug, "--criteria", "al"],
        ["revoke", "--reason", "Erreur"],
        ["revoke", "--award", "abc", "--reason", "Erreur"],
    ]
    for args in usage:
        rc, out, err = run(*args, "--database", db)
        t.check(f"bad usage {args[1:]} exits 2", rc == 2 and err, f"rc={rc} {err!r}")
    t.check("bad usage wrote nothing", snapshot(db) == before)

    missing = os.path.join(d, "nope.db")
    for args in (["award", "--participant", str(pid), "--badge", slug, "--criteria", "all"],
                 ["revoke", "--award", "1", "--reason", "x"]):
        rc, out, err = run(*args, "--database", missing)
        t.check(f"{args[0]} on a missing database exits 1 and does not create it",
                rc == 1 and "no database" in err and not os.path.exists(missing), f"rc={rc} {err!r}")

    # Award: required criteria only, a note, a named coach.
    met = required
    rc, out, err = run("award", "--participant", str(pid), "--badge", slug, "--criteria", ",".join(map(str, met)),
                       "--note", "Dossier complet", "--coach", str(coach_id), "--database", db)
    t.check("award exits 0 and prints the award's number", rc == 0 and out.strip().isdigit(), f"rc={rc} {out!r} {err!r}")
    award_id = int(out.strip()) if out.strip().isdigit() else -1
    row = one("SELECT participant_id, badge_version_id, coach_id, criteria_met, evidence_note, status, "
              "credential IS NOT NULL FROM awards WHERE id = ?", db, award_id)
    t.check("the award is stored as asked, with its credential",
            row is not None and row[0] == pid and row[1] == version_id and row[2] == coach_id
            and all(criteria[i - 1][1] in row[3] for i in met)
            and not any(criteria[i - 1][1] in row[3] for i in optional)
            and row[4] == "Dossier complet" and row[5] == "active" and row[6] == 1, repr(row))
    ev = one("SELECT actor FROM audit_events WHERE action = 'award.create' AND subject = ?", db, f"award:{award_id}")
    t.check("award.create is journalled under the coach given", ev == (f"coach:{coach_id}",), repr(ev))

    held = snapshot(db)
    rc, out, err = run("award", "--participant", str(pid), "--badge", slug, "--criteria", "all", "--database", db)
    t.check("awarding a badge held exits 1 with one line",
            rc == 1 and len(err.strip().splitlines()) == 1 and "already holds" in err, f"rc={rc} {err!r}")
    t.check("awarding a badge held wrote nothing", snapshot(db) == held)

    # Revoke it.
    index = one("SELECT status_index FROM awards WHERE id = ?", db, award_id)[0]
    rc, out, err = run("revoke", "--award", str(award_id), "--reason", "Attribué par erreur", "--database", db)
    t.check("revoke exits 0", rc == 0 and str(award_id) in out, f"rc={rc} {out!r} {err!r}")
    row = one("SELECT status, revoke_reason FROM awards WHERE id = ?", db, award_id)
    t.check("the award is revoked with its reason", row == ("revoked", "Attribué par erreur"), repr(row))
    ev = one("SELECT count(*) FROM audit_events WHERE action = 'award.revoke' AND subject = ?", db, f"award:{award_id}")
    t.check("award.revoke is journalled", ev == (1,), repr(ev))
    bits = published_indices(db)
    t.check("the published list has the award's bit", bits is not None and index in bits, repr(bits))

    revoked = snapshot(db)
    rc, out, err = run("revoke", "--award", str(award_id), "--reason", "Encore", "--database", db)
    t.check("revoking twice exits 1 with one line",
            rc == 1 and len(err.strip().splitlines()) == 1 and "already" in err, f"rc={rc} {err!r}")
    t.check("revoking twice wrote nothing", snapshot(db) == revoked)

    # A desk that asks each time (no desk coach chosen) credits nobody by
    # default: a script must say who awards.
    before = snapshot(db)
    rc, out, err = run("award", "--participant", str(pid), "--badge", slug, "--criteria", "all", "--database", db)
    t.check("without --coach a desk that asks each time refuses with the reason",
            rc == 2 and "--coach" in err, f"rc={rc} {err!r}")
    t.check("the refused award wrote nothing", snapshot(db) == before)

    # The version is no longer held: it can be awarded again.
    rc, out, err = run("award", "--participant", str(pid), "--badge", slug, "--criteria", "all",
                       "--coach", str(coach_id), "--database", db)
    t.check("a revoked badge can be awarded again", rc == 0 and out.strip().isdigit(), f"rc={rc} {err!r}")
    again = one("SELECT criteria_met FROM awards WHERE id = ?", db, int(out.strip()) if out.strip().isdigit() else -1)
    t.check("--criteria all records every criterion",
            again is not None and all(c[1] in again[0] for c in criteria), repr(again))

    rc, out, err = run("audit", "verify", "--database", db)
    t.check("the journal verifies", rc == 0, f"rc={rc} {out!r} {err!r}")

    rc, out, err = run("--help")
    t.check("both verbs are in the help", rc == 0 and "award" in out and "revoke" in out, out)
    for verb in ("award", "revoke"):
        rc, out, err = run(verb, "--help")
        t.check(f"{verb} --help gives the exit codes", rc == 0 and "2 bad usage" in out, out)

sys.exit(t.finish())
