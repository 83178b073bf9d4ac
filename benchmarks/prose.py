"""English-like prose for the benchmark journals: a word list, sentences and paragraphs put
together from it with a seeded random generator, and rare words planted in a known number of
entries so that a search has a known answer.
"""

from __future__ import annotations

import random

# Rare words planted in a known number of entries: {kind: {word: entries}}. None of them can
# come out of the word list below (they are checked against it at import).
PLANTED: dict[str, dict[str, int]] = {
    "heavy": {"zanzibarite": 40, "fjordwhistle": 25},
    "realistic": {"zanzibarite": 7, "fjordwhistle": 4},
}

# --- the word list -----------------------------------------------------------------------------


def _words(block: str) -> list[str]:
    return block.split()


NOUNS = _words(
    """
meeting project deadline budget report team manager colleague mentor mentee customer client
proposal review plan strategy goal target feedback question answer decision problem solution
idea approach process workshop presentation slide spreadsheet roadmap release sprint backlog
ticket incident outage server database pipeline dashboard metric survey interview candidate
hiring onboarding contract supplier partner stakeholder sponsor director board committee
agenda minute note summary draft document policy guideline standard template checklist
training course skill habit routine calendar schedule week month quarter year morning
afternoon evening lunch coffee conversation discussion argument compromise agreement promise
risk issue concern worry doubt fear hope confidence trust respect patience curiosity energy
attention focus priority balance boundary workload pressure stress rest holiday weekend
career promotion role title salary appraisal objective milestone outcome result impact value
culture change transition reorganisation merger department office building floor desk room
laptop phone email message chat thread channel call video camera microphone network
research experiment prototype design sketch diagram model pattern framework library tool
language system platform service product feature interface screen button form field
story example anecdote lesson insight principle assumption perspective viewpoint opinion
evidence data figure chart table trend signal noise mistake error success failure attempt
progress setback obstacle barrier opportunity chance choice option alternative direction
community network circle group cohort generation audience listener speaker writer reader
article book chapter paragraph sentence word phrase quote reference source notebook journal
garden kitchen train station bicycle walk journey map route bridge river window door
"""
)

ADJECTIVES = _words(
    """
good bad new old small large long short quick slow early late clear vague simple complex
careful careless honest open closed quiet loud calm busy tired fresh bright dull warm cold
useful useless helpful awkward difficult easy hard soft gentle firm fair unfair kind curt
patient impatient generous thoughtful thoughtless practical theoretical formal informal
senior junior experienced inexperienced technical social political personal professional
surprising predictable familiar unfamiliar obvious subtle honest candid tentative confident
anxious relaxed nervous hopeful doubtful sceptical optimistic pessimistic realistic vivid
important trivial urgent pressing minor major central marginal recent distant previous
next final first second third whole partial rough polished careful detailed brief thorough
shared private public hidden visible quiet noisy crowded empty friendly distant supportive
"""
)

VERBS = [
    ("ask", "asked"),
    ("answer", "answered"),
    ("explain", "explained"),
    ("describe", "described"),
    ("suggest", "suggested"),
    ("agree", "agreed"),
    ("disagree", "disagreed"),
    ("listen to", "listened to"),
    ("talk about", "talked about"),
    ("write", "wrote"),
    ("read", "read"),
    ("review", "reviewed"),
    ("plan", "planned"),
    ("prepare", "prepared"),
    ("present", "presented"),
    ("share", "shared"),
    ("discuss", "discussed"),
    ("question", "questioned"),
    ("challenge", "challenged"),
    ("support", "supported"),
    ("avoid", "avoided"),
    ("postpone", "postponed"),
    ("finish", "finished"),
    ("start", "started"),
    ("change", "changed"),
    ("improve", "improved"),
    ("simplify", "simplified"),
    ("notice", "noticed"),
    ("remember", "remembered"),
    ("forget", "forgot"),
    ("underestimate", "underestimated"),
    ("overestimate", "overestimated"),
    ("rewrite", "rewrote"),
    ("rethink", "rethought"),
    ("test", "tested"),
    ("try", "tried"),
    ("build", "built"),
    ("design", "designed"),
    ("measure", "measured"),
    ("compare", "compared"),
    ("choose", "chose"),
    ("drop", "dropped"),
    ("keep", "kept"),
    ("offer", "offered"),
    ("accept", "accepted"),
    ("decline", "declined"),
    ("delegate", "delegated"),
    ("organise", "organised"),
    ("summarise", "summarised"),
    ("clarify", "clarified"),
    ("interrupt", "interrupted"),
    ("encourage", "encouraged"),
    ("praise", "praised"),
    ("criticise", "criticised"),
    ("hear", "heard"),
    ("see", "saw"),
    ("find", "found"),
    ("lose", "lost"),
    ("bring", "brought"),
    ("send", "sent"),
    ("follow up on", "followed up on"),
    ("look into", "looked into"),
    ("write down", "wrote down"),
    ("think about", "thought about"),
]

ADVERBS = _words(
    """
quickly slowly carefully carelessly clearly quietly openly honestly gently firmly briefly
thoroughly calmly nervously patiently eagerly reluctantly deliberately casually directly
politely bluntly warmly coolly confidently tentatively suddenly gradually finally again
"""
)

FEELINGS = _words(
    """
anxious relieved proud embarrassed frustrated grateful curious uneasy hopeful tired
energised overwhelmed calm confident unsure irritated excited disappointed encouraged
surprised defensive reassured impatient content restless
"""
)

SUBJECTS = (
    "I",
    "we",
    "my mentor",
    "my mentee",
    "the team",
    "she",
    "he",
    "they",
    "the manager",
    "our group",
    "my partner",
    "the director",
    "a colleague",
    "the client",
)
PREPOSITIONS = _words(
    """
about for with without before after during around through against beside behind under over
"""
)
DETERMINERS = ("the", "a", "our", "my", "their", "this", "that", "every", "one")
OPENERS = (
    "At first",
    "Later",
    "In the end",
    "Looking back",
    "Honestly",
    "To be fair",
    "On reflection",
    "By the afternoon",
    "Before the meeting",
    "Afterwards",
    "Meanwhile",
    "Once again",
    "For once",
    "Surprisingly",
)

for _word in (w for words in PLANTED.values() for w in words):
    _pool = [*NOUNS, *ADJECTIVES, *ADVERBS, *FEELINGS, *(v for pair in VERBS for v in pair)]
    assert not any(_word in w or w in _word for w in _pool), _word


class Prose:
    """English-like sentences and paragraphs from the word list, reproducible from a seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _np(self) -> str:
        r = self.rng
        det = r.choice(DETERMINERS)
        noun = r.choice(NOUNS)
        words = f"{r.choice(ADJECTIVES)} {noun}" if r.random() < 0.55 else noun
        if det == "a" and words[0] in "aeiou":
            det = "an"
        return f"{det} {words}"

    def sentence(self) -> str:
        r = self.rng
        pick = r.randrange(9)
        subj = r.choice(SUBJECTS)
        verb, past = r.choice(VERBS)
        if pick == 0:
            s = f"{subj} {past} {self._np()} {r.choice(PREPOSITIONS)} {self._np()}"
        elif pick == 1:
            s = f"when {subj} {past} {self._np()}, {r.choice(SUBJECTS)} {r.choice(VERBS)[1]} "
            s += f"{self._np()} {r.choice(ADVERBS)}"
        elif pick == 2:
            s = f"I felt {r.choice(FEELINGS)} because {self._np()} was {r.choice(ADJECTIVES)}"
        elif pick == 3:
            s = f"{r.choice(OPENERS)}, {subj} {past} {self._np()} {r.choice(ADVERBS)}"
        elif pick == 4:
            s = f"next time I will {verb} {self._np()} and {r.choice(VERBS)[0]} {self._np()}"
        elif pick == 5:
            s = f"it seemed {r.choice(ADJECTIVES)} that {subj} {past} {self._np()}"
        elif pick == 6:
            s = f"{self._np()} of {self._np()} {past} {self._np()} {r.choice(PREPOSITIONS)} "
            s += f"{self._np()}"
        elif pick == 7:
            s = f"why did {subj} {verb} {self._np()} so {r.choice(ADVERBS)}"
            return s[0].upper() + s[1:] + "?"
        else:
            s = f"{subj} {past} {self._np()}, but {r.choice(SUBJECTS)} {r.choice(VERBS)[1]} "
            s += f"{self._np()} {r.choice(PREPOSITIONS)} {self._np()}"
        return s[0].upper() + s[1:] + "."

    def text(self, low: int, high: int, *, paragraphs: bool = True) -> str:
        """About ``low``–``high`` characters of sentences (in paragraphs when long)."""
        target = self.rng.randint(low, high)
        out: list[str] = []
        para: list[str] = []
        size = 0
        while size < target:
            s = self.sentence()
            para.append(s)
            size += len(s) + 1
            if paragraphs and len(para) >= self.rng.randint(3, 6):
                out.append(" ".join(para))
                para = []
        if para:
            out.append(" ".join(para))
        return "\n\n".join(out)

    def title(self) -> str:
        r = self.rng
        verb = r.choice(VERBS)[0]
        return f"{verb.capitalize()} {r.choice(DETERMINERS)} {r.choice(NOUNS)}"


def plant(rng: random.Random, text: str, word: str) -> str:
    """``text`` with ``word`` put in, as a word, after a random sentence."""
    cuts = [i + 1 for i, ch in enumerate(text) if ch == "." and i + 1 < len(text)]
    at = rng.choice(cuts) if cuts else len(text)
    return f"{text[:at]} The {word} came up again.{text[at:]}"


def planted_choice(rng: random.Random, kind: str, population: int) -> dict[int, list[str]]:
    """Which entries (by index) get which planted words."""
    chosen: dict[int, list[str]] = {}
    for word, count in PLANTED[kind].items():
        for index in rng.sample(range(population), count):
            chosen.setdefault(index, []).append(word)
    return chosen
