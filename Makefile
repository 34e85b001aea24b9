# The front door: `make run` for the demo on http://127.0.0.1:8000, `make test` for the tests.
.PHONY: help install run test test-postgres lint format demo worker ci bench mutation messages

# uv for the project's Python: `uv` when it answers, else `python -m uv`, installed with pip when
# missing (bin/find-uv). Found once per make run, and only by the targets that need it.
UV ?= $(eval UV := $(shell bin/find-uv))$(UV)
MANAGE = $(UV) run --frozen python manage.py
SQLITE ?= var/taiex.sqlite3
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/taiex
BENCH_SQLITE ?= var/bench.sqlite3
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/taiex_bench

help:
	@echo "make run            serve the demo on http://127.0.0.1:8000 (with a tasks worker)"
	@echo "make test           run the tests on SQLite"
	@echo "make test-postgres  run the tests on PostgreSQL ($(POSTGRES_URL))"
	@echo "make lint           ruff check and ruff format --check"
	@echo "make format         ruff format and ruff check --fix"
	@echo "make demo           a fresh SQLite database with the demo data"
	@echo "make ci             what CI runs (.ci/run)"
	@echo "make mutation       mutation testing of the eligibility checks and the fee computation"
	@echo "make messages       update the catalogues (locale/*/LC_MESSAGES/django.po) from the code"
	@echo "make bench          benchmark search, statistics, load, expert ranking and staffing (docs/bench.md)"

# Bytecode is compiled once here, in parallel, so that each process of `make run` (migrate, the
# demo, the worker, the server) does not compile every module again where Python may not write
# its caches (PYTHONDONTWRITEBYTECODE): about 3 s of CPU saved per process.
install:
	@test -n "$(UV)" || { echo "taiex: uv was not found and could not be installed."; exit 1; }
	@echo "taiex: installing the dependencies ($(UV) sync --frozen --compile-bytecode)..."
	@$(UV) sync --frozen --compile-bytecode
	@echo "taiex: compiling the translations (msgfmt, or pure Python without gettext)..."
	@$(MANAGE) compile_translations >/dev/null

run: install
	UV="$(UV)" bin/run

test: install
	$(UV) run --frozen pytest $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(UV) run --frozen pytest $(PYTEST_ARGS)

lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

format: install
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

demo: install
	rm -f $(SQLITE) $(SQLITE)-wal $(SQLITE)-shm
	TAIEX_SQLITE_PATH=$(SQLITE) $(MANAGE) migrate --no-input
	TAIEX_SQLITE_PATH=$(SQLITE) $(MANAGE) load_demo

worker: install
	$(MANAGE) run_worker --queue-name '*'

ci:
	bash .ci/run

# Adds the new strings of the templates and the code to every catalogue (then translate them:
# tests/test_translations.py fails while a French one is missing or fuzzy).
messages: install
	cd src/taiex && $(UV) run --frozen python ../../manage.py makemessages \
		--locale fr --extension html,txt,py --add-location file --no-obsolete

# Generates 30 years of history into each database the first time (minutes), then reuses it.
bench: install
	DATABASE_URL= TAIEX_SQLITE_PATH=$(BENCH_SQLITE) $(MANAGE) bench_public --prepare $(BENCH_ARGS)
	DATABASE_URL= TAIEX_SQLITE_PATH=$(BENCH_SQLITE) $(MANAGE) bench_experts $(BENCH_EXPERTS_ARGS)
	DATABASE_URL=$(BENCH_POSTGRES_URL) $(MANAGE) bench_public --prepare $(BENCH_ARGS)
	DATABASE_URL=$(BENCH_POSTGRES_URL) $(MANAGE) bench_experts $(BENCH_EXPERTS_ARGS)

# Mutation testing (mutmut) of the rule modules: the eligibility checks and the fee computation,
# against their tests; prints the score of each module and fails under 90% (bin/mutation-score,
# docs/decisions.md "Mutation testing of the rule modules"). One SQLite test database in a file
# is made once and reused by every mutant's run; one child at a time, since they share it.
MUTATION_DB = $(CURDIR)/var/mutation-tests.sqlite3
mutation: install
	rm -rf mutants $(MUTATION_DB)
	mkdir -p var
	TAIEX_TEST_SQLITE_FILE=$(MUTATION_DB) $(UV) run --frozen mutmut run --max-children 1
	$(UV) run --frozen python bin/mutation-score --survivors
