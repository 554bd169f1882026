#!/bin/sh
# Runs the fuzz targets one after another on one core, each for its share
# of seconds, from the committed seeds and dictionaries.
#
#   fuzz/run.sh                       # the whole schedule below (~57 min)
#   fuzz/run.sh package_yaml 600      # one target, 600 s
#
# Each target runs in libFuzzer's fork mode with one job, so a crash, leak,
# out-of-memory (over 2 GiB) or timeout (over 10 s) is saved under
# artifacts/<target>/ and fuzzing goes on until the time is used up. The
# corpus grows in corpus/<target>/; corpus, artifacts and logs/<target>.log
# are not committed. The seeds are first run once each as they are
# (logs/<target>.seeds.log: each seed's time, the peak memory). Needs
# `cargo install cargo-fuzz` and a nightly toolchain. `python3 depth.py` prints each corpus's deepest nesting.
set -eu
cd "$(dirname "$0")"

run() {
    target=$1
    seconds=$2
    mkdir -p "corpus/$target" "artifacts/$target" logs
    dirs="corpus/$target"
    [ -d "seeds/$target" ] && dirs="$dirs seeds/$target"
    # Every seed (the deep ones thousands of levels deep) is first run
    # once as it is, under the same memory and time limits: fuzzing keeps
    # only inputs that add coverage, which a depth past the readers'
    # nesting bound does not, so without this they would be run only when
    # the corpus is first loaded, and never reported.
    if [ -d "seeds/$target" ]; then
        cargo +nightly fuzz run -O "$target" "seeds/$target"/* -- \
            -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
            >"logs/$target.seeds.log" 2>&1 || echo "$target: a seed failed, see logs/$target.seeds.log"
        echo "$target seeds: $(grep -c '^Executed ' "logs/$target.seeds.log") executed," \
            "$(grep -E 'stat::peak_rss_mb' "logs/$target.seeds.log" | tr -s ' ')"
    fi
    dict=""
    [ -f "dicts/$target.dict" ] && dict="-dict=dicts/$target.dict"
    # shellcheck disable=SC2086 # dirs and dict are word lists
    cargo +nightly fuzz run -O "$target" $dirs -- $dict \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -artifact_prefix="artifacts/$target/" -print_final_stats=1 \
        >"logs/$target.log" 2>&1 || true
    echo "$target: $(grep -E '^#[0-9]+' "logs/$target.log" | tail -n 1)"
    echo "$target: $(ls "artifacts/$target" | wc -l) artifacts"
}

if [ $# -ge 1 ]; then
    run "$1" "${2:-60}"
    exit 0
fi
run version 240
run range 240
run requirement 240
run packages_json 300
run package_py 1200
run package_yaml 1200
