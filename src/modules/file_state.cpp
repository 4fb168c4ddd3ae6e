// Parsing `stat -c` output (k_stat_format) and turning it into Ansible's result keys.
#include "modules/file_state.hpp"

#include <cstdlib>
#include <vector>

#include "modules/module_args.hpp"

namespace scsctl::modules {

namespace {

std::vector<std::string> split_words(std::string_view line)
{
    std::vector<std::string> out;
    std::string word;
    for (char c : line) {
        if (c == ' ' || c == '\n' || c == '\t') {
            if (!word.empty()) {
                out.push_back(std::move(word));
                word.clear();
            }
        } else {
            word += c;
        }
    }
    if (!word.empty()) {
        out.push_back(std::move(word));
    }
    return out;
}

} // namespace

core::Result<FileState> parse_stat(std::string_view line)
{
    const auto words = split_words(line);
    if (words.size() != 12) {
        return core::fail(core::Error{core::ErrorKind::failed, "unexpected stat output: " + std::string(line), {}});
    }
    auto number = [&](std::size_t i, int base = 10) { return std::strtoull(words[i].c_str(), nullptr, base); };
    FileState state;
    state.raw_mode = static_cast<unsigned>(number(0, 16));
    state.mode = state.raw_mode & 07777;
    const unsigned type = state.raw_mode & 0170000;
    state.type = type == 0100000   ? FileType::file
                 : type == 0040000 ? FileType::directory
                 : type == 0120000 ? FileType::link
                                   : FileType::other;
    state.uid = static_cast<unsigned>(number(1));
    state.gid = static_cast<unsigned>(number(2));
    state.size = number(3);
    state.mtime = static_cast<std::int64_t>(number(4));
    state.atime = static_cast<std::int64_t>(number(5));
    state.ctime = static_cast<std::int64_t>(number(6));
    state.nlink = number(7);
    state.inode = number(8);
    state.dev = number(9);
    state.owner = words[10];
    state.group = words[11];
    return state;
}

core::Result<std::optional<FileState>> read_stat(const ProbeOutput& output, std::string_view name)
{
    const auto body = output.get(name);
    if (!body) {
        return std::optional<FileState>();
    }
    return std::optional<FileState>(SCSCTL_TRY(parse_stat(*body)));
}

std::string ansible_state(const FileState& state)
{
    switch (state.type) {
    case FileType::directory: return "directory";
    case FileType::link: return "link";
    case FileType::file: return state.nlink > 1 ? "hard" : "file";
    case FileType::other: break;
    }
    return "file";
}

void add_file_keys(core::Value& result, const FileState& state)
{
    result["gid"] = state.gid;
    result["group"] = state.group;
    result["mode"] = mode_string(state.mode);
    result["owner"] = state.owner;
    result["size"] = state.size;
    result["state"] = ansible_state(state);
    result["uid"] = state.uid;
}

} // namespace scsctl::modules
