#!/usr/bin/python3
"""Keep schema/*.schema.json honest against the example corpus and the templates.

Usage: check_examples.py <schema-dir> [<git-decision binary>]

Needs Debian's python3 (3.11, tomllib built in) and python3-jsonschema. For every file in
  examples/valid/*.toml        first line "# expect: valid"             -> must validate
  examples/invalid/*.toml      first line "# expect: invalid: <reason>", second line
                               "# at: <JSON pointer>"                  -> must fail, and every
                               error must point at that one place (one defect, the stated one)
  examples/invalid-toml/*.toml first line "# expect: syntax"            -> must not parse
  templates/<slug>.toml        rendered with sample values              -> must validate,
                               status "proposed", category matching the file name, and
                               start with the "#:schema ./decision.schema.json" directive
  examples/policy/{valid,invalid}/*.toml   the same, against policy.schema.json
With the binary: `git-decision init` in a new repository writes a policy that validates,
byte-identical copies of both schemas, and a .taplo.toml that maps the files to them.
Prints one line per failure and a final "N passed, M failed"; exits 1 on any failure.

TOML local dates become strings of a str subclass (LocalDate) so that "format": "date"
applies to them, and the schema's "x-toml-type": "local-date" keyword rejects a quoted
string that merely looks like a date: the C++ validator sees TOML types, and so must we.
"""

import datetime
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import tomllib

import jsonschema
from jsonschema import Draft202012Validator, validators

CATEGORY_SLUGS = {
    "model-selection": "MODEL SELECTION",
    "data-pipeline": "DATA PIPELINE",
    "feature-engineering": "FEATURE ENGINEERING",
    "ethical-review": "ETHICAL REVIEW",
    "training-strategy": "TRAINING STRATEGY",
    "deployment-threshold": "DEPLOYMENT THRESHOLD",
}

# What `git decision new` substitutes. The title carries a double quote, escaped
# as the tool must escape it, so a template that puts {{title}} outside a basic string
# fails here.
TEMPLATE_VALUES = {
    "id": "DEC-0042",
    "title": 'Pick the \\"v2\\" model',
    "date": "2026-11-02",
    "review_date": "2027-01-15",
    "owner_name": "Priya Raman",
    "owner_email": "priya@example.com",
    "owner_role": "PM",
}

# Editors find a record's schema through this first line (Taplo resolves it relative to
# the record; `git decision init` puts the schema beside the records).
SCHEMA_DIRECTIVE = "#:schema ./decision.schema.json\n"
# Where each schema says it is published ($id): a name, not a download location.
SCHEMA_IDS = {
    "decision": "https://git-decision.invalid/schema/v1/decision.schema.json",
    "policy": "https://git-decision.invalid/schema/v1/policy.schema.json",
}


class LocalDate(str):
    """A TOML local date, as an ISO string."""


class LocalDateTime(str):
    """A TOML local date-time, as an ISO string."""


class OffsetDateTime(str):
    """A TOML offset date-time, as an ISO string."""


class LocalTime(str):
    """A TOML local time, as an ISO string."""


def to_json_view(value):
    """The value as JSON Schema sees it: dates and times become tagged ISO strings."""
    if isinstance(value, dict):
        return {key: to_json_view(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_json_view(item) for item in value]
    if isinstance(value, datetime.datetime):
        kind = OffsetDateTime if value.tzinfo is not None else LocalDateTime
        return kind(value.isoformat())
    if isinstance(value, datetime.date):
        return LocalDate(value.isoformat())
    if isinstance(value, datetime.time):
        return LocalTime(value.isoformat())
    return value


TOML_TYPES = {"local-date": (LocalDate, "local date")}


def x_toml_type(validator, wanted, instance, schema):
    if wanted not in TOML_TYPES:
        yield jsonschema.ValidationError(f"unknown x-toml-type {wanted!r} in the schema")
        return
    kind, label = TOML_TYPES[wanted]
    if isinstance(instance, str) and not isinstance(instance, kind):
        shown = "a quoted string" if type(instance) is str else "a TOML " + type(instance).__name__
        yield jsonschema.ValidationError(
            f"{instance!r} is {shown}; expected a bare TOML {label} such as 2026-11-02"
        )


RecordValidator = validators.extend(Draft202012Validator, {"x-toml-type": x_toml_type})


def pointer(path):
    return "/" + "/".join(str(part) for part in path)


def location(path):
    """The JSON pointer on an invalid example's second line ("# at: /guardrails/0")."""
    with path.open(encoding="utf-8") as f:
        f.readline()
        second = f.readline().rstrip("\n")
    prefix = "# at: "
    if second.startswith(prefix) and second[len(prefix):].startswith("/"):
        return second[len(prefix):]
    return None


def expectation(path):
    with path.open(encoding="utf-8") as f:
        first = f.readline().rstrip("\n")
    prefix = "# expect: "
    if not first.startswith(prefix):
        return None, first
    rest = first[len(prefix):]
    if rest == "valid" or rest == "syntax":
        return rest, ""
    if rest.startswith("invalid: ") and rest[len("invalid: "):].strip():
        return "invalid", rest[len("invalid: "):].strip()
    return None, first


def errors_of(validator, data):
    return sorted(validator.iter_errors(to_json_view(data)), key=lambda e: list(e.absolute_path))


def describe(errors):
    return "; ".join(f"{pointer(e.absolute_path)}: {e.message}" for e in errors)


def check_example(validator, path, wanted_dir):
    """Returns None when the file behaves as its expect line says, else what went wrong."""
    verdict, detail = expectation(path)
    if verdict is None:
        return f"first line must be '# expect: valid|invalid: <reason>|syntax', got {detail!r}"
    if verdict != wanted_dir:
        return f"expects {verdict!r} but lives in the folder for {wanted_dir!r} examples"
    where = location(path) if verdict == "invalid" else None
    if verdict == "invalid" and where is None:
        return "second line must be '# at: <JSON pointer of the defect>', e.g. '# at: /guardrails/0'"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        if verdict == "syntax":
            return None
        return f"expected {verdict}, but it is not TOML: {e}"
    if verdict == "syntax":
        return "expected a TOML syntax error, but it parsed"
    errors = errors_of(validator, data)
    if verdict == "valid":
        return f"expected valid, got: {describe(errors)}" if errors else None
    if not errors:
        return f"expected invalid ({detail}), but the schema accepts it"
    places = {pointer(e.absolute_path) for e in errors}
    if places != {where}:
        return f"expected one defect at {where} ({detail}), got: {describe(errors)}"
    return None


def render(template_text):
    text = template_text
    for key, value in TEMPLATE_VALUES.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def check_template(validator, path):
    slug = path.stem
    if slug not in CATEGORY_SLUGS:
        return f"no category is called {slug!r}; expected one of {sorted(CATEGORY_SLUGS)}"
    text = path.read_text(encoding="utf-8")
    if not text.startswith(SCHEMA_DIRECTIVE):
        return f"must start with the line {SCHEMA_DIRECTIVE.strip()!r}"
    missing = [key for key in TEMPLATE_VALUES if "{{" + key + "}}" not in text]
    if missing:
        return f"placeholders missing: {', '.join(missing)}"
    rendered = render(text)
    if "{{" in rendered or "}}" in rendered:
        return "unknown placeholder left after substitution"
    try:
        data = tomllib.loads(rendered)
    except tomllib.TOMLDecodeError as e:
        return f"not TOML after substitution: {e}"
    errors = errors_of(validator, data)
    if errors:
        return f"invalid after substitution: {describe(errors)}"
    if data.get("category") != CATEGORY_SLUGS[slug]:
        return f"category is {data.get('category')!r}, expected {CATEGORY_SLUGS[slug]!r}"
    if data.get("status") != "proposed":
        return f"status is {data.get('status')!r}, expected 'proposed'"
    if data.get("title") != 'Pick the "v2" model':
        return "{{title}} must sit alone inside a basic string: title = \"{{title}}\""
    if data.get("id") != TEMPLATE_VALUES["id"] or str(data.get("date")) != TEMPLATE_VALUES["date"]:
        return "id or date did not come through substitution"
    return None


def check_init(root, binary, policy_validator):
    """`git-decision init` in a new repository: the policy, the schemas, .taplo.toml."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=tmp)
        env.pop("GIT_DIR", None)
        subprocess.run(["git", "init", "-q", tmp], check=True, env=env)
        done = subprocess.run([binary, "init"], cwd=tmp, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            return f"git-decision init failed ({done.returncode}): {done.stderr}"
        repo = pathlib.Path(tmp)
        problems = []
        policy = tomllib.loads((repo / "decisions/policy.toml").read_text(encoding="utf-8"))
        errors = errors_of(policy_validator, policy)
        if errors:
            problems.append(f"the policy init writes is invalid: {describe(errors)}")
        for name in ("decision", "policy"):
            copy = repo / "decisions" / f"{name}.schema.json"
            if not copy.is_file() or copy.read_bytes() != (root / f"{name}.schema.json").read_bytes():
                problems.append(f"decisions/{name}.schema.json is not a copy of schema/{name}.schema.json")
        config = tomllib.loads((repo / ".taplo.toml").read_text(encoding="utf-8"))
        rules = {tuple(r["include"]): r["schema"]["path"] for r in config.get("rule", [])}
        wanted = {("decisions/policy.toml",): "decisions/policy.schema.json",
                  ("decisions/*.toml",): "decisions/decision.schema.json"}
        if rules != wanted:
            problems.append(f".taplo.toml maps {rules}, expected {wanted}")
        return "; ".join(problems) or None


def load_schema(root, name, validator_class):
    schema = json.loads((root / f"{name}.schema.json").read_text(encoding="utf-8"))
    validator_class.check_schema(schema)
    if schema.get("$id") != SCHEMA_IDS[name]:
        raise jsonschema.SchemaError(f"$id must be {SCHEMA_IDS[name]!r}")
    return validator_class(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: check_examples.py <schema-dir> [<git-decision binary>]", file=sys.stderr)
        return 2
    root = pathlib.Path(argv[1])
    try:
        validator = load_schema(root, "decision", RecordValidator)
        policy_validator = load_schema(root, "policy", Draft202012Validator)
    except jsonschema.SchemaError as e:
        print(f"FAIL schema: not a valid draft 2020-12 schema: {e.message}")
        return 1

    checks = []
    minimum = {"valid": 12, "invalid": 20, "invalid-toml": 3}
    verdict_of_dir = {"valid": "valid", "invalid": "invalid", "invalid-toml": "syntax"}
    failures = []
    for folder, at_least in minimum.items():
        files = sorted((root / "examples" / folder).glob("*.toml"))
        if len(files) < at_least:
            failures.append(f"examples/{folder}: {len(files)} files, expected at least {at_least}")
        for path in files:
            checks.append((f"examples/{folder}/{path.name}",
                           lambda p=path, f=folder: check_example(validator, p, verdict_of_dir[f])))
    templates = sorted((root / "templates").glob("*.toml"))
    absent = set(CATEGORY_SLUGS) - {p.stem for p in templates}
    if absent:
        failures.append(f"templates: missing {', '.join(sorted(absent))}")
    for path in templates:
        checks.append((f"templates/{path.name}", lambda p=path: check_template(validator, p)))
    for folder, at_least in {"valid": 3, "invalid": 8}.items():
        files = sorted((root / "examples" / "policy" / folder).glob("*.toml"))
        if len(files) < at_least:
            failures.append(f"examples/policy/{folder}: {len(files)} files, expected at least {at_least}")
        for path in files:
            checks.append((f"examples/policy/{folder}/{path.name}",
                           lambda p=path, f=folder: check_example(policy_validator, p, f)))
    if len(argv) == 3:
        checks.append(("git-decision init", lambda: check_init(root, argv[2], policy_validator)))

    passed = 0
    for name, check in checks:
        problem = check()
        if problem is None:
            passed += 1
        else:
            failures.append(f"{name}: {problem}")
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
