// scs-0116-presence (a key-manager service is in the catalog) and scs-0116-permissions (a
// user with the member role, without admin or manager, can use Barbican). The permissions
// testcase WRITES: it deletes leftovers named `scs-member-role-test-secret`, CREATES a
// secret of that name (payload "foo", text/plain, opaque), lists it and DELETES it again.
// Depends on core, openstack, scs.
#include <algorithm>

#include "scs/iaas_testcases.hpp"

namespace scsctl::scs {

namespace {

constexpr const char* k_secret_name = "scs-member-role-test-secret";

/// The user is refused: the testcase fails (other errors abort it).
struct Refused {
    std::string why;
};

bool has_role(const std::vector<std::string>& roles, std::string_view role)
{
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

/// The last path segment of a secret_ref (Barbican lists secrets by their URL).
std::string uuid_of(const std::string& secret_ref)
{
    const auto slash = secret_ref.rfind('/');
    return slash == std::string::npos ? secret_ref : secret_ref.substr(slash + 1);
}

/// Sends `request`; 403 becomes Refused (in `refused`), other failures an error.
core::Result<openstack::ApiResponse> send_or_refused(openstack::CloudApi& api, const openstack::ApiRequest& request,
                                                     std::optional<Refused>& refused)
{
    auto response = api.send(request);
    if (!response) {
        return core::fail(response.error());
    }
    if (response->status == 403) {
        refused = Refused{describe_failure(request, *response)};
        return core::fail({core::ErrorKind::failed, refused->why, {}});
    }
    if (response->status < 200 || response->status >= 300) {
        return core::fail({core::ErrorKind::failed, describe_failure(request, *response), {}});
    }
    return response;
}

core::Result<std::vector<std::string>> test_secrets(openstack::CloudApi& api, std::optional<Refused>& refused)
{
    const auto request = get_request("key-manager", std::string("/v1/secrets?name=") + k_secret_name);
    const auto response = SCSCTL_TRY(send_or_refused(api, request, refused));
    std::vector<std::string> uuids;
    if (response.body.contains("secrets") && response.body["secrets"].is_array()) {
        for (const auto& secret : response.body["secrets"]) {
            if (string_member(secret, "name") == k_secret_name) {
                uuids.push_back(uuid_of(string_member(secret, "secret_ref")));
            }
        }
    }
    return uuids;
}

core::Result<void> delete_secret(openstack::CloudApi& api, const std::string& uuid, std::optional<Refused>& refused)
{
    auto request = get_request("key-manager", "/v1/secrets/" + uuid);
    request.method = "DELETE";
    SCSCTL_TRY(send_or_refused(api, request, refused));
    return {};
}

core::Result<bool> create_find_delete(openstack::CloudApi& api, TestLog& log, std::optional<Refused>& refused)
{
    const auto leftovers = SCSCTL_TRY(test_secrets(api, refused));
    for (const auto& uuid : leftovers) {
        SCSCTL_TRY(delete_secret(api, uuid, refused));
    }
    if (!leftovers.empty()) {
        log.info("deleted " + std::to_string(leftovers.size()) + " leftover test secret(s)");
    }
    auto create = get_request("key-manager", "/v1/secrets");
    create.method = "POST";
    create.body = nlohmann::json{{"name", k_secret_name},
                                 {"payload", "foo"},
                                 {"payload_content_type", "text/plain"},
                                 {"secret_type", "opaque"}};
    const auto created = SCSCTL_TRY(send_or_refused(api, create, refused));
    const std::string created_uuid = uuid_of(string_member(created.body, "secret_ref"));
    auto found = test_secrets(api, refused);
    const std::string to_delete = found && !found->empty() ? found->front() : created_uuid;
    if (!to_delete.empty()) {
        SCSCTL_TRY(delete_secret(api, to_delete, refused));
    }
    const auto listed = SCSCTL_TRY(std::move(found));
    if (listed.empty()) {
        refused = Refused{std::string("Secret '") + k_secret_name + "' was not discoverable by the user"};
        return false;
    }
    return true;
}

} // namespace

core::Result<bool> scs0116_presence(IaasSubject& subject, TestLog& log)
{
    if (!subject.has_service("key-manager")) {
        log.error("key-manager service not found");
        return false;
    }
    return true;
}

core::Result<bool> scs0116_permissions(IaasSubject& subject, TestLog& log)
{
    const auto& roles = subject.api().roles();
    if (has_role(roles, "admin") || has_role(roles, "manager")) {
        return core::fail({core::ErrorKind::failed, "user privileges too high: admin/manager roles detected", {}});
    }
    if (!has_role(roles, "member")) {
        return core::fail({core::ErrorKind::failed, "Cannot test key-manager permissions. User has wrong roles", {}});
    }
    if (!subject.has_service("key-manager")) {
        log.info("no key-manager service: nothing to test");
        return true; // the testcase applies only where a key manager is present
    }
    std::optional<Refused> refused;
    auto result = create_find_delete(subject.api(), log, refused);
    if (refused) {
        log.info(refused->why);
        log.error("Unsuccessful at using Key Manager API");
        return false;
    }
    return result;
}

} // namespace scsctl::scs
