#!/usr/bin/env bash
# SIGKILL `scsctl run` mid-run (local connection), then `scsctl run --resume`: the run
# completes, no completed task×host ran twice (each appends one marker line as its last
# act), and the journal shows both runs. Usage: resume_kill_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: resume_kill_test.sh path/to/scsctl}")
passed=0
failed=0
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 -- "-$pid" 2>/dev/null; rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

mkdir -p "$work/home" "$work/inv"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" NO_COLOR=1
unset ANSIBLE_CONFIG SCSCTL_FORKS SCSCTL_OUTPUT SCSCTL_COLOR SCSCTL_TIMEOUT SCSCTL_REMOTE_USER
cd "$work" || exit 1

printf 'all:\n  hosts:\n    h1: {ansible_connection: local}\n    h2: {ansible_connection: local}\n' >inv/hosts.yml
marker="$work/marker"
{
    printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n'
    for n in 1 2 3 4 5 6; do
        # The append is the task's last act: a line means the task×host completed.
        printf '    - name: t%s\n      shell: sleep 0.6; echo "{{ inventory_hostname }} t%s" >> %s\n' "$n" "$n" "$marker"
    done
} >site.yml

# In a process group of its own, so that SIGKILL takes its shells with it, as sshd hangs up
# on the sessions of a controller that died.
setsid "$scsctl" -i inv run site.yml >"$work/first.out" 2>&1 &
pid=$!
for _ in $(seq 1 200); do # wait until t1 and t2 completed on both hosts
    [ -f "$marker" ] && [ "$(wc -l <"$marker")" -ge 4 ] && break
    sleep 0.05
done
# Every completed result is durable within 100 ms; t3 is still sleeping (in flight).
sleep 0.25
kill -9 -- "-$pid"
wait "$pid" 2>/dev/null
pid=
before=$(wc -l <"$marker")
check "the first run was killed after some tasks" [ "$before" -ge 4 ] && [ "$before" -lt 12 ]
check "the journal is inside the inventory directory" [ -f inv/.scsctl/state.db ]

runs=$("$scsctl" -i inv runs --output json)
check "runs lists the killed run as running" grep -q '"status":"running"' <<<"$runs"

"$scsctl" -i inv run site.yml --resume >"$work/second.out" 2>"$work/second.err"
rc=$?
check "the resumed run exits 0" [ "$rc" -eq 0 ]
check "it says which run it resumes" grep -q "resuming run 1" "$work/second.err"
check "every task×host completed" [ "$(sort -u "$marker" | wc -l)" -eq 12 ]
dupes=$(sort "$marker" | uniq -d)
check "no completed task×host ran twice" [ -z "$dupes" ]
[ -n "$dupes" ] && echo "ran twice: $dupes" >&2

show=$("$scsctl" -i inv runs show 2 --output json)
resumed=$(grep -o '"resumed_from":1' <<<"$show" | wc -l)
# one for the run itself (it resumes run 1), one per result taken from run 1
check "the second run records the results it took from run 1" [ "$resumed" -eq $((before + 1)) ]
check "the second run finished" grep -q '"status":"finished"' <<<"$show"
runs_text=$("$scsctl" -i inv runs)
check "runs prints a history table" grep -Eq '^2 +finished +0 ' <<<"$runs_text"
"$scsctl" -i inv run site.yml --resume >/dev/null 2>"$work/third.err"
check "nothing left to resume exits 2" [ $? -eq 2 ]
check "and says so" grep -q "no unfinished run" "$work/third.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
