"""Every error Parley raises on purpose, with a code, in one place.

The library raises these; the edges translate them: the CLI prints one line
and exits non-zero, the API answers with one JSON error shape. A message says
what was wrong and with which input; ``hint`` says what to do about it.
"""

from __future__ import annotations


class ParleyError(Exception):
    """Base class. ``code`` is stable and documented in docs/errors.md."""

    code = "E000"
    status = 400  # HTTP status used by the API

    def __init__(self, message: str, *, hint: str = "", subject: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.subject = subject

    def line(self) -> str:
        """One line for a terminal: ``subject: message (hint)``."""
        head = f"{self.subject}: {self.message}" if self.subject else self.message
        return f"{head} — {self.hint}" if self.hint else head

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "hint": self.hint, "subject": self.subject}


class InputError(ParleyError):
    """One input (file, record, URL) could not be read; the batch goes on."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class DecodeError(InputError):
    code = "E103"


class MalformedInput(InputError):
    code = "E104"


class TooLarge(InputError):
    code = "E105"
    status = 413


class UnsupportedInput(InputError):
    code = "E106"


class FetchError(InputError):
    """A URL could not or may not be fetched."""

    code = "E110"


class BlockedAddress(FetchError):
    code = "E111"
    status = 403


class StoreError(ParleyError):
    """The store cannot be opened, migrated or written."""

    code = "E200"
    status = 500


class NotFound(ParleyError):
    code = "E300"
    status = 404


class ConfigError(ParleyError):
    code = "E400"


class Unauthorized(ParleyError):
    code = "E401"
    status = 401


class InvalidRequest(ParleyError):
    """An API request with missing or malformed parameters."""

    code = "E410"
    status = 422


class InternalError(ParleyError):
    """A bug: something failed that should not have."""

    code = "E900"
    status = 500


ALL_ERRORS: tuple[type[ParleyError], ...] = (
    ParleyError,
    InputError,
    EmptyInput,
    BinaryInput,
    DecodeError,
    MalformedInput,
    TooLarge,
    UnsupportedInput,
    FetchError,
    BlockedAddress,
    StoreError,
    NotFound,
    ConfigError,
    Unauthorized,
    InvalidRequest,
    InternalError,
)
