// A libyaml Tree's nodes to core::Value (converter.hpp holds PyYAML's rules; this file
// adapts TreeNode to them).
#include "yaml/converter.hpp"
#include "yaml/tree_value.hpp"

namespace scsctl::yaml {

template <>
struct NodeOps<TreeNode> {
    static bool is_map(const TreeNode& node) { return node.is_map(); }
    static bool is_sequence(const TreeNode& node) { return node.is_sequence(); }
    /// As yaml-cpp does, a plain untagged null is no scalar: it converts to null.
    static bool is_scalar(const TreeNode& node) { return node.is_scalar() && !node.is_null(); }
    static std::string_view tag(const TreeNode& node) { return node.tag(); }
    static std::string_view scalar(const TreeNode& node) { return node.scalar(); }
    static bool same(const TreeNode& a, const TreeNode& b) { return a.same(b); }
    static core::Location location(const std::string& path, const TreeNode& node) { return location_of(path, node); }
    static void rebind(TreeNode& slot, const TreeNode& value) { slot = value; }

    template <class F>
    static void for_each_pair(const TreeNode& node, F&& f)
    {
        const std::size_t count = node.child_count();
        for (std::size_t i = 0; i + 1 < count; i += 2) {
            f(node.child(i), node.child(i + 1));
        }
    }

    template <class F>
    static void for_each_item(const TreeNode& node, F&& f)
    {
        const std::size_t count = node.child_count();
        for (std::size_t i = 0; i < count; ++i) {
            f(node.child(i));
        }
    }
};

core::Value to_value(const std::string& path, const TreeNode& node, core::Diagnostics& diagnostics, Typing typing,
                     ValueBudget* budget)
{
    Converter<TreeNode> converter(path, diagnostics, typing, budget);
    return converter.convert(node);
}

std::vector<TreeEntry> mapping_entries(const std::string& path, const TreeNode& node, core::Diagnostics& diagnostics,
                                       Typing typing)
{
    if (!node.is_map()) {
        return {};
    }
    Converter<TreeNode> converter(path, diagnostics, typing);
    return converter.entries(node);
}

std::string describe_node(const TreeNode& node, Typing typing)
{
    return describe_with(node, typing);
}

} // namespace scsctl::yaml
