# shellcheck shell=bash
# ensure_packages: installs the Debian packages SafeLoop needs, only the missing ones.
# Needs tools/lib/env.sh sourced first (log_step/die). Set SAFELOOP_SKIP_PACKAGES=1 to skip it
# (e.g. on a machine without apt where everything is installed by other means).

SAFELOOP_DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  librdkafka-dev libcpprest-dev libpqxx-dev libhiredis-dev prometheus-cpp-dev
  catch2 nlohmann-json3-dev libspdlog-dev libfmt-dev libsodium-dev libssl-dev libboost-dev
  libbenchmark-dev libxlsxwriter-dev libzip-dev libpugixml-dev
  libcairo2-dev libpango1.0-dev poppler-utils  # libs/documents: PDF (poppler-utils: tests read PDFs back)
  libmodbus-dev libmosquitto-dev mosquitto     # iot-gateway adapters, tools/simulator, MQTT broker
  postgresql-15 postgresql-15-postgis-3 redis-server redis-tools
  openjdk-17-jre-headless maven nodejs npm chromium fonts-noto-cjk prometheus wrk
  curl # tools/lib: health checks (GET /healthz)
)

# These four may come from outside Debian (e.g. NodeSource's nodejs ships its own npm and
# conflicts with Debian's npm package), so a working command on PATH is enough.
declare -A SAFELOOP_PACKAGE_COMMAND=(
  [nodejs]=node
  [npm]=npm
  [openjdk-17-jre-headless]=java
  [maven]=mvn
)

# _pkg_installed PKG: dpkg says the package is fully installed.
_pkg_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" == "ii"* ]]
}

# _wait_for_apt: another apt/dpkg run (e.g. the machine's provisioning, see /tmp/apt.log) may hold
# the locks; wait for it instead of failing. apt's own DPkg::Lock::Timeout covers the dpkg lock
# but not the lists lock that `apt-get update` takes, hence this loop too.
_wait_for_apt() {
  local waited=0
  while pgrep -x 'apt-get|apt|dpkg|aptitude|unattended-upgr' >/dev/null 2>&1; do
    if ((waited == 0)); then
      log_step "another apt/dpkg process is running; waiting for it (see /tmp/apt.log) …"
    fi
    ((waited < 1800)) || die "apt/dpkg still busy after 30 min; try again later"
    sleep 5
    waited=$((waited + 5))
  done
}

_apt() {
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "installing packages needs root (or sudo): apt-get $*"
    sudo=(sudo)
  fi
  _wait_for_apt
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get -y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "$@"
}

ensure_packages() {
  if [[ "${SAFELOOP_SKIP_PACKAGES:-0}" == 1 ]]; then
    log_step "skipping Debian package check (SAFELOOP_SKIP_PACKAGES=1)"
    return 0
  fi
  command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this tooling expects Debian 12"

  local pkg cmd missing=()
  for pkg in "${SAFELOOP_DEBIAN_PACKAGES[@]}"; do
    cmd="${SAFELOOP_PACKAGE_COMMAND[$pkg]:-}"
    if [[ -n "$cmd" ]] && command -v "$cmd" >/dev/null 2>&1; then
      continue
    fi
    _pkg_installed "$pkg" || missing+=("$pkg")
  done

  if ((${#missing[@]} == 0)); then
    log_step "Debian packages: all ${#SAFELOOP_DEBIAN_PACKAGES[@]} present"
    return 0
  fi

  log_step "installing missing Debian packages: ${missing[*]}"
  # Retry update once: a mirror hiccup or a lists lock race should not fail the whole run.
  _apt update || { sleep 5 && _apt update; } || die "apt-get update failed"
  _apt install "${missing[@]}" || die "apt-get install ${missing[*]} failed"

  local still=()
  for pkg in "${missing[@]}"; do
    _pkg_installed "$pkg" || still+=("$pkg")
  done
  ((${#still[@]} == 0)) || die "packages still missing after apt-get install: ${still[*]}"
  log_step "installed: ${missing[*]}"
}
