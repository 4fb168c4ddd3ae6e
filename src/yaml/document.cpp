// Parsing one YAML document with yaml-cpp and turning its exceptions into located,
// one-line errors; whole-file loading (libyaml) with Ansible's JSON-first rule.
#include "yaml/document.hpp"

#include <yaml-cpp/depthguard.h>

#include "yaml/text_scan.hpp"
#include "yaml/tree_value.hpp"

namespace scsctl::yaml {

namespace {

core::Location location_at(const std::string& path, const YAML::Mark& mark)
{
    if (mark.is_null() || mark.line < 0 || mark.column < 0) {
        return {path, 0, 0};
    }
    return {path, mark.line + 1, mark.column + 1};
}

/// A yaml-cpp syntax error, or a tab in the indentation before it (what really went wrong).
void report_syntax_error(const std::string& path, std::string_view text, const YAML::Exception& e,
                         core::Diagnostics& diagnostics)
{
    const core::Location where = location_at(path, e.mark);
    const int last_line = where.line > 0 ? where.line : 1 << 30;
    if (auto tab = find_tab_indentation(text, last_line)) {
        diagnostics.error({path, tab->line, tab->column}, "tab character in indentation");
        return;
    }
    std::string message = e.msg.empty() ? std::string("invalid yaml") : "invalid yaml: " + e.msg;
    diagnostics.error(where, message);
}

} // namespace

std::optional<YAML::Node> parse(const std::string& path, std::string_view text, core::Diagnostics& diagnostics)
{
    // YAML::LoadAll loops forever on some inputs (a lone ",": yaml-cpp 0.7 bug, found by
    // fuzzing); the first document is loaded alone and a second one found by its marker.
    YAML::Node document;
    try {
        document = YAML::Load(std::string(text));
    } catch (const YAML::DeepRecursion& e) {
        diagnostics.error(location_at(path, e.mark),
                          "nesting is too deep (more than " + std::to_string(e.depth() - 1) + " levels)");
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        report_syntax_error(path, text, e, diagnostics);
        return std::nullopt;
    } catch (const std::exception& e) {
        diagnostics.error({path, 0, 0}, std::string("invalid yaml: ") + e.what());
        return std::nullopt;
    }
    if (auto marker = find_second_document(text)) {
        diagnostics.error({path, marker->line, marker->column}, "expected a single document, found another one");
        return std::nullopt;
    }
    return document;
}

core::Location location_of(const std::string& path, const YAML::Node& node)
{
    if (!node.IsDefined()) {
        return {path, 0, 0};
    }
    return location_at(path, node.Mark());
}

Typing typing_of(std::string_view text)
{
    // JSON text starts with one of these (after whitespace; a BOM is left to the full
    // check), so most YAML files are told apart without running a JSON parser.
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return Typing::yaml11;
    }
    const std::string_view start = text.substr(first);
    const char c = start[0];
    const bool digit_after_minus = start.size() > 1 && start[1] >= '0' && start[1] <= '9';
    const bool may_be_json = c == '{' || c == '[' || c == '"' || (c >= '0' && c <= '9') ||
                             (c == '-' && digit_after_minus) || c == 't' || c == 'f' || c == 'n' ||
                             static_cast<unsigned char>(c) == 0xEF;
    return may_be_json && core::Value::accept(text) ? Typing::json : Typing::yaml11;
}

std::optional<core::Value> load_value(const std::string& path, std::string_view text, core::Diagnostics& diagnostics,
                                      core::Location* root_location)
{
    if (root_location != nullptr) {
        *root_location = {path, 0, 0};
    }
    const Typing typing = typing_of(text);
    core::Diagnostics parse_diagnostics;
    const auto tree = parse_tree(path, text, parse_diagnostics);
    if (!tree) {
        if (typing == Typing::json) {
            return core::Value::parse(text); // JSON libyaml cannot read: json.loads reads it
        }
        diagnostics.merge(parse_diagnostics);
        return std::nullopt;
    }
    const TreeNode root = tree->root();
    if (root_location != nullptr && root.is_defined()) {
        *root_location = location_of(path, root);
    }
    return to_value(path, root, diagnostics, typing);
}

} // namespace scsctl::yaml
