// The preflight probe script. Read-only; each fact on its own line so that a missing tool
// costs one fact, not the whole probe. The time is printed last, right before the end
// line, so that the controller's receive time bounds it closely (time_check in evaluate).
#include "preflight/probe.hpp"

#include "core/shell_quote.hpp"

namespace scsctl::preflight {

namespace {

std::string quoted_words(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& word : words) {
        out += " " + core::shell_quote(word);
    }
    return out;
}

} // namespace

std::string probe_script(const std::vector<std::string>& disk_paths, const std::vector<std::string>& osd_paths,
                         const std::vector<std::string>& osd_devices)
{
    std::string script = "LC_ALL=C; export LC_ALL\n"
                         "echo '" +
                         std::string(k_probe_header) +
                         "'\n"
                         "echo \"uid $(id -u)\"\n"
                         "[ -r /etc/os-release ] && sed -n 's/^\\([A-Z_]*\\)=/os \\1=/p' /etc/os-release\n"
                         "sed -n 's/^\\(MemTotal\\|MemAvailable\\): *\\([0-9]*\\) kB$/mem \\1 \\2/p' /proc/meminfo\n";
    std::vector<std::string> df_paths = disk_paths;
    df_paths.insert(df_paths.end(), osd_paths.begin(), osd_paths.end());
    if (!df_paths.empty()) {
        script += "for p in" + quoted_words(df_paths) +
                  "; do\n"
                  "  d=$p\n"
                  "  while [ ! -e \"$d\" ] && [ \"$d\" != / ]; do d=$(dirname -- \"$d\"); done\n"
                  "  a=$(df -B1 --output=avail,target -- \"$d\" 2>/dev/null | sed -n '2{s/^ *//;s/ \\{1,\\}/\\t/;p}')\n"
                  "  [ -n \"$a\" ] && printf 'df %s\\t%s\\n' \"$p\" \"$a\"\n"
                  "done\n";
    }
    if (!osd_paths.empty()) {
        script += "for f in" + quoted_words(osd_paths) +
                  "; do\n"
                  "  if [ -e \"$f\" ]; then s=$(stat -c '%b %B' -- \"$f\"); "
                  "printf 'osdfile %s\\t%s\\n' \"$(( ${s% *} * ${s#* } ))\" \"$f\";\n"
                  "  else printf 'osdfile -\\t%s\\n' \"$f\"; fi\n"
                  "done\n";
    }
    if (!osd_devices.empty()) {
        // By device number (a container's bind-mounted node has no sysfs name of its own);
        // mounted or held (also a partition) is busy, blkid -p tells empty from used.
        script += "for d in" + quoted_words(osd_devices) +
                  "; do\n"
                  "  st=; sz=0; what=\n"
                  "  if [ ! -e \"$d\" ]; then st=missing\n"
                  "  elif [ ! -b \"$d\" ]; then st=notblock\n"
                  "  else\n"
                  "    sz=$(blockdev --getsize64 \"$d\" 2>/dev/null || echo 0)\n"
                  "    set -- $(stat -L -c '%t %T' \"$d\")\n"
                  "    sys=$(readlink -f \"/sys/dev/block/$(printf '%d:%d' \"0x$1\" \"0x$2\")\")\n"
                  "    for p in \"$sys\" \"$sys/${sys##*/}\"*; do\n"
                  "      [ -z \"$st\" ] && [ -e \"$p/dev\" ] || continue\n"
                  "      if awk -v d=\"$(cat \"$p/dev\")\" '$3 == d {f=1} END {exit !f}' /proc/self/mountinfo; then "
                  "st=busy; what=\"${p##*/} is mounted\"\n"
                  "      elif [ -n \"$(ls -A \"$p/holders\" 2>/dev/null)\" ]; then "
                  "st=busy; what=\"${p##*/} is held by $(ls \"$p/holders\" | tr '\\n' ' ')\"\n"
                  "      fi\n"
                  "    done\n"
                  "    if [ -z \"$st\" ]; then\n"
                  "      o=$(blkid -p -o export \"$d\" 2>&1); r=$?\n"
                  "      what=$(printf '%s\\n' \"$o\" | sed -n 's/^\\(TYPE\\|PTTYPE\\)=//p' | head -n 1)\n"
                  "      case $r in 2) st=empty; what= ;; 0|8) st=used; [ \"$what\" = ceph_bluestore ] && st=osd ;;\n"
                  "      *) st=unknown; what=\"blkid -p exit $r\" ;; esac\n"
                  "    fi\n"
                  "  fi\n"
                  "  printf 'osddev %s\\t%s\\t%s\\t%s\\n' \"$st\" \"$sz\" \"$what\" \"$d\"\n"
                  "done\n";
    }
    script += "if v=$(timedatectl show -p NTPSynchronized --value 2>/dev/null) && [ -n \"$v\" ]; then\n"
              "  echo \"ntp timedatectl $v\"\n"
              "elif v=$(chronyc -n tracking 2>/dev/null | sed -n 's/^Leap status *: *//p') && [ -n \"$v\" ]; then\n"
              "  echo \"ntp chrony $v\"\n"
              "else echo 'ntp none'; fi\n"
              "if command -v ss >/dev/null 2>&1; then echo 'ss yes'; ss -Htlnp 2>/dev/null | sed 's/^/listen /';\n"
              "else echo 'ss no'; fi\n"
              "echo \"time $(date +%s.%N)\"\n"
              "echo end\n";
    return script;
}

} // namespace scsctl::preflight
