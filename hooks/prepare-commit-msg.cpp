// git prepare-commit-msg hook <file> [<source> [<commit>]]: link the active decision.
// The fast front-end (no libgit2): exits 0 at once when the staged change touches nothing
// the hook checks, else runs the full hook, git-decision-hook prepare-commit-msg.
#include "decision/fast/front_end.hpp"

int main(int argc, char** argv) {
    return decision::fast::front_end("prepare-commit-msg", argc, argv);
}
