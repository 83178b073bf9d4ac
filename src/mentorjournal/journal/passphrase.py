"""How strong a new passphrase is, and the reason when it is too weak (zxcvbn)."""

from __future__ import annotations

from dataclasses import dataclass

from mentorjournal.errors import WeakPassphrase

MIN_SCORE = 3  # zxcvbn's scale: 0 (guessed at once) … 4 (very hard to guess)
MIN_LENGTH = 10
LABELS = ("very weak", "weak", "fair", "strong", "very strong")


@dataclass(frozen=True)
class Strength:
    score: int
    label: str
    advice: str  # one sentence, empty when there is nothing to add
    crack_time: str

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE


def strength(passphrase: str) -> Strength:
    if not passphrase:
        return Strength(0, LABELS[0], "Type a passphrase.", "instantly")
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:100])
    score = int(result["score"])
    if len(passphrase) < MIN_LENGTH:
        score = min(score, MIN_SCORE - 1)
    feedback = result.get("feedback") or {}
    advice = str(feedback.get("warning") or "").strip()
    suggestions = [str(s) for s in feedback.get("suggestions") or []]
    if not advice and suggestions:
        advice = suggestions[0]
    if len(passphrase) < MIN_LENGTH:
        advice = f"Use at least {MIN_LENGTH} characters — a few unrelated words work well."
    elif score < MIN_SCORE and not advice:
        advice = "Add another word or two that others would not guess."
    if advice and not advice.endswith("."):
        advice += "."
    crack = str(result["crack_times_display"]["offline_slow_hashing_1e4_per_second"])
    return Strength(score, LABELS[score], advice, crack)


def require_strong(passphrase: str) -> None:
    """Raise WeakPassphrase with the reason when a new passphrase is too easy to guess."""
    s = strength(passphrase)
    if not s.acceptable:
        raise WeakPassphrase(f"That passphrase is {s.label}: {s.advice}")
