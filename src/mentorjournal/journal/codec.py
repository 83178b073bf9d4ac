"""Domain objects to JSON-able dicts and back, with validation.

Used by the journal (what is encrypted into each column) and by the interchange format, so a
value has one textual form everywhere: dates ``YYYY-MM-DD``, times ISO 8601 with offset,
enums by value.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from mentorjournal.errors import InvalidEntry

T = TypeVar("T")


_HINTS: dict[type, dict[str, Any]] = {}


def field_types(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


@functools.cache
def _unwrap_optional(tp: Any) -> tuple[Any, bool]:
    args = typing.get_args(tp)
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        inner = [a for a in args if a is not type(None)]
        return inner[0], type(None) in args
    return tp, False


def encode_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [encode_value(v) for v in value]
    if isinstance(value, dict):
        return dict(value)
    return value


def to_plain(obj: Any) -> dict[str, Any]:
    """Every field of a domain dataclass as JSON-able values."""
    return {f.name: encode_value(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def _check_encodable(text: str) -> None:
    """A lone surrogate (possible in JSON) cannot be stored as UTF-8: UnicodeEncodeError."""
    if not text.isascii():
        text.encode("utf-8")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError
    _check_encodable(value)
    return value


def _text_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError
    return {_text(k): _text(v) for k, v in value.items()}


def decode_value(tp: Any, value: Any, name: str) -> Any:
    base, optional = _unwrap_optional(tp)
    if base is str and value.__class__ is str and value.isascii():  # the common case, first
        return value
    if value is None:
        if optional:
            return None
        raise InvalidEntry(f"“{name}” must have a value.")
    try:
        if base is datetime:
            if not isinstance(value, str):
                raise ValueError
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise InvalidEntry(
                    f"“{name}” must be a date and time with a UTC offset: {value!r}."
                )
            return parsed
        if base is date:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
        if isinstance(base, type) and issubclass(base, Enum):
            return base(value)
        if base is bool:
            if not isinstance(value, bool):
                raise ValueError
            return value
        if base is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError
            return value
        if base is str:
            if not isinstance(value, str):
                raise ValueError
            _check_encodable(value)
            return value
        if typing.get_origin(base) is list:
            if not isinstance(value, list):
                raise ValueError
            if typing.get_args(base)[0] is str:
                return [_text(v) for v in value]
            return [_text_map(v) for v in value]  # list[dict[str, str]]
    except InvalidEntry:
        raise
    except (ValueError, TypeError):
        allowed = ""
        if isinstance(base, type) and issubclass(base, Enum):
            allowed = " (one of: " + ", ".join(m.value for m in base) + ")"
        raise InvalidEntry(
            f"“{name}” has a value that is not allowed: {value!r}{allowed}."
        ) from None
    return value


def _has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def from_plain(cls: type[T], data: dict[str, Any], *, stored: bool = False) -> T:
    """Build a domain object; missing keys take the dataclass default (when it has one).

    ``stored``: a null read from the journal (a column added by a later schema version) also
    takes the default.
    """
    kwargs: dict[str, Any] = {}
    for name, tp, has_default in _fields_of(cls):  # type: ignore[arg-type]
        if name in data:
            value = data[name]
            if value is None and stored and has_default:
                continue
            kwargs[name] = decode_value(tp, value, name)
        elif not has_default:
            raise InvalidEntry(f"“{name}” is missing.")
    return cls(**kwargs)


@functools.cache
def _fields_of(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type, has a default) of each field: worked out once per class."""
    hints = field_types(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    return tuple((f.name, hints[f.name], _has_default(f)) for f in fields)
