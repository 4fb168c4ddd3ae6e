// The sha256 of a plan's inputs, so that `deploy PLAN.json` can refuse a plan made from
// other files: the inventory (every source file, every file of a source directory, and the
// group_vars/ and host_vars/ beside each source) and each layer's playbook directory
// (every file under it). Files are hashed in sorted order, each as its name relative to
// the hashed root and its own sha256, so moving the tree does not change the hash.
// Depends on core and model (the inventory's sources), OpenSSL.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/inventory.hpp"

namespace scsctl::plan {

/// sha256 of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

/// One hashed file: its name in the listing and where it is.
struct HashedFile {
    std::string label; ///< relative to the root it was found under (a source file: its name)
    std::string path;
};

/// Every file of the inventory's sources and their group_vars/ and host_vars/, sorted by
/// label; .scsctl/ (the journal) is left out. Host-list sources have no files.
std::vector<HashedFile> inventory_files(const model::Inventory& inventory);

/// Every regular file under `dir` (recursively, .scsctl/ left out), sorted.
std::vector<HashedFile> directory_files(const std::string& dir);

/// The digest of a listing: each file's label and content hash, in order. Host-list
/// sources (`extra`) are part of it as text.
std::string listing_sha256(const std::vector<HashedFile>& files, const std::vector<std::string>& extra = {});

/// inventory_files + the host-list sources as text.
std::string inventory_sha256(const model::Inventory& inventory);

/// directory_files(dir); "" when `dir` is not a directory.
std::string directory_sha256(const std::string& dir);

/// The digest of everything a layer's playbooks may read: `root/<layer>/` and the tasks
/// all layers share in `root/common/` (labelled "common/..."); "" when the layer has no
/// directory.
std::string layer_inputs_sha256(const std::string& root, std::string_view layer);

} // namespace scsctl::plan
