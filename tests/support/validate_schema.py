#!/usr/bin/env python3
"""Validates scenario files against the JSON Schema printed by `meridian schema`.

Usage: validate_schema.py SCHEMA.json FILE.yaml...
Prints `FILE: valid` or `FILE: invalid: MESSAGE` per file. Exit 0 when every file is valid,
1 when any is not, 2 when the schema itself is not a valid draft-07 schema or a module is
missing (python3-jsonschema and python3-yaml are installed by tools/setup.sh).

YAML is read as YAML 1.2 reads it (as yaml-language-server and yaml-cpp do): `14:00` and
`2026-01-05T00:00:00Z` stay strings, not sexagesimal numbers or timestamps.
"""
import json
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:  # the test must fail, not skip: setup installs both
    print(f"validate_schema.py: {e} (install python3-jsonschema python3-yaml)", file=sys.stderr)
    sys.exit(2)


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit types (no timestamps, no base 60)."""


Yaml12Loader.yaml_implicit_resolvers = {}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft7Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"{argv[1]}: not a valid draft-07 schema: {e.message}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft7Validator(schema)
    failed = False
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                document = yaml.load(f, Loader=Yaml12Loader)
        except yaml.YAMLError as e:
            failed = True
            print(f"{path}: invalid: not YAML: {str(e).splitlines()[0]}")
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if errors:
            failed = True
            where = "/".join(str(p) for p in errors[0].absolute_path)
            print(f"{path}: invalid: at '{where}': {errors[0].message[:300]}")
        else:
            print(f"{path}: valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
