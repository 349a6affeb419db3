#!/usr/bin/env bash
# Install (or upgrade) CareerDesk for the current user, without root:
#   program   ~/.local/opt/CareerDesk          (replaced on upgrade)
#   command   ~/.local/bin/careerdesk          (a symlink)
#   menu      ~/.local/share/applications/<app id>.desktop
#   icons     ~/.local/share/icons/hicolor/<size>/apps/<app id>.png (+ scalable SVG)
# Your data lives elsewhere (~/.local/share/CareerDesk, ~/.config/CareerDesk, or
# $CAREERDESK_HOME) and is never touched; it is migrated, after a backup, on first start.
# ./install.sh --uninstall removes the program, command, menu entry and icons (data stays).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app_id=org.careerdesk.CareerDesk
prefix=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/CareerDesk
bin=$HOME/.local/bin

remove() {
  rm -rf "$opt"
  rm -f "$bin/careerdesk" "$prefix/applications/$app_id.desktop"
  rm -f "$prefix"/icons/hicolor/*/apps/"$app_id".png "$prefix/icons/hicolor/scalable/apps/$app_id.svg"
}

if [ "${1:-}" = "--uninstall" ]; then
  remove
  echo "CareerDesk removed. Your data was kept (see INSTALL.txt to delete it)."
  exit 0
fi

remove
mkdir -p "$(dirname "$opt")" "$bin" "$prefix/applications"
cp -a "$here/CareerDesk" "$opt"
ln -s "$opt/careerdesk" "$bin/careerdesk"
sed "s|^Exec=careerdesk|Exec=$opt/careerdesk|" "$here/$app_id.desktop" \
  > "$prefix/applications/$app_id.desktop"
for png in "$here"/icons/"$app_id"-*.png; do
  size=${png##*-}; size=${size%.png}
  [ "$size" -le 512 ] || continue  # the hicolor theme has no larger size folders
  mkdir -p "$prefix/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$prefix/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$prefix/icons/hicolor/scalable/apps"
cp "$here/icons/$app_id.svg" "$prefix/icons/hicolor/scalable/apps/$app_id.svg"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/icons/hicolor" || true
echo "CareerDesk installed in $opt; start it from the menu or with: careerdesk"
