// Fuzz harness: the input as a flavor name (and, split at newlines, as the names that
// `scsctl scs flavor-name -` reads) through the scs-0100 verdict, both syntaxes' parsers,
// the canonical name, the extra_specs, the JSON fields and back. Properties checked (abort
// on violation): every verdict is one of the four; a FAIL has a reason; a parsed name's
// canonical name passes v3 and is its own canonical name; the JSON fields read back as the
// same flavor. No input may crash, hang or throw. See fuzz_main.hpp for how to run it.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_main.hpp"
#include "scs/flavor_generate.hpp"
#include "scs/flavor_json.hpp"
#include "scs/flavor_verdict.hpp"
#include "scs/python_text.hpp"

namespace {

using namespace scsctl::scs;

[[noreturn]] void violated(const char* what, std::string_view name)
{
    std::fprintf(stderr, "fuzz_flavor_name: %s: %s\n", what, python_str_repr(name).c_str());
    std::abort();
}

std::size_t check_one(std::string_view name)
{
    std::size_t sink = 0;
    for (const auto syntax : {Syntax::v1, Syntax::v2}) {
        const auto parsed = parse_flavor_name(name, syntax);
        sink += parsed ? (*parsed ? 1 : 2) : parsed.error().reason.size();
    }
    const FlavorVerdict verdict = check_flavor_name(name);
    if (verdict.kind == VerdictKind::fail && verdict.reason.empty()) {
        violated("FAIL without a reason", name);
    }
    if (!verdict.flavor) {
        return sink + verdict_word(verdict.kind).size() + verdict.reason.size();
    }
    const std::string canonical = canonical_name(*verdict.flavor);
    const FlavorVerdict again = check_flavor_name(canonical);
    if (again.kind != VerdictKind::pass || canonical_name(*again.flavor) != canonical) {
        violated("the canonical name does not pass as itself", name);
    }
    scsctl::core::Value fields = scsctl::core::Value::object();
    add_flavor_fields(fields, *verdict.flavor);
    const auto from_fields = flavor_from_fields(fields);
    if (!from_fields || canonical_name(*from_fields) != canonical) {
        violated("the JSON fields do not read back", name);
    }
    const auto generated = generate_flavor(*from_fields);
    if (generated) {
        sink += generated->extra_specs.size();
    } else if (generated.error().find("scs:diskN-type") == std::string::npos) {
        violated("generate refused a parsed flavor", name);
    }
    return sink + fields.dump(-1, ' ', false, scsctl::core::Value::error_handler_t::replace).size();
}

} // namespace

void fuzz_one(std::string_view input)
{
    std::size_t sink = check_one(input);
    std::size_t start = 0;
    while (start < input.size()) {
        const std::size_t end = input.find('\n', start);
        const std::size_t stop = end == std::string_view::npos ? input.size() : end;
        sink += check_one(input.substr(start, stop - start));
        start = stop + 1;
    }
    if (sink == 0x5ca1ab1e) {
        std::puts("");
    }
}
