// The facts probe: one POSIX sh script whose sections facts_parse.cpp reads. It must
// change nothing on the host and need nothing beyond sh and coreutils (ip is optional).
#include "facts/facts_probe.hpp"

namespace scsctl::facts {

std::string section_marker(std::string_view name)
{
    return "@@scsctl-facts:" + std::string(name) + "@@";
}

namespace {

// Each `s NAME` prints the marker; commands that may be missing are guarded so the
// script always exits 0 with every section present.
constexpr std::string_view k_script = R"SH(s() { printf '\n@@scsctl-facts:%s@@\n' "$1"; }
LC_ALL=C; export LC_ALL
s os_release; cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null
s debian_version; cat /etc/debian_version 2>/dev/null
s redhat_release; cat /etc/redhat-release 2>/dev/null
s alpine_release; cat /etc/alpine-release 2>/dev/null
s uname; uname -s; uname -r; uname -v; uname -m
s hostname; uname -n
s fqdn
n=$(uname -n)
a=$(getent hosts "$n" 2>/dev/null | awk 'NR==1{print $1}')
if [ -n "$a" ]; then getent hosts "$a" 2>/dev/null | head -n 1; else echo "- $n"; fi
s meminfo; cat /proc/meminfo 2>/dev/null
s nproc; nproc 2>/dev/null
s cpuinfo; grep -E '^(processor|vendor_id|model name|physical id|core id|cpu cores|siblings)[[:space:]]*:' /proc/cpuinfo 2>/dev/null
s mounts; cat /proc/mounts 2>/dev/null
s statfs
while read -r dev mnt fs rest; do
  case "$dev" in /*|*:/*) ;; *) continue ;; esac
  [ "$fs" = none ] && continue
  m=$(printf '%b' "$mnt")
  printf '%s\t' "$mnt"; stat -f -c '%s %S %b %f %a %c %d' "$m" 2>/dev/null || echo
done < /proc/mounts
if ip -j addr show >/dev/null 2>&1; then
  s ip_addr; ip -j addr show 2>/dev/null
  s ip_route; ip -j -4 route show default 2>/dev/null
  s ip_route6; ip -j -6 route show default 2>/dev/null
elif command -v ip >/dev/null 2>&1; then
  s ip_addr_text; ip -o addr show 2>/dev/null
  s ip_route_text; ip -4 route show default 2>/dev/null
fi
s links
for d in /sys/class/net/*; do
  [ -e "$d" ] || continue
  printf '%s %s %s %s %s\n' "${d##*/}" "$(cat "$d/mtu" 2>/dev/null)" "$(cat "$d/address" 2>/dev/null)" "$(cat "$d/type" 2>/dev/null)" "$(cat "$d/operstate" 2>/dev/null)"
done
s user; id -un; id -u; id -g; getent passwd "$(id -un)" 2>/dev/null || grep "^$(id -un):" /etc/passwd
s proc1_comm; cat /proc/1/comm 2>/dev/null
s service_hints
for p in /run/systemd/system /dev/.run/systemd /dev/.systemd /sbin/openrc /etc/init.d; do [ -e "$p" ] && echo "$p"; done
command -v systemctl >/dev/null 2>&1 && echo systemctl
s pkg_mgrs
for p in apt-get dnf yum zypper pacman apk emerge pkg; do command -v "$p" >/dev/null 2>&1 && echo "$p"; done
s end
exit 0
)SH";

} // namespace

std::string facts_probe_script()
{
    return std::string(k_script);
}

} // namespace scsctl::facts
