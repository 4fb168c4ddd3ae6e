// The plan of an upload, shared by SFTP and local transfers: temporary names, the
// shell command that probes a destination, the decision it leads to, and the shell
// command that moves an upload into place. Depends on core and transport only.
#pragma once

#include <string>

#include "transport/operations.hpp"

namespace scsctl::transport {

/// 12 random hex digits for temporary names.
std::string random_suffix();
/// The directory part of `path`: "." without a slash, "/" for top-level files.
std::string parent_of(const std::string& path);
/// `dir`/.scsctl-tmp-`suffix`.
std::string temp_in(const std::string& dir, const std::string& suffix);

/// What the probe found at an upload's destination.
struct DestinationState {
    enum class Kind { unknown, missing, file, not_file, no_dir };
    Kind kind = Kind::unknown;
    unsigned mode = 0;
    std::string uid, gid, owner, group, sha256;
};

/// One shell command printing the destination's state (see parse_probe).
std::string probe_command(const std::string& path);
DestinationState parse_probe(const std::string& output);

/// What an upload must do once the destination and the content's digest are known.
struct UploadDecision {
    enum class Action { send, metadata_only, unchanged, refuse };
    Action action = Action::send;
    std::string reason; ///< for refuse
};
UploadDecision decide_upload(const UploadRequest& request, const DestinationState& state, const std::string& digest);

/// Where an upload's bytes are and where they go.
struct FinishPlan {
    std::string staged; ///< where the bytes were written ("" for metadata_only)
    std::string temp;   ///< sibling of dest that is renamed over it (== staged without become)
    std::string dest;
    bool become = false; ///< the command runs through sudo: default owner is the become user
    bool mode_set = false; ///< the final mode is already on the staged file (SFTP setstat)
};

/// The shell command that sets mode (requested, else dest's, else 0644) and owner/group
/// on the temp file and renames it over dest; removes its temporaries on failure.
/// For metadata_only plans (staged == "") it changes dest itself.
std::string finish_command(const UploadRequest& request, const FinishPlan& plan);

Failure upload_failure(const std::string& host, const std::string& path, const std::string& reason);
Failure download_failure(const std::string& host, const std::string& path, const std::string& reason);

/// Why a probe or finishing command failed: its last stderr line, else its exit status.
std::string command_reason(const CommandResult& result);
/// A failure message without its leading "host: ".
std::string without_host(const std::string& host, const std::string& message);
} // namespace scsctl::transport
