# plugpub — run `make` for the list of targets.

GO      ?= go
BIN     := bin/plugpub
DEMO_DB := demo.db

.DEFAULT_GOAL := help

.PHONY: help build run demo test bench

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-6s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build bin/plugpub
	$(GO) build -o $(BIN) ./cmd/plugpub

run: build ## open the console as dev1 on ./demo.db (created first if missing)
	@test -s $(DEMO_DB) || ./$(BIN) --db $(DEMO_DB) demo
	./$(BIN) --db $(DEMO_DB) --as dev1

demo: build ## (re)create ./demo.db from scratch
	./$(BIN) --db $(DEMO_DB) demo --force

test: ## gofmt check, go vet, and every test with the race detector
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then \
		echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

bench: ## run the benchmarks
	$(GO) test -run '^$$' -bench . -benchmem ./...
