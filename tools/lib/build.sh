# shellcheck shell=bash
# Build steps shared by tools/up and tools/test. Needs tools/lib/env.sh sourced first.
# Everything here is incremental: ninja rebuilds only what changed, npm installs only when the
# manifest changed, and the web console rebuilds only when one of its sources changed.

# cmake_build: configure once (ninja re-runs CMake itself when a CMakeLists.txt changes), build.
# SAFELOOP_BUILD_JOBS=N limits parallelism (ninja's default is cores + 2).
cmake_build() {
  [[ -f "$SAFELOOP_ROOT/CMakeLists.txt" ]] || die "no CMakeLists.txt in $SAFELOOP_ROOT: nothing to build"
  local build="$SAFELOOP_BUILD_DIR"
  if [[ ! -f "$build/CMakeCache.txt" || ! (-f "$build/build.ninja" || -f "$build/Makefile") ]]; then
    log_step "configuring the C++ build in ${build#"$SAFELOOP_ROOT"/}/ (Ninja, RelWithDebInfo) …"
    cmake -S "$SAFELOOP_ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ||
      die "CMake configure failed (see the output above)"
  fi
  local jobs=()
  [[ -n "${SAFELOOP_BUILD_JOBS:-}" ]] && jobs=(--parallel "$SAFELOOP_BUILD_JOBS")
  log_step "building C++ targets (cmake --build ${build#"$SAFELOOP_ROOT"/}) …"
  cmake --build "$build" "${jobs[@]}" || die "C++ build failed (see the output above)"
}

# _npm_manifest_hash DIR: hash of package.json + lock file (the lock may be written by install).
_npm_manifest_hash() {
  { cat "$1/package.json" "$1/package-lock.json" "$1/npm-shrinkwrap.json" 2>/dev/null || true; } |
    sha256sum | cut -d' ' -f1
}

# npm_install_if_needed DIR: `npm ci || npm install`, skipped while package.json and the lock
# file are unchanged since the last successful install (a stamp in node_modules records them).
npm_install_if_needed() {
  local dir="$1" stamp="$1/node_modules/.safeloop-install.sha256"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$(_npm_manifest_hash "$dir")" ]]; then
    return 0
  fi
  command -v npm >/dev/null 2>&1 || die "npm not found (needed for ${dir#"$SAFELOOP_ROOT"/})"
  log_step "installing npm packages in ${dir#"$SAFELOOP_ROOT"/} …"
  (
    cd "$dir"
    # npm ci needs a lock file; without one it can only print its usage, so go straight to install.
    if [[ -f package-lock.json || -f npm-shrinkwrap.json ]]; then
      npm ci --no-audit --no-fund || npm install --no-audit --no-fund
    else
      npm install --no-audit --no-fund
    fi
  ) || die "npm install failed in $dir"
  mkdir -p "$dir/node_modules"
  _npm_manifest_hash "$dir" >"$stamp"
}

# web_console_build: builds services/gateway/web into dist/ (served from SAFELOOP_WEB_ROOT) when
# that folder has a package.json. Rebuilds only if a source file is newer than the last build.
web_console_build() {
  local web="$SAFELOOP_ROOT/services/gateway/web"
  if [[ ! -f "$web/package.json" ]]; then
    log_step "no services/gateway/web/package.json yet: skipping the web console"
    return 0
  fi
  npm_install_if_needed "$web"
  # The stamp lives in node_modules, not dist/ (the gateway serves dist/ as it is).
  local stamp="$web/node_modules/.safeloop-build-stamp"
  if [[ -f "$stamp" && -d "$web/dist" ]] && [[ -z "$(find "$web" \( -path "$web/node_modules" -o -path "$web/dist" \) -prune \
    -o -type f -newer "$stamp" -print -quit)" ]]; then
    log_step "web console up to date (${SAFELOOP_WEB_ROOT#"$SAFELOOP_ROOT"/})"
    return 0
  fi
  log_step "building the web console (npm run build in services/gateway/web) …"
  # Stamp time is taken before the build so an edit made during the build triggers the next one.
  local started
  started="$(mktemp)"
  (cd "$web" && npm run build) || {
    rm -f "$started"
    die "web console build failed (npm run build in $web)"
  }
  if [[ -d "$web/dist" ]]; then
    mv "$started" "$stamp"
  else
    rm -f "$started"
    log_warn "npm run build produced no $web/dist; the gateway serves SAFELOOP_WEB_ROOT=$SAFELOOP_WEB_ROOT"
  fi
}

# browser_test_deps: npm packages of the browser tests (never a browser download: see env.sh).
browser_test_deps() {
  local dir="$SAFELOOP_ROOT/tests/browser"
  if [[ ! -f "$dir/package.json" ]]; then
    log_step "no tests/browser/package.json yet: skipping browser test dependencies"
    return 0
  fi
  npm_install_if_needed "$dir"
}
