"""The bound on Rasa's action calls replaces Rasa 3.6's 300-second wait."""
import pytest
import rasa.core.actions.action as rasa_action

from bot import action_timeout


def test_importing_the_channels_bounds_action_calls():
    import bot.channels  # noqa: F401  (Rasa imports it from credentials.yml)

    assert rasa_action.DEFAULT_REQUEST_TIMEOUT <= action_timeout.DEFAULT_SECONDS


def test_the_bound_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(action_timeout.ENV_NAME, "1.5")
    try:
        assert action_timeout.install() == 1.5
        assert rasa_action.DEFAULT_REQUEST_TIMEOUT == 1.5
    finally:
        monkeypatch.delenv(action_timeout.ENV_NAME)
        action_timeout.install()


def test_a_bound_that_is_not_positive_is_refused():
    with pytest.raises(ValueError):
        action_timeout.install(0)
