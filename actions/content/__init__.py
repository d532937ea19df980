"""The content model: knowledge/ and responses/ loaded, checked, rendered and reloaded.

Shared by the action server, the bot and the staff tools; imports nothing of Rasa.
"""
