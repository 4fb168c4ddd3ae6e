// Walks the libyaml tree of clouds.yaml/secure.yaml into CloudEntry values. Unknown keys
// are kept (the client has dozens: identity_api_version, volume_api_version, …); only the
// shape is checked, the meaning is cloud_config.cpp's.
#include "openstack/clouds_file.hpp"

#include "core/diagnostics.hpp"
#include "core/text_file.hpp"
#include "yaml/tree.hpp"

namespace scsctl::openstack {

namespace {

core::Error located(const std::string& path, const yaml::TreeNode& node, const std::string& message)
{
    return core::Error{core::ErrorKind::config, message, yaml::location_of(path, node)};
}

std::string kind_of(const yaml::TreeNode& node)
{
    if (node.is_map()) {
        return "a mapping";
    }
    if (node.is_sequence()) {
        return "a list";
    }
    return "a scalar";
}

/// Scalar keys of mapping `node` into `out`; `auth` (when given) receives the `auth:` mapping.
core::Result<void> read_settings(const std::string& path, const yaml::TreeNode& node, const std::string& context,
                                 std::map<std::string, LocatedSetting>& out, std::map<std::string, LocatedSetting>* auth)
{
    for (std::size_t i = 0; i + 1 < node.child_count(); i += 2) {
        const yaml::TreeNode key = node.child(i);
        const yaml::TreeNode value = node.child(i + 1);
        const std::string name(key.scalar());
        if (auth != nullptr && name == "auth") {
            if (value.is_null()) {
                continue;
            }
            if (!value.is_map()) {
                return core::fail(located(path, value, context + ": 'auth' must be a mapping, not " + kind_of(value)));
            }
            SCSCTL_TRY(read_settings(path, value, context + ".auth", *auth, nullptr));
            continue;
        }
        if (value.is_map() || value.is_sequence()) {
            // Nested sections the client knows (regions, networks, …) are not settings here.
            if (auth == nullptr) {
                return core::fail(located(path, value,
                                          context + ": '" + name + "' must be a single value, not " + kind_of(value)));
            }
            continue;
        }
        if (value.is_null()) {
            continue;
        }
        out[name] = LocatedSetting{std::string(value.scalar()), yaml::location_of(path, value)};
    }
    return {};
}

} // namespace

core::Result<CloudsFile> parse_clouds_file(const std::string& path, std::string_view text)
{
    core::Diagnostics diagnostics;
    const auto tree = yaml::parse_tree(path, text, diagnostics);
    if (!tree) {
        const auto sorted = diagnostics.sorted();
        if (!sorted.empty()) {
            return core::fail(core::Error{core::ErrorKind::config, sorted.front().message, sorted.front().where});
        }
        return core::fail(core::Error{core::ErrorKind::config, "not a YAML document", core::Location{path, 0, 0}});
    }
    CloudsFile file{path, {}};
    const yaml::TreeNode root = tree->root();
    if (!root.is_defined() || root.is_null()) {
        return file;
    }
    if (!root.is_map()) {
        return core::fail(located(path, root, "a clouds file must be a mapping with a 'clouds' key, not " + kind_of(root)));
    }
    for (std::size_t i = 0; i + 1 < root.child_count(); i += 2) {
        if (root.child(i).scalar() != "clouds") {
            continue;
        }
        const yaml::TreeNode clouds = root.child(i + 1);
        if (clouds.is_null()) {
            continue;
        }
        if (!clouds.is_map()) {
            return core::fail(located(path, clouds, "'clouds' must be a mapping of cloud names, not " + kind_of(clouds)));
        }
        for (std::size_t c = 0; c + 1 < clouds.child_count(); c += 2) {
            const std::string name(clouds.child(c).scalar());
            const yaml::TreeNode entry = clouds.child(c + 1);
            CloudEntry cloud;
            cloud.where = yaml::location_of(path, clouds.child(c));
            if (!entry.is_null()) {
                if (!entry.is_map()) {
                    return core::fail(located(path, entry, "cloud '" + name + "' must be a mapping, not " + kind_of(entry)));
                }
                SCSCTL_TRY(read_settings(path, entry, "cloud '" + name + "'", cloud.settings, &cloud.auth));
            }
            file.clouds[name] = std::move(cloud);
        }
    }
    return file;
}

core::Result<CloudsFile> load_clouds_file(const std::string& path)
{
    const std::string text = SCSCTL_TRY(core::read_text_file(path));
    return parse_clouds_file(path, text);
}

CloudsFile merge_secure(CloudsFile base, const CloudsFile& secure)
{
    for (const auto& [name, entry] : secure.clouds) {
        auto [it, added] = base.clouds.try_emplace(name, entry);
        if (added) {
            continue;
        }
        for (const auto& [key, setting] : entry.settings) {
            it->second.settings[key] = setting;
        }
        for (const auto& [key, setting] : entry.auth) {
            it->second.auth[key] = setting;
        }
    }
    return base;
}

} // namespace scsctl::openstack
