#!/usr/bin/env bash
# The etcd state (--state etcd://HOST:PORT/PREFIX) with the built binary, a real etcd and
# local-connection hosts, as two CI runners sharing one inventory would use it: two runs at
# once (the second exits 4 and names the holder), history visible to every runner, a
# SIGKILLed run whose lock vanishes when its lease expires, --resume and --retry-failed
# from another working directory, exec recorded, lock/unlock through etcd, and a clear
# error when etcd is down. Skips (exit 77) only when /usr/bin/etcd is missing.
# Usage: etcd_state_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: etcd_state_test.sh path/to/scsctl}")
if [ ! -x /usr/bin/etcd ]; then
    echo "etcd_state_test: SKIPPED: /usr/bin/etcd is missing (install etcd-server: scripts/lib/deps.sh)"
    exit 77
fi
passed=0
failed=0
work=$(mktemp -d)
pids=()
etcd_pid=
# Background runs lead process groups of their own (setsid), killed whatever happens;
# etcd is stopped by pid: TERM, up to 5 s, then KILL.
cleanup() {
    local p
    for p in "${pids[@]}"; do
        kill -9 -- "-$p" 2>/dev/null
    done
    if [ -n "$etcd_pid" ]; then
        kill -TERM "$etcd_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$etcd_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$etcd_pid" 2>/dev/null
        wait "$etcd_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
peer=$(free_port)
/usr/bin/etcd --name default --data-dir "$work/etcd" --log-level warn \
    --listen-client-urls "http://127.0.0.1:$port" --advertise-client-urls "http://127.0.0.1:$port" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "default=http://127.0.0.1:$peer" >"$work/etcd.log" 2>&1 &
etcd_pid=$!
state="etcd://127.0.0.1:$port/ci/prod"

mkdir -p "$work/home" "$work/project/inv" "$work/runner-a" "$work/runner-b"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" NO_COLOR=1
unset ANSIBLE_CONFIG SCSCTL_FORKS SCSCTL_OUTPUT SCSCTL_COLOR SCSCTL_TIMEOUT SCSCTL_REMOTE_USER
me=$(id -un)
host=$(hostname)
for _ in $(seq 100); do
    "$scsctl" runs --state "$state" >/dev/null 2>&1 && break
    sleep 0.1
done
check "etcd answers" "$scsctl" runs --state "$state" >/dev/null

p="$work/project"
printf 'all:\n  hosts:\n    h1: {ansible_connection: local}\n    h2: {ansible_connection: local}\n' >"$p/inv/hosts.yml"
cat >"$p/slow.yml" <<YAML
- hosts: all
  gather_facts: false
  tasks:
    - name: started
      shell: echo "{{ inventory_hostname }}" >> $work/slow-marker
    - name: slow
      shell: sleep 60
YAML
cat >"$p/flaky.yml" <<YAML
- hosts: all
  gather_facts: false
  tasks:
    - name: once
      shell: echo "{{ inventory_hostname }}" >> $work/once-marker
    - name: needs the flag on h2
      shell: test "{{ inventory_hostname }}" = h1 || test -f $work/flag
YAML
# Each runner uses its own working directory and relative paths to the shared project;
# --state goes last, where every subcommand (run, runs show, lock status) takes it.
run_a() { (cd "$work/runner-a" && "$scsctl" -i ../project/inv "$@" --state "$state"); }
run_b() { (cd "$work/runner-b" && "$scsctl" -i ../project/inv "$@" --state "$state"); }
runs_json() { run_b runs -n 100 --output json; }

# --- runner A holds the inventory; runner B is refused (exit 4) and told who holds it
(cd "$work/runner-a" && exec setsid "$scsctl" -i ../project/inv run ../project/slow.yml --state "$state" \
    >"$work/a.out" 2>"$work/a.err") &
first=$!
pids+=("$first")
for _ in $(seq 200); do
    [ -f "$work/slow-marker" ] && [ "$(wc -l <"$work/slow-marker")" -ge 2 ] && break
    sleep 0.05
done
sleep 0.3
check "runner A's run is running" kill -0 "$first"
scsctl_pid=$(pgrep -P "$first" -x scsctl || echo "$first")
(cd "$work/runner-b" && "$scsctl" -i ../project/inv run ../project/flaky.yml --state "$state") >"$work/b.out" 2>"$work/b.err"
check "a second run on the same etcd state exits 4" [ $? -eq 4 ]
check "it names the holder" grep -q "$state: the inventory is locked by $me (pid $scsctl_pid on host $host, scsctl run" "$work/b.err"
check "the refused run printed no play" [ ! -s "$work/b.out" ]
status=$(run_b lock status)
check "lock status through etcd names the running holder" grep -q "locked by $me (pid $scsctl_pid on host $host, scsctl run" <<<"$status"
history=$(run_b runs)
check "runner B sees runner A's run, running" grep -Eq "^1 +running" <<<"$history"
check "the refused run is not recorded" [ "$(runs_json | grep -o '"kind":"run"' | wc -l)" -eq 1 ]

# --- runner A dies (SIGKILL): its lease is no longer kept alive and the lock vanishes
kill -KILL -- "-$first"
wait "$first" 2>/dev/null
killed_at=$(date +%s.%N)
unlocked=0
for _ in $(seq 250); do
    if [ "$(run_b lock status 2>/dev/null)" = unlocked ]; then unlocked=1; break; fi
    sleep 0.1
done
check "the SIGKILLed run's lock vanished when its lease expired" [ "$unlocked" -eq 1 ]
echo "lock gone after $(echo "$(date +%s.%N) - $killed_at" | bc) s"
check "within the lease's TTL and a little" [ $(($(date +%s) - ${killed_at%.*})) -le 20 ]
check "the killed run stays 'running' in the history" grep -Eq "^1 +running" <<<"$(run_b runs)"

# --- a failed run on runner A, resumed from runner B's working directory
run_a run ../project/flaky.yml >"$work/f.out" 2>"$work/f.err"
check "the flaky run fails (exit 1)" [ $? -eq 1 ]
check "its first task ran on both hosts" [ "$(wc -l <"$work/once-marker")" -eq 2 ]
touch "$work/flag"
run_b run ../project/flaky.yml --resume >"$work/r.out" 2>"$work/r.err"
rc=$?
check "runner B resumes it (exit 0)" [ $rc -eq 0 ]
check "it says which run it resumes" grep -q "resuming run 2" "$work/r.err"
check "the completed task was not run again" [ "$(wc -l <"$work/once-marker")" -eq 2 ]
show=$(run_a runs show 3 --output json)
check "runner A sees the resumed run" grep -q '"status":"finished"' <<<"$show"
check "it resumes run 2" grep -q '"resumed_from":2' <<<"$show"
# the run itself, and the three results it took from run 2 (once ×2, h1's second task)
check "its results taken from run 2 say so" [ "$(grep -o '"resumed_from":2' <<<"$show" | wc -l)" -eq 4 ]
run_b run ../project/flaky.yml --resume >/dev/null 2>"$work/none.err"
check "nothing left to resume exits 2" [ $? -eq 2 ]

# --- --retry-failed: only the host that failed runs again
rm -f "$work/flag" "$work/once-marker"
run_a run ../project/flaky.yml >/dev/null 2>&1
check "a failing run again (exit 1)" [ $? -eq 1 ]
touch "$work/flag"
run_b run ../project/flaky.yml --resume --retry-failed >"$work/retry.out" 2>&1
check "--retry-failed from runner B exits 0" [ $? -eq 0 ]
check "it ran on the failed host only" bash -c "! grep -q 'h1' <(grep -E '^(ok|changed|failed)' '$work/retry.out')"

# --- exec is recorded; lock and unlock are etcd's
(cd "$work/runner-b" && "$scsctl" -i ../project/inv exec --state "$state" all -- true) >/dev/null 2>&1
check "exec through the etcd state exits 0" [ $? -eq 0 ]
check "exec is in the shared history" grep -q '"kind":"exec"' <<<"$(runs_json)"
run_a lock --reason maintenance >/dev/null 2>&1
check "an operator lock through etcd" [ $? -eq 0 ]
run_b run ../project/flaky.yml >/dev/null 2>"$work/op.err"
check "a run during it exits 4" [ $? -eq 4 ]
check "naming the reason" grep -q "reason: maintenance" "$work/op.err"
run_b unlock --force >/dev/null 2>&1
check "unlock --force releases it" [ "$(run_b lock status)" = unlocked ]

# --- etcd down: a one-line error naming it, exit 2
kill -TERM "$etcd_pid"
wait "$etcd_pid" 2>/dev/null
etcd_pid=
run_b runs >/dev/null 2>"$work/down.err"
check "runs with etcd down exits 2" [ $? -eq 2 ]
check "saying etcd at 127.0.0.1:$port refused the connection" \
    grep -qx "scsctl: error: etcd at 127.0.0.1:$port: connection refused" "$work/down.err"
run_b run ../project/flaky.yml >/dev/null 2>"$work/down-run.err"
check "a run with etcd down exits 2" [ $? -eq 2 ]

echo "etcd_state_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
