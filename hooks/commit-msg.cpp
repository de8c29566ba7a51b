// git commit-msg hook <file>: the staged change must be covered by an approved decision.
#include "decision/hook/run.hpp"

int main(int argc, char** argv) {
    return decision::hook::run("commit-msg", [&]() -> decision::util::Result<int> {
        if (argc < 2)
            return decision::util::fail(decision::util::ErrorKind::Usage,
                                        "usage: commit-msg <file>");
        return decision::hook::commit_msg(argv[1], std::cerr);
    });
}
