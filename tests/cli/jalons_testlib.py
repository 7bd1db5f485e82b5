# SPDX-License-Identifier: GPL-3.0-or-later
"""What the jalons-cli tests share: TAP output, running the CLI, and
reading back what a verifier would see (the published revocation list)
and what the database says (revoked awards, the pending-publish mark)."""
import base64, gzip, json, os, sqlite3, subprocess

cli = os.environ["JALONS_CLI"]


class Tap:
    def __init__(self):
        self.n = 0
        self.failures = 0

    def check(self, name, ok, detail=""):
        self.n += 1
        print(("ok" if ok else "not ok") + f" {self.n} - {name}" + ("" if ok else f" # {detail}"),
              flush=True)
        if not ok:
            self.failures += 1
        return ok

    def finish(self):
        print(f"1..{self.n}", flush=True)
        return 1 if self.failures else 0


def run(*args, timeout=60):
    p = subprocess.run([cli, *args], capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def connect(db):
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)


def status_list_path(db):
    stem = os.path.splitext(db)[0]
    return os.path.join(stem + "-files", "public", "status", "revocation.json")


def published_indices(db):
    """The indices set in the published list, or None when there is none."""
    path = status_list_path(db)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        doc = json.loads(f.read())
    encoded = doc["credentialSubject"]["encodedList"]
    if encoded.startswith("u"):
        encoded = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    return {i * 8 + b for i, byte in enumerate(bits) for b in range(8) if byte & (0x80 >> b)}


def revoked_indices(db):
    con = connect(db)
    try:
        return {r[0] for r in con.execute("SELECT status_index FROM awards WHERE status = 'revoked'")}
    finally:
        con.close()


def publish_pending(db):
    """Whether the database says the list must be published again."""
    con = connect(db)
    try:
        due, published = con.execute("SELECT due, published FROM status_list_publication "
                                     "WHERE id = 1").fetchone()
        return due > published
    finally:
        con.close()
