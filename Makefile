# The two commands of the README: `make run` and `make test`.
GO ?= go

.PHONY: run test build deps bench fuzz vet

deps:
	@./scripts/deps.sh

build:
	$(GO) build -o bin/cchc ./cmd/cchc

run: deps build
	./bin/cchc serve --demo

test: deps
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./deadline/
