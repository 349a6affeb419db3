"""How each feature service is built: its explicit dependencies, in one place.

:meth:`careerdesk.app.App.service` looks a class up here and builds its single instance on
first use. Each factory imports its feature lazily, so ``import careerdesk.app`` stays cheap
and a command that needs one feature does not import the others. Services that react to
events are built by :func:`start_services` when the app starts, so whether they react never
depends on which screen asked first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careerdesk.app import App
    from careerdesk.core.advising.service import MonitoringService
    from careerdesk.core.assessments.service import AssessmentService
    from careerdesk.core.calendar.service import CalendarSyncService
    from careerdesk.core.calendar.sync import CalendarSync
    from careerdesk.core.charts.queries import ChartsDataService
    from careerdesk.core.companies.service import CompanyService
    from careerdesk.core.insights.career_service import CareerRecommendationService
    from careerdesk.core.insights.interests import InterestService
    from careerdesk.core.insights.service import InsightsService
    from careerdesk.core.insights.target_companies import TargetCompanyService
    from careerdesk.core.interviews.service import InterviewPracticeService
    from careerdesk.core.kiosk.service import KioskService
    from careerdesk.core.learning.service import LearningService
    from careerdesk.core.packs.service import PackService
    from careerdesk.core.pipeline.intel.analytics_service import AnalyticsService
    from careerdesk.core.pipeline.intel.fit_service import FitService
    from careerdesk.core.pipeline.intel.followup_service import FollowUpService
    from careerdesk.core.pipeline.intel.job_recommendation_service import (
        JobRecommendationService,
    )
    from careerdesk.core.pipeline.intel.preferences import PreferencesService
    from careerdesk.core.pipeline.io.service import PipelineTransfer
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.core.player.library import ContentLibraryService
    from careerdesk.core.player.service import VideoProgressService
    from careerdesk.core.postings.service import PostingService
    from careerdesk.core.profiles.workflow import WorkflowService
    from careerdesk.core.resumes.service import ResumeService
    from careerdesk.core.scheduling.service import ScheduleService
    from careerdesk.core.skills.gaps import GapAnalysisService
    from careerdesk.core.skills.service import SkillProfileService
    from careerdesk.integrations.ics import IcsExporter
    from careerdesk.integrations.media_qt import QtMediaProber

Factory = Callable[["App"], object]


# -- skills, assessments, learning, player, interviews ---------------------------------------
def skills(app: App) -> SkillProfileService:
    from careerdesk.core.skills.service import SkillProfileService

    return SkillProfileService(app.db, app.bus, app.profiles, app.clock)


def gaps(app: App) -> GapAnalysisService:
    from careerdesk.core.skills.gaps import GapAnalysisService
    from careerdesk.core.skills.service import SkillProfileService

    return GapAnalysisService(app.service(SkillProfileService), ai=lambda: app.ai)


def assessments(app: App) -> AssessmentService:
    from careerdesk.core.assessments.service import AssessmentService

    # The AI provider is looked up on each use: the key or settings may change meanwhile.
    return AssessmentService(app.db, app.bus, clock=app.clock, ai=lambda: app.ai)


def learning(app: App) -> LearningService:
    from careerdesk.core.learning.service import LearningService

    return LearningService(app.db, app.bus, clock=app.clock)


def workflow(app: App) -> WorkflowService:
    from careerdesk.core.profiles.workflow import WorkflowService

    return WorkflowService(app.db)


def video_progress(app: App) -> VideoProgressService:
    from careerdesk.core.player.service import VideoProgressService

    return VideoProgressService(app.db, app.bus, app.clock)


def content_library(app: App) -> ContentLibraryService:
    from careerdesk.core.player.library import ContentLibraryService
    from careerdesk.core.player.service import VideoProgressService

    return ContentLibraryService(
        app.db, app.bus, app.service(VideoProgressService), app.clock, prober=media_prober(app)
    )


def interviews(app: App) -> InterviewPracticeService:
    from careerdesk.core.interviews.service import InterviewPracticeService

    # app.ai is resolved on use: building it reads the keyring (slow, never at start-up).
    return InterviewPracticeService(app.db, app.bus, app.clock, ai=lambda: app.ai)


# -- insights and charts ---------------------------------------------------------------------
def insights(app: App) -> InsightsService:
    from careerdesk.core.insights.providers import ServiceLearningProvider, ServiceSkillsProvider
    from careerdesk.core.insights.service import InsightsService
    from careerdesk.core.learning.service import LearningService
    from careerdesk.core.pipeline.insights_provider import ApplicationsPipelineProvider
    from careerdesk.core.skills.service import SkillProfileService

    return InsightsService(
        app.db,
        app.bus,
        app.clock,
        skills=ServiceSkillsProvider(app.service(SkillProfileService), app.bus),
        learning=ServiceLearningProvider(app.service(LearningService), app.db, app.bus),
        pipeline=ApplicationsPipelineProvider(app.db),
    )


def career_recommendations(app: App) -> CareerRecommendationService:
    from careerdesk.core.insights.career_service import CareerRecommendationService
    from careerdesk.core.insights.providers import ServiceSkillsProvider
    from careerdesk.core.skills.service import SkillProfileService

    return CareerRecommendationService(
        app.db,
        app.bus,
        app.clock,
        lambda: app.ai,
        ServiceSkillsProvider(app.service(SkillProfileService), app.bus),
    )


def interests(app: App) -> InterestService:
    from careerdesk.core.insights.interests import InterestService

    return InterestService(app.db, app.bus, app.clock)


def target_companies(app: App) -> TargetCompanyService:
    from careerdesk.core.insights.target_companies import TargetCompanyService

    return TargetCompanyService(app.db, app.bus)


def charts(app: App) -> ChartsDataService:
    from careerdesk.core.charts.queries import (
        ChartsDataService,
        InsightsReadinessHistory,
        LearningAssessmentHistory,
    )
    from careerdesk.core.insights.service import InsightsService
    from careerdesk.core.interviews.service import InterviewPracticeService
    from careerdesk.core.pipeline.interview_scores import PipelineInterviewScores
    from careerdesk.core.skills.service import SkillProfileService

    return ChartsDataService(
        app.profiles.get,
        app.service(InterviewPracticeService),
        LearningAssessmentHistory(app.service(SkillProfileService)),
        InsightsReadinessHistory(app.service(InsightsService)),
        real=PipelineInterviewScores(app.db),
    )


# -- pipeline, postings, companies -----------------------------------------------------------
def applications(app: App) -> ApplicationService:
    from careerdesk.core.pipeline.service import ApplicationService

    return ApplicationService(app.db, app.bus, app.clock)


def pipeline_transfer(app: App) -> PipelineTransfer:
    from careerdesk.core.pipeline.io.service import PipelineTransfer
    from careerdesk.core.pipeline.service import ApplicationService

    return PipelineTransfer(
        app.service(ApplicationService),
        app.db,
        app.bus,
        app.clock,
        profile_name=lambda pid: app.profiles.get(pid).name,
    )


def fit(app: App) -> FitService:
    from careerdesk.core.pipeline.intel.fit_service import FitService

    return FitService(app.db, app.bus, app.clock)


def work_preferences(app: App) -> PreferencesService:
    from careerdesk.core.pipeline.intel.preferences import PreferencesService

    return PreferencesService(app.db, app.bus, app.clock)


def follow_ups(app: App) -> FollowUpService:
    from careerdesk.core.pipeline.intel.followup_service import FollowUpService

    return FollowUpService(app.db, app.bus, app.clock)


def analytics(app: App) -> AnalyticsService:
    from careerdesk.core.pipeline.intel.analytics_service import AnalyticsService
    from careerdesk.core.pipeline.intel.fit_service import FitService

    return AnalyticsService(app.db, app.bus, app.clock, fit=app.service(FitService))


def job_recommendations(app: App) -> JobRecommendationService:
    from careerdesk.core.pipeline.intel.fit_service import FitService
    from careerdesk.core.pipeline.intel.job_recommendation_service import (
        JobRecommendationService,
    )

    return JobRecommendationService(app.db, app.bus, app.clock, fit=app.service(FitService))


def companies(app: App) -> CompanyService:
    from careerdesk.core.companies.service import CompanyService
    from careerdesk.integrations.github import GitHubClient

    # One GitHub client per service (built on first research), so its rate-limit memory
    # spans every company card.
    return CompanyService(
        app.db, app.bus, app.clock, ai=lambda: app.ai, code_host=GitHubClient.from_env
    )


def postings(app: App) -> PostingService:
    from careerdesk.core.companies.service import CompanyService
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.core.postings.service import PostingService

    return PostingService(
        app.db,
        app.service(ApplicationService),
        app.service(CompanyService),
        app.clock,
        ai=lambda: app.ai,
    )


def resumes(app: App) -> ResumeService:
    from careerdesk.core.companies.service import CompanyService
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.core.postings.service import PostingService
    from careerdesk.core.resumes.evidence import SkillProfileEvidence
    from careerdesk.core.resumes.service import ResumeService
    from careerdesk.core.skills.service import SkillProfileService

    # The one place the résumé feature learns the learner's skills (docs/resumes.md).
    evidence = SkillProfileEvidence(app.service(SkillProfileService))
    return ResumeService(
        app.db,
        app.bus,
        app.paths.data_dir,
        app.service(ApplicationService),
        app.service(PostingService),
        app.service(CompanyService),
        app.profiles,
        evidence,
        app.clock,
        ai=lambda: app.ai,
    )


# -- calendar, advising, kiosk ---------------------------------------------------------------
def calendar_service(app: App) -> CalendarSyncService:
    from careerdesk.core.calendar.service import CalendarSyncService
    from careerdesk.core.calendar.sources import register_all

    service = CalendarSyncService(
        app.db,
        app.bus,
        app.clock,
        calendar_id=lambda: app.settings.calendar.calendar_id or "primary",
    )
    register_all(service, app)
    return service


def ics(app: App) -> IcsExporter:
    from careerdesk.core.calendar.service import CalendarSyncService
    from careerdesk.integrations.ics import IcsExporter

    return IcsExporter(
        app.service(CalendarSyncService),
        folder=app.paths.data_dir,
        profile_name=lambda pid: app.profiles.get(pid).name,
        clock=app.clock,
    )


def calendar_sync(app: App) -> CalendarSync:
    from careerdesk.core.calendar.service import CalendarSyncService
    from careerdesk.core.calendar.sync import CalendarSync
    from careerdesk.integrations.google.account import GoogleCalendarAccount
    from careerdesk.integrations.ics import IcsExporter

    return CalendarSync(
        app.service(CalendarSyncService),
        GoogleCalendarAccount(lambda: app.secrets),
        app.service(IcsExporter),
        bus=app.bus,
        settings=app.settings,
        save_settings=app.save_settings,
        profile_ids=lambda: [p.id for p in app.profiles.list()],
    )


def monitoring(app: App) -> MonitoringService:
    from careerdesk.core.advising.adapters import default_sources
    from careerdesk.core.advising.service import MonitoringService, role_names

    return MonitoringService(app.db, app.profiles, default_sources(app), app.clock, role_names())


def kiosk(app: App) -> KioskService:
    from careerdesk.core.kiosk.service import KioskService

    return KioskService(app.db, app.profiles, app.bus, app.clock)


def schedule(app: App) -> ScheduleService:
    """The OS scheduler entry for the 6-hourly refresh (docs/scheduling.md)."""
    from careerdesk.core.scheduling.service import this_machine
    from careerdesk.integrations.os_scheduler import SubprocessTools

    return this_machine(SubprocessTools(), app.paths.log_dir)


# Keyed by the class's dotted name, so looking a factory up imports no feature module.
FACTORIES: dict[str, Factory] = {
    "careerdesk.core.skills.service.SkillProfileService": skills,
    "careerdesk.core.skills.gaps.GapAnalysisService": gaps,
    "careerdesk.core.assessments.service.AssessmentService": assessments,
    "careerdesk.core.learning.service.LearningService": learning,
    "careerdesk.core.profiles.workflow.WorkflowService": workflow,
    "careerdesk.core.player.service.VideoProgressService": video_progress,
    "careerdesk.core.player.library.ContentLibraryService": content_library,
    "careerdesk.core.interviews.service.InterviewPracticeService": interviews,
    "careerdesk.core.insights.service.InsightsService": insights,
    "careerdesk.core.insights.career_service.CareerRecommendationService": (career_recommendations),
    "careerdesk.core.insights.interests.InterestService": interests,
    "careerdesk.core.insights.target_companies.TargetCompanyService": target_companies,
    "careerdesk.core.charts.queries.ChartsDataService": charts,
    "careerdesk.core.pipeline.service.ApplicationService": applications,
    "careerdesk.core.pipeline.io.service.PipelineTransfer": pipeline_transfer,
    "careerdesk.core.pipeline.intel.fit_service.FitService": fit,
    "careerdesk.core.pipeline.intel.followup_service.FollowUpService": follow_ups,
    "careerdesk.core.pipeline.intel.preferences.PreferencesService": work_preferences,
    "careerdesk.core.pipeline.intel.analytics_service.AnalyticsService": analytics,
    "careerdesk.core.pipeline.intel.job_recommendation_service.JobRecommendationService": (
        job_recommendations
    ),
    "careerdesk.core.companies.service.CompanyService": companies,
    "careerdesk.core.postings.service.PostingService": postings,
    "careerdesk.core.resumes.service.ResumeService": resumes,
    "careerdesk.core.calendar.service.CalendarSyncService": calendar_service,
    "careerdesk.integrations.ics.IcsExporter": ics,
    "careerdesk.core.calendar.sync.CalendarSync": calendar_sync,
    "careerdesk.core.advising.service.MonitoringService": monitoring,
    "careerdesk.core.kiosk.service.KioskService": kiosk,
    "careerdesk.core.scheduling.service.ScheduleService": schedule,
    "careerdesk.core.offers.service.OfferService": lambda app: _offers(app),
}


def content_packs(app: App) -> PackService:
    """Content packs for the whole installation; files in the data folder (docs/packs.md)."""
    from careerdesk.core.packs.service import PackService

    return PackService(
        app.db, app.bus, app.paths.data_dir, prober=media_prober(app), clock=app.clock
    )


FACTORIES["careerdesk.core.packs.service.PackService"] = content_packs


def media_prober(app: App) -> QtMediaProber:
    """Video length, title and playability through QtMultimedia (integrations/media_qt.py)."""
    from careerdesk.integrations.media_qt import QtMediaProber

    return app.service(QtMediaProber)


FACTORIES["careerdesk.integrations.media_qt.QtMediaProber"] = lambda app: _qt_prober()


def _qt_prober() -> QtMediaProber:
    from careerdesk.integrations.media_qt import QtMediaProber

    return QtMediaProber()


def _offers(app: App) -> object:
    from careerdesk.core.offers.service import OfferService

    return OfferService(app.db, app.bus, app.clock)


def factory_for(cls: type) -> Factory:
    """The factory of ``cls``; a class that is not a service is a programming error."""
    key = f"{cls.__module__}.{cls.__qualname__}"
    try:
        return FACTORIES[key]
    except KeyError:
        raise LookupError(f"{key} is not a service of the app (see careerdesk/wiring.py)") from None


def start_services(app: App) -> None:
    """Subscribe the services that react to events, when the app starts.

    The subscription is made here, once, whatever screen or command runs; the service itself
    is built on the first event (or first use), with the app's dependencies at that time.
    """
    from careerdesk.core.pipeline.events import ApplicationChanged

    def start_or_cancel_follow_ups(event: ApplicationChanged) -> None:
        # Imported on the first event, not at start-up: opening the app stays cheap.
        from careerdesk.core.pipeline.intel.followup_service import FollowUpService

        app.service(FollowUpService).on_application_changed(event)

    app.bus.subscribe(ApplicationChanged, start_or_cancel_follow_ups)

    def freeze_verdict(event: ApplicationChanged) -> None:
        # Verdict snapshots (docs/intel.md): the fit is frozen whenever a state is entered.
        from careerdesk.core.pipeline.intel.fit_service import FitService

        app.service(FitService).on_application_changed(event)

    app.bus.subscribe(ApplicationChanged, freeze_verdict)

    from careerdesk.core.profiles.events import ProfileDeleted

    def forget_calendar_sign_in(event: ProfileDeleted) -> None:
        # A learner's own Google sign-in (kiosk) goes with their profile (docs/calendar.md).
        from careerdesk.core.calendar.sync import CalendarSync

        if event.profile_id is not None:
            app.service(CalendarSync).forget_profile(event.profile_id)

    app.bus.subscribe(ProfileDeleted, forget_calendar_sign_in)
