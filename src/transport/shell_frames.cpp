// Framing of a persistent shell: nonces, the per-command script, the stream splitters.
#include "transport/shell_frames.hpp"

#include <array>
#include <charconv>

#include <sodium.h>

#include "core/shell_quote.hpp"

namespace scsctl::transport {

std::string shell_nonce()
{
    static const bool initialised = sodium_init() >= 0;
    (void)initialised; // randombytes_buf works without it too (it falls back to its own init)
    std::array<unsigned char, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, 2 * 16 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    return std::string("scsctl") + hex.data();
}

std::string shell_command_text(std::string_view command, std::string_view nonce, std::string_view ready_nonce)
{
    std::string out;
    out.reserve(command.size() + 160);
    if (!ready_nonce.empty()) {
        out += "printf '%s %d\\n' ";
        out += ready_nonce;
        out += " \"$$\"\n";
    }
    // eval parses the command inside the subshell: a syntax error, an unclosed quote or
    // a stray ')' ends that subshell only, never the shell that reads the next command.
    out += "(eval ";
    out += core::shell_quote(command);
    out += ") </dev/null\nprintf '%s%d\\n' ";
    out += nonce;
    out += " \"$?\"; printf %s ";
    out += nonce;
    out += " >&2\n";
    return out;
}

namespace {

/// The length of the longest suffix of `text` that is a proper prefix of `marker`.
std::size_t partial_marker(std::string_view text, std::string_view marker)
{
    const std::size_t longest = std::min(text.size(), marker.size() - 1);
    for (std::size_t n = longest; n > 0; --n) {
        if (text.substr(text.size() - n) == marker.substr(0, n)) {
            return n;
        }
    }
    return 0;
}

} // namespace

std::string StreamFrame::feed(std::string_view chunk)
{
    if (m_state == State::done) {
        m_trailing += chunk.size();
        return {};
    }
    std::string out;
    std::string_view rest;
    std::string after; // owns `rest` when it comes from m_held
    if (m_state == State::output) {
        m_held.append(chunk);
        const std::size_t at = m_held.find(m_nonce);
        if (at == std::string::npos) {
            const std::size_t keep = partial_marker(m_held, m_nonce);
            out = m_held.substr(0, m_held.size() - keep);
            m_held.erase(0, m_held.size() - keep);
            return out;
        }
        out = m_held.substr(0, at);
        after = m_held.substr(at + m_nonce.size());
        m_held.clear();
        rest = after;
        if (!m_with_status) {
            m_state = State::done;
            m_trailing += rest.size();
            return out;
        }
        m_state = State::status;
    } else {
        rest = chunk;
    }
    const std::size_t newline = rest.find('\n');
    m_status_text.append(rest.substr(0, newline));
    if (newline != std::string_view::npos) {
        int status = 0;
        const char* first = m_status_text.data();
        const char* last = first + m_status_text.size();
        const auto parsed = std::from_chars(first, last, status);
        m_status = parsed.ec == std::errc{} && parsed.ptr == last ? status : 255;
        m_trailing += rest.size() - newline - 1;
        m_state = State::done;
    }
    return out;
}

std::string_view ReadyLine::feed(std::string_view chunk)
{
    if (complete() || m_garbled) {
        return chunk;
    }
    const std::size_t newline = chunk.find('\n');
    m_line.append(chunk.substr(0, newline));
    const std::size_t prefix = std::min(m_line.size(), m_nonce.size());
    if (m_line.compare(0, prefix, m_nonce, 0, prefix) != 0 || m_line.size() > m_nonce.size() + 24) {
        m_garbled = true;
        return {};
    }
    if (newline == std::string_view::npos) {
        return {};
    }
    long pid = 0;
    const char* first = m_line.data() + m_nonce.size();
    const char* last = m_line.data() + m_line.size();
    if (first < last && *first == ' ') {
        ++first;
    }
    const auto parsed = std::from_chars(first, last, pid);
    if (parsed.ec != std::errc{} || parsed.ptr != last || pid <= 1) {
        m_garbled = true;
        return {};
    }
    m_pid = pid;
    return chunk.substr(newline + 1);
}

} // namespace scsctl::transport
