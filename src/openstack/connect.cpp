// connect(): settings resolved (cloud_config), the Keystone v3 token requested (keystone_auth
// over http), the session built. Errors name the cloud and Keystone's URL, never the
// password, secret or token.
#include "openstack/connect.hpp"

#include "openstack/cloud_config.hpp"
#include "openstack/http.hpp"
#include "openstack/keystone_auth.hpp"
#include "openstack/session.hpp"

namespace scsctl::openstack {

namespace {

/// Keystone's {"error": {"message"}} text, or the start of the body (one line).
std::string keystone_message(const HttpReply& reply)
{
    const auto body = nlohmann::json::parse(reply.body, nullptr, false);
    std::string message;
    if (body.is_object() && body.contains("error") && body["error"].is_object() &&
        body["error"].contains("message") && body["error"]["message"].is_string()) {
        message = body["error"]["message"].get<std::string>();
    } else {
        message = reply.body.substr(0, 200);
    }
    if (const auto newline = message.find_first_of("\r\n"); newline != std::string::npos) {
        message.resize(newline);
    }
    return message;
}

std::string who(const CloudConfig& config)
{
    std::string text;
    if (config.auth_type() == AuthType::application_credential) {
        text = "application credential " + (config.has("application_credential_id")
                                                ? config.get("application_credential_id")
                                                : "'" + config.get("application_credential_name") + "'");
    } else {
        text = "user '" + (config.has("username") ? config.get("username") : config.get("user_id")) + "'";
    }
    if (!config.cloud_name.empty()) {
        text += " of cloud '" + config.cloud_name + "'";
    }
    return text;
}

} // namespace

core::Result<std::unique_ptr<CloudApi>> connect_with(const CloudConfig& config, long timeout_seconds)
{
    const std::string identity = SCSCTL_TRY(identity_v3_url(config.get("auth_url")));
    const nlohmann::json body = SCSCTL_TRY(auth_request_body(config));
    HttpOptions http{timeout_seconds, config.verify(), config.get("cacert")};
    HttpRequest request;
    request.method = "POST";
    request.url = identity + "/auth/tokens";
    request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    request.body = body.dump();
    auto reply = perform(request, http);
    if (!reply) {
        auto error = reply.error();
        error.message = "Keystone at " + identity + " (cloud settings: " +
                        (config.cloud_name.empty() ? std::string("OS_* and --os-*") : "'" + config.cloud_name + "'") +
                        "): " + error.message;
        return core::fail(error);
    }
    if (reply->status != 201 && reply->status != 200) {
        const core::ErrorKind kind = reply->status >= 500 ? core::ErrorKind::unreachable : core::ErrorKind::failed;
        return core::fail(core::Error{kind,
                                      "Keystone at " + identity + " refused the login of " + who(config) + ": " +
                                          keystone_message(*reply) + " (HTTP " + std::to_string(reply->status) + ")",
                                      {}});
    }
    const std::string subject = reply->headers.contains("x-subject-token") ? reply->headers["x-subject-token"] : "";
    const auto parsed = nlohmann::json::parse(reply->body, nullptr, false);
    auto token = parse_token_response(subject, parsed);
    if (!token) {
        return core::fail(core::Error{core::ErrorKind::failed, "Keystone at " + identity + ": " + token.error().message, {}});
    }
    return std::unique_ptr<CloudApi>(std::make_unique<KeystoneSession>(std::move(*token), config.interface(),
                                                                       config.get("region_name"), std::move(http),
                                                                       reply->latency));
}

core::Result<std::unique_ptr<CloudApi>> connect(const ConnectOptions& options)
{
    const CloudConfig config = SCSCTL_TRY(resolve_cloud_config(options, ConfigEnvironment::process()));
    return connect_with(config, options.timeout_seconds);
}

} // namespace scsctl::openstack
