// git pre-receive hook [--policy FILE], on the server: every commit a push adds to an
// enforced ref must be covered. GIT_DECISION_SKIP does not apply here: this is the check
// that the local hooks' skip defers to.
#include "decision/hook/run.hpp"

#include <string>

int main(int argc, char** argv) {
    return decision::hook::run(
        "pre-receive",
        [&]() -> decision::util::Result<int> {
            std::string policy;
            for (int i = 1; i < argc; ++i) {
                std::string arg = argv[i];
                if (arg == "--policy" && i + 1 < argc)
                    policy = argv[++i];
                else if (arg.rfind("--policy=", 0) == 0)
                    policy = arg.substr(9);
                else
                    return decision::util::fail(decision::util::ErrorKind::Usage,
                                                "usage: pre-receive [--policy FILE]");
            }
            if (argc > 1 && policy.empty())
                return decision::util::fail(decision::util::ErrorKind::Usage,
                                            "--policy needs a file name");
            return decision::hook::pre_receive(policy, std::cin, std::cerr);
        },
        /*skippable=*/false);
}
