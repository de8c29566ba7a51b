// git-decision-hook <hook> <args...>: the full commit-time hooks (libgit2), run by the fast
// front-ends (pre-commit, prepare-commit-msg, commit-msg) when they cannot decide alone.
// After the hook ran it fills the hook cache so that the next commit can decide fast.
#include "decision/hook/hook_cache.hpp"
#include "decision/hook/run.hpp"

#include <string>

namespace {

int dispatch(int argc, char** argv) {
    using decision::util::ErrorKind;
    using decision::util::fail;
    const std::string hook = argc > 1 ? argv[1] : "";
    int rc = 0;
    if (hook == "pre-commit") {
        rc =
            decision::hook::run("pre-commit", [] { return decision::hook::pre_commit(std::cerr); });
    } else if (hook == "prepare-commit-msg") {
        rc = decision::hook::run("prepare-commit-msg", [&]() -> decision::util::Result<int> {
            if (argc < 3)
                return fail(ErrorKind::Usage, "usage: prepare-commit-msg <file> [<source>]");
            return decision::hook::prepare_commit_msg(argv[2], argc > 3 ? argv[3] : "", std::cerr);
        });
    } else if (hook == "commit-msg") {
        rc = decision::hook::run("commit-msg", [&]() -> decision::util::Result<int> {
            if (argc < 3)
                return fail(ErrorKind::Usage, "usage: commit-msg <file>");
            return decision::hook::commit_msg(argv[2], std::cerr);
        });
    } else {
        std::cerr << "usage: git-decision-hook (pre-commit | prepare-commit-msg | commit-msg) "
                     "<args...>\n";
        return 129;
    }
    decision::hook::remember_trees();
    return rc;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return dispatch(argc, argv);
    } catch (const std::exception& e) { // the last resort: each hook runs in hook::run
        std::cerr << "git-decision-hook: error: " << decision::util::sanitize(e.what()) << "\n";
        return 128;
    }
}
