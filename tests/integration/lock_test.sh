#!/usr/bin/env bash
# The inventory lock and clean interruption, with the built binary on local-connection
# hosts: two runs at once (the second exits 4 and names the holder), ad-hoc exec during a
# run, SIGINT/SIGTERM (exit 130/143, in-flight results interrupted, lock released), a
# SIGKILLed holder taken over with a warning, lock/unlock/status/--force/--ttl, and the
# refused runs absent from the journal. Usage: lock_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: lock_test.sh path/to/scsctl}")
passed=0
failed=0
work=$(mktemp -d)
pids=()
# Every run started in the background leads a process group of its own (setsid), so that
# the group (scsctl and its shells) is killed whatever happens to the test.
cleanup() {
    local p
    for p in "${pids[@]}"; do
        kill -9 -- "-$p" 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
lacks() { ! grep -q -- "$1" <<<"$2"; }

mkdir -p "$work/home" "$work/inv"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" NO_COLOR=1
unset ANSIBLE_CONFIG SCSCTL_FORKS SCSCTL_OUTPUT SCSCTL_COLOR SCSCTL_TIMEOUT SCSCTL_REMOTE_USER
cd "$work" || exit 1
me=$(id -un)
host=$(hostname)

printf 'all:\n  hosts:\n    h1: {ansible_connection: local}\n    h2: {ansible_connection: local}\n' >inv/hosts.yml
marker="$work/marker"
cat >slow.yml <<YAML
- hosts: all
  gather_facts: false
  tasks:
    - name: started
      shell: echo "{{ inventory_hostname }}" >> $marker
    - name: slow
      shell: sleep 30
    - name: never
      shell: "true"
YAML
printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: quick\n      command: "true"\n' >quick.yml

# start_slow: starts `run slow.yml` in the background (its pid in $pid) and waits until
# both hosts are past the first task, so that "slow" is in flight.
start_slow() {
    rm -f "$marker"
    setsid "$scsctl" -i inv run slow.yml >"$work/slow.out" 2>"$work/slow.err" &
    pid=$!
    pids+=("$pid")
    local _
    for _ in $(seq 1 200); do
        [ -f "$marker" ] && [ "$(wc -l <"$marker")" -ge 2 ] && break
        sleep 0.05
    done
    sleep 0.3
}
# finish PID: waits for it and stores its exit code in $rc; kills what is left of its group.
finish() {
    wait "$1"
    rc=$?
    kill -9 -- "-$1" 2>/dev/null
}
run_count() { "$scsctl" -i inv runs -n 1000 --output json | grep -o '"kind":"run"' | wc -l; }
newest_run() { "$scsctl" -i inv runs --output json | grep -o '"id":[0-9]*,"kind":"run"' | head -1 | cut -d'"' -f3 | tr -d ':,'; }

# --- two runs at once; exec still works; SIGINT ends the first cleanly
start_slow
first=$pid
check "the first run is running" kill -0 "$first"
"$scsctl" -i inv run quick.yml >"$work/second.out" 2>"$work/second.err"
check "a second run on the same inventory exits 4" [ $? -eq 4 ]
err=$(cat "$work/second.err")
check "it names the holder's user" grep -q "locked by $me " <<<"$err"
check "its pid and host" grep -q "(pid $first on host $host, scsctl run" <<<"$err"
check "and since when" grep -Eq "since [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}" <<<"$err"
check "the refused run printed no play" [ ! -s "$work/second.out" ]
check "the refused run is not in the journal" [ "$(run_count)" -eq 1 ]
status=$("$scsctl" -i inv lock status)
check "lock status names the running holder" grep -q "locked by $me (pid $first on host $host, scsctl run" <<<"$status"
status_json=$("$scsctl" -i inv lock status --output json)
check "lock status --output json names it too" grep -q "\"locked\":true.*\"pid\":$first" <<<"$status_json"
"$scsctl" -i inv exec all -- true >/dev/null 2>&1
check "exec does not need the lock" [ $? -eq 0 ]
"$scsctl" -i inv unlock >/dev/null 2>"$work/unlock.err"
check "unlock without --force leaves a live run's lock alone (exit 4)" [ $? -eq 4 ]
check "and says who holds it" grep -q "pid $first" "$work/unlock.err"

kill -INT "$first"
finish "$first"
check "SIGINT ends the run with exit 130" [ "$rc" -eq 130 ]
show=$("$scsctl" -i inv runs show "$(newest_run)" --output json)
check "the run is recorded interrupted with exit 130" grep -q '"status":"interrupted","command_line"' <<<"$show"
check "its exit code is 130" grep -q '"exit_code":130' <<<"$show"
check "both in-flight results are interrupted" [ "$(grep -o '"task":"slow"[^}]*"status":"interrupted"' <<<"$show" | wc -l)" -eq 2 ]
check "completed results keep their status" [ "$(grep -o '"task":"started"[^}]*"status":"changed"' <<<"$show" | wc -l)" -eq 2 ]
check "the task after the interruption never ran" lacks '"task":"never"' "$show"
check "SIGINT released the lock" grep -qx "unlocked" <<<"$("$scsctl" -i inv lock status)"

# --- SIGTERM (a cancelled CI job)
start_slow
kill -TERM "$pid"
finish "$pid"
check "SIGTERM ends the run with exit 143" [ "$rc" -eq 143 ]
show=$("$scsctl" -i inv runs show "$(newest_run)" --output json)
check "the run is recorded interrupted with exit 143" grep -q '"status":"interrupted".*"exit_code":143' <<<"$show"
check "its in-flight results are interrupted" [ "$(grep -o '"status":"interrupted"' <<<"$show" | wc -l)" -eq 3 ]
check "SIGTERM released the lock" grep -qx "unlocked" <<<"$("$scsctl" -i inv lock status)"
check "the journal holds the two real runs only (and one exec)" [ "$(run_count)" -eq 2 ]

# --- a SIGKILLed holder leaves a lock whose process is gone: the next run takes it over
start_slow
killed=$pid
kill -9 -- "-$killed"
wait "$killed" 2>/dev/null
status=$("$scsctl" -i inv lock status)
check "lock status calls the dead holder's lock stale" grep -q "stale: its process $killed is gone" <<<"$status"
"$scsctl" -i inv run quick.yml >/dev/null 2>"$work/takeover.err"
check "the next run succeeds" [ $? -eq 0 ]
check "with a warning naming the old holder" \
    grep -q "warning: .*took over the inventory lock of $me (pid $killed on host $host, scsctl run, since .*): its process $killed is gone" \
    "$work/takeover.err"
check "and releases the lock it took" grep -qx "unlocked" <<<"$("$scsctl" -i inv lock status)"

# --- operator lock: lock, status, refused run, unlock
"$scsctl" -i inv lock --reason "maintenance window" >"$work/lock.out" 2>&1
check "lock takes an operator lock" [ $? -eq 0 ]
check "and says so" grep -q "locked by $me .*reason: maintenance window" "$work/lock.out"
check "lock status shows the reason" grep -q "scsctl lock, since .*reason: maintenance window)" <<<"$("$scsctl" -i inv lock status)"
before=$(run_count)
"$scsctl" -i inv run quick.yml >/dev/null 2>"$work/refused.err"
check "a run during an operator lock exits 4" [ $? -eq 4 ]
check "and shows the reason" grep -q "reason: maintenance window" "$work/refused.err"
check "and is not recorded" [ "$(run_count)" -eq "$before" ]
"$scsctl" -i inv lock >/dev/null 2>&1
check "a second lock exits 4" [ $? -eq 4 ]
"$scsctl" -i inv unlock >/dev/null
check "unlock releases your operator lock" [ $? -eq 0 ]
check "lock status says unlocked" grep -qx "unlocked" <<<"$("$scsctl" -i inv lock status)"
check "lock status --output json says unlocked" grep -q '"locked":false.*"holder":null' <<<"$("$scsctl" -i inv lock status --output json)"
"$scsctl" -i inv run quick.yml >/dev/null 2>&1
check "a run goes ahead after unlock" [ $? -eq 0 ]

# --- unlock --force releases a live run's lock, naming it
start_slow
holder=$pid
"$scsctl" -i inv unlock --force >/dev/null 2>"$work/force.err"
check "unlock --force exits 0" [ $? -eq 0 ]
check "with a warning naming the holder" grep -q "warning: .*released the inventory lock of $me (pid $holder on host $host" "$work/force.err"
check "the lock is gone" grep -qx "unlocked" <<<"$("$scsctl" -i inv lock status)"
kill -TERM "$holder"
finish "$holder"
check "the forced-out run still ends cleanly" [ "$rc" -eq 143 ]

# --- --ttl: an operator lock that expires by itself
"$scsctl" -i inv lock --ttl 1s --reason short >/dev/null
check "lock --ttl exits 0" [ $? -eq 0 ]
check "lock status shows the expiry" grep -q "until " <<<"$("$scsctl" -i inv lock status)"
"$scsctl" -i inv run quick.yml >/dev/null 2>&1
check "a run before the expiry exits 4" [ $? -eq 4 ]
sleep 1.2
"$scsctl" -i inv run quick.yml >/dev/null 2>"$work/expired.err"
check "a run after the expiry goes ahead" [ $? -eq 0 ]
check "with a warning that the lock expired" grep -q "took over the inventory lock of $me .*: it expired at " "$work/expired.err"
"$scsctl" -i inv lock --ttl soon >/dev/null 2>"$work/ttl.err"
check "a bad --ttl exits 2" [ $? -eq 2 ]
check "and names the value" grep -q "got 'soon'" "$work/ttl.err"
"$scsctl" -i inv unlock >"$work/unlock.out"
check "unlock when unlocked exits 0" [ $? -eq 0 ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
