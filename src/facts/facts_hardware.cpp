// Hardware, user and system-manager facts from the probe's sections: memory, processors,
// mounts, the remote user, service_mgr and pkg_mgr. Pure; depends on core only.
#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "facts/facts_parse.hpp"
#include "facts/facts_text.hpp"

namespace scsctl::facts {

namespace {

void add_memory_facts(core::Value& facts, const Sections& sections)
{
    std::map<std::string, long long> mb;
    for (const auto& line : lines_of(section(sections, "meminfo"))) {
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            const auto words = words_of(line.substr(colon + 1));
            mb[line.substr(0, colon)] = words.empty() ? 0 : to_number(words[0]) / 1024;
        }
    }
    const long long total = mb["MemTotal"];
    const long long free = mb["MemFree"];
    const long long nocache_free = free + mb["Buffers"] + mb["Cached"];
    facts["memtotal_mb"] = total;
    facts["memfree_mb"] = free;
    facts["swaptotal_mb"] = mb["SwapTotal"];
    facts["swapfree_mb"] = mb["SwapFree"];
    facts["memory_mb"] = {
        {"real", {{"total", total}, {"used", total - free}, {"free", free}}},
        {"nocache", {{"free", nocache_free}, {"used", total - nocache_free}}},
        {"swap",
         {{"total", mb["SwapTotal"]},
          {"free", mb["SwapFree"]},
          {"used", mb["SwapTotal"] - mb["SwapFree"]},
          {"cached", mb["SwapCached"]}}},
    };
}

void add_processor_facts(core::Value& facts, const Sections& sections)
{
    core::Value processors = core::Value::array();
    std::map<std::string, long long> socket_cores;
    std::map<std::string, long long> socket_siblings;
    std::string physical = "0";
    long long occurrences = 0;
    for (const auto& line : lines_of(section(sections, "cpuinfo"))) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        const std::string key = trim(line.substr(0, colon));
        const std::string value = trim(line.substr(colon + 1));
        if (key == "processor") {
            processors.push_back(value);
        } else if (key == "vendor_id" || key == "model name") {
            processors.push_back(value);
            occurrences += key == "vendor_id" ? 1 : 0;
        } else if (key == "physical id") {
            physical = value;
            socket_cores.try_emplace(physical, 0);
        } else if (key == "cpu cores") {
            socket_cores[physical] = to_number(value);
        } else if (key == "siblings") {
            socket_siblings[physical] = to_number(value);
        }
    }
    const long long count = socket_cores.empty() ? std::max<long long>(occurrences, 1)
                                                 : static_cast<long long>(socket_cores.size());
    const long long cores = !socket_cores.empty() && socket_cores.begin()->second > 0 ? socket_cores.begin()->second : 1;
    const long long threads = socket_siblings.empty() ? 1 : std::max<long long>(socket_siblings.begin()->second / cores, 1);
    facts["processor"] = processors;
    facts["processor_count"] = count;
    facts["processor_cores"] = cores;
    facts["processor_threads_per_core"] = threads;
    facts["processor_vcpus"] = threads * cores * count;
    facts["processor_nproc"] = to_number(trim(section(sections, "nproc")), threads * cores * count);
}

/// /proc/mounts escapes spaces and tabs as octal (\040).
std::string unescape_octal(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])) != 0) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 3), nullptr, 8));
            i += 3;
        } else {
            out += text[i];
        }
    }
    return out;
}

void add_mount_facts(core::Value& facts, const Sections& sections)
{
    std::map<std::string, std::vector<std::string>> statfs;
    for (const auto& line : lines_of(section(sections, "statfs"))) {
        const auto tab = line.find('\t');
        if (tab != std::string::npos) {
            statfs[line.substr(0, tab)] = words_of(line.substr(tab + 1));
        }
    }
    core::Value mounts = core::Value::array();
    for (const auto& line : lines_of(section(sections, "mounts"))) {
        const auto fields = words_of(line);
        if (fields.size() < 4) {
            continue;
        }
        const std::string& device = fields[0];
        // Ansible keeps block devices and network filesystems only.
        if ((device.empty() || device[0] != '/') && device.find(":/") == std::string::npos) {
            continue;
        }
        if (fields[2] == "none") {
            continue;
        }
        core::Value mount = {{"mount", unescape_octal(fields[1])},
                             {"device", unescape_octal(device)},
                             {"fstype", fields[2]},
                             {"options", fields[3]}};
        const auto found = statfs.find(fields[1]);
        if (found != statfs.end() && found->second.size() == 7) {
            const auto& v = found->second;
            const long long frsize = to_number(v[1]);
            mount["size_total"] = frsize * to_number(v[2]);
            mount["size_available"] = frsize * to_number(v[4]);
            mount["block_size"] = to_number(v[0]);
            mount["block_total"] = to_number(v[2]);
            mount["block_available"] = to_number(v[4]);
            mount["block_used"] = to_number(v[2]) - to_number(v[3]);
            mount["inode_total"] = to_number(v[5]);
            mount["inode_available"] = to_number(v[6]);
            mount["inode_used"] = to_number(v[5]) - to_number(v[6]);
        }
        mount["uuid"] = "N/A";
        mounts.push_back(std::move(mount));
    }
    facts["mounts"] = std::move(mounts);
}

void add_user_facts(core::Value& facts, const Sections& sections)
{
    const auto lines = lines_of(section(sections, "user"));
    if (lines.size() < 3) {
        return;
    }
    facts["user_id"] = trim(lines[0]);
    facts["user_uid"] = to_number(trim(lines[1]));
    facts["user_gid"] = to_number(trim(lines[2]));
    if (lines.size() >= 4) {
        std::vector<std::string> fields;
        std::string field;
        std::istringstream in(lines[3]);
        while (std::getline(in, field, ':')) {
            fields.push_back(field);
        }
        if (fields.size() >= 7) {
            facts["user_gecos"] = fields[4];
            facts["user_dir"] = fields[5];
            facts["user_shell"] = fields[6];
        }
    }
}

/// ansible-core's ServiceMgrFactCollector for Linux: PID 1's name unless it is a
/// generic init or a shell, then systemd, openrc, sysvinit markers.
std::string service_manager(const Sections& sections)
{
    std::string comm = trim(section(sections, "proc1_comm"));
    comm = comm.substr(comm.rfind('/') == std::string::npos ? 0 : comm.rfind('/') + 1);
    const bool generic = comm.empty() || comm == "init" || comm.ends_with("sh");
    if (!generic) {
        static const std::map<std::string, std::string> k_aliases = {
            {"procd", "openwrt_init"}, {"runit-init", "runit"}, {"svscan", "svc"}};
        const auto found = k_aliases.find(comm);
        return found != k_aliases.end() ? found->second : comm;
    }
    const auto hints = lines_of(section(sections, "service_hints"));
    auto has = [&](std::string_view hint) { return std::ranges::find(hints, hint) != hints.end(); };
    const bool systemd_dirs = has("/run/systemd/system") || has("/dev/.run/systemd") || has("/dev/.systemd");
    if (has("systemctl") && systemd_dirs) {
        return "systemd";
    }
    if (has("/sbin/openrc")) {
        return "openrc";
    }
    if (has("/etc/init.d")) {
        return "sysvinit";
    }
    return "service";
}

std::string package_manager(const Sections& sections, const std::string& family)
{
    const auto found_tools = lines_of(section(sections, "pkg_mgrs"));
    std::vector<std::string> tools;
    for (const auto& tool : found_tools) {
        tools.push_back(trim(tool));
    }
    auto has = [&](std::string_view tool) { return std::ranges::find(tools, tool) != tools.end(); };
    if (family == "Debian" && has("apt-get")) {
        return "apt";
    }
    if (family == "RedHat") {
        return has("dnf") ? "dnf" : (has("yum") ? "yum" : "unknown");
    }
    static const std::vector<std::pair<std::string, std::string>> k_order = {
        {"apt-get", "apt"}, {"dnf", "dnf"},         {"yum", "yum"}, {"zypper", "zypper"},
        {"pacman", "pacman"}, {"apk", "apk"}, {"emerge", "portage"}, {"pkg", "pkgng"}};
    for (const auto& [tool, name] : k_order) {
        if (has(tool)) {
            return name;
        }
    }
    return "unknown";
}

} // namespace

void add_hardware_facts(core::Value& facts, const Sections& sections)
{
    add_memory_facts(facts, sections);
    add_processor_facts(facts, sections);
    add_mount_facts(facts, sections);
    add_user_facts(facts, sections);
    facts["service_mgr"] = service_manager(sections);
    facts["pkg_mgr"] = package_manager(sections, facts.value("os_family", ""));
}

} // namespace scsctl::facts
