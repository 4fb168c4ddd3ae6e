// Text and JSON output of `scsctl scs flavor-name` and `flavor-name generate`.
// Depends on core and scs.
#include "cli/scs_flavor_output.hpp"

#include "core/text_file.hpp"
#include "scs/flavor_json.hpp"
#include "scs/python_text.hpp"

namespace scsctl::cli {

namespace {

bool needs_quotes(std::string_view text)
{
    if (text.empty() || text.front() == ' ' || text.back() == ' ' ||
        core::first_invalid_text_byte(text) != std::string_view::npos) {
        return true;
    }
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            return true;
        }
    }
    return false;
}

/// A name as the text output shows it: as written, or Python's repr() when that would hide
/// something.
std::string shown(std::string_view text)
{
    return needs_quotes(text) ? scs::python_str_repr(text) : std::string(text);
}

/// A reason on one line: control characters and broken UTF-8 escaped as in repr().
std::string one_line(std::string_view text)
{
    if (!needs_quotes(text) || text.empty()) {
        return std::string(text);
    }
    const std::string repr = scs::python_str_repr(text);
    return repr.substr(1, repr.size() - 2);
}

} // namespace

core::Value flavor_verdict_json(std::string_view name, const scs::FlavorVerdict& verdict)
{
    core::Value entry = core::Value::object();
    entry["name"] = std::string(name);
    entry["verdict"] = std::string(scs::verdict_word(verdict.kind));
    if (verdict.kind == scs::VerdictKind::fail) {
        entry["reason"] = verdict.reason;
    }
    if (verdict.flavor) {
        entry["syntax"] = verdict.syntax == scs::Syntax::v1 ? "v1" : "v3";
        entry["canonical"] = scs::canonical_name(*verdict.flavor);
        scs::add_flavor_fields(entry, *verdict.flavor);
    }
    return entry;
}

std::string flavor_verdict_line(std::string_view name, const scs::FlavorVerdict& verdict)
{
    std::string word(scs::verdict_word(verdict.kind));
    std::string line = word + std::string(word.size() < 15 ? 15 - word.size() : 1, ' ') + shown(name);
    if (verdict.kind == scs::VerdictKind::fail) {
        line += ": " + one_line(verdict.reason);
    } else if (verdict.kind == scs::VerdictKind::pass_tolerated && verdict.flavor) {
        line += " (v1 syntax; v3: " + scs::canonical_name(*verdict.flavor) + ")";
    }
    return line;
}

core::Value generated_json(const scs::GeneratedFlavor& flavor)
{
    core::Value specs = core::Value::object();
    for (const auto& [key, value] : flavor.extra_specs) {
        specs[key] = value;
    }
    return core::Value{{"name", flavor.name}, {"extra_specs", specs}};
}

std::string generated_text(const scs::GeneratedFlavor& flavor)
{
    std::string text = flavor.name + "\n";
    for (const auto& [key, value] : flavor.extra_specs) {
        text += key + "=" + value + "\n";
    }
    return text;
}

std::string json_text(const core::Value& value)
{
    return value.dump(2, ' ', false, core::Value::error_handler_t::replace) + "\n";
}

} // namespace scsctl::cli
