// Host pattern evaluation with ansible-core 2.14's InventoryManager semantics (get_hosts,
// _evaluate_patterns, _match_one_pattern, _enumerate_matches, subset). Depends on core,
// model and the pattern_* helpers; must not depend on loaders or the CLI.
#include "inventory/host_pattern.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "core/text_file.hpp"
#include "inventory/pattern_glob.hpp"
#include "inventory/pattern_regex.hpp"
#include "inventory/pattern_split.hpp"

namespace scsctl::inventory {

using model::GroupId;
using model::HostId;

namespace {

/// Names for which Ansible creates its implicit localhost (C.LOCALHOST).
constexpr std::array<std::string_view, 3> k_localhost_names = {"127.0.0.1", "localhost", "::1"};

core::Error usage(std::string message)
{
    return core::Error{core::ErrorKind::usage, std::move(message), {}};
}

/// Whether the expression is matched literally (no wildcard, not a regex).
bool is_literal(std::string_view expr)
{
    return expr[0] != '~' && expr.find_first_of("*?[") == std::string_view::npos;
}

/// One pattern expression compiled for name matching: a literal, a glob or a regex.
class NameMatcher {
public:
    static core::Result<NameMatcher> make(const std::string& expr)
    {
        NameMatcher matcher;
        matcher.m_text = expr;
        if (expr[0] == '~') {
            auto regex = PatternRegex::compile(std::string_view(expr).substr(1));
            if (!regex) {
                return core::fail(usage("invalid host pattern '" + expr + "': " + regex.error().message));
            }
            matcher.m_regex = std::move(*regex);
        } else if (!is_literal(expr)) {
            auto glob = PatternGlob::compile(expr);
            if (!glob) {
                return core::fail(usage("invalid host pattern '" + expr + "': " + glob.error().message));
            }
            matcher.m_glob = std::move(*glob);
        }
        return matcher;
    }

    core::Result<bool> matches(const std::string& name) const
    {
        if (m_regex) {
            auto matched = m_regex->match(name);
            if (!matched) {
                return core::fail(usage("host pattern '" + m_text + "': " + matched.error().message));
            }
            return *matched;
        }
        return m_glob ? m_glob->matches(name) : name == m_text;
    }

    bool literal() const { return !m_regex && !m_glob; }

private:
    std::string m_text;
    std::optional<PatternRegex> m_regex;
    std::optional<PatternGlob> m_glob;
};

/// An ordered set of hosts: insertion order plus a membership bitmap by host id.
class HostList {
public:
    explicit HostList(std::size_t host_count) : m_member(host_count, 0) {}

    void add(HostId host)
    {
        if (!m_member[host]) {
            m_member[host] = 1;
            m_order.push_back(host);
        }
    }

    /// Keeps only the hosts whose membership in `other` equals `keep_members`.
    void filter(const std::vector<char>& other, bool keep_members)
    {
        std::vector<HostId> kept;
        kept.reserve(m_order.size());
        for (HostId host : m_order) {
            if ((other[host] != 0) == keep_members) {
                kept.push_back(host);
            } else {
                m_member[host] = 0;
            }
        }
        m_order = std::move(kept);
    }

    bool contains(HostId host) const { return m_member[host] != 0; }
    const std::vector<HostId>& order() const { return m_order; }
    const std::vector<char>& members() const { return m_member; }
    std::vector<HostId> take() { return std::move(m_order); }

private:
    std::vector<char> m_member;
    std::vector<HostId> m_order;
};

/// _apply_subscript: `[n]` indexes (negative from the end), `[x:y]` is inclusive of y,
/// `[x:]` runs to the end, and `[x:0]` reads as `[x]`. An empty list stays empty.
core::Result<std::vector<HostId>> apply_subscript(std::vector<HostId> hosts, const std::optional<Subscript>& subscript,
                                                  const std::string& pattern)
{
    if (hosts.empty() || !subscript) {
        return hosts;
    }
    const auto count = static_cast<std::int64_t>(hosts.size());
    if (subscript->end && *subscript->end != 0) {
        const std::int64_t last = *subscript->end == -1 ? count - 1 : *subscript->end;
        const std::int64_t stop = std::min(last + 1, count);
        if (subscript->start >= stop) {
            return std::vector<HostId>{};
        }
        return std::vector<HostId>(hosts.begin() + subscript->start, hosts.begin() + stop);
    }
    const std::int64_t index = subscript->start < 0 ? subscript->start + count : subscript->start;
    if (index < 0 || index >= count) {
        return core::fail(usage("no hosts matched the subscripted pattern '" + pattern + "'"));
    }
    return std::vector<HostId>{hosts[static_cast<std::size_t>(index)]};
}

/// order_patterns: unions first, then '&' intersections, then '!' exclusions, each in
/// the order given; 'all' stands in when there is no union.
std::vector<std::string> order_patterns(const std::vector<std::string>& patterns)
{
    std::vector<std::string> unions;
    std::vector<std::string> intersections;
    std::vector<std::string> exclusions;
    for (const auto& pattern : patterns) {
        if (pattern.empty()) {
            continue;
        }
        auto& bucket = pattern[0] == '!' ? exclusions : pattern[0] == '&' ? intersections : unions;
        bucket.push_back(pattern);
    }
    if (unions.empty()) {
        unions.emplace_back("all");
    }
    unions.insert(unions.end(), intersections.begin(), intersections.end());
    unions.insert(unions.end(), exclusions.begin(), exclusions.end());
    return unions;
}

class Evaluator {
public:
    Evaluator(const model::Inventory& inventory, bool in_limit) : m_inventory(inventory), m_in_limit(in_limit) {}

    /// _evaluate_patterns over already split patterns.
    core::Result<HostList> evaluate(const std::vector<std::string>& patterns) const;

private:
    core::Result<std::vector<HostId>> match_one(const std::string& pattern) const;
    core::Result<std::vector<HostId>> enumerate(const std::string& expr, bool keep_duplicates, bool union_term) const;
    core::Result<std::vector<GroupId>> matching_groups(const NameMatcher& matcher, const std::string& expr) const;
    core::Result<std::vector<HostId>> matching_hosts(const NameMatcher& matcher, const std::string& expr) const;
    void add_group_hosts(const std::vector<GroupId>& groups, HostList& out) const;
    std::optional<HostId> visible_host(const std::string& name) const;
    std::optional<HostId> implicit_localhost() const;

    const model::Inventory& m_inventory;
    bool m_in_limit;
};

std::optional<HostId> Evaluator::visible_host(const std::string& name) const
{
    // Ansible's implicit localhost is not in inventory.hosts, so names never find it.
    auto host = m_inventory.find_host(name);
    if (host && m_inventory.host(*host).implicit) {
        return std::nullopt;
    }
    return host;
}

std::optional<HostId> Evaluator::implicit_localhost() const
{
    const auto& hosts = m_inventory.hosts();
    for (HostId id = 0; id < hosts.size(); ++id) {
        if (hosts[id].implicit) {
            return id;
        }
    }
    return std::nullopt;
}

core::Result<std::vector<GroupId>> Evaluator::matching_groups(const NameMatcher& matcher, const std::string& expr) const
{
    std::vector<GroupId> groups;
    if (matcher.literal()) {
        if (auto group = m_inventory.find_group(expr)) {
            groups.push_back(*group);
        }
        return groups;
    }
    const auto& all = m_inventory.groups();
    for (GroupId id = 0; id < all.size(); ++id) {
        if (SCSCTL_TRY(matcher.matches(all[id].name))) {
            groups.push_back(id);
        }
    }
    return groups;
}

core::Result<std::vector<HostId>> Evaluator::matching_hosts(const NameMatcher& matcher, const std::string& expr) const
{
    std::vector<HostId> hosts;
    if (matcher.literal()) {
        if (auto host = visible_host(expr)) {
            hosts.push_back(*host);
        }
        return hosts;
    }
    const auto& all = m_inventory.hosts();
    for (HostId id = 0; id < all.size(); ++id) {
        if (!all[id].implicit && SCSCTL_TRY(matcher.matches(all[id].name))) {
            hosts.push_back(id);
        }
    }
    return hosts;
}

void Evaluator::add_group_hosts(const std::vector<GroupId>& groups, HostList& out) const
{
    // Same result as appending each group's get_hosts() in turn, but a group whose hosts
    // were all added already (a descendant of an earlier match) is not walked again.
    std::vector<char> covered(m_inventory.groups().size(), 0);
    for (GroupId group : groups) {
        if (covered[group]) {
            continue;
        }
        for (GroupId member : m_inventory.descendants(group, true)) {
            if (covered[member]) {
                continue;
            }
            bool skipped = false;
            for (HostId host : m_inventory.group(member).hosts) {
                if (group == model::Inventory::k_all && m_inventory.host(host).implicit) {
                    skipped = true;
                } else {
                    out.add(host);
                }
            }
            covered[member] = skipped ? 0 : 1;
        }
    }
}

core::Result<std::vector<HostId>> Evaluator::enumerate(const std::string& expr, bool keep_duplicates,
                                                       bool union_term) const
{
    const NameMatcher matcher = SCSCTL_TRY(NameMatcher::make(expr));
    const auto groups = SCSCTL_TRY(matching_groups(matcher, expr));
    std::vector<HostId> results;
    HostList unique(m_inventory.hosts().size());
    if (keep_duplicates) {
        // A subscript indexes the raw concatenation, duplicates included, as Ansible does.
        for (GroupId group : groups) {
            const auto hosts = m_inventory.hosts_of(group);
            results.insert(results.end(), hosts.begin(), hosts.end());
        }
    } else {
        add_group_hosts(groups, unique);
    }
    if (groups.empty() || expr[0] == '~' || expr.find_first_of(".?*[") != std::string::npos) {
        for (HostId host : SCSCTL_TRY(matching_hosts(matcher, expr))) {
            keep_duplicates ? results.push_back(host) : unique.add(host);
        }
    }
    if (!keep_duplicates) {
        results = unique.take();
    }
    const bool localhost_name =
        std::find(k_localhost_names.begin(), k_localhost_names.end(), expr) != k_localhost_names.end();
    if (results.empty() && localhost_name) {
        if (auto implicit = implicit_localhost()) {
            results.push_back(*implicit);
        } else if (union_term) {
            return core::fail(usage("host pattern '" + expr +
                                    "' matches only ansible's implicit localhost, which scsctl does not "
                                    "provide; add '" + expr + "' to the inventory"));
        }
    }
    return results;
}

core::Result<std::vector<HostId>> Evaluator::match_one(const std::string& pattern) const
{
    const bool prefixed = pattern[0] == '&' || pattern[0] == '!';
    const std::string body = prefixed ? pattern.substr(1) : pattern;
    if (body.empty()) {
        return core::fail(usage("incomplete host pattern '" + pattern + "': a name must follow '" + pattern + "'"));
    }
    auto [expr, subscript] = split_subscript(body);
    auto hosts = SCSCTL_TRY(enumerate(expr, subscript.has_value(), !prefixed && !m_in_limit));
    return apply_subscript(std::move(hosts), subscript, body);
}

core::Result<HostList> Evaluator::evaluate(const std::vector<std::string>& patterns) const
{
    HostList hosts(m_inventory.hosts().size());
    for (const auto& pattern : order_patterns(patterns)) {
        if (auto host = visible_host(pattern)) {
            hosts.add(*host);
            continue;
        }
        const auto matched = SCSCTL_TRY(match_one(pattern));
        if (pattern[0] == '!' || pattern[0] == '&') {
            std::vector<char> members(m_inventory.hosts().size(), 0);
            for (HostId host : matched) {
                members[host] = 1;
            }
            hosts.filter(members, pattern[0] == '&');
        } else {
            for (HostId host : matched) {
                hosts.add(host);
            }
        }
    }
    return hosts;
}

core::Result<void> check_text(std::string_view text, std::string_view what)
{
    if (core::first_invalid_text_byte(text) != std::string_view::npos) {
        return core::fail(usage(std::string(what) + " is not valid utf-8 text"));
    }
    return {};
}

} // namespace

core::Result<std::vector<HostId>> match_hosts(const model::Inventory& inventory, std::string_view pattern)
{
    return match_hosts(inventory, pattern, "");
}

core::Result<std::vector<HostId>> match_hosts(const model::Inventory& inventory, std::string_view pattern,
                                              std::string_view limit)
{
    SCSCTL_TRY(check_text(pattern, "host pattern"));
    SCSCTL_TRY(check_text(limit, "limit"));
    // An empty pattern splits to nothing and so means 'all', as in Ansible.
    const auto patterns = split_host_pattern(pattern);
    HostList hosts = SCSCTL_TRY(Evaluator(inventory, false).evaluate(patterns));
    const auto subset = SCSCTL_TRY(limit_patterns(limit));
    if (!subset.empty()) {
        const HostList allowed = SCSCTL_TRY(Evaluator(inventory, true).evaluate(subset));
        hosts.filter(allowed.members(), true);
    }
    return hosts.take();
}

} // namespace scsctl::inventory
