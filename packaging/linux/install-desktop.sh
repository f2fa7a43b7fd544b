#!/bin/sh
# Put Oqu in the desktop menu of the current user (no root needed).
# build.py copies this script into dist/oqu/; run it from there:  ./install-desktop.sh
# It writes the .desktop entry (pointing at this folder's oqu), the AppStream
# metainfo and the icons under ${XDG_DATA_HOME:-~/.local/share}.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
icons="$here/_internal/resources/icons"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$icons/oqu-$size.png" "$data/icons/hicolor/${size}x${size}/apps/kz.oqu.Oqu.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps" "$data/applications" "$data/metainfo"
cp "$icons/oqu.svg" "$data/icons/hicolor/scalable/apps/kz.oqu.Oqu.svg"
sed -e "s|^Exec=oqu|Exec=\"$here/oqu\"|" -e "s|^TryExec=oqu|TryExec=$here/oqu|" \
    "$here/share/applications/kz.oqu.Oqu.desktop" > "$data/applications/kz.oqu.Oqu.desktop"
cp "$here/share/metainfo/kz.oqu.Oqu.metainfo.xml" "$data/metainfo/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "Oqu is in the menu now ($data/applications/kz.oqu.Oqu.desktop)."
