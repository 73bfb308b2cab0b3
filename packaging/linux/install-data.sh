#!/bin/sh
# Install Parallel Reader's desktop integration files under a prefix:
#   packaging/linux/install-data.sh PREFIX        e.g. ~/.local, /usr/local, ${FLATPAK_DEST}
# Installs the .desktop launcher, the AppStream metainfo, the TMX MIME type and the icon (SVG and
# PNG sizes) in the freedesktop locations. The program itself is installed separately
# (pip install . , or the PyInstaller bundle). Honours DESTDIR for staged installs.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 PREFIX" >&2
    exit 2
fi
prefix="${DESTDIR:-}$1"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
id=org.parallelreader.ParallelReader

install -Dm644 "$here/$id.desktop" "$prefix/share/applications/$id.desktop"
install -Dm644 "$here/$id.metainfo.xml" "$prefix/share/metainfo/$id.metainfo.xml"
install -Dm644 "$here/$id.mime.xml" "$prefix/share/mime/packages/$id.xml"
install -Dm644 "$repo/resources/icons/$id.svg" "$prefix/share/icons/hicolor/scalable/apps/$id.svg"
for png in "$repo"/resources/icons/hicolor/*/apps/"$id.png"; do
    size="$(basename "$(dirname "$(dirname "$png")")")"
    install -Dm644 "$png" "$prefix/share/icons/hicolor/$size/apps/$id.png"
done
