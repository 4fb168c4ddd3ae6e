// libyaml's event stream to a Tree: anchors and aliases resolved to shared nodes, the
// nesting depth bounded, a second document refused, and libyaml's errors turned into one
// located line. libyaml is the scanner PyYAML's CLoader (and so Ansible) uses.
#include <memory>
#include <unordered_map>

#include <yaml.h>

#include "yaml/text_scan.hpp"
#include "yaml/tree.hpp"

namespace scsctl::yaml {

namespace {

/// Nodes nested deeper are refused (the converters recurse): yaml-cpp's limit, counted
/// as it did, over every node (scalars and aliases too), so the same documents pass.
constexpr std::size_t k_max_depth = 499;

std::string_view text_of(const yaml_char_t* text)
{
    return text == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(text));
}

struct ParserDeleter {
    void operator()(yaml_parser_t* parser) const
    {
        yaml_parser_delete(parser);
        delete parser;
    }
};

struct EventGuard {
    yaml_event_t event{};
    ~EventGuard() { yaml_event_delete(&event); }
};

} // namespace

/// Builds one Tree from the events of one call to parse_tree.
class TreeBuilder {
public:
    TreeBuilder(const std::string& path, std::string_view text, core::Diagnostics& diagnostics)
        : m_path(path), m_text(text), m_diagnostics(diagnostics)
    {
        m_tree.m_text.reserve(text.size());
        m_tree.m_nodes.reserve(text.size() / 8 + 4);
    }

    std::optional<Tree> build();

private:
    bool on_event(const yaml_event_t& event);
    bool on_node(const yaml_event_t& event, Tree::Kind kind, const yaml_char_t* anchor, const yaml_char_t* tag);
    bool on_alias(const yaml_event_t& event);
    void on_collection_end();
    bool too_deep(const yaml_event_t& event);
    void attach(std::uint32_t id);
    std::uint32_t store_text(std::string_view text);
    void report_syntax_error(const yaml_parser_t& parser);
    void error(const yaml_mark_t& mark, std::string message)
    {
        m_diagnostics.error(location(mark), std::move(message));
    }
    core::Location location(const yaml_mark_t& mark) const
    {
        return {m_path, static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1};
    }

    const std::string& m_path;
    std::string_view m_text;
    core::Diagnostics& m_diagnostics;
    Tree m_tree;
    std::vector<std::uint32_t> m_open;          ///< collections being built, outermost first
    std::vector<std::uint32_t> m_pending;       ///< children of the open collections, in order
    std::vector<std::size_t> m_pending_start;   ///< where each open collection's children start
    std::unordered_map<std::string, std::uint32_t> m_anchors;
    int m_documents = 0;
    bool m_done = false;
};

std::optional<Tree> TreeBuilder::build()
{
    std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
    if (yaml_parser_initialize(parser.get()) == 0) {
        m_diagnostics.error({m_path, 0, 0}, "invalid yaml: cannot start the parser");
        return std::nullopt;
    }
    yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(m_text.data()), m_text.size());
    while (!m_done) {
        EventGuard guard;
        if (yaml_parser_parse(parser.get(), &guard.event) == 0) {
            report_syntax_error(*parser);
            return std::nullopt;
        }
        if (!on_event(guard.event)) {
            return std::nullopt;
        }
    }
    return std::move(m_tree);
}

bool TreeBuilder::on_event(const yaml_event_t& event)
{
    switch (event.type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++m_documents > 1) {
            // Ansible loads one document and refuses a stream of several.
            error(event.start_mark, "expected a single document, found another one");
            return false;
        }
        return true;
    case YAML_SCALAR_EVENT:
        return on_node(event, Tree::Kind::scalar, event.data.scalar.anchor, event.data.scalar.tag);
    case YAML_SEQUENCE_START_EVENT:
        return on_node(event, Tree::Kind::sequence, event.data.sequence_start.anchor, event.data.sequence_start.tag);
    case YAML_MAPPING_START_EVENT:
        return on_node(event, Tree::Kind::mapping, event.data.mapping_start.anchor, event.data.mapping_start.tag);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_collection_end();
        return true;
    case YAML_ALIAS_EVENT:
        return on_alias(event);
    case YAML_STREAM_END_EVENT:
        m_done = true;
        return true;
    default:
        return true; // stream start, document end
    }
}

bool TreeBuilder::on_node(const yaml_event_t& event, Tree::Kind kind, const yaml_char_t* anchor, const yaml_char_t* tag)
{
    if (too_deep(event)) {
        return false;
    }
    Tree::Node node;
    node.kind = kind;
    node.line = static_cast<std::uint32_t>(event.start_mark.line + 1);
    node.column = static_cast<std::uint32_t>(event.start_mark.column + 1);
    if (tag != nullptr) {
        const std::string_view tag_text = text_of(tag);
        node.tag_begin = store_text(tag_text);
        node.tag_size = static_cast<std::uint32_t>(tag_text.size());
    }
    if (kind == Tree::Kind::scalar) {
        const auto& scalar = event.data.scalar;
        node.plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
        node.begin = store_text({reinterpret_cast<const char*>(scalar.value), scalar.length});
        node.size = static_cast<std::uint32_t>(scalar.length);
    }
    const auto id = static_cast<std::uint32_t>(m_tree.m_nodes.size());
    m_tree.m_nodes.push_back(node);
    if (anchor != nullptr) {
        auto [found, inserted] = m_anchors.emplace(std::string(text_of(anchor)), id);
        if (!inserted) {
            // PyYAML's composer (and so Ansible) refuses a redefined anchor.
            error(event.start_mark, "invalid yaml: duplicate anchor '" + found->first + "' (first at line " +
                                        std::to_string(m_tree.m_nodes[found->second].line) + ")");
            return false;
        }
    }
    attach(id);
    if (kind != Tree::Kind::scalar) {
        m_open.push_back(id);
        m_pending_start.push_back(m_pending.size());
    }
    return true;
}

bool TreeBuilder::on_alias(const yaml_event_t& event)
{
    if (too_deep(event)) {
        return false;
    }
    const auto found = m_anchors.find(std::string(text_of(event.data.alias.anchor)));
    if (found == m_anchors.end()) {
        error(event.start_mark, "invalid yaml: undefined alias '" + std::string(text_of(event.data.alias.anchor)) + "'");
        return false;
    }
    attach(found->second);
    return true;
}

/// Whether the node of `event` would be nested too deep (then reported).
bool TreeBuilder::too_deep(const yaml_event_t& event)
{
    if (m_open.size() < k_max_depth) {
        return false;
    }
    error(event.start_mark, "nesting is too deep (more than " + std::to_string(k_max_depth) + " levels)");
    return true;
}

/// Makes `id` the next child of the innermost open collection, or the root.
void TreeBuilder::attach(std::uint32_t id)
{
    if (m_open.empty()) {
        m_tree.m_root = id;
    } else {
        m_pending.push_back(id);
    }
}

void TreeBuilder::on_collection_end()
{
    const std::size_t start = m_pending_start.back();
    Tree::Node& node = m_tree.m_nodes[m_open.back()];
    node.begin = static_cast<std::uint32_t>(m_tree.m_children.size());
    node.size = static_cast<std::uint32_t>(m_pending.size() - start);
    m_tree.m_children.insert(m_tree.m_children.end(), m_pending.begin() + static_cast<std::ptrdiff_t>(start),
                             m_pending.end());
    m_pending.resize(start);
    m_pending_start.pop_back();
    m_open.pop_back();
}

std::uint32_t TreeBuilder::store_text(std::string_view text)
{
    const auto begin = static_cast<std::uint32_t>(m_tree.m_text.size());
    m_tree.m_text.append(text);
    return begin;
}

/// libyaml's problem (and its context) as one line at the problem's place, unless a tab
/// indents a line before it: that is what really went wrong.
void TreeBuilder::report_syntax_error(const yaml_parser_t& parser)
{
    yaml_mark_t mark = parser.problem_mark;
    if (parser.error == YAML_READER_ERROR) {
        mark = {parser.problem_offset, 0, 0}; // the reader knows only the byte offset
        const std::string_view before = m_text.substr(0, std::min(parser.problem_offset, m_text.size()));
        for (char c : before) {
            mark.line += c == '\n' ? 1 : 0;
        }
        const std::size_t line_start = before.rfind('\n');
        mark.column = before.size() - (line_start == std::string_view::npos ? 0 : line_start + 1);
    }
    const int last_line = static_cast<int>(mark.line) + 1;
    if (auto tab = find_tab_indentation(m_text, last_line)) {
        m_diagnostics.error({m_path, tab->line, tab->column}, "tab character in indentation");
        return;
    }
    std::string message = "invalid yaml: ";
    message += parser.problem != nullptr ? parser.problem : "syntax error";
    if (parser.context != nullptr) {
        message += std::string(" (") + parser.context + " at line " + std::to_string(parser.context_mark.line + 1) +
                   " column " + std::to_string(parser.context_mark.column + 1) + ")";
    }
    error(mark, message);
}

std::optional<Tree> parse_tree(const std::string& path, std::string_view text, core::Diagnostics& diagnostics)
{
    TreeBuilder builder(path, text, diagnostics);
    return builder.build();
}

} // namespace scsctl::yaml
