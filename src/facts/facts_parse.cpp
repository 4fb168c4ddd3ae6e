// Parses the facts probe's sections into Ansible's fact names and value formats (as
// ansible-core 2.14's setup module reports them). Pure; depends on core only.
#include "facts/facts_parse.hpp"
#include "facts/facts_text.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>
#include <vector>

namespace scsctl::facts {

namespace {

/// KEY=value lines of os-release, with quotes removed.
std::map<std::string, std::string> os_release(std::string_view text)
{
    std::map<std::string, std::string> out;
    for (const auto& line : lines_of(text)) {
        const auto equals = line.find('=');
        if (equals == std::string::npos) {
            continue;
        }
        std::string value = trim(line.substr(equals + 1));
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
            value = value.substr(1, value.size() - 2);
        }
        out[trim(line.substr(0, equals))] = value;
    }
    return out;
}

std::string distribution_name(const std::string& id, const std::string& name)
{
    static const std::map<std::string, std::string> k_names = {
        {"debian", "Debian"},       {"ubuntu", "Ubuntu"},       {"linuxmint", "Linux Mint"},
        {"raspbian", "Debian"},     {"kali", "Kali"},           {"devuan", "Devuan"},
        {"rhel", "RedHat"},         {"centos", "CentOS"},       {"rocky", "Rocky"},
        {"almalinux", "AlmaLinux"}, {"fedora", "Fedora"},       {"ol", "OracleLinux"},
        {"amzn", "Amazon"},         {"sles", "SLES"},           {"opensuse-leap", "openSUSE Leap"},
        {"opensuse-tumbleweed", "openSUSE Tumbleweed"},         {"arch", "Archlinux"},
        {"manjaro", "Manjaro"},     {"alpine", "Alpine"},       {"gentoo", "Gentoo"},
    };
    const auto found = k_names.find(id);
    if (found != k_names.end()) {
        return found->second;
    }
    if (!name.empty()) {
        return name;
    }
    return id.empty() ? "NA" : id;
}

std::string os_family(const std::string& distribution)
{
    static const std::map<std::string, std::string> k_families = {
        {"Debian", "Debian"},   {"Ubuntu", "Debian"},     {"Linux Mint", "Debian"}, {"Kali", "Debian"},
        {"Devuan", "Debian"},   {"Raspbian", "Debian"},   {"RedHat", "RedHat"},     {"CentOS", "RedHat"},
        {"Rocky", "RedHat"},    {"AlmaLinux", "RedHat"},  {"Fedora", "RedHat"},     {"OracleLinux", "RedHat"},
        {"Amazon", "RedHat"},   {"SLES", "Suse"},         {"openSUSE Leap", "Suse"}, {"openSUSE Tumbleweed", "Suse"},
        {"Archlinux", "Archlinux"}, {"Manjaro", "Archlinux"}, {"Alpine", "Alpine"}, {"Gentoo", "Gentoo"},
    };
    const auto found = k_families.find(distribution);
    return found != k_families.end() ? found->second : distribution;
}

void add_distribution_facts(core::Value& facts, const Sections& sections)
{
    const auto release = os_release(section(sections, "os_release"));
    auto get = [&](const char* key) {
        const auto found = release.find(key);
        return found == release.end() ? std::string() : found->second;
    };
    const std::string distribution = distribution_name(get("ID"), get("NAME"));
    std::string version = get("VERSION_ID");
    const std::string debian_version = trim(section(sections, "debian_version"));
    const std::string alpine_version = trim(section(sections, "alpine_release"));
    if (distribution == "Debian" && !debian_version.empty() && std::isdigit(static_cast<unsigned char>(debian_version[0])) != 0) {
        version = debian_version;
    } else if (distribution == "Alpine" && !alpine_version.empty()) {
        version = alpine_version;
    }
    std::string codename = get("VERSION_CODENAME");
    if (codename.empty()) {
        codename = get("UBUNTU_CODENAME");
    }
    facts["distribution"] = distribution;
    facts["distribution_version"] = version.empty() ? "NA" : version;
    const auto dot = version.find('.');
    facts["distribution_major_version"] = version.empty() ? "NA" : version.substr(0, dot);
    if (dot != std::string::npos) {
        const auto next = version.find('.', dot + 1);
        facts["distribution_minor_version"] = version.substr(dot + 1, next == std::string::npos ? next : next - dot - 1);
    }
    facts["distribution_release"] = codename.empty() ? "NA" : codename;
    facts["os_family"] = os_family(distribution);
}

void add_platform_facts(core::Value& facts, const Sections& sections)
{
    const auto uname = lines_of(section(sections, "uname"));
    auto line = [&](std::size_t index) { return index < uname.size() ? trim(uname[index]) : std::string(); };
    facts["system"] = line(0);
    facts["kernel"] = line(1);
    facts["kernel_version"] = line(2);
    facts["machine"] = line(3);
    const std::string machine = line(3);
    const bool x86_32 = machine.size() == 4 && machine[0] == 'i' && machine.substr(2) == "86";
    facts["architecture"] = x86_32 ? "i386" : machine;

    const std::string node = trim(section(sections, "hostname"));
    facts["hostname"] = node.substr(0, node.find('.'));
    facts["nodename"] = node;
    // Python's socket.getfqdn(): the resolved canonical name and aliases, first with a dot.
    const auto names = words_of(section(sections, "fqdn"));
    std::string fqdn = node;
    if (names.size() >= 2) {
        fqdn = names[1];
        const auto dotted = std::find_if(names.begin() + 1, names.end(),
                                         [](const std::string& name) { return name.find('.') != std::string::npos; });
        if (dotted != names.end()) {
            fqdn = *dotted;
        }
    }
    facts["fqdn"] = fqdn;
    const auto dot = fqdn.find('.');
    facts["domain"] = dot == std::string::npos ? "" : fqdn.substr(dot + 1);
}

} // namespace

std::string_view section(const Sections& sections, std::string_view name)
{
    const auto found = sections.find(name);
    return found == sections.end() ? std::string_view() : std::string_view(found->second);
}

Sections split_sections(std::string_view output)
{
    Sections out;
    constexpr std::string_view k_open = "@@scsctl-facts:";
    std::string* current = nullptr;
    std::size_t start = 0;
    while (start < output.size()) {
        auto end = output.find('\n', start);
        if (end == std::string_view::npos) {
            end = output.size();
        }
        const std::string_view line = output.substr(start, end - start);
        if (line.starts_with(k_open) && line.ends_with("@@") && line.size() > k_open.size() + 2) {
            const std::string name(line.substr(k_open.size(), line.size() - k_open.size() - 2));
            current = &out[name];
        } else if (current != nullptr) {
            current->append(line);
            current->push_back('\n');
        }
        start = end + 1;
    }
    return out;
}

core::Value parse_facts(std::string_view output)
{
    const Sections sections = split_sections(output);
    core::Value facts = core::Value::object();
    add_platform_facts(facts, sections);
    add_distribution_facts(facts, sections);
    add_hardware_facts(facts, sections);
    add_network_facts(facts, sections);
    return facts;
}

} // namespace scsctl::facts
