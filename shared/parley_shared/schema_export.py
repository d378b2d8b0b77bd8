"""Write the JSON Schemas of Parley's Kafka messages to ``schemas/`` (``make schemas``).

Downstream consumers validate against these files; a test fails when they drift from the models.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from parley_shared.schemas import EVENT_MODELS


def schema_documents() -> dict[str, str]:
    """File name -> JSON text, for every event model, version included in the name."""
    documents = {}
    for name, model in EVENT_MODELS.items():
        schema = model.model_json_schema(mode="serialization")
        version = model.model_fields["schema_version"].default
        schema["$id"] = f"https://parley.example/schemas/{name}.v{version}.json"
        documents[f"{name}.v{version}.json"] = (
            json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )
    return documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out", type=Path, default=Path("schemas"), help="folder to write into (default: schemas)"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for file_name, text in schema_documents().items():
        (args.out / file_name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / file_name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
