#!/usr/bin/env bash
# End-to-end checks of `scsctl preflight` against a real OpenSSH sshd (own directory, free
# port, stopped by pid on exit) that every host of the inventory logs in to:
#   good     the sudo user that must type its password (ansible_become_password), an OSD
#            file to make room for, a free extra port and one held by its own service (a
#            python3 copy named own-svc): every check passes (time may warn)
#   busy     a port from preflight_extra_ports held by `python3 -m http.server`: ports fails
#            naming python3 and its pid
#   full     preflight_min_disk_gb beyond any disk: disk fails
#   wrongpw  a wrong become password: sudo fails, the other checks still run (without sudo)
#   dead     nothing listens on its port: unreachable, exit 3 alone
#   disks    raw disks in ceph_osd_devices (loop devices on this machine, detached on
#            exit): empty passes, a BlueStore label counts as an OSD, ext4 fails unless
#            ceph_osd_wipe_devices (then warns), mounted, too small, not a block device
#            and missing fail
# Text, JSON (validated against tests/schemas/preflight.schema.json) and JUnit (against
# tests/schemas/junit.xsd) outputs; no output and no argv ever holds a become password.
# Needs root (the test accounts, sshd) and /usr/sbin/sshd, sudo; skips (77) without.
# Usage: preflight_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: preflight_test.sh path/to/scsctl}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ ! -x /usr/sbin/sshd || ! -x /usr/bin/sudo || $(id -u) != 0 ]]; then
    echo "SKIP: needs root, /usr/sbin/sshd and /usr/bin/sudo" >&2
    exit 77
fi
# shellcheck source=tests/integration/lib/checks.sh
source "$root/tests/integration/lib/checks.sh"
# shellcheck source=tests/integration/lib/sshd.sh
source "$root/tests/integration/lib/sshd.sh"
sshd_extra_users=scsctl-sudo
chmod 711 "$work" # the sudo users read the authorized keys file below it

http_pid=""
stop_pid() {
    local pid=$1
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}
own_pid=""
release_disks() { # unmounts and detaches what the raw disk checks attached (files below $work)
    mountpoint -q "$work/mnt" 2>/dev/null && umount "$work/mnt"
    losetup --list --noheadings --output NAME,BACK-FILE 2>/dev/null | awk -v w="$work/" 'index($2, w) == 1 {print $1}' |
        while read -r loop; do losetup --detach "$loop"; done
}
trap 'sshd_stop; stop_pid "$http_pid"; stop_pid "$own_pid"; release_disks; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

export HOME="$work" XDG_CONFIG_HOME="$work/xdg" NO_COLOR=1

# ---------------------------------------------------------------------------------------
# The shared test accounts, as tests/support/test_accounts.cpp makes them (same lock,
# same homes, same sudoers file; never removed: other suites may be logged in).
state_dir=/var/lib/scsctl-test
mkdir -p "$state_dir" && chmod 755 "$state_dir"
(
    flock 9
    [[ -e $state_dir/home ]] || cp -r /etc/skel "$state_dir/home"
    getent passwd scsctl-t >/dev/null ||
        /usr/sbin/useradd -o -u 0 -g 0 -M -p '*' -d "$state_dir/home" -s /bin/sh scsctl-t
    password=$(cat "$state_dir/sudo-password" 2>/dev/null)
    for user in scsctl-sudo scsctl-nopw; do
        getent passwd "$user" >/dev/null && continue
        /usr/sbin/useradd -m -k /etc/skel -d "$state_dir/home-$user" -s /bin/sh -U -p '*' "$user"
        [[ $user == scsctl-sudo ]] && password=""
    done
    if [[ -z $password ]]; then
        password=$(tr -dc 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789' </dev/urandom | head -c 20)
        echo "scsctl-sudo:$password" | /usr/sbin/chpasswd
        (umask 077 && echo "$password" >"$state_dir/sudo-password")
    fi
    sudoers='# scsctl test accounts (tests/support/test_accounts.cpp): one that must type its
# password every time, one that is never asked.
Defaults:scsctl-sudo, scsctl-nopw !lecture, timestamp_timeout=0
scsctl-sudo ALL=(ALL) ALL
scsctl-nopw ALL=(ALL) NOPASSWD: ALL'
    if [[ $(cat /etc/sudoers.d/scsctl-test 2>/dev/null) != "$sudoers" ]]; then
        printf '%s\n' "$sudoers" >/etc/sudoers.d/.scsctl-test.new
        chmod 0440 /etc/sudoers.d/.scsctl-test.new
        /usr/sbin/visudo -cf /etc/sudoers.d/.scsctl-test.new >/dev/null &&
            mv /etc/sudoers.d/.scsctl-test.new /etc/sudoers.d/scsctl-test
    fi
) 9>"$state_dir/.lock"
become_password=$(cat "$state_dir/sudo-password" 2>/dev/null)
if [[ -z $become_password ]] || ! getent passwd scsctl-sudo >/dev/null; then
    echo "error: could not create the sudo test accounts" >&2
    exit 1
fi
wrong_password="not-${become_password}-either"

# ---------------------------------------------------------------------------------------
# sshd from lib/sshd.sh (it lets the sudo user in too); the helper servers below wait
# until their port answers.
wait_for_port() { # PORT PID: until something accepts on 127.0.0.1:PORT, while PID lives
    for _ in $(seq 200); do
        kill -0 "$2" 2>/dev/null || return 1
        python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$1" \
            2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}
sshd_start 127.0.0.1 || exit 1
chmod 644 "$work/authorized_keys" # the sudo user reads it too

# A foreign process on a port the busy host's layer table expects.
busy_port=$(sshd_free_port)
/usr/bin/python3 -m http.server --bind 127.0.0.1 "$busy_port" >/dev/null 2>&1 &
http_pid=$!
wait_for_port "$busy_port" "$http_pid" || { echo "error: http.server did not start" >&2; exit 1; }
quiet_port=$(sshd_free_port)
# The same program under a service's name: ss shows it as "own-svc", the owner the good
# host's extra port names, so it counts as that service already deployed.
mkdir -p "$work/bin"
cp "$(readlink -f /usr/bin/python3)" "$work/bin/own-svc"
own_port=$(sshd_free_port)
"$work/bin/own-svc" -m http.server --bind 127.0.0.1 "$own_port" >/dev/null 2>&1 &
own_pid=$!
wait_for_port "$own_port" "$own_pid" || { echo "error: own-svc did not start" >&2; exit 1; }

# ---------------------------------------------------------------------------------------
inv="$work/inv"
mkdir -p "$inv"
echo "[127.0.0.1]:$sshd_port $(cut -d' ' -f1,2 "$work/host_ed25519_key.pub")" >"$inv/known_hosts"
cat >"$inv/hosts.yml" <<EOF
all:
  vars:
    ansible_host: 127.0.0.1
    ansible_port: $sshd_port
    ansible_ssh_private_key_file: $work/id_ed25519
    ansible_user: scsctl-t
    preflight_min_memory_mb: 1
    preflight_min_disk_gb: 0.01
  children:
    ceph_osd:
      hosts:
        good:
          ansible_user: scsctl-sudo
          ansible_become_password: "$become_password"
          ceph_osd_devices: ["$work/osd/osd0.img"]
          ceph_osd_file_size: 1M
          preflight_extra_ports: [$quiet_port, {port: $own_port, owner: own-svc}]
    ovn_controller:
      hosts:
        busy:
          preflight_extra_ports: [{port: $busy_port, service: test listener, owner: ovn-controller}]
        full:
          preflight_min_disk_gb: 100000000
        wrongpw:
          ansible_user: scsctl-sudo
          ansible_become_password: "$wrong_password"
        dead:
          ansible_port: 1
EOF

# scsctl ARGS...: runs scsctl, sets $out, $err and $rc; keeps every output for the secret scan.
n=0
run() {
    n=$((n + 1))
    "$scsctl" "$@" >"$work/out.$n" 2>"$work/err.$n"
    rc=$?
    out=$(cat "$work/out.$n")
    err=$(cat "$work/err.$n")
}
json_status() { jq -r --arg h "$1" --arg c "$2" '.hosts[] | select(.host == $h) | .checks[] | select(.check == $c) | .status' <<<"$out"; }
json_detail() { jq -r --arg h "$1" --arg c "$2" '.hosts[] | select(.host == $h) | .checks[] | select(.check == $c) | .detail' <<<"$out"; }
valid_json() {
    /usr/bin/python3 - "$root/tests/schemas/preflight.schema.json" "$1" <<'PY'
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
}

# A reachable, ready host: the table.
run preflight -i "$inv/hosts.yml" --limit good
check "good: exit 0" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || { echo "$out" >&2; echo "$err" >&2; }
check "good: table header" grep -Eq '^HOST +CHECK +RESULT +DETAIL$' <<<"$out"
check "good: reachable passes" grep -Eq '^good +reachable +pass +SSH connection and login work$' <<<"$out"
check "good: sudo with the become password" grep -Eq '^ +sudo +pass +sudo works with the become password$' <<<"$out"
check "good: os is Debian 12" grep -Eq '^ +os +pass +Debian GNU/Linux 12' <<<"$out"
check "good: disk counts the OSD file" grep -Eq '^ +disk +pass +.*1 OSD file 0\.0 GiB' <<<"$out"
check "good: memory passes" grep -Eq '^ +memory +pass +' <<<"$out"
check "good: time passes or warns" grep -Eq '^ +time +(pass|warn) +' <<<"$out"
check "good: one port free, one held by its own service" \
    grep -Eq "^ +ports +pass +free: $quiet_port; held by their own service: $own_port own-svc\$" <<<"$out"
check "good: summary line" grep -Eq '^preflight: 1 host: [01] ready, [01] with warnings, 0 failed, 0 unreachable' <<<"$out"

# The same as JSON.
run preflight -i "$inv/hosts.yml" --limit good --output json
check "good json: exit 0" [ "$rc" -eq 0 ]
echo "$out" >"$work/good.json"
check "good json: matches the schema" valid_json "$work/good.json"
check "good json: ok" [ "$(jq -r '.ok' <<<"$out")" = true ]
check "good json: sudo pass" [ "$(json_status good sudo)" = pass ]
check "good json: os pass" [ "$(json_status good os)" = pass ]
check "good json: requirements name the OSD file" \
    [ "$(jq -r '.hosts[0].requirements.osd_files[0].path' <<<"$out")" = "$work/osd/osd0.img" ]
check "good json: summary on stderr" grep -q '^scsctl: preflight: 1 host: ' <<<"$err"

# An unreachable host alone: exit 3, named with the transport's reason.
run preflight -i "$inv/hosts.yml" --limit dead
check "dead: exit 3" [ "$rc" -eq 3 ]
check "dead: reachable fails with the reason" grep -Eq '^dead +reachable +fail +.*(refused|connect)' <<<"$out"
check "dead: other checks skipped" [ "$(grep -c ' skip  *host unreachable$' <<<"$out")" -eq 6 ]
check "dead: summary counts it" grep -q '0 failed, 1 unreachable' <<<"$out"

# A port held by a foreign process.
run preflight -i "$inv/hosts.yml" --limit busy --output json
check "busy: exit 1" [ "$rc" -eq 1 ]
check "busy: ports fail" [ "$(json_status busy ports)" = fail ]
check "busy: names python3 and its pid" \
    [ "$(json_detail busy ports)" = "$busy_port (test listener) is held by python3 (pid $http_pid)" ]
check "busy: sudo -n as root works" [ "$(json_detail busy sudo)" = "sudo works without a password" ]

# A disk threshold from a variable.
run preflight -i "$inv/hosts.yml" --limit full --output json
check "full: exit 1" [ "$rc" -eq 1 ]
check "full: disk fails" [ "$(json_status full disk)" = fail ]
check "full: says what it needs" grep -q 'free, needs 100000000.0 GiB' <<<"$(json_detail full disk)"
check "full: memory still passes" [ "$(json_status full memory)" = pass ]

# A wrong become password: sudo fails, the rest still ran (as the login user).
run preflight -i "$inv/hosts.yml" --limit wrongpw --output json
check "wrongpw: exit 1" [ "$rc" -eq 1 ]
check "wrongpw: sudo fails" [ "$(json_detail wrongpw sudo)" = "sudo rejected the become password" ]
check "wrongpw: os still checked" [ "$(json_status wrongpw os)" = pass ]

# Raw disks: loop devices of this machine stand in for a host's disks.
new_disk() { truncate -s "$2" "$work/$1.img" && losetup --find --show "$work/$1.img"; } # NAME SIZE
empty_disk=$(new_disk empty 2G)
fs_disk=$(new_disk fs 2G)
mounted_disk=$(new_disk mounted 2G)
small_disk=$(new_disk small 512M)
osd_disk=$(new_disk osd 2G)
check "disks: five loop devices attached" \
    [ "$(losetup --list --noheadings --output BACK-FILE | grep -cF "$work/")" -eq 5 ]
mkfs.ext4 -q "$fs_disk" && mkfs.ext4 -q "$mounted_disk" && mkdir -p "$work/mnt" && mount "$mounted_disk" "$work/mnt"
printf 'bluestore block device\n' | dd of="$osd_disk" conv=notrunc status=none # BlueStore's label magic
sed -n '1,/^  children:/p' "$inv/hosts.yml" >"$inv/disks.yml"
cat >>"$inv/disks.yml" <<YML
    ceph_osd:
      hosts:
        disks:
          ceph_osd_devices: [$empty_disk, $osd_disk, $fs_disk, $mounted_disk, $small_disk, /dev/null, /dev/scsctl-no-such-disk]
        wipedisk:
          ceph_osd_devices: [$fs_disk, $empty_disk]
          ceph_osd_wipe_devices: true
YML
run preflight -i "$inv/disks.yml" --limit disks --output json
echo "$out" >"$work/disks.json"
check "disks: exit 1" [ "$rc" -eq 1 ]
check "disks: matches the schema" valid_json "$work/disks.json"
check "disks: disk fails" [ "$(json_status disks disk)" = fail ]
check "disks: requirements list the raw disks, no OSD file" \
    [ "$(jq -c '.hosts[0].requirements | [(.osd_devices | length), (.osd_files | length), .osd_wipe_devices]' <<<"$out")" = "[7,0,false]" ]
detail=$(json_detail disks disk)
for expected in "$empty_disk (2.0 GiB): empty" "$osd_disk (2.0 GiB): holds a BlueStore OSD" \
    "$fs_disk (2.0 GiB): holds ext4; wipe it or set ceph_osd_wipe_devices: true to let the deploy erase it" \
    "$mounted_disk (2.0 GiB): in use (${mounted_disk#/dev/} is mounted)" \
    "$small_disk (0.5 GiB): too small for a BlueStore OSD (at least 1.0 GiB)" \
    "/dev/null: not a block device" "/dev/scsctl-no-such-disk: no such device"; do
    check "disks: says '$expected'" grep -qF -- "$expected" <<<"$detail"
done
run preflight -i "$inv/disks.yml" --limit wipedisk
check "wipedisk: exit 0 (a warning)" [ "$rc" -eq 0 ]
check "wipedisk: the deploy erases the ext4 disk" \
    grep -Eq "^ +disk +warn +.*$fs_disk \(2\.0 GiB\): holds ext4, the deploy erases it \(ceph_osd_wipe_devices\); $empty_disk \(2\.0 GiB\): empty\$" <<<"$out"
check "disks: the probe wrote nothing on them" [ "$(blkid -p -o value -s TYPE "$fs_disk")" = ext4 ]
release_disks

# Everyone at once, with JUnit: failures win over unreachable (exit 1). Meanwhile, no
# process's argv may hold a become password (sudo reads it from stdin).
: >"$work/argv-leaks"
(
    while [[ ! -e $work/all-done ]]; do
        ps -eo args= | grep -F -e "$become_password" -e "$wrong_password" | grep -v grep >>"$work/argv-leaks"
        sleep 0.02
    done
) &
watcher=$!
run preflight -i "$inv/hosts.yml" --junit "$work/preflight.xml"
touch "$work/all-done"
wait "$watcher"
check "no argv holds a become password" [ ! -s "$work/argv-leaks" ]
check "all: exit 1" [ "$rc" -eq 1 ]
[[ ${PREFLIGHT_TEST_VERBOSE:-0} == 1 ]] && echo "$out" >&2
check "all: summary" grep -q '^preflight: 5 hosts: .* 3 failed, 1 unreachable' <<<"$out"
check "all: junit validates" xmllint --noout --schema "$root/tests/schemas/junit.xsd" "$work/preflight.xml"
check "all: junit has host x check testcases" [ "$(grep -c '<testcase ' "$work/preflight.xml")" -eq 35 ]
check "all: junit failure for busy's ports" \
    grep -q "<testcase classname=\"preflight.busy\" name=\"ports\"" "$work/preflight.xml"
check "all: junit skips dead's checks" [ "$(grep -c '<skipped ' "$work/preflight.xml")" -eq 6 ]

# --layers narrows the hosts; bad input is a one-line error with exit 2.
run preflight -i "$inv/hosts.yml" --layers ceph
check "layers ceph: only good" [ "$rc" -eq 0 ] && check "layers ceph: one host" grep -q '^preflight: 1 host: ' <<<"$out"
run preflight -i "$inv/hosts.yml" --layers cephh
check "unknown layer: exit 2" [ "$rc" -eq 2 ]
check "unknown layer: one line" [ "$(wc -l <<<"$err")" -eq 1 ]
run preflight -i "$inv/hosts.yml" --limit nosuchhost
check "limit matching nothing: exit 2" [ "$rc" -eq 2 ]
sed 's/preflight_min_disk_gb: 100000000/preflight_min_disk_gb: lots/' "$inv/hosts.yml" >"$inv/bad.yml"
run preflight -i "$inv/bad.yml" --limit full
check "bad variable: exit 2" [ "$rc" -eq 2 ]
check "bad variable: named" [ "$err" = "scsctl: error: host 'full': variable 'preflight_min_disk_gb' must be a non-negative number, got \"lots\"" ]

# The become passwords never appear in any output (stdout, stderr, JSON, JUnit).
leaks=$(grep -lF -e "$become_password" -e "$wrong_password" "$work"/out.* "$work"/err.* "$work/preflight.xml" 2>/dev/null)
check "no output holds a become password" [ -z "$leaks" ]
[ -z "$leaks" ] || echo "  leaked in: $leaks" >&2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
