// scs-0114-syntax-check (a volume type description that starts with a feature list
// `[scs:a, b]` lists recognized features, sorted, each once) and scs-0114-encrypted-type,
// scs-0114-replicated-type (a volume type lists that feature). Depends on core, openstack,
// scs.
#include <algorithm>
#include <map>

#include "scs/iaas_testcases.hpp"

namespace scsctl::scs {

namespace {

constexpr std::string_view k_recognized[] = {"encrypted", "replicated"};

std::string strip(std::string_view text)
{
    constexpr std::string_view space = " \t\n\r\f\v";
    const auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(space);
    return std::string(text.substr(first, last - first + 1));
}

/// The feature list at the start of `description`: none when there is none; an empty list
/// for `[scs:]`.
std::optional<std::vector<std::string>> feature_list(std::string_view description)
{
    if (!description.starts_with("[scs:")) {
        return std::nullopt;
    }
    const auto body_start = std::string_view("[scs:").size();
    const auto end = description.find_first_of("[]", body_start);
    if (end == std::string_view::npos || description[end] != ']') {
        return std::nullopt;
    }
    const auto body = description.substr(body_start, end - body_start);
    std::vector<std::string> features;
    if (body.empty()) {
        return features;
    }
    std::size_t start = 0;
    while (true) {
        const auto comma = body.find(',', start);
        features.push_back(strip(body.substr(start, comma == std::string_view::npos ? body.npos : comma - start)));
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return features;
}

std::string joined(const std::vector<std::string>& items)
{
    std::string text;
    for (const auto& item : items) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

/// The problems of one list (none for an empty list).
std::vector<std::string> list_problems(const std::string& type_name, const std::vector<std::string>& features)
{
    std::vector<std::string> problems;
    if (!std::is_sorted(features.begin(), features.end())) {
        problems.push_back(type_name + ": feature list not sorted");
    }
    std::vector<std::string> distinct;
    std::vector<std::string> duplicates;
    for (const auto& feature : features) {
        if (std::find(distinct.begin(), distinct.end(), feature) == distinct.end()) {
            distinct.push_back(feature);
        } else if (std::find(duplicates.begin(), duplicates.end(), feature) == duplicates.end()) {
            duplicates.push_back(feature);
        }
    }
    if (!duplicates.empty()) {
        problems.push_back(type_name + ": duplicate features: " + joined(duplicates));
    }
    std::vector<std::string> unknown;
    for (const auto& feature : distinct) {
        if (std::find(std::begin(k_recognized), std::end(k_recognized), feature) == std::end(k_recognized)) {
            unknown.push_back(feature);
        }
    }
    if (!unknown.empty()) {
        problems.push_back(type_name + ": unrecognized features: " + joined(unknown));
    }
    return problems;
}

struct FeatureIndex {
    std::map<std::string, std::vector<std::string>> types_by_feature;
    std::vector<std::string> problems;
};

core::Result<FeatureIndex> feature_index(IaasSubject& subject)
{
    const auto& types = subject.volume_types();
    if (!types) {
        return core::fail(types.error());
    }
    FeatureIndex index;
    for (const auto& type : *types) {
        const auto list = feature_list(string_member(type, "description"));
        if (!list) {
            continue;
        }
        const std::string name = string_member(type, "name");
        for (auto& problem : list_problems(name, *list)) {
            index.problems.push_back(std::move(problem));
        }
        for (const auto& feature : *list) {
            index.types_by_feature[feature].push_back(name);
        }
    }
    return index;
}

} // namespace

core::Result<bool> scs0114_syntax_check(IaasSubject& subject, TestLog& log)
{
    const auto index = SCSCTL_TRY(feature_index(subject));
    for (const auto& problem : index.problems) {
        log.error(problem);
    }
    return index.problems.empty();
}

core::Result<bool> scs0114_aspect_type(IaasSubject& subject, TestLog& log, std::string_view aspect)
{
    const auto index = SCSCTL_TRY(feature_index(subject));
    const auto found = index.types_by_feature.find(std::string(aspect));
    if (found == index.types_by_feature.end() || found->second.empty()) {
        log.error("no volume type having aspect " + std::string(aspect));
        return false;
    }
    return true;
}

} // namespace scsctl::scs
