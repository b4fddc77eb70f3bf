#!/usr/bin/env bash
# Installs the end-to-end tooling (Debian Chromium, code-server 4.100.3) into a cache folder
# outside the package. Idempotent: a second run only checks. playwright-core is not installed
# here: it is a devDependency (npm ci), loaded by test/fixtures/codeServer/process.ts.
# Why: VS Code's own test runners download VS Code or a browser at run time; code-server from npm
# (4.100.3, the newest whose install accepts Node 20) and Debian's Chromium do not (docs/architecture.md#tests).
set -euo pipefail
CACHE="${SORA_E2E_CACHE:-$HOME/.cache/sora-video-e2e}"
CS_VERSION=4.100.3
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

if [ ! -x "$CACHE/code-server/node_modules/.bin/code-server" ]; then
  echo "e2e-setup: installing code-server@$CS_VERSION into $CACHE/code-server"
  # @vscode/ripgrep's postinstall downloads from GitHub; a cached archive of Debian's rg satisfies it.
  tmp="${TMPDIR:-/tmp}"
  rgcache="$tmp/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rgcache"
  if [ ! -f "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
    d=$(mktemp -d); cp "$(command -v rg)" "$d/rg"
    tar -czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$d" rg
    rm -rf "$d"
  fi
  mkdir -p "$CACHE/code-server"
  (cd "$CACHE/code-server" && [ -f package.json ] || echo '{"name":"cs-cache","private":true}' > package.json)
  (cd "$CACHE/code-server" && npm_config_unsafe_perm=true npm_config_yes=true \
     npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION")
fi

echo "e2e-setup: ready in $CACHE"
