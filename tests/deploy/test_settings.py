"""The containers' environment speaks only the settings the application knows, with values it accepts."""

import re
from typing import Any

import pytest
from pydantic import ValidationError

from app.core.config import Settings
from tests.deploy.cfn import every_branch, properties, resources_of_type, template

PREFIX = "STYLIST_"
OTHER_ALLOWED = {"WEB_CONCURRENCY"}  # read by uvicorn, not by Settings
# Remote vision needs a URL and a model (the template's Rules enforce it); given here so each value is judged alone.
REMOTE_VISION = {"vision_base_url": "https://vision.example/v1", "vision_model": "model"}


def _containers() -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{task}/{container['Name']}", container)
        for task, body in resources_of_type("AWS::ECS::TaskDefinition").items()
        for container in body["Properties"]["ContainerDefinitions"]
    ]


def _environment(container: dict[str, Any]) -> dict[str, Any]:
    return {entry["Name"]: entry["Value"] for entry in every_branch(container.get("Environment", []))}


def _secrets(container: dict[str, Any]) -> dict[str, Any]:
    return {entry["Name"]: entry["ValueFrom"] for entry in every_branch(container.get("Secrets", []))}


def _api() -> dict[str, Any]:
    (container,) = (body for name, body in _containers() if name.startswith("WebTaskDefinition/"))
    return container


def _candidate_values(value: Any) -> list[str]:
    """A literal, or every value a parameter may take (its AllowedValues, else its Default)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"Ref"} and value["Ref"] in template()["Parameters"]:
        parameter = template()["Parameters"][value["Ref"]]
        return [str(allowed) for allowed in parameter.get("AllowedValues", [parameter["Default"]])]
    return []  # resolved by CloudFormation at deploy time (a bucket name, the region)


@pytest.mark.parametrize(("where", "container"), _containers(), ids=[name for name, _ in _containers()])
def test_every_variable_is_a_known_setting(where: str, container: dict[str, Any]) -> None:
    names = [entry["Name"] for entry in every_branch(container.get("Environment", []) + container.get("Secrets", []))]
    assert len(names) == len(set(names)), f"{where}: a variable is set twice"
    for name in names:
        if name.startswith(PREFIX):
            assert name.removeprefix(PREFIX).lower() in Settings.model_fields, f"{where}: Settings has no {name}"
        else:
            assert name in OTHER_ALLOWED or name.startswith("AWS_"), f"{where}: unexpected variable {name}"


@pytest.mark.parametrize(("where", "container"), _containers(), ids=[name for name, _ in _containers()])
def test_every_value_is_accepted_by_settings(where: str, container: dict[str, Any]) -> None:
    for name, value in _environment(container).items():
        if not name.startswith(PREFIX):
            continue
        field = name.removeprefix(PREFIX).lower()
        for candidate in _candidate_values(value):
            try:
                Settings.model_validate({**REMOTE_VISION, field: candidate})
            except ValidationError as exc:
                pytest.fail(f"{where}: {name}={candidate!r} is rejected by Settings: {exc}")


def test_the_api_has_the_settings_production_needs() -> None:
    environment, secrets = _environment(_api()), _secrets(_api())
    assert environment.get("STYLIST_STORAGE_BACKEND") == "s3"
    assert environment.get("STYLIST_S3_BUCKET") == {"Ref": "ImagesBucket"}
    assert environment.get("STYLIST_S3_REGION") == {"Ref": "AWS::Region"}
    assert environment.get("STYLIST_AUTO_MIGRATE") == "false"  # migrations are a one-off task
    assert secrets.get("STYLIST_DATABASE_URL") == {"Ref": "DatabaseUrlSecret"}


def test_secrets_never_travel_as_plain_environment() -> None:
    secret_fields = {name for name, field in Settings.model_fields.items() if "SecretStr" in repr(field.annotation)}
    secret_fields.add("database_url")  # a str in Settings, but it carries the password
    for where, container in _containers():
        for name in _environment(container):
            assert name.removeprefix(PREFIX).lower() not in secret_fields, f"{where}: {name} must come from Secrets"


def test_the_migration_task_runs_alembic_against_the_same_database() -> None:
    (migrate,) = (body for name, body in _containers() if name.startswith("MigrationTaskDefinition/"))
    assert migrate["Command"] == ["alembic", "upgrade", "head"]
    assert _secrets(migrate)["STYLIST_DATABASE_URL"] == _secrets(_api())["STYLIST_DATABASE_URL"]


def test_the_database_url_is_a_full_asyncpg_url() -> None:
    url = properties("DatabaseUrlSecret")["SecretString"]["Fn::Sub"]
    password = r"\{\{resolve:secretsmanager:\$\{DatabaseMasterSecret\}:SecretString:password\}\}"
    pattern = (
        rf"postgresql\+asyncpg://\$\{{DbUsername\}}:{password}"
        r"@\$\{Database\.Endpoint\.Address\}:\$\{Database\.Endpoint\.Port\}/\$\{DbName\}"
    )
    assert re.fullmatch(pattern, url), url
    generated = properties("DatabaseMasterSecret")["GenerateSecretString"]
    assert generated["ExcludePunctuation"] is True  # the password goes into the URL unescaped
    assert properties("Database")["MasterUserPassword"]["Fn::Sub"] == (
        "{{resolve:secretsmanager:${DatabaseMasterSecret}:SecretString:password}}"
    )
