#!/usr/bin/env bash
# Installs actionlint (Go) into a cache outside the checkout and prints the binary's path.
# Idempotent: an existing binary of the pinned version is reused. Used by test/integration/actionlint.test.ts
# and .ci/run. Override the location with DIAL_TOOLS_DIR.
set -euo pipefail
# Go's official tarball installs to /usr/local/go/bin, which a non-login shell may not have on PATH.
command -v go >/dev/null 2>&1 || export PATH="$PATH:/usr/local/go/bin"

version="v1.7.12"
tools_dir="${DIAL_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dial-tools}"
dest="$tools_dir/actionlint-$version"
bin="$dest/actionlint"

if [[ -x "$bin" ]] && "$bin" -version 2>/dev/null | head -n1 | grep -qx "$version"; then
  echo "$bin"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "install-actionlint: go is required (https://go.dev/dl/)" >&2
  exit 1
fi

mkdir -p "$dest"
# GOBIN puts the binary straight into the versioned cache dir; the module cache is Go's own.
GOBIN="$dest" GOFLAGS="${GOFLAGS:-} -trimpath" go install "github.com/rhysd/actionlint/cmd/actionlint@$version" >&2
"$bin" -version >&2
echo "$bin"
