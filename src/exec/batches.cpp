// Batch sizes with Ansible's rounding: a percentage of the play's hosts, rounded down,
// at least 1.
#include "exec/batches.hpp"

#include <algorithm>

namespace scsctl::exec {

namespace {

core::Result<std::size_t> batch_size(const core::Value& entry, std::size_t total)
{
    if (entry.is_number_integer()) {
        return static_cast<std::size_t>(std::max<long long>(entry.get<long long>(), 0));
    }
    if (entry.is_string()) {
        std::string text = entry.get<std::string>();
        const bool percent = !text.empty() && text.back() == '%';
        if (percent) {
            text.pop_back();
        }
        try {
            std::size_t used = 0;
            const double number = std::stod(text, &used);
            if (used == text.size() && number >= 0) {
                if (!percent) {
                    return static_cast<std::size_t>(number);
                }
                return std::max<std::size_t>(1, static_cast<std::size_t>(number * static_cast<double>(total) / 100.0));
            }
        } catch (...) {
        }
    }
    return core::fail(core::Error{core::ErrorKind::config,
                                  "serial: expected an integer, a percentage or a list of them, got " + entry.dump(), {}});
}

} // namespace

core::Result<std::vector<std::vector<std::string>>> split_batches(const std::vector<std::string>& hosts,
                                                                  const core::Value& serial)
{
    std::vector<std::size_t> sizes;
    if (serial.is_array()) {
        for (const auto& entry : serial) {
            sizes.push_back(SCSCTL_TRY(batch_size(entry, hosts.size())));
        }
    } else if (!serial.is_null()) {
        sizes.push_back(SCSCTL_TRY(batch_size(serial, hosts.size())));
    }
    std::vector<std::vector<std::string>> out;
    std::size_t next = 0;
    std::size_t which = 0;
    while (next < hosts.size()) {
        std::size_t size = sizes.empty() ? 0 : sizes[std::min(which, sizes.size() - 1)];
        if (size == 0) {
            size = hosts.size();
        }
        ++which;
        const std::size_t end = std::min(hosts.size(), next + size);
        out.emplace_back(hosts.begin() + static_cast<std::ptrdiff_t>(next), hosts.begin() + static_cast<std::ptrdiff_t>(end));
        next = end;
    }
    return out;
}

} // namespace scsctl::exec
