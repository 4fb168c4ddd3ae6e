// Read access to a parsed Tree (see tree.hpp); building it is tree_builder.cpp's job.
#include "yaml/tree.hpp"

namespace scsctl::yaml {

namespace {

bool is_null_text(std::string_view text)
{
    return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

} // namespace

bool TreeNode::is_map() const
{
    return m_tree != nullptr && m_tree->m_nodes[m_id].kind == Tree::Kind::mapping;
}

bool TreeNode::is_sequence() const
{
    return m_tree != nullptr && m_tree->m_nodes[m_id].kind == Tree::Kind::sequence;
}

bool TreeNode::is_scalar() const
{
    return m_tree != nullptr && m_tree->m_nodes[m_id].kind == Tree::Kind::scalar;
}

bool TreeNode::is_null() const
{
    if (!is_scalar()) {
        return false;
    }
    const Tree::Node& node = m_tree->m_nodes[m_id];
    return node.plain && node.tag_size == 0 && is_null_text(scalar());
}

std::string_view TreeNode::tag() const
{
    if (m_tree == nullptr) {
        return "";
    }
    const Tree::Node& node = m_tree->m_nodes[m_id];
    if (node.tag_size == 0) {
        return node.kind != Tree::Kind::scalar || node.plain ? "?" : "!";
    }
    return std::string_view(m_tree->m_text).substr(node.tag_begin, node.tag_size);
}

std::string_view TreeNode::scalar() const
{
    if (!is_scalar()) {
        return "";
    }
    const Tree::Node& node = m_tree->m_nodes[m_id];
    return std::string_view(m_tree->m_text).substr(node.begin, node.size);
}

std::size_t TreeNode::child_count() const
{
    return m_tree == nullptr || is_scalar() ? 0 : m_tree->m_nodes[m_id].size;
}

TreeNode TreeNode::child(std::size_t index) const
{
    return TreeNode(m_tree, m_tree->m_children[m_tree->m_nodes[m_id].begin + index]);
}

int TreeNode::line() const
{
    return m_tree == nullptr ? 0 : static_cast<int>(m_tree->m_nodes[m_id].line);
}

int TreeNode::column() const
{
    return m_tree == nullptr ? 0 : static_cast<int>(m_tree->m_nodes[m_id].column);
}

core::Location location_of(const std::string& path, const TreeNode& node)
{
    return {path, node.line(), node.column()};
}

} // namespace scsctl::yaml
