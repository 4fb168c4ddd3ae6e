// Requests and reply checks of protocol version 1. A reply of the wrong shape is refused
// whole with one message naming the field, so a half-understood answer never runs.
#include "layers/plugin_protocol.hpp"

#include <algorithm>

#include "inventory/host_vars.hpp"

namespace scsctl::layers {

namespace {

core::Error shape_error(std::string_view request, const std::string& problem)
{
    return {k_plugin_fault, "answered '" + std::string(request) + "' " + problem, {}};
}

/// The reply's type must be the request's (or "error", which carries the plugin's message).
core::Result<void> check_type(const core::Value& reply, std::string_view request)
{
    const auto type = reply.find("type");
    if (type == reply.end() || !type->is_string()) {
        return core::fail(shape_error(request, "without a string 'type'"));
    }
    if (*type == "error") {
        const auto message = reply.find("message");
        const std::string text = message != reply.end() && message->is_string() ? message->get<std::string>()
                                                                                  : "(no message)";
        return core::fail({k_plugin_fault, "failed '" + std::string(request) + "': " + text, {}});
    }
    if (*type != request) {
        return core::fail(shape_error(request, "with type '" + type->get<std::string>() + "'"));
    }
    return {};
}

/// reply[key] as a string: "" when absent and optional; an error when of another type.
core::Result<std::string> text_field(const core::Value& object, const char* key, std::string_view request,
                                     const std::string& where, bool required)
{
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
        if (required) {
            return core::fail(shape_error(request, "without a string '" + where + key + "'"));
        }
        return std::string();
    }
    if (!found->is_string()) {
        return core::fail(shape_error(request, "with '" + where + key + "' that is not a string"));
    }
    return found->get<std::string>();
}

core::Result<bool> bool_field(const core::Value& object, const char* key, std::string_view request,
                              const std::string& where)
{
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
        return false;
    }
    if (!found->is_boolean()) {
        return core::fail(shape_error(request, "with '" + where + key + "' that is not true or false"));
    }
    return found->get<bool>();
}

/// reply[key] as a list (empty when absent).
core::Result<core::Value> list_field(const core::Value& object, const char* key, std::string_view request,
                                     const std::string& where)
{
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
        return core::Value::array();
    }
    if (!found->is_array()) {
        return core::fail(shape_error(request, "with '" + where + key + "' that is not a list"));
    }
    return *found;
}

core::Result<std::vector<std::string>> string_list(const core::Value& object, const char* key,
                                                   std::string_view request, const std::string& where)
{
    const auto list = SCSCTL_TRY(list_field(object, key, request, where));
    std::vector<std::string> items;
    for (const auto& item : list) {
        if (!item.is_string()) {
            return core::fail(shape_error(request, "with '" + where + key + "' holding a non-string"));
        }
        items.push_back(item.get<std::string>());
    }
    return items;
}

bool valid_name(const std::string& name)
{
    return !name.empty() && std::ranges::all_of(name, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

core::Result<CountRule> count_rule(const std::string& text, const std::string& where)
{
    if (text.empty() || text == "at_least_one") {
        return CountRule::at_least_one;
    }
    if (text == "any") {
        return CountRule::any;
    }
    if (text == "odd") {
        return CountRule::odd;
    }
    return core::fail(shape_error("describe", "with " + where + "count '" + text + "' (any, at_least_one or odd)"));
}

core::Result<VarType> var_type(const std::string& text, const std::string& where)
{
    static constexpr std::pair<std::string_view, VarType> k_types[] = {
        {"string", VarType::string},       {"int", VarType::integer},   {"integer", VarType::integer},
        {"bool", VarType::boolean},        {"boolean", VarType::boolean}, {"list", VarType::string_list},
        {"string_list", VarType::string_list}, {"cidr", VarType::cidr},   {"address", VarType::address},
        {"enum", VarType::enumeration},
    };
    for (const auto& [name, type] : k_types) {
        if (text.empty() ? name == "string" : name == text) {
            return type;
        }
    }
    return core::fail(shape_error("describe", "with " + where + "type '" + text +
                                                  "' (string, int, bool, list, cidr, address or enum)"));
}

/// A default given as a string, number or boolean, as text.
core::Result<std::string> default_text(const core::Value& var, const std::string& where)
{
    const auto found = var.find("default");
    if (found == var.end() || found->is_null()) {
        return std::string();
    }
    if (found->is_string()) {
        return found->get<std::string>();
    }
    if (found->is_number() || found->is_boolean()) {
        return found->dump();
    }
    return core::fail(shape_error("describe", "with " + where + "default that is not a string, number or boolean"));
}

core::Result<void> add_groups(const core::Value& reply, OwnedDescriptor& out)
{
    const auto groups = SCSCTL_TRY(list_field(reply, "groups", "describe", ""));
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const std::string where = "groups[" + std::to_string(i) + "].";
        if (!groups[i].is_object()) {
            return core::fail(shape_error("describe", "with 'groups[" + std::to_string(i) + "]' that is not an object"));
        }
        const auto name = SCSCTL_TRY(text_field(groups[i], "name", "describe", where, true));
        const auto count = SCSCTL_TRY(text_field(groups[i], "count", "describe", where, false));
        const auto description = SCSCTL_TRY(text_field(groups[i], "description", "describe", where, false));
        out.add_group(name, SCSCTL_TRY(count_rule(count, where)), description);
    }
    return {};
}

core::Result<void> add_variable(const core::Value& var, const std::string& where, OwnedDescriptor& out)
{
    VarDecl decl;
    const auto name = SCSCTL_TRY(text_field(var, "name", "describe", where, true));
    const auto type = SCSCTL_TRY(text_field(var, "type", "describe", where, false));
    decl.type = SCSCTL_TRY(var_type(type, where));
    const auto scope = SCSCTL_TRY(text_field(var, "scope", "describe", where, false));
    if (scope != "" && scope != "region" && scope != "host") {
        return core::fail(shape_error("describe", "with " + where + "scope '" + scope + "' (region or host)"));
    }
    decl.scope = scope == "host" ? VarScope::host : VarScope::region;
    const auto group = SCSCTL_TRY(text_field(var, "group", "describe", where, decl.scope == VarScope::host));
    decl.required = SCSCTL_TRY(bool_field(var, "required", "describe", where));
    decl.non_empty = SCSCTL_TRY(bool_field(var, "non_empty", "describe", where));
    const auto fallback = SCSCTL_TRY(default_text(var, where));
    const auto description = SCSCTL_TRY(text_field(var, "description", "describe", where, false));
    const auto choices = SCSCTL_TRY(string_list(var, "choices", "describe", where));
    if (decl.type == VarType::enumeration && choices.empty()) {
        return core::fail(shape_error("describe", "with " + where + "type enum but no 'choices'"));
    }
    decl.name = name;
    decl.group = group;
    decl.fallback = fallback;
    decl.description = description;
    out.add_variable(decl, choices); // copies the strings
    return {};
}

} // namespace

core::Value hello_request(std::string_view scsctl_version)
{
    return {{"type", "hello"}, {"protocol", k_plugin_protocol}, {"scsctl", scsctl_version}};
}

core::Value describe_request()
{
    return {{"type", "describe"}};
}

core::Value validate_request(core::Value inventory_view)
{
    return {{"type", "validate"}, {"inventory", std::move(inventory_view)}};
}

core::Value plan_request(core::Value inventory_view)
{
    return {{"type", "plan"}, {"inventory", std::move(inventory_view)}};
}

core::Value checks_request()
{
    return {{"type", "checks"}};
}

core::Result<void> check_hello(const core::Value& reply)
{
    SCSCTL_TRY(check_type(reply, "hello"));
    const auto found = reply.find("protocols");
    if (found == reply.end() || !found->is_array() ||
        !std::ranges::all_of(*found, [](const core::Value& v) { return v.is_number_integer(); })) {
        return core::fail(shape_error("hello", "without a list of integers 'protocols'"));
    }
    if (std::ranges::find(*found, core::Value(k_plugin_protocol)) == found->end()) {
        return core::fail({k_plugin_fault,
                           "speaks protocol " + found->dump() + ", scsctl speaks [" +
                               std::to_string(k_plugin_protocol) + "]",
                           {}});
    }
    return {};
}

core::Result<std::unique_ptr<OwnedDescriptor>> parse_describe(const core::Value& reply)
{
    SCSCTL_TRY(check_type(reply, "describe"));
    auto out = std::make_unique<OwnedDescriptor>();
    const auto name = SCSCTL_TRY(text_field(reply, "name", "describe", "", true));
    if (!valid_name(name)) {
        return core::fail(shape_error("describe", "with name '" + name + "' (lowercase letters, digits, _ and - only)"));
    }
    out->set_name(name);
    out->set_version(SCSCTL_TRY(text_field(reply, "version", "describe", "", true)));
    out->set_summary(SCSCTL_TRY(text_field(reply, "summary", "describe", "", false)));
    for (const auto& dep : SCSCTL_TRY(string_list(reply, "depends_on", "describe", ""))) {
        out->add_dependency(dep);
    }
    SCSCTL_TRY(add_groups(reply, *out));
    const auto vars = SCSCTL_TRY(list_field(reply, "variables", "describe", ""));
    for (std::size_t i = 0; i < vars.size(); ++i) {
        const std::string where = "variables[" + std::to_string(i) + "].";
        if (!vars[i].is_object()) {
            return core::fail(shape_error("describe", "with 'variables[" + std::to_string(i) + "]' that is not an object"));
        }
        SCSCTL_TRY(add_variable(vars[i], where, *out));
    }
    for (const auto& check : SCSCTL_TRY(string_list(reply, "checks", "describe", ""))) {
        out->add_health_check(check);
    }
    return out;
}

core::Result<std::vector<PluginProblem>> parse_validate(const core::Value& reply)
{
    SCSCTL_TRY(check_type(reply, "validate"));
    const auto found = reply.find("errors");
    if (found == reply.end() || !found->is_array()) {
        return core::fail(shape_error("validate", "without a list 'errors'"));
    }
    std::vector<PluginProblem> problems;
    for (std::size_t i = 0; i < found->size(); ++i) {
        const auto& item = (*found)[i];
        const std::string where = "errors[" + std::to_string(i) + "].";
        if (!item.is_object()) {
            return core::fail(shape_error("validate", "with '" + where.substr(0, where.size() - 1) + "' that is not an object"));
        }
        PluginProblem problem;
        problem.message = SCSCTL_TRY(text_field(item, "message", "validate", where, true));
        problem.host = SCSCTL_TRY(text_field(item, "host", "validate", where, false));
        problem.group = SCSCTL_TRY(text_field(item, "group", "validate", where, false));
        problem.variable = SCSCTL_TRY(text_field(item, "variable", "validate", where, false));
        problems.push_back(std::move(problem));
    }
    return problems;
}

core::Result<core::Value> parse_plan(const core::Value& reply)
{
    SCSCTL_TRY(check_type(reply, "plan"));
    const auto found = reply.find("plays");
    if (found == reply.end() || !found->is_array()) {
        return core::fail(shape_error("plan", "without a list 'plays'"));
    }
    for (std::size_t i = 0; i < found->size(); ++i) {
        if (!(*found)[i].is_object()) {
            return core::fail(shape_error("plan", "with 'plays[" + std::to_string(i) + "]' that is not an object"));
        }
    }
    return *found;
}

core::Result<std::vector<DeclaredCheck>> parse_checks(const core::Value& reply)
{
    SCSCTL_TRY(check_type(reply, "checks"));
    const auto found = reply.find("checks");
    if (found == reply.end() || !found->is_array()) {
        return core::fail(shape_error("checks", "without a list 'checks'"));
    }
    std::vector<DeclaredCheck> checks;
    for (std::size_t i = 0; i < found->size(); ++i) {
        const auto& item = (*found)[i];
        const std::string where = "checks[" + std::to_string(i) + "].";
        if (!item.is_object()) {
            return core::fail(shape_error("checks", "with 'checks[" + std::to_string(i) + "]' that is not an object"));
        }
        DeclaredCheck check;
        check.name = SCSCTL_TRY(text_field(item, "name", "checks", where, true));
        check.description = SCSCTL_TRY(text_field(item, "description", "checks", where, false));
        check.hosts = SCSCTL_TRY(text_field(item, "hosts", "checks", where, true));
        check.command = SCSCTL_TRY(text_field(item, "command", "checks", where, true));
        check.become = SCSCTL_TRY(bool_field(item, "become", "checks", where));
        if (check.name.empty() || check.command.empty() || check.hosts.empty()) {
            return core::fail(shape_error("checks", "with an empty name, hosts or command in '" + where + "'"));
        }
        if (const auto timeout = item.find("timeout"); timeout != item.end() && !timeout->is_null()) {
            if (!timeout->is_number() || timeout->get<double>() <= 0) {
                return core::fail(shape_error("checks", "with '" + where + "timeout' that is not a positive number"));
            }
            check.timeout = std::chrono::milliseconds(static_cast<long>(timeout->get<double>() * 1000));
        }
        if (const auto expect = item.find("expect"); expect != item.end() && !expect->is_null()) {
            if (!expect->is_object()) {
                return core::fail(shape_error("checks", "with '" + where + "expect' that is not an object"));
            }
            if (const auto rc = expect->find("rc"); rc != expect->end() && !rc->is_null()) {
                if (!rc->is_number_integer()) {
                    return core::fail(shape_error("checks", "with '" + where + "expect.rc' that is not an integer"));
                }
                check.expect_rc = rc->get<int>();
            }
            check.stdout_regex = SCSCTL_TRY(text_field(*expect, "stdout", "checks", where + "expect.", false));
        }
        checks.push_back(std::move(check));
    }
    return checks;
}

bool is_secret_variable(const std::string& name, const core::Value& value, const SecretFilter& filter)
{
    static constexpr std::string_view k_passwords[] = {"ansible_password", "ansible_ssh_pass", "ansible_become_password",
                                                       "ansible_become_pass", "ansible_sudo_pass"};
    if (std::ranges::find(k_passwords, name) != std::end(k_passwords) ||
        std::ranges::find(filter.names, name) != filter.names.end()) {
        return true;
    }
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        return text.starts_with("$ANSIBLE_VAULT;") || (filter.holds_secret && filter.holds_secret(text));
    }
    if (value.is_structured()) {
        for (const auto& [key, item] : value.items()) {
            if (is_secret_variable(key, item, filter)) {
                return true;
            }
        }
    }
    return false;
}

namespace {

/// {"vars": ..., "secret_vars": [...]} of one variable mapping.
core::Value filtered_vars(const core::Value& vars, const SecretFilter& filter)
{
    core::Value kept = core::Value::object();
    core::Value secret = core::Value::array();
    if (vars.is_object()) {
        for (const auto& [key, value] : vars.items()) {
            if (is_secret_variable(key, value, filter)) {
                secret.push_back(key);
            } else {
                kept[key] = value;
            }
        }
    }
    return {{"vars", std::move(kept)}, {"secret_vars", std::move(secret)}};
}

} // namespace

core::Value inventory_view(const model::Inventory& inventory, const LayerDescriptor& layer,
                           const SecretFilter& filter)
{
    core::Value groups = core::Value::object();
    core::Value hosts = core::Value::object();
    for (const auto& decl : layer.groups) {
        const auto id = inventory.find_group(std::string(decl.name));
        if (!id) {
            continue;
        }
        core::Value group = filtered_vars(inventory::effective_group_vars(inventory, *id), filter);
        group["hosts"] = core::Value::array();
        for (const auto host : inventory.hosts_of(*id)) {
            const auto& name = inventory.host(host).name;
            group["hosts"].push_back(name);
            if (!hosts.contains(name)) {
                hosts[name] = filtered_vars(inventory::effective_host_vars(inventory, host), filter);
            }
        }
        groups[std::string(decl.name)] = std::move(group);
    }
    return {{"region", filtered_vars(inventory::effective_group_vars(inventory, model::Inventory::k_all), filter)},
            {"groups", std::move(groups)},
            {"hosts", std::move(hosts)}};
}

} // namespace scsctl::layers
