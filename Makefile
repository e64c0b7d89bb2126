# CollectorLb.Orleans: `make demo` runs the whole pipeline locally, `make test` runs every test, `make unit` the fast ones.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CONFIGURATION ?= Release
RESULTS ?= TestResults
# The test projects by kind, in the order make test runs them: unit (no external program), integration (TestingHost
# silos in process), system (the programs as processes, nfcapd, Redis, Chromium, kubectl, promtool, the benchmark).
TEST_PROJECTS := CollectorLb.UnitTests CollectorLb.IntegrationTests CollectorLb.SystemTests
# make publish: the silo for collector hosts outside Kubernetes (deploy/systemd), self-contained, one folder.
PUBLISH_DIR ?= artifacts/collectorlb

.PHONY: help deps deps-demo build format test unit demo bench publish clean

help:
	@echo "make demo   registry + two connectors + silo + dashboard (:8080) + real nfcapd fed by a synthetic exporter (Ctrl-C stops)"
	@echo "make test   installs what is missing, builds, runs every test, prints 'N passed, M failed'"
	@echo "make format checks the code is formatted as .editorconfig says (make test runs it first)"
	@echo "make unit   builds and runs the unit tests only (no external program, under a minute), prints how long it took"
	@echo "make bench  the benchmark scenarios a-f against their ceilings and g (a cluster of silos); report and chart in bench/results/"
	@echo "make publish  the silo for linux-x64, self-contained, into \$$PUBLISH_DIR ($(PUBLISH_DIR)); see deploy/systemd"

# What the tests need (redis, chromium, kubectl, node, promtool, ...); the demo needs only nfdump.
deps:
	@scripts/install-deps.sh test

deps-demo:
	@scripts/install-deps.sh demo

build:
	dotnet build CollectorLb.Orleans.sln -c $(CONFIGURATION) -nologo -v:q

# The style in .editorconfig holds (whitespace, usings, braces, file-scoped namespaces): `dotnet format` fixes it.
format:
	@dotnet format CollectorLb.Orleans.sln --verify-no-changes --no-restore -v:q \
	  || { echo "make format: the code is not formatted as .editorconfig says; run 'dotnet format CollectorLb.Orleans.sln' and commit the result" >&2; exit 1; }

# One project after the other, so the slow kinds do not share the cores with each other; every project runs even
# when an earlier one failed, and the last line counts all of them.
test: deps build format
	@rm -rf $(RESULTS)
	@status=0; for project in $(TEST_PROJECTS); do \
	  dotnet test tests/$$project/$$project.csproj -c $(CONFIGURATION) --no-build -nologo \
	    --logger "trx;LogFileName=$$project.trx" --logger "console;verbosity=normal" --results-directory $(RESULTS) \
	    -- RunConfiguration.TestSessionTimeout=1800000 || status=1; \
	done; \
	scripts/trx-summary.sh $(RESULTS); exit $$status

# Builds only what the unit tests need; results in $(RESULTS)/unit, apart from make test's.
unit:
	@start=$$(date +%s); status=0; rm -rf $(RESULTS)/unit; \
	dotnet build tests/CollectorLb.UnitTests/CollectorLb.UnitTests.csproj -c $(CONFIGURATION) -nologo -v:q && \
	dotnet test tests/CollectorLb.UnitTests/CollectorLb.UnitTests.csproj -c $(CONFIGURATION) --no-build -nologo \
	    --logger "trx;LogFileName=unit.trx" --results-directory $(RESULTS)/unit || status=1; \
	scripts/trx-summary.sh $(RESULTS)/unit; echo "make unit took $$(( $$(date +%s) - start )) s (build included)"; exit $$status

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
