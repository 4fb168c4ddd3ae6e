#!/usr/bin/env bash
# The ovn layer with three centrals, for real on a 3-host lab (full base image):
#   deploy with one central, a logical switch made    exit 0
#   deploy with all three in ovn_central               the standalone databases become a
#                                                      RAFT cluster (the switch survives),
#                                                      every chassis gets all three remotes
#   health                                             ovn-raft and ovn-chassis pass everywhere
#   deploy again                                       changed=0; drift finds nothing,
#                                                      then lab2's edited cluster options
#   the leader's databases stopped                     health fails there only; the others
#                                                      elect a leader, take writes, and
#                                                      ovn-northd carries them to the SB
#   deploy again                                       the stopped member is back: 3 of 3
#   upgrade ovn --restart --serial 1                   every central restarted one by one,
#                                                      the health gate (ovn-raft 3 of 3)
#                                                      between them; backups of both databases
#   restore ovn --from the restart's backup            refused without the flag or a directory;
#                                                      then a switch made after the backup is
#                                                      gone on every member, health passes
#   destroy ovn                                        databases and cluster options gone
#   lab down                                           nothing left
# usage: tests/integration/ovn_cluster_test.sh SCSCTL_BINARY. Needs root (exit 77 otherwise).
suite=ovn_cluster_test
# shellcheck source=tests/integration/lib/lab_suite.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/lab_suite.sh"
# on NAME HOSTS COMMAND: runs COMMAND on HOSTS; "host stdout" lines (sorted) on stdout.
on() {
    run "$1" exec -i "$cluster" "${state[@]}" "$2" --output json -- "$3"
    jq -r 'select(.event == "command_result") | "\(.host) \(.stdout | rtrimstr("\n"))"' "$work/$1.out" | sort
}
health_of() { # NAME CHECK → "host:status" words, sorted
    jq -r --arg c "$2" '[.layers[].results[] | select(.check == $c) | "\(.host):\(.status)"] | sort | join(" ")' "$work/$1.out"
}
run lab-up lab up --dir "$lab" --hosts 3
check "lab up exits 0" [ "$rc" -eq 0 ]
single=$lab/inventory.yml
cluster=$lab/cluster.yml
awk '{print} /^    ovn_central:$/ {group = 1} group && /^        lab1:$/ {print "        lab2:"; print "        lab3:"; group = 0}' \
    "$single" >"$cluster"
check "the cluster inventory has three centrals" \
    [ "$(sed -n '/^    ovn_central:/,/^    ovn_controller:/p' "$cluster" | grep -c '^        lab')" -eq 3 ]
state=(--state "$work/state.db")
run secrets secrets generate -i "$cluster"

run deploy-single deploy -i "$single" "${state[@]}" --layers ovn --output json
check "the single-central deploy exits 0" [ "$rc" -eq 0 ]
run switch exec -i "$single" "${state[@]}" lab1 -- ovn-nbctl ls-add scsctl-sw0
check "a logical switch was made on the standalone central" [ "$rc" -eq 0 ]

run deploy-cluster deploy -i "$cluster" "${state[@]}" --layers ovn --output json
check "the three-central deploy exits 0" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || tail -n 30 "$work/deploy-cluster.err" >&2
check "every central's databases are clustered" [ "$(on clustered ovn_central \
    'ovsdb-tool db-is-clustered /var/lib/ovn/ovnnb_db.db && ovsdb-tool db-is-clustered /var/lib/ovn/ovnsb_db.db && echo yes' |
    tr '\n' ,)" = "lab1 yes,lab2 yes,lab3 yes," ]
check "the switch made before survived the conversion, on every member" [ "$(on switches ovn_central \
    'ovn-nbctl --no-leader-only ls-list | grep -c scsctl-sw0' | tr '\n' ,)" = "lab1 1,lab2 1,lab3 1," ]
remotes=$(on remotes lab2 'ovs-vsctl get open . external_ids:ovn-remote' | cut -d' ' -f2 | tr -d '"')
check "a chassis knows all three southbound remotes ($remotes)" [ "$(tr ',' '\n' <<<"$remotes" | grep -c ':6642$')" -eq 3 ]

run health1 health -i "$cluster" --layers ovn --output json
check "health passes" [ "$rc" -eq 0 ]
check "ovn-raft passes on every central" [ "$(health_of health1 ovn-raft)" = "lab1:pass lab2:pass lab3:pass" ]
check "ovn-raft sees 3 of 3 servers" [ "$(jq '[.layers[].results[] | select(.check == "ovn-raft") | .detail | test("3 of 3 servers$")] | all' "$work/health1.out")" = true ]
check "ovn-chassis passes on every central" [ "$(health_of health1 ovn-chassis)" = "lab1:pass lab2:pass lab3:pass" ]

run deploy-again deploy -i "$cluster" "${state[@]}" --layers ovn --output json
check "a second deploy exits 0" [ "$rc" -eq 0 ]
check "a second deploy changes nothing" [ "$(recap_changed deploy-again)" -eq 0 ]
run drift-none drift -i "$cluster" "${state[@]}" --layers ovn
check "drift finds nothing after the deploy" [ "$rc" -eq 0 ]
on tamper lab2 "sed -i 's/--db-nb-addr=/--db-nb-addr=0.0.0.0 --x=/' /etc/default/ovn-central" >/dev/null
run drift-one drift -i "$cluster" "${state[@]}" --layers ovn
check "drift finds lab2's edited cluster options (exit 1)" [ "$rc" -eq 1 ]
check "…naming lab2 and the file" bash -c "grep -q 'lab2: drifted' '$work/drift-one.out' && grep -q '/etc/default/ovn-central' '$work/drift-one.out' && ! grep -qE 'lab[13]: drifted' '$work/drift-one.out'"

# The northbound leader fails: the other two elect one and keep working.
leader=$(on roles ovn_central 'ovs-appctl -t /var/run/ovn/ovnnb_db.ctl cluster/status OVN_Northbound | sed -n "s/^Role: //p"' |
    awk '$2 == "leader" {print $1}')
check "one central leads the northbound database ($leader)" [ -n "$leader" ]
on stop "$leader" 'systemctl stop ovn-northd ovn-ovsdb-server-nb ovn-ovsdb-server-sb && echo stopped' >/dev/null
survivors=$(printf 'lab1\nlab2\nlab3\n' | grep -vx "$leader" | paste -sd,)
for _ in $(seq 20); do
    run health2 health -i "$cluster" --layers ovn --output json
    [ "$(health_of health2 ovn-raft | grep -o ':pass' | wc -l)" -eq 2 ] && break
    sleep 1
done
check "health fails while a central is down" [ "$rc" -ne 0 ]
check "ovn-raft fails on the stopped central only" \
    [ "$(health_of health2 ovn-raft | tr ' ' '\n' | grep -c ":fail")" -eq 1 ] && check "…and it is $leader" grep -q "$leader:fail" <<<"$(health_of health2 ovn-raft)"
nb_remote=$(tr ',' '\n' <<<"$remotes" | sed 's/:6642$/:6641/' | paste -sd,)
run write exec -i "$cluster" "${state[@]}" "${survivors%%,*}" -- ovn-nbctl --timeout=20 --db="$nb_remote" ls-add scsctl-sw1
check "the cluster takes a write without its old leader" [ "$rc" -eq 0 ]
for _ in $(seq 60); do
    seen=$(on seen "${survivors%%,*}" 'ovn-sbctl --no-leader-only --bare --columns=external_ids find Datapath_Binding | grep -c scsctl-sw1')
    [ "${seen##* }" = 1 ] && break
    sleep 1
done
check "a surviving ovn-northd carried the new switch into the southbound database" [ "${seen##* }" = 1 ]

# A deploy brings the stopped member back (its wait starts units that are not running).
run heal deploy -i "$cluster" "${state[@]}" --layers ovn --output json
check "a deploy brings the stopped central back" [ "$rc" -eq 0 ]
run health-healed health -i "$cluster" --layers ovn --output json
check "ovn-raft passes on every central after the deploy" [ "$(health_of health-healed ovn-raft)" = "lab1:pass lab2:pass lab3:pass" ]

run restart upgrade ovn -i "$cluster" "${state[@]}" --restart --serial 1 --backup-dir "$work/backups" --output json
check "the rolling restart exits 0" [ "$rc" -eq 0 ]
check "the health gate passed after each central's restart" [ "$(grep -c 'health gate passed after' "$work/restart.err")" -ge 3 ]
[ "$rc" -eq 0 ] || tail -n 30 "$work/restart.err" >&2
check "the backup holds both databases of every central" \
    [ "$(find "$work/backups/ovn" -name 'ovn[ns]b_db.db' -size +0 | wc -l)" -eq 6 ]
run health3 health -i "$cluster" --layers ovn --output json
check "health passes after the restart" [ "$rc" -eq 0 ]
check "ovn-raft passes on every central again" [ "$(health_of health3 ovn-raft)" = "lab1:pass lab2:pass lab3:pass" ]
check "both switches are there" [ "$(on switches2 lab3 'ovn-nbctl --no-leader-only ls-list | grep -c scsctl-sw')" = "lab3 2" ]

# restore: the backup the restart took becomes the cluster's state again.
backup=$(find "$work/backups/ovn" -mindepth 1 -maxdepth 1 -type d | head -n 1)
run late-switch exec -i "$cluster" "${state[@]}" lab1 -- ovn-nbctl --timeout=20 --db="$nb_remote" ls-add scsctl-late
run restore-refused restore ovn -i "$cluster" "${state[@]}" --from "$backup"
check "restore without --yes-i-really-mean-it is exit 2" [ "$rc" -eq 2 ]
run restore-nodir restore ovn -i "$cluster" "${state[@]}" --from "$work/no-such-backup" --yes-i-really-mean-it
check "restore from a missing directory is exit 2, naming it" \
    bash -c "[ $rc -eq 2 ] && grep -q 'no-such-backup: not a directory' '$work/restore-nodir.err'"
check "the refusals changed nothing" [ "$(on late1 lab2 'ovn-nbctl --no-leader-only ls-list | grep -c scsctl-late')" = "lab2 1" ]
run restore restore ovn -i "$cluster" "${state[@]}" --from "$backup" --yes-i-really-mean-it
check "restore ovn exits 0 ($backup)" [ "$rc" -eq 0 ]
check "restore says the health gate passed" grep -q 'restored from .*; health gate passed' "$work/restore.err"
check "every member has the backup's switches and not the later one" [ "$(on restored ovn_central \
    'echo $(ovn-nbctl --no-leader-only ls-list | grep -o "scsctl-[a-z0-9]*" | sort)' | tr '\n' ' ')" = \
    "lab1 scsctl-sw0 scsctl-sw1 lab2 scsctl-sw0 scsctl-sw1 lab3 scsctl-sw0 scsctl-sw1 " ]
run health4 health -i "$cluster" --layers ovn --output json
check "after the restore ovn-raft and ovn-chassis pass everywhere" \
    [ "$(health_of health4 ovn-raft) / $(health_of health4 ovn-chassis)" = "lab1:pass lab2:pass lab3:pass / lab1:pass lab2:pass lab3:pass" ]

run destroy destroy ovn -i "$cluster" "${state[@]}" --yes-i-really-mean-it
check "destroy ovn exits 0" [ "$rc" -eq 0 ]
check "no database and no cluster option is left on any central" [ "$(on gone ovn_central \
    'echo "$(ls /var/lib/ovn/ovn[ns]b_db.db 2>/dev/null | wc -l),$(grep -c -- --db-nb-cluster /etc/default/ovn-central)"' | tr '\n' ' ')" = \
    "lab1 0,0 lab2 0,0 lab3 0,0 " ]

run down lab down --dir "$lab"
check "lab down exits 0" [ "$rc" -eq 0 ]
check "no lab files left" [ ! -e "$lab/lab.json" ]

echo "ovn_cluster_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
