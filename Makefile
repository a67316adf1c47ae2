# The two commands of the README: `make run` and `make test`.
GO ?= go
STATICCHECK_VERSION ?= v0.8.2

.PHONY: run test build deps bench bench-nation microbench fuzz vet lint

deps:
	@./scripts/deps.sh

build:
	$(GO) build -o bin/cchc ./cmd/cchc

run: deps build
	./bin/cchc serve --demo

# lint: go vet, staticcheck (pinned, installed into ./bin) and a tidy go.mod.
lint:
	$(GO) vet ./...
	GOBIN=$(CURDIR)/bin $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	./bin/staticcheck ./...
	$(GO) mod tidy -diff

test: lint
	@./scripts/deps.sh --test
	$(GO) test -race -count=1 -timeout 45m ./...

# bench: the benchmark at province scale (cchc bench run), on a dataset
# generated into var/bench-province the first time; writes the province
# section of BENCHMARKS.md. bench-nation: the same at nation scale (the
# first run generates ~3.4 GB into var/bench-nation). microbench: the Go
# benchmarks of the packages.
bench: deps build
	CCHC_DATA_DIR=var/bench-province ./bin/cchc bench run --scale province

bench-nation: deps build
	CCHC_DATA_DIR=var/bench-nation ./bin/cchc bench run --scale nation

microbench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./deadline/
