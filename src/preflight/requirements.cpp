// A host's requirements: the role table's numbers, then the inventory's variables.
#include "preflight/requirements.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

namespace scsctl::preflight {

namespace {

core::Error bad_var(const std::string& host, std::string_view name, const std::string& what)
{
    return {core::ErrorKind::config, "host '" + host + "': variable '" + std::string(name) + "' " + what, {}};
}

/// A number from 0 to `max` from a variable: YAML int or float, or a string of them (INI).
/// The bound keeps the conversion to bytes within 64 bits.
core::Result<std::optional<double>> number_var(const std::string& host, const core::Value& vars, std::string_view name,
                                               double max)
{
    const auto found = vars.find(std::string(name));
    if (found == vars.end() || found->is_null()) {
        return std::nullopt;
    }
    double number = -1;
    if (found->is_number()) {
        number = found->get<double>();
    } else if (found->is_string()) {
        const auto& text = found->get_ref<const std::string&>();
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error != std::errc() || end != text.data() + text.size()) {
            number = -1;
        }
    }
    if (!(number >= 0) || !std::isfinite(number)) {
        return core::fail(bad_var(host, name, "must be a non-negative number, got " + found->dump()));
    }
    if (number > max) {
        char limit[32];
        std::snprintf(limit, sizeof limit, "%.0f", max);
        return core::fail(bad_var(host, name, "must be at most " + std::string(limit) + ", got " + found->dump()));
    }
    return number;
}

core::Result<std::vector<std::string>> string_list_var(const std::string& host, const core::Value& vars,
                                                       std::string_view name, std::vector<std::string> fallback)
{
    const auto found = vars.find(std::string(name));
    if (found == vars.end() || found->is_null()) {
        return fallback;
    }
    if (!found->is_array()) {
        return core::fail(bad_var(host, name, "must be a list of paths, got " + found->dump()));
    }
    std::vector<std::string> out;
    for (const auto& item : *found) {
        if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
            return core::fail(bad_var(host, name, "must be a list of paths, got item " + item.dump()));
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

core::Result<PortRequirement> extra_port(const std::string& host, const core::Value& item)
{
    PortRequirement port;
    port.layer = "inventory";
    port.service = "preflight_extra_ports";
    const core::Value* number = &item;
    if (item.is_object()) {
        number = item.contains("port") ? &item["port"] : nullptr;
        if (item.contains("owner") && item["owner"].is_string()) {
            port.owners.push_back(item["owner"].get<std::string>());
        }
        if (item.contains("service") && item["service"].is_string()) {
            port.service = item["service"].get<std::string>();
        }
    }
    int value = 0;
    if (number != nullptr && number->is_number_integer()) {
        value = number->get<int>();
    } else if (number != nullptr && number->is_string()) {
        const auto& text = number->get_ref<const std::string&>();
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        value = (error == std::errc() && end == text.data() + text.size()) ? value : 0;
    }
    if (value < 1 || value > 65535) {
        return core::fail(bad_var(host, "preflight_extra_ports",
                                  "items must be ports (1-65535) or {port, owner, service}, got " + item.dump()));
    }
    port.port = value;
    return port;
}

void add_port(std::vector<PortRequirement>& ports, PortRequirement port)
{
    const auto same = std::ranges::find(ports, port.port, &PortRequirement::port);
    if (same == ports.end()) {
        ports.push_back(std::move(port));
        return;
    }
    for (auto& owner : port.owners) {
        if (std::ranges::find(same->owners, owner) == same->owners.end()) {
            same->owners.push_back(std::move(owner));
        }
    }
}

core::Result<bool> bool_var(const std::string& host, const core::Value& vars, const char* name)
{
    const auto found = vars.find(name);
    if (found == vars.end() || found->is_null()) {
        return false;
    }
    if (found->is_boolean()) {
        return found->get<bool>();
    }
    if (found->is_string()) {
        std::string text = found->get<std::string>();
        std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (text == "true" || text == "yes") {
            return true;
        }
        if (text == "false" || text == "no") {
            return false;
        }
    }
    return core::fail(bad_var(host, name, "must be true or false, got " + found->dump()));
}

core::Result<std::vector<OsdFile>> osd_files(const std::string& host, const core::Value& vars)
{
    const auto paths = SCSCTL_TRY(string_list_var(host, vars, "ceph_osd_devices", {std::string(k_default_osd_device)}));
    std::string size_text(k_default_osd_file_size);
    if (const auto found = vars.find("ceph_osd_file_size"); found != vars.end() && !found->is_null()) {
        size_text = found->is_string() ? found->get<std::string>() : found->dump();
    }
    auto size = parse_size(size_text);
    if (!size) {
        return core::fail(bad_var(host, "ceph_osd_file_size", size.error().message));
    }
    std::vector<OsdFile> out;
    for (const auto& path : paths) {
        out.push_back({path, *size});
    }
    return out;
}

} // namespace

core::Result<std::uint64_t> parse_size(std::string_view text)
{
    std::uint64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end == text.data()) {
        return core::fail({core::ErrorKind::config, "'" + std::string(text) + "' is not a size (like 4G or 500M)", {}});
    }
    std::string_view suffix(end, static_cast<std::size_t>(text.data() + text.size() - end));
    constexpr std::string_view k_letters = "KMGTP";
    std::uint64_t multiplier = 1;
    if (!suffix.empty()) {
        const auto power = k_letters.find(suffix.front());
        const auto rest = suffix.substr(1);
        const bool decimal = rest == "B";
        if (power == std::string_view::npos || !(rest.empty() || rest == "iB" || decimal)) {
            return core::fail(
                {core::ErrorKind::config, "'" + std::string(text) + "' is not a size (like 4G or 500M)", {}});
        }
        for (std::size_t i = 0; i <= power; ++i) {
            multiplier *= decimal ? 1000 : 1024;
        }
    }
    if (number > UINT64_MAX / multiplier) {
        return core::fail({core::ErrorKind::config, "'" + std::string(text) + "' is too large", {}});
    }
    return number * multiplier;
}

core::Result<HostRequirements> host_requirements(const std::string& host, const std::vector<Role>& roles,
                                                 const core::Value& vars)
{
    HostRequirements out;
    std::uint64_t memory_mb = k_default_memory_mb;
    bool osd = false;
    for (const auto& role : roles) {
        osd = osd || (role.layer == "ceph" && role.group == "ceph_osd");
        for (const auto& spec : role_table()) {
            if (spec.layer != role.layer || spec.group != role.group) {
                continue;
            }
            memory_mb = std::max(memory_mb, spec.memory_mb);
            for (const auto& port : spec.ports) {
                add_port(out.ports, {port.port, std::string(port.service), role.layer,
                                     std::vector<std::string>(port.owners.begin(), port.owners.end())});
            }
        }
    }
    out.min_memory_bytes = memory_mb * k_mib;
    if (const auto disk = SCSCTL_TRY(number_var(host, vars, "preflight_min_disk_gb", 1e9))) {
        out.min_disk_bytes = static_cast<std::uint64_t>(*disk * static_cast<double>(k_gib));
    }
    if (const auto memory = SCSCTL_TRY(number_var(host, vars, "preflight_min_memory_mb", 1e12))) {
        out.min_memory_bytes = static_cast<std::uint64_t>(*memory * static_cast<double>(k_mib));
    }
    if (const auto offset = SCSCTL_TRY(number_var(host, vars, "preflight_max_clock_offset", 1e6))) {
        out.max_clock_offset_s = *offset;
    }
    if (const auto extra = vars.find("preflight_extra_ports"); extra != vars.end() && !extra->is_null()) {
        if (!extra->is_array()) {
            return core::fail(bad_var(host, "preflight_extra_ports", "must be a list, got " + extra->dump()));
        }
        for (const auto& item : *extra) {
            add_port(out.ports, SCSCTL_TRY(extra_port(host, item)));
        }
    }
    std::ranges::sort(out.ports, {}, &PortRequirement::port);
    if (osd) {
        for (auto& file : SCSCTL_TRY(osd_files(host, vars))) {
            if (file.path.starts_with("/dev/")) {
                out.osd_devices.push_back(std::move(file.path));
            } else {
                out.osd_files.push_back(std::move(file));
            }
        }
        out.osd_wipe_devices = SCSCTL_TRY(bool_var(host, vars, "ceph_osd_wipe_devices"));
    }
    return out;
}

} // namespace scsctl::preflight
