// scsctl.yml as a settings source: where the user and inventory files are, and reading one
// (a flat mapping of known keys; unknown keys are errors with a spelling hint). Not cli.
#include <filesystem>
#include <set>

#include <yaml-cpp/yaml.h>

#include "config/sources.hpp"
#include "config/value_parse.hpp"
#include "core/spellcheck.hpp"
#include "core/text_file.hpp"

namespace scsctl::config {

namespace {

namespace fs = std::filesystem;

core::Location location_of(const std::string& path, const YAML::Mark& mark)
{
    if (mark.line < 0) {
        return core::Location{path, 0, 0};
    }
    return core::Location{path, mark.line + 1, mark.column + 1};
}

std::string kind_of(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return "a mapping";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Null:
        return "null";
    default:
        return "'" + node.Scalar() + "'";
    }
}

/// The value of `key` from its YAML node; a list is accepted for roles_path.
core::Result<core::Value> value_of(const KeyInfo& key, const YAML::Node& node, const PathContext& context)
{
    const bool nullable = key.type == ValueType::text || key.type == ValueType::path;
    if (node.IsNull() && nullable) {
        return core::Value(nullptr);
    }
    if (node.IsSequence() && key.type == ValueType::path_list) {
        core::Value list = core::Value::array();
        for (const auto& item : node) {
            if (!item.IsScalar() || item.Scalar().empty()) {
                return core::fail(core::Error{core::ErrorKind::config,
                                              "roles_path entries must be non-empty paths, got " + kind_of(item), {}});
            }
            list.push_back(resolve_path(item.Scalar(), context));
        }
        return list;
    }
    if (!node.IsScalar()) {
        const std::string expected = key.type == ValueType::path_list ? "a list of paths or a ':'-separated string"
                                                                      : "a single value";
        return core::fail(core::Error{core::ErrorKind::config,
                                      std::string(key.name) + " must be " + expected + ", got " + kind_of(node), {}});
    }
    return parse_text(key, node.Scalar(), Dialect::scsctl, context);
}

std::vector<std::string> key_names()
{
    std::vector<std::string> names;
    for (const KeyInfo& key : keys()) {
        names.emplace_back(key.name);
    }
    return names;
}

std::optional<YAML::Node> load_yaml(const std::string& path, const std::string& text, core::Diagnostics& diagnostics)
{
    try {
        return YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        diagnostics.error(location_of(path, e.mark), e.msg);
    } catch (const YAML::Exception& e) {
        diagnostics.error(location_of(path, e.mark), e.msg);
    }
    return std::nullopt;
}

} // namespace

std::string user_config_path(const SettingsInputs& inputs)
{
    const auto xdg = inputs.environment.find("XDG_CONFIG_HOME");
    // The XDG base-directory spec: an unset, empty or relative value means the default.
    if (xdg != inputs.environment.end() && !xdg->second.empty() && xdg->second[0] == '/') {
        return (fs::path(xdg->second) / "scsctl" / "scsctl.yml").string();
    }
    return resolve_path("~/.config/scsctl/scsctl.yml", PathContext{inputs.cwd, &inputs.environment});
}

std::optional<std::string> inventory_config_path(const SettingsInputs& inputs)
{
    if (inputs.inventories.empty() || inputs.inventories.front().empty()) {
        return std::nullopt;
    }
    // Relative stays relative (as the user wrote -i), so messages name the path they know.
    const fs::path given(inputs.inventories.front());
    const fs::path source = fs::path(inputs.cwd) / given;
    std::error_code ec;
    if (fs::is_directory(source, ec)) {
        return (given / "scsctl.yml").lexically_normal().string();
    }
    if (fs::exists(source, ec)) {
        return (given.parent_path() / "scsctl.yml").lexically_normal().string();
    }
    return std::nullopt; // a host list ("a,b,") or a source the inventory loader reports
}

std::string apply_scsctl_yml(Settings& settings, const std::string& path, SourceKind kind,
                             const SettingsInputs& inputs, core::Diagnostics& diagnostics)
{
    const std::string absolute = (fs::path(inputs.cwd) / path).string();
    std::error_code ec;
    if (!fs::exists(absolute, ec)) {
        return "not found";
    }
    auto text = core::read_text_file(absolute);
    if (!text) {
        diagnostics.error(text.error().where.empty() ? core::Location{path, 0, 0} : text.error().where,
                          text.error().message);
        return "unreadable";
    }
    const auto root = load_yaml(path, *text, diagnostics);
    if (!root) {
        return "invalid";
    }
    if (root->IsNull()) {
        return "used (empty)";
    }
    if (!root->IsMap()) {
        diagnostics.error(location_of(path, root->Mark()),
                          "scsctl.yml must be a mapping of setting names to values, got " + kind_of(*root));
        return "invalid";
    }
    const PathContext context{fs::path(absolute).parent_path().string(), &inputs.environment};
    static const std::vector<std::string> k_names = key_names();
    std::set<std::string> seen;
    for (const auto& pair : *root) {
        const core::Location key_at = location_of(path, pair.first.Mark());
        const std::string name = pair.first.IsScalar() ? pair.first.Scalar() : std::string();
        const KeyInfo* key = find_key(name);
        if (key == nullptr) {
            diagnostics.error(key_at, "unknown setting '" + name + "'" + core::did_you_mean(name, k_names));
            continue;
        }
        if (!seen.insert(name).second) {
            diagnostics.error(key_at, "duplicate setting '" + name + "'");
            continue;
        }
        core::Location value_at = location_of(path, pair.second.Mark());
        if (value_at.line == 0) {
            value_at = key_at;
        }
        auto value = value_of(*key, pair.second, context);
        if (!value) {
            diagnostics.error(value_at, value.error().message);
            continue;
        }
        settings.set(key->name, std::move(*value), Origin{kind, value_at, {}});
    }
    return "used";
}

} // namespace scsctl::config
