"""Plain data the assessment service hands out (never ORM objects)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.reference.catalog import Question

SessionState = Literal["started", "in_progress", "submitted", "abandoned"]
SESSION_STATES: tuple[SessionState, ...] = get_args(SessionState)
QuizSource = Literal["bank", "ai", "mixed"]  # where a quiz's questions came from
UNFINISHED: tuple[str, ...] = ("started", "in_progress")

MIN_LENGTH = 3
MAX_LENGTH = 40
MAX_TIME_LIMIT_MIN = 180


class QuizQuestion(BaseModel):
    """A question as put into a session: from the bank or written by the AI."""

    model_config = ConfigDict(frozen=True)

    id: str
    skill_id: str
    difficulty: str
    prompt: str
    options: tuple[str, str, str, str]
    answer: int
    explanation: str
    source: Literal["bank", "ai"] = "bank"

    @classmethod
    def from_bank(cls, q: Question) -> QuizQuestion:
        return cls(
            id=q.id,
            skill_id=q.skill,
            difficulty=q.difficulty,
            prompt=q.prompt,
            options=q.options,
            answer=q.answer,
            explanation=q.explanation,
        )


class QuizSetup(BaseModel):
    """What the learner chose on the setup screen."""

    skills: list[str] = Field(min_length=1)
    length: int = Field(default=10, ge=MIN_LENGTH, le=MAX_LENGTH)
    time_limit_min: int | None = Field(default=None, ge=1, le=MAX_TIME_LIMIT_MIN)
    use_ai: bool = False
    # Each next question chosen from the answers so far, and an early stop once every
    # skill's estimate is confident enough; ``length`` is then the most it asks
    # (docs/skills.md). The quiz screen sets it; AI-written quizzes are written as a whole
    # and stay fixed. Off by default so callers that answer a whole quiz at once (the demo,
    # the self-test) keep getting every question up front.
    adaptive: bool = False


class AdaptiveState(BaseModel):
    """An adaptive session's state, stored with it so a resumed quiz carries on the same."""

    priors: dict[str, tuple[float, float]]  # skill -> the model's (mean, variance) at start
    pool: list[str]  # candidate question ids, in the shuffled order ties are broken by
    seen: list[str] = []  # pool ids from the learner's last sessions: asked only when needed
    max_questions: int
    finished: bool = False  # no next question: stopped early, out of questions or at length
    stop_note: str = ""  # why it ended early, in the learner's words


class PreparedQuiz(BaseModel):
    """Questions chosen (and maybe AI-written) but not yet stored as a session."""

    profile_id: int
    setup: QuizSetup
    role_id: str | None
    questions: list[QuizQuestion]
    source: QuizSource
    notice: str = ""
    adaptive: AdaptiveState | None = None  # set for an adaptive quiz: ``questions`` is the first


class QuestionView(BaseModel):
    """One question of a running session, without its answer."""

    position: int
    question_id: str
    skill_id: str
    skill_name: str
    difficulty: str
    source: str
    prompt: str
    options: list[str]
    chosen: int | None
    flagged: bool


class SessionView(BaseModel):
    """A session as the quiz screen needs it."""

    id: int
    profile_id: int
    state: SessionState
    role_id: str | None
    skills: list[str]
    length: int
    time_limit_s: int | None
    elapsed_s: float
    source: str
    notice: str
    current_index: int
    started_at: datetime
    questions: list[QuestionView]  # an adaptive quiz: the questions asked so far
    adaptive: bool = False  # ``length`` is then the most it asks
    finished: bool = False  # adaptive: no next question will come (submit from here)
    stop_note: str = ""  # adaptive: why it stopped early

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.chosen is not None)

    @property
    def flagged(self) -> int:
        return sum(1 for q in self.questions if q.flagged)

    @property
    def remaining_s(self) -> float | None:
        if self.time_limit_s is None:
            return None
        return max(0.0, self.time_limit_s - self.elapsed_s)


class SkillScoreView(BaseModel):
    skill_id: str
    skill_name: str
    score: float
    correct: int
    total: int


class ReviewItem(BaseModel):
    """One question on the review screen: the learner's answer, the right one, why."""

    position: int
    skill_id: str
    skill_name: str
    difficulty: str
    source: str
    prompt: str
    options: list[str]
    correct_index: int
    chosen: int | None
    flagged: bool
    explanation: str

    @property
    def is_correct(self) -> bool:
        return self.chosen is not None and self.chosen == self.correct_index


class AssessmentSummary(BaseModel):
    """One line of the assessment history."""

    id: int
    state: SessionState
    started_at: datetime
    ended_at: datetime | None
    skills: list[str]
    length: int
    answered: int
    source: str
    overall_score: float | None
    skill_scores: list[SkillScoreView]


class AssessmentReview(BaseModel):
    """A finished (or abandoned) session with every question explained."""

    summary: AssessmentSummary
    notice: str
    items: list[ReviewItem]


class UnfinishedAssessmentError(UserError):
    """A new assessment was started while another one is unfinished."""

    def __init__(self, session_id: int) -> None:
        super().__init__(
            "You have an unfinished assessment. Resume it, or discard it before starting a new one."
        )
        self.session_id = session_id
