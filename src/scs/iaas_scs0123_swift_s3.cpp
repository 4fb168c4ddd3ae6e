// scs-0123-swift-s3: S3 (with EC2 credentials from Keystone) reaches the same buckets as
// Swift has containers, with the reference's steps (mandatory_services.py): skip without an
// object-store; delete the user's leftover marked EC2 credentials; create a fresh marked
// one (the others are not used: they could be stale); ListBuckets on the object-store's
// scheme://host[:port] (path-style, SigV4, region us-east-1 as boto3 signs for s3api);
// when there is no bucket, create `scs-test-container` and list again; compare the sorted
// bucket names with the sorted Swift container names. WRITES, and undoes on every way out
// (PASS, FAIL and ABORT): the bucket it created and the credential it created.
// Depends on core, openstack, scs.
#include <algorithm>

#include "openstack/aws_sigv4.hpp"
#include "openstack/s3_xml.hpp"
#include "scs/ec2_credentials.hpp"
#include "scs/iaas_testcases.hpp"
#include "scs/python_text.hpp"

namespace scsctl::scs {

namespace {

constexpr const char* k_test_bucket = "scs-test-container";
constexpr std::size_t k_max_pages = 10000;
constexpr std::size_t k_body_excerpt = 200;

/// What this run wrote (or tried to), so that it can be undone.
struct Writes {
    std::string endpoint; ///< the S3 endpoint, scheme://host[:port]
    Ec2Keys keys;
    bool credential_attempted = false;
    std::string credential_id; ///< "" when the create call gave none
    bool bucket_attempted = false;
};

/// scheme://host[:port] of the object-store endpoint (the reference's `^(https*://[^/]*)/`).
core::Result<std::string> s3_endpoint(const openstack::CloudApi& api)
{
    const std::string url = SCSCTL_TRY(api.endpoint_url("object-store"));
    const auto scheme = url.find("://");
    const std::string name = scheme == std::string::npos ? std::string() : url.substr(0, scheme);
    if (name != "http" && name != "https") {
        return core::fail({core::ErrorKind::failed, "object-store endpoint '" + url + "' is not an http(s) URL", {}});
    }
    return url.substr(0, url.find('/', scheme + 3));
}

std::string s3_failure(const openstack::S3Request& request, const openstack::ApiResponse& response)
{
    std::string text = "S3 " + request.method + " " + request.path + " at " + request.endpoint + ": HTTP " +
                       std::to_string(response.status);
    std::string detail = openstack::s3_error_summary(response.raw_body);
    if (detail.empty()) {
        detail = response.raw_body.substr(0, k_body_excerpt);
        std::replace(detail.begin(), detail.end(), '\n', ' ');
    }
    return detail.empty() ? text : text + " " + detail;
}

/// One S3 call with the run's keys; a status outside `accepted` is an error.
core::Result<openstack::ApiResponse> s3_call(openstack::CloudApi& api, const Writes& writes, const std::string& method,
                                             const std::string& path, std::initializer_list<long> accepted)
{
    openstack::S3Request request;
    request.method = method;
    request.endpoint = writes.endpoint;
    request.path = path;
    request.access_key = writes.keys.access;
    request.secret_key = writes.keys.secret;
    auto response = api.send_s3(request);
    if (!response) {
        auto error = response.error();
        error.message = "S3 " + method + " " + path + ": " + error.message;
        return core::fail(std::move(error));
    }
    if (std::find(accepted.begin(), accepted.end(), response->status) == accepted.end()) {
        return core::fail({core::ErrorKind::failed, s3_failure(request, *response), {}});
    }
    return response;
}

core::Result<std::vector<std::string>> list_buckets(openstack::CloudApi& api, const Writes& writes)
{
    const auto response = SCSCTL_TRY(s3_call(api, writes, "GET", "/", {200}));
    auto names = openstack::s3_bucket_names(response.raw_body);
    if (!names) {
        return core::fail(
            {core::ErrorKind::failed, "S3 GET / at " + writes.endpoint + ": " + names.error().message, {}});
    }
    return names;
}

/// The container names of the project's Swift account, all pages (`?format=json`, then
/// `&marker=` after the last name until a page is empty).
core::Result<std::vector<std::string>> swift_containers(openstack::CloudApi& api)
{
    std::vector<std::string> names;
    std::string path = "?format=json";
    for (std::size_t page = 0; page < k_max_pages; ++page) {
        const auto request = get_request("object-store", path);
        const auto response = SCSCTL_TRY(send_expecting_success(api, request));
        if (response.status == 204 || (response.body.is_array() && response.body.empty())) {
            return names;
        }
        if (!response.body.is_array()) {
            return core::fail(
                {core::ErrorKind::failed, "GET object-store " + path + ": the answer is no JSON list", {}});
        }
        for (const auto& container : response.body) {
            const std::string name = string_member(container, "name");
            if (name.empty()) {
                return core::fail(
                    {core::ErrorKind::failed, "GET object-store " + path + ": a container without a name", {}});
            }
            names.push_back(name);
        }
        path = "?format=json&marker=" + openstack::aws_uri_encode(names.back(), false);
    }
    return names;
}

std::string python_list(const std::vector<std::string>& names)
{
    std::string text = "[";
    for (const auto& name : names) {
        text += (text.size() > 1 ? ", " : "") + python_str_repr(name);
    }
    return text + "]";
}

core::Result<bool> compare(openstack::CloudApi& api, TestLog& log, Writes& writes)
{
    writes.endpoint = SCSCTL_TRY(s3_endpoint(api));
    const auto leftovers = marked_leftovers(SCSCTL_TRY(list_usable_ec2_credentials(api)));
    for (const auto& leftover : leftovers) {
        SCSCTL_TRY(delete_credential(api, leftover.id));
        log.info("deleted leftover EC2 credential " + leftover.id + " (owner " + std::string(k_ec2_marker) + ")");
    }
    writes.keys = fresh_ec2_keys();
    writes.credential_attempted = true;
    writes.credential_id = SCSCTL_TRY(create_ec2_credential(api, writes.keys));
    log.info("created EC2 credential " + writes.credential_id + " (owner " + std::string(k_ec2_marker) + ")");
    auto buckets = SCSCTL_TRY(list_buckets(api, writes));
    if (buckets.empty()) {
        writes.bucket_attempted = true;
        SCSCTL_TRY(s3_call(api, writes, "PUT", std::string("/") + k_test_bucket, {200}));
        log.info(std::string("created S3 bucket ") + k_test_bucket);
        buckets = SCSCTL_TRY(list_buckets(api, writes));
    }
    if (buckets.empty()) {
        return core::fail({core::ErrorKind::failed, "failed to create S3 bucket", {}});
    }
    auto containers = SCSCTL_TRY(swift_containers(api));
    std::sort(buckets.begin(), buckets.end());
    std::sort(containers.begin(), containers.end());
    if (buckets == containers) {
        return true;
    }
    log.error("S3 buckets and Swift containers differ:");
    log.error("S3: " + python_list(buckets));
    log.error("SW: " + python_list(containers));
    return false;
}

/// Deletes the run's bucket (when it tried to create one; NoSuchBucket is fine) and its
/// credential (by id, or by access key when the create call named no id).
core::Result<void> undo(openstack::CloudApi& api, TestLog& log, const Writes& writes)
{
    std::string problems;
    if (writes.bucket_attempted) {
        auto deleted = s3_call(api, writes, "DELETE", std::string("/") + k_test_bucket, {204, 200, 404});
        if (!deleted) {
            problems += "could not delete S3 bucket " + std::string(k_test_bucket) + ": " + deleted.error().message;
        } else if (deleted->status != 404) {
            log.info(std::string("deleted S3 bucket ") + k_test_bucket);
        }
    }
    if (writes.credential_attempted) {
        std::vector<std::string> ids;
        if (!writes.credential_id.empty()) {
            ids.push_back(writes.credential_id);
        } else if (auto listed = list_usable_ec2_credentials(api); listed) {
            for (const auto& credential : *listed) {
                if (credential.access == writes.keys.access) {
                    ids.push_back(credential.id);
                }
            }
        } else {
            problems += (problems.empty() ? "" : "; ") +
                        std::string("could not look for the created EC2 credential: ") + listed.error().message;
        }
        for (const auto& id : ids) {
            if (auto deleted = delete_credential(api, id); !deleted) {
                problems += std::string(problems.empty() ? "" : "; ") + "could not delete EC2 credential " + id + ": " +
                            deleted.error().message;
            } else {
                log.info("deleted EC2 credential " + id);
            }
        }
    }
    if (!problems.empty()) {
        return core::fail({core::ErrorKind::failed, problems, {}});
    }
    return {};
}

} // namespace

core::Result<bool> scs0123_swift_s3(IaasSubject& subject, TestLog& log)
{
    if (!subject.has_service("object-store")) {
        log.info("skipping scs-0123-swift-s3 because object-store not present");
        return true;
    }
    Writes writes;
    auto verdict = compare(subject.api(), log, writes);
    const auto undone = undo(subject.api(), log, writes);
    if (!undone) {
        return core::fail({core::ErrorKind::failed,
                           verdict ? undone.error().message : verdict.error().message + "; " + undone.error().message,
                           {}});
    }
    return verdict;
}

} // namespace scsctl::scs
