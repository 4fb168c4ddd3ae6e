#!/usr/bin/env bash
# End-to-end checks of the secret store and redaction: secrets generate/rotate/view, wrong
# passwords, Ansible Vault and plain stores, then playbooks and ad-hoc commands that use
# the secrets (also in failing and no_log tasks) with text (-vvv), JSON, JUnit and HTML
# output; no secret value may appear in any output file, message or the journal (state.db
# and its WAL), while the secret still reaches its target. Usage: secrets_test.sh scsctl
set -u
scsctl=$(realpath "${1:?usage: secrets_test.sh path/to/scsctl}")
passed=0
failed=0
work=$(mktemp -d)
[ -n "${SECRETS_TEST_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

mkdir -p "$work/home" "$work/inv" "$work/out"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" NO_COLOR=1 ANSIBLE_HOME="$work/home/.ansible"
unset SCSCTL_VAULT_PASSWORD_FILE ANSIBLE_CONFIG SCSCTL_OUTPUT
cd "$work" || exit 1

# run NAME ARGS...: runs scsctl; stdout and stderr kept in out/NAME.{out,err}; sets $rc.
run() {
    local name=$1; shift
    "$scsctl" "$@" >"$work/out/$name.out" 2>"$work/out/$name.err"
    rc=$?
}

inv="$work/inv/hosts.yml"
store="$work/inv/.scsctl/secrets.yml"
become_pw='Become-Pw-4711-xyz'
cat >"$inv" <<EOT
all:
  hosts:
    h1:
      ansible_connection: local
    h2:
      ansible_connection: local
      ansible_become_password: "$become_pw"
EOT
printf 'the vault password\n' >"$work/vault-pass"
printf 'not it\n' >"$work/wrong-pass"
pw=(--vault-password-file "$work/vault-pass")

# --- secrets generate / view / rotate -------------------------------------------------
run gen1 -i "$inv" secrets generate
check "generate without a vault password exits 2" [ "$rc" -eq 2 ]
check "generate without a password writes nothing" [ ! -e "$store" ]
run gen2 -i "$inv" secrets generate "${pw[@]}"
check "generate exits 0" [ "$rc" -eq 0 ]
check "generate prints the names added" grep -qx keystone_admin_password "$work/out/gen2.out"
check "the store is mode 0600" [ "$(stat -c %a "$store")" = 600 ]
check "the store has scsctl's header" grep -q '^\$SCSCTL_SECRETS;1;ARGON2ID13;XSALSA20POLY1305;' "$store"
cp "$store" "$work/store.before"
run gen3 -i "$inv" secrets generate "${pw[@]}"
check "a second generate exits 0" [ "$rc" -eq 0 ]
check "a second generate adds nothing" [ ! -s "$work/out/gen3.out" ]
check "a second generate leaves the file alone" cmp -s "$store" "$work/store.before"
run wrong -i "$inv" secrets generate --vault-password-file "$work/wrong-pass"
check "a wrong vault password exits 2" [ "$rc" -eq 2 ]
check "a wrong vault password is one clear line" \
    grep -qx "scsctl: error: $store: cannot decrypt: wrong vault password, or the file was changed" "$work/out/wrong.err"
check "a wrong vault password leaves the file alone" cmp -s "$store" "$work/store.before"
run nopw -i "$inv" secrets view
check "view of an encrypted store without a password exits 2" [ "$rc" -eq 2 ]
SCSCTL_VAULT_PASSWORD_FILE="$work/vault-pass" run view -i "$inv" secrets view
check "view with SCSCTL_VAULT_PASSWORD_FILE exits 0" [ "$rc" -eq 0 ]
run one -i "$inv" secrets view database_password "${pw[@]}"
db_pw=$(cat "$work/out/one.out")
check "view NAME prints one 32-character password" grep -Eqx '[A-Za-z0-9]{32}' <<<"$db_pw"
run unknown -i "$inv" secrets rotate no_such_secret "${pw[@]}"
check "rotating an unknown name exits 2" [ "$rc" -eq 2 ]
check "rotating an unknown name lists the declared ones" grep -q "declared: .*keystone_admin_password" "$work/out/unknown.err"
old_rabbit=$("$scsctl" -i "$inv" secrets view rabbitmq_password "${pw[@]}")
run rotate -i "$inv" secrets rotate rabbitmq_password "${pw[@]}"
check "rotate exits 0" [ "$rc" -eq 0 ]
check "rotate changes the value" [ "$("$scsctl" -i "$inv" secrets view rabbitmq_password "${pw[@]}")" != "$old_rabbit" ]
check "rotate keeps the others" [ "$("$scsctl" -i "$inv" secrets view database_password "${pw[@]}")" = "$db_pw" ]

# Every value in the store (each string leaf, each line of the ssh key), and the others
# that must stay hidden: the become password, the vault password, a no_log literal, -e.
"$scsctl" -i "$inv" secrets view "${pw[@]}" >"$work/plain.yml"
python3 - "$work/plain.yml" >"$work/secret-values" <<'PY'
import sys, yaml
def leaves(v):
    if isinstance(v, dict):
        for x in v.values(): yield from leaves(x)
    elif isinstance(v, str):
        yield v
        for line in v.splitlines():
            if len(line) >= 16 and not line.startswith("-----"): yield line
for value in leaves(yaml.safe_load(open(sys.argv[1]))):
    if "\n" not in value: print(value)
PY
nolog_literal='NoLogLiteral-8675309'
inline_extra='Inline-Extra-Value-1234'
file_extra='Extra-File-Value-5678'
printf '%s\n' "$become_pw" "the vault password" "$nolog_literal" "$inline_extra" "$file_extra" >>"$work/secret-values"
check "the store holds the declared values" [ "$(wc -l <"$work/secret-values")" -ge 12 ]
check "generate and view messages never hold a value" bash -c "! grep -rqF -f '$work/secret-values' '$work/out'/gen*.* '$work/out/wrong.err' '$work/out/unknown.err' '$work/out/rotate.err'"

# --- playbooks that use the secrets ---------------------------------------------------
printf 'from_file: "%s"\n' "$file_extra" >"$work/extra.yml"
cat >"$work/site.yml" <<EOT
- hosts: all
  gather_facts: false
  tasks:
    - name: write a secret into a file
      copy:
        content: "{{ database_password }}\n"
        dest: "$work/written-{{ inventory_hostname }}.txt"
    - debug: var=keystone_admin_password
    - debug: msg="the become password is {{ ansible_become_password | default('none') }}"
    - debug: var=nova_ssh_key
    - name: a command that echoes a secret and succeeds
      command: echo "{{ keycloak_admin_password }}"
    - name: a no_log task that fails with secrets in its output
      shell: echo "{{ rabbitmq_password }} $nolog_literal"; exit 3
      no_log: true
      ignore_errors: true
    - name: a no_log loop
      command: echo "{{ item }}"
      loop: ["$nolog_literal", "{{ horizon_secret_key }}"]
      no_log: true
    - name: a command that echoes a secret and fails
      command: sh -c 'echo "{{ ceph_client_admin_key }}"; echo "{{ database_password }}" >&2; exit 1'
EOT
common=(-i "$inv" run "$work/site.yml" "${pw[@]}" -e "inline=$inline_extra" -e "@$work/extra.yml")
has_reports=0
"$scsctl" run --help | grep -q -- '--junit' && "$scsctl" run --help | grep -q -- '--report' && has_reports=1
reports=()
[ $has_reports -eq 1 ] && reports=(--junit "$work/out/run.junit.xml" --report "$work/out/run.html")
run text "${common[@]}" -vvv "${reports[@]}"
check "the text run fails (exit 1) on the failing task" [ "$rc" -eq 1 ]
check "the secret reached its target" grep -qxF "$db_pw" "$work/written-h1.txt"
check "debug of a secret shows ********" grep -q '"keystone_admin_password": "\*\*\*\*\*\*\*\*"' "$work/out/text.out"
check "the become password is shown as ********" grep -q 'the become password is \*\*\*\*\*\*\*\*' "$work/out/text.out"
check "the no_log task says its output is hidden" grep -q "no_log: true' was specified for this result" "$work/out/text.out"
check "the failing task is reported" grep -q 'fatal: \[h1\]: FAILED!' "$work/out/text.out"
run json "${common[@]}" --output json
check "the JSON run fails (exit 1)" [ "$rc" -eq 1 ]
check "the JSON run printed results" grep -q '"keystone_admin_password":"\*\*\*\*\*\*\*\*"' "$work/out/json.out"
if [ $has_reports -eq 1 ]; then
    check "the JUnit file was written" test -s "$work/out/run.junit.xml"
    check "the HTML report was written" test -s "$work/out/run.html"
fi

# --- exec: output holding a secret -----------------------------------------------------
run exec_text -i "$inv" exec all "${pw[@]}" -vv -- cat "$work/written-h1.txt"
check "exec exits 0" [ "$rc" -eq 0 ]
check "exec output shows ********" grep -q '\*\*\*\*\*\*\*\*' "$work/out/exec_text.out"
run exec_json -i "$inv" exec all "${pw[@]}" --output json -- "cat '$work/written-h1.txt'; cat '$work/written-h1.txt' >&2; exit 5"
check "exec with a failing command exits 1" [ "$rc" -eq 1 ]
check "exec JSON shows ******** in stdout and stderr" grep -q '"stderr":"\*\*\*\*\*\*\*\*\\n".*"stdout":"\*\*\*\*\*\*\*\*\\n"' "$work/out/exec_json.out"

# --- the journal: -e files by name, inline values not at all ---------------------------
db="$work/inv/.scsctl/state.db"
check "the journal exists" test -s "$db"
# python3's sqlite3 module (no sqlite3 CLI needed): the journal's command lines, and a dump.
sql() { python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
if sys.argv[2] == "dump":
    print("\n".join(db.iterdump()))
else:
    print("\n".join(str(r[0]) for r in db.execute(sys.argv[2])))' "$@"; }
lines=$(sql "$db" "select command_line from runs where kind = 'run'")
check "the journal records the -e file's name" grep -qF "@$work/extra.yml" <<<"$lines"
check "the journal omits inline -e values" bash -c "! grep -qF '$inline_extra' <<<'$lines'"
check "the journal says <omitted>" grep -qF "<omitted>" <<<"$lines"

# --- an Ansible Vault store ------------------------------------------------------------
if command -v ansible-vault >/dev/null 2>&1; then
    vault_value='Vault-Stored-Secret-31337'
    printf 'database_password: "%s"\n' "$vault_value" >"$work/vault.yml"
    ansible-vault encrypt --vault-password-file "$work/vault-pass" "$work/vault.yml" >/dev/null 2>&1
    check "ansible-vault wrote a vault file" grep -q '^\$ANSIBLE_VAULT;1.1;AES256' "$work/vault.yml"
    echo "$vault_value" >>"$work/secret-values"
    cat >"$work/vault-site.yml" <<EOT
- hosts: h1
  gather_facts: false
  tasks:
    - copy: content="{{ database_password }}" dest="$work/from-vault.txt"
    - debug: var=database_password
    - command: echo "{{ database_password }}"
EOT
    run vault -i "$inv" run "$work/vault-site.yml" --secrets "$work/vault.yml" "${pw[@]}" -v
    check "a run with an Ansible Vault store exits 0" [ "$rc" -eq 0 ]
    check "the vault's secret reached its target" grep -qxF "$vault_value" "$work/from-vault.txt"
    cp "$work/vault.yml" "$work/vault.before"
    run vault_gen -i "$inv" secrets generate --secrets "$work/vault.yml" "${pw[@]}"
    check "generate refuses to rewrite an Ansible Vault file (exit 2)" [ "$rc" -eq 2 ]
    check "the Ansible Vault file is untouched" cmp -s "$work/vault.yml" "$work/vault.before"
    run vault_wrong -i "$inv" run "$work/vault-site.yml" --secrets "$work/vault.yml" --vault-password-file "$work/wrong-pass"
    check "a wrong password for the vault exits 2 before running" [ "$rc" -eq 2 ]
    check "nothing ran with the wrong password" bash -c "! grep -q TASK '$work/out/vault_wrong.out'"
fi

# --- a plain (unencrypted) store --------------------------------------------------------
printf 'database_password: "Plain-Store-Value-2718"\n' >"$work/plain-store.yml"
echo "Plain-Store-Value-2718" >>"$work/secret-values"
run plain -i "$inv" run "$work/vault-site.yml" --secrets "$work/plain-store.yml"
check "a plain store works without a password" [ "$rc" -eq 0 ]
check "a plain store is warned about" grep -q "not encrypted" "$work/out/plain.err"
run plain_gen -i "$inv" secrets generate --secrets "$work/plain-store.yml" "${pw[@]}"
check "generate encrypts a plain store" grep -q '^\$SCSCTL_SECRETS;' "$work/plain-store.yml"
check "generate kept the plain store's value" \
    [ "$("$scsctl" -i "$inv" secrets view database_password --secrets "$work/plain-store.yml" "${pw[@]}")" = "Plain-Store-Value-2718" ]

# --- the proof: no value anywhere --------------------------------------------------------
sleep 0.2 # the journal's writer commits within ~50 ms
outputs=("$work"/out/*)
check "the search finds a value where it is shown on purpose (secrets view)" grep -qF "$db_pw" "$work/out/view.out"
check "output files to search exist" [ "${#outputs[@]}" -ge 10 ]
while IFS= read -r value; do
    [ -n "$value" ] || continue
    for file in "${outputs[@]}" "$db" "$db-wal"; do
        [ -e "$file" ] || continue
        [ "${file##*/}" = one.out ] || [ "${file##*/}" = view.out ] && continue # view prints values on purpose
        if grep -aqF -- "$value" "$file"; then
            fail "a secret value appears in ${file#$work/}"
        else
            ok
        fi
    done
done <"$work/secret-values"
# The journal's tables, dumped as text (catches values split across pages in the files).
sql "$db" dump >"$work/dump.sql"
check "the journal dump has the runs' rows" grep -q "INSERT INTO \"task_results\"" "$work/dump.sql"
check "the journal dump holds no secret" bash -c "! grep -qF -f '$work/secret-values' '$work/dump.sql'"

echo "secrets_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
