#!/usr/bin/env bash
# End to end, for real: a 3-host local lab (scsctl lab, full base image, one raw disk
# /dev/vdb per host on a loop device), then
#   deploy kvm, ceph and ovn            exit 0, something changed; Ceph's OSDs on lab1's
#                                       file and on lab2's and lab3's /dev/vdb (lab2's
#                                       carried ext4: erased as ceph_osd_wipe_devices
#                                       allows); the OSD helper refuses a disk with a
#                                       filesystem or one that is mounted
#   health of the three layers          exit 0; libvirt test domain, Ceph status through
#                                       librados, its capacity (df, ratios), every OVN
#                                       chassis registered, the hosts' clocks
#   deploy again                        exit 0 and changed=0 on every host
#   upgrade ceph --restart, serial 1    exit 0 (ceph/upgrade.yml: noout, ok-to-stop, PGs
#                                       clean; scsctl's health gate between batches), the
#                                       backup (monitor store, maps, auth), noout unset;
#                                       the disks were given back to root before (as udev
#                                       does at boot): the OSDs start on them all the same
#   upgrade ovn --to V+scsctl1          Debian's OVN packages rebuilt with a higher version
#                                       in a local apt repository; installed everywhere,
#                                       NB/SB backup taken, health passes
#   restore ovn, restore kvm            from the upgrades' backups: a switch and a libvirt
#                                       network made later are gone
#   destroy ovn                         status says destroyed, its health check fails
#   destroy ceph                        the OSD disks carry no signature, the file is gone
#   secrets                             the Ceph keys appear in no output or journal
#   lab down                            no namespace, mount, link, process, loop device
#                                       or file left
# usage: tests/integration/layers_e2e_test.sh SCSCTL_BINARY
# Needs root (exit 77 otherwise). The full base image is built once into the lab cache
# (/var/cache/scsctl/lab, ~7 min the first time on 2 cores) and reused.
suite=layers_e2e_test
# shellcheck source=tests/integration/lib/lab_suite.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/lab_suite.sh"

run lab-up lab up --dir "$lab" --hosts 3 --disks 1 --disk-size 6G
check "lab up exits 0" [ "$rc" -eq 0 ]
inventory=$lab/inventory.yml
check "the lab's inventory puts the OSDs on /dev/vdb" grep -q -- '- /dev/vdb' "$inventory"
# lab1 keeps a file-backed OSD; lab2's disk carries a filesystem the deploy may erase.
mkdir -p "$lab/host_vars"
echo 'ceph_osd_devices: [/var/lib/scsctl-lab/ceph-osd0.img]' >"$lab/host_vars/lab1.yml"
echo 'ceph_osd_wipe_devices: true' >"$lab/host_vars/lab2.yml"
lab2_loop=$(losetup --list --noheadings --output NAME,BACK-FILE | awk -v f="$lab/hosts/lab2/disks/vdb.img" '$2 == f {print $1}')
check "lab2's disk is a loop device ($lab2_loop)" [ -b "$lab2_loop" ]
mkfs.ext4 -q "$lab2_loop"
state=(--state "$work/state.db")
run secrets secrets generate -i "$inventory"
check "secrets generate exits 0" [ "$rc" -eq 0 ]

run deploy1 deploy -i "$inventory" "${state[@]}" --layers kvm,ceph,ovn --output json
check "the first deploy exits 0" [ "$rc" -eq 0 ]
check "the first deploy changed something" [ "$(recap_changed deploy1)" -gt 0 ]
check "the first deploy failed nowhere" [ "$(recap_failed deploy1)" -eq 0 ]

# osd_block HOSTS: per host "NAME TARGET-OF-THE-OSD'S-BLOCK-LINK OWNER", one line each.
osd_block() {
    "$scsctl" exec -i "$inventory" "${state[@]}" "$1" --output json -- \
        'b=$(readlink /var/lib/ceph/osd/ceph-*/block); echo "$b $(stat -L -c %U "$b")"' |
        jq -r 'select(.event == "command_result") | "\(.host) \(.stdout | rtrimstr("\n"))"' | sort
}
check "the OSDs sit on lab1's file and on lab2's and lab3's raw disk, owned by ceph" \
    [ "$(osd_block ceph_osd | tr '\n' ,)" = "lab1 /var/lib/scsctl-lab/ceph-osd0.img ceph,lab2 /dev/vdb ceph,lab3 /dev/vdb ceph," ]
run osd-size exec -i "$inventory" "${state[@]}" lab2 --output json -- \
    'ceph osd metadata $(basename $(readlink -f /var/lib/ceph/osd/ceph-*) | cut -d- -f2) --format json'
check "lab2's OSD has the whole 6 GiB disk (its ext4 was erased)" \
    [ "$(jq -r 'select(.event == "command_result") | .stdout | fromjson | .bluestore_bdev_size' "$work/osd-size.out")" = 6442450944 ]
# lab1's /dev/vdb is free: the OSD helper refuses it with a filesystem, and mounted.
run refuse-fs exec -i "$inventory" "${state[@]}" lab1 --output json -- \
    'mkfs.ext4 -q /dev/vdb && /usr/local/sbin/scsctl-ceph-osd /dev/vdb 4G keep'
check "the OSD helper refuses a disk with a filesystem, naming it" \
    grep -q 'scsctl-ceph-osd: /dev/vdb is not empty (TYPE=ext4); wipe it yourself or set ceph_osd_wipe_devices' "$work/refuse-fs.out"
run refuse-mounted exec -i "$inventory" "${state[@]}" lab1 --output json -- \
    'mkdir -p /mnt/t && mount /dev/vdb /mnt/t && { /usr/local/sbin/scsctl-ceph-osd /dev/vdb 4G wipe; umount /mnt/t; }'
check "the OSD helper refuses a mounted disk even when it may wipe" \
    grep -q 'scsctl-ceph-osd: /dev/vdb is in use: /dev/vdb is mounted' "$work/refuse-mounted.out"
run osd-count exec -i "$inventory" "${state[@]}" lab1 --output json -- 'ceph osd ls | wc -l'
check "the refusals made no OSD" [ "$(jq -r 'select(.event == "command_result") | .stdout' "$work/osd-count.out")" = 3 ]

run health1 health -i "$inventory" --layers kvm,ceph,ovn --output json
check "health exits 0 after the deploy" [ "$rc" -eq 0 ]
for check_name in kvm-libvirt ceph-cluster ceph-capacity ovn-chassis clock-skew; do
    check "health ran $check_name and it passed" \
        [ "$(jq --arg c "$check_name" '[.layers[].results[] | select(.check == $c) | .status] | (length > 0 and all(. == "pass"))' "$work/health1.out")" = true ]
done
check "the libvirt check started a test domain" grep -q 'test domain started and stopped' "$work/health1.out"
check "the Ceph check read the status through librados" grep -q '(librados)' "$work/health1.out"
check "the capacity check read df and the cluster's ratios (nearfull 85%, full 95%)" \
    [ "$(jq -r '[.layers[].results[] | select(.check == "ceph-capacity") | .detail] | all(test("^raw [0-9.]+% used .*; nearfull at 85.0%, full at 95.0% \\(librados\\)$"))' "$work/health1.out")" = true ]

run deploy2 deploy -i "$inventory" "${state[@]}" --layers kvm,ceph,ovn --output json
check "the second deploy exits 0" [ "$rc" -eq 0 ]
check "the second deploy changed nothing" [ "$(recap_changed deploy2)" -eq 0 ]

run status status -i "$inventory" "${state[@]}" --output json
check "status exits 0" [ "$rc" -eq 0 ]

run disown exec -i "$inventory" "${state[@]}" lab2,lab3 -- chown root:root /dev/vdb
check "the OSD disks were given back to root" [ "$rc" -eq 0 ]
run restart upgrade ceph -i "$inventory" "${state[@]}" --restart --serial 1 --backup-dir "$work/backups" --output json
check "the rolling Ceph restart exits 0" [ "$rc" -eq 0 ]
check "it restarted on every host" [ "$(recap_changed restart)" -ge 3 ]
check "the health gate passed after every batch" [ "$(grep -c 'health gate passed after' "$work/restart.err")" -ge 3 ]
for file in mon-store.tar.gz monmap osdmap crushmap config.json auth.keyring; do
    check "the Ceph backup has $file" [ -s "$(find "$work/backups/ceph" -name "$file" | head -n 1)" ]
done
check "the backup is readable by root only" [ "$(stat -c %a "$work/backups/ceph")" = 700 ]
check "the monitor store archive is whole" bash -c "tar -tzf \$(find '$work/backups/ceph' -name mon-store.tar.gz) | grep -q store.db"
first=$(jq -r '.hosts | keys[0]' <<<"$(tail -n 1 "$work/restart.out")")
run flags exec -i "$inventory" "${state[@]}" "$first" -- ceph osd dump --format json
check "noout is unset after the restart" bash -c "! grep -q noout '$work/flags.out'"
check "the restarted OSDs took their disks back (ceph-osd@'s drop-in)" \
    [ "$(osd_block lab2,lab3 | tr '\n' ,)" = "lab2 /dev/vdb ceph,lab3 /dev/vdb ceph," ]
run health2 health -i "$inventory" --layers ceph --output json
check "Ceph is healthy after the rolling restart" [ "$rc" -eq 0 ]

# upgrade --to: Debian's OVN packages rebuilt with a higher version, offered by a local
# apt repository on every host; the upgrade installs them batch by batch.
central=ovn_central # exec takes host patterns
run ovn-version exec -i "$inventory" "${state[@]}" "$central" --output json -- "dpkg-query -W -f '\${Version}' ovn-host"
from=$(head -n 1 "$work/ovn-version.out" | jq -r .stdout)
check "the installed OVN version was read ($from)" [ -n "$from" ]
to="$from+scsctl1"
mkdir -p "$work/debs" "$work/repo"
(cd "$work/debs" && apt-get download -q ovn-common="$from" ovn-central="$from" ovn-host="$from" >/dev/null 2>&1)
for deb in "$work"/debs/*.deb; do
    tree="$work/debs/tree"
    rm -rf "$tree" && dpkg-deb -R "$deb" "$tree"
    sed -i -e "s/^Version: .*/Version: $to/" -e "s/(= $from)/(= $to)/g" "$tree/DEBIAN/control"
    dpkg-deb -b "$tree" "$work/repo/" >/dev/null
done
(cd "$work/repo" && dpkg-scanpackages --multiversion . >Packages 2>/dev/null)
check "the test repository offers the three rebuilt OVN packages ($to)" \
    [ "$(grep -c "^Version: $to\$" "$work/repo/Packages")" -eq 3 ]
cat >"$work/repo.yml" <<YML
- name: offer the local test repository
  hosts: all
  become: true
  gather_facts: false
  tasks:
    - file: {path: /srv/scsctl-test-repo, state: directory, mode: "0755"}
    - copy: {src: "{{ item }}", dest: /srv/scsctl-test-repo/}
      loop: $(cd "$work/repo" && ls | sed "s|^|$work/repo/|" | jq -R . | jq -sc .)
    - copy:
        dest: /etc/apt/sources.list.d/scsctl-test.list
        content: "deb [trusted=yes] file:/srv/scsctl-test-repo ./\n"
YML
run repo run -i "$inventory" "${state[@]}" "$work/repo.yml"
check "the repository reached every host" [ "$rc" -eq 0 ]
run ovn-upgrade upgrade ovn -i "$inventory" "${state[@]}" --to "$to" --serial 1 --backup-dir "$work/backups" --output json
check "upgrade ovn --to $to exits 0" [ "$rc" -eq 0 ]
check "the OVN backup has both databases" \
    [ "$(find "$work/backups/ovn" -name 'ovn[ns]b_db.db' -size +0 | wc -l)" -eq 2 ]
run ovn-versions exec -i "$inventory" "${state[@]}" ovn_controller --output json -- "dpkg-query -W -f '\${Version} ' ovn-host ovn-common"
check "every chassis runs the new OVN" \
    [ "$(jq -rs --arg v "$to $to " '[.[] | select(.event == "command_result") | .stdout == $v] | (length == 3 and all)' "$work/ovn-versions.out")" = true ]
run ovn-central-version exec -i "$inventory" "${state[@]}" "$central" --output json -- "dpkg-query -W -f '\${Version}' ovn-central"
check "the central too" [ "$(head -n 1 "$work/ovn-central-version.out" | jq -r .stdout)" = "$to" ]
run health3 health -i "$inventory" --layers kvm,ceph,ovn --output json
check "every layer is healthy after the upgrade" [ "$rc" -eq 0 ]

# restore: the OVN backup of the upgrade (a standalone central) and a KVM backup taken by
# a rolling libvirtd restart put back what was there before; later changes are gone.
command_out() { jq -r 'select(.event == "command_result") | "\(.host) \(.stdout | rtrimstr("\n"))"' "$work/$1.out" | sort | tr '\n' ' '; }
run late-switch exec -i "$inventory" "${state[@]}" "$central" -- ovn-nbctl ls-add scsctl-late
ovn_backup=$(find "$work/backups/ovn" -mindepth 1 -maxdepth 1 -type d | head -n 1)
run restore-ovn restore ovn -i "$inventory" "${state[@]}" --from "$ovn_backup" --yes-i-really-mean-it
check "restore ovn exits 0" [ "$rc" -eq 0 ]
run switches exec -i "$inventory" "${state[@]}" "$central" --output json -- 'ovn-nbctl ls-list | grep -c scsctl-late'
check "the switch made after the backup is gone" [ "$(command_out switches)" = "lab1 0 " ]
run kvm-restart upgrade kvm -i "$inventory" "${state[@]}" --restart --serial 3 --backup-dir "$work/backups" --output json
check "a rolling libvirtd restart exits 0 (and backs up /etc/libvirt)" [ "$rc" -eq 0 ]
printf '%s\n' '<network><name>scsctl-late</name><bridge name="scsctllate0"/></network>' >"$work/late-net.xml"
cat >"$work/late-net.yml" <<YML
- hosts: kvm
  gather_facts: false
  tasks:
    - copy: {src: "$work/late-net.xml", dest: /root/late-net.xml}
    - command: virsh --connect qemu:///system net-define /root/late-net.xml
YML
run net-file run -i "$inventory" "${state[@]}" "$work/late-net.yml"
check "a libvirt network was defined after the backup" [ "$rc" -eq 0 ]
kvm_backup=$(find "$work/backups/kvm" -mindepth 1 -maxdepth 1 -type d | head -n 1)
run restore-kvm restore kvm -i "$inventory" "${state[@]}" --from "$kvm_backup" --yes-i-really-mean-it
check "restore kvm exits 0" [ "$rc" -eq 0 ]
run nets exec -i "$inventory" "${state[@]}" kvm --output json -- \
    'echo $(virsh --connect qemu:///system net-list --all --name | grep -c scsctl-late),$(ls /etc/libvirt.before-restore/qemu/networks | grep -c scsctl-late)'
check "the network is gone from every host, kept in the configuration set aside" \
    [ "$(command_out nets)" = "lab1 0,1 lab2 0,1 lab3 0,1 " ]

run destroy destroy ovn -i "$inventory" "${state[@]}" --yes-i-really-mean-it
check "destroy ovn exits 0" [ "$rc" -eq 0 ]
run status2 status -i "$inventory" "${state[@]}" --layers ovn --output json
check "status shows ovn destroyed" [ "$(jq -r '[.[].result] | unique | join(",")' "$work/status2.out")" = destroyed ]
run health4 health -i "$inventory" --layers ovn
check "the OVN health check fails once it is destroyed" [ "$rc" -ne 0 ]

run destroy-ceph destroy ceph -i "$inventory" "${state[@]}" --yes-i-really-mean-it
check "destroy ceph exits 0" [ "$rc" -eq 0 ]
run erased exec -i "$inventory" "${state[@]}" ceph_osd --output json -- \
    'blkid -p /dev/vdb >/dev/null; echo "blkid=$? file=$(ls /var/lib/scsctl-lab/ceph-osd0.img 2>/dev/null | wc -l)"'
check "destroy ceph erased the OSD disks and deleted the OSD file" \
    [ "$(jq -r 'select(.event == "command_result") | "\(.host) \(.stdout | rtrimstr("\n"))"' "$work/erased.out" | sort | tr '\n' ,)" = \
      "lab1 blkid=0 file=0,lab2 blkid=2 file=0,lab3 blkid=2 file=0," ]

# Secrets: the generated Ceph keys appear in no output, report or journal.
for name in ceph_client_admin_key ceph_mon_key; do
    value=$("$scsctl" secrets view -i "$inventory" "$name" 2>/dev/null)
    check "secret $name could be read for the search" [ -n "$value" ]
    [ -n "$value" ] || continue
    check "secret $name is in no output" bash -c "! grep -rqF -- '$value' '$work'/*.out '$work'/*.err"
    check "secret $name is not in the journal" bash -c "! grep -qaF -- '$value' '$work/state.db'"
done

id=$(jq -r '.id' "$lab/lab.json")
run down lab down --dir "$lab"
check "lab down exits 0" [ "$rc" -eq 0 ]
check "no network namespace left" bash -c "! ip netns list | grep -q 'scslab-$id'"
check "no link left" bash -c "! ip -o link | grep -qE 'slb-$id|slv$id'"
check "no mount left" bash -c "! grep -qF '$lab' /proc/mounts"
check "no container process left" bash -c "! pgrep -f '[s]ystemd-nspawn.*$lab' >/dev/null"
check "no lab files left" bash -c "[ ! -e '$lab/lab.json' ]"
check "no loop device left" bash -c "! losetup --list --noheadings --output BACK-FILE | grep -qF '$lab/'"

echo "layers_e2e_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
