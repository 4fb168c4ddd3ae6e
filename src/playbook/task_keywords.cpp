// Keyword values shared by plays, blocks, tasks and role entries: conditions, tags,
// name lists, vars and the inheritable keywords (become, environment, ...), with
// located type errors. Depends on core, model and yaml.
#include "playbook/loader_internal.hpp"
#include "playbook/module_args.hpp"

namespace scsctl::playbook::detail {

namespace {

/// A scalar value as Python's str() shows it in an expression ("True", "1", "a").
std::optional<std::string> scalar_text(const core::Value& value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "True" : "False";
    }
    if (value.is_number()) {
        return value.dump();
    }
    return std::nullopt;
}

} // namespace

std::string short_action_name(const std::string& name)
{
    for (const std::string prefix : {"ansible.builtin.", "ansible.legacy."}) {
        if (name.starts_with(prefix)) {
            return name.substr(prefix.size());
        }
    }
    return name;
}

std::vector<std::string> conditions_of(Loader& loader, const std::string& file, const YAML::Node& node,
                                       const std::string& keyword)
{
    const core::Value value = loader.value_of(file, node);
    std::vector<std::string> out;
    const auto add = [&](const core::Value& item) {
        if (auto text = scalar_text(item)) {
            out.push_back(*text);
        } else if (!item.is_null()) {
            loader.error(file, node, "'" + keyword + "' must be a string, a boolean or a list of them, got " +
                                         yaml::describe(item));
        }
    };
    if (value.is_array()) {
        for (const auto& item : value) {
            add(item);
        }
    } else {
        add(value);
    }
    return out;
}

std::vector<std::string> tags_of(Loader& loader, const std::string& file, const YAML::Node& node)
{
    const core::Value value = loader.value_of(file, node);
    std::vector<std::string> out;
    const auto add = [&](const core::Value& item) {
        const auto text = scalar_text(item);
        if (!text) {
            loader.error(file, node, "'tags' must be a string or a list of strings, got " + yaml::describe(item));
            return;
        }
        // Ansible splits a tags string on commas ("a, b" is two tags).
        std::size_t start = 0;
        while (start <= text->size()) {
            const auto comma = text->find(',', start);
            std::string part = text->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            part.erase(0, part.find_first_not_of(' '));
            part.erase(part.find_last_not_of(' ') + 1);
            if (!part.empty()) {
                add_tags(out, {part});
            }
            if (comma == std::string::npos) {
                break;
            }
            start = comma + 1;
        }
    };
    if (value.is_array()) {
        for (const auto& item : value) {
            add(item);
        }
    } else if (!value.is_null()) {
        add(value);
    }
    return out;
}

std::vector<std::string> names_of(Loader& loader, const std::string& file, const YAML::Node& node,
                                  const std::string& keyword)
{
    const core::Value value = loader.value_of(file, node);
    std::vector<std::string> out;
    const auto add = [&](const core::Value& item) {
        if (item.is_string()) {
            out.push_back(item.get<std::string>());
        } else if (!item.is_null()) {
            loader.error(file, node, "'" + keyword + "' must be a string or a list of strings, got " +
                                         yaml::describe(item));
        }
    };
    if (value.is_array()) {
        for (const auto& item : value) {
            add(item);
        }
    } else {
        add(value);
    }
    return out;
}

std::string string_of(Loader& loader, const std::string& file, const YAML::Node& node, const std::string& keyword)
{
    const core::Value value = loader.value_of(file, node);
    if (value.is_null()) {
        return "";
    }
    if (auto text = scalar_text(value)) {
        return *text;
    }
    loader.error(file, node, "'" + keyword + "' must be a string, got " + yaml::describe(value));
    return "";
}

core::Value vars_of(Loader& loader, const std::string& file, const YAML::Node& node, bool allow_list)
{
    const core::Value value = loader.value_of(file, node);
    core::Value out = core::Value::object();
    if (value.is_object()) {
        return value;
    }
    if (value.is_null()) {
        return out;
    }
    if (allow_list && value.is_array()) {
        for (const auto& item : value) {
            if (!item.is_object()) {
                loader.error(file, node, "'vars' must be a mapping or a list of mappings, got a list holding " +
                                             yaml::describe(item));
                continue;
            }
            core::combine_into(out, item);
        }
        return out;
    }
    loader.error(file, node, std::string("'vars' must be a mapping") + (allow_list ? " or a list of mappings" : "") +
                                 ", got " + yaml::describe(value));
    return out;
}

namespace {

core::Value environment_of(Loader& loader, const std::string& file, const YAML::Node& node)
{
    const core::Value value = loader.value_of(file, node);
    if (value.is_object() || value.is_null() || (value.is_string() && is_template(value.get<std::string>()))) {
        return value;
    }
    if (value.is_array()) {
        core::Value merged = core::Value::object();
        for (const auto& item : value) {
            if (item.is_object()) {
                core::combine_into(merged, item);
            } else {
                loader.error(file, node, "'environment' must be a mapping or a list of mappings");
                break;
            }
        }
        return merged;
    }
    loader.error(file, node, "'environment' must be a mapping, got " + yaml::describe(value));
    return nullptr;
}

core::Value become_method_of(Loader& loader, const std::string& file, const YAML::Node& node)
{
    const core::Value value = loader.value_of(file, node);
    if (value.is_string() && value.get<std::string>() != "sudo" && !is_template(value.get<std::string>())) {
        loader.error(file, node, "become_method '" + value.get<std::string>() + "' is not supported (supported: sudo)");
    }
    return value;
}

} // namespace

bool set_common_keyword(Loader& loader, const std::string& file, const yaml::MapEntry& entry, model::Task& task)
{
    const std::string& key = entry.name;
    const YAML::Node& node = entry.value;
    if (key == "when") {
        task.when = conditions_of(loader, file, node, key);
    } else if (key == "tags") {
        task.tags = tags_of(loader, file, node);
    } else if (key == "become_method") {
        task.become_method = become_method_of(loader, file, node);
    } else if (key == "environment") {
        task.environment = environment_of(loader, file, node);
    } else if (key == "delegate_to") {
        task.delegate_to = string_of(loader, file, node, key);
    } else if (key == "delegate_facts") {
        const core::Value value = loader.value_of(file, node);
        task.delegate_facts = value.is_boolean() ? value.get<bool>() : (value.is_string() && value == "yes");
    } else {
        static const std::vector<std::pair<std::string, core::Value model::Task::*>> k_raw = {
            {"become", &model::Task::become},         {"become_user", &model::Task::become_user},
            {"check_mode", &model::Task::check_mode}, {"diff", &model::Task::diff},
            {"no_log", &model::Task::no_log},         {"ignore_errors", &model::Task::ignore_errors},
            {"run_once", &model::Task::run_once},     {"any_errors_fatal", &model::Task::any_errors_fatal},
            {"throttle", &model::Task::throttle},     {"timeout", &model::Task::timeout},
            {"ignore_unreachable", &model::Task::ignore_unreachable}};
        for (const auto& [name, member] : k_raw) {
            if (name == key) {
                task.*member = loader.value_of(file, node);
                return true;
            }
        }
        return false;
    }
    return true;
}

} // namespace scsctl::playbook::detail
