#!/usr/bin/env bash
# Package the Linux bundle (dist/CareerDesk, built by `make dist`) as
#   dist/CareerDesk-<version>-linux-<arch>.tar.gz
# holding the bundle, the .desktop file, the icons, install.sh and INSTALL.txt.
# Usage: packaging/linux/make_tarball.sh [bundle-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."

bundle=${1:-dist/CareerDesk}
[ -x "$bundle/careerdesk" ] || { echo "no bundle at $bundle: run 'make dist' first" >&2; exit 2; }
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' careerdesk/__init__.py)
app_id=$(sed -n 's/^APP_ID = "\(.*\)"$/\1/p' careerdesk/__init__.py)
arch=$(uname -m)
name="CareerDesk-${version}-linux-${arch}"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage/$name/icons"
cp -a "$bundle" "$stage/$name/CareerDesk"
cp packaging/linux/"$app_id".desktop packaging/linux/install.sh packaging/linux/INSTALL.txt \
  "$stage/$name/"
cp packaging/icons/careerdesk.svg "$stage/$name/icons/$app_id.svg"
for png in packaging/icons/png/careerdesk-*.png; do
  size=${png##*-}; size=${size%.png}
  cp "$png" "$stage/$name/icons/$app_id-$size.png"
done
chmod +x "$stage/$name/install.sh"

out="dist/$name.tar.gz"
tar -C "$stage" -czf "$out" "$name"
echo "$out ($(du -h "$out" | cut -f1))"
