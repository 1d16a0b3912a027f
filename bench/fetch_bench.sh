#!/usr/bin/env bash
# Fetches the local test site (bench/fetch_site.py, loopback only) with
# `pith fetch` and prints its figures, then checks resume: a run killed
# midway and resumed ends with exactly one record per URL.
#
#   bench/fetch_bench.sh [CONCURRENCY]        # default 32; PITH=build/pith PAGES=2000
set -euo pipefail
cd "$(dirname "$0")/.."

pith=${PITH:-build/pith}
concurrency=${1:-32}
pages=${PAGES:-2000}
hosts=8
per_host=$(( concurrency / hosts > 0 ? concurrency / hosts : 1 ))

dir=$(mktemp -d)
site=""
cleanup() {
  [ -n "$site" ] && kill "$site" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

python3 bench/fetch_site.py --hosts "$hosts" --pages "$pages" --urls "$dir/urls.txt" \
  > "$dir/site.out" 2> "$dir/site.err" &
site=$!
for _ in $(seq 100); do grep -q ready "$dir/site.out" 2>/dev/null && break; sleep 0.1; done
urls=$(wc -l < "$dir/urls.txt")

fetch=("$pith" fetch -q -c "$concurrency" --per-host "$per_host" --delay 0 -i "$dir/urls.txt")

echo "site: $urls URLs over $hosts hosts (127.0.0.1-$hosts), 20 ms latency"
echo "run:  ${fetch[*]//$dir/\$DIR} -o \$DIR/full.jsonl"
"${fetch[@]}" -o "$dir/full.jsonl" 2> "$dir/full.err" || true
tail -n 1 "$dir/full.err"
records=$(wc -l < "$dir/full.jsonl")
echo "records: $records for $urls URLs"

# Resume: kill -9 a second run once some records are out, then finish it.
"${fetch[@]}" -o "$dir/resume.jsonl" 2> /dev/null &
run=$!
for _ in $(seq 200); do
  [ "$(cat "$dir/resume.jsonl" 2>/dev/null | wc -l)" -ge $(( urls / 4 )) ] && break
  sleep 0.05
done
kill -9 "$run" 2>/dev/null || true
wait "$run" 2>/dev/null || true
killed=$(wc -l < "$dir/resume.jsonl")
"${fetch[@]}" -o "$dir/resume.jsonl" --resume 2> "$dir/resume.err" || true
tail -n 1 "$dir/resume.err"
after=$(wc -l < "$dir/resume.jsonl")
distinct=$(python3 -c 'import json,sys; print(len({json.loads(l)["url"] for l in open(sys.argv[1])}))' \
           "$dir/resume.jsonl")
echo "resume: killed at $killed records; after --resume $after records, $distinct distinct URLs, for $urls URLs"

# Politeness at the defaults (2 per host, 1 s apart): 4 pages on each host.
head -n $(( hosts * 4 )) "$dir/urls.txt" > "$dir/polite.txt"
echo "polite: $pith fetch -q -i \$DIR/polite.txt (defaults)"
"$pith" fetch -q -i "$dir/polite.txt" -o "$dir/polite.jsonl" 2> "$dir/polite.err" || true
tail -n 1 "$dir/polite.err"

[ "$records" -eq "$urls" ] && [ "$after" -eq "$urls" ] && [ "$distinct" -eq "$urls" ]
echo "OK: records in = records out"
