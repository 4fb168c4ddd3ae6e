// scs-0115-default-rules: the rules Neutron puts into new security groups allow no ingress
// (except, in the default group only, from members of the same group) and allow egress for
// IPv4 and IPv6, in default and in custom groups. Read from Neutron's
// `GET /v2.0/default-security-group-rules` (API 2023.2 and later). Where that resource does
// not exist (HTTP 404), the reference's fallback runs: it CREATES a security group named
// `scs-test-default-sg`, reads the rules Neutron gave it, and DELETES it again; that is the
// only write of this testcase. Depends on core, openstack, scs.
#include "scs/iaas_testcases.hpp"

namespace scsctl::scs {

namespace {

constexpr const char* k_group_name = "scs-test-default-sg";

bool flag(const nlohmann::json& rule, const char* key)
{
    return rule.contains(key) && rule[key].is_boolean() && rule[key].get<bool>();
}

/// Judges the rules; `templates` says whether they are the default-rule templates (with
/// their used_in_* flags) or the rules of one freshly created group.
bool judge_rules(const JsonList& rules, bool templates, TestLog& log)
{
    int ingress = 0;
    int egress = 0;
    // [IPv4, IPv6] × [default group, custom groups]
    int counts[2][2] = {{0, 0}, {0, 0}};
    if (rules.empty()) {
        log.info("No default security group rules defined.");
    }
    for (const auto& rule : rules) {
        const std::string direction = string_member(rule, "direction");
        const std::string ethertype = string_member(rule, "ethertype");
        if (direction == "ingress") {
            if (templates && string_member(rule, "remote_group_id") == "PARENT" &&
                !flag(rule, "used_in_non_default_sg")) {
                continue; // traffic between members of the default group
            }
            ++ingress;
            continue;
        }
        const int family = ethertype == "IPv4" ? 0 : ethertype == "IPv6" ? 1 : -1;
        if (direction != "egress" || family < 0) {
            continue;
        }
        ++egress;
        if (!templates) {
            ++counts[family][0];
            continue;
        }
        if (!string_member(rule, "remote_ip_prefix").empty()) {
            continue; // not open to every address
        }
        counts[family][0] += flag(rule, "used_in_default_sg") ? 1 : 0;
        counts[family][1] += flag(rule, "used_in_non_default_sg") ? 1 : 0;
    }
    if (ingress > 0) {
        log.error("Expected no default ingress rules, found " + std::to_string(ingress) + ".");
    }
    std::string missing;
    for (int family = 0; family < 2; ++family) {
        for (int kind = 0; kind < (templates ? 2 : 1); ++kind) {
            if (counts[family][kind] == 0) {
                missing += std::string(missing.empty() ? "" : ", ") + (family == 0 ? "IPv4" : "IPv6") + "/" +
                           (kind == 0 ? "default" : "custom");
            }
        }
    }
    if (!missing.empty()) {
        log.error("Expected rules for egress for IPv4 and IPv6 both for default and custom security groups. "
                  "Missing rule types: " +
                  missing);
    }
    log.info("unallowed ingress rules: " + std::to_string(ingress) + ", egress rules: " + std::to_string(egress));
    return ingress == 0 && missing.empty();
}

JsonList as_list(const nlohmann::json& value)
{
    JsonList items;
    if (value.is_array()) {
        for (const auto& item : value) {
            items.push_back(item);
        }
    }
    return items;
}

/// The fallback: create a group, judge its rules, delete it (also when judging failed).
core::Result<bool> judge_fresh_group(IaasSubject& subject, TestLog& log)
{
    auto& api = subject.api();
    openstack::ApiRequest create = get_request("network", "/v2.0/security-groups");
    create.method = "POST";
    create.body = nlohmann::json{{"security_group", {{"name", k_group_name}, {"description", k_group_name}}}};
    const auto created = SCSCTL_TRY(send_expecting_success(api, create));
    const std::string id = string_member(created.body.value("security_group", nlohmann::json::object()), "id");
    if (id.empty()) {
        return core::fail({core::ErrorKind::failed, "POST network /v2.0/security-groups: no id in the answer", {}});
    }
    log.info("created security group " + id + " (" + k_group_name + ") to read its rules");
    auto read = send_expecting_success(api, get_request("network", "/v2.0/security-groups/" + id));
    openstack::ApiRequest remove = get_request("network", "/v2.0/security-groups/" + id);
    remove.method = "DELETE";
    const auto removed = send_expecting_success(api, remove);
    if (!removed) {
        return core::fail({core::ErrorKind::failed,
                           "security group " + id + " was not deleted: " + removed.error().message, {}});
    }
    const auto check = api.send(get_request("network", "/v2.0/security-groups/" + id));
    if (check && check->status != 404) {
        return core::fail({core::ErrorKind::failed,
                           "security group " + id + " still exists after its deletion (HTTP " +
                               std::to_string(check->status) + ")",
                           {}});
    }
    log.info("deleted security group " + id);
    if (!read) {
        return core::fail(read.error());
    }
    return judge_rules(as_list(read->body.value("security_group", nlohmann::json::object())
                                   .value("security_group_rules", nlohmann::json::array())),
                       false, log);
}

} // namespace

core::Result<bool> scs0115_default_rules(IaasSubject& subject, TestLog& log)
{
    const auto request = get_request("network", "/v2.0/default-security-group-rules");
    auto response = subject.api().send(request);
    if (!response) {
        return core::fail(response.error());
    }
    if (response->status == 404) {
        log.info("API call failed. OpenStack components might not be up to date. "
                 "Falling back to old-style test method.");
        return judge_fresh_group(subject, log);
    }
    if (response->status < 200 || response->status >= 300) {
        return core::fail({core::ErrorKind::failed, describe_failure(request, *response), {}});
    }
    if (!response->body.contains("default_security_group_rules")) {
        return core::fail({core::ErrorKind::failed,
                           "GET network /v2.0/default-security-group-rules: the answer has no list "
                           "'default_security_group_rules'",
                           {}});
    }
    return judge_rules(as_list(response->body["default_security_group_rules"]), true, log);
}

} // namespace scsctl::scs
