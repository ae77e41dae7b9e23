#!/usr/bin/env bash
# Builds the test bed's control-plane binaries from Go modules, once per version.
# The result is cached outside the checkout (CI clones afresh; a second run must not rebuild).
# Versions: the `require` line of testbed/go/{k8s,etcd,kwok,traefik}/go.mod (testbed/src/paths.ts reads the same).
# Traefik (the gateway part's data plane) has its own cache folder, so a new Traefik does not rebuild Kubernetes.
set -euo pipefail
# Go's official tarball installs to /usr/local/go/bin, which a non-login shell may not have on PATH.
command -v go >/dev/null 2>&1 || export PATH="$PATH:/usr/local/go/bin"
here="$(cd "$(dirname "$0")/.." && pwd)"
K8S_VERSION="$(sed -n 's/^require k8s.io\/kubernetes \(v[0-9.]*\)$/\1/p' "$here/go/k8s/go.mod")"
ETCD_VERSION="$(sed -n 's/^require go.etcd.io\/etcd\/server\/v3 \(v[0-9.]*\)$/\1/p' "$here/go/etcd/go.mod")"
KWOK_VERSION="$(sed -n 's/^require sigs.k8s.io\/kwok \(v[0-9.]*\)$/\1/p' "$here/go/kwok/go.mod")"
TRAEFIK_VERSION="$(sed -n 's/^require github.com\/traefik\/traefik\/v3 \(v[0-9.]*\)$/\1/p' "$here/go/traefik/go.mod")"
CACHE="${DIAL_TESTBED_CACHE:-$HOME/.cache/dial-testbed}"
BIN="$CACHE/bin-k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"
TRAEFIK_BIN="$CACHE/bin-traefik-$TRAEFIK_VERSION"
export GOFLAGS="-mod=mod -trimpath"
export CGO_ENABLED=0

# Traefik v3's go.mod has replace directives, so `go install ...@v` fails; testbed/go/traefik is a wrapper
# module carrying its replaces and exclude (see the comment there). A cold build takes about 7.5 min and 3 GiB.
build_traefik() {
  if [ -x "$TRAEFIK_BIN/traefik" ]; then
    echo "testbed binaries: Traefik cached in $TRAEFIK_BIN"
    return 0
  fi
  # One build at a time (the kube and gateway parts may both ask); the second finds it built.
  mkdir -p "$CACHE"
  exec 9>"$CACHE/traefik-build.lock"
  flock 9
  if [ -x "$TRAEFIK_BIN/traefik" ]; then
    echo "testbed binaries: Traefik cached in $TRAEFIK_BIN"
    return 0
  fi
  rm -rf "$TRAEFIK_BIN.tmp" && mkdir -p "$TRAEFIK_BIN.tmp"
  echo "testbed binaries: building Traefik $TRAEFIK_VERSION into $TRAEFIK_BIN (a cold build takes about 8 min)"
  local t0
  t0=$(date +%s)
  (cd "$here/go/traefik" && go build -ldflags "-s -w" -o "$TRAEFIK_BIN.tmp/traefik" \
    github.com/traefik/traefik/v3/cmd/traefik)
  rm -rf "$TRAEFIK_BIN" && mv "$TRAEFIK_BIN.tmp" "$TRAEFIK_BIN"
  echo "  traefik built in $(( $(date +%s) - t0 )) s"
}
if [ "${1:-}" = "--traefik-only" ]; then
  build_traefik
  exit 0
fi

if [ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/kube-controller-manager" ] && [ -x "$BIN/kube-scheduler" ] \
  && [ -x "$BIN/kubectl" ] && [ -x "$BIN/etcd" ] && [ -x "$BIN/kwok" ]; then
  echo "testbed binaries: cached in $BIN"
  build_traefik
  exit 0
fi
mkdir -p "$BIN.tmp"
start=$(date +%s)
major="${K8S_VERSION#v}"; major="${major%%.*}"
minor="${K8S_VERSION#v*.}"; minor="${minor%%.*}"
ld=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ld="$ld -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done
echo "testbed binaries: building Kubernetes $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION into $BIN (a cold build takes a while)"
(cd "$here/go/k8s" && for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  t0=$(date +%s)
  go build -ldflags "-s -w $ld" -o "$BIN.tmp/$cmd" "k8s.io/kubernetes/cmd/$cmd"
  echo "  $cmd built in $(( $(date +%s) - t0 )) s"
done)
(cd "$here/go/etcd" && t0=$(date +%s) && go build -ldflags "-s -w" -o "$BIN.tmp/etcd" go.etcd.io/etcd/server/v3 \
  && echo "  etcd built in $(( $(date +%s) - t0 )) s")
(cd "$here/go/kwok" && t0=$(date +%s) && go build -ldflags "-s -w" -o "$BIN.tmp/kwok" sigs.k8s.io/kwok/cmd/kwok \
  && echo "  kwok built in $(( $(date +%s) - t0 )) s")
rm -rf "$BIN" && mv "$BIN.tmp" "$BIN"
echo "testbed binaries: built in $(( $(date +%s) - start )) s"
build_traefik
