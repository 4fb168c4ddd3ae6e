// Result bookkeeping with Ansible's meanings of the registered keys.
#include "exec/task_result.hpp"

#include <algorithm>
#include <cctype>

namespace scsctl::exec {

namespace {

bool flag(const core::Value& result, const char* key)
{
    if (!result.is_object()) {
        return false;
    }
    const auto found = result.find(key);
    return found != result.end() && ansible_boolean(*found);
}

} // namespace

bool ansible_boolean(const core::Value& value)
{
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number()) {
        return value.get<double>() == 1.0;
    }
    if (!value.is_string()) {
        return false;
    }
    std::string text = value.get<std::string>();
    const auto first = text.find_first_not_of(" \t\n\r");
    const auto last = text.find_last_not_of(" \t\n\r");
    text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text == "yes" || text == "on" || text == "1" || text == "true" || text == "y" || text == "t";
}

model::TaskStatus status_of(const core::Value& result)
{
    if (flag(result, "unreachable")) {
        return model::TaskStatus::unreachable;
    }
    if (flag(result, "failed")) {
        return model::TaskStatus::failed;
    }
    if (flag(result, "skipped")) {
        return model::TaskStatus::skipped;
    }
    return flag(result, "changed") ? model::TaskStatus::changed : model::TaskStatus::ok;
}

core::Value aggregate_loop(std::vector<core::Value> item_results)
{
    core::Value out = core::Value::object();
    bool changed = false;
    bool failed = false;
    bool all_skipped = !item_results.empty();
    for (const auto& item : item_results) {
        changed = changed || flag(item, "changed");
        failed = failed || flag(item, "failed");
        all_skipped = all_skipped && flag(item, "skipped");
    }
    out["changed"] = changed;
    out["msg"] = failed ? "One or more items failed" : "All items completed";
    if (failed) {
        out["failed"] = true;
    }
    if (all_skipped) {
        out["skipped"] = true;
    }
    out["results"] = core::Value::array();
    for (auto& item : item_results) {
        out["results"].push_back(std::move(item));
    }
    return out;
}

core::Value redact(const core::Value& result)
{
    core::Value out = core::Value::object();
    out["censored"] = k_no_log_message;
    for (const char* key : {"changed", "failed", "skipped", "unreachable"}) {
        if (result.is_object() && result.contains(key)) {
            out[key] = result[key];
        }
    }
    return out;
}

core::Value skipped_result(const std::string& reason)
{
    core::Value out = core::Value::object();
    out["changed"] = false;
    out["skipped"] = true;
    out["skip_reason"] = reason;
    return out;
}

} // namespace scsctl::exec
