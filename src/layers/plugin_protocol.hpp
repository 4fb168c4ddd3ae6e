// The external layer protocol, version 1 (docs/plugin-protocol.md): the requests scsctl
// sends and the checks on every reply, as pure functions over JSON values, and the
// inventory view a plugin may see (secret values removed). No processes here
// (plugin_process.hpp). Depends on core, model, inventory and layer descriptors.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"
#include "layers/owned_descriptor.hpp"
#include "layers/plugin_fault.hpp"
#include "model/inventory.hpp"

namespace scsctl::layers {

inline constexpr int k_plugin_protocol = 1;

core::Value hello_request(std::string_view scsctl_version);
core::Value describe_request();
core::Value validate_request(core::Value inventory_view);
core::Value plan_request(core::Value inventory_view);
core::Value checks_request();

/// Every reply's check fails with kind failed (a plugin fault) and a message without the plugin's name
/// ("answered 'describe' without a string 'name'"); the caller names the plugin.

/// The hello reply lists the protocol versions the plugin speaks; 1 must be among them.
core::Result<void> check_hello(const core::Value& reply);

/// The describe reply as a descriptor (its name is checked against the file name by the caller).
core::Result<std::unique_ptr<OwnedDescriptor>> parse_describe(const core::Value& reply);

/// One problem a plugin's `validate` found; host, group and variable say what it is about
/// (each may be empty) so that scsctl can locate it in the inventory files.
struct PluginProblem {
    std::string message;
    std::string host;
    std::string group;
    std::string variable;
};
core::Result<std::vector<PluginProblem>> parse_validate(const core::Value& reply);

/// The plays of a plan reply (a list of mappings, as a playbook file holds them).
core::Result<core::Value> parse_plan(const core::Value& reply);

/// A declarative health check: `command` run on every host `hosts` (a group or pattern)
/// selects, over scsctl's transport; it passes when the exit code is `expect_rc` and, when
/// `stdout_regex` is set, stdout matches it (Python re.search) within `timeout`.
struct DeclaredCheck {
    std::string name;
    std::string description;
    std::string hosts;
    std::string command;
    int expect_rc = 0;
    std::string stdout_regex;
    std::chrono::milliseconds timeout{30000};
    bool become = false;
};
core::Result<std::vector<DeclaredCheck>> parse_checks(const core::Value& reply);

/// How scsctl tells a secret variable from an ordinary one when building a plugin's view.
struct SecretFilter {
    std::vector<std::string> names;                     ///< declared secrets (secrets::secret_registry)
    std::function<bool(std::string_view text)> holds_secret; ///< a known secret value (the store's, passwords)
};

/// True when variable `name` with `value` must not reach a plugin: a connection or become
/// password, a name in `filter.names`, a vault-encrypted value, or any string inside
/// `value` that holds a known secret.
bool is_secret_variable(const std::string& name, const core::Value& value, const SecretFilter& filter);

/// What a plugin sees of the inventory: the layer's groups with their hosts and group
/// variables, those hosts with their variables (Ansible's precedence), the region's
/// variables; every secret variable removed and only its name listed under "secret_vars".
core::Value inventory_view(const model::Inventory& inventory, const LayerDescriptor& layer,
                           const SecretFilter& filter);

} // namespace scsctl::layers
