"""Assessments: question selection, AI generation, scoring, and the session service."""

from __future__ import annotations

from careerdesk.core.assessments.events import AssessmentAbandoned
from careerdesk.core.assessments.models import (
    AssessmentReview,
    AssessmentSummary,
    PreparedQuiz,
    QuestionView,
    QuizQuestion,
    QuizSetup,
    ReviewItem,
    SessionView,
    SkillScoreView,
    UnfinishedAssessmentError,
)
from careerdesk.core.assessments.rules import DIFFICULTY_WEIGHTS, ScoredQuestion, score
from careerdesk.core.assessments.service import AssessmentService

__all__ = [
    "DIFFICULTY_WEIGHTS",
    "AssessmentAbandoned",
    "AssessmentReview",
    "AssessmentService",
    "AssessmentSummary",
    "PreparedQuiz",
    "QuestionView",
    "QuizQuestion",
    "QuizSetup",
    "ReviewItem",
    "ScoredQuestion",
    "SessionView",
    "SkillScoreView",
    "UnfinishedAssessmentError",
    "score",
]
