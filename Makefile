# OrgReadiness: `make report` builds and runs the nightly pipeline on the bundled sample data;
# `make test` builds and runs every test.

SWIFT        ?= swift
PIPELINE     ?= Pipelines/nightly.yml
SAMPLE_DIR   ?= samples
SAMPLE_SEED  ?= 7
LEADERS      ?= 400
AS_OF        ?=
PREFIX       ?= /usr/local
LOG_FORMAT   ?= text
RELEASE_BIN   = .build/release/orgready
# The binary `make install` copies (the release build unless given, e.g. by the installation test).
INSTALL_BIN  ?= $(RELEASE_BIN)
AS_OF_FLAG    = $(if $(AS_OF),--as-of $(AS_OF),)

.PHONY: all build report nightly validate mappings sample test golden browser-check-large bench lint clean install install-check

all: build

build:
	$(CLEAN_OWN_RELEASE)
	$(SWIFT) build -c release --product orgready

# The project's own modules are always rebuilt from scratch (the dependencies stay cached): an
# incremental build has twice left objects compiled against an older layout of a type from another
# of our modules, which crashed at run time (docs/decisions/0018-clean-module-builds.md).
OWN_MODULES = OrgReadiness OrgReadinessIngest OrgReadinessPipeline OrgReadinessSample orgready ingest_bench
CLEAN_OWN_RELEASE = rm -rf $(foreach m,$(OWN_MODULES),.build/release/$(m).build) .build/release/description.json
CLEAN_OWN_DEBUG = rm -rf $(foreach m,$(OWN_MODULES) OrgReadinessTests,.build/debug/$(m).build) .build/debug/description.json

$(RELEASE_BIN): Package.swift $(shell find Sources -name '*.swift' -o -name '*.h' -o -name '*.modulemap')
	$(CLEAN_OWN_RELEASE)
	$(SWIFT) build -c release --product orgready
	@touch $(RELEASE_BIN)

# Generate the sample only when the nightly pipeline's sample inputs are missing.
$(SAMPLE_DIR)/job_history.xml $(SAMPLE_DIR)/team_metrics.xml $(SAMPLE_DIR)/support_enrolments.xml: | $(RELEASE_BIN)
	$(RELEASE_BIN) sample --output $(SAMPLE_DIR) --seed $(SAMPLE_SEED) --leaders $(LEADERS) $(AS_OF_FLAG)

sample: $(RELEASE_BIN)
	$(RELEASE_BIN) sample --output $(SAMPLE_DIR) --seed $(SAMPLE_SEED) --leaders $(LEADERS) $(AS_OF_FLAG)

report: $(RELEASE_BIN) $(SAMPLE_DIR)/job_history.xml $(SAMPLE_DIR)/team_metrics.xml $(SAMPLE_DIR)/support_enrolments.xml
	@$(RELEASE_BIN) run $(PIPELINE) $(AS_OF_FLAG) > .build/last-report-path
	@echo "Report: $$(cat .build/last-report-path)"
	@echo "Latest: Reports/latest/ (executive.html and .md, orgs/; report.json, units.jsonl, organisations.jsonl, units.csv, rejects.csv, flags.csv, manifest.json; analyst.html and leaders.csv when ORGREADY_PSEUDONYM_KEY is set)"

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
validate: $(RELEASE_BIN) $(SAMPLE_DIR)/job_history.xml $(SAMPLE_DIR)/team_metrics.xml $(SAMPLE_DIR)/support_enrolments.xml
	$(RELEASE_BIN) validate $(PIPELINE) $(AS_OF_FLAG)

mappings: $(RELEASE_BIN)
	$(RELEASE_BIN) mappings

test:
	$(CLEAN_OWN_DEBUG)
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Re-record Tests/Golden (executive.md, units.csv, report.json of a fixed sample) after an intended
# change to the reports, then review the diff before committing it.
golden:
	$(CLEAN_OWN_DEBUG)
	$(SWIFT) build --build-tests
	ORGREADY_RECORD_GOLDEN=1 $(SWIFT) test --skip-build --filter GoldenFileTests
	git diff --stat -- Tests/Golden

# The browser checks on a 100k-employee sample (11,827 leaders and their teams), run by the release
# binary; screenshots, PDFs and page sizes in .build/browser-checks/.
browser-check-large: $(RELEASE_BIN)
	$(CLEAN_OWN_DEBUG)
	$(SWIFT) build --build-tests
	ORGREADY_BIN=$(RELEASE_BIN) ORGREADY_BROWSER_LEADERS=11827 ORGREADY_BROWSER_EVERYONE=1 \
	  $(SWIFT) test --skip-build --filter BrowserTests
	cat .build/browser-checks/summary.txt

# Installs the tool and what it ships with: $(PREFIX)/bin/orgready and $(PREFIX)/share/orgready/
# (mappings, report templates, the playbook). The binary finds them from wherever it runs.
install: $(INSTALL_BIN)
	install -d $(PREFIX)/bin $(PREFIX)/share/orgready/mappings $(PREFIX)/share/orgready/templates
	install -m 755 $(INSTALL_BIN) $(PREFIX)/bin/orgready
	install -m 644 Pipelines/mappings/*.yml $(PREFIX)/share/orgready/mappings/
	install -m 644 Reports/templates/*.mustache $(PREFIX)/share/orgready/templates/
	install -m 644 Pipelines/playbook.yml $(PREFIX)/share/orgready/playbook.yml

# The installation test with the release binary: a pipeline in an empty folder, run by the
# installed copy and by .build/release/orgready.
install-check: $(RELEASE_BIN)
	$(CLEAN_OWN_DEBUG)
	$(SWIFT) build --build-tests
	ORGREADY_BIN=$(abspath $(RELEASE_BIN)) $(SWIFT) test --skip-build --filter InstallationTests

# Ingest against the C SAX2 baseline and end to end, per size (BENCH_SIZES=10k,100k,1M,2M); fails
# when a ratio or the peak memory is more than 20% worse than Benchmarks/reference.json.
# BENCH_ACCEPT=1 make bench records this run's figures as the new reference.
bench:
	python3 Benchmarks/bench.py

lint:
	$(SWIFT) format lint --strict --configuration .swift-format --recursive Sources Tests Benchmarks/IngestBench

clean:
	rm -rf .build $(SAMPLE_DIR)
	find Reports -mindepth 1 -maxdepth 1 ! -name templates -exec rm -rf {} +
