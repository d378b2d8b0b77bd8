"""The JSON Schemas in schemas/ are the contract downstream consumers read: they must match the models."""

from pathlib import Path

import pytest
from parley_shared.schema_export import schema_documents

SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"


@pytest.mark.parametrize("file_name", sorted(schema_documents()))
def test_exported_schema_is_up_to_date(file_name):
    path = SCHEMAS / file_name
    assert path.exists(), f"{path} missing: run `make schemas`"
    assert path.read_text(encoding="utf-8") == schema_documents()[file_name], (
        f"{file_name} is stale: run `make schemas`"
    )
