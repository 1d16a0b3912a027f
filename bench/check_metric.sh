#!/usr/bin/env bash
# Cross-checks pith-quality's metric against ../shared/eval/score.py: runs
# pith-quality on a dataset with --write-outputs, scores the same outputs with
# score.py, and compares per-document token counts (must be equal) and P/R/F1
# (must agree to the 6 decimals of pith-quality's table), then the means.
# Exits 0 when they agree, 1 when they do not, 2 on a usage or run error.
#
# usage: bench/check_metric.sh [--quality BIN] [--input text|html] [--limit N]
#                              [--dataset DIR]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
quality=$root/build/pith-quality
input=text
limit=
dataset=$root/../shared/devset/dragnet
score=$root/../shared/eval/score.py

while [[ $# -gt 0 ]]; do
  case $1 in
    --quality) quality=$2; shift 2 ;;
    --input) input=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --dataset) dataset=$2; shift 2 ;;
    *) echo "usage: $0 [--quality BIN] [--input text|html] [--limit N] [--dataset DIR]" >&2
       exit 2 ;;
  esac
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Exit status 1 only says some documents failed to clean; their empty outputs
# are scored all the same, by both sides.
status=0
"$quality" --input "$input" ${limit:+--limit "$limit"} -j 2 --table "$tmp/pith.tsv" \
  --write-outputs "$tmp/out" "$dataset" || status=$?
[[ $status -le 1 ]] || exit 2

# score.py scores every truth file it sees: show it only the ones pith-quality ran.
mkdir "$tmp/truth"
tail -n +2 "$tmp/pith.tsv" | cut -f1 | while read -r id; do
  ln -s "$(cd "$dataset/truth" && pwd)/$id.json" "$tmp/truth/$id.json"
done
# score.py's own score() gives the per-document figures unrounded (its --csv
# rounds them to 4 decimals); pith-quality's table has 6.
python3 - "$score" "$tmp/truth" "$tmp/out" "$tmp/pith.tsv" <<'PY'
import csv, importlib.util, sys
spec = importlib.util.spec_from_file_location("score", sys.argv[1])
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
summary, rows = score.score(sys.argv[2], sys.argv[3])
ref = {r["id"]: r for r in rows}
pith = {r["id"]: r for r in csv.DictReader(open(sys.argv[4], newline=""), delimiter="\t")}
if set(pith) != set(ref):
    sys.exit("document sets differ: %d in pith-quality, %d in score.py" % (len(pith), len(ref)))
token_diffs = [i for i in pith if (int(pith[i]["truth_tokens"]), int(pith[i]["pred_tokens"]))
               != (ref[i]["true_tokens"], ref[i]["pred_tokens"])]
worst = {k: max((abs(float(pith[i][k]) - ref[i][k]), i) for i in pith)
         for k in ("precision", "recall", "f1")}
means = {k: abs(sum(float(r[k]) for r in pith.values()) / len(pith) - summary[k])
         for k in ("precision", "recall", "f1")}
print("docs %d, token counts differing: %d%s" % (len(pith), len(token_diffs),
      " (e.g. %s)" % ", ".join(token_diffs[:5]) if token_diffs else ""))
for k in ("precision", "recall", "f1"):
    print("%-9s max per-doc diff %.1e (doc %s), mean diff %.1e (score.py mean %.6f)"
          % (k, worst[k][0], worst[k][1], means[k], summary[k]))
# The table's 6 decimals account for up to 5e-7.
ok = not token_diffs and all(w[0] <= 1e-6 for w in worst.values()) \
    and all(d <= 1e-6 for d in means.values())
print("agree" if ok else "DISAGREE")
sys.exit(0 if ok else 1)
PY
