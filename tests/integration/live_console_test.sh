#!/usr/bin/env bash
# The live status line of `scsctl run`: drawn on a terminal (a pty from script(1)) with the
# current task's counters and, once the journal knows the playbook, an ETA; erased before
# the recap; dim unless NO_COLOR; absent with TERM=dumb and when stdout is not a terminal.
# Usage: live_console_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: live_console_test.sh path/to/scsctl}")
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

mkdir -p "$work/home" "$work/inv"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
unset ANSIBLE_CONFIG SCSCTL_FORKS SCSCTL_OUTPUT SCSCTL_COLOR NO_COLOR
cd "$work" || exit 1
printf 'all:\n  hosts:\n    h1: {ansible_connection: local}\n    h2: {ansible_connection: local}\n' >inv/hosts.yml
printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: slow\n      command: sleep 1.1\n    - name: quick\n      command: "true"\n' >site.yml

esc=$'\033'
on_pty() { # on_pty OUTFILE ENV...: runs the playbook with stdout on a pseudo-terminal
    local out=$1; shift
    env "$@" script -qec "'$scsctl' -i inv run site.yml" /dev/null >"$out" 2>&1
}

on_pty first.txt TERM=xterm
check "the first run exits 0" grep -q "h1 .*ok=2" first.txt
check "a status line is drawn on the terminal" grep -q "${esc}\[2K${esc}\[2m> slow | 0/2 done, 2 running, 0 failed | 0:0" first.txt
check "it counts hosts done" grep -q "> quick | 2/2 done, 0 running, 0 failed" first.txt
check "the clock moves while a task runs" grep -q "> slow | 0/2 done, 2 running, 0 failed | 0:01" first.txt
check "no ETA without history" bash -c "! grep -q 'ETA' first.txt"
recap=$(sed -n '/PLAY RECAP/,$p' first.txt)
check "nothing is drawn under the recap" bash -c "! grep -q '> ' <<<\"\$1\"" _ "$recap"

on_pty second.txt TERM=xterm
check "the second run has an ETA from the first" grep -Eq "> slow \| 0/2 done, 2 running, 0 failed \| 0:0[0-9] \| ETA 0:0[0-9]" second.txt

on_pty nocolor.txt TERM=xterm NO_COLOR=1
check "NO_COLOR: the line is drawn without colour" grep -q "${esc}\[2K> slow | " nocolor.txt
check "NO_COLOR: no escape for dim" bash -c "! grep -q \"${esc}\[2m\" nocolor.txt"

on_pty dumb.txt TERM=dumb
check "TERM=dumb: plain lines" bash -c "! grep -q \"${esc}\[2K\" dumb.txt"
check "TERM=dumb: the results are there" grep -q "changed: \[h1\]" dumb.txt

TERM=xterm "$scsctl" -i inv run site.yml >piped.txt 2>&1
check "not a terminal: plain lines" bash -c "! grep -q \"${esc}\" piped.txt"
check "not a terminal: the results are there" grep -q "changed: \[h2\]" piped.txt

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
