#!/usr/bin/env bash
# Differential test of scsctl's inventory commands against ansible-inventory (ansible-core 2.14).
#
# usage: tests/integration/inventory_differential.sh SCSCTL_BINARY [CASE...]
#
# Good cases: tests/inventory_corpus/<case>/ (everything but bad/). Each case holds its
# inventory source(s) and optionally an `args` file (source arguments, whitespace-separated,
# e.g. "-i a/hosts.ini -i b/hosts.yml"). Without `args` the source is `inventory` (file or
# directory) if present, else the single file named hosts*. Both tools run inside the case
# directory with the same arguments. Per case four checks:
#   list        `scsctl inventory list`  vs `ansible-inventory --list`   (JSON, semantic)
#   host        `scsctl inventory host H` for every host vs --list's _meta.hostvars[H] ({} if absent)
#               (ansible --host H prints exactly that object, so ansible runs once, not per host)
#   graph       `scsctl inventory graph` vs `--graph`                   (text, exact)
#   graph-vars  `scsctl inventory graph --vars` vs `--graph --vars`     (text, exact)
# JSON normalisation: object key order is ignored; the `hosts` and `children` arrays of each
# group in --list are compared as sorted lists (their order is not part of the contract);
# every other list (variable values) must match in order. Types are strict (1, 1.0 and true
# differ). Graph text is compared exactly except for trailing newlines: its order is
# Ansible's insertion order, which is defined.
#
# Bad cases: tests/inventory_corpus/bad/<case>/ with an `expect` file:
#   exit: 2                     the exit status of `scsctl inventory list`
#   file:line:col: message      one or more lines scsctl must print on stderr; a stderr line
#                               matches when it equals the expected line, optionally prefixed
#                               by "error: " or "scsctl: error: " (the reporter's prefix);
#                               absolute paths to the case directory are made relative
# A case may hold `chmod000` (paths made unreadable in a scratch copy; skipped as root), and
# `known-difference-graph-vars` (first line: the documented reason) to skip graph --vars.
#
# Environment: INVENTORY_DIFF_CACHE=DIR caches ansible outputs by case content (for quick
# local loops; CI leaves it unset). INVENTORY_DIFF_VERBOSE=1 prints passes too.
# Exit status: 0 all passed, 1 any failure, 77 ansible-inventory missing (skip).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
corpus=$(cd "$here/../inventory_corpus" && pwd)

if [[ $# -lt 1 ]]; then
    echo "usage: $0 SCSCTL_BINARY [CASE...]" >&2
    exit 2
fi
scsctl=$1
shift
[[ $scsctl == */* ]] && scsctl=$(cd "$(dirname "$scsctl")" && pwd)/$(basename "$scsctl")
if [[ ! -x $scsctl ]]; then
    echo "error: $scsctl is not an executable" >&2
    exit 2
fi
ansible_inventory=$(command -v ansible-inventory || true)
if [[ -z $ansible_inventory ]]; then
    echo "SKIP: ansible-inventory not installed" >&2
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/inventory-diff.XXXXXX")
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/home/tmp"
: >"$work/home/ansible.cfg" # an empty config: no user, project or /etc/ansible settings

# A clean environment for both tools: no ANSIBLE_* from the caller, a throwaway HOME.
clean_env=(env -i "PATH=/usr/local/bin:/usr/bin:/bin" "HOME=$work/home" "TMPDIR=$work/home/tmp"
    "LANG=C.UTF-8" "LC_ALL=C.UTF-8" "PYTHONIOENCODING=utf-8")
ansible_env=("${clean_env[@]}" "ANSIBLE_CONFIG=$work/home/ansible.cfg"
    "ANSIBLE_HOME=$work/home/.ansible" "ANSIBLE_LOCAL_TEMP=$work/home/tmp"
    "ANSIBLE_NOCOLOR=1" "ANSIBLE_INVENTORY_UNPARSED_FAILED=True"
    "ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=True")

ansible_version=$("${ansible_env[@]}" "$ansible_inventory" --version 2>/dev/null | head -1)

passed=0
failed=0
failures=()
pass() {
    passed=$((passed + 1))
    [[ ${INVENTORY_DIFF_VERBOSE:-0} == 1 ]] && echo "PASS $1"
    return 0
}
fail() {
    failed=$((failed + 1))
    failures+=("$1")
    echo "FAIL $1"
}

# The JSON comparer: compare.py list|host A B [HOST...]; prints a unified diff on mismatch.
cat >"$work/compare.py" <<'PY'
import difflib, json, sys

def canon(obj):
    return json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False)

def load(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"  {what}: not JSON: {e}")
        return None

def normalize_list(doc):
    # Sort the membership arrays of groups; leave variable values alone.
    for name, group in doc.items():
        if name == "_meta" or not isinstance(group, dict):
            continue
        for key in ("hosts", "children"):
            if isinstance(group.get(key), list):
                group[key] = sorted(group[key], key=lambda v: json.dumps(v))
    return doc

def show_diff(expected, actual, label):
    a, b = canon(expected).splitlines(), canon(actual).splitlines()
    for line in difflib.unified_diff(a, b, f"ansible {label}", f"scsctl {label}", lineterm="", n=2):
        print("  " + line)

mode = sys.argv[1]
if mode == "list":
    exp, act = load(sys.argv[2], "ansible"), load(sys.argv[3], "scsctl")
    if exp is None or act is None:
        sys.exit(1)
    exp, act = normalize_list(exp), normalize_list(act)
    if canon(exp) != canon(act):
        show_diff(exp, act, "--list")
        sys.exit(1)
elif mode == "hosts":
    # hosts LIST_JSON: print every host name (group members and hostvars keys), one a line
    doc = load(sys.argv[2], "ansible")
    names = dict.fromkeys(doc.get("_meta", {}).get("hostvars", {}))
    for name, group in doc.items():
        if name != "_meta" and isinstance(group, dict):
            names.update(dict.fromkeys(group.get("hosts", [])))
    sys.stdout.write("".join(n + "\n" for n in names))
elif mode == "host":
    # host LIST_JSON HOST SCSCTL_HOST_JSON
    doc = load(sys.argv[2], "ansible")
    exp = doc.get("_meta", {}).get("hostvars", {}).get(sys.argv[3], {})
    act = load(sys.argv[4], "scsctl")
    if act is None:
        sys.exit(1)
    if canon(exp) != canon(act):
        show_diff(exp, act, f"--host {sys.argv[3]}")
        sys.exit(1)
PY

# The sources of a case as arguments (one token per word of `args`).
case_args() {
    local dir=$1
    if [[ -f $dir/args ]]; then
        # shellcheck disable=SC2046
        tr -s ' \t\n' '\n\n\n' <"$dir/args" | sed '/^$/d'
        return
    fi
    if [[ -e $dir/inventory ]]; then
        printf '%s\n' -i inventory
        return
    fi
    local found=("$dir"/hosts*)
    if [[ ${#found[@]} -ne 1 ]] || [[ ! -e ${found[0]} && ! -L ${found[0]} ]]; then
        echo "corpus error: $dir has no args file, no inventory and not exactly one hosts* file" >&2
        return 1
    fi
    printf '%s\n' -i "$(basename "${found[0]}")"
}

# run_ansible DIR OUT_PREFIX ARGS...: writes OUT.{list,graph,graphvars}{,.err,.rc}, cached.
run_ansible() {
    local dir=$1 out=$2
    shift 2
    local key=""
    if [[ -n ${INVENTORY_DIFF_CACHE:-} ]]; then
        key=$( (
            echo "$ansible_version" "$*"
            cd "$dir" && find . \( -type f -o -type l \) -print0 | LC_ALL=C sort -z |
                xargs -0 -r sh -c 'for f; do echo "$f"; if [ -L "$f" ]; then readlink "$f"; else cat "$f"; fi; done' sh
        ) | sha256sum | cut -c1-32)
        if [[ -f ${INVENTORY_DIFF_CACHE}/$key.list.rc ]]; then
            for m in list graph graphvars; do
                for ext in "" .err .rc; do cp "$INVENTORY_DIFF_CACHE/$key.$m$ext" "$out.$m$ext"; done
            done
            return 0
        fi
    fi
    # The three modes concurrently: each ansible-inventory start costs ~1 s of CPU.
    (cd "$dir" && "${ansible_env[@]}" "$ansible_inventory" "$@" --list >"$out.list" 2>"$out.list.err"; echo $? >"$out.list.rc") &
    (cd "$dir" && "${ansible_env[@]}" "$ansible_inventory" "$@" --graph >"$out.graph" 2>"$out.graph.err"; echo $? >"$out.graph.rc") &
    (cd "$dir" && "${ansible_env[@]}" "$ansible_inventory" "$@" --graph --vars >"$out.graphvars" 2>"$out.graphvars.err"; echo $? >"$out.graphvars.rc") &
    wait
    if [[ -n $key ]]; then
        mkdir -p "$INVENTORY_DIFF_CACHE"
        for m in list graph graphvars; do
            for ext in "" .err .rc; do cp "$out.$m$ext" "$INVENTORY_DIFF_CACHE/$key.$m$ext"; done
        done
    fi
}

run_scsctl() { # run_scsctl DIR OUT ARGS... : stdout to OUT, stderr to OUT.err, status to OUT.rc
    local dir=$1 out=$2
    shift 2
    (cd "$dir" && "${clean_env[@]}" "$scsctl" "$@" >"$out" 2>"$out.err")
    echo $? >"$out.rc"
}

text_compare() { # text_compare LABEL EXPECTED ACTUAL
    if python3 -c 'import sys
a = open(sys.argv[1], encoding="utf-8", errors="replace").read().rstrip("\n")
b = open(sys.argv[2], encoding="utf-8", errors="replace").read().rstrip("\n")
sys.exit(0 if a == b else 1)' "$2" "$3"; then
        pass "$1"
    else
        fail "$1"
        diff -u --label "ansible $1" --label "scsctl $1" "$2" "$3" | head -60 | sed 's/^/  /'
    fi
}

scsctl_ok() { # scsctl_ok LABEL OUT : the run must have exited 0
    if [[ $(cat "$2.rc") != 0 ]]; then
        fail "$1"
        echo "  scsctl exited $(cat "$2.rc"):"
        head -20 "$2.err" | sed 's/^/  /'
        return 1
    fi
    return 0
}

run_good_case() {
    local dir=$1 name
    name=$(basename "$dir")
    local out="$work/$name"
    mkdir -p "$out"
    local args
    mapfile -t args < <(case_args "$dir") || true
    if [[ ${#args[@]} -eq 0 ]]; then
        fail "$name: corpus"
        return
    fi

    run_ansible "$dir" "$out/ansible" "${args[@]}"
    local m
    for m in list graph graphvars; do
        if [[ $(cat "$out/ansible.$m.rc") != 0 ]]; then
            fail "$name: corpus (ansible-inventory failed on $m; fix the case)"
            head -20 "$out/ansible.$m.err" | sed 's/^/  /'
            return
        fi
    done

    # list
    run_scsctl "$dir" "$out/scsctl.list" inventory list "${args[@]}"
    if scsctl_ok "$name: list" "$out/scsctl.list"; then
        if python3 "$work/compare.py" list "$out/ansible.list" "$out/scsctl.list" >"$out/list.diff"; then
            pass "$name: list"
        else
            fail "$name: list"
            head -80 "$out/list.diff"
        fi
    fi

    # host, for every host (NAME before the sources: see the cli-form check below)
    local host host_failures=0 host_count=0
    : >"$out/host.details"
    while IFS= read -r host; do
        host_count=$((host_count + 1))
        run_scsctl "$dir" "$out/scsctl.host" inventory host "$host" "${args[@]}"
        if [[ $(cat "$out/scsctl.host.rc") != 0 ]]; then
            host_failures=$((host_failures + 1))
            if [[ $host_failures -le 3 ]]; then
                echo "  host $host: scsctl exited $(cat "$out/scsctl.host.rc")"
                head -5 "$out/scsctl.host.err" | sed 's/^/    /'
            fi >>"$out/host.details"
        elif ! python3 "$work/compare.py" host "$out/ansible.list" "$host" "$out/scsctl.host" >"$out/host.diff"; then
            host_failures=$((host_failures + 1))
            [[ $host_failures -le 3 ]] && head -40 "$out/host.diff" >>"$out/host.details"
        fi
    done < <(python3 "$work/compare.py" hosts "$out/ansible.list")
    if [[ $host_failures -eq 0 ]]; then
        pass "$name: host ($host_count hosts)"
    else
        fail "$name: host ($host_failures of $host_count hosts differ)"
        cat "$out/host.details"
    fi

    # graph and graph --vars
    run_scsctl "$dir" "$out/scsctl.graph" inventory graph "${args[@]}"
    scsctl_ok "$name: graph" "$out/scsctl.graph" && text_compare "$name: graph" "$out/ansible.graph" "$out/scsctl.graph"
    # A documented difference (docs/inventory.md) is named in the case's known-difference file.
    if [[ -f $dir/known-difference-graph-vars ]]; then
        echo "SKIP $name: graph --vars: $(head -n 1 "$dir/known-difference-graph-vars")"
        return
    fi
    run_scsctl "$dir" "$out/scsctl.graphvars" inventory graph --vars "${args[@]}"
    scsctl_ok "$name: graph --vars" "$out/scsctl.graphvars" &&
        text_compare "$name: graph --vars" "$out/ansible.graphvars" "$out/scsctl.graphvars"
}

run_bad_case() {
    local src=$1 name
    name="bad/$(basename "$src")"
    if [[ ! -f $src/expect ]]; then
        fail "$name: corpus (no expect file)"
        return
    fi
    local dir="$work/bad-$(basename "$src")"
    cp -a "$src" "$dir"
    if [[ -f $dir/chmod000 ]]; then
        if [[ $(id -u) == 0 ]]; then
            echo "SKIP $name (unreadable files cannot be tested as root)"
            return
        fi
        local p
        while IFS= read -r p; do [[ -n $p ]] && chmod 000 "$dir/$p"; done <"$dir/chmod000"
    fi
    local args
    mapfile -t args < <(case_args "$dir") || true
    run_scsctl "$dir" "$dir/.out" inventory list "${args[@]}"
    if python3 - "$dir/expect" "$dir/.out.rc" "$dir/.out.err" "$dir/" <<'PY'; then
import re, sys
expect = open(sys.argv[1], encoding="utf-8").read().splitlines()
rc = open(sys.argv[2]).read().strip()
# Paths may be printed as given or made absolute: drop the scratch case directory.
err = open(sys.argv[3], encoding="utf-8", errors="replace").read().replace(sys.argv[4], "").splitlines()
ok = True
want_rc = None
lines = []
for line in expect:
    if line.startswith("exit:"):
        want_rc = line.split(":", 1)[1].strip()
    elif line.strip() and not line.startswith("#"):
        lines.append(line)
if want_rc is not None and rc != want_rc:
    print(f"  exit status {rc}, expected {want_rc}")
    ok = False
prefix = re.compile(r"^(?:scsctl: )?(?:error|warning): ")
got = {prefix.sub("", l) for l in err} | set(err)
for line in lines:
    if line not in got:
        print(f"  missing on stderr: {line}")
        ok = False
if not ok:
    print("  stderr was:")
    for l in err[:20]:
        print("    " + l)
sys.exit(0 if ok else 1)
PY
        pass "$name"
    else
        fail "$name"
    fi
}

cases=()
if [[ $# -gt 0 ]]; then
    for c in "$@"; do cases+=("$corpus/$c"); done
else
    for d in "$corpus"/*/; do
        d=${d%/}
        [[ $(basename "$d") == bad ]] && continue
        cases+=("$d")
    done
    for d in "$corpus"/bad/*/; do cases+=("${d%/}"); done
fi

# The documented form `scsctl inventory host -i SRC NAME` (the loop above puts NAME first).
cli_form_check() {
    local dir=$corpus/kubespray
    [[ -d $dir ]] || return 0
    run_scsctl "$dir" "$work/cli-form" inventory host -i hosts.yaml node1
    if [[ $(cat "$work/cli-form.rc") == 0 ]] && grep -q access_ip "$work/cli-form"; then
        pass "cli: inventory host -i SRC NAME"
    else
        fail "cli: inventory host -i SRC NAME"
        echo "  scsctl exited $(cat "$work/cli-form.rc"): $(head -1 "$work/cli-form.err")"
    fi
}
[[ $# -eq 0 ]] && cli_form_check

for d in "${cases[@]}"; do
    if [[ ! -d $d ]]; then
        fail "$(basename "$d"): no such case"
    elif [[ $(basename "$(dirname "$d")") == bad ]]; then
        run_bad_case "$d"
    else
        run_good_case "$d"
    fi
done

echo
if [[ $failed -gt 0 ]]; then
    echo "failed checks:"
    printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
