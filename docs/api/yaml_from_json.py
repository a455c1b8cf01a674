#!/usr/bin/env python3
"""Writes openapi.yaml from openapi.json, its source of truth (no PyYAML needed).

    python3 docs/api/yaml_from_json.py          # regenerate openapi.yaml
    python3 docs/api/yaml_from_json.py --check  # exit 1 when openapi.yaml is stale

Strings are emitted as JSON strings, which YAML reads as double-quoted scalars,
so the YAML holds exactly the JSON document.
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAIN_KEY = re.compile(r"^[A-Za-z_$/][A-Za-z0-9_$./{}-]*$")


def key(k):
    return k if PLAIN_KEY.match(k) else json.dumps(k)


def scalar(v):
    return json.dumps(v, ensure_ascii=False)


def emit(value, indent, out):
    pad = "  " * indent
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{key(k)}:")
                emit(v, indent + 1, out)
            else:
                out.append(f"{pad}{key(k)}: {empty_or_scalar(v)}")
    else:
        for v in value:
            if isinstance(v, (dict, list)) and v:
                nested = []
                emit(v, indent + 1, nested)
                first = nested[0].lstrip()
                out.append(f"{pad}- {first}")
                out.extend(nested[1:])
            else:
                out.append(f"{pad}- {empty_or_scalar(v)}")


def empty_or_scalar(v):
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    return scalar(v)


def render():
    doc = json.loads((HERE / "openapi.json").read_text(encoding="utf-8"))
    out = ["# Generated from openapi.json by yaml_from_json.py; edit the JSON, then run it."]
    emit(doc, 0, out)
    return "\n".join(out) + "\n"


def main():
    text = render()
    target = HERE / "openapi.yaml"
    if "--check" in sys.argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("docs/api/openapi.yaml is stale: run python3 docs/api/yaml_from_json.py")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
