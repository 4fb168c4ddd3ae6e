// Keystone v3 authentication: the POST /v3/auth/tokens body for password and application
// credential logins built from resolved settings, and the token response read into the
// token, its catalog, roles and project. Depends on core, cloud_api.hpp, cloud_config.hpp.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "openstack/cloud_api.hpp"
#include "openstack/cloud_config.hpp"

namespace scsctl::openstack {

struct KeystoneToken {
    std::string id; ///< X-Subject-Token: a secret
    std::string project_id;
    std::string project_name;
    std::string user_id;
    std::vector<std::string> roles;
    std::vector<CatalogService> catalog;
};

/// The Keystone v3 base URL of `auth_url` ("…/v3", with or without it written). A v2.0
/// URL is an error (kind config).
core::Result<std::string> identity_v3_url(const std::string& auth_url);

/// The request body for `config` (kind config when a setting the method needs is missing,
/// naming the settings that would provide it).
core::Result<nlohmann::json> auth_request_body(const CloudConfig& config);

/// The token read from Keystone's 201 answer: `subject_token` is the X-Subject-Token
/// header, `body` the JSON body. Kind failed when the body lacks the token object.
core::Result<KeystoneToken> parse_token_response(const std::string& subject_token, const nlohmann::json& body);

/// Substitutes $(project_id)s, %(project_id)s and the tenant_id forms in a catalog URL.
std::string expand_endpoint_url(std::string url, const std::string& project_id);

} // namespace scsctl::openstack
