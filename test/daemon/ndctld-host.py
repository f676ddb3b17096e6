#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""
ndctld on the host, on copies of the sysfs trees captured from real kernels
(test/fixtures/sysfs/<kernel>-<state>/). TAP output.

  * --check: exit status and the plan JSON (changes for the configured
    devices, problems for conflicting sections), nothing written;
  * a broken configuration: exit 1, every error as FILE:LINE, nothing done;
    a file writable by others: refused, naming the file and the fix;
  * --no-monitor on a copy whose state the configuration already describes:
    exit 0, "nothing to do", the tree byte-identical afterwards;
  * the daemon (in a private network namespace, uevents sent the way udevd
    forwards them): READY=1 after the coldplug, a batch of queued uevents is
    one converge, SIGHUP with a broken file keeps the last good configuration
    (RELOADING=1 ... READY=1, STATUS with the old section count), a good file
    replaces it, the loop guard ignores the echo of its own failed attempt
    and, after 5 failed runs, everything but "add"; idle means no wakeups
    (voluntary context switches constant, blocked in epoll_wait) and, outside
    sanitizer builds, VmRSS <= 4 MiB; SIGTERM/SIGINT: exit 0;
  * --journal / $JOURNAL_STREAM: journal entries with the NDCTLD_* fields
    (on a journal socket of its own, in a private mount namespace).

    ndctld-host.py NDCTLD SEND_UEVENT FIXTURES_DIR [--sanitized]
"""
import hashlib
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time

NDCTLD, SEND_UEVENT, FIXTURES = sys.argv[1:4]
SANITIZED = "--sanitized" in sys.argv[4:]
IS_ROOT = os.geteuid() == 0
NETNS_ENV = "NDCTLD_TEST_IN_NETNS"

n = 0
failed = False


def ok(cond, what, detail=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {what}")
    else:
        failed = True
        print(f"not ok {n} - {what}")
        for line in str(detail).splitlines()[:40]:
            print(f"#   {line}")
    sys.stdout.flush()
    return cond


def skip(what, why):
    global n
    n += 1
    print(f"ok {n} - {what} # SKIP {why}")


def fingerprint(root):
    """(path, kind, mode, content hash or link target) for everything under root"""
    out = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(dirs + files):
            p = os.path.join(d, name)
            st = os.lstat(p)
            rel = os.path.relpath(p, root)
            if stat.S_ISLNK(st.st_mode):
                out.append((rel, "l", st.st_mode, os.readlink(p)))
            elif stat.S_ISDIR(st.st_mode):
                out.append((rel, "d", st.st_mode, ""))
            else:
                with open(p, "rb") as f:
                    out.append((rel, "f", st.st_mode, hashlib.sha1(f.read()).hexdigest()))
    return out


class Work:
    """a temporary directory with configuration directories and tree copies"""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="ndctld-test.")
        os.chmod(self.dir, 0o755)

    def conf(self, name, files):
        d = os.path.join(self.dir, name)
        os.makedirs(d, mode=0o755, exist_ok=True)
        os.chmod(d, 0o755)
        for fname, text in files.items():
            p = os.path.join(d, fname)
            with open(p, "w") as f:
                f.write(text)
            os.chmod(p, 0o644)
        return d

    def tree(self, state):
        dst = os.path.join(self.dir, "sys-" + state)
        if not os.path.exists(dst):
            shutil.copytree(os.path.join(FIXTURES, state), dst, symlinks=True)
        return dst

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def run(args, **kw):
    base = [NDCTLD] + ([] if IS_ROOT else ["--allow-insecure-config"])
    return subprocess.run(base + args, capture_output=True, text=True, timeout=60, **kw)


# ---------------------------------------------------------------- configurations
# 6.1 trees: hmem dax regions 0 and 1 with one device each (dax0.0, dax1.0);
# in dax-online dax1.0 is system-ram online movable, dax0.0 system-ram offline.
HMEM_RAM = """\
# every hmem device becomes System-RAM in ZONE_MOVABLE
[device hbm]
region.kind = hmem
mode = system-ram
zone = movable
"""
DAX_ONLINE_AS_IS = """\
[device far]
device = dax1.0
mode = system-ram
zone = movable

[device near]
device = dax0.0
mode = system-ram
online = false
"""
CONFLICT = """\
[device ram]
device = dax0.0
mode = system-ram

[device app]
region.kind = hmem
mode = devdax
"""
BROKEN_A = """\
[device hbm]
region.kind = hmem
mode = system-ram
colour = blue
"""
BROKEN_B = """\
[frobnicate x]
all = true
"""


def plan_objects(plan, key):
    return sorted({c.get("object") for c in plan.get(key, [])})


def test_check(w):
    tree = w.tree("6.1-boot")
    before = fingerprint(tree)
    d = w.conf("conf-ram", {"10-hbm.conf": HMEM_RAM})
    r = run(["--config-dir", d, "--sysfs-root", tree, "--check"])
    ok(r.returncode == 0, "--check, valid config with changes: exit 0", r.stderr)
    try:
        plan = json.loads(r.stdout)
    except ValueError as e:
        ok(False, "--check prints JSON", f"{e}\n{r.stdout}")
        return
    ok(plan_objects(plan, "changes") == ["dax0.0", "dax1.0"],
       "--check: changes for both hmem devices", json.dumps(plan, indent=1))
    ok(all(c.get("section") == "device hbm" and c.get("line") == 4 and
           c.get("file", "").endswith("10-hbm.conf") for c in plan.get("changes", [])),
       "--check: every change names its section, file and the line of its key (mode)", json.dumps(plan, indent=1))
    ok(not plan.get("problems"), "--check: no problems", json.dumps(plan, indent=1))
    ok(fingerprint(tree) == before, "--check wrote nothing")

    d = w.conf("conf-conflict", {"conflict.conf": CONFLICT})
    r = run(["--config-dir", d, "--sysfs-root", tree, "--check"])
    ok(r.returncode == 2, "--check, conflicting sections: exit 2", r.stderr)
    try:
        plan = json.loads(r.stdout)
    except ValueError:
        plan = {}
    text = json.dumps(plan.get("problems", []))
    ok("dax0.0" in text and "device ram" in text and "device app" in text,
       "--check: the conflict names the device and both sections", json.dumps(plan, indent=1))


def test_broken(w):
    tree = w.tree("6.1-boot")
    d = w.conf("conf-broken", {"10-a.conf": BROKEN_A, "20-b.conf": BROKEN_B})
    for mode in (["--check"], ["--no-monitor"], []):
        r = run(["--config-dir", d, "--sysfs-root", tree] + mode)
        what = " ".join(mode) or "daemon"
        ok(r.returncode == 1, f"broken config ({what}): exit 1", r.stderr)
        ok(f"{d}/10-a.conf:4:" in r.stderr and f"{d}/20-b.conf:1:" in r.stderr,
           f"broken config ({what}): each error as FILE:LINE", r.stderr)
        ok(r.stdout == "", f"broken config ({what}): no plan printed", r.stdout)

    if not IS_ROOT:
        skip("insecure config refused", "needs root (files owned by root)")
        return
    d = w.conf("conf-insecure", {"10-hbm.conf": HMEM_RAM})
    os.chmod(os.path.join(d, "10-hbm.conf"), 0o666)
    r = subprocess.run([NDCTLD, "--config-dir", d, "--sysfs-root", tree, "--check"],
                       capture_output=True, text=True, timeout=60)
    ok(r.returncode == 1 and "10-hbm.conf" in r.stderr and "chmod go-w" in r.stderr,
       "a file writable by others is refused, naming the file and the fix", r.stderr)
    r = subprocess.run([NDCTLD, "--config-dir", d, "--sysfs-root", tree, "--check",
                        "--allow-insecure-config"], capture_output=True, text=True, timeout=60)
    ok(r.returncode == 0, "--allow-insecure-config accepts it", r.stderr)


def test_once(w):
    tree = w.tree("6.1-dax-online")
    before = fingerprint(tree)
    d = w.conf("conf-as-is", {"as-is.conf": DAX_ONLINE_AS_IS})
    r = run(["--config-dir", d, "--sysfs-root", tree, "--no-monitor"])
    ok(r.returncode == 0, "--no-monitor, config already satisfied: exit 0", r.stderr)
    ok(r.stderr == "ndctld: apply: nothing to do\n", "--no-monitor logs one line: 'apply: nothing to do'",
       r.stderr)
    ok(fingerprint(tree) == before, "--no-monitor, satisfied: the tree is unchanged")

    d = w.conf("conf-ram", {"10-hbm.conf": HMEM_RAM})
    tree = w.tree("6.1-boot")
    before = fingerprint(tree)
    r = run(["--config-dir", d, "--sysfs-root", tree, "--no-monitor"])
    ok(r.returncode == 2, "--no-monitor, changes on a captured tree (refused): exit 2", r.stderr)
    ok("failed dax0.0" in r.stderr and "failed dax1.0" in r.stderr,
       "--no-monitor: each refused change is a 'failed' record", r.stderr)
    ok(fingerprint(tree) == before, "--no-monitor on a captured tree wrote nothing")

    d = w.conf("conf-conflict", {"conflict.conf": CONFLICT})
    r = run(["--config-dir", d, "--sysfs-root", tree, "--no-monitor"])
    ok(r.returncode == 2 and "conflict dax0.0: " in r.stderr and
       "apply: not everything configured is in place (the plan has problems)" in r.stderr and
       "nothing to do" not in r.stderr,
       "--no-monitor, conflicting sections: exit 2, the conflict and 'the plan has problems' "
       "(not 'nothing to do')", r.stderr)


# ---------------------------------------------------------------- the daemon
class Daemon:
    def __init__(self, w, conf_dir, tree, extra=()):
        self.notify_path = os.path.join(w.dir, "notify.sock")
        if os.path.exists(self.notify_path):
            os.unlink(self.notify_path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.notify_path)
        self.errpath = os.path.join(w.dir, "daemon.err")
        self.err = open(self.errpath, "w+")
        env = dict(os.environ, NOTIFY_SOCKET=self.notify_path)
        env.pop("JOURNAL_STREAM", None)
        args = [NDCTLD, "--config-dir", conf_dir, "--sysfs-root", tree, "-v"] + list(extra)
        if not IS_ROOT:
            args.append("--allow-insecure-config")
        self.p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=self.err, env=env)
        self.notes = []

    def notify(self, want, timeout=20):
        """wait for a notification containing want; returns it or None"""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                msg = self.sock.recv(4096).decode()
            except socket.timeout:
                break
            self.notes.append(msg)
            if want in msg.split("\n"):
                return msg
        return None

    def log(self):
        self.err.flush()
        with open(self.errpath) as f:
            return f.read()

    def wait_log(self, text, count=1, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.log().count(text) >= count:
                return True
            time.sleep(0.02)
        return False

    def status(self, key):
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return line.split()[1]
        return None

    def stop(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()
        self.sock.close()
        self.err.close()


def uevent(action, devpath, subsystem, seq):
    subprocess.run([SEND_UEVENT, action, devpath, subsystem, str(seq)], check=True)


def kernel_uevent(action, devpath, subsystem, driver, seq):
    """in the kernel's own format, to the kernel's group (the early path)"""
    subprocess.run([SEND_UEVENT, "--kernel", action, devpath, subsystem, driver or "-", str(seq)],
                   check=True)


def test_daemon(w):
    tree = w.tree("6.1-dax-online")
    good = w.conf("conf-daemon", {"as-is.conf": DAX_ONLINE_AS_IS})

    # broken at start: exit 1 before READY
    broken = w.conf("conf-daemon-broken", {"10-a.conf": BROKEN_A})
    dm = Daemon(w, broken, tree)
    rc = dm.p.wait(timeout=20)
    ok(rc == 1 and f"{broken}/10-a.conf:4:" in dm.log(),
       "daemon, broken config at start: exit 1 with FILE:LINE", dm.log())
    ok(dm.notify("READY=1", timeout=0.2) is None, "daemon, broken config: never READY=1",
       dm.notes)
    dm.stop()

    dm = Daemon(w, good, tree)
    try:
        ready = dm.notify("READY=1")
        ok(ready is not None and "STATUS=2 sections" in ready,
           "daemon: READY=1 after the coldplug, STATUS names 2 sections", dm.notes)
        ok("coldplug: nothing to do" in dm.log(), "daemon: coldplug converge ran",
           dm.log())

        # idle: no wakeups, blocked in epoll_wait, small. READY=1 is sent just
        # before the loop blocks: count from the moment it does.
        for _ in range(500):
            with open(f"/proc/{dm.p.pid}/wchan") as f:
                if "epoll" in f.read():
                    break
            time.sleep(0.01)
        before = dm.status("voluntary_ctxt_switches")
        time.sleep(2)
        after = dm.status("voluntary_ctxt_switches")
        ok(before == after, f"daemon idle 2 s: no wakeups (voluntary_ctxt_switches {before})",
           f"{before} -> {after}")
        with open(f"/proc/{dm.p.pid}/wchan") as f:
            wchan = f.read()
        ok("epoll" in wchan, f"daemon idle: blocked in epoll_wait ({wchan})", wchan)
        rss = int(dm.status("VmRSS"))
        if SANITIZED:
            skip(f"daemon idle: VmRSS {rss} kB <= 4096 kB", "sanitizer build")
        else:
            ok(rss <= 4096, f"daemon idle: VmRSS {rss} kB <= 4096 kB", rss)

        # a batch: queued while stopped, then one converge
        os.kill(dm.p.pid, signal.SIGSTOP)
        for i in range(5):
            uevent("change", "/devices/platform/hmem.0/dax0.0", "dax", 10 + i)
        uevent("add", "/devices/platform/e820/ndbus0/region4", "nd", 20)
        uevent("add", "/devices/platform/hmem.0/blk9", "block", 21)  # not ours: filtered
        os.kill(dm.p.pid, signal.SIGCONT)
        ok(dm.wait_log("6 uevents, first uevent change dax0.0: nothing to do"),
           "daemon: 6 queued nd/dax uevents are one converge (the block one filtered)",
           dm.log())
        time.sleep(0.3)
        ok(dm.log().count("ndctld: converge: ") == 2,
           "daemon: exactly one converge for the batch (and the coldplug's)",
           dm.log())

        # the early path: the kernel's bind of device_dax to one device starts a run for
        # that device alone; other kernel uevents start nothing
        seen_far = dm.log().count("seen dax1.0")
        kernel_uevent("bind", "/devices/platform/hmem.0/dax0.0", "dax", "device_dax", 25)
        ok(dm.wait_log("kernel uevent bind dax0.0: nothing to do"),
           "daemon, kernel uevent: device_dax bound to dax0.0 starts a run", dm.log())
        ok(dm.log().count("seen dax1.0") == seen_far and
           dm.log().count("ndctld: converge: ") == 3,
           "daemon, kernel uevent: the run considers dax0.0 alone", dm.log())
        kernel_uevent("bind", "/devices/platform/hmem.0/dax0.0", "dax", "kmem", 26)
        kernel_uevent("add", "/devices/platform/hmem.0/dax0.0", "dax", None, 27)
        kernel_uevent("bind", "/devices/pci0000:00/0000:00:01.0", "pci", "ahci", 28)
        kernel_uevent("bind", "/devices/platform/hmem.0/dax0.0", "dax", "device_dax", 29)
        ok(dm.wait_log("kernel uevent bind dax0.0: nothing to do", count=2),
           "daemon, kernel uevents: the next device_dax bind starts a run", dm.log())
        time.sleep(0.3)
        ok(dm.log().count("ndctld: converge: ") == 4,
           "daemon, kernel uevents: kmem binds, adds, other buses start none", dm.log())

        # SIGHUP with a broken file: last good configuration kept
        with open(os.path.join(good, "zz-broken.conf"), "w") as f:
            f.write(BROKEN_A)
        os.chmod(os.path.join(good, "zz-broken.conf"), 0o644)
        dm.notes = []
        dm.p.send_signal(signal.SIGHUP)
        reloading = dm.notify("RELOADING=1")
        ready = dm.notify("READY=1")
        ok(reloading is not None and "MONOTONIC_USEC=" in reloading and ready is not None,
           "daemon, SIGHUP: RELOADING=1 (with MONOTONIC_USEC) then READY=1", dm.notes)
        log = dm.log()
        ok(f"{good}/zz-broken.conf:4:" in log, "daemon, broken reload: the error with FILE:LINE",
           log)
        ok("reload: kept the last good configuration (2 sections)" in log,
           "daemon, broken reload: says it kept the last good configuration", log)
        ok(ready is not None and "STATUS=2 sections" in ready,
           "daemon, broken reload: still 2 sections in force", ready)
        ok(dm.p.poll() is None, "daemon, broken reload: still running")

        # SIGHUP with a good file: replaced
        os.unlink(os.path.join(good, "zz-broken.conf"))
        with open(os.path.join(good, "zz-more.conf"), "w") as f:
            f.write("[device all]\nall = true\n")
        os.chmod(os.path.join(good, "zz-more.conf"), 0o644)
        dm.notes = []
        dm.p.send_signal(signal.SIGHUP)
        ready = dm.notify("READY=1")
        ok(ready is not None and "STATUS=3 sections" in ready and
           f"reload: 3 sections from {good}" in dm.log(),
           "daemon, good reload: the new configuration (3 sections) is in force", dm.log())

        dm.notes = []
        dm.p.send_signal(signal.SIGTERM)
        rc = dm.p.wait(timeout=20)
        stopping = dm.notify("STOPPING=1", timeout=2)
        ok(rc == 0 and stopping is not None, "daemon, SIGTERM: STOPPING=1, exit 0",
           f"rc={rc} notes={dm.notes}")
    finally:
        dm.stop()

    # loop guard: on a captured tree every change fails (EROFS) and names the device
    tree = w.tree("6.1-boot")
    ram = w.conf("conf-ram", {"10-hbm.conf": HMEM_RAM})
    dm = Daemon(w, ram, tree)
    try:
        ok(dm.notify("READY=1") is not None, "daemon, failing coldplug: READY=1 anyway")
        ok("coldplug: not everything configured is in place" in dm.log(),
           "daemon, failing coldplug: says not everything is in place", dm.log())
        uevent("bind", "/devices/platform/hmem.0/dax0.0", "dax", 30)
        ok(dm.wait_log("uevent dax0.0: bind dax, ignored: the daemon's own failed attempt"),
           "loop guard: a uevent for a device of the failed attempt is ignored", dm.log())
        uevent("add", "/devices/platform/e820/ndbus0/region4", "nd", 31)
        ok(dm.wait_log("uevent add region4: not everything configured is in place"),
           "loop guard: a uevent for another object starts a run", dm.log())
        ok(dm.log().count(": not everything configured is in place") == 2,
           "loop guard: two runs in all (coldplug, region4)", dm.log())
        for i in range(3):
            uevent("change", "/devices/platform/e820/ndbus0/region4", "nd", 40 + i)
            dm.wait_log(": not everything configured is in place", count=3 + i)
        ok(dm.log().count(": not everything configured is in place") == 5,
           "loop guard: 5 failed runs in a row", dm.log())
        uevent("change", "/devices/platform/e820/ndbus0/region4", "nd", 50)
        ok(dm.wait_log("uevent region4: change nd, ignored: too many failed attempts in a row"),
           "loop guard: after 5 failed runs a change uevent is ignored", dm.log())
        uevent("add", "/devices/platform/e820/ndbus0/region5", "nd", 51)
        ok(dm.wait_log("uevent add region5: not everything configured is in place"),
           "loop guard: after 5 failed runs an add uevent (a new device) still starts a run",
           dm.log())
        dm.p.send_signal(signal.SIGINT)
        ok(dm.p.wait(timeout=20) == 0, "daemon, SIGINT: exit 0")
    finally:
        dm.stop()

    # udev's add of a dax device starts no run (its bind does); with [instance] sections only
    # an empty one (a region's new seed) is passed over
    tree = w.tree("6.1-hmem-split")
    none = w.conf("conf-none", {"none.conf": "[device none]\ndevice = dax9.9\nmode = devdax\n"})
    dm = Daemon(w, none, tree)
    try:
        ok(dm.notify("READY=1") is not None, "daemon, hmem-split tree: READY=1")
        uevent("add", "/devices/platform/hmem.1/dax1.1", "dax", 70)
        ok(dm.wait_log("uevent dax1.1: add dax, ignored: a dax device is configured when a "
                       "driver binds it"), "udev add of a dax device: no run, says why", dm.log())
        uevent("bind", "/devices/platform/hmem.1/dax1.1", "dax", 71)
        ok(dm.wait_log("uevent bind dax1.1: nothing to do"),
           "udev bind of that dax device: a run", dm.log())
        ok(dm.log().count("ndctld: converge: ") == 2, "two runs in all (coldplug, the bind)",
           dm.log())
    finally:
        dm.stop()
    inst = w.conf("conf-inst", {"inst.conf": "[instance v]\nregion = region1\nsize = 256M\n"})
    dm = Daemon(w, inst, tree)
    try:
        ok(dm.notify("READY=1") is not None, "daemon, [instance] section: READY=1")
        uevent("add", "/devices/platform/hmem.1/dax1.0", "dax", 72)
        ok(dm.wait_log("uevent dax1.0: add dax, ignored: an empty device"),
           "[instance] sections: udev add of a size-0 dax device (the seed) ignored", dm.log())
        uevent("add", "/devices/platform/hmem.1/dax1.1", "dax", 73)
        ok(dm.wait_log("uevent add dax1.1: ", count=1),
           "[instance] sections: udev add of a sized dax device starts a run", dm.log())
    finally:
        dm.stop()

    # runs whose plan only has problems change nothing: they never stop uevent handling
    conflict = w.conf("conf-conflict", {"conflict.conf": CONFLICT})
    dm = Daemon(w, conflict, tree)
    try:
        ok(dm.notify("READY=1") is not None, "daemon, conflicting sections: READY=1")
        for i in range(6):
            uevent("change", "/devices/platform/e820/ndbus0/region4", "nd", 60 + i)
            dm.wait_log("the plan has problems", count=2 + i)
        log = dm.log()
        ok(log.count("(the plan has problems)") == 7 and "ignored" not in log,
           "loop guard: 6 uevents after runs with problems only (no failures) all start a run",
           log)
    finally:
        dm.stop()


# ---------------------------------------------------------------- the journal
def journal_socket():
    """a socket where sd_journal_sendv sends: /run/systemd/journal/socket on a private /run"""
    subprocess.run(["mount", "-t", "tmpfs", "ndctld-test", "/run"], check=True)
    os.makedirs("/run/systemd/journal")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind("/run/systemd/journal/socket")
    s.settimeout(0.5)
    return s


def journal_entries(s):
    """every entry received so far, as dicts (native protocol, both value forms)"""
    out = []
    while True:
        try:
            data = s.recv(1 << 20)
        except socket.timeout:
            return out
        e, i = {}, 0
        while i < len(data):
            nl = data.index(b"\n", i)
            line = data[i:nl]
            if b"=" in line:
                k, v = line.split(b"=", 1)
                i = nl + 1
            else:  # KEY\n, 64-bit little-endian length, value, \n
                k = line
                size = int.from_bytes(data[nl + 1:nl + 9], "little")
                v = data[nl + 9:nl + 9 + size]
                i = nl + 9 + size + 1
            e[k.decode()] = v.decode()
        out.append(e)


def test_journal(w):
    s = journal_socket()
    tree = w.tree("6.1-boot")
    d = w.conf("conf-ram", {"10-hbm.conf": HMEM_RAM})
    r = run(["--config-dir", d, "--sysfs-root", tree, "--no-monitor", "--journal"])
    entries = journal_entries(s)
    failed_rec = [e for e in entries if e.get("NDCTLD_EVENT") == "failed" and
                  e.get("NDCTLD_OBJECT") == "dax0.0"]
    want = {"PRIORITY": "3", "SYSLOG_IDENTIFIER": "ndctld", "NDCTLD_SECTION": "device hbm",
            "NDCTLD_CONFIG_FILE": f"{d}/10-hbm.conf", "NDCTLD_CONFIG_LINE": "4",
            "NDCTLD_ERRNO": "30", "ERRNO": "30"}
    ok(len(failed_rec) == 1 and all(failed_rec[0].get(k) == v for k, v in want.items()) and
       failed_rec[0].get("NDCTLD_ACTION") and
       failed_rec[0].get("MESSAGE", "").startswith("failed dax0.0: "),
       "--journal: a failed change is an entry with every NDCTLD_* field (EROFS on a captured tree)",
       json.dumps(entries, indent=1))
    ok(r.returncode == 2 and r.stderr == "", "--journal: exit 2, nothing on stderr",
       f"rc={r.returncode} {r.stderr}")

    # stderr connected to the journal ($JOURNAL_STREAM names it): journal without --journal
    broken = w.conf("conf-broken-j", {"10-a.conf": BROKEN_A})
    with open(os.path.join(w.dir, "stream"), "w") as f:
        st = os.fstat(f.fileno())
        env = dict(os.environ, JOURNAL_STREAM=f"{st.st_dev}:{st.st_ino}")
        r = subprocess.run([NDCTLD, "--config-dir", broken, "--sysfs-root", tree, "--check"],
                           stdout=subprocess.PIPE, stderr=f, text=True, env=env, timeout=60)
    entries = journal_entries(s)
    conf_rec = [e for e in entries if e.get("NDCTLD_EVENT") == "config"]
    ok(r.returncode == 1 and len(conf_rec) == 1 and
       conf_rec[0].get("NDCTLD_CONFIG_FILE") == f"{broken}/10-a.conf" and
       conf_rec[0].get("NDCTLD_CONFIG_LINE") == "4" and conf_rec[0].get("PRIORITY") == "3" and
       conf_rec[0].get("MESSAGE", "").startswith(f"{broken}/10-a.conf:4: "),
       "$JOURNAL_STREAM on stderr: configuration errors are journal entries with file and line",
       json.dumps(entries, indent=1))
    s.close()
    subprocess.run(["umount", "/run"], check=False)


def main():
    w = Work()
    try:
        test_check(w)
        test_broken(w)
        test_once(w)
        if os.environ.get(NETNS_ENV) == "1":
            test_daemon(w)
            test_journal(w)
        else:
            skip("daemon tests", "no private network namespace (unshare -n needs root)")
            skip("journal records", "no private mount namespace (unshare -m needs root)")
    finally:
        w.close()
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    if os.environ.get(NETNS_ENV) is None and shutil.which("unshare"):
        # uevents are sent to a netlink multicast group: keep them in a private namespace
        env = dict(os.environ, **{NETNS_ENV: "1"})
        # and a private mount namespace: a journal socket of our own on a tmpfs /run
        if subprocess.run(["unshare", "-n", "-m", "true"], capture_output=True).returncode == 0:
            os.execvpe("unshare", ["unshare", "-n", "-m", sys.executable] + sys.argv, env)
        os.environ[NETNS_ENV] = "0"
    sys.exit(main())
