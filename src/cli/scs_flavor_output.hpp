// Output of `scsctl scs flavor-name`: one verdict per name as text lines or as a JSON array
// (docs/scs.md), and the shape of `flavor-name generate`'s answers. Depends on core and scs.
#pragma once

#include <string>
#include <string_view>

#include "core/value.hpp"
#include "scs/flavor_generate.hpp"
#include "scs/flavor_verdict.hpp"

namespace scsctl::cli {

/// One JSON object: name, verdict, reason (FAIL), syntax and canonical and the fields
/// (PASS, PASS-tolerated).
core::Value flavor_verdict_json(std::string_view name, const scs::FlavorVerdict& verdict);

/// One text line (no newline): the verdict word, the name (quoted Python-style when it is
/// empty, has spaces at either end, control characters or bytes that are not UTF-8) and,
/// for FAIL, the reason; for PASS-tolerated, the canonical v3 name.
std::string flavor_verdict_line(std::string_view name, const scs::FlavorVerdict& verdict);

/// {"name": …, "extra_specs": {…}}.
core::Value generated_json(const scs::GeneratedFlavor& flavor);
/// The name, then one `key=value` line per extra_spec.
std::string generated_text(const scs::GeneratedFlavor& flavor);

/// JSON text for stdout: indented, bytes that are not UTF-8 replaced by U+FFFD.
std::string json_text(const core::Value& value);

} // namespace scsctl::cli
