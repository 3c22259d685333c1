#!/usr/bin/env bash
# Installs what test/e2e/runInCodeServer.mjs needs to run the extension's tests
# inside a real VS Code extension host: Debian packages (Chromium, CJK fonts,
# headers for code-server's native modules), then code-server (VS Code server
# + web workbench) and playwright-core from npm into a cache folder OUTSIDE
# the repo's dependencies, so `npm ci` stays light.
#
# Idempotent: every step checks first and is skipped when already done; a
# second run takes a couple of seconds. Works non-interactively (CI=true, no
# stdin). Needs Node 20 (code-server 4.100.x refuses anything else) and root
# or sudo for apt-get.
#
# Environment:
#   TIGANG_E2E_CACHE   cache folder (default: $HOME/.cache/tigang-e2e)
#   TIGANG_E2E_SKIP_APT=1  do not check/install Debian packages
set -euo pipefail

CODE_SERVER_VERSION=4.100.3      # VS Code 1.100.3
PLAYWRIGHT_CORE_VERSION=1.65.1
# @vscode/ripgrep as pinned by code-server's lib/vscode/npm-shrinkwrap.json, and
# the ripgrep-prebuilt release its postinstall downloads from GitHub.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_ASSET_VERSION=v13.0.0-10
APT_PACKAGES=(chromium fonts-noto-cjk ripgrep
  libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config g++ make python3)

CACHE="${TIGANG_E2E_CACHE:-$HOME/.cache/tigang-e2e}"
START=$SECONDS
log() { echo "[install-e2e +$((SECONDS - START))s] $*"; }
die() { echo "[install-e2e] ERROR: $*" >&2; exit 1; }
exec </dev/null   # never wait for input
trap 'echo "[install-e2e] FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR

# --------------------------------------------------------------- Node
command -v node >/dev/null || die "node is not installed (Node 20 is required)"
command -v npm >/dev/null || die "npm is not installed"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" = 20 ] || die "code-server $CODE_SERVER_VERSION requires Node 20, found $(node -v)"

# --------------------------------------------------------------- Debian packages
if [ "${TIGANG_E2E_SKIP_APT:-}" = 1 ]; then
  log "apt: skipped (TIGANG_E2E_SKIP_APT=1)"
else
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "apt: all ${#APT_PACKAGES[@]} packages present"
  else
    SUDO=()
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
      SUDO=(sudo -n)
    fi
    log "apt: installing ${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    log "apt: done"
  fi
fi
[ -x /usr/bin/rg ] || die "/usr/bin/rg missing (Debian package ripgrep)"

# --------------------------------------------------------------- ripgrep download cache
# @vscode/ripgrep's postinstall downloads ripgrep from GitHub (unreachable
# here). It first looks in os.tmpdir()/vscode-ripgrep-cache-<pkg version>/ for
# ripgrep-<release>-<target>.tar.gz and untars `rg` from it, so we put Debian's
# rg there.
case "$(node -p process.arch)" in
  x64) RG_TARGET=x86_64-unknown-linux-musl ;;
  arm64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) die "unsupported architecture $(node -p process.arch)" ;;
esac
RG_CACHE_DIR="$(node -p "require('path').join(require('os').tmpdir(), 'vscode-ripgrep-cache-$RIPGREP_PKG_VERSION')")"
RG_TARBALL="$RG_CACHE_DIR/ripgrep-$RIPGREP_ASSET_VERSION-$RG_TARGET.tar.gz"
RG_BIN="$CACHE/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
if [ -x "$RG_BIN" ]; then
  log "ripgrep cache: not needed (@vscode/ripgrep already has bin/rg)"
elif [ -s "$RG_TARBALL" ]; then
  log "ripgrep cache: present ($RG_TARBALL)"
else
  mkdir -p "$RG_CACHE_DIR"
  tmp=$(mktemp -d)
  cp /usr/bin/rg "$tmp/rg"
  tar czf "$RG_TARBALL.tmp" -C "$tmp" rg && mv "$RG_TARBALL.tmp" "$RG_TARBALL"
  rm -rf "$tmp"
  log "ripgrep cache: wrote $RG_TARBALL from /usr/bin/rg"
fi

# --------------------------------------------------------------- npm packages
CS="$CACHE/node_modules/code-server"
VSC="$CS/lib/vscode"
export npm_config_unsafe_perm=true   # code-server's postinstall.sh insists on it as root
export npm_config_yes=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

installed_version() { node -p "try { require('$CACHE/node_modules/$1/package.json').version } catch { '' }" 2>/dev/null; }

mkdir -p "$CACHE"
if [ ! -f "$CACHE/package.json" ]; then
  # allowScripts: npm 11 reviews dependency install scripts; approve the two
  # top-level ones explicitly (code-server's postinstall.sh, argon2's build).
  cat > "$CACHE/package.json" <<'EOF'
{
  "name": "tigang-e2e-cache",
  "private": true,
  "description": "code-server + playwright-core for test/e2e/runInCodeServer.mjs (written by .ci/install-e2e.sh)",
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF
fi

if [ "$(installed_version code-server)" = "$CODE_SERVER_VERSION" ] && [ "$(installed_version playwright-core)" = "$PLAYWRIGHT_CORE_VERSION" ]; then
  log "npm: code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_CORE_VERSION present in $CACHE"
else
  log "npm: installing code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION into $CACHE (1-2 min)"
  (cd "$CACHE" && npm install --save-exact --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION")
  log "npm: done"
fi

# --------------------------------------------------------------- install scripts
# Depending on npm's version and policy, install scripts of dependencies may
# have been skipped (npm 11: "install scripts not yet covered by allowScripts";
# a future npm blocks them). Check each effect and run what is missing by hand.
NODE_GYP="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js"
# Node headers for node-gyp: npm's nodedir setting if any, else the headers
# installed next to node (/usr/include/node for Debian/NodeSource builds);
# otherwise node-gyp tries to download them from nodejs.org.
NODEDIR="$(npm config get nodedir 2>/dev/null || true)"
case "$NODEDIR" in ''|undefined|null)
  NODEDIR="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  [ -f "$NODEDIR/include/node/node_version.h" ] || NODEDIR="" ;;
esac

loads() { (cd "$1" && node -e "require('$2')" >/dev/null 2>&1); }

# Runs a package's own install-time scripts, as npm would have: preinstall,
# install (implicitly `node-gyp rebuild` when there is a binding.gyp and no
# install/preinstall script), postinstall.
run_install_scripts() {
  local dir=$1 name scripts
  name=$(node -p "require('$dir/package.json').name")
  scripts=" $(node -p "Object.keys(require('$dir/package.json').scripts || {}).join(' ')") "
  for s in preinstall install postinstall; do
    if [[ "$scripts" == *" $s "* ]]; then
      log "scripts: $name: npm run $s"
      (cd "$dir" && npm run --silent "$s")
    elif [ $s = install ] && [ -f "$dir/binding.gyp" ] && [[ "$scripts" != *" preinstall "* ]]; then
      log "scripts: $name: node-gyp rebuild"
      (cd "$dir" && node "$NODE_GYP" rebuild --loglevel=warn --jobs=max ${NODEDIR:+--nodedir="$NODEDIR"})
    fi
  done
}

# code-server's postinstall.sh: npm install in lib/vscode and lib/vscode/extensions, symlinks.
if [ -L "$VSC/node_modules.asar" ] && [ -d "$VSC/extensions/node_modules" ] && [ -e "$VSC/bin/remote-cli/code-server" ]; then
  log "scripts: code-server postinstall already done"
else
  log "scripts: running code-server's postinstall.sh (builds VS Code's native modules, ~1 min)"
  (cd "$CS" && npm run postinstall)
fi

# argon2 is required at code-server's startup (even with --auth none).
if loads "$CS" argon2; then
  log "scripts: argon2 loads"
else
  run_install_scripts "$CACHE/node_modules/argon2"
  loads "$CS" argon2 || die "argon2 still does not load"
fi

# VS Code's own native modules (server side). Windows-only ones are skipped.
for mod in @vscode/spdlog node-pty native-watchdog kerberos @parcel/watcher; do
  if loads "$VSC" "$mod"; then
    continue
  fi
  run_install_scripts "$VSC/node_modules/$mod"
  loads "$VSC" "$mod" || die "$mod still does not load"
done
log "scripts: VS Code native modules load"

if [ -x "$RG_BIN" ]; then
  log "scripts: @vscode/ripgrep has bin/rg"
else
  rm -rf "$(dirname "$RG_BIN")"   # its postinstall exits early when bin/ exists
  run_install_scripts "$VSC/node_modules/@vscode/ripgrep"
  [ -x "$RG_BIN" ] || die "@vscode/ripgrep: bin/rg missing"
fi

# --------------------------------------------------------------- summary
log "ready: code-server $(installed_version code-server) (VS Code $(node -p "require('$VSC/package.json').version")), playwright-core $(installed_version playwright-core), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
log "cache: $CACHE ($(du -sh "$CACHE" | cut -f1))"
