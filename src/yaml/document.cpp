// STUB (owned by the YAML helper): replaced by the real implementation.
#include "yaml/document.hpp"

namespace scsctl::yaml {

std::optional<YAML::Node> parse(const std::string& path, std::string_view, core::Diagnostics& diagnostics)
{
    diagnostics.error({path, 0, 0}, "yaml parsing not implemented yet");
    return std::nullopt;
}

core::Location location_of(const std::string& path, const YAML::Node& node)
{
    return {path, node.Mark().line + 1, node.Mark().column + 1};
}

core::Value to_value(const std::string&, const YAML::Node&, core::Diagnostics&)
{
    return nullptr;
}

core::Value scalar_to_value(const YAML::Node&)
{
    return nullptr;
}

} // namespace scsctl::yaml
