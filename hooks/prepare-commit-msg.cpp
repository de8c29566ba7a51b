// git prepare-commit-msg hook <file> [<source> [<commit>]]: link the active decision.
#include "decision/hook/run.hpp"

int main(int argc, char** argv) {
    return decision::hook::run("prepare-commit-msg", [&]() -> decision::util::Result<int> {
        if (argc < 2)
            return decision::util::fail(decision::util::ErrorKind::Usage,
                                        "usage: prepare-commit-msg <file> [<source>]");
        return decision::hook::prepare_commit_msg(argv[1], argc > 2 ? argv[2] : "", std::cerr);
    });
}
