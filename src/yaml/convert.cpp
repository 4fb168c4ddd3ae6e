// yaml-cpp nodes to core::Value with PyYAML's construction rules (converter.hpp holds
// the rules; this file adapts yaml-cpp's node API to them).
#include "yaml/converter.hpp"
#include "yaml/document.hpp"

namespace scsctl::yaml {

template <>
struct NodeOps<YAML::Node> {
    static bool is_map(const YAML::Node& node) { return node.IsMap(); }
    static bool is_sequence(const YAML::Node& node) { return node.IsSequence(); }
    static bool is_scalar(const YAML::Node& node) { return node.IsScalar(); }
    static std::string_view tag(const YAML::Node& node) { return node.Tag(); }
    static std::string_view scalar(const YAML::Node& node) { return node.Scalar(); }
    static bool same(const YAML::Node& a, const YAML::Node& b) { return a.is(b); }
    static core::Location location(const std::string& path, const YAML::Node& node) { return location_of(path, node); }
    /// reset() rebinds: yaml-cpp's operator= would overwrite the shared node inside the document.
    static void rebind(YAML::Node& slot, const YAML::Node& value) { slot.reset(value); }

    template <class F>
    static void for_each_pair(const YAML::Node& node, F&& f)
    {
        for (auto it = node.begin(); it != node.end(); ++it) {
            f(it->first, it->second);
        }
    }

    template <class F>
    static void for_each_item(const YAML::Node& node, F&& f)
    {
        for (const auto& item : node) {
            f(item);
        }
    }
};

core::Value to_value(const std::string& path, const YAML::Node& node, core::Diagnostics& diagnostics, Typing typing,
                     ValueBudget* budget)
{
    Converter<YAML::Node> converter(path, diagnostics, typing, budget);
    return converter.convert(node);
}

core::Value scalar_to_value(const YAML::Node& node)
{
    core::Diagnostics ignored;
    const std::string path;
    Converter<YAML::Node> converter(path, ignored, Typing::yaml11);
    return node.IsMap() || node.IsSequence() ? core::Value(nullptr) : converter.convert(node);
}

std::vector<MapEntry> mapping_entries(const std::string& path, const YAML::Node& node, core::Diagnostics& diagnostics,
                                      Typing typing)
{
    if (!node.IsMap()) {
        return {};
    }
    Converter<YAML::Node> converter(path, diagnostics, typing);
    return converter.entries(node);
}

std::string describe_node(const YAML::Node& node, Typing typing)
{
    return describe_with(node, typing);
}

} // namespace scsctl::yaml
