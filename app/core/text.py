"""Text that clients send: one string type for every input field, so hostile characters are refused in one place."""

from typing import Annotated

from pydantic import AfterValidator

NUL = "\x00"


def refuse_nul(value: str) -> str:
    # PostgreSQL cannot store NUL in text (or in JSON text); refusing it here keeps every backend alike.
    if NUL in value:
        raise ValueError("must not contain NUL characters (\\u0000)")
    return value


# Every client-supplied string that may be stored: request bodies and the original contract's query parameters.
InputText = Annotated[str, AfterValidator(refuse_nul)]
