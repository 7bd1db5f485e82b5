#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""jalons-cli reads hostile input paths safely and keeps badges unlinkable.

- verify refuses a FIFO, a device, a folder, a symlink to a device and a
  file over the size bound, quickly and with a message naming the file
  (before the fix a FIFO hung forever and /dev/zero ate all memory);
- untrusted text (here a file name with an escape sequence and a bidi
  override) never reaches the terminal raw;
- two badges of one person carry different salts and identity hashes, the
  recipient check still matches the right e-mail only, and a re-export is
  byte for byte the same credential;
- export-data (right of access) refuses bad input and makes a complete
  folder.
"""
import json, os, subprocess, sys, tempfile

cli = os.environ["JALONS_CLI"]
failures = 0
n = 0


def check(name, ok, detail=""):
    global failures, n
    n += 1
    print(("ok" if ok else "not ok") + f" {n} - {name}" + ("" if ok else f" # {detail}"))
    if not ok:
        failures += 1


def run(*args, timeout=20):
    try:
        p = subprocess.run([cli, *args], capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, b"", b"timed out"


with tempfile.TemporaryDirectory(prefix="jalons-cli-input-") as d:
    fifo = os.path.join(d, "badge.json")
    os.mkfifo(fifo)
    big = os.path.join(d, "big.png")
    with open(big, "wb") as f:
        f.truncate(64 * 1024 * 1024)   # sparse: no disk used
    link = os.path.join(d, "zero.png")
    os.symlink("/dev/zero", link)

    for label, path in [("FIFO", fifo), ("/dev/zero", "/dev/zero"), ("folder", d),
                        ("symlink to /dev/zero", link), ("64 MiB file", big)]:
        rc, out, err = run("verify", path)
        text = (out + err).decode("utf-8", "replace")
        check(f"verify refuses a {label}", rc not in (None, 0) and os.path.basename(path) in text,
              f"rc={rc} {text[:200]!r}")

    evil = os.path.join(d, "x\x1b[2J\u202eevil.json")
    with open(evil, "w") as f:
        f.write("{}")
    rc, out, err = run("verify", evil)
    both = out + err
    check("no raw escape or bidi override reaches the terminal",
          b"\x1b" not in both and "\u202e".encode() not in both and b"\\x1b" in both,
          repr(both[:200]))

    db = os.path.join(d, "demo.db")
    rc, out, err = run("demo", "--participants", "4", "--awards", "12", "--database", db, timeout=120)
    check("demo database built", rc == 0, err.decode()[:200])
    outdir = os.path.join(d, "out")
    rc, out, err = run("export", "--participant", "1", "--format", "json", "-o", outdir,
                       "--database", db, timeout=120)
    files = sorted(os.listdir(outdir)) if os.path.isdir(outdir) else []
    check("export wrote at least two badges of participant 1", rc == 0 and len(files) >= 2,
          f"rc={rc} {files} {err.decode()[:200]}")
    ids = []
    for name in files:
        with open(os.path.join(outdir, name), encoding="utf-8") as f:
            cred = json.load(f)
        ident = cred["credentialSubject"]["identifier"]
        ident = ident[0] if isinstance(ident, list) else ident
        ids.append((ident.get("salt"), ident.get("identityHash")))
    check("each badge has its own salt", len({s for s, _ in ids}) == len(ids), repr(ids))
    check("each badge has its own identity hash", len({h for _, h in ids}) == len(ids), repr(ids))

    first = os.path.join(outdir, files[0]) if files else "/nonexistent"
    rc, out, err = run("verify", "--recipient", "fatoumata.vanhove1@courriel.example", first)
    check("recipient check matches the right e-mail", b"recipient matches" in out or rc == 0,
          (out + err).decode()[:300])
    rc, out, err = run("verify", "--recipient", "someone.else@courriel.example", first)
    check("recipient check refuses another e-mail", rc != 0, (out + err).decode()[:300])

    again = os.path.join(d, "again")
    rc, out, err = run("export", "--participant", "1", "--format", "json", "-o", again,
                       "--database", db, timeout=120)
    same = all(open(os.path.join(outdir, f), "rb").read() == open(os.path.join(again, f), "rb").read()
               for f in files) and sorted(os.listdir(again)) == files
    check("a re-export is byte for byte the same", rc == 0 and same)

    # export-data: the right of access, with its bad input.
    access = os.path.join(d, "access")
    os.mkdir(access)
    rc, out, err = run("export-data", "-o", access, "--database", db)
    check("export-data without --participant is a usage error", rc == 2 and b"--participant" in err,
          f"rc={rc} {err[:200]!r}")
    rc, out, err = run("export-data", "--participant", "999", "-o", access, "--database", db)
    check("export-data of an unknown participant fails, nothing made",
          rc == 1 and err.strip() != b"" and os.listdir(access) == [], f"rc={rc} {err[:200]!r}")
    rc, out, err = run("export-data", "--participant", "1", "-o", access, "--database", db, timeout=120)
    made = out.decode().strip()
    names = sorted(os.listdir(made)) if os.path.isdir(made) else []
    check("export-data makes the folder it prints",
          rc == 0 and {"data.json", "summary.pdf", "badges", "evidence"} <= set(names),
          f"rc={rc} {names} {err[:200]!r}")
    if "data.json" in names:
        with open(os.path.join(made, "data.json"), encoding="utf-8") as f:
            data = json.load(f)
        check("data.json names the participant and lists their awards",
              data["participant"]["id"] == 1 and len(data["awards"]) >= 2, repr(data)[:200])

print(f"1..{n}")
sys.exit(1 if failures else 0)
