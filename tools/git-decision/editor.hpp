#pragma once
// Opening the user's editor the way git picks it.

#include "decision/git/repository.hpp"
#include "decision/util/error.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace cli {

// git's choice: GIT_EDITOR, core.editor, VISUAL (unless TERM is dumb), EDITOR, then vi.
// An error when the terminal is dumb and nothing is set, as git says.
decision::util::Result<std::string> pick_editor(const decision::git::Repository& repo);

// Runs `editor` on `file` as git does (through sh, with the file as "$1", so editor
// settings with arguments work and the file name is never parsed by the shell).
// ":" means "do not edit". Returns an error when the editor fails.
decision::util::Result<void> run_editor(const std::string& editor,
                                        const std::filesystem::path& file);

} // namespace cli
