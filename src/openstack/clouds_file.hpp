// clouds.yaml and secure.yaml as the OpenStack client reads them: the `clouds:` mapping of
// cloud name → settings (top-level keys and the `auth:` mapping), every value kept with
// the file:line:col it came from, and secure.yaml merged over clouds.yaml key by key.
// Depends on core and yaml (located libyaml trees) only.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/location.hpp"
#include "core/result.hpp"

namespace scsctl::openstack {

/// One scalar setting and where it was written.
struct LocatedSetting {
    std::string value;
    core::Location where;
};

/// One cloud's entry: the scalar keys at its top level and those under `auth:`.
struct CloudEntry {
    core::Location where; ///< the entry's name in the file that defined it first
    std::map<std::string, LocatedSetting> settings;
    std::map<std::string, LocatedSetting> auth;
};

/// The clouds of one file (or of clouds.yaml with secure.yaml merged in), by name.
struct CloudsFile {
    std::string path; ///< empty when no file was found
    std::map<std::string, CloudEntry> clouds;
};

/// Parses `text` read from `path`. A file without `clouds:` has no clouds; a `clouds:`
/// that is not a mapping, an entry or `auth:` that is not a mapping, or a list or mapping
/// where a setting's value belongs is a located error (kind config).
core::Result<CloudsFile> parse_clouds_file(const std::string& path, std::string_view text);

/// Reads and parses the file at `path` (kind io when it cannot be read).
core::Result<CloudsFile> load_clouds_file(const std::string& path);

/// `secure` merged over `base`: each of secure's settings replaces base's of the same
/// cloud and key; clouds only secure names are added.
CloudsFile merge_secure(CloudsFile base, const CloudsFile& secure);

} // namespace scsctl::openstack
