#!/usr/bin/env bash
# Installs what `make demo` or `make test` needs and the machine lacks, with apt-get (Debian/Ubuntu), and says what
# it did. Usage: scripts/install-deps.sh demo|test
#   demo  nfdump (nfcapd): all the demo needs besides the .NET SDK.
#   test  nfdump, redis-server, chromium (+ fonts-liberation), kubectl, node and npm (and the manifest validator's npm
#         packages), prometheus (promtool), systemd (systemd-analyze).
# The tests start their own servers, so the services of packages installed here are disabled; services of packages
# that were there before (an nfdump.service or a Redis this machine runs) are left alone. A package the distribution
# does not have is skipped with a message; what needs it says so when it runs.
set -euo pipefail

purpose=${1:-}
case "$purpose" in
  demo | test) ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 64
    ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dot.net); it is not on PATH." >&2
  exit 1
fi

# "command package", checked in this order.
wanted=("nfcapd nfdump")
if [ "$purpose" = test ]; then
  wanted+=(
    "redis-server redis-server"
    "chromium chromium"          # the dashboard test renders the page in headless Chromium
    "kubectl kubernetes-client"  # `kubectl kustomize k8s` renders the manifests the tests validate
    "node nodejs"                # runs the manifests' schema validator
    "npm npm"
    "promtool prometheus"        # promtool checks and unit-tests the alert rules
    "systemd-analyze systemd"    # verifies deploy/systemd/collectorlb.service
  )
fi

# Services the packages start, to disable after installing them.
declare -A services=([nfdump]=nfdump [redis-server]=redis-server [prometheus]=prometheus)

present=()
missing=()
for entry in "${wanted[@]}"; do
  read -r command package <<<"$entry"
  if command -v "$command" >/dev/null 2>&1; then
    present+=("$package")
  else
    missing+=("$package")
  fi
done
# Without recommends Chromium comes with no font of its own.
if [ "$purpose" = test ] && ! command -v chromium >/dev/null 2>&1 && [ ! -d /usr/share/fonts/truetype/liberation ]; then
  missing+=(fonts-liberation)
fi

installed=()
skipped=()
disabled=()
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  echo "install-deps ($purpose): reading the package lists (apt-get update) to install ${missing[*]} ..."
  $sudo apt-get update -qq

  installable=()
  for package in "${missing[@]}"; do
    if apt-cache show "$package" >/dev/null 2>&1; then
      installable+=("$package")
    else
      skipped+=("$package")
      case "$package" in
        kubernetes-client) echo "install-deps: this distribution has no package kubernetes-client (Ubuntu has none): install kubectl from the Kubernetes project (https://kubernetes.io/docs/tasks/tools/); the manifest tests need it." >&2 ;;
        *) echo "install-deps: this distribution has no package $package; skipped (what needs it will say so)." >&2 ;;
      esac
    fi
  done

  if [ ${#installable[@]} -gt 0 ]; then
    echo "install-deps ($purpose): installing ${installable[*]} ..."
    $sudo apt-get install -y -qq --no-install-recommends "${installable[@]}" >/dev/null
    installed=("${installable[@]}")
    # Only where systemd runs: elsewhere (containers) nothing was started.
    if [ -d /run/systemd/system ]; then
      for package in "${installed[@]}"; do
        service=${services[$package]:-}
        if [ -n "$service" ] && $sudo systemctl disable --now "$service" >/dev/null 2>&1; then
          disabled+=("$service")
        fi
      done
    fi
  fi
fi

# The Kubernetes schema validator's npm packages (pinned by its package-lock.json), installed when missing or older.
validator=""
if [ "$purpose" = test ]; then
  directory="$(dirname "$0")/../tests/CollectorLb.SystemTests/Deployment/k8s-validator"
  if [ ! -f "$directory/node_modules/.package-lock.json" ] || [ "$directory/package-lock.json" -nt "$directory/node_modules/.package-lock.json" ]; then
    if command -v npm >/dev/null 2>&1; then
      echo "install-deps ($purpose): installing the Kubernetes manifest validator's npm packages (npm ci) ..."
      npm ci --prefix "$directory" --no-audit --no-fund --loglevel=error >/dev/null
      validator="installed"
    else
      validator="not installed (no npm)"
    fi
  fi
fi

list() { if [ $# -gt 0 ]; then echo "$*"; else echo "none"; fi; }
echo "install-deps ($purpose): installed: $(list "${installed[@]}"); already there: $(list "${present[@]}"); skipped (not in this distribution): $(list "${skipped[@]}"); services disabled: $(list "${disabled[@]}")${validator:+; manifest validator: $validator}"
