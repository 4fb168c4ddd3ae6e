// A line diff by longest common subsequence (files we edit are small; very large pairs
// are summarised instead of diffed), printed as unified hunks.
#include "exec/diff_text.hpp"

#include <algorithm>

namespace scsctl::exec {

namespace {

constexpr std::size_t k_max_cells = 4'000'000; ///< LCS table size we accept (lines × lines)
constexpr std::size_t k_context = 3;

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        if (end == std::string::npos) {
            out.push_back(text.substr(start) + "\n\\ No newline at end of file");
            break;
        }
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

struct Edit {
    char kind; ///< ' ', '-', '+'
    std::size_t old_line;
    std::size_t new_line;
    const std::string* text;
};

std::vector<Edit> edits_of(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    std::vector<Edit> out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            out.push_back({' ', i++, j++, &a[i - 1]});
        } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
            out.push_back({'+', i, j++, &b[j - 1]});
        } else {
            out.push_back({'-', i++, j, &a[i - 1]});
        }
    }
    return out;
}

std::string hunks(const std::vector<Edit>& edits)
{
    std::string out;
    std::size_t k = 0;
    while (k < edits.size()) {
        if (edits[k].kind == ' ') {
            ++k;
            continue;
        }
        std::size_t first = k >= k_context ? k - k_context : 0;
        std::size_t last = k;
        std::size_t quiet = 0;
        for (std::size_t scan = k; scan < edits.size(); ++scan) {
            quiet = edits[scan].kind == ' ' ? quiet + 1 : 0;
            if (quiet > 2 * k_context) {
                break;
            }
            last = scan;
        }
        last = std::min(edits.size() - 1, last - std::min(quiet, k_context) + k_context);
        std::size_t old_count = 0;
        std::size_t new_count = 0;
        std::string body;
        for (std::size_t e = first; e <= last; ++e) {
            old_count += edits[e].kind != '+' ? 1 : 0;
            new_count += edits[e].kind != '-' ? 1 : 0;
            body += edits[e].kind + *edits[e].text + "\n";
        }
        const std::size_t old_start = old_count == 0 ? edits[first].old_line : edits[first].old_line + 1;
        const std::size_t new_start = new_count == 0 ? edits[first].new_line : edits[first].new_line + 1;
        out += "@@ -" + std::to_string(old_start) + "," + std::to_string(old_count) + " +" +
               std::to_string(new_start) + "," + std::to_string(new_count) + " @@\n" + body;
        k = last + 1;
    }
    return out;
}

} // namespace

std::string unified_diff(const modules::Diff& diff)
{
    std::string out = "--- before: " + diff.before_header + "\n+++ after: " + diff.after_header + "\n";
    const auto before = lines_of(diff.before);
    const auto after = lines_of(diff.after);
    if ((before.size() + 1) * (after.size() + 1) > k_max_cells) {
        return out + "@@ diff too large to show (" + std::to_string(before.size()) + " -> " +
               std::to_string(after.size()) + " lines) @@\n";
    }
    return out + hunks(edits_of(before, after));
}

std::string unified_diffs(const std::vector<modules::Diff>& diffs)
{
    std::string out;
    for (const auto& diff : diffs) {
        out += unified_diff(diff);
    }
    return out;
}

} // namespace scsctl::exec
