import pytest

from parley.planning.terms import PlanTerms


@pytest.fixture
def example_terms() -> PlanTerms:
    from importlib import resources
    from pathlib import Path

    from parley.planning.terms import load_terms

    path = resources.files("parley.planning") / "examples" / "june-terms.yaml"
    return load_terms(Path(str(path)))
