# OrgReadiness: `make report` builds and runs the nightly pipeline on the bundled sample data;
# `make test` builds and runs every test.

SWIFT        ?= swift
PIPELINE     ?= Pipelines/nightly.yml
SAMPLE_DIR   ?= samples
SAMPLE_SEED  ?= 7
LEADERS      ?= 400
AS_OF        ?=
LOG_FORMAT   ?= text
RELEASE_BIN   = .build/release/orgready
AS_OF_FLAG    = $(if $(AS_OF),--as-of $(AS_OF),)

.PHONY: all build report nightly validate mappings sample test bench lint clean

all: build

build:
	$(SWIFT) build -c release --product orgready

$(RELEASE_BIN): Package.swift $(shell find Sources -name '*.swift' -o -name '*.h' -o -name '*.modulemap')
	$(SWIFT) build -c release --product orgready
	@touch $(RELEASE_BIN)

# Generate the sample only when the nightly pipeline's sample inputs are missing.
$(SAMPLE_DIR)/job_history.xml $(SAMPLE_DIR)/team_metrics.xml: | $(RELEASE_BIN)
	$(RELEASE_BIN) sample --output $(SAMPLE_DIR) --seed $(SAMPLE_SEED) --leaders $(LEADERS) $(AS_OF_FLAG)

sample: $(RELEASE_BIN)
	$(RELEASE_BIN) sample --output $(SAMPLE_DIR) --seed $(SAMPLE_SEED) --leaders $(LEADERS) $(AS_OF_FLAG)

report: $(RELEASE_BIN) $(SAMPLE_DIR)/job_history.xml $(SAMPLE_DIR)/team_metrics.xml
	@$(RELEASE_BIN) run $(PIPELINE) $(AS_OF_FLAG) > .build/last-report-path
	@echo "Report: $$(cat .build/last-report-path)"
	@echo "Latest: Reports/latest/ (executive.html and .md; report.json, units.csv, rejects.csv, flags.csv, manifest.json; analyst.html and leaders.csv when ORGREADY_PSEUDONYM_KEY is set)"

# The production run for a scheduler: the pipeline PIPELINE names, with no sample data made.
# Environment: ORGREADY_OUTPUT (the output folder; default: the pipeline's 'output'), the
# pseudonym key in the variable the pipeline names (default ORGREADY_PSEUDONYM_KEY), LOG_FORMAT
# (text or json). GNU make exits 2 whenever a recipe fails, whatever its code, so the run's own
# exit code is printed last ("nightly: exit N") and kept in .build/nightly-exit-code; a scheduler
# that acts on the code runs .build/release/orgready directly (docs/operations.md).
nightly: $(RELEASE_BIN)
	@$(RELEASE_BIN) run $(PIPELINE) $(AS_OF_FLAG) --log-format $(LOG_FORMAT); code=$$?; \
	echo $$code > .build/nightly-exit-code; echo "nightly: exit $$code" >&2; exit $$code

# Check the pipeline's mappings and inputs and print what a run would accept; writes nothing.
validate: $(RELEASE_BIN) $(SAMPLE_DIR)/job_history.xml $(SAMPLE_DIR)/team_metrics.xml
	$(RELEASE_BIN) validate $(PIPELINE) $(AS_OF_FLAG)

mappings: $(RELEASE_BIN)
	$(RELEASE_BIN) mappings

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench:
	python3 Benchmarks/bench.py

lint:
	$(SWIFT) format lint --strict --configuration .swift-format --recursive Sources Tests Benchmarks/IngestBench

clean:
	rm -rf .build $(SAMPLE_DIR)
	find Reports -mindepth 1 -maxdepth 1 ! -name templates -exec rm -rf {} +
