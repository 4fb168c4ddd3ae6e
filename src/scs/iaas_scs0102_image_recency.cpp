// scs-0102-image-recency: an image must be as recent as its replace_frequency promises,
// unless it is past its provided_until date or a recent image under its short name (the name
// without its last word) replaces it. An outdated image should be hidden or carry a marker
// word ("old", "prev" or a date) at the end of its name; one that does not only earns a
// warning. Depends on core, openstack, scs.
#include <map>
#include <set>

#include "scs/iaas_image_dates.hpp"
#include "scs/iaas_testcases.hpp"

namespace scsctl::scs {

namespace {

enum class Staleness { current, outdated_marked, outdated_unmarked, bad_until };

std::optional<std::int64_t> allowed_age(std::string_view frequency)
{
    if (frequency == "yearly") {
        return 365LL * 24 * 3600;
    }
    if (frequency == "quarterly") {
        return 92LL * 24 * 3600;
    }
    if (frequency == "monthly") {
        return 31LL * 24 * 3600;
    }
    if (frequency == "weekly") {
        return 7LL * 25 * 3600;
    }
    if (frequency == "daily") {
        return 25LL * 3600;
    }
    return std::nullopt;
}

std::optional<std::string> text_member(const nlohmann::json& image, const char* key)
{
    if (!image.is_object() || !image.contains(key) || image[key].is_null()) {
        return std::nullopt;
    }
    return image[key].is_string() ? image[key].get<std::string>() : image[key].dump();
}

std::int64_t date_or_zero(const std::optional<std::string>& text, DateFormats formats)
{
    return text ? parse_image_date(*text, formats).value_or(0) : 0;
}

/// Python's str.rsplit(" ", 1): the text before and after the last space.
std::pair<std::string, std::optional<std::string>> split_last_word(const std::string& name)
{
    const auto space = name.rfind(' ');
    if (space == std::string::npos) {
        return {name, std::nullopt};
    }
    return {name.substr(0, space), name.substr(space + 1)};
}

core::Result<Staleness> staleness(const nlohmann::json& image, std::int64_t now, TestLog& log)
{
    std::int64_t built = date_or_zero(text_member(image, "image_build_date"), DateFormats::any);
    if (built == 0) {
        built = date_or_zero(text_member(image, "created_at"), DateFormats::strict);
    }
    const std::string frequency = text_member(image, "replace_frequency").value_or("never");
    if (frequency == "never" || frequency == "critical_bug") {
        return Staleness::current;
    }
    const auto age = allowed_age(frequency);
    if (!age) {
        log.warning("invalid replace frequency " + frequency); // scs-0102-prop-replace_frequency fails on it
        return Staleness::current;
    }
    if (static_cast<double>(now) <= static_cast<double>(built) + 1.1 * static_cast<double>(*age)) {
        return Staleness::current;
    }
    const std::string name = string_member(image, "name");
    const auto until_text = text_member(image, "provided_until");
    if (!until_text) {
        return core::fail({core::ErrorKind::failed, "image " + name + " is outdated and has no provided_until", {}});
    }
    if (*until_text == "none" || *until_text == "notice") {
        return Staleness::current;
    }
    const std::int64_t until = date_or_zero(until_text, DateFormats::any);
    if (until == 0) {
        return Staleness::bad_until;
    }
    if (now > until) {
        return Staleness::current;
    }
    if (image.contains("os_hidden") && image["os_hidden"].is_boolean() && image["os_hidden"].get<bool>()) {
        return Staleness::outdated_marked;
    }
    const auto [stem, marker] = split_last_word(name);
    if (!marker) {
        return Staleness::outdated_unmarked;
    }
    if (*marker == "old" || *marker == "prev" || date_or_zero(marker, DateFormats::marker) != 0) {
        return Staleness::outdated_marked;
    }
    return Staleness::outdated_unmarked;
}

std::string rstrip(std::string text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r' ||
                             text.back() == '\f' || text.back() == '\v')) {
        text.pop_back();
    }
    return text;
}

} // namespace

core::Result<bool> scs0102_image_recency(IaasSubject& subject, TestLog& log)
{
    const auto& listed = subject.images();
    if (!listed) {
        return core::fail(listed.error());
    }
    std::map<std::string, const nlohmann::json*> by_name;
    std::vector<std::string> duplicates;
    for (const auto& image : *listed) {
        const std::string name = string_member(image, "name");
        if (by_name.contains(name) && std::find(duplicates.begin(), duplicates.end(), name) == duplicates.end()) {
            duplicates.push_back(name);
        }
        by_name[name] = &image; // the last image of a name wins, as in the reference's dict
    }
    if (!duplicates.empty()) {
        std::string text;
        for (const auto& name : duplicates) {
            text += (text.empty() ? "" : ", ") + name;
        }
        log.warning("duplicate names detected: " + text);
    }
    int errors = 0;
    for (const auto& image : *listed) {
        const std::string name = string_member(image, "name");
        const Staleness state = SCSCTL_TRY(staleness(image, subject.now(), log));
        if (state == Staleness::current) {
            continue;
        }
        if (state == Staleness::bad_until) {
            log.error("Image \"" + name + "\" does not provide a valid provided until date");
            ++errors;
            continue;
        }
        if (state == Staleness::outdated_unmarked) {
            log.warning("Image \"" + name + "\" seems outdated (acc. to its repl freq) but is not hidden or otherwise marked");
        }
        const std::string short_name = rstrip(split_last_word(name).first);
        const nlohmann::json* replacement = nullptr;
        if (short_name != name) {
            const auto found = by_name.find(short_name);
            if (found != by_name.end() &&
                SCSCTL_TRY(staleness(*found->second, subject.now(), log)) == Staleness::current) {
                replacement = found->second;
            }
        }
        if (replacement == nullptr) {
            log.error("Image \"" + name + "\" outdated without replacement");
            ++errors;
        } else {
            log.info("Image \"" + short_name + "\" is a valid replacement for outdated \"" + name + "\"");
        }
    }
    return errors == 0;
}

} // namespace scsctl::scs
