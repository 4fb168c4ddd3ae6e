// The whole v5.1 table over one FakeCloud shaped like a compliant SCS cloud: every testcase
// passes, each list is fetched once, and the only writes are scs-0116's temporary secret.
// Then one defect per standard turns exactly the expected testcases to FAIL.
#include <catch2/catch.hpp>

#include "scs/flavor_generate.hpp"
#include "scs/iaas_fake_cloud_test.hpp"
#include "scs/iaas_scope.hpp"

using scsctl::scs::IaasSubject;
using scsctl::scs::Outcome;
using scsctl::scs::testing::FakeCloud;

namespace {

constexpr std::string_view k_standard_names[] = {
    "SCS-1V-4",    "SCS-2V-8",     "SCS-4V-16",      "SCS-8V-32",      "SCS-1V-2",      "SCS-2V-4",    "SCS-4V-8",
    "SCS-8V-16",   "SCS-16V-32",   "SCS-1V-8",       "SCS-2V-16",      "SCS-4V-32",     "SCS-1L-1",    "SCS-2V-4-20s",
    "SCS-4V-16-100s", "SCS-1V-4-10", "SCS-2V-8-20",  "SCS-4V-16-50",   "SCS-8V-32-100", "SCS-1V-2-5",  "SCS-2V-4-10",
    "SCS-4V-8-20", "SCS-8V-16-50", "SCS-16V-32-100", "SCS-1V-8-20",    "SCS-2V-16-50",  "SCS-4V-32-100", "SCS-1L-1-5"};

nlohmann::json compliant_flavor(std::string_view name)
{
    const auto parsed = scsctl::scs::parse_flavor_name(name, scsctl::scs::Syntax::v2);
    const auto& flavor = **parsed;
    const auto derived = scsctl::scs::extra_specs(flavor);
    nlohmann::json specs = nlohmann::json::object();
    for (const auto& [key, value] : *derived) {
        specs[key] = value;
    }
    const int disk = flavor.disk && flavor.disk->size_gb ? static_cast<int>(*flavor.disk->size_gb->to_u64()) : 0;
    return {{"id", "f-" + std::string(name)},
            {"name", std::string(name)},
            {"vcpus", *flavor.cpu_ram.cpus.to_u64()},
            {"ram", static_cast<int>(flavor.cpu_ram.ram_gib * 1024)},
            {"disk", disk},
            {"OS-FLV-EXT-DATA:ephemeral", 0},
            {"os-flavor-access:is_public", true},
            {"swap", ""},
            {"extra_specs", specs}};
}

nlohmann::json compliant_image(const std::string& name, const std::string& source)
{
    return {{"id", "i-" + name},         {"name", name},
            {"visibility", "public"},    {"status", "active"},
            {"os_hidden", false},        {"created_at", "2026-11-10T08:00:00Z"},
            {"size", 1073741824},        {"min_disk", 8},
            {"min_ram", 512},            {"os_hash_algo", "sha512"},
            {"architecture", "x86_64"},  {"hw_disk_bus", "scsi"},
            {"hypervisor_type", "kvm"},  {"hw_rng_model", "virtio"},
            {"os_distro", "ubuntu"},     {"os_version", "24.04"},
            {"image_build_date", "2026-11-09 12:00"}, {"image_original_user", "ubuntu"},
            {"image_source", source},    {"image_description", "https://example.org/images"},
            {"replace_frequency", "monthly"}, {"provided_until", "none"},
            {"uuid_validity", "forever"}};
}

/// A cloud that passes every testcase of v5.1 (with no object-store, so that swift-s3
/// has nothing to test).
FakeCloud compliant_cloud(nlohmann::json flavors, nlohmann::json images)
{
    FakeCloud cloud({"compute", "identity", "image", "network", "load-balancer", "placement", "block-storage",
                     "key-manager"});
    cloud.on("GET", "compute", "/flavors/detail", 200, {{"flavors", std::move(flavors)}});
    cloud.on("GET", "image", "/v2/images?member_status=all", 200, {{"images", std::move(images)}});
    cloud.on("GET", "block-storage", "/types", 200,
             {{"volume_types", nlohmann::json::array({{{"name", "ceph-luks"}, {"description", "[scs:encrypted, replicated]"}},
                                                      {{"name", "ceph"}, {"description", "[scs:replicated]"}}})}});
    nlohmann::json rules = nlohmann::json::array();
    for (const char* family : {"IPv4", "IPv6"}) {
        rules.push_back({{"direction", "egress"}, {"ethertype", family}, {"remote_ip_prefix", nullptr},
                         {"remote_group_id", nullptr}, {"used_in_default_sg", true}, {"used_in_non_default_sg", true}});
        rules.push_back({{"direction", "ingress"}, {"ethertype", family}, {"remote_ip_prefix", nullptr},
                         {"remote_group_id", "PARENT"}, {"used_in_default_sg", true}, {"used_in_non_default_sg", false}});
    }
    cloud.on("GET", "network", "/v2.0/default-security-group-rules", 200, {{"default_security_group_rules", rules}});
    const std::string ref = "https://key-manager.example/v1/secrets/77aa";
    cloud.on("GET", "key-manager", "/v1/secrets?name=scs-member-role-test-secret", 200,
             {{"secrets", nlohmann::json::array()}, {"total", 0}});
    cloud.on("GET", "key-manager", "/v1/secrets?name=scs-member-role-test-secret", 200,
             {{"secrets", nlohmann::json::array({{{"secret_ref", ref}, {"name", "scs-member-role-test-secret"}}})},
              {"total", 1}});
    cloud.on("POST", "key-manager", "/v1/secrets", 201, {{"secret_ref", ref}});
    cloud.on("DELETE", "key-manager", "/v1/secrets/77aa", 204);
    return cloud;
}

nlohmann::json all_flavors()
{
    nlohmann::json flavors = nlohmann::json::array();
    for (const auto name : k_standard_names) {
        flavors.push_back(compliant_flavor(name));
    }
    return flavors;
}

nlohmann::json all_images()
{
    return nlohmann::json::array(
        {compliant_image("Ubuntu 24.04", "https://cloud-images.ubuntu.com/releases/noble/release/"),
         compliant_image("Debian 12", "https://cloud.debian.org/images/cloud/bookworm/latest/"),
         compliant_image("ubuntu-capi-image-v1.32.1",
                         "https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/"
                         "openstack-k8s-capi-images/ubuntu-2204-kube-v1.32/ubuntu-2204-kube-v1.32.1.qcow2")});
}

std::vector<scsctl::scs::TestcaseResult> run_all(FakeCloud& cloud)
{
    const auto* version = scsctl::scs::find_iaas_scope_version("v5.1");
    std::vector<const scsctl::scs::TestcaseSpec*> selected;
    for (const auto& spec : version->testcases) {
        selected.push_back(&spec);
    }
    IaasSubject subject(cloud);
    subject.set_now(1795000000);
    return scsctl::scs::run_testcases(subject, selected);
}

std::vector<std::string> not_passed(const std::vector<scsctl::scs::TestcaseResult>& results)
{
    std::vector<std::string> ids;
    for (const auto& result : results) {
        if (result.outcome != Outcome::pass) {
            ids.push_back(result.id + ":" + std::string(scsctl::scs::outcome_word(result.outcome)));
        }
    }
    return ids;
}

} // namespace

TEST_CASE("a compliant cloud passes all 72 testcases of v5.1", "[scs-check]")
{
    FakeCloud cloud = compliant_cloud(all_flavors(), all_images());
    const auto results = run_all(cloud);
    CHECK(results.size() == 72);
    CHECK(not_passed(results).empty());
    // Each list once; the writes are the secret's create and delete only.
    std::size_t flavor_reads = 0;
    for (const auto& request : cloud.requests) {
        flavor_reads += request.path == "/flavors/detail" ? 1 : 0;
    }
    CHECK(flavor_reads == 1);
    CHECK(cloud.requests_with("POST").size() == 1);
    CHECK(cloud.requests_with("DELETE").size() == 1);
}

TEST_CASE("one defect per standard fails exactly its testcases", "[scs-check]")
{
    auto flavors = all_flavors();
    flavors[0]["vcpus"] = 2;              // SCS-1V-4 with 2 vCPUs: allowed by scs-0100, not by scs-0103
    flavors[1]["ram"] = 4096;             // SCS-2V-8 with 4 GiB: overpromise, and not standard
    flavors.erase(27);                    // SCS-1L-1-5 (recommended) missing
    auto images = all_images();
    images[1]["image_source"] = "https://mirror.example/debian-12.qcow2";
    images[2]["hw_rng_model"] = "none";   // recommended property wrong
    FakeCloud cloud = compliant_cloud(flavors, images);
    const auto results = run_all(cloud);
    CHECK(not_passed(results) == std::vector<std::string>{
                                     "scs-0100-semantics-check:FAIL",
                                     "scs-0102-prop-hw_rng_model:FAIL",
                                     "scs-0103-flavor-1v-4:FAIL",
                                     "scs-0103-flavor-2v-8:FAIL",
                                     "scs-0103-flavor-1l-1-5:FAIL",
                                     "scs-0104-source-debian-12:FAIL",
                                 });
}
