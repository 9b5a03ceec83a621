# Hamkar: `make demo` serves the demo knowledge base; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := data/demo.db
export HAMKAR_DATABASE_URL ?= sqlite:///$(CURDIR)/$(DEMO_DB)

.PHONY: demo test lint install train evaluate bench fuzz clean help

help:  ## list targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/:/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install Hamkar with test extras

$(DEMO_DB): $(STAMP) $(shell find corpora/demo -type f 2>/dev/null)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/hamkar ingest corpora/demo/tr corpora/demo/fa corpora/demo/bulletin --no-progress

demo: $(DEMO_DB)  ## build the knowledge base from corpora/demo and serve it at http://127.0.0.1:8000
	$(BIN)/hamkar serve

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest -q

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check service tests evaluation

train: $(STAMP)  ## rebuild models/ from ../shared and corpora/ (fixed seeds; NER takes about an hour per language)
	$(BIN)/python -m service.nlp.ner.train --lang tr
	$(BIN)/python -m service.nlp.ner.train --lang fa
	$(BIN)/python -m service.nlp.events.train
	$(BIN)/python -m service.nlp.topic_train

evaluate: $(STAMP)  ## accuracy; writes evaluation/results/{ner,dates_figures,kb,topic,extraction}.json
	$(BIN)/python -m evaluation.ner_eval
	$(BIN)/python -m evaluation.dates_figures
	$(BIN)/python -m evaluation.kb
	$(BIN)/python -m evaluation.topic
	$(BIN)/python -m evaluation.extraction

bench: $(STAMP)  ## throughput, latency, memory, crash safety and load; writes evaluation/results/{bench,reliability}.json
	$(BIN)/python -m evaluation.bench

fuzz: $(STAMP)  ## 100,000 hostile inputs against the parsers, schemathesis against the API; writes evaluation/results/reliability.json
	$(BIN)/python -m evaluation.fuzz
	$(BIN)/python -m evaluation.api_fuzz

clean:  ## remove the virtualenv and local data
	rm -rf $(VENV) data
