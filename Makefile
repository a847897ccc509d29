# Kyosai assistant: Rasa bot (Python 3.10) + action server + contract façade (Python 3.12).
# `make run` sets everything up and starts it; `make test` runs every check CI runs.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PY310 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10) $(shell command -v python3.10))
PY312 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) $(shell command -v python3.12))

BOT := .venv/bot/bin
API := .venv/api/bin
MODEL := models/current.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' -not -path 'data/kb/*' -not -name yearly_dates.yml -not -name greetings.yml) $(wildcard bot/*.py)

export RASA_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR):$(CURDIR)/api
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONWARNINGS := ignore

.PHONY: help setup run shell train validate test test-unit test-answers test-api test-stories test-integration test-nlu test-webchat test-line test-analytics test-content test-load content-export content-import kb-export kb-import report bench clean

help:
	@echo "make run    - set up both environments, train if needed, seed demo data, start everything"
	@echo "make test   - unit tests, data validation, story tests and integration tests (what CI runs)"
	@echo "make train  - retrain the model if data, config or components changed"
	@echo "make bench  - latency/throughput and pipeline benchmarks against a running stack"
	@echo "make report - call-deflection report (FROM=YYYY-MM-DD TO=YYYY-MM-DD, default last 30 days)"
	@echo ""
	@echo "コンテンツ担当者向け（docs/content-guide.md）:"
	@echo "make validate       - 例文・回答・ルールの検査（エラーはファイル名と行番号つき）"
	@echo "make train          - 変わったところだけ学習し直す"
	@echo "make shell          - 端末でボットと話して確かめる"
	@echo "make run            - Web チャット（http://localhost:8080/）で確かめる"
	@echo "make test-content   - 検査・会話テスト・NLU テストをまとめて実行し、結果を日本語で表示"
	@echo "make content-export - Q&A を Excel に書き出す（FILE=exports/qa.xlsx、.csv も可）"
	@echo "make content-import - Excel の Q&A を取り込む（エラーがあれば何も変えない）"
	@echo "make kb-export      - 質問ごとの回答（data/kb/）を Excel に書き出す（KB_FILE=exports/kb.xlsx）"
	@echo "make kb-import      - Excel の質問ごとの回答を取り込む（学習は不要。エラーがあれば何も変えない）"

# --- environments -----------------------------------------------------------
.venv/bot/.installed: requirements.txt
	@test -n "$(PY310)" || { echo "Python 3.10 not found (pyenv install 3.10)"; exit 1; }
	@echo "Creating the bot environment (Python 3.10)..."
	@[ -x $(BOT)/python ] || $(PY310) -m venv .venv/bot
	$(BOT)/pip install -q --disable-pip-version-check "pip==24.3.1"
	$(BOT)/pip install -q -r requirements.txt
	$(BOT)/pip check
	@touch $@

.venv/api/.installed: api/requirements.txt
	@test -n "$(PY312)" || { echo "Python 3.12 not found (pyenv install 3.12)"; exit 1; }
	@echo "Creating the façade environment (Python 3.12)..."
	@[ -x $(API)/python ] || $(PY312) -m venv .venv/api
	$(API)/pip install -q --disable-pip-version-check "pip==24.3.1"
	$(API)/pip install -q -r api/requirements.txt
	$(API)/pip check
	@touch $@

setup: .venv/bot/.installed .venv/api/.installed

# --- model ------------------------------------------------------------------
$(MODEL): .venv/bot/.installed $(TRAINING_INPUTS)
	$(BOT)/rasa train --fixed-model-name current --out models --quiet

train: $(MODEL)

# --- run --------------------------------------------------------------------
run: setup $(MODEL)
	@$(BOT)/python scripts/stack.py run

shell: setup $(MODEL)
	@$(BOT)/python scripts/stack.py shell

# --- checks -----------------------------------------------------------------
# The content linter (Japanese, file:line) and Rasa's own validation; both always run.
validate: .venv/bot/.installed
	@status=0; \
	$(BOT)/python -m content_tools.lint || status=1; \
	echo "Rasa のデータ検査を実行しています（約20秒）…"; \
	$(BOT)/python scripts/validate_data.py || status=1; \
	if [ $$status -ne 0 ]; then echo "検査に不合格です。直し方は docs/content-guide.md の「検査で問題が見つかったら」。"; fi; \
	exit $$status

test-unit: .venv/bot/.installed
	$(BOT)/pytest -q tests/bot tests/actions tests/kyosai_calendar tests/analytics tests/content tests/answers/test_judge.py

test-api: .venv/api/.installed
	$(API)/pytest -q tests/api tests/kyosai_calendar

test-stories: $(MODEL)
	$(BOT)/rasa test core --model $(MODEL) --stories tests/stories \
		--out results/stories --fail-on-prediction-errors --quiet

test-nlu: $(MODEL)
	$(BOT)/pytest -q tests/nlu

test-integration: setup $(MODEL)
	$(BOT)/pytest -q tests/integration

test: test-unit test-api validate test-nlu test-answers test-stories test-integration test-webchat test-line
	@echo "All checks passed."

# Blind answer-level sets (tests/answers/sets/): the fact asked for in the reply, on the real stack.
test-answers: setup $(MODEL)
	$(BOT)/pytest -q -s tests/answers/test_answer_level.py

test-webchat: setup $(MODEL)
	$(BOT)/pytest -q tests/webchat

test-line: setup $(MODEL)
	$(BOT)/pytest -q tests/line

test-analytics: setup $(MODEL)
	$(BOT)/pytest -q tests/analytics tests/integration/test_analytics.py

# --- analytics --------------------------------------------------------------
# Reads TRACKER_STORE_URL (default var/tracker.db); writes var/reports/report-FROM_TO.html.
report: .venv/bot/.installed
	@$(BOT)/python -m analytics.cli --from "$(FROM)" --to "$(TO)" $(if $(OUT),--out "$(OUT)")
# For content staff: validation first (stops on errors), then stories and held-out NLU, in Japanese.
test-content: validate $(MODEL)
	@$(BOT)/python -m content_tools.summary

# --- Q&A spreadsheet (content staff) ------------------------------------------------
FILE ?= exports/qa.xlsx

content-export: .venv/bot/.installed
	@$(BOT)/python -m content_tools.spreadsheet export $(FILE)

content-import: .venv/bot/.installed
	@$(BOT)/python -m content_tools.spreadsheet import $(FILE)

KB_FILE ?= exports/kb.xlsx

kb-export: .venv/bot/.installed
	@$(BOT)/python -m content_tools.kb_sheet export $(KB_FILE)

kb-import: .venv/bot/.installed
	@$(BOT)/python -m content_tools.kb_sheet import $(KB_FILE)

# 100 concurrent conversations of a realistic mix on a fresh stack; fails on any lost or empty reply.
test-load: setup $(MODEL)
	$(BOT)/python scripts/load_test.py

bench: setup $(MODEL)
	$(BOT)/python scripts/bench.py

clean:
	rm -rf models results logs var .venv
