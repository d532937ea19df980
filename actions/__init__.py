"""Custom actions, the NLG endpoint and the knowledge base of the integration bot.

rasa_sdk imports every module of this package to register the actions, so no
module may do I/O at import time: the knowledge is loaded by the server.
"""
