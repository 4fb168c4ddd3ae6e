// The facts parser against real output: the probe run with /bin/sh on a Debian 12 host
// and `ansible localhost -c local -m setup` (ansible-core 2.14.18) on the same host.
#include <catch2/catch.hpp>

#include <algorithm>

#include "facts/facts_parse.hpp"
#include "facts/facts_probe.hpp"

namespace {

using scsctl::core::Value;

/// Equality regardless of key order (ansible prints mappings sorted).
bool same(const Value& a, const Value& b)
{
    return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

// Captured with: sh -c "$(facts_probe_script())" on the reference host.
constexpr const char* k_debian12_probe = R"PROBE(
@@scsctl-facts:os_release@@
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"

@@scsctl-facts:debian_version@@
12.11

@@scsctl-facts:redhat_release@@

@@scsctl-facts:alpine_release@@

@@scsctl-facts:uname@@
Linux
6.18.44-fc-v657
#1 SMP PREEMPT_DYNAMIC @0
x86_64

@@scsctl-facts:hostname@@
vm

@@scsctl-facts:fqdn@@
127.0.0.1       localhost

@@scsctl-facts:meminfo@@
MemTotal:       24684092 kB
MemFree:        19541984 kB
MemAvailable:   24053996 kB
Buffers:          118636 kB
Cached:          4515164 kB
SwapCached:            0 kB
Active:          2875720 kB
Inactive:        1759752 kB
Active(anon):       1544 kB
Inactive(anon):     8984 kB
Active(file):    2874176 kB
Inactive(file):  1750768 kB
Unevictable:       16296 kB
Mlocked:           15388 kB
SwapTotal:             0 kB
SwapFree:              0 kB
Zswap:                 0 kB
Zswapped:              0 kB
Dirty:             22624 kB
Writeback:             0 kB
AnonPages:         17968 kB
Mapped:            10980 kB
Shmem:              8856 kB
KReclaimable:     288348 kB
Slab:             332944 kB
SReclaimable:     288348 kB
SUnreclaim:        44596 kB
KernelStack:        1440 kB
PageTables:         2320 kB
SecPageTables:         0 kB
NFS_Unstable:          0 kB
Bounce:                0 kB
WritebackTmp:          0 kB
CommitLimit:    12342044 kB
Committed_AS:      66072 kB
VmallocTotal:   34359738367 kB
VmallocUsed:       14396 kB
VmallocChunk:          0 kB
Percpu:              736 kB
AnonHugePages:         0 kB
ShmemHugePages:        0 kB
ShmemPmdMapped:        0 kB
FileHugePages:    131072 kB
FilePmdMapped:         0 kB
Balloon:               0 kB
HugePages_Total:       0
HugePages_Free:        0
HugePages_Rsvd:        0
HugePages_Surp:        0
Hugepagesize:       2048 kB
Hugetlb:               0 kB
DirectMap4k:       26624 kB
DirectMap2M:     2070528 kB
DirectMap1G:    25165824 kB

@@scsctl-facts:nproc@@
2

@@scsctl-facts:cpuinfo@@
processor	: 0
vendor_id	: AuthenticAMD
model name	: AMD EPYC
physical id	: 0
siblings	: 2
core id		: 0
cpu cores	: 2
processor	: 1
vendor_id	: AuthenticAMD
model name	: AMD EPYC
physical id	: 0
siblings	: 2
core id		: 1
cpu cores	: 2

@@scsctl-facts:mounts@@
proc /proc proc rw,relatime 0 0
sysfs /sys sysfs rw,relatime 0 0
devtmpfs /dev devtmpfs rw,relatime,size=12334492k,nr_inodes=3083623,mode=755 0 0
tmpfs /dev/shm tmpfs rw,relatime,size=24684092k 0 0
devpts /dev/pts devpts rw,relatime,mode=600,ptmxmode=000 0 0
/dev/vda / ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
model_tools_unavailable /mnt/sandboxing/model_tools_env/v1/python tmpfs ro,nosuid,nodev,relatime,size=4k,mode=755 0 0
devpts /dev/pts devpts rw,relatime,mode=600,ptmxmode=000 0 0
tmpfs /dev/shm tmpfs rw,relatime,size=24684092k 0 0
tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0
cgroup /sys/fs/cgroup/cpuset cgroup rw,relatime,cpuset 0 0
cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
cgroup /sys/fs/cgroup/devices cgroup rw,relatime,devices 0 0
cgroup /sys/fs/cgroup/freezer cgroup rw,relatime,freezer 0 0
cgroup /sys/fs/cgroup/blkio cgroup rw,relatime,blkio 0 0
cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0
cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0
cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0

@@scsctl-facts:statfs@@
/	4096 4096 66053021 58875812 17907088 16777216 16314070

@@scsctl-facts:ip_addr@@
[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"qdisc":"noqueue","operstate":"UNKNOWN","group":"default","txqlen":1000,"link_type":"loopback","address":"00:00:00:00:00:00","broadcast":"00:00:00:00:00:00","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","label":"lo","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"::1","prefixlen":128,"scope":"host","valid_life_time":4294967295,"preferred_life_time":4294967295}]},{"ifindex":2,"ifname":"ifb0","flags":["BROADCAST","NOARP"],"mtu":1500,"qdisc":"noop","operstate":"DOWN","group":"default","txqlen":32,"link_type":"ether","address":"42:f2:89:3e:22:8d","broadcast":"ff:ff:ff:ff:ff:ff","addr_info":[]},{"ifindex":3,"ifname":"ifb1","flags":["BROADCAST","NOARP"],"mtu":1500,"qdisc":"noop","operstate":"DOWN","group":"default","txqlen":32,"link_type":"ether","address":"7a:14:0a:59:79:46","broadcast":"ff:ff:ff:ff:ff:ff","addr_info":[]},{"ifindex":4,"ifname":"eth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1400,"qdisc":"pfifo_fast","operstate":"UP","group":"default","txqlen":1000,"link_type":"ether","address":"02:fc:00:00:00:01","broadcast":"ff:ff:ff:ff:ff:ff","addr_info":[{"family":"inet","local":"192.0.2.2","prefixlen":24,"broadcast":"192.0.2.255","scope":"global","label":"eth0","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"fd00::2","prefixlen":64,"scope":"global","nodad":true,"valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"fe80::fc:ff:fe00:1","prefixlen":64,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]

@@scsctl-facts:ip_route@@
[{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]}]

@@scsctl-facts:ip_route6@@
[{"dst":"default","gateway":"fd00::1","dev":"eth0","metric":1024,"flags":[],"pref":"medium"}]

@@scsctl-facts:links@@
eth0 1400 02:fc:00:00:00:01 1 up
ifb0 1500 42:f2:89:3e:22:8d 1 down
ifb1 1500 7a:14:0a:59:79:46 1 down
lo 65536 00:00:00:00:00:00 772 unknown

@@scsctl-facts:user@@
root
0
0
root:x:0:0:root:/root:/bin/bash

@@scsctl-facts:proc1_comm@@
process_api

@@scsctl-facts:service_hints@@
/etc/init.d
systemctl

@@scsctl-facts:pkg_mgrs@@
apt-get

@@scsctl-facts:end@@
)PROBE";

// The same keys from ansible's setup module on that host (varying values removed; eth0
// without pciid and speed, which we do not gather).
constexpr const char* k_debian12_ansible = R"JSON({
 "os_family": "Debian",
 "distribution": "Debian",
 "distribution_version": "12.11",
 "distribution_major_version": "12",
 "distribution_minor_version": "11",
 "distribution_release": "bookworm",
 "kernel": "6.18.44-fc-v657",
 "kernel_version": "#1 SMP PREEMPT_DYNAMIC @0",
 "architecture": "x86_64",
 "machine": "x86_64",
 "system": "Linux",
 "hostname": "vm",
 "nodename": "vm",
 "fqdn": "localhost",
 "domain": "",
 "default_ipv4": {
  "address": "192.0.2.2",
  "alias": "eth0",
  "broadcast": "192.0.2.255",
  "gateway": "192.0.2.1",
  "interface": "eth0",
  "macaddress": "02:fc:00:00:00:01",
  "mtu": 1400,
  "netmask": "255.255.255.0",
  "network": "192.0.2.0",
  "prefix": "24",
  "type": "ether"
 },
 "default_ipv6": {
  "address": "fd00::2",
  "gateway": "fd00::1",
  "interface": "eth0",
  "macaddress": "02:fc:00:00:00:01",
  "mtu": 1400,
  "prefix": "64",
  "scope": "global",
  "type": "ether"
 },
 "all_ipv4_addresses": [
  "192.0.2.2"
 ],
 "all_ipv6_addresses": [
  "fd00::2",
  "fe80::fc:ff:fe00:1"
 ],
 "memtotal_mb": 24105,
 "swaptotal_mb": 0,
 "processor": [
  "0",
  "AuthenticAMD",
  "AMD EPYC",
  "1",
  "AuthenticAMD",
  "AMD EPYC"
 ],
 "processor_count": 1,
 "processor_cores": 2,
 "processor_threads_per_core": 1,
 "processor_vcpus": 2,
 "processor_nproc": 2,
 "user_id": "root",
 "user_uid": 0,
 "user_gid": 0,
 "user_dir": "/root",
 "user_shell": "/bin/bash",
 "user_gecos": "root",
 "service_mgr": "process_api",
 "pkg_mgr": "apt",
 "lo": {
  "active": true,
  "device": "lo",
  "ipv4": {
   "address": "127.0.0.1",
   "broadcast": "",
   "netmask": "255.0.0.0",
   "network": "127.0.0.0",
   "prefix": "8"
  },
  "ipv6": [
   {
    "address": "::1",
    "prefix": "128",
    "scope": "host"
   }
  ],
  "mtu": 65536,
  "promisc": false,
  "type": "loopback"
 },
 "eth0": {
  "active": true,
  "device": "eth0",
  "ipv4": {
   "address": "192.0.2.2",
   "broadcast": "192.0.2.255",
   "netmask": "255.255.255.0",
   "network": "192.0.2.0",
   "prefix": "24"
  },
  "ipv6": [
   {
    "address": "fd00::2",
    "prefix": "64",
    "scope": "global"
   },
   {
    "address": "fe80::fc:ff:fe00:1",
    "prefix": "64",
    "scope": "link"
   }
  ],
  "macaddress": "02:fc:00:00:00:01",
  "mtu": 1400,
  "promisc": false,
  "type": "ether"
 },
 "mount0": {
  "block_size": 4096,
  "block_total": 66053021,
  "device": "/dev/vda",
  "fstype": "ext4",
  "inode_total": 16777216,
  "mount": "/",
  "options": "rw,relatime,discard,resv_strict,resuid=65534,resgid=65534",
  "size_total": 270553174016,
  "uuid": "N/A"
 },
 "interfaces_sorted": [
  "eth0",
  "ifb0",
  "ifb1",
  "lo"
 ]
})JSON";

} // namespace

TEST_CASE("facts_parse matches ansible's setup on Debian 12", "[facts]")
{
    const Value facts = scsctl::facts::parse_facts(k_debian12_probe);
    const Value expected = Value::parse(k_debian12_ansible);
    for (const auto& [key, value] : expected.items()) {
        if (key == "mount0" || key == "interfaces_sorted") {
            continue;
        }
        INFO(key);
        REQUIRE(facts.contains(key));
        CHECK(same(facts[key], value));
    }
    std::vector<std::string> interfaces = facts["interfaces"].get<std::vector<std::string>>();
    std::ranges::sort(interfaces);
    CHECK(Value(interfaces) == expected["interfaces_sorted"]);
    REQUIRE(facts["mounts"].size() == 1);
    for (const auto& [key, value] : expected["mount0"].items()) {
        INFO(key);
        CHECK(facts["mounts"][0][key] == value);
    }
    CHECK(facts["memfree_mb"].get<long long>() > 0);
    CHECK(facts["memory_mb"]["real"]["total"] == 24105);
}

TEST_CASE("facts_probe sections are split by marker lines", "[facts]")
{
    const std::string marker = scsctl::facts::section_marker("uname");
    const auto sections = scsctl::facts::split_sections("junk\n" + marker + "\nLinux\nx\n");
    REQUIRE(sections.size() == 1);
    CHECK(sections.at("uname") == "Linux\nx\n");
    CHECK(scsctl::facts::facts_probe_script().find("@@scsctl-facts:") != std::string::npos);
}
