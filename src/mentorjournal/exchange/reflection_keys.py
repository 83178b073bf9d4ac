"""A reflection in the interchange file: its model's own keys beside the six of version 1.

Every reflection keeps its words in the six columns of Gibbs' cycle (``description`` …
``action_plan``); a model other than Gibbs keeps each of its stages in one fixed column
(``domain.REFLECTION_MODELS``). In the file a reflection always has those six keys, so a reader
of the first version still finds its words (a Gibbs reflection is written exactly as before),
and one of another model also has its own keys — Driscoll ``what``, ``so_what``, ``now_what``;
Kolb ``experience``, ``observation``, ``conceptualisation``, ``experimentation``; an opening
reflection ``hopes``, ``worries``, ``bring``; a closing one ``looking_back``, ``learned``,
``changed``, ``continues`` — which are what an import reads.
"""

from __future__ import annotations

from typing import Any

from mentorjournal.domain import GIBBS_STAGES, REFLECTION_MODELS, Reflection


class ModelKeysError(ValueError):
    """A reflection's keys do not fit its model; the message is one sentence."""


def model_keys(reflection: Reflection) -> dict[str, str]:
    """The model's own keys and their words (none for Gibbs: its keys are the six)."""
    if reflection.model == "gibbs":
        return {}
    layout = REFLECTION_MODELS.get(reflection.model, ())
    return {key: reflection.stage(column) for key, column in layout}


def columns_from_keys(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry of the file with its model's keys moved into the six columns they are kept in
    (the model's keys win; the six keys of a file written by a reader of version 1 still
    count). Raises ModelKeysError when the two disagree, or a column the model does not use
    holds words."""
    model = entry.get("model", "gibbs")
    if model == "gibbs" or model not in REFLECTION_MODELS:
        return entry  # Gibbs as ever; an unknown model is refused by the caller
    layout = REFLECTION_MODELS[model]
    out = {k: v for k, v in entry.items() if k not in {key for key, _c in layout}}
    for key, column in layout:
        if key not in entry:
            continue
        mine, theirs = entry[key], entry.get(column)
        if theirs not in (None, "") and theirs != mine:
            raise ModelKeysError(
                f"“{key}” and “{column}” hold different words (a {model} reflection keeps "
                f"“{key}” as “{column}”)."
            )
        out[column] = mine
    used = {column for _key, column in layout}
    for column in GIBBS_STAGES:
        if column not in used and out.get(column) not in (None, ""):
            raise ModelKeysError(f"a {model} reflection has no “{column}”, but it holds words.")
    return out
