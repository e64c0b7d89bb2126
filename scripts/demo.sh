#!/usr/bin/env bash
# make demo: the DevServices registry and two connectors, the silo on its embedded defaults (real nfcapd,
# ./netflows, registry localhost:5000), the dashboard on :8080 and a synthetic NetFlow v5 exporter feeding nfcapd.
# Ctrl-C stops it all.
set -euo pipefail
configuration=${1:-Release}
root=$(cd "$(dirname "$0")/.." && pwd)
demo="$root/.demo"
devservices="$root/src/CollectorLb.DevServices/bin/$configuration/net10.0/CollectorLb.DevServices.dll"
silo="$root/src/CollectorLb.Silo/bin/$configuration/net10.0/CollectorLb.Silo.dll"
dashboard="$root/src/CollectorLb.Dashboard/bin/$configuration/net10.0/CollectorLb.Dashboard.dll"
cli="$root/src/CollectorLb.Cli/bin/$configuration/net10.0/collectorlb.dll"
# The dashboard's operator token (requeue, /orleans); set COLLECTORLB_DEMO_TOKEN to choose it.
token=${COLLECTORLB_DEMO_TOKEN:-demo-operator-token}
interval=${NFCAPD_INTERVAL_SECONDS:-5}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for_port() {
  for _ in $(seq 1 200); do port_busy "$1" && return 0; sleep 0.1; done
  echo "demo: nothing answered on port $1; see $demo/*.log" >&2; return 1
}

for port in 5000 7001 7002 8080 8081 11111 30000; do
  if port_busy "$port"; then
    echo "demo: port $port is already in use; stop whatever uses it (another demo?) and try again." >&2
    exit 1
  fi
done

rm -rf "$demo"
mkdir -p "$demo"
pids=()
cleanup() {
  trap - EXIT INT TERM
  [ ${#pids[@]} -gt 0 ] && kill -TERM "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "demo: stopped. Received files are in $demo/connector-*/; logs in $demo/."
}
trap cleanup EXIT INT TERM

dotnet "$devservices" registry --port 5000 >"$demo/registry.log" 2>&1 &
pids+=($!)
wait_for_port 5000
for i in 1 2; do
  dotnet "$devservices" connector --name "connector-$i" --port "700$i" --out "$demo/connector-$i" \
    --registry http://localhost:5000 >"$demo/connector-$i.log" 2>&1 &
  pids+=($!)
done
wait_for_port 7001
wait_for_port 7002

cat <<BANNER
demo: registry http://localhost:5000, connectors http://localhost:7001 and :7002 (files in .demo/connector-*/)
demo: silo on embedded defaults, nfcapd on UDP 9999 rotating every ${interval} s into ./netflows
demo: silo health http://localhost:8081/healthz, readiness http://localhost:8081/readyz, metrics http://localhost:8081/metrics
demo: one line per file as it is detected, sent and deleted; Ctrl-C stops everything.
BANNER

# The demo shows each file's whole life: "detected" and "deleted" are Debug lines, only "sent" is logged by default.
(cd "$root" && exec env NFCAPD_INTERVAL_SECONDS="$interval" "Logging__LogLevel__CollectorLb.Grains.Files.FileGrain=Debug" dotnet "$silo") &
silo_pid=$!
pids+=($silo_pid)
wait_for_port 8081
CollectorLb__Dashboard__OperatorToken="$token" dotnet "$dashboard" >"$demo/dashboard.log" 2>&1 &
pids+=($!)
wait_for_port 8080
cat <<DASHBOARD
demo: dashboard http://localhost:8080/  (operator token for requeue and /orleans: $token; log in $demo/dashboard.log)
demo: CLI: dotnet $cli status | files | connectors | quarantine list | requeue <file>
DASHBOARD
dotnet "$devservices" exporter --target 127.0.0.1:9999 --flows-per-second 300 >"$demo/exporter.log" 2>&1 &
pids+=($!)
wait "$silo_pid"
