#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash safety (issue 9): jalons-cli awards and revokes in a loop and is
SIGKILLed at random points. After every kill the database must pass
integrity_check, every award it holds must have its journal entry and
its signed credential, and the published revocation list must show the
revoked awards or the database must say it is due (then the next session
publishes it). The journal's chain is checked along the way and at the end.

  test-crash-safety.py [--kills N] [--seed S]     (JALONS_CLI: the CLI)

Prints TAP, and the figures (kills, stale-but-marked lists) as comments.
The kill points are spread over each command's own run time, measured
first, after its sign-in (measured too), so the figures do not depend on
the machine's speed."""
import argparse, os, random, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jalons_testlib import Tap, cli, connect, publish_pending, published_indices, revoked_indices, run


def targets(db):
    """Active awards to revoke, and (participant, badge slug) pairs not held."""
    con = connect(db)
    try:
        active = [r[0] for r in con.execute("SELECT id FROM awards WHERE status = 'active'")]
        people = [r[0] for r in con.execute("SELECT id FROM participants WHERE erased_at IS NULL")]
        slugs = [r[0] for r in con.execute("SELECT slug FROM badges WHERE status = 'active'")]
        return active, people, slugs
    finally:
        con.close()


# Every command acts as a named account, as the app's coaches do: the
# demo's administrator (jalons-cli demo --with-accounts), its passphrase
# in a file. Set in main().
AS = []


def command(db, rng):
    active, people, slugs = targets(db)
    if active and rng.random() < 0.6:
        return [cli, "revoke", "--award", str(rng.choice(active)), "--reason", "Test de coupure",
                "--database", db, *AS]
    return [cli, "award", "--participant", str(rng.choice(people)), "--badge", rng.choice(slugs),
            "--criteria", "all", "--database", db, *AS]


def check_after(db, baseline_max_id):
    """What must hold after a kill: (ok, detail, list_was_stale)."""
    con = connect(db)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            return False, f"integrity_check: {integrity}", False
        missing = con.execute(
            "SELECT a.id FROM awards a WHERE a.id > ? AND (a.credential IS NULL OR NOT EXISTS "
            "(SELECT 1 FROM audit_events e WHERE e.action = 'award.create' "
            "AND e.subject = 'award:' || a.id))", (baseline_max_id,)).fetchall()
        if missing:
            return False, f"awards without journal entry or credential: {missing}", False
        unjournalled = con.execute(
            "SELECT a.id FROM awards a WHERE a.status = 'revoked' AND a.id > 0 AND a.revoked_on IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.action = 'award.revoke' "
            "AND e.subject = 'award:' || a.id) AND a.revoke_reason = 'Test de coupure'").fetchall()
        if unjournalled:
            return False, f"revocations without journal entry: {unjournalled}", False
    finally:
        con.close()
    published = published_indices(db) or set()
    revoked = revoked_indices(db)
    if published == revoked:
        return True, "", False
    if publish_pending(db):
        return True, "", True
    return False, (f"stale list not marked: revoked-not-published {sorted(revoked - published)[:10]}, "
                   f"published-not-revoked {sorted(published - revoked)[:10]}"), True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20261202)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    t = Tap()
    d = tempfile.mkdtemp(prefix="jalons-crash-")
    try:
        db = os.path.join(d, "crash.db")
        rc, out, err = run("demo", "--participants", "40", "--awards", "120", "--database", db,
                           "--with-accounts")
        if not t.check("the demo database is built", rc == 0, err):
            return t.finish()
        secret = os.path.join(d, "admin-passphrase")
        with open(secret, "w") as f:
            f.write("demo admin jalons\n")
        AS[:] = ["--as", "1", "--secret-file", secret]
        rc, out, err = run("status-list", "--database", db, *AS)
        t.check("the list is published to begin with", rc == 0 and published_indices(db) == revoked_indices(db),
                err)
        con = connect(db)
        baseline = con.execute("SELECT coalesce (max (id), 0) FROM awards").fetchone()[0]
        con.close()

        # How long one command takes here, uninterrupted.
        durations = []
        for _ in range(12):
            start = time.monotonic()
            subprocess.run(command(db, rng), capture_output=True, timeout=60)
            durations.append(time.monotonic() - start)
        durations.sort()
        # The lower quartile: awards and revocations take different times,
        # and a kill after the end proves nothing.
        span = durations[len(durations) // 4]
        # Signing in (Argon2id, on purpose slow) comes first in every
        # command and writes nothing: kill points start near its end, so
        # they fall where the writes are.
        signing_in = []
        for _ in range(5):
            start = time.monotonic()
            subprocess.run([cli, "account", "list", "--database", db, *AS], capture_output=True, timeout=60)
            signing_in.append(time.monotonic() - start)
        signing_in.sort()
        offset = min(signing_in[len(signing_in) // 2] * 0.9, span * 0.8)

        kills = stale = failures = finished = 0
        first_failure = ""
        for k in range(args.kills):
            p = subprocess.Popen(command(db, rng), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(offset, span))
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                kills += 1
            else:
                finished += 1
            p.wait()
            ok, detail, was_stale = check_after(db, baseline)
            stale += was_stale and ok
            if not ok:
                failures += 1
                first_failure = first_failure or f"after round {k}: {detail}"
            if k % 50 == 49:
                rc, out, err = run("audit", "verify", "--database", db, *AS)
                if rc != 0:
                    failures += 1
                    first_failure = first_failure or f"audit verify after round {k}: {err.strip()}"
        print(f"# {args.kills} rounds: {kills} killed mid-run, {finished} finished first; "
              f"{stale} left the list stale but marked due; {failures} failures", flush=True)
        t.check(f"at least a third of {args.kills} rounds were killed mid-run", kills * 3 >= args.kills,
                f"{kills} kills")
        t.check("after every kill: intact, journalled, signed, list right or marked due",
                failures == 0, first_failure)

        # The next session publishes what was left due.
        rc, out, err = run("status-list", "--database", db, *AS)
        t.check("the next session leaves nothing due and the list right",
                rc == 0 and not publish_pending(db) and published_indices(db) == revoked_indices(db), err)
        rc, out, err = run("audit", "verify", "--database", db, *AS)
        t.check("the journal's chain verifies at the end", rc == 0, err)
        con = connect(db)
        others = con.execute("SELECT count(*) FROM audit_events WHERE action IN ('award.create', 'award.revoke') "
                             "AND subject > 'award:' AND actor <> 'coach:1' AND id > (SELECT min(id) FROM "
                             "audit_events WHERE action = 'account.sign-in')").fetchone()[0]
        con.close()
        t.check("every award and revocation names the signed-in account", others == 0, f"{others} others")
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
