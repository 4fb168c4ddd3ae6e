// Network facts from `ip -j addr` / `ip -j route` (or their text forms when ip lacks
// -j) and /sys/class/net: interfaces, addresses, default routes. Pure; depends on core.
#include <algorithm>
#include <cstdint>

#include "facts/facts_parse.hpp"
#include "facts/facts_text.hpp"

namespace scsctl::facts {

namespace {

std::string ipv4_from_bits(std::uint32_t bits)
{
    return std::to_string(bits >> 24) + "." + std::to_string((bits >> 16) & 255) + "." +
           std::to_string((bits >> 8) & 255) + "." + std::to_string(bits & 255);
}

std::uint32_t ipv4_bits(const std::string& address)
{
    std::uint32_t out = 0;
    std::size_t start = 0;
    for (int part = 0; part < 4; ++part) {
        const auto dot = address.find('.', start);
        out = (out << 8) | static_cast<std::uint32_t>(to_number(address.substr(start, dot - start)) & 255);
        start = dot == std::string::npos ? address.size() : dot + 1;
    }
    return out;
}

std::string link_type(const std::string& ip_type, const std::string& sys_type)
{
    if (ip_type == "ether" || sys_type == "1") {
        return "ether";
    }
    if (ip_type == "loopback" || sys_type == "772") {
        return "loopback";
    }
    if (sys_type == "512") {
        return "ppp";
    }
    if (sys_type == "32") {
        return "infiniband";
    }
    return "unknown";
}

/// `ip -o addr show` lines turned into the shape of `ip -j addr show`.
core::Value addresses_from_text(std::string_view text)
{
    core::Value out = core::Value::array();
    for (const auto& line : lines_of(text)) {
        const auto words = words_of(line);
        if (words.size() < 4) {
            continue;
        }
        std::string name = words[1];
        name = name.substr(0, name.find('@'));
        auto entry = std::find_if(out.begin(), out.end(), [&](const core::Value& e) { return e["ifname"] == name; });
        if (entry == out.end()) {
            out.push_back({{"ifname", name}, {"flags", core::Value::array({"UP"})}, {"addr_info", core::Value::array()}});
            entry = out.end() - 1;
        }
        if (words[2] != "inet" && words[2] != "inet6") {
            continue;
        }
        const auto slash = words[3].find('/');
        core::Value info = {{"family", words[2]},
                            {"local", words[3].substr(0, slash)},
                            {"prefixlen", slash == std::string::npos ? 32 : to_number(words[3].substr(slash + 1))}};
        for (std::size_t i = 4; i + 1 < words.size(); ++i) {
            if (words[i] == "brd" || words[i] == "scope") {
                info[words[i] == "brd" ? "broadcast" : "scope"] = words[i + 1];
            }
        }
        (*entry)["addr_info"].push_back(std::move(info));
    }
    return out;
}

/// `ip route show default` text ("default via GW dev DEV ...") as `ip -j` would print it.
core::Value routes_from_text(std::string_view text)
{
    core::Value out = core::Value::array();
    for (const auto& line : lines_of(text)) {
        const auto words = words_of(line);
        core::Value route = {{"dst", words.empty() ? "" : words[0]}};
        for (std::size_t i = 1; i + 1 < words.size(); ++i) {
            if (words[i] == "via") {
                route["gateway"] = words[i + 1];
            } else if (words[i] == "dev") {
                route["dev"] = words[i + 1];
            }
        }
        out.push_back(std::move(route));
    }
    return out;
}

core::Value parse_json_section(const Sections& sections, std::string_view name)
{
    const auto text = section(sections, name);
    core::Value parsed = core::Value::parse(text, nullptr, false);
    return parsed.is_array() ? parsed : core::Value::array();
}

/// One interface's facts (Ansible's ansible_<ifname>).
core::Value interface_facts(const core::Value& link, const std::map<std::string, std::vector<std::string>>& sys)
{
    const std::string name = link.value("ifname", "");
    const auto sys_found = sys.find(name);
    const std::vector<std::string> sys_fields = sys_found != sys.end() ? sys_found->second : std::vector<std::string>();
    auto sys_field = [&](std::size_t index) { return index < sys_fields.size() ? sys_fields[index] : std::string(); };
    const core::Value flags = link.value("flags", core::Value::array());
    auto has_flag = [&](const char* flag) { return std::find(flags.begin(), flags.end(), flag) != flags.end(); };

    core::Value out = {{"device", name}, {"active", has_flag("UP")}};
    const std::string mac = link.contains("address") ? link.value("address", "") : sys_field(1);
    if (!mac.empty() && mac != "00:00:00:00:00:00") {
        out["macaddress"] = mac;
    }
    out["mtu"] = link.contains("mtu") ? link["mtu"].get<long long>() : to_number(sys_field(0));
    out["promisc"] = has_flag("PROMISC");
    out["type"] = link_type(link.value("link_type", ""), sys_field(2));
    core::Value ipv6 = core::Value::array();
    for (const auto& info : link.value("addr_info", core::Value::array())) {
        const std::string address = info.value("local", "");
        const long long prefix = info.value("prefixlen", 0LL);
        if (info.value("family", "") == "inet6") {
            ipv6.push_back({{"address", address}, {"prefix", std::to_string(prefix)}, {"scope", info.value("scope", "")}});
            continue;
        }
        const std::uint32_t mask = prefix == 0 ? 0 : 0xffffffffU << (32 - prefix);
        core::Value v4 = {{"address", address},
                          {"broadcast", info.value("broadcast", "")},
                          {"netmask", ipv4_from_bits(mask)},
                          {"network", ipv4_from_bits(ipv4_bits(address) & mask)},
                          {"prefix", std::to_string(prefix)}};
        if (!out.contains("ipv4")) {
            out["ipv4"] = std::move(v4);
        } else {
            out["ipv4_secondaries"].push_back(std::move(v4));
        }
    }
    if (!ipv6.empty()) {
        out["ipv6"] = std::move(ipv6);
    }
    return out;
}

/// default_ipv4/default_ipv6: the route's interface facts with gateway and interface.
core::Value default_route(const core::Value& routes, const core::Value& facts, bool v6)
{
    for (const auto& route : routes) {
        const std::string dev = route.value("dev", "");
        if (route.value("dst", "") != "default" || dev.empty() || !facts.contains(dev)) {
            continue;
        }
        const core::Value& iface = facts[dev];
        core::Value out = core::Value::object();
        if (v6) {
            for (const auto& address : iface.value("ipv6", core::Value::array())) {
                if (address.value("scope", "") == "global") {
                    out = {{"address", address["address"]}, {"prefix", address["prefix"]}, {"scope", "global"}};
                    break;
                }
            }
        } else if (iface.contains("ipv4")) {
            out = iface["ipv4"];
            out["alias"] = dev;
        }
        if (out.empty()) {
            return core::Value::object();
        }
        out["gateway"] = route.value("gateway", "");
        out["interface"] = dev;
        if (iface.contains("macaddress")) {
            out["macaddress"] = iface["macaddress"];
        }
        out["mtu"] = iface["mtu"];
        out["type"] = iface["type"];
        core::Value sorted = core::Value::object();
        std::vector<std::string> keys;
        for (const auto& [key, value] : out.items()) {
            keys.push_back(key);
        }
        std::ranges::sort(keys);
        for (const auto& key : keys) {
            sorted[key] = out[key];
        }
        return sorted;
    }
    return core::Value::object();
}

} // namespace

void add_network_facts(core::Value& facts, const Sections& sections)
{
    std::map<std::string, std::vector<std::string>> sys;
    std::vector<std::string> sys_order;
    for (const auto& line : lines_of(section(sections, "links"))) {
        auto words = words_of(line);
        if (!words.empty()) {
            sys_order.push_back(words[0]);
            sys[words[0]] = std::vector<std::string>(words.begin() + 1, words.end());
        }
    }
    const bool json = sections.contains("ip_addr");
    core::Value links = json ? parse_json_section(sections, "ip_addr") : addresses_from_text(section(sections, "ip_addr_text"));
    for (const auto& name : sys_order) {
        if (std::none_of(links.begin(), links.end(), [&](const core::Value& l) { return l.value("ifname", "") == name; })) {
            links.push_back({{"ifname", name}, {"flags", core::Value::array()}, {"addr_info", core::Value::array()}});
        }
    }
    core::Value names = core::Value::array();
    core::Value all_v4 = core::Value::array();
    core::Value all_v6 = core::Value::array();
    for (const auto& link : links) {
        core::Value iface = interface_facts(link, sys);
        const std::string name = iface["device"];
        names.push_back(name);
        for (const auto& info : link.value("addr_info", core::Value::array())) {
            const std::string address = info.value("local", "");
            if (info.value("family", "") == "inet" && !address.starts_with("127.")) {
                all_v4.push_back(address);
            } else if (info.value("family", "") == "inet6" && address != "::1") {
                all_v6.push_back(address);
            }
        }
        facts[name] = std::move(iface);
    }
    facts["interfaces"] = std::move(names);
    facts["all_ipv4_addresses"] = std::move(all_v4);
    facts["all_ipv6_addresses"] = std::move(all_v6);
    const core::Value routes = json ? parse_json_section(sections, "ip_route") : routes_from_text(section(sections, "ip_route_text"));
    facts["default_ipv4"] = default_route(routes, facts, false);
    facts["default_ipv6"] = default_route(parse_json_section(sections, "ip_route6"), facts, true);
}

} // namespace scsctl::facts
