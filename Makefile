# Jalon's front door. `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
SWIFT ?= swift
JALON := .build/debug/jalon
export JALON_DATABASE_URL ?= sqlite://jalon.sqlite

.PHONY: run build setup migrate demo test test-fast lint format coverage bench fuzz routes clean

setup:
	@scripts/setup.sh --no-browser

build:
	$(SWIFT) build --product jalon

## Installs what is missing, builds, migrates, loads the demo region if empty, serves on 127.0.0.1:8080.
run: setup build
	$(JALON) migrate --yes
	$(JALON) demo --if-empty
	@if [ -f demo-comptes.txt ]; then echo; cat demo-comptes.txt; echo; fi
	$(JALON) serve --hostname 127.0.0.1 --port $${JALON_PORT:-8080}

migrate: build
	$(JALON) migrate --yes

demo: build
	$(JALON) demo

routes: build
	$(JALON) routes

## Every test: Swift tests on SQLite and on a throwaway PostgreSQL cluster, then the browser journeys.
test:
	@scripts/setup.sh
	@scripts/test.sh

## While working: the Swift tests on SQLite only (about a minute once built); `make test` before stopping.
test-fast:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## The house style (swift-format, 120 columns): `make lint` checks (part of `make test`), `make format` applies.
lint:
	@scripts/lint.sh

format:
	@scripts/lint.sh --fix

## Line coverage of Sources/ by the Swift tests, per module and folder: bench/COVERAGE.md.
coverage: setup
	@scripts/coverage.sh

bench: setup
	@scripts/bench.sh

## Coverage-guided fuzzing of the parsers (libFuzzer), 60 s per target; writes Fuzz/REPORT.md.
fuzz: setup
	@scripts/fuzz.sh 60

clean:
	rm -rf .build
