// The v5.1 testcase table. The stored scope file lists v5.1's modules (scs-0100-v3.1,
// scs-0102-v1, scs-0103-v1, scs-0104-v1 with scs-0104-v1-images-v5.yaml, scs-0114-v1,
// scs-0115-v1, scs-0116-v1, scs-0123-v1, …) with main target "mandatory"; the testcase ids
// are openstack_test.py's. Which testcases the main target requires follows each module's
// tag in the scope (scs-0114-v1 is not tagged mandatory) and, within a module, the
// standard's own must/should: scs-0102's recommended properties (os_hash_algo,
// hypervisor_type, hw_rng_model), scs-0103's recommended flavors (the ones with a disk),
// scs-0104's recommended images and scs-0116's key manager presence are not required.
// Not run: opc-v2022.11 (refstack), scs-0101 (needs VMs), scs-0117 (creates volumes and
// backups), the manual scs-0121 and scs-0302. Depends on core, openstack, scs.
#include "scs/iaas_scope.hpp"

#include <algorithm>
#include <chrono>

#include "scs/iaas_testcases.hpp"

namespace scsctl::scs {

namespace {

using namespace std::placeholders;

struct FlavorRow {
    std::string_view name;
    bool required;
};

// scs-0103-v1-flavors.yaml: 15 mandatory, 13 recommended.
constexpr FlavorRow k_standard_flavors[] = {
    {"SCS-1V-4", true},       {"SCS-2V-8", true},       {"SCS-4V-16", true},     {"SCS-8V-32", true},
    {"SCS-1V-2", true},       {"SCS-2V-4", true},       {"SCS-4V-8", true},      {"SCS-8V-16", true},
    {"SCS-16V-32", true},     {"SCS-1V-8", true},       {"SCS-2V-16", true},     {"SCS-4V-32", true},
    {"SCS-1L-1", true},       {"SCS-2V-4-20s", true},   {"SCS-4V-16-100s", true}, {"SCS-1V-4-10", false},
    {"SCS-2V-8-20", false},   {"SCS-4V-16-50", false},  {"SCS-8V-32-100", false}, {"SCS-1V-2-5", false},
    {"SCS-2V-4-10", false},   {"SCS-4V-8-20", false},   {"SCS-8V-16-50", false},  {"SCS-16V-32-100", false},
    {"SCS-1V-8-20", false},   {"SCS-2V-16-50", false},  {"SCS-4V-32-100", false}, {"SCS-1L-1-5", false},
};

// scs-0104-v1-images-v5.yaml (the image list of scope v5/v5.1).
constexpr std::string_view k_noble[] = {"https://cloud-images.ubuntu.com/releases/noble/",
                                        "https://cloud-images.ubuntu.com/noble/"};
constexpr std::string_view k_jammy[] = {"https://cloud-images.ubuntu.com/releases/jammy/",
                                        "https://cloud-images.ubuntu.com/jammy/"};
constexpr std::string_view k_focal[] = {"https://cloud-images.ubuntu.com/releases/focal/",
                                        "https://cloud-images.ubuntu.com/focal/"};
constexpr std::string_view k_bookworm[] = {"https://cloud.debian.org/images/cloud/bookworm/",
                                           "https://cdimage.debian.org/cdimage/cloud/bookworm/"};
constexpr std::string_view k_bullseye[] = {"https://cloud.debian.org/images/cloud/bullseye/",
                                           "https://cdimage.debian.org/cdimage/cloud/bullseye/"};
constexpr std::string_view k_buster[] = {"https://cloud.debian.org/images/cloud/buster/",
                                         "https://cdimage.debian.org/cdimage/cloud/buster/"};
constexpr std::string_view k_capi[] = {"https://swift.services.a.regiocloud.tech/swift/v1/"
                                       "AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/"
                                       "ubuntu-2204-kube"};

struct ImageRow {
    std::string_view suffix; ///< of the testcase ids
    StandardImage image;
    std::optional<bool> presence_required; ///< none: optional, no presence testcase
};

const ImageRow k_standard_images[] = {
    {"ubuntu-2404", {"Ubuntu 24.04", false, k_noble}, true},
    {"debian-12", {"Debian 12", false, k_bookworm}, false},
    {"capi-2", {"ubuntu-capi-image", true, k_capi}, false},
    {"ubuntu-2204", {"Ubuntu 22.04", false, k_jammy}, std::nullopt},
    {"ubuntu-2004", {"Ubuntu 20.04", false, k_focal}, std::nullopt},
    {"debian-11", {"Debian 11", false, k_bullseye}, std::nullopt},
    {"debian-10", {"Debian 10", false, k_buster}, std::nullopt},
};

struct PropertyRow {
    std::string_view suffix;
    ImageProperty property;
    bool required;
};

constexpr PropertyRow k_image_properties[] = {
    {"architecture", ImageProperty::architecture, true},
    {"hash_algo", ImageProperty::hash_algo, false},
    {"min_disk", ImageProperty::min_disk, true},
    {"min_ram", ImageProperty::min_ram, true},
    {"os_version", ImageProperty::os_version, true},
    {"os_distro", ImageProperty::os_distro, true},
    {"hw_disk_bus", ImageProperty::hw_disk_bus, true},
    {"hypervisor_type", ImageProperty::hypervisor_type, false},
    {"hw_rng_model", ImageProperty::hw_rng_model, false},
    {"image_build_date", ImageProperty::image_build_date, true},
    {"image_original_user", ImageProperty::image_original_user, true},
    {"image_source", ImageProperty::image_source, true},
    {"image_description", ImageProperty::image_description, true},
    {"replace_frequency", ImageProperty::replace_frequency, true},
    {"provided_until", ImageProperty::provided_until, true},
    {"uuid_validity", ImageProperty::uuid_validity, true},
    {"hotfix_hours", ImageProperty::hotfix_hours, true},
};

constexpr std::string_view k_storage_types[] = {"volume", "volumev3", "block-storage"};
constexpr std::string_view k_mandatory_services[] = {"compute", "identity", "image", "network",
                                                      "load-balancer", "placement"};

/// "SCS-2V-4-20s" → "2v-4-20s", the reference's id suffix.
std::string flavor_suffix(std::string_view name)
{
    std::string suffix(name.substr(4));
    std::transform(suffix.begin(), suffix.end(), suffix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return suffix;
}

void add_flavor_and_image_testcases(std::vector<TestcaseSpec>& list)
{
    for (const auto& row : k_standard_flavors) {
        const std::string_view name = row.name;
        list.push_back({"scs-0103-flavor-" + flavor_suffix(name), "scs-0103-v1", row.required, false,
                        [name](IaasSubject& s, TestLog& l) { return scs0103_flavor(s, l, name); }});
    }
    for (const auto& row : k_standard_images) {
        const StandardImage* image = &row.image;
        list.push_back({"scs-0104-source-" + std::string(row.suffix), "scs-0104-v1", true, false,
                        [image](IaasSubject& s, TestLog& l) { return scs0104_source(s, l, *image); }});
    }
    for (const auto& row : k_standard_images) {
        if (!row.presence_required) {
            continue;
        }
        const StandardImage* image = &row.image;
        list.push_back({"scs-0104-image-" + std::string(row.suffix), "scs-0104-v1", *row.presence_required, false,
                        [image](IaasSubject& s, TestLog& l) { return scs0104_image(s, l, *image); }});
    }
}

void add_service_testcases(std::vector<TestcaseSpec>& list)
{
    list.push_back({"scs-0114-syntax-check", "scs-0114-v1", false, false, scs0114_syntax_check});
    list.push_back({"scs-0114-encrypted-type", "scs-0114-v1", false, false,
                    [](IaasSubject& s, TestLog& l) { return scs0114_aspect_type(s, l, "encrypted"); }});
    list.push_back({"scs-0114-replicated-type", "scs-0114-v1", false, false,
                    [](IaasSubject& s, TestLog& l) { return scs0114_aspect_type(s, l, "replicated"); }});
    list.push_back({"scs-0115-default-rules", "scs-0115-v1", true, true, scs0115_default_rules});
    list.push_back({"scs-0116-presence", "scs-0116-v1", false, false, scs0116_presence});
    list.push_back({"scs-0116-permissions", "scs-0116-v1", true, true, scs0116_permissions});
    for (const auto& type : k_mandatory_services) {
        const std::span<const std::string_view> types(&type, 1);
        list.push_back({"scs-0123-service-" + std::string(type), "scs-0123-v1", true, false,
                        [types](IaasSubject& s, TestLog& l) { return scs0123_service_presence(s, l, types); }});
    }
    list.push_back({"scs-0123-storage-apis", "scs-0123-v1", true, false,
                    [](IaasSubject& s, TestLog& l) { return scs0123_service_presence(s, l, k_storage_types); }});
    list.push_back({"scs-0123-swift-s3", "scs-0123-v1", true, true, scs0123_swift_s3});
}

ScopeVersion make_v5_1()
{
    ScopeVersion version{"v5.1", {}};
    auto& list = version.testcases;
    list.push_back({"scs-0100-syntax-check", "scs-0100-v3.1", true, false, scs0100_syntax_check});
    list.push_back({"scs-0100-semantics-check", "scs-0100-v3.1", true, false, scs0100_semantics_check});
    for (const auto& row : k_image_properties) {
        const ImageProperty property = row.property;
        list.push_back({"scs-0102-prop-" + std::string(row.suffix), "scs-0102-v1", row.required, false,
                        [property](IaasSubject& s, TestLog& l) { return scs0102_property(s, l, property); }});
    }
    list.push_back({"scs-0102-image-recency", "scs-0102-v1", true, false, scs0102_image_recency});
    add_flavor_and_image_testcases(list);
    add_service_testcases(list);
    return version;
}

} // namespace

std::span<const ScopeVersion> iaas_scope_versions()
{
    static const std::vector<ScopeVersion> versions{make_v5_1()};
    return versions;
}

const ScopeVersion* find_iaas_scope_version(std::string_view name)
{
    for (const auto& version : iaas_scope_versions()) {
        if (version.name == name) {
            return &version;
        }
    }
    return nullptr;
}

core::Result<void> iaas_preflight(const openstack::CloudApi& api)
{
    const auto& roles = api.roles();
    const auto has = [&](std::string_view role) { return std::find(roles.begin(), roles.end(), role) != roles.end(); };
    if (has("admin") || has("manager")) {
        return core::fail({core::ErrorKind::failed,
                           "user privileges too high: admin/manager roles detected (the testcases must run as a "
                           "plain member)",
                           {}});
    }
    if (!has("member")) {
        return core::fail({core::ErrorKind::failed, "OpenStack user is missing member role.", {}});
    }
    return {};
}

std::vector<TestcaseResult> run_testcases(IaasSubject& subject, std::span<const TestcaseSpec* const> selected,
                                          const std::function<void(const TestcaseResult&)>& on_result)
{
    std::vector<TestcaseResult> results;
    for (const auto* spec : selected) {
        TestLog log;
        const auto start = std::chrono::steady_clock::now();
        const auto verdict = spec->check(subject, log);
        TestcaseResult result;
        result.id = spec->id;
        result.required = spec->required;
        if (!verdict) {
            log.error(verdict.error().message);
            result.outcome = Outcome::abort;
        } else {
            result.outcome = *verdict ? Outcome::pass : Outcome::fail;
        }
        result.messages = log.take();
        result.duration =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        if (on_result) {
            on_result(result);
        }
        results.push_back(std::move(result));
    }
    return results;
}

std::vector<TestcaseResult> aborted_results(std::span<const TestcaseSpec* const> selected, const std::string& why)
{
    std::vector<TestcaseResult> results;
    for (const auto* spec : selected) {
        results.push_back({spec->id, Outcome::abort, spec->required, {{LogLevel::error, why}}, {}});
    }
    return results;
}

} // namespace scsctl::scs
