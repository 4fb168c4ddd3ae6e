// A parsed YAML document as a compact, immutable graph of located nodes (aliases share
// their anchor's node), built from libyaml's events. Depends on core and libyaml only;
// no yaml-cpp, so code reading a Tree needs no yaml-cpp either.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/location.hpp"

namespace scsctl::yaml {

class Tree;

/// A handle to one node of a Tree; default-constructed it is "undefined" (no node).
/// Tags follow yaml-cpp's convention, which the converters expect: "?" for an untagged
/// plain scalar or collection, "!" for an untagged quoted or block scalar, else the
/// resolved tag ("tag:yaml.org,2002:str", "!unsafe").
class TreeNode {
public:
    TreeNode() = default;

    bool is_defined() const { return m_tree != nullptr; }
    bool is_map() const;
    bool is_sequence() const;
    bool is_scalar() const;
    /// An untagged plain scalar spelling null ("", "~", "null", "Null", "NULL").
    bool is_null() const;
    std::string_view tag() const;
    /// The text of a scalar (empty for collections).
    std::string_view scalar() const;
    /// Items of a sequence, or keys and values alternating for a mapping.
    std::size_t child_count() const;
    TreeNode child(std::size_t index) const;
    /// 1-based line and column where the node starts (its anchor or tag, if any).
    int line() const;
    int column() const;
    /// Whether both handles name the same node (an alias and its anchor do).
    bool same(const TreeNode& other) const { return m_tree == other.m_tree && m_id == other.m_id; }

private:
    friend class Tree;
    TreeNode(const Tree* tree, std::uint32_t id) : m_tree(tree), m_id(id) {}

    const Tree* m_tree = nullptr;
    std::uint32_t m_id = 0;
};

/// The nodes of one document. Scalars and tags live in one text buffer; children in one
/// index array, so a document costs a few allocations, not one per node.
class Tree {
public:
    enum class Kind : std::uint8_t { scalar, sequence, mapping };

    struct Node {
        Kind kind = Kind::scalar;
        bool plain = false;          ///< a plain (unquoted) scalar
        std::uint32_t line = 0;      ///< 1-based
        std::uint32_t column = 0;    ///< 1-based
        std::uint32_t tag_begin = 0; ///< into m_text; tag_size 0 means "?" or "!" (see plain)
        std::uint32_t tag_size = 0;
        std::uint32_t begin = 0;     ///< scalar: into m_text; collection: into m_children
        std::uint32_t size = 0;      ///< scalar bytes, or child count (keys and values)
    };

    /// The root node; undefined for an empty stream.
    TreeNode root() const { return m_nodes.empty() ? TreeNode() : TreeNode(this, m_root); }

private:
    friend class TreeNode;
    friend class TreeBuilder;

    std::vector<Node> m_nodes;
    std::vector<std::uint32_t> m_children;
    std::string m_text;
    std::uint32_t m_root = 0;
};

/// Parses the single document of `text` (read from `path`) with libyaml. Syntax errors,
/// undefined or duplicate anchors, tab indentation, too deep nesting and a second
/// document are reported located, one line each, and yield nullopt. An empty stream
/// gives a Tree whose root is undefined.
std::optional<Tree> parse_tree(const std::string& path, std::string_view text, core::Diagnostics& diagnostics);

/// Where `node` starts in `path` (0 when the node is undefined).
core::Location location_of(const std::string& path, const TreeNode& node);

} // namespace scsctl::yaml
