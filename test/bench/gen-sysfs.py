#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""
Synthetic sysfs trees at scale, cloned from trees captured on real kernels
(test/fixtures/sysfs/6.1-labeled for libnvdimm, 6.1-dax-online for device-dax),
so every object has the attributes, links and nesting the kernel shows:

    gen-sysfs.py [--buses B] [--dimms D] [--regions R] [--namespaces N]
                 [--dax-regions X] [--memblocks M] OUT

B ACPI.NFIT buses, each with D DIMMs (nmemN) and R pmem regions; every region
holds N enabled raw namespaces (each with its pmem block device) plus an idle
namespace seed and its btt/pfn/dax seeds, one mapping to a DIMM of its bus.
X hmem dax regions with one system-ram device each, M memory blocks in all
(online, Movable), under devices/system/memory. Names and numbers (resources,
handles, serials, uuids, cookies) are unique and consistent: each region's
size is the sum of its namespaces, namespaces are packed from its start.
Prints the object counts as one JSON line.
"""
import argparse
import os
import re
import shutil
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "fixtures", "sysfs")
ND_T = os.path.join(FIX, "6.1-labeled")
DAX_T = os.path.join(FIX, "6.1-dax-online")
ACPI = "devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00"
BUS_T = ACPI + "/ndbus0"
NS_SIZE = 16 << 20
BLOCK = 0x8000000
SKIP = {"module"}


def sub_text(text, subs):
    for old, new in subs:
        text = re.sub(r"(?<![\w.])" + re.escape(old) + r"(?![\w.])", new, text)
    return text


def clone(troot, src, oroot, dst, subs, attrs=None, flat=False):
    """copy template dir troot/src to oroot/dst, renaming by subs; attrs patches files"""
    s, d = os.path.join(troot, src), os.path.join(oroot, dst)
    os.makedirs(d, exist_ok=True)
    for e in os.scandir(s):
        name = sub_text(e.name, subs)
        if e.is_symlink():
            target = os.path.normpath(os.path.join(src, os.readlink(e.path)))
            target = sub_text(target, subs)
            os.symlink(os.path.relpath(target, dst), os.path.join(d, name))
        elif e.is_dir():
            if not flat:
                clone(troot, os.path.join(src, e.name), oroot, os.path.join(dst, name), subs,
                      (attrs or {}).get(e.name + "/"))
        else:
            val = (attrs or {}).get(e.name)
            if val is None:
                with open(e.path, errors="surrogateescape") as f:
                    val = sub_text(f.read(), subs)
            with open(os.path.join(d, name), "w", errors="surrogateescape") as f:
                f.write(val)


def link(oroot, where, name, target):
    os.makedirs(os.path.join(oroot, where), exist_ok=True)
    os.symlink(os.path.relpath(target, where), os.path.join(oroot, where, name))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--buses", type=int, default=4)
    ap.add_argument("--dimms", type=int, default=32)
    ap.add_argument("--regions", type=int, default=8)
    ap.add_argument("--namespaces", type=int, default=256)
    ap.add_argument("--dax-regions", type=int, default=16)
    ap.add_argument("--memblocks", type=int, default=4096)
    ap.add_argument("out")
    a = ap.parse_args()
    out = a.out
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    for drv in ("nd_bus", "nd_region", "nvdimm", "nd_pmem", "dax_pmem"):
        os.makedirs(os.path.join(out, "bus/nd/drivers", drv))
    os.makedirs(os.path.join(out, "bus/nd/devices"))
    counts = dict(buses=0, dimms=0, regions=0, namespaces=0, dax_regions=0, dax_devices=0,
                  memblocks=0)
    base = 0x10000000000      # 1 TiB: regions packed from here
    for b in range(a.buses):
        acpi = "devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:%02X" % b
        clone(ND_T, ACPI, out, acpi, [], flat=True)
        bus = acpi + "/ndbus%d" % b
        bsubs = [("ACPI0012:00", "ACPI0012:%02X" % b), ("ndbus0", "ndbus%d" % b),
                 ("ndctl0", "ndctl%d" % b)]
        clone(ND_T, BUS_T, out, bus, bsubs, flat=True)
        for sub in ("nfit", "nd", "firmware"):
            if os.path.isdir(os.path.join(ND_T, BUS_T, sub)):
                clone(ND_T, BUS_T + "/" + sub, out, bus + "/" + sub, bsubs)
        link(out, "bus/nd/devices", "ndbus%d" % b, bus)
        link(out, "bus/nd/drivers/nd_bus", "ndbus%d" % b, bus)
        # the reference enumerates buses through their control devices
        link(out, "class/nd", "ndctl%d" % b, bus + "/nd/ndctl%d" % b)
        with open(os.path.join(out, bus, "nd/ndctl%d/dev" % b), "w") as f:
            f.write("246:%d\n" % b)
        link(out, "dev/char", "246:%d" % b, bus + "/nd/ndctl%d" % b)
        counts["buses"] += 1
        for i in range(a.dimms):
            dn = b * a.dimms + i
            subs = bsubs + [("nmem0", "nmem%d" % dn)]
            clone(ND_T, BUS_T + "/nmem0", out, bus + "/nmem%d" % dn, subs, {
                "dev": "250:%d\n" % dn,
                "nfit/": {"handle": "0x%x\n" % (b << 12 | i), "serial": "0x%08x\n" % (dn + 1),
                          "id": "8680-56341200-%04x\n" % dn, "phys_id": "0x%x\n" % dn}})
            link(out, "bus/nd/devices", "nmem%d" % dn, bus + "/nmem%d" % dn)
            link(out, "bus/nd/drivers/nvdimm", "nmem%d" % dn, bus + "/nmem%d" % dn)
            link(out, "dev/char", "250:%d" % dn, bus + "/nmem%d" % dn)
            counts["dimms"] += 1
        for r in range(a.regions):
            g = b * a.regions + r
            size = a.namespaces * NS_SIZE
            dimm = b * a.dimms + r % a.dimms
            reg = bus + "/region%d" % g
            subs = bsubs + [("region2", "region%d" % g), ("nmem0", "nmem%d" % dimm),
                            ("nmem1", "nmem%d" % dimm)]
            clone(ND_T, BUS_T + "/region2", out, reg, subs, {
                "size": "%d\n" % size, "resource": "0x%x\n" % base, "available_size": "0\n",
                "max_available_extent": "0\n", "mappings": "1\n",
                "mapping0": "nmem%d,0,%d,0\n" % (dimm, size),
                "set_cookie": "0x%016x\n" % (0x1000 + g),
                "namespace_seed": "namespace%d.%d\n" % (g, a.namespaces),
                "btt_seed": "btt%d.0\n" % g, "pfn_seed": "pfn%d.0\n" % g,
                "dax_seed": "dax%d.0\n" % g}, flat=True)
            clone(ND_T, BUS_T + "/region2/nfit", out, reg + "/nfit", subs)
            link(out, "bus/nd/devices", "region%d" % g, reg)
            link(out, "bus/nd/drivers/nd_region", "region%d" % g, reg)
            for kind, t in (("btt", "btt2.1"), ("pfn", "pfn2.0"), ("dax", "dax2.0")):
                name = "%s%d.0" % (kind, g)
                clone(ND_T, BUS_T + "/region2/" + t, out, reg + "/" + name,
                      subs + [(t, name)], {"namespace": "\n", "uuid": "\n"})
                link(out, "bus/nd/devices", name, reg + "/" + name)
            for n in range(a.namespaces + 1):
                name = "namespace%d.%d" % (g, n)
                seed = n == a.namespaces
                t = "namespace2.2" if seed else "namespace2.1"
                nsubs = subs + [(t, name), ("pmem2.1", "pmem%d.%d" % (g, n))]
                attrs = {"resource": "0x%x\n" % (base + n * NS_SIZE),
                         "uuid": "%s\n" % uuid.UUID(int=(g << 32) | (n + 1))}
                if seed:
                    attrs.update(size="0\n", uuid="\n", resource="0x%x\n" % (base + size))
                else:
                    attrs["size"] = "%d\n" % NS_SIZE
                    attrs["block/"] = {"pmem%d.%d" % (g, n) + "/": {
                        "size": "%d\n" % (NS_SIZE // 512), "dev": "259:%d\n" % (g * 1000 + n)}}
                clone(ND_T, BUS_T + "/region2/" + t, out, reg + "/" + name, nsubs, attrs)
                link(out, "bus/nd/devices", name, reg + "/" + name)
                if not seed:
                    link(out, "bus/nd/drivers/nd_pmem", name, reg + "/" + name)
                    link(out, "dev/block", "259:%d" % (g * 1000 + n),
                         reg + "/%s/block/pmem%d.%d" % (name, g, n))
                    counts["namespaces"] += 1
            counts["regions"] += 1
            base += size + (1 << 30)
    # device-dax: X hmem regions, one system-ram device each, M memory blocks in all
    os.makedirs(os.path.join(out, "bus/dax/devices"))
    os.makedirs(os.path.join(out, "bus/dax/drivers/kmem"))
    os.makedirs(os.path.join(out, "bus/dax/drivers/device_dax"))
    shutil.copy(os.path.join(DAX_T, "bus/dax/drivers_autoprobe"), os.path.join(out, "bus/dax"))
    mem = "devices/system/memory"
    clone(DAX_T, mem, out, mem, [], flat=True)
    clone(DAX_T, "devices/system/node", out, "devices/system/node", [])
    for nd in os.scandir(os.path.join(out, "devices/system/node")):
        if nd.is_dir() and nd.name.startswith("node"):
            for e in os.scandir(nd.path):
                if re.fullmatch(r"memory\d+", e.name):
                    os.unlink(e.path)     # the template's blocks; ours are linked below
    per = a.memblocks // a.dax_regions if a.dax_regions else 0
    start = 0x200000000000
    for x in range(a.dax_regions):
        size = per * BLOCK
        res = start + x * (size + BLOCK)
        plat = "devices/platform/hmem.%d" % x
        subs = [("hmem.1", "hmem.%d" % x), ("dax1.0", "dax%d.0" % x)]
        clone(DAX_T, "devices/platform/hmem.1", out, plat, subs, {
            "dax_region/": {"id": "%d\n" % x, "size": "%d\n" % size, "available_size": "0\n"},
            "dax1.0/": {"resource": "0x%x\n" % res, "size": "%d\n" % size, "dev": "252:%d\n" % x,
                        "mapping0/": {"start": "0x%x\n" % res, "end": "0x%x\n" % (res + size - 1),
                                      "page_offset": "0x0\n"}}})
        link(out, "bus/dax/devices", "dax%d.0" % x, plat + "/dax%d.0" % x)
        link(out, "bus/dax/drivers/kmem", "dax%d.0" % x, plat + "/dax%d.0" % x)
        link(out, "dev/char", "252:%d" % x, plat + "/dax%d.0" % x)
        for k in range(per):
            idx = res // BLOCK + k
            clone(DAX_T, mem + "/memory40", out, mem + "/memory%d" % idx, [], {
                "phys_index": "%08x\n" % idx, "state": "online\n", "online": "1\n",
                "valid_zones": "Movable\n"})
            link(out, "devices/system/node/node1", "memory%d" % idx, mem + "/memory%d" % idx)
            counts["memblocks"] += 1
        counts["dax_regions"] += 1
        counts["dax_devices"] += 1
    print('{"buses":%(buses)d,"dimms":%(dimms)d,"regions":%(regions)d,'
          '"namespaces":%(namespaces)d,"dax_regions":%(dax_regions)d,'
          '"dax_devices":%(dax_devices)d,"memblocks":%(memblocks)d}' % counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
