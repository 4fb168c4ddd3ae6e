#!/usr/bin/env bash
# scsctl lab on this machine, for real: a 2-host lab (systemd-nspawn --boot hosts on the
# minimal base image) in its own directory and subnet; lab status as a table and JSON;
# scsctl exec over SSH with strict host-key checking against the pinned keys (and a wrong
# pin refused); lab up again changes nothing (same pids, same files); a stopped host is
# restarted and --hosts 3 adds one; lab down leaves no process, mount, namespace, link,
# iptables rule or file behind, and is fine twice; a lab up killed halfway is cleaned up
# by lab down. Skips (77) only when not root. Usage: lab_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: lab_test.sh path/to/scsctl}")
if [ "$(id -u)" -ne 0 ]; then
    echo "lab_test: SKIPPED: scsctl lab needs root (network namespaces, mounts, systemd-nspawn)" >&2
    exit 77
fi
passed=0
failed=0
work=$(mktemp -d /tmp/scsctl-lab-test.XXXXXX)
lab="$work/lab"
crash="$work/crash"
bg_pid=
cleanup() {
    [ -n "$bg_pid" ] && kill -9 "$bg_pid" 2>/dev/null
    "$scsctl" lab down --dir "$lab" >/dev/null 2>&1
    "$scsctl" lab down --dir "$crash" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
contains() { grep -q -- "$1" <<<"$2"; }
now() { date +%s.%N; }
took() { printf '%.1f s' "$(echo "$(now) - $1" | bc)"; }
export NO_COLOR=1
times=()

# leftovers DIR ID: prints everything of lab ID (in DIR) still on the machine.
leftovers() {
    local dir=$1 id=$2
    ip netns list 2>/dev/null | grep -- "scslab-$id" || true
    ip -o link 2>/dev/null | grep -E -- "slb-$id|slv${id:0:6}-" || true
    grep -- "$dir" /proc/mounts || true
    iptables -w -t nat -S 2>/dev/null | grep -- "scsctl-lab-$id" || true
    iptables -w -S 2>/dev/null | grep -- "scsctl-lab-$id" || true
    pgrep -af -- "$dir/" || true
    [ -e "$dir" ] && find "$dir" -mindepth 0 | head -5
}
json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# --- not root: one clear line, exit 9 --------------------------------------------------
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$scsctl" lab status --dir "$lab" 2>&1)
rc=$?
check "non-root exits 9" test "$rc" -eq 9
check "non-root says root is needed" contains "needs root" "$out"

# --- usage errors --------------------------------------------------------------------------
# A network of the interface of the default route: routed here for the whole test.
route=$(awk 'NR > 1 && $2 == "00000000" { dev = $1 } NR > 1 && $8 != "00000000" { net[$1] = $2 " " $8 }
    END { if (dev in net) print net[dev] }' /proc/net/route)
if [ -n "$route" ]; then
    routed=$(python3 -c "import sys,socket; d,m=sys.argv[1:]; print(socket.inet_ntoa(bytes.fromhex(d)[::-1]) + '/' + str(bin(int(m, 16)).count('1')))" $route)
    out=$("$scsctl" lab up --dir "$work/refused" --hosts 1 --base minimal --subnet "$routed" 2>&1)
    rc=$?
    check "a routed --subnet is refused with exit 2" test "$rc" -eq 2
    check "the refusal names the route" contains "overlaps" "$out"
    check "a refused up leaves no directory" test ! -e "$work/refused"
fi
out=$("$scsctl" lab up --dir "$work/refused" --base tiny 2>&1)
check "a bad --base is exit 2" test $? -eq 2
check "a bad --base is explained" contains "'full' or 'minimal'" "$out"
out=$("$scsctl" lab up --dir "$work/refused" --disks 1 --disk-size 512M 2>&1)
check "a --disk-size below 1G is exit 2" test $? -eq 2
check "a bad --disk-size is explained" contains "--disk-size '512M': give a size of at least 1G" "$out"
out=$("$scsctl" lab up --dir "$work/refused" --disks 9 2>&1)
check "more than 8 --disks is exit 2" test $? -eq 2
check "a refused --disks leaves no directory" test ! -e "$work/refused"
"$scsctl" lab down --dir "$work/refused" >/dev/null 2>&1
mkdir -p "$work/busy"
echo "mine" >"$work/busy/inventory.yml"
out=$("$scsctl" lab up --dir "$work/busy" --hosts 1 --base minimal 2>&1)
check "a non-empty directory without a lab is refused (exit 2)" test $? -eq 2
"$scsctl" lab down --dir "$work/busy" >/dev/null 2>&1
check "neither up nor down touch a directory without a lab" test "$(ls -A "$work/busy")" = inventory.yml

# --- up: 2 hosts on the minimal base ----------------------------------------------------------
start=$(now)
"$scsctl" lab up --dir "$lab" --hosts 2 --base minimal --timeout 300 >"$work/up.out" 2>"$work/up.err"
rc=$?
times+=("up of 2 hosts (base cached or built): $(took "$start")")
check "lab up exits 0" test "$rc" -eq 0
[ "$rc" -eq 0 ] || cat "$work/up.err" >&2
check "progress lines go to stderr" contains "scsctl: lab: waiting for 2 hosts" "$(cat "$work/up.err")"
id=$(json_field 'd["id"]' <"$lab/lab.json")
check "inventory.yml is written" test -s "$lab/inventory.yml"
check "known_hosts pins both hosts" test "$(wc -l <"$lab/known_hosts")" -eq 2
check "the client key is 0600" test "$(stat -c %a "$lab/id_ed25519")" = 600
check "the inventory validates for every layer" "$scsctl" validate -i "$lab/inventory.yml"

# --- status -----------------------------------------------------------------------------------
out=$("$scsctl" lab status --dir "$lab")
check "status exits 0 when all run" test $? -eq 0
check "status table has lab1 running" grep -Eq '^lab1 +[0-9.]+ +running +ok +(running|degraded)' <<<"$out"
check "status table has lab2 running" grep -Eq '^lab2 +[0-9.]+ +running +ok' <<<"$out"
json=$("$scsctl" lab status --dir "$lab" --output json)
check "status JSON says all running" test "$(json_field 'd["all_running"]' <<<"$json")" = True
check "status JSON lists 2 hosts with ssh ok" test "$(json_field 'sum(h["ssh"] for h in d["hosts"])' <<<"$json")" = 2

# --- exec with strict host keys -----------------------------------------------------------------
out=$("$scsctl" exec -i "$lab/inventory.yml" --state "$work/state.db" --host-key-checking strict all -- hostname 2>&1)
check "exec over SSH exits 0" test $? -eq 0
check "exec gets lab1's hostname" contains "lab1" "$out"
check "exec gets lab2's hostname" contains "lab2" "$out"
ssh-keygen -q -t ed25519 -N '' -f "$work/other_key"
awk -v key="$(cut -d' ' -f1,2 "$work/other_key.pub")" '{ print $1, key }' "$lab/known_hosts" >"$work/wrong_known_hosts"
sed "s|scsctl_known_hosts: .*|scsctl_known_hosts: \"$work/wrong_known_hosts\"|" "$lab/inventory.yml" >"$work/wrong.yml"
out=$("$scsctl" exec -i "$work/wrong.yml" --state "$work/state.db" all -- hostname 2>&1)
rc=$?
check "a wrong pinned key is refused (exit 3)" test "$rc" -eq 3
check "the refusal is a host key mismatch" contains "host key" "$out"

# --- up again changes nothing -------------------------------------------------------------------
state_before=$(md5sum <"$lab/lab.json")
files_before=$(stat -c '%n %Y' "$lab/inventory.yml" "$lab/known_hosts" "$lab/lab.json")
out=$("$scsctl" lab up --dir "$lab" --output json 2>/dev/null)
check "lab up again exits 0" test $? -eq 0
check "lab up again reports no change" test "$(json_field 'd["changed"]' <<<"$out")" = False
check "lab up again keeps the pids" test "$(md5sum <"$lab/lab.json")" = "$state_before"
check "lab up again rewrites no file" test "$(stat -c '%n %Y' "$lab/inventory.yml" "$lab/known_hosts" "$lab/lab.json")" = "$files_before"
out=$("$scsctl" lab up --dir "$lab" --subnet 10.254.1.0/24 2>&1)
check "a different --subnet on an existing lab is refused" test $? -eq 2
out=$("$scsctl" lab up --dir "$lab" --disks 1 2>&1)
check "--disks on a lab without disks is refused" test $? -eq 2
check "the --disks refusal says why" contains "--disks 1 differs from the lab's 0" "$out"

# --- a stopped host is restarted; --hosts 3 adds one ---------------------------------------------
pid2=$(json_field '[h["pid"] for h in d["hosts"] if h["name"]=="lab2"][0]' <"$lab/lab.json")
pid1=$(json_field '[h["pid"] for h in d["hosts"] if h["name"]=="lab1"][0]' <"$lab/lab.json")
kill -TERM "$pid2"
for _ in $(seq 100); do kill -0 "$pid2" 2>/dev/null || break; sleep 0.1; done
"$scsctl" lab status --dir "$lab" >"$work/status.out" 2>/dev/null
check "status exits 3 with a stopped host" test $? -eq 3
check "status shows lab2 stopped" grep -Eq '^lab2 +[0-9.]+ +stopped' "$work/status.out"
start=$(now)
"$scsctl" lab up --dir "$lab" --hosts 3 >"$work/up3.out" 2>"$work/up3.err"
check "lab up --hosts 3 exits 0" test $? -eq 0
times+=("up restarting 1 and adding 1 host: $(took "$start")")
check "lab up reports 1 started and 1 added" contains "(2 started, 1 added)" "$(cat "$work/up3.out")"
check "lab1 kept its pid" test "$(json_field '[h["pid"] for h in d["hosts"] if h["name"]=="lab1"][0]' <"$lab/lab.json")" = "$pid1"
check "three hosts run" test "$("$scsctl" lab status --dir "$lab" --output json | json_field 'd["all_running"] and len(d["hosts"])')" = 3

# --- down leaves nothing ------------------------------------------------------------------------------
start=$(now)
"$scsctl" lab down --dir "$lab" 2>"$work/down.err"
check "lab down exits 0" test $? -eq 0
times+=("down of 3 hosts: $(took "$start")")
left=$(leftovers "$lab" "$id")
check "lab down leaves nothing behind" test -z "$left"
[ -z "$left" ] || echo "$left" >&2
"$scsctl" lab down --dir "$lab" 2>/dev/null
check "lab down twice is fine" test $? -eq 0
out=$("$scsctl" lab status --dir "$lab" 2>&1)
check "status of no lab is exit 2" test $? -eq 2

# --- a lab up killed halfway is cleaned up --------------------------------------------------------
"$scsctl" lab up --dir "$crash" --hosts 2 --base minimal >/dev/null 2>&1 &
bg_pid=$!
for _ in $(seq 300); do
    [ -f "$crash/lab.json" ] && grep -q '"pid": [1-9]' "$crash/lab.json" && break
    sleep 0.1
done
kill -9 "$bg_pid" 2>/dev/null
wait "$bg_pid" 2>/dev/null
bg_pid=
crash_id=$(json_field 'd["id"]' <"$crash/lab.json")
check "the killed up left a host running" test -n "$(pgrep -f -- "$crash/hosts/")"
"$scsctl" lab down --dir "$crash" 2>"$work/crash-down.err"
check "lab down after a killed up exits 0" test $? -eq 0
left=$(leftovers "$crash" "$crash_id")
check "lab down after a killed up leaves nothing" test -z "$left"
[ -z "$left" ] || echo "$left" >&2

for line in "${times[@]}"; do echo "lab_test: time: $line" >&2; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
