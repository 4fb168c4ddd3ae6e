// The verdict of the reference checker's ParsingStrategy(v3; tolerated v2, v1) on one name.
// Depends on the standard library and scs/flavor_name only.
#include "scs/flavor_verdict.hpp"

namespace scsctl::scs {

std::string_view verdict_word(VerdictKind kind)
{
    switch (kind) {
    case VerdictKind::pass:
        return "PASS";
    case VerdictKind::pass_tolerated:
        return "PASS-tolerated";
    case VerdictKind::fail:
        return "FAIL";
    case VerdictKind::ignored:
        break;
    }
    return "ignored";
}

FlavorVerdict check_flavor_name(std::string_view name)
{
    FlavorVerdict verdict;
    auto v3 = parse_flavor_name(name, Syntax::v2);
    if (v3 && !*v3) {
        return verdict; // no `SCS-` prefix (an empty name included)
    }
    if (v3) {
        verdict.kind = VerdictKind::pass;
        verdict.flavor = std::move(**v3);
        verdict.syntax = Syntax::v2;
        return verdict;
    }
    // The tolerated parsers run even after the v3 parser crashed; v2 is v3 again, so only v1
    // can change the outcome.
    if (auto v1 = parse_flavor_name(name, Syntax::v1); v1 && *v1) {
        verdict.kind = VerdictKind::pass_tolerated;
        verdict.flavor = std::move(**v1);
        verdict.syntax = Syntax::v1;
        return verdict;
    }
    verdict.kind = VerdictKind::fail;
    verdict.reason = std::move(v3.error().reason);
    verdict.reference_crashes = v3.error().reference_crashes;
    return verdict;
}

} // namespace scsctl::scs
