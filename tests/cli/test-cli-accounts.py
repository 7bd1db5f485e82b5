#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""jalons-cli on a database with accounts: the same sign-in and roles as
the app (--as COACH-NUMBER --secret-file FILE), nothing written without
them, passphrases only from files, the signing key out of the file.

- a demo with accounts protects the key: no seed in clear, a vault;
- without --as a write is refused with a message that says how to sign in,
  and nothing changes;
- a wrong passphrase is refused and counted; five lock the account, and
  the lock shows in the journal once someone signs in;
- a coach may not award for another coach's participant; the lead may;
- --as without --secret-file, a directory as secret file, an empty one:
  bad usage or a clear error, never a sign-in;
- account create-admin on an open database protects its key; key export
  writes a 0600 file that does not hold the seed.
"""
import os, sqlite3, stat, sys, tempfile

from jalons_testlib import Tap, run, connect

t = Tap()


def secret(d, name, text):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(text + "\n")
    return path


def count(db, sql, *args):
    con = connect(db)
    try:
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


with tempfile.TemporaryDirectory() as d:
    db = os.path.join(d, "demo.db")
    rc, out, err = run("demo", "--participants", "30", "--awards", "40", "--database", db, "--with-accounts")
    t.check("demo with accounts built", rc == 0, err)
    t.check("the demo prints its three accounts", out.count("--as ") == 3, out)
    admin = secret(d, "admin", "demo admin jalons")
    lead = secret(d, "lead", "demo lead jalons")
    coach = secret(d, "coach", "demo coach jalons")
    wrong = secret(d, "wrong", "pas la bonne phrase")

    t.check("no signing seed in clear", count(db, "SELECT count(*) FROM organisation WHERE signing_seed IS NOT NULL") == 0)
    t.check("no journal secret in clear", count(db, "SELECT count(*) FROM organisation WHERE audit_secret IS NOT NULL") == 0)
    t.check("a vault holds them", count(db, "SELECT count(*) FROM key_vault") == 1)
    t.check("three accounts", count(db, "SELECT count(*) FROM accounts") == 3)
    t.check("passphrases stored as Argon2id", count(db, "SELECT count(*) FROM accounts WHERE secret_hash LIKE '$argon2id$%'") == 3)

    rc, out, err = run("account", "list", "--database", db)
    t.check("account list names the roles", rc == 0 and "Administrator" in out and "Programme lead" in out, out + err)

    active = count(db, "SELECT min(id) FROM awards WHERE status = 'active'")
    rc, out, err = run("revoke", "--database", db, "--award", str(active), "--reason", "essai")
    t.check("a write without --as is refused", rc == 1, out + err)
    t.check("…saying how to sign in", "--as" in err and "--secret-file" in err, err)
    t.check("…and nothing changed", count(db, "SELECT status FROM awards WHERE id = ?", active) == "active")

    rc, out, err = run("revoke", "--database", db, "--award", str(active), "--reason", "essai", "--as", "1", "--secret-file", wrong)
    t.check("a wrong passphrase is refused", rc == 1 and "passphrase" in err, err)
    t.check("…and counted", count(db, "SELECT failed_sign_ins FROM accounts WHERE coach_id = 1") == 1)
    t.check("…nothing changed", count(db, "SELECT status FROM awards WHERE id = ?", active) == "active")

    rc, out, err = run("revoke", "--database", db, "--award", str(active), "--reason", "essai", "--as", "1", "--secret-file", admin)
    t.check("the administrator revokes", rc == 0, err)
    t.check("…the journal names them by id", count(db, "SELECT count(*) FROM audit_events WHERE action = 'award.revoke' AND actor = 'coach:1'") == 1)
    t.check("…the failure counter is reset", count(db, "SELECT failed_sign_ins FROM accounts WHERE coach_id = 1") == 0)
    t.check("…the earlier failure is in the journal",
            count(db, "SELECT count(*) FROM audit_events WHERE action = 'account.sign-in-failed' AND subject = 'coach:1'") == 1)

    # Five wrong tries lock the coach's account, even for the right passphrase.
    for i in range(5):
        rc, out, err = run("audit", "verify", "--database", db, "--as", "3", "--secret-file", wrong)
    t.check("the fifth wrong passphrase locks the account", rc != 0 and "locked" in err, err)
    rc, out, err = run("audit", "verify", "--database", db, "--as", "3", "--secret-file", coach)
    t.check("…then even the right one waits", rc != 0 and "locked" in err, err)
    rc, out, err = run("audit", "verify", "--database", db, "--as", "2", "--secret-file", lead)
    t.check("another account still signs in; the chain holds", rc == 0 and "intact" in out, out + err)
    t.check("the lock is journalled",
            count(db, "SELECT count(*) FROM audit_events WHERE action = 'account.locked' AND subject = 'coach:3'") == 1)

    # Roles: coach 2 is the lead; the coach (3) is locked, so use a new one.
    newcoach = secret(d, "newcoach", "un nouveau sentier")
    other = count(db, "SELECT min(id) FROM participants WHERE coach_id IS NOT NULL AND coach_id <> 4")
    rc, out, err = run("account", "add", "--database", db, "--coach", "4", "--role", "coach",
                       "--new-secret-file", newcoach, "--as", "2", "--secret-file", lead)
    t.check("a lead may not add accounts", rc == 1 and "administrator" in err, err)
    rc, out, err = run("account", "add", "--database", db, "--coach", "4", "--role", "coach",
                       "--new-secret-file", newcoach, "--as", "1", "--secret-file", admin)
    t.check("the administrator adds one", rc == 0, err)
    badge = count(db, "SELECT b.slug FROM badges b WHERE b.status = 'active' AND NOT EXISTS "
                      "(SELECT 1 FROM awards a JOIN badge_versions v ON v.id = a.badge_version_id "
                      " WHERE v.badge_id = b.id AND a.participant_id = ?) LIMIT 1", other)
    rc, out, err = run("award", "--database", db, "--participant", str(other), "--badge", badge,
                       "--criteria", "all", "--as", "4", "--secret-file", newcoach)
    t.check("a coach may not award another coach's participant", rc == 1 and "another coach" in err, err)
    rc, out, err = run("award", "--database", db, "--participant", str(other), "--badge", badge,
                       "--criteria", "all", "--as", "2", "--secret-file", lead)
    t.check("the programme lead may", rc == 0, err)

    # Bad usage and bad secret files.
    rc, out, err = run("audit", "verify", "--database", db, "--as", "1")
    t.check("--as without --secret-file is bad usage", rc == 2, err)
    rc, out, err = run("audit", "verify", "--database", db, "--as", "zero", "--secret-file", admin)
    t.check("--as takes a number", rc == 2, err)
    rc, out, err = run("audit", "verify", "--database", db, "--as", "1", "--secret-file", d)
    t.check("a folder is not a secret file", rc != 0 and "--as" not in out and err != "", err)
    empty = secret(d, "empty", "")
    rc, out, err = run("audit", "verify", "--database", db, "--as", "1", "--secret-file", empty)
    t.check("an empty secret file is refused", rc != 0 and "passphrase" in err, err)

    # Key export: sealed, 0600, no seed inside.
    key = os.path.join(d, "cle.key")
    rc, out, err = run("key", "export", "--database", db, "--out", key, "--passphrase-file", admin,
                       "--as", "1", "--secret-file", admin)
    t.check("key export", rc == 0, err)
    t.check("the key file is 0600", os.path.exists(key) and stat.S_IMODE(os.stat(key).st_mode) == 0o600)
    t.check("the export is journalled",
            count(db, "SELECT count(*) FROM audit_events WHERE action = 'organisation.key-export'") == 1)

    # A second desk signs with the same key.
    second = os.path.join(d, "second.db")
    run("audit", "verify", "--database", second)
    rc, out, err = run("account", "create-admin", "--database", second, "--name", "Paul Roux",
                       "--new-secret-file", coach, "--import-key", key, "--key-passphrase-file", wrong)
    t.check("import with the wrong key passphrase is refused", rc == 1 and "passphrase" in err, err)
    t.check("…and nothing protected", count(second, "SELECT count(*) FROM key_vault") == 0)
    rc, out, err = run("account", "create-admin", "--database", second, "--name", "Paul Roux",
                       "--new-secret-file", coach, "--import-key", key)
    t.check("--import-key needs its passphrase file", rc == 2, err)
    rc, out, err = run("account", "create-admin", "--database", second, "--name", "Paul Roux",
                       "--new-secret-file", coach, "--import-key", key, "--key-passphrase-file", admin)
    t.check("the second desk imports the key", rc == 0, err)
    con1, con2 = connect(db), connect(second)
    pk1 = con1.execute("SELECT public_key FROM key_vault").fetchone()[0]
    pk2 = con2.execute("SELECT public_key FROM key_vault").fetchone()[0]
    con1.close(); con2.close()
    t.check("both desks sign as one organisation", pk1 == pk2 and len(pk1) == 32)
    rc, out, err = run("audit", "verify", "--database", second, "--as", "1", "--secret-file", coach)
    t.check("the second desk's journal holds", rc == 0 and "intact" in out, out + err)

    # An open database: create-admin protects it.
    open_db = os.path.join(d, "open.db")
    rc, out, err = run("demo", "--participants", "6", "--awards", "6", "--database", open_db)
    # The key is born with the first session (any verb over it).
    rc, out, err = run("audit", "verify", "--database", open_db)
    con = connect(open_db)
    seed = con.execute("SELECT signing_seed FROM organisation").fetchone()[0]
    con.close()
    t.check("an open demo has its seed in clear", seed is not None and len(seed) == 32)
    weak = secret(d, "weak", "court")
    rc, out, err = run("account", "create-admin", "--database", open_db, "--name", "Claire Morel",
                       "--new-secret-file", weak)
    t.check("a weak passphrase is refused", rc == 1 and "characters" in err, err)
    t.check("…and nothing protected", count(open_db, "SELECT count(*) FROM key_vault") == 0)
    rc, out, err = run("account", "create-admin", "--database", open_db, "--name", "Claire Morel",
                       "--new-secret-file", admin)
    t.check("create-admin", rc == 0 and "Administrator" in out, out + err)
    data = b""
    for suffix in ("", "-wal", "-shm"):
        p = open_db + suffix
        if os.path.exists(p):
            with open(p, "rb") as f:
                data += f.read()
    t.check("the seed left the database files", seed not in data)
    rc, out, err = run("account", "create-admin", "--database", open_db, "--name", "Autre",
                       "--new-secret-file", admin)
    t.check("only once", rc == 1, err)

sys.exit(t.finish())
