# CollectorLb.Orleans: `make demo` runs the whole pipeline locally, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CONFIGURATION ?= Release
RESULTS ?= TestResults

.PHONY: help deps build test demo bench clean

help:
	@echo "make demo   registry + two connectors + silo + dashboard (:8080) + real nfcapd fed by a synthetic exporter (Ctrl-C stops)"
	@echo "make test   installs what is missing, builds, runs every test, prints 'N passed, M failed'"
	@echo "make bench  the benchmark scenarios a-f against their ceilings; report and chart in bench/results/"

deps:
	@scripts/install-deps.sh

build:
	dotnet build CollectorLb.Orleans.sln -c $(CONFIGURATION) -nologo -v:q

test: deps build
	@rm -rf $(RESULTS)
	@set +e; dotnet test CollectorLb.Orleans.sln -c $(CONFIGURATION) --no-build -nologo \
	    --logger "trx" --logger "console;verbosity=normal" --results-directory $(RESULTS) \
	    -- RunConfiguration.TestSessionTimeout=1800000; status=$$?; \
	  scripts/trx-summary.sh $(RESULTS); exit $$status

demo: deps build
	@scripts/demo.sh $(CONFIGURATION)

# Scenarios a-f of issue 4 against their ceilings plus the pick-path microbenchmark; writes bench/results/<date>.md and .png.
# BENCH_ARGS passes options through, e.g. BENCH_ARGS="--scenario a d --no-picks" (see --help).
bench: deps build
	dotnet tests/CollectorLb.Benchmarks/bin/$(CONFIGURATION)/net10.0/CollectorLb.Benchmarks.dll --out bench/results $(BENCH_ARGS)

clean:
	dotnet clean CollectorLb.Orleans.sln -nologo -v:q
	rm -rf $(RESULTS)
