// Redacting -e values. CLI11 accepts "-e V", "-eV", "--extra-vars V" and
// "--extra-vars=V"; each form keeps its @FILE and loses anything else.
#include "state/command_line.hpp"

#include <fstream>
#include <iterator>

namespace scsctl::state {

namespace {

constexpr const char* k_omitted = "<omitted>";

std::string quoted(const std::string& word)
{
    if (!word.empty() && word.find_first_of(" \t\n'\"\\$`*?;&|<>(){}") == std::string::npos) {
        return word;
    }
    std::string out = "'";
    for (char c : word) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

} // namespace

std::string journal_command_line(const std::vector<std::string>& argv)
{
    std::string out;
    bool value_next = false;
    for (const auto& word : argv) {
        std::string prefix; // the flag glued to its value, if any
        std::string value = word;
        bool is_value = value_next;
        value_next = false;
        if (!is_value && (word == "-e" || word == "--extra-vars")) {
            value_next = true;
        } else if (!is_value && word.starts_with("--extra-vars=")) {
            prefix = "--extra-vars=";
        } else if (!is_value && word.starts_with("-e") && word.size() > 2 && !word.starts_with("--")) {
            prefix = "-e";
        }
        if (!prefix.empty()) {
            value = word.substr(prefix.size());
            is_value = true;
        }
        const std::string shown = is_value && !value.starts_with("@") ? prefix + k_omitted : quoted(prefix + value);
        out += (out.empty() ? "" : " ") + shown;
    }
    return out;
}

std::vector<std::string> own_arguments()
{
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < raw.size()) {
        const auto end = raw.find('\0', start);
        words.push_back(raw.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? raw.size() : end + 1;
    }
    return words;
}

} // namespace scsctl::state
