#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Accessible by construction, checked from the outside: starts the real
# `jalons` on a demo database and looks at it only through AT-SPI, the way a
# screen reader (or the kiosk's end-to-end driver) does.
#
#   test-a11y.py --jalons BUILD/src/jalons --cli BUILD/src/jalons-cli [--dump]
#
# Checks, over every top-level view, the participant page, the award dialog
# and the badge editor, in the default and the large-icon mode:
#   - every showing control (button, toggle, check box, combo box, entry,
#     slider, spin button, page tab, list item…) has an accessible name;
#   - in large-icon mode, every showing button is at least 48×48 px;
#   - the app can be driven by AT-SPI alone: search, open a participant,
#     open the award dialog and the badge editor.
# Prints TAP on stdout, offenders on stderr. Needs a display and a session
# bus (build-aux/dev.sh test runs the suite under dbus-run-session + xvfb-run).
#
# GTK 4.8 facts this relies on: a control without a name is announced by its
# class name ("GtkToggleButton"), so such names count as missing; widgets
# have no SHOWING state, so "showing" means VISIBLE with a non-empty extent
# (hidden stack pages report 0×0); do_action (0) clicks, pointer events at
# screen coordinates do nothing.

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import shutil


# TAP goes to the descriptor the outer run handed down (see main()): the
# private session's bus daemons inherit stdout and print there.
if os.environ.get('JALONS_A11Y_TAP_FD'):
    sys.stdout = os.fdopen(int(os.environ['JALONS_A11Y_TAP_FD']), 'w')


def skip_all(reason):
    print('1..0 # SKIP ' + reason)
    sys.exit(0)


try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi, GLib
except (ImportError, ValueError) as e:
    skip_all('gi.repository.Atspi is not available (%s): install python3-gi and '
             'gir1.2-atspi-2.0, and run with /usr/bin/python3' % e)

if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
    skip_all('no display: run under xvfb-run (build-aux/dev.sh test)')
if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    skip_all('no session bus: run under dbus-run-session (build-aux/dev.sh test)')

MIN_TARGET = 48
STARTUP_TIMEOUT = 30.0
STEP_TIMEOUT = 10.0

# Roles a person acts on: each must say what it is.
CONTROL_ROLES = {
    Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX,
    Atspi.Role.RADIO_BUTTON, Atspi.Role.COMBO_BOX, Atspi.Role.ENTRY,
    Atspi.Role.PASSWORD_TEXT, Atspi.Role.SPIN_BUTTON, Atspi.Role.SLIDER,
    Atspi.Role.MENU_ITEM, Atspi.Role.CHECK_MENU_ITEM, Atspi.Role.RADIO_MENU_ITEM,
    Atspi.Role.PAGE_TAB, Atspi.Role.LINK, Atspi.Role.LIST_ITEM,
    Atspi.Role.TABLE_ROW, Atspi.Role.TABLE_CELL, Atspi.Role.SWITCH if hasattr(Atspi.Role, 'SWITCH') else Atspi.Role.TOGGLE_BUTTON,
}
# Roles that must be a large target in large-icon mode.
TARGET_ROLES = {Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON}

# Named exceptions, each with its reason. (role, ancestor-name pattern,
# own-name pattern, reason)
NAME_EXCEPTIONS = [
    (Atspi.Role.PUSH_BUTTON, r'', r'^GtkToggleButton$', 'combo box',
     'GtkDropDown\'s own toggle: GTK 4.8 gives it no name, the combo box '
     'around it carries the name and is what a screen reader announces'),
]
# Cells of a GtkFlowBox or GtkGridView whose only child carries the name:
# GTK 4.8 gives such cells no name of their own (it shows their class name)
# and screen readers read the named child. Badge tiles in the catalogue and
# in the award dialog name their cell too; the participant page's path tiles
# and the badge editor's choice buttons rely on this rule.
CELL_EXCEPTION_REASON = 'flow box / grid cell named by its only child'
SIZE_EXCEPTIONS = []

CLASS_NAME = re.compile(r'^(Gtk|Adw|Jln)[A-Z][A-Za-z]*$')

dump_mode = False


# ---------------------------------------------------------------- TAP

class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc, details=()):
        self.n += 1
        if cond:
            print('ok %d - %s' % (self.n, desc))
        else:
            self.failed += 1
            print('not ok %d - %s' % (self.n, desc))
            for line in details:
                print('#   ' + line, file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        return cond

    def skip(self, desc, reason):
        self.n += 1
        print('ok %d - %s # SKIP %s' % (self.n, desc, reason))

    def finish(self):
        print('1..%d' % self.n)
        return 1 if self.failed else 0


tap = Tap()


# ---------------------------------------------------------------- AT-SPI helpers

def safe(fn, default=None):
    try:
        return fn()
    except GLib.Error:
        return default


def children(acc):
    out = []
    n = safe(acc.get_child_count, 0)
    for i in range(n):
        c = safe(lambda: acc.get_child_at_index(i))
        if c is not None:
            out.append(c)
    return out


def name_of(acc):
    return safe(acc.get_name, '') or ''


def has_name(acc):
    name = name_of(acc).strip()
    return bool(name) and not CLASS_NAME.match(name)


def extents(acc):
    """(x, y, w, h) in window coordinates, or None without a Component."""
    e = safe(lambda: acc.get_extents(Atspi.CoordType.WINDOW))
    if e is None:
        return None
    return (e.x, e.y, e.width, e.height)


def is_showing(acc):
    states = safe(acc.get_state_set)
    if states is None or not states.contains(Atspi.StateType.VISIBLE):
        return False
    ext = extents(acc)
    # No Component (GtkStackPage): decided by its children.
    return ext is None or (ext[2] > 0 and ext[3] > 0)


def text_of(acc):
    n = safe(lambda: Atspi.Text.get_character_count(acc), 0) or 0
    if n <= 0:
        return ''
    return safe(lambda: Atspi.Text.get_text(acc, 0, min(n, 200)), '') or ''


def action_names(acc):
    n = safe(acc.get_n_actions, 0) or 0
    return [safe(lambda: acc.get_action_name(i), '') or '' for i in range(n)]


def walk(acc, path=(), out=None):
    """Showing nodes as (accessible, path of ancestor names/roles)."""
    if out is None:
        out = []
    if not is_showing(acc):
        return out
    out.append((acc, path))
    label = name_of(acc) if has_name(acc) else '<%s>' % safe(acc.get_role_name, '?')
    for c in children(acc):
        walk(c, path + (label,), out)
    return out


def visible_text(acc, limit=6):
    """Text shown inside @acc (labels of its descendants), for reports."""
    texts = []
    for node, _ in walk(acc):
        t = text_of(node).strip()
        if not t and safe(node.get_role, None) == Atspi.Role.LABEL and has_name(node):
            t = name_of(node)
        if t and t not in texts:
            texts.append(t)
        if len(texts) >= limit:
            break
    return texts


def describe(acc, path):
    ext = extents(acc)
    return '%s %r at %s; path: %s; text: %s; actions: %s' % (
        safe(acc.get_role_name, '?'), name_of(acc),
        'x'.join(str(v) for v in ext[2:]) + '@%d,%d' % ext[:2] if ext else '-',
        ' > '.join(path[-6:]), visible_text(acc), action_names(acc))


def wait_for(fn, timeout=STEP_TIMEOUT, interval=0.2):
    deadline = time.monotonic() + timeout
    while True:
        v = fn()
        if v:
            return v
        if time.monotonic() > deadline:
            return None
        time.sleep(interval)


def find(root, pred):
    for node, path in walk(root):
        if pred(node):
            return node
    return None


def find_all(root, pred):
    return [node for node, _ in walk(root) if pred(node)]


def role_is(*roles):
    return lambda n: safe(n.get_role) in roles


def named(role, pattern):
    rx = re.compile(pattern)
    return lambda n: safe(n.get_role) == role and rx.search(name_of(n)) is not None


def progress_matching(pattern):
    rx = re.compile(pattern)

    def pred(n):
        if safe(n.get_role) != Atspi.Role.PROGRESS_BAR:
            return False
        return rx.search(name_of(n) or '') is not None
    return pred


# A participant's page: its progress bar, read as "N des M badges du programme".
PAGE_PROGRESS = r'^\d+ des \d+ badges du programme$'


def label_matching(pattern):
    rx = re.compile(pattern)

    def pred(n):
        if safe(n.get_role) != Atspi.Role.LABEL:
            return False
        return rx.search(text_of(n) or name_of(n)) is not None
    return pred


def click(acc):
    return bool(safe(lambda: acc.do_action(0), False))


def do_named_action(acc, suffix):
    for i, name in enumerate(action_names(acc)):
        if name == suffix or name.endswith('.' + suffix):
            return bool(safe(lambda: acc.do_action(i), False))
    return False


# ---------------------------------------------------------------- checks

def name_exception(acc, path):
    role = safe(acc.get_role)
    if role == Atspi.Role.TABLE_CELL:
        kids = children(acc)
        return len(kids) == 1 and has_name(kids[0])
    for ex_role, ancestor, own, parent_role, _reason in NAME_EXCEPTIONS:
        if role != ex_role or not re.search(own, name_of(acc)):
            continue
        parent = safe(acc.get_parent)
        if parent is not None and safe(parent.get_role_name) == parent_role and has_name(parent):
            return True
    return False


def control_nodes(root):
    nodes = []
    for acc, path in walk(root):
        role = safe(acc.get_role)
        if role in CONTROL_ROLES:
            nodes.append((acc, path))
        elif action_names(acc) and role == Atspi.Role.FILLER and safe(acc.get_parent) is not None \
                and safe(acc.get_parent().get_role) == Atspi.Role.LIST_ITEM:
            # A list row's own activation action (JlnParticipantRow's
            # row.activate): it is what the kiosk driver will press.
            nodes.append((acc, path))
    return nodes


def check_names(root, where):
    offenders = []
    nodes = control_nodes(root)
    for acc, path in nodes:
        if has_name(acc) or name_exception(acc, path):
            continue
        offenders.append(describe(acc, path))
    tap.ok(not offenders and nodes,
           '%s: all %d showing controls have an accessible name' % (where, len(nodes)),
           ['%s: unnamed: %s' % (where, o) for o in offenders] or ['%s: no controls found' % where])
    if dump_mode:
        for acc, path in walk(root):
            print('# %s%s' % ('  ' * len(path), describe(acc, ())), file=sys.stderr)


def check_sizes(root, where):
    offenders = []
    checked = 0
    for acc, path in walk(root):
        if safe(acc.get_role) not in TARGET_ROLES:
            continue
        ext = extents(acc)
        if ext is None:
            continue
        if any(re.search(pat, name_of(acc)) for pat, _ in SIZE_EXCEPTIONS):
            continue
        # A button inside a button (a menu button's inner button) is the
        # same target: the outer one is measured.
        parent = safe(acc.get_parent)
        if parent is not None and safe(parent.get_role) in TARGET_ROLES:
            continue
        checked += 1
        if ext[2] < MIN_TARGET or ext[3] < MIN_TARGET:
            offenders.append(describe(acc, path))
    tap.ok(not offenders and checked,
           '%s: all %d showing buttons are at least %d×%d px' % (where, checked, MIN_TARGET, MIN_TARGET),
           ['%s: too small: %s' % (where, o) for o in offenders] or ['%s: no buttons found' % where])


# ---------------------------------------------------------------- the app

class App:
    def __init__(self, jalons, db, extra_args, tmpdir):
        env = dict(os.environ)
        # The suite's environment turns the accessibility bridge off.
        env.pop('NO_AT_BRIDGE', None)
        env['GTK_A11Y'] = 'atspi'
        env.update(LANG='C.UTF-8', LANGUAGE='fr', GSK_RENDERER='cairo',
                   GSETTINGS_BACKEND='memory')
        env.setdefault('XDG_DATA_HOME', os.path.join(tmpdir, 'data'))
        self.args = [jalons, '--database', db] + list(extra_args)
        self.proc = subprocess.Popen(self.args, env=env,
                                     stdout=subprocess.DEVNULL, stderr=sys.stderr)
        self.acc = None

    def find(self):
        def lookup():
            if self.proc.poll() is not None:
                return None
            desktop = Atspi.get_desktop(0)
            for app in children(desktop):
                if safe(app.get_process_id) == self.proc.pid and self.main_window(app):
                    return app
            return None
        self.acc = wait_for(lookup, STARTUP_TIMEOUT)
        return self.acc

    @staticmethod
    def main_window(app):
        for w in children(app):
            if safe(w.get_role) == Atspi.Role.FRAME and name_of(w) == 'Jalons' and is_showing(w):
                return w
        return None

    def window(self):
        return self.main_window(self.acc)

    def windows(self):
        return [w for w in children(self.acc) if is_showing(w)]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start(args, db, extra, tmpdir, what):
    app = App(args.jalons, db, extra, tmpdir)
    if not tap.ok(app.find() is not None, '%s: the app shows up on the accessibility bus' % what,
                  ['%s: no Jalons window from pid %d within %.0f s (%s)'
                   % (what, app.proc.pid, STARTUP_TIMEOUT, ' '.join(app.args))]):
        app.stop()
        return None
    return app


def view_tabs(window):
    tabs = find_all(window, role_is(Atspi.Role.PAGE_TAB))
    return [t for t in tabs if has_name(t)]


def visit_views(app, mode, large):
    """Switches to each view through its page tab, checks names (and sizes)."""
    # Narrow windows show the switcher at the bottom too: each view once.
    tabs = list({name_of(t): t for t in view_tabs(app.window())}.values())
    tap.ok(len(tabs) == 2, '%s: the view switcher shows the two views' % mode,
           ['%s: page tabs found: %s' % (mode, [name_of(t) for t in tabs])])
    for tab in [name_of(t) for t in tabs]:
        target = find(app.window(), named(Atspi.Role.PAGE_TAB, '^%s$' % re.escape(tab)))
        tap.ok(target is not None and click(target), '%s: switch to “%s” with do_action' % (mode, tab))
        # Let the stack swap pages and the tree settle.
        wait_for(lambda: safe(lambda: target.get_state_set().contains(Atspi.StateType.SELECTED)) or None, 3)
        time.sleep(0.6)
        check_names(app.window(), '%s/%s' % (mode, tab))
        if large:
            check_sizes(app.window(), '%s/%s' % (mode, tab))
    # Back to the participants.
    participants = find(app.window(), named(Atspi.Role.PAGE_TAB, '^Participants$'))
    if participants is not None:
        click(participants)
        time.sleep(0.6)


def count_shown(window):
    lbl = find(window, label_matching(r'^\s*\d+\s+participants?\b'))
    if lbl is None:
        return None
    m = re.match(r'\s*(\d+)', text_of(lbl) or name_of(lbl))
    return int(m.group(1)) if m else None


def participant_list(window):
    return find(window, lambda n: safe(n.get_role) in (Atspi.Role.LIST, Atspi.Role.LIST_BOX)
                and name_of(n) == 'Participants')


def search_and_open(app, mode, needle):
    """Search by typing, then open the first participant, through AT-SPI only."""
    window = app.window()
    entry = find(window, named(Atspi.Role.ENTRY, 'Rechercher'))
    if not tap.ok(entry is not None, '%s: the search entry is found by its name' % mode):
        return False
    before = wait_for(lambda: count_shown(app.window()))
    lst = participant_list(window)
    rows_before = len(children(lst)) if lst is not None else 0
    done = safe(lambda: Atspi.EditableText.set_text_contents(entry, needle), False)
    if not done:
        done = safe(lambda: Atspi.EditableText.insert_text(entry, 0, needle, len(needle)), False)
    tap.ok(done, '%s: type “%s” into the search entry (EditableText)' % (mode, needle))
    after = wait_for(lambda: (lambda c: c if c is not None and before is not None and c < before else None)(
        count_shown(app.window())))
    tap.ok(before is not None and after is not None and 0 < after < before,
           '%s: the count shrinks when searching (%s → %s)' % (mode, before, after),
           ['%s: count label before %r, after %r' % (mode, before, count_shown(app.window()))])
    lst = participant_list(app.window())
    items = [c for c in children(lst) if is_showing(c)] if lst is not None else []
    tap.ok(lst is not None and 0 < len(items) <= max(rows_before, 1) and (after is None or len(items) <= after),
           '%s: the list shows the matching rows only (%d rows)' % (mode, len(items)))
    if not items:
        return False
    row = items[0]
    who = visible_text(row, 1)
    opener = find(row, lambda n: any(a.endswith('.activate') for a in action_names(n)))
    opened = opener is not None and do_named_action(opener, 'activate')
    tap.ok(opened, '%s: open %s through the row’s action' % (mode, who),
           ['%s: row without an activate action: %s' % (mode, describe(row, ()))])
    shown = wait_for(lambda: find(app.window(), progress_matching(PAGE_PROGRESS)))
    return tap.ok(shown is not None, '%s: the participant page shows “… des … badges du programme”' % mode)


def check_dialog(app, mode, opener_pred, opener_desc, title_hint, large):
    """Opens a window from a button (do_action), checks it, closes it."""
    before = set(id(w) for w in app.windows())
    names_before = [name_of(w) for w in app.windows()]
    button = find(app.window(), opener_pred)
    if not tap.ok(button is not None and click(button),
                  '%s: press “%s”' % (mode, opener_desc),
                  ['%s: no showing button %s' % (mode, opener_desc)]):
        return
    def new_window():
        for w in app.windows():
            if name_of(w) not in names_before or (title_hint and re.search(title_hint, name_of(w))):
                if w.get_role() != Atspi.Role.FRAME or name_of(w) != 'Jalons':
                    return w
        return None
    dialog = wait_for(new_window)
    if not tap.ok(dialog is not None, '%s: “%s” opens a window' % (mode, opener_desc),
                  ['%s: windows: %s' % (mode, [name_of(w) for w in app.windows()])]):
        return
    time.sleep(0.8)
    where = '%s/%s' % (mode, name_of(dialog) or opener_desc)
    check_names(dialog, where)
    if large:
        check_sizes(dialog, where)
    # Close it the way a person would: its Cancel button, else the window's
    # close action.
    cancel = find(dialog, named(Atspi.Role.PUSH_BUTTON, r'^(_?Annuler|Fermer)$'))
    if cancel is not None:
        click(cancel)
    else:
        do_named_action(dialog, 'close')
    wait_for(lambda: all(name_of(w) != name_of(dialog) for w in app.windows()) or None, 5)


# ---------------------------------------------------------------- main

def main():
    global dump_mode
    parser = argparse.ArgumentParser()
    parser.add_argument('--jalons', required=True)
    parser.add_argument('--cli', required=True)
    parser.add_argument('--dump', action='store_true', help='print every showing node to stderr')
    args = parser.parse_args()
    dump_mode = args.dump

    for exe in (args.jalons, args.cli):
        if not os.access(exe, os.X_OK):
            print('Bail out! %s is not built' % exe)
            return 1

    # The accessibility bus's socket lives in XDG_RUNTIME_DIR (else
    # ~/.cache): concurrent sessions of the same user (other test runs)
    # replace and remove it under us. Our own session bus, with its own
    # runtime folder, gets its own accessibility bus.
    dbus_run_session = shutil.which('dbus-run-session')
    if os.environ.get('JALONS_A11Y_PRIVATE_BUS') is None and dbus_run_session:
        runtime = tempfile.mkdtemp(prefix='jalons-a11y-run-')
        os.chmod(runtime, 0o700)
        env = dict(os.environ, JALONS_A11Y_PRIVATE_BUS='1', XDG_RUNTIME_DIR=runtime,
                   XDG_CACHE_HOME=os.path.join(runtime, 'cache'))
        # The daemons dbus-run-session starts (at-spi2-registryd says hello)
        # write to its stdout: that goes to stderr, TAP to a copy of ours.
        tap_fd = os.dup(sys.stdout.fileno())
        env['JALONS_A11Y_TAP_FD'] = str(tap_fd)
        try:
            return subprocess.call([dbus_run_session, '--', sys.executable, '-W',
                                    'ignore::DeprecationWarning'] + sys.argv, env=env,
                                   stdout=sys.stderr, pass_fds=(tap_fd,))
        finally:
            shutil.rmtree(runtime, ignore_errors=True)

    if Atspi.init() not in (0, 1):
        skip_all('AT-SPI could not be initialised (no accessibility bus)')

    tmpdir = tempfile.mkdtemp(prefix='jalons-a11y-')
    try:
        db = os.path.join(tmpdir, 'demo.db')
        demo = subprocess.run([args.cli, 'demo', '--participants', '60', '--awards', '200',
                               '--database', db], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if demo.returncode != 0:
            print('Bail out! jalons-cli demo failed: %s' % demo.stderr.strip())
            return 1
        with sqlite3.connect(db) as conn:
            pid, first = conn.execute(
                'SELECT p.id, p.first_name FROM participants p '
                'WHERE EXISTS (SELECT 1 FROM awards a WHERE a.participant_id = p.id) '
                'ORDER BY p.id LIMIT 1').fetchone()

        # 1. Default mode: views, search, participant page, dialogs.
        app = start(args, db, [], tmpdir, 'default')
        if app is not None:
            try:
                visit_views(app, 'default', False)
                if search_and_open(app, 'default', first):
                    check_names(app.window(), 'default/participant page')
                    check_dialog(app, 'default', named(Atspi.Role.PUSH_BUTTON, r'^Attribuer un badge'),
                                 'Attribuer un badge', r'', False)
                badges = find(app.window(), named(Atspi.Role.PAGE_TAB, '^Badges$'))
                if badges is not None and click(badges):
                    time.sleep(0.6)
                    check_dialog(app, 'default', named(Atspi.Role.PUSH_BUTTON, r'^Nouveau badge'),
                                 'Nouveau badge…', r'', False)
            finally:
                app.stop()

        # 2. --participant ID opens that page at start.
        app = start(args, db, ['--participant', str(pid)], tmpdir, 'participant')
        if app is not None:
            try:
                shown = wait_for(lambda: find(app.window(), progress_matching(PAGE_PROGRESS)))
                tap.ok(shown is not None, 'participant: --participant %d starts on their page' % pid)
                name = wait_for(lambda: find(app.window(), label_matching(re.escape(first))))
                tap.ok(name is not None, 'participant: the page is %s’s' % first)
            finally:
                app.stop()

        # 3. Large-icon mode: names and sizes everywhere, the same flow.
        app = start(args, db, ['--large-icons'], tmpdir, 'large')
        if app is not None:
            try:
                visit_views(app, 'large', True)
                if search_and_open(app, 'large', first):
                    check_names(app.window(), 'large/participant page')
                    check_sizes(app.window(), 'large/participant page')
                    check_dialog(app, 'large', named(Atspi.Role.PUSH_BUTTON, r'^Attribuer un badge'),
                                 'Attribuer un badge', r'', True)
            finally:
                app.stop()
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)

    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
