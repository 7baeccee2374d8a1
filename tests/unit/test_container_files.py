"""The container files say what docs/OPERATIONS.md promises: checked by parsing them, since
no container runtime runs here (the image is built and started by whoever deploys it)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import Settings
from bot.healthcheck import health_url

ROOT = Path(__file__).resolve().parents[2]
TOKEN_VALUE = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{30,64}")


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n", " ", text)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, arguments = line.partition(" ")
            found.append((instruction.upper(), arguments.strip()))
    return found


def instructions(name: str) -> list[str]:
    return [arguments for instruction, arguments in dockerfile() if instruction == name]


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def exec_form(arguments: str) -> list[str]:
    parsed = yaml.safe_load(arguments)  # a JSON array is YAML too
    assert isinstance(parsed, list), f"not the exec form: {arguments}"
    return [str(part) for part in parsed]


def test_the_image_is_slim_python_3_11_and_runs_the_bot_as_a_user_of_its_own() -> None:
    (base,) = instructions("FROM")
    assert base.startswith("python:3.11-slim")
    users = instructions("USER")
    assert users and users[-1] not in {"root", "0", "0:0"}
    assert exec_form(instructions("CMD")[-1]) == ["python", "-m", "bot"]
    assert any("pip install ." in run for run in instructions("RUN"))
    assert not instructions("ENTRYPOINT")


def test_the_data_dir_is_a_volume_owned_by_the_bot_user() -> None:
    env = " ".join(instructions("ENV"))
    assert "DATA_DIR=/data" in env
    assert exec_form(instructions("VOLUME")[-1]) == ["/data"]
    setup = " ".join(instructions("RUN"))
    user = instructions("USER")[-1]
    assert f"chown {user}:{user} /data" in setup and "chmod 0700 /data" in setup


def test_the_healthcheck_probes_healthz_with_python_not_curl() -> None:
    (check,) = instructions("HEALTHCHECK")
    options, _, command = check.partition("CMD")
    assert "--interval" in options and "--start-period" in options
    assert exec_form(command.strip()) == ["python", "-m", "bot.healthcheck"]
    assert "curl" not in check and "wget" not in check


@pytest.mark.parametrize(
    ("env", "url"),
    [
        ({}, "http://127.0.0.1:9090/healthz"),
        ({"METRICS_PORT": "9100"}, "http://127.0.0.1:9100/healthz"),
        ({"PORT": "8443", "WEBHOOK_URL": ""}, "http://127.0.0.1:9090/healthz"),
        ({"WEBHOOK_URL": "https://bot.example.org"}, "http://127.0.0.1:8443/healthz"),
        (
            {"WEBHOOK_URL": "https://bot.example.org", "PORT": "8080", "METRICS_PORT": "9100"},
            "http://127.0.0.1:8080/healthz",
        ),
    ],
)
def test_the_probe_asks_the_webhook_port_or_the_metrics_port(env: dict[str, str], url: str) -> None:
    assert health_url(env) == url


def test_compose_runs_the_bot_on_postgres_once_the_database_is_healthy() -> None:
    services = compose()["services"]
    assert set(services) == {"bot", "db"}
    db, bot = services["db"], services["bot"]
    assert str(db["image"]).startswith("postgres:")
    test = db["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL" and test[1].startswith("pg_isready")
    assert bot["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert bot["build"] == "."
    assert bot["env_file"] == ".env"
    url = bot["environment"]["DATABASE_URL"]
    password = r"\$\{POSTGRES_PASSWORD[^}]*\}"
    assert re.fullmatch(rf"postgresql://strongback:{password}@db:5432/strongback", url)
    assert bot["environment"]["DATA_DIR"] == "/data"


def test_compose_keeps_both_data_on_named_volumes() -> None:
    loaded = compose()
    named = set(loaded["volumes"])
    db_volume = loaded["services"]["db"]["volumes"]
    bot_volume = loaded["services"]["bot"]["volumes"]
    assert db_volume == ["db-data:/var/lib/postgresql/data"]
    assert bot_volume == ["bot-data:/data"]
    assert named == {"db-data", "bot-data"}


def test_compose_inlines_no_secret() -> None:
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    assert not TOKEN_VALUE.search(text)
    services = compose()["services"]
    for service in services.values():
        environment = service.get("environment", {})
        assert "TELEGRAM_BOT_TOKEN" not in environment
        assert "WEBHOOK_SECRET" not in environment
    password = services["db"]["environment"]["POSTGRES_PASSWORD"]
    assert password.startswith("${POSTGRES_PASSWORD")


def test_the_names_the_container_files_use_are_settings_the_bot_reads() -> None:
    fields = {name.upper() for name in Settings.model_fields}
    assert {"DATA_DIR", "DATABASE_URL", "PORT", "WEBHOOK_URL"} <= fields
    env = compose()["services"]["bot"]["environment"]
    assert set(env) <= fields


def test_the_image_leaves_out_secrets_and_local_data() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".env", ".git", ".venv", "data", "tests"} <= set(ignored)
    for copied in instructions("COPY"):
        assert ".env" not in shlex.split(copied)
