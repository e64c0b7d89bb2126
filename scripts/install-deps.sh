#!/usr/bin/env bash
# Installs what the demo and the tests need and the machine lacks, with apt-get (Debian/Ubuntu).
set -euo pipefail

declare -A wanted=(
  [nfcapd]=nfdump
  [redis-server]=redis-server
  [chromium]=chromium
)

missing=()
for command in "${!wanted[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${wanted[$command]}")
done
# The dashboard test renders the page in headless Chromium; without recommends it comes with no font of its own.
if ! command -v chromium >/dev/null 2>&1 && [ ! -d /usr/share/fonts/truetype/liberation ]; then
  missing+=(fonts-liberation)
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dot.net); it is not on PATH." >&2
  exit 1
fi

[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi

echo "Installing ${missing[*]} ..."
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian packages start system services; our tests start their own servers on free ports.
for service in nfdump redis-server; do
  $sudo systemctl disable --now "$service" >/dev/null 2>&1 || true
done
