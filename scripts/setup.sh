#!/usr/bin/env bash
# Everything a fresh machine needs to run Dial's tests: Debian packages for the real test bed (iproute2 for
# the gateway part's network namespace; stress-ng, the CPU load of `npm run test:soak -- --load`; chromium
# and an emoji font, which draw the job summaries' mermaid charts in the `render` tests), the npm
# dependencies (Node 24 included, as node_modules/.bin/node), the Kubernetes control plane and Traefik built
# from Go modules (cached by version outside the checkout) and actionlint. Idempotent: a second run reuses
# the caches (apt skips installed packages, the binaries and actionlint are not rebuilt; npm ci reinstalls).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v go >/dev/null 2>&1 || export PATH="$PATH:/usr/local/go/bin"

need=()
for pkg in prometheus docker-registry buildah openssl stress-ng iproute2 chromium fonts-noto-color-emoji; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]} (Debian)"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}"
fi

echo "setup: npm ci"
npm ci --no-audit --no-fund
echo "setup: Node $(node_modules/.bin/node --version) from node_modules (the actions' runtime)"

bash testbed/scripts/build-binaries.sh
bash scripts/install-actionlint.sh
