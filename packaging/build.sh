#!/bin/sh
# Build the one-folder PyInstaller bundle of Parallel Reader from this source tree.
#   packaging/build.sh [--dist DIR] [--work DIR]
# Result: DIR/parallel-reader/parallel-reader (default DIR: dist/ at the repository root; the
# intermediate files go to build/pyinstaller/). Uses $PYTHON (default: python3), which must have
# the runtime dependencies and PyInstaller installed (pip install pyinstaller); Python >= 3.11.
# Takes about 35 s on two cores (PyInstaller 6.22, PySide6 6.12), cold or warm cache alike.
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
python="${PYTHON:-python3}"
dist="$repo/dist"
work="$repo/build/pyinstaller"

while [ $# -gt 0 ]; do
    case "$1" in
        --dist) dist="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: error: unknown argument '$1' (see 'build.sh --help')" >&2; exit 2 ;;
    esac
done

if ! "$python" -c "import PyInstaller" >/dev/null 2>&1; then
    echo "build.sh: error: PyInstaller is not installed for $python (pip install pyinstaller)" >&2
    exit 2
fi

start="$(date +%s)"
"$python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work" "$here/pyinstaller/parallel-reader.spec"
end="$(date +%s)"

binary="$dist/parallel-reader/parallel-reader"
"$binary" --version
echo "build.sh: built $binary in $((end - start)) s"
