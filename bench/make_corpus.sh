#!/usr/bin/env bash
# Builds a large JSONL corpus for the memory and throughput runs of
# bench/README.md by replicating the devset's pages and dumps and the
# fixtures until the file holds at least SIZE megabytes (10^6 bytes).
#
#   bench/make_corpus.sh OUT.jsonl [SIZE]        # SIZE defaults to 220
#
# Each record is {"url": ..., "html": ...} or {"url": ..., "text": ...};
# copy N of a page gets the URL https://copy-N.example/<path>, so no two
# records are alike to a reader, and pages and dumps alternate as in a real
# crawl. Needs python3.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: make_corpus.sh OUT.jsonl [SIZE_MB]}"
size_mb="${2:-220}"

python3 - "$here/.." "$out" "$size_mb" <<'EOF'
import json, os, sys

root, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
sources = [os.path.join(root, "../shared/devset/dragnet/html"),
           os.path.join(root, "../shared/devset/dragnet/text"),
           os.path.join(root, "fixtures")]
pages = []
for top in sources:
    for folder, _, files in os.walk(top):
        for name in sorted(files):
            if name.endswith((".html", ".htm", ".txt")):
                path = os.path.join(folder, name)
                with open(path, "rb") as f:
                    body = f.read().decode("utf-8", errors="replace")
                key = "html" if name.endswith((".html", ".htm")) else "text"
                pages.append((os.path.relpath(path, root), key, body))
if not pages:
    sys.exit("make_corpus.sh: no pages found (is ../shared/devset there?)")
pages.sort()
target = size_mb * 10**6
written = copy = 0
with open(out, "w", encoding="utf-8") as f:
    while written < target:
        copy += 1
        for rel, key, body in pages:
            line = json.dumps({"url": f"https://copy-{copy}.example/{rel}", key: body},
                              ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            if written >= target:
                break
print(f"{out}: {written / 1e6:.0f} MB, {copy} copies of {len(pages)} pages")
EOF
