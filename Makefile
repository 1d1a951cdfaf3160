.PHONY: setup demo test bench
setup:
	sh scripts/setup.sh
demo: setup
	vanban run corpora/inbox --out outputs
test: setup
	python -m pytest -q
bench:
	python bench/run_bench.py
