"""Built-in and user scenarios: a record of talks as a versioned, schema-checked data file."""

from parley.scenarios.loader import (
    SCHEMA_FILE,
    Scenario,
    ScenarioError,
    ScenarioMeta,
    available,
    load_scenario,
    parse_scenario,
    scenario_schema,
)

__all__ = [
    "SCHEMA_FILE",
    "Scenario",
    "ScenarioError",
    "ScenarioMeta",
    "available",
    "load_scenario",
    "parse_scenario",
    "scenario_schema",
]
