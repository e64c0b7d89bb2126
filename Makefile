# CollectorLb.Orleans: `make demo` runs the whole pipeline locally, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CONFIGURATION ?= Release
RESULTS ?= TestResults
# make publish: the silo for collector hosts outside Kubernetes (deploy/systemd), self-contained, one folder.
PUBLISH_DIR ?= artifacts/collectorlb

.PHONY: help deps deps-demo build test demo bench publish clean

help:
	@echo "make demo   registry + two connectors + silo + dashboard (:8080) + real nfcapd fed by a synthetic exporter (Ctrl-C stops)"
	@echo "make test   installs what is missing, builds, runs every test, prints 'N passed, M failed'"
	@echo "make bench  the benchmark scenarios a-f against their ceilings and g (a cluster of silos); report and chart in bench/results/"
	@echo "make publish  the silo for linux-x64, self-contained, into \$$PUBLISH_DIR ($(PUBLISH_DIR)); see deploy/systemd"

# What the tests need (redis, chromium, kubectl, node, promtool, ...); the demo needs only nfdump.
deps:
	@scripts/install-deps.sh test

deps-demo:
	@scripts/install-deps.sh demo

build:
	dotnet build CollectorLb.Orleans.sln -c $(CONFIGURATION) -nologo -v:q

test: deps build
	@rm -rf $(RESULTS)
	@set +e; dotnet test CollectorLb.Orleans.sln -c $(CONFIGURATION) --no-build -nologo \
	    --logger "trx" --logger "console;verbosity=normal" --results-directory $(RESULTS) \
	    -- RunConfiguration.TestSessionTimeout=1800000; status=$$?; \
	  scripts/trx-summary.sh $(RESULTS); exit $$status

demo: deps-demo build
	@scripts/demo.sh $(CONFIGURATION)

# Scenarios a-f of issue 4 against their ceilings, g of issue 16 (a cluster of silos on Redis, its pool and the pool's silo
# killed) and the pick-path microbenchmark; writes bench/results/<date>.md and .png.
# BENCH_ARGS passes options through, e.g. BENCH_ARGS="--scenario a d --no-picks" (see --help).
bench: deps build
	dotnet tests/CollectorLb.Benchmarks/bin/$(CONFIGURATION)/net10.0/CollectorLb.Benchmarks.dll --out bench/results $(BENCH_ARGS)

# Runs on a host without .NET: copy the folder to /opt/collectorlb and install deploy/systemd/collectorlb.service.
publish:
	dotnet publish src/CollectorLb.Silo/CollectorLb.Silo.csproj -c $(CONFIGURATION) -r linux-x64 --self-contained true \
	    -nologo -v:q -o $(PUBLISH_DIR)
	@echo "published the silo to $(PUBLISH_DIR) (run $(PUBLISH_DIR)/CollectorLb.Silo); install: deploy/systemd/collectorlb.service"

clean:
	dotnet clean CollectorLb.Orleans.sln -nologo -v:q
	rm -rf $(RESULTS) artifacts
