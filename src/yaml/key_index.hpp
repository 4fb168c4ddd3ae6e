// KeyIndex: remembers a number per mapping key identity while one mapping is built.
// Most mappings have a handful of keys, so it scans a small vector and switches to a
// hash map only for big ones. Depends on the standard library only.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace scsctl::yaml {

class KeyIndex {
public:
    /// Records `value` for `key` unless the key is known; returns the recorded value and
    /// whether it was inserted now.
    std::pair<std::size_t, bool> insert(std::string key, std::size_t value)
    {
        if (m_map.empty() && m_small.size() < k_small) {
            for (const auto& [known, recorded] : m_small) {
                if (known == key) {
                    return {recorded, false};
                }
            }
            m_small.emplace_back(std::move(key), value);
            return {value, true};
        }
        if (m_map.empty()) {
            for (auto& [known, recorded] : m_small) {
                m_map.emplace(std::move(known), recorded);
            }
            m_small.clear();
        }
        const auto [found, inserted] = m_map.emplace(std::move(key), value);
        return {found->second, inserted};
    }

private:
    static constexpr std::size_t k_small = 16;
    std::vector<std::pair<std::string, std::size_t>> m_small;
    std::unordered_map<std::string, std::size_t> m_map;
};

} // namespace scsctl::yaml
