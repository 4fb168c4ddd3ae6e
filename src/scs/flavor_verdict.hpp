// The scs-0100 verdict on one flavor name, as the reference checker's syntax check gives it
// (flavor_names_check.py: v3 parses, v2 and v1 are tolerated): names without the `SCS-`
// prefix are none of its business; v3 names pass; names only v1 can read pass as tolerated
// (v2 adds nothing: its grammar is v3's); any other `SCS-` name fails with v3's reason.
// Depends on the standard library and scs/flavor_name only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scs/flavor_name.hpp"

namespace scsctl::scs {

enum class VerdictKind { pass, pass_tolerated, fail, ignored };

/// "PASS", "PASS-tolerated", "FAIL", "ignored".
std::string_view verdict_word(VerdictKind kind);

struct FlavorVerdict {
    VerdictKind kind = VerdictKind::ignored;
    std::string reason;                ///< FAIL only: the reference's message (or scsctl's, see below)
    bool reference_crashes = false;    ///< FAIL only: the reference dies on this name; the reason is scsctl's
    std::optional<FlavorName> flavor;  ///< PASS and PASS-tolerated
    std::optional<Syntax> syntax;      ///< the syntax that read the name
};

FlavorVerdict check_flavor_name(std::string_view name);

} // namespace scsctl::scs
