#include "editor.hpp"

#include "decision/util/process.hpp"

#include <cstdlib>
#include <cstring>

namespace cli {

using decision::util::ErrorKind;
using decision::util::fail;

decision::util::Result<std::string> pick_editor(const decision::git::Repository& repo) {
    auto env = [](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);
        return v && *v ? std::optional<std::string>(v) : std::nullopt;
    };
    if (auto e = env("GIT_EDITOR"))
        return *e;
    if (auto e = repo.config_string("core.editor"); e && !e->empty())
        return *e;
    const char* term = std::getenv("TERM");
    bool dumb = !term || std::strcmp(term, "dumb") == 0;
    if (!dumb)
        if (auto e = env("VISUAL"))
            return *e;
    if (auto e = env("EDITOR"))
        return *e;
    if (dumb)
        return fail(ErrorKind::Git,
                    "terminal is dumb, but EDITOR unset; set GIT_EDITOR or core.editor, or "
                    "use --no-edit");
    return std::string("vi");
}

decision::util::Result<void> run_editor(const std::string& editor,
                                        const std::filesystem::path& file) {
    if (editor == ":")
        return {};
    std::string script = editor + " \"$@\"";
    std::string path = file.string();
    // The editor is the user's own setting, run through sh as git runs it.
    auto run = decision::util::run_process({"sh", "-c", script, editor, path});
    if (!run)
        return fail(ErrorKind::Git, "unable to start editor '" + editor + "'");
    if (run->exit_code != 0)
        return fail(ErrorKind::Git, "there was a problem with the editor '" + editor +
                                        "'; the file is kept: " + path);
    return {};
}

} // namespace cli
