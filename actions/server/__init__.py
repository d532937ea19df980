"""The action server process: custom actions and Rasa's NLG endpoint in one aiohttp app."""
