"""The integration bot's server side, one sub-package per job.

- `actions.content`: the content model – knowledge/, the reply catalog, YAML loading,
  locales, language detection, formatting. Knows nothing of Rasa.
- `actions.answers`: the custom actions (rasa_sdk `Action` classes); they only answer.
- `actions.server`: the action server process – actions, Rasa's NLG endpoint, stored
  conversations and their retention.
- `actions.tools`: staff and build tools – `make validate`, the NLU lookup tables.
- `actions.settings`: every setting of every process, typed, with one set of defaults.
"""
