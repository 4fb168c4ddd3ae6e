// scs-0102 image metadata v1 over the public and community images: one testcase per
// property (scs-0102-prop-*) and the recency rule (scs-0102-image-recency). Glance lists an
// image's properties flat beside its core fields, so every rule reads the image object's
// members; a missing member reads as "not set". Depends on core, openstack, scs.
#include <array>
#include <map>
#include <string>
#include <utility>

#include "scs/iaas_image_dates.hpp"
#include "scs/iaas_testcases.hpp"

namespace scsctl::scs {

namespace {

constexpr std::int64_t k_gib = 1024LL * 1024 * 1024;

/// replace_frequency → the seconds it allows (rounded up a little, as the reference does).
const std::map<std::string, std::int64_t, std::less<>>& frequencies()
{
    static const std::map<std::string, std::int64_t, std::less<>> table{
        {"never", 0},
        {"critical_bug", 0},
        {"yearly", 365LL * 24 * 3600},
        {"quarterly", 92LL * 24 * 3600},
        {"monthly", 31LL * 24 * 3600},
        {"weekly", 7LL * 25 * 3600},
        {"daily", 25LL * 3600},
    };
    return table;
}

std::string name_of(const nlohmann::json& image)
{
    return string_member(image, "name");
}

/// Python truthiness of a member: missing, null, false, 0 and "" are not set.
bool is_set(const nlohmann::json& image, const char* key)
{
    if (!image.is_object() || !image.contains(key)) {
        return false;
    }
    const auto& value = image[key];
    if (value.is_null()) {
        return false;
    }
    if (value.is_string()) {
        return !value.get<std::string>().empty();
    }
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number()) {
        return value.get<double>() != 0;
    }
    return !value.empty();
}

/// A member as text: its string, the JSON of anything else, none when missing or null.
std::optional<std::string> text_of(const nlohmann::json& image, const char* key)
{
    if (!image.is_object() || !image.contains(key) || image[key].is_null()) {
        return std::nullopt;
    }
    const auto& value = image[key];
    return value.is_string() ? value.get<std::string>() : value.dump();
}

double number_of(const nlohmann::json& image, const char* key)
{
    return image.is_object() && image.contains(key) && image[key].is_number() ? image[key].get<double>() : 0;
}

/// A date the reference reads, 0 when it reads none (the reference's "not a date").
std::int64_t date_or_zero(const std::optional<std::string>& text, DateFormats formats)
{
    if (!text) {
        return 0;
    }
    return parse_image_date(*text, formats).value_or(0);
}

void log_offenders(TestLog& log, const std::string& cause, const std::vector<std::string>& names, bool as_error = true)
{
    if (names.empty()) {
        return;
    }
    std::string text = cause + " for image(s): ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        text += (i ? ", " : "") + names[i];
    }
    as_error ? log.error(text) : log.warning(text);
}

/// A rule "member `key` is one of `allowed`" (none allowed when `missing_ok`).
bool check_enumerated(const JsonList& images, TestLog& log, const char* key, std::span<const std::string_view> allowed,
                      bool missing_ok, const std::string& cause)
{
    std::vector<std::string> offenders;
    for (const auto& image : images) {
        const auto value = text_of(image, key);
        const bool ok = value ? std::find(allowed.begin(), allowed.end(), *value) != allowed.end() : missing_ok;
        if (!ok) {
            offenders.push_back(name_of(image));
        }
    }
    log_offenders(log, cause, offenders);
    return offenders.empty();
}

bool check_set(const JsonList& images, TestLog& log, const char* key)
{
    std::vector<std::string> offenders;
    for (const auto& image : images) {
        if (!is_set(image, key)) {
            offenders.push_back(name_of(image));
        }
    }
    log_offenders(log, std::string("property ") + key + " not set", offenders);
    return offenders.empty();
}

bool check_min_disk(const JsonList& images, TestLog& log)
{
    std::vector<std::string> unset;
    std::vector<std::string> too_small;
    for (const auto& image : images) {
        const double min_disk = number_of(image, "min_disk");
        if (min_disk == 0) {
            unset.push_back(name_of(image));
        } else if (image.contains("size") && image["size"].is_number() &&
                   min_disk * static_cast<double>(k_gib) < image["size"].get<double>()) {
            too_small.push_back(name_of(image));
        }
    }
    log_offenders(log, "property min_disk not set", unset);
    log_offenders(log, "property min_disk smaller than size", too_small);
    return unset.empty() && too_small.empty();
}

bool check_min_ram(const JsonList& images, TestLog& log)
{
    std::vector<std::string> unset;
    std::vector<std::string> low;
    for (const auto& image : images) {
        const double min_ram = number_of(image, "min_ram");
        if (min_ram == 0) {
            unset.push_back(name_of(image));
        } else if (min_ram < 64) {
            low.push_back(name_of(image));
        }
    }
    log_offenders(log, "property min_ram not set", unset);
    log_offenders(log, "property min_ram < 64 MiB", low, false);
    return unset.empty();
}

bool check_build_date(const JsonList& images, TestLog& log, std::int64_t now)
{
    int errors = 0;
    for (const auto& image : images) {
        const std::int64_t registered = date_or_zero(text_of(image, "created_at"), DateFormats::strict);
        const auto text = text_of(image, "image_build_date").value_or("");
        const std::int64_t built = date_or_zero(text, DateFormats::any);
        if (built == 0) {
            log.error("Image \"" + name_of(image) + "\": image_build_date \"" + text + "\" INVALID");
            ++errors;
        } else if (built > registered) {
            log.error("Image \"" + name_of(image) + "\": image_build_date " + text + " AFTER registration date " +
                      text_of(image, "created_at").value_or(""));
            ++errors;
        }
        if ((built != 0 ? built : registered) > now) {
            log.error("Image \"" + name_of(image) + "\" has build time in the future: " + std::to_string(built));
            ++errors;
        }
    }
    return errors == 0;
}

bool is_url(std::string_view text)
{
    const auto colon = text.find("://");
    if (colon == std::string_view::npos) {
        return false;
    }
    const auto scheme = text.substr(0, colon);
    return scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "ftps";
}

bool is_decimal(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool check_image_source(const JsonList& images, TestLog& log)
{
    std::vector<std::string> offenders;
    for (const auto& image : images) {
        const auto source = text_of(image, "image_source").value_or("");
        if (source != "private" && !is_url(source)) {
            offenders.push_back(name_of(image));
        }
    }
    log_offenders(log, "property image_source INVALID (url or \"private\")", offenders);
    return offenders.empty();
}

bool check_uuid_validity(const JsonList& images, TestLog& log)
{
    int errors = 0;
    for (const auto& image : images) {
        const auto value = text_of(image, "uuid_validity");
        if (!value || *value == "none" || *value == "notice" || *value == "forever") {
            continue;
        }
        if ((value->starts_with("last-") && is_decimal(value->substr(5))) ||
            date_or_zero(value, DateFormats::any) != 0) {
            continue;
        }
        log.error("Image \"" + name_of(image) + "\": property uuid_validity INVALID: " + *value);
        ++errors;
    }
    return errors == 0;
}

bool check_hotfix_hours(const JsonList& images, TestLog& log)
{
    int errors = 0;
    for (const auto& image : images) {
        const auto value = text_of(image, "hotfix_hours").value_or("");
        if (value.empty() || is_decimal(value)) {
            continue;
        }
        log.error("Image \"" + name_of(image) + "\": property hotfix_hours INVALID: " + value);
        ++errors;
    }
    return errors == 0;
}

bool check_replace_frequency(const JsonList& images, TestLog& log)
{
    std::vector<std::string> offenders;
    for (const auto& image : images) {
        const auto value = text_of(image, "replace_frequency");
        if (!value || !frequencies().contains(*value)) {
            offenders.push_back(name_of(image));
        }
    }
    log_offenders(log, "property replace_frequency not correct", offenders);
    return offenders.empty();
}

constexpr std::string_view k_architectures[] = {"x86_64", "aarch64", "risc-v"};
constexpr std::string_view k_hash_algos[] = {"sha256", "sha512"};
constexpr std::string_view k_disk_buses[] = {"virtio", "scsi"};
constexpr std::string_view k_hypervisors[] = {"qemu", "kvm", "xen", "hyper-v", "esxi"};
constexpr std::string_view k_rng_models[] = {"virtio"};

} // namespace

core::Result<bool> scs0102_property(IaasSubject& subject, TestLog& log, ImageProperty property)
{
    const auto& listed = subject.images();
    if (!listed) {
        return core::fail(listed.error());
    }
    const JsonList& images = *listed;
    switch (property) {
    case ImageProperty::architecture:
        return check_enumerated(images, log, "architecture", k_architectures, false,
                                "property architecture not correct");
    case ImageProperty::hash_algo:
        return check_enumerated(images, log, "os_hash_algo", k_hash_algos, false, "property hash_algo invalid");
    case ImageProperty::min_disk:
        return check_min_disk(images, log);
    case ImageProperty::min_ram:
        return check_min_ram(images, log);
    case ImageProperty::os_version:
        return check_set(images, log, "os_version");
    case ImageProperty::os_distro:
        return check_set(images, log, "os_distro");
    case ImageProperty::hw_disk_bus:
        return check_enumerated(images, log, "hw_disk_bus", k_disk_buses, true, "property hw_disk_bus not correct");
    case ImageProperty::hypervisor_type:
        return check_enumerated(images, log, "hypervisor_type", k_hypervisors, true,
                                "property hypervisor_type not correct");
    case ImageProperty::hw_rng_model:
        return check_enumerated(images, log, "hw_rng_model", k_rng_models, true, "property hw_rng_model not correct");
    case ImageProperty::image_build_date:
        return check_build_date(images, log, subject.now());
    case ImageProperty::image_original_user:
        return check_set(images, log, "image_original_user");
    case ImageProperty::image_source:
        return check_image_source(images, log);
    case ImageProperty::image_description:
        return check_set(images, log, "image_description");
    case ImageProperty::replace_frequency:
        return check_replace_frequency(images, log);
    case ImageProperty::provided_until:
        return check_set(images, log, "provided_until");
    case ImageProperty::uuid_validity:
        return check_uuid_validity(images, log);
    case ImageProperty::hotfix_hours:
        return check_hotfix_hours(images, log);
    }
    return core::fail({core::ErrorKind::internal, "unknown image property", {}});
}

} // namespace scsctl::scs
