// Input hashing with OpenSSL's EVP sha256 (input_hashes.hpp). A file that cannot be read
// hashes as "unreadable": the plan then no longer matches once it can be read again.
#include "plan/input_hashes.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace scsctl::plan {

namespace fs = std::filesystem;

namespace {

void add_tree(const fs::path& root, const std::string& label_prefix, std::vector<HashedFile>& out)
{
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
        if (it->path().filename() == ".scsctl") {
            it.disable_recursion_pending();
        } else if (it->is_regular_file(error)) {
            out.push_back({label_prefix + it->path().lexically_relative(root).generic_string(), it->path().string()});
        }
    }
}

std::string file_sha256(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return "unreadable";
    }
    std::ostringstream content;
    content << in.rdbuf();
    return sha256_hex(content.str());
}

} // namespace

std::string sha256_hex(std::string_view data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        return {};
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += k_hex[digest[i] >> 4];
        out += k_hex[digest[i] & 0x0F];
    }
    return out;
}

std::vector<HashedFile> directory_files(const std::string& dir)
{
    std::vector<HashedFile> out;
    add_tree(dir, "", out);
    std::sort(out.begin(), out.end(), [](const HashedFile& a, const HashedFile& b) { return a.label < b.label; });
    return out;
}

std::vector<HashedFile> inventory_files(const model::Inventory& inventory)
{
    std::vector<HashedFile> out;
    std::set<std::string> vars_dirs;
    for (std::size_t i = 0; i < inventory.sources().size(); ++i) {
        const auto& source = inventory.sources()[i];
        if (source.vars_dir.empty()) {
            continue; // a host list: hashed as text
        }
        // Sources are numbered so that two sources with the same file names stay apart.
        const std::string prefix = std::to_string(i) + ":";
        std::error_code error;
        if (fs::is_directory(source.path, error)) {
            add_tree(source.path, prefix, out); // includes its group_vars/ and host_vars/
            vars_dirs.insert(fs::absolute(source.path, error).lexically_normal().string());
        } else {
            out.push_back({prefix + fs::path(source.path).filename().string(), source.path});
        }
        const std::string vars_dir = fs::absolute(source.vars_dir, error).lexically_normal().string();
        if (vars_dirs.insert(vars_dir).second) {
            for (const char* sub : {"group_vars", "host_vars"}) {
                if (fs::is_directory(fs::path(vars_dir) / sub, error)) {
                    add_tree(fs::path(vars_dir) / sub, prefix + sub + "/", out);
                }
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const HashedFile& a, const HashedFile& b) { return a.label < b.label; });
    return out;
}

std::string listing_sha256(const std::vector<HashedFile>& files, const std::vector<std::string>& extra)
{
    std::string listing;
    for (const auto& file : files) {
        listing += file.label + "\n" + file_sha256(file.path) + "\n";
    }
    for (const auto& text : extra) {
        listing += "hosts:" + text + "\n";
    }
    return sha256_hex(listing);
}

std::string inventory_sha256(const model::Inventory& inventory)
{
    std::vector<std::string> host_lists;
    for (const auto& source : inventory.sources()) {
        if (source.vars_dir.empty()) {
            host_lists.push_back(source.path);
        }
    }
    return listing_sha256(inventory_files(inventory), host_lists);
}

std::string directory_sha256(const std::string& dir)
{
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
        return {};
    }
    return listing_sha256(directory_files(dir));
}

std::string layer_inputs_sha256(const std::string& root, std::string_view layer)
{
    const fs::path layer_dir = fs::path(root) / std::string(layer);
    std::error_code error;
    if (!fs::is_directory(layer_dir, error)) {
        return {};
    }
    std::vector<HashedFile> files = directory_files(layer_dir.string());
    const fs::path common = fs::path(root) / "common";
    if (fs::is_directory(common, error)) {
        for (auto& file : directory_files(common.string())) {
            file.label = "common/" + file.label;
            files.push_back(std::move(file));
        }
    }
    return listing_sha256(files);
}

} // namespace scsctl::plan
