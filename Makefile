# plugpub — run `make` for the list of targets.

GO      ?= go
BIN     := bin/plugpub
DEMO_DB := demo.db
BENCH_DB := bin/bench.db

.DEFAULT_GOAL := help

.PHONY: help build run demo test bench bench-data stress screenshots

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build bin/plugpub
	$(GO) build -o $(BIN) ./cmd/plugpub

run: build ## open the console as dev1 on ./demo.db (created first if missing)
	@test -s $(DEMO_DB) || ./$(BIN) --db $(DEMO_DB) demo
	./$(BIN) --db $(DEMO_DB) --as dev1

demo: build ## (re)create ./demo.db from scratch
	./$(BIN) --db $(DEMO_DB) demo --force

test: ## gofmt check, go vet, every test with the race detector, then the TUI monkey at full length
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then \
		echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	@# -timeout 20m: one test binary may run longer than go test's default 10 minutes
	@# under -race on 2 shared cores (workflow: 5–7 minutes on a loaded machine).
	$(GO) test -race -count=1 -timeout 20m ./...
	@# Under -race the monkey gives each screen 300 keys; here the full 10,000.
	$(GO) test -count=1 -timeout 20m -run '^TestMonkey$$' ./tui

# -p 1: one package's benchmarks at a time; two at once share the cores and
# each other's figures.
bench: build ## run every benchmark, then a table of each budget: figure, baseline, ok or MISS
	@test -s $(BENCH_DB) || ./$(BIN) --db $(BENCH_DB) demo --scale large
	PLUGPUB_BENCH_DB=$(abspath $(BENCH_DB)) $(GO) test -p 1 -run '^$$' -bench . -benchmem -count 3 ./... 2>&1 | tee bin/bench.txt
	$(GO) run ./cmd/benchsum bin/bench.txt

bench-data: build ## (re)make bin/bench.db: 10,000 plugins, 100,000 submissions, for the benchmarks
	./$(BIN) --db $(BENCH_DB) demo --scale large --force

# STRESS_DB picks the engine by address: empty for an SQLite file, pgtest for
# a throwaway PostgreSQL cluster (its server is restarted instead of the
# clients killed), or postgres://… for an empty database of your own (the
# 30 s only: a server the test did not start is not restarted).
STRESS_DB ?=

stress: ## 4 processes on one database for 30 s, then 100 kills (STRESS_DB=pgtest: PostgreSQL, 10 server restarts); prints actions/s
	PLUGPUB_STRESS_DB=$(STRESS_DB) PLUGPUB_STRESS=30s PLUGPUB_KILLS=100 PLUGPUB_RESTARTS=10 $(GO) test -count=1 -timeout 20m -v \
		-run '^(TestStress|TestCrashLosesNothing|TestServerRestartLosesNothing)$$' ./workflow/

# freeze is built from source through the Go module proxy. freeze draws Chinese
# only through rsvg-convert (librsvg2-bin), with the fonts found by fontconfig:
# JetBrains Mono, DejaVu Sans Mono for the symbols it lacks, WenQuanYi Micro Hei.
FREEZE ?= $(shell $(GO) env GOPATH | cut -d: -f1)/bin/freeze
SHOT_DEBS := tmux librsvg2-bin fonts-jetbrains-mono fonts-dejavu-core fonts-wqy-microhei

screenshots: build ## remake the README's pictures (testdata/screenshots/*.png) from bin/plugpub on the demo
	@test -x $(FREEZE) || $(GO) install github.com/charmbracelet/freeze@v0.2.2
	@missing=""; for p in $(SHOT_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then echo "installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi
	$(GO) run ./cmd/screenshots -bin $(BIN) -freeze $(FREEZE) -out testdata/screenshots
