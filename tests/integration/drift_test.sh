#!/usr/bin/env bash
# End-to-end checks of `scsctl drift` over a real sshd (tests/integration/lib/sshd.sh),
# with test layer playbooks written here (kvm: a copied file, a templated file holding a
# secret, a shell task; ceph: never deployed): before any deploy every layer is skipped;
# after a deploy no drift (exit 0, nothing changed on the hosts); a managed file changed
# on a host is drift (exit 1) naming host, task and diff, and stays changed; JSON Lines
# (valid against the schema, one recap last) and JUnit (valid against junit.xsd); the
# secret never in the text, JSON, JUnit or journal; the drift run is kind `drift` and not
# a deployment for `status`; a redeploy ends the drift; changed playbooks are noted;
# --limit, an unreachable host (exit 3), an unknown layer (exit 2), a held lock (a warning),
# a no_log task's change listed without its diff.
# Usage: drift_test.sh path/to/scsctl   (exit 77: skipped without root or sshd)
set -u
scsctl=$(realpath "${1:?usage: drift_test.sh path/to/scsctl}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/integration/lib/checks.sh
source "$root/tests/integration/lib/checks.sh"
# shellcheck source=tests/integration/lib/sshd.sh
source "$root/tests/integration/lib/sshd.sh"
if ! sshd_available; then
    echo "SKIP: needs root and /usr/sbin/sshd" >&2
    exit 77
fi
# run ARGS...: runs scsctl, sets $out, $err and $rc.
run() { out=$("$scsctl" "$@" 2>"$work/stderr"); rc=$?; err=$(cat "$work/stderr"); }
valid_junit() { xmllint --noout --schema "$root/tests/schemas/junit.xsd" "$1" 2>"$work/xmllint.err" || { cat "$work/xmllint.err" >&2; return 1; }; }
valid_events() {
    python3 - "$root/docs/json-events.schema.json" <<<"$1" <<'PY' 2>&1 >/dev/null
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
for line in sys.stdin:
    jsonschema.validate(json.loads(line), schema)
PY
}

# has TEXT PATTERN...: every grep pattern matches a line of TEXT.
has() { local text=$1 pattern; shift; for pattern in "$@"; do grep -q -- "$pattern" <<<"$text" || return 1; done; }

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" NO_COLOR=1
unset ANSIBLE_CONFIG SCSCTL_FORKS SCSCTL_OUTPUT SCSCTL_COLOR SCSCTL_TIMEOUT SCSCTL_REMOTE_USER SCSCTL_LAYER_PLAYBOOKS
unset SCSCTL_VAULT_PASSWORD_FILE
sshd_start 127.0.10.1 127.0.10.2 || exit 1
mkdir -p "$work/home" "$work/inv" "$work/hosts" "$work/pb/kvm/templates" "$work/pb/ceph"
chmod 777 "$work/hosts"
cd "$work" || exit 1
hosts_dir="$work/hosts" # the test hosts all write here, each its own files
secret='drift-S3cret-4711'
printf 'db_password: "%s"\n' "$secret" >secrets.yml

cat >inv/hosts.yml <<YML
all:
  vars:
    ansible_port: $sshd_port
    ansible_user: $sshd_user
    ansible_ssh_private_key_file: $work/id_ed25519
    scsctl_known_hosts: $work/known_hosts
    drift_dir: $hosts_dir
  hosts:
    h1: {ansible_host: 127.0.10.1}
    h2: {ansible_host: 127.0.10.2}
  children:
    kvm: {hosts: {h1: {}, h2: {}}}
    ceph_osd: {hosts: {h2: {}}}
YML
cat >pb/kvm/deploy.yml <<'YML'
- name: Deploy kvm
  hosts: kvm
  gather_facts: false
  tasks:
    - name: write libvirt config
      copy:
        content: "kvm on {{ inventory_hostname }}\n"
        dest: "{{ drift_dir }}/{{ inventory_hostname }}-kvm.conf"
    - name: write credentials
      template:
        src: creds.j2
        dest: "{{ drift_dir }}/{{ inventory_hostname }}-creds.conf"
        mode: "0600"
    - name: write token
      copy:
        content: "token={{ inventory_hostname }}-t0ken\n"
        dest: "{{ drift_dir }}/{{ inventory_hostname }}-token"
      no_log: true
    - name: record deploy
      shell: echo deployed >> {{ drift_dir }}/{{ inventory_hostname }}-kvm.log
YML
printf 'user=admin\npassword={{ db_password }}\n' >pb/kvm/templates/creds.j2
cat >pb/ceph/deploy.yml <<'YML'
- name: Deploy ceph
  hosts: ceph_osd
  gather_facts: false
  tasks:
    - name: write osd config
      copy:
        content: "osd on {{ inventory_hostname }}\n"
        dest: "{{ drift_dir }}/{{ inventory_hostname }}-ceph.conf"
YML
common=(--playbook-dir "$work/pb" --secrets "$work/secrets.yml")

# nothing deployed yet: every selected layer is skipped, nothing runs
run -i inv drift "${common[@]}" --layers kvm,ceph
check "drift before any deploy exits 0" [ "$rc" -eq 0 ]
check "and reports both layers not deployed" \
    [ "$(grep -c '^DRIFT \[[a-z]*\] not deployed (per the journal): skipped$' <<<"$out")" -eq 2 ]
check "nothing ran on the hosts" [ -z "$(ls "$hosts_dir")" ]

run -i inv deploy --gate reachable "${common[@]}" --layers kvm
check "deploy kvm exits 0" [ "$rc" -eq 0 ]
check "the deploy wrote the files" [ "$(cat hosts/h1-kvm.conf)" = "kvm on h1" ]

# deployed and untouched: no drift
run -i inv drift "${common[@]}" --layers kvm,ceph
check "drift right after the deploy exits 0" [ "$rc" -eq 0 ]
check "it names the last deploy" grep -q '^DRIFT \[kvm 0.1.0\] last deployed by run 1 (version 0.1.0, ' <<<"$out"
check "both hosts without drift" [ "$(grep -Ec '^  h[12]: no drift$' <<<"$out")" -eq 2 ]
check "ceph, never deployed, is skipped" grep -q '^DRIFT \[ceph\] not deployed' <<<"$out"
check "and says so on stderr" grep -q 'layer ceph was never deployed (per .*state.db): skipped' <<<"$err"
check "no input changed: no note" [ "$(grep -c 'note:' <<<"$out")" -eq 0 ]
check "the summary line" grep -q '^drift: 0 hosts drifted, 2 without drift, 0 unreachable, 0 not checked (a task failed); 1 layer not deployed' <<<"$out"
check "the shell task did not run in check mode" [ "$(wc -l <hosts/h1-kvm.log)" -eq 1 ]
check "ceph's file was not written" [ ! -e hosts/h2-ceph.conf ]

# a managed file changed on h1, the secret file on h2: drift, nothing changed back
echo "tampered" >hosts/h1-kvm.conf
printf 'user=admin\npassword=old\n' >hosts/h2-creds.conf
run -i inv drift "${common[@]}" --layers kvm
check "drift after a change on a host exits 1" [ "$rc" -eq 1 ]
check "it names the host and the number of tasks" grep -q '^  h1: drifted, 1 task would change$' <<<"$out"
check "it names the task and module" grep -q '^    ~ write libvirt config (copy)$' <<<"$out"
check "it shows the diff" has "$out" '^      -tampered$' '^      +kvm on h1$'
check "h2's templated file drifted too" grep -q '^    ~ write credentials (template)$' <<<"$out"
check "its diff shows the secret redacted" grep -q '^      +password=\*\*\*\*\*\*\*\*$' <<<"$out"
check "the changed files are still changed" has "$(cat hosts/h1-kvm.conf hosts/h2-creds.conf)" '^tampered$' '^password=old$'
check "the secret is not in the text output" [ "$(grep -c "$secret" <<<"$out$err")" -eq 0 ]

run -i inv drift "${common[@]}" --layers kvm,ceph --output json --junit drift.xml
check "drift --output json exits 1" [ "$rc" -eq 1 ]
check "every line is an event valid against the schema" valid_events "$out"
check "there is one recap" [ "$(grep -c '"event":"recap"' <<<"$out")" -eq 1 ]
check "and it is the last line" has "$(tail -n 1 <<<"$out")" '"event":"recap"'
check "the run's events are there, in check mode" grep -q '"event":"play_start".*"check_mode":true' <<<"$out"
layer_json=$(grep '"event":"drift_layer"' <<<"$out" | jq -c 'select(.layer=="kvm")')
check "a drift_layer event for kvm names h1's task and diff" \
    [ "$(jq -r '.hosts[] | select(.host=="h1") | .status + " " + .tasks[0].task' <<<"$layer_json")" = "drifted write libvirt config" ]
check "with the diff" grep -q '+kvm on h1' <<<"$(jq -r '.hosts[0].tasks[0].diff' <<<"$layer_json")"
check "and the inputs unchanged" [ "$(jq -c '[.inventory_changed, .playbooks_changed, .last_deploy.run]' <<<"$layer_json")" = '[false,false,1]' ]
check "ceph's event says not deployed" \
    [ "$(grep '"event":"drift_layer"' <<<"$out" | jq -c 'select(.layer=="ceph") | [.deployed, .hosts]')" = '[false,[]]' ]
check "the JUnit file is valid" valid_junit drift.xml
check "the JUnit file has the drift as a failure" grep -q '<failure message="1 task(s) would change" type="drift">' drift.xml
check "and ceph skipped" grep -q '<testcase name="\[ceph\] not deployed"' drift.xml
check "the secret is not in the JSON" [ "$(grep -c "$secret" <<<"$out$err")" -eq 0 ]
check "nor in the JUnit file" [ "$(grep -c "$secret" drift.xml)" -eq 0 ]
check "nor anywhere in the journal" [ -z "$(grep -rl "$secret" inv/.scsctl)" ]
check "the drift runs recorded their task results" \
    [ "$(sqlite3 inv/.scsctl/state.db "select count(*) from task_results join runs on runs.id = run_id where kind = 'drift'")" -gt 0 ]

# the journal: drift runs are kind drift; status still shows the deploy
run -i inv runs --output json
check "the drift runs are in the journal as kind drift" \
    [ "$(jq -c '[.[] | .kind] | sort | unique' <<<"$out")" = '["deploy","drift"]' ]
check "a drift run that found drift ended with exit code 1" \
    [ "$(jq -c '[.[] | select(.kind=="drift") | .exit_code] | sort' <<<"$out")" = '[0,1,1]' ]
run -i inv status --layers kvm --output json
check "status still shows deploy run 1" [ "$(jq -c '[.[] | .run] | unique' <<<"$out")" = '[1]' ]

# --limit: only h2 is checked
run -i inv drift "${common[@]}" --layers kvm --limit h2
check "drift --limit h2 exits 1 (h2 drifted)" [ "$rc" -eq 1 ]
check "and reports only h2" [ "$(grep -Ec '^  h[12]:' <<<"$out")" -eq 1 ]
check "as drifted" has "$out" '^  h2: drifted'

# a redeploy puts the hosts back in line
run -i inv deploy --gate reachable "${common[@]}" --layers kvm
check "the redeploy exits 0" [ "$rc" -eq 0 ]
run -i inv drift "${common[@]}" --layers kvm
check "drift after the redeploy exits 0" [ "$rc" -eq 0 ]
check "it names the new deploy run" grep -q 'last deployed by run 6 ' <<<"$out"

# the playbooks changed since the deploy: said, since a difference may be the new intent
printf '# a comment\n' >>pb/kvm/deploy.yml
run -i inv drift "${common[@]}" --layers kvm --output json
check "changed playbooks alone are no drift (exit 0)" [ "$rc" -eq 0 ]
check "but the event says they changed" \
    [ "$(grep '"event":"drift_layer"' <<<"$out" | jq -c '[.playbooks_changed, .inventory_changed]')" = '[true,false]' ]
run -i inv drift "${common[@]}" --layers kvm
check "the text says so" grep -q "note: the layer's playbooks have changed since that deploy" <<<"$out"

# an unreachable host (and no drift elsewhere): exit 3
sed "s/h2: {ansible_host: 127.0.10.2}/h2: {ansible_host: 127.0.10.2, ansible_port: 1}/" inv/hosts.yml >unreach.yml
run -i unreach.yml drift "${common[@]}" --layers kvm --state inv/.scsctl/state.db
check "an unreachable host without drift elsewhere exits 3" [ "$rc" -eq 3 ]
check "naming it unreachable" grep -q '^  h2: unreachable: ' <<<"$out"
check "and h1 in line" grep -q '^  h1: no drift$' <<<"$out"

# usage errors, and the lock: drift takes none, but says when a run or operator holds it
run -i inv drift "${common[@]}" --layers kvm,nope
check "an unknown layer exits 2" [ "$rc" -eq 2 ]
check "naming it" has "$err" "unknown layer 'nope'"
run -i inv drift "${common[@]}" --junit "$work/missing/drift.xml"
check "an unwritable --junit exits 2" [ "$rc" -eq 2 ]
run -i inv lock --reason "maintenance"
run -i inv drift "${common[@]}" --layers kvm
check "drift runs while the inventory is locked" [ "$rc" -eq 0 ]
check "and warns who holds the lock" grep -q 'the inventory is locked by .*maintenance.*may show as drift' <<<"$err"
run -i inv unlock

# a no_log task that would change: listed, its diff hidden
echo "token=stolen" >hosts/h1-token
run -i inv drift "${common[@]}" --layers kvm
check "a changed file of a no_log task is drift (exit 1)" [ "$rc" -eq 1 ]
check "listed with its diff hidden" has "$out" '^    ~ write token (copy) (no_log: diff hidden)$'
check "without its content" [ "$(grep -c 't0ken\|stolen' <<<"$out")" -eq 0 ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
