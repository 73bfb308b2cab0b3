#!/bin/sh
# Validate the freedesktop and AppStream files with the real tools. Installs nothing: needs
# desktop-file-validate (Debian: desktop-file-utils) and appstreamcli (Debian: appstream).
#   packaging/validate.sh
# Fails (exit 1) on any error; warnings and hints are printed but accepted.
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
id=org.parallelreader.ParallelReader
desktop="$here/linux/$id.desktop"
metainfo="$here/linux/$id.metainfo.xml"
status=0

for tool in desktop-file-validate appstreamcli; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "validate.sh: error: $tool not found (apt-get install desktop-file-utils appstream)" >&2
        exit 1
    fi
done

# desktop-file-validate exits non-zero only on errors (warnings and hints are printed).
echo "== desktop-file-validate $desktop"
desktop-file-validate "$desktop" || status=1

# appstreamcli exits non-zero on errors and also on warnings; accept a run whose report has no
# error lines ("E: ...").
check_appstream() {
    out="$(appstreamcli "$@" 2>&1)" && rc=0 || rc=$?
    printf '%s\n' "$out"
    if [ "$rc" -ne 0 ] && printf '%s\n' "$out" | grep -Eq '^ *E: '; then
        status=1
    elif [ "$rc" -ne 0 ] && ! printf '%s\n' "$out" | grep -Eq '^ *W: '; then
        status=1  # failed without a report line we understand: treat as an error
    fi
}

echo "== appstreamcli validate --no-net $metainfo"
check_appstream validate --no-net "$metainfo"

# The installed layout: the metainfo's launchable must find the desktop file and its icon.
tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT
"$here/linux/install-data.sh" "$tree/usr" >/dev/null
echo "== appstreamcli validate-tree --no-net (staged install)"
check_appstream validate-tree --no-net "$tree"

if [ "$status" -ne 0 ]; then
    echo "validate.sh: FAILED" >&2
else
    echo "validate.sh: ok"
fi
exit "$status"
