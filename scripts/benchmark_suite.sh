#!/usr/bin/env bash
# Measure what the README states about the time of the tests, on this machine:
#
#   bash scripts/benchmark_suite.sh              # bash scripts/test.sh, environments made
#   bash scripts/benchmark_suite.sh --runs 3     # three times
#   bash scripts/benchmark_suite.sh --ci         # .ci/run in a fresh clone of this checkout's HEAD,
#                                                # environments and accessibility included
#
# For each run it prints the wall time, the CPU time of everything the run started (user +
# system, from /usr/bin/time, which counts every process the run waited for) and the load
# average before and after: a time means little without the load it was taken under, so run
# it on an otherwise quiet machine. The suite's own summary line follows. Nothing is
# compared with a stored number.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=1
mode=suite
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --ci) mode=ci; shift ;;
        *) echo "benchmark_suite.sh: unknown argument $1 (use --runs N, --ci)" >&2; exit 2 ;;
    esac
done

if [ ! -x /usr/bin/time ]; then
    echo "benchmark_suite.sh: needs /usr/bin/time (apt-get install time)" >&2
    exit 1
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }

measure() {  # measure LABEL COMMAND...: run it once, print the times and the load
    local label=$1 log times
    shift
    log=$(mktemp)
    times=$(mktemp)
    local before
    before=$(load)
    local status=0
    /usr/bin/time -o "$times" -f "%e %U %S" "$@" >"$log" 2>&1 || status=$?
    # the last line: after a failure, time writes "Command exited with non-zero status N" first
    read -r wall user sys < <(tail -n 1 "$times")
    printf '%s: %s s wall, %.0f s CPU (user %s + system %s), load %s before, %s after, exit %s\n' \
        "$label" "$wall" "$(awk "BEGIN {print $user + $sys}")" "$user" "$sys" "$before" "$(load)" "$status"
    grep -E "^[=]* ?[0-9]+ (passed|failed)|(passed|failed).* in [0-9.]+s" "$log" | sed 's/^/    /' || true
    rm -f "$log" "$times"
}

if [ "$mode" = suite ]; then
    bash scripts/setup.sh  # made once, not timed: the README's time is with environments made
    for i in $(seq 1 "$runs"); do
        measure "scripts/test.sh, run $i" bash scripts/test.sh -q -p no:cacheprovider
    done
else
    for i in $(seq 1 "$runs"); do
        clone=$(mktemp -d /tmp/tinytorch-ci-XXXXXX)
        git clone --quiet "$PWD" "$clone/repo"
        measure ".ci/run in a fresh clone, run $i" bash "$clone/repo/.ci/run"
        rm -rf "$clone"
    done
fi
