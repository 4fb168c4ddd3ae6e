#!/usr/bin/env bash
# tests/fuzz/replay.sh [--no-build] BUILD_DIR
# Builds the fuzz harnesses with the plain compiler in BUILD_DIR (configured with
# -DSCSCTL_FUZZ=ON; --no-build skips configure and build, as the ctest entry does) and runs
# every input of tests/fuzz/corpus/{yaml,ini,template,playbook,flavor}/ through its harness
# (fuzz_yaml_inventory, fuzz_ini_inventory, fuzz_template, fuzz_playbook, fuzz_flavor_name),
# one process per input, under a CPU-time limit (REPLAY_CPU_SECONDS, default 10; ulimit -t, so a loaded machine
# does not fail inputs), a wall-clock backstop (REPLAY_TIMEOUT, default 120 s) and an
# address-space limit (REPLAY_MEMORY_MB, default 2048; ulimit -v). An input passes when its
# harness exits 0.
# Prints `N passed, N failed`; exit status 1 on any failure.
set -uo pipefail

build_it=1
if [[ ${1:-} == --no-build ]]; then
    build_it=0
    shift
fi
if [[ $# -ne 1 ]]; then
    echo "usage: $0 [--no-build] BUILD_DIR" >&2
    exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$1
timeout_s=${REPLAY_TIMEOUT:-120}
cpu_s=${REPLAY_CPU_SECONDS:-10}
memory_mb=${REPLAY_MEMORY_MB:-2048}

if [[ $build_it == 1 ]]; then
    launcher=()
    command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S "$root" -B "$build" -G Ninja -DSCSCTL_FUZZ=ON "${launcher[@]}" >/dev/null || exit 2
    ninja -C "$build" -j "${REPLAY_JOBS:-2}" fuzz_yaml_inventory fuzz_ini_inventory fuzz_template fuzz_playbook \
        fuzz_flavor_name || exit 2
fi

passed=0
failed=0
# corpus kind -> harness
declare -A harness_of=([yaml]=fuzz_yaml_inventory [ini]=fuzz_ini_inventory [template]=fuzz_template
                       [playbook]=fuzz_playbook [flavor]=fuzz_flavor_name)
for kind in yaml ini template playbook flavor; do
    harness=$(find "$build" -type f -name "${harness_of[$kind]}" -perm -u+x | head -1)
    if [[ -z $harness ]]; then
        echo "FAIL no ${harness_of[$kind]} in $build (configure with -DSCSCTL_FUZZ=ON or -DSCSCTL_FUZZ_REPLAY=ON)"
        failed=$((failed + 1))
        continue
    fi
    for input in "$here/corpus/$kind"/*; do
        [[ -f $input ]] || continue
        status=0
        output=$( (ulimit -v $((memory_mb * 1024)) -t "$cpu_s"; exec timeout -s KILL "$timeout_s" "$harness" "$input") 2>&1) || status=$?
        if [[ $status -eq 0 ]]; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            case $status in
            137) why="killed: over ${timeout_s}s wall time, or CPU time limit" ;;
            152) why="over the CPU time limit (${cpu_s}s): a hang" ;;
            134) why="abort (assertion, uncaught exception or out of memory)" ;;
            139) why="segmentation fault" ;;
            *) why="exit status $status" ;;
            esac
            echo "FAIL $kind/$(basename "$input"): $why"
            [[ -n $output ]] && printf '%s\n' "$output" | tail -5 | sed 's/^/  /'
        fi
    done
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
