// Unit tests of scs-0123-swift-s3 over a FakeCloud (Keystone credentials and Swift as JSON
// routes, S3 as the fake's bucket model): the usable-credential and leftover rules, the
// credential it creates, PASS when buckets and containers agree, FAIL when they differ,
// ABORT on errors and garbage, and the cleanup of its bucket and credential on every way
// out; no secret in any log line or error.
#include <catch2/catch.hpp>

#include <regex>

#include "scs/ec2_credentials.hpp"
#include "scs/iaas_fake_cloud_test.hpp"
#include "scs/iaas_testcases.hpp"

using scsctl::scs::IaasSubject;
using scsctl::scs::TestLog;
using scsctl::scs::testing::FakeCloud;

namespace {

const std::string k_project = "8a7c1a2b9d3e4f5a6b7c8d9e0f1a2b3c"; // FakeCloud's project
const std::string k_user = "b5c2e1d0a9f84e7d6c5b4a3f2e1d0c9b";    // FakeCloud's user
const std::string k_list_path = "/v3/credentials?user_id=" + k_user;
const std::string k_leftover_secret = "leftoversecret0123456789abcdef00";
const std::string k_kept_secret = "keptsecret0123456789abcdef000000";

nlohmann::json credential(const std::string& id, const std::string& type, const std::string& project,
                          const std::string& blob)
{
    return {{"id", id}, {"type", type}, {"user_id", k_user}, {"project_id", project}, {"blob", blob}};
}

/// Keystone's list: a leftover of an earlier run, an operator's credential, and ones that
/// are not usable (other type, other project, broken blob, no secret).
nlohmann::json credential_list()
{
    return {{"credentials",
             nlohmann::json::array({credential("cred-leftover", "ec2", k_project,
                                               R"({"access": "oldaccess", "secret": ")" + k_leftover_secret +
                                                   R"(", "owner": "TmpMandSvcTest"})"),
                                    credential("cred-operator", "ec2", k_project,
                                               R"({"access": "opaccess", "secret": ")" + k_kept_secret + R"("})"),
                                    credential("cred-totp", "totp", k_project, "JBSWY3DPEHPK3PXP"),
                                    credential("cred-other-project", "ec2", "0000",
                                               R"({"access": "a", "secret": "s", "owner": "TmpMandSvcTest"})"),
                                    credential("cred-broken", "ec2", k_project, "{not json"),
                                    credential("cred-nosecret", "ec2", k_project,
                                               R"({"access": "a", "secret": "", "owner": "TmpMandSvcTest"})")})}};
}

/// A cloud with Keystone and Swift; Swift lists `containers` (one page, then an empty one).
FakeCloud swift_cloud(const std::vector<std::string>& containers)
{
    FakeCloud cloud({"identity", "object-store"});
    cloud.on("GET", "identity", k_list_path, 200, credential_list());
    cloud.on("DELETE", "identity", "/v3/credentials/cred-leftover", 204);
    cloud.on("POST", "identity", "/v3/credentials", 201, {{"credential", {{"id", "cred-new"}, {"type", "ec2"}}}});
    cloud.on("DELETE", "identity", "/v3/credentials/cred-new", 204);
    nlohmann::json listing = nlohmann::json::array();
    for (const auto& name : containers) {
        listing.push_back({{"name", name}, {"count", 0}, {"bytes", 0}});
    }
    cloud.on("GET", "object-store", "?format=json", 200, listing);
    if (!containers.empty()) {
        cloud.on("GET", "object-store", "?format=json&marker=" + containers.back(), 200, nlohmann::json::array());
    }
    return cloud;
}

std::vector<std::string> paths(const FakeCloud& cloud, const std::string& method)
{
    std::vector<std::string> found;
    for (const auto& request : cloud.requests_with(method)) {
        found.push_back(request.path);
    }
    return found;
}

std::vector<std::string> s3_calls(const FakeCloud& cloud)
{
    std::vector<std::string> calls;
    for (const auto& request : cloud.s3_requests) {
        calls.push_back(request.method + " " + request.path);
    }
    return calls;
}

/// The secret of the credential the run created (from its POST body).
std::string created_secret(const FakeCloud& cloud)
{
    const auto posts = cloud.requests_with("POST");
    REQUIRE(posts.size() == 1);
    return nlohmann::json::parse((*posts[0].body)["credential"]["blob"].get<std::string>())["secret"];
}

/// No log line and no error message holds a secret.
void check_no_secret(const FakeCloud& cloud, const TestLog& log, const std::string& error = {})
{
    const std::string secret = created_secret(cloud);
    for (const auto& line : log.lines()) {
        CHECK(line.text.find(secret) == std::string::npos);
        CHECK(line.text.find(k_leftover_secret) == std::string::npos);
        CHECK(line.text.find(k_kept_secret) == std::string::npos);
    }
    CHECK(error.find(secret) == std::string::npos);
    CHECK(error.find(k_leftover_secret) == std::string::npos);
}

std::vector<std::string> error_lines(const TestLog& log)
{
    std::vector<std::string> lines;
    for (const auto& line : log.lines()) {
        if (line.level == scsctl::scs::LogLevel::error) {
            lines.push_back(line.text);
        }
    }
    return lines;
}

} // namespace

TEST_CASE("swift-s3: usable EC2 credentials and leftovers as the reference reads them", "[scs][swift-s3]")
{
    const auto usable = scsctl::scs::usable_ec2_credentials(credential_list(), k_project).value();
    REQUIRE(usable.size() == 2);
    CHECK(usable[0].id == "cred-leftover");
    CHECK(usable[0].access == "oldaccess");
    CHECK(usable[1].id == "cred-operator");
    CHECK(usable[1].owner.empty());
    const auto leftovers = scsctl::scs::marked_leftovers(usable);
    REQUIRE(leftovers.size() == 1);
    CHECK(leftovers[0].id == "cred-leftover");
    // Python truthiness: a number is a key, an empty list is not; a blob that is no object is skipped.
    const nlohmann::json odd = {{"credentials",
                                 {credential("n", "ec2", k_project, R"({"access": 7, "secret": [1]})"),
                                  credential("e", "ec2", k_project, R"({"access": "a", "secret": []})"),
                                  credential("s", "ec2", k_project, R"(["access", "secret"])")}}};
    const auto odd_usable = scsctl::scs::usable_ec2_credentials(odd, k_project).value();
    REQUIRE(odd_usable.size() == 1);
    CHECK(odd_usable[0].access == "7");
    CHECK_FALSE(scsctl::scs::usable_ec2_credentials({{"error", "x"}}, k_project));
}

TEST_CASE("swift-s3: fresh keys are 32 random hex digits, the blob is marked", "[scs][swift-s3]")
{
    const auto first = scsctl::scs::fresh_ec2_keys();
    const auto second = scsctl::scs::fresh_ec2_keys();
    const std::regex hex32("[0-9a-f]{32}");
    CHECK(std::regex_match(first.access, hex32));
    CHECK(std::regex_match(first.secret, hex32));
    CHECK(first.access != first.secret);
    CHECK(first.access != second.access);
    CHECK(first.secret != second.secret);
    const auto blob = nlohmann::json::parse(scsctl::scs::marked_blob(first));
    CHECK(blob == nlohmann::json{{"access", first.access}, {"secret", first.secret}, {"owner", "TmpMandSvcTest"}});
}

TEST_CASE("swift-s3: PASS creates a bucket when there is none, then cleans up", "[scs][swift-s3]")
{
    FakeCloud cloud = swift_cloud({"scs-test-container"});
    cloud.set_endpoint("object-store", "https://swift.example:8080/swift/v1/AUTH_" + k_project);
    IaasSubject subject(cloud);
    TestLog log;
    REQUIRE(scsctl::scs::scs0123_swift_s3(subject, log).value());
    // The leftover is deleted, the operator's credential is neither used nor deleted.
    CHECK(paths(cloud, "DELETE") ==
          std::vector<std::string>{"/v3/credentials/cred-leftover", "/v3/credentials/cred-new"});
    const auto post = cloud.requests_with("POST").at(0);
    const auto& body = (*post.body)["credential"];
    CHECK(body["type"] == "ec2");
    CHECK(body["user_id"] == k_user);
    CHECK(body["project_id"] == k_project);
    const auto blob = nlohmann::json::parse(body["blob"].get<std::string>());
    CHECK(blob["owner"] == "TmpMandSvcTest");
    // S3 with the fresh keys at scheme://host:port of the object-store, path-style.
    CHECK(s3_calls(cloud) ==
          std::vector<std::string>{"GET /", "PUT /scs-test-container", "GET /", "DELETE /scs-test-container"});
    for (const auto& request : cloud.s3_requests) {
        CHECK(request.endpoint == "https://swift.example:8080");
        CHECK(request.access_key == blob["access"]);
        CHECK(request.secret_key == blob["secret"]);
        CHECK(request.region == "us-east-1");
    }
    CHECK(cloud.s3_buckets.empty());
    CHECK(error_lines(log).empty());
    check_no_secret(cloud, log);
}

TEST_CASE("swift-s3: FAIL names both lists; existing buckets are neither created nor deleted", "[scs][swift-s3]")
{
    FakeCloud cloud = swift_cloud({"Swift_Only", "shared"});
    cloud.s3_buckets = {"shared"};
    IaasSubject subject(cloud);
    TestLog log;
    REQUIRE_FALSE(scsctl::scs::scs0123_swift_s3(subject, log).value());
    CHECK(error_lines(log) == std::vector<std::string>{"S3 buckets and Swift containers differ:", "S3: ['shared']",
                                                       "SW: ['Swift_Only', 'shared']"});
    CHECK(s3_calls(cloud) == std::vector<std::string>{"GET /"});
    CHECK(cloud.s3_buckets == std::vector<std::string>{"shared"});
    CHECK(paths(cloud, "DELETE").back() == "/v3/credentials/cred-new");
    check_no_secret(cloud, log);
}

TEST_CASE("swift-s3: ABORT on errors, and the cleanup still runs", "[scs][swift-s3]")
{
    SECTION("ListBuckets answers garbage")
    {
        FakeCloud cloud = swift_cloud({});
        cloud.s3_list_body = "<ListAllMyBucketsResult><Buckets><Bucket><Name>x</Buckets>";
        IaasSubject subject(cloud);
        TestLog log;
        const auto verdict = scsctl::scs::scs0123_swift_s3(subject, log);
        REQUIRE_FALSE(verdict);
        CHECK(verdict.error().message.starts_with("S3 GET / at https://object-store.example: XML: at byte "));
        CHECK(paths(cloud, "DELETE").back() == "/v3/credentials/cred-new");
        check_no_secret(cloud, log, verdict.error().message);
    }
    SECTION("the bucket cannot be created: 'failed to create S3 bucket', the attempt undone")
    {
        FakeCloud cloud = swift_cloud({});
        cloud.s3_create_ignored = true;
        IaasSubject subject(cloud);
        TestLog log;
        const auto verdict = scsctl::scs::scs0123_swift_s3(subject, log);
        REQUIRE_FALSE(verdict);
        CHECK(verdict.error().message == "failed to create S3 bucket");
        CHECK(s3_calls(cloud).back() == "DELETE /scs-test-container"); // 404: nothing was there
        CHECK(paths(cloud, "DELETE").back() == "/v3/credentials/cred-new");
    }
    SECTION("Swift fails after the bucket was created: bucket and credential deleted")
    {
        FakeCloud cloud = swift_cloud({});
        cloud.replace("GET", "object-store", "?format=json", 500, {{"error", "boom"}});
        IaasSubject subject(cloud);
        TestLog log;
        const auto verdict = scsctl::scs::scs0123_swift_s3(subject, log);
        REQUIRE_FALSE(verdict);
        CHECK(verdict.error().message.starts_with("GET object-store ?format=json: HTTP 500"));
        CHECK(s3_calls(cloud).back() == "DELETE /scs-test-container");
        CHECK(cloud.s3_buckets.empty());
        CHECK(paths(cloud, "DELETE").back() == "/v3/credentials/cred-new");
    }
    SECTION("S3 unreachable")
    {
        FakeCloud cloud = swift_cloud({});
        cloud.s3_unreachable = true;
        IaasSubject subject(cloud);
        TestLog log;
        const auto verdict = scsctl::scs::scs0123_swift_s3(subject, log);
        REQUIRE_FALSE(verdict);
        CHECK(verdict.error().message == "S3 GET /: https://object-store.example: connection refused");
        CHECK(paths(cloud, "DELETE").back() == "/v3/credentials/cred-new");
    }
    SECTION("the credential cannot be deleted afterwards: ABORT even though the buckets agree")
    {
        FakeCloud cloud = swift_cloud({"scs-test-container"});
        cloud.replace("DELETE", "identity", "/v3/credentials/cred-new", 503,
                      {{"error", {{"code", 503}, {"title", "Service Unavailable"}}}});
        IaasSubject subject(cloud);
        TestLog log;
        const auto verdict = scsctl::scs::scs0123_swift_s3(subject, log);
        REQUIRE_FALSE(verdict);
        CHECK(verdict.error().message == "could not delete EC2 credential cred-new: DELETE identity "
                                         "/v3/credentials/cred-new: HTTP 503 Service Unavailable");
        CHECK(cloud.s3_buckets.empty()); // the bucket went first
    }
    SECTION("Keystone refuses the credential and quotes it: the secret stays out of the message")
    {
        FakeCloud cloud = swift_cloud({});
        IaasSubject subject(cloud);
        TestLog log;
        // Keystone's validation errors may quote the request; the fake quotes nothing it
        // knows in advance, so the check is that the message carries no body at all.
        cloud.replace(
            "POST", "identity", "/v3/credentials", 400,
            {{"error", {{"code", 400}, {"title", "Bad Request"}, {"message", "Invalid input for field 'blob'"}}}});
        const auto verdict = scsctl::scs::scs0123_swift_s3(subject, log);
        REQUIRE_FALSE(verdict);
        CHECK(verdict.error().message == "POST identity /v3/credentials: HTTP 400 Bad Request");
        CHECK(cloud.s3_requests.empty());
        // The create was refused: nothing of this run's to delete, the list was read again to be sure.
        CHECK(paths(cloud, "DELETE") == std::vector<std::string>{"/v3/credentials/cred-leftover"});
        check_no_secret(cloud, log, verdict.error().message);
    }
    SECTION("the create answer names no id: the credential is found by its access key and deleted")
    {
        FakeCloud cloud = swift_cloud({"scs-test-container"});
        cloud.replace("POST", "identity", "/v3/credentials", 201, {{"credential", {{"type", "ec2"}}}});
        // Keystone stores what was posted: later lists show it (under an id the run never saw).
        cloud.observe = [&cloud](const scsctl::openstack::ApiRequest& request) {
            if (request.method == "POST" && request.path == "/v3/credentials") {
                auto list = credential_list();
                list["credentials"].push_back(credential("cred-unnamed", "ec2", k_project,
                                                         (*request.body)["credential"]["blob"].get<std::string>()));
                cloud.replace("GET", "identity", k_list_path, 200, list);
                cloud.on("DELETE", "identity", "/v3/credentials/cred-unnamed", 204);
            }
        };
        IaasSubject subject(cloud);
        TestLog log;
        const auto verdict = scsctl::scs::scs0123_swift_s3(subject, log);
        REQUIRE_FALSE(verdict);
        CHECK(verdict.error().message == "POST identity /v3/credentials: the answer names no credential id");
        CHECK(paths(cloud, "DELETE") ==
              std::vector<std::string>{"/v3/credentials/cred-leftover", "/v3/credentials/cred-unnamed"});
        check_no_secret(cloud, log, verdict.error().message);
    }
}
