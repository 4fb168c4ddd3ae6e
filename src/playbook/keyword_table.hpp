// The keyword tables: which play, task, block and role-entry keywords scsctl supports,
// and which Ansible keywords it knows but refuses. One place, so errors and docs agree.
// Depends on the standard library only.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace scsctl::playbook {

std::span<const std::string> play_keywords();
std::span<const std::string> task_keywords();  ///< without the loop forms and action forms
std::span<const std::string> block_keywords(); ///< keywords a block may carry besides block/rescue/always
std::span<const std::string> loop_keywords();  ///< loop, with_items, with_list, with_dict
std::span<const std::string> loop_control_keys();
std::span<const std::string> role_entry_keywords(); ///< keywords of a `roles:` entry; other keys are role params

/// Ansible 2.14 keywords that scsctl does not implement (reported as unsupported
/// rather than as unknown).
bool is_unsupported_play_keyword(std::string_view key);
bool is_unsupported_task_keyword(std::string_view key);

bool contains(std::span<const std::string> list, std::string_view word);

/// "a, b, c": for "supported: ..." hints.
std::string join_names(std::span<const std::string> names);

} // namespace scsctl::playbook
