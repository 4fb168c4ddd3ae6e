// Host lists given directly with -i ("a,b:2222,[::1]:22"). Owns address splitting for
// host lists only; address syntax itself lives in host_address.cpp.
#include "inventory/host_list.hpp"

#include <charconv>
#include <filesystem>

#include "inventory/host_address.hpp"

namespace scsctl::inventory {

namespace {

std::string_view trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n\f\v");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n\f\v");
    return text.substr(first, last - first + 1);
}

} // namespace

HostAddress parse_host_address(std::string_view entry)
{
    // parse_address(allow_ranges=False): a range is an error there, and the host_list
    // plugin then keeps the entry whole.
    AddressSplit split = split_address(entry);
    if (split.host.find('[') != std::string::npos) {
        return {std::string(entry), std::nullopt};
    }
    std::optional<int> port;
    if (split.port) {
        int number = 0;
        const auto& digits = *split.port;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
        if (ec != std::errc() || end != digits.data() + digits.size()) {
            return {std::string(entry), std::nullopt};
        }
        port = number;
    }
    return {std::move(split.host), port};
}

bool is_host_list(const std::string& source)
{
    std::error_code ec;
    return source.find(',') != std::string::npos && !std::filesystem::exists(source, ec);
}

void load_host_list(const std::string& source, InventoryBuilder& builder)
{
    builder.set_current_source(source);
    const core::Location where{source, 0, 0};
    std::string_view rest = source;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view entry = trim(rest.substr(0, comma));
        if (!entry.empty()) {
            HostAddress address = parse_host_address(entry);
            if (!builder.inventory().find_host(address.host)) {
                const auto id = builder.add_host(address.host, model::Inventory::k_ungrouped, where);
                if (address.port) {
                    builder.set_host_var(id, "ansible_port", *address.port);
                }
            }
        }
        if (comma == std::string_view::npos) {
            break;
        }
        rest = rest.substr(comma + 1);
    }
}

} // namespace scsctl::inventory
