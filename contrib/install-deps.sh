#!/bin/bash
# Installs everything needed to build this project and run its whole test
# suite on Debian 12 (bookworm), as root. Idempotent.
set -euo pipefail

pkgs=(
  # build
  gcc meson ninja-build pkg-config
  libkmod-dev libudev-dev libjson-c-dev uuid-dev libiniparser-dev libsystemd-dev
  linux-libc-dev
  # test scripts (fixture comparisons, planner/label helpers)
  python3
  # documentation
  asciidoctor
  # VM test bed: QEMU, the guest userland and the tools the guest tests use
  qemu-system-x86 busybox-static cpio xz-utils zstd kmod jq e2fsprogs strace
  # VM test bed, systemd mode: the guest's systemd, journald, udevd come from the host
  systemd udev
)

SUDO=
if [ "$(id -u)" != 0 ]; then
  SUDO=sudo
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
    missing+=("$p")
done

# The VM test bed downloads kernel packages with `apt-get download`, which
# needs current package lists even when nothing is missing.
$SUDO apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
fi
