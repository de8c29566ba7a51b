#!/usr/bin/python3
"""Parses every YAML file git tracks (needs python3-yaml); exits 1 naming each that fails.

Usage: check_yaml.py [<file>...]   (default: `git ls-files '*.yml' '*.yaml'`)

Multi-document files (a GitLab component's `spec:` header, then `---`, then its jobs) are
read document by document. GitLab's `!reference [job, key]` tag is accepted as a list.
"""

import subprocess
import sys

import yaml


class Loader(yaml.SafeLoader):
    pass


Loader.add_constructor("!reference", lambda loader, node: loader.construct_sequence(node))


def main(argv):
    files = argv[1:] or subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.yml", "*.yaml"], check=True,
                                       capture_output=True, text=True).stdout.split()
    failed = 0
    for name in files:
        try:
            with open(name, encoding="utf-8") as f:
                documents = list(yaml.load_all(f, Loader=Loader))
        except (OSError, yaml.YAMLError) as e:
            print(f"FAIL {name}: {e}")
            failed += 1
            continue
        print(f"ok   {name} ({len(documents)} document{'s' if len(documents) != 1 else ''})")
    print(f"{len(files) - failed} YAML files parse, {failed} do not")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
