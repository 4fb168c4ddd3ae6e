// EC2 credentials through Keystone's v3 credentials API (see ec2_credentials.hpp). The
// blob is a JSON string inside the JSON answer; it is parsed, its access key and owner
// kept, its secret dropped with the parsed value.
#include "scs/ec2_credentials.hpp"

#include <sodium.h>

#include <array>

#include "openstack/aws_sigv4.hpp"
#include "scs/iaas_subject.hpp"

namespace scsctl::scs {

namespace {

/// Python's bool(x) for a JSON value.
bool truthy(const nlohmann::json& value)
{
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number()) {
        return value != 0;
    }
    if (value.is_string()) {
        return !value.get_ref<const std::string&>().empty(); // json::empty() is false for every string
    }
    if (value.is_array() || value.is_object()) {
        return !value.empty();
    }
    return false;
}

std::string random_hex(std::size_t bytes)
{
    static const bool ready = sodium_init() >= 0;
    (void)ready; // randombytes_buf initialises itself when sodium_init could not
    std::array<unsigned char, 64> buffer{};
    randombytes_buf(buffer.data(), bytes);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < bytes; ++i) {
        out += digits[buffer[i] >> 4];
        out += digits[buffer[i] & 0x0f];
    }
    sodium_memzero(buffer.data(), buffer.size());
    return out;
}

/// "METHOD identity PATH: HTTP 403 Forbidden": Keystone's error title, never its message
/// or body (a validation message may quote the blob).
std::string status_only(const openstack::ApiRequest& request, const openstack::ApiResponse& response)
{
    std::string text = request.method + " identity " + request.path + ": HTTP " + std::to_string(response.status);
    if (response.body.is_object() && response.body.contains("error")) {
        const std::string title = string_member(response.body["error"], "title");
        if (!title.empty()) {
            text += " " + title;
        }
    }
    return text;
}

core::Result<openstack::ApiResponse> send_identity(openstack::CloudApi& api, const openstack::ApiRequest& request)
{
    auto response = api.send(request);
    if (!response) {
        auto error = response.error();
        error.message = request.method + " identity " + request.path + ": " + error.message;
        return core::fail(std::move(error));
    }
    if (response->status < 200 || response->status >= 300) {
        return core::fail({core::ErrorKind::failed, status_only(request, *response), {}});
    }
    return response;
}

} // namespace

core::Result<std::vector<Ec2Credential>> usable_ec2_credentials(const nlohmann::json& body,
                                                                const std::string& project_id)
{
    if (!body.is_object() || !body.contains("credentials") || !body["credentials"].is_array()) {
        return core::fail({core::ErrorKind::failed, "Keystone's credential list has no 'credentials' list", {}});
    }
    std::vector<Ec2Credential> usable;
    for (const auto& credential : body["credentials"]) {
        if (string_member(credential, "type") != "ec2" || string_member(credential, "project_id") != project_id) {
            continue;
        }
        const auto blob = nlohmann::json::parse(string_member(credential, "blob"), nullptr, false);
        if (!blob.is_object() || !truthy(blob.value("access", nlohmann::json())) ||
            !truthy(blob.value("secret", nlohmann::json()))) {
            continue;
        }
        const auto& access = blob["access"];
        usable.push_back({string_member(credential, "id"),
                          access.is_string() ? access.get<std::string>() : access.dump(),
                          string_member(blob, "owner")});
    }
    return usable;
}

std::vector<Ec2Credential> marked_leftovers(const std::vector<Ec2Credential>& credentials)
{
    std::vector<Ec2Credential> marked;
    for (const auto& credential : credentials) {
        if (credential.owner == k_ec2_marker) {
            marked.push_back(credential);
        }
    }
    return marked;
}

Ec2Keys fresh_ec2_keys()
{
    return {random_hex(16), random_hex(16)};
}

std::string marked_blob(const Ec2Keys& keys)
{
    return nlohmann::json{{"access", keys.access}, {"secret", keys.secret}, {"owner", std::string(k_ec2_marker)}}
        .dump();
}

core::Result<std::string> identity_path(const openstack::CloudApi& api, const std::string& v3_path)
{
    const std::string base = SCSCTL_TRY(api.endpoint_url("identity"));
    return base.ends_with("/v3") ? v3_path : "/v3" + v3_path;
}

core::Result<std::vector<Ec2Credential>> list_usable_ec2_credentials(openstack::CloudApi& api)
{
    std::string path = SCSCTL_TRY(identity_path(api, "/credentials"));
    if (!api.user_id().empty()) {
        path += "?user_id=" + openstack::aws_uri_encode(api.user_id(), false);
    }
    const auto response = SCSCTL_TRY(send_identity(api, get_request("identity", path)));
    return usable_ec2_credentials(response.body, api.project_id());
}

core::Result<std::string> create_ec2_credential(openstack::CloudApi& api, const Ec2Keys& keys)
{
    if (api.user_id().empty()) {
        return core::fail({core::ErrorKind::failed, "the token names no user to create an EC2 credential for", {}});
    }
    auto request = get_request("identity", SCSCTL_TRY(identity_path(api, "/credentials")));
    request.method = "POST";
    request.body = nlohmann::json{
        {"credential",
         {{"type", "ec2"}, {"user_id", api.user_id()}, {"project_id", api.project_id()}, {"blob", marked_blob(keys)}}}};
    const auto response = SCSCTL_TRY(send_identity(api, request));
    const std::string id = response.body.is_object() && response.body.contains("credential")
                               ? string_member(response.body["credential"], "id")
                               : std::string();
    if (id.empty()) {
        return core::fail(
            {core::ErrorKind::failed, "POST identity " + request.path + ": the answer names no credential id", {}});
    }
    return id;
}

core::Result<void> delete_credential(openstack::CloudApi& api, const std::string& id)
{
    auto request = get_request("identity", SCSCTL_TRY(identity_path(api, "/credentials/" + id)));
    request.method = "DELETE";
    SCSCTL_TRY(send_identity(api, request));
    return {};
}

} // namespace scsctl::scs
