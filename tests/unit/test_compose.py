"""docker-compose.yml must agree with the code it runs: the variables it sets are ones the services'
settings classes read, its ports and healthchecks are the ones those settings use, and its Kafka and
PostgreSQL addresses lead to the kafka and postgres services it defines.

No Docker engine is needed: the file is parsed, its ``${VAR:-default}`` references are resolved the
way Compose resolves them when the variables are unset, and the result is checked against the code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from parley_api.settings import ApiSettings
from parley_extract.settings import ExtractSettings
from parley_ingest.settings import IngestSettings
from parley_shared.settings import CommonSettings
from parley_store.settings import StoreSettings
from pydantic import AliasChoices, ValidationError
from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"

# What `docker compose` needs from the operator (.env); everything else has a default in the file.
REQUIRED_VARIABLES = {"POSTGRES_PASSWORD": "example-password"}
TOPIC_FIELDS = ("topic_articles", "topic_engagements")


@dataclass(frozen=True)
class AppService:
    """A service built from this repository: its settings, the fields locating the server that answers
    /health, and whether it talks to Kafka (every settings class has the Kafka fields; the API ignores them).
    """

    settings: type[CommonSettings]
    host_field: str
    port_field: str
    kafka_client: bool = True

    @property
    def database_client(self) -> bool:
        return "database_url" in self.settings.model_fields


APP_SERVICES = {
    "ingest": AppService(IngestSettings, "host", "port"),
    "extract": AppService(ExtractSettings, "ops_host", "ops_port"),
    "store": AppService(StoreSettings, "ops_host", "ops_port"),
    "api": AppService(ApiSettings, "host", "port", kafka_client=False),
}
KAFKA_CLIENTS = [name for name, app in APP_SERVICES.items() if app.kafka_client]
DATABASE_CLIENTS = [name for name, app in APP_SERVICES.items() if app.database_client]
INFRASTRUCTURE = ("kafka", "postgres")


def env_names(settings_class: type[CommonSettings]) -> dict[str, str]:
    """The environment variables ``settings_class`` documents, each mapped to the field it fills.

    A field is read from its alias(es) when it has one, else from ``env_prefix`` + its name. (The
    prefixed field name of an aliased field is a back door for tests, not a name to configure with.)
    """
    prefix = settings_class.model_config.get("env_prefix", "")
    names: dict[str, str] = {}
    for field_name, field in settings_class.model_fields.items():
        alias = field.validation_alias or field.alias
        if isinstance(alias, AliasChoices):
            # AliasPath choices address nested values, which no environment variable can.
            candidates = [choice for choice in alias.choices if isinstance(choice, str)]
        elif isinstance(alias, str):
            candidates = [alias]
        else:
            candidates = [prefix + field_name]
        names.update((candidate.upper(), field_name) for candidate in candidates)
    return names


_REFERENCE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?:(?P<operator>:?[-?])(?P<argument>[^}]*))?\}")


def interpolate(text: str, variables: Mapping[str, str]) -> str:
    """``text`` with its ``${...}`` references resolved as Compose resolves them, given ``variables``."""

    def resolve(match: re.Match[str]) -> str:
        if match[0] == "$$":
            return "$"
        name, operator, argument = match["name"], match["operator"], match["argument"]
        value = variables.get(name)
        empty_counts_as_unset = operator is not None and operator.startswith(":")
        if value is not None and not (empty_counts_as_unset and value == ""):
            return value
        if operator is not None and operator.endswith("-"):
            return str(argument)
        raise AssertionError(f"docker-compose.yml needs ${{{name}}} set: {argument or 'no default'}")

    return _REFERENCE.sub(resolve, text)


def interpolate_values(node: Any, variables: Mapping[str, str]) -> Any:
    """``node`` with every string in it interpolated: like Compose, after parsing, so that a reference
    resolving to "" stays an empty string instead of becoming YAML's null."""
    if isinstance(node, str):
        return interpolate(node, variables)
    if isinstance(node, dict):
        return {key: interpolate_values(value, variables) for key, value in node.items()}
    if isinstance(node, list):
        return [interpolate_values(item, variables) for item in node]
    return node


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    document = interpolate_values(
        yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8")), REQUIRED_VARIABLES
    )
    found = document.get("services") if isinstance(document, dict) else None
    assert isinstance(found, dict), f"{COMPOSE_FILE.name} has no `services` mapping"
    return found


def environment_of(services: Mapping[str, Any], name: str) -> dict[str, str]:
    environment = services[name].get("environment", {})
    assert isinstance(environment, dict), f"{name}: write `environment` as a mapping, not a list"
    # Compose hands every value to the container as a string: `8000` and "8000" are the same. A bare
    # `NAME:` passes the operator's own variable through; nothing here may depend on one.
    unset = sorted(key for key, value in environment.items() if value is None)
    assert not unset, f"{name}: give {unset} a value or a ${{NAME:-default}}"
    return {key: str(value) for key, value in environment.items()}


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No variable a settings class could read leaks in from the environment the tests run in."""
    readable = {name for app in APP_SERVICES.values() for name in env_names(app.settings)}
    for key in list(os.environ):
        if key.upper() in readable or key.upper().startswith("PARLEY_"):
            monkeypatch.delenv(key)
    return monkeypatch


def settings_in_container(
    services: Mapping[str, Any], name: str, monkeypatch: pytest.MonkeyPatch
) -> CommonSettings:
    """The settings ``name`` builds in its container from the environment Compose gives it."""
    for key, value in environment_of(services, name).items():
        monkeypatch.setenv(key, value)
    try:
        return APP_SERVICES[name].settings()
    except ValidationError as exc:
        pytest.fail(f"{name}: its settings reject the environment docker-compose.yml sets:\n{exc}")


def depends_on(services: Mapping[str, Any], name: str) -> dict[str, Any]:
    dependencies = services[name].get("depends_on", {})
    assert isinstance(dependencies, dict), f"{name}: write `depends_on` as a mapping with a `condition`"
    return dependencies


def kafka_listeners(services: Mapping[str, Any], variable: str) -> dict[str, tuple[str, int]]:
    """``KAFKA_LISTENERS``-style value of the kafka service as {listener name: (host, port)}."""
    listeners: dict[str, tuple[str, int]] = {}
    for entry in environment_of(services, "kafka")[variable].split(","):
        match = re.fullmatch(r"(\w+)://([^:]*):(\d+)", entry.strip())
        assert match, f"kafka: {variable} entry {entry!r} is not NAME://host:port"
        listeners[match[1]] = (match[2], int(match[3]))
    return listeners


def internal_kafka_address(services: Mapping[str, Any]) -> str:
    """Where containers reach the broker: the advertised address of its inter-broker listener."""
    name = environment_of(services, "kafka")["KAFKA_INTER_BROKER_LISTENER_NAME"]
    advertised = kafka_listeners(services, "KAFKA_ADVERTISED_LISTENERS")
    assert name in advertised, f"kafka: listener {name} isn't in KAFKA_ADVERTISED_LISTENERS {advertised}"
    host, port = advertised[name]
    return f"{host}:{port}"


def test_env_names_are_the_documented_variables_including_inherited_ones() -> None:
    names = env_names(IngestSettings)
    assert names["INGEST_PORT"] == "port"
    assert names["KAFKA_BOOTSTRAP_SERVERS"] == "kafka_bootstrap_servers"
    assert "PORT" not in names and "INGEST_PROT" not in names


def test_interpolate_resolves_defaults_escapes_and_required_variables() -> None:
    assert interpolate("${A:-x}|${B-y}|$${C}|${D}", {"B": "", "D": "d"}) == "x||${C}|d"
    with pytest.raises(AssertionError, match=r"\$\{E\} set: say why"):
        interpolate("${E:?say why}", {})


def test_every_service_is_defined(services: dict[str, Any]) -> None:
    missing = sorted({*APP_SERVICES, *INFRASTRUCTURE} - set(services))
    assert not missing, f"docker-compose.yml lacks services {missing}"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_is_built_from_the_services_image_with_the_repository_as_context(
    services: dict[str, Any], name: str
) -> None:
    build = services[name].get("build")
    assert isinstance(build, dict), f"{name}: needs `build` with `context` and `dockerfile`"
    context = (ROOT / build["context"]).resolve()
    assert context == ROOT, (
        f"{name}: build context {context} must be the repository root (the images copy shared/)"
    )
    dockerfile = context / build["dockerfile"]
    assert dockerfile == ROOT / "services" / "Dockerfile", f"{name}: builds from {dockerfile}"
    assert dockerfile.is_file(), f"{name}: {dockerfile} doesn't exist"
    service = (build.get("args") or {}).get("SERVICE")
    assert service == name, (
        f"{name}: build argument SERVICE is {service!r}: the image would run another service"
    )
    assert (ROOT / "services" / name / f"parley_{name}" / "__main__.py").is_file(), (
        f"{name}: the image runs `python -m parley_{name}`, which has no __main__.py"
    )


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_sets_only_variables_its_settings_read(services: dict[str, Any], name: str) -> None:
    readable = env_names(APP_SERVICES[name].settings)
    unknown = sorted(set(environment_of(services, name)) - set(readable))
    assert not unknown, (
        f"{name}: {APP_SERVICES[name].settings.__name__} reads none of {unknown}; it reads {sorted(readable)}"
    )


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_listens_on_all_interfaces_of_its_container(
    services: dict[str, Any], name: str, clean_environment: pytest.MonkeyPatch
) -> None:
    app = APP_SERVICES[name]
    host = getattr(settings_in_container(services, name, clean_environment), app.host_field)
    assert host == "0.0.0.0", f"{name}: {app.host_field}={host!r} can't be reached through its published port"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_publishes_the_port_its_settings_default_to(
    services: dict[str, Any], name: str, clean_environment: pytest.MonkeyPatch
) -> None:
    app = APP_SERVICES[name]
    default = app.settings.model_fields[app.port_field].default
    port = getattr(settings_in_container(services, name, clean_environment), app.port_field)
    assert port == default, f"{name}: listens on {port}, not on its documented port {default}"
    published = [(entry["target"], int(entry["published"])) for entry in services[name].get("ports", [])]
    assert published == [(default, default)], (
        f"{name}: publishes {published}, expected [({default}, {default})]"
    )


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_healthcheck_asks_its_own_server_for_health(
    services: dict[str, Any], name: str, clean_environment: pytest.MonkeyPatch
) -> None:
    app = APP_SERVICES[name]
    port = getattr(settings_in_container(services, name, clean_environment), app.port_field)
    check = services[name].get("healthcheck", {}).get("test")
    assert isinstance(check, list) and check[0] in ("CMD", "CMD-SHELL"), f"{name}: needs a healthcheck test"
    urls = re.findall(r"http://(127\.0\.0\.1|localhost):(\d+)/health\b", " ".join(check))
    assert [int(url_port) for _, url_port in urls] == [port], (
        f"{name}: healthcheck {check} must request /health on port {port} of its own container"
    )


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_waits_for_healthy_dependencies(services: dict[str, Any], name: str) -> None:
    dependencies = depends_on(services, name)
    needed = {"kafka": name in KAFKA_CLIENTS, "postgres": name in DATABASE_CLIENTS}
    for dependency in (dependency for dependency, is_needed in needed.items() if is_needed):
        assert dependency in dependencies, f"{name}: uses {dependency} but doesn't depend on it"
    for dependency, spec in dependencies.items():
        assert spec.get("condition") == "service_healthy", (
            f"{name}: depends on {dependency} with {spec}; use `condition: service_healthy`"
        )
        assert "healthcheck" in services[dependency], f"{dependency}: {name} waits for a healthcheck it lacks"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_topic_names_are_the_shared_defaults(
    services: dict[str, Any], name: str, clean_environment: pytest.MonkeyPatch
) -> None:
    settings = settings_in_container(services, name, clean_environment)
    for field in TOPIC_FIELDS:
        default = CommonSettings.model_fields[field].default
        assert getattr(settings, field) == default, (
            f"{name}: {field} is {getattr(settings, field)!r}; the other services use {default!r}"
        )


@pytest.mark.parametrize("name", KAFKA_CLIENTS)
def test_kafka_clients_use_the_brokers_internal_listener(
    services: dict[str, Any], name: str, clean_environment: pytest.MonkeyPatch
) -> None:
    internal = internal_kafka_address(services)
    servers = settings_in_container(services, name, clean_environment).bootstrap_servers
    assert servers == [internal], (
        f"{name}: KAFKA_BOOTSTRAP_SERVERS={servers}, the broker advertises {internal}"
    )


def test_kafka_internal_listener_is_the_kafka_service_on_a_port_it_listens_on(
    services: dict[str, Any],
) -> None:
    host, port = internal_kafka_address(services).rsplit(":", 1)
    assert host == "kafka", f"kafka: the internal listener advertises {host!r}, not the service name"
    name = environment_of(services, "kafka")["KAFKA_INTER_BROKER_LISTENER_NAME"]
    listening = kafka_listeners(services, "KAFKA_LISTENERS")
    assert listening.get(name, ("", 0))[1] == int(port), f"kafka: {name} listens on {listening.get(name)}"
    healthcheck = " ".join(services["kafka"]["healthcheck"]["test"])
    assert f"--bootstrap-server kafka:{port}" in healthcheck, f"kafka: healthcheck {healthcheck} skips {name}"


def test_kafka_is_a_consistent_single_node_kraft_cluster(services: dict[str, Any]) -> None:
    environment = environment_of(services, "kafka")
    listening = kafka_listeners(services, "KAFKA_LISTENERS")
    protocols = dict(
        pair.split(":") for pair in environment["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(",")
    )
    assert set(listening) <= set(protocols), (
        f"kafka: listeners {set(listening) - set(protocols)} lack a protocol"
    )
    controller = environment["KAFKA_CONTROLLER_LISTENER_NAMES"]
    assert controller not in kafka_listeners(services, "KAFKA_ADVERTISED_LISTENERS"), (
        f"kafka: the {controller} listener is for the quorum; don't advertise it to clients"
    )
    voter = f"{environment['KAFKA_NODE_ID']}@kafka:{listening[controller][1]}"
    assert environment["KAFKA_CONTROLLER_QUORUM_VOTERS"] == voter, f"kafka: quorum voters should be {voter}"
    factors = {
        key: value for key, value in environment.items() if key.endswith(("_REPLICATION_FACTOR", "_MIN_ISR"))
    }
    assert factors and set(factors.values()) == {"1"}, f"kafka: a single broker needs these at 1: {factors}"
    image = services["kafka"]["image"]
    assert re.fullmatch(r"apache/kafka:4\.\d+\.\d+", image), (
        f"kafka: pin an apache/kafka 4.x.y tag, not {image}"
    )


@pytest.mark.parametrize("name", DATABASE_CLIENTS)
def test_database_url_is_the_postgres_service(
    services: dict[str, Any], name: str, clean_environment: pytest.MonkeyPatch
) -> None:
    url = make_url(settings_in_container(services, name, clean_environment).model_dump()["database_url"])
    postgres = environment_of(services, "postgres")
    expected = (
        postgres["POSTGRES_USER"],
        postgres["POSTGRES_PASSWORD"],
        "postgres",
        5432,
        postgres["POSTGRES_DB"],
    )
    actual = (url.username, url.password, url.host, url.port or 5432, url.database)
    assert url.drivername == "postgresql+psycopg", f"{name}: DATABASE_URL driver is {url.drivername}"
    assert actual == expected, f"{name}: DATABASE_URL leads to {actual}, postgres serves {expected}"
