"""Shared fixtures: the fake Bot API server, the bot process and the user driver."""

pytest_plugins = ["tests.support.fixtures"]
