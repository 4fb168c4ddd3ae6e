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
        } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            out.push_back({'-', i++, j, &a[i - 1]}); // removals first, as diff -u prints them
        } else {
            out.push_back({'+', i, j++, &b[j - 1]});
        }
    }
    return out;
}

/// "start,count", or just "start" for one line, as diff -u writes hunk ranges.
std::string range_text(std::size_t start, std::size_t count)
{
    return count == 1 ? std::to_string(start) : std::to_string(start) + "," + std::to_string(count);
}

std::string hunks(const std::vector<Edit>& edits)
{
    std::vector<std::size_t> changes;
    for (std::size_t e = 0; e < edits.size(); ++e) {
        if (edits[e].kind != ' ') {
            changes.push_back(e);
        }
    }
    std::string text;
    std::size_t k = 0;
    while (k < changes.size()) {
        // Changes at most 2 * context lines apart share one hunk.
        const std::size_t group_start = changes[k];
        std::size_t group_end = changes[k];
        while (k + 1 < changes.size() && changes[k + 1] - group_end - 1 <= 2 * k_context) {
            group_end = changes[++k];
        }
        ++k;
        const std::size_t first = group_start >= k_context ? group_start - k_context : 0;
        const std::size_t last = std::min(edits.size() - 1, group_end + k_context);
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
        text += "@@ -" + range_text(old_start, old_count) + " +" + range_text(new_start, new_count) + " @@\n" + body;
    }
    return text;
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
