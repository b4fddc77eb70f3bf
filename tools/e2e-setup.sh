#!/usr/bin/env bash
# Installs the end-to-end tooling (Debian Chromium, code-server 4.100.3) into a cache folder
# outside the package. Idempotent: a second run only checks. playwright-core is not installed
# here: it is a devDependency (npm ci), loaded by test/fixtures/codeServer/process.ts.
# Why: VS Code's own test runners download VS Code or a browser at run time; code-server from npm
# (4.100.3, the newest whose install accepts Node 20) and Debian's Chromium do not (docs/architecture.md#tests).
# code-server comes with its whole dependency tree pinned by tools/code-server/package-lock.json
# (npm ci, integrity-checked), never resolved afresh; its own lib/vscode is pinned by the
# npm-shrinkwrap.json it ships.
set -euo pipefail
CACHE="${SORA_E2E_CACHE:-$HOME/.cache/sora-video-e2e}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOCKED="$HERE/code-server"
mkdir -p "$CACHE"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
for p in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e-setup: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Installed, and from this very lock: a changed lock (a version bump) installs again.
if [ ! -x "$CACHE/code-server/node_modules/.bin/code-server" ] || ! cmp -s "$LOCKED/package-lock.json" "$CACHE/code-server/package-lock.json"; then
  echo "e2e-setup: installing code-server from tools/code-server/package-lock.json into $CACHE/code-server"
  # @vscode/ripgrep's postinstall (in code-server's lib/vscode, which pins @vscode/ripgrep 1.15.11)
  # downloads from GitHub; a cached archive of Debian's rg satisfies it.
  tmp="${TMPDIR:-/tmp}"
  rgcache="$tmp/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rgcache"
  if [ ! -f "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
    d=$(mktemp -d); cp "$(command -v rg)" "$d/rg"
    tar -czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$d" rg
    rm -rf "$d"
  fi
  mkdir -p "$CACHE/code-server"
  # The lock is copied last: an install that fails half way leaves no matching lock behind, so
  # the next run installs again.
  rm -f "$CACHE/code-server/package-lock.json"
  cp "$LOCKED/package.json" "$CACHE/code-server/package.json"
  # code-server's postinstall refuses to run as root without unsafe-perm; node-pty's (in lib/vscode)
  # runs `npx node-gyp`, which asks before fetching npm's own node-gyp version unless told yes.
  (cd "$CACHE/code-server" && cp "$LOCKED/package-lock.json" package-lock.json.next && mv package-lock.json.next package-lock.json \
     && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund --loglevel=error) || {
    rm -f "$CACHE/code-server/package-lock.json"
    exit 1
  }
fi

echo "e2e-setup: ready in $CACHE"
