"""One drill's outcome: the line it prints and the row of the summary table."""

from dataclasses import dataclass, field


@dataclass
class DrillResult:
    name: str
    sent: int = 0
    failed: int = 0
    answered_503: int = 0
    recovery_seconds: float = 0.0
    problems: list = field(default_factory=list)  # why it failed; empty means PASS
    notes: list = field(default_factory=list)

    @property
    def passed(self):
        return not self.problems

    def line(self):
        verdict = "PASS" if self.passed else "FAIL"
        text = (f"{verdict} {self.name}: {self.sent} requests, {self.failed} failed, {self.answered_503} × 503, "
                f"recovered in {self.recovery_seconds:.1f} s")  # fmt: skip
        details = self.problems + self.notes
        return text + (" — " + "; ".join(details) if details else "")


def recovery_after(load, restored_at):
    """Seconds from the restore to the last answer after it that was not a success (0 if none)."""
    late = [a.at for a in load.failed() if a.at >= restored_at]
    return max(late) - restored_at if late else 0.0


def count(result, load, allowed=()):
    """Fill in the load's numbers: sent, failed (anything but 2xx/3xx, except `allowed`) and 503s."""
    result.sent = len(load.answers)
    result.failed = len(load.failed(allowed))
    result.answered_503 = sum(1 for a in load.answers if a.status == 503)
    return result
