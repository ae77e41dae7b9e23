#!/usr/bin/env bash
# Builds the test bed's control-plane binaries from Go modules, once per version.
# The result is cached outside the checkout (CI clones afresh; a second run must not rebuild).
# Versions: the `require` line of testbed/go/{k8s,etcd,kwok}/go.mod (testbed/src/paths.ts reads the same).
set -euo pipefail
# Go's official tarball installs to /usr/local/go/bin, which a non-login shell may not have on PATH.
command -v go >/dev/null 2>&1 || export PATH="$PATH:/usr/local/go/bin"
here="$(cd "$(dirname "$0")/.." && pwd)"
K8S_VERSION="$(sed -n 's/^require k8s.io\/kubernetes \(v[0-9.]*\)$/\1/p' "$here/go/k8s/go.mod")"
ETCD_VERSION="$(sed -n 's/^require go.etcd.io\/etcd\/server\/v3 \(v[0-9.]*\)$/\1/p' "$here/go/etcd/go.mod")"
KWOK_VERSION="$(sed -n 's/^require sigs.k8s.io\/kwok \(v[0-9.]*\)$/\1/p' "$here/go/kwok/go.mod")"
CACHE="${DIAL_TESTBED_CACHE:-$HOME/.cache/dial-testbed}"
BIN="$CACHE/bin-k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"
export GOFLAGS="-mod=mod -trimpath"
export CGO_ENABLED=0

if [ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/kube-controller-manager" ] && [ -x "$BIN/kube-scheduler" ] \
  && [ -x "$BIN/etcd" ] && [ -x "$BIN/kwok" ]; then
  echo "testbed binaries: cached in $BIN"
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
(cd "$here/go/k8s" && for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
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
