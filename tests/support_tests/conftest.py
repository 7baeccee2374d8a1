"""The fake server's own tests use the shared fixtures directly."""

from tests.support.fixtures import bot_factory, fake_api, user

__all__ = ["bot_factory", "fake_api", "user"]
