from ..bot.conftest import fake_rasa  # noqa: F401 - the fake Rasa fixture, shared with tests/bot
