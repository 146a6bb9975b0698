"""placeholder"""
from app.assistant.languages.en import LANGUAGE as _EN
from dataclasses import replace
LANGUAGE = replace(_EN, code="it", cues=frozenset())
