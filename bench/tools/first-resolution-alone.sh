#!/usr/bin/env bash
# The first resolution alone, by hand, on a fresh copy of a district kept by
# `BENCH_IDENTITY_KEEP=DIR npm run bench identity-resolve`: what that benchmark's
# `firstResolutionAlone` times, but runnable again and again, with other node flags or another
# checkout, so old and new code can be interleaved on the same hour.
#
#   KEEP=DIR [REPO=checkout] [NODE_FLAGS=…] [PGLOG=ms] [EXTRA_SQL=…] bench/tools/first-resolution-alone.sh [node flags…]
#
# REPO: the checkout to run (default: this one). NODE_FLAGS: node's flags in place of those of the
# checkout's bin/tianmu.mjs shebang line (what the benchmarks run with); node flags after the script
# are added to them. ENV_SETTINGS: the environment settings in place of the shebang's (its
# MALLOC_MMAP_THRESHOLD_; empty runs without). PGLOG: log the copy's statements taking at least
# this many ms to the server's log. EXTRA_SQL: run on the copy before resolving (a setting to try).
# Prints the run's seconds and phases, then wall time, peak memory and CPU; drops the copy.
set -euo pipefail
KEEP=${KEEP:?KEEP must name the folder given to BENCH_IDENTITY_KEEP}
REPO=${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
SERVER=${BENCH_SERVER:-postgres://root@127.0.0.1:5432}
T=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['template'])" "$KEEP/kept.json")
DATA=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['dataDir'])" "$KEEP/kept.json")
DB=tianmu_first_alone_$$
psql "$SERVER/postgres" -qc "CREATE DATABASE $DB TEMPLATE $T"
trap 'psql "$SERVER/postgres" -qc "DROP DATABASE IF EXISTS $DB"' EXIT
TABLES=$(psql "$SERVER/$DB" -Atc "SELECT string_agg(tablename, ', ') FROM pg_tables WHERE schemaname = 'public' AND (tablename LIKE 'identity\_%' OR tablename LIKE 'marriage\_%')")
psql "$SERVER/$DB" -qc "TRUNCATE $TABLES CASCADE" -c CHECKPOINT
[ -n "${EXTRA_SQL:-}" ] && psql "$SERVER/$DB" -qc "$EXTRA_SQL"
[ -n "${PGLOG:-}" ] && psql "$SERVER/postgres" -qc "ALTER DATABASE $DB SET log_min_duration_statement = $PGLOG"
cd "$REPO"
FLAGS=${NODE_FLAGS-$(head -1 bin/tianmu.mjs | sed -n 's|^#!/usr/bin/env -S .*node ||p')}
SETTINGS=${ENV_SETTINGS-$(head -1 bin/tianmu.mjs | sed -n 's|^#!/usr/bin/env -S \(.*\)node .*|\1|p')}
/usr/bin/time -f "wall %e s, peak %M KB, cpu %U+%S" env $SETTINGS LOG_LEVEL=warn TIANMU_DEMO=off TIANMU_DATA_DIR="$DATA" DATABASE_URL="$SERVER/$DB" \
  node $FLAGS "$@" bin/tianmu.mjs identity resolve --full --json 2>&1 | tail -2 | python3 -c "
import sys, json
lines = sys.stdin.read().strip().split('\n')
try:
    s = json.loads(lines[0]); print('seconds', s['seconds'], s['phases'])
except Exception:
    print(lines[0][:500])
print(lines[-1])"
