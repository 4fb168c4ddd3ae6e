// Keystone EC2 credentials for scs-0123-swift-s3: reading the user's credentials as the
// reference's get_usable_credentials does (type ec2, the token's project, a JSON blob with
// access and secret), telling the leftovers of earlier runs (blob owner TmpMandSvcTest)
// apart, creating a fresh marked one with random keys (libsodium) and deleting by id.
// Secrets read from blobs are never kept; the fresh secret lives in Ec2Keys only.
// Depends on core, openstack, scs (iaas_subject.hpp), libsodium.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "openstack/cloud_api.hpp"

namespace scsctl::scs {

/// The blob owner that marks credentials this testcase created (the reference's EC2MARKER).
inline constexpr std::string_view k_ec2_marker = "TmpMandSvcTest";

/// A usable EC2 credential as listed: its id, access key and blob owner. No secret.
struct Ec2Credential {
    std::string id;
    std::string access;
    std::string owner; ///< the blob's "owner" when it is a string, else ""
};

/// A fresh pair of keys: 32 random hex digits each.
struct Ec2Keys {
    std::string access;
    std::string secret; ///< a secret: only for the blob and the S3 signer
};

/// The usable credentials of a `GET /v3/credentials` answer: type "ec2", project
/// `project_id`, a blob that is a JSON object whose "access" and "secret" are truthy as
/// Python sees them. An error when the answer has no "credentials" list.
core::Result<std::vector<Ec2Credential>> usable_ec2_credentials(const nlohmann::json& body,
                                                                const std::string& project_id);

/// Those of `credentials` whose owner is k_ec2_marker.
std::vector<Ec2Credential> marked_leftovers(const std::vector<Ec2Credential>& credentials);

/// Random keys from libsodium's randombytes (16 bytes each, as hex).
Ec2Keys fresh_ec2_keys();

/// The blob of a credential with `keys`, owned by k_ec2_marker (a JSON string).
std::string marked_blob(const Ec2Keys& keys);

/// The path below the identity endpoint for `v3_path` ("/credentials"): "/v3" is added
/// when the endpoint URL does not end in it already.
core::Result<std::string> identity_path(const openstack::CloudApi& api, const std::string& v3_path);

/// Keystone `GET /v3/credentials?user_id=…` (the token's user) → the usable ones.
core::Result<std::vector<Ec2Credential>> list_usable_ec2_credentials(openstack::CloudApi& api);

/// Keystone `POST /v3/credentials` of a marked ec2 credential of the token's user and
/// project; the new credential's id. Errors name the call and the HTTP status only (a
/// Keystone error body may quote the request, and so the secret).
core::Result<std::string> create_ec2_credential(openstack::CloudApi& api, const Ec2Keys& keys);

/// Keystone `DELETE /v3/credentials/ID`.
core::Result<void> delete_credential(openstack::CloudApi& api, const std::string& id);

} // namespace scsctl::scs
