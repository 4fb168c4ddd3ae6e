#!/usr/bin/env bash
# End-to-end checks of `scsctl scs flavor-name` and `flavor-name generate`: verdict lines and
# exit codes, names read from stdin exactly as written (spaces, empty lines, CRLF, NUL), the
# JSON output against tests/schemas/scs-flavor-name.schema.json (python3-jsonschema), the
# 400-digit RAM figure the reference checker crashes on, and generate from options and from
# flavor-name's own JSON. Usage: scs_flavor_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: scs_flavor_test.sh path/to/scsctl}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
schema="$root/tests/schemas/scs-flavor-name.schema.json"
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
# same NAME GOT WANT: string equality, showing both on failure
same() { if [ "$2" = "$3" ]; then ok; else fail "$1"; printf '  got:  %q\n  want: %q\n' "$2" "$3" >&2; fi; }

if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "scs_flavor_test: python3 cannot import jsonschema (Debian: python3-jsonschema)" >&2
    exit 1
fi
export HOME="$work" XDG_CONFIG_HOME="$work/xdg" NO_COLOR=1
unset SCSCTL_OUTPUT
cd "$work" || exit 1

# run ARGS... [< input]: sets $out, $err and $rc
run() { out=$("$scsctl" "$@" 2>"$work/stderr"); rc=$?; err=$(cat "$work/stderr"); }
# valid_json FILE: the output validates against the schema
valid_json() {
    python3 - "$schema" "$1" <<'PY'
import json, sys, jsonschema
validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
data = json.load(open(sys.argv[2], encoding="utf-8"))
errors = list(validator.iter_errors(data))
assert not errors, f"{errors[0].json_path}: {errors[0].message}"
PY
}

# names as arguments: one line each, exit 0 unless one fails
run scs flavor-name SCS-2V-4 SCS-2V:4 m1.small
same "three verdict lines" "$out" "PASS           SCS-2V-4
PASS-tolerated SCS-2V:4 (v1 syntax; v3: SCS-2V-4)
ignored        m1.small"
same "no failure exits 0" "$rc" 0
run scs flavor-name SCS-2V-4 SCS-2V-4-3x-
same "a failing name exits 1" "$rc" 1
same "the reason follows the name" "$(tail -1 <<<"$out")" "FAIL           SCS-2V-4-3x-: Extra characters: -"
run scs flavor-name ""
same "an empty name is shown quoted and ignored" "$out" "ignored        ''"
same "an ignored name exits 0" "$rc" 0

# usage errors: exit 2, one line
run scs flavor-name
same "no names exits 2" "$rc" 2
check "no names says so" grep -q "no names" <<<"$err"
run scs flavor-name - SCS-2V-4
same "'-' with names exits 2" "$rc" 2
same "'-' with names is one line" "$(wc -l <<<"$err")" 1

# the reference checker crashes on a 400-digit RAM figure; scsctl fails the name
ram400=$(printf '1%.0s' $(seq 400))
run scs flavor-name --json "SCS-2V-$ram400"
same "400-digit RAM exits 1" "$rc" 1
same "400-digit RAM reason" "$(jq -r '.[0].reason' <<<"$out")" "ram can not be set to inf; too large"

# stdin: every line a name, kept exactly (spaces, empty lines, CR); no final newline needed
printf 'SCS-2V-4\n\n SCS-2V-4\nSCS-2V-4 \nSCS-2V-4\r\nSCS-2V:4\nm1.small' >"$work/names"
run scs flavor-name --json - <"$work/names"
same "stdin exits 1 (two fail)" "$rc" 1
same "one entry per line, in order" "$(jq -c '[.[].name]' <<<"$out")" \
    '["SCS-2V-4",""," SCS-2V-4","SCS-2V-4 ","SCS-2V-4\r","SCS-2V:4","m1.small"]'
same "stdin verdicts" "$(jq -c '[.[].verdict]' <<<"$out")" \
    '["PASS","ignored","ignored","FAIL","FAIL","PASS-tolerated","ignored"]'
same "a trailing space is part of the name" "$(jq -r '.[3].reason' <<<"$out")" "Extra characters:  "
same "CR is part of the name" "$(jq -c '.[4].reason' <<<"$out")" '"Extra characters: \r"'
printf '%s\n' "$out" >"$work/stdin.json"
check "stdin JSON validates" valid_json "$work/stdin.json"
run scs flavor-name - <"$work/names"
same "text output quotes names with spaces and CR" "$(sed -n '3,5p' <<<"$out")" "ignored        ' SCS-2V-4'
FAIL           'SCS-2V-4 ': Extra characters:  
FAIL           'SCS-2V-4\r': Extra characters: \r"
printf 'SCS-2V-4\r\nSCS-1L-1\r\n' | { run scs flavor-name --output json -; printf '%s' "$out" >"$work/crlf.json"; }
same "CRLF files: every name keeps its CR" "$(jq -c '[.[].verdict]' "$work/crlf.json")" '["FAIL","FAIL"]'
run scs flavor-name --json - </dev/null
same "empty stdin: no names" "$out" "[]"
same "empty stdin exits 0" "$rc" 0
printf '\n' | { run scs flavor-name --json -; printf '%s' "$out" >"$work/one.json"; }
same "one newline: one empty name" "$(jq -c '[.[].name]' "$work/one.json")" '[""]'
printf 'SCS-2V-4\0x\nSCS-2V-4\n' | { run scs flavor-name --json -; printf '%s' "$out" >"$work/nul.json"; }
same "NUL stays in the name" "$(jq -c '.[0].reason' "$work/nul.json")" '"Extra characters: \u0000x"'
same "the line after the NUL" "$(jq -r '.[1].verdict' "$work/nul.json")" "PASS"

# JSON of many kinds of names against the schema
run scs flavor-name --json SCS-2C-4-10n SCS-16T-64-200s_bms_hwv_z4h_GNa-64h-48h_ib SCS-4C:16:2x200p-a1 \
    SCS-2C-4- SCS-2C-4-3x SCS-1V-0.5 "SCS-$(printf '7%.0s' $(seq 30))V-4" SCS-2V-4_GNa_ib SCS-0V-4 scs-2v-4 ""
printf '%s\n' "$out" >"$work/mix.json"
check "mixed JSON validates" valid_json "$work/mix.json"
same "one entry per name" "$(jq length "$work/mix.json")" 11
same "huge integers are digit strings" "$(jq -r '.[6].cpus | type' "$work/mix.json")" string
same "fields of a full name" "$(jq -c '.[1] | [.cpus, .cpu_type, .ram_gib, .disk_gb, .disk_count, .disk_type,
    .hypervisor, .hardware_virt, .cpu_brand.vendor, .cpu_brand.generation, .gpu.compute_units, .gpu.vram_gib,
    .infiniband]' "$work/mix.json")" '[16,"dedicated-thread",64,200,1,"ssd","bms",true,"amd",4,64,48,true]'
same "fractional RAM is a number" "$(jq -c '.[5].ram_gib' "$work/mix.json")" 0.5
run --output json scs flavor-name SCS-2V-4
same "--output json is --json" "$(jq -r '.[0].canonical' <<<"$out")" SCS-2V-4

# generate: options, JSON, and flavor-name's own JSON read back
run scs flavor-name generate --cpus 4 --cpu-type dedicated-core --ram 16 --disk-gb 200 --disk-count 2 \
    --disk-type nvme --cpu-vendor arm --cpu-generation 1
same "generate from options" "$out" "SCS-4C-16-2x200p_a1
scs:cpu-type=dedicated-core
scs:disk0-type=nvme
scs:disk1-type=nvme
scs:name-v1=SCS-4C:16:2x200p-a1
scs:name-v2=SCS-4C-16-2x200p_a1
scs:name-v3=SCS-4C:16:2x200p-a
scs:name-v4=SCS-4C-16-2x200p_a"
same "generate exits 0" "$rc" 0
run scs flavor-name generate --json --cpus 1 --cpu-type L --ram 1
same "generate --json" "$(jq -c . <<<"$out")" \
    '{"name":"SCS-1L-1","extra_specs":{"scs:cpu-type":"crowded-core","scs:name-v1":"SCS-1L:1","scs:name-v2":"SCS-1L-1"}}'
names=(SCS-2C-4-10n SCS-16T-64-200s_bms_hwv_z4h_GNa-64h-48h_ib SCS-2C:4:3x SCS-2V-4_i0 SCS-02V-4.0 bad SCS-0V-4)
run scs flavor-name --json "${names[@]}"
printf '%s\n' "$out" >"$work/names.json"
run scs flavor-name generate --from-json "$work/names.json" --json
same "generate --from-json exits 0" "$rc" 0
same "generate gives the canonical names" "$(jq -c '[.[].name]' <<<"$out")" \
    '["SCS-2C-4-10n","SCS-16T-64-200s_bms_hwv_z4h_GNa-64h-48h_ib","SCS-2C-4-3x","SCS-2V-4_i","SCS-2V-4"]'
same "...the same as flavor-name's canonical" "$(jq -c '[.[].name]' <<<"$out")" \
    "$(jq -c '[.[] | select(.canonical) | .canonical]' "$work/names.json")"
run scs flavor-name generate --cpus 2 --cpu-type V --ram 0.3
same "fields that make a failing name exit 2" "$rc" 2
same "...with the name and reason" "$err" \
    "scsctl: error: SCS-2V-0.3: ram can not be set to 0.3; must be positive multiple of 0.5"
printf '[{"cpus": 2, "cpu_type": "V", "ram_gib": 4},\n {"cpus": 2, "cpu_typ": "V"}]' >"$work/bad.json"
run scs flavor-name generate --from-json "$work/bad.json"
same "a bad entry exits 2" "$rc" 2
same "...naming the entry and field" "$err" "scsctl: error: entry 2: cpu_typ: unknown field (did you mean 'cpu_type'?)"
printf '{"cpus": 2,\n "cpu_type": }' >"$work/broken.json"
run scs flavor-name generate --from-json "$work/broken.json"
same "invalid JSON exits 2" "$rc" 2
check "invalid JSON is located" grep -q "^scsctl: error: $work/broken.json:2:14: invalid JSON" <<<"$err"
run scs flavor-name generate
same "generate without fields exits 2" "$rc" 2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
