#!/usr/bin/env bash
# Differential test of `scsctl run` against the real ansible-playbook (ansible-core 2.14).
#
# usage: tests/integration/playbook_differential.sh SCSCTL_BINARY
#
# One real OpenSSH sshd (on a free port, stopped by pid on exit) answers every 127/8 address.
# Two identical sets of three hosts log in to it: the "ansible" side (h1..h3 at
# 127.0.10.1-3) and the "scsctl" side (h1..h3 at 127.0.10.4-6). Every path in the corpus
# (tests/playbooks/differential/site.yml, which imports every case) is rooted at
# `{{ root }}` = `{{ base }}/{{ inventory_hostname }}`, and `base` is $work/a for ansible and
# $work/s for scsctl (set in each side's inventory), so both tools write into separate trees
# of the same machine. Each phase runs the whole corpus once per tool (one process each):
#
#   check-fresh   --check --diff on an empty tree (must write nothing that ansible does not)
#   run1          the first real run
#   run2          the second run, with --diff (idempotence: recap and tree again)
#   check-again   --check on the converged tree (not by default: CI time; add it with
#                 PLAYBOOK_DIFF_PHASES="check-fresh run1 run2 check-again")
#
# After each phase two checks:
#   <phase>: recap   the per-host PLAY RECAP counters (ok changed unreachable failed skipped
#                    rescued ignored) and the exit status class (0 or not) must be equal
#   <phase>: tree    a normalising walk of both trees must be equal: relative path, type,
#                    mode, symlink target, sha256 of the content; mtimes are ignored and the
#                    side's base directory is replaced by @BASE@ in contents and link targets
# On a recap mismatch the per-task status lines of both runs are diffed to show where.
#
# Known differences (bugs in scsctl, documented in the corpus) are cases listed in
# tests/playbooks/differential/known-differences.txt: "<case file> <reason...>". Those cases
# are left out of the site file the runner writes (site-run.yml in a copy of the corpus); the
# suite prints them as KNOWN. PLAYBOOK_DIFF_ONLY="a.yml b.yml" runs just those cases
# (quick loops); PLAYBOOK_DIFF_KNOWN=1 runs the known-difference cases too (to see whether
# a fix landed: they then fail or pass honestly). PLAYBOOK_DIFF_KEEP=1 keeps the work dir.
#
# Needs root (the login user is a uid-0 alias, as tests/support/test_accounts.cpp makes it).
# Exit status: 0 all passed, 1 any failure, 77 skipped (no ansible-playbook, sshd or root).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
corpus=$(cd "$here/../playbooks/differential" && pwd)

if [[ $# -lt 1 ]]; then
    echo "usage: $0 SCSCTL_BINARY" >&2
    exit 2
fi
scsctl=$1
[[ $scsctl == */* ]] && scsctl=$(cd "$(dirname "$scsctl")" && pwd)/$(basename "$scsctl")
if [[ ! -x $scsctl ]]; then
    echo "error: $scsctl is not an executable" >&2
    exit 2
fi
ansible_playbook=$(command -v ansible-playbook || true)
if [[ -z $ansible_playbook ]]; then
    echo "SKIP: ansible-playbook not installed" >&2
    exit 77
fi
if [[ ! -x /usr/sbin/sshd || $(id -u) != 0 ]]; then
    echo "SKIP: needs root and /usr/sbin/sshd" >&2
    exit 77
fi

started=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/playbook-diff.XXXXXX")
chmod 711 "$work"
sshd_pid=""
cleanup() {
    local s
    # Close the ControlPersist masters ansible left, then stop our sshd (only it, by pid).
    for s in "$work"/cp/*; do
        [[ -S $s ]] && ssh -o ControlPath="$s" -O exit x >/dev/null 2>&1
    done
    if [[ -n $sshd_pid ]] && kill -0 "$sshd_pid" 2>/dev/null; then
        kill "$sshd_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$sshd_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$sshd_pid" 2>/dev/null
    fi
    if [[ ${PLAYBOOK_DIFF_KEEP:-0} == 1 ]]; then
        echo "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------
# The login user: the project's shared uid-0 alias with a clean home and /bin/sh (root's own
# ~/.bashrc here runs pyenv: +150 ms per session). Created as tests/support/test_accounts.cpp
# does (same lock, same home), never removed (other suites may be logged in).
login_user=scsctl-t
state_dir=/var/lib/scsctl-test
mkdir -p "$state_dir" && chmod 755 "$state_dir"
(
    flock 9
    [[ -e $state_dir/home ]] || cp -r /etc/skel "$state_dir/home"
    getent passwd "$login_user" >/dev/null ||
        /usr/sbin/useradd -o -u 0 -g 0 -M -p '*' -d "$state_dir/home" -s /bin/sh "$login_user"
) 9>"$state_dir/.lock"
if ! getent passwd "$login_user" >/dev/null; then
    echo "error: could not create the login user $login_user" >&2
    exit 1
fi

# ---------------------------------------------------------------------------------------
# sshd on a free port (retried on a collision), as tests/support/sshd_fixture.cpp does.
ssh-keygen -q -t ed25519 -N '' -C playbook-diff-host -f "$work/host_ed25519_key"
ssh-keygen -q -t ed25519 -N '' -C playbook-diff-client -f "$work/id_ed25519"
cp "$work/id_ed25519.pub" "$work/authorized_keys"
addresses=(127.0.10.1 127.0.10.2 127.0.10.3 127.0.10.4 127.0.10.5 127.0.10.6)
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("0.0.0.0", 0)); print(s.getsockname()[1])'
}
start_sshd() {
    local attempt
    for attempt in $(seq 20); do
        port=$(free_port)
        cat >"$work/sshd_config" <<EOC
# playbook_differential.sh: one socket answers every 127/8 address; loopback peers only.
Port $port
ListenAddress 0.0.0.0
HostKey $work/host_ed25519_key
AuthorizedKeysFile $work/authorized_keys
PidFile none
LogLevel ERROR
AllowUsers $login_user@127.0.0.0/8
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
UseDNS no
StrictModes no
MaxStartups 400
MaxSessions 200
LoginGraceTime 120
Subsystem sftp internal-sftp
EOC
        mkdir -p /run/sshd
        : >"$work/sshd.log"
        /usr/sbin/sshd -D -e -f "$work/sshd_config" </dev/null 2>>"$work/sshd.log" &
        sshd_pid=$!
        local i
        for i in $(seq 200); do
            if ! kill -0 "$sshd_pid" 2>/dev/null; then
                sshd_pid=""
                break
            fi
            if python3 -c 'import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)
s.settimeout(2)
sys.exit(0 if s.recv(8).startswith(b"SSH-2.0-") else 1)' "$port" 2>/dev/null; then
                return 0
            fi
            sleep 0.05
        done
        [[ -n $sshd_pid ]] && { kill "$sshd_pid"; wait "$sshd_pid" 2>/dev/null; sshd_pid=""; }
        grep -q "Address already in use" "$work/sshd.log" || break
    done
    echo "error: sshd did not start:" >&2
    sed 's/^/  /' "$work/sshd.log" >&2
    return 1
}
start_sshd || exit 1
hostkey=$(cut -d' ' -f1,2 "$work/host_ed25519_key.pub")
for a in "${addresses[@]}"; do echo "[$a]:$port $hostkey"; done >"$work/known_hosts"

# ---------------------------------------------------------------------------------------
# The two sides: same host names and groups, own addresses, own base directory.
# inventory SIDE FIRST_ADDRESS_INDEX
inventory() {
    local side=$1 o=$2
    cat <<EOI
all:
  vars:
    ansible_port: $port
    ansible_user: $login_user
    ansible_ssh_private_key_file: $work/id_ed25519
    ansible_ssh_common_args: -o UserKnownHostsFile=$work/known_hosts -o StrictHostKeyChecking=yes
    ansible_python_interpreter: /usr/bin/python3
    base: $work/$side
    root: "{{ base }}/{{ inventory_hostname }}"
  children:
    web:
      hosts:
        h1: {ansible_host: ${addresses[o]}, http_port: 8080, site_name: alpha}
        h2: {ansible_host: ${addresses[o + 1]}, http_port: 8081, site_name: beta}
    db:
      hosts:
        h3: {ansible_host: ${addresses[o + 2]}, db_size: 3}
      vars:
        db_engine: postgres
EOI
}
inventory a 0 >"$work/inventory-a.yml"
inventory s 3 >"$work/inventory-s.yml"
mkdir -p "$work/a" "$work/s" "$work/home/tmp" "$work/cp" "$work/out"

cat >"$work/ansible.cfg" <<EOC
[defaults]
forks = 6
host_key_checking = True
retry_files_enabled = False
interpreter_python = /usr/bin/python3
deprecation_warnings = False

[ssh_connection]
pipelining = True
control_path_dir = $work/cp
ssh_args = -o ControlMaster=auto -o ControlPersist=30s -o KexAlgorithms=curve25519-sha256
EOC

clean_env=(env -i "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" "HOME=$work/home"
    "TMPDIR=$work/home/tmp" "LANG=C.UTF-8" "LC_ALL=C.UTF-8" "PYTHONIOENCODING=utf-8"
    "ANSIBLE_CONFIG=$work/ansible.cfg" "NO_COLOR=1" "XDG_CONFIG_HOME=$work/home/.config")
ansible_env=("${clean_env[@]}" "ANSIBLE_HOME=$work/home/.ansible" "ANSIBLE_LOCAL_TEMP=$work/home/tmp"
    "ANSIBLE_NOCOLOR=1" "ANSIBLE_FORCE_COLOR=0")

# ---------------------------------------------------------------------------------------
# The site file both tools run: every case of the corpus except the known differences.
known_file=$corpus/known-differences.txt
declare -A known=()
if [[ -f $known_file ]]; then
    while read -r name reason; do
        [[ -z $name || $name == \#* ]] && continue
        known[$name]=$reason
    done <"$known_file"
fi
mapfile -t all_cases < <(cd "$corpus" && ls [0-9]*.yml)
cases=()
if [[ -n ${PLAYBOOK_DIFF_ONLY:-} ]]; then
    read -ra cases <<<"$PLAYBOOK_DIFF_ONLY"
else
    for c in "${all_cases[@]}"; do
        if [[ -n ${known[$c]:-} && ${PLAYBOOK_DIFF_KNOWN:-0} != 1 ]]; then
            echo "KNOWN $c: ${known[$c]}"
            continue
        fi
        cases+=("$c")
    done
fi
# A copy of the corpus (the site file goes beside the cases: imports resolve from there).
cp -a "$corpus" "$work/corpus"
site=$work/corpus/site-run.yml
{
    echo "# generated by playbook_differential.sh"
    for c in "${cases[@]}"; do echo "- import_playbook: $c"; done
} >"$site"

passed=0
failed=0
failures=()
pass() {
    passed=$((passed + 1))
    echo "PASS $1"
}
fail() {
    failed=$((failed + 1))
    failures+=("$1")
    echo "FAIL $1"
}

# The comparer: recap OUT_A OUT_S | tree DIR_A DIR_S | tasks OUT_A OUT_S
cat >"$work/compare.py" <<'PY'
import difflib, hashlib, os, re, stat, sys

RECAP = re.compile(r"^(\S+)\s+:\s+((?:\w+=\d+\s*)+)$")

def recap(path):
    hosts, seen = {}, False
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if line.startswith("PLAY RECAP"):
            seen, hosts = True, {}
            continue
        m = RECAP.match(line.strip()) if seen else None
        if m:
            hosts[m.group(1)] = dict(kv.split("=") for kv in m.group(2).split())
    return seen, hosts

def fmt(h):
    keys = ["ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored"]
    return {n: " ".join(f"{k}={c.get(k, '?')}" for k in keys) for n, c in sorted(h.items())}

def walk(top):
    base = os.path.dirname(os.path.abspath(top)) + "/" + os.path.basename(top)
    out = []
    for d, dirs, files in os.walk(top):
        dirs.sort()
        for name in sorted(dirs + files):
            p = os.path.join(d, name)
            rel = os.path.relpath(p, top)
            st = os.lstat(p)
            mode = "%04o" % stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                out.append(f"{rel} link -> {os.readlink(p).replace(base, '@BASE@')}")
            elif stat.S_ISDIR(st.st_mode):
                out.append(f"{rel} dir {mode}")
            elif stat.S_ISREG(st.st_mode):
                data = open(p, "rb").read().replace(base.encode(), b"@BASE@")
                links = f" nlink={st.st_nlink}" if st.st_nlink > 1 else ""
                out.append(f"{rel} file {mode}{links} {hashlib.sha256(data).hexdigest()[:16]} {len(data)}")
            else:
                out.append(f"{rel} other {mode}")
    return out

def show(a, b, la, lb, limit=80):
    lines = list(difflib.unified_diff(a, b, la, lb, lineterm="", n=1))
    for l in lines[:limit]:
        print("  " + l)
    if len(lines) > limit:
        print(f"  ... {len(lines) - limit} more diff lines")

TASK = re.compile(r"^(TASK|RUNNING HANDLER) \[(.*)\] \**$")
STATUS = re.compile(r"^(ok|changed|skipping|fatal|failed|ignoring|included|rescued): \[([^\]]+)\]( => \(item=.*?\))?")

def tasks(path):
    out, cur, buf = [], None, []
    def flush():
        if cur is not None:
            out.append(cur)
            # scsctl adds a "fatal" summary line after the failed items of a loop; ansible
            # prints only the items (a display difference that the recap does not see).
            host = lambda l: l.split("[", 1)[1].split("]", 1)[0]
            itemized = {host(l) for l in buf if l.startswith("  failed: [")}
            out.extend(sorted(l for l in buf if not (l.startswith("  fatal: [") and host(l) in itemized)))
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        m = TASK.match(line)
        if m:
            flush()
            cur, buf = f"{m.group(1)} [{m.group(2)}]", []
            continue
        m = STATUS.match(line)
        if m and cur is not None:
            buf.append(f"  {m.group(1)}: [{m.group(2)}]" + (" (item)" if m.group(3) else ""))
    flush()
    return out

mode = sys.argv[1]
if mode == "recap":
    sa, ha = recap(sys.argv[2])
    ss, hs = recap(sys.argv[3])
    if not sa or not ss:
        print(f"  no PLAY RECAP in {'ansible' if not sa else 'scsctl'} output")
        sys.exit(1)
    fa, fs = fmt(ha), fmt(hs)
    if fa != fs:
        for n in sorted(set(fa) | set(fs)):
            if fa.get(n) != fs.get(n):
                print(f"  {n}: ansible {fa.get(n)}")
                print(f"  {n}: scsctl  {fs.get(n)}")
        sys.exit(1)
elif mode == "tree":
    a, s = walk(sys.argv[2]), walk(sys.argv[3])
    if a != s:
        show(a, s, "ansible tree", "scsctl tree")
        sys.exit(1)
    print(f"  {len(a)} entries")
elif mode == "tasks":
    show(tasks(sys.argv[2]), tasks(sys.argv[3]), "ansible tasks", "scsctl tasks", 120)
PY

# run_phase PHASE ARGS... : both tools over the site file, one process each, side by side.
run_phase() {
    local phase=$1
    shift
    local o="$work/out/$phase" t0=$SECONDS
    (cd "$work/corpus" && "${ansible_env[@]}" "$ansible_playbook" -i "$work/inventory-a.yml" "$site" "$@" \
        >"$o.ansible" 2>"$o.ansible.err"; echo $? >"$o.ansible.rc") &
    local pa=$!
    (cd "$work/corpus" && "${clean_env[@]}" "$scsctl" -i "$work/inventory-s.yml" run "$site" "$@" \
        >"$o.scsctl" 2>"$o.scsctl.err"; echo $? >"$o.scsctl.rc") &
    wait $pa $! # not a bare `wait`: sshd is a child too
    local ra rs
    ra=$(cat "$o.ansible.rc") rs=$(cat "$o.scsctl.rc")
    echo "---- $phase ($*): ansible exit $ra, scsctl exit $rs, $((SECONDS - t0)) s"
    if python3 "$work/compare.py" recap "$o.ansible" "$o.scsctl" >"$o.recap.diff" && [[ $((ra == 0)) == $((rs == 0)) ]]; then
        pass "$phase: recap"
    else
        fail "$phase: recap"
        cat "$o.recap.diff"
        [[ $((ra == 0)) == $((rs == 0)) ]] || echo "  exit status: ansible $ra, scsctl $rs"
        echo "  where (per-task status lines, hosts sorted):"
        python3 "$work/compare.py" tasks "$o.ansible" "$o.scsctl"
        [[ -s $o.scsctl.err ]] && { echo "  scsctl stderr:"; head -20 "$o.scsctl.err" | sed 's/^/    /'; }
    fi
    if python3 "$work/compare.py" tree "$work/a" "$work/s" >"$o.tree.diff"; then
        pass "$phase: tree$(cat "$o.tree.diff")"
    else
        fail "$phase: tree"
        cat "$o.tree.diff"
    fi
}

for phase in ${PLAYBOOK_DIFF_PHASES:-check-fresh run1 run2}; do
    case $phase in
    check-fresh) run_phase check-fresh --check --diff ;;
    run1) run_phase run1 ;;
    run2) run_phase run2 --diff ;;
    check-again) run_phase check-again --check ;;
    *) fail "unknown phase $phase" ;;
    esac
done

echo
if [[ $failed -gt 0 ]]; then
    echo "failed checks:"
    printf '  %s\n' "${failures[@]}"
fi
echo "${#cases[@]} cases, $((SECONDS - started)) s"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
