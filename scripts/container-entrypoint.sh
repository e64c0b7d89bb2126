#!/bin/sh
# Entry point of the CollectorLb image: the first argument picks the program (silo, dashboard or cli; silo
# when none is given), the rest are passed to it. exec keeps the program as PID 1, so SIGTERM reaches it.
# COLLECTORLB_APP moves the published programs (tests run this script against a local publish).
set -eu
app="${COLLECTORLB_APP:-/app}"
role="${1:-silo}"
[ "$#" -gt 0 ] && shift
case "$role" in
  silo) exec dotnet "$app/Silo/CollectorLb.Silo.dll" "$@" ;;
  dashboard) exec dotnet "$app/Dashboard/CollectorLb.Dashboard.dll" "$@" ;;
  cli) exec dotnet "$app/Cli/collectorlb.dll" "$@" ;;
  *)
    echo "usage: collectorlb [silo|dashboard|cli] [arguments...]; got '$role'" >&2
    exit 64
    ;;
esac
