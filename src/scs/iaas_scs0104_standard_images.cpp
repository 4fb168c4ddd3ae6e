// scs-0104-image-* (the standard image is there: by name, or for the capi image by its
// name scheme) and scs-0104-source-* (every such image's image_source starts with one of
// the spec's prefixes). Images are looked up among the public and community images by
// name; with duplicate names the last one listed counts, as in the reference. Depends on
// core, openstack, scs.
#include <map>

#include "scs/iaas_testcases.hpp"

namespace scsctl::scs {

namespace {

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/// The images of the spec, in name order.
core::Result<std::vector<const nlohmann::json*>> matching_images(IaasSubject& subject, const StandardImage& spec)
{
    const auto& listed = subject.images();
    if (!listed) {
        return core::fail(listed.error());
    }
    std::map<std::string, const nlohmann::json*> by_name;
    for (const auto& image : *listed) {
        by_name[string_member(image, "name")] = &image;
    }
    std::vector<const nlohmann::json*> matches;
    for (const auto& [name, image] : by_name) {
        if (spec.capi_scheme ? matches_capi_scheme(name) : name == spec.name) {
            matches.push_back(image);
        }
    }
    return matches;
}

} // namespace

bool matches_capi_scheme(std::string_view name)
{
    // `ubuntu-capi-image-v[0-9]\.[0-9]+(\.[0-9]+)?` matched at the start only: what follows
    // the first digit after the dot is optional, so it never decides.
    constexpr std::string_view prefix = "ubuntu-capi-image-v";
    if (!name.starts_with(prefix) || name.size() < prefix.size() + 3) {
        return false;
    }
    const auto rest = name.substr(prefix.size());
    return is_digit(rest[0]) && rest[1] == '.' && is_digit(rest[2]);
}

core::Result<bool> scs0104_source(IaasSubject& subject, TestLog& log, const StandardImage& image)
{
    const auto matches = SCSCTL_TRY(matching_images(subject, image));
    int errors = 0;
    for (const auto* match : matches) {
        const std::string name = string_member(*match, "name");
        if (!match->contains("image_source") || !(*match)["image_source"].is_string()) {
            // The reference reads the property unconditionally and stops there.
            return core::fail({core::ErrorKind::failed, "image '" + name + "' has no image_source", {}});
        }
        const std::string source = (*match)["image_source"].get<std::string>();
        bool ok = false;
        std::string prefixes;
        for (const auto prefix : image.sources) {
            ok = ok || source.starts_with(prefix);
            prefixes += (prefixes.empty() ? "" : ", ") + std::string(prefix);
        }
        if (!ok) {
            log.error("Image '" + name + "' source mismatch: " + source + " matches none of these prefixes: " + prefixes);
            ++errors;
        }
    }
    return errors == 0;
}

core::Result<bool> scs0104_image(IaasSubject& subject, TestLog& log, const StandardImage& image)
{
    const auto matches = SCSCTL_TRY(matching_images(subject, image));
    if (matches.empty()) {
        log.error("Missing image '" + std::string(image.name) + "'");
        return false;
    }
    return true;
}

} // namespace scsctl::scs
