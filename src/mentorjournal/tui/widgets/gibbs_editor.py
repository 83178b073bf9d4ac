"""The reflection editor: a model's stages (Gibbs' six, Driscoll's three …), one at a time, each
with its guiding questions beside it.

A widget with no knowledge of the journal: the screen gives it texts (``load``), reads them back
(``texts``), moves it between stages (``go_to``), changes its model (``set_model``), and hears
``GibbsEditor.Edited`` when the person types. There is a text area for each of a reflection's six
columns; a model shows those its stages are kept in, under its own names. At 100 columns or more
the questions sit beside the text; narrower, above it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static, TextArea

from mentorjournal.domain import GIBBS_STAGES
from mentorjournal.mentoring.models import ModelStage, ReflectionModel, reflection_model
from mentorjournal.mentoring.prompts import gibbs_stage
from mentorjournal.tui.widgets.steady import focus_now

WIDE_COLUMNS = 100
PLACEHOLDER = "Write here; it is saved as you type."  # the stage's hint is in its guide
FILLED, EMPTY, CURRENT = "●", "○", "▸"


def empty_stages_sentence(keys: list[str]) -> str:
    """The gentle nudge naming empty stages, e.g. "Feelings and Analysis are empty — …"."""
    titles = [gibbs_stage(key).title for key in keys]
    if len(titles) == 1:
        return f"{titles[0]} is empty — you can come back to it any time."
    names = ", ".join(titles[:-1]) + f" and {titles[-1]}"
    return f"{names} are empty — you can come back to them any time."


class StageTab(Static):
    """One stage in the indicator: a filled or empty mark and the stage's title."""

    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, stage: ModelStage) -> None:
        super().__init__(id=f"gibbs-tab-{stage.key}")
        self.index = index
        self.stage = stage

    def show(self, filled: bool, current: bool) -> None:
        # The current stage is marked in text too (▸), not by colour alone (NO_COLOR).
        mark = CURRENT if current else " "
        self.update(f"{mark}{FILLED if filled else EMPTY} {self.stage.title}")
        self.set_class(filled, "-filled")
        self.set_class(current, "-current")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Picked(self.index))


def guide_text(stage: ModelStage, index: int, keys_hint: str = "", width: int = 0) -> Text:
    """The stage's title and hint, its questions as bullets, then the keys hint.

    With a ``width``, a question that takes more than one line continues under its first word,
    not under its bullet (the lines are broken here, as text cannot hang an indent itself).
    """
    text = Text()
    text.append(f"{index + 1}. {stage.title}", style="bold")
    text.append(f" — {stage.hint}\n", style="italic")
    for question in stage.questions:
        lines = textwrap.wrap(question, width - 2) if width > 12 else [question]
        text.append("• " + "\n  ".join(lines) + "\n")
    if keys_hint:
        text.append(keys_hint, style="dim")
    return text


class StageGuide(Static):
    """The current stage's guide; its questions are wrapped again when its width changes."""

    def __init__(self, stage: ModelStage, keys_hint: str, *, id: str | None = None) -> None:
        super().__init__(guide_text(stage, 0, keys_hint), id=id)
        self.stage, self.index, self.keys_hint = stage, 0, keys_hint

    def show(self, stage: ModelStage, index: int) -> None:
        self.stage, self.index = stage, index
        self.update(guide_text(stage, index, self.keys_hint, self.content_region.width))

    def on_resize(self) -> None:
        self.show(self.stage, self.index)


class GibbsEditor(Widget):
    """A TextArea per column, a model's stage indicator, and the current stage's questions."""

    DEFAULT_CSS = """
    GibbsEditor {
        height: 1fr;
    }
    GibbsEditor #gibbs-tabs {
        height: auto;
        padding: 0 1;
    }
    GibbsEditor StageTab {
        width: auto;
        margin-right: 0;
        color: $text-muted;
    }
    GibbsEditor StageTab.-filled {
        color: $text;
    }
    GibbsEditor StageTab.-current {
        background: $accent;
        color: $text;
        text-style: bold underline;
    }
    GibbsEditor #gibbs-body {
        layout: vertical;
        height: 1fr;
    }
    GibbsEditor.-wide #gibbs-body {
        layout: horizontal;
    }
    GibbsEditor #gibbs-guide {
        height: auto;
        max-height: 8;
        padding: 0 1;
        color: $text-muted;
    }
    GibbsEditor.-wide #gibbs-guide {
        width: 42;
        height: 1fr;
        max-height: 100%;
    }
    GibbsEditor #gibbs-pages {
        height: 1fr;
    }
    """

    stage: reactive[int] = reactive(0, init=False)

    class Edited(Message):
        """The person changed the text of a stage."""

        def __init__(self, editor: GibbsEditor, key: str) -> None:
            super().__init__()
            self.editor = editor
            self.key = key

    def __init__(
        self,
        texts: Mapping[str, str] | None = None,
        *,
        keys_hint: str = "",
        id: str | None = None,
        model: ReflectionModel | None = None,
    ) -> None:
        super().__init__(id=id)
        self.model = model or reflection_model("gibbs")
        self.stages = self.model.stages
        self.keys_hint = keys_hint  # the screen's keys for moving between stages
        self._initial = dict(texts or {})

    def compose(self) -> ComposeResult:
        # Wide or not as the screen is, from the start (set at the first resize instead, it
        # styled every part of the editor again right after it had been styled).
        self.set_class(self.app.size.width >= WIDE_COLUMNS, "-wide")
        with Horizontal(id="gibbs-tabs"):
            for index, stage in enumerate(self.stages):
                yield StageTab(index, stage)
        with Vertical(id="gibbs-body"):
            with VerticalScroll(id="gibbs-guide", can_focus=False):
                yield StageGuide(self.stages[0], self.keys_hint, id="gibbs-questions")
            with ContentSwitcher(id="gibbs-pages", initial=self.page_id(0)):
                for column in GIBBS_STAGES:
                    yield TextArea(
                        self._initial.get(column, ""),
                        id=self.page_id_for(column),
                        soft_wrap=True,
                        tab_behavior="focus",
                        placeholder=PLACEHOLDER,
                    )

    def on_mount(self) -> None:
        self._show_stage()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE_COLUMNS, "-wide")

    # --- what the screen calls -------------------------------------------------------------

    @staticmethod
    def page_id_for(column: str) -> str:
        return f"gibbs-{column}"

    def page_id(self, index: int) -> str:
        return self.page_id_for(self.stages[index].column)

    def area(self, column: str) -> TextArea:
        """The text area of one of a reflection's six columns."""
        return self.query_one(f"#{self.page_id_for(column)}", TextArea)

    @property
    def current_area(self) -> TextArea:
        return self.area(self.stages[self.stage].column)

    def texts(self) -> dict[str, str]:
        """The text of every column (those of the model's stages, and any other), keyed like
        the fields of a Reflection."""
        return {column: self.area(column).text for column in GIBBS_STAGES}

    def load(self, texts: Mapping[str, str]) -> None:
        """Replace the text of every column (history cleared), e.g. after loading an entry."""
        for column in GIBBS_STAGES:
            self.area(column).load_text(texts.get(column, ""))
        self._show_marks()

    async def set_model(self, model: ReflectionModel, keys_hint: str | None = None) -> None:
        """Show ``model``'s stages (the texts stay where they are kept), at its first stage;
        ``keys_hint``: the screen's keys for moving between them."""
        shown = [tab.stage for tab in self.query(StageTab)]
        self.model, self.stages = model, model.stages
        if keys_hint is not None:
            self.keys_hint = self.query_one(StageGuide).keys_hint = keys_hint
        if shown != list(self.stages):  # (the same stages shown already: kept as they are)
            tabs = self.query_one("#gibbs-tabs", Horizontal)
            await tabs.remove_children()
            await tabs.mount_all(StageTab(i, stage) for i, stage in enumerate(self.stages))
        if self.stage == 0:
            self._show_stage()
        self.stage = 0

    def go_to(self, index: int) -> None:
        self.stage = max(0, min(index, len(self.stages) - 1))
        focus_now(self.current_area)

    def next_stage(self) -> None:
        self.go_to(self.stage + 1)

    def previous_stage(self) -> None:
        self.go_to(self.stage - 1)

    # --- inside --------------------------------------------------------------------------

    def watch_stage(self) -> None:
        self._show_stage()

    def _show_stage(self) -> None:
        index = self.stage
        self.query_one("#gibbs-pages", ContentSwitcher).current = self.page_id(index)
        self.query_one(StageGuide).show(self.stages[index], index)
        self.query_one("#gibbs-guide", VerticalScroll).scroll_home(animate=False)
        self._show_marks()

    def _show_marks(self) -> None:
        for tab in self.query(StageTab):
            filled = bool(self.area(tab.stage.column).text.strip())
            tab.show(filled, tab.index == self.stage)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._show_marks()
        key = (event.text_area.id or "").removeprefix("gibbs-")
        self.post_message(self.Edited(self, key))

    @on(StageTab.Picked)
    def _picked(self, event: StageTab.Picked) -> None:
        event.stop()
        self.go_to(event.index)
