// The SCS IaaS testcases, one function per testcase (or per family of testcases that
// differ only in a parameter), each in the file of its standard:
// iaas_scs0100_flavor_naming.cpp … iaas_scs0123_mandatory_services.cpp. Each returns true
// (PASS), false (FAIL) or an error (ABORT) and logs why, following the pass/fail rules of
// the reference (SovereignCloudStack/standards, Tests/iaas/scs_01xx_*). Depends on core,
// openstack and scs.
#pragma once

#include <span>
#include <string_view>

#include "scs/iaas_subject.hpp"
#include "scs/iaas_testcase.hpp"

namespace scsctl::scs {

// scs-0100 flavor naming (v3; v2 and v1 names tolerated)
core::Result<bool> scs0100_syntax_check(IaasSubject& subject, TestLog& log);
core::Result<bool> scs0100_semantics_check(IaasSubject& subject, TestLog& log);

// scs-0102 image metadata v1: one check per property, and the image recency
enum class ImageProperty {
    architecture,
    hash_algo,
    min_disk,
    min_ram,
    os_version,
    os_distro,
    hw_disk_bus,
    hypervisor_type,
    hw_rng_model,
    image_build_date,
    image_original_user,
    image_source,
    image_description,
    replace_frequency,
    provided_until,
    uuid_validity,
    hotfix_hours,
};
core::Result<bool> scs0102_property(IaasSubject& subject, TestLog& log, ImageProperty property);
core::Result<bool> scs0102_image_recency(IaasSubject& subject, TestLog& log);

// scs-0103 standard flavors: the flavor `canonical_name` exists with its cpus, RAM, disk
// and scs:* extra_specs
core::Result<bool> scs0103_flavor(IaasSubject& subject, TestLog& log, std::string_view canonical_name);

// scs-0104 standard images: an image spec of scs-0104-v1-images-v5.yaml
struct StandardImage {
    std::string_view name;                 ///< the image name, or the spec's name for a scheme
    bool capi_scheme = false;              ///< images match by matches_capi_scheme(), not by name
    std::span<const std::string_view> sources; ///< the allowed image_source prefixes
};
core::Result<bool> scs0104_source(IaasSubject& subject, TestLog& log, const StandardImage& image);
core::Result<bool> scs0104_image(IaasSubject& subject, TestLog& log, const StandardImage& image);
/// Whether `name` matches the capi image scheme `ubuntu-capi-image-v[0-9]\.[0-9]+(\.[0-9]+)?`
/// the way Python's re.match does (anchored at the start only).
bool matches_capi_scheme(std::string_view name);

// scs-0114 volume types
core::Result<bool> scs0114_syntax_check(IaasSubject& subject, TestLog& log);
core::Result<bool> scs0114_aspect_type(IaasSubject& subject, TestLog& log, std::string_view aspect);

// scs-0115 default security group rules (writes only in its fallback, see the .cpp)
core::Result<bool> scs0115_default_rules(IaasSubject& subject, TestLog& log);

// scs-0116 key manager (the permissions testcase creates and deletes a secret)
core::Result<bool> scs0116_presence(IaasSubject& subject, TestLog& log);
core::Result<bool> scs0116_permissions(IaasSubject& subject, TestLog& log);

// scs-0123 mandatory services: a service of one of `types` is in the catalog
core::Result<bool> scs0123_service_presence(IaasSubject& subject, TestLog& log,
                                            std::span<const std::string_view> types);
core::Result<bool> scs0123_swift_s3(IaasSubject& subject, TestLog& log);

} // namespace scsctl::scs
