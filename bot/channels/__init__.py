"""Public channels. Rasa imports them from credentials.yml, which also bounds its action calls."""
from bot.action_timeout import install

install()
