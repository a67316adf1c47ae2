# The two commands of the README: `make run` and `make test`.
GO ?= go
STATICCHECK_VERSION ?= v0.8.2

.PHONY: run test build deps bench fuzz vet lint

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

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./deadline/
