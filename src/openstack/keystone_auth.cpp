// Keystone v3 request bodies and token parsing (see keystone_auth.hpp). Missing settings
// are reported with the OS_* variable and the --os-* flag that set them, so that the
// operator knows where to put the value.
#include "openstack/keystone_auth.hpp"

namespace scsctl::openstack {

namespace {

core::Error missing(const std::string& what, const std::vector<std::string>& keys)
{
    std::string hint;
    for (const auto& key : keys) {
        std::string variable;
        for (const auto& [k, v] : environment_keys()) {
            if (k == key) {
                variable = v;
            }
        }
        std::string flag = key;
        for (char& c : flag) {
            c = c == '_' ? '-' : c;
        }
        hint += (hint.empty() ? "" : " or ") + key + " (" + variable + ", --os-" + flag + ")";
    }
    return core::Error{core::ErrorKind::config, what + ": set " + hint, {}};
}

/// {"name"|"id": …, "domain": {…}} for a user or project; empty when neither is set.
core::Result<nlohmann::json> named_in_domain(const CloudConfig& config, const std::string& prefix,
                                             const std::string& what)
{
    nlohmann::json object = nlohmann::json::object();
    if (config.has(prefix + "_id")) {
        object["id"] = config.get(prefix + "_id");
        return object;
    }
    if (!config.has(prefix + "_name") && !(prefix == "user" && config.has("username"))) {
        return object;
    }
    object["name"] = prefix == "user" ? config.get("username") : config.get(prefix + "_name");
    if (config.has(prefix + "_domain_id")) {
        object["domain"] = {{"id", config.get(prefix + "_domain_id")}};
    } else if (config.has(prefix + "_domain_name")) {
        object["domain"] = {{"name", config.get(prefix + "_domain_name")}};
    } else {
        return core::fail(missing(what + " given by name needs its domain", {prefix + "_domain_name", prefix + "_domain_id"}));
    }
    return object;
}

core::Result<nlohmann::json> password_identity(const CloudConfig& config)
{
    nlohmann::json user = SCSCTL_TRY(named_in_domain(config, "user", "the user"));
    if (user.empty()) {
        return core::fail(missing("no user", {"username", "user_id"}));
    }
    if (!config.has("password")) {
        return core::fail(missing("no password", {"password"}));
    }
    user["password"] = config.get("password");
    return nlohmann::json{{"methods", {"password"}}, {"password", {{"user", user}}}};
}

core::Result<nlohmann::json> application_credential_identity(const CloudConfig& config)
{
    if (!config.has("application_credential_secret")) {
        return core::fail(missing("no application credential secret", {"application_credential_secret"}));
    }
    nlohmann::json credential = {{"secret", config.get("application_credential_secret")}};
    if (config.has("application_credential_id")) {
        credential["id"] = config.get("application_credential_id");
    } else if (config.has("application_credential_name")) {
        credential["name"] = config.get("application_credential_name");
        nlohmann::json user = SCSCTL_TRY(named_in_domain(config, "user", "the user"));
        if (user.empty()) {
            return core::fail(missing("an application credential given by name needs its user", {"username", "user_id"}));
        }
        credential["user"] = user;
    } else {
        return core::fail(
            missing("no application credential", {"application_credential_id", "application_credential_name"}));
    }
    return nlohmann::json{{"methods", {"application_credential"}}, {"application_credential", credential}};
}

std::string string_field(const nlohmann::json& object, const char* key)
{
    if (object.is_object() && object.contains(key) && object[key].is_string()) {
        return object[key].get<std::string>();
    }
    return {};
}

std::vector<CatalogService> read_catalog(const nlohmann::json& catalog)
{
    std::vector<CatalogService> services;
    if (!catalog.is_array()) {
        return services;
    }
    for (const auto& entry : catalog) {
        CatalogService service{string_field(entry, "type"), string_field(entry, "name"), {}};
        if (entry.is_object() && entry.contains("endpoints") && entry["endpoints"].is_array()) {
            for (const auto& endpoint : entry["endpoints"]) {
                std::string region = string_field(endpoint, "region_id");
                if (region.empty()) {
                    region = string_field(endpoint, "region");
                }
                service.endpoints.push_back(
                    CatalogEndpoint{string_field(endpoint, "interface"), region, string_field(endpoint, "url")});
            }
        }
        services.push_back(std::move(service));
    }
    return services;
}

void replace_all(std::string& text, const std::string& from, const std::string& to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

} // namespace

core::Result<std::string> identity_v3_url(const std::string& auth_url)
{
    std::string url = auth_url;
    while (url.ends_with("/")) {
        url.pop_back();
    }
    if (url.empty()) {
        return core::fail(missing("no Keystone URL", {"auth_url"}));
    }
    if (url.ends_with("/v2.0")) {
        return core::fail(core::Error{core::ErrorKind::config,
                                      "auth_url " + url + " is Keystone v2.0; scsctl speaks Keystone v3 only", {}});
    }
    if (!url.ends_with("/v3")) {
        url += "/v3";
    }
    return url;
}

core::Result<nlohmann::json> auth_request_body(const CloudConfig& config)
{
    nlohmann::json auth = nlohmann::json::object();
    if (config.auth_type() == AuthType::application_credential) {
        auth["identity"] = SCSCTL_TRY(application_credential_identity(config));
        return nlohmann::json{{"auth", auth}}; // the credential is bound to its project
    }
    auth["identity"] = SCSCTL_TRY(password_identity(config));
    nlohmann::json project = SCSCTL_TRY(named_in_domain(config, "project", "the project"));
    if (project.empty()) {
        return core::fail(missing("no project to scope the token to", {"project_name", "project_id"}));
    }
    auth["scope"] = {{"project", project}};
    return nlohmann::json{{"auth", auth}};
}

core::Result<KeystoneToken> parse_token_response(const std::string& subject_token, const nlohmann::json& body)
{
    if (subject_token.empty() || !body.is_object() || !body.contains("token") || !body["token"].is_object()) {
        return core::fail(core::Error{core::ErrorKind::failed, "Keystone's answer holds no token", {}});
    }
    const nlohmann::json& token = body["token"];
    KeystoneToken out;
    out.id = subject_token;
    if (token.contains("project")) {
        out.project_id = string_field(token["project"], "id");
        out.project_name = string_field(token["project"], "name");
    }
    if (token.contains("user")) {
        out.user_id = string_field(token["user"], "id");
    }
    if (token.contains("roles") && token["roles"].is_array()) {
        for (const auto& role : token["roles"]) {
            out.roles.push_back(string_field(role, "name"));
        }
    }
    if (token.contains("catalog")) {
        out.catalog = read_catalog(token["catalog"]);
    }
    return out;
}

std::string expand_endpoint_url(std::string url, const std::string& project_id)
{
    for (const char* key : {"project_id", "tenant_id"}) {
        replace_all(url, std::string("$(") + key + ")s", project_id);
        replace_all(url, std::string("%(") + key + ")s", project_id);
    }
    return url;
}

} // namespace scsctl::openstack
