#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Concurrent revocations (issue 9): three jalons-cli processes revoke a
different award at the same moment, 40 rounds. After each round every
revoked award must be in the published list and nothing left due: two
desks publishing at once used to lose one revocation (the slower writer
overwrote the list with what it had read before the other's commit).

  test-concurrent-revoke.py [--rounds N] [--processes P]   (JALONS_CLI)"""
import argparse, os, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jalons_testlib import Tap, cli, connect, publish_pending, published_indices, revoked_indices, run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--processes", type=int, default=3)
    args = ap.parse_args()
    t = Tap()
    d = tempfile.mkdtemp(prefix="jalons-concurrent-")
    try:
        db = os.path.join(d, "desks.db")
        need = args.rounds * args.processes
        rc, out, err = run("demo", "--participants", "60", "--awards", str(need + 40), "--database", db)
        if not t.check("the demo database is built", rc == 0, err):
            return t.finish()
        con = connect(db)
        active = [r[0] for r in con.execute("SELECT id FROM awards WHERE status = 'active' ORDER BY id")]
        con.close()
        if not t.check(f"{need} active awards to revoke", len(active) >= need, f"{len(active)}"):
            return t.finish()

        lost = refused = 0
        detail = ""
        for r in range(args.rounds):
            batch = active[r * args.processes:(r + 1) * args.processes]
            procs = [subprocess.Popen([cli, "revoke", "--award", str(a), "--reason", "Deux bureaux",
                                       "--database", db], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE) for a in batch]
            for p in procs:
                _, e = p.communicate(timeout=120)
                if p.returncode != 0:
                    refused += 1
                    detail = detail or e.decode("utf-8", "replace").strip()
            missing = revoked_indices(db) - (published_indices(db) or set())
            if missing or publish_pending(db):
                lost += 1
                detail = detail or f"round {r}: not published {sorted(missing)}"
        print(f"# {args.rounds} rounds of {args.processes} concurrent revocations: "
              f"{lost} rounds lost one, {refused} refused", flush=True)
        t.check("every revocation went through", refused == 0, detail)
        t.check("no round lost a revocation from the published list", lost == 0, detail)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
