// What both inventory harnesses do after loading: reconcile and walk the result the way
// the inventory commands do, so that broken invariants (dangling ids, cycles) surface.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/text_file.hpp"
#include "inventory/builder.hpp"
#include "model/inventory.hpp"

namespace fuzz {

/// The real input path refuses NULs and invalid UTF-8 before any parser sees the text.
inline bool acceptable_text(std::string_view input)
{
    return scsctl::core::first_invalid_text_byte(input) == std::string_view::npos;
}

inline std::size_t walk(const scsctl::model::Inventory& inventory)
{
    std::size_t sum = 0;
    for (std::size_t group = 0; group < inventory.groups().size(); ++group) {
        sum += inventory.hosts_of(group).size();
        sum += inventory.descendants(group, true).size();
        sum += inventory.ancestors(group).size();
        sum += inventory.group(group).vars.dump().size();
    }
    for (const auto& host : inventory.hosts()) {
        sum += host.groups.size() + host.vars.dump().size();
    }
    return sum;
}

} // namespace fuzz
