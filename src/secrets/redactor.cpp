// Redaction marks the bytes covered by any occurrence of any secret, then replaces each
// covered run. Replacing secret by secret instead would let a secret that overlaps an
// earlier replacement survive in part ("abcdef" and "defghi" in "abcdefghi").
#include "secrets/redactor.hpp"

#include <algorithm>

namespace scsctl::secrets {

void Redactor::add(std::string_view secret)
{
    if (secret.size() < k_min_secret_length) {
        return;
    }
    const std::string value(secret);
    if (std::find(m_secrets.begin(), m_secrets.end(), value) == m_secrets.end()) {
        const auto at = std::find_if(m_secrets.begin(), m_secrets.end(),
                                     [&](const std::string& known) { return known.size() < value.size(); });
        m_secrets.insert(at, value);
    }
    if (secret.find('\n') == std::string_view::npos) {
        return;
    }
    for (std::size_t start = 0; start < secret.size();) {
        const auto end = std::min(secret.find('\n', start), secret.size());
        std::string_view line = secret.substr(start, end - start);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        // PEM armour ("-----BEGIN ...-----") is public text, not part of the secret.
        if (!line.starts_with("-----") && line != secret) {
            add(line);
        }
        start = end + 1;
    }
}

void Redactor::add_value(const core::Value& value)
{
    if (value.is_string()) {
        add(value.get_ref<const std::string&>());
    } else if (value.is_number()) {
        add(value.dump());
    } else if (value.is_structured()) {
        for (const auto& item : value) {
            add_value(item);
        }
    }
}

std::string Redactor::redact(std::string_view text) const
{
    if (!contains_secret(text)) {
        return std::string(text);
    }
    std::vector<bool> covered(text.size(), false);
    for (const auto& secret : m_secrets) {
        for (auto at = text.find(secret); at != std::string_view::npos; at = text.find(secret, at + 1)) {
            std::fill(covered.begin() + static_cast<std::ptrdiff_t>(at),
                      covered.begin() + static_cast<std::ptrdiff_t>(at + secret.size()), true);
        }
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!covered[i]) {
            out += text[i];
        } else if (i == 0 || !covered[i - 1]) {
            out += k_redacted;
        }
    }
    return out;
}

bool Redactor::contains_secret(std::string_view text) const
{
    return std::any_of(m_secrets.begin(), m_secrets.end(),
                       [&](const std::string& secret) { return text.find(secret) != std::string_view::npos; });
}

void Redactor::redact_value(core::Value& value) const
{
    if (m_secrets.empty()) {
        return;
    }
    if (value.is_string()) {
        auto& text = value.get_ref<std::string&>();
        if (contains_secret(text)) {
            text = redact(text);
        }
    } else if (value.is_array()) {
        for (auto& item : value) {
            redact_value(item);
        }
    } else if (value.is_object()) {
        bool keys_hold_secrets = false;
        for (const auto& item : value.items()) {
            keys_hold_secrets = keys_hold_secrets || contains_secret(item.key());
        }
        if (!keys_hold_secrets) {
            for (auto& item : value) {
                redact_value(item);
            }
            return;
        }
        core::Value rebuilt = core::Value::object();
        for (auto& [key, item] : value.items()) {
            core::Value copy = item;
            redact_value(copy);
            rebuilt[redact(key)] = std::move(copy);
        }
        value = std::move(rebuilt);
    } else if (value.is_number() && contains_secret(value.dump())) {
        value = k_redacted; // a numeric secret, as a number
    }
}

} // namespace scsctl::secrets
